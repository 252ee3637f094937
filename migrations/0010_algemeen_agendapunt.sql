-- Issue 20 "Overleg": general agenda items that are not a casus ("Mededelingen",
-- "Evaluatie werkwijze"). `casus_id` becomes nullable and a general item carries its
-- subject in `tekst` (empty for a casus item, which shows the casus instead).
--
-- Sync: agenda items are scoped by their casus (the change log's casus column comes from
-- `casus_id`). A general item has no casus and holds no personal data, so its operations get
-- scope "" and reach every colleague, like the meeting itself (overleg rows are not scoped
-- by casus either). Older replicas never see such an item with a casus they lack.
--
-- SQLite cannot drop NOT NULL in place, so the table is rebuilt. `actie.agendapunt_id`
-- refers to it with a deferred foreign key: dropping the old table counts those references
-- as pending violations and inserting the rows back into the new `agendapunt` settles them
-- before the migration commits (a copy under another name that is renamed would not).
CREATE TABLE agendapunt_oud AS SELECT * FROM agendapunt;
DROP TABLE agendapunt;
CREATE TABLE agendapunt (
    id           TEXT PRIMARY KEY,
    overleg_id   TEXT NOT NULL REFERENCES overleg(id) DEFERRABLE INITIALLY DEFERRED,
    casus_id     TEXT REFERENCES casus(id) DEFERRABLE INITIALLY DEFERRED,
    starttijd    TEXT NOT NULL DEFAULT '',
    duur_minuten INTEGER NOT NULL DEFAULT 15,
    volgorde     INTEGER NOT NULL DEFAULT 0,
    beeld        TEXT NOT NULL DEFAULT '',
    oordeel      TEXT NOT NULL DEFAULT '',
    besluit      TEXT NOT NULL DEFAULT '',
    tekst        TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO agendapunt (id, overleg_id, casus_id, starttijd, duur_minuten, volgorde, beeld, oordeel, besluit)
    SELECT id, overleg_id, casus_id, starttijd, duur_minuten, volgorde, beeld, oordeel, besluit FROM agendapunt_oud;
DROP TABLE agendapunt_oud;
CREATE INDEX agendapunt_overleg ON agendapunt(overleg_id);
CREATE INDEX agendapunt_casus ON agendapunt(casus_id);

-- Issue 22 point 2: detentiemeldingen and nazorg (aanbod per leefgebied).
--
-- A detentiemelding is a message about a detained person that is not (yet) a casus. Its
-- behandelaar (a medewerker: the nazorgcoördinator or a trajectbegeleider) is its scope key
-- for sync, retention and inzage: the change log's casus column of every operation on a
-- melding and its rows carries the melding id (a UUID, never equal to a casus id), so a
-- trajectbegeleider's bundle holds only the meldingen they handle (store::medewerker,
-- recht_van_collega) and compaction waits for exactly those colleagues.
--
-- Ids of other records (medewerker, gemeente, contactpersoon, the casus a melding became)
-- carry no foreign key: a scoped replica may hold a melding whose casus it may not see.
CREATE TABLE detentiemelding (
    id                    TEXT PRIMARY KEY,
    behandelaar_id        TEXT,
    ontvangen_op          TEXT NOT NULL DEFAULT '',
    naam                  TEXT NOT NULL DEFAULT '',
    geboortedatum         TEXT,
    bsn                   TEXT,
    bron                  TEXT NOT NULL DEFAULT 'anders',
    inrichting            TEXT NOT NULL DEFAULT '',
    startdatum            TEXT,
    einddatum_verwacht    TEXT,
    einddatum_werkelijk   TEXT,
    zelfmelder            INTEGER NOT NULL DEFAULT 0,
    kortgestrafte         INTEGER NOT NULL DEFAULT 0,
    gemeente_id           TEXT,
    status                TEXT NOT NULL DEFAULT 'ontvangen',
    route                 TEXT,
    triage_reden          TEXT NOT NULL DEFAULT '',
    getrieerd_op          TEXT,
    overdracht_contact_id TEXT,
    overdracht_warm       INTEGER NOT NULL DEFAULT 0,
    overgedragen_op       TEXT,
    omgezet_casus_id      TEXT,
    omgezet_op            TEXT,
    aangemaakt_hlc        INTEGER NOT NULL DEFAULT 0,
    aangemaakt_door       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX detentiemelding_behandelaar ON detentiemelding(behandelaar_id);
CREATE INDEX detentiemelding_uitstroom ON detentiemelding(einddatum_verwacht);

-- The enrichment checklist: one row per source (DJI, reclassering, gemeente, …) of a
-- melding, with when it was asked and answered. Its id is derived from melding and source
-- (UUIDv5), so two devices that ask the same source meet in one row.
CREATE TABLE meldingbron (
    id             TEXT PRIMARY KEY,
    melding_id     TEXT NOT NULL DEFAULT '',
    bron           TEXT NOT NULL DEFAULT 'anders',
    gevraagd_op    TEXT,
    beantwoord_op  TEXT,
    antwoord       TEXT NOT NULL DEFAULT '',
    aangemaakt_hlc INTEGER NOT NULL DEFAULT 0,
    aangemaakt_door TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX meldingbron_melding ON meldingbron(melding_id);

-- Aanbod per leefgebied (a fixed list, see domain::detentiemelding::AanbodGebied), once on a
-- melding and once on a (nazorg) casus: two tables, because each is scoped by its own
-- owner. One row per owner and leefgebied (UUIDv5 id).
CREATE TABLE melding_aanbod (
    id          TEXT PRIMARY KEY,
    melding_id  TEXT NOT NULL DEFAULT '',
    leefgebied  TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'bezig',
    datum       TEXT NOT NULL DEFAULT '',
    toelichting TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX melding_aanbod_melding ON melding_aanbod(melding_id);

CREATE TABLE casus_aanbod (
    id          TEXT PRIMARY KEY,
    casus_id    TEXT NOT NULL REFERENCES casus(id) DEFERRABLE INITIALLY DEFERRED,
    leefgebied  TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'bezig',
    datum       TEXT NOT NULL DEFAULT '',
    toelichting TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX casus_aanbod_casus ON casus_aanbod(casus_id);

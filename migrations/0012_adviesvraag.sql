-- Issue 22 "Advies kort": a partner or gemeente asks the ZVH for advice without an
-- aanmelding. The ZVH counts these separately, per thema, gemeente and vraagsteller.
--
-- No personal data by default: at most the initials of the person the question is about.
-- Thema and gemeente come from the editable lists; vraagsteller is a partner with an
-- optional contact person (both archived, never deleted, so plain foreign keys hold).
--
-- `casus_id` is set when the question was converted into an aanmelding ("omzetten"): the
-- casus keeps the link through it (the casus shows that it came from an adviesvraag). It
-- is a plain id without a foreign key, because a casus removed after its retention term
-- must not be held back by it (the removal takes the adviesvraag with it).
--
-- Sync: the row is its own scope key in the change log (like a casus), so a bundle
-- limited to some casussen (a trajectbegeleider's) carries an adviesvraag only when it
-- was converted into a casus inside that scope (see docs/bundle-format.md).
CREATE TABLE adviesvraag (
    id              TEXT PRIMARY KEY,
    datum           TEXT NOT NULL,
    thema_id        TEXT REFERENCES thema(id) DEFERRABLE INITIALLY DEFERRED,
    gemeente_id     TEXT REFERENCES gemeente(id) DEFERRABLE INITIALLY DEFERRED,
    partner_id      TEXT REFERENCES partner(id) DEFERRABLE INITIALLY DEFERRED,
    contact_id      TEXT REFERENCES contactpersoon(id) DEFERRABLE INITIALLY DEFERRED,
    initialen       TEXT NOT NULL DEFAULT '',
    vraag           TEXT NOT NULL DEFAULT '',
    advies          TEXT NOT NULL DEFAULT '',
    minuten         INTEGER NOT NULL DEFAULT 0,
    doorverwezen    TEXT NOT NULL DEFAULT '',
    casus_id        TEXT,
    aangemaakt_hlc  INTEGER NOT NULL DEFAULT 0,
    aangemaakt_door TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX adviesvraag_datum ON adviesvraag(datum);
CREATE INDEX adviesvraag_casus ON adviesvraag(casus_id);

-- Issue 22 "Opschaling": when a casus stalls it is escalated to management, bestuur or the
-- driehoek. An event with a date, a reason and (later) an outcome, under its casus (scoped,
-- kept and removed with it like the journaal).
CREATE TABLE opschaling (
    id              TEXT PRIMARY KEY,
    casus_id        TEXT NOT NULL REFERENCES casus(id) DEFERRABLE INITIALLY DEFERRED,
    datum           TEXT NOT NULL,
    naar            TEXT NOT NULL,
    reden           TEXT NOT NULL DEFAULT '',
    uitkomst        TEXT NOT NULL DEFAULT '',
    aangemaakt_hlc  INTEGER NOT NULL DEFAULT 0,
    aangemaakt_door TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX opschaling_casus ON opschaling(casus_id);

-- Issue 22 "Gemeente": the board lists and filters cases by gemeente, so its covering
-- index carries the gemeente too (the board query stays answered from the index alone).
DROP INDEX casus_bord;
CREATE INDEX casus_bord ON casus(jaar, volgnummer, id, nummer, werknaam, thema_id, fase, ave, weging_uitkomst,
                                 procesregisseur_id, trajectbegeleider_id, casusregisseur_id, datum_aanmelding,
                                 gemeente_id);

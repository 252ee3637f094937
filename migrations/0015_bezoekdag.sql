-- Issue 22 point 3: the PI-bezoekdag. A trajectbegeleider visits several detained persons
-- in one institution on one day (offline, on a laptop that synced its scoped bundle the
-- evening before), and afterwards records one report per person.
--
-- A bezoek is its own scope key (its id in the change log's casus column), given to the
-- device of its behandelaar like a detentiemelding (`Store::casussen_van_apparaat`).
-- A person on the list (`bezoek_persoon`) belongs to two scopes: the bezoek and the
-- melding or casus of the person (`eigenaar_id`); its scope key is the pair of both ids
-- (`team::paar_scope`), so a row never reaches a colleague or bundle without both, and
-- the casus of a visited betrokkene never leaks through the visit list.
--
-- Retention: a bezoek holds no personal data of its own (institution, date,
-- behandelaar). Its persons go with their melding or casus; a bezoek whose last person
-- went that way is removed with it (`store::bezoek`).
CREATE TABLE bezoek (
    id              TEXT PRIMARY KEY,
    behandelaar_id  TEXT,
    inrichting      TEXT NOT NULL DEFAULT '',
    datum           TEXT NOT NULL DEFAULT '',
    aangemaakt_hlc  INTEGER NOT NULL DEFAULT 0,
    aangemaakt_door TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX bezoek_behandelaar ON bezoek(behandelaar_id);

-- One person on the list: a melding (melding_id) or a betrokkene of a casus
-- (betrokkene_id); eigenaar_id is the melding id or the casus id (the person's scope).
-- Its id is derived from bezoek and person (UUIDv5): adding one person twice on two
-- devices meets in one row.
CREATE TABLE bezoek_persoon (
    id            TEXT PRIMARY KEY,
    bezoek_id     TEXT NOT NULL DEFAULT '',
    eigenaar_id   TEXT NOT NULL DEFAULT '',
    melding_id    TEXT,
    betrokkene_id TEXT,
    volgorde      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX bezoek_persoon_bezoek ON bezoek_persoon(bezoek_id);
CREATE INDEX bezoek_persoon_eigenaar ON bezoek_persoon(eigenaar_id);

-- Notes on a melding (a melding has no casus, and journaal.casus_id is required): the
-- report of a PI-bezoek (soort 'pi_bezoek', with the institution) or a plain note.
-- Scoped by the melding id, removed with the melding.
CREATE TABLE melding_notitie (
    id              TEXT PRIMARY KEY,
    melding_id      TEXT NOT NULL DEFAULT '',
    datum           TEXT NOT NULL DEFAULT '',
    auteur          TEXT NOT NULL DEFAULT '',
    soort           TEXT NOT NULL DEFAULT 'notitie',
    inrichting      TEXT,
    tekst           TEXT NOT NULL DEFAULT '',
    aangemaakt_hlc  INTEGER NOT NULL DEFAULT 0,
    aangemaakt_door TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX melding_notitie_melding ON melding_notitie(melding_id);

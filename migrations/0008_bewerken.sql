-- Issue 20 "Editing": the weging outcome with its date and meeting, editable lists for
-- gemeenten and meeting types, a gemeente per casus, and a risicotaxatie with moment and
-- assessor.

-- The weging outcome keeps its own date and, when a weegtafel decided it, the meeting.
-- Older databases recorded the outcome with `datum_besluit`; that date is carried over.
-- `weging_overleg_id` is a plain id (no foreign key): the meeting may not have reached a
-- replica that receives the casus (meetings are not scoped by casus).
ALTER TABLE casus ADD COLUMN weging_datum TEXT;
ALTER TABLE casus ADD COLUMN weging_overleg_id TEXT;
UPDATE casus SET weging_datum = datum_besluit WHERE weging_uitkomst IS NOT NULL;

-- Gemeenten: an editable, synced list like thema and leefgebied. Every ZVH has its own
-- region, so the list starts empty. A casus names its gemeente by id.
CREATE TABLE gemeente (
    id       TEXT PRIMARY KEY,
    naam     TEXT NOT NULL DEFAULT '',
    actief   INTEGER NOT NULL DEFAULT 1,
    volgorde INTEGER NOT NULL DEFAULT 0
) STRICT;
ALTER TABLE casus ADD COLUMN gemeente_id TEXT REFERENCES gemeente(id) DEFERRABLE INITIALLY DEFERRED;

-- Meeting types: an editable, synced list. `overleg.soort` keeps holding the id, so the
-- seed ids are the codes older replicas already write and read. Each type carries a fixed
-- `categorie` that renaming never changes: a weegtafel renamed to "Triageoverleg" still
-- records weging outcomes. New types get categorie 'overig' unless created as weegtafel.
CREATE TABLE overlegsoort (
    id        TEXT PRIMARY KEY,
    naam      TEXT NOT NULL DEFAULT '',
    categorie TEXT NOT NULL DEFAULT 'overig',
    actief    INTEGER NOT NULL DEFAULT 1,
    volgorde  INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO overlegsoort (id, naam, categorie, volgorde) VALUES
    ('weegtafel', 'Weegtafel', 'weegtafel', 1),
    ('casusoverleg', 'Casusoverleg', 'casusoverleg', 2),
    ('mda_analyseteam', 'MDA++ analyseteam', 'overig', 3),
    ('drieluik', 'Drieluik', 'overig', 4),
    ('stalkingtafel', 'Stalkingtafel', 'overig', 5),
    ('netwerkoverleg', 'Netwerkoverleg', 'overig', 6);

-- Risicotaxatie: when it was made (start / evaluatie / afschaling) and by whom (free text,
-- by default the local user's name). Older rows get moment 'start' and no assessor.
ALTER TABLE risico ADD COLUMN moment TEXT NOT NULL DEFAULT 'start';
ALTER TABLE risico ADD COLUMN beoordelaar TEXT NOT NULL DEFAULT '';

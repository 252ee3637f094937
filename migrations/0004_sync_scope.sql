-- Sync by need-to-know scope (bundle format 2, docs/bundle-format.md).
--
-- What a device holds of another device's change log, and what a colleague confirmed to
-- hold, is now kept per *scope*: a casus id, '' for rows that belong to no casus
-- (partners, themes, meetings), or '*' for every scope at once. A bundle limited to some
-- cases vouches only for those cases, so later data of other cases is never taken as
-- received. The old per-device figures cannot tell which cases they covered (format 1
-- vouched for whole ranges even when it sent only some cases), so they are dropped: the
-- first bundle after this upgrade carries everything in scope once more, and importing
-- known operations again changes nothing.
DROP TABLE dekking;
CREATE TABLE dekking (
    apparaat TEXT NOT NULL,
    scope    TEXT NOT NULL,
    van      INTEGER NOT NULL,
    tot      INTEGER NOT NULL,
    PRIMARY KEY (apparaat, scope, van)
) STRICT;

DROP TABLE bevestigd;
CREATE TABLE bevestigd (
    collega  TEXT NOT NULL,
    apparaat TEXT NOT NULL,
    scope    TEXT NOT NULL,
    van      INTEGER NOT NULL,
    tot      INTEGER NOT NULL,
    PRIMARY KEY (collega, apparaat, scope, van)
) STRICT;

-- Rows whose operations are held but that cannot be built yet: a required parent (their
-- casus, a goal, a partner) has not arrived. Every import retries them, so a row that
-- arrived before its casus appears as soon as the casus does.
CREATE TABLE wachtend (
    tabel TEXT NOT NULL,
    rij   TEXT NOT NULL,
    PRIMARY KEY (tabel, rij)
) STRICT, WITHOUT ROWID;

INSERT OR IGNORE INTO wachtend(tabel, rij)
SELECT DISTINCT k.tabel, k.rij FROM kop k
WHERE k.tabel = 'thema' AND NOT EXISTS (SELECT 1 FROM thema r WHERE r.id = k.rij);
INSERT OR IGNORE INTO wachtend(tabel, rij)
SELECT DISTINCT k.tabel, k.rij FROM kop k
WHERE k.tabel = 'leefgebied' AND NOT EXISTS (SELECT 1 FROM leefgebied r WHERE r.id = k.rij);
INSERT OR IGNORE INTO wachtend(tabel, rij)
SELECT DISTINCT k.tabel, k.rij FROM kop k
WHERE k.tabel = 'partner' AND NOT EXISTS (SELECT 1 FROM partner r WHERE r.id = k.rij);
INSERT OR IGNORE INTO wachtend(tabel, rij)
SELECT DISTINCT k.tabel, k.rij FROM kop k
WHERE k.tabel = 'contactpersoon' AND NOT EXISTS (SELECT 1 FROM contactpersoon r WHERE r.id = k.rij);
INSERT OR IGNORE INTO wachtend(tabel, rij)
SELECT DISTINCT k.tabel, k.rij FROM kop k
WHERE k.tabel = 'casus' AND NOT EXISTS (SELECT 1 FROM casus r WHERE r.id = k.rij);
INSERT OR IGNORE INTO wachtend(tabel, rij)
SELECT DISTINCT k.tabel, k.rij FROM kop k
WHERE k.tabel = 'ave_historie' AND NOT EXISTS (SELECT 1 FROM ave_historie r WHERE r.id = k.rij);
INSERT OR IGNORE INTO wachtend(tabel, rij)
SELECT DISTINCT k.tabel, k.rij FROM kop k
WHERE k.tabel = 'fase_historie' AND NOT EXISTS (SELECT 1 FROM fase_historie r WHERE r.id = k.rij);
INSERT OR IGNORE INTO wachtend(tabel, rij)
SELECT DISTINCT k.tabel, k.rij FROM kop k
WHERE k.tabel = 'betrokkene' AND NOT EXISTS (SELECT 1 FROM betrokkene r WHERE r.id = k.rij);
INSERT OR IGNORE INTO wachtend(tabel, rij)
SELECT DISTINCT k.tabel, k.rij FROM kop k
WHERE k.tabel = 'detentie' AND NOT EXISTS (SELECT 1 FROM detentie r WHERE r.id = k.rij);
INSERT OR IGNORE INTO wachtend(tabel, rij)
SELECT DISTINCT k.tabel, k.rij FROM kop k
WHERE k.tabel = 'journaal' AND NOT EXISTS (SELECT 1 FROM journaal r WHERE r.id = k.rij);
INSERT OR IGNORE INTO wachtend(tabel, rij)
SELECT DISTINCT k.tabel, k.rij FROM kop k
WHERE k.tabel = 'doel' AND NOT EXISTS (SELECT 1 FROM doel r WHERE r.id = k.rij);
INSERT OR IGNORE INTO wachtend(tabel, rij)
SELECT DISTINCT k.tabel, k.rij FROM kop k
WHERE k.tabel = 'actie' AND NOT EXISTS (SELECT 1 FROM actie r WHERE r.id = k.rij);
INSERT OR IGNORE INTO wachtend(tabel, rij)
SELECT DISTINCT k.tabel, k.rij FROM kop k
WHERE k.tabel = 'risico' AND NOT EXISTS (SELECT 1 FROM risico r WHERE r.id = k.rij);
INSERT OR IGNORE INTO wachtend(tabel, rij)
SELECT DISTINCT k.tabel, k.rij FROM kop k
WHERE k.tabel = 'planversie' AND NOT EXISTS (SELECT 1 FROM planversie r WHERE r.id = k.rij);
INSERT OR IGNORE INTO wachtend(tabel, rij)
SELECT DISTINCT k.tabel, k.rij FROM kop k
WHERE k.tabel = 'overleg' AND NOT EXISTS (SELECT 1 FROM overleg r WHERE r.id = k.rij);
INSERT OR IGNORE INTO wachtend(tabel, rij)
SELECT DISTINCT k.tabel, k.rij FROM kop k
WHERE k.tabel = 'genodigde' AND NOT EXISTS (SELECT 1 FROM genodigde r WHERE r.id = k.rij);
INSERT OR IGNORE INTO wachtend(tabel, rij)
SELECT DISTINCT k.tabel, k.rij FROM kop k
WHERE k.tabel = 'agendapunt' AND NOT EXISTS (SELECT 1 FROM agendapunt r WHERE r.id = k.rij);
INSERT OR IGNORE INTO wachtend(tabel, rij)
SELECT DISTINCT k.tabel, k.rij FROM kop k
WHERE k.tabel = 'bewaarverlenging' AND NOT EXISTS (SELECT 1 FROM bewaarverlenging r WHERE r.id = k.rij);

-- Creation order that is the same on every replica: the clock (HLC) and device of the
-- operation that created the row. Lists with equal dates (journaal) or equal positions
-- order by these instead of the local rowid, which differs per replica. Synced fields, so
-- the order survives a compacted change log; existing rows take them from the change log.
ALTER TABLE ave_historie ADD COLUMN aangemaakt_hlc INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ave_historie ADD COLUMN aangemaakt_door TEXT NOT NULL DEFAULT '';
UPDATE ave_historie SET
    aangemaakt_hlc = coalesce((SELECT min(w.hlc) FROM wijziging w
                               WHERE w.tabel = 'ave_historie' AND w.rij = ave_historie.id AND w.veld IS NOT NULL), 0),
    aangemaakt_door = coalesce((SELECT w.apparaat FROM wijziging w
                                WHERE w.tabel = 'ave_historie' AND w.rij = ave_historie.id AND w.veld IS NOT NULL
                                ORDER BY w.hlc, w.apparaat LIMIT 1), '');
ALTER TABLE fase_historie ADD COLUMN aangemaakt_hlc INTEGER NOT NULL DEFAULT 0;
ALTER TABLE fase_historie ADD COLUMN aangemaakt_door TEXT NOT NULL DEFAULT '';
UPDATE fase_historie SET
    aangemaakt_hlc = coalesce((SELECT min(w.hlc) FROM wijziging w
                               WHERE w.tabel = 'fase_historie' AND w.rij = fase_historie.id AND w.veld IS NOT NULL), 0),
    aangemaakt_door = coalesce((SELECT w.apparaat FROM wijziging w
                                WHERE w.tabel = 'fase_historie' AND w.rij = fase_historie.id AND w.veld IS NOT NULL
                                ORDER BY w.hlc, w.apparaat LIMIT 1), '');
ALTER TABLE journaal ADD COLUMN aangemaakt_hlc INTEGER NOT NULL DEFAULT 0;
ALTER TABLE journaal ADD COLUMN aangemaakt_door TEXT NOT NULL DEFAULT '';
UPDATE journaal SET
    aangemaakt_hlc = coalesce((SELECT min(w.hlc) FROM wijziging w
                               WHERE w.tabel = 'journaal' AND w.rij = journaal.id AND w.veld IS NOT NULL), 0),
    aangemaakt_door = coalesce((SELECT w.apparaat FROM wijziging w
                                WHERE w.tabel = 'journaal' AND w.rij = journaal.id AND w.veld IS NOT NULL
                                ORDER BY w.hlc, w.apparaat LIMIT 1), '');
ALTER TABLE doel ADD COLUMN aangemaakt_hlc INTEGER NOT NULL DEFAULT 0;
ALTER TABLE doel ADD COLUMN aangemaakt_door TEXT NOT NULL DEFAULT '';
UPDATE doel SET
    aangemaakt_hlc = coalesce((SELECT min(w.hlc) FROM wijziging w
                               WHERE w.tabel = 'doel' AND w.rij = doel.id AND w.veld IS NOT NULL), 0),
    aangemaakt_door = coalesce((SELECT w.apparaat FROM wijziging w
                                WHERE w.tabel = 'doel' AND w.rij = doel.id AND w.veld IS NOT NULL
                                ORDER BY w.hlc, w.apparaat LIMIT 1), '');
ALTER TABLE actie ADD COLUMN aangemaakt_hlc INTEGER NOT NULL DEFAULT 0;
ALTER TABLE actie ADD COLUMN aangemaakt_door TEXT NOT NULL DEFAULT '';
UPDATE actie SET
    aangemaakt_hlc = coalesce((SELECT min(w.hlc) FROM wijziging w
                               WHERE w.tabel = 'actie' AND w.rij = actie.id AND w.veld IS NOT NULL), 0),
    aangemaakt_door = coalesce((SELECT w.apparaat FROM wijziging w
                                WHERE w.tabel = 'actie' AND w.rij = actie.id AND w.veld IS NOT NULL
                                ORDER BY w.hlc, w.apparaat LIMIT 1), '');

-- Export of a scoped bundle reads the change log per casus.
CREATE INDEX wijziging_casus_volg ON wijziging(casus_id, apparaat, volgnummer);
DROP INDEX wijziging_casus;

-- A colleague of another organisation is linked to that organisation's partner record;
-- the covenant check on export follows the link and fails closed without one. Existing
-- colleagues are linked where their card's organisation is exactly a partner's name.
ALTER TABLE collega ADD COLUMN partner_id TEXT;
UPDATE collega SET partner_id = (SELECT p.id FROM partner p WHERE lower(p.naam) = lower(trim(collega.organisatie))
                                 ORDER BY p.gearchiveerd, p.id LIMIT 1)
WHERE trim(organisatie) != '';

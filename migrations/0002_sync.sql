-- Sync between colleagues by signed, encrypted bundle files (docs/bundle-format.md).
-- None of these tables is itself synced; they describe this device's view of the team.

-- This device's signing key (Ed25519 seed) and age X25519 identity. Kept inside the
-- SQLCipher file, so they are protected by the DB key (keychain or passphrase file) and
-- never leave the device; only the public halves go out on a visitekaartje.
CREATE TABLE apparaat_identiteit (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    ondertekening BLOB NOT NULL CHECK (length(ondertekening) = 32),
    age           TEXT NOT NULL
) STRICT;

-- The team roster: colleagues whose visitekaartje was imported. A colleague is trusted
-- only after the fingerprint was compared in person (bevestigd_op). Removal keeps the row
-- so that later bundles from that device are recognised and refused.
CREATE TABLE collega (
    apparaat      TEXT PRIMARY KEY,
    naam          TEXT NOT NULL,
    rol           TEXT NOT NULL,
    organisatie   TEXT NOT NULL DEFAULT '',
    ondertekening BLOB NOT NULL CHECK (length(ondertekening) = 32),
    age           TEXT NOT NULL,
    toegevoegd_op TEXT NOT NULL,
    bevestigd_op  TEXT,
    verwijderd_op TEXT
) STRICT;

-- Per colleague and origin device: the sequence number up to which the colleague has
-- confirmed (in the version vector of a bundle they sent) to hold every operation.
CREATE TABLE bevestigd (
    collega  TEXT NOT NULL,
    apparaat TEXT NOT NULL,
    tot      INTEGER NOT NULL,
    PRIMARY KEY (collega, apparaat)
) STRICT;

-- Sequence ranges of other devices that this device has received (merged intervals).
CREATE TABLE dekking (
    apparaat TEXT NOT NULL,
    van      INTEGER NOT NULL,
    tot      INTEGER NOT NULL,
    PRIMARY KEY (apparaat, van)
) STRICT;

-- Names of devices met only through relayed operations (from the sender's roster), so
-- a conflict can say who wrote a value. Informational; never used for trust.
CREATE TABLE apparaat_naam (
    apparaat TEXT PRIMARY KEY,
    naam     TEXT NOT NULL
) STRICT;

-- Bundles already imported, so a replayed file is recognised.
CREATE TABLE bundel_ontvangen (
    id           TEXT PRIMARY KEY,
    afzender     TEXT NOT NULL,
    ontvangen_op TEXT NOT NULL,
    operaties    INTEGER NOT NULL
) STRICT;

-- Causality per field: operation (apparaat, volgnummer) was written by someone who had
-- seen (basis_apparaat, basis_volgnummer) as a current value of that field.
CREATE TABLE wijziging_basis (
    apparaat         TEXT NOT NULL,
    volgnummer       INTEGER NOT NULL,
    basis_apparaat   TEXT NOT NULL,
    basis_volgnummer INTEGER NOT NULL,
    PRIMARY KEY (basis_apparaat, basis_volgnummer, apparaat, volgnummer)
) STRICT, WITHOUT ROWID;

-- The current heads per field: operations no other known operation has seen. One head is
-- the normal case; more than one is a conflict (the newest by HLC, then device id, wins).
CREATE TABLE kop (
    tabel      TEXT NOT NULL,
    rij        TEXT NOT NULL,
    veld       TEXT NOT NULL,
    apparaat   TEXT NOT NULL,
    volgnummer INTEGER NOT NULL,
    hlc        INTEGER NOT NULL,
    PRIMARY KEY (tabel, rij, veld, apparaat, volgnummer)
) STRICT, WITHOUT ROWID;

-- Fields with more than one head, for the conflict list per casus.
CREATE TABLE conflictveld (
    tabel    TEXT NOT NULL,
    rij      TEXT NOT NULL,
    veld     TEXT NOT NULL,
    casus_id TEXT,
    PRIMARY KEY (tabel, rij, veld)
) STRICT, WITHOUT ROWID;
CREATE INDEX conflictveld_casus ON conflictveld(casus_id);

-- Existing data: before sync only this device wrote, so each field's history is a chain.
INSERT INTO wijziging_basis(apparaat, volgnummer, basis_apparaat, basis_volgnummer)
SELECT apparaat, volgnummer, vorig_apparaat, vorig_volgnummer FROM (
    SELECT apparaat, volgnummer,
           lag(apparaat) OVER w AS vorig_apparaat,
           lag(volgnummer) OVER w AS vorig_volgnummer
    FROM wijziging WHERE veld IS NOT NULL
    WINDOW w AS (PARTITION BY tabel, rij, veld ORDER BY hlc, apparaat)
) WHERE vorig_apparaat IS NOT NULL;

INSERT INTO kop(tabel, rij, veld, apparaat, volgnummer, hlc)
SELECT tabel, rij, veld, apparaat, volgnummer, hlc FROM (
    SELECT tabel, rij, veld, apparaat, volgnummer, hlc,
           row_number() OVER (PARTITION BY tabel, rij, veld ORDER BY hlc DESC, apparaat DESC) AS n
    FROM wijziging WHERE veld IS NOT NULL
) AS laatste
WHERE n = 1 AND NOT EXISTS (
    SELECT 1 FROM wijziging g WHERE g.tabel = laatste.tabel AND g.rij = laatste.rij AND g.veld IS NULL
);

-- Export looks up the basis of an operation by the operation itself.
CREATE INDEX wijziging_basis_op ON wijziging_basis(apparaat, volgnummer);

-- A change log that stays small (issue 23, docs/benchmarks.md).
--
-- Every operation repeated its device id, row id and casus id as 36-byte UUID text, in
-- the row and again in every index and head. Now each such text (and each table and
-- field name) is stored once in `tekstnr`, and the change-log tables hold its number.
-- The numbers are local to this database: bundles still carry the texts (the wire
-- format is unchanged), and two replicas may number the same text differently.
--
-- The old table names stay as views that show the texts, so reading the log reads as
-- before; INSTEAD OF triggers intern the texts on insert. Hot paths (writing, import,
-- export, compaction) query the numbered tables directly.
CREATE TABLE tekstnr (
    nr    INTEGER PRIMARY KEY,
    tekst TEXT NOT NULL UNIQUE
) STRICT;

-- Table and field names first, so the most repeated numbers are the smallest.
INSERT INTO tekstnr(tekst)
SELECT tabel FROM wijziging UNION SELECT veld FROM wijziging WHERE veld IS NOT NULL
UNION SELECT tabel FROM kop UNION SELECT veld FROM kop;
INSERT INTO tekstnr(tekst)
SELECT t FROM (
    SELECT apparaat AS t FROM wijziging UNION SELECT rij FROM wijziging
    UNION SELECT casus_id FROM wijziging WHERE casus_id IS NOT NULL
    UNION SELECT rij FROM kop UNION SELECT apparaat FROM kop
    UNION SELECT apparaat FROM vervangen
    UNION SELECT apparaat FROM wijziging_basis UNION SELECT basis_apparaat FROM wijziging_basis
) WHERE t NOT IN (SELECT tekst FROM tekstnr);

-- The operations. Small columns first, the value last.
CREATE TABLE wijziging_nr (
    apparaat   INTEGER NOT NULL,
    volgnummer INTEGER NOT NULL,
    hlc        INTEGER NOT NULL,
    tabel      INTEGER NOT NULL,
    rij        INTEGER NOT NULL,
    veld       INTEGER,
    casus      INTEGER,
    verwijderd INTEGER NOT NULL DEFAULT 0,
    gewist     INTEGER NOT NULL DEFAULT 0,
    waarde     TEXT,
    PRIMARY KEY (apparaat, volgnummer)
) STRICT, WITHOUT ROWID;
INSERT INTO wijziging_nr(apparaat, volgnummer, hlc, tabel, rij, veld, casus, verwijderd, gewist, waarde)
SELECT a.nr, w.volgnummer, w.hlc, t.nr, r.nr, v.nr, c.nr, w.verwijderd, w.gewist, w.waarde
FROM wijziging w
JOIN tekstnr a ON a.tekst = w.apparaat
JOIN tekstnr t ON t.tekst = w.tabel
JOIN tekstnr r ON r.tekst = w.rij
LEFT JOIN tekstnr v ON v.tekst = w.veld
LEFT JOIN tekstnr c ON c.tekst = w.casus_id;
DROP TABLE wijziging;
-- Export of a scoped bundle reads the log per casus; a row's tombstone is looked up by row.
CREATE INDEX wijziging_casus_volg ON wijziging_nr(casus, apparaat, volgnummer);
CREATE INDEX wijziging_graf ON wijziging_nr(tabel, rij) WHERE veld IS NULL;

CREATE TABLE kop_nr (
    tabel      INTEGER NOT NULL,
    rij        INTEGER NOT NULL,
    veld       INTEGER NOT NULL,
    apparaat   INTEGER NOT NULL,
    volgnummer INTEGER NOT NULL,
    hlc        INTEGER NOT NULL,
    PRIMARY KEY (tabel, rij, veld, apparaat, volgnummer)
) STRICT, WITHOUT ROWID;
INSERT INTO kop_nr(tabel, rij, veld, apparaat, volgnummer, hlc)
SELECT t.nr, r.nr, v.nr, a.nr, k.volgnummer, k.hlc
FROM kop k
JOIN tekstnr t ON t.tekst = k.tabel
JOIN tekstnr r ON r.tekst = k.rij
JOIN tekstnr v ON v.tekst = k.veld
JOIN tekstnr a ON a.tekst = k.apparaat;
DROP TABLE kop;

CREATE TABLE vervangen_nr (
    apparaat   INTEGER NOT NULL,
    volgnummer INTEGER NOT NULL,
    PRIMARY KEY (apparaat, volgnummer)
) STRICT, WITHOUT ROWID;
INSERT INTO vervangen_nr(apparaat, volgnummer)
SELECT a.nr, v.volgnummer FROM vervangen v JOIN tekstnr a ON a.tekst = v.apparaat;
DROP TABLE vervangen;

CREATE TABLE wijziging_basis_nr (
    apparaat         INTEGER NOT NULL,
    volgnummer       INTEGER NOT NULL,
    basis_apparaat   INTEGER NOT NULL,
    basis_volgnummer INTEGER NOT NULL,
    PRIMARY KEY (basis_apparaat, basis_volgnummer, apparaat, volgnummer)
) STRICT, WITHOUT ROWID;
INSERT INTO wijziging_basis_nr(apparaat, volgnummer, basis_apparaat, basis_volgnummer)
SELECT a.nr, b.volgnummer, ba.nr, b.basis_volgnummer
FROM wijziging_basis b
JOIN tekstnr a ON a.tekst = b.apparaat
JOIN tekstnr ba ON ba.tekst = b.basis_apparaat;
DROP TABLE wijziging_basis;
-- Export looks up the basis of an operation by the operation itself.
CREATE INDEX wijziging_basis_op ON wijziging_basis_nr(apparaat, volgnummer);

-- The old names, with the texts.
CREATE VIEW wijziging AS
SELECT a.tekst AS apparaat, w.volgnummer, w.hlc, t.tekst AS tabel, r.tekst AS rij, v.tekst AS veld, w.waarde,
       w.verwijderd, c.tekst AS casus_id, w.gewist
FROM wijziging_nr w
JOIN tekstnr a ON a.nr = w.apparaat
JOIN tekstnr t ON t.nr = w.tabel
JOIN tekstnr r ON r.nr = w.rij
LEFT JOIN tekstnr v ON v.nr = w.veld
LEFT JOIN tekstnr c ON c.nr = w.casus;

CREATE VIEW kop AS
SELECT t.tekst AS tabel, r.tekst AS rij, v.tekst AS veld, a.tekst AS apparaat, k.volgnummer, k.hlc
FROM kop_nr k
JOIN tekstnr t ON t.nr = k.tabel
JOIN tekstnr r ON r.nr = k.rij
JOIN tekstnr v ON v.nr = k.veld
JOIN tekstnr a ON a.nr = k.apparaat;

CREATE VIEW vervangen AS
SELECT a.tekst AS apparaat, v.volgnummer FROM vervangen_nr v JOIN tekstnr a ON a.nr = v.apparaat;

CREATE VIEW wijziging_basis AS
SELECT a.tekst AS apparaat, b.volgnummer, ba.tekst AS basis_apparaat, b.basis_volgnummer
FROM wijziging_basis_nr b
JOIN tekstnr a ON a.nr = b.apparaat
JOIN tekstnr ba ON ba.nr = b.basis_apparaat;

-- Writing through the old names interns the texts first. (The INSERT into `tekstnr`
-- cannot conflict, so an outer INSERT OR IGNORE/REPLACE never renumbers a text.)
CREATE TRIGGER wijziging_invoegen INSTEAD OF INSERT ON wijziging BEGIN
    INSERT INTO tekstnr(tekst)
    SELECT t FROM (SELECT NEW.apparaat AS t UNION SELECT NEW.tabel UNION SELECT NEW.rij
                   UNION SELECT NEW.veld UNION SELECT NEW.casus_id)
    WHERE t IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tekstnr n WHERE n.tekst = t);
    INSERT INTO wijziging_nr(apparaat, volgnummer, hlc, tabel, rij, veld, casus, verwijderd, gewist, waarde)
    VALUES ((SELECT nr FROM tekstnr WHERE tekst = NEW.apparaat), NEW.volgnummer, NEW.hlc,
            (SELECT nr FROM tekstnr WHERE tekst = NEW.tabel), (SELECT nr FROM tekstnr WHERE tekst = NEW.rij),
            (SELECT nr FROM tekstnr WHERE tekst = NEW.veld), (SELECT nr FROM tekstnr WHERE tekst = NEW.casus_id),
            coalesce(NEW.verwijderd, 0), coalesce(NEW.gewist, 0), NEW.waarde);
END;
-- Only the value and its wiped flag ever change (retention removal).
CREATE TRIGGER wijziging_bijwerken INSTEAD OF UPDATE ON wijziging BEGIN
    UPDATE wijziging_nr SET waarde = NEW.waarde, gewist = NEW.gewist
    WHERE apparaat = (SELECT nr FROM tekstnr WHERE tekst = OLD.apparaat) AND volgnummer = OLD.volgnummer;
END;
CREATE TRIGGER wijziging_verwijderen INSTEAD OF DELETE ON wijziging BEGIN
    DELETE FROM wijziging_nr
    WHERE apparaat = (SELECT nr FROM tekstnr WHERE tekst = OLD.apparaat) AND volgnummer = OLD.volgnummer;
END;

CREATE TRIGGER kop_invoegen INSTEAD OF INSERT ON kop BEGIN
    INSERT INTO tekstnr(tekst)
    SELECT t FROM (SELECT NEW.tabel AS t UNION SELECT NEW.rij UNION SELECT NEW.veld UNION SELECT NEW.apparaat)
    WHERE t IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tekstnr n WHERE n.tekst = t);
    INSERT INTO kop_nr(tabel, rij, veld, apparaat, volgnummer, hlc)
    VALUES ((SELECT nr FROM tekstnr WHERE tekst = NEW.tabel), (SELECT nr FROM tekstnr WHERE tekst = NEW.rij),
            (SELECT nr FROM tekstnr WHERE tekst = NEW.veld), (SELECT nr FROM tekstnr WHERE tekst = NEW.apparaat),
            NEW.volgnummer, NEW.hlc);
END;
CREATE TRIGGER kop_verwijderen INSTEAD OF DELETE ON kop BEGIN
    DELETE FROM kop_nr
    WHERE tabel = (SELECT nr FROM tekstnr WHERE tekst = OLD.tabel) AND rij = (SELECT nr FROM tekstnr WHERE tekst = OLD.rij)
      AND veld = (SELECT nr FROM tekstnr WHERE tekst = OLD.veld)
      AND apparaat = (SELECT nr FROM tekstnr WHERE tekst = OLD.apparaat) AND volgnummer = OLD.volgnummer;
END;

CREATE TRIGGER vervangen_invoegen INSTEAD OF INSERT ON vervangen BEGIN
    INSERT INTO tekstnr(tekst) SELECT NEW.apparaat
    WHERE NEW.apparaat IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tekstnr n WHERE n.tekst = NEW.apparaat);
    INSERT INTO vervangen_nr(apparaat, volgnummer)
    VALUES ((SELECT nr FROM tekstnr WHERE tekst = NEW.apparaat), NEW.volgnummer);
END;
CREATE TRIGGER vervangen_verwijderen INSTEAD OF DELETE ON vervangen BEGIN
    DELETE FROM vervangen_nr
    WHERE apparaat = (SELECT nr FROM tekstnr WHERE tekst = OLD.apparaat) AND volgnummer = OLD.volgnummer;
END;

CREATE TRIGGER wijziging_basis_invoegen INSTEAD OF INSERT ON wijziging_basis BEGIN
    INSERT INTO tekstnr(tekst)
    SELECT t FROM (SELECT NEW.apparaat AS t UNION SELECT NEW.basis_apparaat)
    WHERE t IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tekstnr n WHERE n.tekst = t);
    INSERT INTO wijziging_basis_nr(apparaat, volgnummer, basis_apparaat, basis_volgnummer)
    VALUES ((SELECT nr FROM tekstnr WHERE tekst = NEW.apparaat), NEW.volgnummer,
            (SELECT nr FROM tekstnr WHERE tekst = NEW.basis_apparaat), NEW.basis_volgnummer);
END;
CREATE TRIGGER wijziging_basis_verwijderen INSTEAD OF DELETE ON wijziging_basis BEGIN
    DELETE FROM wijziging_basis_nr
    WHERE apparaat = (SELECT nr FROM tekstnr WHERE tekst = OLD.apparaat) AND volgnummer = OLD.volgnummer
      AND basis_apparaat = (SELECT nr FROM tekstnr WHERE tekst = OLD.basis_apparaat)
      AND basis_volgnummer = OLD.basis_volgnummer;
END;

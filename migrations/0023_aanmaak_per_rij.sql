-- One creation record per new row (issue 23, docs/benchmarks.md).
--
-- A new row logged one operation per field, each with its own head and casus index
-- entry: about 200 operations per demo casus, 70 % of the change log's 68 MB at 5,000
-- cases. Almost all of them stay what they were written as: the only head of their
-- field, with the value in the row (schema 21), no basis, and the same device, table,
-- row and casus as their neighbours.
--
-- `aanmaak_nr` stores such a run of operations as one row, keyed by its table and row (a
-- row is created once): operation k of the run (k = 0, 1, ...) has sequence number
-- `volgnummer + k`, clock `hlc + k` and field `velden[k]`. `velden` is the `tekstnr`
-- number of a JSON array of the fields' `tekstnr` numbers (0 marks an operation that has
-- left the run): the rows of a table share a few such lists. The operations themselves
-- are unchanged: a bundle carries them one by one as before, so the wire format and the
-- merge are the same (`BUNDEL_VERSIE` stays).
--
-- The rule (`store::schrijven`): an operation stays in its run only while it is the only
-- head of its field and its value is the row's. Whatever would change that (an edit, a
-- received operation on the field, a tombstone, a repaired reference, a removal) first
-- takes the operation out of the run into `wijziging_nr` and `kop_nr`
-- (`schrijven::los_uit_aanmaak`, called by `waarden_terug` and `vergeet_koppen`), where
-- everything works as before.
CREATE TABLE aanmaak_nr (
    tabel      INTEGER NOT NULL,
    rij        INTEGER NOT NULL,
    apparaat   INTEGER NOT NULL,
    volgnummer INTEGER NOT NULL,
    hlc        INTEGER NOT NULL,
    casus      INTEGER,
    velden     INTEGER NOT NULL,
    PRIMARY KEY (tabel, rij)
) STRICT, WITHOUT ROWID;
-- Scoped export and removal read a casus' runs (a casus has a few dozen).
CREATE INDEX aanmaak_casus ON aanmaak_nr(casus);
-- Export reads a device's runs after a sequence number; a received operation is known
-- when a run holds its device and number, whatever row it names.
CREATE INDEX aanmaak_volg ON aanmaak_nr(apparaat, volgnummer);

-- The operations of the runs, one row each, as numbers.
CREATE VIEW aanmaak_op AS
SELECT g.apparaat, g.volgnummer + j.key AS volgnummer, g.hlc + j.key AS hlc, g.tabel, g.rij, j.value AS veld, g.casus
FROM aanmaak_nr g JOIN tekstnr l ON l.nr = g.velden JOIN json_each(l.tekst) j
WHERE j.value <> 0;

-- The old names with the texts now show both: every operation and every head.
DROP VIEW wijziging;
CREATE VIEW wijziging AS
SELECT a.tekst AS apparaat, w.volgnummer, w.hlc, t.tekst AS tabel, r.tekst AS rij, v.tekst AS veld, w.waarde,
       w.verwijderd, c.tekst AS casus_id, w.gewist
FROM wijziging_nr w
JOIN tekstnr a ON a.nr = w.apparaat
JOIN tekstnr t ON t.nr = w.tabel
JOIN tekstnr r ON r.nr = w.rij
LEFT JOIN tekstnr v ON v.nr = w.veld
LEFT JOIN tekstnr c ON c.nr = w.casus
UNION ALL
SELECT a.tekst, o.volgnummer, o.hlc, t.tekst, r.tekst, v.tekst, NULL, 0, c.tekst, 0
FROM aanmaak_op o
JOIN tekstnr a ON a.nr = o.apparaat
JOIN tekstnr t ON t.nr = o.tabel
JOIN tekstnr r ON r.nr = o.rij
JOIN tekstnr v ON v.nr = o.veld
LEFT JOIN tekstnr c ON c.nr = o.casus;

DROP VIEW kop;
CREATE VIEW kop AS
SELECT t.tekst AS tabel, r.tekst AS rij, v.tekst AS veld, a.tekst AS apparaat, k.volgnummer, w.hlc
FROM kop_nr k
JOIN wijziging_nr w ON w.apparaat = k.apparaat AND w.volgnummer = k.volgnummer
JOIN tekstnr t ON t.nr = k.tabel
JOIN tekstnr r ON r.nr = k.rij
JOIN tekstnr v ON v.nr = k.veld
JOIN tekstnr a ON a.nr = k.apparaat
UNION ALL
SELECT t.tekst, r.tekst, v.tekst, a.tekst, o.volgnummer, o.hlc
FROM aanmaak_op o
JOIN tekstnr t ON t.nr = o.tabel
JOIN tekstnr r ON r.nr = o.rij
JOIN tekstnr v ON v.nr = o.veld
JOIN tekstnr a ON a.nr = o.apparaat;

-- The writing triggers went with the views; as in 0011 and 0019, on the stored tables.
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
    INSERT INTO kop_nr(tabel, rij, veld, apparaat, volgnummer)
    VALUES ((SELECT nr FROM tekstnr WHERE tekst = NEW.tabel), (SELECT nr FROM tekstnr WHERE tekst = NEW.rij),
            (SELECT nr FROM tekstnr WHERE tekst = NEW.veld), (SELECT nr FROM tekstnr WHERE tekst = NEW.apparaat),
            NEW.volgnummer);
END;
CREATE TRIGGER kop_verwijderen INSTEAD OF DELETE ON kop BEGIN
    DELETE FROM kop_nr
    WHERE tabel = (SELECT nr FROM tekstnr WHERE tekst = OLD.tabel) AND rij = (SELECT nr FROM tekstnr WHERE tekst = OLD.rij)
      AND veld = (SELECT nr FROM tekstnr WHERE tekst = OLD.veld)
      AND apparaat = (SELECT nr FROM tekstnr WHERE tekst = OLD.apparaat) AND volgnummer = OLD.volgnummer;
END;

-- Existing logs are regrouped by today's code once every migration has run
-- (`schrijven::alle_aanmaak_groeperen`, as the schema 21 move).
INSERT OR REPLACE INTO instelling(sleutel, waarde) VALUES ('aanmaak_groeperen', '1');

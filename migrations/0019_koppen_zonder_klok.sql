-- Heads without their clock (issue 23, docs/benchmarks.md). `kop_nr` held the 8-byte HLC
-- of every head, and almost every operation of a demo or a fresh casus is a head; the
-- operation itself holds the same clock under the same key (`wijziging_nr`, primary key
-- device and sequence number), and a head is never compacted, so its operation is always
-- there. Readers that order heads by clock join the operation (they already did for its
-- value). About a third of `kop_nr`.
CREATE TABLE kop_nr_nieuw (
    tabel      INTEGER NOT NULL,
    rij        INTEGER NOT NULL,
    veld       INTEGER NOT NULL,
    apparaat   INTEGER NOT NULL,
    volgnummer INTEGER NOT NULL,
    PRIMARY KEY (tabel, rij, veld, apparaat, volgnummer)
) STRICT, WITHOUT ROWID;
INSERT INTO kop_nr_nieuw(tabel, rij, veld, apparaat, volgnummer)
SELECT tabel, rij, veld, apparaat, volgnummer FROM kop_nr ORDER BY tabel, rij, veld, apparaat, volgnummer;

-- The view and the triggers that name the old table go with it and come back below.
DROP VIEW kop;
DROP TABLE kop_nr;
ALTER TABLE kop_nr_nieuw RENAME TO kop_nr;

CREATE VIEW kop AS
SELECT t.tekst AS tabel, r.tekst AS rij, v.tekst AS veld, a.tekst AS apparaat, k.volgnummer, w.hlc
FROM kop_nr k
JOIN wijziging_nr w ON w.apparaat = k.apparaat AND w.volgnummer = k.volgnummer
JOIN tekstnr t ON t.nr = k.tabel
JOIN tekstnr r ON r.nr = k.rij
JOIN tekstnr v ON v.nr = k.veld
JOIN tekstnr a ON a.nr = k.apparaat;

-- Writing through the old name: the clock comes from the operation, so `hlc` is ignored.
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

-- The heads of casus.nummer by value (migration 0016), now with the operation's clock.
CREATE TRIGGER kop_casusnummer_erbij AFTER INSERT ON kop_nr
WHEN NEW.veld = (SELECT nr FROM tekstnr WHERE tekst = 'nummer')
 AND NEW.tabel = (SELECT nr FROM tekstnr WHERE tekst = 'casus') BEGIN
    INSERT OR REPLACE INTO kop_casusnummer(waarde, apparaat, volgnummer, rij, hlc)
    SELECT waarde, apparaat, volgnummer, NEW.rij, hlc FROM wijziging_nr
    WHERE apparaat = NEW.apparaat AND volgnummer = NEW.volgnummer AND waarde IS NOT NULL;
END;
CREATE TRIGGER kop_casusnummer_weg AFTER DELETE ON kop_nr
WHEN OLD.veld = (SELECT nr FROM tekstnr WHERE tekst = 'nummer')
 AND OLD.tabel = (SELECT nr FROM tekstnr WHERE tekst = 'casus') BEGIN
    DELETE FROM kop_casusnummer WHERE apparaat = OLD.apparaat AND volgnummer = OLD.volgnummer;
END;

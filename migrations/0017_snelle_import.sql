-- Importing N cases cost N² (issue 23, docs/benchmarks.md): every received casus looked
-- up the other casussen claiming its casusnummer (`samenvoegen::claims`) by reading every
-- head of every casus field, because the number is a value in the change log and no
-- index covers values. The claims are the heads of the field casus.nummer; this table
-- keeps exactly those, keyed by their value, so the lookup is one index search. Triggers
-- on `kop_nr` keep it equal to the heads whatever writes them (a local edit, an import,
-- a removal, compaction). The table and field numbers differ per database, so they are
-- looked up in `tekstnr` rather than fixed in a partial index.
CREATE TABLE kop_casusnummer (
    waarde     TEXT NOT NULL,    -- the JSON text of the number, as in wijziging_nr.waarde
    apparaat   INTEGER NOT NULL,
    volgnummer INTEGER NOT NULL,
    rij        INTEGER NOT NULL,
    hlc        INTEGER NOT NULL,
    PRIMARY KEY (apparaat, volgnummer)
) STRICT, WITHOUT ROWID;
CREATE INDEX kop_casusnummer_waarde ON kop_casusnummer(waarde);

INSERT INTO kop_casusnummer(waarde, apparaat, volgnummer, rij, hlc)
SELECT w.waarde, k.apparaat, k.volgnummer, k.rij, k.hlc FROM kop_nr k
JOIN wijziging_nr w ON w.apparaat = k.apparaat AND w.volgnummer = k.volgnummer
WHERE k.tabel = (SELECT nr FROM tekstnr WHERE tekst = 'casus')
  AND k.veld = (SELECT nr FROM tekstnr WHERE tekst = 'nummer') AND w.waarde IS NOT NULL;

CREATE TRIGGER kop_casusnummer_erbij AFTER INSERT ON kop_nr
WHEN NEW.veld = (SELECT nr FROM tekstnr WHERE tekst = 'nummer')
 AND NEW.tabel = (SELECT nr FROM tekstnr WHERE tekst = 'casus') BEGIN
    INSERT OR REPLACE INTO kop_casusnummer(waarde, apparaat, volgnummer, rij, hlc)
    SELECT waarde, apparaat, volgnummer, NEW.rij, NEW.hlc FROM wijziging_nr
    WHERE apparaat = NEW.apparaat AND volgnummer = NEW.volgnummer AND waarde IS NOT NULL;
END;
CREATE TRIGGER kop_casusnummer_weg AFTER DELETE ON kop_nr
WHEN OLD.veld = (SELECT nr FROM tekstnr WHERE tekst = 'nummer')
 AND OLD.tabel = (SELECT nr FROM tekstnr WHERE tekst = 'casus') BEGIN
    DELETE FROM kop_casusnummer WHERE apparaat = OLD.apparaat AND volgnummer = OLD.volgnummer;
END;

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

-- A smaller audit log (issue 23): the two hashes of every entry were 64 characters of
-- hex text each; now they are the 32 bytes themselves. The chain is unchanged: each
-- hash is still computed over the previous one written as lowercase hex
-- (`schrijven::audit_hash`), and the code converts at the table's edge. A stored value
-- that is not lowercase hex of 32 bytes (someone edited it) keeps its own bytes, so it
-- still fails the verification instead of being repaired by the conversion.
CREATE TABLE audit_nieuw (
    nr          INTEGER PRIMARY KEY,
    tijdstip    TEXT NOT NULL,
    gebruiker   TEXT NOT NULL,
    apparaat    TEXT NOT NULL,
    handeling   TEXT NOT NULL,
    tabel       TEXT NOT NULL,
    rij         TEXT NOT NULL,
    veld        TEXT,
    casus_id    TEXT,
    vorige_hash BLOB NOT NULL,
    hash        BLOB NOT NULL,
    toelichting TEXT
) STRICT;
INSERT INTO audit_nieuw(nr, tijdstip, gebruiker, apparaat, handeling, tabel, rij, veld, casus_id, vorige_hash, hash,
                        toelichting)
SELECT nr, tijdstip, gebruiker, apparaat, handeling, tabel, rij, veld, casus_id,
       CASE WHEN length(vorige_hash) = 64 AND vorige_hash = lower(vorige_hash) AND unhex(vorige_hash) IS NOT NULL
            THEN unhex(vorige_hash) ELSE CAST(vorige_hash AS BLOB) END,
       CASE WHEN length(hash) = 64 AND hash = lower(hash) AND unhex(hash) IS NOT NULL
            THEN unhex(hash) ELSE CAST(hash AS BLOB) END,
       toelichting
FROM audit;
DROP TABLE audit;
ALTER TABLE audit_nieuw RENAME TO audit;
CREATE INDEX audit_casus ON audit(casus_id);

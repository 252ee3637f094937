-- A smaller audit log (issue 23, docs/benchmarks.md): ≈ 300 bytes per entry, most of it
-- the same texts again and again (device, row and casus ids as 36-character UUIDs, the
-- user, the action, table and field names) and a timestamp as 24 characters of text.
--
-- Now every such text is stored once in `tekstnr` (the change log's table of texts,
-- schema 11; it only ever grows, so a number keeps meaning its text) and the entry holds
-- its number; the timestamp is the number of milliseconds since 1970 whenever that
-- renders back to exactly the stored text (otherwise the text stays); and the previous
-- entry's hash is stored only where it differs from the hash of the entry before it
-- (NULL otherwise), because that is what the verification compares it with.
--
-- The hash chain is unchanged: every hash is still computed over the same texts
-- (`schrijven::audit_hash`), so a chain written before verifies after the upgrade, and an
-- entry edited before the upgrade (a text, a timestamp, a hash, a previous hash) keeps its
-- edited value and still fails.
--
-- The old name `audit` stays as a view with the texts, so readers read as before;
-- INSTEAD OF triggers make it writable (an edit through it is an edit of the entry).
CREATE TABLE audit_nr (
    nr          INTEGER PRIMARY KEY,
    tijdstip    ANY NOT NULL,   -- milliseconds since 1970 (UTC), or the text when that is not exact
    gebruiker   INTEGER NOT NULL,
    apparaat    INTEGER NOT NULL,
    handeling   INTEGER NOT NULL,
    tabel       INTEGER NOT NULL,
    rij         INTEGER NOT NULL,
    veld        INTEGER,
    casus       INTEGER,
    vorige_hash BLOB,           -- NULL: the hash of the entry before (the genesis value for the first)
    hash        BLOB NOT NULL,
    toelichting TEXT
) STRICT;

-- Action, table and field names and users first, so the most repeated numbers are small.
INSERT INTO tekstnr(tekst)
SELECT t FROM (SELECT handeling AS t FROM audit UNION SELECT tabel FROM audit
               UNION SELECT veld FROM audit WHERE veld IS NOT NULL UNION SELECT gebruiker FROM audit)
WHERE t NOT IN (SELECT tekst FROM tekstnr);
INSERT INTO tekstnr(tekst)
SELECT t FROM (SELECT apparaat AS t FROM audit UNION SELECT rij FROM audit
               UNION SELECT casus_id FROM audit WHERE casus_id IS NOT NULL)
WHERE t NOT IN (SELECT tekst FROM tekstnr);

INSERT INTO audit_nr(nr, tijdstip, gebruiker, apparaat, handeling, tabel, rij, veld, casus, vorige_hash, hash,
                     toelichting)
SELECT a.nr,
       CASE WHEN a.ms IS NOT NULL
             AND strftime('%Y-%m-%dT%H:%M:%S', a.ms / 1000, 'unixepoch') || printf('.%03dZ', a.ms % 1000) = a.tijdstip
            THEN a.ms ELSE a.tijdstip END,
       g.nr, ap.nr, h.nr, t.nr, r.nr, v.nr, c.nr,
       CASE WHEN a.vorige_hash = coalesce(a.hash_ervoor, zeroblob(32)) THEN NULL ELSE a.vorige_hash END,
       a.hash, a.toelichting
FROM (SELECT *,
             CASE WHEN tijdstip GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
                  THEN unixepoch(substr(tijdstip, 1, 19)) * 1000 + CAST(substr(tijdstip, 21, 3) AS INTEGER) END AS ms,
             lag(hash) OVER (ORDER BY nr) AS hash_ervoor
      FROM audit) a
JOIN tekstnr g ON g.tekst = a.gebruiker
JOIN tekstnr ap ON ap.tekst = a.apparaat
JOIN tekstnr h ON h.tekst = a.handeling
JOIN tekstnr t ON t.tekst = a.tabel
JOIN tekstnr r ON r.tekst = a.rij
LEFT JOIN tekstnr v ON v.tekst = a.veld
LEFT JOIN tekstnr c ON c.tekst = a.casus_id;
DROP TABLE audit;
-- The Historie and the inzage read the entries of one casus.
CREATE INDEX audit_casus ON audit_nr(casus);

-- The old name, with the texts. (A number without a text, which only an edit can make,
-- shows as NULL instead of hiding the entry.)
CREATE VIEW audit AS
SELECT a.nr,
       CASE WHEN typeof(a.tijdstip) = 'integer'
            THEN strftime('%Y-%m-%dT%H:%M:%S', a.tijdstip / 1000, 'unixepoch') || printf('.%03dZ', a.tijdstip % 1000)
            WHEN typeof(a.tijdstip) = 'text' THEN a.tijdstip ELSE quote(a.tijdstip) END AS tijdstip,
       g.tekst AS gebruiker, ap.tekst AS apparaat, h.tekst AS handeling, t.tekst AS tabel, r.tekst AS rij,
       v.tekst AS veld, c.tekst AS casus_id,
       coalesce(a.vorige_hash, (SELECT p.hash FROM audit_nr p WHERE p.nr < a.nr ORDER BY p.nr DESC LIMIT 1),
                zeroblob(32)) AS vorige_hash,
       a.hash, a.toelichting
FROM audit_nr a
LEFT JOIN tekstnr g ON g.nr = a.gebruiker
LEFT JOIN tekstnr ap ON ap.nr = a.apparaat
LEFT JOIN tekstnr h ON h.nr = a.handeling
LEFT JOIN tekstnr t ON t.nr = a.tabel
LEFT JOIN tekstnr r ON r.nr = a.rij
LEFT JOIN tekstnr v ON v.nr = a.veld
LEFT JOIN tekstnr c ON c.nr = a.casus;

-- Writing through the old name interns the texts first and stores the timestamp and the
-- previous hash as the migration above does.
CREATE TRIGGER audit_invoegen INSTEAD OF INSERT ON audit BEGIN
    INSERT INTO tekstnr(tekst)
    SELECT t FROM (SELECT NEW.gebruiker AS t UNION SELECT NEW.apparaat UNION SELECT NEW.handeling
                   UNION SELECT NEW.tabel UNION SELECT NEW.rij UNION SELECT NEW.veld UNION SELECT NEW.casus_id)
    WHERE t IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tekstnr n WHERE n.tekst = t);
    INSERT INTO audit_nr(nr, tijdstip, gebruiker, apparaat, handeling, tabel, rij, veld, casus, vorige_hash, hash,
                         toelichting)
    SELECT NEW.nr,
           CASE WHEN x.ms IS NOT NULL
                 AND strftime('%Y-%m-%dT%H:%M:%S', x.ms / 1000, 'unixepoch') || printf('.%03dZ', x.ms % 1000) = NEW.tijdstip
                THEN x.ms ELSE NEW.tijdstip END,
           (SELECT nr FROM tekstnr WHERE tekst = NEW.gebruiker), (SELECT nr FROM tekstnr WHERE tekst = NEW.apparaat),
           (SELECT nr FROM tekstnr WHERE tekst = NEW.handeling), (SELECT nr FROM tekstnr WHERE tekst = NEW.tabel),
           (SELECT nr FROM tekstnr WHERE tekst = NEW.rij), (SELECT nr FROM tekstnr WHERE tekst = NEW.veld),
           (SELECT nr FROM tekstnr WHERE tekst = NEW.casus_id),
           CASE WHEN NEW.vorige_hash = coalesce((SELECT p.hash FROM audit_nr p WHERE NEW.nr IS NULL OR p.nr < NEW.nr
                                                 ORDER BY p.nr DESC LIMIT 1), zeroblob(32))
                THEN NULL ELSE NEW.vorige_hash END,
           NEW.hash, NEW.toelichting
    FROM (SELECT CASE WHEN NEW.tijdstip GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
                      THEN unixepoch(substr(NEW.tijdstip, 1, 19)) * 1000 + CAST(substr(NEW.tijdstip, 21, 3) AS INTEGER)
                 END AS ms) x;
END;
CREATE TRIGGER audit_bijwerken INSTEAD OF UPDATE ON audit BEGIN
    INSERT INTO tekstnr(tekst)
    SELECT t FROM (SELECT NEW.gebruiker AS t UNION SELECT NEW.apparaat UNION SELECT NEW.handeling
                   UNION SELECT NEW.tabel UNION SELECT NEW.rij UNION SELECT NEW.veld UNION SELECT NEW.casus_id)
    WHERE t IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tekstnr n WHERE n.tekst = t);
    UPDATE audit_nr SET
        nr = NEW.nr,
        tijdstip = CASE WHEN NEW.tijdstip IS OLD.tijdstip THEN tijdstip ELSE NEW.tijdstip END,
        gebruiker = (SELECT nr FROM tekstnr WHERE tekst = NEW.gebruiker),
        apparaat = (SELECT nr FROM tekstnr WHERE tekst = NEW.apparaat),
        handeling = (SELECT nr FROM tekstnr WHERE tekst = NEW.handeling),
        tabel = (SELECT nr FROM tekstnr WHERE tekst = NEW.tabel),
        rij = (SELECT nr FROM tekstnr WHERE tekst = NEW.rij),
        veld = (SELECT nr FROM tekstnr WHERE tekst = NEW.veld),
        casus = (SELECT nr FROM tekstnr WHERE tekst = NEW.casus_id),
        vorige_hash = CASE WHEN NEW.vorige_hash IS OLD.vorige_hash THEN vorige_hash ELSE NEW.vorige_hash END,
        hash = NEW.hash,
        toelichting = NEW.toelichting
    WHERE nr = OLD.nr;
END;
CREATE TRIGGER audit_verwijderen INSTEAD OF DELETE ON audit BEGIN
    DELETE FROM audit_nr WHERE nr = OLD.nr;
END;

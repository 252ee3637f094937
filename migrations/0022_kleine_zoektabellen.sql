-- Issue 23 (small and fast): the search tables' size.
--
-- `zoekrij` (8 MB plus its unique index at 5,000 demo cases) held three texts per search
-- row: the source table's name and two 36-byte UUIDs. It becomes `zoekrij_nr` with their
-- `tekstnr` numbers (as the change log keeps them since schema 11); `zoekrij` stays as a
-- view with the texts.
--
-- The text a row is indexed with is now written once, in the view `zoektekst`; the
-- triggers and this migration index what that view says. The triggers name the search
-- row by a subquery: SQLite pushes `nr = (subquery)` down into each arm of the view, but
-- not a non-deterministic `nr = last_insert_rowid()` (that scanned every search row).
-- Row ids never change, so an update reindexes by the same search row. Texts a trigger
-- needs are added to `tekstnr` first, without a conflict clause (an outer INSERT OR
-- REPLACE would turn OR IGNORE into a REPLACE that renumbers the text).
--
-- The index keeps its own copy of the texts (`zoekindex_content`, 9 MB). A contentless
-- index (`content = ''`, `contentless_delete = 1`) would save it, but FTS5 then only
-- marks a deleted or edited row's tokens as deleted: with `secure-delete` on they are no
-- longer removed at once and stay in the file until a merge (a corrected name would
-- outlive its correction). A contentless index without `contentless_delete` needs the
-- exact old text for every delete, and any drift between the index and the rows would
-- corrupt it. Neither is worth 9 MB.
--
-- A casus is now also reindexed when its number changes (an import renumbers a colliding
-- casus; its number is part of its text). The index is rebuilt from the rows once here,
-- which also drops the old numbers of casussen renumbered before.

DROP TRIGGER casus_zoek_ins;
DROP TRIGGER casus_zoek_upd;
DROP TRIGGER casus_zoek_del;
DROP TRIGGER betrokkene_zoek_ins;
DROP TRIGGER betrokkene_zoek_upd;
DROP TRIGGER betrokkene_zoek_del;
DROP TRIGGER journaal_zoek_ins;
DROP TRIGGER journaal_zoek_upd;
DROP TRIGGER journaal_zoek_del;
DROP TRIGGER doel_zoek_ins;
DROP TRIGGER doel_zoek_upd;
DROP TRIGGER doel_zoek_del;
DROP TRIGGER actie_zoek_ins;
DROP TRIGGER actie_zoek_upd;
DROP TRIGGER actie_zoek_del;
DROP TRIGGER medewerker_zoek_upd;

INSERT INTO tekstnr(tekst)
SELECT t FROM (SELECT bron AS t FROM zoekrij UNION SELECT rij FROM zoekrij UNION SELECT casus_id FROM zoekrij)
WHERE t NOT IN (SELECT tekst FROM tekstnr);

CREATE TABLE zoekrij_nr (
    nr    INTEGER PRIMARY KEY, -- the row's rowid in zoekindex
    bron  INTEGER NOT NULL,    -- tekstnr: the table the text comes from
    rij   INTEGER NOT NULL UNIQUE, -- tekstnr: that row's id
    casus INTEGER NOT NULL     -- tekstnr: the casus id
) STRICT;
INSERT INTO zoekrij_nr(nr, bron, rij, casus)
SELECT z.nr, b.nr, r.nr, c.nr
FROM zoekrij z
JOIN tekstnr b ON b.tekst = z.bron
JOIN tekstnr r ON r.tekst = z.rij
JOIN tekstnr c ON c.tekst = z.casus_id
ORDER BY z.nr;
DROP TABLE zoekrij;

CREATE VIEW zoekrij AS
SELECT z.nr, b.tekst AS bron, r.tekst AS rij, c.tekst AS casus_id
FROM zoekrij_nr z
JOIN tekstnr b ON b.nr = z.bron
JOIN tekstnr r ON r.nr = z.rij
JOIN tekstnr c ON c.nr = z.casus;

-- The text each search row is indexed with, read from its row.
CREATE VIEW zoektekst AS
SELECT z.nr, concat_ws(' ', c.nummer, c.werknaam, c.probleem, c.veiligheidsrisico, c.geprobeerd, c.vraag,
        (SELECT naam FROM medewerker WHERE id = c.procesregisseur_id),
        (SELECT naam FROM medewerker WHERE id = c.trajectbegeleider_id),
        (SELECT naam FROM medewerker WHERE id = c.casusregisseur_id)) AS tekst
FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij JOIN casus c ON c.id = r.tekst
WHERE z.bron = (SELECT nr FROM tekstnr WHERE tekst = 'casus')
UNION ALL
SELECT z.nr, concat_ws(' ', b.naam, b.initialen)
FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij JOIN betrokkene b ON b.id = r.tekst
WHERE z.bron = (SELECT nr FROM tekstnr WHERE tekst = 'betrokkene')
UNION ALL
SELECT z.nr, concat_ws(' ', j.tekst, j.inrichting)
FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij JOIN journaal j ON j.id = r.tekst
WHERE z.bron = (SELECT nr FROM tekstnr WHERE tekst = 'journaal')
UNION ALL
SELECT z.nr, d.omschrijving
FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij JOIN doel d ON d.id = r.tekst
WHERE z.bron = (SELECT nr FROM tekstnr WHERE tekst = 'doel')
UNION ALL
SELECT z.nr, concat_ws(' ', a.omschrijving, a.resultaat)
FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij JOIN actie a ON a.id = r.tekst
WHERE z.bron = (SELECT nr FROM tekstnr WHERE tekst = 'actie');

-- Rebuilt from the rows, with the options of migration 0006. Deleted rows leave the index
-- at once (FTS5 `secure-delete`), as `Store::maak` sets it.
DROP TABLE zoekindex;
CREATE VIRTUAL TABLE zoekindex USING fts5(tekst, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');
INSERT INTO zoekindex(zoekindex, rank) VALUES ('secure-delete', 1);
INSERT INTO zoekindex(rowid, tekst) SELECT nr, tekst FROM zoektekst ORDER BY nr;

CREATE TRIGGER casus_zoek_ins AFTER INSERT ON casus BEGIN
    INSERT INTO tekstnr(tekst) SELECT t FROM (SELECT 'casus' AS t UNION SELECT NEW.id)
    WHERE NOT EXISTS (SELECT 1 FROM tekstnr n WHERE n.tekst = t);
    INSERT INTO zoekrij_nr(bron, rij, casus) VALUES ((SELECT nr FROM tekstnr WHERE tekst = 'casus'),
        (SELECT nr FROM tekstnr WHERE tekst = NEW.id), (SELECT nr FROM tekstnr WHERE tekst = NEW.id));
    INSERT INTO zoekindex(rowid, tekst) SELECT nr, tekst FROM zoektekst
    WHERE nr = (SELECT z.nr FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij WHERE r.tekst = NEW.id);
END;
CREATE TRIGGER casus_zoek_upd AFTER UPDATE OF nummer, werknaam, probleem, veiligheidsrisico, geprobeerd, vraag,
        procesregisseur_id, trajectbegeleider_id, casusregisseur_id ON casus BEGIN
    DELETE FROM zoekindex WHERE rowid = (SELECT z.nr FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij WHERE r.tekst = OLD.id);
    INSERT INTO zoekindex(rowid, tekst) SELECT nr, tekst FROM zoektekst
    WHERE nr = (SELECT z.nr FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij WHERE r.tekst = NEW.id);
END;
CREATE TRIGGER casus_zoek_del AFTER DELETE ON casus BEGIN
    DELETE FROM zoekindex WHERE rowid = (SELECT z.nr FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij WHERE r.tekst = OLD.id);
    DELETE FROM zoekrij_nr WHERE rij = (SELECT nr FROM tekstnr WHERE tekst = OLD.id);
END;

CREATE TRIGGER betrokkene_zoek_ins AFTER INSERT ON betrokkene BEGIN
    INSERT INTO tekstnr(tekst) SELECT t FROM (SELECT 'betrokkene' AS t UNION SELECT NEW.id UNION SELECT NEW.casus_id)
    WHERE NOT EXISTS (SELECT 1 FROM tekstnr n WHERE n.tekst = t);
    INSERT INTO zoekrij_nr(bron, rij, casus) VALUES ((SELECT nr FROM tekstnr WHERE tekst = 'betrokkene'),
        (SELECT nr FROM tekstnr WHERE tekst = NEW.id), (SELECT nr FROM tekstnr WHERE tekst = NEW.casus_id));
    INSERT INTO zoekindex(rowid, tekst) SELECT nr, tekst FROM zoektekst
    WHERE nr = (SELECT z.nr FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij WHERE r.tekst = NEW.id);
END;
CREATE TRIGGER betrokkene_zoek_upd AFTER UPDATE OF naam, initialen ON betrokkene BEGIN
    DELETE FROM zoekindex WHERE rowid = (SELECT z.nr FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij WHERE r.tekst = OLD.id);
    INSERT INTO zoekindex(rowid, tekst) SELECT nr, tekst FROM zoektekst
    WHERE nr = (SELECT z.nr FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij WHERE r.tekst = NEW.id);
END;
CREATE TRIGGER betrokkene_zoek_del AFTER DELETE ON betrokkene BEGIN
    DELETE FROM zoekindex WHERE rowid = (SELECT z.nr FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij WHERE r.tekst = OLD.id);
    DELETE FROM zoekrij_nr WHERE rij = (SELECT nr FROM tekstnr WHERE tekst = OLD.id);
END;

CREATE TRIGGER journaal_zoek_ins AFTER INSERT ON journaal BEGIN
    INSERT INTO tekstnr(tekst) SELECT t FROM (SELECT 'journaal' AS t UNION SELECT NEW.id UNION SELECT NEW.casus_id)
    WHERE NOT EXISTS (SELECT 1 FROM tekstnr n WHERE n.tekst = t);
    INSERT INTO zoekrij_nr(bron, rij, casus) VALUES ((SELECT nr FROM tekstnr WHERE tekst = 'journaal'),
        (SELECT nr FROM tekstnr WHERE tekst = NEW.id), (SELECT nr FROM tekstnr WHERE tekst = NEW.casus_id));
    INSERT INTO zoekindex(rowid, tekst) SELECT nr, tekst FROM zoektekst
    WHERE nr = (SELECT z.nr FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij WHERE r.tekst = NEW.id);
END;
CREATE TRIGGER journaal_zoek_upd AFTER UPDATE OF tekst, inrichting ON journaal BEGIN
    DELETE FROM zoekindex WHERE rowid = (SELECT z.nr FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij WHERE r.tekst = OLD.id);
    INSERT INTO zoekindex(rowid, tekst) SELECT nr, tekst FROM zoektekst
    WHERE nr = (SELECT z.nr FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij WHERE r.tekst = NEW.id);
END;
CREATE TRIGGER journaal_zoek_del AFTER DELETE ON journaal BEGIN
    DELETE FROM zoekindex WHERE rowid = (SELECT z.nr FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij WHERE r.tekst = OLD.id);
    DELETE FROM zoekrij_nr WHERE rij = (SELECT nr FROM tekstnr WHERE tekst = OLD.id);
END;

CREATE TRIGGER doel_zoek_ins AFTER INSERT ON doel BEGIN
    INSERT INTO tekstnr(tekst) SELECT t FROM (SELECT 'doel' AS t UNION SELECT NEW.id UNION SELECT NEW.casus_id)
    WHERE NOT EXISTS (SELECT 1 FROM tekstnr n WHERE n.tekst = t);
    INSERT INTO zoekrij_nr(bron, rij, casus) VALUES ((SELECT nr FROM tekstnr WHERE tekst = 'doel'),
        (SELECT nr FROM tekstnr WHERE tekst = NEW.id), (SELECT nr FROM tekstnr WHERE tekst = NEW.casus_id));
    INSERT INTO zoekindex(rowid, tekst) SELECT nr, tekst FROM zoektekst
    WHERE nr = (SELECT z.nr FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij WHERE r.tekst = NEW.id);
END;
CREATE TRIGGER doel_zoek_upd AFTER UPDATE OF omschrijving ON doel BEGIN
    DELETE FROM zoekindex WHERE rowid = (SELECT z.nr FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij WHERE r.tekst = OLD.id);
    INSERT INTO zoekindex(rowid, tekst) SELECT nr, tekst FROM zoektekst
    WHERE nr = (SELECT z.nr FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij WHERE r.tekst = NEW.id);
END;
CREATE TRIGGER doel_zoek_del AFTER DELETE ON doel BEGIN
    DELETE FROM zoekindex WHERE rowid = (SELECT z.nr FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij WHERE r.tekst = OLD.id);
    DELETE FROM zoekrij_nr WHERE rij = (SELECT nr FROM tekstnr WHERE tekst = OLD.id);
END;

CREATE TRIGGER actie_zoek_ins AFTER INSERT ON actie BEGIN
    INSERT INTO tekstnr(tekst) SELECT t FROM (SELECT 'actie' AS t UNION SELECT NEW.id UNION SELECT NEW.casus_id)
    WHERE NOT EXISTS (SELECT 1 FROM tekstnr n WHERE n.tekst = t);
    INSERT INTO zoekrij_nr(bron, rij, casus) VALUES ((SELECT nr FROM tekstnr WHERE tekst = 'actie'),
        (SELECT nr FROM tekstnr WHERE tekst = NEW.id), (SELECT nr FROM tekstnr WHERE tekst = NEW.casus_id));
    INSERT INTO zoekindex(rowid, tekst) SELECT nr, tekst FROM zoektekst
    WHERE nr = (SELECT z.nr FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij WHERE r.tekst = NEW.id);
END;
CREATE TRIGGER actie_zoek_upd AFTER UPDATE OF omschrijving, resultaat ON actie BEGIN
    DELETE FROM zoekindex WHERE rowid = (SELECT z.nr FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij WHERE r.tekst = OLD.id);
    INSERT INTO zoekindex(rowid, tekst) SELECT nr, tekst FROM zoektekst
    WHERE nr = (SELECT z.nr FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij WHERE r.tekst = NEW.id);
END;
CREATE TRIGGER actie_zoek_del AFTER DELETE ON actie BEGIN
    DELETE FROM zoekindex WHERE rowid = (SELECT z.nr FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij WHERE r.tekst = OLD.id);
    DELETE FROM zoekrij_nr WHERE rij = (SELECT nr FROM tekstnr WHERE tekst = OLD.id);
END;

-- A renamed medewerker: the casussen that name them are indexed again. Also one that
-- arrives after the casussen that name them (an import inserts rows in any order; the
-- references are checked at commit), which left their names out of the index before.
CREATE TRIGGER medewerker_zoek_upd AFTER UPDATE OF naam ON medewerker BEGIN
    DELETE FROM zoekindex WHERE rowid IN (SELECT z.nr FROM casus c JOIN tekstnr r ON r.tekst = c.id
        JOIN zoekrij_nr z ON z.rij = r.nr
        WHERE c.procesregisseur_id = NEW.id OR c.trajectbegeleider_id = NEW.id OR c.casusregisseur_id = NEW.id);
    INSERT INTO zoekindex(rowid, tekst) SELECT nr, tekst FROM zoektekst
    WHERE nr IN (SELECT z.nr FROM casus c JOIN tekstnr r ON r.tekst = c.id JOIN zoekrij_nr z ON z.rij = r.nr
        WHERE c.procesregisseur_id = NEW.id OR c.trajectbegeleider_id = NEW.id OR c.casusregisseur_id = NEW.id);
END;
CREATE TRIGGER medewerker_zoek_ins AFTER INSERT ON medewerker BEGIN
    DELETE FROM zoekindex WHERE rowid IN (SELECT z.nr FROM casus c JOIN tekstnr r ON r.tekst = c.id
        JOIN zoekrij_nr z ON z.rij = r.nr
        WHERE c.procesregisseur_id = NEW.id OR c.trajectbegeleider_id = NEW.id OR c.casusregisseur_id = NEW.id);
    INSERT INTO zoekindex(rowid, tekst) SELECT nr, tekst FROM zoektekst
    WHERE nr IN (SELECT z.nr FROM casus c JOIN tekstnr r ON r.tekst = c.id JOIN zoekrij_nr z ON z.rij = r.nr
        WHERE c.procesregisseur_id = NEW.id OR c.trajectbegeleider_id = NEW.id OR c.casusregisseur_id = NEW.id);
END;

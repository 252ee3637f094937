-- Issue 23 (small and fast).
--
-- Search as you type: the full-text index gets prefix indexes for 2, 3 and 4 characters,
-- so a short prefix ("wo", "sch") is one index lookup instead of a merge of every term
-- that starts with it. FTS5 options cannot be changed on an existing table: the indexed
-- text is kept aside with its rowids (zoekrij keeps pointing at the right rows), the
-- table is made anew under the same name (the triggers name it and keep working) and
-- filled again.
CREATE TEMP TABLE zoekindex_kopie AS SELECT rowid AS nr, tekst FROM zoekindex;
DROP TABLE zoekindex;
CREATE VIRTUAL TABLE zoekindex USING fts5(tekst, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');
INSERT INTO zoekindex(rowid, tekst) SELECT nr, tekst FROM zoekindex_kopie ORDER BY nr;
DROP TABLE zoekindex_kopie;

-- The board reads every casus in casusnummer order but only these columns: an index that
-- holds them all (in that order) is read instead of the table with its long texts, so
-- fewer pages are read and, in the encrypted file, decrypted.
CREATE INDEX casus_bord ON casus(jaar, volgnummer, id, nummer, werknaam, thema_id, fase, ave, weging_uitkomst,
                                 procesregisseur, trajectbegeleider, datum_aanmelding);

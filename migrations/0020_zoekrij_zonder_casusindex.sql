-- Issue 23 (small and fast): the search tables' size.
--
-- `zoekrij_casus` indexed the search rows by casus, but no statement looks them up that
-- way: search and the board's search filter go from the FTS rowid to `zoekrij.nr` (the
-- primary key), the index triggers by `rij` (its own unique index). It only cost space
-- (4.8 MB of the 277 MB at 5,000 demo cases) and a write per indexed row.
DROP INDEX zoekrij_casus;

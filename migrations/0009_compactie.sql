-- Compaction of the change log (docs/bundle-format.md, "Compaction").
--
-- Operations that no longer carry a current value: superseded by a newer operation on the
-- same field (no longer a head), or a field of a row that was deleted. Compaction
-- (store::compacteren) removes them from `wijziging` once every colleague entitled to
-- their scope has confirmed to hold them; until then they wait here. Heads, tombstones
-- and the causality edges in `wijziging_basis` are never compacted.
CREATE TABLE vervangen (
    apparaat   TEXT NOT NULL,
    volgnummer INTEGER NOT NULL,
    PRIMARY KEY (apparaat, volgnummer)
) STRICT, WITHOUT ROWID;

-- Existing databases: every field operation that is not a head.
INSERT OR IGNORE INTO vervangen(apparaat, volgnummer)
SELECT w.apparaat, w.volgnummer FROM wijziging w
WHERE w.veld IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM kop k WHERE k.tabel = w.tabel AND k.rij = w.rij AND k.veld = w.veld
                                        AND k.apparaat = w.apparaat AND k.volgnummer = w.volgnummer);

-- Space (docs/benchmarks.md): the index on (table, row, field) over every operation was
-- about a tenth of the database. Heads are found through `kop`; what remains to look up by
-- row is whether it has a tombstone (a small partial index) and, for rows created before
-- schema 4, their oldest operation (through the casus index, as every such row has a casus).
DROP INDEX wijziging_veld;
CREATE INDEX wijziging_graf ON wijziging(tabel, rij) WHERE veld IS NULL;

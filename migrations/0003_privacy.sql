-- Privacy controls: retention terms, documented extensions, purge of removed cases.

-- A free-text explanation on an audit entry. Used only by entries that record a removal
-- after the retention term ("2024-0012 verwijderd: ..."). Older entries have none, and the
-- hash of an entry without explanation is computed as before, so the chain stays valid.
ALTER TABLE audit ADD COLUMN toelichting TEXT;

-- An operation whose value was wiped because its casus was removed after the retention
-- term. The row keeps its identity (device, sequence, table, record, field) so that sync
-- bookkeeping stays contiguous, but no value.
ALTER TABLE wijziging ADD COLUMN gewist INTEGER NOT NULL DEFAULT 0;

-- A documented extension of the retention term of a closed casus (synced, so colleagues
-- do not remove a case someone extended).
CREATE TABLE bewaarverlenging (
    id            TEXT PRIMARY KEY,
    casus_id      TEXT NOT NULL REFERENCES casus(id) DEFERRABLE INITIALLY DEFERRED,
    tot           TEXT NOT NULL,
    reden         TEXT NOT NULL DEFAULT '',
    door          TEXT NOT NULL DEFAULT '',
    vastgelegd_op TEXT NOT NULL
) STRICT;
CREATE INDEX bewaarverlenging_casus ON bewaarverlenging(casus_id);

-- Who received a person's data (the inzageverzoek says so): one row per casus per
-- recipient of every bundle this device wrote. Local bookkeeping, not synced; rows of a
-- casus are deleted with the casus after its retention term.
CREATE TABLE bundel_verzending (
    bundel         TEXT NOT NULL,
    ontvanger      TEXT NOT NULL,
    ontvanger_naam TEXT NOT NULL DEFAULT '',
    casus_id       TEXT NOT NULL,
    verzonden_op   TEXT NOT NULL,
    PRIMARY KEY (bundel, ontvanger, casus_id)
) STRICT;
CREATE INDEX bundel_verzending_casus ON bundel_verzending(casus_id);

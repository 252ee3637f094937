-- Issue 22 point 5: koppelingen between casussen (a gezin or system, a group, perpetrator
-- and victim, a network). One row per linked pair; `casus_a` holds the smaller casus id, so
-- a pair has one order whichever side it was made from (the store refuses a second link of
-- the same pair; two devices linking the same pair offline may briefly show it twice,
-- and either link can be removed).
--
-- Sync: a link belongs to both casussen. Its change-log operations carry the scope key
-- "<casus_a>+<casus_b>" in the casus column, and a colleague (or a bundle limited to some
-- casussen) receives it only when entitled to both (`store::team::binnen_scope`, used by
-- export, import and compaction alike). Removing either casus removes its links.
CREATE TABLE koppeling (
    id              TEXT PRIMARY KEY,
    casus_a         TEXT NOT NULL REFERENCES casus(id) DEFERRABLE INITIALLY DEFERRED,
    casus_b         TEXT NOT NULL REFERENCES casus(id) DEFERRABLE INITIALLY DEFERRED,
    soort           TEXT NOT NULL,
    toelichting     TEXT NOT NULL DEFAULT '',
    aangemaakt_hlc  INTEGER NOT NULL DEFAULT 0,
    aangemaakt_door TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX koppeling_casus_a ON koppeling(casus_a);
CREATE INDEX koppeling_casus_b ON koppeling(casus_b);

-- Issue 20: people and assignment.
--
-- A synced list of medewerkers (team data: it belongs to no casus, so its operations
-- travel in scope '' to every colleague, like partners and themes). A casus refers to its
-- procesregisseur, trajectbegeleider and casusregisseur by medewerker id, so a rename
-- never breaks an assignment, "Alleen mijn casussen" or a trajectbegeleider's sync scope.
--
-- The old free-text columns casus.procesregisseur and casus.trajectbegeleider are no
-- longer written or read: the names shown come from the medewerker rows. They keep the
-- values they had (an older replica's operations may still set them; they are harmless),
-- but no screen, report or search uses them any more: a display cache would need one
-- change-log operation per casus at every rename. The upgrade hook in `store::migratie`
-- turns every distinct name into a medewerker with a name-based UUIDv5 (folded name +
-- role), so two replicas that migrate the same names independently agree on the ids,
-- and writes the ids through the change log (equal values from two replicas are no
-- conflict). Audit `gebruiker` and journaal `auteur` stay text: they are part of the
-- audit hash chain and of what was written at the time.
CREATE TABLE medewerker (
    id           TEXT PRIMARY KEY,
    naam         TEXT NOT NULL DEFAULT '',
    rol          TEXT NOT NULL DEFAULT 'procesregisseur',
    apparaat     TEXT,
    gearchiveerd INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX medewerker_apparaat ON medewerker(apparaat);

ALTER TABLE casus ADD COLUMN procesregisseur_id TEXT REFERENCES medewerker(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE casus ADD COLUMN trajectbegeleider_id TEXT REFERENCES medewerker(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE casus ADD COLUMN casusregisseur_id TEXT REFERENCES medewerker(id) DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX casus_trajectbegeleider ON casus(trajectbegeleider_id);

-- The board's covering index holds the ids instead of the old names.
DROP INDEX casus_bord;
CREATE INDEX casus_bord ON casus(jaar, volgnummer, id, nummer, werknaam, thema_id, fase, ave, weging_uitkomst,
                                 procesregisseur_id, trajectbegeleider_id, casusregisseur_id, datum_aanmelding);

-- Search indexes the names of the assigned medewerkers (not the frozen old columns), and
-- a renamed medewerker is found under the new name in every casus assigned to them.
DROP TRIGGER casus_zoek_ins;
DROP TRIGGER casus_zoek_upd;
CREATE TRIGGER casus_zoek_ins AFTER INSERT ON casus BEGIN
    INSERT INTO zoekrij(bron, rij, casus_id) VALUES ('casus', NEW.id, NEW.id);
    INSERT INTO zoekindex(rowid, tekst) VALUES ((SELECT nr FROM zoekrij WHERE rij = NEW.id),
        concat_ws(' ', NEW.nummer, NEW.werknaam, NEW.probleem, NEW.veiligheidsrisico, NEW.geprobeerd, NEW.vraag,
            (SELECT naam FROM medewerker WHERE id = NEW.procesregisseur_id),
            (SELECT naam FROM medewerker WHERE id = NEW.trajectbegeleider_id),
            (SELECT naam FROM medewerker WHERE id = NEW.casusregisseur_id)));
END;
CREATE TRIGGER casus_zoek_upd AFTER UPDATE OF werknaam, probleem, veiligheidsrisico, geprobeerd, vraag,
        procesregisseur_id, trajectbegeleider_id, casusregisseur_id ON casus BEGIN
    DELETE FROM zoekindex WHERE rowid = (SELECT nr FROM zoekrij WHERE rij = OLD.id);
    INSERT INTO zoekindex(rowid, tekst) VALUES ((SELECT nr FROM zoekrij WHERE rij = NEW.id),
        concat_ws(' ', NEW.nummer, NEW.werknaam, NEW.probleem, NEW.veiligheidsrisico, NEW.geprobeerd, NEW.vraag,
            (SELECT naam FROM medewerker WHERE id = NEW.procesregisseur_id),
            (SELECT naam FROM medewerker WHERE id = NEW.trajectbegeleider_id),
            (SELECT naam FROM medewerker WHERE id = NEW.casusregisseur_id)));
END;
CREATE TRIGGER medewerker_zoek_upd AFTER UPDATE OF naam ON medewerker BEGIN
    DELETE FROM zoekindex WHERE rowid IN (SELECT z.nr FROM zoekrij z JOIN casus c ON c.id = z.rij
        WHERE c.procesregisseur_id = NEW.id OR c.trajectbegeleider_id = NEW.id OR c.casusregisseur_id = NEW.id);
    INSERT INTO zoekindex(rowid, tekst)
    SELECT z.nr, concat_ws(' ', c.nummer, c.werknaam, c.probleem, c.veiligheidsrisico, c.geprobeerd, c.vraag,
            (SELECT naam FROM medewerker WHERE id = c.procesregisseur_id),
            (SELECT naam FROM medewerker WHERE id = c.trajectbegeleider_id),
            (SELECT naam FROM medewerker WHERE id = c.casusregisseur_id))
    FROM casus c JOIN zoekrij z ON z.rij = c.id
    WHERE c.procesregisseur_id = NEW.id OR c.trajectbegeleider_id = NEW.id OR c.casusregisseur_id = NEW.id;
END;

-- Schakel schema, version 1.
-- Every synced table has a TEXT primary key `id` (a UUID, or a fixed id for seed rows
-- that are identical on every device). Foreign keys are deferred so that a sync bundle
-- can apply its operations in any order inside one transaction.

CREATE TABLE instelling (
    sleutel TEXT PRIMARY KEY,
    waarde  TEXT NOT NULL
) STRICT;

CREATE TABLE thema (
    id       TEXT PRIMARY KEY,
    naam     TEXT NOT NULL DEFAULT '',
    actief   INTEGER NOT NULL DEFAULT 1,
    volgorde INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE leefgebied (
    id       TEXT PRIMARY KEY,
    naam     TEXT NOT NULL DEFAULT '',
    actief   INTEGER NOT NULL DEFAULT 1,
    volgorde INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE partner (
    id              TEXT PRIMARY KEY,
    naam            TEXT NOT NULL DEFAULT '',
    soort           TEXT NOT NULL DEFAULT 'overig',
    convenantstatus TEXT NOT NULL DEFAULT 'geen',
    notities        TEXT NOT NULL DEFAULT '',
    gearchiveerd    INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE contactpersoon (
    id           TEXT PRIMARY KEY,
    partner_id   TEXT REFERENCES partner(id) DEFERRABLE INITIALLY DEFERRED,
    naam         TEXT NOT NULL DEFAULT '',
    functie      TEXT NOT NULL DEFAULT '',
    telefoon     TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    themas       TEXT NOT NULL DEFAULT '',
    gearchiveerd INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX contactpersoon_partner ON contactpersoon(partner_id);

CREATE TABLE casus (
    id                   TEXT PRIMARY KEY,
    nummer               TEXT NOT NULL UNIQUE,
    jaar                 INTEGER NOT NULL,
    volgnummer           INTEGER NOT NULL,
    werknaam             TEXT NOT NULL DEFAULT '',
    thema_id             TEXT REFERENCES thema(id) DEFERRABLE INITIALLY DEFERRED,
    ave                  INTEGER NOT NULL DEFAULT 3 CHECK (ave BETWEEN 1 AND 4),
    fase                 TEXT NOT NULL DEFAULT 'aanmelding',
    weging_uitkomst      TEXT,
    aanmelder_partner_id TEXT REFERENCES partner(id) DEFERRABLE INITIALLY DEFERRED,
    aanmelder_contact_id TEXT REFERENCES contactpersoon(id) DEFERRABLE INITIALLY DEFERRED,
    procesregisseur      TEXT NOT NULL DEFAULT '',
    trajectbegeleider    TEXT NOT NULL DEFAULT '',
    datum_aanmelding     TEXT NOT NULL,
    datum_besluit        TEXT,
    datum_start          TEXT,
    datum_afsluiting     TEXT,
    afsluitreden         TEXT,
    tevredenheid         INTEGER CHECK (tevredenheid BETWEEN 1 AND 5),
    probleem             TEXT NOT NULL DEFAULT '',
    veiligheidsrisico    TEXT NOT NULL DEFAULT '',
    geprobeerd           TEXT NOT NULL DEFAULT '',
    vraag                TEXT NOT NULL DEFAULT '',
    evaluatiedatum       TEXT,
    UNIQUE (jaar, volgnummer)
) STRICT;
CREATE INDEX casus_fase ON casus(fase);

CREATE TABLE ave_historie (
    id        TEXT PRIMARY KEY,
    casus_id  TEXT NOT NULL REFERENCES casus(id) DEFERRABLE INITIALLY DEFERRED,
    van       INTEGER,
    naar      INTEGER NOT NULL,
    tijdstip  TEXT NOT NULL,
    gebruiker TEXT NOT NULL,
    reden     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX ave_historie_casus ON ave_historie(casus_id);

CREATE TABLE fase_historie (
    id        TEXT PRIMARY KEY,
    casus_id  TEXT NOT NULL REFERENCES casus(id) DEFERRABLE INITIALLY DEFERRED,
    van       TEXT,
    naar      TEXT NOT NULL,
    tijdstip  TEXT NOT NULL,
    gebruiker TEXT NOT NULL,
    reden     TEXT NOT NULL DEFAULT '',
    heropend  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX fase_historie_casus ON fase_historie(casus_id);

CREATE TABLE betrokkene (
    id            TEXT PRIMARY KEY,
    casus_id      TEXT NOT NULL REFERENCES casus(id) DEFERRABLE INITIALLY DEFERRED,
    naam          TEXT NOT NULL DEFAULT '',
    initialen     TEXT NOT NULL DEFAULT '',
    geboortedatum TEXT,
    bsn           TEXT,
    rol           TEXT NOT NULL DEFAULT 'hoofdpersoon',
    volgorde      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX betrokkene_casus ON betrokkene(casus_id);

CREATE TABLE detentie (
    id                  TEXT PRIMARY KEY,
    casus_id            TEXT NOT NULL REFERENCES casus(id) DEFERRABLE INITIALLY DEFERRED,
    betrokkene_id       TEXT NOT NULL REFERENCES betrokkene(id) DEFERRABLE INITIALLY DEFERRED,
    inrichting          TEXT NOT NULL DEFAULT '',
    startdatum          TEXT,
    einddatum_verwacht  TEXT,
    zelfmelder          INTEGER NOT NULL DEFAULT 0,
    kortgestrafte       INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX detentie_casus ON detentie(casus_id);

CREATE TABLE journaal (
    id         TEXT PRIMARY KEY,
    casus_id   TEXT NOT NULL REFERENCES casus(id) DEFERRABLE INITIALLY DEFERRED,
    datum      TEXT NOT NULL,
    auteur     TEXT NOT NULL DEFAULT '',
    soort      TEXT NOT NULL DEFAULT 'notitie',
    inrichting TEXT NOT NULL DEFAULT '',
    tekst      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX journaal_casus ON journaal(casus_id, datum);

CREATE TABLE doel (
    id            TEXT PRIMARY KEY,
    casus_id      TEXT NOT NULL REFERENCES casus(id) DEFERRABLE INITIALLY DEFERRED,
    leefgebied_id TEXT REFERENCES leefgebied(id) DEFERRABLE INITIALLY DEFERRED,
    omschrijving  TEXT NOT NULL DEFAULT '',
    volgorde      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX doel_casus ON doel(casus_id);

CREATE TABLE overleg (
    id              TEXT PRIMARY KEY,
    soort           TEXT NOT NULL DEFAULT 'casusoverleg',
    datum           TEXT NOT NULL,
    begintijd       TEXT NOT NULL DEFAULT '09:00',
    plaats          TEXT NOT NULL DEFAULT '',
    voorzitter      TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'gepland',
    volgende_datum  TEXT
) STRICT;

CREATE TABLE genodigde (
    id         TEXT PRIMARY KEY,
    overleg_id TEXT NOT NULL REFERENCES overleg(id) DEFERRABLE INITIALLY DEFERRED,
    contact_id TEXT NOT NULL REFERENCES contactpersoon(id) DEFERRABLE INITIALLY DEFERRED,
    aanwezig   INTEGER
) STRICT;
CREATE INDEX genodigde_overleg ON genodigde(overleg_id);

CREATE TABLE agendapunt (
    id           TEXT PRIMARY KEY,
    overleg_id   TEXT NOT NULL REFERENCES overleg(id) DEFERRABLE INITIALLY DEFERRED,
    casus_id     TEXT NOT NULL REFERENCES casus(id) DEFERRABLE INITIALLY DEFERRED,
    starttijd    TEXT NOT NULL DEFAULT '',
    duur_minuten INTEGER NOT NULL DEFAULT 15,
    volgorde     INTEGER NOT NULL DEFAULT 0,
    beeld        TEXT NOT NULL DEFAULT '',
    oordeel      TEXT NOT NULL DEFAULT '',
    besluit      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX agendapunt_overleg ON agendapunt(overleg_id);
CREATE INDEX agendapunt_casus ON agendapunt(casus_id);

CREATE TABLE actie (
    id            TEXT PRIMARY KEY,
    casus_id      TEXT NOT NULL REFERENCES casus(id) DEFERRABLE INITIALLY DEFERRED,
    doel_id       TEXT REFERENCES doel(id) DEFERRABLE INITIALLY DEFERRED,
    omschrijving  TEXT NOT NULL DEFAULT '',
    partner_id    TEXT REFERENCES partner(id) DEFERRABLE INITIALLY DEFERRED,
    contact_id    TEXT REFERENCES contactpersoon(id) DEFERRABLE INITIALLY DEFERRED,
    deadline      TEXT,
    status        TEXT NOT NULL DEFAULT 'open',
    resultaat     TEXT NOT NULL DEFAULT '',
    volgorde      INTEGER NOT NULL DEFAULT 0,
    agendapunt_id TEXT REFERENCES agendapunt(id) DEFERRABLE INITIALLY DEFERRED
) STRICT;
CREATE INDEX actie_casus ON actie(casus_id, status, deadline);

CREATE TABLE risico (
    id            TEXT PRIMARY KEY,
    casus_id      TEXT NOT NULL REFERENCES casus(id) DEFERRABLE INITIALLY DEFERRED,
    leefgebied_id TEXT NOT NULL REFERENCES leefgebied(id) DEFERRABLE INITIALLY DEFERRED,
    score         INTEGER NOT NULL DEFAULT 1 CHECK (score BETWEEN 1 AND 5),
    toelichting   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX risico_casus ON risico(casus_id);

CREATE TABLE planversie (
    id              TEXT PRIMARY KEY,
    casus_id        TEXT NOT NULL REFERENCES casus(id) DEFERRABLE INITIALLY DEFERRED,
    nummer          INTEGER NOT NULL,
    vastgelegd_op   TEXT NOT NULL,
    vastgelegd_door TEXT NOT NULL,
    reden           TEXT NOT NULL DEFAULT '',
    inhoud          TEXT NOT NULL,
    UNIQUE (casus_id, nummer)
) STRICT;

-- Audit log: who did what to which record and field, never the value.
-- Hash-chained: hash = sha256(vorige_hash | fields). The head is kept in instelling.
CREATE TABLE audit (
    nr          INTEGER PRIMARY KEY,
    tijdstip    TEXT NOT NULL,
    gebruiker   TEXT NOT NULL,
    apparaat    TEXT NOT NULL,
    handeling   TEXT NOT NULL,
    tabel       TEXT NOT NULL,
    rij         TEXT NOT NULL,
    veld        TEXT,
    casus_id    TEXT,
    vorige_hash TEXT NOT NULL,
    hash        TEXT NOT NULL
) STRICT;
CREATE INDEX audit_casus ON audit(casus_id);

-- Change log for sync: one operation per field, per-device sequence, hybrid logical clock.
CREATE TABLE wijziging (
    apparaat   TEXT NOT NULL,
    volgnummer INTEGER NOT NULL,
    hlc        INTEGER NOT NULL,
    tabel      TEXT NOT NULL,
    rij        TEXT NOT NULL,
    veld       TEXT,
    waarde     TEXT,
    verwijderd INTEGER NOT NULL DEFAULT 0,
    casus_id   TEXT,
    PRIMARY KEY (apparaat, volgnummer)
) STRICT;
CREATE INDEX wijziging_veld ON wijziging(tabel, rij, veld);
CREATE INDEX wijziging_casus ON wijziging(casus_id);

-- Full-text search. `zoekrij` maps a source row to a stable FTS rowid (survives VACUUM).
CREATE TABLE zoekrij (
    nr       INTEGER PRIMARY KEY,
    bron     TEXT NOT NULL,
    rij      TEXT NOT NULL UNIQUE,
    casus_id TEXT NOT NULL
) STRICT;
CREATE INDEX zoekrij_casus ON zoekrij(casus_id);
CREATE VIRTUAL TABLE zoekindex USING fts5(tekst, tokenize = 'unicode61 remove_diacritics 2');

-- Index maintenance, one trigger set per searchable table.
CREATE TRIGGER casus_zoek_ins AFTER INSERT ON casus BEGIN
    INSERT INTO zoekrij(bron, rij, casus_id) VALUES ('casus', NEW.id, NEW.id);
    INSERT INTO zoekindex(rowid, tekst) VALUES ((SELECT nr FROM zoekrij WHERE rij = NEW.id),
        concat_ws(' ', NEW.nummer, NEW.werknaam, NEW.probleem, NEW.veiligheidsrisico, NEW.geprobeerd, NEW.vraag, NEW.procesregisseur, NEW.trajectbegeleider));
END;
CREATE TRIGGER casus_zoek_upd AFTER UPDATE OF werknaam, probleem, veiligheidsrisico, geprobeerd, vraag, procesregisseur, trajectbegeleider ON casus BEGIN
    DELETE FROM zoekindex WHERE rowid = (SELECT nr FROM zoekrij WHERE rij = OLD.id);
    INSERT INTO zoekindex(rowid, tekst) VALUES ((SELECT nr FROM zoekrij WHERE rij = NEW.id),
        concat_ws(' ', NEW.nummer, NEW.werknaam, NEW.probleem, NEW.veiligheidsrisico, NEW.geprobeerd, NEW.vraag, NEW.procesregisseur, NEW.trajectbegeleider));
END;
CREATE TRIGGER casus_zoek_del AFTER DELETE ON casus BEGIN
    DELETE FROM zoekindex WHERE rowid = (SELECT nr FROM zoekrij WHERE rij = OLD.id);
    DELETE FROM zoekrij WHERE rij = OLD.id;
END;

CREATE TRIGGER betrokkene_zoek_ins AFTER INSERT ON betrokkene BEGIN
    INSERT INTO zoekrij(bron, rij, casus_id) VALUES ('betrokkene', NEW.id, NEW.casus_id);
    INSERT INTO zoekindex(rowid, tekst) VALUES ((SELECT nr FROM zoekrij WHERE rij = NEW.id), concat_ws(' ', NEW.naam, NEW.initialen));
END;
CREATE TRIGGER betrokkene_zoek_upd AFTER UPDATE OF naam, initialen ON betrokkene BEGIN
    DELETE FROM zoekindex WHERE rowid = (SELECT nr FROM zoekrij WHERE rij = OLD.id);
    INSERT INTO zoekindex(rowid, tekst) VALUES ((SELECT nr FROM zoekrij WHERE rij = NEW.id), concat_ws(' ', NEW.naam, NEW.initialen));
END;
CREATE TRIGGER betrokkene_zoek_del AFTER DELETE ON betrokkene BEGIN
    DELETE FROM zoekindex WHERE rowid = (SELECT nr FROM zoekrij WHERE rij = OLD.id);
    DELETE FROM zoekrij WHERE rij = OLD.id;
END;

CREATE TRIGGER journaal_zoek_ins AFTER INSERT ON journaal BEGIN
    INSERT INTO zoekrij(bron, rij, casus_id) VALUES ('journaal', NEW.id, NEW.casus_id);
    INSERT INTO zoekindex(rowid, tekst) VALUES ((SELECT nr FROM zoekrij WHERE rij = NEW.id), concat_ws(' ', NEW.tekst, NEW.inrichting));
END;
CREATE TRIGGER journaal_zoek_upd AFTER UPDATE OF tekst, inrichting ON journaal BEGIN
    DELETE FROM zoekindex WHERE rowid = (SELECT nr FROM zoekrij WHERE rij = OLD.id);
    INSERT INTO zoekindex(rowid, tekst) VALUES ((SELECT nr FROM zoekrij WHERE rij = NEW.id), concat_ws(' ', NEW.tekst, NEW.inrichting));
END;
CREATE TRIGGER journaal_zoek_del AFTER DELETE ON journaal BEGIN
    DELETE FROM zoekindex WHERE rowid = (SELECT nr FROM zoekrij WHERE rij = OLD.id);
    DELETE FROM zoekrij WHERE rij = OLD.id;
END;

CREATE TRIGGER doel_zoek_ins AFTER INSERT ON doel BEGIN
    INSERT INTO zoekrij(bron, rij, casus_id) VALUES ('doel', NEW.id, NEW.casus_id);
    INSERT INTO zoekindex(rowid, tekst) VALUES ((SELECT nr FROM zoekrij WHERE rij = NEW.id), NEW.omschrijving);
END;
CREATE TRIGGER doel_zoek_upd AFTER UPDATE OF omschrijving ON doel BEGIN
    DELETE FROM zoekindex WHERE rowid = (SELECT nr FROM zoekrij WHERE rij = OLD.id);
    INSERT INTO zoekindex(rowid, tekst) VALUES ((SELECT nr FROM zoekrij WHERE rij = NEW.id), NEW.omschrijving);
END;
CREATE TRIGGER doel_zoek_del AFTER DELETE ON doel BEGIN
    DELETE FROM zoekindex WHERE rowid = (SELECT nr FROM zoekrij WHERE rij = OLD.id);
    DELETE FROM zoekrij WHERE rij = OLD.id;
END;

CREATE TRIGGER actie_zoek_ins AFTER INSERT ON actie BEGIN
    INSERT INTO zoekrij(bron, rij, casus_id) VALUES ('actie', NEW.id, NEW.casus_id);
    INSERT INTO zoekindex(rowid, tekst) VALUES ((SELECT nr FROM zoekrij WHERE rij = NEW.id), concat_ws(' ', NEW.omschrijving, NEW.resultaat));
END;
CREATE TRIGGER actie_zoek_upd AFTER UPDATE OF omschrijving, resultaat ON actie BEGIN
    DELETE FROM zoekindex WHERE rowid = (SELECT nr FROM zoekrij WHERE rij = OLD.id);
    INSERT INTO zoekindex(rowid, tekst) VALUES ((SELECT nr FROM zoekrij WHERE rij = NEW.id), concat_ws(' ', NEW.omschrijving, NEW.resultaat));
END;
CREATE TRIGGER actie_zoek_del AFTER DELETE ON actie BEGIN
    DELETE FROM zoekindex WHERE rowid = (SELECT nr FROM zoekrij WHERE rij = OLD.id);
    DELETE FROM zoekrij WHERE rij = OLD.id;
END;

-- Seed lists (identical ids on every device, so they need no sync).
INSERT INTO thema (id, naam, volgorde) VALUES
    ('thema-com', 'Casus op maat (COM)', 1),
    ('thema-nazorg', 'Nazorg (ex-)gedetineerden', 2),
    ('thema-levensloop', 'Levensloopaanpak', 3),
    ('thema-verward', 'Onbegrepen / verward gedrag', 4),
    ('thema-radicalisering', 'Radicalisering en polarisatie', 5),
    ('thema-mensenhandel', 'Mensenhandel en uitbuiting', 6),
    ('thema-jeugd', 'Jeugd(netwerken) en jonge aanwas', 7),
    ('thema-hg', 'Huiselijk geweld / MDA++ / stalking', 8),
    ('thema-onrust', 'Maatschappelijke onrust', 9),
    ('thema-arbeidsmigranten', 'Arbeidsmigranten', 10);

INSERT INTO leefgebied (id, naam, volgorde) VALUES
    ('lg-identiteit', 'Identiteitsbewijs', 1),
    ('lg-wonen', 'Wonen/onderdak', 2),
    ('lg-inkomen', 'Werk en inkomen', 3),
    ('lg-schulden', 'Schulden', 4),
    ('lg-zorg', 'Zorg', 5),
    ('lg-veiligheid', 'Veiligheid', 6),
    ('lg-dagbesteding', 'Dagbesteding', 7),
    ('lg-netwerk', 'Sociaal netwerk', 8),
    ('lg-middelen', 'Middelengebruik', 9),
    ('lg-gezin', 'Gezin', 10),
    ('lg-justitie', 'Justitie', 11);

//! Dutch labels for the tables and fields of the sync registry, shared by the window
//! (conflict list, Historie tab), the command line (`casus show`, `sync conflicten`) and
//! reports: no screen shows a database name. A store test walks every table and field
//! of the registry and checks that each has a label here.

/// Name of a record kind, capitalised ("Journaalregel"), or `None` for an unknown table.
pub fn tabel_label(tabel: &str) -> Option<&'static str> {
    Some(match tabel {
        "thema" => "Thema",
        "leefgebied" => "Leefgebied",
        "gemeente" => "Gemeente",
        "overlegsoort" => "Soort overleg",
        "partner" => "Partner",
        "contactpersoon" => "Contactpersoon",
        "medewerker" => "Medewerker",
        "casus" => "Casus",
        "ave_historie" => "AVE-wijziging",
        "fase_historie" => "Fasewijziging",
        "betrokkene" => "Betrokkene",
        "detentie" => "Detentie",
        "journaal" => "Journaalregel",
        "doel" => "Doel",
        "actie" => "Actie",
        "risico" => "Risicotaxatie",
        "planversie" => "Planversie",
        "overleg" => "Overleg",
        "genodigde" => "Genodigde",
        "agendapunt" => "Agendapunt",
        "bewaarverlenging" => "Verlenging van de bewaartermijn",
        "adviesvraag" => "Adviesvraag",
        "opschaling" => "Opschaling",
        "detentiemelding" => "Detentiemelding",
        "meldingbron" => "Bron van een melding",
        "melding_aanbod" => "Aanbod bij een melding",
        "casus_aanbod" => "Aanbod bij een casus",
        "koppeling" => "Koppeling",
        "bezoek" => "PI-bezoek",
        "bezoek_persoon" => "Persoon op een bezoeklijst",
        "melding_notitie" => "Notitie bij een melding",
        _ => return None,
    })
}

/// The record kind with an article, as part of a sentence ("een journaalregel").
fn met_lidwoord(tabel: &str) -> String {
    match tabel {
        "casus" => "de casus".into(),
        "bewaarverlenging" => "een verlenging van de bewaartermijn".into(),
        "ave_historie" => "een AVE-wijziging".into(),
        "adviesvraag" => "een adviesvraag".into(),
        "opschaling" => "een opschaling".into(),
        "detentiemelding" => "de melding".into(),
        "meldingbron" => "een bron van de melding".into(),
        "melding_aanbod" => "het aanbod bij de melding".into(),
        "casus_aanbod" => "het aanbod bij de casus".into(),
        "bezoek" => "een PI-bezoek".into(),
        "bezoek_persoon" => "een persoon op de bezoeklijst".into(),
        _ => match tabel_label(tabel) {
            Some(l) => format!("een {}", l.to_lowercase()),
            None => tabel.replace('_', " "),
        },
    }
}

/// Label of a field of a synced table ("Aanmelddatum"), or `None` when unknown.
pub fn veld_label(tabel: &str, veld: &str) -> Option<&'static str> {
    // Fields that mean the same in every table.
    let algemeen = match veld {
        "casus_id" => Some("Casus"),
        "aangemaakt_hlc" => Some("Aanmaakmoment"),
        "aangemaakt_door" => Some("Aangemaakt op apparaat"),
        "partner_id" => Some("Partner"),
        "contact_id" => Some("Contactpersoon"),
        "leefgebied_id" => Some("Leefgebied"),
        "overleg_id" => Some("Overleg"),
        "volgorde" => Some("Volgorde"),
        "gearchiveerd" => Some("Gearchiveerd"),
        _ => None,
    };
    if algemeen.is_some() {
        return algemeen;
    }
    Some(match (tabel, veld) {
        ("thema" | "leefgebied" | "gemeente" | "overlegsoort", "naam") => "Naam",
        ("thema" | "leefgebied" | "gemeente" | "overlegsoort", "actief") => "In gebruik",
        ("overlegsoort", "categorie") => "Categorie",
        ("partner", "naam") => "Naam",
        ("partner", "soort") => "Soort organisatie",
        ("partner", "convenantstatus") => "Convenantstatus",
        ("partner", "notities") => "Notities",
        ("contactpersoon", "naam") => "Naam",
        ("contactpersoon", "functie") => "Functie",
        ("contactpersoon", "telefoon") => "Telefoon",
        ("contactpersoon", "email") => "E-mailadres",
        ("contactpersoon", "themas") => "Thema's",
        ("casus", "nummer") => "Casusnummer",
        ("casus", "jaar") => "Jaar",
        ("casus", "volgnummer") => "Volgnummer",
        ("casus", "werknaam") => "Werknaam",
        ("casus", "thema_id") => "Thema",
        ("casus", "ave") => "AVE-fase",
        ("casus", "fase") => "Fase",
        ("casus", "weging_uitkomst") => "Uitkomst van de weging",
        ("casus", "aanmelder_partner_id") => "Aanmeldende partner",
        ("casus", "aanmelder_contact_id") => "Aanmelder",
        ("casus", "procesregisseur") => "Procesregisseur (oude tekst)",
        ("casus", "trajectbegeleider") => "Trajectbegeleider (oude tekst)",
        ("casus", "procesregisseur_id") => "Procesregisseur",
        ("casus", "trajectbegeleider_id") => "Trajectbegeleider",
        ("casus", "casusregisseur_id") => "Casusregisseur",
        ("medewerker", "naam") => "Naam",
        ("medewerker", "rol") => "Rol",
        ("medewerker", "apparaat") => "Apparaat",
        ("casus", "datum_aanmelding") => "Aanmelddatum",
        ("casus", "datum_besluit") => "Datum besluit weegtafel",
        ("casus", "datum_start") => "Startdatum procesregie",
        ("casus", "datum_afsluiting") => "Datum afsluiting",
        ("casus", "afsluitreden") => "Reden van afsluiting",
        ("casus", "tevredenheid") => "Tevredenheid aanmelder",
        ("casus", "probleem") => "Probleem",
        ("casus", "veiligheidsrisico") => "Veiligheidsrisico",
        ("casus", "geprobeerd") => "Wat al is geprobeerd",
        ("casus", "vraag") => "Vraag aan het ZVH",
        ("casus", "evaluatiedatum") => "Evaluatiedatum",
        ("casus", "weging_datum") => "Datum van de weging",
        ("casus", "weging_overleg_id") => "Weegtafel van de weging",
        ("casus", "gemeente_id") => "Gemeente",
        ("ave_historie" | "fase_historie", "van") => "Van",
        ("ave_historie" | "fase_historie", "naar") => "Naar",
        ("ave_historie" | "fase_historie", "tijdstip") => "Tijdstip",
        ("ave_historie" | "fase_historie", "gebruiker") => "Door",
        ("ave_historie" | "fase_historie", "reden") => "Reden",
        ("fase_historie", "heropend") => "Heropend",
        ("koppeling", "casus_a") => "Casus",
        ("koppeling", "casus_b") => "Gekoppelde casus",
        ("koppeling", "soort") => "Soort koppeling",
        ("koppeling", "toelichting") => "Toelichting",
        ("betrokkene", "naam") => "Naam",
        ("betrokkene", "initialen") => "Initialen",
        ("betrokkene", "geboortedatum") => "Geboortedatum",
        ("betrokkene", "bsn") => "BSN",
        ("betrokkene", "rol") => "Rol",
        ("detentie", "betrokkene_id") => "Betrokkene",
        ("detentie", "inrichting") => "Inrichting",
        ("detentie", "startdatum") => "Begin detentie",
        ("detentie", "einddatum_verwacht") => "Verwachte einddatum",
        ("detentie", "zelfmelder") => "Zelfmelder",
        ("detentie", "kortgestrafte") => "Kortgestrafte",
        ("journaal", "datum") => "Datum",
        ("journaal", "auteur") => "Auteur",
        ("journaal", "soort") => "Soort",
        ("journaal", "inrichting") => "Inrichting",
        ("journaal", "tekst") => "Tekst",
        ("doel", "omschrijving") => "Omschrijving",
        ("actie", "doel_id") => "Doel",
        ("actie", "omschrijving") => "Omschrijving",
        ("actie", "deadline") => "Deadline",
        ("actie", "status") => "Status",
        ("actie", "resultaat") => "Resultaat",
        ("actie", "agendapunt_id") => "Besluit uit overleg",
        ("risico", "score") => "Score",
        ("risico", "toelichting") => "Toelichting",
        ("risico", "moment") => "Moment van de taxatie",
        ("risico", "beoordelaar") => "Beoordelaar",
        ("planversie", "nummer") => "Versienummer",
        ("planversie", "vastgelegd_op") => "Vastgelegd op",
        ("planversie", "vastgelegd_door") => "Vastgelegd door",
        ("planversie", "reden") => "Reden",
        ("planversie", "inhoud") => "Inhoud",
        ("overleg", "soort") => "Soort overleg",
        ("overleg", "datum") => "Datum",
        ("overleg", "begintijd") => "Begintijd",
        ("overleg", "plaats") => "Plaats",
        ("overleg", "voorzitter") => "Voorzitter",
        ("overleg", "status") => "Status",
        ("overleg", "volgende_datum") => "Volgend overleg",
        ("genodigde", "aanwezig") => "Aanwezig",
        ("agendapunt", "starttijd") => "Starttijd",
        ("agendapunt", "duur_minuten") => "Duur (minuten)",
        ("agendapunt", "beeld") => "Beeld",
        ("agendapunt", "oordeel") => "Oordeel",
        ("agendapunt", "besluit") => "Besluit",
        ("agendapunt", "tekst") => "Onderwerp",
        ("bewaarverlenging", "tot") => "Bewaren tot",
        ("bewaarverlenging", "reden") => "Reden",
        ("bewaarverlenging", "door") => "Door",
        ("bewaarverlenging", "vastgelegd_op") => "Vastgelegd op",
        ("adviesvraag", "datum") => "Datum",
        ("adviesvraag", "thema_id") => "Thema",
        ("adviesvraag", "gemeente_id") => "Gemeente",
        ("adviesvraag", "initialen") => "Initialen (geen persoonsgegevens)",
        ("adviesvraag", "vraag") => "Vraag",
        ("adviesvraag", "advies") => "Gegeven advies",
        ("adviesvraag", "minuten") => "Bestede tijd (minuten)",
        ("adviesvraag", "doorverwezen") => "Doorverwezen naar",
        ("opschaling", "datum") => "Datum",
        ("opschaling", "naar") => "Opgeschaald naar",
        ("opschaling", "reden") => "Reden",
        ("opschaling", "uitkomst") => "Uitkomst",
        ("detentiemelding", "behandelaar_id") => "Behandelaar",
        ("detentiemelding", "ontvangen_op") => "Ontvangen op",
        ("detentiemelding", "naam") => "Naam",
        ("detentiemelding", "geboortedatum") => "Geboortedatum",
        ("detentiemelding", "bsn") => "BSN",
        ("detentiemelding", "bron") => "Bron van de melding",
        ("detentiemelding", "inrichting") => "Inrichting",
        ("detentiemelding", "startdatum") => "Begin detentie",
        ("detentiemelding", "einddatum_verwacht") => "Verwachte uitstroom",
        ("detentiemelding", "einddatum_werkelijk") => "Werkelijke uitstroom",
        ("detentiemelding", "zelfmelder") => "Zelfmelder",
        ("detentiemelding", "kortgestrafte") => "Kortgestrafte",
        ("detentiemelding", "gemeente_id") => "Gemeente van herkomst",
        ("detentiemelding", "status") => "Status",
        ("detentiemelding", "route") => "Route",
        ("detentiemelding", "triage_reden") => "Reden van de triage",
        ("detentiemelding", "getrieerd_op") => "Getrieerd op",
        ("detentiemelding", "overdracht_contact_id") => "Overgedragen aan",
        ("detentiemelding", "overdracht_warm") => "Warme overdracht",
        ("detentiemelding", "overgedragen_op") => "Overgedragen op",
        ("detentiemelding", "omgezet_casus_id") => "Omgezet naar casus",
        ("detentiemelding", "omgezet_op") => "Omgezet op",
        ("meldingbron", "melding_id") => "Melding",
        ("meldingbron", "bron") => "Bron",
        ("meldingbron", "gevraagd_op") => "Gevraagd op",
        ("meldingbron", "beantwoord_op") => "Beantwoord op",
        ("meldingbron", "antwoord") => "Antwoord",
        ("melding_aanbod", "melding_id") => "Melding",
        ("melding_aanbod" | "casus_aanbod", "leefgebied") => "Leefgebied",
        ("melding_aanbod" | "casus_aanbod", "status") => "Status",
        ("melding_aanbod" | "casus_aanbod", "datum") => "Datum",
        ("melding_aanbod" | "casus_aanbod", "toelichting") => "Toelichting",
        ("bezoek", "behandelaar_id") => "Trajectbegeleider",
        ("bezoek", "inrichting") => "Inrichting",
        ("bezoek", "datum") => "Datum",
        ("bezoek_persoon", "bezoek_id") => "Bezoek",
        ("bezoek_persoon", "eigenaar_id") => "Melding of casus",
        ("bezoek_persoon", "melding_id") => "Melding",
        ("bezoek_persoon", "betrokkene_id") => "Betrokkene",
        ("bezoek_persoon", "volgorde") => "Volgorde",
        ("melding_notitie", "melding_id") => "Melding",
        ("melding_notitie", "datum") => "Datum",
        ("melding_notitie", "auteur") => "Auteur",
        ("melding_notitie", "soort") => "Soort",
        ("melding_notitie", "inrichting") => "Inrichting",
        ("melding_notitie", "tekst") => "Tekst",
        _ => return None,
    })
}

/// "Werknaam van de casus" for a synced table and field. An unknown field (a newer
/// colleague's) is shown readably rather than as a column name.
pub fn veld_omschrijving(tabel: &str, veld: &str) -> String {
    let v = match veld_label(tabel, veld) {
        Some(l) => l.to_string(),
        None => {
            let v = veld.replace('_', " ");
            match v.get(..1) {
                Some(eerste) => format!("{}{}", eerste.to_uppercase(), &v[1..]),
                None => v,
            }
        }
    };
    format!("{v} van {}", met_lidwoord(tabel))
}

/// One line of a casus history (audit log) in words: "Journaalregel aangemaakt",
/// "Werknaam van de casus gewijzigd", "Bekeken".
pub fn audit_omschrijving(handeling: &str, tabel: &str, veld: Option<&str>) -> String {
    let wat = tabel_label(tabel).map(str::to_string).unwrap_or_else(|| tabel.replace('_', " "));
    match (handeling, veld) {
        ("inzien", _) => "Bekeken".into(),
        ("aanmaken", _) => format!("{wat} aangemaakt"),
        ("verwijderen", _) => format!("{wat} verwijderd"),
        ("vernietigen", _) => format!("{wat} verwijderd na de bewaartermijn"),
        ("exporteren", _) => uitvoer_zin(tabel).map(str::to_string).unwrap_or_else(|| format!("{wat} uitgevoerd")),
        ("ontvangen", Some(v)) => format!("{} ontvangen van een collega", veld_omschrijving(tabel, v)),
        ("ontvangen", None) => format!("{wat} ontvangen van een collega"),
        (_, Some(v)) => format!("{} gewijzigd", veld_omschrijving(tabel, v)),
        (h, None) => format!("{wat}: {}", h.replace('_', " ")),
    }
}

/// What an `exporteren` audit entry means, by the `tabel` value the store writes for each
/// kind of output (`store::Uitvoer::tabel`).
fn uitvoer_zin(tabel: &str) -> Option<&'static str> {
    Some(match tabel {
        "pdf_agenda" => "Opgenomen in een agenda (PDF of afdruk)",
        "pdf_verslag" => "Opgenomen in een verslag (PDF of afdruk)",
        "pdf_plan" => "Plan van aanpak als PDF gemaakt of afgedrukt",
        "pdf_overzicht" => "Casusoverzicht als PDF gemaakt of afgedrukt",
        "inzage" => "Opgenomen in een antwoord op een inzageverzoek",
        "backup" => "Opgenomen in een back-up",
        "contactlijst" => "Contactlijst uitgevoerd",
        "bundel" => "Meegegeven in een synchronisatiebundel",
        "sleutel_identiteit" => "Apparaatidentiteit geëxporteerd",
        "sleutel_database" => "Databasesleutel geëxporteerd",
        "sleutel_herstel" => "Herstelsleutel gemaakt of gebruikt",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zinnen_zonder_databasenamen() {
        assert_eq!(veld_omschrijving("casus", "datum_aanmelding"), "Aanmelddatum van de casus");
        assert_eq!(veld_omschrijving("journaal", "tekst"), "Tekst van een journaalregel");
        assert_eq!(audit_omschrijving("aanmaken", "fase_historie", None), "Fasewijziging aangemaakt");
        assert_eq!(
            audit_omschrijving("wijzigen", "casus", Some("datum_start")),
            "Startdatum procesregie van de casus gewijzigd"
        );
        assert_eq!(audit_omschrijving("inzien", "casus", None), "Bekeken");
        // A field a newer version added still reads as words.
        assert_eq!(veld_omschrijving("casus", "nieuw_veld"), "Nieuw veld van de casus");
    }
}

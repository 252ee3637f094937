//! Dutch labels for the tables and fields of the sync registry, shared by the window
//! (conflict list, history) and the command line.

/// "Werknaam van de casus" for a synced table and field.
pub fn veld_omschrijving(tabel: &str, veld: &str) -> String {
    let wat = match tabel {
        "casus" => "de casus",
        "actie" => "een actie",
        "doel" => "een doel",
        "journaal" => "een journaalregel",
        "betrokkene" => "een betrokkene",
        "detentie" => "een detentie",
        "partner" => "een partner",
        "contactpersoon" => "een contactpersoon",
        "risico" => "een risico",
        "agendapunt" => "een agendapunt",
        "overleg" => "een overleg",
        ander => ander,
    };
    let v = match veld {
        "ave" => "AVE-fase".to_string(),
        "fase" => "Fase".into(),
        "weging_uitkomst" => "Uitkomst van de weging".into(),
        "thema_id" => "Thema".into(),
        "partner_id" => "Partner".into(),
        "contact_id" => "Contactpersoon".into(),
        "doel_id" => "Doel".into(),
        "leefgebied_id" => "Leefgebied".into(),
        "bsn" => "BSN".into(),
        "pi_bezoek" => "PI-bezoek".into(),
        ander => {
            let v = ander.replace('_', " ");
            match v.get(..1) {
                Some(eerste) => format!("{}{}", eerste.to_uppercase(), &v[1..]),
                None => v,
            }
        }
    };
    format!("{v} van {wat}")
}

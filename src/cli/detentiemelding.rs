//! CLI of the detentiemeldingen (`melding …`, issue 22): what the Meldingen screen does in
//! the window, with the same store rules and Dutch messages. A melding is named by its id
//! or its first 8+ characters (shown by `melding list`).

use super::{CliFout, meld, open_store, print_json};
use crate::domain::{
    AanbodGebied, AanbodStatus, Casusnummer, Informatiebron, TriageRoute, aantal, nl_datum, parse_datum,
};
use crate::store::{Gegevensmap, MeldingDetail, MeldingWijziging, NieuweMelding};
use clap::Subcommand;

/// `melding` subcommands.
#[derive(Debug, Subcommand)]
pub enum MeldingOpdracht {
    /// Leg een nieuwe detentiemelding vast; toont het id
    Add {
        /// Naam van de gedetineerde
        #[arg(long)]
        naam: String,
        /// Geboortedatum (JJJJ-MM-DD of DD-MM-JJJJ)
        #[arg(long)]
        geboortedatum: String,
        /// Inrichting, bijvoorbeeld PI Veenhuizen
        #[arg(long)]
        inrichting: String,
        /// Van wie de melding komt: dji, pi, reclassering, gemeente, politie, om, zorg of anders
        #[arg(long)]
        bron: String,
        /// BSN (elfproef)
        #[arg(long)]
        bsn: Option<String>,
        /// Begin van de detentie
        #[arg(long)]
        start: Option<String>,
        /// Verwachte datum van uitstroom
        #[arg(long)]
        verwacht: Option<String>,
        /// Gemeente van herkomst (uit de gemeentelijst)
        #[arg(long)]
        gemeente: Option<String>,
        /// Zelfmelder
        #[arg(long)]
        zelfmelder: bool,
        /// Kortgestrafte
        #[arg(long)]
        kortgestrafte: bool,
        /// Behandelaar (medewerker: id, eerste 8+ tekens of naam); standaard uzelf
        #[arg(long)]
        behandelaar: Option<String>,
    },
    /// Toon de meldingen, gesorteerd op verwachte uitstroom
    List {
        /// Alleen open meldingen met uitstroom binnen zoveel dagen
        #[arg(long = "uitstroom-binnen", value_name = "DAGEN")]
        uitstroom_binnen: Option<i64>,
    },
    /// Toon één melding met checklist, triage, overdracht en aanbod
    Show {
        /// Id of de eerste 8+ tekens ervan
        melding: String,
    },
    /// Verrijk: leg vast dat een bron is bevraagd (zonder --tekst) of heeft geantwoord
    Verrijk {
        /// Id of de eerste 8+ tekens ervan
        melding: String,
        /// De bevraagde bron: dji, pi, reclassering, gemeente, politie, om, zorg of anders
        #[arg(long)]
        bron: String,
        /// Het antwoord van de bron
        #[arg(long)]
        tekst: Option<String>,
    },
    /// Trieer: kies de route (lokaal, zvh of pi) met een reden
    Triage {
        /// Id of de eerste 8+ tekens ervan
        melding: String,
        /// lokaal, zvh of pi
        #[arg(long)]
        route: String,
        /// Waarom deze route
        #[arg(long)]
        reden: String,
    },
    /// Draag de melding over aan een contactpersoon van de gemeente
    Overdragen {
        /// Id of de eerste 8+ tekens ervan
        melding: String,
        /// Id van de contactpersoon
        #[arg(long)]
        contact: String,
        /// Warme overdracht (persoonlijk, met de betrokkene of de contactpersoon erbij)
        #[arg(long)]
        warm: bool,
    },
    /// Zet een melding met route zvh om naar een nazorgcasus; toont het casusnummer
    Omzetten {
        /// Id of de eerste 8+ tekens ervan
        melding: String,
        /// Werknaam van de nieuwe casus (standaard "Nazorg" met de initialen)
        #[arg(long)]
        werknaam: Option<String>,
    },
    /// Leg het aanbod van één leefgebied vast, bij een melding of bij een casus (casusnummer)
    Aanbod {
        /// Melding-id (8+ tekens) of casusnummer
        doel: String,
        /// identiteitsbewijs, onderdak, inkomen, schulden, zorg, werk of sociaal-netwerk
        #[arg(long)]
        leefgebied: String,
        /// geregeld, bezig, geweigerd of niet-nodig
        #[arg(long)]
        status: String,
        /// Datum van deze stand (standaard vandaag)
        #[arg(long)]
        datum: Option<String>,
        /// Toelichting
        #[arg(long, default_value = "")]
        toelichting: String,
    },
    /// Corrigeer gegevens van een melding of wijs een andere behandelaar toe (met reden)
    Wijzig {
        /// Id of de eerste 8+ tekens ervan
        melding: String,
        /// Waarom (verplicht)
        #[arg(long)]
        reden: String,
        /// Naam
        #[arg(long)]
        naam: Option<String>,
        /// Geboortedatum
        #[arg(long)]
        geboortedatum: Option<String>,
        /// BSN; leeg wist het
        #[arg(long)]
        bsn: Option<String>,
        /// Bron van de melding
        #[arg(long)]
        bron: Option<String>,
        /// Inrichting
        #[arg(long)]
        inrichting: Option<String>,
        /// Begin van de detentie; leeg wist het
        #[arg(long)]
        start: Option<String>,
        /// Verwachte uitstroom; leeg wist het
        #[arg(long)]
        verwacht: Option<String>,
        /// Werkelijke uitstroom; leeg wist het
        #[arg(long)]
        uitstroom: Option<String>,
        /// Zelfmelder: ja of nee
        #[arg(long)]
        zelfmelder: Option<String>,
        /// Kortgestrafte: ja of nee
        #[arg(long)]
        kortgestrafte: Option<String>,
        /// Gemeente van herkomst; leeg wist het
        #[arg(long)]
        gemeente: Option<String>,
        /// Behandelaar (medewerker)
        #[arg(long)]
        behandelaar: Option<String>,
    },
    /// Verwijder een melding met alles erbij (met reden)
    Verwijder {
        /// Id of de eerste 8+ tekens ervan
        melding: String,
        /// Waarom (verplicht)
        #[arg(long)]
        reden: String,
    },
    /// Toon de overgedragen meldingen waarvan de bewaartermijn is verstreken
    TeVerwijderen,
    /// Corrigeer de tekst van een notitie bij een melding (de oude tekst blijft in de historie)
    NotitieWijzig {
        /// Id van de notitie (of de eerste 8+ tekens, zie `melding show`)
        id: String,
        /// Nieuwe tekst
        #[arg(long)]
        tekst: String,
    },
    /// Verwijder een notitie bij een melding; de reden komt in de historie
    NotitieVerwijder {
        /// Id van de notitie (of de eerste 8+ tekens)
        id: String,
        /// Waarom (verplicht)
        #[arg(long)]
        reden: String,
    },
}

fn datum_optie(t: &Option<String>) -> Result<Option<Option<chrono::NaiveDate>>, CliFout> {
    Ok(match t.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(d) => Some(Some(parse_datum(d)?)),
    })
}

fn ja_nee(t: &Option<String>) -> Result<Option<bool>, CliFout> {
    match t.as_deref().map(|t| t.trim().to_lowercase()) {
        None => Ok(None),
        Some(t) if ["ja", "j", "true", "1"].contains(&t.as_str()) => Ok(Some(true)),
        Some(t) if ["nee", "n", "false", "0"].contains(&t.as_str()) => Ok(Some(false)),
        Some(t) => Err(CliFout::Gebruik(format!("Geef ja of nee, niet '{t}'."))),
    }
}

fn of_leeg(t: &Option<String>) -> Option<Option<String>> {
    t.as_ref().map(|t| Some(t.trim().to_string()).filter(|t| !t.is_empty()))
}

/// The melding as text, the way `melding show` prints it.
pub fn tekst(d: &MeldingDetail) -> String {
    let datum = |d: &Option<String>| d.as_deref().map(nl_datum).unwrap_or_else(|| "onbekend".into());
    let mut t = format!(
        "Detentiemelding {}\nNaam: {}\nGeboortedatum: {}\nInrichting: {}\nBron: {}\nBegin detentie: {}\n\
         Verwachte uitstroom: {}\nStatus: {}\n",
        &d.id[..8.min(d.id.len())],
        d.naam,
        datum(&d.geboortedatum),
        d.inrichting,
        d.bron.label(),
        datum(&d.startdatum),
        datum(&d.einddatum_verwacht),
        d.status.label(),
    );
    if let Some(w) = &d.einddatum_werkelijk {
        t.push_str(&format!("Werkelijke uitstroom: {}\n", nl_datum(w)));
    }
    if let Some(b) = &d.behandelaar {
        t.push_str(&format!("Behandelaar: {b}\n"));
    }
    if let Some(g) = &d.gemeente {
        t.push_str(&format!("Gemeente van herkomst: {g}\n"));
    }
    let soort: Vec<&str> = [(d.zelfmelder, "zelfmelder"), (d.kortgestrafte, "kortgestrafte")]
        .iter()
        .filter(|(j, _)| *j)
        .map(|(_, s)| *s)
        .collect();
    if !soort.is_empty() {
        t.push_str(&format!("Soort: {}\n", soort.join(", ")));
    }
    for b in &d.bronnen {
        match &b.beantwoord_op {
            Some(op) => t.push_str(&format!("Bron {}: beantwoord {}: {}\n", b.bron.label(), nl_datum(op), b.antwoord)),
            None => t.push_str(&format!("Bron {}: gevraagd {}\n", b.bron.label(), datum(&b.gevraagd_op))),
        }
    }
    if let Some(r) = d.route {
        t.push_str(&format!("Route: {} ({})\n", r.label(), d.triage_reden));
    }
    if let Some(c) = &d.overdracht_contact {
        let warm = if d.overdracht_warm { "warm " } else { "" };
        t.push_str(&format!("Overgedragen ({warm}op {}) aan {c}\n", datum(&d.overgedragen_op)));
    }
    if let Some(n) = &d.casusnummer {
        t.push_str(&format!("Omgezet naar casus {n}\n"));
    }
    for a in &d.aanbod {
        t.push_str(&format!(
            "Aanbod {}: {} ({})\n",
            a.leefgebied.label(),
            a.status.label().to_lowercase(),
            nl_datum(&a.datum)
        ));
    }
    for n in &d.notities {
        let waar = n.inrichting.as_deref().map(|i| format!(", {i}")).unwrap_or_default();
        let kort: String = n.id.chars().take(8).collect();
        t.push_str(&format!(
            "{} ({}{waar}, {}): {}  [{kort}]\n",
            nl_datum(&n.datum),
            n.soort.label(),
            n.auteur,
            n.tekst
        ));
    }
    t
}

/// Run a `melding` command.
pub fn melding(map: &Gegevensmap, o: &MeldingOpdracht, json: bool) -> Result<(), CliFout> {
    let mut store = open_store(map)?;
    match o {
        MeldingOpdracht::Add {
            naam,
            geboortedatum,
            inrichting,
            bron,
            bsn,
            start,
            verwacht,
            gemeente,
            zelfmelder,
            kortgestrafte,
            behandelaar,
        } => {
            let behandelaar = match behandelaar {
                Some(b) => b.clone(),
                None => store.mijn_medewerker()?.map(|m| m.id).unwrap_or_default(),
            };
            let id = store.melding_toevoegen(NieuweMelding {
                behandelaar,
                naam: naam.clone(),
                geboortedatum: Some(parse_datum(geboortedatum)?),
                bsn: bsn.clone(),
                bron: Some(Informatiebron::parse(bron)?),
                inrichting: inrichting.clone(),
                startdatum: start.as_deref().map(parse_datum).transpose()?,
                einddatum_verwacht: verwacht.as_deref().map(parse_datum).transpose()?,
                zelfmelder: *zelfmelder,
                kortgestrafte: *kortgestrafte,
                gemeente: gemeente.clone(),
                ontvangen_op: None,
            })?;
            meld(json, &id, &format!("Detentiemelding {} vastgelegd met id {id}.", naam.trim()));
        }
        MeldingOpdracht::List { uitstroom_binnen } => {
            let lijst = store.meldingen(*uitstroom_binnen)?;
            if json {
                print_json(&lijst);
            } else if lijst.is_empty() {
                println!("Geen meldingen.");
            } else {
                for m in &lijst {
                    let signaal = if m.uitstroom_binnenkort { "  ! uitstroom binnen 4 weken" } else { "" };
                    println!(
                        "{}  {}  {}  uitstroom {}  {}{signaal}",
                        &m.id[..8.min(m.id.len())],
                        m.naam,
                        m.inrichting,
                        m.einddatum_verwacht.as_deref().map(nl_datum).unwrap_or_else(|| "onbekend".into()),
                        m.status.label().to_lowercase(),
                    );
                }
                println!("{}", aantal(lijst.len(), "melding", "meldingen"));
            }
        }
        MeldingOpdracht::Show { melding } => {
            let d = store.melding_detail(melding)?;
            if json {
                print_json(&d);
            } else {
                print!("{}", tekst(&d));
            }
        }
        MeldingOpdracht::Verrijk { melding, bron, tekst } => {
            let bron = Informatiebron::parse(bron)?;
            let status = store.melding_verrijk(melding, bron, tekst.as_deref())?;
            let wat = if tekst.as_deref().is_some_and(|t| !t.trim().is_empty()) { "Antwoord van" } else { "Vraag aan" };
            let id = store.melding_verversen(melding)?.id;
            meld(
                json,
                &id,
                &format!("{wat} {} vastgelegd; de melding is {}.", bron.label(), status.label().to_lowercase()),
            );
        }
        MeldingOpdracht::Triage { melding, route, reden } => {
            let route = TriageRoute::parse(route)?;
            store.melding_triage(melding, route, reden)?;
            let id = store.melding_verversen(melding)?.id;
            meld(json, &id, &format!("Melding getrieerd: route {}.", route.label()));
        }
        MeldingOpdracht::Overdragen { melding, contact, warm } => {
            store.melding_overdragen(melding, contact, *warm)?;
            let d = store.melding_verversen(melding)?;
            let aan = d.overdracht_contact.clone().unwrap_or_default();
            let wijze = if *warm { "warm overgedragen" } else { "overgedragen" };
            meld(json, &d.id, &format!("Melding {wijze} aan {aan}."));
        }
        MeldingOpdracht::Omzetten { melding, werknaam } => {
            let nummer = store.melding_omzetten(melding, werknaam.as_deref())?;
            if json {
                print_json(&serde_json::json!({ "casusnummer": nummer.to_string() }));
            } else {
                println!("Melding omgezet naar casus {nummer}.");
            }
        }
        MeldingOpdracht::Aanbod { doel, leefgebied, status, datum, toelichting } => {
            let gebied = AanbodGebied::parse(leefgebied)?;
            let st = AanbodStatus::parse(status)?;
            let datum = datum.as_deref().map(parse_datum).transpose()?;
            let id = match doel.parse::<Casusnummer>() {
                Ok(n) => {
                    store.casus_aanbod(&n.to_string(), gebied, st, datum, toelichting)?;
                    n.to_string()
                }
                Err(_) => {
                    store.melding_aanbod(doel, gebied, st, datum, toelichting)?;
                    store.melding_verversen(doel)?.id
                }
            };
            meld(json, &id, &format!("Aanbod {}: {}.", gebied.label(), st.label().to_lowercase()));
        }
        MeldingOpdracht::Wijzig {
            melding,
            reden,
            naam,
            geboortedatum,
            bsn,
            bron,
            inrichting,
            start,
            verwacht,
            uitstroom,
            zelfmelder,
            kortgestrafte,
            gemeente,
            behandelaar,
        } => {
            let w = MeldingWijziging {
                behandelaar: behandelaar.clone(),
                naam: naam.clone(),
                geboortedatum: geboortedatum.as_deref().map(parse_datum).transpose()?,
                bsn: of_leeg(bsn),
                bron: bron.as_deref().map(Informatiebron::parse).transpose()?,
                inrichting: inrichting.clone(),
                startdatum: datum_optie(start)?,
                einddatum_verwacht: datum_optie(verwacht)?,
                einddatum_werkelijk: datum_optie(uitstroom)?,
                zelfmelder: ja_nee(zelfmelder)?,
                kortgestrafte: ja_nee(kortgestrafte)?,
                gemeente: of_leeg(gemeente),
            };
            let n = store.melding_wijzig(melding, &w, reden)?;
            let id = store.melding_verversen(melding)?.id;
            let t = if n == 0 {
                "De melding is ongewijzigd.".to_string()
            } else {
                format!("{} gewijzigd.", aantal(n, "veld", "velden"))
            };
            meld(json, &id, &t);
        }
        MeldingOpdracht::Verwijder { melding, reden } => {
            let id = store.melding_verversen(melding)?.id;
            store.melding_verwijder(&id, reden)?;
            meld(json, &id, "Melding verwijderd.");
        }
        MeldingOpdracht::NotitieWijzig { id, tekst } => {
            let id = store.melding_notitie_id(id)?;
            let t = if store.melding_notitie_wijzig(&id, tekst)? == 0 {
                "De notitie is ongewijzigd."
            } else {
                "Notitie gecorrigeerd."
            };
            meld(json, &id, t);
        }
        MeldingOpdracht::NotitieVerwijder { id, reden } => {
            let id = store.melding_notitie_id(id)?;
            store.melding_notitie_verwijder(&id, reden)?;
            meld(json, &id, "Notitie verwijderd; de reden staat in de historie.");
        }
        MeldingOpdracht::TeVerwijderen => {
            let lijst = store.meldingen_te_verwijderen(chrono::Local::now().date_naive())?;
            if json {
                print_json(&lijst);
            } else if lijst.is_empty() {
                println!("Geen meldingen voorbij de bewaartermijn.");
            } else {
                for m in &lijst {
                    println!(
                        "{}  {}  overgedragen {}  bewaren tot en met {}",
                        &m.id[..8.min(m.id.len())],
                        m.naam,
                        nl_datum(&m.overgedragen_op.to_string()),
                        nl_datum(&m.termijn_tot.to_string())
                    );
                }
            }
        }
    }
    Ok(())
}

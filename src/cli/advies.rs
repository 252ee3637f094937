//! CLI of the adviesvragen (`advies …`): what the Adviesvragen screen does, with the same
//! store rules and Dutch messages. An adviesvraag is named by id or its first 8+ characters.

use super::{CliFout, meld, open_store, print_json, zoek_partner};
use crate::domain::{nl_datum, parse_datum};
use crate::store::{AdviesFilter, AdviesWijziging, Adviesvraag, Gegevensmap, NieuweAdviesvraag, Store};
use clap::Subcommand;

/// `advies` subcommands.
#[derive(Debug, Subcommand)]
pub enum AdviesOpdracht {
    /// Leg een adviesvraag vast (zonder persoonsgegevens); toont het id
    Add {
        /// Thema uit de lijst
        #[arg(long)]
        thema: String,
        /// Gemeente uit de lijst
        #[arg(long)]
        gemeente: String,
        /// De vraag
        #[arg(long)]
        vraag: String,
        /// Vraagsteller: partner (naam of id)
        #[arg(long)]
        vraagsteller: Option<String>,
        /// Contactpersoon bij de vraagsteller (naam of id)
        #[arg(long)]
        contact: Option<String>,
        /// Het gegeven advies
        #[arg(long, default_value = "")]
        advies: String,
        /// Bestede tijd in minuten
        #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
        minuten: i64,
        /// Doorverwezen naar
        #[arg(long, default_value = "")]
        doorverwezen: String,
        /// Initialen van de persoon om wie het gaat (geen naam)
        #[arg(long, default_value = "")]
        initialen: String,
        /// Datum (standaard vandaag; niet in de toekomst)
        #[arg(long)]
        datum: Option<String>,
    },
    /// Toon de adviesvragen, nieuwste eerst
    List {
        /// Alleen dit thema
        #[arg(long)]
        thema: Option<String>,
        /// Alleen deze gemeente
        #[arg(long)]
        gemeente: Option<String>,
        /// Vanaf deze datum
        #[arg(long)]
        van: Option<String>,
        /// Tot en met deze datum
        #[arg(long)]
        tot: Option<String>,
        /// Alleen adviesvragen die geen casus werden en hun bewaartermijn voorbij zijn
        #[arg(long)]
        verlopen: bool,
    },
    /// Toon een adviesvraag
    Show {
        /// Id of de eerste 8+ tekens ervan
        id: String,
    },
    /// Wijzig een adviesvraag (alleen wat u opgeeft verandert)
    Wijzig {
        /// Id of de eerste 8+ tekens ervan
        id: String,
        /// Thema uit de lijst
        #[arg(long)]
        thema: Option<String>,
        /// Gemeente uit de lijst
        #[arg(long)]
        gemeente: Option<String>,
        /// De vraag
        #[arg(long)]
        vraag: Option<String>,
        /// Vraagsteller: partner (naam of id); leeg wist hem
        #[arg(long)]
        vraagsteller: Option<String>,
        /// Contactpersoon bij de vraagsteller; leeg wist hem
        #[arg(long)]
        contact: Option<String>,
        /// Het gegeven advies
        #[arg(long)]
        advies: Option<String>,
        /// Bestede tijd in minuten
        #[arg(long, allow_negative_numbers = true)]
        minuten: Option<i64>,
        /// Doorverwezen naar
        #[arg(long)]
        doorverwezen: Option<String>,
        /// Initialen (geen naam)
        #[arg(long)]
        initialen: Option<String>,
        /// Datum
        #[arg(long)]
        datum: Option<String>,
    },
    /// Zet een adviesvraag om naar een aanmelding; toont het nieuwe casusnummer
    Omzetten {
        /// Id of de eerste 8+ tekens ervan
        id: String,
        /// Werknaam van de nieuwe casus (standaard "Adviesvraag DD-MM-JJJJ")
        #[arg(long)]
        werknaam: Option<String>,
    },
    /// Verwijder een adviesvraag die geen casus werd, met een reden
    Verwijder {
        /// Id of de eerste 8+ tekens ervan
        id: String,
        /// Waarom (komt in de auditlog)
        #[arg(long)]
        reden: String,
    },
}

/// A contact person of `partner` by id, its first 8+ characters, or name.
fn zoek_contact(store: &Store, partner: Option<&str>, wie: &str) -> Result<String, CliFout> {
    let Some(p) = partner else {
        return Err(CliFout::Gebruik("Geef bij --contact ook de vraagsteller (--vraagsteller).".into()));
    };
    let w = wie.trim().to_lowercase();
    let gevonden: Vec<_> = store
        .contacten_met_archief(p)?
        .into_iter()
        .filter(|c| c.id == w || (w.len() >= 8 && c.id.starts_with(&w)) || c.naam.to_lowercase() == w)
        .collect();
    match gevonden.as_slice() {
        [c] => Ok(c.id.clone()),
        [] => Err(CliFout::Gebruik(format!("Geen contactpersoon '{wie}' bij deze vraagsteller."))),
        _ => Err(CliFout::Gebruik(format!("'{wie}' past op meer contactpersonen; gebruik het id."))),
    }
}

fn datum(d: &Option<String>) -> Result<Option<chrono::NaiveDate>, CliFout> {
    Ok(d.as_deref().map(parse_datum).transpose()?)
}

/// One line of the list.
fn regel(a: &Adviesvraag) -> String {
    let mut r = format!("{}  {}  {}  {}", &a.id[..8.min(a.id.len())], nl_datum(&a.datum), a.thema, a.gemeente);
    if !a.vraagsteller.is_empty() {
        r.push_str(&format!("  {}", a.vraagsteller));
    }
    r.push_str(&format!("  {} min", a.minuten));
    if let Some(n) = &a.casusnummer {
        r.push_str(&format!("  → casus {n}"));
    }
    r
}

/// Run an `advies` command.
pub fn advies(map: &Gegevensmap, o: &AdviesOpdracht, json: bool) -> Result<(), CliFout> {
    let mut store = open_store(map)?;
    match o {
        AdviesOpdracht::Add {
            thema,
            gemeente,
            vraag,
            vraagsteller,
            contact,
            advies,
            minuten,
            doorverwezen,
            initialen,
            datum: d,
        } => {
            let partner_id = vraagsteller.as_deref().map(|p| zoek_partner(&store, p)).transpose()?.map(|p| p.id);
            let contact_id = contact.as_deref().map(|c| zoek_contact(&store, partner_id.as_deref(), c)).transpose()?;
            let id = store.advies_toevoegen(NieuweAdviesvraag {
                datum: datum(d)?,
                thema: thema.clone(),
                gemeente: gemeente.clone(),
                vraag: vraag.clone(),
                partner_id,
                contact_id,
                initialen: initialen.clone(),
                advies: advies.clone(),
                minuten: *minuten,
                doorverwezen: doorverwezen.clone(),
            })?;
            meld(json, &id, &format!("Adviesvraag vastgelegd met id {id}."));
        }
        AdviesOpdracht::List { verlopen: true, .. } => {
            let lijst = store.adviesvragen_te_verwijderen(chrono::Local::now().date_naive())?;
            if json {
                print_json(&lijst);
            } else if lijst.is_empty() {
                println!("Geen adviesvragen voorbij hun bewaartermijn.");
            } else {
                for a in &lijst {
                    println!("{}", regel(a));
                }
            }
        }
        AdviesOpdracht::List { thema, gemeente, van, tot, verlopen: false } => {
            let lijst_id = |tabel: &str, naam: &Option<String>| -> Result<Option<String>, CliFout> {
                Ok(naam.as_deref().map(|n| store.lijst_id(tabel, n)).transpose()?)
            };
            let filter = AdviesFilter {
                thema_id: lijst_id("thema", thema)?,
                gemeente_id: lijst_id("gemeente", gemeente)?,
                van: datum(van)?,
                tot: datum(tot)?,
            };
            let lijst = store.adviesvragen(&filter)?;
            if json {
                print_json(&lijst);
            } else if lijst.is_empty() {
                println!("Geen adviesvragen gevonden.");
            } else {
                for a in &lijst {
                    println!("{}", regel(a));
                }
            }
        }
        AdviesOpdracht::Show { id } => {
            let a = store.adviesvraag(id)?;
            if json {
                print_json(&a);
            } else {
                println!("Adviesvraag {} van {}", a.id, nl_datum(&a.datum));
                println!("Thema: {}", a.thema);
                println!("Gemeente: {}", a.gemeente);
                if !a.vraagsteller.is_empty() {
                    let contact = if a.contact.is_empty() { String::new() } else { format!(" ({})", a.contact) };
                    println!("Vraagsteller: {}{contact}", a.vraagsteller);
                }
                if !a.initialen.is_empty() {
                    println!("Initialen (geen persoonsgegevens): {}", a.initialen);
                }
                println!("Vraag: {}", a.vraag);
                println!("Gegeven advies: {}", a.advies);
                println!("Bestede tijd: {} minuten", a.minuten);
                if !a.doorverwezen.is_empty() {
                    println!("Doorverwezen naar: {}", a.doorverwezen);
                }
                match (&a.casusnummer, &a.casus_id) {
                    (Some(n), _) => println!("Omgezet naar aanmelding: casus {n}"),
                    (None, Some(_)) => println!("Omgezet naar een aanmelding (casus niet op dit apparaat)"),
                    (None, None) => {}
                }
            }
        }
        AdviesOpdracht::Wijzig {
            id,
            thema,
            gemeente,
            vraag,
            vraagsteller,
            contact,
            advies,
            minuten,
            doorverwezen,
            initialen,
            datum: d,
        } => {
            let huidig = store.adviesvraag(id)?;
            let partner_id = match vraagsteller.as_deref().map(str::trim) {
                None => None,
                Some("") => Some(None),
                Some(p) => Some(Some(zoek_partner(&store, p)?.id)),
            };
            let partner_nu = match &partner_id {
                Some(p) => p.clone(),
                None => huidig.partner_id.clone(),
            };
            let contact_id = match contact.as_deref().map(str::trim) {
                None => None,
                Some("") => Some(None),
                Some(c) => Some(Some(zoek_contact(&store, partner_nu.as_deref(), c)?)),
            };
            let w = AdviesWijziging {
                datum: datum(d)?,
                thema: thema.clone(),
                gemeente: gemeente.clone(),
                vraag: vraag.clone(),
                partner_id,
                contact_id,
                initialen: initialen.clone(),
                advies: advies.clone(),
                minuten: *minuten,
                doorverwezen: doorverwezen.clone(),
            };
            let n = store.advies_wijzig(&huidig.id, &w)?;
            if json {
                print_json(&serde_json::json!({ "gewijzigd": n }));
            } else if n == 0 {
                println!("Niets gewijzigd.");
            } else {
                println!("Adviesvraag: {} gewijzigd.", crate::domain::aantal(n, "veld", "velden"));
            }
        }
        AdviesOpdracht::Omzetten { id, werknaam } => {
            let nummer = store.advies_omzetten(id, werknaam.as_deref())?;
            if json {
                print_json(&serde_json::json!({ "casusnummer": nummer.to_string() }));
            } else {
                println!("Adviesvraag omgezet naar aanmelding: casus {nummer}.");
            }
        }
        AdviesOpdracht::Verwijder { id, reden } => {
            let a = store.adviesvraag(id)?;
            store.advies_verwijder(&a.id, reden)?;
            meld(json, &a.id, &format!("Adviesvraag van {} verwijderd.", nl_datum(&a.datum)));
        }
    }
    Ok(())
}

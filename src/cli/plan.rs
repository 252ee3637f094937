//! CLI of the plan van aanpak (`plan …`) and of the editable lists (`lijst …`): what the
//! window's plan editor and Instellingen can do, with the same store rules and Dutch
//! messages. Records are named by id or their first 8+ characters, as `plan show` prints.

use super::{CliFout, meld, open_store, print_json, zoek_partner};
use crate::domain::{ActieStatus, parse_datum};
use crate::store::{ActieWijziging, Gegevensmap, NieuweActie, Store};
use clap::{Subcommand, ValueEnum};

/// `plan` subcommands.
#[derive(Debug, Subcommand)]
pub enum PlanOpdracht {
    /// Toon het plan van aanpak van een casus, met de id's van doelen en acties
    Show {
        /// Casusnummer
        nummer: String,
    },
    /// Doelen per leefgebied
    #[command(subcommand)]
    Doel(DoelOpdracht),
    /// Acties per partner
    #[command(subcommand)]
    Actie(ActieOpdracht),
    /// Leg de risicoscore van een leefgebied vast (1 = geen zorgen, 5 = acuut)
    Risico {
        /// Casusnummer
        nummer: String,
        /// Leefgebied (naam of begin van de naam)
        #[arg(long)]
        leefgebied: String,
        /// Score 1 tot en met 5
        #[arg(long)]
        score: i64,
        /// Toelichting
        #[arg(long, default_value = "")]
        toelichting: String,
        /// Moment van de taxatie: start, evaluatie, afschaling
        #[arg(long, default_value = "start")]
        moment: String,
        /// Wie de taxatie maakte (standaard uw eigen naam)
        #[arg(long, default_value = "")]
        beoordelaar: String,
    },
    /// Leg de huidige stand van het plan vast als nieuwe versie
    Versie {
        /// Casusnummer
        nummer: String,
        /// Reden van de versie (verplicht)
        #[arg(long)]
        reden: String,
    },
}

/// `plan doel` subcommands.
#[derive(Debug, Subcommand)]
pub enum DoelOpdracht {
    /// Voeg een doel toe
    Add {
        /// Casusnummer
        nummer: String,
        /// Leefgebied (naam of begin van de naam)
        #[arg(long)]
        leefgebied: String,
        /// Het doel
        #[arg(long)]
        tekst: String,
    },
    /// Wijzig tekst of leefgebied van een doel
    Wijzig {
        /// Id van het doel (of de eerste 8 tekens)
        id: String,
        /// Nieuwe tekst
        #[arg(long)]
        tekst: Option<String>,
        /// Ander leefgebied
        #[arg(long)]
        leefgebied: Option<String>,
    },
    /// Verwijder een doel (de acties blijven, zonder doel)
    Verwijder {
        /// Id van het doel (of de eerste 8 tekens)
        id: String,
    },
}

/// `plan actie` subcommands.
#[derive(Debug, Subcommand)]
pub enum ActieOpdracht {
    /// Voeg een actie toe
    Add {
        /// Casusnummer
        nummer: String,
        /// Wat er moet gebeuren
        #[arg(long)]
        tekst: String,
        /// Bij welk doel (id of eerste 8 tekens)
        #[arg(long)]
        doel: Option<String>,
        /// Verantwoordelijke partner (naam of id)
        #[arg(long)]
        partner: Option<String>,
        /// Contactpersoon (id of eerste 8 tekens)
        #[arg(long)]
        contact: Option<String>,
        /// Deadline (JJJJ-MM-DD of DD-MM-JJJJ)
        #[arg(long)]
        deadline: Option<String>,
    },
    /// Wijzig een actie
    Wijzig {
        /// Id van de actie (of de eerste 8 tekens)
        id: String,
        /// Nieuwe tekst
        #[arg(long)]
        tekst: Option<String>,
        /// Status
        #[arg(long, value_enum)]
        status: Option<StatusKeuze>,
        /// Nieuwe deadline; leeg wist de deadline
        #[arg(long)]
        deadline: Option<String>,
        /// Andere partner (naam of id); leeg wist de partner
        #[arg(long)]
        partner: Option<String>,
    },
    /// Verwijder een actie (vraagt geen bevestiging: bedoeld voor scripts)
    Verwijder {
        /// Id van de actie (of de eerste 8 tekens)
        id: String,
    },
}

/// Status of an action, as typed.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusKeuze {
    /// Nog niet begonnen
    Open,
    /// Loopt
    Lopend,
    /// Klaar
    Gereed,
    /// Vervallen
    Vervallen,
}

/// `lijst` arguments: which list, and what to do with it.
#[derive(Debug, clap::Args)]
pub struct LijstArgs {
    /// Welke lijst
    #[arg(value_enum)]
    pub lijst: LijstSoort,
    /// Wat te doen (zonder: de lijst tonen)
    #[command(subcommand)]
    pub actie: Option<LijstActie>,
}

/// The editable lists.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LijstSoort {
    /// Thema's van casussen
    Thema,
    /// Leefgebieden van het plan van aanpak
    Leefgebied,
    /// Soorten overleg (een weegtafel blijft weegtafel, ook na hernoemen)
    Overlegsoort,
    /// Gemeenten van casussen
    Gemeente,
}

/// What to do with a list.
#[derive(Debug, Subcommand)]
pub enum LijstActie {
    /// Voeg een item toe
    Add {
        /// Naam
        naam: String,
        /// Alleen bij overlegsoort: dit overleg is een weegtafel (het besluit legt de weging vast)
        #[arg(long)]
        weegtafel: bool,
    },
    /// Geef een item een nieuwe naam (casussen en overleggen die het gebruiken tonen de nieuwe naam)
    Hernoem {
        /// Huidige naam of id
        oud: String,
        /// Nieuwe naam
        nieuw: String,
    },
    /// Bied een item niet meer aan voor nieuwe records (bestaande houden het)
    Archiveer {
        /// Naam of id
        naam: String,
    },
    /// Bied een gearchiveerd item weer aan
    Activeer {
        /// Naam of id
        naam: String,
    },
}

fn datum_of_leeg(d: &str) -> Result<Option<chrono::NaiveDate>, CliFout> {
    if d.trim().is_empty() { Ok(None) } else { Ok(Some(parse_datum(d)?)) }
}

fn kort(id: &str) -> &str {
    &id[..8.min(id.len())]
}

fn druk_plan(store: &Store, nummer: &str, json: bool) -> Result<(), CliFout> {
    let plan = store.plan(nummer)?;
    if json {
        print_json(&plan);
        return Ok(());
    }
    println!("Plan van aanpak {nummer}");
    println!("Doelen:");
    if plan.doelen.is_empty() {
        println!("  (geen)");
    }
    for d in &plan.doelen {
        println!("  {}  {:<22} {}", kort(&d.id), d.leefgebied, d.omschrijving);
    }
    println!("Acties:");
    if plan.acties.is_empty() {
        println!("  (geen)");
    }
    for a in &plan.acties {
        println!(
            "  {}  {:<9} {:<10} {:<24} {}",
            kort(&a.id),
            a.status.label(),
            a.deadline.as_deref().map(crate::domain::nl_datum).unwrap_or_default(),
            a.partner.clone().unwrap_or_default(),
            a.omschrijving
        );
    }
    if !plan.risicos.is_empty() {
        println!("Risico's:");
        for r in &plan.risicos {
            println!("  {:<22} {}  {:<10} {:<20} {}", r.leefgebied, r.score, r.moment, r.beoordelaar, r.toelichting);
        }
    }
    Ok(())
}

/// Run a `plan` command.
pub fn plan(map: &Gegevensmap, opdracht: &PlanOpdracht, json: bool) -> Result<(), CliFout> {
    let mut store = open_store(map)?;
    match opdracht {
        PlanOpdracht::Show { nummer } => druk_plan(&store, nummer, json)?,
        PlanOpdracht::Doel(DoelOpdracht::Add { nummer, leefgebied, tekst }) => {
            let id = store.doel_toevoegen(nummer, leefgebied, tekst)?;
            meld(json, &id, &format!("Doel toegevoegd ({}).", kort(&id)));
        }
        PlanOpdracht::Doel(DoelOpdracht::Wijzig { id, tekst, leefgebied }) => {
            let id = store.volledig_id("doel", id)?;
            let n = store.doel_wijzig(&id, leefgebied.as_deref(), tekst.as_deref())?;
            meld(json, &id, if n == 0 { "Niets gewijzigd." } else { "Doel gewijzigd." });
        }
        PlanOpdracht::Doel(DoelOpdracht::Verwijder { id }) => {
            let id = store.volledig_id("doel", id)?;
            store.doel_verwijder(&id)?;
            meld(json, &id, "Doel verwijderd; de acties erbij staan nu zonder doel in het plan.");
        }
        PlanOpdracht::Actie(ActieOpdracht::Add { nummer, tekst, doel, partner, contact, deadline }) => {
            let doel_id = doel.as_deref().map(|d| store.volledig_id("doel", d)).transpose()?;
            let partner_id = partner.as_deref().map(|p| zoek_partner(&store, p).map(|p| p.id)).transpose()?;
            let contact_id = contact.as_deref().map(|c| store.volledig_id("contactpersoon", c)).transpose()?;
            let deadline = deadline.as_deref().map(parse_datum).transpose()?;
            let a = store.actie_toevoegen(
                nummer,
                NieuweActie {
                    doel_id,
                    omschrijving: tekst.clone(),
                    partner_id,
                    contact_id,
                    deadline,
                    agendapunt_id: None,
                },
            )?;
            meld(json, &a.id, &format!("Actie toegevoegd ({}).", kort(&a.id)));
            if a.partner_zonder_convenant && !json {
                println!("Let op: deze partner heeft geen convenant; deel geen persoonsgegevens.");
            }
        }
        PlanOpdracht::Actie(ActieOpdracht::Wijzig { id, tekst, status, deadline, partner }) => {
            let id = store.volledig_id("actie", id)?;
            let partner_id = match partner.as_deref() {
                None => None,
                Some(p) if p.trim().is_empty() => Some(None),
                Some(p) => Some(Some(zoek_partner(&store, p)?.id)),
            };
            let w = ActieWijziging {
                omschrijving: tekst.clone(),
                status: status.map(|s| match s {
                    StatusKeuze::Open => ActieStatus::Open,
                    StatusKeuze::Lopend => ActieStatus::Lopend,
                    StatusKeuze::Gereed => ActieStatus::Gereed,
                    StatusKeuze::Vervallen => ActieStatus::Vervallen,
                }),
                deadline: deadline.as_deref().map(datum_of_leeg).transpose()?,
                partner_id,
                ..Default::default()
            };
            store.actie_wijzig(&id, &w)?;
            meld(json, &id, "Actie gewijzigd.");
        }
        PlanOpdracht::Actie(ActieOpdracht::Verwijder { id }) => {
            let id = store.volledig_id("actie", id)?;
            store.actie_verwijder(&id)?;
            meld(json, &id, "Actie verwijderd.");
        }
        PlanOpdracht::Risico { nummer, leefgebied, score, toelichting, moment, beoordelaar } => {
            store.risico_taxatie(
                nummer,
                &crate::store::Risicotaxatie {
                    leefgebied: leefgebied.clone(),
                    score: *score,
                    toelichting: toelichting.clone(),
                    moment: crate::domain::plan::RisicoMoment::parse(moment)?,
                    beoordelaar: beoordelaar.clone(),
                },
            )?;
            meld(json, nummer, "Risicoscore vastgelegd.");
        }
        PlanOpdracht::Versie { nummer, reden } => {
            let v = store.plan_vastleggen(nummer, reden)?;
            if json {
                print_json(&serde_json::json!({ "versie": v }));
            } else {
                println!("Plan vastgelegd als versie {v}.");
            }
        }
    }
    Ok(())
}

/// Run a `lijst` command.
pub fn lijst(map: &Gegevensmap, a: &LijstArgs, json: bool) -> Result<(), CliFout> {
    let mut store = open_store(map)?;
    let (tabel, items) = match a.lijst {
        LijstSoort::Thema => ("thema", store.themas()?),
        LijstSoort::Leefgebied => ("leefgebied", store.leefgebieden()?),
        LijstSoort::Overlegsoort => ("overlegsoort", store.overlegsoorten()?),
        LijstSoort::Gemeente => ("gemeente", store.gemeenten()?),
    };
    let zoek = |naam: &str| -> Result<String, CliFout> {
        let n = naam.trim().to_lowercase();
        items
            .iter()
            .find(|i| i.id == naam.trim() || i.naam.to_lowercase() == n)
            .map(|i| i.id.clone())
            .ok_or_else(|| CliFout::Gebruik(format!("'{naam}' staat niet in de lijst {tabel}.")))
    };
    match &a.actie {
        None => {
            if json {
                print_json(&items);
            } else {
                for i in &items {
                    println!("{}{}", i.naam, if i.actief { "" } else { " (gearchiveerd)" });
                }
            }
        }
        Some(LijstActie::Add { naam, weegtafel }) => {
            if items.iter().any(|i| i.naam.eq_ignore_ascii_case(naam.trim())) {
                return Err(CliFout::Gebruik(format!("'{}' staat al in de lijst {tabel}.", naam.trim())));
            }
            if *weegtafel && !matches!(a.lijst, LijstSoort::Overlegsoort) {
                return Err(CliFout::Gebruik("--weegtafel hoort alleen bij de lijst overlegsoort.".into()));
            }
            let id = match a.lijst {
                LijstSoort::Thema => store.thema_toevoegen(naam)?,
                LijstSoort::Leefgebied => store.leefgebied_toevoegen(naam)?,
                LijstSoort::Overlegsoort => store.overlegsoort_toevoegen(naam, *weegtafel)?,
                LijstSoort::Gemeente => store.gemeente_toevoegen(naam)?,
            };
            meld(json, &id, &format!("'{}' toegevoegd aan de lijst {tabel}.", naam.trim()));
        }
        Some(LijstActie::Hernoem { oud, nieuw }) => {
            let id = zoek(oud)?;
            store.lijst_hernoem(tabel, &id, nieuw)?;
            meld(json, &id, &format!("'{}' heet nu '{}'.", oud.trim(), nieuw.trim()));
        }
        Some(LijstActie::Archiveer { naam }) => {
            let id = zoek(naam)?;
            store.lijst_actief(tabel, &id, false)?;
            meld(json, &id, &format!("'{naam}' gearchiveerd; casussen en plannen die het gebruiken houden het."));
        }
        Some(LijstActie::Activeer { naam }) => {
            let id = zoek(naam)?;
            store.lijst_actief(tabel, &id, true)?;
            meld(json, &id, &format!("'{naam}' wordt weer aangeboden."));
        }
    }
    Ok(())
}

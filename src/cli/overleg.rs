//! CLI of the meetings (`overleg …`): plan, invite, fill the agenda, hold it with BOB
//! minutes and decisions that become actions, close it. The same store rules and Dutch
//! messages as the Overleggen screen; ids by their first 8+ characters.

use super::{CliFout, meld, open_store, print_json, zoek_partner};
use crate::domain::parse_datum;
use crate::store::{Gegevensmap, NieuwOverleg, NieuweActie, Store};
use clap::Subcommand;

/// `overleg` subcommands.
#[derive(Debug, Subcommand)]
pub enum OverlegOpdracht {
    /// Toon de overleggen met hun id
    List,
    /// Plan een overleg (toont het id)
    New {
        /// Soort overleg uit de lijst (naam of id), bijvoorbeeld weegtafel of casusoverleg; zie `lijst overlegsoort`
        #[arg(long)]
        soort: String,
        /// Datum (JJJJ-MM-DD of DD-MM-JJJJ)
        #[arg(long)]
        datum: String,
        /// Begintijd (UU:MM)
        #[arg(long)]
        tijd: String,
        /// Plaats
        #[arg(long, default_value = "")]
        plaats: String,
        /// Voorzitter
        #[arg(long, default_value = "")]
        voorzitter: String,
    },
    /// Toon een overleg met genodigden en agendapunten (met hun id)
    Show {
        /// Id van het overleg (of de eerste 8 tekens)
        id: String,
    },
    /// De agenda: 'ID NUMMER' of 'ID add NUMMER' zet een casus op de agenda, 'ID duur PUNT --duur MIN'
    /// wijzigt de tijd van een agendapunt, 'ID verwijder PUNT' haalt het van de agenda
    Agenda {
        /// Id van het overleg
        id: String,
        /// Casusnummer, of: add, punt, duur, verwijder
        wat: String,
        /// Bij add: het casusnummer; bij duur en verwijder: het id van het agendapunt (of de eerste 8 tekens)
        waarop: Option<String>,
        /// Tijd voor dit punt in minuten
        #[arg(long, default_value_t = 15)]
        duur: i64,
        /// Bij punt: het onderwerp van een algemeen agendapunt (geen casus, geen persoonsgegevens)
        #[arg(long)]
        tekst: Option<String>,
    },
    /// Leg de datum van het volgende overleg vast (leeg wist hem); het verslag noemt hem
    Volgend {
        /// Id van het overleg
        id: String,
        /// Datum (JJJJ-MM-DD of DD-MM-JJJJ); leeg: nog niet gepland
        #[arg(long)]
        datum: String,
    },
    /// Corrigeer het verslag van een gesloten overleg; de correctie komt in het journaal van de casus
    Corrigeer {
        /// Id van het agendapunt (of de eerste 8 tekens)
        agendapunt: String,
        /// De correctie
        #[arg(long)]
        tekst: String,
    },
    /// Nodig een contactpersoon uit
    Uitnodigen {
        /// Id van het overleg
        id: String,
        /// Id van de contactpersoon (of de eerste 8 tekens)
        #[arg(long)]
        contact: String,
    },
    /// Leg de aanwezigheid van een genodigde vast
    Aanwezig {
        /// Id van het overleg
        id: String,
        /// Id van de contactpersoon (of de eerste 8 tekens)
        #[arg(long)]
        contact: String,
        /// Niet aanwezig (standaard: aanwezig)
        #[arg(long)]
        afwezig: bool,
    },
    /// Schrijf het verslag (beeld, oordeel, besluit) van een agendapunt
    Bob {
        /// Id van het agendapunt (of de eerste 8 tekens)
        agendapunt: String,
        /// Beeld
        #[arg(long, default_value = "")]
        beeld: String,
        /// Oordeel
        #[arg(long, default_value = "")]
        oordeel: String,
        /// Besluit
        #[arg(long, default_value = "")]
        besluit: String,
        /// Alleen bij een weegtafel: de uitkomst van de weging (procesregie, ondersteunen, advies,
        /// niet-passend); legt die vast met de datum van het overleg
        #[arg(long)]
        uitkomst: Option<String>,
    },
    /// Maak van een besluit een actie in het plan van aanpak van de casus
    BesluitActie {
        /// Id van het agendapunt (of de eerste 8 tekens)
        agendapunt: String,
        /// Wat er moet gebeuren
        #[arg(long)]
        tekst: String,
        /// Verantwoordelijke partner (naam of id)
        #[arg(long)]
        partner: Option<String>,
        /// Contactpersoon (id of eerste 8 tekens)
        #[arg(long)]
        contact: Option<String>,
        /// Deadline
        #[arg(long)]
        deadline: Option<String>,
    },
    /// Sluit het overleg: het verslag wordt alleen-lezen en komt in het journaal van elke casus
    Sluit {
        /// Id van het overleg
        id: String,
        /// Ook sluiten als het overleg in de toekomst ligt of punten zonder verslag heeft
        #[arg(long)]
        toch: bool,
    },
}

fn overleg_id(store: &Store, id: &str) -> Result<String, CliFout> {
    Ok(store.volledig_id("overleg", id)?)
}

fn genodigde(store: &Store, overleg: &str, contact: &str) -> Result<String, CliFout> {
    let contact = store.volledig_id("contactpersoon", contact)?;
    store
        .genodigden(overleg)?
        .into_iter()
        .find(|g| g.contact_id == contact)
        .map(|g| g.id)
        .ok_or_else(|| CliFout::Gebruik("Deze contactpersoon is niet uitgenodigd voor dit overleg.".into()))
}

/// Run an `overleg` command.
pub fn overleg(map: &Gegevensmap, opdracht: &OverlegOpdracht, json: bool) -> Result<(), CliFout> {
    let mut store = open_store(map)?;
    match opdracht {
        OverlegOpdracht::List => {
            let lijst = store.overleggen()?;
            if json {
                print_json(&lijst);
            } else {
                for o in lijst {
                    println!(
                        "{}  {}  {}  {:<18} {}",
                        o.id,
                        crate::domain::nl_datum(&o.datum),
                        o.begintijd,
                        o.soort_naam,
                        o.plaats
                    );
                }
            }
        }
        OverlegOpdracht::New { soort, datum, tijd, plaats, voorzitter } => {
            let begintijd = chrono::NaiveTime::parse_from_str(tijd.trim(), "%H:%M").map_err(|_| {
                CliFout::Gebruik(format!("'{tijd}' is geen geldige tijd; gebruik uu:mm, bijvoorbeeld 09:30."))
            })?;
            let id = store.overleg_plannen(NieuwOverleg {
                soort: soort.clone(),
                datum: parse_datum(datum)?,
                begintijd,
                plaats: plaats.clone(),
                voorzitter: voorzitter.clone(),
            })?;
            meld(json, &id, &id);
        }
        OverlegOpdracht::Show { id } => {
            let id = overleg_id(&store, id)?;
            let o = store.overleg(&id)?;
            let genodigden = store.genodigden(&id)?;
            let agenda = store.agenda(&id)?;
            if json {
                print_json(&serde_json::json!({ "overleg": o, "genodigden": genodigden, "agenda": agenda }));
            } else {
                println!(
                    "{} {} {} — {} ({})",
                    o.soort_naam,
                    crate::domain::nl_datum(&o.datum),
                    o.begintijd,
                    o.plaats,
                    o.status.label()
                );
                if let Some(v) = &o.volgende_datum {
                    println!("Volgend overleg: {}", crate::domain::nl_datum(v));
                }
                println!("Genodigden:");
                for g in &genodigden {
                    let aanwezig = match g.aanwezig {
                        Some(true) => "aanwezig",
                        Some(false) => "afwezig",
                        None => "",
                    };
                    println!(
                        "  {}  {} ({}) {aanwezig}",
                        &g.contact_id[..8.min(g.contact_id.len())],
                        g.naam,
                        g.organisatie
                    );
                }
                println!("Agenda:");
                for a in &agenda {
                    let wat = if a.is_algemeen() { &a.tekst } else { &a.casusnummer };
                    println!("  {}  {} {wat}", &a.id[..8.min(a.id.len())], a.starttijd);
                    for (kop, t) in [("Beeld", &a.beeld), ("Oordeel", &a.oordeel), ("Besluit", &a.besluit)] {
                        if !t.is_empty() {
                            println!("      {kop}: {t}");
                        }
                    }
                }
            }
        }
        OverlegOpdracht::Agenda { id, wat, waarop, duur, tekst } => {
            let id = overleg_id(&store, id)?;
            let punt_van = |store: &Store| -> Result<String, CliFout> {
                let p = waarop
                    .as_deref()
                    .ok_or_else(|| CliFout::Gebruik(format!("Geef het id van het agendapunt na '{wat}'.")))?;
                let p = store.volledig_id("agendapunt", p)?;
                if store.agenda(&id)?.iter().any(|a| a.id == p) {
                    Ok(p)
                } else {
                    Err(CliFout::Gebruik("Dit agendapunt staat niet op de agenda van dit overleg.".into()))
                }
            };
            match wat.as_str() {
                "duur" => {
                    let punt = punt_van(&store)?;
                    store.agendapunt_duur(&punt, *duur)?;
                    meld(json, &punt, &format!("Agendapunt {}: {} minuten.", &punt[..8], duur.clamp(&5, &240)));
                }
                "punt" => {
                    let onderwerp = tekst.as_deref().ok_or_else(|| {
                        CliFout::Gebruik("Geef het onderwerp van het algemene agendapunt met --tekst.".into())
                    })?;
                    let punt = store.agendapunt_algemeen(&id, onderwerp, *duur)?;
                    meld(json, &punt, &format!("'{}' staat op de agenda ({}).", onderwerp.trim(), &punt[..8]));
                }
                "verwijder" => {
                    let punt = punt_van(&store)?;
                    store.agendapunt_verwijderen(&punt)?;
                    meld(json, &punt, "Het agendapunt is van de agenda gehaald.");
                }
                _ => {
                    let nummer = if wat == "add" {
                        waarop.as_deref().ok_or_else(|| CliFout::Gebruik("Geef het casusnummer na 'add'.".into()))?
                    } else {
                        wat.as_str()
                    };
                    let punt = store.agendapunt_toevoegen(&id, nummer, *duur)?;
                    meld(json, &punt, &format!("Casus {nummer} staat op de agenda ({}).", &punt[..8]));
                }
            }
        }
        OverlegOpdracht::Volgend { id, datum } => {
            let id = overleg_id(&store, id)?;
            let d = if datum.trim().is_empty() { None } else { Some(parse_datum(datum)?) };
            store.overleg_volgende_datum(&id, d)?;
            let tekst = match d {
                Some(d) => format!("Volgend overleg: {}.", d.format("%d-%m-%Y")),
                None => "Volgend overleg: nog niet gepland.".into(),
            };
            meld(json, &id, &tekst);
        }
        OverlegOpdracht::Corrigeer { agendapunt, tekst } => {
            let punt = store.volledig_id("agendapunt", agendapunt)?;
            let j = store.verslag_corrigeren(&punt, tekst)?;
            meld(json, &j, "De correctie staat in het journaal van de casus.");
        }
        OverlegOpdracht::Uitnodigen { id, contact } => {
            let id = overleg_id(&store, id)?;
            let contact = store.volledig_id("contactpersoon", contact)?;
            let g = store.genodigde_toevoegen(&id, &contact)?;
            meld(json, &g, "Uitgenodigd.");
            if !json {
                for w in store.convenant_waarschuwingen(&id)? {
                    println!(
                        "Let op: {} ({}) werkt bij een organisatie zonder convenant; bespreek met deze genodigde geen \
                         persoonsgegevens van {}.",
                        w.naam,
                        w.organisatie,
                        w.casussen.join(", ")
                    );
                }
            }
        }
        OverlegOpdracht::Aanwezig { id, contact, afwezig } => {
            let id = overleg_id(&store, id)?;
            let g = genodigde(&store, &id, contact)?;
            store.aanwezigheid(&g, !afwezig)?;
            meld(json, &g, if *afwezig { "Afwezig genoteerd." } else { "Aanwezig genoteerd." });
        }
        OverlegOpdracht::Bob { agendapunt, beeld, oordeel, besluit, uitkomst } => {
            let punt = store.volledig_id("agendapunt", agendapunt)?;
            let uitkomst = uitkomst.as_deref().map(super::uitkomst_code).transpose()?;
            if uitkomst.is_some() && !store.is_weegtafel(&store.overleg_van_agendapunt(&punt)?)? {
                return Err(crate::store::StoreFout::GeenWeegtafel.into());
            }
            store.batch(|s| {
                s.agendapunt_bob(&punt, beeld, oordeel, besluit)?;
                if let Some(u) = uitkomst {
                    s.agendapunt_weging(&punt, u)?;
                }
                Ok(())
            })?;
            match uitkomst {
                Some(u) => meld(
                    json,
                    &punt,
                    &format!(
                        "Verslag van het agendapunt opgeslagen; uitkomst van de weging: {}.",
                        u.label().to_lowercase()
                    ),
                ),
                None => meld(json, &punt, "Verslag van het agendapunt opgeslagen."),
            }
        }
        OverlegOpdracht::BesluitActie { agendapunt, tekst, partner, contact, deadline } => {
            let punt = store.volledig_id("agendapunt", agendapunt)?;
            let partner_id = partner.as_deref().map(|p| zoek_partner(&store, p).map(|p| p.id)).transpose()?;
            let contact_id = contact.as_deref().map(|c| store.volledig_id("contactpersoon", c)).transpose()?;
            let a = store.besluit_naar_actie(
                &punt,
                NieuweActie {
                    omschrijving: tekst.clone(),
                    partner_id,
                    contact_id,
                    deadline: deadline.as_deref().map(parse_datum).transpose()?,
                    ..Default::default()
                },
            )?;
            meld(json, &a.id, "Het besluit staat als actie in het plan van aanpak.");
        }
        OverlegOpdracht::Sluit { id, toch } => {
            let id = overleg_id(&store, id)?;
            let c = store.overleg_sluiten_controle(&id)?;
            if !toch && (c.in_de_toekomst || !c.zonder_bob.is_empty()) {
                let mut redenen = Vec::new();
                if c.in_de_toekomst {
                    redenen.push("het overleg ligt in de toekomst".to_string());
                }
                if !c.zonder_bob.is_empty() {
                    redenen.push(format!("agendapunten zonder verslag: {}", c.zonder_bob.join(", ")));
                }
                return Err(CliFout::Controle(format!(
                    "Niet gesloten: {}. Sluit toch met --toch.",
                    redenen.join("; ")
                )));
            }
            store.overleg_sluiten(&id)?;
            meld(json, &id, "Overleg gesloten; het verslag staat in het journaal van elke besproken casus.");
        }
    }
    Ok(())
}

//! CLI of the PI-bezoekdag (`bezoek …`, issue 22 point 3): what the Bezoekdag screen does
//! in the window, with the same store rules and Dutch messages. A bezoek is named by its
//! id or its first 8+ characters (shown by `bezoek list`); persons by their melding id or
//! betrokkene id (shown by `bezoek kandidaten`).

use super::{CliFout, meld, open_store, print_json};
use crate::domain::{BezoekPersoon, aantal, nl_datum, parse_datum};
use crate::store::{BezoekDetail, Gegevensmap, Kandidaat, NieuwBezoek};
use clap::{Args, Subcommand};

/// One person, as a melding or as a betrokkene of a casus.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct PersoonArg {
    /// Id (of de eerste 8+ tekens) van een detentiemelding
    #[arg(long)]
    melding: Option<String>,
    /// Id (of de eerste 8+ tekens) van een betrokkene van een casus
    #[arg(long)]
    betrokkene: Option<String>,
}

impl PersoonArg {
    fn persoon(&self) -> BezoekPersoon {
        match (&self.melding, &self.betrokkene) {
            (Some(m), _) => BezoekPersoon::Melding(m.clone()),
            (None, b) => BezoekPersoon::Betrokkene(b.clone().unwrap_or_default()),
        }
    }
}

/// `bezoek` subcommands.
#[derive(Debug, Subcommand)]
pub enum BezoekOpdracht {
    /// Plan een PI-bezoek met de personen die u bezoekt; toont het id
    New {
        /// Inrichting, bijvoorbeeld PI Veenhuizen
        #[arg(long)]
        inrichting: String,
        /// Datum van het bezoek (JJJJ-MM-DD of DD-MM-JJJJ)
        #[arg(long)]
        datum: String,
        /// Een detentiemelding om te bezoeken (herhaalbaar)
        #[arg(long = "melding", value_name = "ID")]
        meldingen: Vec<String>,
        /// Een betrokkene van een casus met detentie in de inrichting (herhaalbaar)
        #[arg(long = "betrokkene", value_name = "ID")]
        betrokkenen: Vec<String>,
        /// Trajectbegeleider (medewerker: id, eerste 8+ tekens of naam); standaard uzelf
        #[arg(long)]
        behandelaar: Option<String>,
    },
    /// Toon de geplande en gehouden bezoeken
    List,
    /// Toon één bezoek met de bezoeklijst
    Show {
        /// Id of de eerste 8+ tekens ervan
        bezoek: String,
    },
    /// Toon wie in een inrichting bezocht kan worden (meldingen en betrokkenen met detentie daar)
    Kandidaten {
        /// Inrichting
        #[arg(long)]
        inrichting: String,
    },
    /// Verzet een bezoek naar een andere datum of wijs het een andere trajectbegeleider toe
    Wijzig {
        /// Id of de eerste 8+ tekens ervan
        bezoek: String,
        /// Nieuwe datum
        #[arg(long)]
        datum: Option<String>,
        /// Andere trajectbegeleider (medewerker)
        #[arg(long)]
        behandelaar: Option<String>,
    },
    /// Zet nog een persoon op de bezoeklijst
    Toevoegen {
        /// Id of de eerste 8+ tekens ervan
        bezoek: String,
        /// De persoon
        #[command(flatten)]
        persoon: PersoonArg,
    },
    /// Haal een persoon van de bezoeklijst
    Schrappen {
        /// Id of de eerste 8+ tekens ervan
        bezoek: String,
        /// De persoon
        #[command(flatten)]
        persoon: PersoonArg,
    },
    /// Verwijder een bezoek met de bezoeklijst (de verslagen blijven bij melding of casus)
    Verwijder {
        /// Id of de eerste 8+ tekens ervan
        bezoek: String,
    },
    /// Leg na het bezoek het verslag van één persoon vast (journaal of notitie bij de melding)
    Verslag {
        /// Id of de eerste 8+ tekens ervan
        bezoek: String,
        /// De persoon
        #[command(flatten)]
        persoon: PersoonArg,
        /// Het verslag
        #[arg(long)]
        tekst: String,
    },
}

fn kandidaat_regel(k: &Kandidaat) -> String {
    let (soort, id) = match &k.persoon {
        BezoekPersoon::Melding(i) => ("--melding", i),
        BezoekPersoon::Betrokkene(i) => ("--betrokkene", i),
    };
    format!(
        "{soort} {}  {}  geboren {}  {}  uitstroom {}",
        &id[..8.min(id.len())],
        k.naam,
        k.geboortedatum.as_deref().map(nl_datum).unwrap_or_else(|| "onbekend".into()),
        k.casusnummer.as_deref().map(|n| format!("casus {n}")).unwrap_or_else(|| "melding".into()),
        k.verwachte_uitstroom.as_deref().map(nl_datum).unwrap_or_else(|| "onbekend".into()),
    )
}

/// The bezoek as text, the way `bezoek show` prints it.
pub fn tekst(b: &BezoekDetail) -> String {
    let mut t = format!(
        "PI-bezoek {}\nInrichting: {}\nDatum: {}\nTrajectbegeleider: {}\n",
        &b.id[..8.min(b.id.len())],
        b.inrichting,
        nl_datum(&b.datum),
        b.behandelaar.as_deref().unwrap_or("onbekend"),
    );
    for p in &b.personen {
        t.push_str(&kandidaat_regel(&p.kandidaat));
        t.push('\n');
        for a in &p.open_aanbod {
            t.push_str(&format!("    open: {} ({})\n", a.leefgebied.label(), a.status.label().to_lowercase()));
        }
        if let Some((datum, soort)) = &p.laatste_contact {
            t.push_str(&format!("    laatste contact: {} {soort}\n", nl_datum(datum)));
        }
    }
    t
}

/// Run a `bezoek` command.
pub fn bezoek(map: &Gegevensmap, o: &BezoekOpdracht, json: bool) -> Result<(), CliFout> {
    let mut store = open_store(map)?;
    match o {
        BezoekOpdracht::New { inrichting, datum, meldingen, betrokkenen, behandelaar } => {
            let personen = meldingen
                .iter()
                .map(|m| BezoekPersoon::Melding(m.clone()))
                .chain(betrokkenen.iter().map(|b| BezoekPersoon::Betrokkene(b.clone())))
                .collect();
            let id = store.bezoek_nieuw(NieuwBezoek {
                inrichting: inrichting.clone(),
                datum: Some(parse_datum(datum)?),
                behandelaar: behandelaar.clone(),
                personen,
            })?;
            let n = meldingen.len() + betrokkenen.len();
            meld(json, &id, &format!("PI-bezoek vastgelegd met id {id} ({}).", aantal(n, "persoon", "personen")));
        }
        BezoekOpdracht::List => {
            let lijst = store.bezoeken()?;
            if json {
                print_json(&lijst);
            } else if lijst.is_empty() {
                println!("Geen bezoeken.");
            } else {
                for b in &lijst {
                    println!(
                        "{}  {}  {}  {}  {}",
                        &b.id[..8.min(b.id.len())],
                        nl_datum(&b.datum),
                        b.inrichting,
                        b.behandelaar.as_deref().unwrap_or("onbekend"),
                        aantal(b.personen, "persoon", "personen"),
                    );
                }
            }
        }
        BezoekOpdracht::Show { bezoek } => {
            let b = store.bezoek_detail(bezoek)?;
            if json {
                print_json(&b);
            } else {
                print!("{}", tekst(&b));
            }
        }
        BezoekOpdracht::Kandidaten { inrichting } => {
            let lijst = store.bezoek_kandidaten(inrichting)?;
            if json {
                print_json(&lijst);
            } else if lijst.is_empty() {
                println!("Niemand met een detentie in {}.", inrichting.trim());
            } else {
                for k in &lijst {
                    println!("{}", kandidaat_regel(k));
                }
            }
        }
        BezoekOpdracht::Wijzig { bezoek, datum, behandelaar } => {
            let datum = datum.as_deref().map(parse_datum).transpose()?;
            let n = store.bezoek_wijzig(bezoek, datum, behandelaar.as_deref())?;
            let b = store.bezoek_detail(bezoek)?;
            let t = if n == 0 {
                "Het bezoek is ongewijzigd.".to_string()
            } else {
                format!("Bezoek gewijzigd: {}.", nl_datum(&b.datum))
            };
            meld(json, &b.id, &t);
        }
        BezoekOpdracht::Toevoegen { bezoek, persoon } => {
            store.bezoek_persoon_toevoegen(bezoek, &persoon.persoon())?;
            let b = store.bezoek_detail(bezoek)?;
            meld(json, &b.id, &format!("Op de bezoeklijst: {}.", aantal(b.personen.len(), "persoon", "personen")));
        }
        BezoekOpdracht::Schrappen { bezoek, persoon } => {
            store.bezoek_persoon_verwijder(bezoek, &persoon.persoon())?;
            let b = store.bezoek_detail(bezoek)?;
            meld(json, &b.id, &format!("Op de bezoeklijst: {}.", aantal(b.personen.len(), "persoon", "personen")));
        }
        BezoekOpdracht::Verwijder { bezoek } => {
            let id = store.bezoek_detail(bezoek)?.id;
            store.bezoek_verwijder(&id)?;
            meld(json, &id, "Bezoek verwijderd.");
        }
        BezoekOpdracht::Verslag { bezoek, persoon, tekst } => {
            let n = store.bezoek_verslagen(bezoek, &[(persoon.persoon(), tekst.clone())])?;
            let id = store.bezoek_detail(bezoek)?.id;
            meld(json, &id, &format!("{} opgeslagen.", aantal(n, "verslag", "verslagen")));
        }
    }
    Ok(())
}

//! CLI of the opschalingen (`casus opschalen`, `opschaling …`): what the casus screen does,
//! with the same store rules and Dutch messages. An opschaling is named by id or its first
//! 8+ characters.

use super::{CliFout, meld, open_store, print_json};
use crate::domain::{Opschalingsniveau, nl_datum, parse_datum};
use crate::store::{Gegevensmap, NieuweOpschaling, OpschalingWijziging};
use clap::Subcommand;

/// `opschaling` subcommands.
#[derive(Debug, Subcommand)]
pub enum OpschalingOpdracht {
    /// Toon de opschalingen van een casus (met hun id)
    List {
        /// Casusnummer
        nummer: String,
    },
    /// Corrigeer een opschaling of leg de uitkomst vast
    Wijzig {
        /// Id of de eerste 8+ tekens ervan
        id: String,
        /// Naar: management, bestuur of driehoek
        #[arg(long)]
        naar: Option<String>,
        /// Datum
        #[arg(long)]
        datum: Option<String>,
        /// Reden van de opschaling
        #[arg(long)]
        reden: Option<String>,
        /// Uitkomst (vastleggen vraagt geen correctiereden)
        #[arg(long)]
        uitkomst: Option<String>,
        /// Waarom naar, datum of reden worden gecorrigeerd (komt in het journaal)
        #[arg(long, default_value = "")]
        correctie: String,
    },
    /// Verwijder een opschaling die per vergissing is vastgelegd
    Verwijder {
        /// Id of de eerste 8+ tekens ervan
        id: String,
        /// Waarom (komt in het journaal)
        #[arg(long)]
        reden: String,
    },
}

/// `casus opschalen NUMMER --naar N --reden R [--datum D] [--uitkomst U]`.
pub fn opschalen(
    map: &Gegevensmap,
    nummer: &str,
    (naar, reden, datum, uitkomst): (&str, &str, Option<&str>, Option<&str>),
    json: bool,
) -> Result<(), CliFout> {
    let mut store = open_store(map)?;
    let naar = Opschalingsniveau::parse(naar)?;
    let n = NieuweOpschaling {
        naar,
        reden: reden.to_string(),
        datum: datum.map(parse_datum).transpose()?,
        uitkomst: uitkomst.unwrap_or_default().to_string(),
    };
    let id = store.casus_opschalen(nummer, n)?;
    meld(json, &id, &format!("Casus {nummer} opgeschaald naar {} (id {id}).", naar.label().to_lowercase()));
    Ok(())
}

/// Run an `opschaling` command.
pub fn opschaling(map: &Gegevensmap, o: &OpschalingOpdracht, json: bool) -> Result<(), CliFout> {
    let mut store = open_store(map)?;
    match o {
        OpschalingOpdracht::List { nummer } => {
            let lijst = store.opschalingen(nummer)?;
            if json {
                print_json(&lijst);
            } else if lijst.is_empty() {
                println!("Casus {nummer} is niet opgeschaald.");
            } else {
                for o in &lijst {
                    let uitkomst = if o.uitkomst.is_empty() { "nog geen uitkomst".into() } else { o.uitkomst.clone() };
                    println!("{}  {}  {}: {} — {uitkomst}", o.id, nl_datum(&o.datum), o.naar.label(), o.reden);
                }
            }
        }
        OpschalingOpdracht::Wijzig { id, naar, datum, reden, uitkomst, correctie } => {
            let w = OpschalingWijziging {
                naar: naar.as_deref().map(Opschalingsniveau::parse).transpose()?,
                datum: datum.as_deref().map(parse_datum).transpose()?,
                reden: reden.clone(),
                uitkomst: uitkomst.clone(),
            };
            let n = store.opschaling_wijzig(id, &w, correctie)?;
            if json {
                print_json(&serde_json::json!({ "gewijzigd": n }));
            } else if n == 0 {
                println!("Niets gewijzigd.");
            } else {
                println!("Opschaling: {} gewijzigd.", crate::domain::aantal(n, "veld", "velden"));
            }
        }
        OpschalingOpdracht::Verwijder { id, reden } => {
            let o = store.opschaling(id)?;
            store.opschaling_verwijder(&o.id, reden)?;
            meld(json, &o.id, &format!("Opschaling van {} verwijderd.", nl_datum(&o.datum)));
        }
    }
    Ok(())
}

//! CLI of the medewerkers (`medewerker …`): what Instellingen → Medewerkers does in the
//! window, with the same store rules and Dutch messages. A medewerker is named by id, its
//! first 8+ characters, or a unique name.

use super::{CliFout, meld, open_store, print_json};
use crate::domain::MedewerkerRol;
use crate::store::{Gegevensmap, MedewerkerWijziging};
use clap::Subcommand;

/// `medewerker` subcommands.
#[derive(Debug, Subcommand)]
pub enum MedewerkerOpdracht {
    /// Voeg een medewerker toe; toont het id
    Add {
        /// Volledige naam
        #[arg(long)]
        naam: String,
        /// Rol: procesregisseur, trajectbegeleider, nazorgcoordinator, procesondersteuner,
        /// aandachtsfunctionaris of casusregisseur-extern
        #[arg(long)]
        rol: String,
        /// Apparaat-id van deze collega in het team (bepaalt wat een trajectbegeleider ontvangt)
        #[arg(long)]
        apparaat: Option<String>,
    },
    /// Toon alle medewerkers met hun id
    List,
    /// Wijzig een medewerker (alleen wat u opgeeft verandert)
    Wijzig {
        /// Id, de eerste 8+ tekens ervan, of de naam
        medewerker: String,
        /// Nieuwe naam
        #[arg(long)]
        naam: Option<String>,
        /// Nieuwe rol
        #[arg(long)]
        rol: Option<String>,
        /// Apparaat-id van de collega; leeg ontkoppelt
        #[arg(long)]
        apparaat: Option<String>,
        /// Archiveer: niet meer aangeboden bij toewijzen; bestaande toewijzingen blijven
        #[arg(long, conflicts_with = "activeer")]
        archiveer: bool,
        /// Bied een gearchiveerde medewerker weer aan
        #[arg(long)]
        activeer: bool,
    },
    /// Leg vast welke medewerker u zelf bent (Mijn naam en rol)
    Ik {
        /// Id, de eerste 8+ tekens ervan, of de naam
        medewerker: String,
    },
}

/// Run a `medewerker` command.
pub fn medewerker(map: &Gegevensmap, o: &MedewerkerOpdracht, json: bool) -> Result<(), CliFout> {
    let mut store = open_store(map)?;
    match o {
        MedewerkerOpdracht::Add { naam, rol, apparaat } => {
            let rol = MedewerkerRol::parse(rol)?;
            let id = store.medewerker_toevoegen(naam, rol, apparaat.as_deref())?;
            meld(
                json,
                &id,
                &format!("Medewerker {} ({}) toegevoegd met id {id}.", naam.trim(), rol.label().to_lowercase()),
            );
        }
        MedewerkerOpdracht::List => {
            let alle = store.medewerkers()?;
            if json {
                print_json(&alle);
            } else if alle.is_empty() {
                println!("Nog geen medewerkers. Voeg er een toe met 'schakel medewerker add --naam N --rol R'.");
            } else {
                let mij = store.mijn_medewerker()?.map(|m| m.id);
                for m in &alle {
                    let mut extra = String::new();
                    if let Some(a) = &m.apparaat {
                        extra.push_str(&format!("  apparaat {a}"));
                    }
                    if m.gearchiveerd {
                        extra.push_str("  (gearchiveerd)");
                    }
                    if mij.as_deref() == Some(m.id.as_str()) {
                        extra.push_str("  (u)");
                    }
                    println!("{}  {}  {}{extra}", &m.id[..8.min(m.id.len())], m.naam, m.rol.label());
                }
            }
        }
        MedewerkerOpdracht::Wijzig { medewerker, naam, rol, apparaat, archiveer, activeer } => {
            let w = MedewerkerWijziging {
                naam: naam.clone(),
                rol: rol.as_deref().map(MedewerkerRol::parse).transpose()?,
                apparaat: apparaat.as_ref().map(|a| Some(a.clone()).filter(|a| !a.trim().is_empty())),
                gearchiveerd: if *archiveer {
                    Some(true)
                } else if *activeer {
                    Some(false)
                } else {
                    None
                },
            };
            let m = store.medewerker_zoek(medewerker)?;
            let n = store.medewerker_wijzig(&m.id, &w)?;
            let m = store.medewerker_zoek(&m.id)?;
            let tekst = if n == 0 {
                format!("Medewerker {} is ongewijzigd.", m.naam)
            } else {
                format!("Medewerker {} ({}) gewijzigd.", m.naam, m.rol.label().to_lowercase())
            };
            meld(json, &m.id, &tekst);
        }
        MedewerkerOpdracht::Ik { medewerker } => {
            let m = store.mij_instellen(medewerker)?;
            meld(json, &m.id, &format!("U bent {} ({}).", m.naam, m.rol.label().to_lowercase()));
        }
    }
    Ok(())
}

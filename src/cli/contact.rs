//! CLI of the contact persons (`contact …`): edit, archive and restore what the Partners
//! screen edits inline, with the same store rules and Dutch messages. A contact person is
//! named by id or its first 8+ characters.

use super::{CliFout, meld, open_store};
use crate::store::{ContactWijziging, Gegevensmap};
use clap::Subcommand;

/// `contact` subcommands.
#[derive(Debug, Subcommand)]
pub enum ContactOpdracht {
    /// Wijzig een contactpersoon (alleen wat u opgeeft verandert)
    Wijzig {
        /// Id of de eerste 8+ tekens ervan
        contact: String,
        /// Nieuwe naam
        #[arg(long)]
        naam: Option<String>,
        /// Functie
        #[arg(long)]
        functie: Option<String>,
        /// Telefoonnummer (leeg wist het)
        #[arg(long)]
        telefoon: Option<String>,
        /// E-mailadres (leeg wist het)
        #[arg(long)]
        email: Option<String>,
        /// Thema's, gescheiden door komma's
        #[arg(long)]
        themas: Option<String>,
    },
    /// Archiveer een contactpersoon: niet meer aangeboden bij nieuwe acties; wat ernaar verwijst blijft
    Archiveer {
        /// Id of de eerste 8+ tekens ervan
        contact: String,
    },
    /// Bied een gearchiveerde contactpersoon weer aan
    Activeer {
        /// Id of de eerste 8+ tekens ervan
        contact: String,
    },
}

/// Run a `contact` command.
pub fn contact(map: &Gegevensmap, o: &ContactOpdracht, json: bool) -> Result<(), CliFout> {
    let mut store = open_store(map)?;
    let (invoer, w) = match o {
        ContactOpdracht::Wijzig { contact, naam, functie, telefoon, email, themas } => (
            contact,
            ContactWijziging {
                naam: naam.clone(),
                functie: functie.clone(),
                telefoon: telefoon.clone(),
                email: email.clone(),
                themas: themas.clone(),
                gearchiveerd: None,
            },
        ),
        ContactOpdracht::Archiveer { contact } => {
            (contact, ContactWijziging { gearchiveerd: Some(true), ..Default::default() })
        }
        ContactOpdracht::Activeer { contact } => {
            (contact, ContactWijziging { gearchiveerd: Some(false), ..Default::default() })
        }
    };
    let id = store.volledig_id("contactpersoon", invoer)?;
    let n = store.contact_wijzig(&id, &w)?;
    let c = store.contact(&id)?;
    let tekst = match (n, w.gearchiveerd) {
        (0, _) => format!("Contactpersoon {} is ongewijzigd.", c.naam),
        (_, Some(true)) => format!("Contactpersoon {} gearchiveerd.", c.naam),
        (_, Some(false)) => format!("Contactpersoon {} weer actief.", c.naam),
        (n, None) => format!("Contactpersoon {}: {} gewijzigd.", c.naam, crate::domain::aantal(n, "veld", "velden")),
    };
    meld(json, &c.id, &tekst);
    Ok(())
}

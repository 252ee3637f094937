//! Medewerkers: the people of the ZVH team (and the external casusregisseur) that a casus
//! is assigned to. A casus refers to them by id, so a rename never breaks an assignment,
//! "Alleen mijn casussen" or a trajectbegeleider's sync scope.

use super::{DomeinFout, code_enum, verplicht, vouw_naam};

code_enum! {
    /// What a medewerker does for a casus. The codes are stored and synced: never change them.
    MedewerkerRol, "medewerkerrol" {
        /// Holds the regie over the casus.
        Procesregisseur => "procesregisseur", "Procesregisseur";
        /// Guides a (former) detainee; receives only their own cases by sync.
        Trajectbegeleider => "trajectbegeleider", "Trajectbegeleider";
        /// Coordinates aftercare of ex-detainees for the municipality.
        Nazorgcoordinator => "nazorgcoordinator", "Nazorgcoördinator";
        /// Supports the process (agendas, minutes).
        Procesondersteuner => "procesondersteuner", "Procesondersteuner";
        /// Aandachtsfunctionaris huiselijk geweld en kindermishandeling.
        Aandachtsfunctionaris => "aandachtsfunctionaris", "Aandachtsfunctionaris";
        /// Casusregisseur of a partner outside the ZVH (named in every PGA in Noord-Limburg).
        CasusregisseurExtern => "casusregisseur_extern", "Casusregisseur (extern)";
    }
}

/// A medewerker as entered: name and role checked, device id trimmed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Medewerker {
    /// Record id.
    pub id: String,
    /// Full name (required).
    pub naam: String,
    /// Role.
    pub rol: MedewerkerRol,
    /// Device id of the colleague in the team roster who is this medewerker, if any.
    pub apparaat: Option<String>,
    /// No longer active: not offered for new assignments, kept for existing ones.
    pub gearchiveerd: bool,
}

impl Medewerker {
    /// Check a name, a role code and an optional device id as typed.
    pub fn controleer(
        naam: &str,
        rol: &str,
        apparaat: Option<&str>,
    ) -> Result<(String, MedewerkerRol, Option<String>), DomeinFout> {
        let naam = verplicht("naam", naam)?;
        let rol = MedewerkerRol::parse(rol)?;
        let apparaat = apparaat.map(str::trim).filter(|a| !a.is_empty()).map(str::to_string);
        Ok((naam, rol, apparaat))
    }
}

/// Fixed namespace of the name-based medewerker ids (never change it: replicas that
/// migrate the same free-text names independently must arrive at the same ids).
const NAAMRUIMTE: uuid::Uuid = uuid::Uuid::from_u128(0x5c4a_6b31_9e0f_4d2a_8c77_2f1e_0d3b_a001);

/// The id of the medewerker that a free-text `naam` in role `rol` becomes: a UUIDv5 of the
/// folded name (case, diacritics and runs of spaces ignored) and the role code, so every
/// replica computes the same id for the same person and role.
pub fn medewerker_id_uit_naam(naam: &str, rol: MedewerkerRol) -> String {
    let sleutel = format!("{}\u{1f}{}", vouw_naam(naam), rol.code());
    uuid::Uuid::new_v5(&NAAMRUIMTE, sleutel.as_bytes()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rol_codes_are_stable_and_parse_with_dashes() {
        assert_eq!(MedewerkerRol::parse("casusregisseur-extern").unwrap(), MedewerkerRol::CasusregisseurExtern);
        assert_eq!(MedewerkerRol::CasusregisseurExtern.code(), "casusregisseur_extern");
        assert_eq!(MedewerkerRol::ALLE.len(), 6);
        assert_eq!(
            MedewerkerRol::parse("stagiair"),
            Err(DomeinFout::OnbekendeWaarde { soort: "medewerkerrol", waarde: "stagiair".into() })
        );
    }

    #[test]
    fn name_based_id_ignores_case_diacritics_and_spacing_but_not_role() {
        let a = medewerker_id_uit_naam("Zoë  van Dijkhuis", MedewerkerRol::Procesregisseur);
        assert_eq!(a, medewerker_id_uit_naam("zoe van dijkhuis", MedewerkerRol::Procesregisseur));
        assert_ne!(a, medewerker_id_uit_naam("Zoë van Dijkhuis", MedewerkerRol::Trajectbegeleider));
        assert_eq!(uuid::Uuid::parse_str(&a).unwrap().get_version_num(), 5);
    }

    #[test]
    fn controleer_requires_a_name_and_a_known_role() {
        assert_eq!(Medewerker::controleer(" ", "procesregisseur", None), Err(DomeinFout::Verplicht("naam")));
        let (naam, rol, apparaat) = Medewerker::controleer(" Ilse Ölçer ", "trajectbegeleider", Some(" ")).unwrap();
        assert_eq!((naam.as_str(), rol, apparaat), ("Ilse Ölçer", MedewerkerRol::Trajectbegeleider, None));
    }
}

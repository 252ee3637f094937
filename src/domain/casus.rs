//! Casus identity, AVE phase, roles of betrokkenen.

use super::{DomeinFout, code_enum};
use std::fmt;
use std::str::FromStr;

/// Casusnummer `YYYY-NNNN`: year of registration and a sequence per year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Casusnummer {
    /// Year of aanmelding.
    pub jaar: i32,
    /// Sequence number within the year, starting at 1.
    pub volgnummer: u32,
}

impl fmt::Display for Casusnummer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:04}", self.jaar, self.volgnummer)
    }
}

impl FromStr for Casusnummer {
    type Err = DomeinFout;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let fout = || DomeinFout::OngeldigCasusnummer(s.to_string());
        let (j, n) = s.trim().split_once('-').ok_or_else(fout)?;
        if j.len() != 4 || n.len() < 4 || !j.bytes().chain(n.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(fout());
        }
        let jaar = j.parse().map_err(|_| fout())?;
        let volgnummer: u32 = n.parse().map_err(|_| fout())?;
        if volgnummer == 0 {
            return Err(fout());
        }
        Ok(Casusnummer { jaar, volgnummer })
    }
}

/// AVE phase (Aanpak Voorkoming Escalatie), 1 to 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Ave(u8);

impl Ave {
    /// Validate a phase number.
    pub fn new(n: i64) -> Result<Ave, DomeinFout> {
        if (1..=4).contains(&n) { Ok(Ave(n as u8)) } else { Err(DomeinFout::OngeldigeAve(n)) }
    }

    /// The phase number 1..=4.
    pub fn get(self) -> u8 {
        self.0
    }

    /// Short Dutch description of the phase.
    pub fn omschrijving(self) -> &'static str {
        match self.0 {
            1 => "geen problemen of alleen vermoedens",
            2 => "vraag of probleem, reguliere zorg",
            3 => "complexe problematiek, procesregie",
            _ => "volledige escalatie, bestuurlijke regie",
        }
    }
}

impl Default for Ave {
    fn default() -> Self {
        Ave(3)
    }
}

impl fmt::Display for Ave {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AVE {}", self.0)
    }
}

code_enum! {
    /// Role of a betrokkene within the case or system.
    Rol, "rol" {
        /// The main person of the case.
        Hoofdpersoon => "hoofdpersoon", "Hoofdpersoon";
        /// Partner of the main person.
        Partner => "partner", "Partner";
        /// A child in the system.
        Kind => "kind", "Kind";
        /// A parent.
        Ouder => "ouder", "Ouder";
        /// Another family member.
        Familielid => "familielid", "Familielid";
        /// A victim.
        Slachtoffer => "slachtoffer", "Slachtoffer";
        /// Anyone else.
        Overig => "overig", "Overig";
    }
}

/// Initials as used on printed agendas: first letter of each name part, particles
/// (tussenvoegsels) in lower case. "Jan de Vries" gives "J.d.V.".
pub fn initialen(naam: &str) -> String {
    const TUSSENVOEGSELS: &[&str] = &["van", "de", "der", "den", "het", "ten", "ter", "te", "in", "'t", "la", "le"];
    let mut uit = String::new();
    for deel in naam.split_whitespace() {
        let Some(eerste) = deel.chars().find(|c| c.is_alphabetic()) else {
            continue;
        };
        if TUSSENVOEGSELS.contains(&deel.to_lowercase().as_str()) {
            uit.extend(eerste.to_lowercase());
        } else {
            uit.extend(eerste.to_uppercase());
        }
        uit.push('.');
    }
    uit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casusnummer_roundtrip_and_rejects() {
        let n: Casusnummer = "2026-0042".parse().unwrap();
        assert_eq!(n, Casusnummer { jaar: 2026, volgnummer: 42 });
        assert_eq!(n.to_string(), "2026-0042");
        assert_eq!("2026-12345".parse::<Casusnummer>().unwrap().volgnummer, 12345);
        for bad in ["2026-42", "26-0042", "2026_0042", "2026-0000", "abcd-0001", ""] {
            assert!(bad.parse::<Casusnummer>().is_err(), "{bad}");
        }
    }

    #[test]
    fn ave_range() {
        assert!(Ave::new(0).is_err());
        assert!(Ave::new(5).is_err());
        assert_eq!(Ave::new(4).unwrap().get(), 4);
    }

    #[test]
    fn initialen_keep_particles_lowercase() {
        assert_eq!(initialen("Jan de Vries"), "J.d.V.");
        assert_eq!(initialen("  émile   van der  Berg "), "É.v.d.B.");
        assert_eq!(initialen("Anouk"), "A.");
    }

    #[test]
    fn rol_parse() {
        assert_eq!(Rol::parse("Hoofdpersoon").unwrap(), Rol::Hoofdpersoon);
        assert!(Rol::parse("buurman").is_err());
    }
}

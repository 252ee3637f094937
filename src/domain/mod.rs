//! Plain ZVH domain types and rules. No SQL, no UI.
//!
//! Everything here is deterministic and testable on its own: the store asks the
//! domain whether a change is allowed before it writes anything.

pub mod advies;
pub mod bezoek;
pub mod bsn;
pub mod casus;
pub mod detentiemelding;
pub mod fase;
pub mod fragment;
pub mod journaal;
pub mod koppeling;
pub mod medewerker;
pub mod naam;
pub mod overleg;
pub mod partner;
pub mod plan;
pub mod velden;

pub use advies::Opschalingsniveau;
pub use bezoek::{BezoekFout, BezoekPersoon};
pub use bsn::Bsn;
pub use casus::{Ave, Casusnummer, Rol, initialen};
pub use detentiemelding::{
    AanbodGebied, AanbodStatus, Informatiebron, MeldingFout, MeldingStap, MeldingStatus, TriageRoute,
};
pub use fase::{Baan, Fase, FaseBesluit, FaseFout, FaseOvergang, WegingUitkomst};
pub use journaal::JournaalSoort;
pub use koppeling::{KoppelFout, KoppelSoort};
pub use medewerker::{Medewerker, MedewerkerRol, medewerker_id_uit_naam};
pub use naam::vouw_naam;
pub use overleg::OverlegSoort;
pub use partner::Convenantstatus;
pub use plan::{ActieStatus, PlanDiff, PlanSnapshot};

use thiserror::Error;

/// A value given to the domain that it cannot accept.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomeinFout {
    /// A BSN that fails the elfproef or has the wrong length.
    #[error("invalid BSN: {0}")]
    OngeldigBsn(String),
    /// AVE phase outside 1..=4.
    #[error("invalid AVE phase: {0}")]
    OngeldigeAve(i64),
    /// A casusnummer not of the form YYYY-NNNN.
    #[error("invalid casusnummer: {0}")]
    OngeldigCasusnummer(String),
    /// A code that is not one of the known values of an enumeration.
    #[error("unknown {soort}: {waarde}")]
    OnbekendeWaarde {
        /// Which enumeration (fase, rol, status, ...).
        soort: &'static str,
        /// The offending text.
        waarde: String,
    },
    /// A required text field is empty.
    #[error("required field is empty: {0}")]
    Verplicht(&'static str),
    /// A date that cannot be parsed or lies in an impossible range.
    #[error("invalid date: {0}")]
    OngeldigeDatum(String),
    /// A date that cannot lie in the future (a birth date, an aanmelddatum).
    #[error("{veld} lies in the future: {datum}")]
    DatumInToekomst {
        /// Which date.
        veld: &'static str,
        /// The date as given.
        datum: String,
    },
    /// A phone number that is not a Dutch or international number.
    #[error("invalid phone number: {0}")]
    OngeldigTelefoonnummer(String),
    /// An e-mail address that cannot be right.
    #[error("invalid e-mail address: {0}")]
    OngeldigEmailadres(String),
    /// A phase rule was violated.
    #[error(transparent)]
    Fase(#[from] FaseFout),
    /// A score outside its scale.
    #[error("score out of range: {0}")]
    OngeldigeScore(i64),
    /// A retention term outside 1..=240 months.
    #[error("retention term out of range: {0} months")]
    OngeldigeBewaartermijn(u32),
    /// Retention applies to closed cases only.
    #[error("case is not closed")]
    CasusNietAfgesloten,
    /// The case is still within its retention term (until the given date).
    #[error("retention term runs until {0}")]
    BewaartermijnNietVerlopen(String),
    /// An extension must end after the current term.
    #[error("extension does not end after the current term")]
    VerlengingNietLater,
    /// Text where only initials are allowed (an adviesvraag holds no personal data).
    #[error("not initials: {0}")]
    GeenInitialen(String),
    /// A negative number of minutes spent.
    #[error("negative minutes: {0}")]
    NegatieveMinuten(i64),
    /// The adviesvraag was already converted into this casus.
    #[error("already converted into casus {0}")]
    AlOmgezet(String),
    /// A step on a detentiemelding that its status does not allow.
    #[error(transparent)]
    Melding(#[from] MeldingFout),
    /// A koppeling between casussen was refused.
    #[error(transparent)]
    Koppeling(#[from] KoppelFout),
    /// A PI-bezoek the rules refuse.
    #[error(transparent)]
    Bezoek(#[from] BezoekFout),
}

/// Defines a closed enumeration with a stable lowercase code (stored in the
/// database and used on the command line) and a Dutch label for display.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident, $soort:literal { $($(#[$vmeta:meta])* $variant:ident => $code:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(into = "String", try_from = "String")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALLE: &'static [$name] = &[$($name::$variant),+];

            /// Stable code as stored in the database.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Dutch label for display.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Parse a code (case-insensitive; spaces and dashes are treated as `_`).
            pub fn parse(tekst: &str) -> Result<Self, $crate::domain::DomeinFout> {
                let norm: String = tekst
                    .trim()
                    .to_lowercase()
                    .chars()
                    .map(|c| if c == ' ' || c == '-' { '_' } else { c })
                    .collect();
                match norm.as_str() {
                    $($code => Ok($name::$variant),)+
                    _ => Err($crate::domain::DomeinFout::OnbekendeWaarde {
                        soort: $soort,
                        waarde: tekst.to_string(),
                    }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String { v.code().to_string() }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::domain::DomeinFout;
            fn try_from(s: String) -> Result<Self, Self::Error> { $name::parse(&s) }
        }
    };
}
pub(crate) use code_enum;

/// Parse a date typed by a user: `JJJJ-MM-DD` or `DD-MM-JJJJ`.
pub fn parse_datum(tekst: &str) -> Result<chrono::NaiveDate, DomeinFout> {
    let t = tekst.trim();
    chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(t, "%d-%m-%Y"))
        .map_err(|_| DomeinFout::OngeldigeDatum(tekst.to_string()))
}

/// Show a stored `JJJJ-MM-DD` date the Dutch way (`DD-MM-JJJJ`); anything else unchanged.
pub fn nl_datum(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%d-%m-%Y").to_string())
        .unwrap_or_else(|_| iso.to_string())
}

/// A count with the right Dutch noun: "1 casus", "3 casussen", "1 pagina", "2 pagina's".
pub fn aantal(n: usize, enkelvoud: &str, meervoud: &str) -> String {
    if n == 1 { format!("1 {enkelvoud}") } else { format!("{n} {meervoud}") }
}

/// Trim a required text; empty is an error naming the field.
pub fn verplicht(veld: &'static str, tekst: &str) -> Result<String, DomeinFout> {
    let t = tekst.trim();
    if t.is_empty() { Err(DomeinFout::Verplicht(veld)) } else { Ok(t.to_string()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datum_accepts_both_dutch_and_iso_forms() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        assert_eq!(parse_datum("2026-03-09").unwrap(), d);
        assert_eq!(parse_datum("09-03-2026").unwrap(), d);
        assert!(parse_datum("31-02-2026").is_err());
        assert!(parse_datum("morgen").is_err());
    }

    #[test]
    fn verplicht_rejects_blank() {
        assert_eq!(verplicht("werknaam", "  "), Err(DomeinFout::Verplicht("werknaam")));
        assert_eq!(verplicht("werknaam", " Eik ").unwrap(), "Eik");
    }
}

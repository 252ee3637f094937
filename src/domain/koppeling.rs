//! Koppelingen: casussen that belong together (a gezin or system, a group, perpetrator
//! and victim, a network), issue 22 point 5.

use super::code_enum;

code_enum! {
    /// Why two casussen are linked.
    KoppelSoort, "koppelsoort" {
        /// A gezin or system (systeemgerichte aanpak).
        Gezin => "gezin", "Gezin/systeem";
        /// A (youth) group (groepsaanpak).
        Groep => "groep", "Groep";
        /// Perpetrator and victim (mensenhandel).
        DaderSlachtoffer => "dader_slachtoffer", "Dader–slachtoffer";
        /// A wider network.
        Netwerk => "netwerk", "Netwerk";
    }
}

impl KoppelSoort {
    /// The code as typed on the command line (`dader-slachtoffer`).
    pub fn cli_code(self) -> String {
        self.code().replace('_', "-")
    }
}

/// Why a koppeling cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KoppelFout {
    /// A casus cannot be linked to itself.
    #[error("a casus cannot be linked to itself: {0}")]
    MetZichzelf(String),
    /// The two casussen are already linked (in either order).
    #[error("already linked: {0} and {1}")]
    AlGekoppeld(String, String),
    /// The two casussen are not linked.
    #[error("not linked: {0} and {1}")]
    NietGekoppeld(String, String),
}

/// The canonical order of a pair of casus ids (smallest first), so that a link between
/// A and B is the same whichever side it was made from.
pub fn paar<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    if a <= b { (a, b) } else { (b, a) }
}

/// Check a new link between casus `a` and `b` (casusnummers for the message): no
/// self-link, and no second link of the same pair, in either order (`bestaande` holds the
/// numbers of the casussen `a` is already linked to).
pub fn controleer_koppeling(a: &str, b: &str, bestaande: &[String]) -> Result<(), KoppelFout> {
    if a == b {
        return Err(KoppelFout::MetZichzelf(a.to_string()));
    }
    if bestaande.iter().any(|n| n == b) {
        return Err(KoppelFout::AlGekoppeld(a.to_string(), b.to_string()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soort_heeft_stabiele_codes_en_labels() {
        assert_eq!(KoppelSoort::parse("dader-slachtoffer"), Ok(KoppelSoort::DaderSlachtoffer));
        assert_eq!(KoppelSoort::parse("Gezin"), Ok(KoppelSoort::Gezin));
        assert_eq!(KoppelSoort::DaderSlachtoffer.code(), "dader_slachtoffer");
        assert_eq!(KoppelSoort::DaderSlachtoffer.cli_code(), "dader-slachtoffer");
        assert_eq!(KoppelSoort::Gezin.label(), "Gezin/systeem");
        assert!(KoppelSoort::parse("buren").is_err());
    }

    #[test]
    fn geen_koppeling_met_zichzelf_of_dubbel() {
        assert_eq!(
            controleer_koppeling("2026-0001", "2026-0001", &[]),
            Err(KoppelFout::MetZichzelf("2026-0001".into()))
        );
        let al = vec!["2026-0002".to_string()];
        assert_eq!(
            controleer_koppeling("2026-0001", "2026-0002", &al),
            Err(KoppelFout::AlGekoppeld("2026-0001".into(), "2026-0002".into()))
        );
        assert_eq!(controleer_koppeling("2026-0001", "2026-0003", &al), Ok(()));
        assert_eq!(paar("b", "a"), ("a", "b"));
        assert_eq!(paar("a", "b"), ("a", "b"));
    }
}

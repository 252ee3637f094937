//! Adviesvragen ("advies kort") and opschalingen: the rules that hold without a database.
//!
//! An adviesvraag holds no personal data by default: at most the initials of the person it
//! is about ([`controleer_initialen`]). The time spent is whole minutes, never negative.

use super::{DomeinFout, code_enum};

code_enum! {
    /// To whom a stalled casus is escalated.
    Opschalingsniveau, "opschalingsniveau" {
        /// The ZVH's management.
        Management => "management", "Management";
        /// The bestuur (gemeente, partners' directors).
        Bestuur => "bestuur", "Bestuur";
        /// The driehoek (burgemeester, officier van justitie, politie).
        Driehoek => "driehoek", "Driehoek";
    }
}

/// At most this many letters make initials ("J.d.V.", "AB").
const MAX_LETTERS: usize = 5;

/// Accept initials, never a name: letters separated by dots, spaces or dashes, at most
/// two letters in a row ("IJ") and at most five letters in all. Empty is allowed.
pub fn controleer_initialen(tekst: &str) -> Result<String, DomeinFout> {
    let t = tekst.trim();
    let mut letters = 0;
    let mut op_een_rij = 0;
    for c in t.chars() {
        if c.is_alphabetic() {
            letters += 1;
            op_een_rij += 1;
            if op_een_rij > 2 {
                return Err(DomeinFout::GeenInitialen(t.to_string()));
            }
        } else if matches!(c, '.' | ' ' | '-') {
            op_een_rij = 0;
        } else {
            return Err(DomeinFout::GeenInitialen(t.to_string()));
        }
    }
    if letters > MAX_LETTERS {
        return Err(DomeinFout::GeenInitialen(t.to_string()));
    }
    Ok(t.to_string())
}

/// The time spent on an adviesvraag: zero or more minutes.
pub fn controleer_minuten(minuten: i64) -> Result<i64, DomeinFout> {
    if minuten < 0 { Err(DomeinFout::NegatieveMinuten(minuten)) } else { Ok(minuten) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initialen_ja_namen_nee() {
        for goed in ["", "J.d.V.", "AB", "IJ.", "M. El-K."] {
            assert_eq!(controleer_initialen(goed).as_deref(), Ok(goed), "{goed}");
        }
        for fout in ["Jan", "Jan de Vries", "Noor Bakkal", "J.d.V.A.B.C.", "123456782"] {
            assert_eq!(controleer_initialen(fout), Err(DomeinFout::GeenInitialen(fout.to_string())), "{fout}");
        }
    }

    #[test]
    fn minuten_niet_negatief() {
        assert_eq!(controleer_minuten(0), Ok(0));
        assert_eq!(controleer_minuten(45), Ok(45));
        assert_eq!(controleer_minuten(-5), Err(DomeinFout::NegatieveMinuten(-5)));
    }

    #[test]
    fn opschalingsniveau_codes() {
        assert_eq!(Opschalingsniveau::parse("Driehoek"), Ok(Opschalingsniveau::Driehoek));
        assert_eq!(Opschalingsniveau::Bestuur.label(), "Bestuur");
        assert!(Opschalingsniveau::parse("wethouder").is_err());
    }
}

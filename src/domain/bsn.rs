//! Burgerservicenummer with the elfproef.

use super::DomeinFout;
use std::fmt;

/// A BSN that passed the elfproef. Always nine digits.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Bsn(String);

impl Bsn {
    /// Validate a BSN. Spaces and dots are ignored; eight digits get a leading zero.
    pub fn parse(tekst: &str) -> Result<Bsn, DomeinFout> {
        let digits: String = tekst.chars().filter(|c| !matches!(c, ' ' | '.')).collect();
        if !digits.chars().all(|c| c.is_ascii_digit()) || !(8..=9).contains(&digits.len()) {
            return Err(DomeinFout::OngeldigBsn(tekst.to_string()));
        }
        let digits = format!("{digits:0>9}");
        let d: Vec<i64> = digits.bytes().map(|b| i64::from(b - b'0')).collect();
        let som: i64 = d[..8].iter().zip((2..=9).rev()).map(|(x, w)| x * w).sum::<i64>() - d[8];
        if som == 0 || som % 11 != 0 {
            return Err(DomeinFout::OngeldigBsn(tekst.to_string()));
        }
        Ok(Bsn(digits))
    }

    /// The nine digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Bsn {
    // Never print a BSN in debug output or logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Bsn(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elfproef_accepts_known_test_numbers() {
        // Widely published test numbers, not real people.
        assert_eq!(Bsn::parse("111222333").unwrap().as_str(), "111222333");
        assert_eq!(Bsn::parse("123456782").unwrap().as_str(), "123456782");
        assert_eq!(Bsn::parse("1234.56.782").unwrap().as_str(), "123456782");
    }

    #[test]
    fn elfproef_rejects_wrong_numbers() {
        for bad in ["123456789", "111222334", "000000000", "12345678a", "1234567", "1234567890", ""] {
            assert!(Bsn::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn debug_hides_the_number() {
        let b = Bsn::parse("111222333").unwrap();
        assert!(!format!("{b:?}").contains("111"));
    }
}

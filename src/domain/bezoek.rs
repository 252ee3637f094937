//! PI-bezoekdag (issue 22 point 3): a trajectbegeleider visits several detained persons in
//! one penitentiary institution on one day. The persons are detentiemeldingen or
//! betrokkenen of a casus with a detention there. This module holds the rules the store
//! asks before it writes: a visit needs a date, an institution and at least one person,
//! and each person must be detained in that institution.

use chrono::NaiveDate;
use thiserror::Error;

/// Who is visited: a melding or a betrokkene of a casus (their record ids).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum BezoekPersoon {
    /// A detentiemelding (id).
    Melding(String),
    /// A betrokkene of a casus (id).
    Betrokkene(String),
}

impl BezoekPersoon {
    /// The record id.
    pub fn id(&self) -> &str {
        match self {
            BezoekPersoon::Melding(i) | BezoekPersoon::Betrokkene(i) => i,
        }
    }
}

/// A bezoek the rules refuse.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BezoekFout {
    /// No date chosen.
    #[error("a visit needs a date")]
    GeenDatum,
    /// No institution chosen.
    #[error("a visit needs an institution")]
    GeenInrichting,
    /// No person chosen (or the last one would be removed).
    #[error("a visit needs at least one person")]
    GeenPersonen,
    /// The person is not detained in the institution of the visit.
    #[error("{naam} is not detained in {inrichting}")]
    NietGedetineerd {
        /// Name of the person.
        naam: String,
        /// Institution of the visit.
        inrichting: String,
    },
    /// The person is already on the visit list.
    #[error("{0} is already on the list")]
    AlOpLijst(String),
    /// The person is not on the visit list (a report for someone not visited).
    #[error("{0} is not on the list")]
    NietOpLijst(String),
    /// A report without text.
    #[error("empty report")]
    LeegVerslag,
}

/// Whether two institution names mean the same institution (case and surrounding or
/// doubled spaces do not matter: "PI  veenhuizen" is "PI Veenhuizen").
pub fn zelfde_inrichting(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    !a.trim().is_empty() && norm(a) == norm(b)
}

/// Check a new visit: institution, date and at least one person. Returns the trimmed
/// institution name.
pub fn controleer(inrichting: &str, datum: Option<NaiveDate>, personen: usize) -> Result<String, BezoekFout> {
    let inrichting = inrichting.split_whitespace().collect::<Vec<_>>().join(" ");
    if inrichting.is_empty() {
        return Err(BezoekFout::GeenInrichting);
    }
    if datum.is_none() {
        return Err(BezoekFout::GeenDatum);
    }
    if personen == 0 {
        return Err(BezoekFout::GeenPersonen);
    }
    Ok(inrichting)
}

/// Check that person `naam`, detained in `inrichtingen` (the melding's institution, or the
/// institutions of the betrokkene's detentions), may be visited in `inrichting`.
pub fn controleer_persoon(naam: &str, inrichtingen: &[String], inrichting: &str) -> Result<(), BezoekFout> {
    if inrichtingen.iter().any(|i| zelfde_inrichting(i, inrichting)) {
        Ok(())
    } else {
        Err(BezoekFout::NietGedetineerd { naam: naam.to_string(), inrichting: inrichting.to_string() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_visit_needs_institution_date_and_a_person() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 3);
        assert_eq!(controleer("  ", d, 1), Err(BezoekFout::GeenInrichting));
        assert_eq!(controleer("PI Veenhuizen", None, 1), Err(BezoekFout::GeenDatum));
        assert_eq!(controleer("PI Veenhuizen", d, 0), Err(BezoekFout::GeenPersonen));
        assert_eq!(controleer(" PI  Veenhuizen ", d, 2), Ok("PI Veenhuizen".to_string()));
    }

    #[test]
    fn a_person_must_be_detained_in_the_institution() {
        let waar = vec!["PI Leeuwarden".to_string(), "PI  veenhuizen".to_string()];
        assert_eq!(controleer_persoon("Joëlle Vermeulenga", &waar, "PI Veenhuizen"), Ok(()));
        assert_eq!(
            controleer_persoon("Joëlle Vermeulenga", &waar[..1], "PI Veenhuizen"),
            Err(BezoekFout::NietGedetineerd { naam: "Joëlle Vermeulenga".into(), inrichting: "PI Veenhuizen".into() })
        );
        assert!(!zelfde_inrichting("", ""), "an empty institution matches nothing");
    }
}

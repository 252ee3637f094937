//! Plan van aanpak: goals, actions, risks, frozen versions and their differences.

use super::{DomeinFout, code_enum};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

code_enum! {
    /// Status of an action in the plan.
    ActieStatus, "actiestatus" {
        /// Not started.
        Open => "open", "Open";
        /// In progress.
        Lopend => "lopend", "Lopend";
        /// Done.
        Gereed => "gereed", "Gereed";
        /// No longer relevant.
        Vervallen => "vervallen", "Vervallen";
    }
}

code_enum! {
    /// When a risicotaxatie was made.
    RisicoMoment, "moment" {
        /// At the start of procesregie.
        Start => "start", "Start";
        /// At an evaluation of the plan.
        Evaluatie => "evaluatie", "Evaluatie";
        /// At afschaling (closing or handing back).
        Afschaling => "afschaling", "Afschaling";
    }
}

impl ActieStatus {
    /// Still needs work (counts for deadlines and overdue badges).
    pub fn is_open(self) -> bool {
        matches!(self, ActieStatus::Open | ActieStatus::Lopend)
    }
}

/// Lowest and highest risk score per leefgebied (1 = geen zorgen, 5 = acuut risico).
pub const RISICO_MIN: i64 = 1;
/// See [`RISICO_MIN`].
pub const RISICO_MAX: i64 = 5;

/// Validate a risk score.
pub fn risicoscore(n: i64) -> Result<u8, DomeinFout> {
    if (RISICO_MIN..=RISICO_MAX).contains(&n) { Ok(n as u8) } else { Err(DomeinFout::OngeldigeScore(n)) }
}

/// A goal as frozen in a plan version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoelSnap {
    /// Stable record id.
    pub id: String,
    /// Name of the leefgebied.
    pub leefgebied: String,
    /// What should be achieved.
    pub omschrijving: String,
}

/// An action as frozen in a plan version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActieSnap {
    /// Stable record id.
    pub id: String,
    /// The goal it serves, if any.
    pub doel_id: Option<String>,
    /// What is to be done.
    pub omschrijving: String,
    /// Responsible partner organisation (name).
    pub partner: Option<String>,
    /// Responsible contact person (name).
    pub contact: Option<String>,
    /// Deadline, `JJJJ-MM-DD`.
    pub deadline: Option<String>,
    /// Status.
    pub status: ActieStatus,
    /// Result text.
    pub resultaat: String,
}

/// A risk score as frozen in a plan version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RisicoSnap {
    /// Stable record id.
    pub id: String,
    /// Name of the leefgebied.
    pub leefgebied: String,
    /// Score 1..=5.
    pub score: u8,
    /// Explanation.
    pub toelichting: String,
}

/// The content of a plan at one moment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSnapshot {
    /// Goals in display order.
    pub doelen: Vec<DoelSnap>,
    /// Actions in display order.
    pub acties: Vec<ActieSnap>,
    /// Risk scores.
    pub risicos: Vec<RisicoSnap>,
}

/// One difference between two plan versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Verschil<T> {
    /// Present only in the newer version.
    Toegevoegd(T),
    /// Present only in the older version.
    Verwijderd(T),
    /// Present in both with different content.
    Gewijzigd {
        /// Older content.
        oud: T,
        /// Newer content.
        nieuw: T,
    },
}

/// What changed between two plan versions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PlanDiff {
    /// Goal differences.
    pub doelen: Vec<Verschil<DoelSnap>>,
    /// Action differences.
    pub acties: Vec<Verschil<ActieSnap>>,
    /// Risk differences.
    pub risicos: Vec<Verschil<RisicoSnap>>,
}

impl PlanDiff {
    /// Compare an older and a newer plan, matching records by id.
    pub fn tussen(oud: &PlanSnapshot, nieuw: &PlanSnapshot) -> PlanDiff {
        PlanDiff {
            doelen: vergelijk(&oud.doelen, &nieuw.doelen, |d| &d.id),
            acties: vergelijk(&oud.acties, &nieuw.acties, |a| &a.id),
            risicos: vergelijk(&oud.risicos, &nieuw.risicos, |r| &r.id),
        }
    }

    /// No differences at all.
    pub fn is_leeg(&self) -> bool {
        self.doelen.is_empty() && self.acties.is_empty() && self.risicos.is_empty()
    }
}

fn vergelijk<T: Clone + PartialEq>(oud: &[T], nieuw: &[T], id: impl Fn(&T) -> &String) -> Vec<Verschil<T>> {
    let oud_map: BTreeMap<&String, &T> = oud.iter().map(|x| (id(x), x)).collect();
    let nieuw_map: BTreeMap<&String, &T> = nieuw.iter().map(|x| (id(x), x)).collect();
    let mut uit = Vec::new();
    for x in nieuw {
        match oud_map.get(id(x)) {
            None => uit.push(Verschil::Toegevoegd(x.clone())),
            Some(o) if *o != x => uit.push(Verschil::Gewijzigd { oud: (*o).clone(), nieuw: x.clone() }),
            Some(_) => {}
        }
    }
    for x in oud {
        if !nieuw_map.contains_key(id(x)) {
            uit.push(Verschil::Verwijderd(x.clone()));
        }
    }
    uit
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actie(id: &str, tekst: &str, status: ActieStatus) -> ActieSnap {
        ActieSnap {
            id: id.into(),
            doel_id: None,
            omschrijving: tekst.into(),
            partner: None,
            contact: None,
            deadline: None,
            status,
            resultaat: String::new(),
        }
    }

    #[test]
    fn diff_finds_added_removed_changed() {
        let oud = PlanSnapshot {
            acties: vec![actie("a", "ID aanvragen", ActieStatus::Open), actie("b", "Schuldhulp", ActieStatus::Open)],
            ..Default::default()
        };
        let nieuw = PlanSnapshot {
            acties: vec![
                actie("a", "ID aanvragen", ActieStatus::Gereed),
                actie("c", "Woning zoeken", ActieStatus::Open),
            ],
            ..Default::default()
        };
        let d = PlanDiff::tussen(&oud, &nieuw);
        assert_eq!(d.acties.len(), 3);
        assert!(
            matches!(&d.acties[0], Verschil::Gewijzigd { oud, nieuw } if oud.status == ActieStatus::Open && nieuw.status == ActieStatus::Gereed)
        );
        assert!(matches!(&d.acties[1], Verschil::Toegevoegd(a) if a.id == "c"));
        assert!(matches!(&d.acties[2], Verschil::Verwijderd(a) if a.id == "b"));
        assert!(PlanDiff::tussen(&nieuw, &nieuw).is_leeg());
    }

    #[test]
    fn risk_scale() {
        assert!(risicoscore(0).is_err());
        assert!(risicoscore(6).is_err());
        assert_eq!(risicoscore(5).unwrap(), 5);
    }
}

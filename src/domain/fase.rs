//! The life of a case: phases and the rules for moving between them.

use super::code_enum;
use thiserror::Error;

code_enum! {
    /// Phase of a casus on the board.
    Fase, "fase" {
        /// Referred, not yet weighed.
        Aanmelding => "aanmelding", "Aanmelding";
        /// On the weegtafel.
        Weging => "weging", "Weging";
        /// ZVH holds procesregie.
        Procesregie => "procesregie", "Procesregie";
        /// Plan is carried out and monitored.
        Monitoring => "monitoring", "Monitoring";
        /// Closed (afgeschaald or ended).
        Afgesloten => "afgesloten", "Afgesloten";
    }
}

code_enum! {
    /// Outcome of the weging at the weegtafel.
    WegingUitkomst, "wegingsuitkomst" {
        /// ZVH takes the lead.
        Procesregie => "procesregie", "Procesregie";
        /// The local party keeps the lead; ZVH supports.
        Ondersteunen => "ondersteunen", "Ondersteunen";
        /// Short advice only.
        Advies => "advies", "Advies";
        /// Does not fit the criteria; referred back.
        NietPassend => "niet_passend", "Niet passend / terugverwezen";
    }
}

impl Fase {
    /// The next phase on the board (for moving a card to the right).
    pub fn volgende(self) -> Option<Fase> {
        let i = Fase::ALLE.iter().position(|f| *f == self)?;
        Fase::ALLE.get(i + 1).copied()
    }

    /// The previous phase on the board (for moving a card to the left).
    pub fn vorige(self) -> Option<Fase> {
        let i = Fase::ALLE.iter().position(|f| *f == self)?;
        i.checked_sub(1).map(|j| Fase::ALLE[j])
    }
}

/// A requested phase change with the data it may need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FaseOvergang {
    /// Target phase.
    pub naar: Option<Fase>,
    /// Outcome of the weging, when this move records the weegtafel's decision.
    pub uitkomst: Option<WegingUitkomst>,
    /// Reason: required for closing and reopening, recorded for every move.
    pub reden: Option<String>,
    /// Explicitly reopen a closed case.
    pub heropenen: bool,
    /// Satisfaction of the referring partner at closure (1–5).
    pub tevredenheid: Option<u8>,
    /// Date the move took effect (default today), e.g. the date of the weegtafel.
    pub datum: Option<chrono::NaiveDate>,
}

impl FaseOvergang {
    /// A plain move to `naar` without extra data.
    pub fn naar(naar: Fase) -> Self {
        FaseOvergang { naar: Some(naar), ..Default::default() }
    }
}

/// What the store must record for an allowed phase change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaseBesluit {
    /// Phase before.
    pub van: Fase,
    /// Phase after.
    pub naar: Fase,
    /// Weging outcome to record (and set the besluit date), if any.
    pub uitkomst: Option<WegingUitkomst>,
    /// Set the start date of procesregie (first time the case enters procesregie).
    pub start_vastleggen: bool,
    /// Closing: afsluitreden to record with today's afsluitdatum.
    pub afsluitreden: Option<String>,
    /// Satisfaction score to record at closure.
    pub tevredenheid: Option<u8>,
    /// The case is reopened: closing date and reason are cleared.
    pub heropend: bool,
    /// Reason recorded in the phase history.
    pub reden: Option<String>,
}

/// Why a phase change is refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FaseFout {
    /// No target phase given.
    #[error("no target phase")]
    GeenDoel,
    /// The case already is in that phase.
    #[error("case already in phase {0}")]
    ZelfdeFase(Fase),
    /// A closed case can only change by explicit reopening.
    #[error("case is closed; reopen explicitly")]
    Afgesloten,
    /// Reopening was asked for a case that is not closed.
    #[error("case is not closed")]
    NietAfgesloten,
    /// Closing or reopening needs a reason.
    #[error("a reason is required to move to {0}")]
    RedenVerplicht(Fase),
    /// Leaving the weging needs its outcome.
    #[error("moving to {0} requires a weging outcome")]
    UitkomstVerplicht(Fase),
    /// The outcome does not lead to the requested phase.
    #[error("weging outcome {uitkomst} does not lead to {naar}")]
    UitkomstPastNiet {
        /// The outcome given or recorded.
        uitkomst: WegingUitkomst,
        /// The requested phase.
        naar: Fase,
    },
    /// An outcome was given for a move that is not a weging decision.
    #[error("a weging outcome only belongs to the decision after weging")]
    UitkomstBuitenWeging,
    /// Satisfaction outside 1..=5 or given when not closing.
    #[error("satisfaction must be 1..=5 and only given when closing")]
    OngeldigeTevredenheid,
    /// The move is not part of the process.
    #[error("moving from {van} to {naar} is not allowed")]
    NietToegestaan {
        /// Current phase.
        van: Fase,
        /// Requested phase.
        naar: Fase,
    },
}

/// Decide whether a case in phase `van`, whose recorded weging outcome is `huidige_uitkomst`
/// and whose procesregie started already when `gestart`, may make the requested move.
pub fn beslis(
    van: Fase,
    huidige_uitkomst: Option<WegingUitkomst>,
    gestart: bool,
    verzoek: &FaseOvergang,
) -> Result<FaseBesluit, FaseFout> {
    use Fase::*;
    let naar = verzoek.naar.ok_or(FaseFout::GeenDoel)?;
    let reden = verzoek.reden.as_deref().map(str::trim).filter(|r| !r.is_empty()).map(String::from);

    if van == Afgesloten && !verzoek.heropenen {
        return Err(if naar == Afgesloten { FaseFout::ZelfdeFase(naar) } else { FaseFout::Afgesloten });
    }
    if verzoek.heropenen && van != Afgesloten {
        return Err(FaseFout::NietAfgesloten);
    }
    if naar == van {
        return Err(FaseFout::ZelfdeFase(naar));
    }
    if verzoek.tevredenheid.is_some_and(|t| !(1..=5).contains(&t))
        || (verzoek.tevredenheid.is_some() && naar != Afgesloten)
    {
        return Err(FaseFout::OngeldigeTevredenheid);
    }

    // Which outcome applies after this move, and is it one this move may record?
    let neemt_uitkomst = van == Weging || (van == Monitoring && naar == Procesregie) || van == Afgesloten;
    if verzoek.uitkomst.is_some() && !neemt_uitkomst {
        return Err(FaseFout::UitkomstBuitenWeging);
    }
    let uitkomst = verzoek.uitkomst.or(huidige_uitkomst);
    let vereis = |nodig: WegingUitkomst| match uitkomst {
        None => Err(FaseFout::UitkomstVerplicht(naar)),
        Some(u) if u != nodig => Err(FaseFout::UitkomstPastNiet { uitkomst: u, naar }),
        Some(_) => Ok(()),
    };

    let toegestaan = match (van, naar) {
        (Aanmelding, Weging) => true,
        (Aanmelding | Weging | Procesregie | Monitoring, Afgesloten) => true,
        (Weging, Procesregie) => {
            vereis(WegingUitkomst::Procesregie)?;
            true
        }
        (Weging, Monitoring) => {
            vereis(WegingUitkomst::Ondersteunen)?;
            true
        }
        (Procesregie, Monitoring) | (Monitoring, Procesregie) => true,
        (Afgesloten, Weging | Monitoring) => true,
        (Afgesloten, Procesregie) => {
            vereis(WegingUitkomst::Procesregie)?;
            true
        }
        _ => false,
    };
    if !toegestaan {
        return Err(FaseFout::NietToegestaan { van, naar });
    }

    if naar == Afgesloten {
        if reden.is_none() {
            return Err(FaseFout::RedenVerplicht(naar));
        }
        if van == Weging
            && let Some(u @ (WegingUitkomst::Procesregie | WegingUitkomst::Ondersteunen)) = verzoek.uitkomst
        {
            return Err(FaseFout::UitkomstPastNiet { uitkomst: u, naar });
        }
    }
    if verzoek.heropenen && reden.is_none() {
        return Err(FaseFout::RedenVerplicht(naar));
    }

    Ok(FaseBesluit {
        van,
        naar,
        uitkomst: verzoek.uitkomst,
        start_vastleggen: naar == Procesregie && !gestart,
        afsluitreden: if naar == Afgesloten { reden.clone() } else { None },
        tevredenheid: verzoek.tevredenheid,
        heropend: verzoek.heropenen,
        reden,
    })
}

/// Whether a casus in phase `fase` may carry weging outcome `uitkomst` (recording or
/// correcting the outcome without moving the casus): in procesregie only *procesregie*,
/// in monitoring *procesregie* or *ondersteunen*; before and after the process any.
pub fn uitkomst_past_bij_fase(fase: Fase, uitkomst: WegingUitkomst) -> Result<(), FaseFout> {
    let past = match fase {
        Fase::Procesregie => uitkomst == WegingUitkomst::Procesregie,
        Fase::Monitoring => matches!(uitkomst, WegingUitkomst::Procesregie | WegingUitkomst::Ondersteunen),
        Fase::Aanmelding | Fase::Weging | Fase::Afgesloten => true,
    };
    if past { Ok(()) } else { Err(FaseFout::UitkomstPastNiet { uitkomst, naar: fase }) }
}

/// The board lane of a casus: its phase, except that a casus in monitoring whose weging
/// outcome is *ondersteunen* has its own lane (the local party keeps the regie). The lane
/// is derived, never stored, so older replicas read the same phase codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Baan {
    /// One of the phases.
    Fase(Fase),
    /// Monitoring with outcome *ondersteunen*.
    Ondersteunen,
}

impl Baan {
    /// The lanes in board order.
    pub const ALLE: [Baan; 6] = [
        Baan::Fase(Fase::Aanmelding),
        Baan::Fase(Fase::Weging),
        Baan::Fase(Fase::Procesregie),
        Baan::Ondersteunen,
        Baan::Fase(Fase::Monitoring),
        Baan::Fase(Fase::Afgesloten),
    ];

    /// The lane of a casus in `fase` with weging outcome `uitkomst`.
    pub fn van(fase: Fase, uitkomst: Option<WegingUitkomst>) -> Baan {
        if fase == Fase::Monitoring && uitkomst == Some(WegingUitkomst::Ondersteunen) {
            Baan::Ondersteunen
        } else {
            Baan::Fase(fase)
        }
    }

    /// The phase a card dropped on this lane moves to.
    pub fn fase(self) -> Fase {
        match self {
            Baan::Fase(f) => f,
            Baan::Ondersteunen => Fase::Monitoring,
        }
    }

    /// Column heading.
    pub fn label(self) -> &'static str {
        match self {
            Baan::Fase(f) => f.label(),
            Baan::Ondersteunen => "Ondersteunen",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Fase::*;

    #[test]
    fn ondersteunen_has_its_own_lane_and_outcome_fits_phase() {
        assert_eq!(Baan::van(Monitoring, Some(WegingUitkomst::Ondersteunen)), Baan::Ondersteunen);
        assert_eq!(Baan::van(Monitoring, Some(WegingUitkomst::Procesregie)), Baan::Fase(Monitoring));
        assert_eq!(Baan::van(Weging, Some(WegingUitkomst::Ondersteunen)), Baan::Fase(Weging));
        assert_eq!(Baan::Ondersteunen.fase(), Monitoring);
        assert!(uitkomst_past_bij_fase(Weging, WegingUitkomst::Advies).is_ok());
        assert_eq!(
            uitkomst_past_bij_fase(Procesregie, WegingUitkomst::Ondersteunen),
            Err(FaseFout::UitkomstPastNiet { uitkomst: WegingUitkomst::Ondersteunen, naar: Procesregie })
        );
    }

    fn ov(naar: Fase) -> FaseOvergang {
        FaseOvergang::naar(naar)
    }

    #[test]
    fn normal_path_is_allowed() {
        assert!(beslis(Aanmelding, None, false, &ov(Weging)).is_ok());
        let b = beslis(
            Weging,
            None,
            false,
            &FaseOvergang { uitkomst: Some(WegingUitkomst::Procesregie), ..ov(Procesregie) },
        )
        .unwrap();
        assert_eq!(b.uitkomst, Some(WegingUitkomst::Procesregie));
        assert!(b.start_vastleggen);
        assert!(beslis(Procesregie, Some(WegingUitkomst::Procesregie), true, &ov(Monitoring)).is_ok());
        let b = beslis(
            Monitoring,
            Some(WegingUitkomst::Procesregie),
            true,
            &FaseOvergang { reden: Some("afgeschaald naar wijkteam".into()), tevredenheid: Some(4), ..ov(Afgesloten) },
        )
        .unwrap();
        assert_eq!(b.afsluitreden.as_deref(), Some("afgeschaald naar wijkteam"));
    }

    #[test]
    fn procesregie_needs_matching_outcome() {
        assert_eq!(beslis(Weging, None, false, &ov(Procesregie)), Err(FaseFout::UitkomstVerplicht(Procesregie)));
        assert_eq!(
            beslis(Weging, Some(WegingUitkomst::Advies), false, &ov(Procesregie)),
            Err(FaseFout::UitkomstPastNiet { uitkomst: WegingUitkomst::Advies, naar: Procesregie })
        );
        // A recorded outcome of procesregie suffices.
        assert!(beslis(Weging, Some(WegingUitkomst::Procesregie), false, &ov(Procesregie)).is_ok());
    }

    #[test]
    fn closing_needs_reason() {
        assert_eq!(beslis(Procesregie, None, true, &ov(Afgesloten)), Err(FaseFout::RedenVerplicht(Afgesloten)));
        let leeg = FaseOvergang { reden: Some("   ".into()), ..ov(Afgesloten) };
        assert_eq!(beslis(Procesregie, None, true, &leeg), Err(FaseFout::RedenVerplicht(Afgesloten)));
    }

    #[test]
    fn closed_case_needs_explicit_reopen_with_reason() {
        assert_eq!(beslis(Afgesloten, None, true, &ov(Monitoring)), Err(FaseFout::Afgesloten));
        let zonder = FaseOvergang { heropenen: true, ..ov(Monitoring) };
        assert_eq!(beslis(Afgesloten, None, true, &zonder), Err(FaseFout::RedenVerplicht(Monitoring)));
        let met = FaseOvergang { heropenen: true, reden: Some("nieuwe incidenten".into()), ..ov(Monitoring) };
        assert!(beslis(Afgesloten, None, true, &met).unwrap().heropend);
        assert_eq!(beslis(Monitoring, None, true, &met), Err(FaseFout::NietAfgesloten));
    }

    #[test]
    fn backwards_and_skipping_moves_are_refused() {
        assert_eq!(
            beslis(Procesregie, Some(WegingUitkomst::Procesregie), true, &ov(Aanmelding)),
            Err(FaseFout::NietToegestaan { van: Procesregie, naar: Aanmelding })
        );
        assert_eq!(
            beslis(Aanmelding, None, false, &ov(Procesregie)),
            Err(FaseFout::NietToegestaan { van: Aanmelding, naar: Procesregie })
        );
        assert_eq!(beslis(Weging, None, false, &ov(Weging)), Err(FaseFout::ZelfdeFase(Weging)));
    }

    #[test]
    fn outcome_outside_weging_is_refused() {
        let v = FaseOvergang { uitkomst: Some(WegingUitkomst::Advies), ..ov(Monitoring) };
        assert_eq!(beslis(Procesregie, None, true, &v), Err(FaseFout::UitkomstBuitenWeging));
    }

    #[test]
    fn satisfaction_only_when_closing() {
        let v = FaseOvergang { tevredenheid: Some(3), ..ov(Weging) };
        assert_eq!(beslis(Aanmelding, None, false, &v), Err(FaseFout::OngeldigeTevredenheid));
        let v = FaseOvergang { tevredenheid: Some(9), reden: Some("x".into()), ..ov(Afgesloten) };
        assert_eq!(beslis(Monitoring, None, true, &v), Err(FaseFout::OngeldigeTevredenheid));
    }

    #[test]
    fn neighbours_on_the_board() {
        assert_eq!(Aanmelding.vorige(), None);
        assert_eq!(Aanmelding.volgende(), Some(Weging));
        assert_eq!(Afgesloten.volgende(), None);
    }
}

//! Detentiemeldingen and nazorg (issue 22): a message about a detained person that the
//! nazorgcoördinator or a trajectbegeleider enriches, triages and hands over to the
//! gemeente, or turns into a nazorg casus; and the aanbod per leefgebied at release.
//!
//! The steps of a melding are a small state machine:
//! `ontvangen → verrijkt → getrieerd → overgedragen | omgezet`. [`volgende_status`]
//! decides whether a step is allowed; the store asks it before it writes anything.

use super::code_enum;
use thiserror::Error;

code_enum! {
    /// Where a melding stands. The codes are stored and synced: never change them.
    MeldingStatus, "meldingstatus" {
        /// Received, nothing done yet.
        Ontvangen => "ontvangen", "Ontvangen";
        /// At least one source was asked and answered.
        Verrijkt => "verrijkt", "Verrijkt";
        /// A route was chosen with a reason.
        Getrieerd => "getrieerd", "Getrieerd";
        /// Handed over to a contact of the gemeente (final).
        Overgedragen => "overgedragen", "Overgedragen";
        /// Became a nazorg casus (final).
        Omgezet => "omgezet", "Omgezet naar casus";
    }
}

code_enum! {
    /// The route chosen at triage.
    TriageRoute, "route" {
        /// The gemeente handles it in its own (local) nazorg.
        Lokaal => "lokaal", "Lokaal (gemeente)";
        /// Complex: the Zorg- en Veiligheidshuis takes it up as a casus.
        Zvh => "zvh", "Zorg- en Veiligheidshuis";
        /// Stays with the penitentiary institution (trajectbegeleiding during detention).
        Pi => "pi", "Penitentiaire inrichting";
    }
}

code_enum! {
    /// Who a melding came from, and which source was asked during enrichment.
    Informatiebron, "bron" {
        /// Dienst Justitiële Inrichtingen (DJI, the MMA/DJI-melding).
        Dji => "dji", "DJI";
        /// The penitentiary institution itself (casemanager, MMD).
        Pi => "pi", "PI (inrichting)";
        /// Reclassering.
        Reclassering => "reclassering", "Reclassering";
        /// The gemeente (the person's municipality).
        Gemeente => "gemeente", "Gemeente";
        /// Politie.
        Politie => "politie", "Politie";
        /// Openbaar Ministerie.
        Om => "om", "Openbaar Ministerie";
        /// A care partner (GGZ, verslavingszorg).
        Zorg => "zorg", "Zorgpartner";
        /// Anything else.
        Anders => "anders", "Anders";
    }
}

code_enum! {
    /// The leefgebieden of the aanbod at release: the five basisvoorwaarden of re-integratie
    /// (identiteitsbewijs, onderdak, inkomen, schulden, zorg) plus werk and sociaal netwerk
    /// (Noord-Limburg). A fixed list, not the editable leefgebied list of the plan van
    /// aanpak: the kengetallen ("share with ID, onderdak and inkomen arranged at release")
    /// and the bezoeklijst need the same identity on every replica and in every year, and a
    /// team must not be able to rename or archive a basisvoorwaarde away. Codes are stored
    /// and synced: never change them.
    AanbodGebied, "leefgebied" {
        /// A valid ID card or passport.
        Identiteitsbewijs => "identiteitsbewijs", "Identiteitsbewijs";
        /// A place to live.
        Onderdak => "onderdak", "Onderdak";
        /// Income (work or benefit).
        Inkomen => "inkomen", "Inkomen";
        /// Debts in view and arranged.
        Schulden => "schulden", "Schulden";
        /// Care (health insurance, GGZ, verslavingszorg).
        Zorg => "zorg", "Zorg";
        /// Work or daytime activity.
        Werk => "werk", "Werk";
        /// Social network.
        SociaalNetwerk => "sociaal_netwerk", "Sociaal netwerk";
    }
}

code_enum! {
    /// Where the aanbod of one leefgebied stands.
    AanbodStatus, "aanbodstatus" {
        /// Arranged.
        Geregeld => "geregeld", "Geregeld";
        /// In progress.
        Bezig => "bezig", "Bezig";
        /// The person refused it.
        Geweigerd => "geweigerd", "Geweigerd";
        /// Not needed.
        NietNodig => "niet_nodig", "Niet nodig";
    }
}

/// A step a user takes on a melding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeldingStap {
    /// A source was asked or answered.
    Verrijken,
    /// A route was chosen.
    Triage,
    /// Handed over to the gemeente.
    Overdragen,
    /// Turned into a casus.
    Omzetten,
}

/// A step on a melding that its status does not allow.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MeldingFout {
    /// Triage before any source answered.
    #[error("melding is not enriched yet")]
    NietVerrijkt,
    /// Handing over or converting before triage.
    #[error("melding is not triaged yet")]
    NietGetrieerd(MeldingStap),
    /// Only a melding triaged to the ZVH becomes a casus.
    #[error("melding is triaged to {0:?}, not to the ZVH")]
    RouteNietZvh(TriageRoute),
    /// The melding was already handed over or converted: its steps are closed.
    #[error("melding is already {0:?}")]
    Afgerond(MeldingStatus),
    /// The real release date lies before the start of the detention.
    #[error("release before start of detention")]
    UitstroomVoorStart,
}

/// The status after `stap` on a melding in `status` (with route `route` once triaged), or
/// why the step is not allowed. Enriching never lowers a status: a source that answers
/// after triage is recorded, the melding stays triaged. Triage may be repeated (a changed
/// route) until the melding is handed over or converted.
pub fn volgende_status(
    status: MeldingStatus,
    route: Option<TriageRoute>,
    stap: MeldingStap,
    beantwoord: bool,
) -> Result<MeldingStatus, MeldingFout> {
    use MeldingStatus as S;
    if matches!(status, S::Overgedragen | S::Omgezet) {
        return Err(MeldingFout::Afgerond(status));
    }
    match stap {
        MeldingStap::Verrijken => Ok(match status {
            S::Ontvangen if beantwoord => S::Verrijkt,
            ander => ander,
        }),
        MeldingStap::Triage => match status {
            S::Ontvangen => Err(MeldingFout::NietVerrijkt),
            _ => Ok(S::Getrieerd),
        },
        MeldingStap::Overdragen => match status {
            S::Getrieerd => Ok(S::Overgedragen),
            _ => Err(MeldingFout::NietGetrieerd(stap)),
        },
        MeldingStap::Omzetten => match (status, route) {
            (S::Getrieerd, Some(TriageRoute::Zvh)) => Ok(S::Omgezet),
            (S::Getrieerd, Some(r)) => Err(MeldingFout::RouteNietZvh(r)),
            _ => Err(MeldingFout::NietGetrieerd(stap)),
        },
    }
}

/// Days until the expected release from `vandaag` (negative: already past).
pub fn dagen_tot_uitstroom(verwacht: chrono::NaiveDate, vandaag: chrono::NaiveDate) -> i64 {
    (verwacht - vandaag).num_days()
}

/// The melding is still open and the person is expected to leave within `dagen` days
/// (today included; an expected date already past counts as well: nothing is arranged yet).
pub fn uitstroom_binnen(
    status: MeldingStatus,
    verwacht: Option<chrono::NaiveDate>,
    vandaag: chrono::NaiveDate,
    dagen: i64,
) -> bool {
    let open = !matches!(status, MeldingStatus::Overgedragen | MeldingStatus::Omgezet);
    open && verwacht.is_some_and(|d| dagen_tot_uitstroom(d, vandaag) <= dagen)
}

/// "Uitstroom binnen 4 weken": the window highlights these.
pub const SIGNAAL_DAGEN: i64 = 28;

/// Fixed namespace of the derived ids of checklist and aanbod rows (never change it).
const NAAMRUIMTE: uuid::Uuid = uuid::Uuid::from_u128(0x8d1e_22a4_6b0c_4f5e_9a31_7c2d_4e6f_b013);

/// The id of the row of `soort` ("bron", "aanbod", "casus_aanbod") `code` under `eigenaar`:
/// the same on every device, so two devices that record the same source or leefgebied
/// write one row (at worst a field conflict), never two.
pub fn afgeleid_id(soort: &str, eigenaar: &str, code: &str) -> String {
    uuid::Uuid::new_v5(&NAAMRUIMTE, format!("{soort}\u{1f}{eigenaar}\u{1f}{code}").as_bytes()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use MeldingStap as Stap;
    use MeldingStatus as S;

    #[test]
    fn the_happy_path_runs_ontvangen_verrijkt_getrieerd_overgedragen() {
        let s = volgende_status(S::Ontvangen, None, Stap::Verrijken, false).unwrap();
        assert_eq!(s, S::Ontvangen, "asking without an answer does not enrich");
        let s = volgende_status(s, None, Stap::Verrijken, true).unwrap();
        assert_eq!(s, S::Verrijkt);
        let s = volgende_status(s, None, Stap::Triage, false).unwrap();
        assert_eq!(s, S::Getrieerd);
        assert_eq!(volgende_status(s, Some(TriageRoute::Lokaal), Stap::Overdragen, false), Ok(S::Overgedragen));
        assert_eq!(volgende_status(s, Some(TriageRoute::Zvh), Stap::Omzetten, false), Ok(S::Omgezet));
    }

    #[test]
    fn invalid_steps_are_refused_with_their_reason() {
        assert_eq!(volgende_status(S::Ontvangen, None, Stap::Triage, false), Err(MeldingFout::NietVerrijkt));
        assert_eq!(
            volgende_status(S::Verrijkt, None, Stap::Overdragen, false),
            Err(MeldingFout::NietGetrieerd(Stap::Overdragen))
        );
        assert_eq!(
            volgende_status(S::Getrieerd, Some(TriageRoute::Lokaal), Stap::Omzetten, false),
            Err(MeldingFout::RouteNietZvh(TriageRoute::Lokaal))
        );
        for eind in [S::Overgedragen, S::Omgezet] {
            for stap in [Stap::Verrijken, Stap::Triage, Stap::Overdragen, Stap::Omzetten] {
                assert_eq!(volgende_status(eind, Some(TriageRoute::Zvh), stap, true), Err(MeldingFout::Afgerond(eind)));
            }
        }
        // Enriching after triage keeps the melding triaged; triage may be repeated.
        assert_eq!(volgende_status(S::Getrieerd, None, Stap::Verrijken, true), Ok(S::Getrieerd));
        assert_eq!(volgende_status(S::Getrieerd, None, Stap::Triage, false), Ok(S::Getrieerd));
    }

    #[test]
    fn codes_are_stable_and_parse_with_dashes() {
        assert_eq!(AanbodStatus::parse("niet-nodig").unwrap(), AanbodStatus::NietNodig);
        assert_eq!(AanbodGebied::parse("Sociaal netwerk").unwrap(), AanbodGebied::SociaalNetwerk);
        assert_eq!(AanbodGebied::ALLE.len(), 7);
        assert_eq!(TriageRoute::parse("ZVH").unwrap().code(), "zvh");
        assert_eq!(Informatiebron::parse("DJI").unwrap().label(), "DJI");
    }

    #[test]
    fn uitstroom_binnen_counts_open_meldingen_up_to_the_limit() {
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let vandaag = d("2026-12-01");
        assert!(uitstroom_binnen(S::Verrijkt, Some(d("2026-12-29")), vandaag, SIGNAAL_DAGEN));
        assert!(!uitstroom_binnen(S::Verrijkt, Some(d("2026-12-30")), vandaag, SIGNAAL_DAGEN));
        assert!(!uitstroom_binnen(S::Overgedragen, Some(d("2026-12-02")), vandaag, SIGNAAL_DAGEN));
        assert!(!uitstroom_binnen(S::Ontvangen, None, vandaag, SIGNAAL_DAGEN));
    }

    #[test]
    fn derived_ids_are_the_same_for_the_same_owner_and_code() {
        assert_eq!(afgeleid_id("aanbod", "m1", "onderdak"), afgeleid_id("aanbod", "m1", "onderdak"));
        assert_ne!(afgeleid_id("aanbod", "m1", "onderdak"), afgeleid_id("casus_aanbod", "m1", "onderdak"));
    }
}

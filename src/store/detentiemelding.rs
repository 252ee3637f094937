//! Detentiemeldingen and the aanbod per leefgebied (issue 22): storage, the steps of a
//! melding, conversion into a nazorg casus, and removal (by the user, or after the
//! retention term of a melding that never became a casus).
//!
//! A melding has no casus: it is its own scope. Every operation on the melding and on its
//! rows carries the melding id in the change log's casus column (`DETENTIEMELDING` has
//! scope column `id`, its rows `melding_id`), and `Store::recht_van_collega` gives a
//! trajectbegeleider the meldingen they are behandelaar of, so sync, compaction and the
//! bundle recipients recorded for inzage all follow the behandelaar.

use super::casus::{datum_tekst, lijst_zoek, vandaag};
use super::schrijven::{self as s, getal, nieuw_id, tekst, tekst_of_null};
use super::{NieuweBetrokkene, NieuweCasus, NieuweDetentie, Resultaat, Store, StoreFout};
use crate::domain::detentiemelding::{afgeleid_id, uitstroom_binnen, volgende_status};
use crate::domain::{
    AanbodGebied, AanbodStatus, Bsn, Casusnummer, DomeinFout, Informatiebron, MeldingFout, MeldingStap, MeldingStatus,
    Rol, TriageRoute, verplicht,
};
use chrono::{Months, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

/// Months a melding that never became a casus is kept after its overdracht, unless this
/// device set another term ([`Store::zet_melding_bewaartermijn`]).
pub const MELDING_BEWAARTERMIJN_MAANDEN: u32 = 12;

/// The `instelling` key of the melding retention term: a local setting of this device, as
/// the casus terms per thema are (`store::bewaren`).
const MELDING_TERMIJN_SLEUTEL: &str = "bewaartermijn-melding";

/// The thema a converted melding's casus gets.
const THEMA_NAZORG: &str = "thema-nazorg";

/// A new detentiemelding as entered.
#[derive(Debug, Clone, Default)]
pub struct NieuweMelding {
    /// Behandelaar: medewerker id, 8+ prefix or unique name (required).
    pub behandelaar: String,
    /// Full name of the detained person (required).
    pub naam: String,
    /// Birth date (required).
    pub geboortedatum: Option<NaiveDate>,
    /// BSN, checked with the elfproef.
    pub bsn: Option<String>,
    /// Who sent the melding.
    pub bron: Option<Informatiebron>,
    /// Institution (required).
    pub inrichting: String,
    /// Start of the detention.
    pub startdatum: Option<NaiveDate>,
    /// Expected release.
    pub einddatum_verwacht: Option<NaiveDate>,
    /// Zelfmelder.
    pub zelfmelder: bool,
    /// Kortgestrafte.
    pub kortgestrafte: bool,
    /// Gemeente van herkomst: id or name from the gemeente list.
    pub gemeente: Option<String>,
    /// Date received (default today).
    pub ontvangen_op: Option<NaiveDate>,
}

/// A correction of a melding; `None` leaves a field unchanged, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct MeldingWijziging {
    /// Behandelaar (reassignment): medewerker id, prefix or name.
    pub behandelaar: Option<String>,
    /// Full name.
    pub naam: Option<String>,
    /// Birth date.
    pub geboortedatum: Option<NaiveDate>,
    /// BSN.
    pub bsn: Option<Option<String>>,
    /// Source of the melding.
    pub bron: Option<Informatiebron>,
    /// Institution.
    pub inrichting: Option<String>,
    /// Start of the detention.
    pub startdatum: Option<Option<NaiveDate>>,
    /// Expected release.
    pub einddatum_verwacht: Option<Option<NaiveDate>>,
    /// Real release.
    pub einddatum_werkelijk: Option<Option<NaiveDate>>,
    /// Zelfmelder.
    pub zelfmelder: Option<bool>,
    /// Kortgestrafte.
    pub kortgestrafte: Option<bool>,
    /// Gemeente van herkomst (id or name).
    pub gemeente: Option<Option<String>>,
}

/// One melding in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeldingRegel {
    /// Record id.
    pub id: String,
    /// Name of the person.
    pub naam: String,
    /// Institution.
    pub inrichting: String,
    /// Expected release `JJJJ-MM-DD`.
    pub einddatum_verwacht: Option<String>,
    /// Status.
    pub status: MeldingStatus,
    /// Route chosen at triage.
    pub route: Option<TriageRoute>,
    /// Gemeente van herkomst (name).
    pub gemeente: Option<String>,
    /// Behandelaar (name).
    pub behandelaar: Option<String>,
    /// Open and expected to leave within four weeks.
    pub uitstroom_binnenkort: bool,
}

/// One source of the enrichment checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeldingBron {
    /// The source.
    pub bron: Informatiebron,
    /// Asked on `JJJJ-MM-DD`.
    pub gevraagd_op: Option<String>,
    /// Answered on `JJJJ-MM-DD`.
    pub beantwoord_op: Option<String>,
    /// The answer.
    pub antwoord: String,
}

/// The aanbod of one leefgebied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Aanbod {
    /// Leefgebied.
    pub leefgebied: AanbodGebied,
    /// Status.
    pub status: AanbodStatus,
    /// Date of the status `JJJJ-MM-DD`.
    pub datum: String,
    /// Explanation.
    pub toelichting: String,
}

/// Everything about one melding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeldingDetail {
    /// Record id.
    pub id: String,
    /// Behandelaar medewerker id.
    pub behandelaar_id: Option<String>,
    /// Behandelaar name.
    pub behandelaar: Option<String>,
    /// Received on.
    pub ontvangen_op: String,
    /// Name.
    pub naam: String,
    /// Birth date.
    pub geboortedatum: Option<String>,
    /// BSN.
    pub bsn: Option<String>,
    /// Source of the melding.
    pub bron: Informatiebron,
    /// Institution.
    pub inrichting: String,
    /// Start of detention.
    pub startdatum: Option<String>,
    /// Expected release.
    pub einddatum_verwacht: Option<String>,
    /// Real release.
    pub einddatum_werkelijk: Option<String>,
    /// Zelfmelder.
    pub zelfmelder: bool,
    /// Kortgestrafte.
    pub kortgestrafte: bool,
    /// Gemeente van herkomst (name).
    pub gemeente: Option<String>,
    /// Status.
    pub status: MeldingStatus,
    /// Route.
    pub route: Option<TriageRoute>,
    /// Reason of the triage.
    pub triage_reden: String,
    /// Triaged on.
    pub getrieerd_op: Option<String>,
    /// Contact it was handed over to (name, organisation).
    pub overdracht_contact: Option<String>,
    /// Warm overdracht.
    pub overdracht_warm: bool,
    /// Handed over on.
    pub overgedragen_op: Option<String>,
    /// Casusnummer it became (when this device holds that casus).
    pub casusnummer: Option<String>,
    /// Converted on.
    pub omgezet_op: Option<String>,
    /// The enrichment checklist.
    pub bronnen: Vec<MeldingBron>,
    /// Aanbod per leefgebied (only the leefgebieden with a status).
    pub aanbod: Vec<Aanbod>,
    /// Notes, such as the reports of PI-bezoeken, oldest first.
    pub notities: Vec<super::MeldingNotitie>,
}

/// A melding past its retention term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeldingBewaarstatus {
    /// Record id.
    pub id: String,
    /// Name.
    pub naam: String,
    /// Handed over on.
    pub overgedragen_op: NaiveDate,
    /// Kept until (inclusive).
    pub termijn_tot: NaiveDate,
}

fn datum_of_null(d: Option<NaiveDate>) -> Value {
    tekst_of_null(d.map(datum_tekst))
}

fn parse_datum(t: Option<String>) -> Option<NaiveDate> {
    t.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}

/// The melding id for an id or its unique start (8+ characters).
pub(crate) fn melding_id(conn: &Connection, invoer: &str) -> Resultaat<String> {
    let t = invoer.trim().to_lowercase();
    let onbekend = || StoreFout::Onbekend { tabel: "detentiemelding", id: invoer.trim().to_string() };
    if t.len() < 8 {
        return Err(onbekend());
    }
    let ids: Vec<String> = conn
        .prepare_cached("SELECT id FROM detentiemelding WHERE id LIKE ?1 || '%' ORDER BY id")?
        .query_map([&t], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    match ids.len() {
        0 => Err(onbekend()),
        1 => Ok(ids.into_iter().next().unwrap_or_default()),
        n => {
            if let Some(exact) = ids.iter().find(|i| **i == t) {
                return Ok(exact.clone());
            }
            Err(StoreFout::Dubbelzinnig { tabel: "detentiemelding", id: t, aantal: n })
        }
    }
}

fn controleer_bsn(bsn: Option<&str>) -> Resultaat<Option<String>> {
    Ok(bsn.filter(|b| !b.trim().is_empty()).map(Bsn::parse).transpose()?.map(|b| b.as_str().to_string()))
}

fn niet_in_toekomst(veld: &'static str, d: NaiveDate) -> Resultaat<()> {
    if d > vandaag() {
        return Err(DomeinFout::DatumInToekomst { veld, datum: datum_tekst(d) }.into());
    }
    Ok(())
}

/// The status and route of a melding.
fn stand(conn: &Connection, id: &str) -> Resultaat<(MeldingStatus, Option<TriageRoute>)> {
    let (status, route): (String, Option<String>) = conn
        .query_row("SELECT status, route FROM detentiemelding WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| StoreFout::Onbekend { tabel: "detentiemelding", id: id.to_string() })?;
    Ok((MeldingStatus::parse(&status)?, route.as_deref().map(TriageRoute::parse).transpose()?))
}

pub(crate) fn aanbod_lijst(conn: &Connection, tabel: &str, kolom: &str, eigenaar: &str) -> Resultaat<Vec<Aanbod>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT leefgebied, status, datum, toelichting FROM {tabel} WHERE {kolom} = ?1 ORDER BY leefgebied"
    ))?;
    let rijen: Vec<(String, String, String, String)> =
        stmt.query_map([eigenaar], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<Result<_, _>>()?;
    let mut uit = Vec::new();
    for (g, st, datum, toelichting) in rijen {
        // A code of a newer version is left out rather than failing the whole list.
        if let (Ok(leefgebied), Ok(status)) = (AanbodGebied::parse(&g), AanbodStatus::parse(&st)) {
            uit.push(Aanbod { leefgebied, status, datum, toelichting });
        }
    }
    uit.sort_by_key(|a| AanbodGebied::ALLE.iter().position(|g| *g == a.leefgebied));
    Ok(uit)
}

/// The dates and labels of one melding that the kengetallen need.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MeldingCijfers {
    /// Gemeente van herkomst (empty when unknown).
    pub gemeente: String,
    /// Received on.
    pub ontvangen_op: Option<NaiveDate>,
    /// Triaged on.
    pub getrieerd_op: Option<NaiveDate>,
    /// Route chosen.
    pub route: Option<TriageRoute>,
    /// Real release.
    pub uitstroom: Option<NaiveDate>,
    /// Leefgebieden arranged (status geregeld, dated on or before the release), on the
    /// melding or, once converted, on its casus.
    pub geregeld: Vec<AanbodGebied>,
}

/// The kengetallen of detentiemeldingen and nazorg for a period (both ends included).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct MeldingKengetallen {
    /// Meldingen received in the period.
    pub meldingen: u32,
    /// Those per gemeente van herkomst, most first.
    pub per_gemeente: Vec<super::Telling>,
    /// Triages in the period per route, in the order of the routes.
    pub per_route: Vec<super::Telling>,
    /// Median days from melding to triage (triages in the period).
    pub mediaan_melding_triage: Option<f64>,
    /// Triages behind that median.
    pub aantal_triages: u32,
    /// Persons released in the period (real release date).
    pub uitgestroomd: u32,
    /// Of those, with an identiteitsbewijs arranged at release.
    pub met_identiteitsbewijs: u32,
    /// Of those, with onderdak arranged at release.
    pub met_onderdak: u32,
    /// Of those, with inkomen arranged at release.
    pub met_inkomen: u32,
}

/// Count the melding figures for `van..=tot`.
pub fn bereken_meldingen(rijen: &[MeldingCijfers], van: NaiveDate, tot: NaiveDate) -> MeldingKengetallen {
    let binnen = |d: Option<NaiveDate>| d.is_some_and(|d| d >= van && d <= tot);
    let nieuw: Vec<&MeldingCijfers> = rijen.iter().filter(|m| binnen(m.ontvangen_op)).collect();
    let mut per_gemeente: std::collections::BTreeMap<String, u32> = Default::default();
    for m in &nieuw {
        let g = if m.gemeente.is_empty() { "(onbekend)".to_string() } else { m.gemeente.clone() };
        *per_gemeente.entry(g).or_default() += 1;
    }
    let mut per_gemeente: Vec<super::Telling> =
        per_gemeente.into_iter().map(|(label, aantal)| super::Telling { label, aantal }).collect();
    per_gemeente.sort_by(|a, b| b.aantal.cmp(&a.aantal).then_with(|| a.label.cmp(&b.label)));
    let getrieerd: Vec<&MeldingCijfers> = rijen.iter().filter(|m| binnen(m.getrieerd_op)).collect();
    let per_route = TriageRoute::ALLE
        .iter()
        .map(|r| super::Telling {
            label: r.label().to_string(),
            aantal: getrieerd.iter().filter(|m| m.route == Some(*r)).count() as u32,
        })
        .collect();
    let mut dagen: Vec<i64> =
        getrieerd.iter().filter_map(|m| Some((m.getrieerd_op? - m.ontvangen_op?).num_days())).collect();
    let uit: Vec<&MeldingCijfers> = rijen.iter().filter(|m| binnen(m.uitstroom)).collect();
    let met = |g: AanbodGebied| uit.iter().filter(|m| m.geregeld.contains(&g)).count() as u32;
    MeldingKengetallen {
        meldingen: nieuw.len() as u32,
        per_gemeente,
        per_route,
        aantal_triages: dagen.len() as u32,
        mediaan_melding_triage: super::kengetallen::mediaan(&mut dagen),
        uitgestroomd: uit.len() as u32,
        met_identiteitsbewijs: met(AanbodGebied::Identiteitsbewijs),
        met_onderdak: met(AanbodGebied::Onderdak),
        met_inkomen: met(AanbodGebied::Inkomen),
    }
}

impl Store {
    /// The rows behind the melding kengetallen: every melding with its dates, route and
    /// the leefgebieden arranged at release.
    pub fn melding_cijfers(&self) -> Resultaat<Vec<MeldingCijfers>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, coalesce(g.naam, ''), d.ontvangen_op, d.getrieerd_op, d.route, d.einddatum_werkelijk,
                    d.omgezet_casus_id
             FROM detentiemelding d LEFT JOIN gemeente g ON g.id = d.gemeente_id",
        )?;
        type Ruw = (String, String, String, Option<String>, Option<String>, Option<String>, Option<String>);
        let rijen: Vec<Ruw> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))?
            .collect::<Result<_, _>>()?;
        let mut aanbod = self.conn.prepare_cached(
            "SELECT leefgebied, datum FROM melding_aanbod WHERE melding_id = ?1 AND status = 'geregeld'
             UNION ALL
             SELECT leefgebied, datum FROM casus_aanbod WHERE casus_id = ?2 AND status = 'geregeld'",
        )?;
        let mut uit = Vec::new();
        for (id, gemeente, ontvangen, getrieerd, route, uitstroom, casus) in rijen {
            let uitstroom = parse_datum(uitstroom);
            let geregeld: Vec<(String, String)> =
                aanbod.query_map((&id, &casus), |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
            let mut gebieden: Vec<AanbodGebied> = geregeld
                .into_iter()
                .filter(|(_, d)| match (uitstroom, parse_datum(Some(d.clone()))) {
                    (Some(u), Some(d)) => d <= u,
                    _ => false,
                })
                .filter_map(|(g, _)| AanbodGebied::parse(&g).ok())
                .collect();
            gebieden.dedup();
            uit.push(MeldingCijfers {
                gemeente,
                ontvangen_op: parse_datum(Some(ontvangen)),
                getrieerd_op: parse_datum(getrieerd),
                route: route.as_deref().and_then(|r| TriageRoute::parse(r).ok()),
                uitstroom,
                geregeld: gebieden,
            });
        }
        Ok(uit)
    }

    /// Register a detentiemelding. Name, birth date, institution and behandelaar are
    /// required; a BSN must pass the elfproef; the gemeente comes from the gemeente list.
    pub fn melding_toevoegen(&mut self, n: NieuweMelding) -> Resultaat<String> {
        let naam = verplicht("naam", &n.naam)?;
        let geboortedatum = n.geboortedatum.ok_or(DomeinFout::Verplicht("geboortedatum"))?;
        niet_in_toekomst("geboortedatum", geboortedatum)?;
        let inrichting = verplicht("inrichting", &n.inrichting)?;
        let bsn = controleer_bsn(n.bsn.as_deref())?;
        if let (Some(a), Some(b)) = (n.startdatum, n.einddatum_verwacht)
            && b < a
        {
            return Err(DomeinFout::Melding(MeldingFout::UitstroomVoorStart).into());
        }
        let ontvangen = n.ontvangen_op.unwrap_or_else(vandaag);
        niet_in_toekomst("ontvangen op", ontvangen)?;
        verplicht("behandelaar", &n.behandelaar)?;
        let behandelaar = super::medewerker::zoek(&self.conn, &n.behandelaar)?.id;
        let gemeente = match n.gemeente.as_deref().filter(|g| !g.trim().is_empty()) {
            Some(g) => Some(lijst_zoek(&self.conn, "gemeente", "gemeente-", g)?),
            None => None,
        };
        let id = nieuw_id();
        let mut w = self.schrijver()?;
        w.nieuw(
            &s::DETENTIEMELDING,
            &id,
            &[
                ("behandelaar_id", tekst(behandelaar)),
                ("ontvangen_op", tekst(datum_tekst(ontvangen))),
                ("naam", tekst(naam)),
                ("geboortedatum", tekst(datum_tekst(geboortedatum))),
                ("bsn", tekst_of_null(bsn)),
                ("bron", tekst(n.bron.unwrap_or(Informatiebron::Dji).code())),
                ("inrichting", tekst(inrichting)),
                ("startdatum", datum_of_null(n.startdatum)),
                ("einddatum_verwacht", datum_of_null(n.einddatum_verwacht)),
                ("zelfmelder", getal(n.zelfmelder)),
                ("kortgestrafte", getal(n.kortgestrafte)),
                ("gemeente_id", tekst_of_null(gemeente)),
                ("status", tekst(MeldingStatus::Ontvangen.code())),
            ],
        )?;
        w.commit()?;
        Ok(id)
    }

    /// Correct the fields of a melding (or hand it to another behandelaar), with the same
    /// checks as on creation. The reason is kept in the audit entry of the change.
    pub fn melding_wijzig(&mut self, melding: &str, w: &MeldingWijziging, reden: &str) -> Resultaat<usize> {
        let reden = verplicht("reden", reden)?;
        let id = melding_id(&self.conn, melding)?;
        let mut velden: Vec<(&str, Value)> = Vec::new();
        if let Some(b) = &w.behandelaar {
            velden.push(("behandelaar_id", tekst(super::medewerker::zoek(&self.conn, b)?.id)));
        }
        if let Some(n) = &w.naam {
            velden.push(("naam", tekst(verplicht("naam", n)?)));
        }
        if let Some(d) = w.geboortedatum {
            niet_in_toekomst("geboortedatum", d)?;
            velden.push(("geboortedatum", tekst(datum_tekst(d))));
        }
        if let Some(b) = &w.bsn {
            velden.push(("bsn", tekst_of_null(controleer_bsn(b.as_deref())?)));
        }
        if let Some(b) = w.bron {
            velden.push(("bron", tekst(b.code())));
        }
        if let Some(i) = &w.inrichting {
            velden.push(("inrichting", tekst(verplicht("inrichting", i)?)));
        }
        let (start, verwacht, werkelijk): (Option<String>, Option<String>, Option<String>) = self.conn.query_row(
            "SELECT startdatum, einddatum_verwacht, einddatum_werkelijk FROM detentiemelding WHERE id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let start = w.startdatum.unwrap_or(parse_datum(start));
        let verwacht = w.einddatum_verwacht.unwrap_or(parse_datum(verwacht));
        let werkelijk = w.einddatum_werkelijk.unwrap_or(parse_datum(werkelijk));
        if let Some(a) = start
            && (verwacht.is_some_and(|b| b < a) || werkelijk.is_some_and(|b| b < a))
        {
            return Err(DomeinFout::Melding(MeldingFout::UitstroomVoorStart).into());
        }
        if let Some(d) = werkelijk {
            niet_in_toekomst("werkelijke uitstroom", d)?;
        }
        if w.startdatum.is_some() {
            velden.push(("startdatum", datum_of_null(start)));
        }
        if w.einddatum_verwacht.is_some() {
            velden.push(("einddatum_verwacht", datum_of_null(verwacht)));
        }
        if w.einddatum_werkelijk.is_some() {
            velden.push(("einddatum_werkelijk", datum_of_null(werkelijk)));
        }
        if let Some(z) = w.zelfmelder {
            velden.push(("zelfmelder", getal(z)));
        }
        if let Some(k) = w.kortgestrafte {
            velden.push(("kortgestrafte", getal(k)));
        }
        if let Some(g) = &w.gemeente {
            let g = match g.as_deref().filter(|g| !g.trim().is_empty()) {
                Some(g) => Some(lijst_zoek(&self.conn, "gemeente", "gemeente-", g)?),
                None => None,
            };
            velden.push(("gemeente_id", tekst_of_null(g)));
        }
        let mut s_ = self.schrijver()?;
        let n = s_.wijzig(&s::DETENTIEMELDING, &id, &velden)?;
        if n > 0 {
            let apparaat = s_.apparaat().to_string();
            s_.audit_toelichting(&apparaat, s::handeling::WIJZIGEN, (s::DETENTIEMELDING.naam, &id), Some(&id), &reden)?;
        }
        s_.commit()?;
        Ok(n)
    }

    /// Record that a source was asked (`antwoord` `None`) or answered. The first answer
    /// makes an ontvangen melding verrijkt. Returns the melding's status afterwards.
    pub fn melding_verrijk(
        &mut self,
        melding: &str,
        bron: Informatiebron,
        antwoord: Option<&str>,
    ) -> Resultaat<MeldingStatus> {
        let id = melding_id(&self.conn, melding)?;
        let antwoord = antwoord.map(str::trim).filter(|a| !a.is_empty());
        let (status, route) = stand(&self.conn, &id)?;
        let nieuw = volgende_status(status, route, MeldingStap::Verrijken, antwoord.is_some())?;
        let rij = afgeleid_id("bron", &id, bron.code());
        let vandaag = tekst(datum_tekst(vandaag()));
        let bestaat: Option<Option<String>> = self
            .conn
            .query_row("SELECT gevraagd_op FROM meldingbron WHERE id = ?1", [&rij], |r| r.get(0))
            .optional()?;
        let mut w = self.schrijver()?;
        match bestaat {
            None => {
                let mut velden =
                    vec![("melding_id", tekst(&id)), ("bron", tekst(bron.code())), ("gevraagd_op", vandaag.clone())];
                if let Some(a) = antwoord {
                    velden.push(("beantwoord_op", vandaag));
                    velden.push(("antwoord", tekst(a)));
                }
                w.nieuw(&s::MELDINGBRON, &rij, &velden)?;
            }
            Some(gevraagd) => {
                let mut velden = Vec::new();
                if gevraagd.is_none() {
                    velden.push(("gevraagd_op", vandaag.clone()));
                }
                if let Some(a) = antwoord {
                    velden.push(("beantwoord_op", vandaag));
                    velden.push(("antwoord", tekst(a)));
                }
                w.wijzig(&s::MELDINGBRON, &rij, &velden)?;
            }
        }
        if nieuw != status {
            w.wijzig(&s::DETENTIEMELDING, &id, &[("status", tekst(nieuw.code()))])?;
        }
        w.commit()?;
        Ok(nieuw)
    }

    /// Triage: choose the route with a reason (required). Allowed once the melding is
    /// verrijkt, and again (a changed route) until it is handed over or converted.
    pub fn melding_triage(&mut self, melding: &str, route: TriageRoute, reden: &str) -> Resultaat<()> {
        let reden = verplicht("reden", reden)?;
        let id = melding_id(&self.conn, melding)?;
        let (status, huidig) = stand(&self.conn, &id)?;
        let nieuw = volgende_status(status, huidig, MeldingStap::Triage, false)?;
        let mut w = self.schrijver()?;
        w.wijzig(
            &s::DETENTIEMELDING,
            &id,
            &[
                ("status", tekst(nieuw.code())),
                ("route", tekst(route.code())),
                ("triage_reden", tekst(reden)),
                ("getrieerd_op", tekst(datum_tekst(vandaag()))),
            ],
        )?;
        w.commit()
    }

    /// Hand a triaged melding over to a contact (of the gemeente), warm or not.
    pub fn melding_overdragen(&mut self, melding: &str, contact_id: &str, warm: bool) -> Resultaat<()> {
        let id = melding_id(&self.conn, melding)?;
        let contact = self.contact(contact_id.trim())?;
        if contact.gearchiveerd {
            return Err(StoreFout::Gearchiveerd { tabel: "contactpersoon", naam: contact.naam });
        }
        let (status, route) = stand(&self.conn, &id)?;
        let nieuw = volgende_status(status, route, MeldingStap::Overdragen, false)?;
        let mut w = self.schrijver()?;
        w.wijzig(
            &s::DETENTIEMELDING,
            &id,
            &[
                ("status", tekst(nieuw.code())),
                ("overdracht_contact_id", tekst(contact.id)),
                ("overdracht_warm", getal(warm)),
                ("overgedragen_op", tekst(datum_tekst(vandaag()))),
            ],
        )?;
        w.commit()
    }

    /// Turn a melding triaged to the ZVH into a nazorg casus (thema Nazorg): the person
    /// becomes its hoofdpersoon with the detention, the gemeente and the aanbod carried
    /// over, a trajectbegeleider behandelaar becomes its trajectbegeleider. One
    /// transaction: a refused step leaves nothing behind. Returns the casusnummer.
    pub fn melding_omzetten(&mut self, melding: &str, werknaam: Option<&str>) -> Resultaat<Casusnummer> {
        let id = melding_id(&self.conn, melding)?;
        let (status, route) = stand(&self.conn, &id)?;
        volgende_status(status, route, MeldingStap::Omzetten, false)?;
        let d = self.melding_lezen(&id)?;
        let trajectbegeleider = match &d.behandelaar_id {
            Some(b) => {
                let m = super::medewerker::zoek(&self.conn, b)?;
                if m.rol == crate::domain::MedewerkerRol::Trajectbegeleider { m.id } else { String::new() }
            }
            None => String::new(),
        };
        let gemeente_id: Option<String> =
            self.conn.query_row("SELECT gemeente_id FROM detentiemelding WHERE id = ?1", [&id], |r| r.get(0))?;
        let werknaam = werknaam
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| format!("Nazorg {}", crate::domain::initialen(&d.naam)));
        self.batch(|s_| {
            let nummer = s_.aanmelding(
                NieuweCasus {
                    werknaam,
                    thema: THEMA_NAZORG.into(),
                    trajectbegeleider,
                    vraag: format!("Nazorg na detentie in {} (uit detentiemelding).", d.inrichting),
                    ..Default::default()
                },
                Some(NieuweBetrokkene {
                    naam: d.naam.clone(),
                    geboortedatum: parse_datum(d.geboortedatum.clone()),
                    rol: Rol::Hoofdpersoon,
                    bsn: d.bsn.clone(),
                    initialen: None,
                }),
            )?;
            let casus_id = super::casus::casus_id(&s_.conn, &nummer.to_string())?;
            let betrokkene: String =
                s_.conn.query_row("SELECT id FROM betrokkene WHERE casus_id = ?1", [&casus_id], |r| r.get(0))?;
            s_.detentie_toevoegen(
                &betrokkene,
                NieuweDetentie {
                    inrichting: d.inrichting.clone(),
                    startdatum: parse_datum(d.startdatum.clone()),
                    einddatum_verwacht: parse_datum(d.einddatum_verwacht.clone()),
                    zelfmelder: d.zelfmelder,
                    kortgestrafte: d.kortgestrafte,
                },
            )?;
            let mut w = s_.schrijver()?;
            if let Some(g) = gemeente_id {
                w.wijzig(&s::CASUS, &casus_id, &[("gemeente_id", tekst(g))])?;
            }
            for a in &d.aanbod {
                w.nieuw(
                    &s::CASUS_AANBOD,
                    &afgeleid_id("casus_aanbod", &casus_id, a.leefgebied.code()),
                    &[
                        ("casus_id", tekst(&casus_id)),
                        ("leefgebied", tekst(a.leefgebied.code())),
                        ("status", tekst(a.status.code())),
                        ("datum", tekst(&a.datum)),
                        ("toelichting", tekst(&a.toelichting)),
                    ],
                )?;
            }
            w.wijzig(
                &s::DETENTIEMELDING,
                &id,
                &[
                    ("status", tekst(MeldingStatus::Omgezet.code())),
                    ("omgezet_casus_id", tekst(&casus_id)),
                    ("omgezet_op", tekst(datum_tekst(vandaag()))),
                ],
            )?;
            w.commit()?;
            Ok(nummer)
        })
    }

    /// Set the aanbod of one leefgebied on a melding (date default today).
    pub fn melding_aanbod(
        &mut self,
        melding: &str,
        leefgebied: AanbodGebied,
        status: AanbodStatus,
        datum: Option<NaiveDate>,
        toelichting: &str,
    ) -> Resultaat<()> {
        let id = melding_id(&self.conn, melding)?;
        let (st, _) = stand(&self.conn, &id)?;
        if st == MeldingStatus::Omgezet {
            // The aanbod lives on in the casus now.
            return Err(DomeinFout::Melding(MeldingFout::Afgerond(st)).into());
        }
        self.aanbod_zetten(&s::MELDING_AANBOD, "melding_id", &id, (leefgebied, status, datum), toelichting)
    }

    /// Set the aanbod of one leefgebied on a (nazorg) casus (date default today).
    pub fn casus_aanbod(
        &mut self,
        nummer: &str,
        leefgebied: AanbodGebied,
        status: AanbodStatus,
        datum: Option<NaiveDate>,
        toelichting: &str,
    ) -> Resultaat<()> {
        let id = super::casus::casus_id(&self.conn, nummer)?;
        self.aanbod_zetten(&s::CASUS_AANBOD, "casus_id", &id, (leefgebied, status, datum), toelichting)
    }

    fn aanbod_zetten(
        &mut self,
        t: &'static s::Tabel,
        kolom: &'static str,
        eigenaar: &str,
        (leefgebied, status, datum): (AanbodGebied, AanbodStatus, Option<NaiveDate>),
        toelichting: &str,
    ) -> Resultaat<()> {
        let datum = datum.unwrap_or_else(vandaag);
        niet_in_toekomst("datum", datum)?;
        let soort = if kolom == "casus_id" { "casus_aanbod" } else { "aanbod" };
        let rij = afgeleid_id(soort, eigenaar, leefgebied.code());
        let bestaat: bool =
            self.conn
                .query_row(&format!("SELECT EXISTS (SELECT 1 FROM {} WHERE id = ?1)", t.naam), [&rij], |r| r.get(0))?;
        let velden = [
            ("status", tekst(status.code())),
            ("datum", tekst(datum_tekst(datum))),
            ("toelichting", tekst(toelichting.trim())),
        ];
        let mut w = self.schrijver()?;
        if bestaat {
            w.wijzig(t, &rij, &velden)?;
        } else {
            let mut alle = vec![(kolom, tekst(eigenaar)), ("leefgebied", tekst(leefgebied.code()))];
            alle.extend(velden);
            w.nieuw(t, &rij, &alle)?;
        }
        w.commit()
    }

    /// The aanbod per leefgebied of a casus.
    pub fn casus_aanbod_lijst(&self, nummer: &str) -> Resultaat<Vec<Aanbod>> {
        let id = super::casus::casus_id(&self.conn, nummer)?;
        aanbod_lijst(&self.conn, "casus_aanbod", "casus_id", &id)
    }

    /// Meldingen sorted by expected release (unknown last); with `uitstroom_binnen`, only
    /// the open ones expected to leave within that many days.
    pub fn meldingen(&self, uitstroom_binnen_dagen: Option<i64>) -> Resultaat<Vec<MeldingRegel>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.naam, d.inrichting, d.einddatum_verwacht, d.status, d.route, g.naam, m.naam
             FROM detentiemelding d LEFT JOIN gemeente g ON g.id = d.gemeente_id
             LEFT JOIN medewerker m ON m.id = d.behandelaar_id
             ORDER BY d.einddatum_verwacht IS NULL, d.einddatum_verwacht, d.naam, d.id",
        )?;
        type Ruw = (String, String, String, Option<String>, String, Option<String>, Option<String>, Option<String>);
        let rijen: Vec<Ruw> = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
            })?
            .collect::<Result<_, _>>()?;
        let vandaag = vandaag();
        let mut uit = Vec::new();
        for (id, naam, inrichting, verwacht, status, route, gemeente, behandelaar) in rijen {
            let status = MeldingStatus::parse(&status)?;
            let datum = parse_datum(verwacht.clone());
            let binnenkort = uitstroom_binnen(status, datum, vandaag, crate::domain::detentiemelding::SIGNAAL_DAGEN);
            if let Some(dagen) = uitstroom_binnen_dagen
                && !uitstroom_binnen(status, datum, vandaag, dagen)
            {
                continue;
            }
            uit.push(MeldingRegel {
                id,
                naam,
                inrichting,
                einddatum_verwacht: verwacht,
                status,
                route: route.as_deref().map(TriageRoute::parse).transpose()?,
                gemeente,
                behandelaar,
                uitstroom_binnenkort: binnenkort,
            });
        }
        Ok(uit)
    }

    /// Everything about one melding (id or 8+ prefix). Recorded in the audit log as a view.
    pub fn melding_detail(&mut self, melding: &str) -> Resultaat<MeldingDetail> {
        let id = melding_id(&self.conn, melding)?;
        let d = self.melding_lezen(&id)?;
        let mut w = self.schrijver()?;
        w.inzien(&s::DETENTIEMELDING, &id, Some(&id))?;
        w.commit()?;
        Ok(d)
    }

    /// One melding without an audit entry (refreshing a screen already shown).
    pub fn melding_verversen(&self, melding: &str) -> Resultaat<MeldingDetail> {
        let id = melding_id(&self.conn, melding)?;
        self.melding_lezen(&id)
    }

    fn melding_lezen(&self, id: &str) -> Resultaat<MeldingDetail> {
        let c = &self.conn;
        let mut d = c
            .query_row(
                "SELECT d.id, d.behandelaar_id, m.naam, d.ontvangen_op, d.naam, d.geboortedatum, d.bsn, d.bron,
                        d.inrichting, d.startdatum, d.einddatum_verwacht, d.einddatum_werkelijk, d.zelfmelder,
                        d.kortgestrafte, g.naam, d.status, d.route, d.triage_reden, d.getrieerd_op,
                        CASE WHEN k.id IS NULL THEN NULL ELSE k.naam || coalesce(' (' || p.naam || ')', '') END,
                        d.overdracht_warm, d.overgedragen_op, c.nummer, d.omgezet_op
                 FROM detentiemelding d
                 LEFT JOIN medewerker m ON m.id = d.behandelaar_id
                 LEFT JOIN gemeente g ON g.id = d.gemeente_id
                 LEFT JOIN contactpersoon k ON k.id = d.overdracht_contact_id
                 LEFT JOIN partner p ON p.id = k.partner_id
                 LEFT JOIN casus c ON c.id = d.omgezet_casus_id
                 WHERE d.id = ?1",
                [id],
                |r| {
                    let bron: String = r.get(7)?;
                    let status: String = r.get(15)?;
                    let route: Option<String> = r.get(16)?;
                    Ok((
                        MeldingDetail {
                            id: r.get(0)?,
                            behandelaar_id: r.get(1)?,
                            behandelaar: r.get(2)?,
                            ontvangen_op: r.get(3)?,
                            naam: r.get(4)?,
                            geboortedatum: r.get(5)?,
                            bsn: r.get(6)?,
                            bron: Informatiebron::parse(&bron).unwrap_or(Informatiebron::Anders),
                            inrichting: r.get(8)?,
                            startdatum: r.get(9)?,
                            einddatum_verwacht: r.get(10)?,
                            einddatum_werkelijk: r.get(11)?,
                            zelfmelder: r.get(12)?,
                            kortgestrafte: r.get(13)?,
                            gemeente: r.get(14)?,
                            status: MeldingStatus::Ontvangen,
                            route: None,
                            triage_reden: r.get(17)?,
                            getrieerd_op: r.get(18)?,
                            overdracht_contact: r.get(19)?,
                            overdracht_warm: r.get(20)?,
                            overgedragen_op: r.get(21)?,
                            casusnummer: r.get(22)?,
                            omgezet_op: r.get(23)?,
                            bronnen: Vec::new(),
                            aanbod: Vec::new(),
                            notities: Vec::new(),
                        },
                        status,
                        route,
                    ))
                },
            )
            .optional()?
            .map(|(mut d, status, route)| -> Resultaat<MeldingDetail> {
                d.status = MeldingStatus::parse(&status)?;
                d.route = route.as_deref().map(TriageRoute::parse).transpose()?;
                Ok(d)
            })
            .transpose()?
            .ok_or_else(|| StoreFout::Onbekend { tabel: "detentiemelding", id: id.to_string() })?;
        let mut stmt = c.prepare(
            "SELECT bron, gevraagd_op, beantwoord_op, antwoord FROM meldingbron WHERE melding_id = ?1
             ORDER BY aangemaakt_hlc, aangemaakt_door",
        )?;
        let bronnen: Vec<(String, Option<String>, Option<String>, String)> =
            stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<Result<_, _>>()?;
        d.bronnen = bronnen
            .into_iter()
            .filter_map(|(b, gevraagd_op, beantwoord_op, antwoord)| {
                Some(MeldingBron { bron: Informatiebron::parse(&b).ok()?, gevraagd_op, beantwoord_op, antwoord })
            })
            .collect();
        d.aanbod = aanbod_lijst(c, "melding_aanbod", "melding_id", id)?;
        d.notities = super::bezoek::melding_notities(c, id)?;
        Ok(d)
    }

    /// Remove a melding with everything under it, with a reason (required) kept in the
    /// audit entry; the values in this device's change log are wiped. Colleagues receive
    /// tombstones.
    pub fn melding_verwijder(&mut self, melding: &str, reden: &str) -> Resultaat<()> {
        let reden = verplicht("reden", reden)?;
        let id = melding_id(&self.conn, melding)?;
        let mut w = self.schrijver()?;
        for t in [&s::MELDINGBRON, &s::MELDING_AANBOD, &s::MELDING_NOTITIE] {
            let ids: Vec<String> = w
                .conn()
                .prepare(&format!("SELECT id FROM {} WHERE melding_id = ?1", t.naam))?
                .query_map([&id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            for rij in ids {
                w.verwijder_zonder_audit(t, &rij, &id)?;
            }
        }
        super::bezoek::verwijder_van_eigenaar(&mut w, &id)?;
        w.verwijder_met_reden(&s::DETENTIEMELDING, &id, &reden)?;
        super::bewaren::wis_log(w.conn(), &id)?;
        w.conn().execute("DELETE FROM bundel_verzending WHERE casus_id = ?1", [&id])?;
        w.commit()?;
        // The same purge as a casus removal: search index, WAL and a rewrite of the file.
        self.opschonen(super::bewaren::Opschoning::VOLLEDIG)?;
        Ok(())
    }

    /// The retention term of a melding that never became a casus, in months after its
    /// overdracht: the term set on this device, else [`MELDING_BEWAARTERMIJN_MAANDEN`].
    pub fn melding_bewaartermijn(&self) -> Resultaat<u32> {
        Ok(self
            .instelling(MELDING_TERMIJN_SLEUTEL)?
            .and_then(|w| w.parse().ok())
            .unwrap_or(MELDING_BEWAARTERMIJN_MAANDEN))
    }

    /// Set the retention term of meldingen that never became a casus (months after the
    /// overdracht, 1 to [`super::MAX_BEWAARTERMIJN_MAANDEN`]). A local setting of this
    /// device, like the casus terms per thema.
    pub fn zet_melding_bewaartermijn(&mut self, maanden: u32) -> Resultaat<()> {
        if !(1..=super::MAX_BEWAARTERMIJN_MAANDEN).contains(&maanden) {
            return Err(StoreFout::Domein(DomeinFout::OngeldigeBewaartermijn(maanden)));
        }
        self.conn.execute(
            "INSERT INTO instelling(sleutel, waarde) VALUES (?1, ?2)
             ON CONFLICT(sleutel) DO UPDATE SET waarde = excluded.waarde",
            (MELDING_TERMIJN_SLEUTEL, maanden.to_string()),
        )?;
        Ok(())
    }

    /// Meldingen that never became a casus, handed over more than the retention term
    /// ([`Store::melding_bewaartermijn`]) before `peildatum`: to be removed. An omgezet
    /// melding is not listed: it is kept with its casus and removed with it
    /// (`store::bewaren`).
    pub fn meldingen_te_verwijderen(&self, peildatum: NaiveDate) -> Resultaat<Vec<MeldingBewaarstatus>> {
        let maanden = self.melding_bewaartermijn()?;
        let mut stmt = self.conn.prepare(
            "SELECT id, naam, overgedragen_op FROM detentiemelding
             WHERE status = 'overgedragen' AND overgedragen_op IS NOT NULL ORDER BY overgedragen_op, id",
        )?;
        let rijen: Vec<(String, String, String)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
        Ok(rijen
            .into_iter()
            .filter_map(|(id, naam, op)| {
                let overgedragen_op = NaiveDate::parse_from_str(&op, "%Y-%m-%d").ok()?;
                let termijn_tot = overgedragen_op.checked_add_months(Months::new(maanden))?;
                (peildatum > termijn_tot).then_some(MeldingBewaarstatus { id, naam, overgedragen_op, termijn_tot })
            })
            .collect())
    }

    /// The melding ids whose behandelaar is one of the medewerkers `ids` (scope of a
    /// trajectbegeleider's device).
    pub(crate) fn meldingen_van_medewerkers(&self, ids: &[String]) -> Resultaat<Vec<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT id FROM detentiemelding WHERE behandelaar_id = ?1")?;
        let mut uit = Vec::new();
        for m in ids {
            for r in stmt.query_map([m], |r| r.get::<_, String>(0))? {
                uit.push(r?);
            }
        }
        Ok(uit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testhulp::onversleutelde_store;

    fn store() -> (Store, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let (_, mut s) = onversleutelde_store(&dir.path().join("data"));
        s.medewerker_toevoegen("Femke Nazorgström", crate::domain::MedewerkerRol::Nazorgcoordinator, None).unwrap();
        (s, dir)
    }

    fn nieuw() -> NieuweMelding {
        NieuweMelding {
            behandelaar: "Femke Nazorgström".into(),
            naam: "Joëlle Vermeulenga".into(),
            geboortedatum: NaiveDate::from_ymd_opt(1990, 4, 2),
            bsn: Some("111222333".into()),
            inrichting: "PI Veenhuizen".into(),
            einddatum_verwacht: Some(vandaag() + chrono::Duration::days(10)),
            ..Default::default()
        }
    }

    #[test]
    fn a_melding_runs_its_steps_and_refuses_invalid_ones() {
        let (mut s, _d) = store();
        let id = s.melding_toevoegen(nieuw()).unwrap();
        let fout = s.melding_triage(&id, TriageRoute::Lokaal, "Gemeente pakt op").unwrap_err();
        assert!(matches!(fout, StoreFout::Domein(DomeinFout::Melding(MeldingFout::NietVerrijkt))), "{fout:?}");
        assert_eq!(s.melding_verrijk(&id, Informatiebron::Reclassering, None).unwrap(), MeldingStatus::Ontvangen);
        assert_eq!(
            s.melding_verrijk(&id, Informatiebron::Reclassering, Some("Toezicht tot 2027")).unwrap(),
            MeldingStatus::Verrijkt
        );
        s.melding_triage(&id, TriageRoute::Lokaal, "Gemeente pakt op").unwrap();
        let d = s.melding_detail(&id[..8]).unwrap();
        assert_eq!((d.status, d.route), (MeldingStatus::Getrieerd, Some(TriageRoute::Lokaal)));
        assert_eq!(d.bronnen.len(), 1, "asking and answering one source is one checklist row");
        assert_eq!(d.bronnen[0].antwoord, "Toezicht tot 2027");
        let fout = s.melding_omzetten(&id, None).unwrap_err();
        assert!(
            matches!(fout, StoreFout::Domein(DomeinFout::Melding(MeldingFout::RouteNietZvh(TriageRoute::Lokaal)))),
            "{fout:?}"
        );
        assert!(s.meldingen(None).unwrap()[0].uitstroom_binnenkort);
    }

    /// Removing a melding purges like removing a casus: afterwards neither its name nor
    /// its institution is anywhere in the raw database file or its WAL (the store is
    /// unencrypted, so the bytes are readable), while another melding's are.
    #[test]
    fn een_verwijderde_melding_staat_niet_meer_in_het_ruwe_bestand() {
        let dir = tempfile::tempdir().unwrap();
        let (pad, mut s) = onversleutelde_store(&dir.path().join("data"));
        s.medewerker_toevoegen("Femke Nazorgström", crate::domain::MedewerkerRol::Nazorgcoordinator, None).unwrap();
        let ruw = || {
            let mut b = std::fs::read(&pad).unwrap();
            b.extend(std::fs::read(pad.with_file_name("plat.db-wal")).unwrap_or_default());
            b
        };
        let bevat = |b: &[u8], w: &str| b.windows(w.len()).any(|x| x == w.as_bytes());
        let weg = s
            .melding_toevoegen(NieuweMelding {
                naam: "Quirijntje Zwaluwstaart".into(),
                inrichting: "PI Wolkenvliervaart".into(),
                ..nieuw()
            })
            .unwrap();
        s.melding_wijzig(
            &weg,
            &MeldingWijziging { naam: Some("Quirijntje Zwaluwstaartje".into()), ..Default::default() },
            "Spelling",
        )
        .unwrap();
        s.melding_toevoegen(nieuw()).unwrap();
        // The searches skip the first letter (the FTS5 index may store a word after a
        // shared prefix).
        let woorden = ["uirijntje", "waluwstaart", "olkenvliervaart"];
        let b = ruw();
        assert!(woorden.iter().all(|w| bevat(&b, w)), "the words must be findable before the removal");
        s.melding_verwijder(&weg, "Bewaartermijn verstreken").unwrap();
        let b = ruw();
        let over: Vec<&str> = woorden.iter().copied().filter(|w| bevat(&b, w)).collect();
        assert_eq!(over, Vec::<&str>::new(), "removed melding's words still in the raw file");
        assert!(bevat(&b, "oëlle Vermeulenga") || bevat(&b, "ermeulenga"), "the other melding must stay");
    }

    #[test]
    fn a_bsn_must_pass_the_elfproef_and_the_gemeente_must_be_on_the_list() {
        let (mut s, _d) = store();
        let fout = s.melding_toevoegen(NieuweMelding { bsn: Some("123456789".into()), ..nieuw() }).unwrap_err();
        assert!(matches!(fout, StoreFout::Domein(DomeinFout::OngeldigBsn(_))), "{fout:?}");
        let fout =
            s.melding_toevoegen(NieuweMelding { gemeente: Some("Nergenshuizen".into()), ..nieuw() }).unwrap_err();
        assert!(matches!(fout, StoreFout::Onbekend { tabel: "gemeente", .. }), "{fout:?}");
        assert!(s.meldingen(None).unwrap().is_empty());
    }

    #[test]
    fn omzetten_carries_person_detention_and_aanbod_into_a_nazorg_casus() {
        let (mut s, _d) = store();
        s.gemeente_toevoegen("Midden-Drenthe").unwrap();
        let id = s.melding_toevoegen(NieuweMelding { gemeente: Some("Midden-Drenthe".into()), ..nieuw() }).unwrap();
        s.melding_verrijk(&id, Informatiebron::Dji, Some("Datum bevestigd")).unwrap();
        s.melding_aanbod(&id, AanbodGebied::Onderdak, AanbodStatus::Bezig, None, "").unwrap();
        s.melding_triage(&id, TriageRoute::Zvh, "Meervoudige problematiek").unwrap();
        let nummer = s.melding_omzetten(&id, Some("Reiger")).unwrap();
        let casus = s.casus_detail_verversen(&nummer.to_string()).unwrap();
        assert_eq!(casus.gemeente.as_deref(), Some("Midden-Drenthe"));
        assert_eq!(casus.betrokkenen[0].naam, "Joëlle Vermeulenga");
        assert_eq!(casus.betrokkenen[0].detenties[0].inrichting, "PI Veenhuizen");
        let aanbod = s.casus_aanbod_lijst(&nummer.to_string()).unwrap();
        assert_eq!((aanbod[0].leefgebied, aanbod[0].status), (AanbodGebied::Onderdak, AanbodStatus::Bezig));
        let d = s.melding_verversen(&id).unwrap();
        assert_eq!((d.status, d.casusnummer), (MeldingStatus::Omgezet, Some(nummer.to_string())));
        let fout = s.melding_triage(&id, TriageRoute::Pi, "x").unwrap_err();
        assert!(matches!(fout, StoreFout::Domein(DomeinFout::Melding(MeldingFout::Afgerond(_)))), "{fout:?}");
    }
}

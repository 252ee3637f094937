//! Opschalingen: a stalled casus escalated to management, bestuur or the driehoek — an
//! event with a date, a reason and (later) an outcome, under its casus (scoped, kept and
//! removed with it). Corrections and removals carry a reason, kept as a journaal line.

use super::casus::{casus_id, datum_tekst, schrijf_journaal, vandaag};
use super::schrijven::{self as s, nieuw_id, tekst};
use super::{Resultaat, Store, StoreFout};
use crate::domain::{DomeinFout, Opschalingsniveau, nl_datum, verplicht};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row};
use serde::Serialize;

/// One escalation of a casus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Opschaling {
    /// Record id.
    pub id: String,
    /// The casus (id).
    pub casus_id: String,
    /// Date (`JJJJ-MM-DD`).
    pub datum: String,
    /// To whom.
    pub naar: Opschalingsniveau,
    /// Why.
    pub reden: String,
    /// What came of it (empty: not known yet).
    pub uitkomst: String,
}

/// A new escalation.
#[derive(Debug, Clone)]
pub struct NieuweOpschaling {
    /// To whom.
    pub naar: Opschalingsniveau,
    /// Why (required).
    pub reden: String,
    /// Date (default today; not in the future).
    pub datum: Option<NaiveDate>,
    /// The outcome, when already known.
    pub uitkomst: String,
}

/// A correction; `None` leaves a field unchanged.
#[derive(Debug, Clone, Default)]
pub struct OpschalingWijziging {
    /// To whom.
    pub naar: Option<Opschalingsniveau>,
    /// Date.
    pub datum: Option<NaiveDate>,
    /// Why.
    pub reden: Option<String>,
    /// The outcome (recording it needs no reason).
    pub uitkomst: Option<String>,
}

const SELECT: &str = "SELECT id, casus_id, datum, naar, reden, uitkomst FROM opschaling";

fn van_rij(r: &Row) -> rusqlite::Result<Opschaling> {
    let naar: String = r.get(3)?;
    Ok(Opschaling {
        id: r.get(0)?,
        casus_id: r.get(1)?,
        datum: r.get(2)?,
        naar: Opschalingsniveau::parse(&naar)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, Box::new(e)))?,
        reden: r.get(4)?,
        uitkomst: r.get(5)?,
    })
}

fn niet_in_toekomst(d: NaiveDate) -> Resultaat<String> {
    if d > vandaag() {
        return Err(DomeinFout::DatumInToekomst { veld: "opschalingsdatum", datum: datum_tekst(d) }.into());
    }
    Ok(datum_tekst(d))
}

impl Store {
    /// Escalate casus `nummer`. Returns the id of the escalation.
    pub fn casus_opschalen(&mut self, nummer: &str, n: NieuweOpschaling) -> Resultaat<String> {
        let reden = verplicht("reden", &n.reden)?;
        let datum = niet_in_toekomst(n.datum.unwrap_or_else(vandaag))?;
        let casus = casus_id(&self.conn, nummer)?;
        let id = nieuw_id();
        let mut w = self.schrijver()?;
        w.nieuw(
            &s::OPSCHALING,
            &id,
            &[
                ("casus_id", tekst(&casus)),
                ("datum", tekst(datum)),
                ("naar", tekst(n.naar.code())),
                ("reden", tekst(reden)),
                ("uitkomst", tekst(n.uitkomst.trim())),
            ],
        )?;
        w.commit()?;
        Ok(id)
    }

    /// The escalations of casus `nummer`, oldest first.
    pub fn opschalingen(&self, nummer: &str) -> Resultaat<Vec<Opschaling>> {
        let casus = casus_id(&self.conn, nummer)?;
        let mut stmt = self.conn.prepare(&format!("{SELECT} WHERE casus_id = ?1 ORDER BY datum, aangemaakt_hlc"))?;
        let r = stmt.query_map([casus], van_rij)?;
        Ok(r.collect::<Result<_, _>>()?)
    }

    /// One escalation by id (or its first 8+ characters).
    pub fn opschaling(&self, id: &str) -> Resultaat<Opschaling> {
        let id = self.volledig_id("opschaling", id)?;
        self.conn
            .query_row(&format!("{SELECT} WHERE id = ?1"), [&id], van_rij)
            .optional()?
            .ok_or(StoreFout::Onbekend { tabel: "opschaling", id })
    }

    /// Correct an escalation. Changing to whom, the date or the reason needs a
    /// `correctie` (kept as a journaal line of the casus); recording the outcome does not.
    /// Returns how many fields changed.
    pub fn opschaling_wijzig(&mut self, id: &str, w: &OpschalingWijziging, correctie: &str) -> Resultaat<usize> {
        let o = self.opschaling(id)?;
        let mut velden: Vec<(&str, Value)> = Vec::new();
        if let Some(n) = w.naar.filter(|n| *n != o.naar) {
            velden.push(("naar", tekst(n.code())));
        }
        if let Some(d) = w.datum {
            let d = niet_in_toekomst(d)?;
            if d != o.datum {
                velden.push(("datum", tekst(d)));
            }
        }
        if let Some(r) = &w.reden {
            let r = verplicht("reden", r)?;
            if r != o.reden {
                velden.push(("reden", tekst(r)));
            }
        }
        let correctie_nodig = !velden.is_empty();
        if let Some(u) = &w.uitkomst {
            velden.push(("uitkomst", tekst(u.trim())));
        }
        let correctie = if correctie_nodig { Some(verplicht("correctie", correctie)?) } else { None };
        let mut s = self.schrijver()?;
        let n = s.wijzig(&s::OPSCHALING, &o.id, &velden)?;
        if let Some(c) = correctie {
            let regel = format!("Opschaling van {} gecorrigeerd: {c}", nl_datum(&o.datum));
            schrijf_journaal(&mut s, &o.casus_id, &regel)?;
        }
        s.commit()?;
        Ok(n)
    }

    /// Remove an escalation recorded by mistake; the reason is kept as a journaal line.
    pub fn opschaling_verwijder(&mut self, id: &str, reden: &str) -> Resultaat<()> {
        let reden = verplicht("reden", reden)?;
        let o = self.opschaling(id)?;
        let mut w = self.schrijver()?;
        w.verwijder(&s::OPSCHALING, &o.id)?;
        let regel =
            format!("Opschaling naar {} van {} verwijderd: {reden}", o.naar.label().to_lowercase(), nl_datum(&o.datum));
        schrijf_journaal(&mut w, &o.casus_id, &regel)?;
        w.commit()
    }
}

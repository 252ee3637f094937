//! Meetings: planning, agenda items, BOB minutes, decisions that become actions.

use super::casus::{casus_id, datum_tekst};
use super::plan::{ActieOpgeslagen, NieuweActie};
use super::schrijven::{self as s, getal, nieuw_id, tekst};
use super::{Resultaat, Store, StoreFout};
use crate::domain::overleg::OverlegStatus;
use crate::domain::{OverlegSoort, verplicht};
use chrono::{NaiveDate, NaiveTime};
use rusqlite::OptionalExtension;
use serde::Serialize;

/// A new meeting.
#[derive(Debug, Clone)]
pub struct NieuwOverleg {
    /// Kind.
    pub soort: OverlegSoort,
    /// Date.
    pub datum: NaiveDate,
    /// Start time.
    pub begintijd: NaiveTime,
    /// Place.
    pub plaats: String,
    /// Chair.
    pub voorzitter: String,
}

/// A meeting as listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overleg {
    /// Record id.
    pub id: String,
    /// Kind.
    pub soort: OverlegSoort,
    /// Date.
    pub datum: String,
    /// Start time `HH:MM`.
    pub begintijd: String,
    /// Place.
    pub plaats: String,
    /// Chair.
    pub voorzitter: String,
    /// Planned or closed.
    pub status: OverlegStatus,
}

/// An agenda item with its minutes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agendapunt {
    /// Record id.
    pub id: String,
    /// Casus id.
    pub casus_id: String,
    /// Casusnummer.
    pub casusnummer: String,
    /// Start time `HH:MM`.
    pub starttijd: String,
    /// Minutes reserved.
    pub duur_minuten: i64,
    /// BOB: beeld.
    pub beeld: String,
    /// BOB: oordeel.
    pub oordeel: String,
    /// BOB: besluit.
    pub besluit: String,
}

impl Store {
    /// Plan a meeting.
    pub fn overleg_plannen(&mut self, o: NieuwOverleg) -> Resultaat<String> {
        let id = nieuw_id();
        let mut w = self.schrijver()?;
        w.nieuw(
            &s::OVERLEG,
            &id,
            &[
                ("soort", tekst(o.soort.code())),
                ("datum", tekst(datum_tekst(o.datum))),
                ("begintijd", tekst(o.begintijd.format("%H:%M").to_string())),
                ("plaats", tekst(o.plaats.trim())),
                ("voorzitter", tekst(o.voorzitter.trim())),
                ("status", tekst(OverlegStatus::Gepland.code())),
            ],
        )?;
        w.commit()?;
        Ok(id)
    }

    fn overleg_status(&self, overleg_id: &str) -> Resultaat<OverlegStatus> {
        let st: String = self
            .conn
            .query_row("SELECT status FROM overleg WHERE id = ?1", [overleg_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreFout::Onbekend { tabel: "overleg", id: overleg_id.to_string() })?;
        Ok(OverlegStatus::parse(&st)?)
    }

    /// Invite a contact person.
    pub fn genodigde_toevoegen(&mut self, overleg_id: &str, contact_id: &str) -> Resultaat<String> {
        if self.overleg_status(overleg_id)? == OverlegStatus::Gesloten {
            return Err(StoreFout::OverlegGesloten);
        }
        let id = nieuw_id();
        let mut w = self.schrijver()?;
        w.nieuw(&s::GENODIGDE, &id, &[("overleg_id", tekst(overleg_id)), ("contact_id", tekst(contact_id))])?;
        w.commit()?;
        Ok(id)
    }

    /// Put a casus on the agenda; the slot follows the previous item.
    pub fn agendapunt_toevoegen(&mut self, overleg_id: &str, nummer: &str, duur_minuten: i64) -> Resultaat<String> {
        if self.overleg_status(overleg_id)? == OverlegStatus::Gesloten {
            return Err(StoreFout::OverlegGesloten);
        }
        let cid = casus_id(&self.conn, nummer)?;
        let begin: String =
            self.conn.query_row("SELECT begintijd FROM overleg WHERE id = ?1", [overleg_id], |r| r.get(0))?;
        let (volgorde, bezet): (i64, i64) = self.conn.query_row(
            "SELECT count(*), coalesce(sum(duur_minuten), 0) FROM agendapunt WHERE overleg_id = ?1",
            [overleg_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let start = NaiveTime::parse_from_str(&begin, "%H:%M").unwrap_or_default() + chrono::Duration::minutes(bezet);
        let id = nieuw_id();
        let mut w = self.schrijver()?;
        w.nieuw(
            &s::AGENDAPUNT,
            &id,
            &[
                ("overleg_id", tekst(overleg_id)),
                ("casus_id", tekst(cid)),
                ("starttijd", tekst(start.format("%H:%M").to_string())),
                ("duur_minuten", getal(duur_minuten.clamp(5, 240))),
                ("volgorde", getal(volgorde + 1)),
            ],
        )?;
        w.commit()?;
        Ok(id)
    }

    /// Record BOB minutes for an agenda item. Refused once the meeting is closed.
    pub fn agendapunt_bob(&mut self, agendapunt_id: &str, beeld: &str, oordeel: &str, besluit: &str) -> Resultaat<()> {
        let overleg_id = self.overleg_van(agendapunt_id)?;
        if self.overleg_status(&overleg_id)? == OverlegStatus::Gesloten {
            return Err(StoreFout::OverlegGesloten);
        }
        let mut w = self.schrijver()?;
        w.wijzig(
            &s::AGENDAPUNT,
            agendapunt_id,
            &[("beeld", tekst(beeld.trim())), ("oordeel", tekst(oordeel.trim())), ("besluit", tekst(besluit.trim()))],
        )?;
        w.commit()
    }

    fn overleg_van(&self, agendapunt_id: &str) -> Resultaat<String> {
        self.conn
            .query_row("SELECT overleg_id FROM agendapunt WHERE id = ?1", [agendapunt_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreFout::Onbekend { tabel: "agendapunt", id: agendapunt_id.to_string() })
    }

    /// Turn a decision on an agenda item into an action in the case's plan.
    pub fn besluit_naar_actie(&mut self, agendapunt_id: &str, mut actie: NieuweActie) -> Resultaat<ActieOpgeslagen> {
        let nummer: String = self.conn.query_row(
            "SELECT c.nummer FROM agendapunt a JOIN casus c ON c.id = a.casus_id WHERE a.id = ?1",
            [agendapunt_id],
            |r| r.get(0),
        )?;
        actie.agendapunt_id = Some(agendapunt_id.to_string());
        self.actie_toevoegen(&nummer, actie)
    }

    /// Close a meeting; its minutes become read-only.
    pub fn overleg_sluiten(&mut self, overleg_id: &str) -> Resultaat<()> {
        verplicht("overleg", overleg_id)?;
        let mut w = self.schrijver()?;
        w.wijzig(&s::OVERLEG, overleg_id, &[("status", tekst(OverlegStatus::Gesloten.code()))])?;
        w.commit()
    }

    /// Meetings, newest first.
    pub fn overleggen(&self) -> Resultaat<Vec<Overleg>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, soort, datum, begintijd, plaats, voorzitter, status FROM overleg ORDER BY datum DESC, begintijd",
        )?;
        let lijst = stmt
            .query_map([], |r| {
                let soort: String = r.get(1)?;
                let status: String = r.get(6)?;
                Ok(Overleg {
                    id: r.get(0)?,
                    soort: OverlegSoort::parse(&soort).unwrap_or(OverlegSoort::Casusoverleg),
                    datum: r.get(2)?,
                    begintijd: r.get(3)?,
                    plaats: r.get(4)?,
                    voorzitter: r.get(5)?,
                    status: OverlegStatus::parse(&status).unwrap_or(OverlegStatus::Gepland),
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(lijst)
    }

    /// The agenda of a meeting in order.
    pub fn agenda(&self, overleg_id: &str) -> Resultaat<Vec<Agendapunt>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.casus_id, c.nummer, a.starttijd, a.duur_minuten, a.beeld, a.oordeel, a.besluit
             FROM agendapunt a JOIN casus c ON c.id = a.casus_id WHERE a.overleg_id = ?1 ORDER BY a.volgorde",
        )?;
        let lijst = stmt
            .query_map([overleg_id], |r| {
                Ok(Agendapunt {
                    id: r.get(0)?,
                    casus_id: r.get(1)?,
                    casusnummer: r.get(2)?,
                    starttijd: r.get(3)?,
                    duur_minuten: r.get(4)?,
                    beeld: r.get(5)?,
                    oordeel: r.get(6)?,
                    besluit: r.get(7)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(lijst)
    }
}

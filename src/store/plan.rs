//! Plan van aanpak: the working draft (goals, actions, risks) and frozen versions.

use super::casus::{casus_id, datum_tekst, leefgebied_id};
use super::schrijven::{self as s, getal, nieuw_id, tekst, tekst_of_null};
use super::{Resultaat, Store, StoreFout};
use crate::domain::plan::{ActieSnap, DoelSnap, RisicoSnap, risicoscore};
use crate::domain::{ActieStatus, Convenantstatus, DomeinFout, PlanSnapshot, verplicht};
use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::Serialize;

/// A goal in the working plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Doel {
    /// Record id.
    pub id: String,
    /// Leefgebied id.
    pub leefgebied_id: Option<String>,
    /// Leefgebied name.
    pub leefgebied: String,
    /// What should be achieved.
    pub omschrijving: String,
}

/// An action in the working plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actie {
    /// Record id.
    pub id: String,
    /// Goal it serves.
    pub doel_id: Option<String>,
    /// What is to be done.
    pub omschrijving: String,
    /// Responsible partner id.
    pub partner_id: Option<String>,
    /// Responsible partner name.
    pub partner: Option<String>,
    /// Covenant status of that partner.
    pub convenantstatus: Option<Convenantstatus>,
    /// Responsible contact id.
    pub contact_id: Option<String>,
    /// Responsible contact name.
    pub contact: Option<String>,
    /// Deadline `JJJJ-MM-DD`.
    pub deadline: Option<String>,
    /// Status.
    pub status: ActieStatus,
    /// Result.
    pub resultaat: String,
}

/// A risk score per leefgebied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Risico {
    /// Record id.
    pub id: String,
    /// Leefgebied id.
    pub leefgebied_id: String,
    /// Leefgebied name.
    pub leefgebied: String,
    /// Score 1..=5.
    pub score: u8,
    /// Explanation.
    pub toelichting: String,
    /// When it was assessed (start / evaluatie / afschaling).
    pub moment: String,
    /// Who assessed it.
    pub beoordelaar: String,
}

/// A risicotaxatie of one leefgebied.
#[derive(Debug, Clone, PartialEq)]
pub struct Risicotaxatie {
    /// Leefgebied (id, name or unique start of the name).
    pub leefgebied: String,
    /// Score 1..=5.
    pub score: i64,
    /// Explanation.
    pub toelichting: String,
    /// When it was assessed.
    pub moment: crate::domain::plan::RisicoMoment,
    /// Who assessed it (empty: the local user's name).
    pub beoordelaar: String,
}

/// The working draft of a plan.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Plan {
    /// Goals in order.
    pub doelen: Vec<Doel>,
    /// Actions in order.
    pub acties: Vec<Actie>,
    /// Risk scores.
    pub risicos: Vec<Risico>,
}

impl Plan {
    /// The content to freeze or compare.
    pub fn snapshot(&self) -> PlanSnapshot {
        PlanSnapshot {
            doelen: self
                .doelen
                .iter()
                .map(|d| DoelSnap {
                    id: d.id.clone(),
                    leefgebied: d.leefgebied.clone(),
                    omschrijving: d.omschrijving.clone(),
                })
                .collect(),
            acties: self
                .acties
                .iter()
                .map(|a| ActieSnap {
                    id: a.id.clone(),
                    doel_id: a.doel_id.clone(),
                    omschrijving: a.omschrijving.clone(),
                    partner: a.partner.clone(),
                    contact: a.contact.clone(),
                    deadline: a.deadline.clone(),
                    status: a.status,
                    resultaat: a.resultaat.clone(),
                })
                .collect(),
            risicos: self
                .risicos
                .iter()
                .map(|r| RisicoSnap {
                    id: r.id.clone(),
                    leefgebied: r.leefgebied.clone(),
                    score: r.score,
                    toelichting: r.toelichting.clone(),
                })
                .collect(),
        }
    }
}

/// A frozen plan version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanVersie {
    /// Version number, from 1.
    pub nummer: u32,
    /// When it was recorded.
    pub vastgelegd_op: String,
    /// Who recorded it.
    pub vastgelegd_door: String,
    /// Why (what was agreed).
    pub reden: String,
    /// The frozen content.
    pub inhoud: PlanSnapshot,
}

/// A new action.
#[derive(Debug, Clone, Default)]
pub struct NieuweActie {
    /// Goal it serves.
    pub doel_id: Option<String>,
    /// What (required).
    pub omschrijving: String,
    /// Responsible partner.
    pub partner_id: Option<String>,
    /// Responsible contact.
    pub contact_id: Option<String>,
    /// Deadline.
    pub deadline: Option<NaiveDate>,
    /// Meeting decision it came from.
    pub agendapunt_id: Option<String>,
}

/// Changes to an action; `None` leaves a field unchanged.
#[derive(Debug, Clone, Default)]
pub struct ActieWijziging {
    /// What.
    pub omschrijving: Option<String>,
    /// Goal.
    pub doel_id: Option<Option<String>>,
    /// Partner.
    pub partner_id: Option<Option<String>>,
    /// Contact.
    pub contact_id: Option<Option<String>>,
    /// Deadline.
    pub deadline: Option<Option<NaiveDate>>,
    /// Status.
    pub status: Option<ActieStatus>,
    /// Result.
    pub resultaat: Option<String>,
}

/// Outcome of adding or changing an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActieOpgeslagen {
    /// Record id.
    pub id: String,
    /// The responsible partner has no covenant: personal data may not be shared with them.
    pub partner_zonder_convenant: bool,
}

impl Store {
    /// The working draft of the plan of a casus.
    pub fn plan(&self, nummer: &str) -> Resultaat<Plan> {
        let cid = casus_id(&self.conn, nummer)?;
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.leefgebied_id, coalesce(l.naam, ''), d.omschrijving FROM doel d
             LEFT JOIN leefgebied l ON l.id = d.leefgebied_id WHERE d.casus_id = ?1 ORDER BY d.volgorde, d.aangemaakt_hlc, d.aangemaakt_door",
        )?;
        let doelen = stmt
            .query_map([&cid], |r| {
                Ok(Doel { id: r.get(0)?, leefgebied_id: r.get(1)?, leefgebied: r.get(2)?, omschrijving: r.get(3)? })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.doel_id, a.omschrijving, a.partner_id, p.naam, p.convenantstatus, a.contact_id, k.naam,
                    a.deadline, a.status, a.resultaat
             FROM actie a LEFT JOIN partner p ON p.id = a.partner_id LEFT JOIN contactpersoon k ON k.id = a.contact_id
             WHERE a.casus_id = ?1 ORDER BY a.volgorde, a.aangemaakt_hlc, a.aangemaakt_door",
        )?;
        let acties = stmt
            .query_map([&cid], |r| {
                let cs: Option<String> = r.get(5)?;
                let status: String = r.get(9)?;
                Ok(Actie {
                    id: r.get(0)?,
                    doel_id: r.get(1)?,
                    omschrijving: r.get(2)?,
                    partner_id: r.get(3)?,
                    partner: r.get(4)?,
                    convenantstatus: cs.and_then(|c| Convenantstatus::parse(&c).ok()),
                    contact_id: r.get(6)?,
                    contact: r.get(7)?,
                    deadline: r.get(8)?,
                    status: ActieStatus::parse(&status).unwrap_or(ActieStatus::Open),
                    resultaat: r.get(10)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.conn.prepare(
            "SELECT r.id, r.leefgebied_id, l.naam, r.score, r.toelichting, r.moment, r.beoordelaar FROM risico r
             JOIN leefgebied l ON l.id = r.leefgebied_id WHERE r.casus_id = ?1 ORDER BY l.volgorde",
        )?;
        let risicos = stmt
            .query_map([&cid], |r| {
                Ok(Risico {
                    id: r.get(0)?,
                    leefgebied_id: r.get(1)?,
                    leefgebied: r.get(2)?,
                    score: r.get(3)?,
                    toelichting: r.get(4)?,
                    moment: r.get(5)?,
                    beoordelaar: r.get(6)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Plan { doelen, acties, risicos })
    }

    /// Add a goal under a leefgebied.
    pub fn doel_toevoegen(&mut self, nummer: &str, leefgebied: &str, omschrijving: &str) -> Resultaat<String> {
        let omschrijving = verplicht("omschrijving", omschrijving)?;
        let cid = casus_id(&self.conn, nummer)?;
        let lg = leefgebied_id(&self.conn, leefgebied)?;
        let volgorde: i64 = self.conn.query_row(
            "SELECT coalesce(max(volgorde), 0) + 1 FROM doel WHERE casus_id = ?1",
            [&cid],
            |r| r.get(0),
        )?;
        let id = nieuw_id();
        let mut w = self.schrijver()?;
        w.nieuw(
            &s::DOEL,
            &id,
            &[
                ("casus_id", tekst(cid)),
                ("leefgebied_id", tekst(lg)),
                ("omschrijving", tekst(omschrijving)),
                ("volgorde", getal(volgorde)),
            ],
        )?;
        w.commit()?;
        Ok(id)
    }

    /// Change a goal's text or leefgebied.
    pub fn doel_wijzig(
        &mut self,
        doel_id: &str,
        leefgebied: Option<&str>,
        omschrijving: Option<&str>,
    ) -> Resultaat<usize> {
        let mut velden = Vec::new();
        if let Some(l) = leefgebied {
            velden.push(("leefgebied_id", tekst(leefgebied_id(&self.conn, l)?)));
        }
        if let Some(o) = omschrijving {
            velden.push(("omschrijving", tekst(verplicht("omschrijving", o)?)));
        }
        let mut w = self.schrijver()?;
        let n = w.wijzig(&s::DOEL, doel_id, &velden)?;
        w.commit()?;
        Ok(n)
    }

    /// Remove a goal; its actions stay, without goal.
    pub fn doel_verwijder(&mut self, doel_id: &str) -> Resultaat<()> {
        let mut stmt = self.conn.prepare("SELECT id FROM actie WHERE doel_id = ?1")?;
        let acties: Vec<String> = stmt.query_map([doel_id], |r| r.get(0))?.collect::<Result<_, _>>()?;
        drop(stmt);
        let mut w = self.schrijver()?;
        for a in acties {
            w.wijzig(&s::ACTIE, &a, &[("doel_id", Value::Null)])?;
        }
        w.verwijder(&s::DOEL, doel_id)?;
        w.commit()
    }

    fn partner_zonder_convenant(&self, partner_id: Option<&str>) -> Resultaat<bool> {
        let Some(p) = partner_id else { return Ok(false) };
        let cs: String = self
            .conn
            .prepare_cached("SELECT convenantstatus FROM partner WHERE id = ?1")?
            .query_row([p], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreFout::Onbekend { tabel: "partner", id: p.to_string() })?;
        Ok(!Convenantstatus::parse(&cs)?.mag_persoonsgegevens_ontvangen())
    }

    fn controleer_contact(&self, partner_id: Option<&str>, contact_id: Option<&str>) -> Resultaat<()> {
        if let Some(c) = contact_id {
            let p: Option<String> = self
                .conn
                .prepare_cached("SELECT partner_id FROM contactpersoon WHERE id = ?1")?
                .query_row([c], |r| r.get(0))
                .optional()?
                .ok_or_else(|| StoreFout::Onbekend { tabel: "contactpersoon", id: c.to_string() })?;
            if partner_id.is_some() && p.as_deref() != partner_id {
                return Err(
                    DomeinFout::OnbekendeWaarde { soort: "contactpersoon van partner", waarde: c.to_string() }.into()
                );
            }
        }
        Ok(())
    }

    /// Add an action to the plan. Warns (does not refuse) when the partner has no covenant.
    pub fn actie_toevoegen(&mut self, nummer: &str, a: NieuweActie) -> Resultaat<ActieOpgeslagen> {
        let omschrijving = verplicht("omschrijving", &a.omschrijving)?;
        let cid = casus_id(&self.conn, nummer)?;
        let zonder = self.partner_zonder_convenant(a.partner_id.as_deref())?;
        self.controleer_contact(a.partner_id.as_deref(), a.contact_id.as_deref())?;
        let volgorde: i64 = self
            .conn
            .prepare_cached("SELECT coalesce(max(volgorde), 0) + 1 FROM actie WHERE casus_id = ?1")?
            .query_row([&cid], |r| r.get(0))?;
        let id = nieuw_id();
        let mut w = self.schrijver()?;
        w.nieuw(
            &s::ACTIE,
            &id,
            &[
                ("casus_id", tekst(cid)),
                ("doel_id", tekst_of_null(a.doel_id)),
                ("omschrijving", tekst(omschrijving)),
                ("partner_id", tekst_of_null(a.partner_id)),
                ("contact_id", tekst_of_null(a.contact_id)),
                ("deadline", tekst_of_null(a.deadline.map(datum_tekst))),
                ("status", tekst(ActieStatus::Open.code())),
                ("resultaat", tekst("")),
                ("volgorde", getal(volgorde)),
                ("agendapunt_id", tekst_of_null(a.agendapunt_id)),
            ],
        )?;
        w.commit()?;
        Ok(ActieOpgeslagen { id, partner_zonder_convenant: zonder })
    }

    /// Change an action.
    pub fn actie_wijzig(&mut self, actie_id: &str, a: &ActieWijziging) -> Resultaat<ActieOpgeslagen> {
        let mut velden: Vec<(&str, Value)> = Vec::new();
        if let Some(o) = &a.omschrijving {
            velden.push(("omschrijving", tekst(verplicht("omschrijving", o)?)));
        }
        if let Some(d) = &a.doel_id {
            velden.push(("doel_id", tekst_of_null(d.clone())));
        }
        if let Some(p) = &a.partner_id {
            velden.push(("partner_id", tekst_of_null(p.clone())));
        }
        if let Some(c) = &a.contact_id {
            velden.push(("contact_id", tekst_of_null(c.clone())));
        }
        if let Some(d) = a.deadline {
            velden.push(("deadline", tekst_of_null(d.map(datum_tekst))));
        }
        if let Some(st) = a.status {
            velden.push(("status", tekst(st.code())));
        }
        if let Some(r) = &a.resultaat {
            velden.push(("resultaat", tekst(r.trim())));
        }
        let (partner, contact): (Option<String>, Option<String>) = self
            .conn
            .query_row("SELECT partner_id, contact_id FROM actie WHERE id = ?1", [actie_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or_else(|| StoreFout::Onbekend { tabel: "actie", id: actie_id.to_string() })?;
        let partner = a.partner_id.clone().unwrap_or(partner);
        let contact = a.contact_id.clone().unwrap_or(contact);
        self.controleer_contact(partner.as_deref(), contact.as_deref())?;
        let zonder = self.partner_zonder_convenant(partner.as_deref())?;
        let mut w = self.schrijver()?;
        w.wijzig(&s::ACTIE, actie_id, &velden)?;
        w.commit()?;
        Ok(ActieOpgeslagen { id: actie_id.to_string(), partner_zonder_convenant: zonder })
    }

    /// Move an action one place up (`omhoog`) or down in the plan.
    pub fn actie_verplaats(&mut self, actie_id: &str, omhoog: bool) -> Resultaat<()> {
        let cid: String = self
            .conn
            .query_row("SELECT casus_id FROM actie WHERE id = ?1", [actie_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreFout::Onbekend { tabel: "actie", id: actie_id.to_string() })?;
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM actie WHERE casus_id = ?1 ORDER BY volgorde, aangemaakt_hlc, aangemaakt_door")?;
        let mut ids: Vec<String> = stmt.query_map([&cid], |r| r.get(0))?.collect::<Result<_, _>>()?;
        drop(stmt);
        let Some(i) = ids.iter().position(|x| x == actie_id) else { return Ok(()) };
        let j = if omhoog { i.checked_sub(1) } else { Some(i + 1).filter(|j| *j < ids.len()) };
        let Some(j) = j else { return Ok(()) };
        ids.swap(i, j);
        let mut w = self.schrijver()?;
        for (n, id) in ids.iter().enumerate() {
            w.wijzig(&s::ACTIE, id, &[("volgorde", getal(n as i64 + 1))])?;
        }
        w.commit()
    }

    /// Remove an action from the draft.
    pub fn actie_verwijder(&mut self, actie_id: &str) -> Resultaat<()> {
        let mut w = self.schrijver()?;
        w.verwijder(&s::ACTIE, actie_id)?;
        w.commit()
    }

    /// Set the risk score of a leefgebied (1..=5), assessed now at the start by the local user.
    pub fn risico_zetten(&mut self, nummer: &str, leefgebied: &str, score: i64, toelichting: &str) -> Resultaat<()> {
        self.risico_taxatie(
            nummer,
            &Risicotaxatie {
                leefgebied: leefgebied.to_string(),
                score,
                toelichting: toelichting.to_string(),
                moment: crate::domain::plan::RisicoMoment::Start,
                beoordelaar: String::new(),
            },
        )
    }

    /// Record a risicotaxatie of a leefgebied: score, toelichting, moment and assessor
    /// (the local user's name when none is given). One current assessment per leefgebied;
    /// earlier ones stay in the plan versions.
    pub fn risico_taxatie(&mut self, nummer: &str, t: &Risicotaxatie) -> Resultaat<()> {
        let score = risicoscore(t.score)?;
        let cid = casus_id(&self.conn, nummer)?;
        let lg = leefgebied_id(&self.conn, &t.leefgebied)?;
        let bestaand: Option<String> = self
            .conn
            .query_row("SELECT id FROM risico WHERE casus_id = ?1 AND leefgebied_id = ?2", [&cid, &lg], |r| r.get(0))
            .optional()?;
        let mut w = self.schrijver()?;
        let beoordelaar = match t.beoordelaar.trim() {
            "" => w.gebruiker().to_string(),
            b => b.to_string(),
        };
        let velden = [
            ("score", getal(score)),
            ("toelichting", tekst(t.toelichting.trim())),
            ("moment", tekst(t.moment.code())),
            ("beoordelaar", tekst(beoordelaar)),
        ];
        match bestaand {
            Some(id) => {
                w.wijzig(&s::RISICO, &id, &velden)?;
            }
            None => {
                let mut alle = vec![("casus_id", tekst(cid)), ("leefgebied_id", tekst(lg))];
                alle.extend(velden);
                w.nieuw(&s::RISICO, &nieuw_id(), &alle)?;
            }
        }
        w.commit()
    }

    /// Freeze the current draft as the next numbered version. Returns its number.
    pub fn plan_vastleggen(&mut self, nummer: &str, reden: &str) -> Resultaat<u32> {
        let reden = verplicht("reden", reden)?;
        let cid = casus_id(&self.conn, nummer)?;
        let inhoud = self.plan(nummer)?.snapshot();
        let volgende: u32 = self.conn.query_row(
            "SELECT coalesce(max(nummer), 0) + 1 FROM planversie WHERE casus_id = ?1",
            [&cid],
            |r| r.get(0),
        )?;
        let json = serde_json::to_string(&inhoud).map_err(|e| StoreFout::Migratie(e.to_string()))?;
        let json = snapshot_inpakken(&json)?;
        let mut w = self.schrijver()?;
        let tijd = w.tijdstip().to_string();
        let wie = w.gebruiker().to_string();
        w.nieuw(
            &s::PLANVERSIE,
            &nieuw_id(),
            &[
                ("casus_id", tekst(cid)),
                ("nummer", getal(volgende)),
                ("vastgelegd_op", tekst(tijd)),
                ("vastgelegd_door", tekst(wie)),
                ("reden", tekst(reden)),
                ("inhoud", tekst(json)),
            ],
        )?;
        w.commit()?;
        Ok(volgende)
    }

    /// All frozen versions of a plan, oldest first.
    pub fn plan_versies(&self, nummer: &str) -> Resultaat<Vec<PlanVersie>> {
        let cid = casus_id(&self.conn, nummer)?;
        let mut stmt = self.conn.prepare(
            "SELECT nummer, vastgelegd_op, vastgelegd_door, reden, inhoud FROM planversie WHERE casus_id = ?1 ORDER BY nummer",
        )?;
        let versies = stmt
            .query_map([&cid], |r| {
                let inhoud: String = r.get(4)?;
                let inhoud = snapshot_uitpakken(&inhoud).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, Box::new(e))
                })?;
                Ok(PlanVersie {
                    nummer: r.get(0)?,
                    vastgelegd_op: r.get(1)?,
                    vastgelegd_door: r.get(2)?,
                    reden: r.get(3)?,
                    inhoud: serde_json::from_str(&inhoud).map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, Box::new(e))
                    })?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(versies)
    }
}

/// How a frozen plan version's snapshot starts when it is stored deflated (schema 23).
const INGEPAKT: &str = "deflate+base64:";

/// The snapshot of a plan version as stored and synced: deflated, as base64 text after
/// [`INGEPAKT`]. A snapshot is about 2 KB of JSON, just over half a page, so every version
/// took a page of its own; packed it is about half, and three share a page (issue 23).
/// It is written once and never edited, and the text travels as any field value.
pub(crate) fn snapshot_inpakken(json: &str) -> Resultaat<String> {
    use base64::Engine as _;
    use std::io::Write as _;
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(json.as_bytes())?;
    let bytes = z.finish()?;
    Ok(format!("{INGEPAKT}{}", base64::engine::general_purpose::STANDARD.encode(bytes)))
}

/// The JSON of a stored snapshot: unpacked ([`snapshot_inpakken`]), or as it is when it
/// was stored as JSON (versions frozen before schema 23, or by an older colleague).
pub(crate) fn snapshot_uitpakken(opgeslagen: &str) -> Result<String, SnapshotFout> {
    use base64::Engine as _;
    use std::io::Read as _;
    let Some(b64) = opgeslagen.strip_prefix(INGEPAKT) else {
        return Ok(opgeslagen.to_string());
    };
    let bytes = base64::engine::general_purpose::STANDARD.decode(b64).map_err(|e| SnapshotFout(e.to_string()))?;
    let mut json = String::new();
    // A snapshot is a few KB; a colleague's bundle must not unpack into a bomb.
    flate2::read::DeflateDecoder::new(&bytes[..])
        .take(MAX_SNAPSHOT + 1)
        .read_to_string(&mut json)
        .map_err(|e| SnapshotFout(e.to_string()))?;
    if json.len() as u64 > MAX_SNAPSHOT {
        return Err(SnapshotFout(format!("unpacks to more than {MAX_SNAPSHOT} bytes")));
    }
    Ok(json)
}

/// The most a packed snapshot may unpack to: a plan of hundreds of goals and actions is
/// well under 1 MB of JSON.
pub(crate) const MAX_SNAPSHOT: u64 = 1 << 20;

/// Whether `waarde` is a packed snapshot ([`snapshot_inpakken`]).
pub(crate) fn is_ingepakt(waarde: &str) -> bool {
    waarde.starts_with(INGEPAKT)
}

/// A stored snapshot that cannot be unpacked.
#[derive(Debug, thiserror::Error)]
#[error("plan snapshot cannot be unpacked: {0}")]
pub struct SnapshotFout(String);

#[cfg(test)]
mod tests {
    use super::*;

    /// A frozen version's snapshot is stored packed, reads back as the plan it froze, and
    /// a snapshot stored as JSON (before schema 23, or by an older colleague) reads as it
    /// always did; a damaged one is an error, not an empty plan.
    #[test]
    fn vastgelegde_versie_wordt_ingepakt_bewaard_en_leest_terug() {
        let (_dir, mut s) = crate::store::testhulp::nieuwe_store();
        let n = crate::store::NieuweCasus {
            werknaam: "Zilveren Meeuw".into(),
            thema: "nazorg".into(),
            ..Default::default()
        };
        let nr = s.nieuwe_casus(n).unwrap().to_string();
        let lg = s.leefgebieden().unwrap()[0].id.clone();
        s.doel_toevoegen(&nr, &lg, "Een vaste woonplek met begeleiding, ë en ï inbegrepen").unwrap();
        s.plan_vastleggen(&nr, "Eerste versie").unwrap();
        let opgeslagen: String = s.conn.query_row("SELECT inhoud FROM planversie", [], |r| r.get(0)).unwrap();
        assert!(opgeslagen.starts_with(INGEPAKT), "{opgeslagen}");
        let versies = s.plan_versies(&nr).unwrap();
        assert_eq!(versies[0].inhoud, s.plan(&nr).unwrap().snapshot());
        assert_eq!(versies[0].inhoud.doelen[0].omschrijving, "Een vaste woonplek met begeleiding, ë en ï inbegrepen");
        let json = serde_json::to_string(&versies[0].inhoud).unwrap();
        assert_eq!(snapshot_uitpakken(&json).unwrap(), json);
        assert_eq!(snapshot_uitpakken(&snapshot_inpakken(&json).unwrap()).unwrap(), json);
        assert!(snapshot_uitpakken(&format!("{INGEPAKT}!!")).is_err());
        // A bomb: 2 MB of spaces deflate to a few KB and are refused, not unpacked.
        let bom = snapshot_inpakken(&" ".repeat(2 << 20)).unwrap();
        assert!(bom.len() < 10_000, "{}", bom.len());
        let fout = snapshot_uitpakken(&bom).unwrap_err().to_string();
        assert!(fout.contains("more than 1048576 bytes"), "{fout}");
        // The inzageverzoek shows the snapshot as JSON, not as its packed form.
        let cid = s.casus_id(&nr).unwrap();
        let inzage = super::super::inzage::rijen(&s.conn, &s::PLANVERSIE, "casus_id", &cid).unwrap();
        let inzage = serde_json::to_string(&inzage).unwrap();
        assert!(inzage.contains("Een vaste woonplek met begeleiding") && !inzage.contains(INGEPAKT), "{inzage}");
    }
}

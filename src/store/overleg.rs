//! Meetings: planning, agenda items, BOB minutes, decisions that become actions.

use super::casus::{NieuwJournaal, Weging, casus_id, datum_tekst};
use super::plan::{ActieOpgeslagen, NieuweActie};
use super::schrijven::{self as s, getal, nieuw_id, tekst};
use super::{Resultaat, Store, StoreFout};
use crate::domain::overleg::OverlegStatus;
use crate::domain::{Convenantstatus, JournaalSoort, OverlegSoort, WegingUitkomst, verplicht};
use chrono::{NaiveDate, NaiveTime};
use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::Serialize;

/// A new meeting.
#[derive(Debug, Clone)]
pub struct NieuwOverleg {
    /// Meeting type from the editable list: its id, the first 8 or more characters of
    /// its id, its name or a unique start of the name. The built-in codes
    /// (`OverlegSoort::code`) are the seed ids. Only active types can be chosen.
    pub soort: String,
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
    /// Kind, for the rules (a weegtafel records weging outcomes): the built-in type, or
    /// for a type added to the list, its fixed category.
    pub soort: OverlegSoort,
    /// Name of the type as the editable list shows it (renames included).
    pub soort_naam: String,
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
    /// Date of the next meeting, once planned.
    pub volgende_datum: Option<String>,
}

/// An agenda item with its minutes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agendapunt {
    /// Record id.
    pub id: String,
    /// Casus id; empty for a general item.
    pub casus_id: String,
    /// Casusnummer; empty for a general item.
    pub casusnummer: String,
    /// Subject of a general item (not a casus); empty for a casus item.
    pub tekst: String,
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

impl Agendapunt {
    /// A general item: not a casus.
    pub fn is_algemeen(&self) -> bool {
        self.casus_id.is_empty()
    }
}

/// An invitee of a meeting, as the meeting screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GenodigdeRegel {
    /// Record id of the invitation.
    pub id: String,
    /// Contact id.
    pub contact_id: String,
    /// Contact name.
    pub naam: String,
    /// Organisation (empty for a contact without partner).
    pub organisatie: String,
    /// Covenant status of the organisation (`Geen` for a contact without partner).
    pub convenant: Convenantstatus,
    /// Attendance: `None` not recorded yet.
    pub aanwezig: Option<bool>,
}

/// An invitee whose organisation may not receive personal data of the cases on the agenda.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConvenantWaarschuwing {
    /// Contact name.
    pub naam: String,
    /// Organisation.
    pub organisatie: String,
    /// Its covenant status.
    pub convenant: Convenantstatus,
    /// Casusnummers on the agenda that would be discussed with them.
    pub casussen: Vec<String>,
}

/// A contact person with its organisation, for the invitee picker.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactMetOrganisatie {
    /// Contact id.
    pub id: String,
    /// Contact name.
    pub naam: String,
    /// Organisation (empty when none).
    pub organisatie: String,
}

/// A correction made to the minutes after the meeting was closed (a journal entry of the casus).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verslagcorrectie {
    /// Casusnummer.
    pub casusnummer: String,
    /// Who.
    pub auteur: String,
    /// Date `JJJJ-MM-DD`.
    pub datum: String,
    /// The full journal text.
    pub tekst: String,
}

/// The journal prefix of the minutes of one agenda item, written when the meeting closes:
/// "Verslag casusoverleg 12-05-2026".
fn verslag_kop(soort_naam: &str, datum: &str) -> String {
    format!("Verslag {} {}", soort_naam.to_lowercase(), crate::domain::nl_datum(datum))
}

/// Reasons to ask twice before closing a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SluitControle {
    /// The meeting's date lies after today.
    pub in_de_toekomst: bool,
    /// Casusnummers of agenda items without beeld, oordeel or besluit.
    pub zonder_bob: Vec<String>,
}

/// The journal prefix that ties a correction to a meeting: "Correctie verslag casusoverleg 12-05-2026".
fn correctie_kop(soort: OverlegSoort, datum: &str) -> String {
    format!("Correctie verslag {} {}", soort.label().to_lowercase(), crate::domain::nl_datum(datum))
}

/// Resolve a meeting type for a new meeting, given as id, the first 8 or more characters
/// of its id, name, or unique start of the name (case-insensitive). An archived type is
/// refused with its name; an unknown one as unknown.
pub(crate) fn overlegsoort_id(conn: &rusqlite::Connection, invoer: &str) -> Resultaat<String> {
    let t = invoer.trim();
    let lager = t.to_lowercase();
    let mut stmt = conn.prepare("SELECT id, naam, actief FROM overlegsoort ORDER BY volgorde, naam")?;
    let items: Vec<(String, String, bool)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
    let uniek = |passend: &dyn Fn(&(String, String, bool)) -> bool| {
        let mut k = items.iter().filter(|i| passend(i));
        match (k.next(), k.next()) {
            (Some(een), None) => Some(een),
            _ => None,
        }
    };
    let gevonden = items
        .iter()
        .find(|(id, naam, _)| *id == t || id.to_lowercase() == lager || naam.to_lowercase() == lager)
        .or_else(|| uniek(&|(id, _, _)| lager.len() >= 8 && id.starts_with(&lager)))
        .or_else(|| {
            uniek(&|(_, naam, actief)| *actief && !lager.is_empty() && naam.to_lowercase().starts_with(&lager))
        });
    match gevonden {
        Some((id, _, true)) => Ok(id.clone()),
        Some((_, naam, false)) => Err(StoreFout::Gearchiveerd { tabel: "overlegsoort", naam: naam.clone() }),
        None => Err(StoreFout::Onbekend { tabel: "overlegsoort", id: t.to_string() }),
    }
}

impl Store {
    /// Plan a meeting.
    pub fn overleg_plannen(&mut self, o: NieuwOverleg) -> Resultaat<String> {
        let soort = overlegsoort_id(&self.conn, &o.soort)?;
        let id = nieuw_id();
        let mut w = self.schrijver()?;
        w.nieuw(
            &s::OVERLEG,
            &id,
            &[
                ("soort", tekst(soort)),
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
        self.agendapunt_nieuw(overleg_id, ("casus_id", tekst(cid)), duur_minuten)
    }

    /// Put a general item (not a casus, no personal data) on the agenda, e.g.
    /// "Mededelingen"; it syncs to every colleague like the meeting itself.
    pub fn agendapunt_algemeen(&mut self, overleg_id: &str, onderwerp: &str, duur_minuten: i64) -> Resultaat<String> {
        let onderwerp = verplicht("onderwerp", onderwerp)?.to_string();
        if self.overleg_status(overleg_id)? == OverlegStatus::Gesloten {
            return Err(StoreFout::OverlegGesloten);
        }
        self.agendapunt_nieuw(overleg_id, ("tekst", tekst(onderwerp)), duur_minuten)
    }

    fn agendapunt_nieuw(&mut self, overleg_id: &str, wat: (&str, Value), duur_minuten: i64) -> Resultaat<String> {
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
                wat,
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

    /// The meeting an agenda item belongs to.
    pub fn overleg_van_agendapunt(&self, agendapunt_id: &str) -> Resultaat<String> {
        self.overleg_van(agendapunt_id)
    }

    /// Set (or clear) the date of the next meeting, printed in the minutes. Refused once
    /// the meeting is closed; the date may not lie before the meeting itself.
    pub fn overleg_volgende_datum(&mut self, overleg_id: &str, datum: Option<NaiveDate>) -> Resultaat<()> {
        let o = self.overleg(overleg_id)?;
        if o.status == OverlegStatus::Gesloten {
            return Err(StoreFout::OverlegGesloten);
        }
        if let Some(d) = datum
            && datum_tekst(d) < o.datum
        {
            return Err(crate::domain::DomeinFout::OngeldigeDatum(datum_tekst(d)).into());
        }
        let mut w = self.schrijver()?;
        w.wijzig(&s::OVERLEG, overleg_id, &[("volgende_datum", s::tekst_of_null(datum.map(datum_tekst)))])?;
        w.commit()
    }

    fn overleg_van(&self, agendapunt_id: &str) -> Resultaat<String> {
        self.conn
            .query_row("SELECT overleg_id FROM agendapunt WHERE id = ?1", [agendapunt_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreFout::Onbekend { tabel: "agendapunt", id: agendapunt_id.to_string() })
    }

    /// Whether a meeting is a weegtafel: by the fixed category of its type, so a renamed
    /// type still counts (a type this device does not know counts by its code).
    pub fn is_weegtafel(&self, overleg_id: &str) -> Resultaat<bool> {
        let categorie: Option<String> = self
            .conn
            .query_row(
                "SELECT coalesce(s.categorie, o.soort) FROM overleg o LEFT JOIN overlegsoort s ON s.id = o.soort
                 WHERE o.id = ?1",
                [overleg_id],
                |r| r.get(0),
            )
            .optional()?;
        let categorie =
            categorie.ok_or_else(|| StoreFout::Onbekend { tabel: "overleg", id: overleg_id.to_string() })?;
        Ok(categorie == "weegtafel")
    }

    /// A weegtafel's besluit on an agenda item: records the casus's weging outcome with the
    /// meeting's date and id (see [`Store::casus_weging`]). Refused for other meeting
    /// types and once the meeting is closed.
    pub fn agendapunt_weging(&mut self, agendapunt_id: &str, uitkomst: WegingUitkomst) -> Resultaat<()> {
        let overleg_id = self.overleg_van(agendapunt_id)?;
        if self.overleg_status(&overleg_id)? == OverlegStatus::Gesloten {
            return Err(StoreFout::OverlegGesloten);
        }
        if !self.is_weegtafel(&overleg_id)? {
            return Err(StoreFout::GeenWeegtafel);
        }
        let nummer: String = self.conn.query_row(
            "SELECT c.nummer FROM agendapunt a JOIN casus c ON c.id = a.casus_id WHERE a.id = ?1",
            [agendapunt_id],
            |r| r.get(0),
        )?;
        self.casus_weging(&nummer, &Weging { uitkomst, datum: None, overleg: Some(overleg_id) })
    }

    /// Turn a decision on an agenda item into an action in the case's plan.
    pub fn besluit_naar_actie(&mut self, agendapunt_id: &str, mut actie: NieuweActie) -> Resultaat<ActieOpgeslagen> {
        let overleg_id = self.overleg_van(agendapunt_id)?;
        if self.overleg_status(&overleg_id)? == OverlegStatus::Gesloten {
            return Err(StoreFout::OverlegGesloten);
        }
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
        let o = self.overleg(overleg_id)?;
        if o.status == OverlegStatus::Gesloten {
            return Err(StoreFout::OverlegGesloten);
        }
        let agenda = self.agenda(overleg_id)?;
        let mut w = self.schrijver()?;
        w.wijzig(&s::OVERLEG, overleg_id, &[("status", tekst(OverlegStatus::Gesloten.code()))])?;
        // The minutes become part of each casus's journaal (and so of its search index),
        // in the same transaction: "Verslag casusoverleg 12-05-2026 (09:15): Beeld: …".
        let auteur = w.gebruiker().to_string();
        for a in agenda
            .iter()
            .filter(|a| !a.is_algemeen())
            .filter(|a| !(a.beeld.trim().is_empty() && a.oordeel.trim().is_empty() && a.besluit.trim().is_empty()))
        {
            let mut delen = Vec::new();
            for (kop, t) in [("Beeld", &a.beeld), ("Oordeel", &a.oordeel), ("Besluit", &a.besluit)] {
                if !t.trim().is_empty() {
                    delen.push(format!("{kop}: {}", t.trim()));
                }
            }
            let regel = format!("{} ({}): {}", verslag_kop(&o.soort_naam, &o.datum), a.starttijd, delen.join(" "));
            w.nieuw(
                &s::JOURNAAL,
                &nieuw_id(),
                &[
                    ("casus_id", tekst(&a.casus_id)),
                    ("datum", tekst(&o.datum)),
                    ("auteur", tekst(&auteur)),
                    ("soort", tekst(JournaalSoort::Notitie.code())),
                    ("inrichting", tekst("")),
                    ("tekst", tekst(regel)),
                ],
            )?;
        }
        w.commit()
    }

    /// What to warn about before closing a meeting: a date still in the future, and agenda
    /// items (by casusnummer) without any minutes.
    pub fn overleg_sluiten_controle(&self, overleg_id: &str) -> Resultaat<SluitControle> {
        let o = self.overleg(overleg_id)?;
        let vandaag = datum_tekst(chrono::Local::now().date_naive());
        let zonder_bob = self
            .agenda(overleg_id)?
            .into_iter()
            .filter(|a| !a.is_algemeen())
            .filter(|a| a.beeld.trim().is_empty() && a.oordeel.trim().is_empty() && a.besluit.trim().is_empty())
            .map(|a| a.casusnummer)
            .collect();
        Ok(SluitControle { in_de_toekomst: o.datum > vandaag, zonder_bob })
    }

    /// Meetings, newest first.
    pub fn overleggen(&self) -> Resultaat<Vec<Overleg>> {
        let mut stmt = self.conn.prepare(
            "SELECT o.id, o.soort, o.datum, o.begintijd, o.plaats, o.voorzitter, o.status, o.volgende_datum,
                    s.naam, s.categorie
             FROM overleg o LEFT JOIN overlegsoort s ON s.id = o.soort
             ORDER BY o.datum DESC, o.begintijd",
        )?;
        let lijst = stmt
            .query_map([], |r| {
                let code: String = r.get(1)?;
                let status: String = r.get(6)?;
                let naam: Option<String> = r.get(8)?;
                let categorie: Option<String> = r.get(9)?;
                let soort = OverlegSoort::parse(&code)
                    .or_else(|_| OverlegSoort::parse(categorie.as_deref().unwrap_or_default()))
                    .unwrap_or(OverlegSoort::Casusoverleg);
                Ok(Overleg {
                    id: r.get(0)?,
                    soort,
                    soort_naam: naam.filter(|n| !n.is_empty()).unwrap_or_else(|| soort.label().to_string()),
                    datum: r.get(2)?,
                    begintijd: r.get(3)?,
                    plaats: r.get(4)?,
                    voorzitter: r.get(5)?,
                    status: OverlegStatus::parse(&status).unwrap_or(OverlegStatus::Gepland),
                    volgende_datum: r.get(7)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(lijst)
    }

    /// The agenda of a meeting in order.
    pub fn agenda(&self, overleg_id: &str) -> Resultaat<Vec<Agendapunt>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, coalesce(a.casus_id, ''), coalesce(c.nummer, ''), a.starttijd, a.duur_minuten, a.beeld,
                    a.oordeel, a.besluit, a.tekst
             FROM agendapunt a LEFT JOIN casus c ON c.id = a.casus_id
             WHERE a.overleg_id = ?1 AND (a.casus_id IS NULL OR c.id IS NOT NULL) ORDER BY a.volgorde",
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
                    tekst: r.get(8)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(lijst)
    }

    /// A meeting by id.
    pub fn overleg(&self, overleg_id: &str) -> Resultaat<Overleg> {
        self.overleggen()?
            .into_iter()
            .find(|o| o.id == overleg_id)
            .ok_or_else(|| StoreFout::Onbekend { tabel: "overleg", id: overleg_id.to_string() })
    }

    /// The invitees of a meeting with their organisation, covenant status and attendance.
    pub fn genodigden(&self, overleg_id: &str) -> Resultaat<Vec<GenodigdeRegel>> {
        let mut stmt = self.conn.prepare(
            "SELECT g.id, g.contact_id, k.naam, coalesce(p.naam, ''), coalesce(p.convenantstatus, 'geen'), g.aanwezig
             FROM genodigde g JOIN contactpersoon k ON k.id = g.contact_id LEFT JOIN partner p ON p.id = k.partner_id
             WHERE g.overleg_id = ?1 ORDER BY p.naam, k.naam",
        )?;
        let lijst = stmt
            .query_map([overleg_id], |r| {
                let c: String = r.get(4)?;
                Ok(GenodigdeRegel {
                    id: r.get(0)?,
                    contact_id: r.get(1)?,
                    naam: r.get(2)?,
                    organisatie: r.get(3)?,
                    convenant: Convenantstatus::parse(&c).unwrap_or(Convenantstatus::Geen),
                    aanwezig: r.get::<_, Option<i64>>(5)?.map(|a| a != 0),
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(lijst)
    }

    /// All active contact persons with their organisation, by organisation and name.
    pub fn alle_contacten(&self) -> Resultaat<Vec<ContactMetOrganisatie>> {
        let mut stmt = self.conn.prepare(
            "SELECT k.id, k.naam, coalesce(p.naam, '') FROM contactpersoon k LEFT JOIN partner p ON p.id = k.partner_id
             WHERE k.gearchiveerd = 0 AND coalesce(p.gearchiveerd, 0) = 0 ORDER BY p.naam, k.naam",
        )?;
        let lijst = stmt
            .query_map([], |r| Ok(ContactMetOrganisatie { id: r.get(0)?, naam: r.get(1)?, organisatie: r.get(2)? }))?
            .collect::<Result<_, _>>()?;
        Ok(lijst)
    }

    /// Invitees whose organisation has no covenant while cases are on the agenda: their
    /// personal data would be discussed with them.
    pub fn convenant_waarschuwingen(&self, overleg_id: &str) -> Resultaat<Vec<ConvenantWaarschuwing>> {
        let casussen: Vec<String> = self.agenda(overleg_id)?.into_iter().map(|a| a.casusnummer).collect();
        if casussen.is_empty() {
            return Ok(Vec::new());
        }
        Ok(self
            .genodigden(overleg_id)?
            .into_iter()
            .filter(|g| !g.convenant.mag_persoonsgegevens_ontvangen())
            .map(|g| ConvenantWaarschuwing {
                naam: g.naam,
                organisatie: g.organisatie,
                convenant: g.convenant,
                casussen: casussen.clone(),
            })
            .collect())
    }

    /// Tick off attendance of an invitee. Refused once the meeting is closed.
    pub fn aanwezigheid(&mut self, genodigde_id: &str, aanwezig: bool) -> Resultaat<()> {
        let overleg_id: String = self
            .conn
            .query_row("SELECT overleg_id FROM genodigde WHERE id = ?1", [genodigde_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreFout::Onbekend { tabel: "genodigde", id: genodigde_id.to_string() })?;
        if self.overleg_status(&overleg_id)? == OverlegStatus::Gesloten {
            return Err(StoreFout::OverlegGesloten);
        }
        let mut w = self.schrijver()?;
        w.wijzig(&s::GENODIGDE, genodigde_id, &[("aanwezig", getal(i64::from(aanwezig)))])?;
        w.commit()
    }

    /// Move an agenda item one place up (`omhoog`) or down; the time slots follow the new order.
    pub fn agendapunt_verplaats(&mut self, agendapunt_id: &str, omhoog: bool) -> Resultaat<()> {
        let overleg_id = self.overleg_van(agendapunt_id)?;
        if self.overleg_status(&overleg_id)? == OverlegStatus::Gesloten {
            return Err(StoreFout::OverlegGesloten);
        }
        let mut ids: Vec<String> = self.agenda(&overleg_id)?.into_iter().map(|a| a.id).collect();
        let Some(i) = ids.iter().position(|x| x == agendapunt_id) else { return Ok(()) };
        let j = if omhoog { i.checked_sub(1) } else { Some(i + 1).filter(|j| *j < ids.len()) };
        let Some(j) = j else { return Ok(()) };
        ids.swap(i, j);
        self.agenda_herplannen(&overleg_id, &ids, None)
    }

    /// Change the minutes reserved for an agenda item (5..=240); later slots shift.
    pub fn agendapunt_duur(&mut self, agendapunt_id: &str, duur_minuten: i64) -> Resultaat<()> {
        let overleg_id = self.overleg_van(agendapunt_id)?;
        if self.overleg_status(&overleg_id)? == OverlegStatus::Gesloten {
            return Err(StoreFout::OverlegGesloten);
        }
        let ids: Vec<String> = self.agenda(&overleg_id)?.into_iter().map(|a| a.id).collect();
        self.agenda_herplannen(&overleg_id, &ids, Some((agendapunt_id, duur_minuten.clamp(5, 240))))
    }

    /// Take a casus off the agenda of a meeting that is not closed.
    pub fn agendapunt_verwijderen(&mut self, agendapunt_id: &str) -> Resultaat<()> {
        let overleg_id = self.overleg_van(agendapunt_id)?;
        if self.overleg_status(&overleg_id)? == OverlegStatus::Gesloten {
            return Err(StoreFout::OverlegGesloten);
        }
        let gekoppeld: i64 =
            self.conn
                .query_row("SELECT count(*) FROM actie WHERE agendapunt_id = ?1", [agendapunt_id], |r| r.get(0))?;
        if gekoppeld > 0 {
            return Err(StoreFout::AgendapuntMetActies);
        }
        let ids: Vec<String> =
            self.agenda(&overleg_id)?.into_iter().map(|a| a.id).filter(|i| i != agendapunt_id).collect();
        let mut w = self.schrijver()?;
        w.verwijder(&s::AGENDAPUNT, agendapunt_id)?;
        w.commit()?;
        self.agenda_herplannen(&overleg_id, &ids, None)
    }

    /// Write order and start times for the items `ids` in that order (unchanged values write nothing).
    fn agenda_herplannen(&mut self, overleg_id: &str, ids: &[String], duur: Option<(&str, i64)>) -> Resultaat<()> {
        let begin: String =
            self.conn.query_row("SELECT begintijd FROM overleg WHERE id = ?1", [overleg_id], |r| r.get(0))?;
        let mut tijd = NaiveTime::parse_from_str(&begin, "%H:%M").unwrap_or_default();
        let mut duren = Vec::with_capacity(ids.len());
        for id in ids {
            let d: i64 = match duur {
                Some((did, d)) if did == id.as_str() => d,
                _ => self.conn.query_row("SELECT duur_minuten FROM agendapunt WHERE id = ?1", [id], |r| r.get(0))?,
            };
            duren.push(d);
        }
        let mut w = self.schrijver()?;
        for (n, (id, d)) in ids.iter().zip(duren).enumerate() {
            w.wijzig(
                &s::AGENDAPUNT,
                id,
                &[
                    ("volgorde", getal(n as i64 + 1)),
                    ("starttijd", tekst(tijd.format("%H:%M").to_string())),
                    ("duur_minuten", getal(d)),
                ],
            )?;
            tijd += chrono::Duration::minutes(d);
        }
        w.commit()
    }

    /// Correct the minutes of a closed meeting: the minutes stay as they were and the
    /// correction becomes a new, logged journal entry of the casus, tied to the meeting.
    pub fn verslag_corrigeren(&mut self, agendapunt_id: &str, correctie: &str) -> Resultaat<String> {
        let correctie = verplicht("correctie", correctie)?;
        let overleg_id = self.overleg_van(agendapunt_id)?;
        if self.overleg_status(&overleg_id)? != OverlegStatus::Gesloten {
            return Err(StoreFout::OverlegNietGesloten);
        }
        let o = self.overleg(&overleg_id)?;
        let (nummer, starttijd): (String, String) = self.conn.query_row(
            "SELECT c.nummer, a.starttijd FROM agendapunt a JOIN casus c ON c.id = a.casus_id WHERE a.id = ?1",
            [agendapunt_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        self.journaal_toevoegen(
            &nummer,
            NieuwJournaal {
                soort: JournaalSoort::Notitie,
                tekst: format!("{} (agendapunt {starttijd}): {correctie}", correctie_kop(o.soort, &o.datum)),
                datum: None,
                inrichting: None,
            },
        )
    }

    /// Corrections made after closing, oldest first.
    pub fn verslagcorrecties(&self, overleg_id: &str) -> Resultaat<Vec<Verslagcorrectie>> {
        let o = self.overleg(overleg_id)?;
        let kop = correctie_kop(o.soort, &o.datum);
        let mut stmt = self.conn.prepare(
            "SELECT c.nummer, j.auteur, j.datum, j.tekst FROM journaal j JOIN casus c ON c.id = j.casus_id
             WHERE j.casus_id IN (SELECT casus_id FROM agendapunt WHERE overleg_id = ?1)
               AND substr(j.tekst, 1, length(?2)) = ?2
             ORDER BY j.datum, j.aangemaakt_hlc, j.aangemaakt_door",
        )?;
        let lijst = stmt
            .query_map(rusqlite::params![overleg_id, kop], |r| {
                Ok(Verslagcorrectie { casusnummer: r.get(0)?, auteur: r.get(1)?, datum: r.get(2)?, tekst: r.get(3)? })
            })?
            .collect::<Result<_, _>>()?;
        Ok(lijst)
    }

    /// Actions decided in a meeting: (agenda item id, "what — partner / contact, deadline").
    pub fn besloten_acties(&self, overleg_id: &str) -> Resultaat<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.agendapunt_id, a.omschrijving, trim(coalesce(p.naam, '') || coalesce(' / ' || k.naam, '')), a.deadline
             FROM actie a JOIN agendapunt g ON g.id = a.agendapunt_id
             LEFT JOIN partner p ON p.id = a.partner_id LEFT JOIN contactpersoon k ON k.id = a.contact_id
             WHERE g.overleg_id = ?1 ORDER BY g.volgorde, a.volgorde",
        )?;
        let lijst = stmt
            .query_map([overleg_id], |r| {
                let (wat, wie, deadline): (String, String, Option<String>) = (r.get(1)?, r.get(2)?, r.get(3)?);
                let mut t = wat;
                if !wie.is_empty() {
                    t.push_str(&format!(" — {wie}"));
                }
                if let Some(d) = deadline {
                    t.push_str(&format!(", uiterlijk {}", crate::domain::nl_datum(&d)));
                }
                Ok((r.get(0)?, t))
            })?
            .collect::<Result<_, _>>()?;
        Ok(lijst)
    }
}

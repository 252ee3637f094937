//! Adviesvragen ("advies kort"): a partner or gemeente asks the ZVH for advice without an
//! aanmelding. Counted separately (kengetallen), converted into an aanmelding when needed.
//!
//! **Sync and need-to-know.** An adviesvraag syncs to colleagues like any record, but it is
//! its own scope key in the change log (as a casus is): a bundle limited to some casussen —
//! the scoped bundle of a trajectbegeleider — does not carry it, unless it was converted
//! into a casus inside that scope (then it travels with that casus, whole history
//! included; `sync::exporteer`). A trajectbegeleider has no need to know the advice the
//! ZVH gives partners, only where their own casus came from.
//!
//! **Retention.** An adviesvraag that was not converted may be removed once
//! [`ADVIES_BEWAARTERMIJN_MAANDEN`] have passed since its date (`advies verwijder`, also
//! earlier with a reason); removal wipes its values from the change log. A converted one
//! is kept and removed with its casus (`store::bewaren`).

use super::casus::{datum_tekst, lijst_zoek, vandaag};
use super::schrijven::{self as s, getal, nieuw_id, tekst, tekst_of_null};
use super::{Resultaat, Store, StoreFout};
use crate::domain::advies::{controleer_initialen, controleer_minuten};
use crate::domain::{Casusnummer, DomeinFout, verplicht};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

/// Months after its date that an adviesvraag that never became a casus is kept.
pub const ADVIES_BEWAARTERMIJN_MAANDEN: u32 = 24;

/// An adviesvraag as shown in lists and on its own.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Adviesvraag {
    /// Record id.
    pub id: String,
    /// Date asked (`JJJJ-MM-DD`).
    pub datum: String,
    /// Thema id.
    pub thema_id: Option<String>,
    /// Thema name.
    pub thema: String,
    /// Gemeente id.
    pub gemeente_id: Option<String>,
    /// Gemeente name.
    pub gemeente: String,
    /// Vraagsteller: partner id.
    pub partner_id: Option<String>,
    /// Vraagsteller: partner name (empty: none).
    pub vraagsteller: String,
    /// Contact person id.
    pub contact_id: Option<String>,
    /// Contact person name (empty: none).
    pub contact: String,
    /// Initials of the person it is about, at most (no personal data).
    pub initialen: String,
    /// The question.
    pub vraag: String,
    /// The advice given.
    pub advies: String,
    /// Minutes spent.
    pub minuten: i64,
    /// Referred to (free text: an organisation).
    pub doorverwezen: String,
    /// The casus it was converted into (id).
    pub casus_id: Option<String>,
    /// Its casusnummer, when that casus is on this device.
    pub casusnummer: Option<String>,
}

/// A new adviesvraag.
#[derive(Debug, Clone, Default)]
pub struct NieuweAdviesvraag {
    /// Date asked (default today; not in the future).
    pub datum: Option<NaiveDate>,
    /// Thema: id, name or unique start of the name (required, active).
    pub thema: String,
    /// Gemeente: id, name or unique start of the name (required, active).
    pub gemeente: String,
    /// The question (required).
    pub vraag: String,
    /// Vraagsteller: partner id.
    pub partner_id: Option<String>,
    /// Contact person id (of that partner).
    pub contact_id: Option<String>,
    /// Initials at most.
    pub initialen: String,
    /// The advice given.
    pub advies: String,
    /// Minutes spent (≥ 0).
    pub minuten: i64,
    /// Referred to.
    pub doorverwezen: String,
}

/// Changes to an adviesvraag; `None` leaves a field unchanged, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct AdviesWijziging {
    /// Date asked.
    pub datum: Option<NaiveDate>,
    /// Thema.
    pub thema: Option<String>,
    /// Gemeente.
    pub gemeente: Option<String>,
    /// The question.
    pub vraag: Option<String>,
    /// Vraagsteller (partner id).
    pub partner_id: Option<Option<String>>,
    /// Contact person id.
    pub contact_id: Option<Option<String>>,
    /// Initials.
    pub initialen: Option<String>,
    /// The advice given.
    pub advies: Option<String>,
    /// Minutes spent.
    pub minuten: Option<i64>,
    /// Referred to.
    pub doorverwezen: Option<String>,
}

/// Filter of the adviesvragen list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AdviesFilter {
    /// Only this thema (id).
    pub thema_id: Option<String>,
    /// Only this gemeente (id).
    pub gemeente_id: Option<String>,
    /// From this date.
    pub van: Option<NaiveDate>,
    /// Up to and including this date.
    pub tot: Option<NaiveDate>,
}

const SELECT: &str = "SELECT a.id, a.datum, a.thema_id, coalesce(t.naam, ''), a.gemeente_id, coalesce(g.naam, ''),
        a.partner_id, coalesce(p.naam, ''), a.contact_id, coalesce(k.naam, ''), a.initialen, a.vraag, a.advies,
        a.minuten, a.doorverwezen, a.casus_id, c.nummer
    FROM adviesvraag a LEFT JOIN thema t ON t.id = a.thema_id LEFT JOIN gemeente g ON g.id = a.gemeente_id
        LEFT JOIN partner p ON p.id = a.partner_id LEFT JOIN contactpersoon k ON k.id = a.contact_id
        LEFT JOIN casus c ON c.id = a.casus_id";

fn van_rij(r: &Row) -> rusqlite::Result<Adviesvraag> {
    Ok(Adviesvraag {
        id: r.get(0)?,
        datum: r.get(1)?,
        thema_id: r.get(2)?,
        thema: r.get(3)?,
        gemeente_id: r.get(4)?,
        gemeente: r.get(5)?,
        partner_id: r.get(6)?,
        vraagsteller: r.get(7)?,
        contact_id: r.get(8)?,
        contact: r.get(9)?,
        initialen: r.get(10)?,
        vraag: r.get(11)?,
        advies: r.get(12)?,
        minuten: r.get(13)?,
        doorverwezen: r.get(14)?,
        casus_id: r.get(15)?,
        casusnummer: r.get(16)?,
    })
}

/// An entry of an editable list, refused when archived (not in use any more).
pub(crate) fn actief_uit_lijst(
    conn: &Connection,
    tabel: &'static str,
    prefix: &str,
    invoer: &str,
) -> Resultaat<String> {
    verplicht(tabel, invoer)?;
    let id = lijst_zoek(conn, tabel, prefix, invoer)?;
    let (naam, actief): (String, bool) =
        conn.query_row(&format!("SELECT naam, actief FROM {tabel} WHERE id = ?1"), [&id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    if !actief {
        return Err(StoreFout::Gearchiveerd { tabel, naam });
    }
    Ok(id)
}

fn datum_niet_in_toekomst(d: NaiveDate) -> Resultaat<NaiveDate> {
    if d > vandaag() {
        return Err(DomeinFout::DatumInToekomst { veld: "adviesdatum", datum: datum_tekst(d) }.into());
    }
    Ok(d)
}

/// The contact must belong to the vraagsteller (a contact without a partner is refused).
fn controleer_contact(conn: &Connection, partner: Option<&str>, contact: Option<&str>) -> Resultaat<()> {
    let Some(c) = contact else { return Ok(()) };
    let van: Option<Option<String>> =
        conn.query_row("SELECT partner_id FROM contactpersoon WHERE id = ?1", [c], |r| r.get(0)).optional()?;
    match van {
        None => Err(StoreFout::Onbekend { tabel: "contactpersoon", id: c.to_string() }),
        Some(p) if p.as_deref() == partner && partner.is_some() => Ok(()),
        Some(_) => {
            Err(DomeinFout::OnbekendeWaarde { soort: "contactpersoon bij deze vraagsteller", waarde: c.into() }.into())
        }
    }
}

impl Store {
    /// Record an adviesvraag. Returns its id.
    pub fn advies_toevoegen(&mut self, n: NieuweAdviesvraag) -> Resultaat<String> {
        let vraag = verplicht("vraag", &n.vraag)?;
        let thema = actief_uit_lijst(&self.conn, "thema", "thema-", &n.thema)?;
        let gemeente = actief_uit_lijst(&self.conn, "gemeente", "gemeente-", &n.gemeente)?;
        let datum = datum_niet_in_toekomst(n.datum.unwrap_or_else(vandaag))?;
        let initialen = controleer_initialen(&n.initialen)?;
        let minuten = controleer_minuten(n.minuten)?;
        let partner = n.partner_id.filter(|p| !p.trim().is_empty());
        let contact = n.contact_id.filter(|c| !c.trim().is_empty());
        if let Some(p) = &partner {
            self.partner(p)?;
        }
        controleer_contact(&self.conn, partner.as_deref(), contact.as_deref())?;
        let id = nieuw_id();
        let mut w = self.schrijver()?;
        w.nieuw(
            &s::ADVIESVRAAG,
            &id,
            &[
                ("datum", tekst(datum_tekst(datum))),
                ("thema_id", tekst(thema)),
                ("gemeente_id", tekst(gemeente)),
                ("partner_id", tekst_of_null(partner)),
                ("contact_id", tekst_of_null(contact)),
                ("initialen", tekst(initialen)),
                ("vraag", tekst(vraag)),
                ("advies", tekst(n.advies.trim())),
                ("minuten", getal(minuten)),
                ("doorverwezen", tekst(n.doorverwezen.trim())),
            ],
        )?;
        w.commit()?;
        Ok(id)
    }

    /// Adviesvragen matching `filter`, newest first.
    pub fn adviesvragen(&self, filter: &AdviesFilter) -> Resultaat<Vec<Adviesvraag>> {
        let mut waar = Vec::new();
        let mut params: Vec<Value> = Vec::new();
        if let Some(t) = &filter.thema_id {
            params.push(tekst(t.clone()));
            waar.push(format!("a.thema_id = ?{}", params.len()));
        }
        if let Some(g) = &filter.gemeente_id {
            params.push(tekst(g.clone()));
            waar.push(format!("a.gemeente_id = ?{}", params.len()));
        }
        if let Some(d) = filter.van {
            params.push(tekst(datum_tekst(d)));
            waar.push(format!("a.datum >= ?{}", params.len()));
        }
        if let Some(d) = filter.tot {
            params.push(tekst(datum_tekst(d)));
            waar.push(format!("a.datum <= ?{}", params.len()));
        }
        let mut sql = SELECT.to_string();
        if !waar.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&waar.join(" AND "));
        }
        sql.push_str(" ORDER BY a.datum DESC, a.aangemaakt_hlc DESC, a.id");
        let mut stmt = self.conn.prepare(&sql)?;
        let r = stmt.query_map(rusqlite::params_from_iter(params.iter()), van_rij)?;
        Ok(r.collect::<Result<_, _>>()?)
    }

    /// The ids of the adviesvragen converted into one of `casussen` (casus ids): the
    /// scope keys a bundle limited to those casussen also carries.
    pub fn adviesvragen_van_casussen(
        &self,
        casussen: &std::collections::BTreeSet<String>,
    ) -> Resultaat<std::collections::BTreeSet<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT id FROM adviesvraag WHERE casus_id = ?1")?;
        let mut uit = std::collections::BTreeSet::new();
        for c in casussen {
            for id in stmt.query_map([c], |r| r.get::<_, String>(0))? {
                uit.insert(id?);
            }
        }
        Ok(uit)
    }

    /// Number of adviesvragen (the sidebar count).
    pub fn aantal_adviesvragen(&self) -> Resultaat<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM adviesvraag", [], |r| r.get(0))?)
    }

    /// One adviesvraag by id (or its first 8+ characters).
    pub fn adviesvraag(&self, id: &str) -> Resultaat<Adviesvraag> {
        let id = self.volledig_id("adviesvraag", id)?;
        self.conn
            .query_row(&format!("{SELECT} WHERE a.id = ?1"), [&id], van_rij)
            .optional()?
            .ok_or(StoreFout::Onbekend { tabel: "adviesvraag", id })
    }

    /// The adviesvraag a casus was converted from, if any.
    pub fn adviesvraag_van_casus(&self, nummer: &str) -> Resultaat<Option<Adviesvraag>> {
        let casus = super::casus::casus_id(&self.conn, nummer)?;
        Ok(self.conn.query_row(&format!("{SELECT} WHERE a.casus_id = ?1"), [&casus], van_rij).optional()?)
    }

    /// Change an adviesvraag with the same rules as on creation. Returns how many fields
    /// changed. An archived thema or gemeente it already has may stay.
    pub fn advies_wijzig(&mut self, id: &str, w: &AdviesWijziging) -> Resultaat<usize> {
        let huidig = self.adviesvraag(id)?;
        let mut velden: Vec<(&str, Value)> = Vec::new();
        if let Some(d) = w.datum {
            velden.push(("datum", tekst(datum_tekst(datum_niet_in_toekomst(d)?))));
        }
        if let Some(t) = &w.thema {
            let nieuw = lijst_zoek(&self.conn, "thema", "thema-", t)?;
            if Some(&nieuw) != huidig.thema_id.as_ref() {
                velden.push(("thema_id", tekst(actief_uit_lijst(&self.conn, "thema", "thema-", t)?)));
            }
        }
        if let Some(g) = &w.gemeente {
            verplicht("gemeente", g)?;
            let nieuw = lijst_zoek(&self.conn, "gemeente", "gemeente-", g)?;
            if Some(&nieuw) != huidig.gemeente_id.as_ref() {
                velden.push(("gemeente_id", tekst(actief_uit_lijst(&self.conn, "gemeente", "gemeente-", g)?)));
            }
        }
        if let Some(v) = &w.vraag {
            velden.push(("vraag", tekst(verplicht("vraag", v)?)));
        }
        let partner = match &w.partner_id {
            Some(p) => p.clone().filter(|p| !p.trim().is_empty()),
            None => huidig.partner_id.clone(),
        };
        let contact = match &w.contact_id {
            Some(c) => c.clone().filter(|c| !c.trim().is_empty()),
            // Another vraagsteller: the old contact does not belong to it.
            None if w.partner_id.is_some() && partner != huidig.partner_id => None,
            None => huidig.contact_id.clone(),
        };
        if let Some(p) = &partner {
            self.partner(p)?;
        }
        controleer_contact(&self.conn, partner.as_deref(), contact.as_deref())?;
        velden.push(("partner_id", tekst_of_null(partner)));
        velden.push(("contact_id", tekst_of_null(contact)));
        if let Some(i) = &w.initialen {
            velden.push(("initialen", tekst(controleer_initialen(i)?)));
        }
        if let Some(a) = &w.advies {
            velden.push(("advies", tekst(a.trim())));
        }
        if let Some(m) = w.minuten {
            velden.push(("minuten", getal(controleer_minuten(m)?)));
        }
        if let Some(d) = &w.doorverwezen {
            velden.push(("doorverwezen", tekst(d.trim())));
        }
        let mut s = self.schrijver()?;
        let n = s.wijzig(&s::ADVIESVRAAG, &huidig.id, &velden)?;
        s.commit()?;
        Ok(n)
    }

    /// Convert an adviesvraag into an aanmelding: a new casus (same rules as any
    /// aanmelding) with the vraagsteller as aanmelder, the question, thema and gemeente;
    /// the adviesvraag keeps the link. One transaction. Returns the casusnummer.
    pub fn advies_omzetten(&mut self, id: &str, werknaam: Option<&str>) -> Resultaat<Casusnummer> {
        let a = self.adviesvraag(id)?;
        if let Some(c) = &a.casus_id {
            return Err(DomeinFout::AlOmgezet(a.casusnummer.clone().unwrap_or_else(|| c.clone())).into());
        }
        let werknaam = match werknaam.map(str::trim).filter(|w| !w.is_empty()) {
            Some(w) => w.to_string(),
            None => format!("Adviesvraag {}", crate::domain::nl_datum(&a.datum)),
        };
        self.batch(|s| {
            let nummer = s.nieuwe_casus(super::NieuweCasus {
                werknaam,
                thema: a.thema_id.clone().unwrap_or_default(),
                aanmelder_partner_id: a.partner_id.clone(),
                aanmelder_contact_id: a.contact_id.clone(),
                vraag: a.vraag.clone(),
                ..Default::default()
            })?;
            if let Some(g) = &a.gemeente_id {
                s.casus_wijzig(
                    &nummer.to_string(),
                    &super::CasusWijziging { gemeente: Some(Some(g.clone())), ..Default::default() },
                )?;
            }
            let casus = super::casus::casus_id(&s.conn, &nummer.to_string())?;
            let mut w = s.schrijver()?;
            w.wijzig(&s::ADVIESVRAAG, &a.id, &[("casus_id", tekst(casus))])?;
            w.commit()?;
            Ok(nummer)
        })
    }

    /// Remove an adviesvraag (entered by mistake, or past its term) with a reason, kept in
    /// the audit log. Its values are wiped from the change log; colleagues receive the
    /// removal. A converted one stays with its casus.
    pub fn advies_verwijder(&mut self, id: &str, reden: &str) -> Resultaat<()> {
        let reden = verplicht("reden", reden)?;
        let a = self.adviesvraag(id)?;
        if let Some(c) = &a.casus_id {
            return Err(DomeinFout::AlOmgezet(a.casusnummer.clone().unwrap_or_else(|| c.clone())).into());
        }
        let mut w = self.schrijver()?;
        let toelichting = format!("Adviesvraag van {} verwijderd door {}: {reden}", a.datum, w.gebruiker());
        w.verwijder_met_reden(&s::ADVIESVRAAG, &a.id, &toelichting)?;
        super::bewaren::wis_log(w.conn(), &a.id)?;
        w.commit()
    }

    /// Adviesvragen that never became a casus and are past their term on `peildatum`.
    pub fn adviesvragen_te_verwijderen(&self, peildatum: NaiveDate) -> Resultaat<Vec<Adviesvraag>> {
        let grens = peildatum - chrono::Months::new(ADVIES_BEWAARTERMIJN_MAANDEN);
        let mut stmt =
            self.conn.prepare(&format!("{SELECT} WHERE a.casus_id IS NULL AND a.datum < ?1 ORDER BY a.datum"))?;
        let r = stmt.query_map([datum_tekst(grens)], van_rij)?;
        Ok(r.collect::<Result<_, _>>()?)
    }
}

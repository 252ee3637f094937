//! Correcting and removing what a user wrote by hand: journaal entries of a casus and
//! notes of a detentiemelding. A correction is an ordinary field change (the audit log
//! and the Historie name the field, not its values; the change log keeps the replaced
//! value until compaction); a removal needs a reason, kept in its audit entry, and leaves
//! a tombstone that syncs.

use super::bezoek::id_uit_begin;
use super::casus::datum_tekst;
use super::schrijven::{self as s, tekst};
use super::{Resultaat, Store};
use crate::domain::{DomeinFout, JournaalSoort, verplicht};
use chrono::NaiveDate;
use rusqlite::types::Value;

/// A correction of a journaal entry; `None` leaves a field unchanged.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JournaalWijziging {
    /// New text (must not be empty).
    pub tekst: Option<String>,
    /// New kind.
    pub soort: Option<JournaalSoort>,
    /// New date.
    pub datum: Option<NaiveDate>,
    /// New institution (required while the kind is PI-bezoek).
    pub inrichting: Option<String>,
}

impl Store {
    /// The id of a journaal entry given as id or its unique start (8+ characters).
    pub fn journaal_id(&self, invoer: &str) -> Resultaat<String> {
        id_uit_begin(&self.conn, "journaal", invoer)
    }

    /// The id of a melding note given as id or its unique start (8+ characters).
    pub fn melding_notitie_id(&self, invoer: &str) -> Resultaat<String> {
        id_uit_begin(&self.conn, "melding_notitie", invoer)
    }

    /// Correct a journaal entry with the same rules as on creation (text required, an
    /// institution for a PI-bezoek). Returns how many fields changed.
    pub fn journaal_wijzig(&mut self, id: &str, w: &JournaalWijziging) -> Resultaat<usize> {
        let id = self.journaal_id(id)?;
        let (soort, inrichting): (String, Option<String>) =
            self.conn.query_row("SELECT soort, inrichting FROM journaal WHERE id = ?1", [&id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let mut velden: Vec<(&str, Value)> = Vec::new();
        if let Some(t) = &w.tekst {
            velden.push(("tekst", tekst(verplicht("tekst", t)?)));
        }
        if let Some(d) = w.datum {
            velden.push(("datum", tekst(datum_tekst(d))));
        }
        if let Some(so) = w.soort {
            velden.push(("soort", tekst(so.code())));
        }
        let inrichting = match &w.inrichting {
            Some(i) => {
                velden.push(("inrichting", tekst(i.trim())));
                i.trim().to_string()
            }
            None => inrichting.unwrap_or_default(),
        };
        let soort = w.soort.or_else(|| JournaalSoort::parse(&soort).ok()).unwrap_or(JournaalSoort::Notitie);
        if soort == JournaalSoort::PiBezoek && inrichting.is_empty() {
            return Err(DomeinFout::Verplicht("inrichting").into());
        }
        let mut s_ = self.schrijver()?;
        let n = s_.wijzig(&s::JOURNAAL, &id, &velden)?;
        s_.commit()?;
        Ok(n)
    }

    /// Remove a journaal entry; the reason is kept in the audit entry of the removal.
    pub fn journaal_verwijder(&mut self, id: &str, reden: &str) -> Resultaat<()> {
        let reden = verplicht("reden", reden)?;
        let id = self.journaal_id(id)?;
        let mut w = self.schrijver()?;
        w.verwijder_met_reden(&s::JOURNAAL, &id, &reden)?;
        w.commit()
    }

    /// Correct the text of a melding note (required, as when it was written).
    pub fn melding_notitie_wijzig(&mut self, id: &str, nieuwe_tekst: &str) -> Resultaat<usize> {
        let t = verplicht("tekst", nieuwe_tekst)?;
        let id = self.melding_notitie_id(id)?;
        let mut w = self.schrijver()?;
        let n = w.wijzig(&s::MELDING_NOTITIE, &id, &[("tekst", tekst(t))])?;
        w.commit()?;
        Ok(n)
    }

    /// Remove a melding note; the reason is kept in the audit entry of the removal.
    pub fn melding_notitie_verwijder(&mut self, id: &str, reden: &str) -> Resultaat<()> {
        let reden = verplicht("reden", reden)?;
        let id = self.melding_notitie_id(id)?;
        let mut w = self.schrijver()?;
        w.verwijder_met_reden(&s::MELDING_NOTITIE, &id, &reden)?;
        w.commit()
    }
}

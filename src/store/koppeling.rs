//! Koppelingen between casussen (issue 22 point 5). A link belongs to both casussen: its
//! change-log operations carry the pair's scope key (`team::paar_scope`), so sync and
//! compaction hand it only to colleagues entitled to both.

use super::casus::{CasusRegel, casus_id, datum_tekst, regel_select, regel_van_pub, schrijf_journaal, vandaag};
use super::schrijven::{self as s, nieuw_id, tekst};
use super::{Resultaat, Store};
use crate::domain::koppeling::{KoppelFout, controleer_koppeling, paar};
use crate::domain::{DomeinFout, KoppelSoort, verplicht};
use rusqlite::OptionalExtension;
use serde::Serialize;

/// One link of a casus, seen from that casus: the other casus and the kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Koppeling {
    /// Record id of the link.
    pub id: String,
    /// Kind of link.
    pub soort: KoppelSoort,
    /// Free-text explanation (may be empty).
    pub toelichting: String,
    /// The other casus (phase, AVE, procesregisseur for the group view).
    pub casus: CasusRegel,
}

/// Two linked casussen as [`Store::gekoppeld`] finds them.
struct Gekoppeld {
    /// Id of the first casus as given.
    a: String,
    /// Id of the second casus as given.
    b: String,
    /// Casusnummer of `a`.
    na: String,
    /// Casusnummer of `b`.
    nb: String,
    /// Every link row between the two.
    ids: Vec<String>,
}

impl Store {
    /// Link casus `nummer_a` to casus `nummer_b` with kind `soort`. Refuses a self-link
    /// and a second link of the same pair (either order). Returns the link's id.
    pub fn koppel(
        &mut self,
        nummer_a: &str,
        nummer_b: &str,
        soort: KoppelSoort,
        toelichting: &str,
    ) -> Resultaat<String> {
        let a = casus_id(&self.conn, nummer_a)?;
        let b = casus_id(&self.conn, nummer_b)?;
        let (na, nb) = (self.casusnummer_van(&a)?, self.casusnummer_van(&b)?);
        let bestaande: Vec<String> = self.koppelingen(&na)?.into_iter().map(|k| k.casus.casusnummer).collect();
        controleer_koppeling(&na, &nb, &bestaande).map_err(DomeinFout::from)?;
        let (eerste, tweede) = paar(&a, &b);
        let id = nieuw_id();
        let mut w = self.schrijver()?;
        w.nieuw(
            &s::KOPPELING,
            &id,
            &[
                ("casus_a", tekst(eerste)),
                ("casus_b", tekst(tweede)),
                ("soort", tekst(soort.code())),
                ("toelichting", tekst(toelichting.trim())),
            ],
        )?;
        w.commit()?;
        Ok(id)
    }

    /// Remove the link between casus `nummer_a` and `nummer_b`; the reason is kept in the
    /// journaal of both casussen.
    pub fn ontkoppel(&mut self, nummer_a: &str, nummer_b: &str, reden: &str) -> Resultaat<()> {
        let reden = verplicht("reden", reden)?;
        let Gekoppeld { a, b, na, nb, ids } = self.gekoppeld(nummer_a, nummer_b)?;
        let mut w = self.schrijver()?;
        // Two devices may have linked the same pair offline: remove every such link.
        for id in &ids {
            w.verwijder(&s::KOPPELING, id)?;
        }
        schrijf_journaal(&mut w, &a, &format!("Koppeling met casus {nb} verwijderd: {reden}"))?;
        schrijf_journaal(&mut w, &b, &format!("Koppeling met casus {na} verwijderd: {reden}"))?;
        w.commit()
    }

    /// Correct the kind and/or toelichting of the link between casus `nummer_a` and
    /// `nummer_b` (`None` leaves it unchanged). The change carries the pair's scope key,
    /// so it reaches exactly the colleagues who hold the link. Returns how many fields
    /// changed (0: nothing to change).
    pub fn koppeling_wijzig(
        &mut self,
        nummer_a: &str,
        nummer_b: &str,
        soort: Option<KoppelSoort>,
        toelichting: Option<&str>,
    ) -> Resultaat<usize> {
        let Gekoppeld { ids, .. } = self.gekoppeld(nummer_a, nummer_b)?;
        let mut velden = Vec::new();
        if let Some(soort) = soort {
            velden.push(("soort", tekst(soort.code())));
        }
        if let Some(t) = toelichting {
            velden.push(("toelichting", tekst(t.trim())));
        }
        let mut w = self.schrijver()?;
        let mut aantal = 0;
        // Two devices may have linked the same pair offline: correct every such link.
        for id in &ids {
            aantal = aantal.max(w.wijzig(&s::KOPPELING, id, &velden)?);
        }
        w.commit()?;
        Ok(aantal)
    }

    /// The links between casus `nummer_a` and `nummer_b` (two devices may have linked the
    /// same pair offline, so there can be more than one), refused with "niet gekoppeld"
    /// when there is none.
    fn gekoppeld(&self, nummer_a: &str, nummer_b: &str) -> Resultaat<Gekoppeld> {
        let a = casus_id(&self.conn, nummer_a)?;
        let b = casus_id(&self.conn, nummer_b)?;
        let (na, nb) = (self.casusnummer_van(&a)?, self.casusnummer_van(&b)?);
        let (eerste, tweede) = paar(&a, &b);
        let ids: Vec<String> = {
            let mut stmt = self.conn.prepare("SELECT id FROM koppeling WHERE casus_a = ?1 AND casus_b = ?2")?;
            stmt.query_map((eerste, tweede), |r| r.get(0))?.collect::<Result<_, _>>()?
        };
        if ids.is_empty() {
            return Err(DomeinFout::from(KoppelFout::NietGekoppeld(na, nb)).into());
        }
        Ok(Gekoppeld { a, b, na, nb, ids })
    }

    /// The pair scope keys in the change log: every koppeling, and every person on a
    /// PI-bezoek (pair of bezoek and melding/casus) (sync: which pairs a bundle limited to
    /// some scopes vouches for).
    pub fn koppeling_scopes(&self) -> Resultaat<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT c.tekst FROM tekstnr c WHERE c.tekst LIKE '%{0}%'
               AND (EXISTS (SELECT 1 FROM wijziging_nr w WHERE w.casus = c.nr
                            AND w.tabel IN (SELECT nr FROM tekstnr WHERE tekst IN ('{1}', '{2}')))
                    OR EXISTS (SELECT 1 FROM aanmaak_nr g WHERE g.casus = c.nr
                               AND g.tabel IN (SELECT nr FROM tekstnr WHERE tekst IN ('{1}', '{2}'))))",
            super::team::PAAR,
            s::KOPPELING.naam,
            s::BEZOEK_PERSOON.naam
        ))?;
        Ok(stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?)
    }

    /// The links of casus `nummer`, each with the other casus (ordered by its number).
    pub fn koppelingen(&self, nummer: &str) -> Resultaat<Vec<Koppeling>> {
        let id = casus_id(&self.conn, nummer)?;
        let rijen: Vec<(String, String, String, String)> = {
            let mut stmt = self.conn.prepare(
                "SELECT id, CASE WHEN casus_a = ?1 THEN casus_b ELSE casus_a END, soort, toelichting
                 FROM koppeling WHERE casus_a = ?1 OR casus_b = ?1 ORDER BY aangemaakt_hlc, aangemaakt_door, id",
            )?;
            stmt.query_map([&id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<Result<_, _>>()?
        };
        let sql = format!("{} WHERE c.id = ?2", regel_select());
        let vandaag = datum_tekst(vandaag());
        let mut uit = Vec::new();
        for (kid, ander, soort, toelichting) in rijen {
            let casus = self.conn.query_row(&sql, rusqlite::params![vandaag, ander], regel_van_pub).optional()?;
            // A link whose other casus this device does not hold (never by scope) is skipped.
            let Some(casus) = casus else { continue };
            uit.push(Koppeling { id: kid, soort: KoppelSoort::parse(&soort)?, toelichting, casus });
        }
        uit.sort_by(|x, y| x.casus.casusnummer.cmp(&y.casus.casusnummer));
        Ok(uit)
    }
}

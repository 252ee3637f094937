//! Retention (bewaartermijn): terms per thema, the list of closed cases past their term,
//! documented extensions, and the removal of a casus with everything under it, including
//! the values in the change log and the full-text index, followed by the steps that make
//! the removed bytes unrecoverable from the database file and its WAL.

use super::casus::{casus_id, datum_tekst, thema_id};
use super::schrijven::{self as s, handeling, nieuw_id, tekst};
use super::{Resultaat, Store, StoreFout};
use chrono::{Months, NaiveDate};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

/// Months a closed casus is kept when its thema has no term of its own.
pub const STANDAARD_BEWAARTERMIJN_MAANDEN: u32 = 24;
/// The longest term that can be set (20 years).
pub const MAX_BEWAARTERMIJN_MAANDEN: u32 = 240;

const INSTELLING_PREFIX: &str = "bewaartermijn:";

/// The retention term of one thema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bewaartermijn {
    /// Thema id.
    pub thema_id: String,
    /// Thema name.
    pub thema: String,
    /// Months after afsluiting.
    pub maanden: u32,
    /// Set explicitly (otherwise the default).
    pub ingesteld: bool,
}

/// A closed casus and where it stands against its retention term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bewaarstatus {
    /// Casusnummer.
    pub nummer: String,
    /// Thema name.
    pub thema: String,
    /// Date of afsluiting.
    pub afgesloten_op: NaiveDate,
    /// Last day the casus is kept under its term (afsluiting + term).
    pub termijn_tot: NaiveDate,
    /// Latest documented extension, if any.
    pub verlengd_tot: Option<NaiveDate>,
    /// Reason of that extension.
    pub verlenging_reden: Option<String>,
}

impl Bewaarstatus {
    /// The casus is past its term (and any extension) on `peildatum`.
    pub fn verlopen(&self, peildatum: NaiveDate) -> bool {
        let tot = self.verlengd_tot.map_or(self.termijn_tot, |v| v.max(self.termijn_tot));
        peildatum > tot
    }
}

/// What a removal did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vernietiging {
    /// Casusnummer removed.
    pub nummer: String,
    /// Rows deleted, casus included.
    pub rijen: usize,
    /// Change-log values wiped.
    pub gewiste_waarden: usize,
    /// The WAL was checkpointed to empty (false when another connection was reading).
    pub wal_geleegd: bool,
    /// Copies of a replaced database (`vervangen-…` folders from a restore) that were
    /// made before this removal and may still hold the casus: remove them on the Privacy
    /// page or with `schakel backup vervangen verwijder`.
    pub kopieen: Vec<String>,
}

/// The page cache the removal's `VACUUM` may grow to, in KiB (256 MiB): more than the
/// database of a 5,000-case demo (180 MB), so none of its pages is read twice there.
pub(crate) const VACUUM_CACHE_KIB: i64 = 256 * 1024;

/// Which purge steps a removal takes. All on in the app; tests switch them off to show
/// that each is needed (the raw-file proof in this module's tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Opschoning {
    /// Wipe the values of the casus's operations in the change log.
    pub log_wissen: bool,
    /// Drop deleted rows' tokens from the search index at once (FTS5 `secure-delete`;
    /// the first time, an `optimize` also drops what earlier edits left behind).
    pub fts_wissen: bool,
    /// Checkpoint the WAL and truncate it.
    pub wal_legen: bool,
    /// SQLite's `secure_delete` (on for every connection): freed cells and pages are
    /// overwritten with zeros. Switched off only by the tests that prove it is needed.
    pub secure_delete: bool,
    /// Rebuild the file (`VACUUM`). `secure_delete` zeroes what a delete frees, but not
    /// everything: when a b-tree page is rebalanced and SQLite rebuilds it
    /// (`rebuildPage`), the gap between its cell pointers and its cell content is not
    /// cleared, so copies of cells that moved to a sibling page can stay behind and
    /// outlive the rows' deletion. Only a rewrite of the file removes those.
    pub vacuum: bool,
}

impl Opschoning {
    pub(crate) const VOLLEDIG: Opschoning =
        Opschoning { log_wissen: true, fts_wissen: true, wal_legen: true, secure_delete: true, vacuum: true };
}

/// Is the search index's FTS5 `secure-delete` option on (deleted rows' tokens removed
/// from the index at once instead of being marked deleted in a newer segment)?
pub(crate) fn zoekindex_direct_wissen(conn: &Connection) -> Resultaat<bool> {
    let v: Option<i64> =
        conn.query_row("SELECT v FROM zoekindex_config WHERE k = 'secure-delete'", [], |r| r.get(0)).optional()?;
    Ok(v == Some(1))
}

/// Switch the search index's FTS5 `secure-delete` option (kept in the database). On for
/// every new database ([`super::Store::maak`]) and from the first removal on in older ones.
pub(crate) fn zet_zoekindex_direct_wissen(conn: &Connection, aan: bool) -> Resultaat<()> {
    conn.execute("INSERT INTO zoekindex(zoekindex, rank) VALUES ('secure-delete', ?1)", [i64::from(aan)])?;
    Ok(())
}

/// The tables under a casus, children before parents (deferred foreign keys make the
/// order a matter of tidiness, not correctness).
const ONDER_CASUS: &[&s::Tabel] = &[
    &s::ACTIE,
    &s::AGENDAPUNT,
    &s::RISICO,
    &s::DOEL,
    &s::PLANVERSIE,
    &s::JOURNAAL,
    &s::DETENTIE,
    &s::BETROKKENE,
    &s::AVE_HISTORIE,
    &s::FASE_HISTORIE,
    &s::BEWAARVERLENGING,
    &s::OPSCHALING,
    &s::CASUS_AANBOD,
];

/// The adviesvragen converted into casus `id`: they are removed with it.
fn adviesvragen_van(conn: &Connection, id: &str) -> Resultaat<Vec<String>> {
    let mut stmt = conn.prepare("SELECT id FROM adviesvraag WHERE casus_id = ?1")?;
    let r = stmt.query_map([id], |r| r.get(0))?;
    Ok(r.collect::<Result<_, _>>()?)
}

/// The detentiemeldingen omgezet into casus `id`: they are removed with it, with their
/// sources and aanbod (a melding's scope key is its own id).
fn meldingen_van(conn: &Connection, id: &str) -> Resultaat<Vec<String>> {
    let mut stmt = conn.prepare("SELECT id FROM detentiemelding WHERE omgezet_casus_id = ?1")?;
    let r = stmt.query_map([id], |r| r.get(0))?;
    Ok(r.collect::<Result<_, _>>()?)
}

/// The tables under a melding.
const ONDER_MELDING: &[&s::Tabel] = &[&s::MELDINGBRON, &s::MELDING_AANBOD, &s::MELDING_NOTITIE];

/// The row ids of table `t` under melding `id`.
fn rijen_onder_melding(conn: &Connection, t: &s::Tabel, id: &str) -> Resultaat<Vec<String>> {
    let mut stmt = conn.prepare(&format!("SELECT id FROM {} WHERE melding_id = ?1", t.naam))?;
    let r = stmt.query_map([id], |r| r.get(0))?;
    Ok(r.collect::<Result<_, _>>()?)
}

/// Delete every row under casus `id` (not the casus row) without change-log entries, and
/// wipe the values of every operation of that casus in the change log. Used when a
/// removal arrives from a colleague: their tombstones may not cover rows this device
/// received from a third colleague. Returns (rows deleted, values wiped).
pub(crate) fn wis_casus_lokaal(conn: &Connection, id: &str) -> Resultaat<(usize, usize)> {
    let mut rijen = 0;
    for t in ONDER_CASUS {
        let ids: Vec<String> = {
            let mut stmt = conn.prepare(&format!("SELECT id FROM {} WHERE casus_id = ?1", t.naam))?;
            let r = stmt.query_map([id], |r| r.get(0))?;
            r.collect::<Result<_, _>>()?
        };
        for rij in &ids {
            conn.execute(&format!("DELETE FROM {} WHERE id = ?1", t.naam), [rij])?;
            s::vergeet_koppen(conn, t.naam, rij)?;
        }
        rijen += ids.len();
    }
    let mut gewist = 0;
    for advies in adviesvragen_van(conn, id)? {
        rijen += conn.execute("DELETE FROM adviesvraag WHERE id = ?1", [&advies])?;
        s::vergeet_koppen(conn, "adviesvraag", &advies)?;
        gewist += wis_log(conn, &advies)?;
    }
    let meldingen = meldingen_van(conn, id)?;
    for melding in &meldingen {
        for t in ONDER_MELDING {
            for rij in rijen_onder_melding(conn, t, melding)? {
                conn.execute(&format!("DELETE FROM {} WHERE id = ?1", t.naam), [&rij])?;
                s::vergeet_koppen(conn, t.naam, &rij)?;
                rijen += 1;
            }
        }
        rijen += conn.execute("DELETE FROM detentiemelding WHERE id = ?1", [melding])?;
        s::vergeet_koppen(conn, s::DETENTIEMELDING.naam, melding)?;
        conn.execute("DELETE FROM bundel_verzending WHERE casus_id = ?1", [melding])?;
        gewist += wis_log(conn, melding)?;
    }
    for (rij, _) in koppelingen_van(conn, id)? {
        conn.execute("DELETE FROM koppeling WHERE id = ?1", [&rij])?;
        s::vergeet_koppen(conn, s::KOPPELING.naam, &rij)?;
        rijen += 1;
    }
    // The persons of this casus (and of the meldingen it came from) on a PI-bezoek list
    // (their pair scope is wiped below).
    for eigenaar in std::iter::once(id).chain(meldingen.iter().map(String::as_str)) {
        let op_bezoek: Vec<String> = conn
            .prepare("SELECT id FROM bezoek_persoon WHERE eigenaar_id = ?1")?
            .query_map([eigenaar], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for rij in op_bezoek {
            conn.execute("DELETE FROM bezoek_persoon WHERE id = ?1", [&rij])?;
            s::vergeet_koppen(conn, s::BEZOEK_PERSOON.naam, &rij)?;
            rijen += 1;
        }
    }
    rijen += conn.execute("DELETE FROM casus WHERE id = ?1", [id])?;
    s::vergeet_koppen(conn, "casus", id)?;
    conn.execute("DELETE FROM bundel_verzending WHERE casus_id = ?1", [id])?;
    let gewist = gewist + wis_log(conn, id)?;
    Ok((rijen, gewist))
}

/// The koppelingen of casus `id`: (link id, scope key of the pair).
fn koppelingen_van(conn: &Connection, id: &str) -> Resultaat<Vec<(String, String)>> {
    let mut stmt = conn.prepare("SELECT id, casus_a, casus_b FROM koppeling WHERE casus_a = ?1 OR casus_b = ?1")?;
    let r = stmt.query_map([id], |r| {
        Ok((r.get::<_, String>(0)?, super::team::paar_scope(&r.get::<_, String>(1)?, &r.get::<_, String>(2)?)))
    })?;
    Ok(r.collect::<Result<_, _>>()?)
}

/// Wipe the values of all field operations of scope `id`: a casus (its koppelingen, whose
/// scope is the pair `"<id>+<id>"`, included) or an adviesvraag, which is its own scope
/// (tombstones keep theirs: the casus tombstone is the removal record).
pub(crate) fn wis_log(conn: &Connection, id: &str) -> Resultaat<usize> {
    // Operations still in a creation run (schema 23) become ordinary ones, wiped below.
    s::los_aanmaak_van_scope(conn, id)?;
    Ok(conn.execute(
        "UPDATE wijziging_nr SET waarde = NULL, gewist = 1
         WHERE casus IN (SELECT nr FROM tekstnr WHERE tekst = ?1 OR tekst LIKE ?1 || '+%' OR tekst LIKE '%+' || ?1)
         AND veld IS NOT NULL AND gewist = 0",
        [id],
    )?)
}

impl Store {
    /// The retention term of every thema (default where none is set).
    pub fn bewaartermijnen(&self) -> Resultaat<Vec<Bewaartermijn>> {
        let mut stmt = self.conn.prepare(
            "SELECT t.id, t.naam, i.waarde FROM thema t
             LEFT JOIN instelling i ON i.sleutel = ?1 || t.id
             ORDER BY t.volgorde, t.naam",
        )?;
        let r = stmt.query_map([INSTELLING_PREFIX], |r| {
            let waarde: Option<String> = r.get(2)?;
            let maanden = waarde.as_deref().and_then(|w| w.parse().ok());
            Ok(Bewaartermijn {
                thema_id: r.get(0)?,
                thema: r.get(1)?,
                maanden: maanden.unwrap_or(STANDAARD_BEWAARTERMIJN_MAANDEN),
                ingesteld: maanden.is_some(),
            })
        })?;
        Ok(r.collect::<Result<_, _>>()?)
    }

    /// Set the retention term of a thema (id, name or unique start of the name), in
    /// months after afsluiting. A local setting of this device.
    pub fn zet_bewaartermijn(&mut self, thema: &str, maanden: u32) -> Resultaat<()> {
        if !(1..=MAX_BEWAARTERMIJN_MAANDEN).contains(&maanden) {
            return Err(StoreFout::Domein(crate::domain::DomeinFout::OngeldigeBewaartermijn(maanden)));
        }
        let id = thema_id(&self.conn, thema)?;
        self.conn.execute(
            "INSERT INTO instelling(sleutel, waarde) VALUES (?1, ?2)
             ON CONFLICT(sleutel) DO UPDATE SET waarde = excluded.waarde",
            (format!("{INSTELLING_PREFIX}{id}"), maanden.to_string()),
        )?;
        Ok(())
    }

    /// Every closed casus with its retention status, oldest term first.
    pub fn bewaarstatus(&self) -> Resultaat<Vec<Bewaarstatus>> {
        let termijnen = self.bewaartermijnen()?;
        let mut stmt = self.conn.prepare(
            "SELECT c.nummer, coalesce(t.naam, ''), c.thema_id, c.datum_afsluiting,
                    (SELECT max(v.tot) FROM bewaarverlenging v WHERE v.casus_id = c.id),
                    (SELECT v.reden FROM bewaarverlenging v WHERE v.casus_id = c.id ORDER BY v.tot DESC LIMIT 1)
             FROM casus c LEFT JOIN thema t ON t.id = c.thema_id
             WHERE c.fase = 'afgesloten' AND c.datum_afsluiting IS NOT NULL",
        )?;
        let mut uit = Vec::new();
        let mut rijen = stmt.query([])?;
        while let Some(r) = rijen.next()? {
            let thema_id: Option<String> = r.get(2)?;
            let afgesloten: String = r.get(3)?;
            let Ok(afgesloten_op) = NaiveDate::parse_from_str(&afgesloten, "%Y-%m-%d") else { continue };
            let maanden = termijnen
                .iter()
                .find(|t| Some(&t.thema_id) == thema_id.as_ref())
                .map_or(STANDAARD_BEWAARTERMIJN_MAANDEN, |t| t.maanden);
            let termijn_tot = afgesloten_op.checked_add_months(Months::new(maanden)).unwrap_or(NaiveDate::MAX);
            let verlengd_tot =
                r.get::<_, Option<String>>(4)?.and_then(|v| NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok());
            uit.push(Bewaarstatus {
                nummer: r.get(0)?,
                thema: r.get(1)?,
                afgesloten_op,
                termijn_tot,
                verlengd_tot,
                verlenging_reden: r.get(5)?,
            });
        }
        uit.sort_by(|a, b| a.termijn_tot.cmp(&b.termijn_tot).then_with(|| a.nummer.cmp(&b.nummer)));
        Ok(uit)
    }

    /// Closed cases past their term (and extension) on `peildatum`: the "Te verwijderen" list.
    pub fn te_verwijderen(&self, peildatum: NaiveDate) -> Resultaat<Vec<Bewaarstatus>> {
        Ok(self.bewaarstatus()?.into_iter().filter(|b| b.verlopen(peildatum)).collect())
    }

    /// Record a documented extension of the retention term of a closed casus until `tot`.
    pub fn bewaartermijn_verlengen(&mut self, nummer: &str, tot: NaiveDate, reden: &str) -> Resultaat<()> {
        let reden = reden.trim();
        if reden.is_empty() {
            return Err(StoreFout::Domein(crate::domain::DomeinFout::Verplicht("reden")));
        }
        let status = self.bewaarstatus_van(nummer)?;
        if tot <= status.termijn_tot.max(status.verlengd_tot.unwrap_or(status.termijn_tot)) {
            return Err(StoreFout::Domein(crate::domain::DomeinFout::VerlengingNietLater));
        }
        let id = casus_id(&self.conn, nummer)?;
        let mut w = self.schrijver()?;
        let nu = w.tijdstip().to_string();
        let door = w.gebruiker().to_string();
        w.nieuw(
            &s::BEWAARVERLENGING,
            &nieuw_id(),
            &[
                ("casus_id", tekst(id)),
                ("tot", tekst(datum_tekst(tot))),
                ("reden", tekst(reden)),
                ("door", tekst(door)),
                ("vastgelegd_op", tekst(nu)),
            ],
        )?;
        w.commit()
    }

    fn bewaarstatus_van(&self, nummer: &str) -> Resultaat<Bewaarstatus> {
        let id = casus_id(&self.conn, nummer)?;
        let nummer: String = self.conn.query_row("SELECT nummer FROM casus WHERE id = ?1", [&id], |r| r.get(0))?;
        self.bewaarstatus()?
            .into_iter()
            .find(|b| b.nummer == nummer)
            .ok_or(StoreFout::Domein(crate::domain::DomeinFout::CasusNietAfgesloten))
    }

    /// Remove a closed casus past its retention term, with everything under it, and
    /// purge the removed values from the change log, the search index, the WAL and the
    /// free pages. Leaves one audit entry naming the casusnummer, who, when and why. The
    /// removal travels to colleagues as a tombstone that purges their copy.
    pub fn casus_vernietigen(&mut self, nummer: &str, reden: &str, peildatum: NaiveDate) -> Resultaat<Vernietiging> {
        self.vernietig_met(nummer, reden, peildatum, Opschoning::VOLLEDIG)
    }

    pub(crate) fn vernietig_met(
        &mut self,
        nummer: &str,
        reden: &str,
        peildatum: NaiveDate,
        stappen: Opschoning,
    ) -> Resultaat<Vernietiging> {
        let reden = reden.trim();
        if reden.is_empty() {
            return Err(StoreFout::Domein(crate::domain::DomeinFout::Verplicht("reden")));
        }
        let status = self.bewaarstatus_van(nummer)?;
        if !status.verlopen(peildatum) {
            return Err(StoreFout::Domein(crate::domain::DomeinFout::BewaartermijnNietVerlopen(datum_tekst(
                status.verlengd_tot.unwrap_or(status.termijn_tot).max(status.termijn_tot),
            ))));
        }
        let id = casus_id(&self.conn, nummer)?;
        // Test-only switches: the raw-file proof shows each purge step is needed.
        if !stappen.fts_wissen {
            zet_zoekindex_direct_wissen(&self.conn, false)?;
        }
        if !stappen.secure_delete {
            self.conn.execute_batch("PRAGMA secure_delete = OFF")?;
        }
        let r = self.vernietig_rijen(&id, status, reden, stappen);
        if !stappen.secure_delete {
            self.conn.execute_batch("PRAGMA secure_delete = ON")?;
        }
        r
    }

    fn vernietig_rijen(
        &mut self,
        id: &str,
        status: Bewaarstatus,
        reden: &str,
        stappen: Opschoning,
    ) -> Resultaat<Vernietiging> {
        let id = id.to_string();
        let mut w = self.schrijver()?;
        let mut rijen = 0;
        for t in ONDER_CASUS {
            let ids: Vec<String> = {
                let mut stmt = w.conn().prepare(&format!("SELECT id FROM {} WHERE casus_id = ?1", t.naam))?;
                let r = stmt.query_map([&id], |r| r.get(0))?;
                r.collect::<Result<_, _>>()?
            };
            for rij in &ids {
                w.verwijder_zonder_audit(t, rij, &id)?;
            }
            rijen += ids.len();
        }
        let adviesvragen = adviesvragen_van(w.conn(), &id)?;
        for advies in &adviesvragen {
            w.verwijder_zonder_audit(&s::ADVIESVRAAG, advies, advies)?;
        }
        rijen += adviesvragen.len();
        // An omgezet melding has no term of its own: it goes with the casus it became.
        let meldingen = meldingen_van(w.conn(), &id)?;
        for melding in &meldingen {
            for t in ONDER_MELDING {
                for rij in rijen_onder_melding(w.conn(), t, melding)? {
                    w.verwijder_zonder_audit(t, &rij, melding)?;
                    rijen += 1;
                }
            }
            rijen += super::bezoek::verwijder_van_eigenaar(&mut w, melding)?;
            w.verwijder_zonder_audit(&s::DETENTIEMELDING, melding, melding)?;
            w.conn().execute("DELETE FROM bundel_verzending WHERE casus_id = ?1", [melding])?;
            rijen += 1;
        }
        for (rij, scope) in koppelingen_van(w.conn(), &id)? {
            w.verwijder_zonder_audit(&s::KOPPELING, &rij, &scope)?;
            rijen += 1;
        }
        rijen += super::bezoek::verwijder_van_eigenaar(&mut w, &id)?;
        let toelichting = format!("{} verwijderd door {}: {reden}", status.nummer, w.gebruiker());
        w.vernietig_casus(&id, &toelichting)?;
        rijen += 1;
        let mut gewiste_waarden = if stappen.log_wissen { wis_log(w.conn(), &id)? } else { 0 };
        if stappen.log_wissen {
            for advies in &adviesvragen {
                gewiste_waarden += wis_log(w.conn(), advies)?;
            }
            for melding in &meldingen {
                gewiste_waarden += wis_log(w.conn(), melding)?;
            }
        }
        w.conn().execute("DELETE FROM bundel_verzending WHERE casus_id = ?1", [&id])?;
        w.commit()?;
        let wal_geleegd = self.opschonen(stappen)?;
        let kopieen = match self.conn.path().and_then(|p| std::path::Path::new(p).parent()) {
            Some(map) => super::reservekopie::vervangen_kopieen(map)?.into_iter().map(|k| k.naam).collect(),
            None => Vec::new(),
        };
        Ok(Vernietiging { nummer: status.nummer, rijen, gewiste_waarden, wal_geleegd, kopieen })
    }

    /// After rows were removed: make sure no removed value survives in the search index,
    /// free pages, stale cell copies or WAL frames. Returns whether the WAL was emptied
    /// (another open connection can prevent that).
    ///
    /// Every connection has `secure_delete` on, and the FTS5 `secure-delete` option
    /// removes a deleted row's tokens from the index segments at once; but neither is
    /// complete on its own. FTS5 keeps a deleted first term's prefix in its page index
    /// (`%_idx`) until the segment is rewritten, hence the `optimize`; and a rebalanced
    /// b-tree page can keep stale copies of moved cells in its unallocated gap (see
    /// [`Opschoning::vacuum`]), hence the `VACUUM`. The TRUNCATE checkpoints empty the WAL,
    /// whose frames held the old page images. The VACUUM costs seconds on a large
    /// database; removals are rare and run off the window's event loop.
    pub(crate) fn opschonen(&self, stappen: Opschoning) -> Resultaat<bool> {
        if stappen.fts_wissen {
            self.conn.execute("INSERT INTO zoekindex(zoekindex) VALUES ('optimize')", [])?;
            if !zoekindex_direct_wissen(&self.conn)? {
                zet_zoekindex_direct_wissen(&self.conn, true)?;
            }
        }
        let mut geleegd = false;
        if stappen.wal_legen {
            geleegd = self.wal_legen()?;
        }
        if stappen.vacuum {
            // VACUUM reads every page into a new copy, then writes every page of the file
            // again. With the connection's own cache (32 MB) the pages read first are
            // evicted and read and decrypted once more to be overwritten: a cache as large
            // as the database (only what is touched is allocated, returned afterwards) cut
            // the removal at 5,000 demo cases from 1.86–1.90 s to 1.65–1.70 s. The copy
            // itself is built in memory (SQLCipher's temp store) whatever the cache, so
            // the cache is capped at [`VACUUM_CACHE_KIB`]: a database larger than that is
            // read again in part instead of holding it twice.
            let cache: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
            self.conn.execute_batch(&format!("PRAGMA cache_size = -{VACUUM_CACHE_KIB}"))?;
            let r = self.conn.execute_batch("VACUUM");
            let terug = self.conn.execute_batch(&format!("PRAGMA cache_size = {cache}"));
            r?;
            terug?;
            if stappen.wal_legen {
                geleegd = self.wal_legen()?;
            }
        }
        Ok(geleegd)
    }

    fn wal_legen(&self) -> Resultaat<bool> {
        let (bezet, _, _): (i64, i64, i64) =
            self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(bezet == 0)
    }

    /// The removal record of a casus removed after its term, if this device holds one.
    pub fn vernietigingsregel(&self, nummer: &str) -> Resultaat<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT toelichting FROM audit WHERE handeling = ?1 AND toelichting LIKE ?2 || ' %' ORDER BY nr DESC LIMIT 1",
                (handeling::VERNIETIGEN, nummer),
                |r| r.get(0),
            )
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testhulp::onversleutelde_store;
    use chrono::Duration;

    fn bevat(hooiberg: &[u8], naald: &str) -> bool {
        hooiberg.windows(naald.len()).any(|w| w == naald.as_bytes())
    }

    /// Which unique words are still in the database file or its WAL. The FTS5 index stores
    /// a word's tail after a prefix it shares with the previous term, so the search uses
    /// the word without its first letter (every word starts with its own letter).
    fn gevonden(pad: &std::path::Path, woorden: &[(&'static str, String)]) -> Vec<&'static str> {
        let mut bytes = std::fs::read(pad).unwrap();
        let wal = pad.with_file_name(format!("{}-wal", pad.file_name().unwrap().to_string_lossy()));
        if let Ok(w) = std::fs::read(&wal) {
            bytes.extend(w);
        }
        woorden.iter().filter(|(_, w)| bevat(&bytes, &w[1..])).map(|(t, _)| *t).collect()
    }

    type Proef = (Vec<&'static str>, Vec<&'static str>, Store, String, tempfile::TempDir);

    /// Two full cases, then the older one removed with `stappen`. `fts_vooraf`: the
    /// index's `secure-delete` option is on from the start, as in every database made by
    /// `Store::maak`; off, as in a database from before it (the first removal merges the
    /// index once).
    fn proef_met(stappen: Opschoning, fts_vooraf: bool) -> Proef {
        let dir = tempfile::tempdir().unwrap();
        let (pad, mut s) = onversleutelde_store(&dir.path().join("data"));
        zet_zoekindex_direct_wissen(&s.conn, fts_vooraf).unwrap();
        let vandaag = super::super::casus::vandaag();
        let (weg, woorden) = crate::demo::volle_casus(&mut s, "qx7", vandaag - Duration::days(3 * 366)).unwrap();
        let (_blijft, blijvend) = crate::demo::volle_casus(&mut s, "zk4", vandaag - Duration::days(30)).unwrap();
        assert_eq!(woorden.len(), 12, "one word per table under the casus, and the casus itself");
        // Before removal every word is in the raw file: the search itself works.
        assert_eq!(gevonden(&pad, &woorden).len(), woorden.len());
        s.vernietig_met(&weg, "Bewaartermijn verstreken", vandaag, stappen).unwrap();
        let over = gevonden(&pad, &woorden);
        let andere = gevonden(&pad, &blijvend);
        (over, andere, s, weg, dir)
    }

    fn proef(stappen: Opschoning) -> Proef {
        proef_met(stappen, true)
    }

    /// The removal proof on a store opened **without a key**: after removal none of the
    /// removed casus's words is in the database file or its WAL (FTS index included),
    /// while the other casus is untouched and the audit chain is intact.
    #[test]
    fn verwijderde_casus_staat_niet_meer_in_het_ruwe_bestand() {
        let (over, andere, s, weg, _d) = proef(Opschoning::VOLLEDIG);
        assert_eq!(over, Vec::<&str>::new(), "removed words still in the raw file");
        assert_eq!(andere.len(), 12, "the other casus lost data: {andere:?}");
        assert!(s.audit_verify().unwrap().in_orde());
        let regel = s.vernietigingsregel(&weg).unwrap().expect("removal audit entry");
        assert!(regel.contains("Bewaartermijn verstreken") && regel.contains("Test Regisseur"), "{regel}");
        assert!(matches!(s.casus_regel(&weg), Err(StoreFout::CasusOnbekend(_))));
        let cache: i64 = s.conn.query_row("PRAGMA cache_size", [], |r| r.get(0)).unwrap();
        assert_eq!(cache, -super::super::CACHE_KIB, "the VACUUM's large page cache is returned");
    }

    /// The same proof on a database whose index did not yet drop tokens at once (made
    /// before the option): the first removal merges the index and switches it on.
    #[test]
    fn eerste_verwijdering_in_oudere_database_laat_ook_niets_achter() {
        let (over, andere, s, _, _d) = proef_met(Opschoning::VOLLEDIG, false);
        assert_eq!(over, Vec::<&str>::new(), "removed words still in the raw file");
        assert_eq!(andere.len(), 12, "the other casus lost data: {andere:?}");
        assert!(zoekindex_direct_wissen(&s.conn).unwrap());
    }

    /// The same removal with the purge steps switched off leaves the words in the file:
    /// the proof above can fail.
    #[test]
    fn zonder_opschonen_blijven_de_woorden_vindbaar() {
        let uit =
            Opschoning { log_wissen: false, fts_wissen: false, wal_legen: false, secure_delete: false, vacuum: false };
        let (over, _, _, _, _d) = proef(uit);
        assert_eq!(over.len(), 12, "every removed table's word should survive without purging: {over:?}");
    }

    /// Each step matters: without dropping the tokens from the FTS segments the index
    /// keeps the words of the removed texts; without wiping the change log its values
    /// survive; without `secure_delete` the deleted rows stay readable in their pages
    /// (with the VACUUM off as well); without the checkpoint the WAL keeps old
    /// page images.
    #[test]
    fn elke_opschoonstap_is_nodig() {
        // The VACUUM rewrites the pages, which would hide what each step below does on
        // its own; what it adds (stale cell copies of rebalanced pages) needs a large,
        // fragmented database to show and is argued in `Opschoning::vacuum`.
        let zonder_fts = Opschoning { fts_wissen: false, vacuum: false, ..Opschoning::VOLLEDIG };
        let (over, _, _, _, _d) = proef(zonder_fts);
        assert!(over.contains(&"journaal"), "FTS segments should still hold the journal word: {over:?}");
        assert!(!over.contains(&"detentie"), "detentie is not indexed: {over:?}");
        let zonder_log = Opschoning { log_wissen: false, vacuum: false, ..Opschoning::VOLLEDIG };
        let (over, _, _, _, _d) = proef(zonder_log);
        assert!(over.contains(&"detentie") && over.contains(&"risico"), "change log values expected: {over:?}");
        let zonder_secure_delete = Opschoning { secure_delete: false, vacuum: false, ..Opschoning::VOLLEDIG };
        let (over, _, _, _, _d) = proef(zonder_secure_delete);
        assert!(over.contains(&"detentie"), "deleted rows should stay in their pages: {over:?}");
        let zonder_wal = Opschoning { wal_legen: false, vacuum: false, ..Opschoning::VOLLEDIG };
        let (over, _, _, _, _d) = proef(zonder_wal);
        assert!(!over.is_empty(), "old page images should stay in the WAL: {over:?}");
    }
}

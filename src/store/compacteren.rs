//! Compaction of the change log: superseded operations that every colleague entitled to
//! them has acknowledged are removed (docs/bundle-format.md, "Compaction").
//!
//! What stays:
//! - every head (`kop`): the current value of every field, so every row can be rebuilt
//!   and a colleague added later, or one who gains a casus by reassignment, receives the
//!   full current state (a field without any operation, left at its column default
//!   when the row was created, gets that default on every replica);
//! - every tombstone (a deleted row stays deleted, whoever relays old values);
//! - every causality edge (`wijziging_basis`), also those of removed operations. An
//!   export adds to each operation's basis the bases of removed operations it names,
//!   transitively, so a replica that holds X but never got the removed Y still sees that
//!   Z (basis Y, and Y had basis X) supersedes X;
//! - the held ranges (`dekking`, and this device's own sequence): a removed operation
//!   counts as held, so it is neither asked for nor stored again when relayed later.
//!
//! What goes: operations listed in `vervangen` (superseded: no longer a head, or a field
//! of a deleted row) once every trusted colleague entitled to their scope has confirmed
//! to hold them (`bevestigd`). A trajectbegeleider is entitled only to their own cases
//! (a koppeling only when both its casussen are theirs, `team::binnen_scope`); everyone
//! else to every scope (the same rule as `sync::exporteer`). A store without
//! colleagues keeps only the heads and tombstones. Rectified values and the values of
//! removed cases therefore leave the change log as soon as the team has them.
//!
//! Compaction runs in its own IMMEDIATE transaction after an import, an export and a bulk
//! job (demo); a crash before its commit leaves the log as it was, which is valid.

use super::schrijven::AANGEMAAKT;
use super::team::{self, Bezit};
use super::{Resultaat, Store};
use rusqlite::Connection;
use std::collections::BTreeSet;

/// The colleagues whose acknowledgement compaction waits for: trusted ones, with their
/// confirmed holdings and, for a trajectbegeleider, the cases they are entitled to.
struct Ontvanger {
    bevestigd: Bezit,
    /// `None` = every scope.
    casussen: Option<BTreeSet<String>>,
}

impl Ontvanger {
    fn moet_hebben(&self, scope: &str) -> bool {
        match &self.casussen {
            None => true,
            Some(eigen) => team::binnen_scope(scope, eigen),
        }
    }
}

/// Space per table and index, from SQLite's `dbstat` (bytes, largest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ruimte {
    /// Table or index name.
    pub naam: String,
    /// Bytes in pages of this table or index.
    pub bytes: u64,
    /// Rows (tables only; 0 for indexes).
    pub rijen: u64,
}

impl Store {
    /// Remove superseded operations every entitled colleague acknowledged (see the
    /// module doc). Returns how many operations were removed. Runs on its own after
    /// imports, exports and the demo; the command line and window never ask for it.
    pub fn compacteren(&mut self) -> Resultaat<usize> {
        let ontvangers = self.ontvangers_voor_compactie()?;
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match compacteer(&self.conn, &ontvangers) {
            Ok(n) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(n)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    fn ontvangers_voor_compactie(&self) -> Resultaat<Vec<Ontvanger>> {
        let mut uit = Vec::new();
        for c in self.collegas()?.into_iter().filter(super::team::Collega::vertrouwd) {
            let casussen = self.recht_van_collega(&c)?;
            uit.push(Ontvanger { bevestigd: self.bevestigd(&c.apparaat)?, casussen });
        }
        Ok(uit)
    }

    /// Bytes and rows per table and index (largest first), for `schakel bench` and
    /// docs/benchmarks.md.
    pub fn ruimte_per_tabel(&self) -> Resultaat<Vec<Ruimte>> {
        let mut stmt = self.conn.prepare(
            "SELECT name, sum(pgsize), sum(CASE WHEN pagetype = 'leaf' THEN ncell ELSE 0 END)
             FROM dbstat GROUP BY name ORDER BY 2 DESC, 1",
        )?;
        let r = stmt.query_map([], |r| {
            Ok(Ruimte { naam: r.get(0)?, bytes: r.get::<_, i64>(1)? as u64, rijen: r.get::<_, i64>(2)? as u64 })
        })?;
        Ok(r.collect::<Result<_, _>>()?)
    }
}

/// The compaction itself, inside the caller's transaction.
fn compacteer(conn: &Connection, ontvangers: &[Ontvanger]) -> Resultaat<usize> {
    // Rows created before the creation fields existed take them from their oldest
    // field operation (samenvoegen::materialiseer): that operation stays while the row
    // exists (no tombstone). The creation fields or the oldest operation may be in the
    // row's creation run (schema 23), which is never compacted.
    let oud_aangemaakt: String = super::schrijven::ALLE
        .iter()
        .filter(|t| t.velden.contains(&AANGEMAAKT[0]))
        .map(|t| format!("'{}'", t.naam))
        .collect::<Vec<_>>()
        .join(", ");
    // The change log keeps device, table, row and field as numbers (`tekstnr`, schema 11);
    // ties in creation order break on the device id text, as on every replica.
    let kandidaten: Vec<(i64, String, i64, Option<String>, bool)> = {
        let mut stmt = conn.prepare(&format!(
            "SELECT v.apparaat, a.tekst, v.volgnummer, c.tekst,
                    w.apparaat IS NOT NULL
                    AND w.tabel IN (SELECT nr FROM tekstnr WHERE tekst IN ({oud_aangemaakt}))
                    AND NOT EXISTS (
                        SELECT 1 FROM kop_nr k WHERE k.tabel = w.tabel AND k.rij = w.rij
                        AND k.veld = (SELECT nr FROM tekstnr WHERE tekst = '{0}'))
                    AND NOT EXISTS (
                        SELECT 1 FROM aanmaak_nr r JOIN tekstnr l ON l.nr = r.velden JOIN json_each(l.tekst) j
                        WHERE r.tabel = w.tabel AND r.rij = w.rij
                        AND j.value = (SELECT nr FROM tekstnr WHERE tekst = '{0}'))
                    AND NOT EXISTS (
                        SELECT 1 FROM wijziging_nr g WHERE g.tabel = w.tabel AND g.rij = w.rij AND g.veld IS NULL)
                    AND (w.apparaat, w.volgnummer) = (
                        SELECT e.apparaat, e.volgnummer FROM (
                            SELECT apparaat, volgnummer, hlc FROM wijziging_nr
                            WHERE casus IS w.casus AND tabel = w.tabel AND rij = w.rij AND veld IS NOT NULL
                            UNION ALL
                            SELECT r.apparaat, r.volgnummer + j.key, r.hlc + j.key
                            FROM aanmaak_nr r JOIN tekstnr l ON l.nr = r.velden JOIN json_each(l.tekst) j
                            WHERE r.tabel = w.tabel AND r.rij = w.rij AND j.value <> 0) e
                        JOIN tekstnr ea ON ea.nr = e.apparaat
                        ORDER BY e.hlc, ea.tekst LIMIT 1)
             FROM vervangen_nr v
             JOIN tekstnr a ON a.nr = v.apparaat
             LEFT JOIN wijziging_nr w ON w.apparaat = v.apparaat AND w.volgnummer = v.volgnummer
             LEFT JOIN tekstnr c ON c.nr = w.casus",
            AANGEMAAKT[0]
        ))?;
        let r = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
        r.collect::<Result<_, _>>()?
    };
    let mut weg_log = conn.prepare_cached(
        "DELETE FROM wijziging_nr WHERE apparaat = ?1 AND volgnummer = ?2 AND veld IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM kop_nr k WHERE k.tabel = wijziging_nr.tabel AND k.rij = wijziging_nr.rij
                         AND k.veld = wijziging_nr.veld AND k.apparaat = ?1 AND k.volgnummer = ?2)",
    )?;
    let mut weg_lijst = conn.prepare_cached("DELETE FROM vervangen_nr WHERE apparaat = ?1 AND volgnummer = ?2")?;
    let mut aantal = 0;
    for (nr, apparaat, volgnummer, casus, blijft) in kandidaten {
        if blijft {
            continue;
        }
        let scope = team::scope_van(casus.as_deref());
        let iedereen_heeft = ontvangers
            .iter()
            .filter(|o| o.moet_hebben(scope))
            .all(|o| team::heeft(&o.bevestigd, &apparaat, scope, volgnummer));
        if !iedereen_heeft {
            continue;
        }
        aantal += weg_log.execute((nr, volgnummer))?;
        weg_lijst.execute((nr, volgnummer))?;
    }
    Ok(aantal)
}

impl Store {
    /// Superseded operations still waiting for a colleague's acknowledgement before
    /// compaction may remove them (tests and the status of a long-absent colleague).
    pub fn wacht_op_compactie(&self) -> Resultaat<usize> {
        Ok(self.conn.query_row("SELECT count(*) FROM vervangen_nr", [], |r| r.get::<_, i64>(0))? as usize)
    }
}

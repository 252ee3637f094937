//! Sync bookkeeping: this device's identity keys, the team roster, what each colleague has
//! confirmed, which sequence ranges were received, and which bundles were already read.
//! None of this is synced; the cryptography itself lives in `crate::sync`.

use super::{Resultaat, Store, StoreFout, instelling};
use rusqlite::OptionalExtension;
use std::collections::BTreeMap;
use zeroize::Zeroizing;

/// This device's secret keys as stored: the Ed25519 seed and the age identity string.
pub struct RuweIdentiteit {
    /// Ed25519 secret seed.
    pub ondertekening: Zeroizing<[u8; 32]>,
    /// `AGE-SECRET-KEY-1…`.
    pub age: Zeroizing<String>,
}

impl std::fmt::Debug for RuweIdentiteit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RuweIdentiteit(…)")
    }
}

/// A colleague on the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collega {
    /// Their device id.
    pub apparaat: String,
    /// Name.
    pub naam: String,
    /// Role (procesregisseur, trajectbegeleider, ...).
    pub rol: String,
    /// Organisation, when not the ZVH itself (matched against the partner list).
    pub organisatie: String,
    /// Ed25519 public key.
    pub ondertekening: [u8; 32],
    /// age recipient (`age1…`).
    pub age: String,
    /// When the card was imported.
    pub toegevoegd_op: String,
    /// When the fingerprint was confirmed in person; `None` = not trusted yet.
    pub bevestigd_op: Option<String>,
    /// When the colleague was removed; bundles to and from them stop.
    pub verwijderd_op: Option<String>,
}

impl Collega {
    /// Trusted: confirmed and not removed.
    pub fn vertrouwd(&self) -> bool {
        self.bevestigd_op.is_some() && self.verwijderd_op.is_none()
    }
}

/// Scope key meaning "every scope at once" (a full, unscoped bundle).
pub const ALLE_SCOPES: &str = "*";
/// Scope key of rows that belong to no casus (partners, themes, meetings).
pub const GEEN_CASUS: &str = "";

/// Held (or confirmed) sequence ranges per origin device and per scope: a casus id,
/// [`GEEN_CASUS`], or [`ALLE_SCOPES`]. Operation `n` of device `a` with scope `s` is held
/// when `n` lies in a range of `(a, s)` or of `(a, ALLE_SCOPES)`.
pub type Bezit = BTreeMap<String, BTreeMap<String, Vec<(i64, i64)>>>;

/// The scope key of an operation or row.
pub fn scope_van(casus_id: Option<&str>) -> &str {
    casus_id.unwrap_or(GEEN_CASUS)
}

/// Joins the two casus ids of a row that belongs to both casussen (a koppeling) into its
/// scope key. Casus ids are UUIDs and never contain it.
pub const PAAR: char = '+';

/// The scope key of a row that belongs to casussen `a` and `b`: both ids, smallest first.
pub fn paar_scope(a: &str, b: &str) -> String {
    let (a, b) = crate::domain::koppeling::paar(a, b);
    format!("{a}{PAAR}{b}")
}

/// The casus ids a scope key stands for: none for [`GEEN_CASUS`], one for a casus, two for
/// a pair (see [`paar_scope`]).
pub fn casussen_van_scope(scope: &str) -> Vec<&str> {
    if scope == GEEN_CASUS { Vec::new() } else { scope.split(PAAR).collect() }
}

/// Whether scope key `scope` lies within the casussen `casussen`: rows without a casus
/// always, a casus when listed, a pair (koppeling) only when both of its casussen are. The
/// one rule for export, import and compaction, so a link never reaches a colleague or a
/// bundle that lacks one of its casussen.
pub fn binnen_scope(scope: &str, casussen: &std::collections::BTreeSet<String>) -> bool {
    casussen_van_scope(scope).into_iter().all(|c| casussen.contains(c))
}

/// Whether `n` lies in one of `reeksen`.
pub fn in_reeksen(reeksen: &[(i64, i64)], n: i64) -> bool {
    reeksen.iter().any(|(v, t)| *v <= n && n <= *t)
}

/// Whether `bezit` holds operation `n` of `apparaat` in `scope`.
pub fn heeft(bezit: &Bezit, apparaat: &str, scope: &str, n: i64) -> bool {
    bezit.get(apparaat).is_some_and(|s| {
        s.get(ALLE_SCOPES).is_some_and(|r| in_reeksen(r, n)) || s.get(scope).is_some_and(|r| in_reeksen(r, n))
    })
}

/// The ranges of `apparaat` held for `scope` (its own and those of every scope), merged.
pub fn effectief(bezit: &Bezit, apparaat: &str, scope: &str) -> Vec<(i64, i64)> {
    let mut uit = Vec::new();
    if let Some(s) = bezit.get(apparaat) {
        for sleutel in [ALLE_SCOPES, scope] {
            for (v, t) in s.get(sleutel).into_iter().flatten() {
                voeg_reeks_toe(&mut uit, *v, *t);
            }
        }
    }
    uit
}

/// Highest number up to which `reeksen` hold everything from 1.
pub fn doorlopend(reeksen: &[(i64, i64)]) -> i64 {
    match reeksen.first() {
        Some((1, tot)) => *tot,
        _ => 0,
    }
}

/// The ranges both lists hold.
pub fn doorsnede(a: &[(i64, i64)], b: &[(i64, i64)]) -> Vec<(i64, i64)> {
    let mut uit = Vec::new();
    for (av, at) in a {
        for (bv, bt) in b {
            let (v, t) = ((*av).max(*bv), (*at).min(*bt));
            if v <= t {
                voeg_reeks_toe(&mut uit, v, t);
            }
        }
    }
    uit
}

/// Merge `extra` into `bezit`, then drop scope ranges that the every-scope ranges cover.
pub fn voeg_bezit_toe(bezit: &mut Bezit, extra: &Bezit) {
    for (apparaat, scopes) in extra {
        let doel = bezit.entry(apparaat.clone()).or_default();
        for (scope, reeksen) in scopes {
            let r = doel.entry(scope.clone()).or_default();
            for (v, t) in reeksen {
                voeg_reeks_toe(r, *v, *t);
            }
        }
        let alle = doel.get(ALLE_SCOPES).cloned().unwrap_or_default();
        for (scope, reeksen) in doel.iter_mut() {
            if scope != ALLE_SCOPES {
                reeksen.retain(|(v, t)| !alle.iter().any(|(av, at)| av <= v && t <= at));
            }
        }
        doel.retain(|_, r| !r.is_empty());
    }
    bezit.retain(|_, s| !s.is_empty());
}

/// What this device holds of another device's change log, for the status view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dekking {
    /// Origin device.
    pub apparaat: String,
    /// Received ranges, merged and sorted: those of every scope, or, on a device that
    /// receives only some cases, the ranges held for all of them.
    pub reeksen: Vec<(i64, i64)>,
    /// Number of cases held with ranges of their own (a need-to-know scope).
    pub casussen: usize,
}

impl Dekking {
    /// Highest sequence number up to which everything was received.
    pub fn doorlopend_tot(&self) -> i64 {
        doorlopend(&self.reeksen)
    }

    /// Highest sequence number received at all.
    pub fn hoogste(&self) -> i64 {
        self.reeksen.last().map(|r| r.1).unwrap_or(0)
    }

    /// Missing ranges between received ones.
    pub fn gaten(&self) -> Vec<(i64, i64)> {
        let mut vorige = 0;
        let mut gaten = Vec::new();
        for (van, tot) in &self.reeksen {
            if *van > vorige + 1 {
                gaten.push((vorige + 1, van - 1));
            }
            vorige = *tot;
        }
        gaten
    }
}

/// Merge `[van, tot]` into sorted, non-overlapping ranges (adjacent ones join).
pub(crate) fn voeg_reeks_toe(reeksen: &mut Vec<(i64, i64)>, van: i64, tot: i64) {
    if van > tot {
        return;
    }
    reeksen.push((van, tot));
    reeksen.sort_unstable();
    let mut samen: Vec<(i64, i64)> = Vec::with_capacity(reeksen.len());
    for (v, t) in reeksen.drain(..) {
        match samen.last_mut() {
            Some(laatste) if v <= laatste.1 + 1 => laatste.1 = laatste.1.max(t),
            _ => samen.push((v, t)),
        }
    }
    *reeksen = samen;
}

fn nu() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn collega_van_rij(r: &rusqlite::Row<'_>) -> rusqlite::Result<Collega> {
    let sleutel: Vec<u8> = r.get(4)?;
    let mut ondertekening = [0u8; 32];
    if sleutel.len() == 32 {
        ondertekening.copy_from_slice(&sleutel);
    }
    Ok(Collega {
        apparaat: r.get(0)?,
        naam: r.get(1)?,
        rol: r.get(2)?,
        organisatie: r.get(3)?,
        ondertekening,
        age: r.get(5)?,
        toegevoegd_op: r.get(6)?,
        bevestigd_op: r.get(7)?,
        verwijderd_op: r.get(8)?,
    })
}

const COLLEGA_KOLOMMEN: &str =
    "apparaat, naam, rol, organisatie, ondertekening, age, toegevoegd_op, bevestigd_op, verwijderd_op";

impl Store {
    /// This device's stored identity, if one was made.
    pub fn identiteit(&self) -> Resultaat<Option<RuweIdentiteit>> {
        Ok(self
            .conn
            .query_row("SELECT ondertekening, age FROM apparaat_identiteit WHERE id = 1", [], |r| {
                let s: Vec<u8> = r.get(0)?;
                let a: String = r.get(1)?;
                Ok((s, a))
            })
            .optional()?
            .map(|(s, a)| {
                let mut seed = Zeroizing::new([0u8; 32]);
                seed.copy_from_slice(&s);
                RuweIdentiteit { ondertekening: seed, age: Zeroizing::new(a) }
            }))
    }

    /// Store this device's identity. Refuses to replace an existing one.
    pub fn zet_identiteit(&mut self, id: &RuweIdentiteit) -> Resultaat<()> {
        if self.identiteit()?.is_some() {
            return Err(StoreFout::BestaatAl(std::path::PathBuf::from("apparaatidentiteit")));
        }
        self.conn.execute(
            "INSERT INTO apparaat_identiteit(id, ondertekening, age) VALUES (1, ?1, ?2)",
            (&id.ondertekening[..], id.age.as_str()),
        )?;
        Ok(())
    }

    /// Every colleague on the roster, removed ones included, by name.
    pub fn collegas(&self) -> Resultaat<Vec<Collega>> {
        let mut stmt = self.conn.prepare(&format!("SELECT {COLLEGA_KOLOMMEN} FROM collega ORDER BY naam, apparaat"))?;
        let rijen = stmt.query_map([], collega_van_rij)?;
        Ok(rijen.collect::<Result<_, _>>()?)
    }

    /// One colleague by device id.
    pub fn collega(&self, apparaat: &str) -> Resultaat<Option<Collega>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLLEGA_KOLOMMEN} FROM collega WHERE apparaat = ?1"),
                [apparaat],
                collega_van_rij,
            )
            .optional()?)
    }

    /// Add a colleague from their card, not yet trusted. Importing the same card again
    /// updates name, role and organisation; different keys for a known device, or a
    /// card of this device itself, are refused.
    pub fn collega_toevoegen(&mut self, c: &Collega) -> Resultaat<()> {
        if c.apparaat == self.apparaat {
            return Err(StoreFout::BestaatAl(std::path::PathBuf::from(&c.apparaat)));
        }
        if let Some(bestaand) = self.collega(&c.apparaat)? {
            if bestaand.ondertekening != c.ondertekening || bestaand.age != c.age {
                return Err(StoreFout::OngeldigeOperatie(format!(
                    "device {} is already on the roster with other keys",
                    c.apparaat
                )));
            }
            self.conn.execute(
                "UPDATE collega SET naam = ?2, rol = ?3, organisatie = ?4 WHERE apparaat = ?1",
                (&c.apparaat, &c.naam, &c.rol, &c.organisatie),
            )?;
            return Ok(());
        }
        self.conn.execute(
            &format!("INSERT INTO collega({COLLEGA_KOLOMMEN}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, NULL)"),
            (&c.apparaat, &c.naam, &c.rol, &c.organisatie, &c.ondertekening[..], &c.age, nu()),
        )?;
        // Link to the partner of the same name, when exactly one active partner has it.
        if !c.organisatie.trim().is_empty() {
            let mut stmt =
                self.conn.prepare("SELECT id FROM partner WHERE lower(naam) = lower(?1) AND gearchiveerd = 0")?;
            let ids: Vec<String> = stmt.query_map([c.organisatie.trim()], |r| r.get(0))?.collect::<Result<_, _>>()?;
            if let [id] = &ids[..] {
                self.conn.execute("UPDATE collega SET partner_id = ?2 WHERE apparaat = ?1", (&c.apparaat, id))?;
            }
        }
        Ok(())
    }

    /// The partner a colleague of another organisation is linked to (covenant check).
    pub fn collega_partner(&self, apparaat: &str) -> Resultaat<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT partner_id FROM collega WHERE apparaat = ?1", [apparaat], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// Link a colleague to the partner record of their organisation (or unlink with
    /// `None`). The partner must exist.
    pub fn collega_koppelen(&mut self, apparaat: &str, partner: Option<&str>) -> Resultaat<()> {
        if let Some(p) = partner {
            let bestaat: bool =
                self.conn.query_row("SELECT EXISTS (SELECT 1 FROM partner WHERE id = ?1)", [p], |r| r.get(0))?;
            if !bestaat {
                return Err(StoreFout::Onbekend { tabel: "partner", id: p.to_string() });
            }
        }
        let n = self.conn.execute("UPDATE collega SET partner_id = ?2 WHERE apparaat = ?1", (apparaat, partner))?;
        if n == 0 {
            return Err(StoreFout::Onbekend { tabel: "collega", id: apparaat.to_string() });
        }
        Ok(())
    }

    /// The fingerprint was compared in person: trust the colleague (again).
    pub fn collega_bevestigen(&mut self, apparaat: &str) -> Resultaat<()> {
        let n = self.conn.execute(
            "UPDATE collega SET bevestigd_op = ?2, verwijderd_op = NULL WHERE apparaat = ?1",
            (apparaat, nu()),
        )?;
        if n == 0 {
            return Err(StoreFout::Onbekend { tabel: "collega", id: apparaat.to_string() });
        }
        Ok(())
    }

    /// Remove a colleague: no more bundles to or from their device.
    pub fn collega_verwijderen(&mut self, apparaat: &str) -> Resultaat<()> {
        let n = self.conn.execute(
            "UPDATE collega SET verwijderd_op = ?2 WHERE apparaat = ?1 AND verwijderd_op IS NULL",
            (apparaat, nu()),
        )?;
        if n == 0 {
            return Err(StoreFout::Onbekend { tabel: "collega", id: apparaat.to_string() });
        }
        Ok(())
    }

    /// The last sequence number this device gave out.
    pub fn eigen_volgnummer(&self) -> Resultaat<i64> {
        Ok(self.instelling(instelling::VOLGNUMMER)?.and_then(|s| s.parse().ok()).unwrap_or(0))
    }

    /// What this device holds of other devices' change logs, per scope (its own
    /// operations are not listed; see [`Store::bezit`]).
    pub fn ontvangen_bezit(&self) -> Resultaat<Bezit> {
        lees_bezit(&self.conn, "SELECT apparaat, scope, van, tot FROM dekking ORDER BY apparaat, scope, van", [])
    }

    /// What this device holds of other devices' change logs, for the status view.
    pub fn dekking(&self) -> Resultaat<Vec<Dekking>> {
        Ok(self
            .ontvangen_bezit()?
            .into_iter()
            .map(|(apparaat, scopes)| {
                let casussen = scopes.keys().filter(|s| *s != ALLE_SCOPES && *s != GEEN_CASUS).count();
                let reeksen = match scopes.get(ALLE_SCOPES) {
                    Some(r) => r.clone(),
                    None => {
                        // Only some cases: what is held for every one of them.
                        let mut it = scopes.values();
                        let eerste = it.next().cloned().unwrap_or_default();
                        it.fold(eerste, |acc, r| doorsnede(&acc, r))
                    }
                };
                Dekking { apparaat, reeksen, casussen }
            })
            .collect())
    }

    /// Everything this device holds, per origin device and scope: what it received, and
    /// its own operations in every scope. Sent in every bundle so colleagues know what
    /// not to send again.
    pub fn bezit(&self) -> Resultaat<Bezit> {
        let mut bezit = self.ontvangen_bezit()?;
        let eigen = self.eigen_volgnummer()?;
        if eigen > 0 {
            bezit.insert(self.apparaat.clone(), BTreeMap::from([(ALLE_SCOPES.to_string(), vec![(1, eigen)])]));
        }
        Ok(bezit)
    }

    /// What `collega` has confirmed to hold, per origin device and scope.
    pub fn bevestigd(&self, collega: &str) -> Resultaat<Bezit> {
        lees_bezit(
            &self.conn,
            "SELECT apparaat, scope, van, tot FROM bevestigd WHERE collega = ?1 ORDER BY apparaat, scope, van",
            [collega],
        )
    }

    /// The name of a device: this device's user, a colleague on the roster, or a name
    /// learnt from a bundle (a colleague of a colleague).
    pub fn apparaat_naam(&self, apparaat: &str) -> Resultaat<Option<String>> {
        if apparaat == self.apparaat {
            return Ok(Some(self.gebruiker.clone()));
        }
        if let Some(c) = self.collega(apparaat)? {
            return Ok(Some(c.naam));
        }
        Ok(self
            .conn
            .query_row("SELECT naam FROM apparaat_naam WHERE apparaat = ?1", [apparaat], |r| r.get(0))
            .optional()?)
    }

    /// Names of this device and its colleagues, for a bundle's manifest.
    pub fn bekende_namen(&self) -> Resultaat<BTreeMap<String, String>> {
        let mut namen: BTreeMap<String, String> = {
            let mut stmt = self.conn.prepare("SELECT apparaat, naam FROM apparaat_naam")?;
            let r = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            r.collect::<Result<_, _>>()?
        };
        for c in self.collegas()? {
            namen.insert(c.apparaat, c.naam);
        }
        namen.insert(self.apparaat.clone(), self.gebruiker.clone());
        Ok(namen)
    }

    /// The id of a bundle that was already imported.
    pub fn bundel_bekend(&self, id: &str) -> Resultaat<bool> {
        Ok(self.conn.query_row("SELECT EXISTS (SELECT 1 FROM bundel_ontvangen WHERE id = ?1)", [id], |r| r.get(0))?)
    }
}

fn lees_bezit<P: rusqlite::Params>(conn: &rusqlite::Connection, sql: &str, p: P) -> Resultaat<Bezit> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut uit = Bezit::new();
    let rijen = stmt.query_map(p, |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?))
    })?;
    for rij in rijen {
        let (apparaat, scope, van, tot) = rij?;
        uit.entry(apparaat).or_default().entry(scope).or_default().push((van, tot));
    }
    Ok(uit)
}

/// Bookkeeping of one imported bundle, written in the import transaction.
pub(crate) struct Ontvangst<'a> {
    pub bundel: &'a str,
    pub afzender: &'a str,
    /// Per origin device and scope: the ranges the sender vouches to have sent in full.
    pub dekking: &'a Bezit,
    /// What the sender holds (its acknowledgement of what need not be sent again).
    pub bezit: &'a Bezit,
    /// Names the sender knows for devices (its own roster and itself).
    pub namen: &'a BTreeMap<String, String>,
    pub operaties: usize,
}

pub(crate) fn boek_ontvangst(conn: &rusqlite::Connection, eigen: &str, o: &Ontvangst<'_>) -> Resultaat<()> {
    conn.execute(
        "INSERT INTO bundel_ontvangen(id, afzender, ontvangen_op, operaties) VALUES (?1, ?2, ?3, ?4)",
        (o.bundel, o.afzender, nu(), o.operaties as i64),
    )?;
    let mut dekking = lees_bezit(conn, "SELECT apparaat, scope, van, tot FROM dekking", [])?;
    let mut nieuw = o.dekking.clone();
    nieuw.remove(eigen);
    voeg_bezit_toe(&mut dekking, &nieuw);
    conn.execute("DELETE FROM dekking", [])?;
    schrijf_bezit(conn, "INSERT INTO dekking(apparaat, scope, van, tot) VALUES (?1, ?2, ?3, ?4)", None, &dekking)?;
    for (apparaat, naam) in o.namen {
        conn.execute(
            "INSERT INTO apparaat_naam(apparaat, naam) VALUES (?1, ?2)
             ON CONFLICT(apparaat) DO UPDATE SET naam = excluded.naam",
            (apparaat, naam),
        )?;
    }
    let mut bevestigd =
        lees_bezit(conn, "SELECT apparaat, scope, van, tot FROM bevestigd WHERE collega = ?1", [o.afzender])?;
    voeg_bezit_toe(&mut bevestigd, o.bezit);
    conn.execute("DELETE FROM bevestigd WHERE collega = ?1", [o.afzender])?;
    schrijf_bezit(
        conn,
        "INSERT INTO bevestigd(collega, apparaat, scope, van, tot) VALUES (?5, ?1, ?2, ?3, ?4)",
        Some(o.afzender),
        &bevestigd,
    )?;
    Ok(())
}

fn schrijf_bezit(conn: &rusqlite::Connection, sql: &str, collega: Option<&str>, bezit: &Bezit) -> Resultaat<()> {
    let mut stmt = conn.prepare_cached(sql)?;
    for (apparaat, scopes) in bezit {
        for (scope, reeksen) in scopes {
            for (van, tot) in reeksen {
                match collega {
                    Some(c) => stmt.execute(rusqlite::params![apparaat, scope, van, tot, c])?,
                    None => stmt.execute(rusqlite::params![apparaat, scope, van, tot])?,
                };
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reeksen_voegen_samen_en_tonen_gaten() {
        let mut r = Vec::new();
        voeg_reeks_toe(&mut r, 5, 8);
        voeg_reeks_toe(&mut r, 1, 3);
        let d = Dekking { apparaat: "a".into(), reeksen: r.clone(), casussen: 0 };
        assert_eq!(d.doorlopend_tot(), 3);
        assert_eq!(d.gaten(), vec![(4, 4)]);
        voeg_reeks_toe(&mut r, 4, 4);
        assert_eq!(r, vec![(1, 8)]);
        voeg_reeks_toe(&mut r, 2, 6);
        assert_eq!(r, vec![(1, 8)]);
        voeg_reeks_toe(&mut r, 10, 9);
        assert_eq!(r, vec![(1, 8)]);
    }

    #[test]
    fn bezit_per_scope() {
        let mut b = Bezit::new();
        let claim = |scope: &str, v: i64, t: i64| -> Bezit {
            BTreeMap::from([("a".to_string(), BTreeMap::from([(scope.to_string(), vec![(v, t)])]))])
        };
        voeg_bezit_toe(&mut b, &claim("casus-1", 1, 10));
        assert!(heeft(&b, "a", "casus-1", 7));
        assert!(!heeft(&b, "a", "casus-2", 7), "a scoped range says nothing about another casus");
        assert!(!heeft(&b, "a", GEEN_CASUS, 7));
        voeg_bezit_toe(&mut b, &claim(ALLE_SCOPES, 1, 5));
        assert!(heeft(&b, "a", "casus-2", 5));
        assert!(!heeft(&b, "a", "casus-2", 6));
        assert_eq!(effectief(&b, "a", "casus-1"), vec![(1, 10)]);
        voeg_bezit_toe(&mut b, &claim(ALLE_SCOPES, 6, 12));
        assert_eq!(b["a"].len(), 1, "scope ranges inside the every-scope ranges are dropped: {b:?}");
        assert_eq!(doorsnede(&[(1, 5), (8, 9)], &[(3, 8)]), vec![(3, 5), (8, 8)]);
        assert_eq!(doorlopend(&[(1, 4), (6, 7)]), 4);
        assert_eq!(doorlopend(&[(2, 4)]), 0);
    }
}

//! Merging change-log operations received from colleagues, and reading the operations to
//! send. This is the second write path next to `Schrijver` (which it uses for the audit
//! log and the clock): received operations are already logged by their author, so here
//! they are stored as they are and the rows are rebuilt from the winning values.
//!
//! Merge rule (docs/bundle-format.md): per field, the *heads* are the operations no other
//! known operation has seen (`basis`). The head with the highest HLC, then device id,
//! is the value; further heads are conflicts. A row with a tombstone stays deleted. The
//! result depends only on the set of operations, not on the order they arrive in.

use super::schrijven::{self, OpId, Wijziging, handeling, koppen, vergeet_koppen, verwerk_kop};
use super::team::{Ontvangst, boek_ontvangst};
use super::{Resultaat, Store, StoreFout};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use std::collections::{BTreeMap, BTreeSet};

/// What an import changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Toegepast {
    /// Operations that were new to this device.
    pub nieuw: usize,
    /// Operations already known (sent before).
    pub bekend: usize,
    /// Rows created, changed or deleted.
    pub rijen: usize,
    /// Fields that are now in conflict.
    pub conflicten: usize,
    /// Casusnummers of received cases that collided with another case's number and are
    /// shown with a suffix.
    pub hernummerd: Vec<String>,
    /// Removal records of cases a colleague removed after their retention term; this
    /// device's copies were purged.
    pub vernietigd: Vec<String>,
}

/// One field with more than one current value.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// Table.
    pub tabel: String,
    /// Row id.
    pub rij: String,
    /// Field.
    pub veld: String,
    /// The casus the row belongs to.
    pub casus_id: Option<String>,
    /// The competing values, the one in use first.
    pub waarden: Vec<ConflictWaarde>,
}

impl Conflict {
    /// A short id that names this conflict as it is now: the field and its competing
    /// values. When a value changes (a colleague's edit arrives, someone chooses), the id
    /// changes too, so a choice made from an old list is refused instead of misapplied.
    pub fn id(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for deel in [&self.tabel, &self.rij, &self.veld] {
            h.update(deel.as_bytes());
            h.update([0]);
        }
        for w in &self.waarden {
            h.update(format!("{}:{};", w.op.apparaat, w.op.volgnummer).as_bytes());
        }
        hex::encode(&h.finalize()[..4])
    }
}

/// One competing value of a field.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictWaarde {
    /// The operation that wrote it.
    pub op: OpId,
    /// Its clock (milliseconds since 1970 << 16 | counter).
    pub hlc: i64,
    /// The value.
    pub waarde: serde_json::Value,
}

impl ConflictWaarde {
    /// Wall-clock time of the change.
    pub fn tijdstip(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        chrono::DateTime::from_timestamp_millis(self.hlc >> 16)
    }
}

fn waarde_van_json(v: &serde_json::Value) -> Option<Value> {
    Some(match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Integer(i64::from(*b)),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64()?),
        },
        serde_json::Value::String(s) => Value::Text(s.clone()),
        _ => return None,
    })
}

fn ongeldig(w: &Wijziging, waarom: &str) -> StoreFout {
    StoreFout::OngeldigeOperatie(format!("{}#{} {}.{}: {waarom}", w.apparaat, w.volgnummer, w.tabel, w.rij))
}

/// A table or field name this version does not know. A well-formed name (what a newer
/// Schakel would send) is reported as unknown data, so the user is told to update;
/// anything else is an invalid operation.
fn onbekend(w: &Wijziging, naam: String, waarom: &str) -> StoreFout {
    let goed = |deel: &str| {
        (1..=40).contains(&deel.len())
            && deel.starts_with(|c: char| c.is_ascii_lowercase())
            && deel.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    if naam.split('.').all(goed) { StoreFout::OnbekendeGegevens { naam } } else { ongeldig(w, waarom) }
}

/// Check an operation against the schema before anything is written.
fn controleer(w: &Wijziging) -> Resultaat<&'static schrijven::Tabel> {
    let t = schrijven::tabel(&w.tabel).ok_or_else(|| onbekend(w, w.tabel.clone(), "unknown table"))?;
    if w.volgnummer < 1 || w.apparaat.is_empty() || w.rij.is_empty() {
        return Err(ongeldig(w, "missing identity"));
    }
    match (&w.veld, w.verwijderd) {
        (None, true) => {
            // Only the tombstone of a casus removed after its retention term carries a
            // value: the removal record (a text).
            let record = t.naam == "casus" && matches!(w.waarde, Some(serde_json::Value::String(_)));
            if (w.waarde.is_some() && !record) || !w.basis.is_empty() || w.gewist {
                return Err(ongeldig(w, "tombstone with a value"));
            }
        }
        (Some(v), false) if w.gewist => {
            if !t.velden.contains(&v.as_str()) {
                return Err(onbekend(w, format!("{}.{v}", t.naam), "unknown field"));
            }
            if w.waarde.is_some() {
                return Err(ongeldig(w, "wiped operation with a value"));
            }
        }
        (Some(v), false) => {
            if !t.velden.contains(&v.as_str()) {
                return Err(onbekend(w, format!("{}.{v}", t.naam), "unknown field"));
            }
            // JSON null arrives as `None`: a field set to NULL.
            if let Some(x) = &w.waarde
                && waarde_van_json(x).is_none()
            {
                return Err(ongeldig(w, "value is not a scalar"));
            }
            // A packed plan snapshot must unpack, within its limit (no bomb in a bundle).
            if let (true, Some(serde_json::Value::String(t))) = (t.naam == "planversie" && v == "inhoud", &w.waarde)
                && super::plan::is_ingepakt(t)
                && super::plan::snapshot_uitpakken(t).is_err()
            {
                return Err(ongeldig(w, "plan snapshot does not unpack"));
            }
        }
        _ => return Err(ongeldig(w, "field and tombstone flag disagree")),
    }
    if w.basis.iter().any(|b| b.apparaat == w.apparaat && b.volgnummer >= w.volgnummer) {
        return Err(ongeldig(w, "basis not older than the operation"));
    }
    Ok(t)
}

/// Whether row `rij` of `tabel` has a tombstone (it stays deleted on every replica).
pub(crate) fn is_verwijderd(conn: &Connection, tabel: &str, rij: &str) -> Resultaat<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM wijziging_nr WHERE tabel = (SELECT nr FROM tekstnr WHERE tekst = ?1)
                            AND rij = (SELECT nr FROM tekstnr WHERE tekst = ?2) AND veld IS NULL)",
        )?
        .query_row((tabel, rij), |r| r.get(0))?)
}

/// The query of [`winnaars`]: the heads of one row, through the primary key of `kop_nr`
/// (table, row, ...), so its cost does not grow with the number of rows.
pub(crate) const WINNAARS: &str = "SELECT v.tekst, w.waarde, a.tekst, w.hlc, w.gewist FROM kop_nr k
     JOIN wijziging_nr w ON w.apparaat = k.apparaat AND w.volgnummer = k.volgnummer
     JOIN tekstnr v ON v.nr = k.veld
     JOIN tekstnr a ON a.nr = k.apparaat
     WHERE k.tabel = (SELECT nr FROM tekstnr WHERE tekst = ?1) AND k.rij = (SELECT nr FROM tekstnr WHERE tekst = ?2)
     ORDER BY v.tekst, w.hlc DESC, a.tekst DESC";

/// The winning value per field of a row, from the heads. A winner whose value lives in
/// the row (schema 21) has the row's value, which must exist.
fn winnaars(conn: &Connection, t: &schrijven::Tabel, rij: &str) -> Resultaat<BTreeMap<String, (Value, String, i64)>> {
    let mut stmt = conn.prepare_cached(WINNAARS)?;
    let mut uit = BTreeMap::new();
    let mut in_rij = Vec::new();
    let rijen = stmt.query_map((t.naam, rij), |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, bool>(4)?,
        ))
    })?;
    for r in rijen {
        let (veld, waarde, apparaat, hlc, gewist) = r?;
        if uit.contains_key(&veld) {
            continue;
        }
        if waarde.is_none() && !gewist {
            in_rij.push(veld.clone());
        }
        let json: serde_json::Value = waarde.and_then(|w| serde_json::from_str(&w).ok()).unwrap_or_default();
        uit.insert(veld, (waarde_van_json(&json).unwrap_or(Value::Null), apparaat, hlc));
    }
    // The operations of the row's creation run: each the only head of its field, with
    // the value in the row (schema 23).
    for (veld, apparaat, _, hlc) in schrijven::aanmaak_koppen(conn, t.naam, rij)? {
        if let std::collections::btree_map::Entry::Vacant(plek) = uit.entry(veld) {
            in_rij.push(plek.key().clone());
            plek.insert((Value::Null, apparaat, hlc));
        }
    }
    if let Some(vreemd) = in_rij.iter().find(|v| !t.velden.contains(&v.as_str())) {
        return Err(StoreFout::Onbekend { tabel: "veld", id: format!("{}.{vreemd}", t.naam) });
    }
    if !in_rij.is_empty() {
        let rijwaarden = schrijven::rij_kolommen(conn, t.naam, rij, &in_rij)?.ok_or_else(|| {
            StoreFout::WaardeNietInRij(format!("{}.{} of {rij}: the row is missing", t.naam, in_rij[0]))
        })?;
        for (veld, w) in in_rij.iter().zip(rijwaarden) {
            if let Some(winnaar) = uit.get_mut(veld) {
                winnaar.0 = w;
            }
        }
    }
    Ok(uit)
}

/// Where each casus claiming casusnummer `nummer` is stored: the oldest claim (HLC, then
/// device id) keeps the number; each later claim gets a suffix from its device id, as
/// short as possible but at least two characters and distinct from earlier claims, and a
/// negative sequence number (so local numbering continues after the real ones). Depends
/// only on the set of claims, so every replica stores the same.
fn plaatsing(nummer: &str, claims: &[(i64, String, String)]) -> Vec<(String, String, i64)> {
    let volg: i64 = nummer.rsplit('-').next().and_then(|v| v.parse().ok()).unwrap_or(0);
    let mut uit: Vec<(String, String, i64)> = Vec::with_capacity(claims.len());
    let mut gebruikt: Vec<String> = Vec::new();
    for (i, (_, apparaat, rij)) in claims.iter().enumerate() {
        if i == 0 {
            uit.push((rij.clone(), nummer.to_string(), volg));
            continue;
        }
        let tekens: Vec<char> = apparaat.chars().filter(char::is_ascii_alphanumeric).collect();
        let mut lengte = 2.min(tekens.len());
        let mut code: String = tekens[..lengte].iter().collect::<String>().to_uppercase();
        while gebruikt.contains(&code) && lengte < tekens.len() {
            lengte += 1;
            code = tekens[..lengte].iter().collect::<String>().to_uppercase();
        }
        if gebruikt.contains(&code) {
            code = format!("{code}{i}");
        }
        gebruikt.push(code.clone());
        uit.push((rij.clone(), format!("{nummer}-{code}"), -(volg * 1000 + i as i64)));
    }
    uit
}

/// Store every other casus claiming `nummer` where [`plaatsing`] puts it, and return the
/// (nummer, volgnummer) for row `rij`. Rows move in two steps so the UNIQUE constraints
/// never see two rows on one number in between.
fn plaats_casussen(
    conn: &Connection,
    rij: &str,
    nummer: &str,
    hernummerd: &mut Vec<String>,
) -> Resultaat<(String, i64)> {
    let plaatsen = plaatsing(nummer, &claims(conn, nummer)?);
    let mut te_verplaatsen: Vec<(String, String, i64)> = Vec::new();
    for (id, n, v) in &plaatsen {
        if id == rij {
            continue;
        }
        let huidig: Option<(String, i64)> = conn
            .prepare_cached("SELECT nummer, volgnummer FROM casus WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some(h) = huidig
            && (h.0 != *n || h.1 != *v)
        {
            te_verplaatsen.push((id.clone(), n.clone(), *v));
        }
    }
    for (id, _, _) in &te_verplaatsen {
        conn.prepare_cached("UPDATE casus SET nummer = '~' || id, volgnummer = -1000000000000 - rowid WHERE id = ?1")?
            .execute([id])?;
    }
    for (id, n, v) in te_verplaatsen {
        conn.prepare_cached("UPDATE casus SET nummer = ?2, volgnummer = ?3 WHERE id = ?1")?
            .execute(rusqlite::params![id, n, v])?;
        if n != nummer && !hernummerd.contains(&n) {
            hernummerd.push(n);
        }
    }
    let (n, v) =
        plaatsen.into_iter().find(|(id, _, _)| id == rij).map(|(_, n, v)| (n, v)).unwrap_or_else(|| {
            (nummer.to_string(), nummer.rsplit('-').next().and_then(|v| v.parse().ok()).unwrap_or(0))
        });
    if n != nummer && !hernummerd.contains(&n) {
        hernummerd.push(n.clone());
    }
    Ok((n, v))
}

/// The query of [`claims`]. It starts from `kop_casusnummer` (the heads of casus.nummer
/// by value, kept by triggers on `kop_nr`, migration 0016) and checks each against the
/// heads and the change log, so the result is exactly the heads of casus.nummer whose
/// value is the number; without that table this was a scan of every casus head, and an
/// import of N cases cost N² (issue 23).
/// `CROSS JOIN` fixes that order: without statistics SQLite would rather start from the
/// `casus` prefix of the primary key of `kop_nr`, which is the scan this avoids.
pub(crate) const CLAIMS: &str = "SELECT c.hlc, a.tekst, r.tekst FROM kop_casusnummer c
     CROSS JOIN kop_nr k ON k.tabel = (SELECT nr FROM tekstnr WHERE tekst = 'casus') AND k.rij = c.rij
                  AND k.veld = (SELECT nr FROM tekstnr WHERE tekst = 'nummer')
                  AND k.apparaat = c.apparaat AND k.volgnummer = c.volgnummer
     JOIN wijziging_nr w ON w.apparaat = c.apparaat AND w.volgnummer = c.volgnummer
     JOIN tekstnr a ON a.nr = k.apparaat
     JOIN tekstnr r ON r.nr = k.rij
     WHERE c.waarde = ?1 AND w.waarde = ?1
     ORDER BY c.hlc, a.tekst, r.tekst";

/// Claims on casusnummer `nummer` as (hlc, device, row id), oldest first.
fn claims(conn: &Connection, nummer: &str) -> Resultaat<Vec<(i64, String, String)>> {
    let json = serde_json::Value::String(nummer.to_string()).to_string();
    let mut stmt = conn.prepare_cached(CLAIMS)?;
    let rijen = stmt.query_map([json], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rijen.collect::<Result<_, _>>()?)
}

/// Rebuild one row from its winning values. Returns whether the row changed.
fn materialiseer(conn: &Connection, t: &schrijven::Tabel, rij: &str, hernummerd: &mut Vec<String>) -> Resultaat<bool> {
    if is_verwijderd(conn, t.naam, rij)? {
        let n = conn.execute(&format!("DELETE FROM {} WHERE id = ?1", t.naam), [rij])?;
        return Ok(n > 0);
    }
    let winnaars = winnaars(conn, t, rij)?;
    let mut velden: Vec<(&str, Value)> =
        t.velden.iter().filter_map(|v| winnaars.get(*v).map(|(w, _, _)| (*v, w.clone()))).collect();
    if t.velden.contains(&schrijven::AANGEMAAKT[0]) && !winnaars.contains_key(schrijven::AANGEMAAKT[0]) {
        // A row created before these fields existed: its creating operation, as the
        // upgrade of every replica derived it. Every operation of the row carries the
        // row's casus (these tables all have one), so the search goes through the casus
        // index (schema 9 has no index on table and row); or it is in the row's creation
        // run (schema 23).
        let casus = match winnaars.get("casus_id") {
            Some((Value::Text(c), _, _)) => Some(c.clone()),
            _ => None,
        };
        let eerste: Option<(i64, String)> = conn
            .prepare_cached(
                "SELECT w.hlc, a.tekst FROM (
                     SELECT apparaat, hlc FROM wijziging_nr
                     WHERE casus IS (SELECT nr FROM tekstnr WHERE tekst = ?3)
                       AND tabel = (SELECT nr FROM tekstnr WHERE tekst = ?1)
                       AND rij = (SELECT nr FROM tekstnr WHERE tekst = ?2) AND veld IS NOT NULL
                     UNION ALL
                     SELECT g.apparaat, g.hlc + j.key FROM aanmaak_nr g JOIN tekstnr l ON l.nr = g.velden
                     JOIN json_each(l.tekst) j
                     WHERE g.tabel = (SELECT nr FROM tekstnr WHERE tekst = ?1)
                       AND g.rij = (SELECT nr FROM tekstnr WHERE tekst = ?2) AND j.value <> 0) w
                 JOIN tekstnr a ON a.nr = w.apparaat
                 ORDER BY w.hlc, a.tekst LIMIT 1",
            )?
            .query_row((t.naam, rij, casus), |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((hlc, apparaat)) = eerste {
            velden.push((schrijven::AANGEMAAKT[0], Value::Integer(hlc)));
            velden.push((schrijven::AANGEMAAKT[1], Value::Text(apparaat)));
        }
    }
    if t.naam == "casus"
        && let Some((_, Value::Text(nummer))) = velden.iter().find(|(v, _)| *v == "nummer").cloned()
    {
        let (n, v) = plaats_casussen(conn, rij, &nummer, hernummerd)?;
        for (veld, w) in velden.iter_mut() {
            match *veld {
                "nummer" => *w = Value::Text(n.clone()),
                "volgnummer" => *w = Value::Integer(v),
                _ => {}
            }
        }
    }
    if velden.is_empty() {
        return Ok(false);
    }
    let kolommen: Vec<&str> = velden.iter().map(|(v, _)| *v).collect();
    let huidig = schrijven::rij_kolommen(conn, t.naam, rij, &kolommen)?;
    match huidig {
        Some(huidig) => {
            let mut veranderd = false;
            for ((veld, nieuw), oud) in velden.iter().zip(huidig) {
                if *nieuw != oud {
                    conn.prepare_cached(&format!("UPDATE {} SET {veld} = ?1 WHERE id = ?2", t.naam))?
                        .execute(rusqlite::params![nieuw, rij])?;
                    veranderd = true;
                }
            }
            Ok(veranderd)
        }
        None => {
            let plekken: Vec<String> = (1..=kolommen.len() + 1).map(|i| format!("?{i}")).collect();
            let sql = format!("INSERT INTO {} (id, {}) VALUES ({})", t.naam, kolommen.join(", "), plekken.join(", "));
            let mut params = vec![Value::Text(rij.to_string())];
            params.extend(velden.into_iter().map(|(_, w)| w));
            // A row whose creating operations have not all arrived yet (NOT NULL columns
            // missing) waits: its operations are kept and the row appears once complete.
            conn.execute_batch("SAVEPOINT rij")?;
            match conn.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(params.iter())) {
                Ok(_) => {
                    conn.execute_batch("RELEASE rij")?;
                    Ok(true)
                }
                Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ConstraintViolation => {
                    conn.execute_batch("ROLLBACK TO rij; RELEASE rij")?;
                    wacht(conn, t.naam, rij)?;
                    Ok(false)
                }
                Err(e) => Err(e.into()),
            }
        }
    }
}

/// Append every row of `stmt` as one sorted text line each (dumps for the tests).
fn dump_rijen<P: rusqlite::Params>(stmt: &mut rusqlite::Statement<'_>, p: P, uit: &mut String) -> Resultaat<()> {
    let n = stmt.column_count();
    let mut regels: Vec<String> = Vec::new();
    let mut rijen = stmt.query(p)?;
    while let Some(r) = rijen.next()? {
        let velden: Vec<String> = (0..n).map(|i| format!("{:?}", r.get::<_, Value>(i).ok())).collect();
        regels.push(velden.join("|"));
    }
    regels.sort();
    for r in regels {
        uit.push_str(&r);
        uit.push('\n');
    }
    Ok(())
}

/// [`dump_rijen`] for rows of the view `wijziging`, each with the value its operation
/// carries: also one that lives in its row (schema 21), so the dump shows what a
/// colleague would receive, however the value is stored here.
fn dump_wijzigingen(conn: &Connection, stmt: &mut rusqlite::Statement<'_>, uit: &mut String) -> Resultaat<()> {
    let kolom = |naam: &str| stmt.column_index(naam);
    let (t, r, v, w, g) = (kolom("tabel")?, kolom("rij")?, kolom("veld")?, kolom("waarde")?, kolom("gewist")?);
    let n = stmt.column_count();
    let mut regels: Vec<String> = Vec::new();
    let mut rijen = stmt.query([])?;
    while let Some(rij) = rijen.next()? {
        let mut velden: Vec<Option<Value>> = (0..n).map(|i| rij.get::<_, Value>(i).ok()).collect();
        let (tabel, id, veld): (String, String, Option<String>) = (rij.get(t)?, rij.get(r)?, rij.get(v)?);
        let waarde = schrijven::operatiewaarde(conn, (&tabel, &id, veld.as_deref()), rij.get(w)?, rij.get(g)?)?;
        velden[w] = Some(waarde.map_or(Value::Null, Value::Text));
        regels.push(velden.iter().map(|x| format!("{x:?}")).collect::<Vec<_>>().join("|"));
    }
    regels.sort();
    for r in regels {
        uit.push_str(&r);
        uit.push('\n');
    }
    Ok(())
}

/// Remember a row that cannot be built (completely) yet; every import retries it.
fn wacht(conn: &Connection, tabel: &str, rij: &str) -> Resultaat<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO wachtend(tabel, rij) VALUES (?1, ?2)")?.execute((tabel, rij))?;
    Ok(())
}

/// A received row may point at a row that a colleague deleted concurrently (an action
/// of a removed goal). Such references are repaired the same way on every replica:
/// a nullable reference becomes empty, a row that cannot exist without its parent is
/// not shown. The operations stay in the change log.
fn herstel_verwijzingen(conn: &Connection, tabellen: &BTreeSet<&'static str>) -> Resultaat<usize> {
    let mut hersteld = 0;
    for _ in 0..8 {
        let mut schendingen: Vec<(String, i64, String, i64)> = Vec::new();
        for t in tabellen {
            let mut stmt = conn.prepare(&format!("PRAGMA foreign_key_check({t})"))?;
            let r = stmt.query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get::<_, i64>(3)?))
            })?;
            schendingen.extend(r.collect::<Result<Vec<_>, _>>()?);
        }
        if schendingen.is_empty() {
            break;
        }
        for (tabel, rowid, ouder, fkid) in schendingen {
            let t = schrijven::tabel(&tabel).ok_or_else(|| StoreFout::OngeldigeOperatie(tabel.clone()))?;
            let kolom: String = conn.query_row(
                &format!("SELECT \"from\" FROM pragma_foreign_key_list('{}') WHERE id = ?1", t.naam),
                [fkid],
                |r| r.get(0),
            )?;
            let verplicht: bool = conn.query_row(
                &format!("SELECT \"notnull\" FROM pragma_table_info('{}') WHERE name = ?1", t.naam),
                [&kolom],
                |r| r.get(0),
            )?;
            // A parent that may still arrive (a later bundle, a wider scope): the row waits
            // and is rebuilt from its operations then. A parent deleted for good: no wait.
            let (id, doel): (String, Option<String>) =
                conn.query_row(&format!("SELECT id, {kolom} FROM {} WHERE rowid = ?1", t.naam), [rowid], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            let ouder_weg = match (schrijven::tabel(&ouder), &doel) {
                (Some(o), Some(d)) => is_verwijderd(conn, o.naam, d)?,
                _ => false,
            };
            if !ouder_weg {
                wacht(conn, t.naam, &id)?;
            }
            // The row stops holding these values: its operations keep them.
            schrijven::waarden_terug(conn, t, &id, if verplicht { None } else { Some(&kolom) })?;
            if verplicht {
                conn.execute(&format!("DELETE FROM {} WHERE rowid = ?1", t.naam), [rowid])?;
            } else {
                conn.execute(&format!("UPDATE {} SET {kolom} = NULL WHERE rowid = ?1", t.naam), [rowid])?;
            }
            hersteld += 1;
        }
    }
    Ok(hersteld)
}

/// The rows whose values operations read last (export: a row's operations come together).
#[derive(Default)]
struct Rijgeheugen {
    /// Table and id of the row read last.
    sleutel: Option<(String, String)>,
    /// Its fields in the order of `Tabel::velden`; `None` when the row does not exist.
    waarden: Option<Vec<Value>>,
}

impl Rijgeheugen {
    /// The value an operation on field `veld` of row `rij` carries when it lives in the
    /// row (schema 21), as JSON.
    fn waarde(&mut self, conn: &Connection, tabel: &str, rij: &str, veld: &str) -> Resultaat<serde_json::Value> {
        let t = schrijven::tabel(tabel).ok_or_else(|| StoreFout::Onbekend { tabel: "tabel", id: tabel.to_string() })?;
        if self.sleutel.as_ref().is_none_or(|(t, r)| t != tabel || r != rij) {
            let rijwaarden = schrijven::rij_kolommen(conn, t.naam, rij, t.velden)?;
            self.sleutel = Some((tabel.to_string(), rij.to_string()));
            self.waarden = rijwaarden;
        }
        let rijwaarden = self.waarden.as_ref();
        let p = t
            .velden
            .iter()
            .position(|v| *v == veld)
            .ok_or_else(|| StoreFout::Onbekend { tabel: "veld", id: format!("{tabel}.{veld}") })?;
        let w = rijwaarden
            .map(|w| &w[p])
            .ok_or_else(|| StoreFout::WaardeNietInRij(format!("{tabel}.{veld} of {rij}: the row is missing")))?;
        Ok(schrijven::json(w))
    }
}

/// Read operations (one row per basis) into `uit`, joining the basis rows of one operation.
/// A value that lives in its row (schema 21) is read from the row.
fn lees_operaties(
    conn: &Connection,
    rijgeheugen: &mut Rijgeheugen,
    mut rijen: rusqlite::Rows<'_>,
    uit: &mut Vec<Wijziging>,
) -> Resultaat<()> {
    let begin = uit.len();
    while let Some(r) = rijen.next()? {
        let apparaat: String = r.get(0)?;
        let volgnummer: i64 = r.get(1)?;
        let basis: Option<OpId> = match r.get::<_, Option<String>>(9)? {
            Some(a) => Some(OpId { apparaat: a, volgnummer: r.get(10)? }),
            None => None,
        };
        if uit.len() > begin
            && let Some(laatste) = uit.last_mut()
            && laatste.apparaat == apparaat
            && laatste.volgnummer == volgnummer
        {
            laatste.basis.extend(basis);
            continue;
        }
        let waarde: Option<String> = r.get(6)?;
        let (tabel, rij, veld, gewist): (String, String, Option<String>, bool) =
            (r.get(3)?, r.get(4)?, r.get(5)?, r.get(11)?);
        let waarde = match (waarde, &veld) {
            (None, Some(v)) if !gewist => Some(rijgeheugen.waarde(conn, &tabel, &rij, v)?),
            (w, _) => w.and_then(|w| serde_json::from_str(&w).ok()),
        };
        uit.push(Wijziging {
            apparaat,
            volgnummer,
            hlc: r.get(2)?,
            tabel,
            rij,
            veld,
            waarde,
            verwijderd: r.get(7)?,
            casus_id: r.get(8)?,
            basis: basis.into_iter().collect(),
            gewist,
        });
    }
    Ok(())
}

/// Whether operation (?1 device, ?2 sequence) is in `wijziging_nr`. An operation in a run
/// of creating operations (schema 23) is not looked for: such an operation has no basis
/// of its own, so walking past it (as past a compacted one) adds nothing to the basis.
const BESTAAT: &str = "SELECT EXISTS (SELECT 1 FROM wijziging_nr
                                      WHERE apparaat = (SELECT nr FROM tekstnr WHERE tekst = ?1) AND volgnummer = ?2)";

/// Add to each operation's basis the bases of compacted operations it names,
/// transitively: the receiver may hold an older value that only the compacted operation
/// superseded, and must still see that this operation supersedes it (`store::compacteren`).
fn sluit_basis(conn: &Connection, ops: &mut [Wijziging]) -> Resultaat<()> {
    let mut bestaat = conn.prepare_cached(BESTAAT)?;
    let mut onder = conn.prepare_cached(
        "SELECT ba.tekst, b.basis_volgnummer FROM wijziging_basis_nr b JOIN tekstnr ba ON ba.nr = b.basis_apparaat
         WHERE b.apparaat = (SELECT nr FROM tekstnr WHERE tekst = ?1) AND b.volgnummer = ?2",
    )?;
    for w in ops.iter_mut() {
        if w.basis.is_empty() {
            continue;
        }
        let mut gezien: BTreeSet<OpId> = w.basis.iter().cloned().collect();
        let mut te_doen: Vec<OpId> = w.basis.clone();
        while let Some(b) = te_doen.pop() {
            if bestaat.query_row((&b.apparaat, b.volgnummer), |r| r.get::<_, bool>(0))? {
                continue;
            }
            let verder = onder
                .query_map((&b.apparaat, b.volgnummer), |r| Ok(OpId { apparaat: r.get(0)?, volgnummer: r.get(1)? }))?;
            for o in verder {
                let o = o?;
                if gezien.insert(o.clone()) {
                    te_doen.push(o);
                }
            }
        }
        if gezien.len() > w.basis.len() {
            w.basis = gezien.into_iter().collect();
        }
    }
    Ok(())
}

impl Store {
    /// A read transaction on this connection, so several queries see one snapshot;
    /// nothing when a transaction is already open (inside a write, the writer's view).
    /// Dropping it ends it (nothing was written).
    fn leestransactie(&self) -> Resultaat<Option<rusqlite::Transaction<'_>>> {
        if self.conn.is_autocommit() { Ok(Some(self.conn.unchecked_transaction()?)) } else { Ok(None) }
    }

    /// Operations to send: per origin device those after `na[device]` (0 when absent), in
    /// sequence order. With `casussen`, only operations of those cases plus those that
    /// belong to no case (partners, contacts, themes, meetings).
    pub fn operaties_na(
        &self,
        na: &BTreeMap<String, i64>,
        casussen: Option<&BTreeSet<String>>,
    ) -> Resultaat<Vec<Wijziging>> {
        // One snapshot for the whole read: a value that lives in its row (schema 21) is
        // read from the row, and an edit committed by another connection in between must
        // not pair a new row value with an older operation (or the reverse).
        let _lezen = self.leestransactie()?;
        let apparaten: Vec<String> = {
            let mut stmt = self.conn.prepare(
                "SELECT a.tekst FROM (SELECT DISTINCT apparaat FROM wijziging_nr
                                      UNION SELECT DISTINCT apparaat FROM aanmaak_nr) d
                 JOIN tekstnr a ON a.nr = d.apparaat ORDER BY a.tekst",
            )?;
            let r = stmt.query_map([], |r| r.get(0))?;
            r.collect::<Result<_, _>>()?
        };
        // The log holds numbers (`tekstnr`); the bundle carries the texts.
        const KOLOMMEN: &str = "SELECT a.tekst, w.volgnummer, w.hlc, t.tekst, r.tekst, v.tekst, w.waarde, w.verwijderd,
                    c.tekst, ba.tekst, b.basis_volgnummer, w.gewist
             FROM wijziging_nr w
             JOIN tekstnr a ON a.nr = w.apparaat
             JOIN tekstnr t ON t.nr = w.tabel
             JOIN tekstnr r ON r.nr = w.rij
             LEFT JOIN tekstnr v ON v.nr = w.veld
             LEFT JOIN tekstnr c ON c.nr = w.casus
             LEFT JOIN wijziging_basis_nr b ON b.apparaat = w.apparaat AND b.volgnummer = w.volgnummer
             LEFT JOIN tekstnr ba ON ba.nr = b.basis_apparaat";
        // The operations of the creation runs (schema 23), in the same columns: no value
        // (it is the row's), no basis. A run holding sequence numbers after ?vanaf starts
        // at most `max_aanmaak` before it (index `aanmaak_volg`).
        const AANMAAK: &str = "SELECT a.tekst, g.volgnummer + j.key, g.hlc + j.key, t.tekst, r.tekst, v.tekst, NULL, 0,
                    c.tekst, NULL, NULL, 0
             FROM aanmaak_nr g JOIN tekstnr l ON l.nr = g.velden JOIN json_each(l.tekst) j
             JOIN tekstnr a ON a.nr = g.apparaat
             JOIN tekstnr t ON t.nr = g.tabel
             JOIN tekstnr r ON r.nr = g.rij
             JOIN tekstnr v ON v.nr = j.value
             LEFT JOIN tekstnr c ON c.nr = g.casus";
        let max = schrijven::max_aanmaak();
        let mut uit: Vec<Wijziging> = Vec::new();
        let mut rijgeheugen = Rijgeheugen::default();
        match casussen {
            None => {
                let mut stmt = self.conn.prepare(&format!(
                    "{KOLOMMEN} WHERE w.apparaat = (SELECT nr FROM tekstnr WHERE tekst = ?1) AND w.volgnummer > ?2
                     ORDER BY w.volgnummer, ba.tekst, b.basis_volgnummer"
                ))?;
                let mut runs = self.conn.prepare(&format!(
                    "{AANMAAK} WHERE g.apparaat = (SELECT nr FROM tekstnr WHERE tekst = ?1) AND g.volgnummer > ?2 - ?3
                       AND g.volgnummer + j.key > ?2
                     ORDER BY g.volgnummer, j.key"
                ))?;
                for apparaat in apparaten {
                    let vanaf = na.get(&apparaat).copied().unwrap_or(0);
                    lees_operaties(&self.conn, &mut rijgeheugen, stmt.query((&apparaat, vanaf))?, &mut uit)?;
                    lees_operaties(&self.conn, &mut rijgeheugen, runs.query((&apparaat, vanaf, max))?, &mut uit)?;
                }
            }
            Some(scope) => {
                // Per casus through the (casus_id, apparaat, volgnummer) index, plus the rows
                // that belong to no casus; then in sequence order per device.
                // Without the hint SQLite walks the device's whole log (primary key) per casus.
                let per_casus_kolommen =
                    KOLOMMEN.replace("FROM wijziging_nr w", "FROM wijziging_nr w INDEXED BY wijziging_casus_volg");
                let mut per_casus = self.conn.prepare(&format!(
                    "{per_casus_kolommen} WHERE w.casus = (SELECT nr FROM tekstnr WHERE tekst = ?1)
                       AND w.apparaat = (SELECT nr FROM tekstnr WHERE tekst = ?2) AND w.volgnummer > ?3
                     ORDER BY w.volgnummer, ba.tekst, b.basis_volgnummer"
                ))?;
                let mut zonder = self.conn.prepare(&format!(
                    "{KOLOMMEN} WHERE w.casus IS NULL
                       AND w.apparaat = (SELECT nr FROM tekstnr WHERE tekst = ?1) AND w.volgnummer > ?2
                     ORDER BY w.volgnummer, ba.tekst, b.basis_volgnummer"
                ))?;
                // Koppelingen: only those whose two casussen are both in scope.
                let mut paren = self.conn.prepare(&format!(
                    "{KOLOMMEN} WHERE w.casus IN (SELECT nr FROM tekstnr WHERE tekst LIKE '%{}%')
                       AND w.apparaat = (SELECT nr FROM tekstnr WHERE tekst = ?1) AND w.volgnummer > ?2
                     ORDER BY w.volgnummer, ba.tekst, b.basis_volgnummer",
                    super::team::PAAR
                ))?;
                let mut runs_per_casus = self.conn.prepare(&format!(
                    "{AANMAAK} WHERE g.casus = (SELECT nr FROM tekstnr WHERE tekst = ?1)
                       AND g.apparaat = (SELECT nr FROM tekstnr WHERE tekst = ?2) AND g.volgnummer > ?3 - ?4
                       AND g.volgnummer + j.key > ?3
                     ORDER BY g.volgnummer, j.key"
                ))?;
                let mut runs_zonder = self.conn.prepare(&format!(
                    "{AANMAAK} WHERE g.casus IS NULL
                       AND g.apparaat = (SELECT nr FROM tekstnr WHERE tekst = ?1) AND g.volgnummer > ?2 - ?3
                       AND g.volgnummer + j.key > ?2
                     ORDER BY g.volgnummer, j.key"
                ))?;
                let mut runs_paren = self.conn.prepare(&format!(
                    "{AANMAAK} WHERE g.casus IN (SELECT nr FROM tekstnr WHERE tekst LIKE '%{}%')
                       AND g.apparaat = (SELECT nr FROM tekstnr WHERE tekst = ?1) AND g.volgnummer > ?2 - ?3
                       AND g.volgnummer + j.key > ?2
                     ORDER BY g.volgnummer, j.key",
                    super::team::PAAR
                ))?;
                for apparaat in &apparaten {
                    let vanaf = na.get(apparaat).copied().unwrap_or(0);
                    lees_operaties(&self.conn, &mut rijgeheugen, zonder.query((apparaat, vanaf))?, &mut uit)?;
                    lees_operaties(&self.conn, &mut rijgeheugen, runs_zonder.query((apparaat, vanaf, max))?, &mut uit)?;
                    let mut paar_ops = Vec::new();
                    lees_operaties(&self.conn, &mut rijgeheugen, paren.query((apparaat, vanaf))?, &mut paar_ops)?;
                    lees_operaties(
                        &self.conn,
                        &mut rijgeheugen,
                        runs_paren.query((apparaat, vanaf, max))?,
                        &mut paar_ops,
                    )?;
                    uit.extend(
                        paar_ops
                            .into_iter()
                            .filter(|w| w.casus_id.as_deref().is_some_and(|c| super::team::binnen_scope(c, scope))),
                    );
                    for c in scope {
                        lees_operaties(&self.conn, &mut rijgeheugen, per_casus.query((c, apparaat, vanaf))?, &mut uit)?;
                        lees_operaties(
                            &self.conn,
                            &mut rijgeheugen,
                            runs_per_casus.query((c, apparaat, vanaf, max))?,
                            &mut uit,
                        )?;
                    }
                }
            }
        }
        // Per device in sequence order: the runs interleave with the other operations.
        uit.sort_by(|a, b| (&a.apparaat, a.volgnummer).cmp(&(&b.apparaat, b.volgnummer)));
        sluit_basis(&self.conn, &mut uit)?;
        Ok(uit)
    }

    /// Casus ids whose trajectbegeleider is medewerker `medewerker_id`.
    pub fn casussen_van_trajectbegeleider(&self, medewerker_id: &str) -> Resultaat<BTreeSet<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM casus WHERE trajectbegeleider_id = ?1")?;
        let r = stmt.query_map([medewerker_id], |r| r.get(0))?;
        Ok(r.collect::<Result<_, _>>()?)
    }

    /// Casusnummer of a casus id (as stored, including a collision suffix).
    pub fn casusnummer_van(&self, id: &str) -> Resultaat<String> {
        self.conn
            .query_row("SELECT nummer FROM casus WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreFout::CasusOnbekend(id.to_string()))
    }

    /// Casus id for a casusnummer.
    pub fn casus_id(&self, nummer: &str) -> Resultaat<String> {
        self.conn
            .query_row("SELECT id FROM casus WHERE nummer = ?1", [nummer], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreFout::CasusOnbekend(nummer.to_string()))
    }

    /// Apply a verified bundle's operations in one transaction: store the new ones, update
    /// heads and conflicts, rebuild the touched rows, audit each row as received from its
    /// author, record the bundle and the sender's acknowledgements. On any error nothing
    /// is applied.
    pub(crate) fn pas_toe(&mut self, ops: &[Wijziging], ontvangst: &Ontvangst<'_>) -> Resultaat<Toegepast> {
        let eigen = self.apparaat.clone();
        // The last sequence number this device gave out.
        let laatste_eigen: i64 = self
            .conn
            .query_row("SELECT waarde FROM instelling WHERE sleutel = ?1", [super::instelling::VOLGNUMMER], |r| {
                r.get::<_, String>(0)
            })
            .optional()?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut tabellen = Vec::with_capacity(ops.len());
        for w in ops {
            tabellen.push(controleer(w)?);
            // Our own operations may come back relayed, but only ones we made: a new
            // operation in our name would collide with our next local change. One we
            // made and compacted since (superseded, and held by every colleague) comes
            // back like any compacted operation: stored once more, recognised as
            // superseded by the basis edge compaction kept, and compacted again.
            if w.apparaat == eigen && w.volgnummer > laatste_eigen {
                return Err(ongeldig(w, "operation in this device's name that it never made"));
            }
        }
        let mut s = self.schrijver()?;
        let conn = s.conn();
        let nrs = s.nummers();
        let mut uitslag = Toegepast::default();
        let mut geraakt: BTreeMap<(&'static str, String), (String, Option<String>)> = BTreeMap::new();
        let mut max_hlc = 0;
        // Cases removed after their retention term by an operation in this bundle that
        // this device had not seen yet: (author device, removal record).
        let mut vernietigd_nu: BTreeMap<String, (String, String)> = BTreeMap::new();
        for w in ops {
            if w.tabel == "casus" && w.veld.is_none() && !is_verwijderd(conn, "casus", &w.rij)? {
                let record = match &w.waarde {
                    Some(serde_json::Value::String(t)) => t.clone(),
                    _ => format!("casus {} verwijderd", w.rij),
                };
                vernietigd_nu.insert(w.rij.clone(), (w.apparaat.clone(), record));
            }
        }
        for (w, t) in ops.iter().zip(tabellen) {
            // A value of a removed casus is never stored, whoever relays it.
            // Nor a value of a removed adviesvraag (its own scope, see `store::advies`).
            let wissen = w.gewist
                || (w.veld.is_some()
                    && match &w.casus_id {
                        // A koppeling goes with either of its two casussen; an adviesvraag
                        // is its own scope.
                        Some(c) => {
                            let mut weg = w.tabel == "adviesvraag" && is_verwijderd(conn, "adviesvraag", c)?;
                            for c in super::team::casussen_van_scope(c) {
                                weg = weg || vernietigd_nu.contains_key(c) || is_verwijderd(conn, "casus", c)?;
                            }
                            weg
                        }
                        None => false,
                    });
            let op = OpId { apparaat: w.apparaat.clone(), volgnummer: w.volgnummer };
            let waarde = match (&w.veld, wissen) {
                (Some(_), false) => Some(w.waarde.clone().unwrap_or_default().to_string()),
                (None, _) => w.waarde.as_ref().map(|v| v.to_string()),
                (Some(_), true) => None,
            };
            let nieuw = schrijven::bewaar_operatie(
                conn,
                nrs,
                &op,
                w.hlc,
                (&w.tabel, &w.rij, w.veld.as_deref()),
                waarde.as_deref(),
                w.casus_id.as_deref(),
                wissen,
            )?;
            if !nieuw {
                uitslag.bekend += 1;
                continue;
            }
            uitslag.nieuw += 1;
            max_hlc = max_hlc.max(w.hlc);
            match &w.veld {
                Some(veld) => {
                    if !wissen && !is_verwijderd(conn, t.naam, &w.rij)? {
                        // The heads of this field change: a value the row held goes back
                        // into its operation first (the row is rebuilt below).
                        schrijven::waarden_terug(conn, t, &w.rij, Some(veld))?;
                        verwerk_kop(conn, nrs, &op, (t.naam, &w.rij, veld), &w.basis, w.casus_id.as_deref())?;
                    } else {
                        // A value of a deleted row or removed casus is superseded at once.
                        schrijven::vervangen(conn, nrs, &op)?;
                        // Keep the causality so heads stay a function of the operation set.
                        schrijven::basis(conn, nrs, &op, &w.basis)?;
                    }
                }
                None => {
                    schrijven::waarden_terug(conn, t, &w.rij, None)?;
                    vergeet_koppen(conn, t.naam, &w.rij)?;
                    // A removed adviesvraag leaves no values behind here either.
                    if t.naam == "adviesvraag" {
                        super::bewaren::wis_log(conn, &w.rij)?;
                    }
                }
            }
            if !wissen {
                geraakt.insert((t.naam, w.rij.clone()), (w.apparaat.clone(), w.casus_id.clone()));
            }
        }
        // Purge this device's copy of every newly removed casus: rows under it (also those
        // received from a third colleague, which the remover's tombstones do not name) and
        // the values in the change log. One audit entry each, naming the remover's device.
        for (casus, (auteur, record)) in &vernietigd_nu {
            super::bewaren::wis_casus_lokaal(s.conn(), casus)?;
            s.audit_toelichting(auteur, handeling::VERNIETIGEN, ("casus", casus), Some(casus), record)?;
            uitslag.vernietigd.push(record.clone());
        }
        // Rows touched by operations of this bundle (audited as received); rows that only
        // waited are audited when they appear, not each time they are tried.
        let nieuw_geraakt: BTreeSet<(&'static str, String)> = geraakt.keys().cloned().collect();
        // Rows that waited for a parent are tried again with the rest.
        let wachtend: Vec<(String, String)> = {
            let mut stmt = s.conn().prepare("SELECT tabel, rij FROM wachtend")?;
            let r = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            r.collect::<Result<_, _>>()?
        };
        s.conn().execute("DELETE FROM wachtend", [])?;
        for (tabel, rij) in wachtend {
            if let Some(t) = schrijven::tabel(&tabel)
                && !geraakt.contains_key(&(t.naam, rij.clone()))
            {
                let casus: Option<String> = s
                    .conn()
                    .query_row(
                        "SELECT c.tekst FROM kop_nr k
                         JOIN wijziging_nr w ON w.apparaat = k.apparaat AND w.volgnummer = k.volgnummer
                         LEFT JOIN tekstnr c ON c.nr = w.casus
                         WHERE k.tabel = (SELECT nr FROM tekstnr WHERE tekst = ?1)
                           AND k.rij = (SELECT nr FROM tekstnr WHERE tekst = ?2) LIMIT 1",
                        (t.naam, &rij),
                        |r| r.get(0),
                    )
                    .optional()?
                    .flatten();
                geraakt.insert((t.naam, rij), (ontvangst.afzender.to_string(), casus));
            }
        }
        let mut gewijzigd = Vec::new();
        for ((tabel, rij), (auteur, casus)) in &geraakt {
            let t = schrijven::tabel(tabel).ok_or_else(|| StoreFout::OngeldigeOperatie((*tabel).to_string()))?;
            let bestond: bool =
                s.conn().query_row(&format!("SELECT EXISTS (SELECT 1 FROM {} WHERE id = ?1)", t.naam), [rij], |r| {
                    r.get(0)
                })?;
            if materialiseer(s.conn(), t, rij, &mut uitslag.hernummerd)?
                && (nieuw_geraakt.contains(&(t.naam, rij.clone())) || !bestond)
            {
                gewijzigd.push((t.naam, rij.clone(), auteur.clone(), casus.clone()));
            }
        }
        let tabellen: BTreeSet<&'static str> = schrijven::ALLE.iter().map(|t| t.naam).collect();
        herstel_verwijzingen(s.conn(), &tabellen)?;
        // Each rebuilt row holds the values of its fields that have one head (schema 21).
        for (tabel, rij) in geraakt.keys() {
            if let Some(t) = schrijven::tabel(tabel) {
                schrijven::waarden_naar_rij(s.conn(), t, rij, None)?;
                // A received creation is kept as one run, as its author keeps it (schema 23).
                schrijven::groepeer(s.conn(), t, rij)?;
            }
        }
        uitslag.rijen = gewijzigd.len();
        for (tabel, rij, auteur, casus) in gewijzigd {
            s.audit_door(&auteur, handeling::ONTVANGEN, tabel, &rij, None, casus.as_deref())?;
        }
        boek_ontvangst(s.conn(), &eigen, ontvangst)?;
        uitslag.conflicten =
            s.conn().query_row("SELECT count(*) FROM conflictveld", [], |r| r.get::<_, i64>(0))? as usize;
        s.zie_hlc(max_hlc);
        s.commit()?;
        Ok(uitslag)
    }

    /// Apply the operations of a verified bundle (see [`crate::sync::importeer`]).
    pub(crate) fn ontvang(
        &mut self,
        ops: &[Wijziging],
        bundel: &str,
        afzender: &str,
        dekking: &super::team::Bezit,
        bezit: &super::team::Bezit,
        namen: &BTreeMap<String, String>,
    ) -> Resultaat<Toegepast> {
        let o = Ontvangst { bundel, afzender, dekking, bezit, namen, operaties: ops.len() };
        let uitslag = self.pas_toe(ops, &o)?;
        // The sender's acknowledgements may let superseded operations go. The import is
        // committed already; a failed compaction leaves a valid, merely larger log, so it
        // does not turn a successful import into an error.
        let _ = self.compacteren();
        if !uitslag.vernietigd.is_empty() {
            // The purged values must not linger in free pages, FTS segments or the WAL.
            self.opschonen(super::bewaren::Opschoning::VOLLEDIG)?;
        }
        Ok(uitslag)
    }

    /// Open conflicts, for one casus or all.
    pub fn conflicten(&self, casus_id: Option<&str>) -> Resultaat<Vec<Conflict>> {
        // One snapshot: the markers, the heads and their values (see `operaties_na`).
        let _lezen = self.leestransactie()?;
        let mut stmt = self.conn.prepare(
            "SELECT tabel, rij, veld, casus_id FROM conflictveld
             WHERE ?1 IS NULL OR casus_id = ?1 ORDER BY casus_id, tabel, rij, veld",
        )?;
        let velden: Vec<(String, String, String, Option<String>)> = stmt
            .query_map([casus_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        let mut uit = Vec::new();
        for (tabel, rij, veld, casus_id) in velden {
            let mut waarden = Vec::new();
            for k in koppen(&self.conn, &tabel, &rij, &veld)? {
                let (waarde, gewist): (Option<String>, bool) = self.conn.query_row(
                    // A head of a field in conflict is never in a creation run (schema 23).
                    "SELECT waarde, gewist FROM wijziging_nr
                     WHERE apparaat = (SELECT nr FROM tekstnr WHERE tekst = ?1) AND volgnummer = ?2",
                    (&k.apparaat, k.volgnummer),
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                let waarde = schrijven::operatiewaarde(&self.conn, (&tabel, &rij, Some(&veld)), waarde, gewist)?;
                waarden.push(ConflictWaarde {
                    op: OpId { apparaat: k.apparaat, volgnummer: k.volgnummer },
                    hlc: k.hlc,
                    waarde: waarde.and_then(|w| serde_json::from_str(&w).ok()).unwrap_or_default(),
                });
            }
            uit.push(Conflict { tabel, rij, veld, casus_id, waarden });
        }
        Ok(uit)
    }

    /// Resolve a conflict by choosing one of its values. The choice is a new change that
    /// supersedes every competing value, so it closes the conflict on every replica.
    pub fn conflict_kiezen(&mut self, conflict: &Conflict, keuze: &OpId) -> Resultaat<()> {
        let t = schrijven::tabel(&conflict.tabel)
            .ok_or_else(|| StoreFout::Onbekend { tabel: "tabel", id: conflict.tabel.clone() })?;
        let gekozen = conflict
            .waarden
            .iter()
            .find(|w| &w.op == keuze)
            .ok_or_else(|| StoreFout::Onbekend { tabel: "conflictwaarde", id: keuze.volgnummer.to_string() })?;
        let waarde = waarde_van_json(&gekozen.waarde)
            .ok_or_else(|| StoreFout::OngeldigeOperatie("value is not a scalar".into()))?;
        let mut s = self.schrijver()?;
        s.kies(t, &conflict.rij, &conflict.veld, &waarde)?;
        s.commit()
    }

    /// Resolve the conflict with id `id` (see [`Conflict::id`]) by choosing its value
    /// number `nummer` (1 = the one in use). Refused when no open conflict has that id
    /// any more: its values changed since the list was read, or it was resolved.
    pub fn conflict_kiezen_nummer(&mut self, id: &str, nummer: usize) -> Resultaat<Conflict> {
        let id = id.trim().to_lowercase();
        let conflict = self
            .conflicten(None)?
            .into_iter()
            .find(|c| c.id() == id)
            .ok_or_else(|| StoreFout::ConflictVeranderd(id.clone()))?;
        let keuze = nummer
            .checked_sub(1)
            .and_then(|i| conflict.waarden.get(i))
            .ok_or(StoreFout::GeenConflictwaarde { nummer, aantal: conflict.waarden.len() })?
            .op
            .clone();
        self.conflict_kiezen(&conflict, &keuze)?;
        Ok(conflict)
    }

    /// The synced state as text: every synced table, the heads (with their values), the
    /// tombstones and the conflict markers. Two replicas that hold the same operations
    /// give the same text (used by the convergence tests). The superseded operations and
    /// their causality are left out: compaction removes them at different moments on
    /// different replicas (`store::compacteren`), without changing this state.
    pub fn synchrone_staat(&self) -> Resultaat<String> {
        let mut tabellen: Vec<String> = schrijven::ALLE.iter().map(|t| t.naam.to_string()).collect();
        tabellen.extend(["kop", "conflictveld"].map(String::from));
        let mut uit = self.dump_tabellen(&tabellen)?;
        uit.push_str("## koppen en grafstenen\n");
        let mut stmt = self.conn.prepare(
            "SELECT w.* FROM wijziging w WHERE w.veld IS NULL OR EXISTS (
                 SELECT 1 FROM kop k WHERE k.tabel = w.tabel AND k.rij = w.rij AND k.veld = w.veld
                                     AND k.apparaat = w.apparaat AND k.volgnummer = w.volgnummer)",
        )?;
        dump_wijzigingen(&self.conn, &mut stmt, &mut uit)?;
        Ok(uit)
    }

    /// Every operation whose value lives in its row (schema 21) but may not: it is not the
    /// only head of its field, its field is one whose value never moves
    /// (`casus.nummer`), or its row is missing. Empty when the store is consistent
    /// (checked by the convergence tests after every step).
    pub fn waarden_in_rij_fouten(&self) -> Resultaat<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT t.tekst, r.tekst, v.tekst, a.tekst, w.volgnummer,
                    EXISTS (SELECT 1 FROM kop_nr k WHERE k.tabel = w.tabel AND k.rij = w.rij AND k.veld = w.veld
                              AND k.apparaat = w.apparaat AND k.volgnummer = w.volgnummer),
                    (SELECT count(*) FROM kop_nr k WHERE k.tabel = w.tabel AND k.rij = w.rij AND k.veld = w.veld)
             FROM wijziging_nr w
             JOIN tekstnr t ON t.nr = w.tabel JOIN tekstnr r ON r.nr = w.rij
             JOIN tekstnr v ON v.nr = w.veld JOIN tekstnr a ON a.nr = w.apparaat
             WHERE w.waarde IS NULL AND w.gewist = 0 AND w.veld IS NOT NULL",
        )?;
        let ops: Vec<(String, String, String, String, i64, bool, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))?
            .collect::<Result<_, _>>()?;
        let mut fouten = Vec::new();
        for (tabel, rij, veld, apparaat, volgnummer, kop, koppen) in ops {
            let naam = format!("{apparaat}#{volgnummer} {tabel}.{veld} of {rij}");
            let t =
                schrijven::tabel(&tabel).ok_or_else(|| StoreFout::Onbekend { tabel: "tabel", id: tabel.clone() })?;
            if !kop {
                fouten.push(format!("{naam}: not a head"));
            } else if koppen > 1 {
                fouten.push(format!("{naam}: one of {koppen} heads"));
            }
            if !schrijven::mag_in_rij(&tabel, &veld) {
                fouten.push(format!("{naam}: this field keeps its value in the log"));
            }
            if schrijven::rijwaarde(&self.conn, t, &rij, &veld)?.is_none() {
                fouten.push(format!("{naam}: the row is missing"));
            }
        }
        // The operations of the creation runs (schema 23): the same rule, and no other
        // head beside them.
        let mut stmt = self.conn.prepare(
            "SELECT t.tekst, r.tekst, v.tekst, a.tekst, o.volgnummer,
                    (SELECT count(*) FROM kop_nr k WHERE k.tabel = o.tabel AND k.rij = o.rij AND k.veld = o.veld),
                    EXISTS (SELECT 1 FROM wijziging_nr w WHERE w.apparaat = o.apparaat AND w.volgnummer = o.volgnummer)
             FROM aanmaak_op o
             JOIN tekstnr t ON t.nr = o.tabel JOIN tekstnr r ON r.nr = o.rij
             JOIN tekstnr v ON v.nr = o.veld JOIN tekstnr a ON a.nr = o.apparaat",
        )?;
        let ops: Vec<(String, String, String, String, i64, i64, bool)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))?
            .collect::<Result<_, _>>()?;
        for (tabel, rij, veld, apparaat, volgnummer, koppen, dubbel) in ops {
            let naam = format!("{apparaat}#{volgnummer} {tabel}.{veld} of {rij} (creation run)");
            let t =
                schrijven::tabel(&tabel).ok_or_else(|| StoreFout::Onbekend { tabel: "tabel", id: tabel.clone() })?;
            if koppen > 0 {
                fouten.push(format!("{naam}: {koppen} other heads"));
            }
            if dubbel {
                fouten.push(format!("{naam}: also an operation of its own"));
            }
            if !schrijven::mag_in_rij(&tabel, &veld) {
                fouten.push(format!("{naam}: this field keeps its value in the log"));
            }
            if schrijven::rijwaarde(&self.conn, t, &rij, &veld)?.is_none() {
                fouten.push(format!("{naam}: the row is missing"));
            }
        }
        Ok(fouten)
    }

    /// The whole change log with its causality, as text (compaction tests).
    pub fn wijzigingslog(&self) -> Resultaat<String> {
        self.dump_tabellen(&["wijziging".to_string(), "wijziging_basis".to_string()])
    }

    /// The rows of one casus in every synced table, as text (scope tests: a colleague
    /// entitled to a casus holds exactly what the others hold of it).
    pub fn casus_staat(&self, casus_id: &str) -> Resultaat<String> {
        let mut uit = String::new();
        for t in schrijven::ALLE {
            let Some(kolom) = t.casus_kolom else { continue };
            uit.push_str(&format!("## {}\n", t.naam));
            let waar = kolom.split('+').map(|k| format!("{k} = ?1")).collect::<Vec<_>>().join(" OR ");
            let mut stmt = self.conn.prepare(&format!("SELECT * FROM {} WHERE {waar} ORDER BY id", t.naam))?;
            dump_rijen(&mut stmt, [casus_id], &mut uit)?;
        }
        Ok(uit)
    }

    /// Every table of the database as text (tamper tests: nothing may change).
    pub fn volledige_dump(&self) -> Resultaat<String> {
        let tabellen: Vec<String> = {
            let mut stmt = self.conn.prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                 AND name NOT LIKE 'zoekindex_%' ORDER BY name",
            )?;
            let r = stmt.query_map([], |r| r.get(0))?;
            r.collect::<Result<_, _>>()?
        };
        self.dump_tabellen(&tabellen)
    }

    fn dump_tabellen(&self, tabellen: &[String]) -> Resultaat<String> {
        let mut uit = String::new();
        for t in tabellen {
            uit.push_str(&format!("## {t}\n"));
            let mut stmt = self.conn.prepare(&format!("SELECT * FROM \"{}\"", t.replace('"', "")))?;
            if t == "wijziging" {
                dump_wijzigingen(&self.conn, &mut stmt, &mut uit)?;
            } else {
                dump_rijen(&mut stmt, [], &mut uit)?;
            }
        }
        Ok(uit)
    }
}

#[cfg(test)]
mod tests {
    use super::{CLAIMS, WINNAARS, plaatsing};

    /// Importing N cases must not cost N² (issue 23): the claims on a casusnummer and the
    /// winning values of a row are index searches on a key that names one number or one
    /// row, never a scan of the heads of every casus. Checked on the query plan, with cases
    /// in the store, so no timing is involved.
    #[test]
    fn claims_en_winnaars_zoeken_via_een_index_en_lezen_niet_alle_koppen() {
        let (_dir, mut s) = crate::store::testhulp::nieuwe_store();
        for naam in ["Blauwe Reiger", "Groene Specht", "Rode Wouw"] {
            let n = crate::store::NieuweCasus { werknaam: naam.into(), thema: "nazorg".into(), ..Default::default() };
            s.nieuwe_casus(n).unwrap();
        }
        let conn = &s.conn;
        // Without statistics (a new database) and with them (after `ANALYZE`).
        for analyse in ["", "ANALYZE"] {
            conn.execute_batch(analyse).unwrap();
            let claims = crate::store::testhulp::plan(conn, CLAIMS, &["x", "y"]);
            assert!(claims.iter().all(|r| !r.starts_with("SCAN")), "{claims:?}");
            assert!(claims[0].contains("USING INDEX kop_casusnummer_waarde (waarde=?)"), "{claims:?}");
            let kop: Vec<&String> = claims.iter().filter(|r| r.starts_with("SEARCH k ")).collect();
            assert_eq!(kop.len(), 1, "{claims:?}");
            assert!(kop[0].contains("rij=?") && kop[0].contains("volgnummer=?"), "{claims:?}");
            let winnaars = crate::store::testhulp::plan(conn, WINNAARS, &["x", "y"]);
            assert!(winnaars.iter().all(|r| !r.starts_with("SCAN")), "{winnaars:?}");
            let kop: Vec<&String> = winnaars.iter().filter(|r| r.starts_with("SEARCH k ")).collect();
            assert_eq!(kop.len(), 1, "{winnaars:?}");
            assert!(kop[0].contains("USING PRIMARY KEY (tabel=? AND rij=?)"), "{winnaars:?}");
            // The heads of one field, with their clock from the operation (0019).
            let koppen = crate::store::testhulp::plan(conn, crate::store::schrijven::KOPPEN, &["x", "y", "z"]);
            assert!(koppen.iter().all(|r| !r.starts_with("SCAN")), "{koppen:?}");
            let k: Vec<&String> = koppen.iter().filter(|r| r.starts_with("SEARCH k ")).collect();
            assert!(k.len() == 1 && k[0].contains("(tabel=? AND rij=? AND veld=?)"), "{koppen:?}");
            let w: Vec<&String> = koppen.iter().filter(|r| r.starts_with("SEARCH w ")).collect();
            assert!(w.len() == 1 && w[0].contains("(apparaat=? AND volgnummer=?)"), "{koppen:?}");
        }
    }

    /// A received plan snapshot that is packed must unpack within its limit: a bundle
    /// cannot carry a decompression bomb into every later opening of the casus. Plain
    /// JSON (older builds) and a proper packed snapshot pass.
    #[test]
    fn ingepakte_plansnapshot_moet_uitpakken_binnen_de_grens() {
        let op = |waarde: String| crate::store::schrijven::Wijziging {
            apparaat: "apparaat-b".into(),
            volgnummer: 7,
            hlc: 1,
            tabel: "planversie".into(),
            rij: "pv-1".into(),
            veld: Some("inhoud".into()),
            waarde: Some(serde_json::Value::String(waarde)),
            verwijderd: false,
            casus_id: Some("c-1".into()),
            basis: Vec::new(),
            gewist: false,
        };
        let json = r#"{"doelen":[],"acties":[],"risicos":[]}"#.to_string();
        assert!(super::controleer(&op(json.clone())).is_ok());
        assert!(super::controleer(&op(crate::store::plan::snapshot_inpakken(&json).unwrap())).is_ok());
        let bom = crate::store::plan::snapshot_inpakken(&" ".repeat(2 << 20)).unwrap();
        let fout = super::controleer(&op(bom)).unwrap_err().to_string();
        assert!(fout.contains("plan snapshot does not unpack"), "{fout}");
    }

    #[test]
    fn botsende_casusnummers_krijgen_elk_een_eigen_plaats() {
        let claims = vec![
            (10, "ab12-x".to_string(), "r1".to_string()),
            (20, "ab34-y".to_string(), "r2".to_string()),
            (30, "ab12-z".to_string(), "r3".to_string()),
            (40, "cd00".to_string(), "r4".to_string()),
        ];
        let p = plaatsing("2026-0007", &claims);
        assert_eq!(p[0], ("r1".into(), "2026-0007".into(), 7));
        assert_eq!(p[1].1, "2026-0007-AB");
        assert_eq!(p[2].1, "2026-0007-AB1", "same first characters: a longer code");
        assert_eq!(p[3].1, "2026-0007-CD");
        let nummers: std::collections::BTreeSet<_> = p.iter().map(|x| x.1.clone()).collect();
        let volg: std::collections::BTreeSet<_> = p.iter().map(|x| x.2).collect();
        assert_eq!(nummers.len(), 4);
        assert_eq!(volg.len(), 4);
        assert!(p[1..].iter().all(|x| x.2 < 0));
    }
}

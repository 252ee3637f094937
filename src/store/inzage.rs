//! The AVG right of access (inzageverzoek): everything stored about one person, and the
//! audit export for the privacy officer.

use super::audit::AuditRegel;
use super::schrijven::{self as s};
use super::{Resultaat, Store, StoreFout};
use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::types::Value;
use serde::Serialize;
use std::collections::BTreeMap;

/// A stored row: column name → value, every column of the table.
pub type Rij = BTreeMap<String, serde_json::Value>;

/// Who the request is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InzageVraag {
    /// Every betrokkene record with this BSN.
    Bsn(String),
    /// Every betrokkene record with exactly this name (case-insensitive).
    Naam(String),
    /// One betrokkene record.
    Id(String),
}

/// Everything stored about the person in one casus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InzageCasus {
    /// Casusnummer.
    pub casusnummer: String,
    /// The person's own record, every field.
    pub persoon: Rij,
    /// The person's detention periods.
    pub detenties: Vec<Rij>,
    /// The casus record.
    pub casus: Rij,
    /// Phase and AVE history of the casus.
    pub fase_historie: Vec<Rij>,
    /// AVE history.
    pub ave_historie: Vec<Rij>,
    /// Journal entries of the casus.
    pub journaal: Vec<Rij>,
    /// Goals of the plan van aanpak.
    pub doelen: Vec<Rij>,
    /// Actions of the plan van aanpak.
    pub acties: Vec<Rij>,
    /// Risk scores per leefgebied.
    pub risicos: Vec<Rij>,
    /// Frozen plan versions.
    pub planversies: Vec<Rij>,
    /// Meeting minutes about the casus (BOB).
    pub agendapunten: Vec<Rij>,
    /// Documented retention extensions.
    pub bewaarverlengingen: Vec<Rij>,
    /// Who viewed or changed the person's record or the casus, when.
    pub audit: Vec<AuditExportRegel>,
    /// Other persons in the casus: counted, never named.
    pub andere_betrokkenen: usize,
}

/// The answer to an inzageverzoek.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inzage {
    /// When it was drawn up (UTC, RFC 3339).
    pub opgesteld_op: String,
    /// By whom.
    pub opgesteld_door: String,
    /// Per casus the person is recorded in.
    pub casussen: Vec<InzageCasus>,
}

/// Filter of the audit export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// From this day (inclusive).
    pub van: Option<NaiveDate>,
    /// Up to this day (inclusive).
    pub tot: Option<NaiveDate>,
    /// Only this casus (casusnummer).
    pub casus: Option<String>,
}

/// One audit entry as exported: the entry plus the casusnummer and the explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditExportRegel {
    /// The entry.
    #[serde(flatten)]
    pub regel: AuditRegel,
    /// Casusnummer, when the casus still exists on this device.
    pub casusnummer: Option<String>,
    /// Explanation (removal after the retention term).
    pub toelichting: Option<String>,
}

fn json(v: Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => i.into(),
        Value::Real(f) => serde_json::Number::from_f64(f).map(Into::into).unwrap_or(serde_json::Value::Null),
        Value::Text(t) => t.into(),
        Value::Blob(b) => hex::encode(b).into(),
    }
}

/// Every row of `tabel` where `kolom = waarde`, all columns.
fn rijen(conn: &Connection, tabel: &s::Tabel, kolom: &str, waarde: &str) -> Resultaat<Vec<Rij>> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM {} WHERE {kolom} = ?1 ORDER BY rowid", tabel.naam))?;
    let namen: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
    let mut uit = Vec::new();
    let mut r = stmt.query([waarde])?;
    while let Some(rij) = r.next()? {
        let mut m = Rij::new();
        for (i, n) in namen.iter().enumerate() {
            m.insert(n.clone(), json(rij.get::<_, Value>(i)?));
        }
        uit.push(m);
    }
    Ok(uit)
}

const AUDIT_SELECT: &str = "SELECT a.nr, a.tijdstip, a.gebruiker, a.apparaat, a.handeling, a.tabel, a.rij, a.veld,
        c.nummer, a.toelichting FROM audit a LEFT JOIN casus c ON c.id = a.casus_id";

fn audit_regel(r: &rusqlite::Row) -> rusqlite::Result<AuditExportRegel> {
    Ok(AuditExportRegel { regel: super::audit::regel_van(r)?, casusnummer: r.get(8)?, toelichting: r.get(9)? })
}

impl Store {
    /// Everything stored about a person, per casus they are recorded in. Other persons in
    /// the same casus are left out (only counted). Recorded in the audit log as a view of
    /// the person's record.
    pub fn inzage(&mut self, vraag: &InzageVraag) -> Resultaat<Inzage> {
        let ids: Vec<(String, String)> = {
            let (sql, arg) = match vraag {
                InzageVraag::Bsn(b) => {
                    ("SELECT id, casus_id FROM betrokkene WHERE bsn = ?1", b.trim().replace(' ', ""))
                }
                InzageVraag::Naam(n) => {
                    ("SELECT id, casus_id FROM betrokkene WHERE lower(naam) = lower(?1)", n.trim().to_string())
                }
                InzageVraag::Id(i) => ("SELECT id, casus_id FROM betrokkene WHERE id = ?1", i.trim().to_string()),
            };
            let mut stmt = self.conn.prepare(sql)?;
            let r = stmt.query_map([arg], |r| Ok((r.get(0)?, r.get(1)?)))?;
            r.collect::<Result<_, _>>()?
        };
        if ids.is_empty() {
            let wie = match vraag {
                InzageVraag::Bsn(_) => "BSN".to_string(),
                InzageVraag::Naam(n) | InzageVraag::Id(n) => n.clone(),
            };
            return Err(StoreFout::Onbekend { tabel: "betrokkene", id: wie });
        }
        let mut casussen = Vec::new();
        for (id, casus_id) in &ids {
            let c = &self.conn;
            let persoon = rijen(c, &s::BETROKKENE, "id", id)?.pop().unwrap_or_default();
            let casus = rijen(c, &s::CASUS, "id", casus_id)?.pop().unwrap_or_default();
            let casusnummer = casus.get("nummer").and_then(|v| v.as_str()).unwrap_or_default().to_string();
            let audit = {
                let mut stmt = c.prepare(&format!(
                    "{AUDIT_SELECT} WHERE a.rij = ?1 OR (a.casus_id = ?2 AND a.tabel IN ('casus', 'journaal', 'doel',
                     'actie', 'risico', 'planversie', 'agendapunt', 'fase_historie', 'ave_historie', 'bewaarverlenging'))
                     OR a.rij IN (SELECT id FROM detentie WHERE betrokkene_id = ?1) ORDER BY a.nr"
                ))?;
                let r = stmt.query_map((id, casus_id), audit_regel)?;
                r.collect::<Result<Vec<_>, _>>()?
            };
            let andere: i64 =
                c.query_row("SELECT count(*) FROM betrokkene WHERE casus_id = ?1 AND id <> ?2", (casus_id, id), |r| {
                    r.get(0)
                })?;
            casussen.push(InzageCasus {
                casusnummer,
                persoon,
                detenties: rijen(c, &s::DETENTIE, "betrokkene_id", id)?,
                casus,
                fase_historie: rijen(c, &s::FASE_HISTORIE, "casus_id", casus_id)?,
                ave_historie: rijen(c, &s::AVE_HISTORIE, "casus_id", casus_id)?,
                journaal: rijen(c, &s::JOURNAAL, "casus_id", casus_id)?,
                doelen: rijen(c, &s::DOEL, "casus_id", casus_id)?,
                acties: rijen(c, &s::ACTIE, "casus_id", casus_id)?,
                risicos: rijen(c, &s::RISICO, "casus_id", casus_id)?,
                planversies: rijen(c, &s::PLANVERSIE, "casus_id", casus_id)?,
                agendapunten: rijen(c, &s::AGENDAPUNT, "casus_id", casus_id)?,
                bewaarverlengingen: rijen(c, &s::BEWAARVERLENGING, "casus_id", casus_id)?,
                audit,
                andere_betrokkenen: andere as usize,
            });
        }
        let mut w = self.schrijver()?;
        for (id, casus_id) in &ids {
            w.inzien(&s::BETROKKENE, id, Some(casus_id))?;
        }
        let opgesteld_op = w.tijdstip().to_string();
        let opgesteld_door = w.gebruiker().to_string();
        w.commit()?;
        Ok(Inzage { opgesteld_op, opgesteld_door, casussen })
    }

    /// Audit entries for a period and/or a casus, oldest first, for the privacy officer.
    pub fn audit_export(&self, filter: &AuditFilter) -> Resultaat<Vec<AuditExportRegel>> {
        let casus_id = match &filter.casus {
            Some(n) => Some(super::casus::casus_id(&self.conn, n)?),
            None => None,
        };
        // tijdstip is RFC 3339 UTC; compare on the date prefix.
        let van = filter.van.map(|d| d.format("%Y-%m-%d").to_string());
        let tot = filter.tot.map(|d| d.format("%Y-%m-%d").to_string());
        let mut stmt = self.conn.prepare(&format!(
            "{AUDIT_SELECT} WHERE (?1 IS NULL OR substr(a.tijdstip, 1, 10) >= ?1)
               AND (?2 IS NULL OR substr(a.tijdstip, 1, 10) <= ?2)
               AND (?3 IS NULL OR a.casus_id = ?3)
             ORDER BY a.nr"
        ))?;
        let r = stmt.query_map((van, tot, casus_id), audit_regel)?;
        Ok(r.collect::<Result<_, _>>()?)
    }
}

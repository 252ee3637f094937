//! Reading and verifying the hash-chained audit log.

use super::schrijven::{AUDIT_BEGIN, audit_hash, audit_hash_tekst};
use super::{Resultaat, Store, instelling};
use serde::Serialize;

/// One audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRegel {
    /// Sequence number.
    pub nr: i64,
    /// When (UTC, RFC 3339).
    pub tijdstip: String,
    /// Who.
    pub gebruiker: String,
    /// Which device.
    pub apparaat: String,
    /// What: aanmaken, wijzigen, verwijderen, inzien.
    pub handeling: String,
    /// Which table.
    pub tabel: String,
    /// Which record.
    pub rij: String,
    /// Which field, for changes.
    pub veld: Option<String>,
}

/// Result of `audit verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditControle {
    /// Entries checked.
    pub aantal: i64,
    /// First entry whose hash or link is wrong, if any.
    pub eerste_fout: Option<i64>,
    /// Entries missing at the end (the stored head does not match).
    pub kop_klopt: bool,
}

impl AuditControle {
    /// The whole chain is intact.
    pub fn in_orde(&self) -> bool {
        self.eerste_fout.is_none() && self.kop_klopt
    }
}

/// An audit entry from the first eight columns (nr, tijdstip, gebruiker, apparaat,
/// handeling, tabel, rij, veld) of a query row.
pub(crate) fn regel_van(r: &rusqlite::Row) -> rusqlite::Result<AuditRegel> {
    Ok(AuditRegel {
        nr: r.get(0)?,
        tijdstip: r.get(1)?,
        gebruiker: r.get(2)?,
        apparaat: r.get(3)?,
        handeling: r.get(4)?,
        tabel: r.get(5)?,
        rij: r.get(6)?,
        veld: r.get(7)?,
    })
}

impl Store {
    /// Recompute the audit hash chain and compare with the stored head.
    pub fn audit_verify(&self) -> Resultaat<AuditControle> {
        let mut stmt = self.conn.prepare(
            "SELECT nr, tijdstip, gebruiker, apparaat, handeling, tabel, rij, coalesce(veld, ''), coalesce(casus_id, ''),
                    vorige_hash, hash, toelichting FROM audit ORDER BY nr",
        )?;
        let mut rows = stmt.query([])?;
        let mut vorige = AUDIT_BEGIN.to_string();
        let mut aantal = 0;
        let mut eerste_fout = None;
        while let Some(r) = rows.next()? {
            aantal += 1;
            let nr: i64 = r.get(0)?;
            let velden: Vec<String> = (1..=8).map(|i| r.get::<_, String>(i)).collect::<Result<_, _>>()?;
            // Stored as bytes (schema 16), compared and chained as hex as before.
            let vorige_hash = audit_hash_tekst(&r.get::<_, Vec<u8>>(9)?);
            let hash = audit_hash_tekst(&r.get::<_, Vec<u8>>(10)?);
            let toelichting: Option<String> = r.get(11)?;
            let verwacht = audit_hash(
                &vorige,
                [&velden[0], &velden[1], &velden[2], &velden[3], &velden[4], &velden[5], &velden[6], &velden[7]],
                toelichting.as_deref(),
            );
            if eerste_fout.is_none() && (vorige_hash != vorige || hash != verwacht) {
                eerste_fout = Some(nr);
            }
            vorige = hash;
        }
        let kop = self.instelling(instelling::AUDIT_KOP)?.unwrap_or_else(|| AUDIT_BEGIN.to_string());
        let opgeslagen_aantal: i64 =
            self.instelling(instelling::AUDIT_AANTAL)?.and_then(|s| s.parse().ok()).unwrap_or(0);
        Ok(AuditControle { aantal, eerste_fout, kop_klopt: kop == vorige && opgeslagen_aantal == aantal })
    }

    /// Audit entries of one casus (its own row and everything under it), newest first.
    pub fn audit_casus(&self, casus_id: &str, limiet: usize) -> Resultaat<Vec<AuditRegel>> {
        let mut stmt = self.conn.prepare(
            "SELECT nr, tijdstip, gebruiker, apparaat, handeling, tabel, rij, veld FROM audit
             WHERE casus_id = ?1 ORDER BY nr DESC LIMIT ?2",
        )?;
        let regels =
            stmt.query_map(rusqlite::params![casus_id, limiet as i64], regel_van)?.collect::<Result<_, _>>()?;
        Ok(regels)
    }
}

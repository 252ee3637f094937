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

/// The timestamp of entry `a` of `audit_nr` as text (schema 17; as the view `audit` does).
/// A value of another type, which only an edit makes, reads as its SQL literal, so the
/// verification finds the entry instead of stopping on it.
pub(super) const TIJDSTIP: &str = "CASE WHEN typeof(a.tijdstip) = 'integer'
    THEN strftime('%Y-%m-%dT%H:%M:%S', a.tijdstip / 1000, 'unixepoch') || printf('.%03dZ', a.tijdstip % 1000)
    WHEN typeof(a.tijdstip) = 'text' THEN a.tijdstip ELSE quote(a.tijdstip) END";

/// `audit_nr a` with the texts of its numbers (as the view `audit` does). Left joins, so
/// that an entry whose number has no text (only an edit makes one) is not skipped.
pub(super) const TEKSTEN: &str = "FROM audit_nr a
    LEFT JOIN tekstnr g ON g.nr = a.gebruiker LEFT JOIN tekstnr ap ON ap.nr = a.apparaat
    LEFT JOIN tekstnr h ON h.nr = a.handeling LEFT JOIN tekstnr t ON t.nr = a.tabel
    LEFT JOIN tekstnr r ON r.nr = a.rij LEFT JOIN tekstnr v ON v.nr = a.veld LEFT JOIN tekstnr c ON c.nr = a.casus";

/// The entries of casus ?1, newest first, at most ?2 (the Historie).
fn historie_sql() -> String {
    format!(
        "SELECT a.nr, {TIJDSTIP}, g.tekst, ap.tekst, h.tekst, t.tekst, r.tekst, v.tekst {TEKSTEN}
         WHERE a.casus = (SELECT nr FROM tekstnr WHERE tekst = ?1) ORDER BY a.nr DESC LIMIT ?2"
    )
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
        // Read from the table itself (schema 17): a stored previous hash is NULL where it
        // is the hash of the entry before, which is what it is compared with here.
        let mut stmt = self.conn.prepare(&format!(
            "SELECT a.nr, {TIJDSTIP}, g.tekst, ap.tekst, h.tekst, t.tekst, r.tekst, coalesce(v.tekst, ''),
                    coalesce(c.tekst, ''), a.vorige_hash, a.hash, a.toelichting, a.veld IS NOT NULL AND v.tekst IS NULL
                           OR a.casus IS NOT NULL AND c.tekst IS NULL
             {TEKSTEN} ORDER BY a.nr"
        ))?;
        let mut rows = stmt.query([])?;
        let mut vorige = AUDIT_BEGIN.to_string();
        let mut aantal = 0;
        let mut eerste_fout = None;
        while let Some(r) = rows.next()? {
            aantal += 1;
            let nr: i64 = r.get(0)?;
            // A number without a text (only an edit makes one) cannot be the entry hashed.
            let velden: Option<Vec<String>> =
                (1..=8).map(|i| r.get::<_, Option<String>>(i)).collect::<Result<_, _>>()?;
            let zoek_kwijt: bool = r.get(12)?;
            // Stored as bytes (schema 16), compared and chained as hex as before.
            let vorige_hash = r.get::<_, Option<Vec<u8>>>(9)?.map(|b| audit_hash_tekst(&b));
            let hash = audit_hash_tekst(&r.get::<_, Vec<u8>>(10)?);
            let toelichting: Option<String> = r.get(11)?;
            let goed = match velden {
                Some(v) if !zoek_kwijt => {
                    let verwacht = audit_hash(
                        &vorige,
                        [&v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]],
                        toelichting.as_deref(),
                    );
                    vorige_hash.is_none_or(|h| h == vorige) && hash == verwacht
                }
                _ => false,
            };
            if eerste_fout.is_none() && !goed {
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
        let mut stmt = self.conn.prepare_cached(&historie_sql())?;
        let regels =
            stmt.query_map(rusqlite::params![casus_id, limiet as i64], regel_van)?.collect::<Result<_, _>>()?;
        Ok(regels)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::schrijven::{audit_tijdstip_opslag, audit_tijdstip_tekst};
    use rusqlite::types::Value;

    /// The Historie of a casus and the PDFs a casus received search the integer index
    /// `audit_casus` (schema 17), never scan the log and never sort it.
    #[test]
    fn historie_en_lezers_per_casus_zoeken_via_de_index() {
        let (_dir, mut s) = crate::store::testhulp::nieuwe_store();
        for naam in ["Blauwe Reiger", "Groene Specht", "Rode Wouw", "Grijze Gans", "Witte Kwikstaart", "Bonte Kraai"] {
            let n = crate::store::NieuweCasus { werknaam: naam.into(), thema: "nazorg".into(), ..Default::default() };
            s.nieuwe_casus(n).unwrap();
        }
        for analyse in ["", "ANALYZE"] {
            s.conn.execute_batch(analyse).unwrap();
            for sql in [historie_sql(), super::super::inzage::ontvangen_pdf_sql()] {
                let p = crate::store::testhulp::plan(&s.conn, &sql, &["c-1", "2"]);
                let audit: Vec<&String> =
                    p.iter().filter(|r| r.starts_with("SEARCH a ") || r.starts_with("SCAN a")).collect();
                assert_eq!(audit.len(), 1, "{p:?}");
                assert!(audit[0].contains("USING INDEX audit_casus (casus=?)"), "{p:?}");
                assert!(p.iter().all(|r| !r.starts_with("SCAN") && !r.contains("TEMP B-TREE")), "{p:?}");
            }
        }
    }

    /// A timestamp this code writes is stored as milliseconds and read back as exactly the
    /// same text, by SQLite (the view and the readers) and by chrono; any other form stays text.
    #[test]
    fn tijdstippen_als_milliseconden_lezen_exact_terug() {
        let (_dir, s) = crate::store::testhulp::nieuwe_store();
        for tekst in [
            "1970-01-01T00:00:00.000Z",
            "2024-02-29T23:59:59.999Z",
            "2026-12-02T02:18:44.007Z",
            "2038-01-19T03:14:08.100Z",
            "9999-12-31T23:59:59.999Z",
        ] {
            let Value::Integer(ms) = audit_tijdstip_opslag(tekst) else { panic!("{tekst} not stored as a number") };
            assert_eq!(audit_tijdstip_tekst(ms), tekst);
            let sql = format!("SELECT {} FROM (SELECT ?1 AS tijdstip) a", TIJDSTIP);
            let terug: String = s.conn.query_row(&sql, [ms], |r| r.get(0)).unwrap();
            assert_eq!(terug, tekst);
        }
        for tekst in [
            "2025-07-01T10:00:00+02:00",
            "2025-07-01T10:00:00Z",
            "2025-07-01T10:00:00.1234Z",
            "1969-12-31T23:59:59.999Z",
            "gisteren",
        ] {
            assert_eq!(audit_tijdstip_opslag(tekst), Value::Text(tekst.into()), "{tekst}");
        }
    }

    /// A timestamp edited into a number with a fraction or into bytes (the column takes
    /// any type) is found as a broken entry, not an error that stops the verification.
    #[test]
    fn een_tijdstip_van_een_ander_type_is_een_gevonden_fout() {
        for waarde in ["1.5", "x'00ff'"] {
            let (_dir, mut s) = crate::store::testhulp::nieuwe_store();
            for naam in ["Blauwe Reiger", "Groene Specht"] {
                let n =
                    crate::store::NieuweCasus { werknaam: naam.into(), thema: "nazorg".into(), ..Default::default() };
                s.nieuwe_casus(n).unwrap();
            }
            assert!(s.audit_verify().unwrap().in_orde());
            let nr: i64 = s.conn.query_row("SELECT min(nr) + 1 FROM audit_nr", [], |r| r.get(0)).unwrap();
            s.conn.execute(&format!("UPDATE audit_nr SET tijdstip = {waarde} WHERE nr = ?1"), [nr]).unwrap();
            let c = s.audit_verify().unwrap();
            assert_eq!(c.eerste_fout, Some(nr), "{waarde}: {c:?}");
        }
    }
}

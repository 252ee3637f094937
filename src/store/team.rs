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

/// What this device holds of another device's change log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dekking {
    /// Origin device.
    pub apparaat: String,
    /// Received ranges, merged and sorted.
    pub reeksen: Vec<(i64, i64)>,
}

impl Dekking {
    /// Highest sequence number up to which everything was received.
    pub fn doorlopend_tot(&self) -> i64 {
        match self.reeksen.first() {
            Some((1, tot)) => *tot,
            _ => 0,
        }
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

    /// What this device holds of other devices' change logs.
    pub fn dekking(&self) -> Resultaat<Vec<Dekking>> {
        let mut stmt = self.conn.prepare("SELECT apparaat, van, tot FROM dekking ORDER BY apparaat, van")?;
        let mut uit: Vec<Dekking> = Vec::new();
        let rijen = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)))?;
        for rij in rijen {
            let (apparaat, van, tot) = rij?;
            match uit.last_mut() {
                Some(d) if d.apparaat == apparaat => d.reeksen.push((van, tot)),
                _ => uit.push(Dekking { apparaat, reeksen: vec![(van, tot)] }),
            }
        }
        Ok(uit)
    }

    /// Version vector: per device, the sequence number up to which this device holds
    /// everything (its own counter for itself).
    pub fn versievector(&self) -> Resultaat<BTreeMap<String, i64>> {
        let mut vv: BTreeMap<String, i64> = self
            .dekking()?
            .into_iter()
            .map(|d| (d.apparaat.clone(), d.doorlopend_tot()))
            .filter(|(_, t)| *t > 0)
            .collect();
        let eigen = self.eigen_volgnummer()?;
        if eigen > 0 {
            vv.insert(self.apparaat.clone(), eigen);
        }
        Ok(vv)
    }

    /// What `collega` has confirmed to hold, per origin device.
    pub fn bevestigd(&self, collega: &str) -> Resultaat<BTreeMap<String, i64>> {
        let mut stmt = self.conn.prepare("SELECT apparaat, tot FROM bevestigd WHERE collega = ?1")?;
        let rijen = stmt.query_map([collega], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rijen.collect::<Result<_, _>>()?)
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

/// Bookkeeping of one imported bundle, written in the import transaction.
pub(crate) struct Ontvangst<'a> {
    pub bundel: &'a str,
    pub afzender: &'a str,
    /// Per origin device: the range the sender vouches to have sent in full.
    pub reeksen: &'a BTreeMap<String, (i64, i64)>,
    /// The sender's version vector (what they hold).
    pub versievector: &'a BTreeMap<String, i64>,
    /// Names the sender knows for devices (its own roster and itself).
    pub namen: &'a BTreeMap<String, String>,
    pub operaties: usize,
}

pub(crate) fn boek_ontvangst(conn: &rusqlite::Connection, eigen: &str, o: &Ontvangst<'_>) -> Resultaat<()> {
    conn.execute(
        "INSERT INTO bundel_ontvangen(id, afzender, ontvangen_op, operaties) VALUES (?1, ?2, ?3, ?4)",
        (o.bundel, o.afzender, nu(), o.operaties as i64),
    )?;
    for (apparaat, (van, tot)) in o.reeksen {
        if apparaat == eigen {
            continue;
        }
        let mut reeksen: Vec<(i64, i64)> = {
            let mut stmt = conn.prepare_cached("SELECT van, tot FROM dekking WHERE apparaat = ?1")?;
            let r = stmt.query_map([apparaat], |r| Ok((r.get(0)?, r.get(1)?)))?;
            r.collect::<Result<_, _>>()?
        };
        voeg_reeks_toe(&mut reeksen, *van, *tot);
        conn.execute("DELETE FROM dekking WHERE apparaat = ?1", [apparaat])?;
        for (v, t) in reeksen {
            conn.execute("INSERT INTO dekking(apparaat, van, tot) VALUES (?1, ?2, ?3)", (apparaat, v, t))?;
        }
    }
    for (apparaat, naam) in o.namen {
        conn.execute(
            "INSERT INTO apparaat_naam(apparaat, naam) VALUES (?1, ?2)
             ON CONFLICT(apparaat) DO UPDATE SET naam = excluded.naam",
            (apparaat, naam),
        )?;
    }
    for (apparaat, tot) in o.versievector {
        conn.execute(
            "INSERT INTO bevestigd(collega, apparaat, tot) VALUES (?1, ?2, ?3)
             ON CONFLICT(collega, apparaat) DO UPDATE SET tot = max(tot, excluded.tot)",
            (o.afzender, apparaat, tot),
        )?;
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
        let d = Dekking { apparaat: "a".into(), reeksen: r.clone() };
        assert_eq!(d.doorlopend_tot(), 3);
        assert_eq!(d.gaten(), vec![(4, 4)]);
        voeg_reeks_toe(&mut r, 4, 4);
        assert_eq!(r, vec![(1, 8)]);
        voeg_reeks_toe(&mut r, 2, 6);
        assert_eq!(r, vec![(1, 8)]);
        voeg_reeks_toe(&mut r, 10, 9);
        assert_eq!(r, vec![(1, 8)]);
    }
}

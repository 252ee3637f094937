//! Encrypted backup ("Back-up maken") and restore on a new machine ("Back-up terugzetten").
//!
//! A backup file is `SCHAKEL-BACKUP 1\n`, one line of JSON ([`BackupKop`]: the backup's own
//! database key wrapped with a passphrase the user chooses, Argon2id + XChaCha20-Poly1305,
//! and the SHA-256 of the database bytes), then the bytes of a complete SQLCipher database
//! encrypted with that key. Nothing in the header names a person or the ZVH.

use super::sleutel::{self, DbSleutel, SleutelBestand, VerpakteSleutel};
use super::toegang::Sleutelkeuze;
use super::{Gegevensmap, Resultaat, Store, StoreFout, bestand, instelling, schrijf_atomair};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

const MAGIE: &[u8] = b"SCHAKEL-BACKUP 1\n";

/// The header of a backup file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BackupKop {
    /// Format version (1).
    pub versie: u32,
    /// Random id of this backup (binds the wrapped key to it).
    pub id: String,
    /// When it was made (UTC, RFC 3339).
    pub gemaakt_op: String,
    /// Schema version of the database inside.
    pub schema_versie: i64,
    /// App version that made it.
    pub app_versie: String,
    /// The backup's database key, wrapped with the backup passphrase.
    pub sleutel: VerpakteSleutel,
    /// SHA-256 of the database bytes, hex.
    pub sha256: String,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Herstel {
    /// Where the replaced database and key file were moved, if there was one.
    pub oude_kopie: Option<PathBuf>,
    /// When the backup was made.
    pub gemaakt_op: String,
    /// Cases in the restored database.
    pub casussen: i64,
}

fn ongeldig(waarom: &str) -> StoreFout {
    StoreFout::Backupbestand(waarom.to_string())
}

/// Split a backup file into header and database bytes.
pub fn lees_kop(bytes: &[u8]) -> Resultaat<(BackupKop, &[u8])> {
    let rest = bytes.strip_prefix(MAGIE).ok_or_else(|| ongeldig("not a Schakel backup"))?;
    let eind = rest.iter().position(|b| *b == b'\n').ok_or_else(|| ongeldig("no header"))?;
    let kop: BackupKop = serde_json::from_slice(&rest[..eind]).map_err(|e| ongeldig(&e.to_string()))?;
    if kop.versie != 1 {
        return Err(ongeldig(&format!("unsupported version {}", kop.versie)));
    }
    let db = &rest[eind + 1..];
    if hex::encode(Sha256::digest(db)) != kop.sha256 {
        return Err(ongeldig("damaged (checksum differs)"));
    }
    Ok((kop, db))
}

/// Where the checksum `waarde` (the last field) starts in a serialized header.
fn plek_van_controlegetal(kopregel: &[u8], waarde: &str) -> Resultaat<usize> {
    let naald = format!("\"sha256\":\"{waarde}\"");
    kopregel
        .windows(naald.len())
        .rposition(|w| w == naald.as_bytes())
        .map(|p| p + "\"sha256\":\"".len())
        .ok_or_else(|| ongeldig("no checksum in the header"))
}

fn backup_aad(id: &str) -> String {
    format!("backup-{id}")
}

impl Store {
    /// Write an encrypted backup of the whole database to `pad`, protected by
    /// `wachtwoord` (at least [`sleutel::MIN_WACHTWOORD_LENGTE`] characters).
    pub fn backup_maak(&self, pad: &Path, wachtwoord: &str) -> Resultaat<BackupKop> {
        let id = uuid::Uuid::new_v4().to_string();
        let sleutel = DbSleutel::nieuw();
        let verpakt = sleutel::verpak(&backup_aad(&id), &sleutel, wachtwoord)?;
        // A copy of everything leaves the database: audited (by backup id), and the entry
        // is in the copy too.
        self.registreer_uitvoer(super::Uitvoer::Backup, &id, &[])?;
        let map = pad.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let tijdelijk = map.join(format!(".schakel-backup-{id}.db"));
        // A page copy under the backup's own key. A restore always makes a new device
        // identity, so the backup need not (and must not) carry this device's secret sync
        // keys: `secure_delete` (on for the copy's connection) overwrites the deleted row
        // with zeros in its page, so no VACUUM (a second full rewrite) is needed.
        let r = self
            .kopieer_versleuteld_met(&tijdelijk, &sleutel, |kopie| {
                kopie.execute("DELETE FROM apparaat_identiteit", [])?;
                Ok(())
            })
            .and_then(|_| {
                let mut kop = BackupKop {
                    versie: 1,
                    id,
                    gemaakt_op: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    schema_versie: self.schema_versie()?,
                    app_versie: env!("CARGO_PKG_VERSION").to_string(),
                    sleutel: verpakt,
                    sha256: "0".repeat(64),
                };
                // Streamed, hashed while copying: the header goes first with a placeholder
                // checksum of the same length, which is overwritten once the copy is done.
                bestand::schrijf_met(pad, bestand::Overschrijven::Ja, |uit| {
                    use std::io::{Read, Seek, SeekFrom, Write};
                    let kopregel = serde_json::to_vec(&kop).map_err(|e| ongeldig(&e.to_string()))?;
                    let plek = plek_van_controlegetal(&kopregel, &kop.sha256)?;
                    uit.write_all(MAGIE)?;
                    uit.write_all(&kopregel)?;
                    uit.write_all(b"\n")?;
                    let mut h = Sha256::new();
                    let mut bron = std::fs::File::open(&tijdelijk)?;
                    let mut blok = vec![0u8; 1 << 20];
                    loop {
                        let n = bron.read(&mut blok)?;
                        if n == 0 {
                            break;
                        }
                        h.update(&blok[..n]);
                        uit.write_all(&blok[..n])?;
                    }
                    kop.sha256 = hex::encode(h.finalize());
                    uit.seek(SeekFrom::Start((MAGIE.len() + plek) as u64))?;
                    uit.write_all(kop.sha256.as_bytes())?;
                    Ok(())
                })?;
                Ok(kop)
            });
        for f in [
            tijdelijk.clone(),
            tijdelijk.with_extension("db-wal"),
            tijdelijk.with_extension("db-shm"),
            tijdelijk.with_extension("db-journal"),
        ] {
            let _ = std::fs::remove_file(f);
        }
        r
    }
}

/// Check a backup file and its passphrase without restoring anything.
pub fn backup_controleer(bytes: &[u8], wachtwoord: &str) -> Resultaat<BackupKop> {
    let (kop, _) = lees_kop(bytes)?;
    sleutel::pak_uit(&backup_aad(&kop.id), &kop.sleutel, wachtwoord)?;
    Ok(kop)
}

/// Restore a backup into `map` ("Back-up terugzetten"). The key of the restored database
/// is new and kept as `keuze` says. When `map` already holds a database, nothing happens
/// unless `vervang` is set; then the old database and key file are first moved into a
/// dated folder inside `map`, never deleted.
///
/// The restored database gets a **new device identity**: the backup may be older than
/// what the old device already sent to colleagues, and re-using its sequence numbers
/// would clash. Colleagues add the new visitekaartje (see `docs/bundle-format.md`).
pub fn backup_herstel(
    map: &Gegevensmap,
    bytes: &[u8],
    wachtwoord: &str,
    keuze: &Sleutelkeuze,
    vervang: bool,
) -> Resultaat<(Store, Herstel)> {
    let (kop, db) = lees_kop(bytes)?;
    let backup_sleutel = sleutel::pak_uit(&backup_aad(&kop.id), &kop.sleutel, wachtwoord)?;
    if map.is_geinitialiseerd() && !vervang {
        return Err(StoreFout::BestaatAl(map.pad().to_path_buf()));
    }
    if let Sleutelkeuze::Wachtwoord(w) = keuze
        && w.chars().count() < sleutel::MIN_WACHTWOORD_LENGTE
    {
        return Err(StoreFout::WachtwoordTeKort(sleutel::MIN_WACHTWOORD_LENGTE));
    }
    super::maak_prive_map(map.pad())?;
    // Unpack into a temporary file and check it before anything existing is moved.
    let tijdelijk = map.pad().join(format!(".herstel-{}.db", kop.id));
    schrijf_atomair(&tijdelijk, db)?;
    let opruimen = |e: StoreFout| {
        let _ = std::fs::remove_file(&tijdelijk);
        e
    };
    let mut hersteld = Store::open_bestand(&tijdelijk, &backup_sleutel).map_err(opruimen)?;
    let problemen = hersteld.integriteit().map_err(opruimen)?;
    if !problemen.is_empty() {
        drop(hersteld);
        return Err(opruimen(ongeldig(&format!("integrity check: {}", problemen.join("; ")))));
    }
    // Everything that can fail slowly happens before the current files are touched: the
    // new key is made and stored, and the re-keyed copy is written next to them.
    let installatie = uuid::Uuid::new_v4().to_string();
    let nieuw = DbSleutel::nieuw();
    let bestand = match keuze {
        Sleutelkeuze::Sleutelbos => {
            sleutel::sleutelbos_bewaar(&format!("db-{installatie}"), &nieuw).map_err(opruimen)?;
            SleutelBestand::sleutelbos(&installatie)
        }
        Sleutelkeuze::Wachtwoord(w) => SleutelBestand::wachtwoord(&installatie, &nieuw, w).map_err(opruimen)?,
    };
    let klaar = map.pad().join(format!(".herstel-{}.nieuw", kop.id));
    let r = hersteld.kopieer_versleuteld(&klaar, &nieuw).and_then(|_| hersteld.sluit_voor_wissel());
    for f in [tijdelijk.clone(), tijdelijk.with_extension("db-wal"), tijdelijk.with_extension("db-shm")] {
        let _ = std::fs::remove_file(f);
    }
    if let Err(e) = r {
        let _ = std::fs::remove_file(&klaar);
        return Err(e);
    }
    // Now the swap: old files aside, key file, then the database (as a new installation).
    let oude_kopie = if map.is_geinitialiseerd() { Some(berg_op(map)?) } else { None };
    let wissel = bestand.schrijf(map.pad()).and_then(|()| Ok(std::fs::rename(&klaar, map.db_pad())?));
    if let Err(e) = wissel {
        // Put the old database back where it was; the restore did not happen.
        let _ = std::fs::remove_file(&klaar);
        let _ = std::fs::remove_file(map.sleutel_pad());
        if let Some(oud) = &oude_kopie {
            zet_terug(map, oud);
        }
        return Err(e);
    }
    let mut store = Store::open(map, &nieuw)?;
    store.nieuwe_apparaatidentiteit()?;
    let casussen = store.aantal("casus")?;
    Ok((store, Herstel { oude_kopie, gemaakt_op: kop.gemaakt_op, casussen }))
}

/// Undo [`berg_op`]: move the files back from `oud` (best effort, after a failed swap).
fn zet_terug(map: &Gegevensmap, oud: &Path) {
    for naam in ["schakel.db", "schakel.db-wal", "schakel.db-shm", "sleutel.json", "herstel.json"] {
        let van = oud.join(naam);
        if van.exists() {
            let _ = std::fs::rename(&van, map.pad().join(naam));
        }
    }
    let _ = std::fs::remove_dir(oud);
}

/// Move the current database (with its WAL) and key file into `vervangen-<time>/`.
fn berg_op(map: &Gegevensmap) -> Resultaat<PathBuf> {
    let doel = map.pad().join(format!("vervangen-{}", chrono::Local::now().format("%Y%m%d-%H%M%S")));
    std::fs::create_dir_all(&doel)?;
    for naam in ["schakel.db", "schakel.db-wal", "schakel.db-shm", "sleutel.json", "herstel.json"] {
        let van = map.pad().join(naam);
        if van.exists() {
            std::fs::rename(&van, doel.join(naam))?;
        }
    }
    Ok(doel)
}

/// How long a copy of a replaced database is kept (days): long enough to notice a
/// mistaken restore, short enough that removal after the retention term is not undone by
/// a forgotten copy.
pub const VERVANGEN_TERMIJN_DAGEN: i64 = 30;

/// A copy of a replaced database that a restore (`--vervang`) kept in `vervangen-…`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VervangenKopie {
    /// Folder name inside the data dir.
    pub naam: String,
    /// When it was made (from the folder name, local time).
    pub gemaakt_op: chrono::NaiveDateTime,
    /// Removed from this day on.
    pub verloopt_op: chrono::NaiveDate,
}

/// The `vervangen-…` copies in a data dir, oldest first.
pub fn vervangen_kopieen(map: &Path) -> Resultaat<Vec<VervangenKopie>> {
    let mut uit = Vec::new();
    let lijst = match std::fs::read_dir(map) {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(uit),
        Err(e) => return Err(e.into()),
    };
    for e in lijst {
        let e = e?;
        let naam = e.file_name().to_string_lossy().to_string();
        let Some(stempel) = naam.strip_prefix("vervangen-") else { continue };
        if !e.file_type()?.is_dir() {
            continue;
        }
        let Ok(gemaakt_op) = chrono::NaiveDateTime::parse_from_str(stempel, "%Y%m%d-%H%M%S") else { continue };
        let verloopt_op = gemaakt_op.date() + chrono::Duration::days(VERVANGEN_TERMIJN_DAGEN);
        uit.push(VervangenKopie { naam, gemaakt_op, verloopt_op });
    }
    uit.sort_by_key(|k| k.gemaakt_op);
    Ok(uit)
}

/// Remove one `vervangen-…` copy (by folder name). Files are overwritten with zeros before
/// they are unlinked (no guarantee on SSDs or copy-on-write file systems: the data was
/// encrypted throughout).
pub fn vervangen_kopie_verwijder(map: &Path, naam: &str) -> Resultaat<()> {
    if !vervangen_kopieen(map)?.iter().any(|k| k.naam == naam) {
        return Err(StoreFout::Onbekend { tabel: "vervangen kopie", id: naam.to_string() });
    }
    let pad = map.join(naam);
    for e in std::fs::read_dir(&pad)? {
        let p = e?.path();
        if p.is_file() {
            let lengte = std::fs::metadata(&p)?.len();
            if let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(&p) {
                use std::io::Write;
                let nullen = vec![0u8; 64 * 1024];
                let mut over = lengte;
                while over > 0 {
                    let n = over.min(nullen.len() as u64) as usize;
                    f.write_all(&nullen[..n])?;
                    over -= n as u64;
                }
                f.sync_all()?;
            }
        }
    }
    std::fs::remove_dir_all(&pad)?;
    Ok(())
}

/// Remove every copy whose term ended on or before `vandaag`; returns their names.
pub fn vervangen_opruimen(map: &Path, vandaag: chrono::NaiveDate) -> Resultaat<Vec<String>> {
    let mut weg = Vec::new();
    for k in vervangen_kopieen(map)? {
        if k.verloopt_op <= vandaag {
            vervangen_kopie_verwijder(map, &k.naam)?;
            weg.push(k.naam);
        }
    }
    Ok(weg)
}

impl Store {
    /// Give this database a new device id and forget the device's sync keys (made anew on
    /// first use). Operations already in the change log keep their original device.
    pub(crate) fn nieuwe_apparaatidentiteit(&mut self) -> Resultaat<()> {
        let id = uuid::Uuid::new_v4().to_string();
        let oud = self.apparaat.clone();
        // Its own counter, not the highest number in the log: compaction may have removed
        // the latest operations (they count as held).
        let tot = self.eigen_volgnummer()?;
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM apparaat_identiteit", [])?;
        // The old identity's operations are now another device's, held in full.
        if tot > 0 {
            tx.execute(
                "INSERT OR REPLACE INTO dekking(apparaat, scope, van, tot) VALUES (?1, '*', 1, ?2)",
                (&oud, tot),
            )?;
        }
        tx.execute(
            "INSERT INTO instelling(sleutel, waarde) VALUES (?1, ?2)
             ON CONFLICT(sleutel) DO UPDATE SET waarde = excluded.waarde",
            (instelling::APPARAAT, &id),
        )?;
        tx.execute(
            "INSERT INTO instelling(sleutel, waarde) VALUES (?1, '0')
             ON CONFLICT(sleutel) DO UPDATE SET waarde = excluded.waarde",
            [instelling::VOLGNUMMER],
        )?;
        tx.commit()?;
        self.apparaat = id;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testhulp::nieuwe_store;

    /// The backup holds the data but not this device's secret sync keys.
    #[test]
    fn backup_bevat_geen_apparaatsleutels() {
        let (dir, mut s) = nieuwe_store();
        crate::sync::apparaat(&mut s).unwrap();
        assert!(s.identiteit().unwrap().is_some());
        let pad = dir.path().join("b.schakelbackup");
        s.backup_maak(&pad, "backup-wachtwoord-1").unwrap();
        let bytes = std::fs::read(&pad).unwrap();
        let (kop, db) = lees_kop(&bytes).unwrap();
        let sleutel = sleutel::pak_uit(&backup_aad(&kop.id), &kop.sleutel, "backup-wachtwoord-1").unwrap();
        let uitgepakt = dir.path().join("uitgepakt.db");
        std::fs::write(&uitgepakt, db).unwrap();
        let kopie = Store::open_bestand(&uitgepakt, &sleutel).unwrap();
        assert!(kopie.identiteit().unwrap().is_none(), "secret sync keys in the backup");
        assert_eq!(kopie.aantal("casus").unwrap(), s.aantal("casus").unwrap());
        // No leftovers of the temporary copy next to the backup.
        let rest: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with(".schakel-backup"))
            .collect();
        assert!(rest.is_empty(), "{rest:?}");
    }
}

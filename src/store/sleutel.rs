//! The database key: 32 random bytes, kept in the OS keychain or, where no keychain
//! answers, wrapped with a passphrase (Argon2id + XChaCha20-Poly1305) in a key file next
//! to the database. Never stored in plaintext.

use super::{StoreFout, schrijf_atomair};
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use std::path::Path;
use zeroize::Zeroizing;

/// Keychain service name under which Schakel stores its secrets.
pub const SLEUTELBOS_DIENST: &str = "schakel";

/// Minimum length of a passphrase that protects the database key.
pub const MIN_WACHTWOORD_LENGTE: usize = 10;

const AAD_PREFIX: &[u8] = b"schakel-db-sleutel-v1:";

/// The raw 32-byte database key. Wiped from memory on drop.
#[derive(Clone)]
pub struct DbSleutel(Zeroizing<[u8; 32]>);

impl DbSleutel {
    /// A fresh random key from the operating system's CSPRNG.
    pub fn nieuw() -> DbSleutel {
        let mut k = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(k.as_mut());
        DbSleutel(k)
    }

    /// From raw bytes (for tests and restore).
    pub fn van_bytes(bytes: [u8; 32]) -> DbSleutel {
        DbSleutel(Zeroizing::new(bytes))
    }

    /// The raw key bytes, for wrapping it again (backup, passphrase change). Never log them.
    pub fn als_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The `PRAGMA key` value: a raw key literal, so SQLCipher skips its own KDF.
    pub(crate) fn pragma_waarde(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", hex::encode(&self.0[..])))
    }

    fn hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(&self.0[..]))
    }

    fn van_hex(tekst: &str) -> Option<DbSleutel> {
        let bytes = Zeroizing::new(hex::decode(tekst.trim()).ok()?);
        let arr: [u8; 32] = bytes.as_slice().try_into().ok()?;
        Some(DbSleutel::van_bytes(arr))
    }
}

impl std::fmt::Debug for DbSleutel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbSleutel(***)")
    }
}

/// Where the key lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SleutelBron {
    /// The operating system's keychain (Secret Service, Keychain, Credential Manager).
    Sleutelbos,
    /// A key file wrapped with the user's passphrase.
    Wachtwoord,
}

impl SleutelBron {
    /// Dutch description.
    pub fn label(self) -> &'static str {
        match self {
            SleutelBron::Sleutelbos => "sleutelbos van het systeem",
            SleutelBron::Wachtwoord => "sleutelbestand met wachtwoord (Argon2id)",
        }
    }
}

/// Argon2id cost parameters, stored with the wrapped key so they can be raised later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub geheugen_kib: u32,
    /// Iterations.
    pub iteraties: u32,
    /// Lanes.
    pub parallel: u32,
}

impl Default for KdfParams {
    fn default() -> Self {
        // OWASP's recommended minimum is 19 MiB / 2 iterations; we use more.
        KdfParams { geheugen_kib: 64 * 1024, iteraties: 3, parallel: 1 }
    }
}

/// Contents of `sleutel.json` next to the database.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SleutelBestand {
    /// Format version of this file.
    pub versie: u32,
    /// Stable id of this installation (keychain account and AAD).
    pub installatie: String,
    /// Where the key is.
    pub bron: SleutelBron,
    /// The wrapped key, for [`SleutelBron::Wachtwoord`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verpakt: Option<VerpakteSleutel>,
    /// Key generation: 0 for the first key, one higher after each rotation. Names the
    /// keychain entry for [`SleutelBron::Sleutelbos`].
    #[serde(default, skip_serializing_if = "is_nul")]
    pub generatie: u32,
    /// A key rotation in progress: the next key, ready before the database is swapped, so
    /// that whichever file is in place after a crash can be opened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volgende: Option<VolgendeSleutel>,
}

fn is_nul(n: &u32) -> bool {
    *n == 0
}

/// The next key during a rotation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VolgendeSleutel {
    /// Its generation (keychain entry name).
    pub generatie: u32,
    /// Wrapped with the same passphrase, for [`SleutelBron::Wachtwoord`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verpakt: Option<VerpakteSleutel>,
}

/// A key wrapped with a passphrase.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VerpakteSleutel {
    /// Always `argon2id`.
    pub kdf: String,
    /// Argon2id parameters.
    pub params: KdfParams,
    /// Salt, hex.
    pub zout: String,
    /// XChaCha20-Poly1305 nonce, hex.
    pub nonce: String,
    /// Ciphertext with tag, hex.
    pub versleuteld: String,
}

fn kek(wachtwoord: &str, zout: &[u8], p: KdfParams) -> Result<Zeroizing<[u8; 32]>, StoreFout> {
    let params = Params::new(p.geheugen_kib, p.iteraties, p.parallel, Some(32))
        .map_err(|e| StoreFout::Sleutelbestand(format!("argon2 parameters: {e}")))?;
    let mut uit = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(wachtwoord.as_bytes(), zout, uit.as_mut())
        .map_err(|e| StoreFout::Sleutelbestand(format!("argon2: {e}")))?;
    Ok(uit)
}

fn aad(installatie: &str) -> Vec<u8> {
    [AAD_PREFIX, installatie.as_bytes()].concat()
}

impl SleutelBestand {
    /// Path of the key file in a data dir.
    pub fn pad(map: &Path) -> std::path::PathBuf {
        map.join("sleutel.json")
    }

    /// A key file saying the key is in the keychain.
    pub fn sleutelbos(installatie: &str) -> SleutelBestand {
        SleutelBestand {
            versie: 1,
            installatie: installatie.to_string(),
            bron: SleutelBron::Sleutelbos,
            verpakt: None,
            generatie: 0,
            volgende: None,
        }
    }

    /// Wrap `sleutel` with `wachtwoord`.
    pub fn wachtwoord(installatie: &str, sleutel: &DbSleutel, wachtwoord: &str) -> Result<SleutelBestand, StoreFout> {
        let verpakt = verpak(installatie, sleutel, wachtwoord)?;
        Ok(SleutelBestand {
            versie: 1,
            installatie: installatie.to_string(),
            bron: SleutelBron::Wachtwoord,
            verpakt: Some(verpakt),
            generatie: 0,
            volgende: None,
        })
    }

    /// Unwrap the key with `wachtwoord`. A wrong passphrase gives [`StoreFout::VerkeerdWachtwoord`].
    pub fn ontgrendel(&self, wachtwoord: &str) -> Result<DbSleutel, StoreFout> {
        let v = self.verpakt.as_ref().ok_or_else(|| StoreFout::Sleutelbestand("no wrapped key".into()))?;
        pak_uit(&self.installatie, v, wachtwoord)
    }

    /// Unwrap the next key of a rotation in progress with `wachtwoord`.
    pub fn ontgrendel_volgende(&self, wachtwoord: &str) -> Result<DbSleutel, StoreFout> {
        let v = self
            .volgende
            .as_ref()
            .and_then(|v| v.verpakt.as_ref())
            .ok_or_else(|| StoreFout::Sleutelbestand("no next key".into()))?;
        pak_uit(&self.installatie, v, wachtwoord)
    }
}

/// Wrap `sleutel` with `wachtwoord` (Argon2id + XChaCha20-Poly1305), bound to `installatie`.
pub fn verpak(installatie: &str, sleutel: &DbSleutel, wachtwoord: &str) -> Result<VerpakteSleutel, StoreFout> {
    verpak_bytes(&aad(installatie), sleutel.0.as_ref(), wachtwoord)
}

/// Wrap any secret with `wachtwoord` (Argon2id + XChaCha20-Poly1305), bound to `aad`.
pub(crate) fn verpak_bytes(aad: &[u8], geheim: &[u8], wachtwoord: &str) -> Result<VerpakteSleutel, StoreFout> {
    if wachtwoord.chars().count() < MIN_WACHTWOORD_LENGTE {
        return Err(StoreFout::WachtwoordTeKort(MIN_WACHTWOORD_LENGTE));
    }
    let params = KdfParams::default();
    let mut zout = [0u8; 16];
    let mut nonce = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut zout);
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let k = kek(wachtwoord, &zout, params)?;
    let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&k[..]));
    let versleuteld = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: geheim, aad })
        .map_err(|_| StoreFout::Sleutelbestand("encryption failed".into()))?;
    Ok(VerpakteSleutel {
        kdf: "argon2id".into(),
        params,
        zout: hex::encode(zout),
        nonce: hex::encode(nonce),
        versleuteld: hex::encode(versleuteld),
    })
}

/// Unwrap a key wrapped by [`verpak`]. A wrong passphrase gives [`StoreFout::VerkeerdWachtwoord`].
pub fn pak_uit(installatie: &str, v: &VerpakteSleutel, wachtwoord: &str) -> Result<DbSleutel, StoreFout> {
    let platte = pak_bytes_uit(&aad(installatie), v, wachtwoord)?;
    let arr: [u8; 32] = platte.as_slice().try_into().map_err(|_| StoreFout::Sleutelbestand("bad key length".into()))?;
    Ok(DbSleutel::van_bytes(arr))
}

/// Unwrap a secret wrapped by [`verpak_bytes`]. A wrong passphrase gives
/// [`StoreFout::VerkeerdWachtwoord`].
pub(crate) fn pak_bytes_uit(
    aad: &[u8],
    v: &VerpakteSleutel,
    wachtwoord: &str,
) -> Result<Zeroizing<Vec<u8>>, StoreFout> {
    if v.kdf != "argon2id" {
        return Err(StoreFout::Sleutelbestand(format!("unknown kdf {}", v.kdf)));
    }
    let dec = |s: &str| hex::decode(s).map_err(|_| StoreFout::Sleutelbestand("bad hex".into()));
    let zout = dec(&v.zout)?;
    let nonce = dec(&v.nonce)?;
    if nonce.len() != 24 {
        return Err(StoreFout::Sleutelbestand("bad nonce".into()));
    }
    let k = kek(wachtwoord, &zout, v.params)?;
    let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&k[..]));
    Ok(Zeroizing::new(
        cipher
            .decrypt(XNonce::from_slice(&nonce), Payload { msg: &dec(&v.versleuteld)?, aad })
            .map_err(|_| StoreFout::VerkeerdWachtwoord)?,
    ))
}

impl SleutelBestand {
    /// Read the key file of a data dir.
    pub fn lees(map: &Path) -> Result<SleutelBestand, StoreFout> {
        let pad = Self::pad(map);
        let tekst = match std::fs::read_to_string(&pad) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(StoreFout::NietGeinitialiseerd),
            Err(e) => return Err(StoreFout::Io(e)),
        };
        serde_json::from_str(&tekst).map_err(|e| StoreFout::Sleutelbestand(e.to_string()))
    }

    /// Write the key file atomically with owner-only permissions.
    pub fn schrijf(&self, map: &Path) -> Result<(), StoreFout> {
        let json = serde_json::to_vec_pretty(self).map_err(|e| StoreFout::Sleutelbestand(e.to_string()))?;
        schrijf_atomair(&Self::pad(map), &json)
    }
}

/// An in-memory keychain for tests: installed for the calling thread only (see
/// [`sleutelbos_nabootsen`]), so a test can delete an entry the way a new login or a lost
/// keyring file does, without a desktop keychain. Never used by the app itself.
#[derive(Debug, Default)]
pub struct NagebootsteSleutelbos {
    items: std::sync::Mutex<std::collections::HashMap<String, Zeroizing<String>>>,
}

impl NagebootsteSleutelbos {
    /// Forget the entry of `account` (what a reset keyring does).
    pub fn vergeet(&self, account: &str) {
        if let Ok(mut m) = self.items.lock() {
            m.remove(account);
        }
    }

    /// The accounts that hold an entry.
    pub fn accounts(&self) -> Vec<String> {
        self.items.lock().map(|m| m.keys().cloned().collect()).unwrap_or_default()
    }
}

thread_local! {
    static NABOOTSING: std::cell::RefCell<Option<std::sync::Arc<NagebootsteSleutelbos>>> =
        const { std::cell::RefCell::new(None) };
}

/// Tests only: replace the OS keychain by an in-memory one **for the calling thread**.
/// Returns the mock, so the test can forget entries.
#[doc(hidden)]
pub fn sleutelbos_nabootsen() -> std::sync::Arc<NagebootsteSleutelbos> {
    let m = std::sync::Arc::new(NagebootsteSleutelbos::default());
    NABOOTSING.with(|n| *n.borrow_mut() = Some(m.clone()));
    m
}

/// Tests only: the calling thread's stand-in keychain, to carry over to a worker thread
/// (the window runs keychain work off its event loop).
#[doc(hidden)]
pub fn nabootsing_van_deze_thread() -> Option<std::sync::Arc<NagebootsteSleutelbos>> {
    nabootsing()
}

/// Tests only: use this stand-in keychain in the calling thread (`None` changes nothing).
#[doc(hidden)]
pub fn gebruik_nabootsing(m: Option<std::sync::Arc<NagebootsteSleutelbos>>) {
    if let Some(m) = m {
        NABOOTSING.with(|n| *n.borrow_mut() = Some(m));
    }
}

fn nabootsing() -> Option<std::sync::Arc<NagebootsteSleutelbos>> {
    NABOOTSING.with(|n| n.borrow().clone())
}

/// The OS keychain: is it there and answering?
pub fn sleutelbos_beschikbaar() -> bool {
    nabootsing().is_some() || keyring::Entry::store_status().is_ok()
}

fn sleutelbos_entry(account: &str) -> Result<keyring::Entry, StoreFout> {
    keyring::Entry::new(SLEUTELBOS_DIENST, account).map_err(|e| StoreFout::Sleutelbos(e.to_string()))
}

/// Store a key in the keychain under `account`.
pub fn sleutelbos_bewaar(account: &str, sleutel: &DbSleutel) -> Result<(), StoreFout> {
    if let Some(m) = nabootsing() {
        m.items
            .lock()
            .map_err(|_| StoreFout::Sleutelbos("mock poisoned".into()))?
            .insert(account.to_string(), sleutel.hex());
    } else {
        let entry = sleutelbos_entry(account)?;
        entry.set_password(&sleutel.hex()).map_err(|e| StoreFout::Sleutelbos(e.to_string()))?;
    }
    // Read back: some Secret Service setups accept writes but cannot return them.
    let terug = sleutelbos_haal(account)?;
    if terug.0 != sleutel.0 {
        return Err(StoreFout::Sleutelbos("read-back mismatch".into()));
    }
    Ok(())
}

/// Remove a key from the keychain (after a rotation). Best effort: a stale entry holds a
/// key that opens no file any more.
pub fn sleutelbos_wis(account: &str) {
    if let Some(m) = nabootsing() {
        m.vergeet(account);
    } else if let Ok(entry) = sleutelbos_entry(account) {
        let _ = entry.delete_credential();
    }
}

/// Fetch a key from the keychain. A keychain that answers but has no entry (new login,
/// reset or lost keyring) gives [`StoreFout::SleutelbosLeeg`]: the herstelsleutel is the
/// way back.
pub fn sleutelbos_haal(account: &str) -> Result<DbSleutel, StoreFout> {
    let tekst = if let Some(m) = nabootsing() {
        let items = m.items.lock().map_err(|_| StoreFout::Sleutelbos("mock poisoned".into()))?;
        items.get(account).cloned().ok_or(StoreFout::SleutelbosLeeg)?
    } else {
        let entry = sleutelbos_entry(account)?;
        Zeroizing::new(entry.get_password().map_err(|e| match e {
            keyring::Error::NoEntry => StoreFout::SleutelbosLeeg,
            e => StoreFout::Sleutelbos(e.to_string()),
        })?)
    };
    DbSleutel::van_hex(&tekst).ok_or_else(|| StoreFout::Sleutelbos("malformed key in keychain".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_unwrap_roundtrip_and_wrong_passphrase() {
        let k = DbSleutel::nieuw();
        let b = SleutelBestand::wachtwoord("inst-1", &k, "correct paard batterij").unwrap();
        let terug = b.ontgrendel("correct paard batterij").unwrap();
        assert_eq!(terug.0, k.0);
        assert!(matches!(b.ontgrendel("verkeerd wachtwoord"), Err(StoreFout::VerkeerdWachtwoord)));
        // The key file never contains the key in plaintext.
        let json = serde_json::to_string(&b).unwrap();
        assert!(!json.contains(&hex::encode(&k.0[..])));
    }

    #[test]
    fn wrapped_key_is_bound_to_installation() {
        let k = DbSleutel::nieuw();
        let mut b = SleutelBestand::wachtwoord("inst-1", &k, "correct paard batterij").unwrap();
        b.installatie = "inst-2".into();
        assert!(matches!(b.ontgrendel("correct paard batterij"), Err(StoreFout::VerkeerdWachtwoord)));
    }

    #[test]
    fn short_passphrase_refused() {
        let k = DbSleutel::nieuw();
        assert!(matches!(SleutelBestand::wachtwoord("i", &k, "kort"), Err(StoreFout::WachtwoordTeKort(_))));
    }
}

//! Shared helpers for the integration tests.

use schakel::store::sleutel::DbSleutel;
use schakel::store::{Gebruiker, Gegevensmap, NieuweCasus, Store};
use sha2::{Digest, Sha256};
use std::path::Path;

pub const WACHTWOORD: &str = "test-wachtwoord-lang-genoeg";

pub fn sleutel() -> DbSleutel {
    DbSleutel::van_bytes([42; 32])
}

pub fn sleutel_hex() -> String {
    hex::encode([42u8; 32])
}

pub fn gebruiker() -> Gebruiker {
    Gebruiker { naam: "Test Regisseur".into(), rol: "procesregisseur".into(), zvh: "ZVH Testregio".into() }
}

/// A fresh store in a temp dir.
pub fn store() -> (tempfile::TempDir, Gegevensmap, Store) {
    let dir = tempfile::tempdir().unwrap();
    let map = Gegevensmap::new(dir.path().join("data"));
    let s = Store::maak(&map, &sleutel(), &gebruiker()).unwrap();
    (dir, map, s)
}

pub fn casus(s: &mut Store, werknaam: &str) -> String {
    s.nieuwe_casus(NieuweCasus { werknaam: werknaam.into(), thema: "nazorg".into(), ..Default::default() })
        .unwrap()
        .to_string()
}

/// A raw SQLCipher connection with the test key, to tamper with the file like an attacker
/// who has the key would.
pub fn ruw(map: &Gegevensmap) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(map.db_pad()).unwrap();
    c.execute_batch(&format!("PRAGMA key = \"x'{}'\";", sleutel_hex())).unwrap();
    c
}

pub fn hash(pad: &Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(pad).unwrap()))
}

/// The `schakel` binary on the data folder `map`, unlocked with [`WACHTWOORD`].
pub fn schakel(map: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("schakel").unwrap();
    c.env("SCHAKEL_DATA_DIR", map).env("SCHAKEL_PASSPHRASE", WACHTWOORD).env_remove("SCHAKEL_DEBUG");
    c
}

/// Run `c`, require success, and return what it printed.
pub fn uit(c: &mut assert_cmd::Command) -> String {
    String::from_utf8(c.assert().success().get_output().stdout.clone()).unwrap()
}

/// Run `c` with `--json`, require success, and parse what it printed.
pub fn json(c: &mut assert_cmd::Command) -> serde_json::Value {
    let out = c.arg("--json").assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap_or_else(|e| panic!("no JSON: {e}: {}", String::from_utf8_lossy(&out)))
}

/// Run `c` with `--json` and return the `id` it printed (of what it created).
pub fn id(c: &mut assert_cmd::Command) -> String {
    json(c)["id"].as_str().unwrap().to_string()
}

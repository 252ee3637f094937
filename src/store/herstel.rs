//! The herstelsleutel: a random recovery code, shown once, that gives access back when the
//! keychain forgot the database key (new login, reset or lost keyring) or the passphrase
//! of the key file is lost.
//!
//! Layout of `herstel.json` next to the database:
//! - a fresh **age X25519 identity** made for recovery only, wrapped with the code
//!   (Argon2id + XChaCha20-Poly1305, the same wrapping as the key file);
//! - its public half (`ontvanger`);
//! - per key generation a copy of the database key, **age-encrypted to that public half**.
//!
//! So the code unwraps (Argon2id) the recovery identity, which opens the copy of the key.
//! Key rotation encrypts the new key to the stored public half: it needs neither the code
//! nor any secret, and the old key (say it leaked) opens nothing in this file. The code
//! itself is never stored.

use super::sleutel::{self, DbSleutel, VerpakteSleutel};
use super::{Gegevensmap, Resultaat, StoreFout, schrijf_atomair};
use age::secrecy::ExposeSecret;
use rand::Rng;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use zeroize::Zeroizing;

/// Crockford's base32 alphabet: no I, L, O or U, so nothing reads as another character.
const ALFABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in a code: 25 × 5 bits = 125 random bits.
const LENGTE: usize = 25;
const AAD_PREFIX: &[u8] = b"schakel-herstel-v1:";

/// A recovery code, shown once. Wiped from memory on drop.
#[derive(Clone)]
pub struct Herstelcode(Zeroizing<String>);

impl std::fmt::Debug for Herstelcode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Herstelcode(***)")
    }
}

impl Herstelcode {
    fn nieuw() -> Herstelcode {
        let mut rng = rand::rngs::OsRng;
        let tekens: String = (0..LENGTE).map(|_| ALFABET[rng.gen_range(0..32)] as char).collect();
        Herstelcode(Zeroizing::new(tekens))
    }

    /// As typed by a person: case, spaces and dashes do not matter, and O/I/L read as 0/1/1.
    pub fn van_invoer(tekst: &str) -> Herstelcode {
        let tekens: String = tekst
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            })
            .collect();
        Herstelcode(Zeroizing::new(tekens))
    }

    /// For display and print: five groups of five, `ABCDE-FGHJK-…`.
    pub fn getoond(&self) -> Zeroizing<String> {
        let tekens: Vec<char> = self.0.chars().collect();
        Zeroizing::new(tekens.chunks(5).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-"))
    }
}

/// Contents of `herstel.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct HerstelBestand {
    versie: u32,
    installatie: String,
    /// Public half of the recovery identity (`age1…`).
    ontvanger: String,
    /// The recovery identity, wrapped with the code.
    identiteit: VerpakteSleutel,
    /// Copies of the database key, one per generation in use.
    kopieen: Vec<HerstelKopie>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct HerstelKopie {
    generatie: u32,
    /// A binary age file (hex) holding the 32 key bytes.
    versleuteld: String,
}

/// Path of the recovery file in a data dir.
pub fn pad(map: &Gegevensmap) -> std::path::PathBuf {
    map.pad().join("herstel.json")
}

fn aad(installatie: &str) -> Vec<u8> {
    [AAD_PREFIX, installatie.as_bytes()].concat()
}

fn lees(map: &Gegevensmap) -> Resultaat<Option<HerstelBestand>> {
    match std::fs::read(pad(map)) {
        Ok(b) => {
            serde_json::from_slice(&b).map(Some).map_err(|e| StoreFout::Sleutelbestand(format!("herstel.json: {e}")))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

fn schrijf(map: &Gegevensmap, b: &HerstelBestand) -> Resultaat<()> {
    let json = serde_json::to_vec_pretty(b).map_err(|e| StoreFout::Sleutelbestand(e.to_string()))?;
    schrijf_atomair(&pad(map), &json)
}

fn kopie(ontvanger: &str, generatie: u32, sleutel: &DbSleutel) -> Resultaat<HerstelKopie> {
    let r = age::x25519::Recipient::from_str(ontvanger)
        .map_err(|e| StoreFout::Sleutelbestand(format!("herstel.json recipient: {e}")))?;
    let versleuteld = age::encrypt(&r, sleutel.als_bytes()).map_err(|e| StoreFout::Sleutelbestand(e.to_string()))?;
    Ok(HerstelKopie { generatie, versleuteld: hex::encode(versleuteld) })
}

/// Make a new recovery code for the key `sleutel` of generation `generatie`, replacing any
/// earlier one (whose code then opens nothing).
pub(crate) fn maak(
    map: &Gegevensmap,
    installatie: &str,
    generatie: u32,
    sleutel: &DbSleutel,
) -> Resultaat<Herstelcode> {
    let code = Herstelcode::nieuw();
    let identiteit = age::x25519::Identity::generate();
    let ontvanger = identiteit.to_public().to_string();
    let geheim = Zeroizing::new(identiteit.to_string().expose_secret().to_string());
    let verpakt = sleutel::verpak_bytes(&aad(installatie), geheim.as_bytes(), &code.0)?;
    let b = HerstelBestand {
        versie: 1,
        installatie: installatie.to_string(),
        kopieen: vec![kopie(&ontvanger, generatie, sleutel)?],
        ontvanger,
        identiteit: verpakt,
    };
    schrijf(map, &b)?;
    Ok(code)
}

/// A rotation stored the next key: add its copy (no code needed). No file, nothing to do.
pub(crate) fn voeg_toe(map: &Gegevensmap, generatie: u32, sleutel: &DbSleutel) -> Resultaat<()> {
    let Some(mut b) = lees(map)? else { return Ok(()) };
    b.kopieen.retain(|k| k.generatie != generatie);
    b.kopieen.push(kopie(&b.ontvanger, generatie, sleutel)?);
    schrijf(map, &b)
}

/// A rotation finished: keep only the copy of `generatie` (the old key opens no file).
pub(crate) fn houd_alleen(map: &Gegevensmap, generatie: u32) -> Resultaat<()> {
    let Some(mut b) = lees(map)? else { return Ok(()) };
    if b.kopieen.iter().all(|k| k.generatie == generatie) {
        return Ok(());
    }
    b.kopieen.retain(|k| k.generatie == generatie);
    schrijf(map, &b)
}

/// Is there a recovery copy in this data dir?
pub fn bestaat(map: &Gegevensmap) -> bool {
    pad(map).exists()
}

/// The keys the code opens, newest generation first. A wrong code gives
/// [`StoreFout::VerkeerdeHerstelsleutel`]; nothing is written.
pub(crate) fn open(map: &Gegevensmap, code: &Herstelcode) -> Resultaat<Vec<(u32, DbSleutel)>> {
    let b = lees(map)?.ok_or(StoreFout::GeenHerstelsleutel)?;
    let geheim = sleutel::pak_bytes_uit(&aad(&b.installatie), &b.identiteit, &code.0).map_err(|e| match e {
        StoreFout::VerkeerdWachtwoord | StoreFout::WachtwoordTeKort(_) => StoreFout::VerkeerdeHerstelsleutel,
        e => e,
    })?;
    let tekst = std::str::from_utf8(&geheim).map_err(|_| StoreFout::Sleutelbestand("herstel.json identity".into()))?;
    let identiteit = age::x25519::Identity::from_str(tekst)
        .map_err(|_| StoreFout::Sleutelbestand("herstel.json identity".into()))?;
    let mut kopieen = b.kopieen.clone();
    kopieen.sort_by_key(|k| std::cmp::Reverse(k.generatie));
    let mut uit = Vec::new();
    for k in kopieen {
        let bytes = hex::decode(&k.versleuteld).map_err(|_| StoreFout::Sleutelbestand("herstel.json hex".into()))?;
        let platte = Zeroizing::new(
            age::decrypt(&identiteit, &bytes).map_err(|e| StoreFout::Sleutelbestand(format!("herstel.json: {e}")))?,
        );
        let arr: [u8; 32] =
            platte.as_slice().try_into().map_err(|_| StoreFout::Sleutelbestand("herstel.json key length".into()))?;
        uit.push((k.generatie, DbSleutel::van_bytes(arr)));
    }
    Ok(uit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_is_read_forgivingly_and_shown_in_groups() {
        let c = Herstelcode::nieuw();
        assert_eq!(c.0.len(), LENGTE);
        let getoond = c.getoond();
        assert_eq!(getoond.split('-').count(), 5);
        let terug = Herstelcode::van_invoer(&format!(" {} ", getoond.to_lowercase()));
        assert_eq!(*terug.0, *c.0);
        assert_eq!(*Herstelcode::van_invoer("oil-O").0, "0110");
        assert!(!format!("{c:?}").contains(&c.0[..5]));
    }

    #[test]
    fn rotation_copy_needs_no_code_and_wrong_code_opens_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let map = Gegevensmap::new(dir.path());
        let k0 = DbSleutel::nieuw();
        let code = maak(&map, "inst", 0, &k0).unwrap();
        let k1 = DbSleutel::nieuw();
        voeg_toe(&map, 1, &k1).unwrap();
        let open_ = open(&map, &code).unwrap();
        assert_eq!(open_.iter().map(|(g, _)| *g).collect::<Vec<_>>(), vec![1, 0]);
        assert_eq!(open_[0].1.als_bytes(), k1.als_bytes());
        houd_alleen(&map, 1).unwrap();
        assert_eq!(open(&map, &code).unwrap().len(), 1);
        let tekst = std::fs::read_to_string(pad(&map)).unwrap();
        assert!(!tekst.contains(&hex::encode(k1.als_bytes())));
        assert!(!tekst.contains(&*code.0));
        assert!(matches!(
            open(&map, &Herstelcode::van_invoer("AAAAA-AAAAA-AAAAA-AAAAA-AAAAA")),
            Err(StoreFout::VerkeerdeHerstelsleutel)
        ));
    }
}

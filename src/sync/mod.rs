//! Sync between colleagues by signed, encrypted bundle files (`docs/bundle-format.md`).
//!
//! - [`apparaat`]: this device's Ed25519 signing key and age X25519 identity (made once,
//!   kept in the encrypted store).
//! - [`visitekaartje`] / [`lees_visitekaartje`]: the public card a colleague imports, with a
//!   [`vingerafdruk`] to compare in person before trusting.
//! - [`exporteer`] / [`importeer`]: bundles. Import verifies the outer signature before
//!   decrypting, then the inner signature and the recipient list, then applies everything
//!   in one transaction, or nothing.

use crate::store::team::{self, ALLE_SCOPES, Bezit, GEEN_CASUS};
use crate::store::{Collega, OpId, RuweIdentiteit, Store, StoreFout, Toegepast, Wijziging};
use age::secrecy::ExposeSecret;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;
use thiserror::Error;
use zeroize::Zeroizing;

/// Bundle format version written and accepted.
pub const BUNDEL_VERSIE: u16 = 3;
/// The oldest format this build still reads. Format 3 (schema 23) only changed how a
/// plan version's snapshot is written (`store::plan::snapshot_inpakken`), which this
/// build reads either way; a build that knows only format 2 refuses format 3 and asks
/// to be updated, instead of failing on a packed snapshot when a casus is opened.
pub const OUDSTE_BUNDELVERSIE: u16 = 2;

/// Whether this build reads bundles of format `versie`.
pub fn versie_leesbaar(versie: u16) -> bool {
    (OUDSTE_BUNDELVERSIE..=BUNDEL_VERSIE).contains(&versie)
}
/// File magic of a bundle.
pub const MAGIC: &[u8; 8] = b"SCHAKELB";
const BUITEN_CONTEXT: &[u8] = b"schakel-bundel-buiten-v1\0";
const BINNEN_CONTEXT: &[u8] = b"schakel-bundel-binnen-v1\0";
const KAARTJE_CONTEXT: &[u8] = b"schakel-visitekaartje-v1\0";
/// Largest ciphertext accepted (a bundle of every change of a large ZVH is far smaller).
const MAX_CIJFERTEKST: u64 = 1 << 30;

/// Errors of sync. Dutch text is made in `crate::melding`.
#[derive(Debug, Error)]
pub enum SyncFout {
    /// Store error.
    #[error(transparent)]
    Store(#[from] StoreFout),
    /// File error.
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    /// Not a bundle, cut off, or damaged.
    #[error("damaged bundle: {0}")]
    Beschadigd(String),
    /// A bundle format this version does not know.
    #[error("unsupported bundle version {0}")]
    OnbekendeVersie(u16),
    /// The signer is not on the roster.
    #[error("unknown sender {0}")]
    OnbekendeAfzender(String),
    /// The signer was removed from the roster.
    #[error("removed sender {0}")]
    VerwijderdeAfzender(String),
    /// The signer's fingerprint was never confirmed.
    #[error("sender {0} not confirmed")]
    NietBevestigd(String),
    /// A signature does not verify.
    #[error("bad {0} signature")]
    Handtekening(&'static str),
    /// The bundle is not addressed to this device.
    #[error("not addressed to this device")]
    NietVoorMij,
    /// This bundle was imported before.
    #[error("bundle already imported")]
    AlIngelezen,
    /// This device's own bundle.
    #[error("own bundle")]
    EigenBundel,
    /// No trusted colleague to send to.
    #[error("no recipients")]
    GeenOntvangers,
    /// A named recipient is not a trusted colleague.
    #[error("unknown recipient {0}")]
    OnbekendeOntvanger(String),
    /// The recipient's organisation has no covenant: no personal data to them.
    #[error("recipient {0} has no covenant")]
    GeenConvenant(String),
    /// The recipient names an organisation but is not linked to a partner, so the
    /// covenant cannot be checked: no personal data to them (fail closed).
    #[error("recipient {naam} of {organisatie} is not linked to a partner")]
    NietGekoppeld {
        /// The colleague.
        naam: String,
        /// The organisation on their card.
        organisatie: String,
    },
    /// A file could not be read or written.
    #[error("file {pad}: {fout}")]
    Bestand {
        /// The file.
        pad: std::path::PathBuf,
        /// What the system said.
        fout: std::io::Error,
    },
    /// The file to write exists and may not be overwritten.
    #[error("file {0} exists")]
    BestandBestaat(std::path::PathBuf),
    /// A file to read is not a regular file (a device, a pipe, a folder).
    #[error("not a regular file")]
    GeenBestand,
    /// A visitekaartje that cannot be read or whose signature fails.
    #[error("invalid card: {0}")]
    OngeldigKaartje(String),
}

/// Result alias of sync.
pub type SyncResultaat<T> = Result<T, SyncFout>;

/// This device's keys.
pub struct Apparaat {
    /// Device id (the change log's `apparaat`).
    pub id: String,
    ondertekening: SigningKey,
    age: age::x25519::Identity,
}

impl std::fmt::Debug for Apparaat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Apparaat").field("id", &self.id).finish_non_exhaustive()
    }
}

impl Apparaat {
    /// Public signing key.
    pub fn publieke_sleutel(&self) -> [u8; 32] {
        self.ondertekening.verifying_key().to_bytes()
    }

    /// age recipient string.
    pub fn age_ontvanger(&self) -> String {
        self.age.to_public().to_string()
    }

    /// The age identity (tests use it to decrypt with the `age` CLI).
    pub fn age_identiteit(&self) -> Zeroizing<String> {
        Zeroizing::new(self.age.to_string().expose_secret().to_string())
    }

    /// Fingerprint of this device's card.
    pub fn vingerafdruk(&self) -> String {
        vingerafdruk(&self.id, &self.publieke_sleutel(), &self.age_ontvanger())
    }
}

/// This device's identity; made (and stored) on first use.
pub fn apparaat(store: &mut Store) -> SyncResultaat<Apparaat> {
    let ruw = match store.identiteit()? {
        Some(r) => r,
        None => {
            let sleutel = SigningKey::generate(&mut rand::rngs::OsRng);
            let age = age::x25519::Identity::generate();
            let ruw = RuweIdentiteit {
                ondertekening: Zeroizing::new(sleutel.to_bytes()),
                age: Zeroizing::new(age.to_string().expose_secret().to_string()),
            };
            store.zet_identiteit(&ruw)?;
            ruw
        }
    };
    let age = age::x25519::Identity::from_str(&ruw.age)
        .map_err(|e| SyncFout::Store(StoreFout::Sleutelbestand(format!("age identity: {e}"))))?;
    Ok(Apparaat { id: store.apparaat().to_string(), ondertekening: SigningKey::from_bytes(&ruw.ondertekening), age })
}

/// Short fingerprint to compare in person: 30 digits in six groups of five, from the
/// SHA-256 of device id and both public keys.
pub fn vingerafdruk(apparaat: &str, ondertekening: &[u8; 32], age: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"schakel-vingerafdruk-v1\0");
    h.update(apparaat.as_bytes());
    h.update([0]);
    h.update(ondertekening);
    h.update(age.as_bytes());
    let d = h.finalize();
    d.chunks(5)
        .take(6)
        .map(|c| {
            let n = c.iter().fold(0u64, |a, b| (a << 8) | u64::from(*b));
            format!("{:05}", n % 100_000)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The public card of a device, as a file.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Kaartje {
    soort: String,
    versie: u16,
    apparaat: String,
    naam: String,
    rol: String,
    #[serde(default)]
    organisatie: String,
    #[serde(default)]
    zvh: String,
    ondertekening: String,
    age: String,
    handtekening: String,
}

impl Kaartje {
    fn bericht(&self) -> Vec<u8> {
        let mut m = KAARTJE_CONTEXT.to_vec();
        for veld in
            [&self.apparaat, &self.naam, &self.rol, &self.organisatie, &self.zvh, &self.ondertekening, &self.age]
        {
            m.extend_from_slice(veld.as_bytes());
            m.push(0x1f);
        }
        m
    }
}

/// This device's visitekaartje (JSON), self-signed so a card cannot be altered unnoticed
/// between export and import (the fingerprint check is what establishes trust).
pub fn visitekaartje(store: &mut Store, organisatie: &str) -> SyncResultaat<Vec<u8>> {
    let a = apparaat(store)?;
    let mut k = Kaartje {
        soort: "schakel-visitekaartje".into(),
        versie: 1,
        apparaat: a.id.clone(),
        naam: store.gebruiker().to_string(),
        rol: store.instelling(crate::store::instelling::ROL)?.unwrap_or_default(),
        organisatie: organisatie.to_string(),
        zvh: store.instelling(crate::store::instelling::ZVH)?.unwrap_or_default(),
        ondertekening: hex::encode(a.publieke_sleutel()),
        age: a.age_ontvanger(),
        handtekening: String::new(),
    };
    k.handtekening = hex::encode(a.ondertekening.sign(&k.bericht()).to_bytes());
    serde_json::to_vec_pretty(&k).map_err(|e| SyncFout::OngeldigKaartje(e.to_string()))
}

/// Read a colleague's card: checks its form, keys and self-signature. The result is not
/// trusted until the fingerprint is confirmed (`Store::collega_bevestigen`).
pub fn lees_visitekaartje(bytes: &[u8]) -> SyncResultaat<Collega> {
    let fout = |m: &str| SyncFout::OngeldigKaartje(m.to_string());
    let k: Kaartje = serde_json::from_slice(bytes).map_err(|e| SyncFout::OngeldigKaartje(e.to_string()))?;
    if k.soort != "schakel-visitekaartje" {
        return Err(fout("not a Schakel card"));
    }
    if k.versie != 1 {
        return Err(fout("unsupported card version"));
    }
    if k.apparaat.trim().is_empty() || k.naam.trim().is_empty() {
        return Err(fout("device id or name missing"));
    }
    let sleutel: [u8; 32] = hex::decode(&k.ondertekening)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| fout("signing key malformed"))?;
    let vk = VerifyingKey::from_bytes(&sleutel).map_err(|_| fout("signing key invalid"))?;
    age::x25519::Recipient::from_str(&k.age).map_err(|_| fout("age recipient invalid"))?;
    let sig: [u8; 64] =
        hex::decode(&k.handtekening).ok().and_then(|b| b.try_into().ok()).ok_or_else(|| fout("signature malformed"))?;
    vk.verify_strict(&k.bericht(), &Signature::from_bytes(&sig)).map_err(|_| fout("signature does not verify"))?;
    Ok(Collega {
        apparaat: k.apparaat,
        naam: k.naam,
        rol: k.rol,
        organisatie: k.organisatie,
        ondertekening: sleutel,
        age: k.age,
        toegevoegd_op: String::new(),
        bevestigd_op: None,
        verwijderd_op: None,
    })
}

/// The signed inner manifest of a bundle.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    /// Format version.
    pub versie: u16,
    /// Random id of this bundle (replay detection).
    pub bundel: String,
    /// Team (name of the ZVH of the sender).
    pub team: String,
    /// Sender's device id.
    pub afzender: String,
    /// Sender's name.
    pub afzender_naam: String,
    /// Recipient device ids.
    pub ontvangers: Vec<String>,
    /// Recipient fingerprints, for a human reading the manifest.
    pub vingerafdrukken: Vec<String>,
    /// Per origin device and scope (a casus id, `""` for rows of no casus, `"*"` for
    /// every scope): the sequence ranges this bundle vouches for. After the import the
    /// receiver holds every operation in them (it had them, or they are in the bundle).
    pub dekking: Bezit,
    /// What the sender holds, per origin device and scope; the receiver stores it as the
    /// sender's acknowledgement and does not send those operations again.
    pub bezit: Bezit,
    /// Casus ids the bundle is limited to (need-to-know); `None` = all.
    pub casussen: Option<BTreeSet<String>>,
    /// Creation time (UTC, RFC 3339).
    pub gemaakt_op: String,
    /// Names the sender knows per device id (display only, never trust).
    #[serde(default)]
    pub namen: BTreeMap<String, String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Inhoud {
    manifest: Manifest,
    operaties: Vec<Wijziging>,
}

/// What to export.
#[derive(Debug, Clone, Default)]
pub struct ExportOpties {
    /// Recipients by device id (or its first 8+ characters) or name; empty = every
    /// trusted colleague.
    pub voor: Vec<String>,
    /// Limit to these casusnummers.
    pub casussen: Vec<String>,
    /// Send everything, not only what the recipients have not confirmed.
    pub alles: bool,
}

/// Result of an export.
#[derive(Debug, Clone)]
pub struct Export {
    /// The bundle file.
    pub bytes: Vec<u8>,
    /// The recipients.
    pub ontvangers: Vec<Collega>,
    /// Number of operations.
    pub operaties: usize,
    /// The manifest.
    pub manifest: Manifest,
    /// Trajectbegeleiders among the recipients whose device no medewerker is linked to:
    /// they received no cases (see `melding::zonder_medewerker`).
    pub zonder_medewerker: Vec<String>,
}

fn ontvangers(store: &Store, voor: &[String]) -> SyncResultaat<Vec<Collega>> {
    let team: Vec<Collega> = store.collegas()?.into_iter().filter(Collega::vertrouwd).collect();
    if voor.is_empty() {
        if team.is_empty() {
            return Err(SyncFout::GeenOntvangers);
        }
        return Ok(team);
    }
    let mut uit: Vec<Collega> = Vec::new();
    for naam in voor {
        let n = naam.trim().to_lowercase();
        let gevonden = team
            .iter()
            .find(|c| c.apparaat == n || (n.len() >= 8 && c.apparaat.starts_with(&n)) || c.naam.to_lowercase() == n);
        match gevonden {
            Some(c) if !uit.contains(c) => uit.push(c.clone()),
            Some(_) => {}
            None => return Err(SyncFout::OnbekendeOntvanger(naam.clone())),
        }
    }
    Ok(uit)
}

/// Need-to-know: a colleague of another organisation receives personal data only when
/// linked to a partner whose covenant allows it. Colleagues of the ZVH itself (no
/// organisation on their card) are not checked. Fails closed: an organisation that is not
/// linked to a partner, or a link to a removed partner, refuses the bundle.
fn controleer_convenant(store: &Store, ontvangers: &[Collega]) -> SyncResultaat<()> {
    let partners = store.partners()?;
    for c in ontvangers {
        if c.organisatie.trim().is_empty() {
            continue;
        }
        let partner = match store.collega_partner(&c.apparaat)? {
            Some(id) => partners.iter().find(|p| p.id == id),
            None => None,
        };
        match partner {
            None => return Err(SyncFout::NietGekoppeld { naam: c.naam.clone(), organisatie: c.organisatie.clone() }),
            Some(p) if !p.convenantstatus.mag_persoonsgegevens_ontvangen() => {
                return Err(SyncFout::GeenConvenant(c.naam.clone()));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// The casus ids a bundle for `ontvangers` may carry (`None` = every casus): the named
/// cases, narrowed to each trajectbegeleider's own cases.
fn scope_voor(
    store: &Store,
    ontvangers: &[Collega],
    casussen: &[String],
    zonder_medewerker: &mut Vec<String>,
) -> SyncResultaat<Option<BTreeSet<String>>> {
    let mut scope: Option<BTreeSet<String>> = None;
    if !casussen.is_empty() {
        let mut ids = BTreeSet::new();
        for n in casussen {
            ids.insert(store.casus_id(n)?);
        }
        scope = Some(ids);
    }
    for c in ontvangers {
        // Only the cases whose trajectbegeleider is the medewerker linked to this
        // colleague's device; without such a medewerker, none (never everything).
        if let Some(eigen) = store.recht_van_collega(c)? {
            if store.casussen_van_apparaat(&c.apparaat)?.is_none() {
                zonder_medewerker.push(c.naam.clone());
            }
            scope = Some(match scope {
                Some(s) => s.intersection(&eigen).cloned().collect(),
                None => eigen,
            });
        }
    }
    // An adviesvraag is its own scope key: a limited bundle carries only those converted
    // into a casus of the scope (`store::advies`).
    if let Some(ids) = &mut scope {
        let adviesvragen = store.adviesvragen_van_casussen(ids)?;
        ids.extend(adviesvragen);
    }
    Ok(scope)
}

/// Make a bundle for the chosen colleagues.
///
/// What is held and confirmed is kept per scope (see [`Bezit`]): a bundle limited to some
/// cases vouches only for those cases, so whatever it left out is sent by a later bundle
/// whose scope includes it, with the whole history of a casus that enters a colleague's
/// scope later (reassignment).
pub fn exporteer(store: &mut Store, opties: &ExportOpties) -> SyncResultaat<Export> {
    let ik = apparaat(store)?;
    let ontvangers = ontvangers(store, &opties.voor)?;
    controleer_convenant(store, &ontvangers)?;
    let mut zonder_medewerker = Vec::new();
    let scope = scope_voor(store, &ontvangers, &opties.casussen, &mut zonder_medewerker)?;
    let bezit = store.bezit()?;
    // Koppelingen whose two casussen are both in scope.
    let paren: Vec<String> = match &scope {
        None => Vec::new(),
        Some(ids) => store.koppeling_scopes()?.into_iter().filter(|s| team::binnen_scope(s, ids)).collect(),
    };
    // What this bundle vouches for: everything held in its scopes.
    let mut dekking: Bezit = BTreeMap::new();
    for (apparaat, scopes) in &bezit {
        let per_scope: BTreeMap<String, Vec<(i64, i64)>> = match &scope {
            None => scopes.clone(),
            Some(ids) => ids
                .iter()
                .map(String::as_str)
                .chain(std::iter::once(GEEN_CASUS))
                .chain(paren.iter().map(String::as_str))
                .map(|s| (s.to_string(), team::effectief(&bezit, apparaat, s)))
                .filter(|(_, r)| !r.is_empty())
                .collect(),
        };
        if !per_scope.is_empty() {
            dekking.insert(apparaat.clone(), per_scope);
        }
    }
    // Send what any recipient has not confirmed (all of it with `alles`).
    let bevestigd: Vec<Bezit> = if opties.alles {
        Vec::new()
    } else {
        ontvangers.iter().map(|c| store.bevestigd(&c.apparaat)).collect::<Result<_, _>>()?
    };
    let mut na: BTreeMap<String, i64> = BTreeMap::new();
    if !opties.alles {
        for apparaat in bezit.keys() {
            let min = bevestigd
                .iter()
                .map(|b| team::doorlopend(&team::effectief(b, apparaat, ALLE_SCOPES)))
                .min()
                .unwrap_or(0);
            na.insert(apparaat.clone(), min);
        }
    }
    let operaties: Vec<Wijziging> = store
        .operaties_na(&na, scope.as_ref())?
        .into_iter()
        .filter(|w| {
            opties.alles
                || bevestigd
                    .iter()
                    .any(|b| !team::heeft(b, &w.apparaat, team::scope_van(w.casus_id.as_deref()), w.volgnummer))
        })
        .collect();
    let manifest = Manifest {
        versie: BUNDEL_VERSIE,
        bundel: uuid::Uuid::new_v4().to_string(),
        team: store.instelling(crate::store::instelling::ZVH)?.unwrap_or_default(),
        afzender: ik.id.clone(),
        afzender_naam: store.gebruiker().to_string(),
        ontvangers: ontvangers.iter().map(|c| c.apparaat.clone()).collect(),
        vingerafdrukken: ontvangers.iter().map(|c| vingerafdruk(&c.apparaat, &c.ondertekening, &c.age)).collect(),
        dekking,
        bezit,
        casussen: scope,
        gemaakt_op: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        namen: store.bekende_namen()?,
    };
    let aantal = operaties.len();
    let inhoud = Inhoud { manifest: manifest.clone(), operaties };
    let payload = Zeroizing::new(serde_json::to_vec(&inhoud).map_err(|e| SyncFout::Beschadigd(e.to_string()))?);
    let bytes = verpak(&ik, &ontvangers, &payload)?;
    // Who received which casus, for the inzageverzoek, and the audit entries (issue 21).
    let casussen: Vec<String> = inhoud
        .operaties
        .iter()
        .filter(|o| o.tabel != "adviesvraag")
        .filter_map(|o| o.casus_id.as_deref())
        .flat_map(team::casussen_van_scope)
        .map(str::to_string)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let aan: Vec<(String, String)> = ontvangers.iter().map(|c| (c.apparaat.clone(), c.naam.clone())).collect();
    store.bundel_verzending_registreer(&manifest.bundel, &aan, &casussen)?;
    // Local edits since the last exchange may be superseded and already acknowledged
    // (a store without colleagues); a failed compaction leaves a valid, larger log.
    let _ = store.compacteren();
    Ok(Export { bytes, ontvangers, operaties: aantal, manifest, zonder_medewerker })
}

/// Wrap a payload into a bundle: inner signature, age encryption to `ontvangers`,
/// header and outer signature. [`exporteer`] uses it with the JSON payload; tests and
/// the fuzz target use it to feed crafted payloads through the real verification path.
pub fn verpak(ik: &Apparaat, ontvangers: &[Collega], payload: &[u8]) -> SyncResultaat<Vec<u8>> {
    let mut binnen = Zeroizing::new(Vec::with_capacity(64 + payload.len()));
    binnen.extend_from_slice(&ik.ondertekening.sign(&[BINNEN_CONTEXT, payload].concat()).to_bytes());
    binnen.extend_from_slice(payload);
    versleutel_en_onderteken(ik, ontvangers, &binnen)
}

fn versleutel_en_onderteken(ik: &Apparaat, ontvangers: &[Collega], binnen: &[u8]) -> SyncResultaat<Vec<u8>> {
    use std::io::Write;
    let sleutels: Vec<age::x25519::Recipient> = ontvangers
        .iter()
        .map(|c| age::x25519::Recipient::from_str(&c.age))
        .collect::<Result<_, _>>()
        .map_err(|e| SyncFout::OngeldigKaartje(e.to_string()))?;
    let versleutelaar = age::Encryptor::with_recipients(sleutels.iter().map(|r| r as &dyn age::Recipient))
        .map_err(|e| SyncFout::Beschadigd(e.to_string()))?;
    let mut cijfer = Vec::new();
    let mut w = versleutelaar.wrap_output(&mut cijfer)?;
    w.write_all(binnen)?;
    w.finish()?;
    let mut uit = Vec::with_capacity(cijfer.len() + 128);
    uit.extend_from_slice(MAGIC);
    uit.extend_from_slice(&BUNDEL_VERSIE.to_be_bytes());
    let id = ik.id.as_bytes();
    uit.extend_from_slice(&(id.len() as u16).to_be_bytes());
    uit.extend_from_slice(id);
    uit.extend_from_slice(&(cijfer.len() as u64).to_be_bytes());
    uit.extend_from_slice(&cijfer);
    let sig = ik.ondertekening.sign(&[BUITEN_CONTEXT, &uit[..]].concat());
    uit.extend_from_slice(&sig.to_bytes());
    Ok(uit)
}

/// The parsed outer layer of a bundle.
#[derive(Debug)]
pub struct Buitenkant<'a> {
    /// Format version.
    pub versie: u16,
    /// Sender's device id.
    pub afzender: String,
    /// The age ciphertext.
    pub cijfertekst: &'a [u8],
    /// Everything the outer signature covers.
    ondertekend: &'a [u8],
    handtekening: [u8; 64],
}

/// Parse the outer layer without trusting anything in it.
pub fn lees_buitenkant(bytes: &[u8]) -> SyncResultaat<Buitenkant<'_>> {
    let kort = || SyncFout::Beschadigd("file is cut off".into());
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(SyncFout::Beschadigd("not a Schakel bundle".into()));
    }
    let mut pos = MAGIC.len();
    let mut neem = |n: usize| -> SyncResultaat<(&[u8], usize)> {
        let stuk = bytes.get(pos..pos.checked_add(n).ok_or_else(kort)?).ok_or_else(kort)?;
        pos += n;
        Ok((stuk, pos))
    };
    let versie = u16::from_be_bytes(neem(2)?.0.try_into().map_err(|_| kort())?);
    if !versie_leesbaar(versie) {
        return Err(SyncFout::OnbekendeVersie(versie));
    }
    let id_len = u16::from_be_bytes(neem(2)?.0.try_into().map_err(|_| kort())?) as usize;
    let afzender = String::from_utf8(neem(id_len)?.0.to_vec())
        .map_err(|_| SyncFout::Beschadigd("sender id is not text".into()))?;
    let lengte = u64::from_be_bytes(neem(8)?.0.try_into().map_err(|_| kort())?);
    if lengte > MAX_CIJFERTEKST {
        return Err(SyncFout::Beschadigd("ciphertext too large".into()));
    }
    let (cijfertekst, einde) = neem(lengte as usize)?;
    let (handtekening, eind) = neem(64)?;
    let handtekening: [u8; 64] = handtekening.try_into().map_err(|_| kort())?;
    if eind != bytes.len() {
        return Err(SyncFout::Beschadigd("data after the signature".into()));
    }
    Ok(Buitenkant { versie, afzender, cijfertekst, ondertekend: &bytes[..einde], handtekening })
}

/// Read a bundle file, refusing one larger than any valid bundle before reading it, and
/// anything that is not a regular file (`/dev/zero`, a pipe); the read itself is capped
/// too, in case the file grows while it is read.
pub fn lees_bundelbestand(pad: &std::path::Path) -> SyncResultaat<Vec<u8>> {
    use std::io::Read;
    const GRENS: u64 = MAX_CIJFERTEKST + 64 * 1024;
    let bestand = |fout| SyncFout::Bestand { pad: pad.to_path_buf(), fout };
    let meta = std::fs::metadata(pad).map_err(bestand)?;
    if !meta.is_file() {
        return Err(SyncFout::GeenBestand);
    }
    if meta.len() > GRENS {
        return Err(SyncFout::Beschadigd("file too large for a bundle".into()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(pad).map_err(bestand)?.take(GRENS + 1).read_to_end(&mut bytes).map_err(bestand)?;
    if bytes.len() as u64 > GRENS {
        return Err(SyncFout::Beschadigd("file too large for a bundle".into()));
    }
    Ok(bytes)
}

/// Result of an import.
#[derive(Debug, Clone)]
pub struct Import {
    /// The sender.
    pub afzender: Collega,
    /// The verified manifest.
    pub manifest: Manifest,
    /// What changed.
    pub toegepast: Toegepast,
}

/// Verify and apply a bundle. Any failure leaves the database untouched.
pub fn importeer(store: &mut Store, bytes: &[u8]) -> SyncResultaat<Import> {
    use std::io::Read;
    let ik = apparaat(store)?;
    let buiten = lees_buitenkant(bytes)?;
    if buiten.afzender == ik.id {
        return Err(SyncFout::EigenBundel);
    }
    let afzender =
        store.collega(&buiten.afzender)?.ok_or_else(|| SyncFout::OnbekendeAfzender(buiten.afzender.clone()))?;
    if afzender.verwijderd_op.is_some() {
        return Err(SyncFout::VerwijderdeAfzender(afzender.naam));
    }
    if afzender.bevestigd_op.is_none() {
        return Err(SyncFout::NietBevestigd(afzender.naam));
    }
    let vk = VerifyingKey::from_bytes(&afzender.ondertekening).map_err(|_| SyncFout::Handtekening("buiten"))?;
    vk.verify_strict(&[BUITEN_CONTEXT, buiten.ondertekend].concat(), &Signature::from_bytes(&buiten.handtekening))
        .map_err(|_| SyncFout::Handtekening("buiten"))?;
    let ontsleutelaar =
        age::Decryptor::new(buiten.cijfertekst).map_err(|e| SyncFout::Beschadigd(format!("age header: {e}")))?;
    let mut lezer = match ontsleutelaar.decrypt(std::iter::once(&ik.age as &dyn age::Identity)) {
        Ok(l) => l,
        Err(age::DecryptError::NoMatchingKeys) => return Err(SyncFout::NietVoorMij),
        Err(e) => return Err(SyncFout::Beschadigd(format!("age: {e}"))),
    };
    let mut binnen = Zeroizing::new(Vec::new());
    lezer.read_to_end(&mut binnen).map_err(|e| SyncFout::Beschadigd(format!("age payload: {e}")))?;
    if binnen.len() < 64 {
        return Err(SyncFout::Beschadigd("inner part too short".into()));
    }
    let (sig, payload) = binnen.split_at(64);
    let sig: [u8; 64] = sig.try_into().map_err(|_| SyncFout::Handtekening("binnen"))?;
    vk.verify_strict(&[BINNEN_CONTEXT, payload].concat(), &Signature::from_bytes(&sig))
        .map_err(|_| SyncFout::Handtekening("binnen"))?;
    let inhoud: Inhoud =
        serde_json::from_slice(payload).map_err(|e| SyncFout::Beschadigd(format!("inner content: {e}")))?;
    let m = &inhoud.manifest;
    if !versie_leesbaar(m.versie) {
        return Err(SyncFout::OnbekendeVersie(m.versie));
    }
    if m.versie != buiten.versie {
        return Err(SyncFout::Beschadigd("the manifest and the header name different formats".into()));
    }
    if m.afzender != afzender.apparaat {
        return Err(SyncFout::Handtekening("binnen"));
    }
    if !m.ontvangers.contains(&ik.id) {
        return Err(SyncFout::NietVoorMij);
    }
    if store.bundel_bekend(&m.bundel)? {
        return Err(SyncFout::AlIngelezen);
    }
    // The sender's own operations must lie inside what it vouches for; it cannot claim
    // to have sent less of its own log than it did, nor send outside its scope.
    for w in &inhoud.operaties {
        if w.apparaat == m.afzender
            && !team::heeft(&m.dekking, &w.apparaat, team::scope_van(w.casus_id.as_deref()), w.volgnummer)
        {
            return Err(SyncFout::Beschadigd(format!("operation {} outside its range", w.volgnummer)));
        }
        if let (Some(scope), Some(c)) = (&m.casussen, &w.casus_id)
            && !team::binnen_scope(c, scope)
        {
            return Err(SyncFout::Beschadigd(format!("operation {} outside the bundle's cases", w.volgnummer)));
        }
    }
    // Names are display only; the sender cannot rename a colleague on our roster.
    let namen: BTreeMap<String, String> =
        m.namen.iter().filter(|(a, _)| *a != &ik.id).map(|(a, n)| (a.clone(), n.chars().take(80).collect())).collect();
    let toegepast = store.ontvang(&inhoud.operaties, &m.bundel, &m.afzender, &m.dekking, &m.bezit, &namen)?;
    Ok(Import { afzender, manifest: inhoud.manifest, toegepast })
}

/// Per origin device: what was received and what is missing, for the status view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ontvangststatus {
    /// Device id.
    pub apparaat: String,
    /// Colleague's name, when on the roster.
    pub naam: Option<String>,
    /// Everything up to here received.
    pub doorlopend_tot: i64,
    /// Highest number received.
    pub hoogste: i64,
    /// Missing ranges.
    pub gaten: Vec<(i64, i64)>,
}

/// What was received from every device.
pub fn status(store: &Store) -> SyncResultaat<Vec<Ontvangststatus>> {
    let team = store.collegas()?;
    Ok(store
        .dekking()?
        .into_iter()
        .map(|d| Ontvangststatus {
            naam: team.iter().find(|c| c.apparaat == d.apparaat).map(|c| c.naam.clone()),
            doorlopend_tot: d.doorlopend_tot(),
            hoogste: d.hoogste(),
            gaten: d.gaten(),
            apparaat: d.apparaat,
        })
        .collect())
}

/// A conflict as shown in the window and the command line: its id, casus and Dutch
/// field label, and the competing values numbered from 1 (the one in use).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ConflictWeergave {
    /// Id to choose with (`schakel sync kies ID`); changes when the values change.
    pub id: String,
    /// Casusnummer of the casus the field belongs to, if any.
    pub casusnummer: Option<String>,
    /// The casus id.
    pub casus_id: Option<String>,
    /// "Werknaam van de casus".
    pub omschrijving: String,
    /// Table (for scripts).
    pub tabel: String,
    /// Field (for scripts).
    pub veld: String,
    /// Row id (for scripts).
    pub rij: String,
    /// The values, the one in use first.
    pub waarden: Vec<ConflictWaardeWeergave>,
}

/// One numbered value of a conflict.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ConflictWaardeWeergave {
    /// 1, 2, …
    pub nummer: usize,
    /// The value as text.
    pub waarde: String,
    /// Who wrote it.
    pub auteur: String,
    /// When (local time, dd-mm-jjjj uu:mm).
    pub tijdstip: String,
    /// The operation that wrote it.
    pub op: OpId,
}

/// Open conflicts for display, ordered by casusnummer, label and id (the same on every
/// device).
pub fn conflicten_weergave(store: &Store, casus: Option<&str>) -> SyncResultaat<Vec<ConflictWeergave>> {
    let mut uit = Vec::new();
    for c in store.conflicten(casus)? {
        let casusnummer = match &c.casus_id {
            Some(id) => store.casusnummer_van(id).ok(),
            None => None,
        };
        let waarden = c
            .waarden
            .iter()
            .enumerate()
            .map(|(i, w)| ConflictWaardeWeergave {
                nummer: i + 1,
                waarde: match &w.waarde {
                    serde_json::Value::String(t) => t.clone(),
                    serde_json::Value::Null => "(leeg)".into(),
                    ander => ander.to_string(),
                },
                auteur: auteur(store, &w.op),
                tijdstip: w
                    .tijdstip()
                    .map(|t| t.with_timezone(&chrono::Local).format("%d-%m-%Y %H:%M").to_string())
                    .unwrap_or_default(),
                op: w.op.clone(),
            })
            .collect();
        uit.push(ConflictWeergave {
            id: c.id(),
            omschrijving: crate::domain::velden::veld_omschrijving(&c.tabel, &c.veld),
            casusnummer,
            casus_id: c.casus_id.clone(),
            tabel: c.tabel.clone(),
            veld: c.veld.clone(),
            rij: c.rij.clone(),
            waarden,
        });
    }
    uit.sort_by(|a, b| (&a.casusnummer, &a.omschrijving, &a.id).cmp(&(&b.casusnummer, &b.omschrijving, &b.id)));
    Ok(uit)
}

/// Write a bundle file through the store's one atomic writer ([`crate::store::bestand`]):
/// a full USB stick or a pulled plug never leaves half a bundle under the real name.
/// Without `overschrijven` an existing file is refused.
pub fn schrijf_bundel(pad: &std::path::Path, bytes: &[u8], overschrijven: bool) -> SyncResultaat<()> {
    use crate::store::bestand::{Overschrijven, schrijf};
    let modus = if overschrijven { Overschrijven::Ja } else { Overschrijven::Nee };
    schrijf(pad, bytes, modus).map_err(|e| match e {
        StoreFout::BestandBestaat(p) => SyncFout::BestandBestaat(p),
        StoreFout::Io(fout) => SyncFout::Bestand { pad: pad.to_path_buf(), fout },
        ander => SyncFout::Store(ander),
    })
}

/// A conflict value's author, for display: own device, a colleague, or the device id.
pub fn auteur(store: &Store, op: &OpId) -> String {
    match store.apparaat_naam(&op.apparaat) {
        Ok(Some(n)) => n,
        _ => op.apparaat.chars().take(8).collect(),
    }
}

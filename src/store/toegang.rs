//! Creating and unlocking a data dir: the key flow shared by the CLI and the window.

use super::herstel::{self, Herstelcode};
use super::sleutel::{self, DbSleutel, SleutelBestand, SleutelBron};
use super::{Gebruiker, Gegevensmap, Resultaat, Store, StoreFout};

/// How a new installation keeps its key.
#[derive(Clone)]
pub enum Sleutelkeuze {
    /// In the OS keychain; falls back to a passphrase only when the caller says so.
    Sleutelbos,
    /// In a key file wrapped with this passphrase.
    Wachtwoord(zeroize::Zeroizing<String>),
}

impl std::fmt::Debug for Sleutelkeuze {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Sleutelkeuze::Sleutelbos => f.write_str("Sleutelbos"),
            Sleutelkeuze::Wachtwoord(_) => f.write_str("Wachtwoord(***)"),
        }
    }
}

/// The keychain account of key generation `generatie` of an installation.
pub fn sleutelbos_account(installatie: &str, generatie: u32) -> String {
    account(installatie, generatie)
}

fn account(installatie: &str, generatie: u32) -> String {
    if generatie == 0 { format!("db-{installatie}") } else { format!("db-{installatie}-{generatie}") }
}

/// Create key and database in a new data dir. The key file is written before the
/// database, so a database never exists without its key.
pub fn initialiseer(map: &Gegevensmap, keuze: &Sleutelkeuze, gebruiker: &Gebruiker) -> Resultaat<(Store, SleutelBron)> {
    initialiseer_intern(map, keuze, gebruiker, false).map(|(s, b, _)| (s, b))
}

/// [`initialiseer`], and make the herstelsleutel: a recovery code (to be shown once) that
/// unwraps a copy of the database key kept in `herstel.json` next to the database.
pub fn initialiseer_met_herstel(
    map: &Gegevensmap,
    keuze: &Sleutelkeuze,
    gebruiker: &Gebruiker,
) -> Resultaat<(Store, SleutelBron, Herstelcode)> {
    let (s, b, c) = initialiseer_intern(map, keuze, gebruiker, true)?;
    let c = c.ok_or(StoreFout::GeenHerstelsleutel)?;
    Ok((s, b, c))
}

fn initialiseer_intern(
    map: &Gegevensmap,
    keuze: &Sleutelkeuze,
    gebruiker: &Gebruiker,
    met_herstel: bool,
) -> Resultaat<(Store, SleutelBron, Option<Herstelcode>)> {
    if map.is_geinitialiseerd() {
        return Err(StoreFout::BestaatAl(map.pad().to_path_buf()));
    }
    if let Sleutelkeuze::Wachtwoord(w) = keuze
        && w.chars().count() < sleutel::MIN_WACHTWOORD_LENGTE
    {
        return Err(StoreFout::WachtwoordTeKort(sleutel::MIN_WACHTWOORD_LENGTE));
    }
    super::maak_prive_map(map.pad())?;
    let installatie = uuid::Uuid::new_v4().to_string();
    let db_sleutel = DbSleutel::nieuw();
    let bestand = match keuze {
        Sleutelkeuze::Sleutelbos => {
            sleutel::sleutelbos_bewaar(&account(&installatie, 0), &db_sleutel)?;
            SleutelBestand::sleutelbos(&installatie)
        }
        Sleutelkeuze::Wachtwoord(w) => SleutelBestand::wachtwoord(&installatie, &db_sleutel, w)?,
    };
    bestand.schrijf(map.pad())?;
    let store = Store::maak(map, &db_sleutel, gebruiker)?;
    let code = if met_herstel { Some(herstel::maak(map, &installatie, 0, &db_sleutel)?) } else { None };
    Ok((store, bestand.bron, code))
}

/// Where the key of an existing data dir lives (to know whether to ask a passphrase).
pub fn sleutelbron(map: &Gegevensmap) -> Resultaat<SleutelBron> {
    if !map.db_pad().exists() {
        return Err(if map.sleutel_pad().exists() {
            StoreFout::DatabaseOntbreekt(map.db_pad())
        } else {
            StoreFout::NietGeinitialiseerd
        });
    }
    Ok(SleutelBestand::lees(map.pad())?.bron)
}

/// The current key of a data dir.
fn huidige_sleutel(bestand: &SleutelBestand, wachtwoord: Option<&str>) -> Resultaat<DbSleutel> {
    match bestand.bron {
        SleutelBron::Sleutelbos => sleutel::sleutelbos_haal(&account(&bestand.installatie, bestand.generatie)),
        SleutelBron::Wachtwoord => bestand.ontgrendel(wachtwoord.ok_or(StoreFout::GeenWachtwoord)?),
    }
}

/// The next key of a rotation in progress.
fn volgende_sleutel(bestand: &SleutelBestand, wachtwoord: Option<&str>) -> Resultaat<Option<DbSleutel>> {
    let Some(v) = &bestand.volgende else { return Ok(None) };
    Ok(Some(match bestand.bron {
        SleutelBron::Sleutelbos => sleutel::sleutelbos_haal(&account(&bestand.installatie, v.generatie))?,
        SleutelBron::Wachtwoord => bestand.ontgrendel_volgende(wachtwoord.ok_or(StoreFout::GeenWachtwoord)?)?,
    }))
}

/// Unlock and open an existing data dir. `wachtwoord` is needed for a key file.
///
/// Finishes or undoes a key rotation that a crash interrupted: when the database opens
/// with the current key, the swap did not happen and the half-made copy and the next key
/// are dropped; when only the next key opens it, the swap happened and the key file is
/// brought up to date.
pub fn ontgrendel(map: &Gegevensmap, wachtwoord: Option<&str>) -> Resultaat<Store> {
    sleutelbron(map)?;
    let mut bestand = SleutelBestand::lees(map.pad())?;
    let huidig = huidige_sleutel(&bestand, wachtwoord)?;
    match Store::open(map, &huidig) {
        Ok(store) => {
            if map.nieuw_pad().exists() {
                std::fs::remove_file(map.nieuw_pad())?;
            }
            if let Some(v) = bestand.volgende.take() {
                bestand.schrijf(map.pad())?;
                if bestand.bron == SleutelBron::Sleutelbos {
                    sleutel::sleutelbos_wis(&account(&bestand.installatie, v.generatie));
                }
                // Best effort: a stale recovery copy holds a key that opens no file.
                let _ = herstel::houd_alleen(map, bestand.generatie);
            }
            // Copies of a replaced database have a short term (best effort).
            let _ = super::reservekopie::vervangen_opruimen(map.pad(), chrono::Local::now().date_naive());
            Ok(store)
        }
        Err(StoreFout::VerkeerdeSleutel) if bestand.volgende.is_some() => {
            let Some(nieuw) = volgende_sleutel(&bestand, wachtwoord)? else { return Err(StoreFout::VerkeerdeSleutel) };
            let store = Store::open(map, &nieuw)?;
            rond_rotatie_af(map, &mut bestand)?;
            Ok(store)
        }
        Err(e) => Err(e),
    }
}

/// After the swap: the next key becomes the current one.
fn rond_rotatie_af(map: &Gegevensmap, bestand: &mut SleutelBestand) -> Resultaat<()> {
    let Some(v) = bestand.volgende.take() else { return Ok(()) };
    let oude_generatie = bestand.generatie;
    bestand.generatie = v.generatie;
    if bestand.bron == SleutelBron::Wachtwoord {
        bestand.verpakt = v.verpakt;
    }
    bestand.schrijf(map.pad())?;
    if bestand.bron == SleutelBron::Sleutelbos {
        sleutel::sleutelbos_wis(&account(&bestand.installatie, oude_generatie));
    }
    // Best effort: a stale recovery copy holds the old key, which opens no file any more.
    let _ = herstel::houd_alleen(map, bestand.generatie);
    Ok(())
}

/// The steps of a key rotation, reported as each completes (tests stop the process at
/// each one to prove that a crash anywhere leaves a database that opens).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RotatieStap {
    /// The re-encrypted copy is written and flushed.
    Gekopieerd,
    /// The copy opens with the new key and passes the integrity check.
    Gecontroleerd,
    /// The new key is stored next to the old one (key file / keychain).
    SleutelKlaargezet,
    /// The old database is checkpointed and closed.
    OudGesloten,
    /// The copy replaced the old file (atomic rename).
    Verwisseld,
    /// The key file names only the new key.
    Afgerond,
}

impl RotatieStap {
    /// Every step, in order.
    pub const ALLE: [RotatieStap; 6] = [
        RotatieStap::Gekopieerd,
        RotatieStap::Gecontroleerd,
        RotatieStap::SleutelKlaargezet,
        RotatieStap::OudGesloten,
        RotatieStap::Verwisseld,
        RotatieStap::Afgerond,
    ];
}

/// Replace the database key ("Sleutel vervangen"): re-encrypt into a new file with a
/// fresh key and swap it in atomically. `wachtwoord` is the current passphrase in
/// passphrase mode (the new key is wrapped with it). `store` is reopened on the new key;
/// if a step after closing it fails, it is reopened on whichever file is in place.
pub fn sleutel_roteer(
    map: &Gegevensmap,
    store: &mut Store,
    wachtwoord: Option<&str>,
    na_stap: impl FnMut(RotatieStap),
) -> Resultaat<()> {
    let mut gesloten = false;
    let r = roteer(map, store, wachtwoord, na_stap, &mut gesloten);
    if r.is_err() && gesloten {
        // Whatever happened, the open call finishes or undoes the swap.
        if let Ok(s) = ontgrendel(map, wachtwoord) {
            *store = s;
        }
    }
    r
}

fn roteer(
    map: &Gegevensmap,
    store: &mut Store,
    wachtwoord: Option<&str>,
    mut na_stap: impl FnMut(RotatieStap),
    gesloten: &mut bool,
) -> Resultaat<()> {
    let mut bestand = SleutelBestand::lees(map.pad())?;
    // The passphrase must be the right one before anything is written.
    drop(huidige_sleutel(&bestand, wachtwoord)?);
    // A rotation that never reached the swap (the open would have finished one that did).
    bestand.volgende = None;
    let nieuw = DbSleutel::nieuw();
    let pad = map.nieuw_pad();
    // Wrapping the new key with the passphrase (Argon2id, a few tenths of a second) does
    // not depend on the copy, so it runs on another core while the pages are copied and
    // checked; it is used only once the copy passed.
    let (gekopieerd, verpakt) = std::thread::scope(|sc| {
        let inpakken = (bestand.bron == SleutelBron::Wachtwoord).then(|| {
            sc.spawn(|| sleutel::verpak(&bestand.installatie, &nieuw, wachtwoord.ok_or(StoreFout::GeenWachtwoord)?))
        });
        let gekopieerd = kopieer_en_controleer(store, &pad, &nieuw, &mut na_stap);
        let verpakt = inpakken
            .map(|h| h.join().unwrap_or_else(|_| Err(StoreFout::Migratie("wrapping the new key failed".into()))))
            .transpose();
        (gekopieerd, verpakt)
    });
    gekopieerd?;
    let verpakt = match verpakt {
        Ok(v) => v,
        Err(e) => {
            let _ = std::fs::remove_file(&pad);
            return Err(e);
        }
    };
    let generatie = bestand.generatie + 1;
    if bestand.bron == SleutelBron::Sleutelbos {
        sleutel::sleutelbos_bewaar(&account(&bestand.installatie, generatie), &nieuw)?;
    }
    // The recovery copy of the new key is ready before the swap, like the key itself.
    herstel::voeg_toe(map, generatie, &nieuw)?;
    bestand.volgende = Some(sleutel::VolgendeSleutel { generatie, verpakt });
    bestand.schrijf(map.pad())?;
    na_stap(RotatieStap::SleutelKlaargezet);
    *gesloten = true;
    store.sluit_voor_wissel()?;
    for bijbestand in ["schakel.db-wal", "schakel.db-shm"] {
        let p = map.pad().join(bijbestand);
        if p.exists() {
            std::fs::remove_file(p)?;
        }
    }
    na_stap(RotatieStap::OudGesloten);
    std::fs::rename(&pad, map.db_pad())?;
    if let Ok(d) = std::fs::File::open(map.pad()) {
        d.sync_all()?;
    }
    na_stap(RotatieStap::Verwisseld);
    rond_rotatie_af(map, &mut bestand)?;
    na_stap(RotatieStap::Afgerond);
    *store = Store::open(map, &nieuw)?;
    Ok(())
}

/// Copy the open database into `pad` under key `nieuw`, then check the copy: every page of
/// the source is in it, it opens with the new key and every page's HMAC holds (see
/// `Store::controleer_paginakopie` for why that suffices). A copy that fails, or whose
/// check cannot be run, is removed.
fn kopieer_en_controleer(
    store: &mut Store,
    pad: &std::path::Path,
    nieuw: &DbSleutel,
    na_stap: &mut impl FnMut(RotatieStap),
) -> Resultaat<()> {
    let r = (|| {
        let lengte = store.kopieer_versleuteld(pad, nieuw)?;
        na_stap(RotatieStap::Gekopieerd);
        let echt = std::fs::metadata(pad)?.len();
        let mut controle = Store::open_bestand(pad, nieuw)?;
        let mut problemen = controle.controleer_paginakopie()?;
        if echt != lengte {
            problemen.push(format!("the copy has {echt} bytes, the database {lengte}"));
        }
        if !problemen.is_empty() {
            return Err(StoreFout::Migratie(format!("re-encrypted copy failed its check: {}", problemen.join("; "))));
        }
        controle.sluit_voor_wissel()
    })();
    if r.is_err() {
        let _ = std::fs::remove_file(pad);
        return r;
    }
    na_stap(RotatieStap::Gecontroleerd);
    Ok(())
}

/// Change the passphrase of a key file: the key is unwrapped with the old passphrase and
/// wrapped again with the new one. The database itself is not touched.
pub fn wachtwoord_wijzigen(map: &Gegevensmap, oud: &str, nieuw: &str) -> Resultaat<()> {
    let mut bestand = SleutelBestand::lees(map.pad())?;
    if bestand.bron != SleutelBron::Wachtwoord {
        return Err(StoreFout::GeenWachtwoordbestand);
    }
    let sleutel = bestand.ontgrendel(oud)?;
    let volgende = match &bestand.volgende {
        Some(_) => Some(bestand.ontgrendel_volgende(oud)?),
        None => None,
    };
    bestand.verpakt = Some(sleutel::verpak(&bestand.installatie, &sleutel, nieuw)?);
    if let (Some(v), Some(k)) = (bestand.volgende.as_mut(), volgende) {
        v.verpakt = Some(sleutel::verpak(&bestand.installatie, &k, nieuw)?);
    }
    bestand.schrijf(map.pad())
}

/// Where [`herstel_met_code`] puts the recovered key.
#[derive(Clone)]
pub enum Herstelbestemming {
    /// Back into the OS keychain.
    Sleutelbos,
    /// Into the key file, wrapped with this new passphrase.
    Wachtwoord(zeroize::Zeroizing<String>),
}

impl std::fmt::Debug for Herstelbestemming {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Herstelbestemming::Sleutelbos => f.write_str("Sleutelbos"),
            Herstelbestemming::Wachtwoord(_) => f.write_str("Wachtwoord(***)"),
        }
    }
}

/// Restore access with the herstelsleutel: the code unwraps the recovery copy of the key,
/// the copy that opens the database is put back (keychain, or key file with a new
/// passphrase) and the store is returned open. A wrong code, or a new passphrase that is
/// too short, changes nothing.
pub fn herstel_met_code(map: &Gegevensmap, code: &Herstelcode, doel: &Herstelbestemming) -> Resultaat<Store> {
    sleutelbron(map)?;
    let mut bestand = SleutelBestand::lees(map.pad())?;
    if let Herstelbestemming::Wachtwoord(w) = doel
        && w.chars().count() < sleutel::MIN_WACHTWOORD_LENGTE
    {
        return Err(StoreFout::WachtwoordTeKort(sleutel::MIN_WACHTWOORD_LENGTE));
    }
    let mut gevonden = None;
    for (generatie, k) in herstel::open(map, code)? {
        match Store::open(map, &k) {
            Ok(store) => {
                gevonden = Some((generatie, k, store));
                break;
            }
            Err(StoreFout::VerkeerdeSleutel) => continue,
            Err(e) => return Err(e),
        }
    }
    let (generatie, k, store) = gevonden.ok_or(StoreFout::VerkeerdeHerstelsleutel)?;
    match doel {
        Herstelbestemming::Sleutelbos => {
            sleutel::sleutelbos_bewaar(&account(&bestand.installatie, generatie), &k)?;
            bestand.bron = SleutelBron::Sleutelbos;
            bestand.verpakt = None;
        }
        Herstelbestemming::Wachtwoord(w) => {
            bestand.verpakt = Some(sleutel::verpak(&bestand.installatie, &k, w)?);
            bestand.bron = SleutelBron::Wachtwoord;
        }
    }
    bestand.generatie = generatie;
    bestand.volgende = None;
    bestand.schrijf(map.pad())?;
    let _ = herstel::houd_alleen(map, generatie);
    if map.nieuw_pad().exists() {
        let _ = std::fs::remove_file(map.nieuw_pad());
    }
    Ok(store)
}

/// Make a new herstelsleutel for an existing data dir (one made before this feature, after
/// a restore, or when the code is lost); the earlier code then opens nothing. Asks the
/// same confirmation as unlocking (passphrase or keychain).
pub fn herstelsleutel_vernieuwen(map: &Gegevensmap, wachtwoord: Option<&str>) -> Resultaat<Herstelcode> {
    let (bestand, k) = bevestigde_sleutel(map, wachtwoord)?;
    herstel::maak(map, &bestand.installatie, bestand.generatie, &k)
}

/// The raw database key, after the passphrase or the keychain confirmed the user and the
/// key was shown to open the database (for IT: a SQLCipher 4 shell opens the file with it).
pub fn databasesleutel(map: &Gegevensmap, wachtwoord: Option<&str>) -> Resultaat<DbSleutel> {
    bevestigde_sleutel(map, wachtwoord).map(|(_, k)| k)
}

fn bevestigde_sleutel(map: &Gegevensmap, wachtwoord: Option<&str>) -> Resultaat<(SleutelBestand, DbSleutel)> {
    // Opening finishes an interrupted rotation, so the key file is current afterwards.
    drop(ontgrendel(map, wachtwoord)?);
    let bestand = SleutelBestand::lees(map.pad())?;
    let k = huidige_sleutel(&bestand, wachtwoord)?;
    Ok((bestand, k))
}

//! Creating and unlocking a data dir: the key flow shared by the CLI and the window.

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

fn account(installatie: &str, generatie: u32) -> String {
    if generatie == 0 { format!("db-{installatie}") } else { format!("db-{installatie}-{generatie}") }
}

/// Create key and database in a new data dir. The key file is written before the
/// database, so a database never exists without its key.
pub fn initialiseer(map: &Gegevensmap, keuze: &Sleutelkeuze, gebruiker: &Gebruiker) -> Resultaat<(Store, SleutelBron)> {
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
    Ok((store, bestand.bron))
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
            }
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
    store.kopieer_versleuteld(&pad, &nieuw)?;
    na_stap(RotatieStap::Gekopieerd);
    {
        let mut controle = Store::open_bestand(&pad, &nieuw)?;
        let problemen = controle.integriteit()?;
        if !problemen.is_empty() {
            drop(controle);
            let _ = std::fs::remove_file(&pad);
            return Err(StoreFout::Migratie(format!("re-encrypted copy failed its check: {}", problemen.join("; "))));
        }
        controle.sluit_voor_wissel()?;
    }
    na_stap(RotatieStap::Gecontroleerd);
    let generatie = bestand.generatie + 1;
    let verpakt = match bestand.bron {
        SleutelBron::Sleutelbos => {
            sleutel::sleutelbos_bewaar(&account(&bestand.installatie, generatie), &nieuw)?;
            None
        }
        SleutelBron::Wachtwoord => {
            Some(sleutel::verpak(&bestand.installatie, &nieuw, wachtwoord.ok_or(StoreFout::GeenWachtwoord)?)?)
        }
    };
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

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

fn account(installatie: &str) -> String {
    format!("db-{installatie}")
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
            sleutel::sleutelbos_bewaar(&account(&installatie), &db_sleutel)?;
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

/// Unlock and open an existing data dir. `wachtwoord` is needed for a key file.
pub fn ontgrendel(map: &Gegevensmap, wachtwoord: Option<&str>) -> Resultaat<Store> {
    sleutelbron(map)?;
    let bestand = SleutelBestand::lees(map.pad())?;
    let db_sleutel = match bestand.bron {
        SleutelBron::Sleutelbos => sleutel::sleutelbos_haal(&account(&bestand.installatie))?,
        SleutelBron::Wachtwoord => bestand.ontgrendel(wachtwoord.ok_or(StoreFout::GeenWachtwoord)?)?,
    };
    Store::open(map, &db_sleutel)
}

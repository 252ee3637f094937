//! Encrypted local store: SQLCipher connection, key handling, migrations, queries,
//! audit log and change log. All SQL of Schakel lives below this module.

mod advies;
mod audit;
pub mod bestand;
mod bewaren;
mod bezoek;
mod casus;
mod compacteren;
mod detentiemelding;
pub mod herstel;
mod inzage;
pub mod kengetallen;
mod koppeling;
mod medewerker;
mod notitie;
mod opschaling;
mod overleg;
mod partner;
mod plan;
mod rapport;
mod reservekopie;
mod samenvoegen;
mod schrijven;
pub mod sleutel;
pub mod team;
mod toegang;
mod uitvoer;
mod zoek;

pub use advies::*;
pub use audit::{AuditControle, AuditRegel};
pub use bewaren::{
    Bewaarstatus, Bewaartermijn, MAX_BEWAARTERMIJN_MAANDEN, STANDAARD_BEWAARTERMIJN_MAANDEN, Vernietiging,
};
pub use bezoek::{BezochtePersoon, BezoekDetail, BezoekRegel, Kandidaat, MeldingNotitie, NieuwBezoek};
pub use casus::*;
pub use compacteren::Ruimte;
pub use detentiemelding::{
    Aanbod, MELDING_BEWAARTERMIJN_MAANDEN, MeldingBewaarstatus, MeldingBron, MeldingCijfers, MeldingDetail,
    MeldingKengetallen, MeldingRegel, MeldingWijziging, NieuweMelding, bereken_meldingen,
};
pub use herstel::Herstelcode;
pub use inzage::{
    AuditExportRegel, AuditFilter, Inzage, InzageCasus, InzageMelding, InzagePersoon, InzageVraag, Ontvangst, Rij,
};
pub use kengetallen::{CasusCijfers, Kengetallen, Telling};
pub use koppeling::Koppeling;
pub use medewerker::{MIJN_MEDEWERKER, MedewerkerWijziging, Toewijzing};
pub use notitie::JournaalWijziging;
pub use opschaling::*;
pub use overleg::*;
pub use partner::*;
pub use plan::*;
pub use rapport::*;
pub use reservekopie::{
    BackupKop, Herstel, VERVANGEN_TERMIJN_DAGEN, VervangenKopie, backup_controleer, backup_herstel, lees_kop,
    vervangen_kopie_verwijder, vervangen_kopieen, vervangen_opruimen,
};
pub use samenvoegen::{Conflict, ConflictWaarde, Toegepast};
pub use schrijven::{OpId, Wijziging};
pub use team::{Bezit, Collega, Dekking, RuweIdentiteit};
pub use toegang::{
    Herstelbestemming, RotatieStap, Sleutelkeuze, databasesleutel, herstel_met_code, herstelsleutel_vernieuwen,
    initialiseer, initialiseer_met_herstel, ontgrendel, sleutel_roteer, sleutelbos_account, sleutelbron,
    wachtwoord_wijzigen,
};
pub use uitvoer::Uitvoer;
pub use zoek::{RANG_VENSTER, Zoektreffer, fts_query};

use crate::domain::DomeinFout;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use rusqlite_migration::{M, Migrations};
use sleutel::DbSleutel;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Errors of the store layer. Dutch text for users is made at the UI edge (`crate::melding`).
#[derive(Debug, Error)]
pub enum StoreFout {
    /// The key does not open the database (or the file is not a Schakel database).
    #[error("wrong key or not a database")]
    VerkeerdeSleutel,
    /// The passphrase does not unwrap the key file.
    #[error("wrong passphrase")]
    VerkeerdWachtwoord,
    /// A new passphrase is too short.
    #[error("passphrase shorter than {0} characters")]
    WachtwoordTeKort(usize),
    /// No passphrase could be obtained (no terminal, no environment variable).
    #[error("no passphrase available")]
    GeenWachtwoord,
    /// The data dir has no key file / database yet.
    #[error("data dir not initialised")]
    NietGeinitialiseerd,
    /// A key file exists but the database is missing: never recreate it silently.
    #[error("database file missing: {0}")]
    DatabaseOntbreekt(PathBuf),
    /// The database file is empty (0 bytes): never filled anew.
    #[error("database file is empty: {0}")]
    DatabaseLeeg(PathBuf),
    /// `init` on a data dir that already holds a database or key.
    #[error("a database already exists in {0}")]
    BestaatAl(PathBuf),
    /// The database was written by a newer version of Schakel.
    #[error("database schema {db} is newer than this app ({app})")]
    NieuwereVersie {
        /// Schema version in the file.
        db: i64,
        /// Newest schema this app knows.
        app: i64,
    },
    /// The key file cannot be read or is malformed.
    #[error("key file: {0}")]
    Sleutelbestand(String),
    /// A backup file is not one, is damaged, or has an unknown version.
    #[error("backup file: {0}")]
    Backupbestand(String),
    /// The key is in the OS keychain, so there is no passphrase to change.
    #[error("key is in the keychain")]
    GeenWachtwoordbestand,
    /// The OS keychain refused or is absent.
    #[error("keychain: {0}")]
    Sleutelbos(String),
    /// The OS keychain answers but holds no entry for this database (new login, reset or
    /// lost keyring): the herstelsleutel restores access.
    #[error("keychain holds no key for this database")]
    SleutelbosLeeg,
    /// The recovery code does not unwrap the recovery copy of the key.
    #[error("wrong recovery code")]
    VerkeerdeHerstelsleutel,
    /// This data dir has no recovery copy of the key (`herstel.json`).
    #[error("no recovery copy of the key")]
    GeenHerstelsleutel,
    /// A file that must not be overwritten already exists (an export, or
    /// [`bestand::Overschrijven::Nee`]): refused.
    #[error("file exists: {0}")]
    BestandBestaat(PathBuf),
    /// An inzageverzoek matches more than one person: the officer chooses one.
    #[error("{} persons match", .0.len())]
    MeerderePersonen(Vec<InzagePersoon>),
    /// A referenced casus does not exist.
    #[error("casus not found: {0}")]
    CasusOnbekend(String),
    /// A referenced record does not exist.
    #[error("{tabel} not found: {id}")]
    Onbekend {
        /// Table.
        tabel: &'static str,
        /// Id or name asked for.
        id: String,
    },
    /// A list entry is archived and cannot be chosen for a new record.
    #[error("{tabel} archived: {naam}")]
    Gearchiveerd {
        /// Table.
        tabel: &'static str,
        /// Name of the entry.
        naam: String,
    },
    /// A received change-log operation does not fit the schema (wrong value type, a
    /// malformed name, or a row that cannot be stored).
    #[error("invalid operation: {0}")]
    OngeldigeOperatie(String),
    /// An operation's value lives in its row (schema 21) but the row no longer holds it:
    /// a bug in the write path, reported instead of sending or applying a wrong value.
    #[error("change log and row disagree: {0}")]
    WaardeNietInRij(String),
    /// A row with a derived id (the same on every device) was deleted: it cannot be
    /// created again under that id, since colleagues keep applying its tombstone.
    #[error("{tabel} {id} was deleted and cannot be created again")]
    Verwijderd {
        /// Table.
        tabel: &'static str,
        /// Row id.
        id: String,
    },
    /// A received operation names a table or field this version does not know, most
    /// likely because the sender runs a newer Schakel. Nothing of the bundle is applied
    /// (and nothing acknowledged), so it can be read again after an update.
    #[error("unknown data in a bundle: {naam}")]
    OnbekendeGegevens {
        /// `tabel` or `tabel.veld`.
        naam: String,
    },
    /// A closed meeting's minutes are read-only.
    #[error("meeting is closed")]
    OverlegGesloten,
    /// Corrections are for closed meetings; an open one is edited directly.
    #[error("meeting is not closed")]
    OverlegNietGesloten,
    /// A list already has an entry with this name.
    #[error("{tabel} already has {naam}")]
    NaamBestaatAl {
        /// The list.
        tabel: &'static str,
        /// The name.
        naam: String,
    },
    /// A weging outcome is decided at a weegtafel, not at another kind of meeting.
    #[error("meeting is not a weegtafel")]
    GeenWeegtafel,
    /// An agenda item whose decision already made actions stays on the agenda.
    #[error("agenda item has actions")]
    AgendapuntMetActies,
    /// A domain rule refused the change.
    #[error(transparent)]
    Domein(#[from] DomeinFout),
    /// Migration failure.
    #[error("migration: {0}")]
    Migratie(String),
    /// Any other SQLite error.
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    /// File system error.
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    /// An abbreviated id matches more than one record.
    #[error("{id} matches {aantal} records of {tabel}")]
    Dubbelzinnig {
        /// Record kind.
        tabel: &'static str,
        /// What was typed.
        id: String,
        /// How many match.
        aantal: usize,
    },
    /// No open conflict has this id (any more): its values changed or it was resolved.
    #[error("conflict {0} changed or resolved")]
    ConflictVeranderd(String),
    /// A conflict has no value with this number.
    #[error("conflict has {aantal} values, not {nummer}")]
    GeenConflictwaarde {
        /// The number asked for.
        nummer: usize,
        /// How many values the conflict has.
        aantal: usize,
    },
}

impl From<crate::domain::MeldingFout> for StoreFout {
    fn from(f: crate::domain::MeldingFout) -> Self {
        StoreFout::Domein(DomeinFout::Melding(f))
    }
}

impl From<crate::domain::FaseFout> for StoreFout {
    fn from(f: crate::domain::FaseFout) -> Self {
        StoreFout::Domein(DomeinFout::Fase(f))
    }
}

/// Result alias of the store.
pub type Resultaat<T> = Result<T, StoreFout>;

/// The numbered migrations in `migrations/`, applied in order in one transaction each.
pub fn migraties() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../../migrations/0001_basis.sql")),
        M::up(include_str!("../../migrations/0002_sync.sql")),
        M::up(include_str!("../../migrations/0003_privacy.sql")),
        M::up(include_str!("../../migrations/0004_sync_scope.sql")),
        M::up(include_str!("../../migrations/0005_verstrekking.sql")),
        M::up(include_str!("../../migrations/0006_zoeken_bord.sql")),
        // The names become medewerkers through the change log, written by today's code,
        // which needs today's schema: so only noted here and done after the last migration.
        M::up_with_hook(include_str!("../../migrations/0007_medewerker.sql"), |tx: &rusqlite::Transaction| {
            tx.execute(
                "INSERT OR REPLACE INTO instelling(sleutel, waarde) VALUES (?1, '1')",
                [instelling::NAMEN_MIGREREN],
            )?;
            Ok(())
        }),
        M::up(include_str!("../../migrations/0008_bewerken.sql")),
        M::up(include_str!("../../migrations/0009_compactie.sql")),
        M::up(include_str!("../../migrations/0010_algemeen_agendapunt.sql")),
        M::up(include_str!("../../migrations/0011_kleine_wijzigingslog.sql")),
        M::up(include_str!("../../migrations/0012_adviesvraag.sql")),
        M::up(include_str!("../../migrations/0013_detentiemelding.sql")),
        M::up(include_str!("../../migrations/0014_koppeling.sql")),
        M::up(include_str!("../../migrations/0015_bezoekdag.sql")),
        M::up(include_str!("../../migrations/0016_snelle_import.sql")),
        M::up(include_str!("../../migrations/0017_kleine_audit.sql")),
        M::up(include_str!("../../migrations/0018_actie_per_agendapunt.sql")),
        M::up(include_str!("../../migrations/0019_koppen_zonder_klok.sql")),
        M::up(include_str!("../../migrations/0020_zoekrij_zonder_casusindex.sql")),
        M::up(include_str!("../../migrations/0021_waarden_in_de_rij.sql")),
        M::up(include_str!("../../migrations/0022_kleine_zoektabellen.sql")),
        M::up(include_str!("../../migrations/0023_aanmaak_per_rij.sql")),
    ])
}

/// The first `n` migrations in order (upgrade tests start from such a database; 0007
/// without its name hook, so insert test data only after).
#[cfg(test)]
fn migraties_tot(n: usize) -> Vec<M<'static>> {
    let alle = [
        include_str!("../../migrations/0001_basis.sql"),
        include_str!("../../migrations/0002_sync.sql"),
        include_str!("../../migrations/0003_privacy.sql"),
        include_str!("../../migrations/0004_sync_scope.sql"),
        include_str!("../../migrations/0005_verstrekking.sql"),
        include_str!("../../migrations/0006_zoeken_bord.sql"),
        include_str!("../../migrations/0007_medewerker.sql"),
        include_str!("../../migrations/0008_bewerken.sql"),
        include_str!("../../migrations/0009_compactie.sql"),
        include_str!("../../migrations/0010_algemeen_agendapunt.sql"),
        include_str!("../../migrations/0011_kleine_wijzigingslog.sql"),
        include_str!("../../migrations/0012_adviesvraag.sql"),
        include_str!("../../migrations/0013_detentiemelding.sql"),
        include_str!("../../migrations/0014_koppeling.sql"),
        include_str!("../../migrations/0015_bezoekdag.sql"),
        include_str!("../../migrations/0016_snelle_import.sql"),
        include_str!("../../migrations/0017_kleine_audit.sql"),
        include_str!("../../migrations/0018_actie_per_agendapunt.sql"),
        include_str!("../../migrations/0019_koppen_zonder_klok.sql"),
        include_str!("../../migrations/0020_zoekrij_zonder_casusindex.sql"),
        include_str!("../../migrations/0021_waarden_in_de_rij.sql"),
        include_str!("../../migrations/0022_kleine_zoektabellen.sql"),
        include_str!("../../migrations/0023_aanmaak_per_rij.sql"),
    ];
    alle.into_iter().take(n).map(M::up).collect()
}

/// Newest schema version this build knows.
pub fn schema_versie_app() -> i64 {
    // One entry per file in migrations/.
    23
}

/// A data directory: `schakel.db` plus `sleutel.json`.
#[derive(Debug, Clone)]
pub struct Gegevensmap {
    pad: PathBuf,
}

impl Gegevensmap {
    /// A data dir at `pad`.
    pub fn new(pad: impl Into<PathBuf>) -> Gegevensmap {
        Gegevensmap { pad: pad.into() }
    }

    /// The platform's data dir (`~/.local/share/schakel` on Linux).
    pub fn standaard() -> Option<Gegevensmap> {
        directories::ProjectDirs::from("nl", "ZVH", "Schakel").map(|d| Gegevensmap::new(d.data_dir()))
    }

    /// The folder.
    pub fn pad(&self) -> &Path {
        &self.pad
    }

    /// The database file.
    pub fn db_pad(&self) -> PathBuf {
        self.pad.join("schakel.db")
    }

    /// A re-encrypted copy being written during key rotation (removed at the next open
    /// when the swap did not happen).
    pub fn nieuw_pad(&self) -> PathBuf {
        self.pad.join("schakel.db.nieuw")
    }

    /// The key file.
    pub fn sleutel_pad(&self) -> PathBuf {
        sleutel::SleutelBestand::pad(&self.pad)
    }

    /// Is there anything (key or database) in this dir?
    pub fn is_geinitialiseerd(&self) -> bool {
        self.db_pad().exists() || self.sleutel_pad().exists()
    }
}

/// Write a file atomically, replacing it (see [`bestand::schrijf`]).
pub(crate) fn schrijf_atomair(pad: &Path, inhoud: &[u8]) -> Resultaat<()> {
    bestand::schrijf(pad, inhoud, bestand::Overschrijven::Ja)
}

/// Write a new file with owner-only permissions (exported keys). Never overwrites: an
/// existing file gives [`StoreFout::BestandBestaat`].
pub fn schrijf_prive_bestand(pad: &Path, inhoud: &[u8]) -> Resultaat<()> {
    use std::io::Write;
    let mut opties = std::fs::OpenOptions::new();
    opties.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opties.mode(0o600);
    }
    let mut f = match opties.open(pad) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(StoreFout::BestandBestaat(pad.into())),
        Err(e) => return Err(e.into()),
    };
    f.write_all(inhoud)?;
    f.sync_all()?;
    Ok(())
}

/// Create a data dir readable only by its owner.
pub(crate) fn maak_prive_map(pad: &Path) -> Resultaat<()> {
    if !pad.exists() {
        std::fs::create_dir_all(pad)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(pad, std::fs::Permissions::from_mode(0o700))?;
        }
    }
    Ok(())
}

/// Run a PRAGMA that may or may not return rows.
fn pragma(conn: &Connection, sql: &str) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    while rows.next()?.is_some() {}
    Ok(())
}

fn is_geen_database(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase)
}

/// Open an SQLCipher connection with `sleutel`. Never creates the file unless `maak`.
/// A wrong key is detected before anything is written.
fn verbind(pad: &Path, sleutel: Option<&DbSleutel>, maak: bool) -> Resultaat<Connection> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if maak {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let conn = Connection::open_with_flags(pad, flags)?;
    // SQLCipher would otherwise print its own diagnostics for a wrong key on stderr.
    pragma(&conn, "PRAGMA cipher_log_level = NONE")?;
    if let Some(k) = sleutel {
        let w = k.pragma_waarde();
        pragma(&conn, &zeroize::Zeroizing::new(format!("PRAGMA key = \"{}\"", w.as_str())))?;
    }
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => {}
        Err(e) if is_geen_database(&e) => return Err(StoreFout::VerkeerdeSleutel),
        Err(e) => return Err(e.into()),
    }
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.set_prepared_statement_cache_capacity(256);
    pragma(&conn, "PRAGMA journal_mode = WAL")?;
    pragma(&conn, "PRAGMA synchronous = FULL")?;
    pragma(&conn, "PRAGMA foreign_keys = ON")?;
    pragma(&conn, "PRAGMA secure_delete = ON")?;
    // A larger page cache: every page that spills is encrypted (and HMAC-ed) again.
    pragma(&conn, &format!("PRAGMA cache_size = -{CACHE_KIB}"))?;
    Ok(conn)
}

/// A connection's page cache, in KiB.
pub(crate) const CACHE_KIB: i64 = 32_000;

/// The page cache a [`Store::batch_in_geheugen`] may grow to, in KiB (1 GiB): larger than
/// the database of a 5,000-case demo (about 180 MB), so nothing the batch reads is evicted.
/// Only pages the batch touches are allocated.
pub const BATCH_CACHE_KIB: i64 = 1024 * 1024;

/// An open, migrated Schakel database.
pub struct Store {
    conn: Connection,
    apparaat: String,
    gebruiker: String,
    /// How to open another connection to this database (set when opened with a key).
    verbinding: Option<Verbinding>,
    /// `tekstnr` numbers known in the current write transaction (see [`schrijven::Nummers`]).
    nummers: schrijven::Nummers,
}

/// What it takes to open another connection to the same database file: a background job
/// (backup, bundle import, a PDF) gets its own connection, so the window's connection stays
/// free for reads and short writes. Holds the key (wiped on drop, like the store's own);
/// it is dropped with the store when the window locks.
#[derive(Clone)]
pub struct Verbinding {
    pad: PathBuf,
    sleutel: DbSleutel,
}

impl std::fmt::Debug for Verbinding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verbinding").field("pad", &self.pad).finish_non_exhaustive()
    }
}

impl Verbinding {
    /// Open a further connection with the same key and settings (WAL: it reads while the
    /// other connection writes, and the other way round). Runs no migrations: the store
    /// it came from did.
    pub fn open(&self) -> Resultaat<Store> {
        let conn = verbind(&self.pad, Some(&self.sleutel), false)?;
        let mut s = Store::van_verbinding(conn)?;
        s.verbinding = Some(self.clone());
        Ok(s)
    }

    /// A read-only connection (`PRAGMA query_only`): any write through it fails.
    pub fn open_lezer(&self) -> Resultaat<Store> {
        let s = self.open()?;
        pragma(&s.conn, "PRAGMA query_only = ON")?;
        Ok(s)
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("apparaat", &self.apparaat).field("gebruiker", &self.gebruiker).finish()
    }
}

/// Settings kept in the database.
pub mod instelling {
    /// This device's id (change log and sync).
    pub const APPARAAT: &str = "apparaat";
    /// The user's name, recorded in audit and journal.
    pub const GEBRUIKER: &str = "gebruiker";
    /// The user's role.
    pub const ROL: &str = "rol";
    /// Name of the Zorg- en Veiligheidshuis.
    pub const ZVH: &str = "zvh_naam";
    /// Minutes of inactivity after which the window locks itself.
    pub const VERGRENDEL_MINUTEN: &str = "vergrendel_minuten";
    /// Last change-log sequence number of this device.
    pub(crate) const VOLGNUMMER: &str = "volgnummer";
    /// Last hybrid logical clock value.
    pub(crate) const HLC: &str = "hlc";
    /// Hash of the newest audit entry.
    pub(crate) const AUDIT_KOP: &str = "audit_kop";
    /// Number of audit entries.
    pub(crate) const AUDIT_AANTAL: &str = "audit_aantal";
    /// Set by the schema 7 upgrade: the free-text names still have to become medewerkers
    /// (`medewerker::migreer_namen`, run once the schema is current).
    pub(crate) const NAMEN_MIGREREN: &str = "namen_migreren";
    /// Set by the schema 21 upgrade: the values of single heads still have to move into
    /// their rows (`schrijven::alle_waarden_naar_rij`, run once the schema is current).
    pub(crate) const WAARDEN_NAAR_RIJ: &str = "waarden_naar_rij";
    /// Set by the schema 23 upgrade: the runs of creating operations still have to move
    /// into `aanmaak_nr` (`schrijven::alle_aanmaak_groeperen`, run once the schema is current).
    pub(crate) const AANMAAK_GROEPEREN: &str = "aanmaak_groeperen";
}

/// Who is using a new database.
#[derive(Debug, Clone, Default)]
pub struct Gebruiker {
    /// Name, recorded in the audit log.
    pub naam: String,
    /// Role (procesregisseur, trajectbegeleider, ...).
    pub rol: String,
    /// Name of the ZVH.
    pub zvh: String,
}

impl Store {
    /// Create a new encrypted database in `map` with `sleutel`. Refuses when one exists.
    pub fn maak(map: &Gegevensmap, sleutel: &DbSleutel, gebruiker: &Gebruiker) -> Resultaat<Store> {
        let pad = map.db_pad();
        if pad.exists() {
            return Err(StoreFout::BestaatAl(pad));
        }
        maak_prive_map(map.pad())?;
        // Create the file owner-only; SQLite gives its -wal and -shm the same mode.
        {
            let mut opties = std::fs::OpenOptions::new();
            opties.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                opties.mode(0o600);
            }
            opties.open(&pad)?;
        }
        let mut conn = verbind(&pad, Some(sleutel), true)?;
        Self::migreer(&mut conn)?;
        let apparaat = uuid::Uuid::new_v4().to_string();
        let tx = conn.transaction()?;
        for (k, v) in [
            (instelling::APPARAAT, apparaat.as_str()),
            (instelling::GEBRUIKER, gebruiker.naam.as_str()),
            (instelling::ROL, gebruiker.rol.as_str()),
            (instelling::ZVH, gebruiker.zvh.as_str()),
        ] {
            tx.execute("INSERT INTO instelling(sleutel, waarde) VALUES (?1, ?2)", (k, v))?;
        }
        // Number this device 1, then the table names, actions and field names (`tekstnr`,
        // schemas 11 and 17), so that the numbers every change-log row, head and audit entry
        // repeats are the smallest: SQLite stores 0 and 1 in no bytes, up to 127 in one.
        // Otherwise they get numbers in the order they are first written, between row ids.
        schrijven::nr(&tx, &apparaat)?;
        for t in schrijven::ALLE {
            schrijven::nr(&tx, t.naam)?;
        }
        for h in schrijven::handeling::ALLE {
            schrijven::nr(&tx, h)?;
        }
        for t in schrijven::ALLE {
            for v in t.velden {
                schrijven::nr(&tx, v)?;
            }
        }
        // Deleted rows leave the search index at once (see `Store::opschonen`).
        bewaren::zet_zoekindex_direct_wissen(&tx, true)?;
        tx.commit()?;
        Ok(Self::van_verbinding(conn)?.met_sleutel(&pad, sleutel))
    }

    /// Open the existing database in `map`. Never creates one.
    pub fn open(map: &Gegevensmap, sleutel: &DbSleutel) -> Resultaat<Store> {
        let pad = map.db_pad();
        if !pad.exists() {
            return Err(if map.sleutel_pad().exists() {
                StoreFout::DatabaseOntbreekt(pad)
            } else {
                StoreFout::NietGeinitialiseerd
            });
        }
        // An empty file would open as a new, empty database and be filled by the
        // migrations: a truncated database must never be silently replaced.
        if std::fs::metadata(&pad)?.len() == 0 {
            return Err(StoreFout::DatabaseLeeg(pad));
        }
        let mut conn = verbind(&pad, Some(sleutel), false)?;
        Self::migreer(&mut conn)?;
        Ok(Self::van_verbinding(conn)?.met_sleutel(&pad, sleutel))
    }

    /// Open a database file at `pad` with `sleutel` (rotation check, backup restore).
    pub(crate) fn open_bestand(pad: &Path, sleutel: &DbSleutel) -> Resultaat<Store> {
        let mut conn = verbind(pad, Some(sleutel), false)?;
        Self::migreer(&mut conn)?;
        Ok(Self::van_verbinding(conn)?.met_sleutel(pad, sleutel))
    }

    fn met_sleutel(mut self, pad: &Path, sleutel: &DbSleutel) -> Store {
        self.verbinding = Some(Verbinding { pad: pad.to_path_buf(), sleutel: sleutel.clone() });
        self
    }

    /// How to open another connection to this database (`None` for a store opened
    /// without a key, which only tests and benchmarks make).
    pub fn verbinding(&self) -> Option<Verbinding> {
        self.verbinding.clone()
    }

    /// A closed placeholder (an empty in-memory database) that stands in for the store
    /// while a job that replaces the database file has the real one (restore, key
    /// rotation). Every query on it fails.
    pub fn gesloten() -> Resultaat<Store> {
        Ok(Store {
            conn: Connection::open_in_memory()?,
            apparaat: String::new(),
            gebruiker: String::new(),
            verbinding: None,
            nummers: schrijven::Nummers::default(),
        })
    }

    fn migreer(conn: &mut Connection) -> Resultaat<()> {
        let m = migraties();
        let open = m.pending_migrations(conn).map_err(|e| StoreFout::Migratie(e.to_string()))?;
        if open < 0 {
            let db: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            return Err(StoreFout::NieuwereVersie { db, app: schema_versie_app() });
        }
        if open > 0 {
            m.to_latest(conn).map_err(|e| StoreFout::Migratie(e.to_string()))?;
        }
        // Upgrade steps that need today's code, flagged by their migration.
        let gevlagd = |sleutel: &str| -> Resultaat<bool> {
            Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM instelling WHERE sleutel = ?1)", [sleutel], |r| r.get(0))?)
        };
        if gevlagd(instelling::NAMEN_MIGREREN)? {
            medewerker::migreer_namen(conn).map_err(|e| StoreFout::Migratie(e.to_string()))?;
        }
        if gevlagd(instelling::WAARDEN_NAAR_RIJ)? {
            schrijven::alle_waarden_naar_rij(conn).map_err(|e| StoreFout::Migratie(e.to_string()))?;
        }
        if gevlagd(instelling::AANMAAK_GROEPEREN)? {
            schrijven::alle_aanmaak_groeperen(conn).map_err(|e| StoreFout::Migratie(e.to_string()))?;
        }
        Ok(())
    }

    fn van_verbinding(conn: Connection) -> Resultaat<Store> {
        let lees = |k: &str| -> Resultaat<String> {
            Ok(conn
                .query_row("SELECT waarde FROM instelling WHERE sleutel = ?1", [k], |r| r.get(0))
                .optional()?
                .unwrap_or_default())
        };
        let apparaat = lees(instelling::APPARAAT)?;
        let gebruiker = lees(instelling::GEBRUIKER)?;
        Ok(Store { conn, apparaat, gebruiker, verbinding: None, nummers: schrijven::Nummers::default() })
    }

    /// Benchmark only (`schakel bench`): an **unencrypted** copy of this database at `pad`,
    /// to measure what encryption costs. Never reachable from the CLI or the window.
    pub(crate) fn meetkopie_onversleuteld(&self, pad: &Path) -> Resultaat<()> {
        // The connection was opened without CREATE, and ATTACH inherits that.
        std::fs::File::create(pad)?;
        self.conn.execute("ATTACH DATABASE ?1 AS plat KEY ''", [pad.display().to_string()])?;
        let r = self.conn.query_row("SELECT sqlcipher_export('plat')", [], |_| Ok(())).and_then(|()| {
            // sqlcipher_export copies the schema and rows, not the schema version.
            let v: i64 = self.conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
            self.conn.execute_batch(&format!("PRAGMA plat.user_version = {v}"))
        });
        self.conn.execute_batch("DETACH DATABASE plat")?;
        r.map_err(Into::into)
    }

    /// Copy the whole database into a new SQLCipher file at `pad` encrypted with `sleutel`
    /// (backup, rotation, restore), flushed to disk. See [`Store::kopieer_versleuteld_met`].
    /// Returns the length the copy has: the source's page count times its page size.
    pub(crate) fn kopieer_versleuteld(&self, pad: &Path, sleutel: &DbSleutel) -> Resultaat<u64> {
        let lengte = self.kopieer_versleuteld_met(pad, sleutel, |_| Ok(()))?;
        std::fs::File::open(pad)?.sync_all()?;
        Ok(lengte)
    }

    /// Copy the whole database page by page (SQLite's online backup API, all pages in one
    /// step, so in one read transaction: a consistent snapshot, also while another
    /// connection writes) into a new file at `pad` encrypted with `sleutel`, then run
    /// `bewerk` on the copy. The file is created owner-only and not flushed to disk (a
    /// backup streams it into its own file and removes it; [`Store::kopieer_versleuteld`]
    /// flushes).
    ///
    /// SQLCipher lets the backup API copy between two encrypted databases: every page is
    /// decrypted by the source and encrypted again by the copy's own codec, with the
    /// copy's key and a fresh salt, so the copy never shares the live key. This replaces
    /// `sqlcipher_export`, which re-inserted every row and rebuilt every index (about
    /// five times slower). The copy's connection has `secure_delete` on, like every
    /// connection, and ends in rollback-journal mode (no `-wal` or `-journal` left next to
    /// it). On an error the caller removes `pad`.
    pub(crate) fn kopieer_versleuteld_met(
        &self,
        pad: &Path,
        sleutel: &DbSleutel,
        bewerk: impl FnOnce(&Connection) -> Resultaat<()>,
    ) -> Resultaat<u64> {
        if self.verbinding.is_none() {
            // The backup API refuses a copy between a plain and an encrypted database.
            return Err(StoreFout::Migratie("an unencrypted database cannot be copied encrypted".into()));
        }
        {
            let mut opties = std::fs::OpenOptions::new();
            opties.write(true).create(true).truncate(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                opties.mode(0o600);
            }
            opties.open(pad)?;
        }
        let mut kopie =
            Connection::open_with_flags(pad, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        pragma(&kopie, "PRAGMA cipher_log_level = NONE")?;
        let w = sleutel.pragma_waarde();
        pragma(&kopie, &zeroize::Zeroizing::new(format!("PRAGMA key = \"{}\"", w.as_str())))?;
        // A temporary file that is removed on any failure needs no journal.
        pragma(&kopie, "PRAGMA journal_mode = OFF")?;
        pragma(&kopie, "PRAGMA synchronous = OFF")?;
        pragma(&kopie, "PRAGMA secure_delete = ON")?;
        // SQLCipher answers `page_size` as `cipher_page_size`, as text.
        let paginagrootte: String = self.conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        let paginagrootte: u64 =
            paginagrootte.parse().map_err(|_| StoreFout::Migratie(format!("page size {paginagrootte}")))?;
        let paginas = {
            let b = rusqlite::backup::Backup::new(&self.conn, &mut kopie)?;
            match b.step(-1)? {
                rusqlite::backup::StepResult::Done => {}
                _ => return Err(StoreFout::Migratie("the page copy did not finish".into())),
            }
            u64::try_from(b.progress().pagecount).unwrap_or_default()
        };
        // The source's header says WAL: leave it for a rollback journal, so the finished
        // file stands alone (and later opens switch it back to WAL as usual).
        pragma(&kopie, "PRAGMA journal_mode = DELETE")?;
        // `bewerk` changes the temporary copy (a backup deletes the device's secret keys):
        // with a journal in memory no `-journal` file holding the old pages is written
        // next to it, which for a backup is the target folder, often a USB stick. A copy
        // that fails halfway is removed anyway.
        pragma(&kopie, "PRAGMA journal_mode = MEMORY")?;
        pragma(&kopie, "PRAGMA secure_delete = ON")?;
        bewerk(&kopie)?;
        kopie.close().map_err(|(_, e)| StoreFout::Sql(e))?;
        Ok(paginas * paginagrootte)
    }

    /// Close the database cleanly for a file swap: checkpoint and leave WAL mode, so no
    /// `-wal` file of this database can later be replayed onto another one.
    /// The store is unusable afterwards (an in-memory placeholder) until replaced.
    pub(crate) fn sluit_voor_wissel(&mut self) -> Resultaat<()> {
        pragma(&self.conn, "PRAGMA wal_checkpoint(TRUNCATE)")?;
        pragma(&self.conn, "PRAGMA journal_mode = DELETE")?;
        let conn = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        conn.close().map_err(|(_, e)| StoreFout::Sql(e))?;
        Ok(())
    }

    /// Benchmark only: open the unencrypted copy made by [`Store::meetkopie_onversleuteld`]
    /// with the same connection settings as the real store.
    pub(crate) fn open_meetkopie(pad: &Path) -> Resultaat<Store> {
        let mut conn = verbind(pad, None, false)?;
        Self::migreer(&mut conn)?;
        Self::van_verbinding(conn)
    }

    /// This device's id.
    pub fn apparaat(&self) -> &str {
        &self.apparaat
    }

    /// The current user's name.
    pub fn gebruiker(&self) -> &str {
        &self.gebruiker
    }

    /// Read a setting.
    pub fn instelling(&self, sleutel: &str) -> Resultaat<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT waarde FROM instelling WHERE sleutel = ?1", [sleutel], |r| r.get(0))
            .optional()?)
    }

    /// Change a local setting (user name, role, ZVH name). Not synced.
    pub fn zet_instelling(&mut self, sleutel: &str, waarde: &str) -> Resultaat<()> {
        if ![instelling::GEBRUIKER, instelling::ROL, instelling::ZVH, instelling::VERGRENDEL_MINUTEN].contains(&sleutel)
        {
            return Err(StoreFout::Onbekend { tabel: "instelling", id: sleutel.to_string() });
        }
        self.conn.execute(
            "INSERT INTO instelling(sleutel, waarde) VALUES (?1, ?2)
             ON CONFLICT(sleutel) DO UPDATE SET waarde = excluded.waarde",
            (sleutel, waarde),
        )?;
        if sleutel == instelling::GEBRUIKER {
            self.gebruiker = waarde.to_string();
        }
        Ok(())
    }

    /// Schema version in the database file.
    pub fn schema_versie(&self) -> Resultaat<i64> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// SQLCipher's version string.
    pub fn cipher_versie(&self) -> Resultaat<String> {
        Ok(self.conn.query_row("PRAGMA cipher_version", [], |r| r.get(0))?)
    }

    /// `PRAGMA integrity_check` and `cipher_integrity_check`: empty when healthy.
    pub fn integriteit(&self) -> Resultaat<Vec<String>> {
        let mut problemen = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for r in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let r = r?;
            if r != "ok" {
                problemen.push(r);
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA cipher_integrity_check")?;
        for r in stmt.query_map([], |r| r.get::<_, String>(0))? {
            problemen.push(r?);
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let fk: Vec<String> = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<_, _>>()?;
        problemen.extend(fk.into_iter().map(|t| format!("foreign key in {t}")));
        Ok(problemen)
    }

    /// The check of a page copy ([`Store::kopieer_versleuteld`]) before it replaces the
    /// database (key rotation), opened with its new key: `cipher_integrity_check`, the
    /// HMAC of every page in the file under the copy's key (the HMAC binds each page's
    /// content to its page number); empty when healthy. The caller also checks the file's
    /// length against the source's page count, so a truncated copy is caught too.
    ///
    /// Why this suffices: a page copy writes the source's pages verbatim, so it cannot
    /// create b-tree, index or foreign-key inconsistencies that were not in the source;
    /// the full `integrity_check` (and `quick_check`, which alone costs twice as much as
    /// this check) would re-verify the live database's structure, not the copy. What the
    /// check must catch is a copy that is unreadable under the new key (a wrong key fails
    /// the open and every HMAC), a page that was not written or was written wrongly (its
    /// HMAC fails), and a short file (the length check).
    pub(crate) fn controleer_paginakopie(&self) -> Resultaat<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA cipher_integrity_check")?;
        let problemen = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<_, _>>()?;
        Ok(problemen)
    }

    /// [`Store::batch`] for a large generated write (demo data), **only for fictional
    /// data**: its time grows linearly with its size (docs/benchmarks.md, "Session 9").
    ///
    /// - SQLite may not spill dirty pages to the write-ahead log before the commit
    ///   (`cache_spill` off): a transaction larger than the page cache otherwise spills
    ///   pages and rewrites them again and again (random ids touch every index page).
    /// - The page cache may grow to [`BATCH_CACHE_KIB`] while the batch runs. With spilling
    ///   off, the dirty pages already stay in memory beyond the normal cache size, and every
    ///   page the batch only reads (the root page of a table it has not written, such as
    ///   the empty `conflictveld` every operation looks at) was evicted instead as soon as
    ///   the dirty pages filled the cache, and read and decrypted again at its next use:
    ///   at 5,000 demo cases most of the run.
    /// - The search index's FTS5 `secure-delete` option is off inside the transaction and
    ///   switched on again before its commit (when it was on). With it on, every search
    ///   row the batch rewrites (an actie that gets its resultaat) is removed from the
    ///   index pages at once, a search through every segment of a growing index; without
    ///   it, FTS5 writes a delete marker and the old tokens go when automerge merges their
    ///   segment. Those tokens are the generated data's own superseded texts, never a
    ///   user's. Removal after the retention term (`bewaren`) is unaffected: the option is
    ///   on again from the commit on.
    ///
    /// The price is memory while the transaction runs: about the size of what it writes.
    /// The connection's own cache size is restored afterwards.
    pub fn batch_in_geheugen<T>(&mut self, f: impl FnOnce(&mut Store) -> Resultaat<T>) -> Resultaat<T> {
        let cache: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        pragma(&self.conn, "PRAGMA cache_spill = OFF")?;
        pragma(&self.conn, &format!("PRAGMA cache_size = -{BATCH_CACHE_KIB}"))?;
        let r = self.batch(|s| {
            let direct_wissen = bewaren::zoekindex_direct_wissen(&s.conn)?;
            if direct_wissen {
                bewaren::zet_zoekindex_direct_wissen(&s.conn, false)?;
            }
            let t = f(s)?;
            if direct_wissen {
                bewaren::zet_zoekindex_direct_wissen(&s.conn, true)?;
            }
            Ok(t)
        });
        let terug = pragma(&self.conn, &format!("PRAGMA cache_size = {cache}"))
            .and_then(|()| pragma(&self.conn, "PRAGMA cache_spill = ON"));
        let t = r?;
        terug?;
        Ok(t)
    }

    /// The full id of a record of a synced table from its id or its first 8 or more
    /// characters (as the command line shows them).
    pub fn volledig_id(&self, tabel: &str, invoer: &str) -> Resultaat<String> {
        let t = schrijven::tabel(tabel).ok_or_else(|| StoreFout::Onbekend { tabel: "tabel", id: tabel.to_string() })?;
        let invoer = invoer.trim().to_lowercase();
        let onbekend = || StoreFout::Onbekend { tabel: t.naam, id: invoer.clone() };
        if invoer.len() < 8 || !invoer.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(onbekend());
        }
        let mut stmt = self.conn.prepare(&format!("SELECT id FROM {} WHERE substr(id, 1, ?2) = ?1 LIMIT 3", t.naam))?;
        let ids: Vec<String> =
            stmt.query_map(rusqlite::params![invoer, invoer.len() as i64], |r| r.get(0))?.collect::<Result<_, _>>()?;
        match ids.len() {
            0 => Err(onbekend()),
            1 => Ok(ids.into_iter().next().unwrap_or_default()),
            n => Err(StoreFout::Dubbelzinnig { tabel: t.naam, id: invoer, aantal: n }),
        }
    }

    /// Number of rows in a table of the schema (for diagnostics and tests).
    pub fn aantal(&self, tabel: &str) -> Resultaat<i64> {
        let t = schrijven::tabel(tabel)
            .map(|t| t.naam)
            .or_else(|| {
                ["audit", "wijziging", "zoekindex", "dekking", "bevestigd", "wachtend"]
                    .into_iter()
                    .find(|t| *t == tabel)
            })
            .ok_or_else(|| StoreFout::Onbekend { tabel: "tabel", id: tabel.to_string() })?;
        Ok(self.conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?)
    }

    pub(crate) fn schrijver(&self) -> Resultaat<schrijven::Schrijver<'_>> {
        schrijven::Schrijver::begin(&self.conn, &self.nummers, &self.apparaat, &self.gebruiker)
    }

    /// Run many changes in one transaction (bulk import, demo data): all or nothing.
    /// Inside another batch it joins that transaction.
    pub fn batch<T>(&mut self, f: impl FnOnce(&mut Store) -> Resultaat<T>) -> Resultaat<T> {
        if !self.conn.is_autocommit() {
            return f(self);
        }
        self.nummers.vergeet();
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        let r = match f(self) {
            Ok(t) => match self.conn.execute_batch("COMMIT") {
                Ok(()) => Ok(t),
                Err(e) => {
                    // A COMMIT that failed (busy, disk full) leaves the transaction open:
                    // end it, so later writers start their own instead of joining this one.
                    let _ = self.conn.execute_batch("ROLLBACK");
                    Err(e.into())
                }
            },
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        };
        // The batch's transaction ended (or failed to commit): what it numbered is no
        // longer remembered.
        self.nummers.vergeet();
        r
    }
}

#[cfg(test)]
pub(crate) mod testhulp {
    use super::*;

    /// The plan of `sql` as SQLite explains it, one line per step; its parameters are
    /// bound to the first of `waarden` (the plan does not depend on their values).
    pub(crate) fn plan(conn: &Connection, sql: &str, waarden: &[&str]) -> Vec<String> {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).expect("explain");
        let n = stmt.parameter_count();
        let r = stmt
            .query_map(rusqlite::params_from_iter(waarden.iter().take(n)), |r| r.get::<_, String>(3))
            .expect("plan");
        r.collect::<Result<_, _>>().expect("plan")
    }

    /// A store **without a key** (plain SQLite, same schema and settings), so a test can
    /// read the raw file: only here, never in the app. Returns the database path.
    pub(crate) fn onversleutelde_store(map: &Path) -> (PathBuf, Store) {
        maak_prive_map(map).expect("map");
        let pad = map.join("plat.db");
        let mut conn = verbind(&pad, None, true).expect("verbind");
        Store::migreer(&mut conn).expect("migreer");
        conn.execute_batch(
            "INSERT INTO instelling(sleutel, waarde) VALUES ('apparaat', 'proef-apparaat'), ('gebruiker', 'Test Regisseur')",
        )
        .expect("instellingen");
        // As in `Store::maak`: deleted rows leave the search index at once.
        bewaren::zet_zoekindex_direct_wissen(&conn, true).expect("zoekindex");
        (pad, Store::van_verbinding(conn).expect("store"))
    }

    /// A fresh store in a temp dir with a fixed key.
    impl Store {
        /// Rows in any table or view (tests of the schema itself).
        pub(crate) fn aantal_rijen(&self, tabel: &str) -> i64 {
            self.conn.query_row(&format!("SELECT count(*) FROM {tabel}"), [], |r| r.get(0)).expect("aantal")
        }
    }

    pub(crate) fn nieuwe_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("tempdir");
        let map = Gegevensmap::new(dir.path().join("data"));
        let g = Gebruiker { naam: "Test Regisseur".into(), rol: "procesregisseur".into(), zvh: "ZVH Test".into() };
        let store = Store::maak(&map, &DbSleutel::van_bytes([7; 32]), &g).expect("store");
        (dir, store)
    }
}

#[cfg(test)]
mod tests {
    use super::schrijven::ALLE;
    use super::*;
    use rusqlite::types::Value;
    use std::collections::HashMap;

    /// `batch_in_geheugen` (demo data): inside, no spilling, the large page cache and FTS5
    /// secure-delete off; afterwards, committed or rolled back, the connection's cache size,
    /// spilling and secure-delete are back.
    #[test]
    fn batch_in_geheugen_zet_de_instellingen_terug() {
        let (_d, mut s) = testhulp::nieuwe_store();
        let stand = |s: &Store| -> Resultaat<(i64, bool, bool)> {
            let cache = s.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
            let spill: i64 = s.conn.query_row("PRAGMA cache_spill", [], |r| r.get(0))?;
            Ok((cache, spill != 0, bewaren::zoekindex_direct_wissen(&s.conn)?))
        };
        let voor = stand(&s).unwrap();
        assert_eq!(voor, (-32000, true, true));
        let binnen = s.batch_in_geheugen(|s| stand(s)).unwrap();
        assert_eq!(binnen, (-BATCH_CACHE_KIB, false, false));
        assert_eq!(stand(&s).unwrap(), voor);

        let mislukt = s.batch_in_geheugen(|s| {
            s.nieuwe_casus(NieuweCasus {
                werknaam: "Grijze Reiger".into(),
                thema: "nazorg".into(),
                ..Default::default()
            })?;
            Err::<(), _>(StoreFout::Onbekend { tabel: "proef", id: "halverwege".into() })
        });
        assert!(matches!(mislukt, Err(StoreFout::Onbekend { tabel: "proef", .. })), "{mislukt:?}");
        assert_eq!(s.aantal("casus").unwrap(), 0);
        assert_eq!(stand(&s).unwrap(), voor);
    }

    /// Without secure-delete inside the batch a rewritten search row leaves only a delete
    /// marker, yet search finds the new text and no longer the old one.
    #[test]
    fn batch_in_geheugen_zoekt_de_nieuwe_tekst_van_een_herschreven_actie() {
        let (_d, mut s) = testhulp::nieuwe_store();
        let n = s
            .batch_in_geheugen(|s| {
                let n = s
                    .nieuwe_casus(NieuweCasus {
                        werknaam: "Stille Merel".into(),
                        thema: "nazorg".into(),
                        ..Default::default()
                    })?
                    .to_string();
                let a = s.actie_toevoegen(
                    &n,
                    NieuweActie { omschrijving: "Kwartelhoeve bellen".into(), ..Default::default() },
                )?;
                s.actie_wijzig(
                    &a.id,
                    &ActieWijziging { omschrijving: Some("Zwaluwstede bellen".into()), ..Default::default() },
                )?;
                Ok(n)
            })
            .unwrap();
        assert!(s.zoek("Kwartelhoeve", 10).unwrap().is_empty());
        let treffers = s.zoek("Zwaluwstede", 10).unwrap();
        assert_eq!(
            treffers.iter().map(|t| (t.casus.casusnummer.as_str(), t.bron.as_str())).collect::<Vec<_>>(),
            vec![(n.as_str(), "actie")]
        );
    }

    /// The page copy carries every row and the schema version under its own key: it opens
    /// with the new key, the live key is refused as a wrong key, and nothing is left next
    /// to it but the file itself.
    #[test]
    fn paginakopie_heeft_eigen_sleutel_en_alle_rijen() {
        let (dir, store) = testhulp::nieuwe_store();
        let pad = dir.path().join("kopie.db");
        let nieuw = DbSleutel::van_bytes([9; 32]);
        let lengte = store.kopieer_versleuteld(&pad, &nieuw).unwrap();
        assert_eq!(std::fs::metadata(&pad).unwrap().len(), lengte);
        let namen: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("kopie"))
            .collect();
        assert_eq!(namen, vec!["kopie.db".to_string()]);
        assert!(matches!(Store::open_bestand(&pad, &DbSleutel::van_bytes([7; 32])), Err(StoreFout::VerkeerdeSleutel)));
        let kopie = Store::open_bestand(&pad, &nieuw).unwrap();
        assert_eq!(kopie.schema_versie().unwrap(), schema_versie_app());
        assert_eq!(kopie.apparaat(), store.apparaat());
        assert_eq!(kopie.aantal_rijen("instelling"), store.aantal_rijen("instelling"));
        assert_eq!(kopie.integriteit().unwrap(), Vec::<String>::new());
        assert_eq!(kopie.controleer_paginakopie().unwrap(), Vec::<String>::new());
    }

    /// The rotation's check of a page copy finds one damaged page (a torn or wrong write).
    #[test]
    fn controle_van_paginakopie_vindt_een_beschadigde_pagina() {
        let (dir, mut store) = testhulp::nieuwe_store();
        store
            .nieuwe_casus(NieuweCasus { werknaam: "Bonte Kraai".into(), thema: "nazorg".into(), ..Default::default() })
            .unwrap();
        let pad = dir.path().join("kopie.db");
        let nieuw = DbSleutel::van_bytes([9; 32]);
        store.kopieer_versleuteld(&pad, &nieuw).unwrap();
        // A page of the casus table: opening the copy does not read it, only the check does.
        let nr: i64 = Store::open_bestand(&pad, &nieuw)
            .unwrap()
            .conn
            .query_row("SELECT max(pageno) FROM dbstat WHERE name = 'casus'", [], |r| r.get(0))
            .unwrap();
        let mut bytes = std::fs::read(&pad).unwrap();
        let pagina = 4096 * (nr as usize - 1) + 100;
        bytes[pagina] ^= 0x01;
        std::fs::write(&pad, &bytes).unwrap();
        let kopie = Store::open_bestand(&pad, &nieuw).unwrap();
        let problemen = kopie.controleer_paginakopie().unwrap();
        assert_eq!(problemen.len(), 1, "{problemen:?}");
        assert!(problemen[0].contains("HMAC verification failed"), "{problemen:?}");
    }

    /// Upgrade 1 → 2: a database made before sync gets per-field causality and heads
    /// from its change log (a chain per field; no heads for deleted rows), and the next
    /// local edit supersedes exactly the latest value.
    #[test]
    fn upgrade_van_versie_1_naar_2_vult_koppen_uit_de_wijzigingslog() {
        let dir = tempfile::tempdir().unwrap();
        let map = Gegevensmap::new(dir.path().join("data"));
        maak_prive_map(map.pad()).unwrap();
        let sleutel = DbSleutel::van_bytes([9; 32]);
        {
            let mut conn = verbind(&map.db_pad(), Some(&sleutel), true).unwrap();
            Migrations::new(vec![M::up(include_str!("../../migrations/0001_basis.sql"))]).to_latest(&mut conn).unwrap();
            conn.execute_batch(
                "INSERT INTO instelling(sleutel, waarde) VALUES ('apparaat', 'dev-1'), ('gebruiker', 'Oud'), ('volgnummer', '5'), ('hlc', '500');
                 INSERT INTO partner(id, naam, soort, convenantstatus) VALUES ('p1', 'Derde naam', 'overig', 'convenant');
                 INSERT INTO wijziging(apparaat, volgnummer, hlc, tabel, rij, veld, waarde) VALUES
                    ('dev-1', 1, 100, 'partner', 'p1', 'naam', '\"Eerste naam\"'),
                    ('dev-1', 2, 200, 'partner', 'p1', 'naam', '\"Tweede naam\"'),
                    ('dev-1', 3, 300, 'partner', 'p1', 'naam', '\"Derde naam\"'),
                    ('dev-1', 4, 400, 'partner', 'p2', 'naam', '\"Weg\"');
                 INSERT INTO wijziging(apparaat, volgnummer, hlc, tabel, rij, veld, waarde, verwijderd) VALUES
                    ('dev-1', 5, 500, 'partner', 'p2', NULL, NULL, 1);",
            )
            .unwrap();
        }
        let s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        let koppen = schrijven::koppen(&s.conn, "partner", "p1", "naam").unwrap();
        assert_eq!(koppen.len(), 1);
        assert_eq!(koppen[0].volgnummer, 3);
        let n: i64 = s.conn.query_row("SELECT count(*) FROM wijziging_basis", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 2, "1 <- 2 <- 3");
        let n: i64 = s.conn.query_row("SELECT count(*) FROM kop WHERE rij = 'p2'", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0, "a deleted row has no heads");
        assert!(s.conflicten(None).unwrap().is_empty());
        let mut w = s.schrijver().unwrap();
        w.wijzig(&schrijven::PARTNER, "p1", &[("naam", Value::Text("Vierde naam".into()))]).unwrap();
        w.commit().unwrap();
        let ops = s.operaties_na(&Default::default(), None).unwrap();
        let laatste = ops.last().unwrap();
        assert_eq!(laatste.volgnummer, 6);
        assert_eq!(laatste.basis, vec![OpId { apparaat: "dev-1".into(), volgnummer: 3 }]);
        let s2 = s.synchrone_staat().unwrap();
        drop(s);
        // Opening again changes nothing.
        let s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s2, s.synchrone_staat().unwrap());
    }

    /// Upgrade from schema 6 to compaction (0009): the superseded operations of an
    /// existing log (an older value, the fields of a deleted row) are listed, compaction
    /// on a store without colleagues removes exactly those, and the rows, heads and the
    /// causality stay as they were.
    #[test]
    fn upgrade_naar_0009_compacteert_alleen_vervangen_operaties() {
        let dir = tempfile::tempdir().unwrap();
        let map = Gegevensmap::new(dir.path().join("data"));
        maak_prive_map(map.pad()).unwrap();
        let sleutel = DbSleutel::van_bytes([4; 32]);
        {
            let mut conn = verbind(&map.db_pad(), Some(&sleutel), true).unwrap();
            let tot_6: Vec<M<'_>> = [
                include_str!("../../migrations/0001_basis.sql"),
                include_str!("../../migrations/0002_sync.sql"),
                include_str!("../../migrations/0003_privacy.sql"),
                include_str!("../../migrations/0004_sync_scope.sql"),
                include_str!("../../migrations/0005_verstrekking.sql"),
                include_str!("../../migrations/0006_zoeken_bord.sql"),
            ]
            .into_iter()
            .map(M::up)
            .collect();
            Migrations::new(tot_6).to_latest(&mut conn).unwrap();
            // Written the way schema 6 did: partner p1 renamed twice, p2 created and deleted.
            conn.execute_batch(
                "INSERT INTO instelling(sleutel, waarde) VALUES ('apparaat', 'dev-6'), ('gebruiker', 'Oud'), ('volgnummer', '5'), ('hlc', '500');
                 INSERT INTO partner(id, naam, soort, convenantstatus) VALUES ('p1', 'Derde naam', 'overig', 'convenant');
                 INSERT INTO wijziging(apparaat, volgnummer, hlc, tabel, rij, veld, waarde) VALUES
                    ('dev-6', 1, 100, 'partner', 'p1', 'naam', '\"Eerste naam\"'),
                    ('dev-6', 2, 200, 'partner', 'p1', 'naam', '\"Tweede naam\"'),
                    ('dev-6', 3, 300, 'partner', 'p1', 'naam', '\"Derde naam\"'),
                    ('dev-6', 4, 400, 'partner', 'p2', 'naam', '\"Weg\"');
                 INSERT INTO wijziging(apparaat, volgnummer, hlc, tabel, rij, veld, waarde, verwijderd) VALUES
                    ('dev-6', 5, 500, 'partner', 'p2', NULL, NULL, 1);
                 INSERT INTO wijziging_basis(apparaat, volgnummer, basis_apparaat, basis_volgnummer) VALUES
                    ('dev-6', 2, 'dev-6', 1), ('dev-6', 3, 'dev-6', 2);
                 INSERT INTO kop(tabel, rij, veld, apparaat, volgnummer, hlc) VALUES ('partner', 'p1', 'naam', 'dev-6', 3, 300);",
            )
            .unwrap();
        }
        let mut s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        assert_eq!(s.wacht_op_compactie().unwrap(), 3, "ops 1, 2 (older names) and 4 (deleted row)");
        let staat = s.synchrone_staat().unwrap();
        assert_eq!(s.compacteren().unwrap(), 3);
        assert_eq!(s.wacht_op_compactie().unwrap(), 0);
        let over: Vec<i64> = {
            let mut stmt = s.conn.prepare("SELECT volgnummer FROM wijziging ORDER BY volgnummer").unwrap();
            stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
        };
        assert_eq!(over, [3, 5], "the head and the tombstone stay");
        let randen: i64 = s.conn.query_row("SELECT count(*) FROM wijziging_basis", [], |r| r.get(0)).unwrap();
        assert_eq!(randen, 2, "causality stays");
        assert_eq!(s.synchrone_staat().unwrap(), staat, "rows, heads and tombstones unchanged");
        // An export names the compacted predecessors too.
        let ops = s.operaties_na(&Default::default(), None).unwrap();
        let kop = ops.iter().find(|o| o.volgnummer == 3).unwrap();
        let basis: Vec<i64> = kop.basis.iter().map(|b| b.volgnummer).collect();
        assert_eq!(basis, [1, 2]);
    }

    /// The change-log tables as sorted text lines, through their (schema 11: view) names.
    /// Call `f` for every row of every synced table (upgrade tests that turn a database
    /// back into what an older schema wrote).
    fn elke_rij(conn: &Connection, f: impl Fn(&schrijven::Tabel, &str)) {
        for t in schrijven::ALLE {
            let ids: Vec<String> = conn
                .prepare(&format!("SELECT id FROM {}", t.naam))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            for rij in ids {
                f(t, &rij);
            }
        }
    }

    /// A new store under key byte `b` with one casus: (temp dir, data dir, key, store,
    /// casusnummer, casus id).
    fn store_met_casus(b: u8, werknaam: &str) -> (tempfile::TempDir, Gegevensmap, DbSleutel, Store, String, String) {
        let dir = tempfile::tempdir().unwrap();
        let map = Gegevensmap::new(dir.path().join("data"));
        let sleutel = DbSleutel::van_bytes([b; 32]);
        let g = Gebruiker { naam: "Test Regisseur".into(), rol: "procesregisseur".into(), zvh: "ZVH Test".into() };
        let mut s = Store::maak(&map, &sleutel, &g).unwrap();
        let nieuw = NieuweCasus { werknaam: werknaam.into(), thema: "nazorg".into(), ..Default::default() };
        let nr = s.nieuwe_casus(nieuw).unwrap().to_string();
        let id = s.casus_id(&nr).unwrap();
        (dir, map, sleutel, s, nr, id)
    }

    fn logtabellen(conn: &Connection) -> Vec<String> {
        ["wijziging", "kop", "vervangen", "wijziging_basis"]
            .iter()
            .map(|t| {
                let mut stmt = conn.prepare(&format!("SELECT * FROM {t}")).unwrap();
                let n = stmt.column_count();
                let mut regels: Vec<String> = stmt
                    .query_map([], |r| {
                        let mut velden: Vec<Value> = (0..n).map(|i| r.get::<_, Value>(i).unwrap()).collect();
                        if *t == "wijziging" {
                            // A value in its row (schema 21) is the operation's value.
                            let (tabel, rij, veld): (String, String, Option<String>) =
                                (r.get(3)?, r.get(4)?, r.get(5)?);
                            let w =
                                schrijven::operatiewaarde(conn, (&tabel, &rij, veld.as_deref()), r.get(6)?, r.get(9)?)
                                    .unwrap();
                            velden[6] = w.map_or(Value::Null, Value::Text);
                        }
                        Ok(velden.iter().map(|v| format!("{v:?}")).collect::<Vec<_>>().join("|"))
                    })
                    .unwrap()
                    .collect::<Result<_, _>>()
                    .unwrap();
                regels.sort();
                format!("{t}: {regels:?}")
            })
            .collect()
    }

    /// Schema 11 keeps devices, tables, rows and fields of the change log as numbers. An
    /// upgraded schema-10 database shows the same operations, heads, superseded list and
    /// causality under the old names, keeps superseding on a new edit, exports the texts,
    /// and a fresh replica that imports the export reaches the same synced state.
    #[test]
    fn upgrade_naar_0011_nummert_de_wijzigingslog_zonder_verlies() {
        let dir = tempfile::tempdir().unwrap();
        let map = Gegevensmap::new(dir.path().join("data"));
        maak_prive_map(map.pad()).unwrap();
        let sleutel = DbSleutel::van_bytes([5; 32]);
        let voor = {
            let mut conn = verbind(&map.db_pad(), Some(&sleutel), true).unwrap();
            Migrations::new(migraties_tot(10)).to_latest(&mut conn).unwrap();
            // Partner p1 renamed twice, p2 created and deleted, as schema 10 wrote them.
            conn.execute_batch(
                "INSERT INTO instelling(sleutel, waarde) VALUES ('apparaat', 'dev-10'), ('gebruiker', 'Oud'), ('volgnummer', '7'), ('hlc', '700');
                 INSERT INTO partner(id, naam, soort, convenantstatus) VALUES ('p1', 'Derde naam', 'overig', 'convenant');
                 INSERT INTO wijziging(apparaat, volgnummer, hlc, tabel, rij, veld, waarde) VALUES
                    ('dev-10', 1, 100, 'partner', 'p1', 'naam', '\"Eerste naam\"'),
                    ('dev-10', 2, 200, 'partner', 'p1', 'naam', '\"Tweede naam\"'),
                    ('dev-10', 3, 300, 'partner', 'p1', 'naam', '\"Derde naam\"'),
                    ('dev-10', 4, 400, 'partner', 'p1', 'soort', '\"overig\"'),
                    ('dev-10', 5, 500, 'partner', 'p1', 'convenantstatus', '\"convenant\"'),
                    ('dev-10', 6, 600, 'partner', 'p2', 'naam', '\"Weg\"');
                 INSERT INTO wijziging(apparaat, volgnummer, hlc, tabel, rij, veld, waarde, verwijderd) VALUES
                    ('dev-10', 7, 700, 'partner', 'p2', NULL, NULL, 1);
                 INSERT INTO wijziging(apparaat, volgnummer, hlc, tabel, rij, veld, waarde, verwijderd, casus_id) VALUES
                    ('dev-x', 1, 650, 'journaal', 'j1', NULL, NULL, 1, 'c1');
                 INSERT INTO wijziging_basis(apparaat, volgnummer, basis_apparaat, basis_volgnummer) VALUES
                    ('dev-10', 2, 'dev-10', 1), ('dev-10', 3, 'dev-10', 2);
                 INSERT INTO kop(tabel, rij, veld, apparaat, volgnummer, hlc) VALUES
                    ('partner', 'p1', 'naam', 'dev-10', 3, 300), ('partner', 'p1', 'soort', 'dev-10', 4, 400),
                    ('partner', 'p1', 'convenantstatus', 'dev-10', 5, 500);
                 INSERT INTO vervangen(apparaat, volgnummer) VALUES ('dev-10', 1), ('dev-10', 2), ('dev-10', 6);",
            )
            .unwrap();
            logtabellen(&conn)
        };
        let mut s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        assert_eq!(logtabellen(&s.conn), voor, "the same log, read through the old names");
        let typen: Vec<String> = s
            .conn
            .prepare("SELECT DISTINCT typeof(apparaat) || typeof(rij) FROM wijziging_nr")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(typen, ["integerinteger"], "devices and rows are stored as numbers");
        assert_eq!(s.wacht_op_compactie().unwrap(), 3);

        s.partner_wijzig("p1", &PartnerWijziging { naam: Some("Vierde naam".into()), ..Default::default() }).unwrap();
        let koppen = schrijven::koppen(&s.conn, "partner", "p1", "naam").unwrap();
        assert_eq!(koppen.iter().map(|k| (k.apparaat.as_str(), k.volgnummer)).collect::<Vec<_>>(), [("dev-10", 8)]);
        assert_eq!(s.wacht_op_compactie().unwrap(), 4, "the old head is superseded");

        let ops = s.operaties_na(&Default::default(), None).unwrap();
        let nieuw = ops.iter().find(|o| o.volgnummer == 8).unwrap();
        assert_eq!((nieuw.apparaat.as_str(), nieuw.tabel.as_str(), nieuw.rij.as_str()), ("dev-10", "partner", "p1"));
        assert_eq!(nieuw.veld.as_deref(), Some("naam"));
        assert_eq!(nieuw.basis, [schrijven::OpId { apparaat: "dev-10".into(), volgnummer: 3 }]);

        // A bundle for casus c1 carries its journaal tombstone and the rows of no casus.
        let c1: std::collections::BTreeSet<String> = ["c1".to_string()].into();
        let scoped = s.operaties_na(&Default::default(), Some(&c1)).unwrap();
        let ids: Vec<(&str, i64, Option<&str>)> =
            scoped.iter().map(|o| (o.apparaat.as_str(), o.volgnummer, o.casus_id.as_deref())).collect();
        assert!(ids.contains(&("dev-x", 1, Some("c1"))), "{ids:?}");
        assert!(ids.contains(&("dev-10", 8, None)), "{ids:?}");
        assert!(
            s.operaties_na(&Default::default(), Some(&["c2".to_string()].into()))
                .unwrap()
                .iter()
                .all(|o| o.casus_id.is_none())
        );

        let (_d, mut b) = testhulp::nieuwe_store();
        let leeg = Default::default();
        let t = b.ontvang(&ops, "bundel-0011", "dev-10", &leeg, &leeg, &Default::default()).unwrap();
        assert_eq!(t.nieuw, ops.len());
        assert_eq!(b.synchrone_staat().unwrap(), s.synchrone_staat().unwrap());
        assert_eq!(b.partner("p1").unwrap().naam, "Vierde naam");
    }

    /// Writing through the old names of the change-log tables (as a later migration may)
    /// interns the texts: a repeated INSERT OR IGNORE adds nothing, and a delete by text
    /// removes the numbered row.
    #[test]
    fn oude_namen_van_de_wijzigingslog_schrijven_in_nummers() {
        let (_d, s) = testhulp::nieuwe_store();
        let schrijf = |s: &Store| {
            s.conn
                .execute_batch(
                    "INSERT OR IGNORE INTO vervangen(apparaat, volgnummer) VALUES ('apparaat-van-elders', 9);
                     INSERT OR IGNORE INTO wijziging(apparaat, volgnummer, hlc, tabel, rij, veld, waarde, casus_id)
                     VALUES ('apparaat-van-elders', 9, 900, 'journaal', 'j-9', 'tekst', '\"Bezoek\"', 'c-9');",
                )
                .unwrap();
        };
        schrijf(&s);
        let teksten = s.aantal_rijen("tekstnr");
        let gevonden: i64 = s
            .conn
            .query_row(
                "SELECT count(*) FROM tekstnr WHERE tekst IN ('apparaat-van-elders', 'journaal', 'j-9', 'tekst', 'c-9')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(gevonden, 5);
        schrijf(&s);
        assert_eq!(s.aantal_rijen("tekstnr"), teksten, "known texts keep their number");
        assert_eq!(s.aantal_rijen("vervangen_nr"), 1);
        let rij: (String, String, Option<String>, i64, i64) = s
            .conn
            .query_row(
                "SELECT rij, casus_id, veld, verwijderd, gewist FROM wijziging WHERE apparaat = 'apparaat-van-elders'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .unwrap();
        assert_eq!(rij, ("j-9".into(), "c-9".into(), Some("tekst".into()), 0, 0));
        s.conn.execute("DELETE FROM wijziging WHERE apparaat = 'apparaat-van-elders'", []).unwrap();
        assert_eq!(s.aantal_rijen("wijziging"), s.aantal_rijen("wijziging_nr"));
        let over: i64 = s
            .conn
            .query_row("SELECT count(*) FROM wijziging WHERE apparaat = 'apparaat-van-elders'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(over, 0);
    }

    fn json(v: Value) -> serde_json::Value {
        match v {
            Value::Null => serde_json::Value::Null,
            Value::Integer(i) => i.into(),
            Value::Text(t) => t.into(),
            other => panic!("unexpected {other:?}"),
        }
    }

    /// Replaying the change log (latest op per field) gives exactly the tables' content:
    /// no mutation escaped the log.
    #[test]
    fn change_log_reproduces_every_synced_table() {
        let (_d, mut s) = testhulp::nieuwe_store();
        crate::demo::genereer(&mut s, 12, 7).unwrap();
        let plan = s.plan("2024-0001").or_else(|_| s.plan("2025-0001")).unwrap_or_default();
        if let Some(a) = plan.acties.first() {
            s.actie_verwijder(&a.id).unwrap();
        }
        type Sleutel = (String, String, Option<String>);
        let mut laatste: HashMap<Sleutel, (i64, Option<serde_json::Value>)> = HashMap::new();
        let mut stmt = s.conn.prepare("SELECT tabel, rij, veld, hlc, waarde, gewist FROM wijziging").unwrap();
        let mut rows = stmt.query([]).unwrap();
        // An operation whose value lives in its row (schema 21) stands for the row's value:
        // it must be the one the row shows (the newest of its field), and the row must exist.
        let in_rij = serde_json::Value::String("\u{0}in de rij".into());
        let mut in_rij_gezien = 0;
        let mut in_rij_ops: Vec<(Sleutel, i64)> = Vec::new();
        while let Some(r) = rows.next().unwrap() {
            let key: Sleutel = (r.get(0).unwrap(), r.get(1).unwrap(), r.get(2).unwrap());
            let hlc: i64 = r.get(3).unwrap();
            let waarde: Option<String> = r.get(4).unwrap();
            let gewist: bool = r.get(5).unwrap();
            let w = match waarde {
                None if key.2.is_some() && !gewist => {
                    in_rij_ops.push((key.clone(), hlc));
                    Some(in_rij.clone())
                }
                w => w.map(|w| serde_json::from_str(&w).unwrap()),
            };
            let e = laatste.entry(key).or_insert((i64::MIN, None));
            if hlc > e.0 {
                *e = (hlc, w);
            }
        }
        let mut gecontroleerd = 0;
        for t in ALLE {
            let sql = format!("SELECT id, {} FROM {}", t.velden.join(", "), t.naam);
            let mut stmt = s.conn.prepare(&sql).unwrap();
            let mut rows = stmt.query([]).unwrap();
            while let Some(r) = rows.next().unwrap() {
                let id: String = r.get(0).unwrap();
                if id.starts_with("thema-") || id.starts_with("lg-") || (t.naam == "overlegsoort" && !id.contains('-'))
                {
                    continue; // seed rows, identical on every device
                }
                // A field without an operation was left at its column's default when the
                // row was created (`Schrijver::nieuw`).
                let standaard = schrijven::standaardwaarden(&s.conn, t).unwrap();
                for (i, veld) in t.velden.iter().enumerate() {
                    let actueel = json(r.get::<_, Value>(i + 1).unwrap());
                    let key = (t.naam.to_string(), id.clone(), Some(veld.to_string()));
                    let uit_log = match laatste.get(&key) {
                        Some((_, Some(w))) if *w == in_rij => {
                            in_rij_gezien += 1;
                            actueel.clone()
                        }
                        Some((_, w)) => w.clone().unwrap_or(serde_json::Value::Null),
                        None => json(standaard[i].clone()),
                    };
                    assert_eq!(uit_log, actueel, "{}.{veld} of {id} differs from its change log", t.naam);
                    gecontroleerd += 1;
                }
                assert!(
                    !laatste.contains_key(&(t.naam.to_string(), id.clone(), None)),
                    "live row {id} has a tombstone"
                );
            }
        }
        assert!(gecontroleerd > 1000, "only {gecontroleerd} fields checked");
        for (key, hlc) in &in_rij_ops {
            assert_eq!(laatste[key].0, *hlc, "{key:?}: a value in the row belongs to the newest operation");
        }
        assert!(in_rij_gezien * 2 > gecontroleerd, "most fields live in their row: {in_rij_gezien} of {gecontroleerd}");
        // The deleted action has a tombstone.
        if let Some(a) = plan.acties.first() {
            assert!(laatste.contains_key(&("actie".into(), a.id.clone(), None)));
        }
    }

    /// Upgrade 2 → 3: an audit chain written before schema 3 (no explanation column)
    /// still verifies, and removal after the retention term works on the upgraded file.
    #[test]
    fn upgrade_van_versie_2_naar_3_houdt_de_auditketen_intact() {
        let dir = tempfile::tempdir().unwrap();
        let map = Gegevensmap::new(dir.path().join("data"));
        maak_prive_map(map.pad()).unwrap();
        let sleutel = DbSleutel::van_bytes([5; 32]);
        {
            let mut conn = verbind(&map.db_pad(), Some(&sleutel), true).unwrap();
            Migrations::new(migraties_tot(2)).to_latest(&mut conn).unwrap();
            conn.execute_batch(
                "INSERT INTO instelling(sleutel, waarde) VALUES ('apparaat', 'dev-2'), ('gebruiker', 'Oud');",
            )
            .unwrap();
            // Two audit entries hashed the way schema 2 did (eight fields).
            let mut vorige = schrijven::AUDIT_BEGIN.to_string();
            for (nr, rij) in [(1, "p1"), (2, "p2")] {
                let velden = ["2025-01-01T00:00:00.000Z", "Oud", "dev-2", "aanmaken", "partner", rij, "", ""];
                let hash = schrijven::audit_hash(&vorige, velden, None);
                conn.execute(
                    "INSERT INTO audit(nr, tijdstip, gebruiker, apparaat, handeling, tabel, rij, veld, casus_id,
                     vorige_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, NULL, ?8, ?9)",
                    rusqlite::params![
                        nr, velden[0], velden[1], velden[2], velden[3], velden[4], velden[5], vorige, hash
                    ],
                )
                .unwrap();
                vorige = hash;
            }
            conn.execute_batch(&format!(
                "INSERT INTO instelling(sleutel, waarde) VALUES ('audit_kop', '{vorige}'), ('audit_aantal', '2');"
            ))
            .unwrap();
        }
        let mut s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        assert!(s.audit_verify().unwrap().in_orde(), "schema-2 chain must verify after the upgrade");
        let vandaag = casus::vandaag();
        let (n, _) = crate::demo::volle_casus(&mut s, "up3", vandaag - chrono::Duration::days(2000)).unwrap();
        s.casus_vernietigen(&n, "Termijn verstreken", vandaag).unwrap();
        let controle = s.audit_verify().unwrap();
        assert!(controle.in_orde(), "{controle:?}");
        let gewist: i64 =
            s.conn.query_row("SELECT count(*) FROM wijziging WHERE gewist = 1", [], |r| r.get(0)).unwrap();
        assert!(gewist > 10);
    }

    /// Upgrade 3 → 4: rows get their creation clock from the change log (so two journaal
    /// entries of one date list in the same order everywhere), format-1 coverage and
    /// acknowledgements are dropped (the next bundles resend what is in scope), and a row
    /// whose operations are held but which an earlier import could not build waits.
    #[test]
    fn upgrade_van_versie_3_naar_4_geeft_volgorde_en_wist_oude_dekking() {
        let (_dir, map, sleutel) = oud_schema(
            3,
            6,
            "INSERT INTO instelling(sleutel, waarde) VALUES ('apparaat', 'dev-3'), ('gebruiker', 'Oud');
                 INSERT INTO casus(id, nummer, jaar, volgnummer, werknaam, datum_aanmelding)
                     VALUES ('c1', '2025-0001', 2025, 1, 'Oude casus', '2025-01-01');
                 -- j2 was created before j1 (lower clock), both on the same date.
                 INSERT INTO journaal(id, casus_id, datum, tekst) VALUES ('j1', 'c1', '2025-02-02', 'tweede');
                 INSERT INTO journaal(id, casus_id, datum, tekst) VALUES ('j2', 'c1', '2025-02-02', 'eerste');
                 INSERT INTO wijziging(apparaat, volgnummer, hlc, tabel, rij, veld, waarde, casus_id) VALUES
                     ('dev-3', 1, 500, 'journaal', 'j2', 'tekst', '\"eerste\"', 'c1'),
                     ('dev-3', 2, 900, 'journaal', 'j1', 'tekst', '\"tweede\"', 'c1'),
                     ('dev-x', 7, 950, 'journaal', 'j3', 'tekst', '\"wees\"', 'c9');
                 INSERT INTO kop(tabel, rij, veld, apparaat, volgnummer, hlc) VALUES
                     ('journaal', 'j3', 'tekst', 'dev-x', 7, 950);
                 INSERT INTO dekking(apparaat, van, tot) VALUES ('dev-x', 1, 7);
                 INSERT INTO bevestigd(collega, apparaat, tot) VALUES ('dev-x', 'dev-3', 2);",
        );
        let s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        let volgorde: Vec<(String, i64, String)> = s
            .conn
            .prepare("SELECT id, aangemaakt_hlc, aangemaakt_door FROM journaal ORDER BY aangemaakt_hlc")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(volgorde, [("j2".into(), 500, "dev-3".into()), ("j1".into(), 900, "dev-3".into())]);
        assert_eq!(s.aantal("dekking").unwrap(), 0, "format-1 coverage is not trusted");
        assert_eq!(s.aantal("bevestigd").unwrap(), 0);
        let wachtend: Vec<(String, String)> = s
            .conn
            .prepare("SELECT tabel, rij FROM wachtend")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(wachtend, [("journaal".to_string(), "j3".to_string())]);
    }

    /// Upgrade from schema 3 to the search-and-board migration (0006): the text indexed
    /// before is still found, now also by a two-letter prefix through the new prefix
    /// index, and the board reads its covering index instead of the table.
    #[test]
    fn upgrade_naar_zoeken_bord_behoudt_de_zoekindex_en_dekt_het_bord() {
        let dir = tempfile::tempdir().unwrap();
        let map = Gegevensmap::new(dir.path().join("data"));
        maak_prive_map(map.pad()).unwrap();
        let sleutel = DbSleutel::van_bytes([6; 32]);
        {
            let mut conn = verbind(&map.db_pad(), Some(&sleutel), true).unwrap();
            Migrations::new(migraties_tot(3)).to_latest(&mut conn).unwrap();
            // Written the way schema 3 did: the triggers fill the search index.
            conn.execute_batch(
                "INSERT INTO instelling(sleutel, waarde) VALUES ('apparaat', 'dev-3'), ('gebruiker', 'Oud');
                 INSERT INTO casus(id, nummer, jaar, volgnummer, werknaam, thema_id, datum_aanmelding, probleem)
                 VALUES ('c1', '2025-0001', 2025, 1, 'Grijze Reiger', 'thema-nazorg', '2025-03-01',
                         'Huurachterstand en zorgmijding'),
                        ('c2', '2025-0002', 2025, 2, 'Stille Eik', 'thema-nazorg', '2025-03-02', 'Overlast');",
            )
            .unwrap();
        }
        let s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        let sql: String =
            s.conn.query_row("SELECT sql FROM sqlite_master WHERE name = 'zoekindex'", [], |r| r.get(0)).unwrap();
        assert!(sql.contains("prefix = '2 3 4'"), "{sql}");
        let nummers =
            |q: &str| -> Vec<String> { s.zoek(q, 10).unwrap().into_iter().map(|t| t.casus.casusnummer).collect() };
        assert_eq!(nummers("huurachterstand"), ["2025-0001"]);
        assert_eq!(nummers("zo"), ["2025-0001"], "two-letter prefix of 'zorgmijding'");
        assert_eq!(nummers("overl"), ["2025-0002"]);
        // Rows written after the upgrade are indexed by the same triggers.
        drop(s);
        let mut s = Store::open(&map, &sleutel).unwrap();
        s.nieuwe_casus(NieuweCasus {
            werknaam: "Late Merel".into(),
            thema: "com".into(),
            probleem: "Woonoverlast".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(s.zoek("woon", 10).unwrap().len(), 1);
        // The board query is answered from the covering index, in casusnummer order.
        let plan: Vec<String> = s
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {} ORDER BY c.jaar, c.volgnummer", casus::regel_select()))
            .unwrap()
            .query_map(["2026-01-01"], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(plan.iter().any(|r| r.contains("USING COVERING INDEX casus_bord")), "{plan:?}");
        assert!(!plan.iter().any(|r| r.contains("TEMP B-TREE")), "no sort needed: {plan:?}");
        let bord = s.casus_lijst(&CasusFilter::default()).unwrap();
        assert_eq!(bord.len(), 3);
        assert_eq!(bord[0].casusnummer, "2025-0001");
    }

    /// Upgrade from 0006 to the editing migration (0008): a recorded weging outcome keeps
    /// its date as the weging date, the meeting types become a list whose weegtafel keeps
    /// its category when renamed, and older risk assessments read as made at the start.
    #[test]
    fn upgrade_naar_bewerken_behoudt_weging_en_overlegsoorten() {
        let (_dir, map, sleutel) = oud_schema(
            6,
            8,
            "INSERT INTO instelling(sleutel, waarde) VALUES ('apparaat', 'dev-6'), ('gebruiker', 'Oud');
                 INSERT INTO casus(id, nummer, jaar, volgnummer, werknaam, thema_id, fase, weging_uitkomst,
                                   datum_aanmelding, datum_besluit)
                 VALUES ('c1', '2025-0001', 2025, 1, 'Grijze Reiger', 'thema-nazorg', 'monitoring', 'ondersteunen',
                         '2025-03-01', '2025-03-20'),
                        ('c2', '2025-0002', 2025, 2, 'Stille Eik', 'thema-nazorg', 'aanmelding', NULL,
                         '2025-03-02', NULL);
                 INSERT INTO risico(id, casus_id, leefgebied_id, score) VALUES ('r1', 'c1', 'lg-wonen', 4);
                 INSERT INTO overleg(id, soort, datum) VALUES ('o1', 'weegtafel', '2025-03-20');",
        );
        let mut s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        let w = s.casus_detail_verversen("2025-0001").unwrap().weging.unwrap();
        assert_eq!(w.uitkomst, crate::domain::WegingUitkomst::Ondersteunen);
        assert_eq!(w.datum.as_deref(), Some("2025-03-20"));
        assert_eq!(w.overleg, None);
        assert_eq!(s.casus_detail_verversen("2025-0002").unwrap().weging, None);
        let (moment, beoordelaar): (String, String) = s
            .conn
            .query_row("SELECT moment, beoordelaar FROM risico WHERE id = 'r1'", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert_eq!((moment.as_str(), beoordelaar.as_str()), ("start", ""));
        let soorten: Vec<String> = s.overlegsoorten().unwrap().into_iter().map(|i| i.naam).collect();
        assert_eq!(soorten.len(), crate::domain::OverlegSoort::ALLE.len());
        assert!(s.is_weegtafel("o1").unwrap());
        s.lijst_hernoem("overlegsoort", "weegtafel", "Triageoverleg").unwrap();
        assert!(s.is_weegtafel("o1").unwrap(), "a renamed weegtafel still is one");
        assert!(s.audit_verify().unwrap().in_orde());
    }

    /// Upgrade from 0008 to general agenda items (0010): the agendapunt table is rebuilt
    /// with a nullable casus; existing items and the actions decided on them survive with
    /// their foreign keys intact, and a general item can be added afterwards.
    #[test]
    fn upgrade_naar_algemeen_agendapunt_behoudt_punten_en_acties() {
        let (_dir, map, sleutel) = oud_schema(
            8,
            10,
            "INSERT INTO instelling(sleutel, waarde) VALUES ('apparaat', 'dev-8'), ('gebruiker', 'Oud');
                 INSERT INTO casus(id, nummer, jaar, volgnummer, werknaam, thema_id, fase, datum_aanmelding)
                 VALUES ('c1', '2025-0001', 2025, 1, 'Grijze Reiger', 'thema-nazorg', 'procesregie', '2025-03-01');
                 INSERT INTO overleg(id, soort, datum, begintijd) VALUES ('o1', 'casusoverleg', '2025-03-20', '09:00');
                 INSERT INTO agendapunt(id, overleg_id, casus_id, starttijd, duur_minuten, volgorde, besluit)
                 VALUES ('a1', 'o1', 'c1', '09:00', 20, 1, 'Huisbezoek plannen');
                 INSERT INTO actie(id, casus_id, omschrijving, agendapunt_id)
                 VALUES ('x1', 'c1', 'Huisbezoek', 'a1');",
        );
        let mut s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        let agenda = s.agenda("o1").unwrap();
        assert_eq!(agenda.len(), 1);
        assert_eq!((agenda[0].casusnummer.as_str(), agenda[0].besluit.as_str()), ("2025-0001", "Huisbezoek plannen"));
        assert!(!agenda[0].is_algemeen());
        let fk: i64 = s.conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
        assert_eq!(fk, 0);
        assert_eq!(s.besloten_acties("o1").unwrap().len(), 1);
        let p = s.agendapunt_algemeen("o1", "Mededelingen", 10).unwrap();
        let agenda = s.agenda("o1").unwrap();
        assert_eq!((agenda[1].id.as_str(), agenda[1].starttijd.as_str()), (p.as_str(), "09:20"));
        assert!(s.audit_verify().unwrap().in_orde());
    }

    /// Upgrade 0015 → 0016: the heads of casus.nummer already in the log are indexed by
    /// value, so the claims on a number are found at once; new and removed heads follow
    /// through the triggers.
    #[test]
    fn upgrade_naar_0016_indexeert_de_koppen_van_casusnummers() {
        let (_dir, map, sleutel) = oud_schema(
            15,
            17,
            "INSERT INTO instelling(sleutel, waarde) VALUES ('apparaat', 'dev-14'), ('gebruiker', 'Oud');
             INSERT INTO casus(id, nummer, jaar, volgnummer, werknaam, thema_id, fase, datum_aanmelding)
             VALUES ('c1', '2025-0001', 2025, 1, 'Grijze Reiger', 'thema-nazorg', 'procesregie', '2025-03-01');
             INSERT INTO wijziging(apparaat, volgnummer, hlc, tabel, rij, veld, waarde, casus_id) VALUES
                ('dev-14', 1, 100, 'casus', 'c1', 'nummer', '\"2025-0001\"', 'c1'),
                ('dev-14', 2, 100, 'casus', 'c1', 'werknaam', '\"Grijze Reiger\"', 'c1');
             INSERT INTO kop(tabel, rij, veld, apparaat, volgnummer, hlc) VALUES
                ('casus', 'c1', 'nummer', 'dev-14', 1, 100), ('casus', 'c1', 'werknaam', 'dev-14', 2, 100);",
        );
        let s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        let claims = |s: &Store, nummer: &str| -> Vec<(i64, String, String)> {
            let json = serde_json::Value::String(nummer.into()).to_string();
            let mut stmt = s.conn.prepare(samenvoegen::CLAIMS).unwrap();
            let r = stmt.query_map([json], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
            r.collect::<Result<_, _>>().unwrap()
        };
        assert_eq!(claims(&s, "2025-0001"), vec![(100, "dev-14".to_string(), "c1".to_string())]);
        assert_eq!(s.aantal_rijen("kop_casusnummer"), 1, "only the number, not the name");
        s.conn
            .execute_batch(
                "INSERT INTO wijziging(apparaat, volgnummer, hlc, tabel, rij, veld, waarde, casus_id) VALUES
                    ('dev-x', 1, 90, 'casus', 'c2', 'nummer', '\"2025-0001\"', 'c2');
                 INSERT INTO kop(tabel, rij, veld, apparaat, volgnummer, hlc) VALUES ('casus', 'c2', 'nummer', 'dev-x', 1, 90);",
            )
            .unwrap();
        let namen: Vec<String> = claims(&s, "2025-0001").into_iter().map(|c| c.2).collect();
        assert_eq!(namen, ["c2", "c1"], "oldest claim first");
        schrijven::vergeet_koppen(&s.conn, "casus", "c1").unwrap();
        let namen: Vec<String> = claims(&s, "2025-0001").into_iter().map(|c| c.2).collect();
        assert_eq!(namen, ["c2"], "a removed head is no claim");
        assert_eq!(s.aantal_rijen("kop_casusnummer"), 1);
    }

    /// Upgrade 0015 → 0016: the audit hashes become 32-byte blobs, the chain written as
    /// hex before still verifies and goes on; an entry edited before the upgrade (here:
    /// its hash in capitals, which the old text comparison refused) is still refused.
    #[test]
    fn upgrade_naar_0016_bewaart_audithashes_als_bytes_en_de_keten_klopt() {
        let mut sql = String::from(
            "INSERT INTO instelling(sleutel, waarde) VALUES ('apparaat', 'dev-14'), ('gebruiker', 'Oud');",
        );
        let ketting = |vervalst: bool| {
            let mut sql = String::new();
            let mut vorige = schrijven::AUDIT_BEGIN.to_string();
            for (nr, rij) in [(1, "p1"), (2, "p2"), (3, "p3")] {
                let velden = ["2025-01-01T00:00:00.000Z", "Oud", "dev-14", "aanmaken", "partner", rij, "", ""];
                let hash = schrijven::audit_hash(&vorige, velden, None);
                let opgeslagen = if vervalst && nr == 2 { hash.to_uppercase() } else { hash.clone() };
                sql.push_str(&format!(
                    "INSERT INTO audit(nr, tijdstip, gebruiker, apparaat, handeling, tabel, rij, veld, casus_id, vorige_hash,
                     hash) VALUES ({nr}, '{}', 'Oud', 'dev-14', 'aanmaken', 'partner', '{rij}', NULL, NULL, '{vorige}', '{opgeslagen}');",
                    velden[0]
                ));
                vorige = hash;
            }
            sql.push_str(&format!(
                "INSERT INTO instelling(sleutel, waarde) VALUES ('audit_kop', '{vorige}'), ('audit_aantal', '3');"
            ));
            sql
        };
        sql.push_str(&ketting(false));
        let (_dir, map, sleutel) = oud_schema(15, 21, &sql);
        let mut s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        let (soort, lengte): (String, i64) = s
            .conn
            .query_row("SELECT DISTINCT typeof(hash), length(hash) FROM audit", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert_eq!((soort.as_str(), lengte), ("blob", 32));
        let controle = s.audit_verify().unwrap();
        assert!(controle.in_orde(), "{controle:?}");
        assert_eq!(controle.aantal, 3);
        s.medewerker_toevoegen("Sanne Ørbæk", crate::domain::MedewerkerRol::Procesregisseur, None).unwrap();
        let controle = s.audit_verify().unwrap();
        assert!(controle.in_orde() && controle.aantal > 3, "{controle:?}");
        let (_dir2, map2, sleutel2) = oud_schema(
            15,
            22,
            &format!(
                "INSERT INTO instelling(sleutel, waarde) VALUES ('apparaat', 'dev-14'), ('gebruiker', 'Oud');{}",
                ketting(true)
            ),
        );
        let s = Store::open(&map2, &sleutel2).unwrap();
        assert_eq!(s.audit_verify().unwrap().eerste_fout, Some(2));
    }

    /// Upgrade 0018 → 0019: the heads lose their copy of the clock and take it from their
    /// operation. Every head is still there with the same clock, the winner of a field
    /// with two heads is the same, the claims on a casusnummer still come oldest first,
    /// and a head written after the upgrade is indexed by its number with its clock.
    #[test]
    fn upgrade_naar_0019_koppen_nemen_hun_klok_uit_de_operatie() {
        let (_dir, map, sleutel) = oud_schema(
            18,
            19,
            "INSERT INTO instelling(sleutel, waarde) VALUES ('apparaat', 'dev-18'), ('gebruiker', 'Oud');
             INSERT INTO partner(id, naam) VALUES ('p1', 'Huize Lijsterbes');
             INSERT INTO casus(id, nummer, jaar, volgnummer, werknaam, thema_id, fase, datum_aanmelding)
             VALUES ('c1', '2025-0001', 2025, 1, 'Blauwe Gaai', 'thema-nazorg', 'procesregie', '2025-03-01');
             INSERT INTO wijziging(apparaat, volgnummer, hlc, tabel, rij, veld, waarde, casus_id) VALUES
                ('dev-18', 1, 100, 'partner', 'p1', 'naam', '\"Huize Lijsterbes\"', NULL),
                ('dev-zz', 1, 300, 'partner', 'p1', 'naam', '\"Huize Merel\"', NULL),
                ('dev-18', 2, 200, 'casus', 'c1', 'nummer', '\"2025-0001\"', 'c1');
             INSERT INTO kop(tabel, rij, veld, apparaat, volgnummer, hlc) VALUES
                ('partner', 'p1', 'naam', 'dev-18', 1, 100), ('partner', 'p1', 'naam', 'dev-zz', 1, 300),
                ('casus', 'c1', 'nummer', 'dev-18', 2, 200);",
        );
        let koppen = |conn: &Connection| -> Vec<Vec<Value>> {
            let mut stmt = conn.prepare("SELECT * FROM kop ORDER BY apparaat, volgnummer").unwrap();
            let n = stmt.column_count();
            let r =
                stmt.query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect::<Result<Vec<_>, _>>()).unwrap();
            r.collect::<Result<Vec<_>, _>>().unwrap()
        };
        let koppen_voor = koppen(&verbind(&map.db_pad(), Some(&sleutel), true).unwrap());
        assert_eq!(koppen_voor.len(), 3);
        let s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        let klok: i64 = s
            .conn
            .query_row("SELECT count(*) FROM pragma_table_info('kop_nr') WHERE name = 'hlc'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(klok, 0, "kop_nr no longer holds the clock");
        assert_eq!(koppen(&s.conn), koppen_voor, "every head, with the clock of its operation");
        let k = schrijven::koppen(&s.conn, "partner", "p1", "naam").unwrap();
        let volgorde: Vec<(&str, i64)> = k.iter().map(|k| (k.apparaat.as_str(), k.hlc)).collect();
        assert_eq!(volgorde, [("dev-zz", 300), ("dev-18", 100)], "the newest head wins");
        let claims = |s: &Store| -> Vec<(i64, String, String)> {
            let json = serde_json::Value::String("2025-0001".into()).to_string();
            let mut stmt = s.conn.prepare(samenvoegen::CLAIMS).unwrap();
            let r = stmt.query_map([json], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
            r.collect::<Result<_, _>>().unwrap()
        };
        assert_eq!(claims(&s), [(200, "dev-18".to_string(), "c1".to_string())]);
        s.conn
            .execute_batch(
                "INSERT INTO wijziging(apparaat, volgnummer, hlc, tabel, rij, veld, waarde, casus_id) VALUES
                    ('dev-x', 1, 90, 'casus', 'c2', 'nummer', '\"2025-0001\"', 'c2');
                 INSERT INTO kop(tabel, rij, veld, apparaat, volgnummer) VALUES ('casus', 'c2', 'nummer', 'dev-x', 1);",
            )
            .unwrap();
        let hlc: i64 = s
            .conn
            .query_row(
                "SELECT hlc FROM kop_casusnummer WHERE rij = (SELECT nr FROM tekstnr WHERE tekst = 'c2')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(hlc, 90, "the new head's number is indexed with its operation's clock");
        let namen: Vec<String> = claims(&s).into_iter().map(|c| c.2).collect();
        assert_eq!(namen, ["c2", "c1"], "oldest claim first");
    }

    /// Upgrade 0019 → 0020: the search rows lose the index by casus (`zoekrij_casus`),
    /// which no statement used. Search still finds what was indexed before the upgrade,
    /// and the statements that reach `zoekrij` (search, the board's search filter, the
    /// index triggers) find their rows by key, not by scanning it.
    #[test]
    fn upgrade_naar_0020_zoekt_zonder_index_op_casus() {
        let (_dir, map, sleutel) = oud_schema(
            19,
            21,
            "INSERT INTO casus(id, nummer, jaar, volgnummer, werknaam, thema_id, fase, datum_aanmelding, probleem)
             VALUES ('c1', '2025-0001', 2025, 1, 'Grijze Reiger', 'thema-nazorg', 'procesregie', '2025-03-01',
                     'Onrust in de wijk. Huisbezoek door wijkagent en GGZ samen.');",
        );
        let s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        let index: i64 = s
            .conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'zoekrij_casus'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(index, 0);
        let t = s.zoek("huisbezo", 10).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].casus.casusnummer, "2025-0001");
        assert!(t[0].fragment.contains("[Huisbezoek]"), "{}", t[0].fragment);
        // The statements as schema 22 has them (search rows by number, `zoekrij_nr`).
        for (sql, param) in [
            (
                "SELECT t.tekst FROM zoekindex JOIN zoekrij_nr z ON z.nr = zoekindex.rowid
                 JOIN tekstnr t ON t.nr = z.casus WHERE zoekindex MATCH ?1",
                "huis*",
            ),
            ("SELECT z.casus_id, z.bron FROM zoekrij z WHERE z.nr = ?1", "1"),
            ("SELECT tekst FROM zoektekst WHERE nr = ?1", "1"),
            // As the index triggers read the text of a row.
            (
                "SELECT tekst FROM zoektekst
                 WHERE nr = (SELECT z.nr FROM zoekrij_nr z JOIN tekstnr r ON r.nr = z.rij WHERE r.tekst = ?1)",
                "c1",
            ),
            ("DELETE FROM zoekrij_nr WHERE rij = (SELECT nr FROM tekstnr WHERE tekst = ?1)", "c1"),
            ("SELECT nr FROM zoekrij WHERE rij = ?1", "c1"),
        ] {
            let plan = testhulp::plan(&s.conn, sql, &[param]);
            let zoekrij = |r: &String, stap: &str| {
                ["z", "zoekrij", "zoekrij_nr"].iter().any(|t| r.starts_with(&format!("{stap} {t} ")))
            };
            assert!(plan.iter().any(|r| zoekrij(r, "SEARCH")), "{sql}: {plan:?}");
            assert!(!plan.iter().any(|r| zoekrij(r, "SCAN")), "{sql}: {plan:?}");
        }
    }

    /// Upgrade 0017 → 0018: the actions of an agendapunt (agenda and verslag PDFs) are
    /// found through the index `actie_agendapunt`, not by scanning every action; the
    /// actions from before the upgrade are in it.
    #[test]
    fn upgrade_naar_0018_vindt_de_acties_van_een_agendapunt_via_een_index() {
        let (_dir, map, sleutel) = oud_schema(
            17,
            19,
            "BEGIN;
             INSERT INTO casus(id, nummer, jaar, volgnummer, werknaam, thema_id, fase, datum_aanmelding)
             VALUES ('c1', '2025-0001', 2025, 1, 'Grijze Reiger', 'thema-nazorg', 'procesregie', '2025-03-01');
             INSERT INTO overleg(id, datum) VALUES ('o1', '2025-03-10');
             INSERT INTO agendapunt(id, overleg_id, casus_id) VALUES ('p1', 'o1', 'c1');
             INSERT INTO actie(id, casus_id, omschrijving, volgorde, agendapunt_id) VALUES
                ('a2', 'c1', 'Tweede', 2, 'p1'), ('a1', 'c1', 'Eerste', 1, 'p1'), ('a3', 'c1', 'Los', 3, NULL);
             COMMIT;",
        );
        let s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        for analyse in ["", "ANALYZE"] {
            s.conn.execute_batch(analyse).unwrap();
            let plan = testhulp::plan(&s.conn, rapport::ACTIES_VAN_AGENDAPUNT, &["p1"]);
            assert!(plan.iter().any(|r| r.contains("USING INDEX actie_agendapunt (agendapunt_id=?)")), "{plan:?}");
            assert!(plan.iter().all(|r| !r.starts_with("SCAN a") && !r.contains("TEMP B-TREE")), "{plan:?}");
        }
        let mut stmt = s.conn.prepare(rapport::ACTIES_VAN_AGENDAPUNT).unwrap();
        let acties: Vec<String> =
            stmt.query_map(["p1"], |r| r.get::<_, String>(0)).unwrap().collect::<Result<_, _>>().unwrap();
        assert_eq!(acties, ["Eerste", "Tweede"]);
    }

    /// Upgrade 0016 → 0017: the audit log keeps its texts as numbers, timestamps as
    /// milliseconds and no previous hash where it is the hash before. Every entry reads
    /// back exactly as before (the view `audit` and the Historie), the chain verifies and
    /// goes on, and an entry edited before the upgrade (a text, or only its previous hash)
    /// still fails, as does one edited or deleted after it.
    #[test]
    fn upgrade_naar_0017_bewaart_de_audit_klein_en_de_keten_klopt() {
        // (tijdstip, gebruiker, handeling, tabel, rij, veld, casus, toelichting)
        let regels = [
            ("2025-01-01T00:00:00.000Z", "Oud", "aanmaken", "casus", "c-17", "", "c-17", None),
            ("2025-06-30T23:59:59.999Z", "Anouk Dijkstra", "wijzigen", "casus", "c-17", "werknaam", "c-17", None),
            // Not the form this code writes: stays text.
            ("2025-07-01T10:00:00+02:00", "Oud", "inzien", "betrokkene", "b-17", "", "c-17", None),
            ("2026-02-28T12:00:00.500Z", "Oud", "vernietigen", "casus", "c-18", "", "", Some("2024-0001 verwijderd")),
        ];
        let ketting = |vervalst: Option<&str>| {
            let mut sql = String::from(
                "INSERT INTO instelling(sleutel, waarde) VALUES ('apparaat', 'dev-16'), ('gebruiker', 'Oud');",
            );
            let mut vorige = schrijven::AUDIT_BEGIN.to_string();
            for (i, (tijd, wie, wat, tabel, rij, veld, casus, toelichting)) in regels.iter().enumerate() {
                let nr = i + 1;
                let hash =
                    schrijven::audit_hash(&vorige, [tijd, wie, "dev-16", wat, tabel, rij, veld, casus], *toelichting);
                let tekst = |t: &str| if t.is_empty() { "NULL".to_string() } else { format!("'{t}'") };
                let (wie, vorige_opgeslagen) = match vervalst {
                    Some("gebruiker") if nr == 2 => ("Iemand Anders", vorige.clone()),
                    Some("vorige_hash") if nr == 3 => (*wie, "ab".repeat(32)),
                    _ => (*wie, vorige.clone()),
                };
                sql.push_str(&format!(
                    "INSERT INTO audit(nr, tijdstip, gebruiker, apparaat, handeling, tabel, rij, veld, casus_id, vorige_hash,
                     hash, toelichting) VALUES ({nr}, '{tijd}', '{wie}', 'dev-16', '{wat}', '{tabel}', '{rij}', {}, {},
                     X'{vorige_opgeslagen}', X'{hash}', {});",
                    tekst(veld),
                    tekst(casus),
                    toelichting.map_or("NULL".to_string(), |t| format!("'{t}'")),
                ));
                vorige = hash;
            }
            sql.push_str(&format!(
                "INSERT INTO instelling(sleutel, waarde) VALUES ('audit_kop', '{vorige}'), ('audit_aantal', '4');"
            ));
            sql
        };
        const ALLES: &str = "SELECT nr, tijdstip, gebruiker, apparaat, handeling, tabel, rij, veld, casus_id,
                             hex(vorige_hash), hex(hash), toelichting FROM audit ORDER BY nr";
        let alles = |c: &Connection| -> Vec<Vec<rusqlite::types::Value>> {
            let mut stmt = c.prepare(ALLES).unwrap();
            let r = stmt.query_map([], |r| (0..12).map(|i| r.get(i)).collect()).unwrap();
            r.collect::<Result<_, _>>().unwrap()
        };
        let historie_16 = |c: &Connection| -> Vec<audit::AuditRegel> {
            let mut stmt = c
                .prepare(
                    "SELECT nr, tijdstip, gebruiker, apparaat, handeling, tabel, rij, veld FROM audit
                     WHERE casus_id = 'c-17' ORDER BY nr DESC",
                )
                .unwrap();
            let r = stmt.query_map([], audit::regel_van).unwrap();
            r.collect::<Result<_, _>>().unwrap()
        };

        let (_dir, map, sleutel) = oud_schema(16, 23, &ketting(None));
        let (voor, historie_voor) = {
            let c = verbind(&map.db_pad(), Some(&sleutel), true).unwrap();
            (alles(&c), historie_16(&c))
        };
        assert_eq!(historie_voor.len(), 3);
        let mut s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        assert_eq!(alles(&s.conn), voor, "the view shows every entry as it was stored");
        assert_eq!(s.audit_casus("c-17", 10).unwrap(), historie_voor, "the Historie reads the same");
        let controle = s.audit_verify().unwrap();
        assert!(controle.in_orde() && controle.aantal == 4, "{controle:?}");
        let opslag: Vec<(String, bool)> = {
            let mut stmt =
                s.conn.prepare("SELECT typeof(tijdstip), vorige_hash IS NULL FROM audit_nr ORDER BY nr").unwrap();
            let r = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
            r.collect::<Result<_, _>>().unwrap()
        };
        let soorten: Vec<&str> = opslag.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(soorten, ["integer", "integer", "text", "integer"]);
        assert!(opslag.iter().all(|(_, leeg)| *leeg), "no previous hash is stored where it is the one before");

        // The chain goes on, written the new way.
        s.medewerker_toevoegen("Sanne Ørbæk", crate::domain::MedewerkerRol::Procesregisseur, None).unwrap();
        let controle = s.audit_verify().unwrap();
        assert!(controle.in_orde() && controle.aantal > 4, "{controle:?}");
        // Edits after the upgrade, through the old name: a text, a deleted entry in the middle.
        s.conn.execute_batch("UPDATE audit SET gebruiker = 'Iemand Anders' WHERE nr = 2;").unwrap();
        assert_eq!(s.audit_verify().unwrap().eerste_fout, Some(2));
        s.conn.execute_batch("UPDATE audit SET gebruiker = 'Anouk Dijkstra' WHERE nr = 2;").unwrap();
        assert!(s.audit_verify().unwrap().in_orde(), "undoing the edit restores the chain");
        s.conn.execute_batch("DELETE FROM audit WHERE nr = 2;").unwrap();
        assert_eq!(s.audit_verify().unwrap().eerste_fout, Some(3), "the entry after a deleted one fails");

        // Edited at schema 16: still refused at 17.
        for (veld, byte, fout) in [("gebruiker", 24, 2), ("vorige_hash", 25, 3)] {
            let (_dir, map, sleutel) = oud_schema(16, byte, &ketting(Some(veld)));
            let s = Store::open(&map, &sleutel).unwrap();
            assert_eq!(s.audit_verify().unwrap().eerste_fout, Some(fout), "{veld} edited before the upgrade");
        }
    }

    /// A new database numbers its own device 1 and every table name, action and field
    /// name before any row id, so that the change log and the audit log repeat the
    /// smallest numbers (stored in zero or one byte), whatever is written first.
    #[test]
    fn een_nieuwe_database_nummert_apparaat_en_namen_eerst() {
        let (_dir, mut s) = testhulp::nieuwe_store();
        let nummer = |s: &Store, tekst: &str| -> i64 {
            s.conn.query_row("SELECT nr FROM tekstnr WHERE tekst = ?1", [tekst], |r| r.get(0)).unwrap()
        };
        let namen: usize = s.aantal_rijen("tekstnr") as usize;
        s.nieuwe_casus(NieuweCasus { werknaam: "Stille Ekster".into(), thema: "nazorg".into(), ..Default::default() })
            .unwrap();
        assert_eq!(nummer(&s, &s.apparaat), 1);
        let tabellen: Vec<i64> = schrijven::ALLE.iter().map(|t| nummer(&s, t.naam)).collect();
        assert!(tabellen.iter().all(|n| *n <= 127), "{tabellen:?}");
        for h in schrijven::handeling::ALLE {
            assert!(nummer(&s, h) <= 127, "{h}");
        }
        let casus_id: String = s.conn.query_row("SELECT id FROM casus", [], |r| r.get(0)).unwrap();
        assert!(nummer(&s, &casus_id) as usize > namen, "row ids come after the names");
    }

    /// A data dir whose database stops at migration `n` (an older replica to upgrade), with
    /// `sql` run on it, encrypted with the key `byte` repeated 32 times.
    fn oud_schema(n: usize, byte: u8, sql: &str) -> (tempfile::TempDir, Gegevensmap, DbSleutel) {
        let dir = tempfile::tempdir().unwrap();
        let map = Gegevensmap::new(dir.path().join("data"));
        maak_prive_map(map.pad()).unwrap();
        let sleutel = DbSleutel::van_bytes([byte; 32]);
        let mut conn = verbind(&map.db_pad(), Some(&sleutel), true).unwrap();
        Migrations::new(migraties_tot(n)).to_latest(&mut conn).unwrap();
        conn.execute_batch(sql).unwrap();
        (dir, map, sleutel)
    }

    /// Upgrade from 0010 to adviesvragen and opschalingen (0012): existing cases survive,
    /// the new tables start empty, and an adviesvraag can be recorded and converted.
    #[test]
    fn upgrade_naar_adviesvragen_en_opschalingen() {
        let (_dir, map, sleutel) = oud_schema(10, 12, "INSERT INTO instelling(sleutel, waarde) VALUES ('apparaat', 'dev-10'), ('gebruiker', 'Oud');
                 INSERT INTO gemeente(id, naam) VALUES ('g1', 'Tytsjerksteradiel');
                 INSERT INTO casus(id, nummer, jaar, volgnummer, werknaam, thema_id, fase, datum_aanmelding, gemeente_id)
                 VALUES ('c1', '2025-0001', 2025, 1, 'Grijze Reiger', 'thema-nazorg', 'procesregie', '2025-03-01', 'g1');");
        let mut s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        assert_eq!((s.aantal("adviesvraag").unwrap(), s.aantal("opschaling").unwrap()), (0, 0));
        assert_eq!(s.casus_regel("2025-0001").unwrap().werknaam, "Grijze Reiger");
        let id = s
            .advies_toevoegen(NieuweAdviesvraag {
                thema: "nazorg".into(),
                gemeente: "Tytsjerksteradiel".into(),
                vraag: "Hoe verder?".into(),
                ..Default::default()
            })
            .unwrap();
        let n = s.advies_omzetten(&id, Some("Witte Spar")).unwrap().to_string();
        assert_eq!(s.adviesvraag(&id).unwrap().casusnummer, Some(n));
        assert!(s.audit_verify().unwrap().in_orde());
    }

    /// Upgrade 0010 → detentiemeldingen (0013): existing cases are untouched, the new
    /// tables are empty and take a melding, and the audit chain stays intact.
    #[test]
    fn upgrade_naar_detentiemelding_voegt_lege_tabellen_toe() {
        let (_dir, map, sleutel) = oud_schema(
            10,
            13,
            "INSERT INTO instelling(sleutel, waarde) VALUES ('apparaat', 'dev-10'), ('gebruiker', 'Oud');
                 INSERT INTO casus(id, nummer, jaar, volgnummer, werknaam, thema_id, fase, datum_aanmelding)
                 VALUES ('c1', '2025-0001', 2025, 1, 'Grijze Reiger', 'thema-nazorg', 'procesregie', '2025-03-01');",
        );
        let mut s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        assert_eq!(s.casus_regel("2025-0001").unwrap().werknaam, "Grijze Reiger");
        assert!(s.meldingen(None).unwrap().is_empty());
        let m =
            s.medewerker_toevoegen("Femke Nazorgström", crate::domain::MedewerkerRol::Nazorgcoordinator, None).unwrap();
        let id = s
            .melding_toevoegen(NieuweMelding {
                behandelaar: m,
                naam: "Joëlle Vermeulenga".into(),
                geboortedatum: chrono::NaiveDate::from_ymd_opt(1990, 4, 2),
                inrichting: "PI Leeuwarden".into(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(s.meldingen(None).unwrap()[0].id, id);
        s.casus_aanbod(
            "2025-0001",
            crate::domain::AanbodGebied::Inkomen,
            crate::domain::AanbodStatus::Geregeld,
            None,
            "",
        )
        .unwrap();
        assert_eq!(s.casus_aanbod_lijst("2025-0001").unwrap().len(), 1);
        assert!(s.audit_verify().unwrap().in_orde());
    }

    /// Upgrade 0010 → koppelingen (0014): existing casussen get an empty link table, can
    /// be linked afterwards (the link syncs with the pair's scope key) and the audit chain
    /// stays intact.
    #[test]
    fn upgrade_naar_koppeling_laat_casussen_koppelen() {
        let (_dir, map, sleutel) = oud_schema(
            10,
            14,
            "INSERT INTO instelling(sleutel, waarde) VALUES ('apparaat', 'dev-10'), ('gebruiker', 'Oud');
                 INSERT INTO casus(id, nummer, jaar, volgnummer, werknaam, fase, datum_aanmelding)
                 VALUES ('c1', '2025-0001', 2025, 1, 'Grijze Reiger', 'procesregie', '2025-03-01'),
                        ('c2', '2025-0002', 2025, 2, 'Blauwe Reiger', 'procesregie', '2025-03-02');",
        );
        let mut s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        assert!(s.koppelingen("2025-0001").unwrap().is_empty());
        s.koppel("2025-0002", "2025-0001", crate::domain::KoppelSoort::Gezin, "Zelfde huishouden").unwrap();
        let k = s.koppelingen("2025-0001").unwrap();
        assert_eq!(k.len(), 1);
        assert_eq!((k[0].casus.casusnummer.as_str(), k[0].soort), ("2025-0002", crate::domain::KoppelSoort::Gezin));
        let scopes: Vec<String> = s
            .conn
            .prepare("SELECT DISTINCT casus_id FROM wijziging WHERE tabel = 'koppeling'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(scopes, ["c1+c2"]);
        assert!(s.audit_verify().unwrap().in_orde());
    }

    /// Upgrade 0014 → PI-bezoekdag (0015): an existing melding with its detention in PI
    /// Veenhuizen can be put on a new bezoek and get a report; the audit chain stays intact.
    #[test]
    fn upgrade_naar_bezoekdag_laat_een_melding_bezoeken() {
        let (_dir, map, sleutel) = oud_schema(
            14,
            15,
            "INSERT INTO instelling(sleutel, waarde) VALUES ('apparaat', 'dev-14'), ('gebruiker', 'Oud');
                 INSERT INTO detentiemelding(id, naam, geboortedatum, inrichting, einddatum_verwacht)
                 VALUES ('8d2f6a1e-0000-4000-8000-000000000001', 'Joëlle Vermeulenga', '1990-04-02',
                         'PI Veenhuizen', '2027-01-15');",
        );
        let mut s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        assert!(s.bezoeken().unwrap().is_empty());
        let m = crate::domain::BezoekPersoon::Melding("8d2f6a1e-0000-4000-8000-000000000001".into());
        let tb =
            s.medewerker_toevoegen("Sanne Ådelaar", crate::domain::MedewerkerRol::Trajectbegeleider, None).unwrap();
        let id = s
            .bezoek_nieuw(NieuwBezoek {
                inrichting: "PI Veenhuizen".into(),
                datum: chrono::NaiveDate::from_ymd_opt(2026, 12, 3),
                behandelaar: Some(tb),
                personen: vec![m.clone()],
            })
            .unwrap();
        assert_eq!(s.bezoek_verslagen(&id, &[(m, "Gesproken".into())]).unwrap(), 1);
        assert_eq!(s.melding_verversen("8d2f6a1e").unwrap().notities[0].tekst, "Gesproken");
        assert!(s.audit_verify().unwrap().in_orde());
    }

    /// Upgrade 3 → 0005: a database made before bundle recipients were recorded gets the
    /// empty table; the next bundle's recipients land in it, the audit chain stays intact,
    /// and removing the casus after its term removes its rows.
    #[test]
    fn upgrade_naar_0005_registreert_bundelontvangers() {
        let dir = tempfile::tempdir().unwrap();
        let map = Gegevensmap::new(dir.path().join("data"));
        maak_prive_map(map.pad()).unwrap();
        let sleutel = DbSleutel::van_bytes([3; 32]);
        {
            let mut conn = verbind(&map.db_pad(), Some(&sleutel), true).unwrap();
            Migrations::new(migraties_tot(3)).to_latest(&mut conn).unwrap();
            conn.execute_batch(
                "INSERT INTO instelling(sleutel, waarde) VALUES ('apparaat', 'dev-3'), ('gebruiker', 'Oud');",
            )
            .unwrap();
            let geen: i64 = conn
                .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'bundel_verzending'", [], |r| r.get(0))
                .unwrap();
            assert_eq!(geen, 0);
        }
        let mut s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        let vandaag = casus::vandaag();
        let (n, _) = crate::demo::volle_casus(&mut s, "up5", vandaag - chrono::Duration::days(2000)).unwrap();
        let id = casus::casus_id(&s.conn, &n).unwrap();
        s.bundel_verzending_registreer("bundel-1", &[("dev-b".into(), "Collega B".into())], std::slice::from_ref(&id))
            .unwrap();
        let rijen = |s: &Store| -> i64 {
            s.conn.query_row("SELECT count(*) FROM bundel_verzending WHERE casus_id = ?1", [&id], |r| r.get(0)).unwrap()
        };
        assert_eq!(rijen(&s), 1);
        assert!(s.audit_verify().unwrap().in_orde());
        s.casus_vernietigen(&n, "Termijn verstreken", vandaag).unwrap();
        assert_eq!(rijen(&s), 0, "the recipients of a removed casus are removed with it");
    }

    #[test]
    fn failed_write_rolls_back_everything() {
        let (_d, mut s) = testhulp::nieuwe_store();
        let n = s
            .nieuwe_casus(NieuweCasus { werknaam: "Eik".into(), thema: "com".into(), ..Default::default() })
            .unwrap()
            .to_string();
        let voor = (s.aantal("audit").unwrap(), s.aantal("wijziging").unwrap(), s.aantal("betrokkene").unwrap());
        // Invalid BSN: refused before anything is written.
        let fout = s.betrokkene_toevoegen(
            &n,
            NieuweBetrokkene {
                naam: "A. Voorbeeld".into(),
                geboortedatum: None,
                rol: crate::domain::Rol::Hoofdpersoon,
                bsn: Some("123456789".into()),
                initialen: None,
            },
        );
        assert!(matches!(fout, Err(StoreFout::Domein(DomeinFout::OngeldigBsn(_)))));
        // A write that fails inside the transaction (unknown contact) leaves nothing behind.
        let fout = s.actie_toevoegen(
            &n,
            NieuweActie { omschrijving: "x".into(), contact_id: Some("bestaat-niet".into()), ..Default::default() },
        );
        assert!(fout.is_err());
        let na = (s.aantal("audit").unwrap(), s.aantal("wijziging").unwrap(), s.aantal("betrokkene").unwrap());
        assert_eq!(voor, na);
    }

    /// The value of each operation of field `veld` of `rij`, oldest first, as stored.
    fn opgeslagen_waarden(s: &Store, rij: &str, veld: &str) -> Vec<Option<String>> {
        s.conn
            .prepare("SELECT waarde FROM wijziging WHERE rij = ?1 AND veld = ?2 ORDER BY volgnummer")
            .unwrap()
            .query_map([rij, veld], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// The values a colleague receives for field `veld` of `rij`, oldest first.
    fn verzonden_waarden(s: &Store, rij: &str, veld: &str) -> Vec<serde_json::Value> {
        let ops = s.operaties_na(&std::collections::BTreeMap::new(), None).unwrap();
        ops.into_iter().filter(|w| w.rij == rij && w.veld.as_deref() == Some(veld)).filter_map(|w| w.waarde).collect()
    }

    /// Schema 21: a field's only current value lives in its row, not a second time in its
    /// operation; a colleague still receives it. Before the row changes (an edit, a
    /// deletion) the value goes back into its operation, so a superseded value is still
    /// sent as it was written. The casusnummer keeps its value in the log (an import can
    /// renumber the row).
    #[test]
    fn een_enige_waarde_woont_in_de_rij_en_gaat_terug_in_de_log_voor_de_rij_verandert() {
        use serde_json::json;
        let (_d, mut s) = testhulp::nieuwe_store();
        let nr = s
            .nieuwe_casus(NieuweCasus {
                werknaam: "Stille Reiger".into(),
                thema: "nazorg".into(),
                ..Default::default()
            })
            .unwrap()
            .to_string();
        let id = s.casus_id(&nr).unwrap();
        assert_eq!(opgeslagen_waarden(&s, &id, "werknaam"), [None]);
        assert_eq!(opgeslagen_waarden(&s, &id, "nummer"), [Some(json!(nr).to_string())]);
        assert_eq!(verzonden_waarden(&s, &id, "werknaam"), [json!("Stille Reiger")]);

        s.casus_wijzig(&nr, &CasusWijziging { werknaam: Some("Luide Reiger".into()), ..Default::default() }).unwrap();
        assert_eq!(opgeslagen_waarden(&s, &id, "werknaam"), [Some(json!("Stille Reiger").to_string()), None]);
        assert_eq!(verzonden_waarden(&s, &id, "werknaam"), [json!("Stille Reiger"), json!("Luide Reiger")]);

        let lg = s.leefgebieden().unwrap()[0].id.clone();
        let doel = s.doel_toevoegen(&nr, &lg, "Een eigen woning").unwrap();
        assert_eq!(opgeslagen_waarden(&s, &doel, "omschrijving"), [None]);
        s.doel_verwijder(&doel).unwrap();
        assert_eq!(opgeslagen_waarden(&s, &doel, "omschrijving"), [Some(json!("Een eigen woning").to_string())]);
        assert_eq!(verzonden_waarden(&s, &doel, "omschrijving"), [json!("Een eigen woning")]);
        assert_eq!(s.waarden_in_rij_fouten().unwrap(), Vec::<String>::new());
    }

    /// Upgrade to schema 21 from a database as schema 20 wrote it (every value in its
    /// operation): the values of single heads move into their rows, a field with two
    /// competing values and the casusnummer keep theirs, and the log reads the same.
    #[test]
    fn upgrade_naar_0021_zet_enige_waarden_in_de_rij_zonder_verschil() {
        let (_dir, map, sleutel, mut s, nr, id) = store_met_casus(21, "Grijze Gors");
        s.casus_wijzig(&nr, &CasusWijziging { probleem: Some("Geen woning".into()), ..Default::default() }).unwrap();
        // Schema 20 kept every value in its operation.
        elke_rij(&s.conn, |t, rij| {
            schrijven::waarden_terug(&s.conn, t, rij, None).unwrap();
        });
        // A colleague's concurrent werknaam: two heads, an open conflict.
        s.conn
            .execute_batch(&format!(
                "INSERT INTO wijziging(apparaat, volgnummer, hlc, tabel, rij, veld, waarde, casus_id)
                 VALUES ('dev-ander', 1, 1, 'casus', '{id}', 'werknaam', '\"Bonte Gors\"', '{id}');
                 INSERT INTO kop(tabel, rij, veld, apparaat, volgnummer, hlc) VALUES ('casus', '{id}', 'werknaam', 'dev-ander', 1, 1);
                 INSERT INTO conflictveld(tabel, rij, veld, casus_id) VALUES ('casus', '{id}', 'werknaam', '{id}');"
            ))
            .unwrap();
        // Migration 0021 only sets this flag; the later migrations do not touch the log.
        s.conn
            .execute_batch(&format!(
                "INSERT OR REPLACE INTO instelling(sleutel, waarde) VALUES ('{}', '1');",
                instelling::WAARDEN_NAAR_RIJ
            ))
            .unwrap();
        let in_log = |s: &Store| -> i64 {
            s.conn.query_row("SELECT count(*) FROM wijziging_nr WHERE waarde IS NULL", [], |r| r.get(0)).unwrap()
        };
        assert_eq!(in_log(&s), 0);
        let voor = (logtabellen(&s.conn), s.synchrone_staat().unwrap());
        drop(s);

        let s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        assert_eq!((logtabellen(&s.conn), s.synchrone_staat().unwrap()), voor, "the log reads the same");
        assert!(in_log(&s) > 10, "single values moved into their rows: {}", in_log(&s));
        assert_eq!(opgeslagen_waarden(&s, &id, "probleem"), [None]);
        assert_eq!(opgeslagen_waarden(&s, &id, "nummer"), [Some(serde_json::json!(nr).to_string())]);
        assert!(opgeslagen_waarden(&s, &id, "werknaam").iter().all(Option::is_some), "a conflict keeps both values");
        assert_eq!(s.conflicten(None).unwrap().len(), 1);
        assert_eq!(s.waarden_in_rij_fouten().unwrap(), Vec::<String>::new());
        assert_eq!(s.instelling(instelling::WAARDEN_NAAR_RIJ).unwrap(), None, "the move runs once");
    }

    /// Upgrade 0022 → 0023 and the creation runs themselves (`aanmaak_nr`): a fresh row's
    /// operations are one record; an edit takes only its own field out of it; a log of
    /// single operations (schema 22) is regrouped at the upgrade. None of this changes the
    /// log as it reads (`wijziging`, `kop`), the synced state, or what a colleague receives.
    #[test]
    fn upgrade_naar_0023_aanmaak_per_rij_zonder_verschil() {
        let (_dir, map, sleutel, mut s, nr, id) = store_met_casus(23, "Grijze Gors");
        let velden_in_run = |s: &Store, tabel: &str, rij: &str| -> Vec<String> {
            schrijven::aanmaak_koppen(&s.conn, tabel, rij).unwrap().into_iter().map(|k| k.0).collect()
        };
        let aantal = |s: &Store, tabel: &str| -> i64 {
            s.conn.query_row(&format!("SELECT count(*) FROM {tabel}"), [], |r| r.get(0)).unwrap()
        };
        // A fresh casus: its fields in one run; the casusnummer keeps its value in the log.
        let run = velden_in_run(&s, "casus", &id);
        assert!(run.contains(&"werknaam".to_string()) && run.contains(&"thema_id".to_string()), "{run:?}");
        assert!(!run.contains(&"nummer".to_string()), "{run:?}");
        assert_eq!(opgeslagen_waarden(&s, &id, "werknaam"), [None], "one operation, its value in the row");
        assert_eq!(opgeslagen_waarden(&s, &id, "nummer"), [Some(serde_json::json!(nr).to_string())]);
        let voor_de_wijziging = s.operaties_na(&std::collections::BTreeMap::new(), None).unwrap();
        // An edit takes its field out of the run, with the old value; the others stay.
        s.casus_wijzig(&nr, &CasusWijziging { werknaam: Some("Blauwe Gors".into()), ..Default::default() }).unwrap();
        let run_na = velden_in_run(&s, "casus", &id);
        assert_eq!(run_na.len(), run.len() - 1);
        assert!(!run_na.contains(&"werknaam".to_string()), "{run_na:?}");
        assert_eq!(opgeslagen_waarden(&s, &id, "werknaam"), [Some("\"Grijze Gors\"".to_string()), None]);
        assert_eq!(verzonden_waarden(&s, &id, "werknaam"), ["Grijze Gors", "Blauwe Gors"]);
        let na_de_wijziging = s.operaties_na(&std::collections::BTreeMap::new(), None).unwrap();
        assert_eq!(
            na_de_wijziging[..voor_de_wijziging.len()]
                .iter()
                .filter(|w| w.veld.as_deref() != Some("werknaam"))
                .collect::<Vec<_>>(),
            voor_de_wijziging.iter().filter(|w| w.veld.as_deref() != Some("werknaam")).collect::<Vec<_>>(),
            "every other operation is sent as before"
        );
        let j = NieuwJournaal {
            soort: crate::domain::JournaalSoort::Notitie,
            tekst: "Gesprek met de wijkagent.".into(),
            datum: None,
            inrichting: None,
        };
        let journaal = s.journaal_toevoegen(&nr, j).unwrap();
        let lg = s.leefgebieden().unwrap()[0].id.clone();
        s.doel_toevoegen(&nr, &lg, "Een vaste woonplek").unwrap();
        assert!(!velden_in_run(&s, "journaal", &journaal).is_empty());
        assert_eq!(s.waarden_in_rij_fouten().unwrap(), Vec::<String>::new());
        // Schema 22 logged one operation per field: take every run apart.
        elke_rij(&s.conn, |t, rij| {
            schrijven::los_uit_aanmaak(&s.conn, t.naam, rij, None).unwrap();
        });
        assert_eq!(aantal(&s, "aanmaak_nr"), 0);
        assert_eq!(s.waarden_in_rij_fouten().unwrap(), Vec::<String>::new());
        s.conn
            .execute(
                "INSERT OR REPLACE INTO instelling(sleutel, waarde) VALUES (?1, '1')",
                [instelling::AANMAAK_GROEPEREN],
            )
            .unwrap();
        let export = |s: &Store| format!("{:?}", s.operaties_na(&std::collections::BTreeMap::new(), None).unwrap());
        let voor = (logtabellen(&s.conn), s.synchrone_staat().unwrap(), export(&s));
        let los_voor = aantal(&s, "wijziging_nr");
        drop(s);

        let mut s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        assert_eq!(s.instelling(instelling::AANMAAK_GROEPEREN).unwrap(), None, "the regrouping runs once");
        assert!(aantal(&s, "aanmaak_nr") >= 3, "the casus, the journaal and the doel");
        assert_eq!(velden_in_run(&s, "casus", &id), run_na, "the same run as the writer made");
        let los_na = aantal(&s, "wijziging_nr");
        assert!(los_na < los_voor / 2, "{los_na} of {los_voor}");
        assert_eq!((logtabellen(&s.conn), s.synchrone_staat().unwrap(), export(&s)), voor, "the log reads the same");
        assert_eq!(s.waarden_in_rij_fouten().unwrap(), Vec::<String>::new());
        // A second operation with the identity of one in a run is ignored, whatever row it
        // names, as a known identity in `wijziging_nr` always was.
        let (_, apparaat, volgnummer, hlc) = schrijven::aanmaak_koppen(&s.conn, "casus", &id).unwrap()[0].clone();
        let op = schrijven::OpId { apparaat, volgnummer };
        let nrs = schrijven::Nummers::default();
        let plek = ("casus", "een-andere-rij", Some("werknaam"));
        assert!(!schrijven::bewaar_operatie(&s.conn, &nrs, &op, hlc, plek, Some("\"X\""), None, false).unwrap());
        assert_eq!(aantal(&s, "wijziging_nr"), los_na);
        // A deletion takes the whole run out first: the tombstone supersedes every field.
        s.journaal_verwijder(&journaal, "Dubbel ingevoerd").unwrap();
        assert!(velden_in_run(&s, "journaal", &journaal).is_empty());
        assert_eq!(s.waarden_in_rij_fouten().unwrap(), Vec::<String>::new());
    }

    /// Upgrade 0021 → 0022: the search rows hold numbers and the index is rebuilt from the
    /// rows (the view `zoektekst`). What was indexed before is found with the same
    /// fragment; an edit of each searchable table, a renumbered casus, a renamed
    /// medewerker and a deletion reach the index, an edited word leaves the index's own
    /// tables at once; the search rows read as before through the view `zoekrij`.
    #[test]
    fn upgrade_naar_0022_zoekrijen_met_nummers_en_de_tekst_op_een_plek() {
        let (_dir, map, sleutel) = oud_schema(
            21,
            22,
            "INSERT INTO medewerker(id, naam) VALUES ('m1', 'Vera Valk');
             INSERT INTO casus(id, nummer, jaar, volgnummer, werknaam, thema_id, fase, datum_aanmelding, probleem,
                               procesregisseur_id)
             VALUES ('c1', '2025-0001', 2025, 1, 'Grijze Reiger', 'thema-nazorg', 'procesregie', '2025-03-01',
                     'Onrust in de wijk.', 'm1');
             INSERT INTO betrokkene(id, casus_id, naam, initialen) VALUES ('b1', 'c1', 'Tessa Windhoek', 'T.');
             INSERT INTO journaal(id, casus_id, datum, tekst, inrichting)
             VALUES ('j1', 'c1', '2025-03-02', 'Huisbezoek door wijkagent en GGZ samen.', 'PI Veenhuizen');",
        );
        let rijen = |conn: &Connection| -> Vec<(i64, String, String, String)> {
            conn.prepare("SELECT nr, bron, rij, casus_id FROM zoekrij ORDER BY nr")
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        let voor = {
            let conn = verbind(&map.db_pad(), Some(&sleutel), false).unwrap();
            rijen(&conn)
        };
        assert_eq!(voor.len(), 3);
        let s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        assert_eq!(rijen(&s.conn), voor, "the search rows read the same");
        let tabellen: Vec<String> = s
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE name LIKE 'zoek%' AND type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            tabellen.contains(&"zoekrij_nr".to_string()) && !tabellen.contains(&"zoekrij".to_string()),
            "{tabellen:?}"
        );
        assert!(bewaren::zoekindex_direct_wissen(&s.conn).unwrap(), "deleted rows still leave the index at once");
        let gevonden = |s: &Store, woord: &str| -> Vec<(String, String, String)> {
            s.zoek(woord, 10).unwrap().into_iter().map(|t| (t.casus.casusnummer, t.bron, t.fragment)).collect()
        };
        let t = gevonden(&s, "huisbezo");
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!((t[0].0.as_str(), t[0].1.as_str()), ("2025-0001", "journaal"));
        assert!(t[0].2.contains("[Huisbezoek]"), "the fragment comes from the row: {}", t[0].2);
        assert_eq!(gevonden(&s, "windhoek")[0].1, "betrokkene");
        assert_eq!(gevonden(&s, "veenhuizen").len(), 1, "the inrichting is indexed with the entry");
        assert_eq!(gevonden(&s, "valk").len(), 1, "the procesregisseur's name is indexed with the casus");

        // What the triggers do from now on.
        s.conn.execute_batch("UPDATE journaal SET tekst = 'Gesprek met de woningcorporatie.' WHERE id = 'j1'").unwrap();
        assert!(gevonden(&s, "huisbezo").is_empty(), "the edited text's old words are gone");
        // Not only unfindable: gone from the index's own tables (FTS5 secure-delete; the
        // index stores a term's tail after the prefix it shares with the term before it).
        let in_index: i64 = s
            .conn
            .query_row(
                "SELECT (SELECT count(*) FROM zoekindex_data WHERE instr(block, CAST(?1 AS BLOB)) > 0)
                      + (SELECT count(*) FROM zoekindex_content WHERE instr(c0, ?1) > 0)",
                ["uisbezoek"],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(in_index, 0, "an edited word stays in the index's pages");
        s.conn.execute_batch("UPDATE betrokkene SET naam = 'Tessa Zandvoort' WHERE id = 'b1'").unwrap();
        assert!(gevonden(&s, "windhoek").is_empty());
        assert_eq!(gevonden(&s, "zandvoort")[0].1, "betrokkene");
        assert!(gevonden(&s, "woningcorp")[0].2.contains("[woningcorporatie]"));
        s.conn.execute_batch("UPDATE casus SET nummer = '2025-0007' WHERE id = 'c1'").unwrap();
        assert_eq!(gevonden(&s, "2025 0007").len(), 1, "a renumbered casus is found by its new number");
        assert!(gevonden(&s, "2025 0001").is_empty(), "and no longer by its old one");
        s.conn.execute_batch("UPDATE medewerker SET naam = 'Vera Buizerd' WHERE id = 'm1'").unwrap();
        assert!(gevonden(&s, "valk").is_empty());
        assert_eq!(gevonden(&s, "buizerd").len(), 1, "a renamed medewerker is found by the new name");
        // An import may insert a casus before the medewerker it names.
        s.conn
            .execute_batch(
                "BEGIN;
                 UPDATE casus SET trajectbegeleider_id = 'm2' WHERE id = 'c1';
                 INSERT INTO medewerker(id, naam) VALUES ('m2', 'Joost Kwartel');
                 COMMIT;",
            )
            .unwrap();
        assert_eq!(gevonden(&s, "kwartel").len(), 1, "a medewerker that arrives later is indexed with the casus");
        s.conn
            .execute_batch(
                "INSERT INTO doel(id, casus_id, omschrijving) VALUES ('d1', 'c1', 'Een eigen woning');
                 INSERT INTO actie(id, casus_id, omschrijving, resultaat) VALUES ('a1', 'c1', 'Urgentie aanvragen', 'Toegekend');",
            )
            .unwrap();
        assert_eq!(gevonden(&s, "eigen woning")[0].1, "doel");
        assert_eq!(gevonden(&s, "toegekend")[0].1, "actie");
        s.conn
            .execute_batch(
                "UPDATE doel SET omschrijving = 'Schulden geregeld' WHERE id = 'd1';
                 UPDATE actie SET resultaat = 'Afgewezen' WHERE id = 'a1';",
            )
            .unwrap();
        assert!(gevonden(&s, "eigen woning").is_empty() && gevonden(&s, "toegekend").is_empty());
        assert_eq!(
            (gevonden(&s, "schulden")[0].1.as_str(), gevonden(&s, "afgewezen")[0].1.as_str()),
            ("doel", "actie")
        );
        s.conn.execute_batch("DELETE FROM journaal WHERE id = 'j1'; DELETE FROM betrokkene WHERE id = 'b1';").unwrap();
        assert!(gevonden(&s, "woningcorp").is_empty() && gevonden(&s, "zandvoort").is_empty());
        assert_eq!(rijen(&s.conn).len(), 3, "casus, doel and actie keep their search rows");
        // The index matches its content, and holds exactly one entry per search row.
        let integriteit = s.conn.execute("INSERT INTO zoekindex(zoekindex, rank) VALUES ('integrity-check', 0)", []);
        assert!(integriteit.is_ok(), "{integriteit:?}");
        let (index, rijen_nu): (i64, i64) = s
            .conn
            .query_row("SELECT (SELECT count(*) FROM zoekindex), (SELECT count(*) FROM zoektekst)", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((index, rijen_nu), (3, 3));
    }

    /// A newer build migrated the file while this one had it open (an upgrade with the
    /// window open): this build writes nothing, since the newer change log may keep
    /// values where this build does not look (schema 21), and its connection stays usable.
    #[test]
    fn een_nieuwere_versie_onder_een_open_verbinding_laat_niets_schrijven() {
        let (_d, mut s) = testhulp::nieuwe_store();
        let voor = (s.aantal("casus").unwrap(), s.aantal("wijziging").unwrap(), s.aantal("audit").unwrap());
        s.conn.execute_batch(&format!("PRAGMA user_version = {}", schema_versie_app() + 1)).unwrap();
        let n = NieuweCasus { werknaam: "Late Zwaluw".into(), thema: "nazorg".into(), ..Default::default() };
        let fout = s.nieuwe_casus(n.clone());
        assert!(
            matches!(fout, Err(StoreFout::NieuwereVersie { db, app }) if db == schema_versie_app() + 1 && app == schema_versie_app()),
            "{fout:?}"
        );
        assert_eq!((s.aantal("casus").unwrap(), s.aantal("wijziging").unwrap(), s.aantal("audit").unwrap()), voor);
        assert!(s.conn.is_autocommit(), "no transaction left open");
        s.conn.execute_batch(&format!("PRAGMA user_version = {}", schema_versie_app())).unwrap();
        s.nieuwe_casus(n).unwrap();
        assert_eq!(s.aantal("casus").unwrap(), voor.0 + 1);
    }
}

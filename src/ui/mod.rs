//! The window (iced 0.14). Screens live in `screen/`; this root owns the store, turns
//! screen events into store calls, switches screens, handles shortcuts and the idle lock.
//! No SQL here, and no `unwrap`: every error becomes a visible banner.
//!
//! # The window never waits
//!
//! The event loop must stay free: a frozen window for ten seconds looks like a crash.
//!
//! - **Long jobs** (backup, restore, key rotation, bundle import and export, retention
//!   removal, kengetallen, inzage, audit export, passphrase change) run in `tokio::task::spawn_blocking`
//!   through `Task::perform` and come back as [`Message::TaakAfgerond`]. One runs at a
//!   time; a second start is refused with a message. While one runs the top of
//!   the window shows an iced `progress_bar` with its Dutch label; its end is a banner.
//! - **How the store is shared.** The window keeps its own SQLCipher connection (the
//!   `Store` in `Hoofd`) for the short reads and writes of the screens. A job that only
//!   reads the database or adds its own transactions (backup, bundles, removal, figures,
//!   inzage, audit export) opens a *second connection* to the same file from
//!   [`crate::store::Verbinding`] inside the blocking task. The database is in WAL mode,
//!   so the board keeps reading (and the user keeps saving) while a backup's long read
//!   transaction runs; SQLite serialises the writers (busy timeout), and the audit chain
//!   and change-log counters are read inside each write transaction, so two connections
//!   cannot fork them.
//! - **Jobs that replace the database file** (restore, key rotation) cannot share it: they
//!   take the window's own connection (a closed placeholder stands in, see
//!   [`Store::gesloten`]), the window shows only the progress until they end, and the
//!   store comes back with the result (or the window locks when it is unusable).
//! - **Locking or closing during a job waits**: the banner says so, and the window locks or
//!   closes as soon as the job ends; nothing is half-written. Closing asks first
//!   (`exit_on_close_request: false`, [`Message::SluitenGevraagd`]).
//! - Every file the window writes goes through [`crate::store::bestand`] (atomic, 0600);
//!   files are chosen in the `rfd` dialog, itself a `Task`; the PDF viewer is started
//!   detached.
//! - PDFs (print and save, 90–145 ms each) are rendered and written in the same way, on
//!   a connection of their own, without the one-job limit; the outcome comes back as
//!   [`Message::PdfGemaakt`] to the screen that asked.
//! - `schakel venster --meet` runs a backup after unlocking and logs the longest pause
//!   between two handled events while it runs (`scripts/wachten.sh`).
//!
//! - First start: creating the database (with the demo data) and restoring a backup run
//!   in `spawn_blocking`; the form shows a progress bar with a Dutch label and its button
//!   is disabled until the job ends.
//!
//! - **Short requests of the screens** go through two helpers, `Hoofd::lees` and
//!   `Hoofd::schrijf`, in `spawn_blocking`, and come back as a past-tense message with a
//!   `Result`. Reads use one cached read-only connection (`Verbinding::open_lezer`);
//!   writes each open a connection of their own and take a lock first, so they commit in
//!   the order asked. Both are separate from a long job's connection: WAL lets them read
//!   while a backup reads, and SQLite's busy timeout (10 s) makes a short write wait for a
//!   job's write transaction instead of failing. The window's own connection is never
//!   handed to a task, so nothing here waits on a job. Each screen shows its own busy
//!   state and starts no second save meanwhile. Moved so far:
//!   - the global search on every keystroke ([`Message::Gezocht`], with a request number:
//!     stale results are dropped; "Zoeken…" meanwhile; Enter opens the first hit when the
//!     newest result is in);
//!   - board moves (also the weging dialog) and the aanmelding ([`Message::Verplaatst`],
//!     [`Message::Aangemeld`]; the dialog button says "Bezig met …" and is disabled);
//!   - the casus screen's writes: journaal, AVE, betrokkene add/correct/remove, detentie,
//!     aanmelding edit, assignment ([`Message::CasusOpgeslagen`]; "Bezig met opslaan…").
//!
//! Still synchronous in `update` (milliseconds, on the window's connection):
//! - the plan editor's writes (doel/actie add, edit, move, remove, risico, vastleggen) in
//!   `plan_event`, and the overleggen, partners, instellingen (lists, medewerkers) and
//!   synchronisatie screens' single-record writes;
//! - the reads that refresh a screen after a save (`herlaad_board`, `ververs_detail`,
//!   `ververs_*`), opening a casus, and loading a referrer's contacts;
//! - saving an open edit when its screen is left (navigate, lock, close:
//!   `bewaar_openstaand`), deliberately: the screen goes away, so there is nothing to show
//!   a busy state on and no message to wait for.
//!
//! Moving these needs no new store code: call `lees`/`schrijf`, add the result message and
//! the screen's busy state, and make the iced_test flows run the tasks (`klik_en_wacht`).
//!
//! # What a new screen touches
//!
//! Screens map their own data (e.g. the overleggen screen builds its casus and partner
//! pickers from store rows, groups decided actions, names its PDFs). A new sidebar screen
//! touches five places outside its own module today: `screen/mod.rs` (`pub mod`), and in
//! this file the `Pagina` entry (variant, order, label), the `Hoofd` field and its
//! construction, one `Message` variant with its routing arm (plus a handler for the
//! screen's events), and the view arm. The goal is three; folding the `Pagina` entry and
//! the view arm into a screen registry would get there.

pub mod screen;
pub mod theme;
pub mod widgets;

use crate::melding;
use crate::store::sleutel::{self, SleutelBron};
use crate::store::{CasusFilter, Gebruiker, Gegevensmap, Store, StoreFout, Zoektreffer, instelling};
use iced::keyboard::{self, Key, Modifiers, key};
use iced::widget::{button, column, container, operation, row, space, text};
use iced::{Element, Event as IcedEvent, Fill, Subscription, Task};
use screen::{
    board, detail, instellingen, kengetallen, ontgrendel, overleggen, partners, plan, privacy, start, synchronisatie,
};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use theme::{Knop, Vlak};
use widgets::{Keuze, banner, invoer};

/// Application id: the Wayland app id and the X11 WM_CLASS of the window. It must equal
/// the basename of `packaging/schakel.desktop` and its `StartupWMClass`, so the desktop
/// shows the window under the Schakel entry and icon.
pub const APP_ID: &str = "schakel";

/// The window icon: 64×64 RGBA pixels rendered from `assets/icons/schakel.svg` by
/// `packaging/iconen.sh` (raw pixels, so the app needs no image decoder).
const ICOON_RGBA: &[u8] = include_bytes!("../../assets/icons/schakel-64.rgba");

/// The window icon, or none if the embedded pixels do not make one.
pub fn venster_icoon() -> Option<iced::window::Icon> {
    iced::window::icon::from_rgba(ICOON_RGBA.to_vec(), 64, 64).ok()
}

/// Default idle time before the window locks itself.
pub const STANDAARD_VERGRENDEL_MINUTEN: u32 = 10;

/// What to show right after unlocking (from `schakel venster --casus N --tab T`).
#[derive(Debug, Clone, Default)]
pub struct Beginscherm {
    /// Open this casus.
    pub casus: Option<String>,
    /// On this tab.
    pub tab: Option<detail::Tab>,
    /// Typed, unsaved texts to put back (after a lock).
    pub concept: Option<detail::Concept>,
    /// Start on this sidebar page instead of the board.
    pub pagina: Option<Pagina>,
    /// On the Overleggen page: this half of the selected meeting.
    pub overleg_tab: Option<overleggen::Tab>,
    /// `--meet`: after unlocking, make a backup in the data dir, log the longest pause
    /// between two handled events while it runs, and close.
    pub meet: bool,
}

/// Start the window on `map`.
pub fn run(map: Gegevensmap, begin: Beginscherm) -> iced::Result {
    iced::application(
        move || {
            let (mut app, task) = App::opstarten(map.clone());
            app.begin = begin.clone();
            (app, task)
        },
        App::update,
        App::view,
    )
    .title(App::titel)
    .theme(App::thema)
    .subscription(App::subscription)
    .window(iced::window::Settings {
        // Closing asks first: a running job ends before the window goes.
        exit_on_close_request: false,
        size: iced::Size::new(1360.0, 860.0),
        min_size: Some(iced::Size::new(1024.0, 680.0)),
        icon: venster_icoon(),
        #[cfg(target_os = "linux")]
        platform_specific: iced::window::settings::PlatformSpecific {
            application_id: APP_ID.to_string(),
            ..Default::default()
        },
        ..Default::default()
    })
    .run()
}

/// A store handed over from a background task (the `Store` itself is not `Clone`).
#[derive(Clone)]
pub struct Overdracht(Arc<Mutex<Option<Store>>>, Option<Arc<crate::store::Herstelcode>>);

impl Overdracht {
    fn new(s: Store) -> Overdracht {
        Overdracht(Arc::new(Mutex::new(Some(s))), None)
    }

    fn neem(&self) -> Option<Store> {
        self.0.lock().ok().and_then(|mut g| g.take())
    }
}

impl std::fmt::Debug for Overdracht {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Overdracht")
    }
}

/// A long job that runs off the event loop, with a progress bar and a banner at its end.
/// One runs at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taaksoort {
    /// Make a backup.
    Backup,
    /// Restore a backup over the open database (exclusive).
    Herstel,
    /// Re-encrypt the database with a new key (exclusive).
    Sleutel,
    /// Read a bundle.
    BundelImport,
    /// Write a bundle.
    BundelExport,
    /// Remove a casus after its retention term.
    Verwijderen,
    /// Compute the figures for a period.
    Kengetallen,
    /// Draw up an inzage.
    Inzage,
    /// Export the audit log.
    AuditExport,
    /// Change the passphrase (Argon2id: about a second).
    Wachtwoord,
}

impl Taaksoort {
    /// The Dutch label next to the progress bar.
    pub fn label(self) -> &'static str {
        match self {
            Taaksoort::Backup => "Back-up maken",
            Taaksoort::Herstel => "Back-up terugzetten",
            Taaksoort::Sleutel => "Database opnieuw versleutelen",
            Taaksoort::BundelImport => "Bundel inlezen",
            Taaksoort::BundelExport => "Bundel maken",
            Taaksoort::Verwijderen => "Casus verwijderen",
            Taaksoort::Kengetallen => "Kengetallen berekenen",
            Taaksoort::Inzage => "Inzage opstellen",
            Taaksoort::AuditExport => "Auditlog exporteren",
            Taaksoort::Wachtwoord => "Wachtwoord wijzigen",
        }
    }

    /// Does the job replace the database file? Then it takes the window's own connection
    /// and the window shows only the progress until it ends.
    pub fn exclusief(self) -> bool {
        matches!(self, Taaksoort::Herstel | Taaksoort::Sleutel)
    }
}

/// What a finished job hands back.
#[derive(Debug, Clone)]
pub enum Uitkomst {
    /// The Dutch sentence for the screen that started it, or the error sentence.
    Tekst(Result<String, String>),
    /// The figures for the period asked.
    Kengetallen(Result<Box<crate::store::Kengetallen>, String>),
    /// The database was replaced: the store to go on with (`None`: lock, so that unlocking
    /// opens whatever is in place), and the sentence.
    Store(Overdracht, Result<String, String>),
}

/// The screen that asked for a PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfScherm {
    /// The open casus (plan, overview).
    Detail,
    /// Overleggen (agenda, verslag).
    Overleggen,
}

/// A job that is running.
#[derive(Debug, Clone, Copy)]
struct Lopend {
    soort: Taaksoort,
    gestart: Instant,
}

/// The longest pause between two handled events while a job runs (`schakel venster --meet`).
#[derive(Debug, Clone, Default)]
struct Meting {
    /// When the last event was handled (only while a job runs).
    vorige: Option<Instant>,
    /// Every gap between two handled events during the job.
    pauzes: Vec<Duration>,
}

impl Meting {
    /// "langste pauze … ms, 99% onder … ms, mediaan … ms (… events)".
    fn verslag(&self) -> String {
        let mut p = self.pauzes.clone();
        p.sort();
        let ms = |d: Option<&Duration>| d.map(|d| d.as_millis()).unwrap_or_default();
        let deel = |f: usize| ms(p.get((p.len() * f / 100).min(p.len().saturating_sub(1))));
        format!(
            "langste pauze tussen twee afgehandelde events {} ms, 99% onder {} ms, mediaan {} ms ({} events)",
            ms(p.last()),
            deel(99),
            deel(50),
            p.len() + 1
        )
    }
}

/// Sidebar pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pagina {
    /// The board.
    Casussen,
    /// Meetings: planning, holding, minutes.
    Overleggen,
    /// Partner organisations and contacts.
    Partners,
    /// Figures for a period.
    Kengetallen,
    /// Bundle sync.
    Synchronisatie,
    /// Retention, inzage, audit export, backup and key handling.
    Privacy,
    /// Settings.
    Instellingen,
}

impl Pagina {
    const ALLE: [Pagina; 7] = [
        Pagina::Casussen,
        Pagina::Overleggen,
        Pagina::Partners,
        Pagina::Kengetallen,
        Pagina::Synchronisatie,
        Pagina::Privacy,
        Pagina::Instellingen,
    ];

    fn label(self) -> &'static str {
        match self {
            Pagina::Casussen => "Casussen",
            Pagina::Overleggen => "Overleggen",
            Pagina::Partners => "Partners",
            Pagina::Kengetallen => "Kengetallen",
            Pagina::Synchronisatie => "Synchronisatie",
            Pagina::Privacy => "Privacy",
            Pagina::Instellingen => "Instellingen",
        }
    }

    /// A page by its (lower-case) name.
    pub fn parse(s: &str) -> Option<Pagina> {
        Pagina::ALLE.into_iter().find(|p| p.label().eq_ignore_ascii_case(s.trim()))
    }
}

/// Root messages.
#[derive(Debug, Clone)]
pub enum Message {
    /// First-run screen.
    Start(start::Message),
    /// Unlock screen.
    Ontgrendel(ontgrendel::Message),
    /// Board.
    Board(board::Message),
    /// Casus detail.
    Detail(detail::Message),
    /// Settings.
    Instellingen(instellingen::Message),
    /// The sync screen.
    Synchronisatie(synchronisatie::Message),
    /// The partners screen.
    Partners(partners::Message),
    /// The privacy screen.
    Privacy(privacy::Message),
    /// The meetings screen.
    Overleggen(overleggen::Message),
    /// The figures screen.
    Kengetallen(kengetallen::Message),
    /// The save dialog for a meeting's agenda or verslag closed (`pad` is `None` when cancelled).
    OverlegPdfPadGekozen {
        /// Agenda or verslag.
        stuk: overleggen::Stuk,
        /// The meeting.
        overleg: String,
        /// Chosen file.
        pad: Option<std::path::PathBuf>,
    },
    /// The file dialog for exporting or importing the contact list closed.
    ContactlijstPadGekozen {
        /// Export CSV, export vCard or import CSV.
        actie: partners::Bestandsactie,
        /// Chosen file.
        pad: Option<std::path::PathBuf>,
    },
    /// The save dialog for the figures CSV closed.
    KengetallenPadGekozen {
        /// The figures shown when the user asked.
        cijfers: Box<crate::store::Kengetallen>,
        /// Chosen file.
        pad: Option<std::path::PathBuf>,
    },
    /// The save dialog for a report closed (`pad` is `None` when cancelled).
    PdfPadGekozen {
        /// Which document.
        document: detail::Document,
        /// Plan version, `None` = current.
        versie: Option<u32>,
        /// Casusnummer.
        nummer: String,
        /// Chosen file.
        pad: Option<std::path::PathBuf>,
    },
    /// Go to a sidebar page.
    Navigeer(Pagina),
    /// Type in the global search field (starts a search off the event loop).
    Zoek(String),
    /// A change of the open casus was saved (or refused): casusnummer, which change.
    CasusOpgeslagen(String, Casusstap, Result<(), String>),
    /// A board move was saved (casusnummer, the phase it is in now) or refused.
    Verplaatst(String, Result<crate::domain::Fase, String>),
    /// A referral was saved (its casusnummer) or refused.
    Aangemeld(Result<String, String>),
    /// A search ended: its request number and the hits (stale numbers are dropped).
    Gezocht(u64, Result<Vec<Zoektreffer>, String>),
    /// Open a casus from the search results.
    OpenCasus(String),
    /// Focus the global search (Ctrl+K / Ctrl+F).
    FocusZoeken,
    /// Open the "Nieuwe aanmelding" form over the board (Ctrl+N).
    NieuweAanmelding,
    /// Open the first search hit (Enter in the search field).
    OpenEersteTreffer,
    /// Close the open dialog or cancel the inline edit of the page (Escape).
    Annuleer,
    /// Lock now (Ctrl+L or idle).
    Vergrendel,
    /// Save pending edits (Ctrl+S).
    Opslaan,
    /// Move the selected card or action (Alt+arrows).
    Pijl(Richting),
    /// Mark the selected action done (Ctrl+D).
    MarkeerGereed,
    /// Select the previous / next action row (↑ / ↓).
    Rij(Richting),
    /// Edit the selected action row (Enter).
    RijOpenen,
    /// Move keyboard focus (Tab / Shift+Tab).
    Focus(bool),
    /// The user did something (keeps the idle timer from locking).
    Activiteit,
    /// A second passed.
    Tik,
    /// Unlocking finished.
    Ontgrendeld(Result<Overdracht, String>),
    /// The first-run setup finished.
    Aangemaakt(Result<Overdracht, String>),
    /// Close the banner.
    SluitBanner,
    /// A long job ended (success or error sentence inside).
    TaakAfgerond(Taaksoort, Uitkomst),
    /// A tenth of a second passed while a job runs (moves the progress bar).
    Voortgang,
    /// A PDF was made and written (or not): the sentence for that screen.
    PdfGemaakt(PdfScherm, Result<String, String>),
    /// The user asked to close the window.
    SluitenGevraagd(iced::window::Id),
}

/// Which change of a casus was saved (what the casus screen confirms).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Casusstap {
    /// A journal entry.
    Journaal,
    /// The AVE phase.
    Ave,
    /// A new betrokkene.
    Persoon,
    /// A detention period.
    Detentie,
    /// The aanmelding fields.
    Wijziging,
    /// The assignment of the regisseurs.
    Toewijzing,
    /// A betrokkene corrected.
    Gecorrigeerd,
    /// A betrokkene removed.
    Verwijderd,
    /// A koppeling with another casus made.
    Gekoppeld,
    /// A koppeling with another casus removed.
    Ontkoppeld,
}

/// Arrow direction for Alt+arrow moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Richting {
    /// Alt+←.
    Links,
    /// Alt+→.
    Rechts,
    /// Alt+↑.
    Omhoog,
    /// Alt+↓.
    Omlaag,
}

enum Scherm {
    Start(start::State),
    Ontgrendel(ontgrendel::State),
    Hoofd(Box<Hoofd>),
}

struct Hoofd {
    store: Store,
    pagina: Pagina,
    board: board::State,
    detail: Option<detail::State>,
    instellingen: instellingen::State,
    synchronisatie: synchronisatie::State,
    partners: partners::State,
    privacy: privacy::State,
    /// The data dir (backup restore and key replacement swap its files).
    map: Gegevensmap,
    overleggen: overleggen::State,
    kengetallen: kengetallen::State,
    /// Private folder (in the data dir) for PDFs handed to the viewer; emptied on lock.
    afdrukmap: std::path::PathBuf,
    /// The open conflicts behind the rows the sync screen shows.
    conflicten: Vec<crate::store::Conflict>,
    zoekterm: String,
    treffers: Vec<Zoektreffer>,
    /// Number of the newest search request; a result with another number is stale.
    zoekverzoek: u64,
    /// The newest search has not come back yet ("Zoeken…").
    zoekt: bool,
    /// Enter was pressed while the newest search ran: open its first hit when it comes.
    open_na_zoeken: bool,
    /// Connections for the screens' short requests, off the event loop.
    kort: KorteVerbindingen,
    /// Save on the window's connection now (leaving a screen, see `bewaar_openstaand`).
    direct: bool,
    /// An error or refusal, in red.
    banner: Option<String>,
    /// How the last job ended, in blue.
    klaar: Option<String>,
    /// The long job that is running, if any.
    taak: Option<Lopend>,
    /// Lock or close as soon as the running job ends (asked for while it ran).
    na_taak: Option<NaTaak>,
}

/// What the user asked for while a job ran.
#[derive(Debug, Clone)]
enum NaTaak {
    /// Lock, with this reason.
    Vergrendel(String),
    /// Close the window.
    Sluit,
}

/// The application.
pub struct App {
    map: Gegevensmap,
    scherm: Scherm,
    laatste_activiteit: Instant,
    vergrendel_na: Duration,
    /// The casus and tab to return to after unlocking.
    begin: Beginscherm,
    /// `--meet`: the pauses between handled events while a job runs.
    meting: Option<Meting>,
}

/// A short request found no open database (a store without a key, or a broken lock).
const NIET_GEOPEND: &str = "De database is niet geopend.";

fn fout(e: &StoreFout) -> String {
    melding::store(e)
}

/// Keys that act only when no widget used them (a focused text field takes Enter):
/// ↑ / ↓ select the previous / next action row of the plan, Enter edits it.
pub fn rijtoets(key: Key<&str>, m: Modifiers) -> Option<Message> {
    if !m.is_empty() {
        return None;
    }
    match key {
        Key::Named(key::Named::ArrowUp) => Some(Message::Rij(Richting::Omhoog)),
        Key::Named(key::Named::ArrowDown) => Some(Message::Rij(Richting::Omlaag)),
        Key::Named(key::Named::Enter) => Some(Message::RijOpenen),
        _ => None,
    }
}

/// Map a key press to a root message (a plain function, tested without a window).
pub fn sneltoets(key: Key<&str>, m: Modifiers) -> Option<Message> {
    match key {
        Key::Character("k" | "f") if m.command() => Some(Message::FocusZoeken),
        Key::Character("l") if m.command() => Some(Message::Vergrendel),
        Key::Character("n") if m.command() => Some(Message::NieuweAanmelding),
        Key::Character("s") if m.command() => Some(Message::Opslaan),
        Key::Character("d") if m.command() => Some(Message::MarkeerGereed),
        Key::Named(key::Named::ArrowLeft) if m.alt() => Some(Message::Pijl(Richting::Links)),
        Key::Named(key::Named::ArrowRight) if m.alt() => Some(Message::Pijl(Richting::Rechts)),
        Key::Named(key::Named::ArrowUp) if m.alt() => Some(Message::Pijl(Richting::Omhoog)),
        Key::Named(key::Named::ArrowDown) if m.alt() => Some(Message::Pijl(Richting::Omlaag)),
        Key::Named(key::Named::Tab) => Some(Message::Focus(!m.shift())),
        Key::Named(key::Named::Escape) if m.is_empty() => Some(Message::Annuleer),
        _ => None,
    }
}

impl App {
    /// Boot: first run, unlock screen, or straight in when the keychain holds the key.
    pub fn opstarten(map: Gegevensmap) -> (App, Task<Message>) {
        let mut app = App {
            map: map.clone(),
            scherm: Scherm::Ontgrendel(ontgrendel::State::new(None)),
            laatste_activiteit: Instant::now(),
            vergrendel_na: Duration::from_secs(u64::from(STANDAARD_VERGRENDEL_MINUTEN) * 60),
            begin: Beginscherm::default(),
            meting: None,
        };
        match crate::store::sleutelbron(&map) {
            Err(StoreFout::NietGeinitialiseerd) => {
                app.scherm = Scherm::Start(start::State::new(sleutel::sleutelbos_beschikbaar()));
                (app, Task::none())
            }
            Ok(SleutelBron::Sleutelbos) => (app, App::ontgrendel_taak(map, None)),
            Ok(SleutelBron::Wachtwoord) => (app, operation::focus("wachtwoord")),
            Err(e) => {
                let mut s = ontgrendel::State::new(None);
                s.mislukt(fout(&e));
                app.scherm = Scherm::Ontgrendel(s);
                (app, Task::none())
            }
        }
    }

    /// An unlocked app on an open store (tests, and after unlocking).
    pub fn met_store(map: Gegevensmap, store: Store) -> App {
        let mut app = App {
            map,
            scherm: Scherm::Ontgrendel(ontgrendel::State::default()),
            laatste_activiteit: Instant::now(),
            vergrendel_na: Duration::from_secs(u64::from(STANDAARD_VERGRENDEL_MINUTEN) * 60),
            begin: Beginscherm::default(),
            meting: None,
        };
        let _ = app.binnen(store);
        app
    }

    /// Unlock a data dir (blocking: Argon2id or the keychain). The result feeds `Message::Ontgrendeld`.
    pub fn probeer_ontgrendelen(map: &Gegevensmap, wachtwoord: Option<&str>) -> Result<Overdracht, String> {
        crate::store::ontgrendel(map, wachtwoord).map(Overdracht::new).map_err(|e| fout(&e))
    }

    /// Restore access with the herstelsleutel (blocking: Argon2id). The result feeds
    /// `Message::Ontgrendeld`.
    pub fn herstel_toegang(
        map: &Gegevensmap,
        code: &str,
        nieuw_wachtwoord: Option<zeroize::Zeroizing<String>>,
    ) -> Result<Overdracht, String> {
        let doel = match nieuw_wachtwoord {
            Some(w) => crate::store::Herstelbestemming::Wachtwoord(w),
            None => crate::store::Herstelbestemming::Sleutelbos,
        };
        let code = crate::store::Herstelcode::van_invoer(code);
        crate::store::herstel_met_code(map, &code, &doel).map(Overdracht::new).map_err(|e| fout(&e))
    }

    /// Restore a backup into an empty data dir (first start on a new laptop; blocking). The
    /// result feeds `Message::Aangemaakt`.
    pub fn herstel_aan(map: &Gegevensmap, h: &start::Herstelaanvraag) -> Result<Overdracht, String> {
        let bytes = std::fs::read(&h.pad).map_err(|e| format!("Het back-upbestand kan niet worden gelezen ({e})."))?;
        let keuze = match &h.wachtwoord {
            Some(w) => crate::store::Sleutelkeuze::Wachtwoord(w.clone()),
            None => crate::store::Sleutelkeuze::Sleutelbos,
        };
        let (store, _) =
            crate::store::backup_herstel(map, &bytes, &h.backup_wachtwoord, &keuze, false).map_err(|e| fout(&e))?;
        Ok(Overdracht::new(store))
    }

    /// Create a data dir from the first-run form (blocking). The result feeds `Message::Aangemaakt`.
    pub fn maak_aan(map: &Gegevensmap, a: &start::Aanvraag) -> Result<Overdracht, String> {
        let keuze = match &a.wachtwoord {
            Some(w) => crate::store::Sleutelkeuze::Wachtwoord(w.clone()),
            None => crate::store::Sleutelkeuze::Sleutelbos,
        };
        let g = Gebruiker { naam: a.naam.clone(), rol: a.rol.clone(), zvh: a.zvh.clone() };
        let (mut store, _, code) = crate::store::initialiseer_met_herstel(map, &keuze, &g).map_err(|e| fout(&e))?;
        if a.demo {
            crate::demo::genereer(&mut store, 200, 2026).map_err(|e| fout(&e))?;
        }
        let mut o = Overdracht::new(store);
        o.1 = Some(Arc::new(code));
        Ok(o)
    }

    fn ontgrendel_taak(map: Gegevensmap, wachtwoord: Option<zeroize::Zeroizing<String>>) -> Task<Message> {
        // Argon2id and the keychain block: run them off the UI thread.
        Task::perform(
            async move {
                tokio::task::spawn_blocking(move || {
                    App::probeer_ontgrendelen(&map, wachtwoord.as_deref().map(|w| w.as_str()))
                })
                .await
                .unwrap_or_else(|_| Err("Ontgrendelen is onverwacht afgebroken.".into()))
            },
            Message::Ontgrendeld,
        )
    }

    fn binnen(&mut self, store: Store) -> Task<Message> {
        // Print copies left behind by a crash.
        let _ = std::fs::remove_dir_all(afdrukmap(&self.map));
        let minuten = store
            .instelling(instelling::VERGRENDEL_MINUTEN)
            .ok()
            .flatten()
            .and_then(|m| m.parse().ok())
            .unwrap_or(STANDAARD_VERGRENDEL_MINUTEN);
        self.vergrendel_na = Duration::from_secs(u64::from(minuten) * 60);
        self.laatste_activiteit = Instant::now();
        let mut banner = None;
        let regels = store.casus_lijst(&CasusFilter::default()).unwrap_or_else(|e| {
            banner = Some(fout(&e));
            Vec::new()
        });
        let themas = store.themas().unwrap_or_default();
        let partners: Vec<Keuze> =
            store.partners().unwrap_or_default().into_iter().map(|p| widgets::partner_keuze(&p)).collect();
        let mij = store.mijn_medewerker().ok().flatten();
        let mut board = board::State::new(mij.as_ref().map(|m| m.id.as_str()).unwrap_or(""), regels, &themas, partners);
        board.zet_medewerkers(medewerker_keuzes(&store.medewerkers().unwrap_or_default()));
        let instellingen = instellingen::State::new(
            minuten,
            store.gebruiker().to_string(),
            store.instelling(instelling::ZVH).ok().flatten().unwrap_or_default(),
            self.map.pad().display().to_string(),
        );
        let mut instellingen = instellingen;
        instellingen.zet_lijsten(themas, store.leefgebieden().unwrap_or_default());
        instellingen.zet_medewerkers(store.medewerkers().unwrap_or_default(), mij.map(|m| m.id));
        instellingen
            .zet_meer_lijsten(store.gemeenten().unwrap_or_default(), store.overlegsoorten().unwrap_or_default());
        let mut store = store;
        let synchronisatie = match crate::sync::apparaat(&mut store) {
            Ok(a) => synchronisatie::State::new(a.id.clone(), a.vingerafdruk(), self.map.pad()),
            Err(e) => {
                banner = Some(melding::sync(&e));
                synchronisatie::State::default()
            }
        };
        let mut hoofd = Hoofd {
            store,
            pagina: Pagina::Casussen,
            board,
            detail: None,
            instellingen,
            synchronisatie,
            partners: partners::State::new(Vec::new()),
            privacy: privacy::State::new(matches!(
                crate::store::sleutelbron(&self.map),
                Ok(crate::store::sleutel::SleutelBron::Wachtwoord)
            )),
            map: self.map.clone(),
            overleggen: overleggen::State::new(),
            kengetallen: kengetallen::State::new(chrono::Local::now().date_naive()),
            afdrukmap: afdrukmap(&self.map),
            conflicten: Vec::new(),
            zoekterm: String::new(),
            treffers: Vec::new(),
            zoekverzoek: 0,
            zoekt: false,
            open_na_zoeken: false,
            kort: KorteVerbindingen::default(),
            direct: false,
            banner,
            klaar: None,
            taak: None,
            na_taak: None,
        };
        let begin = std::mem::take(&mut self.begin);
        if let Some(p) = begin.pagina {
            let _ = hoofd.update(Message::Navigeer(p));
        }
        if let Some(t) = begin.overleg_tab {
            let _ = hoofd.update(Message::Overleggen(overleggen::Message::Tab(t)));
        }
        if let Some(n) = begin.casus {
            hoofd.open_casus(&n);
            if let (Some(t), Some(d)) = (begin.tab, hoofd.detail.as_mut()) {
                let _ = d.update(detail::Message::Tab(t));
            }
            if let (Some(c), Some(d)) = (begin.concept, hoofd.detail.as_mut()) {
                d.herstel(c);
            }
        }
        let mut taak = Task::none();
        if begin.meet {
            // The measurement: a backup of the whole database, in the data dir.
            self.meting = Some(Meting::default());
            let pad = self.map.pad().join("meting.schakelbackup");
            let _ = std::fs::remove_file(&pad);
            taak = hoofd.backup(pad, privacy::Geheim(zeroize::Zeroizing::new("meting-wachtwoord-lang".into())));
        }
        self.scherm = Scherm::Hoofd(Box::new(hoofd));
        taak
    }

    fn titel(&self) -> String {
        match &self.scherm {
            Scherm::Hoofd(h) => match &h.detail {
                Some(d) if h.pagina == Pagina::Casussen => format!("Schakel — casus {}", d.nummer()),
                _ => format!("Schakel — {}", h.pagina.label()),
            },
            _ => "Schakel".into(),
        }
    }

    fn thema(&self) -> iced::Theme {
        theme::thema()
    }

    /// Keys, activity, the close request, the idle clock and (during a job) the progress tick.
    pub fn subscription(&self) -> Subscription<Message> {
        let toetsen = iced::event::listen_with(|event, status, _window| match event {
            IcedEvent::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. }) => {
                sneltoets(key.as_ref(), modifiers).or_else(|| {
                    (status == iced::event::Status::Ignored).then(|| rijtoets(key.as_ref(), modifiers)).flatten()
                })
            }
            _ => None,
        });
        let activiteit = iced::event::listen_with(|event, _status, _window| match event {
            IcedEvent::Keyboard(keyboard::Event::KeyPressed { .. })
            | IcedEvent::Mouse(
                iced::mouse::Event::ButtonPressed(_)
                | iced::mouse::Event::CursorMoved { .. }
                | iced::mouse::Event::WheelScrolled { .. },
            ) => Some(Message::Activiteit),
            _ => None,
        });
        let mut subs = vec![toetsen, activiteit, iced::window::close_requests().map(Message::SluitenGevraagd)];
        if let Scherm::Start(s) = &self.scherm
            && s.bezig()
        {
            // Creating the database (with demo data) or restoring: the progress bar moves.
            subs.push(iced::time::every(Duration::from_millis(100)).map(|_| Message::Voortgang));
        }
        if let Scherm::Hoofd(h) = &self.scherm {
            subs.push(iced::time::every(Duration::from_secs(1)).map(|_| Message::Tik));
            if h.taak.is_some() {
                // Moves the progress bar; under `--meet` also the clock of the measurement.
                let stap = if self.meting.is_some() { 10 } else { 100 };
                subs.push(iced::time::every(Duration::from_millis(stap)).map(|_| Message::Voortgang));
            }
        }
        Subscription::batch(subs)
    }

    /// The idle time after which the window locks.
    pub fn vergrendel_na(&self) -> Duration {
        self.vergrendel_na
    }

    /// Is the store open (unlocked)?
    pub fn is_ontgrendeld(&self) -> bool {
        matches!(self.scherm, Scherm::Hoofd(_))
    }

    /// The board, when unlocked (tests read the choices its forms offer).
    pub fn board(&self) -> Option<&board::State> {
        match &self.scherm {
            Scherm::Hoofd(h) => Some(&h.board),
            _ => None,
        }
    }

    /// Pretend the last activity was `geleden` ago (tests of the idle lock).
    pub fn zet_inactief(&mut self, geleden: Duration) {
        self.laatste_activiteit = Instant::now().checked_sub(geleden).unwrap_or_else(Instant::now);
    }

    fn vergrendel(&mut self, reden: &str) {
        if let Scherm::Hoofd(h) = &mut self.scherm
            && let Some(l) = h.taak
        {
            // Never close the store under a running job: lock as soon as it ends.
            h.banner = Some(format!(
                "Schakel vergrendelt zodra ‘{}’ klaar is; er wordt niets half geschreven.",
                l.soort.label()
            ));
            h.na_taak = Some(NaTaak::Vergrendel(reden.to_string()));
            return;
        }
        if let Scherm::Hoofd(h) = &mut self.scherm {
            // Save pending edits first: locking never drops typed text.
            h.bewaar_openstaand();
            // Typed text that is not saved yet stays in memory (not the key, not the store).
            self.begin = Beginscherm {
                casus: h.detail.as_ref().map(|d| d.nummer().to_string()),
                tab: h.detail.as_ref().map(|d| d.tab()),
                concept: h.detail.as_ref().map(|d| d.concept()),
                pagina: (h.detail.is_none()).then_some(h.pagina),
                overleg_tab: None,
                meet: false,
            };
        }
        // Printed copies hold personal data: they go when the window locks.
        let _ = std::fs::remove_dir_all(afdrukmap(&self.map));
        // Dropping the store closes the connection; the key is wiped from memory.
        self.scherm = Scherm::Ontgrendel(ontgrendel::State::new(Some(reden.to_string())));
    }

    /// Handle a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        if let (Some(m), Scherm::Hoofd(h)) = (&mut self.meting, &self.scherm)
            && h.taak.is_some()
        {
            let nu = Instant::now();
            if let Some(v) = m.vorige {
                m.pauzes.push(nu - v);
            }
            m.vorige = Some(nu);
        }
        match message {
            Message::TaakAfgerond(soort, uitkomst) => {
                let Scherm::Hoofd(h) = &mut self.scherm else { return Task::none() };
                let duur = h.taak.map(|l| l.gestart.elapsed());
                let vergrendel = h.taak_afgerond(soort, uitkomst);
                let na = h.na_taak.take();
                if let Some(m) = self.meting.take() {
                    // `schakel venster --meet`: report and close.
                    eprintln!(
                        "meting: {} in {} ms; {}",
                        soort.label(),
                        duur.unwrap_or_default().as_millis(),
                        m.verslag()
                    );
                    return iced::exit();
                }
                match na {
                    Some(NaTaak::Sluit) => return self.sluiten(),
                    Some(NaTaak::Vergrendel(reden)) => {
                        self.vergrendel(&reden);
                        return operation::focus("wachtwoord");
                    }
                    None => {}
                }
                if vergrendel {
                    self.vergrendel("De database is vervangen. Ontgrendel opnieuw om verder te werken.");
                    return operation::focus("wachtwoord");
                }
                return Task::none();
            }
            Message::Voortgang => return Task::none(),
            Message::SluitenGevraagd(_) => {
                if let Scherm::Hoofd(h) = &mut self.scherm
                    && let Some(l) = h.taak
                {
                    h.banner = Some(format!(
                        "Schakel sluit zodra ‘{}’ klaar is; er wordt niets half geschreven.",
                        l.soort.label()
                    ));
                    h.na_taak = Some(NaTaak::Sluit);
                    return Task::none();
                }
                return self.sluiten();
            }
            Message::Activiteit => {
                self.laatste_activiteit = Instant::now();
                return Task::none();
            }
            Message::Tik => {
                if self.is_ontgrendeld() && self.laatste_activiteit.elapsed() >= self.vergrendel_na {
                    self.vergrendel("Automatisch vergrendeld na een periode zonder activiteit.");
                } else if self.laatste_activiteit.elapsed() >= Duration::from_secs(2)
                    && let Scherm::Hoofd(h) = &mut self.scherm
                    && !h.taak.is_some_and(|l| l.soort.exclusief())
                {
                    // Autosave an edited action once the user pauses (crash safety); the form stays open.
                    h.tussentijds_bewaren();
                }
                return Task::none();
            }
            Message::Vergrendel => {
                if self.is_ontgrendeld() {
                    self.vergrendel("Vergrendeld. Vul uw wachtwoord in om verder te werken.");
                }
                return operation::focus("wachtwoord");
            }
            Message::Ontgrendeld(r) | Message::Aangemaakt(r) => {
                // A new database comes with its herstelsleutel, shown once.
                let herstelcode = r.as_ref().ok().and_then(|o| o.1.clone());
                return match r.map(|o| o.neem()) {
                    Ok(Some(store)) => {
                        let taak = self.binnen(store);
                        if let (Some(code), Scherm::Hoofd(h)) = (herstelcode, &mut self.scherm) {
                            h.toon_herstelsleutel(&code);
                        }
                        taak
                    }
                    Ok(None) => Task::none(),
                    Err(f) => {
                        match &mut self.scherm {
                            Scherm::Ontgrendel(s) => s.mislukt(f),
                            Scherm::Start(s) => s.mislukt(f),
                            Scherm::Hoofd(h) => h.banner = Some(f),
                        }
                        Task::none()
                    }
                };
            }
            _ => {}
        }
        match &mut self.scherm {
            Scherm::Start(s) => match message {
                Message::Start(m) => {
                    let (task, event) = s.update(m);
                    match event {
                        Some(start::Event::Aanmaken(a)) => {
                            return Task::batch([task.map(Message::Start), self.aanmaken(a)]);
                        }
                        Some(start::Event::Herstellen(h)) => {
                            let map = self.map.clone();
                            let herstel = Task::perform(
                                async move {
                                    tokio::task::spawn_blocking(move || App::herstel_aan(&map, &h))
                                        .await
                                        .unwrap_or_else(|_| Err("Terugzetten is onverwacht afgebroken.".into()))
                                },
                                Message::Aangemaakt,
                            );
                            return Task::batch([task.map(Message::Start), herstel]);
                        }
                        None => {}
                    }
                    task.map(Message::Start)
                }
                Message::Focus(vooruit) => focus(vooruit),
                _ => Task::none(),
            },
            Scherm::Ontgrendel(s) => match message {
                Message::Ontgrendel(m) => {
                    let (task, event) = s.update(m);
                    if let Some(ontgrendel::Event::Ontgrendel(w)) = event {
                        return Task::batch([
                            task.map(Message::Ontgrendel),
                            App::ontgrendel_taak(self.map.clone(), Some(w)),
                        ]);
                    }
                    if let Some(ontgrendel::Event::Herstel { code, nieuw_wachtwoord }) = event {
                        let map = self.map.clone();
                        let herstel = Task::perform(
                            async move {
                                tokio::task::spawn_blocking(move || App::herstel_toegang(&map, &code, nieuw_wachtwoord))
                                    .await
                                    .unwrap_or_else(|_| Err("Herstellen is onverwacht afgebroken.".into()))
                            },
                            Message::Ontgrendeld,
                        );
                        return Task::batch([task.map(Message::Ontgrendel), herstel]);
                    }
                    task.map(Message::Ontgrendel)
                }
                _ => Task::none(),
            },
            Scherm::Hoofd(h) => {
                let (task, vergrendel) = h.update(message);
                if vergrendel {
                    self.vergrendel("Vergrendeld. Vul uw wachtwoord in om verder te werken.");
                }
                task
            }
        }
    }

    /// Close the window: typed edits are saved first, printed copies removed.
    fn sluiten(&mut self) -> Task<Message> {
        if let Scherm::Hoofd(h) = &mut self.scherm {
            h.bewaar_openstaand();
        }
        let _ = std::fs::remove_dir_all(afdrukmap(&self.map));
        iced::exit()
    }

    fn aanmaken(&self, a: start::Aanvraag) -> Task<Message> {
        let map = self.map.clone();
        Task::perform(
            async move {
                tokio::task::spawn_blocking(move || App::maak_aan(&map, &a))
                    .await
                    .unwrap_or_else(|_| Err("Aanmaken is onverwacht afgebroken.".into()))
            },
            Message::Aangemaakt,
        )
    }

    /// The window content.
    pub fn view(&self) -> Element<'_, Message> {
        match &self.scherm {
            Scherm::Start(s) => s.view().map(Message::Start),
            Scherm::Ontgrendel(s) => s.view().map(Message::Ontgrendel),
            Scherm::Hoofd(h) => h.view(),
        }
    }
}

/// The progress bar of a running job, with its Dutch label and the seconds so far. The
/// jobs report no fraction, so the bar sweeps while the job runs.
fn voortgang(l: &Lopend) -> Element<'_, Message> {
    let verstreken = l.gestart.elapsed();
    let fase = (verstreken.as_millis() % 2000) as f32 / 2000.0;
    row![
        text(format!("{}… ({} s)", l.soort.label(), verstreken.as_secs())).size(14),
        iced::widget::progress_bar(0.0..=1.0, fase).length(Fill).girth(8),
    ]
    .spacing(12)
    .align_y(iced::Center)
    .padding([4, 0])
    .into()
}

fn focus(vooruit: bool) -> Task<Message> {
    if vooruit { operation::focus_next() } else { operation::focus_previous() }
}

/// The private folder for PDFs handed to the system viewer.
fn afdrukmap(map: &Gegevensmap) -> std::path::PathBuf {
    map.pad().join("afdrukken")
}

/// "Plan van aanpak 2026-0001 versie 2.pdf".
fn bestandsnaam(document: detail::Document, nummer: &str, versie: Option<u32>) -> String {
    match versie {
        Some(v) => format!("{} {nummer} versie {v}.pdf", document.naam()),
        None => format!("{} {nummer}.pdf", document.naam()),
    }
}

/// Open a file in the desktop's default application, detached: the window does not wait
/// for the viewer (some openers last until the viewer closes). Only a viewer that cannot be
/// started is an error. `SCHAKEL_PDF_VIEWER` names another program (tests use `true`, so
/// nothing opens).
fn open_in_viewer(pad: &std::path::Path) -> std::io::Result<()> {
    let programma = std::env::var("SCHAKEL_PDF_VIEWER").ok();
    let mut cmd = match programma.as_deref() {
        Some(p) => std::process::Command::new(p),
        None if cfg!(target_os = "macos") => std::process::Command::new("open"),
        None if cfg!(windows) => {
            let mut c = std::process::Command::new("cmd");
            c.args(["/C", "start", ""]);
            c
        }
        None => std::process::Command::new("xdg-open"),
    };
    cmd.arg(pad)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut kind = cmd.spawn()?;
    // Reap the process when it ends, off the event loop (no zombie, no waiting).
    std::thread::spawn(move || {
        let _ = kind.wait();
    });
    Ok(())
}

/// The Dutch sentence for a report error.
fn rapport_melding(e: crate::report::RapportFout) -> String {
    use crate::report::RapportFout;
    match e {
        RapportFout::Store(s) => fout(&s),
        RapportFout::GeenVersie(v) => format!("Planversie {v} bestaat niet."),
        RapportFout::Pdf(d) => format!("De PDF kon niet worden gemaakt ({d})."),
        RapportFout::Csv(d) => format!("Het CSV-bestand kon niet worden gemaakt ({d})."),
    }
}

/// Every file the window writes goes through the store's atomic writer (temporary name,
/// fsync, rename, owner-only).
fn schrijf_bestand(pad: &std::path::Path, bytes: &[u8]) -> Result<(), StoreFout> {
    crate::store::bestand::schrijf(pad, bytes, crate::store::bestand::Overschrijven::Ja)
}

/// The plan or overview of a casus as PDF.
fn casus_pdf(
    s: &mut Store,
    document: detail::Document,
    nummer: &str,
    versie: Option<u32>,
) -> Result<crate::report::Rapport, String> {
    use crate::report;
    match document {
        detail::Document::Plan => report::plan(s, nummer, versie),
        detail::Document::Overzicht => report::overzicht(s, nummer),
    }
    .map_err(rapport_melding)
}

/// A meeting's agenda or verslag as PDF.
fn overleg_pdf(s: &Store, stuk: overleggen::Stuk, overleg: &str) -> Result<crate::report::Rapport, String> {
    use crate::report;
    match stuk {
        overleggen::Stuk::Agenda => report::agenda(s, overleg, report::AgendaOpties::default()),
        overleggen::Stuk::Verslag => report::verslag(s, overleg),
    }
    .map_err(rapport_melding)
}

/// Hand a printed copy to the viewer (detached) and say what happened.
fn afgedrukt(r: &crate::report::Rapport, pad: &std::path::Path) -> String {
    match open_in_viewer(pad) {
        Ok(()) => format!(
            "{} ({} pagina's) is geopend in de PDF-viewer; druk af met Ctrl+P. De kopie wordt bij vergrendelen verwijderd.",
            r.titel, r.paginas
        ),
        Err(_) => format!(
            "Er is geen PDF-viewer gevonden. Het bestand staat klaar in {}; open het om af te drukken.",
            pad.display()
        ),
    }
}

/// The outcome of a job that could not run (or panicked), for its kind.
fn mislukte_uitkomst(soort: Taaksoort, tekst: String) -> Uitkomst {
    match soort {
        Taaksoort::Kengetallen => Uitkomst::Kengetallen(Err(tekst)),
        s if s.exclusief() => Uitkomst::Store(Overdracht(Arc::new(Mutex::new(None)), None), Err(tekst)),
        _ => Uitkomst::Tekst(Err(tekst)),
    }
}

fn afgebroken(soort: Taaksoort) -> String {
    format!("{} is onverwacht afgebroken; er is niets half opgeslagen.", soort.label())
}

/// The Dutch report of a bundle that was read.
fn importverslag(i: &crate::sync::Import) -> String {
    let t = &i.toegepast;
    let mut m = format!(
        "Bundel van {} ingelezen: {} nieuwe wijzigingen, {} records bijgewerkt.",
        i.afzender.naam, t.nieuw, t.rijen
    );
    if t.conflicten > 0 {
        m.push_str(&format!(" Er zijn {} open conflicten; kies hieronder de juiste waarde.", t.conflicten));
    }
    for n in &t.hernummerd {
        m.push_str(&format!(" Casusnummer bestond al bij een collega; die casus heet nu {n}."));
    }
    m
}

/// Draw up an inzage: PDF at `pad`, JSON next to it.
fn inzage_schrijven(
    store: &mut Store,
    vraag: &crate::store::InzageVraag,
    pad: &std::path::Path,
) -> Result<String, String> {
    let inzage = store.inzage(vraag).map_err(|e| fout(&e))?;
    let pdf = crate::report::inzage(store, &inzage).map_err(rapport_melding)?;
    let json = serde_json::to_vec_pretty(&inzage).map_err(|e| format!("JSON: {e}"))?;
    let json_pad = pad.with_extension("json");
    schrijf_bestand(pad, &pdf.pdf).and_then(|()| schrijf_bestand(&json_pad, &json)).map_err(|e| fout(&e))?;
    Ok(format!(
        "Inzage opgeslagen: {} en {}. Controleer casusgegevens op informatie over derden vóór verstrekking.",
        pad.display(),
        json_pad.display()
    ))
}

/// Export the audit log (CSV, or PDF when `pad` ends in .pdf) with the chain check.
fn audit_schrijven(
    store: &mut Store,
    filter: &crate::store::AuditFilter,
    pad: &std::path::Path,
) -> Result<String, String> {
    let regels = store.audit_export(filter).map_err(|e| fout(&e))?;
    let controle = store.audit_verify().map_err(|e| fout(&e))?;
    let pdf = pad.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let bytes = if pdf {
        crate::report::audit(store, &regels, &controle, filter).map(|r| r.pdf)
    } else {
        crate::report::audit_csv(&regels, &controle)
    }
    .map_err(rapport_melding)?;
    schrijf_bestand(pad, &bytes).map_err(|e| fout(&e))?;
    Ok(format!(
        "{} auditregels opgeslagen in {}. Hash-keten: {}.",
        regels.len(),
        pad.display(),
        crate::report::ketenuitslag(&controle)
    ))
}

/// The connections behind the screens' short requests (see the module doc): one cached
/// read-only connection for reads such as the global search, and a lock that serialises
/// the short writes, each on a fresh connection, so they commit in the order asked.
#[derive(Default)]
struct KorteVerbindingen {
    lezer: Arc<Mutex<Option<Store>>>,
    schrijver: Arc<Mutex<()>>,
}

impl Hoofd {
    /// A short read off the event loop, on the shared read-only connection; the result
    /// comes back through `terug`.
    fn lees<T: Send + 'static>(
        &self,
        werk: impl FnOnce(&Store) -> crate::store::Resultaat<T> + Send + 'static,
        terug: impl FnOnce(Result<T, String>) -> Message + Send + 'static,
    ) -> Task<Message> {
        let Some(verbinding) = self.store.verbinding() else {
            return Task::done(terug(Err(NIET_GEOPEND.into())));
        };
        let lezer = Arc::clone(&self.kort.lezer);
        Task::perform(
            async move {
                tokio::task::spawn_blocking(move || {
                    let mut slot = lezer.lock().map_err(|_| NIET_GEOPEND.to_string())?;
                    if slot.is_none() {
                        *slot = Some(verbinding.open_lezer().map_err(|e| fout(&e))?);
                    }
                    let s = slot.as_ref().ok_or_else(|| NIET_GEOPEND.to_string())?;
                    werk(s).map_err(|e| fout(&e))
                })
                .await
                .unwrap_or_else(|_| Err(NIET_GEOPEND.into()))
            },
            terug,
        )
    }

    /// A short write off the event loop, on a connection of its own (WAL and the busy
    /// timeout let it run while a long job holds another connection); short writes run
    /// one at a time, in the order asked. The result comes back through `terug`.
    fn schrijf<T: Send + 'static>(
        &self,
        werk: impl FnOnce(&mut Store) -> crate::store::Resultaat<T> + Send + 'static,
        terug: impl FnOnce(Result<T, String>) -> Message + Send + 'static,
    ) -> Task<Message> {
        let Some(verbinding) = self.store.verbinding() else {
            return Task::done(terug(Err(NIET_GEOPEND.into())));
        };
        let slot = Arc::clone(&self.kort.schrijver);
        Task::perform(
            async move {
                tokio::task::spawn_blocking(move || {
                    let _beurt = slot.lock().map_err(|_| NIET_GEOPEND.to_string())?;
                    let mut s = verbinding.open().map_err(|e| fout(&e))?;
                    werk(&mut s).map_err(|e| fout(&e))
                })
                .await
                .unwrap_or_else(|_| Err("Het opslaan is afgebroken; er is niets half opgeslagen.".into()))
            },
            terug,
        )
    }

    /// Returns the task and whether to lock.
    fn update(&mut self, message: Message) -> (Task<Message>, bool) {
        // While the database file is being replaced, the window only shows the progress.
        if self.taak.is_some_and(|l| l.soort.exclusief()) {
            if matches!(message, Message::Vergrendel) {
                return (Task::none(), true);
            }
            return (Task::none(), false);
        }
        match message {
            Message::Navigeer(p) => {
                self.bewaar_openstaand();
                self.pagina = p;
                if p == Pagina::Casussen {
                    self.detail = None;
                    self.herlaad_board();
                }
                if p == Pagina::Synchronisatie {
                    self.ververs_sync();
                }
                if matches!(p, Pagina::Instellingen | Pagina::Casussen) {
                    self.ververs_lijsten();
                }
                if p == Pagina::Partners {
                    self.ververs_partners();
                }
                if p == Pagina::Privacy {
                    self.ververs_privacy();
                }
                if p == Pagina::Overleggen {
                    self.ververs_overleggen();
                }
                if p == Pagina::Kengetallen {
                    return (self.kengetallen_bericht(kengetallen::Message::Berekenen), false);
                }
            }
            Message::Zoek(t) => {
                self.zoekterm = t;
                self.zoekverzoek += 1;
                self.open_na_zoeken = false;
                if self.zoekterm.trim().is_empty() {
                    self.zoekt = false;
                    self.treffers.clear();
                } else {
                    self.zoekt = true;
                    let nr = self.zoekverzoek;
                    let term = self.zoekterm.clone();
                    return (self.lees(move |s| s.zoek(&term, 8), move |r| Message::Gezocht(nr, r)), false);
                }
            }
            Message::CasusOpgeslagen(n, stap, r) => self.casus_opgeslagen(&n, stap, r),
            Message::Verplaatst(n, r) => match r {
                Ok(naar) => {
                    self.board.gelukt();
                    self.herlaad_board();
                    self.board.toon_melding(format!("Casus {n} staat nu in {}.", naar.label().to_lowercase()));
                }
                Err(e) => self.board.toon_fout(e),
            },
            Message::Aangemeld(r) => match r {
                Ok(n) => {
                    self.herlaad_board();
                    let naar_kaart = self.board.aangemeld(&n).map(Message::Board);
                    self.board.toon_melding(format!("Aanmelding geregistreerd als casus {n}."));
                    return (naar_kaart, false);
                }
                Err(e) => self.board.toon_fout(e),
            },
            Message::Gezocht(nr, r) => {
                if nr != self.zoekverzoek {
                    return (Task::none(), false);
                }
                self.zoekt = false;
                self.treffers = r.unwrap_or_else(|e| {
                    self.banner = Some(e);
                    Vec::new()
                });
                if std::mem::take(&mut self.open_na_zoeken) {
                    return self.update(Message::OpenEersteTreffer);
                }
            }
            Message::OpenCasus(n) => {
                self.zoekterm.clear();
                self.treffers.clear();
                self.bewaar_openstaand();
                self.open_casus(&n);
            }
            Message::FocusZoeken => return (operation::focus("globaal-zoeken"), false),
            Message::NieuweAanmelding => {
                let naar_bord = self.update(Message::Navigeer(Pagina::Casussen)).0;
                return (Task::batch([naar_bord, self.board_bericht(board::Message::NieuweAanmelding)]), false);
            }
            Message::OpenEersteTreffer => {
                if self.zoekt {
                    self.open_na_zoeken = true;
                } else if let Some(n) = self.treffers.first().map(|t| t.casus.casusnummer.clone()) {
                    return self.update(Message::OpenCasus(n));
                }
            }
            Message::Annuleer => match (self.pagina, &mut self.detail) {
                (Pagina::Casussen, None) => return (self.board_bericht(board::Message::Annuleer), false),
                (Pagina::Casussen, Some(d)) => {
                    // Forms, confirmations and edits of the casus, and an inline action edit.
                    let _ = d.update(detail::Message::Annuleren);
                    if d.tab() == detail::Tab::Plan {
                        return (self.detail_bericht(detail::Message::Plan(plan::Message::StopBewerken)), false);
                    }
                }
                (Pagina::Overleggen, _) => return (self.overleggen_bericht(overleggen::Message::Annuleer), false),
                (Pagina::Privacy, _) => return self.update(Message::Privacy(privacy::Message::Annuleer)),
                (Pagina::Partners, _) => return self.update(Message::Partners(partners::Message::Annuleer)),
                _ => {}
            },
            Message::Vergrendel => return (Task::none(), true),
            Message::Opslaan => return (self.bewaar_openstaand_taak(), false),
            Message::Focus(vooruit) => return (focus(vooruit), false),
            Message::Pijl(r) => match (&mut self.detail, self.pagina) {
                (Some(d), Pagina::Casussen) if d.tab() == detail::Tab::Plan => {
                    if let Some(i) = d.plan.geselecteerd() {
                        let omhoog = matches!(r, Richting::Omhoog);
                        if matches!(r, Richting::Omhoog | Richting::Omlaag) {
                            return (
                                self.detail_bericht(detail::Message::Plan(plan::Message::Verplaats(i, omhoog))),
                                false,
                            );
                        }
                    }
                }
                (None, Pagina::Casussen) if matches!(r, Richting::Links | Richting::Rechts) => {
                    return (self.board_bericht(board::Message::VerplaatsGeselecteerde(r == Richting::Rechts)), false);
                }
                _ => {}
            },
            Message::Rij(r) => {
                if let (Some(d), Pagina::Casussen) = (&self.detail, self.pagina)
                    && d.tab() == detail::Tab::Plan
                {
                    let omhoog = r == Richting::Omhoog;
                    return (
                        self.detail_bericht(detail::Message::Plan(plan::Message::SelecteerVolgende(omhoog))),
                        false,
                    );
                }
            }
            Message::RijOpenen => {
                if let (Some(d), Pagina::Casussen) = (&self.detail, self.pagina)
                    && d.tab() == detail::Tab::Plan
                {
                    return (self.detail_bericht(detail::Message::Plan(plan::Message::BewerkGeselecteerde)), false);
                }
            }
            Message::MarkeerGereed => {
                if let Some(i) = self.detail.as_ref().and_then(|d| d.plan.geselecteerd()) {
                    return (self.detail_bericht(detail::Message::Plan(plan::Message::Gereed(i))), false);
                }
            }
            Message::Board(m) => return (self.board_bericht(m), false),
            Message::Detail(m) => return (self.detail_bericht(m), false),
            Message::PdfPadGekozen { document, versie, nummer, pad } => {
                return match pad {
                    Some(p) => (self.pdf_opslaan(document, nummer, versie, p), false),
                    None => (Task::none(), false),
                };
            }
            Message::PdfGemaakt(PdfScherm::Detail, r) => {
                if let Some(d) = &mut self.detail {
                    match r {
                        Ok(m) => d.toon_melding(m),
                        Err(f) => d.toon_fout(f),
                    }
                }
            }
            Message::PdfGemaakt(PdfScherm::Overleggen, r) => match r {
                Ok(m) => self.overleggen.toon_melding(m),
                Err(f) => self.overleggen.toon_fout(f),
            },
            Message::Overleggen(m) => return (self.overleggen_bericht(m), false),
            Message::Kengetallen(m) => return (self.kengetallen_bericht(m), false),
            // A cancelled dialog (`pad: None`) changes nothing.
            Message::OverlegPdfPadGekozen { stuk, overleg, pad: Some(p) } => {
                return (self.overleg_pdf_opslaan(stuk, overleg, p), false);
            }
            // Cancelled, or no dialog could be shown: say so rather than nothing.
            Message::OverlegPdfPadGekozen { stuk, pad: None, .. } => self.overleggen.toon_melding(format!(
                "Geen bestand gekozen: de {} is niet als PDF opgeslagen. Met ‘{} afdrukken’ opent u hem in de \
                 PDF-viewer.",
                stuk.naam().to_lowercase(),
                stuk.naam()
            )),
            Message::KengetallenPadGekozen { cijfers, pad: Some(p) } => {
                let csv = crate::store::kengetallen::naar_csv(&cijfers);
                match schrijf_bestand(&p, &csv) {
                    Ok(()) => self.kengetallen.toon_melding(format!("Kengetallen opgeslagen in {}.", p.display())),
                    Err(e) => self.kengetallen.toon_fout(fout(&e)),
                }
            }
            Message::Partners(m) => {
                let (task, event) = self.partners.update(m);
                let mut taken = vec![task.map(Message::Partners)];
                if let Some(e) = event {
                    taken.push(self.partner_event(e));
                }
                return (Task::batch(taken), false);
            }
            Message::Privacy(m) => {
                let (task, event) = self.privacy.update(m);
                let task = task.map(Message::Privacy);
                return match event {
                    Some(e) => {
                        let (vervolg, vergrendel) = self.privacy_event(e);
                        (Task::batch([task, vervolg]), vergrendel)
                    }
                    None => (task, false),
                };
            }
            Message::ContactlijstPadGekozen { actie, pad: Some(p) } => self.contactlijst(actie, &p),
            Message::Synchronisatie(m) => {
                let (task, event) = self.synchronisatie.update(m);
                let vervolg = match event {
                    Some(e) => self.sync_event(e),
                    None => Task::none(),
                };
                return (Task::batch([task.map(Message::Synchronisatie), vervolg]), false);
            }
            Message::Instellingen(m) => {
                let (task, event) = self.instellingen.update(m);
                match event {
                    Some(instellingen::Event::Vergrendeltijd(min)) => {
                        if let Err(e) = self.store.zet_instelling(instelling::VERGRENDEL_MINUTEN, &min.to_string()) {
                            self.banner = Some(fout(&e));
                        }
                        return (task.map(Message::Instellingen), false);
                    }
                    Some(instellingen::Event::Vergrendel) => return (Task::none(), true),
                    Some(instellingen::Event::Toevoegen(lijst, naam)) => {
                        let r = match lijst {
                            instellingen::Lijst::Thema => self.store.thema_toevoegen(&naam),
                            instellingen::Lijst::Leefgebied => self.store.leefgebied_toevoegen(&naam),
                            instellingen::Lijst::Gemeente => self.store.gemeente_toevoegen(&naam),
                            instellingen::Lijst::Overlegsoort => self.store.overlegsoort_toevoegen(&naam, false),
                        };
                        match r {
                            Ok(_) => self.instellingen.lijst_opgeslagen(lijst),
                            Err(e) => self.instellingen.toon_fout(fout(&e)),
                        }
                        self.ververs_lijsten();
                    }
                    Some(instellingen::Event::Medewerker(verzoek)) => {
                        let r = match verzoek {
                            instellingen::MedewerkerVerzoek::Nieuw { naam, rol, ik } => self
                                .store
                                .medewerker_toevoegen(&naam, rol, None)
                                .and_then(|id| if ik { self.store.mij_instellen(&id).map(|_| ()) } else { Ok(()) }),
                            instellingen::MedewerkerVerzoek::Wijzig(id, w) => {
                                self.store.medewerker_wijzig(&id, &w).map(|_| ())
                            }
                            instellingen::MedewerkerVerzoek::Ik(id) => self.store.mij_instellen(&id).map(|_| ()),
                        };
                        match r {
                            Ok(()) => self.instellingen.medewerker_opgeslagen(),
                            Err(e) => self.instellingen.toon_medewerker_fout(fout(&e)),
                        }
                        self.ververs_medewerkers();
                    }
                    Some(instellingen::Event::Hernoem(lijst, id, naam)) => {
                        match self.store.lijst_hernoem(lijst.tabel(), &id, &naam) {
                            Ok(()) => self.instellingen.lijst_opgeslagen(lijst),
                            Err(e) => self.instellingen.toon_fout(fout(&e)),
                        }
                        self.ververs_lijsten();
                    }
                    Some(instellingen::Event::Actief(lijst, id, aan)) => {
                        if let Err(e) = self.store.lijst_actief(lijst.tabel(), &id, aan) {
                            self.instellingen.toon_fout(fout(&e));
                        }
                        self.ververs_lijsten();
                    }
                    None => return (task.map(Message::Instellingen), false),
                }
            }
            Message::SluitBanner => {
                self.banner = None;
                self.klaar = None;
            }
            _ => {}
        }
        (Task::none(), false)
    }

    /// Re-read the medewerkers for Instellingen, the open casus's pick lists and the
    /// board ("Alleen mijn casussen" follows the chosen medewerker; names follow renames).
    fn ververs_medewerkers(&mut self) {
        match (self.store.medewerkers(), self.store.mijn_medewerker()) {
            (Ok(alle), Ok(mij)) => {
                if let Some(d) = &mut self.detail {
                    d.zet_medewerkers(medewerker_keuzes(&alle));
                }
                let mij = mij.map(|m| m.id);
                self.board.zet_mij(mij.as_deref().unwrap_or(""));
                self.board.zet_medewerkers(medewerker_keuzes(&alle));
                self.instellingen.zet_medewerkers(alle, mij);
                self.instellingen.zet_gebruiker(self.store.gebruiker().to_string());
            }
            (Err(e), _) | (_, Err(e)) => self.instellingen.toon_medewerker_fout(fout(&e)),
        }
        self.herlaad_board();
    }

    /// Re-read the thema and leefgebied lists for Instellingen and the board's pick lists.
    fn ververs_lijsten(&mut self) {
        match (self.store.themas(), self.store.leefgebieden()) {
            (Ok(t), Ok(l)) => {
                self.board.zet_themas(&t);
                self.instellingen.zet_lijsten(t, l);
                match (self.store.gemeenten(), self.store.overlegsoorten()) {
                    (Ok(g), Ok(o)) => self.instellingen.zet_meer_lijsten(g, o),
                    (Err(e), _) | (_, Err(e)) => self.instellingen.toon_fout(fout(&e)),
                }
            }
            (Err(e), _) | (_, Err(e)) => self.instellingen.toon_fout(fout(&e)),
        }
    }

    fn herlaad_board(&mut self) {
        match self.store.casus_lijst(&CasusFilter::default()) {
            Ok(r) => self.board.vervang(r),
            Err(e) => self.banner = Some(fout(&e)),
        }
    }

    fn board_bericht(&mut self, m: board::Message) -> Task<Message> {
        let (task, event) = self.board.update(m);
        let task = task.map(Message::Board);
        match event {
            Some(board::Event::Open(n)) => self.open_casus(&n),
            Some(board::Event::Verplaats(n, overgang)) => {
                let nummer = n.clone();
                let opslaan = self.schrijf(
                    move |s| s.casus_fase(&n, &overgang).map(|b| b.naar),
                    move |r| Message::Verplaatst(nummer, r),
                );
                return Task::batch([task, opslaan]);
            }
            Some(board::Event::Aanmelden(data)) => {
                let (casus, persoon) = *data;
                let opslaan =
                    self.schrijf(move |s| s.aanmelding(casus, persoon).map(|n| n.to_string()), Message::Aangemeld);
                return Task::batch([task, opslaan]);
            }
            Some(board::Event::Toewijzen(n, t)) => match self.store.casus_toewijzen(&n, &t) {
                Ok(_) => {
                    self.board.gelukt();
                    self.herlaad_board();
                    self.board.toon_melding(format!("Casus {n} is toegewezen."));
                }
                Err(e) => self.board.toon_fout(fout(&e)),
            },
            Some(board::Event::ContactenNodig(p)) => match self.store.contacten(&p) {
                Ok(c) => self.board.zet_contacten(c.into_iter().map(|c| Keuze::new(&c.id, &c.naam)).collect()),
                Err(e) => self.board.toon_fout(fout(&e)),
            },
            None => {}
        }
        task
    }

    fn ververs_partners(&mut self) {
        match self.store.alle_partners() {
            Ok(p) => {
                // The aanmelding form offers active partners, with their covenant status.
                let keuzes = p.iter().filter(|p| !p.gearchiveerd).map(widgets::partner_keuze).collect();
                self.board.zet_partners(keuzes);
                self.partners.vervang(p);
            }
            Err(e) => self.partners.toon_fout(fout(&e)),
        }
    }

    fn kies_partner(&mut self, id: &str) {
        let r = (|| -> Result<_, StoreFout> {
            Ok((self.store.contacten_met_archief(id)?, self.store.casussen_van_partner(id)?))
        })();
        match r {
            Ok((c, k)) => self.partners.zet_detail(id.to_string(), c, k),
            Err(e) => self.partners.toon_fout(fout(&e)),
        }
    }

    /// Export or import the contact list at `pad`; the outcome stays on the partners screen.
    fn contactlijst(&mut self, actie: partners::Bestandsactie, pad: &std::path::Path) {
        use crate::contactlijst as cl;
        use partners::Bestandsactie as B;
        let bestand = pad.display().to_string();
        match actie {
            B::ExportCsv | B::ExportVcard => {
                let r = cl::regels(&self.store).map_err(|e| fout(&e)).and_then(|regels| {
                    let bytes = if actie == B::ExportCsv {
                        cl::naar_csv(&regels)
                    } else {
                        cl::naar_vcard(&regels).into_bytes()
                    };
                    schrijf_bestand(pad, &bytes).map_err(|e| fout(&e))?;
                    Ok(regels.len())
                });
                match r {
                    Ok(n) => self.partners.toon_melding(format!("{n} contactpersonen opgeslagen in {bestand}.")),
                    Err(f) => self.partners.toon_fout(f),
                }
            }
            B::ImportCsv => {
                let r = std::fs::read(pad)
                    .map_err(|e| format!("Het bestand {bestand} kon niet worden gelezen ({e})."))
                    .and_then(|b| {
                        let (rijen, afgewezen) = cl::lees_csv(&b);
                        cl::importeer(&mut self.store, rijen, afgewezen).map_err(|e| fout(&e))
                    });
                match r {
                    Ok(v) => {
                        self.ververs_partners();
                        self.partners.zet_importverslag(v);
                    }
                    Err(f) => self.partners.toon_fout(f),
                }
            }
        }
    }

    /// Carry out what the partners screen asks.
    fn partner_event(&mut self, e: partners::Event) -> Task<Message> {
        match e {
            partners::Event::Contactlijst(actie) => {
                let dialoog = rfd::AsyncFileDialog::new();
                return Task::perform(
                    async move {
                        let d = match actie {
                            partners::Bestandsactie::ImportCsv => {
                                dialoog
                                    .set_title("Contactlijst importeren")
                                    .add_filter("CSV", &["csv"])
                                    .pick_file()
                                    .await
                            }
                            export => {
                                let (soort, ext) = match export {
                                    partners::Bestandsactie::ExportVcard => ("vCard", "vcf"),
                                    _ => ("CSV", "csv"),
                                };
                                dialoog
                                    .set_title("Contactlijst exporteren")
                                    .set_file_name(format!("Contactlijst partners.{ext}"))
                                    .add_filter(soort, &[ext])
                                    .save_file()
                                    .await
                            }
                        };
                        d.map(|h| h.path().to_path_buf())
                    },
                    move |pad| Message::ContactlijstPadGekozen { actie, pad },
                );
            }
            partners::Event::Kies(id) => self.kies_partner(&id),
            partners::Event::Toevoegen(p) => match self.store.partner_toevoegen(p) {
                Ok(id) => {
                    self.partners.partner_opgeslagen();
                    self.ververs_partners();
                    self.kies_partner(&id);
                }
                Err(e) => self.partners.toon_fout(fout(&e)),
            },
            partners::Event::Wijzig(id, w) => match self.store.partner_wijzig(&id, &w) {
                Ok(_) => {
                    self.ververs_partners();
                    self.kies_partner(&id);
                }
                Err(e) => self.partners.toon_fout(fout(&e)),
            },
            partners::Event::Contact(id, c) => match self.store.contact_toevoegen(&id, c) {
                Ok(_) => {
                    self.partners.contact_opgeslagen();
                    self.kies_partner(&id);
                }
                Err(e) => self.partners.toon_fout(fout(&e)),
            },
            partners::Event::ContactWijzig(partner, id, w) => {
                let r = self.store.contact_wijzig(&id, &w).and_then(|_| self.store.contact(&id));
                match r {
                    Ok(c) => {
                        self.partners.contact_gewijzigd(match w.gearchiveerd {
                            Some(true) => format!("Contactpersoon {} gearchiveerd.", c.naam),
                            Some(false) => format!("Contactpersoon {} weer actief.", c.naam),
                            None => format!("Contactpersoon {} opgeslagen.", c.naam),
                        });
                        self.kies_partner(&partner);
                    }
                    Err(e) => self.partners.toon_fout(fout(&e)),
                }
            }
            partners::Event::OpenCasus(n) => self.open_casus(&n),
        }
        Task::none()
    }

    /// Reload roster, received ranges and conflicts into the sync screen (which makes its
    /// own rows from them).
    fn ververs_sync(&mut self) {
        let r = (|| -> Result<_, crate::sync::SyncFout> {
            let team = self.store.collegas()?;
            let ontvangen = crate::sync::status(&self.store)?;
            let conflicten = self.store.conflicten(None)?;
            // What the rows name: the casusnummer and who wrote each value.
            let namen = conflicten
                .iter()
                .map(|c| {
                    let casus = match &c.casus_id {
                        Some(id) => self.store.casusnummer_van(id).unwrap_or_default(),
                        None => String::new(),
                    };
                    let auteurs = c.waarden.iter().map(|w| crate::sync::auteur(&self.store, &w.op)).collect();
                    (casus, auteurs)
                })
                .collect();
            Ok((team, ontvangen, conflicten, namen))
        })();
        match r {
            Ok((team, ontvangen, conflicten, namen)) => {
                let koppelingen = team
                    .iter()
                    .filter_map(|c| Some((c.apparaat.clone(), self.store.collega_partner(&c.apparaat).ok()??)))
                    .collect();
                let partners = self
                    .store
                    .partners()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|p| synchronisatie::PartnerOptie { id: p.id, naam: p.naam, convenant: p.convenantstatus })
                    .collect();
                self.synchronisatie.zet_partners(partners, koppelingen);
                self.synchronisatie.vervang_uit(&team, ontvangen, &conflicten, namen);
                self.conflicten = conflicten;
            }
            Err(e) => self.synchronisatie.meld(Vlak::Fout, melding::sync(&e)),
        }
    }

    /// Carry out what the sync screen asks; the outcome is shown on that screen.
    fn ververs_privacy(&mut self) {
        let vandaag = chrono::Local::now().date_naive();
        let kopieen = crate::store::vervangen_kopieen(self.map.pad()).unwrap_or_default();
        self.privacy.zet_kopieen(kopieen.into_iter().map(|k| (k.naam, k.verloopt_op.to_string())).collect());
        let r =
            (|| -> Result<_, StoreFout> { Ok((self.store.te_verwijderen(vandaag)?, self.store.bewaartermijnen()?)) })();
        match r {
            Ok((lijst, termijnen)) => self.privacy.vervang(
                lijst
                    .into_iter()
                    .map(|b| privacy::TeVerwijderen {
                        termijn_tot: b.verlengd_tot.unwrap_or(b.termijn_tot).max(b.termijn_tot).to_string(),
                        nummer: b.nummer,
                        thema: b.thema,
                        afgesloten_op: b.afgesloten_op.to_string(),
                    })
                    .collect(),
                termijnen
                    .into_iter()
                    .map(|t| privacy::Termijn { thema_id: t.thema_id, thema: t.thema, maanden: t.maanden })
                    .collect(),
            ),
            Err(e) => self.privacy.mislukt(fout(&e)),
        }
    }

    /// Carry out what the privacy screen asks. Returns a follow-up task and whether to lock.
    /// Long work (removal, inzage, audit export, backup, restore, key rotation) runs as a job.
    fn privacy_event(&mut self, e: privacy::Event) -> (Task<Message>, bool) {
        use privacy::Event as E;
        let vandaag = chrono::Local::now().date_naive();
        let r: Result<String, String> = match e {
            E::Open(n) => {
                self.pagina = Pagina::Casussen;
                self.open_casus(&n);
                return (Task::none(), false);
            }
            E::Termijnen(t) => t
                .iter()
                .try_for_each(|(thema, m)| self.store.zet_bewaartermijn(thema, *m))
                .map(|()| "De bewaartermijnen zijn opgeslagen.".to_string())
                .map_err(|e| fout(&e)),
            E::Verwijder { nummer, reden } => {
                let taak = self.start_taak(Taaksoort::Verwijderen, move |s| {
                    Uitkomst::Tekst(s.casus_vernietigen(&nummer, &reden, vandaag).map(|v| format!(
                        "Casus {} is verwijderd met alles wat eronder viel; de auditlog vermeldt wie, wanneer en waarom.",
                        v.nummer
                    )).map_err(|e| fout(&e)))
                });
                return (taak, false);
            }
            E::Verleng { nummer, tot, reden } => self
                .store
                .bewaartermijn_verlengen(&nummer, tot, &reden)
                .map(|()| {
                    format!("De bewaartermijn van casus {nummer} loopt nu tot en met {}.", tot.format("%d-%m-%Y"))
                })
                .map_err(|e| fout(&e)),
            E::Inzage { vraag, pad } => match self.store.inzage_personen(&vraag) {
                Ok(p) if p.len() > 1 => {
                    self.privacy.kies_persoon(p);
                    return (Task::none(), false);
                }
                _ => {
                    let taak =
                        self.start_taak(Taaksoort::Inzage, move |s| Uitkomst::Tekst(inzage_schrijven(s, &vraag, &pad)));
                    return (taak, false);
                }
            },
            E::AuditExport { filter, pad } => {
                let taak = self
                    .start_taak(Taaksoort::AuditExport, move |s| Uitkomst::Tekst(audit_schrijven(s, &filter, &pad)));
                return (taak, false);
            }
            E::NieuweHerstelsleutel(w) => {
                let w = w.map(|g| g.0);
                match crate::store::herstelsleutel_vernieuwen(&self.map, w.as_deref().map(String::as_str)) {
                    Ok(code) => {
                        let _ = self.store.registreer_uitvoer(crate::store::Uitvoer::Herstelsleutel, "gemaakt", &[]);
                        self.privacy.toon_herstelsleutel(code.getoond());
                        Ok("Er is een nieuwe herstelsleutel gemaakt; de vorige werkt niet meer.".to_string())
                    }
                    Err(e) => Err(fout(&e)),
                }
            }
            E::KopieVerwijder(naam) => crate::store::vervangen_kopie_verwijder(self.map.pad(), &naam)
                .map(|()| format!("De vervangen database {naam} is verwijderd."))
                .map_err(|e| fout(&e)),
            E::HerstelPdf { pad, code } => crate::report::herstelsleutel(&self.store, &code.0)
                .map_err(rapport_melding)
                .and_then(|r| crate::store::schrijf_prive_bestand(&pad, &r.pdf).map_err(|e| fout(&e)))
                .map(|()| {
                    format!("Herstelsleutel opgeslagen in {}: druk hem af en verwijder dan het bestand.", pad.display())
                }),
            E::Backup { pad, wachtwoord } => return (self.backup(pad, wachtwoord), false),
            E::Herstel { pad, wachtwoord, nieuw } => return (self.herstel(pad, wachtwoord, nieuw), false),
            E::Roteer(w) => {
                let map = self.map.clone();
                let taak = self.start_exclusief(Taaksoort::Sleutel, move |mut store| {
                    let w = w.map(|g| g.0);
                    let r = crate::store::sleutel_roteer(&map, &mut store, w.as_deref().map(String::as_str), |_| {})
                        .map(|()| "De database is opnieuw versleuteld met een nieuwe sleutel.".to_string())
                        .map_err(|e| fout(&e));
                    // A failed rotation that closed the store reopened it, or left it closed
                    // (an empty in-memory connection without tables): then lock, and let
                    // unlocking finish or undo the swap.
                    let bruikbaar = store.aantal("casus").is_ok();
                    (bruikbaar.then_some(store), r)
                });
                return (taak, false);
            }
            E::WijzigWachtwoord { oud, nieuw } => {
                let map = self.map.clone();
                let taak = self.start_taak(Taaksoort::Wachtwoord, move |_| {
                    Uitkomst::Tekst(
                        crate::store::wachtwoord_wijzigen(&map, &oud.0, &nieuw.0)
                            .map(|()| "Het wachtwoord is gewijzigd.".to_string())
                            .map_err(|e| fout(&e)),
                    )
                });
                return (taak, false);
            }
        };
        match r {
            Ok(t) => {
                self.privacy.gelukt(t);
                self.ververs_privacy();
            }
            Err(f) => self.privacy.mislukt(f),
        }
        (Task::none(), false)
    }

    /// Make a backup on the job's own connection: the board stays readable meanwhile.
    fn backup(&mut self, pad: std::path::PathBuf, wachtwoord: privacy::Geheim) -> Task<Message> {
        self.start_taak(Taaksoort::Backup, move |s| {
            Uitkomst::Tekst(
                s.backup_maak(&pad, &wachtwoord.0)
                    .map(|_| {
                        format!("Back-up opgeslagen in {}. Bewaar het wachtwoord apart van het bestand.", pad.display())
                    })
                    .map_err(|e| fout(&e)),
            )
        })
    }

    /// Restore a backup over the open database: checked first, then the store is closed,
    /// the files swapped (the old ones kept), and the app continues on the restored one.
    fn herstel(
        &mut self,
        pad: std::path::PathBuf,
        wachtwoord: privacy::Geheim,
        nieuw: Option<privacy::Geheim>,
    ) -> Task<Message> {
        let map = self.map.clone();
        self.start_exclusief(Taaksoort::Herstel, move |mut store| {
            let bytes = match std::fs::read(&pad).map_err(StoreFout::Io) {
                Ok(b) => b,
                Err(e) => return (Some(store), Err(fout(&e))),
            };
            let keuze = match nieuw {
                Some(w) => crate::store::Sleutelkeuze::Wachtwoord(w.0),
                None => crate::store::Sleutelkeuze::Sleutelbos,
            };
            // The passphrase is checked before anything is closed or moved.
            if let Err(e) = crate::store::backup_controleer(&bytes, &wachtwoord.0) {
                return (Some(store), Err(fout(&e)));
            }
            if let Err(e) = store.sluit_voor_wissel() {
                return (None, Err(fout(&e)));
            }
            match crate::store::backup_herstel(&map, &bytes, &wachtwoord.0, &keuze, true) {
                Ok((store, h)) => (
                    Some(store),
                    Ok(format!(
                        "Back-up van {} teruggezet ({} casussen). De vorige database staat ongewijzigd in {}. Stuur \
                         collega's uw nieuwe visitekaartje.",
                        h.gemaakt_op,
                        h.casussen,
                        h.oude_kopie.map(|p| p.display().to_string()).unwrap_or_default()
                    )),
                ),
                // The open store is closed: unlocking again opens whatever is in place.
                Err(e) => (None, Err(fout(&e))),
            }
        })
    }

    /// Start a long job on a connection of its own (WAL: the window's connection keeps
    /// reading and writing meanwhile). Refused while another job runs.
    fn start_taak(
        &mut self,
        soort: Taaksoort,
        werk: impl FnOnce(&mut Store) -> Uitkomst + Send + 'static,
    ) -> Task<Message> {
        if !self.taak_mag_starten(soort) {
            return Task::none();
        }
        let Some(verbinding) = self.store.verbinding() else {
            self.banner = Some(format!("{} kan nu niet: de database is niet geopend.", soort.label()));
            return Task::none();
        };
        self.taak = Some(Lopend { soort, gestart: Instant::now() });
        Task::perform(
            async move {
                tokio::task::spawn_blocking(move || match verbinding.open() {
                    Ok(mut s) => werk(&mut s),
                    Err(e) => mislukte_uitkomst(soort, fout(&e)),
                })
                .await
                .unwrap_or_else(|_| mislukte_uitkomst(soort, afgebroken(soort)))
            },
            move |u| Message::TaakAfgerond(soort, u),
        )
    }

    /// Start a job that replaces the database file: it takes the window's connection (a
    /// closed placeholder stands in) and gives back the store to go on with, if any.
    fn start_exclusief(
        &mut self,
        soort: Taaksoort,
        werk: impl FnOnce(Store) -> (Option<Store>, Result<String, String>) + Send + 'static,
    ) -> Task<Message> {
        if !self.taak_mag_starten(soort) {
            return Task::none();
        }
        let store = match Store::gesloten() {
            Ok(plaatsvervanger) => std::mem::replace(&mut self.store, plaatsvervanger),
            Err(e) => {
                self.banner = Some(fout(&e));
                return Task::none();
            }
        };
        self.taak = Some(Lopend { soort, gestart: Instant::now() });
        Task::perform(
            async move {
                tokio::task::spawn_blocking(move || {
                    let (store, r) = werk(store);
                    Uitkomst::Store(Overdracht(Arc::new(Mutex::new(store)), None), r)
                })
                .await
                .unwrap_or_else(|_| mislukte_uitkomst(soort, afgebroken(soort)))
            },
            move |u| Message::TaakAfgerond(soort, u),
        )
    }

    /// One job at a time: a second start is refused with a message.
    fn taak_mag_starten(&mut self, soort: Taaksoort) -> bool {
        match self.taak {
            Some(l) => {
                self.banner = Some(format!(
                    "{} kan pas als ‘{}’ klaar is; Schakel is daar nog mee bezig.",
                    soort.label(),
                    l.soort.label()
                ));
                false
            }
            None => true,
        }
    }

    /// A job ended: show its outcome on its screen and in the banner. Returns whether to lock.
    fn taak_afgerond(&mut self, soort: Taaksoort, uitkomst: Uitkomst) -> bool {
        self.taak = None;
        let tekst = match uitkomst {
            Uitkomst::Kengetallen(r) => {
                match r {
                    Ok(k) => self.kengetallen.zet(*k),
                    Err(f) => self.kengetallen.toon_fout(f),
                }
                return false;
            }
            Uitkomst::Store(o, r) => {
                let Some(store) = o.neem() else {
                    // The database may have been swapped: only unlocking again is safe.
                    if let Err(f) = r {
                        self.banner = Some(f);
                    }
                    return true;
                };
                self.store = store;
                if soort == Taaksoort::Herstel && r.is_ok() {
                    self.na_herstel();
                }
                r
            }
            Uitkomst::Tekst(r) => r,
        };
        match soort {
            Taaksoort::BundelImport | Taaksoort::BundelExport => {
                match &tekst {
                    Ok(m) => self.synchronisatie.meld(Vlak::Info, m.clone()),
                    Err(f) => self.synchronisatie.meld(Vlak::Fout, f.clone()),
                }
                self.ververs_sync();
                self.herlaad_board();
            }
            _ => {
                match &tekst {
                    Ok(m) => self.privacy.gelukt(m.clone()),
                    Err(f) => self.privacy.mislukt(f.clone()),
                }
                self.ververs_privacy();
                if soort == Taaksoort::Verwijderen {
                    self.herlaad_board();
                }
            }
        }
        match tekst {
            Ok(m) => {
                self.klaar = Some(format!("{} is klaar. {m}", soort.label()));
                self.banner = None;
            }
            Err(f) => self.banner = Some(format!("{} is mislukt. {f}", soort.label())),
        }
        false
    }

    /// After a restore: the restored database has a new device identity; reload the screens.
    fn na_herstel(&mut self) {
        self.detail = None;
        self.herlaad_board();
        self.ververs_partners();
        match crate::sync::apparaat(&mut self.store) {
            Ok(a) => self.synchronisatie = synchronisatie::State::new(a.id.clone(), a.vingerafdruk(), self.map.pad()),
            Err(e) => self.banner = Some(melding::sync(&e)),
        }
    }

    /// Carry out what the sync screen asks; the outcome is shown on that screen. Reading
    /// and writing bundles run as jobs.
    fn sync_event(&mut self, e: synchronisatie::Event) -> Task<Message> {
        use crate::sync;
        use synchronisatie::Event as E;
        let lees = |p: &str| std::fs::read(p).map_err(sync::SyncFout::Io);
        let r: Result<String, sync::SyncFout> = match e {
            E::SchrijfKaartje(p) => sync::visitekaartje(&mut self.store, "")
                .and_then(|k| Ok(schrijf_bestand(std::path::Path::new(&p), &k)?))
                .map(|()| format!("Visitekaartje opgeslagen in {p}. Geef het aan uw collega en lees samen de vingerafdruk voor.")),
            E::LeesKaartje(p) => lees(&p).and_then(|b| sync::lees_visitekaartje(&b)).and_then(|c| {
                self.store.collega_toevoegen(&c)?;
                Ok(format!(
                    "{} is toegevoegd maar nog niet vertrouwd. Vergelijk samen de vingerafdruk en kies dan 'Bevestigen'.",
                    c.naam
                ))
            }),
            E::Koppel(apparaat, partner) => self
                .store
                .collega_koppelen(&apparaat, Some(&partner))
                .map(|()| "Collega gekoppeld aan de partner.".into())
                .map_err(Into::into),
            E::Bevestig(id) => self.store.collega_bevestigen(&id).map(|()| "Collega bevestigd en vertrouwd.".into()).map_err(Into::into),
            E::Verwijder(id) => self
                .store
                .collega_verwijderen(&id)
                .map(|()| "Collega verwijderd; er gaan geen bundels meer van of naar deze collega.".into())
                .map_err(Into::into),
            E::Exporteer(p) => {
                return self.start_taak(Taaksoort::BundelExport, move |s| {
                    Uitkomst::Tekst(
                        sync::exporteer(s, &sync::ExportOpties::default())
                            .and_then(|x| {
                                schrijf_bestand(std::path::Path::new(&p), &x.bytes)?;
                                let namen: Vec<&str> = x.ontvangers.iter().map(|c| c.naam.as_str()).collect();
                                let mut zin = format!(
                                    "Bundel met {} wijzigingen opgeslagen in {p}, voor {}.",
                                    x.operaties,
                                    namen.join(", ")
                                );
                                for naam in &x.zonder_medewerker {
                                    zin.push(' ');
                                    zin.push_str(&melding::zonder_medewerker(naam));
                                }
                                Ok(zin)
                            })
                            .map_err(|e| melding::sync(&e)),
                    )
                });
            }
            E::Importeer(p) => {
                return self.start_taak(Taaksoort::BundelImport, move |s| {
                    Uitkomst::Tekst(
                        sync::lees_bundelbestand(std::path::Path::new(&p))
                            .and_then(|b| sync::importeer(s, &b))
                            .map(|i| importverslag(&i))
                            .map_err(|e| melding::sync(&e)),
                    )
                });
            }
            E::Kies(c, w) => match self.conflicten.get(c).and_then(|c| c.waarden.get(w).map(|w| (c.clone(), w.op.clone()))) {
                Some((conflict, op)) => self
                    .store
                    .conflict_kiezen(&conflict, &op)
                    .map(|()| "Keuze vastgelegd; collega's krijgen die met de volgende bundel.".into())
                    .map_err(Into::into),
                None => Ok(String::new()),
            },
        };
        match r {
            Ok(m) if m.is_empty() => {}
            Ok(m) => self.synchronisatie.meld(Vlak::Info, m),
            Err(f) => self.synchronisatie.meld(Vlak::Fout, melding::sync(&f)),
        }
        self.ververs_sync();
        self.herlaad_board();
        Task::none()
    }

    fn open_casus(&mut self, nummer: &str) {
        let mut laden = || -> Result<detail::State, StoreFout> {
            let d = self.store.casus_detail(nummer)?;
            let plan_ = self.store.plan(nummer)?;
            let versies = self.store.plan_versies(nummer)?;
            let lgs = self
                .store
                .leefgebieden()?
                .into_iter()
                .filter(|l| l.actief)
                .map(|l| Keuze::new(&l.id, &l.naam))
                .collect();
            let partners = self
                .store
                .partners()?
                .into_iter()
                .map(|p| plan::PartnerKeuze { id: p.id, naam: p.naam, convenant: p.convenantstatus })
                .collect();
            let bp = self.store.betrokken_partners(nummer)?;
            let historie = self.store.audit_casus(&d.regel.id, 200)?;
            let conflicten = self.store.conflicten(Some(&d.regel.id))?.len();
            let themas = self.store.themas()?;
            let mut s = detail::State::new(d, plan::State::new(plan_, versies, lgs, partners), bp, historie);
            s.zet_conflicten(conflicten);
            s.zet_themas(themas.into_iter().filter(|t| t.actief).map(|t| Keuze::new(&t.id, &t.naam)).collect());
            s.zet_medewerkers(medewerker_keuzes(&self.store.medewerkers()?));
            s.zet_keuzelijsten(
                self.store.gemeenten()?.into_iter().filter(|g| g.actief).map(|g| Keuze::new(&g.id, &g.naam)).collect(),
                self.store.partners()?.iter().filter(|p| !p.gearchiveerd).map(widgets::partner_keuze).collect(),
                weegtafel_keuzes(&self.store)?,
            );
            s.zet_koppelingen(self.store.koppelingen(nummer)?, koppel_keuzes(&self.store)?);
            Ok(s)
        };
        match laden() {
            Ok(d) => {
                self.detail = Some(d);
                self.pagina = Pagina::Casussen;
            }
            Err(e) => self.banner = Some(fout(&e)),
        }
    }

    fn ververs_detail(&mut self) {
        let Some(d) = &mut self.detail else { return };
        let n = d.nummer().to_string();
        let r = (|| -> Result<_, StoreFout> {
            let plan_ = self.store.plan(&n)?;
            let versies = self.store.plan_versies(&n)?;
            // A pure read: the opening of this casus was audited, a refresh is not a new view.
            let detail = self.store.casus_detail_verversen(&n)?;
            let bp = self.store.betrokken_partners(&n)?;
            let historie = self.store.audit_casus(&detail.regel.id, 200)?;
            let conflicten = self.store.conflicten(Some(&detail.regel.id))?.len();
            let koppelingen = (self.store.koppelingen(&n)?, koppel_keuzes(&self.store)?);
            Ok((plan_, versies, detail, bp, historie, conflicten, koppelingen))
        })();
        match r {
            Ok((plan_, versies, detail, bp, historie, conflicten, (koppelingen, keuzes))) => {
                d.zet_conflicten(conflicten);
                d.plan.vervang(plan_, versies);
                d.vervang(detail, bp, historie);
                d.zet_koppelingen(koppelingen, keuzes);
            }
            Err(e) => d.toon_fout(fout(&e)),
        }
    }

    /// Autosave: write the action being edited without closing its form. Unchanged fields
    /// write nothing (the store skips them), so repeated autosaves add no audit entries.
    fn tussentijds_bewaren(&mut self) {
        let Some(plan::Event::ActieWijzig(id, w)) = self.detail.as_ref().and_then(|d| d.plan.openstaand()) else {
            return;
        };
        match self.store.actie_wijzig(&id, &w) {
            Ok(_) => self.ververs_detail(),
            Err(e) => {
                if let Some(d) = &mut self.detail {
                    d.plan.toon_fout(fout(&e));
                }
            }
        }
    }

    /// Save an action that is being edited and close its form (Ctrl+S, lock, navigation).
    /// Save what is still open before leaving it (another page, lock, close). Runs on
    /// the window's connection, synchronously: the screen is going away, so there is no
    /// busy state to show and no later message to wait for.
    fn bewaar_openstaand(&mut self) {
        self.direct = true;
        let _ = self.bewaar_openstaand_taak();
        self.direct = false;
    }

    /// Ctrl+S: save what is open, off the event loop where the screen does so.
    fn bewaar_openstaand_taak(&mut self) -> Task<Message> {
        let mut taken = Vec::new();
        if self.detail.as_ref().is_some_and(detail::State::bewerkt) {
            taken.push(self.detail_bericht(detail::Message::WijzigingOpslaan));
        }
        if let Some(ev) = self.detail.as_ref().and_then(|d| d.plan.openstaand()) {
            taken.push(self.plan_event(ev));
        }
        if let Some(ev) = self.overleggen.openstaand() {
            taken.push(self.overleg_event(ev));
        }
        if let Some(ev) = self.partners.openstaand() {
            taken.push(self.partner_event(ev));
        }
        Task::batch(taken)
    }

    /// Save a change of the open casus off the event loop: the casus screen shows its busy
    /// line until [`Message::CasusOpgeslagen`] comes back; a second change meanwhile is
    /// not started (its form keeps what was typed).
    fn casus_schrijf(
        &mut self,
        task: Task<Message>,
        stap: Casusstap,
        werk: impl FnOnce(&mut Store, &str) -> crate::store::Resultaat<()> + Send + 'static,
    ) -> Task<Message> {
        let Some(d) = &mut self.detail else { return task };
        if d.is_bezig() {
            return task;
        }
        let n = d.nummer().to_string();
        if self.direct {
            let r = werk(&mut self.store, &n).map_err(|e| fout(&e));
            self.casus_opgeslagen(&n, stap, r);
            return task;
        }
        d.begin_opslaan();
        let nummer = n.clone();
        let opslaan = self.schrijf(move |s| werk(s, &n), move |r| Message::CasusOpgeslagen(nummer, stap, r));
        Task::batch([task, opslaan])
    }

    /// A change of casus `n` came back from the store.
    fn casus_opgeslagen(&mut self, n: &str, stap: Casusstap, r: Result<(), String>) {
        let gelukt = r.is_ok();
        match self.detail.as_mut().filter(|d| d.nummer() == n) {
            Some(d) => {
                d.opslaan_klaar();
                match r {
                    Ok(()) => match stap {
                        Casusstap::Journaal => d.journaal_opgeslagen(),
                        Casusstap::Ave => d.ave_opgeslagen(),
                        Casusstap::Persoon => d.persoon_opgeslagen(),
                        Casusstap::Detentie => d.detentie_opgeslagen(),
                        Casusstap::Wijziging | Casusstap::Toewijzing => d.wijziging_opgeslagen(),
                        Casusstap::Gecorrigeerd => {
                            d.betrokkene_opgeslagen("Opgeslagen: de gegevens van de betrokkene zijn gecorrigeerd.")
                        }
                        Casusstap::Verwijderd => d.betrokkene_opgeslagen("De betrokkene is uit de casus verwijderd."),
                        Casusstap::Gekoppeld => d.koppeling_opgeslagen("Opgeslagen: de casussen zijn gekoppeld."),
                        Casusstap::Ontkoppeld => d.koppeling_opgeslagen(
                            "De koppeling is verwijderd; de reden staat in het journaal van beide casussen.",
                        ),
                    },
                    Err(e) => d.toon_fout(e),
                }
                if gelukt {
                    self.ververs_detail();
                }
            }
            // The casus was closed meanwhile: an error still shows.
            None => {
                if let Err(e) = r {
                    self.banner = Some(e);
                }
            }
        }
        if gelukt && (stap == Casusstap::Toewijzing || self.detail.is_none()) {
            self.herlaad_board();
        }
        if let Some(ev) = self.partners.openstaand() {
            let _ = self.partner_event(ev);
        }
    }

    fn detail_bericht(&mut self, m: detail::Message) -> Task<Message> {
        let Some(d) = &mut self.detail else { return Task::none() };
        let (task, event) = d.update(m);
        let task = task.map(Message::Detail);
        match event {
            Some(detail::Event::Terug) => {
                self.bewaar_openstaand();
                self.detail = None;
                self.herlaad_board();
            }
            Some(detail::Event::Journaal(j)) => {
                return self
                    .casus_schrijf(task, Casusstap::Journaal, move |s, n| s.journaal_toevoegen(n, j).map(|_| ()));
            }
            Some(detail::Event::Plan(ev)) => {
                return Task::batch([task, self.plan_event(ev)]);
            }
            Some(detail::Event::Ave(ave, reden)) => {
                return self.casus_schrijf(task, Casusstap::Ave, move |s, n| s.casus_ave(n, ave, &reden));
            }
            Some(detail::Event::Betrokkene(b)) => {
                return self
                    .casus_schrijf(task, Casusstap::Persoon, move |s, n| s.betrokkene_toevoegen(n, b).map(|_| ()));
            }
            Some(detail::Event::Detentie(betrokkene, det)) => {
                return self.casus_schrijf(task, Casusstap::Detentie, move |s, _| {
                    s.detentie_toevoegen(&betrokkene, det).map(|_| ())
                });
            }
            Some(detail::Event::Wijzig(w)) => {
                return self.casus_schrijf(task, Casusstap::Wijziging, move |s, n| s.casus_wijzig(n, &w).map(|_| ()));
            }
            Some(detail::Event::Toewijzen(w)) => {
                return self
                    .casus_schrijf(task, Casusstap::Toewijzing, move |s, n| s.casus_toewijzen(n, &w).map(|_| ()));
            }
            Some(detail::Event::Corrigeer(id, w, reden)) => {
                return self.casus_schrijf(task, Casusstap::Gecorrigeerd, move |s, n| {
                    s.betrokkene_wijzig(n, &id, &w, &reden).map(|_| ())
                });
            }
            Some(detail::Event::Verwijder(id, reden)) => {
                return self
                    .casus_schrijf(task, Casusstap::Verwijderd, move |s, n| s.betrokkene_verwijder(n, &id, &reden));
            }
            Some(detail::Event::DetentieCorrigeer(id, w, reden)) => {
                let n = d.nummer().to_string();
                match self.store.detentie_wijzig(&n, &id, &w, &reden) {
                    Ok(_) => {
                        if let Some(d) = &mut self.detail {
                            d.betrokkene_opgeslagen("Opgeslagen: de detentie is gecorrigeerd.");
                        }
                        self.ververs_detail();
                    }
                    Err(e) => d.toon_fout(fout(&e)),
                }
            }
            Some(detail::Event::DetentieVerwijder(id, reden)) => {
                let n = d.nummer().to_string();
                match self.store.detentie_verwijder(&n, &id, &reden) {
                    Ok(()) => {
                        if let Some(d) = &mut self.detail {
                            d.betrokkene_opgeslagen("De detentie is uit de casus verwijderd.");
                        }
                        self.ververs_detail();
                    }
                    Err(e) => d.toon_fout(fout(&e)),
                }
            }
            Some(detail::Event::Open(n)) => {
                self.bewaar_openstaand();
                self.open_casus(&n);
            }
            Some(detail::Event::Koppel(ander, soort, toelichting)) => {
                return self.casus_schrijf(task, Casusstap::Gekoppeld, move |s, n| {
                    s.koppel(n, &ander, soort, &toelichting).map(|_| ())
                });
            }
            Some(detail::Event::Ontkoppel(ander, reden)) => {
                return self.casus_schrijf(task, Casusstap::Ontkoppeld, move |s, n| s.ontkoppel(n, &ander, &reden));
            }
            Some(detail::Event::Weging(w)) => {
                let n = d.nummer().to_string();
                match self.store.casus_weging(&n, &w) {
                    Ok(()) => {
                        if let Some(d) = &mut self.detail {
                            d.wijziging_opgeslagen();
                        }
                        self.ververs_detail();
                        self.herlaad_board();
                    }
                    Err(e) => d.toon_fout(fout(&e)),
                }
            }
            Some(detail::Event::Afdrukken(document, versie)) => {
                let nummer = d.nummer().to_string();
                return Task::batch([task, self.afdrukken(document, nummer, versie)]);
            }
            Some(detail::Event::Opslaan(document, versie)) => {
                let nummer = d.nummer().to_string();
                let naam = bestandsnaam(document, &nummer, versie);
                let kiezen = Task::perform(
                    async move {
                        rfd::AsyncFileDialog::new()
                            .set_title("PDF opslaan")
                            .set_file_name(&naam)
                            .add_filter("PDF", &["pdf"])
                            .save_file()
                            .await
                            .map(|h| h.path().to_path_buf())
                    },
                    move |pad| Message::PdfPadGekozen { document, versie, nummer: nummer.clone(), pad },
                );
                return Task::batch([task, kiezen]);
            }
            None => {}
        }
        task
    }

    /// Render a PDF and write it, off the event loop, on a connection of its own; the
    /// outcome comes back as [`Message::PdfGemaakt`] for `scherm`.
    fn pdf_taak(
        &mut self,
        scherm: PdfScherm,
        werk: impl FnOnce(&mut Store) -> Result<String, String> + Send + 'static,
    ) -> Task<Message> {
        let Some(verbinding) = self.store.verbinding() else {
            return Task::done(Message::PdfGemaakt(scherm, Err("De database is niet geopend.".into())));
        };
        Task::perform(
            async move {
                tokio::task::spawn_blocking(move || {
                    let mut s = verbinding.open().map_err(|e| fout(&e))?;
                    werk(&mut s)
                })
                .await
                .unwrap_or_else(|_| Err("De PDF kon niet worden gemaakt; er is niets half opgeslagen.".into()))
            },
            move |r| Message::PdfGemaakt(scherm, r),
        )
    }

    /// Write the plan or overview to the private print folder and open it in the viewer.
    fn afdrukken(&mut self, document: detail::Document, nummer: String, versie: Option<u32>) -> Task<Message> {
        let map = self.afdrukmap.clone();
        self.pdf_taak(PdfScherm::Detail, move |s| {
            let r = casus_pdf(s, document, &nummer, versie)?;
            let pad = map.join(bestandsnaam(document, &nummer, versie));
            crate::store::bestand::schrijf_prive(&map, &pad, &r.pdf).map_err(|e| fout(&e))?;
            Ok(afgedrukt(&r, &pad))
        })
    }

    /// The save dialog returned: write the PDF there.
    fn pdf_opslaan(
        &mut self,
        document: detail::Document,
        nummer: String,
        versie: Option<u32>,
        pad: std::path::PathBuf,
    ) -> Task<Message> {
        self.pdf_taak(PdfScherm::Detail, move |s| {
            let r = casus_pdf(s, document, &nummer, versie)?;
            schrijf_bestand(&pad, &r.pdf).map_err(|e| fout(&e))?;
            Ok(format!("{} opgeslagen in {} ({} pagina's).", r.titel, pad.display(), r.paginas))
        })
    }

    fn plan_event(&mut self, ev: plan::Event) -> Task<Message> {
        let Some(d) = &mut self.detail else { return Task::none() };
        let n = d.nummer().to_string();
        let mut verversen = true;
        let resultaat: Result<(), StoreFout> = match ev {
            plan::Event::DoelToevoegen { leefgebied, omschrijving } => {
                self.store.doel_toevoegen(&n, &leefgebied, &omschrijving).map(|_| d.plan.doel_opgeslagen())
            }
            plan::Event::ActieToevoegen(a) => {
                self.store.actie_toevoegen(&n, a).map(|r| d.plan.actie_opgeslagen(r.partner_zonder_convenant, true))
            }
            plan::Event::ActieWijzig(id, w) => {
                self.store.actie_wijzig(&id, &w).map(|r| d.plan.actie_opgeslagen(r.partner_zonder_convenant, false))
            }
            plan::Event::ActieVerplaats(id, omhoog) => self.store.actie_verplaats(&id, omhoog),
            plan::Event::Risico(t) => self.store.risico_taxatie(&n, &t).map(|()| d.plan.risico_opgeslagen()),
            plan::Event::Vastleggen(reden) => {
                self.store.plan_vastleggen(&n, &reden).map(|v| d.plan.versie_opgeslagen(v))
            }
            plan::Event::DoelWijzig { id, leefgebied, omschrijving } => {
                self.store.doel_wijzig(&id, leefgebied.as_deref(), Some(&omschrijving)).map(|_| d.plan.doel_gewijzigd())
            }
            plan::Event::DoelVerwijder(id) => self.store.doel_verwijder(&id).map(|()| d.plan.doel_gewijzigd()),
            plan::Event::ActieVerwijder(id) => self.store.actie_verwijder(&id).map(|()| d.plan.actie_verwijderd()),
            plan::Event::ActieTerugzetten(a, rest) => self
                .store
                .actie_toevoegen(&n, a)
                .and_then(|r| self.store.actie_wijzig(&r.id, &rest))
                .map(|_| d.plan.actie_teruggezet()),
            plan::Event::ContactenNodig(p) => {
                verversen = false;
                self.store
                    .contacten(&p)
                    .map(|c| d.plan.zet_contacten(c.into_iter().map(|c| Keuze::new(&c.id, &c.naam)).collect()))
            }
        };
        match resultaat {
            Ok(()) if verversen => self.ververs_detail(),
            Ok(()) => {}
            Err(e) => d.plan.toon_fout(fout(&e)),
        }
        Task::none()
    }

    fn view(&self) -> Element<'_, Message> {
        let mut zij = column![text("Schakel").size(22).color(iced::Color::WHITE), space().height(12)]
            .spacing(4)
            .padding(12)
            .width(200);
        for p in Pagina::ALLE {
            zij = zij.push(
                button(text(p.label()).size(15))
                    .on_press(Message::Navigeer(p))
                    .width(Fill)
                    .style(if p == self.pagina { Knop::NavigatieActief.stijl() } else { Knop::Navigatie.stijl() }),
            );
        }
        zij = zij.push(space::vertical()).push(
            text(format!("{}\nCtrl+K zoeken · Ctrl+L vergrendelen", self.store.gebruiker()))
                .size(12)
                .color(iced::Color::from_rgb8(0xbc, 0xcc, 0xdc)),
        );
        let zijbalk = container(zij).height(Fill).style(Vlak::Zijbalk.stijl());

        let mut zoek = column![
            invoer("Zoeken in casussen, betrokkenen, journaal en plannen (Ctrl+K)", &self.zoekterm, Message::Zoek)
                .on_submit(Message::OpenEersteTreffer)
                .id("globaal-zoeken")
                .width(520)
        ]
        .spacing(2);
        if !self.treffers.is_empty() {
            let mut lijst = column![].spacing(2);
            for t in &self.treffers {
                lijst = lijst.push(
                    button(
                        column![
                            text(format!("{} — {} ({})", t.casus.casusnummer, t.casus.werknaam, t.casus.fase.label()))
                                .size(14),
                            text(&t.fragment).size(12).style(theme::gedempt),
                        ]
                        .spacing(1),
                    )
                    .on_press(Message::OpenCasus(t.casus.casusnummer.clone()))
                    .width(520)
                    .style(Knop::Kaart.stijl()),
                );
            }
            zoek = zoek.push(container(lijst).padding(4).style(Vlak::Paneel.stijl()));
        } else if self.zoekt {
            zoek = zoek.push(text("Zoeken…").size(13).style(theme::gedempt));
        } else if !self.zoekterm.trim().is_empty() {
            zoek = zoek.push(text("Niets gevonden.").size(13).style(theme::gedempt));
        }
        // A running job's progress bar sits in the top bar, right of the search field: it
        // never pushes the page down.
        let mut balk = row![zoek, space::horizontal()].spacing(16).padding([8, 16]);
        if let Some(l) = &self.taak {
            balk = balk.push(container(voortgang(l)).width(Fill).max_width(460).height(28).align_y(iced::Center));
        }
        let bovenbalk = container(balk).width(Fill);

        let inhoud: Element<'_, Message> = match (self.pagina, &self.detail) {
            (Pagina::Casussen, Some(d)) => d.view().map(Message::Detail),
            (Pagina::Casussen, None) => self.board.view().map(Message::Board),
            (Pagina::Instellingen, _) => self.instellingen.view().map(Message::Instellingen),
            (Pagina::Synchronisatie, _) => self.synchronisatie.view().map(Message::Synchronisatie),
            (Pagina::Partners, _) => self.partners.view().map(Message::Partners),
            (Pagina::Privacy, _) => self.privacy.view().map(Message::Privacy),
            (Pagina::Overleggen, _) => self.overleggen.view().map(Message::Overleggen),
            (Pagina::Kengetallen, _) => self.kengetallen.view().map(Message::Kengetallen),
        };
        let mut midden = column![bovenbalk].width(Fill).height(Fill);
        // Banners float over the bottom of the page: they never push it down under the cursor.
        let mut meldingen = Vec::new();
        if let Some(b) = &self.banner {
            meldingen.push(banner(Vlak::Fout, b, Some(Message::SluitBanner)));
        }
        if let Some(k) = &self.klaar {
            meldingen.push(banner(Vlak::Info, k, Some(Message::SluitBanner)));
        }
        let inhoud = match &self.taak {
            // The database is being replaced: nothing else can be done meanwhile.
            Some(l) if l.soort.exclusief() => container(
                column![
                    text(format!("{}…", l.soort.label())).size(20),
                    text("Even geduld: de database wordt vervangen. Schakel is zo weer te gebruiken.")
                        .style(theme::gedempt),
                ]
                .spacing(8),
            )
            .padding(24)
            .into(),
            _ => inhoud,
        };
        midden = midden.push(crate::ui::widgets::met_meldingen(inhoud, meldingen));
        row![zijbalk, midden].into()
    }
}

impl Hoofd {
    /// A new database's herstelsleutel: in the banner and on the Privacy page (to save as
    /// PDF) until dismissed.
    fn toon_herstelsleutel(&mut self, code: &crate::store::Herstelcode) {
        let getoond = code.getoond();
        self.banner = Some(format!(
            "Uw herstelsleutel: {} — schrijf hem op en bewaar hem apart van deze laptop; hij wordt maar één keer \
             getoond. Op de Privacypagina slaat u hem op als PDF om af te drukken.",
            getoond.as_str()
        ));
        self.privacy.toon_herstelsleutel(getoond);
    }
}

impl Hoofd {
    /// Reload the meeting list and the choices; keeps the selected meeting.
    fn ververs_overleggen(&mut self) {
        let r = (|| -> Result<_, StoreFout> {
            let overleggen = self.store.overleggen()?;
            let contacten = self.store.alle_contacten()?;
            let casussen = self.store.casus_lijst(&CasusFilter::default())?;
            Ok((overleggen, contacten, casussen, self.store.partners()?))
        })();
        match r {
            Ok((o, c, k, p)) => self.overleggen.vervang(o, c, k, p),
            Err(e) => self.overleggen.toon_fout(fout(&e)),
        }
        match self.store.overlegsoorten() {
            Ok(s) => self.overleggen.zet_soorten(s),
            Err(e) => self.overleggen.toon_fout(fout(&e)),
        }
        // The newest meeting opens when none is selected yet.
        let id = self.overleggen.gekozen_id().map(str::to_string).or_else(|| self.overleggen.eerste());
        if let Some(id) = id {
            self.laad_overleg(&id);
        }
    }

    fn laad_overleg(&mut self, id: &str) {
        let r = (|| -> Result<_, StoreFout> {
            Ok(overleggen::Gekozen {
                overleg: self.store.overleg(id)?,
                genodigden: self.store.genodigden(id)?,
                agenda: self.store.agenda(id)?,
                waarschuwingen: self.store.convenant_waarschuwingen(id)?,
                correcties: self.store.verslagcorrecties(id)?,
                acties: overleggen::acties_per_punt(self.store.besloten_acties(id)?),
            })
        })();
        match r {
            Ok(g) => self.overleggen.zet_gekozen(g),
            Err(e) => self.overleggen.toon_fout(fout(&e)),
        }
    }

    fn overleggen_bericht(&mut self, m: overleggen::Message) -> Task<Message> {
        let (task, event) = self.overleggen.update(m);
        let task = task.map(Message::Overleggen);
        match event {
            Some(e) => Task::batch([task, self.overleg_event(e)]),
            None => task,
        }
    }

    /// Carry out what the meetings screen asks; the outcome is shown on that screen.
    fn overleg_event(&mut self, e: overleggen::Event) -> Task<Message> {
        use overleggen::Event as E;
        let gekozen = self.overleggen.gekozen_id().map(str::to_string);
        let r: Result<(), StoreFout> = match e {
            E::Kies(id) => {
                if let Some(ev) = self.overleggen.openstaand() {
                    let _ = self.overleg_event(ev);
                }
                self.laad_overleg(&id);
                return Task::none();
            }
            E::Plannen(o) => match self.store.overleg_plannen(o) {
                Ok(id) => {
                    self.overleggen.overleg_gepland();
                    self.ververs_overleggen();
                    self.laad_overleg(&id);
                    self.overleggen.toon_melding(
                        "Overleg gepland. Nodig nu de deelnemers uit en zet casussen op de agenda.".into(),
                    );
                    return Task::none();
                }
                Err(e) => Err(e),
            },
            E::Uitnodigen(o, c) => self.store.genodigde_toevoegen(&o, &c).map(|_| ()),
            E::Agenderen(o, n, d) => self.store.agendapunt_toevoegen(&o, &n, d).map(|_| ()),
            E::AlgemeenPunt(o, t, d) => self.store.agendapunt_algemeen(&o, &t, d).map(|_| ()),
            E::Verplaats(a, omhoog) => self.store.agendapunt_verplaats(&a, omhoog),
            E::Duur(a, d) => self.store.agendapunt_duur(&a, d),
            E::Verwijder(a) => self.store.agendapunt_verwijderen(&a),
            E::Aanwezig(g, b) => self.store.aanwezigheid(&g, b),
            E::Bob(punten) => {
                let r = self.store.batch(|s| {
                    for (id, beeld, oordeel, besluit) in &punten {
                        s.agendapunt_bob(id, beeld, oordeel, besluit)?;
                    }
                    Ok(())
                });
                r.map(|()| self.overleggen.verslag_opgeslagen())
            }
            E::ContactenNodig(p) => {
                match self.store.contacten(&p) {
                    Ok(c) => self
                        .overleggen
                        .zet_partner_contacten(c.into_iter().map(|c| Keuze::new(&c.id, &c.naam)).collect()),
                    Err(e) => self.overleggen.toon_fout(fout(&e)),
                }
                return Task::none();
            }
            E::Actie(punt, actie) => {
                let nummer = self.overleggen_agenda_nummer(&punt).unwrap_or_default();
                self.store
                    .besluit_naar_actie(&punt, actie)
                    .map(|r| self.overleggen.actie_opgeslagen(&nummer, r.partner_zonder_convenant))
            }
            E::SluitControle(o) => {
                // Minutes typed but not saved count: they go in before the check.
                if let Some(ev) = self.overleggen.openstaand() {
                    let _ = self.overleg_event(ev);
                }
                match self.store.overleg_sluiten_controle(&o) {
                    Ok(c) => self.overleggen.vraag_sluiten(&c),
                    Err(e) => self.overleggen.toon_fout(fout(&e)),
                }
                return Task::none();
            }
            E::Sluiten(o) => {
                // Minutes typed but not saved go in before the meeting closes.
                if let Some(ev) = self.overleggen.openstaand() {
                    let _ = self.overleg_event(ev);
                }
                self.store.overleg_sluiten(&o).map(|()| {
                    self.overleggen.toon_melding("Overleg gesloten; het verslag is nu alleen te lezen.".into())
                })
            }
            E::Weging(a, u) => self.store.agendapunt_weging(&a, u).map(|()| {
                self.overleggen
                    .toon_melding(format!("Uitkomst van de weging vastgelegd: {}.", u.label().to_lowercase()))
            }),
            E::VolgendeDatum(o, d) => self.store.overleg_volgende_datum(&o, d).map(|()| {
                self.overleggen.toon_melding(match d {
                    Some(d) => format!("Volgend overleg: {}.", d.format("%d-%m-%Y")),
                    None => "Volgend overleg: nog niet gepland.".into(),
                })
            }),
            E::Corrigeer(a, t) => {
                self.store.verslag_corrigeren(&a, &t).map(|_| self.overleggen.correctie_opgeslagen(&a))
            }
            E::Afdrukken(stuk, o) => return self.overleg_afdrukken(stuk, o),
            E::Opslaan(stuk, o) => {
                let naam = self.overleg_bestandsnaam(stuk, &o);
                return Task::perform(
                    async move {
                        rfd::AsyncFileDialog::new()
                            .set_title("PDF opslaan")
                            .set_file_name(&naam)
                            .add_filter("PDF", &["pdf"])
                            .save_file()
                            .await
                            .map(|h| h.path().to_path_buf())
                    },
                    move |pad| Message::OverlegPdfPadGekozen { stuk, overleg: o.clone(), pad },
                );
            }
            E::OpenCasus(n) => {
                self.bewaar_openstaand();
                self.open_casus(&n);
                return Task::none();
            }
        };
        match r {
            Ok(()) => {
                self.ververs_overleggen();
                if let Some(id) = gekozen {
                    self.laad_overleg(&id);
                }
            }
            Err(e) => self.overleggen.toon_fout(fout(&e)),
        }
        Task::none()
    }

    fn overleggen_agenda_nummer(&self, agendapunt: &str) -> Option<String> {
        let id = self.overleggen.gekozen_id()?;
        self.store.agenda(id).ok()?.into_iter().find(|a| a.id == agendapunt).map(|a| a.casusnummer)
    }

    /// "Verslag casusoverleg 12-05-2026.pdf".
    fn overleg_bestandsnaam(&self, stuk: overleggen::Stuk, overleg: &str) -> String {
        overleggen::bestandsnaam(stuk, self.store.overleg(overleg).ok().as_ref())
    }

    /// Write the agenda or verslag to the private print folder and open it in the viewer.
    fn overleg_afdrukken(&mut self, stuk: overleggen::Stuk, overleg: String) -> Task<Message> {
        let map = self.afdrukmap.clone();
        let pad = map.join(self.overleg_bestandsnaam(stuk, &overleg));
        self.pdf_taak(PdfScherm::Overleggen, move |s| {
            let r = overleg_pdf(s, stuk, &overleg)?;
            crate::store::bestand::schrijf_prive(&map, &pad, &r.pdf).map_err(|e| fout(&e))?;
            Ok(afgedrukt(&r, &pad))
        })
    }

    /// The save dialog returned: write the agenda or verslag there.
    fn overleg_pdf_opslaan(
        &mut self,
        stuk: overleggen::Stuk,
        overleg: String,
        pad: std::path::PathBuf,
    ) -> Task<Message> {
        self.pdf_taak(PdfScherm::Overleggen, move |s| {
            let r = overleg_pdf(s, stuk, &overleg)?;
            schrijf_bestand(&pad, &r.pdf).map_err(|e| fout(&e))?;
            Ok(format!("{} opgeslagen in {} ({} pagina's).", r.titel, pad.display(), r.paginas))
        })
    }

    fn kengetallen_bericht(&mut self, m: kengetallen::Message) -> Task<Message> {
        let (task, event) = self.kengetallen.update(m);
        let task = task.map(Message::Kengetallen);
        match event {
            Some(kengetallen::Event::Bereken(van, tot)) => {
                if let Some(l) = self.taak {
                    self.kengetallen.toon_fout(format!(
                        "De kengetallen worden berekend als ‘{}’ klaar is; kies dan opnieuw Berekenen.",
                        l.soort.label()
                    ));
                    return task;
                }
                let bereken = self.start_taak(Taaksoort::Kengetallen, move |s| {
                    Uitkomst::Kengetallen(s.kengetallen(van, tot).map(Box::new).map_err(|e| fout(&e)))
                });
                return Task::batch([task, bereken]);
            }
            Some(kengetallen::Event::Exporteer(k)) => {
                let naam =
                    format!("Kengetallen {} tot en met {}.csv", k.van.format("%d-%m-%Y"), k.tot.format("%d-%m-%Y"));
                let kiezen = Task::perform(
                    async move {
                        rfd::AsyncFileDialog::new()
                            .set_title("Kengetallen exporteren")
                            .set_file_name(&naam)
                            .add_filter("CSV", &["csv"])
                            .save_file()
                            .await
                            .map(|h| h.path().to_path_buf())
                    },
                    move |pad| Message::KengetallenPadGekozen { cijfers: k.clone(), pad },
                );
                return Task::batch([task, kiezen]);
            }
            None => {}
        }
        task
    }
}

/// Every casus as a choice for "Koppelen…": id = casusnummer, label = number and werknaam.
fn koppel_keuzes(store: &Store) -> Result<Vec<Keuze>, StoreFout> {
    Ok(store
        .casus_lijst(&crate::store::CasusFilter::default())?
        .into_iter()
        .map(|c| Keuze::new(&c.casusnummer, format!("{} {}", c.casusnummer, c.werknaam)))
        .collect())
}

/// The active medewerkers as pick-list choices: "Naam (rol)".
/// The weegtafels (meetings whose type has the weegtafel category) as choices, newest first.
fn weegtafel_keuzes(store: &Store) -> Result<Vec<Keuze>, StoreFout> {
    let mut uit = Vec::new();
    for o in store.overleggen()? {
        if store.is_weegtafel(&o.id)? {
            uit.push(Keuze::new(&o.id, format!("{} {}", o.soort.label(), widgets::nl_datum(&o.datum))));
        }
    }
    uit.reverse();
    Ok(uit)
}

fn medewerker_keuzes(alle: &[crate::domain::Medewerker]) -> Vec<Keuze> {
    alle.iter()
        .filter(|m| !m.gearchiveerd)
        .map(|m| Keuze::new(&m.id, format!("{} ({})", m.naam, m.rol.label().to_lowercase())))
        .collect()
}

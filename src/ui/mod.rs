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
//!   `Store` in `Hoofd`) as the handle every task opens its connection from (and for
//!   restore and key rotation to take); no screen reads or writes through it on the
//!   event loop (see the short requests below). A job that only
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
//!   closes as soon as the job ends; nothing is half-written. The printed copies (personal
//!   data) are removed off the event loop when the window locks or closes; it closes only
//!   after they are gone. Closing asks first
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
//!   `Hoofd::schrijf`, in `spawn_blocking`. Reads use one cached read-only connection
//!   (`Verbinding::open_lezer`); writes each open a connection of their own and take a
//!   lock first, so they commit in the order asked. Both are separate from a long job's
//!   connection: WAL lets them read while a backup reads, and SQLite's busy timeout (10 s)
//!   makes a short write wait for a job's write transaction instead of failing. The
//!   window's own connection is never handed to a task, so nothing here waits on a job.
//!   - The result comes back as a past-tense message with a `Result` (the search, board
//!     moves, the casus screen's writes), or, through `lees_en`/`schrijf_en`, as
//!     [`Message::Afgehandeld`]: a closure over the root that applies the result on the
//!     event loop (set the screen's state, start the re-read). Every screen works this
//!     way: board, casus, plan editor, overleggen, partners, instellingen,
//!     synchronisatie, privacy, kengetallen (its CSV file); opening a casus ("Casus
//!     openen…"; it writes the one "inzien" audit row) and every re-read after a save
//!     (`herlaad_board`, `ververs_detail` — a pure read, no audit row —, `ververs_*`,
//!     `laad_overleg`, `kies_partner`).
//!   - Busy states: the casus screen (and its plan editor) shows "Bezig met opslaan…"
//!     and starts no second write; a registered screen's write (`scherm_schrijf`) puts
//!     "Bezig met opslaan…" in the top bar of that page and refuses a second write with
//!     a banner ([`NOG_BEZIG`]); the board's dialogs say what they are doing.
//!   - Saving what is still open when its screen is left (another page, another casus,
//!     lock, close: `bewaar_openstaand`) is a short write like any other: the page
//!     changes at once and the write runs off the event loop. It is started even when
//!     that screen has a write in flight (the ordering lock puts it after that one); its
//!     result may find the screen gone (then only an error shows, in the banner).
//!   - **Writes in flight are never lost.** Each short write counts as in flight
//!     ([`Onderweg`]) from the moment it is asked for until it has run (or its task is
//!     dropped unrun). Locking and closing first start the save of what is still open,
//!     then wait for every write in flight: the banner says "Wijzigingen worden
//!     opgeslagen…" ([`OPSLAAN_BIJ_VERLATEN`]) and the window locks or closes on
//!     [`Message::Weggeschreven`], which is chained after those saves so their results
//!     reach the screens first (what is still typed but unsaved then goes into the
//!     concept kept over the lock, never saved twice). A job that
//!     replaces the database file (restore, key rotation) first waits until none is in
//!     flight and then holds the ordering lock while it swaps the file, so no short write
//!     lands in the old file or starts meanwhile; after it the cached reader is dropped.
//!
//! - **Startup.** Right after unlocking (`App::binnen`) the window opens at once on the
//!   board, which says "Bezig met laden…"; the first board, the pick lists and what the
//!   registered screens start with ([`Beginlezing`], on a write connection because the
//!   device identity is made on first use) are read as a task and fill the board and
//!   the screens when they are back. Where the user asked to start (a page, a casus,
//!   typed text kept over a lock) is applied then. A registered screen the user touched
//!   before the read is back keeps its state (what was typed); the read's lists and
//!   counts are merged into it (`Schermen::vul`, [`Hoofd::begin_samenvoegen`]). The read
//!   is not counted as a write in flight: locking or closing meanwhile does not wait for
//!   it and claims no save; its late result is dropped (it carries the number of the
//!   window's [`Beginwacht`]), and where it was to start is kept over the lock. A new
//!   database's herstelsleutel is shown at once; an error of the read is added to the
//!   banner, never put over it.
//!
//! `tests/it/wachten.rs::geen_store_aanroep_in_update` fails when the window's store
//! (`self.store`, `h.store`) or a `Store::` function appears in this file outside the
//! task helpers it lists (with the reason for each), when a method uses a store it holds
//! under a local name outside a task's closure (as `binnen` once read the first board),
//! when a registry line builds its state from a store, or when a screen module names the
//! store. It also fails on file work (`fs::`, the key-source check) in this file outside a
//! closure handed to a task, except where its own allow-list says why (boot, and
//! functions that only run inside a task). `App::met_store` (tests only) does the startup
//! read at once.
//!
//! # What a new screen touches
//!
//! Screens map their own data (e.g. the overleggen screen builds its casus and partner
//! pickers from store rows, groups decided actions, names its PDFs; the privacy screen
//! turns retention rows into its list (`privacy::State::vul`); the sync screen words a
//! bundle's import report; the casus screen names its PDF files). A new sidebar screen
//! `x` (module `screen/x.rs` with `State`, `Message`, `Event`, `update`, `view`) touches
//! three places outside its own module:
//!
//! 1. `screen/mod.rs`: `pub mod x;`
//! 2. [`Message`]: a variant named like its page, `X(x::Message)`, with a doc comment;
//! 3. the `schermen!` table in this file: one line
//!    `X(x) = "Label", begin: <initial State>, open: <what opening the page does>,
//!    event: <handler>;` — it generates the [`Pagina`] variant (sidebar order = table
//!    order, label, `--pagina` name), the `Hoofd` field `schermen.x`, the routing of
//!    `Message::X` through `x::State::update` to the handler, the refresh on opening the
//!    page, and the view. `begin:` builds the state from the startup read (`gelezen`, a
//!    [`Beginlezing`]) and the data dir (`map`), never from a store; a screen that needs
//!    data at once reads it in `open:` (or, rarely, adds a field to `Beginlezing`).
//!
//! `tests/it/wachten.rs::een_nieuw_scherm_raakt_drie_plekken_buiten_zijn_module` checks
//! these three for every line of the table, and that the page enum and the routing are
//! generated, not written by hand.
//!
//! The handler, `fn x_event(&mut self, e: x::Event) -> (Task<Message>, bool)` (the task
//! and whether to lock), goes in an `impl Hoofd` block of its own at the end of this file:
//! it turns the screen's events into `lees`/`schrijf` tasks (never a store call in
//! `update`, see `tests/it/wachten.rs::geen_store_aanroep_in_update`). Optional: an arm in
//! `Message::Annuleer` for Escape. The board (`Pagina::Casussen`, with the open casus) is
//! the one built-in page.

mod bezoekwerk;
mod meldingwerk;
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
    advies, bezoekdag, board, detail, instellingen, kengetallen, meldingen, ontgrendel, overleggen, partners, plan,
    privacy, start, synchronisatie,
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

/// The screen registry: generates [`Pagina`] (sidebar order and labels), the `Schermen`
/// struct that holds every registered screen's state, and the routing of its messages,
/// its view and what opening its page does. See "What a new screen touches" in the module
/// doc. Each line: `Pagina(module) = "Label", begin: <the state, from the startup read
/// `gelezen` (a [`Beginlezing`]) and the data dir `map`; no store>, open: <fn(&mut Hoofd)
/// -> Task>, event: <fn(&mut Hoofd, module::Event) -> (Task, lock?)>` (a method path or a
/// closure).
/// The `Message` variant has the page's name and carries `module::Message`.
macro_rules! schermen {
    (
        $gelezen:ident, $map:ident;
        $( $(#[$doc:meta])* $pagina:ident($veld:ident) = $label:literal,
            begin: $begin:expr, open: $open:expr, event: $event:expr; )*
    ) => {
        /// Sidebar pages: the board first, then the registered screens in sidebar order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Pagina {
            /// The board (with the open casus).
            Casussen,
            $( $(#[$doc])* $pagina, )*
        }

        impl Pagina {
            const ALLE: &'static [Pagina] = &[Pagina::Casussen, $(Pagina::$pagina,)*];

            fn label(self) -> &'static str {
                match self {
                    Pagina::Casussen => "Casussen",
                    $( Pagina::$pagina => $label, )*
                }
            }
        }

        /// The state of every registered screen (one field per registry line).
        struct Schermen {
            $( $veld: $veld::State, )*
        }

        impl Schermen {
            fn nieuw($gelezen: &Beginlezing, $map: &Gegevensmap) -> Schermen {
                Schermen { $( $veld: $begin, )* }
            }

            /// Take the states built from the startup read (`vers`), except those of the
            /// screens the user touched before it was back (`aangeraakt`): they keep what
            /// was typed (their data is merged in by [`Hoofd::begin_samenvoegen`]).
            fn vul(&mut self, vers: Schermen, aangeraakt: &[Pagina]) {
                $( if !aangeraakt.contains(&Pagina::$pagina) {
                    self.$veld = vers.$veld;
                } )*
            }
        }

        impl Hoofd {
            /// Route a registered screen's message: its own `update`, then its event to the
            /// handler of its line. Other messages come back unhandled. Returns the task and
            /// whether to lock.
            fn scherm_bericht(&mut self, m: Message) -> Result<(Task<Message>, bool), Message> {
                match m {
                    $( Message::$pagina(m) => {
                        self.aangeraakt(Pagina::$pagina);
                        let (task, event) = self.schermen.$veld.update(m);
                        let task = task.map(Message::$pagina);
                        Ok(match event {
                            Some(e) => {
                                let (vervolg, vergrendel) = ($event)(self, e);
                                (Task::batch([task, vervolg]), vergrendel)
                            }
                            None => (task, false),
                        })
                    } )*
                    m => Err(m),
                }
            }

            /// What opening a registered page does (refresh its data); the board is not one.
            fn scherm_openen(&mut self, p: Pagina) -> Task<Message> {
                match p {
                    Pagina::Casussen => Task::none(),
                    $( Pagina::$pagina => ($open)(self), )*
                }
            }

            /// The view of a registered page (`None` for the board).
            fn scherm_view(&self) -> Option<Element<'_, Message>> {
                match self.pagina {
                    Pagina::Casussen => None,
                    $( Pagina::$pagina => Some(self.schermen.$veld.view().map(Message::$pagina)), )*
                }
            }
        }
    };
}

schermen! {
    gelezen, map;
    /// Adviesvragen ("advies kort"): advice asked without an aanmelding.
    Adviesvragen(advies) = "Adviesvragen",
        begin: advies::State::new(gelezen.adviesvragen),
        open: |h: &mut Hoofd| h.scherm_bericht(Message::Adviesvragen(advies::Message::Laden))
            .map(|(t, _)| t)
            .unwrap_or_else(|_| Task::none()),
        event: |h: &mut Hoofd, e| (h.advies_event(e), false);
    /// Meetings: planning, holding, minutes.
    Overleggen(overleggen) = "Overleggen",
        begin: overleggen::State::new(),
        open: Hoofd::ververs_overleggen,
        event: |h: &mut Hoofd, e| (h.overleg_event(e), false);
    /// Partner organisations and contacts.
    Partners(partners) = "Partners",
        begin: partners::State::new(Vec::new()),
        open: Hoofd::ververs_partners,
        event: |h: &mut Hoofd, e| (h.partner_event(e), false);
    /// Detentiemeldingen and nazorg.
    Meldingen(meldingen) = "Meldingen",
        begin: meldingen::State::new(),
        open: |h: &mut Hoofd| h.ververs_meldingen(),
        event: |h: &mut Hoofd, e| (h.meldingen_event(e), false);
    /// PI-bezoekdag: plan a visit, print the bezoeklijst, enter the reports.
    Bezoekdag(bezoekdag) = "Bezoekdag",
        begin: bezoekdag::State::new(),
        open: |h: &mut Hoofd| h.ververs_bezoekdag(),
        event: |h: &mut Hoofd, e| (h.bezoekdag_event(e), false);
    /// Figures for a period.
    Kengetallen(kengetallen) = "Kengetallen",
        begin: kengetallen::State::new(chrono::Local::now().date_naive()),
        open: |h: &mut Hoofd| h.open_kengetallen(),
        event: |h: &mut Hoofd, e| (h.kengetallen_event(e), false);
    /// Bundle sync.
    Synchronisatie(synchronisatie) = "Synchronisatie",
        begin: begin_synchronisatie(gelezen, map),
        open: Hoofd::ververs_sync,
        event: |h: &mut Hoofd, e| (h.sync_event(e), false);
    /// Retention, inzage, audit export, backup and key handling.
    Privacy(privacy) = "Privacy",
        begin: privacy::State::new(gelezen.wachtwoord),
        open: Hoofd::ververs_privacy,
        event: Hoofd::privacy_event;
    /// Settings.
    Instellingen(instellingen) = "Instellingen",
        begin: begin_instellingen(gelezen, map),
        open: Hoofd::ververs_lijsten,
        event: Hoofd::instellingen_event;
}

impl Pagina {
    /// A page by its (lower-case) name.
    pub fn parse(s: &str) -> Option<Pagina> {
        Pagina::ALLE.iter().copied().find(|p| p.label().eq_ignore_ascii_case(s.trim()))
    }
}

/// What the window reads right after unlocking, off the event loop (see
/// [`Hoofd::beginlezing`]): the board's cards and pick lists and what the registered
/// screens start with. Until it is back the board says "Bezig met laden…".
#[derive(Debug, Default)]
struct Beginlezing {
    regels: Vec<crate::store::CasusRegel>,
    themas: Vec<crate::store::LijstItem>,
    leefgebieden: Vec<crate::store::LijstItem>,
    gemeenten: Vec<crate::store::LijstItem>,
    overlegsoorten: Vec<crate::store::LijstItem>,
    partners: Vec<Keuze>,
    medewerkers: Vec<crate::domain::Medewerker>,
    mij: Option<crate::domain::Medewerker>,
    gebruiker: String,
    zvh: String,
    minuten: u32,
    adviesvragen: i64,
    /// This device's id and fingerprint (made on first use), or why not.
    apparaat: Option<Result<(String, String), String>>,
    /// The key is kept under a passphrase (not in the keychain).
    wachtwoord: bool,
}

impl Beginlezing {
    /// Read it (in a task; the device identity is written on first use, so it takes a
    /// write connection). Also removes print copies left behind by a crash.
    fn lees(s: &mut Store, map: &Gegevensmap) -> crate::store::Resultaat<Beginlezing> {
        // One at a time: the read of a window locked at once (its result is dropped) may
        // still run when the next unlock starts another; the device identity made on first
        // use must be made once, and the second read must see it.
        static EEN_TEGELIJK: Mutex<()> = Mutex::new(());
        let _een = EEN_TEGELIJK.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let _ = std::fs::remove_dir_all(afdrukmap(map));
        let apparaat =
            crate::sync::apparaat(s).map(|a| (a.id.clone(), a.vingerafdruk())).map_err(|e| melding::sync(&e));
        Ok(Beginlezing {
            regels: s.casus_lijst(&CasusFilter::default())?,
            themas: s.themas()?,
            leefgebieden: s.leefgebieden()?,
            gemeenten: s.gemeenten()?,
            overlegsoorten: s.overlegsoorten()?,
            partners: s.partners()?.iter().map(widgets::partner_keuze).collect(),
            medewerkers: s.medewerkers()?,
            mij: s.mijn_medewerker()?,
            gebruiker: s.gebruiker().to_string(),
            zvh: s.instelling(instelling::ZVH)?.unwrap_or_default(),
            minuten: s
                .instelling(instelling::VERGRENDEL_MINUTEN)?
                .and_then(|m| m.parse().ok())
                .unwrap_or(STANDAARD_VERGRENDEL_MINUTEN),
            adviesvragen: s.aantal_adviesvragen()?,
            apparaat: Some(apparaat),
            wachtwoord: matches!(crate::store::sleutelbron(map), Ok(SleutelBron::Wachtwoord)),
        })
    }
}

/// The settings screen as it starts: the lock time, the user, the lists and medewerkers.
fn begin_instellingen(g: &Beginlezing, map: &Gegevensmap) -> instellingen::State {
    // Before the startup read is back (`Beginlezing::default()`): the default lock time.
    let minuten = if g.minuten == 0 { STANDAARD_VERGRENDEL_MINUTEN } else { g.minuten };
    let mut s = instellingen::State::new(minuten, g.gebruiker.clone(), g.zvh.clone(), map.pad().display().to_string());
    s.zet_lijsten(g.themas.clone(), g.leefgebieden.clone());
    s.zet_medewerkers(g.medewerkers.clone(), g.mij.as_ref().map(|m| m.id.clone()));
    s.zet_meer_lijsten(g.gemeenten.clone(), g.overlegsoorten.clone());
    s
}

/// The sync screen as it starts: this device's identity (made on first use).
fn begin_synchronisatie(g: &Beginlezing, map: &Gegevensmap) -> synchronisatie::State {
    match &g.apparaat {
        Some(Ok((id, vingerafdruk))) => synchronisatie::State::new(id.clone(), vingerafdruk.clone(), map.pad()),
        // Before the startup read is back: the identity follows (`Hoofd::begin_samenvoegen`).
        None => synchronisatie::State::new(String::new(), String::new(), map.pad()),
        Some(Err(_)) => synchronisatie::State::default(),
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
    /// The adviesvragen screen.
    Adviesvragen(advies::Message),
    /// The detentiemeldingen screen.
    Meldingen(meldingen::Message),
    /// The PI-bezoekdag screen.
    Bezoekdag(bezoekdag::Message),
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
    /// A screen's short read or write came back: apply its result on the event loop.
    Afgehandeld(Vervolg),
    /// Every short write in flight has committed: lock or close as asked meanwhile.
    Weggeschreven,
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
    /// The weging of the casus.
    Weging,
    /// A detention period corrected.
    DetentieGecorrigeerd,
    /// A detention period removed.
    DetentieVerwijderd,
    /// A journaal entry corrected.
    JournaalGewijzigd,
    /// A journaal entry removed.
    JournaalVerwijderd,
    /// A betrokkene corrected.
    Gecorrigeerd,
    /// A betrokkene removed.
    Verwijderd,
    /// An escalation added, its outcome recorded, or removed.
    Opschaling,
    /// The aanbod of a leefgebied (nazorg).
    Aanbod,
    /// A koppeling with another casus made.
    Gekoppeld,
    /// A koppeling with another casus removed.
    Ontkoppeld,
    /// The kind or toelichting of a koppeling corrected.
    KoppelingGewijzigd,
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
    /// The registered screens (see `schermen!`).
    schermen: Schermen,
    /// The data dir (backup restore and key replacement swap its files).
    map: Gegevensmap,
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
    /// A screen is being left (see `bewaar_openstaand`): its open edit is saved even when
    /// that screen has a write in flight (the ordering lock puts it after that one).
    verlaten: bool,
    /// The casus being opened (its read has not come back yet).
    opent: Option<String>,
    /// Tab and typed text to put back in the casus being opened (after a lock).
    na_openen: Option<Openen>,
    /// The user's name (the sidebar), re-read when the medewerkers change.
    gebruiker: String,
    /// The lock time the startup read found, for the root to take over.
    vergrendel_minuten: Option<u32>,
    /// Lock or close as soon as every short write in flight has committed.
    na_schrijven: Option<NaTaak>,
    /// The registered screens with a write in flight (their busy line).
    bezig: Vec<Pagina>,
    /// An error or refusal, in red.
    banner: Option<String>,
    /// How the last job ended, in blue.
    klaar: Option<String>,
    /// The long job that is running, if any.
    taak: Option<Lopend>,
    /// Lock or close as soon as the running job ends (asked for while it ran).
    na_taak: Option<NaTaak>,
    /// The startup read in flight (see [`Hoofd::beginlezing`]); `None` once it is back.
    beginlezing: Option<Beginwacht>,
}

/// The startup read in flight. Its number: a result with another number belongs to a
/// window that was locked meanwhile and is dropped. Where to start when it is back (kept
/// here, not in the task, so that a lock meanwhile keeps it, typed concept included). The
/// registered screens the user touched meanwhile: their state is kept, not replaced.
struct Beginwacht {
    nr: u64,
    begin: Beginscherm,
    aangeraakt: Vec<Pagina>,
}

/// What to put back in a casus once it is open.
struct Openen {
    tab: Option<detail::Tab>,
    concept: Option<detail::Concept>,
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

/// A casus read for opening, before its screen state is made (on the event loop).
struct Casusopening {
    d: crate::store::CasusDetail,
    plan: crate::store::Plan,
    versies: Vec<crate::store::PlanVersie>,
    lgs: Vec<Keuze>,
    partners: Vec<plan::PartnerKeuze>,
    bp: Vec<crate::store::BetrokkenPartner>,
    historie: Vec<crate::store::AuditRegel>,
    conflicten: usize,
    themas: Vec<Keuze>,
    medewerkers: Vec<Keuze>,
    gemeenten: Vec<Keuze>,
    actief: Vec<Keuze>,
    weegtafels: Vec<Keuze>,
    /// The linked casussen.
    koppelingen: Vec<crate::store::Koppeling>,
    /// The casussen that can be linked (number and name).
    koppel_keuzes: Vec<Keuze>,
}

/// Save typed minutes (beeld, oordeel, besluit per agendapunt) in one transaction.
fn bob_schrijven(s: &mut Store, punten: &[(String, String, String, String)]) -> crate::store::Resultaat<()> {
    if punten.is_empty() {
        return Ok(());
    }
    s.batch(|s| {
        for (id, beeld, oordeel, besluit) in punten {
            s.agendapunt_bob(id, beeld, oordeel, besluit)?;
        }
        Ok(())
    })
}

/// A sync screen write (run off the event loop) with its Dutch sentence.
type SyncWerk = Box<dyn FnOnce(&mut Store) -> Result<String, crate::sync::SyncFout> + Send>;

/// A meetings write (run off the event loop).
type OverlegWerk = Box<dyn FnOnce(&mut Store) -> crate::store::Resultaat<()> + Send>;
/// What the meetings screen shows when that write succeeded.
type OverlegNa = Box<dyn FnOnce(&mut overleggen::State) + Send>;

/// The top bar while a casus is being opened.
pub const BEZIG_OPENEN: &str = "Casus openen…";

/// Locking or closing waits for the writes in flight (an edit left open is one of them).
pub const OPSLAAN_BIJ_VERLATEN: &str = "Wijzigingen worden opgeslagen…";

/// A second write of a screen while its first is still being saved.
pub const NOG_BEZIG: &str = "Even geduld: de vorige wijziging wordt nog opgeslagen.";

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
    ///
    /// Tests only (the window unlocks through `binnen`, which reads off the event loop):
    /// the startup read runs here, at once, so the board is filled when this returns.
    pub fn met_store(map: Gegevensmap, mut store: Store) -> App {
        let gelezen = Beginlezing::lees(&mut store, &map).map_err(|e| fout(&e));
        let mut hoofd = Hoofd::nieuw(store, &map);
        let nr = hoofd.wacht_op_begin(Beginscherm::default());
        let _ = hoofd.begin_gelezen(nr, gelezen);
        let minuten = hoofd.vergrendel_minuten.take().unwrap_or(STANDAARD_VERGRENDEL_MINUTEN);
        App {
            map,
            scherm: Scherm::Hoofd(Box::new(hoofd)),
            laatste_activiteit: Instant::now(),
            vergrendel_na: Duration::from_secs(u64::from(minuten) * 60),
            begin: Beginscherm::default(),
            meting: None,
        }
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

    /// Right after unlocking: the window opens at once on the board, which says "Bezig met
    /// laden…" until the startup read (off the event loop) fills it and the screens.
    /// A new database's herstelsleutel is shown at once.
    fn binnen(&mut self, store: Store, herstelcode: Option<Arc<crate::store::Herstelcode>>) -> Task<Message> {
        self.laatste_activiteit = Instant::now();
        let begin = std::mem::take(&mut self.begin);
        if begin.meet {
            self.meting = Some(Meting::default());
        }
        let mut hoofd = Hoofd::nieuw(store, &self.map);
        let taak = hoofd.beginlezing(begin, herstelcode);
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

    /// Lock: open edits are saved first; a running job, and short writes in flight, are
    /// waited for (the banner says so), so nothing is half-written or lost.
    fn vergrendel(&mut self, reden: &str) -> Task<Message> {
        self.vergrendel_en(reden, true)
    }

    /// Lock; `opslaan`: first save what is still open (not when the saves asked for the
    /// first time have just been waited for, see [`Message::Weggeschreven`]).
    fn vergrendel_en(&mut self, reden: &str, opslaan: bool) -> Task<Message> {
        if let Scherm::Hoofd(h) = &mut self.scherm
            && let Some(l) = h.taak
        {
            // Never close the store under a running job: lock as soon as it ends.
            h.banner = Some(format!(
                "Schakel vergrendelt zodra ‘{}’ klaar is; er wordt niets half geschreven.",
                l.soort.label()
            ));
            h.na_taak = Some(NaTaak::Vergrendel(reden.to_string()));
            return Task::none();
        }
        if let Scherm::Hoofd(h) = &mut self.scherm {
            // Save pending edits first (off the event loop): locking never drops typed text.
            let bewaren = h.opslaan_voor_vertrek(opslaan);
            if let Some(wachten) = h.wacht_op_schrijven(NaTaak::Vergrendel(reden.to_string())) {
                return bewaren.chain(wachten);
            }
            // Typed text that is not saved yet stays in memory (not the key, not the store).
            // Locked before the startup read was back: its result is dropped, and where it
            // was to start (a casus with typed text kept over the last lock) is kept.
            let wacht = h.beginlezing.take().filter(|w| w.begin.casus.is_some() && h.detail.is_none());
            self.begin = if let Some(w) = wacht {
                Beginscherm { meet: false, ..w.begin }
            } else {
                Beginscherm {
                    casus: h.detail.as_ref().map(|d| d.nummer().to_string()),
                    tab: h.detail.as_ref().map(|d| d.tab()),
                    concept: h.detail.as_ref().map(|d| d.concept()),
                    pagina: (h.detail.is_none()).then_some(h.pagina),
                    overleg_tab: None,
                    meet: false,
                }
            };
        }
        // Dropping the store closes the connection; the key is wiped from memory.
        self.scherm = Scherm::Ontgrendel(ontgrendel::State::new(Some(reden.to_string())));
        // Printed copies hold personal data: they go when the window locks.
        afdrukken_weg(&self.map).chain(operation::focus("wachtwoord"))
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
                let (vervolg, vergrendel) = h.taak_afgerond(soort, uitkomst);
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
                    Some(NaTaak::Vergrendel(reden)) => return self.vergrendel(&reden),
                    None => {}
                }
                if vergrendel {
                    return self.vergrendel("De database is vervangen. Ontgrendel opnieuw om verder te werken.");
                }
                return vervolg;
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
                    return self.vergrendel("Automatisch vergrendeld na een periode zonder activiteit.");
                } else if self.laatste_activiteit.elapsed() >= Duration::from_secs(2)
                    && let Scherm::Hoofd(h) = &mut self.scherm
                    && !h.taak.is_some_and(|l| l.soort.exclusief())
                {
                    // Autosave an edited action once the user pauses (crash safety); the form stays open.
                    return h.tussentijds_bewaren();
                }
                return Task::none();
            }
            Message::Vergrendel => {
                if self.is_ontgrendeld() {
                    return self.vergrendel("Vergrendeld. Vul uw wachtwoord in om verder te werken.");
                }
                return operation::focus("wachtwoord");
            }
            Message::Weggeschreven => {
                let Scherm::Hoofd(h) = &mut self.scherm else { return Task::none() };
                // The open edits were saved when the lock or close was asked for: their
                // results came in before this message (the wait is chained after them).
                return match h.na_schrijven.take() {
                    Some(NaTaak::Sluit) => self.sluiten_en(false),
                    Some(NaTaak::Vergrendel(reden)) => self.vergrendel_en(&reden, false),
                    None => Task::none(),
                };
            }
            Message::Ontgrendeld(r) | Message::Aangemaakt(r) => {
                // A new database comes with its herstelsleutel, shown once.
                let herstelcode = r.as_ref().ok().and_then(|o| o.1.clone());
                return match r.map(|o| o.neem()) {
                    Ok(Some(store)) => self.binnen(store, herstelcode),
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
                // The startup read is back with the lock time from the settings.
                if let Some(m) = h.vergrendel_minuten.take() {
                    self.vergrendel_na = Duration::from_secs(u64::from(m) * 60);
                }
                if vergrendel {
                    return Task::batch([
                        task,
                        self.vergrendel("Vergrendeld. Vul uw wachtwoord in om verder te werken."),
                    ]);
                }
                task
            }
        }
    }

    /// Close the window: typed edits are saved first, short writes in flight are waited
    /// for, printed copies removed.
    fn sluiten(&mut self) -> Task<Message> {
        self.sluiten_en(true)
    }

    /// Close; `opslaan` as in [`App::vergrendel_en`].
    fn sluiten_en(&mut self, opslaan: bool) -> Task<Message> {
        if let Scherm::Hoofd(h) = &mut self.scherm {
            let bewaren = h.opslaan_voor_vertrek(opslaan);
            if let Some(wachten) = h.wacht_op_schrijven(NaTaak::Sluit) {
                return bewaren.chain(wachten);
            }
        }
        afdrukken_weg(&self.map).chain(iced::exit())
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
        text(format!("{}… ({} s)", l.soort.label(), verstreken.as_secs())).size(14).wrapping(text::Wrapping::None),
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

/// Remove the printed copies (personal data) off the event loop, when the window locks or
/// closes; chain what comes after it (the window closes only when they are gone).
fn afdrukken_weg(map: &Gegevensmap) -> Task<Message> {
    let map = afdrukmap(map);
    Task::future(async move {
        let _ = tokio::task::spawn_blocking(move || std::fs::remove_dir_all(map)).await;
    })
    .discard()
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
    /// Short writes asked for and not yet ended (committed, failed, or dropped unrun).
    onderweg: Arc<Onderweg>,
}

/// Counts the short writes in flight, so that locking, closing and the jobs that replace
/// the database file can wait until every one has committed.
#[derive(Default)]
pub struct Onderweg {
    aantal: Mutex<usize>,
    stil: std::sync::Condvar,
}

/// One short write in flight: counted from the moment it is asked for until it has run,
/// or until its task is dropped without running.
struct Schrijfbeurt(Arc<Onderweg>);

impl Onderweg {
    fn begin(self: &Arc<Self>) -> Schrijfbeurt {
        if let Ok(mut n) = self.aantal.lock() {
            *n += 1;
        }
        Schrijfbeurt(Arc::clone(self))
    }

    /// Is a short write in flight?
    pub fn bezig(&self) -> bool {
        self.aantal.lock().map(|n| *n > 0).unwrap_or(false)
    }

    /// Block until no short write is in flight (call off the event loop).
    pub fn wacht_tot_stil(&self) {
        let Ok(mut n) = self.aantal.lock() else { return };
        while *n > 0 {
            match self.stil.wait(n) {
                Ok(g) => n = g,
                Err(_) => return,
            }
        }
    }
}

impl Drop for Schrijfbeurt {
    fn drop(&mut self) {
        if let Ok(mut n) = self.0.aantal.lock() {
            *n = n.saturating_sub(1);
        }
        self.0.stil.notify_all();
    }
}

/// What to do on the event loop with the result of a short request (see
/// [`Message::Afgehandeld`]): a closure over `Hoofd` that the root runs when the request
/// has come back. Cloning shares it; it runs once.
#[derive(Clone)]
pub struct Vervolg(Arc<Mutex<Option<VervolgFn>>>);

type VervolgFn = Box<dyn FnOnce(&mut Hoofd) -> Task<Message> + Send>;

impl Vervolg {
    fn new(f: impl FnOnce(&mut Hoofd) -> Task<Message> + Send + 'static) -> Vervolg {
        Vervolg(Arc::new(Mutex::new(Some(Box::new(f)))))
    }

    fn uitvoeren(self, h: &mut Hoofd) -> Task<Message> {
        match self.0.lock().ok().and_then(|mut g| g.take()) {
            Some(f) => f(h),
            None => Task::none(),
        }
    }
}

impl std::fmt::Debug for Vervolg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Vervolg")
    }
}

impl Hoofd {
    /// The window on a just-opened store, before the startup read: an empty board that
    /// says "Bezig met laden…", the screens as they start without data.
    fn nieuw(store: Store, map: &Gegevensmap) -> Hoofd {
        let mut board = board::State::default();
        board.laden();
        Hoofd {
            store,
            pagina: Pagina::Casussen,
            board,
            detail: None,
            schermen: Schermen::nieuw(&Beginlezing::default(), map),
            map: map.clone(),
            afdrukmap: afdrukmap(map),
            conflicten: Vec::new(),
            zoekterm: String::new(),
            treffers: Vec::new(),
            zoekverzoek: 0,
            zoekt: false,
            open_na_zoeken: false,
            kort: KorteVerbindingen::default(),
            verlaten: false,
            opent: None,
            na_openen: None,
            gebruiker: String::new(),
            vergrendel_minuten: None,
            na_schrijven: None,
            bezig: Vec::new(),
            banner: None,
            klaar: None,
            taak: None,
            na_taak: None,
            beginlezing: None,
        }
    }

    /// Start the startup read (off the event loop); `begin` (a page, a casus, typed text
    /// kept over a lock, `--meet`) is applied when it is back. It is not counted as a write
    /// in flight: locking or closing meanwhile does not wait for it (nothing was edited),
    /// and its result is then dropped ([`Beginwacht`]). A new database's herstelsleutel is
    /// shown at once, so that no later banner (an error of the read) hides it.
    fn beginlezing(
        &mut self,
        begin: Beginscherm,
        herstelcode: Option<Arc<crate::store::Herstelcode>>,
    ) -> Task<Message> {
        let nr = self.wacht_op_begin(begin);
        if let Some(code) = herstelcode {
            self.toon_herstelsleutel(&code);
            // The Privacy page keeps the key to save as PDF; the read must not replace it.
            self.aangeraakt(Pagina::Privacy);
        }
        let map = self.map.clone();
        self.schrijf_als(
            false,
            move |s| Beginlezing::lees(s, &map),
            move |r| Message::Afgehandeld(Vervolg::new(move |h| h.begin_gelezen(nr, r))),
        )
    }

    /// Wait for the startup read, which starts where `begin` says; returns its number.
    fn wacht_op_begin(&mut self, begin: Beginscherm) -> u64 {
        static VOLGNUMMER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let nr = VOLGNUMMER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.beginlezing = Some(Beginwacht { nr, begin, aangeraakt: Vec::new() });
        nr
    }

    /// A registered screen got a message: while the startup read is out, remember that
    /// the user touched it (its state is then kept when the read is back).
    fn aangeraakt(&mut self, p: Pagina) {
        if let Some(w) = &mut self.beginlezing
            && !w.aangeraakt.contains(&p)
        {
            w.aangeraakt.push(p);
        }
    }

    /// The data of the startup read, merged into screens that were kept (the lists, the
    /// counts and this device's identity; never what the user typed).
    fn begin_samenvoegen(&mut self, g: &Beginlezing) {
        let s = &mut self.schermen;
        s.advies.zet_aantal(g.adviesvragen);
        s.privacy.zet_met_wachtwoord(g.wachtwoord);
        if let Some(Ok((id, vingerafdruk))) = &g.apparaat {
            s.synchronisatie.zet_apparaat(id.clone(), vingerafdruk.clone());
        }
        let minuten = if g.minuten == 0 { STANDAARD_VERGRENDEL_MINUTEN } else { g.minuten };
        s.instellingen.zet_begin(minuten, g.zvh.clone());
        s.instellingen.zet_gebruiker(g.gebruiker.clone());
        s.instellingen.zet_lijsten(g.themas.clone(), g.leefgebieden.clone());
        s.instellingen.zet_medewerkers(g.medewerkers.clone(), g.mij.as_ref().map(|m| m.id.clone()));
        s.instellingen.zet_meer_lijsten(g.gemeenten.clone(), g.overlegsoorten.clone());
    }

    /// Add a message to the red banner without hiding the one it shows (an error of the
    /// startup read and a new database's herstelsleutel must both stay visible).
    fn banner_erbij(&mut self, tekst: String) {
        self.banner = Some(match self.banner.take() {
            Some(eerder) if eerder != tekst => format!("{eerder}\n\n{tekst}"),
            _ => tekst,
        });
    }

    /// The startup read number `nr` is back: fill the board and the screens (keeping those
    /// the user touched meanwhile), then go where `begin` says. A result of a read that is
    /// no longer awaited (the window was locked meanwhile) is dropped.
    fn begin_gelezen(&mut self, nr: u64, r: Result<Beginlezing, String>) -> Task<Message> {
        let Some(wacht) = self.beginlezing.take_if(|w| w.nr == nr) else {
            return Task::none();
        };
        let Beginwacht { begin, aangeraakt, .. } = wacht;
        let mut openen = Vec::new();
        match r {
            Ok(mut g) => {
                self.board.zet_mij(g.mij.as_ref().map(|m| m.id.as_str()).unwrap_or(""));
                self.board.zet_themas(&g.themas);
                self.board.zet_partners(std::mem::take(&mut g.partners));
                self.board.zet_medewerkers(medewerker_keuzes(&g.medewerkers));
                self.board.zet_gemeenten(&g.gemeenten);
                self.board.vervang(std::mem::take(&mut g.regels));
                self.schermen.vul(Schermen::nieuw(&g, &self.map), &aangeraakt);
                self.begin_samenvoegen(&g);
                if let Some(Err(e)) = &g.apparaat {
                    self.banner_erbij(e.clone());
                }
                self.gebruiker = g.gebruiker;
                self.vergrendel_minuten = Some(g.minuten);
                // A page opened meanwhile: its data again, on the new state.
                openen.push(self.scherm_openen(self.pagina));
            }
            Err(e) => {
                self.board.vervang(Vec::new());
                self.banner_erbij(e);
            }
        }
        if let Some(p) = begin.pagina {
            openen.push(self.update(Message::Navigeer(p)).0);
        }
        if let Some(t) = begin.overleg_tab {
            openen.push(self.update(Message::Overleggen(overleggen::Message::Tab(t))).0);
        }
        if let Some(n) = begin.casus {
            self.na_openen = Some(Openen { tab: begin.tab, concept: begin.concept });
            openen.push(self.open_casus(&n));
        }
        if begin.meet {
            // The measurement: a backup of the whole database, in the data dir.
            let pad = self.map.pad().join("meting.schakelbackup");
            let oud = pad.clone();
            let weg = Task::future(async move {
                let _ = tokio::task::spawn_blocking(move || std::fs::remove_file(oud)).await;
            })
            .discard();
            let backup = self.backup(pad, privacy::Geheim(zeroize::Zeroizing::new("meting-wachtwoord-lang".into())));
            openen.push(weg.chain(backup));
        }
        Task::batch(openen)
    }
}

impl Hoofd {
    /// A short read off the event loop, on the shared read-only connection; the result
    /// comes back through `terug`.
    fn lees<T: Send + 'static>(
        &self,
        werk: impl FnOnce(&Store) -> crate::store::Resultaat<T> + Send + 'static,
        terug: impl FnOnce(Result<T, String>) -> Message + Send + 'static,
    ) -> Task<Message> {
        if self.taak.is_some_and(|l| l.soort.exclusief()) {
            // The file is being replaced; the job's end reloads the screens.
            return Task::none();
        }
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
    /// one at a time, in the order asked. It counts as in flight (see [`Onderweg`]) from
    /// now until it has run. The result comes back through `terug`.
    fn schrijf<T: Send + 'static>(
        &self,
        werk: impl FnOnce(&mut Store) -> crate::store::Resultaat<T> + Send + 'static,
        terug: impl FnOnce(Result<T, String>) -> Message + Send + 'static,
    ) -> Task<Message> {
        self.schrijf_als(true, werk, terug)
    }

    /// [`Hoofd::schrijf`]; `tellen`: counts as in flight (only the startup read does not:
    /// nothing the user edited depends on it, see [`Hoofd::beginlezing`]).
    fn schrijf_als<T: Send + 'static>(
        &self,
        tellen: bool,
        werk: impl FnOnce(&mut Store) -> crate::store::Resultaat<T> + Send + 'static,
        terug: impl FnOnce(Result<T, String>) -> Message + Send + 'static,
    ) -> Task<Message> {
        if self.taak.is_some_and(|l| l.soort.exclusief()) {
            return Task::done(terug(Err(
                "Even geduld: de database wordt vervangen. Probeer het daarna opnieuw.".into()
            )));
        }
        let Some(verbinding) = self.store.verbinding() else {
            return Task::done(terug(Err(NIET_GEOPEND.into())));
        };
        let slot = Arc::clone(&self.kort.schrijver);
        let beurt = tellen.then(|| self.kort.onderweg.begin());
        Task::perform(
            async move {
                tokio::task::spawn_blocking(move || {
                    let _beurt = beurt;
                    let _volgorde = slot.lock().map_err(|_| NIET_GEOPEND.to_string())?;
                    let mut s = verbinding.open().map_err(|e| fout(&e))?;
                    werk(&mut s).map_err(|e| fout(&e))
                })
                .await
                .unwrap_or_else(|_| Err("Het opslaan is afgebroken; er is niets half opgeslagen.".into()))
            },
            terug,
        )
    }

    /// [`Hoofd::schrijf`], then `daarna` on the event loop with the result.
    fn schrijf_en<T: Send + 'static>(
        &mut self,
        werk: impl FnOnce(&mut Store) -> crate::store::Resultaat<T> + Send + 'static,
        daarna: impl FnOnce(&mut Hoofd, Result<T, String>) -> Task<Message> + Send + 'static,
    ) -> Task<Message> {
        self.schrijf(werk, move |r| Message::Afgehandeld(Vervolg::new(move |h| daarna(h, r))))
    }

    /// A registered screen's write, off the event loop: while it runs that page's top bar
    /// says "Bezig met opslaan…", and a second write of the same screen is refused with a
    /// banner (its form keeps what was typed).
    fn scherm_schrijf<T: Send + 'static>(
        &mut self,
        pagina: Pagina,
        werk: impl FnOnce(&mut Store) -> crate::store::Resultaat<T> + Send + 'static,
        daarna: impl FnOnce(&mut Hoofd, Result<T, String>) -> Task<Message> + Send + 'static,
    ) -> Task<Message> {
        if !self.verlaten {
            if self.bezig.contains(&pagina) {
                self.banner = Some(NOG_BEZIG.into());
                return Task::none();
            }
            self.bezig.push(pagina);
        }
        self.schrijf_en(werk, move |h, r| {
            h.bezig.retain(|p| *p != pagina);
            daarna(h, r)
        })
    }

    /// [`Hoofd::lees`], then `daarna` on the event loop with the result.
    fn lees_en<T: Send + 'static>(
        &self,
        werk: impl FnOnce(&Store) -> crate::store::Resultaat<T> + Send + 'static,
        daarna: impl FnOnce(&mut Hoofd, Result<T, String>) -> Task<Message> + Send + 'static,
    ) -> Task<Message> {
        self.lees(werk, move |r| Message::Afgehandeld(Vervolg::new(move |h| daarna(h, r))))
    }

    /// Before locking or closing: if a short write is in flight, say "Wijzigingen worden
    /// opgeslagen…" and return the task that waits for it (then `na` happens); `None`
    /// when none is.
    fn wacht_op_schrijven(&mut self, na: NaTaak) -> Option<Task<Message>> {
        if !self.kort.onderweg.bezig() {
            return None;
        }
        let eerder = self.na_schrijven.replace(na);
        self.klaar = Some(OPSLAAN_BIJ_VERLATEN.to_string());
        // Already waiting: the task that waits is running.
        Some(if eerder.is_some() { Task::none() } else { self.na_het_schrijven(Message::Weggeschreven) })
    }

    /// Wait, off the event loop, until no short write is in flight; then `daarna`.
    fn na_het_schrijven(&self, daarna: Message) -> Task<Message> {
        let onderweg = Arc::clone(&self.kort.onderweg);
        Task::perform(
            async move {
                let _ = tokio::task::spawn_blocking(move || onderweg.wacht_tot_stil()).await;
            },
            move |()| daarna.clone(),
        )
    }

    /// Returns the task and whether to lock.
    fn update(&mut self, message: Message) -> (Task<Message>, bool) {
        if let Message::Afgehandeld(v) = message {
            return (v.uitvoeren(self), false);
        }
        // While the database file is being replaced, the window only shows the progress.
        if self.taak.is_some_and(|l| l.soort.exclusief()) {
            if matches!(message, Message::Vergrendel) {
                return (Task::none(), true);
            }
            return (Task::none(), false);
        }
        // The registered screens (see `schermen!`).
        let message = match self.scherm_bericht(message) {
            Ok(r) => return r,
            Err(m) => m,
        };
        match message {
            Message::Navigeer(p) => {
                // The page changes at once; an open edit is saved off the event loop.
                let opslaan = self.bewaar_openstaand();
                self.pagina = p;
                if p == Pagina::Casussen {
                    self.detail = None;
                    return (Task::batch([opslaan, self.herlaad_board(), self.ververs_lijsten()]), false);
                }
                return (Task::batch([opslaan, self.scherm_openen(p)]), false);
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
            Message::CasusOpgeslagen(n, stap, r) => return (self.casus_opgeslagen(&n, stap, r), false),
            Message::Verplaatst(n, r) => match r {
                Ok(naar) => {
                    self.board.gelukt();
                    self.board.toon_melding(format!("Casus {n} staat nu in {}.", naar.label().to_lowercase()));
                    return (self.herlaad_board(), false);
                }
                Err(e) => self.board.toon_fout(e),
            },
            Message::Aangemeld(r) => match r {
                Ok(n) => {
                    self.board.gelukt();
                    return (
                        self.herlaad_board_en(move |h| {
                            let naar_kaart = h.board.aangemeld(&n).map(Message::Board);
                            h.board.toon_melding(format!("Aanmelding geregistreerd als casus {n}."));
                            naar_kaart
                        }),
                        false,
                    );
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
                let opslaan = self.bewaar_openstaand();
                return (Task::batch([opslaan, self.open_casus(&n)]), false);
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
                (Pagina::Adviesvragen, _) => return self.update(Message::Adviesvragen(advies::Message::Annuleer)),
                (Pagina::Meldingen, _) => return self.update(Message::Meldingen(meldingen::Message::Annuleer)),
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
                Ok(m) => self.schermen.overleggen.toon_melding(m),
                Err(f) => self.schermen.overleggen.toon_fout(f),
            },
            // A cancelled dialog (`pad: None`) changes nothing.
            Message::OverlegPdfPadGekozen { stuk, overleg, pad: Some(p) } => {
                return (self.overleg_pdf_opslaan(stuk, overleg, p), false);
            }
            // Cancelled, or no dialog could be shown: say so rather than nothing.
            Message::OverlegPdfPadGekozen { stuk, pad: None, .. } => self.schermen.overleggen.toon_melding(format!(
                "Geen bestand gekozen: de {} is niet als PDF opgeslagen. Met ‘{} afdrukken’ opent u hem in de \
                 PDF-viewer.",
                stuk.naam().to_lowercase(),
                stuk.naam()
            )),
            Message::KengetallenPadGekozen { cijfers, pad: Some(p) } => {
                // The file is written off the event loop (the store is not needed).
                let bestand = p.display().to_string();
                let schrijven = self.lees_en(
                    move |_| schrijf_bestand(&p, &crate::store::kengetallen::naar_csv(&cijfers)),
                    move |h, r| {
                        match r {
                            Ok(()) => {
                                h.schermen.kengetallen.toon_melding(format!("Kengetallen opgeslagen in {bestand}."))
                            }
                            Err(e) => h.schermen.kengetallen.toon_fout(e),
                        }
                        Task::none()
                    },
                );
                return (schrijven, false);
            }
            Message::ContactlijstPadGekozen { actie, pad: Some(p) } => return (self.contactlijst(actie, p), false),
            Message::SluitBanner => {
                self.banner = None;
                self.klaar = None;
            }
            _ => {}
        }
        (Task::none(), false)
    }

    /// Carry out what the settings screen asks, off the event loop. Returns a follow-up
    /// task and whether to lock.
    fn instellingen_event(&mut self, e: instellingen::Event) -> (Task<Message>, bool) {
        let taak = match e {
            instellingen::Event::Vergrendeltijd(min) => self.scherm_schrijf(
                Pagina::Instellingen,
                move |s| s.zet_instelling(instelling::VERGRENDEL_MINUTEN, &min.to_string()),
                |h, r| {
                    if let Err(e) = r {
                        h.banner = Some(e);
                    }
                    Task::none()
                },
            ),
            instellingen::Event::Vergrendel => return (Task::none(), true),
            instellingen::Event::Toevoegen(lijst, naam) => self.scherm_schrijf(
                Pagina::Instellingen,
                move |s| match lijst {
                    instellingen::Lijst::Thema => s.thema_toevoegen(&naam),
                    instellingen::Lijst::Leefgebied => s.leefgebied_toevoegen(&naam),
                    instellingen::Lijst::Gemeente => s.gemeente_toevoegen(&naam),
                    instellingen::Lijst::Overlegsoort => s.overlegsoort_toevoegen(&naam, false),
                },
                move |h, r| {
                    match r {
                        Ok(_) => h.schermen.instellingen.lijst_opgeslagen(lijst),
                        Err(e) => h.schermen.instellingen.toon_fout(e),
                    }
                    h.ververs_lijsten()
                },
            ),
            instellingen::Event::Medewerker(verzoek) => self.scherm_schrijf(
                Pagina::Instellingen,
                move |s| match verzoek {
                    instellingen::MedewerkerVerzoek::Nieuw { naam, rol, ik } => {
                        let id = s.medewerker_toevoegen(&naam, rol, None)?;
                        if ik {
                            s.mij_instellen(&id)?;
                        }
                        Ok(())
                    }
                    instellingen::MedewerkerVerzoek::Wijzig(id, w) => s.medewerker_wijzig(&id, &w).map(|_| ()),
                    instellingen::MedewerkerVerzoek::Ik(id) => s.mij_instellen(&id).map(|_| ()),
                },
                |h, r| {
                    match r {
                        Ok(()) => h.schermen.instellingen.medewerker_opgeslagen(),
                        Err(e) => h.schermen.instellingen.toon_medewerker_fout(e),
                    }
                    h.ververs_medewerkers()
                },
            ),
            instellingen::Event::Hernoem(lijst, id, naam) => self.scherm_schrijf(
                Pagina::Instellingen,
                move |s| s.lijst_hernoem(lijst.tabel(), &id, &naam),
                move |h, r| {
                    match r {
                        Ok(()) => h.schermen.instellingen.lijst_opgeslagen(lijst),
                        Err(e) => h.schermen.instellingen.toon_fout(e),
                    }
                    h.ververs_lijsten()
                },
            ),
            instellingen::Event::Actief(lijst, id, aan) => self.scherm_schrijf(
                Pagina::Instellingen,
                move |s| s.lijst_actief(lijst.tabel(), &id, aan),
                |h, r| {
                    if let Err(e) = r {
                        h.schermen.instellingen.toon_fout(e);
                    }
                    h.ververs_lijsten()
                },
            ),
        };
        (taak, false)
    }

    /// Re-read the medewerkers for Instellingen, the open casus's pick lists and the
    /// board ("Alleen mijn casussen" follows the chosen medewerker; names follow renames).
    fn ververs_medewerkers(&self) -> Task<Message> {
        let lezen = self.lees_en(
            |s| Ok((s.medewerkers()?, s.mijn_medewerker()?, s.instelling(instelling::GEBRUIKER)?)),
            |h, r| {
                match r {
                    Ok((alle, mij, gebruiker)) => {
                        if let Some(d) = &mut h.detail {
                            d.zet_medewerkers(medewerker_keuzes(&alle));
                        }
                        let mij = mij.map(|m| m.id);
                        h.board.zet_mij(mij.as_deref().unwrap_or(""));
                        h.board.zet_medewerkers(medewerker_keuzes(&alle));
                        h.schermen.instellingen.zet_medewerkers(alle, mij);
                        if let Some(g) = gebruiker {
                            h.schermen.instellingen.zet_gebruiker(g.clone());
                            h.gebruiker = g;
                        }
                    }
                    Err(e) => h.schermen.instellingen.toon_medewerker_fout(e),
                }
                Task::none()
            },
        );
        Task::batch([lezen, self.herlaad_board()])
    }

    /// Re-read the thema and leefgebied lists for Instellingen and the board's pick lists.
    fn ververs_lijsten(&self) -> Task<Message> {
        self.lees_en(
            |s| Ok((s.themas()?, s.leefgebieden()?, s.gemeenten()?, s.overlegsoorten()?)),
            |h, r| {
                match r {
                    Ok((t, l, g, o)) => {
                        h.board.zet_themas(&t);
                        h.board.zet_gemeenten(&g);
                        h.schermen.instellingen.zet_lijsten(t, l);
                        h.schermen.instellingen.zet_meer_lijsten(g, o);
                    }
                    Err(e) => h.schermen.instellingen.toon_fout(e),
                }
                Task::none()
            },
        )
    }

    /// Re-read the board's cards (a pure read, off the event loop).
    fn herlaad_board(&self) -> Task<Message> {
        self.herlaad_board_en(|_| Task::none())
    }

    /// Re-read the board's cards and the sidebar's count of adviesvragen (it follows
    /// imports and conversions too), then `daarna` (e.g. select the new card).
    fn herlaad_board_en(&self, daarna: impl FnOnce(&mut Hoofd) -> Task<Message> + Send + 'static) -> Task<Message> {
        self.lees_en(
            |s| Ok((s.casus_lijst(&CasusFilter::default())?, s.aantal_adviesvragen()?)),
            |h, r| match r {
                Ok((r, n)) => {
                    h.board.vervang(r);
                    h.schermen.advies.zet_aantal(n);
                    daarna(h)
                }
                Err(e) => {
                    h.banner = Some(e);
                    Task::none()
                }
            },
        )
    }

    fn board_bericht(&mut self, m: board::Message) -> Task<Message> {
        let (task, event) = self.board.update(m);
        let task = task.map(Message::Board);
        match event {
            Some(board::Event::Open(n)) => return Task::batch([task, self.open_casus(&n)]),
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
            Some(board::Event::Toewijzen(n, t)) => {
                let opslaan = self.schrijf_en(
                    {
                        let n = n.clone();
                        move |s| s.casus_toewijzen(&n, &t)
                    },
                    move |h, r| match r {
                        Ok(_) => {
                            h.board.gelukt();
                            h.board.toon_melding(format!("Casus {n} is toegewezen."));
                            h.herlaad_board()
                        }
                        Err(e) => {
                            h.board.toon_fout(e);
                            Task::none()
                        }
                    },
                );
                return Task::batch([task, opslaan]);
            }
            Some(board::Event::ContactenNodig(p)) => {
                let lezen = self.lees_en(
                    move |s| s.contacten(&p),
                    |h, r| {
                        match r {
                            Ok(c) => h.board.zet_contacten(c.into_iter().map(|c| Keuze::new(&c.id, &c.naam)).collect()),
                            Err(e) => h.board.toon_fout(e),
                        }
                        Task::none()
                    },
                );
                return Task::batch([task, lezen]);
            }
            None => {}
        }
        task
    }

    /// Re-read the partners for their screen and the aanmelding form.
    fn ververs_partners(&self) -> Task<Message> {
        self.lees_en(
            |s| s.alle_partners(),
            |h, r| {
                match r {
                    Ok(p) => {
                        // The aanmelding form offers active partners, with their covenant status.
                        let keuzes = p.iter().filter(|p| !p.gearchiveerd).map(widgets::partner_keuze).collect();
                        h.board.zet_partners(keuzes);
                        h.schermen.partners.vervang(p);
                    }
                    Err(e) => h.schermen.partners.toon_fout(e),
                }
                Task::none()
            },
        )
    }

    /// Read a partner's contacts and casussen for its detail pane.
    fn kies_partner(&self, id: &str) -> Task<Message> {
        let id = id.to_string();
        let partner = id.clone();
        self.lees_en(
            move |s| Ok((s.contacten_met_archief(&id)?, s.casussen_van_partner(&id)?)),
            move |h, r| {
                match r {
                    Ok((c, k)) => h.schermen.partners.zet_detail(partner, c, k),
                    Err(e) => h.schermen.partners.toon_fout(e),
                }
                Task::none()
            },
        )
    }

    /// Export or import the contact list at `pad`, off the event loop; the outcome stays on
    /// the partners screen.
    fn contactlijst(&mut self, actie: partners::Bestandsactie, pad: std::path::PathBuf) -> Task<Message> {
        use crate::contactlijst as cl;
        use partners::Bestandsactie as B;
        let bestand = pad.display().to_string();
        match actie {
            // The export is recorded in the audit log (the list leaves the device): a write.
            B::ExportCsv | B::ExportVcard => self.scherm_schrijf(
                Pagina::Partners,
                move |s| {
                    let regels = cl::regels(s)?;
                    let bytes = if actie == B::ExportCsv {
                        cl::naar_csv(&regels)
                    } else {
                        cl::naar_vcard(&regels).into_bytes()
                    };
                    schrijf_bestand(&pad, &bytes)?;
                    Ok(regels.len())
                },
                move |h, r| {
                    match r {
                        Ok(n) => {
                            h.schermen.partners.toon_melding(format!("{n} contactpersonen opgeslagen in {bestand}."))
                        }
                        Err(f) => h.schermen.partners.toon_fout(f),
                    }
                    Task::none()
                },
            ),
            B::ImportCsv => self.scherm_schrijf(
                Pagina::Partners,
                move |s| {
                    Ok(std::fs::read(&pad)
                        .map_err(|e| format!("Het bestand {bestand} kon niet worden gelezen ({e})."))
                        .and_then(|b| {
                            let (rijen, afgewezen) = cl::lees_csv(&b);
                            let v = cl::importeer(s, rijen, afgewezen).map_err(|e| fout(&e))?;
                            Ok((v, s.alle_partners().map_err(|e| fout(&e))?))
                        }))
                },
                |h, r| match r.and_then(|r| r) {
                    Ok((v, p)) => {
                        let keuzes = p.iter().filter(|p| !p.gearchiveerd).map(widgets::partner_keuze).collect();
                        h.board.zet_partners(keuzes);
                        h.schermen.partners.vervang(p);
                        h.schermen.partners.zet_importverslag(v);
                        Task::none()
                    }
                    Err(f) => {
                        h.schermen.partners.toon_fout(f);
                        Task::none()
                    }
                },
            ),
        }
    }

    /// Carry out what the partners screen asks.
    fn partner_event(&mut self, e: partners::Event) -> Task<Message> {
        match e {
            partners::Event::Contactlijst(actie) => {
                let dialoog = rfd::AsyncFileDialog::new();
                Task::perform(
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
                )
            }
            partners::Event::Kies(id) => self.kies_partner(&id),
            partners::Event::Toevoegen(p) => self.scherm_schrijf(
                Pagina::Partners,
                move |s| s.partner_toevoegen(p),
                |h, r| match r {
                    Ok(id) => {
                        h.schermen.partners.partner_opgeslagen();
                        Task::batch([h.ververs_partners(), h.kies_partner(&id)])
                    }
                    Err(e) => {
                        h.schermen.partners.toon_fout(e);
                        Task::none()
                    }
                },
            ),
            partners::Event::Wijzig(id, w) => {
                let partner = id.clone();
                self.scherm_schrijf(
                    Pagina::Partners,
                    move |s| s.partner_wijzig(&id, &w),
                    move |h, r| match r {
                        Ok(_) => Task::batch([h.ververs_partners(), h.kies_partner(&partner)]),
                        Err(e) => {
                            h.schermen.partners.toon_fout(e);
                            Task::none()
                        }
                    },
                )
            }
            partners::Event::Contact(id, c) => {
                let partner = id.clone();
                self.scherm_schrijf(
                    Pagina::Partners,
                    move |s| s.contact_toevoegen(&id, c),
                    move |h, r| match r {
                        Ok(_) => {
                            h.schermen.partners.contact_opgeslagen();
                            h.kies_partner(&partner)
                        }
                        Err(e) => {
                            h.schermen.partners.toon_fout(e);
                            Task::none()
                        }
                    },
                )
            }
            partners::Event::ContactWijzig(partner, id, w) => {
                let archief = w.gearchiveerd;
                self.scherm_schrijf(
                    Pagina::Partners,
                    move |s| {
                        s.contact_wijzig(&id, &w)?;
                        s.contact(&id)
                    },
                    move |h, r| match r {
                        Ok(c) => {
                            h.schermen.partners.contact_gewijzigd(match archief {
                                Some(true) => format!("Contactpersoon {} gearchiveerd.", c.naam),
                                Some(false) => format!("Contactpersoon {} weer actief.", c.naam),
                                None => format!("Contactpersoon {} opgeslagen.", c.naam),
                            });
                            h.kies_partner(&partner)
                        }
                        Err(e) => {
                            h.schermen.partners.toon_fout(e);
                            Task::none()
                        }
                    },
                )
            }
            partners::Event::OpenCasus(n) => self.open_casus(&n),
        }
    }

    /// Reload roster, received ranges and conflicts into the sync screen (which makes its
    /// own rows from them).
    fn ververs_sync(&self) -> Task<Message> {
        self.lees_en(
            |s| {
                let r = (|| -> Result<_, crate::sync::SyncFout> {
                    let team = s.collegas()?;
                    let ontvangen = crate::sync::status(s)?;
                    let conflicten = s.conflicten(None)?;
                    // What the rows name: the casusnummer and who wrote each value.
                    let namen: Vec<(String, Vec<String>)> = conflicten
                        .iter()
                        .map(|c| {
                            let casus = match &c.casus_id {
                                Some(id) => s.casusnummer_van(id).unwrap_or_default(),
                                None => String::new(),
                            };
                            let auteurs = c.waarden.iter().map(|w| crate::sync::auteur(s, &w.op)).collect();
                            (casus, auteurs)
                        })
                        .collect();
                    let koppelingen: Vec<(String, String)> = team
                        .iter()
                        .filter_map(|c| Some((c.apparaat.clone(), s.collega_partner(&c.apparaat).ok()??)))
                        .collect();
                    let partners: Vec<synchronisatie::PartnerOptie> =
                        s.partners().unwrap_or_default().into_iter().map(synchronisatie::PartnerOptie::van).collect();
                    Ok((team, ontvangen, conflicten, namen, koppelingen, partners))
                })();
                Ok(r.map_err(|e| melding::sync(&e)))
            },
            |h, r| {
                match r.and_then(|r| r) {
                    Ok((team, ontvangen, conflicten, namen, koppelingen, partners)) => {
                        h.schermen.synchronisatie.zet_partners(partners, koppelingen.into_iter().collect());
                        h.schermen.synchronisatie.vervang_uit(&team, ontvangen, &conflicten, namen);
                        h.conflicten = conflicten;
                    }
                    Err(e) => h.schermen.synchronisatie.meld(Vlak::Fout, e),
                }
                Task::none()
            },
        )
    }

    /// Reload the privacy screen: replaced database copies, casussen past their term, terms.
    fn ververs_privacy(&self) -> Task<Message> {
        let vandaag = chrono::Local::now().date_naive();
        let map = self.map.clone();
        self.lees_en(
            move |s| {
                let kopieen = crate::store::vervangen_kopieen(map.pad()).unwrap_or_default();
                let lijst = privacy::te_verwijderen(
                    s.te_verwijderen(vandaag)?,
                    s.meldingen_te_verwijderen(vandaag)?,
                    s.adviesvragen_te_verwijderen(vandaag)?,
                );
                Ok((kopieen, lijst, s.bewaartermijnen()?, s.melding_bewaartermijn()?))
            },
            |h, r| {
                match r {
                    Ok((kopieen, lijst, termijnen, melding_termijn)) => {
                        h.schermen.privacy.vul(kopieen, lijst, termijnen, melding_termijn)
                    }
                    Err(e) => h.schermen.privacy.mislukt(e),
                }
                Task::none()
            },
        )
    }

    /// Carry out what the privacy screen asks. Returns a follow-up task and whether to lock.
    /// Long work (removal, inzage, audit export, backup, restore, key rotation) runs as a job.
    fn privacy_event(&mut self, e: privacy::Event) -> (Task<Message>, bool) {
        use privacy::Event as E;
        let vandaag = chrono::Local::now().date_naive();
        let taak = match e {
            E::Open(n) => {
                self.pagina = Pagina::Casussen;
                return (self.open_casus(&n), false);
            }
            E::Termijnen { themas, melding } => self.privacy_schrijf(move |s| {
                themas
                    .iter()
                    .try_for_each(|(thema, m)| s.zet_bewaartermijn(thema, *m))
                    .and_then(|()| melding.map_or(Ok(()), |m| s.zet_melding_bewaartermijn(m)))
                    .map(|()| "De bewaartermijnen zijn opgeslagen.".to_string())
                    .map_err(|e| fout(&e))
            }),
            E::MeldingVerwijder { id, naam, reden } => self.privacy_schrijf(move |s| {
                s.melding_verwijder(&id, &reden)
                    .map(|()| {
                        format!("De melding over {naam} is verwijderd; de auditlog vermeldt wie, wanneer en waarom.")
                    })
                    .map_err(|e| fout(&e))
            }),
            E::AdviesVerwijder { id, reden } => self.privacy_schrijf(move |s| {
                s.advies_verwijder(&id, &reden)
                    .map(|()| "De adviesvraag is verwijderd; de auditlog vermeldt wie, wanneer en waarom.".to_string())
                    .map_err(|e| fout(&e))
            }),
            E::Verwijder { nummer, reden } => {
                let taak = self.start_taak(Taaksoort::Verwijderen, move |s| {
                    Uitkomst::Tekst(s.casus_vernietigen(&nummer, &reden, vandaag).map(|v| format!(
                        "Casus {} is verwijderd met alles wat eronder viel; de auditlog vermeldt wie, wanneer en waarom.",
                        v.nummer
                    )).map_err(|e| fout(&e)))
                });
                return (taak, false);
            }
            E::Verleng { nummer, tot, reden } => self.privacy_schrijf(move |s| {
                s.bewaartermijn_verlengen(&nummer, tot, &reden)
                    .map(|()| {
                        format!("De bewaartermijn van casus {nummer} loopt nu tot en met {}.", tot.format("%d-%m-%Y"))
                    })
                    .map_err(|e| fout(&e))
            }),
            E::Inzage { vraag, pad } => {
                // More than one person matches: the user picks first; otherwise the job runs.
                let v = vraag.clone();
                self.lees_en(
                    move |s| s.inzage_personen(&v),
                    move |h, r| match r {
                        Ok(p) if p.len() > 1 => {
                            h.schermen.privacy.kies_persoon(p);
                            Task::none()
                        }
                        _ => {
                            h.start_taak(Taaksoort::Inzage, move |s| Uitkomst::Tekst(inzage_schrijven(s, &vraag, &pad)))
                        }
                    },
                )
            }
            E::AuditExport { filter, pad } => {
                let taak = self
                    .start_taak(Taaksoort::AuditExport, move |s| Uitkomst::Tekst(audit_schrijven(s, &filter, &pad)));
                return (taak, false);
            }
            E::NieuweHerstelsleutel(w) => {
                // Argon2id (about a second): off the event loop, like every write.
                let map = self.map.clone();
                let w = w.map(|g| g.0);
                // A stand-in keychain of the calling thread (tests) goes along.
                let sleutelbos = sleutel::nabootsing_van_deze_thread();
                self.scherm_schrijf(
                    Pagina::Privacy,
                    move |s| {
                        sleutel::gebruik_nabootsing(sleutelbos);
                        let code = crate::store::herstelsleutel_vernieuwen(&map, w.as_deref().map(String::as_str))?;
                        let _ = s.registreer_uitvoer(crate::store::Uitvoer::Herstelsleutel, "gemaakt", &[]);
                        Ok(code)
                    },
                    |h, r| {
                        match r {
                            Ok(code) => {
                                h.schermen.privacy.toon_herstelsleutel(code.getoond());
                                h.schermen
                                    .privacy
                                    .gelukt("Er is een nieuwe herstelsleutel gemaakt; de vorige werkt niet meer.");
                            }
                            Err(f) => h.schermen.privacy.mislukt(f),
                        }
                        h.ververs_privacy()
                    },
                )
            }
            E::KopieVerwijder(naam) => {
                let map = self.map.clone();
                self.privacy_schrijf(move |_| {
                    crate::store::vervangen_kopie_verwijder(map.pad(), &naam)
                        .map(|()| format!("De vervangen database {naam} is verwijderd."))
                        .map_err(|e| fout(&e))
                })
            }
            E::HerstelPdf { pad, code } => self.privacy_schrijf(move |s| {
                crate::report::herstelsleutel(s, &code.0)
                    .map_err(rapport_melding)
                    .and_then(|r| crate::store::schrijf_prive_bestand(&pad, &r.pdf).map_err(|e| fout(&e)))
                    .map(|()| {
                        format!(
                            "Herstelsleutel opgeslagen in {}: druk hem af en verwijder dan het bestand.",
                            pad.display()
                        )
                    })
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
        (taak, false)
    }

    /// A short write of the privacy screen whose outcome is a Dutch sentence; the screen
    /// shows it and re-reads its lists.
    fn privacy_schrijf(
        &mut self,
        werk: impl FnOnce(&mut Store) -> Result<String, String> + Send + 'static,
    ) -> Task<Message> {
        self.scherm_schrijf(
            Pagina::Privacy,
            move |s| Ok(werk(s)),
            |h, r| match r.and_then(|r| r) {
                Ok(t) => {
                    h.schermen.privacy.gelukt(t);
                    h.ververs_privacy()
                }
                Err(f) => {
                    h.schermen.privacy.mislukt(f);
                    Task::none()
                }
            },
        )
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
        let onderweg = Arc::clone(&self.kort.onderweg);
        let schrijver = Arc::clone(&self.kort.schrijver);
        let lezer = Arc::clone(&self.kort.lezer);
        Task::perform(
            async move {
                tokio::task::spawn_blocking(move || {
                    // Every short write in flight commits first, in the old file; while the
                    // file is replaced the write lock is held, so none starts meanwhile.
                    onderweg.wacht_tot_stil();
                    let _slot = schrijver.lock();
                    // The cached reader is closed too (an open connection keeps the old
                    // file busy), and no read starts until the swap is done.
                    let _lezer = lezer.lock().map(|mut l| {
                        *l = None;
                        l
                    });
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
    fn taak_afgerond(&mut self, soort: Taaksoort, uitkomst: Uitkomst) -> (Task<Message>, bool) {
        self.taak = None;
        let mut taken = Vec::new();
        let tekst = match uitkomst {
            Uitkomst::Kengetallen(r) => {
                match r {
                    Ok(k) => self.schermen.kengetallen.zet(*k),
                    Err(f) => self.schermen.kengetallen.toon_fout(f),
                }
                return (Task::none(), false);
            }
            Uitkomst::Store(o, r) => {
                let Some(store) = o.neem() else {
                    // The database may have been swapped: only unlocking again is safe.
                    if let Err(f) = r {
                        self.banner = Some(f);
                    }
                    return (Task::none(), true);
                };
                self.store = store;
                // The cached reader may point at the replaced file: the next read opens anew.
                self.kort.lezer = Arc::default();
                if soort == Taaksoort::Herstel && r.is_ok() {
                    taken.push(self.na_herstel());
                }
                r
            }
            Uitkomst::Tekst(r) => r,
        };
        match soort {
            Taaksoort::BundelImport | Taaksoort::BundelExport => {
                match &tekst {
                    Ok(m) => self.schermen.synchronisatie.meld(Vlak::Info, m.clone()),
                    Err(f) => self.schermen.synchronisatie.meld(Vlak::Fout, f.clone()),
                }
                taken.push(self.ververs_sync());
                taken.push(self.herlaad_board());
            }
            _ => {
                match &tekst {
                    Ok(m) => self.schermen.privacy.gelukt(m.clone()),
                    Err(f) => self.schermen.privacy.mislukt(f.clone()),
                }
                taken.push(self.ververs_privacy());
                if soort == Taaksoort::Verwijderen {
                    taken.push(self.herlaad_board());
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
        (Task::batch(taken), false)
    }

    /// After a restore: the restored database has a new device identity; reload the screens.
    fn na_herstel(&mut self) -> Task<Message> {
        self.detail = None;
        let map = self.map.clone();
        let apparaat = self.schrijf_en(
            |s| Ok(crate::sync::apparaat(s).map(|a| (a.id.clone(), a.vingerafdruk())).map_err(|e| melding::sync(&e))),
            move |h, r| {
                match r.and_then(|r| r) {
                    Ok((id, vingerafdruk)) => {
                        h.schermen.synchronisatie = synchronisatie::State::new(id, vingerafdruk, map.pad())
                    }
                    Err(e) => h.banner = Some(e),
                }
                Task::none()
            },
        );
        Task::batch([self.herlaad_board(), self.ververs_partners(), apparaat])
    }

    /// Carry out what the sync screen asks; the outcome is shown on that screen. Reading
    /// and writing bundles run as jobs.
    fn sync_event(&mut self, e: synchronisatie::Event) -> Task<Message> {
        use crate::sync;
        use synchronisatie::Event as E;
        let lees = |p: &str| std::fs::read(p).map_err(sync::SyncFout::Io);
        let werk: SyncWerk = match e {
            E::SchrijfKaartje(p) => Box::new(move |s| {
                sync::visitekaartje(s, "").and_then(|k| Ok(schrijf_bestand(std::path::Path::new(&p), &k)?)).map(|()| {
                    format!(
                        "Visitekaartje opgeslagen in {p}. Geef het aan uw collega en lees samen de vingerafdruk voor."
                    )
                })
            }),
            E::LeesKaartje(p) => Box::new(move |s| {
                lees(&p).and_then(|b| sync::lees_visitekaartje(&b)).and_then(|c| {
                    s.collega_toevoegen(&c)?;
                    Ok(format!(
                        "{} is toegevoegd maar nog niet vertrouwd. Vergelijk samen de vingerafdruk en kies dan 'Bevestigen'.",
                        c.naam
                    ))
                })
            }),
            E::Koppel(apparaat, partner) => Box::new(move |s| {
                s.collega_koppelen(&apparaat, Some(&partner))
                    .map(|()| "Collega gekoppeld aan de partner.".into())
                    .map_err(Into::into)
            }),
            E::Bevestig(id) => Box::new(move |s| {
                s.collega_bevestigen(&id).map(|()| "Collega bevestigd en vertrouwd.".into()).map_err(Into::into)
            }),
            E::Verwijder(id) => Box::new(move |s| {
                s.collega_verwijderen(&id)
                    .map(|()| "Collega verwijderd; er gaan geen bundels meer van of naar deze collega.".into())
                    .map_err(Into::into)
            }),
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
                            .map(|i| synchronisatie::importverslag(&i))
                            .map_err(|e| melding::sync(&e)),
                    )
                });
            }
            E::Kies(c, w) => {
                let Some((conflict, op)) =
                    self.conflicten.get(c).and_then(|c| c.waarden.get(w).map(|w| (c.clone(), w.op.clone())))
                else {
                    return Task::none();
                };
                Box::new(move |s| {
                    s.conflict_kiezen(&conflict, &op)
                        .map(|()| "Keuze vastgelegd; collega's krijgen die met de volgende bundel.".into())
                        .map_err(Into::into)
                })
            }
        };
        self.scherm_schrijf(
            Pagina::Synchronisatie,
            move |s| Ok(werk(s).map_err(|e| melding::sync(&e))),
            |h, r| {
                match r.and_then(|r| r) {
                    Ok(m) => h.schermen.synchronisatie.meld(Vlak::Info, m),
                    Err(f) => h.schermen.synchronisatie.meld(Vlak::Fout, f),
                }
                Task::batch([h.ververs_sync(), h.herlaad_board()])
            },
        )
    }
    /// Open a casus: read it (auditing this one view) off the event loop; the board says
    /// "Casus openen…" meanwhile and a second open is not started.
    fn open_casus(&mut self, nummer: &str) -> Task<Message> {
        if self.opent.is_some() {
            return Task::none();
        }
        self.opent = Some(nummer.to_string());
        let nummer = nummer.to_string();
        self.schrijf_en(
            move |s| {
                let d = s.casus_detail(&nummer)?;
                let plan_ = s.plan(&nummer)?;
                let versies = s.plan_versies(&nummer)?;
                let lgs: Vec<Keuze> =
                    s.leefgebieden()?.into_iter().filter(|l| l.actief).map(|l| Keuze::new(&l.id, &l.naam)).collect();
                let alle_partners = s.partners()?;
                let partners: Vec<plan::PartnerKeuze> = alle_partners
                    .iter()
                    .map(|p| plan::PartnerKeuze {
                        id: p.id.clone(),
                        naam: p.naam.clone(),
                        convenant: p.convenantstatus,
                    })
                    .collect();
                let bp = s.betrokken_partners(&nummer)?;
                let historie = s.audit_casus(&d.regel.id, 200)?;
                let conflicten = s.conflicten(Some(&d.regel.id))?.len();
                let themas: Vec<Keuze> =
                    s.themas()?.into_iter().filter(|t| t.actief).map(|t| Keuze::new(&t.id, &t.naam)).collect();
                let medewerkers = medewerker_keuzes(&s.medewerkers()?);
                let gemeenten: Vec<Keuze> =
                    s.gemeenten()?.into_iter().filter(|g| g.actief).map(|g| Keuze::new(&g.id, &g.naam)).collect();
                let actief: Vec<Keuze> =
                    alle_partners.iter().filter(|p| !p.gearchiveerd).map(widgets::partner_keuze).collect();
                let weegtafels = weegtafel_keuzes(s)?;
                let koppelingen = s.koppelingen(&nummer)?;
                let koppel_keuzes = koppel_keuzes(s)?;
                Ok(Box::new(Casusopening {
                    koppelingen,
                    koppel_keuzes,
                    d,
                    plan: plan_,
                    versies,
                    lgs,
                    partners,
                    bp,
                    historie,
                    conflicten,
                    themas,
                    medewerkers,
                    gemeenten,
                    actief,
                    weegtafels,
                }))
            },
            |h, r| {
                h.opent = None;
                match r {
                    Ok(o) => {
                        let o = *o;
                        let mut d = detail::State::new(
                            o.d,
                            plan::State::new(o.plan, o.versies, o.lgs, o.partners),
                            o.bp,
                            o.historie,
                        );
                        d.zet_conflicten(o.conflicten);
                        d.zet_themas(o.themas);
                        d.zet_medewerkers(o.medewerkers);
                        d.zet_keuzelijsten(o.gemeenten, o.actief, o.weegtafels);
                        d.zet_koppelingen(o.koppelingen, o.koppel_keuzes);
                        if let Some(b) = h.na_openen.take() {
                            if let Some(t) = b.tab {
                                let _ = d.update(detail::Message::Tab(t));
                            }
                            if let Some(c) = b.concept {
                                d.herstel(c);
                            }
                        }
                        h.detail = Some(d);
                        h.pagina = Pagina::Casussen;
                    }
                    Err(e) => h.banner = Some(e),
                }
                Task::none()
            },
        )
    }

    /// Re-read the open casus after a save: a pure read (the opening was audited; a
    /// refresh is not a new view).
    fn ververs_detail(&self) -> Task<Message> {
        let Some(d) = &self.detail else { return Task::none() };
        let n = d.nummer().to_string();
        let nummer = n.clone();
        self.lees_en(
            move |s| {
                let plan_ = s.plan(&n)?;
                let versies = s.plan_versies(&n)?;
                let detail = s.casus_detail_verversen(&n)?;
                let bp = s.betrokken_partners(&n)?;
                let historie = s.audit_casus(&detail.regel.id, 200)?;
                let conflicten = s.conflicten(Some(&detail.regel.id))?.len();
                let koppelingen = (s.koppelingen(&n)?, koppel_keuzes(s)?);
                Ok((plan_, versies, detail, bp, historie, conflicten, koppelingen))
            },
            move |h, r| {
                let Some(d) = h.detail.as_mut().filter(|d| d.nummer() == nummer) else { return Task::none() };
                match r {
                    Ok((plan_, versies, detail, bp, historie, conflicten, (koppelingen, keuzes))) => {
                        d.zet_conflicten(conflicten);
                        d.plan.vervang(plan_, versies);
                        d.vervang(detail, bp, historie);
                        d.zet_koppelingen(koppelingen, keuzes);
                    }
                    Err(e) => d.toon_fout(e),
                }
                Task::none()
            },
        )
    }

    /// Autosave: write the action being edited without closing its form. Unchanged fields
    /// write nothing (the store skips them), so repeated autosaves add no audit entries.
    fn tussentijds_bewaren(&mut self) -> Task<Message> {
        let Some(d) = &mut self.detail else { return Task::none() };
        if d.is_bezig() {
            return Task::none();
        }
        let Some(plan::Event::ActieWijzig(id, w)) = d.plan.openstaand() else {
            return Task::none();
        };
        d.begin_opslaan();
        let n = d.nummer().to_string();
        self.schrijf_en(
            move |s| s.actie_wijzig(&id, &w),
            move |h, r| {
                let Some(d) = h.detail.as_mut().filter(|d| d.nummer() == n) else { return Task::none() };
                d.opslaan_klaar();
                match r {
                    Ok(_) => h.ververs_detail(),
                    Err(e) => {
                        d.plan.toon_fout(e);
                        Task::none()
                    }
                }
            },
        )
    }

    /// Save what is still open before leaving it (another page, lock, close), off the
    /// event loop like every write: the returned task must run (batch it with what the
    /// leaving does). The write counts as in flight at once, so locking and closing wait
    /// for it; it is started even when that screen has a write in flight (the ordering
    /// lock puts it after that one), and its result finds the screen gone or changed
    /// (an error then shows in the banner).
    fn bewaar_openstaand(&mut self) -> Task<Message> {
        self.verlaten = true;
        let taak = self.bewaar_openstaand_taak();
        self.verlaten = false;
        taak
    }

    /// Before locking or closing: save what is still open, unless that was done already
    /// (`opslaan` false, or a lock or close is already waiting for the saves it started).
    fn opslaan_voor_vertrek(&mut self, opslaan: bool) -> Task<Message> {
        if opslaan && self.na_schrijven.is_none() { self.bewaar_openstaand() } else { Task::none() }
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
        if let Some(ev) = self.schermen.overleggen.openstaand() {
            taken.push(self.overleg_event(ev));
        }
        if let Some(ev) = self.schermen.partners.openstaand() {
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
        if d.is_bezig() && !self.verlaten {
            return task;
        }
        let n = d.nummer().to_string();
        d.begin_opslaan();
        let nummer = n.clone();
        let opslaan = self.schrijf(move |s| werk(s, &n), move |r| Message::CasusOpgeslagen(nummer, stap, r));
        Task::batch([task, opslaan])
    }

    /// A change of casus `n` came back from the store; the casus is re-read (a pure read).
    fn casus_opgeslagen(&mut self, n: &str, stap: Casusstap, r: Result<(), String>) -> Task<Message> {
        let gelukt = r.is_ok();
        let mut taken = Vec::new();
        match self.detail.as_mut().filter(|d| d.nummer() == n) {
            Some(d) => {
                d.opslaan_klaar();
                match r {
                    Ok(()) => match stap {
                        Casusstap::Journaal => d.journaal_opgeslagen(),
                        Casusstap::Ave => d.ave_opgeslagen(),
                        Casusstap::Persoon => d.persoon_opgeslagen(),
                        Casusstap::Detentie => d.detentie_opgeslagen(),
                        Casusstap::Wijziging | Casusstap::Toewijzing | Casusstap::Weging => d.wijziging_opgeslagen(),
                        Casusstap::Gecorrigeerd => {
                            d.betrokkene_opgeslagen("Opgeslagen: de gegevens van de betrokkene zijn gecorrigeerd.")
                        }
                        Casusstap::Verwijderd => d.betrokkene_opgeslagen("De betrokkene is uit de casus verwijderd."),
                        Casusstap::Opschaling => d.opschaling_opgeslagen(),
                        Casusstap::Aanbod => d.betrokkene_opgeslagen("Opgeslagen: het aanbod is bijgewerkt."),
                        Casusstap::DetentieGecorrigeerd => {
                            d.betrokkene_opgeslagen("Opgeslagen: de detentie is gecorrigeerd.")
                        }
                        Casusstap::DetentieVerwijderd => {
                            d.betrokkene_opgeslagen("De detentie is uit de casus verwijderd.")
                        }
                        Casusstap::JournaalGewijzigd => {
                            d.betrokkene_opgeslagen("Opgeslagen: de journaalregel is gecorrigeerd.")
                        }
                        Casusstap::JournaalVerwijderd => {
                            d.betrokkene_opgeslagen("De journaalregel is verwijderd; de reden staat in de historie.")
                        }
                        Casusstap::Gekoppeld => d.koppeling_opgeslagen("Opgeslagen: de casussen zijn gekoppeld."),
                        Casusstap::KoppelingGewijzigd => {
                            d.koppeling_opgeslagen("Opgeslagen: de koppeling is gewijzigd.")
                        }
                        Casusstap::Ontkoppeld => d.koppeling_opgeslagen(
                            "De koppeling is verwijderd; de reden staat in het journaal van beide casussen.",
                        ),
                    },
                    Err(e) => d.toon_fout(e),
                }
                if gelukt {
                    taken.push(self.ververs_detail());
                }
            }
            // The casus was closed meanwhile: an error still shows.
            None => {
                if let Err(e) = r {
                    self.banner = Some(e);
                }
            }
        }
        if gelukt && (matches!(stap, Casusstap::Toewijzing | Casusstap::Weging) || self.detail.is_none()) {
            taken.push(self.herlaad_board());
        }
        Task::batch(taken)
    }

    fn detail_bericht(&mut self, m: detail::Message) -> Task<Message> {
        let Some(d) = &mut self.detail else { return Task::none() };
        let (task, event) = d.update(m);
        let task = task.map(Message::Detail);
        match event {
            Some(detail::Event::Terug) => {
                let opslaan = self.bewaar_openstaand();
                self.detail = None;
                return Task::batch([task, opslaan, self.herlaad_board()]);
            }
            Some(detail::Event::Journaal(j)) => {
                return self
                    .casus_schrijf(task, Casusstap::Journaal, move |s, n| s.journaal_toevoegen(n, j).map(|_| ()));
            }
            Some(detail::Event::JournaalWijzig(id, w)) => {
                return self.casus_schrijf(task, Casusstap::JournaalGewijzigd, move |s, _| {
                    s.journaal_wijzig(&id, &w).map(|_| ())
                });
            }
            Some(detail::Event::JournaalVerwijder(id, reden)) => {
                return self
                    .casus_schrijf(task, Casusstap::JournaalVerwijderd, move |s, _| s.journaal_verwijder(&id, &reden));
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
            Some(detail::Event::Aanbod(g, st)) => {
                return self.casus_schrijf(task, Casusstap::Aanbod, move |s, n| s.casus_aanbod(n, g, st, None, ""));
            }
            Some(detail::Event::Wijzig(w)) => {
                return self.casus_schrijf(task, Casusstap::Wijziging, move |s, n| s.casus_wijzig(n, &w).map(|_| ()));
            }
            Some(detail::Event::Opschalen(o)) => {
                return self
                    .casus_schrijf(task, Casusstap::Opschaling, move |s, n| s.casus_opschalen(n, o).map(|_| ()));
            }
            Some(detail::Event::OpschalingUitkomst(id, uitkomst)) => {
                let w = crate::store::OpschalingWijziging { uitkomst: Some(uitkomst), ..Default::default() };
                return self.casus_schrijf(task, Casusstap::Opschaling, move |s, _| {
                    s.opschaling_wijzig(&id, &w, "").map(|_| ())
                });
            }
            Some(detail::Event::OpschalingCorrigeer(id, w, waarom)) => {
                return self.casus_schrijf(task, Casusstap::Opschaling, move |s, _| {
                    s.opschaling_wijzig(&id, &w, &waarom).map(|_| ())
                });
            }
            Some(detail::Event::OpschalingVerwijder(id, reden)) => {
                return self
                    .casus_schrijf(task, Casusstap::Opschaling, move |s, _| s.opschaling_verwijder(&id, &reden));
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
                return self.casus_schrijf(task, Casusstap::DetentieGecorrigeerd, move |s, n| {
                    s.detentie_wijzig(n, &id, &w, &reden).map(|_| ())
                });
            }
            Some(detail::Event::DetentieVerwijder(id, reden)) => {
                return self.casus_schrijf(task, Casusstap::DetentieVerwijderd, move |s, n| {
                    s.detentie_verwijder(n, &id, &reden)
                });
            }
            Some(detail::Event::Open(n)) => {
                let opslaan = self.bewaar_openstaand();
                return Task::batch([task, opslaan, self.open_casus(&n)]);
            }
            Some(detail::Event::Koppel(ander, soort, toelichting)) => {
                return self.casus_schrijf(task, Casusstap::Gekoppeld, move |s, n| {
                    s.koppel(n, &ander, soort, &toelichting).map(|_| ())
                });
            }
            Some(detail::Event::KoppelingWijzig(ander, soort, toelichting)) => {
                return self.casus_schrijf(task, Casusstap::KoppelingGewijzigd, move |s, n| {
                    s.koppeling_wijzig(n, &ander, Some(soort), Some(&toelichting)).map(|_| ())
                });
            }
            Some(detail::Event::Ontkoppel(ander, reden)) => {
                return self.casus_schrijf(task, Casusstap::Ontkoppeld, move |s, n| s.ontkoppel(n, &ander, &reden));
            }
            Some(detail::Event::Weging(w)) => {
                return self.casus_schrijf(task, Casusstap::Weging, move |s, n| s.casus_weging(n, &w));
            }
            Some(detail::Event::Afdrukken(document, versie)) => {
                let nummer = d.nummer().to_string();
                return Task::batch([task, self.afdrukken(document, nummer, versie)]);
            }
            Some(detail::Event::Opslaan(document, versie)) => {
                let nummer = d.nummer().to_string();
                let naam = document.bestandsnaam(&nummer, versie);
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
            let pad = map.join(document.bestandsnaam(&nummer, versie));
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

    /// Carry out what the plan editor asks, off the event loop: the casus screen shows its
    /// busy line until the write is back; a second write meanwhile is not started.
    fn plan_event(&mut self, ev: plan::Event) -> Task<Message> {
        match ev {
            plan::Event::DoelToevoegen { leefgebied, omschrijving } => self
                .plan_schrijf(move |s, n| s.doel_toevoegen(n, &leefgebied, &omschrijving), |p, _| p.doel_opgeslagen()),
            plan::Event::ActieToevoegen(a) => self.plan_schrijf(
                move |s, n| s.actie_toevoegen(n, a),
                |p, r| p.actie_opgeslagen(r.partner_zonder_convenant, true),
            ),
            plan::Event::ActieWijzig(id, w) => self.plan_schrijf(
                move |s, _| s.actie_wijzig(&id, &w),
                |p, r| p.actie_opgeslagen(r.partner_zonder_convenant, false),
            ),
            plan::Event::ActieVerplaats(id, omhoog) => {
                self.plan_schrijf(move |s, _| s.actie_verplaats(&id, omhoog), |_, ()| {})
            }
            plan::Event::Risico(t) => {
                self.plan_schrijf(move |s, n| s.risico_taxatie(n, &t), |p, ()| p.risico_opgeslagen())
            }
            plan::Event::Vastleggen(reden) => {
                self.plan_schrijf(move |s, n| s.plan_vastleggen(n, &reden), |p, v| p.versie_opgeslagen(v))
            }
            plan::Event::DoelWijzig { id, leefgebied, omschrijving } => self.plan_schrijf(
                move |s, _| s.doel_wijzig(&id, leefgebied.as_deref(), Some(&omschrijving)),
                |p, _| p.doel_gewijzigd(),
            ),
            plan::Event::DoelVerwijder(id) => {
                self.plan_schrijf(move |s, _| s.doel_verwijder(&id), |p, ()| p.doel_gewijzigd())
            }
            plan::Event::ActieVerwijder(id) => {
                self.plan_schrijf(move |s, _| s.actie_verwijder(&id), |p, ()| p.actie_verwijderd())
            }
            plan::Event::ActieTerugzetten(a, rest) => self.plan_schrijf(
                move |s, n| {
                    let r = s.actie_toevoegen(n, a)?;
                    s.actie_wijzig(&r.id, &rest)
                },
                |p, _| p.actie_teruggezet(),
            ),
            plan::Event::ContactenNodig(p) => {
                let Some(n) = self.detail.as_ref().map(|d| d.nummer().to_string()) else { return Task::none() };
                self.lees_en(
                    move |s| s.contacten(&p),
                    move |h, r| {
                        let Some(d) = h.detail.as_mut().filter(|d| d.nummer() == n) else { return Task::none() };
                        match r {
                            Ok(c) => d.plan.zet_contacten(c.into_iter().map(|c| Keuze::new(&c.id, &c.naam)).collect()),
                            Err(e) => d.plan.toon_fout(e),
                        }
                        Task::none()
                    },
                )
            }
        }
    }

    /// One write of the plan editor: `werk` on a connection of its own (with the
    /// casusnummer), then `na` on the plan screen and a pure re-read of the casus.
    fn plan_schrijf<T: Send + 'static>(
        &mut self,
        werk: impl FnOnce(&mut Store, &str) -> crate::store::Resultaat<T> + Send + 'static,
        na: impl FnOnce(&mut plan::State, T) + Send + 'static,
    ) -> Task<Message> {
        let Some(d) = &mut self.detail else { return Task::none() };
        if d.is_bezig() && !self.verlaten {
            d.plan.toon_fout(NOG_BEZIG.into());
            return Task::none();
        }
        d.begin_opslaan();
        let n = d.nummer().to_string();
        let nummer = n.clone();
        self.schrijf_en(
            move |s| werk(s, &n),
            move |h, r| {
                let Some(d) = h.detail.as_mut().filter(|d| d.nummer() == nummer) else {
                    // The casus was closed meanwhile: an error still shows.
                    if let Err(e) = r {
                        h.banner = Some(e);
                    }
                    return Task::none();
                };
                d.opslaan_klaar();
                match r {
                    Ok(t) => {
                        na(&mut d.plan, t);
                        h.ververs_detail()
                    }
                    Err(e) => {
                        d.plan.toon_fout(e);
                        Task::none()
                    }
                }
            },
        )
    }

    fn view(&self) -> Element<'_, Message> {
        let mut zij = column![text("Schakel").size(22).color(iced::Color::WHITE), space().height(12)]
            .spacing(4)
            .padding(12)
            .width(200);
        for &p in Pagina::ALLE {
            let label = match p {
                Pagina::Adviesvragen => format!("{} ({})", p.label(), self.schermen.advies.aantal()),
                _ => p.label().to_string(),
            };
            zij = zij.push(
                button(text(label).size(15)).on_press(Message::Navigeer(p)).width(Fill).style(if p == self.pagina {
                    Knop::NavigatieActief.stijl()
                } else {
                    Knop::Navigatie.stijl()
                }),
            );
        }
        zij = zij.push(space::vertical()).push(
            text(format!("{}\nCtrl+K zoeken · Ctrl+L vergrendelen", self.gebruiker))
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
        let mut balk = row![zoek].spacing(16).padding([8, 16]);
        // The page's own request: a write of this screen, or a casus being opened.
        if self.opent.is_some() && self.pagina == Pagina::Casussen {
            balk = balk.push(text(BEZIG_OPENEN).size(14).style(theme::gedempt));
        } else if self.bezig.contains(&self.pagina) {
            balk = balk.push(text(detail::BEZIG).size(14).style(theme::gedempt));
        }
        // A job's bar takes the room right of that, at most 460 px; its label is never
        // squeezed (a 1024 px window cut it off when a spacer shared the room).
        balk = match &self.taak {
            Some(l) => balk.push(
                container(container(voortgang(l)).max_width(460))
                    .width(Fill)
                    .align_x(iced::Right)
                    .height(28)
                    .align_y(iced::Center),
            ),
            None => balk.push(space::horizontal()),
        };
        let bovenbalk = container(balk).width(Fill);

        let inhoud: Element<'_, Message> = match (self.scherm_view(), &self.detail) {
            (Some(v), _) => v,
            (None, Some(d)) => d.view().map(Message::Detail),
            (None, None) => self.board.view().map(Message::Board),
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
        self.banner_erbij(format!(
            "Uw herstelsleutel: {} — schrijf hem op en bewaar hem apart van deze laptop; hij wordt maar één keer \
             getoond. Op de Privacypagina slaat u hem op als PDF om af te drukken.",
            getoond.as_str()
        ));
        self.schermen.privacy.toon_herstelsleutel(getoond);
    }
}

impl Hoofd {
    /// Reload the meeting list and the choices; keeps the selected meeting (the newest
    /// opens when none is selected yet).
    fn ververs_overleggen(&self) -> Task<Message> {
        self.lees_en(
            |s| {
                Ok((
                    s.overleggen()?,
                    s.alle_contacten()?,
                    s.casus_lijst(&CasusFilter::default())?,
                    s.partners()?,
                    s.overlegsoorten()?,
                ))
            },
            |h, r| {
                match r {
                    Ok((o, c, k, p, soorten)) => {
                        h.schermen.overleggen.vervang(o, c, k, p);
                        h.schermen.overleggen.zet_soorten(soorten);
                    }
                    Err(e) => h.schermen.overleggen.toon_fout(e),
                }
                let id =
                    h.schermen.overleggen.gekozen_id().map(str::to_string).or_else(|| h.schermen.overleggen.eerste());
                match id {
                    Some(id) => h.laad_overleg(&id),
                    None => Task::none(),
                }
            },
        )
    }

    /// Read one meeting with its invitees, agenda, warnings, corrections and actions.
    fn laad_overleg(&self, id: &str) -> Task<Message> {
        let id = id.to_string();
        self.lees_en(
            move |s| {
                Ok(overleggen::Gekozen {
                    overleg: s.overleg(&id)?,
                    genodigden: s.genodigden(&id)?,
                    agenda: s.agenda(&id)?,
                    waarschuwingen: s.convenant_waarschuwingen(&id)?,
                    correcties: s.verslagcorrecties(&id)?,
                    acties: overleggen::acties_per_punt(s.besloten_acties(&id)?),
                })
            },
            |h, r| {
                match r {
                    Ok(g) => h.schermen.overleggen.zet_gekozen(g),
                    Err(e) => h.schermen.overleggen.toon_fout(e),
                }
                Task::none()
            },
        )
    }

    fn overleggen_bericht(&mut self, m: overleggen::Message) -> Task<Message> {
        let (task, event) = self.schermen.overleggen.update(m);
        let task = task.map(Message::Overleggen);
        match event {
            Some(e) => Task::batch([task, self.overleg_event(e)]),
            None => task,
        }
    }

    /// Carry out what the meetings screen asks, off the event loop; the outcome is shown on
    /// that screen, which says "Bezig met opslaan…" meanwhile.
    fn overleg_event(&mut self, e: overleggen::Event) -> Task<Message> {
        use overleggen::Event as E;
        let gekozen = self.schermen.overleggen.gekozen_id().map(str::to_string);
        // Minutes typed but not saved count: they go in first (same ordering lock).
        let eerst = |h: &mut Hoofd| match h.schermen.overleggen.openstaand() {
            Some(ev) => h.overleg_event(ev),
            None => Task::none(),
        };
        let (werk, na): (OverlegWerk, OverlegNa) = match e {
            E::Kies(id) => {
                let opslaan = eerst(self);
                return Task::batch([opslaan, self.laad_overleg(&id)]);
            }
            E::Plannen(o) => {
                return self.scherm_schrijf(
                    Pagina::Overleggen,
                    move |s| s.overleg_plannen(o),
                    |h, r| match r {
                        Ok(id) => {
                            h.schermen.overleggen.overleg_gepland();
                            h.schermen.overleggen.toon_melding(
                                "Overleg gepland. Nodig nu de deelnemers uit en zet casussen op de agenda.".into(),
                            );
                            Task::batch([h.ververs_overleggen(), h.laad_overleg(&id)])
                        }
                        Err(e) => {
                            h.schermen.overleggen.toon_fout(e);
                            Task::none()
                        }
                    },
                );
            }
            E::Uitnodigen(o, c) => (Box::new(move |s| s.genodigde_toevoegen(&o, &c).map(|_| ())), Box::new(|_| {})),
            E::Agenderen(o, n, d) => {
                (Box::new(move |s| s.agendapunt_toevoegen(&o, &n, d).map(|_| ())), Box::new(|_| {}))
            }
            E::AlgemeenPunt(o, t, d) => {
                (Box::new(move |s| s.agendapunt_algemeen(&o, &t, d).map(|_| ())), Box::new(|_| {}))
            }
            E::Verplaats(a, omhoog) => (Box::new(move |s| s.agendapunt_verplaats(&a, omhoog)), Box::new(|_| {})),
            E::Duur(a, d) => (Box::new(move |s| s.agendapunt_duur(&a, d)), Box::new(|_| {})),
            E::Verwijder(a) => (Box::new(move |s| s.agendapunt_verwijderen(&a)), Box::new(|_| {})),
            E::Aanwezig(g, b) => (Box::new(move |s| s.aanwezigheid(&g, b)), Box::new(|_| {})),
            E::Bob(punten) => (Box::new(move |s| bob_schrijven(s, &punten)), Box::new(|o| o.verslag_opgeslagen())),
            E::ContactenNodig(p) => {
                return self.lees_en(
                    move |s| s.contacten(&p),
                    |h, r| {
                        match r {
                            Ok(c) => h
                                .schermen
                                .overleggen
                                .zet_partner_contacten(c.into_iter().map(|c| Keuze::new(&c.id, &c.naam)).collect()),
                            Err(e) => h.schermen.overleggen.toon_fout(e),
                        }
                        Task::none()
                    },
                );
            }
            E::Actie(punt, actie) => {
                let Some(id) = gekozen.clone() else { return Task::none() };
                let overleg = id.clone();
                return self.scherm_schrijf(
                    Pagina::Overleggen,
                    move |s| {
                        let nummer = s
                            .agenda(&overleg)?
                            .into_iter()
                            .find(|a| a.id == punt)
                            .map(|a| a.casusnummer)
                            .unwrap_or_default();
                        let r = s.besluit_naar_actie(&punt, actie)?;
                        Ok((nummer, r.partner_zonder_convenant))
                    },
                    move |h, r| {
                        h.overleg_klaar(
                            r.map(|(nummer, zonder)| {
                                Box::new(move |o: &mut overleggen::State| o.actie_opgeslagen(&nummer, zonder))
                                    as OverlegNa
                            }),
                            Some(id),
                        )
                    },
                );
            }
            E::SluitControle(o) => {
                // Minutes typed but not saved count: they go in before the check, in one request.
                let punten = self.open_bob();
                return self.scherm_schrijf(
                    Pagina::Overleggen,
                    move |s| {
                        bob_schrijven(s, &punten)?;
                        Ok((!punten.is_empty(), s.overleg_sluiten_controle(&o)?))
                    },
                    |h, r| {
                        match r {
                            Ok((bob, c)) => {
                                if bob {
                                    h.schermen.overleggen.verslag_opgeslagen();
                                }
                                h.schermen.overleggen.vraag_sluiten(&c);
                            }
                            Err(e) => h.schermen.overleggen.toon_fout(e),
                        }
                        Task::none()
                    },
                );
            }
            E::Sluiten(o) => {
                // Minutes typed but not saved go in before the meeting closes.
                let punten = self.open_bob();
                (
                    Box::new(move |s| {
                        bob_schrijven(s, &punten)?;
                        s.overleg_sluiten(&o)
                    }),
                    Box::new(|o| o.toon_melding("Overleg gesloten; het verslag is nu alleen te lezen.".into())),
                )
            }
            E::Weging(a, u) => (
                Box::new(move |s| s.agendapunt_weging(&a, u)),
                Box::new(move |o| {
                    o.toon_melding(format!("Uitkomst van de weging vastgelegd: {}.", u.label().to_lowercase()))
                }),
            ),
            E::VolgendeDatum(o, d) => (
                Box::new(move |s| s.overleg_volgende_datum(&o, d)),
                Box::new(move |o| {
                    o.toon_melding(match d {
                        Some(d) => format!("Volgend overleg: {}.", d.format("%d-%m-%Y")),
                        None => "Volgend overleg: nog niet gepland.".into(),
                    })
                }),
            ),
            E::Corrigeer(a, t) => {
                let punt = a.clone();
                (
                    Box::new(move |s| s.verslag_corrigeren(&a, &t).map(|_| ())),
                    Box::new(move |o| o.correctie_opgeslagen(&punt)),
                )
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
                let opslaan = self.bewaar_openstaand();
                return Task::batch([opslaan, self.open_casus(&n)]);
            }
        };
        self.scherm_schrijf(Pagina::Overleggen, werk, move |h, r| h.overleg_klaar(r.map(|()| na), gekozen))
    }

    /// The minutes typed and not saved yet (beeld, oordeel, besluit per agendapunt).
    fn open_bob(&self) -> Vec<(String, String, String, String)> {
        match self.schermen.overleggen.openstaand() {
            Some(overleggen::Event::Bob(p)) => p,
            _ => Vec::new(),
        }
    }

    /// A meeting write came back: on success `na` on the screen and a re-read of the list
    /// and the selected meeting; an error on the screen.
    fn overleg_klaar(&mut self, r: Result<OverlegNa, String>, gekozen: Option<String>) -> Task<Message> {
        match r {
            Ok(na) => {
                na(&mut self.schermen.overleggen);
                let mut taken = vec![self.ververs_overleggen()];
                if let Some(id) = gekozen {
                    taken.push(self.laad_overleg(&id));
                }
                Task::batch(taken)
            }
            Err(e) => {
                self.schermen.overleggen.toon_fout(e);
                Task::none()
            }
        }
    }

    /// "Verslag casusoverleg 12-05-2026.pdf" (from the meeting the screen shows).
    fn overleg_bestandsnaam(&self, stuk: overleggen::Stuk, overleg: &str) -> String {
        overleggen::bestandsnaam(stuk, self.schermen.overleggen.gekozen_overleg().filter(|o| o.id == overleg))
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

    /// Carry out what the adviesvragen screen asks: its reads and writes run off the event
    /// loop and come back as the screen's own past-tense messages.
    fn advies_event(&mut self, e: advies::Event) -> Task<Message> {
        let terug = |m| Message::Adviesvragen(m);
        match e {
            advies::Event::Laad(f) => {
                self.lees(move |s| advies_gegevens(s, &f).map(Box::new), move |r| terug(advies::Message::Geladen(r)))
            }
            advies::Event::Nieuw(n) => {
                self.schrijf(move |s| s.advies_toevoegen(n), move |r| terug(advies::Message::Opgeslagen(r)))
            }
            advies::Event::Wijzig(id, w) => self
                .schrijf(move |s| s.advies_wijzig(&id, &w).map(|_| id), move |r| terug(advies::Message::Opgeslagen(r))),
            advies::Event::Omzet(id, werknaam) => self.schrijf(
                move |s| s.advies_omzetten(&id, Some(&werknaam)).map(|n| n.to_string()),
                move |r| terug(advies::Message::Omgezet(r)),
            ),
            advies::Event::Verwijder(id, reden) => {
                self.schrijf(move |s| s.advies_verwijder(&id, &reden), move |r| terug(advies::Message::Verwijderd(r)))
            }
            advies::Event::OpenCasus(n) => {
                self.pagina = Pagina::Casussen;
                self.open_casus(&n)
            }
        }
    }

    /// Opening the figures page computes the figures of the chosen period.
    fn open_kengetallen(&mut self) -> Task<Message> {
        self.scherm_bericht(Message::Kengetallen(kengetallen::Message::Berekenen))
            .map(|(t, _)| t)
            .unwrap_or_else(|_| Task::none())
    }

    /// Carry out what the figures screen asks.
    fn kengetallen_event(&mut self, e: kengetallen::Event) -> Task<Message> {
        match e {
            kengetallen::Event::Bereken(van, tot) => {
                if let Some(l) = self.taak {
                    self.schermen.kengetallen.toon_fout(format!(
                        "De kengetallen worden berekend als ‘{}’ klaar is; kies dan opnieuw Berekenen.",
                        l.soort.label()
                    ));
                    return Task::none();
                }
                self.start_taak(Taaksoort::Kengetallen, move |s| {
                    Uitkomst::Kengetallen(s.kengetallen(van, tot).map(Box::new).map_err(|e| fout(&e)))
                })
            }
            kengetallen::Event::Exporteer(k) => {
                let naam =
                    format!("Kengetallen {} tot en met {}.csv", k.van.format("%d-%m-%Y"), k.tot.format("%d-%m-%Y"));
                Task::perform(
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
                )
            }
        }
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

/// Everything the adviesvragen screen shows for `filter` (read off the event loop).
fn advies_gegevens(s: &Store, filter: &crate::store::AdviesFilter) -> crate::store::Resultaat<advies::Gegevens> {
    let partners = s.alle_partners()?;
    let mut contacten = Vec::new();
    for p in &partners {
        contacten.extend(s.contacten_met_archief(&p.id)?);
    }
    Ok(advies::Gegevens {
        lijst: s.adviesvragen(filter)?,
        aantal: s.aantal_adviesvragen()?,
        themas: s.themas()?,
        gemeenten: s.gemeenten()?,
        partners,
        contacten,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A job that replaces the database file waits until every short write in flight has
    /// ended (`wacht_tot_stil`), so none lands in the old file after the swap; a write
    /// whose task is dropped unrun stops counting.
    #[test]
    fn een_wissel_wacht_op_de_korte_schrijfacties_die_lopen() {
        let onderweg = Arc::new(Onderweg::default());
        let volgorde = Arc::new(Mutex::new(Vec::new()));
        let beurt = onderweg.begin();
        assert!(onderweg.bezig());
        let (o, v) = (Arc::clone(&onderweg), Arc::clone(&volgorde));
        let wissel = std::thread::spawn(move || {
            o.wacht_tot_stil();
            v.lock().map(|mut v| v.push("wissel")).ok();
        });
        volgorde.lock().map(|mut v| v.push("geschreven")).ok();
        drop(beurt);
        wissel.join().ok();
        assert_eq!(*volgorde.lock().unwrap_or_else(|e| e.into_inner()), vec!["geschreven", "wissel"]);
        assert!(!onderweg.bezig());

        // Dropped without running (a task the runtime never started): not in flight.
        drop(onderweg.begin());
        assert!(!onderweg.bezig());
        onderweg.wacht_tot_stil();
    }
}

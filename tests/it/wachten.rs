//! The window never waits: long jobs run off the event loop, in iced_test's emulator (which
//! runs Tasks and subscriptions with the app's own tokio executor, as the window does).
//! Each flow starts a job, sees its progress bar, keeps using the board while it runs, and
//! sees the banner at its end. Ordering is deterministic: a job's result reaches `update`
//! only when the test performs the emulator's actions.

use crate::hulp;
use crate::ui::init_backend;
use iced_test::emulator::{self, Emulator};
use iced_test::futures::futures::channel::mpsc;
use iced_test::selector::Candidate;
use schakel::store::Gegevensmap;
use schakel::ui::screen::{privacy, synchronisatie};
use schakel::ui::{App, Message, Pagina};
use std::sync::Mutex;

/// The real application (update, view, subscriptions, the window's tokio executor) around
/// an already unlocked `App`.
struct Schakelvenster {
    app: Mutex<Option<App>>,
}

impl iced_test::program::Program for Schakelvenster {
    type State = App;
    type Message = Message;
    type Theme = iced::Theme;
    type Renderer = iced::Renderer;
    type Executor = iced::executor::Default;

    fn name() -> &'static str {
        "schakel"
    }

    fn settings(&self) -> iced::Settings {
        iced::Settings::default()
    }

    fn window(&self) -> Option<iced::window::Settings> {
        None
    }

    fn boot(&self) -> (App, iced::Task<Message>) {
        (self.app.lock().unwrap().take().expect("booted once"), iced::Task::none())
    }

    fn update(&self, app: &mut App, m: Message) -> iced::Task<Message> {
        app.update(m)
    }

    fn view<'a>(&self, app: &'a App, _: iced::window::Id) -> iced::Element<'a, Message> {
        app.view()
    }

    fn subscription(&self, app: &App) -> iced::Subscription<Message> {
        app.subscription()
    }
}

fn programma(app: App) -> Schakelvenster {
    Schakelvenster { app: Mutex::new(Some(app)) }
}

struct Venster<P: iced_test::program::Program<Message = Message> + 'static> {
    programma: P,
    emulator: Emulator<P>,
    gebeurtenissen: mpsc::Receiver<emulator::Event<P>>,
}

impl<P: iced_test::program::Program<Message = Message, Theme = iced::Theme, Renderer = iced::Renderer> + 'static>
    Venster<P>
{
    fn new(programma: P) -> Self {
        init_backend();
        let (zender, gebeurtenissen) = mpsc::channel(1000);
        let emulator = Emulator::new(zender, &programma, emulator::Mode::Immediate, iced::Size::new(1360.0, 2400.0));
        Venster { programma, emulator, gebeurtenissen }
    }

    /// Hand a message to `update`; its tasks start, their results wait in the queue.
    fn stuur(&mut self, m: Message) {
        self.emulator.update(&self.programma, m);
    }

    /// Every text on screen.
    fn teksten(&self) -> Vec<String> {
        let mut ui = iced_test::Simulator::with_size(
            iced::Settings::default(),
            (1360.0, 2400.0),
            self.emulator.view(&self.programma),
        );
        let mut uit = Vec::new();
        let _ = ui.find(|c: Candidate<'_>| {
            if let Candidate::Text { content, .. } = c {
                uit.push(content.to_string());
            }
            None::<()>
        });
        uit
    }

    fn toont(&self, deel: &str) -> bool {
        self.teksten().iter().any(|t| t.contains(deel))
    }

    fn verwacht(&self, deel: &str) {
        assert!(self.toont(deel), "screen does not show {deel:?}: {:?}", self.teksten());
    }

    /// Perform the emulator's actions until the screen no longer shows `deel` (bounded
    /// like [`Venster::tot`]).
    fn tot_weg(&mut self, deel: &str) {
        let grens = std::time::Instant::now() + std::time::Duration::from_secs(120);
        while self.toont(deel) {
            match self.gebeurtenissen.try_recv() {
                Ok(emulator::Event::Action(a)) => self.emulator.perform(&self.programma, a),
                Ok(_) => {}
                Err(mpsc::TryRecvError::Closed) => panic!("emulator stopped while the screen showed {deel:?}"),
                Err(mpsc::TryRecvError::Empty) => {
                    assert!(std::time::Instant::now() < grens, "the screen kept showing {deel:?}");
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
            }
        }
    }

    /// Perform the emulator's actions (task results, subscription ticks) until the screen
    /// shows `deel`. Bounded by a generous limit only so that a broken job fails the test
    /// instead of hanging it; nothing is asserted about time.
    fn tot(&mut self, deel: &str) {
        let grens = std::time::Instant::now() + std::time::Duration::from_secs(120);
        while !self.toont(deel) {
            match self.gebeurtenissen.try_recv() {
                Ok(emulator::Event::Action(a)) => self.emulator.perform(&self.programma, a),
                Ok(_) => {}
                Err(mpsc::TryRecvError::Closed) => panic!("emulator stopped before the screen showed {deel:?}"),
                Err(mpsc::TryRecvError::Empty) => {
                    assert!(std::time::Instant::now() < grens, "the screen never showed {deel:?}");
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
            }
        }
    }
}

/// A backup runs while the user browses the board; a second backup and locking wait for it.
#[test]
fn backup_loopt_terwijl_het_bord_bruikbaar_blijft() {
    let (dir, map, mut s) = hulp::store();
    hulp::casus(&mut s, "Bord Tijdens Backup");
    let backup = dir.path().join("tijdens.schakelbackup");
    let mut v = Venster::new(programma(App::met_store(map.clone(), s)));

    v.stuur(Message::Navigeer(Pagina::Privacy));
    v.stuur(Message::Privacy(privacy::Message::Gekozen(privacy::Bestand::Backup, Some(backup.clone()))));
    v.stuur(Message::Privacy(privacy::Message::BackupWachtwoord("backup-tijdens-bord".into())));
    v.stuur(Message::Privacy(privacy::Message::BackupHerhaal("backup-tijdens-bord".into())));
    v.stuur(Message::Privacy(privacy::Message::BackupMaken));
    // The job runs: its progress bar and label are shown, and the window is not locked up.
    v.verwacht("Back-up maken… (");

    // A second start is refused while it runs.
    v.stuur(Message::Privacy(privacy::Message::BackupMaken));
    v.verwacht("Back-up maken kan pas als ‘Back-up maken’ klaar is");

    // The board is read and used meanwhile, on the window's own connection.
    v.stuur(Message::Navigeer(Pagina::Casussen));
    v.verwacht("Bord Tijdens Backup");
    v.verwacht("Back-up maken… (");
    // A search starts meanwhile (its own busy state; its result is shown in
    // `zoeken_toont_bezig_en_dan_de_treffers`, here the backup's end might come first).
    v.stuur(Message::Zoek("Tijdens".into()));
    v.verwacht("Zoeken…");

    // Locking waits for the job and says so.
    v.stuur(Message::Vergrendel);
    v.verwacht("Schakel vergrendelt zodra ‘Back-up maken’ klaar is");

    // The end: the window locks (as asked) and the backup is whole.
    v.tot("Vergrendeld. Vul uw wachtwoord in om verder te werken.");
    let bytes = std::fs::read(&backup).expect("backup written");
    schakel::store::backup_controleer(&bytes, "backup-tijdens-bord").expect("a valid backup");
}

/// The global search runs off the event loop: while it runs the field says "Zoeken…",
/// then the hits replace it; a newer keystroke makes an older result stale.
#[test]
fn zoeken_toont_bezig_en_dan_de_treffers() {
    let (_dir, map, mut s) = hulp::store();
    hulp::casus(&mut s, "Zoekende Zwaluw");
    hulp::casus(&mut s, "Andere Ekster");
    let mut v = Venster::new(programma(App::met_store(map, s)));
    v.stuur(Message::Zoek("Ekster".into()));
    v.stuur(Message::Zoek("Zwaluw".into()));
    v.verwacht("Zoeken…");
    assert!(!v.toont("Zoekende Zwaluw (Aanmelding)"), "no hits before the search has returned");
    v.tot("— Zoekende Zwaluw (Aanmelding)");
    assert!(!v.toont("Zoeken…"), "the busy label goes with the result");
    assert!(!v.toont("— Andere Ekster (Aanmelding)"), "the stale search's hits are dropped");
}

/// A backup that is not interrupted ends in the banner on the board the user went to.
#[test]
fn backup_eindigt_in_een_banner() {
    let (dir, map, s) = hulp::store();
    let backup = dir.path().join("banner.schakelbackup");
    let mut v = Venster::new(programma(App::met_store(map, s)));
    v.stuur(Message::Navigeer(Pagina::Privacy));
    v.stuur(Message::Privacy(privacy::Message::Gekozen(privacy::Bestand::Backup, Some(backup.clone()))));
    v.stuur(Message::Privacy(privacy::Message::BackupWachtwoord("backup-met-banner".into())));
    v.stuur(Message::Privacy(privacy::Message::BackupHerhaal("backup-met-banner".into())));
    v.stuur(Message::Privacy(privacy::Message::BackupMaken));
    v.verwacht("Back-up maken… (");
    v.stuur(Message::Navigeer(Pagina::Casussen));
    v.tot("Back-up maken is klaar. Back-up opgeslagen in");
    assert!(!v.toont("Back-up maken… ("), "the progress bar goes when the job ends");
    assert!(backup.exists());
}

/// A bundle is read as a job: progress, the board meanwhile, then the banner and the new casus.
#[test]
fn bundel_inlezen_met_voortgang_en_banner() {
    use schakel::store::NieuweCasus;
    use schakel::sync;
    let (dir, map, mut b) = hulp::store();
    let mut a = crate::sync::replica("Anouk Aalders", "procesregisseur");
    hulp::casus(&mut b, "Eigen Casus Bram");
    let ka = sync::lees_visitekaartje(&sync::visitekaartje(&mut a.store, "").unwrap()).unwrap();
    let kb = sync::lees_visitekaartje(&sync::visitekaartje(&mut b, "").unwrap()).unwrap();
    b.collega_toevoegen(&ka).unwrap();
    b.collega_bevestigen(&ka.apparaat).unwrap();
    a.store.collega_toevoegen(&kb).unwrap();
    a.store.collega_bevestigen(&kb.apparaat).unwrap();
    a.store
        .nieuwe_casus(NieuweCasus { werknaam: "Via De Bundel".into(), thema: "nazorg".into(), ..Default::default() })
        .unwrap();
    let pad = dir.path().join("van-anouk.schakel");
    std::fs::write(&pad, crate::sync::bundel(&mut a, &kb.apparaat)).unwrap();

    let mut v = Venster::new(programma(App::met_store(map, b)));
    v.stuur(Message::Navigeer(Pagina::Synchronisatie));
    v.stuur(Message::Synchronisatie(synchronisatie::Message::Gekozen(
        synchronisatie::Bestand::BundelIn,
        Some(pad.clone()),
    )));
    v.verwacht("Bundel inlezen… (");
    v.stuur(Message::Navigeer(Pagina::Casussen));
    v.verwacht("Eigen Casus Bram");
    v.verwacht("Bundel inlezen… (");
    v.tot("Bundel inlezen is klaar. Bundel van Anouk Aalders ingelezen");
    // The board reloads (a read off the event loop) with the case from the bundle.
    v.tot("Via De Bundel");
}

/// Restore takes the database: the window shows only its progress, then goes on on the
/// restored data.
#[test]
fn terugzetten_toont_alleen_de_voortgang_en_gaat_verder_op_de_teruggezette_data() {
    let dir = tempfile::tempdir().unwrap();
    let map = Gegevensmap::new(dir.path().join("data"));
    // Passphrase mode: the keychain is not there headless.
    let keuze = schakel::store::Sleutelkeuze::Wachtwoord(zeroize::Zeroizing::new(hulp::WACHTWOORD.into()));
    let (mut s, _) = schakel::store::initialiseer(&map, &keuze, &hulp::gebruiker()).unwrap();
    hulp::casus(&mut s, "In De Backup");
    let backup = dir.path().join("terug.schakelbackup");
    s.backup_maak(&backup, "terugzet-wachtwoord").unwrap();
    hulp::casus(&mut s, "Na De Backup");
    let mut v = Venster::new(programma(App::met_store(map.clone(), s)));
    v.stuur(Message::Navigeer(Pagina::Privacy));
    v.stuur(Message::Privacy(privacy::Message::Gekozen(privacy::Bestand::Herstel, Some(backup))));
    v.stuur(Message::Privacy(privacy::Message::HerstelWachtwoord("terugzet-wachtwoord".into())));
    v.stuur(Message::Privacy(privacy::Message::HerstelNieuwWachtwoord("na-het-terugzetten".into())));
    v.stuur(Message::Privacy(privacy::Message::Herstellen));
    v.stuur(Message::Privacy(privacy::Message::Ja));
    v.verwacht("Even geduld: de database wordt vervangen.");
    // Nothing else can be done meanwhile: navigation is ignored.
    v.stuur(Message::Navigeer(Pagina::Casussen));
    assert!(!v.toont("Na De Backup"), "the board must not show while the database is replaced");
    v.tot("Back-up terugzetten is klaar.");
    v.stuur(Message::Navigeer(Pagina::Casussen));
    // The board is re-read off the event loop: the restored data replaces it.
    v.tot_weg("Na De Backup");
    v.verwacht("In De Backup");
}

/// A data dir whose key is under the passphrase `hulp::WACHTWOORD` (so unlocking really
/// asks), with one casus.
fn kluis_met_casus(werknaam: &str) -> (tempfile::TempDir, Gegevensmap, String) {
    let (dir, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, werknaam);
    drop(s);
    let b = schakel::store::sleutel::SleutelBestand::wachtwoord("t", &hulp::sleutel(), hulp::WACHTWOORD).unwrap();
    b.schrijf(map.pad()).unwrap();
    (dir, map, n)
}

/// Right after unlocking the window is open on the board at once and says "Bezig met
/// laden…": the first board and the lists are read off the event loop. Then the cards come.
#[test]
fn na_ontgrendelen_eerst_bezig_met_laden_dan_de_kaarten() {
    use crate::ui::{toont, verwacht, voer_uit};
    use schakel::ui::screen::board;
    let (_dir, map, _) = kluis_met_casus("Vroege Vlinder");
    let (mut app, _) = App::opstarten(map.clone());
    assert!(!app.is_ontgrendeld());
    let binnen = app.update(Message::Ontgrendeld(App::probeer_ontgrendelen(&map, Some(hulp::WACHTWOORD))));
    assert!(app.is_ontgrendeld(), "the window opens before the first read is back");
    verwacht(&app, board::BEZIG_LADEN);
    assert!(!toont(&app, "Vroege Vlinder"), "no cards before the read is back");
    voer_uit(&mut app, binnen);
    verwacht(&app, "Vroege Vlinder");
    verwacht(&app, "1 van 1 casus");
    assert!(!toont(&app, board::BEZIG_LADEN), "the busy line goes with the cards");
}

/// What an input shows (its value, or its placeholder when empty).
fn invoer(app: &App, id: &'static str) -> String {
    crate::ui::init_backend();
    let mut ui = crate::ui::simulator(app.view());
    match ui.find(iced_test::selector::id(id)) {
        Ok(iced_test::selector::Target::TextInput { content, .. }) => content,
        _ => panic!("no input {id}"),
    }
}

/// What the user types on another page before the startup read is back stays: the read
/// fills the screens that were not touched and merges its data into the others.
#[test]
fn invoer_van_voor_de_beginlezing_blijft_staan() {
    use crate::ui::{typ, verwacht, voer_uit};
    let (_dir, map, _) = kluis_met_casus("Geduldige Gaai");
    let (mut app, _) = App::opstarten(map.clone());
    let binnen = app.update(Message::Ontgrendeld(App::probeer_ontgrendelen(&map, Some(hulp::WACHTWOORD))));
    // The partners page opens at once (its own read is left out here); the user types.
    let _ = app.update(Message::Navigeer(Pagina::Partners));
    typ(&mut app, "partner-nieuw", "Stichting Zeldzame Zwaan");
    assert_eq!(invoer(&app, "partner-nieuw"), "Stichting Zeldzame Zwaan");
    voer_uit(&mut app, binnen);
    assert_eq!(invoer(&app, "partner-nieuw"), "Stichting Zeldzame Zwaan", "the startup read kept what was typed");
    let _ = app.update(Message::Navigeer(Pagina::Casussen));
    verwacht(&app, "Geduldige Gaai");
}

/// A screen touched before the startup read is back keeps what was typed and still gets
/// the read's data (the settings page: its lists).
#[test]
fn een_aangeraakt_scherm_krijgt_de_lijsten_van_de_beginlezing() {
    use crate::ui::{toont, typ, verwacht, voer_uit};
    let (_dir, map, _) = kluis_met_casus("Lezende Lijster");
    let (mut app, _) = App::opstarten(map.clone());
    let binnen = app.update(Message::Ontgrendeld(App::probeer_ontgrendelen(&map, Some(hulp::WACHTWOORD))));
    let _ = app.update(Message::Navigeer(Pagina::Instellingen));
    typ(&mut app, "nieuwe-medewerker", "Wendela Verzonnen");
    assert!(!toont(&app, "Levensloopaanpak"), "no lists before the read is back");
    voer_uit(&mut app, binnen);
    assert_eq!(invoer(&app, "nieuwe-medewerker"), "Wendela Verzonnen", "the startup read kept what was typed");
    verwacht(&app, "Levensloopaanpak");
}

/// Locking while the startup read is out: nothing was edited, so the window locks at once
/// without "Wijzigingen worden opgeslagen…"; the read's late result is dropped, also when
/// the window was unlocked again meanwhile (the new read fills it).
#[test]
fn vergrendelen_tijdens_de_beginlezing_wacht_niet() {
    use crate::ui::{toont, verwacht, voer_uit};
    use schakel::ui::screen::board;
    let (_dir, map, _) = kluis_met_casus("Haastige Havik");
    let (mut app, _) = App::opstarten(map.clone());
    let eerste = app.update(Message::Ontgrendeld(App::probeer_ontgrendelen(&map, Some(hulp::WACHTWOORD))));
    let _ = app.update(Message::Vergrendel);
    assert!(!toont(&app, schakel::ui::OPSLAAN_BIJ_VERLATEN), "no save is claimed: nothing was edited");
    assert!(!app.is_ontgrendeld(), "locked at once");
    verwacht(&app, "Vergrendeld. Vul uw wachtwoord in om verder te werken.");
    let tweede = app.update(Message::Ontgrendeld(App::probeer_ontgrendelen(&map, Some(hulp::WACHTWOORD))));
    voer_uit(&mut app, eerste);
    verwacht(&app, board::BEZIG_LADEN);
    assert!(!toont(&app, "Haastige Havik"), "the first read's result belongs to the locked window");
    voer_uit(&mut app, tweede);
    verwacht(&app, "Haastige Havik");
    assert!(!toont(&app, board::BEZIG_LADEN));
}

/// Typed text kept over a lock survives a second lock that comes before the startup read
/// is back: where that read was to start (the casus, its tab, the typed text) is kept.
#[test]
fn getypte_tekst_blijft_over_een_vergrendeling_tijdens_de_beginlezing() {
    use crate::ui::{stuur_en_wacht, typ, voer_uit};
    let (_dir, map, n) = kluis_met_casus("Vergeetachtige Vink");
    let mut app = App::met_store(map.clone(), schakel::store::Store::open(&map, &hulp::sleutel()).unwrap());
    stuur_en_wacht(&mut app, Message::OpenCasus(n));
    crate::ui::klik(&mut app, "Plan van aanpak");
    typ(&mut app, "nieuwe-actie", "Bijna vergeten actie");
    stuur_en_wacht(&mut app, Message::Vergrendel);
    assert!(!app.is_ontgrendeld());
    let _ = app.update(Message::Ontgrendeld(App::probeer_ontgrendelen(&map, Some(hulp::WACHTWOORD))));
    let _ = app.update(Message::Vergrendel);
    assert!(!app.is_ontgrendeld(), "locked at once, the startup read is dropped");
    let binnen = app.update(Message::Ontgrendeld(App::probeer_ontgrendelen(&map, Some(hulp::WACHTWOORD))));
    voer_uit(&mut app, binnen);
    assert_eq!(invoer(&app, "nieuwe-actie"), "Bijna vergeten actie", "the typed text was dropped by the lock");
}

/// A new database whose startup read fails: the herstelsleutel (shown once) and the
/// error are both in the banner.
#[test]
fn herstelsleutel_en_fout_van_de_beginlezing_staan_allebei_in_beeld() {
    use crate::ui::{schermtekst, toont, voer_uit};
    let dir = tempfile::tempdir().unwrap();
    let map = Gegevensmap::new(dir.path().join("data"));
    let (mut app, _) = App::opstarten(map.clone());
    let aanvraag = schakel::ui::screen::start::Aanvraag {
        naam: "Fenna Fictief".into(),
        rol: "procesregisseur".into(),
        zvh: "ZVH Verzonnen".into(),
        wachtwoord: Some(zeroize::Zeroizing::new(hulp::WACHTWOORD.into())),
        demo: false,
    };
    let nieuw = App::maak_aan(&map, &aanvraag);
    // The startup read opens its own connection: make the file unreadable for it.
    let kapot = dir.path().join("kapot");
    std::fs::write(&kapot, vec![7u8; 8192]).unwrap();
    std::fs::rename(&kapot, map.db_pad()).unwrap();
    let binnen = app.update(Message::Aangemaakt(nieuw));
    voer_uit(&mut app, binnen);
    assert!(toont(&app, "Uw herstelsleutel: "), "the herstelsleutel is shown: {}", schermtekst(&app));
    assert!(
        toont(&app, "het bestand is geen Schakel-database"),
        "the read's error stays visible: {}",
        schermtekst(&app)
    );
}

/// Open the aanmelding form of the open casus and change its werknaam (not saved yet).
fn wijzig_werknaam(app: &mut App, naam: &str) {
    use crate::ui::stuur_en_wacht;
    use schakel::ui::screen::detail::{self, AanmeldingVeld};
    stuur_en_wacht(app, Message::Detail(detail::Message::Wijzigen));
    for (veld, tekst) in
        [(AanmeldingVeld::Werknaam, naam), (AanmeldingVeld::Probleem, "Schulden"), (AanmeldingVeld::Vraag, "Regie")]
    {
        stuur_en_wacht(app, Message::Detail(detail::Message::WijzigVeld(veld, tekst.into())));
    }
}

fn werknaam(map: &Gegevensmap, n: &str) -> String {
    let s = schakel::store::Store::open(map, &hulp::sleutel()).unwrap();
    s.casus_detail_verversen(n).unwrap().regel.werknaam
}

/// An edit still open when the user goes to another page is saved as a task: the page
/// changes at once, nothing is written before the task runs, and then the value is stored.
#[test]
fn een_open_wijziging_wordt_bij_weggaan_opgeslagen_zonder_te_wachten() {
    use crate::ui::{stuur_en_wacht, toont, voer_uit};
    let (_dir, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Vertrekkende Vlier");
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    wijzig_werknaam(&mut app, "Blijvende Vlier");
    let weg = app.update(Message::Navigeer(Pagina::Partners));
    assert!(!toont(&app, "Aanmelding wijzigen"), "the page changes at once");
    assert!(toont(&app, "Partner toevoegen"), "the partners page shows at once");
    assert_eq!(werknaam(&map, &n), "Vertrekkende Vlier", "the save is a task, not done on the event loop");
    voer_uit(&mut app, weg);
    assert_eq!(werknaam(&map, &n), "Blijvende Vlier", "the open edit was saved");
}

/// Locking with an edit open: the save starts as a task, the window says "Wijzigingen
/// worden opgeslagen…" and locks when it has committed; after unlocking the value is in
/// the store and on the casus screen.
#[test]
fn vergrendelen_met_een_open_wijziging_slaat_die_eerst_op() {
    use crate::ui::{stuur_en_wacht, toont, verwacht, voer_uit};
    let (_dir, map, n) = kluis_met_casus("Slapende Spar");
    let mut app = App::met_store(map.clone(), schakel::store::Store::open(&map, &hulp::sleutel()).unwrap());
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    wijzig_werknaam(&mut app, "Wakkere Spar");
    let vergrendelen = app.update(Message::Vergrendel);
    assert!(app.is_ontgrendeld(), "no lock while the save is in flight");
    verwacht(&app, schakel::ui::OPSLAAN_BIJ_VERLATEN);
    voer_uit(&mut app, vergrendelen);
    assert!(!app.is_ontgrendeld(), "locked once the save has committed");
    assert_eq!(werknaam(&map, &n), "Wakkere Spar", "the open edit was saved before the lock");
    stuur_en_wacht(&mut app, Message::Ontgrendeld(App::probeer_ontgrendelen(&map, Some(hulp::WACHTWOORD))));
    assert!(app.is_ontgrendeld());
    verwacht(&app, "Wakkere Spar");
    assert!(!toont(&app, "Aanmelding wijzigen"), "the saved edit is not put back as an open form");
}

/// Closing with an edit open: the save starts as a task, the window stays and says
/// "Wijzigingen worden opgeslagen…", and the value is stored before it closes; asking
/// twice is harmless (the change is recorded once).
#[test]
fn sluiten_met_een_open_wijziging_slaat_die_eerst_op() {
    use crate::ui::{stuur_en_wacht, verwacht, voer_uit};
    let (_dir, map, mut s) = hulp::store();
    // Probleem and vraag as the form fills them in: only the werknaam changes.
    let n = s
        .nieuwe_casus(schakel::store::NieuweCasus {
            werknaam: "Sluimerende Spar".into(),
            thema: "nazorg".into(),
            probleem: "Schulden".into(),
            vraag: "Regie".into(),
            ..Default::default()
        })
        .unwrap()
        .to_string();
    let id = s.casus_detail_verversen(&n).unwrap().regel.id;
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    wijzig_werknaam(&mut app, "Ontwaakte Spar");
    let sluiten = app.update(Message::SluitenGevraagd(iced::window::Id::unique()));
    assert!(app.is_ontgrendeld(), "the window stays while the save is in flight");
    verwacht(&app, schakel::ui::OPSLAAN_BIJ_VERLATEN);
    assert_eq!(werknaam(&map, &n), "Sluimerende Spar", "the save is a task, not done on the event loop");
    let nog_eens = app.update(Message::SluitenGevraagd(iced::window::Id::unique()));
    voer_uit(&mut app, sluiten);
    voer_uit(&mut app, nog_eens);
    drop(app);
    assert_eq!(werknaam(&map, &n), "Ontwaakte Spar", "the open edit was saved before closing");
    let s = schakel::store::Store::open(&map, &hulp::sleutel()).unwrap();
    let wijzigingen = s.audit_casus(&id, 500).unwrap().iter().filter(|r| r.handeling == "wijzigen").count();
    assert_eq!(wijzigingen, 1, "the change is recorded once");
}

/// Functions of `src/ui/mod.rs` that may touch the window's own `Store`, with the reason.
/// Everything else reaches the database through `lees`/`schrijf` (off the event loop). An
/// exception that no longer touches the store fails too, so the list stays true.
const MAG_STORE: &[(&str, &str)] = &[
    ("lees", "takes a connection handle (`verbinding()`); the read runs in spawn_blocking"),
    ("schrijf_als", "takes a connection handle; the write runs in spawn_blocking"),
    ("start_taak", "a long job takes a connection handle; the job runs in spawn_blocking"),
    ("start_exclusief", "restore and key rotation take the window's store into the job (a closed placeholder stays)"),
    ("taak_afgerond", "the store comes back from restore or key rotation"),
    ("pdf_taak", "a PDF takes a connection handle; rendering runs in spawn_blocking"),
];

/// Functions of `src/ui/mod.rs` that may do file work (`fs::`, the key-source check
/// `sleutelbron(`) outside a closure, with the reason. Everywhere else file work sits in
/// a closure handed to a task (`spawn_blocking(move || ..)`, a `lees`/`schrijf` closure),
/// never on the event loop. An exception that no longer does file work fails too.
const MAG_FS: &[(&str, &str)] = &[
    (
        "opstarten",
        "boot, before the window handles its first event: whether the data dir and its key file exist decides \
         the first screen (a stat and a small file read)",
    ),
    ("lees", "`Beginlezing::lees` runs only inside the startup read's task"),
    ("herstel_aan", "runs only inside spawn_blocking (the first-start restore task)"),
];

/// Where a closure starts on a line (`move |`, `= |x|`, `(|x|`, `, |x|`), if one does.
fn sluiting_begin(code: &str) -> Option<usize> {
    ["move |", "= |", "(|", ", |"].iter().filter_map(|p| code.find(p)).min()
}

/// The code of a line without its string literals and brace char literals (so that
/// `format!("{}")` does not count as a block).
fn zonder_teksten(code: &str) -> String {
    let code = code.replace("'{'", "' '").replace("'}'", "' '");
    let mut uit = String::new();
    let mut in_tekst = false;
    let mut vorige_escape = false;
    for c in code.chars() {
        if in_tekst {
            if c == '"' && !vorige_escape {
                in_tekst = false;
                uit.push('"');
            }
            vorige_escape = c == '\\' && !vorige_escape;
            continue;
        }
        if c == '"' {
            in_tekst = true;
            vorige_escape = false;
        }
        uit.push(c);
    }
    uit
}

/// Does `code` use a local store named `store` on the spot: a method call (`store.x(..)`)
/// or a borrow handed to a helper (`&store`, `&mut store`)? Moving it (`binnen(store)`,
/// `self.store = store`) is not a use.
fn gebruikt_lokale_store(code: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    code.match_indices("store").any(|(i, _)| {
        let voor = code[..i].chars().next_back();
        let na = &code[i + "store".len()..];
        if voor.is_some_and(|c| ident(c) || c == '.' || c == ':') || na.chars().next().is_some_and(ident) {
            return false;
        }
        let voor_tekst = code[..i].trim_end();
        na.starts_with('.') || voor_tekst.ends_with('&') || voor_tekst.ends_with("&mut")
    })
}

/// No store call in a screen's `update` path: in `src/ui/mod.rs` the window's store
/// (`self.store`, `h.store`) and `Store::` functions appear only in the functions of
/// `MAG_STORE`; a method (a function of the root on the event loop) never uses a store it
/// holds under a local name (`store.x(..)`, `&store`, as `App::binnen` once read the first
/// board) outside a closure that a task hands that store to (`|store| ..`); the registry's
/// `begin:` states are built from the startup read, never from a store; and the screen
/// modules never name a `Store`. (The old code, with `self.store.thema_toevoegen(..)` in
/// `update` and the first board read in `binnen`, fails this.)
#[test]
fn geen_store_aanroep_in_update() {
    let wortel = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let bron = std::fs::read_to_string(wortel.join("mod.rs")).unwrap();
    let mut functie = String::new();
    let mut gebruikt = std::collections::BTreeSet::new();
    let mut fouten = Vec::new();
    // Is the current function a method (`self` in its signature)?
    let mut methode = false;
    let mut in_signatuur = false;
    // Brace depth, and the depth of a closure that was handed a store (`|store|`).
    let mut diepte: i64 = 0;
    let mut taaksluiting: Option<i64> = None;
    // Inside the `schermen!` table.
    let mut in_tabel = false;
    // Depth in braces and parentheses, and that of the closure being read (file work in
    // it runs where the closure is handed to).
    let mut haakjes: i64 = 0;
    let mut sluiting: Option<i64> = None;
    let mut fs_gebruikt = std::collections::BTreeSet::new();
    for (nr, regel) in bron.lines().enumerate() {
        let code = regel.split("//").next().unwrap_or("");
        if let Some(naam) = code
            .trim_start()
            .trim_start_matches("pub ")
            .strip_prefix("fn ")
            .map(|r| r.split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap_or(""))
        {
            functie = naam.to_string();
            methode = false;
            in_signatuur = true;
        }
        if in_signatuur {
            methode |= code.contains("self");
            in_signatuur = !(code.contains('{') || code.trim_end().ends_with(';'));
        }
        let kaal = zonder_teksten(code);
        if taaksluiting.is_none() && (kaal.contains("|store|") || kaal.contains("|mut store|")) {
            taaksluiting = Some(diepte);
        }
        let mag = MAG_STORE.iter().any(|(f, _)| *f == functie);
        let raakt = ["self.store", "h.store", "hoofd.store"].iter().any(|p| code.contains(p))
            || code.match_indices("Store::").any(|(i, _)| !code[i..].starts_with("Store::gesloten"));
        let lokaal = methode && taaksluiting.is_none() && gebruikt_lokale_store(&kaal);
        if raakt || lokaal {
            if mag {
                gebruikt.insert(functie.clone());
            } else {
                fouten.push(format!("src/ui/mod.rs:{} in fn {functie}: {}", nr + 1, regel.trim()));
            }
        }
        // File work outside a closure.
        let opener = sluiting_begin(&kaal);
        for (i, _) in kaal.match_indices("fs::").chain(kaal.match_indices("sleutelbron(")) {
            if sluiting.is_some() || opener.is_some_and(|o| o < i) {
                continue;
            }
            if MAG_FS.iter().any(|(f, _)| *f == functie) {
                fs_gebruikt.insert(functie.clone());
            } else {
                fouten.push(format!("src/ui/mod.rs:{} in fn {functie}: file work: {}", nr + 1, regel.trim()));
            }
        }
        let voor = haakjes;
        haakjes += (kaal.matches('{').count() + kaal.matches('(').count()) as i64
            - (kaal.matches('}').count() + kaal.matches(')').count()) as i64;
        if sluiting.is_none() && opener.is_some() && haakjes > voor {
            sluiting = Some(voor);
        } else if sluiting.is_some_and(|d| haakjes <= d) {
            sluiting = None;
        }
        if kaal.starts_with("schermen! {") {
            in_tabel = true;
        } else if in_tabel && kaal.starts_with('}') {
            in_tabel = false;
        }
        let tabel_store = in_tabel
            && (kaal.contains("Store") || kaal.split(|c: char| !c.is_alphanumeric() && c != '_').any(|w| w == "store"));
        let nieuw_met_store = kaal.contains("fn nieuw($") && kaal.contains("Store");
        if tabel_store || nieuw_met_store {
            fouten.push(format!("src/ui/mod.rs:{}: a screen's begin state from the store: {}", nr + 1, regel.trim()));
        }
        diepte += kaal.matches('{').count() as i64 - kaal.matches('}').count() as i64;
        if taaksluiting.is_some_and(|d| diepte <= d) {
            taaksluiting = None;
        }
    }
    assert!(fouten.is_empty(), "store calls or file work on the event loop (use lees/schrijf):\n{}", fouten.join("\n"));
    let verouderd: Vec<_> = MAG_STORE.iter().filter(|(f, _)| !gebruikt.contains(*f)).map(|(f, _)| *f).collect();
    assert!(verouderd.is_empty(), "stale exceptions in MAG_STORE: {verouderd:?}");
    let verouderd: Vec<_> = MAG_FS.iter().filter(|(f, _)| !fs_gebruikt.contains(*f)).map(|(f, _)| *f).collect();
    assert!(verouderd.is_empty(), "stale exceptions in MAG_FS: {verouderd:?}");

    for e in std::fs::read_dir(wortel.join("screen")).unwrap() {
        let pad = e.unwrap().path();
        let tekst = std::fs::read_to_string(&pad).unwrap();
        for (nr, regel) in tekst.lines().enumerate() {
            let code = regel.split("//").next().unwrap_or("");
            assert!(
                !code.contains("Store") && !code.contains(".store."),
                "{}:{}: a screen module names the store: {}",
                pad.display(),
                nr + 1,
                regel.trim()
            );
        }
    }
}

/// "Adding a screen touches at most three places outside its own module" (module doc of
/// `src/ui/mod.rs`, "What a new screen touches"): every screen of the `schermen!` table is
/// wired in exactly these three, and the page enum, the sidebar, the routing of its
/// messages, the refresh on opening and the view are generated from the table (no
/// hand-written `enum Pagina`, no hand-written match over the screens' messages).
#[test]
fn een_nieuw_scherm_raakt_drie_plekken_buiten_zijn_module() {
    let wortel = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let bron = std::fs::read_to_string(wortel.join("mod.rs")).unwrap();
    let schermen_mod = std::fs::read_to_string(wortel.join("screen/mod.rs")).unwrap();
    let tabel_begin = bron.find("\nschermen! {").expect("the schermen! table");
    let tabel = &bron[tabel_begin..tabel_begin + bron[tabel_begin..].find("\n}\n").expect("end of the table")];
    // Lines `Pagina(module) = "Label",`.
    let regels: Vec<(String, String)> = tabel
        .lines()
        .filter_map(|r| {
            let (kop, _) = r.trim().split_once(") = \"")?;
            let (pagina, module) = kop.split_once('(')?;
            Some((pagina.to_string(), module.to_string()))
        })
        .collect();
    assert!(regels.len() >= 8, "the table lists the registered screens: {regels:?}");
    let message_begin = bron.find("pub enum Message {").expect("the Message enum");
    let message = &bron[message_begin..message_begin + bron[message_begin..].find("\n}\n").unwrap()];
    for (pagina, module) in &regels {
        // 1. screen/mod.rs declares the module.
        assert!(schermen_mod.contains(&format!("pub mod {module};")), "screen/mod.rs lacks `pub mod {module};`");
        // 2. One Message variant named like the page.
        assert_eq!(
            message.matches(&format!("    {pagina}({module}::Message),")).count(),
            1,
            "Message needs exactly one variant `{pagina}({module}::Message)`"
        );
        // 3. Its line in the table (found above); the root does not route it by hand.
        assert!(
            !bron.contains(&format!("Message::{pagina}(m) =>")),
            "Message::{pagina} is routed by hand; the table generates its routing"
        );
    }
    // The page enum and the per-screen matches exist only inside the macro.
    let macro_begin = bron.find("macro_rules! schermen").unwrap();
    assert_eq!(bron.matches("pub enum Pagina").count(), 1);
    assert!(bron.find("pub enum Pagina").unwrap() > macro_begin && bron.find("pub enum Pagina").unwrap() < tabel_begin);
}

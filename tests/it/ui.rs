//! Headless UI flows with iced_test: the real `view` and `update` of the app.

use crate::hulp::{self, WACHTWOORD, sleutel};
use iced::keyboard::{Key, Modifiers, key};
use iced_test::selector::{self, Candidate};
use schakel::domain::partner::PartnerSoort;
use schakel::domain::{Convenantstatus, Fase, WegingUitkomst};
use schakel::store::{Gegevensmap, NieuwContact, NieuwePartner, Store};
use schakel::ui::screen::{board, detail, plan, start};
use schakel::ui::widgets::Keuze;
use schakel::ui::{App, Message, Richting, sneltoets};
use std::time::Duration;

/// A simulator as tall as the scrolled page, so everything the user can scroll to is reachable.
pub(crate) fn simulator<'a>(view: iced::Element<'a, Message>) -> iced_test::Simulator<'a, Message> {
    iced_test::Simulator::with_size(iced::Settings::default(), (1360.0, 2400.0), view)
}

pub(crate) fn init_backend() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    // SAFETY: set once, before any simulator (and thus any renderer thread) exists.
    // SCHAKEL_PDF_VIEWER=true: "Afdrukken" runs `true` instead of opening a viewer.
    ONCE.call_once(|| unsafe {
        std::env::set_var("ICED_TEST_BACKEND", "tiny-skia");
        std::env::set_var("SCHAKEL_PDF_VIEWER", "true");
    });
}

/// Click the widget with this exact text (or input placeholder), feed the messages to
/// `update` and run the tasks they start (store requests) to their end.
pub(crate) fn klik(app: &mut App, doel: &str) {
    init_backend();
    let berichten: Vec<Message> = {
        let mut ui = simulator(app.view());
        ui.click(doel).unwrap_or_else(|e| panic!("cannot click {doel:?}: {e:?}"));
        ui.into_messages().collect()
    };
    // The store requests the click starts (off the event loop in the window) run to their
    // end, as they would before the user looks again.
    for m in berichten {
        stuur_en_wacht(app, m);
    }
}

/// Click like [`klik`] but do not run what the click starts: the task comes back, so a
/// test can look at the busy state first and run it later with [`voer_uit`].
pub(crate) fn klik_zonder_wachten(app: &mut App, doel: &str) -> iced::Task<Message> {
    init_backend();
    let berichten: Vec<Message> = {
        let mut ui = simulator(app.view());
        ui.click(doel).unwrap_or_else(|e| panic!("cannot click {doel:?}: {e:?}"));
        ui.into_messages().collect()
    };
    iced::Task::batch(berichten.into_iter().map(|m| app.update(m)).collect::<Vec<_>>())
}

/// Run a task as the window's runtime would (tokio, so `spawn_blocking` works) and feed
/// each message it yields to `update`, running the tasks those return in turn. Widget
/// operations (focus) and exit have no window here and are skipped. Never for a task that
/// opens a file dialog.
pub(crate) fn voer_uit(app: &mut App, task: iced::Task<Message>) {
    use iced_test::futures::futures::StreamExt;
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let mut wachtrij = vec![task];
    while let Some(t) = wachtrij.pop() {
        let Some(mut stroom) = iced_test::runtime::task::into_stream(t) else { continue };
        let berichten: Vec<Message> = rt.block_on(async {
            let mut uit = Vec::new();
            while let Some(a) = stroom.next().await {
                if let iced_test::runtime::Action::Output(m) = a {
                    uit.push(m);
                }
            }
            uit
        });
        for m in berichten {
            wachtrij.push(app.update(m));
        }
    }
}

/// Send a message and run the job it starts to its end (as the window would).
pub(crate) fn stuur_en_wacht(app: &mut App, m: Message) {
    let t = app.update(m);
    voer_uit(app, t);
}

/// Click like [`klik`] and run the tasks (a job) the click starts to their end.
pub(crate) fn klik_en_wacht(app: &mut App, doel: &str) {
    init_backend();
    let berichten: Vec<Message> = {
        let mut ui = simulator(app.view());
        ui.click(doel).unwrap_or_else(|e| panic!("cannot click {doel:?}: {e:?}"));
        ui.into_messages().collect()
    };
    for m in berichten {
        stuur_en_wacht(app, m);
    }
}

/// Click the input with this id, type `tekst`, feed the messages.
pub(crate) fn typ(app: &mut App, id: &'static str, tekst: &str) {
    init_backend();
    let berichten: Vec<Message> = {
        let mut ui = simulator(app.view());
        ui.click(selector::id(id)).unwrap_or_else(|e| panic!("no input {id}: {e:?}"));
        let _ = ui.typewrite(tekst);
        ui.into_messages().collect()
    };
    for m in berichten {
        stuur_en_wacht(app, m);
    }
}

/// Like [`typ`], running the task each keystroke starts (the global search) to its end.
pub(crate) fn typ_en_wacht(app: &mut App, id: &'static str, tekst: &str) {
    init_backend();
    let berichten: Vec<Message> = {
        let mut ui = simulator(app.view());
        ui.click(selector::id(id)).unwrap_or_else(|e| panic!("no input {id}: {e:?}"));
        let _ = ui.typewrite(tekst);
        ui.into_messages().collect()
    };
    for m in berichten {
        stuur_en_wacht(app, m);
    }
}

/// Type into the input found by its placeholder.
pub(crate) fn typ_in(app: &mut App, placeholder: &str, tekst: &str) {
    init_backend();
    let berichten: Vec<Message> = {
        let mut ui = simulator(app.view());
        ui.click(placeholder).unwrap_or_else(|e| panic!("no input {placeholder:?}: {e:?}"));
        let _ = ui.typewrite(tekst);
        ui.into_messages().collect()
    };
    for m in berichten {
        stuur_en_wacht(app, m);
    }
}

/// Every text on the screen, joined (for failure messages).
pub(crate) fn schermtekst(app: &App) -> String {
    init_backend();
    let mut ui = simulator(app.view());
    let mut alles = Vec::new();
    let _ = ui.find(|c: Candidate<'_>| {
        if let Candidate::Text { content, .. } = c {
            alles.push(content.to_string());
        }
        None::<()>
    });
    alles.join(" | ")
}

/// Does the screen show a text widget containing `deel`?
pub(crate) fn toont(app: &App, deel: &str) -> bool {
    init_backend();
    let mut ui = simulator(app.view());
    ui.find(|c: Candidate<'_>| match c {
        Candidate::Text { content, .. } if content.contains(deel) => Some(content.to_string()),
        _ => None,
    })
    .is_ok()
}

pub(crate) fn verwacht(app: &App, deel: &str) {
    assert!(toont(app, deel), "screen does not show {deel:?}");
}

struct Opzet {
    _dir: tempfile::TempDir,
    map: Gegevensmap,
    politie: String,
    club: String,
}

fn app_met_partners() -> (Opzet, App) {
    let (dir, map, mut s) = hulp::store();
    let politie = s
        .partner_toevoegen(NieuwePartner {
            naam: "Politie".into(),
            soort: PartnerSoort::Justitie,
            convenantstatus: Convenantstatus::Convenant,
        })
        .unwrap();
    s.contact_toevoegen(&politie, NieuwContact { naam: "Wijkagent Dalhof".into(), ..Default::default() }).unwrap();
    let club = s
        .partner_toevoegen(NieuwePartner {
            naam: "Buurtsportclub".into(),
            soort: PartnerSoort::Overig,
            convenantstatus: Convenantstatus::Geen,
        })
        .unwrap();
    let app = App::met_store(map.clone(), s);
    (Opzet { _dir: dir, map, politie, club }, app)
}

/// Send a board message and run the save it may start.
fn board(app: &mut App, m: board::Message) {
    stuur_en_wacht(app, Message::Board(m));
}

fn plan_msg(app: &mut App, m: plan::Message) {
    stuur_en_wacht(app, Message::Detail(detail::Message::Plan(m)));
}

#[test]
fn shortcuts_map_to_messages() {
    let ctrl = Modifiers::CTRL;
    assert!(matches!(sneltoets(Key::Character("k"), ctrl), Some(Message::FocusZoeken)));
    assert!(matches!(sneltoets(Key::Character("f"), ctrl), Some(Message::FocusZoeken)));
    assert!(matches!(sneltoets(Key::Character("l"), ctrl), Some(Message::Vergrendel)));
    assert!(matches!(sneltoets(Key::Character("s"), ctrl), Some(Message::Opslaan)));
    assert!(matches!(
        sneltoets(Key::Named(key::Named::ArrowRight), Modifiers::ALT),
        Some(Message::Pijl(Richting::Rechts))
    ));
    assert!(matches!(
        sneltoets(Key::Named(key::Named::ArrowLeft), Modifiers::ALT),
        Some(Message::Pijl(Richting::Links))
    ));
    assert!(matches!(sneltoets(Key::Named(key::Named::Escape), Modifiers::empty()), Some(Message::Annuleer)));
    assert!(sneltoets(Key::Character("l"), Modifiers::empty()).is_none(), "typing an l must not lock");
    assert!(sneltoets(Key::Named(key::Named::ArrowRight), Modifiers::empty()).is_none());
}

/// The acceptance flow of the GUI issue, driven through the real view and update.
#[test]
fn referral_to_monitoring_with_plan_versions_and_diff() {
    let (o, mut app) = app_met_partners();
    verwacht(&app, "Casussen");

    // New referral: required fields are validated inline.
    klik(&mut app, "Nieuwe aanmelding");
    verwacht(&app, "Nieuwe aanmelding");
    klik(&mut app, "Aanmelding registreren");
    verwacht(&app, "Vul een werknaam in.");
    verwacht(&app, "Kies de partner die aanmeldt.");
    typ(&mut app, "aanmelding-werknaam", "Stille Eik");
    board(&mut app, board::Message::FormulierKeuze(board::KeuzeVeld::Thema, Keuze::new("thema-nazorg", "Nazorg")));
    board(&mut app, board::Message::FormulierKeuze(board::KeuzeVeld::Aanmelder, Keuze::new(&o.politie, "Politie")));
    typ(&mut app, "aanmelding-probleem", "Dakloos na detentie");
    typ(&mut app, "aanmelding-vraag", "Regie op terugkeer");
    typ(&mut app, "aanmelding-naam", "Bram Eikhof");
    typ(&mut app, "aanmelding-geboortedatum", "12-04-1988");
    klik_en_wacht(&mut app, "Aanmelding registreren");
    verwacht(&app, "Aanmelding geregistreerd als casus");
    verwacht(&app, "Stille Eik");

    // Select the card and move it with Alt+→ to weging.
    klik(&mut app, "Stille Eik");
    stuur_en_wacht(&mut app, sneltoets(Key::Named(key::Named::ArrowRight), Modifiers::ALT).unwrap());
    verwacht(&app, "staat nu in weging");

    // From weging the dialog asks the outcome; a wrong outcome is refused with the Dutch reason.
    stuur_en_wacht(&mut app, Message::Pijl(Richting::Rechts));
    verwacht(&app, "Uitkomst van de weging");
    board(&mut app, board::Message::KiesUitkomst(WegingUitkomst::Advies));
    klik_en_wacht(&mut app, "Verplaatsen");
    verwacht(&app, "gaat de casus niet naar procesregie");
    board(&mut app, board::Message::KiesUitkomst(WegingUitkomst::Procesregie));
    klik_en_wacht(&mut app, "Verplaatsen");
    verwacht(&app, "staat nu in procesregie");

    // Open the case, go to the plan.
    klik(&mut app, "Openen");
    verwacht(&app, "Stille Eik");
    klik(&mut app, "Plan van aanpak");
    verwacht(&app, "Nog geen doelen.");

    // Two goals.
    plan_msg(&mut app, plan::Message::DoelLeefgebied(Keuze::new("lg-wonen", "Wonen/onderdak")));
    typ_in(&mut app, "Nieuw doel…", "Vaste woonplek na vrijlating");
    klik(&mut app, "Doel toevoegen");
    plan_msg(&mut app, plan::Message::DoelLeefgebied(Keuze::new("lg-identiteit", "Identiteitsbewijs")));
    typ_in(&mut app, "Nieuw doel…", "Geldige ID-kaart");
    klik(&mut app, "Doel toevoegen");
    verwacht(&app, "• Vaste woonplek na vrijlating");
    verwacht(&app, "• Geldige ID-kaart");

    // Three actions; one for a partner without covenant warns.
    for (tekst, deadline, partner) in [
        ("Urgentie aanvragen", "01-02-2027", Some(&o.politie)),
        ("ID-kaart aanvragen", "15-01-2027", None),
        ("Sportmaatje regelen", "01-03-2027", Some(&o.club)),
    ] {
        if let Some(p) = partner {
            let naam = if *p == o.club { "Buurtsportclub" } else { "Politie" };
            let conv = if *p == o.club { Convenantstatus::Geen } else { Convenantstatus::Convenant };
            plan_msg(
                &mut app,
                plan::Message::Actie(
                    false,
                    plan::ActieVeld::Partner(plan::PartnerKeuze { id: p.clone(), naam: naam.into(), convenant: conv }),
                ),
            );
        }
        typ(&mut app, "nieuwe-actie", tekst);
        typ_in(&mut app, "dd-mm-jjjj", deadline);
        klik(&mut app, "Actie toevoegen");
    }
    verwacht(&app, "Urgentie aanvragen");
    verwacht(&app, "ID-kaart aanvragen");
    verwacht(&app, "Sportmaatje regelen");
    verwacht(&app, "geen convenant");
    verwacht(&app, "01-02-2027");

    // Record version 1.
    typ_in(&mut app, "Reden, bijv. vastgesteld in casusoverleg", "Vastgesteld in casusoverleg");
    klik(&mut app, "Versie vastleggen");
    verwacht(&app, "Versie 1 —");
    verwacht(&app, "Geen verschillen.");

    // Change an action and save with Ctrl+S; the diff shows it.
    plan_msg(&mut app, plan::Message::Bewerk(1));
    plan_msg(&mut app, plan::Message::Actie(true, plan::ActieVeld::Status(schakel::domain::ActieStatus::Lopend)));
    stuur_en_wacht(&mut app, sneltoets(Key::Character("s"), Modifiers::CTRL).unwrap());
    verwacht(&app, "~ Actie gewijzigd: ID-kaart aanvragen (status Open → Lopend)");
    // Version 1 stays readable in full, with the status it had then.
    plan_msg(&mut app, plan::Message::Bekijk(Some(1)));
    verwacht(&app, "Versie 1 (vastgelegd");
    verwacht(&app, "• ID-kaart aanvragen (Open, deadline 15-01-2027)");
    verwacht(&app, "• Wonen/onderdak: Vaste woonplek na vrijlating");

    // Back to the board, move to monitoring with Alt+→.
    klik(&mut app, "← Bord");
    // The card is still selected (its move buttons show); Alt+→ moves it on.
    verwacht(&app, "Monitoring →");
    stuur_en_wacht(&mut app, Message::Pijl(Richting::Rechts));
    verwacht(&app, "staat nu in monitoring");

    // The store agrees with what the screen showed.
    drop(app);
    let s = Store::open(&o.map, &sleutel()).unwrap();
    let r = &s.casus_lijst(&Default::default()).unwrap()[0];
    assert_eq!(r.fase, Fase::Monitoring);
    assert_eq!(s.plan(&r.casusnummer).unwrap().acties.len(), 3);
    assert_eq!(s.plan_versies(&r.casusnummer).unwrap().len(), 1);
}

#[test]
fn board_filters_and_illegal_move_reason() {
    let (_o, mut app) = app_met_partners();
    // Two cases through the CLI-free library path, then reload the board.
    drop(app);
    let (dir, map, mut s) = hulp::store();
    let a = hulp::casus(&mut s, "Hoge Linde");
    s.nieuwe_casus(schakel::store::NieuweCasus {
        werknaam: "Late Merel".into(),
        thema: "com".into(),
        ..Default::default()
    })
    .unwrap();
    app = App::met_store(map, s);
    verwacht(&app, "Hoge Linde");
    verwacht(&app, "Late Merel");

    // Filter on thema: only the COM case stays.
    board(&mut app, board::Message::FilterThema(Keuze::new("thema-com", "Casus op maat (COM)")));
    assert!(!toont(&app, "Hoge Linde"));
    verwacht(&app, "Late Merel");
    verwacht(&app, "1 van 2 casussen");
    klik(&mut app, "Wis filters");
    verwacht(&app, "Hoge Linde");
    // Free text filter.
    typ_in(&mut app, "Filter op nummer, werknaam…", "linde");
    assert!(!toont(&app, "Late Merel"));
    verwacht(&app, "Hoge Linde");
    klik(&mut app, "Wis filters");

    // An illegal move (aanmelding → weging is fine, aanmelding ← nothing; aanmelding → procesregie is not).
    board(&mut app, board::Message::Verplaats(a.clone(), Fase::Procesregie));
    verwacht(&app, "kan niet van aanmelding naar procesregie");
    verwacht(&app, "Hoge Linde");
    drop(app);
    let s = Store::open(&Gegevensmap::new(dir.path().join("data")), &sleutel()).unwrap();
    assert_eq!(s.casus_regel(&a).unwrap().fase, Fase::Aanmelding, "a refused move changed nothing");
}

#[test]
fn global_search_opens_the_hit() {
    let (_d, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Verre Reiger");
    s.journaal_toevoegen(
        &n,
        schakel::store::NieuwJournaal {
            soort: schakel::domain::JournaalSoort::PiBezoek,
            tekst: "Gesprek over huisvesting na vrijlating".into(),
            datum: None,
            inrichting: Some("PI Veenhuizen".into()),
        },
    )
    .unwrap();
    let mut app = App::met_store(map, s);
    typ_en_wacht(&mut app, "globaal-zoeken", "huisvest");
    verwacht(&app, "Verre Reiger (Aanmelding)");
    verwacht(&app, "[huisvesting]");
    klik(&mut app, &format!("{n} — Verre Reiger (Aanmelding)"));
    klik(&mut app, "Journaal");
    verwacht(&app, "PI-bezoek PI Veenhuizen");
}

#[test]
fn idle_lock_drops_the_store_and_wrong_passphrase_can_be_retried() {
    let d = tempfile::tempdir().unwrap();
    let map = Gegevensmap::new(d.path().join("data"));
    let aanvraag = start::Aanvraag {
        naam: "Test Regisseur".into(),
        rol: "procesregisseur".into(),
        zvh: "ZVH Test".into(),
        wachtwoord: Some(zeroize::Zeroizing::new(WACHTWOORD.to_string())),
        demo: false,
    };
    let store = App::maak_aan(&map, &aanvraag).unwrap();
    let mut app = App::met_store(
        map.clone(),
        Store::open(&map, &{
            let b = schakel::store::sleutel::SleutelBestand::lees(map.pad()).unwrap();
            b.ontgrendel(WACHTWOORD).unwrap()
        })
        .unwrap(),
    );
    drop(store);
    assert_eq!(app.vergrendel_na(), Duration::from_secs(600), "default idle time is 10 minutes");
    // Nine minutes idle: still open. Eleven: locked.
    app.zet_inactief(Duration::from_secs(9 * 60));
    stuur_en_wacht(&mut app, Message::Tik);
    assert!(app.is_ontgrendeld());
    app.zet_inactief(Duration::from_secs(11 * 60));
    stuur_en_wacht(&mut app, Message::Tik);
    assert!(!app.is_ontgrendeld());
    verwacht(&app, "Automatisch vergrendeld");

    // Wrong passphrase: said so, try again.
    typ(&mut app, "wachtwoord", "helemaal fout");
    klik(&mut app, "Ontgrendelen");
    stuur_en_wacht(&mut app, Message::Ontgrendeld(App::probeer_ontgrendelen(&map, Some("helemaal fout"))));
    verwacht(&app, "Het wachtwoord is onjuist");
    assert!(!app.is_ontgrendeld());
    typ(&mut app, "wachtwoord", WACHTWOORD);
    klik(&mut app, "Ontgrendelen");
    stuur_en_wacht(&mut app, Message::Ontgrendeld(App::probeer_ontgrendelen(&map, Some(WACHTWOORD))));
    assert!(app.is_ontgrendeld());
    verwacht(&app, "Casussen");
}

#[test]
fn locking_saves_an_action_being_edited() {
    let (o, mut app) = app_met_partners();
    drop(app);
    let mut s = Store::open(&o.map, &sleutel()).unwrap();
    let n = hulp::casus(&mut s, "Oude Wilg");
    s.actie_toevoegen(&n, schakel::store::NieuweActie { omschrijving: "Woning zoeken".into(), ..Default::default() })
        .unwrap();
    app = App::met_store(o.map.clone(), s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    klik(&mut app, "Plan van aanpak");
    klik(&mut app, "Bewerken");
    typ(&mut app, "actie-bewerk-omschrijving", " met urgentie");
    // Ctrl+L: lock. The typed text is saved, not dropped.
    stuur_en_wacht(&mut app, sneltoets(Key::Character("l"), Modifiers::CTRL).unwrap());
    assert!(!app.is_ontgrendeld());
    let s = Store::open(&o.map, &sleutel()).unwrap();
    assert_eq!(s.plan(&n).unwrap().acties[0].omschrijving, "Woning zoeken met urgentie");
}

#[test]
fn first_run_screen_validates_and_creates() {
    let d = tempfile::tempdir().unwrap();
    let map = Gegevensmap::new(d.path().join("nieuw"));
    let (mut app, _) = App::opstarten(map.clone());
    verwacht(&app, "Welkom bij Schakel");
    klik(&mut app, "Database aanmaken");
    verwacht(&app, "Vul de naam van uw Zorg- en Veiligheidshuis in.");
    stuur_en_wacht(&mut app, Message::Start(start::Message::Zvh("ZVH Testregio".into())));
    stuur_en_wacht(&mut app, Message::Start(start::Message::Naam("Test Regisseur".into())));
    stuur_en_wacht(&mut app, Message::Start(start::Message::Opslag(start::Opslag::Wachtwoord)));
    stuur_en_wacht(&mut app, Message::Start(start::Message::Wachtwoord("kort".into())));
    klik(&mut app, "Database aanmaken");
    verwacht(&app, "minstens 10 tekens");
    stuur_en_wacht(&mut app, Message::Start(start::Message::Wachtwoord(WACHTWOORD.into())));
    stuur_en_wacht(&mut app, Message::Start(start::Message::Herhaling(WACHTWOORD.into())));
    // The click starts the creation as a task: the form shows it is busy, and running that
    // very task (not a request built here) creates and opens the database.
    init_backend();
    let berichten: Vec<Message> = {
        let mut ui = simulator(app.view());
        ui.click("Database aanmaken").unwrap_or_else(|e| panic!("cannot click: {e:?}"));
        ui.into_messages().collect()
    };
    let taken: Vec<iced::Task<Message>> = berichten.into_iter().map(|m| app.update(m)).collect();
    verwacht(&app, "Bezig…");
    // A progress bar with its Dutch label; a second click starts nothing.
    verwacht(&app, "Database aanmaken… (");
    let nog: Vec<Message> = {
        let mut ui = simulator(app.view());
        let _ = ui.click("Bezig…");
        ui.into_messages().collect()
    };
    assert!(nog.is_empty(), "the busy button is disabled");
    assert!(!app.is_ontgrendeld(), "nothing is created before the task runs");
    for t in taken {
        voer_uit(&mut app, t);
    }
    assert!(app.is_ontgrendeld(), "not opened; the screen says: {}", schermtekst(&app));
    verwacht(&app, "0 van 0 casussen");
    assert!(map.db_pad().exists());
    let _ = sleutel;
}

#[test]
fn typed_text_survives_a_lock() {
    let (o, app) = app_met_partners();
    drop(app);
    let mut s = Store::open(&o.map, &sleutel()).unwrap();
    let n = hulp::casus(&mut s, "Lichte Els");
    drop(s);
    // A passphrase-protected data dir, so the unlock screen really asks.
    let b = schakel::store::sleutel::SleutelBestand::wachtwoord("t", &sleutel(), WACHTWOORD).unwrap();
    b.schrijf(o.map.pad()).unwrap();
    let mut app = App::met_store(o.map.clone(), Store::open(&o.map, &sleutel()).unwrap());
    stuur_en_wacht(&mut app, Message::OpenCasus(n));
    klik(&mut app, "Plan van aanpak");
    typ(&mut app, "nieuwe-actie", "Half getypte actie");
    stuur_en_wacht(&mut app, Message::Vergrendel);
    assert!(!app.is_ontgrendeld());
    assert!(!toont(&app, "Half getypte actie"), "locked screen must not show case data");
    stuur_en_wacht(&mut app, Message::Ontgrendeld(App::probeer_ontgrendelen(&o.map, Some(WACHTWOORD))));
    assert!(app.is_ontgrendeld());
    // Back on the plan tab of the same case, with the typed text still in the field.
    init_backend();
    let mut ui = simulator(app.view());
    assert!(ui.find("Half getypte actie").is_ok(), "typed text was dropped by the lock");
}

#[test]
fn autosave_keeps_the_edit_form_open() {
    let (o, app) = app_met_partners();
    drop(app);
    let mut s = Store::open(&o.map, &sleutel()).unwrap();
    let n = hulp::casus(&mut s, "Groene Beuk");
    s.actie_toevoegen(&n, schakel::store::NieuweActie { omschrijving: "Intake plannen".into(), ..Default::default() })
        .unwrap();
    let mut app = App::met_store(o.map.clone(), s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    klik(&mut app, "Plan van aanpak");
    klik(&mut app, "Bewerken");
    typ(&mut app, "actie-bewerk-omschrijving", " bij de GGZ");
    // Still typing: no autosave yet.
    stuur_en_wacht(&mut app, Message::Tik);
    // A pause: the text is saved and the form stays open for more typing.
    app.zet_inactief(Duration::from_secs(3));
    stuur_en_wacht(&mut app, Message::Tik);
    init_backend();
    {
        let mut ui = simulator(app.view());
        assert!(ui.find(selector::id("actie-bewerk-omschrijving")).is_ok(), "autosave closed the edit form");
        assert!(ui.find("Intake plannen bij de GGZ").is_ok());
    }
    stuur_en_wacht(&mut app, Message::Vergrendel);
    let s = Store::open(&o.map, &sleutel()).unwrap();
    assert_eq!(s.plan(&n).unwrap().acties[0].omschrijving, "Intake plannen bij de GGZ");
}

/// Synchronisatie: read a colleague's card, compare the fingerprint in a dialog, trust,
/// write our own card, read a bundle (the case appears on the board), make a bundle,
/// and resolve a conflict that two colleagues caused by editing the same field.
#[test]
fn synchronisatie_met_een_collega() {
    use schakel::store::{CasusWijziging, NieuweCasus};
    use schakel::sync::{self, ExportOpties};
    use schakel::ui::screen::synchronisatie::{self, Bestand};
    let (_dir, map, b_store) = hulp::store();
    let mut a = crate::sync::replica("Anouk Aalders", "procesregisseur");
    let bestanden = tempfile::tempdir().unwrap();
    let kaart_a = bestanden.path().join("anouk.json");
    std::fs::write(&kaart_a, sync::visitekaartje(&mut a.store, "").unwrap()).unwrap();
    let vingerafdruk_a = sync::apparaat(&mut a.store).unwrap().vingerafdruk();

    let mut app = App::met_store(map, b_store);
    klik(&mut app, "Synchronisatie");
    verwacht(&app, "Geen open conflicten.");
    // The file dialog cannot open headless: feed its answer.
    stuur_en_wacht(
        &mut app,
        Message::Synchronisatie(synchronisatie::Message::Gekozen(Bestand::KaartjeIn, Some(kaart_a.clone()))),
    );
    verwacht(&app, "Anouk Aalders is toegevoegd maar nog niet vertrouwd");
    verwacht(&app, "Niet bevestigd");
    klik(&mut app, "Bevestigen");
    verwacht(&app, "Anouk Aalders vertrouwen?");
    verwacht(&app, &vingerafdruk_a);
    klik(&mut app, "Cijfers komen overeen");
    verwacht(&app, "Vertrouwd");
    assert!(!toont(&app, "Niet bevestigd"));

    // Our card, for Anouk.
    let kaart_b = bestanden.path().join("b.json");
    stuur_en_wacht(
        &mut app,
        Message::Synchronisatie(synchronisatie::Message::Gekozen(Bestand::KaartjeUit, Some(kaart_b.clone()))),
    );
    verwacht(&app, "Visitekaartje opgeslagen");
    let b = sync::lees_visitekaartje(&std::fs::read(&kaart_b).unwrap()).unwrap();
    a.store.collega_toevoegen(&b).unwrap();
    a.store.collega_bevestigen(&b.apparaat).unwrap();

    // Anouk's bundle with a new case.
    let nr = a
        .store
        .nieuwe_casus(NieuweCasus { werknaam: "Uit de bundel".into(), thema: "nazorg".into(), ..Default::default() })
        .unwrap()
        .to_string();
    let bundel_a = bestanden.path().join("a1.schakel");
    let voor_b = ExportOpties { voor: vec![b.apparaat.clone()], ..Default::default() };
    std::fs::write(&bundel_a, sync::exporteer(&mut a.store, &voor_b).unwrap().bytes).unwrap();
    stuur_en_wacht(
        &mut app,
        Message::Synchronisatie(synchronisatie::Message::Gekozen(Bestand::BundelIn, Some(bundel_a.clone()))),
    );
    verwacht(&app, "Bundel van Anouk Aalders ingelezen");
    verwacht(&app, "Anouk Aalders: ontvangen t/m wijziging");
    klik(&mut app, "Casussen");
    verwacht(&app, "Uit de bundel");

    // Anouk and Cor (whom B does not know) edit the same field; Anouk relays both.
    let mut c = crate::sync::replica("Cor Cornelis", "procesregisseur");
    let kc = sync::lees_visitekaartje(&sync::visitekaartje(&mut c.store, "").unwrap()).unwrap();
    let ka = sync::lees_visitekaartje(&std::fs::read(&kaart_a).unwrap()).unwrap();
    a.store.collega_toevoegen(&kc).unwrap();
    a.store.collega_bevestigen(&kc.apparaat).unwrap();
    c.store.collega_toevoegen(&ka).unwrap();
    c.store.collega_bevestigen(&ka.apparaat).unwrap();
    let naar_c = crate::sync::bundel(&mut a, &kc.apparaat);
    sync::importeer(&mut c.store, &naar_c).unwrap();
    a.store.casus_wijzig(&nr, &CasusWijziging { werknaam: Some("Versie Anouk".into()), ..Default::default() }).unwrap();
    // Concurrent edits in the same millisecond are ordered by device id; wait so that Cor's
    // edit is the later one on the clock and the expected winner is certain.
    std::thread::sleep(std::time::Duration::from_millis(5));
    c.store.casus_wijzig(&nr, &CasusWijziging { werknaam: Some("Versie Cor".into()), ..Default::default() }).unwrap();
    let naar_a = crate::sync::bundel(&mut c, &ka.apparaat);
    sync::importeer(&mut a.store, &naar_a).unwrap();
    let bundel_a2 = bestanden.path().join("a2.schakel");
    std::fs::write(&bundel_a2, sync::exporteer(&mut a.store, &voor_b).unwrap().bytes).unwrap();

    klik(&mut app, "Synchronisatie");
    stuur_en_wacht(
        &mut app,
        Message::Synchronisatie(synchronisatie::Message::Gekozen(Bestand::BundelIn, Some(bundel_a2.clone()))),
    );
    verwacht(&app, "Er zijn 1 open conflicten");
    verwacht(&app, "Conflicten (1)");
    verwacht(&app, &format!("Casus {nr} — Werknaam van de casus"));
    verwacht(&app, "“Versie Cor”");
    verwacht(&app, "“Versie Anouk”");
    verwacht(&app, "in gebruik · Cor Cornelis");
    // The case itself warns about its conflict.
    klik(&mut app, "Casussen");
    klik(&mut app, "Versie Cor");
    klik(&mut app, "Openen");
    verwacht(&app, "Deze casus heeft 1 open conflict na synchronisatie");
    klik(&mut app, "Synchronisatie");
    klik(&mut app, "Deze kiezen");
    verwacht(&app, "Keuze vastgelegd");
    verwacht(&app, "Conflicten (0)");

    // B's bundle, made in the window, closes the conflict at Anouk's too.
    let bundel_b = bestanden.path().join("b1.schakel");
    stuur_en_wacht(
        &mut app,
        Message::Synchronisatie(synchronisatie::Message::Gekozen(Bestand::BundelUit, Some(bundel_b.clone()))),
    );
    verwacht(&app, "voor Anouk Aalders");
    assert_eq!(a.store.conflicten(None).unwrap().len(), 1);
    sync::importeer(&mut a.store, &std::fs::read(&bundel_b).unwrap()).unwrap();
    assert!(a.store.conflicten(None).unwrap().is_empty());
    assert_eq!(a.store.casus_regel(&nr).unwrap().werknaam, "Versie Cor");
}

/// Afdrukken writes the plan to a private folder and hands it to the viewer; the save
/// dialog's answer writes the PDF there; locking removes the printed copy.
#[test]
fn plan_en_overzicht_afdrukken_en_opslaan() {
    init_backend();
    let (_dir, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Drukwerk");
    let lg = s.leefgebieden().unwrap()[0].id.clone();
    s.doel_toevoegen(&n, &lg, "Een vaste woonplek").unwrap();
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    klik_en_wacht(&mut app, "Plan van aanpak afdrukken");
    verwacht(&app, "is geopend in de PDF-viewer");
    let pad = map.pad().join("afdrukken").join(format!("Plan van aanpak {n}.pdf"));
    let pdf = std::fs::read(&pad).expect("printed copy");
    assert!(pdf.starts_with(b"%PDF"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&pad).unwrap().permissions().mode() & 0o077, 0);
        assert_eq!(std::fs::metadata(pad.parent().unwrap()).unwrap().permissions().mode() & 0o077, 0);
    }
    let (tekst, _) = crate::rapport::tekst(&pdf);
    assert!(tekst.contains("Een vaste woonplek"), "{tekst}");

    // "PDF…" opens a save dialog; its answer writes the overzicht there.
    let uit = tempfile::tempdir().unwrap();
    let doel = uit.path().join("overzicht.pdf");
    stuur_en_wacht(
        &mut app,
        Message::PdfPadGekozen {
            document: detail::Document::Overzicht,
            versie: None,
            nummer: n.clone(),
            pad: Some(doel.clone()),
        },
    );
    verwacht(&app, "opgeslagen in");
    let (tekst, _) = crate::rapport::tekst(&std::fs::read(&doel).unwrap());
    assert!(tekst.contains(&n), "{tekst}");
    // A cancelled dialog changes nothing.
    stuur_en_wacht(
        &mut app,
        Message::PdfPadGekozen { document: detail::Document::Plan, versie: None, nummer: n, pad: None },
    );

    stuur_en_wacht(&mut app, Message::Vergrendel);
    assert!(!pad.exists(), "locking removes printed copies");
}

/// In the casus overview: change the AVE phase (reason required) and add a betrokkene
/// (BSN checked with the elfproef before anything is stored).
#[test]
fn ave_wijzigen_en_betrokkene_toevoegen_in_het_overzicht() {
    let (_dir, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Overzichtcasus");
    let mut app = App::met_store(map, s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    stuur_en_wacht(&mut app, Message::Detail(detail::Message::AveKies(Keuze::new("1", "AVE 1"))));
    klik_en_wacht(&mut app, "AVE wijzigen");
    verwacht(&app, "Geef een reden voor de wijziging van de AVE-fase.");
    typ(&mut app, "ave-reden", "Gaat goed na het huisbezoek");
    klik_en_wacht(&mut app, "AVE wijzigen");
    verwacht(&app, "→ AVE 1 (Test Regisseur, Gaat goed na het huisbezoek)");
    verwacht(&app, "AVE 1 ·");

    typ(&mut app, "persoon-naam", "Fenna Fictief");
    typ_in(&mut app, "Geboren dd-mm-jjjj", "12-03-1990");
    typ_in(&mut app, "BSN (optioneel)", "123456789");
    klik_en_wacht(&mut app, "Toevoegen");
    verwacht(&app, "elfproef");
    assert!(!toont(&app, "Fenna Fictief ("), "nothing stored with an invalid BSN");
    stuur_en_wacht(&mut app, Message::Detail(detail::Message::PersoonBsn(String::new())));
    klik_en_wacht(&mut app, "Toevoegen");
    verwacht(&app, "Fenna Fictief (");
    verwacht(&app, "geboren 12-03-1990");
}

/// Partners: add a partner with two contacts (a malformed phone number refused inline),
/// filter the list, archive and restore, and see the cases the partner is involved in.
#[test]
fn partner_met_twee_contactpersonen() {
    use schakel::ui::screen::partners;
    let (opzet, mut app) = app_met_partners();
    let _ = opzet.politie;
    klik(&mut app, "Partners");
    verwacht(&app, "Kies links een partner");
    typ(&mut app, "partner-nieuw", "Woningcorporatie Het Anker");
    stuur_en_wacht(&mut app, Message::Partners(partners::Message::NieuwSoort(PartnerSoort::Overig)));
    klik(&mut app, "Partner toevoegen");
    verwacht(&app, "Nog geen contactpersonen.");
    verwacht(&app, "Niet betrokken bij een casus.");

    typ(&mut app, "contact-naam", "Ilse Fictief");
    typ(&mut app, "contact-telefoon", "12345");
    klik(&mut app, "Contact toevoegen");
    verwacht(&app, "'12345' is geen geldig telefoonnummer");
    stuur_en_wacht(&mut app, Message::Partners(partners::Message::ContactTelefoon("06-01234567".into())));
    typ(&mut app, "contact-email", "ilse@anker.example");
    klik(&mut app, "Contact toevoegen");
    verwacht(&app, "06-01234567 · ilse@anker.example");
    typ(&mut app, "contact-naam", "Omar Voorbeeld");
    typ(&mut app, "contact-email", "omar@anker");
    klik(&mut app, "Contact toevoegen");
    verwacht(&app, "'omar@anker' is geen geldig e-mailadres.");
    stuur_en_wacht(&mut app, Message::Partners(partners::Message::ContactEmail("omar@anker.example".into())));
    klik(&mut app, "Contact toevoegen");
    verwacht(&app, "Omar Voorbeeld");
    verwacht(&app, "Ilse Fictief");

    // Search narrows the list; archiving hides the partner unless asked for.
    typ(&mut app, "partner-zoek", "anker");
    verwacht(&app, "Woningcorporatie Het Anker");
    assert!(!toont(&app, "Buurtsportclub"), "search hides other partners");
    klik(&mut app, "Archiveren");
    verwacht(&app, "Geen partners gevonden.");
    stuur_en_wacht(&mut app, Message::Partners(partners::Message::ToonArchief(true)));
    verwacht(&app, "Overig · gearchiveerd");
    klik(&mut app, "Terugzetten");
    stuur_en_wacht(&mut app, Message::Partners(partners::Message::ToonArchief(false)));
    verwacht(&app, "Woningcorporatie Het Anker");

    // A partner without covenant warns on its page.
    stuur_en_wacht(&mut app, Message::Partners(partners::Message::Convenant(Convenantstatus::Geen)));
    verwacht(&app, "deze partner mag geen persoonsgegevens van casussen ontvangen");
}

/// Press the mouse on the widget showing `van`, move to the widget showing `naar` and
/// release there: two simulator passes, with the app updated in between (as in the window).
fn sleep(app: &mut App, van: &str, naar: &str) {
    use iced::mouse;
    use iced_test::core::Event;
    init_backend();
    let berichten: Vec<Message> = {
        let mut ui = simulator(app.view());
        let doel = ui.find(van).unwrap_or_else(|e| panic!("no {van:?}: {e:?}"));
        ui.point_at(doel.visible_bounds().expect("visible").center());
        let _ = ui.simulate([Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left))]);
        ui.into_messages().collect()
    };
    for m in berichten {
        stuur_en_wacht(app, m);
    }
    let berichten: Vec<Message> = {
        let mut ui = simulator(app.view());
        let doel = ui.find(naar).unwrap_or_else(|e| panic!("no {naar:?}: {e:?}"));
        let punt = doel.visible_bounds().expect("visible").center();
        ui.point_at(punt);
        let _ = ui.simulate([
            Event::Mouse(mouse::Event::CursorMoved { position: punt }),
            Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left)),
        ]);
        ui.into_messages().collect()
    };
    for m in berichten {
        stuur_en_wacht(app, m);
    }
}

/// Dragging a card onto another column moves the casus (with the same dialog and rules as
/// the keyboard); releasing on its own column is a click; a refused move changes nothing.
#[test]
fn kaart_slepen_naar_een_andere_kolom() {
    let (_d, map, mut s) = hulp::store();
    let nr = hulp::casus(&mut s, "Sleepbare Wilg");
    let mut app = App::met_store(map.clone(), s);
    verwacht(&app, "Sleepbare Wilg");
    // Release on its own column: a click, which selects (the card shows its buttons).
    sleep(&mut app, "Sleepbare Wilg", "Aanmelding");
    verwacht(&app, "Openen");
    // Drag to Weging: moved.
    sleep(&mut app, "Sleepbare Wilg", "Weging");
    verwacht(&app, "staat nu in weging");
    // Drag from Weging to Procesregie: the dialog asks the outcome, as with Alt+→.
    sleep(&mut app, "Sleepbare Wilg", "Procesregie");
    verwacht(&app, "Uitkomst van de weging");
    board(&mut app, board::Message::KiesUitkomst(WegingUitkomst::Procesregie));
    klik_en_wacht(&mut app, "Verplaatsen");
    verwacht(&app, "staat nu in procesregie");
    // A move the rules refuse (back to aanmelding) shows the reason and changes nothing.
    sleep(&mut app, "Sleepbare Wilg", "Aanmelding");
    verwacht(&app, "kan niet");
    drop(app);
    let s = Store::open(&map, &sleutel()).unwrap();
    assert_eq!(s.casus_regel(&nr).unwrap().fase, Fase::Procesregie);
}

/// Detention is added in the overview, with validation of the institution and dates.
#[test]
fn detentie_toevoegen_in_het_overzicht() {
    let (_dir, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Detentiecasus");
    let b = s
        .betrokkene_toevoegen(
            &n,
            schakel::store::NieuweBetrokkene {
                naam: "Pim Proef".into(),
                geboortedatum: None,
                rol: schakel::domain::Rol::Hoofdpersoon,
                bsn: None,
                initialen: None,
            },
        )
        .unwrap();
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    klik_en_wacht(&mut app, "Detentie toevoegen");
    verwacht(&app, "Kies de betrokkene die gedetineerd is.");
    stuur_en_wacht(&mut app, Message::Detail(detail::Message::DetentieBetrokkene(Keuze::new(&b, "Pim Proef"))));
    klik_en_wacht(&mut app, "Detentie toevoegen");
    verwacht(&app, "Vul de inrichting in");
    typ(&mut app, "detentie-inrichting", "PI Veenhuizen");
    typ(&mut app, "detentie-start", "01-03-2026");
    typ(&mut app, "detentie-einde", "01-02-2026");
    klik_en_wacht(&mut app, "Detentie toevoegen");
    verwacht(&app, "De verwachte einddatum ligt vóór de startdatum.");
    stuur_en_wacht(&mut app, Message::Detail(detail::Message::DetentieEinde("01-09-2026".into())));
    stuur_en_wacht(&mut app, Message::Detail(detail::Message::DetentieZelfmelder(true)));
    klik_en_wacht(&mut app, "Detentie toevoegen");
    verwacht(&app, "Detentie PI Veenhuizen: 01-03-2026 tot verwacht 01-09-2026, zelfmelder");
    drop(app);
    let mut s = Store::open(&map, &sleutel()).unwrap();
    let d = s.casus_detail(&n).unwrap();
    assert_eq!(d.betrokkenen[0].detenties.len(), 1);
    assert_eq!(d.betrokkenen[0].detenties[0].einddatum_verwacht.as_deref(), Some("2026-09-01"));
}

/// The plan's action table: ↑ / ↓ select rows, Enter edits the selected one; the deadline
/// calendar fills the field.
#[test]
fn actietabel_met_pijltjes_en_deadline_uit_de_kalender() {
    use schakel::ui::rijtoets;
    let (_dir, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Kalendercasus");
    for a in ["Eerste actie", "Tweede actie", "Derde actie"] {
        s.actie_toevoegen(&n, schakel::store::NieuweActie { omschrijving: a.into(), ..Default::default() }).unwrap();
    }
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    klik(&mut app, "Plan van aanpak");
    // Plain arrows and Enter map to row messages; with a modifier they do not.
    assert!(matches!(rijtoets(Key::Named(key::Named::ArrowDown), Modifiers::empty()), Some(Message::Rij(_))));
    assert!(rijtoets(Key::Named(key::Named::ArrowDown), Modifiers::SHIFT).is_none());
    let omlaag = rijtoets(Key::Named(key::Named::ArrowDown), Modifiers::empty()).unwrap();
    stuur_en_wacht(&mut app, omlaag.clone());
    stuur_en_wacht(&mut app, omlaag);
    stuur_en_wacht(&mut app, rijtoets(Key::Named(key::Named::ArrowUp), Modifiers::empty()).unwrap());
    stuur_en_wacht(&mut app, rijtoets(Key::Named(key::Named::ArrowDown), Modifiers::empty()).unwrap());
    stuur_en_wacht(&mut app, rijtoets(Key::Named(key::Named::Enter), Modifiers::empty()).unwrap());
    // The second row is being edited: its text is in the edit form, Alt+↓ moves it.
    verwacht(&app, "Opslaan (Ctrl+S)");
    stuur_en_wacht(&mut app, Message::Detail(detail::Message::Plan(plan::Message::StopBewerken)));
    stuur_en_wacht(&mut app, Message::Pijl(Richting::Omlaag));
    drop(app);
    let s = Store::open(&map, &sleutel()).unwrap();
    let volgorde: Vec<String> = s.plan(&n).unwrap().acties.into_iter().map(|a| a.omschrijving).collect();
    assert_eq!(volgorde, ["Eerste actie", "Derde actie", "Tweede actie"], "↓↓↑↓ selects row 2, Alt+↓ moves it");

    // Deadline from the calendar.
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    klik(&mut app, "Plan van aanpak");
    typ_in(&mut app, "Wat moet er gebeuren?", "Actie met kalender");
    klik(&mut app, "Kalender");
    let maand = chrono::Local::now().date_naive();
    verwacht(&app, &maand.format("%Y").to_string());
    klik(&mut app, "›");
    klik(&mut app, "15");
    let volgende = schakel::ui::widgets::eerste_van_maand(maand) + chrono::Months::new(1);
    let verwacht_datum = chrono::Datelike::with_day(&volgende, 15).unwrap().format("%d-%m-%Y").to_string();
    klik(&mut app, "Actie toevoegen");
    verwacht(&app, &verwacht_datum);
}

/// First start on a new laptop: "Back-up terugzetten" validates, then restores the backup
/// with a new passphrase and opens the board on it.
#[test]
fn eerste_start_zet_een_backup_terug() {
    let d = tempfile::tempdir().unwrap();
    let (_d2, _m2, mut oud) = hulp::store();
    hulp::casus(&mut oud, "Meegenomen Merel");
    let backup = d.path().join("oude-laptop.schakelbackup");
    oud.backup_maak(&backup, "backup-wachtwoord-start").unwrap();
    let map = Gegevensmap::new(d.path().join("nieuwe-laptop"));
    let (mut app, _) = App::opstarten(map.clone());
    stuur_en_wacht(&mut app, Message::Start(start::Message::Herstelmodus(true)));
    stuur_en_wacht(&mut app, Message::Start(start::Message::Opslag(start::Opslag::Wachtwoord)));
    klik(&mut app, "Back-up terugzetten");
    verwacht(&app, "Vul het back-upbestand in.");
    verwacht(&app, "Vul het wachtwoord van de back-up in.");
    typ(&mut app, "start-backup", &backup.display().to_string());
    typ(&mut app, "start-backup-ww", "backup-wachtwoord-start");
    stuur_en_wacht(&mut app, Message::Start(start::Message::Wachtwoord(WACHTWOORD.into())));
    stuur_en_wacht(&mut app, Message::Start(start::Message::Herhaling(WACHTWOORD.into())));
    let _ = klik_zonder_wachten(&mut app, "Back-up terugzetten");
    verwacht(&app, "Bezig…");
    let fout = start::Herstelaanvraag {
        pad: backup.clone(),
        backup_wachtwoord: zeroize::Zeroizing::new("verkeerd-wachtwoord".into()),
        wachtwoord: Some(zeroize::Zeroizing::new(WACHTWOORD.into())),
    };
    stuur_en_wacht(&mut app, Message::Aangemaakt(App::herstel_aan(&map, &fout)));
    verwacht(&app, "wachtwoord is onjuist");
    assert!(!map.is_geinitialiseerd(), "a refused restore must leave the data dir empty");
    let goed =
        start::Herstelaanvraag { backup_wachtwoord: zeroize::Zeroizing::new("backup-wachtwoord-start".into()), ..fout };
    stuur_en_wacht(&mut app, Message::Aangemaakt(App::herstel_aan(&map, &goed)));
    assert!(app.is_ontgrendeld());
    verwacht(&app, "Meegenomen Merel");
    drop(app);
    assert_eq!(schakel::store::ontgrendel(&map, Some(WACHTWOORD)).unwrap().aantal("casus").unwrap(), 1);
}

/// Instellingen → Over Schakel: version from Cargo.toml, the EUPL, and the third-party
/// licences (summary, and the full list on request).
#[test]
fn settings_show_version_and_licences() {
    let (_o, mut app) = app_met_partners();
    klik(&mut app, "Instellingen");
    verwacht(&app, "Over Schakel");
    verwacht(&app, &format!("Schakel versie {}", env!("CARGO_PKG_VERSION")));
    verwacht(&app, "Licentie: EUPL-1.2");
    let aantal = schakel::over::onderdelen().len();
    assert!(aantal > 100, "{aantal} parts");
    verwacht(&app, &format!("Schakel gebruikt {aantal} onderdelen van derden"));
    verwacht(&app, "MIT OR Apache-2.0 (");
    assert!(!toont(&app, "rusqlite 0.40.2"), "the full list is folded away at first");
    klik(&mut app, "Toon alle onderdelen");
    verwacht(&app, "rusqlite 0.40.2 — MIT");
    verwacht(&app, "OpenSSL (in openssl-src)");
    // A part without a version shows no placeholder.
    verwacht(&app, "Fira Sans (lettertype venster, in iced) — OFL-1.1");
    klik(&mut app, "Verberg de onderdelen");
    assert!(!toont(&app, "rusqlite 0.40.2"));
}

/// A change of the casus is saved off the event loop: the casus screen says it is busy
/// until the save is back, then shows the result; a second save meanwhile is not started.
#[test]
fn casus_toont_bezig_tijdens_het_opslaan() {
    let (_dir, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Bezige Berk");
    let voor = s.casus_detail_verversen(&n).unwrap().ave_historie.len();
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    stuur_en_wacht(&mut app, Message::Detail(detail::Message::AveKies(Keuze::new("1", "AVE 1"))));
    typ(&mut app, "ave-reden", "Rustiger na het gesprek");
    let opslaan = app.update(Message::Detail(detail::Message::AveOpslaan));
    verwacht(&app, detail::BEZIG);
    assert!(!toont(&app, "→ AVE 1"), "not shown as saved before the save is back");
    let tweede = app.update(Message::Detail(detail::Message::AveOpslaan));
    voer_uit(&mut app, tweede);
    verwacht(&app, detail::BEZIG);
    voer_uit(&mut app, opslaan);
    verwacht(&app, "→ AVE 1 (Test Regisseur, Rustiger na het gesprek)");
    assert!(!toont(&app, detail::BEZIG), "the busy line goes with the result");
    drop(app);
    let s = Store::open(&map, &sleutel()).unwrap();
    let aantal = s.casus_detail_verversen(&n).map(|d| d.ave_historie.len());
    assert_eq!(aantal.ok(), Some(voor + 1), "saved once");
}

/// A plan write runs off the event loop: the casus screen says it is busy until it is
/// back, a second write meanwhile is refused with a sentence, and the doel is stored once.
#[test]
fn plan_toont_bezig_tijdens_het_opslaan() {
    let (_dir, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Plannende Populier");
    let lg = s.leefgebieden().unwrap().into_iter().find(|l| l.actief).expect("an active leefgebied");
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    let plan = |m| Message::Detail(detail::Message::Plan(m));
    stuur_en_wacht(&mut app, Message::Detail(detail::Message::Tab(detail::Tab::Plan)));
    stuur_en_wacht(&mut app, plan(plan::Message::DoelLeefgebied(Keuze::new(&lg.id, &lg.naam))));
    stuur_en_wacht(&mut app, plan(plan::Message::DoelTekst("Vaste woonplek vinden".into())));
    let opslaan = app.update(plan(plan::Message::DoelToevoegen));
    verwacht(&app, detail::BEZIG);
    let tweede = app.update(plan(plan::Message::DoelToevoegen));
    voer_uit(&mut app, tweede);
    verwacht(&app, schakel::ui::NOG_BEZIG);
    voer_uit(&mut app, opslaan);
    assert!(!toont(&app, detail::BEZIG), "the busy line goes with the result");
    verwacht(&app, "Vaste woonplek vinden");
    drop(app);
    let s = Store::open(&map, &sleutel()).unwrap();
    assert_eq!(s.plan(&n).unwrap().doelen.len(), 1, "stored once");
}

/// A partner is added off the event loop: the top bar says "Bezig met opslaan…" on the
/// partners page, a second click meanwhile is refused in the banner, and the partner is
/// stored once and shown when the write is back.
#[test]
fn partners_toont_bezig_tijdens_het_opslaan() {
    use schakel::ui::screen::partners;
    let (opzet, mut app) = app_met_partners();
    klik(&mut app, "Partners");
    typ(&mut app, "partner-nieuw", "Stichting Vaste Grond");
    stuur_en_wacht(&mut app, Message::Partners(partners::Message::NieuwSoort(PartnerSoort::Overig)));
    let opslaan = klik_zonder_wachten(&mut app, "Partner toevoegen");
    verwacht(&app, detail::BEZIG);
    if toont(&app, "Partner toevoegen") {
        let tweede = klik_zonder_wachten(&mut app, "Partner toevoegen");
        voer_uit(&mut app, tweede);
        verwacht(&app, schakel::ui::NOG_BEZIG);
    }
    voer_uit(&mut app, opslaan);
    assert!(!toont(&app, detail::BEZIG), "the busy line goes with the result");
    verwacht(&app, "Stichting Vaste Grond");
    drop(app);
    let s = Store::open(&opzet.map, &sleutel()).unwrap();
    let aantal = s.alle_partners().unwrap().iter().filter(|p| p.naam == "Stichting Vaste Grond").count();
    assert_eq!(aantal, 1, "stored once");
}

/// Locking while a short write is in flight waits for it ("Wijzigingen worden opgeslagen…"): the
/// window locks when the write has committed, and the write is in the database.
#[test]
fn vergrendelen_wacht_op_een_lopende_opslag() {
    let (_dir, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Wachtende Wilg");
    let lg = s.leefgebieden().unwrap().into_iter().find(|l| l.actief).expect("an active leefgebied");
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    let plan = |m| Message::Detail(detail::Message::Plan(m));
    stuur_en_wacht(&mut app, Message::Detail(detail::Message::Tab(detail::Tab::Plan)));
    stuur_en_wacht(&mut app, plan(plan::Message::DoelLeefgebied(Keuze::new(&lg.id, &lg.naam))));
    stuur_en_wacht(&mut app, plan(plan::Message::DoelTekst("Schulden in beeld".into())));
    let opslaan = app.update(plan(plan::Message::DoelToevoegen));
    let vergrendelen = app.update(Message::Vergrendel);
    assert!(app.is_ontgrendeld(), "no lock while a write is in flight");
    verwacht(&app, detail::BEZIG);
    voer_uit(&mut app, opslaan);
    voer_uit(&mut app, vergrendelen);
    assert!(!app.is_ontgrendeld(), "locked once the write has committed");
    let s = Store::open(&map, &sleutel()).unwrap();
    let doelen = s.plan(&n).unwrap().doelen;
    assert_eq!(doelen.len(), 1, "the write in flight was not lost");
}

/// Opening a casus in the window writes one "inzien" audit row; the re-reads after saves
/// are pure reads and write none.
#[test]
fn openen_is_een_inzage_en_verversen_na_opslaan_niet() {
    let (_dir, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Gelezen Gagel");
    let lg = s.leefgebieden().unwrap().into_iter().find(|l| l.actief).expect("an active leefgebied");
    let id = s.casus_detail_verversen(&n).unwrap().regel.id;
    let inzien = |s: &Store| s.audit_casus(&id, 500).unwrap().iter().filter(|r| r.handeling == "inzien").count();
    let voor = inzien(&s);
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    stuur_en_wacht(&mut app, Message::Detail(detail::Message::Tab(detail::Tab::Plan)));
    let plan = |m| Message::Detail(detail::Message::Plan(m));
    for doel in ["Werk vinden", "Dagbesteding regelen"] {
        stuur_en_wacht(&mut app, plan(plan::Message::DoelLeefgebied(Keuze::new(&lg.id, &lg.naam))));
        stuur_en_wacht(&mut app, plan(plan::Message::DoelTekst(doel.into())));
        stuur_en_wacht(&mut app, plan(plan::Message::DoelToevoegen));
    }
    verwacht(&app, "Dagbesteding regelen");
    drop(app);
    let s = Store::open(&map, &sleutel()).unwrap();
    assert_eq!(inzien(&s), voor + 1, "one view per opening, none per save");
}

/// Closing while a short write is in flight waits for it: the banner says "Wijzigingen
/// worden opgeslagen…" (the window stays), and the write is in the database before it closes.
#[test]
fn sluiten_wacht_op_een_lopende_opslag() {
    let (_dir, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Sluitende Spar");
    let lg = s.leefgebieden().unwrap().into_iter().find(|l| l.actief).expect("an active leefgebied");
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    let plan = |m| Message::Detail(detail::Message::Plan(m));
    stuur_en_wacht(&mut app, Message::Detail(detail::Message::Tab(detail::Tab::Plan)));
    stuur_en_wacht(&mut app, plan(plan::Message::DoelLeefgebied(Keuze::new(&lg.id, &lg.naam))));
    stuur_en_wacht(&mut app, plan(plan::Message::DoelTekst("Netwerk versterken".into())));
    let opslaan = app.update(plan(plan::Message::DoelToevoegen));
    let sluiten = app.update(Message::SluitenGevraagd(iced::window::Id::unique()));
    assert!(app.is_ontgrendeld(), "the window stays while the write is in flight");
    // The blue banner and the casus screen's busy line say it is saving.
    verwacht(&app, schakel::ui::OPSLAAN_BIJ_VERLATEN);
    verwacht(&app, detail::BEZIG);
    voer_uit(&mut app, opslaan);
    voer_uit(&mut app, sluiten);
    drop(app);
    let s = Store::open(&map, &sleutel()).unwrap();
    assert_eq!(s.plan(&n).unwrap().doelen.len(), 1, "the write in flight was not lost");
}

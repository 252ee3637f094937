//! Window craft (issue 19): Enter submits, Escape cancels, the new card is marked and the
//! board sorts, Enter opens the first search hit, closing a meeting warns first, the
//! agenda pickers search and leave out what is already chosen.

use crate::hulp;
use crate::ui::{init_backend, klik, klik_en_wacht, simulator, stuur_en_wacht, toont, typ, verwacht, voer_uit};
use chrono::NaiveTime;
use iced::keyboard::{Key, Modifiers, key};
use iced_test::selector::{self, Candidate};
use schakel::domain::partner::PartnerSoort;
use schakel::domain::{Ave, Convenantstatus, OverlegSoort};
use schakel::store::{CasusFilter, Gegevensmap, NieuwOverleg, NieuweCasus, NieuwePartner, Store};
use schakel::ui::screen::{board, overleggen};
use schakel::ui::widgets::Keuze;
use schakel::ui::{App, Message, sneltoets};

/// The input to type in: by id, or the field left of a button (a combo box is not
/// findable by its placeholder).
enum Doel {
    Id(&'static str),
    LinksVan(&'static str),
}

/// Click the input, type `tekst`, press Enter; feed the messages.
fn typ_en_enter(app: &mut App, doel: Doel, tekst: &str) {
    init_backend();
    let berichten: Vec<Message> = {
        let mut ui = simulator(app.view());
        match doel {
            Doel::Id(id) => ui.click(selector::id(id)).map(|_| ()),
            Doel::LinksVan(knop) => ui
                .find(|c: Candidate<'_>| match c {
                    Candidate::Text { content, bounds, .. } if content == knop => Some(bounds),
                    _ => None,
                })
                .map(|b| {
                    ui.point_at(iced::Point::new(b.x - 250.0, b.center_y()));
                    let _ = ui.simulate(iced_test::simulator::click());
                }),
        }
        .unwrap_or_else(|e| panic!("no input: {e:?}"));
        let _ = ui.typewrite(tekst);
        let _ = ui.tap_key(key::Named::Enter);
        ui.into_messages().collect()
    };
    // As in the window, Enter may come before the searches typed before it have returned:
    // every message is handled first, then the searches' tasks run.
    let taken: Vec<_> = berichten.into_iter().map(|m| app.update(m)).collect();
    voer_uit(app, iced::Task::batch(taken));
}

fn escape(app: &mut App) {
    let m = sneltoets(Key::Named(key::Named::Escape), Modifiers::empty()).expect("Escape is a shortcut");
    stuur_en_wacht(app, m);
}

/// The top edge of the first text widget that is exactly `tekst`.
fn boven(app: &App, tekst: &str) -> f32 {
    init_backend();
    let mut ui = simulator(app.view());
    ui.find(|c: Candidate<'_>| match c {
        Candidate::Text { content, bounds, .. } if content == tekst => Some(bounds.y),
        _ => None,
    })
    .unwrap_or_else(|e| panic!("no text {tekst:?}: {e:?}"))
}

fn aantal_casussen(map: &Gegevensmap) -> usize {
    let s = Store::open(map, &hulp::sleutel()).unwrap();
    s.casus_lijst(&CasusFilter::default()).unwrap().len()
}

struct Opzet {
    _dir: tempfile::TempDir,
    map: Gegevensmap,
    politie: String,
}

/// Two cases in aanmelding: "Oude Eik" (AVE 4, older number) and "Jonge Beuk" (AVE 2).
fn opzet() -> (Opzet, App) {
    let (dir, map, mut s) = hulp::store();
    let politie = s
        .partner_toevoegen(NieuwePartner {
            naam: "Politie".into(),
            soort: PartnerSoort::Justitie,
            convenantstatus: Convenantstatus::Convenant,
        })
        .unwrap();
    for (naam, ave) in [("Oude Eik", 4), ("Jonge Beuk", 2)] {
        s.nieuwe_casus(NieuweCasus {
            werknaam: naam.into(),
            thema: "nazorg".into(),
            ave: Some(Ave::new(ave).unwrap()),
            ..Default::default()
        })
        .unwrap();
    }
    let app = App::met_store(map.clone(), s);
    (Opzet { _dir: dir, map, politie }, app)
}

fn formulier(app: &mut App, politie: &str) {
    let b = |m| Message::Board(m);
    let _ =
        app.update(b(board::Message::FormulierKeuze(board::KeuzeVeld::Thema, Keuze::new("thema-nazorg", "Nazorg"))));
    stuur_en_wacht(app, b(board::Message::FormulierKeuze(board::KeuzeVeld::Aanmelder, Keuze::new(politie, "Politie"))));
    typ(app, "aanmelding-werknaam", "Stille Eik");
    typ(app, "aanmelding-probleem", "Dakloos na detentie");
}

#[test]
fn escape_closes_the_referral_and_enter_registers_it_marked_on_top() {
    let (o, mut app) = opzet();
    klik(&mut app, "Nieuwe aanmelding");
    formulier(&mut app, &o.politie);
    verwacht(&app, "Aanmelding registreren");
    // Escape closes the dialog; nothing is registered.
    escape(&mut app);
    assert!(!toont(&app, "Aanmelding registreren"), "Escape closes the dialog");
    assert_eq!(aantal_casussen(&o.map), 2, "Escape registers nothing");

    // Enter in the last field submits the form.
    klik(&mut app, "Nieuwe aanmelding");
    formulier(&mut app, &o.politie);
    typ_en_enter(&mut app, Doel::Id("aanmelding-vraag"), "Regie op terugkeer");
    verwacht(&app, "Aanmelding geregistreerd als casus");
    assert_eq!(aantal_casussen(&o.map), 3, "Enter registered the referral");
    assert!(!toont(&app, "Aanmelding registreren"), "the dialog closed");

    // The new card is marked and stands on top of its column, whatever the order.
    verwacht(&app, "Net aangemeld");
    assert!(boven(&app, "Stille Eik") < boven(&app, "Jonge Beuk"));
    stuur_en_wacht(&mut app, Message::Board(board::Message::Sorteer(board::Sortering::Ave)));
    assert!(boven(&app, "Stille Eik") < boven(&app, "Oude Eik"), "the new card stays on top");
}

#[test]
fn a_future_birth_date_registers_nothing() {
    let (o, mut app) = opzet();
    klik(&mut app, "Nieuwe aanmelding");
    formulier(&mut app, &o.politie);
    typ(&mut app, "aanmelding-vraag", "Regie op de veiligheid");
    typ(&mut app, "aanmelding-naam", "Tessa Windhoek");
    let later = (chrono::Local::now().date_naive() + chrono::Days::new(90)).format("%d-%m-%Y").to_string();
    typ_en_enter(&mut app, Doel::Id("aanmelding-geboortedatum"), &later);
    // The real reason, in the form; no casus without its hoofdpersoon.
    verwacht(&app, &format!("Geboortedatum ligt in de toekomst ({later})"));
    assert_eq!(aantal_casussen(&o.map), 2, "nothing was registered");
    verwacht(&app, "Aanmelding registreren");
    assert!(!toont(&app, "Aanmelding geregistreerd als casus"));
}

#[test]
fn enter_adds_a_betrokkene() {
    let (_dir, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Rustige Wilg");
    let mut app = App::met_store(map, s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n));
    typ(&mut app, "persoon-naam", "Tessa Windhoek");
    typ_en_enter(&mut app, Doel::Id("persoon-geboortedatum"), "12-03-1990");
    verwacht(&app, "Tessa Windhoek (");
    verwacht(&app, "geboren 12-03-1990");
    // Enter on an incomplete form says why, like the button.
    typ_en_enter(&mut app, Doel::Id("persoon-bsn"), "123456782");
    verwacht(&app, "Vul de naam van de betrokkene in.");
}

#[test]
fn the_weging_toelichting_is_shown_in_the_casus_and_its_historie() {
    let (_dir, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Rustige Wilg");
    s.casus_fase(&n, &schakel::domain::fase::FaseOvergang::naar(schakel::domain::Fase::Weging)).unwrap();
    let mut app = App::met_store(map, s);
    // The move dialog from weging asks the outcome and a toelichting.
    klik(&mut app, "Rustige Wilg");
    stuur_en_wacht(&mut app, Message::Pijl(schakel::ui::Richting::Rechts));
    stuur_en_wacht(
        &mut app,
        Message::Board(board::Message::KiesUitkomst(schakel::domain::WegingUitkomst::Procesregie)),
    );
    typ(&mut app, "verplaats-reden", "Meerdere partners, escalatie in de wijk");
    klik_en_wacht(&mut app, "Verplaatsen");
    verwacht(&app, "staat nu in procesregie");
    stuur_en_wacht(&mut app, Message::OpenCasus(n));
    verwacht(&app, "Toelichting weging");
    verwacht(&app, "Meerdere partners, escalatie in de wijk");
    klik(&mut app, "Historie");
    verwacht(&app, "Weging → Procesregie: Meerdere partners, escalatie in de wijk");
}

#[test]
fn board_sorts_by_newest_or_ave() {
    let (_o, mut app) = opzet();
    // Newest first is the default: the later number above the earlier one.
    assert!(boven(&app, "Jonge Beuk") < boven(&app, "Oude Eik"));
    stuur_en_wacht(&mut app, Message::Board(board::Message::Sorteer(board::Sortering::Ave)));
    assert!(boven(&app, "Oude Eik") < boven(&app, "Jonge Beuk"), "AVE 4 above AVE 2");
}

#[test]
fn enter_in_search_opens_the_first_hit() {
    let (_o, mut app) = opzet();
    typ_en_enter(&mut app, Doel::Id("globaal-zoeken"), "Jonge");
    verwacht(&app, "Plan van aanpak");
    verwacht(&app, "Jonge Beuk");
    assert!(!toont(&app, "Oude Eik"), "the casus opened, the board is gone");
}

/// A meeting a week ahead with two of four cases on the agenda; only the first has minutes.
fn overleg_opzet() -> (tempfile::TempDir, Gegevensmap, Vec<String>, App) {
    let (dir, map, mut s) = hulp::store();
    let a = hulp::casus(&mut s, "Met Verslag");
    let b = hulp::casus(&mut s, "Zonder Verslag");
    let c = hulp::casus(&mut s, "Nog Niet Besproken");
    // The newest case, first in the picker until the user types.
    hulp::casus(&mut s, "Laatste Kastanje");
    let o = s
        .overleg_plannen(NieuwOverleg {
            soort: OverlegSoort::Casusoverleg.code().into(),
            datum: chrono::Local::now().date_naive() + chrono::Duration::days(7),
            begintijd: NaiveTime::parse_from_str("09:00", "%H:%M").unwrap(),
            plaats: "Zaal".into(),
            voorzitter: "Test Regisseur".into(),
        })
        .unwrap();
    let pa = s.agendapunt_toevoegen(&o, &a, 15).unwrap();
    s.agendapunt_toevoegen(&o, &b, 15).unwrap();
    s.agendapunt_bob(&pa, "Woonsituatie xylofoonwoord onzeker", "Zorgen", "Huisbezoek").unwrap();
    let app = App::met_store(map.clone(), s);
    (dir, map, vec![a, b, c], app)
}

#[test]
fn closing_a_future_meeting_warns_first_and_escape_cancels() {
    let (_dir, map, n, mut app) = overleg_opzet();
    klik(&mut app, "Overleggen");
    klik(&mut app, "Overleg sluiten");
    verwacht(&app, "Overleg sluiten?");
    verwacht(&app, "Let op: dit overleg ligt in de toekomst.");
    verwacht(&app, &format!("Let op: zonder beeld, oordeel of besluit: 1 casus ({}).", n[1]));
    escape(&mut app);
    assert!(!toont(&app, "Overleg sluiten?"), "Escape closes the confirmation");
    let s = Store::open(&map, &hulp::sleutel()).unwrap();
    let o = &s.overleggen().unwrap()[0];
    assert_eq!(o.status, schakel::domain::overleg::OverlegStatus::Gepland, "nothing was closed");
}

#[test]
fn bob_fields_take_several_lines() {
    let (_dir, map, n, mut app) = overleg_opzet();
    klik(&mut app, "Overleggen");
    klik(&mut app, "Overleg voeren");
    init_backend();
    let berichten: Vec<Message> = {
        let mut ui = simulator(app.view());
        ui.click(selector::id("bob-beeld-1")).expect("BOB editor of the second item");
        let _ = ui.typewrite("Eerste regel");
        let _ = ui.tap_key(key::Named::Enter);
        let _ = ui.typewrite("Tweede regel");
        ui.into_messages().collect()
    };
    for m in berichten {
        stuur_en_wacht(&mut app, m);
    }
    stuur_en_wacht(&mut app, Message::Opslaan);
    verwacht(&app, "Verslag opgeslagen.");
    let s = Store::open(&map, &hulp::sleutel()).unwrap();
    let o = &s.overleggen().unwrap()[0];
    let punt = s.agenda(&o.id).unwrap().into_iter().find(|p| p.casusnummer == n[1]).unwrap();
    assert_eq!(punt.beeld, "Eerste regel\nTweede regel");
}

#[test]
fn pdf_button_says_why_when_no_file_was_chosen() {
    let (_dir, map, _n, mut app) = overleg_opzet();
    klik(&mut app, "Overleggen");
    verwacht(&app, "Agenda als PDF…");
    let id = {
        let s = Store::open(&map, &hulp::sleutel()).unwrap();
        s.overleggen().unwrap()[0].id.clone()
    };
    stuur_en_wacht(&mut app, Message::OverlegPdfPadGekozen { stuk: overleggen::Stuk::Agenda, overleg: id, pad: None });
    verwacht(&app, "Geen bestand gekozen: de agenda is niet als PDF opgeslagen.");
}

#[test]
fn agenda_picker_filters_and_leaves_out_what_is_on_the_agenda() {
    let (_dir, map, n, mut app) = overleg_opzet();
    klik(&mut app, "Overleggen");
    let plek = "Op de agenda";
    // Typing filters: Enter takes the first match, not the first case in the list.
    typ_en_enter(&mut app, Doel::LinksVan(plek), "besproken");
    klik(&mut app, "Op de agenda");
    verwacht(&app, "Agenda (3 agendapunten)");
    let s = Store::open(&map, &hulp::sleutel()).unwrap();
    let o = s.overleggen().unwrap()[0].id.clone();
    assert!(s.agenda(&o).unwrap().iter().any(|p| p.casusnummer == n[2]), "the filtered casus is on the agenda");
    drop(s);
    // A case already on the agenda is not offered: nothing matches, nothing is chosen.
    typ_en_enter(&mut app, Doel::LinksVan(plek), "zonder verslag");
    klik(&mut app, "Op de agenda");
    verwacht(&app, "Kies eerst een casus voor de agenda.");
    verwacht(&app, "Agenda (3 agendapunten)");
}

/// The top edge of the first text widget containing `deel`.
fn boven_deel(app: &App, deel: &str) -> f32 {
    init_backend();
    let mut ui = simulator(app.view());
    ui.find(|c: Candidate<'_>| match c {
        Candidate::Text { content, bounds, .. } if content.contains(deel) => Some(bounds.y),
        _ => None,
    })
    .unwrap_or_else(|e| panic!("no text {deel:?}: {e:?}"))
}

#[test]
fn a_banner_does_not_push_the_page_down() {
    let (_o, mut app) = opzet();
    let uitleg = "Klik op een kaart om te selecteren";
    let (kop, kaart) = (boven_deel(&app, uitleg), boven(&app, "Oude Eik"));
    // Alt+→ without a selected card: an error banner appears.
    stuur_en_wacht(&mut app, Message::Board(board::Message::VerplaatsGeselecteerde(true)));
    verwacht(&app, "Selecteer eerst een casus");
    assert_eq!(boven_deel(&app, uitleg), kop, "the help line stays put");
    assert_eq!(boven(&app, "Oude Eik"), kaart, "the cards stay put");
    // Closing it changes nothing either.
    klik(&mut app, "Sluiten");
    assert!(!toont(&app, "Selecteer eerst een casus"));
    assert_eq!(boven(&app, "Oude Eik"), kaart);
}

#[test]
fn a_progress_bar_does_not_push_the_page_down() {
    use schakel::ui::Pagina;
    use schakel::ui::screen::privacy;
    let (o, mut app) = opzet();
    let uitleg = "Klik op een kaart om te selecteren";
    let (kop, kaart) = (boven_deel(&app, uitleg), boven(&app, "Oude Eik"));
    // Start a backup; its task is never run here, so the job stays running.
    let pad = o._dir.path().join("loopt.schakelbackup");
    stuur_en_wacht(&mut app, Message::Navigeer(Pagina::Privacy));
    stuur_en_wacht(&mut app, Message::Privacy(privacy::Message::Gekozen(privacy::Bestand::Backup, Some(pad))));
    stuur_en_wacht(&mut app, Message::Privacy(privacy::Message::BackupWachtwoord("backup-loopt-nog".into())));
    stuur_en_wacht(&mut app, Message::Privacy(privacy::Message::BackupHerhaal("backup-loopt-nog".into())));
    let _ = app.update(Message::Privacy(privacy::Message::BackupMaken));
    stuur_en_wacht(&mut app, Message::Navigeer(Pagina::Casussen));
    verwacht(&app, "Back-up maken… (");
    assert_eq!(boven_deel(&app, uitleg), kop, "the help line stays put");
    assert_eq!(boven(&app, "Oude Eik"), kaart, "the cards stay put");
}

#[test]
fn closed_minutes_are_found_and_enter_opens_the_casus() {
    let (_dir, _map, _n, mut app) = overleg_opzet();
    klik(&mut app, "Overleggen");
    klik(&mut app, "Overleg sluiten");
    klik(&mut app, "Ja, overleg sluiten");
    verwacht(&app, "Overleg gesloten");
    typ_en_enter(&mut app, Doel::Id("globaal-zoeken"), "xylofoonwoord");
    verwacht(&app, "Plan van aanpak");
    verwacht(&app, "Met Verslag");
    // The minutes are in the casus journaal.
    klik(&mut app, "Journaal");
    verwacht(&app, "Woonsituatie xylofoonwoord onzeker");
}

#[test]
fn escape_cancels_an_inline_action_edit() {
    let (_dir, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Rustige Wilg");
    s.actie_toevoegen(
        &n,
        schakel::store::NieuweActie { omschrijving: "ID-kaart aanvragen".into(), ..Default::default() },
    )
    .unwrap();
    let mut app = App::met_store(map, s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n));
    klik(&mut app, "Plan van aanpak");
    klik(&mut app, "Bewerken");
    verwacht(&app, "Opslaan (Ctrl+S)");
    escape(&mut app);
    assert!(!toont(&app, "Opslaan (Ctrl+S)"), "Escape leaves the edit");
    verwacht(&app, "ID-kaart aanvragen");
}

#[test]
fn a_narrow_window_still_shows_the_action_description() {
    let (_dir, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Smalle Wilg");
    s.actie_toevoegen(
        &n,
        schakel::store::NieuweActie { omschrijving: "Toezichtsrapportage delen".into(), ..Default::default() },
    )
    .unwrap();
    let mut app = App::met_store(map, s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n));
    klik(&mut app, "Plan van aanpak");
    // The smallest window Schakel allows is 1024 wide: the description column keeps room.
    init_backend();
    let mut ui = iced_test::Simulator::with_size(iced::Settings::default(), (1024.0, 2400.0), app.view());
    let b = ui
        .find(|c: Candidate<'_>| match c {
            Candidate::Text { content: "Toezichtsrapportage delen", bounds, .. } => Some(bounds),
            _ => None,
        })
        .unwrap_or_else(|e| panic!("no description: {e:?}"));
    assert!(b.width >= 100.0, "the description column is {} px wide", b.width);
}

/// The width of the first text widget that is exactly `tekst`, in a window `breedte` wide.
fn breedte_van(app: &App, breedte: f32, tekst: &str) -> f32 {
    init_backend();
    let mut ui = iced_test::Simulator::with_size(iced::Settings::default(), (breedte, 900.0), app.view());
    ui.find(|c: Candidate<'_>| match c {
        Candidate::Text { content, bounds, .. } if content == tekst => Some(bounds.width),
        _ => None,
    })
    .unwrap_or_else(|e| panic!("no text {tekst:?}: {e:?}"))
}

/// In the smallest window (1024 px) the six lanes keep a readable width and the board
/// scrolls sideways: a card's number and theme are as wide as in a large window, not
/// squeezed into a sliver of a lane and cut off.
#[test]
fn a_narrow_board_keeps_its_lanes_readable() {
    let (_o, app) = opzet();
    let nummer = Store::open(&_o.map, &hulp::sleutel()).unwrap().casus_lijst(&CasusFilter::default()).unwrap()[0]
        .casusnummer
        .clone();
    for tekst in [nummer.as_str(), "Ondersteunen"] {
        let breed = breedte_van(&app, 1600.0, tekst);
        let smal = breedte_van(&app, 1024.0, tekst);
        assert!(smal >= breed - 0.5, "{tekst:?} is {smal} px wide at 1024 px and {breed} px at 1600 px");
    }
}

/// A board save runs off the event loop: while it runs the dialog's button says what it is
/// doing and cannot be pressed again (nor can the dialog be cancelled), and the result
/// replaces it when the task has run.
#[test]
fn het_bord_toont_bezig_terwijl_opslaan_loopt() {
    let (o, mut app) = opzet();
    klik(&mut app, "Nieuwe aanmelding");
    formulier(&mut app, &o.politie);
    typ(&mut app, "aanmelding-vraag", "Regie op terugkeer");
    let opslaan = app.update(Message::Board(board::Message::Aanmelden));
    verwacht(&app, board::BEZIG_AANMELDEN);
    assert!(!toont(&app, "Aanmelding registreren"), "the save button shows the busy label");
    escape(&mut app);
    verwacht(&app, board::BEZIG_AANMELDEN);
    voer_uit(&mut app, opslaan);
    verwacht(&app, "Aanmelding geregistreerd als casus");
    assert!(!toont(&app, board::BEZIG_AANMELDEN));
    assert_eq!(aantal_casussen(&o.map), 3, "registered once");

    // A move without a dialog: the board says it is moving, then where the casus is.
    klik(&mut app, "Stille Eik");
    let opslaan = app.update(Message::Pijl(schakel::ui::Richting::Rechts));
    verwacht(&app, board::BEZIG_VERPLAATSEN);
    // A second move while the first is saved is not started.
    let tweede = app.update(Message::Pijl(schakel::ui::Richting::Rechts));
    voer_uit(&mut app, tweede);
    verwacht(&app, board::BEZIG_VERPLAATSEN);
    voer_uit(&mut app, opslaan);
    verwacht(&app, "staat nu in weging");
    assert!(!toont(&app, board::BEZIG_VERPLAATSEN));
}

/// Issue 22's bezoekdag: in PI Veenhuizen, two meldingen and one casus betrokkene are
/// chosen (a fourth detainee there is not, one in PI Leeuwarden is not a candidate); the
/// bezoeklijst PDF names exactly those three; after the visit three reports are entered in
/// one go and show on the melding pages and in the casus journaal.
#[test]
fn bezoekdag_pi_veenhuizen_met_drie_personen() {
    use crate::bezoekdag::{gedetineerde_casus, melding};
    use schakel::domain::{JournaalSoort, MedewerkerRol};
    use schakel::ui::screen::{bezoekdag::Message as B, detail, meldingen};
    let (dir, map, mut s) = hulp::store();
    let apparaat = s.apparaat().to_string();
    let sanne = s.medewerker_toevoegen("Sanne Ådelaar", MedewerkerRol::Trajectbegeleider, Some(&apparaat)).unwrap();
    s.mij_instellen(&sanne).unwrap();
    let joelle = melding(&mut s, &sanne, "Joëlle Vermeulenga", "PI Veenhuizen");
    let kees = melding(&mut s, &sanne, "Kees Dijkstraat", "PI Veenhuizen");
    melding(&mut s, &sanne, "Ruud Zeeländer", "PI Veenhuizen");
    melding(&mut s, &sanne, "Femke Leeuwenhart", "PI Leeuwarden");
    let (nummer, _) = gedetineerde_casus(&mut s, "Grijze Reiger", "Daan Ölmezoğlu", "PI Veenhuizen");
    let mut app = App::met_store(map.clone(), s);
    klik_en_wacht(&mut app, "Bezoekdag");
    verwacht(&app, "Nog geen bezoekdagen gepland.");
    verwacht(&app, "Kies eerst de inrichting.");
    klik_en_wacht(&mut app, "Bezoek opslaan");
    verwacht(&app, "Kies de inrichting van het bezoek.");
    stuur_en_wacht(&mut app, Message::Bezoekdag(B::Inrichting("PI Veenhuizen".into())));
    for naam in ["Joëlle Vermeulenga", "Kees Dijkstraat", "Ruud Zeeländer", "Daan Ölmezoğlu"] {
        verwacht(&app, naam);
    }
    assert!(!toont(&app, "Femke Leeuwenhart"), "a detainee of PI Leeuwarden is no candidate");
    stuur_en_wacht(&mut app, Message::Bezoekdag(B::Datum("03-12-2026".into())));
    klik_en_wacht(&mut app, "Bezoek opslaan");
    verwacht(&app, "Kies minstens één persoon.");
    for naam in ["Joëlle Vermeulenga", "Kees Dijkstraat", "Daan Ölmezoğlu"] {
        klik(&mut app, naam);
    }
    klik_en_wacht(&mut app, "Bezoek opslaan");
    verwacht(&app, "Bezoek opgeslagen met 3 personen.");
    verwacht(&app, "03-12-2026 · PI Veenhuizen");
    // The PDF button asks for a file (a dialog); the chosen path comes back as a message.
    verwacht(&app, "Bezoeklijst als PDF…");
    let pdf = dir.path().join("bezoeklijst.pdf");
    stuur_en_wacht(&mut app, Message::Bezoekdag(B::PdfPadGekozen(Some(pdf.clone()))));
    verwacht(&app, "Bezoeklijst PI Veenhuizen 03-12-2026 opgeslagen in");
    let (tekst, _) = crate::rapport::tekst(&std::fs::read(&pdf).unwrap());
    for naam in ["Joëlle Vermeulenga", "Kees Dijkstraat", "Daan Ölmezoğlu", "Sanne Ådelaar"] {
        assert!(tekst.contains(naam), "{naam} missing from the bezoeklijst: {tekst}");
    }
    assert!(!tekst.contains("Zeeländer") && !tekst.contains("Leeuwenhart"), "nobody else: {tekst}");
    // After the visit: one report per person, saved in one go.
    klik(&mut app, "Verslagen invoeren");
    crate::ui::typ_in(&mut app, "Verslag over Joëlle Vermeulenga", "Paspoort aangevraagd.");
    crate::ui::typ_in(&mut app, "Verslag over Kees Dijkstraat", "Schulden in beeld gebracht.");
    crate::ui::typ_in(&mut app, "Verslag over Daan Ölmezoğlu", "Woonruimte in Assen besproken.");
    klik_en_wacht(&mut app, "Opslaan");
    verwacht(&app, "3 verslagen opgeslagen.");
    let s = Store::open(&map, &hulp::sleutel()).unwrap();
    let notities: Vec<String> = [&joelle, &kees]
        .iter()
        .flat_map(|m| s.melding_verversen(m).unwrap().notities)
        .filter(|n| n.soort == JournaalSoort::PiBezoek)
        .map(|n| n.tekst)
        .collect();
    assert_eq!(notities, ["Paspoort aangevraagd.", "Schulden in beeld gebracht."]);
    let journaal: Vec<String> = s
        .casus_detail_verversen(&nummer)
        .unwrap()
        .journaal
        .into_iter()
        .filter(|j| j.soort == JournaalSoort::PiBezoek)
        .map(|j| j.tekst)
        .collect();
    assert_eq!(journaal, ["Woonruimte in Assen besproken."]);
    // They show on their pages: the melding page and the casus journaal.
    klik_en_wacht(&mut app, "Meldingen");
    stuur_en_wacht(&mut app, Message::Meldingen(meldingen::Message::Kies(joelle.clone())));
    verwacht(&app, "03-12-2026 (PI-bezoek, PI Veenhuizen, ");
    verwacht(&app, "Paspoort aangevraagd.");
    stuur_en_wacht(&mut app, Message::OpenCasus(nummer));
    stuur_en_wacht(&mut app, Message::Detail(detail::Message::Tab(detail::Tab::Journaal)));
    verwacht(&app, "PI-bezoek PI Veenhuizen");
    verwacht(&app, "Woonruimte in Assen besproken.");
}

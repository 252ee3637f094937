//! Casus work in the window (issue 20): edit the aanmelding, assign, correct and remove a
//! betrokkene, edit the plan's doelen and acties, edit the lists, link a colleague.

use crate::hulp::{self, sleutel};
use crate::ui::{klik, klik_en_wacht, stuur_en_wacht, toont, typ, verwacht};
use iced::keyboard::{Key, Modifiers, key};
use schakel::domain::Rol;
use schakel::store::{Gegevensmap, NieuweBetrokkene, Store};
use schakel::ui::screen::detail;
use schakel::ui::{App, Message, sneltoets};

/// A store with one casus; the app opened on it.
fn app_met_casus(werknaam: &str) -> (tempfile::TempDir, Gegevensmap, String, App) {
    let (dir, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, werknaam);
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    (dir, map, n, app)
}

fn detail_msg(app: &mut App, m: detail::Message) {
    stuur_en_wacht(app, Message::Detail(m));
}

/// Press a shortcut and run the save it may start.
fn toets(app: &mut App, k: Key<&str>, m: Modifiers) {
    let bericht = sneltoets(k, m).expect("a shortcut");
    stuur_en_wacht(app, bericht);
}

#[test]
fn aanmelding_edits_with_ctrl_s_and_esc_and_the_same_checks_as_creation() {
    let (_d, map, n, mut app) = app_met_casus("Stille Eik");
    klik(&mut app, "Wijzigen");
    verwacht(&app, "Aanmelding wijzigen");
    // The same checks and sentences as the "Nieuwe aanmelding" form.
    detail_msg(&mut app, detail::Message::WijzigVeld(detail::AanmeldingVeld::Werknaam, String::new()));
    klik_en_wacht(&mut app, "Opslaan (Ctrl+S)");
    verwacht(&app, "Vul een werknaam in.");
    detail_msg(&mut app, detail::Message::WijzigVeld(detail::AanmeldingVeld::Werknaam, "Hoge Eik".into()));
    detail_msg(&mut app, detail::Message::WijzigVeld(detail::AanmeldingVeld::Probleem, "Schulden".into()));
    detail_msg(&mut app, detail::Message::WijzigVeld(detail::AanmeldingVeld::Vraag, "Regie".into()));
    detail_msg(&mut app, detail::Message::WijzigVeld(detail::AanmeldingVeld::Evaluatiedatum, "31-02-2027".into()));
    klik_en_wacht(&mut app, "Opslaan (Ctrl+S)");
    assert!(toont(&app, "Aanmelding wijzigen"), "an invalid date must keep the form open");
    detail_msg(&mut app, detail::Message::WijzigVeld(detail::AanmeldingVeld::Evaluatiedatum, String::new()));
    typ(&mut app, "wijzig-evaluatiedatum", "15-03-2027");
    typ(&mut app, "wijzig-geprobeerd", "Gesprek met de wijkagent");
    // Ctrl+S saves and says so.
    toets(&mut app, Key::Character("s"), Modifiers::CTRL);
    verwacht(&app, "Opgeslagen.");
    verwacht(&app, "Hoge Eik");
    assert!(!toont(&app, "Aanmelding wijzigen"), "the form closes after saving");

    // Esc cancels: nothing typed is written.
    klik(&mut app, "Wijzigen");
    typ(&mut app, "wijzig-werknaam", " en Beuk");
    toets(&mut app, Key::Named(key::Named::Escape), Modifiers::empty());
    assert!(!toont(&app, "Aanmelding wijzigen"), "Esc closes the form");
    drop(app);
    let mut s = Store::open(&map, &sleutel()).unwrap();
    let d = s.casus_detail(&n).unwrap();
    assert_eq!(d.regel.werknaam, "Hoge Eik");
    assert_eq!(d.probleem, "Schulden");
    assert_eq!(d.geprobeerd, "Gesprek met de wijkagent");
    assert_eq!(d.evaluatiedatum.as_deref(), Some("2027-03-15"));
}

#[test]
fn a_betrokkene_is_corrected_with_elfproef_and_reason_and_removed_after_confirmation() {
    let (_d, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Grijze Els");
    let id = s
        .betrokkene_toevoegen(
            &n,
            NieuweBetrokkene {
                naam: "Fictief Persoon".into(),
                geboortedatum: None,
                rol: Rol::Hoofdpersoon,
                bsn: Some("111222333".into()),
                initialen: None,
            },
        )
        .unwrap();
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    klik(&mut app, "Corrigeren");
    verwacht(&app, "Betrokkene corrigeren");
    let veld =
        |app: &mut App, v: detail::CorrectieVeld, t: &str| detail_msg(app, detail::Message::CorrectieVeld(v, t.into()));
    // A BSN that fails the elfproef is refused with the sentence of the CLI.
    veld(&mut app, detail::CorrectieVeld::Bsn, "123456789");
    veld(&mut app, detail::CorrectieVeld::Reden, "Typefout bij de intake");
    klik_en_wacht(&mut app, "Correctie opslaan");
    verwacht(&app, "Het BSN '123456789' is ongeldig: het moet uit 9 cijfers bestaan en de elfproef doorstaan.");
    // No reason: refused.
    veld(&mut app, detail::CorrectieVeld::Bsn, "123456782");
    veld(&mut app, detail::CorrectieVeld::Reden, "");
    klik_en_wacht(&mut app, "Correctie opslaan");
    verwacht(&app, "Het veld 'reden' is verplicht.");
    typ(&mut app, "correctie-reden", "Typefout bij de intake");
    klik_en_wacht(&mut app, "Correctie opslaan");
    verwacht(&app, "Opgeslagen: de gegevens van de betrokkene zijn gecorrigeerd.");
    verwacht(&app, "BSN 123456782");

    // Removing asks for confirmation and a reason.
    klik(&mut app, "Verwijderen");
    verwacht(&app, "Betrokkene verwijderen?");
    klik_en_wacht(&mut app, "Definitief verwijderen");
    verwacht(&app, "Het veld 'reden' is verplicht.");
    typ(&mut app, "verwijder-reden", "Hoort bij een andere casus");
    klik_en_wacht(&mut app, "Definitief verwijderen");
    verwacht(&app, "Nog geen betrokkenen vastgelegd.");
    drop(app);
    let mut s = Store::open(&map, &sleutel()).unwrap();
    let d = s.casus_detail(&n).unwrap();
    assert!(d.betrokkenen.iter().all(|b| b.id != id));
    let teksten: Vec<&str> = d.journaal.iter().map(|j| j.tekst.as_str()).collect();
    assert!(teksten.iter().any(|t| t.contains("gecorrigeerd") && t.contains("Typefout bij de intake")), "{teksten:?}");
    assert!(teksten.iter().any(|t| t.contains("Hoort bij een andere casus")), "{teksten:?}");
}

#[test]
fn plan_doel_is_edited_and_removed_and_an_actie_removed_after_confirmation() {
    let (_d, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Zwarte Populier");
    let doel = s.doel_toevoegen(&n, "wonen", "Vaste woonplek").unwrap();
    s.actie_toevoegen(
        &n,
        schakel::store::NieuweActie {
            omschrijving: "Woning zoeken".into(),
            doel_id: Some(doel.clone()),
            ..Default::default()
        },
    )
    .unwrap();
    s.actie_toevoegen(
        &n,
        schakel::store::NieuweActie { omschrijving: "Schulden in kaart".into(), ..Default::default() },
    )
    .unwrap();
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    klik(&mut app, "Plan van aanpak");

    // Edit the doel and save with Ctrl+S.
    klik(&mut app, "Doel wijzigen");
    typ(&mut app, "doel-bewerk", " binnen drie maanden");
    toets(&mut app, Key::Character("s"), Modifiers::CTRL);
    verwacht(&app, "• Vaste woonplek binnen drie maanden");

    // Remove an actie: asked first, Annuleren keeps it, confirming removes it.
    klik(&mut app, "Verwijderen");
    verwacht(&app, "Actie \u{201c}Woning zoeken\u{201d} verwijderen?");
    klik(&mut app, "Annuleren");
    assert!(crate::ui::schermtekst(&app).split(" | ").any(|t| t == "Woning zoeken"), "the row names the actie");
    klik(&mut app, "Verwijderen");
    klik(&mut app, "Ja, verwijderen");
    // Only the undo banner still names it; the row itself is gone.
    verwacht(&app, "Actie \u{201c}Woning zoeken\u{201d} verwijderd.");
    let teksten = crate::ui::schermtekst(&app);
    assert!(!teksten.split(" | ").any(|t| t == "Woning zoeken"), "the removed row is still shown: {teksten}");
    verwacht(&app, "Schulden in kaart");

    // Remove the doel after confirmation.
    klik(&mut app, "Doel verwijderen");
    verwacht(&app, "De acties bij dit doel blijven staan, zonder doel.");
    klik(&mut app, "Ja, verwijderen");
    verwacht(&app, "Nog geen doelen.");
    drop(app);
    let s = Store::open(&map, &sleutel()).unwrap();
    let p = s.plan(&n).unwrap();
    assert!(p.doelen.is_empty());
    let acties: Vec<&str> = p.acties.iter().map(|a| a.omschrijving.as_str()).collect();
    assert_eq!(acties, ["Schulden in kaart"]);
}

/// Does the "Nieuwe aanmelding" form offer this thema? (A pick list's options are not
/// text widgets the simulator can find, so this reads the choices the form is built from.)
fn aanmelding_biedt_thema(app: &App, naam: &str) -> bool {
    app.board().expect("unlocked").thema_keuzes().iter().any(|k| k.label == naam)
}

#[test]
fn a_thema_added_in_instellingen_is_offered_in_a_new_aanmelding_until_archived() {
    let (_d, map, s) = hulp::store();
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::Navigeer(schakel::ui::Pagina::Instellingen));
    verwacht(&app, "Thema's");
    // An empty name is refused with the store's sentence.
    klik(&mut app, "Thema toevoegen");
    verwacht(&app, "Het veld 'naam' is verplicht.");
    typ(&mut app, "nieuw-thema", "Woonoverlast");
    klik(&mut app, "Thema toevoegen");
    verwacht(&app, "Woonoverlast");
    typ(&mut app, "nieuw-leefgebied", "Vrije tijd");
    klik(&mut app, "Leefgebied toevoegen");
    verwacht(&app, "Vrije tijd");

    stuur_en_wacht(&mut app, Message::Navigeer(schakel::ui::Pagina::Casussen));
    klik(&mut app, "Nieuwe aanmelding");
    verwacht(&app, "Aanmelding registreren");
    assert!(aanmelding_biedt_thema(&app, "Woonoverlast"), "the new thema is not offered");

    // Archived: shown as such in Instellingen and no longer offered.
    stuur_en_wacht(&mut app, Message::Navigeer(schakel::ui::Pagina::Instellingen));
    let id = {
        let s = Store::open(&map, &sleutel()).unwrap();
        s.themas().unwrap().into_iter().find(|t| t.naam == "Woonoverlast").unwrap().id
    };
    stuur_en_wacht(
        &mut app,
        Message::Instellingen(schakel::ui::screen::instellingen::Message::Actief(
            schakel::ui::screen::instellingen::Lijst::Thema,
            id,
            false,
        )),
    );
    verwacht(&app, "Woonoverlast (gearchiveerd)");
    stuur_en_wacht(&mut app, Message::Navigeer(schakel::ui::Pagina::Casussen));
    assert!(!aanmelding_biedt_thema(&app, "Woonoverlast"), "an archived thema is still offered");
}

#[test]
fn a_colleague_of_another_organisation_is_linked_to_a_partner_showing_its_covenant() {
    use schakel::domain::Convenantstatus;
    use schakel::domain::partner::PartnerSoort;
    use schakel::store::{Collega, NieuwePartner};
    let (_d, map, mut s) = hulp::store();
    let reclassering = s
        .partner_toevoegen(NieuwePartner {
            naam: "Reclassering Testregio".into(),
            soort: PartnerSoort::Justitie,
            convenantstatus: Convenantstatus::Convenant,
        })
        .unwrap();
    // The card's organisation does not match a partner name, so nothing is linked yet.
    s.collega_toevoegen(&Collega {
        apparaat: "fictief-apparaat-b".into(),
        naam: "Fictieve Collega".into(),
        rol: "trajectbegeleider".into(),
        organisatie: "Reclassering".into(),
        ondertekening: [7; 32],
        age: "age1fictief".into(),
        toegevoegd_op: String::new(),
        bevestigd_op: None,
        verwijderd_op: None,
    })
    .unwrap();
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::Navigeer(schakel::ui::Pagina::Synchronisatie));
    verwacht(&app, "Reclassering is nog niet gekoppeld aan een partner.");
    stuur_en_wacht(
        &mut app,
        Message::Synchronisatie(schakel::ui::screen::synchronisatie::Message::Koppel(
            0,
            schakel::ui::widgets::Keuze::new(&reclassering, "Reclassering Testregio"),
        )),
    );
    verwacht(&app, "Collega gekoppeld aan de partner.");
    verwacht(&app, "Gekoppeld aan Reclassering Testregio: convenant");
    drop(app);
    let s = Store::open(&map, &sleutel()).unwrap();
    assert_eq!(s.collega_partner("fictief-apparaat-b").unwrap().as_deref(), Some(reclassering.as_str()));
}

/// A store with a casus that has one betrokkene with one detention; returns the ids.
fn casus_met_detentie(s: &mut Store, werknaam: &str) -> (String, String) {
    let n = hulp::casus(s, werknaam);
    let b = s
        .betrokkene_toevoegen(
            &n,
            NieuweBetrokkene {
                naam: "Fictief Persoon".into(),
                geboortedatum: None,
                rol: Rol::Hoofdpersoon,
                bsn: None,
                initialen: None,
            },
        )
        .unwrap();
    let d = s
        .detentie_toevoegen(
            &b,
            schakel::store::NieuweDetentie {
                inrichting: "PI Leeuwarden".into(),
                startdatum: chrono::NaiveDate::from_ymd_opt(2026, 3, 1),
                einddatum_verwacht: chrono::NaiveDate::from_ymd_opt(2026, 9, 1),
                zelfmelder: false,
                kortgestrafte: false,
            },
        )
        .unwrap();
    (n, d)
}

#[test]
fn a_detentie_is_corrected_and_removed_with_a_required_reason() {
    let (_d, map, mut s) = hulp::store();
    let (n, det) = casus_met_detentie(&mut s, "Rode Beuk");
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    klik(&mut app, "Detentie corrigeren");
    verwacht(&app, "Detentie opslaan (Ctrl+S)");
    detail_msg(&mut app, detail::Message::DetentieCorrectieVeld(detail::DetentieVeld::Inrichting, String::new()));
    typ(&mut app, "detentie-correctie-inrichting", "PI Veenhuizen");
    detail_msg(&mut app, detail::Message::DetentieCorrectieKortgestrafte(true));
    // No reason: refused with the sentence of the CLI, and nothing is written.
    toets(&mut app, Key::Character("s"), Modifiers::CTRL);
    verwacht(&app, "Het veld 'reden' is verplicht.");
    typ(&mut app, "detentie-correctie-reden", "Verkeerde inrichting overgenomen");
    toets(&mut app, Key::Character("s"), Modifiers::CTRL);
    verwacht(&app, "Opgeslagen: de detentie is gecorrigeerd.");
    verwacht(&app, "Detentie PI Veenhuizen: 01-03-2026 tot verwacht 01-09-2026, kortgestrafte");

    // Esc cancels an open correction.
    klik(&mut app, "Detentie corrigeren");
    typ(&mut app, "detentie-correctie-inrichting", " Noord");
    toets(&mut app, Key::Named(key::Named::Escape), Modifiers::empty());
    assert!(!toont(&app, "Detentie opslaan (Ctrl+S)"), "Esc closes the form");
    assert!(!toont(&app, "PI Veenhuizen Noord"), "Esc writes nothing");

    // Removing asks for a reason.
    klik(&mut app, "Detentie verwijderen");
    verwacht(&app, "Detentie verwijderen?");
    klik(&mut app, "Detentie definitief verwijderen");
    verwacht(&app, "Het veld 'reden' is verplicht.");
    typ(&mut app, "detentie-verwijder-reden", "Dubbel ingevoerd");
    klik(&mut app, "Detentie definitief verwijderen");
    verwacht(&app, "De detentie is uit de casus verwijderd.");
    assert!(!toont(&app, "Detentie PI Veenhuizen"), "the detention is gone from the overview");
    drop(app);
    let mut s = Store::open(&map, &sleutel()).unwrap();
    let d = s.casus_detail(&n).unwrap();
    assert!(d.betrokkenen.iter().flat_map(|b| &b.detenties).all(|d| d.id != det));
    let teksten: Vec<&str> = d.journaal.iter().map(|j| j.tekst.as_str()).collect();
    assert!(
        teksten
            .iter()
            .any(|t| t.starts_with("Detentie gecorrigeerd") && t.ends_with("Verkeerde inrichting overgenomen")),
        "{teksten:?}"
    );
    assert!(teksten.contains(&"Detentie verwijderd uit de casus: Dubbel ingevoerd"), "{teksten:?}");
}

#[test]
fn the_weging_is_corrected_with_a_date_and_a_weegtafel_in_the_detail() {
    use chrono::{Duration, Local, NaiveTime};
    use schakel::domain::{Fase, FaseOvergang, OverlegSoort, WegingUitkomst};
    let (_d, map, mut s) = hulp::store();
    let vandaag = Local::now().date_naive();
    let n = s
        .nieuwe_casus(schakel::store::NieuweCasus {
            werknaam: "Stille Wilg".into(),
            thema: "nazorg".into(),
            datum_aanmelding: Some(vandaag - Duration::days(30)),
            ..Default::default()
        })
        .unwrap()
        .to_string();
    s.casus_fase(&n, &FaseOvergang::naar(Fase::Weging)).unwrap();
    let weegtafel_datum = vandaag - Duration::days(7);
    let o = s
        .overleg_plannen(schakel::store::NieuwOverleg {
            soort: OverlegSoort::Weegtafel.code().into(),
            datum: weegtafel_datum,
            begintijd: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            plaats: "Zaal 3".into(),
            voorzitter: "Test Regisseur".into(),
        })
        .unwrap();
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    klik(&mut app, "Weging corrigeren");
    // Without an outcome: refused.
    klik(&mut app, "Weging opslaan (Ctrl+S)");
    verwacht(&app, "Kies de uitkomst van de weging.");
    detail_msg(&mut app, detail::Message::WegingUitkomst(WegingUitkomst::Procesregie));
    // A date in the future is refused by the store with its own sentence.
    let morgen = vandaag + Duration::days(1);
    typ(&mut app, "weging-datum", &morgen.format("%d-%m-%Y").to_string());
    toets(&mut app, Key::Character("s"), Modifiers::CTRL);
    verwacht(
        &app,
        &format!("'{}' is geen geldige datum; gebruik dd-mm-jjjj of jjjj-mm-dd.", morgen.format("%Y-%m-%d")),
    );
    let datum = vandaag - Duration::days(6);
    detail_msg(&mut app, detail::Message::WegingDatum(datum.format("%d-%m-%Y").to_string()));
    let label = format!("Weegtafel {}", weegtafel_datum.format("%d-%m-%Y"));
    detail_msg(&mut app, detail::Message::WegingWeegtafel(schakel::ui::widgets::Keuze::new(&o, &label)));
    toets(&mut app, Key::Character("s"), Modifiers::CTRL);
    verwacht(&app, "Opgeslagen.");
    verwacht(&app, &label);
    drop(app);
    let mut s = Store::open(&map, &sleutel()).unwrap();
    let w = s.casus_detail(&n).unwrap().weging.expect("a weging");
    assert_eq!(w.uitkomst, WegingUitkomst::Procesregie);
    assert_eq!(w.datum, Some(datum.format("%Y-%m-%d").to_string()));
    assert_eq!(w.overleg.as_deref(), Some(o.as_str()));
    assert_eq!(s.casus_regel(&n).unwrap().fase, Fase::Procesregie);
}

#[test]
fn the_aanmelding_form_sets_gemeente_aanmelddatum_and_aanmelder() {
    use chrono::{Duration, Local};
    let (_d, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Lage Linde");
    let g = s.gemeente_toevoegen("Peel en Maas").unwrap();
    let p = s
        .partner_toevoegen(schakel::store::NieuwePartner {
            naam: "Wijkteam Zuidoost".into(),
            soort: schakel::domain::partner::PartnerSoort::ALLE[0],
            convenantstatus: schakel::domain::Convenantstatus::ALLE[0],
        })
        .unwrap();
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    klik(&mut app, "Wijzigen");
    verwacht(&app, "Gemeente");
    verwacht(&app, "Aanmelder");
    detail_msg(&mut app, detail::Message::WijzigGemeente(schakel::ui::widgets::Keuze::new(&g, "Peel en Maas")));
    detail_msg(&mut app, detail::Message::WijzigAanmelder(schakel::ui::widgets::Keuze::new(&p, "Wijkteam Zuidoost")));
    detail_msg(&mut app, detail::Message::WijzigVeld(detail::AanmeldingVeld::Probleem, "Schulden".into()));
    detail_msg(&mut app, detail::Message::WijzigVeld(detail::AanmeldingVeld::Vraag, "Regie".into()));
    let datum = Local::now().date_naive() - Duration::days(3);
    detail_msg(&mut app, detail::Message::WijzigVeld(detail::AanmeldingVeld::Aanmelddatum, String::new()));
    klik(&mut app, "Opslaan (Ctrl+S)");
    verwacht(&app, "Vul de datum van de aanmelding in (dd-mm-jjjj).");
    typ(&mut app, "wijzig-aanmelddatum", &datum.format("%d-%m-%Y").to_string());
    klik_en_wacht(&mut app, "Opslaan (Ctrl+S)");
    verwacht(&app, "Opgeslagen.");
    verwacht(&app, "Peel en Maas");
    verwacht(&app, "Wijkteam Zuidoost");
    drop(app);
    let mut s = Store::open(&map, &sleutel()).unwrap();
    let d = s.casus_detail(&n).unwrap();
    assert_eq!(d.gemeente_id.as_deref(), Some(g.as_str()));
    assert_eq!(d.regel.datum_aanmelding, datum.format("%Y-%m-%d").to_string());
    assert_eq!(d.aanmelder_partner.as_deref(), Some("Wijkteam Zuidoost"));
}

#[test]
fn a_risicotaxatie_is_recorded_with_toelichting_moment_and_assessor() {
    use schakel::domain::plan::RisicoMoment;
    use schakel::ui::screen::plan;
    let (_d, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Witte Berk");
    let lg = s.leefgebieden().unwrap().into_iter().find(|l| l.actief).expect("a leefgebied");
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    klik(&mut app, "Plan van aanpak");
    verwacht(&app, "Risicotaxatie: vul eerst toelichting, moment en beoordelaar in en klik dan de score");
    typ(&mut app, "taxatie-toelichting", "Huurachterstand van drie maanden");
    detail_msg(&mut app, detail::Message::Plan(plan::Message::TaxatieMoment(RisicoMoment::Evaluatie)));
    typ(&mut app, "taxatie-beoordelaar", "Fenna de Bruijn");
    detail_msg(&mut app, detail::Message::Plan(plan::Message::Risico(lg.id.clone(), 4)));
    verwacht(&app, "Evaluatie · Fenna de Bruijn: Huurachterstand van drie maanden");
    drop(app);
    let s = Store::open(&map, &sleutel()).unwrap();
    let plan = s.plan(&n).unwrap();
    let r = plan.risicos.iter().find(|r| r.leefgebied_id == lg.id).expect("the score");
    assert_eq!(r.score, 4);
    assert_eq!(r.toelichting, "Huurachterstand van drie maanden");
    assert_eq!(r.moment, RisicoMoment::Evaluatie.code());
    assert_eq!(r.beoordelaar, "Fenna de Bruijn");
}

#[test]
fn a_card_is_assigned_from_the_board() {
    use schakel::domain::MedewerkerRol;
    use schakel::ui::screen::board;
    use schakel::ui::widgets::Keuze;
    let (_d, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Hoge Wilg");
    let regisseur = s.medewerker_toevoegen("Lieke Brouwér", MedewerkerRol::Procesregisseur, None).unwrap();
    let begeleider = s.medewerker_toevoegen("Sem Óverbeek", MedewerkerRol::Trajectbegeleider, None).unwrap();
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::Board(board::Message::Selecteer(n.clone())));
    klik(&mut app, "Toewijzen…");
    verwacht(&app, &format!("Casus {n} — Hoge Wilg toewijzen"));
    stuur_en_wacht(
        &mut app,
        Message::Board(board::Message::ToewijzingKies(false, Keuze::new(&regisseur, "Lieke Brouwér"))),
    );
    stuur_en_wacht(
        &mut app,
        Message::Board(board::Message::ToewijzingKies(true, Keuze::new(&begeleider, "Sem Óverbeek"))),
    );
    klik(&mut app, "Toewijzing opslaan");
    verwacht(&app, &format!("Casus {n} is toegewezen."));
    verwacht(&app, "Lieke Brouwér");
    drop(app);
    let s = Store::open(&map, &sleutel()).unwrap();
    let r = s.casus_regel(&n).unwrap();
    assert_eq!(r.procesregisseur_id.as_deref(), Some(regisseur.as_str()));
    assert_eq!(r.trajectbegeleider_id.as_deref(), Some(begeleider.as_str()));
}

/// Issue 20: a removed actie can be put back from the banner, with its goal, deadline,
/// status and result; closing the banner keeps the removal.
#[test]
fn a_removed_actie_is_put_back_with_undo() {
    let (_d, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Grauwe Els");
    let doel = s.doel_toevoegen(&n, "wonen", "Vaste woonplek").unwrap();
    let deadline = chrono::Local::now().date_naive() + chrono::Duration::days(14);
    let a = s
        .actie_toevoegen(
            &n,
            schakel::store::NieuweActie {
                omschrijving: "Huurcontract regelen".into(),
                doel_id: Some(doel.clone()),
                deadline: Some(deadline),
                ..Default::default()
            },
        )
        .unwrap();
    let w = schakel::store::ActieWijziging {
        status: Some(schakel::domain::ActieStatus::Lopend),
        resultaat: Some("Gesprek met verhuurder gepland".into()),
        ..Default::default()
    };
    s.actie_wijzig(&a.id, &w).unwrap();
    s.actie_toevoegen(
        &n,
        schakel::store::NieuweActie { omschrijving: "Uitkering aanvragen".into(), ..Default::default() },
    )
    .unwrap();
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    klik(&mut app, "Plan van aanpak");

    klik(&mut app, "Verwijderen");
    klik(&mut app, "Ja, verwijderen");
    verwacht(&app, "Actie \u{201c}Huurcontract regelen\u{201d} verwijderd.");
    klik(&mut app, "Ongedaan maken");
    assert!(!toont(&app, "Ongedaan maken"), "the banner closes once the actie is back");
    verwacht(&app, "Huurcontract regelen");

    // Remove the other one (now first) and close the banner: that removal stays.
    klik(&mut app, "Verwijderen");
    verwacht(&app, "Actie \u{201c}Uitkering aanvragen\u{201d} verwijderen?");
    klik(&mut app, "Ja, verwijderen");
    verwacht(&app, "Actie \u{201c}Uitkering aanvragen\u{201d} verwijderd.");
    stuur_en_wacht(&mut app, Message::Detail(detail::Message::Plan(schakel::ui::screen::plan::Message::SluitOngedaan)));
    assert!(!toont(&app, "Ongedaan maken"));
    drop(app);
    let s = Store::open(&map, &sleutel()).unwrap();
    let p = s.plan(&n).unwrap();
    let terug = p.acties.iter().find(|a| a.omschrijving == "Huurcontract regelen").expect("put back");
    assert_ne!(terug.id, a.id, "put back as a new record (the removal itself syncs as a tombstone)");
    assert_eq!(terug.doel_id.as_deref(), Some(doel.as_str()));
    assert_eq!(terug.deadline, Some(deadline.format("%Y-%m-%d").to_string()));
    assert_eq!(terug.status, schakel::domain::ActieStatus::Lopend);
    assert_eq!(terug.resultaat, "Gesprek met verhuurder gepland");
    assert_eq!(p.acties.len(), 1, "the second removal stays after closing the banner");
}

//! Koppelingen between casussen (issue 22 point 5): rules, removal with a reason, sync
//! scope (a link only reaches colleagues entitled to both casussen), retention, inzage.

use super::hulp;
use super::sync::{team_met, trajectbegeleider, uitwisselen, wijs_trajectbegeleider_toe};
use schakel::domain::{DomeinFout, KoppelFout, KoppelSoort};
use schakel::store::{InzageVraag, NieuweBetrokkene, StoreFout};
use schakel::sync::{self, ExportOpties};

fn nummers(s: &schakel::store::Store, nummer: &str) -> Vec<(String, KoppelSoort)> {
    s.koppelingen(nummer).unwrap().into_iter().map(|k| (k.casus.casusnummer, k.soort)).collect()
}

#[test]
fn koppeling_zichtbaar_aan_beide_kanten_en_ontkoppelen_met_reden() {
    let (_d, _m, mut s) = hulp::store();
    let a = hulp::casus(&mut s, "Zwarte Spar");
    let b = hulp::casus(&mut s, "Witte Spar");
    let c = hulp::casus(&mut s, "Rode Spar");
    s.koppel(&a, &b, KoppelSoort::DaderSlachtoffer, "Mensenhandel, zelfde uitbuiter").unwrap();
    s.koppel(&c, &a, KoppelSoort::Gezin, "").unwrap();
    assert_eq!(nummers(&s, &a), vec![(b.clone(), KoppelSoort::DaderSlachtoffer), (c.clone(), KoppelSoort::Gezin)]);
    assert_eq!(nummers(&s, &b), vec![(a.clone(), KoppelSoort::DaderSlachtoffer)]);
    let k = &s.koppelingen(&b).unwrap()[0];
    assert_eq!(k.toelichting, "Mensenhandel, zelfde uitbuiter");
    assert_eq!(k.casus.werknaam, "Zwarte Spar");

    // No self-link, no second link of a pair in either order; Dutch messages.
    let f = s.koppel(&a, &a, KoppelSoort::Groep, "").unwrap_err();
    assert!(matches!(&f, StoreFout::Domein(DomeinFout::Koppeling(KoppelFout::MetZichzelf(n))) if *n == a));
    assert_eq!(schakel::melding::store(&f), format!("Casus {a} kan niet aan zichzelf worden gekoppeld."));
    let f = s.koppel(&b, &a, KoppelSoort::Netwerk, "").unwrap_err();
    assert_eq!(schakel::melding::store(&f), format!("Casus {b} en casus {a} zijn al gekoppeld."));

    // Removal needs a reason, which lands in both journaals.
    assert!(matches!(s.ontkoppel(&a, &b, " "), Err(StoreFout::Domein(DomeinFout::Verplicht("reden")))));
    s.ontkoppel(&b, &a, "Bleek een andere dader").unwrap();
    assert_eq!(nummers(&s, &a), vec![(c.clone(), KoppelSoort::Gezin)]);
    assert!(nummers(&s, &b).is_empty());
    let journaal_a: Vec<String> = s.casus_detail(&a).unwrap().journaal.into_iter().map(|j| j.tekst).collect();
    assert!(
        journaal_a.contains(&format!("Koppeling met casus {b} verwijderd: Bleek een andere dader")),
        "{journaal_a:?}"
    );
    let journaal_b: Vec<String> = s.casus_detail(&b).unwrap().journaal.into_iter().map(|j| j.tekst).collect();
    assert!(
        journaal_b.contains(&format!("Koppeling met casus {a} verwijderd: Bleek een andere dader")),
        "{journaal_b:?}"
    );
    let f = s.ontkoppel(&a, &b, "Nogmaals").unwrap_err();
    assert_eq!(schakel::melding::store(&f), format!("Casus {a} en casus {b} zijn niet gekoppeld."));
    // Linking again after removal works.
    s.koppel(&a, &b, KoppelSoort::Netwerk, "").unwrap();
    assert_eq!(nummers(&s, &b), vec![(a.clone(), KoppelSoort::Netwerk)]);
    assert!(s.audit_verify().unwrap().in_orde());
}

/// A trajectbegeleider entitled to only one of two linked casussen receives neither the
/// link nor the other casus; a link between two of their own casussen does reach them,
/// and so does its removal.
#[test]
fn koppeling_alleen_naar_wie_recht_heeft_op_beide_casussen() {
    let mut t = team_met(&[("Regisseur Één".into(), "procesregisseur"), ("Tom Traject".into(), "trajectbegeleider")]);
    let tb_apparaat = t[1].id();
    let tom = trajectbegeleider(&mut t[0].store, "Tom Traject", &tb_apparaat);
    let eigen = hulp::casus(&mut t[0].store, "Van Tom");
    let eigen2 = hulp::casus(&mut t[0].store, "Ook van Tom");
    let ander = hulp::casus(&mut t[0].store, "Niet van Tom");
    wijs_trajectbegeleider_toe(&mut t[0].store, &eigen, Some(&tom));
    wijs_trajectbegeleider_toe(&mut t[0].store, &eigen2, Some(&tom));
    t[0].store.koppel(&eigen, &ander, KoppelSoort::Groep, "Jeugdgroep Centrum").unwrap();
    t[0].store.koppel(&eigen, &eigen2, KoppelSoort::Gezin, "Broers").unwrap();
    uitwisselen(&mut t, 0, 1);
    assert!(matches!(t[1].store.casus_regel(&ander), Err(StoreFout::CasusOnbekend(_))), "the linked casus stays out");
    assert_eq!(nummers(&t[1].store, &eigen), vec![(eigen2.clone(), KoppelSoort::Gezin)]);
    assert_eq!(t[1].store.aantal("koppeling").unwrap(), 1, "the link to the other casus never arrives");
    let ops = t[1].store.operaties_na(&Default::default(), None).unwrap();
    let ander_id = t[0].store.casus_id(&ander).unwrap();
    assert!(!ops.iter().any(|o| o.casus_id.as_deref().is_some_and(|c| c.contains(&ander_id))), "{ops:?}");
    // Removal reaches the trajectbegeleider too.
    t[0].store.ontkoppel(&eigen, &eigen2, "Geen broers").unwrap();
    uitwisselen(&mut t, 0, 1);
    assert!(nummers(&t[1].store, &eigen).is_empty());
    // And back: what the trajectbegeleider sends never touches the other link.
    uitwisselen(&mut t, 1, 0);
    assert_eq!(nummers(&t[0].store, &eigen), vec![(ander.clone(), KoppelSoort::Groep)]);
}

/// A bundle limited to some casussen (an agenda) never pulls a linked casus in, nor a link
/// to one outside it; a bundle with both carries the link.
#[test]
fn beperkte_bundel_neemt_geen_gekoppelde_casus_mee() {
    let mut t = team_met(&[("Regisseur Één".into(), "procesregisseur"), ("Regisseur Twee".into(), "procesregisseur")]);
    let a = hulp::casus(&mut t[0].store, "Eerste Eik");
    let b = hulp::casus(&mut t[0].store, "Tweede Eik");
    t[0].store.koppel(&a, &b, KoppelSoort::Netwerk, "").unwrap();
    let naar = t[1].id();
    let opties = ExportOpties { voor: vec![naar.clone()], casussen: vec![a.clone()], ..Default::default() };
    let bundel = sync::exporteer(&mut t[0].store, &opties).unwrap().bytes;
    sync::importeer(&mut t[1].store, &bundel).unwrap();
    assert!(t[1].store.casus_regel(&a).is_ok());
    assert!(matches!(t[1].store.casus_regel(&b), Err(StoreFout::CasusOnbekend(_))));
    assert_eq!(t[1].store.aantal("koppeling").unwrap(), 0);
    let opties = ExportOpties { voor: vec![naar], casussen: vec![a.clone(), b.clone()], ..Default::default() };
    let bundel = sync::exporteer(&mut t[0].store, &opties).unwrap().bytes;
    sync::importeer(&mut t[1].store, &bundel).unwrap();
    assert_eq!(nummers(&t[1].store, &b), vec![(a.clone(), KoppelSoort::Netwerk)]);
}

/// Compaction waits only for colleagues entitled to both casussen of a removed link: a
/// trajectbegeleider of one of them is not asked to confirm it, one of both is.
#[test]
fn compactie_van_koppeling_wacht_op_wie_recht_heeft_op_beide() {
    let mut t = team_met(&[("Regisseur Één".into(), "procesregisseur"), ("Tom Traject".into(), "trajectbegeleider")]);
    let tb_apparaat = t[1].id();
    let tom = trajectbegeleider(&mut t[0].store, "Tom Traject", &tb_apparaat);
    let eigen = hulp::casus(&mut t[0].store, "Van Tom");
    let eigen2 = hulp::casus(&mut t[0].store, "Ook van Tom");
    let ander = hulp::casus(&mut t[0].store, "Niet van Tom");
    wijs_trajectbegeleider_toe(&mut t[0].store, &eigen, Some(&tom));
    wijs_trajectbegeleider_toe(&mut t[0].store, &eigen2, Some(&tom));
    let koppelwaarden = |s: &schakel::store::Store| -> usize {
        let ops = s.operaties_na(&Default::default(), None).unwrap();
        ops.iter().filter(|o| o.tabel == "koppeling" && o.veld.is_some()).count()
    };
    // Not Tom's pair: its values go at once.
    t[0].store.koppel(&eigen, &ander, KoppelSoort::Groep, "").unwrap();
    t[0].store.ontkoppel(&eigen, &ander, "Vergissing").unwrap();
    t[0].store.compacteren().unwrap();
    assert_eq!(koppelwaarden(&t[0].store), 0, "the link's values go without Tom's confirmation");
    // Tom's pair: they wait until Tom confirmed the removal.
    t[0].store.koppel(&eigen, &eigen2, KoppelSoort::Gezin, "").unwrap();
    uitwisselen(&mut t, 0, 1);
    t[0].store.ontkoppel(&eigen, &eigen2, "Geen gezin").unwrap();
    t[0].store.compacteren().unwrap();
    assert!(koppelwaarden(&t[0].store) > 0, "Tom has not confirmed the removal yet");
    uitwisselen(&mut t, 0, 1);
    uitwisselen(&mut t, 1, 0);
    t[0].store.compacteren().unwrap();
    assert_eq!(koppelwaarden(&t[0].store), 0);
    assert!(nummers(&t[1].store, &eigen).is_empty());
    let ops = t[0].store.operaties_na(&Default::default(), None).unwrap();
    assert_eq!(ops.iter().filter(|o| o.tabel == "koppeling" && o.veld.is_none()).count(), 2, "the tombstones stay");
}

/// Removing a casus after its retention term removes its links on every device; inzage
/// lists a person's casus links.
#[test]
fn verwijderen_van_casus_verwijdert_koppelingen_en_inzage_toont_ze() {
    let vandaag = chrono::Local::now().date_naive();
    let mut t = team_met(&[("Regisseur Één".into(), "procesregisseur"), ("Regisseur Twee".into(), "procesregisseur")]);
    let (oud, _) = schakel::demo::volle_casus(&mut t[0].store, "kp1", vandaag - chrono::Duration::days(1000)).unwrap();
    let nieuw = hulp::casus(&mut t[0].store, "Jonge Linde");
    t[0].store
        .betrokkene_toevoegen(
            &nieuw,
            NieuweBetrokkene {
                naam: "Sýtske Koppelstra".into(),
                geboortedatum: None,
                rol: schakel::domain::Rol::Hoofdpersoon,
                bsn: None,
                initialen: None,
            },
        )
        .unwrap();
    t[0].store.koppel(&oud, &nieuw, KoppelSoort::Gezin, "Moeder en dochter").unwrap();
    let inzage = t[0].store.inzage(&InzageVraag::Naam("Sýtske Koppelstra".into())).unwrap();
    let k = &inzage.casussen[0].koppelingen;
    assert_eq!(k.len(), 1);
    assert_eq!(k[0]["toelichting"], "Moeder en dochter");
    uitwisselen(&mut t, 0, 1);
    uitwisselen(&mut t, 1, 0);
    assert_eq!(t[1].store.aantal("koppeling").unwrap(), 1);
    t[0].store.casus_vernietigen(&oud, "Bewaartermijn verstreken", vandaag).unwrap();
    assert!(nummers(&t[0].store, &nieuw).is_empty());
    assert_eq!(t[0].store.aantal("koppeling").unwrap(), 0);
    uitwisselen(&mut t, 0, 1);
    assert_eq!(t[1].store.aantal("koppeling").unwrap(), 0);
    assert!(nummers(&t[1].store, &nieuw).is_empty());
    for r in &t {
        let ops = r.store.operaties_na(&Default::default(), None).unwrap();
        assert!(
            ops.iter().filter(|o| o.tabel == "koppeling" && o.veld.is_some()).all(|o| o.waarde.is_none()),
            "no value of the removed link lingers"
        );
    }
}

use crate::hulp::{json, schakel, uit as uitvoer};

/// `schakel casus koppel|ontkoppel` and the links in `casus show`, with the window's rules
/// and Dutch messages.
#[test]
fn cli_koppel_show_en_ontkoppel() {
    use predicates::prelude::*;
    let d = tempfile::tempdir().unwrap();
    let map = d.path().join("data");
    schakel(&map).args(["init", "--naam", "Test Regisseur"]).assert().success();
    let nieuw = |werknaam: &str| -> String {
        let v = json(schakel(&map).args(["casus", "new", "--werknaam", werknaam, "--thema", "mensenhandel"]));
        v["casusnummer"].as_str().unwrap().to_string()
    };
    let a = nieuw("Dader Den");
    let b = nieuw("Slachtoffer Sering");
    let v = json(schakel(&map).args([
        "casus",
        "koppel",
        &a,
        &b,
        "--soort",
        "dader-slachtoffer",
        "--toelichting",
        "Zelfde netwerk",
    ]));
    assert!(v["id"].as_str().is_some_and(|id| !id.is_empty()), "{v}");
    let tekst = uitvoer(schakel(&map).args(["casus", "show", &b]));
    assert!(tekst.contains("Gekoppelde casussen:"), "{tekst}");
    assert!(tekst.contains(&format!("{a} Dader Den (Dader–slachtoffer)")), "{tekst}");
    assert!(tekst.contains("Zelfde netwerk"), "{tekst}");
    let v = json(schakel(&map).args(["casus", "show", &a]));
    assert_eq!(v["koppelingen"][0]["casus"]["casusnummer"], b.as_str());
    assert_eq!(v["koppelingen"][0]["soort"], "dader_slachtoffer");
    schakel(&map)
        .args(["casus", "koppel", &b, &a, "--soort", "gezin"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("Casus {b} en casus {a} zijn al gekoppeld.")));
    schakel(&map)
        .args(["casus", "koppel", &a, &a, "--soort", "groep"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("Casus {a} kan niet aan zichzelf worden gekoppeld.")));
    schakel(&map)
        .args(["casus", "koppel", &a, &b, "--soort", "buren"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Onbekende koppelsoort: 'buren'."));
    let tekst = uitvoer(schakel(&map).args(["casus", "ontkoppel", &a, &b, "--reden", "Andere zaak"]));
    assert!(tekst.contains(&format!("De koppeling tussen casus {a} en casus {b} is verwijderd")), "{tekst}");
    let v = json(schakel(&map).args(["casus", "show", &b]));
    assert_eq!(v["koppelingen"].as_array().map(Vec::len), Some(0));
    let tekst = uitvoer(schakel(&map).args(["casus", "show", &b]));
    assert!(tekst.contains(&format!("Koppeling met casus {a} verwijderd: Andere zaak")), "{tekst}");
}

/// Press Enter in the input with this id and run the save it starts.
fn enter_in(app: &mut schakel::ui::App, id: &'static str) {
    use iced::keyboard::key;
    super::ui::init_backend();
    let berichten: Vec<schakel::ui::Message> = {
        let mut ui = super::ui::simulator(app.view());
        ui.click(iced_test::selector::id(id)).unwrap_or_else(|e| panic!("no input {id}: {e:?}"));
        let _ = ui.tap_key(key::Named::Enter);
        ui.into_messages().collect()
    };
    for m in berichten {
        super::ui::stuur_en_wacht(app, m);
    }
}

/// The window: link two casussen ("Koppelen…", search, kind, Enter), see the link on both
/// sides with the group view, open the other casus by its number, Esc cancels, and
/// "Ontkoppelen" asks a reason.
#[test]
fn venster_koppelen_beide_kanten_openen_en_ontkoppelen() {
    use super::ui::{klik, klik_en_wacht, toont, typ, verwacht};
    use iced::keyboard::{Key, Modifiers, key};
    use schakel::ui::{App, Message, sneltoets};
    let (_d, _map, mut s) = hulp::store();
    let a = hulp::casus(&mut s, "Stille Eik");
    let b = hulp::casus(&mut s, "Hoge Beuk");
    let c = hulp::casus(&mut s, "Lage Linde");
    let mut app = App::met_store(_map.clone(), s);
    super::ui::stuur_en_wacht(&mut app, Message::OpenCasus(a.clone()));
    verwacht(&app, "Gekoppelde casussen");
    verwacht(&app, "Deze casus is niet gekoppeld aan andere casussen.");

    // Esc cancels the form; nothing is linked.
    klik(&mut app, "Koppelen…");
    verwacht(&app, "Casus koppelen");
    typ(&mut app, "koppel-zoek", "Linde");
    let esc = sneltoets(Key::Named(key::Named::Escape), Modifiers::empty()).expect("Escape is a shortcut");
    super::ui::stuur_en_wacht(&mut app, esc);
    assert!(!toont(&app, "Casus koppelen"), "Esc closes the form");

    // Search, pick, kind, toelichting, save.
    klik(&mut app, "Koppelen…");
    typ(&mut app, "koppel-zoek", "beuk");
    assert!(!toont(&app, &format!("{c} Lage Linde")), "the search narrows the list");
    klik(&mut app, &format!("{b} Hoge Beuk"));
    super::ui::stuur_en_wacht(
        &mut app,
        Message::Detail(schakel::ui::screen::detail::Message::KoppelSoortKies(KoppelSoort::Groep)),
    );
    typ(&mut app, "koppel-toelichting", "Jeugdgroep Centrum");
    klik_en_wacht(&mut app, "Koppelen (Enter)");
    verwacht(&app, "Opgeslagen: de casussen zijn gekoppeld.");
    verwacht(&app, "Hoge Beuk — Groep, fase aanmelding, AVE 3, geen procesregisseur (Jeugdgroep Centrum)");

    // Enter in the search links the only match.
    klik(&mut app, "Koppelen…");
    typ(&mut app, "koppel-zoek", "Linde");
    enter_in(&mut app, "koppel-zoek");
    verwacht(&app, "Lage Linde — Gezin/systeem");

    // The other side shows the link; its number opens this casus again.
    klik(&mut app, &b);
    verwacht(&app, "Stille Eik — Groep");
    assert!(!toont(&app, "Lage Linde — Gezin/systeem"), "only the links of this casus");
    klik(&mut app, &a);
    verwacht(&app, "Hoge Beuk — Groep");

    // Ontkoppelen asks a reason and confirms.
    klik(&mut app, "Ontkoppelen");
    verwacht(&app, "Koppeling verwijderen? De reden komt in het journaal van beide casussen.");
    klik_en_wacht(&mut app, "Ontkoppelen bevestigen");
    verwacht(&app, "Het veld 'reden' is verplicht.");
    typ(&mut app, "ontkoppel-reden", "Andere groep");
    klik_en_wacht(&mut app, "Ontkoppelen bevestigen");
    verwacht(&app, "De koppeling is verwijderd; de reden staat in het journaal van beide casussen.");
    assert!(!toont(&app, "Hoge Beuk — Groep"));
    verwacht(&app, "Lage Linde — Gezin/systeem");
}

/// The casusoverzicht PDF lists the linked casussen with kind and phase; without links the
/// heading is left out.
#[test]
fn casusoverzicht_drukt_gekoppelde_casussen_af() {
    let (_d, _m, mut s) = hulp::store();
    let a = hulp::casus(&mut s, "Dader Den");
    let b = hulp::casus(&mut s, "Slachtoffer Sering");
    let r = schakel::report::overzicht(&mut s, &a).unwrap();
    let (t, _) = super::rapport::tekst(&r.pdf);
    assert!(!t.contains("Gekoppelde casussen"), "{t}");
    s.koppel(&a, &b, KoppelSoort::DaderSlachtoffer, "").unwrap();
    let r = schakel::report::overzicht(&mut s, &a).unwrap();
    let (t, paginas) = super::rapport::tekst(&r.pdf);
    assert_eq!(paginas, 1);
    assert!(t.contains("Gekoppelde casussen"), "{t}");
    assert!(t.contains(&format!("{b} — Slachtoffer Sering")), "{t}");
    assert!(t.contains("Dader–slachtoffer"), "{t}");
}

/// The demo data links casussen, so a new user sees the section filled.
#[test]
fn demo_koppelt_casussen() {
    let (_d, _m, mut s) = hulp::store();
    schakel::demo::genereer(&mut s, 24, 7).unwrap();
    assert_eq!(s.aantal("koppeling").unwrap(), 2);
    let eerste = s
        .casus_lijst(&Default::default())
        .unwrap()
        .into_iter()
        .find(|c| !s.koppelingen(&c.casusnummer).unwrap().is_empty());
    assert!(eerste.is_some(), "a casus with a link");
}

/// Kengetallen count the koppelingen made in the period per kind, checked against direct
/// SQL, and the CSV carries them.
#[test]
fn kengetallen_tellen_koppelingen_per_soort() {
    let (_d, map, mut s) = hulp::store();
    let a = hulp::casus(&mut s, "Eerste Es");
    let b = hulp::casus(&mut s, "Tweede Es");
    let c = hulp::casus(&mut s, "Derde Es");
    s.koppel(&a, &b, KoppelSoort::Gezin, "").unwrap();
    s.koppel(&a, &c, KoppelSoort::Gezin, "").unwrap();
    s.koppel(&b, &c, KoppelSoort::Netwerk, "").unwrap();
    let vandaag = chrono::Local::now().date_naive();
    let k = s.kengetallen(vandaag - chrono::Duration::days(30), vandaag).unwrap();
    let ruw = hulp::ruw(&map);
    let direct = |soort: &str| -> u32 {
        ruw.query_row("SELECT count(*) FROM koppeling WHERE soort = ?1", [soort], |r| r.get(0)).unwrap()
    };
    let geteld: Vec<(String, u32)> = k.koppelingen.iter().map(|t| (t.label.clone(), t.aantal)).collect();
    let verwacht: Vec<(String, u32)> =
        KoppelSoort::ALLE.iter().map(|s| (s.label().to_string(), direct(s.code()))).collect();
    assert_eq!(geteld, verwacht);
    assert_eq!(geteld[0], ("Gezin/systeem".to_string(), 2));
    let csv = String::from_utf8(schakel::store::kengetallen::naar_csv(&k)).unwrap();
    assert!(csv.contains("koppelingen per soort,Netwerk,1"), "{csv}");
    // A period before the links were made counts none.
    let oud = s.kengetallen(vandaag - chrono::Duration::days(400), vandaag - chrono::Duration::days(300)).unwrap();
    assert!(oud.koppelingen.iter().all(|t| t.aantal == 0));
}

/// A link's kind and toelichting are corrected in place (no ontkoppel and koppel again):
/// the change reaches a colleague entitled to both casussen, not one entitled to only one;
/// an unlinked pair is refused with the same Dutch sentence as ontkoppel.
#[test]
fn koppeling_wijzigen_synchroniseert_naar_wie_recht_heeft_op_beide() {
    let mut t = team_met(&[
        ("Regisseur Één".into(), "procesregisseur"),
        ("Regisseur Twee".into(), "procesregisseur"),
        ("Tom Traject".into(), "trajectbegeleider"),
    ]);
    let tb_apparaat = t[2].id();
    let tom = trajectbegeleider(&mut t[0].store, "Tom Traject", &tb_apparaat);
    let a = hulp::casus(&mut t[0].store, "Van Tom");
    let b = hulp::casus(&mut t[0].store, "Niet van Tom");
    let c = hulp::casus(&mut t[0].store, "Los");
    wijs_trajectbegeleider_toe(&mut t[0].store, &a, Some(&tom));
    t[0].store.koppel(&a, &b, KoppelSoort::Gezin, "Broers").unwrap();
    uitwisselen(&mut t, 0, 1);
    uitwisselen(&mut t, 0, 2);

    // Corrected on the second replica, from the other side of the pair.
    let s = &mut t[1].store;
    assert_eq!(s.koppeling_wijzig(&b, &a, None, None).unwrap(), 0, "nothing to change");
    assert_eq!(s.koppeling_wijzig(&b, &a, Some(KoppelSoort::DaderSlachtoffer), Some(" Uitbuiting ")).unwrap(), 2);
    let f = s.koppeling_wijzig(&a, &c, Some(KoppelSoort::Groep), None).unwrap_err();
    assert_eq!(schakel::melding::store(&f), format!("Casus {a} en casus {c} zijn niet gekoppeld."));
    let f = s.koppeling_wijzig(&a, "2099-0001", Some(KoppelSoort::Groep), None).unwrap_err();
    assert!(matches!(f, StoreFout::CasusOnbekend(_)), "{f:?}");
    uitwisselen(&mut t, 1, 0);
    let k = &t[0].store.koppelingen(&a).unwrap()[0];
    assert_eq!((k.soort, k.toelichting.as_str()), (KoppelSoort::DaderSlachtoffer, "Uitbuiting"));
    assert_eq!(t[0].store.synchrone_staat().unwrap(), t[1].store.synchrone_staat().unwrap());
    // Tom, entitled to only one of the pair, receives nothing of the change.
    uitwisselen(&mut t, 0, 2);
    assert_eq!(t[2].store.aantal("koppeling").unwrap(), 0);
    let ops = t[2].store.operaties_na(&Default::default(), None).unwrap();
    assert!(!ops.iter().any(|o| o.tabel == "koppeling"), "{ops:?}");
    assert!(t[0].store.audit_verify().unwrap().in_orde());
}

/// `schakel casus koppeling-wijzig` with the window's rules and Dutch messages.
#[test]
fn cli_koppeling_wijzig() {
    use predicates::prelude::*;
    let d = tempfile::tempdir().unwrap();
    let map = d.path().join("data");
    schakel(&map).args(["init", "--naam", "Test Regisseur"]).assert().success();
    let nieuw = |werknaam: &str| -> String {
        let v = json(schakel(&map).args(["casus", "new", "--werknaam", werknaam, "--thema", "mensenhandel"]));
        v["casusnummer"].as_str().unwrap().to_string()
    };
    let a = nieuw("Dader Den");
    let b = nieuw("Slachtoffer Sering");
    let c = nieuw("Derde Dennen");
    schakel(&map).args(["casus", "koppel", &a, &b, "--soort", "netwerk"]).assert().success();
    let tekst = uitvoer(schakel(&map).args([
        "casus",
        "koppeling-wijzig",
        &b,
        &a,
        "--soort",
        "dader-slachtoffer",
        "--toelichting",
        "Zelfde uitbuiter",
    ]));
    assert!(tekst.contains(&format!("De koppeling tussen casus {b} en casus {a} is gewijzigd.")), "{tekst}");
    let v = json(schakel(&map).args(["casus", "show", &a]));
    assert_eq!(v["koppelingen"][0]["soort"], "dader_slachtoffer");
    assert_eq!(v["koppelingen"][0]["toelichting"], "Zelfde uitbuiter");
    let tekst = uitvoer(schakel(&map).args(["casus", "koppeling-wijzig", &a, &b, "--toelichting", "Zelfde uitbuiter"]));
    assert!(tekst.contains("Er is niets gewijzigd."), "{tekst}");
    schakel(&map)
        .args(["casus", "koppeling-wijzig", &a, &b, "--soort", "buren"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Onbekende koppelsoort: 'buren'."));
    schakel(&map)
        .args(["casus", "koppeling-wijzig", &a, &c, "--soort", "groep"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("Casus {a} en casus {c} zijn niet gekoppeld.")));
}

/// The window: "Koppeling wijzigen" on a link opens its kind and toelichting, filled in; saving
/// shows the corrected link on both sides; Esc cancels.
#[test]
fn venster_koppeling_wijzigen() {
    use super::ui::{klik, klik_en_wacht, toont, typ, verwacht};
    use schakel::ui::screen::detail::Message as D;
    use schakel::ui::{App, Message};
    let (_d, map, mut s) = hulp::store();
    let a = hulp::casus(&mut s, "Stille Eik");
    let b = hulp::casus(&mut s, "Hoge Beuk");
    s.koppel(&a, &b, KoppelSoort::Gezin, "Broers").unwrap();
    let mut app = App::met_store(map.clone(), s);
    super::ui::stuur_en_wacht(&mut app, Message::OpenCasus(a.clone()));
    verwacht(&app, "Hoge Beuk — Gezin/systeem, fase aanmelding, AVE 3, geen procesregisseur (Broers)");
    klik(&mut app, "Koppeling wijzigen");
    verwacht(&app, &format!("Koppeling met casus {b} wijzigen"));
    super::ui::stuur_en_wacht(&mut app, Message::Detail(D::Annuleren));
    assert!(!toont(&app, &format!("Koppeling met casus {b} wijzigen")), "Annuleren closes the form");
    klik(&mut app, "Koppeling wijzigen");
    super::ui::stuur_en_wacht(&mut app, Message::Detail(D::KoppelingSoort(KoppelSoort::Groep)));
    // The toelichting is filled in with the current one; typing appends.
    typ(&mut app, "koppeling-toelichting", " uit de jeugdgroep");
    klik_en_wacht(&mut app, "Opslaan (Enter)");
    verwacht(&app, "Opgeslagen: de koppeling is gewijzigd.");
    verwacht(&app, "Hoge Beuk — Groep, fase aanmelding, AVE 3, geen procesregisseur (Broers uit de jeugdgroep)");
    klik(&mut app, &b);
    verwacht(&app, "Stille Eik — Groep");
    drop(app);
    let s = schakel::store::Store::open(&map, &hulp::sleutel()).unwrap();
    let k = &s.koppelingen(&b).unwrap()[0];
    assert_eq!((k.soort, k.toelichting.as_str()), (KoppelSoort::Groep, "Broers uit de jeugdgroep"));
}

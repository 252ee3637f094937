//! Issue 20 "Overleg": general agenda items that are not a casus (no personal data, scope
//! "" so every colleague receives them) in the store, the CLI, the meeting screen, the
//! agenda and verslag PDFs, and sync; and the meeting type's name from the editable list.

use crate::hulp::{self};
use crate::rapport::tekst;
use crate::ui::stuur_en_wacht;
use crate::ui::{klik, toont, typ, verwacht};
use chrono::{NaiveDate, NaiveTime};
use predicates::prelude::*;
use schakel::domain::OverlegSoort;
use schakel::report::{self, AgendaOpties};
use schakel::store::{NieuwOverleg, Store};
use schakel::sync;
use schakel::ui::screen::overleggen;
use schakel::ui::{App, Message};

fn overleg(s: &mut Store) -> String {
    s.overleg_plannen(NieuwOverleg {
        soort: OverlegSoort::Casusoverleg.code().into(),
        datum: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        begintijd: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        plaats: "Zaal 2".into(),
        voorzitter: "Test Regisseur".into(),
    })
    .unwrap()
}

#[test]
fn algemeen_punt_in_agenda_verslag_en_sluiten() {
    let (_d, _m, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Zilveren Berk");
    let o = overleg(&mut s);
    let casuspunt = s.agendapunt_toevoegen(&o, &n, 20).unwrap();
    let punt = s.agendapunt_algemeen(&o, "Mededelingen en rondvraag", 10).unwrap();
    let fout = s.agendapunt_algemeen(&o, "  ", 10).unwrap_err();
    assert_eq!(schakel::melding::store(&fout), "Het veld 'onderwerp' is verplicht.");

    let agenda = s.agenda(&o).unwrap();
    assert_eq!(agenda.len(), 2);
    assert_eq!(agenda[1].id, punt);
    assert!(agenda[1].is_algemeen());
    assert_eq!((agenda[1].tekst.as_str(), agenda[1].starttijd.as_str()), ("Mededelingen en rondvraag", "09:20"));

    let (t, _) = tekst(&report::agenda(&s, &o, AgendaOpties::default()).unwrap().pdf);
    assert!(t.contains("09:20–09:30 Algemeen — Mededelingen en rondvraag"), "{t}");
    assert!(t.contains(&n), "{t}");

    s.agendapunt_bob(&casuspunt, "Beeld casus", "", "Besluit casus").unwrap();
    s.agendapunt_bob(&punt, "", "", "Nieuwe werkwijze vanaf januari.").unwrap();
    let (t, _) = tekst(&report::verslag(&s, &o).unwrap().pdf);
    assert!(t.contains("09:20 — Mededelingen en rondvraag"), "{t}");
    assert!(t.contains("Nieuwe werkwijze vanaf januari."), "{t}");
    // Closing writes the minutes to the journaal of each casus; a general item has none.
    s.overleg_sluiten(&o).unwrap();
    let journaal: i64 = hulp::ruw(&_m)
        .query_row("SELECT count(*) FROM journaal WHERE tekst LIKE '%Nieuwe werkwijze%'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journaal, 0);
}

use crate::hulp::{schakel, uit};

#[test]
fn algemeen_punt_op_de_opdrachtregel() {
    let d = tempfile::tempdir().unwrap();
    let map = d.path().join("data");
    schakel(&map).args(["init", "--naam", "Test Regisseur"]).assert().success();
    let o = uit(schakel(&map).args([
        "overleg",
        "new",
        "--soort",
        "casusoverleg",
        "--datum",
        "2026-11-24",
        "--tijd",
        "10:00",
    ]))
    .trim()
    .to_string();
    let v: serde_json::Value = serde_json::from_str(&uit(schakel(&map).args([
        "--json",
        "overleg",
        "agenda",
        &o[..8],
        "punt",
        "--tekst",
        "Evaluatie werkwijze",
        "--duur",
        "25",
    ])))
    .unwrap();
    let punt = v["id"].as_str().unwrap().to_string();
    let t = uit(schakel(&map).args(["overleg", "agenda", &o[..8], "punt", "--tekst", "Rondvraag"]));
    assert!(t.starts_with("'Rondvraag' staat op de agenda ("), "{t}");
    schakel(&map)
        .args(["overleg", "agenda", &o[..8], "punt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Geef het onderwerp van het algemene agendapunt met --tekst."));
    let show: serde_json::Value =
        serde_json::from_str(&uit(schakel(&map).args(["--json", "overleg", "show", &o[..8]]))).unwrap();
    assert_eq!(show["agenda"][0]["id"], punt.as_str());
    assert_eq!(show["agenda"][0]["tekst"], "Evaluatie werkwijze");
    assert_eq!(show["agenda"][0]["casusnummer"], "");
    assert_eq!(show["agenda"][1]["starttijd"], "10:25");
    let pdf = d.path().join("agenda.pdf");
    schakel(&map).args(["rapport", "agenda", &o, "-o"]).arg(&pdf).assert().success();
    let (t, _) = tekst(&std::fs::read(&pdf).unwrap());
    assert!(t.contains("Algemeen — Evaluatie werkwijze"), "{t}");
}

#[test]
fn algemeen_punt_toevoegen_in_het_overlegscherm() {
    let (_d, map, mut s) = hulp::store();
    let o = overleg(&mut s);
    let mut app = App::met_store(map.clone(), s);
    klik(&mut app, "Overleggen");
    stuur_en_wacht(&mut app, Message::Overleggen(overleggen::Message::Kies(o.clone())));
    klik(&mut app, "Algemeen punt toevoegen");
    verwacht(&app, "Vul het onderwerp van het algemene agendapunt in.");
    typ(&mut app, "agenda-algemeen", "Mededelingen");
    klik(&mut app, "Algemeen punt toevoegen");
    verwacht(&app, "Mededelingen");
    let agenda = Store::open(&map, &hulp::sleutel()).unwrap().agenda(&o).unwrap();
    assert_eq!(agenda.len(), 1);
    assert_eq!(agenda[0].tekst, "Mededelingen");
    klik(&mut app, "Overleg voeren");
    verwacht(&app, "09:00 — Mededelingen");
    assert!(!toont(&app, "Actie uit besluit"), "a general item has no plan to add an action to");
}

/// A general item has no casus and so no scope: a trajectbegeleider who receives none of
/// the cases on the agenda still receives it.
#[test]
fn algemeen_punt_bereikt_elke_collega() {
    let mut t =
        crate::sync::team_met(&[("Regisseur".into(), "procesregisseur"), ("Tom Traject".into(), "trajectbegeleider")]);
    let mut tb = t.pop().unwrap();
    let mut pr = t.pop().unwrap();
    let tb_id = tb.id();
    crate::sync::trajectbegeleider(&mut pr.store, "Tom Traject", &tb_id);
    let n = hulp::casus(&mut pr.store, "Niet van Tom");
    let o = overleg(&mut pr.store);
    pr.store.agendapunt_toevoegen(&o, &n, 15).unwrap();
    let punt = pr.store.agendapunt_algemeen(&o, "Mededelingen", 10).unwrap();
    sync::importeer(&mut tb.store, &crate::sync::bundel(&mut pr, &tb_id)).unwrap();
    let agenda = tb.store.agenda(&o).unwrap();
    assert_eq!(agenda.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), [punt.as_str()], "only the general item");
    assert_eq!(agenda[0].tekst, "Mededelingen");
    assert!(tb.store.casus_regel(&n).is_err(), "the casus stays out of scope");
}

/// A renamed meeting type shows its list name in the meeting list, the meeting screen and
/// the PDFs, while the rules keep its fixed category.
#[test]
fn hernoemde_overlegsoort_toont_de_naam_uit_de_lijst() {
    let (_d, map, mut s) = hulp::store();
    let o = overleg(&mut s);
    s.lijst_hernoem("overlegsoort", "casusoverleg", "Verbindingstafel").unwrap();
    let lijst = s.overleggen().unwrap();
    assert_eq!((lijst[0].soort_naam.as_str(), lijst[0].soort), ("Verbindingstafel", OverlegSoort::Casusoverleg));
    let (t, _) = tekst(&report::agenda(&s, &o, AgendaOpties::default()).unwrap().pdf);
    assert!(t.contains("Agenda verbindingstafel 24-11-2026"), "{t}");
    let (t, _) = tekst(&report::verslag(&s, &o).unwrap().pdf);
    assert!(t.contains("Verslag verbindingstafel 24-11-2026"), "{t}");
    let mut app = App::met_store(map.clone(), s);
    klik(&mut app, "Overleggen");
    stuur_en_wacht(&mut app, Message::Overleggen(overleggen::Message::Kies(o.clone())));
    verwacht(&app, "Verbindingstafel 24-11-2026 om 09:00");
}

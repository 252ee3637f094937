//! People and assignment (issue 20): medewerkers, assigning a casus by medewerker id in
//! the window and the CLI, "Alleen mijn casussen", and the trajectbegeleider's sync scope.

use crate::hulp::{self, sleutel};
use crate::ui::stuur_en_wacht;
use crate::ui::{klik, klik_en_wacht, toont, typ, verwacht};
use predicates::prelude::*;
use schakel::domain::MedewerkerRol;
use schakel::store::Store;
use schakel::sync::{self, ExportOpties};
use schakel::ui::screen::{board, detail, instellingen};
use schakel::ui::widgets::Keuze;
use schakel::ui::{App, Message, Pagina};

fn detail_msg(app: &mut App, m: detail::Message) {
    stuur_en_wacht(app, Message::Detail(m));
}

fn instellingen_msg(app: &mut App, m: instellingen::Message) {
    stuur_en_wacht(app, Message::Instellingen(m));
}

/// A store with one casus and two medewerkers (a procesregisseur and a trajectbegeleider);
/// the app opened on the board.
fn opzet() -> (tempfile::TempDir, schakel::store::Gegevensmap, String, String, String, App) {
    let (dir, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Rode Beuk");
    let regisseur = s.medewerker_toevoegen("Tess Regisseur", MedewerkerRol::Procesregisseur, None).unwrap();
    let begeleider = s.medewerker_toevoegen("Fedde Begeleider", MedewerkerRol::Trajectbegeleider, None).unwrap();
    let app = App::met_store(map.clone(), s);
    (dir, map, n, regisseur, begeleider, app)
}

fn kies_mij(app: &mut App, id: &str) {
    stuur_en_wacht(app, Message::Navigeer(Pagina::Instellingen));
    instellingen_msg(app, instellingen::Message::KiesMij(Keuze::new(id, "")));
    stuur_en_wacht(app, Message::Navigeer(Pagina::Casussen));
}

#[test]
fn toewijzen_in_het_venster_verandert_alleen_mijn_casussen() {
    let (_d, map, n, regisseur, begeleider, mut app) = opzet();
    kies_mij(&mut app, &regisseur);
    stuur_en_wacht(&mut app, Message::Board(board::Message::AlleenMijn(true)));
    assert!(!toont(&app, "Rode Beuk"), "an unassigned casus is not mine");

    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    detail_msg(&mut app, detail::Message::KiesToewijzing(detail::Plek::Procesregisseur, Keuze::new(&regisseur, "")));
    detail_msg(&mut app, detail::Message::KiesToewijzing(detail::Plek::Trajectbegeleider, Keuze::new(&begeleider, "")));
    klik_en_wacht(&mut app, "Toewijzing opslaan");
    verwacht(&app, "Opgeslagen.");
    klik(&mut app, "← Bord");
    verwacht(&app, "Rode Beuk");
    verwacht(&app, "Tess Regisseur");

    // The trajectbegeleider's own device sees it under "mine" too; clearing the
    // assignment takes it away again.
    kies_mij(&mut app, &begeleider);
    assert!(toont(&app, "Rode Beuk"), "the trajectbegeleider's casus is theirs");
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    detail_msg(&mut app, detail::Message::KiesToewijzing(detail::Plek::Trajectbegeleider, Keuze::new("", "")));
    klik_en_wacht(&mut app, "Toewijzing opslaan");
    klik(&mut app, "← Bord");
    assert!(!toont(&app, "Rode Beuk"), "no longer assigned to the user");

    drop(app);
    let mut s = Store::open(&map, &sleutel()).unwrap();
    let d = s.casus_detail(&n).unwrap();
    assert_eq!(d.regel.procesregisseur_id.as_deref(), Some(regisseur.as_str()));
    assert_eq!(d.regel.procesregisseur, "Tess Regisseur");
    assert_eq!(d.regel.trajectbegeleider_id, None);
}

#[test]
fn een_hernoemde_medewerker_houdt_alleen_mijn_casussen() {
    let (_d, map, n, regisseur, _begeleider, mut app) = opzet();
    kies_mij(&mut app, &regisseur);
    stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
    detail_msg(&mut app, detail::Message::KiesToewijzing(detail::Plek::Procesregisseur, Keuze::new(&regisseur, "")));
    klik_en_wacht(&mut app, "Toewijzing opslaan");
    verwacht(&app, "Opgeslagen.");
    klik(&mut app, "← Bord");

    stuur_en_wacht(&mut app, Message::Navigeer(Pagina::Instellingen));
    instellingen_msg(&mut app, instellingen::Message::Bewerk(regisseur.clone()));
    instellingen_msg(&mut app, instellingen::Message::BewerkNaam(String::new()));
    klik(&mut app, "Medewerker opslaan");
    verwacht(&app, "Het veld 'naam' is verplicht.");
    typ(&mut app, "medewerker-naam", "Tess van Ommeren-Regisseur");
    klik(&mut app, "Medewerker opslaan");
    verwacht(&app, "Tess van Ommeren-Regisseur (u)");

    stuur_en_wacht(&mut app, Message::Navigeer(Pagina::Casussen));
    stuur_en_wacht(&mut app, Message::Board(board::Message::AlleenMijn(true)));
    verwacht(&app, "Rode Beuk");
    verwacht(&app, "Tess van Ommeren-Regisseur");
    drop(app);
    let s = Store::open(&map, &sleutel()).unwrap();
    assert_eq!(s.gebruiker(), "Tess van Ommeren-Regisseur", "the local user follows the medewerker");
    assert_eq!(s.zoek("Ommeren", 10).unwrap().len(), 1, "search finds the casus under the new name");
}

/// A trajectbegeleider whose device no medewerker is linked to receives no casus, and
/// the sender is told why.
#[test]
fn trajectbegeleider_zonder_medewerker_krijgt_niets_en_een_waarschuwing() {
    let mut t =
        crate::sync::team_met(&[("Regisseur".into(), "procesregisseur"), ("Tom Traject".into(), "trajectbegeleider")]);
    let mut tb = t.pop().unwrap();
    let mut pr = t.pop().unwrap();
    let tb_id = tb.id();
    // A medewerker with Tom's name but no device: names never decide the scope.
    let tom = pr.store.medewerker_toevoegen("Tom Traject", MedewerkerRol::Trajectbegeleider, None).unwrap();
    let n = hulp::casus(&mut pr.store, "Van Tom");
    crate::sync::wijs_trajectbegeleider_toe(&mut pr.store, &n, Some(&tom));
    let e = sync::exporteer(&mut pr.store, &ExportOpties { voor: vec![tb_id.clone()], ..Default::default() }).unwrap();
    assert_eq!(e.zonder_medewerker, ["Tom Traject"]);
    assert_eq!(e.manifest.casussen.as_ref().map(|c| c.len()), Some(0), "an empty scope, never everything");
    assert!(
        schakel::melding::zonder_medewerker("Tom Traject").contains("geen casussen voor Tom Traject"),
        "the warning names the colleague"
    );
    sync::importeer(&mut tb.store, &e.bytes).unwrap();
    assert!(tb.store.casus_regel(&n).is_err());
    assert_eq!(tb.store.medewerkers().unwrap().len(), 1, "team data (the medewerkers) still arrives");

    // Linking the device: the next bundle brings the casus, without a warning.
    let w = schakel::store::MedewerkerWijziging { apparaat: Some(Some(tb_id.clone())), ..Default::default() };
    pr.store.medewerker_wijzig(&tom, &w).unwrap();
    let e = sync::exporteer(&mut pr.store, &ExportOpties { voor: vec![tb_id], ..Default::default() }).unwrap();
    assert!(e.zonder_medewerker.is_empty());
    sync::importeer(&mut tb.store, &e.bytes).unwrap();
    assert_eq!(tb.store.casus_regel(&n).unwrap().trajectbegeleider, "Tom Traject");
}

/// A reassignment from one trajectbegeleider to another (by id) brings B the casus with
/// everything written before, in B's next bundle.
#[test]
fn herverdeling_naar_een_andere_trajectbegeleider_brengt_de_hele_historie() {
    let mut t = crate::sync::team_met(&[
        ("Regisseur".into(), "procesregisseur"),
        ("Anouk Ändersen".into(), "trajectbegeleider"),
        ("Bram Bölük".into(), "trajectbegeleider"),
    ]);
    let (a_id, b_id) = (t[1].id(), t[2].id());
    let a = crate::sync::trajectbegeleider(&mut t[0].store, "Anouk Ändersen", &a_id);
    let b = crate::sync::trajectbegeleider(&mut t[0].store, "Bram Bölük", &b_id);
    let n = hulp::casus(&mut t[0].store, "Wisselende Wilg");
    crate::sync::wijs_trajectbegeleider_toe(&mut t[0].store, &n, Some(&a));
    t[0].store
        .journaal_toevoegen(
            &n,
            schakel::store::NieuwJournaal {
                soort: schakel::domain::JournaalSoort::Notitie,
                tekst: "Gesprek in de PI".into(),
                datum: None,
                inrichting: None,
            },
        )
        .unwrap();
    crate::sync::uitwisselen(&mut t, 0, 2);
    assert!(t[2].store.casus_regel(&n).is_err(), "not B's casus yet");
    crate::sync::wijs_trajectbegeleider_toe(&mut t[0].store, &n, Some(&b));
    crate::sync::uitwisselen(&mut t, 0, 2);
    let id = t[0].store.casus_id(&n).unwrap();
    assert_eq!(t[2].store.casus_staat(&id).unwrap(), t[0].store.casus_staat(&id).unwrap(), "all of its history");
    assert_eq!(t[2].store.casus_regel(&n).unwrap().trajectbegeleider, "Bram Bölük");
}

use crate::hulp::{json, schakel};

#[test]
fn medewerkers_en_toewijzen_op_de_opdrachtregel() {
    let d = tempfile::tempdir().unwrap();
    let map = d.path().join("data");
    schakel(&map).args(["init", "--naam", "Test Regisseur"]).assert().success();
    let nr = json(schakel(&map).args(["casus", "new", "--werknaam", "Lange Linde", "--thema", "nazorg"]));
    let nr = nr["casusnummer"].as_str().unwrap().to_string();

    let zoë = json(schakel(&map).args(["medewerker", "add", "--naam", "Zoë Ëlberts", "--rol", "procesregisseur"]));
    let zoë = zoë["id"].as_str().unwrap().to_string();
    let ext = json(schakel(&map).args([
        "medewerker",
        "add",
        "--naam",
        "Kees Ketenpartner",
        "--rol",
        "casusregisseur-extern",
    ]));
    let ext = ext["id"].as_str().unwrap().to_string();
    schakel(&map)
        .args(["medewerker", "add", "--naam", "Iemand", "--rol", "stagiair"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Onbekende medewerkerrol: 'stagiair'."));
    let lijst = json(schakel(&map).args(["medewerker", "list"]));
    assert_eq!(lijst.as_array().unwrap().len(), 2, "{lijst}");
    assert_eq!(lijst[1]["rol"], "procesregisseur");

    // Assign by prefix and by name (case and diacritics ignored).
    let toegewezen = json(schakel(&map).args(["casus", "toewijzen", &nr, "--procesregisseur", &zoë[..8]]));
    assert_eq!(toegewezen["procesregisseur_id"], zoë.as_str());
    schakel(&map).args(["casus", "toewijzen", &nr, "--casusregisseur", "kees ketenpartner"]).assert().success().stdout(
        predicate::str::contains(
            "procesregisseur Zoë Ëlberts, trajectbegeleider niemand, casusregisseur Kees Ketenpartner.",
        ),
    );
    schakel(&map)
        .args(["casus", "toewijzen", &nr, "--trajectbegeleider", "Onbekende Naam"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Medewerker 'Onbekende Naam' bestaat niet (of is verwijderd)."));
    let show = json(schakel(&map).args(["casus", "show", &nr]));
    assert_eq!(show["procesregisseur_id"], zoë.as_str());
    assert_eq!(show["procesregisseur"], "Zoë Ëlberts");
    assert_eq!(show["casusregisseur_id"], ext.as_str());
    assert_eq!(show["casusregisseur"], "Kees Ketenpartner");
    assert_eq!(show["trajectbegeleider_id"], serde_json::Value::Null);

    // Rename: the assignment holds, the list filter takes the new name.
    schakel(&map)
        .args(["medewerker", "wijzig", &zoë[..8], "--naam", "Zoë Ëlberts-Vos", "--apparaat", "apparaat-zoe"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Medewerker Zoë Ëlberts-Vos (procesregisseur) gewijzigd."));
    let l = json(schakel(&map).args(["casus", "list", "--medewerker", "zoe elberts-vos"]));
    assert_eq!(l.as_array().unwrap().len(), 1, "{l}");
    schakel(&map)
        .args(["medewerker", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Zoë Ëlberts-Vos  Procesregisseur  apparaat apparaat-zoe"));

    // An empty value clears; archiving keeps existing assignments.
    schakel(&map).args(["casus", "toewijzen", &nr, "--casusregisseur", ""]).assert().success();
    schakel(&map).args(["medewerker", "wijzig", &zoë, "--archiveer"]).assert().success();
    let show = json(schakel(&map).args(["casus", "show", &nr]));
    assert_eq!(show["casusregisseur_id"], serde_json::Value::Null);
    assert_eq!(show["procesregisseur"], "Zoë Ëlberts-Vos");

    // A new casus with a procesregisseur by name.
    let nieuw = json(schakel(&map).args([
        "casus",
        "new",
        "--werknaam",
        "Jonge Hazelaar",
        "--thema",
        "nazorg",
        "--procesregisseur",
        "Kees Ketenpartner",
    ]));
    let nieuw = nieuw["casusnummer"].as_str().unwrap().to_string();
    let show = json(schakel(&map).args(["casus", "show", &nieuw]));
    assert_eq!(show["procesregisseur_id"], ext.as_str());
}

/// The card's free-text role cannot widen a scope: a colleague whose card says
/// "procesondersteuner" but whose device is linked to a trajectbegeleider medewerker gets
/// only that medewerker's cases, in export and in what compaction waits for.
#[test]
fn gekoppelde_trajectbegeleider_met_andere_kaartrol_krijgt_alleen_eigen_casussen() {
    let mut t = crate::sync::team_met(&[
        ("Regisseur".into(), "procesregisseur"),
        ("Fenna Ørsted".into(), "procesondersteuner"),
    ]);
    let mut tb = t.pop().unwrap();
    let mut pr = t.pop().unwrap();
    let tb_id = tb.id();
    let fenna = crate::sync::trajectbegeleider(&mut pr.store, "Fenna Ørsted", &tb_id);
    let eigen = hulp::casus(&mut pr.store, "Eigen Eik");
    let ander = hulp::casus(&mut pr.store, "Andere Abeel");
    crate::sync::wijs_trajectbegeleider_toe(&mut pr.store, &eigen, Some(&fenna));
    let e = sync::exporteer(&mut pr.store, &ExportOpties { voor: vec![tb_id.clone()], ..Default::default() }).unwrap();
    assert!(e.zonder_medewerker.is_empty());
    assert_eq!(e.manifest.casussen.as_ref().map(|c| c.len()), Some(1), "only Fenna's own casus");
    sync::importeer(&mut tb.store, &e.bytes).unwrap();
    assert_eq!(tb.store.casus_regel(&eigen).unwrap().werknaam, "Eigen Eik");
    assert!(tb.store.casus_regel(&ander).is_err(), "a casus of nobody in particular stays out");
}

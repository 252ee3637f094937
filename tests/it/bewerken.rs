//! Issue 20 "Editing": the weging outcome with its date and meeting (a weegtafel's
//! besluit records it), editable lists, the volgend overleg, and the CLI commands for them.

use crate::hulp::{self};
use crate::rapport::tekst;
use crate::ui::stuur_en_wacht;
use chrono::{Duration, NaiveDate, NaiveTime};
use predicates::prelude::*;
use schakel::domain::{Baan, Fase, FaseOvergang, OverlegSoort, WegingUitkomst};
use schakel::store::{NieuwOverleg, NieuweCasus, Store, StoreFout, Weging};

fn vandaag() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// A casus referred `dagen` days ago and moved to the weging.
fn casus_in_weging(s: &mut Store, werknaam: &str, dagen: i64) -> String {
    let n = s
        .nieuwe_casus(NieuweCasus {
            werknaam: werknaam.into(),
            thema: "nazorg".into(),
            datum_aanmelding: Some(vandaag() - Duration::days(dagen)),
            ..Default::default()
        })
        .unwrap()
        .to_string();
    s.casus_fase(&n, &FaseOvergang::naar(Fase::Weging)).unwrap();
    n
}

fn overleg(s: &mut Store, soort: OverlegSoort, datum: NaiveDate) -> String {
    s.overleg_plannen(NieuwOverleg {
        soort: soort.code().into(),
        datum,
        begintijd: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        plaats: "Zaal 3".into(),
        voorzitter: "Test Regisseur".into(),
    })
    .unwrap()
}

#[test]
fn weegtafel_besluit_legt_de_weging_vast_met_de_datum_van_het_overleg() {
    let (_d, _m, mut s) = hulp::store();
    let n = casus_in_weging(&mut s, "Stille Eik", 30);
    let datum = vandaag() - Duration::days(2);
    let o = overleg(&mut s, OverlegSoort::Weegtafel, datum);
    let punt = s.agendapunt_toevoegen(&o, &n, 15).unwrap();
    s.agendapunt_bob(&punt, "Beeld", "Oordeel", "Lokale partij houdt de regie; ZVH ondersteunt.").unwrap();
    s.agendapunt_weging(&punt, WegingUitkomst::Ondersteunen).unwrap();

    let d = s.casus_detail_verversen(&n).unwrap();
    let w = d.weging.expect("outcome recorded");
    assert_eq!(w.uitkomst, WegingUitkomst::Ondersteunen);
    assert_eq!(w.datum.as_deref(), Some(datum.format("%Y-%m-%d").to_string().as_str()));
    assert_eq!(w.overleg.as_deref(), Some(o.as_str()));
    assert_eq!(w.overleg_label, Some(format!("Weegtafel {}", datum.format("%d-%m-%Y"))));
    // Ondersteunen moves the casus on like the board does, into its own lane.
    assert_eq!(d.regel.fase, Fase::Monitoring);
    assert_eq!(Baan::van(d.regel.fase, d.regel.weging_uitkomst), Baan::Ondersteunen);

    // A renamed weegtafel still is one: its category is fixed.
    s.lijst_hernoem("overlegsoort", "weegtafel", "Triageoverleg").unwrap();
    let n2 = casus_in_weging(&mut s, "Grijze Reiger", 30);
    let o2 = overleg(&mut s, OverlegSoort::Weegtafel, vandaag());
    let p2 = s.agendapunt_toevoegen(&o2, &n2, 15).unwrap();
    s.agendapunt_weging(&p2, WegingUitkomst::Procesregie).unwrap();
    let d2 = s.casus_detail_verversen(&n2).unwrap();
    assert_eq!(d2.regel.fase, Fase::Procesregie);
    assert_eq!(d2.weging.unwrap().overleg_label, Some(format!("Triageoverleg {}", vandaag().format("%d-%m-%Y"))));

    // A casusoverleg records no weging outcome.
    let n3 = casus_in_weging(&mut s, "Late Merel", 30);
    let o3 = overleg(&mut s, OverlegSoort::Casusoverleg, vandaag());
    let p3 = s.agendapunt_toevoegen(&o3, &n3, 15).unwrap();
    let fout = s.agendapunt_weging(&p3, WegingUitkomst::Advies).unwrap_err();
    assert!(matches!(fout, StoreFout::GeenWeegtafel));
    assert_eq!(
        schakel::melding::store(&fout),
        "Alleen een weegtafel legt de uitkomst van de weging vast; dit overleg is van een andere soort."
    );
    assert_eq!(s.casus_regel(&n3).unwrap().weging_uitkomst, None);
}

#[test]
fn weging_corrigeren_houdt_de_fase_en_weigert_een_uitkomst_die_niet_past() {
    let (_d, _m, mut s) = hulp::store();
    let n = casus_in_weging(&mut s, "Stille Eik", 30);
    let datum = vandaag() - Duration::days(5);
    s.casus_weging(&n, &Weging { uitkomst: WegingUitkomst::Procesregie, datum: Some(datum), overleg: None }).unwrap();
    assert_eq!(s.casus_regel(&n).unwrap().fase, Fase::Procesregie);
    // In procesregie the outcome can only be procesregie.
    let fout =
        s.casus_weging(&n, &Weging { uitkomst: WegingUitkomst::Ondersteunen, datum: None, overleg: None }).unwrap_err();
    assert_eq!(
        schakel::melding::store(&fout),
        schakel::melding::store(&StoreFout::from(schakel::domain::FaseFout::UitkomstPastNiet {
            uitkomst: WegingUitkomst::Ondersteunen,
            naar: Fase::Procesregie
        }))
    );
    // A date in the future or before the aanmelding is refused.
    let morgen = vandaag() + Duration::days(1);
    let fout = s
        .casus_weging(&n, &Weging { uitkomst: WegingUitkomst::Procesregie, datum: Some(morgen), overleg: None })
        .unwrap_err();
    assert_eq!(
        schakel::melding::store(&fout),
        format!("'{}' is geen geldige datum; gebruik dd-mm-jjjj of jjjj-mm-dd.", morgen.format("%Y-%m-%d"))
    );
    let d = s.casus_detail_verversen(&n).unwrap().weging.unwrap();
    assert_eq!(d.datum, Some(datum.format("%Y-%m-%d").to_string()));
    assert_eq!(d.overleg, None);
}

#[test]
fn verslag_noemt_de_datum_van_het_volgende_overleg() {
    let (_d, _m, mut s) = hulp::store();
    let n = casus_in_weging(&mut s, "Stille Eik", 30);
    let o = overleg(&mut s, OverlegSoort::Casusoverleg, vandaag());
    s.agendapunt_toevoegen(&o, &n, 15).unwrap();
    let (t, _) = tekst(&schakel::report::verslag(&s, &o).unwrap().pdf);
    assert!(t.contains("Nog niet gepland."), "{t}");
    let volgend = vandaag() + Duration::days(14);
    s.overleg_volgende_datum(&o, Some(volgend)).unwrap();
    let (t, _) = tekst(&schakel::report::verslag(&s, &o).unwrap().pdf);
    assert!(t.contains(&volgend.format("%d-%m-%Y").to_string()), "{t}");
    assert!(!t.contains("Nog niet gepland."), "{t}");
    // Not before the meeting itself.
    let fout = s.overleg_volgende_datum(&o, Some(vandaag() - Duration::days(1))).unwrap_err();
    assert!(matches!(fout, StoreFout::Domein(schakel::domain::DomeinFout::OngeldigeDatum(_))), "{fout:?}");
}

use crate::hulp::{schakel, uit};

fn init() -> (tempfile::TempDir, std::path::PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let map = d.path().join("data");
    schakel(&map).args(["init", "--naam", "Test Regisseur"]).assert().success();
    (d, map)
}

#[test]
fn cli_casus_weging_en_overleg_bob_met_uitkomst() {
    let (_d, map) = init();
    let n =
        uit(schakel(&map).args(["casus", "new", "--werknaam", "Stille Eik", "--thema", "nazorg"])).trim().to_string();
    schakel(&map).args(["casus", "fase", &n, "weging"]).assert().success();
    let vandaag = vandaag();
    let o = uit(schakel(&map).args([
        "overleg",
        "new",
        "--soort",
        "weegtafel",
        "--datum",
        &vandaag.format("%Y-%m-%d").to_string(),
        "--tijd",
        "09:00",
    ]))
    .trim()
    .to_string();
    let punt = uit(schakel(&map).args(["--json", "overleg", "agenda", &o[..8], "add", &n]));
    let punt: serde_json::Value = serde_json::from_str(&punt).unwrap();
    let punt = punt["id"].as_str().unwrap().to_string();
    let t = uit(schakel(&map).args([
        "overleg",
        "bob",
        &punt[..8],
        "--besluit",
        "Ondersteunen",
        "--uitkomst",
        "ondersteunen",
    ]));
    assert_eq!(t.trim(), "Verslag van het agendapunt opgeslagen; uitkomst van de weging: ondersteunen.");
    let show: serde_json::Value =
        serde_json::from_str(&uit(schakel(&map).args(["--json", "casus", "show", &n]))).unwrap();
    assert_eq!(show["weging"]["uitkomst"], "ondersteunen");
    assert_eq!(show["weging"]["overleg"], o.as_str());
    assert_eq!(show["weging"]["datum"], vandaag.format("%Y-%m-%d").to_string());
    assert_eq!(show["fase"], "monitoring");

    // Correct it by hand: niet-passend is accepted with a hyphen; the phase must allow it.
    schakel(&map)
        .args(["casus", "weging", &n, "--uitkomst", "niet-passend"])
        .assert()
        .code(1)
        .stderr(predicate::str::is_empty().not());
    let t = uit(schakel(&map).args(["casus", "weging", &n, "--uitkomst", "procesregie", "--overleg", &o[..8]]));
    assert_eq!(
        t.trim(),
        format!(
            "Casus {n}: uitkomst van de weging procesregie op {} (Weegtafel {}); fase monitoring.",
            vandaag.format("%d-%m-%Y"),
            vandaag.format("%d-%m-%Y")
        )
    );
    schakel(&map)
        .args(["casus", "weging", "2026-0999", "--uitkomst", "advies"])
        .assert()
        .code(1)
        .stderr("Casus 2026-0999 bestaat niet.\n");
    schakel(&map)
        .args(["casus", "weging", &n, "--uitkomst", "procesregie", "--overleg", "abcdef012345"])
        .assert()
        .code(1)
        .stderr("Overleg 'abcdef012345' bestaat niet (of is verwijderd).\n");
}

#[test]
fn cli_agenda_duur_verwijder_volgend_en_correctie() {
    let (_d, map) = init();
    let a =
        uit(schakel(&map).args(["casus", "new", "--werknaam", "Stille Eik", "--thema", "nazorg"])).trim().to_string();
    let b =
        uit(schakel(&map).args(["casus", "new", "--werknaam", "Late Merel", "--thema", "nazorg"])).trim().to_string();
    let datum = vandaag().format("%Y-%m-%d").to_string();
    let o =
        uit(schakel(&map).args(["overleg", "new", "--soort", "casusoverleg", "--datum", &datum, "--tijd", "10:00"]))
            .trim()
            .to_string();
    let id = |t: String| -> String {
        let v: serde_json::Value = serde_json::from_str(&t).unwrap();
        v["id"].as_str().unwrap().to_string()
    };
    let pa = id(uit(schakel(&map).args(["--json", "overleg", "agenda", &o[..8], &a])));
    let pb = id(uit(schakel(&map).args(["--json", "overleg", "agenda", &o[..8], "add", &b])));
    let t = uit(schakel(&map).args(["overleg", "agenda", &o[..8], "duur", &pa[..8], "--duur", "40"]));
    assert_eq!(t.trim(), format!("Agendapunt {}: 40 minuten.", &pa[..8]));
    let show: serde_json::Value =
        serde_json::from_str(&uit(schakel(&map).args(["--json", "overleg", "show", &o[..8]]))).unwrap();
    assert_eq!(show["agenda"][1]["starttijd"], "10:40");
    let t = uit(schakel(&map).args(["overleg", "agenda", &o[..8], "verwijder", &pa[..8]]));
    assert_eq!(t.trim(), "Het agendapunt is van de agenda gehaald.");
    let show: serde_json::Value =
        serde_json::from_str(&uit(schakel(&map).args(["--json", "overleg", "show", &o[..8]]))).unwrap();
    assert_eq!(show["agenda"].as_array().unwrap().len(), 1);
    assert_eq!(show["agenda"][0]["starttijd"], "10:00");
    schakel(&map)
        .args(["overleg", "agenda", &o[..8], "verwijder", "0123456789ab"])
        .assert()
        .code(1)
        .stderr("Agendapunt '0123456789ab' bestaat niet (of is verwijderd).\n");

    let volgend = (vandaag() + Duration::days(28)).format("%d-%m-%Y").to_string();
    let t = uit(schakel(&map).args(["overleg", "volgend", &o[..8], "--datum", &volgend]));
    assert_eq!(t.trim(), format!("Volgend overleg: {volgend}."));
    let show = uit(schakel(&map).args(["overleg", "show", &o[..8]]));
    assert!(show.contains(&format!("Volgend overleg: {volgend}")), "{show}");

    // A correction is for a closed meeting only.
    schakel(&map)
        .args(["overleg", "corrigeer", &pb[..8], "--tekst", "Naam van de wijkagent verbeterd"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nog niet gesloten"));
    schakel(&map).args(["overleg", "bob", &pb[..8], "--beeld", "Rustig"]).assert().success();
    schakel(&map).args(["overleg", "sluit", &o[..8]]).assert().success();
    let t = uit(schakel(&map).args(["overleg", "corrigeer", &pb[..8], "--tekst", "Naam van de wijkagent verbeterd"]));
    assert_eq!(t.trim(), "De correctie staat in het journaal van de casus.");
    let d: serde_json::Value = serde_json::from_str(&uit(schakel(&map).args(["--json", "casus", "show", &b]))).unwrap();
    assert!(
        d["journaal"]
            .as_array()
            .unwrap()
            .iter()
            .any(|j| j["tekst"].as_str().unwrap().ends_with("Naam van de wijkagent verbeterd")),
        "{d}"
    );
}

#[test]
fn cli_lijsten_gemeente_en_overlegsoort_toevoegen_hernoemen_archiveren() {
    let (_d, map) = init();
    let t = uit(schakel(&map).args(["lijst", "gemeente", "add", "Venlo"]));
    assert_eq!(t.trim(), "'Venlo' toegevoegd aan de lijst gemeente.");
    let t = uit(schakel(&map).args(["lijst", "gemeente", "hernoem", "venlo", "Gemeente Venlo"]));
    assert_eq!(t.trim(), "'venlo' heet nu 'Gemeente Venlo'.");
    schakel(&map)
        .args(["lijst", "gemeente", "hernoem", "Roermond", "Gemeente Roermond"])
        .assert()
        .code(2)
        .stderr("'Roermond' staat niet in de lijst gemeente.\n");
    schakel(&map).args(["lijst", "gemeente", "archiveer", "Gemeente Venlo"]).assert().success();
    let lijst = uit(schakel(&map).args(["lijst", "gemeente"]));
    assert_eq!(lijst.trim(), "Gemeente Venlo (gearchiveerd)");

    let t = uit(schakel(&map).args(["lijst", "overlegsoort", "add", "Provinciale weegtafel", "--weegtafel"]));
    assert_eq!(t.trim(), "'Provinciale weegtafel' toegevoegd aan de lijst overlegsoort.");
    schakel(&map).args(["lijst", "overlegsoort", "hernoem", "Weegtafel", "Triageoverleg"]).assert().success();
    schakel(&map)
        .args(["lijst", "overlegsoort", "hernoem", "Drieluik", "Triageoverleg"])
        .assert()
        .code(1)
        .stderr("'Triageoverleg' staat al in de lijst overlegsoort.\n");
    let lijst = uit(schakel(&map).args(["lijst", "overlegsoort"]));
    assert!(lijst.contains("Triageoverleg\n") && lijst.contains("Provinciale weegtafel\n"), "{lijst}");
    schakel(&map)
        .args(["lijst", "thema", "add", "Ondermijning", "--weegtafel"])
        .assert()
        .code(2)
        .stderr("--weegtafel hoort alleen bij de lijst overlegsoort.\n");
}

#[test]
fn cli_partner_contact_en_detentie_toevoegen() {
    let (_d, map) = init();
    let p = uit(schakel(&map).args(["partner", "add", "--naam", "Wijkteam Zuidoost", "--convenant", "convenant"]))
        .trim()
        .to_string();
    let t = uit(schakel(&map).args(["partner", "wijzig", "Wijkteam Zuidoost", "--naam", "Wijkteam Zuid-Oost"]));
    assert_eq!(t.trim(), "Partner Wijkteam Zuidoost: 1 veld gewijzigd.");
    schakel(&map).args(["partner", "wijzig", "Wijkteam Noord", "--notities", "x"]).assert().code(2).stderr(
        "Geen partner 'Wijkteam Noord' gevonden. Zie de partnerlijst in het venster of 'schakel partner export'.\n",
    );
    let k = uit(schakel(&map).args(["partner", "contact", &p[..8], "--naam", "Fenna Brëmhof", "--functie", "Coach"]));
    assert_eq!(k.trim().len(), 36, "prints the contact's id: {k}");

    let n = uit(schakel(&map).args([
        "casus",
        "new",
        "--werknaam",
        "Stille Eik",
        "--thema",
        "nazorg",
        "--persoon",
        "Jorrit Vermeulen-Öztürk",
        "--geboortedatum",
        "1990-04-02",
    ]))
    .trim()
    .to_string();
    let show: serde_json::Value =
        serde_json::from_str(&uit(schakel(&map).args(["--json", "casus", "show", &n]))).unwrap();
    let b = show["betrokkenen"][0]["id"].as_str().unwrap().to_string();
    let t = uit(schakel(&map).args([
        "detentie",
        "add",
        &n,
        &b[..8],
        "--inrichting",
        "PI Voorbeeld",
        "--start",
        "2026-01-05",
    ]));
    assert_eq!(t.trim(), format!("Detentie vastgelegd bij casus {n}."));
    let show: serde_json::Value =
        serde_json::from_str(&uit(schakel(&map).args(["--json", "casus", "show", &n]))).unwrap();
    assert_eq!(show["betrokkenen"][0]["detenties"][0]["inrichting"], "PI Voorbeeld");
    schakel(&map)
        .args(["detentie", "add", &n, "0123456789ab", "--inrichting", "PI Voorbeeld"])
        .assert()
        .code(1)
        .stderr("Betrokkene '0123456789ab' bestaat niet (of is verwijderd).\n");
    schakel(&map)
        .args(["detentie", "add", &n, &b[..8], "--inrichting", " "])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nrichting"));
}

/// In the window: a weegtafel's besluit on an agenda item records the weging outcome with
/// the meeting's date, the card lands in the Ondersteunen lane, and the volgend overleg
/// typed in the meeting reaches the store.
#[test]
fn venster_weegtafel_besluit_zet_de_uitkomst_met_de_datum_van_het_overleg() {
    use crate::ui::{klik, typ, verwacht};
    use schakel::ui::screen::overleggen;
    use schakel::ui::{App, Message};
    let (_d, map, mut s) = hulp::store();
    let n = casus_in_weging(&mut s, "Stille Eik", 30);
    let o = overleg(&mut s, OverlegSoort::Weegtafel, vandaag());
    let punt = s.agendapunt_toevoegen(&o, &n, 15).unwrap();
    let mut app = App::met_store(map.clone(), s);
    klik(&mut app, "Overleggen");
    stuur_en_wacht(&mut app, Message::Overleggen(overleggen::Message::Kies(o.clone())));
    klik(&mut app, "Overleg voeren");
    verwacht(&app, "Uitkomst van de weging");
    stuur_en_wacht(
        &mut app,
        Message::Overleggen(overleggen::Message::Weging(punt.clone(), WegingUitkomst::Ondersteunen)),
    );
    verwacht(&app, "Uitkomst van de weging vastgelegd: ondersteunen.");
    let volgend = vandaag() + Duration::days(14);
    typ(&mut app, "volgend-overleg", &volgend.format("%d-%m-%Y").to_string());
    klik(&mut app, "Datum vastleggen");
    verwacht(&app, &format!("Volgend overleg: {}.", volgend.format("%d-%m-%Y")));

    let db = hulp::ruw(&map);
    let (uitkomst, datum, overleg_id, fase, volgende): (String, String, String, String, String) = db
        .query_row(
            "SELECT c.weging_uitkomst, c.weging_datum, c.weging_overleg_id, c.fase, o.volgende_datum
             FROM casus c JOIN overleg o ON o.id = c.weging_overleg_id WHERE c.nummer = ?1",
            [&n],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(uitkomst, "ondersteunen");
    assert_eq!(datum, vandaag().format("%Y-%m-%d").to_string());
    assert_eq!(overleg_id, o);
    assert_eq!(fase, "monitoring");
    assert_eq!(volgende, volgend.format("%Y-%m-%d").to_string());

    // On the board the card sits in its own lane; the detail names the meeting.
    klik(&mut app, "Casussen");
    verwacht(&app, "Ondersteunen");
    stuur_en_wacht(&mut app, Message::Board(schakel::ui::screen::board::Message::Open(n.clone())));
    verwacht(&app, &format!("Weegtafel {}", vandaag().format("%d-%m-%Y")));
}

#[test]
fn cli_casus_wijzig_gemeente_aanmelddatum_en_aanmelder() {
    let (_d, map) = init();
    let n =
        uit(schakel(&map).args(["casus", "new", "--werknaam", "Stille Eik", "--thema", "nazorg"])).trim().to_string();
    schakel(&map).args(["lijst", "gemeente", "add", "Peel en Maas"]).assert().success();
    schakel(&map).args(["partner", "add", "--naam", "Wijkteam Zuidoost"]).assert().success();
    let datum = (vandaag() - Duration::days(10)).format("%Y-%m-%d").to_string();
    let t = uit(schakel(&map).args([
        "casus",
        "wijzig",
        &n,
        "--gemeente",
        "peel",
        "--aanmelddatum",
        &datum,
        "--aanmelder",
        "Wijkteam Zuidoost",
    ]));
    assert_eq!(t.trim(), format!("Casus {n}: 3 velden gewijzigd."));
    let show: serde_json::Value =
        serde_json::from_str(&uit(schakel(&map).args(["--json", "casus", "show", &n]))).unwrap();
    assert_eq!(show["gemeente"], "Peel en Maas");
    assert_eq!(show["datum_aanmelding"], datum);
    assert_eq!(show["aanmelder_partner"], "Wijkteam Zuidoost");
    schakel(&map)
        .args(["casus", "wijzig", &n, "--gemeente", "Venlo"])
        .assert()
        .code(1)
        .stderr("Gemeente 'Venlo' bestaat niet (of is verwijderd).\n");
    let morgen = (vandaag() + Duration::days(1)).format("%Y-%m-%d").to_string();
    schakel(&map)
        .args(["casus", "wijzig", &n, "--aanmelddatum", &morgen])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("toekomst"));
    let t = uit(schakel(&map).args(["casus", "wijzig", &n, "--gemeente", ""]));
    assert_eq!(t.trim(), format!("Casus {n}: 1 veld gewijzigd."));
}

#[test]
fn cli_risicotaxatie_met_toelichting_moment_en_beoordelaar() {
    let (_d, map) = init();
    let n =
        uit(schakel(&map).args(["casus", "new", "--werknaam", "Stille Eik", "--thema", "nazorg"])).trim().to_string();
    schakel(&map)
        .args(["plan", "risico", &n, "--leefgebied", "wonen", "--score", "4", "--toelichting", "Dreigende uitzetting"])
        .assert()
        .success();
    let plan: serde_json::Value =
        serde_json::from_str(&uit(schakel(&map).args(["--json", "plan", "show", &n]))).unwrap();
    let r = &plan["risicos"][0];
    assert_eq!(r["toelichting"], "Dreigende uitzetting");
    assert_eq!(r["moment"], "start");
    assert_eq!(r["beoordelaar"], "Test Regisseur", "the local user by default");
    schakel(&map)
        .args([
            "plan",
            "risico",
            &n,
            "--leefgebied",
            "wonen",
            "--score",
            "2",
            "--toelichting",
            "Huurschuld geregeld",
            "--moment",
            "evaluatie",
            "--beoordelaar",
            "Sanne Ëlberg",
        ])
        .assert()
        .success();
    let plan: serde_json::Value =
        serde_json::from_str(&uit(schakel(&map).args(["--json", "plan", "show", &n]))).unwrap();
    let r = &plan["risicos"][0];
    assert_eq!((r["score"].as_i64(), r["moment"].as_str()), (Some(2), Some("evaluatie")));
    assert_eq!(r["beoordelaar"], "Sanne Ëlberg");
    schakel(&map)
        .args(["plan", "risico", &n, "--leefgebied", "wonen", "--score", "2", "--moment", "later"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("later"));
}

/// Instellingen, Lijsten: add a gemeente, rename a thema inline (the board offers the new
/// name), and rename the weegtafel without it losing its category.
#[test]
fn venster_lijsten_gemeente_toevoegen_en_thema_hernoemen() {
    use crate::ui::{klik, typ, verwacht};
    use schakel::ui::screen::instellingen::{Lijst, Message as I};
    use schakel::ui::{App, Message, Pagina};
    let (_d, map, mut s) = hulp::store();
    let o = overleg(&mut s, OverlegSoort::Weegtafel, vandaag());
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::Navigeer(Pagina::Instellingen));
    verwacht(&app, "Gemeenten");
    typ(&mut app, "nieuwe-gemeente", "Peel en Maas");
    klik(&mut app, "Gemeente toevoegen");
    verwacht(&app, "Peel en Maas");

    stuur_en_wacht(&mut app, Message::Instellingen(I::Hernoem(Lijst::Thema, "thema-nazorg".into(), "Nazorg".into())));
    stuur_en_wacht(&mut app, Message::Instellingen(I::HernoemNaam("Nazorg en re-integratie".into())));
    stuur_en_wacht(&mut app, Message::Instellingen(I::HernoemOpslaan));
    verwacht(&app, "Nazorg en re-integratie");
    // A duplicate name is refused with the store's sentence.
    stuur_en_wacht(
        &mut app,
        Message::Instellingen(I::Hernoem(Lijst::Thema, "thema-com".into(), "Casus op maat".into())),
    );
    stuur_en_wacht(&mut app, Message::Instellingen(I::HernoemNaam("nazorg en re-integratie".into())));
    stuur_en_wacht(&mut app, Message::Instellingen(I::HernoemOpslaan));
    verwacht(&app, "'nazorg en re-integratie' staat al in de lijst thema.");
    stuur_en_wacht(&mut app, Message::Instellingen(I::HernoemAnnuleer));

    stuur_en_wacht(
        &mut app,
        Message::Instellingen(I::Hernoem(Lijst::Overlegsoort, "weegtafel".into(), "Weegtafel".into())),
    );
    stuur_en_wacht(&mut app, Message::Instellingen(I::HernoemNaam("Triageoverleg".into())));
    stuur_en_wacht(&mut app, Message::Instellingen(I::HernoemOpslaan));
    verwacht(&app, "Triageoverleg");

    let s = Store::open(&map, &hulp::sleutel()).unwrap();
    assert!(s.gemeenten().unwrap().iter().any(|g| g.naam == "Peel en Maas"));
    assert!(s.is_weegtafel(&o).unwrap());
    stuur_en_wacht(&mut app, Message::Navigeer(Pagina::Casussen));
    assert!(app.board().unwrap().thema_keuzes().iter().any(|k| k.label == "Nazorg en re-integratie"));
}

#[test]
fn cli_detentie_wijzigen_en_verwijderen_met_reden_in_het_journaal() {
    let (_d, map) = init();
    let n = uit(schakel(&map).args([
        "casus",
        "new",
        "--werknaam",
        "Stille Eik",
        "--thema",
        "nazorg",
        "--persoon",
        "Jorrit Vermeulen-Öztürk",
    ]))
    .trim()
    .to_string();
    let show: serde_json::Value =
        serde_json::from_str(&uit(schakel(&map).args(["--json", "casus", "show", &n]))).unwrap();
    let b = show["betrokkenen"][0]["id"].as_str().unwrap().to_string();
    schakel(&map)
        .args(["detentie", "add", &n, &b[..8], "--inrichting", "PI Voorbeeld", "--start", "2026-01-05"])
        .assert()
        .success();
    let show: serde_json::Value =
        serde_json::from_str(&uit(schakel(&map).args(["--json", "casus", "show", &n]))).unwrap();
    let d = show["betrokkenen"][0]["detenties"][0]["id"].as_str().unwrap().to_string();
    // A reason is required; an end before the start is refused.
    schakel(&map)
        .args(["detentie", "wijzig", &n, &d[..8], "--inrichting", "PI Elders", "--reden", " "])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("reden"));
    schakel(&map)
        .args(["detentie", "wijzig", &n, &d[..8], "--einde", "2025-12-01", "--reden", "Verkeerde datum"])
        .assert()
        .code(1)
        .stderr("'2025-12-01' is geen geldige datum; gebruik dd-mm-jjjj of jjjj-mm-dd.\n");
    let t = uit(schakel(&map).args([
        "detentie",
        "wijzig",
        &n,
        &d[..8],
        "--inrichting",
        "PI Elders",
        "--reden",
        "Overgeplaatst volgens de reclassering",
    ]));
    assert_eq!(t.trim(), "Detentie: 1 veld gewijzigd; de reden staat in het journaal.");
    let t = uit(schakel(&map).args(["detentie", "verwijder", &n, &d[..8], "--reden", "Dubbel ingevoerd"]));
    assert_eq!(t.trim(), format!("Detentie verwijderd uit casus {n}; de reden staat in het journaal."));
    schakel(&map)
        .args(["detentie", "verwijder", &n, &d[..8], "--reden", "Nog eens"])
        .assert()
        .code(1)
        .stderr(format!("Detentie '{}' bestaat niet (of is verwijderd).\n", &d[..8]));
    let show: serde_json::Value =
        serde_json::from_str(&uit(schakel(&map).args(["--json", "casus", "show", &n]))).unwrap();
    assert!(show["betrokkenen"][0]["detenties"].as_array().unwrap().is_empty());
    let journaal: Vec<&str> =
        show["journaal"].as_array().unwrap().iter().map(|j| j["tekst"].as_str().unwrap()).collect();
    assert!(
        journaal.contains(&"Detentie gecorrigeerd (inrichting): Overgeplaatst volgens de reclassering"),
        "{journaal:?}"
    );
    assert!(journaal.contains(&"Detentie verwijderd uit de casus: Dubbel ingevoerd"), "{journaal:?}");
}

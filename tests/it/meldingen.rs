//! Detentiemeldingen (issue 22 point 2): the behandelaar is the scope key for sync,
//! compaction, inzage and retention; a melding syncs between colleagues, a
//! trajectbegeleider receives only their own, and a removed melding leaves inzage.

use crate::sync::{Replica, bundel, team, team_met, uitwisselen};
use schakel::domain::{AanbodGebied, AanbodStatus, Informatiebron, MedewerkerRol, MeldingStatus, TriageRoute};
use schakel::store::{InzageVraag, MeldingWijziging, NieuweMelding, Store, StoreFout};
use schakel::sync;

fn melding(s: &mut Store, behandelaar: &str, naam: &str, bsn: Option<&str>) -> String {
    s.melding_toevoegen(NieuweMelding {
        behandelaar: behandelaar.into(),
        naam: naam.into(),
        geboortedatum: chrono::NaiveDate::from_ymd_opt(1988, 11, 23),
        bsn: bsn.map(str::to_string),
        bron: Some(Informatiebron::Dji),
        inrichting: "PI Veenhuizen".into(),
        einddatum_verwacht: chrono::NaiveDate::from_ymd_opt(2027, 2, 1),
        ..Default::default()
    })
    .unwrap()
}

fn namen(s: &Store) -> Vec<String> {
    s.meldingen(None).unwrap().into_iter().map(|m| m.naam).collect()
}

fn stuur(van: &mut Replica, naar: &mut Replica) {
    let b = bundel(van, &naar.id());
    sync::importeer(&mut naar.store, &b).unwrap();
}

/// Two procesregisseurs: a melding with its checklist, triage and aanbod arrives whole,
/// and a correction travels back.
#[test]
fn melding_synchroniseert_tussen_twee_collegas() {
    let mut t = team(2);
    let femke = t[0].store.medewerker_toevoegen("Femke Nazorgström", MedewerkerRol::Nazorgcoordinator, None).unwrap();
    let id = melding(&mut t[0].store, &femke, "Joëlle Vermeulenga", Some("111222333"));
    t[0].store.melding_verrijk(&id, Informatiebron::Reclassering, Some("Toezicht loopt")).unwrap();
    t[0].store.melding_triage(&id, TriageRoute::Lokaal, "Gemeente heeft aanbod").unwrap();
    t[0].store.melding_aanbod(&id, AanbodGebied::Onderdak, AanbodStatus::Geregeld, None, "Kamer bij Exodus").unwrap();
    uitwisselen(&mut t, 0, 1);
    let d = t[1].store.melding_detail(&id).unwrap();
    assert_eq!((d.naam.as_str(), d.status), ("Joëlle Vermeulenga", MeldingStatus::Getrieerd));
    assert_eq!(d.bronnen[0].antwoord, "Toezicht loopt");
    assert_eq!(d.aanbod[0].toelichting, "Kamer bij Exodus");
    assert_eq!(d.behandelaar.as_deref(), Some("Femke Nazorgström"));
    t[1].store
        .melding_wijzig(
            &id,
            &MeldingWijziging { naam: Some("Joëlle Vermeulen".into()), ..Default::default() },
            "Typfout",
        )
        .unwrap();
    uitwisselen(&mut t, 1, 0);
    assert_eq!(namen(&t[0].store), ["Joëlle Vermeulen"]);
    assert_eq!(t[0].store.synchrone_staat().unwrap(), t[1].store.synchrone_staat().unwrap());
}

/// A trajectbegeleider's scoped bundle carries the meldingen they are behandelaar of and
/// nothing of another behandelaar's; compaction does not wait for them on a melding they
/// may not have, and does wait on one they may.
#[test]
fn melding_van_een_andere_behandelaar_blijft_buiten_de_bundel() {
    let mut t = team_met(&[("Regisseur".into(), "procesregisseur"), ("Tom Traject".into(), "trajectbegeleider")]);
    let mut tb = t.pop().unwrap();
    let mut pr = t.pop().unwrap();
    let tom = crate::sync::trajectbegeleider(&mut pr.store, "Tom Traject", &tb.id());
    let sanne = pr.store.medewerker_toevoegen("Sanne Ådelaar", MedewerkerRol::Trajectbegeleider, None).unwrap();
    let van_tom = melding(&mut pr.store, &tom, "Kees Dijkstraat", None);
    let van_sanne = melding(&mut pr.store, &sanne, "Ruud Zeeländer", Some("123456782"));
    stuur(&mut pr, &mut tb);
    assert_eq!(namen(&tb.store), ["Kees Dijkstraat"]);
    assert!(matches!(tb.store.melding_verversen(&van_sanne), Err(StoreFout::Onbekend { .. })));
    assert!(!tb.store.wijzigingslog().unwrap().contains("Ruud Zeeländer"), "not even in the change log");
    // Both meldingen are corrected on the regisseur's device before Tom confirmed anything.
    // Sanne's old name may leave the log at once (Tom is not entitled to it), Tom's old
    // name only once Tom confirmed that he holds it.
    let wijzig = |s: &mut Store, id: &str, naam: &str| {
        s.melding_wijzig(id, &MeldingWijziging { naam: Some(naam.into()), ..Default::default() }, "Correctie").unwrap();
    };
    wijzig(&mut pr.store, &van_sanne, "Ruud Zeelander");
    wijzig(&mut pr.store, &van_tom, "Kees Dijkstra");
    pr.store.compacteren().unwrap();
    let log = pr.store.wijzigingslog().unwrap();
    assert!(!log.contains("Ruud Zeeländer"), "Sanne's melding waits for nobody");
    assert!(log.contains("Kees Dijkstraat"), "Tom's melding waits for Tom");
    stuur(&mut pr, &mut tb);
    stuur(&mut tb, &mut pr);
    assert!(!pr.store.wijzigingslog().unwrap().contains("Kees Dijkstraat"), "Tom confirmed: dropped");
    assert_eq!(namen(&tb.store), ["Kees Dijkstra"]);
    // Reassigned to Tom, Sanne's melding reaches him with the next bundle.
    pr.store
        .melding_wijzig(
            &van_sanne,
            &MeldingWijziging { behandelaar: Some(tom.clone()), ..Default::default() },
            "Ziekte",
        )
        .unwrap();
    stuur(&mut pr, &mut tb);
    assert_eq!(namen(&tb.store), ["Kees Dijkstra", "Ruud Zeelander"]);
}

/// A melding appears in the inzage of its person (by BSN, also without any casus), and
/// after removal it is gone from inzage, lists and the change-log values.
#[test]
fn melding_staat_in_inzage_en_verdwijnt_na_verwijderen() {
    let mut t = team(1);
    let s = &mut t[0].store;
    let femke = s.medewerker_toevoegen("Femke Nazorgström", MedewerkerRol::Nazorgcoordinator, None).unwrap();
    let id = melding(s, &femke, "Joëlle Vermeulenga", Some("111222333"));
    s.melding_verrijk(&id, Informatiebron::Gemeente, Some("Uitkering aangevraagd")).unwrap();
    let i = s.inzage(&InzageVraag::Bsn("111222333".into())).unwrap();
    assert!(i.casussen.is_empty());
    assert_eq!(i.meldingen.len(), 1);
    assert_eq!(i.meldingen[0].melding.get("naam").and_then(|v| v.as_str()), Some("Joëlle Vermeulenga"));
    assert_eq!(i.meldingen[0].bronnen[0].get("antwoord").and_then(|v| v.as_str()), Some("Uitkering aangevraagd"));
    let i = s.inzage(&InzageVraag::Naam("joelle vermeulenga".into())).unwrap();
    assert_eq!(i.meldingen.len(), 1, "found by folded name too");
    let fout = s.melding_verwijder(&id, " ").unwrap_err();
    assert!(matches!(fout, StoreFout::Domein(schakel::domain::DomeinFout::Verplicht("reden"))), "{fout:?}");
    s.melding_verwijder(&id, "Dubbel ingevoerd").unwrap();
    assert!(matches!(s.inzage(&InzageVraag::Bsn("111222333".into())), Err(StoreFout::Onbekend { .. })));
    assert!(s.meldingen(None).unwrap().is_empty());
    let log = s.wijzigingslog().unwrap();
    assert!(!log.contains("Vermeulenga") && !log.contains("Uitkering aangevraagd"), "values wiped");
    assert!(s.audit_verify().unwrap().in_orde());
}

/// A melding handed over and never converted is kept for its own term (12 months after
/// the overdracht), then listed for removal; an open melding never is.
#[test]
fn overgedragen_melding_heeft_een_eigen_bewaartermijn() {
    let mut t = team(1);
    let s = &mut t[0].store;
    let femke = s.medewerker_toevoegen("Femke Nazorgström", MedewerkerRol::Nazorgcoordinator, None).unwrap();
    let partner = s
        .partner_toevoegen(schakel::store::NieuwePartner {
            naam: "Gemeente Assen".into(),
            soort: schakel::domain::partner::PartnerSoort::Gemeente,
            convenantstatus: schakel::domain::Convenantstatus::Convenant,
        })
        .unwrap();
    let contact = s
        .contact_toevoegen(&partner, schakel::store::NieuwContact { naam: "Pim Wijkhuis".into(), ..Default::default() })
        .unwrap();
    let id = melding(s, &femke, "Joëlle Vermeulenga", None);
    let open = melding(s, &femke, "Kees Dijkstraat", None);
    s.melding_verrijk(&id, Informatiebron::Dji, Some("Datum bevestigd")).unwrap();
    s.melding_triage(&id, TriageRoute::Lokaal, "Gemeente heeft aanbod").unwrap();
    s.melding_overdragen(&id, &contact, true).unwrap();
    let d = s.melding_verversen(&id).unwrap();
    assert_eq!(d.overdracht_contact.as_deref(), Some("Pim Wijkhuis (Gemeente Assen)"));
    let vandaag = chrono::Local::now().date_naive();
    let na = |maanden: u32| vandaag.checked_add_months(chrono::Months::new(maanden)).unwrap();
    assert!(s.meldingen_te_verwijderen(na(12)).unwrap().is_empty(), "kept through the 12th month");
    let weg = s.meldingen_te_verwijderen(na(13)).unwrap();
    assert_eq!(weg.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), [id.as_str()]);
    assert!(!weg.iter().any(|m| m.id == open));
}

mod cli {

    use predicates::prelude::*;

    use crate::hulp::{id, json, schakel};

    /// `schakel bewaartermijn meldingen`: shows the term (12 months by default), sets it
    /// within 1..240 with the window's Dutch sentence, and `termijnen` lists it.
    #[test]
    fn bewaartermijn_van_meldingen_instellen() {
        let d = tempfile::tempdir().unwrap();
        let map = d.path().join("data");
        schakel(&map).args(["init", "--naam", "Femke Nazorgström"]).assert().success();
        schakel(&map).args(["bewaartermijn", "meldingen"]).assert().success().stdout(predicate::str::contains(
            "Meldingen die geen casus werden, worden 12 maanden na overdracht verwijderd.",
        ));
        schakel(&map).args(["bewaartermijn", "meldingen", "--maanden", "241"]).assert().code(1).stderr(
            predicate::str::contains("Een bewaartermijn van 241 maanden kan niet; kies 1 tot en met 240 maanden."),
        );
        schakel(&map)
            .args(["bewaartermijn", "meldingen", "--maanden", "18"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Bewaartermijn van meldingen ingesteld op 18 maanden na overdracht."));
        assert_eq!(json(schakel(&map).args(["bewaartermijn", "meldingen"]))["meldingen_maanden"], 18);
        schakel(&map)
            .args(["bewaartermijn", "termijnen"])
            .assert()
            .success()
            .stdout(predicate::str::is_match(r"Meldingen \(geen casus\)\s+18 maanden na overdracht").unwrap());
    }

    /// `schakel inzage` lists a person known only from a melding among the persons to
    /// choose from, and `--betrokkene` takes that melding's id.
    #[test]
    fn inzage_kiest_ook_een_persoon_uit_een_melding() {
        let d = tempfile::tempdir().unwrap();
        let map = d.path().join("data");
        schakel(&map).args(["init", "--naam", "Femke Nazorgström"]).assert().success();
        id(schakel(&map).args(["medewerker", "add", "--naam", "Femke Nazorgström", "--rol", "nazorgcoordinator"]));
        let v = json(schakel(&map).args(["casus", "new", "--werknaam", "Kievit", "--thema", "nazorg"]));
        let nummer = v["casusnummer"].as_str().unwrap().to_string();
        schakel(&map)
            .args(["betrokkene", "add", &nummer, "--naam", "Joëlle Vermeulenga", "--geboortedatum", "1960-01-01"])
            .args(["--rol", "hoofdpersoon"])
            .assert()
            .success();
        let melding = id(schakel(&map).args([
            "melding",
            "add",
            "--naam",
            "Joëlle Vermeulenga",
            "--geboortedatum",
            "1988-11-23",
            "--inrichting",
            "PI Veenhuizen",
            "--bron",
            "dji",
            "--behandelaar",
            "Femke Nazorgström",
        ]));
        let pdf = d.path().join("inzage.pdf");
        let pdf_arg = pdf.display().to_string();
        schakel(&map)
            .args(["inzage", "--naam", "joelle vermeulenga", "-o", &pdf_arg])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("2 personen passen bij deze vraag"))
            .stderr(predicate::str::contains(format!("geboren 01-01-1960  casus {nummer}")))
            .stderr(predicate::str::contains(format!(
                "{melding}  Joëlle Vermeulenga  geboren 23-11-1988  1 detentiemelding"
            )));
        assert!(!pdf.exists());
        let uit = d.path().join("inzage.json");
        schakel(&map)
            .args(["inzage", "--betrokkene", &melding, "--json-uitvoer", &uit.display().to_string()])
            .assert()
            .success();
        let json_tekst = std::fs::read_to_string(&uit).unwrap();
        assert!(json_tekst.contains("1988-11-23") && !json_tekst.contains("1960-01-01"), "{json_tekst}");
    }

    /// The CLI contract of issue 22 from intake to a warm overdracht and to a casus, with
    /// the same Dutch refusals as the window, correction and removal with a reason.
    #[test]
    fn melding_van_intake_tot_overdracht_en_omzetten() {
        let d = tempfile::tempdir().unwrap();
        let map = d.path().join("data");
        schakel(&map).args(["init", "--naam", "Femke Nazorgström"]).assert().success();
        id(schakel(&map).args(["medewerker", "add", "--naam", "Femke Nazorgström", "--rol", "nazorgcoordinator"]));
        schakel(&map).args(["lijst", "gemeente", "add", "Assen"]).assert().success();
        let p = id(schakel(&map).args(["partner", "add", "--naam", "Gemeente Assen", "--soort", "gemeente"]));
        let k = id(schakel(&map).args(["partner", "contact", &p[..8], "--naam", "Pim Wijkhuis"]));
        let add = |naam: &str, verwacht: &str| {
            id(schakel(&map).args([
                "melding",
                "add",
                "--naam",
                naam,
                "--geboortedatum",
                "1988-11-23",
                "--inrichting",
                "PI Veenhuizen",
                "--bron",
                "dji",
                "--bsn",
                "111222333",
                "--verwacht",
                verwacht,
                "--gemeente",
                "Assen",
                "--behandelaar",
                "Femke Nazorgström",
                "--kortgestrafte",
            ]))
        };
        let vandaag = chrono::Local::now().date_naive();
        let binnenkort = (vandaag + chrono::Duration::days(20)).format("%Y-%m-%d").to_string();
        let later = (vandaag + chrono::Duration::days(90)).format("%Y-%m-%d").to_string();
        let m = add("Joëlle Vermeulenga", &binnenkort);
        let tweede = add("Kees Dijkstraat", &later);
        let kort = &m[..8];
        // Triage before any source answered is refused in Dutch.
        schakel(&map)
            .args(["melding", "triage", kort, "--route", "lokaal", "--reden", "Gemeente pakt op"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("pas getrieerd als minstens één bron"));
        schakel(&map)
            .args(["melding", "verrijk", kort, "--bron", "reclassering", "--tekst", "Toezicht tot 2027"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Antwoord van Reclassering vastgelegd; de melding is verrijkt."));
        schakel(&map)
            .args(["melding", "triage", kort, "--route", "lokaal", "--reden", "Gemeente pakt op"])
            .assert()
            .success();
        for (l, s) in [("identiteitsbewijs", "geregeld"), ("onderdak", "geregeld"), ("schulden", "niet-nodig")] {
            schakel(&map).args(["melding", "aanbod", kort, "--leefgebied", l, "--status", s]).assert().success();
        }
        schakel(&map)
            .args(["melding", "overdragen", kort, "--contact", &k, "--warm"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Melding warm overgedragen aan Pim Wijkhuis (Gemeente Assen)."));
        let v = json(schakel(&map).args(["melding", "show", kort]));
        assert_eq!((v["status"].as_str(), v["overdracht_warm"].as_bool()), (Some("overgedragen"), Some(true)));
        assert_eq!(v["aanbod"].as_array().unwrap().len(), 3);
        // Only the first is leaving within 28 days.
        let lijst = json(schakel(&map).args(["melding", "list", "--uitstroom-binnen", "28"]));
        assert_eq!(lijst.as_array().unwrap().len(), 0, "an overgedragen melding is no longer open");
        let lijst = json(schakel(&map).args(["melding", "list"]));
        let namen: Vec<&str> = lijst.as_array().unwrap().iter().map(|m| m["naam"].as_str().unwrap()).collect();
        assert_eq!(namen, ["Joëlle Vermeulenga", "Kees Dijkstraat"], "sorted by expected release");
        // The second becomes a casus; its aanbod continues there by casusnummer.
        let t = &tweede[..8];
        schakel(&map).args(["melding", "verrijk", t, "--bron", "dji", "--tekst", "Datum bevestigd"]).assert().success();
        schakel(&map).args(["melding", "triage", t, "--route", "zvh", "--reden", "Meervoudig"]).assert().success();
        let nummer = json(schakel(&map).args(["melding", "omzetten", t, "--werknaam", "Reiger"]))["casusnummer"]
            .as_str()
            .unwrap()
            .to_string();
        schakel(&map)
            .args(["melding", "aanbod", &nummer, "--leefgebied", "inkomen", "--status", "bezig"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Aanbod Inkomen: bezig."));
        schakel(&map)
            .args(["melding", "omzetten", t])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("al omgezet naar een casus"));
        // Correction and removal need a reason.
        schakel(&map)
            .args(["melding", "wijzig", kort, "--reden", "Typfout", "--naam", "Joëlle Vermeulen"])
            .assert()
            .success()
            .stdout(predicate::str::contains("1 veld gewijzigd."));
        schakel(&map)
            .args(["melding", "verwijder", kort, "--reden", " "])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("Het veld 'reden' is verplicht."));
        schakel(&map).args(["melding", "verwijder", kort, "--reden", "Dubbel"]).assert().success();
        schakel(&map)
            .args(["melding", "show", kort])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("Detentiemelding"))
            .stderr(predicate::str::contains("bestaat niet"));
    }
}

mod venster {
    use crate::ui::{klik, klik_en_wacht, toont, typ, verwacht, voer_uit};
    use schakel::domain::partner::PartnerSoort;
    use schakel::domain::{AanbodGebied, AanbodStatus, Convenantstatus, Informatiebron, MedewerkerRol, TriageRoute};
    use schakel::store::{NieuwContact, NieuwePartner};
    use schakel::ui::screen::meldingen::Message as M;
    use schakel::ui::widgets::Keuze;
    use schakel::ui::{App, Message};

    fn stuur(app: &mut App, m: M) {
        let t = app.update(Message::Meldingen(m));
        voer_uit(app, t);
    }

    /// Issue 22's flow: a detentiemelding from intake to a warm overdracht with two
    /// leefgebieden arranged, with the refused triage before enrichment and the busy line.
    #[test]
    fn detentiemelding_van_intake_tot_warme_overdracht() {
        let (_dir, map, mut s) = crate::hulp::store();
        s.medewerker_toevoegen("Femke Nazorgström", MedewerkerRol::Nazorgcoordinator, None).unwrap();
        s.gemeente_toevoegen("Assen").unwrap();
        let p = s
            .partner_toevoegen(NieuwePartner {
                naam: "Gemeente Assen".into(),
                soort: PartnerSoort::Gemeente,
                convenantstatus: Convenantstatus::Convenant,
            })
            .unwrap();
        let pim = s.contact_toevoegen(&p, NieuwContact { naam: "Pim Wijkhuis".into(), ..Default::default() }).unwrap();
        let mut app = App::met_store(map.clone(), s);
        klik_en_wacht(&mut app, "Meldingen");
        verwacht(&app, "Nog geen meldingen.");
        klik(&mut app, "Nieuwe melding");
        typ(&mut app, "melding-naam", "Joëlle Vermeulenga");
        typ(&mut app, "melding-geboortedatum", "23-11-1988");
        typ(&mut app, "melding-inrichting", "PI Veenhuizen");
        let over_twee_weken = (chrono::Local::now().date_naive() + chrono::Duration::days(14)).format("%d-%m-%Y");
        typ(&mut app, "melding-verwacht", &over_twee_weken.to_string());
        let _ = app.update(Message::Meldingen(M::Bron(Informatiebron::Dji)));
        klik_en_wacht(&mut app, "Melding vastleggen");
        verwacht(&app, "Detentiemelding van Joëlle Vermeulenga vastgelegd.");
        verwacht(&app, "Uitstroom binnen 4 weken");
        verwacht(&app, "● Ontvangen");
        // Triage before any source answered is refused with the store's Dutch sentence.
        let _ = app.update(Message::Meldingen(M::Route(TriageRoute::Lokaal)));
        typ(&mut app, "melding-triage", "Gemeente heeft passend aanbod");
        klik_en_wacht(&mut app, "Trieer");
        verwacht(&app, "Een melding wordt pas getrieerd als minstens één bron");
        let _ = app.update(Message::Meldingen(M::VerrijkBron(Informatiebron::Reclassering)));
        typ(&mut app, "melding-antwoord", "Toezicht loopt tot 2027");
        klik_en_wacht(&mut app, "Antwoord vastleggen");
        verwacht(&app, "Antwoord van Reclassering vastgelegd; de melding is verrijkt.");
        verwacht(&app, "✓ Reclassering: Toezicht loopt tot 2027");
        klik_en_wacht(&mut app, "Trieer");
        verwacht(&app, "Route: Lokaal (gemeente) — Gemeente heeft passend aanbod");
        stuur(&mut app, M::Aanbod(AanbodGebied::Identiteitsbewijs, AanbodStatus::Geregeld));
        stuur(&mut app, M::Aanbod(AanbodGebied::Onderdak, AanbodStatus::Geregeld));
        verwacht(&app, "Identiteitsbewijs: geregeld");
        verwacht(&app, "Onderdak: geregeld");
        verwacht(&app, "Inkomen: nog niets vastgelegd");
        let _ = app.update(Message::Meldingen(M::Contact(Keuze::new(&pim, "Pim Wijkhuis (Gemeente Assen)"))));
        let _ = app.update(Message::Meldingen(M::Warm(true)));
        // The save runs off the event loop: meanwhile the screen says so.
        let t = app.update(Message::Meldingen(M::Overdragen));
        verwacht(&app, "Bezig met opslaan…");
        voer_uit(&mut app, t);
        assert!(!toont(&app, "Bezig met opslaan…"));
        verwacht(&app, "Melding warm overgedragen.");
        verwacht(&app, "Warm overgedragen aan Pim Wijkhuis (Gemeente Assen)");
        verwacht(&app, "● Overgedragen");
        assert!(!toont(&app, "Uitstroom binnen 4 weken"), "a handed-over melding is no longer signalled");
    }

    /// A melding converted into a casus: the casus shows the aanbod carried over and takes
    /// a new status in its overview.
    #[test]
    fn omgezette_melding_toont_het_aanbod_in_de_casus() {
        use schakel::ui::screen::detail;
        let (_dir, map, mut s) = crate::hulp::store();
        let femke = s.medewerker_toevoegen("Femke Nazorgström", MedewerkerRol::Nazorgcoordinator, None).unwrap();
        let id = super::melding(&mut s, &femke, "Kees Dijkstraat", None);
        s.melding_verrijk(&id, Informatiebron::Dji, Some("Datum bevestigd")).unwrap();
        s.melding_aanbod(&id, AanbodGebied::Onderdak, AanbodStatus::Geregeld, None, "").unwrap();
        s.melding_triage(&id, TriageRoute::Zvh, "Meervoudige problematiek").unwrap();
        let nummer = s.melding_omzetten(&id, Some("Reiger")).unwrap().to_string();
        let mut app = App::met_store(map.clone(), s);
        crate::ui::stuur_en_wacht(&mut app, Message::OpenCasus(nummer));
        verwacht(&app, "Onderdak: geregeld");
        verwacht(&app, "Inkomen: nog niets vastgelegd");
        crate::ui::stuur_en_wacht(
            &mut app,
            Message::Detail(detail::Message::Aanbod(AanbodGebied::Inkomen, AanbodStatus::Bezig)),
        );
        verwacht(&app, "Opgeslagen: het aanbod is bijgewerkt.");
        verwacht(&app, "Inkomen: bezig");
    }
}

/// The melding kengetallen agree with direct SQL on the same database: counts per
/// gemeente and route, the median time to triage, and the share of released persons with
/// ID, onderdak and inkomen arranged at release (an aanbod arranged after release does
/// not count; a converted melding counts with its casus's aanbod).
#[test]
fn melding_kengetallen_kloppen_met_directe_sql() {
    let (_dir, map, mut s) = crate::hulp::store();
    let femke = s.medewerker_toevoegen("Femke Nazorgström", MedewerkerRol::Nazorgcoordinator, None).unwrap();
    s.gemeente_toevoegen("Assen").unwrap();
    s.gemeente_toevoegen("Emmen").unwrap();
    let vandaag = chrono::Local::now().date_naive();
    let dagen = |n: i64| vandaag - chrono::Duration::days(n);
    let mut ids = Vec::new();
    for (i, (naam, gemeente, ontvangen)) in [
        ("Joëlle Vermeulenga", Some("Assen"), 10),
        ("Kees Dijkstraat", Some("Assen"), 4),
        ("Ruud Zeeländer", Some("Emmen"), 7),
        ("Aïsha Brinkhorst", None, 20),
        ("Oud Geval", Some("Emmen"), 400),
    ]
    .into_iter()
    .enumerate()
    {
        let id = s
            .melding_toevoegen(NieuweMelding {
                behandelaar: femke.clone(),
                naam: naam.into(),
                geboortedatum: chrono::NaiveDate::from_ymd_opt(1980 + i as i32, 1, 15),
                inrichting: "PI Leeuwarden".into(),
                gemeente: gemeente.map(str::to_string),
                ontvangen_op: Some(dagen(ontvangen)),
                ..Default::default()
            })
            .unwrap();
        ids.push(id);
    }
    let mut stap = |id: &str, route: TriageRoute| {
        s.melding_verrijk(id, Informatiebron::Dji, Some("Bevestigd")).unwrap();
        s.melding_triage(id, route, "Passend").unwrap();
    };
    stap(&ids[0], TriageRoute::Lokaal);
    stap(&ids[1], TriageRoute::Zvh);
    stap(&ids[2], TriageRoute::Lokaal);
    // Released today with ID and onderdak arranged; released yesterday with onderdak only
    // arranged today (after release: not counted); converted, inkomen arranged on the casus.
    let uit = |s: &mut Store, id: &str, d: chrono::NaiveDate| {
        let w = MeldingWijziging { einddatum_werkelijk: Some(Some(d)), ..Default::default() };
        s.melding_wijzig(id, &w, "Vrijgelaten").unwrap();
    };
    s.melding_aanbod(&ids[0], AanbodGebied::Identiteitsbewijs, AanbodStatus::Geregeld, None, "").unwrap();
    s.melding_aanbod(&ids[0], AanbodGebied::Onderdak, AanbodStatus::Geregeld, None, "").unwrap();
    s.melding_aanbod(&ids[0], AanbodGebied::Inkomen, AanbodStatus::Bezig, None, "").unwrap();
    uit(&mut s, &ids[0], vandaag);
    s.melding_aanbod(&ids[2], AanbodGebied::Onderdak, AanbodStatus::Geregeld, None, "").unwrap();
    uit(&mut s, &ids[2], dagen(1));
    let nummer = s.melding_omzetten(&ids[1], None).unwrap().to_string();
    s.casus_aanbod(&nummer, AanbodGebied::Inkomen, AanbodStatus::Geregeld, None, "").unwrap();
    uit(&mut s, &ids[1], vandaag);

    let (van, tot) = (dagen(30), vandaag);
    let k = s.kengetallen(van, tot).unwrap().meldingen;
    let db = crate::hulp::ruw(&map);
    let (v, t) = (van.format("%Y-%m-%d").to_string(), tot.format("%Y-%m-%d").to_string());
    let getal = |sql: &str| -> u32 { db.query_row(sql, [&v, &t], |r| r.get::<_, i64>(0)).unwrap() as u32 };
    assert_eq!(k.meldingen, getal("SELECT count(*) FROM detentiemelding WHERE ontvangen_op BETWEEN ?1 AND ?2"));
    assert_eq!(k.meldingen, 4);
    let per_gemeente: Vec<(String, u32)> = db
        .prepare(
            "SELECT coalesce(g.naam, '(onbekend)'), count(*) n FROM detentiemelding d
             LEFT JOIN gemeente g ON g.id = d.gemeente_id WHERE d.ontvangen_op BETWEEN ?1 AND ?2
             GROUP BY 1 ORDER BY n DESC, 1",
        )
        .unwrap()
        .query_map([&v, &t], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u32)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(k.per_gemeente.iter().map(|t| (t.label.clone(), t.aantal)).collect::<Vec<_>>(), per_gemeente);
    let lokaal =
        getal("SELECT count(*) FROM detentiemelding WHERE route = 'lokaal' AND getrieerd_op BETWEEN ?1 AND ?2");
    assert_eq!(k.per_route[0].aantal, lokaal);
    assert_eq!(lokaal, 2);
    let mut wachttijden: Vec<i64> = db
        .prepare(
            "SELECT CAST(julianday(getrieerd_op) - julianday(ontvangen_op) AS INTEGER) FROM detentiemelding
             WHERE getrieerd_op BETWEEN ?1 AND ?2 ORDER BY 1",
        )
        .unwrap()
        .query_map([&v, &t], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    wachttijden.sort_unstable();
    assert_eq!(wachttijden, [4, 7, 10]);
    assert_eq!(k.mediaan_melding_triage, Some(wachttijden[1] as f64));
    assert_eq!(
        k.uitgestroomd,
        getal("SELECT count(*) FROM detentiemelding WHERE einddatum_werkelijk BETWEEN ?1 AND ?2")
    );
    let geregeld = |gebied: &str| {
        getal(&format!(
            "SELECT count(*) FROM detentiemelding d WHERE d.einddatum_werkelijk BETWEEN ?1 AND ?2 AND (
               EXISTS (SELECT 1 FROM melding_aanbod a WHERE a.melding_id = d.id AND a.leefgebied = '{gebied}'
                       AND a.status = 'geregeld' AND a.datum <= d.einddatum_werkelijk)
            OR EXISTS (SELECT 1 FROM casus_aanbod a WHERE a.casus_id = d.omgezet_casus_id AND a.leefgebied = '{gebied}'
                       AND a.status = 'geregeld' AND a.datum <= d.einddatum_werkelijk))"
        ))
    };
    assert_eq!(
        (k.met_identiteitsbewijs, k.met_onderdak, k.met_inkomen),
        (geregeld("identiteitsbewijs"), geregeld("onderdak"), geregeld("inkomen"))
    );
    assert_eq!((k.uitgestroomd, k.met_identiteitsbewijs, k.met_onderdak, k.met_inkomen), (3, 1, 1, 1));
    let csv = String::from_utf8(schakel::store::kengetallen::naar_csv(&s.kengetallen(van, tot).unwrap())).unwrap();
    assert!(csv.contains("uitstroom,onderdak geregeld,1"), "{csv}");
}

/// Demo data fills the Meldingen screen with every step and the kengetallen with releases.
#[test]
fn demo_vult_meldingen_in_elke_stap() {
    let (_dir, _map, mut s) = crate::hulp::store();
    let o = schakel::demo::genereer(&mut s, 5, 3).unwrap();
    assert_eq!((o.casussen, o.meldingen), (5, 8));
    let statussen: std::collections::BTreeSet<MeldingStatus> =
        s.meldingen(None).unwrap().iter().map(|m| m.status).collect();
    assert_eq!(
        statussen.into_iter().collect::<Vec<_>>(),
        [MeldingStatus::Ontvangen, MeldingStatus::Verrijkt, MeldingStatus::Getrieerd, MeldingStatus::Overgedragen]
    );
    let k = s
        .kengetallen(chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(), chrono::Local::now().date_naive())
        .unwrap()
        .meldingen;
    assert_eq!((k.meldingen, k.uitgestroomd, k.met_onderdak, k.met_inkomen), (8, 2, 2, 2));
}

/// A person known only from a detentiemelding is a person of the inzage pick list: a
/// name shared with a betrokkene of another birth date gives a choice of two, in the store
/// and in the window, and choosing the melding's person draws up only the melding.
#[test]
fn inzage_keuzelijst_biedt_personen_uit_een_melding() {
    use crate::ui::{stuur_en_wacht, verwacht};
    use schakel::ui::screen::privacy::{Bestand, Message as P};
    use schakel::ui::{App, Message, Pagina};
    let (dir, map, mut s) = crate::hulp::store();
    let femke = s.medewerker_toevoegen("Femke Nazorgström", MedewerkerRol::Nazorgcoordinator, None).unwrap();
    let nummer = crate::hulp::casus(&mut s, "Kievit");
    s.betrokkene_toevoegen(
        &nummer,
        schakel::store::NieuweBetrokkene {
            naam: "Joëlle Vermeulenga".into(),
            geboortedatum: chrono::NaiveDate::from_ymd_opt(1960, 1, 1),
            rol: schakel::domain::Rol::Hoofdpersoon,
            bsn: None,
            initialen: None,
        },
    )
    .unwrap();
    // Born 1988-11-23: another person with the same name, only in a melding.
    let id = melding(&mut s, &femke, "Joëlle Vermeulenga", None);
    let alleen_melding = melding(&mut s, &femke, "Kees Dijkstraat", None);

    let personen = s.inzage_personen(&InzageVraag::Naam("joelle vermeulenga".into())).unwrap();
    let waar: Vec<(Option<&str>, String)> = personen.iter().map(|p| (p.geboortedatum.as_deref(), p.waar())).collect();
    assert_eq!(
        waar,
        [(Some("1960-01-01"), format!("casus {nummer}")), (Some("1988-11-23"), "1 detentiemelding".to_string())]
    );
    assert!(matches!(
        s.inzage(&InzageVraag::Naam("Joëlle Vermeulenga".into())),
        Err(StoreFout::MeerderePersonen(l)) if l.len() == 2
    ));
    let gekozen = s.inzage(&InzageVraag::Id(id.clone())).unwrap();
    assert!(gekozen.casussen.is_empty(), "the betrokkene of 1960 is another person");
    assert_eq!(gekozen.meldingen.len(), 1);
    // Known only from a melding, by name: one person, no choice needed.
    let kees = s.inzage_personen(&InzageVraag::Naam("Kees Dijkstraat".into())).unwrap();
    assert_eq!((kees.len(), kees[0].id.as_str(), kees[0].meldingen), (1, alleen_melding.as_str(), 1));

    // The window offers both and draws up the chosen one.
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::Navigeer(Pagina::Privacy));
    let pdf = dir.path().join("inzage-melding.pdf");
    stuur_en_wacht(&mut app, Message::Privacy(P::Gekozen(Bestand::Inzage, Some(pdf.clone()))));
    stuur_en_wacht(&mut app, Message::Privacy(P::InzageWie("Joëlle Vermeulenga".into())));
    stuur_en_wacht(&mut app, Message::Privacy(P::InzageMaken));
    verwacht(&app, "2 personen passen bij deze naam");
    verwacht(&app, &format!("Joëlle Vermeulenga, geboren 01-01-1960, casus {nummer}"));
    verwacht(&app, "Joëlle Vermeulenga, geboren 23-11-1988, 1 detentiemelding");
    stuur_en_wacht(&mut app, Message::Privacy(P::InzageKies(id)));
    verwacht(&app, "Inzage opgeslagen");
    let json = std::fs::read_to_string(pdf.with_extension("json")).unwrap();
    assert!(json.contains("1988-11-23") && !json.contains("1960-01-01"), "{json}");
}

/// An omgezet melding has no term of its own: it is kept with its casus and removed with
/// it after the casus's term, sources and aanbod included, on this device and, through
/// the tombstones, on a colleague's; its values leave the change log.
#[test]
fn omgezette_melding_gaat_mee_met_haar_casus() {
    use schakel::domain::fase::FaseOvergang;
    use schakel::domain::{Fase, WegingUitkomst};
    let mut t = team(2);
    let s = &mut t[0].store;
    let femke = s.medewerker_toevoegen("Femke Nazorgström", MedewerkerRol::Nazorgcoordinator, None).unwrap();
    let id = melding(s, &femke, "Joëlle Vermeulenga", Some("111222333"));
    s.melding_verrijk(&id, Informatiebron::Reclassering, Some("Toezicht bij Zwaluwstraat")).unwrap();
    s.melding_aanbod(&id, AanbodGebied::Onderdak, AanbodStatus::Geregeld, None, "Kamer bij Exodus").unwrap();
    s.melding_triage(&id, TriageRoute::Zvh, "Meervoudige problematiek").unwrap();
    // Visited in the PI before it became a casus: a place on a visit list and a note.
    let bezoek = s
        .bezoek_nieuw(schakel::store::NieuwBezoek {
            inrichting: "PI Veenhuizen".into(),
            datum: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
            behandelaar: Some(femke.clone()),
            personen: vec![schakel::domain::BezoekPersoon::Melding(id.clone())],
        })
        .unwrap();
    let persoon = schakel::domain::BezoekPersoon::Melding(id.clone());
    assert_eq!(s.bezoek_verslagen(&bezoek, &[(persoon, "Gesprek over de Kievitlaan".into())]).unwrap(), 1);
    let nummer = s.melding_omzetten(&id, Some("Reiger")).unwrap().to_string();
    let vandaag = chrono::Local::now().date_naive();
    assert!(
        s.meldingen_te_verwijderen(vandaag + chrono::Duration::days(3650)).unwrap().is_empty(),
        "an omgezet melding is never listed on its own"
    );
    s.casus_fase(&nummer, &FaseOvergang::naar(Fase::Weging)).unwrap();
    let procesregie =
        FaseOvergang { uitkomst: Some(WegingUitkomst::Procesregie), ..FaseOvergang::naar(Fase::Procesregie) };
    s.casus_fase(&nummer, &procesregie).unwrap();
    let sluit = FaseOvergang { reden: Some("Doelen behaald".into()), ..FaseOvergang::naar(Fase::Afgesloten) };
    s.casus_fase(&nummer, &sluit).unwrap();
    uitwisselen(&mut t, 0, 1);
    assert_eq!(t[1].store.melding_detail(&id).unwrap().status, MeldingStatus::Omgezet);

    let na_termijn = vandaag.checked_add_months(chrono::Months::new(25)).unwrap();
    t[0].store.casus_vernietigen(&nummer, "Bewaartermijn verstreken", na_termijn).unwrap();
    assert!(matches!(t[0].store.melding_verversen(&id), Err(StoreFout::Onbekend { .. })));
    assert_eq!(t[0].store.aantal("meldingbron").unwrap(), 0);
    assert_eq!(t[0].store.aantal("melding_aanbod").unwrap(), 0);
    assert_eq!(t[0].store.aantal("melding_notitie").unwrap(), 0, "the note goes with the melding");
    assert_eq!(t[0].store.aantal("bezoek_persoon").unwrap(), 0, "so does its place on the visit list");
    assert_eq!(t[0].store.aantal("bezoek").unwrap(), 0, "a visit list left empty goes too");
    let log = t[0].store.wijzigingslog().unwrap();
    assert!(
        !log.contains("Vermeulenga")
            && !log.contains("Zwaluwstraat")
            && !log.contains("Exodus")
            && !log.contains("Kievitlaan"),
        "values wiped"
    );
    assert!(t[0].store.audit_verify().unwrap().in_orde());
    assert!(matches!(t[0].store.inzage(&InzageVraag::Bsn("111222333".into())), Err(StoreFout::Onbekend { .. })));
    // The colleague's copy goes too.
    uitwisselen(&mut t, 0, 1);
    assert!(matches!(t[1].store.melding_verversen(&id), Err(StoreFout::Onbekend { .. })));
    for tabel in ["meldingbron", "melding_aanbod", "melding_notitie", "bezoek_persoon"] {
        assert_eq!(t[1].store.aantal(tabel).unwrap(), 0, "{tabel} on the colleague's device");
    }
    let log = t[1].store.wijzigingslog().unwrap();
    assert!(!log.contains("Zwaluwstraat") && !log.contains("Kievitlaan"));
}

/// The demo's meldingen lie around today, whatever today is: a new user sees releases
/// within four weeks, later ones and one past its expected date, in the store and on the
/// Meldingen screen.
#[test]
fn demo_meldingen_liggen_rond_vandaag() {
    use crate::ui::{klik_en_wacht, verwacht};
    let (_dir, map, mut s) = crate::hulp::store();
    schakel::demo::genereer(&mut s, 5, 3).unwrap();
    let vandaag = chrono::Local::now().date_naive();
    let open: Vec<(chrono::NaiveDate, bool)> = s
        .meldingen(None)
        .unwrap()
        .into_iter()
        .filter(|m| !matches!(m.status, MeldingStatus::Overgedragen | MeldingStatus::Omgezet))
        .map(|m| {
            let d = chrono::NaiveDate::parse_from_str(m.einddatum_verwacht.as_deref().unwrap(), "%Y-%m-%d").unwrap();
            (d, m.uitstroom_binnenkort)
        })
        .collect();
    let binnen_4_weken = open.iter().filter(|(d, b)| *b && *d >= vandaag).count();
    let verstreken = open.iter().filter(|(d, b)| *b && *d < vandaag).count();
    let later = open.iter().filter(|(d, b)| !*b && *d > vandaag + chrono::Duration::days(28)).count();
    assert!(binnen_4_weken >= 1, "{open:?}");
    assert_eq!(verstreken, 1, "{open:?}");
    assert!(later >= 1, "{open:?}");
    let mut app = schakel::ui::App::met_store(map.clone(), s);
    klik_en_wacht(&mut app, "Meldingen");
    verwacht(&app, "Uitstroom binnen 4 weken");
    verwacht(&app, "Verwachte uitstroom verstreken");
}

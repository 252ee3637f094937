//! Opschaling (issue 22 point 6): a stalled casus escalated to management, bestuur or the
//! driehoek, with a date, a reason and an outcome; corrected and removed with a reason,
//! shown in the history and the casus screen, printed in the casusoverzicht, synced.

use crate::sync::team;
use crate::ui::{klik, klik_en_wacht, stuur_en_wacht, typ, verwacht};
use chrono::Duration;
use schakel::domain::Opschalingsniveau;
use schakel::store::{NieuweOpschaling, OpschalingWijziging};
use schakel::ui::screen::detail;
use schakel::ui::widgets::Keuze;
use schakel::ui::{App, Message};

fn vandaag() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn nieuw(naar: Opschalingsniveau, reden: &str) -> NieuweOpschaling {
    NieuweOpschaling { naar, reden: reden.into(), datum: None, uitkomst: String::new() }
}

#[test]
fn opschalen_corrigeren_verwijderen_en_afdrukken() {
    let (_d, _m, mut s) = crate::hulp::store();
    let n = crate::hulp::casus(&mut s, "Trage Populier");
    let fout = s.casus_opschalen(&n, nieuw(Opschalingsniveau::Driehoek, " ")).unwrap_err();
    assert_eq!(schakel::melding::store(&fout), "Het veld 'reden' is verplicht.");
    let morgen = vandaag() + Duration::days(1);
    let fout = s
        .casus_opschalen(
            &n,
            NieuweOpschaling { datum: Some(morgen), ..nieuw(Opschalingsniveau::Bestuur, "Vastgelopen") },
        )
        .unwrap_err();
    assert_eq!(
        schakel::melding::store(&fout),
        format!("De datum van de opschaling ligt in de toekomst ({}); controleer de datum.", morgen.format("%d-%m-%Y"))
    );
    let id = s.casus_opschalen(&n, nieuw(Opschalingsniveau::Management, "Geen woonplek na drie maanden")).unwrap();
    // Recording the outcome needs no reason; correcting to whom does.
    let w = OpschalingWijziging { uitkomst: Some("Extra budget toegezegd".into()), ..Default::default() };
    assert_eq!(s.opschaling_wijzig(&id, &w, "").unwrap(), 1);
    let w = OpschalingWijziging { naar: Some(Opschalingsniveau::Bestuur), ..Default::default() };
    assert_eq!(
        schakel::melding::store(&s.opschaling_wijzig(&id, &w, "").unwrap_err()),
        "Het veld 'correctie' is verplicht."
    );
    assert_eq!(s.opschaling_wijzig(&id, &w, "Was het bestuur, niet het management").unwrap(), 1);
    let d = s.casus_detail(&n).unwrap();
    assert_eq!(d.opschalingen.len(), 1);
    assert_eq!(
        (d.opschalingen[0].naar, d.opschalingen[0].uitkomst.as_str()),
        (Opschalingsniveau::Bestuur, "Extra budget toegezegd")
    );
    assert!(d.journaal.iter().any(|j| j.tekst.ends_with("gecorrigeerd: Was het bestuur, niet het management")));
    // The casusoverzicht prints it.
    let r = schakel::report::overzicht(&mut s, &n).unwrap();
    let (tekst, _) = crate::rapport::tekst(&r.pdf);
    for deel in ["Opschalingen", "Bestuur", "Geen woonplek na drie maanden", "Extra budget toegezegd"] {
        assert!(tekst.contains(deel), "{deel} missing in: {tekst}");
    }
    // Removal with a reason, kept in the journaal.
    let tweede = s.casus_opschalen(&n, nieuw(Opschalingsniveau::Driehoek, "Per vergissing")).unwrap();
    s.opschaling_verwijder(&tweede, "Verkeerde casus").unwrap();
    let d = s.casus_detail(&n).unwrap();
    assert_eq!(d.opschalingen.len(), 1);
    assert!(d.journaal.iter().any(|j| j.tekst.ends_with("verwijderd: Verkeerde casus")));
    assert!(s.audit_verify().unwrap().in_orde());
}

#[test]
fn opschaling_reist_mee_met_de_casus() {
    let mut t = team(2);
    let n = crate::hulp::casus(&mut t[0].store, "Stille Kastanje");
    t[0].store.casus_opschalen(&n, nieuw(Opschalingsniveau::Driehoek, "Dreiging escaleert")).unwrap();
    crate::sync::uitwisselen(&mut t, 0, 1);
    let o = t[1].store.opschalingen(&n).unwrap();
    assert_eq!((o.len(), o[0].reden.as_str()), (1, "Dreiging escaleert"));
}

#[test]
fn cli_casus_opschalen_en_uitkomst() {
    use assert_cmd::Command;
    use predicates::prelude::*;
    let d = tempfile::tempdir().unwrap();
    let map = d.path().join("data");
    let schakel = || {
        let mut c = Command::cargo_bin("schakel").unwrap();
        c.env("SCHAKEL_DATA_DIR", &map).env("SCHAKEL_PASSPHRASE", crate::hulp::WACHTWOORD);
        c
    };
    schakel().args(["init", "--naam", "Test Regisseur"]).assert().success();
    let out = schakel().args(["casus", "new", "--werknaam", "Taaie Eik", "--thema", "nazorg"]).assert().success();
    let n = String::from_utf8_lossy(&out.get_output().stdout).trim().to_string();
    schakel()
        .args(["casus", "opschalen", &n, "--naar", "wethouder", "--reden", "X"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Onbekende opschalingsniveau: 'wethouder'."));
    let out = schakel()
        .args(["--json", "casus", "opschalen", &n, "--naar", "driehoek", "--reden", "Dreiging"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let id = v["id"].as_str().unwrap().to_string();
    schakel()
        .args(["opschaling", "wijzig", &id[..8], "--uitkomst", "Gebiedsverbod"])
        .assert()
        .success()
        .stdout("Opschaling: 1 veld gewijzigd.\n");
    schakel()
        .args(["casus", "show", &n])
        .assert()
        .success()
        .stdout(predicate::str::contains("Opgeschaald naar driehoek op"))
        .stdout(predicate::str::contains("Dreiging — Gebiedsverbod"));
    schakel().args(["opschaling", "verwijder", &id, "--reden", "Vergissing"]).assert().success();
    schakel().args(["opschaling", "list", &n]).assert().success().stdout(format!("Casus {n} is niet opgeschaald.\n"));
}

#[test]
fn venster_opschalen_en_uitkomst_vastleggen() {
    let (_d, map, mut s) = crate::hulp::store();
    crate::hulp::casus(&mut s, "Grauwe Gans");
    let mut app = App::met_store(map, s);
    klik(&mut app, "Grauwe Gans");
    klik(&mut app, "Openen");
    verwacht(&app, "Niet opgeschaald.");
    stuur_en_wacht(&mut app, Message::Detail(detail::Message::OpschalingNaar(Keuze::new("management", "Management"))));
    typ(&mut app, "opschaling-reden", "Geen voortgang na twee overleggen");
    klik_en_wacht(&mut app, "Opschalen");
    verwacht(&app, "naar management — Geen voortgang na twee overleggen — nog geen uitkomst");
    klik(&mut app, "Uitkomst");
    typ(&mut app, "opschaling-uitkomst", "Directeur belt de corporatie");
    klik_en_wacht(&mut app, "Uitkomst opslaan");
    verwacht(&app, "Geen voortgang na twee overleggen — Directeur belt de corporatie");
    // Correcting to whom needs a reason, in the same Dutch words as the CLI.
    klik(&mut app, "Uitkomst");
    stuur_en_wacht(
        &mut app,
        Message::Detail(detail::Message::OpschalingCorrectieNaar(Keuze::new("bestuur", "Bestuur"))),
    );
    klik_en_wacht(&mut app, "Opschaling corrigeren");
    verwacht(&app, "Het veld 'correctie' is verplicht.");
    typ(&mut app, "opschaling-correctie-waarom", "Het was het bestuur");
    klik_en_wacht(&mut app, "Opschaling corrigeren");
    verwacht(&app, "naar bestuur — Geen voortgang na twee overleggen — Directeur belt de corporatie");
}

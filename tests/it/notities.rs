//! Correcting and removing journaal entries and melding notes (parity): the store rules,
//! sync of corrections and removals between colleagues (also when both edit at once), the
//! CLI contract and the window flows.

use crate::hulp::{self, sleutel};
use crate::sync::{team, uitwisselen};
use crate::ui::{klik, klik_en_wacht, stuur_en_wacht, toont, typ, verwacht, voer_uit};
use schakel::domain::{BezoekPersoon, DomeinFout, JournaalSoort, MedewerkerRol};
use schakel::store::{JournaalWijziging, NieuwBezoek, NieuwJournaal, Store, StoreFout};
use schakel::ui::screen::meldingen;
use schakel::ui::{App, Message};

fn regel(s: &mut Store, nummer: &str, tekst: &str) -> String {
    let j = NieuwJournaal { soort: JournaalSoort::Contactmoment, tekst: tekst.into(), datum: None, inrichting: None };
    s.journaal_toevoegen(nummer, j).unwrap()
}

fn teksten(s: &mut Store, nummer: &str) -> Vec<String> {
    s.casus_detail_verversen(nummer).unwrap().journaal.into_iter().map(|j| j.tekst).collect()
}

fn tekst(t: &str) -> JournaalWijziging {
    JournaalWijziging { tekst: Some(t.into()), ..Default::default() }
}

/// A melding of a new trajectbegeleider with one note (a PI-bezoek report): (melding, note).
fn melding_met_notitie(s: &mut Store, tekst: &str) -> (String, String) {
    let sanne = s.medewerker_toevoegen("Sanne Ådelaar", MedewerkerRol::Trajectbegeleider, None).unwrap();
    let m = crate::bezoekdag::melding(s, &sanne, "Joëlle Vermeulenga", "PI Veenhuizen");
    let b = s
        .bezoek_nieuw(NieuwBezoek {
            inrichting: "PI Veenhuizen".into(),
            datum: chrono::NaiveDate::from_ymd_opt(2026, 12, 3),
            behandelaar: Some(sanne),
            personen: vec![BezoekPersoon::Melding(m.clone())],
        })
        .unwrap();
    s.bezoek_verslagen(&b, &[(BezoekPersoon::Melding(m.clone()), tekst.into())]).unwrap();
    let n = s.melding_verversen(&m).unwrap().notities[0].id.clone();
    (m, n)
}

fn verplicht(r: Result<impl std::fmt::Debug, StoreFout>, veld: &str) {
    match r {
        Err(StoreFout::Domein(DomeinFout::Verplicht(v))) => assert_eq!(v, veld),
        other => panic!("expected Verplicht({veld}), got {other:?}"),
    }
}

#[test]
fn journaalregel_corrigeren_volgt_de_regels_van_toevoegen() {
    let (_d, map, mut s) = hulp::store();
    let n = hulp::casus(&mut s, "Stille Eik");
    let id = regel(&mut s, &n, "Gebeld met de wijkagent");
    verplicht(s.journaal_wijzig(&id, &tekst("   ")), "tekst");
    let pi = JournaalWijziging { soort: Some(JournaalSoort::PiBezoek), ..Default::default() };
    verplicht(s.journaal_wijzig(&id, &pi), "inrichting");
    verplicht(s.journaal_verwijder(&id, " "), "reden");
    assert_eq!(teksten(&mut s, &n), ["Gebeld met de wijkagent"], "refused changes write nothing");

    // By an 8-character start of the id, as elsewhere; an unchanged value changes nothing.
    assert_eq!(s.journaal_wijzig(&id[..8], &tekst("Gebeld met de wijkagent")).unwrap(), 0);
    let w = JournaalWijziging {
        tekst: Some("Bezocht in PI Veenhuizen".into()),
        soort: Some(JournaalSoort::PiBezoek),
        inrichting: Some("PI Veenhuizen".into()),
        datum: chrono::NaiveDate::from_ymd_opt(2026, 11, 30),
    };
    assert_eq!(s.journaal_wijzig(&id[..8], &w).unwrap(), 4);
    let j = s.casus_detail_verversen(&n).unwrap().journaal.remove(0);
    assert_eq!(
        (j.tekst.as_str(), j.soort, j.inrichting.as_str(), j.datum.as_str()),
        ("Bezocht in PI Veenhuizen", JournaalSoort::PiBezoek, "PI Veenhuizen", "2026-11-30")
    );
    // The Historie names the corrected field; the removal keeps its reason in the audit entry.
    let cid = s.casus_detail_verversen(&n).unwrap().regel.id;
    let historie: Vec<String> = s
        .audit_casus(&cid, 50)
        .unwrap()
        .iter()
        .map(|a| schakel::domain::velden::audit_omschrijving(&a.handeling, &a.tabel, a.veld.as_deref()))
        .collect();
    assert!(historie.contains(&"Tekst van een journaalregel gewijzigd".to_string()), "{historie:?}");
    s.journaal_verwijder(&id, "Bij de verkeerde casus geschreven").unwrap();
    assert!(teksten(&mut s, &n).is_empty());
    let reden: String = hulp::ruw(&map)
        .query_row(
            "SELECT toelichting FROM audit WHERE tabel = 'journaal' AND handeling = 'verwijderen' AND rij = ?1",
            [&id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(reden, "Bij de verkeerde casus geschreven");
    assert!(matches!(s.journaal_verwijder(&id, "nogmaals"), Err(StoreFout::Onbekend { tabel: "journaal", .. })));
}

/// A procesregisseur corrects, a colleague sees it; the colleague removes, the first sees
/// it gone; both end in the same state.
#[test]
fn correctie_en_verwijdering_van_een_journaalregel_synchroniseren() {
    let mut t = team(2);
    let n = hulp::casus(&mut t[0].store, "Grijze Reiger");
    let id = regel(&mut t[0].store, &n, "Eerste gesprek");
    let blijft = regel(&mut t[0].store, &n, "Tweede gesprek");
    uitwisselen(&mut t, 0, 1);
    t[0].store.journaal_wijzig(&id, &tekst("Eerste gesprek met moeder")).unwrap();
    uitwisselen(&mut t, 0, 1);
    let mut bij_collega = teksten(&mut t[1].store, &n);
    bij_collega.sort();
    assert_eq!(bij_collega, ["Eerste gesprek met moeder", "Tweede gesprek"]);
    t[1].store.journaal_verwijder(&blijft, "Dubbel ingevoerd").unwrap();
    uitwisselen(&mut t, 1, 0);
    assert_eq!(teksten(&mut t[0].store, &n), ["Eerste gesprek met moeder"]);
    assert_eq!(t[0].store.synchrone_staat().unwrap(), t[1].store.synchrone_staat().unwrap());
}

#[test]
fn gelijktijdige_correcties_op_twee_replicas_convergeren() {
    let mut t = team(2);
    let n = hulp::casus(&mut t[0].store, "Blauwe Reiger");
    let id = regel(&mut t[0].store, &n, "Gesprek");
    uitwisselen(&mut t, 0, 1);
    t[0].store.journaal_wijzig(&id, &tekst("Gesprek op kantoor")).unwrap();
    t[1].store.journaal_wijzig(&id, &tekst("Gesprek thuis")).unwrap();
    uitwisselen(&mut t, 0, 1);
    uitwisselen(&mut t, 1, 0);
    let a = teksten(&mut t[0].store, &n);
    assert_eq!(a, teksten(&mut t[1].store, &n));
    assert!(a == ["Gesprek op kantoor"] || a == ["Gesprek thuis"], "{a:?}");
    assert_eq!(t[0].store.synchrone_staat().unwrap(), t[1].store.synchrone_staat().unwrap());
}

#[test]
fn meldingnotitie_corrigeren_en_verwijderen_synchroniseert() {
    let mut t = team(2);
    let (m, id) = melding_met_notitie(&mut t[0].store, "Paspoort aangevraagd.");
    uitwisselen(&mut t, 0, 1);
    verplicht(t[1].store.melding_notitie_wijzig(&id, ""), "tekst");
    verplicht(t[1].store.melding_notitie_verwijder(&id, ""), "reden");
    assert_eq!(t[1].store.melding_notitie_wijzig(&id[..8], "Paspoort en ID-kaart aangevraagd.").unwrap(), 1);
    uitwisselen(&mut t, 1, 0);
    assert_eq!(t[0].store.melding_verversen(&m).unwrap().notities[0].tekst, "Paspoort en ID-kaart aangevraagd.");
    t[0].store.melding_notitie_verwijder(&id, "Hoort bij een andere melding").unwrap();
    uitwisselen(&mut t, 0, 1);
    assert!(t[1].store.melding_verversen(&m).unwrap().notities.is_empty());
    assert_eq!(t[0].store.synchrone_staat().unwrap(), t[1].store.synchrone_staat().unwrap());
}

mod cli {
    use super::*;
    use crate::hulp::WACHTWOORD;

    use predicates::prelude::*;

    use crate::hulp::{id, schakel};

    #[test]
    fn journaal_en_meldingnotitie_wijzigen_en_verwijderen() {
        let d = tempfile::tempdir().unwrap();
        let map = d.path().join("data");
        schakel(&map).args(["init", "--naam", "Test Regisseur"]).assert().success();
        let out = schakel(&map)
            .args(["casus", "new", "--werknaam", "Rode Beuk", "--thema", "nazorg", "--json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let n = serde_json::from_slice::<serde_json::Value>(&out).unwrap()["casusnummer"].as_str().unwrap().to_string();
        let j = id(schakel(&map).args(["journaal", "add", &n, "--tekst", "Gebeld"]));
        schakel(&map)
            .args(["journaal", "wijzig", &j[..8], "--tekst", " "])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("Het veld 'tekst' is verplicht."));
        assert_eq!(id(schakel(&map).args(["journaal", "wijzig", &j[..8], "--tekst", "Gebeld met de school"])), j);
        schakel(&map)
            .args(["casus", "show", &n])
            .assert()
            .success()
            .stdout(predicate::str::contains(format!("Gebeld met de school  [{}]", &j[..8])));
        schakel(&map)
            .args(["journaal", "verwijder", &j, "--reden", "Dubbel"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Journaalregel verwijderd; de reden staat in de historie."));
        schakel(&map).args(["casus", "show", &n]).assert().success().stdout(predicate::str::contains("Gebeld").not());

        // A melding note, written through the store (the bezoekdag), corrected by the CLI.
        let (m, notitie) = {
            let mut s = schakel::store::ontgrendel(&schakel::store::Gegevensmap::new(&map), Some(WACHTWOORD)).unwrap();
            melding_met_notitie(&mut s, "Paspoort aangevraagd.")
        };
        schakel(&map)
            .args(["melding", "notitie-wijzig", &notitie[..8], "--tekst", "Paspoort opgehaald."])
            .assert()
            .success()
            .stdout(predicate::str::contains("Notitie gecorrigeerd."));
        schakel(&map)
            .args(["melding", "show", &m])
            .assert()
            .success()
            .stdout(predicate::str::contains("Paspoort opgehaald."));
        schakel(&map)
            .args(["melding", "notitie-verwijder", &notitie[..8], "--reden", ""])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("Het veld 'reden' is verplicht."));
        assert_eq!(
            id(schakel(&map).args(["melding", "notitie-verwijder", &notitie, "--reden", "Verkeerde persoon"])),
            notitie
        );
        schakel(&map)
            .args(["melding", "show", &m])
            .assert()
            .success()
            .stdout(predicate::str::contains("Paspoort").not());
    }
}

mod venster {
    use super::*;
    use schakel::ui::screen::detail;

    fn detail_msg(app: &mut App, m: detail::Message) {
        stuur_en_wacht(app, Message::Detail(m));
    }

    /// Press Escape as the window does.
    fn esc(app: &mut App) {
        let m = schakel::ui::sneltoets(
            iced::keyboard::Key::Named(iced::keyboard::key::Named::Escape),
            iced::keyboard::Modifiers::empty(),
        )
        .expect("Esc is a shortcut");
        stuur_en_wacht(app, m);
    }

    fn melding_msg(app: &mut App, m: meldingen::Message) {
        let t = app.update(Message::Meldingen(m));
        voer_uit(app, t);
    }

    /// The Journaal tab: correct an entry inline (an empty text is refused with the CLI's
    /// sentence and changes nothing; Esc cancels), then remove one with a required reason.
    #[test]
    fn journaalregel_wijzigen_en_verwijderen_in_het_venster() {
        let (_d, map, mut s) = hulp::store();
        let n = hulp::casus(&mut s, "Stille Eik");
        regel(&mut s, &n, "Gebeld met de wijkagent");
        let mut app = App::met_store(map.clone(), s);
        stuur_en_wacht(&mut app, Message::OpenCasus(n.clone()));
        detail_msg(&mut app, detail::Message::Tab(detail::Tab::Journaal));
        verwacht(&app, "Gebeld met de wijkagent");

        klik(&mut app, "Wijzigen");
        detail_msg(&mut app, detail::Message::JournaalBewerkTekst(" ".into()));
        detail_msg(&mut app, detail::Message::JournaalWijzigingOpslaan);
        verwacht(&app, "Het veld 'tekst' is verplicht.");
        // Esc closes the editor: the entry shows as text again, unchanged.
        esc(&mut app);
        verwacht(&app, "Gebeld met de wijkagent");

        klik(&mut app, "Wijzigen");
        detail_msg(&mut app, detail::Message::JournaalBewerkTekst(String::new()));
        typ(&mut app, "journaal-bewerk", "Gebeld met de wijkagent en de school");
        detail_msg(&mut app, detail::Message::JournaalWijzigingOpslaan);
        verwacht(&app, "Opgeslagen: de journaalregel is gecorrigeerd.");
        verwacht(&app, "Gebeld met de wijkagent en de school");

        klik(&mut app, "Verwijderen…");
        verwacht(&app, "Journaalregel verwijderen?");
        klik_en_wacht(&mut app, "Journaalregel definitief verwijderen");
        verwacht(&app, "Het veld 'reden' is verplicht.");
        typ(&mut app, "journaal-verwijder-reden", "Bij de verkeerde casus");
        klik_en_wacht(&mut app, "Journaalregel definitief verwijderen");
        verwacht(&app, "De journaalregel is verwijderd; de reden staat in de historie.");
        assert!(!toont(&app, "Gebeld met de wijkagent"), "the entry is gone");
        detail_msg(&mut app, detail::Message::Tab(detail::Tab::Historie));
        verwacht(&app, "Tekst van een journaalregel gewijzigd");
        verwacht(&app, "Journaalregel verwijderd");
        drop(app);
        let mut s = Store::open(&map, &sleutel()).unwrap();
        assert!(teksten(&mut s, &n).is_empty());
    }

    /// The melding page: a note is corrected inline and removed with a required reason.
    #[test]
    fn meldingnotitie_wijzigen_en_verwijderen_in_het_venster() {
        let (_d, map, mut s) = hulp::store();
        let (m, _) = melding_met_notitie(&mut s, "Paspoort aangevraagd.");
        let mut app = App::met_store(map.clone(), s);
        klik_en_wacht(&mut app, "Meldingen");
        melding_msg(&mut app, meldingen::Message::Kies(m.clone()));
        verwacht(&app, "Paspoort aangevraagd.");

        klik(&mut app, "Wijzigen");
        melding_msg(&mut app, meldingen::Message::NotitieTekst(String::new()));
        melding_msg(&mut app, meldingen::Message::NotitieOpslaan);
        verwacht(&app, "Het veld 'tekst' is verplicht.");
        esc(&mut app);
        verwacht(&app, "Paspoort aangevraagd.");
        klik(&mut app, "Wijzigen");
        melding_msg(&mut app, meldingen::Message::NotitieTekst(String::new()));
        typ(&mut app, "notitie-bewerk", "Paspoort opgehaald.");
        melding_msg(&mut app, meldingen::Message::NotitieOpslaan);
        verwacht(&app, "Opgeslagen: de notitie is gecorrigeerd.");
        verwacht(&app, "Paspoort opgehaald.");

        klik(&mut app, "Verwijderen…");
        verwacht(&app, "Notitie verwijderen?");
        klik_en_wacht(&mut app, "Notitie definitief verwijderen");
        verwacht(&app, "Het veld 'reden' is verplicht.");
        typ(&mut app, "notitie-verwijder-reden", "Hoort bij een andere melding");
        klik_en_wacht(&mut app, "Notitie definitief verwijderen");
        verwacht(&app, "De notitie is verwijderd; de reden staat in de historie.");
        assert!(!toont(&app, "Paspoort"), "the note is gone");
        drop(app);
        let s = Store::open(&map, &sleutel()).unwrap();
        assert!(s.melding_verversen(&m).unwrap().notities.is_empty());
    }
}

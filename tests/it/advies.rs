//! Adviesvragen ("advies kort", issue 22 point 1): recording with the rules of the
//! editable lists, no personal data, conversion into an aanmelding that keeps the link,
//! sync (also the need-to-know scope of a trajectbegeleider), inzage, removal and the CLI.

use crate::sync::{bundel, team, team_met};
use chrono::{Duration, NaiveDate};
use schakel::store::{AdviesFilter, AdviesWijziging, InzageVraag, NieuweAdviesvraag, NieuweBetrokkene, Store};
use schakel::sync;

fn vandaag() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn vraag(gemeente: &str, tekst: &str) -> NieuweAdviesvraag {
    NieuweAdviesvraag {
        thema: "nazorg".into(),
        gemeente: gemeente.into(),
        vraag: tekst.into(),
        advies: "Neem contact op met het wijkteam".into(),
        minuten: 30,
        ..Default::default()
    }
}

fn fout(s: &mut Store, n: NieuweAdviesvraag) -> String {
    schakel::melding::store(&s.advies_toevoegen(n).unwrap_err())
}

#[test]
fn adviesvraag_vastleggen_met_de_regels_van_de_lijsten() {
    let (_d, _m, mut s) = crate::hulp::store();
    s.gemeente_toevoegen("Leeuwarden").unwrap();
    let oud = s.gemeente_toevoegen("Boarnsterhim").unwrap();
    s.lijst_actief("gemeente", &oud, false).unwrap();
    let voor = s.aantal("adviesvraag").unwrap();
    assert_eq!(
        fout(&mut s, NieuweAdviesvraag { minuten: -5, ..vraag("Leeuwarden", "Hoe verder?") }),
        "De bestede tijd kan niet negatief zijn (-5 minuten)."
    );
    let morgen = vandaag() + Duration::days(1);
    assert_eq!(
        fout(&mut s, NieuweAdviesvraag { datum: Some(morgen), ..vraag("Leeuwarden", "Hoe verder?") }),
        format!(
            "De datum van de adviesvraag ligt in de toekomst ({}); controleer de datum.",
            morgen.format("%d-%m-%Y")
        )
    );
    assert_eq!(
        fout(&mut s, vraag("Boarnsterhim", "Hoe verder?")),
        "Gemeente 'Boarnsterhim' is gearchiveerd en kan niet meer worden gekozen; zet deze eerst weer actief in \
         Instellingen."
    );
    assert_eq!(fout(&mut s, vraag("", "Hoe verder?")), "Het veld 'gemeente' is verplicht.");
    assert_eq!(fout(&mut s, vraag("Leeuwarden", " ")), "Het veld 'vraag' is verplicht.");
    assert_eq!(
        fout(&mut s, NieuweAdviesvraag { initialen: "Jan de Vries".into(), ..vraag("Leeuwarden", "Hoe verder?") }),
        "'Jan de Vries' zijn geen initialen. Een adviesvraag bevat geen persoonsgegevens: vul hooguit initialen in, \
         bijvoorbeeld J.d.V."
    );
    assert_eq!(s.aantal("adviesvraag").unwrap(), voor, "nothing written by a refusal");
    let id = s
        .advies_toevoegen(NieuweAdviesvraag { initialen: "J.d.V.".into(), ..vraag("leeuw", "Zorgen over overlast") })
        .unwrap();
    let a = s.adviesvraag(&id[..8]).unwrap();
    assert_eq!(
        (a.gemeente.as_str(), a.thema_id.as_deref(), a.initialen.as_str()),
        ("Leeuwarden", Some("thema-nazorg"), "J.d.V.")
    );
    assert_eq!((a.minuten, a.casusnummer.as_deref()), (30, None));
    // Correct it with the same rules; an archived gemeente cannot be chosen, a negative time neither.
    let w = AdviesWijziging { minuten: Some(45), doorverwezen: Some("Wijkteam Noord".into()), ..Default::default() };
    assert_eq!(s.advies_wijzig(&id, &w).unwrap(), 2);
    let w = AdviesWijziging { gemeente: Some("Boarnsterhim".into()), ..Default::default() };
    assert!(schakel::melding::store(&s.advies_wijzig(&id, &w).unwrap_err()).contains("is gearchiveerd"));
    let a = s.adviesvraag(&id).unwrap();
    assert_eq!((a.minuten, a.doorverwezen.as_str(), a.gemeente.as_str()), (45, "Wijkteam Noord", "Leeuwarden"));
    // The list filters on gemeente and period.
    let sneek = s.gemeente_toevoegen("Sneek").unwrap();
    s.advies_toevoegen(NieuweAdviesvraag { datum: Some(vandaag() - Duration::days(40)), ..vraag("Sneek", "Oud") })
        .unwrap();
    let f = AdviesFilter { gemeente_id: Some(sneek.clone()), ..Default::default() };
    assert_eq!(s.adviesvragen(&f).unwrap().iter().map(|a| a.vraag.as_str()).collect::<Vec<_>>(), ["Oud"]);
    let f = AdviesFilter { van: Some(vandaag() - Duration::days(7)), ..Default::default() };
    assert_eq!(s.adviesvragen(&f).unwrap().iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), [id.as_str()]);
    assert_eq!(s.aantal_adviesvragen().unwrap(), 2);
    assert!(s.audit_verify().unwrap().in_orde());
}

#[test]
fn omzetten_maakt_een_casus_die_de_herkomst_kent() {
    let (_d, _m, mut s) = crate::hulp::store();
    s.gemeente_toevoegen("Leeuwarden").unwrap();
    let id = s.advies_toevoegen(vraag("Leeuwarden", "Buren maken zich zorgen")).unwrap();
    let n = s.advies_omzetten(&id, Some("Stille Wilg")).unwrap().to_string();
    let c = s.casus_detail(&n).unwrap();
    assert_eq!((c.regel.werknaam.as_str(), c.gemeente.as_deref()), ("Stille Wilg", Some("Leeuwarden")));
    assert_eq!(c.vraag, "Buren maken zich zorgen");
    assert_eq!(s.adviesvraag(&id).unwrap().casusnummer.as_deref(), Some(n.as_str()));
    assert_eq!(s.adviesvraag_van_casus(&n).unwrap().map(|a| a.id), Some(id.clone()));
    assert_eq!(
        schakel::melding::store(&s.advies_omzetten(&id, None).unwrap_err()),
        format!("Deze adviesvraag is al omgezet naar casus {n}.")
    );
    assert_eq!(
        schakel::melding::store(&s.advies_verwijder(&id, "Dubbel").unwrap_err()),
        format!("Deze adviesvraag is al omgezet naar casus {n}.")
    );
    // Without a werknaam the casus is named after the date of the question.
    let ander = s.advies_toevoegen(vraag("Leeuwarden", "Tweede vraag")).unwrap();
    let m = s.advies_omzetten(&ander, None).unwrap().to_string();
    assert_eq!(s.casus_regel(&m).unwrap().werknaam, format!("Adviesvraag {}", vandaag().format("%d-%m-%Y")));
    assert!(s.audit_verify().unwrap().in_orde());
}

#[test]
fn verwijderen_met_reden_wist_ook_de_wijzigingslog_en_reist_mee() {
    let mut t = team(2);
    t[0].store.gemeente_toevoegen("Heerenveen").unwrap();
    let id = t[0].store.advies_toevoegen(vraag("Heerenveen", "Vraag over schuldhulp-unieke-tekst")).unwrap();
    crate::sync::uitwisselen(&mut t, 0, 1);
    assert_eq!(t[1].store.adviesvraag(&id).unwrap().vraag, "Vraag over schuldhulp-unieke-tekst");
    assert_eq!(
        schakel::melding::store(&t[0].store.advies_verwijder(&id, " ").unwrap_err()),
        "Het veld 'reden' is verplicht."
    );
    t[0].store.advies_verwijder(&id, "Per vergissing vastgelegd").unwrap();
    assert!(t[0].store.adviesvraag(&id).is_err());
    assert!(!t[0].store.wijzigingslog().unwrap().contains("unieke-tekst"), "the value is wiped from the change log");
    let regel = t[0]
        .store
        .audit_export(&Default::default())
        .unwrap()
        .into_iter()
        .find(|r| r.regel.tabel == "adviesvraag" && r.regel.handeling == "verwijderen")
        .unwrap();
    assert!(regel.toelichting.unwrap_or_default().ends_with("verwijderd door Collega 0: Per vergissing vastgelegd"));
    crate::sync::uitwisselen(&mut t, 0, 1);
    assert!(t[1].store.adviesvraag(&id).is_err(), "the removal reached the colleague");
    assert!(!t[1].store.wijzigingslog().unwrap().contains("unieke-tekst"), "and wiped the values there too");
    assert!(t[0].store.audit_verify().unwrap().in_orde() && t[1].store.audit_verify().unwrap().in_orde());
}

#[test]
fn verlopen_adviesvragen_staan_op_de_lijst() {
    let (_d, _m, mut s) = crate::hulp::store();
    s.gemeente_toevoegen("Leeuwarden").unwrap();
    let oud = s
        .advies_toevoegen(NieuweAdviesvraag {
            datum: Some(vandaag() - Duration::days(800)),
            ..vraag("Leeuwarden", "Oud")
        })
        .unwrap();
    s.advies_toevoegen(vraag("Leeuwarden", "Nieuw")).unwrap();
    let lijst: Vec<String> = s.adviesvragen_te_verwijderen(vandaag()).unwrap().into_iter().map(|a| a.id).collect();
    assert_eq!(lijst, [oud]);
}

/// Need-to-know: a colleague receives every adviesvraag; a trajectbegeleider's scoped
/// bundle carries only the one converted into a casus of theirs (and later ones too).
#[test]
fn trajectbegeleider_ontvangt_alleen_adviesvragen_van_eigen_casussen() {
    let mut t = team_met(&[
        ("Regisseur".into(), "procesregisseur"),
        ("Tom Traject".into(), "trajectbegeleider"),
        ("Collega".into(), "procesregisseur"),
    ]);
    let mut collega = t.pop().unwrap();
    let mut tb = t.pop().unwrap();
    let mut pr = t.pop().unwrap();
    let tb_id = tb.id();
    let tom = crate::sync::trajectbegeleider(&mut pr.store, "Tom Traject", &tb_id);
    pr.store.gemeente_toevoegen("Drachten").unwrap();
    let los = pr.store.advies_toevoegen(vraag("Drachten", "Alleen advies")).unwrap();
    let omgezet = pr.store.advies_toevoegen(vraag("Drachten", "Wordt een casus")).unwrap();
    let n = pr.store.advies_omzetten(&omgezet, Some("Grijze Reiger")).unwrap().to_string();
    crate::sync::wijs_trajectbegeleider_toe(&mut pr.store, &n, Some(&tom));
    sync::importeer(&mut tb.store, &bundel(&mut pr, &tb_id)).unwrap();
    assert_eq!(tb.store.adviesvraag(&omgezet).unwrap().casusnummer.as_deref(), Some(n.as_str()));
    assert!(tb.store.adviesvraag(&los).is_err(), "an adviesvraag outside the scope stays out");
    assert_eq!(tb.store.adviesvraag_van_casus(&n).unwrap().map(|a| a.id), Some(omgezet.clone()));
    // A later correction of the converted one follows it.
    let w = AdviesWijziging { minuten: Some(90), ..Default::default() };
    pr.store.advies_wijzig(&omgezet, &w).unwrap();
    sync::importeer(&mut tb.store, &bundel(&mut pr, &tb_id)).unwrap();
    assert_eq!(tb.store.adviesvraag(&omgezet).unwrap().minuten, 90);
    assert_eq!(tb.store.aantal_adviesvragen().unwrap(), 1);
    // A colleague with the full bundle holds both, the same as the author.
    let c_id = collega.id();
    sync::importeer(&mut collega.store, &bundel(&mut pr, &c_id)).unwrap();
    let ids = |s: &Store| -> Vec<String> {
        s.adviesvragen(&AdviesFilter::default())
            .unwrap()
            .into_iter()
            .map(|a| format!("{}:{}", a.id, a.minuten))
            .collect()
    };
    assert_eq!(ids(&collega.store), ids(&pr.store));
    assert_eq!(ids(&collega.store).len(), 2);
}

/// Inzage shows the adviesvraag a person's casus came from; removing the casus after its
/// term removes that adviesvraag too, on this device and on a colleague's.
#[test]
fn inzage_en_verwijdering_met_de_casus() {
    use schakel::domain::fase::FaseOvergang;
    use schakel::domain::{Fase, Rol, WegingUitkomst};
    let mut t = team(2);
    let s = &mut t[0].store;
    s.gemeente_toevoegen("Leeuwarden").unwrap();
    let id =
        s.advies_toevoegen(NieuweAdviesvraag { initialen: "N.B.".into(), ..vraag("Leeuwarden", "Zorgen") }).unwrap();
    let n = s.advies_omzetten(&id, Some("Blauwe Reiger")).unwrap().to_string();
    let persoon = NieuweBetrokkene {
        naam: "Noor Bakkâl".into(),
        geboortedatum: None,
        rol: Rol::Hoofdpersoon,
        bsn: Some("111222333".into()),
        initialen: None,
    };
    s.betrokkene_toevoegen(&n, persoon).unwrap();
    let inzage = s.inzage(&InzageVraag::Bsn("111222333".into())).unwrap();
    let rij = &inzage.casussen[0].adviesvragen[0];
    assert_eq!((rij["initialen"].as_str(), rij["gemeente"].as_str()), (Some("N.B."), Some("Leeuwarden")));
    // Close the casus long ago, then remove it after its term.
    let op = vandaag() - Duration::days(1200);
    let w = schakel::store::CasusWijziging { aanmelddatum: Some(op - Duration::days(90)), ..Default::default() };
    s.casus_wijzig(&n, &w).unwrap();
    let met = |d: NaiveDate, f: FaseOvergang| FaseOvergang { datum: Some(d), ..f };
    s.casus_fase(&n, &met(op - Duration::days(90), FaseOvergang::naar(Fase::Weging))).unwrap();
    let pr = FaseOvergang { uitkomst: Some(WegingUitkomst::Procesregie), ..FaseOvergang::naar(Fase::Procesregie) };
    s.casus_fase(&n, &met(op - Duration::days(80), pr)).unwrap();
    let sluit = FaseOvergang { reden: Some("Doelen behaald".into()), ..FaseOvergang::naar(Fase::Afgesloten) };
    s.casus_fase(&n, &met(op, sluit)).unwrap();
    crate::sync::uitwisselen(&mut t, 0, 1);
    assert!(t[1].store.adviesvraag(&id).is_ok());
    t[0].store.casus_vernietigen(&n, "Bewaartermijn verstreken", vandaag()).unwrap();
    assert!(t[0].store.adviesvraag(&id).is_err(), "removed with its casus");
    assert!(!t[0].store.wijzigingslog().unwrap().contains("Zorgen\""), "its values are wiped from the log");
    crate::sync::uitwisselen(&mut t, 0, 1);
    assert!(t[1].store.adviesvraag(&id).is_err(), "and on the colleague's device");
    assert_eq!(t[1].store.aantal("adviesvraag").unwrap(), 0);
}

mod cli {

    use predicates::prelude::*;

    use crate::hulp::{json, schakel};

    /// `schakel advies add|list|show|wijzig|omzetten|verwijder`, with `--json`.
    #[test]
    fn advies_van_vastleggen_tot_omzetten() {
        let d = tempfile::tempdir().unwrap();
        let map = d.path().join("data");
        schakel(&map).args(["init", "--naam", "Test Regisseur"]).assert().success();
        schakel(&map).args(["lijst", "gemeente", "add", "Smallingerland"]).assert().success();
        schakel(&map).args(["partner", "add", "--naam", "Wijkteam Drachten", "--soort", "gemeente"]).assert().success();
        schakel(&map)
            .args(["advies", "add", "--thema", "nazorg", "--gemeente", "Smallingerland", "--vraag", "Wat nu?"])
            .args(["--minuten", "-3"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("De bestede tijd kan niet negatief zijn (-3 minuten)."));
        let v = json(
            schakel(&map)
                .args(["advies", "add", "--thema", "nazorg", "--gemeente", "Smallingerland"])
                .args(["--vraag", "Hoe pakken we overlast aan?", "--vraagsteller", "Wijkteam Drachten"])
                .args(["--advies", "Start een netwerkoverleg", "--minuten", "25", "--initialen", "A.B."]),
        );
        let id = v["id"].as_str().unwrap().to_string();
        let lijst = json(schakel(&map).args(["advies", "list", "--gemeente", "Smallingerland"]));
        assert_eq!(lijst.as_array().unwrap().len(), 1);
        assert_eq!(lijst[0]["vraagsteller"], "Wijkteam Drachten");
        schakel(&map)
            .args(["advies", "show", &id[..8]])
            .assert()
            .success()
            .stdout(predicate::str::contains("Initialen (geen persoonsgegevens): A.B."))
            .stdout(predicate::str::contains("Bestede tijd: 25 minuten"));
        schakel(&map)
            .args(["advies", "wijzig", &id[..8], "--doorverwezen", "GGZ Friesland"])
            .assert()
            .success()
            .stdout("Adviesvraag: 1 veld gewijzigd.\n");
        let n = json(schakel(&map).args(["advies", "omzetten", &id[..8], "--werknaam", "Rode Vlier"]));
        let nummer = n["casusnummer"].as_str().unwrap().to_string();
        let c = json(schakel(&map).args(["casus", "show", &nummer]));
        assert_eq!((c["werknaam"].as_str(), c["adviesvraag_id"].as_str()), (Some("Rode Vlier"), Some(id.as_str())));
        schakel(&map).args(["casus", "show", &nummer]).assert().success().stdout(predicate::str::contains(format!(
            "Voortgekomen uit adviesvraag van {} ({id})",
            chrono::Local::now().format("%d-%m-%Y")
        )));
        schakel(&map)
            .args(["advies", "show", &id])
            .assert()
            .success()
            .stdout(predicate::str::contains(format!("Omgezet naar aanmelding: casus {nummer}")));
        schakel(&map)
            .args(["advies", "verwijder", &id, "--reden", "Dubbel"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(format!("Deze adviesvraag is al omgezet naar casus {nummer}.")));
        let ander = json(schakel(&map).args([
            "advies",
            "add",
            "--thema",
            "nazorg",
            "--gemeente",
            "Smallingerland",
            "--vraag",
            "X",
        ]))["id"]
            .as_str()
            .unwrap()
            .to_string();
        schakel(&map)
            .args(["advies", "verwijder", &ander, "--reden", "Per vergissing"])
            .assert()
            .success()
            .stdout(predicate::str::contains("verwijderd."));
        assert_eq!(json(schakel(&map).args(["advies", "list"])).as_array().unwrap().len(), 1);
        let oud = chrono::Local::now().date_naive() - chrono::Duration::days(800);
        let oud_id = json(
            schakel(&map)
                .args(["advies", "add", "--thema", "nazorg", "--gemeente", "Smallingerland", "--vraag", "Oud"])
                .args(["--datum", &oud.format("%Y-%m-%d").to_string()]),
        )["id"]
            .as_str()
            .unwrap()
            .to_string();
        let verlopen = json(schakel(&map).args(["advies", "list", "--verlopen"]));
        assert_eq!(
            verlopen.as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect::<Vec<_>>(),
            [oud_id]
        );
    }
}

/// The acceptance flow in the window: an adviesvraag from a gemeente, recorded in the
/// Adviesvragen screen (Enter saves, Esc cancels), converted into an aanmelding; the casus
/// exists and shows where it came from.
mod venster {
    use crate::ui::{init_backend, klik, klik_en_wacht, schermtekst, simulator, stuur_en_wacht, toont, typ, verwacht};
    use iced::keyboard::{Key, Modifiers, key};
    use iced_test::selector;
    use schakel::domain::Convenantstatus;
    use schakel::domain::partner::PartnerSoort;
    use schakel::store::{NieuwContact, NieuwePartner};
    use schakel::ui::screen::advies::{self, KeuzeVeld, TekstVeld};
    use schakel::ui::widgets::Keuze;
    use schakel::ui::{App, Message, sneltoets};

    fn advies(app: &mut App, m: advies::Message) {
        stuur_en_wacht(app, Message::Adviesvragen(m));
    }

    /// Type into the field with `id` and press Enter, running what that starts.
    fn typ_en_enter(app: &mut App, id: &'static str, tekst: &str) {
        init_backend();
        let berichten: Vec<Message> = {
            let mut ui = simulator(app.view());
            ui.click(selector::id(id)).unwrap_or_else(|e| panic!("no input {id}: {e:?}"));
            let _ = ui.typewrite(tekst);
            let _ = ui.tap_key(key::Named::Enter);
            ui.into_messages().collect()
        };
        for m in berichten {
            stuur_en_wacht(app, m);
        }
    }

    #[test]
    fn adviesvraag_van_een_gemeente_wordt_een_aanmelding() {
        let (_d, map, mut s) = crate::hulp::store();
        let gemeente = s.gemeente_toevoegen("Leeuwarden").unwrap();
        let wijkteam = s
            .partner_toevoegen(NieuwePartner {
                naam: "Gemeente Leeuwarden".into(),
                soort: PartnerSoort::Gemeente,
                convenantstatus: Convenantstatus::Convenant,
            })
            .unwrap();
        let contact = s
            .contact_toevoegen(&wijkteam, NieuwContact { naam: "Sietske de Jong".into(), ..Default::default() })
            .unwrap();
        let mut app = App::met_store(map, s);
        klik_en_wacht(&mut app, "Adviesvragen (0)");
        verwacht(&app, "Geen adviesvragen gevonden.");

        // Esc closes the form without saving.
        klik(&mut app, "Nieuwe adviesvraag");
        verwacht(&app, "Initialen (geen persoonsgegevens)");
        let _ = app.update(sneltoets(Key::Named(key::Named::Escape), Modifiers::empty()).unwrap());
        assert!(!toont(&app, "Initialen (geen persoonsgegevens)"), "Esc closed the form");

        klik(&mut app, "Nieuwe adviesvraag");
        advies(&mut app, advies::Message::Kies(KeuzeVeld::Thema, Keuze::new("thema-nazorg", "Nazorg")));
        advies(&mut app, advies::Message::Kies(KeuzeVeld::Gemeente, Keuze::new(&gemeente, "Leeuwarden")));
        advies(&mut app, advies::Message::Kies(KeuzeVeld::Vraagsteller, Keuze::new(&wijkteam, "Gemeente Leeuwarden")));
        advies(&mut app, advies::Message::Kies(KeuzeVeld::Contact, Keuze::new(&contact, "Sietske de Jong")));
        typ(&mut app, "advies-initialen", "Piet");
        typ(&mut app, "advies-advies", "Breng het wijkteam en de woningcorporatie samen");
        // Enter in the question saves: the store refuses a name where initials belong.
        typ_en_enter(&mut app, "advies-vraag", "Zorgen over een jongere die terugkeert");
        verwacht(&app, "'Piet' zijn geen initialen.");
        advies(&mut app, advies::Message::Tekst(TekstVeld::Initialen, "P.".into()));
        typ_en_enter(&mut app, "advies-minuten", "5");
        verwacht(&app, "Adviesvraag vastgelegd.");
        verwacht(&app, "Adviesvragen (1)");
        verwacht(&app, "Zorgen over een jongere die terugkeert");
        verwacht(&app, "Bestede tijd");
        verwacht(&app, "5 minuten");

        // Convert the selected adviesvraag into an aanmelding.
        typ(&mut app, "advies-werknaam", "Groene Els");
        klik_en_wacht(&mut app, "Omzetten naar aanmelding");
        let tekst = schermtekst(&app);
        let nummer = tekst
            .split("Adviesvraag omgezet naar aanmelding: casus ")
            .nth(1)
            .and_then(|r| r.get(..9))
            .unwrap_or_else(|| panic!("no casusnummer on screen: {tekst}"))
            .to_string();
        verwacht(&app, &format!("Omgezet naar aanmelding: casus {nummer}"));
        klik(&mut app, &format!("Open casus {nummer}"));
        verwacht(&app, "Groene Els");
        verwacht(&app, &format!("Voortgekomen uit adviesvraag van {}", chrono::Local::now().format("%d-%m-%Y")));
        verwacht(&app, "Gemeente Leeuwarden");
        verwacht(&app, "Zorgen over een jongere die terugkeert");
    }
}

/// Issue 22 point 4: the gemeente on the aanmelding, and lists and board filter on it.
mod gemeente {
    use crate::ui::{stuur_en_wacht, toont, verwacht};
    use schakel::store::{CasusFilter, NieuweCasus};
    use schakel::ui::screen::board;
    use schakel::ui::widgets::Keuze;
    use schakel::ui::{App, Message};

    #[test]
    fn aanmelding_lijst_en_bord_met_gemeente() {
        let (_d, map, mut s) = crate::hulp::store();
        let sneek = s.gemeente_toevoegen("Sneek").unwrap();
        s.gemeente_toevoegen("Joure").unwrap();
        let oud = s.gemeente_toevoegen("Wymbritseradiel").unwrap();
        s.lijst_actief("gemeente", &oud, false).unwrap();
        let nieuw = |werknaam: &str, gemeente: &str| NieuweCasus {
            werknaam: werknaam.into(),
            thema: "nazorg".into(),
            gemeente: gemeente.into(),
            ..Default::default()
        };
        let fout = s.nieuwe_casus(nieuw("Oude Es", "Wymbritseradiel")).unwrap_err();
        assert!(schakel::melding::store(&fout).starts_with("Gemeente 'Wymbritseradiel' is gearchiveerd"));
        let a = s.nieuwe_casus(nieuw("Zilveren Berk", "Sneek")).unwrap().to_string();
        s.nieuwe_casus(nieuw("Gouden Linde", "Joure")).unwrap();
        s.nieuwe_casus(nieuw("Zonder Plaats", "")).unwrap();
        let lijst = s.casus_lijst(&CasusFilter { gemeente_id: Some(sneek.clone()), ..Default::default() }).unwrap();
        assert_eq!(lijst.iter().map(|c| c.casusnummer.as_str()).collect::<Vec<_>>(), [a.as_str()]);
        assert_eq!(lijst[0].gemeente, "Sneek");

        let mut app = App::met_store(map, s);
        verwacht(&app, "Gouden Linde");
        stuur_en_wacht(&mut app, Message::Board(board::Message::FilterGemeente(Keuze::new(&sneek, "Sneek"))));
        verwacht(&app, "Zilveren Berk");
        assert!(!toont(&app, "Gouden Linde"), "the board shows only the cases of Sneek");
        assert!(!toont(&app, "Zonder Plaats"));
    }

    #[test]
    fn cli_casus_new_en_list_met_gemeente() {
        use assert_cmd::Command;
        let d = tempfile::tempdir().unwrap();
        let map = d.path().join("data");
        let schakel = || {
            let mut c = Command::cargo_bin("schakel").unwrap();
            c.env("SCHAKEL_DATA_DIR", &map).env("SCHAKEL_PASSPHRASE", crate::hulp::WACHTWOORD);
            c
        };
        schakel().args(["init", "--naam", "Test Regisseur"]).assert().success();
        schakel().args(["lijst", "gemeente", "add", "Harlingen"]).assert().success();
        schakel()
            .args(["casus", "new", "--werknaam", "Kale Wilg", "--thema", "nazorg", "--gemeente", "Harlingen"])
            .assert()
            .success();
        schakel().args(["casus", "new", "--werknaam", "Elders", "--thema", "nazorg"]).assert().success();
        let out = schakel()
            .args(["--json", "casus", "list", "--gemeente", "Harlingen"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let namen: Vec<&str> = v.as_array().unwrap().iter().filter_map(|c| c["werknaam"].as_str()).collect();
        assert_eq!(namen, ["Kale Wilg"]);
        assert_eq!(v[0]["gemeente"], "Harlingen");
        schakel()
            .args(["casus", "list", "--gemeente", "Franeker"])
            .assert()
            .code(1)
            .stderr(predicates::str::contains("Gemeente 'Franeker' bestaat niet"));
    }
}

/// Issue 22 point 7: the new figures, checked against direct SQL on the demo data.
#[test]
fn kengetallen_van_adviesvragen_gemeenten_en_opschalingen() {
    let (_d, map, mut s) = crate::hulp::store();
    let o = schakel::demo::genereer(&mut s, 60, 7).unwrap();
    assert!(o.adviesvragen > 0 && o.opschalingen > 0, "{o:?}");
    let (van, tot) = (NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 8, 31).unwrap());
    let k = s.kengetallen(van, tot).unwrap();
    let db = crate::hulp::ruw(&map);
    let groepen = |sql: &str| -> Vec<(String, u32)> {
        let mut stmt = db.prepare(sql).unwrap();
        let mut v: Vec<(String, u32)> = stmt
            .query_map(rusqlite::params!["2025-03-01", "2026-08-31"], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u32)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        v.sort();
        v
    };
    let gekregen = |t: &[schakel::store::Telling]| -> Vec<(String, u32)> {
        let mut v: Vec<(String, u32)> =
            t.iter().filter(|t| t.aantal > 0).map(|t| (t.label.clone(), t.aantal)).collect();
        v.sort();
        v
    };
    let totaal = groepen("SELECT 'alle', count(*) FROM adviesvraag WHERE datum BETWEEN ?1 AND ?2");
    assert!(totaal[0].1 > 0, "demo adviesvragen fall in the period");
    assert_eq!(k.adviesvragen, totaal[0].1);
    let minuten = groepen("SELECT 'alle', sum(minuten) FROM adviesvraag WHERE datum BETWEEN ?1 AND ?2");
    assert_eq!(k.advies_minuten, minuten[0].1);
    assert_eq!(
        gekregen(&k.advies_per_thema),
        groepen(
            "SELECT t.naam, count(*) FROM adviesvraag a JOIN thema t ON t.id = a.thema_id
             WHERE a.datum BETWEEN ?1 AND ?2 GROUP BY 1"
        )
    );
    assert_eq!(
        gekregen(&k.advies_per_gemeente),
        groepen(
            "SELECT g.naam, count(*) FROM adviesvraag a JOIN gemeente g ON g.id = a.gemeente_id
             WHERE a.datum BETWEEN ?1 AND ?2 GROUP BY 1"
        )
    );
    assert_eq!(
        gekregen(&k.advies_per_vraagsteller),
        groepen(
            "SELECT coalesce(p.naam, '(onbekend)'), count(*) FROM adviesvraag a LEFT JOIN partner p ON p.id = a.partner_id
             WHERE a.datum BETWEEN ?1 AND ?2 GROUP BY 1"
        )
    );
    assert_eq!(
        gekregen(&k.per_gemeente),
        groepen(
            "SELECT coalesce(g.naam, '(geen gemeente)'), count(*) FROM casus c LEFT JOIN gemeente g ON g.id = c.gemeente_id
             WHERE c.datum_aanmelding BETWEEN ?1 AND ?2 GROUP BY 1"
        )
    );
    let opschalingen = groepen("SELECT 'alle', count(*) FROM opschaling WHERE datum BETWEEN ?1 AND ?2");
    assert!(opschalingen[0].1 > 0, "demo opschalingen fall in the period");
    assert_eq!(k.opschalingen, opschalingen[0].1);
    let mut per_niveau = groepen("SELECT naar, count(*) FROM opschaling WHERE datum BETWEEN ?1 AND ?2 GROUP BY 1");
    per_niveau.iter_mut().for_each(|(n, _)| *n = schakel::domain::Opschalingsniveau::parse(n).unwrap().label().into());
    per_niveau.sort();
    assert_eq!(gekregen(&k.opschalingen_per_niveau), per_niveau);
    // CSV export as today, with the new parts.
    let csv = String::from_utf8(schakel::store::kengetallen::naar_csv(&k)).unwrap();
    assert!(csv.contains(&format!("adviesvragen,totaal,{}", k.adviesvragen)), "{csv}");
    assert!(csv.contains(&format!("opschalingen,totaal,{}", k.opschalingen)), "{csv}");
    for t in &k.advies_per_gemeente {
        assert!(csv.contains(&format!("adviesvragen per gemeente,{},{}", t.label, t.aantal)), "{csv}");
    }
}

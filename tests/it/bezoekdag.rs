//! PI-bezoekdag (issue 22 point 3): a bezoek syncs between colleagues, a trajectbegeleider's
//! scoped bundle carries only their own bezoeken and never a casus through a visit list,
//! inzage covers the melding notes, the bezoeklijst PDF prints only the persons on it, and
//! the CLI contract. The window flow is in `venster::bezoekdag_pi_veenhuizen_met_drie_personen`.

use crate::sync::{Replica, bundel, team, team_met, uitwisselen, wijs_trajectbegeleider_toe};
use schakel::domain::{BezoekPersoon, Informatiebron, JournaalSoort, MedewerkerRol, Rol};
use schakel::store::{
    InzageVraag, NieuwBezoek, NieuweBetrokkene, NieuweCasus, NieuweDetentie, NieuweMelding, Store, StoreFout,
};
use schakel::sync;

/// A melding of `behandelaar` about `naam`, detained in `inrichting`.
pub fn melding(s: &mut Store, behandelaar: &str, naam: &str, inrichting: &str) -> String {
    s.melding_toevoegen(NieuweMelding {
        behandelaar: behandelaar.into(),
        naam: naam.into(),
        geboortedatum: chrono::NaiveDate::from_ymd_opt(1989, 7, 14),
        bsn: None,
        bron: Some(Informatiebron::Dji),
        inrichting: inrichting.into(),
        einddatum_verwacht: chrono::NaiveDate::from_ymd_opt(2027, 3, 1),
        ..Default::default()
    })
    .unwrap()
}

/// A casus whose hoofdpersoon `naam` is detained in `inrichting`: (casusnummer, betrokkene id).
pub fn gedetineerde_casus(s: &mut Store, werknaam: &str, naam: &str, inrichting: &str) -> (String, String) {
    let nummer = s
        .aanmelding(
            NieuweCasus { werknaam: werknaam.into(), thema: "nazorg".into(), ..Default::default() },
            Some(NieuweBetrokkene {
                naam: naam.into(),
                geboortedatum: chrono::NaiveDate::from_ymd_opt(1985, 2, 9),
                rol: Rol::Hoofdpersoon,
                bsn: None,
                initialen: None,
            }),
        )
        .unwrap()
        .to_string();
    let b = s.casus_detail_verversen(&nummer).unwrap().betrokkenen[0].id.clone();
    s.detentie_toevoegen(
        &b,
        NieuweDetentie {
            inrichting: inrichting.into(),
            einddatum_verwacht: chrono::NaiveDate::from_ymd_opt(2027, 1, 20),
            ..Default::default()
        },
    )
    .unwrap();
    (nummer, b)
}

fn bezoek(s: &mut Store, behandelaar: &str, personen: Vec<BezoekPersoon>) -> String {
    s.bezoek_nieuw(NieuwBezoek {
        inrichting: "PI Veenhuizen".into(),
        datum: chrono::NaiveDate::from_ymd_opt(2026, 12, 3),
        behandelaar: Some(behandelaar.into()),
        personen,
    })
    .unwrap()
}

fn stuur(van: &mut Replica, naar: &mut Replica) {
    let b = bundel(van, &naar.id());
    sync::importeer(&mut naar.store, &b).unwrap();
}

fn namen(s: &mut Store, bezoek: &str) -> Vec<String> {
    s.bezoek_detail(bezoek).unwrap().personen.into_iter().map(|p| p.kandidaat.naam).collect()
}

/// Two procesregisseurs: a bezoek with its list and the reports after it arrives whole;
/// a changed date travels back.
#[test]
fn bezoek_synchroniseert_tussen_twee_collegas() {
    let mut t = team(2);
    let sanne = t[0].store.medewerker_toevoegen("Sanne Ådelaar", MedewerkerRol::Trajectbegeleider, None).unwrap();
    let m = melding(&mut t[0].store, &sanne, "Joëlle Vermeulenga", "PI Veenhuizen");
    let (nummer, b) = gedetineerde_casus(&mut t[0].store, "Grijze Reiger", "Daan Ölmezoğlu", "PI Veenhuizen");
    let id =
        bezoek(&mut t[0].store, &sanne, vec![BezoekPersoon::Melding(m.clone()), BezoekPersoon::Betrokkene(b.clone())]);
    let n = t[0]
        .store
        .bezoek_verslagen(
            &id,
            &[
                (BezoekPersoon::Melding(m.clone()), "Woonruimte besproken.".into()),
                (BezoekPersoon::Betrokkene(b.clone()), "Uitstroomplan besproken.".into()),
            ],
        )
        .unwrap();
    assert_eq!(n, 2);
    uitwisselen(&mut t, 0, 1);
    assert_eq!(namen(&mut t[1].store, &id), ["Joëlle Vermeulenga", "Daan Ölmezoğlu"]);
    assert_eq!(t[1].store.melding_verversen(&m).unwrap().notities[0].tekst, "Woonruimte besproken.");
    let journaal = t[1].store.casus_detail_verversen(&nummer).unwrap().journaal;
    assert!(journaal.iter().any(|j| j.soort == JournaalSoort::PiBezoek && j.inrichting == "PI Veenhuizen"));
    t[1].store.bezoek_wijzig(&id, chrono::NaiveDate::from_ymd_opt(2026, 12, 4), None).unwrap();
    uitwisselen(&mut t, 1, 0);
    assert_eq!(t[0].store.bezoeken().unwrap()[0].datum, "2026-12-04");
    assert_eq!(t[0].store.synchrone_staat().unwrap(), t[1].store.synchrone_staat().unwrap());
}

/// A person taken off the list and put back (twice) is on the list at the colleague too:
/// the row of a person has an id derived from bezoek and person, and a deleted row never
/// comes back, so putting them back must not reuse the deleted id (it did, and the
/// colleague applied the tombstone to it: the lists differed).
#[test]
fn persoon_eraf_en_er_weer_op_staat_bij_de_collega_ook_op_de_lijst() {
    let mut t = team(2);
    let sanne = t[0].store.medewerker_toevoegen("Sanne Ådelaar", MedewerkerRol::Trajectbegeleider, None).unwrap();
    let m = melding(&mut t[0].store, &sanne, "Joëlle Vermeulenga", "PI Veenhuizen");
    let (_, b) = gedetineerde_casus(&mut t[0].store, "Grijze Reiger", "Daan Ölmezoğlu", "PI Veenhuizen");
    let id =
        bezoek(&mut t[0].store, &sanne, vec![BezoekPersoon::Melding(m.clone()), BezoekPersoon::Betrokkene(b.clone())]);
    uitwisselen(&mut t, 0, 1);
    for _ in 0..2 {
        t[0].store.bezoek_persoon_verwijder(&id, &BezoekPersoon::Melding(m.clone())).unwrap();
        uitwisselen(&mut t, 0, 1);
        assert_eq!(namen(&mut t[1].store, &id), ["Daan Ölmezoğlu"]);
        t[0].store.bezoek_persoon_toevoegen(&id, &BezoekPersoon::Melding(m.clone())).unwrap();
        uitwisselen(&mut t, 0, 1);
        let mut op_lijst = namen(&mut t[1].store, &id);
        assert_eq!(op_lijst, namen(&mut t[0].store, &id));
        op_lijst.sort();
        assert_eq!(op_lijst, ["Daan Ölmezoğlu", "Joëlle Vermeulenga"]);
    }
    uitwisselen(&mut t, 1, 0);
    assert_eq!(t[0].store.synchrone_staat().unwrap(), t[1].store.synchrone_staat().unwrap());
}

/// A trajectbegeleider's scoped bundle: their own bezoek arrives, a bezoek of another
/// behandelaar stays out, and a person on their list whose casus is not theirs stays out
/// too (the visit list never carries a casus to someone without it).
#[test]
fn bezoek_van_een_andere_behandelaar_en_een_vreemde_casus_blijven_buiten_de_bundel() {
    let mut t = team_met(&[("Regisseur".into(), "procesregisseur"), ("Tom Traject".into(), "trajectbegeleider")]);
    let mut tb = t.pop().unwrap();
    let mut pr = t.pop().unwrap();
    let tom = crate::sync::trajectbegeleider(&mut pr.store, "Tom Traject", &tb.id());
    let sanne = pr.store.medewerker_toevoegen("Sanne Ådelaar", MedewerkerRol::Trajectbegeleider, None).unwrap();
    let van_tom = melding(&mut pr.store, &tom, "Kees Dijkstraat", "PI Veenhuizen");
    let van_sanne = melding(&mut pr.store, &sanne, "Ruud Zeeländer", "PI Veenhuizen");
    let (eigen, b_eigen) = gedetineerde_casus(&mut pr.store, "Witte Spar", "Mila Ørnsholt", "PI Veenhuizen");
    wijs_trajectbegeleider_toe(&mut pr.store, &eigen, Some(&tom));
    let (_vreemd, b_vreemd) = gedetineerde_casus(&mut pr.store, "Zwarte Els", "Bram Vrëemdeling", "PI Veenhuizen");
    let bezoek_tom = bezoek(
        &mut pr.store,
        &tom,
        vec![
            BezoekPersoon::Melding(van_tom.clone()),
            BezoekPersoon::Betrokkene(b_eigen.clone()),
            BezoekPersoon::Betrokkene(b_vreemd.clone()),
        ],
    );
    let bezoek_sanne = bezoek(&mut pr.store, &sanne, vec![BezoekPersoon::Melding(van_sanne.clone())]);
    stuur(&mut pr, &mut tb);
    let lijst: Vec<String> = tb.store.bezoeken().unwrap().into_iter().map(|b| b.id).collect();
    assert_eq!(lijst, std::slice::from_ref(&bezoek_tom), "only Tom's own bezoek");
    assert_eq!(namen(&mut tb.store, &bezoek_tom), ["Kees Dijkstraat", "Mila Ørnsholt"]);
    assert!(matches!(tb.store.bezoek_detail(&bezoek_sanne), Err(StoreFout::Onbekend { .. })));
    let log = tb.store.wijzigingslog().unwrap();
    assert!(!log.contains(&b_vreemd), "the foreign casus' betrokkene is not even in the change log");
    assert!(!log.contains("Bram Vrëemdeling") && !log.contains("Ruud Zeeländer"));
    assert_eq!(tb.store.aantal("bezoek_persoon").unwrap(), 2);
}

/// Melding notes appear in the inzage of the melding's person, with the visit list they
/// are on; removing the melding removes its notes and the bezoek it alone was on.
#[test]
fn meldingnotities_staan_in_inzage_en_verdwijnen_met_de_melding() {
    let mut t = team(1);
    let s = &mut t[0].store;
    let sanne = s.medewerker_toevoegen("Sanne Ådelaar", MedewerkerRol::Trajectbegeleider, None).unwrap();
    let m = melding(s, &sanne, "Joëlle Vermeulenga", "PI Veenhuizen");
    let id = bezoek(s, &sanne, vec![BezoekPersoon::Melding(m.clone())]);
    s.bezoek_verslagen(&id, &[(BezoekPersoon::Melding(m.clone()), "Paspoort aangevraagd.".into())]).unwrap();
    let i = s.inzage(&InzageVraag::Naam("joelle vermeulenga".into())).unwrap();
    assert_eq!(i.meldingen[0].notities[0].get("tekst").and_then(|v| v.as_str()), Some("Paspoort aangevraagd."));
    assert_eq!(i.meldingen[0].bezoeken.len(), 1);
    let (pdf, _) = crate::rapport::tekst(&schakel::report::inzage(s, &i).unwrap().pdf);
    assert!(pdf.contains("Notities (verslagen van PI-bezoeken)") && pdf.contains("Paspoort aangevraagd."), "{pdf}");
    s.melding_verwijder(&m, "Dubbel ingevoerd").unwrap();
    assert_eq!((s.aantal("melding_notitie").unwrap(), s.aantal("bezoek").unwrap()), (0, 0));
    assert!(!s.wijzigingslog().unwrap().contains("Paspoort aangevraagd."), "values wiped");
    assert!(s.audit_verify().unwrap().in_orde());
}

/// The bezoeklijst prints the three persons on it with what the visit needs, and nothing
/// of a fourth detainee of the same institution who is not on it.
#[test]
fn bezoeklijst_pdf_noemt_alleen_de_personen_op_de_lijst() {
    let mut t = team(1);
    let s = &mut t[0].store;
    let sanne = s.medewerker_toevoegen("Sanne Ådelaar", MedewerkerRol::Trajectbegeleider, None).unwrap();
    let a = melding(s, &sanne, "Joëlle Vermeulenga", "PI Veenhuizen");
    let b = melding(s, &sanne, "Kees Dijkstraat", "PI Veenhuizen");
    let _niet = melding(s, &sanne, "Ruud Zeeländer", "PI Veenhuizen");
    let (nummer, c) = gedetineerde_casus(s, "Grijze Reiger", "Daan Ölmezoğlu", "PI Veenhuizen");
    s.melding_aanbod(&a, schakel::domain::AanbodGebied::Onderdak, schakel::domain::AanbodStatus::Bezig, None, "")
        .unwrap();
    let id =
        bezoek(s, &sanne, vec![BezoekPersoon::Melding(a), BezoekPersoon::Melding(b), BezoekPersoon::Betrokkene(c)]);
    let r = schakel::report::bezoeklijst(s, &id).unwrap();
    let (tekst, paginas) = crate::rapport::tekst(&r.pdf);
    assert_eq!(paginas, 1, "as short as the visit needs");
    for naam in
        ["Joëlle Vermeulenga", "Kees Dijkstraat", "Daan Ölmezoğlu", &nummer, "Onderdak (bezig)", "Sanne Ådelaar"]
    {
        assert!(tekst.contains(naam), "{naam} missing from: {tekst}");
    }
    assert!(tekst.contains("PI Veenhuizen") && tekst.contains("VERTROUWELIJK"));
    assert!(tekst.contains("nog niets vastgelegd"), "no aanbod recorded is not shown as all arranged");
    assert!(!tekst.contains("Zeeländer"), "a detainee not on the list is not printed");
}

/// Demo data plans one bezoekdag in PI Veenhuizen with persons detained there.
#[test]
fn demo_plant_een_bezoekdag_in_pi_veenhuizen() {
    let (_dir, _map, mut s) = crate::hulp::store();
    schakel::demo::genereer(&mut s, 5, 3).unwrap();
    let lijst = s.bezoeken().unwrap();
    assert_eq!(lijst.len(), 1);
    assert_eq!((lijst[0].inrichting.as_str(), lijst[0].personen), ("PI Veenhuizen", 3));
    assert!(lijst[0].datum > chrono::Local::now().date_naive().format("%Y-%m-%d").to_string(), "planned");
    // Only persons still inside on the day of the visit.
    let detail = s.bezoek_detail(&lijst[0].id).unwrap();
    for p in &detail.personen {
        let uit = p.kandidaat.verwachte_uitstroom.as_deref().unwrap_or("9999-12-31");
        assert!(
            uit >= detail.datum.as_str(),
            "{} leaves on {uit}, before the visit on {}",
            p.kandidaat.naam,
            detail.datum
        );
    }
}

mod cli {

    use predicates::prelude::*;

    use crate::hulp::{id, json, schakel};

    /// The CLI contract: candidates, new (with the Dutch refusals), show, verslag per
    /// person, the bezoeklijst PDF, date change, list changes and removal.
    #[test]
    fn bezoek_van_plannen_tot_verslag() {
        let d = tempfile::tempdir().unwrap();
        let map = d.path().join("data");
        schakel(&map).args(["init", "--naam", "Sanne Ådelaar"]).assert().success();
        id(schakel(&map).args(["medewerker", "add", "--naam", "Sanne Ådelaar", "--rol", "trajectbegeleider"]));
        let add = |naam: &str, inrichting: &str| {
            id(schakel(&map).args([
                "melding",
                "add",
                "--naam",
                naam,
                "--geboortedatum",
                "1988-11-23",
                "--inrichting",
                inrichting,
                "--bron",
                "dji",
                "--behandelaar",
                "Sanne Ådelaar",
            ]))
        };
        let a = add("Joëlle Vermeulenga", "PI Veenhuizen");
        let b = add("Kees Dijkstraat", "PI Veenhuizen");
        let elders = add("Ruud Zeeländer", "PI Leeuwarden");
        let k = json(schakel(&map).args(["bezoek", "kandidaten", "--inrichting", "pi veenhuizen"]));
        let namen: Vec<&str> = k.as_array().unwrap().iter().map(|k| k["naam"].as_str().unwrap()).collect();
        assert_eq!(namen, ["Joëlle Vermeulenga", "Kees Dijkstraat"]);
        schakel(&map)
            .args([
                "bezoek",
                "new",
                "--inrichting",
                "PI Veenhuizen",
                "--datum",
                "2026-12-03",
                "--melding",
                &elders[..8],
            ])
            .args(["--behandelaar", "Sanne Ådelaar"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("Ruud Zeeländer zit niet in PI Veenhuizen."));
        schakel(&map)
            .args(["bezoek", "new", "--inrichting", "PI Veenhuizen", "--datum", "2026-12-03"])
            .args(["--behandelaar", "Sanne Ådelaar"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("Kies minstens één persoon."));
        let id = id(schakel(&map).args([
            "bezoek",
            "new",
            "--inrichting",
            "PI Veenhuizen",
            "--datum",
            "2026-12-03",
            "--melding",
            &a[..8],
            "--melding",
            &b[..8],
            "--behandelaar",
            "Sanne Ådelaar",
        ]));
        let kort = &id[..8];
        let v = json(schakel(&map).args(["bezoek", "show", kort]));
        assert_eq!(v["personen"].as_array().unwrap().len(), 2);
        assert_eq!(v["behandelaar"].as_str(), Some("Sanne Ådelaar"));
        schakel(&map)
            .args(["bezoek", "verslag", kort, "--melding", &a[..8], "--tekst", "Woonruimte besproken."])
            .assert()
            .success()
            .stdout(predicate::str::contains("1 verslag opgeslagen."));
        schakel(&map)
            .args(["bezoek", "verslag", kort, "--melding", &elders[..8], "--tekst", "x"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("Ruud Zeeländer staat niet op de bezoeklijst van dit bezoek."));
        schakel(&map)
            .args(["melding", "show", &a[..8]])
            .assert()
            .success()
            .stdout(predicate::str::contains("(PI-bezoek, PI Veenhuizen, Sanne Ådelaar): Woonruimte besproken."));
        let pdf = d.path().join("lijst.pdf");
        schakel(&map).args(["rapport", "bezoeklijst", kort, "-o"]).arg(&pdf).assert().success();
        let (tekst, _) = crate::rapport::tekst(&std::fs::read(&pdf).unwrap());
        assert!(tekst.contains("Joëlle Vermeulenga") && tekst.contains("Kees Dijkstraat"), "{tekst}");
        assert!(!tekst.contains("Zeeländer"));
        schakel(&map)
            .args(["bezoek", "wijzig", kort, "--datum", "2026-12-10"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Bezoek gewijzigd: 10-12-2026."));
        schakel(&map).args(["bezoek", "schrappen", kort, "--melding", &b[..8]]).assert().success();
        schakel(&map)
            .args(["bezoek", "schrappen", kort, "--melding", &a[..8]])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("Kies minstens één persoon."));
        schakel(&map)
            .args(["bezoek", "toevoegen", kort, "--melding", &b[..8]])
            .assert()
            .success()
            .stdout(predicate::str::contains("Op de bezoeklijst: 2 personen."));
        let lijst = json(schakel(&map).args(["bezoek", "list"]));
        assert_eq!(lijst[0]["datum"].as_str(), Some("2026-12-10"));
        schakel(&map).args(["bezoek", "verwijder", kort]).assert().success();
        schakel(&map).args(["bezoek", "list"]).assert().success().stdout(predicate::str::contains("Geen bezoeken."));
    }
}

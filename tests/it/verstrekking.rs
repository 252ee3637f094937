//! Issue 21, points 1–4: inzage finds every form of a name and BSN and lets the officer
//! choose between persons; it names partners, themes and who received the data; every
//! display or export of personal data is audited; copies of a replaced database have a
//! short term and a removal says which copies may still hold the casus.

use crate::ui::stuur_en_wacht;
use chrono::{Duration, NaiveDate, NaiveTime};
use schakel::domain::partner::PartnerSoort;
use schakel::domain::{Convenantstatus, DomeinFout, OverlegSoort, Rol};
use schakel::store::{
    AuditFilter, InzageVraag, NieuwContact, NieuwOverleg, NieuweBetrokkene, NieuwePartner, Store, StoreFout,
};

fn persoon(s: &mut Store, nummer: &str, naam: &str, geboren: Option<&str>, bsn: Option<&str>) -> String {
    s.betrokkene_toevoegen(
        nummer,
        NieuweBetrokkene {
            naam: naam.into(),
            geboortedatum: geboren.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()),
            rol: Rol::Hoofdpersoon,
            bsn: bsn.map(String::from),
            initialen: None,
        },
    )
    .unwrap()
}

fn vandaag() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Point 1: Unicode folding of names, every accepted BSN form, and a choice between persons.
#[test]
fn inzage_vindt_naam_zonder_accenten_en_elke_bsn_vorm_en_laat_kiezen() {
    let (_d, _m, mut s) = super::hulp::store();
    let a = super::hulp::casus(&mut s, "Casus Een");
    let b = super::hulp::casus(&mut s, "Casus Twee");
    // Stored through the same path as `betrokkene add --bsn 12345672`: as 012345672.
    persoon(&mut s, &a, "Ömre Çelvaart", Some("1980-02-02"), Some("12345672"));
    persoon(&mut s, &b, "Bram de Vries", Some("1975-07-07"), Some("1234.56.782"));

    let i = s.inzage(&InzageVraag::Naam("  ömre   çelvaart ".into())).unwrap();
    assert_eq!(i.casussen.len(), 1);
    assert_eq!(i.casussen[0].persoon["naam"], "Ömre Çelvaart");
    assert_eq!(i.casussen[0].persoon["bsn"], "012345672");
    assert!(!serde_json::to_string(&i).unwrap().contains("Bram"), "another person's data in the inzage");
    for vorm in ["12345672", "012345672", "0123.45.672", " 012 345 672 "] {
        let i = s.inzage(&InzageVraag::Bsn(vorm.into())).unwrap_or_else(|e| panic!("{vorm}: {e:?}"));
        assert_eq!(i.casussen[0].persoon["naam"], "Ömre Çelvaart", "{vorm}");
    }
    let bram = s.inzage(&InzageVraag::Bsn("1234.56.782".into())).unwrap();
    assert_eq!(bram.casussen[0].persoon["naam"], "Bram de Vries");
    assert!(!serde_json::to_string(&bram).unwrap().contains("Çelvaart"));
    assert!(matches!(
        s.inzage(&InzageVraag::Bsn("123456789".into())),
        Err(StoreFout::Domein(DomeinFout::OngeldigBsn(_)))
    ));
    assert!(matches!(s.inzage(&InzageVraag::Naam("Ömre Çelvaartje".into())), Err(StoreFout::Onbekend { .. })));

    // Two persons with the same name: nothing is drawn up, both are listed to choose from.
    let c = super::hulp::casus(&mut s, "Casus Drie");
    let e = super::hulp::casus(&mut s, "Casus Vier");
    let f = super::hulp::casus(&mut s, "Casus Vijf");
    persoon(&mut s, &c, "Jaap Fictiefsen", Some("1960-01-01"), None);
    persoon(&mut s, &e, "Jaap Fictiefsen", Some("1999-09-09"), None);
    persoon(&mut s, &f, "JAAP FICTIEFSEN", Some("1960-01-01"), None);
    let audit_voor = s.aantal("audit").unwrap();
    let Err(StoreFout::MeerderePersonen(lijst)) = s.inzage(&InzageVraag::Naam("jaap fictiefsen".into())) else {
        panic!("two persons must be listed")
    };
    assert_eq!(s.aantal("audit").unwrap(), audit_voor, "a refused inzage viewed nothing");
    assert_eq!(lijst.len(), 2);
    let oud = lijst.iter().find(|p| p.geboortedatum.as_deref() == Some("1960-01-01")).unwrap();
    assert_eq!(oud.casussen, vec![c.clone(), f.clone()], "one person recorded in two casussen");
    let melding = schakel::melding::store(&StoreFout::MeerderePersonen(lijst.clone()));
    assert!(melding.contains("2 personen passen") && melding.contains(&oud.id), "{melding}");
    // The choice: that person in both casussen, not the other one.
    let gekozen = s.inzage(&InzageVraag::Id(oud.id.clone())).unwrap();
    let nummers: Vec<&str> = gekozen.casussen.iter().map(|c| c.casusnummer.as_str()).collect();
    assert_eq!(nummers, vec![c.as_str(), f.as_str()]);
    assert!(!serde_json::to_string(&gekozen).unwrap().contains("1999-09-09"));

    // The window reads an 8-digit BSN (and dots) as a BSN, anything else as a name.
    use schakel::ui::screen::privacy::inzage_vraag;
    assert_eq!(inzage_vraag("12345672"), InzageVraag::Bsn("12345672".into()));
    assert_eq!(inzage_vraag("1234.56.782"), InzageVraag::Bsn("123456782".into()));
    assert_eq!(inzage_vraag(" Ömre Çelvaart "), InzageVraag::Naam("Ömre Çelvaart".into()));
}

/// Point 1 in the window: several persons give a choice list; choosing writes the inzage.
#[test]
fn scherm_inzage_laat_kiezen_tussen_personen() {
    use super::ui::{klik, typ, verwacht};
    use schakel::ui::{App, Message};
    let (dir, map, mut s) = super::hulp::store();
    let c = super::hulp::casus(&mut s, "Casus Drie");
    let e = super::hulp::casus(&mut s, "Casus Vier");
    persoon(&mut s, &c, "Jaap Fictiefsen", Some("1960-01-01"), None);
    persoon(&mut s, &e, "Jaap Fictiefsen", Some("1999-09-09"), None);
    let mut app = App::met_store(map, s);
    klik(&mut app, "Privacy");
    let pdf = dir.path().join("inzage-jan.pdf");
    typ(&mut app, "inzage-wie", "jaap fictiefsen");
    // The file dialog cannot open headless: feed its answer.
    stuur_en_wacht(
        &mut app,
        Message::Privacy(schakel::ui::screen::privacy::Message::Gekozen(
            schakel::ui::screen::privacy::Bestand::Inzage,
            Some(pdf.clone()),
        )),
    );
    klik(&mut app, "Inzage maken");
    verwacht(&app, "2 personen passen bij deze naam");
    verwacht(&app, "Jaap Fictiefsen, geboren 09-09-1999");
    assert!(!pdf.exists(), "nothing is written before the officer chooses");
    super::ui::klik_en_wacht(&mut app, "Deze persoon");
    verwacht(&app, "Inzage opgeslagen");
    assert!(pdf.exists());
}

/// Point 2: names instead of ids, and who received the person's data.
#[test]
fn inzage_noemt_namen_en_wie_de_gegevens_ontving() {
    let mut t = super::sync::team(2);
    let b_id = t[1].id();
    let s = &mut t[0].store;
    let nr = super::hulp::casus(s, "Ontvangen Zaak");
    let ander = super::hulp::casus(s, "Stille Zaak");
    let p = persoon(s, &nr, "Lotte Ontvangst", Some("1988-08-08"), None);
    persoon(s, &ander, "Stijn Stilte", None, None);
    let partner = s
        .partner_toevoegen(NieuwePartner {
            naam: "Reclassering Testregio".into(),
            soort: PartnerSoort::Overig,
            convenantstatus: Convenantstatus::Convenant,
        })
        .unwrap();
    let contact =
        s.contact_toevoegen(&partner, NieuwContact { naam: "Ria Reclassant".into(), ..Default::default() }).unwrap();
    s.actie_toevoegen(
        &nr,
        schakel::store::NieuweActie {
            omschrijving: "Woning regelen".into(),
            partner_id: Some(partner.clone()),
            contact_id: Some(contact.clone()),
            ..Default::default()
        },
    )
    .unwrap();
    let o = s
        .overleg_plannen(NieuwOverleg {
            soort: OverlegSoort::Casusoverleg.code().into(),
            datum: NaiveDate::from_ymd_opt(2026, 5, 12).unwrap(),
            begintijd: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            plaats: "Zaal 1".into(),
            voorzitter: "Test Regisseur".into(),
        })
        .unwrap();
    let g = s.genodigde_toevoegen(&o, &contact).unwrap();
    s.aanwezigheid(&g, true).unwrap();
    s.agendapunt_toevoegen(&o, &nr, 15).unwrap();
    schakel::report::plan(s, &nr, None).unwrap();
    super::sync::bundel(&mut t[0], &b_id);

    let s = &mut t[0].store;
    let i = s.inzage(&InzageVraag::Id(p)).unwrap();
    let c = &i.casussen[0];
    assert!(!c.casus.contains_key("thema_id"), "ids replaced by names: {:?}", c.casus);
    assert_eq!(c.casus["thema"].as_str().map(|t| t.to_lowercase().contains("nazorg")), Some(true), "{:?}", c.casus);
    assert_eq!(c.acties[0]["partner"], "Reclassering Testregio");
    assert_eq!(c.acties[0]["contactpersoon"], "Ria Reclassant (Reclassering Testregio)");
    let wat: Vec<(&str, &str)> = c.ontvangen.iter().map(|o| (o.wat.as_str(), o.aan.as_str())).collect();
    assert!(wat.contains(&("Bundel", "Collega 1")), "{wat:?}");
    assert!(wat.iter().any(|(w, a)| w.starts_with("Overleg") && a.contains("aanwezig: Ria Reclassant")), "{wat:?}");
    assert!(wat.contains(&("PDF", "PDF plan van aanpak")), "{wat:?}");
    let pdf = schakel::report::inzage(s, &i).unwrap();
    let (tekst, _) = super::rapport::tekst(&pdf.pdf);
    assert!(tekst.contains("Wie heeft deze gegevens ontvangen") && tekst.contains("Collega 1"), "{tekst}");
    // The other person's casus was in the bundle but not on the agenda, and no PDF was made.
    let stil = s.inzage(&InzageVraag::Naam("Stijn Stilte".into())).unwrap();
    let wat: Vec<&str> = stil.casussen[0].ontvangen.iter().map(|o| o.wat.as_str()).collect();
    assert_eq!(wat, vec!["Bundel"]);
    assert!(!serde_json::to_string(&stil).unwrap().contains("Ria Reclassant"));
}

/// Point 3: reports, search, backup, contact list and bundles leave an audit entry
/// (what, never the value) for exactly the casussen involved.
#[test]
fn weergave_en_export_van_persoonsgegevens_staan_in_de_auditlog() {
    let mut t = super::sync::team(2);
    let b_id = t[1].id();
    let s = &mut t[0].store;
    let op = super::hulp::casus(s, "Agenda Zaak");
    let niet = super::hulp::casus(s, "Zoekwoordloos");
    let o = s
        .overleg_plannen(NieuwOverleg {
            soort: OverlegSoort::Casusoverleg.code().into(),
            datum: NaiveDate::from_ymd_opt(2026, 5, 12).unwrap(),
            begintijd: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            plaats: "Zaal 1".into(),
            voorzitter: "Test Regisseur".into(),
        })
        .unwrap();
    s.agendapunt_toevoegen(&o, &op, 15).unwrap();
    let telling = |s: &Store, tabel: &str, casus: &str| {
        s.audit_export(&AuditFilter { casus: Some(casus.into()), ..Default::default() })
            .unwrap()
            .into_iter()
            .filter(|r| r.regel.tabel == tabel)
            .count()
    };
    schakel::report::verslag(s, &o).unwrap();
    schakel::report::agenda(s, &o, Default::default()).unwrap();
    assert_eq!((telling(s, "pdf_verslag", &op), telling(s, "pdf_verslag", &niet)), (1, 0));
    assert_eq!(telling(s, "pdf_agenda", &op), 1);
    schakel::report::overzicht(s, &niet).unwrap();
    assert_eq!((telling(s, "pdf_overzicht", &niet), telling(s, "pdf_overzicht", &op)), (1, 0));
    let dir = tempfile::tempdir().unwrap();
    s.backup_maak(&dir.path().join("b.schakelbackup"), "backup-wachtwoord-lang").unwrap();
    schakel::contactlijst::regels(s).unwrap();
    super::sync::bundel(&mut t[0], &b_id);
    let s = &t[0].store;
    assert_eq!((telling(s, "bundel", &op), telling(s, "bundel", &niet)), (1, 1));
    let alles = s.audit_export(&AuditFilter::default()).unwrap();
    let exports: Vec<(&str, &str)> = alles
        .iter()
        .filter(|r| r.regel.handeling == "exporteren" && r.casusnummer.is_none())
        .map(|r| (r.regel.tabel.as_str(), r.regel.rij.as_str()))
        .collect();
    assert!(exports.iter().any(|(t, _)| *t == "backup"), "{exports:?}");
    assert!(exports.contains(&("contactlijst", "contactlijst")), "{exports:?}");
    assert!(s.audit_verify().unwrap().in_orde());

    // `schakel zoek` prints names: one entry per casus found, never the search text.
    let d = tempfile::tempdir().unwrap();
    let map = d.path().join("data");
    let cli = |args: &[&str]| {
        let mut c = assert_cmd::Command::cargo_bin("schakel").unwrap();
        c.env("SCHAKEL_DATA_DIR", &map).env("SCHAKEL_PASSPHRASE", super::hulp::WACHTWOORD).args(args);
        c
    };
    cli(&["init", "--naam", "Test Regisseur"]).assert().success();
    let (gevonden, anders) = {
        let m = schakel::store::Gegevensmap::new(&map);
        let mut s = schakel::store::ontgrendel(&m, Some(super::hulp::WACHTWOORD)).unwrap();
        let g = super::hulp::casus(&mut s, "Zeldzaamwoord Eik");
        (g, super::hulp::casus(&mut s, "Gewone Beuk"))
    };
    cli(&["zoek", "Zeldzaamwoord"]).assert().success();
    let m = schakel::store::Gegevensmap::new(&map);
    let s = schakel::store::ontgrendel(&m, Some(super::hulp::WACHTWOORD)).unwrap();
    assert_eq!((telling(&s, "zoekresultaat", &gevonden), telling(&s, "zoekresultaat", &anders)), (1, 0));
    let csv = schakel::report::audit_csv(&s.audit_export(&AuditFilter::default()).unwrap(), &s.audit_verify().unwrap())
        .unwrap();
    assert!(!String::from_utf8_lossy(&csv).contains("Zeldzaamwoord"), "a value in the audit log");
}

/// Point 4: a replaced database is kept 30 days, listed, removable; a removal after the
/// retention term names the copies that may still hold the casus.
#[test]
fn vervangen_database_heeft_een_korte_termijn_en_verwijdering_noemt_haar() {
    let dir = tempfile::tempdir().unwrap();
    let map = schakel::store::Gegevensmap::new(dir.path().join("data"));
    let ww = zeroize::Zeroizing::new(super::hulp::WACHTWOORD.to_string());
    let keuze = schakel::store::Sleutelkeuze::Wachtwoord(ww.clone());
    let (mut s, _) = schakel::store::initialiseer(&map, &keuze, &super::hulp::gebruiker()).unwrap();
    let (oud, _) = schakel::demo::volle_casus(&mut s, "vv1", vandaag() - Duration::days(1500)).unwrap();
    let backup = dir.path().join("b.schakelbackup");
    s.backup_maak(&backup, "backup-wachtwoord-lang").unwrap();
    drop(s);
    assert!(schakel::store::vervangen_kopieen(map.pad()).unwrap().is_empty());
    let bytes = std::fs::read(&backup).unwrap();
    let (mut s, h) = schakel::store::backup_herstel(&map, &bytes, "backup-wachtwoord-lang", &keuze, true).unwrap();
    let kopie = h.oude_kopie.unwrap();
    let lijst = schakel::store::vervangen_kopieen(map.pad()).unwrap();
    assert_eq!(lijst.len(), 1);
    assert_eq!(map.pad().join(&lijst[0].naam), kopie);
    assert_eq!(lijst[0].verloopt_op, lijst[0].gemaakt_op.date() + Duration::days(30));
    // Removing the casus says plainly which copy may still hold it.
    let v = s.casus_vernietigen(&oud, "Bewaartermijn verstreken", vandaag()).unwrap();
    assert_eq!(v.kopieen, vec![lijst[0].naam.clone()]);
    // Within the term nothing is removed; after it, the copy is gone.
    assert!(schakel::store::vervangen_opruimen(map.pad(), vandaag()).unwrap().is_empty());
    assert!(kopie.exists());
    let weg = schakel::store::vervangen_opruimen(map.pad(), lijst[0].verloopt_op).unwrap();
    assert_eq!(weg, vec![lijst[0].naam.clone()]);
    assert!(!kopie.exists());
    assert!(matches!(
        schakel::store::vervangen_kopie_verwijder(map.pad(), "vervangen-19990101-000000"),
        Err(StoreFout::Onbekend { .. })
    ));
    // With no copies left, a removal names none.
    let (tweede, _) = schakel::demo::volle_casus(&mut s, "vv2", vandaag() - Duration::days(1500)).unwrap();
    assert!(s.casus_vernietigen(&tweede, "Bewaartermijn verstreken", vandaag()).unwrap().kopieen.is_empty());
}

/// Point 1 on the command line: several persons are listed with their ids and nothing is
/// written (exit 1); `--betrokkene ID` then draws up that person's inzage.
#[test]
fn cli_inzage_vraagt_om_betrokkene_bij_meerdere_personen() {
    use predicates::prelude::*;
    let d = tempfile::tempdir().unwrap();
    let map = d.path().join("data");
    let cli = || {
        let mut c = assert_cmd::Command::cargo_bin("schakel").unwrap();
        c.env("SCHAKEL_DATA_DIR", &map).env("SCHAKEL_PASSPHRASE", super::hulp::WACHTWOORD);
        c
    };
    cli().args(["init", "--naam", "Test Regisseur"]).assert().success();
    let (oud, jong) = {
        let m = schakel::store::Gegevensmap::new(&map);
        let mut s = schakel::store::ontgrendel(&m, Some(super::hulp::WACHTWOORD)).unwrap();
        let c = super::hulp::casus(&mut s, "Casus Drie");
        let e = super::hulp::casus(&mut s, "Casus Vier");
        (
            persoon(&mut s, &c, "Jaap Fictiefsen", Some("1960-01-01"), None),
            persoon(&mut s, &e, "Jaap Fictiefsen", Some("1999-09-09"), None),
        )
    };
    let pdf = d.path().join("inzage.pdf");
    cli().args(["inzage", "--naam", "jaap fictiefsen", "-o"]).arg(&pdf).assert().code(1).stderr(
        predicate::str::contains("Kies er één met --betrokkene ID")
            .and(predicate::str::contains(&oud))
            .and(predicate::str::contains(&jong))
            .and(predicate::str::contains("geboren 09-09-1999")),
    );
    assert!(!pdf.exists(), "nothing is written before the officer chooses");
    let json = d.path().join("inzage.json");
    cli().args(["inzage", "--betrokkene", &jong, "-o"]).arg(&pdf).arg("--json-uitvoer").arg(&json).assert().success();
    let tekst = std::fs::read_to_string(&json).unwrap();
    assert!(tekst.contains("1999-09-09") && !tekst.contains("1960-01-01"), "{tekst}");
}

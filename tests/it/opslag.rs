//! The encrypted store: encryption, keys, migrations, rules, numbering, search, audit.

use crate::hulp::{self, casus, hash, ruw, sleutel};
use schakel::domain::fase::FaseOvergang;
use schakel::domain::{Ave, DomeinFout, Fase, FaseFout, JournaalSoort, Rol, WegingUitkomst};
use schakel::store::sleutel::{DbSleutel, SleutelBestand};
use schakel::store::{
    CasusFilter, CasusWijziging, NieuwJournaal, NieuweActie, NieuweBetrokkene, NieuweCasus, RANG_VENSTER, Store,
    StoreFout,
};

#[test]
fn file_is_encrypted_and_unreadable_without_the_key() {
    let (_d, map, mut s) = hulp::store();
    let n = casus(&mut s, "Stille Eik");
    s.journaal_toevoegen(
        &n,
        NieuwJournaal { soort: JournaalSoort::Notitie, tekst: "geheimwoordxyz".into(), datum: None, inrichting: None },
    )
    .unwrap();
    drop(s);
    let bytes = std::fs::read(map.db_pad()).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"), "plain SQLite header on disk");
    assert!(!bytes.windows(14).any(|w| w == b"geheimwoordxyz"), "plaintext on disk");

    // Plain SQLite (no key) cannot read it.
    let plain = rusqlite::Connection::open(map.db_pad()).unwrap();
    let err = plain.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).unwrap_err();
    assert_eq!(err.sqlite_error_code(), Some(rusqlite::ErrorCode::NotADatabase));
    drop(plain);

    // A wrong key gives the typed error and leaves the file byte-for-byte untouched.
    let voor = hash(&map.db_pad());
    let fout = Store::open(&map, &DbSleutel::van_bytes([1; 32])).unwrap_err();
    assert!(matches!(fout, StoreFout::VerkeerdeSleutel), "{fout:?}");
    assert_eq!(voor, hash(&map.db_pad()));

    // The right key opens it.
    let s = Store::open(&map, &sleutel()).unwrap();
    assert_eq!(s.casus_lijst(&CasusFilter::default()).unwrap().len(), 1);
}

#[test]
fn wrong_passphrase_is_typed_and_changes_nothing() {
    let (_d, map, s) = hulp::store();
    drop(s);
    let installatie = "test-installatie";
    let b = SleutelBestand::wachtwoord(installatie, &sleutel(), hulp::WACHTWOORD).unwrap();
    b.schrijf(map.pad()).unwrap();
    let voor = (hash(&map.db_pad()), hash(&map.sleutel_pad()));
    let gelezen = SleutelBestand::lees(map.pad()).unwrap();
    assert!(matches!(gelezen.ontgrendel("niet het wachtwoord"), Err(StoreFout::VerkeerdWachtwoord)));
    assert_eq!(voor, (hash(&map.db_pad()), hash(&map.sleutel_pad())));
    let k = gelezen.ontgrendel(hulp::WACHTWOORD).unwrap();
    Store::open(&map, &k).unwrap();
}

#[test]
fn migrations_apply_to_empty_db_and_reopen_is_a_no_op() {
    let (_d, map, s) = hulp::store();
    assert_eq!(s.schema_versie().unwrap(), schakel::store::schema_versie_app());
    assert!(s.integriteit().unwrap().is_empty());
    // Seeded, editable lists.
    assert!(s.themas().unwrap().iter().any(|t| t.naam.starts_with("Nazorg")));
    assert_eq!(s.leefgebieden().unwrap().len(), 11);
    drop(s);
    let voor = hash(&map.db_pad());
    let s = Store::open(&map, &sleutel()).unwrap();
    assert_eq!(s.schema_versie().unwrap(), schakel::store::schema_versie_app());
    drop(s);
    assert_eq!(voor, hash(&map.db_pad()), "re-opening an up-to-date DB wrote to it");
}

#[test]
fn database_from_newer_app_is_refused_untouched() {
    let (_d, map, s) = hulp::store();
    drop(s);
    ruw(&map).execute_batch("PRAGMA user_version = 99;").unwrap();
    let voor = hash(&map.db_pad());
    match Store::open(&map, &sleutel()) {
        Err(StoreFout::NieuwereVersie { db: 99, .. }) => {}
        other => panic!("expected NieuwereVersie, got {other:?}"),
    }
    assert_eq!(voor, hash(&map.db_pad()));
}

#[test]
fn missing_database_is_never_recreated() {
    let (_d, map, s) = hulp::store();
    drop(s);
    SleutelBestand::wachtwoord("x", &sleutel(), hulp::WACHTWOORD).unwrap().schrijf(map.pad()).unwrap();
    std::fs::remove_file(map.db_pad()).unwrap();
    assert!(matches!(Store::open(&map, &sleutel()), Err(StoreFout::DatabaseOntbreekt(_))));
    assert!(!map.db_pad().exists());
    // And creating over an existing one is refused.
    let (_d2, map2, s2) = hulp::store();
    drop(s2);
    assert!(matches!(Store::maak(&map2, &sleutel(), &hulp::gebruiker()), Err(StoreFout::BestaatAl(_))));
}

fn fase_fout(r: Result<schakel::domain::FaseBesluit, StoreFout>) -> FaseFout {
    match r {
        Err(StoreFout::Domein(DomeinFout::Fase(f))) => f,
        other => panic!("expected a phase error, got {other:?}"),
    }
}

#[test]
fn phase_rules_reject_illegal_moves_and_change_nothing() {
    let (_d, _map, mut s) = hulp::store();
    let n = casus(&mut s, "Verre Reiger");
    let ov = FaseOvergang::naar;

    assert_eq!(
        fase_fout(s.casus_fase(&n, &ov(Fase::Procesregie))),
        FaseFout::NietToegestaan { van: Fase::Aanmelding, naar: Fase::Procesregie }
    );
    s.casus_fase(&n, &ov(Fase::Weging)).unwrap();
    assert_eq!(fase_fout(s.casus_fase(&n, &ov(Fase::Procesregie))), FaseFout::UitkomstVerplicht(Fase::Procesregie));
    let advies = FaseOvergang { uitkomst: Some(WegingUitkomst::Advies), ..ov(Fase::Procesregie) };
    assert!(matches!(fase_fout(s.casus_fase(&n, &advies)), FaseFout::UitkomstPastNiet { .. }));
    let audit_voor = s.aantal("audit").unwrap();
    assert_eq!(s.casus_regel(&n).unwrap().fase, Fase::Weging, "refused move changed the phase");

    let ok = FaseOvergang { uitkomst: Some(WegingUitkomst::Procesregie), ..ov(Fase::Procesregie) };
    s.casus_fase(&n, &ok).unwrap();
    let r = s.casus_regel(&n).unwrap();
    assert_eq!((r.fase, r.weging_uitkomst), (Fase::Procesregie, Some(WegingUitkomst::Procesregie)));
    assert!(s.aantal("audit").unwrap() > audit_voor);

    assert_eq!(fase_fout(s.casus_fase(&n, &ov(Fase::Afgesloten))), FaseFout::RedenVerplicht(Fase::Afgesloten));
    assert_eq!(
        fase_fout(s.casus_fase(&n, &ov(Fase::Aanmelding))),
        FaseFout::NietToegestaan { van: Fase::Procesregie, naar: Fase::Aanmelding }
    );
    s.casus_fase(
        &n,
        &FaseOvergang { reden: Some("Doelen behaald".into()), tevredenheid: Some(4), ..ov(Fase::Afgesloten) },
    )
    .unwrap();
    assert_eq!(fase_fout(s.casus_fase(&n, &ov(Fase::Monitoring))), FaseFout::Afgesloten);

    // Reopening is explicit and logged in the phase history.
    let heropen = FaseOvergang { heropenen: true, reden: Some("Nieuwe incidenten".into()), ..ov(Fase::Monitoring) };
    s.casus_fase(&n, &heropen).unwrap();
    let d = s.casus_detail(&n).unwrap();
    assert_eq!(d.regel.fase, Fase::Monitoring);
    assert_eq!(d.afsluitreden, None);
    let laatste = d.fase_historie.last().unwrap();
    assert!(laatste.heropend);
    assert_eq!(laatste.reden, "Nieuwe incidenten");
    assert_eq!(d.fase_historie.len(), 5);
}

#[test]
fn casusnummers_are_unique_and_sequential_per_year() {
    let (_d, _map, mut s) = hulp::store();
    let mut nieuw = |jaar: i32| {
        s.nieuwe_casus(NieuweCasus {
            werknaam: "Linde".into(),
            thema: "com".into(),
            datum_aanmelding: chrono::NaiveDate::from_ymd_opt(jaar, 3, 1),
            ..Default::default()
        })
        .unwrap()
        .to_string()
    };
    let nummers: Vec<String> = vec![nieuw(2025), nieuw(2025), nieuw(2026), nieuw(2025), nieuw(2026)];
    assert_eq!(nummers, ["2025-0001", "2025-0002", "2026-0001", "2025-0003", "2026-0002"]);
}

#[test]
fn full_text_search_finds_journal_words_and_survives_any_input() {
    let (_d, _map, mut s) = hulp::store();
    let a = casus(&mut s, "Groene Spar");
    let b = casus(&mut s, "Oude Wilg");
    s.journaal_toevoegen(
        &b,
        NieuwJournaal {
            soort: JournaalSoort::PiBezoek,
            tekst: "Gesprek over huisvesting na vrijlating".into(),
            datum: None,
            inrichting: Some("PI Veenhuizen".into()),
        },
    )
    .unwrap();
    let t = s.zoek("huisvesting", 10).unwrap();
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].casus.casusnummer, b);
    assert_eq!(t[0].bron, "journaal");
    assert!(t[0].fragment.contains("[huisvesting]"));
    // Prefix while typing, diacritics folded.
    assert_eq!(s.zoek("veenhui", 10).unwrap().len(), 1);
    // Werknaam of the other case.
    assert_eq!(s.zoek("Spar", 10).unwrap()[0].casus.casusnummer, a);
    for vijandig in ["\"*():", "AND OR NOT", "\"", "(((", "*", "a\"b", "NEAR(x y)", ""] {
        assert!(s.zoek(vijandig, 10).is_ok(), "search for {vijandig:?} failed");
    }
    // Edits reindex: the old word disappears, the new one is found.
    s.casus_wijzig(&a, &CasusWijziging { werknaam: Some("Hoge Beuk".into()), ..Default::default() }).unwrap();
    assert!(s.zoek("Spar", 10).unwrap().is_empty());
    assert_eq!(s.zoek("Beuk", 10).unwrap().len(), 1);
}

/// Ranking is bounded: bm25 orders only the newest `RANG_VENSTER` matches, so a common
/// word cannot make a search rank thousands of rows. The oldest match, however good, drops
/// out once `RANG_VENSTER` newer rows match.
#[test]
fn search_ranks_only_the_newest_window_of_matches() {
    let (_d, _map, mut s) = hulp::store();
    // The oldest match is by far the best one: a short text that is nearly all the word.
    let oud = s
        .nieuwe_casus(NieuweCasus {
            werknaam: "Blauwe Reiger".into(),
            thema: "nazorg".into(),
            probleem: "Wonen wonen wonen wonen".into(),
            ..Default::default()
        })
        .unwrap()
        .to_string();
    let nieuw = casus(&mut s, "Late Merel");
    let notitie = |s: &mut Store, i: usize| {
        let tekst =
            format!("Gesprek {i} met Ilse Dijkstra-Ösel over werk, schulden, zorg en ook over wonen na de zomer");
        s.journaal_toevoegen(
            &nieuw,
            NieuwJournaal { soort: JournaalSoort::Notitie, tekst, datum: None, inrichting: None },
        )
        .unwrap();
    };
    for i in 1..RANG_VENSTER {
        notitie(&mut s, i);
    }
    let nummers =
        |s: &Store| -> Vec<String> { s.zoek("wonen", 10).unwrap().into_iter().map(|t| t.casus.casusnummer).collect() };
    assert_eq!(nummers(&s), [oud.as_str(), nieuw.as_str()], "all matches fit the window: best match first");
    notitie(&mut s, RANG_VENSTER);
    assert_eq!(nummers(&s), [nieuw.as_str()], "one more newer match pushes the oldest out of the ranked window");
    let t = s.zoek("wonen", 10).unwrap();
    assert!(t[0].fragment.contains("[wonen]"), "{}", t[0].fragment);
}

#[test]
fn editing_a_field_writes_one_audit_entry_and_its_change_op() {
    let (_d, map, mut s) = hulp::store();
    let n = casus(&mut s, "Lichte Meeuw");
    let audit = s.aantal("audit").unwrap();
    let ops = s.aantal("wijziging").unwrap();
    let veranderd =
        s.casus_wijzig(&n, &CasusWijziging { werknaam: Some("Donkere Meeuw".into()), ..Default::default() }).unwrap();
    assert_eq!(veranderd, 1);
    assert_eq!(s.aantal("audit").unwrap(), audit + 1);
    assert_eq!(s.aantal("wijziging").unwrap(), ops + 1);
    // Same value again: nothing written.
    s.casus_wijzig(&n, &CasusWijziging { werknaam: Some("Donkere Meeuw".into()), ..Default::default() }).unwrap();
    assert_eq!(s.aantal("audit").unwrap(), audit + 1);
    drop(s);
    let c = ruw(&map);
    let (handeling, tabel, veld): (String, String, String) = c
        .query_row("SELECT handeling, tabel, veld FROM audit ORDER BY nr DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((handeling.as_str(), tabel.as_str(), veld.as_str()), ("wijzigen", "casus", "werknaam"));
    // The audit log names the field, never the value.
    let met_waarde: i64 = c
        .query_row("SELECT count(*) FROM audit WHERE concat_ws('|', tijdstip, gebruiker, handeling, tabel, rij, veld) LIKE '%Donkere%'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(met_waarde, 0);
    let (veld, waarde, hlc): (String, Option<String>, i64) = c
        .query_row("SELECT veld, waarde, hlc FROM wijziging ORDER BY volgnummer DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(veld, "werknaam");
    // The new value is the field's only current value: the row holds it, the operation
    // no copy (schema 21). The value it superseded keeps its own.
    assert_eq!(waarde, None);
    let oud: Vec<Option<String>> = c
        .prepare("SELECT waarde FROM wijziging WHERE veld = 'werknaam' ORDER BY volgnummer")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(oud, [Some("\"Lichte Meeuw\"".to_string()), None]);
    let vorige_hlc: i64 =
        c.query_row("SELECT hlc FROM wijziging ORDER BY volgnummer DESC LIMIT 1 OFFSET 1", [], |r| r.get(0)).unwrap();
    assert!(hlc > vorige_hlc, "hybrid logical clock must increase");
}

#[test]
fn viewing_a_case_is_audited() {
    let (_d, _map, mut s) = hulp::store();
    let n = casus(&mut s, "Vlugge Els");
    let id = s.casus_regel(&n).unwrap().id;
    let voor = s.audit_casus(&id, 100).unwrap().iter().filter(|r| r.handeling == "inzien").count();
    s.casus_detail(&n).unwrap();
    let na = s.audit_casus(&id, 100).unwrap().iter().filter(|r| r.handeling == "inzien").count();
    assert_eq!(na, voor + 1);
}

#[test]
fn tampering_with_the_audit_log_is_detected() {
    let (_d, map, mut s) = hulp::store();
    let n = casus(&mut s, "Zware Lijster");
    s.casus_ave(&n, Ave::new(4).unwrap(), "Escalatie in de wijk").unwrap();
    assert!(s.audit_verify().unwrap().in_orde());
    drop(s);

    // Change who did something.
    ruw(&map).execute_batch("UPDATE audit SET gebruiker = 'iemand anders' WHERE nr = 2;").unwrap();
    let s = Store::open(&map, &sleutel()).unwrap();
    let c = s.audit_verify().unwrap();
    assert!(!c.in_orde());
    assert_eq!(c.eerste_fout, Some(2));
    drop(s);

    // Deleting the newest entries is detected too (the head no longer matches).
    let (_d2, map2, mut s2) = hulp::store();
    casus(&mut s2, "Hoge Linde");
    drop(s2);
    ruw(&map2).execute_batch("DELETE FROM audit WHERE nr = (SELECT max(nr) FROM audit);").unwrap();
    let s2 = Store::open(&map2, &sleutel()).unwrap();
    let c = s2.audit_verify().unwrap();
    assert!(!c.in_orde());
    assert!(!c.kop_klopt);
}

#[test]
fn ave_history_records_who_when_why() {
    let (_d, _map, mut s) = hulp::store();
    let n = casus(&mut s, "Late Merel");
    s.casus_ave(&n, Ave::new(4).unwrap(), "Dreiging richting buurt").unwrap();
    let d = s.casus_detail(&n).unwrap();
    assert_eq!(d.regel.ave, 4);
    let h = d.ave_historie.last().unwrap();
    assert_eq!(
        (h.van, h.naar, h.gebruiker.as_str(), h.reden.as_str()),
        (Some(3), 4, "Test Regisseur", "Dreiging richting buurt")
    );
    assert!(
        matches!(s.casus_ave(&n, Ave::new(2).unwrap(), "  "), Err(StoreFout::Domein(DomeinFout::Verplicht(v))) if v == "reden"),
        "reason is required"
    );
}

#[test]
fn betrokkene_bsn_is_validated_and_initials_derived() {
    let (_d, _map, mut s) = hulp::store();
    let n = casus(&mut s, "Oude Beuk");
    let fout = s.betrokkene_toevoegen(
        &n,
        NieuweBetrokkene {
            naam: "Kees van Dalhof".into(),
            geboortedatum: chrono::NaiveDate::from_ymd_opt(1990, 1, 2),
            rol: Rol::Hoofdpersoon,
            bsn: Some("123456789".into()),
            initialen: None,
        },
    );
    assert!(matches!(fout, Err(StoreFout::Domein(DomeinFout::OngeldigBsn(_)))));
    s.betrokkene_toevoegen(
        &n,
        NieuweBetrokkene {
            naam: "Kees van Dalhof".into(),
            geboortedatum: chrono::NaiveDate::from_ymd_opt(1990, 1, 2),
            rol: Rol::Hoofdpersoon,
            bsn: Some("111222333".into()),
            initialen: None,
        },
    )
    .unwrap();
    let d = s.casus_detail(&n).unwrap();
    assert_eq!(d.betrokkenen.len(), 1);
    assert_eq!(d.betrokkenen[0].initialen, "K.v.D.");
    assert_eq!(d.betrokkenen[0].bsn.as_deref(), Some("111222333"));
}

#[test]
fn plan_versions_freeze_and_diff() {
    use schakel::domain::plan::Verschil;
    use schakel::domain::{ActieStatus, PlanDiff};
    let (_d, _map, mut s) = hulp::store();
    let n = casus(&mut s, "Blauwe Zwaluw");
    let doel = s.doel_toevoegen(&n, "wonen", "Vaste woonplek na vrijlating").unwrap();
    let a = s
        .actie_toevoegen(
            &n,
            NieuweActie { doel_id: Some(doel), omschrijving: "Urgentie aanvragen".into(), ..Default::default() },
        )
        .unwrap();
    s.risico_zetten(&n, "schulden", 4, "Hoge schuld").unwrap();
    assert_eq!(s.plan_vastleggen(&n, "Vastgesteld in casusoverleg").unwrap(), 1);
    s.actie_wijzig(&a.id, &schakel::store::ActieWijziging { status: Some(ActieStatus::Gereed), ..Default::default() })
        .unwrap();
    s.actie_toevoegen(&n, NieuweActie { omschrijving: "ID-kaart aanvragen".into(), ..Default::default() }).unwrap();
    assert_eq!(s.plan_vastleggen(&n, "Evaluatie").unwrap(), 2);
    let v = s.plan_versies(&n).unwrap();
    assert_eq!(v.len(), 2);
    // Version 1 is frozen: the later status change is not in it.
    assert_eq!(v[0].inhoud.acties[0].status, ActieStatus::Open);
    assert_eq!(v[0].inhoud.risicos[0].score, 4);
    let diff = PlanDiff::tussen(&v[0].inhoud, &v[1].inhoud);
    assert_eq!(diff.acties.len(), 2);
    assert!(
        diff.acties
            .iter()
            .any(|d| matches!(d, Verschil::Gewijzigd { nieuw, .. } if nieuw.status == ActieStatus::Gereed))
    );
    assert!(diff.acties.iter().any(|d| matches!(d, Verschil::Toegevoegd(a) if a.omschrijving == "ID-kaart aanvragen")));
    assert!(
        matches!(s.plan_vastleggen(&n, ""), Err(StoreFout::Domein(DomeinFout::Verplicht(v))) if v == "reden"),
        "a version needs a reason"
    );
}

#[test]
fn action_for_partner_without_covenant_warns() {
    use schakel::domain::Convenantstatus;
    use schakel::domain::partner::PartnerSoort;
    use schakel::store::NieuwePartner;
    let (_d, _map, mut s) = hulp::store();
    let n = casus(&mut s, "Stille Kievit");
    let geen = s
        .partner_toevoegen(NieuwePartner {
            naam: "Sportclub".into(),
            soort: PartnerSoort::Overig,
            convenantstatus: Convenantstatus::Geen,
        })
        .unwrap();
    let wel = s
        .partner_toevoegen(NieuwePartner {
            naam: "Reclassering".into(),
            soort: PartnerSoort::Justitie,
            convenantstatus: Convenantstatus::Convenant,
        })
        .unwrap();
    let a = s
        .actie_toevoegen(&n, NieuweActie { omschrijving: "Sport".into(), partner_id: Some(geen), ..Default::default() })
        .unwrap();
    assert!(a.partner_zonder_convenant);
    let b = s
        .actie_toevoegen(
            &n,
            NieuweActie { omschrijving: "Toezicht".into(), partner_id: Some(wel), ..Default::default() },
        )
        .unwrap();
    assert!(!b.partner_zonder_convenant);
}

#[test]
fn meeting_decision_becomes_action_and_closed_minutes_are_read_only() {
    use schakel::domain::OverlegSoort;
    use schakel::store::NieuwOverleg;
    let (_d, _map, mut s) = hulp::store();
    let n = casus(&mut s, "Groene Wilg");
    let o = s
        .overleg_plannen(NieuwOverleg {
            soort: OverlegSoort::Casusoverleg.code().into(),
            datum: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            begintijd: chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            plaats: "Zaal 1".into(),
            voorzitter: "Test Regisseur".into(),
        })
        .unwrap();
    let p1 = s.agendapunt_toevoegen(&o, &n, 20).unwrap();
    let n2 = casus(&mut s, "Verre Els");
    s.agendapunt_toevoegen(&o, &n2, 15).unwrap();
    let agenda = s.agenda(&o).unwrap();
    assert_eq!(agenda[0].starttijd, "10:00");
    assert_eq!(agenda[1].starttijd, "10:20");
    s.agendapunt_bob(&p1, "Beeld", "Oordeel", "Woning regelen").unwrap();
    s.besluit_naar_actie(&p1, NieuweActie { omschrijving: "Woning regelen".into(), ..Default::default() }).unwrap();
    assert_eq!(s.plan(&n).unwrap().acties[0].omschrijving, "Woning regelen");
    s.overleg_sluiten(&o).unwrap();
    assert!(matches!(s.agendapunt_bob(&p1, "x", "y", "z"), Err(StoreFout::OverlegGesloten)));
}

#[test]
fn a_second_connection_waits_for_a_writer_instead_of_failing() {
    let (_d, map, mut a) = hulp::store();
    let mut b = Store::open(&map, &sleutel()).unwrap();
    let (klaar_tx, klaar_rx) = std::sync::mpsc::channel();
    let schrijver = std::thread::spawn(move || {
        a.batch(|s| {
            casus(s, "Eerste");
            klaar_tx.send(()).unwrap();
            std::thread::sleep(std::time::Duration::from_millis(600));
            Ok(())
        })
        .unwrap();
    });
    klaar_rx.recv().unwrap();
    // The other connection blocks on the busy timeout, then writes.
    let n = casus(&mut b, "Tweede");
    schrijver.join().unwrap();
    assert!(n.ends_with("-0002"), "{n}");
    assert_eq!(b.casus_lijst(&CasusFilter::default()).unwrap().len(), 2);
}

#[test]
fn involved_partners_are_referrer_and_action_holders() {
    use schakel::domain::Convenantstatus;
    use schakel::domain::partner::PartnerSoort;
    use schakel::store::NieuwePartner;
    let (_d, _map, mut s) = hulp::store();
    let mut p = |naam: &str, cs| {
        s.partner_toevoegen(NieuwePartner { naam: naam.into(), soort: PartnerSoort::Justitie, convenantstatus: cs })
            .unwrap()
    };
    let politie = p("Politie", Convenantstatus::Convenant);
    let club = p("Sportclub", Convenantstatus::Geen);
    let _niet = p("Niet betrokken", Convenantstatus::Convenant);
    let n = s
        .nieuwe_casus(NieuweCasus {
            werknaam: "Oude Meeuw".into(),
            thema: "com".into(),
            aanmelder_partner_id: Some(politie.clone()),
            ..Default::default()
        })
        .unwrap()
        .to_string();
    s.actie_toevoegen(&n, NieuweActie { omschrijving: "Sport".into(), partner_id: Some(club), ..Default::default() })
        .unwrap();
    let lijst = s.betrokken_partners(&n).unwrap();
    let namen: Vec<(&str, bool, i64)> = lijst.iter().map(|b| (b.naam.as_str(), b.aanmelder, b.acties)).collect();
    assert_eq!(namen, [("Politie", true, 0), ("Sportclub", false, 1)]);
    assert_eq!(lijst[1].convenantstatus, Convenantstatus::Geen);
}

#[test]
fn partner_wijzigen_archiveren_en_zijn_casussen() {
    use schakel::domain::partner::PartnerSoort;
    use schakel::store::{NieuweActie, NieuwePartner, PartnerWijziging};
    let (_d, _map, mut s) = hulp::store();
    let p = s
        .partner_toevoegen(NieuwePartner {
            naam: "Schuldhulp Fictief".into(),
            soort: PartnerSoort::Gemeente,
            convenantstatus: schakel::domain::Convenantstatus::Convenant,
        })
        .unwrap();
    let n = casus(&mut s, "Met partner");
    let _andere = casus(&mut s, "Zonder partner");
    s.actie_toevoegen(
        &n,
        NieuweActie { omschrijving: "Budgetplan".into(), partner_id: Some(p.clone()), ..Default::default() },
    )
    .unwrap();
    let k = s.casussen_van_partner(&p).unwrap();
    assert_eq!(k.len(), 1);
    assert_eq!((k[0].casusnummer.as_str(), k[0].acties, k[0].aanmelder), (n.as_str(), 1, false));
    // Archived: gone from pickers, still found (and referenced) everywhere else.
    assert_eq!(s.partner_wijzig(&p, &PartnerWijziging { gearchiveerd: Some(true), ..Default::default() }).unwrap(), 1);
    assert!(s.partners().unwrap().iter().all(|x| x.id != p));
    assert!(s.alle_partners().unwrap().iter().any(|x| x.id == p && x.gearchiveerd));
    assert_eq!(s.casussen_van_partner(&p).unwrap().len(), 1);
    // An empty name is refused; contacts with a malformed phone or e-mail too.
    assert!(matches!(
        s.partner_wijzig(&p, &PartnerWijziging { naam: Some(" ".into()), ..Default::default() }),
        Err(StoreFout::Domein(DomeinFout::Verplicht(v))) if v == "naam"
    ));
    let slecht = schakel::store::NieuwContact { naam: "X".into(), telefoon: "abc".into(), ..Default::default() };
    assert!(matches!(s.contact_toevoegen(&p, slecht), Err(StoreFout::Domein(DomeinFout::OngeldigTelefoonnummer(_)))));
    assert!(s.contacten(&p).unwrap().is_empty());
}

/// An aanmelding is checked whole before anything is written: a hoofdpersoon born in
/// the future is refused with that reason, and no casus is left behind.
#[test]
fn aanmelding_met_ongeldige_persoon_maakt_geen_casus() {
    let (_d, _map, mut s) = hulp::store();
    let morgen = chrono::Local::now().date_naive() + chrono::Duration::days(90);
    let persoon = schakel::store::NieuweBetrokkene {
        naam: "Fictief Persoon".into(),
        geboortedatum: Some(morgen),
        rol: Rol::Hoofdpersoon,
        bsn: None,
        initialen: None,
    };
    let voor = (s.aantal("casus").unwrap(), s.aantal("wijziging").unwrap(), s.aantal("audit").unwrap());
    let r = s.aanmelding(
        NieuweCasus { werknaam: "Toekomst".into(), thema: "nazorg".into(), ..Default::default() },
        Some(persoon.clone()),
    );
    let fout = r.expect_err("a birth date in the future is refused");
    assert!(matches!(&fout, StoreFout::Domein(DomeinFout::DatumInToekomst { veld: "geboortedatum", .. })), "{fout:?}");
    let zin = schakel::melding::store(&fout);
    assert!(zin.starts_with("Geboortedatum ligt in de toekomst ("), "{zin}");
    assert_eq!(voor, (s.aantal("casus").unwrap(), s.aantal("wijziging").unwrap(), s.aantal("audit").unwrap()));
    // With a valid person both are written together.
    let geldig =
        schakel::store::NieuweBetrokkene { geboortedatum: chrono::NaiveDate::from_ymd_opt(1990, 5, 1), ..persoon };
    let n = s
        .aanmelding(
            NieuweCasus { werknaam: "Heden".into(), thema: "nazorg".into(), ..Default::default() },
            Some(geldig),
        )
        .unwrap()
        .to_string();
    let d = s.casus_detail(&n).unwrap();
    assert_eq!(d.betrokkenen.len(), 1);
    assert_eq!(d.betrokkenen[0].naam, "Fictief Persoon");
}

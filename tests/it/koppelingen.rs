//! Koppelingen between casussen (issue 22 point 5): rules, removal with a reason, sync
//! scope (a link only reaches colleagues entitled to both casussen), retention, inzage.

use super::hulp;
use super::sync::{team_met, trajectbegeleider, uitwisselen, wijs_trajectbegeleider_toe};
use schakel::domain::{DomeinFout, KoppelFout, KoppelSoort};
use schakel::store::{InzageVraag, NieuweBetrokkene, StoreFout};
use schakel::sync::{self, ExportOpties};

fn nummers(s: &schakel::store::Store, nummer: &str) -> Vec<(String, KoppelSoort)> {
    s.koppelingen(nummer).unwrap().into_iter().map(|k| (k.casus.casusnummer, k.soort)).collect()
}

#[test]
fn koppeling_zichtbaar_aan_beide_kanten_en_ontkoppelen_met_reden() {
    let (_d, _m, mut s) = hulp::store();
    let a = hulp::casus(&mut s, "Zwarte Spar");
    let b = hulp::casus(&mut s, "Witte Spar");
    let c = hulp::casus(&mut s, "Rode Spar");
    s.koppel(&a, &b, KoppelSoort::DaderSlachtoffer, "Mensenhandel, zelfde uitbuiter").unwrap();
    s.koppel(&c, &a, KoppelSoort::Gezin, "").unwrap();
    assert_eq!(nummers(&s, &a), vec![(b.clone(), KoppelSoort::DaderSlachtoffer), (c.clone(), KoppelSoort::Gezin)]);
    assert_eq!(nummers(&s, &b), vec![(a.clone(), KoppelSoort::DaderSlachtoffer)]);
    let k = &s.koppelingen(&b).unwrap()[0];
    assert_eq!(k.toelichting, "Mensenhandel, zelfde uitbuiter");
    assert_eq!(k.casus.werknaam, "Zwarte Spar");

    // No self-link, no second link of a pair in either order; Dutch messages.
    let f = s.koppel(&a, &a, KoppelSoort::Groep, "").unwrap_err();
    assert!(matches!(&f, StoreFout::Domein(DomeinFout::Koppeling(KoppelFout::MetZichzelf(n))) if *n == a));
    assert_eq!(schakel::melding::store(&f), format!("Casus {a} kan niet aan zichzelf worden gekoppeld."));
    let f = s.koppel(&b, &a, KoppelSoort::Netwerk, "").unwrap_err();
    assert_eq!(schakel::melding::store(&f), format!("Casus {b} en casus {a} zijn al gekoppeld."));

    // Removal needs a reason, which lands in both journaals.
    assert!(matches!(s.ontkoppel(&a, &b, " "), Err(StoreFout::Domein(DomeinFout::Verplicht("reden")))));
    s.ontkoppel(&b, &a, "Bleek een andere dader").unwrap();
    assert_eq!(nummers(&s, &a), vec![(c.clone(), KoppelSoort::Gezin)]);
    assert!(nummers(&s, &b).is_empty());
    let journaal_a: Vec<String> = s.casus_detail(&a).unwrap().journaal.into_iter().map(|j| j.tekst).collect();
    assert!(
        journaal_a.contains(&format!("Koppeling met casus {b} verwijderd: Bleek een andere dader")),
        "{journaal_a:?}"
    );
    let journaal_b: Vec<String> = s.casus_detail(&b).unwrap().journaal.into_iter().map(|j| j.tekst).collect();
    assert!(
        journaal_b.contains(&format!("Koppeling met casus {a} verwijderd: Bleek een andere dader")),
        "{journaal_b:?}"
    );
    let f = s.ontkoppel(&a, &b, "Nogmaals").unwrap_err();
    assert_eq!(schakel::melding::store(&f), format!("Casus {a} en casus {b} zijn niet gekoppeld."));
    // Linking again after removal works.
    s.koppel(&a, &b, KoppelSoort::Netwerk, "").unwrap();
    assert_eq!(nummers(&s, &b), vec![(a.clone(), KoppelSoort::Netwerk)]);
    assert!(s.audit_verify().unwrap().in_orde());
}

/// A trajectbegeleider entitled to only one of two linked casussen receives neither the
/// link nor the other casus; a link between two of their own casussen does reach them,
/// and so does its removal.
#[test]
fn koppeling_alleen_naar_wie_recht_heeft_op_beide_casussen() {
    let mut t = team_met(&[("Regisseur Één".into(), "procesregisseur"), ("Tom Traject".into(), "trajectbegeleider")]);
    let tb_apparaat = t[1].id();
    let tom = trajectbegeleider(&mut t[0].store, "Tom Traject", &tb_apparaat);
    let eigen = hulp::casus(&mut t[0].store, "Van Tom");
    let eigen2 = hulp::casus(&mut t[0].store, "Ook van Tom");
    let ander = hulp::casus(&mut t[0].store, "Niet van Tom");
    wijs_trajectbegeleider_toe(&mut t[0].store, &eigen, Some(&tom));
    wijs_trajectbegeleider_toe(&mut t[0].store, &eigen2, Some(&tom));
    t[0].store.koppel(&eigen, &ander, KoppelSoort::Groep, "Jeugdgroep Centrum").unwrap();
    t[0].store.koppel(&eigen, &eigen2, KoppelSoort::Gezin, "Broers").unwrap();
    uitwisselen(&mut t, 0, 1);
    assert!(matches!(t[1].store.casus_regel(&ander), Err(StoreFout::CasusOnbekend(_))), "the linked casus stays out");
    assert_eq!(nummers(&t[1].store, &eigen), vec![(eigen2.clone(), KoppelSoort::Gezin)]);
    assert_eq!(t[1].store.aantal("koppeling").unwrap(), 1, "the link to the other casus never arrives");
    let ops = t[1].store.operaties_na(&Default::default(), None).unwrap();
    let ander_id = t[0].store.casus_id(&ander).unwrap();
    assert!(!ops.iter().any(|o| o.casus_id.as_deref().is_some_and(|c| c.contains(&ander_id))), "{ops:?}");
    // Removal reaches the trajectbegeleider too.
    t[0].store.ontkoppel(&eigen, &eigen2, "Geen broers").unwrap();
    uitwisselen(&mut t, 0, 1);
    assert!(nummers(&t[1].store, &eigen).is_empty());
    // And back: what the trajectbegeleider sends never touches the other link.
    uitwisselen(&mut t, 1, 0);
    assert_eq!(nummers(&t[0].store, &eigen), vec![(ander.clone(), KoppelSoort::Groep)]);
}

/// A bundle limited to some casussen (an agenda) never pulls a linked casus in, nor a link
/// to one outside it; a bundle with both carries the link.
#[test]
fn beperkte_bundel_neemt_geen_gekoppelde_casus_mee() {
    let mut t = team_met(&[("Regisseur Één".into(), "procesregisseur"), ("Regisseur Twee".into(), "procesregisseur")]);
    let a = hulp::casus(&mut t[0].store, "Eerste Eik");
    let b = hulp::casus(&mut t[0].store, "Tweede Eik");
    t[0].store.koppel(&a, &b, KoppelSoort::Netwerk, "").unwrap();
    let naar = t[1].id();
    let opties = ExportOpties { voor: vec![naar.clone()], casussen: vec![a.clone()], ..Default::default() };
    let bundel = sync::exporteer(&mut t[0].store, &opties).unwrap().bytes;
    sync::importeer(&mut t[1].store, &bundel).unwrap();
    assert!(t[1].store.casus_regel(&a).is_ok());
    assert!(matches!(t[1].store.casus_regel(&b), Err(StoreFout::CasusOnbekend(_))));
    assert_eq!(t[1].store.aantal("koppeling").unwrap(), 0);
    let opties = ExportOpties { voor: vec![naar], casussen: vec![a.clone(), b.clone()], ..Default::default() };
    let bundel = sync::exporteer(&mut t[0].store, &opties).unwrap().bytes;
    sync::importeer(&mut t[1].store, &bundel).unwrap();
    assert_eq!(nummers(&t[1].store, &b), vec![(a.clone(), KoppelSoort::Netwerk)]);
}

/// Compaction waits only for colleagues entitled to both casussen of a removed link: a
/// trajectbegeleider of one of them is not asked to confirm it, one of both is.
#[test]
fn compactie_van_koppeling_wacht_op_wie_recht_heeft_op_beide() {
    let mut t = team_met(&[("Regisseur Één".into(), "procesregisseur"), ("Tom Traject".into(), "trajectbegeleider")]);
    let tb_apparaat = t[1].id();
    let tom = trajectbegeleider(&mut t[0].store, "Tom Traject", &tb_apparaat);
    let eigen = hulp::casus(&mut t[0].store, "Van Tom");
    let eigen2 = hulp::casus(&mut t[0].store, "Ook van Tom");
    let ander = hulp::casus(&mut t[0].store, "Niet van Tom");
    wijs_trajectbegeleider_toe(&mut t[0].store, &eigen, Some(&tom));
    wijs_trajectbegeleider_toe(&mut t[0].store, &eigen2, Some(&tom));
    let koppelwaarden = |s: &schakel::store::Store| -> usize {
        let ops = s.operaties_na(&Default::default(), None).unwrap();
        ops.iter().filter(|o| o.tabel == "koppeling" && o.veld.is_some()).count()
    };
    // Not Tom's pair: its values go at once.
    t[0].store.koppel(&eigen, &ander, KoppelSoort::Groep, "").unwrap();
    t[0].store.ontkoppel(&eigen, &ander, "Vergissing").unwrap();
    t[0].store.compacteren().unwrap();
    assert_eq!(koppelwaarden(&t[0].store), 0, "the link's values go without Tom's confirmation");
    // Tom's pair: they wait until Tom confirmed the removal.
    t[0].store.koppel(&eigen, &eigen2, KoppelSoort::Gezin, "").unwrap();
    uitwisselen(&mut t, 0, 1);
    t[0].store.ontkoppel(&eigen, &eigen2, "Geen gezin").unwrap();
    t[0].store.compacteren().unwrap();
    assert!(koppelwaarden(&t[0].store) > 0, "Tom has not confirmed the removal yet");
    uitwisselen(&mut t, 0, 1);
    uitwisselen(&mut t, 1, 0);
    t[0].store.compacteren().unwrap();
    assert_eq!(koppelwaarden(&t[0].store), 0);
    assert!(nummers(&t[1].store, &eigen).is_empty());
    let ops = t[0].store.operaties_na(&Default::default(), None).unwrap();
    assert_eq!(ops.iter().filter(|o| o.tabel == "koppeling" && o.veld.is_none()).count(), 2, "the tombstones stay");
}

/// Removing a casus after its retention term removes its links on every device; inzage
/// lists a person's casus links.
#[test]
fn verwijderen_van_casus_verwijdert_koppelingen_en_inzage_toont_ze() {
    let vandaag = chrono::Local::now().date_naive();
    let mut t = team_met(&[("Regisseur Één".into(), "procesregisseur"), ("Regisseur Twee".into(), "procesregisseur")]);
    let (oud, _) = schakel::demo::volle_casus(&mut t[0].store, "kp1", vandaag - chrono::Duration::days(1000)).unwrap();
    let nieuw = hulp::casus(&mut t[0].store, "Jonge Linde");
    t[0].store
        .betrokkene_toevoegen(
            &nieuw,
            NieuweBetrokkene {
                naam: "Sýtske Koppelstra".into(),
                geboortedatum: None,
                rol: schakel::domain::Rol::Hoofdpersoon,
                bsn: None,
                initialen: None,
            },
        )
        .unwrap();
    t[0].store.koppel(&oud, &nieuw, KoppelSoort::Gezin, "Moeder en dochter").unwrap();
    let inzage = t[0].store.inzage(&InzageVraag::Naam("Sýtske Koppelstra".into())).unwrap();
    let k = &inzage.casussen[0].koppelingen;
    assert_eq!(k.len(), 1);
    assert_eq!(k[0]["toelichting"], "Moeder en dochter");
    uitwisselen(&mut t, 0, 1);
    uitwisselen(&mut t, 1, 0);
    assert_eq!(t[1].store.aantal("koppeling").unwrap(), 1);
    t[0].store.casus_vernietigen(&oud, "Bewaartermijn verstreken", vandaag).unwrap();
    assert!(nummers(&t[0].store, &nieuw).is_empty());
    assert_eq!(t[0].store.aantal("koppeling").unwrap(), 0);
    uitwisselen(&mut t, 0, 1);
    assert_eq!(t[1].store.aantal("koppeling").unwrap(), 0);
    assert!(nummers(&t[1].store, &nieuw).is_empty());
    for r in &t {
        let ops = r.store.operaties_na(&Default::default(), None).unwrap();
        assert!(
            ops.iter().filter(|o| o.tabel == "koppeling" && o.veld.is_some()).all(|o| o.waarde.is_none()),
            "no value of the removed link lingers"
        );
    }
}

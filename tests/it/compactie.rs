//! Compaction of the change log (issue 23 section 1): superseded values leave the log once
//! every entitled colleague holds them, and nobody loses anything by it — not a colleague
//! added later, not one who gains a casus by reassignment, not one who holds an older
//! value that only a compacted operation superseded.

use crate::sync::{Replica, bundel, replica, team, team_met, uitwisselen};
use schakel::domain::JournaalSoort;
use schakel::store::{CasusWijziging, NieuwJournaal, NieuweCasus, Store};
use schakel::sync;

fn casus(s: &mut Store, werknaam: &str) -> String {
    s.nieuwe_casus(NieuweCasus { werknaam: werknaam.into(), thema: "nazorg".into(), ..Default::default() })
        .unwrap()
        .to_string()
}

fn hernoem(s: &mut Store, nummer: &str, werknaam: &str) {
    s.casus_wijzig(nummer, &CasusWijziging { werknaam: Some(werknaam.into()), ..Default::default() }).unwrap();
}

fn wijs_toe(s: &mut Store, nummer: &str, medewerker: Option<&str>) {
    crate::sync::wijs_trajectbegeleider_toe(s, nummer, medewerker);
}

fn notitie(s: &mut Store, nummer: &str, tekst: &str) {
    let j = NieuwJournaal { soort: JournaalSoort::Notitie, tekst: tekst.into(), datum: None, inrichting: None };
    s.journaal_toevoegen(nummer, j).unwrap();
}

/// Both devices trust each other's card.
fn kennismaken(a: &mut Replica, b: &mut Replica) {
    let ka = sync::lees_visitekaartje(&sync::visitekaartje(&mut a.store, "").unwrap()).unwrap();
    let kb = sync::lees_visitekaartje(&sync::visitekaartje(&mut b.store, "").unwrap()).unwrap();
    a.store.collega_toevoegen(&kb).unwrap();
    a.store.collega_bevestigen(&kb.apparaat).unwrap();
    b.store.collega_toevoegen(&ka).unwrap();
    b.store.collega_bevestigen(&ka.apparaat).unwrap();
}

fn stuur(van: &mut Replica, naar: &mut Replica) {
    let b = bundel(van, &naar.id());
    sync::importeer(&mut naar.store, &b).unwrap();
}

/// A rectified value stays in the log while a colleague may still need it, and leaves it
/// (on both devices) as soon as that colleague confirmed to hold it.
#[test]
fn vervangen_waarde_verdwijnt_zodra_iedere_collega_haar_heeft() {
    let mut t = team(2);
    let nr = casus(&mut t[0].store, "Oude Werknaam");
    hernoem(&mut t[0].store, &nr, "Nieuwe Werknaam");
    let b_id = t[1].id();
    let b = bundel(&mut t[0], &b_id);
    assert!(t[0].store.wijzigingslog().unwrap().contains("Oude Werknaam"), "B has confirmed nothing yet");
    assert_eq!(t[0].store.wacht_op_compactie().unwrap(), 1);
    sync::importeer(&mut t[1].store, &b).unwrap();
    assert!(!t[1].store.wijzigingslog().unwrap().contains("Oude Werknaam"), "A holds it: B may drop it");
    uitwisselen(&mut t, 1, 0);
    assert!(!t[0].store.wijzigingslog().unwrap().contains("Oude Werknaam"), "B confirmed it: A drops it");
    assert_eq!(t[0].store.wacht_op_compactie().unwrap(), 0);
    assert_eq!(t[1].store.casus_regel(&nr).unwrap().werknaam, "Nieuwe Werknaam");
    assert_eq!(t[0].store.synchrone_staat().unwrap(), t[1].store.synchrone_staat().unwrap());
}

/// A store without colleagues keeps only the heads; a colleague added afterwards still
/// receives every row as it is now.
#[test]
fn collega_die_na_compactie_komt_krijgt_de_volledige_huidige_stand() {
    let mut a = replica("Ilse Ván Dijk", "procesregisseur");
    let nr = casus(&mut a.store, "Eerste Naam");
    hernoem(&mut a.store, &nr, "Tweede Naam");
    hernoem(&mut a.store, &nr, "Huidige Naam");
    notitie(&mut a.store, &nr, "Gesprek met de wijkagent");
    assert!(a.store.compacteren().unwrap() >= 2, "both earlier names go");
    let log = a.store.wijzigingslog().unwrap();
    assert!(!log.contains("Eerste Naam") && !log.contains("Tweede Naam"), "{log}");

    let mut d = replica("Daan Çelik", "procesregisseur");
    kennismaken(&mut a, &mut d);
    stuur(&mut a, &mut d);
    assert_eq!(d.store.casus_regel(&nr).unwrap().werknaam, "Huidige Naam");
    let journaal: Vec<String> = d.store.casus_detail(&nr).unwrap().journaal.into_iter().map(|j| j.tekst).collect();
    assert_eq!(journaal, ["Gesprek met de wijkagent"]);
    assert!(d.store.conflicten(None).unwrap().is_empty());
    assert_eq!(a.store.synchrone_staat().unwrap(), d.store.synchrone_staat().unwrap());
}

/// The causality case: the trajectbegeleider holds the first werknaam (X); while the casus
/// is not theirs, it is renamed twice (Y with basis X, Z with basis Y) and Y is compacted
/// (the other procesregisseur holds it; the trajectbegeleider is not entitled). After the
/// reassignment the trajectbegeleider receives Z without Y, and must still see that Z
/// supersedes X: no conflict, and exactly the casus the procesregisseur holds.
#[test]
fn herindeling_na_compactie_geeft_de_volledige_casus_zonder_schijnconflict() {
    let leden = [
        ("Regie Één".to_string(), "procesregisseur"),
        ("Regie Twee".to_string(), "procesregisseur"),
        ("Traject Ünal".to_string(), "trajectbegeleider"),
    ];
    let mut t = team_met(&leden);
    let tb_id = t[2].id();
    let tb = crate::sync::trajectbegeleider(&mut t[0].store, "Traject Ünal", &tb_id);
    let nr = casus(&mut t[0].store, "Begin Naam");
    wijs_toe(&mut t[0].store, &nr, Some(&tb));
    uitwisselen(&mut t, 0, 2);
    uitwisselen(&mut t, 0, 1);
    assert_eq!(t[2].store.casus_regel(&nr).unwrap().werknaam, "Begin Naam");

    wijs_toe(&mut t[0].store, &nr, None);
    hernoem(&mut t[0].store, &nr, "Tussen Naam");
    hernoem(&mut t[0].store, &nr, "Eind Naam");
    notitie(&mut t[0].store, &nr, "Na het vertrek");
    uitwisselen(&mut t, 0, 1);
    uitwisselen(&mut t, 1, 0);
    let log = t[0].store.wijzigingslog().unwrap();
    assert!(!log.contains("Tussen Naam") && !log.contains("Begin Naam"), "compacted on A: {log}");

    wijs_toe(&mut t[0].store, &nr, Some(&tb));
    uitwisselen(&mut t, 0, 2);
    let id = t[0].store.casus_id(&nr).unwrap();
    assert!(t[2].store.conflicten(None).unwrap().is_empty(), "{:?}", t[2].store.conflicten(None).unwrap());
    assert_eq!(t[2].store.casus_regel(&nr).unwrap().werknaam, "Eind Naam");
    assert_eq!(t[2].store.casus_staat(&id).unwrap(), t[0].store.casus_staat(&id).unwrap());
    // And back: nothing the trajectbegeleider sends reopens the old value anywhere.
    uitwisselen(&mut t, 2, 0);
    uitwisselen(&mut t, 2, 1);
    assert!(t[0].store.conflicten(None).unwrap().is_empty());
    assert!(t[1].store.conflicten(None).unwrap().is_empty());
    assert_eq!(t[1].store.casus_regel(&nr).unwrap().werknaam, "Eind Naam");
}

/// A casus removed after its retention term leaves only its tombstones in the change log
/// of every device once the colleagues have confirmed the removal.
#[test]
fn verwijderde_casus_laat_alleen_grafstenen_achter() {
    let vandaag = chrono::Local::now().date_naive();
    let mut t = team(2);
    let (nr, _) = schakel::demo::volle_casus(&mut t[0].store, "zz9", vandaag - chrono::Duration::days(1000)).unwrap();
    let id = t[0].store.casus_id(&nr).unwrap();
    uitwisselen(&mut t, 0, 1);
    uitwisselen(&mut t, 1, 0);
    t[0].store.casus_vernietigen(&nr, "Bewaartermijn verstreken", vandaag).unwrap();
    uitwisselen(&mut t, 0, 1);
    uitwisselen(&mut t, 1, 0);
    for r in &t {
        let ops = r.store.operaties_na(&Default::default(), None).unwrap();
        let van_casus: Vec<_> = ops.iter().filter(|o| o.casus_id.as_deref() == Some(id.as_str())).collect();
        assert!(!van_casus.is_empty(), "the tombstones stay");
        assert!(van_casus.iter().all(|o| o.veld.is_none()), "only tombstones: {van_casus:?}");
        assert_eq!(r.store.wacht_op_compactie().unwrap(), 0);
    }
}

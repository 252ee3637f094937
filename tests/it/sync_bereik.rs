//! Sync never loses data: need-to-know scopes that are acknowledged per casus, rows that
//! arrive before their casus, the covenant check that fails closed, the same order on
//! every replica, conflicts that can be acted on, and file handling in Dutch.

use crate::sync::{Replica, bundel, replica, team};
use schakel::domain::{Fase, FaseOvergang, JournaalSoort};
use schakel::store::{CasusWijziging, NieuwJournaal, NieuweCasus, Store, StoreFout};
use schakel::sync::{self, ExportOpties, SyncFout};

fn casus(s: &mut Store, werknaam: &str) -> String {
    s.nieuwe_casus(NieuweCasus { werknaam: werknaam.into(), thema: "nazorg".into(), ..Default::default() })
        .unwrap()
        .to_string()
}

fn notitie(s: &mut Store, nummer: &str, tekst: &str) {
    let j = NieuwJournaal { soort: JournaalSoort::Notitie, tekst: tekst.into(), datum: None, inrichting: None };
    s.journaal_toevoegen(nummer, j).unwrap();
}

fn journaalteksten(s: &mut Store, nummer: &str) -> Vec<String> {
    s.casus_detail(nummer).unwrap().journaal.into_iter().map(|j| j.tekst).collect()
}

fn exporteer(van: &mut Replica, naar: &str, casussen: &[&str], alles: bool) -> Vec<u8> {
    let opties = ExportOpties {
        voor: vec![naar.to_string()],
        casussen: casussen.iter().map(|c| c.to_string()).collect(),
        alles,
    };
    sync::exporteer(&mut van.store, &opties).unwrap().bytes
}

/// Issue 17, point 1, as reported: a bundle limited to one casus must not make the
/// receiver acknowledge the other casus, and later data of that casus must arrive.
#[test]
fn beperkte_bundel_maakt_latere_gegevens_niet_onbereikbaar() {
    let mut t = team(2);
    let b_id = t[1].id();
    let a_id = t[0].id();
    let binnen = casus(&mut t[0].store, "Binnen");
    let buiten = casus(&mut t[0].store, "Buiten");
    let b1 = exporteer(&mut t[0], &b_id, &[&binnen], false);
    sync::importeer(&mut t[1].store, &b1).unwrap();
    assert!(t[1].store.casus_regel(&buiten).is_err(), "the scoped bundle held only Binnen");
    let b2 = exporteer(&mut t[1], &a_id, &[], false);
    sync::importeer(&mut t[0].store, &b2).unwrap();
    notitie(&mut t[0].store, &buiten, "Later");
    let b3 = exporteer(&mut t[0], &b_id, &[], false);
    sync::importeer(&mut t[1].store, &b3).unwrap();
    assert_eq!(t[1].store.casus_regel(&buiten).unwrap().werknaam, "Buiten", "Buiten's whole history arrived");
    assert_eq!(journaalteksten(&mut t[1].store, &buiten), ["Later"]);
    let st = sync::status(&t[1].store).unwrap();
    assert_eq!(st[0].doorlopend_tot, t[0].store.eigen_volgnummer().unwrap());
    assert!(st[0].gaten.is_empty(), "{st:?}");
    // Once B has told A what it holds, nothing is left to send, and both hold the same.
    let terug = exporteer(&mut t[1], &a_id, &[], false);
    sync::importeer(&mut t[0].store, &terug).unwrap();
    assert_eq!(
        sync::exporteer(&mut t[0].store, &ExportOpties { voor: vec![b_id.clone()], ..Default::default() })
            .map(|e| e.operaties)
            .unwrap_or(usize::MAX),
        0
    );
    assert_eq!(t[0].store.synchrone_staat().unwrap(), t[1].store.synchrone_staat().unwrap());
}

/// A row that arrived before its casus (a format-1 sender could send it that way) waits
/// and is built as soon as the casus arrives, although its own operations are not new
/// by then.
#[test]
fn rij_die_voor_haar_casus_aankwam_verschijnt_met_de_casus() {
    let mut t = team(2);
    let b_id = t[1].id();
    let nr = casus(&mut t[0].store, "Later");
    notitie(&mut t[0].store, &nr, "Voor de casus");
    let echt =
        sync::exporteer(&mut t[0].store, &ExportOpties { voor: vec![b_id.clone()], ..Default::default() }).unwrap();
    let journaal: Vec<schakel::store::Wijziging> = t[0]
        .store
        .operaties_na(&Default::default(), None)
        .unwrap()
        .into_iter()
        .filter(|w| w.tabel == "journaal")
        .collect();
    let mut m = echt.manifest.clone();
    m.bundel = "alleen-journaal".into();
    m.dekking = Default::default();
    for w in &journaal {
        let scope = w.casus_id.clone().unwrap_or_default();
        m.dekking.entry(w.apparaat.clone()).or_default().entry(scope).or_default().push((w.volgnummer, w.volgnummer));
    }
    let a = sync::apparaat(&mut t[0].store).unwrap();
    let b = t[0].store.collega(&b_id).unwrap().unwrap();
    let payload = serde_json::to_vec(&serde_json::json!({ "manifest": m, "operaties": journaal })).unwrap();
    sync::importeer(&mut t[1].store, &sync::verpak(&a, std::slice::from_ref(&b), &payload).unwrap()).unwrap();
    assert!(t[1].store.casus_regel(&nr).is_err());
    let r = sync::importeer(&mut t[1].store, &echt.bytes).unwrap();
    assert!(r.toegepast.bekend > 0, "the journaal operations were known already");
    assert_eq!(journaalteksten(&mut t[1].store, &nr), ["Voor de casus"]);
    assert_eq!(t[0].store.synchrone_staat().unwrap(), t[1].store.synchrone_staat().unwrap());
}

/// A colleague who gains a casus later (reassignment to a trajectbegeleider) receives
/// its whole history with the next bundle, and nothing of cases that are not theirs.
#[test]
fn toegewezen_casus_komt_met_hele_historie() {
    let mut t =
        crate::sync::team_met(&[("Regisseur".into(), "procesregisseur"), ("Tom Traject".into(), "trajectbegeleider")]);
    let mut tb = t.pop().unwrap();
    let mut pr = t.pop().unwrap();
    let tb_id = tb.id();
    // Tom is a medewerker linked to his device; cases are assigned to him by id.
    let tom = crate::sync::trajectbegeleider(&mut pr.store, "Tom Traject", &tb_id);
    let eigen = casus(&mut pr.store, "Van Tom");
    crate::sync::wijs_trajectbegeleider_toe(&mut pr.store, &eigen, Some(&tom));
    let later = casus(&mut pr.store, "Later van Tom");
    notitie(&mut pr.store, &later, "Oude notitie");
    let ander = casus(&mut pr.store, "Nooit van Tom");
    sync::importeer(&mut tb.store, &bundel(&mut pr, &tb_id)).unwrap();
    assert!(tb.store.casus_regel(&later).is_err());
    crate::sync::wijs_trajectbegeleider_toe(&mut pr.store, &later, Some(&tom));
    sync::importeer(&mut tb.store, &bundel(&mut pr, &tb_id)).unwrap();
    assert_eq!(tb.store.casus_regel(&later).unwrap().werknaam, "Later van Tom");
    assert_eq!(journaalteksten(&mut tb.store, &later), ["Oude notitie"], "the history from before the assignment");
    assert!(tb.store.casus_regel(&ander).is_err(), "never entitled, never received");
}

/// Covenant check fails closed: an organisation that is not linked to a partner gets no
/// bundle; linking to a partner with a covenant allows it, one without refuses it.
#[test]
fn convenantcontrole_faalt_dicht() {
    use schakel::domain::partner::{Convenantstatus, PartnerSoort};
    use schakel::store::NieuwePartner;
    let mut a = replica("Regisseur", "procesregisseur");
    let mut b = replica("Bo Buiten", "procesregisseur");
    let kaart = sync::lees_visitekaartje(&sync::visitekaartje(&mut b.store, "Woonstichting Nergens").unwrap()).unwrap();
    a.store.collega_toevoegen(&kaart).unwrap();
    a.store.collega_bevestigen(&kaart.apparaat).unwrap();
    casus(&mut a.store, "Geheim");
    let r = sync::exporteer(&mut a.store, &ExportOpties::default());
    assert!(
        matches!(&r, Err(SyncFout::NietGekoppeld { organisatie, .. }) if organisatie == "Woonstichting Nergens"),
        "{r:?}"
    );
    let tekst = schakel::melding::sync(&r.unwrap_err());
    assert!(tekst.contains("schakel team koppel"), "{tekst}");
    let zonder = a
        .store
        .partner_toevoegen(NieuwePartner {
            naam: "Woonstichting Nergens".into(),
            soort: PartnerSoort::Overig,
            convenantstatus: Convenantstatus::Geen,
        })
        .unwrap();
    a.store.collega_koppelen(&kaart.apparaat, Some(&zonder)).unwrap();
    let r = sync::exporteer(&mut a.store, &ExportOpties::default());
    assert!(matches!(r, Err(SyncFout::GeenConvenant(_))), "{r:?}");
    let met = a
        .store
        .partner_toevoegen(NieuwePartner {
            naam: "Woonstichting Ergens".into(),
            soort: PartnerSoort::Overig,
            convenantstatus: Convenantstatus::Convenant,
        })
        .unwrap();
    a.store.collega_koppelen(&kaart.apparaat, Some(&met)).unwrap();
    assert!(sync::exporteer(&mut a.store, &ExportOpties::default()).is_ok());
    // A card whose organisation is exactly one partner's name is linked on adding.
    let mut c = replica("Cor Covenant", "procesregisseur");
    let k = sync::lees_visitekaartje(&sync::visitekaartje(&mut c.store, "woonstichting ergens").unwrap()).unwrap();
    a.store.collega_toevoegen(&k).unwrap();
    assert_eq!(a.store.collega_partner(&k.apparaat).unwrap().as_deref(), Some(met.as_str()));
}

/// Entries with the same date are listed in the same order on every replica.
#[test]
fn zelfde_volgorde_op_elke_replica() {
    let mut t = team(2);
    let nr = casus(&mut t[0].store, "Volgorde");
    crate::sync::uitwisselen(&mut t, 0, 1);
    for i in 0..4 {
        notitie(&mut t[0].store, &nr, &format!("A{i}"));
        notitie(&mut t[1].store, &nr, &format!("B{i}"));
    }
    crate::sync::uitwisselen(&mut t, 0, 1);
    crate::sync::uitwisselen(&mut t, 1, 0);
    let a = journaalteksten(&mut t[0].store, &nr);
    let b = journaalteksten(&mut t[1].store, &nr);
    assert_eq!(a.len(), 8);
    assert_eq!(a, b, "same date, same order on both laptops");
}

/// Two devices that set the same value concurrently agree; a later edit on one of them
/// does not turn that into a conflict. A real phase conflict leaves a history in which
/// exactly the losing move is marked as superseded, the same on both sides.
#[test]
fn gelijke_waarden_geen_conflict_en_fasehistorie_klopt() {
    let mut t = team(2);
    let nr = casus(&mut t[0].store, "Gelijk");
    crate::sync::uitwisselen(&mut t, 0, 1);
    for r in t.iter_mut() {
        r.store.casus_wijzig(&nr, &CasusWijziging { probleem: Some("zelfde".into()), ..Default::default() }).unwrap();
    }
    crate::sync::uitwisselen(&mut t, 0, 1);
    crate::sync::uitwisselen(&mut t, 1, 0);
    assert!(t[0].store.conflicten(None).unwrap().is_empty(), "equal values are no conflict");
    t[0].store.casus_wijzig(&nr, &CasusWijziging { probleem: Some("later".into()), ..Default::default() }).unwrap();
    crate::sync::uitwisselen(&mut t, 0, 1);
    assert!(t[1].store.conflicten(None).unwrap().is_empty(), "an edit after agreement is no conflict either");

    t[0].store.casus_fase(&nr, &FaseOvergang::naar(Fase::Weging)).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    let sluit =
        FaseOvergang { naar: Some(Fase::Afgesloten), reden: Some("dubbel aangemeld".into()), ..Default::default() };
    t[1].store.casus_fase(&nr, &sluit).unwrap();
    crate::sync::uitwisselen(&mut t, 0, 1);
    crate::sync::uitwisselen(&mut t, 1, 0);
    let ha = t[0].store.casus_detail(&nr).unwrap();
    let hb = t[1].store.casus_detail(&nr).unwrap();
    assert_eq!(ha.fase_historie, hb.fase_historie);
    assert_eq!(ha.regel.fase, Fase::Afgesloten, "the later move wins");
    let vervallen: Vec<Fase> = ha.fase_historie.iter().filter(|h| h.vervallen).map(|h| h.naar).collect();
    assert_eq!(vervallen, [Fase::Weging], "{:?}", ha.fase_historie);
    let keten: Vec<&schakel::store::FaseWijziging> = ha.fase_historie.iter().filter(|h| !h.vervallen).collect();
    for paar in keten.windows(2) {
        assert_eq!(paar[1].van, Some(paar[0].naar), "the kept entries form one chain");
    }
    assert_eq!(keten.last().map(|h| h.naar), Some(Fase::Afgesloten));
}

/// Conflicts carry an id, the casusnummer and a Dutch label; choosing by number works
/// and a choice from an outdated list is refused.
#[test]
fn conflict_kiezen_op_id_en_nummer() {
    let mut t = team(2);
    let nr = casus(&mut t[0].store, "Begin");
    crate::sync::uitwisselen(&mut t, 0, 1);
    t[0].store.casus_wijzig(&nr, &CasusWijziging { werknaam: Some("Kant A".into()), ..Default::default() }).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    t[1].store.casus_wijzig(&nr, &CasusWijziging { werknaam: Some("Kant B".into()), ..Default::default() }).unwrap();
    crate::sync::uitwisselen(&mut t, 1, 0);
    let lijst = sync::conflicten_weergave(&t[0].store, None).unwrap();
    assert_eq!(lijst.len(), 1);
    let c = &lijst[0];
    assert_eq!(c.casusnummer.as_deref(), Some(nr.as_str()));
    assert_eq!(c.omschrijving, schakel::domain::velden::veld_omschrijving("casus", "werknaam"));
    assert!(!c.omschrijving.contains('_'));
    assert_eq!(c.waarden.iter().map(|w| w.waarde.as_str()).collect::<Vec<_>>(), ["Kant B", "Kant A"]);
    assert_eq!(c.waarden.iter().map(|w| w.nummer).collect::<Vec<_>>(), [1, 2]);
    let oud = c.id.clone();
    // A third value arrives: the listed id no longer names the conflict.
    std::thread::sleep(std::time::Duration::from_millis(5));
    t[1].store.casus_wijzig(&nr, &CasusWijziging { werknaam: Some("Kant C".into()), ..Default::default() }).unwrap();
    crate::sync::uitwisselen(&mut t, 1, 0);
    let voor = t[0].store.synchrone_staat().unwrap();
    let r = t[0].store.conflict_kiezen_nummer(&oud, 2);
    assert!(matches!(&r, Err(StoreFout::ConflictVeranderd(id)) if *id == oud), "{r:?}");
    assert_eq!(voor, t[0].store.synchrone_staat().unwrap(), "a refused choice changes nothing");
    let nieuw = sync::conflicten_weergave(&t[0].store, None).unwrap()[0].clone();
    assert_ne!(nieuw.id, oud);
    let r = t[0].store.conflict_kiezen_nummer(&nieuw.id, 9);
    assert!(matches!(r, Err(StoreFout::GeenConflictwaarde { nummer: 9, aantal: 2 })), "{r:?}");
    let gekozen = nieuw.waarden[1].waarde.clone();
    t[0].store.conflict_kiezen_nummer(&nieuw.id, 2).unwrap();
    assert_eq!(t[0].store.casus_regel(&nr).unwrap().werknaam, gekozen);
    assert!(t[0].store.conflicten(None).unwrap().is_empty());
    crate::sync::uitwisselen(&mut t, 0, 1);
    assert!(t[1].store.conflicten(None).unwrap().is_empty(), "the choice closes it on the other laptop too");
}

/// `/dev/zero` and a pipe are refused before anything is read; a missing file is named
/// in Dutch; an existing bundle file is not overwritten without asking.
#[test]
fn bestanden_die_geen_bundel_kunnen_zijn() {
    let r = sync::lees_bundelbestand(std::path::Path::new("/dev/zero"));
    assert!(matches!(r, Err(SyncFout::GeenBestand)), "{r:?}");
    let dir = tempfile::tempdir().unwrap();
    let pijp = dir.path().join("pijp");
    let ok = std::process::Command::new("mkfifo").arg(&pijp).status().expect("mkfifo (coreutils) is needed");
    assert!(ok.success());
    assert!(matches!(sync::lees_bundelbestand(&pijp), Err(SyncFout::GeenBestand)));
    let weg = dir.path().join("bestaat-niet.schakel");
    let fout = sync::lees_bundelbestand(&weg).unwrap_err();
    let tekst = schakel::melding::sync(&fout);
    assert_eq!(tekst, format!("Het bestand of de map bestaat niet: {}", weg.display()));
    assert!(!tekst.contains("os error"));
    let doel = dir.path().join("bundel.schakel");
    sync::schrijf_bundel(&doel, b"eerste", false).unwrap();
    let r = sync::schrijf_bundel(&doel, b"tweede", false);
    assert!(matches!(&r, Err(SyncFout::BestandBestaat(p)) if *p == doel), "{r:?}");
    assert_eq!(std::fs::read(&doel).unwrap(), b"eerste");
    sync::schrijf_bundel(&doel, b"tweede", true).unwrap();
    assert_eq!(std::fs::read(&doel).unwrap(), b"tweede");
    let rest: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(rest.len(), 2, "no temporary files left: {rest:?}");
}

/// A bundle of the old format is refused with a sentence that says what to do.
#[test]
fn oude_bundelversie_wordt_geweigerd_met_uitleg() {
    let tekst = schakel::melding::sync(&SyncFout::OnbekendeVersie(1));
    assert!(tekst.contains("oudere versie van Schakel"), "{tekst}");
    let tekst = schakel::melding::sync(&SyncFout::OnbekendeVersie(sync::BUNDEL_VERSIE + 1));
    assert!(tekst.contains("Werk Schakel bij"), "{tekst}");
    // Format 3 (packed plan snapshots) still reads format 2: a colleague who has not
    // updated yet can still send; format 1 and unknown newer ones are refused.
    assert_eq!(sync::BUNDEL_VERSIE, 3);
    assert!(sync::versie_leesbaar(2) && sync::versie_leesbaar(3));
    assert!(!sync::versie_leesbaar(1) && !sync::versie_leesbaar(4));
}

/// Rectification (AVG art. 16): a corrected BSN is checked like a new one, needs a
/// reason that lands in the journaal without any value, and reaches the colleague.
/// Removing a betrokkene takes their detentions along, on both laptops.
#[test]
fn gecorrigeerd_bsn_en_verwijderde_betrokkene_bereiken_de_collega() {
    use schakel::domain::{DomeinFout, Rol};
    use schakel::store::{BetrokkeneWijziging, NieuweBetrokkene, NieuweDetentie};
    let mut t = team(2);
    let nr = casus(&mut t[0].store, "Rectificatie");
    let nieuw = |naam: &str, bsn: &str| NieuweBetrokkene {
        naam: naam.into(),
        geboortedatum: chrono::NaiveDate::from_ymd_opt(1980, 1, 1),
        rol: Rol::Hoofdpersoon,
        bsn: Some(bsn.into()),
        initialen: None,
    };
    let p = t[0].store.betrokkene_toevoegen(&nr, nieuw("Fictieve Een", "111222333")).unwrap();
    let q = t[0].store.betrokkene_toevoegen(&nr, nieuw("Fictieve Twee", "")).unwrap();
    t[0].store
        .detentie_toevoegen(&q, NieuweDetentie { inrichting: "PI Voorbeeld".into(), ..Default::default() })
        .unwrap();
    crate::sync::uitwisselen(&mut t, 0, 1);
    let fout = BetrokkeneWijziging { bsn: Some(Some("123456789".into())), ..Default::default() };
    let r = t[0].store.betrokkene_wijzig(&nr, &p, &fout, "verzoek betrokkene");
    assert!(matches!(r, Err(StoreFout::Domein(DomeinFout::OngeldigBsn(_)))), "{r:?}");
    let goed = BetrokkeneWijziging { bsn: Some(Some("123456782".into())), ..Default::default() };
    let r = t[0].store.betrokkene_wijzig(&nr, &p, &goed, " ");
    assert!(matches!(r, Err(StoreFout::Domein(DomeinFout::Verplicht("reden")))), "{r:?}");
    assert_eq!(t[0].store.betrokkene_wijzig(&nr, &p, &goed, "verzoek tot rectificatie").unwrap(), 1);
    t[0].store.betrokkene_verwijder(&nr, &q, "dubbel ingevoerd").unwrap();
    crate::sync::uitwisselen(&mut t, 0, 1);
    let d = t[1].store.casus_detail(&nr).unwrap();
    assert_eq!(d.betrokkenen.len(), 1);
    assert_eq!(d.betrokkenen[0].bsn.as_deref(), Some("123456782"), "the rectified BSN reached B");
    assert!(d.betrokkenen.iter().all(|b| b.naam != "Fictieve Twee"));
    let teksten: Vec<&str> = d.journaal.iter().map(|j| j.tekst.as_str()).collect();
    let correctie = teksten.iter().find(|t| t.starts_with("Gegevens van een betrokkene gecorrigeerd")).unwrap();
    assert!(correctie.contains("bsn") && correctie.ends_with("verzoek tot rectificatie"), "{correctie}");
    assert!(teksten.iter().all(|t| !t.contains("111222333") && !t.contains("123456782")), "no values in the journaal");
    assert!(teksten.contains(&"Betrokkene verwijderd uit de casus: dubbel ingevoerd"));
    assert_eq!(t[0].store.synchrone_staat().unwrap(), t[1].store.synchrone_staat().unwrap());
}

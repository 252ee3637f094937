//! Sync by signed, encrypted bundles: identity and roster, export/import, merge and
//! conflicts, tampering, convergence of several replicas, and interop with `age`.

use crate::ui::stuur_en_wacht;
use schakel::domain::JournaalSoort;
use schakel::domain::MedewerkerRol;
use schakel::store::{CasusWijziging, Gebruiker, Gegevensmap, NieuwJournaal, NieuweCasus, Store, Toewijzing};
use schakel::sync::{self, ExportOpties, SyncFout};

pub struct Replica {
    _dir: tempfile::TempDir,
    pub store: Store,
}

impl Replica {
    pub fn id(&self) -> String {
        self.store.apparaat().to_string()
    }
}

pub fn replica(naam: &str, rol: &str) -> Replica {
    let dir = tempfile::tempdir().unwrap();
    let map = Gegevensmap::new(dir.path().join("data"));
    let g = Gebruiker { naam: naam.into(), rol: rol.into(), zvh: "ZVH Testregio".into() };
    let store = Store::maak(&map, &super::hulp::sleutel(), &g).unwrap();
    Replica { _dir: dir, store }
}

/// `n` procesregisseurs that all know and trust each other.
pub fn team(n: usize) -> Vec<Replica> {
    let leden: Vec<(String, &str)> = (0..n).map(|i| (format!("Collega {i}"), "procesregisseur")).collect();
    team_met(&leden)
}

/// Replicas with these names and roles that all know and trust each other.
pub fn team_met(leden: &[(String, &str)]) -> Vec<Replica> {
    let mut r: Vec<Replica> = leden.iter().map(|(naam, rol)| replica(naam, rol)).collect();
    let kaartjes: Vec<Vec<u8>> = r.iter_mut().map(|x| sync::visitekaartje(&mut x.store, "").unwrap()).collect();
    for (i, x) in r.iter_mut().enumerate() {
        for (j, k) in kaartjes.iter().enumerate() {
            if i != j {
                let c = sync::lees_visitekaartje(k).unwrap();
                x.store.collega_toevoegen(&c).unwrap();
                x.store.collega_bevestigen(&c.apparaat).unwrap();
            }
        }
    }
    r
}

pub fn bundel(van: &mut Replica, naar: &str) -> Vec<u8> {
    sync::exporteer(&mut van.store, &ExportOpties { voor: vec![naar.to_string()], ..Default::default() }).unwrap().bytes
}

pub fn uitwisselen(team: &mut [Replica], van: usize, naar: usize) {
    let id = team[naar].id();
    let b = bundel(&mut team[van], &id);
    sync::importeer(&mut team[naar].store, &b).unwrap();
    // Every value that lives in its row (schema 21) may: on both sides, after every
    // exchange of every test that syncs (removals, koppelingen, bezoeken, meldingen ...).
    for r in [van, naar] {
        assert_eq!(team[r].store.waarden_in_rij_fouten().unwrap(), Vec::<String>::new(), "replica {r}");
    }
}

/// A trajectbegeleider medewerker `naam` on `s`, linked to device `apparaat`; its id.
pub fn trajectbegeleider(s: &mut Store, naam: &str, apparaat: &str) -> String {
    s.medewerker_toevoegen(naam, MedewerkerRol::Trajectbegeleider, Some(apparaat)).unwrap()
}

/// Make medewerker `medewerker` (id; `None` clears) the trajectbegeleider of casus `nummer`.
pub fn wijs_trajectbegeleider_toe(s: &mut Store, nummer: &str, medewerker: Option<&str>) {
    let w = Toewijzing { trajectbegeleider: Some(medewerker.map(str::to_string)), ..Default::default() };
    s.casus_toewijzen(nummer, &w).unwrap();
}

fn werknaam(s: &Store, nummer: &str) -> String {
    s.casus_regel(nummer).unwrap().werknaam
}

fn nieuwe_casus(s: &mut Store, werknaam: &str) -> String {
    s.nieuwe_casus(NieuweCasus { werknaam: werknaam.into(), thema: "nazorg".into(), ..Default::default() })
        .unwrap()
        .to_string()
}

#[test]
fn casus_gaat_heen_en_terug_en_dubbel_inlezen_verandert_niets() {
    let mut t = team(2);
    let nr = nieuwe_casus(&mut t[0].store, "Vos");
    t[0].store
        .journaal_toevoegen(
            &nr,
            NieuwJournaal {
                soort: JournaalSoort::Notitie,
                tekst: "Eerste gesprek".into(),
                datum: None,
                inrichting: None,
            },
        )
        .unwrap();
    let b_id = t[1].id();
    let b = bundel(&mut t[0], &b_id);
    let uit = sync::importeer(&mut t[1].store, &b).unwrap();
    assert!(uit.toegepast.nieuw > 10, "{:?}", uit.toegepast);
    assert_eq!(werknaam(&t[1].store, &nr), "Vos");
    assert_eq!(t[1].store.zoek("Eerste gesprek", 10).unwrap().len(), 1, "FTS index follows received rows");

    // Replaying the same file is refused and changes nothing.
    let voor = t[1].store.volledige_dump().unwrap();
    assert!(matches!(sync::importeer(&mut t[1].store, &b), Err(SyncFout::AlIngelezen)));
    assert_eq!(voor, t[1].store.volledige_dump().unwrap());

    // Back: B edits, A receives; and A's next bundle to B holds only what B lacks.
    t[1].store
        .casus_wijzig(&nr, &CasusWijziging { werknaam: Some("Vos-Jansen".into()), ..Default::default() })
        .unwrap();
    uitwisselen(&mut t, 1, 0);
    assert_eq!(werknaam(&t[0].store, &nr), "Vos-Jansen");
    let terug =
        sync::exporteer(&mut t[0].store, &ExportOpties { voor: vec![b_id.clone()], ..Default::default() }).unwrap();
    assert_eq!(terug.operaties, 0, "B confirmed everything A has");
    assert_eq!(t[0].store.synchrone_staat().unwrap(), t[1].store.synchrone_staat().unwrap());

    // The received change is in A's audit log, attributed to B's device.
    let id = t[0].store.casus_id(&nr).unwrap();
    let historie = t[0].store.audit_casus(&id, 1000).unwrap();
    assert!(historie.iter().any(|r| r.handeling == "ontvangen" && r.apparaat == b_id), "{historie:?}");
}

#[test]
fn gelijktijdige_wijziging_wordt_conflict_en_keuze_sluit_het_overal() {
    let mut t = team(2);
    let nr = nieuwe_casus(&mut t[0].store, "Begin");
    uitwisselen(&mut t, 0, 1);
    t[0].store.casus_wijzig(&nr, &CasusWijziging { werknaam: Some("Kant A".into()), ..Default::default() }).unwrap();
    // Within one millisecond the device id decides; wait so B is certainly the later writer.
    std::thread::sleep(std::time::Duration::from_millis(5));
    t[1].store.casus_wijzig(&nr, &CasusWijziging { werknaam: Some("Kant B".into()), ..Default::default() }).unwrap();
    uitwisselen(&mut t, 0, 1);
    uitwisselen(&mut t, 1, 0);
    // Same value on both sides (last writer wins), the other value kept as conflict.
    let a = werknaam(&t[0].store, &nr);
    assert_eq!(a, werknaam(&t[1].store, &nr));
    assert_eq!(a, "Kant B", "B wrote last");
    for r in &t {
        let c = r.store.conflicten(None).unwrap();
        assert_eq!(c.len(), 1, "conflict recorded on every replica");
        assert_eq!(c[0].veld, "werknaam");
        let waarden: Vec<&str> = c[0].waarden.iter().filter_map(|w| w.waarde.as_str()).collect();
        assert_eq!(waarden, ["Kant B", "Kant A"]);
    }
    // A normal edit on A keeps the conflict open (the user did not choose).
    // Choosing the losing value on A is a synced change that closes it on B too.
    let c = t[0].store.conflicten(None).unwrap().remove(0);
    let verliezer = c.waarden[1].op.clone();
    assert_eq!(sync::auteur(&t[0].store, &verliezer), "Collega 0");
    assert_eq!(sync::auteur(&t[1].store, &verliezer), "Collega 0");
    t[0].store.conflict_kiezen(&c, &verliezer).unwrap();
    assert_eq!(werknaam(&t[0].store, &nr), "Kant A");
    assert!(t[0].store.conflicten(None).unwrap().is_empty());
    uitwisselen(&mut t, 0, 1);
    assert_eq!(werknaam(&t[1].store, &nr), "Kant A");
    assert!(t[1].store.conflicten(None).unwrap().is_empty());
    assert_eq!(t[0].store.synchrone_staat().unwrap(), t[1].store.synchrone_staat().unwrap());
    for r in &t {
        assert_eq!(r.store.waarden_in_rij_fouten().unwrap(), Vec::<String>::new());
    }
}

/// A new row's operations are kept as one run (`aanmaak_nr`, schema 23) by its writer and,
/// once received, by the colleague; the bundle still carries them one by one. An edit
/// of one field on either side takes only that field out of the run, and both sides end
/// with the same state.
#[test]
fn nieuwe_casus_is_een_reeks_bij_schrijver_en_collega() {
    let rijen = |s: &Store, tabel: &str| -> u64 {
        s.ruimte_per_tabel().unwrap().into_iter().find(|r| r.naam == tabel).map_or(0, |r| r.rijen)
    };
    let mut t = team(2);
    // What the team's setup wrote is exchanged first, so only the casus counts below.
    uitwisselen(&mut t, 0, 1);
    uitwisselen(&mut t, 1, 0);
    let los_voor = [rijen(&t[0].store, "wijziging_nr"), rijen(&t[1].store, "wijziging_nr")];
    let runs_voor = [rijen(&t[0].store, "aanmaak_nr"), rijen(&t[1].store, "aanmaak_nr")];
    let nr = nieuwe_casus(&mut t[0].store, "Reeks");
    // The casus and the rows written with it (its fase history): one run each, and a few
    // operations of their own (the casusnummer and its sequence number, one-field rows).
    let runs = rijen(&t[0].store, "aanmaak_nr") - runs_voor[0];
    let los = rijen(&t[0].store, "wijziging_nr") - los_voor[0];
    assert!(runs >= 1, "{runs}");
    let id = t[0].store.casus_id(&nr).unwrap();
    let ops = t[0].store.operaties_na(&Default::default(), None).unwrap();
    let van_de_casus = ops.iter().filter(|w| w.rij == id).count() as u64;
    assert!(van_de_casus > 3 + los, "sent one by one: {van_de_casus} operations, {los} stored on their own");
    uitwisselen(&mut t, 0, 1);
    assert_eq!(rijen(&t[1].store, "aanmaak_nr") - runs_voor[1], runs, "received as the same runs");
    assert_eq!(rijen(&t[1].store, "wijziging_nr") - los_voor[1], los);
    t[1].store.casus_wijzig(&nr, &CasusWijziging { werknaam: Some("Reeks B".into()), ..Default::default() }).unwrap();
    uitwisselen(&mut t, 1, 0);
    uitwisselen(&mut t, 0, 1);
    assert_eq!(werknaam(&t[0].store, &nr), "Reeks B");
    assert_eq!(t[0].store.synchrone_staat().unwrap(), t[1].store.synchrone_staat().unwrap());
    for (i, r) in t.iter().enumerate() {
        assert_eq!(rijen(&r.store, "aanmaak_nr"), runs_voor[i] + runs, "the run keeps the other fields");
        assert_eq!(r.store.waarden_in_rij_fouten().unwrap(), Vec::<String>::new());
        assert!(r.store.conflicten(None).unwrap().is_empty());
    }
}

/// A new row logs no operation for a field it leaves at its column's default (issue 23:
/// about a fifth of the change log). The colleague still builds the very same row; the
/// first change of such a field is an ordinary edit, and two concurrent first changes are
/// a conflict that closes everywhere, as for any other field.
#[test]
fn velden_op_hun_standaardwaarde_komen_zonder_operatie_hetzelfde_aan() {
    let mut t = team(2);
    let nr = nieuwe_casus(&mut t[0].store, "Standaard");
    let id = t[0].store.casus_id(&nr).unwrap();
    let velden_in_log = |s: &Store| -> Vec<String> {
        s.wijzigingslog()
            .unwrap()
            .lines()
            .filter(|r| r.contains(&id) && r.contains("Text(\"casus\")"))
            .map(str::to_string)
            .collect()
    };
    let log = velden_in_log(&t[0].store);
    assert!(log.iter().any(|r| r.contains("Text(\"werknaam\")")), "{log:#?}");
    assert!(!log.iter().any(|r| r.contains("Text(\"probleem\")")), "an empty probleem is the default: {log:#?}");
    uitwisselen(&mut t, 0, 1);
    assert_eq!(t[0].store.casus_staat(&id).unwrap(), t[1].store.casus_staat(&id).unwrap());
    assert_eq!(t[1].store.casus_detail_verversen(&nr).unwrap().probleem, "");

    // Both write the first probleem concurrently: a conflict on both sides, as for a
    // field that had an operation.
    t[0].store.casus_wijzig(&nr, &CasusWijziging { probleem: Some("Schulden".into()), ..Default::default() }).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    t[1].store
        .casus_wijzig(&nr, &CasusWijziging { probleem: Some("Huisvesting".into()), ..Default::default() })
        .unwrap();
    uitwisselen(&mut t, 0, 1);
    uitwisselen(&mut t, 1, 0);
    for r in &t {
        let c = r.store.conflicten(None).unwrap();
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].veld, "probleem");
        assert_eq!(r.store.casus_detail_verversen(&nr).unwrap().probleem, "Huisvesting", "B wrote last");
    }
    // Back to the default is an edit like any other and reaches B.
    let c = t[0].store.conflicten(None).unwrap().remove(0);
    let winnaar = c.waarden[0].op.clone();
    t[0].store.conflict_kiezen(&c, &winnaar).unwrap();
    t[0].store.casus_wijzig(&nr, &CasusWijziging { probleem: Some(String::new()), ..Default::default() }).unwrap();
    uitwisselen(&mut t, 0, 1);
    assert_eq!(t[1].store.casus_detail_verversen(&nr).unwrap().probleem, "");
    assert!(t[1].store.conflicten(None).unwrap().is_empty());
    assert_eq!(t[0].store.synchrone_staat().unwrap(), t[1].store.synchrone_staat().unwrap());
}

#[test]
fn gelijk_casusnummer_op_twee_laptops_krijgt_overal_dezelfde_nummering() {
    let mut t = team(2);
    let a = nieuwe_casus(&mut t[0].store, "Eerst gemaakt");
    std::thread::sleep(std::time::Duration::from_millis(5));
    let b = nieuwe_casus(&mut t[1].store, "Later gemaakt");
    assert_eq!(a, b, "both laptops issued the same number offline");
    uitwisselen(&mut t, 0, 1);
    uitwisselen(&mut t, 1, 0);
    for r in &t {
        assert_eq!(werknaam(&r.store, &a), "Eerst gemaakt", "the older case keeps the number");
    }
    let lijst0: Vec<(String, String)> =
        t[0].store.casus_lijst(&Default::default()).unwrap().into_iter().map(|c| (c.casusnummer, c.werknaam)).collect();
    let lijst1: Vec<(String, String)> =
        t[1].store.casus_lijst(&Default::default()).unwrap().into_iter().map(|c| (c.casusnummer, c.werknaam)).collect();
    assert_eq!(lijst0.len(), 2);
    assert_eq!(lijst0, lijst1);
    let later = lijst0.iter().find(|(_, w)| w == "Later gemaakt").unwrap();
    assert!(later.0.starts_with(&format!("{a}-")), "{later:?}");
    // A new case after sync does not collide again.
    let c = nieuwe_casus(&mut t[0].store, "Na de sync");
    assert!(lijst0.iter().all(|(n, _)| *n != c));
}

#[test]
fn verwijderde_rij_blijft_verwijderd_ook_na_gelijktijdige_bewerking() {
    let mut t = team(2);
    let nr = nieuwe_casus(&mut t[0].store, "Doelen");
    let lg = t[0].store.leefgebieden().unwrap()[0].id.clone();
    let doel = t[0].store.doel_toevoegen(&nr, &lg, "Woning vinden").unwrap();
    uitwisselen(&mut t, 0, 1);
    t[0].store.doel_verwijder(&doel).unwrap();
    t[1].store.doel_wijzig(&doel, Some(&lg), Some("Woning vinden voor 1 mei")).unwrap();
    t[1].store
        .actie_toevoegen(
            &nr,
            schakel::store::NieuweActie {
                omschrijving: "Aanvraag urgentie".into(),
                doel_id: Some(doel.clone()),
                ..Default::default()
            },
        )
        .unwrap();
    uitwisselen(&mut t, 0, 1);
    uitwisselen(&mut t, 1, 0);
    for r in &t {
        let plan = r.store.plan(&nr).unwrap();
        assert!(plan.doelen.is_empty(), "tombstone wins");
        assert_eq!(plan.acties.len(), 1, "the concurrent action survives without its goal");
        assert_eq!(plan.acties[0].doel_id, None);
        // The row lost its reference, the action's operation keeps the value it was
        // written with (schema 21: it went back from the row into the log first).
        let log = r.store.wijzigingslog().unwrap();
        let doel_id_regels: Vec<&str> = log.lines().filter(|l| l.contains("Text(\"doel_id\")")).collect();
        assert!(!doel_id_regels.is_empty() && doel_id_regels.iter().all(|l| l.contains(&doel)), "{doel_id_regels:#?}");
        assert_eq!(r.store.waarden_in_rij_fouten().unwrap(), Vec::<String>::new());
    }
    assert_eq!(t[0].store.synchrone_staat().unwrap(), t[1].store.synchrone_staat().unwrap());
}

#[test]
fn vingerafdruk_is_gelijk_aan_beide_kanten_en_kaartje_is_ondertekend() {
    let mut r = replica("Anna Tester", "trajectbegeleider");
    let kaart = sync::visitekaartje(&mut r.store, "").unwrap();
    let eigen = sync::apparaat(&mut r.store).unwrap().vingerafdruk();
    let c = sync::lees_visitekaartje(&kaart).unwrap();
    assert_eq!(c.naam, "Anna Tester");
    assert_eq!(sync::vingerafdruk(&c.apparaat, &c.ondertekening, &c.age), eigen);
    assert_eq!(eigen.split(' ').count(), 6);
    assert!(eigen.chars().all(|ch| ch.is_ascii_digit() || ch == ' '));
    // Changing the name on the card breaks its signature.
    let vervalst = String::from_utf8(kaart).unwrap().replace("Anna Tester", "Anna Vervalst");
    assert!(matches!(sync::lees_visitekaartje(vervalst.as_bytes()), Err(SyncFout::OngeldigKaartje(_))));
    // The identity is made once and kept.
    let nog_eens = sync::apparaat(&mut r.store).unwrap().vingerafdruk();
    assert_eq!(nog_eens, eigen);
}

/// Every way a bundle can be wrong is refused and leaves the database exactly as it was.
#[test]
fn geknoeide_bundels_worden_geweigerd_zonder_iets_te_veranderen() {
    let mut t = team(3);
    nieuwe_casus(&mut t[0].store, "Geheim");
    let b_id = t[1].id();
    let goed = bundel(&mut t[0], &b_id);
    let voor = t[1].store.volledige_dump().unwrap();
    let buiten = sync::lees_buitenkant(&goed).unwrap();
    let cijfer_begin = goed.len() - 64 - buiten.cijfertekst.len();

    let mut gevallen: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut flip = |naam: &'static str, pos: usize| {
        let mut b = goed.clone();
        b[pos] ^= 0x01;
        gevallen.push((naam, b));
    };
    flip("magic", 0);
    flip("versie", 9);
    flip("afzender", 13);
    flip("lengte", 12 + 36 + 7);
    flip("age-kop", cijfer_begin + 5);
    flip("cijfertekst", cijfer_begin + buiten.cijfertekst.len() - 20);
    flip("handtekening", goed.len() - 10);
    gevallen.push(("afgekapt", goed[..goed.len() - 100].to_vec()));
    gevallen.push(("leeg", Vec::new()));
    gevallen.push(("aangevuld", [goed.clone(), vec![0]].concat()));
    for (naam, b) in &gevallen {
        let fout = sync::importeer(&mut t[1].store, b);
        let zin = schakel::melding::sync(&fout.expect_err(naam));
        assert!(zin.ends_with("Er is niets ingelezen."), "{naam}: {zin}");
        assert_eq!(voor, t[1].store.volledige_dump().unwrap(), "{naam} changed the database");
    }

    // Not addressed to C.
    let voor_c = t[2].store.volledige_dump().unwrap();
    assert!(matches!(sync::importeer(&mut t[2].store, &goed), Err(SyncFout::NietVoorMij)));
    assert_eq!(voor_c, t[2].store.volledige_dump().unwrap());

    // From a removed colleague.
    let a_id = t[0].id();
    t[1].store.collega_verwijderen(&a_id).unwrap();
    let voor = t[1].store.volledige_dump().unwrap();
    assert!(matches!(sync::importeer(&mut t[1].store, &goed), Err(SyncFout::VerwijderdeAfzender(_))));
    assert_eq!(voor, t[1].store.volledige_dump().unwrap());
    // And no bundles to them either.
    assert!(matches!(
        sync::exporteer(&mut t[1].store, &ExportOpties { voor: vec![a_id.clone()], ..Default::default() }),
        Err(SyncFout::OnbekendeOntvanger(_))
    ));

    // From a device nobody knows.
    let mut onbekend = replica("Onbekend", "procesregisseur");
    let kaart = sync::visitekaartje(&mut onbekend.store, "").unwrap();
    let c = sync::lees_visitekaartje(&kaart).unwrap();
    onbekend
        .store
        .collega_toevoegen(&sync::lees_visitekaartje(&sync::visitekaartje(&mut t[2].store, "").unwrap()).unwrap())
        .unwrap();
    onbekend.store.collega_bevestigen(&t[2].id()).unwrap();
    nieuwe_casus(&mut onbekend.store, "Indringer");
    let c_id = t[2].id();
    let van_onbekend = bundel(&mut onbekend, &c_id);
    assert!(matches!(sync::importeer(&mut t[2].store, &van_onbekend), Err(SyncFout::OnbekendeAfzender(_))));
    assert_eq!(voor_c, t[2].store.volledige_dump().unwrap());
    // Known but fingerprint not confirmed yet.
    t[2].store.collega_toevoegen(&c).unwrap();
    let voor_c = t[2].store.volledige_dump().unwrap();
    assert!(matches!(sync::importeer(&mut t[2].store, &van_onbekend), Err(SyncFout::NietBevestigd(_))));
    assert_eq!(voor_c, t[2].store.volledige_dump().unwrap());
}

/// A sender who signs with their key but puts another device's operations out of range,
/// or a device pretending to be another: the outer signature binds the sender.
#[test]
fn afzender_kan_niet_worden_nagebootst() {
    let mut t = team(3);
    nieuwe_casus(&mut t[0].store, "Echt");
    let b_id = t[1].id();
    let goed = bundel(&mut t[0], &b_id);
    // Replace the sender id in the header by C's id (same length): signature must fail.
    let a_id = t[0].id();
    let c_id = t[2].id();
    let vervalst: Vec<u8> = {
        let mut v = goed.clone();
        let pos = goed.windows(a_id.len()).position(|w| w == a_id.as_bytes()).unwrap();
        v[pos..pos + c_id.len()].copy_from_slice(c_id.as_bytes());
        v
    };
    let voor = t[1].store.volledige_dump().unwrap();
    assert!(matches!(sync::importeer(&mut t[1].store, &vervalst), Err(SyncFout::Handtekening(_))));
    assert_eq!(voor, t[1].store.volledige_dump().unwrap());
    assert!(sync::importeer(&mut t[1].store, &goed).is_ok());
}

#[test]
fn trajectbegeleider_krijgt_alleen_eigen_casussen() {
    let mut pr = replica("Regisseur", "procesregisseur");
    let mut tb = replica("Tom Traject", "trajectbegeleider");
    let k_pr = sync::lees_visitekaartje(&sync::visitekaartje(&mut pr.store, "").unwrap()).unwrap();
    let k_tb = sync::lees_visitekaartje(&sync::visitekaartje(&mut tb.store, "").unwrap()).unwrap();
    pr.store.collega_toevoegen(&k_tb).unwrap();
    pr.store.collega_bevestigen(&k_tb.apparaat).unwrap();
    tb.store.collega_toevoegen(&k_pr).unwrap();
    tb.store.collega_bevestigen(&k_pr.apparaat).unwrap();
    let tom = trajectbegeleider(&mut pr.store, "Tom Traject", &k_tb.apparaat);
    let eigen = nieuwe_casus(&mut pr.store, "Van Tom");
    wijs_trajectbegeleider_toe(&mut pr.store, &eigen, Some(&tom));
    let ander = nieuwe_casus(&mut pr.store, "Niet van Tom");
    let b = bundel(&mut pr, &k_tb.apparaat);
    sync::importeer(&mut tb.store, &b).unwrap();
    assert_eq!(werknaam(&tb.store, &eigen), "Van Tom");
    assert!(
        matches!(tb.store.casus_regel(&ander), Err(schakel::store::StoreFout::CasusOnbekend(_))),
        "a case Tom does not work on never reaches his laptop"
    );
}

#[test]
fn geen_bundel_naar_collega_van_organisatie_zonder_convenant() {
    let mut a = replica("Regisseur", "procesregisseur");
    let mut b = replica("Sam Sport", "trajectbegeleider");
    a.store
        .partner_toevoegen(schakel::store::NieuwePartner {
            naam: "Sportclub Zonder Convenant".into(),
            soort: schakel::domain::partner::PartnerSoort::Overig,
            convenantstatus: schakel::domain::partner::Convenantstatus::Geen,
        })
        .unwrap();
    let k =
        sync::lees_visitekaartje(&sync::visitekaartje(&mut b.store, "Sportclub Zonder Convenant").unwrap()).unwrap();
    a.store.collega_toevoegen(&k).unwrap();
    a.store.collega_bevestigen(&k.apparaat).unwrap();
    let r = sync::exporteer(&mut a.store, &ExportOpties::default());
    assert!(matches!(r, Err(SyncFout::GeenConvenant(_))), "{r:?}");
}

#[test]
fn status_toont_ontvangen_reeksen_en_gaten() {
    let mut t = team(2);
    let b_id = t[1].id();
    nieuwe_casus(&mut t[0].store, "Een");
    let eerste = bundel(&mut t[0], &b_id);
    nieuwe_casus(&mut t[0].store, "Twee");
    // Second bundle holds everything unconfirmed (1..n), so it closes any gap itself.
    let tweede = bundel(&mut t[0], &b_id);
    sync::importeer(&mut t[1].store, &tweede).unwrap();
    let st = sync::status(&t[1].store).unwrap();
    assert_eq!(st.len(), 1);
    assert_eq!(st[0].naam.as_deref(), Some("Collega 0"));
    assert_eq!(st[0].doorlopend_tot, t[0].store.eigen_volgnummer().unwrap());
    assert!(st[0].gaten.is_empty());
    // The older bundle arriving late adds nothing and breaks nothing.
    let voor = t[1].store.synchrone_staat().unwrap();
    let r = sync::importeer(&mut t[1].store, &eerste).unwrap();
    assert_eq!(r.toegepast.nieuw, 0);
    assert_eq!(voor, t[1].store.synchrone_staat().unwrap());
}

/// Interop: the payload is a standard age file that the `age` CLI decrypts with the
/// recipient's identity, and cannot decrypt with another one. CI installs Debian's `age`.
#[test]
fn age_cli_ontsleutelt_de_inhoud_alleen_met_de_juiste_identiteit() {
    let mut t = team(3);
    nieuwe_casus(&mut t[0].store, "Interop");
    let b_id = t[1].id();
    let b = bundel(&mut t[0], &b_id);
    let buiten = sync::lees_buitenkant(&b).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cijfer = dir.path().join("inhoud.age");
    std::fs::write(&cijfer, buiten.cijfertekst).unwrap();
    let schrijf_id = |naam: &str, r: &mut Replica| {
        let pad = dir.path().join(naam);
        let id = sync::apparaat(&mut r.store).unwrap().age_identiteit();
        std::fs::write(&pad, format!("{}\n", id.as_str())).unwrap();
        pad
    };
    let juist = schrijf_id("b.txt", &mut t[1]);
    let fout = schrijf_id("c.txt", &mut t[2]);
    let age = std::process::Command::new("age").arg("-d").arg("-i").arg(&juist).arg(&cijfer).output();
    let age = age.expect("the `age` CLI is needed for this test (apt-get install age)");
    assert!(age.status.success(), "{}", String::from_utf8_lossy(&age.stderr));
    let platte = age.stdout;
    assert!(platte.len() > 64);
    let inhoud: serde_json::Value = serde_json::from_slice(&platte[64..]).unwrap();
    assert_eq!(inhoud["manifest"]["afzender"], serde_json::Value::String(t[0].id()));
    assert!(inhoud["operaties"].as_array().unwrap().iter().any(|o| o["waarde"] == "Interop"));
    let zonder = std::process::Command::new("age").arg("-d").arg("-i").arg(&fout).arg(&cijfer).output().unwrap();
    assert!(!zonder.status.success(), "C's identity must not open a bundle for B");
}

mod convergentie {
    use super::*;
    use proptest::prelude::*;

    /// Lines only in `a` (-) or only in `b` (+), with their section.
    fn verschil(a: &str, b: &str) -> String {
        let regels = |s: &str| {
            let mut sectie = "";
            s.lines()
                .filter_map(|r| {
                    if r.starts_with("## ") {
                        sectie = r;
                        None
                    } else {
                        Some(format!("{sectie} {r}"))
                    }
                })
                .collect::<std::collections::BTreeSet<_>>()
        };
        let (ra, rb) = (regels(a), regels(b));
        let mut uit: Vec<String> = ra.difference(&rb).map(|r| format!("- {r}")).collect();
        uit.extend(rb.difference(&ra).map(|r| format!("+ {r}")));
        uit.join("\n")
    }

    #[derive(Debug, Clone)]
    enum Stap {
        Werknaam { r: usize, casus: usize, waarde: u8 },
        Probleem { r: usize, casus: usize, waarde: u8 },
        Journaal { r: usize, casus: usize },
        DoelErbij { r: usize, casus: usize },
        DoelWeg { r: usize, casus: usize },
        DoelWijzig { r: usize, casus: usize, waarde: u8 },
        NieuweCasus { r: usize },
        Exporteer { van: usize, naar: usize },
        Bezorg { bundel: usize },
        Compacteer { r: usize },
    }

    fn stap() -> impl Strategy<Value = Stap> {
        let r = 0..5usize;
        prop_oneof![
            3 => (r.clone(), 0..2usize, 0..3u8).prop_map(|(r, casus, waarde)| Stap::Werknaam { r, casus, waarde }),
            1 => (r.clone(), 0..2usize, 0..3u8).prop_map(|(r, casus, waarde)| Stap::Probleem { r, casus, waarde }),
            1 => (r.clone(), 0..2usize).prop_map(|(r, casus)| Stap::Journaal { r, casus }),
            1 => (r.clone(), 0..2usize).prop_map(|(r, casus)| Stap::DoelErbij { r, casus }),
            1 => (r.clone(), 0..2usize).prop_map(|(r, casus)| Stap::DoelWeg { r, casus }),
            2 => (r.clone(), 0..2usize, 0..3u8).prop_map(|(r, casus, waarde)| Stap::DoelWijzig { r, casus, waarde }),
            1 => r.clone().prop_map(|r| Stap::NieuweCasus { r }),
            3 => (r.clone(), r.clone()).prop_map(|(van, naar)| Stap::Exporteer { van, naar }),
            4 => (0..64usize).prop_map(|bundel| Stap::Bezorg { bundel }),
            1 => r.prop_map(|r| Stap::Compacteer { r }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: std::env::var("SCHAKEL_SYNC_GEVALLEN").ok().and_then(|v| v.parse().ok()).unwrap_or(32),
            ..ProptestConfig::default()
        })]

        /// Replicas edit at random (same fields, deletes, new cases with colliding numbers),
        /// compact their change logs at random moments (and after every import and export)
        /// and exchange bundles that are shuffled, duplicated and partly lost; after every
        /// replica has sent to every other once more, all hold the same state and the
        /// same conflicts.
        #[test]
        fn replicas_komen_overeen(n in 3..=5usize, stappen in prop::collection::vec(stap(), 1..40)) {
            let mut t = team(n);
            let nummers = [nieuwe_casus(&mut t[0].store, "Gedeeld 1"), nieuwe_casus(&mut t[0].store, "Gedeeld 2")];
            for j in 1..n {
                uitwisselen(&mut t, 0, j);
            }
            let lg = t[0].store.leefgebieden().unwrap()[0].id.clone();
            let mut post: Vec<(usize, Vec<u8>)> = Vec::new();
            for (i, s) in stappen.into_iter().enumerate() {
                match s {
                    Stap::Werknaam { r, casus, waarde } => {
                        let w = CasusWijziging { werknaam: Some(format!("naam-{waarde}")), ..Default::default() };
                        t[r % n].store.casus_wijzig(&nummers[casus], &w).unwrap();
                    }
                    Stap::Probleem { r, casus, waarde } => {
                        let w = CasusWijziging { probleem: Some(format!("probleem-{waarde}")), ..Default::default() };
                        t[r % n].store.casus_wijzig(&nummers[casus], &w).unwrap();
                    }
                    Stap::Journaal { r, casus } => {
                        let j = NieuwJournaal { soort: JournaalSoort::Notitie, tekst: format!("notitie {i}"), datum: None, inrichting: None };
                        t[r % n].store.journaal_toevoegen(&nummers[casus], j).unwrap();
                    }
                    Stap::DoelErbij { r, casus } => {
                        t[r % n].store.doel_toevoegen(&nummers[casus], &lg, &format!("doel {i}")).unwrap();
                    }
                    Stap::DoelWeg { r, casus } => {
                        let plan = t[r % n].store.plan(&nummers[casus]).unwrap();
                        if let Some(d) = plan.doelen.first() {
                            t[r % n].store.doel_verwijder(&d.id).unwrap();
                        }
                    }
                    Stap::DoelWijzig { r, casus, waarde } => {
                        let plan = t[r % n].store.plan(&nummers[casus]).unwrap();
                        if let Some(d) = plan.doelen.last() {
                            t[r % n].store.doel_wijzig(&d.id, None, Some(&format!("doel versie {waarde}"))).unwrap();
                        }
                    }
                    Stap::NieuweCasus { r } => {
                        nieuwe_casus(&mut t[r % n].store, &format!("nieuw {i}"));
                    }
                    Stap::Exporteer { van, naar } => {
                        let (van, naar) = (van % n, naar % n);
                        if van != naar {
                            let id = t[naar].id();
                            post.push((naar, bundel(&mut t[van], &id)));
                        }
                    }
                    Stap::Bezorg { bundel } => {
                        if !post.is_empty() {
                            let (naar, b) = post[bundel % post.len()].clone();
                            match sync::importeer(&mut t[naar].store, &b) {
                                Ok(_) | Err(SyncFout::AlIngelezen) => {}
                                Err(e) => panic!("import failed: {e:?}"),
                            }
                        }
                    }
                    // Besides the compaction after every import and export.
                    Stap::Compacteer { r } => {
                        t[r % n].store.compacteren().unwrap();
                    }
                }
                for (j, r) in t.iter().enumerate() {
                    let fouten = r.store.waarden_in_rij_fouten().unwrap();
                    prop_assert!(fouten.is_empty(), "replica {} after step {}: {:#?}", j, i, fouten);
                }
            }
            // Undelivered bundles are lost; the acknowledgements make the next ones resend.
            for _ in 0..2 {
                for van in 0..n {
                    for naar in 0..n {
                        if van != naar {
                            uitwisselen(&mut t, van, naar);
                        }
                    }
                }
            }
            let eerste = t[0].store.synchrone_staat().unwrap();
            for (i, r) in t.iter().enumerate().skip(1) {
                let ander = r.store.synchrone_staat().unwrap();
                prop_assert!(eerste == ander, "replica 0 and {i} differ:\n{}", verschil(&eerste, &ander));
            }
            let conflicten = t[0].store.conflicten(None).unwrap();
            for r in &t[1..] {
                prop_assert_eq!(&conflicten, &r.store.conflicten(None).unwrap());
            }
            for r in &t {
                prop_assert!(r.store.integriteit().unwrap().is_empty() || r.store.integriteit().unwrap() == ["ok"]);
            }
            // Everyone confirmed everything to everyone: every superseded value is gone.
            for (i, r) in t.iter().enumerate() {
                prop_assert_eq!(r.store.wacht_op_compactie().unwrap(), 0, "replica {} still waits", i);
            }
        }
    }
}

/// Need-to-know scopes: procesregisseurs and trajectbegeleiders edit, reassign cases,
/// compact their change logs at random moments and exchange bundles (some limited to a
/// casus) that are shuffled, duplicated and lost.
/// Property: the procesregisseurs end equal; each trajectbegeleider holds exactly what
/// the procesregisseurs hold of every casus assigned to them, and never a casus that was
/// never assigned to them. Nothing anyone is entitled to is lost.
mod bereik {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    const PR: usize = 2;
    const TB: usize = 2;

    #[derive(Debug, Clone)]
    enum Stap {
        Werknaam { r: usize, casus: usize, waarde: u8 },
        Journaal { r: usize, casus: usize },
        Toewijzen { r: usize, casus: usize, tb: Option<usize> },
        NieuweCasus,
        Exporteer { van: usize, naar: usize, alleen: Option<usize> },
        Bezorg { bundel: usize },
        Compacteer { r: usize },
    }

    fn stap() -> impl Strategy<Value = Stap> {
        let r = 0..PR + TB;
        prop_oneof![
            3 => (r.clone(), 0..4usize, 0..3u8).prop_map(|(r, casus, waarde)| Stap::Werknaam { r, casus, waarde }),
            2 => (r.clone(), 0..4usize).prop_map(|(r, casus)| Stap::Journaal { r, casus }),
            2 => (0..PR, 0..4usize, prop::option::of(0..TB)).prop_map(|(r, casus, tb)| Stap::Toewijzen { r, casus, tb }),
            1 => Just(Stap::NieuweCasus),
            4 => (r.clone(), r, prop::option::of(0..4usize))
                .prop_map(|(van, naar, alleen)| Stap::Exporteer { van, naar, alleen }),
            4 => (0..64usize).prop_map(|bundel| Stap::Bezorg { bundel }),
            1 => (0..PR + TB).prop_map(|r| Stap::Compacteer { r }),
        ]
    }

    fn tb_naam(i: usize) -> String {
        format!("Traject {i}")
    }

    /// The team, and the medewerker id of each trajectbegeleider (linked to their
    /// device), known to every replica.
    fn maak_team() -> (Vec<Replica>, Vec<String>) {
        let mut leden: Vec<(String, &str)> = (0..PR).map(|i| (format!("Regie {i}"), "procesregisseur")).collect();
        leden.extend((0..TB).map(|i| (tb_naam(i), "trajectbegeleider")));
        let mut t = team_met(&leden);
        let ids: Vec<String> = (0..TB)
            .map(|i| {
                let apparaat = t[PR + i].id();
                trajectbegeleider(&mut t[0].store, &tb_naam(i), &apparaat)
            })
            .collect();
        for naar in 1..PR + TB {
            uitwisselen(&mut t, 0, naar);
        }
        (t, ids)
    }

    fn stuur(t: &mut [Replica], van: usize, naar: usize, alleen: Option<&str>) -> Option<Vec<u8>> {
        let id = t[naar].id();
        let opties = ExportOpties {
            voor: vec![id],
            casussen: alleen.map(|n| vec![n.to_string()]).unwrap_or_default(),
            alles: false,
        };
        match sync::exporteer(&mut t[van].store, &opties) {
            Ok(e) => Some(e.bytes),
            // A casus this device does not hold (not in its scope) cannot be named.
            Err(SyncFout::Store(schakel::store::StoreFout::CasusOnbekend(_))) => None,
            Err(e) => panic!("export failed: {e:?}"),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: std::env::var("SCHAKEL_SYNC_GEVALLEN").ok().and_then(|v| v.parse().ok()).unwrap_or(24),
            ..ProptestConfig::default()
        })]

        #[test]
        fn ieder_krijgt_precies_waar_hij_recht_op_heeft(stappen in prop::collection::vec(stap(), 1..40)) {
            let (mut t, tb_ids) = maak_team();
            let mut nummers: Vec<String> = (0..3).map(|i| nieuwe_casus(&mut t[0].store, &format!("Casus {i}"))).collect();
            // Ever assigned to trajectbegeleider i (on any replica).
            let mut ooit: Vec<BTreeSet<String>> = vec![BTreeSet::new(); TB];
            let mut post: Vec<(usize, Vec<u8>)> = Vec::new();
            for (i, s) in stappen.into_iter().enumerate() {
                match s {
                    Stap::Werknaam { r, casus, waarde } => {
                        let nr = &nummers[casus % nummers.len()];
                        if t[r].store.casus_regel(nr).is_ok() {
                            let w = CasusWijziging { werknaam: Some(format!("naam-{waarde}")), ..Default::default() };
                            t[r].store.casus_wijzig(nr, &w).unwrap();
                        }
                    }
                    Stap::Journaal { r, casus } => {
                        let nr = &nummers[casus % nummers.len()];
                        if t[r].store.casus_regel(nr).is_ok() {
                            let j = NieuwJournaal { soort: JournaalSoort::Notitie, tekst: format!("notitie {i}"), datum: None, inrichting: None };
                            t[r].store.journaal_toevoegen(nr, j).unwrap();
                        }
                    }
                    Stap::Toewijzen { r, casus, tb } => {
                        let nr = nummers[casus % nummers.len()].clone();
                        if t[r].store.casus_regel(&nr).is_ok() {
                            wijs_trajectbegeleider_toe(&mut t[r].store, &nr, tb.map(|i| tb_ids[i].as_str()));
                            if let Some(tb) = tb {
                                ooit[tb].insert(t[r].store.casus_id(&nr).unwrap());
                            }
                        }
                    }
                    Stap::NieuweCasus => {
                        nummers.push(nieuwe_casus(&mut t[0].store, &format!("nieuw {i}")));
                    }
                    Stap::Exporteer { van, naar, alleen } => {
                        if van != naar {
                            let alleen = alleen.map(|c| nummers[c % nummers.len()].clone());
                            if let Some(b) = stuur(&mut t, van, naar, alleen.as_deref()) {
                                post.push((naar, b));
                            }
                        }
                    }
                    Stap::Bezorg { bundel } => {
                        if !post.is_empty() {
                            let (naar, b) = post[bundel % post.len()].clone();
                            match sync::importeer(&mut t[naar].store, &b) {
                                Ok(_) | Err(SyncFout::AlIngelezen) => {}
                                Err(e) => panic!("import failed: {e:?}"),
                            }
                        }
                    }
                    Stap::Compacteer { r } => {
                        t[r].store.compacteren().unwrap();
                    }
                }
                for (j, r) in t.iter().enumerate() {
                    let fouten = r.store.waarden_in_rij_fouten().unwrap();
                    prop_assert!(fouten.is_empty(), "replica {} after step {}: {:#?}", j, i, fouten);
                }
            }
            // Everyone sends to everyone, unscoped (a trajectbegeleider's scope still applies).
            for _ in 0..2 {
                for van in 0..PR + TB {
                    for naar in 0..PR + TB {
                        if van != naar {
                            let b = stuur(&mut t, van, naar, None).unwrap();
                            sync::importeer(&mut t[naar].store, &b).unwrap();
                        }
                    }
                }
            }
            let eerste = t[0].store.synchrone_staat().unwrap();
            for (r, pr) in t.iter().enumerate().take(PR).skip(1) {
                prop_assert!(eerste == pr.store.synchrone_staat().unwrap(), "procesregisseurs 0 and {r} differ");
            }
            let ids: Vec<String> = nummers.iter().map(|n| t[0].store.casus_id(n).unwrap()).collect();
            for tb in 0..TB {
                let eigen = t[0].store.casussen_van_trajectbegeleider(&tb_ids[tb]).unwrap();
                for id in &ids {
                    let bij_tb = t[PR + tb].store.casus_staat(id).unwrap();
                    if eigen.contains(id) {
                        prop_assert_eq!(&bij_tb, &t[0].store.casus_staat(id).unwrap(), "trajectbegeleider {} misses part of casus {}", tb, id);
                    } else if !ooit[tb].contains(id) {
                        prop_assert!(!bij_tb.contains("Some(Text("), "trajectbegeleider {tb} holds casus {id} that was never theirs");
                    }
                }
            }
        }
    }
}

/// The inner layer, reached only with valid signatures and encryption: every check there
/// refuses the whole bundle and applies nothing, including a bundle in which one
/// operation out of many does not fit the schema.
#[test]
fn binnenkant_wordt_volledig_gecontroleerd() {
    let mut t = team(3);
    nieuwe_casus(&mut t[0].store, "Binnen");
    let b_id = t[1].id();
    let e = sync::exporteer(&mut t[0].store, &ExportOpties { voor: vec![b_id.clone()], ..Default::default() }).unwrap();
    let ops = t[0].store.operaties_na(&Default::default(), None).unwrap();
    let a = sync::apparaat(&mut t[0].store).unwrap();
    let b = t[0].store.collega(&b_id).unwrap().unwrap();
    let maak = |manifest: &sync::Manifest, ops: &serde_json::Value| {
        let payload = serde_json::to_vec(&serde_json::json!({ "manifest": manifest, "operaties": ops })).unwrap();
        sync::verpak(&a, std::slice::from_ref(&b), &payload).unwrap()
    };
    let ops_json = serde_json::to_value(&ops).unwrap();
    let voor = t[1].store.volledige_dump().unwrap();

    let mut m = e.manifest.clone();
    m.versie = 1;
    assert!(matches!(sync::importeer(&mut t[1].store, &maak(&m, &ops_json)), Err(SyncFout::OnbekendeVersie(1))));
    let mut m = e.manifest.clone();
    m.ontvangers = vec![t[2].id()];
    assert!(matches!(sync::importeer(&mut t[1].store, &maak(&m, &ops_json)), Err(SyncFout::NietVoorMij)));
    let mut m = e.manifest.clone();
    m.afzender = t[2].id();
    assert!(matches!(sync::importeer(&mut t[1].store, &maak(&m, &ops_json)), Err(SyncFout::Handtekening(_))));
    // A table or field this version does not know, as a newer Schakel would send: refused
    // whole, with a sentence that tells the user to update and that nothing is lost.
    for (veld, waarde, naam) in [
        ("tabel", serde_json::json!("sqlite_schema"), "sqlite_schema"),
        ("tabel", serde_json::json!("bezoekverslag"), "bezoekverslag"),
        ("veld", serde_json::json!("voorkeurstaal"), "voorkeurstaal"),
    ] {
        let mut nieuwer = ops_json.clone();
        let laatste = nieuwer.as_array_mut().unwrap().last_mut().unwrap();
        laatste[veld] = waarde;
        let r = sync::importeer(&mut t[1].store, &maak(&e.manifest, &nieuwer));
        let Err(SyncFout::Store(f @ schakel::store::StoreFout::OnbekendeGegevens { .. })) = r else {
            panic!("{naam}: {r:?}")
        };
        let zin = schakel::melding::sync(&SyncFout::Store(f));
        assert!(zin.contains(naam) && zin.contains("Er is niets ingelezen"), "{zin}");
        assert!(zin.contains("werk Schakel dan bij") && zin.contains("er gaat niets verloren"), "{zin}");
    }
    for (veld, waarde) in [
        ("veld", serde_json::json!("id; DROP TABLE casus")),
        ("tabel", serde_json::json!("Casus")),
        ("waarde", serde_json::json!({ "genest": true })),
        ("apparaat", serde_json::json!("")),
    ] {
        let mut slecht = ops_json.clone();
        let laatste = slecht.as_array_mut().unwrap().last_mut().unwrap();
        laatste[veld] = waarde;
        let r = sync::importeer(&mut t[1].store, &maak(&e.manifest, &slecht));
        assert!(matches!(r, Err(SyncFout::Store(schakel::store::StoreFout::OngeldigeOperatie(_)))), "{veld}: {r:?}");
    }
    // An operation in the receiver's own name that the receiver never made.
    let mut vals = ops_json.clone();
    let laatste = vals.as_array_mut().unwrap().last_mut().unwrap();
    laatste["apparaat"] = serde_json::json!(b_id);
    laatste["volgnummer"] = serde_json::json!(999_999);
    let r = sync::importeer(&mut t[1].store, &maak(&e.manifest, &vals));
    assert!(matches!(r, Err(SyncFout::Store(schakel::store::StoreFout::OngeldigeOperatie(_)))), "{r:?}");
    let r = sync::importeer(&mut t[1].store, &maak(&e.manifest, &serde_json::json!("geen lijst")));
    assert!(matches!(r, Err(SyncFout::Beschadigd(_))), "{r:?}");
    assert_eq!(voor, t[1].store.volledige_dump().unwrap(), "nothing of any refused bundle was applied");
    // The untouched bundle still goes in.
    sync::importeer(&mut t[1].store, &e.bytes).unwrap();
}

/// Issue 20: a BSN rectified on A reaches B; B's window and search show the new BSN
/// and not the old one.
#[test]
fn een_gerectificeerd_bsn_bereikt_b_en_het_oude_is_daar_niet_meer_te_zien() {
    use crate::ui::{toont, verwacht};
    use schakel::domain::Rol;
    use schakel::store::{BetrokkeneWijziging, NieuweBetrokkene};
    let mut t = team(2);
    let nr = nieuwe_casus(&mut t[0].store, "Rechtzetting");
    let p = t[0]
        .store
        .betrokkene_toevoegen(
            &nr,
            NieuweBetrokkene {
                naam: "Fictieve Jäger".into(),
                geboortedatum: None,
                rol: Rol::Hoofdpersoon,
                bsn: Some("111222333".into()),
                initialen: None,
            },
        )
        .unwrap();
    uitwisselen(&mut t, 0, 1);
    assert_eq!(t[1].store.casus_detail(&nr).unwrap().betrokkenen[0].bsn.as_deref(), Some("111222333"));
    let w = BetrokkeneWijziging { bsn: Some(Some("123456782".into())), ..Default::default() };
    t[0].store.betrokkene_wijzig(&nr, &p, &w, "Verzoek tot rectificatie").unwrap();
    uitwisselen(&mut t, 0, 1);
    let mut b = t.pop().expect("B");
    let d = b.store.casus_detail(&nr).unwrap();
    let bsns: Vec<Option<&str>> = d.betrokkenen.iter().map(|x| x.bsn.as_deref()).collect();
    assert_eq!(bsns, vec![Some("123456782")], "B holds the rectified BSN only");
    // The superseded value still sits in the change log (`wijziging`) of both replicas
    // until compaction (issue 23); this test covers what B shows and holds as data.
    let map = Gegevensmap::new(b._dir.path().join("data"));
    let mut app = schakel::ui::App::met_store(map, b.store);
    stuur_en_wacht(&mut app, schakel::ui::Message::OpenCasus(nr.clone()));
    verwacht(&app, "BSN 123456782");
    assert!(!toont(&app, "111222333"), "B's window no longer shows the old BSN");
}

/// Issue 20: the lists and fields added for editing travel with the bundle: a gemeente
/// and the casus's gemeente, a renamed overlegsoort, the weging's date and meeting, and
/// the assigned medewerkers.
#[test]
fn nieuwe_lijsten_en_velden_bereiken_b() {
    use chrono::{Duration, Local, NaiveTime};
    use schakel::domain::{Fase, FaseOvergang, OverlegSoort, WegingUitkomst};
    use schakel::store::{NieuwOverleg, Weging};
    let mut t = team(2);
    let vandaag = Local::now().date_naive();
    let a = &mut t[0].store;
    let nr = a
        .nieuwe_casus(NieuweCasus {
            werknaam: "Reizende Velden".into(),
            thema: "nazorg".into(),
            datum_aanmelding: Some(vandaag - Duration::days(20)),
            ..Default::default()
        })
        .unwrap()
        .to_string();
    let gemeente = a.gemeente_toevoegen("Peel en Maas").unwrap();
    a.casus_wijzig(&nr, &CasusWijziging { gemeente: Some(Some(gemeente.clone())), ..Default::default() }).unwrap();
    let soort = a.overlegsoort_toevoegen("Provinciale weegtafel", true).unwrap();
    a.lijst_hernoem("overlegsoort", &soort, "Weegtafel Noord").unwrap();
    let overleg = a
        .overleg_plannen(NieuwOverleg {
            soort: OverlegSoort::Weegtafel.code().into(),
            datum: vandaag - Duration::days(4),
            begintijd: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            plaats: "Zaal 2".into(),
            voorzitter: "Ilse Voorzitter".into(),
        })
        .unwrap();
    a.casus_fase(&nr, &FaseOvergang::naar(Fase::Weging)).unwrap();
    let datum = vandaag - Duration::days(3);
    a.casus_weging(
        &nr,
        &Weging { uitkomst: WegingUitkomst::Procesregie, datum: Some(datum), overleg: Some(overleg.clone()) },
    )
    .unwrap();
    let regisseur = a.medewerker_toevoegen("Noor Brinkmann", MedewerkerRol::Procesregisseur, None).unwrap();
    let w = Toewijzing { procesregisseur: Some(Some(regisseur.clone())), ..Default::default() };
    a.casus_toewijzen(&nr, &w).unwrap();

    uitwisselen(&mut t, 0, 1);
    let b = &mut t[1].store;
    let d = b.casus_detail(&nr).unwrap();
    assert_eq!(d.gemeente.as_deref(), Some("Peel en Maas"));
    assert_eq!(d.gemeente_id.as_deref(), Some(gemeente.as_str()));
    assert!(b.gemeenten().unwrap().iter().any(|g| g.id == gemeente && g.naam == "Peel en Maas"));
    let soorten = b.overlegsoorten().unwrap();
    assert!(soorten.iter().any(|s| s.id == soort && s.naam == "Weegtafel Noord"), "{soorten:?}");
    let w = d.weging.expect("the weging reached B");
    assert_eq!(w.uitkomst, WegingUitkomst::Procesregie);
    assert_eq!(w.datum, Some(datum.format("%Y-%m-%d").to_string()));
    assert_eq!(w.overleg.as_deref(), Some(overleg.as_str()));
    assert_eq!(d.regel.fase, Fase::Procesregie);
    assert_eq!(d.regel.procesregisseur_id.as_deref(), Some(regisseur.as_str()));
    assert_eq!(d.regel.procesregisseur, "Noor Brinkmann");
    assert!(b.medewerkers().unwrap().iter().any(|m| m.id == regisseur && m.naam == "Noor Brinkmann"));
    assert_eq!(t[0].store.synchrone_staat().unwrap(), t[1].store.synchrone_staat().unwrap());
}

//! Issue 20 "Lijsten": a meeting type added to the editable list can be chosen when
//! planning, in the store, the CLI and the meeting screen; its fixed category decides
//! whether its besluit records the weging.

use crate::hulp::{self};
use crate::ui::stuur_en_wacht;
use crate::ui::{klik, typ, verwacht};
use chrono::NaiveTime;
use schakel::domain::{Fase, FaseOvergang, WegingUitkomst};
use schakel::store::{NieuwOverleg, NieuweCasus, Store, StoreFout};
use schakel::ui::screen::overleggen;
use schakel::ui::widgets::Keuze;
use schakel::ui::{App, Message};

use crate::hulp::{schakel, uit};

fn plan(s: &mut Store, soort: &str) -> Result<String, StoreFout> {
    s.overleg_plannen(NieuwOverleg {
        soort: soort.into(),
        datum: chrono::Local::now().date_naive(),
        begintijd: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        plaats: "Zaal 4".into(),
        voorzitter: "Test Regisseur".into(),
    })
}

#[test]
fn cli_plant_een_overleg_met_een_toegevoegde_soort() {
    let d = tempfile::tempdir().unwrap();
    let map = d.path().join("data");
    schakel(&map).args(["init", "--naam", "Test Regisseur"]).assert().success();
    schakel(&map).args(["lijst", "overlegsoort", "add", "Verbindingstafel"]).assert().success();
    let nieuw = |soort: &str| {
        let mut c = schakel(&map);
        c.args(["overleg", "new", "--soort", soort, "--datum", "24-11-2026", "--tijd", "09:00", "--plaats", "Zaal 4"]);
        c
    };
    let o = uit(&mut nieuw("Verbindingstafel")).trim().to_string();
    let lijst = uit(schakel(&map).args(["overleg", "list"]));
    let regel = lijst.lines().find(|r| r.starts_with(&o)).expect("the new meeting is listed");
    assert!(regel.contains("Verbindingstafel"), "{lijst}");
    // The old codes still work: they are the seed ids.
    let o2 = uit(&mut nieuw("mda_analyseteam")).trim().to_string();
    let lijst = uit(schakel(&map).args(["overleg", "list"]));
    assert!(lijst.lines().any(|r| r.starts_with(&o2) && r.contains("MDA++ analyseteam")), "{lijst}");

    nieuw("Buurttafel").assert().code(1).stderr("Soort overleg 'Buurttafel' bestaat niet (of is verwijderd).\n");
    schakel(&map).args(["lijst", "overlegsoort", "archiveer", "Drieluik"]).assert().success();
    nieuw("drieluik").assert().code(1).stderr(
        "Soort overleg 'Drieluik' is gearchiveerd en kan niet meer worden gekozen; zet deze eerst weer actief in \
         Instellingen.\n",
    );
}

#[test]
fn toegevoegde_soort_met_weegtafelcategorie_legt_de_weging_vast() {
    let (_d, _m, mut s) = hulp::store();
    let soort = s.overlegsoort_toevoegen("Provinciale weegtafel", true).unwrap();
    s.overlegsoort_toevoegen("Verbindingstafel", false).unwrap();
    // By the first 8 characters of its id.
    let o = plan(&mut s, &soort[..8]).unwrap();
    assert_eq!(s.overleg(&o).unwrap().soort_naam, "Provinciale weegtafel");
    assert!(s.is_weegtafel(&o).unwrap());
    let n = s
        .nieuwe_casus(NieuweCasus { werknaam: "Stille Eik".into(), thema: "nazorg".into(), ..Default::default() })
        .unwrap()
        .to_string();
    s.casus_fase(&n, &FaseOvergang::naar(Fase::Weging)).unwrap();
    let punt = s.agendapunt_toevoegen(&o, &n, 15).unwrap();
    s.agendapunt_weging(&punt, WegingUitkomst::Ondersteunen).unwrap();
    let d = s.casus_detail_verversen(&n).unwrap();
    assert_eq!(d.weging.map(|w| (w.uitkomst, w.overleg)), Some((WegingUitkomst::Ondersteunen, Some(o.clone()))));
    assert_eq!(d.regel.fase, Fase::Monitoring);

    // A type added without the category is no weegtafel; a unique start of the name works.
    let o2 = plan(&mut s, "verbind").unwrap();
    assert_eq!(s.overleg(&o2).unwrap().soort_naam, "Verbindingstafel");
    let n2 = s
        .nieuwe_casus(NieuweCasus { werknaam: "Late Merel".into(), thema: "nazorg".into(), ..Default::default() })
        .unwrap()
        .to_string();
    s.casus_fase(&n2, &FaseOvergang::naar(Fase::Weging)).unwrap();
    let p2 = s.agendapunt_toevoegen(&o2, &n2, 15).unwrap();
    assert!(matches!(s.agendapunt_weging(&p2, WegingUitkomst::Advies), Err(StoreFout::GeenWeegtafel)));

    // Unknown and archived types are refused and nothing is planned.
    let voor = s.overleggen().unwrap().len();
    assert!(matches!(plan(&mut s, "Buurttafel"), Err(StoreFout::Onbekend { tabel: "overlegsoort", .. })));
    s.lijst_actief("overlegsoort", &soort, false).unwrap();
    let fout = plan(&mut s, "Provinciale weegtafel").unwrap_err();
    assert!(
        matches!(&fout, StoreFout::Gearchiveerd { tabel: "overlegsoort", naam } if naam == "Provinciale weegtafel"),
        "{fout:?}"
    );
    assert_eq!(s.overleggen().unwrap().len(), voor);
}

#[test]
fn venster_plant_een_overleg_met_een_toegevoegde_soort() {
    let (_d, map, mut s) = hulp::store();
    let soort = s.overlegsoort_toevoegen("Verbindingstafel", false).unwrap();
    let mut app = App::met_store(map.clone(), s);
    klik(&mut app, "Overleggen");
    stuur_en_wacht(&mut app, Message::Overleggen(overleggen::Message::Soort(Keuze::new(&soort, "Verbindingstafel"))));
    typ(&mut app, "overleg-datum", "12-05-2026");
    typ(&mut app, "overleg-plaats", "Vergaderzaal 2");
    klik(&mut app, "Overleg plannen");
    verwacht(&app, "Overleg gepland.");
    verwacht(&app, "Verbindingstafel 12-05-2026 om 09:30");
}

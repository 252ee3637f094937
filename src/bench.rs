//! `schakel bench`: reproducible figures on a generated, encrypted demo database.
//! Prints measurements; it asserts nothing about time.

use crate::demo;
use crate::report;
use crate::store::sleutel::DbSleutel;
use crate::store::{CasusFilter, Gebruiker, Gegevensmap, NieuwOverleg, NieuweActie, Resultaat, Store};
use serde::Serialize;
use std::time::{Duration, Instant};

/// One measured figure.
#[derive(Debug, Clone, Serialize)]
pub struct Meting {
    /// What was measured.
    pub naam: String,
    /// Milliseconds (median, or the single run).
    pub ms: f64,
    /// Extra detail (p95, counts).
    pub toelichting: String,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentiel(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v.get(i).copied().unwrap_or_default()
}

/// Run the benchmark on `aantal` demo cases in a temporary data dir, and a bundle of at
/// least `operaties` change-log operations.
pub fn draai(aantal: usize, operaties: i64) -> Resultaat<Vec<Meting>> {
    let dir = std::env::temp_dir().join(format!("schakel-bench-{}", uuid::Uuid::new_v4()));
    let map = Gegevensmap::new(&dir);
    let sleutel = DbSleutel::nieuw();
    let resultaat = meet(&map, &sleutel, aantal).and_then(|mut uit| {
        uit.extend(meet_sync(&dir.join("sync"), operaties)?);
        Ok(uit)
    });
    let _ = std::fs::remove_dir_all(&dir);
    resultaat
}

fn meet(map: &Gegevensmap, sleutel: &DbSleutel, aantal: usize) -> Resultaat<Vec<Meting>> {
    let mut uit = Vec::new();
    let g = Gebruiker { naam: "Bench".into(), rol: "procesregisseur".into(), zvh: "ZVH Bench".into() };
    let mut store = Store::maak(map, sleutel, &g)?;
    let t = Instant::now();
    let o = demo::genereer(&mut store, aantal, 2026)?;
    uit.push(Meting {
        naam: "demo genereren".into(),
        ms: ms(t.elapsed()),
        toelichting: format!("{} casussen, {} journaalregels, {} acties", o.casussen, o.journaal, o.acties),
    });

    // A 20-case agenda and a 40-action plan for the report figures.
    let lijst = store.casus_lijst(&CasusFilter::default())?;
    let overleg = store.overleg_plannen(NieuwOverleg {
        soort: crate::domain::OverlegSoort::Weegtafel,
        datum: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default(),
        begintijd: chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
        plaats: "Zaal".into(),
        voorzitter: "Bench".into(),
    })?;
    for c in lijst.iter().take(20) {
        store.agendapunt_toevoegen(&overleg, &c.casusnummer, 15)?;
    }
    let plan_casus = lijst.first().map(|c| c.casusnummer.clone()).unwrap_or_default();
    let bestaande = store.plan(&plan_casus)?.acties.len();
    for i in bestaande..40 {
        store.actie_toevoegen(
            &plan_casus,
            NieuweActie { omschrijving: format!("Benchactie {i} met een langere omschrijving"), ..Default::default() },
        )?;
    }
    drop(store);

    let mut open = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let s = Store::open(map, sleutel)?;
        let n = s.casus_lijst(&CasusFilter::default())?.len();
        open.push(ms(t.elapsed()));
        drop(s);
        if n != aantal {
            return Err(crate::store::StoreFout::Migratie(format!("board shows {n} of {aantal}")));
        }
    }
    let versleuteld = percentiel(&mut open, 0.5);
    uit.push(Meting {
        naam: "database openen + bord laden".into(),
        ms: versleuteld,
        toelichting: format!("mediaan van 5, {aantal} casussen"),
    });

    // The same on an unencrypted copy of the same data: what SQLCipher costs.
    let plat = map.pad().join("meetkopie-onversleuteld.db");
    Store::open(map, sleutel)?.meetkopie_onversleuteld(&plat)?;
    let mut open_plat = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let s = Store::open_meetkopie(&plat)?;
        let n = s.casus_lijst(&CasusFilter::default())?.len();
        open_plat.push(ms(t.elapsed()));
        if n != aantal {
            return Err(crate::store::StoreFout::Migratie(format!("copy shows {n} of {aantal}")));
        }
    }
    let _ = std::fs::remove_file(&plat);
    let onversleuteld = percentiel(&mut open_plat, 0.5);
    uit.push(Meting {
        naam: "idem, onversleutelde kopie".into(),
        ms: onversleuteld,
        toelichting: format!(
            "verhouding versleuteld/onversleuteld {:.2}× (doel ≤ 1,25×)",
            versleuteld / onversleuteld.max(0.001)
        ),
    });

    let mut store = Store::open(map, sleutel)?;
    let woorden = [
        "woning",
        "schuld",
        "reclassering",
        "veenhuizen",
        "ggz",
        "huisbezoek",
        "identiteitskaart",
        "wijkteam",
        "veilig",
        "uitkering",
    ];
    let mut zoek = Vec::new();
    for i in 0..200 {
        let w = woorden[i % woorden.len()];
        let q = &w[..(3 + i % (w.len() - 2)).min(w.len())];
        let t = Instant::now();
        let _ = store.zoek(q, 20)?;
        zoek.push(ms(t.elapsed()));
    }
    let p95 = percentiel(&mut zoek.clone(), 0.95);
    uit.push(Meting {
        naam: "zoeken (FTS5)".into(),
        ms: percentiel(&mut zoek, 0.5),
        toelichting: format!("p50 van 200 zoekvragen; p95 {p95:.2} ms"),
    });

    let mut detail = Vec::new();
    for c in lijst.iter().take(50) {
        let t = Instant::now();
        let _ = store.casus_detail(&c.casusnummer)?;
        let _ = store.plan(&c.casusnummer)?;
        detail.push(ms(t.elapsed()));
    }
    uit.push(Meting {
        naam: "casusdetail met plan laden".into(),
        ms: percentiel(&mut detail, 0.5),
        toelichting: "mediaan van 50".into(),
    });

    let mut agenda = Vec::new();
    let mut plan = Vec::new();
    let mut verslag = Vec::new();
    let mut overzicht = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        report::verslag(&store, &overleg).map_err(|e| crate::store::StoreFout::Migratie(e.to_string()))?;
        verslag.push(ms(t.elapsed()));
        let t = Instant::now();
        report::overzicht(&mut store, &plan_casus).map_err(|e| crate::store::StoreFout::Migratie(e.to_string()))?;
        overzicht.push(ms(t.elapsed()));
        let t = Instant::now();
        report::agenda(&store, &overleg, report::AgendaOpties::default())
            .map_err(|e| crate::store::StoreFout::Migratie(e.to_string()))?;
        agenda.push(ms(t.elapsed()));
        let t = Instant::now();
        report::plan(&mut store, &plan_casus, None).map_err(|e| crate::store::StoreFout::Migratie(e.to_string()))?;
        plan.push(ms(t.elapsed()));
    }
    uit.push(Meting {
        naam: "PDF agenda (20 casussen)".into(),
        ms: percentiel(&mut agenda, 0.5),
        toelichting: "mediaan van 5".into(),
    });
    uit.push(Meting {
        naam: "PDF plan (40 acties)".into(),
        ms: percentiel(&mut plan, 0.5),
        toelichting: "mediaan van 5".into(),
    });
    uit.push(Meting {
        naam: "PDF verslag (20 agendapunten)".into(),
        ms: percentiel(&mut verslag, 0.5),
        toelichting: "mediaan van 5".into(),
    });
    uit.push(Meting {
        naam: "PDF casusoverzicht".into(),
        ms: percentiel(&mut overzicht, 0.5),
        toelichting: "mediaan van 5".into(),
    });
    Ok(uit)
}

fn fout(e: impl std::fmt::Display) -> crate::store::StoreFout {
    crate::store::StoreFout::Migratie(e.to_string())
}

/// Export and import of a bundle with at least `operaties` change-log operations
/// between two fresh devices that trust each other.
fn meet_sync(dir: &std::path::Path, operaties: i64) -> Resultaat<Vec<Meting>> {
    use crate::sync;
    let g = |naam: &str| Gebruiker { naam: naam.into(), rol: "procesregisseur".into(), zvh: "ZVH Bench".into() };
    let mut a = Store::maak(&Gegevensmap::new(dir.join("a")), &DbSleutel::nieuw(), &g("Afzender"))?;
    let mut b = Store::maak(&Gegevensmap::new(dir.join("b")), &DbSleutel::nieuw(), &g("Ontvanger"))?;
    let ka = sync::lees_visitekaartje(&sync::visitekaartje(&mut a, "").map_err(fout)?).map_err(fout)?;
    let kb = sync::lees_visitekaartje(&sync::visitekaartje(&mut b, "").map_err(fout)?).map_err(fout)?;
    a.collega_toevoegen(&kb)?;
    a.collega_bevestigen(&kb.apparaat)?;
    b.collega_toevoegen(&ka)?;
    b.collega_bevestigen(&ka.apparaat)?;
    // Demo cases until the change log holds the wanted number of operations.
    let mut seed = 1;
    while a.eigen_volgnummer()? < operaties {
        demo::genereer(&mut a, 10, seed)?;
        seed += 1;
    }
    let t = Instant::now();
    let e = sync::exporteer(&mut a, &sync::ExportOpties { voor: vec![kb.apparaat.clone()], ..Default::default() })
        .map_err(fout)?;
    let export = ms(t.elapsed());
    let t = Instant::now();
    let i = sync::importeer(&mut b, &e.bytes).map_err(fout)?;
    let import = ms(t.elapsed());
    if i.toegepast.nieuw != e.operaties {
        return Err(fout(format!("imported {} of {}", i.toegepast.nieuw, e.operaties)));
    }
    Ok(vec![
        Meting {
            naam: "bundel exporteren".into(),
            ms: export,
            toelichting: format!("{} operaties, {} kB, ondertekend + age", e.operaties, e.bytes.len() / 1024),
        },
        Meting {
            naam: "bundel importeren".into(),
            ms: import,
            toelichting: format!("{} operaties, {} records, één transactie", i.toegepast.nieuw, i.toegepast.rijen),
        },
    ])
}

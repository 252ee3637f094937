//! `schakel bench`: reproducible figures on a generated, encrypted demo database, each
//! next to its goal (issue "Small and fast"). Prints measurements and goals; it asserts
//! nothing about time or size.

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
    /// The figure (median, or the single run), in `eenheid`.
    pub waarde: f64,
    /// "ms", "MB" or "KB".
    pub eenheid: &'static str,
    /// The goal, as text: printed next to the figure, never checked.
    pub doel: String,
    /// Encrypted / plain, on the rows where SQLCipher's cost is the point.
    pub verhouding: Option<f64>,
    /// Extra detail (p95, counts).
    pub toelichting: String,
}

impl Meting {
    fn ms(naam: impl Into<String>, ms: f64, doel: impl Into<String>, toelichting: impl Into<String>) -> Meting {
        Meting {
            naam: naam.into(),
            waarde: ms,
            eenheid: "ms",
            doel: doel.into(),
            verhouding: None,
            toelichting: toelichting.into(),
        }
    }
}

/// Rounds of opening the database and loading the board, encrypted and plain in turns:
/// a median of a few runs of about 25 ms moved the ratio by ±0.1 between runs.
const OPEN_RONDEN: usize = 11;

/// The row `ruimte: NAAM` of one table or index: bytes in pages, and rows for a table.
fn ruimte(r: &crate::store::Ruimte) -> Meting {
    Meting {
        naam: format!("ruimte: {}", r.naam),
        waarde: mb(r.bytes),
        eenheid: "MB",
        doel: String::new(),
        verhouding: None,
        toelichting: if r.rijen > 0 { format!("{} rijen", r.rijen) } else { String::new() },
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// The database goal for `aantal` cases: 25 MB for 1,000 and 120 MB for 5,000 (the
/// issue's two rows); other counts at 24 KB per case.
fn doel_grootte(aantal: usize) -> String {
    match aantal {
        1000 => "≤ 25 MB".into(),
        5000 => "≤ 120 MB".into(),
        n => format!("≤ {:.0} MB (24 KB per casus)", n as f64 * 24.0 / 1024.0),
    }
}

/// Print the figures as a table: measurement, value, goal, encrypted/plain ratio, detail.
pub fn druk_af(metingen: &[Meting]) {
    println!("{:<40} {:>12}  {:<28} {:>9}  Toelichting", "Meting", "Waarde", "Doel", "Versl./pl.");
    for m in metingen {
        let waarde = format!("{:.2} {}", m.waarde, m.eenheid);
        let verhouding = m.verhouding.map(|v| format!("{v:.2}×")).unwrap_or_default();
        println!("{:<40} {:>12}  {:<28} {:>9}  {}", m.naam, waarde, m.doel, verhouding, m.toelichting);
    }
}

fn percentiel(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v.get(i).copied().unwrap_or_default()
}

/// Run the benchmark on `aantal` demo cases in a temporary data dir, and a bundle of at
/// least `operaties` change-log operations; with `team`, also the database sizes of a
/// store with four colleagues (the longest part of a run).
pub fn draai(aantal: usize, operaties: i64, team: bool) -> Resultaat<Vec<Meting>> {
    ruim_achtergelaten_op(&std::env::temp_dir());
    let dir = std::env::temp_dir().join(format!("schakel-bench-{}-{}", std::process::id(), uuid::Uuid::new_v4()));
    let map = Gegevensmap::new(&dir);
    let sleutel = DbSleutel::nieuw();
    let resultaat = meet(&map, &sleutel, aantal).and_then(|mut uit| {
        uit.extend(meet_sync(&dir.join("sync"), operaties)?);
        if team {
            uit.extend(meet_team(&dir.join("team"), aantal)?);
        }
        Ok(uit)
    });
    let _ = std::fs::remove_dir_all(&dir);
    resultaat
}

/// Remove the data dirs of earlier runs that were killed before they could clean up
/// (a 5,000-case run leaves up to 3 GB): `schakel-bench-PID-…` in `tmp` whose process no
/// longer exists. Only where `/proc` tells which processes run (Linux); elsewhere nothing
/// is removed. The databases in them are encrypted with a key that died with the run.
fn ruim_achtergelaten_op(tmp: &std::path::Path) -> usize {
    if !std::path::Path::new("/proc/self").exists() {
        return 0;
    }
    let Ok(mappen) = std::fs::read_dir(tmp) else { return 0 };
    let mut weg = 0;
    for m in mappen.flatten() {
        let naam = m.file_name().to_string_lossy().into_owned();
        let Some(pid) = naam.strip_prefix("schakel-bench-").and_then(|r| r.split('-').next()?.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id()
            && !std::path::Path::new(&format!("/proc/{pid}")).exists()
            && std::fs::remove_dir_all(m.path()).is_ok()
        {
            weg += 1;
        }
    }
    weg
}

fn meet(map: &Gegevensmap, sleutel: &DbSleutel, aantal: usize) -> Resultaat<Vec<Meting>> {
    let mut uit = Vec::new();
    let g = Gebruiker { naam: "Bench".into(), rol: "procesregisseur".into(), zvh: "ZVH Bench".into() };
    let mut store = Store::maak(map, sleutel, &g)?;
    let t = Instant::now();
    let o = demo::genereer(&mut store, aantal, 2026)?;
    uit.push(Meting::ms(
        "demo genereren",
        ms(t.elapsed()),
        format!("< {} s (15 s per 5.000), lineair", format!("{:.1}", aantal as f64 * 3.0 / 1000.0).replace('.', ",")),
        format!("{} casussen, {} journaalregels, {} acties", o.casussen, o.journaal, o.acties),
    ));

    // A 20-case agenda and a 40-action plan for the report figures.
    let lijst = store.casus_lijst(&CasusFilter::default())?;
    let overleg = store.overleg_plannen(NieuwOverleg {
        soort: crate::domain::OverlegSoort::Weegtafel.code().into(),
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
    // Where the bytes go: the largest tables and indexes (SQLite's dbstat).
    uit.extend(store.ruimte_per_tabel()?.iter().take(12).map(ruimte));
    drop(store);
    // Closing the last connection checkpoints the WAL into the file.
    let bytes = std::fs::metadata(map.db_pad()).map(|m| m.len()).unwrap_or(0);
    uit.push(Meting {
        naam: format!("databasegrootte ({aantal} casussen)"),
        waarde: mb(bytes),
        eenheid: "MB",
        doel: doel_grootte(aantal),
        verhouding: None,
        toelichting: format!("{:.0} KB per casus", bytes as f64 / 1024.0 / aantal.max(1) as f64),
    });

    // Encrypted against an unencrypted copy of the same data (what SQLCipher costs), in
    // turns, so both meet the same state of the machine and its file cache.
    let plat = map.pad().join("meetkopie-onversleuteld.db");
    Store::open(map, sleutel)?.meetkopie_onversleuteld(&plat)?;
    let (mut open, mut open_plat) = (Vec::new(), Vec::new());
    for _ in 0..OPEN_RONDEN {
        let t = Instant::now();
        let s = Store::open(map, sleutel)?;
        let n = s.casus_lijst(&CasusFilter::default())?.len();
        open.push(ms(t.elapsed()));
        drop(s);
        if n != aantal {
            return Err(crate::store::StoreFout::Migratie(format!("board shows {n} of {aantal}")));
        }
        let t = Instant::now();
        let s = Store::open_meetkopie(&plat)?;
        let n = s.casus_lijst(&CasusFilter::default())?.len();
        open_plat.push(ms(t.elapsed()));
        drop(s);
        if n != aantal {
            return Err(crate::store::StoreFout::Migratie(format!("copy shows {n} of {aantal}")));
        }
    }
    let _ = std::fs::remove_file(&plat);
    let versleuteld = percentiel(&mut open, 0.5);
    let onversleuteld = percentiel(&mut open_plat, 0.5);
    uit.push(Meting {
        verhouding: Some(versleuteld / onversleuteld.max(0.001)),
        ..Meting::ms(
            "database openen + bord laden",
            versleuteld,
            "< 40 ms (rust), ≤ 1,25× onversleuteld",
            format!("mediaan van {OPEN_RONDEN}, om en om met de kopie, {aantal} casussen"),
        )
    });
    uit.push(Meting::ms(
        "idem, onversleutelde kopie",
        onversleuteld,
        "",
        format!("mediaan van {OPEN_RONDEN}, zelfde gegevens"),
    ));

    let mut store = Store::open(map, sleutel)?;
    uit.extend(meet_zoeken(&store)?);

    let mut detail = Vec::new();
    for c in lijst.iter().take(50) {
        let t = Instant::now();
        let _ = store.casus_detail(&c.casusnummer)?;
        let _ = store.plan(&c.casusnummer)?;
        detail.push(ms(t.elapsed()));
    }
    uit.push(Meting::ms("casusdetail met plan laden", percentiel(&mut detail, 0.5), "", "mediaan van 50"));

    let rapport = |e: report::RapportFout| crate::store::StoreFout::Migratie(e.to_string());
    let mut tijden: [Vec<f64>; 4] = Default::default();
    let mut groottes = [0usize; 4];
    for _ in 0..5 {
        let t = Instant::now();
        let r = report::agenda(&store, &overleg, report::AgendaOpties::default()).map_err(rapport)?;
        tijden[0].push(ms(t.elapsed()));
        groottes[0] = r.pdf.len();
        let t = Instant::now();
        let r = report::plan(&mut store, &plan_casus, None).map_err(rapport)?;
        tijden[1].push(ms(t.elapsed()));
        groottes[1] = r.pdf.len();
        let t = Instant::now();
        let r = report::verslag(&store, &overleg).map_err(rapport)?;
        tijden[2].push(ms(t.elapsed()));
        groottes[2] = r.pdf.len();
        let t = Instant::now();
        let r = report::overzicht(&mut store, &plan_casus).map_err(rapport)?;
        tijden[3].push(ms(t.elapsed()));
        groottes[3] = r.pdf.len();
    }
    let namen =
        ["PDF agenda (20 casussen)", "PDF plan (40 acties)", "PDF verslag (20 agendapunten)", "PDF casusoverzicht"];
    for ((naam, t), grootte) in namen.iter().zip(tijden.iter_mut()).zip(groottes) {
        uit.push(Meting::ms(*naam, percentiel(t, 0.5), "< 20 ms", "mediaan van 5"));
        uit.push(Meting {
            naam: format!("{naam}, grootte"),
            waarde: grootte as f64 / 1024.0,
            eenheid: "KB",
            doel: "< 60 KB".into(),
            verhouding: None,
            toelichting: "lettertypen als deelverzameling ingebed".into(),
        });
    }

    // Privacy operations on the full database: backup, removal after the term, key rotation.
    let wachtwoord = "bench-wachtwoord-2026";
    let kopie = map.pad().join("bench-backup.schakelbackup");
    let t = Instant::now();
    store.backup_maak(&kopie, wachtwoord)?;
    let backup = ms(t.elapsed());
    let backup_mb = mb(std::fs::metadata(&kopie).map(|m| m.len()).unwrap_or(0));
    let _ = std::fs::remove_file(&kopie);
    uit.push(Meting::ms(
        format!("back-up maken ({aantal} casussen)"),
        backup,
        "< 2 s",
        format!("{backup_mb:.1} MB, versleuteld met een eigen sleutel"),
    ));

    let peildatum = chrono::NaiveDate::from_ymd_opt(2040, 1, 1).unwrap_or_default();
    if let Some(verlopen) = store.te_verwijderen(peildatum)?.into_iter().next() {
        let t = Instant::now();
        store.casus_vernietigen(&verlopen.nummer, "Bewaartermijn verstreken (meting)", peildatum)?;
        uit.push(Meting::ms(
            "casus verwijderen na bewaartermijn",
            ms(t.elapsed()),
            "< 2 s",
            "één casus, met opschonen van wijzigingslog, zoekindex, WAL en vrije pagina's",
        ));
    }

    // Rotation needs a key file: a passphrase-wrapped one for this key.
    crate::store::sleutel::SleutelBestand::wachtwoord("bench", sleutel, wachtwoord)?.schrijf(map.pad())?;
    let t = Instant::now();
    crate::store::sleutel_roteer(map, &mut store, Some(wachtwoord), |_| {})?;
    uit.push(Meting::ms(
        "sleutel vervangen",
        ms(t.elapsed()),
        "< 2 s",
        "opnieuw versleutelen, controleren, omwisselen (met Argon2id voor het sleutelbestand)",
    ));
    Ok(uit)
}

/// The 200 search queries of a bench run (prefixes of 3+ letters of common words), p50 and p95.
fn meet_zoeken(store: &Store) -> Resultaat<Vec<Meting>> {
    let mut uit = Vec::new();
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
    uit.push(Meting::ms("zoeken (FTS5), p50", percentiel(&mut zoek, 0.5), "", "200 zoekvragen (voorvoegsels)"));
    uit.push(Meting::ms("zoeken (FTS5), p95", p95, "< 5 ms", "200 zoekvragen (voorvoegsels)"));
    Ok(uit)
}

/// Only the search rows, on an existing database (`schakel bench --alleen-zoeken`): the
/// space of the search tables, then the same 200 queries as a full run. To compare search
/// changes on one large database without generating it again.
pub fn alleen_zoeken(store: &Store) -> Resultaat<Vec<Meting>> {
    let mut uit = Vec::new();
    let zoektabellen = store.ruimte_per_tabel()?;
    uit.extend(
        zoektabellen.iter().filter(|r| r.naam.trim_start_matches("sqlite_autoindex_").starts_with("zoek")).map(ruimte),
    );
    uit.extend(meet_zoeken(store)?);
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
        Meting::ms(
            "bundel exporteren",
            export,
            "< 1 s",
            format!("{} operaties, {} kB, ondertekend + age", e.operaties, e.bytes.len() / 1024),
        ),
        Meting::ms(
            "bundel importeren",
            import,
            "< 2 s",
            format!("{} operaties, {} records, één transactie", i.toegepast.nieuw, i.toegepast.rijen),
        ),
    ])
}

/// Database size of a demo store in a team of four colleagues (issue 23): after every
/// casus was edited once, with three colleagues who acknowledged everything and one who
/// has not received anything yet, then after the fourth acknowledged too. Compaction
/// may drop a superseded value only once every entitled colleague holds it.
fn meet_team(dir: &std::path::Path, aantal: usize) -> Resultaat<Vec<Meting>> {
    use crate::sync;
    let g = |naam: &str| Gebruiker { naam: naam.into(), rol: "procesregisseur".into(), zvh: "ZVH Bench".into() };
    let mut a = Store::maak(&Gegevensmap::new(dir.join("a")), &DbSleutel::nieuw(), &g("Teambron"))?;
    demo::genereer(&mut a, aantal, 2026)?;
    let ka = sync::lees_visitekaartje(&sync::visitekaartje(&mut a, "").map_err(fout)?).map_err(fout)?;
    let mut collegas = Vec::new();
    for (i, naam) in ["Anouk Bakır", "Joëlle de Wit", "Sven Ødegaard", "Noor El Idrissi"].iter().enumerate() {
        let mut c = Store::maak(&Gegevensmap::new(dir.join(format!("c{i}"))), &DbSleutel::nieuw(), &g(naam))?;
        let kc = sync::lees_visitekaartje(&sync::visitekaartje(&mut c, "").map_err(fout)?).map_err(fout)?;
        a.collega_toevoegen(&kc)?;
        a.collega_bevestigen(&kc.apparaat)?;
        c.collega_toevoegen(&ka)?;
        c.collega_bevestigen(&ka.apparaat)?;
        collegas.push((c, kc.apparaat));
    }
    // Three colleagues receive everything and acknowledge it with a bundle back.
    let uitwisselen = |a: &mut Store, c: &mut Store, id: &str| -> Resultaat<()> {
        let heen = sync::exporteer(a, &sync::ExportOpties { voor: vec![id.to_string()], ..Default::default() })
            .map_err(fout)?;
        sync::importeer(c, &heen.bytes).map_err(fout)?;
        let terug = sync::exporteer(c, &sync::ExportOpties::default()).map_err(fout)?;
        sync::importeer(a, &terug.bytes).map_err(fout)?;
        Ok(())
    };
    for (c, id) in collegas.iter_mut().take(3) {
        uitwisselen(&mut a, c, id)?;
    }
    // Every casus edited once: its old werknaam is superseded.
    let nummers: Vec<String> =
        a.casus_lijst(&CasusFilter::default())?.into_iter().map(|c| c.casusnummer.to_string()).collect();
    a.batch(|s| {
        for n in &nummers {
            let w = crate::store::CasusWijziging { werknaam: Some(format!("Herzien {n}")), ..Default::default() };
            s.casus_wijzig(n, &w)?;
        }
        Ok(())
    })?;
    for (c, id) in collegas.iter_mut().take(3) {
        uitwisselen(&mut a, c, id)?;
    }
    // Pages in use (dbstat), so free pages left by compaction do not count.
    let grootte = |a: &Store| -> Resultaat<f64> { Ok(mb(a.ruimte_per_tabel()?.iter().map(|r| r.bytes).sum())) };
    let drie = grootte(&a)?;
    let wachten_drie = a.wacht_op_compactie()?;
    if let Some((c, id)) = collegas.get_mut(3) {
        uitwisselen(&mut a, c, id)?;
    }
    let vier = grootte(&a)?;
    let wachten_vier = a.wacht_op_compactie()?;
    Ok(vec![
        Meting {
            naam: format!("databasegrootte team, 3 van 4 bevestigd ({aantal} casussen)"),
            waarde: drie,
            eenheid: "MB",
            doel: doel_grootte(aantal),
            verhouding: None,
            toelichting: format!(
                "elke casus één keer bewerkt; {wachten_drie} vervangen operaties wachten op de vierde collega"
            ),
        },
        Meting {
            naam: format!("databasegrootte team, 4 van 4 bevestigd ({aantal} casussen)"),
            waarde: vier,
            eenheid: "MB",
            doel: doel_grootte(aantal),
            verhouding: None,
            toelichting: format!("vervangen waarden gecompacteerd; {wachten_vier} wachten nog"),
        },
    ])
}

#[cfg(test)]
mod tests {
    /// A killed run's dir goes at the next run; a running process's dir and other folders stay.
    #[test]
    fn achtergelaten_meetmappen_van_gestopte_runs_worden_opgeruimd() {
        assert!(std::path::Path::new("/proc/self").exists(), "this test needs /proc (Linux)");
        let tmp = tempfile::tempdir().unwrap();
        // Above the kernel's largest pid (2^22), so no process has it.
        let dood = tmp.path().join("schakel-bench-4194305-0f0f");
        let levend = tmp.path().join(format!("schakel-bench-{}-a1a1", std::process::id()));
        let ander = tmp.path().join("schakel-bench-zonder-pid");
        for m in [&dood, &levend, &ander] {
            std::fs::create_dir(m).unwrap();
            std::fs::write(m.join("schakel.db"), b"x").unwrap();
        }
        assert_eq!(super::ruim_achtergelaten_op(tmp.path()), 1);
        assert!(!dood.exists() && levend.exists() && ander.exists());
    }
}

//! Overleggen (meetings) and kengetallen: store functions, and the screens driven
//! through the real view and update with iced_test.

use crate::hulp;
use crate::ui::{klik, klik_en_wacht, stuur_en_wacht, toont, typ, typ_in, verwacht};
use chrono::{NaiveDate, NaiveTime};
use schakel::domain::partner::PartnerSoort;
use schakel::domain::{Convenantstatus, OverlegSoort};
use schakel::store::{NieuwContact, NieuwOverleg, NieuwePartner, Store, StoreFout};
use schakel::ui::screen::{detail, kengetallen, overleggen, partners};
use schakel::ui::widgets::Keuze;
use schakel::ui::{App, Message, Pagina};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn overleg(s: &mut Store, tijd: &str) -> String {
    s.overleg_plannen(NieuwOverleg {
        soort: OverlegSoort::Casusoverleg.code().into(),
        datum: d("2026-05-12"),
        begintijd: NaiveTime::parse_from_str(tijd, "%H:%M").unwrap(),
        plaats: "Vergaderzaal 2".into(),
        voorzitter: "Test Regisseur".into(),
    })
    .unwrap()
}

fn partner(s: &mut Store, naam: &str, c: Convenantstatus, contact: &str) -> (String, String) {
    let p = s
        .partner_toevoegen(NieuwePartner { naam: naam.into(), soort: PartnerSoort::Overig, convenantstatus: c })
        .unwrap();
    let k = s.contact_toevoegen(&p, NieuwContact { naam: contact.into(), ..Default::default() }).unwrap();
    (p, k)
}

#[test]
fn agenda_reorders_slots_and_closing_makes_minutes_read_only() {
    let (_dir, map, mut s) = hulp::store();
    let a = hulp::casus(&mut s, "Eerste");
    let b = hulp::casus(&mut s, "Tweede");
    let c = hulp::casus(&mut s, "Derde");
    let o = overleg(&mut s, "09:00");
    s.agendapunt_toevoegen(&o, &a, 15).unwrap();
    s.agendapunt_toevoegen(&o, &b, 30).unwrap();
    let derde = s.agendapunt_toevoegen(&o, &c, 15).unwrap();
    let tijden =
        |s: &Store| s.agenda(&o).unwrap().into_iter().map(|p| (p.casusnummer, p.starttijd)).collect::<Vec<_>>();
    assert_eq!(tijden(&s), vec![(a.clone(), "09:00".into()), (b.clone(), "09:15".into()), (c.clone(), "09:45".into())]);
    // Move the third item up: it takes the second slot, the 30-minute item shifts.
    s.agendapunt_verplaats(&derde, true).unwrap();
    assert_eq!(tijden(&s), vec![(a.clone(), "09:00".into()), (c.clone(), "09:15".into()), (b.clone(), "09:30".into())]);
    s.agendapunt_duur(&derde, 45).unwrap();
    assert_eq!(tijden(&s)[2], (b.clone(), "10:00".into()));
    // Moving the first item up changes nothing.
    let eerste = s.agenda(&o).unwrap()[0].id.clone();
    s.agendapunt_verplaats(&eerste, true).unwrap();
    assert_eq!(tijden(&s)[0].0, a);

    // Invitees: one without covenant makes a warning naming the cases on the agenda.
    let (_, agent) = partner(&mut s, "Politie", Convenantstatus::Convenant, "Wijkagent Dalhof");
    let (_, trainer) = partner(&mut s, "Buurtsportclub", Convenantstatus::Geen, "Trainer Bos");
    let g1 = s.genodigde_toevoegen(&o, &agent).unwrap();
    s.genodigde_toevoegen(&o, &trainer).unwrap();
    let w = s.convenant_waarschuwingen(&o).unwrap();
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].organisatie, "Buurtsportclub");
    assert_eq!(w[0].casussen, vec![a.clone(), c.clone(), b.clone()]);
    s.aanwezigheid(&g1, true).unwrap();
    let lijst = s.genodigden(&o).unwrap();
    assert_eq!(lijst.iter().find(|g| g.id == g1).unwrap().aanwezig, Some(true));
    assert_eq!(lijst.iter().find(|g| g.id != g1).unwrap().aanwezig, None);

    // Minutes; a correction is refused while the meeting is open.
    s.agendapunt_bob(&derde, "Beeld", "Oordeel", "Besluit").unwrap();
    assert!(matches!(s.verslag_corrigeren(&derde, "Te vroeg"), Err(StoreFout::OverlegNietGesloten)));
    s.overleg_sluiten(&o).unwrap();
    assert!(matches!(s.agendapunt_bob(&derde, "x", "y", "z"), Err(StoreFout::OverlegGesloten)));
    assert!(matches!(s.aanwezigheid(&g1, false), Err(StoreFout::OverlegGesloten)));
    assert!(matches!(s.agendapunt_verplaats(&derde, false), Err(StoreFout::OverlegGesloten)));
    assert!(matches!(s.agendapunt_verwijderen(&derde), Err(StoreFout::OverlegGesloten)));
    // After closing a correction is a new journal entry of the casus; the minutes stay.
    s.verslag_corrigeren(&derde, "Besluit was: huisbezoek op dinsdag").unwrap();
    let punt = s.agenda(&o).unwrap().into_iter().find(|p| p.id == derde).unwrap();
    assert_eq!(punt.besluit, "Besluit");
    let corr = s.verslagcorrecties(&o).unwrap();
    assert_eq!(corr.len(), 1);
    assert_eq!(corr[0].casusnummer, c);
    assert!(corr[0].tekst.contains("huisbezoek op dinsdag"), "{}", corr[0].tekst);
    let journaal: i64 = hulp::ruw(&map)
        .query_row(
            "SELECT count(*) FROM journaal j JOIN casus k ON k.id = j.casus_id WHERE k.nummer = ?1 AND j.tekst LIKE 'Correctie verslag casusoverleg 12-05-2026%'",
            [&c],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(journaal, 1);
    // Every write went through the change log: the invitation (its attendance left at
    // the default, which has no operation) and the attendance.
    let ops = |veld: &str| -> i64 {
        hulp::ruw(&map)
            .query_row(
                "SELECT count(*) FROM wijziging WHERE tabel = 'genodigde' AND rij = ?1 AND veld = ?2",
                [g1.as_str(), veld],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!((ops("overleg_id"), ops("aanwezig")), (1, 1), "invitation and attendance are both in the change log");
}

/// Median in Rust of the day differences the raw query returns.
fn mediaan(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let n = v.len();
    Some(if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 })
}

#[test]
fn kengetallen_match_direct_counts_in_the_store() {
    let (_dir, map, mut s) = hulp::store();
    schakel::demo::genereer(&mut s, 80, 7).unwrap();
    // One casus the ZVH supports while the local party keeps the regie, decided in the period.
    let steun = s
        .nieuwe_casus(schakel::store::NieuweCasus {
            werknaam: "Stille Eik".into(),
            thema: "nazorg".into(),
            datum_aanmelding: Some(d("2026-01-10")),
            ..Default::default()
        })
        .unwrap()
        .to_string();
    s.casus_fase(&steun, &schakel::domain::FaseOvergang::naar(schakel::domain::Fase::Weging)).unwrap();
    s.casus_weging(
        &steun,
        &schakel::store::Weging {
            uitkomst: schakel::domain::WegingUitkomst::Ondersteunen,
            datum: Some(d("2026-02-01")),
            overleg: None,
        },
    )
    .unwrap();
    let (van, tot) = (d("2025-06-01"), d("2026-05-31"));
    let k = s.kengetallen(van, tot).unwrap();
    let db = hulp::ruw(&map);
    let tel = |sql: &str| -> u32 {
        db.query_row(sql, rusqlite::params!["2025-06-01", "2026-05-31"], |r| r.get::<_, i64>(0)).unwrap() as u32
    };
    let nieuw = tel("SELECT count(*) FROM casus WHERE datum_aanmelding BETWEEN ?1 AND ?2");
    assert!(nieuw > 0, "demo data has referrals in the period");
    assert_eq!(k.aanmeldingen, nieuw);
    let mut stmt = db
        .prepare(
            "SELECT coalesce(t.naam, '(geen thema)'), count(*) FROM casus c LEFT JOIN thema t ON t.id = c.thema_id
             WHERE c.datum_aanmelding BETWEEN ?1 AND ?2 GROUP BY 1",
        )
        .unwrap();
    let mut per_thema: Vec<(String, u32)> = stmt
        .query_map(rusqlite::params!["2025-06-01", "2026-05-31"], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u32)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    per_thema.sort();
    let mut gekregen: Vec<(String, u32)> = k.per_thema.iter().map(|t| (t.label.clone(), t.aantal)).collect();
    gekregen.sort();
    assert_eq!(gekregen, per_thema);
    assert_eq!(
        k.per_aanmelder.iter().map(|t| t.aantal).sum::<u32>(),
        nieuw,
        "every referral is counted under one referrer"
    );
    let procesregie =
        tel("SELECT count(*) FROM casus WHERE weging_uitkomst = 'procesregie' AND datum_besluit BETWEEN ?1 AND ?2");
    assert_eq!(k.weging.iter().find(|t| t.label == "Procesregie").unwrap().aantal, procesregie);
    assert_eq!(
        k.procesregie_lopend,
        tel(
            "SELECT count(*) FROM casus WHERE datum_start <= ?2 AND (datum_afsluiting IS NULL OR datum_afsluiting > ?2) AND ?1 = ?1"
        )
    );
    assert_eq!(
        k.procesregie_afgesloten,
        tel("SELECT count(*) FROM casus WHERE datum_start IS NOT NULL AND datum_afsluiting BETWEEN ?1 AND ?2")
    );
    let ondersteunen = tel("SELECT count(*) FROM casus WHERE weging_uitkomst = 'ondersteunen' AND datum_besluit <= ?2
         AND (datum_afsluiting IS NULL OR datum_afsluiting > ?2) AND ?1 = ?1");
    assert!(ondersteunen > 0, "the data has a casus the ZVH supports");
    assert_eq!(k.ondersteunen_lopend, ondersteunen);
    let dagen = |sql: &str| -> Vec<f64> {
        let mut st = db.prepare(sql).unwrap();
        st.query_map(rusqlite::params!["2025-06-01", "2026-05-31"], |r| r.get::<_, f64>(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(
        k.mediaan_aanmelding_besluit,
        mediaan(dagen(
            "SELECT julianday(datum_besluit) - julianday(datum_aanmelding) FROM casus WHERE datum_besluit BETWEEN ?1 AND ?2"
        ))
    );
    assert_eq!(
        k.mediaan_start_afsluiting,
        mediaan(dagen(
            "SELECT julianday(datum_afsluiting) - julianday(datum_start) FROM casus
             WHERE datum_start IS NOT NULL AND datum_afsluiting BETWEEN ?1 AND ?2"
        ))
    );
    for score in 1..=5 {
        assert_eq!(
            k.tevredenheid[score - 1],
            tel(&format!(
                "SELECT count(*) FROM casus WHERE tevredenheid = {score} AND datum_afsluiting BETWEEN ?1 AND ?2"
            ))
        );
    }
    let eind: u32 = k.ave.iter().map(|(_, e)| e).sum();
    assert_eq!(eind, k.procesregie_afgesloten, "each closed procesregie case has one AVE at closure");

    // The CSV carries the same numbers.
    let csv = schakel::store::kengetallen::naar_csv(&k);
    let mut r = csv::Reader::from_reader(csv.as_slice());
    let rijen: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let rij = |a: &str, b: &str| rijen.iter().find(|x| &x[0] == a && &x[1] == b).map(|x| x[2].to_string());
    assert_eq!(rij("aanmeldingen", "totaal"), Some(nieuw.to_string()));
    assert_eq!(rij("procesregie", "lopend"), Some(k.procesregie_lopend.to_string()));
    assert_eq!(rij("ondersteunen", "lopend"), Some(ondersteunen.to_string()));
    assert_eq!(rij("periode", "van").as_deref(), Some("01-06-2025"));
}

struct Opzet {
    _dir: tempfile::TempDir,
    map: schakel::store::Gegevensmap,
    nummers: Vec<String>,
    politie: String,
    agent: String,
    trainer: String,
}

fn opzet() -> (Opzet, App) {
    let (dir, map, mut s) = hulp::store();
    let nummers = vec![hulp::casus(&mut s, "Eerste"), hulp::casus(&mut s, "Tweede"), hulp::casus(&mut s, "Derde")];
    let (politie, agent) = partner(&mut s, "Politie", Convenantstatus::Convenant, "Wijkagent Dalhof");
    let (_, trainer) = partner(&mut s, "Buurtsportclub", Convenantstatus::Geen, "Trainer Bos");
    let app = App::met_store(map.clone(), s);
    (Opzet { _dir: dir, map, nummers, politie, agent, trainer }, app)
}

fn ov(app: &mut App, m: overleggen::Message) {
    stuur_en_wacht(app, Message::Overleggen(m));
}

/// The acceptance flow: plan a casusoverleg with three cases, hold it, record BOB minutes
/// and a decision that becomes an action visible in the case's plan, close it.
#[test]
fn casusoverleg_plannen_voeren_en_sluiten() {
    let (o, mut app) = opzet();
    klik(&mut app, "Overleggen");
    verwacht(&app, "Nog geen overleggen gepland.");
    // Dutch validation of date and time.
    typ(&mut app, "overleg-datum", "31-02-2026");
    klik(&mut app, "Overleg plannen");
    verwacht(&app, "'31-02-2026' is geen geldige datum");
    ov(&mut app, overleggen::Message::Datum(String::new()));
    typ(&mut app, "overleg-datum", "12-05-2026");
    ov(&mut app, overleggen::Message::Tijd(String::new()));
    typ(&mut app, "overleg-tijd", "9.30");
    klik(&mut app, "Overleg plannen");
    verwacht(&app, "'9.30' is geen geldige tijd; gebruik uu:mm");
    ov(&mut app, overleggen::Message::Tijd("09:30".into()));
    typ(&mut app, "overleg-plaats", "Vergaderzaal 2");
    typ(&mut app, "overleg-voorzitter", "Anna Voorzitter");
    klik(&mut app, "Overleg plannen");
    verwacht(&app, "Overleg gepland.");
    verwacht(&app, "Casusoverleg 12-05-2026 om 09:30");

    // Three cases on the agenda (pick lists are driven by messages), default 15 minutes.
    for n in &o.nummers {
        ov(&mut app, overleggen::Message::KiesCasus(Keuze::new(n, n)));
        klik(&mut app, "Op de agenda");
    }
    verwacht(&app, "Agenda (3 agendapunten)");
    verwacht(&app, "09:30–09:45");
    verwacht(&app, "10:00–10:15");
    // Invitees; the club has no covenant: a warning names the cases.
    ov(&mut app, overleggen::Message::KiesGenodigde(Keuze::new(&o.agent, "Wijkagent Dalhof (Politie)")));
    klik(&mut app, "Uitnodigen");
    assert!(!toont(&app, "Let op:"), "no warning for a partner with covenant");
    ov(&mut app, overleggen::Message::KiesGenodigde(Keuze::new(&o.trainer, "Trainer Bos (Buurtsportclub)")));
    klik(&mut app, "Uitnodigen");
    verwacht(&app, "Let op: Trainer Bos (Buurtsportclub) heeft geen convenant");
    verwacht(&app, &o.nummers.join(", "));
    // Reorder: the last case moves up one slot.
    let db = hulp::ruw(&o.map);
    let ids: Vec<String> = {
        let mut st = db.prepare("SELECT id FROM agendapunt ORDER BY volgorde").unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    ov(&mut app, overleggen::Message::Verplaats(ids[2].clone(), true));
    let volgorde: Vec<String> = {
        let mut st = db
            .prepare("SELECT c.nummer FROM agendapunt a JOIN casus c ON c.id = a.casus_id ORDER BY a.volgorde")
            .unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(volgorde, vec![o.nummers[0].clone(), o.nummers[2].clone(), o.nummers[1].clone()]);

    // Hold the meeting: attendance, BOB minutes, Ctrl+S saves them.
    klik(&mut app, "Overleg voeren");
    let agent_genodigde: String =
        db.query_row("SELECT id FROM genodigde WHERE contact_id = ?1", [&o.agent], |r| r.get(0)).unwrap();
    ov(&mut app, overleggen::Message::Aanwezig(agent_genodigde.clone(), true));
    let aanwezig: Option<i64> =
        db.query_row("SELECT aanwezig FROM genodigde WHERE id = ?1", [&agent_genodigde], |r| r.get(0)).unwrap();
    assert_eq!(aanwezig, Some(1));
    typ(&mut app, "bob-beeld-0", "Schulden lopen op");
    typ(&mut app, "bob-oordeel-0", "Zorgelijk");
    typ(&mut app, "bob-besluit-0", "Budgetcoach inzetten");
    stuur_en_wacht(&mut app, Message::Opslaan);
    verwacht(&app, "Verslag opgeslagen.");
    let (beeld, besluit): (String, String) = db
        .query_row("SELECT beeld, besluit FROM agendapunt WHERE id = ?1", [&ids[0]], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!((beeld.as_str(), besluit.as_str()), ("Schulden lopen op", "Budgetcoach inzetten"));

    // The decision becomes an action in the plan of the first case.
    klik(&mut app, "Actie uit besluit");
    ov(&mut app, overleggen::Message::ActiePartner(Keuze::new(&o.politie, "Politie")));
    ov(&mut app, overleggen::Message::ActieContact(Keuze::new(&o.agent, "Wijkagent Dalhof")));
    typ(&mut app, "actie-deadline", "31-13-2026");
    klik(&mut app, "Actie toevoegen");
    verwacht(&app, "'31-13-2026' is geen geldige datum");
    ov(&mut app, overleggen::Message::ActieDeadline("30-06-2026".into()));
    klik(&mut app, "Actie toevoegen");
    verwacht(&app, &format!("Actie toegevoegd aan het plan van aanpak van casus {}", o.nummers[0]));
    verwacht(&app, "Actie in het plan: Budgetcoach inzetten — Politie / Wijkagent Dalhof, uiterlijk 30-06-2026");

    // Printing the agenda and the verslag writes PDFs (the viewer is `true` in tests).
    klik_en_wacht(&mut app, "Agenda afdrukken");
    verwacht(&app, "is geopend in de PDF-viewer");
    let agenda = o.map.pad().join("afdrukken").join("Agenda casusoverleg 12-05-2026.pdf");
    let (tekst, _) = crate::rapport::tekst(&std::fs::read(&agenda).expect("printed agenda"));
    assert!(tekst.contains(&o.nummers[2]), "{tekst}");
    klik_en_wacht(&mut app, "Verslag afdrukken");
    let verslag = o.map.pad().join("afdrukken").join("Verslag casusoverleg 12-05-2026.pdf");
    let (tekst, _) = crate::rapport::tekst(&std::fs::read(&verslag).expect("printed verslag"));
    assert!(tekst.contains("Budgetcoach inzetten"), "{tekst}");

    // Close with confirmation: cancelling keeps it open, confirming makes the minutes read-only.
    klik(&mut app, "Overleg sluiten");
    verwacht(&app, "Overleg sluiten?");
    klik(&mut app, "Annuleren");
    assert!(!toont(&app, "Overleg sluiten?"), "cancel closes the dialog");
    verwacht(&app, "Verslag opslaan (Ctrl+S)");
    klik(&mut app, "Overleg sluiten");
    klik(&mut app, "Ja, overleg sluiten");
    verwacht(&app, "Overleg gesloten; het verslag is nu alleen te lezen.");
    verwacht(&app, "Dit overleg is gesloten: het verslag is alleen te lezen.");
    assert!(!toont(&app, "Verslag opslaan (Ctrl+S)"), "no editable minutes after closing");
    assert!(!toont(&app, "Actie uit besluit"), "no new actions after closing");
    verwacht(&app, "Schulden lopen op");
    typ_in(&mut app, "Correctie op dit verslag", "Budgetcoach via de gemeente");
    klik(&mut app, "Correctie vastleggen");
    verwacht(&app, "Correctie vastgelegd in het journaal van de casus.");
    verwacht(&app, "Budgetcoach via de gemeente");
    klik_en_wacht(&mut app, "Verslag afdrukken");
    let (tekst, _) = crate::rapport::tekst(&std::fs::read(&verslag).expect("printed verslag"));
    assert!(tekst.contains("Correcties na sluiten") && tekst.contains("via de gemeente"), "{tekst}");

    // The agenda is read-only too; from it, the case opens and the action is in its plan.
    klik(&mut app, "Voorbereiden");
    assert!(!toont(&app, "Op de agenda"), "no agenda changes after closing");
    klik(&mut app, &format!("Casus {}", o.nummers[0]));
    stuur_en_wacht(&mut app, Message::Detail(detail::Message::Tab(detail::Tab::Plan)));
    verwacht(&app, "Budgetcoach inzetten");
}

/// Kengetallen on the demo data: the screen shows the number a direct count finds.
#[test]
fn kengetallen_scherm_toont_de_telling_uit_de_store() {
    let (_dir, map, mut s) = hulp::store();
    schakel::demo::genereer(&mut s, 40, 11).unwrap();
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::Navigeer(Pagina::Kengetallen));
    stuur_en_wacht(&mut app, Message::Kengetallen(kengetallen::Message::Van("01-01-2025".into())));
    stuur_en_wacht(&mut app, Message::Kengetallen(kengetallen::Message::Tot("31-12-2025".into())));
    klik_en_wacht(&mut app, "Berekenen");
    let db = hulp::ruw(&map);
    let nieuw: i64 = db
        .query_row("SELECT count(*) FROM casus WHERE datum_aanmelding BETWEEN '2025-01-01' AND '2025-12-31'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let lopend: i64 = db
        .query_row(
            "SELECT count(*) FROM casus WHERE datum_start <= '2025-12-31' AND (datum_afsluiting IS NULL OR datum_afsluiting > '2025-12-31')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    verwacht(&app, "Nieuwe aanmeldingen per thema");
    assert!(nieuw > 0);
    // Each figure under its own label (a bare number could match any small number shown).
    let scherm = crate::ui::schermtekst(&app);
    assert!(scherm.contains(&format!("Nieuwe aanmeldingen | {nieuw} | in de periode")), "{scherm}");
    assert!(scherm.contains(&format!("In procesregie, lopend | {lopend} | aan het eind van de periode")), "{scherm}");
    // The first theme row in the table has the count of the biggest group.
    let grootste: (String, i64) = db
        .query_row(
            "SELECT t.naam, count(*) n FROM casus c JOIN thema t ON t.id = c.thema_id
             WHERE c.datum_aanmelding BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY t.naam ORDER BY n DESC, t.naam LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    verwacht(&app, &grootste.0);
    // A period that ends before it starts is refused in Dutch.
    stuur_en_wacht(&mut app, Message::Kengetallen(kengetallen::Message::Tot("01-01-2024".into())));
    klik_en_wacht(&mut app, "Berekenen");
    verwacht(&app, "De periode eindigt vóór ze begint.");

    // CSV export through the save dialog's answer.
    stuur_en_wacht(&mut app, Message::Kengetallen(kengetallen::Message::Tot("31-12-2025".into())));
    klik_en_wacht(&mut app, "Berekenen");
    let uit = tempfile::tempdir().unwrap();
    let pad = uit.path().join("kengetallen.csv");
    klik(&mut app, "Exporteren (CSV)");
    // The dialog cannot open headless; feed its answer with the figures the screen holds.
    let cijfers = {
        let st = Store::open(&map, &hulp::sleutel()).unwrap();
        st.kengetallen(d("2025-01-01"), d("2025-12-31")).unwrap()
    };
    stuur_en_wacht(&mut app, Message::KengetallenPadGekozen { cijfers: Box::new(cijfers), pad: Some(pad.clone()) });
    verwacht(&app, "Kengetallen opgeslagen in");
    let csv = std::fs::read_to_string(&pad).unwrap();
    assert!(csv.contains(&format!("aanmeldingen,totaal,{nieuw}")), "{csv}");
}

/// Partners: contact list export (CSV, vCard) and import with the rejected rows kept on screen.
#[test]
fn contactlijst_exporteren_en_importeren_op_het_partnerscherm() {
    let (o, mut app) = opzet();
    klik(&mut app, "Partners");
    let uit = tempfile::tempdir().unwrap();
    let csv = uit.path().join("contacten.csv");
    stuur_en_wacht(
        &mut app,
        Message::ContactlijstPadGekozen { actie: partners::Bestandsactie::ExportCsv, pad: Some(csv.clone()) },
    );
    verwacht(&app, "2 contactpersonen opgeslagen in");
    let tekst = std::fs::read_to_string(&csv).unwrap();
    assert!(tekst.contains("Wijkagent Dalhof"), "{tekst}");
    let vcf = uit.path().join("contacten.vcf");
    stuur_en_wacht(
        &mut app,
        Message::ContactlijstPadGekozen { actie: partners::Bestandsactie::ExportVcard, pad: Some(vcf.clone()) },
    );
    assert!(std::fs::read_to_string(&vcf).unwrap().contains("FN:Trainer Bos"));

    let invoer = uit.path().join("nieuw.csv");
    std::fs::write(
        &invoer,
        "organisatie,soort,convenant,naam,functie,telefoon,email,themas\n\
         Woningcorporatie Het Anker,overig,convenant,Ilse Fictief,,06-01234567,ilse@anker.example,\n\
         Woningcorporatie Het Anker,overig,convenant,Omar Voorbeeld,,12345,,\n",
    )
    .unwrap();
    stuur_en_wacht(
        &mut app,
        Message::ContactlijstPadGekozen { actie: partners::Bestandsactie::ImportCsv, pad: Some(invoer) },
    );
    verwacht(
        &app,
        "Contactlijst ingelezen: 1 nieuwe partner(s), 1 nieuwe contactpersoon/-personen, 0 al aanwezig, 1 regel(s) afgewezen.",
    );
    verwacht(&app, "Regel 2:");
    verwacht(&app, "'12345' is geen geldig telefoonnummer");
    verwacht(&app, "Woningcorporatie Het Anker");
    let _ = o.politie;
}

/// Before closing: a meeting dated in the future and items without minutes are named.
/// Closing writes each item's minutes into the casus journaal, where search finds them;
/// a closed meeting cannot be closed again.
#[test]
fn sluiten_waarschuwt_en_zet_het_verslag_in_het_journaal() {
    let (_dir, _map, mut s) = hulp::store();
    let a = hulp::casus(&mut s, "Met verslag");
    let b = hulp::casus(&mut s, "Zonder verslag");
    let morgen = chrono::Local::now().date_naive() + chrono::Duration::days(7);
    let o = s
        .overleg_plannen(NieuwOverleg {
            soort: OverlegSoort::Casusoverleg.code().into(),
            datum: morgen,
            begintijd: NaiveTime::parse_from_str("09:00", "%H:%M").unwrap(),
            plaats: "Zaal".into(),
            voorzitter: "Test Regisseur".into(),
        })
        .unwrap();
    let pa = s.agendapunt_toevoegen(&o, &a, 15).unwrap();
    s.agendapunt_toevoegen(&o, &b, 15).unwrap();
    s.agendapunt_bob(&pa, "Woonsituatie xylofoonwoord onzeker", "Zorgen", "Huisbezoek plannen").unwrap();
    let c = s.overleg_sluiten_controle(&o).unwrap();
    assert!(c.in_de_toekomst);
    assert_eq!(c.zonder_bob, std::slice::from_ref(&b));
    assert!(s.zoek("xylofoonwoord", 10).unwrap().is_empty(), "open minutes are not in the journaal yet");
    s.overleg_sluiten(&o).unwrap();
    let journaal = s.casus_detail(&a).unwrap().journaal;
    let regel = journaal.iter().find(|j| j.tekst.starts_with("Verslag casusoverleg")).expect("minutes in the journaal");
    assert!(regel.tekst.contains("Beeld: Woonsituatie xylofoonwoord onzeker"), "{}", regel.tekst);
    assert!(regel.tekst.contains("Besluit: Huisbezoek plannen"));
    assert!(s.casus_detail(&b).unwrap().journaal.iter().all(|j| !j.tekst.starts_with("Verslag")));
    let treffers = s.zoek("xylofoonwoord", 10).unwrap();
    assert_eq!(treffers.len(), 1, "the minutes are found by search");
    assert!(s.verslagcorrecties(&o).unwrap().is_empty(), "minutes are not listed as corrections");
    assert!(matches!(s.overleg_sluiten(&o), Err(StoreFout::OverlegGesloten)));
}

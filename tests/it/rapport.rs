//! PDF reports: text extracted back from the PDF, data minimisation, page flow.

use crate::hulp::{self, casus};
use schakel::domain::partner::PartnerSoort;
use schakel::domain::{Convenantstatus, OverlegSoort, Rol};
use schakel::report::{self, AgendaOpties};
use schakel::store::{NieuwContact, NieuwOverleg, NieuweActie, NieuweBetrokkene, NieuwePartner, Store};

/// All text of a PDF, whitespace-normalised, and its page count.
pub fn tekst(pdf: &[u8]) -> (String, usize) {
    let doc = lopdf::Document::load_mem(pdf).expect("valid PDF");
    let paginas: Vec<u32> = doc.get_pages().keys().copied().collect();
    let t = doc.extract_text(&paginas).expect("extractable text");
    (t.split_whitespace().collect::<Vec<_>>().join(" "), paginas.len())
}

fn overleg_met_casussen(s: &mut Store) -> (String, Vec<String>) {
    let p = s
        .partner_toevoegen(NieuwePartner {
            naam: "Reclassering Noord".into(),
            soort: PartnerSoort::Justitie,
            convenantstatus: Convenantstatus::Convenant,
        })
        .unwrap();
    let k = s
        .contact_toevoegen(
            &p,
            NieuwContact { naam: "Joëlle Brëmhof".into(), functie: "Toezichthouder".into(), ..Default::default() },
        )
        .unwrap();
    let o = s
        .overleg_plannen(NieuwOverleg {
            soort: OverlegSoort::Weegtafel.code().into(),
            datum: chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
            begintijd: chrono::NaiveTime::from_hms_opt(9, 30, 0).unwrap(),
            plaats: "Vergaderzaal 2".into(),
            voorzitter: "Test Regisseur".into(),
        })
        .unwrap();
    s.genodigde_toevoegen(&o, &k).unwrap();
    let mut nummers = Vec::new();
    for (werknaam, naam) in
        [("Stille Eik", "Zoë van Bremhorst"), ("Oude Wilg", "Maël Linkers"), ("Late Merel", "René Heghof")]
    {
        let n = casus(s, werknaam);
        s.betrokkene_toevoegen(
            &n,
            NieuweBetrokkene {
                naam: naam.into(),
                geboortedatum: chrono::NaiveDate::from_ymd_opt(1990, 5, 17),
                rol: Rol::Hoofdpersoon,
                bsn: Some("111222333".into()),
                initialen: None,
            },
        )
        .unwrap();
        s.agendapunt_toevoegen(&o, &n, 15).unwrap();
        nummers.push(n);
    }
    (o, nummers)
}

#[test]
fn agenda_shows_only_number_initials_and_thema() {
    let (_d, _m, mut s) = hulp::store();
    let (o, nummers) = overleg_met_casussen(&mut s);
    let r = report::agenda(&s, &o, AgendaOpties::default()).unwrap();
    let (t, _) = tekst(&r.pdf);
    for n in &nummers {
        assert!(t.contains(n.as_str()), "agenda lacks {n}: {t}");
    }
    assert!(t.contains("Z.v.B."), "initials missing: {t}");
    assert!(t.contains("Nazorg (ex-)gedetineerden"));
    assert!(t.contains("09:30–09:45") && t.contains("09:45–10:00") && t.contains("10:00–10:15"), "{t}");
    assert!(t.contains("Joëlle Brëmhof"), "invitee with diacritics: {t}");
    assert!(t.contains("Vertrouwelijk") && t.contains("pagina 1 van 1"), "{t}");
    for verboden in
        ["Zoë", "Bremhorst", "Maël", "Linkers", "René", "Heghof", "111222333", "17-05-1990", "1990", "Stille Eik"]
    {
        assert!(!t.contains(verboden), "agenda leaks {verboden:?}: {t}");
    }
    // The werknaam setting adds the working name, nothing more.
    let (t, _) = tekst(&report::agenda(&s, &o, AgendaOpties { met_werknaam: true }).unwrap().pdf);
    assert!(t.contains("Stille Eik"));
    assert!(!t.contains("Bremhorst"));
}

#[test]
fn verslag_has_bob_minutes_and_decided_actions() {
    let (_d, _m, mut s) = hulp::store();
    let (o, nummers) = overleg_met_casussen(&mut s);
    let punt = s.agenda(&o).unwrap()[0].id.clone();
    s.agendapunt_bob(&punt, "Betrokkene is dakloos geraakt.", "Risico op terugval is groot.", "Urgentie aanvragen.")
        .unwrap();
    s.besluit_naar_actie(&punt, NieuweActie { omschrijving: "Urgentieaanvraag indienen".into(), ..Default::default() })
        .unwrap();
    let (t, _) = tekst(&report::verslag(&s, &o).unwrap().pdf);
    assert!(t.contains("Betrokkene is dakloos geraakt."), "{t}");
    assert!(t.contains("Risico op terugval is groot."));
    assert!(t.contains("Urgentieaanvraag indienen"));
    assert!(t.contains(&nummers[0]));
    assert!(t.contains("Zoë van Bremhorst"), "verslag may name the persons: {t}");
}

#[test]
fn plan_with_60_long_actions_flows_over_pages_with_repeated_headers() {
    let (_d, _m, mut s) = hulp::store();
    let n = casus(&mut s, "Blauwe Reiger");
    let lang = "met een uitgebreide toelichting over afspraken met de woningcorporatie, de schuldhulpverlening en het wijkteam, zodat duidelijk is wie wat doet";
    for i in 0..60 {
        s.actie_toevoegen(&n, NieuweActie { omschrijving: format!("Actie-{i:02} {lang}"), ..Default::default() })
            .unwrap();
    }
    s.plan_vastleggen(&n, "Vastgesteld — coördinatie € 0").unwrap();
    let r = report::plan(&mut s, &n, Some(1)).unwrap();
    let (t, paginas) = tekst(&r.pdf);
    assert!(paginas >= 4, "only {paginas} pages");
    assert_eq!(r.paginas, paginas);
    for i in 0..60 {
        assert!(t.contains(&format!("Actie-{i:02}")), "action {i} missing");
    }
    // The actions table header repeats on every page that continues the table.
    let doc = lopdf::Document::load_mem(&r.pdf).unwrap();
    let mut met_kop = 0;
    for nr in doc.get_pages().keys() {
        if doc.extract_text(&[*nr]).unwrap().contains("Partner / contact") {
            met_kop += 1;
        }
    }
    assert!(met_kop >= paginas - 1, "header on {met_kop} of {paginas} pages");
    assert!(t.contains(&format!("pagina {paginas} van {paginas}")));
    assert!(t.contains("Vastgesteld — coördinatie € 0"), "Dutch characters survive: {t}");
    assert!(matches!(report::plan(&mut s, &n, Some(9)), Err(report::RapportFout::GeenVersie(9))));
}

#[test]
fn overzicht_for_a_pi_visit() {
    let (_d, _m, mut s) = hulp::store();
    let n = casus(&mut s, "Hoge Spar");
    let b = s
        .betrokkene_toevoegen(
            &n,
            NieuweBetrokkene {
                naam: "Daan Kampdijk".into(),
                geboortedatum: None,
                rol: Rol::Hoofdpersoon,
                bsn: None,
                initialen: None,
            },
        )
        .unwrap();
    s.detentie_toevoegen(
        &b,
        schakel::store::NieuweDetentie { inrichting: "PI Veenhuizen".into(), ..Default::default() },
    )
    .unwrap();
    s.actie_toevoegen(&n, NieuweActie { omschrijving: "ID-kaart aanvragen".into(), ..Default::default() }).unwrap();
    let r = report::overzicht(&mut s, &n).unwrap();
    let (t, paginas) = tekst(&r.pdf);
    assert_eq!(paginas, 1);
    assert!(t.contains("Daan Kampdijk") && t.contains("PI Veenhuizen") && t.contains("ID-kaart aanvragen"), "{t}");
    let doc = lopdf::Document::load_mem(&r.pdf).unwrap();
    let info = doc.get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap()).unwrap();
    assert_eq!(lopdf::decode_text_string(info.get(b"Author").unwrap()).unwrap(), "Schakel");
    assert!(lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap().contains(&n));
}

/// A vervallen action is not presented for signature as if current: it is listed apart,
/// under its own heading, after the current actions.
#[test]
fn plan_toont_vervallen_actie_apart() {
    let (_d, _m, mut s) = hulp::store();
    let n = casus(&mut s, "Stille Vink");
    s.actie_toevoegen(&n, NieuweActie { omschrijving: "Lopende kwartelactie".into(), ..Default::default() }).unwrap();
    let weg = s
        .actie_toevoegen(&n, NieuweActie { omschrijving: "Vervallen zwaluwactie".into(), ..Default::default() })
        .unwrap();
    let w =
        schakel::store::ActieWijziging { status: Some(schakel::domain::ActieStatus::Vervallen), ..Default::default() };
    s.actie_wijzig(&weg.id, &w).unwrap();
    let r = report::plan(&mut s, &n, None).unwrap();
    let (t, _) = tekst(&r.pdf);
    let kop = t.find("Vervallen acties (ter informatie, niet ter ondertekening)").expect("a section of its own");
    let lopend = t.find("Lopende kwartelactie").unwrap();
    let vervallen = t.find("Vervallen zwaluwactie").unwrap();
    assert!(lopend < kop && kop < vervallen, "{t}");
    let akkoord = t.find("Akkoord van de partners").unwrap();
    assert!(vervallen < akkoord);
}

#[test]
fn every_report_embeds_font_subsets_and_stays_small() {
    let (_d, _m, mut s) = hulp::store();
    let (o, nummers) = overleg_met_casussen(&mut s);
    s.plan_vastleggen(&nummers[0], "Eerste versie").unwrap();
    let rapporten = [
        ("agenda", report::agenda(&s, &o, AgendaOpties::default()).unwrap()),
        ("verslag", report::verslag(&s, &o).unwrap()),
        ("plan", report::plan(&mut s, &nummers[0], Some(1)).unwrap()),
        ("overzicht", report::overzicht(&mut s, &nummers[0]).unwrap()),
    ];
    for (naam, r) in &rapporten {
        // Two whole DejaVu fonts alone are ~1 MB; subsets of the used glyphs are a few KB.
        assert!(r.pdf.len() < 60 * 1024, "{naam}: {} bytes", r.pdf.len());
        let (t, _) = tekst(&r.pdf);
        assert!(t.contains("Vertrouwelijk") && t.contains(&nummers[0]), "{naam} text not extractable: {t}");
        // The font programs are subsets, tagged as such (ABCDEF+Name) or at least small.
        let doc = lopdf::Document::load_mem(&r.pdf).unwrap();
        let mut letters = 0;
        for obj in doc.objects.values() {
            if let Ok(d) = obj.as_dict()
                && let Ok(f) = d.get(b"FontFile2")
            {
                let stroom = doc.get_object(f.as_reference().unwrap()).unwrap().as_stream().unwrap();
                let lengte = stroom.decompressed_content().map(|c| c.len()).unwrap_or(stroom.content.len());
                assert!(lengte < 40 * 1024, "{naam}: embedded font of {lengte} bytes is not a subset");
                letters += 1;
            }
        }
        assert_eq!(letters, 2, "{naam}: regular and bold font embedded");
    }
}

#[test]
fn right_to_left_names_and_missing_glyphs_in_a_report() {
    let (_d, _m, mut s) = hulp::store();
    let n = casus(&mut s, "Hoge Spar");
    // Fictional names: Hebrew, Arabic, and one with a character DejaVu Sans lacks.
    for naam in ["ירון דלהוף", "سمير كامبدايك", "Li 王berk"] {
        s.betrokkene_toevoegen(
            &n,
            NieuweBetrokkene {
                naam: naam.into(),
                geboortedatum: None,
                rol: Rol::Familielid,
                bsn: None,
                initialen: None,
            },
        )
        .unwrap();
    }
    let r = report::overzicht(&mut s, &n).unwrap();
    let (t, _) = tekst(&r.pdf);
    let omgekeerd = |t: &str| t.chars().rev().collect::<String>();
    assert!(t.contains(&omgekeerd("ירון דלהוף")), "Hebrew name not in visual order: {t}");
    assert!(t.contains(&omgekeerd("سمير كامبدايك")), "Arabic name not in visual order: {t}");
    assert!(t.contains("Li \u{FFFD}berk") && !t.contains('王'), "missing glyph not marked: {t}");
}

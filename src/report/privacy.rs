//! Reports for the privacy officer: the answer to an inzageverzoek and the audit export.

use super::opmaak::{Kolom, Opmaak};
use super::{Rapport, RapportFout, af, maten, vandaag, zvh};
use crate::domain::nl_datum;
use crate::store::{AuditControle, AuditExportRegel, AuditFilter, Inzage, Rij, Store};

/// Dutch label for a stored column.
fn label(kolom: &str) -> String {
    let vast = match kolom {
        "id" => "Record-id",
        "casus_id" => "Casus-id",
        "betrokkene_id" => "Betrokkene-id",
        "bsn" => "BSN",
        "ave" => "AVE-fase",
        "van" => "Van",
        "naar" => "Naar",
        "datum_aanmelding" => "Datum aanmelding",
        "datum_besluit" => "Datum besluit",
        "datum_start" => "Datum start",
        "datum_afsluiting" => "Datum afsluiting",
        "einddatum_verwacht" => "Verwachte einddatum",
        "leefgebied_id" => "Leefgebied",
        "thema_id" => "Thema",
        _ => "",
    };
    if !vast.is_empty() {
        return vast.to_string();
    }
    let t = kolom.replace('_', " ");
    let mut c = t.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// A stored value as text: dates in Dutch order, empty as a dash.
fn waarde(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "—".into(),
        serde_json::Value::String(s) if s.is_empty() => "—".into(),
        serde_json::Value::String(s) if chrono::DateTime::parse_from_rfc3339(s).is_ok() => tijd(s),
        serde_json::Value::String(s) => nl_datum(s),
        other => other.to_string(),
    }
}

fn velden(d: &mut Opmaak<'_>, rij: &Rij, weglaten: &[&str]) {
    let paren: Vec<(String, String)> =
        rij.iter().filter(|(k, _)| !weglaten.contains(&k.as_str())).map(|(k, v)| (label(k), waarde(v))).collect();
    let refs: Vec<(&str, String)> = paren.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    d.velden(&refs);
}

fn rijen(d: &mut Opmaak<'_>, kop: &str, rijen: &[Rij], weglaten: &[&str]) {
    d.kop(kop);
    if rijen.is_empty() {
        d.alinea("Niets vastgelegd.");
        return;
    }
    for (i, r) in rijen.iter().enumerate() {
        if i > 0 {
            d.ruimte(2.0);
        }
        velden(d, r, weglaten);
    }
}

fn handeling(h: &str) -> &str {
    match h {
        "aanmaken" => "aangemaakt",
        "wijzigen" => "gewijzigd",
        "verwijderen" => "verwijderd",
        "inzien" => "ingezien",
        "exporteren" => "geëxporteerd / afgedrukt",
        "ontvangen" => "ontvangen (sync)",
        "vernietigen" => "verwijderd na bewaartermijn",
        other => other,
    }
}

fn tijd(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| t.with_timezone(&chrono::Local).format("%d-%m-%Y %H:%M").to_string())
        .unwrap_or_else(|_| rfc3339.to_string())
}

fn auditrijen(regels: &[AuditExportRegel]) -> Vec<Vec<String>> {
    regels
        .iter()
        .map(|r| {
            let wat = match (&r.regel.veld, &r.toelichting) {
                (_, Some(t)) => format!("{}: {t}", r.regel.tabel),
                (Some(v), None) => format!("{}.{v}", r.regel.tabel),
                (None, None) => r.regel.tabel.clone(),
            };
            vec![
                tijd(&r.regel.tijdstip),
                r.regel.gebruiker.clone(),
                handeling(&r.regel.handeling).to_string(),
                wat,
                r.casusnummer.clone().unwrap_or_default(),
            ]
        })
        .collect()
}

fn auditkolommen() -> [Kolom; 5] {
    [
        Kolom::new("Tijdstip", 38.0),
        Kolom::new("Wie", 30.0),
        Kolom::new("Handeling", 30.0),
        Kolom::new("Wat (tabel.veld)", 46.0),
        Kolom::new("Casus", 26.0),
    ]
}

/// The answer to an inzageverzoek as PDF: every stored field of the person, per casus,
/// and who viewed or changed it. The JSON export holds the same data.
pub fn inzage(store: &Store, inzage: &Inzage) -> Result<Rapport, RapportFout> {
    let m = maten()?;
    let mut d = Opmaak::new(&m, &zvh(store)?);
    let naam = inzage
        .casussen
        .first()
        .and_then(|c| c.persoon.get("naam"))
        .or_else(|| inzage.meldingen.first().and_then(|m| m.melding.get("naam")))
        .and_then(|v| v.as_str())
        .unwrap_or("betrokkene")
        .to_string();
    let titel = format!("Inzageverzoek {naam}");
    d.titel(&titel);
    d.velden(&[
        ("Opgesteld op", tijd(&inzage.opgesteld_op)),
        ("Opgesteld door", inzage.opgesteld_door.clone()),
        ("Casussen", inzage.casussen.iter().map(|c| c.casusnummer.clone()).collect::<Vec<_>>().join(", ")),
    ]);
    d.alinea(
        "Overzicht van alle gegevens die in Schakel over deze persoon zijn vastgelegd (art. 15 AVG). Gegevens \
         over andere betrokkenen zijn weggelaten. Casusgegevens (journaal, plan, verslagen) kunnen informatie over \
         derden bevatten: controleer dat vóór verstrekking (art. 15 lid 4 AVG).",
    );
    for c in &inzage.casussen {
        d.kop(&format!("Casus {}", c.casusnummer));
        d.kop("Persoonsgegevens");
        velden(&mut d, &c.persoon, &[]);
        rijen(&mut d, "Detentie", &c.detenties, &["casus_id", "betrokkene_id"]);
        d.kop("Casusgegevens");
        velden(&mut d, &c.casus, &[]);
        if c.andere_betrokkenen > 0 {
            d.alinea(&format!(
                "In deze casus zijn {} andere betrokkenen vastgelegd; hun gegevens zijn weggelaten.",
                c.andere_betrokkenen
            ));
        }
        rijen(&mut d, "Fasehistorie", &c.fase_historie, &["casus_id"]);
        rijen(&mut d, "AVE-historie", &c.ave_historie, &["casus_id"]);
        rijen(&mut d, "Journaal", &c.journaal, &["casus_id"]);
        rijen(&mut d, "Doelen", &c.doelen, &["casus_id"]);
        rijen(&mut d, "Acties", &c.acties, &["casus_id"]);
        rijen(&mut d, "Risico's", &c.risicos, &["casus_id"]);
        rijen(&mut d, "Vastgelegde planversies", &c.planversies, &["casus_id"]);
        rijen(&mut d, "Besprekingen in overleggen (BOB)", &c.agendapunten, &["casus_id"]);
        rijen(&mut d, "Verlengingen van de bewaartermijn", &c.bewaarverlengingen, &["casus_id"]);
        rijen(&mut d, "Opschalingen", &c.opschalingen, &["casus_id"]);
        rijen(&mut d, "Adviesvraag waaruit de casus voortkwam", &c.adviesvragen, &["casus_id"]);
        rijen(&mut d, "Koppelingen met andere casussen", &c.koppelingen, &[]);
        d.kop("Wie heeft deze gegevens ontvangen");
        if c.ontvangen.is_empty() {
            d.alinea("Geen bundels, overleggen of PDF's vastgelegd.");
        } else {
            let kolommen = [
                Kolom::new("Wat", 34.0),
                Kolom::new("Aan / welk document", 76.0),
                Kolom::new("Wanneer", 32.0),
                Kolom::new("Door / status", 28.0),
            ];
            let r: Vec<Vec<String>> = c
                .ontvangen
                .iter()
                .map(|o| vec![o.wat.clone(), o.aan.clone(), waarde(&o.wanneer.clone().into()), o.door.clone()])
                .collect();
            d.tabel(&kolommen, &r);
        }
        d.kop("Wie heeft deze gegevens ingezien of gewijzigd");
        d.tabel(&auditkolommen(), &auditrijen(&c.audit));
    }
    for m in &inzage.meldingen {
        d.kop("Detentiemelding");
        velden(&mut d, &m.melding, &[]);
        rijen(&mut d, "Bevraagde bronnen", &m.bronnen, &["melding_id"]);
        rijen(&mut d, "Aanbod per leefgebied", &m.aanbod, &["melding_id"]);
        rijen(&mut d, "Notities (verslagen van PI-bezoeken)", &m.notities, &["melding_id"]);
        rijen(&mut d, "Op de bezoeklijst van een PI-bezoek", &m.bezoeken, &["melding_id", "eigenaar_id"]);
        d.kop("Wie heeft deze melding ontvangen");
        if m.ontvangen.is_empty() {
            d.alinea("Geen bundels vastgelegd.");
        } else {
            let r: Vec<Vec<String>> = m
                .ontvangen
                .iter()
                .map(|o| vec![o.wat.clone(), o.aan.clone(), waarde(&o.wanneer.clone().into())])
                .collect();
            d.tabel(&[Kolom::new("Wat", 34.0), Kolom::new("Aan", 104.0), Kolom::new("Wanneer", 32.0)], &r);
        }
        d.kop("Wie heeft deze melding ingezien of gewijzigd");
        d.tabel(&auditkolommen(), &auditrijen(&m.audit));
    }
    let referentie = format!("Inzageverzoek {naam}");
    af(titel, d.af(&referentie, &vandaag()))
}

/// The herstelsleutel on one printable page, to keep apart from the laptop.
pub fn herstelsleutel(store: &Store, code: &str) -> Result<Rapport, RapportFout> {
    let m = maten()?;
    let mut d = Opmaak::new(&m, &zvh(store)?);
    let titel = "Herstelsleutel Schakel".to_string();
    d.titel(&titel);
    d.velden(&[
        ("Medewerker", store.gebruiker().to_string()),
        ("Apparaat", store.apparaat().to_string()),
        ("Gemaakt op", vandaag()),
    ]);
    d.kop("Herstelsleutel");
    d.titel(code);
    d.alinea(
        "Met deze code krijgt u weer toegang tot uw Schakel-database als de sleutelbos van het systeem de sleutel \
         kwijt is (nieuwe aanmelding, verloren sleutelbos) of als u het wachtwoord van het sleutelbestand vergeten \
         bent: kies 'Herstelsleutel gebruiken' in het ontgrendelscherm, of 'schakel sleutel herstel'.",
    );
    d.alinea(
        "Bewaar dit blad op een veilige plek, niet bij de laptop: wie de code én de laptop heeft, kan de database \
         openen. Is het blad zoek of gezien door een ander, maak dan een nieuwe herstelsleutel ('schakel sleutel \
         herstelsleutel' of de Privacypagina); deze code werkt dan niet meer.",
    );
    af(titel.clone(), d.af(&titel, &vandaag()))
}

/// The audit export as PDF, with the result of the hash-chain check on the first page.
pub fn audit(
    store: &Store,
    regels: &[AuditExportRegel],
    controle: &AuditControle,
    filter: &AuditFilter,
) -> Result<Rapport, RapportFout> {
    let m = maten()?;
    let mut d = Opmaak::new(&m, &zvh(store)?);
    let titel = "Auditlog".to_string();
    d.titel(&titel);
    let periode = match (filter.van, filter.tot) {
        (None, None) => "alles".to_string(),
        (v, t) => format!(
            "{} t/m {}",
            v.map(|d| d.format("%d-%m-%Y").to_string()).unwrap_or_else(|| "begin".into()),
            t.map(|d| d.format("%d-%m-%Y").to_string()).unwrap_or_else(|| "heden".into())
        ),
    };
    d.velden(&[
        ("Periode", periode),
        ("Casus", filter.casus.clone().unwrap_or_else(|| "alle".into())),
        ("Regels", regels.len().to_string()),
        ("Hash-keten", ketenuitslag(controle)),
    ]);
    d.alinea("Het auditlog noemt records en velden, nooit hun inhoud.");
    d.tabel(&auditkolommen(), &auditrijen(regels));
    af(titel.clone(), d.af(&titel, &vandaag()))
}

/// The hash-chain result in one Dutch sentence.
pub fn ketenuitslag(c: &AuditControle) -> String {
    match (c.eerste_fout, c.kop_klopt) {
        (None, true) => format!("in orde ({} regels gecontroleerd)", c.aantal),
        (Some(n), _) => format!("NIET in orde: regel {n} is gewijzigd of verwijderd"),
        (None, false) => "NIET in orde: regels aan het eind ontbreken".to_string(),
    }
}

/// The audit export as CSV (UTF-8, comma-separated, header row), with the hash-chain
/// result as a last comment-free row so a spreadsheet shows it.
pub fn audit_csv(regels: &[AuditExportRegel], controle: &AuditControle) -> Result<Vec<u8>, RapportFout> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fout = |e: csv::Error| RapportFout::Csv(e.to_string());
    w.write_record([
        "nr",
        "tijdstip",
        "gebruiker",
        "apparaat",
        "handeling",
        "tabel",
        "record",
        "veld",
        "casusnummer",
        "toelichting",
    ])
    .map_err(fout)?;
    for r in regels {
        w.write_record([
            r.regel.nr.to_string(),
            r.regel.tijdstip.clone(),
            r.regel.gebruiker.clone(),
            r.regel.apparaat.clone(),
            r.regel.handeling.clone(),
            r.regel.tabel.clone(),
            r.regel.rij.clone(),
            r.regel.veld.clone().unwrap_or_default(),
            r.casusnummer.clone().unwrap_or_default(),
            r.toelichting.clone().unwrap_or_default(),
        ])
        .map_err(fout)?;
    }
    w.write_record(["", "", "", "", "hash-keten", "", "", "", "", &ketenuitslag(controle)]).map_err(fout)?;
    w.into_inner().map_err(|e| RapportFout::Csv(e.to_string()))
}

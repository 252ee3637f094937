//! Kengetallen (key figures) for a period: referrals, weging outcomes, cases in
//! procesregie, lead times, AVE at start and end, satisfaction. One query reads the
//! case dates; the counting is a plain function (`bereken`) that tests can check.

use super::{Resultaat, Store};
use crate::domain::WegingUitkomst;
use chrono::NaiveDate;
use serde::Serialize;

/// The dates and labels of one case that the figures need.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CasusCijfers {
    /// Thema name (empty when none).
    pub thema: String,
    /// Referring partner (empty when unknown).
    pub aanmelder: String,
    /// Weging outcome code.
    pub weging_uitkomst: Option<String>,
    /// Dates.
    pub datum_aanmelding: Option<NaiveDate>,
    /// Decision after weging.
    pub datum_besluit: Option<NaiveDate>,
    /// Start of procesregie.
    pub datum_start: Option<NaiveDate>,
    /// Closure.
    pub datum_afsluiting: Option<NaiveDate>,
    /// AVE phase when procesregie started.
    pub ave_start: u8,
    /// AVE phase now (at closure for a closed case).
    pub ave_nu: u8,
    /// Satisfaction at closure (1..=5).
    pub tevredenheid: Option<u8>,
    /// Gemeente name (empty when none).
    pub gemeente: String,
}

/// What the figures need of one adviesvraag.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AdviesCijfers {
    /// Date asked.
    pub datum: Option<NaiveDate>,
    /// Thema name.
    pub thema: String,
    /// Gemeente name.
    pub gemeente: String,
    /// Vraagsteller (partner) name; empty when none recorded.
    pub vraagsteller: String,
    /// Minutes spent.
    pub minuten: i64,
}

/// What the figures need of one opschaling.
#[derive(Debug, Clone, PartialEq)]
pub struct OpschalingCijfers {
    /// Date.
    pub datum: Option<NaiveDate>,
    /// To whom (label).
    pub naar: String,
}

/// A label with a count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Telling {
    /// Label.
    pub label: String,
    /// Count.
    pub aantal: u32,
}

/// The figures for a period (both ends included).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Kengetallen {
    /// First day.
    pub van: NaiveDate,
    /// Last day.
    pub tot: NaiveDate,
    /// New referrals (aanmelding in the period).
    pub aanmeldingen: u32,
    /// New referrals per thema, most first.
    pub per_thema: Vec<Telling>,
    /// New referrals per referring partner, most first.
    pub per_aanmelder: Vec<Telling>,
    /// Weging outcomes decided in the period, in the order of the outcomes.
    pub weging: Vec<Telling>,
    /// Cases in procesregie at the end of the period (started, not closed).
    pub procesregie_lopend: u32,
    /// Cases in procesregie closed in the period.
    pub procesregie_afgesloten: u32,
    /// Cases the ZVH supports while the local party keeps the regie (weging outcome
    /// *ondersteunen*, decided on or before the end of the period, not closed by then).
    pub ondersteunen_lopend: u32,
    /// Median days from aanmelding to besluit (decisions in the period).
    pub mediaan_aanmelding_besluit: Option<f64>,
    /// Number of decisions behind that median.
    pub aantal_besluiten: u32,
    /// Median days from start to afsluiting (closures in the period).
    pub mediaan_start_afsluiting: Option<f64>,
    /// Number of closures behind that median.
    pub aantal_afsluitingen: u32,
    /// AVE 1..=4: (at start, at closure) for cases in procesregie closed in the period.
    pub ave: [(u32, u32); 4],
    /// Satisfaction 1..=5 at closure (closures in the period).
    pub tevredenheid: [u32; 5],
    /// Mean satisfaction.
    pub tevredenheid_gemiddeld: Option<f64>,
    /// New referrals per gemeente, most first.
    pub per_gemeente: Vec<Telling>,
    /// Adviesvragen asked in the period.
    pub adviesvragen: u32,
    /// Minutes spent on them.
    pub advies_minuten: u32,
    /// Adviesvragen per thema, most first.
    pub advies_per_thema: Vec<Telling>,
    /// Adviesvragen per gemeente, most first.
    pub advies_per_gemeente: Vec<Telling>,
    /// Adviesvragen per vraagsteller, most first.
    pub advies_per_vraagsteller: Vec<Telling>,
    /// Opschalingen in the period.
    pub opschalingen: u32,
    /// Opschalingen per level (management, bestuur, driehoek).
    pub opschalingen_per_niveau: Vec<Telling>,
    /// Detentiemeldingen and nazorg (filled by `Store::kengetallen`).
    pub meldingen: Box<super::detentiemelding::MeldingKengetallen>,
    /// Koppelingen between casussen made in the period, per kind (in the order of the kinds).
    pub koppelingen: Vec<Telling>,
}

fn of(label: &str, leeg: &str) -> String {
    if label.is_empty() { leeg.to_string() } else { label.to_string() }
}

/// Add the figures of adviesvragen and opschalingen for the period of `k`.
pub fn bereken_advies(k: &mut Kengetallen, adviezen: &[AdviesCijfers], opschalingen: &[OpschalingCijfers]) {
    let (van, tot) = (k.van, k.tot);
    let a: Vec<&AdviesCijfers> = adviezen.iter().filter(|a| binnen(a.datum, van, tot)).collect();
    k.adviesvragen = a.len() as u32;
    k.advies_minuten = a.iter().map(|a| a.minuten.max(0)).sum::<i64>() as u32;
    k.advies_per_thema = tellingen(a.iter().map(|a| of(&a.thema, "(geen thema)")));
    k.advies_per_gemeente = tellingen(a.iter().map(|a| of(&a.gemeente, "(geen gemeente)")));
    k.advies_per_vraagsteller = tellingen(a.iter().map(|a| of(&a.vraagsteller, "(onbekend)")));
    let o: Vec<&OpschalingCijfers> = opschalingen.iter().filter(|o| binnen(o.datum, van, tot)).collect();
    k.opschalingen = o.len() as u32;
    k.opschalingen_per_niveau = crate::domain::Opschalingsniveau::ALLE
        .iter()
        .map(|n| Telling {
            label: n.label().to_string(),
            aantal: o.iter().filter(|o| o.naar == n.label()).count() as u32,
        })
        .collect();
}

fn binnen(d: Option<NaiveDate>, van: NaiveDate, tot: NaiveDate) -> bool {
    d.is_some_and(|d| d >= van && d <= tot)
}

/// The median of `waarden` (`None` when empty).
pub fn mediaan(waarden: &mut [i64]) -> Option<f64> {
    if waarden.is_empty() {
        return None;
    }
    waarden.sort_unstable();
    let n = waarden.len();
    Some(if n % 2 == 1 { waarden[n / 2] as f64 } else { (waarden[n / 2 - 1] + waarden[n / 2]) as f64 / 2.0 })
}

fn tellingen(labels: impl Iterator<Item = String>) -> Vec<Telling> {
    let mut map: std::collections::BTreeMap<String, u32> = std::collections::BTreeMap::new();
    for l in labels {
        *map.entry(l).or_default() += 1;
    }
    let mut v: Vec<Telling> = map.into_iter().map(|(label, aantal)| Telling { label, aantal }).collect();
    v.sort_by(|a, b| b.aantal.cmp(&a.aantal).then_with(|| a.label.cmp(&b.label)));
    v
}

/// Count the figures for `van..=tot` from the case rows.
pub fn bereken(casussen: &[CasusCijfers], van: NaiveDate, tot: NaiveDate) -> Kengetallen {
    let nieuw: Vec<&CasusCijfers> = casussen.iter().filter(|c| binnen(c.datum_aanmelding, van, tot)).collect();
    let per_thema =
        tellingen(nieuw.iter().map(|c| if c.thema.is_empty() { "(geen thema)".into() } else { c.thema.clone() }));
    let per_aanmelder =
        tellingen(nieuw.iter().map(|c| if c.aanmelder.is_empty() { "(onbekend)".into() } else { c.aanmelder.clone() }));
    let per_gemeente = tellingen(nieuw.iter().map(|c| of(&c.gemeente, "(geen gemeente)")));

    let besloten: Vec<&CasusCijfers> = casussen.iter().filter(|c| binnen(c.datum_besluit, van, tot)).collect();
    let weging = WegingUitkomst::ALLE
        .iter()
        .map(|u| Telling {
            label: u.label().to_string(),
            aantal: besloten.iter().filter(|c| c.weging_uitkomst.as_deref() == Some(u.code())).count() as u32,
        })
        .collect();
    let mut doorloop_besluit: Vec<i64> =
        besloten.iter().filter_map(|c| Some((c.datum_besluit? - c.datum_aanmelding?).num_days())).collect();

    let procesregie_lopend = casussen
        .iter()
        .filter(|c| c.datum_start.is_some_and(|s| s <= tot) && c.datum_afsluiting.is_none_or(|a| a > tot))
        .count() as u32;
    let ondersteunen_lopend = casussen
        .iter()
        .filter(|c| {
            c.weging_uitkomst.as_deref() == Some(WegingUitkomst::Ondersteunen.code())
                && c.datum_besluit.is_some_and(|b| b <= tot)
                && c.datum_afsluiting.is_none_or(|a| a > tot)
        })
        .count() as u32;
    let afgesloten_regie: Vec<&CasusCijfers> =
        casussen.iter().filter(|c| c.datum_start.is_some() && binnen(c.datum_afsluiting, van, tot)).collect();
    let mut doorloop_regie: Vec<i64> =
        afgesloten_regie.iter().filter_map(|c| Some((c.datum_afsluiting? - c.datum_start?).num_days())).collect();
    let mut ave = [(0u32, 0u32); 4];
    for c in &afgesloten_regie {
        if let Some(a) = ave.get_mut(usize::from(c.ave_start).wrapping_sub(1)) {
            a.0 += 1;
        }
        if let Some(a) = ave.get_mut(usize::from(c.ave_nu).wrapping_sub(1)) {
            a.1 += 1;
        }
    }
    let mut tevredenheid = [0u32; 5];
    let mut som = 0u32;
    let mut scores = 0u32;
    for c in casussen.iter().filter(|c| binnen(c.datum_afsluiting, van, tot)) {
        if let Some(t) = c.tevredenheid
            && let Some(n) = tevredenheid.get_mut(usize::from(t).wrapping_sub(1))
        {
            *n += 1;
            som += u32::from(t);
            scores += 1;
        }
    }
    Kengetallen {
        van,
        tot,
        aanmeldingen: nieuw.len() as u32,
        per_thema,
        per_aanmelder,
        weging,
        procesregie_lopend,
        procesregie_afgesloten: afgesloten_regie.len() as u32,
        ondersteunen_lopend,
        aantal_besluiten: doorloop_besluit.len() as u32,
        mediaan_aanmelding_besluit: mediaan(&mut doorloop_besluit),
        aantal_afsluitingen: doorloop_regie.len() as u32,
        mediaan_start_afsluiting: mediaan(&mut doorloop_regie),
        ave,
        tevredenheid,
        tevredenheid_gemiddeld: (scores > 0).then(|| f64::from(som) / f64::from(scores)),
        per_gemeente,
        adviesvragen: 0,
        advies_minuten: 0,
        advies_per_thema: Vec::new(),
        advies_per_gemeente: Vec::new(),
        advies_per_vraagsteller: Vec::new(),
        opschalingen: 0,
        opschalingen_per_niveau: Vec::new(),
        meldingen: Default::default(),
        koppelingen: Vec::new(),
    }
}

/// A number with a Dutch decimal comma ("12,5"); whole numbers without decimals.
pub fn getal_nl(x: f64) -> String {
    if x.fract() == 0.0 { format!("{x:.0}") } else { format!("{x:.1}").replace('.', ",") }
}

/// The figures as CSV (comma separated, header row `onderdeel,categorie,aantal`).
pub fn naar_csv(k: &Kengetallen) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut rij = |a: &str, b: &str, c: String| {
        let _ = w.write_record([a, b, c.as_str()]);
    };
    rij("onderdeel", "categorie", "aantal".into());
    rij("periode", "van", k.van.format("%d-%m-%Y").to_string());
    rij("periode", "tot en met", k.tot.format("%d-%m-%Y").to_string());
    rij("aanmeldingen", "totaal", k.aanmeldingen.to_string());
    for t in &k.per_thema {
        rij("aanmeldingen per thema", &t.label, t.aantal.to_string());
    }
    for t in &k.per_aanmelder {
        rij("aanmeldingen per aanmelder", &t.label, t.aantal.to_string());
    }
    for t in &k.weging {
        rij("uitkomst weging", &t.label, t.aantal.to_string());
    }
    rij("procesregie", "lopend", k.procesregie_lopend.to_string());
    rij("procesregie", "afgesloten", k.procesregie_afgesloten.to_string());
    rij("ondersteunen", "lopend", k.ondersteunen_lopend.to_string());
    let m = |x: Option<f64>| x.map(getal_nl).unwrap_or_default();
    rij("mediane doorlooptijd (dagen)", "aanmelding tot besluit", m(k.mediaan_aanmelding_besluit));
    rij("mediane doorlooptijd (dagen)", "start tot afsluiting", m(k.mediaan_start_afsluiting));
    for (i, (s, e)) in k.ave.iter().enumerate() {
        rij("AVE-fase bij start", &format!("AVE {}", i + 1), s.to_string());
        rij("AVE-fase bij afsluiting", &format!("AVE {}", i + 1), e.to_string());
    }
    for (i, n) in k.tevredenheid.iter().enumerate() {
        rij("tevredenheid bij afsluiting", &(i + 1).to_string(), n.to_string());
    }
    rij("tevredenheid bij afsluiting", "gemiddeld", m(k.tevredenheid_gemiddeld));
    for t in &k.per_gemeente {
        rij("aanmeldingen per gemeente", &t.label, t.aantal.to_string());
    }
    rij("adviesvragen", "totaal", k.adviesvragen.to_string());
    rij("adviesvragen", "bestede minuten", k.advies_minuten.to_string());
    for t in &k.advies_per_thema {
        rij("adviesvragen per thema", &t.label, t.aantal.to_string());
    }
    for t in &k.advies_per_gemeente {
        rij("adviesvragen per gemeente", &t.label, t.aantal.to_string());
    }
    for t in &k.advies_per_vraagsteller {
        rij("adviesvragen per vraagsteller", &t.label, t.aantal.to_string());
    }
    rij("opschalingen", "totaal", k.opschalingen.to_string());
    for t in &k.opschalingen_per_niveau {
        rij("opschalingen naar", &t.label, t.aantal.to_string());
    }
    let km = &k.meldingen;
    rij("detentiemeldingen", "totaal", km.meldingen.to_string());
    for t in &km.per_gemeente {
        rij("detentiemeldingen per gemeente", &t.label, t.aantal.to_string());
    }
    for t in &km.per_route {
        rij("triage per route", &t.label, t.aantal.to_string());
    }
    rij("mediane doorlooptijd (dagen)", "melding tot triage", m(km.mediaan_melding_triage));
    rij("uitstroom", "totaal", km.uitgestroomd.to_string());
    rij("uitstroom", "identiteitsbewijs geregeld", km.met_identiteitsbewijs.to_string());
    rij("uitstroom", "onderdak geregeld", km.met_onderdak.to_string());
    rij("uitstroom", "inkomen geregeld", km.met_inkomen.to_string());
    for t in &k.koppelingen {
        rij("koppelingen per soort", &t.label, t.aantal.to_string());
    }
    w.into_inner().unwrap_or_default()
}

fn datum(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

impl Store {
    /// The rows behind the figures: every case with its dates and labels.
    pub fn casus_cijfers(&self) -> Resultaat<Vec<CasusCijfers>> {
        // AVE at start: the last change recorded on or before the start date, else the
        // phase the case was registered with (the first history row), else the current one.
        let mut stmt = self.conn.prepare(
            "SELECT coalesce(t.naam, ''), coalesce(p.naam, ''), c.weging_uitkomst, c.datum_aanmelding, c.datum_besluit,
                    c.datum_start, c.datum_afsluiting, c.ave, c.tevredenheid,
                    coalesce(
                      (SELECT h.naar FROM ave_historie h WHERE h.casus_id = c.id AND substr(h.tijdstip, 1, 10) <= c.datum_start
                       ORDER BY h.tijdstip DESC, h.aangemaakt_hlc DESC, h.aangemaakt_door DESC LIMIT 1),
                      (SELECT h.naar FROM ave_historie h WHERE h.casus_id = c.id ORDER BY h.tijdstip, h.aangemaakt_hlc, h.aangemaakt_door LIMIT 1),
                      c.ave)
                    , coalesce(g.naam, '')
             FROM casus c LEFT JOIN thema t ON t.id = c.thema_id LEFT JOIN partner p ON p.id = c.aanmelder_partner_id
                  LEFT JOIN gemeente g ON g.id = c.gemeente_id",
        )?;
        let lijst = stmt
            .query_map([], |r| {
                Ok(CasusCijfers {
                    thema: r.get(0)?,
                    aanmelder: r.get(1)?,
                    weging_uitkomst: r.get(2)?,
                    datum_aanmelding: datum(r.get(3)?),
                    datum_besluit: datum(r.get(4)?),
                    datum_start: datum(r.get(5)?),
                    datum_afsluiting: datum(r.get(6)?),
                    ave_nu: r.get::<_, i64>(7)?.clamp(0, 4) as u8,
                    tevredenheid: r.get::<_, Option<i64>>(8)?.map(|t| t.clamp(0, 5) as u8),
                    ave_start: r.get::<_, i64>(9)?.clamp(0, 4) as u8,
                    gemeente: r.get(10)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(lijst)
    }

    /// The rows behind the adviesvragen figures.
    pub fn advies_cijfers(&self) -> Resultaat<Vec<AdviesCijfers>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.datum, coalesce(t.naam, ''), coalesce(g.naam, ''), coalesce(p.naam, ''), a.minuten
             FROM adviesvraag a LEFT JOIN thema t ON t.id = a.thema_id LEFT JOIN gemeente g ON g.id = a.gemeente_id
                  LEFT JOIN partner p ON p.id = a.partner_id",
        )?;
        let r = stmt.query_map([], |r| {
            Ok(AdviesCijfers {
                datum: datum(r.get(0)?),
                thema: r.get(1)?,
                gemeente: r.get(2)?,
                vraagsteller: r.get(3)?,
                minuten: r.get(4)?,
            })
        })?;
        Ok(r.collect::<Result<_, _>>()?)
    }

    /// The rows behind the opschalingen figures.
    pub fn opschaling_cijfers(&self) -> Resultaat<Vec<OpschalingCijfers>> {
        let mut stmt = self.conn.prepare("SELECT datum, naar FROM opschaling")?;
        let r = stmt.query_map([], |r| {
            let naar: String = r.get(1)?;
            Ok(OpschalingCijfers {
                datum: datum(r.get(0)?),
                naar: crate::domain::Opschalingsniveau::parse(&naar).map(|n| n.label().to_string()).unwrap_or(naar),
            })
        })?;
        Ok(r.collect::<Result<_, _>>()?)
    }

    /// The figures for `van..=tot`.
    pub fn kengetallen(&self, van: NaiveDate, tot: NaiveDate) -> Resultaat<Kengetallen> {
        let mut k = bereken(&self.casus_cijfers()?, van, tot);
        bereken_advies(&mut k, &self.advies_cijfers()?, &self.opschaling_cijfers()?);
        k.meldingen = Box::new(super::detentiemelding::bereken_meldingen(&self.melding_cijfers()?, van, tot));
        k.koppelingen = self.koppelingen_per_soort(van, tot)?;
        Ok(k)
    }

    /// Koppelingen made in `van..=tot` (local date of their creation clock), per kind.
    fn koppelingen_per_soort(&self, van: NaiveDate, tot: NaiveDate) -> Resultaat<Vec<Telling>> {
        let mut stmt = self.conn.prepare(
            "SELECT soort, count(*) FROM koppeling
             WHERE date((aangemaakt_hlc >> 16) / 1000, 'unixepoch', 'localtime') BETWEEN ?1 AND ?2 GROUP BY soort",
        )?;
        let per: std::collections::BTreeMap<String, u32> = stmt
            .query_map((van.to_string(), tot.to_string()), |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(crate::domain::KoppelSoort::ALLE
            .iter()
            .map(|s| Telling { label: s.label().to_string(), aantal: per.get(s.code()).copied().unwrap_or(0) })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn median_of_odd_even_and_empty() {
        assert_eq!(mediaan(&mut [5, 1, 3]), Some(3.0));
        assert_eq!(mediaan(&mut [4, 1, 3, 10]), Some(3.5));
        assert_eq!(mediaan(&mut []), None);
        assert_eq!(getal_nl(3.5), "3,5");
        assert_eq!(getal_nl(3.0), "3");
    }

    #[test]
    fn period_bounds_are_inclusive() {
        let c = |a: &str| CasusCijfers { datum_aanmelding: Some(d(a)), thema: "Nazorg".into(), ..Default::default() };
        let rijen = [c("2026-01-01"), c("2026-01-31"), c("2025-12-31"), c("2026-02-01")];
        let k = bereken(&rijen, d("2026-01-01"), d("2026-01-31"));
        assert_eq!(k.aanmeldingen, 2);
        assert_eq!(k.per_thema, vec![Telling { label: "Nazorg".into(), aantal: 2 }]);
        assert_eq!(k.per_aanmelder[0].label, "(onbekend)");
    }
}

//! The AVG right of access (inzageverzoek): everything stored about one person, and the
//! audit export for the privacy officer.

use super::audit::AuditRegel;
use super::schrijven::{self as s};
use super::{Resultaat, Store, StoreFout};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use std::collections::BTreeMap;

/// A stored row: column name → value, every column of the table.
pub type Rij = BTreeMap<String, serde_json::Value>;

/// Who the request is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InzageVraag {
    /// Every betrokkene record with this BSN, in any form the app accepts (dots, spaces,
    /// eight digits for a leading zero).
    Bsn(String),
    /// Every betrokkene record with this name, case- and diacritic-insensitive
    /// ([`crate::domain::vouw_naam`]). When it fits more than one person (name and date
    /// of birth), the request is refused with the list to choose from.
    Naam(String),
    /// The person of this betrokkene record: every record with the same (folded) name and
    /// date of birth, the officer's choice from that list.
    Id(String),
}

/// A person an inzageverzoek matched, for the officer to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InzagePersoon {
    /// A betrokkene record of the person, or for a person known only from a
    /// detentiemelding the melding's id (give it as `--betrokkene`).
    pub id: String,
    /// The name as stored.
    pub naam: String,
    /// Date of birth `JJJJ-MM-DD`, when known.
    pub geboortedatum: Option<String>,
    /// The casussen the person is recorded in.
    pub casussen: Vec<String>,
    /// How many detentiemeldingen are about the person.
    pub meldingen: usize,
}

impl InzagePersoon {
    /// Where the person is recorded: "casus 2026-0001, 2026-0004; 1 detentiemelding".
    pub fn waar(&self) -> String {
        let mut delen = Vec::new();
        if !self.casussen.is_empty() {
            delen.push(format!("casus {}", self.casussen.join(", ")));
        }
        if self.meldingen > 0 {
            delen.push(crate::domain::aantal(self.meldingen, "detentiemelding", "detentiemeldingen"));
        }
        delen.join("; ")
    }

    /// One line: id, name, date of birth, where recorded.
    pub fn regel(&self) -> String {
        format!(
            "{}  {}  geboren {}  {}",
            self.id,
            self.naam,
            self.geboortedatum.as_deref().map(crate::domain::nl_datum).unwrap_or_else(|| "onbekend".into()),
            self.waar()
        )
    }
}

/// Somebody who received the person's data from this device, or a document made of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ontvangst {
    /// What: "Bundel", "Overleg" or "PDF".
    pub wat: String,
    /// To whom (colleague, attendees) or what (which PDF).
    pub aan: String,
    /// When (RFC 3339 or `JJJJ-MM-DD`).
    pub wanneer: String,
    /// By whom on this device (PDFs), or the meeting's status.
    pub door: String,
}

/// Everything stored about the person in one casus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InzageCasus {
    /// Casusnummer.
    pub casusnummer: String,
    /// The person's own record, every field.
    pub persoon: Rij,
    /// The person's detention periods.
    pub detenties: Vec<Rij>,
    /// The casus record.
    pub casus: Rij,
    /// Phase and AVE history of the casus.
    pub fase_historie: Vec<Rij>,
    /// AVE history.
    pub ave_historie: Vec<Rij>,
    /// Journal entries of the casus.
    pub journaal: Vec<Rij>,
    /// Goals of the plan van aanpak.
    pub doelen: Vec<Rij>,
    /// Actions of the plan van aanpak.
    pub acties: Vec<Rij>,
    /// Risk scores per leefgebied.
    pub risicos: Vec<Rij>,
    /// Frozen plan versions.
    pub planversies: Vec<Rij>,
    /// Meeting minutes about the casus (BOB).
    pub agendapunten: Vec<Rij>,
    /// Documented retention extensions.
    pub bewaarverlengingen: Vec<Rij>,
    /// Escalations of the casus (opschalingen).
    pub opschalingen: Vec<Rij>,
    /// The adviesvraag the casus was converted from (it holds initials at most).
    pub adviesvragen: Vec<Rij>,
    /// Koppelingen with other casussen (either side).
    pub koppelingen: Vec<Rij>,
    /// Who received the data: bundles to colleagues, meetings where the casus was on the
    /// agenda (with attendees), PDFs made.
    pub ontvangen: Vec<Ontvangst>,
    /// Who viewed or changed the person's record or the casus, when.
    pub audit: Vec<AuditExportRegel>,
    /// Other persons in the casus: counted, never named.
    pub andere_betrokkenen: usize,
}

/// The answer to an inzageverzoek.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inzage {
    /// When it was drawn up (UTC, RFC 3339).
    pub opgesteld_op: String,
    /// By whom.
    pub opgesteld_door: String,
    /// Per casus the person is recorded in.
    pub casussen: Vec<InzageCasus>,
    /// Every detentiemelding about the person (with or without a casus).
    pub meldingen: Vec<InzageMelding>,
}

/// Everything stored about the person in one detentiemelding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InzageMelding {
    /// The melding record, every field.
    pub melding: Rij,
    /// The enrichment checklist: sources asked and their answers.
    pub bronnen: Vec<Rij>,
    /// The aanbod per leefgebied.
    pub aanbod: Vec<Rij>,
    /// Notes on the melding (reports of PI-bezoeken).
    pub notities: Vec<Rij>,
    /// The PI-bezoek lists the person is on.
    pub bezoeken: Vec<Rij>,
    /// Who received the melding (bundles to colleagues).
    pub ontvangen: Vec<Ontvangst>,
    /// Who viewed or changed the melding, when.
    pub audit: Vec<AuditExportRegel>,
}

/// Filter of the audit export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// From this day (inclusive).
    pub van: Option<NaiveDate>,
    /// Up to this day (inclusive).
    pub tot: Option<NaiveDate>,
    /// Only this casus (casusnummer).
    pub casus: Option<String>,
}

/// One audit entry as exported: the entry plus the casusnummer and the explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditExportRegel {
    /// The entry.
    #[serde(flatten)]
    pub regel: AuditRegel,
    /// Casusnummer, when the casus still exists on this device.
    pub casusnummer: Option<String>,
    /// Explanation (removal after the retention term).
    pub toelichting: Option<String>,
}

fn json(v: Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => i.into(),
        Value::Real(f) => serde_json::Number::from_f64(f).map(Into::into).unwrap_or(serde_json::Value::Null),
        Value::Text(t) => t.into(),
        Value::Blob(b) => hex::encode(b).into(),
    }
}

/// Every row of `tabel` where `kolom = waarde`, all columns.
pub(super) fn rijen(conn: &Connection, tabel: &s::Tabel, kolom: &str, waarde: &str) -> Resultaat<Vec<Rij>> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM {} WHERE {kolom} = ?1 ORDER BY rowid", tabel.naam))?;
    let namen: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
    let mut uit = Vec::new();
    let mut r = stmt.query([waarde])?;
    while let Some(rij) = r.next()? {
        let mut m = Rij::new();
        for (i, n) in namen.iter().enumerate() {
            let mut w = rij.get::<_, Value>(i)?;
            // A plan version's snapshot is stored packed (schema 23): the person reads it.
            // One that cannot be unpacked is named as such; the rest of the inzage goes on.
            if let (true, "inhoud", Value::Text(t)) = (tabel.naam == s::PLANVERSIE.naam, n.as_str(), &w) {
                w = Value::Text(
                    super::plan::snapshot_uitpakken(t)
                        .unwrap_or_else(|e| format!("(de inhoud van deze planversie kan niet worden gelezen: {e})")),
                );
            }
            m.insert(n.clone(), json(w));
        }
        uit.push(m);
    }
    Ok(uit)
}

/// The PDFs made of casus ?1 (entries with action ?2, exporteren), oldest first. On the
/// table itself, so the search is on the casus number (schema 17).
pub(super) fn ontvangen_pdf_sql() -> String {
    format!(
        "SELECT t.tekst, {}, g.tekst {} WHERE a.casus = (SELECT nr FROM tekstnr WHERE tekst = ?1)
           AND a.handeling = (SELECT nr FROM tekstnr WHERE tekst = ?2) ORDER BY a.nr",
        super::audit::TIJDSTIP,
        super::audit::TEKSTEN
    )
}

const AUDIT_SELECT: &str = "SELECT a.nr, a.tijdstip, a.gebruiker, a.apparaat, a.handeling, a.tabel, a.rij, a.veld,
        c.nummer, a.toelichting FROM audit a LEFT JOIN casus c ON c.id = a.casus_id";

fn audit_regel(r: &rusqlite::Row) -> rusqlite::Result<AuditExportRegel> {
    Ok(AuditExportRegel { regel: super::audit::regel_van(r)?, casusnummer: r.get(8)?, toelichting: r.get(9)? })
}

/// Columns that hold a reference: column, table, readable key that replaces it.
const VERWIJZINGEN: &[(&str, &str, &str)] = &[
    ("thema_id", "thema", "thema"),
    ("gemeente_id", "gemeente", "gemeente"),
    ("leefgebied_id", "leefgebied", "leefgebied"),
    ("partner_id", "partner", "partner"),
    ("aanmelder_partner_id", "partner", "aanmelder_partner"),
    ("contact_id", "contactpersoon", "contactpersoon"),
    ("aanmelder_contact_id", "contactpersoon", "aanmelder_contactpersoon"),
    ("doel_id", "doel", "doel"),
    ("overleg_id", "overleg", "overleg"),
];

fn naam_van(conn: &Connection, tabel: &str, id: &str) -> Resultaat<Option<String>> {
    let sql = match tabel {
        "contactpersoon" => {
            "SELECT c.naam || coalesce(' (' || nullif(p.naam, '') || ')', '') FROM contactpersoon c
             LEFT JOIN partner p ON p.id = c.partner_id WHERE c.id = ?1"
        }
        "doel" => "SELECT omschrijving FROM doel WHERE id = ?1",
        "overleg" => "SELECT soort || ' ' || datum FROM overleg WHERE id = ?1",
        "thema" => "SELECT naam FROM thema WHERE id = ?1",
        "gemeente" => "SELECT naam FROM gemeente WHERE id = ?1",
        "leefgebied" => "SELECT naam FROM leefgebied WHERE id = ?1",
        _ => "SELECT naam FROM partner WHERE id = ?1",
    };
    Ok(conn.query_row(sql, [id], |r| r.get(0)).optional()?)
}

/// Replace reference columns by the names they point to (thema, leefgebied, partner,
/// contactpersoon, doel, overleg), so the officer and the person can read them.
fn leesbaar(conn: &Connection, rijen: &mut [Rij]) -> Resultaat<()> {
    for rij in rijen {
        for (kolom, tabel, sleutel) in VERWIJZINGEN {
            let Some(v) = rij.remove(*kolom) else { continue };
            let naam = match v.as_str() {
                Some(id) if !id.is_empty() => naam_van(conn, tabel, id)?.unwrap_or_else(|| "(verwijderd)".into()),
                _ => String::new(),
            };
            rij.insert(sleutel.to_string(), naam.into());
        }
    }
    Ok(())
}

fn leesbare_rijen(conn: &Connection, tabel: &s::Tabel, casus_id: &str) -> Resultaat<Vec<Rij>> {
    let mut r = rijen(conn, tabel, "casus_id", casus_id)?;
    leesbaar(conn, &mut r)?;
    Ok(r)
}

/// Who received the casus: bundles (per colleague), meetings with the casus on the agenda
/// (with the attendees, or the invitees while it was not yet held) and PDFs made.
fn ontvangsten(conn: &Connection, casus_id: &str) -> Resultaat<Vec<Ontvangst>> {
    let mut uit = Vec::new();
    {
        let mut stmt = conn.prepare(
            "SELECT ontvanger_naam, verzonden_op FROM bundel_verzending WHERE casus_id = ?1 ORDER BY verzonden_op",
        )?;
        let r = stmt.query_map([casus_id], |r| {
            Ok(Ontvangst { wat: "Bundel".into(), aan: r.get(0)?, wanneer: r.get(1)?, door: String::new() })
        })?;
        uit.extend(r.collect::<Result<Vec<_>, _>>()?);
    }
    {
        let mut stmt = conn.prepare(
            "SELECT o.id, o.soort, o.datum, o.status FROM overleg o
             WHERE o.id IN (SELECT overleg_id FROM agendapunt WHERE casus_id = ?1) ORDER BY o.datum",
        )?;
        let overleggen: Vec<(String, String, String, String)> = stmt
            .query_map([casus_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        for (id, soort, datum, status) in overleggen {
            let mut stmt = conn.prepare(
                "SELECT c.naam || coalesce(' (' || nullif(p.naam, '') || ')', ''), g.aanwezig FROM genodigde g
                 JOIN contactpersoon c ON c.id = g.contact_id LEFT JOIN partner p ON p.id = c.partner_id
                 WHERE g.overleg_id = ?1 ORDER BY c.naam",
            )?;
            let mensen: Vec<(String, Option<i64>)> =
                stmt.query_map([&id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
            let aanwezig: Vec<&str> = mensen.iter().filter(|(_, a)| *a == Some(1)).map(|(n, _)| n.as_str()).collect();
            let aan = if !aanwezig.is_empty() {
                format!("aanwezig: {}", aanwezig.join(", "))
            } else if mensen.is_empty() {
                "geen genodigden vastgelegd".to_string()
            } else {
                format!("genodigd: {}", mensen.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", "))
            };
            uit.push(Ontvangst { wat: format!("Overleg ({soort})"), aan, wanneer: datum, door: status });
        }
    }
    {
        let mut stmt = conn.prepare(&ontvangen_pdf_sql())?;
        let r = stmt.query_map((casus_id, s::handeling::EXPORTEREN), |r| {
            let tabel: String = r.get(0)?;
            Ok(Ontvangst {
                wat: "PDF".into(),
                aan: super::uitvoer::Uitvoer::label_van(&tabel).to_string(),
                wanneer: r.get(1)?,
                door: r.get(2)?,
            })
        })?;
        uit.extend(r.collect::<Result<Vec<_>, _>>()?.into_iter().filter(|o| o.aan.starts_with("PDF")));
    }
    Ok(uit)
}

/// Betrokkene records (id, casus id) of one person.
type Records = Vec<(String, String)>;

/// A record about a person: a betrokkene in a casus, or a detentiemelding (no casus).
struct Record {
    id: String,
    /// Casus id and casusnummer of a betrokkene; `None` for a melding.
    casus: Option<(String, String)>,
    naam: String,
    geboortedatum: Option<String>,
    bsn: Option<String>,
}

/// The stored BSN in its nine-digit form (older or received records may carry dots).
fn bsn_cijfers(b: &str) -> String {
    let d: String = b.chars().filter(|c| c.is_ascii_digit()).collect();
    format!("{d:0>9}")
}

/// Per matching person: the person, their betrokkene records and their melding ids.
type Groep = (InzagePersoon, Records, Vec<String>);

impl Store {
    /// The persons an inzageverzoek matches (one entry per person: folded name and date
    /// of birth; a BSN is one person), from casussen and detentiemeldingen alike. An
    /// invalid BSN is refused with the domain error.
    pub fn inzage_personen(&self, vraag: &InzageVraag) -> Resultaat<Vec<InzagePersoon>> {
        Ok(self.inzage_groepen(vraag)?.into_iter().map(|(p, _, _)| p).collect())
    }

    /// Per matching person: the person, their betrokkene records (id, casus id) and the
    /// detentiemeldingen about them.
    fn inzage_groepen(&self, vraag: &InzageVraag) -> Resultaat<Vec<Groep>> {
        let mut records: Vec<Record> = {
            let mut stmt = self.conn.prepare(
                "SELECT b.id, b.casus_id, c.nummer, b.naam, b.geboortedatum, b.bsn FROM betrokkene b
                 JOIN casus c ON c.id = b.casus_id ORDER BY c.nummer, b.rowid",
            )?;
            let r = stmt.query_map([], |r| {
                Ok(Record {
                    id: r.get(0)?,
                    casus: Some((r.get(1)?, r.get(2)?)),
                    naam: r.get(3)?,
                    geboortedatum: r.get(4)?,
                    bsn: r.get(5)?,
                })
            })?;
            r.collect::<Result<_, _>>()?
        };
        {
            let mut stmt = self.conn.prepare(
                "SELECT id, naam, geboortedatum, bsn FROM detentiemelding ORDER BY ontvangen_op, aangemaakt_hlc, id",
            )?;
            let r = stmt.query_map([], |r| {
                Ok(Record { id: r.get(0)?, casus: None, naam: r.get(1)?, geboortedatum: r.get(2)?, bsn: r.get(3)? })
            })?;
            records.extend(r.collect::<Result<Vec<_>, _>>()?);
        }
        let sleutel = |r: &Record| (crate::domain::vouw_naam(&r.naam), r.geboortedatum.clone());
        let gevonden: Vec<&Record> = match vraag {
            InzageVraag::Bsn(b) => {
                let bsn = crate::domain::Bsn::parse(b.trim())?;
                records.iter().filter(|r| r.bsn.as_deref().is_some_and(|x| bsn_cijfers(x) == bsn.as_str())).collect()
            }
            InzageVraag::Naam(n) => {
                let gevouwen = crate::domain::vouw_naam(n);
                records.iter().filter(|r| crate::domain::vouw_naam(&r.naam) == gevouwen).collect()
            }
            InzageVraag::Id(i) => match records.iter().find(|r| r.id == i.trim()) {
                Some(gekozen) => {
                    let k = sleutel(gekozen);
                    records.iter().filter(|r| sleutel(r) == k).collect()
                }
                None => Vec::new(),
            },
        };
        type Sleutel = (String, Option<String>);
        let mut groepen: Vec<(Sleutel, Groep)> = Vec::new();
        for r in gevonden {
            // A BSN names one person, whatever the spelling of the name.
            let k = if matches!(vraag, InzageVraag::Bsn(_)) { Default::default() } else { sleutel(r) };
            let i = match groepen.iter().position(|(gk, _)| *gk == k) {
                Some(i) => i,
                None => {
                    let p = InzagePersoon {
                        id: r.id.clone(),
                        naam: r.naam.clone(),
                        geboortedatum: r.geboortedatum.clone(),
                        casussen: Vec::new(),
                        meldingen: 0,
                    };
                    groepen.push((k, (p, Vec::new(), Vec::new())));
                    groepen.len() - 1
                }
            };
            let (_, (p, ids, meldingen)) = &mut groepen[i];
            match &r.casus {
                Some((casus_id, nummer)) => {
                    if !p.casussen.contains(nummer) {
                        p.casussen.push(nummer.clone());
                    }
                    ids.push((r.id.clone(), casus_id.clone()));
                }
                None => {
                    p.meldingen += 1;
                    meldingen.push(r.id.clone());
                }
            }
        }
        Ok(groepen.into_iter().map(|(_, g)| g).collect())
    }

    /// The betrokkene records (id, casus id) and melding ids of the one person an
    /// inzageverzoek is about.
    fn inzage_records(&self, vraag: &InzageVraag) -> Resultaat<(Records, Vec<String>)> {
        let mut groepen = self.inzage_groepen(vraag)?;
        match groepen.len() {
            0 => {
                let wie = match vraag {
                    InzageVraag::Bsn(_) => "BSN".to_string(),
                    InzageVraag::Naam(n) | InzageVraag::Id(n) => n.clone(),
                };
                Err(StoreFout::Onbekend { tabel: "betrokkene", id: wie })
            }
            1 => Ok(groepen.pop().map(|(_, ids, meldingen)| (ids, meldingen)).unwrap_or_default()),
            _ => Err(StoreFout::MeerderePersonen(groepen.into_iter().map(|(p, _, _)| p).collect())),
        }
    }

    /// Everything stored about a person, per casus they are recorded in. Other persons in
    /// the same casus are left out (only counted). Recorded in the audit log as a view of
    /// the person's record.
    pub fn inzage(&mut self, vraag: &InzageVraag) -> Resultaat<Inzage> {
        let (ids, melding_ids) = self.inzage_records(vraag)?;
        let mut casussen = Vec::new();
        for (id, casus_id) in &ids {
            let c = &self.conn;
            let persoon = rijen(c, &s::BETROKKENE, "id", id)?.pop().unwrap_or_default();
            let mut casus = rijen(c, &s::CASUS, "id", casus_id)?;
            leesbaar(c, &mut casus)?;
            let casus = casus.pop().unwrap_or_default();
            let casusnummer = casus.get("nummer").and_then(|v| v.as_str()).unwrap_or_default().to_string();
            let audit = {
                let mut stmt = c.prepare(&format!(
                    "{AUDIT_SELECT} WHERE a.rij = ?1 OR (a.casus_id = ?2 AND a.tabel IN ('casus', 'journaal', 'doel',
                     'actie', 'risico', 'planversie', 'agendapunt', 'fase_historie', 'ave_historie', 'bewaarverlenging',
                     'opschaling'))
                     OR a.rij IN (SELECT id FROM detentie WHERE betrokkene_id = ?1) ORDER BY a.nr"
                ))?;
                let r = stmt.query_map((id, casus_id), audit_regel)?;
                r.collect::<Result<Vec<_>, _>>()?
            };
            let andere: i64 =
                c.query_row("SELECT count(*) FROM betrokkene WHERE casus_id = ?1 AND id <> ?2", (casus_id, id), |r| {
                    r.get(0)
                })?;
            casussen.push(InzageCasus {
                casusnummer,
                persoon,
                detenties: rijen(c, &s::DETENTIE, "betrokkene_id", id)?,
                casus,
                fase_historie: rijen(c, &s::FASE_HISTORIE, "casus_id", casus_id)?,
                ave_historie: rijen(c, &s::AVE_HISTORIE, "casus_id", casus_id)?,
                journaal: rijen(c, &s::JOURNAAL, "casus_id", casus_id)?,
                doelen: leesbare_rijen(c, &s::DOEL, casus_id)?,
                acties: leesbare_rijen(c, &s::ACTIE, casus_id)?,
                risicos: leesbare_rijen(c, &s::RISICO, casus_id)?,
                planversies: rijen(c, &s::PLANVERSIE, "casus_id", casus_id)?,
                agendapunten: leesbare_rijen(c, &s::AGENDAPUNT, casus_id)?,
                ontvangen: ontvangsten(c, casus_id)?,
                bewaarverlengingen: rijen(c, &s::BEWAARVERLENGING, "casus_id", casus_id)?,
                opschalingen: rijen(c, &s::OPSCHALING, "casus_id", casus_id)?,
                adviesvragen: leesbare_rijen(c, &s::ADVIESVRAAG, casus_id)?,
                koppelingen: [
                    rijen(c, &s::KOPPELING, "casus_a", casus_id)?,
                    rijen(c, &s::KOPPELING, "casus_b", casus_id)?,
                ]
                .concat(),
                audit,
                andere_betrokkenen: andere as usize,
            });
        }
        let mut meldingen = Vec::new();
        for id in &melding_ids {
            let c = &self.conn;
            let audit = {
                let mut stmt = c.prepare(&format!("{AUDIT_SELECT} WHERE a.casus_id = ?1 ORDER BY a.nr"))?;
                let r = stmt.query_map([id], audit_regel)?;
                r.collect::<Result<Vec<_>, _>>()?
            };
            meldingen.push(InzageMelding {
                melding: rijen(c, &s::DETENTIEMELDING, "id", id)?.pop().unwrap_or_default(),
                bronnen: rijen(c, &s::MELDINGBRON, "melding_id", id)?,
                aanbod: rijen(c, &s::MELDING_AANBOD, "melding_id", id)?,
                notities: rijen(c, &s::MELDING_NOTITIE, "melding_id", id)?,
                bezoeken: rijen(c, &s::BEZOEK_PERSOON, "melding_id", id)?,
                ontvangen: ontvangsten(c, id)?,
                audit,
            });
        }
        let mut w = self.schrijver()?;
        for (id, casus_id) in &ids {
            w.inzien(&s::BETROKKENE, id, Some(casus_id))?;
        }
        for id in &melding_ids {
            w.inzien(&s::DETENTIEMELDING, id, Some(id))?;
        }
        let opgesteld_op = w.tijdstip().to_string();
        let opgesteld_door = w.gebruiker().to_string();
        w.commit()?;
        Ok(Inzage { opgesteld_op, opgesteld_door, casussen, meldingen })
    }

    /// Audit entries for a period and/or a casus, oldest first, for the privacy officer.
    pub fn audit_export(&self, filter: &AuditFilter) -> Resultaat<Vec<AuditExportRegel>> {
        let casus_id = match &filter.casus {
            Some(n) => Some(super::casus::casus_id(&self.conn, n)?),
            None => None,
        };
        // tijdstip is RFC 3339 UTC; compare on the date prefix.
        let van = filter.van.map(|d| d.format("%Y-%m-%d").to_string());
        let tot = filter.tot.map(|d| d.format("%Y-%m-%d").to_string());
        let mut stmt = self.conn.prepare(&format!(
            "{AUDIT_SELECT} WHERE (?1 IS NULL OR substr(a.tijdstip, 1, 10) >= ?1)
               AND (?2 IS NULL OR substr(a.tijdstip, 1, 10) <= ?2)
               AND (?3 IS NULL OR a.casus_id = ?3)
             ORDER BY a.nr"
        ))?;
        let r = stmt.query_map((van, tot, casus_id), audit_regel)?;
        Ok(r.collect::<Result<_, _>>()?)
    }
}

//! Casus, betrokkenen, detentie, journaal, AVE and phase history; thema and leefgebied lists.

use super::schrijven::{self as s, getal, nieuw_id, tekst, tekst_of_null};
use super::{Resultaat, Store, StoreFout};
use crate::domain::fase::{self, FaseBesluit, FaseOvergang};
use crate::domain::{
    Ave, Bsn, Casusnummer, DomeinFout, Fase, JournaalSoort, Rol, WegingUitkomst, initialen, verplicht,
};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

/// A casus as shown in lists and on the board.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CasusRegel {
    /// Record id.
    pub id: String,
    /// `YYYY-NNNN`.
    pub casusnummer: String,
    /// Working name (no personal data).
    pub werknaam: String,
    /// Thema name.
    pub thema: String,
    /// Thema id.
    pub thema_id: Option<String>,
    /// Phase.
    pub fase: Fase,
    /// AVE phase 1..=4.
    pub ave: u8,
    /// Weging outcome, once decided.
    pub weging_uitkomst: Option<WegingUitkomst>,
    /// Procesregisseur's name (empty: none assigned).
    pub procesregisseur: String,
    /// Trajectbegeleider's name (empty: none assigned).
    pub trajectbegeleider: String,
    /// Date of referral.
    pub datum_aanmelding: String,
    /// Earliest deadline of an open action.
    pub volgende_deadline: Option<String>,
    /// Number of open actions past their deadline.
    pub achterstallig: i64,
    /// Procesregisseur (medewerker id).
    pub procesregisseur_id: Option<String>,
    /// Trajectbegeleider (medewerker id).
    pub trajectbegeleider_id: Option<String>,
    /// Casusregisseur (medewerker id).
    pub casusregisseur_id: Option<String>,
    /// Casusregisseur's name (empty: none assigned).
    pub casusregisseur: String,
    /// Gemeente (id), if recorded.
    pub gemeente_id: Option<String>,
    /// Gemeente name (empty: none recorded).
    pub gemeente: String,
}

const REGEL_SELECT: &str = "SELECT c.id, c.nummer, c.werknaam, coalesce(t.naam, ''), c.thema_id, c.fase, c.ave,
        c.weging_uitkomst, coalesce(pr.naam, ''), coalesce(tb.naam, ''), c.datum_aanmelding,
        (SELECT min(a.deadline) FROM actie a WHERE a.casus_id = c.id AND a.status IN ('open', 'lopend')),
        (SELECT count(*) FROM actie a WHERE a.casus_id = c.id AND a.status IN ('open', 'lopend')
            AND a.deadline IS NOT NULL AND a.deadline < ?1),
        c.procesregisseur_id, c.trajectbegeleider_id, c.casusregisseur_id, coalesce(cr.naam, ''),
        c.gemeente_id, coalesce(g.naam, '')
    FROM casus c LEFT JOIN thema t ON t.id = c.thema_id
        LEFT JOIN gemeente g ON g.id = c.gemeente_id
        LEFT JOIN medewerker pr ON pr.id = c.procesregisseur_id
        LEFT JOIN medewerker tb ON tb.id = c.trajectbegeleider_id
        LEFT JOIN medewerker cr ON cr.id = c.casusregisseur_id";

fn fout_conversie(e: DomeinFout) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
}

pub(crate) fn regel_select() -> &'static str {
    REGEL_SELECT
}

pub(crate) fn regel_van_pub(r: &Row) -> rusqlite::Result<CasusRegel> {
    regel_van(r)
}

fn regel_van(r: &Row) -> rusqlite::Result<CasusRegel> {
    let fase: String = r.get(5)?;
    let uitkomst: Option<String> = r.get(7)?;
    Ok(CasusRegel {
        id: r.get(0)?,
        casusnummer: r.get(1)?,
        werknaam: r.get(2)?,
        thema: r.get(3)?,
        thema_id: r.get(4)?,
        fase: Fase::parse(&fase).map_err(fout_conversie)?,
        ave: r.get(6)?,
        weging_uitkomst: uitkomst.map(|u| WegingUitkomst::parse(&u)).transpose().map_err(fout_conversie)?,
        procesregisseur: r.get(8)?,
        trajectbegeleider: r.get(9)?,
        datum_aanmelding: r.get(10)?,
        volgende_deadline: r.get(11)?,
        achterstallig: r.get(12)?,
        procesregisseur_id: r.get(13)?,
        trajectbegeleider_id: r.get(14)?,
        casusregisseur_id: r.get(15)?,
        casusregisseur: r.get(16)?,
        gemeente_id: r.get(17)?,
        gemeente: r.get(18)?,
    })
}

/// Filters for the casus list and board.
#[derive(Debug, Clone, Default)]
pub struct CasusFilter {
    /// Only this phase.
    pub fase: Option<Fase>,
    /// Only this thema (id).
    pub thema_id: Option<String>,
    /// Only this AVE phase.
    pub ave: Option<u8>,
    /// Only this gemeente (id).
    pub gemeente_id: Option<String>,
    /// Only cases this medewerker (id, 8+ prefix or unique name) is procesregisseur,
    /// trajectbegeleider or casusregisseur of.
    pub medewerker: Option<String>,
    /// Free text, matched with the full-text index.
    pub tekst: Option<String>,
    /// At most this many rows.
    pub limiet: Option<usize>,
}

/// A person in the case or system.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Betrokkene {
    /// Record id.
    pub id: String,
    /// Full name.
    pub naam: String,
    /// Initials, for agendas.
    pub initialen: String,
    /// Birth date `JJJJ-MM-DD`.
    pub geboortedatum: Option<String>,
    /// BSN (validated).
    pub bsn: Option<String>,
    /// Role.
    pub rol: Rol,
    /// Detention periods.
    pub detenties: Vec<Detentie>,
}

/// A detention period of a betrokkene.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detentie {
    /// Record id.
    pub id: String,
    /// Institution (PI Leeuwarden, PI Veenhuizen, ...).
    pub inrichting: String,
    /// Start date.
    pub startdatum: Option<String>,
    /// Expected release date.
    pub einddatum_verwacht: Option<String>,
    /// Reports to prison by themselves.
    pub zelfmelder: bool,
    /// Short sentence.
    pub kortgestrafte: bool,
}

/// A journal entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JournaalRegel {
    /// Record id.
    pub id: String,
    /// Date `JJJJ-MM-DD`.
    pub datum: String,
    /// Author.
    pub auteur: String,
    /// Kind.
    pub soort: JournaalSoort,
    /// Institution, for a PI visit.
    pub inrichting: String,
    /// Text.
    pub tekst: String,
}

/// A change of AVE phase.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AveWijziging {
    /// Previous phase.
    pub van: Option<u8>,
    /// New phase.
    pub naar: u8,
    /// When.
    pub tijdstip: String,
    /// Who.
    pub gebruiker: String,
    /// Why.
    pub reden: String,
}

/// A change of phase.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FaseWijziging {
    /// Previous phase.
    pub van: Option<Fase>,
    /// New phase.
    pub naar: Fase,
    /// When.
    pub tijdstip: String,
    /// Who.
    pub gebruiker: String,
    /// Why.
    pub reden: String,
    /// This was an explicit reopening.
    pub heropend: bool,
    /// Superseded: made at the same time as another change on another device, and not
    /// the one that holds (the next change did not start from it, or the casus is in
    /// another phase now). The entries that are not superseded form one chain.
    pub vervallen: bool,
}

/// Mark the entries of a phase history (in creation order) that a concurrent change on
/// another device superseded, given the phase the casus is in now.
pub fn markeer_vervallen(historie: &mut [FaseWijziging], huidig: Fase) {
    let n = historie.len();
    for i in 0..n.saturating_sub(1) {
        let naar = historie[i].naar;
        historie[i].vervallen = historie[i + 1].van != Some(naar);
    }
    if let Some(k) = historie.iter().rposition(|h| h.naar == huidig) {
        for h in &mut historie[k + 1..] {
            h.vervallen = true;
        }
    }
}

/// Everything about one casus (the detail view and `casus show`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CasusDetail {
    /// List fields.
    #[serde(flatten)]
    pub regel: CasusRegel,
    /// Referring partner (name).
    pub aanmelder_partner: Option<String>,
    /// Referring contact person (name).
    pub aanmelder_contact: Option<String>,
    /// Date of the weging decision.
    pub datum_besluit: Option<String>,
    /// The weging outcome with its date and, when a weegtafel decided it, the meeting.
    pub weging: Option<WegingVastgelegd>,
    /// Gemeente (name), if recorded.
    pub gemeente: Option<String>,
    /// Gemeente id, if recorded.
    pub gemeente_id: Option<String>,
    /// Start of procesregie.
    pub datum_start: Option<String>,
    /// Closing date.
    pub datum_afsluiting: Option<String>,
    /// Reason for closing.
    pub afsluitreden: Option<String>,
    /// Satisfaction of the referrer at closing (1–5).
    pub tevredenheid: Option<u8>,
    /// The problem as referred.
    pub probleem: String,
    /// The safety risk.
    pub veiligheidsrisico: String,
    /// What was tried already.
    pub geprobeerd: String,
    /// The question to the ZVH.
    pub vraag: String,
    /// Next evaluation of the plan.
    pub evaluatiedatum: Option<String>,
    /// Persons.
    pub betrokkenen: Vec<Betrokkene>,
    /// Journal, newest first.
    pub journaal: Vec<JournaalRegel>,
    /// AVE history, oldest first.
    pub ave_historie: Vec<AveWijziging>,
    /// Phase history, oldest first.
    pub fase_historie: Vec<FaseWijziging>,
    /// The adviesvraag this casus was converted from (id), when it is on this device.
    pub adviesvraag_id: Option<String>,
    /// The date of that adviesvraag (`JJJJ-MM-DD`).
    pub adviesvraag_datum: Option<String>,
    /// Escalations (opschalingen), oldest first.
    pub opschalingen: Vec<super::Opschaling>,
    /// Aanbod per leefgebied (nazorg), the leefgebieden with a status.
    pub aanbod: Vec<super::Aanbod>,
}

impl CasusDetail {
    /// The toelichting given with the weging decision (the move out of the weging phase
    /// that holds), if one was given.
    pub fn weging_toelichting(&self) -> Option<&str> {
        self.fase_historie
            .iter()
            .rev()
            .find(|h| !h.vervallen && h.van == Some(Fase::Weging) && !h.heropend)
            .map(|h| h.reden.trim())
            .filter(|r| !r.is_empty())
    }
}

/// A recorded weging outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WegingVastgelegd {
    /// Outcome.
    pub uitkomst: WegingUitkomst,
    /// Date of the decision `JJJJ-MM-DD`.
    pub datum: Option<String>,
    /// The weegtafel that decided it (id), if any.
    pub overleg: Option<String>,
    /// That meeting as a label ("Weegtafel 12-05-2026"), when it is known on this device.
    pub overleg_label: Option<String>,
}

/// A weging outcome to record.
#[derive(Debug, Clone, PartialEq)]
pub struct Weging {
    /// Outcome.
    pub uitkomst: WegingUitkomst,
    /// Date of the decision (default: the meeting's date, else today).
    pub datum: Option<NaiveDate>,
    /// The weegtafel that decided it (id or its first 8+ characters).
    pub overleg: Option<String>,
}

/// Data of a new referral (aanmelding).
#[derive(Debug, Clone, Default)]
pub struct NieuweCasus {
    /// Working name (required).
    pub werknaam: String,
    /// Thema: id, name or unique start of the name (required).
    pub thema: String,
    /// AVE phase (default 3).
    pub ave: Option<Ave>,
    /// Date of referral (default today); its year goes into the casusnummer.
    pub datum_aanmelding: Option<NaiveDate>,
    /// Referring partner id.
    pub aanmelder_partner_id: Option<String>,
    /// Referring contact id.
    pub aanmelder_contact_id: Option<String>,
    /// Procesregisseur: medewerker id, 8+ prefix or unique name (empty: none).
    pub procesregisseur: String,
    /// Trajectbegeleider: medewerker id, 8+ prefix or unique name (empty: none).
    pub trajectbegeleider: String,
    /// The problem.
    pub probleem: String,
    /// The safety risk.
    pub veiligheidsrisico: String,
    /// What was tried.
    pub geprobeerd: String,
    /// The question to the ZVH.
    pub vraag: String,
    /// Gemeente: id, name or unique start of the name of an active entry (empty: none).
    pub gemeente: String,
}

/// Editable text fields of a casus; `None` leaves a field unchanged.
#[derive(Debug, Clone, Default)]
pub struct CasusWijziging {
    /// Working name.
    pub werknaam: Option<String>,
    /// Thema (id, name or start of name).
    pub thema: Option<String>,
    /// Problem.
    pub probleem: Option<String>,
    /// Safety risk.
    pub veiligheidsrisico: Option<String>,
    /// What was tried.
    pub geprobeerd: Option<String>,
    /// Question.
    pub vraag: Option<String>,
    /// Evaluation date of the plan.
    pub evaluatiedatum: Option<Option<NaiveDate>>,
    /// Gemeente (id or name from the list); `Some(None)` clears it.
    pub gemeente: Option<Option<String>>,
    /// Date of referral (not in the future, not after the weging decision).
    pub aanmelddatum: Option<NaiveDate>,
    /// Referring partner id; `Some(None)` clears it (and the referring contact).
    pub aanmelder_partner_id: Option<Option<String>>,
}

/// A new betrokkene.
#[derive(Debug, Clone)]
pub struct NieuweBetrokkene {
    /// Full name (required).
    pub naam: String,
    /// Birth date.
    pub geboortedatum: Option<NaiveDate>,
    /// Role.
    pub rol: Rol,
    /// BSN, validated with the elfproef.
    pub bsn: Option<String>,
    /// Initials; derived from the name when absent.
    pub initialen: Option<String>,
}

/// A correction of a betrokkene: `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct BetrokkeneWijziging {
    /// Full name.
    pub naam: Option<String>,
    /// Birth date (`Some(None)` clears it).
    pub geboortedatum: Option<Option<NaiveDate>>,
    /// BSN (`Some(None)` clears it), elfproef checked.
    pub bsn: Option<Option<String>>,
    /// Role.
    pub rol: Option<Rol>,
}

/// A correction of a detention period; `None` leaves a field unchanged.
#[derive(Debug, Clone, Default)]
pub struct DetentieWijziging {
    /// Institution.
    pub inrichting: Option<String>,
    /// Start (`Some(None)` clears it).
    pub startdatum: Option<Option<NaiveDate>>,
    /// Expected release (`Some(None)` clears it).
    pub einddatum_verwacht: Option<Option<NaiveDate>>,
    /// Zelfmelder.
    pub zelfmelder: Option<bool>,
    /// Kortgestrafte.
    pub kortgestrafte: Option<bool>,
}

/// A journaal entry written by the system inside a larger change (by the current user).
pub(crate) fn schrijf_journaal(
    w: &mut super::schrijven::Schrijver<'_>,
    casus_id: &str,
    regel: &str,
) -> Resultaat<String> {
    let id = nieuw_id();
    let auteur = w.gebruiker().to_string();
    w.nieuw(
        &s::JOURNAAL,
        &id,
        &[
            ("casus_id", tekst(casus_id)),
            ("datum", tekst(datum_tekst(vandaag()))),
            ("auteur", tekst(auteur)),
            ("soort", tekst(JournaalSoort::Notitie.code())),
            ("inrichting", tekst("")),
            ("tekst", tekst(regel)),
        ],
    )?;
    Ok(id)
}

/// A betrokkene whose fields passed every check, ready to be written.
struct GecontroleerdeBetrokkene {
    naam: String,
    initialen: String,
    geboortedatum: Option<NaiveDate>,
    bsn: Option<Bsn>,
    rol: Rol,
}

impl GecontroleerdeBetrokkene {
    /// Name required, BSN elfproef, birth date not in the future.
    fn van(b: NieuweBetrokkene) -> Resultaat<GecontroleerdeBetrokkene> {
        let naam = verplicht("naam", &b.naam)?;
        let bsn = b.bsn.as_deref().filter(|s| !s.trim().is_empty()).map(Bsn::parse).transpose()?;
        if let Some(d) = b.geboortedatum
            && d > vandaag()
        {
            return Err(DomeinFout::DatumInToekomst { veld: "geboortedatum", datum: datum_tekst(d) }.into());
        }
        let initialen = b.initialen.filter(|i| !i.trim().is_empty()).unwrap_or_else(|| initialen(&naam));
        Ok(GecontroleerdeBetrokkene { naam, initialen, geboortedatum: b.geboortedatum, bsn, rol: b.rol })
    }

    fn schrijf(self, w: &mut super::schrijven::Schrijver<'_>, casus_id: &str, volgorde: i64) -> Resultaat<String> {
        let id = nieuw_id();
        w.nieuw(
            &s::BETROKKENE,
            &id,
            &[
                ("casus_id", tekst(casus_id)),
                ("naam", tekst(self.naam)),
                ("initialen", tekst(self.initialen)),
                ("geboortedatum", tekst_of_null(self.geboortedatum.map(datum_tekst))),
                ("bsn", tekst_of_null(self.bsn.map(|b| b.as_str().to_string()))),
                ("rol", tekst(self.rol.code())),
                ("volgorde", getal(volgorde)),
            ],
        )?;
        Ok(id)
    }
}

/// A new detention period.
#[derive(Debug, Clone, Default)]
pub struct NieuweDetentie {
    /// Institution (required).
    pub inrichting: String,
    /// Start.
    pub startdatum: Option<NaiveDate>,
    /// Expected release.
    pub einddatum_verwacht: Option<NaiveDate>,
    /// Zelfmelder.
    pub zelfmelder: bool,
    /// Kortgestrafte.
    pub kortgestrafte: bool,
}

/// A new journal entry.
#[derive(Debug, Clone)]
pub struct NieuwJournaal {
    /// Kind.
    pub soort: JournaalSoort,
    /// Text (required).
    pub tekst: String,
    /// Date (default today).
    pub datum: Option<NaiveDate>,
    /// Institution (required for a PI visit).
    pub inrichting: Option<String>,
}

/// An entry of an editable list (thema, leefgebied).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LijstItem {
    /// Record id.
    pub id: String,
    /// Name.
    pub naam: String,
    /// Still offered for new records.
    pub actief: bool,
}

pub(crate) fn vandaag() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub(crate) fn datum_tekst(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Find a casus id by casusnummer.
pub(crate) fn casus_id(conn: &Connection, nummer: &str) -> Resultaat<String> {
    let n: Casusnummer = nummer.parse()?;
    conn.prepare_cached("SELECT id FROM casus WHERE nummer = ?1")?
        .query_row([n.to_string()], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreFout::CasusOnbekend(n.to_string()))
}

pub(crate) fn lijst_zoek(conn: &Connection, tabel: &'static str, prefix: &str, invoer: &str) -> Resultaat<String> {
    let t = invoer.trim();
    let lager = t.to_lowercase();
    let mut stmt = conn.prepare(&format!("SELECT id, naam FROM {tabel} ORDER BY volgorde, naam"))?;
    let items: Vec<(String, String)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    if let Some((id, _)) = items
        .iter()
        .find(|(id, naam)| *id == t || naam.to_lowercase() == lager || id.strip_prefix(prefix) == Some(lager.as_str()))
    {
        return Ok(id.clone());
    }
    let kandidaten: Vec<&String> = items
        .iter()
        .filter(|(_, naam)| !lager.is_empty() && naam.to_lowercase().starts_with(&lager))
        .map(|(id, _)| id)
        .collect();
    match kandidaten.as_slice() {
        [een] => Ok((*een).clone()),
        _ => Err(StoreFout::Onbekend { tabel, id: t.to_string() }),
    }
}

/// Resolve a thema given as id, name or unique start of the name.
pub(crate) fn thema_id(conn: &Connection, invoer: &str) -> Resultaat<String> {
    lijst_zoek(conn, "thema", "thema-", invoer)
}

/// Resolve a leefgebied given as id, name or unique start of the name.
pub(crate) fn leefgebied_id(conn: &Connection, invoer: &str) -> Resultaat<String> {
    lijst_zoek(conn, "leefgebied", "lg-", invoer)
}

impl Store {
    /// Register a new case (aanmelding). Assigns the next casusnummer of the year.
    pub fn nieuwe_casus(&mut self, n: NieuweCasus) -> Resultaat<Casusnummer> {
        self.aanmelding(n, None)
    }

    /// Register an aanmelding with its hoofdpersoon (if any) as one whole: everything is
    /// checked before anything is written, and casus and person are written in one
    /// transaction, so a refused person never leaves a casus behind.
    pub fn aanmelding(&mut self, n: NieuweCasus, persoon: Option<NieuweBetrokkene>) -> Resultaat<Casusnummer> {
        let werknaam = verplicht("werknaam", &n.werknaam)?;
        verplicht("thema", &n.thema)?;
        let persoon = persoon.map(GecontroleerdeBetrokkene::van).transpose()?;
        let datum = n.datum_aanmelding.unwrap_or_else(vandaag);
        if datum > vandaag() {
            return Err(DomeinFout::DatumInToekomst { veld: "aanmelddatum", datum: datum_tekst(datum) }.into());
        }
        let ave = n.ave.unwrap_or_default();
        let medewerker = |m: &str| -> Resultaat<Value> {
            Ok(if m.trim().is_empty() { Value::Null } else { tekst(super::medewerker::zoek(&self.conn, m)?.id) })
        };
        let procesregisseur_id = medewerker(&n.procesregisseur)?;
        let trajectbegeleider_id = medewerker(&n.trajectbegeleider)?;
        let gemeente = match n.gemeente.trim() {
            "" => Value::Null,
            g => tekst(super::advies::actief_uit_lijst(&self.conn, "gemeente", "gemeente-", g)?),
        };
        let mut w = self.schrijver()?;
        let thema = thema_id(w.conn(), &n.thema)?;
        let jaar = chrono::Datelike::year(&datum);
        let teller_sleutel = format!("casusteller_{jaar}");
        let teller: i64 = w
            .conn()
            .query_row("SELECT waarde FROM instelling WHERE sleutel = ?1", [&teller_sleutel], |r| r.get::<_, String>(0))
            .optional()?
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let hoogste: i64 =
            w.conn()
                .query_row("SELECT coalesce(max(volgnummer), 0) FROM casus WHERE jaar = ?1", [jaar], |r| r.get(0))?;
        let volgnummer = teller.max(hoogste) + 1;
        w.conn().execute(
            "INSERT INTO instelling(sleutel, waarde) VALUES (?1, ?2)
             ON CONFLICT(sleutel) DO UPDATE SET waarde = excluded.waarde",
            (&teller_sleutel, volgnummer.to_string()),
        )?;
        let nummer = Casusnummer { jaar, volgnummer: volgnummer as u32 };
        let id = nieuw_id();
        w.nieuw(
            &s::CASUS,
            &id,
            &[
                ("nummer", tekst(nummer.to_string())),
                ("jaar", getal(jaar)),
                ("volgnummer", getal(volgnummer)),
                ("werknaam", tekst(werknaam)),
                ("thema_id", tekst(thema)),
                ("ave", getal(ave.get())),
                ("fase", tekst(Fase::Aanmelding.code())),
                ("aanmelder_partner_id", tekst_of_null(n.aanmelder_partner_id)),
                ("aanmelder_contact_id", tekst_of_null(n.aanmelder_contact_id)),
                ("procesregisseur_id", procesregisseur_id),
                ("trajectbegeleider_id", trajectbegeleider_id),
                ("datum_aanmelding", tekst(datum_tekst(datum))),
                ("probleem", tekst(n.probleem.trim())),
                ("veiligheidsrisico", tekst(n.veiligheidsrisico.trim())),
                ("geprobeerd", tekst(n.geprobeerd.trim())),
                ("vraag", tekst(n.vraag.trim())),
                ("gemeente_id", gemeente),
            ],
        )?;
        let tijd = w.tijdstip().to_string();
        let wie = w.gebruiker().to_string();
        w.nieuw(
            &s::AVE_HISTORIE,
            &nieuw_id(),
            &[
                ("casus_id", tekst(&id)),
                ("van", Value::Null),
                ("naar", getal(ave.get())),
                ("tijdstip", tekst(&tijd)),
                ("gebruiker", tekst(&wie)),
                ("reden", tekst("aanmelding")),
            ],
        )?;
        w.nieuw(
            &s::FASE_HISTORIE,
            &nieuw_id(),
            &[
                ("casus_id", tekst(&id)),
                ("van", Value::Null),
                ("naar", tekst(Fase::Aanmelding.code())),
                ("tijdstip", tekst(tijd)),
                ("gebruiker", tekst(wie)),
                ("reden", tekst("")),
            ],
        )?;
        if let Some(p) = persoon {
            p.schrijf(&mut w, &id, 0)?;
        }
        w.commit()?;
        Ok(nummer)
    }

    /// Cases matching `filter`, ordered by casusnummer.
    pub fn casus_lijst(&self, filter: &CasusFilter) -> Resultaat<Vec<CasusRegel>> {
        let mut waar = Vec::new();
        let mut params: Vec<Value> = vec![Value::Text(datum_tekst(vandaag()))];
        if let Some(f) = filter.fase {
            params.push(tekst(f.code()));
            waar.push(format!("c.fase = ?{}", params.len()));
        }
        if let Some(t) = &filter.thema_id {
            params.push(tekst(t.clone()));
            waar.push(format!("c.thema_id = ?{}", params.len()));
        }
        if let Some(a) = filter.ave {
            params.push(getal(a));
            waar.push(format!("c.ave = ?{}", params.len()));
        }
        if let Some(g) = &filter.gemeente_id {
            params.push(tekst(g.clone()));
            waar.push(format!("c.gemeente_id = ?{}", params.len()));
        }
        if let Some(m) = filter.medewerker.as_deref().filter(|m| !m.trim().is_empty()) {
            params.push(tekst(super::medewerker::zoek(&self.conn, m)?.id));
            waar.push(format!(
                "(c.procesregisseur_id = ?{0} OR c.trajectbegeleider_id = ?{0} OR c.casusregisseur_id = ?{0})",
                params.len()
            ));
        }
        if let Some(t) = filter.tekst.as_deref() {
            match super::fts_query(t) {
                Some(q) => {
                    params.push(tekst(q));
                    waar.push(format!(
                        "c.id IN (SELECT t.tekst FROM zoekindex JOIN zoekrij_nr z ON z.nr = zoekindex.rowid
                                  JOIN tekstnr t ON t.nr = z.casus WHERE zoekindex MATCH ?{})",
                        params.len()
                    ));
                }
                None if !t.trim().is_empty() => waar.push("0".into()),
                None => {}
            }
        }
        let mut sql = REGEL_SELECT.to_string();
        if !waar.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&waar.join(" AND "));
        }
        sql.push_str(" ORDER BY c.jaar, c.volgnummer");
        if let Some(l) = filter.limiet {
            sql.push_str(&format!(" LIMIT {l}"));
        }
        let mut stmt = self.conn.prepare(&sql)?;
        let regels = stmt.query_map(rusqlite::params_from_iter(params.iter()), regel_van)?.collect::<Result<_, _>>()?;
        Ok(regels)
    }

    /// One row of the list by casusnummer, without logging a view.
    pub fn casus_regel(&self, nummer: &str) -> Resultaat<CasusRegel> {
        let id = casus_id(&self.conn, nummer)?;
        let sql = format!("{REGEL_SELECT} WHERE c.id = ?2");
        Ok(self.conn.prepare_cached(&sql)?.query_row(rusqlite::params![datum_tekst(vandaag()), id], regel_van)?)
    }

    /// The full casus. Records an `inzien` audit entry: reading personal data is logged.
    /// Call it once per opening; a refresh of an open casus uses [`Store::casus_detail_verversen`].
    pub fn casus_detail(&mut self, nummer: &str) -> Resultaat<CasusDetail> {
        let d = self.casus_detail_verversen(nummer)?;
        let mut w = self.schrijver()?;
        w.inzien(&s::CASUS, &d.regel.id, Some(&d.regel.id))?;
        w.commit()?;
        Ok(d)
    }

    /// The full casus again, for a casus the user already has open (after a save): a pure
    /// read, no audit entry (the opening was logged by [`Store::casus_detail`]).
    pub fn casus_detail_verversen(&self, nummer: &str) -> Resultaat<CasusDetail> {
        let regel = self.casus_regel(nummer)?;
        let id = regel.id.clone();
        let c = &self.conn;
        let (
            aanmelder_partner,
            aanmelder_contact,
            datum_besluit,
            datum_start,
            datum_afsluiting,
            afsluitreden,
            tevredenheid,
        ) = c.query_row(
            "SELECT p.naam, k.naam, c.datum_besluit, c.datum_start, c.datum_afsluiting, c.afsluitreden, c.tevredenheid
                 FROM casus c LEFT JOIN partner p ON p.id = c.aanmelder_partner_id
                 LEFT JOIN contactpersoon k ON k.id = c.aanmelder_contact_id WHERE c.id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        )?;
        let (probleem, veiligheidsrisico, geprobeerd, vraag, evaluatiedatum) = c.query_row(
            "SELECT probleem, veiligheidsrisico, geprobeerd, vraag, evaluatiedatum FROM casus WHERE id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        type Tekst = Option<String>;
        let (weging_datum, weging_overleg, overleg_soort, overleg_datum, gemeente, gemeente_id): (
            Tekst,
            Tekst,
            Tekst,
            Tekst,
            Tekst,
            Tekst,
        ) = c.query_row(
            "SELECT c.weging_datum, c.weging_overleg_id, coalesce(s.naam, o.soort), o.datum, g.naam, c.gemeente_id
             FROM casus c LEFT JOIN overleg o ON o.id = c.weging_overleg_id
             LEFT JOIN overlegsoort s ON s.id = o.soort LEFT JOIN gemeente g ON g.id = c.gemeente_id WHERE c.id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )?;
        let datum_besluit: Option<String> = datum_besluit;
        let weging = regel.weging_uitkomst.map(|uitkomst| WegingVastgelegd {
            uitkomst,
            datum: weging_datum.or_else(|| datum_besluit.clone()),
            overleg: weging_overleg,
            overleg_label: overleg_soort
                .zip(overleg_datum)
                .map(|(s, d)| format!("{s} {}", crate::domain::nl_datum(&d))),
        });
        let mut detenties_stmt = c.prepare(
            "SELECT id, inrichting, startdatum, einddatum_verwacht, zelfmelder, kortgestrafte FROM detentie
             WHERE betrokkene_id = ?1 ORDER BY startdatum",
        )?;
        let mut stmt = c.prepare(
            "SELECT id, naam, initialen, geboortedatum, bsn, rol FROM betrokkene WHERE casus_id = ?1 ORDER BY volgorde, naam",
        )?;
        let mut betrokkenen: Vec<Betrokkene> = stmt
            .query_map([&id], |r| {
                let rol: String = r.get(5)?;
                Ok(Betrokkene {
                    id: r.get(0)?,
                    naam: r.get(1)?,
                    initialen: r.get(2)?,
                    geboortedatum: r.get(3)?,
                    bsn: r.get(4)?,
                    rol: Rol::parse(&rol).map_err(fout_conversie)?,
                    detenties: Vec::new(),
                })
            })?
            .collect::<Result<_, _>>()?;
        for b in &mut betrokkenen {
            b.detenties = detenties_stmt
                .query_map([&b.id], |r| {
                    Ok(Detentie {
                        id: r.get(0)?,
                        inrichting: r.get(1)?,
                        startdatum: r.get(2)?,
                        einddatum_verwacht: r.get(3)?,
                        zelfmelder: r.get(4)?,
                        kortgestrafte: r.get(5)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
        }
        let mut stmt = c.prepare(
            "SELECT id, datum, auteur, soort, inrichting, tekst FROM journaal WHERE casus_id = ?1
             ORDER BY datum DESC, aangemaakt_hlc DESC, aangemaakt_door DESC",
        )?;
        let journaal = stmt
            .query_map([&id], |r| {
                let soort: String = r.get(3)?;
                Ok(JournaalRegel {
                    id: r.get(0)?,
                    datum: r.get(1)?,
                    auteur: r.get(2)?,
                    soort: JournaalSoort::parse(&soort).map_err(fout_conversie)?,
                    inrichting: r.get(4)?,
                    tekst: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = c.prepare(
            "SELECT van, naar, tijdstip, gebruiker, reden FROM ave_historie WHERE casus_id = ?1 ORDER BY aangemaakt_hlc, aangemaakt_door",
        )?;
        let ave_historie = stmt
            .query_map([&id], |r| {
                Ok(AveWijziging {
                    van: r.get(0)?,
                    naar: r.get(1)?,
                    tijdstip: r.get(2)?,
                    gebruiker: r.get(3)?,
                    reden: r.get(4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = c.prepare(
            "SELECT van, naar, tijdstip, gebruiker, reden, heropend FROM fase_historie WHERE casus_id = ?1
             ORDER BY aangemaakt_hlc, aangemaakt_door",
        )?;
        let mut fase_historie: Vec<FaseWijziging> = stmt
            .query_map([&id], |r| {
                let van: Option<String> = r.get(0)?;
                let naar: String = r.get(1)?;
                Ok(FaseWijziging {
                    van: van.map(|v| Fase::parse(&v)).transpose().map_err(fout_conversie)?,
                    naar: Fase::parse(&naar).map_err(fout_conversie)?,
                    tijdstip: r.get(2)?,
                    gebruiker: r.get(3)?,
                    reden: r.get(4)?,
                    heropend: r.get(5)?,
                    vervallen: false,
                })
            })?
            .collect::<Result<_, _>>()?;
        markeer_vervallen(&mut fase_historie, regel.fase);
        drop(detenties_stmt);
        drop(stmt);
        let (adviesvraag_id, adviesvraag_datum) = self
            .conn
            .query_row("SELECT id, datum FROM adviesvraag WHERE casus_id = ?1 LIMIT 1", [&regel.id], |r| {
                Ok((Some(r.get(0)?), Some(r.get(1)?)))
            })
            .optional()?
            .unwrap_or((None, None));
        let aanbod = super::detentiemelding::aanbod_lijst(c, "casus_aanbod", "casus_id", &id)?;
        Ok(CasusDetail {
            regel,
            aanmelder_partner,
            aanmelder_contact,
            datum_besluit,
            weging,
            gemeente,
            gemeente_id,
            datum_start,
            datum_afsluiting,
            afsluitreden,
            tevredenheid,
            probleem,
            veiligheidsrisico,
            geprobeerd,
            vraag,
            evaluatiedatum,
            betrokkenen,
            journaal,
            ave_historie,
            fase_historie,
            adviesvraag_id,
            adviesvraag_datum,
            opschalingen: self.opschalingen(nummer)?,
            aanbod,
        })
    }

    /// Move a case to another phase, following the domain rules.
    pub fn casus_fase(&mut self, nummer: &str, verzoek: &FaseOvergang) -> Resultaat<FaseBesluit> {
        let regel = self.casus_regel(nummer)?;
        let gestart: bool =
            self.conn
                .query_row("SELECT datum_start IS NOT NULL FROM casus WHERE id = ?1", [&regel.id], |r| r.get(0))?;
        let besluit = fase::beslis(regel.fase, regel.weging_uitkomst, gestart, verzoek)?;
        let datum = verzoek.datum.unwrap_or_else(vandaag);
        if datum > vandaag() || datum_tekst(datum) < regel.datum_aanmelding {
            return Err(DomeinFout::OngeldigeDatum(datum_tekst(datum)).into());
        }
        let vandaag = datum_tekst(datum);
        let mut velden: Vec<(&str, Value)> = vec![("fase", tekst(besluit.naar.code()))];
        if let Some(u) = besluit.uitkomst {
            velden.push(("weging_uitkomst", tekst(u.code())));
            velden.push(("datum_besluit", tekst(&vandaag)));
            velden.push(("weging_datum", tekst(&vandaag)));
            velden.push(("weging_overleg_id", Value::Null));
        }
        if besluit.start_vastleggen {
            velden.push(("datum_start", tekst(&vandaag)));
        }
        if let Some(reden) = &besluit.afsluitreden {
            velden.push(("datum_afsluiting", tekst(&vandaag)));
            velden.push(("afsluitreden", tekst(reden)));
            velden.push(("tevredenheid", besluit.tevredenheid.map(getal).unwrap_or(Value::Null)));
        }
        if besluit.heropend {
            velden.push(("datum_afsluiting", Value::Null));
            velden.push(("afsluitreden", Value::Null));
            velden.push(("tevredenheid", Value::Null));
        }
        let mut w = self.schrijver()?;
        w.wijzig(&s::CASUS, &regel.id, &velden)?;
        let tijd = w.tijdstip().to_string();
        let wie = w.gebruiker().to_string();
        w.nieuw(
            &s::FASE_HISTORIE,
            &nieuw_id(),
            &[
                ("casus_id", tekst(&regel.id)),
                ("van", tekst(besluit.van.code())),
                ("naar", tekst(besluit.naar.code())),
                ("tijdstip", tekst(tijd)),
                ("gebruiker", tekst(wie)),
                ("reden", tekst(besluit.reden.clone().unwrap_or_default())),
                ("heropend", getal(besluit.heropend)),
            ],
        )?;
        w.commit()?;
        Ok(besluit)
    }

    /// Record (or correct) the weging outcome with its date and, when a weegtafel decided
    /// it, the meeting. A casus still in weging whose outcome is *procesregie* or
    /// *ondersteunen* moves on as on the board (to procesregie or monitoring); otherwise
    /// the phase stays and the outcome must fit it. The date defaults to the meeting's
    /// date, else today, and may not lie in the future or before the aanmelding.
    pub fn casus_weging(&mut self, nummer: &str, weging: &Weging) -> Resultaat<()> {
        let regel = self.casus_regel(nummer)?;
        let overleg = match weging.overleg.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
            Some(o) => {
                let id =
                    if self.conn.query_row("SELECT count(*) FROM overleg WHERE id = ?1", [o], |r| r.get::<_, i64>(0))?
                        > 0
                    {
                        o.to_string()
                    } else {
                        self.volledig_id("overleg", o)?
                    };
                let datum: String =
                    self.conn.query_row("SELECT datum FROM overleg WHERE id = ?1", [&id], |r| r.get(0))?;
                Some((id, datum))
            }
            None => None,
        };
        let datum = match (weging.datum, &overleg) {
            (Some(d), _) => d,
            (None, Some((_, d))) => {
                NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| DomeinFout::OngeldigeDatum(d.clone()))?
            }
            (None, None) => vandaag(),
        };
        if datum > vandaag() || datum_tekst(datum) < regel.datum_aanmelding {
            return Err(DomeinFout::OngeldigeDatum(datum_tekst(datum)).into());
        }
        let naar = match (regel.fase, weging.uitkomst) {
            (Fase::Weging, WegingUitkomst::Procesregie) => Some(Fase::Procesregie),
            (Fase::Weging, WegingUitkomst::Ondersteunen) => Some(Fase::Monitoring),
            (f, u) => {
                fase::uitkomst_past_bij_fase(f, u)?;
                None
            }
        };
        let id = regel.id.clone();
        let uitkomst = weging.uitkomst;
        self.batch(move |st| {
            if let Some(naar) = naar {
                st.casus_fase(
                    nummer,
                    &FaseOvergang {
                        naar: Some(naar),
                        uitkomst: Some(uitkomst),
                        datum: Some(datum),
                        ..Default::default()
                    },
                )?;
            }
            let mut w = st.schrijver()?;
            w.wijzig(
                &s::CASUS,
                &id,
                &[
                    ("weging_uitkomst", tekst(uitkomst.code())),
                    ("datum_besluit", tekst(datum_tekst(datum))),
                    ("weging_datum", tekst(datum_tekst(datum))),
                    ("weging_overleg_id", tekst_of_null(overleg.map(|(o, _)| o))),
                ],
            )?;
            w.commit()
        })
    }

    /// Change the AVE phase, recording who, when and why.
    pub fn casus_ave(&mut self, nummer: &str, ave: Ave, reden: &str) -> Resultaat<()> {
        let regel = self.casus_regel(nummer)?;
        let reden = verplicht("reden", reden)?;
        if regel.ave == ave.get() {
            return Ok(());
        }
        let mut w = self.schrijver()?;
        w.wijzig(&s::CASUS, &regel.id, &[("ave", getal(ave.get()))])?;
        let tijd = w.tijdstip().to_string();
        let wie = w.gebruiker().to_string();
        w.nieuw(
            &s::AVE_HISTORIE,
            &nieuw_id(),
            &[
                ("casus_id", tekst(&regel.id)),
                ("van", getal(regel.ave)),
                ("naar", getal(ave.get())),
                ("tijdstip", tekst(tijd)),
                ("gebruiker", tekst(wie)),
                ("reden", tekst(reden)),
            ],
        )?;
        w.commit()
    }

    /// Edit text fields of a case. Returns the number of fields that changed.
    pub fn casus_wijzig(&mut self, nummer: &str, wijziging: &CasusWijziging) -> Resultaat<usize> {
        let id = casus_id(&self.conn, nummer)?;
        let mut velden: Vec<(&str, Value)> = Vec::new();
        if let Some(v) = &wijziging.werknaam {
            velden.push(("werknaam", tekst(verplicht("werknaam", v)?)));
        }
        if let Some(t) = &wijziging.thema {
            velden.push(("thema_id", tekst(thema_id(&self.conn, t)?)));
        }
        for (veld, waarde) in [
            ("probleem", &wijziging.probleem),
            ("veiligheidsrisico", &wijziging.veiligheidsrisico),
            ("geprobeerd", &wijziging.geprobeerd),
            ("vraag", &wijziging.vraag),
        ] {
            if let Some(v) = waarde {
                velden.push((veld, tekst(v.trim())));
            }
        }
        if let Some(d) = wijziging.evaluatiedatum {
            velden.push(("evaluatiedatum", tekst_of_null(d.map(datum_tekst))));
        }
        if let Some(g) = &wijziging.gemeente {
            let g = match g.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
                Some(g) => Some(lijst_zoek(&self.conn, "gemeente", "gemeente-", g)?),
                None => None,
            };
            velden.push(("gemeente_id", tekst_of_null(g)));
        }
        if let Some(d) = wijziging.aanmelddatum {
            if d > vandaag() {
                return Err(DomeinFout::DatumInToekomst { veld: "aanmelddatum", datum: datum_tekst(d) }.into());
            }
            let besluit: Option<String> =
                self.conn.query_row("SELECT datum_besluit FROM casus WHERE id = ?1", [&id], |r| r.get(0))?;
            if besluit.is_some_and(|b| datum_tekst(d) > b) {
                return Err(DomeinFout::OngeldigeDatum(datum_tekst(d)).into());
            }
            velden.push(("datum_aanmelding", tekst(datum_tekst(d))));
        }
        if let Some(p) = &wijziging.aanmelder_partner_id {
            let p = p.as_deref().map(str::trim).filter(|p| !p.is_empty());
            if let Some(p) = p {
                let bestaat: i64 =
                    self.conn.query_row("SELECT count(*) FROM partner WHERE id = ?1", [p], |r| r.get(0))?;
                if bestaat == 0 {
                    return Err(StoreFout::Onbekend { tabel: "partner", id: p.to_string() });
                }
            }
            let huidig: Option<String> =
                self.conn.query_row("SELECT aanmelder_partner_id FROM casus WHERE id = ?1", [&id], |r| r.get(0))?;
            if huidig.as_deref() != p {
                velden.push(("aanmelder_partner_id", tekst_of_null(p)));
                velden.push(("aanmelder_contact_id", Value::Null));
            }
        }
        let mut w = self.schrijver()?;
        let n = w.wijzig(&s::CASUS, &id, &velden)?;
        w.commit()?;
        Ok(n)
    }

    /// Add a person to a case. The BSN, if given, must pass the elfproef.
    pub fn betrokkene_toevoegen(&mut self, nummer: &str, b: NieuweBetrokkene) -> Resultaat<String> {
        let b = GecontroleerdeBetrokkene::van(b)?;
        let cid = casus_id(&self.conn, nummer)?;
        let volgorde: i64 =
            self.conn.query_row("SELECT count(*) FROM betrokkene WHERE casus_id = ?1", [&cid], |r| r.get(0))?;
        let mut w = self.schrijver()?;
        let id = b.schrijf(&mut w, &cid, volgorde)?;
        w.commit()?;
        Ok(id)
    }

    /// Correct a betrokkene (AVG art. 16): only the given fields change, with the same
    /// checks as on creation (BSN elfproef, birth date not in the future). The reason is
    /// kept with the casus history as a journaal entry that names no old or new value
    /// (the audit log holds no values and is never purged).
    pub fn betrokkene_wijzig(
        &mut self,
        nummer: &str,
        betrokkene_id: &str,
        w: &BetrokkeneWijziging,
        reden: &str,
    ) -> Resultaat<usize> {
        let reden = verplicht("reden", reden)?;
        let cid = self.casus_van_betrokkene(nummer, betrokkene_id)?;
        let mut velden = Vec::new();
        if let Some(n) = &w.naam {
            velden.push(("naam", tekst(verplicht("naam", n)?)));
            velden.push(("initialen", tekst(initialen(n.trim()))));
        }
        if let Some(d) = w.geboortedatum {
            if let Some(d) = d
                && d > vandaag()
            {
                return Err(DomeinFout::DatumInToekomst { veld: "geboortedatum", datum: datum_tekst(d) }.into());
            }
            velden.push(("geboortedatum", tekst_of_null(d.map(datum_tekst))));
        }
        if let Some(b) = &w.bsn {
            let bsn = b.as_deref().filter(|s| !s.trim().is_empty()).map(Bsn::parse).transpose()?;
            velden.push(("bsn", tekst_of_null(bsn.map(|b| b.as_str().to_string()))));
        }
        if let Some(r) = w.rol {
            velden.push(("rol", tekst(r.code())));
        }
        let mut s_ = self.schrijver()?;
        let n = s_.wijzig(&s::BETROKKENE, betrokkene_id, &velden)?;
        if n > 0 {
            let velden: Vec<&str> = velden
                .iter()
                .map(|(v, _)| *v)
                .filter(|v| *v != "initialen")
                .map(|v| crate::domain::velden::veld_label("betrokkene", v).unwrap_or(v))
                .collect();
            schrijf_journaal(
                &mut s_,
                &cid,
                &format!("Gegevens van een betrokkene gecorrigeerd ({}): {reden}", velden.join(", ").to_lowercase()),
            )?;
        }
        s_.commit()?;
        Ok(n)
    }

    /// The casus id of betrokkene `id`, which must belong to casus `nummer`.
    fn casus_van_betrokkene(&self, nummer: &str, id: &str) -> Resultaat<String> {
        self.conn
            .query_row(
                "SELECT b.casus_id FROM betrokkene b JOIN casus c ON c.id = b.casus_id WHERE b.id = ?1 AND c.nummer = ?2",
                [id, nummer],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreFout::Onbekend { tabel: "betrokkene", id: id.to_string() })
    }

    /// Remove a betrokkene and their detention periods from a casus; the reason is kept
    /// with the casus history (a journaal entry without the person's data).
    pub fn betrokkene_verwijder(&mut self, nummer: &str, betrokkene_id: &str, reden: &str) -> Resultaat<()> {
        let reden = verplicht("reden", reden)?;
        let cid = self.casus_van_betrokkene(nummer, betrokkene_id)?;
        let detenties: Vec<String> = self
            .conn
            .prepare("SELECT id FROM detentie WHERE betrokkene_id = ?1")?
            .query_map([betrokkene_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut w = self.schrijver()?;
        for d in detenties {
            w.verwijder(&s::DETENTIE, &d)?;
        }
        w.verwijder(&s::BETROKKENE, betrokkene_id)?;
        schrijf_journaal(&mut w, &cid, &format!("Betrokkene verwijderd uit de casus: {reden}"))?;
        w.commit()
    }

    /// Record a detention period of a betrokkene.
    pub fn detentie_toevoegen(&mut self, betrokkene_id: &str, d: NieuweDetentie) -> Resultaat<String> {
        let inrichting = verplicht("inrichting", &d.inrichting)?;
        if let (Some(a), Some(b)) = (d.startdatum, d.einddatum_verwacht)
            && b < a
        {
            return Err(DomeinFout::OngeldigeDatum(datum_tekst(b)).into());
        }
        let cid: String = self
            .conn
            .query_row("SELECT casus_id FROM betrokkene WHERE id = ?1", [betrokkene_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreFout::Onbekend { tabel: "betrokkene", id: betrokkene_id.to_string() })?;
        let id = nieuw_id();
        let mut w = self.schrijver()?;
        w.nieuw(
            &s::DETENTIE,
            &id,
            &[
                ("casus_id", tekst(cid)),
                ("betrokkene_id", tekst(betrokkene_id)),
                ("inrichting", tekst(inrichting)),
                ("startdatum", tekst_of_null(d.startdatum.map(datum_tekst))),
                ("einddatum_verwacht", tekst_of_null(d.einddatum_verwacht.map(datum_tekst))),
                ("zelfmelder", getal(d.zelfmelder)),
                ("kortgestrafte", getal(d.kortgestrafte)),
            ],
        )?;
        w.commit()?;
        Ok(id)
    }

    /// The casus id of detentie `id`, which must belong to casus `nummer`.
    fn casus_van_detentie(&self, nummer: &str, id: &str) -> Resultaat<(String, Option<String>, Option<String>)> {
        self.conn
            .query_row(
                "SELECT d.casus_id, d.startdatum, d.einddatum_verwacht FROM detentie d JOIN casus c ON c.id = d.casus_id
                 WHERE d.id = ?1 AND c.nummer = ?2",
                [id, nummer],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| StoreFout::Onbekend { tabel: "detentie", id: id.to_string() })
    }

    /// Correct a detention period with the same checks as on creation; the reason is kept
    /// with the casus history (a journaal entry that names the fields, not their values).
    pub fn detentie_wijzig(
        &mut self,
        nummer: &str,
        detentie_id: &str,
        d: &DetentieWijziging,
        reden: &str,
    ) -> Resultaat<usize> {
        let reden = verplicht("reden", reden)?;
        let (cid, start, einde) = self.casus_van_detentie(nummer, detentie_id)?;
        let mut velden: Vec<(&str, Value)> = Vec::new();
        if let Some(i) = &d.inrichting {
            velden.push(("inrichting", tekst(verplicht("inrichting", i)?)));
        }
        let start = match d.startdatum {
            Some(s) => s.map(datum_tekst),
            None => start,
        };
        let einde = match d.einddatum_verwacht {
            Some(e) => e.map(datum_tekst),
            None => einde,
        };
        if let (Some(a), Some(b)) = (&start, &einde)
            && b < a
        {
            return Err(DomeinFout::OngeldigeDatum(b.clone()).into());
        }
        if d.startdatum.is_some() {
            velden.push(("startdatum", tekst_of_null(start)));
        }
        if d.einddatum_verwacht.is_some() {
            velden.push(("einddatum_verwacht", tekst_of_null(einde)));
        }
        if let Some(z) = d.zelfmelder {
            velden.push(("zelfmelder", getal(z)));
        }
        if let Some(k) = d.kortgestrafte {
            velden.push(("kortgestrafte", getal(k)));
        }
        let mut w = self.schrijver()?;
        let n = w.wijzig(&s::DETENTIE, detentie_id, &velden)?;
        if n > 0 {
            let namen: Vec<&str> =
                velden.iter().map(|(v, _)| crate::domain::velden::veld_label("detentie", v).unwrap_or(v)).collect();
            schrijf_journaal(
                &mut w,
                &cid,
                &format!("Detentie gecorrigeerd ({}): {reden}", namen.join(", ").to_lowercase()),
            )?;
        }
        w.commit()?;
        Ok(n)
    }

    /// Remove a detention period; the reason is kept with the casus history.
    pub fn detentie_verwijder(&mut self, nummer: &str, detentie_id: &str, reden: &str) -> Resultaat<()> {
        let reden = verplicht("reden", reden)?;
        let (cid, _, _) = self.casus_van_detentie(nummer, detentie_id)?;
        let mut w = self.schrijver()?;
        w.verwijder(&s::DETENTIE, detentie_id)?;
        schrijf_journaal(&mut w, &cid, &format!("Detentie verwijderd uit de casus: {reden}"))?;
        w.commit()
    }

    /// Add a journal entry (note, contact moment, PI visit).
    pub fn journaal_toevoegen(&mut self, nummer: &str, j: NieuwJournaal) -> Resultaat<String> {
        let tekst_ = verplicht("tekst", &j.tekst)?;
        let inrichting = j.inrichting.unwrap_or_default().trim().to_string();
        if j.soort == JournaalSoort::PiBezoek && inrichting.is_empty() {
            return Err(DomeinFout::Verplicht("inrichting").into());
        }
        let cid = casus_id(&self.conn, nummer)?;
        let id = nieuw_id();
        let mut w = self.schrijver()?;
        let auteur = w.gebruiker().to_string();
        w.nieuw(
            &s::JOURNAAL,
            &id,
            &[
                ("casus_id", tekst(cid)),
                ("datum", tekst(datum_tekst(j.datum.unwrap_or_else(vandaag)))),
                ("auteur", tekst(auteur)),
                ("soort", tekst(j.soort.code())),
                ("inrichting", tekst(inrichting)),
                ("tekst", tekst(tekst_)),
            ],
        )?;
        w.commit()?;
        Ok(id)
    }

    /// The thema list (editable).
    pub fn themas(&self) -> Resultaat<Vec<LijstItem>> {
        self.lijst("thema")
    }

    /// The leefgebied list (editable).
    pub fn leefgebieden(&self) -> Resultaat<Vec<LijstItem>> {
        self.lijst("leefgebied")
    }

    fn lijst(&self, tabel: &str) -> Resultaat<Vec<LijstItem>> {
        let mut stmt = self.conn.prepare(&format!("SELECT id, naam, actief FROM {tabel} ORDER BY volgorde, naam"))?;
        let items = stmt
            .query_map([], |r| Ok(LijstItem { id: r.get(0)?, naam: r.get(1)?, actief: r.get(2)? }))?
            .collect::<Result<_, _>>()?;
        Ok(items)
    }

    /// Add a thema to the list.
    pub fn thema_toevoegen(&mut self, naam: &str) -> Resultaat<String> {
        self.lijst_toevoegen(&s::THEMA, naam)
    }

    /// Add a leefgebied to the list.
    pub fn leefgebied_toevoegen(&mut self, naam: &str) -> Resultaat<String> {
        self.lijst_toevoegen(&s::LEEFGEBIED, naam)
    }

    /// The id of an entry of an editable list (`thema`, `leefgebied`, `gemeente`) given as
    /// id, name or unique start of the name.
    pub fn lijst_id(&self, tabel: &str, invoer: &str) -> Resultaat<String> {
        let (t, prefix) = match tabel {
            "thema" => ("thema", "thema-"),
            "leefgebied" => ("leefgebied", "lg-"),
            "gemeente" => ("gemeente", "gemeente-"),
            _ => return Err(StoreFout::Onbekend { tabel: "lijst", id: tabel.to_string() }),
        };
        lijst_zoek(&self.conn, t, prefix, invoer)
    }

    /// The gemeente list (editable).
    pub fn gemeenten(&self) -> Resultaat<Vec<LijstItem>> {
        self.lijst("gemeente")
    }

    /// The meeting types (editable).
    pub fn overlegsoorten(&self) -> Resultaat<Vec<LijstItem>> {
        self.lijst("overlegsoort")
    }

    /// Add a gemeente to the list.
    pub fn gemeente_toevoegen(&mut self, naam: &str) -> Resultaat<String> {
        self.lijst_toevoegen(&s::GEMEENTE, naam)
    }

    /// Add a meeting type; `weegtafel` gives it the fixed weegtafel category (its besluit
    /// records weging outcomes), which no rename changes.
    pub fn overlegsoort_toevoegen(&mut self, naam: &str, weegtafel: bool) -> Resultaat<String> {
        let naam = verplicht("naam", naam)?;
        self.lijst_dubbel("overlegsoort", None, &naam)?;
        let volgorde: i64 =
            self.conn.query_row("SELECT coalesce(max(volgorde), 0) + 1 FROM overlegsoort", [], |r| r.get(0))?;
        let id = nieuw_id();
        let mut w = self.schrijver()?;
        w.nieuw(
            &s::OVERLEGSOORT,
            &id,
            &[
                ("naam", tekst(naam)),
                ("categorie", tekst(if weegtafel { "weegtafel" } else { "overig" })),
                ("actief", getal(1)),
                ("volgorde", getal(volgorde)),
            ],
        )?;
        w.commit()?;
        Ok(id)
    }

    /// The synced table of an editable list by name.
    fn lijsttabel(tabel: &str) -> Resultaat<&'static s::Tabel> {
        Ok(match tabel {
            "thema" => &s::THEMA,
            "leefgebied" => &s::LEEFGEBIED,
            "gemeente" => &s::GEMEENTE,
            "overlegsoort" => &s::OVERLEGSOORT,
            _ => return Err(StoreFout::Onbekend { tabel: "lijst", id: tabel.to_string() }),
        })
    }

    /// Refuse a name that another entry of the list already has (case-insensitive).
    fn lijst_dubbel(&self, tabel: &str, behalve: Option<&str>, naam: &str) -> Resultaat<()> {
        let t = Self::lijsttabel(tabel)?;
        let dubbel: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM {} WHERE lower(naam) = lower(?1) AND id <> coalesce(?2, '')", t.naam),
            rusqlite::params![naam.trim(), behalve],
            |r| r.get(0),
        )?;
        if dubbel > 0 {
            return Err(StoreFout::NaamBestaatAl { tabel: t.naam, naam: naam.trim().to_string() });
        }
        Ok(())
    }

    /// Switch a list entry on or off (inactive entries stay on existing records: an
    /// entry in use is archived, never deleted).
    pub fn lijst_actief(&mut self, tabel: &str, id: &str, actief: bool) -> Resultaat<()> {
        let t = Self::lijsttabel(tabel)?;
        let mut w = self.schrijver()?;
        w.wijzig(t, id, &[("actief", getal(actief))])?;
        w.commit()
    }

    /// Rename a list entry; records that use it show the new name (they refer by id).
    pub fn lijst_hernoem(&mut self, tabel: &str, id: &str, naam: &str) -> Resultaat<()> {
        let t = Self::lijsttabel(tabel)?;
        let naam = verplicht("naam", naam)?;
        let bestaat: i64 =
            self.conn.query_row(&format!("SELECT count(*) FROM {} WHERE id = ?1", t.naam), [id], |r| r.get(0))?;
        if bestaat == 0 {
            return Err(StoreFout::Onbekend { tabel: t.naam, id: id.to_string() });
        }
        self.lijst_dubbel(tabel, Some(id), &naam)?;
        let mut w = self.schrijver()?;
        w.wijzig(t, id, &[("naam", tekst(naam))])?;
        w.commit()
    }

    fn lijst_toevoegen(&mut self, t: &s::Tabel, naam: &str) -> Resultaat<String> {
        let naam = verplicht("naam", naam)?;
        self.lijst_dubbel(t.naam, None, &naam)?;
        let volgorde: i64 =
            self.conn.query_row(&format!("SELECT coalesce(max(volgorde), 0) + 1 FROM {}", t.naam), [], |r| r.get(0))?;
        let id = nieuw_id();
        let mut w = self.schrijver()?;
        w.nieuw(t, &id, &[("naam", tekst(naam)), ("actief", getal(1)), ("volgorde", getal(volgorde))])?;
        w.commit()?;
        Ok(id)
    }
}

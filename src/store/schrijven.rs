//! The single write path. Every mutation of a synced table goes through [`Schrijver`],
//! which in the same transaction writes the row, one audit entry per record or field
//! (names only, never values), and one change-log operation per written field for sync
//! (a new row's fields at their column default have none: see [`Schrijver::nieuw`]).
//! No other module of the store issues INSERT/UPDATE/DELETE on these tables
//! (`geen_schrijfopdrachten_buiten_schrijver` checks this).

use super::{Resultaat, StoreFout, instelling};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};

/// A synced table: its name, the fields that may be written, and the column that links
/// a row to its casus (for need-to-know scoping of sync and retention).
#[derive(Debug)]
pub(crate) struct Tabel {
    pub naam: &'static str,
    pub velden: &'static [&'static str],
    pub casus_kolom: Option<&'static str>,
}

macro_rules! tabellen {
    ($($c:ident = $naam:literal, $casus:expr, [$($veld:literal),+ $(,)?];)+) => {
        $(pub(crate) const $c: Tabel = Tabel { naam: $naam, velden: &[$($veld),+], casus_kolom: $casus };)+
        /// All synced tables.
        pub(crate) const ALLE: &[&Tabel] = &[$(&$c),+];
    };
}

tabellen! {
    THEMA = "thema", None, ["naam", "actief", "volgorde"];
    LEEFGEBIED = "leefgebied", None, ["naam", "actief", "volgorde"];
    GEMEENTE = "gemeente", None, ["naam", "actief", "volgorde"];
    OVERLEGSOORT = "overlegsoort", None, ["naam", "categorie", "actief", "volgorde"];
    PARTNER = "partner", None, ["naam", "soort", "convenantstatus", "notities", "gearchiveerd"];
    MEDEWERKER = "medewerker", None, ["naam", "rol", "apparaat", "gearchiveerd"];
    CONTACTPERSOON = "contactpersoon", None, ["partner_id", "naam", "functie", "telefoon", "email", "themas", "gearchiveerd"];
    CASUS = "casus", Some("id"), ["nummer", "jaar", "volgnummer", "werknaam", "thema_id", "ave", "fase", "weging_uitkomst",
        "aanmelder_partner_id", "aanmelder_contact_id", "procesregisseur", "trajectbegeleider", "datum_aanmelding",
        "datum_besluit", "datum_start", "datum_afsluiting", "afsluitreden", "tevredenheid", "probleem",
        "veiligheidsrisico", "geprobeerd", "vraag", "evaluatiedatum", "procesregisseur_id", "trajectbegeleider_id",
        "casusregisseur_id", "weging_datum", "weging_overleg_id", "gemeente_id"];
    AVE_HISTORIE = "ave_historie", Some("casus_id"), ["casus_id", "van", "naar", "tijdstip", "gebruiker", "reden",
        "aangemaakt_hlc", "aangemaakt_door"];
    FASE_HISTORIE = "fase_historie", Some("casus_id"), ["casus_id", "van", "naar", "tijdstip", "gebruiker", "reden", "heropend",
        "aangemaakt_hlc", "aangemaakt_door"];
    BETROKKENE = "betrokkene", Some("casus_id"), ["casus_id", "naam", "initialen", "geboortedatum", "bsn", "rol", "volgorde"];
    DETENTIE = "detentie", Some("casus_id"), ["casus_id", "betrokkene_id", "inrichting", "startdatum", "einddatum_verwacht",
        "zelfmelder", "kortgestrafte"];
    JOURNAAL = "journaal", Some("casus_id"), ["casus_id", "datum", "auteur", "soort", "inrichting", "tekst",
        "aangemaakt_hlc", "aangemaakt_door"];
    DOEL = "doel", Some("casus_id"), ["casus_id", "leefgebied_id", "omschrijving", "volgorde", "aangemaakt_hlc",
        "aangemaakt_door"];
    ACTIE = "actie", Some("casus_id"), ["casus_id", "doel_id", "omschrijving", "partner_id", "contact_id", "deadline",
        "status", "resultaat", "volgorde", "agendapunt_id", "aangemaakt_hlc", "aangemaakt_door"];
    RISICO = "risico", Some("casus_id"), ["casus_id", "leefgebied_id", "score", "toelichting", "moment",
        "beoordelaar"];
    PLANVERSIE = "planversie", Some("casus_id"), ["casus_id", "nummer", "vastgelegd_op", "vastgelegd_door", "reden", "inhoud"];
    OVERLEG = "overleg", None, ["soort", "datum", "begintijd", "plaats", "voorzitter", "status", "volgende_datum"];
    GENODIGDE = "genodigde", None, ["overleg_id", "contact_id", "aanwezig"];
    AGENDAPUNT = "agendapunt", Some("casus_id"), ["overleg_id", "casus_id", "starttijd", "duur_minuten", "volgorde", "beeld",
        "oordeel", "besluit", "tekst"];
    BEWAARVERLENGING = "bewaarverlenging", Some("casus_id"), ["casus_id", "tot", "reden", "door", "vastgelegd_op"];
    // An adviesvraag is its own scope key (see `store::advies`): a scoped bundle carries it
    // only when it was converted into a casus inside the scope.
    ADVIESVRAAG = "adviesvraag", Some("id"), ["datum", "thema_id", "gemeente_id", "partner_id", "contact_id",
        "initialen", "vraag", "advies", "minuten", "doorverwezen", "casus_id", "aangemaakt_hlc", "aangemaakt_door"];
    OPSCHALING = "opschaling", Some("casus_id"), ["casus_id", "datum", "naar", "reden", "uitkomst", "aangemaakt_hlc",
        "aangemaakt_door"];
    // A melding is its own scope (its id in the change log's casus column): see
    // migrations/0013_detentiemelding.sql and `Store::recht_van_collega`.
    DETENTIEMELDING = "detentiemelding", Some("id"), ["behandelaar_id", "ontvangen_op", "naam", "geboortedatum", "bsn",
        "bron", "inrichting", "startdatum", "einddatum_verwacht", "einddatum_werkelijk", "zelfmelder", "kortgestrafte",
        "gemeente_id", "status", "route", "triage_reden", "getrieerd_op", "overdracht_contact_id", "overdracht_warm",
        "overgedragen_op", "omgezet_casus_id", "omgezet_op", "aangemaakt_hlc", "aangemaakt_door"];
    MELDINGBRON = "meldingbron", Some("melding_id"), ["melding_id", "bron", "gevraagd_op", "beantwoord_op", "antwoord",
        "aangemaakt_hlc", "aangemaakt_door"];
    MELDING_AANBOD = "melding_aanbod", Some("melding_id"), ["melding_id", "leefgebied", "status", "datum", "toelichting"];
    CASUS_AANBOD = "casus_aanbod", Some("casus_id"), ["casus_id", "leefgebied", "status", "datum", "toelichting"];
    KOPPELING = "koppeling", Some(KOPPEL_KOLOMMEN), ["casus_a", "casus_b", "soort", "toelichting", "aangemaakt_hlc",
        "aangemaakt_door"];
    // PI-bezoekdag (migrations/0015_bezoekdag.sql): a bezoek is its own scope (given to its
    // behandelaar), a person on it has the pair scope of bezoek and melding/casus.
    BEZOEK = "bezoek", Some("id"), ["behandelaar_id", "inrichting", "datum", "aangemaakt_hlc", "aangemaakt_door"];
    BEZOEK_PERSOON = "bezoek_persoon", Some("bezoek_id+eigenaar_id"), ["bezoek_id", "eigenaar_id", "melding_id",
        "betrokkene_id", "volgorde"];
    MELDING_NOTITIE = "melding_notitie", Some("melding_id"), ["melding_id", "datum", "auteur", "soort", "inrichting",
        "tekst", "aangemaakt_hlc", "aangemaakt_door"];
}

/// The casus column of a table whose rows belong to two casussen (`koppeling`): its scope
/// key is both ids joined by [`super::team::PAAR`] (see [`super::team::paar_scope`]).
pub(crate) const KOPPEL_KOLOMMEN: &str = "casus_a+casus_b";

/// The two fields that record which operation created a row (its HLC and device): lists
/// of such rows order by them, never by the local rowid.
pub(crate) const AANGEMAAKT: [&str; 2] = ["aangemaakt_hlc", "aangemaakt_door"];

/// Look up a synced table by name.
pub(crate) fn tabel(naam: &str) -> Option<&'static Tabel> {
    ALLE.iter().copied().find(|t| t.naam == naam)
}

/// The value each field of `t` gets in a new row that leaves it out: the column's
/// `DEFAULT`, or NULL without one. A field at this value at creation has no operation
/// ([`Schrijver::nieuw`]), so these values are part of the sync contract: a migration may
/// never change the default of a synced column (`standaardwaarden_veranderen_nooit`
/// checks every migration). Read from the schema once per process: every connection that
/// writes has been migrated to the same version.
pub(crate) fn standaardwaarden(conn: &Connection, t: &Tabel) -> Resultaat<std::sync::Arc<Vec<Value>>> {
    use std::collections::HashMap;
    use std::sync::{Arc, LazyLock, Mutex};
    type PerTabel = HashMap<&'static str, Arc<Vec<Value>>>;
    static BEKEND: LazyLock<Mutex<PerTabel>> = LazyLock::new(Default::default);
    if let Some(w) = BEKEND.lock().unwrap_or_else(|e| e.into_inner()).get(t.naam) {
        return Ok(Arc::clone(w));
    }
    let w = Arc::new(lees_standaardwaarden(conn, t)?);
    BEKEND.lock().unwrap_or_else(|e| e.into_inner()).insert(t.naam, Arc::clone(&w));
    Ok(w)
}

/// [`standaardwaarden`] as the schema of `conn` declares them (every default in the
/// migrations is a constant, so evaluating it gives the value a new row gets).
fn lees_standaardwaarden(conn: &Connection, t: &Tabel) -> Resultaat<Vec<Value>> {
    // Only a database at this build's schema may fill the cache every writer shares.
    let versie: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if versie != super::schema_versie_app() {
        return Err(StoreFout::Migratie(format!(
            "column defaults read from schema {versie}, this build writes schema {}",
            super::schema_versie_app()
        )));
    }
    let mut stmt = conn.prepare_cached("SELECT dflt_value FROM pragma_table_info(?1) WHERE name = ?2")?;
    let mut uit = Vec::with_capacity(t.velden.len());
    for v in t.velden {
        let expressie: Option<String> = stmt
            .query_row((t.naam, v), |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreFout::Onbekend { tabel: "veld", id: format!("{}.{v}", t.naam) })?;
        uit.push(match expressie {
            None => Value::Null,
            Some(e) => conn.query_row(&format!("SELECT {e}"), [], |r| r.get(0))?,
        });
    }
    Ok(uit)
}

/// One change-log operation as stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Wijziging {
    /// Device that made the change.
    pub apparaat: String,
    /// Per-device sequence number.
    pub volgnummer: i64,
    /// Hybrid logical clock: milliseconds << 16 | counter.
    pub hlc: i64,
    /// Table.
    pub tabel: String,
    /// Row id.
    pub rij: String,
    /// Field; `None` for a tombstone.
    pub veld: Option<String>,
    /// New value (JSON); `None` for a tombstone.
    pub waarde: Option<serde_json::Value>,
    /// Row deleted.
    pub verwijderd: bool,
    /// The casus the row belongs to, if any.
    pub casus_id: Option<String>,
    /// The operations on the same field that the writer had seen as current values
    /// (see `docs/bundle-format.md`, "Merge"). Empty for a new row and for tombstones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<OpId>,
    /// The value was wiped because the casus was removed after its retention term: the
    /// operation keeps its place in the sequence but carries no value and is never applied.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub gewist: bool,
}

/// Identity of one change-log operation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct OpId {
    /// Device that made the change.
    pub apparaat: String,
    /// Per-device sequence number.
    pub volgnummer: i64,
}

/// Which current values of a field a local write supersedes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Basis {
    /// A new row: the field has no history.
    Nieuw,
    /// A new row with a fresh random (v4) id: no other operation can know it yet, so the
    /// field has no other head, nothing has seen this operation and there is no
    /// conflict to mark or clear (the bookkeeping of [`verwerk_kop`] is skipped).
    Vers,
    /// A normal edit: the value the user saw (the winning head). Open conflicts stay open.
    Winnaar,
    /// A conflict resolution: every head, so the conflict closes on every replica.
    Alle,
}

/// One head of a field: an operation no known operation has superseded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Kop {
    pub apparaat: String,
    pub volgnummer: i64,
    pub hlc: i64,
}

/// The number of `tekst` (a device, table, row or field name) in `tekstnr`, added when
/// new. The change-log tables (`wijziging_nr`, `kop_nr`, `vervangen_nr`,
/// `wijziging_basis_nr`, schema 11) hold these numbers instead of repeating the texts;
/// they are local to this database and never leave it.
pub(crate) fn nr(conn: &Connection, tekst: &str) -> Resultaat<i64> {
    if let Some(n) = conn.prepare_cached(NR)?.query_row([tekst], |r| r.get(0)).optional()? {
        return Ok(n);
    }
    conn.prepare_cached("INSERT INTO tekstnr(tekst) VALUES (?1)")?.execute([tekst])?;
    Ok(conn.last_insert_rowid())
}

/// The `tekstnr` numbers looked up or added in the **current write transaction**, kept in
/// memory so a write does not ask the database again for the device, table, row and field
/// of every operation. A number added in a transaction that is rolled back no longer
/// exists, so the cache is emptied whenever a transaction that filled it ends (committed
/// or not): by [`Schrijver`] for its own transaction and by `Store::batch` for a batch.
/// Outside a write transaction it is empty.
#[derive(Debug, Default)]
pub(crate) struct Nummers(std::cell::RefCell<std::collections::HashMap<String, i64>>);

impl Nummers {
    /// [`nr`], from memory when this transaction already knows the text.
    pub(crate) fn nr(&self, conn: &Connection, tekst: &str) -> Resultaat<i64> {
        if let Some(n) = self.0.borrow().get(tekst) {
            return Ok(*n);
        }
        let n = nr(conn, tekst)?;
        self.0.borrow_mut().insert(tekst.to_string(), n);
        Ok(n)
    }

    /// [`Nummers::nr`] for an optional text (a tombstone has no field, a partner no casus).
    fn nr_of(&self, conn: &Connection, tekst: Option<&str>) -> Resultaat<Option<i64>> {
        tekst.map(|t| self.nr(conn, t)).transpose()
    }

    /// Forget every number: the transaction that looked them up ended.
    pub(crate) fn vergeet(&self) {
        self.0.borrow_mut().clear();
    }

    /// How many numbers are remembered (tests).
    #[cfg(test)]
    pub(crate) fn aantal(&self) -> usize {
        self.0.borrow().len()
    }
}

/// The number of a text, or nothing when the text was never interned.
const NR: &str = "SELECT nr FROM tekstnr WHERE tekst = ?1";

/// The query of [`koppen`]: the heads of one field through the primary key of `kop_nr`,
/// each with the clock of its operation (primary key of `wijziging_nr`, migration 0019).
pub(crate) const KOPPEN: &str = "SELECT a.tekst, k.volgnummer, w.hlc FROM kop_nr k JOIN tekstnr a ON a.nr = k.apparaat
     JOIN wijziging_nr w ON w.apparaat = k.apparaat AND w.volgnummer = k.volgnummer
     WHERE k.tabel = (SELECT nr FROM tekstnr WHERE tekst = ?1)
       AND k.rij = (SELECT nr FROM tekstnr WHERE tekst = ?2)
       AND k.veld = (SELECT nr FROM tekstnr WHERE tekst = ?3)
     ORDER BY w.hlc DESC, a.tekst DESC";

/// The heads of a field, winner (highest HLC, then device id) first.
pub(crate) fn koppen(conn: &Connection, tabel: &str, rij: &str, veld: &str) -> Resultaat<Vec<Kop>> {
    let mut stmt = conn.prepare_cached(KOPPEN)?;
    let rijen =
        stmt.query_map((tabel, rij, veld), |r| Ok(Kop { apparaat: r.get(0)?, volgnummer: r.get(1)?, hlc: r.get(2)? }))?;
    Ok(rijen.collect::<Result<_, _>>()?)
}

/// Record that `op` (on field `tabel.rij.veld`, already in the change log) supersedes the
/// operations in `basis`, and update the heads and the conflict marker of the field. When
/// an already known operation has seen `op`, `op` does not become a head (it arrived late).
/// A head is only the operation's key: its clock and value stay in `wijziging_nr`.
pub(crate) fn verwerk_kop(
    conn: &Connection,
    nrs: &Nummers,
    op: &OpId,
    (tabel, rij, veld): (&str, &str, &str),
    basis: &[OpId],
    casus: Option<&str>,
) -> Resultaat<()> {
    let (t, r, v) = (nrs.nr(conn, tabel)?, nrs.nr(conn, rij)?, nrs.nr(conn, veld)?);
    let eigen = nrs.nr(conn, &op.apparaat)?;
    for b in basis {
        let b_nr = nrs.nr(conn, &b.apparaat)?;
        conn.prepare_cached(
            "INSERT OR IGNORE INTO wijziging_basis_nr(apparaat, volgnummer, basis_apparaat, basis_volgnummer)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute((eigen, op.volgnummer, b_nr, b.volgnummer))?;
        conn.prepare_cached(
            "DELETE FROM kop_nr WHERE tabel = ?1 AND rij = ?2 AND veld = ?3 AND apparaat = ?4 AND volgnummer = ?5",
        )?
        .execute((t, r, v, b_nr, b.volgnummer))?;
        vervangen_nr(conn, b_nr, b.volgnummer)?;
    }
    let gezien: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM wijziging_basis_nr WHERE basis_apparaat = ?1 AND basis_volgnummer = ?2)",
        )?
        .query_row((eigen, op.volgnummer), |r| r.get(0))?;
    if gezien {
        vervangen_nr(conn, eigen, op.volgnummer)?;
    } else {
        kop_erbij(conn, [t, r, v, eigen], op.volgnummer)?;
    }
    // Several heads with one and the same value (both set AVE 1) are no conflict. The
    // values are compared here rather than with count(DISTINCT ..), which builds a
    // temporary index for every operation written; `waarde` is TEXT (STRICT), so equal
    // strings are exactly what DISTINCT (BINARY collation) counts as one.
    // Every head carries its own value here: a value that lived in the row was written
    // back before the heads of the field changed ([`waarden_terug`]).
    let mut waarden = conn.prepare_cached(
        "SELECT w.waarde FROM kop_nr k
         JOIN wijziging_nr w ON w.apparaat = k.apparaat AND w.volgnummer = k.volgnummer
         WHERE k.tabel = ?1 AND k.rij = ?2 AND k.veld = ?3",
    )?;
    let mut rijen = waarden.query((t, r, v))?;
    let mut eerste: Option<String> = None;
    let mut verschillend = false;
    while let Some(kop) = rijen.next()? {
        let w: String = kop.get::<_, Option<String>>(0)?.ok_or_else(|| {
            StoreFout::WaardeNietInRij(format!("{tabel}.{veld} of {rij}: heads change while a value is in the row"))
        })?;
        match &eerste {
            None => eerste = Some(w),
            Some(e) if *e != w => {
                verschillend = true;
                break;
            }
            Some(_) => {}
        }
    }
    drop(rijen);
    drop(waarden);
    if verschillend {
        conn.prepare_cached("INSERT OR IGNORE INTO conflictveld(tabel, rij, veld, casus_id) VALUES (?1, ?2, ?3, ?4)")?
            .execute((tabel, rij, veld, casus))?;
    } else {
        conn.prepare_cached("DELETE FROM conflictveld WHERE tabel = ?1 AND rij = ?2 AND veld = ?3")?
            .execute((tabel, rij, veld))?;
    }
    Ok(())
}

/// Make operation (`apparaat`, `volgnummer`) a head of field (`tabel`, `rij`, `veld`), all
/// as `tekstnr` numbers in that order.
fn kop_erbij(conn: &Connection, [tabel, rij, veld, apparaat]: [i64; 4], volgnummer: i64) -> Resultaat<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO kop_nr(tabel, rij, veld, apparaat, volgnummer) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute((tabel, rij, veld, apparaat, volgnummer))?;
    Ok(())
}

/// Mark `op` as superseded: it carries no current value any more, so compaction may
/// remove it once the team holds it (`store::compacteren`).
pub(crate) fn vervangen(conn: &Connection, nrs: &Nummers, op: &OpId) -> Resultaat<()> {
    vervangen_nr(conn, nrs.nr(conn, &op.apparaat)?, op.volgnummer)
}

fn vervangen_nr(conn: &Connection, apparaat: i64, volgnummer: i64) -> Resultaat<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO vervangen_nr(apparaat, volgnummer) VALUES (?1, ?2)")?
        .execute((apparaat, volgnummer))?;
    Ok(())
}

/// Record that operation `op` was written by someone who had seen `basis` (causality
/// of a value that is superseded at once, so never a head).
pub(crate) fn basis(conn: &Connection, nrs: &Nummers, op: &OpId, basis: &[OpId]) -> Resultaat<()> {
    let eigen = nrs.nr(conn, &op.apparaat)?;
    for b in basis {
        conn.prepare_cached(
            "INSERT OR IGNORE INTO wijziging_basis_nr(apparaat, volgnummer, basis_apparaat, basis_volgnummer)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute((eigen, op.volgnummer, nrs.nr(conn, &b.apparaat)?, b.volgnummer))?;
    }
    Ok(())
}

/// Store one operation in the change log; false when it was already there. `waarde` is
/// the JSON text as stored (none for a wiped value).
// One more than clippy's limit since the numbers cache joined the connection.
#[allow(clippy::too_many_arguments)]
pub(crate) fn bewaar_operatie(
    conn: &Connection,
    nrs: &Nummers,
    op: &OpId,
    hlc: i64,
    (tabel, rij, veld): (&str, &str, Option<&str>),
    waarde: Option<&str>,
    casus: Option<&str>,
    gewist: bool,
) -> Resultaat<bool> {
    let apparaat = nrs.nr(conn, &op.apparaat)?;
    // Held by a run of creating operations (schema 23): known already.
    if conn.prepare_cached(IN_AANMAAK)?.query_row((apparaat, op.volgnummer, max_aanmaak()), |r| r.get(0))? {
        return Ok(false);
    }
    let n = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO wijziging_nr(apparaat, volgnummer, hlc, tabel, rij, veld, casus, verwijderd,
                                                gewist, waarde)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(rusqlite::params![
            apparaat,
            op.volgnummer,
            hlc,
            nrs.nr(conn, tabel)?,
            nrs.nr(conn, rij)?,
            nrs.nr_of(conn, veld)?,
            nrs.nr_of(conn, casus)?,
            veld.is_none(),
            gewist,
            waarde
        ])?;
    Ok(n > 0)
}

/// A row was deleted: it has no fields any more, so no heads and no conflicts; its last
/// values are superseded by the tombstone.
pub(crate) fn vergeet_koppen(conn: &Connection, tabel: &str, rij: &str) -> Resultaat<()> {
    // The creation run's operations are heads too (schema 23). Every caller has written
    // their values back (`waarden_terug`) or wipes them with the casus (`bewaren`).
    los_uit_aanmaak(conn, tabel, rij, None)?;
    let (t, r) = (nr(conn, tabel)?, nr(conn, rij)?);
    conn.prepare_cached(
        "INSERT OR IGNORE INTO vervangen_nr(apparaat, volgnummer) SELECT apparaat, volgnummer FROM kop_nr
         WHERE tabel = ?1 AND rij = ?2",
    )?
    .execute((t, r))?;
    conn.prepare_cached("DELETE FROM kop_nr WHERE tabel = ?1 AND rij = ?2")?.execute((t, r))?;
    conn.prepare_cached("DELETE FROM conflictveld WHERE tabel = ?1 AND rij = ?2")?.execute((tabel, rij))?;
    Ok(())
}

/// Whether the value of field `veld` of table `tabel` may live in its row instead of in
/// its operation ([`waarden_naar_rij`]). Not for the casusnummer and its sequence number:
/// an import renumbers colliding cases in the row (`samenvoegen::plaats_casussen`)
/// without a new operation, and the claims on a number compare the logged value.
pub(crate) fn mag_in_rij(tabel: &str, veld: &str) -> bool {
    !(tabel == CASUS.naam && matches!(veld, "nummer" | "volgnummer"))
}

/// Columns `kolommen` of row `rij` of table `tabel`, in that order; `None` when the row
/// does not exist. The names must be fields of the table (`Tabel::velden`).
pub(crate) fn rij_kolommen<S: AsRef<str>>(
    conn: &Connection,
    tabel: &str,
    rij: &str,
    kolommen: &[S],
) -> Resultaat<Option<Vec<Value>>> {
    let namen: Vec<&str> = kolommen.iter().map(AsRef::as_ref).collect();
    Ok(conn
        .prepare_cached(&format!("SELECT {} FROM {tabel} WHERE id = ?1", namen.join(", ")))?
        .query_row([rij], |r| (0..namen.len()).map(|i| r.get::<_, Value>(i)).collect())
        .optional()?)
}

/// The value of field `veld` of row `rij` of `t` as an operation carries it (JSON text),
/// or `None` when the row does not exist.
pub(crate) fn rijwaarde(conn: &Connection, t: &Tabel, rij: &str, veld: &str) -> Resultaat<Option<String>> {
    if !t.velden.contains(&veld) {
        return Err(StoreFout::Onbekend { tabel: "veld", id: format!("{}.{veld}", t.naam) });
    }
    Ok(rij_kolommen(conn, t.naam, rij, &[veld])?.map(|w| json(&w[0]).to_string()))
}

/// The heads of row `rij` (of one field, or of all) whose value lives in the row: (device
/// number, sequence number, field).
fn koppen_in_rij(conn: &Connection, tabel: &str, rij: &str, veld: Option<&str>) -> Resultaat<Vec<(i64, i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT k.apparaat, k.volgnummer, v.tekst FROM kop_nr k
         JOIN wijziging_nr w ON w.apparaat = k.apparaat AND w.volgnummer = k.volgnummer
         JOIN tekstnr v ON v.nr = k.veld
         WHERE k.tabel = (SELECT nr FROM tekstnr WHERE tekst = ?1) AND k.rij = (SELECT nr FROM tekstnr WHERE tekst = ?2)
           AND (?3 IS NULL OR k.veld = (SELECT nr FROM tekstnr WHERE tekst = ?3))
           AND w.waarde IS NULL AND w.gewist = 0",
    )?;
    let r = stmt.query_map((tabel, rij, veld), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(r.collect::<Result<_, _>>()?)
}

/// Write the value of every head of row `rij` (of field `veld`, or of every field) that
/// lives in the row back into its operation. Called **before** the row or the heads of
/// such a field change (an edit, a received operation, a deletion, a repaired reference):
/// the operation must keep its value once the row stops holding it (schema 21).
pub(crate) fn waarden_terug(conn: &Connection, t: &Tabel, rij: &str, veld: Option<&str>) -> Resultaat<usize> {
    // An operation of the row's creation run becomes an ordinary one first (schema 23).
    los_uit_aanmaak(conn, t.naam, rij, veld)?;
    let koppen = koppen_in_rij(conn, t.naam, rij, veld)?;
    for (apparaat, volgnummer, v) in &koppen {
        let w = rijwaarde(conn, t, rij, v)?
            .ok_or_else(|| StoreFout::WaardeNietInRij(format!("{}.{v} of {rij}: the row is missing", t.naam)))?;
        conn.prepare_cached("UPDATE wijziging_nr SET waarde = ?3 WHERE apparaat = ?1 AND volgnummer = ?2")?
            .execute(rusqlite::params![apparaat, volgnummer, w])?;
    }
    Ok(koppen.len())
}

/// Let the row hold the value of each field of row `rij` (of field `veld`, or of every
/// field) that has exactly one head carrying exactly the row's value: the operation
/// keeps its place, clock and causality, but no copy of the value (schema 21). Called
/// after the row was written; [`waarden_terug`] undoes it before the row changes.
pub(crate) fn waarden_naar_rij(conn: &Connection, t: &Tabel, rij: &str, veld: Option<&str>) -> Resultaat<usize> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.tekst, k.apparaat, k.volgnummer, w.waarde FROM kop_nr k
         JOIN wijziging_nr w ON w.apparaat = k.apparaat AND w.volgnummer = k.volgnummer
         JOIN tekstnr v ON v.nr = k.veld
         WHERE k.tabel = (SELECT nr FROM tekstnr WHERE tekst = ?1) AND k.rij = (SELECT nr FROM tekstnr WHERE tekst = ?2)
           AND (?3 IS NULL OR k.veld = (SELECT nr FROM tekstnr WHERE tekst = ?3))
         ORDER BY k.veld",
    )?;
    let koppen: Vec<(String, i64, i64, Option<String>)> = stmt
        .query_map((t.naam, rij, veld), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    // Candidates: a field's only head that still carries its value.
    let kandidaten: Vec<(&str, i64, i64, &str)> = koppen
        .iter()
        .enumerate()
        .filter(|(i, (v, ..))| (*i == 0 || koppen[i - 1].0 != *v) && koppen.get(i + 1).is_none_or(|k| k.0 != *v))
        .filter_map(|(_, (v, a, n, w))| Some((v.as_str(), *a, *n, w.as_deref()?)))
        .filter(|(v, ..)| mag_in_rij(t.naam, v) && t.velden.contains(v))
        .collect();
    if kandidaten.is_empty() {
        return Ok(0);
    }
    // Their columns in one read: after an import this runs for every row it touched.
    let kolommen: Vec<&str> = kandidaten.iter().map(|(v, ..)| *v).collect();
    let Some(opgeslagen) = rij_kolommen(conn, t.naam, rij, &kolommen)? else {
        return Ok(0);
    };
    let mut verplaatst = 0;
    for ((_, apparaat, volgnummer, waarde), in_rij) in kandidaten.iter().zip(&opgeslagen) {
        // Exactly the text the operation carries, or it keeps its copy.
        let tekst = json(in_rij).to_string();
        if tekst != *waarde {
            continue;
        }
        conn.prepare_cached("UPDATE wijziging_nr SET waarde = NULL WHERE apparaat = ?1 AND volgnummer = ?2")?
            .execute((apparaat, volgnummer))?;
        verplaatst += 1;
    }
    Ok(verplaatst)
}

/// The schema 21 upgrade, in one transaction: every row lets its single heads' values
/// move in ([`waarden_naar_rij`]), then the flag set by the migration goes.
pub(crate) fn alle_waarden_naar_rij(conn: &Connection) -> Resultaat<usize> {
    voor_elke_rij(conn, super::instelling::WAARDEN_NAAR_RIJ, |c, t, id| waarden_naar_rij(c, t, id, None))
}

/// The longest run of operations one `aanmaak_nr` row may hold: a run never has more
/// operations than its table has fields, so the run holding sequence number `n` of a
/// device starts after `n - max_aanmaak()`.
pub(crate) fn max_aanmaak() -> i64 {
    ALLE.iter().map(|t| t.velden.len()).max().unwrap_or(0) as i64
}

/// The fields of a run as stored: the `tekstnr` number of the JSON array of their numbers.
fn veldenlijst(conn: &Connection, nrs: Option<&Nummers>, velden: &[i64]) -> Resultaat<i64> {
    let tekst = serde_json::Value::from(velden.to_vec()).to_string();
    match nrs {
        Some(n) => n.nr(conn, &tekst),
        None => nr(conn, &tekst),
    }
}

/// The run of creating operations of one row (schema 23, migrations/0023): operation k
/// has sequence number `volgnummer + k`, clock `hlc + k` and field `velden[k]` (0 once it
/// left the run).
struct Aanmaak {
    apparaat: i64,
    volgnummer: i64,
    hlc: i64,
    tabel: i64,
    rij: i64,
    casus: Option<i64>,
    velden: Vec<i64>,
}

/// The run of row `rij` of table `tabel`, if it has one.
fn aanmaak_van(conn: &Connection, tabel: &str, rij: &str) -> Resultaat<Option<Aanmaak>> {
    let gevonden = conn
        .prepare_cached(
            "SELECT g.apparaat, g.volgnummer, g.hlc, g.tabel, g.rij, g.casus, l.tekst
             FROM aanmaak_nr g JOIN tekstnr l ON l.nr = g.velden
             WHERE g.tabel = (SELECT nr FROM tekstnr WHERE tekst = ?1) AND g.rij = (SELECT nr FROM tekstnr WHERE tekst = ?2)",
        )?
        .query_row((tabel, rij), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get::<_, String>(6)?))
        })
        .optional()?;
    let Some((apparaat, volgnummer, hlc, tabel_nr, rij_nr, casus, velden)) = gevonden else {
        return Ok(None);
    };
    let velden: Vec<i64> = serde_json::from_str(&velden)
        .map_err(|e| StoreFout::OngeldigeOperatie(format!("creation run of {tabel} {rij}: {e}")))?;
    Ok(Some(Aanmaak { apparaat, volgnummer, hlc, tabel: tabel_nr, rij: rij_nr, casus, velden }))
}

/// Take the operations on field `veld` (or on every field) of row `rij` out of its run of
/// creating operations into `wijziging_nr`, each as the only head of its field with its
/// value in the row, as a fresh row's operation was before schema 23. Called **before**
/// anything changes such a field, its heads or its row ([`waarden_terug`],
/// [`vergeet_koppen`], a removal): from there on the operation is an ordinary one.
/// Returns how many operations left the run.
pub(crate) fn los_uit_aanmaak(conn: &Connection, tabel: &str, rij: &str, veld: Option<&str>) -> Resultaat<usize> {
    let Some(mut a) = aanmaak_van(conn, tabel, rij)? else {
        return Ok(0);
    };
    let veld_nr: Option<i64> = match veld {
        Some(v) => match conn.prepare_cached(NR)?.query_row([v], |r| r.get(0)).optional()? {
            Some(n) => Some(n),
            // A field name never interned is in no run.
            None => return Ok(0),
        },
        None => None,
    };
    let mut los = 0;
    for (k, f) in a.velden.iter_mut().enumerate() {
        if *f == 0 || veld_nr.is_some_and(|v| v != *f) {
            continue;
        }
        let k = k as i64;
        conn.prepare_cached(
            "INSERT INTO wijziging_nr(apparaat, volgnummer, hlc, tabel, rij, veld, casus, verwijderd, gewist, waarde)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, 0, NULL)",
        )?
        .execute(rusqlite::params![a.apparaat, a.volgnummer + k, a.hlc + k, a.tabel, a.rij, *f, a.casus])?;
        kop_erbij(conn, [a.tabel, a.rij, *f, a.apparaat], a.volgnummer + k)?;
        *f = 0;
        los += 1;
    }
    if los == 0 {
        return Ok(0);
    }
    if a.velden.iter().all(|f| *f == 0) {
        conn.prepare_cached("DELETE FROM aanmaak_nr WHERE tabel = ?1 AND rij = ?2")?.execute((a.tabel, a.rij))?;
    } else {
        let lijst = veldenlijst(conn, None, &a.velden)?;
        conn.prepare_cached("UPDATE aanmaak_nr SET velden = ?3 WHERE tabel = ?1 AND rij = ?2")?
            .execute((a.tabel, a.rij, lijst))?;
    }
    Ok(los)
}

/// Take every operation of scope `id` (a casus with its pairs, a melding, an adviesvraag:
/// as `bewaren::wis_log` matches them) out of its creation run.
pub(crate) fn los_aanmaak_van_scope(conn: &Connection, id: &str) -> Resultaat<usize> {
    let rijen: Vec<(String, String)> = conn
        .prepare_cached(
            "SELECT t.tekst, r.tekst FROM aanmaak_nr g JOIN tekstnr t ON t.nr = g.tabel JOIN tekstnr r ON r.nr = g.rij
             WHERE g.casus IN (SELECT nr FROM tekstnr WHERE tekst = ?1 OR tekst LIKE ?1 || '+%' OR tekst LIKE '%+' || ?1)",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut los = 0;
    for (tabel, rij) in rijen {
        los += los_uit_aanmaak(conn, &tabel, &rij, None)?;
    }
    Ok(los)
}

/// The operations in the run of row `rij` as (field, device, sequence number, clock):
/// each is the only head of its field, with the value in the row.
pub(crate) fn aanmaak_koppen(conn: &Connection, tabel: &str, rij: &str) -> Resultaat<Vec<(String, String, i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.tekst, a.tekst, g.volgnummer + j.key, g.hlc + j.key
         FROM aanmaak_nr g JOIN tekstnr l ON l.nr = g.velden JOIN json_each(l.tekst) j
         JOIN tekstnr v ON v.nr = j.value JOIN tekstnr a ON a.nr = g.apparaat
         WHERE g.tabel = (SELECT nr FROM tekstnr WHERE tekst = ?1) AND g.rij = (SELECT nr FROM tekstnr WHERE tekst = ?2)",
    )?;
    let r = stmt.query_map((tabel, rij), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(r.collect::<Result<_, _>>()?)
}

/// Whether operation (?1 device number, ?2 sequence number) is held by a run of creating
/// operations (it is in the change log, but not in `wijziging_nr`); ?3 is
/// [`max_aanmaak`]. By its identity alone, as `wijziging_nr`'s primary key knows it: a
/// second operation with a known identity is ignored, whatever it says.
pub(crate) const IN_AANMAAK: &str = "SELECT EXISTS (SELECT 1 FROM aanmaak_nr g JOIN tekstnr l ON l.nr = g.velden
     JOIN json_each(l.tekst) j
     WHERE g.apparaat = ?1 AND g.volgnummer > ?2 - ?3 AND g.volgnummer <= ?2
       AND j.key = ?2 - g.volgnummer AND j.value <> 0)";

/// Move the operations of row `rij` that may form a run of creating operations into
/// `aanmaak_nr` (the received creation of a row, or an existing log at the schema 23
/// upgrade): the largest run, of at least two, of operations of one device whose
/// sequence numbers and clocks are equally far apart, one casus, no basis, each the only
/// head of its field with its value in the row. Nothing when the row has a run already.
/// Returns how many operations moved.
pub(crate) fn groepeer(conn: &Connection, t: &Tabel, rij: &str) -> Resultaat<usize> {
    if aanmaak_van(conn, t.naam, rij)?.is_some() {
        return Ok(0);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT w.apparaat, w.volgnummer, w.hlc, w.tabel, w.rij, w.veld, w.casus, v.tekst FROM kop_nr k
         JOIN wijziging_nr w ON w.apparaat = k.apparaat AND w.volgnummer = k.volgnummer
         JOIN tekstnr v ON v.nr = k.veld
         WHERE k.tabel = (SELECT nr FROM tekstnr WHERE tekst = ?1) AND k.rij = (SELECT nr FROM tekstnr WHERE tekst = ?2)
           AND w.waarde IS NULL AND w.gewist = 0
           AND NOT EXISTS (SELECT 1 FROM wijziging_basis_nr b WHERE b.apparaat = w.apparaat AND b.volgnummer = w.volgnummer)
           AND NOT EXISTS (SELECT 1 FROM kop_nr o WHERE o.tabel = k.tabel AND o.rij = k.rij AND o.veld = k.veld
                             AND (o.apparaat, o.volgnummer) <> (k.apparaat, k.volgnummer))
         ORDER BY w.apparaat, w.volgnummer",
    )?;
    type Op = (i64, i64, i64, i64, i64, i64, Option<i64>, String);
    let ops: Vec<Op> = stmt
        .query_map((t.naam, rij), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
        })?
        .collect::<Result<_, _>>()?;
    let ops: Vec<&Op> = ops.iter().filter(|o| mag_in_rij(t.naam, &o.7) && t.velden.contains(&o.7.as_str())).collect();
    // The largest run: one device and casus, and every operation as far after the first
    // in sequence number as in clock (as one writer's transaction made them), within
    // `max_aanmaak` numbers. Numbers in between that are not part of it (a field taken
    // out since, by an edit) are 0 in its list.
    let max = max_aanmaak();
    let mut beste: Vec<&Op> = Vec::new();
    for (i, eerste) in ops.iter().enumerate() {
        let run: Vec<&Op> = ops[i..]
            .iter()
            .copied()
            .take_while(|o| o.0 == eerste.0 && o.1 - eerste.1 < max)
            .filter(|o| o.6 == eerste.6 && o.1 - eerste.1 == o.2 - eerste.2)
            .collect();
        if run.len() > beste.len() {
            beste = run;
        }
    }
    let run = beste;
    if run.len() < 2 {
        return Ok(0);
    }
    let eerste = run[0];
    let mut velden: Vec<i64> = vec![0; (run[run.len() - 1].1 - eerste.1 + 1) as usize];
    for o in &run {
        velden[(o.1 - eerste.1) as usize] = o.5;
    }
    let lijst = veldenlijst(conn, None, &velden)?;
    conn.prepare_cached(
        "INSERT INTO aanmaak_nr(apparaat, volgnummer, hlc, tabel, rij, casus, velden) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(rusqlite::params![eerste.0, eerste.1, eerste.2, eerste.3, eerste.4, eerste.6, lijst])?;
    for o in &run {
        conn.prepare_cached(
            "DELETE FROM kop_nr WHERE tabel = ?1 AND rij = ?2 AND veld = ?3 AND apparaat = ?4 AND volgnummer = ?5",
        )?
        .execute((o.3, o.4, o.5, o.0, o.1))?;
        conn.prepare_cached("DELETE FROM wijziging_nr WHERE apparaat = ?1 AND volgnummer = ?2")?.execute((o.0, o.1))?;
    }
    Ok(run.len())
}

/// The schema 23 upgrade, in one transaction: every row's creating operations form a
/// run where they may ([`groepeer`]), then the flag set by the migration goes.
pub(crate) fn alle_aanmaak_groeperen(conn: &Connection) -> Resultaat<usize> {
    voor_elke_rij(conn, super::instelling::AANMAAK_GROEPEREN, groepeer)
}

/// An upgrade step run on every synced row in one transaction (`stap` returns how many
/// operations it moved), after which the flag its migration set goes.
fn voor_elke_rij(
    conn: &Connection,
    vlag: &str,
    stap: impl Fn(&Connection, &Tabel, &str) -> Resultaat<usize>,
) -> Resultaat<usize> {
    // IMMEDIATE, as every write: another process waits instead of failing half-way.
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
    let mut verplaatst = 0;
    for t in ALLE {
        let ids: Vec<String> = tx
            .prepare(&format!("SELECT id FROM {}", t.naam))?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for id in ids {
            verplaatst += stap(&tx, t, &id)?;
        }
    }
    tx.execute("DELETE FROM instelling WHERE sleutel = ?1", [vlag])?;
    tx.commit()?;
    Ok(verplaatst)
}

/// The value an operation carries, as JSON text: its own, or, when it lives in the row
/// (schema 21: no value, not wiped, a field), the row's. `None` for a tombstone without
/// a record and for a wiped value.
pub(crate) fn operatiewaarde(
    conn: &Connection,
    (tabel, rij, veld): (&str, &str, Option<&str>),
    waarde: Option<String>,
    gewist: bool,
) -> Resultaat<Option<String>> {
    match (waarde, veld) {
        (Some(w), _) => Ok(Some(w)),
        (None, Some(v)) if !gewist => {
            let t = tabel_of_fout(tabel)?;
            rijwaarde(conn, t, rij, v)?
                .map(Some)
                .ok_or_else(|| StoreFout::WaardeNietInRij(format!("{tabel}.{v} of {rij}: the row is missing")))
        }
        (None, _) => Ok(None),
    }
}

/// [`tabel`], or an error naming the unknown table.
fn tabel_of_fout(naam: &str) -> Resultaat<&'static Tabel> {
    tabel(naam).ok_or_else(|| StoreFout::Onbekend { tabel: "tabel", id: naam.to_string() })
}

/// Audit actions.
pub(crate) mod handeling {
    pub const AANMAKEN: &str = "aanmaken";
    pub const WIJZIGEN: &str = "wijzigen";
    pub const VERWIJDEREN: &str = "verwijderen";
    pub const INZIEN: &str = "inzien";
    /// Personal data left the screen: a PDF, a backup, an export or a bundle (what, never
    /// the value; see `store::uitvoer`).
    pub const EXPORTEREN: &str = "exporteren";
    /// A change received from a colleague's device by bundle.
    pub const ONTVANGEN: &str = "ontvangen";
    /// A casus and everything under it removed after its retention term.
    pub const VERNIETIGEN: &str = "vernietigen";
    /// Every action, most frequent first.
    pub const ALLE: [&str; 7] = [WIJZIGEN, AANMAKEN, INZIEN, ONTVANGEN, VERWIJDEREN, EXPORTEREN, VERNIETIGEN];
}

/// Hash of one audit entry, chained to the previous one. An explanation (only on removal
/// entries, schema 3) is hashed after the eight fields; without one the hash is the same
/// as before schema 3, so older chains stay valid.
pub(crate) fn audit_hash(vorige: &str, velden: [&str; 8], toelichting: Option<&str>) -> String {
    let mut h = Sha256::new();
    h.update(vorige.as_bytes());
    for v in velden {
        h.update([0x1f]);
        h.update(v.as_bytes());
    }
    if let Some(t) = toelichting.filter(|t| !t.is_empty()) {
        h.update([0x1e]);
        h.update(t.as_bytes());
    }
    hex::encode(h.finalize())
}

/// An audit hash (lowercase hex, as [`audit_hash`] makes it) as stored in the `audit`
/// table since schema 16: its 32 bytes. Anything else keeps its own bytes, as the
/// migration does, so an edited value still fails the verification.
pub(crate) fn audit_hash_opslag(hash: &str) -> Vec<u8> {
    // By hand rather than `hex::decode`: this runs twice for every audit entry written.
    let halve = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let tekst = hash.as_bytes();
    let bytes: Option<Vec<u8>> = (tekst.len() == 64)
        .then(|| tekst.chunks_exact(2).map(|p| Some(halve(p[0])? << 4 | halve(p[1])?)).collect())
        .flatten();
    bytes.unwrap_or_else(|| tekst.to_vec())
}

/// The text of a stored audit hash (the inverse of [`audit_hash_opslag`] for every hash
/// this code wrote): lowercase hex, as hashed into the next entry and kept as the head.
pub(crate) fn audit_hash_tekst(opgeslagen: &[u8]) -> String {
    hex::encode(opgeslagen)
}

/// How an audit timestamp is stored (schema 17): the milliseconds since 1970 when the
/// view `audit` renders them back to exactly this text (migration 0017), else the text.
pub(crate) fn audit_tijdstip_opslag(tijdstip: &str) -> Value {
    match chrono::DateTime::parse_from_rfc3339(tijdstip).map(|t| t.timestamp_millis()) {
        // Years 1970 to 9999: where SQLite's `strftime` and chrono write the same digits.
        Ok(ms) if (0..253_402_300_800_000).contains(&ms) && audit_tijdstip_tekst(ms) == tijdstip => Value::Integer(ms),
        _ => Value::Text(tijdstip.to_string()),
    }
}

/// The text of a timestamp stored as milliseconds, as the view `audit` renders it.
pub(crate) fn audit_tijdstip_tekst(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
        .unwrap_or_default()
}

/// Genesis value of the audit chain.
pub(crate) const AUDIT_BEGIN: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A stored value as the JSON an operation carries.
pub(crate) fn json(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => (*i).into(),
        Value::Real(f) => serde_json::Number::from_f64(*f).map(Into::into).unwrap_or(serde_json::Value::Null),
        Value::Text(t) => t.clone().into(),
        Value::Blob(b) => hex::encode(b).into(),
    }
}

fn nu_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// A write transaction with audit and change-log bookkeeping.
pub(crate) struct Schrijver<'c> {
    tx: &'c Connection,
    /// `tekstnr` numbers of this transaction (emptied when this writer ends its own).
    nummers: &'c Nummers,
    /// This writer opened the transaction (not inside a batch) and must end it.
    eigen: bool,
    klaar: bool,
    apparaat: String,
    gebruiker: String,
    tijdstip: String,
    volgnummer: i64,
    hlc: i64,
    audit_kop: String,
    audit_aantal: i64,
}

impl<'c> Schrijver<'c> {
    pub(crate) fn begin(
        conn: &'c Connection,
        nummers: &'c Nummers,
        apparaat: &str,
        gebruiker: &str,
    ) -> Resultaat<Schrijver<'c>> {
        // IMMEDIATE takes the write lock up front, so a second process waits (busy
        // timeout) instead of failing half-way. Inside a batch the outer transaction holds it.
        let eigen = conn.is_autocommit();
        if eigen {
            // No transaction was open, so nothing remembered can be of one.
            nummers.vergeet();
            conn.execute_batch("BEGIN IMMEDIATE")?;
        }
        let tx = conn;
        // A newer build may have migrated the file since this connection opened it (an
        // upgrade while the window was open): its change log may store values in a way
        // this build does not know (schema 21 moved values into rows), so write nothing.
        let versie: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if versie > super::schema_versie_app() {
            if eigen {
                tx.execute_batch("ROLLBACK")?;
            }
            return Err(StoreFout::NieuwereVersie { db: versie, app: super::schema_versie_app() });
        }
        let lees = |k: &str| -> Resultaat<Option<String>> {
            Ok(tx
                .prepare_cached("SELECT waarde FROM instelling WHERE sleutel = ?1")?
                .query_row([k], |r| r.get(0))
                .optional()?)
        };
        let getal = |k: &str| -> Resultaat<i64> { Ok(lees(k)?.and_then(|s| s.parse().ok()).unwrap_or(0)) };
        let volgnummer = getal(instelling::VOLGNUMMER)?;
        let hlc = getal(instelling::HLC)?;
        let audit_aantal = getal(instelling::AUDIT_AANTAL)?;
        let audit_kop = lees(instelling::AUDIT_KOP)?.unwrap_or_else(|| AUDIT_BEGIN.to_string());
        Ok(Schrijver {
            tx,
            nummers,
            eigen,
            klaar: false,
            apparaat: apparaat.to_string(),
            gebruiker: gebruiker.to_string(),
            tijdstip: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            volgnummer,
            hlc,
            audit_kop,
            audit_aantal,
        })
    }

    /// Read access inside the transaction.
    pub(crate) fn conn(&self) -> &Connection {
        self.tx
    }

    /// The `tekstnr` numbers of this transaction, for change-log work outside the writer
    /// (an import applying received operations).
    pub(crate) fn nummers(&self) -> &'c Nummers {
        self.nummers
    }

    /// Timestamp of this transaction (UTC, RFC 3339).
    pub(crate) fn tijdstip(&self) -> &str {
        &self.tijdstip
    }

    /// This device.
    pub(crate) fn apparaat(&self) -> &str {
        &self.apparaat
    }

    /// The user making the change.
    pub(crate) fn gebruiker(&self) -> &str {
        &self.gebruiker
    }

    fn volgende_hlc(&mut self) -> i64 {
        self.hlc = (nu_ms() << 16).max(self.hlc + 1);
        self.hlc
    }

    fn audit(
        &mut self,
        handeling: &str,
        tabel: &str,
        rij: &str,
        veld: Option<&str>,
        casus: Option<&str>,
    ) -> Resultaat<()> {
        let apparaat = self.apparaat.clone();
        self.audit_door(&apparaat, handeling, tabel, rij, veld, casus)
    }

    /// An audit entry with a free-text explanation (removal after the retention term).
    pub(crate) fn audit_toelichting(
        &mut self,
        apparaat: &str,
        handeling: &str,
        (tabel, rij): (&str, &str),
        casus: Option<&str>,
        toelichting: &str,
    ) -> Resultaat<()> {
        self.audit_regel(apparaat, handeling, tabel, rij, None, casus, Some(toelichting))
    }

    /// An audit entry naming `apparaat` as the device that made the change.
    pub(crate) fn audit_door(
        &mut self,
        apparaat: &str,
        handeling: &str,
        tabel: &str,
        rij: &str,
        veld: Option<&str>,
        casus: Option<&str>,
    ) -> Resultaat<()> {
        self.audit_regel(apparaat, handeling, tabel, rij, veld, casus, None)
    }

    #[allow(clippy::too_many_arguments)]
    fn audit_regel(
        &mut self,
        apparaat: &str,
        handeling: &str,
        tabel: &str,
        rij: &str,
        veld: Option<&str>,
        casus: Option<&str>,
        toelichting: Option<&str>,
    ) -> Resultaat<()> {
        let hash = audit_hash(
            &self.audit_kop,
            [&self.tijdstip, &self.gebruiker, apparaat, handeling, tabel, rij, veld.unwrap_or(""), casus.unwrap_or("")],
            toelichting,
        );
        // Schema 17: the texts as numbers (`tekstnr`), the timestamp as milliseconds when
        // exact, and no previous hash: it is the hash this one was computed over, and the
        // verification compares with the entry before (a different one fails there too).
        let tx = self.tx;
        // The device first: in a new database this device gets number 1, which SQLite
        // stores in no bytes at all in every change-log row, head and index that names it.
        let n = self.nummers;
        let apparaat = n.nr(tx, apparaat)?;
        tx.prepare_cached(
            "INSERT INTO audit_nr(tijdstip, gebruiker, apparaat, handeling, tabel, rij, veld, casus, hash, toelichting)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(rusqlite::params![
            audit_tijdstip_opslag(&self.tijdstip),
            n.nr(tx, &self.gebruiker)?,
            apparaat,
            n.nr(tx, handeling)?,
            n.nr(tx, tabel)?,
            n.nr(tx, rij)?,
            n.nr_of(tx, veld)?,
            n.nr_of(tx, casus)?,
            audit_hash_opslag(&hash),
            toelichting
        ])?;
        self.audit_kop = hash;
        self.audit_aantal += 1;
        Ok(())
    }

    fn log(
        &mut self,
        tabel: &str,
        rij: &str,
        veld: Option<&str>,
        waarde: Option<&Value>,
        casus: Option<&str>,
        soort: Basis,
    ) -> Resultaat<()> {
        let basis: Vec<OpId> = match (veld, soort) {
            (None, _) | (_, Basis::Nieuw | Basis::Vers) => Vec::new(),
            (Some(v), Basis::Winnaar) => {
                // The value the user saw: the winner, and every head with that same value
                // (equal concurrent values are no conflict and must not become one).
                let k = koppen(self.tx, tabel, rij, v)?;
                let conflict: bool = self
                    .tx
                    .prepare_cached(
                        "SELECT EXISTS (SELECT 1 FROM conflictveld WHERE tabel = ?1 AND rij = ?2 AND veld = ?3)",
                    )?
                    .query_row((tabel, rij, v), |r| r.get(0))?;
                let n = if conflict { 1 } else { k.len() };
                k.into_iter().take(n).map(Into::into).collect()
            }
            (Some(v), Basis::Alle) => koppen(self.tx, tabel, rij, v)?.into_iter().map(Into::into).collect(),
        };
        self.volgnummer += 1;
        let hlc = self.volgende_hlc();
        // A fresh row's field is its only head and `waarde` was read back from the row
        // (`nieuw`): the row holds the value, the operation needs no copy (schema 21).
        let in_rij = soort == Basis::Vers && veld.is_some_and(|v| mag_in_rij(tabel, v));
        let waarde = waarde.filter(|_| !in_rij).map(|w| json(w).to_string());
        let op = OpId { apparaat: self.apparaat.clone(), volgnummer: self.volgnummer };
        if !bewaar_operatie(self.tx, self.nummers, &op, hlc, (tabel, rij, veld), waarde.as_deref(), casus, false)? {
            return Err(StoreFout::OngeldigeOperatie(format!(
                "operation {} {} written twice",
                op.apparaat, op.volgnummer
            )));
        }
        match veld {
            Some(v) if soort == Basis::Vers => {
                let (n, tx) = (self.nummers, self.tx);
                let nrs = [n.nr(tx, tabel)?, n.nr(tx, rij)?, n.nr(tx, v)?, n.nr(tx, &op.apparaat)?];
                kop_erbij(tx, nrs, op.volgnummer)?;
            }
            Some(v) => {
                verwerk_kop(self.tx, self.nummers, &op, (tabel, rij, v), &basis, casus)?;
                waarden_naar_rij(self.tx, tabel_of_fout(tabel)?, rij, Some(v))?;
            }
            None => vergeet_koppen(self.tx, tabel, rij)?,
        }
        Ok(())
    }

    /// The operations of a fresh row's fields as one run (`aanmaak_nr`, schema 23): the
    /// next sequence numbers and clocks, one per field in order. Each is what [`Self::log`]
    /// writes for a [`Basis::Vers`] field: no basis, the only head, the value in the row.
    fn log_aanmaak(&mut self, tabel: &str, rij: &str, velden: &[(&str, &Value)], casus: Option<&str>) -> Resultaat<()> {
        let n = velden.len() as i64;
        let volgnummer = self.volgnummer + 1;
        let hlc = self.volgende_hlc();
        self.volgnummer += n;
        self.hlc = hlc + n - 1;
        let (nrs, tx) = (self.nummers, self.tx);
        let veldnrs: Vec<i64> = velden.iter().map(|(v, _)| nrs.nr(tx, v)).collect::<Resultaat<_>>()?;
        let lijst = veldenlijst(tx, Some(nrs), &veldnrs)?;
        tx.prepare_cached(
            "INSERT INTO aanmaak_nr(apparaat, volgnummer, hlc, tabel, rij, casus, velden)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(rusqlite::params![
            nrs.nr(tx, &self.apparaat)?,
            volgnummer,
            hlc,
            nrs.nr(tx, tabel)?,
            nrs.nr(tx, rij)?,
            nrs.nr_of(tx, casus)?,
            lijst
        ])?;
        Ok(())
    }

    fn controleer(t: &Tabel, velden: &[(&str, Value)]) -> Resultaat<()> {
        for (v, _) in velden {
            if !t.velden.contains(v) {
                return Err(StoreFout::Onbekend { tabel: "veld", id: format!("{}.{v}", t.naam) });
            }
        }
        Ok(())
    }

    fn casus_van(&self, t: &Tabel, id: &str, velden: &[(&str, Value)]) -> Resultaat<Option<String>> {
        match t.casus_kolom {
            None => Ok(None),
            Some("id") => Ok(Some(id.to_string())),
            // A row of two scopes (a koppeling, a person on a bezoek): columns "a+b".
            Some(paar_kolommen) if paar_kolommen.contains('+') => {
                let (ka, kb) = paar_kolommen.split_once('+').unwrap_or((paar_kolommen, paar_kolommen));
                let waarde = |k: &str| {
                    velden.iter().find(|(v, _)| *v == k).and_then(|(_, w)| match w {
                        Value::Text(t) => Some(t.clone()),
                        _ => None,
                    })
                };
                let paar = match (waarde(ka), waarde(kb)) {
                    (Some(a), Some(b)) => Some((a, b)),
                    _ => self
                        .tx
                        .prepare_cached(&format!("SELECT {ka}, {kb} FROM {} WHERE id = ?1", t.naam))?
                        .query_row([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
                        .optional()?,
                };
                Ok(paar.map(|(a, b)| super::team::paar_scope(&a, &b)))
            }
            Some(kolom) => {
                if let Some((_, Value::Text(c))) = velden.iter().find(|(v, _)| *v == kolom) {
                    return Ok(Some(c.clone()));
                }
                Ok(self
                    .tx
                    .prepare_cached(&format!("SELECT {kolom} FROM {} WHERE id = ?1", t.naam))?
                    .query_row([id], |r| r.get(0))
                    .optional()?
                    .flatten())
            }
        }
    }

    /// Insert a new row with `velden`. One audit entry, one change-log op per field that
    /// is not at its column's default (every field for a row with a derived id).
    pub(crate) fn nieuw(&mut self, t: &Tabel, id: &str, velden: &[(&str, Value)]) -> Resultaat<()> {
        Self::controleer(t, velden)?;
        // A random (v4) id is new by construction. A derived id (the same on every device
        // for the same thing: a melding's bron, an aanbod per leefgebied, a person on a
        // bezoek, a medewerker from a name) can be written by two devices at once, and once
        // deleted it can never come back: colleagues apply the tombstone over any later
        // value, so the author would keep a row nobody else has.
        let afgeleid = uuid::Uuid::parse_str(id).map_or(true, |u| u.get_version_num() != 4);
        if afgeleid && super::samenvoegen::is_verwijderd(self.tx, t.naam, id)? {
            return Err(StoreFout::Verwijderd { tabel: t.naam, id: id.to_string() });
        }
        // Rows listed in creation order carry the clock and device of their creation, so
        // every replica lists them in the same order (see `AANGEMAAKT`).
        let mut aangevuld: Vec<(&str, Value)>;
        let velden = if t.velden.contains(&AANGEMAAKT[0]) && !velden.iter().any(|(v, _)| *v == AANGEMAAKT[0]) {
            let hlc = self.volgende_hlc();
            aangevuld = velden.to_vec();
            aangevuld.push((AANGEMAAKT[0], Value::Integer(hlc)));
            aangevuld.push((AANGEMAAKT[1], Value::Text(self.apparaat.clone())));
            &aangevuld[..]
        } else {
            velden
        };
        let kolommen: Vec<&str> = std::iter::once("id").chain(velden.iter().map(|(v, _)| *v)).collect();
        let plekken: Vec<String> = (1..=kolommen.len()).map(|i| format!("?{i}")).collect();
        let sql = format!("INSERT INTO {} ({}) VALUES ({})", t.naam, kolommen.join(", "), plekken.join(", "));
        let mut params: Vec<Value> = vec![Value::Text(id.to_string())];
        params.extend(velden.iter().map(|(_, w)| w.clone()));
        self.tx.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(params.iter()))?;
        let casus = self.casus_van(t, id, velden)?;
        self.audit(handeling::AANMAKEN, t.naam, id, None, casus.as_deref())?;
        // Log every field as stored, except a field that holds its column's default: a
        // replica builds the row from the operations and leaves out a field without one,
        // so it gets that same default (`samenvoegen::materialiseer`; docs/bundle-format.md,
        // "Fields at their default"). About a fifth of a new row's fields, in the demo.
        let opgeslagen = rij_kolommen(self.tx, t.naam, id, t.velden)?
            .ok_or_else(|| StoreFout::Onbekend { tabel: t.naam, id: id.to_string() })?;
        // Two devices that create the same derived row at once each log every field, so
        // their values compete field by field as before (a default is a value there).
        let standaard = standaardwaarden(self.tx, t)?;
        let te_loggen: Vec<(&str, &Value)> = t
            .velden
            .iter()
            .zip(opgeslagen.iter())
            .zip(standaard.iter())
            .filter(|((v, w), d)| afgeleid || AANGEMAAKT.contains(v) || w != d)
            .map(|((v, w), _)| (*v, w))
            .collect();
        // A row needs at least one operation to reach a colleague at all.
        let te_loggen =
            if te_loggen.is_empty() { t.velden.iter().copied().zip(opgeslagen.iter()).collect() } else { te_loggen };
        // A fresh (v4) row's fields whose value may live in the row form one run of
        // operations (schema 23): one record instead of an operation, a head and an
        // index entry per field. The others are logged one by one, first.
        type Velden<'v> = Vec<(&'v str, &'v Value)>;
        let (run, los): (Velden, Velden) = te_loggen.into_iter().partition(|(v, _)| !afgeleid && mag_in_rij(t.naam, v));
        let (run, los) = if run.len() < 2 { (Vec::new(), los.into_iter().chain(run).collect()) } else { (run, los) };
        for (v, w) in los {
            let soort = if afgeleid { Basis::Nieuw } else { Basis::Vers };
            self.log(t.naam, id, Some(v), Some(w), casus.as_deref(), soort)?;
        }
        if !run.is_empty() {
            self.log_aanmaak(t.naam, id, &run, casus.as_deref())?;
        }
        Ok(())
    }

    /// Update the fields of an existing row that actually change. One audit entry and one
    /// change-log op per changed field. Returns how many fields changed.
    pub(crate) fn wijzig(&mut self, t: &Tabel, id: &str, velden: &[(&str, Value)]) -> Resultaat<usize> {
        Self::controleer(t, velden)?;
        if velden.is_empty() {
            return Ok(0);
        }
        let kolommen: Vec<&str> = velden.iter().map(|(v, _)| *v).collect();
        let huidig: Vec<Value> = rij_kolommen(self.tx, t.naam, id, &kolommen)?
            .ok_or_else(|| StoreFout::Onbekend { tabel: t.naam, id: id.to_string() })?;
        let casus = self.casus_van(t, id, &[])?;
        let mut aantal = 0;
        for ((veld, nieuw), oud) in velden.iter().zip(huidig) {
            if *nieuw == oud {
                continue;
            }
            waarden_terug(self.tx, t, id, Some(veld))?;
            self.tx
                .prepare_cached(&format!("UPDATE {} SET {veld} = ?1 WHERE id = ?2", t.naam))?
                .execute(rusqlite::params![nieuw, id])?;
            self.audit(handeling::WIJZIGEN, t.naam, id, Some(veld), casus.as_deref())?;
            self.log(t.naam, id, Some(veld), Some(nieuw), casus.as_deref(), Basis::Winnaar)?;
            aantal += 1;
        }
        Ok(aantal)
    }

    /// Delete a row; records a tombstone.
    pub(crate) fn verwijder(&mut self, t: &Tabel, id: &str) -> Resultaat<()> {
        let casus = self.casus_van(t, id, &[])?;
        waarden_terug(self.tx, t, id, None)?;
        let n = self.tx.execute(&format!("DELETE FROM {} WHERE id = ?1", t.naam), [id])?;
        if n == 0 {
            return Err(StoreFout::Onbekend { tabel: t.naam, id: id.to_string() });
        }
        self.audit(handeling::VERWIJDEREN, t.naam, id, None, casus.as_deref())?;
        self.log(t.naam, id, None, None, casus.as_deref(), Basis::Nieuw)?;
        Ok(())
    }

    /// Delete a row with a reason: one audit entry carrying the explanation, a tombstone
    /// in the change log.
    pub(crate) fn verwijder_met_reden(&mut self, t: &Tabel, id: &str, toelichting: &str) -> Resultaat<()> {
        let casus = self.casus_van(t, id, &[])?;
        waarden_terug(self.tx, t, id, None)?;
        let n = self.tx.execute(&format!("DELETE FROM {} WHERE id = ?1", t.naam), [id])?;
        if n == 0 {
            return Err(StoreFout::Onbekend { tabel: t.naam, id: id.to_string() });
        }
        let apparaat = self.apparaat.clone();
        self.audit_toelichting(&apparaat, handeling::VERWIJDEREN, (t.naam, id), casus.as_deref(), toelichting)?;
        self.log(t.naam, id, None, None, casus.as_deref(), Basis::Nieuw)
    }

    /// Delete a row as part of removing its casus after the retention term: a tombstone in
    /// the change log, no audit entry of its own (the removal has one entry for the casus).
    pub(crate) fn verwijder_zonder_audit(&mut self, t: &Tabel, id: &str, casus: &str) -> Resultaat<()> {
        waarden_terug(self.tx, t, id, None)?;
        let n = self.tx.execute(&format!("DELETE FROM {} WHERE id = ?1", t.naam), [id])?;
        if n == 0 {
            return Err(StoreFout::Onbekend { tabel: t.naam, id: id.to_string() });
        }
        self.log(t.naam, id, None, None, Some(casus), Basis::Nieuw)
    }

    /// The tombstone of a removed casus, carrying the removal record (casusnummer, who,
    /// why) so that a colleague's device can purge its copy and audit the same facts.
    pub(crate) fn vernietig_casus(&mut self, id: &str, toelichting: &str) -> Resultaat<()> {
        waarden_terug(self.tx, &CASUS, id, None)?;
        let n = self.tx.execute("DELETE FROM casus WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(StoreFout::CasusOnbekend(id.to_string()));
        }
        let apparaat = self.apparaat.clone();
        self.audit_toelichting(&apparaat, handeling::VERNIETIGEN, (CASUS.naam, id), Some(id), toelichting)?;
        self.log(CASUS.naam, id, None, Some(&Value::Text(toelichting.to_string())), Some(id), Basis::Nieuw)
    }

    /// Resolve a conflict: write `waarde` to one field, superseding every current value
    /// of it (also when `waarde` equals the stored one), so the choice itself syncs.
    pub(crate) fn kies(&mut self, t: &Tabel, id: &str, veld: &str, waarde: &Value) -> Resultaat<()> {
        if !t.velden.contains(&veld) {
            return Err(StoreFout::Onbekend { tabel: "veld", id: format!("{}.{veld}", t.naam) });
        }
        let casus = self.casus_van(t, id, &[])?;
        waarden_terug(self.tx, t, id, Some(veld))?;
        let n = self
            .tx
            .prepare_cached(&format!("UPDATE {} SET {veld} = ?1 WHERE id = ?2", t.naam))?
            .execute(rusqlite::params![waarde, id])?;
        if n == 0 {
            return Err(StoreFout::Onbekend { tabel: t.naam, id: id.to_string() });
        }
        self.audit(handeling::WIJZIGEN, t.naam, id, Some(veld), casus.as_deref())?;
        self.log(t.naam, id, Some(veld), Some(waarde), casus.as_deref(), Basis::Alle)?;
        Ok(())
    }

    /// Raise this writer's clock to at least `hlc` (received operations), so that every
    /// later local change orders after what this device has seen.
    pub(crate) fn zie_hlc(&mut self, hlc: i64) {
        self.hlc = self.hlc.max(hlc);
    }

    /// Record that personal data was exported or printed (audit only, no change-log op).
    pub(crate) fn exporteren(&mut self, tabel: &str, id: &str, casus: Option<&str>) -> Resultaat<()> {
        self.audit(handeling::EXPORTEREN, tabel, id, None, casus)
    }

    /// Record that the user saw something that is not a record (search results).
    pub(crate) fn inzien_tabel(&mut self, tabel: &str, id: &str, casus: Option<&str>) -> Resultaat<()> {
        self.audit(handeling::INZIEN, tabel, id, None, casus)
    }

    /// Record that the user viewed a record (audit only, no change-log op).
    pub(crate) fn inzien(&mut self, t: &Tabel, id: &str, casus: Option<&str>) -> Resultaat<()> {
        self.audit(handeling::INZIEN, t.naam, id, None, casus)
    }

    /// Commit, saving counters and the audit head.
    pub(crate) fn commit(mut self) -> Resultaat<()> {
        {
            let mut zet = self.tx.prepare_cached(
                "INSERT INTO instelling(sleutel, waarde) VALUES (?1, ?2)
                 ON CONFLICT(sleutel) DO UPDATE SET waarde = excluded.waarde",
            )?;
            zet.execute((instelling::VOLGNUMMER, self.volgnummer.to_string()))?;
            zet.execute((instelling::HLC, self.hlc.to_string()))?;
            zet.execute((instelling::AUDIT_KOP, &self.audit_kop))?;
            zet.execute((instelling::AUDIT_AANTAL, self.audit_aantal.to_string()))?;
        }
        if self.eigen {
            self.tx.execute_batch("COMMIT")?;
        }
        self.klaar = true;
        Ok(())
    }
}

impl Drop for Schrijver<'_> {
    fn drop(&mut self) {
        // Not committed (an error or early return): undo everything this writer did.
        if self.eigen && !self.klaar {
            let _ = self.tx.execute_batch("ROLLBACK");
        }
        // This writer's own transaction ended (committed or rolled back): numbers it added
        // are only safe to remember while it is open.
        if self.eigen {
            self.nummers.vergeet();
        }
    }
}

impl From<Kop> for OpId {
    fn from(k: Kop) -> OpId {
        OpId { apparaat: k.apparaat, volgnummer: k.volgnummer }
    }
}

/// A fresh record id.
pub(crate) fn nieuw_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Text or NULL.
pub(crate) fn tekst_of_null(t: Option<impl Into<String>>) -> Value {
    t.map(|s| Value::Text(s.into())).unwrap_or(Value::Null)
}

/// Text value.
pub(crate) fn tekst(t: impl Into<String>) -> Value {
    Value::Text(t.into())
}

/// Integer value.
pub(crate) fn getal(i: impl Into<i64>) -> Value {
    Value::Integer(i.into())
}

#[cfg(test)]
mod tests {
    /// Files of the store that may write synced tables without `Schrijver`, and why.
    /// Everything else in `src/store/` (every file, found at test time) may not.
    const TOEGESTAAN: &[(&str, &str)] = &[
        ("schrijven.rs", "the writer itself"),
        ("samenvoegen.rs", "applies operations received by bundle: their author already logged them"),
        ("bewaren.rs", "purges a removed casus in the same transaction as the Schrijver tombstones"),
    ];

    /// The SQL in `bron` (before its tests) that writes a synced table directly.
    fn overtredingen(bron: &str) -> Vec<String> {
        let code = bron.split("#[cfg(test)]").next().unwrap_or_default().to_lowercase();
        let mut patronen: Vec<String> = ["insert into {}", "update {} ", "delete from {}"].map(String::from).to_vec();
        for t in super::ALLE {
            patronen.extend([
                format!("insert into {} ", t.naam),
                format!("insert into {}(", t.naam),
                format!("update {} ", t.naam),
                format!("delete from {} ", t.naam),
            ]);
        }
        patronen.into_iter().filter(|p| code.contains(p.as_str())).collect()
    }

    #[test]
    fn geen_schrijfopdrachten_buiten_schrijver() {
        // Every synced table is written only through Schrijver. This guards against a
        // later query module bypassing the audit and change log. Tests inside a file
        // (after `#[cfg(test)]`) may build fixtures directly.
        let map = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store");
        let mut gezien = 0;
        for e in std::fs::read_dir(&map).expect("src/store is readable") {
            let pad = e.expect("directory entry").path();
            if pad.extension().and_then(|x| x.to_str()) != Some("rs") {
                continue;
            }
            let naam = pad.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            gezien += 1;
            if TOEGESTAAN.iter().any(|(t, _)| *t == naam) {
                continue;
            }
            let bron = std::fs::read_to_string(&pad).expect("source is readable");
            let fouten = overtredingen(&bron);
            assert!(fouten.is_empty(), "{naam} writes synced tables outside Schrijver: {fouten:?}");
        }
        assert!(gezien >= 17, "only {gezien} store files found in {}", map.display());
    }

    /// The number `tekstnr` holds for `tekst`, straight from the table.
    fn nr_in_tabel(s: &crate::store::Store, tekst: &str) -> Option<i64> {
        use rusqlite::OptionalExtension;
        s.conn.query_row(super::NR, [tekst], |r| r.get(0)).optional().expect("tekstnr")
    }

    /// A new row logs no operation for a field at its column's default, and those
    /// defaults are part of the sync contract: every replica must give an absent field
    /// the same value, whatever its version. So no migration may change the default of a
    /// synced column once it exists (a migration that did would make an upgraded replica
    /// build such rows differently from the device that wrote them).
    #[test]
    fn standaardwaarden_veranderen_nooit() {
        use super::*;
        use std::collections::BTreeMap;
        let laatste = crate::store::schema_versie_app() as usize;
        let migraties = rusqlite_migration::Migrations::new(crate::store::migraties_tot(laatste));
        let mut conn = Connection::open_in_memory().unwrap();
        // Per table and field: the default it first had, and the version that gave it.
        let mut eerst: BTreeMap<(&str, &str), (usize, Value)> = BTreeMap::new();
        let mut gecontroleerd = 0;
        for versie in 1..=laatste {
            migraties.to_version(&mut conn, versie).unwrap();
            for t in ALLE {
                let mut stmt = conn.prepare("SELECT name, dflt_value FROM pragma_table_info(?1)").unwrap();
                let kolommen: BTreeMap<String, Option<String>> =
                    stmt.query_map([t.naam], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
                for v in t.velden {
                    let Some(expressie) = kolommen.get(*v) else { continue };
                    let waarde = match expressie {
                        None => Value::Null,
                        Some(e) => conn.query_row(&format!("SELECT {e}"), [], |r| r.get(0)).unwrap(),
                    };
                    let (sinds, oud) = eerst.entry((t.naam, v)).or_insert((versie, waarde.clone()));
                    assert_eq!(
                        *oud, waarde,
                        "{}.{v}: default {oud:?} since schema {sinds}, {waarde:?} at schema {versie}",
                        t.naam
                    );
                    gecontroleerd += 1;
                }
            }
        }
        // What the writer uses is the last schema's.
        for t in ALLE {
            let d = lees_standaardwaarden(&conn, t).unwrap();
            for (v, w) in t.velden.iter().zip(d.iter()) {
                assert_eq!(Some(w), eerst.get(&(t.naam, v)).map(|(_, w)| w), "{}.{v}", t.naam);
            }
        }
        assert!(gecontroleerd > 1000, "only {gecontroleerd} checks: did the migrations run?");
    }

    /// The writer skips exactly the fields at their default: a partner with only a name
    /// logs its name, not its type (`'overig'`), notes (`''`) or archived flag (0); a
    /// field set away from its default at creation is logged. A row with a derived id
    /// (which two devices may create at once) logs every field, and once deleted it
    /// cannot be created again.
    #[test]
    fn een_nieuwe_rij_logt_geen_velden_op_hun_standaardwaarde() {
        use super::*;
        let (_d, s) = crate::store::testhulp::nieuwe_store();
        let velden = |s: &crate::store::Store, rij: &str| -> Vec<String> {
            let mut stmt = s.conn.prepare("SELECT veld FROM wijziging WHERE rij = ?1 ORDER BY veld").unwrap();
            stmt.query_map([rij], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
        };
        let (p1, p2) = (nieuw_id(), nieuw_id());
        let afgeleid = crate::domain::detentiemelding::afgeleid_id("aanbod", &p1, "wonen");
        let mut w = s.schrijver().unwrap();
        w.nieuw(&PARTNER, &p1, &[("naam", Value::Text("Stichting Lindeboom".into()))]).unwrap();
        w.nieuw(&PARTNER, &p2, &[("naam", Value::Text("Huize Esdoorn".into())), ("soort", Value::Text("zorg".into()))])
            .unwrap();
        w.nieuw(&PARTNER, &afgeleid, &[("naam", Value::Text("Hof van Wilgen".into()))]).unwrap();
        w.commit().unwrap();
        assert_eq!(velden(&s, &p1), ["naam"]);
        assert_eq!(velden(&s, &p2), ["naam", "soort"]);
        let mut alle: Vec<&str> = PARTNER.velden.to_vec();
        alle.sort();
        assert_eq!(velden(&s, &afgeleid), alle);
        // The row itself holds every default.
        let soort: String = s.conn.query_row("SELECT soort FROM partner WHERE id = ?1", [&p1], |r| r.get(0)).unwrap();
        assert_eq!(Some(Value::Text(soort)), standaardwaarden(&s.conn, &PARTNER).unwrap().get(1).cloned());
        // Deleted, a derived row stays deleted; a random id is never reused anyway.
        let mut w = s.schrijver().unwrap();
        w.verwijder(&PARTNER, &afgeleid).unwrap();
        let fout = w.nieuw(&PARTNER, &afgeleid, &[("naam", Value::Text("Hof van Wilgen".into()))]).unwrap_err();
        assert!(matches!(&fout, StoreFout::Verwijderd { tabel: "partner", id } if *id == afgeleid), "{fout:?}");
        assert_eq!(
            crate::melding::store(&fout),
            "Partner is eerder verwijderd en kan niet opnieuw worden aangemaakt; er is niets gewijzigd."
        );
    }

    #[test]
    fn nummers_van_een_teruggedraaide_batch_worden_vergeten() {
        // A text numbered inside a batch that is rolled back has no number any more; the
        // next text takes the freed number. Remembering the old number would give the
        // first text the second one's number in the change log.
        let (_dir, mut s) = crate::store::testhulp::nieuwe_store();
        let mut binnen = 0;
        let r: crate::store::Resultaat<()> = s.batch(|s| {
            let w = s.schrijver()?;
            binnen = w.nummers().nr(w.conn(), "proef-teruggedraaid")?;
            assert_eq!(w.nummers().nr(w.conn(), "proef-teruggedraaid")?, binnen, "remembered within the batch");
            assert_eq!(w.nummers().aantal(), 1);
            drop(w);
            Err(super::StoreFout::OngeldigeOperatie("proef".into()))
        });
        assert!(matches!(r, Err(super::StoreFout::OngeldigeOperatie(_))));
        assert_eq!(nr_in_tabel(&s, "proef-teruggedraaid"), None, "the rollback removed the number");
        let ander = super::nr(&s.conn, "proef-ander").expect("nr");
        assert_eq!(ander, binnen, "SQLite hands out the freed number again");
        let opnieuw = s
            .batch(|s| {
                let w = s.schrijver()?;
                w.nummers().nr(w.conn(), "proef-teruggedraaid")
            })
            .expect("batch");
        assert_ne!(opnieuw, ander);
        assert_eq!(nr_in_tabel(&s, "proef-teruggedraaid"), Some(opnieuw));
        assert_eq!(s.nummers.aantal(), 0, "nothing remembered after the batch");
    }

    #[test]
    fn nummers_van_een_schrijver_zonder_commit_worden_vergeten() {
        // The same for a writer's own transaction that ends without a commit (an error).
        let (_dir, s) = crate::store::testhulp::nieuwe_store();
        let w = s.schrijver().expect("schrijver");
        let binnen = w.nummers().nr(w.conn(), "proef-zonder-commit").expect("nr");
        drop(w);
        assert_eq!(nr_in_tabel(&s, "proef-zonder-commit"), None);
        assert_eq!(super::nr(&s.conn, "proef-ander").expect("nr"), binnen);
        let w = s.schrijver().expect("schrijver");
        let opnieuw = w.nummers().nr(w.conn(), "proef-zonder-commit").expect("nr");
        w.commit().expect("commit");
        assert_ne!(opnieuw, binnen);
        assert_eq!(nr_in_tabel(&s, "proef-zonder-commit"), Some(opnieuw));
        assert_eq!(s.nummers.aantal(), 0, "nothing remembered after the commit");
    }

    /// The creation runs (schema 23) are found through an index whichever way they are
    /// asked for: a received operation by device and number (`aanmaak_volg`), a row's run
    /// by its key, a casus' runs (removal, scoped export) by `aanmaak_casus`. Never a scan
    /// of every run.
    #[test]
    fn aanmaakreeksen_worden_via_een_index_gevonden() {
        let (_dir, mut s) = crate::store::testhulp::nieuwe_store();
        for naam in ["Blauwe Reiger", "Groene Specht", "Rode Wouw"] {
            let n = crate::store::NieuweCasus { werknaam: naam.into(), thema: "nazorg".into(), ..Default::default() };
            s.nieuwe_casus(n).unwrap();
        }
        let conn = &s.conn;
        for analyse in ["", "ANALYZE"] {
            conn.execute_batch(analyse).unwrap();
            let volg = crate::store::testhulp::plan(conn, super::IN_AANMAAK, &["1", "2", "3"]);
            assert!(
                volg.iter().any(|r| r.contains("aanmaak_volg (apparaat=? AND volgnummer>? AND volgnummer<?)")),
                "{volg:?}"
            );
            let rij = crate::store::testhulp::plan(
                conn,
                "SELECT velden FROM aanmaak_nr WHERE tabel = (SELECT nr FROM tekstnr WHERE tekst = ?1)
                 AND rij = (SELECT nr FROM tekstnr WHERE tekst = ?2)",
                &["casus", "x"],
            );
            assert!(rij.iter().any(|r| r.contains("USING PRIMARY KEY (tabel=? AND rij=?)")), "{rij:?}");
            let casus = crate::store::testhulp::plan(
                conn,
                "SELECT tabel, rij FROM aanmaak_nr WHERE casus IN (SELECT nr FROM tekstnr WHERE tekst = ?1)",
                &["x"],
            );
            assert!(casus.iter().any(|r| r.contains("aanmaak_casus (casus=?)")), "{casus:?}");
            for p in [&volg, &rij, &casus] {
                assert!(p.iter().all(|r| !r.starts_with("SCAN g") && !r.starts_with("SCAN aanmaak_nr")), "{p:?}");
            }
        }
    }

    #[test]
    fn audit_hash_opslag_is_de_hex_decodering_van_een_kleine_letter_hash() {
        let hash = super::audit_hash(super::AUDIT_BEGIN, ["a", "b", "c", "d", "e", "f", "g", "h"], None);
        let bytes = super::audit_hash_opslag(&hash);
        assert_eq!(bytes, hex::decode(&hash).expect("hex"));
        assert_eq!(super::audit_hash_tekst(&bytes), hash);
        // Anything else keeps its own bytes (so an edited value still fails verification).
        for anders in [hash.to_uppercase(), hash[..62].to_string(), format!("{}zz", &hash[..62]), String::new()] {
            assert_eq!(super::audit_hash_opslag(&anders), anders.as_bytes(), "{anders}");
        }
    }

    #[test]
    fn elke_tabel_en_elk_veld_heeft_een_nederlands_label() {
        use crate::domain::velden::{tabel_label, veld_label};
        let mut ontbreekt = Vec::new();
        for t in super::ALLE {
            if tabel_label(t.naam).is_none() {
                ontbreekt.push(t.naam.to_string());
            }
            for v in t.velden {
                if veld_label(t.naam, v).is_none() {
                    ontbreekt.push(format!("{}.{v}", t.naam));
                }
            }
        }
        assert!(ontbreekt.is_empty(), "no Dutch label in domain::velden for: {ontbreekt:?}");
    }

    #[test]
    fn de_bewaking_vindt_een_overtreding() {
        // The scan's own check, on made-up modules: a direct write of a synced table and
        // SQL built for any table are found; a read, and a write inside tests, are not.
        let direct = "fn x(c: &Connection) { c.execute(\"UPDATE casus SET werknaam = ?1\", []); }";
        assert_eq!(overtredingen(direct), ["update casus "]);
        let gebouwd = "fn x(t: &str) -> String { format!(\"DELETE FROM {} WHERE id = ?1\", t) }";
        assert_eq!(overtredingen(gebouwd), ["delete from {}"]);
        let lezen = "fn x() { \"SELECT * FROM casus\"; }\n#[cfg(test)]\nmod t { \"INSERT INTO casus(id)\"; }";
        assert!(overtredingen(lezen).is_empty());
    }
}

//! PI-bezoekdag (issue 22 point 3): a bezoek (institution, date, behandelaar) with the
//! detained persons on its list, the candidates of an institution, and the reports after
//! the visit: a journaal entry (soort PI-bezoek) for a betrokkene of a casus, a
//! `melding_notitie` for a detentiemelding (a melding has no casus).
//!
//! Scope (see migrations/0015_bezoekdag.sql): a bezoek is its own scope key, given to the
//! device of its behandelaar; a person on it carries the pair scope of bezoek and melding
//! or casus. Retention: persons go with their melding or casus; a bezoek whose last person
//! went that way is removed at the same time ([`verwijder_lege_bezoeken`]).

use super::casus::{datum_tekst, vandaag};
use super::detentiemelding::{Aanbod, aanbod_lijst};
use super::schrijven::{self as s, nieuw_id, tekst, tekst_of_null};
use super::{Resultaat, Store, StoreFout};
use crate::domain::bezoek::{controleer, controleer_persoon, zelfde_inrichting};
use crate::domain::detentiemelding::afgeleid_id;
use crate::domain::{AanbodStatus, BezoekFout, BezoekPersoon, JournaalSoort, MeldingStatus, verplicht};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

/// A new bezoek as entered.
#[derive(Debug, Clone, Default)]
pub struct NieuwBezoek {
    /// Institution (required).
    pub inrichting: String,
    /// Date of the visit (required).
    pub datum: Option<NaiveDate>,
    /// Behandelaar (medewerker id, 8+ prefix or name); `None`: the medewerker of this device.
    pub behandelaar: Option<String>,
    /// The persons to visit, in list order (at least one).
    pub personen: Vec<BezoekPersoon>,
}

/// One bezoek in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BezoekRegel {
    /// Record id.
    pub id: String,
    /// Institution.
    pub inrichting: String,
    /// Date `JJJJ-MM-DD`.
    pub datum: String,
    /// Behandelaar (name).
    pub behandelaar: Option<String>,
    /// Persons on the list (held on this device).
    pub personen: usize,
}

/// A detained person who can be visited in an institution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kandidaat {
    /// Melding or betrokkene.
    pub persoon: BezoekPersoon,
    /// Name.
    pub naam: String,
    /// Birth date `JJJJ-MM-DD`.
    pub geboortedatum: Option<String>,
    /// Casusnummer, for a betrokkene of a casus.
    pub casusnummer: Option<String>,
    /// Expected release `JJJJ-MM-DD`.
    pub verwachte_uitstroom: Option<String>,
}

/// A person on a bezoek list with what the visit needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BezochtePersoon {
    /// Who, with name, birth date, casusnummer and expected release.
    #[serde(flatten)]
    pub kandidaat: Kandidaat,
    /// The leefgebieden whose aanbod is still open (not arranged, not "niet nodig").
    pub open_aanbod: Vec<Aanbod>,
    /// No aanbod recorded at all yet (so an empty `open_aanbod` does not mean "all done").
    pub geen_aanbod: bool,
    /// The last contact: date `JJJJ-MM-DD` and kind (journaal or melding note).
    pub laatste_contact: Option<(String, String)>,
}

/// A bezoek with its list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BezoekDetail {
    /// Record id.
    pub id: String,
    /// Institution.
    pub inrichting: String,
    /// Date `JJJJ-MM-DD`.
    pub datum: String,
    /// Behandelaar medewerker id.
    pub behandelaar_id: Option<String>,
    /// Behandelaar name.
    pub behandelaar: Option<String>,
    /// The persons in list order (those held on this device).
    pub personen: Vec<BezochtePersoon>,
}

/// A note on a melding (the report of a PI-bezoek, or a plain note).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeldingNotitie {
    /// Record id.
    pub id: String,
    /// Date `JJJJ-MM-DD`.
    pub datum: String,
    /// Author.
    pub auteur: String,
    /// Kind.
    pub soort: JournaalSoort,
    /// Institution, for a PI-bezoek.
    pub inrichting: Option<String>,
    /// Text.
    pub tekst: String,
}

/// The bezoek id for an id or its unique start (8+ characters).
fn bezoek_id(conn: &Connection, invoer: &str) -> Resultaat<String> {
    id_uit_begin(conn, "bezoek", invoer)
}

/// The id in `tabel` (bezoek, betrokkene) for an id or its unique start (8+ characters).
pub(crate) fn id_uit_begin(conn: &Connection, tabel: &'static str, invoer: &str) -> Resultaat<String> {
    let t = invoer.trim().to_lowercase();
    let onbekend = || StoreFout::Onbekend { tabel, id: invoer.trim().to_string() };
    if t.len() < 8 {
        return Err(onbekend());
    }
    let ids: Vec<String> = conn
        .prepare_cached(&format!("SELECT id FROM {tabel} WHERE id LIKE ?1 || '%' ORDER BY id"))?
        .query_map([&t], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    match ids.as_slice() {
        [] => Err(onbekend()),
        [een] => Ok(een.clone()),
        meer => match meer.iter().find(|i| **i == t) {
            Some(exact) => Ok(exact.clone()),
            None => Err(StoreFout::Dubbelzinnig { tabel, id: t, aantal: meer.len() }),
        },
    }
}

/// Who a person is, and the owner id (melding id or casus id) that is their scope.
fn kandidaat(conn: &Connection, p: &BezoekPersoon) -> Resultaat<Option<(Kandidaat, String, Vec<String>)>> {
    match p {
        BezoekPersoon::Melding(id) => {
            let rij: Option<(String, Option<String>, String, Option<String>)> = conn
                .query_row(
                    "SELECT naam, geboortedatum, inrichting, einddatum_verwacht FROM detentiemelding WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            Ok(rij.map(|(naam, geboortedatum, inrichting, verwacht)| {
                (
                    Kandidaat {
                        persoon: p.clone(),
                        naam,
                        geboortedatum,
                        casusnummer: None,
                        verwachte_uitstroom: verwacht,
                    },
                    id.clone(),
                    vec![inrichting],
                )
            }))
        }
        BezoekPersoon::Betrokkene(id) => {
            let rij: Option<(String, Option<String>, String, String)> = conn
                .query_row(
                    "SELECT b.naam, b.geboortedatum, c.nummer, c.id FROM betrokkene b JOIN casus c ON c.id = b.casus_id
                     WHERE b.id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            let Some((naam, geboortedatum, nummer, casus)) = rij else { return Ok(None) };
            let detenties: Vec<(String, Option<String>)> = conn
                .prepare_cached(
                    "SELECT inrichting, einddatum_verwacht FROM detentie WHERE betrokkene_id = ?1
                     ORDER BY startdatum IS NULL, startdatum DESC, id",
                )?
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            let verwacht = detenties.iter().find_map(|(_, v)| v.clone());
            Ok(Some((
                Kandidaat {
                    persoon: p.clone(),
                    naam,
                    geboortedatum,
                    casusnummer: Some(nummer),
                    verwachte_uitstroom: verwacht,
                },
                casus,
                detenties.into_iter().map(|(i, _)| i).collect(),
            )))
        }
    }
}

/// The person `p`, checked to be detained in `inrichting`: (owner id, name).
fn gedetineerde(conn: &Connection, p: &BezoekPersoon, inrichting: &str) -> Resultaat<(String, String)> {
    let tabel = match p {
        BezoekPersoon::Melding(_) => "detentiemelding",
        BezoekPersoon::Betrokkene(_) => "betrokkene",
    };
    let (k, eigenaar, inrichtingen) =
        kandidaat(conn, p)?.ok_or_else(|| StoreFout::Onbekend { tabel, id: p.id().to_string() })?;
    controleer_persoon(&k.naam, &inrichtingen, inrichting).map_err(crate::domain::DomeinFout::from)?;
    Ok((eigenaar, k.naam))
}

/// A person given as a melding id (or 8+ prefix) or a betrokkene id, resolved to full ids.
fn persoon_volledig(conn: &Connection, p: &BezoekPersoon) -> Resultaat<BezoekPersoon> {
    Ok(match p {
        BezoekPersoon::Melding(m) => BezoekPersoon::Melding(super::detentiemelding::melding_id(conn, m)?),
        BezoekPersoon::Betrokkene(b) => BezoekPersoon::Betrokkene(id_uit_begin(conn, "betrokkene", b)?),
    })
}

/// The row of person `p` on bezoek `bezoek`: a derived id, the same on every device. A
/// deleted row never comes back (colleagues keep its tombstone), so a person taken off
/// the list and put back gets the next id in the series 2, 3, ... that has no tombstone;
/// devices that know the same removals choose the same one.
fn persoon_rij(conn: &Connection, bezoek: &str, p: &BezoekPersoon) -> Resultaat<String> {
    let mut id = afgeleid_id("bezoek_persoon", bezoek, p.id());
    let mut keer = 1;
    while super::samenvoegen::is_verwijderd(conn, s::BEZOEK_PERSOON.naam, &id)? {
        keer += 1;
        id = afgeleid_id("bezoek_persoon", bezoek, &format!("{}\u{1f}{keer}", p.id()));
    }
    Ok(id)
}

/// The persons of a bezoek as stored, in list order: (row id, person, owner id).
fn personen_van(conn: &Connection, bezoek: &str) -> Resultaat<Vec<(String, BezoekPersoon, String)>> {
    let rijen: Vec<(String, Option<String>, Option<String>, String)> = conn
        .prepare_cached(
            "SELECT id, melding_id, betrokkene_id, eigenaar_id FROM bezoek_persoon WHERE bezoek_id = ?1
             ORDER BY volgorde, id",
        )?
        .query_map([bezoek], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rijen
        .into_iter()
        .filter_map(|(id, m, b, e)| {
            let p = match (m, b) {
                (Some(m), _) => BezoekPersoon::Melding(m),
                (None, Some(b)) => BezoekPersoon::Betrokkene(b),
                (None, None) => return None,
            };
            Some((id, p, e))
        })
        .collect())
}

/// Remove, in `w`'s transaction, the persons on any bezoek whose owner (melding or casus)
/// is `eigenaar`, and every bezoek left without persons: its persons went with their
/// melding or casus, and an empty visit list has nothing left to keep.
pub(crate) fn verwijder_van_eigenaar(w: &mut s::Schrijver<'_>, eigenaar: &str) -> Resultaat<usize> {
    let rijen: Vec<(String, String)> = w
        .conn()
        .prepare("SELECT id, bezoek_id FROM bezoek_persoon WHERE eigenaar_id = ?1")?
        .query_map([eigenaar], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut n = 0;
    for (rij, bezoek) in &rijen {
        w.verwijder_zonder_audit(&s::BEZOEK_PERSOON, rij, &super::team::paar_scope(bezoek, eigenaar))?;
        n += 1;
    }
    let mut bezoeken: Vec<&String> = rijen.iter().map(|(_, b)| b).collect();
    bezoeken.sort();
    bezoeken.dedup();
    for b in bezoeken {
        let leeg: bool = w.conn().query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM bezoek_persoon WHERE bezoek_id = ?1)
                AND EXISTS (SELECT 1 FROM bezoek WHERE id = ?1)",
            [b],
            |r| r.get(0),
        )?;
        if leeg {
            w.verwijder_zonder_audit(&s::BEZOEK, b, b)?;
            n += 1;
        }
    }
    Ok(n)
}

/// The notes of melding `id`, oldest first.
pub(crate) fn melding_notities(conn: &Connection, id: &str) -> Resultaat<Vec<MeldingNotitie>> {
    let rijen: Vec<(String, String, String, String, Option<String>, String)> = conn
        .prepare_cached(
            "SELECT id, datum, auteur, soort, inrichting, tekst FROM melding_notitie WHERE melding_id = ?1
             ORDER BY datum, aangemaakt_hlc, aangemaakt_door",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rijen
        .into_iter()
        .map(|(id, datum, auteur, soort, inrichting, tekst)| MeldingNotitie {
            id,
            datum,
            auteur,
            soort: JournaalSoort::parse(&soort).unwrap_or(JournaalSoort::Notitie),
            inrichting,
            tekst,
        })
        .collect())
}

impl Store {
    /// Plan a bezoek: institution, date and at least one person, each detained there.
    /// Returns its id.
    pub fn bezoek_nieuw(&mut self, n: NieuwBezoek) -> Resultaat<String> {
        let inrichting =
            controleer(&n.inrichting, n.datum, n.personen.len()).map_err(crate::domain::DomeinFout::from)?;
        let datum = n.datum.ok_or(crate::domain::DomeinFout::from(BezoekFout::GeenDatum))?;
        // The behandelaar is the scope key of the bezoek (whose device receives it), so
        // required, like on a melding; by default the medewerker of this device.
        let behandelaar = match n.behandelaar.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
            Some(b) => super::medewerker::zoek(&self.conn, b)?.id,
            None => self.mijn_medewerker()?.map(|m| m.id).ok_or(crate::domain::DomeinFout::Verplicht("behandelaar"))?,
        };
        let mut personen = Vec::new();
        for p in &n.personen {
            let p = persoon_volledig(&self.conn, p)?;
            let (eigenaar, naam) = gedetineerde(&self.conn, &p, &inrichting)?;
            if personen.iter().any(|(q, _)| *q == p) {
                return Err(crate::domain::DomeinFout::from(BezoekFout::AlOpLijst(naam)).into());
            }
            personen.push((p, eigenaar));
        }
        let id = nieuw_id();
        let mut w = self.schrijver()?;
        w.nieuw(
            &s::BEZOEK,
            &id,
            &[
                ("behandelaar_id", tekst(behandelaar)),
                ("inrichting", tekst(inrichting)),
                ("datum", tekst(datum_tekst(datum))),
            ],
        )?;
        for (i, (p, eigenaar)) in personen.iter().enumerate() {
            schrijf_persoon(&mut w, &id, p, eigenaar, i as i64)?;
        }
        w.commit()?;
        Ok(id)
    }

    /// Move a bezoek to another date (or hand it to another behandelaar).
    pub fn bezoek_wijzig(
        &mut self,
        bezoek: &str,
        datum: Option<NaiveDate>,
        behandelaar: Option<&str>,
    ) -> Resultaat<usize> {
        let id = bezoek_id(&self.conn, bezoek)?;
        let mut velden = Vec::new();
        if let Some(d) = datum {
            velden.push(("datum", tekst(datum_tekst(d))));
        }
        if let Some(b) = behandelaar.map(str::trim).filter(|b| !b.is_empty()) {
            velden.push(("behandelaar_id", tekst(super::medewerker::zoek(&self.conn, b)?.id)));
        }
        let mut w = self.schrijver()?;
        let n = w.wijzig(&s::BEZOEK, &id, &velden)?;
        w.commit()?;
        Ok(n)
    }

    /// Remove a bezoek with its list (the reports already written stay with their melding
    /// or casus).
    pub fn bezoek_verwijder(&mut self, bezoek: &str) -> Resultaat<()> {
        let id = bezoek_id(&self.conn, bezoek)?;
        let personen = personen_van(&self.conn, &id)?;
        let mut w = self.schrijver()?;
        for (rij, _, eigenaar) in personen {
            w.verwijder_zonder_audit(&s::BEZOEK_PERSOON, &rij, &super::team::paar_scope(&id, &eigenaar))?;
        }
        w.verwijder(&s::BEZOEK, &id)?;
        w.commit()
    }

    /// Put one more person on the list of a bezoek (detained in its institution).
    pub fn bezoek_persoon_toevoegen(&mut self, bezoek: &str, p: &BezoekPersoon) -> Resultaat<()> {
        let id = bezoek_id(&self.conn, bezoek)?;
        let inrichting: String =
            self.conn.query_row("SELECT inrichting FROM bezoek WHERE id = ?1", [&id], |r| r.get(0))?;
        let p = persoon_volledig(&self.conn, p)?;
        let (eigenaar, naam) = gedetineerde(&self.conn, &p, &inrichting)?;
        let personen = personen_van(&self.conn, &id)?;
        if personen.iter().any(|(_, q, _)| *q == p) {
            return Err(crate::domain::DomeinFout::from(BezoekFout::AlOpLijst(naam)).into());
        }
        let mut w = self.schrijver()?;
        schrijf_persoon(&mut w, &id, &p, &eigenaar, personen.len() as i64)?;
        w.commit()
    }

    /// Take a person off the list of a bezoek. The last person stays: remove the bezoek
    /// instead.
    pub fn bezoek_persoon_verwijder(&mut self, bezoek: &str, p: &BezoekPersoon) -> Resultaat<()> {
        let id = bezoek_id(&self.conn, bezoek)?;
        let p = persoon_volledig(&self.conn, p)?;
        let personen = personen_van(&self.conn, &id)?;
        let Some((rij, _, eigenaar)) = personen.iter().find(|(_, q, _)| *q == p) else {
            let naam = kandidaat(&self.conn, &p)?.map(|(k, _, _)| k.naam).unwrap_or_else(|| p.id().to_string());
            return Err(crate::domain::DomeinFout::from(BezoekFout::NietOpLijst(naam)).into());
        };
        if personen.len() == 1 {
            return Err(crate::domain::DomeinFout::from(BezoekFout::GeenPersonen).into());
        }
        let _ = eigenaar;
        let mut w = self.schrijver()?;
        w.verwijder(&s::BEZOEK_PERSOON, rij)?;
        w.commit()
    }

    /// After the visit: one report per person (empty texts are skipped), in one
    /// transaction. A betrokkene of a casus gets a journaal entry of soort PI-bezoek, a
    /// melding a note; both dated on the day of the visit, with its institution. Every
    /// person must be on the list. Returns the number of entries written.
    pub fn bezoek_verslagen(&mut self, bezoek: &str, verslagen: &[(BezoekPersoon, String)]) -> Resultaat<usize> {
        let id = bezoek_id(&self.conn, bezoek)?;
        let (inrichting, datum): (String, String) =
            self.conn.query_row("SELECT inrichting, datum FROM bezoek WHERE id = ?1", [&id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let personen = personen_van(&self.conn, &id)?;
        let mut te_schrijven = Vec::new();
        for (p, t) in verslagen {
            let t = t.trim();
            if t.is_empty() {
                continue;
            }
            let p = persoon_volledig(&self.conn, p)?;
            let Some((_, _, eigenaar)) = personen.iter().find(|(_, q, _)| *q == p) else {
                let naam = kandidaat(&self.conn, &p)?.map(|(k, _, _)| k.naam).unwrap_or_else(|| p.id().to_string());
                return Err(crate::domain::DomeinFout::from(BezoekFout::NietOpLijst(naam)).into());
            };
            te_schrijven.push((p, eigenaar.clone(), t.to_string()));
        }
        if te_schrijven.is_empty() {
            return Err(crate::domain::DomeinFout::from(BezoekFout::LeegVerslag).into());
        }
        let mut w = self.schrijver()?;
        let auteur = w.gebruiker().to_string();
        for (p, eigenaar, t) in &te_schrijven {
            let (tabel, eigen_kolom) = match p {
                BezoekPersoon::Melding(_) => (&s::MELDING_NOTITIE, "melding_id"),
                BezoekPersoon::Betrokkene(_) => (&s::JOURNAAL, "casus_id"),
            };
            w.nieuw(
                tabel,
                &nieuw_id(),
                &[
                    (eigen_kolom, tekst(eigenaar)),
                    ("datum", tekst(&datum)),
                    ("auteur", tekst(&auteur)),
                    ("soort", tekst(JournaalSoort::PiBezoek.code())),
                    ("inrichting", tekst(&inrichting)),
                    ("tekst", tekst(verplicht("tekst", t)?)),
                ],
            )?;
        }
        w.commit()?;
        Ok(te_schrijven.len())
    }

    /// Every bezoek on this device, newest date first.
    pub fn bezoeken(&self) -> Resultaat<Vec<BezoekRegel>> {
        let mut stmt = self.conn.prepare(
            "SELECT b.id, b.inrichting, b.datum, m.naam,
                    (SELECT count(*) FROM bezoek_persoon p WHERE p.bezoek_id = b.id)
             FROM bezoek b LEFT JOIN medewerker m ON m.id = b.behandelaar_id
             ORDER BY b.datum DESC, b.inrichting, b.id",
        )?;
        let r = stmt.query_map([], |r| {
            Ok(BezoekRegel {
                id: r.get(0)?,
                inrichting: r.get(1)?,
                datum: r.get(2)?,
                behandelaar: r.get(3)?,
                personen: r.get::<_, i64>(4)? as usize,
            })
        })?;
        Ok(r.collect::<Result<_, _>>()?)
    }

    /// One bezoek with, per person, what the visit needs. Recorded in the audit log.
    pub fn bezoek_detail(&mut self, bezoek: &str) -> Resultaat<BezoekDetail> {
        let id = bezoek_id(&self.conn, bezoek)?;
        let d = self.bezoek_lezen(&id)?;
        let mut w = self.schrijver()?;
        w.inzien(&s::BEZOEK, &id, Some(&id))?;
        w.commit()?;
        Ok(d)
    }

    pub(crate) fn bezoek_lezen(&self, id: &str) -> Resultaat<BezoekDetail> {
        let c = &self.conn;
        let (inrichting, datum, behandelaar_id, behandelaar): (String, String, Option<String>, Option<String>) = c
            .query_row(
                "SELECT b.inrichting, b.datum, b.behandelaar_id, m.naam FROM bezoek b
                 LEFT JOIN medewerker m ON m.id = b.behandelaar_id WHERE b.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?
            .ok_or_else(|| StoreFout::Onbekend { tabel: "bezoek", id: id.to_string() })?;
        let mut personen = Vec::new();
        for (_, p, eigenaar) in personen_van(c, id)? {
            // A person whose melding or casus this device does not hold is left out.
            let Some((k, _, _)) = kandidaat(c, &p)? else { continue };
            let (tabel, kolom) = match p {
                BezoekPersoon::Melding(_) => ("melding_aanbod", "melding_id"),
                BezoekPersoon::Betrokkene(_) => ("casus_aanbod", "casus_id"),
            };
            let aanbod = aanbod_lijst(c, tabel, kolom, &eigenaar)?;
            let geen_aanbod = aanbod.is_empty();
            let open_aanbod = aanbod
                .into_iter()
                .filter(|a| !matches!(a.status, AanbodStatus::Geregeld | AanbodStatus::NietNodig))
                .collect();
            let contact_sql = match p {
                BezoekPersoon::Melding(_) => {
                    "SELECT datum, soort FROM melding_notitie WHERE melding_id = ?1
                     ORDER BY datum DESC, aangemaakt_hlc DESC LIMIT 1"
                }
                BezoekPersoon::Betrokkene(_) => {
                    "SELECT datum, soort FROM journaal WHERE casus_id = ?1
                     ORDER BY datum DESC, aangemaakt_hlc DESC LIMIT 1"
                }
            };
            let laatste_contact = c
                .query_row(contact_sql, [&eigenaar], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
                .optional()?
                .map(|(d, soort)| (d, JournaalSoort::parse(&soort).map(|s| s.label().to_string()).unwrap_or(soort)));
            personen.push(BezochtePersoon { kandidaat: k, open_aanbod, geen_aanbod, laatste_contact });
        }
        Ok(BezoekDetail { id: id.to_string(), inrichting, datum, behandelaar_id, behandelaar, personen })
    }

    /// The persons detained in `inrichting` who can be visited: open meldingen (not
    /// converted, not released) and betrokkenen of open casussen with a detention there
    /// whose expected release is unknown or not yet past (a detention records no real
    /// release date, so a past expected date means the person has left).
    pub fn bezoek_kandidaten(&self, inrichting: &str) -> Resultaat<Vec<Kandidaat>> {
        let c = &self.conn;
        let mut uit = Vec::new();
        let meldingen: Vec<(String, String, String)> = c
            .prepare(
                "SELECT id, inrichting, status FROM detentiemelding WHERE einddatum_werkelijk IS NULL
                 ORDER BY naam, id",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        for (id, i, status) in meldingen {
            if status == MeldingStatus::Omgezet.code() || !zelfde_inrichting(&i, inrichting) {
                continue;
            }
            if let Some((k, _, _)) = kandidaat(c, &BezoekPersoon::Melding(id))? {
                uit.push(k);
            }
        }
        let betrokkenen: Vec<(String, String)> = c
            .prepare(
                "SELECT DISTINCT d.betrokkene_id, d.inrichting FROM detentie d JOIN casus c ON c.id = d.casus_id
                 WHERE c.fase <> 'afgesloten' AND (d.einddatum_verwacht IS NULL OR d.einddatum_verwacht >= ?1)",
            )?
            .query_map([datum_tekst(vandaag())], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut gezien = std::collections::BTreeSet::new();
        for (b, i) in betrokkenen {
            if !zelfde_inrichting(&i, inrichting) || !gezien.insert(b.clone()) {
                continue;
            }
            if let Some((k, _, _)) = kandidaat(c, &BezoekPersoon::Betrokkene(b))? {
                uit.push(k);
            }
        }
        uit.sort_by(|a, b| a.naam.to_lowercase().cmp(&b.naam.to_lowercase()).then_with(|| a.persoon.cmp(&b.persoon)));
        Ok(uit)
    }

    /// The institutions known from meldingen and detentions, for the pick list.
    pub fn inrichtingen(&self) -> Resultaat<Vec<String>> {
        let namen: Vec<String> = self
            .conn
            .prepare(
                "SELECT inrichting FROM detentiemelding UNION SELECT inrichting FROM detentie
                 UNION SELECT inrichting FROM bezoek",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut uit: Vec<String> = Vec::new();
        for n in namen {
            let n = n.split_whitespace().collect::<Vec<_>>().join(" ");
            if !n.is_empty() && !uit.iter().any(|u| zelfde_inrichting(u, &n)) {
                uit.push(n);
            }
        }
        uit.sort_by_key(|n| n.to_lowercase());
        Ok(uit)
    }

    /// Record in the audit log that the bezoeklijst of `bezoek` was printed: one export
    /// entry per person, under the scope of their melding or casus (inzage shows it).
    pub fn bezoeklijst_registreren(&self, bezoek: &str) -> Resultaat<()> {
        let id = bezoek_id(&self.conn, bezoek)?;
        let personen = personen_van(&self.conn, &id)?;
        let mut w = self.schrijver()?;
        w.exporteren(s::BEZOEK.naam, &id, Some(&id))?;
        for (rij, _, eigenaar) in personen {
            w.exporteren(s::BEZOEK_PERSOON.naam, &rij, Some(&eigenaar))?;
        }
        w.commit()
    }

    /// The bezoek ids whose behandelaar is one of the medewerkers `ids` (scope of a
    /// trajectbegeleider's device).
    pub(crate) fn bezoeken_van_medewerkers(&self, ids: &[String]) -> Resultaat<Vec<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT id FROM bezoek WHERE behandelaar_id = ?1")?;
        let mut uit = Vec::new();
        for m in ids {
            for r in stmt.query_map([m], |r| r.get::<_, String>(0))? {
                uit.push(r?);
            }
        }
        Ok(uit)
    }
}

fn schrijf_persoon(
    w: &mut s::Schrijver<'_>,
    bezoek: &str,
    p: &BezoekPersoon,
    eigenaar: &str,
    volgorde: i64,
) -> Resultaat<()> {
    let (melding, betrokkene) = match p {
        BezoekPersoon::Melding(m) => (Some(m.clone()), None),
        BezoekPersoon::Betrokkene(b) => (None, Some(b.clone())),
    };
    let rij = persoon_rij(w.conn(), bezoek, p)?;
    w.nieuw(
        &s::BEZOEK_PERSOON,
        &rij,
        &[
            ("bezoek_id", tekst(bezoek)),
            ("eigenaar_id", tekst(eigenaar)),
            ("melding_id", tekst_of_null(melding)),
            ("betrokkene_id", tekst_of_null(betrokkene)),
            ("volgorde", rusqlite::types::Value::Integer(volgorde)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AanbodGebied, DomeinFout, Rol};
    use crate::store::testhulp::onversleutelde_store;
    use crate::store::{NieuweBetrokkene, NieuweCasus, NieuweDetentie, NieuweMelding};

    struct Opzet {
        s: Store,
        _dir: tempfile::TempDir,
        melding: String,
        elders: String,
        betrokkene: String,
        nummer: String,
    }

    fn opzet() -> Opzet {
        let dir = tempfile::tempdir().unwrap();
        let (_, mut s) = onversleutelde_store(&dir.path().join("data"));
        s.medewerker_toevoegen("Sanne Trajectvelde", crate::domain::MedewerkerRol::Trajectbegeleider, None).unwrap();
        let melding = |naam: &str, inrichting: &str| NieuweMelding {
            behandelaar: "Sanne Trajectvelde".into(),
            naam: naam.into(),
            geboortedatum: NaiveDate::from_ymd_opt(1991, 5, 6),
            inrichting: inrichting.into(),
            ..Default::default()
        };
        let m = s.melding_toevoegen(melding("Joëlle Vermeulenga", "PI Veenhuizen")).unwrap();
        let elders = s.melding_toevoegen(melding("Kees Überwald", "PI Leeuwarden")).unwrap();
        let nummer = s
            .aanmelding(
                NieuweCasus { werknaam: "Blauwe Reiger".into(), thema: "thema-nazorg".into(), ..Default::default() },
                Some(NieuweBetrokkene {
                    naam: "Daan Ölmezoğlu".into(),
                    geboortedatum: NaiveDate::from_ymd_opt(1988, 1, 2),
                    rol: Rol::Hoofdpersoon,
                    bsn: None,
                    initialen: None,
                }),
            )
            .unwrap()
            .to_string();
        let cid = super::super::casus::casus_id(&s.conn, &nummer).unwrap();
        let b: String =
            s.conn.query_row("SELECT id FROM betrokkene WHERE casus_id = ?1", [&cid], |r| r.get(0)).unwrap();
        s.detentie_toevoegen(&b, NieuweDetentie { inrichting: "pi veenhuizen".into(), ..Default::default() }).unwrap();
        Opzet { s, _dir: dir, melding: m, elders, betrokkene: b, nummer }
    }

    fn bezoek(o: &Opzet, personen: Vec<BezoekPersoon>) -> NieuwBezoek {
        let _ = o;
        NieuwBezoek {
            inrichting: "PI Veenhuizen".into(),
            datum: NaiveDate::from_ymd_opt(2026, 12, 3),
            behandelaar: Some("Sanne Trajectvelde".into()),
            personen,
        }
    }

    fn bezoekfout(r: Resultaat<impl std::fmt::Debug>) -> BezoekFout {
        match r {
            Err(StoreFout::Domein(DomeinFout::Bezoek(b))) => b,
            ander => panic!("expected a BezoekFout, got {ander:?}"),
        }
    }

    #[test]
    fn candidates_are_the_detained_of_that_institution_only() {
        let mut o = opzet();
        let k = o.s.bezoek_kandidaten("PI Veenhuizen").unwrap();
        let namen: Vec<&str> = k.iter().map(|k| k.naam.as_str()).collect();
        assert_eq!(namen, ["Daan Ölmezoğlu", "Joëlle Vermeulenga"]);
        assert_eq!(k[0].casusnummer.as_deref(), Some(o.nummer.as_str()));
        // Someone whose expected release in PI Veenhuizen is past has left: no candidate.
        let nummer =
            o.s.aanmelding(
                NieuweCasus { werknaam: "Oude Eik".into(), thema: "thema-nazorg".into(), ..Default::default() },
                Some(NieuweBetrokkene {
                    naam: "Vera Vertrokken".into(),
                    geboortedatum: None,
                    rol: Rol::Hoofdpersoon,
                    bsn: None,
                    initialen: None,
                }),
            )
            .unwrap()
            .to_string();
        let b = o.s.casus_detail_verversen(&nummer).unwrap().betrokkenen[0].id.clone();
        let voorbij = NieuweDetentie {
            inrichting: "PI Veenhuizen".into(),
            einddatum_verwacht: Some(vandaag() - chrono::Duration::days(1)),
            ..Default::default()
        };
        o.s.detentie_toevoegen(&b, voorbij).unwrap();
        assert_eq!(o.s.bezoek_kandidaten("PI Veenhuizen").unwrap().len(), 2);
        let inrichtingen = o.s.inrichtingen().unwrap();
        assert_eq!(inrichtingen.len(), 2, "PI Veenhuizen and pi veenhuizen are one institution: {inrichtingen:?}");
        assert_eq!(inrichtingen[0], "PI Leeuwarden");
    }

    #[test]
    fn a_bezoek_refuses_persons_detained_elsewhere_and_an_empty_list() {
        let mut o = opzet();
        let fout = bezoekfout(o.s.bezoek_nieuw(bezoek(&o, vec![])));
        assert_eq!(fout, BezoekFout::GeenPersonen);
        let fout = bezoekfout(o.s.bezoek_nieuw(bezoek(&o, vec![BezoekPersoon::Melding(o.elders.clone())])));
        assert_eq!(
            fout,
            BezoekFout::NietGedetineerd { naam: "Kees Überwald".into(), inrichting: "PI Veenhuizen".into() }
        );
        let fout =
            bezoekfout(o.s.bezoek_nieuw(NieuwBezoek {
                datum: None,
                ..bezoek(&o, vec![BezoekPersoon::Melding(o.melding.clone())])
            }));
        assert_eq!(fout, BezoekFout::GeenDatum);
        assert!(o.s.bezoeken().unwrap().is_empty(), "a refused bezoek leaves nothing behind");
    }

    #[test]
    fn a_bezoek_lists_open_aanbod_and_takes_one_report_per_person() {
        let mut o = opzet();
        o.s.melding_aanbod(&o.melding, AanbodGebied::Onderdak, AanbodStatus::Bezig, None, "").unwrap();
        o.s.melding_aanbod(&o.melding, AanbodGebied::Inkomen, AanbodStatus::Geregeld, None, "").unwrap();
        let m = BezoekPersoon::Melding(o.melding[..8].to_string());
        let b = BezoekPersoon::Betrokkene(o.betrokkene.clone());
        let id = o.s.bezoek_nieuw(bezoek(&o, vec![m.clone(), b.clone()])).unwrap();
        let d = o.s.bezoek_detail(&id[..8]).unwrap();
        assert_eq!(d.personen.len(), 2);
        let melding = &d.personen[0];
        assert_eq!(melding.kandidaat.naam, "Joëlle Vermeulenga");
        let open: Vec<AanbodGebied> = melding.open_aanbod.iter().map(|a| a.leefgebied).collect();
        assert_eq!(open, [AanbodGebied::Onderdak], "arranged leefgebieden are not on the list");
        assert_eq!(melding.laatste_contact, None);
        let n =
            o.s.bezoek_verslagen(&id, &[(m.clone(), "Gesproken over woonruimte.".into()), (b.clone(), "  ".into())])
                .unwrap();
        assert_eq!(n, 1, "an empty text is skipped");
        o.s.bezoek_verslagen(&id, &[(b.clone(), "Uitstroomplan besproken.".into())]).unwrap();
        let notities = o.s.melding_verversen(&o.melding).unwrap().notities;
        assert_eq!(notities.len(), 1);
        assert_eq!((notities[0].soort, notities[0].datum.as_str()), (JournaalSoort::PiBezoek, "2026-12-03"));
        assert_eq!(notities[0].inrichting.as_deref(), Some("PI Veenhuizen"));
        let casus = o.s.casus_detail_verversen(&o.nummer).unwrap();
        assert!(
            casus.journaal.iter().any(|j| j.soort == JournaalSoort::PiBezoek && j.tekst == "Uitstroomplan besproken.")
        );
        let d = o.s.bezoek_detail(&id).unwrap();
        assert_eq!(d.personen[0].laatste_contact, Some(("2026-12-03".into(), "PI-bezoek".into())));
        let fout = bezoekfout(o.s.bezoek_verslagen(&id, &[(BezoekPersoon::Melding(o.elders.clone()), "x".into())]));
        assert_eq!(fout, BezoekFout::NietOpLijst("Kees Überwald".into()));
    }

    #[test]
    fn persons_can_be_added_and_removed_but_not_the_last_and_removal_cleans_up() {
        let mut o = opzet();
        let m = BezoekPersoon::Melding(o.melding.clone());
        let b = BezoekPersoon::Betrokkene(o.betrokkene.clone());
        let id = o.s.bezoek_nieuw(bezoek(&o, vec![m.clone()])).unwrap();
        assert_eq!(
            bezoekfout(o.s.bezoek_persoon_toevoegen(&id, &m)),
            BezoekFout::AlOpLijst("Joëlle Vermeulenga".into())
        );
        o.s.bezoek_persoon_toevoegen(&id, &b).unwrap();
        o.s.bezoek_persoon_verwijder(&id, &m).unwrap();
        assert_eq!(bezoekfout(o.s.bezoek_persoon_verwijder(&id, &b)), BezoekFout::GeenPersonen);
        assert_eq!(o.s.bezoek_wijzig(&id, NaiveDate::from_ymd_opt(2026, 12, 10), None).unwrap(), 1);
        assert_eq!(o.s.bezoeken().unwrap()[0].datum, "2026-12-10");
        o.s.bezoek_verwijder(&id).unwrap();
        assert!(o.s.bezoeken().unwrap().is_empty());
        assert_eq!(o.s.aantal("bezoek_persoon").unwrap(), 0);
        // Removing a melding takes its notes and its place on a list with it, and a
        // bezoek left without persons goes too.
        let id = o.s.bezoek_nieuw(bezoek(&o, vec![m.clone()])).unwrap();
        o.s.bezoek_verslagen(&id, &[(m.clone(), "Verslag".into())]).unwrap();
        o.s.melding_verwijder(&o.melding, "Dubbel ingevoerd").unwrap();
        assert_eq!((o.s.aantal("melding_notitie").unwrap(), o.s.aantal("bezoek").unwrap()), (0, 0));
    }

    #[test]
    fn a_person_on_a_bezoek_carries_the_pair_scope_of_bezoek_and_casus() {
        let mut o = opzet();
        let id = o.s.bezoek_nieuw(bezoek(&o, vec![BezoekPersoon::Betrokkene(o.betrokkene.clone())])).unwrap();
        let cid = super::super::casus::casus_id(&o.s.conn, &o.nummer).unwrap();
        let scopes: Vec<String> =
            o.s.conn
                .prepare("SELECT DISTINCT casus_id FROM wijziging WHERE tabel = 'bezoek_persoon'")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
        assert_eq!(scopes, [crate::store::team::paar_scope(&id, &cid)]);
    }
}

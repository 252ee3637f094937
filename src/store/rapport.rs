//! Read models for printed reports (agenda, verslag).

use super::{Resultaat, Store, StoreFout};
use rusqlite::OptionalExtension;
use serde::Serialize;

/// An invitee of a meeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Genodigde {
    /// Contact name.
    pub naam: String,
    /// Organisation.
    pub organisatie: String,
    /// Function.
    pub functie: String,
    /// Attendance: `None` not recorded yet.
    pub aanwezig: Option<bool>,
}

/// An action that came from a decision on an agenda item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BesluitActie {
    /// What.
    pub omschrijving: String,
    /// Who (partner / contact).
    pub wie: String,
    /// Deadline `JJJJ-MM-DD`.
    pub deadline: Option<String>,
}

/// An agenda item with what the printouts need.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgendaRegel {
    /// Start time `HH:MM`.
    pub starttijd: String,
    /// Minutes.
    pub duur_minuten: i64,
    /// Casusnummer; empty for a general item.
    pub casusnummer: String,
    /// Subject of a general item (no casus); empty for a casus item.
    pub onderwerp: String,
    /// Working name.
    pub werknaam: String,
    /// Thema.
    pub thema: String,
    /// Initials of the main person(s) (agenda: no full names).
    pub initialen: String,
    /// Full names of the persons (verslag only).
    pub namen: String,
    /// BOB: beeld.
    pub beeld: String,
    /// BOB: oordeel.
    pub oordeel: String,
    /// BOB: besluit.
    pub besluit: String,
    /// Actions decided.
    pub acties: Vec<BesluitActie>,
}

/// Everything about a meeting for its agenda and verslag.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverlegRapport {
    /// Kind (label).
    pub soort: String,
    /// Date `JJJJ-MM-DD`.
    pub datum: String,
    /// Start time.
    pub begintijd: String,
    /// Place.
    pub plaats: String,
    /// Chair.
    pub voorzitter: String,
    /// Next meeting date.
    pub volgende_datum: Option<String>,
    /// Invitees.
    pub genodigden: Vec<Genodigde>,
    /// Agenda items.
    pub punten: Vec<AgendaRegel>,
}

/// The actions that came from one agendapunt, in plan order (agenda and verslag); through
/// the index `actie_agendapunt` (schema 18), not a scan of every action.
pub(crate) const ACTIES_VAN_AGENDAPUNT: &str =
    "SELECT a.omschrijving, trim(coalesce(p.naam, '') || coalesce(' / ' || k.naam, '')), a.deadline FROM actie a
     LEFT JOIN partner p ON p.id = a.partner_id LEFT JOIN contactpersoon k ON k.id = a.contact_id
     WHERE a.agendapunt_id = ?1 ORDER BY a.volgorde";

impl Store {
    /// Data for the agenda and verslag of a meeting.
    pub fn overleg_rapport(&self, overleg_id: &str) -> Resultaat<OverlegRapport> {
        let (soort, datum, begintijd, plaats, voorzitter, volgende_datum): (
            String,
            String,
            String,
            String,
            String,
            Option<String>,
        ) = self
            .conn
            .query_row(
                "SELECT coalesce(nullif(s.naam, ''), o.soort), o.datum, o.begintijd, o.plaats, o.voorzitter, o.volgende_datum
                 FROM overleg o LEFT JOIN overlegsoort s ON s.id = o.soort WHERE o.id = ?1",
                [overleg_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
            )
            .optional()?
            .ok_or_else(|| StoreFout::Onbekend { tabel: "overleg", id: overleg_id.to_string() })?;
        let soort = crate::domain::OverlegSoort::parse(&soort).map(|s| s.label().to_string()).unwrap_or(soort);
        let mut stmt = self.conn.prepare(
            "SELECT k.naam, coalesce(p.naam, ''), k.functie, g.aanwezig FROM genodigde g
             JOIN contactpersoon k ON k.id = g.contact_id LEFT JOIN partner p ON p.id = k.partner_id
             WHERE g.overleg_id = ?1 ORDER BY p.naam, k.naam",
        )?;
        let genodigden = stmt
            .query_map([overleg_id], |r| {
                Ok(Genodigde { naam: r.get(0)?, organisatie: r.get(1)?, functie: r.get(2)?, aanwezig: r.get(3)? })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.starttijd, a.duur_minuten, coalesce(c.nummer, ''), coalesce(c.werknaam, ''), coalesce(t.naam, ''),
                    a.beeld, a.oordeel, a.besluit,
                    coalesce((SELECT group_concat(b.initialen, ', ') FROM betrokkene b WHERE b.casus_id = c.id AND b.rol = 'hoofdpersoon'), ''),
                    coalesce((SELECT group_concat(b.naam, ', ') FROM betrokkene b WHERE b.casus_id = c.id), ''),
                    a.tekst
             FROM agendapunt a LEFT JOIN casus c ON c.id = a.casus_id LEFT JOIN thema t ON t.id = c.thema_id
             WHERE a.overleg_id = ?1 AND (a.casus_id IS NULL OR c.id IS NOT NULL) ORDER BY a.volgorde",
        )?;
        let mut acties_stmt = self.conn.prepare(ACTIES_VAN_AGENDAPUNT)?;
        let ruw: Vec<(String, AgendaRegel)> = stmt
            .query_map([overleg_id], |r| {
                Ok((
                    r.get(0)?,
                    AgendaRegel {
                        starttijd: r.get(1)?,
                        duur_minuten: r.get(2)?,
                        casusnummer: r.get(3)?,
                        werknaam: r.get(4)?,
                        thema: r.get(5)?,
                        beeld: r.get(6)?,
                        oordeel: r.get(7)?,
                        besluit: r.get(8)?,
                        initialen: r.get(9)?,
                        namen: r.get(10)?,
                        onderwerp: r.get(11)?,
                        acties: Vec::new(),
                    },
                ))
            })?
            .collect::<Result<_, _>>()?;
        let mut punten = Vec::new();
        for (id, mut regel) in ruw {
            regel.acties = acties_stmt
                .query_map([&id], |r| {
                    Ok(BesluitActie { omschrijving: r.get(0)?, wie: r.get(1)?, deadline: r.get(2)? })
                })?
                .collect::<Result<_, _>>()?;
            punten.push(regel);
        }
        Ok(OverlegRapport { soort, datum, begintijd, plaats, voorzitter, volgende_datum, genodigden, punten })
    }
}

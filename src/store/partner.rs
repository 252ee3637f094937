//! Partner organisations and contact persons.

use super::schrijven::{self as s, getal, nieuw_id, tekst};
use super::{Resultaat, Store, StoreFout};
use crate::domain::partner::{PartnerSoort, emailadres, telefoonnummer};
use crate::domain::{Convenantstatus, verplicht};
use serde::Serialize;

/// A partner organisation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Partner {
    /// Record id.
    pub id: String,
    /// Name.
    pub naam: String,
    /// Kind.
    pub soort: PartnerSoort,
    /// Covenant status.
    pub convenantstatus: Convenantstatus,
    /// Notes.
    pub notities: String,
    /// Archived (hidden from pickers, kept for references).
    pub gearchiveerd: bool,
}

/// A contact person at a partner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contactpersoon {
    /// Record id.
    pub id: String,
    /// Partner id.
    pub partner_id: Option<String>,
    /// Name.
    pub naam: String,
    /// Function.
    pub functie: String,
    /// Phone.
    pub telefoon: String,
    /// E-mail.
    pub email: String,
    /// Themes (comma separated).
    pub themas: String,
    /// Archived: no longer offered in pickers; meetings and cases that name it keep it.
    pub gearchiveerd: bool,
}

/// Changes to a contact person; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContactWijziging {
    /// Name (not empty).
    pub naam: Option<String>,
    /// Function.
    pub functie: Option<String>,
    /// Phone (checked like on creation).
    pub telefoon: Option<String>,
    /// E-mail (checked like on creation).
    pub email: Option<String>,
    /// Themes.
    pub themas: Option<String>,
    /// Archive (`true`) or restore (`false`).
    pub gearchiveerd: Option<bool>,
}

/// A partner involved in a casus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BetrokkenPartner {
    /// Partner id.
    pub id: String,
    /// Name.
    pub naam: String,
    /// Covenant status.
    pub convenantstatus: Convenantstatus,
    /// Number of actions this partner holds in the plan.
    pub acties: i64,
    /// This partner referred the case.
    pub aanmelder: bool,
}

/// A new partner.
#[derive(Debug, Clone)]
pub struct NieuwePartner {
    /// Name (required).
    pub naam: String,
    /// Kind.
    pub soort: PartnerSoort,
    /// Covenant status.
    pub convenantstatus: Convenantstatus,
}

/// Changes to a partner; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct PartnerWijziging {
    /// Name.
    pub naam: Option<String>,
    /// Kind.
    pub soort: Option<PartnerSoort>,
    /// Covenant status.
    pub convenantstatus: Option<Convenantstatus>,
    /// Notes.
    pub notities: Option<String>,
    /// Archived.
    pub gearchiveerd: Option<bool>,
}

/// A casus a partner is involved in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerCasus {
    /// Casusnummer.
    pub casusnummer: String,
    /// Working name.
    pub werknaam: String,
    /// Phase label.
    pub fase: String,
    /// The partner referred the case.
    pub aanmelder: bool,
    /// Number of actions the partner holds.
    pub acties: i64,
}

/// A new contact person.
#[derive(Debug, Clone, Default)]
pub struct NieuwContact {
    /// Name (required).
    pub naam: String,
    /// Function.
    pub functie: String,
    /// Phone.
    pub telefoon: String,
    /// E-mail.
    pub email: String,
    /// Themes.
    pub themas: String,
}

impl Store {
    /// Add a partner organisation.
    pub fn partner_toevoegen(&mut self, p: NieuwePartner) -> Resultaat<String> {
        let naam = verplicht("naam", &p.naam)?;
        let id = nieuw_id();
        let mut w = self.schrijver()?;
        w.nieuw(
            &s::PARTNER,
            &id,
            &[
                ("naam", tekst(naam)),
                ("soort", tekst(p.soort.code())),
                ("convenantstatus", tekst(p.convenantstatus.code())),
                ("notities", tekst("")),
                ("gearchiveerd", getal(0)),
            ],
        )?;
        w.commit()?;
        Ok(id)
    }

    /// Every partner, archived ones included, by name.
    pub fn alle_partners(&self) -> Resultaat<Vec<Partner>> {
        self.partners_waar("", [])
    }

    /// Change a partner. A partner is never deleted (cases and actions refer to it): it
    /// is archived, which hides it from pickers.
    pub fn partner_wijzig(&mut self, id: &str, w: &PartnerWijziging) -> Resultaat<usize> {
        let mut velden = Vec::new();
        if let Some(n) = &w.naam {
            velden.push(("naam", tekst(verplicht("naam", n)?)));
        }
        if let Some(x) = w.soort {
            velden.push(("soort", tekst(x.code())));
        }
        if let Some(x) = w.convenantstatus {
            velden.push(("convenantstatus", tekst(x.code())));
        }
        if let Some(x) = &w.notities {
            velden.push(("notities", tekst(x.trim())));
        }
        if let Some(x) = w.gearchiveerd {
            velden.push(("gearchiveerd", getal(i64::from(x))));
        }
        let mut s = self.schrijver()?;
        let n = s.wijzig(&s::PARTNER, id, &velden)?;
        s.commit()?;
        Ok(n)
    }

    /// The cases a partner is involved in: as referrer or with actions.
    pub fn casussen_van_partner(&self, partner_id: &str) -> Resultaat<Vec<PartnerCasus>> {
        let mut stmt = self.conn.prepare(
            "SELECT c.nummer, c.werknaam, c.fase, c.aanmelder_partner_id = ?1,
                    (SELECT count(*) FROM actie a WHERE a.casus_id = c.id AND a.partner_id = ?1)
             FROM casus c
             WHERE c.aanmelder_partner_id = ?1 OR c.id IN (SELECT casus_id FROM actie WHERE partner_id = ?1)
             ORDER BY c.jaar DESC, c.volgnummer DESC",
        )?;
        let lijst = stmt
            .query_map([partner_id], |r| {
                let fase: String = r.get(2)?;
                Ok(PartnerCasus {
                    casusnummer: r.get(0)?,
                    werknaam: r.get(1)?,
                    fase: crate::domain::Fase::parse(&fase).map(|f| f.label().to_string()).unwrap_or(fase),
                    aanmelder: r.get::<_, Option<bool>>(3)?.unwrap_or(false),
                    acties: r.get(4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(lijst)
    }

    /// Change a partner's covenant status.
    pub fn partner_convenant(&mut self, partner_id: &str, status: Convenantstatus) -> Resultaat<()> {
        let mut w = self.schrijver()?;
        w.wijzig(&s::PARTNER, partner_id, &[("convenantstatus", tekst(status.code()))])?;
        w.commit()
    }

    /// Add a contact person to a partner.
    pub fn contact_toevoegen(&mut self, partner_id: &str, c: NieuwContact) -> Resultaat<String> {
        let naam = verplicht("naam", &c.naam)?;
        self.partner(partner_id)?;
        let id = nieuw_id();
        let mut w = self.schrijver()?;
        w.nieuw(
            &s::CONTACTPERSOON,
            &id,
            &[
                ("partner_id", tekst(partner_id)),
                ("naam", tekst(naam)),
                ("functie", tekst(c.functie.trim())),
                ("telefoon", tekst(telefoonnummer(&c.telefoon)?)),
                ("email", tekst(emailadres(&c.email)?)),
                ("themas", tekst(c.themas.trim())),
                ("gearchiveerd", getal(0)),
            ],
        )?;
        w.commit()?;
        Ok(id)
    }

    /// Change or archive a contact person, with the same checks as on creation; returns
    /// the number of fields that changed. A contact person is never deleted: meetings,
    /// cases and the audit trail refer to it.
    pub fn contact_wijzig(&mut self, id: &str, w: &ContactWijziging) -> Resultaat<usize> {
        let mut velden = Vec::new();
        if let Some(n) = &w.naam {
            velden.push(("naam", tekst(verplicht("naam", n)?)));
        }
        if let Some(x) = &w.functie {
            velden.push(("functie", tekst(x.trim())));
        }
        if let Some(x) = &w.telefoon {
            velden.push(("telefoon", tekst(telefoonnummer(x)?)));
        }
        if let Some(x) = &w.email {
            velden.push(("email", tekst(emailadres(x)?)));
        }
        if let Some(x) = &w.themas {
            velden.push(("themas", tekst(x.trim())));
        }
        if let Some(x) = w.gearchiveerd {
            velden.push(("gearchiveerd", getal(i64::from(x))));
        }
        let mut s = self.schrijver()?;
        let n = s.wijzig(&s::CONTACTPERSOON, id, &velden)?;
        s.commit()?;
        Ok(n)
    }

    /// One contact person, archived or not.
    pub fn contact(&self, id: &str) -> Resultaat<Contactpersoon> {
        self.contacten_waar("WHERE id = ?1", [id])?
            .pop()
            .ok_or_else(|| StoreFout::Onbekend { tabel: "contactpersoon", id: id.to_string() })
    }

    /// One partner.
    pub fn partner(&self, id: &str) -> Resultaat<Partner> {
        self.partners_waar("WHERE id = ?1", [id])?
            .pop()
            .ok_or_else(|| StoreFout::Onbekend { tabel: "partner", id: id.to_string() })
    }

    /// All partners that are not archived, by name.
    pub fn partners(&self) -> Resultaat<Vec<Partner>> {
        self.partners_waar("WHERE gearchiveerd = 0", [])
    }

    fn partners_waar<P: rusqlite::Params>(&self, waar: &str, params: P) -> Resultaat<Vec<Partner>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, naam, soort, convenantstatus, notities, gearchiveerd FROM partner {waar} ORDER BY naam"
        ))?;
        let lijst = stmt
            .query_map(params, |r| {
                let soort: String = r.get(2)?;
                let cs: String = r.get(3)?;
                Ok(Partner {
                    id: r.get(0)?,
                    naam: r.get(1)?,
                    soort: PartnerSoort::parse(&soort).unwrap_or(PartnerSoort::Overig),
                    convenantstatus: Convenantstatus::parse(&cs).unwrap_or(Convenantstatus::Geen),
                    notities: r.get(4)?,
                    gearchiveerd: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(lijst)
    }

    /// Partners involved in a casus: the referrer and every partner with an action in its plan.
    pub fn betrokken_partners(&self, nummer: &str) -> Resultaat<Vec<BetrokkenPartner>> {
        let cid = super::casus::casus_id(&self.conn, nummer)?;
        let mut stmt = self.conn.prepare(
            "SELECT p.id, p.naam, p.convenantstatus,
                    (SELECT count(*) FROM actie a WHERE a.casus_id = ?1 AND a.partner_id = p.id),
                    EXISTS (SELECT 1 FROM casus c WHERE c.id = ?1 AND c.aanmelder_partner_id = p.id)
             FROM partner p
             WHERE p.id IN (SELECT partner_id FROM actie WHERE casus_id = ?1)
                OR p.id = (SELECT aanmelder_partner_id FROM casus WHERE id = ?1)
             ORDER BY p.naam",
        )?;
        let lijst = stmt
            .query_map([&cid], |r| {
                let cs: String = r.get(2)?;
                Ok(BetrokkenPartner {
                    id: r.get(0)?,
                    naam: r.get(1)?,
                    convenantstatus: Convenantstatus::parse(&cs).unwrap_or(Convenantstatus::Geen),
                    acties: r.get(3)?,
                    aanmelder: r.get(4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(lijst)
    }

    /// Contact persons of a partner that are not archived, by name.
    pub fn contacten(&self, partner_id: &str) -> Resultaat<Vec<Contactpersoon>> {
        self.contacten_waar("WHERE partner_id = ?1 AND gearchiveerd = 0", [partner_id])
    }

    /// Every contact person of a partner, archived ones included, by name.
    pub fn contacten_met_archief(&self, partner_id: &str) -> Resultaat<Vec<Contactpersoon>> {
        self.contacten_waar("WHERE partner_id = ?1", [partner_id])
    }

    fn contacten_waar<P: rusqlite::Params>(&self, waar: &str, params: P) -> Resultaat<Vec<Contactpersoon>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, partner_id, naam, functie, telefoon, email, themas, gearchiveerd FROM contactpersoon
             {waar} ORDER BY naam"
        ))?;
        let lijst = stmt
            .query_map(params, |r| {
                Ok(Contactpersoon {
                    id: r.get(0)?,
                    partner_id: r.get(1)?,
                    naam: r.get(2)?,
                    functie: r.get(3)?,
                    telefoon: r.get(4)?,
                    email: r.get(5)?,
                    themas: r.get(6)?,
                    gearchiveerd: r.get(7)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(lijst)
    }
}

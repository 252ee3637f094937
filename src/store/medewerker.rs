//! Medewerkers (the team's people, synced) and assigning a casus to them by id.

use super::schrijven::{self as s, Schrijver, getal, nieuw_id, tekst, tekst_of_null};
use super::{Resultaat, Store, StoreFout, instelling};
use crate::domain::{Medewerker, MedewerkerRol, medewerker_id_uit_naam, vouw_naam};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};

/// Changes to a medewerker; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct MedewerkerWijziging {
    /// Name.
    pub naam: Option<String>,
    /// Role.
    pub rol: Option<MedewerkerRol>,
    /// Device id of the colleague (`Some(None)` unlinks).
    pub apparaat: Option<Option<String>>,
    /// Archived (not offered for new assignments).
    pub gearchiveerd: Option<bool>,
}

/// Who a casus is assigned to. Each field: `None` leaves it, `Some(None)` clears it,
/// `Some(Some(m))` assigns medewerker `m` (id, its first 8+ characters, or a unique name).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Toewijzing {
    /// Procesregisseur.
    pub procesregisseur: Option<Option<String>>,
    /// Trajectbegeleider (decides which cases that colleague receives by sync).
    pub trajectbegeleider: Option<Option<String>>,
    /// Casusregisseur (often of a partner).
    pub casusregisseur: Option<Option<String>>,
}

impl Toewijzing {
    /// Nothing to change.
    pub fn is_leeg(&self) -> bool {
        self.procesregisseur.is_none() && self.trajectbegeleider.is_none() && self.casusregisseur.is_none()
    }
}

/// Local setting: the medewerker this device's user is ("Mijn naam en rol"). Not synced.
pub const MIJN_MEDEWERKER: &str = "mijn_medewerker_id";

const SELECT: &str = "SELECT id, naam, rol, apparaat, gearchiveerd FROM medewerker";

fn medewerker_van(r: &rusqlite::Row) -> rusqlite::Result<Medewerker> {
    let rol: String = r.get(2)?;
    Ok(Medewerker {
        id: r.get(0)?,
        naam: r.get(1)?,
        rol: MedewerkerRol::parse(&rol)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e)))?,
        apparaat: r.get(3)?,
        gearchiveerd: r.get(4)?,
    })
}

fn alle(conn: &Connection) -> Resultaat<Vec<Medewerker>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY naam COLLATE NOCASE, rol, id"))?;
    let r = stmt.query_map([], medewerker_van)?.collect::<Result<Vec<_>, _>>()?;
    Ok(r)
}

/// Find a medewerker by id, by its first 8+ characters, or by a unique name (case and
/// diacritics ignored; an archived namesake gives way to an active one).
pub(crate) fn zoek(conn: &Connection, m: &str) -> Resultaat<Medewerker> {
    let gezocht = m.trim();
    let onbekend = || StoreFout::Onbekend { tabel: "medewerker", id: gezocht.to_string() };
    if gezocht.is_empty() {
        return Err(onbekend());
    }
    let alle = alle(conn)?;
    if let Some(x) = alle.iter().find(|x| x.id == gezocht) {
        return Ok(x.clone());
    }
    let klein = gezocht.to_lowercase();
    if klein.len() >= 8 {
        let op_id: Vec<&Medewerker> = alle.iter().filter(|x| x.id.starts_with(&klein)).collect();
        match op_id.len() {
            1 => return Ok(op_id[0].clone()),
            0 => {}
            n => return Err(StoreFout::Dubbelzinnig { tabel: "medewerker", id: gezocht.to_string(), aantal: n }),
        }
    }
    let vouw = vouw_naam(gezocht);
    let op_naam: Vec<&Medewerker> = alle.iter().filter(|x| vouw_naam(&x.naam) == vouw).collect();
    let actief: Vec<&Medewerker> = op_naam.iter().copied().filter(|x| !x.gearchiveerd).collect();
    let kandidaten = if actief.is_empty() { op_naam } else { actief };
    match kandidaten.len() {
        0 => Err(onbekend()),
        1 => Ok(kandidaten[0].clone()),
        n => Err(StoreFout::Dubbelzinnig { tabel: "medewerker", id: gezocht.to_string(), aantal: n }),
    }
}

/// Schema 7 upgrade hook: every distinct free-text procesregisseur and trajectbegeleider
/// becomes a medewerker with a name-based id, the casus columns get those ids, and the
/// local user (name and role setting) becomes the device's own medewerker. All through
/// the change log, so replicas that never had the old text receive the result; replicas
/// that migrate the same names write the same values, which is no conflict.
///
/// Runs after the last migration (the schema 7 upgrade only sets
/// `instelling::NAMEN_MIGREREN`) and clears that setting in the same transaction.
pub(crate) fn migreer_namen(conn: &Connection) -> Resultaat<()> {
    let klaar = |conn: &Connection| -> Resultaat<()> {
        conn.execute("DELETE FROM instelling WHERE sleutel = ?1", [instelling::NAMEN_MIGREREN])?;
        Ok(())
    };
    let lees = |k: &str| -> Resultaat<String> {
        Ok(conn
            .query_row("SELECT waarde FROM instelling WHERE sleutel = ?1", [k], |r| r.get::<_, String>(0))
            .optional()?
            .unwrap_or_default())
    };
    let apparaat = lees(instelling::APPARAAT)?;
    let gebruiker = lees(instelling::GEBRUIKER)?;
    let rol = lees(instelling::ROL)?;
    let casussen: Vec<(String, String, String)> = {
        let mut stmt = conn.prepare(
            "SELECT id, trim(procesregisseur), trim(trajectbegeleider) FROM casus
             WHERE trim(procesregisseur) <> '' OR trim(trajectbegeleider) <> '' ORDER BY jaar, volgnummer, id",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?
    };
    let mij = MedewerkerRol::parse(&rol).ok().filter(|_| !gebruiker.trim().is_empty());
    if casussen.is_empty() && mij.is_none() {
        return klaar(conn);
    }
    let nummers = super::schrijven::Nummers::default();
    let mut w = Schrijver::begin(conn, &nummers, &apparaat, &gebruiker)?;
    let zorg = |w: &mut Schrijver<'_>, naam: &str, rol: MedewerkerRol| -> Resultaat<String> {
        let id = medewerker_id_uit_naam(naam, rol);
        let bestaat: bool =
            w.conn().query_row("SELECT EXISTS (SELECT 1 FROM medewerker WHERE id = ?1)", [&id], |r| r.get(0))?;
        if !bestaat {
            w.nieuw(&s::MEDEWERKER, &id, &[("naam", tekst(naam.trim())), ("rol", tekst(rol.code()))])?;
        }
        Ok(id)
    };
    for (id, pr, tb) in &casussen {
        let mut velden: Vec<(&str, Value)> = Vec::new();
        if !pr.is_empty() {
            velden.push(("procesregisseur_id", tekst(zorg(&mut w, pr, MedewerkerRol::Procesregisseur)?)));
        }
        if !tb.is_empty() {
            velden.push(("trajectbegeleider_id", tekst(zorg(&mut w, tb, MedewerkerRol::Trajectbegeleider)?)));
        }
        w.wijzig(&s::CASUS, id, &velden)?;
    }
    if let Some(rol) = mij {
        let id = zorg(&mut w, &gebruiker, rol)?;
        w.conn().execute(
            "INSERT INTO instelling(sleutel, waarde) VALUES (?1, ?2)
             ON CONFLICT(sleutel) DO UPDATE SET waarde = excluded.waarde",
            (MIJN_MEDEWERKER, &id),
        )?;
    }
    klaar(w.conn())?;
    w.commit()
}

impl Store {
    /// Add a medewerker. Returns the id.
    pub fn medewerker_toevoegen(
        &mut self,
        naam: &str,
        rol: MedewerkerRol,
        apparaat: Option<&str>,
    ) -> Resultaat<String> {
        let (naam, rol, apparaat) = Medewerker::controleer(naam, rol.code(), apparaat)?;
        let id = nieuw_id();
        let mut w = self.schrijver()?;
        w.nieuw(
            &s::MEDEWERKER,
            &id,
            &[("naam", tekst(naam)), ("rol", tekst(rol.code())), ("apparaat", tekst_of_null(apparaat))],
        )?;
        w.commit()?;
        Ok(id)
    }

    /// Change a medewerker (named by id, 8+ prefix or unique name). Returns the number of
    /// fields that changed. Assignments keep pointing at the same medewerker.
    pub fn medewerker_wijzig(&mut self, m: &str, wijziging: &MedewerkerWijziging) -> Resultaat<usize> {
        let huidig = zoek(&self.conn, m)?;
        let mut velden: Vec<(&str, Value)> = Vec::new();
        if let Some(n) = &wijziging.naam {
            velden.push(("naam", tekst(crate::domain::verplicht("naam", n)?)));
        }
        if let Some(r) = wijziging.rol {
            velden.push(("rol", tekst(r.code())));
        }
        if let Some(a) = &wijziging.apparaat {
            let a = a.as_deref().map(str::trim).filter(|a| !a.is_empty()).map(str::to_string);
            velden.push(("apparaat", tekst_of_null(a)));
        }
        if let Some(g) = wijziging.gearchiveerd {
            velden.push(("gearchiveerd", getal(g)));
        }
        let mut w = self.schrijver()?;
        let n = w.wijzig(&s::MEDEWERKER, &huidig.id, &velden)?;
        w.commit()?;
        // The local user's own name and role follow their medewerker.
        if self.instelling(MIJN_MEDEWERKER)?.as_deref() == Some(huidig.id.as_str()) {
            let nu = zoek(&self.conn, &huidig.id)?;
            self.zet_instelling(instelling::GEBRUIKER, &nu.naam)?;
            self.zet_instelling(instelling::ROL, nu.rol.code())?;
        }
        Ok(n)
    }

    /// Every medewerker, archived ones included, by name.
    pub fn medewerkers(&self) -> Resultaat<Vec<Medewerker>> {
        alle(&self.conn)
    }

    /// A medewerker by id, its first 8+ characters, or a unique name.
    pub fn medewerker_zoek(&self, m: &str) -> Resultaat<Medewerker> {
        zoek(&self.conn, m)
    }

    /// The medewerker this device's user is, if chosen ("Mijn naam en rol").
    pub fn mijn_medewerker(&self) -> Resultaat<Option<Medewerker>> {
        match self.instelling(MIJN_MEDEWERKER)? {
            Some(id) if !id.is_empty() => Ok(alle(&self.conn)?.into_iter().find(|m| m.id == id)),
            _ => Ok(None),
        }
    }

    /// Make medewerker `m` this device's user: the local name and role settings follow it,
    /// and a medewerker not yet linked to a device is linked to this one (so colleagues'
    /// bundles scope a trajectbegeleider's cases to this device).
    pub fn mij_instellen(&mut self, m: &str) -> Resultaat<Medewerker> {
        let mut mw = zoek(&self.conn, m)?;
        if mw.apparaat.is_none() && !self.apparaat.is_empty() {
            let apparaat = self.apparaat.clone();
            let mut w = self.schrijver()?;
            w.wijzig(&s::MEDEWERKER, &mw.id, &[("apparaat", tekst(&apparaat))])?;
            w.commit()?;
            mw.apparaat = Some(apparaat);
        }
        self.conn.execute(
            "INSERT INTO instelling(sleutel, waarde) VALUES (?1, ?2)
             ON CONFLICT(sleutel) DO UPDATE SET waarde = excluded.waarde",
            (MIJN_MEDEWERKER, &mw.id),
        )?;
        self.zet_instelling(instelling::ROL, mw.rol.code())?;
        self.zet_instelling(instelling::GEBRUIKER, &mw.naam)?;
        Ok(mw)
    }

    /// Assign (or clear) the procesregisseur, trajectbegeleider and casusregisseur of a
    /// casus in one change. Returns the number of fields that changed.
    pub fn casus_toewijzen(&mut self, nummer: &str, t: &Toewijzing) -> Resultaat<usize> {
        let id = super::casus::casus_id(&self.conn, nummer)?;
        let mut velden: Vec<(&str, Value)> = Vec::new();
        for (veld, keuze) in [
            ("procesregisseur_id", &t.procesregisseur),
            ("trajectbegeleider_id", &t.trajectbegeleider),
            ("casusregisseur_id", &t.casusregisseur),
        ] {
            match keuze {
                None => {}
                Some(None) => velden.push((veld, Value::Null)),
                Some(Some(m)) if m.trim().is_empty() => velden.push((veld, Value::Null)),
                Some(Some(m)) => velden.push((veld, tekst(zoek(&self.conn, m)?.id))),
            }
        }
        let mut w = self.schrijver()?;
        let n = w.wijzig(&s::CASUS, &id, &velden)?;
        w.commit()?;
        Ok(n)
    }

    /// What colleague `c` may receive and is waited for: `None` = every casus; `Some(ids)` =
    /// only these cases. A trajectbegeleider gets the cases assigned to the medewerker
    /// linked to their device, and none (never everything) when no medewerker is linked.
    /// A colleague counts as a trajectbegeleider when their card says so *or* the
    /// medewerker linked to their device has that role, so a card with another role text
    /// cannot widen the scope. Export and compaction both use this one rule.
    pub fn recht_van_collega(&self, c: &super::team::Collega) -> Resultaat<Option<std::collections::BTreeSet<String>>> {
        let gekoppeld_tb: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM medewerker WHERE apparaat = ?1 AND rol = ?2 AND gearchiveerd = 0)",
            (&c.apparaat, MedewerkerRol::Trajectbegeleider.code()),
            |r| r.get(0),
        )?;
        if !(gekoppeld_tb || c.rol.trim().eq_ignore_ascii_case("trajectbegeleider")) {
            return Ok(None);
        }
        Ok(Some(self.casussen_van_apparaat(&c.apparaat)?.unwrap_or_default()))
    }

    /// Scope keys of the colleague on device `apparaat` (need-to-know): the casus ids whose
    /// trajectbegeleider is the medewerker linked to that device, and the ids of the
    /// detentiemeldingen that medewerker is behandelaar of; `None` when no medewerker is linked.
    pub fn casussen_van_apparaat(&self, apparaat: &str) -> Resultaat<Option<std::collections::BTreeSet<String>>> {
        let ids: Vec<String> = {
            let mut stmt = self.conn.prepare_cached("SELECT id FROM medewerker WHERE apparaat = ?1")?;
            stmt.query_map([apparaat], |r| r.get(0))?.collect::<Result<_, _>>()?
        };
        if ids.is_empty() {
            return Ok(None);
        }
        let mut uit = std::collections::BTreeSet::new();
        let mut stmt = self.conn.prepare_cached("SELECT id FROM casus WHERE trajectbegeleider_id = ?1")?;
        for m in &ids {
            for c in stmt.query_map([m], |r| r.get::<_, String>(0))? {
                uit.insert(c?);
            }
        }
        // A detentiemelding is its own scope, keyed by its id: the behandelaar's device
        // receives it (issue 22), nobody else's trajectbegeleider device does.
        uit.extend(self.meldingen_van_medewerkers(&ids)?);
        // A PI-bezoek likewise (issue 22 point 3): its own scope, to its behandelaar.
        uit.extend(self.bezoeken_van_medewerkers(&ids)?);
        Ok(Some(uit))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{DbSleutel, Gegevensmap, Store, maak_prive_map, schema_versie_app, verbind};
    use crate::domain::MedewerkerRol;
    use rusqlite_migration::Migrations;

    /// A schema-6 database (as made before medewerkers existed) on device `apparaat` with
    /// the same free-text names as any other made by this function, upgraded by opening.
    fn upgrade_van_schema_6(dir: &std::path::Path, apparaat: &str, gebruiker: &str) -> Store {
        let map = Gegevensmap::new(dir.join(apparaat));
        maak_prive_map(map.pad()).unwrap();
        let sleutel = DbSleutel::van_bytes([7; 32]);
        {
            let mut conn = verbind(&map.db_pad(), Some(&sleutel), true).unwrap();
            Migrations::new(super::super::migraties_tot(6)).to_latest(&mut conn).unwrap();
            conn.execute(
                "INSERT INTO instelling(sleutel, waarde) VALUES ('apparaat', ?1), ('gebruiker', ?2), ('rol', 'trajectbegeleider')",
                (apparaat, gebruiker),
            )
            .unwrap();
            // The same cases (as received by sync) with slightly different spellings.
            conn.execute_batch(
                "INSERT INTO casus(id, nummer, jaar, volgnummer, werknaam, procesregisseur, trajectbegeleider, datum_aanmelding)
                 VALUES ('c1', '2025-0001', 2025, 1, 'Eik', 'Marit Dalhöf', 'Rik Vlierstra', '2025-01-01'),
                        ('c2', '2025-0002', 2025, 2, 'Beuk', ' marit  dalhöf ', '', '2025-01-02'),
                        ('c3', '2025-0003', 2025, 3, 'Olm', '', 'Rik Vlierstra', '2025-01-03');",
            )
            .unwrap();
        }
        let s = Store::open(&map, &sleutel).unwrap();
        assert_eq!(s.schema_versie().unwrap(), schema_versie_app());
        s
    }

    #[test]
    fn twee_replicas_migreren_dezelfde_namen_naar_dezelfde_ids() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = upgrade_van_schema_6(dir.path(), "apparaat-a", "Rik Vlierstra");
        let b = upgrade_van_schema_6(dir.path(), "apparaat-b", "Ilse Linink");
        let regels = |s: &Store| {
            s.casus_lijst(&Default::default())
                .unwrap()
                .into_iter()
                .map(|r| (r.id, r.procesregisseur_id, r.trajectbegeleider_id))
                .collect::<Vec<_>>()
        };
        assert_eq!(regels(&a), regels(&b), "both replicas derive the same ids");
        let r = regels(&a);
        assert_eq!(r[0].1, r[1].1, "one medewerker for both spellings of the same name");
        assert!(r[1].2.is_none() && r[2].1.is_none(), "an empty name stays unassigned");
        let marit = a.medewerker_zoek("Marit Dalhof").unwrap();
        assert_eq!(marit.rol, MedewerkerRol::Procesregisseur);
        assert_eq!(b.medewerker_zoek(&marit.id).unwrap().naam, "Marit Dalhöf");
        // The local user became the device's own medewerker; "mine" works right away.
        let mij = a.mijn_medewerker().unwrap().unwrap();
        assert_eq!((mij.naam.as_str(), mij.rol), ("Rik Vlierstra", MedewerkerRol::Trajectbegeleider));
        assert_eq!(a.casussen_van_trajectbegeleider(&mij.id).unwrap().len(), 2);
        assert_eq!(b.mijn_medewerker().unwrap().unwrap().naam, "Ilse Linink");
        // Search indexes the medewerker names; the change log carries the new values;
        // the audit chain stays intact.
        assert_eq!(a.zoek("Vlierstra", 10).unwrap().len(), 2);
        let ops: i64 = a
            .conn
            .query_row(
                "SELECT count(*) FROM wijziging WHERE tabel = 'casus' AND veld = 'procesregisseur_id'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(ops, 2);
        assert!(a.audit_verify().unwrap().in_orde());
        // A rename is found under the new name, not the old one.
        let w = super::MedewerkerWijziging { naam: Some("Marit ten Dalhof".into()), ..Default::default() };
        a.medewerker_wijzig(&marit.id, &w).unwrap();
        assert_eq!(a.zoek("ten", 10).unwrap().len(), 2);
        assert_eq!(a.casus_regel("2025-0002").unwrap().procesregisseur, "Marit ten Dalhof");
    }

    #[test]
    fn zoeken_op_id_begin_en_naam_met_nederlandse_fouten() {
        let (_d, mut s) = super::super::testhulp::nieuwe_store();
        let a = s.medewerker_toevoegen("Jörn de Wit", MedewerkerRol::Procesregisseur, None).unwrap();
        s.medewerker_toevoegen("Jorn de Wit", MedewerkerRol::Trajectbegeleider, None).unwrap();
        assert_eq!(s.medewerker_zoek(&a[..8]).unwrap().id, a);
        let fout = s.medewerker_zoek("jorn de wit").unwrap_err();
        assert_eq!(
            crate::melding::store(&fout),
            "'jorn de wit' past op 2 medewerkers; geef het id (of de eerste 8 tekens ervan)."
        );
        let fout = s.medewerker_zoek("Niemand Bekend").unwrap_err();
        assert_eq!(crate::melding::store(&fout), "Medewerker 'Niemand Bekend' bestaat niet (of is verwijderd).");
        // Archived namesakes give way to the active one.
        let w = super::MedewerkerWijziging { gearchiveerd: Some(true), ..Default::default() };
        s.medewerker_wijzig(&a, &w).unwrap();
        assert_eq!(s.medewerker_zoek("Jorn de Wit").unwrap().rol, MedewerkerRol::Trajectbegeleider);
    }
}

//! Every display or export of personal data leaves an audit entry: what, by whom, when and
//! for which casus — never the value. Also the record of which colleague received which
//! casus in a bundle, so an inzageverzoek can say who received the person's data.

use super::{Resultaat, Store};

/// What left the screen or the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Uitvoer {
    /// Agenda PDF of a meeting (initials only).
    Agenda,
    /// Verslag PDF of a meeting (full names of every person on the agenda).
    Verslag,
    /// Plan van aanpak PDF.
    Plan,
    /// Casusoverzicht PDF.
    Overzicht,
    /// Answer to an inzageverzoek (PDF and JSON).
    Inzage,
    /// Search results shown (names and fragments).
    Zoekresultaat,
    /// A backup: a copy of everything.
    Backup,
    /// The partners' contact list (CSV or vCard).
    Contactlijst,
    /// A sync bundle to colleagues.
    Bundel,
    /// This device's age identity exported (opens bundles addressed to it).
    Identiteit,
    /// The raw database key exported (opens the database).
    Databasesleutel,
    /// The herstelsleutel made or used.
    Herstelsleutel,
}

impl Uitvoer {
    /// Every kind of output.
    pub const ALLE: [Uitvoer; 12] = [
        Uitvoer::Agenda,
        Uitvoer::Verslag,
        Uitvoer::Plan,
        Uitvoer::Overzicht,
        Uitvoer::Inzage,
        Uitvoer::Zoekresultaat,
        Uitvoer::Backup,
        Uitvoer::Contactlijst,
        Uitvoer::Bundel,
        Uitvoer::Identiteit,
        Uitvoer::Databasesleutel,
        Uitvoer::Herstelsleutel,
    ];

    /// The audit entry's `tabel` value.
    pub fn tabel(self) -> &'static str {
        match self {
            Uitvoer::Agenda => "pdf_agenda",
            Uitvoer::Verslag => "pdf_verslag",
            Uitvoer::Plan => "pdf_plan",
            Uitvoer::Overzicht => "pdf_overzicht",
            Uitvoer::Inzage => "inzage",
            Uitvoer::Zoekresultaat => "zoekresultaat",
            Uitvoer::Backup => "backup",
            Uitvoer::Contactlijst => "contactlijst",
            Uitvoer::Bundel => "bundel",
            Uitvoer::Identiteit => "sleutel_identiteit",
            Uitvoer::Databasesleutel => "sleutel_database",
            Uitvoer::Herstelsleutel => "sleutel_herstel",
        }
    }

    /// Displayed rather than written (audit `inzien` instead of `exporteren`).
    fn is_weergave(self) -> bool {
        matches!(self, Uitvoer::Zoekresultaat)
    }

    /// Dutch label of an audit `tabel` value written by [`Store::registreer_uitvoer`].
    pub fn label_van(tabel: &str) -> &str {
        match tabel {
            "pdf_agenda" => "PDF agenda",
            "pdf_verslag" => "PDF verslag",
            "pdf_plan" => "PDF plan van aanpak",
            "pdf_overzicht" => "PDF casusoverzicht",
            "inzage" => "inzageverzoek",
            "zoekresultaat" => "zoekresultaat",
            "backup" => "back-up",
            "contactlijst" => "contactlijst",
            "bundel" => "bundel",
            "sleutel_identiteit" => "apparaatidentiteit geëxporteerd",
            "sleutel_database" => "databasesleutel geëxporteerd",
            "sleutel_herstel" => "herstelsleutel",
            other => other,
        }
    }
}

impl Store {
    /// Record that personal data was displayed or exported: one audit entry per casus
    /// involved (by casusnummer; unknown numbers are skipped), or one without casus when
    /// none is (backup, contact list). `wat` names the object (meeting id, casusnummer,
    /// bundle id), never a value.
    pub fn registreer_uitvoer(&self, soort: Uitvoer, wat: &str, casusnummers: &[&str]) -> Resultaat<()> {
        let mut ids = Vec::new();
        for n in casusnummers {
            if let Ok(id) = super::casus::casus_id(&self.conn, n)
                && !ids.contains(&id)
            {
                ids.push(id);
            }
        }
        let mut w = self.schrijver()?;
        let mut schrijf = |casus: Option<&str>| {
            if soort.is_weergave() {
                w.inzien_tabel(soort.tabel(), wat, casus)
            } else {
                w.exporteren(soort.tabel(), wat, casus)
            }
        };
        if ids.is_empty() {
            schrijf(None)?;
        } else {
            for id in &ids {
                schrijf(Some(id.as_str()))?;
            }
        }
        w.commit()
    }

    /// Record the recipients of a bundle this device wrote: per casus in it and per
    /// colleague, for the inzageverzoek ("who received"), plus one audit entry per casus.
    /// `ontvangers` are (device id, name); `casus_ids` the casussen whose data it carried.
    pub fn bundel_verzending_registreer(
        &self,
        bundel: &str,
        ontvangers: &[(String, String)],
        casus_ids: &[String],
    ) -> Resultaat<()> {
        let mut w = self.schrijver()?;
        let nu = w.tijdstip().to_string();
        for casus in casus_ids {
            for (apparaat, naam) in ontvangers {
                w.conn()
                    .prepare_cached(
                        "INSERT OR IGNORE INTO bundel_verzending(bundel, ontvanger, ontvanger_naam, casus_id, verzonden_op)
                         VALUES (?1, ?2, ?3, ?4, ?5)",
                    )?
                    .execute((bundel, apparaat, naam, casus, &nu))?;
            }
            w.exporteren(Uitvoer::Bundel.tabel(), bundel, Some(casus))?;
        }
        if casus_ids.is_empty() {
            w.exporteren(Uitvoer::Bundel.tabel(), bundel, None)?;
        }
        w.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::Uitvoer;

    /// The Historie tab and `casus show` describe every export in words, never by the
    /// audit log's internal `tabel` value ("bundel: exporteren" before).
    #[test]
    fn elke_uitvoer_heeft_een_zin_in_de_historie() {
        for u in Uitvoer::ALLE {
            let handeling = if u.is_weergave() { "inzien" } else { "exporteren" };
            let zin = crate::domain::velden::audit_omschrijving(handeling, u.tabel(), None);
            let woorden: Vec<&str> = zin.split(|c: char| !c.is_alphanumeric() && c != '_').collect();
            assert!(!woorden.contains(&u.tabel()) && !zin.contains(':'), "{u:?} reads {zin:?}");
        }
    }
}

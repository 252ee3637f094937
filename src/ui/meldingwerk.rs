//! The root app's side of the Meldingen screen: it turns the screen's events into store
//! work off the event loop (`Hoofd::lees` / `Hoofd::schrijf`) and hands the answers back.
//! Kept apart from `ui/mod.rs` so that file only routes.

use super::screen::meldingen::{self, Event, Gegevens, Opdracht};
use super::widgets::Keuze;
use super::{Hoofd, Message};
use crate::store::{Resultaat, Store};
use iced::Task;

/// The list and the choices of the screen's forms.
fn lees_gegevens(s: &Store) -> Resultaat<Gegevens> {
    let medewerkers = s
        .medewerkers()?
        .into_iter()
        .filter(|m| !m.gearchiveerd)
        .map(|m| Keuze::new(&m.id, format!("{} ({})", m.naam, m.rol.label().to_lowercase())))
        .collect();
    let gemeenten = s.gemeenten()?.into_iter().filter(|g| g.actief).map(|g| Keuze::new(&g.id, &g.naam)).collect();
    let mut contacten = Vec::new();
    for p in s.partners()? {
        for c in s.contacten(&p.id)? {
            contacten.push(Keuze::new(&c.id, format!("{} ({})", c.naam, p.naam)));
        }
    }
    Ok(Gegevens { meldingen: s.meldingen(None)?, medewerkers, gemeenten, contacten })
}

/// Run one change; then read the list and the melding again. The sentence confirms it.
fn voer_uit(s: &mut Store, o: Opdracht) -> Resultaat<Box<meldingen::Opgeslagen>> {
    let (id, zin) = match o {
        Opdracht::Nieuw(n) => {
            let naam = n.naam.trim().to_string();
            (Some(s.melding_toevoegen(n)?), format!("Detentiemelding van {naam} vastgelegd."))
        }
        Opdracht::Verrijk(id, bron, antwoord) => {
            let status = s.melding_verrijk(&id, bron, antwoord.as_deref())?;
            let wat = if antwoord.is_some() { "Antwoord van" } else { "Vraag aan" };
            (Some(id), format!("{wat} {} vastgelegd; de melding is {}.", bron.label(), status.label().to_lowercase()))
        }
        Opdracht::Triage(id, route, reden) => {
            s.melding_triage(&id, route, &reden)?;
            (Some(id), format!("Melding getrieerd: route {}.", route.label()))
        }
        Opdracht::Overdragen(id, contact, warm) => {
            s.melding_overdragen(&id, &contact, warm)?;
            let wijze = if warm { "warm overgedragen" } else { "overgedragen" };
            (Some(id), format!("Melding {wijze}."))
        }
        Opdracht::Omzetten(id, werknaam) => {
            let nummer = s.melding_omzetten(&id, Some(&werknaam))?;
            (Some(id), format!("Melding omgezet naar casus {nummer}."))
        }
        Opdracht::Aanbod(id, gebied, status) => {
            s.melding_aanbod(&id, gebied, status, None, "")?;
            (Some(id), format!("Aanbod {}: {}.", gebied.label(), status.label().to_lowercase()))
        }
        Opdracht::Wijzig(id, w, reden) => {
            let n = s.melding_wijzig(&id, &w, &reden)?;
            let zin = if n == 0 {
                "De melding is ongewijzigd.".to_string()
            } else {
                format!("Opgeslagen: {} gecorrigeerd.", crate::domain::aantal(n, "veld", "velden"))
            };
            (Some(id), zin)
        }
        Opdracht::Verwijder(id, reden) => {
            s.melding_verwijder(&id, &reden)?;
            (None, "Melding verwijderd.".to_string())
        }
        Opdracht::NotitieWijzig(id, notitie, tekst) => {
            let zin = if s.melding_notitie_wijzig(&notitie, &tekst)? == 0 {
                "De notitie is ongewijzigd."
            } else {
                "Opgeslagen: de notitie is gecorrigeerd."
            };
            (Some(id), zin.to_string())
        }
        Opdracht::NotitieVerwijder(id, notitie, reden) => {
            s.melding_notitie_verwijder(&notitie, &reden)?;
            (Some(id), "De notitie is verwijderd; de reden staat in de historie.".to_string())
        }
    };
    let d = match id {
        Some(id) => Some(s.melding_verversen(&id)?),
        None => None,
    };
    Ok(Box::new((lees_gegevens(s)?, d, zin)))
}

impl Hoofd {
    /// Read the list and choices of the Meldingen screen.
    pub(super) fn ververs_meldingen(&self) -> Task<Message> {
        self.lees(lees_gegevens, |r| Message::Meldingen(meldingen::Message::Geladen(r)))
    }

    /// The store work an event of the Meldingen screen asks for.
    pub(super) fn meldingen_event(&mut self, e: Event) -> Task<Message> {
        match e {
            Event::Open(id) => self.schrijf(
                move |s| s.melding_detail(&id).map(Box::new),
                |r| Message::Meldingen(meldingen::Message::DetailGeladen(r)),
            ),
            Event::Opslaan(o) => {
                self.schrijf(move |s| voer_uit(s, o), |r| Message::Meldingen(meldingen::Message::Opgeslagen(r)))
            }
            Event::OpenCasus(n) => Task::done(Message::OpenCasus(n)),
        }
    }
}

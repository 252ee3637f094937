//! The root app's side of the Bezoekdag screen: it turns the screen's events into store
//! work off the event loop (`Hoofd::lees` / `Hoofd::schrijf`), shows the save dialog of
//! the bezoeklijst and writes the PDF off the event loop. Kept apart from `ui/mod.rs` so
//! that file only routes.

use super::screen::bezoekdag::{self, Event, Gegevens, Opdracht};
use super::widgets::Keuze;
use super::{Hoofd, Message};
use crate::store::{Resultaat, Store, StoreFout};
use iced::Task;

/// The list and the choices of the screen.
fn lees_gegevens(s: &Store) -> Resultaat<Gegevens> {
    let medewerkers = s
        .medewerkers()?
        .into_iter()
        .filter(|m| !m.gearchiveerd)
        .map(|m| Keuze::new(&m.id, format!("{} ({})", m.naam, m.rol.label().to_lowercase())))
        .collect();
    Ok(Gegevens {
        bezoeken: s.bezoeken()?,
        inrichtingen: s.inrichtingen()?,
        medewerkers,
        mij: s.mijn_medewerker()?.map(|m| m.id),
    })
}

/// Bezoek `id` (audited) with the candidates of its institution.
fn lees_bezoek(s: &mut Store, id: &str) -> Resultaat<(crate::store::BezoekDetail, Vec<crate::store::Kandidaat>)> {
    let d = s.bezoek_detail(id)?;
    let k = s.bezoek_kandidaten(&d.inrichting)?;
    Ok((d, k))
}

/// Run one change; then read the list and the bezoek again. The sentence confirms it.
fn voer_uit(s: &mut Store, o: Opdracht) -> Resultaat<Box<bezoekdag::Opgeslagen>> {
    let (id, zin) = match o {
        Opdracht::Nieuw(n) => {
            let aantal = n.personen.len();
            let id = s.bezoek_nieuw(n)?;
            (Some(id), format!("Bezoek opgeslagen met {}.", crate::domain::aantal(aantal, "persoon", "personen")))
        }
        Opdracht::Wijzig(id, datum, behandelaar) => {
            let n = s.bezoek_wijzig(&id, datum, behandelaar.as_deref())?;
            let zin = if n == 0 { "Het bezoek is ongewijzigd." } else { "Bezoek gewijzigd." };
            (Some(id), zin.to_string())
        }
        Opdracht::PersoonErbij(id, p) => {
            s.bezoek_persoon_toevoegen(&id, &p)?;
            (Some(id), "Op de bezoeklijst gezet.".to_string())
        }
        Opdracht::PersoonEraf(id, p) => {
            s.bezoek_persoon_verwijder(&id, &p)?;
            (Some(id), "Van de bezoeklijst gehaald.".to_string())
        }
        Opdracht::Verwijder(id) => {
            s.bezoek_verwijder(&id)?;
            (None, "Bezoek verwijderd.".to_string())
        }
        Opdracht::Verslagen(id, lijst) => {
            let n = s.bezoek_verslagen(&id, &lijst)?;
            (Some(id), format!("{} opgeslagen.", crate::domain::aantal(n, "verslag", "verslagen")))
        }
    };
    let d = match id {
        Some(id) => Some(lees_bezoek(s, &id)?),
        None => None,
    };
    Ok(Box::new((lees_gegevens(s)?, d, zin)))
}

/// Make the bezoeklijst of bezoek `id` and write it to `pad`: the sentence for the banner.
fn maak_pdf(s: &mut Store, id: &str, pad: &std::path::Path) -> Resultaat<String> {
    let r = crate::report::bezoeklijst(s, id).map_err(|e| match e {
        crate::report::RapportFout::Store(f) => f,
        ander => StoreFout::Io(std::io::Error::other(ander.to_string())),
    })?;
    crate::store::bestand::schrijf(pad, &r.pdf, crate::store::bestand::Overschrijven::Ja)?;
    Ok(format!(
        "{} opgeslagen in {} ({}).",
        r.titel,
        pad.display(),
        crate::domain::aantal(r.paginas, "pagina", "pagina's")
    ))
}

fn bericht(m: bezoekdag::Message) -> Message {
    Message::Bezoekdag(m)
}

impl Hoofd {
    /// Read the list and choices of the Bezoekdag screen.
    pub(super) fn ververs_bezoekdag(&self) -> Task<Message> {
        self.lees(lees_gegevens, |r| bericht(bezoekdag::Message::Geladen(r)))
    }

    /// The store work an event of the Bezoekdag screen asks for.
    pub(super) fn bezoekdag_event(&mut self, e: Event) -> Task<Message> {
        match e {
            Event::Laden => self.ververs_bezoekdag(),
            Event::Kandidaten(i) => {
                self.lees(move |s| s.bezoek_kandidaten(&i), |r| bericht(bezoekdag::Message::KandidatenGeladen(r)))
            }
            Event::Open(id) => self
                .schrijf(move |s| lees_bezoek(s, &id).map(Box::new), |r| bericht(bezoekdag::Message::DetailGeladen(r))),
            Event::Opslaan(o) => self.schrijf(move |s| voer_uit(s, o), |r| bericht(bezoekdag::Message::Opgeslagen(r))),
            Event::PdfKiezen(id) => {
                let naam = format!("bezoeklijst-{}.pdf", &id[..8.min(id.len())]);
                Task::perform(
                    async move {
                        rfd::AsyncFileDialog::new()
                            .set_title("Bezoeklijst opslaan")
                            .set_file_name(&naam)
                            .add_filter("PDF", &["pdf"])
                            .save_file()
                            .await
                            .map(|h| h.path().to_path_buf())
                    },
                    |pad| bericht(bezoekdag::Message::PdfPadGekozen(pad)),
                )
            }
            Event::PdfMaken(id, pad) => {
                self.schrijf(move |s| maak_pdf(s, &id, &pad), |r| bericht(bezoekdag::Message::PdfGemaakt(r)))
            }
        }
    }
}

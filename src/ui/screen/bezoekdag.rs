//! Bezoekdag: a trajectbegeleider plans a day in one penitentiary institution (issue 22
//! point 3). Choose the institution and a date, tick the persons detained there
//! (meldingen and betrokkenen of casussen), save the bezoek, print the bezoeklijst as a
//! PDF for the gate, and after the visit enter one report per person in one go.
//!
//! The screen never touches the store: it asks the root app with an [`Event`] and gets the
//! answers back as messages (`Geladen`, `KandidatenGeladen`, `DetailGeladen`,
//! `Opgeslagen`, `PdfGemaakt`).

use crate::domain::{BezoekPersoon, nl_datum};
use crate::store::{BezoekDetail, BezoekRegel, Kandidaat, NieuwBezoek};
use crate::ui::theme::{self, Knop, Vlak};
use crate::ui::widgets::{self, Keuze, banner, datum, invoer, kies, veld};
use iced::widget::{button, checkbox, column, container, row, scrollable, space, text};
use iced::{Element, Fill, Task};
use std::path::PathBuf;

/// What the root app reads for this screen.
#[derive(Debug, Clone, Default)]
pub struct Gegevens {
    /// Every bezoek, newest date first.
    pub bezoeken: Vec<BezoekRegel>,
    /// Institutions known from meldingen, detentions and bezoeken.
    pub inrichtingen: Vec<String>,
    /// Active medewerkers (trajectbegeleider of the visit).
    pub medewerkers: Vec<Keuze>,
    /// The medewerker of this device (the default trajectbegeleider).
    pub mij: Option<String>,
}

/// What a saved change brings back: the list, the bezoek (`None` when removed) with its
/// candidates, and the sentence that confirms it.
pub type Opgeslagen = (Gegevens, Option<(BezoekDetail, Vec<Kandidaat>)>, String);

/// A change the user asked for; the root app runs it on the store.
#[derive(Debug, Clone)]
pub enum Opdracht {
    /// Plan a bezoek.
    Nieuw(NieuwBezoek),
    /// Another date and/or trajectbegeleider for bezoek `id`.
    Wijzig(String, Option<chrono::NaiveDate>, Option<String>),
    /// Put a person on the list of bezoek `id`.
    PersoonErbij(String, BezoekPersoon),
    /// Take a person off the list of bezoek `id`.
    PersoonEraf(String, BezoekPersoon),
    /// Remove bezoek `id`.
    Verwijder(String),
    /// Store the reports of bezoek `id`, one per non-empty text.
    Verslagen(String, Vec<(BezoekPersoon, String)>),
}

/// Messages of the bezoekdag screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// The list and choices were read (or not).
    Geladen(Result<Gegevens, String>),
    /// Start planning a new bezoekdag.
    Nieuw,
    /// Open a bezoek from the list (its id).
    Open(String),
    /// The opened bezoek and its candidates were read (or not).
    DetailGeladen(Result<Box<(BezoekDetail, Vec<Kandidaat>)>, String>),
    /// The institution was chosen.
    Inrichting(String),
    /// The candidates of the chosen institution were read (or not).
    KandidatenGeladen(Result<Vec<Kandidaat>, String>),
    /// The date field changed.
    Datum(String),
    /// The trajectbegeleider was chosen.
    Behandelaar(Keuze),
    /// A person was ticked or unticked.
    Persoon(BezoekPersoon, bool),
    /// Save the new bezoek, or the changed date and trajectbegeleider of the open one.
    Opslaan,
    /// Remove the open bezoek.
    Verwijder,
    /// Ask where to save the bezoeklijst PDF.
    Pdf,
    /// The save dialog closed (`None`: cancelled).
    PdfPadGekozen(Option<PathBuf>),
    /// The PDF was written (the sentence) or not.
    PdfGemaakt(Result<String, String>),
    /// Show the report fields, one per person.
    VerslagenInvoeren,
    /// A report text changed (index in the list of the open bezoek).
    Verslag(usize, String),
    /// Store the reports.
    VerslagenOpslaan,
    /// A change came back.
    Opgeslagen(Result<Box<Opgeslagen>, String>),
    /// Close the banner.
    SluitMelding,
}

/// What the root app must do.
#[derive(Debug, Clone)]
pub enum Event {
    /// Read the list and the choices.
    Laden,
    /// Read the candidates detained in this institution.
    Kandidaten(String),
    /// Read bezoek `id` (audited) with the candidates of its institution.
    Open(String),
    /// Run this change, then read the list and the bezoek again.
    Opslaan(Opdracht),
    /// Show the save dialog for the bezoeklijst of bezoek `id`.
    PdfKiezen(String),
    /// Write the bezoeklijst of bezoek `id` to this file.
    PdfMaken(String, PathBuf),
}

/// State of the bezoekdag screen.
#[derive(Debug, Clone, Default)]
pub struct State {
    gegevens: Gegevens,
    inrichting: Option<String>,
    datum: String,
    behandelaar: Option<Keuze>,
    kandidaten: Vec<Kandidaat>,
    gekozen: Vec<BezoekPersoon>,
    open: Option<BezoekDetail>,
    verslagen: Option<Vec<String>>,
    /// The reports are being saved: their fields close when that succeeds.
    verslagen_onderweg: bool,
    bezig: bool,
    fout: Option<String>,
    melding: Option<String>,
}

fn vandaag() -> String {
    chrono::Local::now().date_naive().format("%d-%m-%Y").to_string()
}

impl State {
    /// An empty screen dated today (the root app reads the lists when the page opens).
    pub fn new() -> State {
        State { datum: vandaag(), ..State::default() }
    }

    /// Show an error sentence.
    pub fn toon_fout(&mut self, f: String) {
        self.fout = Some(f);
        self.melding = None;
    }

    fn toon_melding(&mut self, m: String) {
        self.melding = Some(m);
        self.fout = None;
    }

    fn opslaan(&mut self, o: Opdracht) -> Option<Event> {
        if self.bezig {
            return None;
        }
        self.bezig = true;
        self.fout = None;
        Some(Event::Opslaan(o))
    }

    fn zet_open(&mut self, d: Option<(BezoekDetail, Vec<Kandidaat>)>) {
        match d {
            Some((d, kandidaten)) => {
                self.inrichting = Some(d.inrichting.clone());
                self.datum = nl_datum(&d.datum);
                self.behandelaar = d
                    .behandelaar_id
                    .as_ref()
                    .and_then(|b| self.gegevens.medewerkers.iter().find(|k| &k.id == b).cloned());
                self.gekozen = d.personen.iter().map(|p| p.kandidaat.persoon.clone()).collect();
                // A person on the list who is no longer a candidate (released) stays visible.
                let mut k = kandidaten;
                for p in &d.personen {
                    if !k.iter().any(|c| c.persoon == p.kandidaat.persoon) {
                        k.push(p.kandidaat.clone());
                    }
                }
                self.kandidaten = k;
                if self.verslagen.as_ref().is_some_and(|v| v.len() != d.personen.len()) {
                    self.verslagen = None;
                }
                self.open = Some(d);
            }
            None => {
                self.open = None;
                self.verslagen = None;
                self.gekozen.clear();
            }
        }
    }

    fn standaard_behandelaar(&self) -> Option<Keuze> {
        self.gegevens.mij.as_ref().and_then(|m| self.gegevens.medewerkers.iter().find(|k| &k.id == m)).cloned()
    }

    /// Handle a message.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        let mut event = None;
        match message {
            Message::Geladen(Ok(g)) => {
                self.gegevens = g;
                if self.behandelaar.is_none() {
                    self.behandelaar = self.standaard_behandelaar();
                }
            }
            Message::Geladen(Err(e)) | Message::DetailGeladen(Err(e)) | Message::KandidatenGeladen(Err(e)) => {
                self.toon_fout(e)
            }
            Message::Nieuw => {
                self.zet_open(None);
                self.inrichting = None;
                self.kandidaten.clear();
                self.datum = vandaag();
                self.behandelaar = self.standaard_behandelaar();
                self.fout = None;
                self.melding = None;
            }
            Message::Open(id) => event = Some(Event::Open(id)),
            Message::DetailGeladen(Ok(d)) => {
                self.fout = None;
                self.zet_open(Some(*d));
            }
            Message::Inrichting(i) => {
                if self.open.is_some() {
                    // The institution of a saved bezoek stays: plan a new one for another.
                    return (Task::none(), None);
                }
                self.gekozen.clear();
                self.inrichting = Some(i.clone());
                event = Some(Event::Kandidaten(i));
            }
            Message::KandidatenGeladen(Ok(k)) => self.kandidaten = k,
            Message::Datum(d) => self.datum = d,
            Message::Behandelaar(b) => self.behandelaar = Some(b),
            Message::Persoon(p, aan) => match &self.open {
                Some(d) => {
                    let id = d.id.clone();
                    event =
                        self.opslaan(if aan { Opdracht::PersoonErbij(id, p) } else { Opdracht::PersoonEraf(id, p) });
                }
                None => {
                    self.gekozen.retain(|q| *q != p);
                    if aan {
                        self.gekozen.push(p);
                    }
                }
            },
            Message::Opslaan => match datum(&self.datum) {
                Err(e) => self.toon_fout(e),
                Ok(d) => match &self.open {
                    Some(b) => {
                        let behandelaar = self
                            .behandelaar
                            .as_ref()
                            .filter(|k| Some(&k.id) != b.behandelaar_id.as_ref())
                            .map(|k| k.id.clone());
                        event = self.opslaan(Opdracht::Wijzig(b.id.clone(), d, behandelaar));
                    }
                    None => {
                        let n = NieuwBezoek {
                            inrichting: self.inrichting.clone().unwrap_or_default(),
                            datum: d,
                            behandelaar: self.behandelaar.as_ref().map(|k| k.id.clone()),
                            personen: self.gekozen.clone(),
                        };
                        event = self.opslaan(Opdracht::Nieuw(n));
                    }
                },
            },
            Message::Verwijder => {
                if let Some(d) = &self.open {
                    let id = d.id.clone();
                    event = self.opslaan(Opdracht::Verwijder(id));
                }
            }
            Message::Pdf => match &self.open {
                Some(d) => event = Some(Event::PdfKiezen(d.id.clone())),
                None => self.toon_fout("Sla het bezoek eerst op; daarna maakt u de bezoeklijst.".into()),
            },
            Message::PdfPadGekozen(Some(p)) => {
                if let Some(d) = &self.open {
                    self.bezig = true;
                    event = Some(Event::PdfMaken(d.id.clone(), p));
                }
            }
            Message::PdfPadGekozen(None) => {
                self.toon_melding("Geen bestand gekozen: de bezoeklijst is niet opgeslagen.".into())
            }
            Message::PdfGemaakt(r) => {
                self.bezig = false;
                match r {
                    Ok(m) => self.toon_melding(m),
                    Err(e) => self.toon_fout(e),
                }
            }
            Message::VerslagenInvoeren => {
                if let Some(d) = &self.open {
                    self.verslagen = Some(vec![String::new(); d.personen.len()]);
                }
            }
            Message::Verslag(i, t) => {
                if let Some(v) = self.verslagen.as_mut().and_then(|v| v.get_mut(i)) {
                    *v = t;
                }
            }
            Message::VerslagenOpslaan => {
                if let (Some(d), Some(v)) = (&self.open, &self.verslagen) {
                    let lijst: Vec<(BezoekPersoon, String)> = d
                        .personen
                        .iter()
                        .zip(v)
                        .filter(|(_, t)| !t.trim().is_empty())
                        .map(|(p, t)| (p.kandidaat.persoon.clone(), t.clone()))
                        .collect();
                    let id = d.id.clone();
                    event = self.opslaan(Opdracht::Verslagen(id, lijst));
                    self.verslagen_onderweg = event.is_some();
                }
            }
            Message::Opgeslagen(r) => {
                self.bezig = false;
                let verslagen = std::mem::take(&mut self.verslagen_onderweg);
                match r {
                    Ok(b) => {
                        let (g, d, zin) = *b;
                        self.gegevens = g;
                        self.zet_open(d);
                        if verslagen {
                            self.verslagen = None;
                        }
                        self.toon_melding(zin);
                    }
                    Err(e) => self.toon_fout(e),
                }
            }
            Message::SluitMelding => {
                self.fout = None;
                self.melding = None;
            }
        }
        (Task::none(), event)
    }

    fn lijst(&self) -> Element<'_, Message> {
        let leeg = self.gegevens.bezoeken.is_empty().then_some("Nog geen bezoekdagen gepland.");
        let mut c = widgets::lijstkop("Bezoekdagen", "Nieuwe bezoekdag", Message::Nieuw, leeg);
        for b in &self.gegevens.bezoeken {
            let regel = column![
                text(format!("{} · {}", nl_datum(&b.datum), b.inrichting)).size(14),
                text(format!(
                    "{} · {}",
                    b.behandelaar.as_deref().unwrap_or("onbekend"),
                    crate::domain::aantal(b.personen, "persoon", "personen")
                ))
                .size(12)
                .style(theme::gedempt),
            ]
            .spacing(1);
            let gekozen = self.open.as_ref().is_some_and(|d| d.id == b.id);
            let stijl = if gekozen { Knop::KaartGeselecteerd } else { Knop::Kaart };
            c = c.push(button(regel).on_press(Message::Open(b.id.clone())).width(Fill).style(stijl.stijl()));
        }
        scrollable(c.padding(iced::Padding::new(4.0).right(16))).height(Fill).into()
    }

    fn planning(&self) -> Element<'_, Message> {
        let titel = match &self.open {
            Some(d) => format!("Bezoekdag {} {}", d.inrichting, nl_datum(&d.datum)),
            None => "Nieuwe bezoekdag".to_string(),
        };
        let inrichting: Element<'_, Message> = match &self.open {
            // Fixed once saved; padded to sit on the line of the inputs beside it.
            Some(d) => container(text(&d.inrichting).size(14)).padding([6, 0]).into(),
            None => kies(&self.gegevens.inrichtingen[..], self.inrichting.as_ref(), Message::Inrichting)
                .placeholder("Kies de inrichting")
                .into(),
        };
        let mut c = column![
            text(titel).size(18),
            row![
                veld("Inrichting", inrichting, None),
                veld("Datum", invoer("dd-mm-jjjj", &self.datum, Message::Datum).id("bezoek-datum").width(130), None),
                veld(
                    "Trajectbegeleider",
                    kies(&self.gegevens.medewerkers[..], self.behandelaar.as_ref(), Message::Behandelaar)
                        .placeholder("Kies de trajectbegeleider"),
                    None
                ),
            ]
            .spacing(12),
        ]
        .spacing(10);
        // The checklist of candidates.
        let mut lijst = column![text("Wie bezoekt u?").size(16)].spacing(4);
        match (&self.inrichting, self.kandidaten.is_empty()) {
            (None, _) => {
                lijst = lijst.push(text("Kies eerst de inrichting.").size(13).style(theme::gedempt));
            }
            (Some(i), true) => {
                lijst = lijst.push(text(format!("Niemand met een detentie in {i}.")).size(13).style(theme::gedempt));
            }
            _ => {}
        }
        for k in &self.kandidaten {
            let aan = self.gekozen.contains(&k.persoon);
            let soort = k.casusnummer.as_deref().map(|n| format!("casus {n}")).unwrap_or_else(|| "melding".into());
            let uitstroom = k.verwachte_uitstroom.as_deref().map(nl_datum).unwrap_or_else(|| "onbekend".into());
            let p = k.persoon.clone();
            // The name to tick, what it is and when the person leaves right under it: one
            // line each, also in a narrow window.
            lijst = lijst.push(
                column![
                    checkbox(aan).label(&k.naam).on_toggle(move |a| Message::Persoon(p.clone(), a)),
                    container(text(format!("{soort} · uitstroom {uitstroom}")).size(12).style(theme::gedempt))
                        .padding(iced::Padding::ZERO.left(26)),
                ]
                .spacing(0),
            );
        }
        c = c.push(lijst);
        match &self.open {
            None => {
                c = c.push(
                    button(text("Bezoek opslaan").size(14)).on_press(Message::Opslaan).style(Knop::Primair.stijl()),
                );
            }
            Some(_) => {
                // What the day needs first; correcting and removing on a line of their own,
                // so nothing is cut off in a 1024 px window.
                c = c
                    .push(
                        row![
                            button(text("Bezoeklijst als PDF…").size(13))
                                .on_press(Message::Pdf)
                                .style(Knop::Primair.stijl()),
                            button(text("Verslagen invoeren").size(13))
                                .on_press(Message::VerslagenInvoeren)
                                .style(Knop::Secundair.stijl()),
                        ]
                        .spacing(8),
                    )
                    .push(
                        row![
                            button(text("Wijzigingen opslaan").size(13))
                                .on_press(Message::Opslaan)
                                .style(Knop::Secundair.stijl()),
                            space::horizontal(),
                            button(text("Bezoek verwijderen").size(13))
                                .on_press(Message::Verwijder)
                                .style(Knop::Gevaar.stijl()),
                        ]
                        .spacing(8),
                    );
            }
        }
        if let (Some(d), Some(v)) = (&self.open, &self.verslagen) {
            let mut vs = column![
                text("Verslagen van het bezoek").size(16),
                text(format!(
                    "Eén verslag per persoon; een leeg veld slaat u over. Het verslag komt als PI-bezoek van {} \
                     in het journaal van de casus of bij de melding.",
                    nl_datum(&d.datum)
                ))
                .size(12)
                .style(theme::gedempt),
            ]
            .spacing(6);
            for (i, (p, t)) in d.personen.iter().zip(v).enumerate() {
                vs = vs.push(veld(
                    &p.kandidaat.naam,
                    invoer(&format!("Verslag over {}", p.kandidaat.naam), t, move |s| Message::Verslag(i, s)),
                    None,
                ));
            }
            vs = vs.push(row![
                button(text("Opslaan").size(14)).on_press(Message::VerslagenOpslaan).style(Knop::Primair.stijl())
            ]);
            c = c.push(container(vs).padding(10).style(Vlak::Paneel.stijl()));
        }
        scrollable(c.padding(iced::Padding::new(4.0).right(16))).height(Fill).into()
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let mut c = column![
            row![
                container(self.lijst()).width(320).height(Fill),
                container(self.planning()).padding(12).width(Fill).height(Fill).style(Vlak::Paneel.stijl()),
            ]
            .spacing(16)
            .height(Fill)
        ]
        .spacing(8)
        .padding(16);
        if self.bezig {
            c = c.push(text("Bezig met opslaan…").size(13).style(theme::gedempt));
        }
        if let Some(f) = &self.fout {
            c = c.push(banner(Vlak::Fout, f, Some(Message::SluitMelding)));
        }
        if let Some(m) = &self.melding {
            c = c.push(banner(Vlak::Info, m, Some(Message::SluitMelding)));
        }
        c.into()
    }
}

//! Synchronisatie: the team roster with fingerprints, writing and reading bundle files,
//! what was received from whom, and the open conflicts with a choice per field.

use crate::ui::theme::{self, Knop, Vlak};
use crate::ui::widgets::{banner, dialoog, invoer, veld};
use iced::widget::{button, column, container, row, scrollable, space, text};
use iced::{Element, Fill, Task};

/// One colleague as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollegaRij {
    /// Device id.
    pub apparaat: String,
    /// Name.
    pub naam: String,
    /// Role and organisation.
    pub rol: String,
    /// Trusted, waiting for confirmation, or removed.
    pub status: CollegaStatus,
    /// Fingerprint.
    pub vingerafdruk: String,
}

/// Roster state of a colleague.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CollegaStatus {
    /// Card read, fingerprint not compared yet.
    NietBevestigd,
    /// Trusted.
    Vertrouwd,
    /// Removed.
    Verwijderd,
}

/// Received operations of one device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OntvangstRij {
    /// Colleague name or short device id.
    pub naam: String,
    /// Everything up to here received.
    pub tot: i64,
    /// Missing ranges, as text (empty: none).
    pub gaten: String,
}

/// One open conflict as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictRij {
    /// Casusnummer (or empty for rows outside a case).
    pub casus: String,
    /// What is in conflict, in Dutch ("Werknaam van de casus").
    pub omschrijving: String,
    /// The competing values: text, author, time; the first is in use.
    pub waarden: Vec<(String, String, String)>,
}

/// State of the screen.
#[derive(Debug, Clone, Default)]
pub struct State {
    apparaat: String,
    vingerafdruk: String,
    team: Vec<CollegaRij>,
    ontvangen: Vec<OntvangstRij>,
    conflicten: Vec<ConflictRij>,
    kaartje_uit: String,
    kaartje_in: String,
    bundel_uit: String,
    bundel_in: String,
    melding: Option<(Vlak, String)>,
    vraag: Option<Vraag>,
}

/// A question in a dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Vraag {
    Bevestig(usize),
    Verwijder(usize),
}

/// What the user does.
#[derive(Debug, Clone)]
pub enum Message {
    /// Edit the path for this device's card.
    KaartjeUit(String),
    /// Write this device's card.
    KaartjeSchrijven,
    /// Edit the path of a colleague's card.
    KaartjeIn(String),
    /// Read a colleague's card.
    KaartjeLezen,
    /// Ask to confirm a colleague's fingerprint.
    Bevestig(usize),
    /// Ask to remove a colleague.
    Verwijder(usize),
    /// The dialog's main button.
    Ja,
    /// Close the dialog.
    Annuleer,
    /// Edit the path for a new bundle.
    BundelUit(String),
    /// Write a bundle for the team.
    Exporteer,
    /// Edit the path of a received bundle.
    BundelIn(String),
    /// Read a received bundle.
    Importeer,
    /// Choose value `.1` for conflict `.0`.
    Kies(usize, usize),
    /// Close the message.
    SluitMelding,
}

/// What the screen asks of the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// Write this device's card to a file.
    SchrijfKaartje(String),
    /// Read a colleague's card from a file.
    LeesKaartje(String),
    /// Trust the colleague with this device id.
    Bevestig(String),
    /// Remove the colleague with this device id.
    Verwijder(String),
    /// Write a bundle for every trusted colleague.
    Exporteer(String),
    /// Read a bundle.
    Importeer(String),
    /// Resolve conflict `.0` with value `.1` (indexes into the list shown).
    Kies(usize, usize),
}

impl State {
    /// A screen with the current data; `map` gives default file locations.
    pub fn new(apparaat: String, vingerafdruk: String, map: &std::path::Path) -> State {
        let datum = chrono::Local::now().format("%Y%m%d-%H%M");
        let huis =
            directories::UserDirs::new().map(|u| u.home_dir().to_path_buf()).unwrap_or_else(|| map.to_path_buf());
        State {
            kaartje_uit: huis.join("schakel-visitekaartje.json").display().to_string(),
            bundel_uit: huis.join(format!("schakel-bundel-{datum}.schakel")).display().to_string(),
            apparaat,
            vingerafdruk,
            ..State::default()
        }
    }

    /// Replace the lists after a change.
    pub fn vervang(&mut self, team: Vec<CollegaRij>, ontvangen: Vec<OntvangstRij>, conflicten: Vec<ConflictRij>) {
        self.team = team;
        self.ontvangen = ontvangen;
        self.conflicten = conflicten;
    }

    /// Show a result or error.
    pub fn meld(&mut self, soort: Vlak, tekst: impl Into<String>) {
        self.melding = Some((soort, tekst.into()));
    }

    /// Number of open conflicts.
    pub fn aantal_conflicten(&self) -> usize {
        self.conflicten.len()
    }

    /// Handle a message.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        let event = match message {
            Message::KaartjeUit(p) => {
                self.kaartje_uit = p;
                None
            }
            Message::KaartjeIn(p) => {
                self.kaartje_in = p;
                None
            }
            Message::BundelUit(p) => {
                self.bundel_uit = p;
                None
            }
            Message::BundelIn(p) => {
                self.bundel_in = p;
                None
            }
            Message::KaartjeSchrijven => self.pad(&self.kaartje_uit.clone(), Event::SchrijfKaartje),
            Message::KaartjeLezen => self.pad(&self.kaartje_in.clone(), Event::LeesKaartje),
            Message::Exporteer => self.pad(&self.bundel_uit.clone(), Event::Exporteer),
            Message::Importeer => self.pad(&self.bundel_in.clone(), Event::Importeer),
            Message::Bevestig(i) if i < self.team.len() => {
                self.vraag = Some(Vraag::Bevestig(i));
                None
            }
            Message::Verwijder(i) if i < self.team.len() => {
                self.vraag = Some(Vraag::Verwijder(i));
                None
            }
            Message::Bevestig(_) | Message::Verwijder(_) => None,
            Message::Ja => match self.vraag.take() {
                Some(Vraag::Bevestig(i)) => self.team.get(i).map(|c| Event::Bevestig(c.apparaat.clone())),
                Some(Vraag::Verwijder(i)) => self.team.get(i).map(|c| Event::Verwijder(c.apparaat.clone())),
                None => None,
            },
            Message::Annuleer => {
                self.vraag = None;
                None
            }
            Message::Kies(c, w) => Some(Event::Kies(c, w)),
            Message::SluitMelding => {
                self.melding = None;
                None
            }
        };
        (Task::none(), event)
    }

    fn pad(&mut self, pad: &str, maak: fn(String) -> Event) -> Option<Event> {
        if pad.trim().is_empty() {
            self.meld(Vlak::Fout, "Vul eerst een bestandsnaam in.");
            return None;
        }
        self.melding = None;
        Some(maak(pad.trim().to_string()))
    }

    /// The view.
    pub fn view(&self) -> Element<'_, Message> {
        let mut inhoud = column![text("Synchronisatie").size(22)].spacing(12);
        if let Some((soort, t)) = &self.melding {
            inhoud = inhoud.push(banner(*soort, t, Some(Message::SluitMelding)));
        }

        // This device and its card.
        inhoud = inhoud.push(paneel(
            column![
                text("Dit apparaat").size(17),
                text(format!("Vingerafdruk: {}", self.vingerafdruk)).size(16),
                text(format!("Apparaat-id: {}", self.apparaat)).size(12).style(theme::gedempt),
                veld(
                    "Visitekaartje opslaan als",
                    row![
                        invoer("Bestand", &self.kaartje_uit, Message::KaartjeUit).id("kaartje-uit").width(Fill),
                        button(text("Visitekaartje opslaan"))
                            .on_press(Message::KaartjeSchrijven)
                            .style(Knop::Secundair.stijl()),
                    ]
                    .spacing(8),
                    None
                ),
            ]
            .spacing(6),
        ));

        // The team.
        let mut team = column![text("Team").size(17)].spacing(6);
        if self.team.is_empty() {
            team = team.push(
                text(
                    "Nog geen collega's. Lees het visitekaartje van een collega in en vergelijk samen de vingerafdruk.",
                )
                .size(14)
                .style(theme::gedempt),
            );
        }
        for (i, c) in self.team.iter().enumerate() {
            let (status, kleur) = match c.status {
                CollegaStatus::Vertrouwd => ("Vertrouwd", theme::groen as fn(&iced::Theme) -> text::Style),
                CollegaStatus::NietBevestigd => ("Niet bevestigd", theme::rood as fn(&iced::Theme) -> text::Style),
                CollegaStatus::Verwijderd => ("Verwijderd", theme::gedempt as fn(&iced::Theme) -> text::Style),
            };
            let mut r = row![
                column![
                    text(&c.naam).size(15),
                    text(&c.rol).size(12).style(theme::gedempt),
                    text(format!("Vingerafdruk {}", c.vingerafdruk)).size(12).style(theme::gedempt),
                ]
                .spacing(1)
                .width(Fill),
                text(status).size(13).style(kleur).width(120),
            ]
            .spacing(8)
            .align_y(iced::Center);
            if c.status != CollegaStatus::Vertrouwd {
                r = r.push(
                    button(text(if c.status == CollegaStatus::Verwijderd {
                        "Opnieuw vertrouwen"
                    } else {
                        "Bevestigen"
                    }))
                    .on_press(Message::Bevestig(i))
                    .style(Knop::Primair.stijl()),
                );
            }
            if c.status != CollegaStatus::Verwijderd {
                r = r.push(button(text("Verwijderen")).on_press(Message::Verwijder(i)).style(Knop::Gevaar.stijl()));
            }
            team = team.push(r);
        }
        team = team.push(veld(
            "Visitekaartje van een collega inlezen",
            row![
                invoer("Pad naar het kaartje", &self.kaartje_in, Message::KaartjeIn).id("kaartje-in").width(Fill),
                button(text("Kaartje inlezen")).on_press(Message::KaartjeLezen).style(Knop::Secundair.stijl()),
            ]
            .spacing(8),
            None,
        ));
        inhoud = inhoud.push(paneel(team));

        // Bundles.
        let mut ontvangen = column![].spacing(2);
        for o in &self.ontvangen {
            let gaten = if o.gaten.is_empty() { "volledig".to_string() } else { format!("ontbreekt {}", o.gaten) };
            ontvangen =
                ontvangen.push(text(format!("{}: ontvangen t/m wijziging {} — {gaten}", o.naam, o.tot)).size(13));
        }
        inhoud = inhoud.push(paneel(
            column![
                text("Bundels").size(17),
                veld(
                    "Nieuwe bundel voor het team (alles wat collega's nog niet bevestigd hebben)",
                    row![
                        invoer("Bestand", &self.bundel_uit, Message::BundelUit).id("bundel-uit").width(Fill),
                        button(text("Bundel maken")).on_press(Message::Exporteer).style(Knop::Primair.stijl()),
                    ]
                    .spacing(8),
                    None
                ),
                veld(
                    "Bundel van een collega inlezen",
                    row![
                        invoer("Pad naar de bundel", &self.bundel_in, Message::BundelIn).id("bundel-in").width(Fill),
                        button(text("Bundel inlezen")).on_press(Message::Importeer).style(Knop::Secundair.stijl()),
                    ]
                    .spacing(8),
                    None
                ),
                ontvangen,
            ]
            .spacing(8),
        ));

        // Conflicts.
        let mut conflicten = column![text(format!("Conflicten ({})", self.conflicten.len())).size(17)].spacing(8);
        if self.conflicten.is_empty() {
            conflicten = conflicten.push(text("Geen open conflicten.").size(14).style(theme::gedempt));
        }
        for (i, c) in self.conflicten.iter().enumerate() {
            let kop = if c.casus.is_empty() {
                c.omschrijving.clone()
            } else {
                format!("Casus {} — {}", c.casus, c.omschrijving)
            };
            let mut blok = column![text(kop).size(15)].spacing(4);
            for (j, (waarde, auteur, tijd)) in c.waarden.iter().enumerate() {
                let label = if j == 0 { "in gebruik" } else { "andere waarde" };
                blok = blok.push(
                    row![
                        column![
                            text(format!("“{waarde}”")).size(14),
                            text(format!("{label} · {auteur} · {tijd}")).size(12).style(theme::gedempt),
                        ]
                        .width(Fill),
                        button(text("Deze kiezen")).on_press(Message::Kies(i, j)).style(Knop::Secundair.stijl()),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                );
            }
            conflicten = conflicten.push(container(blok).padding(8).style(Vlak::Kolom.stijl()));
        }
        inhoud = inhoud.push(paneel(conflicten));

        let basis = scrollable(inhoud.padding(16)).height(Fill);
        match &self.vraag {
            None => basis.into(),
            Some(v) => {
                let (titel, uitleg, knop, stijl) = match v {
                    Vraag::Bevestig(i) => {
                        let c = &self.team[*i];
                        (
                            format!("{} vertrouwen?", c.naam),
                            format!(
                                "Vergelijk samen met {} deze cijfers met die op diens scherm:\n\n{}\n\nBevestig alleen als alle cijfers gelijk zijn.",
                                c.naam, c.vingerafdruk
                            ),
                            "Cijfers komen overeen",
                            Knop::Primair,
                        )
                    }
                    Vraag::Verwijder(i) => {
                        let c = &self.team[*i];
                        (
                            format!("{} verwijderen?", c.naam),
                            format!(
                                "Er gaan geen bundels meer naar {0}, en bundels van {0} worden geweigerd. Wat al is ingelezen blijft staan.",
                                c.naam
                            ),
                            "Verwijderen",
                            Knop::Gevaar,
                        )
                    }
                };
                let inhoud = column![
                    text(titel).size(18),
                    text(uitleg).size(14),
                    row![
                        space::horizontal(),
                        button(text("Annuleren")).on_press(Message::Annuleer).style(Knop::Secundair.stijl()),
                        button(text(knop)).on_press(Message::Ja).style(stijl.stijl()),
                    ]
                    .spacing(8),
                ]
                .spacing(12)
                .width(520);
                dialoog(basis, inhoud, Message::Annuleer)
            }
        }
    }
}

fn paneel<'a>(inhoud: impl Into<Element<'a, Message>>) -> Element<'a, Message> {
    container(inhoud).padding(12).width(Fill).style(Vlak::Paneel.stijl()).into()
}

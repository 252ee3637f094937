//! Settings: idle lock time, user, and "Over Schakel" (version, licence, third-party
//! licences).

use crate::over::{self, Onderdeel};
use crate::ui::theme::{self, Knop, Vlak};
use crate::ui::widgets::{Keuze, kies, veld};
use iced::widget::{Column, button, column, container, scrollable, text};
use iced::{Element, Fill, Task};

/// Where the installed package puts the third-party licence list.
#[cfg(target_os = "linux")]
const WAAR_LIJST: &str = "/usr/share/doc/schakel/licenties-derden.txt";
#[cfg(not(target_os = "linux"))]
const WAAR_LIJST: &str = "licenties-derden.txt bij het programma";

/// Idle lock choices in minutes.
pub const VERGRENDEL_KEUZES: [u32; 6] = [2, 5, 10, 15, 30, 60];

/// State of the settings screen.
#[derive(Debug)]
pub struct State {
    minuten: u32,
    gebruiker: String,
    zvh: String,
    map: String,
    onderdelen: Vec<Onderdeel>,
    per_licentie: Vec<(String, usize)>,
    toon_onderdelen: bool,
}

/// What the user does.
#[derive(Debug, Clone)]
pub enum Message {
    /// Choose the idle lock time.
    Vergrendel(Keuze),
    /// Lock now.
    NuVergrendelen,
    /// Show or hide the list of third-party parts.
    ToonOnderdelen,
}

/// What the screen asks of the app.
#[derive(Debug, Clone)]
pub enum Event {
    /// Store the idle lock time.
    Vergrendeltijd(u32),
    /// Lock now.
    Vergrendel,
}

fn keuze(m: u32) -> Keuze {
    Keuze::new(m.to_string(), format!("{m} minuten"))
}

impl State {
    /// The settings as stored.
    pub fn new(minuten: u32, gebruiker: String, zvh: String, map: String) -> State {
        let onderdelen = over::onderdelen();
        let per_licentie = over::per_licentie(&onderdelen);
        State { minuten, gebruiker, zvh, map, onderdelen, per_licentie, toon_onderdelen: false }
    }

    /// Handle a message.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Vergrendel(k) => {
                self.minuten = k.id.parse().unwrap_or(self.minuten);
                (Task::none(), Some(Event::Vergrendeltijd(self.minuten)))
            }
            Message::NuVergrendelen => (Task::none(), Some(Event::Vergrendel)),
            Message::ToonOnderdelen => {
                self.toon_onderdelen = !self.toon_onderdelen;
                (Task::none(), None)
            }
        }
    }

    /// The view.
    pub fn view(&self) -> Element<'_, Message> {
        let keuzes: Vec<Keuze> = VERGRENDEL_KEUZES.iter().map(|m| keuze(*m)).collect();
        column![
            text("Instellingen").size(22),
            container(
                column![
                    veld(
                        "Automatisch vergrendelen na",
                        kies(keuzes, Some(keuze(self.minuten)), Message::Vergrendel).width(200),
                        None
                    ),
                    button(text("Nu vergrendelen (Ctrl+L)"))
                        .on_press(Message::NuVergrendelen)
                        .style(Knop::Secundair.stijl()),
                ]
                .spacing(10)
            )
            .padding(12)
            .width(Fill)
            .style(Vlak::Paneel.stijl()),
            container(
                column![
                    text("Over Schakel").size(17),
                    text(format!("Schakel versie {}", over::VERSIE)).size(14),
                    text(format!("Licentie: {} (European Union Public Licence)", over::LICENTIE)).size(14),
                    text(format!("Gebruiker: {}", self.gebruiker)).size(14),
                    text(format!("Zorg- en Veiligheidshuis: {}", self.zvh)).size(14),
                    text(format!("Gegevensmap: {}", self.map)).size(13).style(theme::gedempt),
                    self.derden(),
                ]
                .spacing(4)
            )
            .padding(12)
            .width(Fill)
            .style(Vlak::Paneel.stijl()),
        ]
        .spacing(12)
        .padding(16)
        .into()
    }

    /// Third-party licences: a count per licence, and the full list on request.
    fn derden(&self) -> Element<'_, Message> {
        let samenvatting = self.per_licentie.iter().map(|(l, n)| format!("{l} ({n})")).collect::<Vec<_>>().join(" · ");
        let mut kolom = column![
            text(format!("Schakel gebruikt {} onderdelen van derden, onder deze licenties:", self.onderdelen.len()))
                .size(14),
            text(samenvatting).size(13).style(theme::gedempt),
            button(text(if self.toon_onderdelen { "Verberg de onderdelen" } else { "Toon alle onderdelen" }))
                .on_press(Message::ToonOnderdelen)
                .style(Knop::Secundair.stijl()),
        ]
        .spacing(6)
        .padding(iced::Padding { top: 8.0, ..Default::default() });
        if self.toon_onderdelen {
            let regels = Column::with_children(self.onderdelen.iter().map(|o| {
                let versie = if o.versie == "-" { String::new() } else { format!(" {}", o.versie) };
                text(format!("{}{versie} — {}", o.naam, o.licentie)).size(13).into()
            }))
            .spacing(2);
            kolom = kolom.push(scrollable(regels).height(260).width(Fill));
            kolom = kolom
                .push(text(format!("De volledige lijst staat ook in {WAAR_LIJST}.")).size(12).style(theme::gedempt));
        }
        kolom.into()
    }
}

//! Settings: idle lock time, user, and "Over" (version).

use crate::ui::theme::{self, Knop, Vlak};
use crate::ui::widgets::{Keuze, kies, veld};
use iced::widget::{button, column, container, text};
use iced::{Element, Fill, Task};

/// Idle lock choices in minutes.
pub const VERGRENDEL_KEUZES: [u32; 6] = [2, 5, 10, 15, 30, 60];

/// State of the settings screen.
#[derive(Debug)]
pub struct State {
    minuten: u32,
    gebruiker: String,
    zvh: String,
    map: String,
}

/// What the user does.
#[derive(Debug, Clone)]
pub enum Message {
    /// Choose the idle lock time.
    Vergrendel(Keuze),
    /// Lock now.
    NuVergrendelen,
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
        State { minuten, gebruiker, zvh, map }
    }

    /// Handle a message.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Vergrendel(k) => {
                self.minuten = k.id.parse().unwrap_or(self.minuten);
                (Task::none(), Some(Event::Vergrendeltijd(self.minuten)))
            }
            Message::NuVergrendelen => (Task::none(), Some(Event::Vergrendel)),
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
                    text(format!("Versie {}", env!("CARGO_PKG_VERSION"))).size(14),
                    text(format!("Gebruiker: {}", self.gebruiker)).size(14),
                    text(format!("Zorg- en Veiligheidshuis: {}", self.zvh)).size(14),
                    text(format!("Gegevensmap: {}", self.map)).size(13).style(theme::gedempt),
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
}

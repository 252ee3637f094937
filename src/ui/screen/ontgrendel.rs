//! Unlock screen: asks the passphrase of the key file.

use crate::ui::theme::{self, Knop, Vlak};
use crate::ui::widgets::{banner, invoer};
use iced::widget::{button, center, column, container, row, space, text};
use iced::{Element, Task};

/// State of the unlock screen.
#[derive(Debug, Default)]
pub struct State {
    wachtwoord: String,
    fout: Option<String>,
    bezig: bool,
    reden: Option<String>,
}

/// What the user does.
#[derive(Debug, Clone)]
pub enum Message {
    /// Type the passphrase.
    Wachtwoord(String),
    /// Try to unlock.
    Ontgrendel,
}

/// What the screen asks of the app.
#[derive(Debug, Clone)]
pub enum Event {
    /// Unlock with this passphrase.
    Ontgrendel(zeroize::Zeroizing<String>),
}

impl State {
    /// The unlock screen, optionally saying why it appeared (e.g. locked after idle time).
    pub fn new(reden: Option<String>) -> State {
        State { reden, ..State::default() }
    }

    /// Unlocking failed: say so, clear the field, try again.
    pub fn mislukt(&mut self, fout: String) {
        self.fout = Some(fout);
        self.bezig = false;
        self.wachtwoord.clear();
    }

    /// Handle a message.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Wachtwoord(w) => self.wachtwoord = w,
            Message::Ontgrendel => {
                if self.wachtwoord.is_empty() {
                    self.fout = Some("Vul het wachtwoord in.".into());
                } else if !self.bezig {
                    self.bezig = true;
                    let w = zeroize::Zeroizing::new(std::mem::take(&mut self.wachtwoord));
                    return (Task::none(), Some(Event::Ontgrendel(w)));
                }
            }
        }
        (Task::none(), None)
    }

    /// The view.
    pub fn view(&self) -> Element<'_, Message> {
        let mut c = column![text("Schakel is vergrendeld").size(24)].spacing(12);
        if let Some(r) = &self.reden {
            c = c.push(text(r).size(14).style(theme::gedempt));
        }
        c = c.push(
            invoer("Wachtwoord", &self.wachtwoord, Message::Wachtwoord)
                .secure(true)
                .on_submit(Message::Ontgrendel)
                .id("wachtwoord"),
        );
        if let Some(f) = &self.fout {
            c = c.push(banner(Vlak::Fout, f, None));
        }
        c = c.push(row![
            space::horizontal(),
            button(text(if self.bezig { "Bezig…" } else { "Ontgrendelen" }))
                .on_press_maybe((!self.bezig).then_some(Message::Ontgrendel))
                .style(Knop::Primair.stijl())
        ]);
        center(container(c).padding(28).max_width(460).style(Vlak::Paneel.stijl())).into()
    }
}

//! Unlock screen: asks the passphrase of the key file, or (when the keychain forgot the
//! key or the passphrase is lost) the herstelsleutel.

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
    /// Showing the herstelsleutel form instead of the passphrase.
    herstel: bool,
    code: String,
    nieuw_wachtwoord: String,
}

/// What the user does.
#[derive(Debug, Clone)]
pub enum Message {
    /// Type the passphrase.
    Wachtwoord(String),
    /// Try to unlock.
    Ontgrendel,
    /// Show (`true`) or hide the herstelsleutel form.
    Herstelmodus(bool),
    /// Type the herstelsleutel.
    Code(String),
    /// Type a new passphrase (empty: the key goes back into the keychain).
    NieuwWachtwoord(String),
    /// Restore access with the herstelsleutel.
    Herstel,
}

/// What the screen asks of the app.
#[derive(Debug, Clone)]
pub enum Event {
    /// Unlock with this passphrase.
    Ontgrendel(zeroize::Zeroizing<String>),
    /// Restore access with this herstelsleutel; the key goes into a key file with the new
    /// passphrase, or back into the keychain when there is none.
    Herstel {
        /// The code as typed.
        code: zeroize::Zeroizing<String>,
        /// New passphrase for the key file.
        nieuw_wachtwoord: Option<zeroize::Zeroizing<String>>,
    },
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
        self.code.clear();
        self.nieuw_wachtwoord.clear();
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
            Message::Herstelmodus(aan) => {
                self.herstel = aan;
                self.fout = None;
            }
            Message::Code(c) => self.code = c,
            Message::NieuwWachtwoord(w) => self.nieuw_wachtwoord = w,
            Message::Herstel => {
                let nieuw = self.nieuw_wachtwoord.chars().count();
                if self.code.trim().is_empty() {
                    self.fout = Some("Vul de herstelsleutel in.".into());
                } else if nieuw > 0 && nieuw < crate::store::sleutel::MIN_WACHTWOORD_LENGTE {
                    self.fout = Some(format!(
                        "Kies een wachtwoord van minstens {} tekens, of laat het leeg.",
                        crate::store::sleutel::MIN_WACHTWOORD_LENGTE
                    ));
                } else if !self.bezig {
                    self.bezig = true;
                    let code = zeroize::Zeroizing::new(std::mem::take(&mut self.code));
                    let w = std::mem::take(&mut self.nieuw_wachtwoord);
                    let nieuw_wachtwoord = (!w.is_empty()).then(|| zeroize::Zeroizing::new(w));
                    return (Task::none(), Some(Event::Herstel { code, nieuw_wachtwoord }));
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
        if self.herstel {
            c = c.push(
                text(
                    "Met de herstelsleutel (de code die bij het aanmaken eenmalig is getoond) krijgt u weer \
                     toegang. Vult u een nieuw wachtwoord in, dan komt de sleutel in een sleutelbestand met dat \
                     wachtwoord; laat u het leeg, dan gaat hij terug in de sleutelbos van het systeem.",
                )
                .size(14),
            );
            c = c.push(
                invoer("Herstelsleutel", &self.code, Message::Code)
                    .secure(true)
                    .on_submit(Message::Herstel)
                    .id("herstelsleutel"),
            );
            c = c.push(
                invoer("Nieuw wachtwoord (mag leeg)", &self.nieuw_wachtwoord, Message::NieuwWachtwoord)
                    .secure(true)
                    .on_submit(Message::Herstel)
                    .id("herstel-nieuw-wachtwoord"),
            );
            if let Some(f) = &self.fout {
                c = c.push(banner(Vlak::Fout, f, None));
            }
            c = c.push(row![
                button(text("Terug")).on_press(Message::Herstelmodus(false)).style(Knop::Secundair.stijl()),
                space::horizontal(),
                button(text(if self.bezig { "Bezig…" } else { "Toegang herstellen" }))
                    .on_press_maybe((!self.bezig).then_some(Message::Herstel))
                    .style(Knop::Primair.stijl())
            ]);
            return center(container(c).padding(28).max_width(460).style(Vlak::Paneel.stijl())).into();
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
            button(text("Herstelsleutel gebruiken"))
                .on_press(Message::Herstelmodus(true))
                .style(Knop::Secundair.stijl()),
            space::horizontal(),
            button(text(if self.bezig { "Bezig…" } else { "Ontgrendelen" }))
                .on_press_maybe((!self.bezig).then_some(Message::Ontgrendel))
                .style(Knop::Primair.stijl())
        ]);
        center(container(c).padding(28).max_width(460).style(Vlak::Paneel.stijl())).into()
    }
}

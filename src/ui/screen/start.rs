//! First start: who uses this laptop, which ZVH, where the key lives, demo data.

use crate::store::sleutel::MIN_WACHTWOORD_LENGTE;
use crate::ui::theme::{self, Knop, Vlak};
use crate::ui::widgets::{banner, invoer, veld};
use iced::widget::{button, center, checkbox, column, container, progress_bar, radio, row, space, text};
use iced::{Element, Task};

/// Where the new key should go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opslag {
    /// OS keychain.
    Sleutelbos,
    /// Passphrase-wrapped key file.
    Wachtwoord,
}

/// State of the first-run form.
#[derive(Debug)]
pub struct State {
    naam: String,
    rol: String,
    zvh: String,
    opslag: Opslag,
    sleutelbos_beschikbaar: bool,
    wachtwoord: String,
    herhaling: String,
    demo: bool,
    fouten: Vec<(&'static str, String)>,
    bezig: bool,
    /// When creating or restoring started (the progress bar's clock).
    sinds: Option<std::time::Instant>,
    fout: Option<String>,
    /// Restore a backup instead of starting empty.
    herstellen: bool,
    backup_pad: String,
    backup_wachtwoord: String,
}

/// What the user does.
#[derive(Debug, Clone)]
pub enum Message {
    /// Type the name.
    Naam(String),
    /// Type the role.
    Rol(String),
    /// Type the ZVH name.
    Zvh(String),
    /// Choose where the key goes.
    Opslag(Opslag),
    /// Type the passphrase.
    Wachtwoord(String),
    /// Repeat the passphrase.
    Herhaling(String),
    /// Load demo data.
    Demo(bool),
    /// Create the database.
    Aanmaken,
    /// Start from a backup (`true`) or with an empty database.
    Herstelmodus(bool),
    /// Type the backup file.
    BackupPad(String),
    /// Type the backup's passphrase.
    BackupWachtwoord(String),
    /// Restore the backup.
    Herstellen,
}

/// Validated input for restoring a backup on this (new) laptop.
#[derive(Clone)]
pub struct Herstelaanvraag {
    /// The backup file.
    pub pad: std::path::PathBuf,
    /// The backup's passphrase.
    pub backup_wachtwoord: zeroize::Zeroizing<String>,
    /// Passphrase for the restored database, when its key goes into a key file.
    pub wachtwoord: Option<zeroize::Zeroizing<String>>,
}

impl std::fmt::Debug for Herstelaanvraag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Herstelaanvraag").field("pad", &self.pad).finish_non_exhaustive()
    }
}

/// Validated input of the first-run form.
#[derive(Clone)]
pub struct Aanvraag {
    /// User name.
    pub naam: String,
    /// Role.
    pub rol: String,
    /// ZVH name.
    pub zvh: String,
    /// Passphrase, when the key goes into a key file.
    pub wachtwoord: Option<zeroize::Zeroizing<String>>,
    /// Load the fictional demo set.
    pub demo: bool,
}

impl std::fmt::Debug for Aanvraag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Aanvraag").field("naam", &self.naam).field("demo", &self.demo).finish_non_exhaustive()
    }
}

/// What the screen asks of the app.
#[derive(Debug, Clone)]
pub enum Event {
    /// Create key and database.
    Aanmaken(Aanvraag),
    /// Restore a backup into the empty data dir.
    Herstellen(Herstelaanvraag),
}

impl State {
    /// The form; the keychain option is offered only when one answers.
    pub fn new(sleutelbos_beschikbaar: bool) -> State {
        State {
            naam: std::env::var("USER").unwrap_or_default(),
            rol: "Procesregisseur".into(),
            zvh: String::new(),
            opslag: if sleutelbos_beschikbaar { Opslag::Sleutelbos } else { Opslag::Wachtwoord },
            sleutelbos_beschikbaar,
            wachtwoord: String::new(),
            herhaling: String::new(),
            demo: false,
            fouten: Vec::new(),
            bezig: false,
            sinds: None,
            fout: None,
            herstellen: false,
            backup_pad: String::new(),
            backup_wachtwoord: String::new(),
        }
    }

    /// Creating or restoring runs (the window ticks the progress bar).
    pub fn bezig(&self) -> bool {
        self.bezig
    }

    /// Creating failed: show why and allow another try.
    pub fn mislukt(&mut self, fout: String) {
        self.bezig = false;
        self.sinds = None;
        self.fout = Some(fout);
    }

    fn valideer(&self) -> Result<Aanvraag, Vec<(&'static str, String)>> {
        let mut f = Vec::new();
        if self.naam.trim().is_empty() {
            f.push(("naam", "Vul uw naam in; die komt in de auditlog.".to_string()));
        }
        if self.zvh.trim().is_empty() {
            f.push(("zvh", "Vul de naam van uw Zorg- en Veiligheidshuis in.".to_string()));
        }
        if self.opslag == Opslag::Wachtwoord {
            if self.wachtwoord.chars().count() < MIN_WACHTWOORD_LENGTE {
                f.push(("wachtwoord", format!("Kies een wachtwoord van minstens {MIN_WACHTWOORD_LENGTE} tekens.")));
            } else if self.wachtwoord != self.herhaling {
                f.push(("herhaling", "De wachtwoorden zijn niet gelijk.".to_string()));
            }
        }
        if !f.is_empty() {
            return Err(f);
        }
        Ok(Aanvraag {
            naam: self.naam.trim().to_string(),
            rol: self.rol.trim().to_string(),
            zvh: self.zvh.trim().to_string(),
            wachtwoord: (self.opslag == Opslag::Wachtwoord).then(|| zeroize::Zeroizing::new(self.wachtwoord.clone())),
            demo: self.demo,
        })
    }

    /// Handle a message.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Naam(s) => self.naam = s,
            Message::Rol(s) => self.rol = s,
            Message::Zvh(s) => self.zvh = s,
            Message::Opslag(o) => self.opslag = o,
            Message::Wachtwoord(s) => self.wachtwoord = s,
            Message::Herhaling(s) => self.herhaling = s,
            Message::Demo(b) => self.demo = b,
            Message::Herstelmodus(b) => {
                self.herstellen = b;
                self.fouten.clear();
                self.fout = None;
            }
            Message::BackupPad(s) => self.backup_pad = s,
            Message::BackupWachtwoord(s) => self.backup_wachtwoord = s,
            Message::Herstellen => {
                let mut f = Vec::new();
                if self.backup_pad.trim().is_empty() {
                    f.push(("backup", "Vul het back-upbestand in.".to_string()));
                }
                if self.backup_wachtwoord.is_empty() {
                    f.push(("backup-ww", "Vul het wachtwoord van de back-up in.".to_string()));
                }
                if self.opslag == Opslag::Wachtwoord {
                    if self.wachtwoord.chars().count() < MIN_WACHTWOORD_LENGTE {
                        f.push((
                            "wachtwoord",
                            format!("Kies een wachtwoord van minstens {MIN_WACHTWOORD_LENGTE} tekens."),
                        ));
                    } else if self.wachtwoord != self.herhaling {
                        f.push(("herhaling", "De wachtwoorden zijn niet gelijk.".to_string()));
                    }
                }
                self.fouten = f;
                if self.fouten.is_empty() {
                    self.bezig = true;
                    self.sinds = Some(std::time::Instant::now());
                    return (
                        Task::none(),
                        Some(Event::Herstellen(Herstelaanvraag {
                            pad: std::path::PathBuf::from(self.backup_pad.trim()),
                            backup_wachtwoord: zeroize::Zeroizing::new(self.backup_wachtwoord.clone()),
                            wachtwoord: (self.opslag == Opslag::Wachtwoord)
                                .then(|| zeroize::Zeroizing::new(self.wachtwoord.clone())),
                        })),
                    );
                }
                return (Task::none(), None);
            }
            Message::Aanmaken => match self.valideer() {
                Ok(a) => {
                    self.bezig = true;
                    self.sinds = Some(std::time::Instant::now());
                    self.fouten.clear();
                    return (Task::none(), Some(Event::Aanmaken(a)));
                }
                Err(f) => self.fouten = f,
            },
        }
        if !self.fouten.is_empty() {
            self.fouten = self.valideer().err().unwrap_or_default();
        }
        (Task::none(), None)
    }

    /// The form.
    pub fn view(&self) -> Element<'_, Message> {
        let fout = |v: &str| self.fouten.iter().find(|(k, _)| *k == v).map(|(_, m)| m.as_str());
        let mut c = column![
            text("Welkom bij Schakel").size(26),
            text("Schakel bewaart casussen versleuteld op deze laptop. Vul eenmalig uw gegevens in.")
                .size(14)
                .style(theme::gedempt),
            row![
                radio("Nieuwe database", false, Some(self.herstellen), Message::Herstelmodus),
                radio("Back-up terugzetten (nieuwe laptop)", true, Some(self.herstellen), Message::Herstelmodus),
            ]
            .spacing(20),
        ]
        .spacing(12);
        if self.herstellen {
            c = c.push(veld(
                "Back-upbestand",
                invoer("/pad/naar/schakel-backup.schakelbackup", &self.backup_pad, Message::BackupPad)
                    .id("start-backup"),
                fout("backup"),
            ));
            c = c.push(veld(
                "Wachtwoord van de back-up",
                invoer("", &self.backup_wachtwoord, Message::BackupWachtwoord).secure(true).id("start-backup-ww"),
                fout("backup-ww"),
            ));
        } else {
            c = c.push(veld(
                "Uw naam",
                invoer("Voornaam Achternaam", &self.naam, Message::Naam).id("start-naam"),
                fout("naam"),
            ));
            c = c.push(veld("Uw rol", invoer("Procesregisseur", &self.rol, Message::Rol), None));
            c = c.push(veld(
                "Zorg- en Veiligheidshuis",
                invoer("bijv. ZVH Fryslân", &self.zvh, Message::Zvh),
                fout("zvh"),
            ));
        }
        c = c.push(text("Waar wordt de sleutel van de database bewaard?").size(14));
        if self.sleutelbos_beschikbaar {
            c = c.push(radio(
                "In de sleutelbos van het systeem (aanbevolen)",
                Opslag::Sleutelbos,
                Some(self.opslag),
                Message::Opslag,
            ));
        } else {
            c = c.push(
                text("Dit systeem heeft geen sleutelbos; de sleutel wordt met een wachtwoord beveiligd.")
                    .size(13)
                    .style(theme::gedempt),
            );
        }
        c = c.push(radio("Beveiligd met een wachtwoord", Opslag::Wachtwoord, Some(self.opslag), Message::Opslag));
        if self.opslag == Opslag::Wachtwoord {
            c =
                c.push(
                    row![
                        veld(
                            "Wachtwoord",
                            invoer("", &self.wachtwoord, Message::Wachtwoord).secure(true),
                            fout("wachtwoord")
                        ),
                        veld(
                            "Herhaal wachtwoord",
                            invoer("", &self.herhaling, Message::Herhaling)
                                .secure(true)
                                .on_submit(if self.herstellen { Message::Herstellen } else { Message::Aanmaken }),
                            fout("herhaling")
                        ),
                    ]
                    .spacing(10),
                );
        }
        if !self.herstellen {
            c = c.push(
                checkbox(self.demo)
                    .label("Voorbeelddata laden (fictieve casussen om mee te oefenen)")
                    .on_toggle(Message::Demo),
            );
        }
        if let Some(f) = &self.fout {
            c = c.push(banner(Vlak::Fout, f, None));
        }
        let (label, actie) = if self.herstellen {
            ("Back-up terugzetten", Message::Herstellen)
        } else {
            ("Database aanmaken", Message::Aanmaken)
        };
        if let Some(sinds) = self.sinds.filter(|_| self.bezig) {
            // The job reports no fraction: the bar sweeps while it runs.
            let wat = match (self.herstellen, self.demo) {
                (true, _) => "Back-up terugzetten",
                (false, true) => "Database aanmaken en voorbeelddata laden",
                (false, false) => "Database aanmaken",
            };
            let verstreken = sinds.elapsed();
            c = c.push(
                column![
                    text(format!("{wat}… ({} s)", verstreken.as_secs())).size(14),
                    progress_bar(0.0..=1.0, (verstreken.as_millis() % 2000) as f32 / 2000.0).girth(8),
                ]
                .spacing(4),
            );
        }
        c = c.push(row![
            space::horizontal(),
            button(text(if self.bezig { "Bezig…" } else { label }))
                .on_press_maybe((!self.bezig).then_some(actie))
                .style(Knop::Primair.stijl())
        ]);
        center(container(c).padding(28).max_width(620).style(Vlak::Paneel.stijl())).into()
    }
}

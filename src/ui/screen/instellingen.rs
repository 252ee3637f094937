//! Settings: idle lock time, "Mijn naam en rol" and the medewerkers, the thema and leefgebied lists, user, and
//! "Over Schakel" (version, licence, third-party licences).

use crate::domain::{Medewerker, MedewerkerRol};
use crate::over::{self, Onderdeel};
use crate::store::{LijstItem, MedewerkerWijziging};
use crate::ui::theme::{self, Knop, Vlak};
use crate::ui::widgets::{Keuze, invoer, kies, veld};
use iced::widget::{Column, button, checkbox, column, container, row, scrollable, space, text};
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
    themas: Vec<LijstItem>,
    leefgebieden: Vec<LijstItem>,
    nieuw_thema: String,
    nieuw_leefgebied: String,
    gemeenten: Vec<LijstItem>,
    overlegsoorten: Vec<LijstItem>,
    nieuwe_gemeente: String,
    nieuwe_overlegsoort: String,
    /// An entry being renamed: (list, id, name as typed).
    hernoemen: Option<(Lijst, String, String)>,
    fout: Option<String>,
    medewerkers: Vec<Medewerker>,
    /// The medewerker this device's user is.
    mij: Option<String>,
    nieuwe_medewerker: String,
    nieuwe_rol: Option<MedewerkerRol>,
    nieuw_is_mij: bool,
    /// The medewerker being edited: (id, typed name, typed device id).
    bewerking: Option<(String, String, String)>,
    medewerker_fout: Option<String>,
}

/// A change to the medewerkers that the app makes in the store.
#[derive(Debug, Clone)]
pub enum MedewerkerVerzoek {
    /// Add a medewerker (and make them this device's user with `ik`).
    Nieuw {
        /// Name.
        naam: String,
        /// Role.
        rol: MedewerkerRol,
        /// This is me.
        ik: bool,
    },
    /// Change medewerker `.0`.
    Wijzig(String, MedewerkerWijziging),
    /// This device's user is medewerker `.0`.
    Ik(String),
}

/// An editable list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lijst {
    /// Themes of a casus.
    Thema,
    /// Leefgebieden of the plan.
    Leefgebied,
    /// Gemeenten of a casus.
    Gemeente,
    /// Kinds of meeting (a weegtafel stays one when renamed).
    Overlegsoort,
}

impl Lijst {
    /// The table name the store uses.
    pub fn tabel(self) -> &'static str {
        match self {
            Lijst::Thema => "thema",
            Lijst::Leefgebied => "leefgebied",
            Lijst::Gemeente => "gemeente",
            Lijst::Overlegsoort => "overlegsoort",
        }
    }
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
    /// Type a new entry of a list.
    NieuweNaam(Lijst, String),
    /// Add the typed entry to the list.
    Toevoegen(Lijst),
    /// Archive (`false`) or activate an entry.
    Actief(Lijst, String, bool),
    /// Choose who the user is ("Mijn naam en rol").
    KiesMij(Keuze),
    /// Type the name of a new medewerker.
    NieuweMedewerker(String),
    /// Choose the role of the new medewerker.
    NieuweRol(MedewerkerRol),
    /// Tick "Dit ben ik" for the new medewerker.
    NieuwIsMij(bool),
    /// Add the new medewerker.
    MedewerkerToevoegen,
    /// Start editing the name and device of medewerker `.0`.
    Bewerk(String),
    /// Type the name in the edit form.
    BewerkNaam(String),
    /// Type the device id in the edit form.
    BewerkApparaat(String),
    /// Save the edit form.
    BewerkingOpslaan,
    /// Close the edit form without saving.
    BewerkingAnnuleren,
    /// Change the role of medewerker `.0`.
    WijzigRol(String, MedewerkerRol),
    /// Archive (`true`) or activate medewerker `.0`.
    Archiveer(String, bool),
    /// Start renaming an entry (list, id, current name).
    Hernoem(Lijst, String, String),
    /// Type the new name.
    HernoemNaam(String),
    /// Save the new name (Enter).
    HernoemOpslaan,
    /// Stop renaming without a change.
    HernoemAnnuleer,
}

/// What the screen asks of the app.
#[derive(Debug, Clone)]
pub enum Event {
    /// Store the idle lock time.
    Vergrendeltijd(u32),
    /// Lock now.
    Vergrendel,
    /// Add an entry with this name to a list.
    Toevoegen(Lijst, String),
    /// Archive (`false`) or activate entry `.1` of a list.
    Actief(Lijst, String, bool),
    /// Add, change or choose a medewerker.
    Medewerker(MedewerkerVerzoek),
    /// Rename entry `.1` of a list to `.2`.
    Hernoem(Lijst, String, String),
}

fn keuze(m: u32) -> Keuze {
    Keuze::new(m.to_string(), format!("{m} minuten"))
}

impl State {
    /// The settings as stored.
    pub fn new(minuten: u32, gebruiker: String, zvh: String, map: String) -> State {
        let onderdelen = over::onderdelen();
        let per_licentie = over::per_licentie(&onderdelen);
        State {
            minuten,
            gebruiker,
            zvh,
            map,
            onderdelen,
            per_licentie,
            toon_onderdelen: false,
            themas: Vec::new(),
            leefgebieden: Vec::new(),
            nieuw_thema: String::new(),
            nieuw_leefgebied: String::new(),
            gemeenten: Vec::new(),
            overlegsoorten: Vec::new(),
            nieuwe_gemeente: String::new(),
            nieuwe_overlegsoort: String::new(),
            hernoemen: None,
            fout: None,
            medewerkers: Vec::new(),
            mij: None,
            nieuwe_medewerker: String::new(),
            nieuwe_rol: None,
            nieuw_is_mij: false,
            bewerking: None,
            medewerker_fout: None,
        }
    }

    /// The medewerkers as stored and the one this device's user is.
    pub fn zet_medewerkers(&mut self, medewerkers: Vec<Medewerker>, mij: Option<String>) {
        self.medewerkers = medewerkers;
        self.mij = mij;
    }

    /// The lock time and the ZVH name as stored (once the startup read is back).
    pub fn zet_begin(&mut self, minuten: u32, zvh: String) {
        self.minuten = minuten;
        self.zvh = zvh;
    }

    /// The local user's name (after "Mijn naam en rol" changed).
    pub fn zet_gebruiker(&mut self, gebruiker: String) {
        self.gebruiker = gebruiker;
    }

    /// A medewerker change was stored: close the forms.
    pub fn medewerker_opgeslagen(&mut self) {
        self.nieuwe_medewerker.clear();
        self.nieuwe_rol = None;
        self.nieuw_is_mij = false;
        self.bewerking = None;
        self.medewerker_fout = None;
    }

    /// The lists as stored.
    pub fn zet_lijsten(&mut self, themas: Vec<LijstItem>, leefgebieden: Vec<LijstItem>) {
        self.themas = themas;
        self.leefgebieden = leefgebieden;
    }

    /// The gemeente and overlegsoort lists as stored.
    pub fn zet_meer_lijsten(&mut self, gemeenten: Vec<LijstItem>, overlegsoorten: Vec<LijstItem>) {
        self.gemeenten = gemeenten;
        self.overlegsoorten = overlegsoorten;
    }

    /// An entry was added, renamed or switched: clear the typed name and the error.
    pub fn lijst_opgeslagen(&mut self, lijst: Lijst) {
        self.nieuw_veld(lijst).clear();
        self.hernoemen = None;
        self.fout = None;
    }

    fn nieuw_veld(&mut self, lijst: Lijst) -> &mut String {
        match lijst {
            Lijst::Thema => &mut self.nieuw_thema,
            Lijst::Leefgebied => &mut self.nieuw_leefgebied,
            Lijst::Gemeente => &mut self.nieuwe_gemeente,
            Lijst::Overlegsoort => &mut self.nieuwe_overlegsoort,
        }
    }

    /// Show a refusal of the store.
    pub fn toon_fout(&mut self, f: String) {
        self.fout = Some(f);
    }

    /// Show a refusal of a medewerker change, next to the medewerkers.
    pub fn toon_medewerker_fout(&mut self, f: String) {
        self.medewerker_fout = Some(f);
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
            Message::NieuweNaam(l, t) => {
                *self.nieuw_veld(l) = t;
                (Task::none(), None)
            }
            Message::Toevoegen(l) => {
                let naam = self.nieuw_veld(l).trim().to_string();
                (Task::none(), Some(Event::Toevoegen(l, naam)))
            }
            Message::Actief(l, id, aan) => (Task::none(), Some(Event::Actief(l, id, aan))),
            Message::KiesMij(k) => (Task::none(), Some(Event::Medewerker(MedewerkerVerzoek::Ik(k.id)))),
            Message::NieuweMedewerker(n) => {
                self.nieuwe_medewerker = n;
                (Task::none(), None)
            }
            Message::NieuweRol(r) => {
                self.nieuwe_rol = Some(r);
                (Task::none(), None)
            }
            Message::NieuwIsMij(b) => {
                self.nieuw_is_mij = b;
                (Task::none(), None)
            }
            Message::MedewerkerToevoegen => match self.nieuwe_rol {
                None => {
                    self.medewerker_fout = Some("Kies de rol van de nieuwe medewerker.".into());
                    (Task::none(), None)
                }
                Some(rol) => {
                    let naam = self.nieuwe_medewerker.trim().to_string();
                    (
                        Task::none(),
                        Some(Event::Medewerker(MedewerkerVerzoek::Nieuw { naam, rol, ik: self.nieuw_is_mij })),
                    )
                }
            },
            Message::Bewerk(id) => {
                if let Some(m) = self.medewerkers.iter().find(|m| m.id == id) {
                    self.bewerking = Some((id, m.naam.clone(), m.apparaat.clone().unwrap_or_default()));
                }
                (Task::none(), None)
            }
            Message::BewerkNaam(n) => {
                if let Some(b) = &mut self.bewerking {
                    b.1 = n;
                }
                (Task::none(), None)
            }
            Message::BewerkApparaat(a) => {
                if let Some(b) = &mut self.bewerking {
                    b.2 = a;
                }
                (Task::none(), None)
            }
            Message::BewerkingOpslaan => match &self.bewerking {
                Some((id, naam, apparaat)) => {
                    let w = MedewerkerWijziging {
                        naam: Some(naam.clone()),
                        apparaat: Some(Some(apparaat.trim().to_string()).filter(|a| !a.is_empty())),
                        ..Default::default()
                    };
                    (Task::none(), Some(Event::Medewerker(MedewerkerVerzoek::Wijzig(id.clone(), w))))
                }
                None => (Task::none(), None),
            },
            Message::BewerkingAnnuleren => {
                self.bewerking = None;
                self.medewerker_fout = None;
                (Task::none(), None)
            }
            Message::WijzigRol(id, rol) => {
                let w = MedewerkerWijziging { rol: Some(rol), ..Default::default() };
                (Task::none(), Some(Event::Medewerker(MedewerkerVerzoek::Wijzig(id, w))))
            }
            Message::Archiveer(id, archief) => {
                let w = MedewerkerWijziging { gearchiveerd: Some(archief), ..Default::default() };
                (Task::none(), Some(Event::Medewerker(MedewerkerVerzoek::Wijzig(id, w))))
            }
            Message::Hernoem(l, id, naam) => {
                self.hernoemen = Some((l, id, naam));
                (iced::widget::operation::focus("hernoem-naam"), None)
            }
            Message::HernoemNaam(t) => {
                if let Some(h) = &mut self.hernoemen {
                    h.2 = t;
                }
                (Task::none(), None)
            }
            Message::HernoemOpslaan => match &self.hernoemen {
                Some((l, id, naam)) => (Task::none(), Some(Event::Hernoem(*l, id.clone(), naam.trim().to_string()))),
                None => (Task::none(), None),
            },
            Message::HernoemAnnuleer => {
                self.hernoemen = None;
                (Task::none(), None)
            }
        }
    }

    /// The view.
    pub fn view(&self) -> Element<'_, Message> {
        let keuzes: Vec<Keuze> = VERGRENDEL_KEUZES.iter().map(|m| keuze(*m)).collect();
        let inhoud = column![
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
            container(self.medewerkers_view()).padding(12).width(Fill).style(Vlak::Paneel.stijl()),
            container(self.lijsten()).padding(12).width(Fill).style(Vlak::Paneel.stijl()),
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
        .padding(16);
        // The page is longer than a small window: it scrolls instead of squeezing the
        // last rows of the medewerkers and lists into each other.
        scrollable(inhoud).into()
    }

    /// "Mijn naam en rol" and the medewerkers: add, rename, change role, link a device, archive.
    fn medewerkers_view(&self) -> Element<'_, Message> {
        let actief: Vec<Keuze> = self
            .medewerkers
            .iter()
            .filter(|m| !m.gearchiveerd)
            .map(|m| Keuze::new(&m.id, format!("{} ({})", m.naam, m.rol.label().to_lowercase())))
            .collect();
        let mij = self.mij.as_ref().and_then(|id| actief.iter().find(|k| &k.id == id).cloned());
        let mut c = column![
            text("Mijn naam en rol").size(17),
            veld(
                "Ik ben",
                kies(actief, mij, Message::KiesMij).placeholder("Kies uzelf uit de medewerkers").width(320),
                None
            ),
            text("Medewerkers").size(17),
            text(
                "Casussen worden aan medewerkers toegewezen. Koppel een trajectbegeleider aan het apparaat-id van zijn \
                 of haar visitekaartje: alleen dan ontvangt die collega de eigen casussen."
            )
            .size(13)
            .style(theme::gedempt),
        ]
        .spacing(6);
        for m in &self.medewerkers {
            let ik = if self.mij.as_deref() == Some(m.id.as_str()) { " (u)" } else { "" };
            let archief = if m.gearchiveerd { " (gearchiveerd)" } else { "" };
            let apparaat =
                m.apparaat.as_deref().map(|a| format!(" · apparaat {}", &a[..a.len().min(8)])).unwrap_or_default();
            let id = m.id.clone();
            let naam = text(format!("{}{ik}{archief}{apparaat}", m.naam)).size(14).width(Fill);
            c = c.push(
                row![
                    if m.gearchiveerd { naam.style(theme::gedempt) } else { naam },
                    kies(MedewerkerRol::ALLE, Some(m.rol), move |r| Message::WijzigRol(id.clone(), r)).width(220),
                    button(text("Wijzigen").size(12)).on_press(Message::Bewerk(m.id.clone())).style(Knop::Link.stijl()),
                    button(text(if m.gearchiveerd { "Activeren" } else { "Archiveren" }).size(12))
                        .on_press(Message::Archiveer(m.id.clone(), !m.gearchiveerd))
                        .style(Knop::Link.stijl()),
                ]
                .spacing(8)
                .align_y(iced::Center),
            );
            if let Some((_, naam, apparaat)) = self.bewerking.as_ref().filter(|b| b.0 == m.id) {
                c = c.push(
                    row![
                        invoer("Naam", naam, Message::BewerkNaam)
                            .on_submit(Message::BewerkingOpslaan)
                            .id("medewerker-naam")
                            .width(Fill),
                        invoer("Apparaat-id (leeg: niet gekoppeld)", apparaat, Message::BewerkApparaat)
                            .on_submit(Message::BewerkingOpslaan)
                            .id("medewerker-apparaat")
                            .width(Fill),
                        button(text("Medewerker opslaan"))
                            .on_press(Message::BewerkingOpslaan)
                            .style(Knop::Primair.stijl()),
                        button(text("Annuleren")).on_press(Message::BewerkingAnnuleren).style(Knop::Secundair.stijl()),
                    ]
                    .spacing(6),
                );
            }
        }
        c = c.push(
            row![
                invoer("Naam van de medewerker", &self.nieuwe_medewerker, Message::NieuweMedewerker)
                    .on_submit(Message::MedewerkerToevoegen)
                    .id("nieuwe-medewerker")
                    .width(Fill),
                kies(MedewerkerRol::ALLE, self.nieuwe_rol, Message::NieuweRol).placeholder("Rol").width(220),
                checkbox(self.nieuw_is_mij).label("Dit ben ik").on_toggle(Message::NieuwIsMij),
                button(text("Medewerker toevoegen"))
                    .on_press(Message::MedewerkerToevoegen)
                    .style(Knop::Secundair.stijl()),
            ]
            .spacing(6)
            .align_y(iced::Center),
        );
        if let Some(f) = &self.medewerker_fout {
            c = c.push(text(f).size(13).style(theme::rood));
        }
        c.into()
    }

    /// The thema and leefgebied lists: add, archive, activate.
    fn lijsten(&self) -> Element<'_, Message> {
        let mut c = column![
            text("Lijsten").size(17),
            text(
                "Gearchiveerde namen blijven staan bij bestaande casussen en doelen, maar worden niet meer aangeboden."
            )
            .size(13)
            .style(theme::gedempt),
            row![
                lijst(
                    Lijst::Thema,
                    "Thema's",
                    "Thema toevoegen",
                    &self.themas,
                    &self.nieuw_thema,
                    "nieuw-thema",
                    &self.hernoemen
                ),
                lijst(
                    Lijst::Leefgebied,
                    "Leefgebieden",
                    "Leefgebied toevoegen",
                    &self.leefgebieden,
                    &self.nieuw_leefgebied,
                    "nieuw-leefgebied",
                    &self.hernoemen
                ),
            ]
            .spacing(24),
            row![
                lijst(
                    Lijst::Gemeente,
                    "Gemeenten",
                    "Gemeente toevoegen",
                    &self.gemeenten,
                    &self.nieuwe_gemeente,
                    "nieuwe-gemeente",
                    &self.hernoemen
                ),
                lijst(
                    Lijst::Overlegsoort,
                    "Soorten overleg",
                    "Soort toevoegen",
                    &self.overlegsoorten,
                    &self.nieuwe_overlegsoort,
                    "nieuwe-overlegsoort",
                    &self.hernoemen
                ),
            ]
            .spacing(24),
        ]
        .spacing(6);
        if let Some(f) = &self.fout {
            c = c.push(text(f).size(13).style(theme::rood));
        }
        c.into()
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

/// One list with its entries, their archive/activate buttons and the "add" field.
fn lijst<'a>(
    l: Lijst,
    titel: &'static str,
    knop_toevoegen: &'static str,
    items: &'a [LijstItem],
    nieuw: &'a str,
    id: &'static str,
    hernoemen: &'a Option<(Lijst, String, String)>,
) -> Element<'a, Message> {
    let mut c = column![text(titel).size(15)].spacing(3);
    for i in items {
        if let Some((hl, hid, naam)) = hernoemen
            && *hl == l
            && *hid == i.id
        {
            c = c.push(
                row![
                    invoer("Nieuwe naam", naam, Message::HernoemNaam)
                        .on_submit(Message::HernoemOpslaan)
                        .id("hernoem-naam")
                        .width(Fill),
                    button(text("Opslaan").size(12)).on_press(Message::HernoemOpslaan).style(Knop::Primair.stijl()),
                    button(text("Annuleren").size(12)).on_press(Message::HernoemAnnuleer).style(Knop::Link.stijl()),
                ]
                .spacing(6)
                .align_y(iced::Center),
            );
            continue;
        }
        let (knop, label) = if i.actief { ("Archiveren", "") } else { ("Activeren", " (gearchiveerd)") };
        let naam = text(format!("{}{label}", i.naam)).size(14);
        c = c.push(
            row![
                if i.actief { naam } else { naam.style(theme::gedempt) },
                space::horizontal(),
                button(text("Hernoemen").size(12))
                    .on_press(Message::Hernoem(l, i.id.clone(), i.naam.clone()))
                    .style(Knop::Link.stijl()),
                button(text(knop).size(12))
                    .on_press(Message::Actief(l, i.id.clone(), !i.actief))
                    .style(Knop::Link.stijl()),
            ]
            .align_y(iced::Center),
        );
    }
    c.push(
        row![
            invoer("Nieuwe naam", nieuw, move |t| Message::NieuweNaam(l, t))
                .on_submit(Message::Toevoegen(l))
                .id(id)
                .width(Fill),
            button(text(knop_toevoegen)).on_press(Message::Toevoegen(l)).style(Knop::Secundair.stijl()),
        ]
        .spacing(6),
    )
    .width(Fill)
    .into()
}

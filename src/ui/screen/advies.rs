//! Adviesvragen ("advies kort", issue 22): the list with a filter on thema, gemeente and
//! period, the form for a new or corrected adviesvraag (Enter saves, Esc cancels), and
//! per selected adviesvraag: edit, convert into an aanmelding, remove with a reason.
//!
//! Every read and write is an [`Event`] the root turns into a store call off the event
//! loop (`Hoofd::lees` / `Hoofd::schrijf`); the result comes back as a past-tense message.
//! While a save runs the screen shows "Bezig met …" and starts no second one.

use crate::store::{AdviesFilter, AdviesWijziging, Adviesvraag, Contactpersoon, LijstItem, NieuweAdviesvraag, Partner};
use crate::ui::theme::{self, Knop, Vlak};
use crate::ui::widgets::{Keuze, banner, datum, invoer, kies, nl_datum, partner_keuze, veld};
use iced::widget::{button, column, container, row, scrollable, space, text};
use iced::{Element, Fill, Task};

/// What the screen shows, read in one go.
#[derive(Debug, Clone, Default)]
pub struct Gegevens {
    /// The adviesvragen matching the filter, newest first.
    pub lijst: Vec<Adviesvraag>,
    /// All adviesvragen (the sidebar count).
    pub aantal: i64,
    /// The thema list.
    pub themas: Vec<LijstItem>,
    /// The gemeente list.
    pub gemeenten: Vec<LijstItem>,
    /// Partners (vraagsteller), archived ones included for existing records.
    pub partners: Vec<Partner>,
    /// Contact persons per partner.
    pub contacten: Vec<Contactpersoon>,
}

/// Which pick list of the form or filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeuzeVeld {
    /// Thema of the form.
    Thema,
    /// Gemeente of the form.
    Gemeente,
    /// Vraagsteller (partner) of the form.
    Vraagsteller,
    /// Contact person of the form.
    Contact,
    /// Thema filter.
    FilterThema,
    /// Gemeente filter.
    FilterGemeente,
}

/// Which text field of the form or filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TekstVeld {
    /// Date of the question.
    Datum,
    /// Initials.
    Initialen,
    /// The question.
    Vraag,
    /// The advice given.
    Advies,
    /// Minutes spent.
    Minuten,
    /// Referred to.
    Doorverwezen,
    /// Filter: from.
    Van,
    /// Filter: up to.
    Tot,
    /// Werknaam of the casus to convert into.
    Werknaam,
    /// Reason for removal.
    Reden,
}

/// The form for a new or existing adviesvraag.
#[derive(Debug, Clone, Default)]
struct Formulier {
    /// `None`: new.
    id: Option<String>,
    datum: String,
    thema: Option<Keuze>,
    gemeente: Option<Keuze>,
    vraagsteller: Option<Keuze>,
    contact: Option<Keuze>,
    initialen: String,
    vraag: String,
    advies: String,
    minuten: String,
    doorverwezen: String,
}

/// State of the screen.
#[derive(Debug, Clone, Default)]
pub struct State {
    gegevens: Gegevens,
    filter_thema: Option<Keuze>,
    filter_gemeente: Option<Keuze>,
    filter_van: String,
    filter_tot: String,
    formulier: Option<Formulier>,
    gekozen: Option<String>,
    werknaam: String,
    reden: String,
    bezig: Option<&'static str>,
    fout: Option<String>,
    melding: Option<String>,
    /// The casus the last conversion made (offered to open).
    omgezet: Option<String>,
}

/// What the user does, and what comes back.
#[derive(Debug, Clone)]
pub enum Message {
    /// Read the list again with the filter.
    Laden,
    /// The list and the pick lists were read.
    Geladen(Result<Box<Gegevens>, String>),
    /// A pick list changed.
    Kies(KeuzeVeld, Keuze),
    /// A text field changed.
    Tekst(TekstVeld, String),
    /// Clear the filter.
    FilterWissen,
    /// Open the form for a new adviesvraag.
    Nieuw,
    /// Select an adviesvraag in the list.
    Selecteer(String),
    /// Open the form for the selected adviesvraag.
    Bewerk,
    /// Save the form.
    Opslaan,
    /// Close the form or the selection without saving.
    Annuleer,
    /// The form was saved (the id).
    Opgeslagen(Result<String, String>),
    /// Convert the selected adviesvraag into an aanmelding.
    Omzetten,
    /// It was converted (the casusnummer).
    Omgezet(Result<String, String>),
    /// Remove the selected adviesvraag with the reason typed.
    Verwijderen,
    /// It was removed.
    Verwijderd(Result<(), String>),
    /// Open a casus (the one an adviesvraag became).
    OpenCasus(String),
    /// Close the message.
    SluitMelding,
}

/// What the screen asks of the app.
#[derive(Debug, Clone)]
pub enum Event {
    /// Read [`Gegevens`] for this filter.
    Laad(AdviesFilter),
    /// Record a new adviesvraag.
    Nieuw(NieuweAdviesvraag),
    /// Correct an adviesvraag.
    Wijzig(String, AdviesWijziging),
    /// Convert into an aanmelding, with this werknaam (empty: the default).
    Omzet(String, String),
    /// Remove with a reason.
    Verwijder(String, String),
    /// Open this casus.
    OpenCasus(String),
}

fn keuzes(items: &[LijstItem], ook: Option<&str>) -> Vec<Keuze> {
    items.iter().filter(|i| i.actief || Some(i.id.as_str()) == ook).map(|i| Keuze::new(&i.id, &i.naam)).collect()
}

impl State {
    /// The screen with the number of adviesvragen known at start (the sidebar count).
    pub fn new(aantal: i64) -> State {
        State { gegevens: Gegevens { aantal, ..Default::default() }, ..Default::default() }
    }

    /// A new number of adviesvragen (after a bundle was read).
    pub fn zet_aantal(&mut self, aantal: i64) {
        self.gegevens.aantal = aantal;
    }

    /// The number of adviesvragen, for the sidebar.
    pub fn aantal(&self) -> i64 {
        self.gegevens.aantal
    }

    fn filter(&mut self) -> Option<AdviesFilter> {
        let van = datum(&self.filter_van);
        let tot = datum(&self.filter_tot);
        match (van, tot) {
            (Ok(van), Ok(tot)) => Some(AdviesFilter {
                thema_id: self.filter_thema.as_ref().map(|k| k.id.clone()),
                gemeente_id: self.filter_gemeente.as_ref().map(|k| k.id.clone()),
                van,
                tot,
            }),
            (Err(f), _) | (_, Err(f)) => {
                self.fout = Some(f);
                None
            }
        }
    }

    fn laad(&mut self) -> Option<Event> {
        self.filter().map(Event::Laad)
    }

    fn gekozen(&self) -> Option<&Adviesvraag> {
        let id = self.gekozen.as_deref()?;
        self.gegevens.lijst.iter().find(|a| a.id == id)
    }

    fn formulier_van(&self, a: &Adviesvraag) -> Formulier {
        let keuze = |id: &Option<String>, naam: &str| id.as_ref().map(|i| Keuze::new(i, naam));
        Formulier {
            id: Some(a.id.clone()),
            datum: nl_datum(&a.datum),
            thema: keuze(&a.thema_id, &a.thema),
            gemeente: keuze(&a.gemeente_id, &a.gemeente),
            vraagsteller: keuze(&a.partner_id, &a.vraagsteller),
            contact: keuze(&a.contact_id, &a.contact),
            initialen: a.initialen.clone(),
            vraag: a.vraag.clone(),
            advies: a.advies.clone(),
            minuten: a.minuten.to_string(),
            doorverwezen: a.doorverwezen.clone(),
        }
    }

    /// The form as a store request, or the Dutch reason it cannot be one.
    fn opslaan(&self, f: &Formulier) -> Result<Event, String> {
        let d = datum(&f.datum)?;
        let minuten = match f.minuten.trim() {
            "" => 0,
            m => m.parse::<i64>().map_err(|_| format!("'{m}' is geen aantal minuten; vul een heel getal in."))?,
        };
        let thema = f.thema.as_ref().map(|k| k.id.clone()).unwrap_or_default();
        let gemeente = f.gemeente.as_ref().map(|k| k.id.clone()).unwrap_or_default();
        let partner_id = f.vraagsteller.as_ref().map(|k| k.id.clone());
        let contact_id = f.contact.as_ref().map(|k| k.id.clone());
        Ok(match &f.id {
            None => Event::Nieuw(NieuweAdviesvraag {
                datum: d,
                thema,
                gemeente,
                vraag: f.vraag.clone(),
                partner_id,
                contact_id,
                initialen: f.initialen.clone(),
                advies: f.advies.clone(),
                minuten,
                doorverwezen: f.doorverwezen.clone(),
            }),
            Some(id) => Event::Wijzig(
                id.clone(),
                AdviesWijziging {
                    datum: d,
                    thema: Some(thema),
                    gemeente: Some(gemeente),
                    vraag: Some(f.vraag.clone()),
                    partner_id: Some(partner_id),
                    contact_id: Some(contact_id),
                    initialen: Some(f.initialen.clone()),
                    advies: Some(f.advies.clone()),
                    minuten: Some(minuten),
                    doorverwezen: Some(f.doorverwezen.clone()),
                },
            ),
        })
    }

    fn klaar(&mut self, r: Result<String, String>, zin: impl FnOnce(&str) -> String) -> Option<Event> {
        self.bezig = None;
        match r {
            Ok(x) => {
                self.fout = None;
                self.melding = Some(zin(&x));
                self.laad()
            }
            Err(f) => {
                self.fout = Some(f);
                None
            }
        }
    }

    /// Handle a message.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        let event = match message {
            Message::Laden => self.laad(),
            Message::Geladen(Ok(g)) => {
                if self.gekozen.as_ref().is_some_and(|id| !g.lijst.iter().any(|a| &a.id == id)) {
                    self.gekozen = None;
                }
                self.gegevens = *g;
                None
            }
            Message::Geladen(Err(f)) => {
                self.fout = Some(f);
                None
            }
            Message::Kies(v, k) => {
                match (v, self.formulier.as_mut()) {
                    (KeuzeVeld::FilterThema, _) => self.filter_thema = Some(k),
                    (KeuzeVeld::FilterGemeente, _) => self.filter_gemeente = Some(k),
                    (KeuzeVeld::Thema, Some(f)) => f.thema = Some(k),
                    (KeuzeVeld::Gemeente, Some(f)) => f.gemeente = Some(k),
                    (KeuzeVeld::Vraagsteller, Some(f)) => {
                        if f.vraagsteller.as_ref() != Some(&k) {
                            f.contact = None;
                        }
                        f.vraagsteller = Some(k);
                    }
                    (KeuzeVeld::Contact, Some(f)) => f.contact = Some(k),
                    (_, None) => {}
                }
                if matches!(v, KeuzeVeld::FilterThema | KeuzeVeld::FilterGemeente) { self.laad() } else { None }
            }
            Message::Tekst(v, t) => {
                match (v, self.formulier.as_mut()) {
                    (TekstVeld::Van, _) => self.filter_van = t,
                    (TekstVeld::Tot, _) => self.filter_tot = t,
                    (TekstVeld::Werknaam, _) => self.werknaam = t,
                    (TekstVeld::Reden, _) => self.reden = t,
                    (TekstVeld::Datum, Some(f)) => f.datum = t,
                    (TekstVeld::Initialen, Some(f)) => f.initialen = t,
                    (TekstVeld::Vraag, Some(f)) => f.vraag = t,
                    (TekstVeld::Advies, Some(f)) => f.advies = t,
                    (TekstVeld::Minuten, Some(f)) => f.minuten = t,
                    (TekstVeld::Doorverwezen, Some(f)) => f.doorverwezen = t,
                    (_, None) => {}
                }
                None
            }
            Message::FilterWissen => {
                self.filter_thema = None;
                self.filter_gemeente = None;
                self.filter_van.clear();
                self.filter_tot.clear();
                self.laad()
            }
            Message::Nieuw => {
                self.formulier = Some(Formulier {
                    datum: chrono::Local::now().date_naive().format("%d-%m-%Y").to_string(),
                    minuten: "0".into(),
                    ..Default::default()
                });
                self.fout = None;
                None
            }
            Message::Selecteer(id) => {
                self.gekozen = Some(id);
                self.werknaam.clear();
                self.reden.clear();
                None
            }
            Message::Bewerk => {
                self.formulier = self.gekozen().map(|a| self.formulier_van(a));
                None
            }
            Message::Opslaan if self.bezig.is_some() => None,
            Message::Opslaan => match self.formulier.as_ref().map(|f| self.opslaan(f)) {
                Some(Ok(e)) => {
                    self.bezig = Some("Bezig met opslaan…");
                    Some(e)
                }
                Some(Err(f)) => {
                    self.fout = Some(f);
                    None
                }
                None => None,
            },
            Message::Annuleer => {
                if self.formulier.take().is_none() {
                    self.gekozen = None;
                }
                self.fout = None;
                None
            }
            Message::Opgeslagen(r) => {
                let nieuw = self.formulier.as_ref().is_some_and(|f| f.id.is_none());
                if r.is_ok() {
                    self.formulier = None;
                }
                if let Ok(id) = &r {
                    self.gekozen = Some(id.clone());
                }
                self.klaar(
                    r,
                    |_| if nieuw { "Adviesvraag vastgelegd.".into() } else { "Adviesvraag gewijzigd.".into() },
                )
            }
            Message::Omzetten if self.bezig.is_some() => None,
            Message::Omzetten => self.gekozen.clone().map(|id| {
                self.bezig = Some("Bezig met omzetten…");
                Event::Omzet(id, self.werknaam.clone())
            }),
            Message::Omgezet(r) => {
                if let Ok(n) = &r {
                    self.omgezet = Some(n.clone());
                }
                self.klaar(r, |n| format!("Adviesvraag omgezet naar aanmelding: casus {n}."))
            }
            Message::Verwijderen if self.bezig.is_some() => None,
            Message::Verwijderen => self.gekozen.clone().map(|id| {
                self.bezig = Some("Bezig met verwijderen…");
                Event::Verwijder(id, self.reden.clone())
            }),
            Message::Verwijderd(r) => {
                if r.is_ok() {
                    self.gekozen = None;
                }
                self.klaar(r.map(|()| String::new()), |_| "Adviesvraag verwijderd.".into())
            }
            Message::OpenCasus(n) => Some(Event::OpenCasus(n)),
            Message::SluitMelding => {
                self.fout = None;
                self.melding = None;
                None
            }
        };
        (Task::none(), event)
    }

    fn formulier_view<'a>(&'a self, f: &'a Formulier) -> Element<'a, Message> {
        let g = &self.gegevens;
        let themas = keuzes(&g.themas, f.thema.as_ref().map(|k| k.id.as_str()));
        let gemeenten = keuzes(&g.gemeenten, f.gemeente.as_ref().map(|k| k.id.as_str()));
        let partners: Vec<Keuze> = g
            .partners
            .iter()
            .filter(|p| !p.gearchiveerd || f.vraagsteller.as_ref().is_some_and(|k| k.id == p.id))
            .map(partner_keuze)
            .collect();
        let contacten: Vec<Keuze> = g
            .contacten
            .iter()
            .filter(|c| f.vraagsteller.as_ref().is_some_and(|k| c.partner_id.as_deref() == Some(k.id.as_str())))
            .filter(|c| !c.gearchiveerd || f.contact.as_ref().is_some_and(|k| k.id == c.id))
            .map(|c| Keuze::new(&c.id, &c.naam))
            .collect();
        let tekst = |id: &'static str, ph: &str, w: &str, v: TekstVeld| {
            invoer(ph, w, move |t| Message::Tekst(v, t)).on_submit(Message::Opslaan).id(id)
        };
        let titel = if f.id.is_some() { "Adviesvraag wijzigen" } else { "Nieuwe adviesvraag" };
        let knop = match self.bezig {
            Some(b) => button(text(b)).style(Knop::Primair.stijl()),
            None => button(text("Adviesvraag opslaan")).on_press(Message::Opslaan).style(Knop::Primair.stijl()),
        };
        container(
            column![
                text(titel).size(18),
                row![
                    veld("Datum", tekst("advies-datum", "dd-mm-jjjj", &f.datum, TekstVeld::Datum).width(130), None),
                    veld(
                        "Thema",
                        kies(themas, f.thema.clone(), |k| Message::Kies(KeuzeVeld::Thema, k))
                            .placeholder("Kies een thema"),
                        None
                    ),
                    veld(
                        "Gemeente",
                        kies(gemeenten, f.gemeente.clone(), |k| Message::Kies(KeuzeVeld::Gemeente, k))
                            .placeholder("Kies een gemeente"),
                        None
                    ),
                ]
                .spacing(10),
                row![
                    veld(
                        "Vraagsteller",
                        kies(partners, f.vraagsteller.clone(), |k| Message::Kies(KeuzeVeld::Vraagsteller, k))
                            .placeholder("Partner"),
                        None
                    ),
                    veld(
                        "Contactpersoon",
                        kies(contacten, f.contact.clone(), |k| Message::Kies(KeuzeVeld::Contact, k))
                            .placeholder("Contactpersoon"),
                        None
                    ),
                    veld(
                        "Initialen (geen persoonsgegevens)",
                        tekst("advies-initialen", "bijv. J.d.V.", &f.initialen, TekstVeld::Initialen).width(160),
                        None
                    ),
                ]
                .spacing(10),
                veld(
                    "Vraag",
                    tekst("advies-vraag", "Wat wil de vraagsteller weten?", &f.vraag, TekstVeld::Vraag),
                    None
                ),
                veld("Gegeven advies", tekst("advies-advies", "Het advies", &f.advies, TekstVeld::Advies), None),
                row![
                    veld(
                        "Bestede tijd (minuten)",
                        tekst("advies-minuten", "0", &f.minuten, TekstVeld::Minuten).width(120),
                        None
                    ),
                    veld(
                        "Doorverwezen naar",
                        tekst("advies-doorverwezen", "Organisatie", &f.doorverwezen, TekstVeld::Doorverwezen),
                        None
                    ),
                ]
                .spacing(10),
                row![
                    knop,
                    button(text("Annuleren")).on_press(Message::Annuleer).style(Knop::Secundair.stijl()),
                    text("Enter slaat op, Esc annuleert").size(12).style(theme::gedempt),
                ]
                .spacing(8)
                .align_y(iced::Center),
            ]
            .spacing(10),
        )
        .padding(12)
        .style(Vlak::Paneel.stijl())
        .into()
    }

    fn gekozen_view<'a>(&'a self, a: &'a Adviesvraag) -> Element<'a, Message> {
        let mut c = column![text(format!("Adviesvraag van {}", nl_datum(&a.datum))).size(18)].spacing(6);
        let regel = |label: &'a str, waarde: String| {
            row![text(label).size(13).style(theme::gedempt).width(240), text(waarde).size(14)]
        };
        c = c.push(regel("Thema", a.thema.clone())).push(regel("Gemeente", a.gemeente.clone()));
        if !a.vraagsteller.is_empty() {
            let contact = if a.contact.is_empty() { String::new() } else { format!(" ({})", a.contact) };
            c = c.push(regel("Vraagsteller", format!("{}{contact}", a.vraagsteller)));
        }
        c = c
            .push(regel("Initialen (geen persoonsgegevens)", a.initialen.clone()))
            .push(regel("Vraag", a.vraag.clone()))
            .push(regel("Gegeven advies", a.advies.clone()))
            .push(regel("Bestede tijd", format!("{} minuten", a.minuten)))
            .push(regel("Doorverwezen naar", a.doorverwezen.clone()));
        let bezig = self.bezig.is_some();
        let knop = |label: &'a str, m: Message, stijl: Knop| {
            let b = button(text(label)).style(stijl.stijl());
            if bezig { b } else { b.on_press(m) }
        };
        match (&a.casusnummer, &a.casus_id) {
            (Some(n), _) => {
                c = c.push(
                    row![
                        text(format!("Omgezet naar aanmelding: casus {n}")).size(14),
                        button(text(format!("Open casus {n}")))
                            .on_press(Message::OpenCasus(n.clone()))
                            .style(Knop::Link.stijl()),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                );
                c = c.push(knop("Wijzigen", Message::Bewerk, Knop::Secundair));
            }
            (None, Some(_)) => c = c.push(text("Omgezet naar een aanmelding (casus niet op dit apparaat)").size(14)),
            (None, None) => {
                c = c.push(
                    row![
                        knop("Wijzigen", Message::Bewerk, Knop::Secundair),
                        invoer("Werknaam van de casus (mag leeg)", &self.werknaam, |t| {
                            Message::Tekst(TekstVeld::Werknaam, t)
                        })
                        .on_submit(Message::Omzetten)
                        .id("advies-werknaam")
                        .width(260),
                        knop("Omzetten naar aanmelding", Message::Omzetten, Knop::Primair),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                );
                c = c.push(
                    row![
                        invoer("Reden van verwijderen", &self.reden, |t| Message::Tekst(TekstVeld::Reden, t))
                            .id("advies-reden")
                            .width(260),
                        knop("Verwijderen", Message::Verwijderen, Knop::Gevaar),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                );
            }
        }
        if let Some(b) = self.bezig {
            c = c.push(text(b).size(13).style(theme::gedempt));
        }
        container(c).padding(12).style(Vlak::Paneel.stijl()).into()
    }

    /// The view.
    pub fn view(&self) -> Element<'_, Message> {
        let g = &self.gegevens;
        let filter = row![
            veld(
                "Thema",
                kies(keuzes(&g.themas, None), self.filter_thema.clone(), |k| Message::Kies(KeuzeVeld::FilterThema, k))
                    .placeholder("Alle thema's"),
                None
            ),
            veld(
                "Gemeente",
                kies(keuzes(&g.gemeenten, None), self.filter_gemeente.clone(), |k| {
                    Message::Kies(KeuzeVeld::FilterGemeente, k)
                })
                .placeholder("Alle gemeenten"),
                None
            ),
            veld(
                "Van",
                invoer("dd-mm-jjjj", &self.filter_van, |t| Message::Tekst(TekstVeld::Van, t))
                    .on_submit(Message::Laden)
                    .id("advies-van")
                    .width(120),
                None
            ),
            veld(
                "Tot en met",
                invoer("dd-mm-jjjj", &self.filter_tot, |t| Message::Tekst(TekstVeld::Tot, t))
                    .on_submit(Message::Laden)
                    .id("advies-tot")
                    .width(120),
                None
            ),
            column![
                text(" ").size(13),
                row![
                    button(text("Filteren")).on_press(Message::Laden).style(Knop::Secundair.stijl()),
                    button(text("Filter wissen")).on_press(Message::FilterWissen).style(Knop::Link.stijl()),
                ]
                .spacing(6)
            ]
            .spacing(3),
        ]
        .spacing(10);
        let mut kolom = column![
            row![
                text("Adviesvragen").size(22),
                space::horizontal(),
                button(text("Nieuwe adviesvraag")).on_press(Message::Nieuw).style(Knop::Primair.stijl()),
            ]
            .align_y(iced::Center),
            text("Advies kort: vragen van partners en gemeenten zonder aanmelding. Geen persoonsgegevens; hooguit initialen.")
                .size(13)
                .style(theme::gedempt),
            filter,
        ]
        .spacing(12);
        if let Some(f) = &self.fout {
            kolom = kolom.push(banner(Vlak::Fout, f, Some(Message::SluitMelding)));
        } else if let Some(m) = &self.melding {
            kolom = kolom.push(banner(Vlak::Info, m, Some(Message::SluitMelding)));
        }
        if let Some(f) = &self.formulier {
            kolom = kolom.push(self.formulier_view(f));
        } else if let Some(a) = self.gekozen() {
            kolom = kolom.push(self.gekozen_view(a));
        }
        let minuten: i64 = g.lijst.iter().map(|a| a.minuten).sum();
        kolom = kolom.push(
            text(format!(
                "{} · {} minuten",
                crate::domain::aantal(g.lijst.len(), "adviesvraag", "adviesvragen"),
                minuten
            ))
            .size(14),
        );
        let mut lijst = column![].spacing(4);
        for a in &g.lijst {
            let mut r = row![
                text(nl_datum(&a.datum)).size(14).width(100),
                text(&a.gemeente).size(14).width(160),
                text(&a.thema).size(14).width(200),
                text(&a.vraag).size(14).width(Fill),
                text(format!("{} min", a.minuten)).size(14).width(70),
            ]
            .spacing(8);
            if let Some(n) = &a.casusnummer {
                r = r.push(text(format!("casus {n}")).size(13).style(theme::gedempt));
            }
            let gekozen = self.gekozen.as_deref() == Some(a.id.as_str());
            lijst = lijst.push(button(r).on_press(Message::Selecteer(a.id.clone())).width(Fill).style(if gekozen {
                Knop::KaartGeselecteerd.stijl()
            } else {
                Knop::Kaart.stijl()
            }));
        }
        if g.lijst.is_empty() {
            lijst = lijst.push(text("Geen adviesvragen gevonden.").size(14).style(theme::gedempt));
        }
        kolom = kolom.push(lijst);
        if let Some(n) = &self.omgezet
            && self.gekozen.is_none()
        {
            kolom = kolom.push(
                button(text(format!("Open casus {n}")))
                    .on_press(Message::OpenCasus(n.clone()))
                    .style(Knop::Link.stijl()),
            );
        }
        scrollable(kolom.padding(16)).into()
    }
}

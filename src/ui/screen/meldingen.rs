//! Meldingen: detentiemeldingen sorted by expected release, "uitstroom binnen 4 weken"
//! highlighted, and per melding its steps (ontvangen → verrijkt → getrieerd →
//! overgedragen or omgezet), the checklist of sources, triage, overdracht, conversion into
//! a nazorg casus, the aanbod per leefgebied, correction and removal (issue 22).
//!
//! The screen never touches the store: it asks the root app with an [`Event`] and gets the
//! answer back as [`Message::Geladen`], [`Message::DetailGeladen`] or
//! [`Message::Opgeslagen`]; while a change is being saved the screen shows "Bezig…".

use crate::domain::{AanbodGebied, AanbodStatus, Informatiebron, MeldingStatus, TriageRoute, nl_datum};
use crate::store::{MeldingDetail, MeldingRegel, MeldingWijziging, NieuweMelding};
use crate::ui::theme::{self, Knop, Vlak};
use crate::ui::widgets::{self, Keuze, banner, datum, invoer, kies, veld};
use iced::widget::{button, checkbox, column, container, row, scrollable, text};
use iced::{Element, Fill, Task};

/// What the root app reads for this screen: the list and the choices of the forms.
#[derive(Debug, Clone, Default)]
pub struct Gegevens {
    /// Meldingen sorted by expected release.
    pub meldingen: Vec<MeldingRegel>,
    /// Active medewerkers (behandelaar).
    pub medewerkers: Vec<Keuze>,
    /// Active gemeenten.
    pub gemeenten: Vec<Keuze>,
    /// Active contacts, "Naam (Partner)".
    pub contacten: Vec<Keuze>,
}

/// What a saved change brings back: the list, the melding (`None` when removed) and the
/// sentence that confirms it.
pub type Opgeslagen = (Gegevens, Option<MeldingDetail>, String);

/// A change the user asked for; the root app runs it on the store.
#[derive(Debug, Clone)]
pub enum Opdracht {
    /// Register a melding.
    Nieuw(NieuweMelding),
    /// A source asked (`None`) or answered.
    Verrijk(String, Informatiebron, Option<String>),
    /// Triage with a reason.
    Triage(String, TriageRoute, String),
    /// Hand over to a contact, warm or not.
    Overdragen(String, String, bool),
    /// Convert into a casus with this werknaam (empty: the default).
    Omzetten(String, String),
    /// The aanbod of one leefgebied.
    Aanbod(String, AanbodGebied, AanbodStatus),
    /// Correct fields with a reason.
    Wijzig(String, MeldingWijziging, String),
    /// Remove with a reason.
    Verwijder(String, String),
    /// Correct the text of note `.1` of melding `.0`.
    NotitieWijzig(String, String, String),
    /// Remove note `.1` of melding `.0` with reason `.2`.
    NotitieVerwijder(String, String, String),
}

/// A text field of the screen's forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Veld {
    /// New: name.
    Naam,
    /// New: birth date.
    Geboortedatum,
    /// New: BSN.
    Bsn,
    /// New: institution.
    Inrichting,
    /// New: start of detention.
    Start,
    /// New: expected release.
    Verwacht,
    /// Checklist: the answer of a source.
    Antwoord,
    /// Triage: reason.
    TriageReden,
    /// Omzetten: werknaam.
    Werknaam,
    /// Correction: name.
    CorrectieNaam,
    /// Correction: expected release.
    CorrectieVerwacht,
    /// Correction: real release.
    CorrectieUitstroom,
    /// Correction: reason.
    CorrectieReden,
    /// Removal: reason.
    VerwijderReden,
}

/// Messages of the meldingen screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// The list and choices were read (or not).
    Geladen(Result<Gegevens, String>),
    /// Open a melding from the list (its id).
    Kies(String),
    /// The opened melding was read (or not).
    DetailGeladen(Result<Box<MeldingDetail>, String>),
    /// Open the form for a new melding.
    Nieuw,
    /// Close the form for a new melding and the note edit or removal (Esc).
    Annuleer,
    /// A text field changed.
    Tekst(Veld, String),
    /// New: the source of the melding chosen.
    Bron(Informatiebron),
    /// New: the gemeente chosen.
    Gemeente(Keuze),
    /// New or correction: the behandelaar chosen.
    Behandelaar(Keuze),
    /// New: zelfmelder ticked.
    Zelfmelder(bool),
    /// New: kortgestrafte ticked.
    Kortgestrafte(bool),
    /// Save the new melding.
    Toevoegen,
    /// Checklist: the source chosen.
    VerrijkBron(Informatiebron),
    /// Record that the chosen source was asked.
    Gevraagd,
    /// Record the chosen source's answer.
    Beantwoord,
    /// Triage: the route chosen.
    Route(TriageRoute),
    /// Save the triage.
    Trieer,
    /// Overdracht: the contact chosen.
    Contact(Keuze),
    /// Overdracht: warm ticked.
    Warm(bool),
    /// Hand the melding over.
    Overdragen,
    /// Convert the melding into a casus.
    Omzetten,
    /// The aanbod of a leefgebied chosen (saved at once).
    Aanbod(AanbodGebied, AanbodStatus),
    /// Save the correction.
    Corrigeer,
    /// Remove the melding.
    Verwijder,
    /// Open the inline correction of note `.0`.
    NotitieWijzigen(String),
    /// Type the corrected text of the note.
    NotitieTekst(String),
    /// Save the correction of the note (Enter).
    NotitieOpslaan,
    /// Ask to remove note `.0` (a reason is required).
    NotitieVerwijderen(String),
    /// Type the reason of removing the note.
    NotitieVerwijderReden(String),
    /// Confirm removing the note.
    NotitieVerwijderenBevestigd,
    /// A change came back: the list, the melding (`None` when removed) and the sentence.
    Opgeslagen(Result<Box<Opgeslagen>, String>),
    /// Open the casus a melding became.
    OpenCasus(String),
    /// Close the banner.
    SluitMelding,
}

/// What the root app must do.
#[derive(Debug, Clone)]
pub enum Event {
    /// Read the melding with this id (an inzage: audited).
    Open(String),
    /// Run this change, then read the list and the open melding again.
    Opslaan(Opdracht),
    /// Open casus `nummer` (a converted melding).
    OpenCasus(String),
}

/// The form for a new melding.
#[derive(Debug, Clone, Default)]
struct Formulier {
    naam: String,
    geboortedatum: String,
    bsn: String,
    inrichting: String,
    start: String,
    verwacht: String,
    bron: Option<Informatiebron>,
    gemeente: Option<Keuze>,
    behandelaar: Option<Keuze>,
    zelfmelder: bool,
    kortgestrafte: bool,
}

/// State of the meldingen screen.
#[derive(Debug, Clone, Default)]
pub struct State {
    gegevens: Gegevens,
    gekozen: Option<MeldingDetail>,
    nieuw: Option<Formulier>,
    verrijk_bron: Option<Informatiebron>,
    antwoord: String,
    route: Option<TriageRoute>,
    triage_reden: String,
    contact: Option<Keuze>,
    warm: bool,
    werknaam: String,
    correctie_naam: String,
    correctie_verwacht: String,
    correctie_uitstroom: String,
    correctie_behandelaar: Option<Keuze>,
    correctie_reden: String,
    verwijder_reden: String,
    /// The note being corrected inline: its id and the edited text.
    notitie_bewerk: Option<(String, String)>,
    /// The note asked to be removed: its id and the reason typed.
    notitie_weg: Option<(String, String)>,
    bezig: bool,
    /// The field the change being saved came from: emptied when it succeeds (the other
    /// forms keep what was typed).
    te_wissen: Option<Veld>,
    fout: Option<String>,
    melding: Option<String>,
}

fn datum_of_fout(t: &str) -> Result<Option<chrono::NaiveDate>, String> {
    datum(t)
}

impl State {
    /// An empty screen (the root app reads the list when the page opens).
    pub fn new() -> State {
        State::default()
    }

    /// Show an error sentence.
    pub fn toon_fout(&mut self, f: String) {
        self.fout = Some(f);
        self.melding = None;
    }

    /// A change is being saved.
    pub fn is_bezig(&self) -> bool {
        self.bezig
    }

    fn zet_detail(&mut self, d: Option<MeldingDetail>) {
        if let Some(d) = &d {
            self.correctie_naam = d.naam.clone();
            self.correctie_verwacht = d.einddatum_verwacht.as_deref().map(nl_datum).unwrap_or_default();
            self.correctie_uitstroom = d.einddatum_werkelijk.as_deref().map(nl_datum).unwrap_or_default();
            self.correctie_behandelaar =
                d.behandelaar_id.as_ref().and_then(|b| self.gegevens.medewerkers.iter().find(|k| &k.id == b).cloned());
        }
        self.gekozen = d;
    }

    fn opslaan(&mut self, o: Opdracht) -> Option<Event> {
        if self.bezig {
            return None;
        }
        self.bezig = true;
        self.fout = None;
        self.te_wissen = match &o {
            Opdracht::Verrijk(..) => Some(Veld::Antwoord),
            Opdracht::Triage(..) => Some(Veld::TriageReden),
            Opdracht::Omzetten(..) => Some(Veld::Werknaam),
            Opdracht::Wijzig(..) => Some(Veld::CorrectieReden),
            Opdracht::Verwijder(..) => Some(Veld::VerwijderReden),
            Opdracht::Nieuw(_)
            | Opdracht::Overdragen(..)
            | Opdracht::Aanbod(..)
            | Opdracht::NotitieWijzig(..)
            | Opdracht::NotitieVerwijder(..) => None,
        };
        Some(Event::Opslaan(o))
    }

    fn open_id(&self) -> Option<String> {
        self.gekozen.as_ref().map(|d| d.id.clone())
    }

    /// Handle a message.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        let mut event = None;
        match message {
            Message::Geladen(Ok(g)) => self.gegevens = g,
            Message::Geladen(Err(e)) | Message::DetailGeladen(Err(e)) => self.toon_fout(e),
            Message::Kies(id) => {
                self.nieuw = None;
                event = Some(Event::Open(id));
            }
            Message::DetailGeladen(Ok(d)) => {
                self.fout = None;
                self.zet_detail(Some(*d));
            }
            Message::Nieuw => {
                self.nieuw =
                    Some(Formulier { behandelaar: self.gegevens.medewerkers.first().cloned(), ..Default::default() });
                self.gekozen = None;
            }
            Message::Annuleer => {
                self.nieuw = None;
                self.notitie_bewerk = None;
                self.notitie_weg = None;
            }
            Message::Tekst(v, t) => {
                if let Some(f) = self.nieuw.as_mut() {
                    match v {
                        Veld::Naam => f.naam = t.clone(),
                        Veld::Geboortedatum => f.geboortedatum = t.clone(),
                        Veld::Bsn => f.bsn = t.clone(),
                        Veld::Inrichting => f.inrichting = t.clone(),
                        Veld::Start => f.start = t.clone(),
                        Veld::Verwacht => f.verwacht = t.clone(),
                        _ => {}
                    }
                }
                match v {
                    Veld::Antwoord => self.antwoord = t,
                    Veld::TriageReden => self.triage_reden = t,
                    Veld::Werknaam => self.werknaam = t,
                    Veld::CorrectieNaam => self.correctie_naam = t,
                    Veld::CorrectieVerwacht => self.correctie_verwacht = t,
                    Veld::CorrectieUitstroom => self.correctie_uitstroom = t,
                    Veld::CorrectieReden => self.correctie_reden = t,
                    Veld::VerwijderReden => self.verwijder_reden = t,
                    _ => {}
                }
            }
            Message::Bron(b) => {
                if let Some(f) = self.nieuw.as_mut() {
                    f.bron = Some(b);
                }
            }
            Message::Gemeente(g) => {
                if let Some(f) = self.nieuw.as_mut() {
                    f.gemeente = Some(g);
                }
            }
            Message::Behandelaar(b) => match self.nieuw.as_mut() {
                Some(f) => f.behandelaar = Some(b),
                None => self.correctie_behandelaar = Some(b),
            },
            Message::Zelfmelder(z) => {
                if let Some(f) = self.nieuw.as_mut() {
                    f.zelfmelder = z;
                }
            }
            Message::Kortgestrafte(k) => {
                if let Some(f) = self.nieuw.as_mut() {
                    f.kortgestrafte = k;
                }
            }
            Message::Toevoegen => {
                let Some(f) = self.nieuw.clone() else { return (Task::none(), None) };
                let datums = (|| -> Result<_, String> {
                    Ok((datum_of_fout(&f.geboortedatum)?, datum_of_fout(&f.start)?, datum_of_fout(&f.verwacht)?))
                })();
                match datums {
                    Err(e) => self.toon_fout(e),
                    Ok((geboortedatum, startdatum, einddatum_verwacht)) => {
                        let n = NieuweMelding {
                            behandelaar: f.behandelaar.map(|k| k.id).unwrap_or_default(),
                            naam: f.naam,
                            geboortedatum,
                            bsn: Some(f.bsn).filter(|b| !b.trim().is_empty()),
                            bron: f.bron,
                            inrichting: f.inrichting,
                            startdatum,
                            einddatum_verwacht,
                            zelfmelder: f.zelfmelder,
                            kortgestrafte: f.kortgestrafte,
                            gemeente: f.gemeente.map(|k| k.id),
                            ontvangen_op: None,
                        };
                        event = self.opslaan(Opdracht::Nieuw(n));
                    }
                }
            }
            Message::VerrijkBron(b) => self.verrijk_bron = Some(b),
            Message::Gevraagd | Message::Beantwoord => {
                let antwoord = matches!(message, Message::Beantwoord);
                match (self.open_id(), self.verrijk_bron) {
                    (Some(id), Some(b)) => {
                        let tekst = antwoord.then(|| self.antwoord.clone());
                        event = self.opslaan(Opdracht::Verrijk(id, b, tekst));
                    }
                    _ => self.toon_fout("Kies eerst de bron (DJI, reclassering, gemeente, …).".into()),
                }
            }
            Message::Route(r) => self.route = Some(r),
            Message::Trieer => match (self.open_id(), self.route) {
                (Some(id), Some(r)) => event = self.opslaan(Opdracht::Triage(id, r, self.triage_reden.clone())),
                _ => self.toon_fout("Kies eerst de route: lokaal, Zorg- en Veiligheidshuis of PI.".into()),
            },
            Message::Contact(k) => self.contact = Some(k),
            Message::Warm(w) => self.warm = w,
            Message::Overdragen => match (self.open_id(), self.contact.clone()) {
                (Some(id), Some(k)) => event = self.opslaan(Opdracht::Overdragen(id, k.id, self.warm)),
                _ => self.toon_fout("Kies eerst de contactpersoon aan wie u de melding overdraagt.".into()),
            },
            Message::Omzetten => {
                if let Some(id) = self.open_id() {
                    event = self.opslaan(Opdracht::Omzetten(id, self.werknaam.clone()));
                }
            }
            Message::Aanbod(g, s) => {
                if let Some(id) = self.open_id() {
                    event = self.opslaan(Opdracht::Aanbod(id, g, s));
                }
            }
            Message::Corrigeer => {
                let Some(d) = self.gekozen.clone() else { return (Task::none(), None) };
                let datums = (|| -> Result<_, String> {
                    Ok((datum_of_fout(&self.correctie_verwacht)?, datum_of_fout(&self.correctie_uitstroom)?))
                })();
                match datums {
                    Err(e) => self.toon_fout(e),
                    Ok((verwacht, uitstroom)) => {
                        let iso = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
                        let w = MeldingWijziging {
                            naam: Some(self.correctie_naam.clone()).filter(|n| *n != d.naam),
                            einddatum_verwacht: (iso(verwacht) != d.einddatum_verwacht).then_some(verwacht),
                            einddatum_werkelijk: (iso(uitstroom) != d.einddatum_werkelijk).then_some(uitstroom),
                            behandelaar: self
                                .correctie_behandelaar
                                .as_ref()
                                .filter(|k| Some(&k.id) != d.behandelaar_id.as_ref())
                                .map(|k| k.id.clone()),
                            ..Default::default()
                        };
                        event = self.opslaan(Opdracht::Wijzig(d.id, w, self.correctie_reden.clone()));
                    }
                }
            }
            Message::Verwijder => {
                if let Some(id) = self.open_id() {
                    event = self.opslaan(Opdracht::Verwijder(id, self.verwijder_reden.clone()));
                }
            }
            Message::NotitieWijzigen(id) => {
                let tekst = self.gekozen.as_ref().and_then(|d| d.notities.iter().find(|n| n.id == id));
                if let Some(t) = tekst.map(|n| n.tekst.clone()) {
                    self.notitie_bewerk = Some((id, t));
                    self.notitie_weg = None;
                    self.fout = None;
                    self.melding = None;
                    return (iced::widget::operation::focus("notitie-bewerk"), None);
                }
            }
            Message::NotitieTekst(t) => {
                if let Some(b) = &mut self.notitie_bewerk {
                    b.1 = t;
                }
            }
            Message::NotitieOpslaan => {
                // The store checks the text, with the same sentence as the CLI.
                if let (Some(m), Some((id, t))) = (self.open_id(), self.notitie_bewerk.clone()) {
                    event = self.opslaan(Opdracht::NotitieWijzig(m, id, t));
                }
            }
            Message::NotitieVerwijderen(id) => {
                self.notitie_weg = Some((id, String::new()));
                self.notitie_bewerk = None;
                self.melding = None;
                return (iced::widget::operation::focus("notitie-verwijder-reden"), None);
            }
            Message::NotitieVerwijderReden(t) => {
                if let Some(v) = &mut self.notitie_weg {
                    v.1 = t;
                }
            }
            Message::NotitieVerwijderenBevestigd => {
                if let (Some(m), Some((id, reden))) = (self.open_id(), self.notitie_weg.clone()) {
                    event = self.opslaan(Opdracht::NotitieVerwijder(m, id, reden));
                }
            }
            Message::Opgeslagen(r) => {
                self.bezig = false;
                match r {
                    Ok(b) => {
                        let (g, d, zin) = *b;
                        self.notitie_bewerk = None;
                        self.notitie_weg = None;
                        self.gegevens = g;
                        if self.nieuw.is_some() {
                            self.nieuw = None;
                        }
                        self.zet_detail(d);
                        match self.te_wissen.take() {
                            Some(Veld::Antwoord) => self.antwoord.clear(),
                            Some(Veld::TriageReden) => self.triage_reden.clear(),
                            Some(Veld::Werknaam) => self.werknaam.clear(),
                            Some(Veld::CorrectieReden) => self.correctie_reden.clear(),
                            Some(Veld::VerwijderReden) => self.verwijder_reden.clear(),
                            _ => {}
                        }
                        self.fout = None;
                        self.melding = Some(zin);
                    }
                    Err(e) => self.toon_fout(e),
                }
            }
            Message::OpenCasus(n) => event = Some(Event::OpenCasus(n)),
            Message::SluitMelding => {
                self.fout = None;
                self.melding = None;
            }
        }
        (Task::none(), event)
    }

    fn lijst(&self) -> Element<'_, Message> {
        let leeg = self.gegevens.meldingen.is_empty().then_some("Nog geen meldingen.");
        let mut c = widgets::lijstkop("Detentiemeldingen", "Nieuwe melding", Message::Nieuw, leeg);
        for m in &self.gegevens.meldingen {
            let uitstroom = m.einddatum_verwacht.as_deref().map(nl_datum).unwrap_or_else(|| "onbekend".into());
            let mut regel = column![
                text(&m.naam).size(14),
                text(format!("{} · uitstroom {uitstroom} · {}", m.inrichting, m.status.label().to_lowercase()))
                    .size(12)
                    .style(theme::gedempt),
            ]
            .spacing(1);
            if m.uitstroom_binnenkort {
                let verstreken = m
                    .einddatum_verwacht
                    .as_deref()
                    .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    .is_some_and(|d| d < chrono::Local::now().date_naive());
                let signaal = if verstreken { "Verwachte uitstroom verstreken" } else { "Uitstroom binnen 4 weken" };
                regel = regel.push(container(text(signaal).size(12)).padding([1, 6]).style(Vlak::Waarschuwing.stijl()));
            }
            let gekozen = self.gekozen.as_ref().is_some_and(|d| d.id == m.id);
            let stijl = if gekozen { Knop::KaartGeselecteerd } else { Knop::Kaart };
            c = c.push(button(regel).on_press(Message::Kies(m.id.clone())).width(Fill).style(stijl.stijl()));
        }
        scrollable(c.padding(iced::Padding::new(4.0).right(16))).height(Fill).into()
    }

    fn formulier<'a>(&'a self, f: &'a Formulier) -> Element<'a, Message> {
        let t = |v: Veld| move |s: String| Message::Tekst(v, s);
        column![
            text("Nieuwe detentiemelding").size(18),
            veld("Naam", invoer("Naam van de gedetineerde", &f.naam, t(Veld::Naam)).id("melding-naam"), None),
            veld(
                "Geboortedatum",
                invoer("dd-mm-jjjj", &f.geboortedatum, t(Veld::Geboortedatum)).id("melding-geboortedatum"),
                None
            ),
            veld("BSN (optioneel)", invoer("9 cijfers", &f.bsn, t(Veld::Bsn)).id("melding-bsn"), None),
            veld(
                "Inrichting",
                invoer("Bijv. PI Veenhuizen", &f.inrichting, t(Veld::Inrichting)).id("melding-inrichting"),
                None
            ),
            veld(
                "Bron van de melding",
                kies(Informatiebron::ALLE, f.bron, Message::Bron).placeholder("Kies de bron"),
                None
            ),
            row![
                veld("Begin detentie", invoer("dd-mm-jjjj", &f.start, t(Veld::Start)).id("melding-start"), None),
                veld(
                    "Verwachte uitstroom",
                    invoer("dd-mm-jjjj", &f.verwacht, t(Veld::Verwacht)).id("melding-verwacht"),
                    None
                ),
            ]
            .spacing(12),
            veld(
                "Gemeente van herkomst",
                kies(&self.gegevens.gemeenten[..], f.gemeente.as_ref(), Message::Gemeente)
                    .placeholder("Kies de gemeente"),
                None
            ),
            veld(
                "Behandelaar",
                kies(&self.gegevens.medewerkers[..], f.behandelaar.as_ref(), Message::Behandelaar)
                    .placeholder("Kies de behandelaar"),
                None
            ),
            row![
                checkbox(f.zelfmelder).label("Zelfmelder").on_toggle(Message::Zelfmelder),
                checkbox(f.kortgestrafte).label("Kortgestrafte").on_toggle(Message::Kortgestrafte),
            ]
            .spacing(16),
            row![
                button(text("Melding vastleggen").size(14)).on_press(Message::Toevoegen).style(Knop::Primair.stijl()),
                button(text("Annuleren").size(14)).on_press(Message::Annuleer).style(Knop::Secundair.stijl()),
            ]
            .spacing(8),
        ]
        .spacing(10)
        .into()
    }

    fn detail<'a>(&'a self, d: &'a MeldingDetail) -> Element<'a, Message> {
        let t = |v: Veld| move |s: String| Message::Tekst(v, s);
        let datum = |d: &Option<String>| d.as_deref().map(nl_datum).unwrap_or_else(|| "onbekend".into());
        let open = !matches!(d.status, MeldingStatus::Overgedragen | MeldingStatus::Omgezet);
        let mut c = column![text(&d.naam).size(20)].spacing(10);
        let mut gegevens = vec![
            format!("Geboren {}", datum(&d.geboortedatum)),
            format!("{} · bron {}", d.inrichting, d.bron.label()),
            format!("Detentie vanaf {} · verwachte uitstroom {}", datum(&d.startdatum), datum(&d.einddatum_verwacht)),
        ];
        if let Some(w) = &d.einddatum_werkelijk {
            gegevens.push(format!("Werkelijke uitstroom {}", nl_datum(w)));
        }
        if let Some(b) = &d.bsn {
            gegevens.push(format!("BSN {b}"));
        }
        if let Some(g) = &d.gemeente {
            gegevens.push(format!("Gemeente van herkomst: {g}"));
        }
        if let Some(b) = &d.behandelaar {
            gegevens.push(format!("Behandelaar: {b}"));
        }
        if d.zelfmelder || d.kortgestrafte {
            let soort: Vec<&str> = [(d.zelfmelder, "zelfmelder"), (d.kortgestrafte, "kortgestrafte")]
                .into_iter()
                .filter(|(j, _)| *j)
                .map(|(_, s)| s)
                .collect();
            gegevens.push(soort.join(", "));
        }
        for g in gegevens {
            c = c.push(text(g).size(13));
        }
        // The status steps, the current one marked.
        let stappen = [
            MeldingStatus::Ontvangen,
            MeldingStatus::Verrijkt,
            MeldingStatus::Getrieerd,
            if d.status == MeldingStatus::Omgezet { MeldingStatus::Omgezet } else { MeldingStatus::Overgedragen },
        ];
        let mut balk = row![].spacing(6).align_y(iced::Center);
        for (i, s) in stappen.iter().enumerate() {
            if i > 0 {
                balk = balk.push(text("→").size(13).style(theme::gedempt));
            }
            let label = if *s == d.status { format!("● {}", s.label()) } else { s.label().to_string() };
            balk = balk.push(text(label).size(13));
        }
        c = c.push(container(balk).padding([6, 10]).style(Vlak::Paneel.stijl()));

        // Checklist of sources.
        let mut lijst = column![text("Verrijken: bevraagde bronnen").size(16)].spacing(4);
        if d.bronnen.is_empty() {
            lijst = lijst.push(text("Nog geen bron bevraagd.").size(13).style(theme::gedempt));
        }
        for b in &d.bronnen {
            let regel = match &b.beantwoord_op {
                Some(op) => format!("✓ {}: {} ({})", b.bron.label(), b.antwoord, nl_datum(op)),
                None => format!("… {}: gevraagd {}", b.bron.label(), datum(&b.gevraagd_op)),
            };
            lijst = lijst.push(text(regel).size(13));
        }
        if open {
            lijst = lijst.push(
                row![
                    kies(Informatiebron::ALLE, self.verrijk_bron, Message::VerrijkBron).placeholder("Bron"),
                    invoer("Antwoord van de bron", &self.antwoord, t(Veld::Antwoord))
                        .id("melding-antwoord")
                        .width(Fill),
                    button(text("Gevraagd").size(13)).on_press(Message::Gevraagd).style(Knop::Secundair.stijl()),
                    button(text("Antwoord vastleggen").size(13))
                        .on_press(Message::Beantwoord)
                        .style(Knop::Secundair.stijl()),
                ]
                .spacing(6)
                .align_y(iced::Center),
            );
        }
        c = c.push(lijst);

        // Triage.
        let mut triage = column![text("Triage").size(16)].spacing(4);
        if let Some(r) = d.route {
            triage = triage.push(text(format!("Route: {} — {}", r.label(), d.triage_reden)).size(13));
        }
        if open {
            triage = triage.push(
                row![
                    kies(TriageRoute::ALLE, self.route, Message::Route).placeholder("Route"),
                    invoer("Reden van de triage", &self.triage_reden, t(Veld::TriageReden))
                        .id("melding-triage")
                        .width(Fill),
                    button(text("Trieer").size(13)).on_press(Message::Trieer).style(Knop::Secundair.stijl()),
                ]
                .spacing(6)
                .align_y(iced::Center),
            );
        }
        c = c.push(triage);

        // Overdracht or omzetten.
        let mut afronden = column![text("Overdracht of omzetten").size(16)].spacing(4);
        if let Some(k) = &d.overdracht_contact {
            let wijze = if d.overdracht_warm { "Warm overgedragen" } else { "Overgedragen" };
            afronden = afronden.push(text(format!("{wijze} aan {k} op {}", datum(&d.overgedragen_op))).size(13));
        }
        if let Some(n) = &d.casusnummer {
            afronden = afronden.push(
                row![
                    text(format!("Omgezet naar casus {n}")).size(13),
                    button(text("Open casus").size(13))
                        .on_press(Message::OpenCasus(n.clone()))
                        .style(Knop::Link.stijl()),
                ]
                .spacing(8),
            );
        }
        if open {
            afronden = afronden
                .push(
                    row![
                        kies(&self.gegevens.contacten[..], self.contact.as_ref(), Message::Contact)
                            .placeholder("Contactpersoon van de gemeente"),
                        checkbox(self.warm).label("Warme overdracht").on_toggle(Message::Warm),
                        button(text("Overdragen").size(13))
                            .on_press(Message::Overdragen)
                            .style(Knop::Secundair.stijl()),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                )
                .push(
                    row![
                        invoer("Werknaam van de casus (optioneel)", &self.werknaam, t(Veld::Werknaam))
                            .id("melding-werknaam")
                            .width(Fill),
                        button(text("Omzetten naar casus").size(13))
                            .on_press(Message::Omzetten)
                            .style(Knop::Secundair.stijl()),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                );
        }
        c = c.push(afronden);

        // Aanbod per leefgebied.
        let mut aanbod = column![text("Aanbod per leefgebied").size(16)].spacing(4);
        for g in AanbodGebied::ALLE {
            let huidig = d.aanbod.iter().find(|a| a.leefgebied == *g);
            let stand = match huidig {
                Some(a) => format!("{}: {} ({})", g.label(), a.status.label().to_lowercase(), nl_datum(&a.datum)),
                None => format!("{}: nog niets vastgelegd", g.label()),
            };
            let mut r = row![text(stand).size(13).width(Fill)].spacing(8).align_y(iced::Center);
            if d.status != MeldingStatus::Omgezet {
                let gebied = *g;
                r = r.push(
                    kies(AanbodStatus::ALLE, huidig.map(|a| a.status), move |s| Message::Aanbod(gebied, s))
                        .placeholder("Stand"),
                );
            }
            aanbod = aanbod.push(r);
        }
        c = c.push(aanbod);

        // Notes (reports of PI-bezoeken, entered on the Bezoekdag screen).
        if !d.notities.is_empty() {
            let mut notities = column![text("Notities").size(16)].spacing(4);
            for n in &d.notities {
                let waar = n.inrichting.as_deref().map(|i| format!(", {i}")).unwrap_or_default();
                let kop = format!("{} ({}{waar}, {})", nl_datum(&n.datum), n.soort.label(), n.auteur);
                let regel: Element<'_, Message> = match self.notitie_bewerk.as_ref().filter(|(id, _)| *id == n.id) {
                    Some((_, t)) => row![
                        text(kop).size(13),
                        invoer("Tekst van de notitie", t, Message::NotitieTekst)
                            .on_submit(Message::NotitieOpslaan)
                            .id("notitie-bewerk")
                            .width(Fill),
                        button(text("Opslaan").size(13)).on_press(Message::NotitieOpslaan).style(Knop::Primair.stijl()),
                        button(text("Annuleren (Esc)").size(13))
                            .on_press(Message::Annuleer)
                            .style(Knop::Secundair.stijl()),
                    ]
                    .spacing(6)
                    .align_y(iced::Center)
                    .into(),
                    None => row![
                        text(format!("{kop}: {}", n.tekst)).size(13).width(Fill),
                        button(text("Wijzigen").size(12))
                            .on_press(Message::NotitieWijzigen(n.id.clone()))
                            .style(Knop::Link.stijl()),
                        button(text("Verwijderen…").size(12))
                            .on_press(Message::NotitieVerwijderen(n.id.clone()))
                            .style(Knop::Link.stijl()),
                    ]
                    .spacing(6)
                    .align_y(iced::Center)
                    .into(),
                };
                notities = notities.push(regel);
                if let Some((_, reden)) = self.notitie_weg.as_ref().filter(|(id, _)| *id == n.id) {
                    notities = notities.push(veld(
                        "Notitie verwijderen?",
                        row![
                            invoer("Reden van het verwijderen (verplicht)", reden, Message::NotitieVerwijderReden)
                                .on_submit(Message::NotitieVerwijderenBevestigd)
                                .id("notitie-verwijder-reden")
                                .width(Fill),
                            button(text("Notitie definitief verwijderen").size(13))
                                .on_press(Message::NotitieVerwijderenBevestigd)
                                .style(Knop::Gevaar.stijl()),
                            button(text("Annuleren").size(13))
                                .on_press(Message::Annuleer)
                                .style(Knop::Secundair.stijl()),
                        ]
                        .spacing(6),
                        None,
                    ));
                }
            }
            c = c.push(notities);
        }

        // Correction and removal.
        c = c.push(
            column![
                text("Gegevens corrigeren").size(16),
                row![
                    veld(
                        "Naam",
                        invoer("Naam", &self.correctie_naam, t(Veld::CorrectieNaam)).id("correctie-naam"),
                        None
                    ),
                    veld(
                        "Verwachte uitstroom",
                        invoer("dd-mm-jjjj", &self.correctie_verwacht, t(Veld::CorrectieVerwacht))
                            .id("correctie-verwacht"),
                        None
                    ),
                    veld(
                        "Werkelijke uitstroom",
                        invoer("dd-mm-jjjj", &self.correctie_uitstroom, t(Veld::CorrectieUitstroom))
                            .id("correctie-uitstroom"),
                        None
                    ),
                ]
                .spacing(8),
                veld(
                    "Behandelaar",
                    kies(&self.gegevens.medewerkers[..], self.correctie_behandelaar.as_ref(), Message::Behandelaar),
                    None
                ),
                row![
                    invoer("Reden van de correctie", &self.correctie_reden, t(Veld::CorrectieReden))
                        .id("correctie-reden")
                        .width(Fill),
                    button(text("Correctie opslaan").size(13))
                        .on_press(Message::Corrigeer)
                        .style(Knop::Secundair.stijl()),
                ]
                .spacing(8),
                row![
                    invoer("Reden van verwijderen", &self.verwijder_reden, t(Veld::VerwijderReden))
                        .id("verwijder-reden")
                        .width(Fill),
                    button(text("Melding verwijderen").size(13))
                        .on_press(Message::Verwijder)
                        .style(Knop::Gevaar.stijl()),
                ]
                .spacing(8),
            ]
            .spacing(6),
        );
        scrollable(c.padding(iced::Padding::new(4.0).right(16))).height(Fill).into()
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let rechts: Element<'_, Message> = match (&self.nieuw, &self.gekozen) {
            (Some(f), _) => self.formulier(f),
            (None, Some(d)) => self.detail(d),
            (None, None) => {
                text("Kies links een melding of leg een nieuwe vast.").size(14).style(theme::gedempt).into()
            }
        };
        let mut c = column![
            row![
                container(self.lijst()).width(380).height(Fill),
                container(rechts).padding(12).width(Fill).height(Fill).style(Vlak::Paneel.stijl()),
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

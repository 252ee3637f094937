//! Overleggen: plan a meeting (type, date, time, place, chair, invitees, agenda of cases
//! with time slots), hold it (attendance, BOB minutes per agenda item, decisions that
//! become actions in the case's plan), close it (minutes read-only; corrections become
//! new, logged entries) and print its agenda and verslag.

use crate::domain::{Convenantstatus, Fase, OverlegSoort, WegingUitkomst, overleg::OverlegStatus};
use crate::store::{
    Agendapunt, CasusRegel, ContactMetOrganisatie, ConvenantWaarschuwing, GenodigdeRegel, LijstItem, NieuwOverleg,
    NieuweActie, Overleg, Partner, SluitControle, Verslagcorrectie,
};
use crate::ui::theme::{self, Knop, Vlak};
use crate::ui::widgets::{Keuze, banner, datum, dialoog, invoer, kies, met_meldingen, nl_datum, partner_keuze, veld};
use iced::widget::{button, checkbox, column, combo_box, container, row, scrollable, space, text, text_editor};
use iced::{Element, Fill, Task};
use std::collections::BTreeMap;

/// Minutes offered for an agenda slot.
pub const DUREN: [i64; 7] = [5, 10, 15, 20, 30, 45, 60];

/// Which printout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stuk {
    /// The agenda (casusnummers, initials, thema).
    Agenda,
    /// The minutes.
    Verslag,
}

impl Stuk {
    /// Dutch name, also used in file names.
    pub fn naam(self) -> &'static str {
        match self {
            Stuk::Agenda => "Agenda",
            Stuk::Verslag => "Verslag",
        }
    }
}

/// The two halves of a meeting's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Invitees and agenda.
    Voorbereiden,
    /// Attendance, BOB minutes, decisions.
    Voeren,
}

/// The decided actions grouped per agenda item id, from the store's (item, action) pairs.
pub fn acties_per_punt(besloten: Vec<(String, String)>) -> BTreeMap<String, Vec<String>> {
    let mut acties: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (punt, a) in besloten {
        acties.entry(punt).or_default().push(a);
    }
    acties
}

/// The suggested file name of a meeting document: "Verslag casusoverleg 12-05-2026.pdf".
pub fn bestandsnaam(stuk: Stuk, overleg: Option<&Overleg>) -> String {
    match overleg {
        Some(o) => format!("{} {} {}.pdf", stuk.naam(), o.soort_naam.to_lowercase(), nl_datum(&o.datum)),
        None => format!("{} overleg.pdf", stuk.naam()),
    }
}

/// Everything about the selected meeting.
#[derive(Debug, Clone)]
pub struct Gekozen {
    /// The meeting.
    pub overleg: Overleg,
    /// Invitees.
    pub genodigden: Vec<GenodigdeRegel>,
    /// Agenda in order.
    pub agenda: Vec<Agendapunt>,
    /// Invitees without covenant while cases are on the agenda.
    pub waarschuwingen: Vec<ConvenantWaarschuwing>,
    /// Corrections after closing.
    pub correcties: Vec<Verslagcorrectie>,
    /// Actions decided per agenda item id: (description, who).
    pub acties: BTreeMap<String, Vec<String>>,
}

/// The three BOB fields of an agenda item, multi-line.
#[derive(Debug, Clone, Default)]
struct Bob {
    beeld: text_editor::Content,
    oordeel: text_editor::Content,
    besluit: text_editor::Content,
    gewijzigd: bool,
}

/// Which BOB field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BobVeld {
    /// Beeld.
    Beeld,
    /// Oordeel.
    Oordeel,
    /// Besluit.
    Besluit,
}

impl Bob {
    fn veld(&mut self, v: BobVeld) -> &mut text_editor::Content {
        match v {
            BobVeld::Beeld => &mut self.beeld,
            BobVeld::Oordeel => &mut self.oordeel,
            BobVeld::Besluit => &mut self.besluit,
        }
    }
}

#[derive(Debug, Clone, Default)]
struct ActieFormulier {
    agendapunt: String,
    omschrijving: String,
    partner: Option<Keuze>,
    contact: Option<Keuze>,
    deadline: String,
    fout: Option<String>,
}

/// State of the meetings screen.
#[derive(Debug, Clone)]
pub struct State {
    overleggen: Vec<Overleg>,
    gekozen: Option<Gekozen>,
    tab: Tab,
    // New meeting form.
    /// Id of the chosen meeting type (from the editable list).
    soort: String,
    /// Active meeting types of the editable list, in list order.
    soorten: Vec<Keuze>,
    datum: String,
    tijd: String,
    plaats: String,
    voorzitter: String,
    nieuw_fout: Option<String>,
    // Choices.
    contacten: Vec<Keuze>,
    casussen: Vec<Keuze>,
    partners: Vec<Keuze>,
    partner_contacten: Vec<Keuze>,
    genodigde: Option<Keuze>,
    casus: Option<Keuze>,
    /// Searchable choice of contacts not yet invited.
    genodigde_kiezer: combo_box::State<Keuze>,
    /// Searchable choice of running cases (newest first) not yet on the agenda.
    casus_kiezer: combo_box::State<Keuze>,
    duur: i64,
    /// Subject of a new general agenda item.
    algemeen: String,
    // Holding the meeting.
    bob: BTreeMap<String, Bob>,
    actie: Option<ActieFormulier>,
    correctie: BTreeMap<String, String>,
    /// Weging outcomes recorded in this session, per agenda item (weegtafel).
    uitkomsten: BTreeMap<String, WegingUitkomst>,
    /// The volgend-overleg date as typed.
    volgende_datum: String,
    bevestig_sluiten: bool,
    /// Warnings shown in the closing confirmation (future date, items without BOB).
    sluit_waarschuwingen: Vec<String>,
    waarschuwingen: Vec<String>,
    melding: Option<String>,
    fout: Option<String>,
}

/// What the user does.
#[derive(Debug, Clone)]
pub enum Message {
    /// Select a meeting.
    Kies(String),
    /// Switch between preparing and holding.
    Tab(Tab),
    /// New meeting: type, from the active entries of the editable list.
    Soort(Keuze),
    /// New meeting: date as typed.
    Datum(String),
    /// New meeting: start time as typed.
    Tijd(String),
    /// New meeting: place.
    Plaats(String),
    /// New meeting: chair.
    Voorzitter(String),
    /// Plan the new meeting.
    Plannen,
    /// Choose a contact to invite.
    KiesGenodigde(Keuze),
    /// Invite the chosen contact.
    Uitnodigen,
    /// Choose a casus for the agenda.
    KiesCasus(Keuze),
    /// Minutes for the casus to add.
    KiesDuur(i64),
    /// Put the chosen casus on the agenda.
    Agenderen,
    /// Type the subject of a general agenda item.
    AlgemeenTekst(String),
    /// Put the general item on the agenda.
    AlgemeenToevoegen,
    /// Move an agenda item up (`true`) or down.
    Verplaats(String, bool),
    /// Change the minutes of an agenda item.
    Duur(String, i64),
    /// Take an item off the agenda.
    Verwijder(String),
    /// Tick attendance of an invitee.
    Aanwezig(String, bool),
    /// BOB: beeld of an agenda item.
    Beeld(String, String),
    /// BOB: oordeel of an agenda item.
    Oordeel(String, String),
    /// BOB: besluit of an agenda item.
    Besluit(String, String),
    /// BOB: an edit in one of the multi-line fields of an agenda item.
    BobBewerk(String, BobVeld, text_editor::Action),
    /// Escape: close the closing confirmation or the action form.
    Annuleer,
    /// Save the minutes typed so far (also Ctrl+S).
    VerslagOpslaan,
    /// Open the action form for a decision on this agenda item.
    ActieVanBesluit(String),
    /// Action form: what.
    ActieOmschrijving(String),
    /// Action form: partner.
    ActiePartner(Keuze),
    /// Action form: contact.
    ActieContact(Keuze),
    /// Action form: deadline as typed.
    ActieDeadline(String),
    /// Add the action to the case's plan.
    ActieToevoegen,
    /// Close the action form.
    ActieAnnuleren,
    /// Ask to close the meeting (opens the confirmation).
    Sluiten,
    /// Confirmed: close the meeting.
    SluitenBevestigd,
    /// Cancel closing.
    SluitenAnnuleren,
    /// Correction text for an item of a closed meeting.
    Correctie(String, String),
    /// Record the correction.
    CorrectieToevoegen(String),
    /// Weegtafel: record the weging outcome of the casus of this agenda item.
    Weging(String, WegingUitkomst),
    /// Type the date of the next meeting.
    VolgendeDatum(String),
    /// Record the date of the next meeting (empty clears it).
    VolgendeDatumOpslaan,
    /// Print a document (opens the PDF viewer).
    Afdrukken(Stuk),
    /// Save a document as PDF via a save dialog.
    Opslaan(Stuk),
    /// Open a case from the agenda.
    OpenCasus(String),
    /// Close the message or error.
    SluitMelding,
}

/// What the screen asks of the app.
#[derive(Debug, Clone)]
pub enum Event {
    /// Load this meeting.
    Kies(String),
    /// Store a new meeting.
    Plannen(NieuwOverleg),
    /// Invite a contact: (meeting, contact).
    Uitnodigen(String, String),
    /// Put a casus on the agenda: (meeting, casusnummer, minutes).
    Agenderen(String, String, i64),
    /// Put a general item (no casus) on the agenda: (meeting, subject, minutes).
    AlgemeenPunt(String, String, i64),
    /// Move an agenda item.
    Verplaats(String, bool),
    /// Change the minutes of an agenda item.
    Duur(String, i64),
    /// Take an item off the agenda.
    Verwijder(String),
    /// Record attendance.
    Aanwezig(String, bool),
    /// Save BOB minutes: (agenda item, beeld, oordeel, besluit).
    Bob(Vec<(String, String, String, String)>),
    /// Contacts of a partner are needed for the action form.
    ContactenNodig(String),
    /// Turn a decision into an action: (agenda item, action).
    Actie(String, NieuweActie),
    /// Check what to warn about before closing (opens the confirmation).
    SluitControle(String),
    /// Close the meeting (confirmed).
    Sluiten(String),
    /// Record a correction on a closed meeting's item.
    Corrigeer(String, String),
    /// Record the weging outcome decided on a weegtafel agenda item.
    Weging(String, WegingUitkomst),
    /// Record the date of the next meeting: (meeting, date or none).
    VolgendeDatum(String, Option<chrono::NaiveDate>),
    /// Print.
    Afdrukken(Stuk, String),
    /// Save as PDF.
    Opslaan(Stuk, String),
    /// Open a case.
    OpenCasus(String),
}

/// "09:30" as typed: `Ok` with the time, or a Dutch message.
pub fn tijd(tekst: &str) -> Result<chrono::NaiveTime, String> {
    chrono::NaiveTime::parse_from_str(tekst.trim(), "%H:%M")
        .map_err(|_| format!("'{}' is geen geldige tijd; gebruik uu:mm, bijvoorbeeld 09:30.", tekst.trim()))
}

/// "Let op: …" for an invitee without covenant.
fn waarschuwing(w: &ConvenantWaarschuwing) -> String {
    format!(
        "Let op: {} ({}) heeft {}, maar casus {} staat op de agenda en wordt met deze genodigde besproken. \
         Deel geen persoonsgegevens met deze genodigde.",
        w.naam,
        if w.organisatie.is_empty() { "geen organisatie" } else { &w.organisatie },
        match w.convenant {
            Convenantstatus::Intentieverklaring => "alleen een intentieverklaring",
            _ => "geen convenant",
        },
        w.casussen.join(", ")
    )
}

impl Default for State {
    fn default() -> Self {
        State::new()
    }
}

impl State {
    /// An empty screen.
    pub fn new() -> State {
        State {
            overleggen: Vec::new(),
            gekozen: None,
            tab: Tab::Voorbereiden,
            soort: OverlegSoort::Casusoverleg.code().into(),
            soorten: Vec::new(),
            datum: String::new(),
            tijd: "09:30".into(),
            plaats: String::new(),
            voorzitter: String::new(),
            nieuw_fout: None,
            contacten: Vec::new(),
            casussen: Vec::new(),
            partners: Vec::new(),
            partner_contacten: Vec::new(),
            genodigde: None,
            casus: None,
            genodigde_kiezer: combo_box::State::new(Vec::new()),
            casus_kiezer: combo_box::State::new(Vec::new()),
            duur: 15,
            algemeen: String::new(),
            bob: BTreeMap::new(),
            actie: None,
            correctie: BTreeMap::new(),
            uitkomsten: BTreeMap::new(),
            volgende_datum: String::new(),
            bevestig_sluiten: false,
            sluit_waarschuwingen: Vec::new(),
            waarschuwingen: Vec::new(),
            melding: None,
            fout: None,
        }
    }

    /// Replace the list and the choices (contacts, running cases, partners).
    pub fn vervang(
        &mut self,
        overleggen: Vec<Overleg>,
        contacten: Vec<ContactMetOrganisatie>,
        casussen: Vec<CasusRegel>,
        partners: Vec<Partner>,
    ) {
        // Running cases, newest first; the label carries what the picker searches: number,
        // werknaam, thema.
        let mut lopend: Vec<CasusRegel> = casussen.into_iter().filter(|c| c.fase != Fase::Afgesloten).collect();
        lopend.sort_by(|a, b| (&b.datum_aanmelding, &b.casusnummer).cmp(&(&a.datum_aanmelding, &a.casusnummer)));
        let casussen = lopend
            .into_iter()
            .map(|c| {
                Keuze::new(
                    &c.casusnummer,
                    format!("{} — {} · {} ({})", c.casusnummer, c.werknaam, c.thema, c.fase.label()),
                )
            })
            .collect();
        let partners = partners.iter().map(partner_keuze).collect();
        self.overleggen = overleggen;
        self.contacten = contacten
            .into_iter()
            .map(|c| {
                let label =
                    if c.organisatie.is_empty() { c.naam.clone() } else { format!("{} ({})", c.naam, c.organisatie) };
                Keuze::new(c.id, label)
            })
            .collect();
        self.casussen = casussen;
        self.partners = partners;
        self.herbouw_kiezers();
    }

    /// Offer the active meeting types of the editable list for planning; when the chosen
    /// type is no longer active, the first active one is chosen.
    pub fn zet_soorten(&mut self, soorten: Vec<LijstItem>) {
        self.soorten = soorten.into_iter().filter(|s| s.actief).map(|s| Keuze::new(s.id, s.naam)).collect();
        if !self.soorten.iter().any(|k| k.id == self.soort)
            && let Some(eerste) = self.soorten.first()
        {
            self.soort = eerste.id.clone();
        }
    }

    /// Offer only what is not chosen yet: contacts not invited, cases not on the agenda.
    fn herbouw_kiezers(&mut self) {
        let (genodigd, geagendeerd): (Vec<&str>, Vec<&str>) = match &self.gekozen {
            Some(g) => (
                g.genodigden.iter().map(|p| p.contact_id.as_str()).collect(),
                g.agenda.iter().map(|p| p.casusnummer.as_str()).collect(),
            ),
            None => (Vec::new(), Vec::new()),
        };
        let contacten = self.contacten.iter().filter(|k| !genodigd.contains(&k.id.as_str())).cloned().collect();
        let casussen = self.casussen.iter().filter(|k| !geagendeerd.contains(&k.id.as_str())).cloned().collect();
        self.genodigde_kiezer = combo_box::State::new(contacten);
        self.casus_kiezer = combo_box::State::new(casussen);
    }

    /// Show the selected meeting; typed but unsaved minutes of the same meeting stay.
    pub fn zet_gekozen(&mut self, g: Gekozen) {
        if self.gekozen.as_ref().map(|o| &o.overleg.id) != Some(&g.overleg.id) {
            self.bob.clear();
            self.actie = None;
            self.correctie.clear();
            self.uitkomsten.clear();
            self.volgende_datum = g.overleg.volgende_datum.as_deref().map(nl_datum).unwrap_or_default();
            self.tab = if g.overleg.status == OverlegStatus::Gesloten { Tab::Voeren } else { Tab::Voorbereiden };
        }
        for p in &g.agenda {
            let b = self.bob.entry(p.id.clone()).or_default();
            if !b.gewijzigd {
                b.beeld = text_editor::Content::with_text(&p.beeld);
                b.oordeel = text_editor::Content::with_text(&p.oordeel);
                b.besluit = text_editor::Content::with_text(&p.besluit);
            }
        }
        self.waarschuwingen = g.waarschuwingen.iter().map(waarschuwing).collect();
        self.gekozen = Some(g);
        self.herbouw_kiezers();
    }

    /// The first meeting in the list (the newest).
    pub fn eerste(&self) -> Option<String> {
        self.overleggen.first().map(|o| o.id.clone())
    }

    /// The selected meeting.
    pub fn gekozen_overleg(&self) -> Option<&Overleg> {
        self.gekozen.as_ref().map(|g| &g.overleg)
    }

    /// The id of the selected meeting.
    pub fn gekozen_id(&self) -> Option<&str> {
        self.gekozen.as_ref().map(|g| g.overleg.id.as_str())
    }

    /// A new meeting was stored.
    pub fn overleg_gepland(&mut self) {
        self.datum.clear();
        self.plaats.clear();
        self.nieuw_fout = None;
    }

    /// The minutes were saved.
    pub fn verslag_opgeslagen(&mut self) {
        for b in self.bob.values_mut() {
            b.gewijzigd = false;
        }
        self.melding = Some("Verslag opgeslagen.".into());
    }

    /// An action was added to the plan.
    pub fn actie_opgeslagen(&mut self, nummer: &str, zonder_convenant: bool) {
        self.actie = None;
        self.melding = Some(if zonder_convenant {
            format!(
                "Actie toegevoegd aan het plan van aanpak van casus {nummer}. Let op: deze partner heeft geen convenant."
            )
        } else {
            format!("Actie toegevoegd aan het plan van aanpak van casus {nummer}.")
        });
    }

    /// A correction was recorded.
    pub fn correctie_opgeslagen(&mut self, agendapunt: &str) {
        self.correctie.remove(agendapunt);
        self.melding = Some("Correctie vastgelegd in het journaal van de casus.".into());
    }

    /// Contacts of the partner chosen in the action form.
    pub fn zet_partner_contacten(&mut self, c: Vec<Keuze>) {
        self.partner_contacten = c;
    }

    /// Show a message.
    pub fn toon_melding(&mut self, m: String) {
        self.fout = None;
        self.melding = Some(m);
    }

    /// Show an error.
    pub fn toon_fout(&mut self, f: String) {
        self.melding = None;
        self.fout = Some(f);
    }

    /// Minutes typed but not saved, as the event that saves them (Ctrl+S, navigation).
    pub fn openstaand(&self) -> Option<Event> {
        let g = self.gekozen.as_ref()?;
        if g.overleg.status == OverlegStatus::Gesloten {
            return None;
        }
        let punten: Vec<_> = self
            .bob
            .iter()
            .filter(|(_, b)| b.gewijzigd)
            .map(|(id, b)| (id.clone(), b.beeld.text(), b.oordeel.text(), b.besluit.text()))
            .collect();
        (!punten.is_empty()).then_some(Event::Bob(punten))
    }

    /// The closing check came back: open the confirmation with its warnings.
    pub fn vraag_sluiten(&mut self, c: &SluitControle) {
        let mut w = Vec::new();
        if c.in_de_toekomst {
            w.push("Let op: dit overleg ligt in de toekomst. Sluit het pas als het is gehouden.".to_string());
        }
        if !c.zonder_bob.is_empty() {
            w.push(format!(
                "Let op: zonder beeld, oordeel of besluit: {} ({}).",
                crate::domain::aantal(c.zonder_bob.len(), "casus", "casussen"),
                c.zonder_bob.join(", ")
            ));
        }
        self.sluit_waarschuwingen = w;
        self.bevestig_sluiten = true;
    }

    fn bob_mut(&mut self, id: &str) -> &mut Bob {
        let b = self.bob.entry(id.to_string()).or_default();
        b.gewijzigd = true;
        b
    }

    /// Handle a message.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        let id = self.gekozen_id().map(str::to_string);
        let event = match message {
            Message::Kies(o) => Some(Event::Kies(o)),
            Message::Tab(t) => {
                self.tab = t;
                None
            }
            Message::Soort(s) => {
                self.soort = s.id;
                None
            }
            Message::Datum(t) => {
                self.datum = t;
                None
            }
            Message::Tijd(t) => {
                self.tijd = t;
                None
            }
            Message::Plaats(t) => {
                self.plaats = t;
                None
            }
            Message::Voorzitter(t) => {
                self.voorzitter = t;
                None
            }
            Message::Plannen => {
                let d = match datum(&self.datum) {
                    Ok(Some(d)) => Ok(d),
                    Ok(None) => Err("Vul de datum in als dd-mm-jjjj.".to_string()),
                    Err(e) => Err(e),
                };
                match (d, tijd(&self.tijd)) {
                    (Err(e), _) | (_, Err(e)) => {
                        self.nieuw_fout = Some(e);
                        None
                    }
                    (Ok(datum), Ok(begintijd)) => {
                        self.nieuw_fout = None;
                        Some(Event::Plannen(NieuwOverleg {
                            soort: self.soort.clone(),
                            datum,
                            begintijd,
                            plaats: self.plaats.clone(),
                            voorzitter: self.voorzitter.clone(),
                        }))
                    }
                }
            }
            Message::KiesGenodigde(k) => {
                self.genodigde = Some(k);
                None
            }
            Message::Uitnodigen => match (&id, self.genodigde.take()) {
                (Some(o), Some(k)) => Some(Event::Uitnodigen(o.clone(), k.id)),
                _ => {
                    self.fout = Some("Kies eerst een contactpersoon om uit te nodigen.".into());
                    None
                }
            },
            Message::KiesCasus(k) => {
                self.casus = Some(k);
                None
            }
            Message::KiesDuur(d) => {
                self.duur = d;
                None
            }
            Message::Agenderen => match (&id, self.casus.take()) {
                (Some(o), Some(k)) => Some(Event::Agenderen(o.clone(), k.id, self.duur)),
                _ => {
                    self.fout = Some("Kies eerst een casus voor de agenda.".into());
                    None
                }
            },
            Message::AlgemeenTekst(t) => {
                self.algemeen = t;
                None
            }
            Message::AlgemeenToevoegen => match &id {
                Some(o) if !self.algemeen.trim().is_empty() => {
                    let t = std::mem::take(&mut self.algemeen);
                    Some(Event::AlgemeenPunt(o.clone(), t.trim().to_string(), self.duur))
                }
                _ => {
                    self.fout = Some("Vul het onderwerp van het algemene agendapunt in.".into());
                    None
                }
            },
            Message::Verplaats(a, omhoog) => Some(Event::Verplaats(a, omhoog)),
            Message::Duur(a, d) => Some(Event::Duur(a, d)),
            Message::Verwijder(a) => Some(Event::Verwijder(a)),
            Message::Aanwezig(g, b) => Some(Event::Aanwezig(g, b)),
            Message::Beeld(a, t) => {
                self.bob_mut(&a).beeld = text_editor::Content::with_text(&t);
                None
            }
            Message::Oordeel(a, t) => {
                self.bob_mut(&a).oordeel = text_editor::Content::with_text(&t);
                None
            }
            Message::Besluit(a, t) => {
                self.bob_mut(&a).besluit = text_editor::Content::with_text(&t);
                None
            }
            Message::BobBewerk(a, v, actie) => {
                let wijzigt = matches!(actie, text_editor::Action::Edit(_));
                let b = self.bob.entry(a).or_default();
                b.gewijzigd |= wijzigt;
                b.veld(v).perform(actie);
                None
            }
            Message::Annuleer => {
                self.bevestig_sluiten = false;
                self.actie = None;
                None
            }
            Message::VerslagOpslaan => {
                let e = self.openstaand();
                if e.is_none() {
                    self.melding = Some("Er zijn geen nieuwe aantekeningen om op te slaan.".into());
                }
                e
            }
            Message::ActieVanBesluit(a) => {
                let besluit = self.bob.get(&a).map(|b| b.besluit.text().trim().to_string()).unwrap_or_default();
                self.actie = Some(ActieFormulier { agendapunt: a, omschrijving: besluit, ..Default::default() });
                self.partner_contacten.clear();
                None
            }
            Message::ActieOmschrijving(t) => {
                if let Some(f) = &mut self.actie {
                    f.omschrijving = t;
                }
                None
            }
            Message::ActiePartner(k) => {
                let pid = k.id.clone();
                if let Some(f) = &mut self.actie {
                    f.partner = Some(k);
                    f.contact = None;
                }
                Some(Event::ContactenNodig(pid))
            }
            Message::ActieContact(k) => {
                if let Some(f) = &mut self.actie {
                    f.contact = Some(k);
                }
                None
            }
            Message::ActieDeadline(t) => {
                if let Some(f) = &mut self.actie {
                    f.deadline = t;
                }
                None
            }
            Message::ActieToevoegen => {
                let Some(f) = &mut self.actie else { return (Task::none(), None) };
                let deadline = datum(&f.deadline);
                if f.omschrijving.trim().is_empty() {
                    f.fout = Some("Beschrijf de actie.".into());
                    None
                } else if let Err(e) = deadline {
                    f.fout = Some(e);
                    None
                } else {
                    f.fout = None;
                    Some(Event::Actie(
                        f.agendapunt.clone(),
                        NieuweActie {
                            doel_id: None,
                            omschrijving: f.omschrijving.trim().to_string(),
                            partner_id: f.partner.as_ref().map(|k| k.id.clone()),
                            contact_id: f.contact.as_ref().map(|k| k.id.clone()),
                            deadline: deadline.ok().flatten(),
                            agendapunt_id: Some(f.agendapunt.clone()),
                        },
                    ))
                }
            }
            Message::ActieAnnuleren => {
                self.actie = None;
                None
            }
            Message::Sluiten => id.map(Event::SluitControle),
            Message::SluitenAnnuleren => {
                self.bevestig_sluiten = false;
                None
            }
            Message::SluitenBevestigd => {
                self.bevestig_sluiten = false;
                id.map(Event::Sluiten)
            }
            Message::Correctie(a, t) => {
                self.correctie.insert(a, t);
                None
            }
            Message::CorrectieToevoegen(a) => {
                let t = self.correctie.get(&a).cloned().unwrap_or_default();
                if t.trim().is_empty() {
                    self.fout = Some("Schrijf eerst de correctie op.".into());
                    None
                } else {
                    Some(Event::Corrigeer(a, t))
                }
            }
            Message::Weging(a, u) => {
                self.uitkomsten.insert(a.clone(), u);
                Some(Event::Weging(a, u))
            }
            Message::VolgendeDatum(t) => {
                self.volgende_datum = t;
                None
            }
            Message::VolgendeDatumOpslaan => match self.volgende_datum.trim() {
                "" => id.map(|o| Event::VolgendeDatum(o, None)),
                t => match crate::domain::parse_datum(t) {
                    Ok(d) => id.map(|o| Event::VolgendeDatum(o, Some(d))),
                    Err(e) => {
                        self.fout = Some(crate::melding::domein(&e));
                        None
                    }
                },
            },
            Message::Afdrukken(s) => id.map(|o| Event::Afdrukken(s, o)),
            Message::Opslaan(s) => id.map(|o| Event::Opslaan(s, o)),
            Message::OpenCasus(n) => Some(Event::OpenCasus(n)),
            Message::SluitMelding => {
                self.melding = None;
                self.fout = None;
                None
            }
        };
        (Task::none(), event)
    }

    /// The view.
    pub fn view(&self) -> Element<'_, Message> {
        let nieuw = veld(
            "Nieuw overleg plannen",
            column![
                row![
                    kies(self.soorten.as_slice(), self.soorten.iter().find(|k| k.id == self.soort), Message::Soort)
                        .width(190),
                    invoer("Datum dd-mm-jjjj", &self.datum, Message::Datum)
                        .on_submit(Message::Plannen)
                        .id("overleg-datum")
                        .width(150),
                    invoer("Begintijd uu:mm", &self.tijd, Message::Tijd)
                        .on_submit(Message::Plannen)
                        .id("overleg-tijd")
                        .width(120),
                ]
                .spacing(6),
                // A second row, so place and chair stay readable in a 1024 px window.
                row![
                    invoer("Plaats", &self.plaats, Message::Plaats)
                        .on_submit(Message::Plannen)
                        .id("overleg-plaats")
                        .width(Fill),
                    invoer("Voorzitter", &self.voorzitter, Message::Voorzitter)
                        .on_submit(Message::Plannen)
                        .id("overleg-voorzitter")
                        .width(Fill),
                    button(text("Overleg plannen")).on_press(Message::Plannen).style(Knop::Primair.stijl()),
                ]
                .spacing(6),
            ]
            .spacing(6),
            self.nieuw_fout.as_deref(),
        );

        let mut lijst = column![].spacing(4);
        if self.overleggen.is_empty() {
            lijst = lijst.push(text("Nog geen overleggen gepland.").size(14).style(theme::gedempt));
        }
        for o in &self.overleggen {
            let actief = self.gekozen_id() == Some(o.id.as_str());
            lijst = lijst.push(
                button(
                    column![
                        text(format!("{} {}", o.soort_naam, nl_datum(&o.datum))).size(14),
                        text(format!("{} · {}", o.begintijd, o.status.label())).size(12).style(theme::gedempt),
                    ]
                    .spacing(1),
                )
                .on_press(Message::Kies(o.id.clone()))
                .width(Fill)
                .style(if actief { Knop::KaartGeselecteerd.stijl() } else { Knop::Kaart.stijl() }),
            );
        }
        let links = container(scrollable(lijst.padding(iced::Padding::ZERO.right(14))).height(Fill))
            .padding(12)
            .width(300)
            .height(Fill)
            .style(Vlak::Paneel.stijl());

        let rechts: Element<'_, Message> = match &self.gekozen {
            Some(g) => scrollable(self.detail(g).padding(iced::Padding::ZERO.right(14))).height(Fill).into(),
            None => container(
                text("Kies links een overleg, of plan hierboven een nieuw overleg.").size(14).style(theme::gedempt),
            )
            .padding(12)
            .width(Fill)
            .style(Vlak::Paneel.stijl())
            .into(),
        };

        let kolom = column![text("Overleggen").size(22)].spacing(12);
        let meldingen = match (&self.fout, &self.melding) {
            (Some(f), _) => vec![banner(Vlak::Fout, f, Some(Message::SluitMelding))],
            (None, Some(m)) => vec![banner(Vlak::Info, m, Some(Message::SluitMelding))],
            (None, None) => Vec::new(),
        };
        let pagina = met_meldingen(
            kolom
                .push(container(nieuw).padding(12).width(Fill).style(Vlak::Paneel.stijl()))
                .push(row![links, container(rechts).width(Fill)].spacing(12).height(Fill))
                .padding(16),
            meldingen,
        );
        if self.bevestig_sluiten {
            let mut vraag = column![text("Overleg sluiten?").size(18)].spacing(12);
            for w in &self.sluit_waarschuwingen {
                vraag = vraag.push(banner(Vlak::Waarschuwing, w, None::<Message>));
            }
            dialoog(
                pagina,
                vraag.push(
                    column![
                        text(
                            "Na het sluiten is het verslag alleen nog te lezen. Correcties worden daarna als nieuwe, \
                         gelogde aantekeningen in het journaal van de casus vastgelegd."
                        )
                        .size(14),
                        row![
                            space::horizontal(),
                            button(text("Annuleren"))
                                .on_press(Message::SluitenAnnuleren)
                                .style(Knop::Secundair.stijl()),
                            button(text("Ja, overleg sluiten"))
                                .on_press(Message::SluitenBevestigd)
                                .style(Knop::Gevaar.stijl()),
                        ]
                        .spacing(8),
                    ]
                    .spacing(12),
                ),
                Message::SluitenAnnuleren,
            )
        } else {
            pagina
        }
    }

    fn detail<'a>(&'a self, g: &'a Gekozen) -> iced::widget::Column<'a, Message> {
        let o = &g.overleg;
        let gesloten = o.status == OverlegStatus::Gesloten;
        let mut knoppen = row![
            button(text("Agenda afdrukken")).on_press(Message::Afdrukken(Stuk::Agenda)).style(Knop::Secundair.stijl()),
            button(text("Verslag afdrukken"))
                .on_press(Message::Afdrukken(Stuk::Verslag))
                .style(Knop::Secundair.stijl()),
            button(text("Agenda als PDF…")).on_press(Message::Opslaan(Stuk::Agenda)).style(Knop::Link.stijl()),
            button(text("Verslag als PDF…")).on_press(Message::Opslaan(Stuk::Verslag)).style(Knop::Link.stijl()),
        ]
        .spacing(8)
        .align_y(iced::Center);
        if !gesloten {
            knoppen =
                knoppen.push(button(text("Overleg sluiten")).on_press(Message::Sluiten).style(Knop::Gevaar.stijl()));
        }
        // A narrow window puts buttons on a second line rather than cutting them off.
        let knoppen = knoppen.wrap().vertical_spacing(8);
        let kop = column![
            text(format!("{} {} om {}", o.soort_naam, nl_datum(&o.datum), o.begintijd)).size(19),
            text(format!(
                "{} · voorzitter {} · {}",
                if o.plaats.is_empty() { "geen plaats" } else { &o.plaats },
                if o.voorzitter.is_empty() { "onbekend" } else { &o.voorzitter },
                o.status.label().to_lowercase()
            ))
            .size(13)
            .style(theme::gedempt),
            knoppen,
        ]
        .spacing(6);
        let tab = |t: Tab, label: &'static str| {
            button(text(label).size(14)).on_press(Message::Tab(t)).style(if self.tab == t {
                Knop::NavigatieActief.stijl()
            } else {
                Knop::Secundair.stijl()
            })
        };
        let mut c =
            column![kop, row![tab(Tab::Voorbereiden, "Voorbereiden"), tab(Tab::Voeren, "Overleg voeren")].spacing(6)]
                .spacing(10);
        if gesloten {
            c = c.push(banner(
                Vlak::Info,
                "Dit overleg is gesloten: het verslag is alleen te lezen. Een correctie wordt een nieuwe aantekening \
                 in het journaal van de casus.",
                None::<Message>,
            ));
        }
        for w in &self.waarschuwingen {
            c = c.push(banner(Vlak::Waarschuwing, w, None::<Message>));
        }
        match self.tab {
            Tab::Voorbereiden => c.push(self.voorbereiden(g, gesloten)),
            Tab::Voeren => c.push(self.voeren(g, gesloten)),
        }
    }

    fn voorbereiden<'a>(&'a self, g: &'a Gekozen, gesloten: bool) -> Element<'a, Message> {
        let mut genodigden = column![text(format!("Genodigden ({})", g.genodigden.len())).size(16)].spacing(4);
        if g.genodigden.is_empty() {
            genodigden = genodigden.push(text("Nog niemand uitgenodigd.").size(13).style(theme::gedempt));
        }
        for p in &g.genodigden {
            let org = if p.organisatie.is_empty() { String::new() } else { format!(" — {}", p.organisatie) };
            let mut r = row![text(format!("{}{org}", p.naam)).size(14).width(Fill)].spacing(6);
            if !p.convenant.mag_persoonsgegevens_ontvangen() {
                r = r.push(
                    container(text(p.convenant.label()).size(12).color(iced::Color::WHITE))
                        .padding([2, 8])
                        .style(Vlak::Badge(theme::convenant_kleur(p.convenant)).stijl()),
                );
            }
            genodigden = genodigden.push(r);
        }
        if !gesloten {
            genodigden = genodigden.push(
                row![
                    combo_box(
                        &self.genodigde_kiezer,
                        "Zoek een contactpersoon (naam of organisatie)…",
                        self.genodigde.as_ref(),
                        Message::KiesGenodigde
                    )
                    .padding([5, 8])
                    .size(14.0)
                    .width(Fill),
                    button(text("Uitnodigen")).on_press(Message::Uitnodigen).style(Knop::Primair.stijl()),
                ]
                .spacing(6),
            );
        }

        let mut agenda = column![
            text(format!("Agenda ({})", crate::domain::aantal(g.agenda.len(), "agendapunt", "agendapunten"))).size(16)
        ]
        .spacing(4);
        if g.agenda.is_empty() {
            agenda = agenda.push(text("Nog geen casussen op de agenda.").size(13).style(theme::gedempt));
        }
        let n = g.agenda.len();
        for (i, p) in g.agenda.iter().enumerate() {
            let eind = chrono::NaiveTime::parse_from_str(&p.starttijd, "%H:%M")
                .map(|t| (t + chrono::Duration::minutes(p.duur_minuten)).format("%H:%M").to_string())
                .unwrap_or_default();
            let wat: Element<'a, Message> = if p.is_algemeen() {
                text(&p.tekst).size(14).width(Fill).into()
            } else {
                button(text(format!("Casus {}", p.casusnummer)).size(14).wrapping(text::Wrapping::None))
                    .on_press(Message::OpenCasus(p.casusnummer.clone()))
                    .style(Knop::Link.stijl())
                    .into()
            };
            let tijd = text(format!("{}–{eind}", p.starttijd)).size(14).wrapping(text::Wrapping::None);
            // Time and casus on the left, the controls as one block on the right; in a
            // narrow window the controls wrap onto their own line instead of overlapping.
            let mut r = row![].spacing(6).align_y(iced::Center);
            if gesloten {
                r = r.push(text(format!("{} min", p.duur_minuten)).size(13).style(theme::gedempt));
            } else {
                let pid = p.id.clone();
                r = r
                    .push(
                        kies(&DUREN[..], Some(p.duur_minuten), move |d| Message::Duur(pid.clone(), d))
                            .width(80)
                            .placeholder("min"),
                    )
                    .push(text("min").size(13).style(theme::gedempt))
                    .push(
                        button(text("↑"))
                            .on_press_maybe((i > 0).then(|| Message::Verplaats(p.id.clone(), true)))
                            .style(Knop::Secundair.stijl()),
                    )
                    .push(
                        button(text("↓"))
                            .on_press_maybe((i + 1 < n).then(|| Message::Verplaats(p.id.clone(), false)))
                            .style(Knop::Secundair.stijl()),
                    )
                    .push(
                        button(text("Van agenda")).on_press(Message::Verwijder(p.id.clone())).style(Knop::Link.stijl()),
                    );
            }
            agenda = agenda.push(
                row![row![container(tijd).width(100), wat].spacing(6).align_y(iced::Center).width(250), r]
                    .spacing(6)
                    .align_y(iced::Center)
                    .wrap()
                    .vertical_spacing(4),
            );
        }
        if !gesloten {
            agenda = agenda.push(
                row![
                    combo_box(
                        &self.casus_kiezer,
                        "Zoek een casus (nummer, werknaam of thema)…",
                        self.casus.as_ref(),
                        Message::KiesCasus
                    )
                    .padding([5, 8])
                    .size(14.0)
                    .width(Fill),
                    kies(&DUREN[..], Some(self.duur), Message::KiesDuur).width(80),
                    text("min").size(13).style(theme::gedempt),
                    button(text("Op de agenda")).on_press(Message::Agenderen).style(Knop::Primair.stijl()),
                ]
                .spacing(6)
                .align_y(iced::Center),
            );
            agenda = agenda.push(
                row![
                    invoer("Algemeen punt, bijvoorbeeld Mededelingen", &self.algemeen, Message::AlgemeenTekst)
                        .on_submit(Message::AlgemeenToevoegen)
                        .id("agenda-algemeen")
                        .width(Fill),
                    button(text("Algemeen punt toevoegen"))
                        .on_press(Message::AlgemeenToevoegen)
                        .style(Knop::Secundair.stijl()),
                ]
                .spacing(6)
                .align_y(iced::Center),
            );
        }
        column![
            container(genodigden).padding(12).width(Fill).style(Vlak::Paneel.stijl()),
            container(agenda).padding(12).width(Fill).style(Vlak::Paneel.stijl()),
        ]
        .spacing(10)
        .into()
    }

    fn voeren<'a>(&'a self, g: &'a Gekozen, gesloten: bool) -> Element<'a, Message> {
        let mut aanwezig = column![text("Aanwezigheid").size(16)].spacing(4);
        if g.genodigden.is_empty() {
            aanwezig = aanwezig.push(text("Geen genodigden.").size(13).style(theme::gedempt));
        }
        for p in &g.genodigden {
            let label =
                if p.organisatie.is_empty() { p.naam.clone() } else { format!("{} ({})", p.naam, p.organisatie) };
            let mut cb = checkbox(p.aanwezig == Some(true)).label(label).size(16);
            if !gesloten {
                let gid = p.id.clone();
                cb = cb.on_toggle(move |b| Message::Aanwezig(gid.clone(), b));
            }
            aanwezig = aanwezig.push(cb);
        }
        let mut c = column![container(aanwezig).padding(12).width(Fill).style(Vlak::Paneel.stijl())].spacing(10);
        if g.agenda.is_empty() {
            c = c.push(text("Er staan geen casussen op de agenda.").size(14).style(theme::gedempt));
        }
        for (i, p) in g.agenda.iter().enumerate() {
            let kop = if p.is_algemeen() {
                row![text(format!("{} — {}", p.starttijd, p.tekst)).size(16).width(Fill)]
            } else {
                row![
                    text(format!("{} — casus {}", p.starttijd, p.casusnummer)).size(16).width(Fill),
                    button(text("Casus openen").size(13))
                        .on_press(Message::OpenCasus(p.casusnummer.clone()))
                        .style(Knop::Link.stijl()),
                ]
            };
            let mut punt = column![kop.align_y(iced::Center)].spacing(6);
            if gesloten {
                for (label, waarde) in [("Beeld", &p.beeld), ("Oordeel", &p.oordeel), ("Besluit", &p.besluit)] {
                    punt = punt.push(veld(
                        label,
                        text(if waarde.is_empty() { "—" } else { waarde.as_str() }).size(14),
                        None,
                    ));
                }
            } else if let Some(b) = self.bob.get(&p.id) {
                // `zet_gekozen` made an entry for every agenda item.
                for (label, v, inhoud, hint, sleutel) in [
                    ("Beeld", BobVeld::Beeld, &b.beeld, "Wat is het beeld van de casus?", "beeld"),
                    ("Oordeel", BobVeld::Oordeel, &b.oordeel, "Hoe beoordelen de partners de situatie?", "oordeel"),
                    ("Besluit", BobVeld::Besluit, &b.besluit, "Wat is besloten?", "besluit"),
                ] {
                    let a = p.id.clone();
                    punt = punt.push(veld(
                        label,
                        text_editor(inhoud)
                            .placeholder(hint)
                            .on_action(move |x| Message::BobBewerk(a.clone(), v, x))
                            .id(format!("bob-{sleutel}-{i}"))
                            .height(iced::Length::Shrink)
                            .min_height(60)
                            .padding(6)
                            .size(14),
                        None,
                    ));
                }
            }
            if !gesloten && !p.is_algemeen() && g.overleg.soort == OverlegSoort::Weegtafel {
                let pid = p.id.clone();
                punt = punt.push(veld(
                    "Uitkomst van de weging",
                    kies(WegingUitkomst::ALLE, self.uitkomsten.get(&p.id).copied(), move |u| {
                        Message::Weging(pid.clone(), u)
                    })
                    .placeholder("Leg de uitkomst vast"),
                    None,
                ));
            }
            if let Some(acties) = g.acties.get(&p.id) {
                for a in acties {
                    punt = punt.push(text(format!("Actie in het plan: {a}")).size(13).style(theme::groen));
                }
            }
            if !gesloten {
                match &self.actie {
                    Some(f) if f.agendapunt == p.id => punt = punt.push(self.actieformulier(f)),
                    // A general item has no casus: no plan for an action.
                    _ if p.is_algemeen() => {
                        punt = punt.push(
                            button(text("Verslag opslaan (Ctrl+S)"))
                                .on_press(Message::VerslagOpslaan)
                                .style(Knop::Primair.stijl()),
                        )
                    }
                    _ => {
                        punt = punt.push(
                            row![
                                button(text("Verslag opslaan (Ctrl+S)"))
                                    .on_press(Message::VerslagOpslaan)
                                    .style(Knop::Primair.stijl()),
                                button(text("Actie uit besluit"))
                                    .on_press(Message::ActieVanBesluit(p.id.clone()))
                                    .style(Knop::Secundair.stijl()),
                            ]
                            .spacing(6),
                        )
                    }
                }
            } else if !p.is_algemeen() {
                let t = self.correctie.get(&p.id).map(String::as_str).unwrap_or("");
                let pid = p.id.clone();
                punt = punt.push(
                    row![
                        invoer("Correctie op dit verslag", t, move |t| Message::Correctie(pid.clone(), t))
                            .on_submit(Message::CorrectieToevoegen(p.id.clone()))
                            .width(Fill),
                        button(text("Correctie vastleggen"))
                            .on_press(Message::CorrectieToevoegen(p.id.clone()))
                            .style(Knop::Secundair.stijl()),
                    ]
                    .spacing(6),
                );
            }
            c = c.push(container(punt).padding(12).width(Fill).style(Vlak::Paneel.stijl()));
        }
        if !g.correcties.is_empty() {
            let mut k = column![text("Correcties na sluiten").size(16)].spacing(4);
            for x in &g.correcties {
                k = k.push(column![
                    text(&x.tekst).size(14),
                    text(format!("casus {} · {} · {}", x.casusnummer, x.auteur, nl_datum(&x.datum)))
                        .size(12)
                        .style(theme::gedempt),
                ]);
            }
            c = c.push(container(k).padding(12).width(Fill).style(Vlak::Paneel.stijl()));
        }
        if !gesloten {
            c = c.push(
                container(veld(
                    "Volgend overleg (komt in het verslag)",
                    row![
                        invoer("dd-mm-jjjj", &self.volgende_datum, Message::VolgendeDatum)
                            .on_submit(Message::VolgendeDatumOpslaan)
                            .id("volgend-overleg")
                            .width(170),
                        button(text("Datum vastleggen"))
                            .on_press(Message::VolgendeDatumOpslaan)
                            .style(Knop::Secundair.stijl()),
                    ]
                    .spacing(6),
                    None,
                ))
                .padding(12)
                .width(Fill)
                .style(Vlak::Paneel.stijl()),
            );
        } else if let Some(v) = &g.overleg.volgende_datum {
            c = c.push(text(format!("Volgend overleg: {}", nl_datum(v))).size(14));
        }
        c.into()
    }

    fn actieformulier<'a>(&'a self, f: &'a ActieFormulier) -> Element<'a, Message> {
        veld(
            "Nieuwe actie in het plan van aanpak",
            column![
                invoer("Omschrijving van de actie", &f.omschrijving, Message::ActieOmschrijving)
                    .on_submit(Message::ActieToevoegen)
                    .id("actie-omschrijving")
                    .width(Fill),
                row![
                    kies(self.partners.as_slice(), f.partner.as_ref(), Message::ActiePartner)
                        .placeholder("Partner")
                        .width(Fill),
                    kies(self.partner_contacten.as_slice(), f.contact.as_ref(), Message::ActieContact)
                        .placeholder("Contactpersoon")
                        .width(Fill),
                    invoer("Deadline dd-mm-jjjj", &f.deadline, Message::ActieDeadline)
                        .on_submit(Message::ActieToevoegen)
                        .id("actie-deadline")
                        .width(170),
                ]
                .spacing(6),
                row![
                    button(text("Actie toevoegen")).on_press(Message::ActieToevoegen).style(Knop::Primair.stijl()),
                    button(text("Annuleren")).on_press(Message::ActieAnnuleren).style(Knop::Link.stijl()),
                ]
                .spacing(6),
            ]
            .spacing(6),
            f.fout.as_deref(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, naam: &str, actief: bool) -> LijstItem {
        LijstItem { id: id.into(), naam: naam.into(), actief }
    }

    /// Planning offers only active types; an archived chosen type gives way to the first
    /// active one.
    #[test]
    fn alleen_actieve_soorten_worden_aangeboden() {
        let mut s = State::new();
        s.zet_soorten(vec![
            item("weegtafel", "Triageoverleg", true),
            item("casusoverleg", "Casusoverleg", false),
            item("a1b2c3d4-0000", "Verbindingstafel", true),
        ]);
        assert_eq!(
            s.soorten.iter().map(|k| k.label.as_str()).collect::<Vec<_>>(),
            ["Triageoverleg", "Verbindingstafel"]
        );
        assert_eq!(s.soort, "weegtafel");
        let _ = s.update(Message::Soort(Keuze::new("a1b2c3d4-0000", "Verbindingstafel")));
        s.datum = "12-05-2026".into();
        let (_, ev) = s.update(Message::Plannen);
        assert!(matches!(ev, Some(Event::Plannen(o)) if o.soort == "a1b2c3d4-0000"));
    }
}

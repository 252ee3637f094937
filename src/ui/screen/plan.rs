//! Plan-van-aanpak editor: goals per leefgebied, an editable action table, risk scores,
//! recording versions and comparing them.

use crate::domain::plan::{PlanDiff, RisicoMoment, Verschil};
use crate::domain::{ActieStatus, Convenantstatus, PlanSnapshot};
use crate::store::{Actie, ActieWijziging, NieuweActie, Plan, PlanVersie, Risicotaxatie};
use crate::ui::theme::{self, Knop, Vlak};
use crate::ui::widgets::{Keuze, banner, datum, invoer, kalender, kies, nl_datum, veld};
use iced::widget::{button, column, container, row, space, text};
use iced::{Element, Fill, FillPortion, Task};

/// A partner as offered in the picker, with its covenant status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerKeuze {
    /// Partner id.
    pub id: String,
    /// Name.
    pub naam: String,
    /// Covenant status.
    pub convenant: Convenantstatus,
}

impl std::fmt::Display for PartnerKeuze {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.convenant {
            Convenantstatus::Convenant => write!(f, "{}", self.naam),
            Convenantstatus::Intentieverklaring => write!(f, "{} (intentieverklaring)", self.naam),
            Convenantstatus::Geen => write!(f, "{} (geen convenant)", self.naam),
        }
    }
}

/// The action form (new action, or editing one).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActieFormulier {
    doel: Option<Keuze>,
    omschrijving: String,
    partner: Option<PartnerKeuze>,
    contact: Option<Keuze>,
    deadline: String,
    /// The month shown by the open deadline calendar.
    kalender: Option<chrono::NaiveDate>,
    status: Option<ActieStatus>,
    resultaat: String,
    fout: Option<String>,
}

/// Typed text not yet added to the plan, kept across a lock.
#[derive(Debug, Clone, Default)]
pub struct Concept {
    nieuw_doel: String,
    nieuw_doel_leefgebied: Option<Keuze>,
    nieuwe_actie: ActieFormulier,
    versie_reden: String,
}

/// Which version to compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersieKeuze {
    /// A frozen version.
    Versie(u32),
    /// The working draft.
    Concept,
}

impl std::fmt::Display for VersieKeuze {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VersieKeuze::Versie(n) => write!(f, "Versie {n}"),
            VersieKeuze::Concept => f.write_str("Huidig concept"),
        }
    }
}

/// State of the editor for one casus.
#[derive(Debug, Default)]
pub struct State {
    plan: Plan,
    versies: Vec<PlanVersie>,
    leefgebieden: Vec<Keuze>,
    partners: Vec<PartnerKeuze>,
    contacten: Vec<Keuze>,
    nieuw_doel_leefgebied: Option<Keuze>,
    nieuw_doel: String,
    nieuwe_actie: ActieFormulier,
    bewerkt: Option<(String, ActieFormulier)>,
    geselecteerd: Option<usize>,
    versie_reden: String,
    diff_van: Option<VersieKeuze>,
    diff_naar: Option<VersieKeuze>,
    bekeken: Option<u32>,
    waarschuwing: Option<String>,
    fout: Option<String>,
    /// The goal being edited: (id, leefgebied, text).
    doel_bewerkt: Option<(String, Option<Keuze>, String)>,
    /// The goal or action whose removal awaits confirmation.
    te_verwijderen: Option<Verwijderbaar>,
    /// Explanation of the next risk score.
    taxatie_toelichting: String,
    /// Moment of the next risk score (`None`: start).
    taxatie_moment: Option<RisicoMoment>,
    /// Assessor of the next risk score (empty: the local user's name).
    taxatie_beoordelaar: String,
    /// The action whose removal was confirmed and is being saved.
    wordt_verwijderd: Option<Actie>,
    /// The action removed last: "Ongedaan maken" puts it back (until the next removal
    /// or until the banner is closed).
    ongedaan: Option<Actie>,
}

/// Something in the plan that can be removed (after a confirmation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verwijderbaar {
    /// A goal, by id.
    Doel(String),
    /// An action, by id.
    Actie(String),
}

/// What the user does in the editor.
#[derive(Debug, Clone)]
pub enum Message {
    /// Choose the leefgebied of a new goal.
    DoelLeefgebied(Keuze),
    /// Type a new goal.
    DoelTekst(String),
    /// Add the goal.
    DoelToevoegen,
    /// Edit a field of the new-action form (`false`) or the edited action (`true`).
    Actie(bool, ActieVeld),
    /// Add the new action.
    ActieToevoegen,
    /// Start editing an action.
    Bewerk(usize),
    /// Save the edited action (Ctrl+S).
    Opslaan,
    /// Stop editing without saving.
    StopBewerken,
    /// Select an action row (keyboard target).
    Selecteer(usize),
    /// Select the row above (`true`) or below the selected one (↑ / ↓).
    SelecteerVolgende(bool),
    /// Edit the selected row (Enter).
    BewerkGeselecteerde,
    /// Move an action up (`true`) or down.
    Verplaats(usize, bool),
    /// Mark an action done.
    Gereed(usize),
    /// Set the risk score of a leefgebied (with the toelichting, moment and assessor typed).
    Risico(String, u8),
    /// Type the explanation of the next risk score.
    TaxatieToelichting(String),
    /// Choose the moment of the next risk score.
    TaxatieMoment(RisicoMoment),
    /// Type the assessor of the next risk score.
    TaxatieBeoordelaar(String),
    /// Type the reason of a new version.
    VersieReden(String),
    /// Record a version.
    Vastleggen,
    /// Choose the older side of the diff.
    DiffVan(VersieKeuze),
    /// Choose the newer side of the diff.
    DiffNaar(VersieKeuze),
    /// Read a frozen version in full (`None` closes it).
    Bekijk(Option<u32>),
    /// Close the banner.
    SluitMelding,
    /// Start editing goal `.0`.
    DoelBewerk(String),
    /// Choose the leefgebied of the edited goal.
    DoelBewerkLeefgebied(Keuze),
    /// Type the text of the edited goal.
    DoelBewerkTekst(String),
    /// Save the edited goal (Ctrl+S).
    DoelOpslaan,
    /// Ask to remove a goal or action (a confirmation follows).
    Verwijder(Verwijderbaar),
    /// Confirm the removal.
    VerwijderBevestigd,
    /// Put the action removed last back ("Ongedaan maken").
    OngedaanMaken,
    /// Close the "Actie verwijderd" banner (the removal stays).
    SluitOngedaan,
}

/// A change in one field of an action form.
#[derive(Debug, Clone)]
pub enum ActieVeld {
    /// Goal.
    Doel(Keuze),
    /// Description.
    Omschrijving(String),
    /// Partner.
    Partner(PartnerKeuze),
    /// Contact person.
    Contact(Keuze),
    /// Deadline as typed.
    Deadline(String),
    /// Open or close the deadline calendar.
    Kalender,
    /// Show this month in the calendar.
    KalenderMaand(chrono::NaiveDate),
    /// Pick this day in the calendar.
    KalenderDag(chrono::NaiveDate),
    /// Status.
    Status(ActieStatus),
    /// Result.
    Resultaat(String),
}

/// What the editor asks of the app.
#[derive(Debug, Clone)]
pub enum Event {
    /// Add a goal.
    DoelToevoegen {
        /// Leefgebied id.
        leefgebied: String,
        /// Text.
        omschrijving: String,
    },
    /// Add an action.
    ActieToevoegen(NieuweActie),
    /// Change an action.
    ActieWijzig(String, ActieWijziging),
    /// Move an action.
    ActieVerplaats(String, bool),
    /// Record a risk score (risicotaxatie).
    Risico(Risicotaxatie),
    /// Record a version with a reason.
    Vastleggen(String),
    /// The contact list of this partner is needed.
    ContactenNodig(String),
    /// Change goal `id`.
    DoelWijzig {
        /// Goal id.
        id: String,
        /// Leefgebied id.
        leefgebied: Option<String>,
        /// Text.
        omschrijving: String,
    },
    /// Remove a goal (its actions stay, without goal).
    DoelVerwijder(String),
    /// Remove an action.
    ActieVerwijder(String),
    /// Put a removed action back: added anew with its text, goal, partner, contact and
    /// deadline, then given its status and result (`.1`).
    ActieTerugzetten(NieuweActie, ActieWijziging),
}

fn status_tekst(s: ActieStatus) -> &'static str {
    s.label()
}

impl State {
    /// The frozen version being read, or `None` for the current plan.
    pub fn bekeken_versie(&self) -> Option<u32> {
        self.bekeken
    }

    /// An editor for `plan` and its `versies`.
    pub fn new(plan: Plan, versies: Vec<PlanVersie>, leefgebieden: Vec<Keuze>, partners: Vec<PartnerKeuze>) -> State {
        let mut s = State { leefgebieden, partners, ..State::default() };
        s.vervang(plan, versies);
        s
    }

    /// New data after a change; keeps unsaved forms.
    pub fn vervang(&mut self, plan: Plan, versies: Vec<PlanVersie>) {
        if let Some(n) = versies.last().map(|v| v.nummer) {
            self.diff_naar.get_or_insert(VersieKeuze::Concept);
            self.diff_van.get_or_insert(VersieKeuze::Versie(n));
        }
        self.plan = plan;
        self.versies = versies;
    }

    /// The contacts of the chosen partner arrived.
    pub fn zet_contacten(&mut self, c: Vec<Keuze>) {
        self.contacten = c;
    }

    /// Show an error from the store.
    pub fn toon_fout(&mut self, f: String) {
        self.fout = Some(f);
    }

    /// The store saved an action; warn when its partner may not receive personal data.
    pub fn actie_opgeslagen(&mut self, zonder_convenant: bool, nieuw: bool) {
        self.fout = None;
        if nieuw {
            self.nieuwe_actie = ActieFormulier::default();
        } else {
            self.bewerkt = None;
        }
        if zonder_convenant {
            self.waarschuwing = Some(
                "Let op: met deze partner is geen convenant. Deel geen persoonsgegevens; leg alleen de actie vast."
                    .into(),
            );
        }
    }

    /// A risk score was recorded: clear its explanation (moment and assessor stay).
    pub fn risico_opgeslagen(&mut self) {
        self.taxatie_toelichting.clear();
        self.fout = None;
    }

    /// A goal was changed or a goal or action removed: close its form.
    pub fn doel_gewijzigd(&mut self) {
        self.doel_bewerkt = None;
        self.te_verwijderen = None;
        self.fout = None;
    }

    /// The store removed the action asked for: offer to undo it.
    pub fn actie_verwijderd(&mut self) {
        self.doel_gewijzigd();
        self.ongedaan = self.wordt_verwijderd.take();
    }

    /// The removed action is back.
    pub fn actie_teruggezet(&mut self) {
        self.ongedaan = None;
        self.fout = None;
    }

    /// A goal was added.
    pub fn doel_opgeslagen(&mut self) {
        self.nieuw_doel.clear();
        self.fout = None;
    }

    /// A version was recorded.
    pub fn versie_opgeslagen(&mut self, nummer: u32) {
        self.versie_reden.clear();
        self.diff_van = Some(VersieKeuze::Versie(nummer));
        self.diff_naar = Some(VersieKeuze::Concept);
        self.fout = None;
    }

    /// Unsaved edits of an action, to save before locking or leaving (nothing is dropped).
    pub fn openstaand(&self) -> Option<Event> {
        if self.bewerkt.is_none()
            && let Some((id, lg, tekst)) = &self.doel_bewerkt
        {
            return Some(Event::DoelWijzig {
                id: id.clone(),
                leefgebied: lg.as_ref().map(|k| k.id.clone()),
                omschrijving: tekst.clone(),
            });
        }
        let (id, f) = self.bewerkt.as_ref()?;
        let origineel = self.plan.acties.iter().find(|a| &a.id == id)?;
        if *f == formulier_van(origineel, &self.plan) {
            return None;
        }
        wijziging_van(f).ok().map(|w| Event::ActieWijzig(id.clone(), w))
    }

    /// Typed but not yet added texts (the edited action is saved instead).
    pub fn concept(&self) -> Concept {
        Concept {
            nieuw_doel: self.nieuw_doel.clone(),
            nieuw_doel_leefgebied: self.nieuw_doel_leefgebied.clone(),
            nieuwe_actie: self.nieuwe_actie.clone(),
            versie_reden: self.versie_reden.clone(),
        }
    }

    /// Put typed texts back after unlocking.
    pub fn herstel(&mut self, c: Concept) {
        self.nieuw_doel = c.nieuw_doel;
        self.nieuw_doel_leefgebied = c.nieuw_doel_leefgebied;
        self.nieuwe_actie = c.nieuwe_actie;
        self.versie_reden = c.versie_reden;
    }

    /// The selected action row.
    pub fn geselecteerd(&self) -> Option<usize> {
        self.geselecteerd
    }

    fn snapshot(&self, k: &VersieKeuze) -> Option<PlanSnapshot> {
        match k {
            VersieKeuze::Concept => Some(self.plan.snapshot()),
            VersieKeuze::Versie(n) => self.versies.iter().find(|v| v.nummer == *n).map(|v| v.inhoud.clone()),
        }
    }

    /// Handle a message.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::DoelLeefgebied(k) => self.nieuw_doel_leefgebied = Some(k),
            Message::DoelTekst(t) => self.nieuw_doel = t,
            Message::DoelToevoegen => {
                let Some(lg) = &self.nieuw_doel_leefgebied else {
                    self.fout = Some("Kies eerst het leefgebied van het doel.".into());
                    return (Task::none(), None);
                };
                if self.nieuw_doel.trim().is_empty() {
                    self.fout = Some("Beschrijf het doel.".into());
                    return (Task::none(), None);
                }
                return (
                    Task::none(),
                    Some(Event::DoelToevoegen { leefgebied: lg.id.clone(), omschrijving: self.nieuw_doel.clone() }),
                );
            }
            Message::Actie(bewerkt, v) => {
                let partner_gekozen = matches!(v, ActieVeld::Partner(_));
                let f = if bewerkt {
                    match &mut self.bewerkt {
                        Some((_, f)) => f,
                        None => return (Task::none(), None),
                    }
                } else {
                    &mut self.nieuwe_actie
                };
                match v {
                    ActieVeld::Doel(d) => f.doel = Some(d),
                    ActieVeld::Omschrijving(o) => f.omschrijving = o,
                    ActieVeld::Partner(p) => {
                        f.partner = Some(p);
                        f.contact = None;
                    }
                    ActieVeld::Contact(c) => f.contact = Some(c),
                    ActieVeld::Deadline(d) => f.deadline = d,
                    ActieVeld::Kalender => {
                        f.kalender = match f.kalender {
                            Some(_) => None,
                            None => Some(
                                datum(&f.deadline).ok().flatten().unwrap_or_else(|| chrono::Local::now().date_naive()),
                            ),
                        }
                    }
                    ActieVeld::KalenderMaand(m) => f.kalender = Some(m),
                    ActieVeld::KalenderDag(d) => {
                        f.deadline = d.format("%d-%m-%Y").to_string();
                        f.kalender = None;
                    }
                    ActieVeld::Status(s) => f.status = Some(s),
                    ActieVeld::Resultaat(r) => f.resultaat = r,
                }
                f.fout = None;
                if partner_gekozen && let Some(p) = f.partner.clone() {
                    self.waarschuwing = (!p.convenant.mag_persoonsgegevens_ontvangen()).then(|| {
                        format!(
                            "Let op: met {} is geen convenant. Persoonsgegevens mogen niet met deze partner worden gedeeld.",
                            p.naam
                        )
                    });
                    return (Task::none(), Some(Event::ContactenNodig(p.id)));
                }
            }
            Message::ActieToevoegen => {
                let f = &mut self.nieuwe_actie;
                if f.omschrijving.trim().is_empty() {
                    f.fout = Some("Beschrijf de actie.".into());
                    return (Task::none(), None);
                }
                match datum(&f.deadline) {
                    Ok(deadline) => {
                        return (
                            Task::none(),
                            Some(Event::ActieToevoegen(NieuweActie {
                                doel_id: f.doel.as_ref().map(|d| d.id.clone()),
                                omschrijving: f.omschrijving.clone(),
                                partner_id: f.partner.as_ref().map(|p| p.id.clone()),
                                contact_id: f.contact.as_ref().map(|c| c.id.clone()),
                                deadline,
                                agendapunt_id: None,
                            })),
                        );
                    }
                    Err(m) => f.fout = Some(m),
                }
            }
            Message::Bewerk(i) => {
                if let Some(a) = self.plan.acties.get(i) {
                    let f = formulier_van(a, &self.plan);
                    self.bewerkt = Some((a.id.clone(), f));
                    self.geselecteerd = Some(i);
                    if let Some(p) = &a.partner_id {
                        return (
                            iced::widget::operation::focus("actie-bewerk-omschrijving"),
                            Some(Event::ContactenNodig(p.clone())),
                        );
                    }
                    return (iced::widget::operation::focus("actie-bewerk-omschrijving"), None);
                }
            }
            Message::Opslaan => {
                if let Some((id, f)) = &mut self.bewerkt {
                    match wijziging_van(f) {
                        Ok(w) => return (Task::none(), Some(Event::ActieWijzig(id.clone(), w))),
                        Err(m) => f.fout = Some(m),
                    }
                }
            }
            Message::StopBewerken => {
                self.bewerkt = None;
                self.doel_bewerkt = None;
                self.te_verwijderen = None;
            }
            Message::DoelBewerk(id) => {
                if let Some(d) = self.plan.doelen.iter().find(|d| d.id == id) {
                    let lg = d.leefgebied_id.as_ref().map(|l| Keuze::new(l, &d.leefgebied));
                    self.doel_bewerkt = Some((id, lg, d.omschrijving.clone()));
                }
            }
            Message::DoelBewerkLeefgebied(k) => {
                if let Some(d) = &mut self.doel_bewerkt {
                    d.1 = Some(k);
                }
            }
            Message::DoelBewerkTekst(t) => {
                if let Some(d) = &mut self.doel_bewerkt {
                    d.2 = t;
                }
            }
            Message::DoelOpslaan => {
                if let Some((id, lg, tekst)) = &self.doel_bewerkt {
                    if tekst.trim().is_empty() {
                        self.fout = Some("Beschrijf het doel.".into());
                        return (Task::none(), None);
                    }
                    return (
                        Task::none(),
                        Some(Event::DoelWijzig {
                            id: id.clone(),
                            leefgebied: lg.as_ref().map(|k| k.id.clone()),
                            omschrijving: tekst.clone(),
                        }),
                    );
                }
            }
            Message::Verwijder(v) => self.te_verwijderen = Some(v),
            Message::VerwijderBevestigd => {
                let ev = match self.te_verwijderen.take() {
                    Some(Verwijderbaar::Doel(id)) => Event::DoelVerwijder(id),
                    Some(Verwijderbaar::Actie(id)) => {
                        self.wordt_verwijderd = self.plan.acties.iter().find(|a| a.id == id).cloned();
                        Event::ActieVerwijder(id)
                    }
                    None => return (Task::none(), None),
                };
                return (Task::none(), Some(ev));
            }
            Message::OngedaanMaken => {
                if let Some(a) = &self.ongedaan {
                    let nieuw = NieuweActie {
                        doel_id: a.doel_id.clone().filter(|d| self.plan.doelen.iter().any(|x| &x.id == d)),
                        omschrijving: a.omschrijving.clone(),
                        partner_id: a.partner_id.clone(),
                        contact_id: a.contact_id.clone(),
                        deadline: a.deadline.as_deref().and_then(|d| d.parse().ok()),
                        ..NieuweActie::default()
                    };
                    let rest = ActieWijziging {
                        status: Some(a.status),
                        resultaat: Some(a.resultaat.clone()),
                        ..ActieWijziging::default()
                    };
                    return (Task::none(), Some(Event::ActieTerugzetten(nieuw, rest)));
                }
            }
            Message::SluitOngedaan => self.ongedaan = None,
            Message::Selecteer(i) => self.geselecteerd = Some(i),
            Message::SelecteerVolgende(omhoog) => {
                let n = self.plan.acties.len();
                if n > 0 {
                    self.geselecteerd = Some(match (self.geselecteerd, omhoog) {
                        (None, true) => n - 1,
                        (None, false) => 0,
                        (Some(i), true) => i.saturating_sub(1),
                        (Some(i), false) => (i + 1).min(n - 1),
                    });
                }
            }
            Message::BewerkGeselecteerde => {
                if let Some(i) = self.geselecteerd.filter(|_| self.bewerkt.is_none()) {
                    return self.update(Message::Bewerk(i));
                }
            }
            Message::Verplaats(i, omhoog) => {
                if let Some(a) = self.plan.acties.get(i) {
                    let nieuw = if omhoog { i.saturating_sub(1) } else { (i + 1).min(self.plan.acties.len() - 1) };
                    self.geselecteerd = Some(nieuw);
                    return (Task::none(), Some(Event::ActieVerplaats(a.id.clone(), omhoog)));
                }
            }
            Message::Gereed(i) => {
                if let Some(a) = self.plan.acties.get(i) {
                    return (
                        Task::none(),
                        Some(Event::ActieWijzig(
                            a.id.clone(),
                            ActieWijziging { status: Some(ActieStatus::Gereed), ..Default::default() },
                        )),
                    );
                }
            }
            Message::Risico(lg, score) => {
                let t = Risicotaxatie {
                    leefgebied: lg,
                    score: i64::from(score),
                    toelichting: self.taxatie_toelichting.trim().to_string(),
                    moment: self.taxatie_moment.unwrap_or(RisicoMoment::Start),
                    beoordelaar: self.taxatie_beoordelaar.trim().to_string(),
                };
                return (Task::none(), Some(Event::Risico(t)));
            }
            Message::TaxatieToelichting(t) => self.taxatie_toelichting = t,
            Message::TaxatieMoment(m) => self.taxatie_moment = Some(m),
            Message::TaxatieBeoordelaar(t) => self.taxatie_beoordelaar = t,
            Message::VersieReden(r) => self.versie_reden = r,
            Message::Vastleggen => {
                if self.versie_reden.trim().is_empty() {
                    self.fout = Some(
                        "Geef aan waarom deze versie wordt vastgelegd (bijv. 'vastgesteld in casusoverleg').".into(),
                    );
                    return (Task::none(), None);
                }
                return (Task::none(), Some(Event::Vastleggen(self.versie_reden.clone())));
            }
            Message::DiffVan(k) => self.diff_van = Some(k),
            Message::DiffNaar(k) => self.diff_naar = Some(k),
            Message::Bekijk(v) => self.bekeken = v,
            Message::SluitMelding => {
                self.fout = None;
                self.waarschuwing = None;
            }
        }
        (Task::none(), None)
    }

    fn doel_keuzes(&self) -> Vec<Keuze> {
        self.plan.doelen.iter().map(|d| Keuze::new(&d.id, format!("{}: {}", d.leefgebied, d.omschrijving))).collect()
    }

    /// The editor.
    pub fn view(&self) -> Element<'_, Message> {
        let mut c = column![].spacing(14);
        if let Some(f) = &self.fout {
            c = c.push(banner(Vlak::Fout, f, Some(Message::SluitMelding)));
        }
        if let Some(w) = &self.waarschuwing {
            c = c.push(banner(Vlak::Waarschuwing, w, Some(Message::SluitMelding)));
        }
        if let Some(a) = &self.ongedaan {
            c = c.push(
                container(
                    row![
                        text(format!("Actie \u{201c}{}\u{201d} verwijderd.", a.omschrijving)).size(14).width(Fill),
                        button(text("Ongedaan maken").size(13)).on_press(Message::OngedaanMaken),
                        button(text("Sluiten").size(13)).on_press(Message::SluitOngedaan).style(Knop::Link.stijl()),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                )
                .padding([8, 12])
                .width(Fill)
                .style(Vlak::Info.stijl()),
            );
        }

        // Goals per leefgebied.
        let mut doelen = column![text("Doelen per leefgebied").size(17)].spacing(6);
        let mut per_lg: Vec<(&str, Vec<&crate::store::Doel>)> = Vec::new();
        for d in &self.plan.doelen {
            match per_lg.iter_mut().find(|(lg, _)| *lg == d.leefgebied) {
                Some((_, v)) => v.push(d),
                None => per_lg.push((&d.leefgebied, vec![d])),
            }
        }
        if per_lg.is_empty() {
            doelen = doelen.push(text("Nog geen doelen.").size(13).style(theme::gedempt));
        }
        for (lg, lijst) in per_lg {
            let mut blok = column![text(lg).size(14)].spacing(2);
            for d in lijst {
                blok = blok.push(self.doel_rij(d));
            }
            doelen = doelen.push(blok);
        }
        doelen = doelen.push(
            row![
                kies(self.leefgebieden.as_slice(), self.nieuw_doel_leefgebied.clone(), Message::DoelLeefgebied)
                    .placeholder("Leefgebied")
                    .width(200),
                invoer("Nieuw doel…", &self.nieuw_doel, Message::DoelTekst)
                    .on_submit(Message::DoelToevoegen)
                    .id("nieuw-doel"),
                button(text("Doel toevoegen")).on_press(Message::DoelToevoegen).style(Knop::Secundair.stijl()),
            ]
            .spacing(8),
        );
        c = c.push(container(doelen).padding(12).width(Fill).style(Vlak::Paneel.stijl()));

        // Actions.
        let kop = |t: &'static str, w: u32| text(t).size(12).style(theme::gedempt).width(w);
        let mut tabel = column![
            text("Acties").size(17),
            row![
                kop("", 24),
                // Proportional, so a narrow window (1024 px) still shows the description.
                text("Omschrijving").size(12).style(theme::gedempt).width(FillPortion(3)),
                text("Partner / contact").size(12).style(theme::gedempt).width(FillPortion(2)),
                kop("Deadline", 90),
                kop("Status", 80),
                kop("", 300)
            ]
            .spacing(8),
        ]
        .spacing(4);
        for (i, a) in self.plan.acties.iter().enumerate() {
            if let Some((id, f)) = &self.bewerkt
                && *id == a.id
            {
                tabel = tabel.push(self.formulier(f, true));
                continue;
            }
            tabel = tabel.push(self.actie_rij(i, a));
            if self.te_verwijderen.as_ref() == Some(&Verwijderbaar::Actie(a.id.clone())) {
                tabel = tabel.push(bevestiging(format!("Actie \u{201c}{}\u{201d} verwijderen?", a.omschrijving)));
            }
        }
        if self.plan.acties.is_empty() {
            tabel = tabel.push(text("Nog geen acties.").size(13).style(theme::gedempt));
        }
        tabel = tabel.push(text("Nieuwe actie").size(14)).push(self.formulier(&self.nieuwe_actie, false));
        c = c.push(container(tabel).padding(12).width(Fill).style(Vlak::Paneel.stijl()));

        // Risk scores.
        let mut risico = column![
            text("Risico per leefgebied (1 = geen zorgen, 5 = acuut)").size(17),
            veld(
                "Risicotaxatie: vul eerst toelichting, moment en beoordelaar in en klik dan de score",
                row![
                    invoer("Toelichting", &self.taxatie_toelichting, Message::TaxatieToelichting)
                        .id("taxatie-toelichting")
                        .width(Fill),
                    kies(
                        RisicoMoment::ALLE,
                        Some(self.taxatie_moment.unwrap_or(RisicoMoment::Start)),
                        Message::TaxatieMoment
                    )
                    .width(140),
                    invoer("Beoordelaar (leeg: mijn naam)", &self.taxatie_beoordelaar, Message::TaxatieBeoordelaar)
                        .id("taxatie-beoordelaar")
                        .width(220),
                ]
                .spacing(6),
                None,
            ),
        ]
        .spacing(4);
        for lg in &self.leefgebieden {
            let vastgelegd = self.plan.risicos.iter().find(|r| r.leefgebied_id == lg.id);
            let huidig = vastgelegd.map(|r| r.score);
            let mut r = row![text(&lg.label).size(14).width(200)].spacing(4).align_y(iced::Center);
            for s in 1..=5u8 {
                let actief = huidig == Some(s);
                r =
                    r.push(
                        button(text(s.to_string()).size(13))
                            .on_press(Message::Risico(lg.id.clone(), s))
                            .style(if actief { Knop::Primair.stijl() } else { Knop::Secundair.stijl() }),
                    );
            }
            if let Some(v) = vastgelegd {
                let moment = RisicoMoment::parse(&v.moment).map(|m| m.label()).unwrap_or("—");
                let toelichting = if v.toelichting.is_empty() { String::new() } else { format!(": {}", v.toelichting) };
                r = r.push(text(format!("{moment} · {}{toelichting}", v.beoordelaar)).size(12).style(theme::gedempt));
            }
            risico = risico.push(r);
        }
        c = c.push(container(risico).padding(12).width(Fill).style(Vlak::Paneel.stijl()));

        // Versions and diff.
        let mut versies = column![text("Versies").size(17)].spacing(6);
        for v in &self.versies {
            versies = versies.push(
                text(format!(
                    "Versie {} — {} door {}: {}",
                    v.nummer,
                    nl_datum(&v.vastgelegd_op.chars().take(10).collect::<String>()),
                    v.vastgelegd_door,
                    v.reden
                ))
                .size(13),
            );
        }
        versies = versies.push(
            row![
                invoer("Reden, bijv. vastgesteld in casusoverleg", &self.versie_reden, Message::VersieReden)
                    .on_submit(Message::Vastleggen),
                button(text("Versie vastleggen")).on_press(Message::Vastleggen).style(Knop::Primair.stijl()),
            ]
            .spacing(8),
        );
        let mut keuzes: Vec<VersieKeuze> = self.versies.iter().map(|v| VersieKeuze::Versie(v.nummer)).collect();
        keuzes.push(VersieKeuze::Concept);
        if !self.versies.is_empty() {
            versies = versies.push(
                row![
                    text("Vergelijk").size(14),
                    kies(keuzes.clone(), self.diff_van.clone(), Message::DiffVan),
                    text("met").size(14),
                    kies(keuzes, self.diff_naar.clone(), Message::DiffNaar),
                ]
                .spacing(8)
                .align_y(iced::Center),
            );
            if let (Some(a), Some(b)) = (
                self.diff_van.as_ref().and_then(|k| self.snapshot(k)),
                self.diff_naar.as_ref().and_then(|k| self.snapshot(k)),
            ) {
                versies = versies.push(diff_view(&PlanDiff::tussen(&a, &b)));
            }
            let mut bekijk = row![text("Lees versie").size(14)].spacing(6).align_y(iced::Center);
            for v in &self.versies {
                let actief = self.bekeken == Some(v.nummer);
                bekijk = bekijk.push(
                    button(text(format!("Versie {}", v.nummer)).size(13))
                        .on_press(Message::Bekijk(if actief { None } else { Some(v.nummer) }))
                        .style(if actief { Knop::Primair.stijl() } else { Knop::Secundair.stijl() }),
                );
            }
            versies = versies.push(bekijk);
            if let Some(v) = self.bekeken.and_then(|n| self.versies.iter().find(|v| v.nummer == n)) {
                versies = versies.push(versie_view(v));
            }
        }
        c = c.push(container(versies).padding(12).width(Fill).style(Vlak::Paneel.stijl()));
        c.into()
    }

    fn doel_rij<'a>(&'a self, d: &'a crate::store::Doel) -> Element<'a, Message> {
        if let Some((id, lg, tekst)) = &self.doel_bewerkt
            && *id == d.id
        {
            return row![
                kies(self.leefgebieden.as_slice(), lg.clone(), Message::DoelBewerkLeefgebied)
                    .placeholder("Leefgebied")
                    .width(200),
                invoer("Doel", tekst, Message::DoelBewerkTekst).on_submit(Message::DoelOpslaan).id("doel-bewerk"),
                button(text("Doel opslaan (Ctrl+S)").size(13))
                    .on_press(Message::DoelOpslaan)
                    .style(Knop::Primair.stijl()),
                button(text("Annuleren").size(13)).on_press(Message::StopBewerken).style(Knop::Secundair.stijl()),
            ]
            .spacing(6)
            .into();
        }
        let mut c = column![
            row![
                text(format!("• {}", d.omschrijving)).size(14).width(Fill),
                button(text("Doel wijzigen").size(12))
                    .on_press(Message::DoelBewerk(d.id.clone()))
                    .style(Knop::Link.stijl()),
                button(text("Doel verwijderen").size(12))
                    .on_press(Message::Verwijder(Verwijderbaar::Doel(d.id.clone())))
                    .style(Knop::Link.stijl()),
            ]
            .spacing(4)
            .align_y(iced::Center)
        ];
        if self.te_verwijderen.as_ref() == Some(&Verwijderbaar::Doel(d.id.clone())) {
            c = c.push(bevestiging(format!(
                "Doel \u{201c}{}\u{201d} verwijderen? De acties bij dit doel blijven staan, zonder doel.",
                d.omschrijving
            )));
        }
        c.into()
    }

    fn actie_rij<'a>(&'a self, i: usize, a: &'a Actie) -> Element<'a, Message> {
        let geselecteerd = self.geselecteerd == Some(i);
        let partner = match (&a.partner, &a.contact) {
            (Some(p), Some(c)) => format!("{p} / {c}"),
            (Some(p), None) => p.clone(),
            _ => "—".into(),
        };
        let waarschuwing = a.convenantstatus == Some(Convenantstatus::Geen);
        row![
            button(text(if geselecteerd { "▶" } else { " " }).size(12))
                .on_press(Message::Selecteer(i))
                .style(Knop::Link.stijl())
                .width(24),
            text(&a.omschrijving).size(14).width(FillPortion(3)).wrapping(text::Wrapping::WordOrGlyph),
            text(if waarschuwing { format!("{partner} ⚠ geen convenant") } else { partner })
                .size(13)
                .width(FillPortion(2))
                .wrapping(text::Wrapping::WordOrGlyph)
                .style(if waarschuwing { theme::rood } else { theme::gedempt }),
            text(a.deadline.as_deref().map(nl_datum).unwrap_or_default()).size(13).width(90),
            text(status_tekst(a.status)).size(13).width(80),
            row![
                button(text("↑").size(12)).on_press(Message::Verplaats(i, true)).style(Knop::Secundair.stijl()),
                button(text("↓").size(12)).on_press(Message::Verplaats(i, false)).style(Knop::Secundair.stijl()),
                button(text("Bewerken").size(12)).on_press(Message::Bewerk(i)).style(Knop::Secundair.stijl()),
                button(text("Gereed").size(12))
                    .on_press_maybe(a.status.is_open().then_some(Message::Gereed(i)))
                    .style(Knop::Secundair.stijl()),
                button(text("Verwijderen").size(12))
                    .on_press(Message::Verwijder(Verwijderbaar::Actie(a.id.clone())))
                    .style(Knop::Link.stijl()),
            ]
            .spacing(4)
            .width(300),
        ]
        .spacing(8)
        .align_y(iced::Center)
        .into()
    }

    fn formulier<'a>(&'a self, f: &'a ActieFormulier, bewerkt: bool) -> Element<'a, Message> {
        let m = move |v: ActieVeld| Message::Actie(bewerkt, v);
        let verstuur = if bewerkt { Message::Opslaan } else { Message::ActieToevoegen };
        let mut omschrijving = invoer("Wat moet er gebeuren?", &f.omschrijving, move |s| m(ActieVeld::Omschrijving(s)))
            .on_submit(verstuur.clone());
        omschrijving = omschrijving.id(if bewerkt { "actie-bewerk-omschrijving" } else { "nieuwe-actie" });
        let contacten: &[Keuze] = if f.partner.is_some() { &self.contacten } else { &[] };
        let mut c = column![
            row![
                veld("Omschrijving", omschrijving, None),
                veld(
                    "Doel",
                    kies(self.doel_keuzes(), f.doel.clone(), move |d| m(ActieVeld::Doel(d)))
                        .placeholder("Geen doel")
                        .width(220),
                    None
                ),
            ]
            .spacing(8),
            row![
                veld(
                    "Partner",
                    kies(self.partners.as_slice(), f.partner.clone(), move |p| m(ActieVeld::Partner(p)))
                        .placeholder("Kies partner")
                        .width(260),
                    None
                ),
                veld(
                    "Contactpersoon",
                    kies(contacten, f.contact.clone(), move |k| m(ActieVeld::Contact(k)))
                        .placeholder("Kies contact")
                        .width(200),
                    None
                ),
                veld(
                    "Deadline (dd-mm-jjjj)",
                    row![
                        invoer("dd-mm-jjjj", &f.deadline, move |s| m(ActieVeld::Deadline(s)))
                            .on_submit(verstuur.clone())
                            .width(130),
                        button(text("Kalender").size(13))
                            .on_press(m(ActieVeld::Kalender))
                            .style(Knop::Secundair.stijl()),
                    ]
                    .spacing(4),
                    None
                ),
            ]
            .spacing(8),
        ]
        .spacing(6);
        if let Some(maand) = f.kalender {
            let gekozen = datum(&f.deadline).ok().flatten();
            c = c.push(row![
                space::horizontal(),
                kalender(
                    maand,
                    gekozen,
                    move |d| m(ActieVeld::KalenderDag(d)),
                    move |d| m(ActieVeld::KalenderMaand(d))
                ),
            ]);
        }
        if bewerkt {
            c = c.push(
                row![
                    veld(
                        "Status",
                        kies(ActieStatus::ALLE, f.status, move |s| m(ActieVeld::Status(s))).width(140),
                        None
                    ),
                    veld(
                        "Resultaat",
                        invoer("Resultaat", &f.resultaat, move |s| m(ActieVeld::Resultaat(s)))
                            .on_submit(verstuur.clone()),
                        None
                    ),
                ]
                .spacing(8),
            );
        }
        if let Some(e) = &f.fout {
            c = c.push(text(e).size(13).style(theme::rood));
        }
        let knoppen = if bewerkt {
            row![
                space::horizontal(),
                button(text("Annuleren").size(13)).on_press(Message::StopBewerken).style(Knop::Secundair.stijl()),
                button(text("Opslaan (Ctrl+S)").size(13)).on_press(Message::Opslaan).style(Knop::Primair.stijl()),
            ]
        } else {
            row![
                space::horizontal(),
                button(text("Actie toevoegen").size(13)).on_press(Message::ActieToevoegen).style(Knop::Primair.stijl())
            ]
        };
        container(c.push(knoppen.spacing(8)))
            .padding(8)
            .style(if bewerkt { Vlak::Info.stijl() } else { Vlak::Kolom.stijl() })
            .into()
    }
}

fn formulier_van(a: &Actie, plan: &Plan) -> ActieFormulier {
    ActieFormulier {
        doel: a
            .doel_id
            .as_ref()
            .and_then(|d| plan.doelen.iter().find(|x| &x.id == d))
            .map(|d| Keuze::new(&d.id, format!("{}: {}", d.leefgebied, d.omschrijving))),
        omschrijving: a.omschrijving.clone(),
        partner: a.partner_id.as_ref().map(|p| PartnerKeuze {
            id: p.clone(),
            naam: a.partner.clone().unwrap_or_default(),
            convenant: a.convenantstatus.unwrap_or(Convenantstatus::Geen),
        }),
        contact: a.contact_id.as_ref().map(|c| Keuze::new(c, a.contact.clone().unwrap_or_default())),
        deadline: a.deadline.as_deref().map(nl_datum).unwrap_or_default(),
        kalender: None,
        status: Some(a.status),
        resultaat: a.resultaat.clone(),
        fout: None,
    }
}

fn wijziging_van(f: &ActieFormulier) -> Result<ActieWijziging, String> {
    if f.omschrijving.trim().is_empty() {
        return Err("Beschrijf de actie.".into());
    }
    Ok(ActieWijziging {
        omschrijving: Some(f.omschrijving.clone()),
        doel_id: Some(f.doel.as_ref().map(|d| d.id.clone())),
        partner_id: Some(f.partner.as_ref().map(|p| p.id.clone())),
        contact_id: Some(f.contact.as_ref().map(|c| c.id.clone())),
        deadline: Some(datum(&f.deadline)?),
        status: f.status,
        resultaat: Some(f.resultaat.clone()),
    })
}

/// A frozen version, read-only and in full.
fn versie_view(v: &PlanVersie) -> Element<'static, Message> {
    let mut c = column![
        text(format!(
            "Versie {} (vastgelegd {} door {}) — {}",
            v.nummer,
            nl_datum(&v.vastgelegd_op.chars().take(10).collect::<String>()),
            v.vastgelegd_door,
            v.reden
        ))
        .size(14)
    ]
    .spacing(3);
    c = c.push(text("Doelen").size(13).style(theme::gedempt));
    for d in &v.inhoud.doelen {
        c = c.push(text(format!("• {}: {}", d.leefgebied, d.omschrijving)).size(13));
    }
    c = c.push(text("Acties").size(13).style(theme::gedempt));
    for a in &v.inhoud.acties {
        let wie = match (&a.partner, &a.contact) {
            (Some(p), Some(k)) => format!(" — {p} / {k}"),
            (Some(p), None) => format!(" — {p}"),
            _ => String::new(),
        };
        let deadline = a.deadline.as_deref().map(|d| format!(", deadline {}", nl_datum(d))).unwrap_or_default();
        c = c.push(text(format!("• {}{wie} ({}{deadline})", a.omschrijving, a.status.label())).size(13));
    }
    if !v.inhoud.risicos.is_empty() {
        c = c.push(text("Risico's").size(13).style(theme::gedempt));
        for r in &v.inhoud.risicos {
            c = c.push(text(format!("• {}: {}", r.leefgebied, r.score)).size(13));
        }
    }
    container(c).padding(8).width(Fill).style(Vlak::Kolom.stijl()).into()
}

fn diff_view(d: &PlanDiff) -> Element<'static, Message> {
    if d.is_leeg() {
        return text("Geen verschillen.").size(13).style(theme::gedempt).into();
    }
    let mut c = column![].spacing(3);
    for v in &d.doelen {
        c = c.push(match v {
            Verschil::Toegevoegd(x) => {
                text(format!("+ Doel toegevoegd: {} — {}", x.leefgebied, x.omschrijving)).size(13)
            }
            Verschil::Verwijderd(x) => {
                text(format!("− Doel verwijderd: {} — {}", x.leefgebied, x.omschrijving)).size(13)
            }
            Verschil::Gewijzigd { oud, nieuw } => {
                text(format!("~ Doel gewijzigd: '{}' → '{}'", oud.omschrijving, nieuw.omschrijving)).size(13)
            }
        });
    }
    for v in &d.acties {
        c = c.push(match v {
            Verschil::Toegevoegd(x) => text(format!("+ Actie toegevoegd: {}", x.omschrijving)).size(13),
            Verschil::Verwijderd(x) => text(format!("− Actie verwijderd: {}", x.omschrijving)).size(13),
            Verschil::Gewijzigd { oud, nieuw } => {
                let mut delen = Vec::new();
                if oud.omschrijving != nieuw.omschrijving {
                    delen.push(format!("omschrijving '{}' → '{}'", oud.omschrijving, nieuw.omschrijving));
                }
                if oud.status != nieuw.status {
                    delen.push(format!("status {} → {}", oud.status.label(), nieuw.status.label()));
                }
                if oud.deadline != nieuw.deadline {
                    delen.push(format!(
                        "deadline {} → {}",
                        oud.deadline.as_deref().map(nl_datum).unwrap_or("—".into()),
                        nieuw.deadline.as_deref().map(nl_datum).unwrap_or("—".into())
                    ));
                }
                if oud.partner != nieuw.partner || oud.contact != nieuw.contact {
                    delen.push("partner of contact".to_string());
                }
                if oud.resultaat != nieuw.resultaat {
                    delen.push("resultaat".to_string());
                }
                text(format!("~ Actie gewijzigd: {} ({})", nieuw.omschrijving, delen.join(", "))).size(13)
            }
        });
    }
    for v in &d.risicos {
        c = c.push(match v {
            Verschil::Toegevoegd(x) => text(format!("+ Risico {}: {}", x.leefgebied, x.score)).size(13),
            Verschil::Verwijderd(x) => text(format!("− Risico {} vervallen", x.leefgebied)).size(13),
            Verschil::Gewijzigd { oud, nieuw } => {
                text(format!("~ Risico {}: {} → {}", nieuw.leefgebied, oud.score, nieuw.score)).size(13)
            }
        });
    }
    c.into()
}

/// "… verwijderen?" with a confirm and a cancel button.
fn bevestiging<'a>(vraag: String) -> Element<'a, Message> {
    container(
        row![
            text(vraag).size(13).width(Fill),
            button(text("Ja, verwijderen").size(13)).on_press(Message::VerwijderBevestigd).style(Knop::Gevaar.stijl()),
            button(text("Annuleren").size(13)).on_press(Message::StopBewerken).style(Knop::Secundair.stijl()),
        ]
        .spacing(6)
        .align_y(iced::Center),
    )
    .padding(6)
    .style(Vlak::Waarschuwing.stijl())
    .into()
}

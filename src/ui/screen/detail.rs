//! Casus detail: Overzicht, Plan van aanpak, Journaal, Betrokken partners, Historie.

use super::plan;
use crate::domain::{Ave, Bsn, JournaalSoort, Rol};
use crate::store::{AuditRegel, BetrokkenPartner, CasusDetail, NieuwJournaal, NieuweBetrokkene, NieuweDetentie};
use crate::ui::theme::{self, Knop, Vlak};
use crate::ui::widgets::{Keuze, banner, datum, invoer, kies, nl_datum, veld};
use iced::widget::{button, checkbox, column, container, row, scrollable, space, text};
use iced::{Element, Fill, Task};

/// Tabs of the detail view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Referral, persons, detention, AVE.
    Overzicht,
    /// The plan editor.
    Plan,
    /// Notes and contact moments.
    Journaal,
    /// Partners involved.
    Partners,
    /// Audit entries.
    Historie,
}

impl Tab {
    /// Parse a tab name as used on the command line.
    pub fn parse(t: &str) -> Option<Tab> {
        match t.to_lowercase().as_str() {
            "overzicht" => Some(Tab::Overzicht),
            "plan" => Some(Tab::Plan),
            "journaal" => Some(Tab::Journaal),
            "partners" => Some(Tab::Partners),
            "historie" => Some(Tab::Historie),
            _ => None,
        }
    }

    const ALLE: [Tab; 5] = [Tab::Overzicht, Tab::Plan, Tab::Journaal, Tab::Partners, Tab::Historie];

    fn label(self) -> &'static str {
        match self {
            Tab::Overzicht => "Overzicht",
            Tab::Plan => "Plan van aanpak",
            Tab::Journaal => "Journaal",
            Tab::Partners => "Betrokken partners",
            Tab::Historie => "Historie",
        }
    }
}

/// State of the detail view.
#[derive(Debug)]
pub struct State {
    /// The casus shown.
    pub detail: CasusDetail,
    tab: Tab,
    /// The plan editor.
    pub plan: plan::State,
    partners: Vec<BetrokkenPartner>,
    historie: Vec<AuditRegel>,
    journaal_soort: JournaalSoort,
    journaal_tekst: String,
    journaal_inrichting: String,
    fout: Option<String>,
    melding: Option<String>,
    conflicten: usize,
    ave_keuze: Option<Keuze>,
    ave_reden: String,
    ave_fout: Option<String>,
    persoon: PersoonFormulier,
    detentie: DetentieFormulier,
}

/// The "Detentie toevoegen" form.
#[derive(Debug, Clone, Default)]
struct DetentieFormulier {
    betrokkene: Option<Keuze>,
    inrichting: String,
    start: String,
    einde: String,
    zelfmelder: bool,
    kortgestrafte: bool,
    fout: Option<String>,
}

/// The "Betrokkene toevoegen" form.
#[derive(Debug, Clone)]
struct PersoonFormulier {
    naam: String,
    geboortedatum: String,
    rol: Rol,
    bsn: String,
    fout: Option<String>,
}

impl Default for PersoonFormulier {
    fn default() -> Self {
        PersoonFormulier {
            naam: String::new(),
            geboortedatum: String::new(),
            rol: Rol::Hoofdpersoon,
            bsn: String::new(),
            fout: None,
        }
    }
}

fn ave_keuze(a: u8) -> Keuze {
    let omschrijving = Ave::new(i64::from(a)).map(|x| x.omschrijving()).unwrap_or_default();
    Keuze::new(a.to_string(), format!("AVE {a} — {omschrijving}"))
}

/// Typed text of the detail view that is not saved yet, kept across a lock.
#[derive(Debug, Clone)]
pub struct Concept {
    tab: Tab,
    plan: plan::Concept,
    journaal_soort: JournaalSoort,
    journaal_tekst: String,
    journaal_inrichting: String,
}

/// What the user does in the detail view.
#[derive(Debug, Clone)]
pub enum Message {
    /// Switch tab.
    Tab(Tab),
    /// Back to the board.
    Terug,
    /// A message of the plan editor.
    Plan(plan::Message),
    /// Choose the kind of a new journal entry.
    JournaalSoort(JournaalSoort),
    /// Type a journal entry.
    JournaalTekst(String),
    /// Type the institution of a PI visit.
    JournaalInrichting(String),
    /// Add the journal entry.
    JournaalToevoegen,
    /// Close the banner.
    SluitMelding,
    /// Choose a new AVE phase.
    AveKies(Keuze),
    /// Type the reason of the AVE change.
    AveReden(String),
    /// Record the AVE change.
    AveOpslaan,
    /// Type the name of a new betrokkene.
    PersoonNaam(String),
    /// Type the birth date (dd-mm-jjjj).
    PersoonGeboortedatum(String),
    /// Choose the role.
    PersoonRol(Rol),
    /// Type the BSN (optional).
    PersoonBsn(String),
    /// Add the betrokkene.
    PersoonToevoegen,
    /// Choose the person of a new detention.
    DetentieBetrokkene(Keuze),
    /// Type the institution.
    DetentieInrichting(String),
    /// Type the start date.
    DetentieStart(String),
    /// Type the expected end date.
    DetentieEinde(String),
    /// Toggle "zelfmelder".
    DetentieZelfmelder(bool),
    /// Toggle "kortgestrafte".
    DetentieKortgestrafte(bool),
    /// Add the detention.
    DetentieToevoegen,
    /// Print a report: open it in the system's PDF viewer.
    Afdrukken(Document),
    /// Save a report as PDF via a save dialog.
    Opslaan(Document),
}

/// A printable document of a casus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    /// The plan van aanpak (the version being read, or the current plan).
    Plan,
    /// The one-page casusoverzicht for a PI visit.
    Overzicht,
}

impl Document {
    /// Dutch name, also used in file names.
    pub fn naam(self) -> &'static str {
        match self {
            Document::Plan => "Plan van aanpak",
            Document::Overzicht => "Casusoverzicht",
        }
    }
}

/// What the detail view asks of the app.
#[derive(Debug, Clone)]
pub enum Event {
    /// Back to the board.
    Terug,
    /// A plan editor request.
    Plan(plan::Event),
    /// Add a journal entry.
    Journaal(NieuwJournaal),
    /// Change the AVE phase with a reason.
    Ave(Ave, String),
    /// Add a betrokkene.
    Betrokkene(NieuweBetrokkene),
    /// Add a detention period to betrokkene `.0`.
    Detentie(String, NieuweDetentie),
    /// Print a document (plan version: `None` = current).
    Afdrukken(Document, Option<u32>),
    /// Save a document as PDF.
    Opslaan(Document, Option<u32>),
}

impl State {
    /// The detail of a casus.
    pub fn new(
        detail: CasusDetail,
        plan: plan::State,
        partners: Vec<BetrokkenPartner>,
        historie: Vec<AuditRegel>,
    ) -> State {
        State {
            detail,
            tab: Tab::Overzicht,
            plan,
            partners,
            historie,
            journaal_soort: JournaalSoort::Notitie,
            journaal_tekst: String::new(),
            journaal_inrichting: String::new(),
            fout: None,
            melding: None,
            conflicten: 0,
            ave_keuze: None,
            ave_reden: String::new(),
            ave_fout: None,
            persoon: PersoonFormulier::default(),
            detentie: DetentieFormulier::default(),
        }
    }

    /// Casusnummer shown.
    pub fn nummer(&self) -> &str {
        &self.detail.regel.casusnummer
    }

    /// The active tab.
    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// Fresh data after a change, keeping the tab and forms.
    pub fn vervang(&mut self, detail: CasusDetail, partners: Vec<BetrokkenPartner>, historie: Vec<AuditRegel>) {
        self.detail = detail;
        self.partners = partners;
        self.historie = historie;
    }

    /// Unsaved typed texts and the open tab.
    pub fn concept(&self) -> Concept {
        Concept {
            tab: self.tab,
            plan: self.plan.concept(),
            journaal_soort: self.journaal_soort,
            journaal_tekst: self.journaal_tekst.clone(),
            journaal_inrichting: self.journaal_inrichting.clone(),
        }
    }

    /// Restore typed texts after unlocking.
    pub fn herstel(&mut self, c: Concept) {
        self.tab = c.tab;
        self.plan.herstel(c.plan);
        self.journaal_soort = c.journaal_soort;
        self.journaal_tekst = c.journaal_tekst;
        self.journaal_inrichting = c.journaal_inrichting;
    }

    /// A journal entry was saved.
    pub fn journaal_opgeslagen(&mut self) {
        self.journaal_tekst.clear();
        self.journaal_inrichting.clear();
        self.fout = None;
    }

    /// The AVE change was stored: clear its form.
    pub fn ave_opgeslagen(&mut self) {
        self.ave_keuze = None;
        self.ave_reden.clear();
        self.ave_fout = None;
    }

    /// The betrokkene was stored: clear the form.
    pub fn persoon_opgeslagen(&mut self) {
        self.persoon = PersoonFormulier::default();
    }

    /// The detention was stored: clear the form.
    pub fn detentie_opgeslagen(&mut self) {
        self.detentie = DetentieFormulier::default();
    }

    /// Show an information banner (a report saved or opened).
    pub fn toon_melding(&mut self, m: String) {
        self.melding = Some(m);
    }

    /// How many sync conflicts this casus has (a warning under the header).
    pub fn zet_conflicten(&mut self, n: usize) {
        self.conflicten = n;
    }

    /// Show an error banner.
    pub fn toon_fout(&mut self, f: String) {
        self.fout = Some(f);
    }

    /// Handle a message.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Tab(t) => self.tab = t,
            Message::Terug => return (Task::none(), Some(Event::Terug)),
            Message::AveKies(k) => {
                self.ave_keuze = Some(k);
                self.ave_fout = None;
            }
            Message::AveReden(t) => self.ave_reden = t,
            Message::AveOpslaan => {
                let gekozen = self.ave_keuze.as_ref().and_then(|k| k.id.parse::<i64>().ok()).map(Ave::new);
                match gekozen {
                    None => self.ave_fout = Some("Kies eerst de nieuwe AVE-fase.".into()),
                    Some(Err(e)) => self.ave_fout = Some(crate::melding::domein(&e)),
                    Some(Ok(a)) if a.get() == self.detail.regel.ave => {
                        self.ave_fout = Some(format!("De casus staat al in AVE {}.", a.get()))
                    }
                    Some(Ok(_)) if self.ave_reden.trim().is_empty() => {
                        self.ave_fout = Some("Geef een reden voor de wijziging van de AVE-fase.".into())
                    }
                    Some(Ok(a)) => {
                        self.ave_fout = None;
                        return (Task::none(), Some(Event::Ave(a, self.ave_reden.trim().to_string())));
                    }
                }
            }
            Message::PersoonNaam(t) => self.persoon.naam = t,
            Message::PersoonGeboortedatum(t) => self.persoon.geboortedatum = t,
            Message::PersoonRol(r) => self.persoon.rol = r,
            Message::PersoonBsn(t) => self.persoon.bsn = t,
            Message::PersoonToevoegen => {
                let p = &mut self.persoon;
                let geboren = datum(&p.geboortedatum);
                let bsn = p.bsn.trim();
                p.fout = if p.naam.trim().is_empty() {
                    Some("Vul de naam van de betrokkene in.".into())
                } else if let Err(f) = &geboren {
                    Some(f.clone())
                } else if let (false, Err(e)) = (bsn.is_empty(), Bsn::parse(bsn)) {
                    Some(crate::melding::domein(&e))
                } else {
                    None
                };
                if p.fout.is_none() {
                    let nb = NieuweBetrokkene {
                        naam: p.naam.trim().to_string(),
                        geboortedatum: geboren.ok().flatten(),
                        rol: p.rol,
                        bsn: (!bsn.is_empty()).then(|| bsn.to_string()),
                        initialen: None,
                    };
                    return (Task::none(), Some(Event::Betrokkene(nb)));
                }
            }
            Message::DetentieBetrokkene(k) => self.detentie.betrokkene = Some(k),
            Message::DetentieInrichting(t) => self.detentie.inrichting = t,
            Message::DetentieStart(t) => self.detentie.start = t,
            Message::DetentieEinde(t) => self.detentie.einde = t,
            Message::DetentieZelfmelder(b) => self.detentie.zelfmelder = b,
            Message::DetentieKortgestrafte(b) => self.detentie.kortgestrafte = b,
            Message::DetentieToevoegen => {
                let f = &mut self.detentie;
                let (start, einde) = (datum(&f.start), datum(&f.einde));
                f.fout = match (&f.betrokkene, &start, &einde) {
                    (None, _, _) => Some("Kies de betrokkene die gedetineerd is.".into()),
                    _ if f.inrichting.trim().is_empty() => {
                        Some("Vul de inrichting in, bijvoorbeeld PI Leeuwarden.".into())
                    }
                    (_, Err(e), _) | (_, _, Err(e)) => Some(e.clone()),
                    (_, Ok(Some(s)), Ok(Some(e))) if e < s => {
                        Some("De verwachte einddatum ligt vóór de startdatum.".into())
                    }
                    _ => None,
                };
                if f.fout.is_none()
                    && let Some(b) = &f.betrokkene
                {
                    let d = NieuweDetentie {
                        inrichting: f.inrichting.trim().to_string(),
                        startdatum: start.ok().flatten(),
                        einddatum_verwacht: einde.ok().flatten(),
                        zelfmelder: f.zelfmelder,
                        kortgestrafte: f.kortgestrafte,
                    };
                    return (Task::none(), Some(Event::Detentie(b.id.clone(), d)));
                }
            }
            Message::Afdrukken(d) => {
                self.melding = None;
                return (Task::none(), Some(Event::Afdrukken(d, self.versie_voor(d))));
            }
            Message::Opslaan(d) => {
                self.melding = None;
                return (Task::none(), Some(Event::Opslaan(d, self.versie_voor(d))));
            }
            Message::Plan(m) => {
                let (task, event) = self.plan.update(m);
                return (task.map(Message::Plan), event.map(Event::Plan));
            }
            Message::JournaalSoort(s) => self.journaal_soort = s,
            Message::JournaalTekst(t) => self.journaal_tekst = t,
            Message::JournaalInrichting(t) => self.journaal_inrichting = t,
            Message::JournaalToevoegen => {
                if self.journaal_tekst.trim().is_empty() {
                    self.fout = Some("Schrijf eerst een tekst voor het journaal.".into());
                } else if self.journaal_soort == JournaalSoort::PiBezoek && self.journaal_inrichting.trim().is_empty() {
                    self.fout = Some("Vul bij een PI-bezoek de inrichting in.".into());
                } else {
                    return (
                        Task::none(),
                        Some(Event::Journaal(NieuwJournaal {
                            soort: self.journaal_soort,
                            tekst: self.journaal_tekst.clone(),
                            datum: None,
                            inrichting: Some(self.journaal_inrichting.clone()),
                        })),
                    );
                }
            }
            Message::SluitMelding => {
                self.fout = None;
                self.melding = None;
            }
        }
        (Task::none(), None)
    }

    fn versie_voor(&self, d: Document) -> Option<u32> {
        match d {
            Document::Plan => self.plan.bekeken_versie(),
            Document::Overzicht => None,
        }
    }

    /// The view.
    pub fn view(&self) -> Element<'_, Message> {
        let r = &self.detail.regel;
        let kop = row![
            button(text("← Bord").size(13)).on_press(Message::Terug).style(Knop::Secundair.stijl()),
            container(space().width(6).height(28)).style(Vlak::Strook(theme::ave_kleur(r.ave)).stijl()),
            column![
                text(format!("{} — {}", r.casusnummer, r.werknaam)).size(22),
                text(format!("{} · {} · AVE {} · {}", r.thema, r.fase.label(), r.ave, r.procesregisseur))
                    .size(13)
                    .style(theme::gedempt),
            ],
            space::horizontal(),
            documentknoppen(Document::Plan),
            documentknoppen(Document::Overzicht),
        ]
        .spacing(12)
        .align_y(iced::Center);
        let mut tabs = row![].spacing(4);
        for t in Tab::ALLE {
            tabs = tabs.push(button(text(t.label()).size(14)).on_press(Message::Tab(t)).style(if t == self.tab {
                Knop::Primair.stijl()
            } else {
                Knop::Secundair.stijl()
            }));
        }
        let inhoud: Element<'_, Message> = match self.tab {
            Tab::Overzicht => self.overzicht(),
            Tab::Plan => self.plan.view().map(Message::Plan),
            Tab::Journaal => self.journaal(),
            Tab::Partners => self.partners(),
            Tab::Historie => self.historie(),
        };
        let mut c = column![kop, tabs].spacing(12).padding(16);
        if let Some(f) = &self.fout {
            c = c.push(banner(Vlak::Fout, f, Some(Message::SluitMelding)));
        }
        if let Some(m) = &self.melding {
            c = c.push(banner(Vlak::Info, m, Some(Message::SluitMelding)));
        }
        if self.conflicten > 0 {
            c = c.push(text(format!(
                "Deze casus heeft {} open conflict{} na synchronisatie: twee collega's wijzigden hetzelfde gegeven. \
                 Kies de juiste waarde onder Synchronisatie.",
                self.conflicten,
                if self.conflicten == 1 { "" } else { "en" }
            ))
            .size(14)
            .style(theme::rood));
        }
        c.push(scrollable(container(inhoud).padding([0, 12])).height(Fill)).into()
    }

    fn overzicht(&self) -> Element<'_, Message> {
        let d = &self.detail;
        let regel = |k: &'static str, v: String| {
            row![text(k).size(13).style(theme::gedempt).width(190), text(v).size(14).width(Fill)]
        };
        let leeg = |s: &Option<String>| s.as_deref().map(nl_datum).unwrap_or_else(|| "—".into());
        let aanmelding = column![
            text("Aanmelding").size(17),
            regel(
                "Aanmelder",
                format!(
                    "{} {}",
                    d.aanmelder_partner.clone().unwrap_or("—".into()),
                    d.aanmelder_contact.as_deref().map(|c| format!("({c})")).unwrap_or_default()
                )
            ),
            regel("Datum aanmelding", nl_datum(&d.regel.datum_aanmelding)),
            regel("Probleem", d.probleem.clone()),
            regel("Veiligheidsrisico", d.veiligheidsrisico.clone()),
            regel("Al geprobeerd", d.geprobeerd.clone()),
            regel("Vraag aan het ZVH", d.vraag.clone()),
            regel("Wegingsuitkomst", d.regel.weging_uitkomst.map(|u| u.label().to_string()).unwrap_or("—".into())),
            regel("Besluit weging", leeg(&d.datum_besluit)),
            regel("Start procesregie", leeg(&d.datum_start)),
            regel("Afgesloten", leeg(&d.datum_afsluiting)),
            regel("Afsluitreden", d.afsluitreden.clone().unwrap_or("—".into())),
            regel(
                "Trajectbegeleider",
                if d.regel.trajectbegeleider.is_empty() { "—".into() } else { d.regel.trajectbegeleider.clone() }
            ),
        ]
        .spacing(4);
        let mut personen = column![text("Betrokkenen").size(17)].spacing(4);
        if d.betrokkenen.is_empty() {
            personen = personen.push(text("Nog geen betrokkenen vastgelegd.").size(13).style(theme::gedempt));
        }
        for b in &d.betrokkenen {
            personen = personen.push(
                text(format!(
                    "{} ({}) — {}, geboren {}",
                    b.naam,
                    b.initialen,
                    b.rol.label(),
                    b.geboortedatum.as_deref().map(nl_datum).unwrap_or("onbekend".into())
                ))
                .size(14),
            );
            for det in &b.detenties {
                personen = personen.push(
                    text(format!(
                        "    Detentie {}: {} tot verwacht {}{}{}",
                        det.inrichting,
                        det.startdatum.as_deref().map(nl_datum).unwrap_or("?".into()),
                        det.einddatum_verwacht.as_deref().map(nl_datum).unwrap_or("?".into()),
                        if det.zelfmelder { ", zelfmelder" } else { "" },
                        if det.kortgestrafte { ", kortgestrafte" } else { "" }
                    ))
                    .size(13)
                    .style(theme::gedempt),
                );
            }
        }
        let p = &self.persoon;
        personen = personen.push(veld(
            "Betrokkene toevoegen",
            row![
                invoer("Volledige naam", &p.naam, Message::PersoonNaam).id("persoon-naam").width(Fill),
                invoer("Geboren dd-mm-jjjj", &p.geboortedatum, Message::PersoonGeboortedatum).width(150),
                kies(Rol::ALLE, Some(p.rol), Message::PersoonRol).width(150),
                invoer("BSN (optioneel)", &p.bsn, Message::PersoonBsn).width(130),
                button(text("Toevoegen")).on_press(Message::PersoonToevoegen).style(Knop::Primair.stijl()),
            ]
            .spacing(6),
            p.fout.as_deref(),
        ));
        if !d.betrokkenen.is_empty() {
            let f = &self.detentie;
            let wie: Vec<Keuze> = d.betrokkenen.iter().map(|b| Keuze::new(&b.id, &b.naam)).collect();
            personen = personen.push(veld(
                "Nieuwe detentie",
                column![
                    row![
                        kies(wie, f.betrokkene.clone(), Message::DetentieBetrokkene)
                            .placeholder("Kies betrokkene")
                            .width(220),
                        invoer("Inrichting, bijv. PI Leeuwarden", &f.inrichting, Message::DetentieInrichting)
                            .id("detentie-inrichting")
                            .width(Fill),
                        invoer("Start dd-mm-jjjj", &f.start, Message::DetentieStart).id("detentie-start").width(140),
                        invoer("Einde verwacht", &f.einde, Message::DetentieEinde).id("detentie-einde").width(140),
                    ]
                    .spacing(6),
                    row![
                        checkbox(f.zelfmelder).label("Zelfmelder").on_toggle(Message::DetentieZelfmelder),
                        checkbox(f.kortgestrafte).label("Kortgestrafte").on_toggle(Message::DetentieKortgestrafte),
                        space::horizontal(),
                        button(text("Detentie toevoegen"))
                            .on_press(Message::DetentieToevoegen)
                            .style(Knop::Primair.stijl()),
                    ]
                    .spacing(12)
                    .align_y(iced::Center),
                ]
                .spacing(6),
                f.fout.as_deref(),
            ));
        }
        let keuzes: Vec<Keuze> = (1..=4u8).map(ave_keuze).collect();
        let mut ave = column![
            text("AVE-fase en historie").size(17),
            veld(
                "AVE-fase wijzigen",
                row![
                    kies(keuzes, self.ave_keuze.clone(), Message::AveKies)
                        .placeholder(format!("Nu AVE {}", d.regel.ave))
                        .width(300),
                    invoer("Reden van de wijziging", &self.ave_reden, Message::AveReden)
                        .on_submit(Message::AveOpslaan)
                        .id("ave-reden")
                        .width(Fill),
                    button(text("AVE wijzigen")).on_press(Message::AveOpslaan).style(Knop::Primair.stijl()),
                ]
                .spacing(6),
                self.ave_fout.as_deref(),
            ),
        ]
        .spacing(4);
        for h in &d.ave_historie {
            ave = ave.push(
                text(format!(
                    "{}: {} → AVE {} ({}, {})",
                    nl_datum(&h.tijdstip.chars().take(10).collect::<String>()),
                    h.van.map(|v| format!("AVE {v}")).unwrap_or("nieuw".into()),
                    h.naar,
                    h.gebruiker,
                    h.reden
                ))
                .size(13),
            );
        }
        column![
            container(aanmelding).padding(12).width(Fill).style(Vlak::Paneel.stijl()),
            container(personen).padding(12).width(Fill).style(Vlak::Paneel.stijl()),
            container(ave).padding(12).width(Fill).style(Vlak::Paneel.stijl()),
        ]
        .spacing(12)
        .into()
    }

    fn journaal(&self) -> Element<'_, Message> {
        let mut formulier = row![
            kies(JournaalSoort::ALLE, Some(self.journaal_soort), Message::JournaalSoort).width(160),
            invoer("Nieuwe journaalregel…", &self.journaal_tekst, Message::JournaalTekst)
                .on_submit(Message::JournaalToevoegen)
                .id("journaal-tekst"),
        ]
        .spacing(8);
        if self.journaal_soort == JournaalSoort::PiBezoek {
            formulier = formulier.push(
                invoer("Inrichting, bijv. PI Veenhuizen", &self.journaal_inrichting, Message::JournaalInrichting)
                    .width(220),
            );
        }
        formulier =
            formulier.push(button(text("Toevoegen")).on_press(Message::JournaalToevoegen).style(Knop::Primair.stijl()));
        let mut c = column![veld("Journaal", formulier, None)].spacing(8);
        for j in &self.detail.journaal {
            let soort = if j.soort == JournaalSoort::PiBezoek {
                format!("PI-bezoek {}", j.inrichting)
            } else {
                j.soort.label().to_string()
            };
            c = c.push(
                container(column![
                    text(format!("{} · {} · {}", nl_datum(&j.datum), soort, j.auteur)).size(12).style(theme::gedempt),
                    text(&j.tekst).size(14)
                ])
                .padding(8)
                .width(Fill)
                .style(Vlak::Paneel.stijl()),
            );
        }
        c.into()
    }

    fn partners(&self) -> Element<'_, Message> {
        let mut c = column![text("Betrokken partners").size(17)].spacing(6);
        if self.partners.is_empty() {
            c = c.push(text("Nog geen partners betrokken.").size(13).style(theme::gedempt));
        }
        for p in &self.partners {
            let rol = match (p.aanmelder, p.acties) {
                (true, 0) => "aanmelder".to_string(),
                (true, n) => format!("aanmelder, {n} actie(s)"),
                (false, n) => format!("{n} actie(s)"),
            };
            c = c.push(
                row![
                    text(&p.naam).size(14).width(320),
                    text(p.convenantstatus.label())
                        .size(13)
                        .color(theme::convenant_kleur(p.convenantstatus))
                        .width(180),
                    text(rol).size(13).style(theme::gedempt),
                ]
                .spacing(8),
            );
        }
        c.into()
    }

    fn historie(&self) -> Element<'_, Message> {
        let mut c = column![text("Historie (auditlog)").size(17)].spacing(3);
        for a in &self.historie {
            let wat = crate::domain::velden::audit_omschrijving(&a.handeling, &a.tabel, a.veld.as_deref());
            c = c.push(
                row![
                    text(a.tijdstip.replace('T', " ").chars().take(19).collect::<String>()).size(13).width(170),
                    text(&a.gebruiker).size(13).width(180),
                    text(wat).size(13),
                ]
                .spacing(8),
            );
        }
        c.into()
    }
}

/// "Plan van aanpak afdrukken" and "Plan als PDF…" in the header.
fn documentknoppen<'a>(d: Document) -> Element<'a, Message> {
    let opslaan = match d {
        Document::Plan => "Plan als PDF…",
        Document::Overzicht => "Overzicht als PDF…",
    };
    row![
        button(text(format!("{} afdrukken", d.naam())).size(13))
            .on_press(Message::Afdrukken(d))
            .style(Knop::Secundair.stijl()),
        button(text(opslaan).size(13)).on_press(Message::Opslaan(d)).style(Knop::Link.stijl()),
    ]
    .spacing(2)
    .align_y(iced::Center)
    .into()
}

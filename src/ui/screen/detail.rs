//! Casus detail: Overzicht, Plan van aanpak, Journaal, Betrokken partners, Historie.

use super::plan;
use crate::domain::{Ave, Bsn, JournaalSoort, KoppelSoort, Opschalingsniveau, Rol, WegingUitkomst};
use crate::store::{
    AuditRegel, BetrokkenPartner, BetrokkeneWijziging, CasusDetail, CasusWijziging, DetentieWijziging,
    JournaalWijziging, Koppeling, NieuwJournaal, NieuweBetrokkene, NieuweDetentie, NieuweOpschaling,
    OpschalingWijziging, Toewijzing, Weging,
};
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

/// What the casus screen says while a change is saved.
pub const BEZIG: &str = "Bezig met opslaan…";

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
    /// A change of this casus is being saved (off the event loop).
    bezig: bool,
    conflicten: usize,
    ave_keuze: Option<Keuze>,
    ave_reden: String,
    /// The escalation form: to whom, why.
    opschaling_naar: Option<Keuze>,
    opschaling_reden: String,
    /// The escalation whose outcome is being recorded: (id, outcome, reason to remove).
    opschaling_bewerk: Option<(String, String, String)>,
    /// Its correction: to whom, reason, why it is corrected.
    opschaling_correctie: (Option<Keuze>, String, String),
    ave_fout: Option<String>,
    persoon: PersoonFormulier,
    detentie: DetentieFormulier,
    /// Thema choices for the aanmelding form (active themes).
    themas: Vec<Keuze>,
    /// The aanmelding being edited ("Wijzigen"), if open.
    aanmelding: Option<AanmeldingFormulier>,
    /// Chosen procesregisseur, trajectbegeleider and casusregisseur not yet saved
    /// (`None`: as stored; a choice with an empty id clears the role).
    toewijzing: Option<[Option<Keuze>; 3]>,
    /// The medewerkers offered for assignment (active ones), with "niemand" first.
    medewerkers: Vec<Keuze>,
    /// The betrokkene being corrected, if any.
    correctie: Option<Correctie>,
    /// The betrokkene whose removal awaits confirmation: (id, typed reason).
    verwijderen: Option<(String, String)>,
    /// The detention being corrected, if any.
    detentie_correctie: Option<DetentieCorrectie>,
    /// The detention whose removal awaits confirmation: (id, typed reason).
    detentie_weg: Option<(String, String)>,
    /// The journaal entry being corrected inline: its id and the edited text.
    journaal_bewerk: Option<(String, String)>,
    /// The journaal entry asked to be removed: its id and the reason typed.
    journaal_weg: Option<(String, String)>,
    /// The "Weging corrigeren" dialog, if open.
    weging: Option<WegingFormulier>,
    /// Gemeente choices of the aanmelding form (active list entries), "geen" first.
    gemeenten: Vec<Keuze>,
    /// Partners that can be the aanmelder, "geen" first.
    aanmelders: Vec<Keuze>,
    /// Weegtafels that can have decided the weging, "geen" first.
    weegtafels: Vec<Keuze>,
    /// Koppelingen with other casussen (the group view).
    koppelingen: Vec<Koppeling>,
    /// Casussen that can be linked: id = casusnummer, label = number and werknaam.
    koppel_keuzes: Vec<Keuze>,
    /// The "Koppelen…" form, if open.
    koppel: Option<KoppelFormulier>,
    /// The link whose removal awaits confirmation: (other casusnummer, typed reason).
    ontkoppel: Option<(String, String)>,
    /// The link being corrected: (other casusnummer, kind, toelichting).
    koppel_wijzig: Option<(String, KoppelSoort, String)>,
}

/// The "Koppelen…" form: a searchable pick of the other casus, the kind, a toelichting.
#[derive(Debug, Clone)]
struct KoppelFormulier {
    zoek: String,
    gekozen: Option<String>,
    soort: KoppelSoort,
    toelichting: String,
}

impl KoppelFormulier {
    /// The casussen matching the search text (number or werknaam), at most eight.
    fn treffers<'a>(&self, keuzes: &'a [Keuze]) -> Vec<&'a Keuze> {
        let z = self.zoek.trim().to_lowercase();
        keuzes.iter().filter(|k| z.is_empty() || k.label.to_lowercase().contains(&z)).take(8).collect()
    }
}

/// The correction form of a detention period.
#[derive(Debug, Clone)]
struct DetentieCorrectie {
    id: String,
    inrichting: String,
    start: String,
    einde: String,
    zelfmelder: bool,
    kortgestrafte: bool,
    reden: String,
}

/// A field of the detention correction form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetentieVeld {
    /// Institution.
    Inrichting,
    /// Start date (dd-mm-jjjj).
    Start,
    /// Expected end date (dd-mm-jjjj).
    Einde,
    /// Reason of the correction.
    Reden,
}

/// The "Weging corrigeren" dialog.
#[derive(Debug, Clone, Default)]
struct WegingFormulier {
    uitkomst: Option<WegingUitkomst>,
    datum: String,
    weegtafel: Option<Keuze>,
    fout: Option<String>,
}

/// The "Wijzigen" form of the aanmelding.
#[derive(Debug, Clone)]
struct AanmeldingFormulier {
    werknaam: String,
    thema: Option<Keuze>,
    probleem: String,
    veiligheidsrisico: String,
    geprobeerd: String,
    vraag: String,
    evaluatiedatum: String,
    gemeente: Option<Keuze>,
    aanmelddatum: String,
    aanmelder: Option<Keuze>,
    aanmelder_gewijzigd: bool,
    fout: Option<String>,
}

/// A text field of the aanmelding form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AanmeldingVeld {
    /// Working name.
    Werknaam,
    /// The problem.
    Probleem,
    /// The safety risk.
    Veiligheidsrisico,
    /// What was tried.
    Geprobeerd,
    /// The question to the ZVH.
    Vraag,
    /// Evaluation date (dd-mm-jjjj).
    Evaluatiedatum,
    /// Date of the referral (dd-mm-jjjj).
    Aanmelddatum,
}

/// The correction form of a betrokkene.
#[derive(Debug, Clone)]
struct Correctie {
    id: String,
    naam: String,
    geboortedatum: String,
    rol: Rol,
    bsn: String,
    reden: String,
}

/// A field of the betrokkene correction form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorrectieVeld {
    /// Full name.
    Naam,
    /// Birth date (dd-mm-jjjj).
    Geboortedatum,
    /// BSN.
    Bsn,
    /// Reason of the correction.
    Reden,
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
    /// Set the aanbod of a leefgebied (nazorg), saved at once.
    Aanbod(crate::domain::AanbodGebied, crate::domain::AanbodStatus),
    /// Open the linked casus with this number.
    OpenGekoppeld(String),
    /// Open the "Koppelen…" form.
    Koppelen,
    /// Type in the casus search of the "Koppelen…" form.
    KoppelZoek(String),
    /// Choose the casus to link (casusnummer).
    KoppelKies(String),
    /// Choose the kind of link.
    KoppelSoortKies(KoppelSoort),
    /// Type the toelichting of the link.
    KoppelToelichting(String),
    /// Save the link (Enter).
    KoppelOpslaan,
    /// Open the correction of the link with this casus (casusnummer).
    KoppelingWijzigen(String),
    /// Choose the corrected kind of the link.
    KoppelingSoort(KoppelSoort),
    /// Type the corrected toelichting of the link.
    KoppelingToelichting(String),
    /// Save the correction of the link.
    KoppelingOpslaan,
    /// Ask to remove the link with this casus (casusnummer).
    Ontkoppelen(String),
    /// Type the reason of removing a link.
    OntkoppelReden(String),
    /// Confirm removing the link.
    OntkoppelenBevestigd,
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
    /// Open the inline correction of journaal entry `.0`.
    JournaalWijzigen(String),
    /// Type the corrected text of the journaal entry.
    JournaalBewerkTekst(String),
    /// Save the correction of the journaal entry (Enter).
    JournaalWijzigingOpslaan,
    /// Ask to remove journaal entry `.0` (a reason is required).
    JournaalVerwijderen(String),
    /// Type the reason of removing the journaal entry.
    JournaalVerwijderReden(String),
    /// Confirm removing the journaal entry.
    JournaalVerwijderenBevestigd,
    /// Close the banner.
    SluitMelding,
    /// Choose a new AVE phase.
    AveKies(Keuze),
    /// Type the reason of the AVE change.
    AveReden(String),
    /// Record the AVE change.
    AveOpslaan,
    /// Choose to whom to escalate.
    OpschalingNaar(Keuze),
    /// Type the reason of the escalation.
    OpschalingReden(String),
    /// Escalate the casus.
    Opschalen,
    /// Open the outcome form of escalation `.0`.
    OpschalingBewerk(String),
    /// Type the outcome.
    OpschalingUitkomst(String),
    /// Type the reason to remove the escalation.
    OpschalingVerwijderReden(String),
    /// Save the outcome.
    OpschalingUitkomstOpslaan,
    /// Correct to whom.
    OpschalingCorrectieNaar(Keuze),
    /// Correct the reason.
    OpschalingCorrectieReden(String),
    /// Type why it is corrected.
    OpschalingCorrectieWaarom(String),
    /// Save the correction.
    OpschalingCorrigeren,
    /// Remove the escalation with the reason typed.
    OpschalingVerwijderen,
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
    /// Open the aanmelding form ("Wijzigen").
    Wijzigen,
    /// Type in a field of the aanmelding form.
    WijzigVeld(AanmeldingVeld, String),
    /// Choose the thema in the aanmelding form.
    WijzigThema(Keuze),
    /// Save the aanmelding form (Ctrl+S).
    WijzigingOpslaan,
    /// Close the open form without saving (Esc).
    Annuleren,
    /// Choose the medewerker for a role of the casus (an empty id: nobody).
    KiesToewijzing(Plek, Keuze),
    /// Save the chosen procesregisseur, trajectbegeleider and casusregisseur.
    Toewijzen,
    /// Open the correction form of betrokkene `.0`.
    Corrigeren(String),
    /// Type in the correction form.
    CorrectieVeld(CorrectieVeld, String),
    /// Choose the role in the correction form.
    CorrectieRol(Rol),
    /// Save the correction.
    CorrectieOpslaan,
    /// Ask to remove betrokkene `.0` (a confirmation with reason follows).
    Verwijderen(String),
    /// Type the reason of the removal.
    VerwijderReden(String),
    /// Confirm the removal.
    VerwijderenBevestigd,
    /// Choose the gemeente in the aanmelding form (an empty id: none).
    WijzigGemeente(Keuze),
    /// Choose the referring partner in the aanmelding form (an empty id: none).
    WijzigAanmelder(Keuze),
    /// Open the correction form of detention `.0`.
    DetentieCorrigeren(String),
    /// Type in the detention correction form.
    DetentieCorrectieVeld(DetentieVeld, String),
    /// Toggle "zelfmelder" in the detention correction form.
    DetentieCorrectieZelfmelder(bool),
    /// Toggle "kortgestrafte" in the detention correction form.
    DetentieCorrectieKortgestrafte(bool),
    /// Save the detention correction.
    DetentieCorrectieOpslaan,
    /// Ask to remove detention `.0` (a confirmation with reason follows).
    DetentieVerwijderen(String),
    /// Type the reason of the detention removal.
    DetentieVerwijderReden(String),
    /// Confirm the detention removal.
    DetentieVerwijderenBevestigd,
    /// Open the "Weging corrigeren" dialog.
    WegingCorrigeren,
    /// Choose the weging outcome.
    WegingUitkomst(WegingUitkomst),
    /// Type the date of the weging decision (dd-mm-jjjj).
    WegingDatum(String),
    /// Choose the weegtafel that decided (an empty id: none).
    WegingWeegtafel(Keuze),
    /// Save the weging correction.
    WegingOpslaan,
}

/// A role of a casus that a medewerker is assigned to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plek {
    /// Holds the regie.
    Procesregisseur,
    /// Guides the (former) detainee; decides what that colleague receives by sync.
    Trajectbegeleider,
    /// Casusregisseur, often of a partner.
    Casusregisseur,
}

impl Plek {
    fn index(self) -> usize {
        match self {
            Plek::Procesregisseur => 0,
            Plek::Trajectbegeleider => 1,
            Plek::Casusregisseur => 2,
        }
    }
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

    /// The file name of a printed or saved copy: "Plan van aanpak 2026-0001 versie 2.pdf".
    pub fn bestandsnaam(self, nummer: &str, versie: Option<u32>) -> String {
        match versie {
            Some(v) => format!("{} {nummer} versie {v}.pdf", self.naam()),
            None => format!("{} {nummer}.pdf", self.naam()),
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
    /// Correct journaal entry `.0` with `.1`.
    JournaalWijzig(String, JournaalWijziging),
    /// Remove journaal entry `.0` with reason `.1`.
    JournaalVerwijder(String, String),
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
    /// Change the aanmelding fields of the casus.
    Wijzig(CasusWijziging),
    /// Assign (or clear) procesregisseur, trajectbegeleider and casusregisseur.
    Toewijzen(Toewijzing),
    /// Correct betrokkene `.0` with reason `.2`.
    Corrigeer(String, BetrokkeneWijziging, String),
    /// Remove betrokkene `.0` with reason `.1`.
    Verwijder(String, String),
    /// Correct detention `.0` with reason `.2`.
    DetentieCorrigeer(String, DetentieWijziging, String),
    /// Remove detention `.0` with reason `.1`.
    DetentieVerwijder(String, String),
    /// Record (correct) the weging outcome.
    Weging(Weging),
    /// Escalate the casus.
    Opschalen(NieuweOpschaling),
    /// Record the outcome `.1` of escalation `.0`.
    OpschalingUitkomst(String, String),
    /// Correct escalation `.0` with `.1`, because of `.2`.
    OpschalingCorrigeer(String, OpschalingWijziging, String),
    /// Remove escalation `.0` with reason `.1`.
    OpschalingVerwijder(String, String),
    /// Set the aanbod of a leefgebied (nazorg).
    Aanbod(crate::domain::AanbodGebied, crate::domain::AanbodStatus),
    /// Open another casus (a linked one), by casusnummer.
    Open(String),
    /// Link this casus to casus `.0` with kind `.1` and toelichting `.2`.
    Koppel(String, KoppelSoort, String),
    /// Remove the link with casus `.0`, reason `.1`.
    Ontkoppel(String, String),
    /// Correct the link with casus `.0`: kind `.1`, toelichting `.2`.
    KoppelingWijzig(String, KoppelSoort, String),
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
            bezig: false,
            conflicten: 0,
            ave_keuze: None,
            ave_reden: String::new(),
            opschaling_naar: None,
            opschaling_reden: String::new(),
            opschaling_bewerk: None,
            opschaling_correctie: (None, String::new(), String::new()),
            ave_fout: None,
            persoon: PersoonFormulier::default(),
            detentie: DetentieFormulier::default(),
            themas: Vec::new(),
            aanmelding: None,
            toewijzing: None,
            medewerkers: Vec::new(),
            correctie: None,
            verwijderen: None,
            koppelingen: Vec::new(),
            koppel_keuzes: Vec::new(),
            koppel: None,
            ontkoppel: None,
            koppel_wijzig: None,
            detentie_correctie: None,
            detentie_weg: None,
            journaal_bewerk: None,
            journaal_weg: None,
            weging: None,
            gemeenten: Vec::new(),
            aanmelders: Vec::new(),
            weegtafels: Vec::new(),
        }
    }

    /// The pick lists of the aanmelding form and the weging dialog: gemeenten, partners
    /// (aanmelder) and weegtafels, each without the "geen" entry.
    pub fn zet_keuzelijsten(&mut self, gemeenten: Vec<Keuze>, aanmelders: Vec<Keuze>, weegtafels: Vec<Keuze>) {
        let geen = || std::iter::once(Keuze::new("", "— geen —"));
        self.gemeenten = geen().chain(gemeenten).collect();
        self.aanmelders = geen().chain(aanmelders).collect();
        self.weegtafels = geen().chain(weegtafels).collect();
    }

    /// The links of this casus and the casussen that can be linked (other than this one).
    pub fn zet_koppelingen(&mut self, koppelingen: Vec<Koppeling>, keuzes: Vec<Keuze>) {
        let eigen = self.nummer().to_string();
        self.koppelingen = koppelingen;
        self.koppel_keuzes = keuzes.into_iter().filter(|k| k.id != eigen).collect();
    }

    /// A link was saved or removed.
    pub fn koppeling_opgeslagen(&mut self, melding: &str) {
        self.koppel = None;
        self.ontkoppel = None;
        self.koppel_wijzig = None;
        self.fout = None;
        self.melding = Some(melding.into());
    }

    /// The medewerkers offered for assignment (`(id, label)` of the active ones).
    pub fn zet_medewerkers(&mut self, medewerkers: Vec<Keuze>) {
        self.medewerkers = std::iter::once(Keuze::new("", "— niemand —")).chain(medewerkers).collect();
    }

    /// The current choice per role: as typed, else as stored.
    fn toewijzing_keuzes(&self) -> [Option<Keuze>; 3] {
        if let Some(t) = &self.toewijzing {
            return t.clone();
        }
        let r = &self.detail.regel;
        let k = |id: &Option<String>, naam: &str| id.as_ref().map(|id| Keuze::new(id, naam));
        [
            k(&r.procesregisseur_id, &r.procesregisseur),
            k(&r.trajectbegeleider_id, &r.trajectbegeleider),
            k(&r.casusregisseur_id, &r.casusregisseur),
        ]
    }

    /// The thema choices of the aanmelding form (active themes).
    pub fn zet_themas(&mut self, themas: Vec<Keuze>) {
        self.themas = themas;
    }

    /// Is a form open that Ctrl+S saves?
    pub fn bewerkt(&self) -> bool {
        self.aanmelding.is_some()
            || self.toewijzing.is_some()
            || self.correctie.is_some()
            || self.detentie_correctie.is_some()
            || self.weging.is_some()
    }

    /// The aanmelding or assignment change was stored: close the form and say so.
    pub fn wijziging_opgeslagen(&mut self) {
        self.aanmelding = None;
        self.toewijzing = None;
        self.weging = None;
        self.fout = None;
        self.melding = Some("Opgeslagen.".into());
    }

    /// The correction or removal of a betrokkene was stored.
    pub fn betrokkene_opgeslagen(&mut self, melding: &str) {
        self.correctie = None;
        self.verwijderen = None;
        self.detentie_correctie = None;
        self.detentie_weg = None;
        self.journaal_bewerk = None;
        self.journaal_weg = None;
        self.fout = None;
        self.melding = Some(melding.into());
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

    /// An escalation was stored, corrected or removed: clear its forms.
    pub fn opschaling_opgeslagen(&mut self) {
        self.opschaling_naar = None;
        self.opschaling_reden.clear();
        self.opschaling_bewerk = None;
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
        self.bezig = false;
    }

    /// A change of this casus went off to be saved: say so until it is back.
    pub fn begin_opslaan(&mut self) {
        self.bezig = true;
        self.melding = None;
    }

    /// The save that ran came back (its outcome is shown by the caller).
    pub fn opslaan_klaar(&mut self) {
        self.bezig = false;
    }

    /// Is a change of this casus being saved?
    pub fn is_bezig(&self) -> bool {
        self.bezig
    }

    /// Handle a message.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Tab(t) => self.tab = t,
            Message::Aanbod(g, s) => return (Task::none(), Some(Event::Aanbod(g, s))),
            Message::Terug => return (Task::none(), Some(Event::Terug)),
            Message::AveKies(k) => {
                self.ave_keuze = Some(k);
                self.ave_fout = None;
            }
            Message::AveReden(t) => self.ave_reden = t,
            Message::OpschalingNaar(k) => self.opschaling_naar = Some(k),
            Message::OpschalingReden(t) => self.opschaling_reden = t,
            Message::Opschalen => {
                let naar = self.opschaling_naar.as_ref().map(|k| Opschalingsniveau::parse(&k.id));
                match naar {
                    None => self.fout = Some("Kies naar wie de casus wordt opgeschaald.".into()),
                    Some(Err(e)) => self.fout = Some(crate::melding::domein(&e)),
                    Some(Ok(naar)) => {
                        let n = NieuweOpschaling {
                            naar,
                            reden: self.opschaling_reden.clone(),
                            datum: None,
                            uitkomst: String::new(),
                        };
                        return (Task::none(), Some(Event::Opschalen(n)));
                    }
                }
            }
            Message::OpschalingBewerk(id) => {
                let uitkomst = self
                    .detail
                    .opschalingen
                    .iter()
                    .find(|o| o.id == id)
                    .map(|o| o.uitkomst.clone())
                    .unwrap_or_default();
                if let Some(o) = self.detail.opschalingen.iter().find(|o| o.id == id) {
                    self.opschaling_correctie =
                        (Some(Keuze::new(o.naar.code(), o.naar.label())), o.reden.clone(), String::new());
                }
                self.opschaling_bewerk = Some((id, uitkomst, String::new()));
            }
            Message::OpschalingUitkomst(t) => {
                if let Some(b) = &mut self.opschaling_bewerk {
                    b.1 = t;
                }
            }
            Message::OpschalingVerwijderReden(t) => {
                if let Some(b) = &mut self.opschaling_bewerk {
                    b.2 = t;
                }
            }
            Message::OpschalingCorrectieNaar(k) => self.opschaling_correctie.0 = Some(k),
            Message::OpschalingCorrectieReden(t) => self.opschaling_correctie.1 = t,
            Message::OpschalingCorrectieWaarom(t) => self.opschaling_correctie.2 = t,
            Message::OpschalingCorrigeren => {
                if let Some((id, _, _)) = &self.opschaling_bewerk {
                    let (naar, reden, waarom) = &self.opschaling_correctie;
                    let w = OpschalingWijziging {
                        naar: naar.as_ref().and_then(|k| Opschalingsniveau::parse(&k.id).ok()),
                        reden: Some(reden.clone()),
                        ..Default::default()
                    };
                    return (Task::none(), Some(Event::OpschalingCorrigeer(id.clone(), w, waarom.clone())));
                }
            }
            Message::OpschalingUitkomstOpslaan => {
                if let Some((id, uitkomst, _)) = &self.opschaling_bewerk {
                    return (Task::none(), Some(Event::OpschalingUitkomst(id.clone(), uitkomst.clone())));
                }
            }
            Message::OpschalingVerwijderen => {
                if let Some((id, _, reden)) = &self.opschaling_bewerk {
                    return (Task::none(), Some(Event::OpschalingVerwijder(id.clone(), reden.clone())));
                }
            }
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
            Message::Wijzigen => {
                let d = &self.detail;
                let thema = self
                    .themas
                    .iter()
                    .find(|k| Some(&k.id) == d.regel.thema_id.as_ref())
                    .cloned()
                    .or_else(|| d.regel.thema_id.as_ref().map(|id| Keuze::new(id, &d.regel.thema)));
                self.aanmelding = Some(AanmeldingFormulier {
                    werknaam: d.regel.werknaam.clone(),
                    thema,
                    probleem: d.probleem.clone(),
                    veiligheidsrisico: d.veiligheidsrisico.clone(),
                    geprobeerd: d.geprobeerd.clone(),
                    vraag: d.vraag.clone(),
                    evaluatiedatum: d.evaluatiedatum.as_deref().map(nl_datum).unwrap_or_default(),
                    gemeente: d.gemeente_id.as_ref().map(|id| Keuze::new(id, d.gemeente.as_deref().unwrap_or(id))),
                    aanmelddatum: nl_datum(&d.regel.datum_aanmelding),
                    // The detail knows the partner by name; the choice is only sent when changed.
                    aanmelder: d.aanmelder_partner.as_ref().map(|naam| {
                        self.aanmelders
                            .iter()
                            .find(|k| !k.id.is_empty() && k.label.starts_with(naam.as_str()))
                            .cloned()
                            .unwrap_or_else(|| Keuze::new("", naam))
                    }),
                    aanmelder_gewijzigd: false,
                    fout: None,
                });
                self.melding = None;
            }
            Message::WijzigVeld(v, t) => {
                if let Some(f) = &mut self.aanmelding {
                    let veld = match v {
                        AanmeldingVeld::Werknaam => &mut f.werknaam,
                        AanmeldingVeld::Probleem => &mut f.probleem,
                        AanmeldingVeld::Veiligheidsrisico => &mut f.veiligheidsrisico,
                        AanmeldingVeld::Geprobeerd => &mut f.geprobeerd,
                        AanmeldingVeld::Vraag => &mut f.vraag,
                        AanmeldingVeld::Evaluatiedatum => &mut f.evaluatiedatum,
                        AanmeldingVeld::Aanmelddatum => &mut f.aanmelddatum,
                    };
                    *veld = t;
                }
            }
            Message::WijzigThema(k) => {
                if let Some(f) = &mut self.aanmelding {
                    f.thema = Some(k);
                }
            }
            Message::WijzigingOpslaan => {
                if let Some(f) = &mut self.aanmelding {
                    let evaluatie = datum(&f.evaluatiedatum);
                    let aanmelddatum = datum(&f.aanmelddatum);
                    // The same checks and sentences as the "Nieuwe aanmelding" form.
                    f.fout = if f.werknaam.trim().is_empty() {
                        Some("Vul een werknaam in.".into())
                    } else if f.thema.is_none() {
                        Some("Kies een thema.".into())
                    } else if f.probleem.trim().is_empty() {
                        Some("Beschrijf het probleem.".into())
                    } else if f.vraag.trim().is_empty() {
                        Some("Formuleer de vraag aan het ZVH.".into())
                    } else if let Err(e) = &evaluatie {
                        Some(e.clone())
                    } else if let Err(e) = &aanmelddatum {
                        Some(e.clone())
                    } else if matches!(aanmelddatum, Ok(None)) {
                        Some("Vul de datum van de aanmelding in (dd-mm-jjjj).".into())
                    } else {
                        None
                    };
                    if f.fout.is_none() {
                        let w = CasusWijziging {
                            werknaam: Some(f.werknaam.trim().to_string()),
                            thema: f.thema.as_ref().map(|k| k.id.clone()),
                            probleem: Some(f.probleem.clone()),
                            veiligheidsrisico: Some(f.veiligheidsrisico.clone()),
                            geprobeerd: Some(f.geprobeerd.clone()),
                            vraag: Some(f.vraag.clone()),
                            evaluatiedatum: Some(evaluatie.ok().flatten()),
                            gemeente: Some(f.gemeente.as_ref().map(|k| k.id.clone())),
                            aanmelddatum: aanmelddatum.ok().flatten(),
                            aanmelder_partner_id: f
                                .aanmelder_gewijzigd
                                .then(|| f.aanmelder.as_ref().map(|k| k.id.clone())),
                        };
                        return (Task::none(), Some(Event::Wijzig(w)));
                    }
                } else if self.toewijzing.is_some() {
                    return self.update(Message::Toewijzen);
                } else if self.correctie.is_some() {
                    return self.update(Message::CorrectieOpslaan);
                } else if self.detentie_correctie.is_some() {
                    return self.update(Message::DetentieCorrectieOpslaan);
                } else if self.weging.is_some() {
                    return self.update(Message::WegingOpslaan);
                }
            }
            Message::Annuleren => {
                let _ = self.plan.update(plan::Message::StopBewerken);
                self.aanmelding = None;
                self.toewijzing = None;
                self.correctie = None;
                self.verwijderen = None;
                self.detentie_correctie = None;
                self.detentie_weg = None;
                self.weging = None;
                self.koppel = None;
                self.ontkoppel = None;
                self.koppel_wijzig = None;
                self.journaal_bewerk = None;
                self.journaal_weg = None;
            }
            Message::OpenGekoppeld(n) => return (Task::none(), Some(Event::Open(n))),
            Message::Koppelen => {
                self.koppel = Some(KoppelFormulier {
                    zoek: String::new(),
                    gekozen: None,
                    soort: KoppelSoort::Gezin,
                    toelichting: String::new(),
                });
                self.ontkoppel = None;
                self.melding = None;
                return (iced::widget::operation::focus("koppel-zoek"), None);
            }
            Message::KoppelZoek(t) => {
                if let Some(f) = &mut self.koppel {
                    f.zoek = t;
                    f.gekozen = None;
                }
            }
            Message::KoppelKies(n) => {
                if let Some(f) = &mut self.koppel {
                    f.gekozen = Some(n);
                }
            }
            Message::KoppelSoortKies(s) => {
                if let Some(f) = &mut self.koppel {
                    f.soort = s;
                }
            }
            Message::KoppelToelichting(t) => {
                if let Some(f) = &mut self.koppel {
                    f.toelichting = t;
                }
            }
            Message::KoppelOpslaan => {
                if let Some(f) = &mut self.koppel {
                    // Enter in the search takes the only (or first) match.
                    let gekozen =
                        f.gekozen.clone().or_else(|| f.treffers(&self.koppel_keuzes).first().map(|k| k.id.clone()));
                    match gekozen {
                        Some(n) => {
                            f.gekozen = Some(n.clone());
                            return (Task::none(), Some(Event::Koppel(n, f.soort, f.toelichting.clone())));
                        }
                        None => self.fout = Some("Kies de casus die u wilt koppelen.".into()),
                    }
                }
            }
            Message::KoppelingWijzigen(n) => {
                if let Some(k) = self.koppelingen.iter().find(|k| k.casus.casusnummer == n) {
                    self.koppel_wijzig = Some((n, k.soort, k.toelichting.clone()));
                    self.koppel = None;
                    self.ontkoppel = None;
                    self.melding = None;
                    return (iced::widget::operation::focus("koppeling-toelichting"), None);
                }
            }
            Message::KoppelingSoort(soort) => {
                if let Some(w) = &mut self.koppel_wijzig {
                    w.1 = soort;
                }
            }
            Message::KoppelingToelichting(t) => {
                if let Some(w) = &mut self.koppel_wijzig {
                    w.2 = t;
                }
            }
            Message::KoppelingOpslaan => {
                if let Some((n, soort, toelichting)) = &self.koppel_wijzig {
                    return (Task::none(), Some(Event::KoppelingWijzig(n.clone(), *soort, toelichting.clone())));
                }
            }
            Message::Ontkoppelen(n) => {
                self.ontkoppel = Some((n, String::new()));
                self.koppel_wijzig = None;
                self.koppel = None;
                self.melding = None;
            }
            Message::OntkoppelReden(t) => {
                if let Some(o) = &mut self.ontkoppel {
                    o.1 = t;
                }
            }
            Message::OntkoppelenBevestigd => {
                if let Some((n, reden)) = &self.ontkoppel {
                    return (Task::none(), Some(Event::Ontkoppel(n.clone(), reden.clone())));
                }
            }
            Message::WijzigGemeente(k) => {
                if let Some(f) = &mut self.aanmelding {
                    f.gemeente = (!k.id.is_empty()).then_some(k);
                }
            }
            Message::WijzigAanmelder(k) => {
                if let Some(f) = &mut self.aanmelding {
                    f.aanmelder = (!k.id.is_empty()).then_some(k);
                    f.aanmelder_gewijzigd = true;
                }
            }
            Message::DetentieCorrigeren(id) => {
                let gevonden = self.detail.betrokkenen.iter().flat_map(|b| &b.detenties).find(|d| d.id == id);
                if let Some(d) = gevonden {
                    self.detentie_correctie = Some(DetentieCorrectie {
                        id: d.id.clone(),
                        inrichting: d.inrichting.clone(),
                        start: d.startdatum.as_deref().map(nl_datum).unwrap_or_default(),
                        einde: d.einddatum_verwacht.as_deref().map(nl_datum).unwrap_or_default(),
                        zelfmelder: d.zelfmelder,
                        kortgestrafte: d.kortgestrafte,
                        reden: String::new(),
                    });
                    self.detentie_weg = None;
                    self.melding = None;
                }
            }
            Message::DetentieCorrectieVeld(v, t) => {
                if let Some(c) = &mut self.detentie_correctie {
                    match v {
                        DetentieVeld::Inrichting => c.inrichting = t,
                        DetentieVeld::Start => c.start = t,
                        DetentieVeld::Einde => c.einde = t,
                        DetentieVeld::Reden => c.reden = t,
                    }
                }
            }
            Message::DetentieCorrectieZelfmelder(b) => {
                if let Some(c) = &mut self.detentie_correctie {
                    c.zelfmelder = b;
                }
            }
            Message::DetentieCorrectieKortgestrafte(b) => {
                if let Some(c) = &mut self.detentie_correctie {
                    c.kortgestrafte = b;
                }
            }
            Message::DetentieCorrectieOpslaan => {
                if let Some(c) = &self.detentie_correctie {
                    // The store checks the institution, the order of the dates and the
                    // reason with the same sentences as the CLI; only dates parse here.
                    match (datum(&c.start), datum(&c.einde)) {
                        (Err(e), _) | (_, Err(e)) => self.fout = Some(e),
                        (Ok(start), Ok(einde)) => {
                            let w = DetentieWijziging {
                                inrichting: Some(c.inrichting.clone()),
                                startdatum: Some(start),
                                einddatum_verwacht: Some(einde),
                                zelfmelder: Some(c.zelfmelder),
                                kortgestrafte: Some(c.kortgestrafte),
                            };
                            return (Task::none(), Some(Event::DetentieCorrigeer(c.id.clone(), w, c.reden.clone())));
                        }
                    }
                }
            }
            Message::DetentieVerwijderen(id) => {
                self.detentie_weg = Some((id, String::new()));
                self.detentie_correctie = None;
                self.melding = None;
            }
            Message::DetentieVerwijderReden(t) => {
                if let Some(v) = &mut self.detentie_weg {
                    v.1 = t;
                }
            }
            Message::DetentieVerwijderenBevestigd => {
                if let Some((id, reden)) = &self.detentie_weg {
                    return (Task::none(), Some(Event::DetentieVerwijder(id.clone(), reden.clone())));
                }
            }
            Message::WegingCorrigeren => {
                let d = &self.detail;
                let vastgelegd = d.weging.as_ref();
                self.weging = Some(WegingFormulier {
                    uitkomst: d.regel.weging_uitkomst,
                    datum: vastgelegd
                        .and_then(|w| w.datum.clone())
                        .or_else(|| d.datum_besluit.clone())
                        .as_deref()
                        .map(nl_datum)
                        .unwrap_or_default(),
                    weegtafel: vastgelegd.and_then(|w| w.overleg.as_ref()).and_then(|id| {
                        self.weegtafels.iter().find(|k| &k.id == id).cloned().or_else(|| {
                            let label = vastgelegd.and_then(|w| w.overleg_label.clone()).unwrap_or(id.clone());
                            Some(Keuze::new(id, label))
                        })
                    }),
                    fout: None,
                });
                self.melding = None;
            }
            Message::WegingUitkomst(u) => {
                if let Some(f) = &mut self.weging {
                    f.uitkomst = Some(u);
                }
            }
            Message::WegingDatum(t) => {
                if let Some(f) = &mut self.weging {
                    f.datum = t;
                }
            }
            Message::WegingWeegtafel(k) => {
                if let Some(f) = &mut self.weging {
                    f.weegtafel = (!k.id.is_empty()).then_some(k);
                }
            }
            Message::WegingOpslaan => {
                if let Some(f) = &mut self.weging {
                    let d = datum(&f.datum);
                    f.fout = match (&f.uitkomst, &d) {
                        (None, _) => Some("Kies de uitkomst van de weging.".into()),
                        (_, Err(e)) => Some(e.clone()),
                        _ => None,
                    };
                    if f.fout.is_none()
                        && let Some(u) = f.uitkomst
                    {
                        let w = Weging {
                            uitkomst: u,
                            datum: d.ok().flatten(),
                            overleg: f.weegtafel.as_ref().map(|k| k.id.clone()),
                        };
                        return (Task::none(), Some(Event::Weging(w)));
                    }
                }
            }
            Message::KiesToewijzing(plek, k) => {
                let mut keuzes = self.toewijzing_keuzes();
                keuzes[plek.index()] = if k.id.is_empty() { None } else { Some(k) };
                self.toewijzing = Some(keuzes);
            }
            Message::Toewijzen => {
                if let Some(k) = &self.toewijzing {
                    let id = |k: &Option<Keuze>| Some(k.as_ref().map(|k| k.id.clone()));
                    let w = Toewijzing {
                        procesregisseur: id(&k[0]),
                        trajectbegeleider: id(&k[1]),
                        casusregisseur: id(&k[2]),
                    };
                    return (Task::none(), Some(Event::Toewijzen(w)));
                }
            }
            Message::Corrigeren(id) => {
                if let Some(b) = self.detail.betrokkenen.iter().find(|b| b.id == id) {
                    self.correctie = Some(Correctie {
                        id: b.id.clone(),
                        naam: b.naam.clone(),
                        geboortedatum: b.geboortedatum.as_deref().map(nl_datum).unwrap_or_default(),
                        rol: b.rol,
                        bsn: b.bsn.clone().unwrap_or_default(),
                        reden: String::new(),
                    });
                    self.verwijderen = None;
                    self.melding = None;
                }
            }
            Message::CorrectieVeld(v, t) => {
                if let Some(c) = &mut self.correctie {
                    match v {
                        CorrectieVeld::Naam => c.naam = t,
                        CorrectieVeld::Geboortedatum => c.geboortedatum = t,
                        CorrectieVeld::Bsn => c.bsn = t,
                        CorrectieVeld::Reden => c.reden = t,
                    }
                }
            }
            Message::CorrectieRol(r) => {
                if let Some(c) = &mut self.correctie {
                    c.rol = r;
                }
            }
            Message::CorrectieOpslaan => {
                if let Some(c) = &self.correctie {
                    // The store checks the name, the BSN elfproef and the reason, with the
                    // same sentences as the CLI; only the date needs parsing here.
                    match datum(&c.geboortedatum) {
                        Err(e) => self.fout = Some(e),
                        Ok(geboren) => {
                            let bsn = c.bsn.trim();
                            let w = BetrokkeneWijziging {
                                naam: Some(c.naam.clone()),
                                geboortedatum: Some(geboren),
                                bsn: Some((!bsn.is_empty()).then(|| bsn.to_string())),
                                rol: Some(c.rol),
                            };
                            return (Task::none(), Some(Event::Corrigeer(c.id.clone(), w, c.reden.clone())));
                        }
                    }
                }
            }
            Message::Verwijderen(id) => {
                self.verwijderen = Some((id, String::new()));
                self.correctie = None;
                self.melding = None;
            }
            Message::VerwijderReden(t) => {
                if let Some(v) = &mut self.verwijderen {
                    v.1 = t;
                }
            }
            Message::VerwijderenBevestigd => {
                if let Some((id, reden)) = &self.verwijderen {
                    return (Task::none(), Some(Event::Verwijder(id.clone(), reden.clone())));
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
            Message::JournaalWijzigen(id) => {
                let tekst = self.detail.journaal.iter().find(|j| j.id == id).map(|j| j.tekst.clone());
                if let Some(t) = tekst {
                    self.journaal_bewerk = Some((id, t));
                    self.journaal_weg = None;
                    self.melding = None;
                    self.fout = None;
                    return (iced::widget::operation::focus("journaal-bewerk"), None);
                }
            }
            Message::JournaalBewerkTekst(t) => {
                if let Some(b) = &mut self.journaal_bewerk {
                    b.1 = t;
                }
            }
            Message::JournaalWijzigingOpslaan => {
                // The store checks the text, with the same sentence as the CLI.
                if let Some((id, t)) = &self.journaal_bewerk {
                    let w = JournaalWijziging { tekst: Some(t.clone()), ..JournaalWijziging::default() };
                    return (Task::none(), Some(Event::JournaalWijzig(id.clone(), w)));
                }
            }
            Message::JournaalVerwijderen(id) => {
                self.journaal_weg = Some((id, String::new()));
                self.journaal_bewerk = None;
                self.melding = None;
                return (iced::widget::operation::focus("journaal-verwijder-reden"), None);
            }
            Message::JournaalVerwijderReden(t) => {
                if let Some(v) = &mut self.journaal_weg {
                    v.1 = t;
                }
            }
            Message::JournaalVerwijderenBevestigd => {
                if let Some((id, reden)) = &self.journaal_weg {
                    return (Task::none(), Some(Event::JournaalVerwijder(id.clone(), reden.clone())));
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
            ]
            .width(Fill),
            // One above the other, so that at 1024 px neither wraps nor is cut off.
            column![documentknoppen(Document::Plan), documentknoppen(Document::Overzicht)]
                .spacing(2)
                .align_x(iced::Right),
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
        if self.bezig {
            c = c.push(banner(Vlak::Info, BEZIG, None));
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
        let [regisseur, begeleider, casusregisseur] = self.toewijzing_keuzes();
        let lijst = |plek: Plek, huidig: Option<Keuze>, leeg: &'static str| {
            let titel = match plek {
                Plek::Procesregisseur => "Procesregisseur",
                Plek::Trajectbegeleider => "Trajectbegeleider",
                Plek::Casusregisseur => "Casusregisseur",
            };
            column![
                text(titel).size(12).style(theme::gedempt),
                kies(self.medewerkers.as_slice(), huidig, move |k| Message::KiesToewijzing(plek, k))
                    .placeholder(leeg)
                    .width(Fill)
            ]
            .width(Fill)
        };
        let mut opslaan = button(text("Toewijzing opslaan")).style(Knop::Primair.stijl());
        if self.toewijzing.is_some() {
            opslaan = opslaan.on_press(Message::Toewijzen);
        }
        let toewijzen = veld(
            "Toewijzen",
            row![
                lijst(Plek::Procesregisseur, regisseur, "Geen procesregisseur"),
                lijst(Plek::Trajectbegeleider, begeleider, "Geen trajectbegeleider"),
                lijst(Plek::Casusregisseur, casusregisseur, "Geen casusregisseur"),
                opslaan,
            ]
            .spacing(6)
            .align_y(iced::Bottom),
            None,
        );
        if let Some(f) = &self.aanmelding {
            let tekstveld = |label: &'static str, id: &'static str, waarde: &str, v: AanmeldingVeld| {
                veld(label, invoer(label, waarde, move |t| Message::WijzigVeld(v, t)).id(id), None)
            };
            let formulier = column![
                text("Aanmelding wijzigen").size(17),
                tekstveld("Werknaam", "wijzig-werknaam", &f.werknaam, AanmeldingVeld::Werknaam),
                veld(
                    "Thema",
                    kies(self.themas.as_slice(), f.thema.clone(), Message::WijzigThema).placeholder("Kies een thema"),
                    None
                ),
                tekstveld("Probleem", "wijzig-probleem", &f.probleem, AanmeldingVeld::Probleem),
                tekstveld(
                    "Veiligheidsrisico",
                    "wijzig-veiligheidsrisico",
                    &f.veiligheidsrisico,
                    AanmeldingVeld::Veiligheidsrisico
                ),
                tekstveld("Al geprobeerd", "wijzig-geprobeerd", &f.geprobeerd, AanmeldingVeld::Geprobeerd),
                tekstveld("Vraag aan het ZVH", "wijzig-vraag", &f.vraag, AanmeldingVeld::Vraag),
                tekstveld(
                    "Evaluatiedatum (dd-mm-jjjj)",
                    "wijzig-evaluatiedatum",
                    &f.evaluatiedatum,
                    AanmeldingVeld::Evaluatiedatum
                ),
                veld(
                    "Gemeente",
                    kies(self.gemeenten.as_slice(), f.gemeente.clone(), Message::WijzigGemeente)
                        .placeholder("Geen gemeente"),
                    None
                ),
                tekstveld(
                    "Datum aanmelding (dd-mm-jjjj)",
                    "wijzig-aanmelddatum",
                    &f.aanmelddatum,
                    AanmeldingVeld::Aanmelddatum
                ),
                veld(
                    "Aanmelder",
                    kies(self.aanmelders.as_slice(), f.aanmelder.clone(), Message::WijzigAanmelder)
                        .placeholder("Geen aanmelder"),
                    None
                ),
                row![
                    button(text("Opslaan (Ctrl+S)")).on_press(Message::WijzigingOpslaan).style(Knop::Primair.stijl()),
                    button(text("Annuleren (Esc)")).on_press(Message::Annuleren).style(Knop::Secundair.stijl()),
                ]
                .spacing(6),
            ]
            .spacing(6);
            let formulier = match &f.fout {
                Some(e) => formulier.push(text(e).size(13).style(theme::rood)),
                None => formulier,
            };
            return column![
                container(formulier).padding(12).width(Fill).style(Vlak::Paneel.stijl()),
                container(toewijzen).padding(12).width(Fill).style(Vlak::Paneel.stijl()),
            ]
            .spacing(12)
            .into();
        }
        let aanmelding = column![
            row![
                text("Aanmelding").size(17),
                space::horizontal(),
                button(text("Wijzigen").size(13)).on_press(Message::Wijzigen).style(Knop::Secundair.stijl()),
            ]
            .align_y(iced::Center),
            regel(
                "Aanmelder",
                format!(
                    "{} {}",
                    d.aanmelder_partner.clone().unwrap_or("—".into()),
                    d.aanmelder_contact.as_deref().map(|c| format!("({c})")).unwrap_or_default()
                )
            ),
            regel("Datum aanmelding", nl_datum(&d.regel.datum_aanmelding)),
            regel(
                "Herkomst",
                match &d.adviesvraag_datum {
                    Some(datum) => format!("Voortgekomen uit adviesvraag van {}", nl_datum(datum)),
                    None => "Aanmelding".into(),
                }
            ),
            regel("Probleem", d.probleem.clone()),
            regel("Veiligheidsrisico", d.veiligheidsrisico.clone()),
            regel("Al geprobeerd", d.geprobeerd.clone()),
            regel("Vraag aan het ZVH", d.vraag.clone()),
            regel("Wegingsuitkomst", d.regel.weging_uitkomst.map(|u| u.label().to_string()).unwrap_or("—".into())),
            regel(
                "Besluit weging",
                leeg(&d.weging.as_ref().and_then(|w| w.datum.clone()).or_else(|| d.datum_besluit.clone()))
            ),
            regel(
                "Besloten in",
                d.weging
                    .as_ref()
                    .and_then(|w| w
                        .overleg_label
                        .clone()
                        .or_else(|| w.overleg.as_ref().map(|_| "een weegtafel".into())))
                    .unwrap_or("—".into())
            ),
            regel("Toelichting weging", d.weging_toelichting().unwrap_or("—").to_string()),
            self.weging_dialoog(),
            regel("Gemeente", d.gemeente.clone().unwrap_or("—".into())),
            regel("Start procesregie", leeg(&d.datum_start)),
            regel("Afgesloten", leeg(&d.datum_afsluiting)),
            regel("Afsluitreden", d.afsluitreden.clone().unwrap_or("—".into())),
            regel("Evaluatiedatum", leeg(&d.evaluatiedatum)),
            toewijzen,
        ]
        .spacing(4);
        let mut personen = column![text("Betrokkenen").size(17)].spacing(4);
        if d.betrokkenen.is_empty() {
            personen = personen.push(text("Nog geen betrokkenen vastgelegd.").size(13).style(theme::gedempt));
        }
        for b in &d.betrokkenen {
            personen = personen.push(
                row![
                    text(format!(
                        "{} ({}) — {}, geboren {}{}",
                        b.naam,
                        b.initialen,
                        b.rol.label(),
                        b.geboortedatum.as_deref().map(nl_datum).unwrap_or("onbekend".into()),
                        b.bsn.as_deref().map(|x| format!(", BSN {x}")).unwrap_or_default()
                    ))
                    .size(14)
                    .width(Fill),
                    button(text("Corrigeren").size(13))
                        .on_press(Message::Corrigeren(b.id.clone()))
                        .style(Knop::Link.stijl()),
                    button(text("Verwijderen").size(13))
                        .on_press(Message::Verwijderen(b.id.clone()))
                        .style(Knop::Link.stijl()),
                ]
                .spacing(6)
                .align_y(iced::Center),
            );
            if let Some(c) = self.correctie.as_ref().filter(|c| c.id == b.id) {
                personen = personen.push(veld(
                    "Betrokkene corrigeren",
                    column![
                        row![
                            invoer("Volledige naam", &c.naam, |t| Message::CorrectieVeld(CorrectieVeld::Naam, t))
                                .on_submit(Message::CorrectieOpslaan)
                                .id("correctie-naam")
                                .width(Fill),
                            invoer("Geboren dd-mm-jjjj", &c.geboortedatum, |t| {
                                Message::CorrectieVeld(CorrectieVeld::Geboortedatum, t)
                            })
                            .on_submit(Message::CorrectieOpslaan)
                            .id("correctie-geboortedatum")
                            .width(150),
                            kies(Rol::ALLE, Some(c.rol), Message::CorrectieRol).width(150),
                            invoer("BSN (optioneel)", &c.bsn, |t| Message::CorrectieVeld(CorrectieVeld::Bsn, t))
                                .on_submit(Message::CorrectieOpslaan)
                                .id("correctie-bsn")
                                .width(130),
                        ]
                        .spacing(6),
                        row![
                            invoer("Reden van de correctie (verplicht)", &c.reden, |t| {
                                Message::CorrectieVeld(CorrectieVeld::Reden, t)
                            })
                            .on_submit(Message::CorrectieOpslaan)
                            .id("correctie-reden")
                            .width(Fill),
                            button(text("Correctie opslaan"))
                                .on_press(Message::CorrectieOpslaan)
                                .style(Knop::Primair.stijl()),
                            button(text("Annuleren")).on_press(Message::Annuleren).style(Knop::Secundair.stijl()),
                        ]
                        .spacing(6),
                    ]
                    .spacing(6),
                    None,
                ));
            }
            if let Some((_, reden)) = self.verwijderen.as_ref().filter(|(id, _)| *id == b.id) {
                personen = personen.push(veld(
                    "Betrokkene verwijderen? Dit verwijdert ook de detenties van deze persoon.",
                    row![
                        invoer("Reden van het verwijderen (verplicht)", reden, Message::VerwijderReden)
                            .on_submit(Message::VerwijderenBevestigd)
                            .id("verwijder-reden")
                            .width(Fill),
                        button(text("Definitief verwijderen"))
                            .on_press(Message::VerwijderenBevestigd)
                            .style(Knop::Gevaar.stijl()),
                        button(text("Annuleren")).on_press(Message::Annuleren).style(Knop::Secundair.stijl()),
                    ]
                    .spacing(6),
                    None,
                ));
            }
            for det in &b.detenties {
                personen = personen.push(
                    row![
                        text(format!(
                            "    Detentie {}: {} tot verwacht {}{}{}",
                            det.inrichting,
                            det.startdatum.as_deref().map(nl_datum).unwrap_or("?".into()),
                            det.einddatum_verwacht.as_deref().map(nl_datum).unwrap_or("?".into()),
                            if det.zelfmelder { ", zelfmelder" } else { "" },
                            if det.kortgestrafte { ", kortgestrafte" } else { "" }
                        ))
                        .size(13)
                        .style(theme::gedempt)
                        .width(Fill),
                        button(text("Detentie corrigeren").size(12))
                            .on_press(Message::DetentieCorrigeren(det.id.clone()))
                            .style(Knop::Link.stijl()),
                        button(text("Detentie verwijderen").size(12))
                            .on_press(Message::DetentieVerwijderen(det.id.clone()))
                            .style(Knop::Link.stijl()),
                    ]
                    .spacing(6)
                    .align_y(iced::Center),
                );
                if let Some(c) = self.detentie_correctie.as_ref().filter(|c| c.id == det.id) {
                    personen = personen.push(detentie_correctie(c));
                }
                if let Some((_, reden)) = self.detentie_weg.as_ref().filter(|(id, _)| *id == det.id) {
                    personen = personen.push(veld(
                        "Detentie verwijderen?",
                        row![
                            invoer("Reden van het verwijderen (verplicht)", reden, Message::DetentieVerwijderReden)
                                .on_submit(Message::DetentieVerwijderenBevestigd)
                                .id("detentie-verwijder-reden")
                                .width(Fill),
                            button(text("Detentie definitief verwijderen"))
                                .on_press(Message::DetentieVerwijderenBevestigd)
                                .style(Knop::Gevaar.stijl()),
                            button(text("Annuleren")).on_press(Message::Annuleren).style(Knop::Secundair.stijl()),
                        ]
                        .spacing(6),
                        None,
                    ));
                }
            }
        }
        let p = &self.persoon;
        personen = personen.push(veld(
            "Betrokkene toevoegen",
            row![
                invoer("Volledige naam", &p.naam, Message::PersoonNaam)
                    .on_submit(Message::PersoonToevoegen)
                    .id("persoon-naam")
                    .width(Fill),
                invoer("Geboren dd-mm-jjjj", &p.geboortedatum, Message::PersoonGeboortedatum)
                    .on_submit(Message::PersoonToevoegen)
                    .id("persoon-geboortedatum")
                    .width(150),
                kies(Rol::ALLE, Some(p.rol), Message::PersoonRol).width(150),
                invoer("BSN (optioneel)", &p.bsn, Message::PersoonBsn)
                    .on_submit(Message::PersoonToevoegen)
                    .id("persoon-bsn")
                    .width(130),
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
                            .on_submit(Message::DetentieToevoegen)
                            .id("detentie-inrichting")
                            .width(Fill),
                        invoer("Start dd-mm-jjjj", &f.start, Message::DetentieStart)
                            .on_submit(Message::DetentieToevoegen)
                            .id("detentie-start")
                            .width(140),
                        invoer("Einde verwacht", &f.einde, Message::DetentieEinde)
                            .on_submit(Message::DetentieToevoegen)
                            .id("detentie-einde")
                            .width(140),
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
        let mut c = column![
            container(aanmelding).padding(12).width(Fill).style(Vlak::Paneel.stijl()),
            container(personen).padding(12).width(Fill).style(Vlak::Paneel.stijl()),
            container(self.gekoppeld()).padding(12).width(Fill).style(Vlak::Paneel.stijl()),
        ]
        .spacing(12);
        // Nazorg: a casus with a detention (or an aanbod already) shows the aanbod per leefgebied.
        if !d.aanbod.is_empty() || d.betrokkenen.iter().any(|b| !b.detenties.is_empty()) {
            use crate::domain::{AanbodGebied, AanbodStatus};
            let mut aanbod = column![text("Aanbod per leefgebied").size(17)].spacing(4);
            for g in AanbodGebied::ALLE {
                let huidig = d.aanbod.iter().find(|a| a.leefgebied == *g);
                let stand = match huidig {
                    Some(a) => format!("{}: {} ({})", g.label(), a.status.label().to_lowercase(), nl_datum(&a.datum)),
                    None => format!("{}: nog niets vastgelegd", g.label()),
                };
                let gebied = *g;
                aanbod = aanbod.push(
                    row![
                        text(stand).size(14).width(Fill),
                        kies(AanbodStatus::ALLE, huidig.map(|a| a.status), move |s| Message::Aanbod(gebied, s))
                            .placeholder("Stand"),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                );
            }
            c = c.push(container(aanbod).padding(12).width(Fill).style(Vlak::Paneel.stijl()));
        }
        c.push(container(ave).padding(12).width(Fill).style(Vlak::Paneel.stijl()))
            .push(container(self.opschalingen()).padding(12).width(Fill).style(Vlak::Paneel.stijl()))
            .into()
    }

    /// The escalations of the casus: add one, record or correct an outcome, remove one.
    fn opschalingen(&self) -> Element<'_, Message> {
        let niveaus: Vec<Keuze> = Opschalingsniveau::ALLE.iter().map(|n| Keuze::new(n.code(), n.label())).collect();
        let mut c = column![
            text("Opschalingen").size(17),
            row![
                kies(niveaus, self.opschaling_naar.clone(), Message::OpschalingNaar)
                    .placeholder("Opschalen naar…")
                    .width(220),
                invoer("Reden van de opschaling", &self.opschaling_reden, Message::OpschalingReden)
                    .on_submit(Message::Opschalen)
                    .id("opschaling-reden")
                    .width(Fill),
                button(text("Opschalen")).on_press(Message::Opschalen).style(Knop::Primair.stijl()),
            ]
            .spacing(6),
        ]
        .spacing(4);
        if self.detail.opschalingen.is_empty() {
            c = c.push(text("Niet opgeschaald.").size(13).style(theme::gedempt));
        }
        for o in &self.detail.opschalingen {
            let uitkomst = if o.uitkomst.is_empty() { "nog geen uitkomst".to_string() } else { o.uitkomst.clone() };
            c = c.push(
                row![
                    text(format!(
                        "{}: naar {} — {} — {uitkomst}",
                        nl_datum(&o.datum),
                        o.naar.label().to_lowercase(),
                        o.reden
                    ))
                    .size(13)
                    .width(Fill),
                    button(text("Uitkomst").size(13))
                        .on_press(Message::OpschalingBewerk(o.id.clone()))
                        .style(Knop::Secundair.stijl()),
                ]
                .spacing(6)
                .align_y(iced::Center),
            );
            if let Some((id, uitkomst, reden)) = &self.opschaling_bewerk
                && id == &o.id
            {
                c = c.push(
                    row![
                        invoer("Uitkomst van de opschaling", uitkomst, Message::OpschalingUitkomst)
                            .on_submit(Message::OpschalingUitkomstOpslaan)
                            .id("opschaling-uitkomst")
                            .width(Fill),
                        button(text("Uitkomst opslaan"))
                            .on_press(Message::OpschalingUitkomstOpslaan)
                            .style(Knop::Primair.stijl()),
                        invoer("Reden van verwijderen", reden, Message::OpschalingVerwijderReden)
                            .id("opschaling-verwijder-reden")
                            .width(220),
                        button(text("Opschaling verwijderen"))
                            .on_press(Message::OpschalingVerwijderen)
                            .style(Knop::Gevaar.stijl()),
                    ]
                    .spacing(6),
                );
                let (naar, reden, waarom) = &self.opschaling_correctie;
                let niveaus: Vec<Keuze> =
                    Opschalingsniveau::ALLE.iter().map(|n| Keuze::new(n.code(), n.label())).collect();
                c = c.push(
                    row![
                        kies(niveaus, naar.clone(), Message::OpschalingCorrectieNaar).width(160),
                        invoer("Reden van de opschaling", reden, Message::OpschalingCorrectieReden)
                            .id("opschaling-correctie-reden")
                            .width(Fill),
                        invoer("Waarom gecorrigeerd", waarom, Message::OpschalingCorrectieWaarom)
                            .on_submit(Message::OpschalingCorrigeren)
                            .id("opschaling-correctie-waarom")
                            .width(220),
                        button(text("Opschaling corrigeren"))
                            .on_press(Message::OpschalingCorrigeren)
                            .style(Knop::Secundair.stijl()),
                    ]
                    .spacing(6),
                );
            }
        }
        c.into()
    }

    /// "Gekoppelde casussen": each link with its kind and a clickable casusnummer, the
    /// group view (phase, AVE, procesregisseur), "Koppelen…" and "Ontkoppelen".
    fn gekoppeld(&self) -> Element<'_, Message> {
        let mut c = column![
            row![
                text("Gekoppelde casussen").size(17).width(Fill),
                button(text("Koppelen…")).on_press(Message::Koppelen).style(Knop::Secundair.stijl()),
            ]
            .align_y(iced::Center)
        ]
        .spacing(6);
        if self.koppelingen.is_empty() {
            c = c.push(text("Deze casus is niet gekoppeld aan andere casussen.").size(13).style(theme::gedempt));
        }
        for k in &self.koppelingen {
            let r = &k.casus;
            let regisseur = if r.procesregisseur.is_empty() { "geen procesregisseur" } else { &r.procesregisseur };
            let mut regel = format!(
                "{} — {}, fase {}, AVE {}, {}",
                r.werknaam,
                k.soort.label(),
                r.fase.label().to_lowercase(),
                r.ave,
                regisseur
            );
            if !k.toelichting.is_empty() {
                regel.push_str(&format!(" ({})", k.toelichting));
            }
            c = c.push(
                row![
                    button(text(r.casusnummer.clone()).size(14))
                        .on_press(Message::OpenGekoppeld(r.casusnummer.clone()))
                        .style(Knop::Link.stijl()),
                    text(regel).size(13).width(Fill),
                    button(text("Koppeling wijzigen").size(12))
                        .on_press(Message::KoppelingWijzigen(r.casusnummer.clone()))
                        .style(Knop::Secundair.stijl()),
                    button(text("Ontkoppelen").size(12))
                        .on_press(Message::Ontkoppelen(r.casusnummer.clone()))
                        .style(Knop::Secundair.stijl()),
                ]
                .spacing(8)
                .align_y(iced::Center),
            );
            if let Some((_, soort, toelichting)) = self.koppel_wijzig.as_ref().filter(|(n, _, _)| *n == r.casusnummer) {
                c = c.push(
                    column![
                        text(format!("Koppeling met casus {} wijzigen", r.casusnummer)).size(15),
                        veld("Soort koppeling", kies(KoppelSoort::ALLE, Some(*soort), Message::KoppelingSoort), None),
                        veld(
                            "Toelichting",
                            invoer("Toelichting (niet verplicht)", toelichting, Message::KoppelingToelichting)
                                .on_submit(Message::KoppelingOpslaan)
                                .id("koppeling-toelichting"),
                            None
                        ),
                        row![
                            button(text("Opslaan (Enter)"))
                                .on_press(Message::KoppelingOpslaan)
                                .style(Knop::Primair.stijl()),
                            button(text("Annuleren (Esc)")).on_press(Message::Annuleren).style(Knop::Secundair.stijl()),
                        ]
                        .spacing(6),
                    ]
                    .spacing(6),
                );
            }
            if let Some((_, reden)) = self.ontkoppel.as_ref().filter(|(n, _)| *n == r.casusnummer) {
                c = c.push(veld(
                    "Koppeling verwijderen? De reden komt in het journaal van beide casussen.",
                    row![
                        invoer("Reden van het ontkoppelen (verplicht)", reden, Message::OntkoppelReden)
                            .on_submit(Message::OntkoppelenBevestigd)
                            .id("ontkoppel-reden")
                            .width(Fill),
                        button(text("Ontkoppelen bevestigen"))
                            .on_press(Message::OntkoppelenBevestigd)
                            .style(Knop::Gevaar.stijl()),
                        button(text("Annuleren")).on_press(Message::Annuleren).style(Knop::Secundair.stijl()),
                    ]
                    .spacing(6),
                    None,
                ));
            }
        }
        if let Some(f) = &self.koppel {
            let mut lijst = column![].spacing(2);
            for k in f.treffers(&self.koppel_keuzes) {
                let label = if f.gekozen.as_deref() == Some(k.id.as_str()) {
                    format!("✓ {}", k.label)
                } else {
                    k.label.clone()
                };
                lijst = lijst.push(
                    button(text(label).size(13))
                        .on_press(Message::KoppelKies(k.id.clone()))
                        .style(Knop::Secundair.stijl()),
                );
            }
            c = c.push(
                column![
                    text("Casus koppelen").size(15),
                    invoer("Zoek een casus op nummer of werknaam", &f.zoek, Message::KoppelZoek)
                        .on_submit(Message::KoppelOpslaan)
                        .id("koppel-zoek"),
                    lijst,
                    veld("Soort koppeling", kies(KoppelSoort::ALLE, Some(f.soort), Message::KoppelSoortKies), None),
                    veld(
                        "Toelichting",
                        invoer("Toelichting (niet verplicht)", &f.toelichting, Message::KoppelToelichting)
                            .on_submit(Message::KoppelOpslaan)
                            .id("koppel-toelichting"),
                        None
                    ),
                    row![
                        button(text("Koppelen (Enter)")).on_press(Message::KoppelOpslaan).style(Knop::Primair.stijl()),
                        button(text("Annuleren (Esc)")).on_press(Message::Annuleren).style(Knop::Secundair.stijl()),
                    ]
                    .spacing(6),
                ]
                .spacing(6),
            );
        }
        c.into()
    }

    /// The "Weging corrigeren" button, or its dialog when open.
    fn weging_dialoog(&self) -> Element<'_, Message> {
        let Some(f) = &self.weging else {
            return row![
                space::horizontal(),
                button(text("Weging corrigeren").size(13))
                    .on_press(Message::WegingCorrigeren)
                    .style(Knop::Secundair.stijl()),
            ]
            .into();
        };
        veld(
            "Weging corrigeren",
            column![
                row![
                    kies(WegingUitkomst::ALLE, f.uitkomst, Message::WegingUitkomst)
                        .placeholder("Kies de uitkomst")
                        .width(240),
                    invoer("Datum besluit dd-mm-jjjj", &f.datum, Message::WegingDatum)
                        .on_submit(Message::WegingOpslaan)
                        .id("weging-datum")
                        .width(180),
                    kies(self.weegtafels.as_slice(), f.weegtafel.clone(), Message::WegingWeegtafel)
                        .placeholder("Weegtafel (optioneel)")
                        .width(Fill),
                ]
                .spacing(6),
                row![
                    space::horizontal(),
                    button(text("Weging opslaan (Ctrl+S)"))
                        .on_press(Message::WegingOpslaan)
                        .style(Knop::Primair.stijl()),
                    button(text("Annuleren (Esc)")).on_press(Message::Annuleren).style(Knop::Secundair.stijl()),
                ]
                .spacing(6),
            ]
            .spacing(6),
            f.fout.as_deref(),
        )
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
                    .on_submit(Message::JournaalToevoegen)
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
            let kop = row![
                text(format!("{} · {} · {}", nl_datum(&j.datum), soort, j.auteur))
                    .size(12)
                    .style(theme::gedempt)
                    .width(Fill),
                button(text("Wijzigen").size(12))
                    .on_press(Message::JournaalWijzigen(j.id.clone()))
                    .style(Knop::Link.stijl()),
                button(text("Verwijderen…").size(12))
                    .on_press(Message::JournaalVerwijderen(j.id.clone()))
                    .style(Knop::Link.stijl()),
            ]
            .spacing(6)
            .align_y(iced::Center);
            let inhoud: Element<'_, Message> = match self.journaal_bewerk.as_ref().filter(|(id, _)| *id == j.id) {
                Some((_, t)) => row![
                    invoer("Tekst van de journaalregel", t, Message::JournaalBewerkTekst)
                        .on_submit(Message::JournaalWijzigingOpslaan)
                        .id("journaal-bewerk")
                        .width(Fill),
                    button(text("Opslaan")).on_press(Message::JournaalWijzigingOpslaan).style(Knop::Primair.stijl()),
                    button(text("Annuleren (Esc)")).on_press(Message::Annuleren).style(Knop::Secundair.stijl()),
                ]
                .spacing(6)
                .into(),
                None => text(&j.tekst).size(14).into(),
            };
            let mut blok = column![kop, inhoud].spacing(4);
            if let Some((_, reden)) = self.journaal_weg.as_ref().filter(|(id, _)| *id == j.id) {
                blok = blok.push(veld(
                    "Journaalregel verwijderen?",
                    row![
                        invoer("Reden van het verwijderen (verplicht)", reden, Message::JournaalVerwijderReden)
                            .on_submit(Message::JournaalVerwijderenBevestigd)
                            .id("journaal-verwijder-reden")
                            .width(Fill),
                        button(text("Journaalregel definitief verwijderen"))
                            .on_press(Message::JournaalVerwijderenBevestigd)
                            .style(Knop::Gevaar.stijl()),
                        button(text("Annuleren")).on_press(Message::Annuleren).style(Knop::Secundair.stijl()),
                    ]
                    .spacing(6),
                    None,
                ));
            }
            c = c.push(container(blok).padding(8).width(Fill).style(Vlak::Paneel.stijl()));
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
        // The phase moves with the toelichting given in the move dialog, then the audit log.
        let mut c = column![text("Fasewisselingen").size(17)].spacing(3);
        for h in self.detail.fase_historie.iter().filter(|h| !h.vervallen) {
            let van = h.van.map(|f| f.label()).unwrap_or("nieuw");
            let reden = if h.reden.trim().is_empty() { String::new() } else { format!(": {}", h.reden.trim()) };
            c = c.push(
                row![
                    text(h.tijdstip.replace('T', " ").chars().take(19).collect::<String>()).size(13).width(170),
                    text(&h.gebruiker).size(13).width(180),
                    text(format!("{van} → {}{reden}", h.naar.label())).size(13),
                ]
                .spacing(8),
            );
        }
        c = c.push(space().height(12)).push(text("Historie (auditlog)").size(17));
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

/// The correction form of a detention period.
fn detentie_correctie(c: &DetentieCorrectie) -> Element<'_, Message> {
    let veldje = |v: DetentieVeld| move |t| Message::DetentieCorrectieVeld(v, t);
    veld(
        "Detentie corrigeren",
        column![
            row![
                invoer("Inrichting", &c.inrichting, veldje(DetentieVeld::Inrichting))
                    .on_submit(Message::DetentieCorrectieOpslaan)
                    .id("detentie-correctie-inrichting")
                    .width(Fill),
                invoer("Start dd-mm-jjjj", &c.start, veldje(DetentieVeld::Start))
                    .on_submit(Message::DetentieCorrectieOpslaan)
                    .id("detentie-correctie-start")
                    .width(140),
                invoer("Einde verwacht", &c.einde, veldje(DetentieVeld::Einde))
                    .on_submit(Message::DetentieCorrectieOpslaan)
                    .id("detentie-correctie-einde")
                    .width(140),
            ]
            .spacing(6),
            row![
                checkbox(c.zelfmelder).label("Zelfmelder").on_toggle(Message::DetentieCorrectieZelfmelder),
                checkbox(c.kortgestrafte).label("Kortgestrafte").on_toggle(Message::DetentieCorrectieKortgestrafte),
                invoer("Reden van de correctie (verplicht)", &c.reden, veldje(DetentieVeld::Reden))
                    .on_submit(Message::DetentieCorrectieOpslaan)
                    .id("detentie-correctie-reden")
                    .width(Fill),
                button(text("Detentie opslaan (Ctrl+S)"))
                    .on_press(Message::DetentieCorrectieOpslaan)
                    .style(Knop::Primair.stijl()),
                button(text("Annuleren (Esc)")).on_press(Message::Annuleren).style(Knop::Secundair.stijl()),
            ]
            .spacing(6)
            .align_y(iced::Center),
        ]
        .spacing(6),
        None,
    )
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

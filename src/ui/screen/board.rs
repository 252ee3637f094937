//! The casus board: a column per fase, cards, filters, keyboard moves and the
//! "Nieuwe aanmelding" form.

use crate::domain::fase::FaseOvergang;
use crate::domain::{Ave, Baan, Fase, Rol, WegingUitkomst};
use crate::store::{CasusRegel, LijstItem, NieuweBetrokkene, NieuweCasus, Toewijzing};
use crate::ui::theme::{self, Knop, Vlak};
use crate::ui::widgets::{Keuze, banner, dialoog, invoer, kies, met_meldingen, nl_datum, veld};
use iced::mouse;
use iced::widget::{button, checkbox, column, container, mouse_area, responsive, row, scrollable, space, text};
use iced::{Element, Fill, Task};

/// What the board says until its first read is back.
pub const BEZIG_LADEN: &str = "Bezig met laden…";

/// At most this many cards are drawn per column; the rest is counted (filter to narrow).
pub const KAARTEN_PER_KOLOM: usize = 60;

/// State of the board.
#[derive(Debug, Default)]
pub struct State {
    regels: Vec<CasusRegel>,
    themas: Vec<Keuze>,
    gemeenten: Vec<Keuze>,
    gemeenten_actief: Vec<Keuze>,
    regisseurs: Vec<Keuze>,
    partners: Vec<Keuze>,
    mij: String,
    filter: Filter,
    geselecteerd: Option<String>,
    afgesloten_open: bool,
    verplaatsen: Option<Verplaatsing>,
    aanmelding: Option<Aanmelding>,
    fout: Option<String>,
    melding: Option<String>,
    /// The card under the pressed mouse button (a click or the start of a drag).
    gepakt: Option<String>,
    /// The column under the cursor.
    boven: Option<Baan>,
    /// The card order within each column.
    sortering: Sortering,
    /// The casus registered last in this window: its card is marked "Nieuw".
    nieuw: Option<String>,
    /// The medewerkers offered for assignment (active ones), "niemand" first.
    medewerkers: Vec<Keuze>,
    /// The "Toewijzen" dialog of a card, if open.
    toewijzen: Option<BordToewijzing>,
    /// A move or referral is being saved (off the event loop): what the screen says
    /// meanwhile. Its buttons are disabled and further moves wait until it is back.
    bezig: Option<&'static str>,
    /// The cards have not been read yet (just after unlocking): the count line says
    /// [`BEZIG_LADEN`] until [`State::vervang`].
    laadt: bool,
}

/// The "Toewijzen" dialog: procesregisseur and trajectbegeleider of one casus; a role
/// is only sent when it was chosen here.
#[derive(Debug, Clone)]
struct BordToewijzing {
    nummer: String,
    regisseur: Option<Keuze>,
    begeleider: Option<Keuze>,
    regisseur_gekozen: bool,
    begeleider_gekozen: bool,
}

/// What the board says while a move is saved.
pub const BEZIG_VERPLAATSEN: &str = "Bezig met verplaatsen…";
/// What the board says while a referral is saved.
pub const BEZIG_AANMELDEN: &str = "Bezig met registreren…";

/// The order of the cards within a column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sortering {
    /// Newest referral first.
    #[default]
    Nieuwste,
    /// Earliest open deadline first (cards without one last).
    Deadline,
    /// Highest AVE phase first.
    Ave,
}

impl Sortering {
    /// All orders, for the pick list.
    pub const ALLE: [Sortering; 3] = [Sortering::Nieuwste, Sortering::Deadline, Sortering::Ave];
}

impl std::fmt::Display for Sortering {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Sortering::Nieuwste => "Nieuwste eerst",
            Sortering::Deadline => "Eerste deadline eerst",
            Sortering::Ave => "Hoogste AVE eerst",
        })
    }
}

#[derive(Debug, Default, Clone)]
struct Filter {
    thema: Option<Keuze>,
    gemeente: Option<Keuze>,
    ave: Option<Keuze>,
    regisseur: Option<Keuze>,
    alleen_mijn: bool,
    tekst: String,
}

/// A move that needs data from the user.
#[derive(Debug, Clone)]
struct Verplaatsing {
    nummer: String,
    van: Fase,
    naar: Fase,
    uitkomst: Option<WegingUitkomst>,
    reden: String,
    tevredenheid: Option<Keuze>,
    /// Date of the weging decision as typed (empty: today).
    datum: String,
}

/// The aanmeldformulier.
#[derive(Debug, Clone, Default)]
pub struct Aanmelding {
    werknaam: String,
    thema: Option<Keuze>,
    gemeente: Option<Keuze>,
    ave: Option<Keuze>,
    aanmelder: Option<Keuze>,
    contact: Option<Keuze>,
    contacten: Vec<Keuze>,
    naam: String,
    geboortedatum: String,
    probleem: String,
    veiligheidsrisico: String,
    geprobeerd: String,
    vraag: String,
    fouten: Veldfouten,
}

/// What the user does on the board.
#[derive(Debug, Clone)]
pub enum Message {
    /// Select a card.
    Selecteer(String),
    /// Open a casus.
    Open(String),
    /// Move the selected card one column right (`true`) or left.
    VerplaatsGeselecteerde(bool),
    /// Move a card to a phase.
    Verplaats(String, Fase),
    /// Choose the weging outcome in the move dialog.
    KiesUitkomst(WegingUitkomst),
    /// Type the reason in the move dialog.
    Reden(String),
    /// Type the date of the weging decision in the move dialog.
    WegingDatum(String),
    /// Choose satisfaction in the move dialog.
    Tevredenheid(Keuze),
    /// Confirm the move dialog.
    BevestigVerplaatsen,
    /// Close a dialog without changes.
    Annuleer,
    /// Filter on thema.
    FilterThema(Keuze),
    /// Filter on gemeente.
    FilterGemeente(Keuze),
    /// Filter on AVE phase.
    FilterAve(Keuze),
    /// Filter on procesregisseur.
    FilterRegisseur(Keuze),
    /// Only my cases.
    AlleenMijn(bool),
    /// Free-text filter.
    FilterTekst(String),
    /// Clear all filters.
    WisFilters,
    /// Show or hide the closed column.
    ToonAfgesloten(bool),
    /// Open the aanmeldformulier.
    NieuweAanmelding,
    /// Edit a field of the aanmeldformulier.
    Formulier(Veld, String),
    /// Pick in the aanmeldformulier.
    FormulierKeuze(KeuzeVeld, Keuze),
    /// Submit the aanmeldformulier.
    Aanmelden,
    /// The mouse button went down on a card (a click, or the start of dragging it).
    Pak(String),
    /// The cursor entered (`Some`) or left (`None`) a column.
    Boven(Option<Baan>),
    /// The mouse button was released over a column (`Some`) or elsewhere on the board:
    /// on the card's own column it is a click, on another column a move.
    LaatLos(Option<Baan>),
    /// Close the banner.
    SluitMelding,
    /// Order the cards within each column.
    Sorteer(Sortering),
    /// Open the "Toewijzen" dialog of casus `.0`.
    Toewijzen(String),
    /// Choose the procesregisseur (`false`) or trajectbegeleider (`true`); an empty id: nobody.
    ToewijzingKies(bool, Keuze),
    /// Save the assignment.
    ToewijzingOpslaan,
}

/// Text fields of the aanmeldformulier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Veld {
    /// Werknaam.
    Werknaam,
    /// Name of the main person.
    Naam,
    /// Birth date of the main person.
    Geboortedatum,
    /// Problem.
    Probleem,
    /// Safety risk.
    Veiligheidsrisico,
    /// What was tried.
    Geprobeerd,
    /// Question to the ZVH.
    Vraag,
}

/// Pick lists of the aanmeldformulier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeuzeVeld {
    /// Thema.
    Thema,
    /// AVE phase.
    Ave,
    /// Referring partner.
    Aanmelder,
    /// Contact at the referring partner.
    Contact,
    /// Gemeente.
    Gemeente,
}

/// What the board asks of the app.
#[derive(Debug, Clone)]
pub enum Event {
    /// Open the detail of a casus.
    Open(String),
    /// Move a casus (the store applies the domain rule).
    Verplaats(String, FaseOvergang),
    /// Register a referral with its main person.
    Aanmelden(Box<(NieuweCasus, Option<NieuweBetrokkene>)>),
    /// The referrer changed: the form needs its contacts.
    ContactenNodig(String),
    /// Assign procesregisseur and/or trajectbegeleider of casus `.0`.
    Toewijzen(String, Toewijzing),
}

/// The narrowest a lane may get before the board scrolls sideways.
const MIN_KOLOM: f32 = 185.0;
/// The width of the folded "Afgesloten" lane.
const INGEKLAPT: f32 = 190.0;
/// The widget id of the sideways scrollable that holds the lanes in a narrow window.
const BORD_ID: &str = "bord-banen";

/// The widget id of a column's scrollable list.
fn kolom_id(baan: Baan) -> String {
    format!("kolom-{}", baan.label().to_lowercase())
}

fn ave_keuzes() -> Vec<Keuze> {
    (1..=4).map(|a| Keuze::new(a.to_string(), format!("AVE {a}"))).collect()
}

fn tevredenheid_keuzes() -> Vec<Keuze> {
    (1..=5).map(|a| Keuze::new(a.to_string(), format!("{a} van 5"))).collect()
}

impl State {
    /// Replace the partner choices of the aanmelding form (after the partner list changed).
    pub fn zet_partners(&mut self, partners: Vec<Keuze>) {
        self.partners = partners;
    }

    /// The medewerkers offered in the "Toewijzen" dialog (`(id, label)` of the active ones).
    pub fn zet_medewerkers(&mut self, medewerkers: Vec<Keuze>) {
        self.medewerkers = std::iter::once(Keuze::new("", "— niemand —")).chain(medewerkers).collect();
    }

    /// Replace the thema choices (after the list changed in Instellingen).
    pub fn zet_themas(&mut self, themas: &[LijstItem]) {
        self.themas = themas.iter().filter(|t| t.actief).map(|t| Keuze::new(&t.id, &t.naam)).collect();
    }

    /// Replace the gemeente choices of the filter (all, archived ones too: old cases keep them).
    pub fn zet_gemeenten(&mut self, gemeenten: &[LijstItem]) {
        self.gemeenten = gemeenten.iter().map(|g| Keuze::new(&g.id, &g.naam)).collect();
        self.gemeenten_actief = gemeenten.iter().filter(|g| g.actief).map(|g| Keuze::new(&g.id, &g.naam)).collect();
    }

    /// The themes the "Nieuwe aanmelding" form and the thema filter offer.
    pub fn thema_keuzes(&self) -> &[Keuze] {
        &self.themas
    }

    /// A board for the user who is medewerker `mij` (id; empty: none chosen yet) with the
    /// case list and pick-list data.
    pub fn new(mij: &str, regels: Vec<CasusRegel>, themas: &[LijstItem], partners: Vec<Keuze>) -> State {
        let mut s = State { mij: mij.to_string(), partners, ..State::default() };
        s.themas = themas.iter().filter(|t| t.actief).map(|t| Keuze::new(&t.id, &t.naam)).collect();
        s.vervang(regels);
        s
    }

    /// The cards are being read (off the event loop): say so until [`State::vervang`].
    pub fn laden(&mut self) {
        self.laadt = true;
    }

    /// Replace the case list (after a change), keeping filters and selection.
    pub fn vervang(&mut self, regels: Vec<CasusRegel>) {
        self.laadt = false;
        let mut r: Vec<Keuze> = regels
            .iter()
            .filter_map(|c| c.procesregisseur_id.as_ref().map(|id| Keuze::new(id, &c.procesregisseur)))
            .collect();
        r.sort_by(|a, b| (a.label.to_lowercase(), &a.id).cmp(&(b.label.to_lowercase(), &b.id)));
        r.dedup_by(|a, b| a.id == b.id);
        self.regisseurs = r;
        self.regels = regels;
    }

    /// Show a Dutch error (e.g. a refused move); nothing else changes.
    pub fn toon_fout(&mut self, fout: String) {
        self.fout = Some(fout);
        self.bezig = None;
    }

    /// Is a move or referral being saved?
    pub fn is_bezig(&self) -> bool {
        self.bezig.is_some()
    }

    /// Show a confirmation.
    pub fn toon_melding(&mut self, m: String) {
        self.melding = Some(m);
        self.fout = None;
    }

    /// A referral was registered as casus `nummer`: mark its card (on top of its column)
    /// and scroll that column to the top, where the card is.
    pub fn aangemeld(&mut self, nummer: &str) -> Task<Message> {
        self.gelukt();
        self.nieuw = Some(nummer.to_string());
        let baan = self.regel(nummer).map_or(Baan::Fase(Fase::Aanmelding), |c| Baan::van(c.fase, c.weging_uitkomst));
        iced::widget::operation::snap_to(kolom_id(baan), iced::widget::operation::RelativeOffset::START)
    }

    /// Is a dialog (move or aanmelding) open?
    pub fn dialoog_open(&self) -> bool {
        self.verplaatsen.is_some() || self.aanmelding.is_some() || self.toewijzen.is_some()
    }

    /// A move or referral succeeded: close its dialog.
    pub fn gelukt(&mut self) {
        self.verplaatsen = None;
        self.aanmelding = None;
        self.toewijzen = None;
        self.fout = None;
        self.bezig = None;
    }

    /// Contacts of the chosen referrer arrived.
    pub fn zet_contacten(&mut self, contacten: Vec<Keuze>) {
        if let Some(a) = &mut self.aanmelding {
            a.contacten = contacten;
            a.contact = None;
        }
    }

    /// The selected casusnummer.
    pub fn geselecteerd(&self) -> Option<&str> {
        self.geselecteerd.as_deref()
    }

    /// Cases passing the filters, in the chosen order (the new card always first).
    pub fn gesorteerd(&self) -> Vec<&CasusRegel> {
        let mut v: Vec<&CasusRegel> = self.zichtbaar().collect();
        let nieuw = |c: &CasusRegel| self.nieuw.as_deref() != Some(c.casusnummer.as_str());
        match self.sortering {
            Sortering::Nieuwste => v.sort_by(|a, b| {
                (nieuw(a), &b.datum_aanmelding, &b.casusnummer).cmp(&(nieuw(b), &a.datum_aanmelding, &a.casusnummer))
            }),
            Sortering::Deadline => v.sort_by(|a, b| {
                let sleutel = |c: &CasusRegel| (c.volgende_deadline.is_none(), c.volgende_deadline.clone());
                (nieuw(a), sleutel(a), &a.casusnummer).cmp(&(nieuw(b), sleutel(b), &b.casusnummer))
            }),
            Sortering::Ave => {
                v.sort_by(|a, b| (nieuw(a), b.ave, &b.casusnummer).cmp(&(nieuw(b), a.ave, &a.casusnummer)))
            }
        }
        v
    }

    /// Cases passing the filters.
    pub fn zichtbaar(&self) -> impl Iterator<Item = &CasusRegel> {
        let f = &self.filter;
        let tekst = f.tekst.trim().to_lowercase();
        self.regels.iter().filter(move |c| {
            f.thema.as_ref().is_none_or(|t| c.thema_id.as_deref() == Some(t.id.as_str()))
                && f.gemeente.as_ref().is_none_or(|g| c.gemeente_id.as_deref() == Some(g.id.as_str()))
                && f.ave.as_ref().is_none_or(|a| a.id == c.ave.to_string())
                && f.regisseur.as_ref().is_none_or(|r| c.procesregisseur_id.as_deref() == Some(r.id.as_str()))
                && (!f.alleen_mijn || self.is_mijn(c))
                && (tekst.is_empty()
                    || c.casusnummer.contains(&tekst)
                    || c.werknaam.to_lowercase().contains(&tekst)
                    || c.thema.to_lowercase().contains(&tekst)
                    || c.procesregisseur.to_lowercase().contains(&tekst))
        })
    }

    /// The user (medewerker id) is procesregisseur, trajectbegeleider or casusregisseur.
    fn is_mijn(&self, c: &CasusRegel) -> bool {
        !self.mij.is_empty()
            && [&c.procesregisseur_id, &c.trajectbegeleider_id, &c.casusregisseur_id]
                .iter()
                .any(|m| m.as_deref() == Some(self.mij.as_str()))
    }

    /// Who the user is (medewerker id; empty: not chosen), after Instellingen changed it.
    pub fn zet_mij(&mut self, mij: &str) {
        self.mij = mij.to_string();
    }

    fn regel(&self, nummer: &str) -> Option<&CasusRegel> {
        self.regels.iter().find(|c| c.casusnummer == nummer)
    }

    /// Handle a message.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        // While a save runs, a second move or referral waits (its buttons are disabled;
        // this also covers drags and Alt+arrows).
        if self.bezig.is_some()
            && matches!(
                message,
                Message::Verplaats(..)
                    | Message::VerplaatsGeselecteerde(_)
                    | Message::LaatLos(Some(_))
                    | Message::BevestigVerplaatsen
                    | Message::Aanmelden
                    | Message::Annuleer
            )
        {
            return (Task::none(), None);
        }
        match message {
            Message::Selecteer(n) => {
                if self.geselecteerd.as_deref() == Some(n.as_str()) {
                    return (Task::none(), Some(Event::Open(n)));
                }
                self.geselecteerd = Some(n);
            }
            Message::Open(n) => return (Task::none(), Some(Event::Open(n))),
            Message::Pak(n) => self.gepakt = Some(n),
            Message::Boven(f) => self.boven = f,
            Message::LaatLos(Some(baan)) => {
                let Some(n) = self.gepakt.take() else { return (Task::none(), None) };
                let Some(c) = self.regel(&n) else { return (Task::none(), None) };
                return if Baan::van(c.fase, c.weging_uitkomst) == baan || c.fase == baan.fase() {
                    self.update(Message::Selecteer(n))
                } else {
                    self.update(Message::Verplaats(n, baan.fase()))
                };
            }
            Message::LaatLos(None) => self.gepakt = None,
            Message::VerplaatsGeselecteerde(rechts) => {
                let Some(c) = self.geselecteerd.as_deref().and_then(|n| self.regel(n)) else {
                    self.fout = Some("Selecteer eerst een casus (klik op een kaart).".into());
                    return (Task::none(), None);
                };
                let naar = if rechts { c.fase.volgende() } else { c.fase.vorige() };
                match naar {
                    Some(naar) => return self.update(Message::Verplaats(c.casusnummer.clone(), naar)),
                    None => self.fout = Some("De casus staat al in de eerste of laatste kolom.".into()),
                }
            }
            Message::Verplaats(nummer, naar) => {
                let Some(c) = self.regel(&nummer) else { return (Task::none(), None) };
                let (van, huidige_uitkomst) = (c.fase, c.weging_uitkomst);
                self.geselecteerd = Some(nummer.clone());
                if van == Fase::Weging || naar == Fase::Afgesloten || van == Fase::Afgesloten {
                    let uitkomst = match (van, naar) {
                        (Fase::Weging, Fase::Procesregie) => Some(WegingUitkomst::Procesregie),
                        (Fase::Weging, Fase::Monitoring) => Some(WegingUitkomst::Ondersteunen),
                        _ => huidige_uitkomst,
                    };
                    self.verplaatsen = Some(Verplaatsing {
                        nummer,
                        van,
                        naar,
                        uitkomst,
                        reden: String::new(),
                        tevredenheid: None,
                        datum: String::new(),
                    });
                } else {
                    self.bezig = Some(BEZIG_VERPLAATSEN);
                    return (Task::none(), Some(Event::Verplaats(nummer, FaseOvergang::naar(naar))));
                }
            }
            Message::KiesUitkomst(u) => {
                if let Some(v) = &mut self.verplaatsen {
                    v.uitkomst = Some(u);
                }
            }
            Message::Reden(r) => {
                if let Some(v) = &mut self.verplaatsen {
                    v.reden = r;
                }
            }
            Message::WegingDatum(d) => {
                if let Some(v) = &mut self.verplaatsen {
                    v.datum = d;
                }
            }
            Message::Tevredenheid(t) => {
                if let Some(v) = &mut self.verplaatsen {
                    v.tevredenheid = Some(t);
                }
            }
            Message::BevestigVerplaatsen => {
                if let Some(v) = &self.verplaatsen {
                    let datum = match v.datum.trim() {
                        "" => None,
                        d => match crate::domain::parse_datum(d) {
                            Ok(d) => Some(d),
                            Err(e) => {
                                self.fout = Some(crate::melding::domein(&e));
                                return (Task::none(), None);
                            }
                        },
                    };
                    let overgang = FaseOvergang {
                        naar: Some(v.naar),
                        uitkomst: if v.van == Fase::Weging { v.uitkomst } else { None },
                        reden: Some(v.reden.clone()),
                        heropenen: v.van == Fase::Afgesloten,
                        tevredenheid: v.tevredenheid.as_ref().and_then(|t| t.id.parse().ok()),
                        datum,
                    };
                    self.bezig = Some(BEZIG_VERPLAATSEN);
                    return (Task::none(), Some(Event::Verplaats(v.nummer.clone(), overgang)));
                }
            }
            Message::Annuleer => {
                self.verplaatsen = None;
                self.aanmelding = None;
                self.toewijzen = None;
            }
            Message::Toewijzen(nummer) => {
                if let Some(c) = self.regel(&nummer) {
                    let k = |id: &Option<String>, naam: &str| id.as_ref().map(|id| Keuze::new(id, naam));
                    self.toewijzen = Some(BordToewijzing {
                        regisseur: k(&c.procesregisseur_id, &c.procesregisseur),
                        begeleider: k(&c.trajectbegeleider_id, &c.trajectbegeleider),
                        nummer,
                        regisseur_gekozen: false,
                        begeleider_gekozen: false,
                    });
                    self.fout = None;
                    self.melding = None;
                }
            }
            Message::ToewijzingKies(begeleider, k) => {
                if let Some(t) = &mut self.toewijzen {
                    let k = (!k.id.is_empty()).then_some(k);
                    if begeleider {
                        t.begeleider = k;
                        t.begeleider_gekozen = true;
                    } else {
                        t.regisseur = k;
                        t.regisseur_gekozen = true;
                    }
                }
            }
            Message::ToewijzingOpslaan => {
                if let Some(t) = &self.toewijzen {
                    let id = |k: &Option<Keuze>| k.as_ref().map(|k| k.id.clone());
                    let w = Toewijzing {
                        procesregisseur: t.regisseur_gekozen.then(|| id(&t.regisseur)),
                        trajectbegeleider: t.begeleider_gekozen.then(|| id(&t.begeleider)),
                        casusregisseur: None,
                    };
                    if w.procesregisseur.is_none() && w.trajectbegeleider.is_none() {
                        self.toewijzen = None;
                    } else {
                        return (Task::none(), Some(Event::Toewijzen(t.nummer.clone(), w)));
                    }
                }
            }
            Message::FilterThema(t) => self.filter.thema = Some(t),
            Message::FilterGemeente(g) => self.filter.gemeente = Some(g),
            Message::FilterAve(a) => self.filter.ave = Some(a),
            Message::FilterRegisseur(r) => self.filter.regisseur = Some(r),
            Message::AlleenMijn(b) => self.filter.alleen_mijn = b,
            Message::FilterTekst(t) => self.filter.tekst = t,
            Message::WisFilters => self.filter = Filter::default(),
            Message::ToonAfgesloten(b) => self.afgesloten_open = b,
            Message::NieuweAanmelding => {
                self.aanmelding = Some(Aanmelding { ave: ave_keuzes().into_iter().nth(2), ..Aanmelding::default() });
                return (iced::widget::operation::focus("aanmelding-werknaam"), None);
            }
            Message::Formulier(veld, waarde) => {
                if let Some(a) = &mut self.aanmelding {
                    let doel = match veld {
                        Veld::Werknaam => &mut a.werknaam,
                        Veld::Naam => &mut a.naam,
                        Veld::Geboortedatum => &mut a.geboortedatum,
                        Veld::Probleem => &mut a.probleem,
                        Veld::Veiligheidsrisico => &mut a.veiligheidsrisico,
                        Veld::Geprobeerd => &mut a.geprobeerd,
                        Veld::Vraag => &mut a.vraag,
                    };
                    *doel = waarde;
                    if !a.fouten.is_empty() {
                        a.fouten = a.valideer().err().unwrap_or_default();
                    }
                }
            }
            Message::FormulierKeuze(veld, k) => {
                if let Some(a) = &mut self.aanmelding {
                    match veld {
                        KeuzeVeld::Thema => a.thema = Some(k),
                        KeuzeVeld::Ave => a.ave = Some(k),
                        KeuzeVeld::Aanmelder => {
                            let id = k.id.clone();
                            a.aanmelder = Some(k);
                            return (Task::none(), Some(Event::ContactenNodig(id)));
                        }
                        KeuzeVeld::Contact => a.contact = Some(k),
                        KeuzeVeld::Gemeente => a.gemeente = Some(k),
                    }
                    if !a.fouten.is_empty() {
                        a.fouten = a.valideer().err().unwrap_or_default();
                    }
                }
            }
            Message::Aanmelden => {
                if let Some(a) = &mut self.aanmelding {
                    match a.valideer() {
                        Ok(data) => {
                            self.bezig = Some(BEZIG_AANMELDEN);
                            return (Task::none(), Some(Event::Aanmelden(Box::new(data))));
                        }
                        Err(f) => a.fouten = f,
                    }
                }
            }
            Message::SluitMelding => {
                self.fout = None;
                self.melding = None;
            }
            Message::Sorteer(s) => self.sortering = s,
        }
        (Task::none(), None)
    }

    /// The board.
    pub fn view(&self) -> Element<'_, Message> {
        let f = &self.filter;
        let filters = row![
            kies(self.themas.as_slice(), f.thema.clone(), Message::FilterThema).placeholder("Alle thema's").width(220),
            kies(self.gemeenten.as_slice(), f.gemeente.clone(), Message::FilterGemeente)
                .placeholder("Alle gemeenten")
                .width(200),
            kies(ave_keuzes(), f.ave.clone(), Message::FilterAve).placeholder("Alle AVE-fasen").width(160),
            kies(self.regisseurs.as_slice(), f.regisseur.clone(), Message::FilterRegisseur)
                .placeholder("Alle procesregisseurs")
                .width(230),
            checkbox(f.alleen_mijn).label("Alleen mijn casussen").on_toggle(Message::AlleenMijn),
            invoer("Filter op nummer, werknaam…", &f.tekst, Message::FilterTekst).width(220),
            kies(&Sortering::ALLE[..], Some(self.sortering), Message::Sorteer).width(210),
            button(text("Wis filters").size(13)).on_press(Message::WisFilters).style(Knop::Secundair.stijl()),
        ]
        .spacing(10)
        .align_y(iced::Center)
        .wrap();

        let zichtbaar = self.gesorteerd();
        let aantal = zichtbaar.len();

        let mut inhoud = column![
            row![
                text("Casussen").size(22),
                text(if self.laadt {
                    BEZIG_LADEN.to_string()
                } else {
                    format!("{} van {}", aantal, crate::domain::aantal(self.regels.len(), "casus", "casussen"))
                })
                .size(13)
                .style(theme::gedempt),
                space::horizontal(),
                button(text("Nieuwe aanmelding").size(14))
                    .on_press(Message::NieuweAanmelding)
                    .style(Knop::Primair.stijl()),
            ]
            .spacing(12)
            .align_y(iced::Center),
            filters,
        ]
        .spacing(12)
        .padding(16);
        inhoud = inhoud.push(
            text(
                "Klik op een kaart om te selecteren, nogmaals om te openen. Sleep een kaart naar een andere kolom, \
                 of gebruik Alt+→ / Alt+←, om de casus te verplaatsen.",
            )
            .size(12)
            .style(theme::gedempt),
        );
        inhoud = inhoud.push(responsive(move |maat| self.kolommen(&zichtbaar, maat.width)));
        // A release anywhere else ends a drag without moving (after a column's own release).
        let inhoud = mouse_area(inhoud).on_release(Message::LaatLos(None));
        let meldingen = match (&self.fout, &self.melding, self.bezig) {
            (Some(f), _, _) => vec![banner(Vlak::Fout, f, Some(Message::SluitMelding))],
            (None, _, Some(b)) if !self.dialoog_open() => vec![banner(Vlak::Info, b, None)],
            (None, Some(m), _) => vec![banner(Vlak::Info, m, Some(Message::SluitMelding))],
            _ => Vec::new(),
        };
        let inhoud = met_meldingen(inhoud, meldingen);

        if let Some(v) = &self.verplaatsen {
            dialoog(inhoud, self.verplaats_dialoog(v), Message::Annuleer)
        } else if let Some(a) = &self.aanmelding {
            dialoog(inhoud, self.aanmeld_dialoog(a), Message::Annuleer)
        } else if let Some(t) = &self.toewijzen {
            dialoog(inhoud, self.toewijs_dialoog(t), Message::Annuleer)
        } else {
            inhoud
        }
    }

    /// The lanes side by side in `breedte` pixels. When that leaves a lane narrower than
    /// [`MIN_KOLOM`] (a 1024 px window), the lanes keep that width and the board scrolls
    /// sideways, so card texts and headings are never cut off.
    fn kolommen<'a>(&'a self, zichtbaar: &[&'a CasusRegel], breedte: f32) -> Element<'a, Message> {
        const TUSSEN: f32 = 10.0;
        let ingeklapt = !self.afgesloten_open;
        let open = Baan::ALLE.len() - usize::from(ingeklapt);
        let vast = if ingeklapt { INGEKLAPT + TUSSEN } else { 0.0 };
        let per = (breedte - vast - TUSSEN * (open as f32 - 1.0)) / open as f32;
        let smal = per < MIN_KOLOM;
        let mut kolommen = row![].spacing(TUSSEN).height(Fill);
        for baan in Baan::ALLE {
            let kaarten: Vec<&CasusRegel> =
                zichtbaar.iter().copied().filter(|c| Baan::van(c.fase, c.weging_uitkomst) == baan).collect();
            kolommen = kolommen.push(self.kolom(baan, &kaarten, smal));
        }
        if smal {
            scrollable(kolommen)
                .id(BORD_ID)
                .direction(scrollable::Direction::Horizontal(scrollable::Scrollbar::new()))
                .spacing(4)
                .height(Fill)
                .into()
        } else {
            kolommen.into()
        }
    }

    fn kolom<'a>(&'a self, baan: Baan, kaarten: &[&'a CasusRegel], smal: bool) -> Element<'a, Message> {
        let fase = baan.fase();
        let kop = row![
            container(space().width(4).height(18)).style(Vlak::Strook(theme::fase_kleur(fase)).stijl()),
            text(baan.label()).size(15),
            space::horizontal(),
            text(kaarten.len().to_string()).size(13).style(theme::gedempt),
        ]
        .spacing(8)
        .align_y(iced::Center);
        let ingeklapt = fase == Fase::Afgesloten && !self.afgesloten_open;
        let mut lijst = column![].spacing(6);
        if ingeklapt {
            lijst = lijst.push(
                button(text("Toon afgesloten casussen").size(13))
                    .on_press(Message::ToonAfgesloten(true))
                    .style(Knop::Link.stijl()),
            );
        } else {
            for c in kaarten.iter().take(KAARTEN_PER_KOLOM) {
                lijst = lijst.push(self.kaart(c));
            }
            if kaarten.len() > KAARTEN_PER_KOLOM {
                lijst = lijst.push(
                    text(format!("en nog {} — verfijn het filter", kaarten.len() - KAARTEN_PER_KOLOM))
                        .size(12)
                        .style(theme::gedempt),
                );
            }
            if fase == Fase::Afgesloten {
                lijst = lijst.push(
                    button(text("Verberg afgesloten").size(13))
                        .on_press(Message::ToonAfgesloten(false))
                        .style(Knop::Link.stijl()),
                );
            }
        }
        let breedte = if ingeklapt {
            iced::Length::Fixed(INGEKLAPT)
        } else if smal {
            iced::Length::Fixed(MIN_KOLOM)
        } else {
            iced::Length::FillPortion(1)
        };
        // While a card from another column is dragged over this one, it shows where it lands.
        let doel = self.boven == Some(baan)
            && self.gepakt.as_deref().and_then(|n| self.regel(n)).is_some_and(|c| c.fase != fase);
        let mut inhoud = column![kop].spacing(8);
        if doel {
            inhoud = inhoud.push(text(format!("Loslaten: naar {}", baan.label().to_lowercase())).size(12));
        }
        inhoud = inhoud.push(scrollable(lijst).id(kolom_id(baan)).spacing(4).height(Fill));
        mouse_area(container(inhoud).padding(8).width(breedte).height(Fill).style(if doel {
            Vlak::KolomDoel.stijl()
        } else {
            Vlak::Kolom.stijl()
        }))
        .on_enter(Message::Boven(Some(baan)))
        .on_exit(Message::Boven(None))
        .on_release(Message::LaatLos(Some(baan)))
        .into()
    }

    fn kaart<'a>(&'a self, c: &'a CasusRegel) -> Element<'a, Message> {
        let geselecteerd = self.geselecteerd.as_deref() == Some(c.casusnummer.as_str());
        let vandaag = chrono::Local::now().date_naive().format("%Y-%m-%d").to_string();
        let mut onder = row![].spacing(6).align_y(iced::Center);
        if let Some(d) = &c.volgende_deadline {
            let te_laat = d.as_str() < vandaag.as_str();
            onder = onder.push(text(format!("Deadline {}", nl_datum(d))).size(12).style(if te_laat {
                theme::rood
            } else {
                theme::gedempt
            }));
        }
        if c.achterstallig > 0 {
            onder = onder.push(
                container(text(format!("{} te laat", c.achterstallig)).size(11).wrapping(text::Wrapping::None))
                    .padding([1, 6])
                    .style(Vlak::Badge(theme::ave_kleur(4)).stijl()),
            );
        }
        // The badge goes to its own line when the card is too narrow for both.
        let onder = onder.wrap();
        let inhoud = row![
            container(space().width(5).height(Fill)).style(Vlak::Strook(theme::ave_kleur(c.ave)).stijl()).height(64),
            column![
                row![
                    text(&c.casusnummer).size(12).style(theme::gedempt),
                    (self.nieuw.as_deref() == Some(c.casusnummer.as_str())).then(|| {
                        container(text("Net aangemeld").size(11).color(iced::Color::WHITE))
                            .padding([1, 6])
                            .style(Vlak::Badge(theme::ave_kleur(1)).stijl())
                    }),
                    space::horizontal(),
                    text(format!("AVE {}", c.ave)).size(12).color(theme::ave_kleur(c.ave))
                ],
                text(&c.werknaam).size(15),
                // Long words break inside a narrow card instead of running past its edge.
                text(&c.thema).size(12).style(theme::gedempt).wrapping(text::Wrapping::WordOrGlyph),
                text(if c.procesregisseur.is_empty() {
                    "Geen procesregisseur".to_string()
                } else {
                    c.procesregisseur.clone()
                })
                .size(12),
                onder,
            ]
            .spacing(2)
            .width(Fill),
        ]
        .spacing(8);
        let gepakt = self.gepakt.as_deref() == Some(c.casusnummer.as_str());
        let opvallend = geselecteerd || gepakt || self.nieuw.as_deref() == Some(c.casusnummer.as_str());
        // A mouse area, not a button: a button would take the press, so dragging could
        // not start on the card. Click = press and release on the same column.
        let knop =
            mouse_area(container(inhoud).padding(if opvallend { 7 } else { 8 }).width(Fill).style(if opvallend {
                Vlak::KaartGeselecteerd.stijl()
            } else {
                Vlak::Kaart.stijl()
            }))
            .on_press(Message::Pak(c.casusnummer.clone()))
            .interaction(if gepakt { mouse::Interaction::Grabbing } else { mouse::Interaction::Pointer });
        let mut kolom = column![knop].spacing(4);
        if geselecteerd {
            let knoppen = row![
                c.fase.vorige().map(|f| {
                    button(text(format!("← {}", f.label())).size(12).wrapping(text::Wrapping::None))
                        .on_press(Message::Verplaats(c.casusnummer.clone(), f))
                        .style(Knop::Secundair.stijl())
                }),
                space::horizontal(),
                button(text("Toewijzen…").size(12).wrapping(text::Wrapping::None))
                    .on_press(Message::Toewijzen(c.casusnummer.clone()))
                    .style(Knop::Secundair.stijl()),
                button(text("Openen").size(12).wrapping(text::Wrapping::None))
                    .on_press(Message::Open(c.casusnummer.clone()))
                    .style(Knop::Primair.stijl()),
                c.fase.volgende().map(|f| {
                    button(text(format!("{} →", f.label())).size(12).wrapping(text::Wrapping::None))
                        .on_press(Message::Verplaats(c.casusnummer.clone(), f))
                        .style(Knop::Secundair.stijl())
                }),
            ]
            .spacing(6)
            // In a narrow column the buttons go to a second line rather than being cut off.
            .wrap();
            kolom = kolom.push(knoppen);
        }
        kolom.into()
    }

    fn toewijs_dialoog<'a>(&'a self, t: &'a BordToewijzing) -> Element<'a, Message> {
        let werknaam = self.regel(&t.nummer).map(|c| c.werknaam.as_str()).unwrap_or_default();
        column![
            text(format!("Casus {} — {werknaam} toewijzen", t.nummer)).size(18),
            veld(
                "Procesregisseur",
                kies(self.medewerkers.as_slice(), t.regisseur.clone(), |k| Message::ToewijzingKies(false, k))
                    .placeholder("Geen procesregisseur"),
                None,
            ),
            veld(
                "Trajectbegeleider",
                kies(self.medewerkers.as_slice(), t.begeleider.clone(), |k| Message::ToewijzingKies(true, k))
                    .placeholder("Geen trajectbegeleider"),
                None,
            ),
            row![
                space::horizontal(),
                button(text("Annuleren")).on_press(Message::Annuleer).style(Knop::Secundair.stijl()),
                button(text("Toewijzing opslaan")).on_press(Message::ToewijzingOpslaan).style(Knop::Primair.stijl()),
            ]
            .spacing(6),
        ]
        .spacing(12)
        .into()
    }

    fn verplaats_dialoog<'a>(&'a self, v: &'a Verplaatsing) -> Element<'a, Message> {
        let mut c =
            column![text(format!("Casus {} naar {}", v.nummer, v.naar.label().to_lowercase())).size(18)].spacing(12);
        if v.van == Fase::Weging {
            c = c.push(veld(
                "Uitkomst van de weging",
                kies(WegingUitkomst::ALLE, v.uitkomst, Message::KiesUitkomst).placeholder("Kies de uitkomst"),
                None,
            ));
            c = c.push(veld(
                "Datum van de weging (leeg: vandaag)",
                invoer("dd-mm-jjjj", &v.datum, Message::WegingDatum)
                    .on_submit(Message::BevestigVerplaatsen)
                    .id("verplaats-datum"),
                None,
            ));
        }
        let reden_label = match (v.van, v.naar) {
            (Fase::Afgesloten, _) => "Reden van heropenen (verplicht)",
            (_, Fase::Afgesloten) => "Afsluitreden (verplicht)",
            _ => "Toelichting (optioneel)",
        };
        c = c.push(veld(
            reden_label,
            invoer("", &v.reden, Message::Reden).on_submit(Message::BevestigVerplaatsen).id("verplaats-reden"),
            None,
        ));
        if v.naar == Fase::Afgesloten {
            c = c.push(veld(
                "Tevredenheid van de aanmelder (optioneel)",
                kies(tevredenheid_keuzes(), v.tevredenheid.clone(), Message::Tevredenheid).placeholder("Niet gevraagd"),
                None,
            ));
        }
        if let Some(f) = &self.fout {
            c = c.push(banner(Vlak::Fout, f, None));
        }
        c.push(
            row![
                space::horizontal(),
                button(text("Annuleren"))
                    .on_press_maybe(self.bezig.is_none().then_some(Message::Annuleer))
                    .style(Knop::Secundair.stijl()),
                button(text(self.bezig.unwrap_or("Verplaatsen")))
                    .on_press_maybe(self.bezig.is_none().then_some(Message::BevestigVerplaatsen))
                    .style(Knop::Primair.stijl()),
            ]
            .spacing(8),
        )
        .into()
    }

    fn aanmeld_dialoog<'a>(&'a self, a: &'a Aanmelding) -> Element<'a, Message> {
        let fout = |v: &str| a.fouten.iter().find(|(k, _)| *k == v).map(|(_, m)| m.as_str());
        let tekstveld = |label: &'a str, waarde: &'a str, v: Veld, sleutel: &'static str| {
            veld(
                label,
                invoer("", waarde, move |s| Message::Formulier(v, s))
                    .on_submit(Message::Aanmelden)
                    .id(format!("aanmelding-{sleutel}")),
                fout(sleutel),
            )
        };
        let c = column![
            text("Nieuwe aanmelding").size(20),
            veld(
                "Werknaam (geen persoonsgegevens)",
                invoer("bijv. Stille Eik", &a.werknaam, |s| Message::Formulier(Veld::Werknaam, s))
                    .on_submit(Message::Aanmelden)
                    .id("aanmelding-werknaam"),
                fout("werknaam")
            ),
            // Pick lists fill their row, so a long partner name is never cut off under the arrow.
            row![
                veld(
                    "Thema",
                    kies(self.themas.as_slice(), a.thema.clone(), |k| Message::FormulierKeuze(KeuzeVeld::Thema, k))
                        .placeholder("Kies een thema")
                        .width(Fill),
                    fout("thema")
                ),
                veld(
                    "AVE-fase",
                    kies(ave_keuzes(), a.ave.clone(), |k| Message::FormulierKeuze(KeuzeVeld::Ave, k)).width(120),
                    None
                ),
                veld(
                    "Gemeente",
                    kies(self.gemeenten_actief.as_slice(), a.gemeente.clone(), |k| Message::FormulierKeuze(
                        KeuzeVeld::Gemeente,
                        k
                    ))
                    .placeholder("Kies een gemeente")
                    .width(220),
                    None
                ),
            ]
            .spacing(10),
            veld(
                "Aanmelder (partner)",
                kies(self.partners.as_slice(), a.aanmelder.clone(), |k| Message::FormulierKeuze(
                    KeuzeVeld::Aanmelder,
                    k
                ))
                .placeholder("Kies de aanmeldende partner")
                .width(Fill),
                fout("aanmelder")
            ),
            veld(
                "Contactpersoon",
                kies(a.contacten.as_slice(), a.contact.clone(), |k| Message::FormulierKeuze(KeuzeVeld::Contact, k))
                    .placeholder("Kies een contactpersoon")
                    .width(Fill),
                None
            ),
            row![
                tekstveld("Hoofdpersoon: naam", &a.naam, Veld::Naam, "naam"),
                tekstveld("Geboortedatum (dd-mm-jjjj)", &a.geboortedatum, Veld::Geboortedatum, "geboortedatum"),
            ]
            .spacing(10),
            tekstveld("Probleem", &a.probleem, Veld::Probleem, "probleem"),
            tekstveld("Veiligheidsrisico", &a.veiligheidsrisico, Veld::Veiligheidsrisico, "veiligheidsrisico"),
            tekstveld("Wat is al geprobeerd", &a.geprobeerd, Veld::Geprobeerd, "geprobeerd"),
            tekstveld("Vraag aan het ZVH", &a.vraag, Veld::Vraag, "vraag"),
            row![
                space::horizontal(),
                button(text("Annuleren"))
                    .on_press_maybe(self.bezig.is_none().then_some(Message::Annuleer))
                    .style(Knop::Secundair.stijl()),
                button(text(self.bezig.unwrap_or("Aanmelding registreren")))
                    .on_press_maybe(self.bezig.is_none().then_some(Message::Aanmelden))
                    .style(Knop::Primair.stijl()),
            ]
            .spacing(8),
        ]
        .spacing(10);
        scrollable(c).into()
    }
}

/// Inline errors per field: (field key, Dutch message).
type Veldfouten = Vec<(&'static str, String)>;

impl Aanmelding {
    /// Check the required fields; Dutch messages per field.
    fn valideer(&self) -> Result<(NieuweCasus, Option<NieuweBetrokkene>), Veldfouten> {
        let mut f = Vec::new();
        if self.werknaam.trim().is_empty() {
            f.push(("werknaam", "Vul een werknaam in.".to_string()));
        }
        if self.thema.is_none() {
            f.push(("thema", "Kies een thema.".to_string()));
        }
        if self.aanmelder.is_none() {
            f.push(("aanmelder", "Kies de partner die aanmeldt.".to_string()));
        }
        if self.probleem.trim().is_empty() {
            f.push(("probleem", "Beschrijf het probleem.".to_string()));
        }
        if self.vraag.trim().is_empty() {
            f.push(("vraag", "Formuleer de vraag aan het ZVH.".to_string()));
        }
        let geboortedatum = match crate::ui::widgets::datum(&self.geboortedatum) {
            Ok(d) => d,
            Err(m) => {
                f.push(("geboortedatum", m));
                None
            }
        };
        if self.naam.trim().is_empty() && geboortedatum.is_some() {
            f.push(("naam", "Vul de naam van de hoofdpersoon in.".to_string()));
        }
        if !f.is_empty() {
            return Err(f);
        }
        let casus = NieuweCasus {
            werknaam: self.werknaam.clone(),
            thema: self.thema.as_ref().map(|t| t.id.clone()).unwrap_or_default(),
            ave: self.ave.as_ref().and_then(|a| a.id.parse().ok()).and_then(|a| Ave::new(a).ok()),
            aanmelder_partner_id: self.aanmelder.as_ref().map(|a| a.id.clone()),
            aanmelder_contact_id: self.contact.as_ref().map(|c| c.id.clone()),
            probleem: self.probleem.clone(),
            veiligheidsrisico: self.veiligheidsrisico.clone(),
            geprobeerd: self.geprobeerd.clone(),
            vraag: self.vraag.clone(),
            gemeente: self.gemeente.as_ref().map(|g| g.id.clone()).unwrap_or_default(),
            ..NieuweCasus::default()
        };
        let persoon = (!self.naam.trim().is_empty()).then(|| NieuweBetrokkene {
            naam: self.naam.clone(),
            geboortedatum,
            rol: Rol::Hoofdpersoon,
            bsn: None,
            initialen: None,
        });
        Ok((casus, persoon))
    }
}

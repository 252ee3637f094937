//! Partners: the partner organisations with search and filters, and per partner its
//! covenant status, notes, contact persons and the cases it is involved in. Partners
//! are archived, never deleted (cases and actions refer to them).

use crate::domain::Convenantstatus;
use crate::domain::partner::{PartnerSoort, emailadres, telefoonnummer};
use crate::store::{
    ContactWijziging, Contactpersoon, NieuwContact, NieuwePartner, Partner, PartnerCasus, PartnerWijziging,
};
use crate::ui::theme::{self, Knop, Vlak};
use crate::ui::widgets::{Keuze, banner, invoer, kies, veld};
use iced::widget::{button, checkbox, column, container, row, scrollable, space, text};
use iced::{Element, Fill, Task};

const ALLE: &str = "alle";

/// State of the partners screen.
#[derive(Debug, Clone)]
pub struct State {
    partners: Vec<Partner>,
    zoek: String,
    soort: Keuze,
    convenant: Keuze,
    archief: bool,
    gekozen: Option<String>,
    contacten: Vec<Contactpersoon>,
    casussen: Vec<PartnerCasus>,
    notities: String,
    nieuw_naam: String,
    nieuw_soort: PartnerSoort,
    nieuw_convenant: Convenantstatus,
    nieuw_fout: Option<String>,
    contact: NieuwContact,
    contact_fout: Option<String>,
    /// The contact being edited inline: its id and the form values.
    bewerk: Option<(String, NieuwContact)>,
    bewerk_fout: Option<String>,
    /// A contact whose archiving waits for confirmation.
    archiveer_contact: Option<String>,
    fout: Option<String>,
    melding: Option<String>,
    importverslag: Option<crate::contactlijst::Importverslag>,
}

/// Exchanging the contact list with a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bestandsactie {
    /// Write all contacts as CSV.
    ExportCsv,
    /// Write all contacts as vCard 3.0.
    ExportVcard,
    /// Read contacts from a CSV file.
    ImportCsv,
}

/// A field of the contact form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactVeld {
    /// Name.
    Naam,
    /// Function.
    Functie,
    /// Phone.
    Telefoon,
    /// E-mail.
    Email,
    /// Themes.
    Themas,
}

/// What the user does.
#[derive(Debug, Clone)]
pub enum Message {
    /// Type in the search field.
    Zoek(String),
    /// Filter on kind.
    FilterSoort(Keuze),
    /// Filter on covenant status.
    FilterConvenant(Keuze),
    /// Show archived partners too.
    ToonArchief(bool),
    /// Select a partner.
    Kies(String),
    /// New partner: name.
    NieuwNaam(String),
    /// New partner: kind.
    NieuwSoort(PartnerSoort),
    /// New partner: covenant status.
    NieuwConvenant(Convenantstatus),
    /// Add the new partner.
    NieuwToevoegen,
    /// Selected partner: change its kind.
    Soort(PartnerSoort),
    /// Selected partner: change its covenant status.
    Convenant(Convenantstatus),
    /// Selected partner: edit the notes.
    Notities(String),
    /// Save the notes.
    NotitiesOpslaan,
    /// Archive (or restore) the selected partner.
    Archiveer(bool),
    /// New contact: name.
    ContactNaam(String),
    /// New contact: function.
    ContactFunctie(String),
    /// New contact: phone.
    ContactTelefoon(String),
    /// New contact: e-mail.
    ContactEmail(String),
    /// New contact: themes.
    ContactThemas(String),
    /// Add the contact.
    ContactToevoegen,
    /// Edit this contact inline.
    ContactBewerken(String),
    /// Inline edit: type in a field.
    ContactBewerkVeld(ContactVeld, String),
    /// Save the inline edit (Enter, Ctrl+S).
    ContactOpslaan,
    /// Close the inline edit or the archive confirmation without saving (Escape).
    Annuleer,
    /// Ask to archive this contact.
    ContactArchiveren(String),
    /// Archive the contact after the confirmation.
    ContactArchiverenBevestigd,
    /// Offer an archived contact again.
    ContactTerugzetten(String),
    /// Open a case the partner is involved in.
    OpenCasus(String),
    /// Export or import the contact list (opens a file dialog).
    Contactlijst(Bestandsactie),
    /// Close the error.
    SluitFout,
    /// Close the import report.
    SluitImportverslag,
}

/// What the screen asks of the app.
#[derive(Debug, Clone)]
pub enum Event {
    /// Load contacts and cases of this partner.
    Kies(String),
    /// Store a new partner.
    Toevoegen(NieuwePartner),
    /// Change a partner.
    Wijzig(String, PartnerWijziging),
    /// Store a new contact at a partner.
    Contact(String, NieuwContact),
    /// Change or archive a contact of the selected partner (partner id, contact id).
    ContactWijzig(String, String, ContactWijziging),
    /// Open a case.
    OpenCasus(String),
    /// Export or import the contact list.
    Contactlijst(Bestandsactie),
}

fn alle(label: &str) -> Keuze {
    Keuze::new(ALLE, label)
}

impl State {
    /// The screen with the partner list.
    pub fn new(partners: Vec<Partner>) -> State {
        State {
            partners,
            zoek: String::new(),
            soort: alle("Alle soorten"),
            convenant: alle("Elke convenantstatus"),
            archief: false,
            gekozen: None,
            contacten: Vec::new(),
            casussen: Vec::new(),
            notities: String::new(),
            nieuw_naam: String::new(),
            nieuw_soort: PartnerSoort::Zorg,
            nieuw_convenant: Convenantstatus::Convenant,
            nieuw_fout: None,
            contact: NieuwContact::default(),
            contact_fout: None,
            bewerk: None,
            bewerk_fout: None,
            archiveer_contact: None,
            fout: None,
            melding: None,
            importverslag: None,
        }
    }

    /// Replace the list after a change; keeps the selection.
    pub fn vervang(&mut self, partners: Vec<Partner>) {
        self.partners = partners;
        if let Some(p) = self.gekozen_partner() {
            self.notities = p.notities.clone();
        }
    }

    /// Details of the selected partner.
    pub fn zet_detail(&mut self, id: String, contacten: Vec<Contactpersoon>, casussen: Vec<PartnerCasus>) {
        self.gekozen = Some(id);
        self.contacten = contacten;
        self.casussen = casussen;
        self.notities = self.gekozen_partner().map(|p| p.notities.clone()).unwrap_or_default();
    }

    /// A new partner was stored.
    pub fn partner_opgeslagen(&mut self) {
        self.nieuw_naam.clear();
        self.nieuw_fout = None;
    }

    /// A contact was stored.
    pub fn contact_opgeslagen(&mut self) {
        self.contact = NieuwContact::default();
        self.contact_fout = None;
    }

    /// A contact was changed, archived or restored: close the form and say so.
    pub fn contact_gewijzigd(&mut self, melding: String) {
        self.bewerk = None;
        self.bewerk_fout = None;
        self.archiveer_contact = None;
        self.toon_melding(melding);
    }

    /// The inline contact edit as the event that saves it, if anything was typed (Ctrl+S).
    pub fn openstaand(&self) -> Option<Event> {
        let (id, f) = self.bewerk.as_ref()?;
        let oud = self.contacten.iter().find(|c| &c.id == id)?;
        let w = wijziging(oud, f);
        let partner = oud.partner_id.clone()?;
        (w != ContactWijziging::default()).then(|| Event::ContactWijzig(partner, id.clone(), w))
    }

    /// Show an error from the store.
    pub fn toon_fout(&mut self, f: String) {
        self.melding = None;
        self.fout = Some(f);
    }

    /// Show a message (an export finished).
    pub fn toon_melding(&mut self, m: String) {
        self.fout = None;
        self.melding = Some(m);
    }

    /// Keep the outcome of an import on screen, rejected rows with their reasons.
    pub fn zet_importverslag(&mut self, v: crate::contactlijst::Importverslag) {
        self.fout = None;
        self.melding = None;
        self.importverslag = Some(v);
    }

    fn gekozen_partner(&self) -> Option<&Partner> {
        let id = self.gekozen.as_ref()?;
        self.partners.iter().find(|p| &p.id == id)
    }

    /// The partners that pass search and filters.
    pub fn zichtbaar(&self) -> Vec<&Partner> {
        let zoek = self.zoek.trim().to_lowercase();
        self.partners
            .iter()
            .filter(|p| self.archief || !p.gearchiveerd)
            .filter(|p| self.soort.id == ALLE || p.soort.code() == self.soort.id)
            .filter(|p| self.convenant.id == ALLE || p.convenantstatus.code() == self.convenant.id)
            .filter(|p| zoek.is_empty() || p.naam.to_lowercase().contains(&zoek))
            .collect()
    }

    /// Handle a message.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        let gekozen = self.gekozen.clone();
        let wijzig = |w: PartnerWijziging| gekozen.clone().map(|id| Event::Wijzig(id, w));
        let event = match message {
            Message::Zoek(t) => {
                self.zoek = t;
                None
            }
            Message::FilterSoort(k) => {
                self.soort = k;
                None
            }
            Message::FilterConvenant(k) => {
                self.convenant = k;
                None
            }
            Message::ToonArchief(b) => {
                self.archief = b;
                None
            }
            Message::Kies(id) => Some(Event::Kies(id)),
            Message::NieuwNaam(t) => {
                self.nieuw_naam = t;
                None
            }
            Message::NieuwSoort(s) => {
                self.nieuw_soort = s;
                None
            }
            Message::NieuwConvenant(c) => {
                self.nieuw_convenant = c;
                None
            }
            Message::NieuwToevoegen => {
                let naam = self.nieuw_naam.trim();
                if naam.is_empty() {
                    self.nieuw_fout = Some("Vul de naam van de organisatie in.".into());
                    None
                } else if self.partners.iter().any(|p| p.naam.eq_ignore_ascii_case(naam)) {
                    self.nieuw_fout = Some(format!("Er staat al een partner '{naam}' in de lijst."));
                    None
                } else {
                    self.nieuw_fout = None;
                    Some(Event::Toevoegen(NieuwePartner {
                        naam: naam.to_string(),
                        soort: self.nieuw_soort,
                        convenantstatus: self.nieuw_convenant,
                    }))
                }
            }
            Message::Soort(s) => wijzig(PartnerWijziging { soort: Some(s), ..Default::default() }),
            Message::Convenant(c) => wijzig(PartnerWijziging { convenantstatus: Some(c), ..Default::default() }),
            Message::Notities(t) => {
                self.notities = t;
                None
            }
            Message::NotitiesOpslaan => {
                wijzig(PartnerWijziging { notities: Some(self.notities.clone()), ..Default::default() })
            }
            Message::Archiveer(a) => wijzig(PartnerWijziging { gearchiveerd: Some(a), ..Default::default() }),
            Message::ContactNaam(t) => {
                self.contact.naam = t;
                None
            }
            Message::ContactFunctie(t) => {
                self.contact.functie = t;
                None
            }
            Message::ContactTelefoon(t) => {
                self.contact.telefoon = t;
                None
            }
            Message::ContactEmail(t) => {
                self.contact.email = t;
                None
            }
            Message::ContactThemas(t) => {
                self.contact.themas = t;
                None
            }
            Message::ContactToevoegen => {
                self.contact_fout = controleer(&self.contact);
                match (&self.contact_fout, &self.gekozen) {
                    (None, Some(id)) => Some(Event::Contact(id.clone(), self.contact.clone())),
                    _ => None,
                }
            }
            Message::ContactBewerken(id) => {
                self.archiveer_contact = None;
                self.bewerk_fout = None;
                self.bewerk = self.contacten.iter().find(|c| c.id == id).map(|c| {
                    let f = NieuwContact {
                        naam: c.naam.clone(),
                        functie: c.functie.clone(),
                        telefoon: c.telefoon.clone(),
                        email: c.email.clone(),
                        themas: c.themas.clone(),
                    };
                    (id, f)
                });
                None
            }
            Message::ContactBewerkVeld(veld, t) => {
                if let Some((_, f)) = &mut self.bewerk {
                    *match veld {
                        ContactVeld::Naam => &mut f.naam,
                        ContactVeld::Functie => &mut f.functie,
                        ContactVeld::Telefoon => &mut f.telefoon,
                        ContactVeld::Email => &mut f.email,
                        ContactVeld::Themas => &mut f.themas,
                    } = t;
                }
                None
            }
            Message::ContactOpslaan => match &self.bewerk {
                Some((_, f)) => {
                    self.bewerk_fout = controleer(f);
                    if self.bewerk_fout.is_some() {
                        None
                    } else if let Some(e) = self.openstaand() {
                        Some(e)
                    } else {
                        // Nothing changed: close the form.
                        self.bewerk = None;
                        None
                    }
                }
                None => None,
            },
            Message::Annuleer => {
                self.bewerk = None;
                self.bewerk_fout = None;
                self.archiveer_contact = None;
                None
            }
            Message::ContactArchiveren(id) => {
                self.bewerk = None;
                self.archiveer_contact = Some(id);
                None
            }
            Message::ContactArchiverenBevestigd => {
                let id = self.archiveer_contact.take();
                let c = id.and_then(|id| self.contacten.iter().find(|c| c.id == id));
                c.and_then(|c| {
                    let w = ContactWijziging { gearchiveerd: Some(true), ..Default::default() };
                    Some(Event::ContactWijzig(c.partner_id.clone()?, c.id.clone(), w))
                })
            }
            Message::ContactTerugzetten(id) => self.contacten.iter().find(|c| c.id == id).and_then(|c| {
                let w = ContactWijziging { gearchiveerd: Some(false), ..Default::default() };
                Some(Event::ContactWijzig(c.partner_id.clone()?, c.id.clone(), w))
            }),
            Message::OpenCasus(n) => Some(Event::OpenCasus(n)),
            Message::Contactlijst(a) => Some(Event::Contactlijst(a)),
            Message::SluitFout => {
                self.fout = None;
                self.melding = None;
                None
            }
            Message::SluitImportverslag => {
                self.importverslag = None;
                None
            }
        };
        (Task::none(), event)
    }

    /// The view.
    pub fn view(&self) -> Element<'_, Message> {
        let mut soorten = vec![alle("Alle soorten")];
        soorten.extend(PartnerSoort::ALLE.iter().map(|s| Keuze::new(s.code(), s.label())));
        let mut statussen = vec![alle("Elke convenantstatus")];
        statussen.extend(Convenantstatus::ALLE.iter().map(|s| Keuze::new(s.code(), s.label())));
        let filters = column![
            invoer("Zoek een partner", &self.zoek, Message::Zoek).id("partner-zoek").width(Fill),
            row![
                kies(soorten, Some(self.soort.clone()), Message::FilterSoort).width(Fill),
                kies(statussen, Some(self.convenant.clone()), Message::FilterConvenant).width(Fill),
            ]
            .spacing(6),
            checkbox(self.archief).label("Ook gearchiveerde partners").on_toggle(Message::ToonArchief).size(16),
        ]
        .spacing(6);

        let mut lijst = column![].spacing(4);
        let zichtbaar = self.zichtbaar();
        if zichtbaar.is_empty() {
            lijst = lijst.push(text("Geen partners gevonden.").size(14).style(theme::gedempt));
        }
        for p in zichtbaar {
            let actief = self.gekozen.as_deref() == Some(p.id.as_str());
            let mut regel = row![
                column![
                    text(&p.naam).size(15),
                    text(format!("{}{}", p.soort.label(), if p.gearchiveerd { " · gearchiveerd" } else { "" }))
                        .size(12)
                        .style(theme::gedempt),
                ]
                .width(Fill),
            ]
            .spacing(6)
            .align_y(iced::Center);
            regel = regel.push(convenant_badge(p.convenantstatus));
            lijst = lijst.push(button(regel).on_press(Message::Kies(p.id.clone())).width(Fill).style(if actief {
                Knop::KaartGeselecteerd.stijl()
            } else {
                Knop::Kaart.stijl()
            }));
        }

        let nieuw = veld(
            "Nieuwe partner",
            row![
                invoer("Naam van de organisatie", &self.nieuw_naam, Message::NieuwNaam)
                    .on_submit(Message::NieuwToevoegen)
                    .id("partner-nieuw")
                    .width(Fill),
                kies(PartnerSoort::ALLE, Some(self.nieuw_soort), Message::NieuwSoort).width(170),
                kies(Convenantstatus::ALLE, Some(self.nieuw_convenant), Message::NieuwConvenant).width(190),
                button(text("Partner toevoegen")).on_press(Message::NieuwToevoegen).style(Knop::Primair.stijl()),
            ]
            .spacing(6),
            self.nieuw_fout.as_deref(),
        );

        let links = column![
            container(
                column![filters, scrollable(lijst.padding(iced::Padding::ZERO.right(14))).height(Fill)].spacing(8)
            )
            .padding(12)
            .height(Fill)
            .style(Vlak::Paneel.stijl()),
        ]
        .width(iced::FillPortion(2));
        let rechts = match self.gekozen_partner() {
            Some(p) => self.detail(p),
            None => container(
                text("Kies links een partner om contactpersonen en casussen te zien.").size(14).style(theme::gedempt),
            )
            .padding(12)
            .width(Fill)
            .style(Vlak::Paneel.stijl())
            .into(),
        };
        let mut kolom = column![
            row![
                text("Partners").size(22).width(Fill),
                button(text("Exporteren (CSV)"))
                    .on_press(Message::Contactlijst(Bestandsactie::ExportCsv))
                    .style(Knop::Secundair.stijl()),
                button(text("Exporteren (vCard)"))
                    .on_press(Message::Contactlijst(Bestandsactie::ExportVcard))
                    .style(Knop::Secundair.stijl()),
                button(text("Importeren (CSV)"))
                    .on_press(Message::Contactlijst(Bestandsactie::ImportCsv))
                    .style(Knop::Secundair.stijl()),
            ]
            .spacing(6)
            .align_y(iced::Center)
        ]
        .spacing(12);
        if let Some(f) = &self.fout {
            kolom = kolom.push(banner(Vlak::Fout, f, Some(Message::SluitFout)));
        } else if let Some(m) = &self.melding {
            kolom = kolom.push(banner(Vlak::Info, m, Some(Message::SluitFout)));
        }
        if let Some(v) = &self.importverslag {
            let mut c = column![
                row![
                    text(format!(
                        "Contactlijst ingelezen: {} nieuwe partner(s), {} nieuwe contactpersoon/-personen, {} al aanwezig, {} regel(s) afgewezen.",
                        v.partners,
                        v.contacten,
                        v.bestaand,
                        v.afgewezen.len()
                    ))
                    .size(14)
                    .width(Fill),
                    button(text("Sluiten").size(13)).on_press(Message::SluitImportverslag).style(Knop::Link.stijl()),
                ]
                .align_y(iced::Center)
            ]
            .spacing(2);
            for a in &v.afgewezen {
                c = c.push(text(format!("Regel {}: {}", a.regel, a.reden)).size(13).style(theme::rood));
            }
            let soort = if v.afgewezen.is_empty() { Vlak::Info } else { Vlak::Waarschuwing };
            kolom = kolom.push(
                container(scrollable(c).height(iced::Shrink))
                    .max_height(160)
                    .padding([8, 12])
                    .width(Fill)
                    .style(soort.stijl()),
            );
        }
        kolom
            .push(container(nieuw).padding(12).width(Fill).style(Vlak::Paneel.stijl()))
            .push(row![links, container(scrollable(rechts)).width(iced::FillPortion(3))].spacing(12).height(Fill))
            .padding(16)
            .into()
    }

    fn detail<'a>(&'a self, p: &'a Partner) -> Element<'a, Message> {
        let mut kop = row![text(&p.naam).size(19).width(Fill), convenant_badge(p.convenantstatus)]
            .spacing(8)
            .align_y(iced::Center);
        kop = kop.push(if p.gearchiveerd {
            button(text("Terugzetten")).on_press(Message::Archiveer(false)).style(Knop::Secundair.stijl())
        } else {
            button(text("Archiveren")).on_press(Message::Archiveer(true)).style(Knop::Gevaar.stijl())
        });
        let mut c = column![
            kop,
            row![
                veld("Soort", kies(PartnerSoort::ALLE, Some(p.soort), Message::Soort).width(200), None),
                veld(
                    "Convenant",
                    kies(Convenantstatus::ALLE, Some(p.convenantstatus), Message::Convenant).width(220),
                    None
                ),
            ]
            .spacing(12),
        ]
        .spacing(10);
        if !p.convenantstatus.mag_persoonsgegevens_ontvangen() {
            c = c.push(banner(
                Vlak::Waarschuwing,
                "Geen convenant: deze partner mag geen persoonsgegevens van casussen ontvangen. Acties voor deze partner \
                 krijgen een privacywaarschuwing.",
                None::<Message>,
            ));
        }
        c = c.push(veld(
            "Notities",
            row![
                invoer("Afspraken, bereikbaarheid, …", &self.notities, Message::Notities)
                    .on_submit(Message::NotitiesOpslaan)
                    .width(Fill),
                button(text("Opslaan")).on_press(Message::NotitiesOpslaan).style(Knop::Secundair.stijl()),
            ]
            .spacing(6),
            None,
        ));

        let mut contacten = column![text("Contactpersonen").size(16)].spacing(4);
        if self.contacten.is_empty() {
            contacten = contacten.push(text("Nog geen contactpersonen.").size(13).style(theme::gedempt));
        }
        for k in self.contacten.iter().filter(|k| !k.gearchiveerd) {
            contacten = contacten.push(self.contactregel(k));
        }
        let archief: Vec<_> = self.contacten.iter().filter(|k| k.gearchiveerd).collect();
        if !archief.is_empty() {
            contacten = contacten.push(text("Gearchiveerde contactpersonen").size(13).style(theme::gedempt));
            for k in archief {
                contacten = contacten.push(self.contactregel(k));
            }
        }
        let f = &self.contact;
        contacten = contacten.push(veld(
            "Contactpersoon toevoegen",
            column![
                row![
                    invoer("Naam", &f.naam, Message::ContactNaam)
                        .on_submit(Message::ContactToevoegen)
                        .id("contact-naam")
                        .width(Fill),
                    invoer("Functie", &f.functie, Message::ContactFunctie)
                        .on_submit(Message::ContactToevoegen)
                        .width(Fill),
                ]
                .spacing(6),
                row![
                    invoer("Telefoon", &f.telefoon, Message::ContactTelefoon)
                        .on_submit(Message::ContactToevoegen)
                        .id("contact-telefoon")
                        .width(Fill),
                    invoer("E-mail", &f.email, Message::ContactEmail)
                        .on_submit(Message::ContactToevoegen)
                        .id("contact-email")
                        .width(Fill),
                    invoer("Thema's", &f.themas, Message::ContactThemas)
                        .on_submit(Message::ContactToevoegen)
                        .width(Fill),
                    button(text("Contact toevoegen")).on_press(Message::ContactToevoegen).style(Knop::Primair.stijl()),
                ]
                .spacing(6),
            ]
            .spacing(6),
            self.contact_fout.as_deref(),
        ));
        c = c.push(contacten);

        let mut casussen = column![text(format!("Casussen ({})", self.casussen.len())).size(16)].spacing(4);
        if self.casussen.is_empty() {
            casussen = casussen.push(text("Niet betrokken bij een casus.").size(13).style(theme::gedempt));
        }
        for k in &self.casussen {
            let rol = match (k.aanmelder, k.acties) {
                (true, 0) => "aanmelder".to_string(),
                (true, n) => format!("aanmelder, {n} actie(s)"),
                (false, n) => format!("{n} actie(s)"),
            };
            casussen = casussen.push(
                button(
                    row![
                        text(format!("{} — {}", k.casusnummer, k.werknaam)).size(14).width(Fill),
                        text(format!("{} · {rol}", k.fase)).size(12).style(theme::gedempt)
                    ]
                    .spacing(8),
                )
                .on_press(Message::OpenCasus(k.casusnummer.clone()))
                .width(Fill)
                .style(Knop::Link.stijl()),
            );
        }
        c = c.push(casussen).push(space().height(8));
        container(c).padding(12).width(Fill).style(Vlak::Paneel.stijl()).into()
    }
}

impl State {
    /// One contact person: its details with Wijzigen and Archiveren, the inline form, or
    /// the archive confirmation.
    fn contactregel<'a>(&'a self, k: &'a Contactpersoon) -> Element<'a, Message> {
        if let Some((id, f)) = &self.bewerk
            && id == &k.id
        {
            let veld_ = |plaats: &'a str, waarde: &'a str, v: ContactVeld| {
                invoer(plaats, waarde, move |t| Message::ContactBewerkVeld(v, t))
                    .on_submit(Message::ContactOpslaan)
                    .width(Fill)
            };
            return veld(
                "Contactpersoon wijzigen",
                column![
                    row![
                        veld_("Naam", &f.naam, ContactVeld::Naam).id("contact-bewerk-naam"),
                        veld_("Functie", &f.functie, ContactVeld::Functie),
                    ]
                    .spacing(6),
                    row![
                        veld_("Telefoon", &f.telefoon, ContactVeld::Telefoon).id("contact-bewerk-telefoon"),
                        veld_("E-mail", &f.email, ContactVeld::Email),
                        veld_("Thema's", &f.themas, ContactVeld::Themas),
                    ]
                    .spacing(6),
                    row![
                        button(text("Opslaan (Ctrl+S)")).on_press(Message::ContactOpslaan).style(Knop::Primair.stijl()),
                        button(text("Annuleren (Esc)")).on_press(Message::Annuleer).style(Knop::Secundair.stijl()),
                    ]
                    .spacing(6),
                ]
                .spacing(6),
                self.bewerk_fout.as_deref(),
            );
        }
        let mut delen = vec![k.functie.clone(), k.telefoon.clone(), k.email.clone()];
        if !k.themas.is_empty() {
            delen.push(format!("thema's: {}", k.themas));
        }
        delen.retain(|d| !d.is_empty());
        let gegevens =
            column![text(&k.naam).size(14), text(delen.join(" · ")).size(12).style(theme::gedempt)].width(Fill);
        if self.archiveer_contact.as_deref() == Some(k.id.as_str()) {
            return container(
                column![
                    text(format!(
                        "{} archiveren? De contactpersoon wordt niet meer aangeboden bij nieuwe acties; overleggen en \
                         casussen die ernaar verwijzen houden de naam.",
                        k.naam
                    ))
                    .size(13),
                    row![
                        button(text("Ja, archiveren"))
                            .on_press(Message::ContactArchiverenBevestigd)
                            .style(Knop::Gevaar.stijl()),
                        button(text("Annuleren")).on_press(Message::Annuleer).style(Knop::Secundair.stijl()),
                    ]
                    .spacing(6),
                ]
                .spacing(6),
            )
            .padding([6, 8])
            .width(Fill)
            .style(Vlak::Waarschuwing.stijl())
            .into();
        }
        let knoppen = if k.gearchiveerd {
            row![
                button(text("Terugzetten").size(13))
                    .on_press(Message::ContactTerugzetten(k.id.clone()))
                    .style(Knop::Link.stijl())
            ]
        } else {
            row![
                button(text("Wijzigen").size(13))
                    .on_press(Message::ContactBewerken(k.id.clone()))
                    .style(Knop::Link.stijl()),
                button(text("Archiveren").size(13))
                    .on_press(Message::ContactArchiveren(k.id.clone()))
                    .style(Knop::Link.stijl()),
            ]
        };
        row![gegevens, knoppen.spacing(4)].spacing(6).align_y(iced::Center).into()
    }
}

/// The checks of the contact form, the same on creation and on edit.
fn controleer(c: &NieuwContact) -> Option<String> {
    if c.naam.trim().is_empty() {
        Some("Vul de naam van de contactpersoon in.".into())
    } else if let Err(e) = telefoonnummer(&c.telefoon) {
        Some(crate::melding::domein(&e))
    } else if let Err(e) = emailadres(&c.email) {
        Some(crate::melding::domein(&e))
    } else {
        None
    }
}

/// The fields of the form that differ from the stored contact.
fn wijziging(oud: &Contactpersoon, f: &NieuwContact) -> ContactWijziging {
    let anders = |oud: &str, nieuw: &str| (oud != nieuw.trim()).then(|| nieuw.to_string());
    ContactWijziging {
        naam: anders(&oud.naam, &f.naam),
        functie: anders(&oud.functie, &f.functie),
        telefoon: anders(&oud.telefoon, &f.telefoon),
        email: anders(&oud.email, &f.email),
        themas: anders(&oud.themas, &f.themas),
        gearchiveerd: None,
    }
}

fn convenant_badge<'a>(c: Convenantstatus) -> Element<'a, Message> {
    container(text(c.label()).size(12).color(iced::Color::WHITE))
        .padding([2, 8])
        .style(Vlak::Badge(theme::convenant_kleur(c)).stijl())
        .into()
}

//! Synchronisatie: the team roster with fingerprints, writing and reading bundle files,
//! what was received from whom, and the open conflicts with a choice per field.

use crate::domain::Convenantstatus;
use crate::ui::theme::{self, Knop, Vlak};
use crate::ui::widgets::{Keuze, banner, dialoog, kies, veld};
use iced::widget::{button, column, container, row, scrollable, space, text};
use iced::{Element, Fill, Task};

/// One colleague as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollegaRij {
    /// Device id.
    pub apparaat: String,
    /// Name.
    pub naam: String,
    /// Role and organisation.
    pub rol: String,
    /// Trusted, waiting for confirmation, or removed.
    pub status: CollegaStatus,
    /// Fingerprint.
    pub vingerafdruk: String,
    /// Organisation named on the card (empty: the ZVH itself).
    pub organisatie: String,
}

/// A partner a colleague of another organisation can be linked to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerOptie {
    /// Partner id.
    pub id: String,
    /// Name.
    pub naam: String,
    /// Covenant status.
    pub convenant: Convenantstatus,
}

impl PartnerOptie {
    /// The option for a partner organisation.
    pub fn van(p: crate::store::Partner) -> PartnerOptie {
        PartnerOptie { id: p.id, naam: p.naam, convenant: p.convenantstatus }
    }
}

/// The Dutch report of a bundle that was read.
pub fn importverslag(i: &crate::sync::Import) -> String {
    let t = &i.toegepast;
    let mut m = format!(
        "Bundel van {} ingelezen: {} nieuwe wijzigingen, {} records bijgewerkt.",
        i.afzender.naam, t.nieuw, t.rijen
    );
    if t.conflicten > 0 {
        m.push_str(&format!(" Er zijn {} open conflicten; kies hieronder de juiste waarde.", t.conflicten));
    }
    for n in &t.hernummerd {
        m.push_str(&format!(" Casusnummer bestond al bij een collega; die casus heet nu {n}."));
    }
    m
}

/// Roster state of a colleague.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CollegaStatus {
    /// Card read, fingerprint not compared yet.
    NietBevestigd,
    /// Trusted.
    Vertrouwd,
    /// Removed.
    Verwijderd,
}

/// Received operations of one device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OntvangstRij {
    /// Colleague name or short device id.
    pub naam: String,
    /// Everything up to here received.
    pub tot: i64,
    /// Missing ranges, as text (empty: none).
    pub gaten: String,
}

/// One open conflict as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictRij {
    /// Casusnummer (or empty for rows outside a case).
    pub casus: String,
    /// What is in conflict, in Dutch ("Werknaam van de casus").
    pub omschrijving: String,
    /// The competing values: text, author, time; the first is in use.
    pub waarden: Vec<(String, String, String)>,
}

/// State of the screen.
#[derive(Debug, Clone, Default)]
pub struct State {
    apparaat: String,
    vingerafdruk: String,
    team: Vec<CollegaRij>,
    ontvangen: Vec<OntvangstRij>,
    conflicten: Vec<ConflictRij>,
    /// Suggested file name in the save dialog for this device's card.
    kaartje_uit: String,
    /// Suggested file name in the save dialog for a new bundle.
    bundel_uit: String,
    /// Suggested folder of the dialogs.
    map: std::path::PathBuf,
    melding: Option<(Vlak, String)>,
    vraag: Option<Vraag>,
    /// The partners to link colleagues to.
    partners: Vec<PartnerOptie>,
    /// Per device id, the partner id the colleague is linked to.
    koppelingen: std::collections::BTreeMap<String, String>,
}

/// A question in a dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Vraag {
    Bevestig(usize),
    Verwijder(usize),
}

/// Which file a dialog asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bestand {
    /// Where to save this device's card.
    KaartjeUit,
    /// A colleague's card to read.
    KaartjeIn,
    /// Where to save a new bundle.
    BundelUit,
    /// A received bundle to read.
    BundelIn,
}

/// What the user does.
#[derive(Debug, Clone)]
pub enum Message {
    /// Save this device's card (opens the save dialog).
    KaartjeSchrijven,
    /// Read a colleague's card (opens the file dialog).
    KaartjeLezen,
    /// Ask to confirm a colleague's fingerprint.
    Bevestig(usize),
    /// Ask to remove a colleague.
    Verwijder(usize),
    /// The dialog's main button.
    Ja,
    /// Close the dialog.
    Annuleer,
    /// Write a bundle for the team (opens the save dialog).
    Exporteer,
    /// Read a received bundle (opens the file dialog).
    Importeer,
    /// A file dialog closed (`None`: cancelled, nothing happens).
    Gekozen(Bestand, Option<std::path::PathBuf>),
    /// Choose value `.1` for conflict `.0`.
    Kies(usize, usize),
    /// Close the message.
    SluitMelding,
    /// Link colleague `.0` (index) to the chosen partner.
    Koppel(usize, Keuze),
}

/// What the screen asks of the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// Write this device's card to a file.
    SchrijfKaartje(String),
    /// Read a colleague's card from a file.
    LeesKaartje(String),
    /// Trust the colleague with this device id.
    Bevestig(String),
    /// Remove the colleague with this device id.
    Verwijder(String),
    /// Write a bundle for every trusted colleague.
    Exporteer(String),
    /// Read a bundle.
    Importeer(String),
    /// Resolve conflict `.0` with value `.1` (indexes into the list shown).
    Kies(usize, usize),
    /// Link the colleague with device id `.0` to partner `.1`.
    Koppel(String, String),
}

impl State {
    /// A screen with the current data; `map` gives default file locations.
    pub fn new(apparaat: String, vingerafdruk: String, map: &std::path::Path) -> State {
        let datum = chrono::Local::now().format("%Y%m%d-%H%M");
        let huis =
            directories::UserDirs::new().map(|u| u.home_dir().to_path_buf()).unwrap_or_else(|| map.to_path_buf());
        State {
            kaartje_uit: "schakel-visitekaartje.json".into(),
            bundel_uit: format!("schakel-bundel-{datum}.schakel"),
            map: huis,
            apparaat,
            vingerafdruk,
            ..State::default()
        }
    }

    /// This device's id and fingerprint (known once the startup read is back).
    pub fn zet_apparaat(&mut self, apparaat: String, vingerafdruk: String) {
        self.apparaat = apparaat;
        self.vingerafdruk = vingerafdruk;
    }

    /// Replace the lists after a change.
    pub fn vervang(&mut self, team: Vec<CollegaRij>, ontvangen: Vec<OntvangstRij>, conflicten: Vec<ConflictRij>) {
        self.team = team;
        self.ontvangen = ontvangen;
        self.conflicten = conflicten;
    }

    /// The partners to link colleagues to, and per device id the linked partner id.
    pub fn zet_partners(
        &mut self,
        partners: Vec<PartnerOptie>,
        koppelingen: std::collections::BTreeMap<String, String>,
    ) {
        self.partners = partners;
        self.koppelingen = koppelingen;
    }

    /// Show a result or error.
    pub fn meld(&mut self, soort: Vlak, tekst: impl Into<String>) {
        self.melding = Some((soort, tekst.into()));
    }

    /// Number of open conflicts.
    pub fn aantal_conflicten(&self) -> usize {
        self.conflicten.len()
    }

    /// Replace the lists from what the store and sync layer hold: the colleagues, the
    /// received ranges, the open conflicts and per conflict its casusnummer and the
    /// author of each value.
    pub fn vervang_uit(
        &mut self,
        team: &[crate::store::Collega],
        ontvangen: Vec<crate::sync::Ontvangststatus>,
        conflicten: &[crate::store::Conflict],
        namen: Vec<(String, Vec<String>)>,
    ) {
        let team = team.iter().map(collega_rij).collect();
        let ontvangen = ontvangen
            .into_iter()
            .map(|s| OntvangstRij {
                naam: s.naam.unwrap_or_else(|| s.apparaat.chars().take(8).collect()),
                tot: s.doorlopend_tot,
                gaten: s.gaten.iter().map(|(v, t)| format!("{v}–{t}")).collect::<Vec<_>>().join(", "),
            })
            .collect();
        let conflicten =
            conflicten.iter().zip(namen).map(|(c, (casus, auteurs))| conflict_rij(c, casus, &auteurs)).collect();
        self.vervang(team, ontvangen, conflicten);
    }

    /// Handle a message.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        let event = match message {
            Message::KaartjeSchrijven => return (self.kies(Bestand::KaartjeUit), None),
            Message::KaartjeLezen => return (self.kies(Bestand::KaartjeIn), None),
            Message::Exporteer => return (self.kies(Bestand::BundelUit), None),
            Message::Importeer => return (self.kies(Bestand::BundelIn), None),
            Message::Gekozen(_, None) => None,
            Message::Gekozen(b, Some(p)) => {
                self.melding = None;
                let p = p.display().to_string();
                Some(match b {
                    Bestand::KaartjeUit => Event::SchrijfKaartje(p),
                    Bestand::KaartjeIn => Event::LeesKaartje(p),
                    Bestand::BundelUit => Event::Exporteer(p),
                    Bestand::BundelIn => Event::Importeer(p),
                })
            }
            Message::Bevestig(i) if i < self.team.len() => {
                self.vraag = Some(Vraag::Bevestig(i));
                None
            }
            Message::Verwijder(i) if i < self.team.len() => {
                self.vraag = Some(Vraag::Verwijder(i));
                None
            }
            Message::Bevestig(_) | Message::Verwijder(_) => None,
            Message::Ja => match self.vraag.take() {
                Some(Vraag::Bevestig(i)) => self.team.get(i).map(|c| Event::Bevestig(c.apparaat.clone())),
                Some(Vraag::Verwijder(i)) => self.team.get(i).map(|c| Event::Verwijder(c.apparaat.clone())),
                None => None,
            },
            Message::Annuleer => {
                self.vraag = None;
                None
            }
            Message::Kies(c, w) => Some(Event::Kies(c, w)),
            Message::SluitMelding => {
                self.melding = None;
                None
            }
            Message::Koppel(i, k) => self.team.get(i).map(|c| Event::Koppel(c.apparaat.clone(), k.id)),
        };
        (Task::none(), event)
    }

    /// The file dialog for `b`, off the event loop; its answer comes back as `Gekozen`.
    fn kies(&self, b: Bestand) -> Task<Message> {
        let d = rfd::AsyncFileDialog::new().set_directory(&self.map);
        let (kaartje, bundel) = (self.kaartje_uit.clone(), self.bundel_uit.clone());
        Task::perform(
            async move {
                let h = match b {
                    Bestand::KaartjeUit => {
                        d.set_title("Visitekaartje opslaan")
                            .set_file_name(kaartje)
                            .add_filter("Visitekaartje", &["json"])
                            .save_file()
                            .await
                    }
                    Bestand::KaartjeIn => {
                        d.set_title("Visitekaartje van een collega inlezen")
                            .add_filter("Visitekaartje", &["json"])
                            .pick_file()
                            .await
                    }
                    Bestand::BundelUit => {
                        d.set_title("Bundel opslaan")
                            .set_file_name(bundel)
                            .add_filter("Schakel-bundel", &["schakel"])
                            .save_file()
                            .await
                    }
                    Bestand::BundelIn => {
                        d.set_title("Bundel inlezen").add_filter("Schakel-bundel", &["schakel"]).pick_file().await
                    }
                };
                h.map(|h| h.path().to_path_buf())
            },
            move |p| Message::Gekozen(b, p),
        )
    }

    /// The view.
    pub fn view(&self) -> Element<'_, Message> {
        let mut inhoud = column![text("Synchronisatie").size(22)].spacing(12);
        if let Some((soort, t)) = &self.melding {
            inhoud = inhoud.push(banner(*soort, t, Some(Message::SluitMelding)));
        }

        // This device and its card.
        inhoud = inhoud.push(paneel(
            column![
                text("Dit apparaat").size(17),
                text(format!("Vingerafdruk: {}", self.vingerafdruk)).size(16),
                text(format!("Apparaat-id: {}", self.apparaat)).size(12).style(theme::gedempt),
                row![
                    button(text("Visitekaartje opslaan…"))
                        .on_press(Message::KaartjeSchrijven)
                        .style(Knop::Secundair.stijl()),
                ],
            ]
            .spacing(6),
        ));

        // The team.
        let mut team = column![text("Team").size(17)].spacing(6);
        if self.team.is_empty() {
            team = team.push(
                text(
                    "Nog geen collega's. Lees het visitekaartje van een collega in en vergelijk samen de vingerafdruk.",
                )
                .size(14)
                .style(theme::gedempt),
            );
        }
        for (i, c) in self.team.iter().enumerate() {
            let (status, kleur) = match c.status {
                CollegaStatus::Vertrouwd => ("Vertrouwd", theme::groen as fn(&iced::Theme) -> text::Style),
                CollegaStatus::NietBevestigd => ("Niet bevestigd", theme::rood as fn(&iced::Theme) -> text::Style),
                CollegaStatus::Verwijderd => ("Verwijderd", theme::gedempt as fn(&iced::Theme) -> text::Style),
            };
            let mut r = row![
                column![
                    text(&c.naam).size(15),
                    text(&c.rol).size(12).style(theme::gedempt),
                    text(format!("Vingerafdruk {}", c.vingerafdruk)).size(12).style(theme::gedempt),
                ]
                .spacing(1)
                .width(Fill),
                text(status).size(13).style(kleur).width(120),
            ]
            .spacing(8)
            .align_y(iced::Center);
            if c.status != CollegaStatus::Vertrouwd {
                r = r.push(
                    button(text(if c.status == CollegaStatus::Verwijderd {
                        "Opnieuw vertrouwen"
                    } else {
                        "Bevestigen"
                    }))
                    .on_press(Message::Bevestig(i))
                    .style(Knop::Primair.stijl()),
                );
            }
            if c.status != CollegaStatus::Verwijderd {
                r = r.push(button(text("Verwijderen")).on_press(Message::Verwijder(i)).style(Knop::Gevaar.stijl()));
            }
            team = team.push(r);
            if !c.organisatie.trim().is_empty() {
                team = team.push(self.koppeling(i, c));
            }
        }
        team = team.push(
            button(text("Visitekaartje van een collega inlezen…"))
                .on_press(Message::KaartjeLezen)
                .style(Knop::Secundair.stijl()),
        );
        inhoud = inhoud.push(paneel(team));

        // Bundles.
        let mut ontvangen = column![].spacing(2);
        for o in &self.ontvangen {
            let gaten = if o.gaten.is_empty() { "volledig".to_string() } else { format!("ontbreekt {}", o.gaten) };
            ontvangen =
                ontvangen.push(text(format!("{}: ontvangen t/m wijziging {} — {gaten}", o.naam, o.tot)).size(13));
        }
        inhoud = inhoud.push(paneel(
            column![
                text("Bundels").size(17),
                veld(
                    "Nieuwe bundel voor het team (alles wat collega's nog niet bevestigd hebben)",
                    row![button(text("Bundel maken…")).on_press(Message::Exporteer).style(Knop::Primair.stijl())],
                    None
                ),
                veld(
                    "Bundel van een collega inlezen",
                    row![button(text("Bundel inlezen…")).on_press(Message::Importeer).style(Knop::Secundair.stijl())],
                    None
                ),
                ontvangen,
            ]
            .spacing(8),
        ));

        // Conflicts.
        let mut conflicten = column![text(format!("Conflicten ({})", self.conflicten.len())).size(17)].spacing(8);
        if self.conflicten.is_empty() {
            conflicten = conflicten.push(text("Geen open conflicten.").size(14).style(theme::gedempt));
        }
        for (i, c) in self.conflicten.iter().enumerate() {
            let kop = if c.casus.is_empty() {
                c.omschrijving.clone()
            } else {
                format!("Casus {} — {}", c.casus, c.omschrijving)
            };
            let mut blok = column![text(kop).size(15)].spacing(4);
            for (j, (waarde, auteur, tijd)) in c.waarden.iter().enumerate() {
                let label = if j == 0 { "in gebruik" } else { "andere waarde" };
                blok = blok.push(
                    row![
                        column![
                            text(format!("“{waarde}”")).size(14),
                            text(format!("{label} · {auteur} · {tijd}")).size(12).style(theme::gedempt),
                        ]
                        .width(Fill),
                        button(text("Deze kiezen")).on_press(Message::Kies(i, j)).style(Knop::Secundair.stijl()),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                );
            }
            conflicten = conflicten.push(container(blok).padding(8).style(Vlak::Kolom.stijl()));
        }
        inhoud = inhoud.push(paneel(conflicten));

        let basis = scrollable(inhoud.padding(16)).height(Fill);
        match &self.vraag {
            None => basis.into(),
            Some(v) => {
                let (titel, uitleg, knop, stijl) = match v {
                    Vraag::Bevestig(i) => {
                        let c = &self.team[*i];
                        (
                            format!("{} vertrouwen?", c.naam),
                            format!(
                                "Vergelijk samen met {} deze cijfers met die op diens scherm:\n\n{}\n\nBevestig alleen als alle cijfers gelijk zijn.",
                                c.naam, c.vingerafdruk
                            ),
                            "Cijfers komen overeen",
                            Knop::Primair,
                        )
                    }
                    Vraag::Verwijder(i) => {
                        let c = &self.team[*i];
                        (
                            format!("{} verwijderen?", c.naam),
                            format!(
                                "Er gaan geen bundels meer naar {0}, en bundels van {0} worden geweigerd. Wat al is ingelezen blijft staan.",
                                c.naam
                            ),
                            "Verwijderen",
                            Knop::Gevaar,
                        )
                    }
                };
                let inhoud = column![
                    text(titel).size(18),
                    text(uitleg).size(14),
                    row![
                        space::horizontal(),
                        button(text("Annuleren")).on_press(Message::Annuleer).style(Knop::Secundair.stijl()),
                        button(text(knop)).on_press(Message::Ja).style(stijl.stijl()),
                    ]
                    .spacing(8),
                ]
                .spacing(12)
                .width(520);
                dialoog(basis, inhoud, Message::Annuleer)
            }
        }
    }
}

impl State {
    /// The pick list linking a colleague of another organisation to a partner, with the
    /// covenant status of the linked partner (whether personal data may go to them).
    fn koppeling<'a>(&'a self, i: usize, c: &'a CollegaRij) -> Element<'a, Message> {
        let keuzes: Vec<Keuze> = self.partners.iter().map(|p| Keuze::new(&p.id, &p.naam)).collect();
        let gekoppeld = self.koppelingen.get(&c.apparaat).and_then(|id| self.partners.iter().find(|p| &p.id == id));
        let status: Element<'a, Message> = match gekoppeld {
            Some(p) => text(format!("Gekoppeld aan {}: {}", p.naam, p.convenant.label().to_lowercase()))
                .size(13)
                .color(theme::convenant_kleur(p.convenant))
                .into(),
            None => text(format!("{} is nog niet gekoppeld aan een partner.", c.organisatie))
                .size(13)
                .style(theme::rood)
                .into(),
        };
        row![
            text("Organisatie").size(12).style(theme::gedempt),
            kies(keuzes, gekoppeld.map(|p| Keuze::new(&p.id, &p.naam)), move |k| Message::Koppel(i, k))
                .placeholder("Koppel aan partner")
                .width(260),
            status,
        ]
        .spacing(8)
        .padding(iced::Padding { left: 16.0, ..Default::default() })
        .align_y(iced::Center)
        .into()
    }
}

/// A colleague as a row: fingerprint, trust state, role and organisation.
fn collega_rij(c: &crate::store::Collega) -> CollegaRij {
    CollegaRij {
        vingerafdruk: crate::sync::vingerafdruk(&c.apparaat, &c.ondertekening, &c.age),
        status: if c.verwijderd_op.is_some() {
            CollegaStatus::Verwijderd
        } else if c.bevestigd_op.is_some() {
            CollegaStatus::Vertrouwd
        } else {
            CollegaStatus::NietBevestigd
        },
        rol: if c.organisatie.is_empty() { c.rol.clone() } else { format!("{} · {}", c.rol, c.organisatie) },
        naam: c.naam.clone(),
        apparaat: c.apparaat.clone(),
        organisatie: c.organisatie.clone(),
    }
}

/// A conflict as a row: the Dutch field label (shared with the CLI) and each value with
/// its author and local time.
fn conflict_rij(c: &crate::store::Conflict, casus: String, auteurs: &[String]) -> ConflictRij {
    let waarden = c
        .waarden
        .iter()
        .zip(auteurs)
        .map(|(w, auteur)| {
            let tekst = match &w.waarde {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Null => "(leeg)".into(),
                ander => ander.to_string(),
            };
            let tijd = w
                .tijdstip()
                .map(|t| t.with_timezone(&chrono::Local).format("%d-%m-%Y %H:%M").to_string())
                .unwrap_or_default();
            (tekst, auteur.clone(), tijd)
        })
        .collect();
    ConflictRij { casus, omschrijving: crate::domain::velden::veld_omschrijving(&c.tabel, &c.veld), waarden }
}

fn paneel<'a>(inhoud: impl Into<Element<'a, Message>>) -> Element<'a, Message> {
    container(inhoud).padding(12).width(Fill).style(Vlak::Paneel.stijl()).into()
}

//! Kengetallen: figures for a chosen period as tables and simple bar charts (drawn with
//! iced's canvas), exportable as CSV. The counting lives in `store::kengetallen`.

use crate::store::kengetallen::getal_nl;
use crate::store::{Kengetallen, Telling};
use crate::ui::theme::{self, Knop, Vlak};
use crate::ui::widgets::{banner, datum, invoer, veld};
use chrono::{Datelike, NaiveDate};
use iced::widget::{button, canvas, column, container, row, scrollable, text};
use iced::{Color, Element, Fill, Point, Rectangle, Renderer, Size, Task, Theme, mouse};

const BLAUW: Color = Color::from_rgb8(0x1f, 0x5f, 0x99);
const GROEN: Color = Color::from_rgb8(0x2e, 0x7d, 0x32);
const PAARS: Color = Color::from_rgb8(0x6a, 0x4c, 0x93);

/// A preset period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Periode {
    /// The twelve months up to today.
    Laatste12Maanden,
    /// This calendar year.
    DitJaar,
    /// Last calendar year.
    VorigJaar,
}

impl Periode {
    /// First and last day, relative to `vandaag`.
    pub fn grenzen(self, vandaag: NaiveDate) -> (NaiveDate, NaiveDate) {
        let jaar = |j: i32| {
            (NaiveDate::from_ymd_opt(j, 1, 1).unwrap_or(vandaag), NaiveDate::from_ymd_opt(j, 12, 31).unwrap_or(vandaag))
        };
        match self {
            Periode::Laatste12Maanden => {
                (vandaag.checked_sub_months(chrono::Months::new(12)).unwrap_or(vandaag) + chrono::Days::new(1), vandaag)
            }
            Periode::DitJaar => jaar(vandaag.year()),
            Periode::VorigJaar => jaar(vandaag.year() - 1),
        }
    }
}

/// State of the figures screen.
#[derive(Debug, Clone)]
pub struct State {
    van: String,
    tot: String,
    fout: Option<String>,
    melding: Option<String>,
    cijfers: Option<Kengetallen>,
}

/// What the user does.
#[derive(Debug, Clone)]
pub enum Message {
    /// First day as typed.
    Van(String),
    /// Last day as typed.
    Tot(String),
    /// Use a preset period.
    Periode(Periode),
    /// Count for the typed period.
    Berekenen,
    /// Export the figures as CSV (save dialog).
    Exporteren,
    /// Close the message.
    SluitMelding,
}

/// What the screen asks of the app.
#[derive(Debug, Clone)]
pub enum Event {
    /// Count for `van..=tot`.
    Bereken(NaiveDate, NaiveDate),
    /// Export the figures shown.
    Exporteer(Box<Kengetallen>),
}

impl State {
    /// The screen, set to the twelve months up to `vandaag`.
    pub fn new(vandaag: NaiveDate) -> State {
        let (van, tot) = Periode::Laatste12Maanden.grenzen(vandaag);
        State {
            van: van.format("%d-%m-%Y").to_string(),
            tot: tot.format("%d-%m-%Y").to_string(),
            fout: None,
            melding: None,
            cijfers: None,
        }
    }

    /// The period as typed, checked.
    pub fn periode(&self) -> Result<(NaiveDate, NaiveDate), String> {
        let van = datum(&self.van)?.ok_or("Vul de eerste dag van de periode in (dd-mm-jjjj).")?;
        let tot = datum(&self.tot)?.ok_or("Vul de laatste dag van de periode in (dd-mm-jjjj).")?;
        if tot < van {
            return Err("De periode eindigt vóór ze begint.".into());
        }
        Ok((van, tot))
    }

    /// New figures.
    pub fn zet(&mut self, k: Kengetallen) {
        self.fout = None;
        self.cijfers = Some(k);
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

    fn bereken(&mut self) -> Option<Event> {
        match self.periode() {
            Ok((van, tot)) => {
                self.fout = None;
                Some(Event::Bereken(van, tot))
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
            Message::Van(t) => {
                self.van = t;
                None
            }
            Message::Tot(t) => {
                self.tot = t;
                None
            }
            Message::Periode(p) => {
                let (van, tot) = p.grenzen(chrono::Local::now().date_naive());
                self.van = van.format("%d-%m-%Y").to_string();
                self.tot = tot.format("%d-%m-%Y").to_string();
                self.bereken()
            }
            Message::Berekenen => self.bereken(),
            Message::Exporteren => match &self.cijfers {
                Some(k) => Some(Event::Exporteer(Box::new(k.clone()))),
                None => {
                    self.fout = Some("Bereken eerst de kengetallen.".into());
                    None
                }
            },
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
        let periode = row![
            veld("Van", invoer("dd-mm-jjjj", &self.van, Message::Van).id("kengetal-van").width(130), None),
            veld(
                "Tot en met",
                invoer("dd-mm-jjjj", &self.tot, Message::Tot)
                    .on_submit(Message::Berekenen)
                    .id("kengetal-tot")
                    .width(130),
                None
            ),
            column![
                text(" ").size(13),
                row![
                    button(text("Berekenen")).on_press(Message::Berekenen).style(Knop::Primair.stijl()),
                    button(text("Laatste 12 maanden"))
                        .on_press(Message::Periode(Periode::Laatste12Maanden))
                        .style(Knop::Secundair.stijl()),
                    button(text("Dit jaar"))
                        .on_press(Message::Periode(Periode::DitJaar))
                        .style(Knop::Secundair.stijl()),
                    button(text("Vorig jaar"))
                        .on_press(Message::Periode(Periode::VorigJaar))
                        .style(Knop::Secundair.stijl()),
                    button(text("Exporteren (CSV)")).on_press(Message::Exporteren).style(Knop::Secundair.stijl()),
                ]
                .spacing(6)
            ]
            .spacing(3),
        ]
        .spacing(10)
        // In a narrow window the buttons go under the dates instead of past the edge.
        .wrap()
        .vertical_spacing(6);
        let mut kolom = column![text("Kengetallen").size(22), periode].spacing(12);
        if let Some(f) = &self.fout {
            kolom = kolom.push(banner(Vlak::Fout, f, Some(Message::SluitMelding)));
        } else if let Some(m) = &self.melding {
            kolom = kolom.push(banner(Vlak::Info, m, Some(Message::SluitMelding)));
        }
        let Some(k) = &self.cijfers else {
            return kolom.padding(16).into();
        };
        let dagen = |x: Option<f64>| match x {
            Some(m) => format!("{} dagen", getal_nl(m)),
            None => "geen gegevens".into(),
        };
        let samenvatting = row![
            tegel("Nieuwe aanmeldingen", k.aanmeldingen.to_string(), "in de periode".into()),
            tegel("In procesregie, lopend", k.procesregie_lopend.to_string(), "aan het eind van de periode".into()),
            tegel("In procesregie, afgesloten", k.procesregie_afgesloten.to_string(), "in de periode".into()),
            tegel("Ondersteunen, lopend", k.ondersteunen_lopend.to_string(), "regie bij de lokale partij".into()),
            tegel(
                "Mediaan aanmelding → besluit",
                dagen(k.mediaan_aanmelding_besluit),
                format!("over {} besluiten", k.aantal_besluiten)
            ),
            tegel(
                "Mediaan start → afsluiting",
                dagen(k.mediaan_start_afsluiting),
                format!("over {} afsluitingen", k.aantal_afsluitingen)
            ),
        ]
        .spacing(8);
        let ave: Vec<Telling> = (0..4)
            .flat_map(|i| {
                let (s, e) = k.ave[i];
                [
                    Telling { label: format!("AVE {} bij start", i + 1), aantal: s },
                    Telling { label: format!("AVE {} bij afsluiting", i + 1), aantal: e },
                ]
            })
            .collect();
        let tevreden: Vec<Telling> = k
            .tevredenheid
            .iter()
            .enumerate()
            .map(|(i, n)| Telling { label: format!("Score {}", i + 1), aantal: *n })
            .collect();
        let gemiddeld = k.tevredenheid_gemiddeld.map(|g| format!("gemiddeld {}", getal_nl(g))).unwrap_or_default();
        let raster = column![
            row![
                blok("Nieuwe aanmeldingen per thema", k.per_thema.clone(), BLAUW, ""),
                blok("Nieuwe aanmeldingen per aanmelder", k.per_aanmelder.clone(), BLAUW, ""),
            ]
            .spacing(10),
            row![
                blok("Uitkomst van de weging", k.weging.clone(), GROEN, ""),
                blok("AVE-fase bij start en afsluiting (afgesloten procesregie)", ave, PAARS, ""),
            ]
            .spacing(10),
            row![
                blok("Tevredenheid bij afsluiting", tevreden, GROEN, &gemiddeld),
                blok("Nieuwe aanmeldingen per gemeente", k.per_gemeente.clone(), BLAUW, ""),
            ]
            .spacing(10),
            row![
                blok(
                    "Adviesvragen per thema",
                    k.advies_per_thema.clone(),
                    PAARS,
                    &format!("{} adviesvragen, {} minuten", k.adviesvragen, k.advies_minuten)
                ),
                blok("Adviesvragen per gemeente", k.advies_per_gemeente.clone(), PAARS, ""),
            ]
            .spacing(10),
            row![
                blok("Adviesvragen per vraagsteller", k.advies_per_vraagsteller.clone(), PAARS, ""),
                blok(
                    "Opschalingen",
                    k.opschalingen_per_niveau.clone(),
                    GROEN,
                    &format!("{} in de periode", k.opschalingen)
                ),
            ]
            .spacing(10),
            row![
                blok("Koppelingen tussen casussen per soort", k.koppelingen.clone(), PAARS, ""),
                container(text("")).width(Fill),
            ]
            .spacing(10),
            meldingen(&k.meldingen),
        ]
        .spacing(10);
        kolom
            .push(samenvatting)
            .push(scrollable(raster.padding(iced::Padding::ZERO.right(14))).height(Fill))
            .padding(16)
            .into()
    }
}

/// Detentiemeldingen and nazorg: counts per gemeente and route, time to triage, and the
/// share of released persons with ID, onderdak and inkomen arranged.
fn meldingen(m: &crate::store::MeldingKengetallen) -> Element<'_, Message> {
    let dagen =
        m.mediaan_melding_triage.map(|x| format!("{} dagen", getal_nl(x))).unwrap_or_else(|| "geen gegevens".into());
    let aandeel = |n: u32| {
        if m.uitgestroomd == 0 {
            "geen uitstroom".to_string()
        } else {
            format!("{n} van {} ({}%)", m.uitgestroomd, getal_nl(f64::from(n) * 100.0 / f64::from(m.uitgestroomd)))
        }
    };
    column![
        text("Detentiemeldingen en nazorg").size(17),
        row![
            tegel("Detentiemeldingen", m.meldingen.to_string(), "ontvangen in de periode".into()),
            tegel("Mediaan melding → triage", dagen, format!("over {} triages", m.aantal_triages)),
            tegel("Uitgestroomd", m.uitgestroomd.to_string(), "werkelijke uitstroom in de periode".into()),
        ]
        .spacing(8),
        row![
            tegel("Identiteitsbewijs geregeld", aandeel(m.met_identiteitsbewijs), "bij uitstroom".into()),
            tegel("Onderdak geregeld", aandeel(m.met_onderdak), "bij uitstroom".into()),
            tegel("Inkomen geregeld", aandeel(m.met_inkomen), "bij uitstroom".into()),
        ]
        .spacing(8),
        row![
            blok("Detentiemeldingen per gemeente", m.per_gemeente.clone(), BLAUW, ""),
            blok("Triage per route", m.per_route.clone(), GROEN, ""),
        ]
        .spacing(10),
    ]
    .spacing(10)
    .into()
}

fn tegel<'a>(label: &'a str, waarde: String, voet: String) -> Element<'a, Message> {
    container(
        column![
            text(label).size(12).style(theme::gedempt),
            text(waarde).size(20),
            text(voet).size(11).style(theme::gedempt)
        ]
        .spacing(2),
    )
    .padding(10)
    .width(Fill)
    .style(Vlak::Paneel.stijl())
    .into()
}

/// A table of counts, each row with its bar.
fn blok<'a>(titel: &'a str, rijen: Vec<Telling>, kleur: Color, voet: &str) -> Element<'a, Message> {
    let max = rijen.iter().map(|t| t.aantal).max().unwrap_or(0);
    let mut tabel = column![text(titel).size(15)].spacing(3).width(Fill);
    if rijen.is_empty() {
        tabel = tabel.push(text("Geen gegevens in deze periode.").size(13).style(theme::gedempt));
    }
    // One canvas per row, so a bar always sits beside its own label.
    for t in &rijen {
        tabel = tabel.push(
            row![
                text(t.label.clone()).size(13).width(iced::FillPortion(5)),
                text(t.aantal.to_string()).size(13).width(36).align_x(iced::alignment::Horizontal::Right),
                canvas(Staaf { waarde: t.aantal, max, kleur }).width(iced::FillPortion(4)).height(16),
            ]
            .spacing(8)
            .align_y(iced::Center),
        );
    }
    if !voet.is_empty() {
        tabel = tabel.push(text(voet.to_string()).size(13).style(theme::gedempt));
    }
    container(tabel).padding(12).width(Fill).style(Vlak::Paneel.stijl()).into()
}

/// One horizontal bar: `waarde` out of `max`, drawn on a canvas beside its table row.
#[derive(Debug)]
pub struct Staaf {
    /// The count.
    pub waarde: u32,
    /// The largest count in the table (full width).
    pub max: u32,
    /// Bar colour.
    pub kleur: Color,
}

impl<M> canvas::Program<M> for Staaf {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<canvas::Geometry> {
        let mut frame = canvas::Frame::new(renderer, bounds.size());
        let deel = self.waarde as f32 / self.max.max(1) as f32;
        let breedte = (bounds.width * deel).max(if self.waarde > 0 { 2.0 } else { 0.0 });
        frame.fill_rectangle(Point::new(0.0, 2.0), Size::new(breedte, (bounds.height - 4.0).max(2.0)), self.kleur);
        vec![frame.into_geometry()]
    }
}

//! Small building blocks shared by the screens.

use super::theme::{Knop, Vlak};
use chrono::Datelike;
use iced::widget::{button, center, column, container, mouse_area, opaque, row, stack, text, text_input};
use iced::{Color, Element, Fill};

/// An option in a pick list: an id with a Dutch label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keuze {
    /// Record id or code.
    pub id: String,
    /// What the user reads.
    pub label: String,
}

impl Keuze {
    /// A choice.
    pub fn new(id: impl Into<String>, label: impl Into<String>) -> Keuze {
        Keuze { id: id.into(), label: label.into() }
    }
}

impl std::fmt::Display for Keuze {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// A partner as a choice, with its covenant status when it has no covenant.
pub fn partner_keuze(p: &crate::store::Partner) -> Keuze {
    use crate::domain::Convenantstatus;
    let label = match p.convenantstatus {
        Convenantstatus::Geen => format!("{} (geen convenant)", p.naam),
        Convenantstatus::Intentieverklaring => format!("{} (intentieverklaring)", p.naam),
        Convenantstatus::Convenant => p.naam.clone(),
    };
    Keuze::new(&p.id, label)
}

/// A labelled form field with an optional inline error under it.
pub fn veld<'a, M: 'a>(label: &'a str, invoer: impl Into<Element<'a, M>>, fout: Option<&'a str>) -> Element<'a, M> {
    let mut c = column![text(label).size(13).style(super::theme::gedempt), invoer.into()].spacing(3);
    if let Some(f) = fout {
        c = c.push(text(f).size(12).style(super::theme::rood));
    }
    c.into()
}

/// A text input with the house padding.
pub fn invoer<'a, M: Clone + 'a>(
    placeholder: &str,
    waarde: &str,
    bij: impl Fn(String) -> M + 'a,
) -> text_input::TextInput<'a, M> {
    text_input(placeholder, waarde).on_input(bij).padding(6).size(14)
}

/// A banner: error, warning or information, with a close button when `sluit` is given.
pub fn banner<'a, M: Clone + 'a>(soort: Vlak, tekst_: &'a str, sluit: Option<M>) -> Element<'a, M> {
    let mut r = row![text(tekst_).size(14).width(Fill)].spacing(8).align_y(iced::Center);
    if let Some(m) = sluit {
        r = r.push(button(text("Sluiten").size(13)).on_press(m).style(Knop::Link.stijl()));
    }
    container(r).padding([8, 12]).width(Fill).style(soort.stijl()).into()
}

/// The head of a list pane: a title, a primary "Nieuw…" button, and a muted line when the
/// list is empty. The caller pushes the rows.
pub fn lijstkop<'a, M: Clone + 'a>(
    titel: &'a str,
    knop: &'a str,
    bij_knop: M,
    leeg: Option<&'a str>,
) -> iced::widget::Column<'a, M> {
    let mut c = column![
        row![
            text(titel).size(20),
            iced::widget::space::horizontal(),
            button(text(knop).size(14)).on_press(bij_knop).style(Knop::Primair.stijl())
        ]
        .align_y(iced::Center)
    ]
    .spacing(8);
    if let Some(leeg) = leeg {
        c = c.push(text(leeg).size(13).style(super::theme::gedempt));
    }
    c
}

/// Banners floating over the bottom of `basis`: showing or closing one never moves the
/// page under the cursor. Only the banners themselves take clicks.
pub fn met_meldingen<'a, M: 'a>(basis: impl Into<Element<'a, M>>, meldingen: Vec<Element<'a, M>>) -> Element<'a, M> {
    if meldingen.is_empty() {
        return basis.into();
    }
    stack![
        basis.into(),
        container(opaque(column(meldingen).spacing(6).max_width(900))).align_bottom(Fill).center_x(Fill).padding(16),
    ]
    .into()
}

/// A modal dialog over `basis`; clicking outside sends `bij_wegklikken`.
pub fn dialoog<'a, M: Clone + 'a>(
    basis: impl Into<Element<'a, M>>,
    inhoud: impl Into<Element<'a, M>>,
    bij_wegklikken: M,
) -> Element<'a, M> {
    stack![
        basis.into(),
        opaque(
            mouse_area(
                center(opaque(container(inhoud).padding(20).max_width(560).style(Vlak::Dialoog.stijl()))).style(|_t| {
                    container::Style {
                        background: Some(Color { a: 0.45, ..Color::BLACK }.into()),
                        ..Default::default()
                    }
                })
            )
            .on_press(bij_wegklikken)
        )
    ]
    .into()
}

/// A Dutch date as typed (`dd-mm-jjjj` or `jjjj-mm-dd`); empty is `Ok(None)`.
pub fn datum(tekst_: &str) -> Result<Option<chrono::NaiveDate>, String> {
    if tekst_.trim().is_empty() {
        return Ok(None);
    }
    crate::domain::parse_datum(tekst_).map(Some).map_err(|e| crate::melding::domein(&e))
}

pub use crate::domain::nl_datum;

/// A pick list in the house size (same text size as the inputs), clipped by [`Geknipt`]
/// so that it never draws outside the scrollable it sits in.
pub fn kies<'a, T, L, V, M>(opties: L, gekozen: Option<V>, bij: impl Fn(T) -> M + 'a) -> Kies<'a, T, L, V, M>
where
    T: ToString + PartialEq + Clone + 'a,
    L: std::borrow::Borrow<[T]> + 'a,
    V: std::borrow::Borrow<T> + 'a,
    M: Clone + 'a,
{
    Kies { lijst: iced::widget::pick_list(opties, gekozen, bij).text_size(14).padding([5, 8]) }
}

/// A house pick list being built; it becomes an [`Element`] wrapped in [`Geknipt`].
pub struct Kies<'a, T, L, V, M>
where
    T: ToString + PartialEq + Clone,
    L: std::borrow::Borrow<[T]> + 'a,
    V: std::borrow::Borrow<T> + 'a,
    M: Clone,
{
    lijst: iced::widget::pick_list::PickList<'a, T, L, V, M>,
}

impl<'a, T, L, V, M> Kies<'a, T, L, V, M>
where
    T: ToString + PartialEq + Clone,
    L: std::borrow::Borrow<[T]> + 'a,
    V: std::borrow::Borrow<T> + 'a,
    M: Clone,
{
    /// The text shown while nothing is chosen.
    pub fn placeholder(self, tekst_: impl Into<String>) -> Self {
        Kies { lijst: self.lijst.placeholder(tekst_) }
    }

    /// The width of the closed list.
    pub fn width(self, breedte: impl Into<iced::Length>) -> Self {
        Kies { lijst: self.lijst.width(breedte) }
    }
}

impl<'a, T, L, V, M> From<Kies<'a, T, L, V, M>> for Element<'a, M>
where
    T: ToString + PartialEq + Clone + 'a,
    L: std::borrow::Borrow<[T]> + 'a,
    V: std::borrow::Borrow<T> + 'a,
    M: Clone + 'a,
{
    fn from(k: Kies<'a, T, L, V, M>) -> Element<'a, M> {
        Element::new(Geknipt { inhoud: k.lijst.into() })
    }
}

/// Draws its content only inside the visible part of the surrounding scrollable.
///
/// The software renderer (tiny-skia 0.14) clips text that a widget draws with
/// `fill_text` (a pick list's value and arrow, a checkbox's tick) against the widget's
/// viewport only when that viewport sticks out of the current layer, which it never does
/// inside a scrollable; so a pick list scrolled half out of view painted its text over
/// whatever lies below the scrollable. Drawing a partly visible widget in a layer bounded
/// by its visible part, while its viewport stays the larger visible area of the
/// scrollable, makes the renderer clip it; a widget entirely out of view is not drawn. Everything else (layout, events, the open menu) goes straight to
/// the content, which shares this widget's tree node.
pub struct Geknipt<'a, M> {
    inhoud: Element<'a, M>,
}

/// Wrap `inhoud` in [`Geknipt`].
pub fn geknipt<'a, M: 'a>(inhoud: impl Into<Element<'a, M>>) -> Element<'a, M> {
    Element::new(Geknipt { inhoud: inhoud.into() })
}

mod geknipt_impl {
    use super::Geknipt;
    use iced::advanced::widget::{Operation, Tree, Widget, tree};
    use iced::advanced::{Clipboard, Layout, Renderer as _, Shell, layout, mouse, overlay, renderer};
    use iced::{Event, Length, Rectangle, Renderer, Size, Theme, Vector};

    impl<M> Widget<M, Theme, Renderer> for Geknipt<'_, M> {
        fn size(&self) -> Size<Length> {
            self.inhoud.as_widget().size()
        }

        fn size_hint(&self) -> Size<Length> {
            self.inhoud.as_widget().size_hint()
        }

        fn layout(&mut self, tree: &mut Tree, renderer: &Renderer, limits: &layout::Limits) -> layout::Node {
            self.inhoud.as_widget_mut().layout(tree, renderer, limits)
        }

        fn draw(
            &self,
            tree: &Tree,
            renderer: &mut Renderer,
            theme: &Theme,
            style: &renderer::Style,
            layout: Layout<'_>,
            cursor: mouse::Cursor,
            viewport: &Rectangle,
        ) {
            let vlak = layout.bounds();
            if vlak.is_within(viewport) {
                self.inhoud.as_widget().draw(tree, renderer, theme, style, layout, cursor, viewport);
            } else if let Some(zichtbaar) = vlak.intersection(viewport) {
                // The content keeps the whole viewport: the renderer applies the layer's
                // clip only to text whose viewport sticks out of the layer.
                renderer.with_layer(zichtbaar, |r| {
                    self.inhoud.as_widget().draw(tree, r, theme, style, layout, cursor, viewport);
                });
            }
        }

        fn tag(&self) -> tree::Tag {
            self.inhoud.as_widget().tag()
        }

        fn state(&self) -> tree::State {
            self.inhoud.as_widget().state()
        }

        fn children(&self) -> Vec<Tree> {
            self.inhoud.as_widget().children()
        }

        fn diff(&self, tree: &mut Tree) {
            self.inhoud.as_widget().diff(tree);
        }

        fn operate(&mut self, tree: &mut Tree, layout: Layout<'_>, renderer: &Renderer, operation: &mut dyn Operation) {
            self.inhoud.as_widget_mut().operate(tree, layout, renderer, operation);
        }

        fn update(
            &mut self,
            tree: &mut Tree,
            event: &Event,
            layout: Layout<'_>,
            cursor: mouse::Cursor,
            renderer: &Renderer,
            clipboard: &mut dyn Clipboard,
            shell: &mut Shell<'_, M>,
            viewport: &Rectangle,
        ) {
            self.inhoud.as_widget_mut().update(tree, event, layout, cursor, renderer, clipboard, shell, viewport);
        }

        fn mouse_interaction(
            &self,
            tree: &Tree,
            layout: Layout<'_>,
            cursor: mouse::Cursor,
            viewport: &Rectangle,
            renderer: &Renderer,
        ) -> mouse::Interaction {
            self.inhoud.as_widget().mouse_interaction(tree, layout, cursor, viewport, renderer)
        }

        fn overlay<'b>(
            &'b mut self,
            tree: &'b mut Tree,
            layout: Layout<'b>,
            renderer: &Renderer,
            viewport: &Rectangle,
            translation: Vector,
        ) -> Option<overlay::Element<'b, M, Theme, Renderer>> {
            self.inhoud.as_widget_mut().overlay(tree, layout, renderer, viewport, translation)
        }
    }
}

const MAANDEN: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// The first day of the month of `d`.
pub fn eerste_van_maand(d: chrono::NaiveDate) -> chrono::NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// A month calendar to pick a date (weeks start on Monday). `maand` is any day of the
/// month shown; `gekozen` is highlighted, today is bold. `dag` is sent for a clicked day,
/// `naar_maand` with the first day of the previous or next month.
pub fn kalender<'a, M: Clone + 'a>(
    maand: chrono::NaiveDate,
    gekozen: Option<chrono::NaiveDate>,
    dag: impl Fn(chrono::NaiveDate) -> M,
    naar_maand: impl Fn(chrono::NaiveDate) -> M,
) -> Element<'a, M> {
    use chrono::Months;
    let eerste = eerste_van_maand(maand);
    let vorige = eerste.checked_sub_months(Months::new(1)).unwrap_or(eerste);
    let volgende = eerste.checked_add_months(Months::new(1)).unwrap_or(eerste);
    let vandaag = chrono::Local::now().date_naive();
    let titel = format!("{} {}", MAANDEN[eerste.month0() as usize], eerste.year());
    let mut rooster = column![
        row![
            button(text("‹").size(14)).on_press(naar_maand(vorige)).style(Knop::Link.stijl()),
            text(titel).size(14).width(Fill).align_x(iced::Center),
            button(text("›").size(14)).on_press(naar_maand(volgende)).style(Knop::Link.stijl()),
        ]
        .align_y(iced::Center),
        row(["ma", "di", "wo", "do", "vr", "za", "zo"].into_iter().map(|d| text(d)
            .size(12)
            .width(34)
            .align_x(iced::Center)
            .style(super::theme::gedempt)
            .into())),
    ]
    .spacing(2);
    let mut d = eerste - chrono::Duration::days(i64::from(eerste.weekday().num_days_from_monday()));
    for _ in 0..6 {
        let mut week = row![].spacing(0);
        for _ in 0..7 {
            let in_maand = d.month() == eerste.month();
            let mut label = text(d.day().to_string()).size(13).width(Fill).align_x(iced::Center);
            if d == vandaag {
                label = label.font(iced::Font { weight: iced::font::Weight::Bold, ..iced::Font::default() });
            }
            let stijl = if Some(d) == gekozen {
                Knop::Primair
            } else if in_maand {
                Knop::Link
            } else {
                Knop::Secundair
            };
            let knop = button(label).width(34).padding([3, 0]).style(stijl.stijl());
            week = week.push(if in_maand { knop.on_press(dag(d)) } else { knop });
            d = d.succ_opt().unwrap_or(d);
        }
        rooster = rooster.push(week);
        if d.month() != eerste.month() && d > eerste {
            break;
        }
    }
    container(rooster).padding(8).width(260).style(Vlak::Paneel.stijl()).into()
}

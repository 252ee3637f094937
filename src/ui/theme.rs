//! Style classes of the window: one enum per widget kind, so screens name a purpose
//! ("primary button", "card") and the look is decided here.
//!
//! No style casts a shadow. The software renderer (tiny-skia, used on laptops without a
//! GPU and under Xvfb) paints a quad's shadow as a pixmap without its clip mask: when only
//! part of the window is redrawn, the shadows of the board cards under a dialog are painted
//! again over the dialog, and as the faint shadow colour builds up with every redraw the
//! cards show through as grey and then black rectangles until the window is resized (issue
//! 19, item 2); shadows of cards scrolled out of a list are painted outside it. Borders
//! draw the cards instead. The test `geen_stijl_werpt_een_schaduw` walks every style;
//! `scripts/schermafdrukken.sh` compares the drawn window with a full redraw.

use crate::domain::{Convenantstatus, Fase};
use iced::widget::{button, container, text};
use iced::{Background, Border, Color, Theme, border, color};

/// The Schakel colour scheme (light, high contrast, calm blue accent).
pub fn thema() -> Theme {
    Theme::custom(
        "Schakel",
        iced::theme::Palette {
            background: color!(0xf5f6f8),
            text: color!(0x1f2933),
            primary: color!(0x1d4e89),
            success: color!(0x2e7d32),
            warning: color!(0xb26a00),
            danger: color!(0xb3261e),
        },
    )
}

/// Colour of an AVE phase: green (1) to dark red (4).
pub fn ave_kleur(ave: u8) -> Color {
    match ave {
        1 => color!(0x2e7d32),
        2 => color!(0xc9a200),
        3 => color!(0xd9480f),
        _ => color!(0x7f0000),
    }
}

/// Colour that marks a covenant status.
pub fn convenant_kleur(c: Convenantstatus) -> Color {
    match c {
        Convenantstatus::Convenant => color!(0x2e7d32),
        Convenantstatus::Intentieverklaring => color!(0xb26a00),
        Convenantstatus::Geen => color!(0xb3261e),
    }
}

/// Header colour of a board column.
pub fn fase_kleur(f: Fase) -> Color {
    match f {
        Fase::Aanmelding => color!(0x52606d),
        Fase::Weging => color!(0x1d4e89),
        Fase::Procesregie => color!(0x0b6e4f),
        Fase::Monitoring => color!(0x6b4ea0),
        Fase::Afgesloten => color!(0x7b8794),
    }
}

/// Button purposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Knop {
    /// The main action of a form.
    Primair,
    /// A secondary action.
    Secundair,
    /// A destructive or risky action.
    Gevaar,
    /// Sidebar entry.
    Navigatie,
    /// Active sidebar entry or tab.
    NavigatieActief,
    /// A casus card on the board.
    Kaart,
    /// The selected casus card.
    KaartGeselecteerd,
    /// A borderless link-like button.
    Link,
}

impl Knop {
    /// Style function for `button::style`.
    pub fn stijl(self) -> impl Fn(&Theme, button::Status) -> button::Style {
        move |theme, status| knop(self, theme, status)
    }
}

fn knop(soort: Knop, theme: &Theme, status: button::Status) -> button::Style {
    let p = theme.extended_palette();
    let basis = match soort {
        Knop::Primair => button::primary(theme, status),
        Knop::Secundair => button::Style {
            background: Some(Background::Color(Color::WHITE)),
            text_color: p.background.base.text,
            border: border::rounded(4).color(color!(0xcbd2d9)).width(1),
            ..button::Style::default()
        },
        Knop::Gevaar => button::danger(theme, status),
        Knop::Navigatie => button::Style {
            background: None,
            text_color: color!(0xe4e7eb),
            border: border::rounded(4),
            ..button::Style::default()
        },
        Knop::NavigatieActief => button::Style {
            background: Some(Background::Color(color!(0x2f5f9a))),
            text_color: Color::WHITE,
            border: border::rounded(4),
            ..button::Style::default()
        },
        Knop::Kaart => button::Style {
            background: Some(Background::Color(Color::WHITE)),
            text_color: p.background.base.text,
            // No shadow: see the module doc.
            border: border::rounded(6).color(color!(0xd9dee3)).width(1),
            ..button::Style::default()
        },
        Knop::KaartGeselecteerd => button::Style {
            background: Some(Background::Color(color!(0xe8f0fa))),
            text_color: p.background.base.text,
            border: border::rounded(6).color(p.primary.base.color).width(2),
            ..button::Style::default()
        },
        Knop::Link => button::Style { background: None, text_color: p.primary.base.color, ..button::Style::default() },
    };
    match status {
        button::Status::Hovered if matches!(soort, Knop::Navigatie) => {
            button::Style { background: Some(Background::Color(color!(0x264b77))), ..basis }
        }
        button::Status::Hovered if matches!(soort, Knop::Kaart | Knop::Secundair) => {
            button::Style { background: Some(Background::Color(color!(0xf0f4f8))), ..basis }
        }
        button::Status::Disabled => button::Style { text_color: basis.text_color.scale_alpha(0.45), ..basis },
        _ => basis,
    }
}

/// Container purposes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Vlak {
    /// The dark sidebar.
    Zijbalk,
    /// A white panel with a thin border.
    Paneel,
    /// A board column.
    Kolom,
    /// Error banner.
    Fout,
    /// Warning banner (privacy).
    Waarschuwing,
    /// Information banner.
    Info,
    /// A modal dialog.
    Dialoog,
    /// Coloured strip (AVE, fase) with this colour.
    Strook(Color),
    /// Small coloured badge.
    Badge(Color),
    /// A casus card on the board (draggable).
    Kaart,
    /// The selected or dragged casus card.
    KaartGeselecteerd,
    /// A board column a dragged card is over (drop target).
    KolomDoel,
}

impl Vlak {
    /// Style function for `container::style`.
    pub fn stijl(self) -> impl Fn(&Theme) -> container::Style {
        move |_theme| vlak(self)
    }
}

fn vlak(soort: Vlak) -> container::Style {
    let paneel = container::Style::default()
        .background(Color::WHITE)
        .border(border::rounded(6).color(color!(0xd9dee3)).width(1));
    match soort {
        Vlak::Zijbalk => container::Style::default().background(color!(0x17324f)).color(Color::WHITE),
        Vlak::Paneel | Vlak::Dialoog => paneel,
        Vlak::Kolom => container::Style::default().background(color!(0xe9ecf0)).border(border::rounded(6)),
        Vlak::KolomDoel => container::Style::default()
            .background(color!(0xdbe8f6))
            .border(border::rounded(6).color(color!(0x2f6db5)).width(2)),
        // No shadow: see the module doc.
        Vlak::Kaart => container::Style::default()
            .background(Color::WHITE)
            .border(border::rounded(6).color(color!(0xd9dee3)).width(1)),
        Vlak::KaartGeselecteerd => container::Style::default()
            .background(color!(0xe8f0fa))
            .border(border::rounded(6).color(color!(0x2f6db5)).width(2)),
        Vlak::Fout => container::Style::default()
            .background(color!(0xfdecea))
            .color(color!(0x8c1d18))
            .border(border::rounded(4).color(color!(0xf5c2bf)).width(1)),
        Vlak::Waarschuwing => container::Style::default()
            .background(color!(0xfff4e5))
            .color(color!(0x7a4a00))
            .border(border::rounded(4).color(color!(0xf3d19e)).width(1)),
        Vlak::Info => container::Style::default()
            .background(color!(0xe8f0fa))
            .color(color!(0x17324f))
            .border(border::rounded(4).color(color!(0xb6cde8)).width(1)),
        Vlak::Strook(c) => container::Style::default().background(c).border(Border::default().rounded(3)),
        Vlak::Badge(c) => container::Style::default().background(c).color(Color::WHITE).border(border::rounded(8)),
    }
}

/// Muted secondary text.
pub fn gedempt(_theme: &Theme) -> text::Style {
    text::Style { color: Some(color!(0x616e7c)) }
}

/// Text in the danger colour.
pub fn rood(_theme: &Theme) -> text::Style {
    text::Style { color: Some(color!(0xb3261e)) }
}

/// Text in the success colour.
pub fn groen(_theme: &Theme) -> text::Style {
    text::Style { color: Some(color!(0x2e7d32)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geen_stijl_werpt_een_schaduw() {
        let theme = thema();
        let knoppen = [
            Knop::Primair,
            Knop::Secundair,
            Knop::Gevaar,
            Knop::Navigatie,
            Knop::NavigatieActief,
            Knop::Kaart,
            Knop::KaartGeselecteerd,
            Knop::Link,
        ];
        let standen =
            [button::Status::Active, button::Status::Hovered, button::Status::Pressed, button::Status::Disabled];
        for k in knoppen {
            for s in standen {
                assert_eq!(knop(k, &theme, s).shadow.color.a, 0.0, "{k:?} {s:?}");
            }
        }
        let grijs = color!(0x7b8794);
        let vlakken = [
            Vlak::Zijbalk,
            Vlak::Paneel,
            Vlak::Kolom,
            Vlak::Fout,
            Vlak::Waarschuwing,
            Vlak::Info,
            Vlak::Dialoog,
            Vlak::Strook(grijs),
            Vlak::Badge(grijs),
            Vlak::Kaart,
            Vlak::KaartGeselecteerd,
            Vlak::KolomDoel,
        ];
        for v in vlakken {
            assert_eq!(vlak(v).shadow.color.a, 0.0, "{v:?}");
        }
    }
}

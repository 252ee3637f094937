//! Page layout for A4 reports, independent of the PDF library: measured word wrap,
//! headings, label/value blocks and tables whose rows never run off the page, split
//! cleanly across pages with the table header repeated. Footers with "Vertrouwelijk"
//! and "pagina X van Y" are added when the page count is known.

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;
/// A4 width in mm.
pub const BREEDTE: f32 = 210.0;
/// A4 height in mm.
pub const HOOGTE: f32 = 297.0;
/// Left margin: wide enough for punching.
pub const LINKS: f32 = 25.0;
/// Right margin.
pub const RECHTS: f32 = 15.0;
/// Top margin.
pub const BOVEN: f32 = 18.0;
/// Bottom margin, above the footer.
pub const ONDER: f32 = 22.0;
/// Usable text width.
pub const TEKSTBREEDTE: f32 = BREEDTE - LINKS - RECHTS;

/// Shown instead of a character the font has no glyph for: visible (the Unicode
/// replacement character, a question mark in a diamond), never a silent empty box.
pub const ONTBREKEND: char = '\u{FFFD}';

/// Text metrics of the embedded fonts.
pub struct Maten {
    gewoon: ttf_parser::Face<'static>,
    vet: ttf_parser::Face<'static>,
}

impl Maten {
    /// Metrics of the regular and bold font.
    pub fn new(gewoon: &'static [u8], vet: &'static [u8]) -> Option<Maten> {
        Some(Maten { gewoon: ttf_parser::Face::parse(gewoon, 0).ok()?, vet: ttf_parser::Face::parse(vet, 0).ok()? })
    }

    fn face(&self, vet: bool) -> &ttf_parser::Face<'static> {
        if vet { &self.vet } else { &self.gewoon }
    }

    /// The glyph drawn for `c`: its own, or the marker's when the font lacks it.
    fn glyph(&self, c: char, vet: bool) -> Option<ttf_parser::GlyphId> {
        let face = self.face(vet);
        face.glyph_index(c).or_else(|| face.glyph_index(ONTBREKEND)).or_else(|| face.glyph_index('?'))
    }

    /// Width of `tekst` in mm at `grootte` points.
    pub fn breedte(&self, tekst: &str, grootte: f32, vet: bool) -> f32 {
        let face = self.face(vet);
        let upem = f32::from(face.units_per_em());
        let eenheden: f32 = tekst
            .chars()
            .map(|c| self.glyph(c, vet).and_then(|g| face.glyph_hor_advance(g)).map(f32::from).unwrap_or(upem * 0.5))
            .sum();
        eenheden / upem * grootte / PT_PER_MM
    }

    /// One laid-out line as it is drawn: characters the font lacks replaced by
    /// [`ONTBREKEND`], and right-to-left runs (Arabic, Hebrew names) in visual order
    /// (Unicode bidi algorithm, left-to-right paragraph), since a PDF draws glyphs left
    /// to right in the order given.
    pub fn zichtbaar(&self, regel: &str, vet: bool) -> String {
        let face = self.face(vet);
        let vervangen: String = regel
            .chars()
            .map(|c| if c.is_control() || face.glyph_index(c).is_some() { c } else { ONTBREKEND })
            .collect();
        if !vervangen.chars().any(rechts_naar_links) {
            return vervangen;
        }
        let info = unicode_bidi::BidiInfo::new(&vervangen, Some(unicode_bidi::Level::ltr()));
        info.paragraphs.iter().map(|p| info.reorder_line(p, p.range.clone()).into_owned()).collect::<Vec<_>>().concat()
    }

    /// Wrap `tekst` into lines no wider than `max` mm. Respects newlines; breaks only
    /// between words, and a phone number ("06 1234 5678", "+31 20 123 4567") counts as
    /// one word. A word longer than a whole line is broken: after a hyphen or slash it
    /// already has, or between Dutch syllables with a hyphen added; only when neither
    /// fits, between characters.
    pub fn omloop(&self, tekst: &str, grootte: f32, vet: bool, max: f32) -> Vec<String> {
        let past = |t: &str| self.breedte(t, grootte, vet) <= max;
        let mut regels = Vec::new();
        for alinea in tekst.split('\n') {
            let mut regel = String::new();
            for woord in woorden(alinea) {
                let kandidaat = if regel.is_empty() { woord.clone() } else { format!("{regel} {woord}") };
                if past(&kandidaat) {
                    regel = kandidaat;
                    continue;
                }
                if !regel.is_empty() {
                    regels.push(std::mem::take(&mut regel));
                }
                // The word alone may still be too long: break it.
                let adres = woord.contains('@') || woord.contains("://");
                let mut rest = woord;
                while !past(&rest) {
                    let (kop, staart) = breek(&rest, adres, &past);
                    regels.push(kop);
                    rest = staart;
                }
                regel = rest;
            }
            regels.push(regel);
        }
        regels
    }
}

/// A strong right-to-left character (Hebrew, Arabic and their presentation forms).
fn rechts_naar_links(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Part of a phone number: digits with + - ( ) and at least one digit.
fn nummerdeel(t: &str) -> bool {
    t.chars().any(|c| c.is_ascii_digit()) && t.chars().all(|c| c.is_ascii_digit() || "+-()".contains(c))
}

/// The words of a paragraph; the groups of a phone number (starting with 0, + or a
/// bracket) are kept together as one word.
fn woorden(alinea: &str) -> Vec<String> {
    let mut uit: Vec<String> = Vec::new();
    let mut in_nummer = false;
    for t in alinea.split_whitespace() {
        if in_nummer
            && nummerdeel(t)
            && let Some(laatste) = uit.last_mut()
        {
            laatste.push(' ');
            laatste.push_str(t);
            continue;
        }
        in_nummer = nummerdeel(t) && t.starts_with(['0', '+', '(']);
        uit.push(t.to_string());
    }
    uit
}

/// Split a word that does not fit on one line into the longest head that does (and the
/// rest); `adres` when the whole word was an e-mail or web address. Break points in order of preference: a space inside a phone number, after a
/// hyphen or slash, between Dutch syllables (a hyphen is added); otherwise between
/// characters. The head always has at least one character.
fn breek(woord: &str, adres: bool, past: &dyn Fn(&str) -> bool) -> (String, String) {
    let mut punten: Vec<(usize, bool)> = Vec::new(); // (byte index, add a hyphen)
    // An e-mail or web address (`adres`) gets no added hyphen (it would change the
    // address): it breaks after @ . / or - only.
    for (i, c) in woord.char_indices() {
        if i > 0 && c == ' ' {
            punten.push((i, false));
        } else if (c == '-' || c == '/' || (adres && (c == '@' || c == '.'))) && i + 1 < woord.len() {
            punten.push((i + c.len_utf8(), false));
        }
    }
    // Syllables of each run of letters.
    let mut begin = None;
    for (i, c) in woord.char_indices().chain(std::iter::once((woord.len(), ' '))).filter(|_| !adres) {
        match (begin, c.is_alphabetic()) {
            (None, true) => begin = Some(i),
            (Some(b), false) => {
                let mut pos = b;
                let lettergrepen: Vec<&str> = hypher::hyphenate(&woord[b..i], hypher::Lang::Dutch).collect();
                for g in &lettergrepen[..lettergrepen.len().saturating_sub(1)] {
                    pos += g.len();
                    punten.push((pos, true));
                }
                begin = None;
            }
            _ => {}
        }
    }
    punten.sort_unstable();
    for &(i, streep) in punten.iter().rev() {
        let kop = woord[..i].trim_end();
        let kop = if streep { format!("{kop}-") } else { kop.to_string() };
        if !kop.is_empty() && past(&kop) {
            return (kop, woord[i..].trim_start().to_string());
        }
    }
    // Between characters: as many as fit, at least one.
    let mut eind = woord.chars().next().map(char::len_utf8).unwrap_or(0);
    for (i, c) in woord.char_indices().skip(1) {
        if !past(&woord[..i + c.len_utf8()]) {
            break;
        }
        eind = i + c.len_utf8();
    }
    (woord[..eind].to_string(), woord[eind..].to_string())
}

/// Something drawn on a page; y is measured from the top edge in mm.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A line of text with its baseline at `y`.
    Tekst {
        /// Left edge.
        x: f32,
        /// Baseline from the top.
        y: f32,
        /// Size in points.
        grootte: f32,
        /// Bold.
        vet: bool,
        /// Grey instead of black.
        grijs: bool,
        /// The text.
        tekst: String,
    },
    /// A straight line.
    Lijn {
        /// Start x.
        x1: f32,
        /// Start y.
        y1: f32,
        /// End x.
        x2: f32,
        /// End y.
        y2: f32,
        /// Width in points.
        dikte: f32,
    },
    /// A light grey filled rectangle (table header background).
    Vlak {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        b: f32,
        /// Height.
        h: f32,
    },
}

/// One laid-out page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pagina {
    /// What is drawn.
    pub items: Vec<Item>,
}

/// A table column: header and width in mm.
#[derive(Debug, Clone)]
pub struct Kolom {
    /// Header text.
    pub titel: String,
    /// Width in mm.
    pub breedte: f32,
}

impl Kolom {
    /// A column.
    pub fn new(titel: &str, breedte: f32) -> Kolom {
        Kolom { titel: titel.to_string(), breedte }
    }
}

const TEKST: f32 = 10.0;
const REGEL: f32 = 4.6; // line height in mm at 10 pt
const CEL_MARGE: f32 = 1.6;

/// Builds pages top to bottom.
pub struct Opmaak<'m> {
    maten: &'m Maten,
    paginas: Vec<Pagina>,
    y: f32,
    kop: String,
}

impl<'m> Opmaak<'m> {
    /// A new document; `kop` is printed at the top of every page (organisation).
    pub fn new(maten: &'m Maten, kop: &str) -> Opmaak<'m> {
        let mut o = Opmaak { maten, paginas: Vec::new(), y: 0.0, kop: kop.to_string() };
        o.nieuwe_pagina();
        o
    }

    fn nieuwe_pagina(&mut self) {
        let mut p = Pagina::default();
        p.items.push(Item::Tekst {
            x: LINKS,
            y: BOVEN - 6.0,
            grootte: 8.0,
            vet: false,
            grijs: true,
            tekst: self.kop.clone(),
        });
        p.items.push(Item::Tekst {
            x: BREEDTE - RECHTS - self.maten.breedte("VERTROUWELIJK", 8.0, true),
            y: BOVEN - 6.0,
            grootte: 8.0,
            vet: true,
            grijs: false,
            tekst: "VERTROUWELIJK".into(),
        });
        p.items.push(Item::Lijn { x1: LINKS, y1: BOVEN - 4.5, x2: BREEDTE - RECHTS, y2: BOVEN - 4.5, dikte: 0.4 });
        self.paginas.push(p);
        self.y = BOVEN + 2.0;
    }

    fn ruimte_over(&self) -> f32 {
        HOOGTE - ONDER - self.y
    }

    fn zorg_voor(&mut self, hoogte: f32) {
        if hoogte > self.ruimte_over() {
            self.nieuwe_pagina();
        }
    }

    fn push(&mut self, item: Item) {
        if let Some(p) = self.paginas.last_mut() {
            p.items.push(item);
        }
    }

    fn regel(&mut self, x: f32, tekst: String, grootte: f32, vet: bool, grijs: bool) {
        let y = self.y + grootte / PT_PER_MM;
        self.push(Item::Tekst { x, y, grootte, vet, grijs, tekst });
    }

    /// Document title.
    pub fn titel(&mut self, tekst: &str) {
        for r in self.maten.omloop(tekst, 16.0, true, TEKSTBREEDTE) {
            self.zorg_voor(8.0);
            self.regel(LINKS, r, 16.0, true, false);
            self.y += 7.5;
        }
        self.y += 2.0;
    }

    /// Section heading; kept with at least two lines of what follows.
    pub fn kop(&mut self, tekst: &str) {
        self.zorg_voor(6.5 + 3.0 * REGEL);
        self.y += 2.0;
        self.regel(LINKS, tekst.to_string(), 12.0, true, false);
        self.y += 6.0;
    }

    /// A paragraph, flowing over pages.
    pub fn alinea(&mut self, tekst: &str) {
        for r in self.maten.omloop(tekst, TEKST, false, TEKSTBREEDTE) {
            self.zorg_voor(REGEL);
            self.regel(LINKS, r, TEKST, false, false);
            self.y += REGEL;
        }
        self.y += 1.5;
    }

    /// Label/value pairs in two columns; values wrap.
    pub fn velden(&mut self, paren: &[(&str, String)]) {
        let labelbreedte = 45.0;
        for (label, waarde) in paren {
            let regels = self.maten.omloop(
                if waarde.is_empty() { "—" } else { waarde },
                TEKST,
                false,
                TEKSTBREEDTE - labelbreedte,
            );
            for (i, r) in regels.into_iter().enumerate() {
                self.zorg_voor(REGEL);
                if i == 0 {
                    self.regel(LINKS, (*label).to_string(), TEKST, false, true);
                }
                self.regel(LINKS + labelbreedte, r, TEKST, false, false);
                self.y += REGEL;
            }
        }
        self.y += 1.5;
    }

    /// Extra vertical space.
    pub fn ruimte(&mut self, mm: f32) {
        self.y += mm;
    }

    fn tabelkop(&mut self, kolommen: &[Kolom]) {
        let hoogte: f32 = kolommen
            .iter()
            .map(|k| self.maten.omloop(&k.titel, 9.0, true, k.breedte - 2.0 * CEL_MARGE).len())
            .max()
            .unwrap_or(1) as f32
            * 4.2
            + 2.0 * CEL_MARGE;
        let totaal: f32 = kolommen.iter().map(|k| k.breedte).sum();
        self.push(Item::Vlak { x: LINKS, y: self.y, b: totaal, h: hoogte });
        let mut x = LINKS;
        for k in kolommen {
            let mut y = self.y + CEL_MARGE;
            for r in self.maten.omloop(&k.titel, 9.0, true, k.breedte - 2.0 * CEL_MARGE) {
                self.push(Item::Tekst {
                    x: x + CEL_MARGE,
                    y: y + 9.0 / PT_PER_MM,
                    grootte: 9.0,
                    vet: true,
                    grijs: false,
                    tekst: r,
                });
                y += 4.2;
            }
            x += k.breedte;
        }
        self.y += hoogte;
        self.push(Item::Lijn { x1: LINKS, y1: self.y, x2: LINKS + totaal, y2: self.y, dikte: 0.6 });
    }

    /// A table. Rows that do not fit move to the next page under a repeated header; a
    /// row taller than a whole page is split between lines.
    pub fn tabel(&mut self, kolommen: &[Kolom], rijen: &[Vec<String>]) {
        let totaal: f32 = kolommen.iter().map(|k| k.breedte).sum();
        self.zorg_voor(12.0 + REGEL * 2.0);
        self.tabelkop(kolommen);
        for rij in rijen {
            let cellen: Vec<Vec<String>> = kolommen
                .iter()
                .zip(rij.iter().chain(std::iter::repeat(&String::new())))
                .map(|(k, t)| self.maten.omloop(t, TEKST, false, k.breedte - 2.0 * CEL_MARGE))
                .collect();
            let regels = cellen.iter().map(Vec::len).max().unwrap_or(1);
            let mut begin = 0;
            while begin < regels {
                let passend = ((self.ruimte_over() - 2.0 * CEL_MARGE) / REGEL).floor().max(0.0) as usize;
                let over = regels - begin;
                let verschuif = passend == 0 || (passend < over && begin == 0 && over <= self.volle_pagina_regels());
                if verschuif {
                    // The row fits on a fresh page: move it there whole, under a repeated header.
                    self.nieuwe_pagina();
                    self.tabelkop(kolommen);
                    continue;
                }
                let n = over.min(passend);
                let mut x = LINKS;
                for (k, cel) in kolommen.iter().zip(&cellen) {
                    let mut y = self.y + CEL_MARGE;
                    for r in cel.iter().skip(begin).take(n) {
                        self.push(Item::Tekst {
                            x: x + CEL_MARGE,
                            y: y + TEKST / PT_PER_MM,
                            grootte: TEKST,
                            vet: false,
                            grijs: false,
                            tekst: r.clone(),
                        });
                        y += REGEL;
                    }
                    x += k.breedte;
                }
                self.y += n as f32 * REGEL + 2.0 * CEL_MARGE;
                self.push(Item::Lijn { x1: LINKS, y1: self.y, x2: LINKS + totaal, y2: self.y, dikte: 0.25 });
                begin += n;
                if begin < regels {
                    self.nieuwe_pagina();
                    self.tabelkop(kolommen);
                }
            }
        }
        self.y += 3.0;
    }

    fn volle_pagina_regels(&self) -> usize {
        ((HOOGTE - ONDER - BOVEN - 14.0) / REGEL).floor() as usize
    }

    /// Finish: footer on every page with the reference, print date and "pagina X van Y".
    pub fn af(mut self, referentie: &str, afgedrukt: &str) -> Vec<Pagina> {
        let totaal = self.paginas.len();
        for (i, p) in self.paginas.iter_mut().enumerate() {
            let y = HOOGTE - ONDER + 8.0;
            p.items.push(Item::Lijn { x1: LINKS, y1: y - 4.0, x2: BREEDTE - RECHTS, y2: y - 4.0, dikte: 0.4 });
            p.items.push(Item::Tekst {
                x: LINKS,
                y,
                grootte: 8.0,
                vet: true,
                grijs: false,
                tekst: "Vertrouwelijk".into(),
            });
            p.items.push(Item::Tekst {
                x: LINKS + 24.0,
                y,
                grootte: 8.0,
                vet: false,
                grijs: true,
                tekst: format!("{referentie} · afgedrukt {afgedrukt}"),
            });
            let nr = format!("pagina {} van {}", i + 1, totaal);
            let b = self.maten.breedte(&nr, 8.0, false);
            p.items.push(Item::Tekst { x: BREEDTE - RECHTS - b, y, grootte: 8.0, vet: false, grijs: true, tekst: nr });
        }
        self.paginas
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn maten() -> Maten {
        Maten::new(super::super::LETTER_GEWOON, super::super::LETTER_VET).unwrap()
    }

    #[test]
    fn wrap_respects_width_and_keeps_every_word() {
        let m = maten();
        let tekst =
            "Betrokkene heeft na vrijlating een vaste woonplek en een inkomen; schuldhulp is gestart. ".repeat(5);
        let regels = m.omloop(&tekst, 10.0, false, 60.0);
        assert!(regels.len() > 5);
        for r in &regels {
            assert!(m.breedte(r, 10.0, false) <= 60.0 + 0.01, "{r}");
        }
        let terug: Vec<&str> = regels.iter().flat_map(|r| r.split_whitespace()).collect();
        let origineel: Vec<&str> = tekst.split_whitespace().collect();
        assert_eq!(terug, origineel);
    }

    #[test]
    fn very_long_word_is_broken() {
        let m = maten();
        let regels = m.omloop(&"x".repeat(300), 10.0, false, 40.0);
        assert!(regels.len() > 3);
        assert!(regels.iter().all(|r| m.breedte(r, 10.0, false) <= 40.0 + 0.01));
    }

    #[test]
    fn a_phone_number_is_never_split_when_it_fits_a_line() {
        let m = maten();
        let tekst = "Bel de wijkagent op 06 1234 5678 of mail, of +31 20 123 4567 bij spoed.";
        // Narrow enough that the sentence wraps several times, wide enough for each number.
        let max = m.breedte("+31 20 123 4567", 10.0, false) + 1.0;
        let regels = m.omloop(tekst, 10.0, false, max);
        assert!(regels.len() > 3, "{regels:?}");
        assert!(regels.iter().any(|r| r.contains("06 1234 5678")), "{regels:?}");
        assert!(regels.iter().any(|r| r.contains("+31 20 123 4567")), "{regels:?}");
        // An e-mail address breaks after @ or a dot, never with an added hyphen.
        let adres = "dennis.van.der.dalstra@veiligthuis.example";
        let regels = m.omloop(adres, 10.0, false, m.breedte("dennis.van.der.", 10.0, false) + 0.5);
        assert!(regels.len() > 1, "{regels:?}");
        assert_eq!(regels.concat(), adres, "{regels:?}");
        assert!(regels[..regels.len() - 1].iter().all(|r| r.ends_with(['.', '@'])), "{regels:?}");
        // Numbers that are not phone numbers still wrap as words.
        assert_eq!(m.omloop("in 2026 12 casussen", 10.0, false, 200.0), vec!["in 2026 12 casussen"]);
    }

    #[test]
    fn a_word_longer_than_a_line_breaks_between_dutch_syllables_with_a_hyphen() {
        let m = maten();
        let woord = "arbeidsongeschiktheidsverzekeringsmaatschappij";
        let max = m.breedte("arbeidsongeschikt", 10.0, false);
        let regels = m.omloop(&format!("De {woord} belt."), 10.0, false, max);
        assert!(regels.iter().all(|r| m.breedte(r, 10.0, false) <= max + 0.01), "{regels:?}");
        // Every break inside the word is a syllable boundary, marked with a hyphen.
        let grenzen: Vec<usize> = hypher::hyphenate(woord, hypher::Lang::Dutch)
            .scan(0, |pos, g| {
                *pos += g.len();
                Some(*pos)
            })
            .collect();
        assert_eq!(regels[0], "De", "{regels:?}");
        let mut pos = 0;
        let mut gebroken = 0;
        for r in &regels[1..] {
            if let Some(d) = r.strip_suffix('-') {
                pos += d.len();
                gebroken += 1;
                assert!(grenzen.contains(&pos), "break after {d:?} is not between syllables: {regels:?}");
            }
        }
        assert!(gebroken >= 2, "{regels:?}");
        let heel: String = regels.join("\n").replace("-\n", "").replace('\n', " ");
        assert_eq!(heel, format!("De {woord} belt."));
        // A word that fits on a line of its own is moved there whole, never broken.
        let regels = m.omloop("Een casusoverleg", 10.0, false, m.breedte("casusoverleg", 10.0, false) + 0.5);
        assert_eq!(regels, vec!["Een", "casusoverleg"]);
    }

    #[test]
    fn right_to_left_names_are_drawn_in_visual_order_and_missing_glyphs_are_marked() {
        let m = maten();
        // Fictional names. Logical order in, visual order (reversed runs) out.
        let hebreeuws = "ירון דלהוף";
        let arabisch = "سمير كامبدايك";
        let omgekeerd = |t: &str| t.chars().rev().collect::<String>();
        assert_eq!(m.zichtbaar(&format!("Naam: {hebreeuws}"), false), format!("Naam: {}", omgekeerd(hebreeuws)));
        assert_eq!(m.zichtbaar(arabisch, true), omgekeerd(arabisch));
        assert_eq!(m.zichtbaar("Zoë van Bremhorst — € 0", false), "Zoë van Bremhorst — € 0");
        // DejaVu Sans has no CJK: a visible marker, and the width is the marker's.
        assert_eq!(m.zichtbaar("Li 王", false), format!("Li {ONTBREKEND}"));
        assert!(m.breedte("王", 10.0, false) > 0.5);
    }

    #[test]
    fn table_rows_split_across_pages_with_repeated_header() {
        let m = maten();
        let mut o = Opmaak::new(&m, "ZVH Test");
        let kolommen = [Kolom::new("Omschrijving", 100.0), Kolom::new("Status", 70.0)];
        let rijen: Vec<Vec<String>> = (0..80)
            .map(|i| vec![format!("Actie {i} met een wat langere beschrijving die omloopt"), "open".into()])
            .collect();
        o.tabel(&kolommen, &rijen);
        let paginas = o.af("Casus 2026-0001", "01-01-2026");
        assert!(paginas.len() >= 3);
        for p in &paginas {
            let koppen = p
                .items
                .iter()
                .filter(|i| matches!(i, Item::Tekst { tekst, vet: true, .. } if tekst == "Omschrijving"))
                .count();
            assert_eq!(koppen, 1, "every page repeats the table header once");
            // Nothing below the bottom margin except the footer.
            for i in &p.items {
                if let Item::Tekst { y, tekst, .. } = i {
                    assert!(*y <= HOOGTE - ONDER + 8.1, "{tekst} at {y}");
                }
            }
        }
        let alle: usize = paginas
            .iter()
            .flat_map(|p| &p.items)
            .filter(|i| matches!(i, Item::Tekst { tekst, .. } if tekst.starts_with("Actie ")))
            .count();
        assert_eq!(alle, 80, "every row start appears once");
    }
}

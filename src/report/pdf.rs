//! Drawing laid-out pages with printpdf 0.12 (embedded DejaVu Sans, Identity-H with a
//! ToUnicode map, so ë, é, ï, € and — survive copy and text extraction). Each font is
//! subset to the glyphs the document uses (allsorts, the subsetter printpdf is built on):
//! a report is tens of kilobytes instead of the ~750 KB of two whole fonts.

use super::opmaak::{HOOGTE, Item, Maten, Pagina};
use super::{LETTER_GEWOON, LETTER_VET, RapportFout};
use printpdf::{
    Color, Line, LinePoint, Mm, OffsetDateTime, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
};
use std::collections::{BTreeMap, BTreeSet};

fn kleur(grijs: f32) -> Color {
    Color::Rgb(Rgb::new(grijs, grijs, grijs, None))
}

/// Tables kept in a subset font: what a PDF reader needs to draw and measure glyphs
/// (outlines `glyf`/`loca` come along always). No hinting, names or PostScript names.
const TABELLEN: [u32; 5] =
    [allsorts::tag::CMAP, allsorts::tag::HEAD, allsorts::tag::HHEA, allsorts::tag::HMTX, allsorts::tag::MAXP];

fn pdf_fout(e: impl std::fmt::Display) -> RapportFout {
    RapportFout::Pdf(e.to_string())
}

/// `bron` reduced to the glyphs of `tekens` (and .notdef), parsed for printpdf.
/// Characters the font lacks are not in `tekens`: [`Maten::zichtbaar`] replaced them.
fn deelletter(bron: &'static [u8], tekens: &BTreeSet<char>) -> Result<ParsedFont, RapportFout> {
    let face = ttf_parser::Face::parse(bron, 0).map_err(pdf_fout)?;
    let per_teken: Vec<(char, u16)> = tekens.iter().filter_map(|c| face.glyph_index(*c).map(|g| (*c, g.0))).collect();
    let mut glyphs: Vec<u16> = std::iter::once(0).chain(per_teken.iter().map(|(_, g)| *g)).collect();
    glyphs.sort_unstable();
    glyphs.dedup();
    let data =
        allsorts::binary::read::ReadScope::new(bron).read::<allsorts::font_data::FontData<'_>>().map_err(pdf_fout)?;
    let tabellen = data.table_provider(0).map_err(pdf_fout)?;
    let bytes = allsorts::subset::subset(
        &tabellen,
        &glyphs,
        &allsorts::subset::SubsetProfile::Custom(TABELLEN.to_vec()),
        allsorts::subset::CmapTarget::Unicode,
    )
    .map_err(pdf_fout)?;
    let mut w = Vec::new();
    let mut font = ParsedFont::from_bytes(&bytes, 0, &mut w).ok_or_else(|| pdf_fout("subset font unreadable"))?;
    // The subset numbers glyphs by their position in `glyphs` (allsorts keeps that order).
    font.codepoint_to_glyph = per_teken
        .iter()
        .filter_map(|(c, g)| glyphs.binary_search(g).ok().and_then(|i| u16::try_from(i).ok()).map(|i| (*c as u32, i)))
        .collect::<BTreeMap<u32, u16>>();
    Ok(font)
}

/// Render pages to PDF bytes, with title, author (the app) and creation date.
pub fn teken(titel: &str, paginas: &[Pagina]) -> Result<Vec<u8>, RapportFout> {
    let maten = Maten::new(LETTER_GEWOON, LETTER_VET).ok_or_else(|| pdf_fout("embedded font unreadable"))?;
    // Every line as drawn, and the characters each font must carry.
    let mut zichtbaar: Vec<Vec<String>> = Vec::with_capacity(paginas.len());
    let (mut tekens_gewoon, mut tekens_vet) = (BTreeSet::new(), BTreeSet::new());
    for p in paginas {
        let mut regels = Vec::new();
        for item in &p.items {
            if let Item::Tekst { vet, tekst, .. } = item {
                let z = maten.zichtbaar(tekst, *vet);
                if *vet { &mut tekens_vet } else { &mut tekens_gewoon }.extend(z.chars());
                regels.push(z);
            }
        }
        zichtbaar.push(regels);
    }
    let mut doc = PdfDocument::new(titel);
    let nu = OffsetDateTime::now();
    doc.metadata.info.author = "Schakel".into();
    doc.metadata.info.creator = format!("Schakel {}", env!("CARGO_PKG_VERSION"));
    doc.metadata.info.producer = "Schakel (printpdf)".into();
    doc.metadata.info.subject = "Vertrouwelijk".into();
    doc.metadata.info.creation_date = nu;
    doc.metadata.info.modification_date = nu;
    doc.metadata.info.metadata_date = nu;
    let gewoon = doc.add_font(&deelletter(LETTER_GEWOON, &tekens_gewoon)?);
    let vet = doc.add_font(&deelletter(LETTER_VET, &tekens_vet)?);
    let y = |mm: f32| Mm(HOOGTE - mm);
    for (p, regels) in paginas.iter().zip(zichtbaar) {
        let mut ops = Vec::new();
        let mut regels = regels.into_iter();
        for item in &p.items {
            match item {
                Item::Vlak { x, y: top, b, h } => {
                    ops.push(Op::SetFillColor { col: kleur(0.92) });
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            mode: Some(PaintMode::Fill),
                            ..Rect::from_xywh(Mm(*x).into(), y(top + h).into(), Mm(*b).into(), Mm(*h).into())
                        },
                    });
                }
                Item::Lijn { x1, y1, x2, y2, dikte } => {
                    ops.push(Op::SetOutlineColor { col: kleur(0.35) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*dikte) });
                    ops.push(Op::DrawLine {
                        line: Line {
                            is_closed: false,
                            points: vec![
                                LinePoint { p: Point::new(Mm(*x1), y(*y1)), bezier: false },
                                LinePoint { p: Point::new(Mm(*x2), y(*y2)), bezier: false },
                            ],
                        },
                    });
                }
                Item::Tekst { x, y: basis, grootte, vet: is_vet, grijs, .. } => {
                    let tekst = regels.next().unwrap_or_default();
                    let font = if *is_vet { vet.clone() } else { gewoon.clone() };
                    ops.push(Op::SetFillColor { col: kleur(if *grijs { 0.38 } else { 0.0 }) });
                    // One text section per line: SetTextCursor is absolute only as the first move.
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFont { font: PdfFontHandle::External(font), size: Pt(*grootte) });
                    ops.push(Op::SetTextCursor { pos: Point::new(Mm(*x), y(*basis)) });
                    ops.push(Op::ShowText { items: vec![TextItem::Text(tekst)] });
                    ops.push(Op::EndTextSection);
                }
            }
        }
        doc.pages.push(PdfPage::new(Mm(super::opmaak::BREEDTE), Mm(HOOGTE), ops));
    }
    let mut waarschuwingen = Vec::new();
    let bytes = doc.save(&PdfSaveOptions::default(), &mut waarschuwingen);
    if let Some(f) = waarschuwingen.iter().find(|w| w.severity == PdfParseErrorSeverity::Error) {
        return Err(RapportFout::Pdf(f.msg.clone()));
    }
    Ok(bytes)
}

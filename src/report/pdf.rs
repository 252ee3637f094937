//! Drawing laid-out pages with printpdf 0.12 (embedded DejaVu Sans, Identity-H with a
//! ToUnicode map, so ë, é, ï, € and — survive copy and text extraction).

use super::opmaak::{HOOGTE, Item, Pagina};
use super::{LETTER_GEWOON, LETTER_VET, RapportFout};
use printpdf::{
    Color, Line, LinePoint, Mm, OffsetDateTime, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
};

fn kleur(grijs: f32) -> Color {
    Color::Rgb(Rgb::new(grijs, grijs, grijs, None))
}

/// Render pages to PDF bytes, with title, author (the app) and creation date.
pub fn teken(titel: &str, paginas: &[Pagina]) -> Result<Vec<u8>, RapportFout> {
    let mut doc = PdfDocument::new(titel);
    let nu = OffsetDateTime::now();
    doc.metadata.info.author = "Schakel".into();
    doc.metadata.info.creator = format!("Schakel {}", env!("CARGO_PKG_VERSION"));
    doc.metadata.info.producer = "Schakel (printpdf)".into();
    doc.metadata.info.subject = "Vertrouwelijk".into();
    doc.metadata.info.creation_date = nu;
    doc.metadata.info.modification_date = nu;
    doc.metadata.info.metadata_date = nu;
    let mut w = Vec::new();
    let gewoon = ParsedFont::from_bytes(LETTER_GEWOON, 0, &mut w).ok_or_else(|| RapportFout::Pdf("font".into()))?;
    let vet = ParsedFont::from_bytes(LETTER_VET, 0, &mut w).ok_or_else(|| RapportFout::Pdf("bold font".into()))?;
    let gewoon = doc.add_font(&gewoon);
    let vet = doc.add_font(&vet);
    let y = |mm: f32| Mm(HOOGTE - mm);
    for p in paginas {
        let mut ops = Vec::new();
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
                Item::Tekst { x, y: basis, grootte, vet: is_vet, grijs, tekst } => {
                    let font = if *is_vet { vet.clone() } else { gewoon.clone() };
                    ops.push(Op::SetFillColor { col: kleur(if *grijs { 0.38 } else { 0.0 }) });
                    // One text section per line: SetTextCursor is absolute only as the first move.
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFont { font: PdfFontHandle::External(font), size: Pt(*grootte) });
                    ops.push(Op::SetTextCursor { pos: Point::new(Mm(*x), y(*basis)) });
                    ops.push(Op::ShowText { items: vec![TextItem::Text(tekst.clone())] });
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

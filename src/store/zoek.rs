//! Full-text search over casus, betrokkenen, journaal and plan text (FTS5).

use super::casus::{CasusRegel, datum_tekst, vandaag};
use super::{Resultaat, Store};
use serde::Serialize;

/// A search hit: the casus plus where and what matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Zoektreffer {
    /// The casus.
    #[serde(flatten)]
    pub casus: CasusRegel,
    /// Which part matched: casus, betrokkene, journaal, doel, actie.
    pub bron: String,
    /// Text around the match, the match between `[` and `]`.
    pub fragment: String,
}

/// Turn any user text into a safe FTS5 query: words only, each quoted, the last one as
/// a prefix (search as you type). `None` when the text holds no word at all.
pub fn fts_query(tekst: &str) -> Option<String> {
    let woorden: Vec<&str> = tekst.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if woorden.is_empty() {
        return None;
    }
    let laatste = woorden.len() - 1;
    Some(
        woorden
            .iter()
            .enumerate()
            .map(|(i, w)| if i == laatste { format!("\"{w}\"*") } else { format!("\"{w}\"") })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Below this many characters a one-word search is a common prefix ("w", "ve") that
/// matches a large part of the index: ranking every match would cost more than the
/// search itself, so those hits come newest first instead.
const RANG_VANAF: usize = 3;

/// Is this a single word shorter than [`RANG_VANAF`] characters?
fn kort_voorvoegsel(tekst: &str) -> bool {
    let mut woorden = tekst.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    matches!((woorden.next(), woorden.next()), (Some(w), None) if w.chars().count() < RANG_VANAF)
}

impl Store {
    /// Search all text; one hit per casus, best match first (newest first for a one- or
    /// two-letter prefix, see [`RANG_VANAF`]).
    pub fn zoek(&self, tekst: &str, limiet: usize) -> Resultaat<Vec<Zoektreffer>> {
        let Some(q) = fts_query(tekst) else {
            return Ok(Vec::new());
        };
        let volgorde = if kort_voorvoegsel(tekst) { "zoekindex.rowid DESC" } else { "rank" };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT z.casus_id, z.bron, snippet(zoekindex, 0, '[', ']', '…', 12)
             FROM zoekindex JOIN zoekrij z ON z.nr = zoekindex.rowid
             WHERE zoekindex MATCH ?1 ORDER BY {volgorde} LIMIT ?2"
        ))?;
        let ruw: Vec<(String, String, String)> = stmt
            .query_map(rusqlite::params![q, (limiet * 8) as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        let mut gezien = std::collections::HashSet::new();
        let mut treffers = Vec::new();
        let sql = format!("{} WHERE c.id = ?2", super::casus::regel_select());
        let mut casus_stmt = self.conn.prepare_cached(&sql)?;
        let vandaag = datum_tekst(vandaag());
        for (casus_id, bron, fragment) in ruw {
            if treffers.len() >= limiet || !gezien.insert(casus_id.clone()) {
                continue;
            }
            let casus = casus_stmt.query_row(rusqlite::params![vandaag, casus_id], super::casus::regel_van_pub)?;
            treffers.push(Zoektreffer { casus, bron, fragment });
        }
        Ok(treffers)
    }
}

#[cfg(test)]
mod tests {
    use super::{fts_query, kort_voorvoegsel};

    #[test]
    fn only_a_single_short_prefix_skips_ranking() {
        assert!(kort_voorvoegsel("w"));
        assert!(kort_voorvoegsel(" ve* "));
        assert!(!kort_voorvoegsel("wo ni"), "two words are selective enough");
        assert!(!kort_voorvoegsel("won"));
        assert!(!kort_voorvoegsel(""));
    }

    #[test]
    fn fts_query_quotes_words_and_drops_syntax() {
        assert_eq!(fts_query("wonen schuld").as_deref(), Some("\"wonen\" \"schuld\"*"));
        assert_eq!(fts_query("\"*():").as_deref(), None);
        assert_eq!(fts_query("a\"b OR c*").as_deref(), Some("\"a\" \"b\" \"OR\" \"c\"*"));
        assert_eq!(fts_query("Veenhuizen").as_deref(), Some("\"Veenhuizen\"*"));
    }
}

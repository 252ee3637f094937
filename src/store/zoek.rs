//! Full-text search over casus, betrokkenen, journaal and plan text (FTS5).

use super::casus::{CasusRegel, datum_tekst, vandaag};
use super::{Resultaat, Store};
use crate::domain::fragment::{fragment, zoekwoorden};
use rusqlite::OptionalExtension;
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
    let woorden: Vec<&str> = zoekwoorden(tekst).collect();
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
    let mut woorden = zoekwoorden(tekst);
    matches!((woorden.next(), woorden.next()), (Some(w), None) if w.chars().count() < RANG_VANAF)
}

/// How many matches, newest first, are ranked by bm25. A common prefix ("won",
/// "schul") matches thousands of journaal rows; FTS5 walks its index newest first
/// natively, so ranking only this window keeps a search cheap at any size. The
/// best match is therefore the best among the newest `RANG_VENSTER` matches.
pub const RANG_VENSTER: usize = 400;

impl Store {
    /// Search all text; one hit per casus, at most `limiet` hits. The best match first
    /// among the newest [`RANG_VENSTER`] matches (bm25 over that window only), newest
    /// first for a one- or two-letter prefix (see [`RANG_VANAF`]). The fragment is made
    /// only for the hits returned, from their text (see [`crate::domain::fragment`]).
    pub fn zoek(&self, tekst: &str, limiet: usize) -> Resultaat<Vec<Zoektreffer>> {
        let Some(q) = fts_query(tekst) else {
            return Ok(Vec::new());
        };
        let sql = if kort_voorvoegsel(tekst) {
            "SELECT z.nr, z.casus_id, z.bron
             FROM (SELECT rowid AS nr FROM zoekindex WHERE zoekindex MATCH ?1
                   ORDER BY rowid DESC LIMIT ?2) t
             JOIN zoekrij z ON z.nr = t.nr ORDER BY t.nr DESC"
        } else {
            "SELECT z.nr, z.casus_id, z.bron
             FROM (SELECT rowid AS nr, bm25(zoekindex) AS r FROM zoekindex WHERE zoekindex MATCH ?1
                   ORDER BY rowid DESC LIMIT ?2) t
             JOIN zoekrij z ON z.nr = t.nr ORDER BY t.r, t.nr DESC"
        };
        let venster = if kort_voorvoegsel(tekst) { limiet.saturating_mul(8) } else { RANG_VENSTER };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let ruw: Vec<(i64, String, String)> = stmt
            .query_map(rusqlite::params![q, venster as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        let mut gezien = std::collections::HashSet::new();
        let gekozen: Vec<(i64, String, String)> =
            ruw.into_iter().filter(|(_, casus_id, _)| gezien.insert(casus_id.clone())).take(limiet).collect();
        // Fragments from the text of the chosen rows, by rowid (no second MATCH: that would
        // merge the doclists of a common prefix again; see `domain::fragment`).
        let mut tekst_stmt = self.conn.prepare_cached("SELECT tekst FROM zoekindex WHERE rowid = ?1")?;
        let sql = format!("{} WHERE c.id = ?2", super::casus::regel_select());
        let mut casus_stmt = self.conn.prepare_cached(&sql)?;
        let vandaag = datum_tekst(vandaag());
        let mut treffers = Vec::with_capacity(gekozen.len());
        for (nr, casus_id, bron) in gekozen {
            let bron_tekst: Option<String> = tekst_stmt.query_row([nr], |r| r.get(0)).optional()?;
            let fragment = fragment(bron_tekst.as_deref().unwrap_or_default(), tekst);
            let casus = casus_stmt.query_row(rusqlite::params![vandaag, casus_id], super::casus::regel_van_pub)?;
            treffers.push(Zoektreffer { casus, bron, fragment });
        }
        Ok(treffers)
    }
}

#[cfg(test)]
mod tests {
    use super::{fts_query, kort_voorvoegsel};
    use crate::domain::fragment::fragment;

    /// The fragments made in Rust are the ones FTS5's `snippet(…, 12)` made before, on
    /// texts with sentences (`.` and `:`), diacritics, repeats and several query words.
    #[test]
    fn fragments_match_fts5_snippet() {
        let c = rusqlite::Connection::open_in_memory().unwrap();
        c.execute_batch("CREATE VIRTUAL TABLE t USING fts5(tekst, tokenize = 'unicode61 remove_diacritics 2');")
            .unwrap();
        let teksten = [
            "Schulden bij de woningcorporatie.",
            "Dakloos na detentie, schulden bij meerdere schuldeisers en geen geldig identiteitsbewijs. \
             Eerdere schuldhulp gestopt na twee gesprekken. Partners verbinden en afspraken maken over wonen.",
            "Dreiging richting ex-partner; wapenbezit niet uitgesloten. Huisbezoek door wijkagent en GGZ samen; \
             geen ingang gevonden. Regie op een gezamenlijk veiligheidsplan: wonen, werk en schulden.",
            "Escalerend verward gedrag in de wijk, zorgmijdend, eerdere crisisopnames. Zorgen om de veiligheid \
             van de buren en de zorg voor de kinderen: Zoë (9) en Ömer (12) wonen bij hun moeder.",
            "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien \
             zeventien achttien negentien twintig wonen eenentwintig tweeëntwintig",
            "Wonen wonen wonen: woning gezocht. Wonen in Veenhuizen na detentie; wonen zonder schulden lukt niet.",
        ];
        for (i, tekst) in teksten.iter().enumerate() {
            c.execute("INSERT INTO t(rowid, tekst) VALUES (?1, ?2)", rusqlite::params![i as i64, tekst]).unwrap();
        }
        let mut geprobeerd = 0;
        for zoek in
            ["schul", "wonen", "won", "huisbezoek", "zoe", "omer", "veilig", "wonen schul", "schulden won", "zorg"]
        {
            let q = fts_query(zoek).unwrap();
            let mut stmt = c
                .prepare("SELECT rowid, tekst, snippet(t, 0, '[', ']', '…', 12) FROM t WHERE t MATCH ?1 ORDER BY rowid")
                .unwrap();
            let rijen: Vec<(i64, String, String)> =
                stmt.query_map([&q], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect();
            for (nr, tekst, snippet) in rijen {
                assert_eq!(fragment(&tekst, zoek), snippet, "{zoek:?} in text {nr}");
                geprobeerd += 1;
            }
        }
        assert!(geprobeerd >= 20, "{geprobeerd}");
    }

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

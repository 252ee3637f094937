//! The fragment a search hit shows: a few words of the matched text around the match,
//! each matching word between `[` and `]`, `…` where text was left out.
//!
//! Made in Rust from the hit's text instead of with FTS5's `snippet()`: `snippet()` needs
//! the MATCH in the same query, and a second MATCH for the returned rows merges the
//! doclists of every term of a common prefix again (most of a search's time at 5,000
//! cases). The rules follow `snippet(…, 12)`: words are runs of letters and digits,
//! compared without case and diacritics; every query word but the last must match a
//! whole word, the last one is a prefix. Of the windows of [`FRAGMENT_WOORDEN`] words
//! around each match (centred) or from the start of its sentence (a bonus), the one with
//! the most different query words wins, the earliest on a tie.

use super::naam::vouw_naam;

/// Words in a fragment (the `12` FTS5's `snippet()` was called with).
pub const FRAGMENT_WOORDEN: usize = 12;

/// The words of a text as search sees them: runs of letters and digits.
pub fn zoekwoorden(tekst: &str) -> impl Iterator<Item = &str> {
    tekst.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// Byte ranges of the words in `tekst`.
fn woordgrenzen(tekst: &str) -> Vec<(usize, usize)> {
    let mut uit = Vec::new();
    let mut begin = None;
    for (i, c) in tekst.char_indices() {
        match (c.is_alphanumeric(), begin) {
            (true, None) => begin = Some(i),
            (false, Some(b)) => {
                uit.push((b, i));
                begin = None;
            }
            _ => {}
        }
    }
    if let Some(b) = begin {
        uit.push((b, tekst.len()));
    }
    uit
}

/// Does the word starting at byte `begin` start a sentence (as FTS5 sees it: the first
/// word, or one after whitespace preceded by `.` or `:`)?
fn begint_zin(tekst: &str, begin: usize) -> bool {
    let voor = tekst[..begin].trim_end_matches([' ', '\t', '\n', '\r']);
    begin == 0 || (voor.len() < begin && (voor.ends_with('.') || voor.ends_with(':')))
}

/// The fragment of `tekst` for the search `zoek` (as typed: the last word a prefix).
/// Without any match the first words of the text, without brackets.
pub fn fragment(tekst: &str, zoek: &str) -> String {
    let termen: Vec<String> = zoekwoorden(zoek).take(64).map(vouw_naam).collect();
    let woorden = woordgrenzen(tekst);
    // Per word of the text, the query words it matches (bit i: query word i).
    let treffer: Vec<u64> = woorden
        .iter()
        .map(|&(b, e)| {
            let w = vouw_naam(&tekst[b..e]);
            termen.iter().enumerate().fold(0, |m, (i, t)| {
                let raak = if i + 1 == termen.len() { w.starts_with(t.as_str()) } else { w == *t };
                if raak { m | 1 << i } else { m }
            })
        })
        .collect();
    let n = woorden.len();
    let k = FRAGMENT_WOORDEN;
    // Score of the window of `k` words from `vanaf`: 1000 for each different query word
    // in it, 1 for each repeat; and the first and one past the last matching word.
    let score = |vanaf: usize| {
        let (mut gezien, mut punten, mut eerste, mut laatste) = (0u64, 0usize, None, vanaf);
        for (t, &m) in treffer.iter().enumerate().take((vanaf + k).min(n)).skip(vanaf).filter(|(_, m)| **m != 0) {
            punten += 1000 * (m & !gezien).count_ones() as usize + (m & gezien).count_ones() as usize;
            gezien |= m;
            eerste.get_or_insert(t);
            laatste = t + 1;
        }
        (punten, eerste.unwrap_or(vanaf), laatste)
    };
    let zinnen: Vec<usize> = (0..n).filter(|&t| begint_zin(tekst, woorden[t].0)).collect();
    let (mut begin, mut beste) = (0, 0);
    for p in (0..n).filter(|&p| treffer[p] != 0) {
        // The window from this match, its matches centred.
        let (punten, eerste, laatste) = score(p);
        let midden = eerste.saturating_sub((k - (laatste - eerste)) / 2).min(n.saturating_sub(k));
        if punten > beste {
            (beste, begin) = (punten, midden);
        }
        // Or from the start of its sentence, if that is before it.
        if let Some(&zin) = zinnen.iter().rev().find(|&&z| z <= p)
            && n > k
            && zin < p
        {
            let punten = score(zin).0 + if zin == 0 { 120 } else { 100 };
            if punten > beste {
                (beste, begin) = (punten, zin);
            }
        }
    }
    let eind = (begin + k).min(n);
    let mut uit = String::with_capacity(tekst.len().min(200));
    let mut pos = if begin == 0 {
        0
    } else {
        uit.push('…');
        woorden[begin].0
    };
    for (i, &(b, e)) in woorden.iter().enumerate().take(eind).skip(begin) {
        uit.push_str(&tekst[pos..b]);
        if treffer[i] != 0 {
            uit.push('[');
            uit.push_str(&tekst[b..e]);
            uit.push(']');
        } else {
            uit.push_str(&tekst[b..e]);
        }
        pos = e;
    }
    if eind < n {
        uit.push('…');
    } else {
        uit.push_str(&tekst[pos..]);
    }
    uit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_text_is_shown_whole_with_the_prefix_match_marked() {
        assert_eq!(fragment("Schulden bij de woningcorporatie.", "woning"), "Schulden bij de [woningcorporatie].");
    }

    #[test]
    fn case_and_diacritics_do_not_matter_and_earlier_words_match_whole() {
        assert_eq!(
            fragment("Gesprek met Zoë over wonen en woningnood", "zoe wonen"),
            "Gesprek met [Zoë] over [wonen] en woningnood"
        );
        assert_eq!(fragment("Gesprek met Zoë", "ZOË"), "Gesprek met [Zoë]");
    }

    #[test]
    fn a_long_text_shows_twelve_words_around_the_match() {
        let tekst = "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien \
                     vijftien zestien huisbezoek zeventien achttien negentien twintig eenentwintig \
                     tweeëntwintig drieëntwintig vierentwintig";
        assert_eq!(
            fragment(tekst, "huisbez"),
            "…twaalf dertien veertien vijftien zestien [huisbezoek] zeventien achttien negentien twintig \
             eenentwintig tweeëntwintig…"
        );
    }

    #[test]
    fn the_window_with_the_most_different_words_wins() {
        let tekst = "schuld a b c d e f g h i j k l m n o p q r wonen s schulden t u v w x y z";
        let f = fragment(tekst, "wonen schul");
        assert!(f.contains("[wonen]") && f.contains("[schulden]"), "{f}");
        assert!(!f.contains("[schuld]"), "{f}");
    }

    #[test]
    fn the_window_starts_at_the_sentence_of_the_match_when_it_fits() {
        let tekst = "Eerste zin over iets anders en nog meer woorden hier. Daarna volgt het huisbezoek \
                     bij de familie en nog veel meer tekst erachter aan.";
        assert_eq!(
            fragment(tekst, "huisbezoek"),
            "…Daarna volgt het [huisbezoek] bij de familie en nog veel meer tekst…"
        );
    }

    #[test]
    fn at_the_start_no_leading_ellipsis_and_at_the_end_the_rest_of_the_text() {
        let tekst = "Veilig thuis een twee drie vier vijf zes zeven acht negen tien elf";
        assert_eq!(fragment(tekst, "veil"), "[Veilig] thuis een twee drie vier vijf zes zeven acht negen tien…");
        let tekst = "een twee drie vier vijf zes zeven acht negen tien elf twaalf veilig!";
        assert_eq!(fragment(tekst, "veilig"), "…twee drie vier vijf zes zeven acht negen tien elf twaalf [veilig]!");
    }

    #[test]
    fn without_a_match_the_start_of_the_text_unmarked() {
        assert_eq!(fragment("Alleen tekst zonder treffer.", "xyz"), "Alleen tekst zonder treffer.");
        assert_eq!(fragment("", "xyz"), "");
    }
}

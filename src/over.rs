//! "Over Schakel": version, licence and the licences of the parts Schakel is built from.
//! The list is `assets/licenties-derden.txt`, generated from `cargo metadata` by
//! `bash scripts/licenties.sh`; a test fails when it no longer matches Cargo.lock.

/// The app version, from Cargo.toml.
pub const VERSIE: &str = env!("CARGO_PKG_VERSION");

/// Schakel's own licence (SPDX), as in Cargo.toml.
pub const LICENTIE: &str = env!("CARGO_PKG_LICENSE");

/// The committed list of third-party parts: `naam<TAB>versie<TAB>licentie` per line,
/// `#` starts a comment.
pub const LICENTIES_DERDEN: &str = include_str!("../assets/licenties-derden.txt");

/// One third-party part and its licence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Onderdeel {
    /// Crate or library name.
    pub naam: String,
    /// Version.
    pub versie: String,
    /// Licence expression (SPDX) as the part declares it.
    pub licentie: String,
}

/// Parse a list in the format of [`LICENTIES_DERDEN`]; lines that do not have three fields
/// are skipped.
pub fn lees(tekst: &str) -> Vec<Onderdeel> {
    tekst
        .lines()
        .filter(|r| !r.trim().is_empty() && !r.starts_with('#'))
        .filter_map(|r| {
            let mut v = r.split('\t');
            let (naam, versie, licentie) = (v.next()?, v.next()?, v.next()?);
            Some(Onderdeel { naam: naam.into(), versie: versie.into(), licentie: licentie.into() })
        })
        .collect()
}

/// The third-party parts of this build.
pub fn onderdelen() -> Vec<Onderdeel> {
    lees(LICENTIES_DERDEN)
}

/// How many parts carry each licence expression, most used first (ties by name).
pub fn per_licentie(onderdelen: &[Onderdeel]) -> Vec<(String, usize)> {
    let mut telling: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for o in onderdelen {
        *telling.entry(o.licentie.as_str()).or_default() += 1;
    }
    let mut v: Vec<(String, usize)> = telling.into_iter().map(|(l, n)| (l.to_string(), n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_counts() {
        let l = lees("# kop\nserde\t1.0.0\tMIT OR Apache-2.0\nrand\t0.8.5\tMIT OR Apache-2.0\nx\t1\tMIT\nkapot\n");
        assert_eq!(l.len(), 3);
        assert_eq!(l[2], Onderdeel { naam: "x".into(), versie: "1".into(), licentie: "MIT".into() });
        assert_eq!(per_licentie(&l), vec![("MIT OR Apache-2.0".into(), 2), ("MIT".into(), 1)]);
    }
}

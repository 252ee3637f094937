//! Parity: every store function that changes data (`pub fn …(&mut self`) is reachable
//! from the window (`src/ui`) and from the command line (`src/cli*`). A function without
//! a caller on one side is an unfinished feature; the exceptions are listed here with a
//! reason, and an exception that is no longer needed fails too, so the list stays true.

use std::collections::BTreeSet;
use std::path::Path;

/// (function, side it may lack, reason).
const UITZONDERINGEN: &[(&str, Zijde, &str)] = &[
    // Internal or convenience functions, not user actions.
    ("nieuwe_casus", Zijde::Beide, "demo and tests; the window and the CLI register through `aanmelding`"),
    ("zet_identiteit", Zijde::Beide, "made once by sync::apparaat on first use"),
    ("batch", Zijde::Beide, "a transaction helper, not an action"),
    ("batch_in_geheugen", Zijde::Beide, "a transaction helper for demo data"),
    ("risico_zetten", Zijde::Beide, "demo data and tests; the window and the CLI record through `risico_taxatie`"),
    ("partner_convenant", Zijde::Beide, "used by the contact-list import; the window edits it through partner_wijzig"),
    ("compacteren", Zijde::Beide, "runs on its own after every import, export and demo (store::compacteren)"),
    // Window-only by nature.
    ("zet_instelling", Zijde::Cli, "local settings (name, role, idle lock) belong to the window; init sets them"),
    ("conflict_kiezen", Zijde::Cli, "the CLI chooses by listed id and number (conflict_kiezen_nummer)"),
    ("conflict_kiezen_nummer", Zijde::Venster, "the window chooses the value in the list (conflict_kiezen)"),
    ("actie_verplaats", Zijde::Cli, "order on screen (Alt+↑/↓); not useful in a script"),
    ("agendapunt_verplaats", Zijde::Cli, "order on screen; issue 20 lists no CLI command for it"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zijde {
    Venster,
    Cli,
    Beide,
}

fn bronnen(map: &Path, uit: &mut String) {
    for e in std::fs::read_dir(map).unwrap_or_else(|e| panic!("{}: {e}", map.display())) {
        let pad = e.unwrap().path();
        if pad.is_dir() {
            bronnen(&pad, uit);
        } else if pad.extension().and_then(|x| x.to_str()) == Some("rs") {
            uit.push_str(&std::fs::read_to_string(&pad).unwrap());
        }
    }
}

#[test]
fn elke_wijzigende_storefunctie_heeft_een_aanroep_in_venster_en_cli() {
    let wortel = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut store = String::new();
    bronnen(&wortel.join("src/store"), &mut store);
    let mut venster = String::new();
    bronnen(&wortel.join("src/ui"), &mut venster);
    let mut cli = std::fs::read_to_string(wortel.join("src/cli.rs")).unwrap();
    bronnen(&wortel.join("src/cli"), &mut cli);
    let functies: BTreeSet<String> = store
        .split("pub fn ")
        .skip(1)
        .filter_map(|rest| {
            let (naam, na) = rest.split_once('(')?;
            let naam = naam.split('<').next()?.trim();
            na.trim_start().starts_with("&mut self").then(|| naam.to_string())
        })
        .collect();
    assert!(functies.len() > 30, "only {} functions found", functies.len());
    let mut fouten = Vec::new();
    for f in &functies {
        let aanroep = format!(".{f}(");
        let (in_venster, in_cli) = (venster.contains(&aanroep), cli.contains(&aanroep));
        let mag = UITZONDERINGEN.iter().find(|(n, _, _)| n == f).map(|(_, z, _)| *z);
        let nodig_venster = !matches!(mag, Some(Zijde::Venster | Zijde::Beide));
        let nodig_cli = !matches!(mag, Some(Zijde::Cli | Zijde::Beide));
        if nodig_venster && !in_venster {
            fouten.push(format!("{f}: no caller in the window"));
        }
        if nodig_cli && !in_cli {
            fouten.push(format!("{f}: no caller in the CLI"));
        }
        // An exception that no longer applies must go, so the list stays true.
        match mag {
            Some(Zijde::Venster) if in_venster => {
                fouten.push(format!("{f}: has a window caller now; drop it from UITZONDERINGEN"))
            }
            Some(Zijde::Cli) if in_cli => {
                fouten.push(format!("{f}: has a CLI caller now; drop it from UITZONDERINGEN"))
            }
            _ => {}
        }
    }
    for (n, _, _) in UITZONDERINGEN {
        if !functies.contains(*n) {
            fouten.push(format!("{n}: listed in UITZONDERINGEN but not a changing store function"));
        }
    }
    assert!(fouten.is_empty(), "parity gaps:\n{}", fouten.join("\n"));
}

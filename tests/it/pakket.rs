//! Packaging and app metadata: help and man page in Dutch, version, the desktop entry,
//! the icon, the .deb metadata and the third-party licence list.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

const MAP: &str = env!("CARGO_MANIFEST_DIR");

fn schakel() -> Command {
    let mut c = Command::cargo_bin("schakel").unwrap();
    c.env_remove("SCHAKEL_DEBUG");
    c
}

fn lees(pad: &str) -> String {
    std::fs::read_to_string(Path::new(MAP).join(pad)).unwrap_or_else(|e| panic!("{pad}: {e}"))
}

/// Every command and subcommand, with its full name ("casus list").
fn alle_opdrachten() -> Vec<(String, clap::Command)> {
    fn verzamel(prefix: &str, cmd: &clap::Command, uit: &mut Vec<(String, clap::Command)>) {
        for sub in cmd.get_subcommands() {
            let naam = format!("{prefix}{}", sub.get_name()).trim().to_string();
            uit.push((naam.clone(), sub.clone()));
            verzamel(&format!("{naam} "), sub, uit);
        }
    }
    let mut uit = Vec::new();
    verzamel("", &schakel::cli::commando(), &mut uit);
    uit
}

/// Words that only occur in English help text (clap's defaults among them).
const ENGELS: [&str; 9] = [" the ", "Print ", "Show ", "help", "version", " of the", "Create ", "List ", "Usage"];

#[test]
fn every_command_has_dutch_help() {
    let opdrachten = alle_opdrachten();
    assert!(opdrachten.len() > 30, "{} commands", opdrachten.len());
    for (naam, cmd) in &opdrachten {
        let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
        assert!(about.len() > 5, "'{naam}' has no description");
        for woord in ENGELS {
            assert!(!about.contains(woord), "'{naam}': English in {about:?}");
        }
        // Every argument is explained, in Dutch.
        for arg in cmd.get_arguments() {
            let hulp = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            assert!(!hulp.is_empty(), "'{naam} --{}' has no help text", arg.get_id());
            assert!(!hulp.starts_with("Print"), "'{naam} --{}': {hulp}", arg.get_id());
        }
        // And its --help output uses the Dutch headings.
        let mut args: Vec<&str> = naam.split(' ').collect();
        args.push("--help");
        let uit = schakel().args(&args).assert().success().get_output().stdout.clone();
        let uit = String::from_utf8(uit).unwrap();
        assert!(uit.contains("Gebruik: schakel"), "{naam}: {uit}");
        assert!(uit.contains("Toon deze hulp"), "{naam}: {uit}");
        for woord in ["Usage:", "Options:", "Commands:", "Print help", "[OPTIONS]"] {
            assert!(!uit.contains(woord), "{naam} --help shows {woord:?}:\n{uit}");
        }
    }
    let top = String::from_utf8(schakel().arg("--help").assert().success().get_output().stdout.clone()).unwrap();
    assert!(top.contains("Toon de versie") && top.contains("Opdrachten:") && top.contains("handleiding"), "{top}");
}

#[test]
fn version_is_the_cargo_version() {
    let uit = schakel().arg("--version").assert().success().get_output().stdout.clone();
    assert_eq!(String::from_utf8(uit).unwrap(), format!("schakel {}\n", env!("CARGO_PKG_VERSION")));
    schakel().arg("-V").assert().success();
}

#[test]
fn man_page_names_every_command_in_dutch() {
    let uit =
        schakel().arg("handleiding").env_remove("SCHAKEL_DATA_DIR").assert().success().get_output().stdout.clone();
    let man = String::from_utf8(uit).unwrap();
    assert!(man.starts_with(".ie") || man.contains(".TH schakel 1"), "not roff:\n{}", &man[..200.min(man.len())]);
    for kop in [".SH NAAM", ".SH OVERZICHT", ".SH BESCHRIJVING", ".SH OPTIES", ".SH OPDRACHTEN", ".SH VERSIE"] {
        assert!(man.contains(kop), "missing {kop}");
    }
    assert!(!man.contains(".SH NAME") && !man.contains(".SH SYNOPSIS"), "English section names left");
    assert!(man.contains(env!("CARGO_PKG_VERSION")));
    for sub in schakel::cli::commando().get_subcommands() {
        assert!(man.contains(&format!("schakel\\-{}", sub.get_name())), "man page lacks {}", sub.get_name());
    }

    // One page per command for the package.
    let d = tempfile::tempdir().unwrap();
    schakel().args(["handleiding", "--map"]).arg(d.path()).assert().success();
    for (naam, _) in alle_opdrachten() {
        let pagina = d.path().join(format!("schakel-{}.1", naam.replace(' ', "-")));
        let tekst = std::fs::read_to_string(&pagina).unwrap_or_else(|e| panic!("{}: {e}", pagina.display()));
        assert!(tekst.contains(".SH NAAM"), "{naam}");
    }
    assert!(d.path().join("schakel.1").exists());
}

#[test]
fn desktop_entry_matches_the_window() {
    let desktop = lees("packaging/schakel.desktop");
    let veld = |k: &str| {
        desktop
            .lines()
            .find_map(|r| r.strip_prefix(&format!("{k}=")))
            .unwrap_or_else(|| panic!("no {k}= in the desktop entry"))
            .to_string()
    };
    // The window's app id (Wayland) / WM_CLASS (X11) must match, or the desktop shows a
    // second, icon-less entry for the running window.
    assert_eq!(veld("StartupWMClass"), schakel::ui::APP_ID);
    assert_eq!(veld("Icon"), schakel::ui::APP_ID);
    assert_eq!(veld("Exec"), "schakel");
    assert_eq!(veld("Terminal"), "false");
    assert_eq!(veld("Categories"), "Office;");
    assert!(veld("Comment").contains("casusregie"));
    // The window icon is the app icon.
    let icoon = schakel::ui::venster_icoon().expect("window icon from the embedded pixels");
    let (pixels, maat) = icoon.into_raw();
    assert_eq!(maat, iced::Size::new(64, 64));
    // Not a blank square: the corners are transparent, the middle is not.
    assert_eq!(pixels[3], 0, "corner alpha");
    assert!(pixels.chunks(4).filter(|p| p[3] == 255).count() > 64 * 64 / 2);
}

#[test]
fn deb_assets_exist_and_land_in_the_right_places() {
    let toml = lees("Cargo.toml");
    let deb = toml.split("[package.metadata.deb]").nth(1).expect("cargo-deb metadata");
    let deb = deb.split("\n[").next().unwrap_or(deb);
    for (bron, doel) in [
        ("target/release/schakel", "usr/bin/"),
        ("packaging/schakel.desktop", "usr/share/applications/"),
        ("assets/icons/schakel.svg", "usr/share/icons/hicolor/scalable/apps/schakel.svg"),
        ("assets/icons/schakel-256.png", "usr/share/icons/hicolor/256x256/apps/schakel.png"),
        ("assets/icons/schakel-16.png", "usr/share/icons/hicolor/16x16/apps/schakel.png"),
        ("target/pakket/man/*.1", "usr/share/man/man1/"),
        ("LICENSE", "usr/share/doc/schakel/"),
        ("assets/licenties-derden.txt", "usr/share/doc/schakel/"),
        ("assets/fonts/LICENSE-DejaVu.txt", "usr/share/doc/schakel/"),
    ] {
        assert!(deb.contains(&format!("[\"{bron}\", \"{doel}\"")), "asset {bron} -> {doel} missing");
        if !bron.starts_with("target/") {
            assert!(Path::new(MAP).join(bron).exists(), "{bron} does not exist");
        }
    }
    // The window libraries that the binary loads at run time (dlopen) are dependencies.
    for lib in ["libxkbcommon0", "libwayland-client0", "libx11-6", "libegl1"] {
        assert!(deb.contains(lib), "depends lacks {lib}");
    }
}

/// The list as `scripts/licenties.sh` writes it: every package that the Linux binary is
/// built from (normal dependencies, transitively), from `cargo metadata`, plus the bundled
/// C libraries and fonts.
fn licentielijst() -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--filter-platform", "x86_64-unknown-linux-gnu"])
        .current_dir(MAP)
        .output()
        .unwrap();
    assert!(out.status.success(), "cargo metadata: {}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let pakketten: BTreeMap<&str, &Value> =
        v["packages"].as_array().unwrap().iter().map(|p| (p["id"].as_str().unwrap(), p)).collect();
    let knopen: BTreeMap<&str, &Value> =
        v["resolve"]["nodes"].as_array().unwrap().iter().map(|n| (n["id"].as_str().unwrap(), n)).collect();
    let wortel = v["resolve"]["root"].as_str().unwrap();
    let mut gezien = BTreeSet::from([wortel]);
    let mut rij = VecDeque::from([wortel]);
    while let Some(id) = rij.pop_front() {
        for dep in knopen[id]["deps"].as_array().unwrap() {
            let normaal = dep["dep_kinds"].as_array().unwrap().iter().any(|k| k["kind"].is_null());
            let pkg = dep["pkg"].as_str().unwrap();
            if normaal && gezien.insert(pkg) {
                rij.push_back(pkg);
            }
        }
    }
    gezien.remove(wortel);
    let mut regels: Vec<String> = gezien
        .iter()
        .map(|id| {
            let p = pakketten[id];
            let licentie = p["license"].as_str().unwrap_or("zie de broncode (geen SPDX-licentie opgegeven)");
            format!("{}\t{}\t{}", p["name"].as_str().unwrap(), p["version"].as_str().unwrap(), licentie)
        })
        .collect();
    regels.sort();
    regels.dedup();
    // Bundled C code and fonts, which have their own licences.
    let versie_van = |naam: &str| {
        pakketten.values().find(|p| p["name"] == naam).map(|p| p["version"].as_str().unwrap().to_string()).unwrap()
    };
    let openssl = versie_van("openssl-src");
    let openssl = openssl.split('+').nth(1).unwrap_or(&openssl).to_string();
    // SQLCipher's version is in the amalgamation that libsqlite3-sys bundles.
    let sqlite_sys = pakketten.values().find(|p| p["name"] == "libsqlite3-sys").unwrap();
    let amalgaam = Path::new(sqlite_sys["manifest_path"].as_str().unwrap()).with_file_name("sqlcipher/sqlite3.c");
    let sqlcipher = std::fs::read_to_string(&amalgaam)
        .unwrap_or_default()
        .lines()
        .find_map(|r| r.strip_prefix("#define CIPHER_VERSION_NUMBER ").map(|v| v.trim().to_string()))
        .unwrap_or_else(|| "4".into());
    let extra = [
        format!("OpenSSL (in openssl-src)\t{openssl}\tApache-2.0"),
        format!("SQLCipher (in libsqlite3-sys)\t{sqlcipher}\tBSD-3-Clause"),
        "DejaVu Sans (lettertype rapporten)\t2.37\tBitstream-Vera".to_string(),
        "Fira Sans (lettertype venster, in iced)\t-\tOFL-1.1".to_string(),
    ];
    format!(
        "# Onderdelen van derden in Schakel {} (Linux), met hun licentie: naam, versie, licentie.\n\
         # Gemaakt met 'bash scripts/licenties.sh' uit Cargo.lock; niet met de hand wijzigen.\n\
         # De licentieteksten staan in de broncode van elk onderdeel (crates.io).\n{}\n{}\n",
        env!("CARGO_PKG_VERSION"),
        extra.join("\n"),
        regels.join("\n")
    )
}

#[test]
fn third_party_licence_list_matches_cargo_lock() {
    let verwacht = licentielijst();
    let pad = Path::new(MAP).join("assets/licenties-derden.txt");
    if std::env::var_os("SCHAKEL_LICENTIES_BIJWERKEN").is_some() {
        std::fs::write(&pad, &verwacht).unwrap();
    }
    let vastgelegd = std::fs::read_to_string(&pad).unwrap_or_default();
    let nu: BTreeSet<_> = schakel::over::lees(&vastgelegd).into_iter().map(|o| (o.naam, o.versie)).collect();
    let ontbrekend: Vec<String> = schakel::over::lees(&verwacht)
        .into_iter()
        .filter(|o| !nu.contains(&(o.naam.clone(), o.versie.clone())))
        .map(|o| format!("{} {}", o.naam, o.versie))
        .collect();
    assert!(
        ontbrekend.is_empty(),
        "Cargo.lock has parts missing from assets/licenties-derden.txt (run bash scripts/licenties.sh): {ontbrekend:?}"
    );
    assert_eq!(vastgelegd, verwacht, "assets/licenties-derden.txt is stale: run bash scripts/licenties.sh");
    // What the app shows is that same list (compiled in: only after a rebuild when the list
    // was just rewritten).
    if std::env::var_os("SCHAKEL_LICENTIES_BIJWERKEN").is_some() {
        return;
    }
    assert_eq!(schakel::over::onderdelen(), schakel::over::lees(&verwacht));
    assert!(schakel::over::onderdelen().iter().any(|o| o.naam == "rusqlite"));
}

//! The manual as man pages (roff), generated from the same clap definition as `--help`
//! (`schakel handleiding`). clap_mangen writes English section names; they are replaced by
//! the Dutch ones, as in Dutch man pages.

use std::io;
use std::path::{Path, PathBuf};

/// English section names from clap_mangen and their Dutch names.
const SECTIES: [(&str, &str); 7] = [
    (".SH NAME", ".SH NAAM"),
    (".SH SYNOPSIS", ".SH OVERZICHT"),
    (".SH DESCRIPTION", ".SH BESCHRIJVING"),
    (".SH EXTRA", ".SH MEER INFORMATIE"),
    (".SH VERSION", ".SH VERSIE"),
    (".SH AUTHORS", ".SH AUTEURS"),
    // The heading of the command list is ours ("Opdrachten"); man pages write headings in capitals.
    (".SH Opdrachten", ".SH OPDRACHTEN"),
];

/// Render one page in Dutch.
fn render(cmd: clap::Command) -> io::Result<String> {
    let man = clap_mangen::Man::new(cmd).manual("Schakel-handleiding");
    let mut uit = Vec::new();
    man.render(&mut uit)?;
    let tekst = String::from_utf8(uit).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    Ok(tekst
        .lines()
        .map(|regel| SECTIES.iter().find(|(en, _)| regel == *en).map_or(regel, |(_, nl)| *nl))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n")
}

/// The main page, `schakel.1`: all options and the list of commands.
pub fn hoofdpagina() -> io::Result<String> {
    render(crate::cli::commando())
}

/// Write `schakel.1` and one page per (sub)command (`schakel-casus.1`,
/// `schakel-casus-list.1`, ...) into `map`; returns the files written, main page first.
pub fn schrijf_alle(map: &Path) -> io::Result<Vec<PathBuf>> {
    fn schrijf(cmd: clap::Command, map: &Path, uit: &mut Vec<PathBuf>) -> io::Result<()> {
        let naam = format!("{}.1", cmd.get_display_name().unwrap_or_else(|| cmd.get_name()));
        let pad = map.join(naam);
        std::fs::write(&pad, render(cmd.clone())?)?;
        uit.push(pad);
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            schrijf(sub.clone(), map, uit)?;
        }
        Ok(())
    }
    std::fs::create_dir_all(map)?;
    let mut cmd = crate::cli::commando();
    // Sets the display names of the subcommands ("schakel-casus") and propagates globals.
    cmd.build();
    let mut uit = Vec::new();
    schrijf(cmd, map, &mut uit)?;
    Ok(uit)
}

//! The one way Schakel writes a file: bundles, backups, reports, exports, the key file
//! and the private print copies all go through [`schrijf`].
//!
//! The bytes go to a temporary name in the same folder (so the rename cannot cross file
//! systems), are flushed to disk, and only then get the real name; the folder is flushed
//! too, so the new name survives a power cut. A pulled USB stick or a full disk leaves at
//! most a hidden temporary file, never a half file under the real name. The file is
//! readable by its owner only (mode 0600 on Unix): everything Schakel writes may hold
//! personal data.

use super::{Resultaat, StoreFout};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// May [`schrijf`] replace a file that already exists?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overschrijven {
    /// Replace it (atomically: readers see the old or the new file, never a mix).
    Ja,
    /// Refuse with [`StoreFout::BestandBestaat`] and leave the existing file untouched.
    Nee,
}

/// A temporary name next to `pad`, unique within this process and across processes.
fn tijdelijke_naam(pad: &Path) -> PathBuf {
    static TELLER: AtomicU64 = AtomicU64::new(0);
    let map = map_van(pad);
    let naam = pad.file_name().and_then(|n| n.to_str()).unwrap_or("bestand");
    let n = TELLER.fetch_add(1, Ordering::Relaxed);
    map.join(format!(".{naam}.{}-{n}.deels", std::process::id()))
}

fn map_van(pad: &Path) -> &Path {
    pad.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Write `inhoud` to `pad` atomically (temporary name, fsync, rename, folder fsync),
/// owner-only. With [`Overschrijven::Nee`] an existing `pad` is refused, also when it
/// appears while writing.
pub fn schrijf(pad: &Path, inhoud: &[u8], overschrijven: Overschrijven) -> Resultaat<()> {
    if overschrijven == Overschrijven::Nee && pad.exists() {
        return Err(StoreFout::BestandBestaat(pad.to_path_buf()));
    }
    let tijdelijk = tijdelijke_naam(pad);
    let r = schrijf_tijdelijk(&tijdelijk, inhoud).and_then(|()| plaats(&tijdelijk, pad, overschrijven));
    if r.is_err() {
        let _ = std::fs::remove_file(&tijdelijk);
    }
    r?;
    flush_map(map_van(pad));
    Ok(())
}

/// [`schrijf`] for content too large to hold in memory: `vul` writes it into the
/// temporary file (a backup of the whole database), with the same guarantees.
pub fn schrijf_met(
    pad: &Path,
    overschrijven: Overschrijven,
    vul: impl FnOnce(&mut std::fs::File) -> Resultaat<()>,
) -> Resultaat<()> {
    if overschrijven == Overschrijven::Nee && pad.exists() {
        return Err(StoreFout::BestandBestaat(pad.to_path_buf()));
    }
    let tijdelijk = tijdelijke_naam(pad);
    let r = open_tijdelijk(&tijdelijk)
        .and_then(|mut f| {
            vul(&mut f)?;
            f.sync_all()?;
            Ok(())
        })
        .and_then(|()| plaats(&tijdelijk, pad, overschrijven));
    if r.is_err() {
        let _ = std::fs::remove_file(&tijdelijk);
    }
    r?;
    flush_map(map_van(pad));
    Ok(())
}

fn open_tijdelijk(tijdelijk: &Path) -> Resultaat<std::fs::File> {
    let mut opties = std::fs::OpenOptions::new();
    opties.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opties.mode(0o600);
    }
    Ok(opties.open(tijdelijk)?)
}

fn schrijf_tijdelijk(tijdelijk: &Path, inhoud: &[u8]) -> Resultaat<()> {
    let mut opties = std::fs::OpenOptions::new();
    opties.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opties.mode(0o600);
    }
    let mut f = opties.open(tijdelijk)?;
    f.write_all(inhoud)?;
    f.sync_all()?;
    Ok(())
}

/// Give the finished temporary file its real name.
fn plaats(tijdelijk: &Path, pad: &Path, overschrijven: Overschrijven) -> Resultaat<()> {
    match overschrijven {
        Overschrijven::Ja => std::fs::rename(tijdelijk, pad)?,
        Overschrijven::Nee => {
            // A hard link never replaces an existing name: the refusal holds even when
            // another program creates the file meanwhile.
            match std::fs::hard_link(tijdelijk, pad) {
                Ok(()) => std::fs::remove_file(tijdelijk)?,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(StoreFout::BestandBestaat(pad.to_path_buf()));
                }
                // File systems without hard links (FAT on a USB stick): check, then rename.
                Err(_) if pad.exists() => return Err(StoreFout::BestandBestaat(pad.to_path_buf())),
                Err(_) => std::fs::rename(tijdelijk, pad)?,
            }
        }
    }
    Ok(())
}

/// Flush the folder entry of a rename (Unix; elsewhere the rename is already durable).
fn flush_map(map: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(map) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = map;
}

/// Write `inhoud` to `pad` inside `map`, a folder only the owner can enter (created when
/// missing): the private print copies handed to the PDF viewer.
pub fn schrijf_prive(map: &Path, pad: &Path, inhoud: &[u8]) -> Resultaat<()> {
    std::fs::create_dir_all(map)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(map, std::fs::Permissions::from_mode(0o700))?;
    }
    schrijf(pad, inhoud, Overschrijven::Ja)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rest(map: &Path) -> Vec<String> {
        let mut namen: Vec<String> =
            std::fs::read_dir(map).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        namen.sort();
        namen
    }

    #[test]
    fn writes_replaces_and_leaves_no_temporary_file() {
        let d = tempfile::tempdir().unwrap();
        let pad = d.path().join("bundel.schakel");
        schrijf(&pad, b"een", Overschrijven::Ja).unwrap();
        schrijf(&pad, b"twee", Overschrijven::Ja).unwrap();
        assert_eq!(std::fs::read(&pad).unwrap(), b"twee");
        assert_eq!(rest(d.path()), vec!["bundel.schakel".to_string()]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&pad).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn refuses_to_overwrite_and_keeps_the_old_file() {
        let d = tempfile::tempdir().unwrap();
        let pad = d.path().join("rapport.pdf");
        schrijf(&pad, b"oud", Overschrijven::Nee).unwrap();
        match schrijf(&pad, b"nieuw", Overschrijven::Nee) {
            Err(StoreFout::BestandBestaat(p)) => assert_eq!(p, pad),
            ander => panic!("expected BestandBestaat, got {ander:?}"),
        }
        assert_eq!(std::fs::read(&pad).unwrap(), b"oud");
        assert_eq!(rest(d.path()), vec!["rapport.pdf".to_string()]);
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let d = tempfile::tempdir().unwrap();
        // The target is a folder: the rename fails, the temporary file goes.
        let pad = d.path().join("map");
        std::fs::create_dir(&pad).unwrap();
        std::fs::write(pad.join("x"), b"x").unwrap();
        assert!(matches!(schrijf(&pad, b"inhoud", Overschrijven::Ja), Err(StoreFout::Io(_))));
        assert_eq!(rest(d.path()), vec!["map".to_string()]);
    }

    #[cfg(unix)]
    #[test]
    fn private_copies_go_in_an_owner_only_folder() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let map = d.path().join("afdrukken");
        let pad = map.join("plan.pdf");
        schrijf_prive(&map, &pad, b"%PDF").unwrap();
        assert_eq!(std::fs::metadata(&map).unwrap().permissions().mode() & 0o777, 0o700);
        assert_eq!(std::fs::metadata(&pad).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

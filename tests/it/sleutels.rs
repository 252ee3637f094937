//! Issue 21, points 5 and 6: no lock-in (export the age identity and the raw database key,
//! usable by standard tools) and no lock-out (the herstelsleutel restores access when the
//! keychain forgot the key or the passphrase is lost).

use crate::ui::stuur_en_wacht;
use schakel::store::sleutel::{self, SleutelBestand, SleutelBron};
use schakel::store::{Gegevensmap, Herstelbestemming, Herstelcode, Sleutelkeuze, StoreFout};
use std::collections::BTreeMap;

fn cli(map: &std::path::Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("schakel").unwrap();
    c.env("SCHAKEL_DATA_DIR", map).env("SCHAKEL_PASSPHRASE", super::hulp::WACHTWOORD).env_remove("SCHAKEL_DEBUG");
    c
}

/// Every file in the data dir with its bytes (a refused recovery must change none).
fn bestanden(map: &Gegevensmap) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(map.pad())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .map(|e| (e.file_name().to_string_lossy().to_string(), std::fs::read(e.path()).unwrap()))
        .collect()
}

#[cfg(unix)]
fn modus(p: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// Point 5: the exported age identity opens a bundle payload with the real `age` CLI; the
/// exported database key opens the file in a fresh rusqlite connection. Files are 0600 and
/// never overwritten.
#[test]
fn geexporteerde_identiteit_en_databasesleutel_werken_met_standaardgereedschap() {
    let d = tempfile::tempdir().unwrap();
    let map = d.path().join("data");
    cli(&map).args(["init", "--naam", "Test Regisseur"]).assert().success();
    let m = Gegevensmap::new(&map);
    let mijn_id = {
        let mut s = schakel::store::ontgrendel(&m, Some(super::hulp::WACHTWOORD)).unwrap();
        super::hulp::casus(&mut s, "Sleutel Esdoorn");
        // A colleague writes a bundle for this device.
        let kaartje = schakel::sync::visitekaartje(&mut s, "").unwrap();
        let mut b = super::sync::replica("Collega B", "procesregisseur");
        let c = schakel::sync::lees_visitekaartje(&kaartje).unwrap();
        b.store.collega_toevoegen(&c).unwrap();
        b.store.collega_bevestigen(&c.apparaat).unwrap();
        super::hulp::casus(&mut b.store, "Gedeelde Linde");
        let bundel = super::sync::bundel(&mut b, &c.apparaat);
        let buiten = schakel::sync::lees_buitenkant(&bundel).unwrap();
        std::fs::write(d.path().join("inhoud.age"), buiten.cijfertekst).unwrap();
        s.apparaat().to_string()
    };

    let id = d.path().join("identiteit.txt");
    cli(&map).args(["sleutel", "exporteer", "--identiteit", "-o"]).arg(&id).assert().success();
    #[cfg(unix)]
    assert_eq!(modus(&id), 0o600);
    let age = std::process::Command::new("age").arg("-d").arg("-i").arg(&id).arg(d.path().join("inhoud.age")).output();
    let age = age.expect("the `age` CLI is needed for this test (scripts/systeempakketten.sh installs it)");
    assert!(age.status.success(), "{}", String::from_utf8_lossy(&age.stderr));
    let inhoud: serde_json::Value = serde_json::from_slice(&age.stdout[64..]).unwrap();
    assert!(inhoud["manifest"]["ontvangers"].as_array().unwrap().iter().any(|o| o.as_str() == Some(mijn_id.as_str())));
    assert!(inhoud["operaties"].as_array().unwrap().iter().any(|o| o["waarde"] == "Gedeelde Linde"));
    // Never over an existing file; the file is left as it was.
    let voor = std::fs::read(&id).unwrap();
    cli(&map)
        .args(["sleutel", "exporteer", "--identiteit", "-o"])
        .arg(&id)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("bestaat al; Schakel overschrijft het niet"));
    assert_eq!(std::fs::read(&id).unwrap(), voor);
    // A wrong passphrase exports nothing.
    let k = d.path().join("db-sleutel.txt");
    cli(&map)
        .env("SCHAKEL_PASSPHRASE", "helemaal-fout-wachtwoord")
        .args(["sleutel", "exporteer", "--databasesleutel", "-o"])
        .arg(&k)
        .assert()
        .code(1);
    assert!(!k.exists());

    cli(&map).args(["sleutel", "exporteer", "--databasesleutel", "-o"]).arg(&k).assert().success();
    #[cfg(unix)]
    assert_eq!(modus(&k), 0o600);
    let tekst = std::fs::read_to_string(&k).unwrap();
    assert!(tekst.contains("PRAGMA key"), "{tekst}");
    let hex = tekst.lines().find(|r| !r.starts_with('#') && r.trim().len() == 64).expect("a 64-hex key line").trim();
    // Only the exported key: a fresh connection, nothing from Schakel.
    let c = rusqlite::Connection::open(m.db_pad()).unwrap();
    c.execute_batch(&format!("PRAGMA key = \"x'{hex}'\";")).unwrap();
    let n: i64 =
        c.query_row("SELECT count(*) FROM casus WHERE werknaam = 'Sleutel Esdoorn'", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 1);
    let versie: String = c.query_row("PRAGMA cipher_version", [], |r| r.get(0)).unwrap();
    assert!(versie.starts_with('4'), "SQLCipher {versie}");
    drop(c);
    // Both exports are in the audit log (what, never the value).
    let s = schakel::store::ontgrendel(&m, Some(super::hulp::WACHTWOORD)).unwrap();
    let regels = s.audit_export(&Default::default()).unwrap();
    for tabel in ["sleutel_identiteit", "sleutel_database"] {
        assert!(regels.iter().any(|r| r.regel.tabel == tabel), "{tabel} not audited");
    }
    let json = serde_json::to_string(&regels).unwrap();
    assert!(!json.contains(hex), "the key is in the audit log");
}

/// Point 6, keychain: the entry is gone (new login), the Dutch message names the way back,
/// a wrong code changes nothing, the right one puts the key back; rotation renewed the copy.
#[test]
fn herstelsleutel_brengt_de_sleutel_terug_in_de_sleutelbos() {
    let nep = sleutel::sleutelbos_nabootsen();
    let d = tempfile::tempdir().unwrap();
    let map = Gegevensmap::new(d.path().join("data"));
    let (mut s, bron, code) =
        schakel::store::initialiseer_met_herstel(&map, &Sleutelkeuze::Sleutelbos, &super::hulp::gebruiker()).unwrap();
    assert_eq!(bron, SleutelBron::Sleutelbos);
    let nr = super::hulp::casus(&mut s, "Herstelde Hazelaar");
    let getoond = code.getoond().to_string();
    let herstel_json = std::fs::read_to_string(map.pad().join("herstel.json")).unwrap();
    assert!(!herstel_json.contains(&getoond.replace('-', "")), "the code itself is stored");
    // Rotation renews the recovery copy (without the code) and drops the old one.
    schakel::store::sleutel_roteer(&map, &mut s, None, |_| {}).unwrap();
    drop(s);
    let b = SleutelBestand::lees(map.pad()).unwrap();
    assert_eq!(b.generatie, 1);
    assert_ne!(std::fs::read_to_string(map.pad().join("herstel.json")).unwrap(), herstel_json);

    // The keychain forgets the key.
    nep.vergeet(&schakel::store::sleutelbos_account(&b.installatie, b.generatie));
    let fout = schakel::store::ontgrendel(&map, None).unwrap_err();
    assert!(matches!(fout, StoreFout::SleutelbosLeeg), "{fout:?}");
    let melding = schakel::melding::store(&fout);
    assert!(melding.contains("herstelsleutel") && melding.contains("schakel sleutel herstel"), "{melding}");

    // A wrong code: refused, not one byte changed, nothing in the keychain.
    let voor = bestanden(&map);
    let fout = schakel::store::herstel_met_code(
        &map,
        &Herstelcode::van_invoer("ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ"),
        &Herstelbestemming::Sleutelbos,
    )
    .unwrap_err();
    assert!(matches!(fout, StoreFout::VerkeerdeHerstelsleutel), "{fout:?}");
    assert!(schakel::melding::store(&fout).contains("past niet"));
    assert_eq!(bestanden(&map), voor, "a wrong code changed a file");
    assert!(nep.accounts().is_empty());

    // The right code, typed loosely: access is back and the key is in the keychain again.
    let s = schakel::store::herstel_met_code(
        &map,
        &Herstelcode::van_invoer(&getoond.to_lowercase().replace('-', " ")),
        &Herstelbestemming::Sleutelbos,
    )
    .unwrap();
    assert_eq!(s.casus_regel(&nr).unwrap().werknaam, "Herstelde Hazelaar");
    drop(s);
    let s = schakel::store::ontgrendel(&map, None).unwrap();
    assert_eq!(s.aantal("casus").unwrap(), 1);
}

/// Point 6 with a key file: a lost passphrase is replaced through the herstelsleutel
/// (CLI), and the old passphrase no longer opens it.
#[test]
fn cli_herstelsleutel_bij_init_en_vergeten_wachtwoord() {
    use predicates::prelude::*;
    let d = tempfile::tempdir().unwrap();
    let map = d.path().join("data");
    let pdf = d.path().join("herstelsleutel.pdf");
    let uit = cli(&map)
        .args(["init", "--naam", "Test Regisseur", "--herstel-pdf"])
        .arg(&pdf)
        .assert()
        .success()
        .stdout(predicate::str::contains("Herstelsleutel (wordt maar één keer getoond)"))
        .get_output()
        .stdout
        .clone();
    let uit = String::from_utf8(uit).unwrap();
    let code = uit.lines().map(str::trim).find(|r| r.len() == 29 && r.matches('-').count() == 4).unwrap().to_string();
    let (tekst, paginas) = super::rapport::tekst(&std::fs::read(&pdf).unwrap());
    assert_eq!(paginas, 1);
    assert!(tekst.contains(&code), "the PDF shows the code");
    #[cfg(unix)]
    assert_eq!(modus(&pdf), 0o600);
    cli(&map).args(["casus", "new", "--werknaam", "Vergeten Vlier", "--thema", "nazorg"]).assert().success();

    let m = Gegevensmap::new(&map);
    let voor = bestanden(&m);
    cli(&map)
        .env("SCHAKEL_HERSTELSLEUTEL", "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA")
        .env("SCHAKEL_NEW_PASSPHRASE", "nieuw-wachtwoord-lang")
        .args(["sleutel", "herstel"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Deze herstelsleutel past niet bij deze database"));
    assert_eq!(bestanden(&m), voor, "a wrong code changed a file");
    cli(&map)
        .env("SCHAKEL_HERSTELSLEUTEL", &code)
        .env("SCHAKEL_NEW_PASSPHRASE", "nieuw-wachtwoord-lang")
        .args(["sleutel", "herstel"])
        .assert()
        .success()
        .stdout(predicate::str::contains("U hebt weer toegang"));
    cli(&map)
        .env("SCHAKEL_PASSPHRASE", "nieuw-wachtwoord-lang")
        .args(["casus", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Vergeten Vlier"));
    cli(&map).args(["casus", "list"]).assert().code(1).stderr(predicate::str::contains("wachtwoord is onjuist"));
    // `sleutel wachtwoord` says it keeps the database key and points to `sleutel roteer`.
    cli(&map).args(["sleutel", "wachtwoord", "--help"]).assert().success().stdout(
        predicate::str::contains("databasesleutel blijft dezelfde").and(predicate::str::contains("sleutel roteer")),
    );
}

/// Point 6 in the window: the unlock screen offers the herstelsleutel; the first start
/// shows it once.
#[test]
fn scherm_herstelsleutel_op_ontgrendelscherm_en_bij_eerste_start() {
    use super::ui::{klik, typ, verwacht};
    use schakel::ui::screen::start;
    use schakel::ui::{App, Message};
    let nep = sleutel::sleutelbos_nabootsen();
    let d = tempfile::tempdir().unwrap();
    let map = Gegevensmap::new(d.path().join("data"));
    let aanvraag = start::Aanvraag {
        naam: "Test Regisseur".into(),
        rol: "procesregisseur".into(),
        zvh: "ZVH Test".into(),
        wachtwoord: None,
        demo: false,
    };
    let (mut app, _) = App::opstarten(map.clone());
    let o = App::maak_aan(&map, &aanvraag).unwrap();
    stuur_en_wacht(&mut app, Message::Aangemaakt(Ok(o)));
    assert!(app.is_ontgrendeld());
    verwacht(&app, "Uw herstelsleutel:");
    klik(&mut app, "Privacy");
    verwacht(&app, "Ik heb hem bewaard");
    klik(&mut app, "Ik heb hem bewaard");
    assert!(!super::ui::toont(&app, "Ik heb hem bewaard"));
    // A new code from the Privacy page (after a restore, or when the sheet is lost).
    let voor = std::fs::read(map.pad().join("herstel.json")).unwrap();
    klik(&mut app, "Nieuwe herstelsleutel maken");
    verwacht(&app, "de vorige werkt niet meer");
    verwacht(&app, "Ik heb hem bewaard");
    assert_ne!(std::fs::read(map.pad().join("herstel.json")).unwrap(), voor);
    drop(app);

    // Keychain entry lost: the unlock screen says how to get back in, and does it.
    let map = Gegevensmap::new(d.path().join("tweede"));
    let (s, _, code) =
        schakel::store::initialiseer_met_herstel(&map, &Sleutelkeuze::Sleutelbos, &super::hulp::gebruiker()).unwrap();
    drop(s);
    for a in nep.accounts() {
        nep.vergeet(&a);
    }
    let (mut app, _) = App::opstarten(map.clone());
    stuur_en_wacht(&mut app, Message::Ontgrendeld(App::probeer_ontgrendelen(&map, None)));
    verwacht(&app, "Herstel de toegang met uw herstelsleutel");
    klik(&mut app, "Herstelsleutel gebruiken");
    klik(&mut app, "Toegang herstellen");
    verwacht(&app, "Vul de herstelsleutel in.");
    typ(&mut app, "herstelsleutel", "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA");
    let _ = crate::ui::klik_zonder_wachten(&mut app, "Toegang herstellen");
    verwacht(&app, "Bezig…");
    stuur_en_wacht(&mut app, Message::Ontgrendeld(App::herstel_toegang(&map, "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA", None)));
    verwacht(&app, "Deze herstelsleutel past niet");
    assert!(!app.is_ontgrendeld());
    typ(&mut app, "herstelsleutel", &code.getoond());
    klik(&mut app, "Toegang herstellen");
    stuur_en_wacht(&mut app, Message::Ontgrendeld(App::herstel_toegang(&map, &code.getoond(), None)));
    assert!(app.is_ontgrendeld());
    assert_eq!(nep.accounts().len(), 1, "the key is back in the keychain");
}

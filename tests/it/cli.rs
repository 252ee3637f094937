//! The command-line contract: every command, its JSON shape, errors and exit codes.

use crate::hulp::{WACHTWOORD, hash};
use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

use crate::hulp::{json, schakel};

fn init() -> (tempfile::TempDir, std::path::PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let map = d.path().join("data");
    schakel(&map)
        .args(["init", "--naam", "Test Regisseur"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Nieuwe database"));
    (d, map)
}

fn nieuwe_casus(map: &Path, werknaam: &str) -> String {
    let v = json(schakel(map).args(["casus", "new", "--werknaam", werknaam, "--thema", "nazorg", "--ave", "4"]));
    v["casusnummer"].as_str().unwrap().to_string()
}

#[test]
fn init_creates_encrypted_store_and_refuses_twice() {
    let (_d, map) = init();
    let bytes = std::fs::read(map.join("schakel.db")).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"));
    let sleutel = std::fs::read_to_string(map.join("sleutel.json")).unwrap();
    assert!(sleutel.contains("argon2id"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(map.join("schakel.db")).unwrap().permissions().mode() & 0o077, 0);
        assert_eq!(std::fs::metadata(map.join("sleutel.json")).unwrap().permissions().mode() & 0o077, 0);
    }
    let voor = hash(&map.join("schakel.db"));
    schakel(&map).arg("init").assert().code(1).stderr(predicate::str::contains("staat al een Schakel-database"));
    assert_eq!(voor, hash(&map.join("schakel.db")));
}

#[test]
fn casus_new_list_show_with_json_shapes() {
    let (_d, map) = init();
    let n = nieuwe_casus(&map, "Stille Eik");
    assert!(n.len() == 9 && n.as_bytes()[4] == b'-', "{n}");
    // Plain output prints just the number.
    schakel(&map)
        .args(["casus", "new", "--werknaam", "Oude Wilg", "--thema", "com"])
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"^\d{4}-0002\n$").unwrap());
    schakel(&map)
        .args([
            "betrokkene",
            "add",
            &n,
            "--naam",
            "Bram Eikhof",
            "--geboortedatum",
            "1988-04-12",
            "--rol",
            "hoofdpersoon",
            "--bsn",
            "111222333",
        ])
        .assert()
        .success();
    schakel(&map)
        .args([
            "journaal",
            "add",
            &n,
            "--tekst",
            "Bezoek afgelegd",
            "--soort",
            "pi_bezoek",
            "--inrichting",
            "PI Leeuwarden",
        ])
        .assert()
        .success();

    let lijst = json(schakel(&map).args(["casus", "list"]));
    let arr = lijst.as_array().unwrap();
    assert_eq!(arr.len(), 2);
    for k in ["casusnummer", "werknaam", "thema", "fase", "ave"] {
        assert!(arr[0].get(k).is_some(), "list item lacks {k}");
    }
    assert!(arr[0].get("betrokkenen").is_none(), "list must not nest");
    assert_eq!(arr[0]["fase"], "aanmelding");
    assert_eq!(arr[0]["ave"], 4);

    let show = json(schakel(&map).args(["casus", "show", &n]));
    assert_eq!(show["casusnummer"], n.as_str());
    assert_eq!(show["werknaam"], "Stille Eik");
    assert!(show["thema"].as_str().unwrap().starts_with("Nazorg"));
    assert_eq!(show["betrokkenen"][0]["naam"], "Bram Eikhof");
    assert_eq!(show["betrokkenen"][0]["initialen"], "B.E.");
    assert_eq!(show["journaal"][0]["tekst"], "Bezoek afgelegd");
    assert_eq!(show["journaal"][0]["inrichting"], "PI Leeuwarden");

    // Human output is Dutch.
    schakel(&map).args(["casus", "show", &n]).assert().success().stdout(predicate::str::contains("Betrokkenen:"));
    // Filter by phase.
    let leeg = json(schakel(&map).args(["casus", "list", "--fase", "procesregie"]));
    assert_eq!(leeg.as_array().unwrap().len(), 0);
}

#[test]
fn phase_moves_legal_and_illegal() {
    let (_d, map) = init();
    let n = nieuwe_casus(&map, "Verre Reiger");
    schakel(&map)
        .args(["casus", "fase", &n, "procesregie"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("kan niet van aanmelding naar procesregie"))
        .stderr(predicate::str::contains("panicked").not());
    schakel(&map).args(["casus", "fase", &n, "weging"]).assert().success();
    schakel(&map)
        .args(["casus", "fase", &n, "procesregie"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("uitkomst van de weging"));
    let v = json(schakel(&map).args(["casus", "fase", &n, "procesregie", "--uitkomst", "procesregie"]));
    assert_eq!(v["naar"], "procesregie");
    schakel(&map).args(["casus", "fase", &n, "afgesloten"]).assert().code(1).stderr(predicate::str::contains("reden"));
    schakel(&map)
        .args(["casus", "fase", &n, "afgesloten", "--reden", "Afgeschaald", "--tevredenheid", "4"])
        .assert()
        .success();
    schakel(&map)
        .args(["casus", "fase", &n, "monitoring"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("afgesloten"));
    schakel(&map).args(["casus", "fase", &n, "monitoring", "--heropen", "--reden", "Terugval"]).assert().success();
    let show = json(schakel(&map).args(["casus", "show", &n]));
    assert_eq!(show["fase"], "monitoring");
    assert_eq!(show["fase_historie"].as_array().unwrap().len(), 5);
    // AVE change.
    schakel(&map).args(["casus", "ave", &n, "2", "--reden", "Stabiel"]).assert().success();
    assert_eq!(json(schakel(&map).args(["casus", "show", &n]))["ave"], 2);
    schakel(&map)
        .args(["casus", "ave", &n, "7", "--reden", "x"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("AVE-fase 7 bestaat niet"));
}

#[test]
fn invalid_bsn_and_bad_input_give_dutch_errors() {
    let (_d, map) = init();
    let n = nieuwe_casus(&map, "Hoge Spar");
    schakel(&map)
        .args([
            "betrokkene",
            "add",
            &n,
            "--naam",
            "X Y",
            "--geboortedatum",
            "1990-01-01",
            "--rol",
            "hoofdpersoon",
            "--bsn",
            "123456789",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("elfproef"));
    assert_eq!(json(schakel(&map).args(["casus", "show", &n]))["betrokkenen"].as_array().unwrap().len(), 0);
    schakel(&map)
        .args(["betrokkene", "add", &n, "--naam", "X Y", "--geboortedatum", "gisteren", "--rol", "hoofdpersoon"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("geen geldige datum"));
    schakel(&map)
        .args(["casus", "show", "2026-9999"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bestaat niet"));
    schakel(&map)
        .args(["casus", "show", "abc"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("geen geldig casusnummer"));
    schakel(&map)
        .args(["casus", "new", "--werknaam", " ", "--thema", "com"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("verplicht"));
    schakel(&map)
        .args(["casus", "new", "--werknaam", "A", "--thema", "onbekend thema"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Thema 'onbekend thema' bestaat niet"));
}

#[test]
fn wrong_usage_exits_2_in_dutch() {
    let (_d, map) = init();
    schakel(&map).args(["casus", "verzin"]).assert().code(2).stderr(predicate::str::contains("Onjuist gebruik"));
    schakel(&map)
        .args(["casus", "new", "--thema", "com"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("verplicht gegeven ontbreekt"));
    schakel(&map)
        .args(["--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Opdrachten"))
        .stdout(predicate::str::contains("Gebruik"));
}

#[test]
fn wrong_passphrase_fails_cleanly_and_changes_nothing() {
    let (_d, map) = init();
    nieuwe_casus(&map, "Lichte Linde");
    let voor = (hash(&map.join("schakel.db")), hash(&map.join("sleutel.json")));
    schakel(&map)
        .env("SCHAKEL_PASSPHRASE", "helemaal verkeerd")
        .args(["casus", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("wachtwoord is onjuist"))
        .stderr(predicate::str::contains("panicked").not());
    assert_eq!(voor, (hash(&map.join("schakel.db")), hash(&map.join("sleutel.json"))));
    // No passphrase at all, no terminal: a clear message.
    let mut c = Command::cargo_bin("schakel").unwrap();
    c.env("SCHAKEL_DATA_DIR", &map).env_remove("SCHAKEL_PASSPHRASE").args(["casus", "list"]).write_stdin("");
    c.assert().code(1).stderr(predicate::str::contains("wachtwoord nodig"));
}

#[test]
fn search_is_safe_for_any_text() {
    let (_d, map) = init();
    let n = nieuwe_casus(&map, "Zware Merel");
    schakel(&map)
        .args(["journaal", "add", &n, "--tekst", "Afspraak bij de schuldhulpverlening gemaakt"])
        .assert()
        .success();
    let hits = json(schakel(&map).args(["zoek", "schuldhulp"]));
    let arr = hits.as_array().unwrap();
    assert_eq!(arr.len(), 1);
    assert_eq!(arr[0]["casusnummer"], n.as_str());
    for k in ["werknaam", "thema", "fase", "ave"] {
        assert!(arr[0].get(k).is_some(), "hit lacks {k}");
    }
    assert!(arr[0].get("journaal").is_none());
    for vijandig in ["\"*():", "\"", "NEAR(a b", "*:*", "') OR 1=1 --", "ü\u{7f}\t"] {
        let v = json(schakel(&map).args(["zoek", vijandig]));
        assert!(v.is_array(), "{vijandig:?}");
    }
    schakel(&map).args(["zoek", "\"*():"]).assert().success().stdout(predicate::str::contains("Niets gevonden"));
}

#[test]
fn audit_verify_and_doctor() {
    let (_d, map) = init();
    let n = nieuwe_casus(&map, "Blauwe Beuk");
    schakel(&map).args(["casus", "show", &n]).assert().success();
    schakel(&map).args(["audit", "verify"]).assert().success().stdout(predicate::str::contains("hashketen klopt"));
    let d = json(schakel(&map).arg("doctor"));
    assert_eq!(d["sleutel"], "wachtwoord");
    assert_eq!(d["integriteit"], "ok");
    assert_eq!(d["schema"], d["schema_app"]);
    assert!(d["sqlcipher"].as_str().unwrap().starts_with('4'));
}

#[test]
fn audit_verify_fails_after_tampering() {
    use schakel::store::sleutel::SleutelBestand;
    let (_d, map) = init();
    nieuwe_casus(&map, "Oude Kievit");
    let k = SleutelBestand::lees(&map).unwrap().ontgrendel(WACHTWOORD).unwrap();
    assert_eq!(format!("{k:?}"), "DbSleutel(***)", "Debug must not reveal the key");
    tamper(&map, &k);
    schakel(&map).args(["audit", "verify"]).assert().code(1).stderr(predicate::str::contains("aangetast"));
    schakel(&map).arg("doctor").assert().code(1);
}

fn tamper(map: &Path, k: &schakel::store::sleutel::DbSleutel) {
    let bytes = k.als_bytes();
    let c = rusqlite::Connection::open(map.join("schakel.db")).unwrap();
    c.execute_batch(&format!("PRAGMA key = \"x'{}'\";", hex::encode(bytes))).unwrap();
    c.execute_batch("UPDATE audit SET tabel = 'partner' WHERE nr = 1;").unwrap();
}

#[test]
fn demo_is_deterministic_and_searchable() {
    let d = tempfile::tempdir().unwrap();
    let (a, b) = (d.path().join("a"), d.path().join("b"));
    for m in [&a, &b] {
        schakel(m).args(["demo", "--cases", "30", "--seed", "7"]).assert().success();
    }
    let strip = |mut v: Value| {
        for x in v.as_array_mut().unwrap() {
            // Record ids (also of the assigned medewerkers) are random; names are not.
            for id in ["id", "procesregisseur_id", "trajectbegeleider_id", "casusregisseur_id", "gemeente_id"] {
                x.as_object_mut().unwrap().remove(id);
            }
        }
        v
    };
    let la = strip(json(schakel(&a).args(["casus", "list"])));
    let lb = strip(json(schakel(&b).args(["casus", "list"])));
    assert_eq!(la.as_array().unwrap().len(), 30);
    assert_eq!(la, lb, "same seed must give the same data");
    let other = tempfile::tempdir().unwrap();
    schakel(other.path()).args(["demo", "--cases", "30", "--seed", "8"]).assert().success();
    assert_ne!(la, strip(json(schakel(other.path()).args(["casus", "list"]))));
    let hits = json(schakel(&a).args(["zoek", "woning"]));
    assert!(!hits.as_array().unwrap().is_empty());
    schakel(&a).args(["audit", "verify"]).assert().success();
}

/// The acceptance scenario of the core issue: 5,000 demo cases, then a search.
#[test]
fn demo_5000_then_search() {
    let d = tempfile::tempdir().unwrap();
    let map = d.path().join("groot");
    schakel(&map)
        .args(["demo", "--cases", "5000"])
        .assert()
        .success()
        .stdout(predicate::str::contains("5000 fictieve casussen"));
    let hits = json(schakel(&map).args(["zoek", "schuldhulpverlening"]));
    assert_eq!(hits.as_array().unwrap().len(), 50, "search is capped at 50 hits");
    let lijst = json(schakel(&map).args(["casus", "list", "--fase", "weging"]));
    assert!(!lijst.as_array().unwrap().is_empty());
}

#[test]
fn wrong_key_shows_only_our_message() {
    use schakel::store::sleutel::{DbSleutel, SleutelBestand};
    let (_d, map) = init();
    // A key file that unwraps fine but holds another key: SQLCipher itself rejects it.
    let oud = SleutelBestand::lees(&map).unwrap();
    SleutelBestand::wachtwoord(&oud.installatie, &DbSleutel::nieuw(), WACHTWOORD).unwrap().schrijf(&map).unwrap();
    let voor = hash(&map.join("schakel.db"));
    let out = schakel(&map).args(["casus", "list"]).assert().code(1).get_output().stderr.clone();
    let stderr = String::from_utf8(out).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "extra output on stderr: {stderr}");
    assert!(stderr.contains("sleutel klopt niet"), "{stderr}");
    assert_eq!(voor, hash(&map.join("schakel.db")));
}

#[test]
fn bench_prints_every_figure() {
    let d = tempfile::tempdir().unwrap();
    let v = json(schakel(&d.path().join("ongebruikt")).args(["bench", "--cases", "25", "--operaties", "300"]));
    // Every row of the issue's table (build time aside), each with its goal.
    for (verwacht, doel) in [
        ("demo genereren", "< 0,1 s (15 s per 5.000), lineair"),
        ("databasegrootte (25 casussen)", "≤ 1 MB (24 KB per casus)"),
        ("database openen + bord laden", "< 40 ms (rust), ≤ 1,25× onversleuteld"),
        ("idem, onversleutelde kopie", ""),
        ("zoeken (FTS5), p50", ""),
        ("zoeken (FTS5), p95", "< 5 ms"),
        ("casusdetail met plan laden", ""),
        ("PDF agenda (20 casussen)", "< 20 ms"),
        ("PDF agenda (20 casussen), grootte", "< 60 KB"),
        ("PDF plan (40 acties)", "< 20 ms"),
        ("PDF plan (40 acties), grootte", "< 60 KB"),
        ("PDF verslag (20 agendapunten)", "< 20 ms"),
        ("PDF verslag (20 agendapunten), grootte", "< 60 KB"),
        ("PDF casusoverzicht", "< 20 ms"),
        ("PDF casusoverzicht, grootte", "< 60 KB"),
        ("back-up maken (25 casussen)", "< 2 s"),
        ("casus verwijderen na bewaartermijn", "< 2 s"),
        ("sleutel vervangen", "< 2 s"),
        ("bundel exporteren", "< 1 s"),
        ("bundel importeren", "< 2 s"),
    ] {
        let m = v.as_array().unwrap().iter().find(|m| m["naam"] == verwacht);
        let m = m.unwrap_or_else(|| panic!("missing figure {verwacht}: {v}"));
        assert_eq!(m["doel"], doel, "{verwacht}");
        assert!(m["waarde"].as_f64().unwrap() > 0.0, "{verwacht}: {m}");
    }
    // The encrypted/plain ratio is its own column on the open + board row.
    let bord = v.as_array().unwrap().iter().find(|m| m["naam"] == "database openen + bord laden").unwrap();
    assert!(bord["verhouding"].as_f64().unwrap() > 0.0, "{bord}");
    let team = |v: &serde_json::Value| {
        v.as_array().unwrap().iter().filter(|m| m["naam"].as_str().unwrap().starts_with("databasegrootte team")).count()
    };
    assert_eq!(team(&v), 2, "{v}");
    // --zonder-team leaves out only the team sizes (the longest part of a run).
    let snel = json(schakel(&d.path().join("ongebruikt3")).args([
        "bench",
        "--cases",
        "10",
        "--operaties",
        "100",
        "--zonder-team",
    ]));
    assert_eq!(team(&snel), 0, "{snel}");
    assert_eq!(snel.as_array().unwrap().len(), v.as_array().unwrap().len() - 2, "{snel}");
    // The table form prints the goals next to the figures.
    let tekst = schakel(&d.path().join("ongebruikt2"))
        .args(["bench", "--cases", "10", "--operaties", "100"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let tekst = String::from_utf8(tekst).unwrap();
    assert!(tekst.contains("Doel") && tekst.contains("≤ 1,25× onversleuteld") && tekst.contains("< 60 KB"), "{tekst}");
}

/// `bench --alleen-zoeken` measures search on the database that is there (no demo of its
/// own): the search tables' space and the two search rows, nothing else.
#[test]
fn bench_alleen_zoeken_meet_de_bestaande_database() {
    let (_d, map) = init();
    schakel(&map).args(["demo", "--cases", "12"]).assert().success();
    let v = json(schakel(&map).args(["bench", "--alleen-zoeken"]));
    let namen: Vec<&str> = v.as_array().unwrap().iter().map(|m| m["naam"].as_str().unwrap()).collect();
    assert!(namen.contains(&"ruimte: zoekindex_data"), "{namen:?}");
    let ruimte: Vec<&&str> = namen.iter().filter(|n| n.starts_with("ruimte: ")).collect();
    assert!(
        ruimte.iter().all(|n| n.starts_with("ruimte: zoek") || n.starts_with("ruimte: sqlite_autoindex_zoek")),
        "{ruimte:?}"
    );
    let p95 = v.as_array().unwrap().iter().find(|m| m["naam"] == "zoeken (FTS5), p95").unwrap();
    assert_eq!(p95["doel"], "< 5 ms");
    assert!(!namen.iter().any(|n| n.starts_with("demo") || n.starts_with("databasegrootte")), "{namen:?}");
    // The measured database is the user's own, unchanged in size: still 12 cases.
    assert_eq!(json(schakel(&map).args(["casus", "list"])).as_array().unwrap().len(), 12);
    // It is a measurement of what is there: not combined with the options of a full run.
    schakel(&map).args(["bench", "--alleen-zoeken", "--cases", "10"]).assert().failure();
}

/// Two colleagues set up sync from the command line: exchange cards, confirm the
/// fingerprint (a wrong one is refused), export, import, status.
#[test]
fn team_en_sync_via_de_opdrachtregel() {
    let (_a, a) = init();
    let (_b, b) = init();
    let tmp = tempfile::tempdir().unwrap();
    let kaart_a = tmp.path().join("a.kaartje");
    let kaart_b = tmp.path().join("b.kaartje");
    let va =
        json(schakel(&a).args(["team", "kaartje", "-o"]).arg(&kaart_a))["vingerafdruk"].as_str().unwrap().to_string();
    let vb =
        json(schakel(&b).args(["team", "kaartje", "-o"]).arg(&kaart_b))["vingerafdruk"].as_str().unwrap().to_string();
    let toegevoegd = json(schakel(&a).args(["team", "add"]).arg(&kaart_b));
    assert_eq!(toegevoegd["vingerafdruk"], vb.as_str(), "both screens show the same digits");
    let b_id = toegevoegd["apparaat"].as_str().unwrap().to_string();
    schakel(&b).args(["team", "add"]).arg(&kaart_a).assert().success();

    // Not confirmed yet: no recipients.
    let bundel = tmp.path().join("a-naar-b.schakel");
    schakel(&a)
        .args(["sync", "export", "-o"])
        .arg(&bundel)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("geen bevestigde collega"));
    // A wrong fingerprint is refused.
    let fout: String = vb
        .chars()
        .map(|c| {
            if c == '1' {
                '2'
            } else if c.is_ascii_digit() {
                '1'
            } else {
                c
            }
        })
        .collect();
    schakel(&a)
        .args(["team", "bevestig", &b_id[..8], "--vingerafdruk", &fout])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("komt niet overeen"));
    schakel(&a).args(["team", "bevestig", &b_id[..8], "--vingerafdruk", &vb]).assert().success();
    schakel(&b).args(["team", "bevestig", "Test Regisseur", "--vingerafdruk", &va]).assert().success();

    let n = nieuwe_casus(&a, "Via de bundel");
    let e = json(schakel(&a).args(["sync", "export", "-o"]).arg(&bundel));
    assert!(e["operaties"].as_u64().unwrap() > 10);
    let i = json(schakel(&b).args(["sync", "import"]).arg(&bundel));
    assert_eq!(i["nieuw"], e["operaties"]);
    let lijst = json(schakel(&b).args(["casus", "list"]));
    assert!(
        lijst.as_array().unwrap().iter().any(|c| c["casusnummer"] == n.as_str() && c["werknaam"] == "Via de bundel")
    );
    // Reading the same bundle again is not an error for a script.
    schakel(&b)
        .args(["sync", "import"])
        .arg(&bundel)
        .assert()
        .success()
        .stdout(predicate::str::contains("Niets nieuw"));
    // The bundle file is not overwritten without asking.
    let voor = hash(&bundel);
    schakel(&a)
        .args(["sync", "export", "-o"])
        .arg(&bundel)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bestaat al en is niet overschreven"));
    assert_eq!(voor, hash(&bundel));
    schakel(&a).args(["sync", "export", "--overschrijven", "-o"]).arg(&bundel).assert().success();
    // A missing file is named in Dutch, without the system's English text.
    let weg = tmp.path().join("weg.schakel");
    schakel(&b)
        .args(["sync", "import"])
        .arg(&weg)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("Het bestand of de map bestaat niet: {}", weg.display())))
        .stderr(predicate::str::contains("os error").not());
    let st = json(schakel(&b).args(["sync", "status"]));
    let rij = &st["ontvangen"][0];
    assert_eq!(rij["naam"], "Test Regisseur");
    assert_eq!(rij["gaten"].as_array().unwrap().len(), 0);
    assert!(rij["doorlopend_tot"].as_i64().unwrap() > 10);
    schakel(&b)
        .args(["sync", "conflicten"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Geen open conflicten"));
    // A damaged file: clear Dutch message, exit 1.
    let mut kapot = std::fs::read(&bundel).unwrap();
    kapot.truncate(kapot.len() / 2);
    std::fs::write(&bundel, kapot).unwrap();
    schakel(&b)
        .args(["sync", "import"])
        .arg(&bundel)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("beschadigd of onvolledig"));
}

#[test]
fn venster_weigert_onbekende_pagina_en_tab_met_gebruiksfout() {
    let (_d, map) = init();
    schakel(&map)
        .args(["venster", "--pagina", "boekhouding"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Onbekende pagina 'boekhouding'"));
    schakel(&map)
        .args(["venster", "--tab", "financien"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Onbekend tabblad"));
}

#[test]
fn partner_contactlijst_export_en_import_via_de_opdrachtregel() {
    let (_a, a) = init();
    let (_b, b) = init();
    schakel(&a).args(["demo", "--cases", "3"]).assert().success();
    let tmp = tempfile::tempdir().unwrap();
    let vcf = tmp.path().join("contacten.vcf");
    let csv = tmp.path().join("contacten.csv");
    let e = json(schakel(&a).args(["partner", "export", "-o"]).arg(&vcf));
    let aantal = e["contacten"].as_u64().unwrap();
    assert!(aantal > 5);
    assert!(std::fs::read_to_string(&vcf).unwrap().starts_with("BEGIN:VCARD"));
    schakel(&a).args(["partner", "export", "-o"]).arg(&csv).assert().success();
    assert!(std::fs::read_to_string(&csv).unwrap().starts_with("organisatie,soort,convenant,naam"));
    let i = json(schakel(&b).args(["partner", "import"]).arg(&csv));
    assert_eq!(i["contacten"].as_u64().unwrap(), aantal);
    assert_eq!(i["afgewezen"].as_array().unwrap().len(), 0);
    // The vCard file holds the same contacts: all already there.
    let i = json(schakel(&b).args(["partner", "import"]).arg(&vcf));
    assert_eq!(i["bestaand"].as_u64().unwrap(), aantal);
    // A broken row is reported with its number.
    std::fs::write(&csv, "organisatie,soort,convenant,naam,functie,telefoon,email,themas\nX,zorg,convenant,Y,,0a,,\n")
        .unwrap();
    schakel(&b)
        .args(["partner", "import"])
        .arg(&csv)
        .assert()
        .success()
        .stdout(predicate::str::contains("regel 1: '0a' is geen geldig telefoonnummer"));
}

/// Conflicts from the command line: the list names the casus and the field in Dutch with
/// an id and numbered values; `sync kies` resolves one; `casus show` lists them.
#[test]
fn conflicten_kiezen_via_de_opdrachtregel() {
    let (_a, a) = init();
    let (_b, b) = init();
    let tmp = tempfile::tempdir().unwrap();
    let mut vingers = Vec::new();
    for (map, naam) in [(&a, "a"), (&b, "b")] {
        let k = tmp.path().join(format!("{naam}.kaartje"));
        let v = json(schakel(map).args(["team", "kaartje", "-o"]).arg(&k));
        vingers.push((k, v["vingerafdruk"].as_str().unwrap().to_string()));
    }
    let b_id = json(schakel(&a).args(["team", "add"]).arg(&vingers[1].0))["apparaat"].as_str().unwrap().to_string();
    let a_id = json(schakel(&b).args(["team", "add"]).arg(&vingers[0].0))["apparaat"].as_str().unwrap().to_string();
    schakel(&a).args(["team", "bevestig", &b_id, "--vingerafdruk", &vingers[1].1]).assert().success();
    schakel(&b).args(["team", "bevestig", &a_id, "--vingerafdruk", &vingers[0].1]).assert().success();
    let n = nieuwe_casus(&a, "Begin");
    let stuur = |van: &Path, naar: &Path, naam: &str| {
        let f = tmp.path().join(naam);
        schakel(van).args(["sync", "export", "-o"]).arg(&f).assert().success();
        schakel(naar).args(["sync", "import"]).arg(&f).assert().success();
    };
    stuur(&a, &b, "1.schakel");
    schakel(&a).args(["casus", "ave", &n, "2", "--reden", "zorgen nemen toe"]).assert().success();
    std::thread::sleep(std::time::Duration::from_millis(5));
    schakel(&b).args(["casus", "ave", &n, "3", "--reden", "stabiel"]).assert().success();
    stuur(&b, &a, "2.schakel");
    let lijst = json(schakel(&a).args(["sync", "conflicten"]));
    let c = lijst.as_array().unwrap().iter().find(|c| c["veld"] == "ave").expect("an AVE conflict");
    assert_eq!(c["casusnummer"], n.as_str());
    let id = c["id"].as_str().unwrap().to_string();
    let label = schakel::domain::velden::veld_omschrijving("casus", "ave");
    schakel(&a)
        .args(["sync", "conflicten"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("Conflict {id} — casus {n}, {label}")))
        .stdout(predicate::str::contains("  1. 3"))
        .stdout(predicate::str::contains("  2. 2"));
    let show = json(schakel(&a).args(["casus", "show", &n]));
    assert_eq!(show["conflicten"].as_array().unwrap().len(), lijst.as_array().unwrap().len());
    schakel(&a).args(["casus", "show", &n]).assert().success().stdout(predicate::str::contains("Open conflicten"));
    schakel(&a)
        .args(["sync", "kies", "ffffffff", "--waarde", "1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bestaat niet (meer)"));
    schakel(&a).args(["sync", "kies", &id, "--waarde", "2"]).assert().success();
    let na = json(schakel(&a).args(["sync", "conflicten"]));
    assert!(na.as_array().unwrap().iter().all(|c| c["veld"] != "ave"), "{na}");
    let regel = json(schakel(&a).args(["casus", "list"]));
    let rij = regel.as_array().unwrap().iter().find(|c| c["casusnummer"] == n.as_str()).unwrap().clone();
    assert_eq!(rij["ave"], 2, "value 2 (A's own) was chosen");
}

/// `casus new` with a hoofdpersoon: a future birth date is refused with the real reason
/// and no casus is created.
#[test]
fn casus_new_met_persoon_in_de_toekomst_maakt_niets() {
    let (_d, map) = init();
    let later = (chrono::Local::now().date_naive() + chrono::Duration::days(90)).format("%Y-%m-%d").to_string();
    schakel(&map)
        .args(["casus", "new", "--werknaam", "Toekomst", "--thema", "nazorg", "--persoon", "Fictief Persoon"])
        .args(["--geboortedatum", &later])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Geboortedatum ligt in de toekomst"));
    let lijst = json(schakel(&map).args(["casus", "list"]));
    assert_eq!(lijst.as_array().unwrap().len(), 0, "no half-saved casus: {lijst}");
    let n = json(
        schakel(&map)
            .args(["casus", "new", "--werknaam", "Heden", "--thema", "nazorg", "--persoon", "Fictief Persoon"])
            .args(["--geboortedatum", "1990-05-01"]),
    )["casusnummer"]
        .as_str()
        .unwrap()
        .to_string();
    let show = json(schakel(&map).args(["casus", "show", &n]));
    assert_eq!(show["betrokkenen"][0]["naam"], "Fictief Persoon");
    // The Historie section speaks Dutch, like the window.
    schakel(&map)
        .args(["casus", "show", &n])
        .assert()
        .success()
        .stdout(predicate::str::contains("Historie:"))
        .stdout(predicate::str::contains("Casus aangemaakt"))
        .stdout(predicate::str::contains("fase_historie").not());
}

/// Parity: what the window's plan editor and Instellingen do, the command line does too,
/// with ids by their first 8 characters and Dutch refusals.
#[test]
fn plan_lijst_en_casus_wijzigen_via_de_opdrachtregel() {
    let (_d, map) = init();
    let n = nieuwe_casus(&map, "Plan Eik");
    let doel = json(schakel(&map).args([
        "plan",
        "doel",
        "add",
        &n,
        "--leefgebied",
        "wonen",
        "--tekst",
        "Woning behouden",
    ]))["id"]
        .as_str()
        .unwrap()
        .to_string();
    schakel(&map)
        .args(["plan", "doel", "wijzig", &doel[..8], "--tekst", "Woning behouden en schulden regelen"])
        .assert()
        .success();
    let actie = json(
        schakel(&map)
            .args(["plan", "actie", "add", &n, "--tekst", "Aanmelden schuldhulp", "--doel", &doel[..8]])
            .args(["--deadline", "2026-12-20"]),
    )["id"]
        .as_str()
        .unwrap()
        .to_string();
    schakel(&map).args(["plan", "actie", "wijzig", &actie[..8], "--status", "gereed"]).assert().success();
    let plan = json(schakel(&map).args(["plan", "show", &n]));
    assert_eq!(plan["doelen"][0]["omschrijving"], "Woning behouden en schulden regelen");
    assert_eq!(plan["acties"][0]["status"], "gereed");
    assert_eq!(plan["acties"][0]["doel_id"], doel.as_str());
    schakel(&map).args(["plan", "doel", "verwijder", &doel[..8]]).assert().success();
    let plan = json(schakel(&map).args(["plan", "show", &n]));
    assert_eq!(plan["doelen"].as_array().unwrap().len(), 0);
    assert_eq!(plan["acties"][0]["doel_id"], Value::Null, "the action stays, without goal");
    schakel(&map).args(["plan", "actie", "verwijder", &actie]).assert().success();
    assert_eq!(json(schakel(&map).args(["plan", "show", &n]))["acties"].as_array().unwrap().len(), 0);
    schakel(&map)
        .args(["plan", "actie", "verwijder", &actie[..8]])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("Actie '{}' bestaat niet", &actie[..8])));
    schakel(&map)
        .args(["plan", "versie", &n, "--reden", " "])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("'reden' is verplicht"));

    // Lists: add a theme, use it, archive it.
    schakel(&map).args(["lijst", "thema", "add", "Woonoverlast"]).assert().success();
    schakel(&map)
        .args(["lijst", "thema", "add", "woonoverlast"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("staat al"));
    let m = json(schakel(&map).args(["casus", "new", "--werknaam", "Nieuw Thema", "--thema", "Woonoverlast"]));
    let m = m["casusnummer"].as_str().unwrap().to_string();
    schakel(&map).args(["lijst", "thema", "archiveer", "Woonoverlast"]).assert().success();
    schakel(&map)
        .args(["lijst", "thema"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Woonoverlast (gearchiveerd)"));
    let show = json(schakel(&map).args(["casus", "show", &m]));
    assert_eq!(show["thema"], "Woonoverlast", "an archived theme stays on its cases");

    // Correct the aanmelding and assign a trajectbegeleider.
    schakel(&map)
        .args(["casus", "wijzig", &n, "--werknaam", "Plan Beuk", "--vraag", "Regie op schulden"])
        .assert()
        .success();
    schakel(&map).args(["medewerker", "add", "--naam", "Tom Traject", "--rol", "trajectbegeleider"]).assert().success();
    schakel(&map).args(["casus", "toewijzen", &n, "--trajectbegeleider", "Tom Traject"]).assert().success();
    let lijst = json(schakel(&map).args(["casus", "list", "--medewerker", "Tom Traject"]));
    let l = lijst.as_array().unwrap();
    assert_eq!(l.len(), 1, "{lijst}");
    assert_eq!(l[0]["werknaam"], "Plan Beuk");
    schakel(&map).args(["casus", "toewijzen", &n]).assert().code(2);
}

/// A meeting from the command line: plan, agenda, invite, attendance, BOB minutes, a
/// decision that becomes an action, and closing (refused while an item has no minutes).
#[test]
fn overleg_voeren_via_de_opdrachtregel() {
    let (_d, map) = init();
    let a = nieuwe_casus(&map, "Agenda Els");
    let b = nieuwe_casus(&map, "Agenda Olm");
    let contact = {
        let mut s = schakel::store::ontgrendel(&schakel::store::Gegevensmap::new(&map), Some(WACHTWOORD)).unwrap();
        let p = s
            .partner_toevoegen(schakel::store::NieuwePartner {
                naam: "Wijkteam Voorbeeld".into(),
                soort: schakel::domain::partner::PartnerSoort::Overig,
                convenantstatus: schakel::domain::Convenantstatus::Convenant,
            })
            .unwrap();
        s.contact_toevoegen(&p, schakel::store::NieuwContact { naam: "Fien Fictief".into(), ..Default::default() })
            .unwrap()
    };
    let o = json(schakel(&map).args([
        "overleg",
        "new",
        "--soort",
        "casusoverleg",
        "--datum",
        "2025-05-12",
        "--tijd",
        "09:30",
    ]))["id"]
        .as_str()
        .unwrap()
        .to_string();
    schakel(&map)
        .args(["overleg", "new", "--soort", "casusoverleg", "--datum", "2025-05-12", "--tijd", "9 uur"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("geen geldige tijd"));
    let pa = json(schakel(&map).args(["overleg", "agenda", &o[..8], &a]))["id"].as_str().unwrap().to_string();
    schakel(&map).args(["overleg", "agenda", &o[..8], &b, "--duur", "30"]).assert().success();
    schakel(&map).args(["overleg", "uitnodigen", &o[..8], "--contact", &contact[..8]]).assert().success();
    schakel(&map).args(["overleg", "aanwezig", &o[..8], "--contact", &contact[..8]]).assert().success();
    schakel(&map)
        .args([
            "overleg",
            "bob",
            &pa[..8],
            "--beeld",
            "Schulden lopen op",
            "--oordeel",
            "Zorgelijk",
            "--besluit",
            "Budgetbeheer",
        ])
        .assert()
        .success();
    schakel(&map)
        .args([
            "overleg",
            "besluit-actie",
            &pa[..8],
            "--tekst",
            "Budgetbeheer aanvragen",
            "--partner",
            "Wijkteam Voorbeeld",
        ])
        .assert()
        .success();
    let plan = json(schakel(&map).args(["plan", "show", &a]));
    assert_eq!(plan["acties"][0]["omschrijving"], "Budgetbeheer aanvragen");
    let show = json(schakel(&map).args(["overleg", "show", &o[..8]]));
    assert_eq!(show["genodigden"][0]["aanwezig"], true);
    assert_eq!(show["agenda"][1]["starttijd"], "09:45");
    schakel(&map)
        .args(["overleg", "sluit", &o[..8]])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("agendapunten zonder verslag: {b}")));
    schakel(&map).args(["overleg", "sluit", &o[..8], "--toch"]).assert().success();
    let d = json(schakel(&map).args(["casus", "show", &a]));
    let journaal = d["journaal"].as_array().unwrap();
    assert!(journaal.iter().any(|j| j["tekst"].as_str().unwrap().contains("Beeld: Schulden lopen op")), "{d}");
}

//! Fuzz the bundle reader and importer.
//!
//! The first byte picks the layer:
//! - even: the raw file goes to `importeer` (outer parser, signature checks);
//! - 1 mod 4: the rest is the inner JSON payload, wrapped with valid signatures and age
//!   encryption by a trusted sender (manifest checks);
//! - 3 mod 4: the rest is the JSON list of operations; the harness adds a valid manifest,
//!   so the fuzzer reaches operation validation and the merge in one transaction.
//!
//! Invariant checked: a refused bundle changes nothing (the synced state is compared).
#![no_main]

use libfuzzer_sys::fuzz_target;
use schakel::store::sleutel::DbSleutel;
use schakel::store::{Collega, Gebruiker, Gegevensmap, Store};
use schakel::sync::{self, Apparaat};
use std::sync::{Mutex, OnceLock};

struct Opstelling {
    _dir: tempfile::TempDir,
    afzender: Apparaat,
    ontvanger_kaart: Collega,
    ontvanger: Store,
    teller: u64,
}

fn opstelling() -> &'static Mutex<Opstelling> {
    static O: OnceLock<Mutex<Opstelling>> = OnceLock::new();
    O.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let g = |n: &str| Gebruiker { naam: n.into(), rol: "procesregisseur".into(), zvh: "ZVH Fuzz".into() };
        let mut a = Store::maak(&Gegevensmap::new(dir.path().join("a")), &DbSleutel::van_bytes([1; 32]), &g("A"))
            .expect("store a");
        let mut b = Store::maak(&Gegevensmap::new(dir.path().join("b")), &DbSleutel::van_bytes([2; 32]), &g("B"))
            .expect("store b");
        let ka = sync::lees_visitekaartje(&sync::visitekaartje(&mut a, "").expect("card")).expect("card a");
        let kb = sync::lees_visitekaartje(&sync::visitekaartje(&mut b, "").expect("card")).expect("card b");
        b.collega_toevoegen(&ka).expect("add");
        b.collega_bevestigen(&ka.apparaat).expect("confirm");
        let afzender = sync::apparaat(&mut a).expect("identity");
        Mutex::new(Opstelling { _dir: dir, afzender, ontvanger_kaart: kb, ontvanger: b, teller: 0 })
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&keuze, rest)) = data.split_first() else { return };
    let mut o = opstelling().lock().unwrap_or_else(|e| e.into_inner());
    let payload: Vec<u8> = match keuze % 4 {
        0 | 2 => Vec::new(),
        1 => rest.to_vec(),
        _ => {
            let Ok(ops) = serde_json::from_slice::<serde_json::Value>(rest) else { return };
            let manifest = serde_json::json!({
                "versie": 2, "bundel": format!("fuzz-{}", o.teller), "team": "ZVH Fuzz",
                "afzender": o.afzender.id, "afzender_naam": "A", "ontvangers": [o.ontvanger_kaart.apparaat],
                "vingerafdrukken": [], "dekking": {}, "bezit": {}, "casussen": null,
                "gemaakt_op": "2026-01-01T00:00:00Z",
            });
            o.teller += 1;
            serde_json::to_vec(&serde_json::json!({ "manifest": manifest, "operaties": ops })).expect("json")
        }
    };
    let bundel = if keuze % 2 == 0 {
        rest.to_vec()
    } else {
        match sync::verpak(&o.afzender, std::slice::from_ref(&o.ontvanger_kaart), &payload) {
            Ok(b) => b,
            Err(_) => return,
        }
    };
    let voor = o.ontvanger.synchrone_staat().expect("state");
    if sync::importeer(&mut o.ontvanger, &bundel).is_err() {
        assert_eq!(voor, o.ontvanger.synchrone_staat().expect("state"), "a refused bundle changed the database");
    }
});

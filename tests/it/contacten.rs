//! Issue 20 "Partners: contactpersonen edit and archive": the store rule, the CLI
//! (`contact wijzig/archiveer/activeer`) and the inline edit on the Partners screen.

use crate::hulp::{self};
use crate::ui::stuur_en_wacht;
use crate::ui::{klik, toont, typ, verwacht};
use predicates::prelude::*;
use schakel::domain::Convenantstatus;
use schakel::domain::partner::PartnerSoort;
use schakel::store::{ContactWijziging, NieuwContact, NieuwePartner, Store, StoreFout};
use schakel::ui::screen::partners;
use schakel::ui::{App, Message, Pagina};

fn partner_met_contact(s: &mut Store) -> (String, String) {
    let p = s
        .partner_toevoegen(NieuwePartner {
            naam: "Reclassering Oost".into(),
            soort: PartnerSoort::Justitie,
            convenantstatus: Convenantstatus::Convenant,
        })
        .unwrap();
    let c = s
        .contact_toevoegen(
            &p,
            NieuwContact {
                naam: "Sanne Dijkstra-Özdemir".into(),
                functie: "Reclasseringswerker".into(),
                ..Default::default()
            },
        )
        .unwrap();
    (p, c)
}

#[test]
fn contact_wijzigen_en_archiveren_gaat_door_audit_en_wijzigingslog() {
    let (_d, _m, mut s) = hulp::store();
    let (p, c) = partner_met_contact(&mut s);
    let audit = s.aantal("audit").unwrap();
    let log = s.aantal("wijziging").unwrap();

    let w = ContactWijziging {
        telefoon: Some("06-12345678".into()),
        functie: Some("Teamleider".into()),
        ..Default::default()
    };
    assert_eq!(s.contact_wijzig(&c, &w).unwrap(), 2);
    assert_eq!(s.aantal("audit").unwrap(), audit + 2, "one audit entry per changed field");
    assert_eq!(s.aantal("wijziging").unwrap(), log + 2, "every field syncs");
    let k = s.contact(&c).unwrap();
    assert_eq!((k.functie.as_str(), k.telefoon.as_str()), ("Teamleider", "06-12345678"));
    // Saving the same values again changes nothing.
    assert_eq!(s.contact_wijzig(&c, &w).unwrap(), 0);

    // The same checks as on creation.
    let fout = s.contact_wijzig(&c, &ContactWijziging { email: Some("sanne@".into()), ..Default::default() });
    assert_eq!(schakel::melding::store(&fout.unwrap_err()), "'sanne@' is geen geldig e-mailadres.");
    let fout = s.contact_wijzig(&c, &ContactWijziging { naam: Some("  ".into()), ..Default::default() });
    assert!(matches!(fout, Err(StoreFout::Domein(_))), "{fout:?}");

    // Archived: gone from the pickers, still known by id; restoring brings it back.
    s.contact_wijzig(&c, &ContactWijziging { gearchiveerd: Some(true), ..Default::default() }).unwrap();
    assert!(s.contacten(&p).unwrap().is_empty());
    assert!(s.contact(&c).unwrap().gearchiveerd);
    assert_eq!(s.contacten_met_archief(&p).unwrap().len(), 1);
    s.contact_wijzig(&c, &ContactWijziging { gearchiveerd: Some(false), ..Default::default() }).unwrap();
    assert_eq!(s.contacten(&p).unwrap().len(), 1);
}

use crate::hulp::{id, schakel};

#[test]
fn contact_wijzigen_archiveren_en_activeren_op_de_opdrachtregel() {
    let d = tempfile::tempdir().unwrap();
    let map = d.path().join("data");
    schakel(&map).args(["init", "--naam", "Test Regisseur"]).assert().success();
    id(schakel(&map).args(["partner", "add", "--naam", "GGD Rivierenland", "--soort", "zorg"]));
    let c = id(schakel(&map).args(["partner", "contact", "GGD Rivierenland", "--naam", "Joris Baâli"]));

    schakel(&map)
        .args(["contact", "wijzig", &c[..8], "--functie", "Sociaal verpleegkundige", "--telefoon", "06-87654321"])
        .assert()
        .success()
        .stdout("Contactpersoon Joris Baâli: 2 velden gewijzigd.\n");
    schakel(&map)
        .args(["contact", "wijzig", &c, "--email", "joris@ggd"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("'joris@ggd' is geen geldig e-mailadres."));
    schakel(&map)
        .args(["contact", "wijzig", "deadbeef00", "--naam", "Niemand"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("Contactpersoon 'deadbeef00' bestaat niet (of is verwijderd)."));
    schakel(&map)
        .args(["contact", "archiveer", "abc"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("Contactpersoon 'abc' bestaat niet (of is verwijderd)."));

    schakel(&map)
        .args(["contact", "archiveer", &c[..8]])
        .assert()
        .success()
        .stdout("Contactpersoon Joris Baâli gearchiveerd.\n");
    let export = d.path().join("lijst.csv");
    schakel(&map).args(["partner", "export", "-o"]).arg(&export).assert().success();
    assert!(!std::fs::read_to_string(&export).unwrap().contains("Joris"), "archived contacts are not exported");
    schakel(&map)
        .args(["contact", "activeer", &c[..8]])
        .assert()
        .success()
        .stdout("Contactpersoon Joris Baâli weer actief.\n");
    schakel(&map)
        .args(["contact", "activeer", &c])
        .assert()
        .success()
        .stdout("Contactpersoon Joris Baâli is ongewijzigd.\n");
    schakel(&map).args(["partner", "export", "-o"]).arg(&export).assert().success();
    assert!(std::fs::read_to_string(&export).unwrap().contains("Sociaal verpleegkundige"));
}

fn partners_msg(app: &mut App, m: partners::Message) {
    stuur_en_wacht(app, Message::Partners(m));
}

#[test]
fn contactpersoon_inline_wijzigen_en_archiveren_in_het_venster() {
    let (_d, map, mut s) = hulp::store();
    let (p, c) = partner_met_contact(&mut s);
    let mut app = App::met_store(map.clone(), s);
    stuur_en_wacht(&mut app, Message::Navigeer(Pagina::Partners));
    partners_msg(&mut app, partners::Message::Kies(p.clone()));
    verwacht(&app, "Sanne Dijkstra-Özdemir");

    // Edit inline; the same check as on creation, then Esc throws the edit away.
    klik(&mut app, "Wijzigen");
    verwacht(&app, "Contactpersoon wijzigen");
    typ(&mut app, "contact-bewerk-telefoon", "123");
    partners_msg(&mut app, partners::Message::ContactOpslaan);
    verwacht(&app, "'123' is geen geldig telefoonnummer");
    stuur_en_wacht(&mut app, Message::Annuleer);
    assert!(!toont(&app, "Contactpersoon wijzigen"), "Esc closes the form");

    // Edit again and save with Ctrl+S.
    klik(&mut app, "Wijzigen");
    typ(&mut app, "contact-bewerk-telefoon", "06-11223344");
    stuur_en_wacht(&mut app, Message::Opslaan);
    verwacht(&app, "Contactpersoon Sanne Dijkstra-Özdemir opgeslagen.");
    verwacht(&app, "Reclasseringswerker · 06-11223344");
    assert!(!toont(&app, "Contactpersoon wijzigen"));

    // Archive asks first; Annuleren keeps the contact.
    partners_msg(&mut app, partners::Message::ContactArchiveren(c.clone()));
    verwacht(&app, "Sanne Dijkstra-Özdemir archiveren?");
    klik(&mut app, "Annuleren");
    assert!(!toont(&app, "archiveren?"));
    partners_msg(&mut app, partners::Message::ContactArchiveren(c.clone()));
    klik(&mut app, "Ja, archiveren");
    verwacht(&app, "Contactpersoon Sanne Dijkstra-Özdemir gearchiveerd.");
    verwacht(&app, "Gearchiveerde contactpersonen");
    let s = Store::open(&map, &hulp::sleutel()).unwrap();
    assert!(s.contacten(&p).unwrap().is_empty(), "archived in the store");
    assert_eq!(s.contact(&c).unwrap().telefoon, "06-11223344");
    drop(s);
    partners_msg(&mut app, partners::Message::ContactTerugzetten(c.clone()));
    verwacht(&app, "Contactpersoon Sanne Dijkstra-Özdemir weer actief.");
    assert!(!toont(&app, "Gearchiveerde contactpersonen"));
}

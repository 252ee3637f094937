//! The partner contact list as CSV and vCard: round trips, and malformed rows reported
//! with their row number and nothing of them stored.

use crate::hulp;
use schakel::contactlijst::{self as cl, Regel};
use schakel::domain::Convenantstatus;
use schakel::domain::partner::PartnerSoort;
use schakel::store::{NieuwContact, NieuwePartner, Store};

fn gevuld() -> (tempfile::TempDir, Store) {
    let (d, _map, mut s) = hulp::store();
    let p = s
        .partner_toevoegen(NieuwePartner {
            naam: "Reclassering \"Noord\", regio; Friesland".into(),
            soort: PartnerSoort::Justitie,
            convenantstatus: Convenantstatus::Convenant,
        })
        .unwrap();
    for (naam, tel, mail) in [("Joëlle Brëmhof", "06-01234567", "joelle@noord.example"), ("Kees, de Vries", "", "")] {
        s.contact_toevoegen(
            &p,
            NieuwContact {
                naam: naam.into(),
                functie: "Toezichthouder; PI-contact".into(),
                telefoon: tel.into(),
                email: mail.into(),
                themas: "nazorg, huiselijk geweld".into(),
            },
        )
        .unwrap();
    }
    let q = s
        .partner_toevoegen(NieuwePartner {
            naam: "Buurthuis Zonder Afspraak".into(),
            soort: PartnerSoort::Overig,
            convenantstatus: Convenantstatus::Geen,
        })
        .unwrap();
    s.contact_toevoegen(&q, NieuwContact { naam: "Lotte Fictief".into(), ..Default::default() }).unwrap();
    (d, s)
}

fn gesorteerd(mut r: Vec<Regel>) -> Vec<Regel> {
    r.sort_by(|a, b| (&a.organisatie, &a.naam).cmp(&(&b.organisatie, &b.naam)));
    r
}

#[test]
fn csv_en_vcard_heen_en_terug() {
    let (_d, s) = gevuld();
    let origineel = gesorteerd(cl::regels(&s).unwrap());
    assert_eq!(origineel.len(), 3);
    for vcard in [false, true] {
        let (rijen, fout) =
            if vcard { cl::lees_vcard(&cl::naar_vcard(&origineel)) } else { cl::lees_csv(&cl::naar_csv(&origineel)) };
        assert!(fout.is_empty(), "{fout:?}");
        let (_d2, _m2, mut leeg) = hulp::store();
        let v = cl::importeer(&mut leeg, rijen, fout).unwrap();
        assert_eq!((v.partners, v.contacten, v.afgewezen.len()), (2, 3, 0), "vcard={vcard}");
        assert_eq!(gesorteerd(cl::regels(&leeg).unwrap()), origineel, "vcard={vcard}");
        // Importing the same file again adds nothing.
        let (rijen, fout) =
            if vcard { cl::lees_vcard(&cl::naar_vcard(&origineel)) } else { cl::lees_csv(&cl::naar_csv(&origineel)) };
        let v = cl::importeer(&mut leeg, rijen, fout).unwrap();
        assert_eq!((v.partners, v.contacten, v.bestaand), (0, 0, 3));
    }
}

#[test]
fn foute_regels_worden_gemeld_en_niet_opgeslagen() {
    let csv = "organisatie,soort,convenant,naam,functie,telefoon,email,themas\n\
               Wijkteam Oost,gemeente,convenant,Anna Goed,Coach,0512-345678,anna@oost.example,\n\
               Wijkteam Oost,gemeente,convenant,Bart Fout,Coach,12345,,\n\
               Wijkteam Oost,gemeente,convenant,Cor Fout,Coach,,cor@,\n\
               ,zorg,convenant,Dirk Zonder Organisatie,,,,\n\
               Wijkteam Oost,gemeente,convenant,Eva Te Kort\n\
               Nieuwe Club,vereniging,geen,Fleur Soort,,,,\n\
               Onbekend Convenant,,misschien,Gijs,,,,\n\
               Stil Huis,,,Hanna Standaard,,,,\n";
    let (rijen, fout) = cl::lees_csv(csv.as_bytes());
    let (_d, _m, mut s) = hulp::store();
    let v = cl::importeer(&mut s, rijen, fout).unwrap();
    let regels: Vec<usize> = v.afgewezen.iter().map(|a| a.regel).collect();
    assert_eq!(regels, [2, 3, 4, 5, 6, 7], "{:?}", v.afgewezen);
    assert!(v.afgewezen[0].reden.contains("telefoonnummer"));
    assert!(v.afgewezen[1].reden.contains("e-mailadres"));
    assert!(v.afgewezen[2].reden.contains("Organisatie ontbreekt"));
    assert!(v.afgewezen[3].reden.contains("4 kolommen"));
    assert_eq!((v.partners, v.contacten), (2, 2));
    let namen: Vec<String> = cl::regels(&s).unwrap().into_iter().map(|r| r.naam).collect();
    assert!(namen.contains(&"Anna Goed".to_string()) && namen.contains(&"Hanna Standaard".to_string()));
    assert!(!namen.iter().any(|n| n.contains("Fout")));
    // No covenant status given: assume none (personal data may not go there).
    let stil = s.partners().unwrap().into_iter().find(|p| p.naam == "Stil Huis").unwrap();
    assert_eq!(stil.convenantstatus, Convenantstatus::Geen);
    // A wrong header is refused as a whole.
    let (rijen, fout) = cl::lees_csv(b"naam;telefoon\nX;06\n");
    assert!(rijen.is_empty() && fout.len() == 1 && fout[0].regel == 0);
}

#[test]
fn vcard_met_gevouwen_regels_en_kaart_zonder_naam() {
    let vcf = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ingrid\r\n  Lang\r\nORG:GGZ Voorbeeld;Afdeling Noord\r\nTEL;TYPE=work:+31 6 01234567\r\nEMAIL:ingrid@ggz.example\r\nEND:VCARD\r\n\
               BEGIN:VCARD\r\nVERSION:3.0\r\nORG:Zonder Naam BV\r\nEND:VCARD\r\n";
    let (rijen, fout) = cl::lees_vcard(vcf);
    assert_eq!(rijen.len(), 1);
    assert_eq!(rijen[0].1.naam, "Ingrid Lang");
    assert_eq!(rijen[0].1.organisatie, "GGZ Voorbeeld");
    assert_eq!(fout.len(), 1);
    assert_eq!(fout[0].regel, 2);
}

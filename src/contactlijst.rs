//! The partner contact list as CSV (for spreadsheets) and vCard 3.0 (for the phone of a
//! trajectbegeleider): export, and import with validation and a report of rejected rows.
//! Import never deletes; it adds partners and contacts that are not there yet.

use crate::domain::Convenantstatus;
use crate::domain::partner::{PartnerSoort, emailadres, telefoonnummer};
use crate::store::{NieuwContact, NieuwePartner, Resultaat, Store};

/// CSV columns, in order.
pub const KOLOMMEN: [&str; 8] = ["organisatie", "soort", "convenant", "naam", "functie", "telefoon", "email", "themas"];

/// One contact as exchanged.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Regel {
    /// Partner organisation.
    pub organisatie: String,
    /// Partner kind code (`zorg`, ...); empty = `overig`.
    pub soort: String,
    /// Covenant code; empty = `geen` (the safe default).
    pub convenant: String,
    /// Contact name.
    pub naam: String,
    /// Function.
    pub functie: String,
    /// Phone.
    pub telefoon: String,
    /// E-mail.
    pub email: String,
    /// Themes.
    pub themas: String,
}

/// A rejected row: its number in the file (1 = first data row) and the Dutch reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Afgewezen {
    /// Row number (CSV: data row; vCard: card number).
    pub regel: usize,
    /// Why.
    pub reden: String,
}

/// Outcome of an import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Importverslag {
    /// New partners.
    pub partners: usize,
    /// New contacts.
    pub contacten: usize,
    /// Contacts already present (same organisation and name).
    pub bestaand: usize,
    /// Rejected rows.
    pub afgewezen: Vec<Afgewezen>,
}

/// Every active contact of every active partner, for an export (recorded in the audit
/// log: the contact list leaves the device).
pub fn regels(store: &Store) -> Resultaat<Vec<Regel>> {
    store.registreer_uitvoer(crate::store::Uitvoer::Contactlijst, "contactlijst", &[])?;
    let mut uit = Vec::new();
    for p in store.partners()? {
        for c in store.contacten(&p.id)? {
            uit.push(Regel {
                organisatie: p.naam.clone(),
                soort: p.soort.code().into(),
                convenant: p.convenantstatus.code().into(),
                naam: c.naam,
                functie: c.functie,
                telefoon: c.telefoon,
                email: c.email,
                themas: c.themas,
            });
        }
    }
    Ok(uit)
}

/// The contact list as CSV (comma separated, header row, UTF-8).
pub fn naar_csv(regels: &[Regel]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(KOLOMMEN);
    for r in regels {
        let _ = w.write_record([
            &r.organisatie,
            &r.soort,
            &r.convenant,
            &r.naam,
            &r.functie,
            &r.telefoon,
            &r.email,
            &r.themas,
        ]);
    }
    w.into_inner().unwrap_or_default()
}

fn vcard_tekst(s: &str) -> String {
    s.replace('\\', "\\\\").replace(',', "\\,").replace(';', "\\;").replace('\n', "\\n")
}

fn vcard_ontsnap(s: &str) -> String {
    let mut uit = String::new();
    let mut tekens = s.chars();
    while let Some(c) = tekens.next() {
        if c == '\\' {
            match tekens.next() {
                Some('n' | 'N') => uit.push('\n'),
                Some(x) => uit.push(x),
                None => {}
            }
        } else {
            uit.push(c);
        }
    }
    uit
}

/// The contact list as vCard 3.0 (one card per contact; organisation, function, work
/// phone, e-mail; themes and covenant status in NOTE).
pub fn naar_vcard(regels: &[Regel]) -> String {
    let mut uit = String::new();
    for r in regels {
        uit.push_str("BEGIN:VCARD\r\nVERSION:3.0\r\n");
        uit.push_str(&format!("FN:{}\r\n", vcard_tekst(&r.naam)));
        uit.push_str(&format!("N:{};;;;\r\n", vcard_tekst(&r.naam)));
        uit.push_str(&format!("ORG:{}\r\n", vcard_tekst(&r.organisatie)));
        if !r.functie.is_empty() {
            uit.push_str(&format!("TITLE:{}\r\n", vcard_tekst(&r.functie)));
        }
        if !r.telefoon.is_empty() {
            uit.push_str(&format!("TEL;TYPE=WORK,VOICE:{}\r\n", vcard_tekst(&r.telefoon)));
        }
        if !r.email.is_empty() {
            uit.push_str(&format!("EMAIL;TYPE=INTERNET:{}\r\n", vcard_tekst(&r.email)));
        }
        let mut notitie = format!("Convenant: {}", r.convenant);
        if !r.soort.is_empty() {
            notitie.push_str(&format!("\nSoort: {}", r.soort));
        }
        if !r.themas.is_empty() {
            notitie.push_str(&format!("\nThema's: {}", r.themas));
        }
        uit.push_str(&format!("NOTE:{}\r\n", vcard_tekst(&notitie)));
        uit.push_str("END:VCARD\r\n");
    }
    uit
}

/// Read CSV rows; a row with the wrong number of columns is rejected, not guessed.
pub fn lees_csv(bytes: &[u8]) -> (Vec<(usize, Regel)>, Vec<Afgewezen>) {
    let mut r = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(bytes);
    let mut goed = Vec::new();
    let mut fout = Vec::new();
    let kop: Vec<String> = match r.headers() {
        Ok(h) => h.iter().map(|k| k.to_lowercase()).collect(),
        Err(e) => {
            fout.push(Afgewezen { regel: 0, reden: format!("Het bestand is geen leesbare CSV ({e}).") });
            return (goed, fout);
        }
    };
    if kop.iter().map(String::as_str).ne(KOLOMMEN) {
        fout.push(Afgewezen { regel: 0, reden: format!("De kopregel moet zijn: {}.", KOLOMMEN.join(",")) });
        return (goed, fout);
    }
    for (i, rij) in r.records().enumerate() {
        let nr = i + 1;
        match rij {
            Ok(v) if v.len() == KOLOMMEN.len() => {
                let k = |i: usize| v.get(i).unwrap_or("").to_string();
                goed.push((
                    nr,
                    Regel {
                        organisatie: k(0),
                        soort: k(1),
                        convenant: k(2),
                        naam: k(3),
                        functie: k(4),
                        telefoon: k(5),
                        email: k(6),
                        themas: k(7),
                    },
                ));
            }
            Ok(v) => fout.push(Afgewezen {
                regel: nr,
                reden: format!("{} kolommen in plaats van {}.", v.len(), KOLOMMEN.len()),
            }),
            Err(e) => fout.push(Afgewezen { regel: nr, reden: format!("Onleesbare regel ({e}).") }),
        }
    }
    (goed, fout)
}

/// The part of a structured vCard value before the first unescaped `;`.
fn eerste_component(waarde: &str) -> &str {
    let mut vorige_escape = false;
    for (i, c) in waarde.char_indices() {
        match c {
            ';' if !vorige_escape => return &waarde[..i],
            '\\' if !vorige_escape => {
                vorige_escape = true;
                continue;
            }
            _ => {}
        }
        vorige_escape = false;
    }
    waarde
}

/// Read vCards (3.0 or 4.0; folded lines allowed). A card without FN is rejected.
pub fn lees_vcard(tekst: &str) -> (Vec<(usize, Regel)>, Vec<Afgewezen>) {
    // Unfold: a line starting with a space or tab continues the previous one.
    let mut regels: Vec<String> = Vec::new();
    for r in tekst.split('\n') {
        let r = r.trim_end_matches('\r');
        if (r.starts_with(' ') || r.starts_with('\t')) && !regels.is_empty() {
            if let Some(l) = regels.last_mut() {
                l.push_str(&r[1..]);
            }
        } else {
            regels.push(r.to_string());
        }
    }
    let mut goed = Vec::new();
    let mut fout = Vec::new();
    let mut kaart: Option<Regel> = None;
    let mut nr = 0;
    for r in regels {
        let Some((sleutel, waarde)) = r.split_once(':') else { continue };
        let naam = sleutel.split(';').next().unwrap_or("").to_uppercase();
        let waarde = waarde.trim();
        match naam.as_str() {
            "BEGIN" if waarde.eq_ignore_ascii_case("VCARD") => {
                nr += 1;
                kaart = Some(Regel::default());
            }
            "END" if waarde.eq_ignore_ascii_case("VCARD") => {
                if let Some(k) = kaart.take() {
                    if k.naam.trim().is_empty() {
                        fout.push(Afgewezen { regel: nr, reden: "Kaart zonder naam (FN).".into() });
                    } else {
                        goed.push((nr, k));
                    }
                }
            }
            _ => {
                let Some(k) = kaart.as_mut() else { continue };
                let w = vcard_ontsnap(waarde);
                match naam.as_str() {
                    "FN" => k.naam = w,
                    // ORG is "organisation;unit;…": split on unescaped semicolons first.
                    "ORG" => k.organisatie = vcard_ontsnap(eerste_component(waarde)),
                    "TITLE" => k.functie = w,
                    "TEL" if k.telefoon.is_empty() => k.telefoon = w,
                    "EMAIL" if k.email.is_empty() => k.email = w,
                    "NOTE" => {
                        for deel in w.lines() {
                            if let Some(x) = deel.strip_prefix("Convenant: ") {
                                k.convenant = x.trim().to_string();
                            } else if let Some(x) = deel.strip_prefix("Soort: ") {
                                k.soort = x.trim().to_string();
                            } else if let Some(x) = deel.strip_prefix("Thema's: ") {
                                k.themas = x.trim().to_string();
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    (goed, fout)
}

fn controleer(r: &Regel) -> Result<(PartnerSoort, Convenantstatus, String, String), String> {
    if r.organisatie.trim().is_empty() {
        return Err("Organisatie ontbreekt.".into());
    }
    if r.naam.trim().is_empty() {
        return Err("Naam van de contactpersoon ontbreekt.".into());
    }
    let soort = if r.soort.trim().is_empty() {
        PartnerSoort::Overig
    } else {
        PartnerSoort::parse(&r.soort).map_err(|e| crate::melding::domein(&e))?
    };
    // Unknown covenant status: the safe assumption is that there is none.
    let convenant = if r.convenant.trim().is_empty() {
        Convenantstatus::Geen
    } else {
        Convenantstatus::parse(&r.convenant).map_err(|e| crate::melding::domein(&e))?
    };
    let tel = telefoonnummer(&r.telefoon).map_err(|e| crate::melding::domein(&e))?;
    let mail = emailadres(&r.email).map_err(|e| crate::melding::domein(&e))?;
    Ok((soort, convenant, tel, mail))
}

/// Import checked rows in one transaction: new partners are made (an existing partner
/// keeps its own covenant status), contacts that already exist (same organisation and
/// name) are skipped, invalid rows are reported and nothing of them is stored.
pub fn importeer(
    store: &mut Store,
    rijen: Vec<(usize, Regel)>,
    mut afgewezen: Vec<Afgewezen>,
) -> Resultaat<Importverslag> {
    let mut verslag = store.batch(|s| {
        let mut v = Importverslag::default();
        for (nr, r) in rijen {
            let (soort, convenant, telefoon, email) = match controleer(&r) {
                Ok(x) => x,
                Err(reden) => {
                    v.afgewezen.push(Afgewezen { regel: nr, reden });
                    continue;
                }
            };
            let bestaande = s.alle_partners()?.into_iter().find(|p| p.naam.eq_ignore_ascii_case(r.organisatie.trim()));
            let partner = match bestaande {
                Some(p) => p.id,
                None => {
                    v.partners += 1;
                    s.partner_toevoegen(NieuwePartner {
                        naam: r.organisatie.trim().to_string(),
                        soort,
                        convenantstatus: convenant,
                    })?
                }
            };
            if s.contacten(&partner)?.iter().any(|c| c.naam.eq_ignore_ascii_case(r.naam.trim())) {
                v.bestaand += 1;
                continue;
            }
            s.contact_toevoegen(
                &partner,
                NieuwContact { naam: r.naam.trim().into(), functie: r.functie, telefoon, email, themas: r.themas },
            )?;
            v.contacten += 1;
        }
        Ok(v)
    })?;
    afgewezen.append(&mut verslag.afgewezen);
    afgewezen.sort_by_key(|a| a.regel);
    verslag.afgewezen = afgewezen;
    Ok(verslag)
}

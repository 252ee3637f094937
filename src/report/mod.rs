//! PDF reports: overleg-agenda, verslag, plan van aanpak, casusoverzicht.
//! Layout in `opmaak` (library independent), drawing in `pdf` (printpdf 0.12) with the
//! embedded DejaVu Sans font from `assets/fonts` (licence next to it).

pub mod opmaak;
mod pdf;
mod privacy;

pub use privacy::{audit, audit_csv, herstelsleutel, inzage, ketenuitslag};

use crate::domain::nl_datum;
use crate::store::{Resultaat, Store, StoreFout, instelling};
use opmaak::{Kolom, Maten, Opmaak, Pagina};
use thiserror::Error;

/// Regular font.
pub const LETTER_GEWOON: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// Bold font.
pub const LETTER_VET: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Errors of the report layer.
#[derive(Debug, Error)]
pub enum RapportFout {
    /// Reading the data failed.
    #[error(transparent)]
    Store(#[from] StoreFout),
    /// The embedded font could not be read or the PDF not written.
    #[error("pdf: {0}")]
    Pdf(String),
    /// Writing CSV failed.
    #[error("csv: {0}")]
    Csv(String),
    /// The requested plan version does not exist.
    #[error("plan version {0} not found")]
    GeenVersie(u32),
}

impl From<crate::domain::DomeinFout> for RapportFout {
    fn from(e: crate::domain::DomeinFout) -> Self {
        RapportFout::Store(e.into())
    }
}

/// What to print on an agenda besides casusnummer, initials and thema.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AgendaOpties {
    /// Also print the werknaam (a setting; never names, birth dates or BSN).
    pub met_werknaam: bool,
}

/// A finished report.
#[derive(Debug, Clone)]
pub struct Rapport {
    /// PDF title (metadata).
    pub titel: String,
    /// The PDF bytes.
    pub pdf: Vec<u8>,
    /// Number of pages.
    pub paginas: usize,
}

fn maten() -> Result<Maten, RapportFout> {
    Maten::new(LETTER_GEWOON, LETTER_VET).ok_or_else(|| RapportFout::Pdf("embedded font unreadable".into()))
}

fn vandaag() -> String {
    chrono::Local::now().format("%d-%m-%Y").to_string()
}

fn zvh(store: &Store) -> Resultaat<String> {
    Ok(store
        .instelling(instelling::ZVH)?
        .filter(|z| !z.is_empty())
        .unwrap_or_else(|| "Zorg- en Veiligheidshuis".into()))
}

fn af(titel: String, paginas: Vec<Pagina>) -> Result<Rapport, RapportFout> {
    let n = paginas.len();
    let pdf = pdf::teken(&titel, &paginas)?;
    Ok(Rapport { titel, pdf, paginas: n })
}

/// The agenda of a meeting. Data minimisation: casusnummer, initials and thema only
/// (plus werknaam when the option is set) — never full names, birth dates or BSN.
pub fn agenda(store: &Store, overleg_id: &str, opties: AgendaOpties) -> Result<Rapport, RapportFout> {
    let o = store.overleg_rapport(overleg_id)?;
    let nummers: Vec<&str> = o.punten.iter().map(|p| p.casusnummer.as_str()).filter(|n| !n.is_empty()).collect();
    store.registreer_uitvoer(crate::store::Uitvoer::Agenda, overleg_id, &nummers)?;
    let m = maten()?;
    let mut d = Opmaak::new(&m, &zvh(store)?);
    let titel = format!("Agenda {} {}", o.soort.to_lowercase(), nl_datum(&o.datum));
    d.titel(&titel);
    d.velden(&[
        ("Overleg", o.soort.clone()),
        ("Datum en tijd", format!("{} om {}", nl_datum(&o.datum), o.begintijd)),
        ("Plaats", o.plaats.clone()),
        ("Voorzitter", o.voorzitter.clone()),
    ]);
    d.kop("Genodigden");
    let genodigden: Vec<Vec<String>> =
        o.genodigden.iter().map(|g| vec![g.naam.clone(), g.organisatie.clone(), g.functie.clone()]).collect();
    if genodigden.is_empty() {
        d.alinea("Geen genodigden vastgelegd.");
    } else {
        d.tabel(&[Kolom::new("Naam", 55.0), Kolom::new("Organisatie", 70.0), Kolom::new("Functie", 45.0)], &genodigden);
    }
    d.kop("Agendapunten");
    let mut kolommen = vec![Kolom::new("Tijd", 28.0), Kolom::new("Casus", 24.0), Kolom::new("Initialen", 28.0)];
    if opties.met_werknaam {
        kolommen.push(Kolom::new("Werknaam", 38.0));
        kolommen.push(Kolom::new("Thema", 52.0));
    } else {
        kolommen.push(Kolom::new("Thema", 90.0));
    }
    let rijen: Vec<Vec<String>> = o
        .punten
        .iter()
        .map(|p| {
            let tijd = match chrono::NaiveTime::parse_from_str(&p.starttijd, "%H:%M") {
                Ok(t) => format!("{}–{}", p.starttijd, (t + chrono::Duration::minutes(p.duur_minuten)).format("%H:%M")),
                Err(_) => p.starttijd.clone(),
            };
            if p.casusnummer.is_empty() {
                // A general item: no casus, no persons; its subject in the last column.
                let mut r = vec![tijd, "Algemeen".into(), "—".into()];
                if opties.met_werknaam {
                    r.push(String::new());
                }
                r.push(p.onderwerp.clone());
                return r;
            }
            let mut r = vec![
                tijd,
                p.casusnummer.clone(),
                if p.initialen.is_empty() { "—".into() } else { p.initialen.clone() },
            ];
            if opties.met_werknaam {
                r.push(p.werknaam.clone());
            }
            r.push(p.thema.clone());
            r
        })
        .collect();
    d.tabel(&kolommen, &rijen);
    d.alinea(
        "Deze agenda bevat alleen casusnummers, initialen en thema's (dataminimalisatie). Lever haar na afloop in.",
    );
    af(titel, d.af(&format!("Agenda {} {}", o.soort.to_lowercase(), nl_datum(&o.datum)), &vandaag()))
}

/// The minutes (verslag) of a meeting: attendance, BOB per item, decisions and actions.
pub fn verslag(store: &Store, overleg_id: &str) -> Result<Rapport, RapportFout> {
    let o = store.overleg_rapport(overleg_id)?;
    // The verslag names every person on the agenda: one audit entry per casus.
    let nummers: Vec<&str> = o.punten.iter().map(|p| p.casusnummer.as_str()).filter(|n| !n.is_empty()).collect();
    store.registreer_uitvoer(crate::store::Uitvoer::Verslag, overleg_id, &nummers)?;
    let m = maten()?;
    let mut d = Opmaak::new(&m, &zvh(store)?);
    let titel = format!("Verslag {} {}", o.soort.to_lowercase(), nl_datum(&o.datum));
    d.titel(&titel);
    let aanwezig: Vec<String> = o
        .genodigden
        .iter()
        .filter(|g| g.aanwezig == Some(true))
        .map(|g| format!("{} ({})", g.naam, g.organisatie))
        .collect();
    let afwezig: Vec<String> = o
        .genodigden
        .iter()
        .filter(|g| g.aanwezig != Some(true))
        .map(|g| format!("{} ({})", g.naam, g.organisatie))
        .collect();
    d.velden(&[
        ("Datum en tijd", format!("{} om {}", nl_datum(&o.datum), o.begintijd)),
        ("Plaats", o.plaats.clone()),
        ("Voorzitter", o.voorzitter.clone()),
        ("Aanwezig", aanwezig.join(", ")),
        ("Afwezig", afwezig.join(", ")),
    ]);
    for p in &o.punten {
        if p.casusnummer.is_empty() {
            d.kop(&format!("{} — {}", p.starttijd, p.onderwerp));
            d.velden(&[("Beeld", p.beeld.clone()), ("Oordeel", p.oordeel.clone()), ("Besluit", p.besluit.clone())]);
            continue;
        }
        d.kop(&format!("{} — casus {} ({})", p.starttijd, p.casusnummer, p.werknaam));
        d.velden(&[
            ("Betrokkenen", p.namen.clone()),
            ("Beeld", p.beeld.clone()),
            ("Oordeel", p.oordeel.clone()),
            ("Besluit", p.besluit.clone()),
        ]);
        if !p.acties.is_empty() {
            let rijen: Vec<Vec<String>> = p
                .acties
                .iter()
                .map(|a| {
                    vec![a.omschrijving.clone(), a.wie.clone(), a.deadline.as_deref().map(nl_datum).unwrap_or_default()]
                })
                .collect();
            d.tabel(&[Kolom::new("Nieuwe actie", 90.0), Kolom::new("Wie", 55.0), Kolom::new("Deadline", 25.0)], &rijen);
        }
    }
    let correcties = store.verslagcorrecties(overleg_id)?;
    if !correcties.is_empty() {
        d.kop("Correcties na sluiten");
        for c in &correcties {
            d.alinea(&format!("{} ({}, {}): {}", c.casusnummer, c.auteur, nl_datum(&c.datum), c.tekst));
        }
    }
    d.kop("Volgend overleg");
    d.alinea(&o.volgende_datum.as_deref().map(nl_datum).unwrap_or_else(|| "Nog niet gepland.".into()));
    af(titel, d.af(&format!("Verslag {} {}", o.soort.to_lowercase(), nl_datum(&o.datum)), &vandaag()))
}

/// The plan van aanpak of a casus: a frozen version, or the current draft (`None`).
pub fn plan(store: &mut Store, nummer: &str, versie: Option<u32>) -> Result<Rapport, RapportFout> {
    let regel = store.casus_regel(nummer)?;
    store.registreer_uitvoer(crate::store::Uitvoer::Plan, nummer, &[nummer])?;
    let versies = store.plan_versies(nummer)?;
    let (inhoud, kop) = match versie {
        Some(v) => {
            let pv = versies.iter().find(|x| x.nummer == v).ok_or(RapportFout::GeenVersie(v))?;
            (
                pv.inhoud.clone(),
                format!(
                    "Versie {} van {} — {}",
                    pv.nummer,
                    nl_datum(&pv.vastgelegd_op.chars().take(10).collect::<String>()),
                    pv.reden
                ),
            )
        }
        None => (store.plan(nummer)?.snapshot(), "Concept (nog niet vastgelegd)".to_string()),
    };
    let m = maten()?;
    let mut d = Opmaak::new(&m, &zvh(store)?);
    let titel = format!("Plan van aanpak casus {}", regel.casusnummer);
    d.titel(&titel);
    d.velden(&[
        ("Casus", format!("{} — {}", regel.casusnummer, regel.werknaam)),
        ("Thema", regel.thema.clone()),
        ("Procesregisseur", regel.procesregisseur.clone()),
        ("Versie", kop),
    ]);
    d.kop("Doelen per leefgebied");
    if inhoud.doelen.is_empty() {
        d.alinea("Geen doelen vastgelegd.");
    } else {
        let rijen: Vec<Vec<String>> =
            inhoud.doelen.iter().map(|g| vec![g.leefgebied.clone(), g.omschrijving.clone()]).collect();
        d.tabel(&[Kolom::new("Leefgebied", 45.0), Kolom::new("Doel", 125.0)], &rijen);
    }
    d.kop("Acties");
    // A vervallen action is not presented for signature: it is listed apart below.
    let (vervallen, lopend): (Vec<_>, Vec<_>) =
        inhoud.acties.iter().partition(|a| a.status == crate::domain::ActieStatus::Vervallen);
    let rijen: Vec<Vec<String>> = lopend
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let wie = match (&a.partner, &a.contact) {
                (Some(p), Some(c)) => format!("{p} / {c}"),
                (Some(p), None) => p.clone(),
                _ => String::new(),
            };
            vec![
                (i + 1).to_string(),
                a.omschrijving.clone(),
                wie,
                a.deadline.as_deref().map(nl_datum).unwrap_or_default(),
                a.status.label().to_string(),
            ]
        })
        .collect();
    d.tabel(
        &[
            Kolom::new("Nr.", 10.0),
            Kolom::new("Actie", 70.0),
            Kolom::new("Partner / contact", 45.0),
            Kolom::new("Deadline", 25.0),
            Kolom::new("Status", 20.0),
        ],
        &rijen,
    );
    if !vervallen.is_empty() {
        d.kop("Vervallen acties (ter informatie, niet ter ondertekening)");
        let rijen: Vec<Vec<String>> =
            vervallen.iter().map(|a| vec![a.omschrijving.clone(), a.partner.clone().unwrap_or_default()]).collect();
        d.tabel(&[Kolom::new("Actie", 120.0), Kolom::new("Partner", 50.0)], &rijen);
    }
    d.kop("Risico's per leefgebied (1 = geen zorgen, 5 = acuut)");
    if inhoud.risicos.is_empty() {
        d.alinea("Geen risicoscores vastgelegd.");
    } else {
        let rijen: Vec<Vec<String>> = inhoud
            .risicos
            .iter()
            .map(|r| vec![r.leefgebied.clone(), r.score.to_string(), r.toelichting.clone()])
            .collect();
        d.tabel(&[Kolom::new("Leefgebied", 45.0), Kolom::new("Score", 20.0), Kolom::new("Toelichting", 105.0)], &rijen);
    }
    d.kop("Akkoord van de partners");
    // Room to write: three empty lines per partner.
    let handtekeningen: Vec<Vec<String>> =
        (0..4).map(|_| vec!["\n\n".to_string(), String::new(), String::new()]).collect();
    d.tabel(
        &[Kolom::new("Organisatie", 60.0), Kolom::new("Naam", 60.0), Kolom::new("Paraaf en datum", 50.0)],
        &handtekeningen,
    );
    af(titel, d.af(&format!("Casus {}", regel.casusnummer), &vandaag()))
}

/// One-page summary for a trajectbegeleider going to a PI visit. Reading it is audited.
pub fn overzicht(store: &mut Store, nummer: &str) -> Result<Rapport, RapportFout> {
    let det = store.casus_detail(nummer)?;
    store.registreer_uitvoer(crate::store::Uitvoer::Overzicht, nummer, &[nummer])?;
    let plan_ = store.plan(nummer)?;
    let m = maten()?;
    let mut d = Opmaak::new(&m, &zvh(store)?);
    let titel = format!("Casusoverzicht {}", det.regel.casusnummer);
    d.titel(&titel);
    d.velden(&[
        ("Casus", format!("{} — {}", det.regel.casusnummer, det.regel.werknaam)),
        ("Thema / fase", format!("{} / {} / AVE {}", det.regel.thema, det.regel.fase.label(), det.regel.ave)),
        ("Procesregisseur", det.regel.procesregisseur.clone()),
        ("Trajectbegeleider", det.regel.trajectbegeleider.clone()),
        ("Casusregisseur", det.regel.casusregisseur.clone()),
    ]);
    d.kop("Betrokkenen en detentie");
    let mut rijen = Vec::new();
    for b in &det.betrokkenen {
        let detentie = b
            .detenties
            .iter()
            .map(|x| {
                format!(
                    "{} {} – {}",
                    x.inrichting,
                    x.startdatum.as_deref().map(nl_datum).unwrap_or_default(),
                    x.einddatum_verwacht.as_deref().map(nl_datum).unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        rijen.push(vec![
            b.naam.clone(),
            b.rol.label().to_string(),
            b.geboortedatum.as_deref().map(nl_datum).unwrap_or_default(),
            detentie,
        ]);
    }
    d.tabel(
        &[Kolom::new("Naam", 50.0), Kolom::new("Rol", 28.0), Kolom::new("Geboren", 24.0), Kolom::new("Detentie", 68.0)],
        &rijen,
    );
    if !det.opschalingen.is_empty() {
        d.kop("Opschalingen");
        let rijen: Vec<Vec<String>> = det
            .opschalingen
            .iter()
            .map(|o| vec![nl_datum(&o.datum), o.naar.label().to_string(), o.reden.clone(), o.uitkomst.clone()])
            .collect();
        d.tabel(
            &[
                Kolom::new("Datum", 24.0),
                Kolom::new("Naar", 28.0),
                Kolom::new("Reden", 64.0),
                Kolom::new("Uitkomst", 54.0),
            ],
            &rijen,
        );
    }
    let koppelingen = store.koppelingen(nummer)?;
    if !koppelingen.is_empty() {
        d.kop("Gekoppelde casussen");
        let rijen: Vec<Vec<String>> = koppelingen
            .iter()
            .map(|k| {
                let c = &k.casus;
                vec![
                    format!("{} — {}", c.casusnummer, c.werknaam),
                    k.soort.label().to_string(),
                    format!("{} / AVE {}", c.fase.label(), c.ave),
                    c.procesregisseur.clone(),
                ]
            })
            .collect();
        d.tabel(
            &[
                Kolom::new("Casus", 54.0),
                Kolom::new("Soort", 42.0),
                Kolom::new("Fase", 34.0),
                Kolom::new("Procesregisseur", 40.0),
            ],
            &rijen,
        );
    }
    d.kop("Openstaande acties");
    let open: Vec<Vec<String>> = plan_
        .acties
        .iter()
        .filter(|a| a.status.is_open())
        .map(|a| {
            vec![
                a.omschrijving.clone(),
                a.partner.clone().unwrap_or_default(),
                a.deadline.as_deref().map(nl_datum).unwrap_or_default(),
            ]
        })
        .collect();
    d.tabel(&[Kolom::new("Actie", 95.0), Kolom::new("Partner", 50.0), Kolom::new("Deadline", 25.0)], &open);
    d.kop("Laatste journaalregels");
    for j in det.journaal.iter().take(5) {
        d.alinea(&format!("{} ({}): {}", nl_datum(&j.datum), j.soort.label(), j.tekst));
    }
    // Contacts: the people responsible for open actions (who to call after the visit),
    // then the referrer's contact; kept short so the summary fits one page.
    d.kop("Contacten");
    let mut contacten: Vec<Vec<String>> = Vec::new();
    let mut gezien = std::collections::HashSet::new();
    for a in plan_.acties.iter().filter(|a| a.status.is_open()) {
        if let (Some(pid), Some(cid)) = (&a.partner_id, &a.contact_id)
            && gezien.insert(cid.clone())
            && let Some(c) = store.contacten(pid)?.into_iter().find(|c| &c.id == cid)
        {
            contacten.push(vec![a.partner.clone().unwrap_or_default(), c.naam, c.telefoon, c.email]);
        }
    }
    if let (Some(p), Some(c)) = (&det.aanmelder_partner, &det.aanmelder_contact)
        && contacten.iter().all(|r| &r[1] != c)
    {
        contacten.push(vec![format!("{p} (aanmelder)"), c.clone(), String::new(), String::new()]);
    }
    contacten.truncate(8);
    d.tabel(
        &[
            Kolom::new("Organisatie", 42.0),
            Kolom::new("Naam", 34.0),
            // Wide enough for "06-1234 5678" or "020 123 4567" on one line: a phone number
            // that fits a line is never broken.
            Kolom::new("Telefoon", 32.0),
            Kolom::new("E-mail", 62.0),
        ],
        &contacten,
    );
    af(titel, d.af(&format!("Casus {}", det.regel.casusnummer), &vandaag()))
}

/// The bezoeklijst of a PI-bezoek: institution, date and medewerker, and per person on
/// the list only what the visit needs (name, birth date, casusnummer or "melding",
/// expected release, the open leefgebieden and the last contact). Nobody else is printed.
pub fn bezoeklijst(store: &mut Store, bezoek: &str) -> Result<Rapport, RapportFout> {
    let b = store.bezoek_detail(bezoek)?;
    store.bezoeklijst_registreren(&b.id)?;
    let m = maten()?;
    let mut d = Opmaak::new(&m, &zvh(store)?);
    let titel = format!("Bezoeklijst {} {}", b.inrichting, nl_datum(&b.datum));
    d.titel(&titel);
    d.velden(&[
        ("Inrichting", b.inrichting.clone()),
        ("Datum", nl_datum(&b.datum)),
        ("Medewerker", b.behandelaar.clone().unwrap_or_else(|| "onbekend".into())),
        ("Personen", b.personen.len().to_string()),
    ]);
    let rijen: Vec<Vec<String>> = b
        .personen
        .iter()
        .map(|p| {
            let k = &p.kandidaat;
            let open = if p.geen_aanbod {
                "nog niets vastgelegd".to_string()
            } else if p.open_aanbod.is_empty() {
                "—".to_string()
            } else {
                p.open_aanbod
                    .iter()
                    .map(|a| format!("{} ({})", a.leefgebied.label(), a.status.label().to_lowercase()))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let contact = p
                .laatste_contact
                .as_ref()
                .map(|(datum, soort)| format!("{} {soort}", nl_datum(datum)))
                .unwrap_or_else(|| "—".into());
            vec![
                k.naam.clone(),
                k.geboortedatum.as_deref().map(nl_datum).unwrap_or_default(),
                k.casusnummer.clone().unwrap_or_else(|| "melding".into()),
                k.verwachte_uitstroom.as_deref().map(nl_datum).unwrap_or_else(|| "onbekend".into()),
                open,
                contact,
            ]
        })
        .collect();
    d.tabel(
        &[
            // Dates and a casusnummer fit one line; names and leefgebieden may wrap.
            Kolom::new("Naam", 34.0),
            Kolom::new("Geboren", 24.0),
            Kolom::new("Casus", 24.0),
            Kolom::new("Uitstroom", 24.0),
            Kolom::new("Open leefgebieden", 36.0),
            Kolom::new("Laatste contact", 28.0),
        ],
        &rijen,
    );
    af(titel, d.af(&format!("Bezoek {}", &b.id[..8.min(b.id.len())]), &vandaag()))
}

//! Fictional, deterministic demo data. Every name is invented from syllables, every
//! phone number lies in the unassigned 06-0 range, e-mail domains end in `.example`,
//! and no BSN is generated. Same seed, same content.

use crate::domain::fase::FaseOvergang;
use crate::domain::partner::PartnerSoort;
use crate::domain::{ActieStatus, Ave, Convenantstatus, Fase, JournaalSoort, OverlegSoort, Rol, WegingUitkomst};
use crate::store::{
    ActieWijziging, NieuwContact, NieuwJournaal, NieuwOverleg, NieuweActie, NieuweBetrokkene, NieuweCasus,
    NieuweDetentie, NieuwePartner, Resultaat, Store,
};
use chrono::{Duration, NaiveDate, NaiveTime};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const VOORNAMEN: &[&str] = &[
    "Anouk", "Bram", "Chantal", "Dennis", "Esra", "Fleur", "Gijs", "Hatice", "Ivo", "Jorien", "Kim", "Lars", "Mila",
    "Noah", "Omar", "Priya", "Quinten", "Rosa", "Sem", "Tess", "Umut", "Vera", "Wout", "Xandra", "Yusuf", "Zoë",
    "Daan", "Noor", "Finn", "Sanne", "Joëlle", "Maël", "Loïs", "René",
];
const STAM: &[&str] =
    &["Berk", "Dal", "Eik", "Heg", "Kamp", "Lin", "Mos", "Ried", "Veld", "Wil", "Zand", "Brem", "Hul", "Vlier"];
const UITGANG: &[&str] = &["ma", "stra", "hof", "horst", "inga", "ens", "kers", "ing", "ink", "dijk"];
const TUSSEN: &[&str] = &["", "", "", "van ", "de ", "van der ", "ter "];
const BIJVOEGLIJK: &[&str] =
    &["Stille", "Blauwe", "Verre", "Groene", "Hoge", "Oude", "Late", "Lichte", "Zware", "Vlugge"];
const ZELFSTANDIG: &[&str] = &[
    "Eik", "Reiger", "Spar", "Wilg", "Kievit", "Linde", "Meeuw", "Beuk", "Zwaluw", "Hazelaar", "Merel", "Els",
    "Lijster",
];
const INRICHTINGEN: &[&str] = &["PI Leeuwarden", "PI Veenhuizen", "PI Zwolle", "PI Almelo", "PI Grave"];
const PROBLEMEN: &[&str] = &[
    "Dakloos na detentie, schulden bij meerdere schuldeisers en geen geldig identiteitsbewijs.",
    "Escalerend verward gedrag in de wijk, zorgmijdend, eerdere crisisopnames.",
    "Huiselijk geweld binnen het gezin, kinderen in beeld bij Veilig Thuis.",
    "Jongere met een groeiend strafblad, uitval van school en contact met een criminele groep.",
    "Signalen van uitbuiting: werkt zonder contract, woont in een overvol pand.",
    "Verslaving en overlast, huurachterstand en dreigende ontruiming van de woning.",
    "Stalking van een ex-partner ondanks een contactverbod.",
];
const RISICOS: &[&str] = &[
    "Dreiging richting ex-partner; wapenbezit niet uitgesloten.",
    "Kans op terugval in middelengebruik en nieuwe delicten na vrijlating.",
    "Zorgen om de veiligheid van de kinderen.",
    "Risico op ontruiming en daarmee op dakloosheid.",
    "Escalatie in de buurt, omwonenden voelen zich onveilig.",
];
const GEPROBEERD: &[&str] = &[
    "Wijkteam heeft hulp aangeboden; aanbod werd afgehouden.",
    "Reclassering houdt toezicht; afspraken worden niet nagekomen.",
    "Eerdere schuldhulp gestopt na twee gesprekken.",
    "Huisbezoek door wijkagent en GGZ samen; geen ingang gevonden.",
];
const VRAGEN: &[&str] = &[
    "Regie op een integraal plan voor de terugkeer na detentie.",
    "Partners verbinden en afspraken maken over wie wat doet.",
    "Advies over de juiste aanpak en opschaling.",
    "Gezamenlijke risicotaxatie en een veiligheidsplan.",
];
const JOURNAAL: &[&str] = &[
    "Telefonisch contact met de reclasseringswerker over de voortgang van het toezicht.",
    "Huisbezoek afgelegd; woning is rommelig, betrokkene was aanspreekbaar.",
    "Gesproken met de woningcorporatie over de huurachterstand en een betalingsregeling.",
    "Aanvraag identiteitskaart besproken bij de gemeente; afspraak staat.",
    "Overleg met de GGZ-behandelaar: behandeling wordt hervat.",
    "Betrokkene meldt zich niet bij de schuldhulpverlening; opnieuw uitgenodigd.",
    "Veilig Thuis deelt nieuwe melding; risico opnieuw gewogen.",
    "Bezoek in de inrichting: verlofplan en huisvesting na vrijlating besproken.",
    "Warme overdracht naar het sociaal wijkteam voorbereid.",
    "Wijkagent meldt rust in de buurt sinds de laatste afspraken.",
];
const DOELEN: &[(&str, &str)] = &[
    ("lg-identiteit", "Betrokkene heeft een geldig identiteitsbewijs."),
    ("lg-wonen", "Betrokkene heeft na vrijlating een vaste woonplek."),
    ("lg-inkomen", "Er is een inkomen uit uitkering of werk."),
    ("lg-schulden", "Schulden zijn in beeld en er loopt een schuldhulptraject."),
    ("lg-zorg", "Betrokkene is in behandeling en houdt zich aan afspraken."),
    ("lg-veiligheid", "Er is een veiligheidsplan en er zijn geen nieuwe incidenten."),
    ("lg-dagbesteding", "Betrokkene heeft een vaste dagbesteding."),
    ("lg-middelen", "Middelengebruik is gestabiliseerd."),
];
const ACTIES: &[&str] = &[
    "Afspraak maken voor aanvraag identiteitskaart",
    "Urgentieaanvraag woning indienen",
    "Uitkering aanvragen bij de gemeente",
    "Aanmelden bij schuldhulpverlening",
    "Intake GGZ plannen",
    "Veiligheidsplan opstellen met betrokkene en netwerk",
    "Dagbesteding zoeken via het wijkteam",
    "Toezichtsrapportage delen met de procesregisseur",
    "Contact leggen met het netwerk van betrokkene",
];
const REGISSEURS: &[&str] = &["Marit Dalhof", "Sven Mosinga", "Aylin Heghorst", "Joost Ried", "Femke Zandkers"];
const BEGELEIDERS: &[&str] = &["Rik Vlierstra", "Lotte Berkens", "Hamza Kampdijk", "Ilse Linink"];

/// Toelichtingen of the demo's koppelingen (fictional).
const DEMO_TOELICHTING: &[&str] =
    &["Zelfde huishouden", "Jeugdgroep Stationsplein", "Zelfde uitbuiter, andere rol", "Gedeeld netwerk"];

fn kies<'a, T>(rng: &mut ChaCha8Rng, lijst: &'a [T]) -> &'a T {
    &lijst[rng.gen_range(0..lijst.len())]
}

fn naam(rng: &mut ChaCha8Rng) -> String {
    format!("{} {}{}{}", kies(rng, VOORNAMEN), kies(rng, TUSSEN), kies(rng, STAM), kies(rng, UITGANG))
}

/// What the generator made.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct DemoOverzicht {
    /// Cases created.
    pub casussen: usize,
    /// Journal entries created.
    pub journaal: usize,
    /// Actions created.
    pub acties: usize,
    /// Meetings created.
    pub overleggen: usize,
    /// Adviesvragen created.
    pub adviesvragen: usize,
    /// Opschalingen created.
    pub opschalingen: usize,
    /// Detentiemeldingen created.
    pub meldingen: usize,
}

/// Fictional adviesvragen: (question, advice, referred to).
const ADVIESVRAGEN: &[(&str, &str, &str)] = &[
    (
        "Buren melden overlast en zorgen over een bewoner; is dit iets voor het ZVH?",
        "Eerst het wijkteam en de woningcorporatie samen laten optrekken; bij escalatie aanmelden.",
        "Sociaal wijkteam",
    ),
    (
        "Jongere keert na detentie terug in de wijk; wie pakt de nazorg op?",
        "Nazorgcoördinator van de gemeente inschakelen; reclassering vragen naar bijzondere voorwaarden.",
        "Reclassering",
    ),
    (
        "Zorgmijdende oudere met schulden weigert hulp; welke opties zijn er?",
        "Bemoeizorg via de GGD verkennen en schuldhulp outreachend aanbieden.",
        "GGD – bemoeizorg",
    ),
    (
        "Signalen van mogelijke uitbuiting bij een kapsalon; hoe verder?",
        "Melden bij de politie en het mensenhandelteam; het ZVH denkt mee over de zorgkant.",
        "Politie",
    ),
    ("Vraag over gegevensdeling met de school binnen het convenant.", "Uitgelegd wat het convenant toestaat.", ""),
];

/// Fictional reasons and outcomes of opschalingen.
const OPSCHALINGEN: &[(&str, &str)] = &[
    ("Geen passende woonplek na drie maanden zoeken", "Urgentie toegekend door de gemeente"),
    ("Partners komen afspraken niet na", "Directies maken nieuwe afspraken"),
    ("Dreiging neemt toe ondanks het plan", ""),
];

/// Generate `aantal` fictional cases with everything around them, in one transaction
/// kept in memory until the commit ([`Store::batch_in_geheugen`]: no pages rewritten over
/// and over, so the time grows linearly with `aantal`).
/// The casussen's reference date is fixed, so the same seed gives the same casussen on
/// any day; the detentiemeldingen follow today (their expected releases lie around it).
pub fn genereer(store: &mut Store, aantal: usize, seed: u64) -> Resultaat<DemoOverzicht> {
    let o = store.batch_in_geheugen(|s| genereer_in(s, aantal, seed))?;
    // The demo edits what it created: superseded values go at once in a store without
    // colleagues (store::compacteren).
    store.compacteren()?;
    Ok(o)
}

/// The ids of the medewerkers with these names and role, added when not there yet.
fn medewerkers(store: &mut Store, namen: &[&str], rol: crate::domain::MedewerkerRol) -> Resultaat<Vec<String>> {
    let mut ids = Vec::with_capacity(namen.len());
    for naam in namen {
        let bestaand = store.medewerkers()?.into_iter().find(|m| m.naam == *naam && m.rol == rol);
        ids.push(match bestaand {
            Some(m) => m.id,
            None => store.medewerker_toevoegen(naam, rol, None)?,
        });
    }
    Ok(ids)
}

/// Fictional gemeenten of the demo region.
const GEMEENTEN: &[&str] = &["Voorbeeldstad", "Dijkerveen", "Noorderwaard", "Zuidermeer"];

/// The demo gemeenten (ids), added to the list when missing.
fn gemeenten(store: &mut Store) -> Resultaat<Vec<String>> {
    let mut ids = Vec::new();
    for naam in GEMEENTEN {
        let bestaand = store.gemeenten()?.into_iter().find(|g| g.naam == *naam).map(|g| g.id);
        ids.push(match bestaand {
            Some(id) => id,
            None => store.gemeente_toevoegen(naam)?,
        });
    }
    Ok(ids)
}

fn genereer_in(store: &mut Store, aantal: usize, seed: u64) -> Resultaat<DemoOverzicht> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut overzicht = DemoOverzicht::default();
    let partners = partners(store)?;
    let themas = store.themas()?;
    let regisseurs = medewerkers(store, REGISSEURS, crate::domain::MedewerkerRol::Procesregisseur)?;
    let begeleiders = medewerkers(store, BEGELEIDERS, crate::domain::MedewerkerRol::Trajectbegeleider)?;
    let gemeenten = gemeenten(store)?;
    // Spread referrals over the two years before the reference date.
    let referentie = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap_or_default().min(chrono::Local::now().date_naive());
    let mut nummers = Vec::with_capacity(aantal);
    for i in 0..aantal {
        let aanmelding = referentie - Duration::days(rng.gen_range(20..720));
        let (partner_id, contacten) = kies(&mut rng, &partners).clone();
        let thema = kies(&mut rng, &themas).id.clone();
        let nazorg = thema == "thema-nazorg";
        let nummer = store.nieuwe_casus(NieuweCasus {
            werknaam: format!("{} {}", kies(&mut rng, BIJVOEGLIJK), kies(&mut rng, ZELFSTANDIG)),
            thema,
            ave: Some(Ave::new(*kies(&mut rng, &[2, 3, 3, 3, 4, 4]))?),
            datum_aanmelding: Some(aanmelding),
            aanmelder_partner_id: Some(partner_id),
            aanmelder_contact_id: contacten.first().cloned(),
            procesregisseur: kies(&mut rng, &regisseurs).clone(),
            trajectbegeleider: if rng.gen_bool(0.6) { kies(&mut rng, &begeleiders).clone() } else { String::new() },
            probleem: kies(&mut rng, PROBLEMEN).to_string(),
            veiligheidsrisico: kies(&mut rng, RISICOS).to_string(),
            geprobeerd: kies(&mut rng, GEPROBEERD).to_string(),
            vraag: kies(&mut rng, VRAGEN).to_string(),
            // By position, not by the generator: the rest of the demo stays as it was.
            gemeente: gemeenten[i % gemeenten.len()].clone(),
        })?;
        let n = nummer.to_string();
        overzicht.casussen += 1;

        // Persons; aftercare cases get a detention.
        let hoofd = store.betrokkene_toevoegen(
            &n,
            NieuweBetrokkene {
                naam: naam(&mut rng),
                geboortedatum: NaiveDate::from_ymd_opt(
                    rng.gen_range(1960..2008),
                    rng.gen_range(1..=12),
                    rng.gen_range(1..=28),
                ),
                rol: Rol::Hoofdpersoon,
                bsn: None,
                initialen: None,
            },
        )?;
        for _ in 0..rng.gen_range(0..3) {
            store.betrokkene_toevoegen(
                &n,
                NieuweBetrokkene {
                    naam: naam(&mut rng),
                    geboortedatum: NaiveDate::from_ymd_opt(
                        rng.gen_range(1965..2024),
                        rng.gen_range(1..=12),
                        rng.gen_range(1..=28),
                    ),
                    rol: *kies(&mut rng, &[Rol::Partner, Rol::Kind, Rol::Ouder, Rol::Familielid]),
                    bsn: None,
                    initialen: None,
                },
            )?;
        }
        if nazorg || rng.gen_bool(0.15) {
            let start = aanmelding - Duration::days(rng.gen_range(30..400));
            store.detentie_toevoegen(
                &hoofd,
                NieuweDetentie {
                    inrichting: kies(&mut rng, INRICHTINGEN).to_string(),
                    startdatum: Some(start),
                    einddatum_verwacht: Some(aanmelding + Duration::days(rng.gen_range(10..200))),
                    zelfmelder: rng.gen_bool(0.1),
                    kortgestrafte: rng.gen_bool(0.3),
                },
            )?;
        }

        // Phase: where on the board.
        let doel_fase = *kies(
            &mut rng,
            &[
                Fase::Aanmelding,
                Fase::Weging,
                Fase::Procesregie,
                Fase::Procesregie,
                Fase::Procesregie,
                Fase::Procesregie,
                Fase::Monitoring,
                Fase::Monitoring,
                Fase::Afgesloten,
                Fase::Afgesloten,
            ],
        );
        let besluit = (aanmelding + Duration::days(rng.gen_range(3..40))).min(referentie);
        if doel_fase != Fase::Aanmelding {
            store.casus_fase(&n, &FaseOvergang { datum: Some(aanmelding), ..FaseOvergang::naar(Fase::Weging) })?;
        }
        if matches!(doel_fase, Fase::Procesregie | Fase::Monitoring | Fase::Afgesloten) {
            let ondersteunen = doel_fase == Fase::Afgesloten && rng.gen_bool(0.3);
            if ondersteunen {
                let uitkomst = *kies(&mut rng, &[WegingUitkomst::Advies, WegingUitkomst::NietPassend]);
                store.casus_fase(
                    &n,
                    &FaseOvergang {
                        uitkomst: Some(uitkomst),
                        reden: Some("Na weging niet in procesregie genomen".into()),
                        datum: Some(besluit),
                        ..FaseOvergang::naar(Fase::Afgesloten)
                    },
                )?;
            } else {
                store.casus_fase(
                    &n,
                    &FaseOvergang {
                        uitkomst: Some(WegingUitkomst::Procesregie),
                        datum: Some(besluit),
                        ..FaseOvergang::naar(Fase::Procesregie)
                    },
                )?;
                if matches!(doel_fase, Fase::Monitoring | Fase::Afgesloten) {
                    let m = (besluit + Duration::days(rng.gen_range(30..150))).min(referentie);
                    store.casus_fase(&n, &FaseOvergang { datum: Some(m), ..FaseOvergang::naar(Fase::Monitoring) })?;
                    if doel_fase == Fase::Afgesloten {
                        let a = (m + Duration::days(rng.gen_range(30..120))).min(referentie);
                        store.casus_fase(
                            &n,
                            &FaseOvergang {
                                reden: Some(
                                    kies(
                                        &mut rng,
                                        &[
                                            "Afgeschaald naar het sociaal wijkteam",
                                            "Doelen behaald",
                                            "Verhuisd buiten de regio",
                                        ],
                                    )
                                    .to_string(),
                                ),
                                tevredenheid: Some(rng.gen_range(2..=5)),
                                datum: Some(a),
                                ..FaseOvergang::naar(Fase::Afgesloten)
                            },
                        )?;
                    }
                }
            }
        }

        // Journal: about ten entries.
        for _ in 0..rng.gen_range(6..15) {
            let pi = nazorg && rng.gen_bool(0.25);
            store.journaal_toevoegen(
                &n,
                NieuwJournaal {
                    soort: if pi {
                        JournaalSoort::PiBezoek
                    } else {
                        *kies(&mut rng, &[JournaalSoort::Notitie, JournaalSoort::Contactmoment])
                    },
                    tekst: kies(&mut rng, JOURNAAL).to_string(),
                    datum: Some((aanmelding + Duration::days(rng.gen_range(0..300))).min(referentie)),
                    inrichting: pi.then(|| kies(&mut rng, INRICHTINGEN).to_string()),
                },
            )?;
            overzicht.journaal += 1;
        }

        // Plan: goals and actions for cases that reached procesregie.
        if matches!(doel_fase, Fase::Procesregie | Fase::Monitoring | Fase::Afgesloten) {
            let mut gekozen: Vec<&(&str, &str)> = DOELEN.iter().collect();
            gekozen.shuffle(&mut rng);
            for (lg, tekst) in gekozen.into_iter().take(rng.gen_range(2..4)) {
                let doel = store.doel_toevoegen(&n, lg, tekst)?;
                store.risico_zetten(&n, lg, rng.gen_range(1..=5), "")?;
                for _ in 0..2 {
                    let (pid, cs) = kies(&mut rng, &partners).clone();
                    let actie = store.actie_toevoegen(
                        &n,
                        NieuweActie {
                            doel_id: Some(doel.clone()),
                            omschrijving: kies(&mut rng, ACTIES).to_string(),
                            partner_id: Some(pid),
                            contact_id: cs.last().cloned(),
                            deadline: Some(besluit + Duration::days(rng.gen_range(14..200))),
                            agendapunt_id: None,
                        },
                    )?;
                    overzicht.acties += 1;
                    let status = *kies(
                        &mut rng,
                        &[ActieStatus::Open, ActieStatus::Lopend, ActieStatus::Gereed, ActieStatus::Gereed],
                    );
                    if status != ActieStatus::Open {
                        store.actie_wijzig(
                            &actie.id,
                            &ActieWijziging {
                                status: Some(status),
                                resultaat: (status == ActieStatus::Gereed)
                                    .then(|| "Afgerond volgens afspraak.".to_string()),
                                ..Default::default()
                            },
                        )?;
                    }
                }
            }
            store.plan_vastleggen(&n, "Plan van aanpak vastgesteld in het casusoverleg")?;
        }
        nummers.push(n);
    }

    // Linked casussen (issue 22): every twelfth casus with the next, each kind in turn.
    // No random draw, so the rest of the content stays as it was for a seed.
    for (i, paar) in nummers.chunks(12).filter_map(|g| g.get(0..2)).enumerate() {
        let soort = crate::domain::KoppelSoort::ALLE[i % crate::domain::KoppelSoort::ALLE.len()];
        store.koppel(&paar[0], &paar[1], soort, DEMO_TOELICHTING[i % DEMO_TOELICHTING.len()])?;
    }

    // Weekly weegtafels with ten cases each.
    for (i, groep) in nummers.chunks(10).enumerate() {
        let datum = referentie - Duration::days(7 * (i as i64 % 100));
        let overleg = store.overleg_plannen(NieuwOverleg {
            soort: if i % 2 == 0 { OverlegSoort::Weegtafel } else { OverlegSoort::Casusoverleg }.code().into(),
            datum,
            begintijd: NaiveTime::from_hms_opt(9, 30, 0).unwrap_or_default(),
            plaats: "Zorg- en Veiligheidshuis, vergaderzaal 2".into(),
            voorzitter: kies(&mut rng, REGISSEURS).to_string(),
        })?;
        let mut punten = Vec::new();
        for n in groep {
            punten.push(store.agendapunt_toevoegen(&overleg, n, 15)?);
        }
        if i == 0 {
            // The newest meeting is being held: invitees, attendance and the first minutes.
            for (k, contact) in partners.iter().filter_map(|(_, c)| c.first()).take(4).enumerate() {
                let g = store.genodigde_toevoegen(&overleg, contact)?;
                if k < 3 {
                    store.aanwezigheid(&g, true)?;
                }
            }
            for (p, (beeld, oordeel, besluit)) in punten.iter().zip(BOB) {
                store.agendapunt_bob(p, beeld, oordeel, besluit)?;
            }
        }
        overzicht.overleggen += 1;
    }
    // Adviesvragen and opschalingen with a generator of their own, so the cases above stay
    // the same for a seed.
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x00ad_71e5);
    for i in 0..aantal.div_ceil(4) {
        let (vraag, advies, doorverwezen) = *kies(&mut rng, ADVIESVRAGEN);
        let partner = kies(&mut rng, &partners).0.clone();
        store.advies_toevoegen(crate::store::NieuweAdviesvraag {
            datum: Some(referentie - Duration::days(rng.gen_range(1..700))),
            thema: kies(&mut rng, &themas).id.clone(),
            gemeente: gemeenten[i % gemeenten.len()].clone(),
            vraag: vraag.into(),
            partner_id: Some(partner),
            contact_id: None,
            initialen: String::new(),
            advies: advies.into(),
            minuten: rng.gen_range(10..121),
            doorverwezen: doorverwezen.into(),
        })?;
        overzicht.adviesvragen += 1;
    }
    for n in nummers.iter().step_by(9) {
        let (reden, uitkomst) = *kies(&mut rng, OPSCHALINGEN);
        let naar = *kies(&mut rng, crate::domain::Opschalingsniveau::ALLE);
        let aangemeld = store.casus_regel(n)?.datum_aanmelding;
        let datum =
            chrono::NaiveDate::parse_from_str(&aangemeld, "%Y-%m-%d").unwrap_or(referentie) + Duration::days(10);
        store.casus_opschalen(
            n,
            crate::store::NieuweOpschaling {
                naar,
                reden: reden.into(),
                datum: Some(datum.min(referentie)),
                uitkomst: uitkomst.into(),
            },
        )?;
        overzicht.opschalingen += 1;
    }
    // Meldingen are about detainees released in the coming weeks: their dates follow today,
    // not the fixed reference date, so a new user sees releases within four weeks, later
    // ones and one past its expected date (the Meldingen screen's signals).
    overzicht.meldingen = meldingen(store, chrono::Local::now().date_naive(), &begeleiders)?;
    bezoekdag(store, &begeleiders)?;
    Ok(overzicht)
}

/// One planned PI-bezoekdag in PI Veenhuizen next week (issue 22 point 3), with up to
/// three of the (fictional) persons detained there, so the Bezoekdag screen is filled.
fn bezoekdag(store: &mut Store, begeleiders: &[String]) -> Resultaat<()> {
    let Some(begeleider) = begeleiders.first() else { return Ok(()) };
    if !store.bezoeken()?.is_empty() {
        return Ok(());
    }
    let datum = chrono::Local::now().date_naive() + Duration::days(7);
    // Persons still inside on the day of the visit (ISO dates compare as text).
    let op_de_dag = crate::store::datum_tekst(datum);
    let personen: Vec<crate::domain::BezoekPersoon> = store
        .bezoek_kandidaten("PI Veenhuizen")?
        .into_iter()
        .filter(|k| k.verwachte_uitstroom.as_deref().is_none_or(|u| u >= op_de_dag.as_str()))
        .take(3)
        .map(|k| k.persoon)
        .collect();
    if personen.is_empty() {
        return Ok(());
    }
    store.bezoek_nieuw(crate::store::NieuwBezoek {
        inrichting: "PI Veenhuizen".into(),
        datum: Some(datum),
        behandelaar: Some(begeleider.clone()),
        personen,
    })?;
    Ok(())
}

/// Fictional detentiemeldingen in every step (issue 22), with the aanbod per leefgebied,
/// so the Meldingen screen and its kengetallen are filled. Dates are relative to
/// `referentie` (today). Returns how many were made.
fn meldingen(store: &mut Store, referentie: NaiveDate, begeleiders: &[String]) -> Resultaat<usize> {
    use crate::domain::{AanbodGebied as G, AanbodStatus as A, Informatiebron as B, TriageRoute as R};
    if !store.meldingen(None)?.is_empty() {
        return Ok(0);
    }
    let coordinator = medewerkers(store, &["Nienke Hofstraat"], crate::domain::MedewerkerRol::Nazorgcoordinator)?;
    let mut gemeenten = Vec::new();
    for g in ["Voorbeeldstad", "Noorderveen", "Lindewijk"] {
        gemeenten.push(match store.gemeenten()?.into_iter().find(|x| x.naam == g) {
            Some(x) => x.id,
            None => store.gemeente_toevoegen(g)?,
        });
    }
    let contact = store
        .partners()?
        .into_iter()
        .find(|p| p.naam.starts_with("Gemeente"))
        .map(|p| store.contacten(&p.id))
        .transpose()?
        .and_then(|c| c.into_iter().next().map(|c| c.id));
    // (name, born, institution, days received before, days to expected release, step)
    let lijst: &[(&str, &str, &str, i64, i64, u8)] = &[
        ("Dewi Scholtenhuis", "1991-03-12", "PI Leeuwarden", 3, 12, 0),
        ("Bram Wieringa", "1985-07-30", "PI Veenhuizen", 9, 20, 1),
        ("Yusuf Boerkamp", "1996-11-02", "PI Veenhuizen", 15, 40, 2),
        ("Sanne Oldenkotte", "1979-01-25", "PI Leeuwarden", 40, -5, 3),
        ("Jelmer de Vriesema", "1988-05-17", "PI Veenhuizen", 30, 25, 4),
        ("Mirte Kloosterboer", "2001-09-09", "PI Leeuwarden", 2, 70, 0),
        // Expected release passed, not yet confirmed: "Verwachte uitstroom verstreken".
        ("Ravi Hoogeslag", "1983-12-01", "PI Veenhuizen", 12, -3, 1),
        ("Tessa Mulderink", "1993-04-21", "PI Leeuwarden", 60, -20, 5),
    ];
    let mut aantal = 0;
    for (i, (naam, geboren, inrichting, ontvangen, uitstroom, stap)) in lijst.iter().enumerate() {
        let behandelaar = if i % 3 == 1 && !begeleiders.is_empty() {
            begeleiders[i % begeleiders.len()].clone()
        } else {
            coordinator[0].clone()
        };
        let id = store.melding_toevoegen(crate::store::NieuweMelding {
            behandelaar,
            naam: naam.to_string(),
            geboortedatum: NaiveDate::parse_from_str(geboren, "%Y-%m-%d").ok(),
            bron: Some(if i % 2 == 0 { B::Dji } else { B::Pi }),
            inrichting: inrichting.to_string(),
            startdatum: Some(referentie - Duration::days(ontvangen + 90)),
            einddatum_verwacht: Some(referentie + Duration::days(*uitstroom)),
            zelfmelder: i == 5,
            kortgestrafte: i % 3 == 0,
            gemeente: Some(gemeenten[i % gemeenten.len()].clone()),
            ontvangen_op: Some(referentie - Duration::days(*ontvangen)),
            ..Default::default()
        })?;
        aantal += 1;
        if *stap >= 1 {
            store.melding_verrijk(&id, B::Dji, Some("Detentiegegevens en datum van uitstroom bevestigd."))?;
            store.melding_verrijk(&id, B::Reclassering, None)?;
        }
        if *stap >= 2 {
            store.melding_verrijk(&id, B::Reclassering, Some("Geen toezicht na uitstroom."))?;
            // Step 4 waits, triaged to the ZVH, for "Omzetten naar casus" (converting it here
            // would add a casus to the number asked for).
            let route = if *stap == 4 { R::Zvh } else { R::Lokaal };
            store.melding_triage(&id, route, "Enkelvoudige vraag op inkomen en onderdak; gemeente heeft aanbod.")?;
            store.melding_aanbod(&id, G::Identiteitsbewijs, A::Geregeld, Some(referentie - Duration::days(25)), "")?;
            store.melding_aanbod(&id, G::Onderdak, A::Bezig, None, "Aanvraag maatschappelijke opvang loopt.")?;
        }
        if *stap == 3 || *stap == 5 {
            // Arranged before the release, which lies before the reference date.
            let geregeld = Some(referentie - Duration::days(25));
            store.melding_aanbod(&id, G::Onderdak, A::Geregeld, geregeld, "Kamer via de woningcorporatie.")?;
            store.melding_aanbod(&id, G::Inkomen, A::Geregeld, geregeld, "")?;
            store.melding_aanbod(&id, G::Schulden, A::NietNodig, geregeld, "")?;
            let w = crate::store::MeldingWijziging {
                einddatum_werkelijk: Some(Some(referentie + Duration::days(*uitstroom))),
                ..Default::default()
            };
            store.melding_wijzig(&id, &w, "Uitstroom bevestigd door de inrichting")?;
            if let Some(c) = &contact {
                store.melding_overdragen(&id, c, *stap == 3)?;
            }
        }
    }
    Ok(aantal)
}

/// BOB minutes for the meeting being held (fictional).
const BOB: [(&str, &str, &str); 2] = [
    (
        "Huurachterstand loopt op; betrokkene mijdt contact met de woningcorporatie.",
        "Zorgelijk: bij verdere achterstand dreigt uitzetting binnen drie maanden.",
        "Budgetcoach inzetten en huisbezoek samen met de wijkagent.",
    ),
    (
        "Terugkeer uit detentie gepland; huisvesting en inkomen nog niet geregeld.",
        "Risico op terugval is hoog zonder dagbesteding.",
        "Uitkering aanvragen vóór ontslag; plek in de maatschappelijke opvang reserveren.",
    ),
];

type PartnerMetContacten = (String, Vec<String>);

fn partners(store: &mut Store) -> Resultaat<Vec<PartnerMetContacten>> {
    let bestaand = store.partners()?;
    if !bestaand.is_empty() {
        let mut uit = Vec::new();
        for p in bestaand {
            let c = store.contacten(&p.id)?.into_iter().map(|c| c.id).collect();
            uit.push((p.id, c));
        }
        return Ok(uit);
    }
    let lijst: &[(&str, PartnerSoort, Convenantstatus, &str)] = &[
        ("Politie", PartnerSoort::Justitie, Convenantstatus::Convenant, "politie"),
        ("Openbaar Ministerie", PartnerSoort::Justitie, Convenantstatus::Convenant, "om"),
        ("Reclassering Nederland", PartnerSoort::Justitie, Convenantstatus::Convenant, "reclassering"),
        ("Verslavingsreclassering GGZ", PartnerSoort::Justitie, Convenantstatus::Convenant, "svg"),
        ("Leger des Heils Jeugdbescherming & Reclassering", PartnerSoort::Justitie, Convenantstatus::Convenant, "ldh"),
        ("DJI – PI Leeuwarden", PartnerSoort::Justitie, Convenantstatus::Convenant, "dji"),
        ("DJI – PI Veenhuizen", PartnerSoort::Justitie, Convenantstatus::Convenant, "dji"),
        ("Veilig Thuis", PartnerSoort::Zorg, Convenantstatus::Convenant, "veiligthuis"),
        ("GGZ-instelling Noord", PartnerSoort::Zorg, Convenantstatus::Convenant, "ggz"),
        ("Verslavingszorg Noord", PartnerSoort::Zorg, Convenantstatus::Convenant, "vz"),
        ("Raad voor de Kinderbescherming", PartnerSoort::Justitie, Convenantstatus::Convenant, "rvdk"),
        ("Gemeente Voorbeeldstad – sociaal wijkteam", PartnerSoort::Gemeente, Convenantstatus::Convenant, "gemeente"),
        ("Woningcorporatie Thuisbasis", PartnerSoort::Overig, Convenantstatus::Intentieverklaring, "woning"),
        ("Slachtofferhulp", PartnerSoort::Zorg, Convenantstatus::Intentieverklaring, "slachtofferhulp"),
        ("Buurtsportvereniging De Kaai", PartnerSoort::Overig, Convenantstatus::Geen, "kaai"),
    ];
    let mut rng = ChaCha8Rng::seed_from_u64(0x5CA4E1);
    let mut uit = Vec::new();
    for (i, (naam_, soort, cs, domein)) in lijst.iter().enumerate() {
        let pid =
            store.partner_toevoegen(NieuwePartner { naam: naam_.to_string(), soort: *soort, convenantstatus: *cs })?;
        let mut contacten = Vec::new();
        for j in 0..2 {
            let n = naam(&mut rng);
            let email = format!("{}@{domein}.example", n.to_lowercase().replace(' ', "."));
            contacten.push(store.contact_toevoegen(
                &pid,
                NieuwContact {
                    naam: n,
                    functie: if j == 0 { "Contactpersoon ZVH".into() } else { "Casemanager".into() },
                    telefoon: format!("06-0{:07}", 1000 + i * 10 + j),
                    email,
                    themas: String::new(),
                },
            )?);
        }
        uit.push((pid, contacten));
    }
    Ok(uit)
}

/// One closed casus with a row in every table under it, each carrying a word made from
/// `kenmerk` that occurs nowhere else (for removal and access tests). Closed on
/// `afgesloten_op`. Returns the casusnummer and, per table, its unique word.
pub fn volle_casus(
    store: &mut Store,
    kenmerk: &str,
    afgesloten_op: NaiveDate,
) -> Resultaat<(String, Vec<(&'static str, String)>)> {
    // Distinct first letters keep the FTS5 index from sharing a prefix between these
    // words, so each is stored whole and can be found in the raw file.
    let woord = |letter: char, tabel: &str| format!("{letter}{kenmerk}{tabel}");
    let mut woorden: Vec<(&'static str, String)> = Vec::new();
    let mut zet = |tabel: &'static str, letter: char| {
        let w = woord(letter, tabel);
        woorden.push((tabel, w.clone()));
        w
    };
    let aanmelding = afgesloten_op - Duration::days(200);
    let n = store
        .nieuwe_casus(NieuweCasus {
            werknaam: "Proef".into(),
            thema: "nazorg".into(),
            datum_aanmelding: Some(aanmelding),
            probleem: zet("casus", 'c'),
            ..Default::default()
        })?
        .to_string();
    let b = store.betrokkene_toevoegen(
        &n,
        NieuweBetrokkene {
            naam: zet("betrokkene", 'b'),
            geboortedatum: NaiveDate::from_ymd_opt(1990, 1, 1),
            rol: Rol::Hoofdpersoon,
            bsn: None,
            initialen: None,
        },
    )?;
    store.detentie_toevoegen(
        &b,
        NieuweDetentie { inrichting: zet("detentie", 'd'), startdatum: Some(aanmelding), ..Default::default() },
    )?;
    store.journaal_toevoegen(
        &n,
        NieuwJournaal {
            soort: JournaalSoort::Notitie,
            tekst: zet("journaal", 'j'),
            datum: Some(aanmelding),
            inrichting: None,
        },
    )?;
    let doel = store.doel_toevoegen(&n, "wonen", &zet("doel", 'g'))?;
    store.actie_toevoegen(
        &n,
        NieuweActie { doel_id: Some(doel), omschrijving: zet("actie", 'a'), ..Default::default() },
    )?;
    store.risico_zetten(&n, "wonen", 3, &zet("risico", 'r'))?;
    store.plan_vastleggen(&n, &zet("planversie", 'p'))?;
    let overleg = store.overleg_plannen(NieuwOverleg {
        soort: OverlegSoort::Casusoverleg.code().into(),
        datum: aanmelding + Duration::days(10),
        begintijd: NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default(),
        plaats: "Zaal 1".into(),
        voorzitter: "Voorzitter".into(),
    })?;
    let punt = store.agendapunt_toevoegen(&overleg, &n, 15)?;
    store.agendapunt_bob(&punt, &zet("agendapunt", 'o'), "", "")?;
    store.casus_ave(&n, Ave::new(2)?, &zet("ave_historie", 'v'))?;
    let op = |d: NaiveDate, f: FaseOvergang| FaseOvergang { datum: Some(d), ..f };
    store.casus_fase(&n, &op(aanmelding, FaseOvergang::naar(Fase::Weging)))?;
    store.casus_fase(
        &n,
        &FaseOvergang {
            uitkomst: Some(WegingUitkomst::Procesregie),
            ..op(aanmelding + Duration::days(5), FaseOvergang::naar(Fase::Procesregie))
        },
    )?;
    store.casus_fase(
        &n,
        &FaseOvergang {
            reden: Some(zet("fase_historie", 'f')),
            tevredenheid: Some(4),
            ..op(afgesloten_op, FaseOvergang::naar(Fase::Afgesloten))
        },
    )?;
    store.bewaartermijn_verlengen(&n, afgesloten_op + Duration::days(800), &zet("bewaarverlenging", 'e'))?;
    Ok((n, woorden))
}

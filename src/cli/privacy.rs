//! CLI of the privacy controls: `bewaartermijn`, `inzage`, `audit export`, `backup`,
//! `sleutel`.

use super::{CliFout, WACHTWOORD_ENV, lees, open_store, print_json, schrijf, wachtwoord};
use crate::domain::parse_datum;
use crate::store::sleutel::{self, SleutelBestand, SleutelBron};
use crate::store::{AuditFilter, Gegevensmap, InzageVraag, Sleutelkeuze, StoreFout};
use clap::{Args, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use zeroize::Zeroizing;

/// Passphrase of a backup file, for scripts and tests (otherwise asked).
pub const BACKUP_WACHTWOORD_ENV: &str = "SCHAKEL_BACKUP_PASSPHRASE";
/// New passphrase for `sleutel wachtwoord`, for scripts and tests (otherwise asked).
pub const NIEUW_WACHTWOORD_ENV: &str = "SCHAKEL_NEW_PASSPHRASE";
/// The herstelsleutel for `sleutel herstel`, for scripts and tests (otherwise asked).
pub const HERSTELSLEUTEL_ENV: &str = "SCHAKEL_HERSTELSLEUTEL";

/// `bewaartermijn` subcommands.
#[derive(Debug, Subcommand)]
pub enum BewaarOpdracht {
    /// Toon de afgesloten casussen waarvan de bewaartermijn is verstreken ("Te verwijderen")
    Lijst {
        /// Toon alle afgesloten casussen met hun termijn, ook die nog bewaard worden
        #[arg(long)]
        alle: bool,
    },
    /// Toon de bewaartermijn per thema
    Termijnen,
    /// Stel de bewaartermijn van een thema in (maanden na afsluiting)
    Instellen {
        /// Thema (naam of begin van de naam)
        #[arg(long)]
        thema: String,
        /// Aantal maanden na afsluiting (1 tot en met 240)
        #[arg(long)]
        maanden: u32,
    },
    /// Toon of stel de bewaartermijn in van meldingen die geen casus werden (maanden na overdracht)
    Meldingen {
        /// Aantal maanden na overdracht (1 tot en met 240); zonder: toon de huidige termijn
        #[arg(long)]
        maanden: Option<u32>,
    },
    /// Leg een onderbouwde verlenging van de bewaartermijn vast
    Verleng {
        /// Casusnummer
        nummer: String,
        /// Bewaren tot en met (dd-mm-jjjj)
        #[arg(long)]
        tot: String,
        /// Reden van de verlenging
        #[arg(long)]
        reden: String,
    },
    /// Verwijder een casus na de bewaartermijn, met alles wat eronder valt (onherroepelijk)
    Verwijder {
        /// Casusnummer
        nummer: String,
        /// Reden (komt in de auditlog)
        #[arg(long)]
        reden: String,
        /// Bevestig zonder te vragen (voor scripts)
        #[arg(long)]
        ja: bool,
    },
}

/// `inzage` arguments: who, and where to write.
#[derive(Debug, Args)]
pub struct InzageArgs {
    /// Naam van de betrokkene (hoofdletters en accenten tellen niet mee)
    #[arg(long)]
    pub naam: Option<String>,
    /// BSN van de betrokkene (met of zonder punten en spaties; 8 cijfers krijgen een voorloopnul)
    #[arg(long)]
    pub bsn: Option<String>,
    /// Record-id van de betrokkene of de detentiemelding (kies zo uit meerdere personen met dezelfde naam)
    #[arg(long)]
    pub betrokkene: Option<String>,
    /// PDF-bestand om te schrijven
    #[arg(short = 'o', long = "uitvoer", value_name = "PDF")]
    pub uitvoer: Option<PathBuf>,
    /// JSON-bestand om te schrijven (alle gegevens, machineleesbaar)
    #[arg(long = "json-uitvoer", value_name = "JSON")]
    pub json_uitvoer: Option<PathBuf>,
}

/// `audit export` arguments.
#[derive(Debug, Args)]
pub struct AuditExportArgs {
    /// Vanaf deze dag (dd-mm-jjjj)
    #[arg(long)]
    pub van: Option<String>,
    /// Tot en met deze dag (dd-mm-jjjj)
    #[arg(long)]
    pub tot: Option<String>,
    /// Alleen deze casus
    #[arg(long)]
    pub casus: Option<String>,
    /// Uitvoerbestand: .csv of .pdf
    #[arg(short = 'o', long = "uitvoer", value_name = "BESTAND")]
    pub uitvoer: PathBuf,
}

/// `backup` subcommands.
#[derive(Debug, Subcommand)]
pub enum BackupOpdracht {
    /// Maak een versleutelde back-up met een eigen wachtwoord
    Maak {
        /// Het back-upbestand
        #[arg(short = 'o', long = "uitvoer", value_name = "BESTAND")]
        uitvoer: PathBuf,
    },
    /// Zet een back-up terug (op een nieuwe computer of over de huidige database heen)
    Herstel {
        /// Het back-upbestand
        bestand: PathBuf,
        /// Vervang een bestaande database (die wordt 30 dagen apart bewaard)
        #[arg(long)]
        vervang: bool,
    },
    /// Toon of verwijder de apart bewaarde vervangen databases (vervangen-…, 30 dagen)
    #[command(subcommand)]
    Vervangen(VervangenOpdracht),
}

/// `backup vervangen` subcommands.
#[derive(Debug, Subcommand)]
pub enum VervangenOpdracht {
    /// Toon de apart bewaarde vervangen databases en tot wanneer ze bewaard worden
    Lijst,
    /// Verwijder een apart bewaarde vervangen database (onherroepelijk)
    Verwijder {
        /// Naam van de map (vervangen-JJJJMMDD-UUMMSS), of --alle
        naam: Option<String>,
        /// Verwijder ze allemaal
        #[arg(long)]
        alle: bool,
    },
}

/// `sleutel` subcommands.
#[derive(Debug, Subcommand)]
pub enum SleutelOpdracht {
    /// Vervang de databasesleutel: versleutel alles opnieuw met een nieuwe sleutel (doe dit na een vermoed lek)
    Roteer,
    /// Wijzig het wachtwoord van het sleutelbestand. De databasesleutel blijft dezelfde: een oud sleutelbestand met het oude wachtwoord opent de database nog. Vermoedt u een lek, gebruik dan 'schakel sleutel roteer'
    Wachtwoord,
    /// Exporteer de age-identiteit van dit apparaat of de databasesleutel naar een nieuw bestand (alleen voor uzelf leesbaar). Wie dit bestand heeft, kan uw bundels of uw database openen
    Exporteer {
        /// De age-identiteit (opent bundels aan dit apparaat met 'age -d -i BESTAND')
        #[arg(long, conflicts_with = "databasesleutel", required_unless_present = "databasesleutel")]
        identiteit: bool,
        /// De ruwe databasesleutel (opent schakel.db in een SQLCipher 4-shell)
        #[arg(long)]
        databasesleutel: bool,
        /// Het nieuwe bestand (wordt nooit overschreven)
        #[arg(short = 'o', long = "uitvoer", value_name = "BESTAND")]
        uitvoer: PathBuf,
    },
    /// Krijg weer toegang met de herstelsleutel en zet de sleutel terug in de sleutelbos (of in een sleutelbestand met een nieuw wachtwoord)
    Herstel {
        /// Bewaar de sleutel voortaan in een sleutelbestand met een nieuw wachtwoord
        #[arg(long)]
        wachtwoord: bool,
    },
    /// Maak een nieuwe herstelsleutel; de vorige werkt daarna niet meer
    Herstelsleutel {
        /// Schrijf de herstelsleutel ook als afdrukbare PDF (één pagina)
        #[arg(short = 'o', long = "uitvoer", value_name = "PDF")]
        uitvoer: Option<PathBuf>,
    },
}

/// Print the herstelsleutel once, with what to do with it.
pub fn toon_herstelsleutel(code: &crate::store::Herstelcode, pdf: Option<&std::path::Path>) {
    println!();
    println!("Herstelsleutel (wordt maar één keer getoond):");
    println!();
    println!("    {}", code.getoond().as_str());
    println!();
    println!(
        "Schrijf hem op of druk hem af en bewaar hem apart van deze laptop. Kwijt de sleutelbos of het wachtwoord? \
         Dan geeft 'schakel sleutel herstel' (of 'Herstelsleutel gebruiken' in het venster) u er weer toegang mee."
    );
    if let Some(p) = pdf {
        println!("Afdrukbare versie: {}.", p.display());
    }
}

/// Write the one-page herstelsleutel PDF (owner-only, never over an existing file).
pub fn herstel_pdf(
    store: &crate::store::Store,
    code: &crate::store::Herstelcode,
    pad: &std::path::Path,
) -> Result<(), CliFout> {
    let r = crate::report::herstelsleutel(store, &code.getoond()).map_err(super::rapportfout)?;
    crate::store::schrijf_prive_bestand(pad, &r.pdf)?;
    Ok(())
}

fn datum(tekst: &str) -> Result<chrono::NaiveDate, CliFout> {
    Ok(parse_datum(tekst)?)
}

fn vandaag() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// A passphrase from `env`, or asked twice on the terminal.
fn nieuw_wachtwoord(env: &str, vraag: &str) -> Result<Zeroizing<String>, CliFout> {
    if let Ok(w) = std::env::var(env) {
        return Ok(Zeroizing::new(w));
    }
    if !std::io::stdin().is_terminal() {
        return Err(CliFout::Gebruik(format!("Er is een wachtwoord nodig: start in een terminal of zet {env}.")));
    }
    let w = Zeroizing::new(rpassword::prompt_password(vraag).map_err(StoreFout::Io)?);
    let w2 = Zeroizing::new(rpassword::prompt_password("Herhaal het wachtwoord: ").map_err(StoreFout::Io)?);
    if *w != *w2 {
        return Err(CliFout::Gebruik("De wachtwoorden zijn niet gelijk; er is niets gewijzigd.".into()));
    }
    Ok(w)
}

fn bestaand_wachtwoord(env: &str, vraag: &str) -> Result<Zeroizing<String>, CliFout> {
    if let Ok(w) = std::env::var(env) {
        return Ok(Zeroizing::new(w));
    }
    if !std::io::stdin().is_terminal() {
        return Err(CliFout::Gebruik(format!("Er is een wachtwoord nodig: start in een terminal of zet {env}.")));
    }
    Ok(Zeroizing::new(rpassword::prompt_password(vraag).map_err(StoreFout::Io)?))
}

/// `schakel bewaartermijn ...`
pub fn bewaartermijn(map: &Gegevensmap, o: &BewaarOpdracht, json: bool) -> Result<(), CliFout> {
    let mut store = open_store(map)?;
    match o {
        BewaarOpdracht::Lijst { alle } => {
            let lijst = if *alle { store.bewaarstatus()? } else { store.te_verwijderen(vandaag())? };
            if json {
                print_json(&lijst);
            } else if lijst.is_empty() {
                println!("Geen afgesloten casussen waarvan de bewaartermijn is verstreken.");
            } else {
                println!("{:<12} {:<34} {:<12} {:<14} Verlengd tot", "Casus", "Thema", "Afgesloten", "Termijn t/m");
                for b in &lijst {
                    println!(
                        "{:<12} {:<34} {:<12} {:<14} {}",
                        b.nummer,
                        b.thema,
                        b.afgesloten_op.format("%d-%m-%Y"),
                        b.termijn_tot.format("%d-%m-%Y"),
                        b.verlengd_tot.map(|d| d.format("%d-%m-%Y").to_string()).unwrap_or_else(|| "—".into())
                    );
                }
            }
        }
        BewaarOpdracht::Termijnen => {
            let t = store.bewaartermijnen()?;
            if json {
                print_json(&t);
            } else {
                for x in &t {
                    let standaard = if x.ingesteld { "" } else { " (standaard)" };
                    println!("{:<40} {} maanden{standaard}", x.thema, x.maanden);
                }
                println!("{:<40} {} maanden na overdracht", "Meldingen (geen casus)", store.melding_bewaartermijn()?);
            }
        }
        BewaarOpdracht::Instellen { thema, maanden } => {
            store.zet_bewaartermijn(thema, *maanden)?;
            if !json {
                println!("Bewaartermijn ingesteld op {maanden} maanden na afsluiting.");
            }
        }
        BewaarOpdracht::Meldingen { maanden } => {
            if let Some(m) = maanden {
                store.zet_melding_bewaartermijn(*m)?;
            }
            let m = store.melding_bewaartermijn()?;
            if json {
                print_json(&serde_json::json!({ "meldingen_maanden": m }));
            } else if maanden.is_some() {
                println!("Bewaartermijn van meldingen ingesteld op {m} maanden na overdracht.");
            } else {
                println!("Meldingen die geen casus werden, worden {m} maanden na overdracht verwijderd.");
            }
        }
        BewaarOpdracht::Verleng { nummer, tot, reden } => {
            store.bewaartermijn_verlengen(nummer, datum(tot)?, reden)?;
            if !json {
                println!("Bewaartermijn van casus {nummer} verlengd tot en met {tot}.");
            }
        }
        BewaarOpdracht::Verwijder { nummer, reden, ja } => {
            if !*ja {
                if !std::io::stdin().is_terminal() {
                    return Err(CliFout::Gebruik(
                        "Verwijderen is onherroepelijk: bevestig met --ja of start in een terminal.".into(),
                    ));
                }
                println!(
                    "Casus {nummer} en alles wat eronder valt wordt onherroepelijk verwijderd, ook bij collega's."
                );
                print!("Typ het casusnummer ter bevestiging: ");
                use std::io::Write;
                let _ = std::io::stdout().flush();
                let mut antwoord = String::new();
                std::io::stdin().read_line(&mut antwoord).map_err(StoreFout::Io)?;
                if antwoord.trim() != nummer {
                    return Err(CliFout::Gebruik("Niet bevestigd; er is niets verwijderd.".into()));
                }
            }
            let v = store.casus_vernietigen(nummer, reden, vandaag())?;
            if json {
                print_json(&v);
            } else {
                println!(
                    "Casus {} verwijderd: {} records, {} waarden uit de wijzigingslog gewist. De auditlog vermeldt \
                     casusnummer, datum, gebruiker en reden.",
                    v.nummer, v.rijen, v.gewiste_waarden
                );
                if !v.kopieen.is_empty() {
                    println!(
                        "Let op: deze apart bewaarde vervangen database(s) zijn ouder dan deze verwijdering en kunnen \
                         de casus nog bevatten: {}. Verwijder ze met 'schakel backup vervangen verwijder --alle' \
                         (of op de Privacypagina); anders verdwijnen ze na {} dagen.",
                        v.kopieen.join(", "),
                        crate::store::VERVANGEN_TERMIJN_DAGEN
                    );
                }
                if !v.wal_geleegd {
                    println!(
                        "Let op: een ander Schakel-venster had de database open; sluit het en voer 'schakel doctor' uit."
                    );
                }
            }
        }
    }
    Ok(())
}

/// `schakel inzage ...`
pub fn inzage(map: &Gegevensmap, a: &InzageArgs, json: bool) -> Result<(), CliFout> {
    let mut store = open_store(map)?;
    let vraag = match (&a.naam, &a.bsn, &a.betrokkene) {
        (Some(n), None, None) => InzageVraag::Naam(n.clone()),
        (None, Some(b), None) => InzageVraag::Bsn(b.clone()),
        (None, None, Some(i)) => InzageVraag::Id(i.clone()),
        _ => return Err(CliFout::Gebruik("Geef precies één van --naam, --bsn of --betrokkene.".into())),
    };
    if a.uitvoer.is_none() && a.json_uitvoer.is_none() && !json {
        return Err(CliFout::Gebruik("Geef -o BESTAND.pdf en/of --json-uitvoer BESTAND.json.".into()));
    }
    let i = match store.inzage(&vraag) {
        Err(StoreFout::MeerderePersonen(lijst)) => {
            if json {
                print_json(&lijst);
            }
            let mut t = format!(
                "{} personen passen bij deze vraag; er is niets geschreven. Kies er één met --betrokkene ID:",
                lijst.len()
            );
            for p in &lijst {
                t.push_str(&format!("\n  {}", p.regel()));
            }
            return Err(CliFout::Controle(t));
        }
        r => r?,
    };
    let gegevens = serde_json::to_vec_pretty(&i).map_err(|e| CliFout::Controle(e.to_string()))?;
    if let Some(p) = &a.json_uitvoer {
        schrijf(p, &gegevens)?;
    }
    if let Some(p) = &a.uitvoer {
        let r = crate::report::inzage(&store, &i).map_err(super::rapportfout)?;
        schrijf(p, &r.pdf)?;
    }
    if json {
        print_json(&i);
    } else {
        println!(
            "Inzage opgesteld: {} casus(sen), {} detentiemelding(en). Controleer casusgegevens op informatie over \
             derden vóór verstrekking.",
            i.casussen.len(),
            i.meldingen.len()
        );
    }
    Ok(())
}

/// `schakel audit export ...`
pub fn audit_export(map: &Gegevensmap, a: &AuditExportArgs, json: bool) -> Result<(), CliFout> {
    let store = open_store(map)?;
    let filter = AuditFilter {
        van: a.van.as_deref().map(datum).transpose()?,
        tot: a.tot.as_deref().map(datum).transpose()?,
        casus: a.casus.clone(),
    };
    let regels = store.audit_export(&filter)?;
    let controle = store.audit_verify()?;
    let pdf = a.uitvoer.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let bytes = if pdf {
        crate::report::audit(&store, &regels, &controle, &filter).map_err(super::rapportfout)?.pdf
    } else {
        crate::report::audit_csv(&regels, &controle).map_err(super::rapportfout)?
    };
    schrijf(&a.uitvoer, &bytes)?;
    let uitslag = crate::report::ketenuitslag(&controle);
    if json {
        print_json(&serde_json::json!({ "regels": regels.len(), "in_orde": controle.in_orde(), "keten": uitslag }));
    } else {
        println!("{} auditregels geschreven naar {}. Hash-keten: {uitslag}.", regels.len(), a.uitvoer.display());
    }
    Ok(())
}

/// `schakel backup ...`
pub fn backup(map: &Gegevensmap, o: &BackupOpdracht, json: bool) -> Result<(), CliFout> {
    match o {
        BackupOpdracht::Maak { uitvoer } => {
            let store = open_store(map)?;
            let w = nieuw_wachtwoord(BACKUP_WACHTWOORD_ENV, "Kies een wachtwoord voor de back-up: ")?;
            let kop = store.backup_maak(uitvoer, &w)?;
            if json {
                print_json(&serde_json::json!({ "bestand": uitvoer, "gemaakt_op": kop.gemaakt_op }));
            } else {
                println!(
                    "Back-up geschreven naar {}. Bewaar het wachtwoord apart van het bestand: zonder kan niemand hem \
                     terugzetten.",
                    uitvoer.display()
                );
            }
        }
        BackupOpdracht::Herstel { bestand, vervang } => {
            let bytes = lees(bestand)?;
            let w = bestaand_wachtwoord(BACKUP_WACHTWOORD_ENV, "Wachtwoord van de back-up: ")?;
            if map.is_geinitialiseerd() && !*vervang {
                return Err(CliFout::Gebruik(format!(
                    "In {} staat al een database. Gebruik --vervang om hem te vervangen (hij wordt eerst apart \
                     bewaard); er is niets gewijzigd.",
                    map.pad().display()
                )));
            }
            let keuze = if std::env::var_os(WACHTWOORD_ENV).is_some() || !sleutel::sleutelbos_beschikbaar() {
                Sleutelkeuze::Wachtwoord(wachtwoord("Kies een wachtwoord voor de teruggezette database: ")?)
            } else {
                Sleutelkeuze::Sleutelbos
            };
            let (_, h) = crate::store::backup_herstel(map, &bytes, &w, &keuze, *vervang)?;
            if json {
                print_json(&serde_json::json!({
                    "casussen": h.casussen, "gemaakt_op": h.gemaakt_op, "oude_kopie": h.oude_kopie
                }));
            } else {
                println!(
                    "Back-up van {} teruggezet: {}.",
                    h.gemaakt_op,
                    crate::domain::aantal(h.casussen as usize, "casus", "casussen")
                );
                if let Some(p) = &h.oude_kopie {
                    println!("De vorige database staat ongewijzigd in {}.", p.display());
                }
                println!(
                    "Dit apparaat heeft een nieuwe identiteit voor synchronisatie: stuur collega's uw nieuwe \
                     visitekaartje ('schakel team kaartje')."
                );
                println!(
                    "De teruggezette database heeft nog geen herstelsleutel: maak er een met 'schakel sleutel \
                     herstelsleutel'."
                );
                if h.oude_kopie.is_some() {
                    println!(
                        "De vervangen database wordt {} dagen bewaard en daarna verwijderd ('schakel backup vervangen \
                         lijst').",
                        crate::store::VERVANGEN_TERMIJN_DAGEN
                    );
                }
            }
        }
        BackupOpdracht::Vervangen(VervangenOpdracht::Lijst) => {
            let lijst = crate::store::vervangen_kopieen(map.pad())?;
            if json {
                print_json(&lijst);
            } else if lijst.is_empty() {
                println!("Er zijn geen vervangen databases bewaard.");
            } else {
                for k in &lijst {
                    println!(
                        "{}  vervangen op {}  wordt verwijderd op {}",
                        k.naam,
                        k.gemaakt_op.format("%d-%m-%Y %H:%M"),
                        k.verloopt_op.format("%d-%m-%Y")
                    );
                }
            }
        }
        BackupOpdracht::Vervangen(VervangenOpdracht::Verwijder { naam, alle }) => {
            let namen: Vec<String> = match (naam, alle) {
                (Some(n), false) => vec![n.clone()],
                (None, true) => crate::store::vervangen_kopieen(map.pad())?.into_iter().map(|k| k.naam).collect(),
                _ => return Err(CliFout::Gebruik("Geef de naam van de map of --alle.".into())),
            };
            for n in &namen {
                crate::store::vervangen_kopie_verwijder(map.pad(), n)?;
            }
            if json {
                print_json(&namen);
            } else {
                println!("{} vervangen database(s) verwijderd.", namen.len());
            }
        }
    }
    Ok(())
}

/// `schakel sleutel ...`
pub fn sleutel(map: &Gegevensmap, o: &SleutelOpdracht, json: bool) -> Result<(), CliFout> {
    match o {
        SleutelOpdracht::Roteer => {
            let bron = crate::store::sleutelbron(map)?;
            let w = match bron {
                SleutelBron::Wachtwoord => Some(wachtwoord("Wachtwoord van de Schakel-database: ")?),
                SleutelBron::Sleutelbos => None,
            };
            let mut store = crate::store::ontgrendel(map, w.as_deref().map(|w| w.as_str()))?;
            crate::store::sleutel_roteer(map, &mut store, w.as_deref().map(|w| w.as_str()), |_| {})?;
            let generatie = SleutelBestand::lees(map.pad())?.generatie;
            drop(store);
            if json {
                print_json(&serde_json::json!({ "generatie": generatie }));
            } else {
                println!("De database is opnieuw versleuteld met een nieuwe sleutel (generatie {generatie}).");
            }
        }
        SleutelOpdracht::Wachtwoord => {
            let oud = wachtwoord("Huidig wachtwoord: ")?;
            let nieuw = nieuw_wachtwoord(NIEUW_WACHTWOORD_ENV, "Nieuw wachtwoord: ")?;
            crate::store::wachtwoord_wijzigen(map, &oud, &nieuw)?;
            if !json {
                println!(
                    "Het wachtwoord is gewijzigd. De databasesleutel is dezelfde gebleven: een oud sleutelbestand met \
                     het oude wachtwoord opent de database nog. Vermoedt u een lek, gebruik dan 'schakel sleutel roteer'."
                );
            }
        }
        SleutelOpdracht::Exporteer { identiteit, databasesleutel: _, uitvoer } => {
            // The passphrase or the keychain confirms the user before anything is written.
            let w = match crate::store::sleutelbron(map)? {
                SleutelBron::Wachtwoord => Some(wachtwoord("Wachtwoord van de Schakel-database: ")?),
                SleutelBron::Sleutelbos => None,
            };
            let w = w.as_deref().map(|w| w.as_str());
            let (inhoud, soort) = if *identiteit {
                let mut store = crate::store::ontgrendel(map, w)?;
                let ik = crate::sync::apparaat(&mut store)?;
                let tekst = Zeroizing::new(format!(
                    "# Schakel: age-identiteit van apparaat {} ({}), geexporteerd {}.\n\
                     # Opent bundels aan dit apparaat: age -d -i {} inhoud.age\n\
                     # GEHEIM: wie dit bestand heeft, leest alles wat collega's naar dit apparaat sturen.\n\
                     # public key: {}\n{}\n",
                    ik.id,
                    store.gebruiker(),
                    chrono::Local::now().format("%d-%m-%Y %H:%M"),
                    uitvoer.display(),
                    ik.age_ontvanger(),
                    ik.age_identiteit().as_str()
                ));
                crate::store::schrijf_prive_bestand(uitvoer, tekst.as_bytes())?;
                store.registreer_uitvoer(crate::store::Uitvoer::Identiteit, &ik.id, &[])?;
                (tekst, "age-identiteit")
            } else {
                let k = crate::store::databasesleutel(map, w)?;
                let hex = Zeroizing::new(hex::encode(k.als_bytes()));
                let tekst = Zeroizing::new(format!(
                    "# Schakel: databasesleutel van {} (SQLCipher 4, ruwe sleutel), geexporteerd {}.\n\
                     # GEHEIM: wie dit bestand en de database heeft, leest alles. Na gebruik: schakel sleutel roteer.\n\
                     # Openen met een SQLCipher 4-shell (bijv. sqlcipher 4.6.1 van Debian 13; niet 3.4 van Debian 12):\n\
                     #   sqlcipher {}\n\
                     #   sqlite> PRAGMA key = \"x'{}'\";\n\
                     {}\n",
                    map.db_pad().display(),
                    chrono::Local::now().format("%d-%m-%Y %H:%M"),
                    map.db_pad().display(),
                    hex.as_str(),
                    hex.as_str()
                ));
                crate::store::schrijf_prive_bestand(uitvoer, tekst.as_bytes())?;
                let store = crate::store::Store::open(map, &k)?;
                store.registreer_uitvoer(crate::store::Uitvoer::Databasesleutel, "databasesleutel", &[])?;
                (tekst, "databasesleutel")
            };
            drop(inhoud);
            if json {
                print_json(&serde_json::json!({ "bestand": uitvoer, "soort": soort }));
            } else {
                println!(
                    "De {soort} staat in {} (alleen voor u leesbaar). Bewaar dit bestand als een sleutel: wie het \
                     heeft, kan {}. Verwijder het na gebruik.",
                    uitvoer.display(),
                    if *identiteit { "de bundels aan dit apparaat lezen" } else { "de database openen" }
                );
            }
        }
        SleutelOpdracht::Herstel { wachtwoord: naar_bestand } => {
            let code = match std::env::var(HERSTELSLEUTEL_ENV) {
                Ok(c) => Zeroizing::new(c),
                Err(_) if std::io::stdin().is_terminal() => {
                    Zeroizing::new(rpassword::prompt_password("Herstelsleutel: ").map_err(StoreFout::Io)?)
                }
                Err(_) => {
                    return Err(CliFout::Gebruik(format!(
                        "Er is een herstelsleutel nodig: start in een terminal of zet {HERSTELSLEUTEL_ENV}."
                    )));
                }
            };
            let code = crate::store::Herstelcode::van_invoer(&code);
            let bron = SleutelBestand::lees(map.pad())?.bron;
            let doel = if *naar_bestand || bron == SleutelBron::Wachtwoord || !sleutel::sleutelbos_beschikbaar() {
                crate::store::Herstelbestemming::Wachtwoord(nieuw_wachtwoord(
                    NIEUW_WACHTWOORD_ENV,
                    "Kies een nieuw wachtwoord voor de database: ",
                )?)
            } else {
                crate::store::Herstelbestemming::Sleutelbos
            };
            let store = crate::store::herstel_met_code(map, &code, &doel)?;
            store.registreer_uitvoer(crate::store::Uitvoer::Herstelsleutel, "gebruikt", &[])?;
            if !json {
                match doel {
                    crate::store::Herstelbestemming::Sleutelbos => println!(
                        "U hebt weer toegang: de sleutel staat weer in de sleutelbos van het systeem. De herstelsleutel \
                         blijft geldig."
                    ),
                    crate::store::Herstelbestemming::Wachtwoord(_) => println!(
                        "U hebt weer toegang: de sleutel staat in het sleutelbestand, beveiligd met het nieuwe \
                         wachtwoord. De herstelsleutel blijft geldig."
                    ),
                }
            }
        }
        SleutelOpdracht::Herstelsleutel { uitvoer } => {
            let w = match crate::store::sleutelbron(map)? {
                SleutelBron::Wachtwoord => Some(wachtwoord("Wachtwoord van de Schakel-database: ")?),
                SleutelBron::Sleutelbos => None,
            };
            let code = crate::store::herstelsleutel_vernieuwen(map, w.as_deref().map(|w| w.as_str()))?;
            let store = crate::store::ontgrendel(map, w.as_deref().map(|w| w.as_str()))?;
            store.registreer_uitvoer(crate::store::Uitvoer::Herstelsleutel, "gemaakt", &[])?;
            if let Some(p) = uitvoer {
                herstel_pdf(&store, &code, p)?;
            }
            if json {
                print_json(&serde_json::json!({ "herstelsleutel": code.getoond().as_str() }));
            } else {
                toon_herstelsleutel(&code, uitvoer.as_deref());
            }
        }
    }
    Ok(())
}

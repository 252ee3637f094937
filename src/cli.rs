//! The command-line interface: the contract scripts and tests rely on.
//! Errors are Dutch sentences on stderr; exit code 1 for errors, 2 for wrong usage.

use crate::domain::fase::FaseOvergang;
use crate::domain::{Ave, DomeinFout, Fase, JournaalSoort, Rol, WegingUitkomst, parse_datum};
use crate::melding;
use crate::store::sleutel::{self, SleutelBestand, SleutelBron};
use crate::store::{
    CasusFilter, Gebruiker, Gegevensmap, NieuwJournaal, NieuweBetrokkene, NieuweCasus, Sleutelkeuze, Store, StoreFout,
};
use clap::{ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use serde::Serialize;
use std::io::IsTerminal;
use std::path::PathBuf;
use zeroize::Zeroizing;

/// Environment variable with the passphrase, for scripts and tests (the GUI asks).
pub const WACHTWOORD_ENV: &str = "SCHAKEL_PASSPHRASE";

mod advies;
mod bezoek;
mod contact;
mod detentiemelding;
mod medewerker;
mod opschaling;
mod overleg;
mod plan;
mod privacy;
pub use privacy::{BACKUP_WACHTWOORD_ENV, NIEUW_WACHTWOORD_ENV};

/// Schakel: offline casusregie voor Zorg- en Veiligheidshuizen.
#[derive(Debug, Parser)]
#[command(name = "schakel", version, about, long_about = None)]
pub struct Cli {
    /// Map met de database en het sleutelbestand (standaard de gegevensmap van de gebruiker)
    #[arg(long, global = true, env = "SCHAKEL_DATA_DIR", value_name = "MAP")]
    pub data_dir: Option<PathBuf>,
    /// Uitvoer als JSON (voor scripts)
    #[arg(long, global = true)]
    pub json: bool,
    /// De opdracht; zonder opdracht start het venster
    #[command(subcommand)]
    pub opdracht: Option<Opdracht>,
}

/// Top-level commands.
#[derive(Debug, Subcommand)]
pub enum Opdracht {
    /// Maak een nieuwe versleutelde database en sleutel aan
    Init(InitArgs),
    /// Vul de database met fictieve voorbeeldcasussen
    Demo(DemoArgs),
    /// Casussen bekijken, aanmaken en verplaatsen
    #[command(subcommand)]
    Casus(CasusOpdracht),
    /// Betrokkenen bij een casus
    #[command(subcommand)]
    Betrokkene(BetrokkeneOpdracht),
    /// Journaal van een casus
    #[command(subcommand)]
    Journaal(JournaalOpdracht),
    /// Detenties van een betrokkene
    #[command(subcommand)]
    Detentie(DetentieOpdracht),
    /// Zoek in casussen, betrokkenen, journaal en plannen
    Zoek {
        /// Zoektekst (elke tekst is veilig)
        #[arg(required = true, num_args = 1.., value_name = "TEKST")]
        tekst: Vec<String>,
    },
    /// Auditlog controleren
    #[command(subcommand)]
    Audit(AuditOpdracht),
    /// Controleer sleutel, schema en integriteit van de database
    Doctor,
    /// Maak een PDF: agenda, verslag, plan of overzicht
    Rapport {
        /// Soort rapport
        #[arg(value_enum)]
        soort: RapportSoort,
        /// Overleg-id (agenda, verslag), casusnummer (plan, overzicht) of bezoek-id (bezoeklijst)
        id: String,
        /// Uitvoerbestand
        #[arg(short = 'o', long = "uitvoer", value_name = "BESTAND")]
        uitvoer: PathBuf,
        /// Planversie (standaard het huidige concept)
        #[arg(long)]
        versie: Option<u32>,
        /// Zet ook de werknaam op de agenda
        #[arg(long)]
        werknaam: bool,
    },
    /// Overleggen bekijken
    #[command(subcommand)]
    Overleg(overleg::OverlegOpdracht),
    /// Partners en contactpersonen: toevoegen, wijzigen, de contactlijst uitwisselen (CSV en vCard)
    #[command(subcommand)]
    Partner(PartnerOpdracht),
    /// Contactpersonen wijzigen, archiveren en weer activeren
    #[command(subcommand)]
    Contact(contact::ContactOpdracht),
    /// Adviesvragen ("advies kort"): vastleggen, bekijken, wijzigen, omzetten naar een aanmelding
    #[command(subcommand)]
    Advies(advies::AdviesOpdracht),
    /// Opschalingen van een casus bekijken, corrigeren (uitkomst) en verwijderen
    #[command(subcommand)]
    Opschaling(opschaling::OpschalingOpdracht),
    /// Collega's in uw team: visitekaartjes en vingerafdrukken
    #[command(subcommand)]
    Team(TeamOpdracht),
    /// Medewerkers aan wie casussen worden toegewezen (procesregisseur, trajectbegeleider, ...)
    #[command(subcommand)]
    Medewerker(medewerker::MedewerkerOpdracht),
    /// Detentiemeldingen en nazorg: verrijken, trieren, overdragen, omzetten, aanbod per leefgebied
    #[command(subcommand)]
    Melding(detentiemelding::MeldingOpdracht),
    /// PI-bezoekdag: bezoek plannen, bezoeklijst, verslagen na het bezoek
    #[command(subcommand)]
    Bezoek(bezoek::BezoekOpdracht),
    /// Synchroniseren met collega's via ondertekende, versleutelde bundelbestanden
    #[command(subcommand)]
    Sync(SyncOpdracht),
    /// Het plan van aanpak: doelen, acties, risico's en versies
    #[command(subcommand)]
    Plan(plan::PlanOpdracht),
    /// De bewerkbare lijsten: thema's, leefgebieden, soorten overleg en gemeenten
    Lijst(plan::LijstArgs),
    /// Bewaartermijnen: welke afgesloten casussen weg moeten, verlengen en verwijderen
    #[command(subcommand)]
    Bewaartermijn(privacy::BewaarOpdracht),
    /// Inzageverzoek (AVG): alles wat over een persoon is vastgelegd, als PDF en JSON
    Inzage(privacy::InzageArgs),
    /// Versleutelde back-up maken of terugzetten
    #[command(subcommand)]
    Backup(privacy::BackupOpdracht),
    /// De databasesleutel vervangen of het wachtwoord wijzigen
    #[command(subcommand)]
    Sleutel(privacy::SleutelOpdracht),
    /// Meet snelheid op een tijdelijke, versleutelde demodatabase (gebruik --release)
    Bench {
        /// Aantal demo-casussen
        #[arg(long = "cases", alias = "casussen", default_value_t = 5000)]
        cases: usize,
        /// Aantal wijzigingen in de gemeten synchronisatiebundel
        #[arg(long, default_value_t = 10_000)]
        operaties: i64,
        /// Sla de teammeting over (databasegrootte met vier collega's): het grootste deel
        /// van de looptijd, om na een wijziging snel de andere regels opnieuw te meten
        #[arg(long)]
        zonder_team: bool,
        /// Meet alleen het zoeken (dezelfde 200 zoekvragen) op de bestaande database in de
        /// gegevensmap, zonder demo te maken: om zoekwijzigingen op één grote database te vergelijken
        #[arg(long, conflicts_with_all = ["cases", "operaties", "zonder_team"])]
        alleen_zoeken: bool,
    },
    /// Schrijf de handleiding als man-pagina (roff)
    Handleiding {
        /// Schrijf in deze map een pagina per opdracht (zonder: de hoofdpagina naar de uitvoer)
        #[arg(long, value_name = "MAP")]
        map: Option<PathBuf>,
    },
    /// Open het venster, eventueel direct op een casus
    Venster {
        /// Open deze casus na het ontgrendelen
        #[arg(long)]
        casus: Option<String>,
        /// Tabblad: overzicht, plan, journaal, partners, historie; bij --pagina overleggen: voorbereiden, voeren
        #[arg(long)]
        tab: Option<String>,
        /// Begin op deze pagina: casussen, synchronisatie, instellingen, ...
        #[arg(long)]
        pagina: Option<String>,
        /// Meting: maak na het ontgrendelen een back-up in de gegevensmap, meld de langste
        /// pauze tussen twee afgehandelde gebeurtenissen terwijl die loopt, en sluit af
        #[arg(long)]
        meet: bool,
    },
}

/// What `voer_uit` leaves to the caller.
#[derive(Debug)]
pub enum Vervolg {
    /// Done.
    Klaar,
    /// Open the window on this data dir.
    #[cfg(feature = "venster")]
    Venster(Gegevensmap, Box<crate::ui::Beginscherm>),
}

/// Without the `venster` feature (a core-only build, e.g. the fuzz target) the window
/// cannot be opened.
#[cfg(not(feature = "venster"))]
const ZONDER_VENSTER: &str =
    "Deze uitgave van Schakel is gebouwd zonder venster; gebruik de opdrachten (schakel --help).";

/// Kinds of printed report.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RapportSoort {
    /// Agenda van een overleg (alleen casusnummer, initialen, thema)
    Agenda,
    /// Verslag van een overleg (BOB, besluiten, acties)
    Verslag,
    /// Plan van aanpak van een casus
    Plan,
    /// Casusoverzicht voor een PI-bezoek
    Overzicht,
    /// Bezoeklijst van een PI-bezoek (id van het bezoek)
    Bezoeklijst,
}

/// `partner` subcommands.
#[derive(Debug, Subcommand)]
pub enum PartnerOpdracht {
    /// Schrijf de contactlijst als CSV of vCard
    Export {
        /// Uitvoerbestand (.csv of .vcf)
        #[arg(short = 'o', long = "uitvoer", value_name = "BESTAND")]
        uitvoer: PathBuf,
        /// Formaat: csv of vcard (standaard volgens de extensie)
        #[arg(long)]
        formaat: Option<String>,
    },
    /// Lees een contactlijst (CSV of vCard) in; toont afgewezen regels
    Import {
        /// Het bestand (.csv of .vcf)
        bestand: PathBuf,
    },
    /// Voeg een partnerorganisatie toe (toont het id)
    Add {
        /// Naam van de organisatie
        #[arg(long)]
        naam: String,
        /// Soort organisatie: justitie, zorg, gemeente, overig
        #[arg(long, default_value = "overig")]
        soort: String,
        /// Convenantstatus: convenant, intentieverklaring, geen
        #[arg(long, default_value = "geen")]
        convenant: String,
    },
    /// Wijzig een partner (alleen wat u opgeeft verandert)
    Wijzig {
        /// Naam of id (of de eerste 8 tekens) van de partner
        partner: String,
        /// Nieuwe naam
        #[arg(long)]
        naam: Option<String>,
        /// Soort organisatie
        #[arg(long)]
        soort: Option<String>,
        /// Convenantstatus
        #[arg(long)]
        convenant: Option<String>,
        /// Notities
        #[arg(long)]
        notities: Option<String>,
        /// Archiveer de partner (of --archiveer=false om terug te zetten)
        #[arg(long)]
        archiveer: Option<bool>,
    },
    /// Voeg een contactpersoon toe aan een partner (toont het id)
    Contact {
        /// Naam of id van de partner
        partner: String,
        /// Naam van de contactpersoon
        #[arg(long)]
        naam: String,
        /// Functie
        #[arg(long, default_value = "")]
        functie: String,
        /// Telefoon
        #[arg(long, default_value = "")]
        telefoon: String,
        /// E-mailadres
        #[arg(long, default_value = "")]
        email: String,
    },
}

/// `team` subcommands.
#[derive(Debug, Subcommand)]
pub enum TeamOpdracht {
    /// Schrijf het visitekaartje van dit apparaat (om aan collega's te geven)
    Kaartje {
        /// Uitvoerbestand
        #[arg(short = 'o', long = "uitvoer", value_name = "BESTAND")]
        uitvoer: PathBuf,
        /// Uw organisatie, als u niet bij het ZVH zelf werkt
        #[arg(long, default_value = "")]
        organisatie: String,
    },
    /// Voeg een collega toe vanaf diens visitekaartje (nog niet vertrouwd)
    Add {
        /// Het visitekaartje
        bestand: PathBuf,
    },
    /// Vertrouw een collega nadat u samen de vingerafdruk hebt vergeleken
    Bevestig {
        /// Naam of apparaat-id van de collega
        collega: String,
        /// De vingerafdruk zoals uw collega die op diens scherm ziet
        #[arg(long, value_name = "CIJFERS")]
        vingerafdruk: String,
    },
    /// Verwijder een collega: geen bundels meer van of naar deze collega
    Remove {
        /// Naam of apparaat-id van de collega
        collega: String,
    },
    /// Koppel een collega van een andere organisatie aan de partner van die organisatie
    /// (het convenant van die partner bepaalt of de collega persoonsgegevens mag ontvangen)
    Koppel {
        /// Naam of apparaat-id van de collega
        collega: String,
        /// Naam of id van de partner
        #[arg(long, value_name = "PARTNER", required_unless_present = "los")]
        partner: Option<String>,
        /// Verbreek de koppeling
        #[arg(long, conflicts_with = "partner")]
        los: bool,
    },
    /// Toon uw team en de eigen vingerafdruk
    List,
}

/// `sync` subcommands.
#[derive(Debug, Subcommand)]
pub enum SyncOpdracht {
    /// Maak een bundel met wat uw collega's nog niet hebben
    Export {
        /// Uitvoerbestand
        #[arg(short = 'o', long = "uitvoer", value_name = "BESTAND")]
        uitvoer: PathBuf,
        /// Alleen voor deze collega('s) (naam of apparaat-id); standaard het hele team
        #[arg(long = "voor", value_name = "COLLEGA")]
        voor: Vec<String>,
        /// Alleen deze casus(sen)
        #[arg(long = "casus", value_name = "NUMMER")]
        casus: Vec<String>,
        /// Alles sturen, ook wat al bevestigd is
        #[arg(long)]
        alles: bool,
        /// Een bestaand bestand overschrijven
        #[arg(long)]
        overschrijven: bool,
    },
    /// Lees een bundel van een collega in
    Import {
        /// Het bundelbestand
        bestand: PathBuf,
    },
    /// Toon per apparaat wat is ontvangen en wat ontbreekt
    Status,
    /// Toon de open conflicten (twee collega's wijzigden hetzelfde veld)
    Conflicten {
        /// Alleen deze casus
        #[arg(long)]
        casus: Option<String>,
    },
    /// Los een conflict op door een van de getoonde waarden te kiezen
    Kies {
        /// Het conflict-id uit 'schakel sync conflicten'
        id: String,
        /// Het nummer van de waarde die blijft (1 = de waarde die nu in gebruik is)
        #[arg(long, value_name = "N")]
        waarde: usize,
    },
}

/// Where to keep the key.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SleutelKeuze {
    /// In de sleutelbos van het systeem
    Sleutelbos,
    /// In een sleutelbestand, beveiligd met een wachtwoord
    Wachtwoord,
}

/// Arguments of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Uw naam (komt in de auditlog)
    #[arg(long)]
    pub naam: Option<String>,
    /// Uw rol, bijvoorbeeld procesregisseur
    #[arg(long, default_value = "procesregisseur")]
    pub rol: String,
    /// Naam van het Zorg- en Veiligheidshuis
    #[arg(long, default_value = "Zorg- en Veiligheidshuis")]
    pub zvh: String,
    /// Waar de sleutel bewaard wordt (standaard de sleutelbos, anders een wachtwoord)
    #[arg(long, value_enum)]
    pub sleutel: Option<SleutelKeuze>,
    /// Schrijf de herstelsleutel ook als afdrukbare PDF (één pagina)
    #[arg(long = "herstel-pdf", value_name = "PDF")]
    pub herstel_pdf: Option<std::path::PathBuf>,
}

/// Arguments of `demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Aantal casussen
    #[arg(long = "cases", alias = "casussen", default_value_t = 50)]
    pub cases: usize,
    /// Startwaarde: dezelfde waarde geeft dezelfde gegevens
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
}

/// `casus` subcommands.
#[derive(Debug, Subcommand)]
pub enum CasusOpdracht {
    /// Toon de casussen
    List {
        /// Alleen deze fase
        #[arg(long)]
        fase: Option<String>,
        /// Alleen dit thema
        #[arg(long)]
        thema: Option<String>,
        /// Alleen deze AVE-fase
        #[arg(long)]
        ave: Option<i64>,
        /// Alleen casussen van deze medewerker
        #[arg(long)]
        medewerker: Option<String>,
        /// Alleen casussen uit deze gemeente
        #[arg(long)]
        gemeente: Option<String>,
    },
    /// Schaal een casus op naar management, bestuur of driehoek; toont het id
    Opschalen {
        /// Casusnummer
        nummer: String,
        /// Naar: management, bestuur of driehoek
        #[arg(long)]
        naar: String,
        /// Waarom
        #[arg(long)]
        reden: String,
        /// Datum (standaard vandaag)
        #[arg(long)]
        datum: Option<String>,
        /// Uitkomst, als die al bekend is
        #[arg(long)]
        uitkomst: Option<String>,
    },
    /// Toon één casus volledig (wordt gelogd)
    Show {
        /// Casusnummer, bijvoorbeeld 2026-0001
        nummer: String,
    },
    /// Registreer een nieuwe aanmelding; toont het nieuwe casusnummer
    New {
        /// Werknaam (geen persoonsgegevens)
        #[arg(long)]
        werknaam: String,
        /// Thema (naam of begin van de naam)
        #[arg(long)]
        thema: String,
        /// AVE-fase 1 tot en met 4 (standaard 3)
        #[arg(long)]
        ave: Option<i64>,
        /// Procesregisseur: id, de eerste 8+ tekens ervan, of de naam van een medewerker
        #[arg(long, default_value = "")]
        procesregisseur: String,
        /// Het probleem
        #[arg(long, default_value = "")]
        probleem: String,
        /// De vraag aan het ZVH
        #[arg(long, default_value = "")]
        vraag: String,
        /// Gemeente (uit 'schakel lijst gemeente')
        #[arg(long, default_value = "")]
        gemeente: String,
        /// Naam van de hoofdpersoon (wordt met de casus in één keer vastgelegd)
        #[arg(long, value_name = "NAAM")]
        persoon: Option<String>,
        /// Geboortedatum van de hoofdpersoon (JJJJ-MM-DD of DD-MM-JJJJ)
        #[arg(long, requires = "persoon")]
        geboortedatum: Option<String>,
        /// BSN van de hoofdpersoon (elfproef)
        #[arg(long, requires = "persoon")]
        bsn: Option<String>,
    },
    /// Corrigeer gegevens van de aanmelding (alleen wat u opgeeft verandert)
    Wijzig {
        /// Casusnummer
        nummer: String,
        /// Werknaam (geen persoonsgegevens)
        #[arg(long)]
        werknaam: Option<String>,
        /// Thema (naam of begin van de naam)
        #[arg(long)]
        thema: Option<String>,
        /// Het probleem
        #[arg(long)]
        probleem: Option<String>,
        /// Het veiligheidsrisico
        #[arg(long)]
        veiligheidsrisico: Option<String>,
        /// Wat al is geprobeerd
        #[arg(long)]
        geprobeerd: Option<String>,
        /// De vraag aan het ZVH
        #[arg(long)]
        vraag: Option<String>,
        /// Evaluatiedatum (JJJJ-MM-DD of DD-MM-JJJJ); leeg wist hem
        #[arg(long)]
        evaluatiedatum: Option<String>,
        /// Gemeente (uit 'schakel lijst gemeente'); leeg wist hem
        #[arg(long)]
        gemeente: Option<String>,
        /// Aanmelddatum (JJJJ-MM-DD of DD-MM-JJJJ; niet in de toekomst)
        #[arg(long)]
        aanmelddatum: Option<String>,
        /// Aanmeldende partner (naam of id); leeg wist hem
        #[arg(long)]
        aanmelder: Option<String>,
    },
    /// Wijs procesregisseur, trajectbegeleider en/of casusregisseur toe: een medewerker
    /// bij id, de eerste 8+ tekens ervan, of de naam (leeg maakt de rol vrij)
    Toewijzen {
        /// Casusnummer
        nummer: String,
        /// Procesregisseur (medewerker)
        #[arg(long)]
        procesregisseur: Option<String>,
        /// Trajectbegeleider (medewerker; bepaalt welke casussen die collega ontvangt)
        #[arg(long)]
        trajectbegeleider: Option<String>,
        /// Casusregisseur (medewerker, vaak van een partner)
        #[arg(long)]
        casusregisseur: Option<String>,
    },
    /// Verplaats een casus naar een andere fase
    Fase {
        /// Casusnummer
        nummer: String,
        /// Nieuwe fase: aanmelding, weging, procesregie, monitoring, afgesloten
        fase: String,
        /// Uitkomst van de weging: procesregie, ondersteunen, advies, niet_passend
        #[arg(long)]
        uitkomst: Option<String>,
        /// Reden (verplicht bij afsluiten en heropenen)
        #[arg(long)]
        reden: Option<String>,
        /// Heropen een afgesloten casus
        #[arg(long)]
        heropen: bool,
        /// Tevredenheid van de aanmelder bij afsluiten (1–5)
        #[arg(long)]
        tevredenheid: Option<u8>,
    },
    /// Leg de uitkomst van de weging vast; een casus in weging gaat door naar procesregie of monitoring
    Weging {
        /// Casusnummer
        nummer: String,
        /// Uitkomst: procesregie, ondersteunen, advies, niet-passend
        #[arg(long)]
        uitkomst: String,
        /// Datum van het besluit (standaard de datum van het overleg, anders vandaag)
        #[arg(long)]
        datum: Option<String>,
        /// Id van de weegtafel die besloot (of de eerste 8 tekens)
        #[arg(long)]
        overleg: Option<String>,
    },
    /// Wijzig de AVE-fase
    Ave {
        /// Casusnummer
        nummer: String,
        /// Nieuwe AVE-fase 1 tot en met 4
        ave: i64,
        /// Reden van de wijziging
        #[arg(long)]
        reden: String,
    },
    /// Koppel twee casussen die bij elkaar horen (gezin, groep, dader en slachtoffer, netwerk)
    Koppel {
        /// Casusnummer
        nummer: String,
        /// Casusnummer van de andere casus
        ander: String,
        /// Soort koppeling: gezin, groep, dader-slachtoffer of netwerk
        #[arg(long)]
        soort: String,
        /// Toelichting
        #[arg(long, default_value = "")]
        toelichting: String,
    },
    /// Wijzig de soort of de toelichting van de koppeling tussen twee casussen
    KoppelingWijzig {
        /// Casusnummer
        nummer: String,
        /// Casusnummer van de andere casus
        ander: String,
        /// Nieuwe soort: gezin, groep, dader-slachtoffer of netwerk
        #[arg(long)]
        soort: Option<String>,
        /// Nieuwe toelichting (leeg maakt haar leeg)
        #[arg(long)]
        toelichting: Option<String>,
    },
    /// Verwijder de koppeling tussen twee casussen; de reden komt in het journaal van beide
    Ontkoppel {
        /// Casusnummer
        nummer: String,
        /// Casusnummer van de andere casus
        ander: String,
        /// Reden
        #[arg(long)]
        reden: String,
    },
}

/// `betrokkene` subcommands.
#[derive(Debug, Subcommand)]
pub enum BetrokkeneOpdracht {
    /// Voeg een betrokkene toe aan een casus
    Add {
        /// Casusnummer
        nummer: String,
        /// Volledige naam
        #[arg(long)]
        naam: String,
        /// Geboortedatum JJJJ-MM-DD
        #[arg(long)]
        geboortedatum: String,
        /// Rol: hoofdpersoon, partner, kind, ouder, familielid, slachtoffer, overig
        #[arg(long)]
        rol: String,
        /// BSN (wordt met de elfproef gecontroleerd)
        #[arg(long)]
        bsn: Option<String>,
    },
    /// Corrigeer gegevens van een betrokkene (AVG art. 16); de reden komt in het journaal
    Wijzig {
        /// Casusnummer
        nummer: String,
        /// Id van de betrokkene (of de eerste 8 tekens; zie 'casus show --json')
        id: String,
        /// Volledige naam
        #[arg(long)]
        naam: Option<String>,
        /// Geboortedatum; leeg wist hem
        #[arg(long)]
        geboortedatum: Option<String>,
        /// BSN (elfproef); leeg wist het
        #[arg(long)]
        bsn: Option<String>,
        /// Rol
        #[arg(long)]
        rol: Option<String>,
        /// Waarom (verplicht, bijvoorbeeld 'verzoek tot rectificatie')
        #[arg(long)]
        reden: String,
    },
    /// Verwijder een betrokkene (en diens detenties) uit een casus
    Verwijder {
        /// Casusnummer
        nummer: String,
        /// Id van de betrokkene (of de eerste 8 tekens)
        id: String,
        /// Waarom (verplicht)
        #[arg(long)]
        reden: String,
    },
}

/// `detentie` subcommands.
#[derive(Debug, Subcommand)]
pub enum DetentieOpdracht {
    /// Leg een detentie van een betrokkene vast (toont het id)
    Add {
        /// Casusnummer
        nummer: String,
        /// Id van de betrokkene (of de eerste 8 tekens; zie 'casus show --json')
        betrokkene: String,
        /// Inrichting
        #[arg(long)]
        inrichting: String,
        /// Begin van de detentie
        #[arg(long)]
        start: Option<String>,
        /// Verwachte einddatum
        #[arg(long)]
        einde: Option<String>,
        /// Zelfmelder
        #[arg(long)]
        zelfmelder: bool,
        /// Kortgestrafte
        #[arg(long)]
        kortgestrafte: bool,
    },
    /// Corrigeer een detentie (alleen wat u opgeeft verandert); de reden komt in het journaal
    Wijzig {
        /// Casusnummer
        nummer: String,
        /// Id van de detentie (of de eerste 8 tekens; zie 'casus show --json')
        id: String,
        /// Inrichting
        #[arg(long)]
        inrichting: Option<String>,
        /// Begin van de detentie; leeg wist het
        #[arg(long)]
        start: Option<String>,
        /// Verwachte einddatum; leeg wist hem
        #[arg(long)]
        einde: Option<String>,
        /// Zelfmelder (true of false)
        #[arg(long)]
        zelfmelder: Option<bool>,
        /// Kortgestrafte (true of false)
        #[arg(long)]
        kortgestrafte: Option<bool>,
        /// Waarom (verplicht)
        #[arg(long)]
        reden: String,
    },
    /// Verwijder een detentie; de reden komt in het journaal
    Verwijder {
        /// Casusnummer
        nummer: String,
        /// Id van de detentie (of de eerste 8 tekens)
        id: String,
        /// Waarom (verplicht)
        #[arg(long)]
        reden: String,
    },
}

/// `journaal` subcommands.
#[derive(Debug, Subcommand)]
pub enum JournaalOpdracht {
    /// Voeg een journaalregel toe
    Add {
        /// Casusnummer
        nummer: String,
        /// Tekst
        #[arg(long)]
        tekst: String,
        /// Soort: notitie, contactmoment, pi_bezoek
        #[arg(long, default_value = "notitie")]
        soort: String,
        /// Inrichting (bij een PI-bezoek)
        #[arg(long)]
        inrichting: Option<String>,
        /// Datum (standaard vandaag)
        #[arg(long)]
        datum: Option<String>,
    },
    /// Corrigeer een journaalregel (alleen wat u opgeeft verandert; de oude waarde blijft in de historie)
    Wijzig {
        /// Id van de journaalregel (of de eerste 8+ tekens, zie `casus show`)
        id: String,
        /// Nieuwe tekst
        #[arg(long)]
        tekst: Option<String>,
        /// Soort: notitie, contactmoment, pi_bezoek
        #[arg(long)]
        soort: Option<String>,
        /// Datum
        #[arg(long)]
        datum: Option<String>,
        /// Inrichting (bij een PI-bezoek)
        #[arg(long)]
        inrichting: Option<String>,
    },
    /// Verwijder een journaalregel; de reden komt in de historie
    Verwijder {
        /// Id van de journaalregel (of de eerste 8+ tekens)
        id: String,
        /// Waarom (verplicht)
        #[arg(long)]
        reden: String,
    },
}

/// `audit` subcommands.
#[derive(Debug, Subcommand)]
pub enum AuditOpdracht {
    /// Controleer de hashketen van de auditlog
    Verify,
    /// Exporteer wie wat heeft ingezien of gewijzigd (CSV of PDF), met de uitslag van de hashketen
    Export(privacy::AuditExportArgs),
}

/// A weging outcome as typed: `niet-passend` and `niet_passend` both work.
pub(crate) fn uitkomst_code(invoer: &str) -> Result<WegingUitkomst, CliFout> {
    Ok(WegingUitkomst::parse(&invoer.trim().to_lowercase().replace('-', "_"))?)
}

/// A report error as a CLI error.
fn rapportfout(e: crate::report::RapportFout) -> CliFout {
    use crate::report::RapportFout;
    match e {
        RapportFout::Store(s) => CliFout::Store(s),
        RapportFout::GeenVersie(v) => CliFout::Controle(format!("Planversie {v} bestaat niet.")),
        RapportFout::Pdf(d) => CliFout::Controle(format!("De PDF kon niet worden gemaakt ({d}).")),
        RapportFout::Csv(d) => CliFout::Controle(format!("Het CSV-bestand kon niet worden gemaakt ({d}).")),
    }
}

/// Errors of the CLI, mapped to a Dutch sentence and an exit code.
#[derive(Debug, thiserror::Error)]
pub enum CliFout {
    /// From the store.
    #[error(transparent)]
    Store(#[from] StoreFout),
    /// From the domain.
    #[error(transparent)]
    Domein(#[from] DomeinFout),
    /// Wrong usage (exit 2).
    #[error("{0}")]
    Gebruik(String),
    /// A check failed (audit, doctor): message already printed.
    #[error("{0}")]
    Controle(String),
    /// From sync.
    #[error(transparent)]
    Sync(#[from] crate::sync::SyncFout),
}

impl CliFout {
    /// Dutch message.
    pub fn melding(&self) -> String {
        match self {
            CliFout::Store(s) => melding::store(s),
            CliFout::Domein(d) => melding::domein(d),
            CliFout::Gebruik(s) | CliFout::Controle(s) => s.clone(),
            CliFout::Sync(f) => melding::sync(f),
        }
    }

    /// Process exit code.
    pub fn code(&self) -> i32 {
        match self {
            CliFout::Gebruik(_) => 2,
            _ => 1,
        }
    }
}

/// Build the clap command with Dutch headings and help flags.
pub fn commando() -> clap::Command {
    fn nl(cmd: clap::Command) -> clap::Command {
        cmd.disable_help_flag(true)
            .disable_help_subcommand(true)
            .disable_version_flag(true)
            .subcommand_help_heading("Opdrachten")
            .subcommand_value_name("OPDRACHT")
            .help_template("{about-with-newline}\nGebruik: {usage}\n\n{all-args}{after-help}")
            .arg(clap::Arg::new("help").short('h').long("help").action(ArgAction::Help).help("Toon deze hulp"))
            .mut_args(|a| if a.is_positional() { a.help_heading("Argumenten") } else { a.help_heading("Opties") })
            .mut_subcommands(nl)
    }
    nl(Cli::command()).arg(
        clap::Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help("Toon de versie")
            .help_heading("Opties"),
    )
}

/// clap's generated usage line says `[OPTIONS]`; the rest of the help is Dutch.
fn nl_gebruik(tekst: String) -> String {
    tekst.replace("[OPTIONS]", "[OPTIES]")
}

/// Parse arguments; a usage error becomes a Dutch [`CliFout::Gebruik`].
pub fn parse<I, T>(args: I) -> Result<Cli, CliFout>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let matches = commando().try_get_matches_from(args).map_err(clap_fout)?;
    Cli::from_arg_matches(&matches).map_err(clap_fout)
}

fn clap_fout(e: clap::Error) -> CliFout {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // Not an error: print and stop successfully.
            print!("{}", nl_gebruik(e.to_string()));
            std::process::exit(0);
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            eprint!("{}", nl_gebruik(e.to_string()));
            return CliFout::Gebruik("Geef een opdracht; zie 'schakel --help'.".into());
        }
        _ => {}
    }
    let ctx = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let zin = match e.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            format!("ongeldige waarde '{}' voor {}", ctx(ContextKind::InvalidValue), ctx(ContextKind::InvalidArg))
        }
        ErrorKind::UnknownArgument => format!("onbekende optie '{}'", ctx(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => format!("onbekende opdracht '{}'", ctx(ContextKind::InvalidSubcommand)),
        ErrorKind::MissingRequiredArgument => format!("verplicht gegeven ontbreekt: {}", ctx(ContextKind::InvalidArg)),
        ErrorKind::TooManyValues | ErrorKind::ArgumentConflict => {
            format!("te veel of tegenstrijdige gegevens bij {}", ctx(ContextKind::InvalidArg))
        }
        _ => "de opdracht klopt niet".to_string(),
    };
    CliFout::Gebruik(format!("Onjuist gebruik: {zin}. Zie 'schakel --help'."))
}

/// The data dir from `--data-dir`, `SCHAKEL_DATA_DIR` or the platform default.
pub fn gegevensmap(cli: &Cli) -> Result<Gegevensmap, CliFout> {
    match &cli.data_dir {
        Some(p) => Ok(Gegevensmap::new(p)),
        None => Gegevensmap::standaard()
            .ok_or_else(|| CliFout::Gebruik("Geen gegevensmap gevonden; geef --data-dir op.".into())),
    }
}

/// The passphrase from `SCHAKEL_PASSPHRASE`, or asked on the terminal.
fn wachtwoord(vraag: &str) -> Result<Zeroizing<String>, StoreFout> {
    if let Ok(w) = std::env::var(WACHTWOORD_ENV) {
        return Ok(Zeroizing::new(w));
    }
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password(vraag).map(Zeroizing::new).map_err(StoreFout::Io);
    }
    Err(StoreFout::GeenWachtwoord)
}

/// Unlock and open the store of a data dir (keychain or passphrase).
pub fn open_store(map: &Gegevensmap) -> Result<Store, CliFout> {
    let store = match crate::store::sleutelbron(map)? {
        SleutelBron::Sleutelbos => crate::store::ontgrendel(map, None)?,
        SleutelBron::Wachtwoord => {
            let w = wachtwoord("Wachtwoord van de Schakel-database: ")?;
            crate::store::ontgrendel(map, Some(&w))?
        }
    };
    Ok(store)
}

/// Create key and database in a new data dir; with `met_herstel` also the herstelsleutel
/// (returned, to be shown once).
pub fn initialiseer(
    map: &Gegevensmap,
    keuze: Option<SleutelKeuze>,
    gebruiker: &Gebruiker,
    met_herstel: bool,
) -> Result<(Store, SleutelBron, Option<crate::store::Herstelcode>), CliFout> {
    if map.is_geinitialiseerd() {
        return Err(StoreFout::BestaatAl(map.pad().to_path_buf()).into());
    }
    let maak = |k: &Sleutelkeuze| -> Result<_, StoreFout> {
        if met_herstel {
            crate::store::initialiseer_met_herstel(map, k, gebruiker).map(|(s, b, c)| (s, b, Some(c)))
        } else {
            crate::store::initialiseer(map, k, gebruiker).map(|(s, b)| (s, b, None))
        }
    };
    let keuze = keuze.unwrap_or(if std::env::var_os(WACHTWOORD_ENV).is_some() || !sleutel::sleutelbos_beschikbaar() {
        SleutelKeuze::Wachtwoord
    } else {
        SleutelKeuze::Sleutelbos
    });
    if let SleutelKeuze::Sleutelbos = keuze {
        match maak(&Sleutelkeuze::Sleutelbos) {
            Ok(r) => return Ok(r),
            Err(e @ StoreFout::Sleutelbos(_)) => {
                eprintln!("{} Schakel gebruikt daarom een sleutelbestand met wachtwoord.", melding::store(&e));
            }
            Err(e) => return Err(e.into()),
        }
    }
    let w = wachtwoord("Kies een wachtwoord voor de database: ")?;
    if std::env::var_os(WACHTWOORD_ENV).is_none() {
        let w2 = wachtwoord("Herhaal het wachtwoord: ")?;
        if *w != *w2 {
            return Err(CliFout::Gebruik("De wachtwoorden zijn niet gelijk; er is niets aangemaakt.".into()));
        }
    }
    Ok(maak(&Sleutelkeuze::Wachtwoord(w))?)
}

fn standaard_gebruiker() -> String {
    std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "medewerker".into())
}

/// Every file the CLI writes: atomic and owner-only (`store::bestand`).
fn schrijf(pad: &std::path::Path, bytes: &[u8]) -> Result<(), CliFout> {
    crate::store::bestand::schrijf(pad, bytes, crate::store::bestand::Overschrijven::Ja).map_err(|e| match e {
        StoreFout::Io(e) => CliFout::Controle(format!("Kan {} niet schrijven: {e}", pad.display())),
        ander => CliFout::Store(ander),
    })
}

fn lees(pad: &std::path::Path) -> Result<Vec<u8>, CliFout> {
    std::fs::read(pad).map_err(|e| CliFout::Controle(format!("Kan {} niet lezen: {e}", pad.display())))
}

/// A partner by id, its first 8+ characters, or name (archived ones included).
fn zoek_partner(store: &Store, wie: &str) -> Result<crate::store::Partner, CliFout> {
    let w = wie.trim().to_lowercase();
    let gevonden: Vec<_> = store
        .alle_partners()?
        .into_iter()
        .filter(|p| p.id == w || (w.len() >= 8 && p.id.starts_with(&w)) || p.naam.to_lowercase() == w)
        .collect();
    match gevonden.len() {
        1 => Ok(gevonden.into_iter().next().ok_or_else(|| CliFout::Gebruik(String::new()))?),
        0 => Err(CliFout::Gebruik(format!(
            "Geen partner '{wie}' gevonden. Zie de partnerlijst in het venster of 'schakel partner export'."
        ))),
        n => Err(CliFout::Gebruik(format!("'{wie}' past op {n} partners; gebruik het id."))),
    }
}

/// A colleague by device id, its first 8+ characters, or name.
fn zoek_collega(store: &Store, wie: &str) -> Result<crate::store::Collega, CliFout> {
    let w = wie.trim().to_lowercase();
    let team = store.collegas()?;
    let gevonden: Vec<_> = team
        .into_iter()
        .filter(|c| c.apparaat == w || (w.len() >= 8 && c.apparaat.starts_with(&w)) || c.naam.to_lowercase() == w)
        .collect();
    match gevonden.len() {
        1 => Ok(gevonden.into_iter().next().expect("one")),
        0 => Err(CliFout::Gebruik(format!("'{wie}' staat niet in uw team."))),
        _ => Err(CliFout::Gebruik(format!("'{wie}' past op meer collega's; gebruik het apparaat-id."))),
    }
}

fn alleen_cijfers(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn team(map: &Gegevensmap, opdracht: &TeamOpdracht, json: bool) -> Result<(), CliFout> {
    use crate::sync;
    let mut store = open_store(map)?;
    match opdracht {
        TeamOpdracht::Kaartje { uitvoer, organisatie } => {
            let kaart = sync::visitekaartje(&mut store, organisatie)?;
            schrijf(uitvoer, &kaart)?;
            let v = sync::apparaat(&mut store)?.vingerafdruk();
            if json {
                print_json(&serde_json::json!({ "bestand": uitvoer, "vingerafdruk": v }));
            } else {
                println!("Visitekaartje geschreven: {}", uitvoer.display());
                println!("Uw vingerafdruk: {v}");
                println!("Lees deze cijfers voor aan uw collega wanneer die uw kaartje toevoegt.");
            }
        }
        TeamOpdracht::Add { bestand } => {
            let c = sync::lees_visitekaartje(&lees(bestand)?)?;
            store.collega_toevoegen(&c)?;
            let v = sync::vingerafdruk(&c.apparaat, &c.ondertekening, &c.age);
            if json {
                print_json(&serde_json::json!({ "apparaat": c.apparaat, "naam": c.naam, "vingerafdruk": v }));
            } else {
                println!("{} ({}) toegevoegd, nog niet vertrouwd.", c.naam, c.rol);
                println!("Vingerafdruk: {v}");
                println!(
                    "Vergelijk deze cijfers samen met {} en bevestig dan met: schakel team bevestig \"{}\" --vingerafdruk \"…\"",
                    c.naam, c.naam
                );
            }
        }
        TeamOpdracht::Bevestig { collega, vingerafdruk } => {
            let c = zoek_collega(&store, collega)?;
            let echt = sync::vingerafdruk(&c.apparaat, &c.ondertekening, &c.age);
            if alleen_cijfers(&echt) != alleen_cijfers(vingerafdruk) {
                return Err(CliFout::Controle(format!(
                    "De vingerafdruk komt niet overeen. {} is niet vertrouwd. Vergelijk de cijfers opnieuw; \
                     wijken ze af, gebruik dit kaartje dan niet.",
                    c.naam
                )));
            }
            store.collega_bevestigen(&c.apparaat)?;
            if !json {
                println!("{} is bevestigd en vertrouwd.", c.naam);
            }
        }
        TeamOpdracht::Remove { collega } => {
            let c = zoek_collega(&store, collega)?;
            store.collega_verwijderen(&c.apparaat)?;
            if !json {
                println!("{} is uit het team verwijderd; bundels van en naar deze collega worden geweigerd.", c.naam);
            }
        }
        TeamOpdracht::Koppel { collega, partner, los } => {
            let c = zoek_collega(&store, collega)?;
            let gekozen = match (partner, los) {
                (_, true) | (None, _) => None,
                (Some(p), false) => Some(zoek_partner(&store, p)?),
            };
            store.collega_koppelen(&c.apparaat, gekozen.as_ref().map(|p| p.id.as_str()))?;
            if json {
                print_json(
                    &serde_json::json!({ "apparaat": c.apparaat, "partner_id": gekozen.as_ref().map(|p| &p.id) }),
                );
            } else {
                match gekozen {
                    Some(p) if p.convenantstatus.mag_persoonsgegevens_ontvangen() => {
                        println!("{} is gekoppeld aan {}; die heeft een convenant.", c.naam, p.naam)
                    }
                    Some(p) => println!(
                        "{} is gekoppeld aan {}. Let op: {} heeft geen convenant, dus {} ontvangt geen bundels.",
                        c.naam, p.naam, p.naam, c.naam
                    ),
                    None => println!("De koppeling van {} is verbroken.", c.naam),
                }
            }
        }
        TeamOpdracht::List => {
            let eigen = sync::apparaat(&mut store)?;
            let team = store.collegas()?;
            if json {
                let lijst: Vec<_> = team
                    .iter()
                    .map(|c| {
                        serde_json::json!({
                            "apparaat": c.apparaat, "naam": c.naam, "rol": c.rol, "organisatie": c.organisatie,
                            "vertrouwd": c.vertrouwd(), "verwijderd": c.verwijderd_op.is_some(),
                            "vingerafdruk": sync::vingerafdruk(&c.apparaat, &c.ondertekening, &c.age),
                        })
                    })
                    .collect();
                print_json(
                    &serde_json::json!({ "apparaat": eigen.id, "vingerafdruk": eigen.vingerafdruk(), "team": lijst }),
                );
            } else {
                println!("Dit apparaat: {}  vingerafdruk {}", eigen.id, eigen.vingerafdruk());
                if team.is_empty() {
                    println!("Nog geen collega's. Voeg er een toe met: schakel team add KAARTJE");
                }
                for c in team {
                    let status = if c.verwijderd_op.is_some() {
                        "verwijderd"
                    } else if c.bevestigd_op.is_some() {
                        "vertrouwd"
                    } else {
                        "niet bevestigd"
                    };
                    println!("{:<24} {:<18} {:<15} {}", c.naam, c.rol, status, &c.apparaat[..8.min(c.apparaat.len())]);
                }
            }
        }
    }
    Ok(())
}

fn is_vcard(pad: &std::path::Path, formaat: Option<&str>) -> Result<bool, CliFout> {
    match formaat.map(str::to_lowercase).as_deref() {
        Some("csv") => Ok(false),
        Some("vcard" | "vcf") => Ok(true),
        Some(f) => Err(CliFout::Gebruik(format!("Onbekend formaat '{f}'; kies csv of vcard."))),
        None => Ok(pad.extension().is_some_and(|e| e.eq_ignore_ascii_case("vcf") || e.eq_ignore_ascii_case("vcard"))),
    }
}

fn contactlijst(map: &Gegevensmap, opdracht: &PartnerOpdracht, json: bool) -> Result<(), CliFout> {
    use crate::contactlijst as cl;
    let mut store = open_store(map)?;
    match opdracht {
        PartnerOpdracht::Add { naam, soort, convenant } => {
            let id = store.partner_toevoegen(crate::store::NieuwePartner {
                naam: naam.clone(),
                soort: crate::domain::partner::PartnerSoort::parse(soort)?,
                convenantstatus: crate::domain::Convenantstatus::parse(convenant)?,
            })?;
            meld(json, &id, &id);
        }
        PartnerOpdracht::Wijzig { partner, naam, soort, convenant, notities, archiveer } => {
            let p = zoek_partner(&store, partner)?;
            let w = crate::store::PartnerWijziging {
                naam: naam.clone(),
                soort: soort.as_deref().map(crate::domain::partner::PartnerSoort::parse).transpose()?,
                convenantstatus: convenant.as_deref().map(crate::domain::Convenantstatus::parse).transpose()?,
                notities: notities.clone(),
                gearchiveerd: *archiveer,
            };
            let n = store.partner_wijzig(&p.id, &w)?;
            meld(
                json,
                &p.id,
                &format!("Partner {}: {} gewijzigd.", p.naam, crate::domain::aantal(n, "veld", "velden")),
            );
        }
        PartnerOpdracht::Contact { partner, naam, functie, telefoon, email } => {
            let p = zoek_partner(&store, partner)?;
            let id = store.contact_toevoegen(
                &p.id,
                crate::store::NieuwContact {
                    naam: naam.clone(),
                    functie: functie.clone(),
                    telefoon: telefoon.clone(),
                    email: email.clone(),
                    ..Default::default()
                },
            )?;
            meld(json, &id, &id);
        }
        PartnerOpdracht::Export { uitvoer, formaat } => {
            let regels = cl::regels(&store)?;
            let bytes = if is_vcard(uitvoer, formaat.as_deref())? {
                cl::naar_vcard(&regels).into_bytes()
            } else {
                cl::naar_csv(&regels)
            };
            schrijf(uitvoer, &bytes)?;
            if json {
                print_json(&serde_json::json!({ "bestand": uitvoer, "contacten": regels.len() }));
            } else {
                println!("{} contactpersonen geschreven naar {}.", regels.len(), uitvoer.display());
            }
        }
        PartnerOpdracht::Import { bestand } => {
            let bytes = lees(bestand)?;
            let vcard = is_vcard(bestand, None)? || bytes.starts_with(b"BEGIN:VCARD");
            let (rijen, fout) =
                if vcard { cl::lees_vcard(&String::from_utf8_lossy(&bytes)) } else { cl::lees_csv(&bytes) };
            let v = cl::importeer(&mut store, rijen, fout)?;
            if json {
                print_json(&serde_json::json!({
                    "partners": v.partners, "contacten": v.contacten, "bestaand": v.bestaand,
                    "afgewezen": v.afgewezen.iter().map(|a| serde_json::json!({"regel": a.regel, "reden": a.reden})).collect::<Vec<_>>(),
                }));
            } else {
                println!(
                    "{} nieuwe partner(s), {} nieuwe contactpersonen, {} al aanwezig, {} regel(s) afgewezen.",
                    v.partners,
                    v.contacten,
                    v.bestaand,
                    v.afgewezen.len()
                );
                for a in &v.afgewezen {
                    println!("  regel {}: {}", a.regel, a.reden);
                }
            }
        }
    }
    Ok(())
}

fn synchroniseer(map: &Gegevensmap, opdracht: &SyncOpdracht, json: bool) -> Result<(), CliFout> {
    use crate::sync;
    let mut store = open_store(map)?;
    match opdracht {
        SyncOpdracht::Export { uitvoer, voor, casus, alles, overschrijven } => {
            if !overschrijven && uitvoer.exists() {
                // Refused before the bundle is made, so nothing is recorded as sent.
                return Err(sync::SyncFout::BestandBestaat(uitvoer.clone()).into());
            }
            let opties = sync::ExportOpties { voor: voor.clone(), casussen: casus.clone(), alles: *alles };
            let e = sync::exporteer(&mut store, &opties)?;
            sync::schrijf_bundel(uitvoer, &e.bytes, *overschrijven)?;
            let namen: Vec<&str> = e.ontvangers.iter().map(|c| c.naam.as_str()).collect();
            if json {
                print_json(&serde_json::json!({
                    "bestand": uitvoer, "operaties": e.operaties, "ontvangers": namen, "bundel": e.manifest.bundel,
                }));
            } else {
                println!(
                    "Bundel geschreven: {} ({} wijzigingen) voor {}.",
                    uitvoer.display(),
                    e.operaties,
                    namen.join(", ")
                );
                if let Some(c) = &e.manifest.casussen {
                    println!("Beperkt tot {} casus(sen) (need-to-know).", c.len());
                }
            }
            for naam in &e.zonder_medewerker {
                eprintln!("Let op: {}", melding::zonder_medewerker(naam));
            }
        }
        SyncOpdracht::Import { bestand } => {
            let r = match sync::importeer(&mut store, &sync::lees_bundelbestand(bestand)?) {
                Err(sync::SyncFout::AlIngelezen) => {
                    // Not an error for a script: the bundle's content is already here.
                    if json {
                        print_json(&serde_json::json!({ "nieuw": 0, "al_ingelezen": true }));
                    } else {
                        println!("Niets nieuw: deze bundel is al eerder ingelezen.");
                    }
                    return Ok(());
                }
                r => r?,
            };
            let t = &r.toegepast;
            if json {
                print_json(&serde_json::json!({
                    "afzender": r.afzender.naam, "nieuw": t.nieuw, "bekend": t.bekend, "rijen": t.rijen,
                    "conflicten": t.conflicten, "hernummerd": t.hernummerd,
                }));
            } else {
                println!(
                    "Bundel van {} ingelezen: {} nieuwe wijzigingen, {} records bijgewerkt.",
                    r.afzender.naam, t.nieuw, t.rijen
                );
                if t.conflicten > 0 {
                    println!("Let op: {} open conflict(en). Bekijk ze met: schakel sync conflicten", t.conflicten);
                }
                for n in &t.hernummerd {
                    println!("Casusnummer bestond al bij een collega; deze casus heet nu {n}.");
                }
            }
        }
        SyncOpdracht::Status => {
            let st = sync::status(&store)?;
            let eigen = store.eigen_volgnummer()?;
            if json {
                let lijst: Vec<_> = st
                    .iter()
                    .map(|s| {
                        serde_json::json!({ "apparaat": s.apparaat, "naam": s.naam, "doorlopend_tot": s.doorlopend_tot,
                            "hoogste": s.hoogste, "gaten": s.gaten })
                    })
                    .collect();
                print_json(&serde_json::json!({ "eigen_volgnummer": eigen, "ontvangen": lijst }));
            } else {
                println!("Dit apparaat: {eigen} wijzigingen.");
                if st.is_empty() {
                    println!("Nog niets ontvangen van collega's.");
                }
                for s in st {
                    let naam = s.naam.clone().unwrap_or_else(|| s.apparaat.chars().take(8).collect());
                    let gaten = if s.gaten.is_empty() {
                        "geen gaten".to_string()
                    } else {
                        let g: Vec<String> = s.gaten.iter().map(|(v, t)| format!("{v}–{t}")).collect();
                        format!("ontbreekt: {}", g.join(", "))
                    };
                    println!("{naam:<24} ontvangen t/m {:<8} hoogste {:<8} {gaten}", s.doorlopend_tot, s.hoogste);
                }
            }
        }
        SyncOpdracht::Conflicten { casus } => {
            let id = match casus {
                Some(n) => Some(store.casus_id(n)?),
                None => None,
            };
            let lijst = sync::conflicten_weergave(&store, id.as_deref())?;
            if json {
                print_json(&lijst);
            } else if lijst.is_empty() {
                println!("Geen open conflicten.");
            } else {
                druk_conflicten(&lijst);
                println!("Kies een waarde met: schakel sync kies ID --waarde N");
            }
        }
        SyncOpdracht::Kies { id, waarde } => {
            let c = store.conflict_kiezen_nummer(id, *waarde)?;
            if json {
                print_json(&serde_json::json!({ "id": c.id(), "gekozen": waarde }));
            } else {
                println!(
                    "Conflict {} opgelost: waarde {waarde} blijft voor '{}'. Collega's krijgen de keuze met de volgende bundel.",
                    c.id(),
                    crate::domain::velden::veld_omschrijving(&c.tabel, &c.veld)
                );
            }
        }
    }
    Ok(())
}

/// Print conflicts with their id, casus, Dutch field label and numbered values.
fn druk_conflicten(lijst: &[crate::sync::ConflictWeergave]) {
    for c in lijst {
        let casus = c.casusnummer.as_deref().map(|n| format!("casus {n}, ")).unwrap_or_default();
        println!("Conflict {} — {casus}{}:", c.id, c.omschrijving);
        for w in &c.waarden {
            let merk = if w.nummer == 1 { " (in gebruik)" } else { "" };
            println!("  {}. {}  — {} op {}{merk}", w.nummer, w.waarde, w.auteur, w.tijdstip);
        }
    }
}

/// After a change: the record id as JSON, or a Dutch sentence.
fn meld(json: bool, id: &str, tekst: &str) {
    if json {
        print_json(&serde_json::json!({ "id": id }));
    } else {
        println!("{tekst}");
    }
}

fn print_json<T: Serialize>(waarde: &T) {
    match serde_json::to_string_pretty(waarde) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("JSON-fout: {e}"),
    }
}

/// Run a parsed command. Without a command (or with `venster`) the caller opens the window.
pub fn voer_uit(cli: Cli) -> Result<Vervolg, CliFout> {
    // The manual needs no data dir.
    if let Some(Opdracht::Handleiding { map }) = &cli.opdracht {
        handleiding(map.as_deref())?;
        return Ok(Vervolg::Klaar);
    }
    let map = gegevensmap(&cli)?;
    let Some(opdracht) = cli.opdracht.as_ref() else {
        #[cfg(feature = "venster")]
        return Ok(Vervolg::Venster(map, Box::default()));
        #[cfg(not(feature = "venster"))]
        return Err(CliFout::Gebruik(ZONDER_VENSTER.into()));
    };
    match opdracht {
        Opdracht::Init(a) => {
            let g = Gebruiker {
                naam: a.naam.clone().unwrap_or_else(standaard_gebruiker),
                rol: a.rol.clone(),
                zvh: a.zvh.clone(),
            };
            let (store, bron, code) = initialiseer(&map, a.sleutel, &g, true)?;
            let code = code.ok_or(StoreFout::GeenHerstelsleutel)?;
            if let Some(p) = &a.herstel_pdf {
                privacy::herstel_pdf(&store, &code, p)?;
            }
            if cli.json {
                print_json(&serde_json::json!({
                    "map": map.pad(), "sleutel": bron, "herstelsleutel": code.getoond().as_str(),
                }));
            } else {
                println!("Nieuwe database aangemaakt in {}.", map.pad().display());
                println!("Sleutel: {}.", bron.label());
                privacy::toon_herstelsleutel(&code, a.herstel_pdf.as_deref());
            }
        }
        Opdracht::Demo(a) => {
            let mut store = if map.db_pad().exists() {
                open_store(&map)?
            } else {
                let g = Gebruiker {
                    naam: standaard_gebruiker(),
                    rol: "procesregisseur".into(),
                    zvh: "ZVH Voorbeeldregio".into(),
                };
                let (store, bron, _) = initialiseer(&map, None, &g, false)?;
                eprintln!("Nieuwe database aangemaakt in {} (sleutel: {}).", map.pad().display(), bron.label());
                store
            };
            let o = crate::demo::genereer(&mut store, a.cases, a.seed)?;
            if cli.json {
                print_json(&o);
            } else {
                use crate::domain::aantal;
                println!(
                    "{} aangemaakt, met {}, {} en {}.",
                    aantal(o.casussen, "fictieve casus", "fictieve casussen"),
                    aantal(o.journaal, "journaalregel", "journaalregels"),
                    aantal(o.acties, "actie", "acties"),
                    aantal(o.overleggen, "overleg", "overleggen")
                );
            }
        }
        Opdracht::Casus(c) => casus(&map, c, cli.json)?,
        Opdracht::Betrokkene(BetrokkeneOpdracht::Add { nummer, naam, geboortedatum, rol, bsn }) => {
            let b = NieuweBetrokkene {
                naam: naam.clone(),
                geboortedatum: Some(parse_datum(geboortedatum)?),
                rol: Rol::parse(rol)?,
                bsn: bsn.clone(),
                initialen: None,
            };
            let mut store = open_store(&map)?;
            let id = store.betrokkene_toevoegen(nummer, b)?;
            if cli.json {
                print_json(&serde_json::json!({ "id": id, "casusnummer": nummer }));
            } else {
                println!("Betrokkene toegevoegd aan casus {nummer}.");
            }
        }
        Opdracht::Betrokkene(BetrokkeneOpdracht::Wijzig { nummer, id, naam, geboortedatum, bsn, rol, reden }) => {
            let w = crate::store::BetrokkeneWijziging {
                naam: naam.clone(),
                geboortedatum: match geboortedatum.as_deref() {
                    None => None,
                    Some(d) if d.trim().is_empty() => Some(None),
                    Some(d) => Some(Some(parse_datum(d)?)),
                },
                bsn: bsn.as_ref().map(|b| Some(b.clone()).filter(|b| !b.trim().is_empty())),
                rol: rol.as_deref().map(Rol::parse).transpose()?,
            };
            let mut store = open_store(&map)?;
            let id = store.volledig_id("betrokkene", id)?;
            let n = store.betrokkene_wijzig(nummer, &id, &w, reden)?;
            if cli.json {
                print_json(&serde_json::json!({ "id": id, "gewijzigd": n }));
            } else if n == 0 {
                println!("Niets gewijzigd.");
            } else {
                println!("Betrokkene gecorrigeerd; de reden staat in het journaal van casus {nummer}.");
            }
        }
        Opdracht::Betrokkene(BetrokkeneOpdracht::Verwijder { nummer, id, reden }) => {
            let mut store = open_store(&map)?;
            let id = store.volledig_id("betrokkene", id)?;
            store.betrokkene_verwijder(nummer, &id, reden)?;
            if cli.json {
                print_json(&serde_json::json!({ "id": id }));
            } else {
                println!("Betrokkene verwijderd uit casus {nummer}; de reden staat in het journaal.");
            }
        }
        Opdracht::Detentie(DetentieOpdracht::Add {
            nummer,
            betrokkene,
            inrichting,
            start,
            einde,
            zelfmelder,
            kortgestrafte,
        }) => {
            let mut store = open_store(&map)?;
            let id = store.volledig_id("betrokkene", betrokkene)?;
            if !store.casus_detail_verversen(nummer)?.betrokkenen.iter().any(|b| b.id == id) {
                return Err(StoreFout::Onbekend { tabel: "betrokkene", id: betrokkene.clone() }.into());
            }
            let d = store.detentie_toevoegen(
                &id,
                crate::store::NieuweDetentie {
                    inrichting: inrichting.clone(),
                    startdatum: start.as_deref().map(crate::domain::parse_datum).transpose()?,
                    einddatum_verwacht: einde.as_deref().map(crate::domain::parse_datum).transpose()?,
                    zelfmelder: *zelfmelder,
                    kortgestrafte: *kortgestrafte,
                },
            )?;
            meld(cli.json, &d, &format!("Detentie vastgelegd bij casus {nummer}."));
        }
        Opdracht::Detentie(DetentieOpdracht::Wijzig {
            nummer,
            id,
            inrichting,
            start,
            einde,
            zelfmelder,
            kortgestrafte,
            reden,
        }) => {
            let mut store = open_store(&map)?;
            let id = store.volledig_id("detentie", id)?;
            let datum = |d: &Option<String>| -> Result<Option<Option<chrono::NaiveDate>>, CliFout> {
                Ok(match d.as_deref().map(str::trim) {
                    None => None,
                    Some("") => Some(None),
                    Some(d) => Some(Some(crate::domain::parse_datum(d)?)),
                })
            };
            let w = crate::store::DetentieWijziging {
                inrichting: inrichting.clone(),
                startdatum: datum(start)?,
                einddatum_verwacht: datum(einde)?,
                zelfmelder: *zelfmelder,
                kortgestrafte: *kortgestrafte,
            };
            let n = store.detentie_wijzig(nummer, &id, &w, reden)?;
            meld(
                cli.json,
                &id,
                &format!(
                    "Detentie: {} gewijzigd; de reden staat in het journaal.",
                    crate::domain::aantal(n, "veld", "velden")
                ),
            );
        }
        Opdracht::Detentie(DetentieOpdracht::Verwijder { nummer, id, reden }) => {
            let mut store = open_store(&map)?;
            let id = store.volledig_id("detentie", id)?;
            store.detentie_verwijder(nummer, &id, reden)?;
            meld(cli.json, &id, &format!("Detentie verwijderd uit casus {nummer}; de reden staat in het journaal."));
        }
        Opdracht::Journaal(JournaalOpdracht::Add { nummer, tekst, soort, inrichting, datum }) => {
            let j = NieuwJournaal {
                soort: JournaalSoort::parse(soort)?,
                tekst: tekst.clone(),
                datum: datum.as_deref().map(parse_datum).transpose()?,
                inrichting: inrichting.clone(),
            };
            let mut store = open_store(&map)?;
            let id = store.journaal_toevoegen(nummer, j)?;
            if cli.json {
                print_json(&serde_json::json!({ "id": id, "casusnummer": nummer }));
            } else {
                println!("Journaalregel toegevoegd aan casus {nummer}.");
            }
        }
        Opdracht::Journaal(JournaalOpdracht::Wijzig { id, tekst, soort, datum, inrichting }) => {
            let w = crate::store::JournaalWijziging {
                tekst: tekst.clone(),
                soort: soort.as_deref().map(JournaalSoort::parse).transpose()?,
                datum: datum.as_deref().map(parse_datum).transpose()?,
                inrichting: inrichting.clone(),
            };
            let mut store = open_store(&map)?;
            let id = store.journaal_id(id)?;
            let n = store.journaal_wijzig(&id, &w)?;
            let t = if n == 0 {
                "De journaalregel is ongewijzigd.".to_string()
            } else {
                format!("Journaalregel gecorrigeerd: {} gewijzigd.", crate::domain::aantal(n, "veld", "velden"))
            };
            meld(cli.json, &id, &t);
        }
        Opdracht::Journaal(JournaalOpdracht::Verwijder { id, reden }) => {
            let mut store = open_store(&map)?;
            let id = store.journaal_id(id)?;
            store.journaal_verwijder(&id, reden)?;
            meld(cli.json, &id, "Journaalregel verwijderd; de reden staat in de historie.");
        }
        Opdracht::Zoek { tekst } => {
            let store = open_store(&map)?;
            let treffers = store.zoek(&tekst.join(" "), 50)?;
            // The results print names: audited per casus (what, never the search text).
            let nummers: Vec<&str> = treffers.iter().map(|t| t.casus.casusnummer.as_str()).collect();
            if !nummers.is_empty() {
                store.registreer_uitvoer(crate::store::Uitvoer::Zoekresultaat, "zoek", &nummers)?;
            }
            if cli.json {
                print_json(&treffers);
            } else if treffers.is_empty() {
                println!("Niets gevonden.");
            } else {
                for t in treffers {
                    println!(
                        "{}  {:<12} {:<24} {}",
                        t.casus.casusnummer,
                        t.casus.fase.label(),
                        t.casus.werknaam,
                        t.fragment
                    );
                }
            }
        }
        Opdracht::Audit(AuditOpdracht::Export(a)) => privacy::audit_export(&map, a, cli.json)?,
        Opdracht::Bewaartermijn(o) => privacy::bewaartermijn(&map, o, cli.json)?,
        Opdracht::Plan(o) => plan::plan(&map, o, cli.json)?,
        Opdracht::Lijst(a) => plan::lijst(&map, a, cli.json)?,
        Opdracht::Inzage(a) => privacy::inzage(&map, a, cli.json)?,
        Opdracht::Backup(o) => privacy::backup(&map, o, cli.json)?,
        Opdracht::Sleutel(o) => privacy::sleutel(&map, o, cli.json)?,
        Opdracht::Audit(AuditOpdracht::Verify) => {
            let store = open_store(&map)?;
            let c = store.audit_verify()?;
            if cli.json {
                print_json(
                    &serde_json::json!({ "in_orde": c.in_orde(), "aantal": c.aantal, "eerste_fout": c.eerste_fout, "kop_klopt": c.kop_klopt }),
                );
            }
            if !c.in_orde() {
                let zin = match c.eerste_fout {
                    Some(nr) => format!("De auditlog is aangetast: regel {nr} klopt niet met de hashketen."),
                    None => "De auditlog is aangetast: er ontbreken regels aan het eind.".to_string(),
                };
                return Err(CliFout::Controle(zin));
            }
            if !cli.json {
                println!("Auditlog in orde: {} regels, hashketen klopt.", c.aantal);
            }
        }
        Opdracht::Doctor => doctor(&map, cli.json)?,
        Opdracht::Bench { cases, operaties, zonder_team, alleen_zoeken } => {
            let metingen = if *alleen_zoeken {
                crate::bench::alleen_zoeken(&open_store(&map)?)?
            } else {
                crate::bench::draai(*cases, *operaties, !*zonder_team)?
            };
            if cli.json {
                print_json(&metingen);
            } else {
                crate::bench::druk_af(&metingen);
            }
        }
        Opdracht::Overleg(o) => overleg::overleg(&map, o, cli.json)?,
        Opdracht::Team(t) => team(&map, t, cli.json)?,
        Opdracht::Medewerker(m) => medewerker::medewerker(&map, m, cli.json)?,
        Opdracht::Melding(m) => detentiemelding::melding(&map, m, cli.json)?,
        Opdracht::Bezoek(b) => bezoek::bezoek(&map, b, cli.json)?,
        Opdracht::Partner(p) => contactlijst(&map, p, cli.json)?,
        Opdracht::Contact(c) => contact::contact(&map, c, cli.json)?,
        Opdracht::Advies(a) => advies::advies(&map, a, cli.json)?,
        Opdracht::Opschaling(o) => opschaling::opschaling(&map, o, cli.json)?,
        Opdracht::Sync(s) => synchroniseer(&map, s, cli.json)?,
        Opdracht::Rapport { soort, id, uitvoer, versie, werknaam } => {
            use crate::report;
            let mut store = open_store(&map)?;
            let r = match soort {
                RapportSoort::Agenda => report::agenda(&store, id, report::AgendaOpties { met_werknaam: *werknaam }),
                RapportSoort::Verslag => report::verslag(&store, id),
                RapportSoort::Plan => report::plan(&mut store, id, *versie),
                RapportSoort::Overzicht => report::overzicht(&mut store, id),
                RapportSoort::Bezoeklijst => report::bezoeklijst(&mut store, id),
            }
            .map_err(rapportfout)?;
            schrijf(uitvoer, &r.pdf)?;
            if cli.json {
                print_json(&serde_json::json!({ "bestand": uitvoer, "paginas": r.paginas, "titel": r.titel }));
            } else {
                println!(
                    "{} geschreven: {} ({}).",
                    r.titel,
                    uitvoer.display(),
                    crate::domain::aantal(r.paginas, "pagina", "pagina's")
                );
            }
        }
        // Handled above, before the data dir is looked up.
        Opdracht::Handleiding { .. } => {}
        Opdracht::Venster { casus, tab, pagina, meet } => {
            return venster(map, casus, tab, pagina, *meet);
        }
    }
    Ok(Vervolg::Klaar)
}

/// `schakel venster`: check the options, then leave opening the window to the caller.
#[cfg(feature = "venster")]
fn venster(
    map: Gegevensmap,
    casus: &Option<String>,
    tab: &Option<String>,
    pagina: &Option<String>,
    meet: bool,
) -> Result<Vervolg, CliFout> {
    let pagina = match pagina.as_deref() {
            None => None,
            Some(p) => Some(crate::ui::Pagina::parse(p).ok_or_else(|| {
                CliFout::Gebruik(format!(
                    "Onbekende pagina '{p}'; kies casussen, adviesvragen, overleggen, partners, kengetallen, synchronisatie of instellingen."
                ))
            })?),
        };
    if let Some(n) = casus {
        n.parse::<crate::domain::Casusnummer>()?;
    }
    let overleg_tab = match tab.as_deref().map(str::to_lowercase).as_deref() {
        Some("voorbereiden") => Some(crate::ui::screen::overleggen::Tab::Voorbereiden),
        Some("voeren") => Some(crate::ui::screen::overleggen::Tab::Voeren),
        _ => None,
    };
    let tab = match tab.as_deref() {
            None => None,
            Some(_) if overleg_tab.is_some() => None,
            Some(t) => Some(crate::ui::screen::detail::Tab::parse(t).ok_or_else(|| {
                CliFout::Gebruik(format!(
                    "Onbekend tabblad '{t}'; kies overzicht, plan, journaal, partners of historie (bij een overleg: voorbereiden of voeren)."
                ))
            })?),
        };
    Ok(Vervolg::Venster(
        map,
        Box::new(crate::ui::Beginscherm { casus: casus.clone(), tab, concept: None, pagina, overleg_tab, meet }),
    ))
}

/// `schakel venster` in a build without the window.
#[cfg(not(feature = "venster"))]
fn venster(
    _map: Gegevensmap,
    _casus: &Option<String>,
    _tab: &Option<String>,
    _pagina: &Option<String>,
    _meet: bool,
) -> Result<Vervolg, CliFout> {
    Err(CliFout::Gebruik(ZONDER_VENSTER.into()))
}

fn casus(map: &Gegevensmap, c: &CasusOpdracht, json: bool) -> Result<(), CliFout> {
    match c {
        CasusOpdracht::List { fase, thema, ave, medewerker, gemeente } => {
            let fase = fase.as_deref().map(Fase::parse).transpose()?;
            let ave = ave.map(Ave::new).transpose()?.map(Ave::get);
            let store = open_store(map)?;
            let thema_id = match thema {
                Some(t) => Some(
                    store
                        .themas()?
                        .into_iter()
                        .find(|x| x.id == *t || x.naam.to_lowercase().starts_with(&t.to_lowercase()))
                        .ok_or_else(|| StoreFout::Onbekend { tabel: "thema", id: t.clone() })?
                        .id,
                ),
                None => None,
            };
            let gemeente_id = gemeente.as_deref().map(|g| store.lijst_id("gemeente", g)).transpose()?;
            let lijst = store.casus_lijst(&CasusFilter {
                fase,
                thema_id,
                ave,
                gemeente_id,
                medewerker: medewerker.clone(),
                ..Default::default()
            })?;
            if json {
                print_json(&lijst);
            } else if lijst.is_empty() {
                println!("Geen casussen.");
            } else {
                println!("{:<10} {:<12} {:<5} {:<32} Werknaam", "Nummer", "Fase", "AVE", "Thema");
                for r in lijst {
                    println!(
                        "{:<10} {:<12} {:<5} {:<32} {}",
                        r.casusnummer,
                        r.fase.label(),
                        r.ave,
                        r.thema,
                        r.werknaam
                    );
                }
            }
        }
        CasusOpdracht::Opschalen { nummer, naar, reden, datum, uitkomst } => {
            opschaling::opschalen(map, nummer, (naar, reden, datum.as_deref(), uitkomst.as_deref()), json)?
        }
        CasusOpdracht::Show { nummer } => {
            let mut store = open_store(map)?;
            let d = store.casus_detail(nummer)?;
            let conflicten = crate::sync::conflicten_weergave(&store, Some(&d.regel.id))?;
            let koppelingen = store.koppelingen(nummer)?;
            if json {
                let mut v = serde_json::to_value(&d).map_err(|e| CliFout::Controle(format!("JSON-fout: {e}")))?;
                if let Some(o) = v.as_object_mut() {
                    o.insert(
                        "koppelingen".into(),
                        serde_json::to_value(&koppelingen).map_err(|e| CliFout::Controle(format!("JSON-fout: {e}")))?,
                    );
                    o.insert(
                        "conflicten".into(),
                        serde_json::to_value(&conflicten).map_err(|e| CliFout::Controle(format!("JSON-fout: {e}")))?,
                    );
                }
                print_json(&v);
            } else {
                let r = &d.regel;
                println!("Casus {} — {}", r.casusnummer, r.werknaam);
                println!("Thema: {}   Fase: {}   AVE: {}", r.thema, r.fase.label(), r.ave);
                if let Some(u) = r.weging_uitkomst {
                    println!("Wegingsuitkomst: {}", u.label());
                }
                if let Some(t) = d.weging_toelichting() {
                    println!("Toelichting weging: {t}");
                }
                println!("Procesregisseur: {}   Trajectbegeleider: {}", r.procesregisseur, r.trajectbegeleider);
                if !r.casusregisseur.is_empty() {
                    println!("Casusregisseur: {}", r.casusregisseur);
                }
                println!("Aangemeld: {}", r.datum_aanmelding);
                if let (Some(id), Some(datum)) = (&d.adviesvraag_id, &d.adviesvraag_datum) {
                    println!("Voortgekomen uit adviesvraag van {} ({id})", crate::domain::nl_datum(datum));
                }
                for o in &d.opschalingen {
                    let uitkomst = if o.uitkomst.is_empty() { "nog geen uitkomst".into() } else { o.uitkomst.clone() };
                    println!(
                        "Opgeschaald naar {} op {}: {} — {uitkomst}",
                        o.naar.label().to_lowercase(),
                        crate::domain::nl_datum(&o.datum),
                        o.reden
                    );
                }
                if !d.probleem.is_empty() {
                    println!("Probleem: {}", d.probleem);
                }
                println!("Betrokkenen:");
                for b in &d.betrokkenen {
                    println!(
                        "  {} ({}), {}",
                        b.naam,
                        b.rol.label(),
                        b.geboortedatum.as_deref().unwrap_or("geboortedatum onbekend")
                    );
                    for det in &b.detenties {
                        println!(
                            "    detentie {} {} – {}",
                            det.inrichting,
                            det.startdatum.as_deref().unwrap_or("?"),
                            det.einddatum_verwacht.as_deref().unwrap_or("?")
                        );
                    }
                }
                if !koppelingen.is_empty() {
                    println!("Gekoppelde casussen:");
                    for k in &koppelingen {
                        let c = &k.casus;
                        let mut regel = format!(
                            "  {} {} ({}): fase {}, AVE {}, procesregisseur {}",
                            c.casusnummer,
                            c.werknaam,
                            k.soort.label(),
                            c.fase.label().to_lowercase(),
                            c.ave,
                            if c.procesregisseur.is_empty() { "geen" } else { &c.procesregisseur }
                        );
                        if !k.toelichting.is_empty() {
                            regel.push_str(&format!(" — {}", k.toelichting));
                        }
                        println!("{regel}");
                    }
                }
                println!("Journaal:");
                for j in &d.journaal {
                    let kort: String = j.id.chars().take(8).collect();
                    println!("  {} {} ({}): {}  [{kort}]", j.datum, j.soort.label(), j.auteur, j.tekst);
                }
                println!("Historie:");
                for a in store.audit_casus(&d.regel.id, 200)? {
                    println!(
                        "  {}  {:<24} {}",
                        a.tijdstip.replace('T', " ").chars().take(19).collect::<String>(),
                        a.gebruiker,
                        crate::domain::velden::audit_omschrijving(&a.handeling, &a.tabel, a.veld.as_deref())
                    );
                }
                if !conflicten.is_empty() {
                    println!("Open conflicten ({}):", conflicten.len());
                    druk_conflicten(&conflicten);
                    println!("Kies een waarde met: schakel sync kies ID --waarde N");
                }
            }
        }
        CasusOpdracht::New {
            werknaam,
            thema,
            ave,
            procesregisseur,
            probleem,
            vraag,
            gemeente,
            persoon,
            geboortedatum,
            bsn,
        } => {
            let ave = ave.map(Ave::new).transpose()?;
            let persoon = match persoon {
                Some(naam) => Some(crate::store::NieuweBetrokkene {
                    naam: naam.clone(),
                    geboortedatum: geboortedatum.as_deref().map(crate::domain::parse_datum).transpose()?,
                    rol: crate::domain::Rol::Hoofdpersoon,
                    bsn: bsn.clone(),
                    initialen: None,
                }),
                None => None,
            };
            let mut store = open_store(map)?;
            let n = store.aanmelding(
                NieuweCasus {
                    werknaam: werknaam.clone(),
                    thema: thema.clone(),
                    ave,
                    procesregisseur: procesregisseur.clone(),
                    probleem: probleem.clone(),
                    vraag: vraag.clone(),
                    gemeente: gemeente.clone(),
                    ..Default::default()
                },
                persoon,
            )?;
            if json {
                print_json(&serde_json::json!({ "casusnummer": n.to_string() }));
            } else {
                println!("{n}");
            }
        }
        CasusOpdracht::Wijzig {
            nummer,
            werknaam,
            thema,
            probleem,
            veiligheidsrisico,
            geprobeerd,
            vraag,
            evaluatiedatum,
            gemeente,
            aanmelddatum,
            aanmelder,
        } => {
            let mut store = open_store(map)?;
            let aanmelder_partner_id = match aanmelder.as_deref().map(str::trim) {
                None => None,
                Some("") => Some(None),
                Some(p) => Some(Some(zoek_partner(&store, p)?.id)),
            };
            let evaluatiedatum = match evaluatiedatum.as_deref() {
                None => None,
                Some(d) if d.trim().is_empty() => Some(None),
                Some(d) => Some(Some(crate::domain::parse_datum(d)?)),
            };
            let w = crate::store::CasusWijziging {
                werknaam: werknaam.clone(),
                thema: thema.clone(),
                probleem: probleem.clone(),
                veiligheidsrisico: veiligheidsrisico.clone(),
                geprobeerd: geprobeerd.clone(),
                vraag: vraag.clone(),
                evaluatiedatum,
                gemeente: gemeente.clone().map(|g| Some(g).filter(|g| !g.trim().is_empty())),
                aanmelddatum: aanmelddatum.as_deref().map(crate::domain::parse_datum).transpose()?,
                aanmelder_partner_id,
            };
            let n = store.casus_wijzig(nummer, &w)?;
            if json {
                print_json(&serde_json::json!({ "gewijzigd": n }));
            } else if n == 0 {
                println!("Niets gewijzigd.");
            } else {
                println!("Casus {nummer}: {} gewijzigd.", crate::domain::aantal(n, "veld", "velden"));
            }
        }
        CasusOpdracht::Toewijzen { nummer, procesregisseur, trajectbegeleider, casusregisseur } => {
            let keuze = |m: &Option<String>| m.as_ref().map(|m| Some(m.clone()).filter(|m| !m.trim().is_empty()));
            let w = crate::store::Toewijzing {
                procesregisseur: keuze(procesregisseur),
                trajectbegeleider: keuze(trajectbegeleider),
                casusregisseur: keuze(casusregisseur),
            };
            if w.is_leeg() {
                return Err(CliFout::Gebruik(
                    "Geef --procesregisseur, --trajectbegeleider en/of --casusregisseur.".into(),
                ));
            }
            let mut store = open_store(map)?;
            let n = store.casus_toewijzen(nummer, &w)?;
            let r = store.casus_regel(nummer)?;
            if json {
                print_json(&serde_json::json!({
                    "gewijzigd": n,
                    "procesregisseur_id": r.procesregisseur_id,
                    "trajectbegeleider_id": r.trajectbegeleider_id,
                    "casusregisseur_id": r.casusregisseur_id,
                }));
            } else {
                let of_niemand = |s: &str| if s.is_empty() { "niemand".to_string() } else { s.to_string() };
                println!(
                    "Casus {nummer}: procesregisseur {}, trajectbegeleider {}, casusregisseur {}.",
                    of_niemand(&r.procesregisseur),
                    of_niemand(&r.trajectbegeleider),
                    of_niemand(&r.casusregisseur)
                );
            }
        }
        CasusOpdracht::Weging { nummer, uitkomst, datum, overleg } => {
            let w = crate::store::Weging {
                uitkomst: uitkomst_code(uitkomst)?,
                datum: datum.as_deref().map(crate::domain::parse_datum).transpose()?,
                overleg: overleg.clone(),
            };
            let mut store = open_store(map)?;
            store.casus_weging(nummer, &w)?;
            let d = store.casus_detail_verversen(nummer)?;
            if json {
                print_json(&serde_json::json!({ "weging": d.weging, "fase": d.regel.fase }));
            } else if let Some(v) = d.weging {
                let mut regel = format!("Casus {nummer}: uitkomst van de weging {}", v.uitkomst.label().to_lowercase());
                if let Some(dt) = &v.datum {
                    regel.push_str(&format!(" op {}", crate::domain::nl_datum(dt)));
                }
                if let Some(o) = &v.overleg_label {
                    regel.push_str(&format!(" ({o})"));
                }
                println!("{regel}; fase {}.", d.regel.fase.label().to_lowercase());
            }
        }
        CasusOpdracht::Fase { nummer, fase, uitkomst, reden, heropen, tevredenheid } => {
            let verzoek = FaseOvergang {
                naar: Some(Fase::parse(fase)?),
                uitkomst: uitkomst.as_deref().map(WegingUitkomst::parse).transpose()?,
                reden: reden.clone(),
                heropenen: *heropen,
                tevredenheid: *tevredenheid,
                datum: None,
            };
            let mut store = open_store(map)?;
            let b = store.casus_fase(nummer, &verzoek)?;
            if json {
                print_json(&serde_json::json!({ "casusnummer": nummer, "van": b.van, "naar": b.naar }));
            } else {
                println!(
                    "Casus {nummer} is verplaatst van {} naar {}.",
                    b.van.label().to_lowercase(),
                    b.naar.label().to_lowercase()
                );
            }
        }
        CasusOpdracht::Ave { nummer, ave, reden } => {
            let ave = Ave::new(*ave)?;
            let mut store = open_store(map)?;
            store.casus_ave(nummer, ave, reden)?;
            if json {
                print_json(&serde_json::json!({ "casusnummer": nummer, "ave": ave.get() }));
            } else {
                println!("Casus {nummer} staat nu op {ave}.");
            }
        }
        CasusOpdracht::Koppel { nummer, ander, soort, toelichting } => {
            let soort = crate::domain::KoppelSoort::parse(soort)?;
            let mut store = open_store(map)?;
            let id = store.koppel(nummer, ander, soort, toelichting)?;
            meld(
                json,
                &id,
                &format!("Casus {nummer} en casus {ander} zijn gekoppeld ({}).", soort.label().to_lowercase()),
            );
        }
        CasusOpdracht::KoppelingWijzig { nummer, ander, soort, toelichting } => {
            let soort = soort.as_deref().map(crate::domain::KoppelSoort::parse).transpose()?;
            let mut store = open_store(map)?;
            let aantal = store.koppeling_wijzig(nummer, ander, soort, toelichting.as_deref())?;
            if json {
                print_json(&serde_json::json!({ "casusnummer": nummer, "ander": ander, "gewijzigd": aantal }));
            } else if aantal == 0 {
                println!("Er is niets gewijzigd.");
            } else {
                println!("De koppeling tussen casus {nummer} en casus {ander} is gewijzigd.");
            }
        }
        CasusOpdracht::Ontkoppel { nummer, ander, reden } => {
            let mut store = open_store(map)?;
            store.ontkoppel(nummer, ander, reden)?;
            if json {
                print_json(&serde_json::json!({ "casusnummer": nummer, "ontkoppeld": ander }));
            } else {
                println!(
                    "De koppeling tussen casus {nummer} en casus {ander} is verwijderd; de reden staat in beide journaals."
                );
            }
        }
    }
    Ok(())
}

fn handleiding(map: Option<&std::path::Path>) -> Result<(), CliFout> {
    let fout = |e: std::io::Error| CliFout::Controle(format!("De handleiding kon niet worden geschreven: {e}"));
    match map {
        None => print!("{}", crate::handleiding::hoofdpagina().map_err(fout)?),
        Some(m) => {
            let paginas = crate::handleiding::schrijf_alle(m).map_err(fout)?;
            println!("{} geschreven in {}.", crate::domain::aantal(paginas.len(), "pagina", "pagina's"), m.display());
        }
    }
    Ok(())
}

fn doctor(map: &Gegevensmap, json: bool) -> Result<(), CliFout> {
    let bestand = SleutelBestand::lees(map.pad())?;
    let store = open_store(map)?;
    let schema = store.schema_versie()?;
    let problemen = store.integriteit()?;
    let audit = store.audit_verify()?;
    if json {
        print_json(&serde_json::json!({
            "map": map.pad(),
            "sleutel": bestand.bron,
            "schema": schema,
            "schema_app": crate::store::schema_versie_app(),
            "sqlcipher": store.cipher_versie()?,
            "integriteit": if problemen.is_empty() { "ok".to_string() } else { problemen.join("; ") },
            "audit_in_orde": audit.in_orde(),
        }));
    } else {
        println!("Gegevensmap:  {}", map.pad().display());
        println!("Sleutel:      {}", bestand.bron.label());
        println!("Schema:       versie {schema} (deze app: {})", crate::store::schema_versie_app());
        println!("SQLCipher:    {}", store.cipher_versie()?);
        println!("Integriteit:  {}", if problemen.is_empty() { "in orde".to_string() } else { problemen.join("; ") });
        println!("Auditlog:     {}", if audit.in_orde() { "in orde" } else { "AANGETAST" });
    }
    if !problemen.is_empty() || !audit.in_orde() {
        return Err(CliFout::Controle("De database heeft problemen; zie hierboven.".into()));
    }
    Ok(())
}

//! Dutch user-facing messages for errors of the lower layers. The CLI and the GUI both
//! speak through here, so a user reads the same sentence everywhere.

use crate::domain::{DomeinFout, Fase, FaseFout, MeldingFout, MeldingStap, MeldingStatus};
use crate::store::StoreFout;

/// The warning after a bundle for a trajectbegeleider whose device no medewerker is
/// linked to: the bundle holds none of the cases.
pub fn zonder_medewerker(naam: &str) -> String {
    format!(
        "{naam} is trajectbegeleider, maar geen medewerker is aan dit apparaat gekoppeld: de bundel bevat geen \
         casussen voor {naam}. Koppel het apparaat aan een medewerker (Instellingen, Medewerkers)."
    )
}

/// The Dutch sentence for a domain error.
pub fn domein(f: &DomeinFout) -> String {
    match f {
        DomeinFout::OngeldigBsn(b) => {
            format!("Het BSN '{b}' is ongeldig: het moet uit 9 cijfers bestaan en de elfproef doorstaan.")
        }
        DomeinFout::OngeldigeAve(n) => format!("AVE-fase {n} bestaat niet; kies 1, 2, 3 of 4."),
        DomeinFout::OngeldigCasusnummer(n) => {
            format!("'{n}' is geen geldig casusnummer; gebruik de vorm JJJJ-NNNN, bijvoorbeeld 2026-0012.")
        }
        DomeinFout::OnbekendeWaarde { soort, waarde } => format!("Onbekende {soort}: '{waarde}'."),
        DomeinFout::Verplicht(veld) => format!("Het veld '{veld}' is verplicht."),
        DomeinFout::OngeldigeDatum(d) => {
            format!("'{d}' is geen geldige datum; gebruik dd-mm-jjjj of jjjj-mm-dd.")
        }
        DomeinFout::DatumInToekomst { veld, datum } => {
            let wat = match *veld {
                "geboortedatum" => "Geboortedatum",
                "aanmelddatum" => "Aanmelddatum",
                "adviesdatum" => "De datum van de adviesvraag",
                "opschalingsdatum" => "De datum van de opschaling",
                ander => ander,
            };
            format!("{wat} ligt in de toekomst ({}); controleer de datum.", crate::domain::nl_datum(datum))
        }
        DomeinFout::OngeldigTelefoonnummer(t) => format!(
            "'{t}' is geen geldig telefoonnummer; gebruik 10 cijfers (bijv. 06-12345678) of +31 met het nummer."
        ),
        DomeinFout::OngeldigEmailadres(e) => format!("'{e}' is geen geldig e-mailadres."),
        DomeinFout::Fase(f) => fase(f),
        DomeinFout::OngeldigeScore(n) => format!("Risicoscore {n} valt buiten de schaal 1 tot en met 5."),
        DomeinFout::OngeldigeBewaartermijn(n) => {
            format!("Een bewaartermijn van {n} maanden kan niet; kies 1 tot en met 240 maanden.")
        }
        DomeinFout::CasusNietAfgesloten => {
            "De bewaartermijn geldt alleen voor afgesloten casussen; deze casus is niet afgesloten.".into()
        }
        DomeinFout::BewaartermijnNietVerlopen(tot) => {
            format!("Deze casus valt nog binnen de bewaartermijn (tot en met {tot}) en wordt niet verwijderd.")
        }
        DomeinFout::VerlengingNietLater => "Een verlenging moet later eindigen dan de huidige bewaartermijn.".into(),
        DomeinFout::GeenInitialen(t) => format!(
            "'{t}' zijn geen initialen. Een adviesvraag bevat geen persoonsgegevens: vul hooguit initialen in, \
             bijvoorbeeld J.d.V."
        ),
        DomeinFout::NegatieveMinuten(n) => format!("De bestede tijd kan niet negatief zijn ({n} minuten)."),
        DomeinFout::AlOmgezet(n) => format!("Deze adviesvraag is al omgezet naar casus {n}."),
        DomeinFout::Melding(m) => detentiemelding(m),
        DomeinFout::Koppeling(k) => koppeling(k),
        DomeinFout::Bezoek(b) => bezoek(b),
    }
}

/// The Dutch sentence for a refused PI-bezoek.
pub fn bezoek(f: &crate::domain::BezoekFout) -> String {
    use crate::domain::BezoekFout as B;
    match f {
        B::GeenDatum => "Kies de datum van het bezoek.".into(),
        B::GeenInrichting => "Kies de inrichting van het bezoek.".into(),
        B::GeenPersonen => "Kies minstens één persoon.".into(),
        B::NietGedetineerd { naam, inrichting } => format!("{naam} zit niet in {inrichting}."),
        B::AlOpLijst(naam) => format!("{naam} staat al op de bezoeklijst."),
        B::NietOpLijst(naam) => format!("{naam} staat niet op de bezoeklijst van dit bezoek."),
        B::LeegVerslag => "Schrijf eerst het verslag.".into(),
    }
}

/// The Dutch sentence for a refused step on a detentiemelding.
pub fn detentiemelding(f: &MeldingFout) -> String {
    match f {
        MeldingFout::NietVerrijkt => {
            "Een melding wordt pas getrieerd als minstens één bron (DJI, reclassering, gemeente, …) heeft \
             geantwoord. Leg eerst een antwoord vast bij Verrijken."
                .into()
        }
        MeldingFout::NietGetrieerd(MeldingStap::Omzetten) => {
            "Een melding wordt pas omgezet naar een casus na de triage.".into()
        }
        MeldingFout::NietGetrieerd(_) => "Een melding wordt pas overgedragen na de triage.".into(),
        MeldingFout::RouteNietZvh(r) => format!(
            "Deze melding is getrieerd naar route '{}'. Alleen een melding met route Zorg- en Veiligheidshuis \
             wordt een casus; trieer opnieuw als de route anders moet.",
            r.label()
        ),
        MeldingFout::Afgerond(s) => format!(
            "Deze melding is al {}; de stappen liggen vast.",
            match s {
                MeldingStatus::Omgezet => "omgezet naar een casus",
                _ => "overgedragen",
            }
        ),
        MeldingFout::UitstroomVoorStart => "De datum van uitstroom ligt vóór het begin van de detentie.".into(),
    }
}

/// The Dutch sentence for a refused koppeling.
pub fn koppeling(f: &crate::domain::KoppelFout) -> String {
    use crate::domain::KoppelFout as K;
    match f {
        K::MetZichzelf(n) => format!("Casus {n} kan niet aan zichzelf worden gekoppeld."),
        K::AlGekoppeld(a, b) => format!("Casus {a} en casus {b} zijn al gekoppeld."),
        K::NietGekoppeld(a, b) => format!("Casus {a} en casus {b} zijn niet gekoppeld."),
    }
}

fn fase_naam(f: Fase) -> String {
    f.label().to_lowercase()
}

/// The Dutch sentence for a refused phase change.
pub fn fase(f: &FaseFout) -> String {
    match f {
        FaseFout::GeenDoel => "Kies de fase waar de casus heen moet.".into(),
        FaseFout::ZelfdeFase(f) => format!("De casus staat al in fase {}.", fase_naam(*f)),
        FaseFout::Afgesloten => {
            "De casus is afgesloten. Heropen hem uitdrukkelijk (met een reden) om hem te verplaatsen.".into()
        }
        FaseFout::NietAfgesloten => "Alleen een afgesloten casus kan worden heropend.".into(),
        FaseFout::RedenVerplicht(Fase::Afgesloten) => "Geef een reden om de casus af te sluiten.".into(),
        FaseFout::RedenVerplicht(_) => "Geef een reden om de casus te heropenen.".into(),
        FaseFout::UitkomstVerplicht(naar) => format!(
            "Naar {} kan pas na een besluit van de weegtafel; geef de uitkomst van de weging.",
            fase_naam(*naar)
        ),
        FaseFout::UitkomstPastNiet { uitkomst, naar } => format!(
            "Met wegingsuitkomst '{}' gaat de casus niet naar {}.",
            uitkomst.label().to_lowercase(),
            fase_naam(*naar)
        ),
        FaseFout::UitkomstBuitenWeging => "Een wegingsuitkomst hoort alleen bij het besluit na de weging.".into(),
        FaseFout::OngeldigeTevredenheid => {
            "Tevredenheid (1 tot en met 5) wordt alleen bij het afsluiten gevraagd.".into()
        }
        FaseFout::NietToegestaan { van, naar } => {
            format!("Een casus kan niet van {} naar {} worden verplaatst.", fase_naam(*van), fase_naam(*naar))
        }
    }
}

/// The Dutch sentence for a store error.
pub fn store(f: &StoreFout) -> String {
    match f {
        StoreFout::VerkeerdeSleutel => "De database kan niet worden geopend: de sleutel klopt niet, of het bestand \
             is geen Schakel-database. Er is niets gewijzigd."
            .into(),
        StoreFout::VerkeerdWachtwoord => "Het wachtwoord is onjuist. Er is niets gewijzigd.".into(),
        StoreFout::WachtwoordTeKort(n) => format!("Kies een wachtwoord van minstens {n} tekens."),
        StoreFout::GeenWachtwoord => "Er is een wachtwoord nodig. Start Schakel in een terminal of zet \
             SCHAKEL_PASSPHRASE (alleen voor scripts)."
            .into(),
        StoreFout::NietGeinitialiseerd => {
            "Er is nog geen Schakel-database in deze map. Maak er een met 'schakel init'.".into()
        }
        StoreFout::DatabaseLeeg(p) => format!(
            "Het databasebestand {} is leeg (0 bytes). Schakel maakt het niet opnieuw aan; \
             zet een back-up terug of neem contact op met uw beheerder.",
            p.display()
        ),
        StoreFout::DatabaseOntbreekt(p) => format!(
            "Het sleutelbestand is er, maar de database {} ontbreekt. Schakel maakt hem niet opnieuw aan; \
             zet een back-up terug of kies een andere map.",
            p.display()
        ),
        StoreFout::BestaatAl(p) => {
            format!("In {} staat al een Schakel-database; er is niets overschreven.", p.display())
        }
        StoreFout::NieuwereVersie { db, app } => format!(
            "Deze database is gemaakt door een nieuwere versie van Schakel (schema {db}, deze versie kent {app}). \
             Werk Schakel bij; de database is niet aangeraakt."
        ),
        StoreFout::Sleutelbestand(d) => format!("Het sleutelbestand is onleesbaar of beschadigd ({d})."),
        StoreFout::Sleutelbos(d) => format!("De sleutelbos van het systeem gaf een fout ({d})."),
        StoreFout::SleutelbosLeeg => "De sleutelbos van het systeem heeft de sleutel van deze database niet (meer), \
             bijvoorbeeld na een nieuwe aanmelding of een verloren sleutelbos. Herstel de toegang met uw \
             herstelsleutel: 'schakel sleutel herstel' of de knop 'Herstelsleutel gebruiken' in het \
             ontgrendelscherm. Er is niets gewijzigd."
            .into(),
        StoreFout::VerkeerdeHerstelsleutel => {
            "Deze herstelsleutel past niet bij deze database. Er is niets gewijzigd.".into()
        }
        StoreFout::GeenHerstelsleutel => "Voor deze database is geen herstelsleutel gemaakt (herstel.json ontbreekt). \
             Zet een back-up terug of neem contact op met uw beheerder."
            .into(),
        StoreFout::BestandBestaat(p) => {
            format!("{} bestaat al; Schakel overschrijft het niet. Kies een andere naam.", p.display())
        }
        StoreFout::MeerderePersonen(lijst) => {
            let mut t = format!("{} personen passen bij deze vraag; kies er één:", lijst.len());
            for p in lijst {
                t.push_str(&format!("\n  {}", p.regel()));
            }
            t
        }
        StoreFout::Backupbestand(d) => {
            format!("Dit bestand is geen bruikbare Schakel-back-up ({d}); er is niets teruggezet.")
        }
        StoreFout::GeenWachtwoordbestand => "De sleutel staat in de sleutelbos van het systeem; er is geen \
             wachtwoord om te wijzigen."
            .into(),
        StoreFout::CasusOnbekend(n) => format!("Casus {n} bestaat niet."),
        StoreFout::Onbekend { tabel, id } => match crate::domain::velden::tabel_label(tabel) {
            Some(l) => format!("{l} '{id}' bestaat niet (of is verwijderd)."),
            None => format!("Onbekend: {tabel} '{id}'."),
        },
        StoreFout::Gearchiveerd { tabel, naam } => format!(
            "{} '{naam}' is gearchiveerd en kan niet meer worden gekozen; zet deze eerst weer actief in Instellingen.",
            crate::domain::velden::tabel_label(tabel).unwrap_or(tabel)
        ),
        StoreFout::OverlegGesloten => "Dit overleg is gesloten; het verslag kan niet meer worden gewijzigd.".into(),
        StoreFout::OverlegNietGesloten => {
            "Dit overleg is nog niet gesloten; pas het verslag zelf aan in plaats van een correctie te maken.".into()
        }
        StoreFout::NaamBestaatAl { tabel, naam } => {
            format!("'{naam}' staat al in de lijst {tabel}.")
        }
        StoreFout::GeenWeegtafel => {
            "Alleen een weegtafel legt de uitkomst van de weging vast; dit overleg is van een andere soort.".into()
        }
        StoreFout::AgendapuntMetActies => {
            "Dit agendapunt heeft al acties in het plan van aanpak opgeleverd en blijft daarom op de agenda.".into()
        }
        StoreFout::Verwijderd { tabel, .. } => format!(
            "{} is eerder verwijderd en kan niet opnieuw worden aangemaakt; er is niets gewijzigd.",
            crate::domain::velden::tabel_label(tabel).unwrap_or(tabel)
        ),
        StoreFout::WaardeNietInRij(_) => {
            "De wijzigingslog en de gegevens komen niet overeen; er is niets gewijzigd. Meld dit aan de beheerder."
                .into()
        }
        StoreFout::OngeldigeOperatie(_) => {
            "De bundel bevat een wijziging die niet in deze database past; er is niets ingelezen.".into()
        }
        StoreFout::OnbekendeGegevens { naam } => format!(
            "De bundel bevat gegevens die deze versie van Schakel niet kent ({naam}). Er is niets ingelezen. \
             Komt de bundel van een collega met een nieuwere versie, werk Schakel dan bij en lees hem opnieuw in: \
             er gaat niets verloren."
        ),
        StoreFout::Domein(d) => domein(d),
        StoreFout::Migratie(d) => format!("Bijwerken van de database is mislukt ({d}); er is niets gewijzigd."),
        StoreFout::Sql(e) if is_bezet(e) => {
            "De database is bezet door een ander Schakel-venster of -opdracht. Probeer het zo opnieuw.".into()
        }
        StoreFout::Sql(e) if heeft_code(e, rusqlite::ErrorCode::DiskFull) => {
            "De schijf is vol: de wijziging is niet opgeslagen en de database is onbeschadigd. \
             Maak ruimte vrij en probeer het opnieuw."
                .into()
        }
        StoreFout::Sql(e) if heeft_code(e, rusqlite::ErrorCode::ReadOnly) => {
            "De gegevensmap is alleen-lezen: er kan niets worden opgeslagen. Controleer de map of de schijf.".into()
        }
        StoreFout::Sql(e) if heeft_code(e, rusqlite::ErrorCode::CannotOpen) => {
            "De database kan niet worden geopend: de gegevensmap is niet bereikbaar of alleen-lezen.".into()
        }
        StoreFout::Sql(e) => format!("Databasefout: {e}"),
        StoreFout::Io(e) => format!("{}.", io(e)),
        StoreFout::Dubbelzinnig { tabel: "medewerker", id, aantal } => {
            format!("'{id}' past op {aantal} medewerkers; geef het id (of de eerste 8 tekens ervan).")
        }
        StoreFout::Dubbelzinnig { tabel, id, aantal } => format!(
            "'{id}' past op {aantal} records ({}); geef meer tekens van het id.",
            crate::domain::velden::tabel_label(tabel).unwrap_or(tabel).to_lowercase()
        ),
        StoreFout::ConflictVeranderd(id) => format!(
            "Conflict {id} bestaat niet (meer): de waarden zijn veranderd sinds de lijst werd getoond, of er is al \
             gekozen. Bekijk de lijst opnieuw met 'schakel sync conflicten'; er is niets gewijzigd."
        ),
        StoreFout::GeenConflictwaarde { nummer, aantal } => {
            format!("Dit conflict heeft {aantal} waarden; kies een nummer van 1 tot en met {aantal}, niet {nummer}.")
        }
    }
}

/// A Dutch sentence for a file error of the operating system, without the English text
/// and error number of the system message.
pub fn io(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "Het bestand of de map bestaat niet".into(),
        K::PermissionDenied => "Geen toegang tot het bestand of de map (rechten)".into(),
        K::AlreadyExists => "Het bestand bestaat al".into(),
        K::IsADirectory => "Dit is een map, geen bestand".into(),
        K::NotADirectory => "Een deel van het pad is geen map".into(),
        K::StorageFull => "De schijf is vol".into(),
        K::ReadOnlyFilesystem => "De schijf of map is alleen-lezen".into(),
        K::UnexpectedEof | K::InvalidData => "Het bestand is onvolledig of onleesbaar".into(),
        K::Interrupted | K::TimedOut => "Het lezen of schrijven werd onderbroken; probeer het opnieuw".into(),
        _ => match e.raw_os_error() {
            Some(n) => format!("Het bestand kon niet worden gelezen of geschreven (systeemfout {n})"),
            None => "Het bestand kon niet worden gelezen of geschreven".into(),
        },
    }
}

fn heeft_code(e: &rusqlite::Error, code: rusqlite::ErrorCode) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == code)
}

fn is_bezet(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

/// The Dutch sentence for a sync error.
pub fn sync(f: &crate::sync::SyncFout) -> String {
    use crate::sync::SyncFout as S;
    let niets = "Er is niets ingelezen.";
    match f {
        S::Store(s) => store(s),
        S::Io(e) => format!("{}.", io(e)),
        S::Bestand { pad, fout } => format!("{}: {}", io(fout), pad.display()),
        S::BestandBestaat(pad) => format!(
            "Het bestand {} bestaat al en is niet overschreven. Kies een andere naam of gebruik --overschrijven.",
            pad.display()
        ),
        S::GeenBestand => format!("Dit is geen gewoon bestand (maar een map, apparaat of pijp). {niets}"),
        S::NietGekoppeld { naam, organisatie } => format!(
            "{naam} werkt bij {organisatie}, maar die organisatie is niet gekoppeld aan een partner, dus het \
             convenant kan niet worden gecontroleerd. Er is geen bundel gemaakt. Koppel de collega aan de partner \
             met convenant: schakel team koppel \"{naam}\" --partner \"{organisatie}\" (of via Synchronisatie in het venster)."
        ),
        S::Beschadigd(_) => {
            format!("Dit bestand is geen geldige Schakel-bundel, of het is beschadigd of onvolledig. {niets}")
        }
        S::OnbekendeVersie(v) => {
            if *v < crate::sync::OUDSTE_BUNDELVERSIE {
                format!(
                    "Deze bundel heeft het oudere formaat {v} en is gemaakt met een oudere versie van Schakel. Vraag \
                     de afzender Schakel bij te werken en een nieuwe bundel te maken. {niets}"
                )
            } else {
                format!(
                    "Deze bundel heeft formaatversie {v}, die deze versie van Schakel niet kent. Werk Schakel bij. {niets}"
                )
            }
        }
        S::OnbekendeAfzender(_) => format!(
            "Deze bundel komt van een apparaat dat niet in uw team staat. Voeg eerst het visitekaartje van die collega toe. {niets}"
        ),
        S::VerwijderdeAfzender(n) => {
            format!("{n} is uit uw team verwijderd; bundels van deze collega worden geweigerd. {niets}")
        }
        S::NietBevestigd(n) => format!(
            "De vingerafdruk van {n} is nog niet bevestigd. Vergelijk de cijfers samen en bevestig ze eerst. {niets}"
        ),
        S::Handtekening(_) => format!(
            "De handtekening van deze bundel klopt niet: het bestand is onderweg gewijzigd of niet van deze afzender. {niets}"
        ),
        S::NietVoorMij => format!("Deze bundel is niet voor dit apparaat bestemd. {niets}"),
        S::AlIngelezen => "Deze bundel is al eerder ingelezen; er is niets veranderd.".into(),
        S::EigenBundel => "Dit is een bundel van dit apparaat zelf; die hoeft niet te worden ingelezen.".into(),
        S::GeenOntvangers => {
            "Er is geen bevestigde collega om een bundel voor te maken. Voeg eerst een visitekaartje toe.".into()
        }
        S::OnbekendeOntvanger(n) => format!("'{n}' is geen bevestigde collega in uw team."),
        S::GeenConvenant(n) => format!(
            "{n} werkt bij een organisatie zonder convenant; persoonsgegevens mogen niet naar deze collega. Er is geen bundel gemaakt."
        ),
        S::OngeldigKaartje(_) => "Dit is geen geldig visitekaartje, of het is na het maken gewijzigd.".into(),
    }
}

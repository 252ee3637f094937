//! Privacy: retention terms and the "Te verwijderen" list, inzageverzoek, audit export,
//! backup and restore, key replacement and passphrase change.

use crate::ui::theme::{self, Knop, Vlak};
use crate::ui::widgets::{banner, datum, dialoog, invoer, nl_datum, veld};
use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Fill, Task};
use std::path::PathBuf;
use zeroize::Zeroizing;

/// A passphrase in a message: never printed.
#[derive(Clone, Default)]
pub struct Geheim(pub Zeroizing<String>);

impl std::fmt::Debug for Geheim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Geheim(***)")
    }
}

impl Geheim {
    fn van(s: &str) -> Geheim {
        Geheim(Zeroizing::new(s.to_string()))
    }
}

/// What kind of record a row of the "Te verwijderen" list is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Soort {
    /// A closed casus (can be reviewed and extended).
    #[default]
    Casus,
    /// A detentiemelding that never became a casus, past its term after overdracht.
    Melding,
    /// An adviesvraag that never became a casus, past its term after its date.
    Adviesvraag,
}

/// A record past its retention term, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TeVerwijderen {
    /// Casus, melding or adviesvraag.
    pub soort: Soort,
    /// Casusnummer, or the record id of a melding or adviesvraag.
    pub nummer: String,
    /// Thema (casus, adviesvraag) or the person's name (melding).
    pub thema: String,
    /// Closed, handed over or asked on (ISO date).
    pub afgesloten_op: String,
    /// Term ended on (ISO date, extension included).
    pub termijn_tot: String,
}

impl TeVerwijderen {
    /// What the user types to confirm a removal: the casusnummer, the person's name of a
    /// melding, the short id of an adviesvraag.
    fn bevestigtekst(&self) -> String {
        match self.soort {
            Soort::Casus => self.nummer.clone(),
            Soort::Melding => self.thema.clone(),
            Soort::Adviesvraag => self.nummer.chars().take(8).collect(),
        }
    }

    /// The row's first column.
    fn kop(&self) -> String {
        match self.soort {
            Soort::Casus => self.nummer.clone(),
            Soort::Melding => "Melding".into(),
            Soort::Adviesvraag => format!("Advies {}", self.nummer.chars().take(8).collect::<String>()),
        }
    }

    /// The row's first date.
    fn begin(&self) -> String {
        let d = nl_datum(&self.afgesloten_op);
        match self.soort {
            Soort::Casus => format!("afgesloten {d}"),
            Soort::Melding => format!("overgedragen {d}"),
            Soort::Adviesvraag => format!("gesteld {d}"),
        }
    }
}

/// The "Te verwijderen" list: closed casussen past their term (extension included), then
/// meldingen and adviesvragen that never became a casus and are past theirs, as the app
/// read them off the event loop.
pub fn te_verwijderen(
    casussen: Vec<crate::store::Bewaarstatus>,
    meldingen: Vec<crate::store::MeldingBewaarstatus>,
    adviesvragen: Vec<crate::store::Adviesvraag>,
) -> Vec<TeVerwijderen> {
    let mut lijst: Vec<TeVerwijderen> = casussen
        .into_iter()
        .map(|b| TeVerwijderen {
            soort: Soort::Casus,
            termijn_tot: b.verlengd_tot.unwrap_or(b.termijn_tot).max(b.termijn_tot).to_string(),
            nummer: b.nummer,
            thema: b.thema,
            afgesloten_op: b.afgesloten_op.to_string(),
        })
        .collect();
    lijst.extend(meldingen.into_iter().map(|m| TeVerwijderen {
        soort: Soort::Melding,
        nummer: m.id,
        thema: m.naam,
        afgesloten_op: m.overgedragen_op.to_string(),
        termijn_tot: m.termijn_tot.to_string(),
    }));
    lijst.extend(adviesvragen.into_iter().map(|a| {
        let termijn_tot = chrono::NaiveDate::parse_from_str(&a.datum, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.checked_add_months(chrono::Months::new(crate::store::ADVIES_BEWAARTERMIJN_MAANDEN)))
            .map(|d| d.to_string())
            .unwrap_or_default();
        TeVerwijderen {
            soort: Soort::Adviesvraag,
            thema: if a.thema.is_empty() { "Adviesvraag".into() } else { a.thema },
            nummer: a.id,
            afgesloten_op: a.datum,
            termijn_tot,
        }
    }));
    lijst
}

/// The retention term of one thema as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Termijn {
    /// Thema id.
    pub thema_id: String,
    /// Thema name.
    pub thema: String,
    /// Months.
    pub maanden: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Vraag {
    Verwijder(usize),
    Verleng(usize),
    Herstel,
    Roteer,
}

/// State of the screen.
#[derive(Debug, Clone, Default)]
pub struct State {
    te_verwijderen: Vec<TeVerwijderen>,
    termijnen: Vec<Termijn>,
    termijn_invoer: Vec<String>,
    /// Retention term of meldingen that never became a casus (months after overdracht).
    melding_termijn: u32,
    melding_termijn_invoer: String,
    /// The key is protected by a passphrase (not the keychain).
    met_wachtwoord: bool,
    vraag: Option<Vraag>,
    reden: String,
    bevestiging: String,
    tot: String,
    dialoogfout: Option<String>,
    inzage_wie: String,
    inzage_pad: String,
    /// Several persons matched the inzageverzoek: the officer chooses one.
    inzage_keuze: Vec<crate::store::InzagePersoon>,
    /// Copies of a replaced database kept by a restore: folder name, removed on (ISO date).
    kopieen: Vec<(String, String)>,
    /// A new herstelsleutel, shown until the user dismisses it.
    herstelsleutel: Option<Geheim>,
    herstel_pdf: String,
    audit_van: String,
    audit_tot: String,
    audit_casus: String,
    audit_pad: String,
    backup_pad: String,
    backup_ww: String,
    backup_herhaal: String,
    herstel_pad: String,
    herstel_ww: String,
    herstel_nieuw_ww: String,
    sleutel_ww: String,
    ww_oud: String,
    ww_nieuw: String,
    ww_herhaal: String,
    melding: Option<(Vlak, String)>,
}

/// Which file a dialog asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bestand {
    /// Where to save the inzage PDF.
    Inzage,
    /// Where to save the audit export (.csv or .pdf).
    Audit,
    /// Where to save the backup.
    Backup,
    /// The backup to restore.
    Herstel,
}

/// What the user does.
#[derive(Debug, Clone)]
pub enum Message {
    /// Open the file dialog for this file.
    Kies(Bestand),
    /// A file dialog closed (`None`: cancelled, nothing changes).
    Gekozen(Bestand, Option<PathBuf>),
    /// Open the casus of row `.0` to review it before deciding.
    Bekijk(usize),
    /// Ask to remove row `.0` of the "Te verwijderen" list.
    Verwijder(usize),
    /// Ask to extend the term of row `.0`.
    Verleng(usize),
    /// Edit the reason in the dialog.
    Reden(String),
    /// Edit the typed casusnummer that confirms a removal.
    Bevestiging(String),
    /// Edit the extension's end date.
    Tot(String),
    /// The dialog's main button.
    Ja,
    /// Close the dialog.
    Annuleer,
    /// Edit the months of thema `.0`.
    TermijnInvoer(usize, String),
    /// Edit the months of the melding term.
    MeldingTermijnInvoer(String),
    /// Save the retention terms.
    TermijnenOpslaan,
    /// Edit whom the inzageverzoek is about.
    InzageWie(String),
    /// Draw up the inzage (PDF and JSON).
    InzageMaken,
    /// Draw up the inzage for this person (record id) from the choice list.
    InzageKies(String),
    /// Edit the audit export's first day.
    AuditVan(String),
    /// Edit the audit export's last day.
    AuditTot(String),
    /// Edit the audit export's casus.
    AuditCasus(String),
    /// Write the audit export.
    AuditExporteren,
    /// Edit the backup passphrase.
    BackupWachtwoord(String),
    /// Edit the repeated backup passphrase.
    BackupHerhaal(String),
    /// Make a backup.
    BackupMaken,
    /// Edit the passphrase of the backup to restore.
    HerstelWachtwoord(String),
    /// Edit the passphrase for the restored database.
    HerstelNieuwWachtwoord(String),
    /// Ask to restore a backup over the current database.
    Herstellen,
    /// Edit the current passphrase for key replacement.
    SleutelWachtwoord(String),
    /// Ask to replace the database key.
    SleutelVervangen,
    /// Edit the old passphrase.
    OudWachtwoord(String),
    /// Edit the new passphrase.
    NieuwWachtwoord(String),
    /// Edit the repeated new passphrase.
    HerhaalWachtwoord(String),
    /// Change the passphrase.
    WachtwoordWijzigen,
    /// Remove copy `.0` of a replaced database now.
    KopieVerwijder(usize),
    /// Make a new herstelsleutel (the previous one stops working).
    HerstelsleutelMaken,
    /// Edit the file for the herstelsleutel PDF.
    HerstelPdfPad(String),
    /// Save the herstelsleutel as a one-page PDF.
    HerstelPdf,
    /// The herstelsleutel is written down: stop showing it.
    HerstelsleutelBewaard,
    /// Close the message.
    SluitMelding,
}

/// What the screen asks of the app.
#[derive(Debug, Clone)]
pub enum Event {
    /// Open a casus (to review it before removal or extension).
    Open(String),
    /// Store these terms.
    Termijnen {
        /// Changed casus terms (thema id, months).
        themas: Vec<(String, u32)>,
        /// The changed melding term (months after overdracht).
        melding: Option<u32>,
    },
    /// Remove a casus after its term.
    Verwijder {
        /// Casusnummer.
        nummer: String,
        /// Reason.
        reden: String,
    },
    /// Remove a melding that never became a casus, after its term.
    MeldingVerwijder {
        /// Melding id.
        id: String,
        /// The person's name (for the message).
        naam: String,
        /// Reason.
        reden: String,
    },
    /// Remove an adviesvraag that never became a casus, after its term.
    AdviesVerwijder {
        /// Adviesvraag id.
        id: String,
        /// Reason.
        reden: String,
    },
    /// Extend the term of a casus.
    Verleng {
        /// Casusnummer.
        nummer: String,
        /// Until.
        tot: chrono::NaiveDate,
        /// Reason.
        reden: String,
    },
    /// Draw up an inzage: a name, BSN or chosen person, written as PDF and JSON next to it.
    Inzage {
        /// Whom it is about.
        vraag: crate::store::InzageVraag,
        /// The PDF file.
        pad: PathBuf,
    },
    /// Remove a copy of a replaced database (`vervangen-…` folder name).
    KopieVerwijder(String),
    /// Make a new herstelsleutel; the current passphrase in passphrase mode.
    NieuweHerstelsleutel(Option<Geheim>),
    /// Save the herstelsleutel as a one-page PDF (never over an existing file).
    HerstelPdf {
        /// File.
        pad: PathBuf,
        /// The code as shown.
        code: Geheim,
    },
    /// Write the audit export.
    AuditExport {
        /// Period and casus.
        filter: crate::store::AuditFilter,
        /// File (.csv or .pdf).
        pad: PathBuf,
    },
    /// Make a backup.
    Backup {
        /// File.
        pad: PathBuf,
        /// Its passphrase.
        wachtwoord: Geheim,
    },
    /// Restore a backup over the current database.
    Herstel {
        /// File.
        pad: PathBuf,
        /// The backup's passphrase.
        wachtwoord: Geheim,
        /// Passphrase for the restored database (passphrase mode).
        nieuw: Option<Geheim>,
    },
    /// Replace the database key.
    Roteer(Option<Geheim>),
    /// Change the passphrase.
    WijzigWachtwoord {
        /// Current.
        oud: Geheim,
        /// New.
        nieuw: Geheim,
    },
}

/// What the officer typed as whom the inzageverzoek is about: a BSN in any form the app
/// accepts (nine digits, eight digits for a leading zero, with dots or spaces), else a name.
pub fn inzage_vraag(wie: &str) -> crate::store::InzageVraag {
    let cijfers: String = wie.chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
    if (8..=9).contains(&cijfers.len()) && cijfers.chars().all(|c| c.is_ascii_digit()) {
        crate::store::InzageVraag::Bsn(cijfers)
    } else {
        crate::store::InzageVraag::Naam(wie.trim().to_string())
    }
}

fn standaardpad(naam: &str) -> String {
    let huis = directories::UserDirs::new().map(|u| u.home_dir().to_path_buf()).unwrap_or_default();
    huis.join(naam).display().to_string()
}

/// A chosen file (or a hint) and the button that opens the file dialog.
fn bestandskeuze(pad: &str, b: Bestand) -> Element<'_, Message> {
    let getoond = if pad.is_empty() { "Nog geen bestand gekozen" } else { pad };
    row![
        text(getoond).size(14).width(Fill),
        button(text("Kiezen…")).on_press(Message::Kies(b)).style(Knop::Secundair.stijl()),
    ]
    .spacing(8)
    .align_y(iced::Center)
    .into()
}

fn paneel<'a>(inhoud: impl Into<Element<'a, Message>>) -> Element<'a, Message> {
    container(inhoud).padding(12).width(Fill).style(Vlak::Paneel.stijl()).into()
}

impl State {
    /// The screen; `met_wachtwoord` says whether the key is passphrase-protected.
    pub fn new(met_wachtwoord: bool) -> State {
        let d = chrono::Local::now().format("%Y%m%d");
        State {
            met_wachtwoord,
            inzage_pad: standaardpad(&format!("inzage-{d}.pdf")),
            audit_pad: standaardpad(&format!("auditlog-{d}.csv")),
            backup_pad: standaardpad(&format!("schakel-backup-{d}.schakelbackup")),
            ..State::default()
        }
    }

    /// Whether the key is kept under a passphrase (known once the startup read is back).
    pub fn zet_met_wachtwoord(&mut self, met_wachtwoord: bool) {
        self.met_wachtwoord = met_wachtwoord;
    }

    /// Show a new herstelsleutel until the user says it is written down.
    pub fn toon_herstelsleutel(&mut self, code: Zeroizing<String>) {
        self.herstelsleutel = Some(Geheim(code));
        self.herstel_pdf = standaardpad("schakel-herstelsleutel.pdf");
    }

    /// Several persons match the inzageverzoek: show them to choose from.
    pub fn kies_persoon(&mut self, personen: Vec<crate::store::InzagePersoon>) {
        self.meld(
            Vlak::Waarschuwing,
            format!("{} personen passen bij deze naam; kies hieronder om wie het verzoek gaat.", personen.len()),
        );
        self.inzage_keuze = personen;
    }

    /// Fill the screen from what the store read: replaced database copies, casussen,
    /// meldingen and adviesvragen past their term (mapped by [`te_verwijderen`]), the terms
    /// per thema and the melding term.
    pub fn vul(
        &mut self,
        kopieen: Vec<crate::store::VervangenKopie>,
        te_verwijderen: Vec<TeVerwijderen>,
        termijnen: Vec<crate::store::Bewaartermijn>,
        melding_termijn: u32,
    ) {
        self.kopieen = kopieen.into_iter().map(|k| (k.naam, k.verloopt_op.to_string())).collect();
        self.vervang(
            te_verwijderen,
            termijnen
                .into_iter()
                .map(|t| Termijn { thema_id: t.thema_id, thema: t.thema, maanden: t.maanden })
                .collect(),
            melding_termijn,
        );
    }

    /// Replace the lists: casussen, meldingen and adviesvragen past their term, the terms
    /// per thema and the melding term.
    pub fn vervang(&mut self, te_verwijderen: Vec<TeVerwijderen>, termijnen: Vec<Termijn>, melding_termijn: u32) {
        self.termijn_invoer = termijnen.iter().map(|t| t.maanden.to_string()).collect();
        self.melding_termijn = melding_termijn;
        self.melding_termijn_invoer = melding_termijn.to_string();
        self.te_verwijderen = te_verwijderen;
        self.termijnen = termijnen;
    }

    /// Show a result or error.
    pub fn meld(&mut self, soort: Vlak, tekst: impl Into<String>) {
        self.melding = Some((soort, tekst.into()));
    }

    /// A step succeeded: close the dialog and clear the passphrase fields.
    pub fn gelukt(&mut self, tekst: impl Into<String>) {
        self.vraag = None;
        self.dialoogfout = None;
        self.reden.clear();
        self.bevestiging.clear();
        self.tot.clear();
        for w in [
            &mut self.backup_ww,
            &mut self.backup_herhaal,
            &mut self.herstel_ww,
            &mut self.herstel_nieuw_ww,
            &mut self.sleutel_ww,
            &mut self.ww_oud,
            &mut self.ww_nieuw,
            &mut self.ww_herhaal,
        ] {
            zeroize::Zeroize::zeroize(w);
        }
        self.meld(Vlak::Info, tekst);
    }

    /// A step failed: show why (in the dialog when one is open).
    pub fn mislukt(&mut self, tekst: impl Into<String>) {
        if self.vraag.is_some() {
            self.dialoogfout = Some(tekst.into());
        } else {
            self.meld(Vlak::Fout, tekst);
        }
    }

    fn vraag(&mut self, v: Vraag) {
        self.vraag = Some(v);
        self.dialoogfout = None;
        self.reden.clear();
        self.bevestiging.clear();
        self.tot.clear();
    }

    fn fout(&mut self, t: &str) -> Option<Event> {
        self.mislukt(t);
        None
    }

    /// Handle a message.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        let event = match message {
            Message::Kies(b) => return (self.kies(b), None),
            Message::Gekozen(_, None) => None,
            Message::Gekozen(b, Some(p)) => {
                let p = p.display().to_string();
                match b {
                    Bestand::Inzage => self.inzage_pad = p,
                    Bestand::Audit => self.audit_pad = p,
                    Bestand::Backup => self.backup_pad = p,
                    Bestand::Herstel => self.herstel_pad = p,
                }
                None
            }
            Message::Verwijder(i) if i < self.te_verwijderen.len() => {
                self.vraag(Vraag::Verwijder(i));
                None
            }
            Message::Verleng(i) if self.te_verwijderen.get(i).is_some_and(|c| c.soort == Soort::Casus) => {
                self.vraag(Vraag::Verleng(i));
                None
            }
            Message::Verwijder(_) | Message::Verleng(_) => None,
            Message::Bekijk(i) => {
                self.te_verwijderen.get(i).filter(|c| c.soort == Soort::Casus).map(|c| Event::Open(c.nummer.clone()))
            }
            Message::Reden(t) => {
                self.reden = t;
                None
            }
            Message::Bevestiging(t) => {
                self.bevestiging = t;
                None
            }
            Message::Tot(t) => {
                self.tot = t;
                None
            }
            Message::Annuleer => {
                self.vraag = None;
                self.dialoogfout = None;
                None
            }
            Message::Ja => self.ja(),
            Message::TermijnInvoer(i, t) => {
                if let Some(v) = self.termijn_invoer.get_mut(i) {
                    *v = t;
                }
                None
            }
            Message::MeldingTermijnInvoer(t) => {
                self.melding_termijn_invoer = t;
                None
            }
            Message::TermijnenOpslaan => {
                let melding = match self.melding_termijn_invoer.trim().parse::<u32>() {
                    Ok(m) if (1..=crate::store::MAX_BEWAARTERMIJN_MAANDEN).contains(&m) => {
                        (m != self.melding_termijn).then_some(m)
                    }
                    _ => {
                        let tekst = "Bewaartermijn van meldingen: vul een aantal maanden in van 1 tot en met 240.";
                        return (Task::none(), self.fout(tekst));
                    }
                };
                let mut uit = Vec::new();
                for (t, invoer) in self.termijnen.iter().zip(&self.termijn_invoer) {
                    match invoer.trim().parse::<u32>() {
                        Ok(m) if (1..=crate::store::MAX_BEWAARTERMIJN_MAANDEN).contains(&m) => {
                            if m != t.maanden {
                                uit.push((t.thema_id.clone(), m));
                            }
                        }
                        _ => {
                            let tekst = format!(
                                "Bewaartermijn van '{}': vul een aantal maanden in van 1 tot en met 240.",
                                t.thema
                            );
                            return (Task::none(), self.fout(&tekst));
                        }
                    }
                }
                if uit.is_empty() && melding.is_none() {
                    self.meld(Vlak::Info, "Er is niets gewijzigd.");
                    None
                } else {
                    Some(Event::Termijnen { themas: uit, melding })
                }
            }
            Message::InzageWie(t) => {
                self.inzage_wie = t;
                None
            }
            Message::InzageMaken => {
                if self.inzage_wie.trim().is_empty() {
                    self.fout("Vul de naam of het BSN in van de persoon die om inzage vraagt.")
                } else if self.inzage_pad.trim().is_empty() {
                    self.fout("Vul een bestandsnaam in voor de PDF.")
                } else {
                    self.inzage_keuze.clear();
                    Some(Event::Inzage {
                        vraag: inzage_vraag(&self.inzage_wie),
                        pad: PathBuf::from(self.inzage_pad.trim()),
                    })
                }
            }
            Message::KopieVerwijder(i) => self.kopieen.get(i).map(|(naam, _)| Event::KopieVerwijder(naam.clone())),
            Message::HerstelsleutelMaken => {
                if self.met_wachtwoord && self.sleutel_ww.is_empty() {
                    self.fout("Vul uw huidige wachtwoord in om een nieuwe herstelsleutel te maken.")
                } else {
                    Some(Event::NieuweHerstelsleutel(self.met_wachtwoord.then(|| Geheim::van(&self.sleutel_ww))))
                }
            }
            Message::HerstelPdfPad(t) => {
                self.herstel_pdf = t;
                None
            }
            Message::HerstelPdf => match &self.herstelsleutel {
                Some(code) if !self.herstel_pdf.trim().is_empty() => {
                    Some(Event::HerstelPdf { pad: PathBuf::from(self.herstel_pdf.trim()), code: code.clone() })
                }
                _ => self.fout("Vul een bestandsnaam in voor de PDF."),
            },
            Message::HerstelsleutelBewaard => {
                self.herstelsleutel = None;
                None
            }
            Message::InzageKies(id) => {
                self.inzage_keuze.clear();
                if self.inzage_pad.trim().is_empty() {
                    self.fout("Vul een bestandsnaam in voor de PDF.")
                } else {
                    Some(Event::Inzage {
                        vraag: crate::store::InzageVraag::Id(id),
                        pad: PathBuf::from(self.inzage_pad.trim()),
                    })
                }
            }
            Message::AuditVan(t) => {
                self.audit_van = t;
                None
            }
            Message::AuditTot(t) => {
                self.audit_tot = t;
                None
            }
            Message::AuditCasus(t) => {
                self.audit_casus = t;
                None
            }
            Message::AuditExporteren => match (datum(&self.audit_van), datum(&self.audit_tot)) {
                (Err(e), _) | (_, Err(e)) => self.fout(&e),
                (Ok(van), Ok(tot)) => {
                    if self.audit_pad.trim().is_empty() {
                        self.fout("Vul een bestandsnaam in (.csv of .pdf).")
                    } else {
                        let casus = Some(self.audit_casus.trim().to_string()).filter(|c| !c.is_empty());
                        Some(Event::AuditExport {
                            filter: crate::store::AuditFilter { van, tot, casus },
                            pad: PathBuf::from(self.audit_pad.trim()),
                        })
                    }
                }
            },
            Message::BackupWachtwoord(t) => {
                self.backup_ww = t;
                None
            }
            Message::BackupHerhaal(t) => {
                self.backup_herhaal = t;
                None
            }
            Message::BackupMaken => {
                if self.backup_pad.trim().is_empty() {
                    self.fout("Vul een bestandsnaam in voor de back-up.")
                } else if self.backup_ww.chars().count() < crate::store::sleutel::MIN_WACHTWOORD_LENGTE {
                    self.fout("Kies voor de back-up een wachtwoord van minstens 10 tekens.")
                } else if self.backup_ww != self.backup_herhaal {
                    self.fout("De twee wachtwoorden voor de back-up zijn niet gelijk.")
                } else {
                    Some(Event::Backup {
                        pad: PathBuf::from(self.backup_pad.trim()),
                        wachtwoord: Geheim::van(&self.backup_ww),
                    })
                }
            }
            Message::HerstelWachtwoord(t) => {
                self.herstel_ww = t;
                None
            }
            Message::HerstelNieuwWachtwoord(t) => {
                self.herstel_nieuw_ww = t;
                None
            }
            Message::Herstellen => {
                if self.herstel_pad.trim().is_empty() || self.herstel_ww.is_empty() {
                    self.fout("Vul het back-upbestand en het wachtwoord van de back-up in.")
                } else if self.met_wachtwoord
                    && self.herstel_nieuw_ww.chars().count() < crate::store::sleutel::MIN_WACHTWOORD_LENGTE
                {
                    self.fout("Kies een wachtwoord van minstens 10 tekens voor de teruggezette database.")
                } else {
                    self.vraag(Vraag::Herstel);
                    None
                }
            }
            Message::SleutelWachtwoord(t) => {
                self.sleutel_ww = t;
                None
            }
            Message::SleutelVervangen => {
                if self.met_wachtwoord && self.sleutel_ww.is_empty() {
                    self.fout("Vul uw huidige wachtwoord in om de sleutel te vervangen.")
                } else {
                    self.vraag(Vraag::Roteer);
                    None
                }
            }
            Message::OudWachtwoord(t) => {
                self.ww_oud = t;
                None
            }
            Message::NieuwWachtwoord(t) => {
                self.ww_nieuw = t;
                None
            }
            Message::HerhaalWachtwoord(t) => {
                self.ww_herhaal = t;
                None
            }
            Message::WachtwoordWijzigen => {
                if self.ww_nieuw.chars().count() < crate::store::sleutel::MIN_WACHTWOORD_LENGTE {
                    self.fout("Kies een nieuw wachtwoord van minstens 10 tekens.")
                } else if self.ww_nieuw != self.ww_herhaal {
                    self.fout("De twee nieuwe wachtwoorden zijn niet gelijk.")
                } else {
                    Some(Event::WijzigWachtwoord { oud: Geheim::van(&self.ww_oud), nieuw: Geheim::van(&self.ww_nieuw) })
                }
            }
            Message::SluitMelding => {
                self.melding = None;
                None
            }
        };
        (Task::none(), event)
    }

    /// The file dialog for `b`, off the event loop; its answer comes back as `Gekozen`.
    fn kies(&self, b: Bestand) -> Task<Message> {
        let huidig = match b {
            Bestand::Inzage => &self.inzage_pad,
            Bestand::Audit => &self.audit_pad,
            Bestand::Backup => &self.backup_pad,
            Bestand::Herstel => &self.herstel_pad,
        };
        let huidig = std::path::Path::new(huidig);
        let mut d = rfd::AsyncFileDialog::new();
        if let Some(m) = huidig.parent().filter(|m| m.is_dir()) {
            d = d.set_directory(m);
        }
        let naam = huidig.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Task::perform(
            async move {
                let h = match b {
                    Bestand::Inzage => {
                        d.set_title("Inzage opslaan").set_file_name(naam).add_filter("PDF", &["pdf"]).save_file().await
                    }
                    Bestand::Audit => {
                        d.set_title("Auditlog opslaan")
                            .set_file_name(naam)
                            .add_filter("CSV of PDF", &["csv", "pdf"])
                            .save_file()
                            .await
                    }
                    Bestand::Backup => {
                        d.set_title("Back-up opslaan")
                            .set_file_name(naam)
                            .add_filter("Schakel-back-up", &["schakelbackup"])
                            .save_file()
                            .await
                    }
                    Bestand::Herstel => {
                        d.set_title("Back-up kiezen")
                            .add_filter("Schakel-back-up", &["schakelbackup"])
                            .pick_file()
                            .await
                    }
                };
                h.map(|h| h.path().to_path_buf())
            },
            move |p| Message::Gekozen(b, p),
        )
    }

    fn ja(&mut self) -> Option<Event> {
        match self.vraag.clone()? {
            Vraag::Verwijder(i) => {
                let rij = self.te_verwijderen.get(i)?.clone();
                let bevestig = rij.bevestigtekst();
                let reden = self.reden.trim().to_string();
                if reden.is_empty() {
                    self.dialoogfout = Some("Vul de reden van verwijdering in; die komt in de auditlog.".into());
                    None
                } else if self.bevestiging.trim() != bevestig {
                    self.dialoogfout = Some(match rij.soort {
                        Soort::Casus => format!("Typ het casusnummer {bevestig} om te bevestigen."),
                        Soort::Melding => format!("Typ de naam {bevestig} om te bevestigen."),
                        Soort::Adviesvraag => format!("Typ de code {bevestig} om te bevestigen."),
                    });
                    None
                } else {
                    Some(match rij.soort {
                        Soort::Casus => Event::Verwijder { nummer: rij.nummer, reden },
                        Soort::Melding => Event::MeldingVerwijder { id: rij.nummer, naam: rij.thema, reden },
                        Soort::Adviesvraag => Event::AdviesVerwijder { id: rij.nummer, reden },
                    })
                }
            }
            Vraag::Verleng(i) => {
                let nummer = self.te_verwijderen.get(i)?.nummer.clone();
                match datum(&self.tot) {
                    Err(e) => {
                        self.dialoogfout = Some(e);
                        None
                    }
                    Ok(None) => {
                        self.dialoogfout = Some("Vul in tot wanneer de casus bewaard blijft (dd-mm-jjjj).".into());
                        None
                    }
                    Ok(Some(_)) if self.reden.trim().is_empty() => {
                        self.dialoogfout = Some("Vul de reden van de verlenging in.".into());
                        None
                    }
                    Ok(Some(tot)) => Some(Event::Verleng { nummer, tot, reden: self.reden.trim().to_string() }),
                }
            }
            Vraag::Herstel => Some(Event::Herstel {
                pad: PathBuf::from(self.herstel_pad.trim()),
                wachtwoord: Geheim::van(&self.herstel_ww),
                nieuw: self.met_wachtwoord.then(|| Geheim::van(&self.herstel_nieuw_ww)),
            }),
            Vraag::Roteer => Some(Event::Roteer(self.met_wachtwoord.then(|| Geheim::van(&self.sleutel_ww)))),
        }
    }

    /// The view.
    pub fn view(&self) -> Element<'_, Message> {
        let mut inhoud = column![text("Privacy en bewaren").size(22)].spacing(12);
        if let Some((soort, t)) = &self.melding {
            inhoud = inhoud.push(banner(*soort, t, Some(Message::SluitMelding)));
        }

        // Te verwijderen.
        let mut lijst = column![
            text("Te verwijderen").size(17),
            text(
                "Afgesloten casussen waarvan de bewaartermijn (en een eventuele verlenging) is verstreken, en \
                 meldingen en adviesvragen die geen casus werden en hun bewaartermijn voorbij zijn."
            )
            .size(13)
            .style(theme::gedempt),
        ]
        .spacing(6);
        if self.te_verwijderen.is_empty() {
            lijst = lijst.push(
                text("Er zijn geen casussen, meldingen of adviesvragen waarvan de bewaartermijn is verstreken.")
                    .size(14),
            );
        }
        for (i, c) in self.te_verwijderen.iter().enumerate() {
            let mut r = row![
                text(c.kop()).size(14).width(90),
                text(c.thema.clone()).size(14).width(Fill),
                // The two dates under each other leave the thema room in a 1024 px window.
                column![text(c.begin()).size(13), text(format!("termijn t/m {}", nl_datum(&c.termijn_tot))).size(13),]
                    .width(160),
            ]
            .spacing(8)
            .align_y(iced::Center);
            // Only a casus can be reviewed in its own screen and have its term extended; the
            // other rows keep the room empty so that every column stays aligned.
            let mut casusknoppen = row![].spacing(8).align_y(iced::Center);
            if c.soort == Soort::Casus {
                casusknoppen = casusknoppen
                    .push(button(text("Bekijken").size(13)).on_press(Message::Bekijk(i)).style(Knop::Link.stijl()))
                    .push(
                        button(text("Verlengen…").size(13))
                            .on_press(Message::Verleng(i))
                            .style(Knop::Secundair.stijl()),
                    );
            }
            r = r.push(container(casusknoppen).width(175));
            lijst = lijst.push(r.push(
                button(text("Verwijderen…").size(13)).on_press(Message::Verwijder(i)).style(Knop::Gevaar.stijl()),
            ));
        }
        inhoud = inhoud.push(paneel(lijst));

        // Terms per thema.
        let mut termijnen = column![text("Bewaartermijn per thema (maanden na afsluiting)").size(17)].spacing(6);
        for (i, (t, v)) in self.termijnen.iter().zip(&self.termijn_invoer).enumerate() {
            termijnen = termijnen.push(
                row![
                    text(t.thema.clone()).size(14).width(Fill),
                    invoer("24", v, move |s| Message::TermijnInvoer(i, s)).id(format!("termijn-{i}")).width(80),
                ]
                .spacing(8)
                .align_y(iced::Center),
            );
        }
        termijnen = termijnen.push(
            row![
                text("Meldingen die geen casus werden (maanden na overdracht)").size(14).width(Fill),
                invoer("12", &self.melding_termijn_invoer, Message::MeldingTermijnInvoer)
                    .id("termijn-melding")
                    .width(80),
            ]
            .spacing(8)
            .align_y(iced::Center),
        );
        termijnen = termijnen
            .push(button(text("Termijnen opslaan")).on_press(Message::TermijnenOpslaan).style(Knop::Secundair.stijl()));
        inhoud = inhoud.push(paneel(termijnen));

        if let Some(code) = &self.herstelsleutel {
            inhoud = inhoud.push(paneel(
                column![
                    text("Uw herstelsleutel").size(17),
                    text(code.0.as_str()).size(22),
                    text(
                        "Met deze code krijgt u weer toegang als de sleutelbos de sleutel kwijt is of u het wachtwoord \
                         vergeten bent (knop 'Herstelsleutel gebruiken' in het ontgrendelscherm). Hij wordt maar één \
                         keer getoond: schrijf hem op of druk de PDF af en bewaar hem apart van deze laptop.",
                    )
                    .size(13),
                    veld("PDF opslaan als", invoer("Bestand", &self.herstel_pdf, Message::HerstelPdfPad), None),
                    row![
                        button(text("Herstelsleutel als PDF opslaan"))
                            .on_press(Message::HerstelPdf)
                            .style(Knop::Secundair.stijl()),
                        button(text("Ik heb hem bewaard"))
                            .on_press(Message::HerstelsleutelBewaard)
                            .style(Knop::Primair.stijl()),
                    ]
                    .spacing(8),
                ]
                .spacing(6),
            ));
        }
        // Inzage and audit.
        let mut keuze = column![].spacing(4);
        for p in &self.inzage_keuze {
            keuze = keuze.push(
                row![
                    text(format!(
                        "{}, geboren {}, {}",
                        p.naam,
                        p.geboortedatum.as_deref().map(nl_datum).unwrap_or_else(|| "onbekend".into()),
                        p.waar()
                    ))
                    .size(14)
                    .width(Fill),
                    button(text("Deze persoon"))
                        .on_press(Message::InzageKies(p.id.clone()))
                        .style(Knop::Secundair.stijl()),
                ]
                .spacing(8)
                .align_y(iced::Center),
            );
        }
        inhoud = inhoud.push(paneel(
            column![
                text("Inzageverzoek (AVG)").size(17),
                keuze,
                row![
                    veld(
                        "Naam of BSN",
                        invoer("Volledige naam of BSN", &self.inzage_wie, Message::InzageWie).id("inzage-wie"),
                        None
                    ),
                    veld("PDF opslaan als (JSON ernaast)", bestandskeuze(&self.inzage_pad, Bestand::Inzage), None),
                ]
                .spacing(8),
                button(text("Inzage maken")).on_press(Message::InzageMaken).style(Knop::Primair.stijl()),
            ]
            .spacing(6),
        ));
        inhoud = inhoud.push(paneel(
            column![
                text("Auditlog voor de privacyfunctionaris").size(17),
                row![
                    veld("Van (dd-mm-jjjj)", invoer("begin", &self.audit_van, Message::AuditVan).id("audit-van"), None),
                    veld("Tot en met", invoer("heden", &self.audit_tot, Message::AuditTot).id("audit-tot"), None),
                    veld("Casus", invoer("alle", &self.audit_casus, Message::AuditCasus).id("audit-casus"), None),
                ]
                .spacing(8),
                veld("Opslaan als (.csv of .pdf)", bestandskeuze(&self.audit_pad, Bestand::Audit), None),
                button(text("Auditlog exporteren")).on_press(Message::AuditExporteren).style(Knop::Secundair.stijl()),
            ]
            .spacing(6),
        ));

        // Backup and restore.
        let mut herstel = column![
            text("Back-up terugzetten").size(17),
            veld("Back-upbestand", bestandskeuze(&self.herstel_pad, Bestand::Herstel), None),
            veld(
                "Wachtwoord van de back-up",
                invoer("", &self.herstel_ww, Message::HerstelWachtwoord).secure(true).id("herstel-ww"),
                None
            ),
        ]
        .spacing(6);
        if self.met_wachtwoord {
            herstel = herstel.push(veld(
                "Nieuw wachtwoord voor de teruggezette database",
                invoer("", &self.herstel_nieuw_ww, Message::HerstelNieuwWachtwoord).secure(true).id("herstel-nieuw-ww"),
                None,
            ));
        }
        herstel = herstel
            .push(button(text("Back-up terugzetten…")).on_press(Message::Herstellen).style(Knop::Gevaar.stijl()));
        inhoud = inhoud.push(paneel(
            column![
                text("Back-up").size(17),
                veld("Opslaan als", bestandskeuze(&self.backup_pad, Bestand::Backup), None),
                row![
                    veld(
                        "Wachtwoord voor de back-up",
                        invoer("minstens 10 tekens", &self.backup_ww, Message::BackupWachtwoord)
                            .secure(true)
                            .id("backup-ww"),
                        None
                    ),
                    veld(
                        "Herhaal",
                        invoer("", &self.backup_herhaal, Message::BackupHerhaal).secure(true).id("backup-herhaal"),
                        None
                    ),
                ]
                .spacing(8),
                button(text("Back-up maken")).on_press(Message::BackupMaken).style(Knop::Primair.stijl()),
            ]
            .spacing(6),
        ));
        inhoud = inhoud.push(paneel(herstel));
        if !self.kopieen.is_empty() {
            let mut k = column![
                text("Vervangen databases").size(17),
                text(
                    "Bij het terugzetten van een back-up blijft de vervangen database 30 dagen bewaard en wordt daarna \
                     verwijderd. Ze kan casussen bevatten die sindsdien zijn verwijderd.",
                )
                .size(13)
                .style(theme::gedempt),
            ]
            .spacing(6);
            for (i, (naam, tot)) in self.kopieen.iter().enumerate() {
                k = k.push(
                    row![
                        text(format!("{naam} — wordt verwijderd op {}", nl_datum(tot))).size(14).width(Fill),
                        button(text("Nu verwijderen")).on_press(Message::KopieVerwijder(i)).style(Knop::Gevaar.stijl()),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                );
            }
            inhoud = inhoud.push(paneel(k));
        }

        // Key handling.
        let mut sleutel = column![
            text("Sleutel").size(17),
            text(
                "Sleutel vervangen versleutelt de hele database opnieuw met een nieuwe sleutel, bijvoorbeeld na \
                 verlies of vermoeden van misbruik. Wachtwoord wijzigen houdt dezelfde databasesleutel: een oud \
                 sleutelbestand met het oude wachtwoord opent de database nog. Vermoedt u een lek, kies dan Sleutel \
                 vervangen. De herstelsleutel blijft bij beide geldig. Maak een nieuwe herstelsleutel na het \
                 terugzetten van een back-up of als de oude zoek is; de vorige werkt dan niet meer.",
            )
            .size(13)
            .style(theme::gedempt),
        ]
        .spacing(6);
        if self.met_wachtwoord {
            sleutel = sleutel.push(veld(
                "Huidig wachtwoord",
                invoer("", &self.sleutel_ww, Message::SleutelWachtwoord).secure(true).id("sleutel-ww"),
                None,
            ));
        }
        sleutel = sleutel.push(
            row![
                button(text("Sleutel vervangen…")).on_press(Message::SleutelVervangen).style(Knop::Secundair.stijl()),
                button(text("Nieuwe herstelsleutel maken"))
                    .on_press(Message::HerstelsleutelMaken)
                    .style(Knop::Secundair.stijl()),
            ]
            .spacing(8),
        );
        if self.met_wachtwoord {
            sleutel = sleutel.push(
                column![
                    text("Wachtwoord van het sleutelbestand").size(15),
                    row![
                        veld(
                            "Huidig",
                            invoer("", &self.ww_oud, Message::OudWachtwoord).secure(true).id("ww-oud"),
                            None
                        ),
                        veld(
                            "Nieuw",
                            invoer("", &self.ww_nieuw, Message::NieuwWachtwoord).secure(true).id("ww-nieuw"),
                            None
                        ),
                        veld(
                            "Herhaal",
                            invoer("", &self.ww_herhaal, Message::HerhaalWachtwoord).secure(true).id("ww-herhaal"),
                            None
                        ),
                    ]
                    .spacing(8),
                    button(text("Wachtwoord wijzigen"))
                        .on_press(Message::WachtwoordWijzigen)
                        .style(Knop::Secundair.stijl()),
                ]
                .spacing(6),
            );
        }
        inhoud = inhoud.push(paneel(sleutel));

        let basis = scrollable(inhoud.padding(16)).height(Fill);
        match &self.vraag {
            None => basis.into(),
            Some(v) => dialoog(basis, self.dialoog(v), Message::Annuleer),
        }
    }

    fn dialoog(&self, v: &Vraag) -> Element<'_, Message> {
        let nummer = |i: usize| self.te_verwijderen.get(i).map(|c| c.nummer.clone()).unwrap_or_default();
        let (titel, uitleg, velden, knop, gevaar): (String, String, Element<'_, Message>, &str, bool) = match v {
            Vraag::Verwijder(i) => {
                let rij = self.te_verwijderen.get(*i).cloned().unwrap_or_default();
                let (titel, uitleg, vraag) = match rij.soort {
                    Soort::Casus => (
                        format!("Casus {} definitief verwijderen", rij.nummer),
                        "De casus en alles wat eronder valt (betrokkenen, detentie, journaal, plannen, verslagen) \
                         wordt onherroepelijk verwijderd, ook bij collega's na de volgende synchronisatie. Alleen een \
                         regel in de auditlog blijft: casusnummer, datum, wie en waarom.",
                        "Typ het casusnummer ter bevestiging",
                    ),
                    Soort::Melding => (
                        format!("Melding over {} definitief verwijderen", rij.thema),
                        "De melding met haar bronnen en aanbod wordt onherroepelijk verwijderd, ook bij collega's na \
                         de volgende synchronisatie. Alleen een regel in de auditlog blijft: wie, wanneer en waarom.",
                        "Typ de naam ter bevestiging",
                    ),
                    Soort::Adviesvraag => (
                        format!("Adviesvraag {} definitief verwijderen", rij.bevestigtekst()),
                        "De adviesvraag wordt onherroepelijk verwijderd, ook bij collega's na de volgende \
                         synchronisatie. Alleen een regel in de auditlog blijft: wie, wanneer en waarom.",
                        "Typ de code ter bevestiging",
                    ),
                };
                (
                    titel,
                    uitleg.into(),
                    column![
                        veld(
                            "Reden",
                            invoer("Bewaartermijn verstreken", &self.reden, Message::Reden).id("reden"),
                            None
                        ),
                        veld(
                            vraag,
                            invoer(&rij.bevestigtekst(), &self.bevestiging, Message::Bevestiging).id("bevestiging"),
                            None
                        ),
                    ]
                    .spacing(6)
                    .into(),
                    "Definitief verwijderen",
                    true,
                )
            }
            Vraag::Verleng(i) => (
                format!("Bewaartermijn van casus {} verlengen", nummer(*i)),
                "Leg vast tot wanneer de casus bewaard blijft en waarom (bijvoorbeeld een lopende procedure).".into(),
                column![
                    veld(
                        "Bewaren tot en met (dd-mm-jjjj)",
                        invoer("dd-mm-jjjj", &self.tot, Message::Tot).id("tot"),
                        None
                    ),
                    veld("Reden", invoer("", &self.reden, Message::Reden).id("reden"), None),
                ]
                .spacing(6)
                .into(),
                "Verlenging vastleggen",
                false,
            ),
            Vraag::Herstel => (
                "Back-up terugzetten".into(),
                "De huidige database wordt vervangen door de back-up. De huidige database blijft ongewijzigd bewaard \
                 in een aparte map in de gegevensmap. Dit apparaat krijgt daarna een nieuwe identiteit voor \
                 synchronisatie; collega's lezen uw nieuwe visitekaartje in."
                    .into(),
                column![].into(),
                "Terugzetten",
                true,
            ),
            Vraag::Roteer => (
                "De databasesleutel vervangen".into(),
                "De database wordt met een nieuwe sleutel opnieuw versleuteld en daarna in één stap verwisseld. Dat \
                 kan even duren; sluit Schakel niet af."
                    .into(),
                column![].into(),
                "Sleutel vervangen",
                false,
            ),
        };
        let mut c = column![text(titel).size(18), text(uitleg).size(14), velden].spacing(10);
        if let Some(f) = &self.dialoogfout {
            c = c.push(text(f.clone()).size(13).style(theme::rood));
        }
        c.push(
            row![
                button(text("Annuleren")).on_press(Message::Annuleer).style(Knop::Secundair.stijl()),
                button(text(knop)).on_press(Message::Ja).style(if gevaar {
                    Knop::Gevaar.stijl()
                } else {
                    Knop::Primair.stijl()
                }),
            ]
            .spacing(8),
        )
        .into()
    }
}

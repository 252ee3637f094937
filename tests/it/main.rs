//! Integration tests, one module per capability, in a single test binary
//! (every extra binary would link the whole stack again).

mod advies;
mod agenda_algemeen;
mod betrouwbaarheid;
mod bewerken;
pub(crate) mod bezoekdag;
mod casuswerk;
mod cli;
mod compactie;
mod contacten;
mod contactlijst;
mod hulp;
mod koppelingen;
mod medewerkers;
mod meldingen;
mod notities;
mod opschaling;
mod opslag;
mod overleggen;
mod overlegsoort_plannen;
mod pakket;
mod pariteit;
mod privacy;
mod rapport;
mod sleutels;
mod sync;
mod sync_bereik;
mod ui;
mod venster;
mod verstrekking;
mod wachten;

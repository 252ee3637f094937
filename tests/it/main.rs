//! Integration tests, one module per capability, in a single test binary
//! (every extra binary would link the whole stack again).

mod betrouwbaarheid;
mod cli;
mod contactlijst;
mod hulp;
mod opslag;
mod overleggen;
mod pakket;
mod privacy;
mod rapport;
mod sync;
mod ui;
mod wachten;

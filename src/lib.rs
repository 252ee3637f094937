//! Schakel: offline case management for the Zorg- en Veiligheidshuizen.
//!
//! Layers, dependencies pointing one way: `cli`/`ui` → `sync`/`report`/`demo` → `store` → `domain`.

#![warn(missing_docs)]

pub mod bench;
pub mod cli;
pub mod contactlijst;
pub mod demo;
pub mod domain;
pub mod handleiding;
pub mod melding;
pub mod over;
pub mod report;
pub mod store;
pub mod sync;
#[cfg(feature = "venster")]
pub mod ui;

//! One module per screen: each has its own `State`, `Message` and `Event`; `update`
//! returns `(Task<Message>, Option<Event>)` and the root app turns events into store calls.

pub mod advies;
pub mod bezoekdag;
pub mod board;
pub mod detail;
pub mod instellingen;
pub mod kengetallen;
pub mod meldingen;
pub mod ontgrendel;
pub mod overleggen;
pub mod partners;
pub mod plan;
pub mod privacy;
pub mod start;
pub mod synchronisatie;

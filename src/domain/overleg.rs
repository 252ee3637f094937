//! Meetings (overleggen).

use super::code_enum;

code_enum! {
    /// Kind of meeting.
    OverlegSoort, "overlegsoort" {
        /// Triage table.
        Weegtafel => "weegtafel", "Weegtafel";
        /// Case meeting with the involved professionals.
        Casusoverleg => "casusoverleg", "Casusoverleg";
        /// MDA++ analysis team.
        MdaAnalyseteam => "mda_analyseteam", "MDA++ analyseteam";
        /// Human trafficking consultation.
        Drieluik => "drieluik", "Drieluik";
        /// Stalking table.
        Stalkingtafel => "stalkingtafel", "Stalkingtafel";
        /// Network meeting.
        Netwerkoverleg => "netwerkoverleg", "Netwerkoverleg";
    }
}

code_enum! {
    /// Status of a meeting.
    OverlegStatus, "overlegstatus" {
        /// Planned, agenda may change.
        Gepland => "gepland", "Gepland";
        /// Closed: minutes are read-only.
        Gesloten => "gesloten", "Gesloten";
    }
}

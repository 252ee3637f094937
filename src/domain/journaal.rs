//! Journal entries: notes and contact moments.

use super::code_enum;

code_enum! {
    /// Kind of journal entry.
    JournaalSoort, "journaalsoort" {
        /// A plain note.
        Notitie => "notitie", "Notitie";
        /// Contact with the person or a professional.
        Contactmoment => "contactmoment", "Contactmoment";
        /// A visit in a penitentiary institution (with inrichting).
        PiBezoek => "pi_bezoek", "PI-bezoek";
    }
}

//! Partner organisations and their covenant status.

use super::code_enum;

code_enum! {
    /// Whether personal data may be shared with a partner.
    Convenantstatus, "convenantstatus" {
        /// Signed the covenant and privacy protocol.
        Convenant => "convenant", "Convenant";
        /// Joined by a declaration of intent.
        Intentieverklaring => "intentieverklaring", "Intentieverklaring";
        /// No agreement: personal data may not be shared.
        Geen => "geen", "Geen afspraak";
    }
}

impl Convenantstatus {
    /// May personal data of a case be shared with this partner?
    pub fn mag_persoonsgegevens_ontvangen(self) -> bool {
        !matches!(self, Convenantstatus::Geen)
    }
}

code_enum! {
    /// Kind of partner organisation.
    PartnerSoort, "partnersoort" {
        /// Police, OM, reclassering, DJI and other justice partners.
        Justitie => "justitie", "Justitie en veiligheid";
        /// GGZ, verslavingszorg, Veilig Thuis and other care partners.
        Zorg => "zorg", "Zorg";
        /// Municipalities and their teams.
        Gemeente => "gemeente", "Gemeente";
        /// Housing corporations and other partners.
        Overig => "overig", "Overig";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geen_may_not_receive_personal_data() {
        assert!(!Convenantstatus::Geen.mag_persoonsgegevens_ontvangen());
        assert!(Convenantstatus::Convenant.mag_persoonsgegevens_ontvangen());
        assert!(Convenantstatus::Intentieverklaring.mag_persoonsgegevens_ontvangen());
    }
}

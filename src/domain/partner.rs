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

/// A phone number as typed: digits with optional spaces, dashes, dots or brackets and a
/// leading `+`; 10 digits (Dutch) or 11–15 (international). Empty is allowed (unknown).
/// Returns the number as typed, trimmed.
pub fn telefoonnummer(tekst: &str) -> Result<String, super::DomeinFout> {
    let t = tekst.trim();
    if t.is_empty() {
        return Ok(String::new());
    }
    let fout = || super::DomeinFout::OngeldigTelefoonnummer(t.to_string());
    let toegestaan = t
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')') || (c == '+' && i == 0));
    let cijfers = t.chars().filter(char::is_ascii_digit).count();
    let internationaal = t.starts_with('+') || t.starts_with("00");
    if !toegestaan || !(if internationaal { (11..=15).contains(&cijfers) } else { cijfers == 10 }) {
        return Err(fout());
    }
    if !internationaal && !t.starts_with('0') && !t.starts_with("(0") {
        return Err(fout());
    }
    Ok(t.to_string())
}

/// An e-mail address: one `@`, a non-empty local part, a domain with a dot and no
/// spaces. Empty is allowed (unknown). Returns it trimmed and lower-cased domain.
pub fn emailadres(tekst: &str) -> Result<String, super::DomeinFout> {
    let t = tekst.trim();
    if t.is_empty() {
        return Ok(String::new());
    }
    let fout = || super::DomeinFout::OngeldigEmailadres(t.to_string());
    let (lokaal, domein) = t.split_once('@').ok_or_else(fout)?;
    let goed = !lokaal.is_empty()
        && !domein.contains('@')
        && !t.chars().any(char::is_whitespace)
        && domein.contains('.')
        && !domein.starts_with('.')
        && !domein.ends_with('.')
        && !domein.contains("..");
    if !goed {
        return Err(fout());
    }
    Ok(format!("{lokaal}@{}", domein.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telefoonnummers_en_emailadressen() {
        for goed in ["06-01234567", "0512 345 678", "(050) 123 45 67", "+31 6 01234567", "0031601234567", ""] {
            assert!(telefoonnummer(goed).is_ok(), "{goed}");
        }
        for fout in ["12345", "06-0123456a", "6-01234567", "+31", "06 0123 4567 8", "++31601234567"] {
            assert!(telefoonnummer(fout).is_err(), "{fout}");
        }
        assert_eq!(emailadres(" Jan@Voorbeeld.EXAMPLE ").unwrap(), "Jan@voorbeeld.example");
        for fout in ["jan", "jan@", "@x.nl", "jan@x", "jan@@x.nl", "jan @x.nl", "jan@x..nl", "jan@.x.nl"] {
            assert!(emailadres(fout).is_err(), "{fout}");
        }
    }

    #[test]
    fn geen_may_not_receive_personal_data() {
        assert!(!Convenantstatus::Geen.mag_persoonsgegevens_ontvangen());
        assert!(Convenantstatus::Convenant.mag_persoonsgegevens_ontvangen());
        assert!(Convenantstatus::Intentieverklaring.mag_persoonsgegevens_ontvangen());
    }
}

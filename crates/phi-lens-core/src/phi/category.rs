//! The 18 HIPAA Safe Harbor identifiers (45 CFR 164.514(b)(2)(i)), lettered A–R in the
//! order of the regulation, and the spellings projects use for them in `meta.phi_category`.

use serde::Serialize;

/// One of the 18 Safe Harbor identifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum SafeHarbor {
    /// (A) Names.
    A,
    /// (B) Geographic subdivisions smaller than a state.
    B,
    /// (C) Dates (except year) directly related to an individual, and ages over 89.
    C,
    /// (D) Telephone numbers.
    D,
    /// (E) Fax numbers.
    E,
    /// (F) E-mail addresses.
    F,
    /// (G) Social security numbers.
    G,
    /// (H) Medical record numbers.
    H,
    /// (I) Health plan beneficiary numbers.
    I,
    /// (J) Account numbers.
    J,
    /// (K) Certificate/license numbers.
    K,
    /// (L) Vehicle identifiers and serial numbers, including license plates.
    L,
    /// (M) Device identifiers and serial numbers.
    M,
    /// (N) Web URLs.
    N,
    /// (O) IP addresses.
    O,
    /// (P) Biometric identifiers.
    P,
    /// (Q) Full-face photographs and comparable images.
    Q,
    /// (R) Any other unique identifying number, characteristic or code.
    R,
}

impl SafeHarbor {
    /// All 18, in the regulation's order.
    pub const ALL: [SafeHarbor; 18] = [
        SafeHarbor::A,
        SafeHarbor::B,
        SafeHarbor::C,
        SafeHarbor::D,
        SafeHarbor::E,
        SafeHarbor::F,
        SafeHarbor::G,
        SafeHarbor::H,
        SafeHarbor::I,
        SafeHarbor::J,
        SafeHarbor::K,
        SafeHarbor::L,
        SafeHarbor::M,
        SafeHarbor::N,
        SafeHarbor::O,
        SafeHarbor::P,
        SafeHarbor::Q,
        SafeHarbor::R,
    ];

    /// The first paragraph of `docs/safe-harbor.md` about this identifier (`A1`…`R1`).
    pub fn paragraph(self) -> &'static str {
        match self {
            SafeHarbor::A => "A1",
            SafeHarbor::B => "B1",
            SafeHarbor::C => "C1",
            SafeHarbor::D => "D1",
            SafeHarbor::E => "E1",
            SafeHarbor::F => "F1",
            SafeHarbor::G => "G1",
            SafeHarbor::H => "H1",
            SafeHarbor::I => "I1",
            SafeHarbor::J => "J1",
            SafeHarbor::K => "K1",
            SafeHarbor::L => "L1",
            SafeHarbor::M => "M1",
            SafeHarbor::N => "N1",
            SafeHarbor::O => "O1",
            SafeHarbor::P => "P1",
            SafeHarbor::Q => "Q1",
            SafeHarbor::R => "R1",
        }
    }

    /// The letter, `"A"`…`"R"`.
    pub fn letter(self) -> &'static str {
        match self {
            SafeHarbor::A => "A",
            SafeHarbor::B => "B",
            SafeHarbor::C => "C",
            SafeHarbor::D => "D",
            SafeHarbor::E => "E",
            SafeHarbor::F => "F",
            SafeHarbor::G => "G",
            SafeHarbor::H => "H",
            SafeHarbor::I => "I",
            SafeHarbor::J => "J",
            SafeHarbor::K => "K",
            SafeHarbor::L => "L",
            SafeHarbor::M => "M",
            SafeHarbor::N => "N",
            SafeHarbor::O => "O",
            SafeHarbor::P => "P",
            SafeHarbor::Q => "Q",
            SafeHarbor::R => "R",
        }
    }

    /// A short name an auditor recognises.
    pub fn name(self) -> &'static str {
        match self {
            SafeHarbor::A => "names",
            SafeHarbor::B => "geographic subdivisions smaller than a state",
            SafeHarbor::C => "dates related to an individual, ages over 89",
            SafeHarbor::D => "telephone numbers",
            SafeHarbor::E => "fax numbers",
            SafeHarbor::F => "email addresses",
            SafeHarbor::G => "social security numbers",
            SafeHarbor::H => "medical record numbers",
            SafeHarbor::I => "health plan beneficiary numbers",
            SafeHarbor::J => "account numbers",
            SafeHarbor::K => "certificate/license numbers",
            SafeHarbor::L => "vehicle identifiers",
            SafeHarbor::M => "device identifiers",
            SafeHarbor::N => "web URLs",
            SafeHarbor::O => "IP addresses",
            SafeHarbor::P => "biometric identifiers",
            SafeHarbor::Q => "full-face photographs",
            SafeHarbor::R => "other unique identifying numbers",
        }
    }

    /// Reads a declared category: the letter itself, or one of the usual spellings
    /// (`name`, `geographic`, `date`, `dob`, `phone`, `ssn`, `mrn`, `member_id`…),
    /// compared case-insensitively with `-`, ` ` and `.` read as `_`.
    pub fn parse(value: &str) -> Option<SafeHarbor> {
        let v = value.trim();
        if v.len() == 1 {
            let c = v.chars().next()?.to_ascii_uppercase();
            return SafeHarbor::ALL.iter().copied().find(|s| s.letter().starts_with(c));
        }
        let norm: String =
            v.chars().map(|c| if matches!(c, '-' | ' ' | '.' | '/') { '_' } else { c.to_ascii_lowercase() }).collect();
        let norm = norm.strip_prefix("phi_").unwrap_or(&norm);
        let norm = norm.strip_prefix("pii_").unwrap_or(norm);
        Some(match norm {
            "name" | "names" | "full_name" | "first_name" | "last_name" | "person_name" | "patient_name" => {
                SafeHarbor::A
            }
            "geographic" | "geography" | "geo" | "address" | "street_address" | "location" | "zip" | "zip_code"
            | "postal_code" | "city" | "county" | "geolocation" | "coordinates" => SafeHarbor::B,
            "date" | "dates" | "dob" | "date_of_birth" | "birth_date" | "birthdate" | "death_date" | "age"
            | "date_time" | "datetime" | "service_date" => SafeHarbor::C,
            "phone" | "telephone" | "phone_number" | "telephone_number" | "mobile" => SafeHarbor::D,
            "fax" | "fax_number" => SafeHarbor::E,
            "email" | "e_mail" | "email_address" => SafeHarbor::F,
            "ssn" | "social_security_number" | "social_security" => SafeHarbor::G,
            "mrn" | "medical_record_number" | "medical_record" => SafeHarbor::H,
            "health_plan_beneficiary_number"
            | "beneficiary_number"
            | "health_plan_beneficiary"
            | "member_id"
            | "member_number"
            | "subscriber_id"
            | "beneficiary_id"
            | "mbi"
            | "hicn"
            | "health_plan_id" => SafeHarbor::I,
            "account_number" | "account" | "account_id" => SafeHarbor::J,
            "certificate_license_number"
            | "certificate"
            | "license"
            | "licence"
            | "license_number"
            | "certificate_number"
            | "drivers_license" => SafeHarbor::K,
            "vehicle_identifier" | "vehicle" | "vin" | "license_plate" => SafeHarbor::L,
            "device_identifier" | "device" | "device_id" | "serial_number" | "udi" => SafeHarbor::M,
            "url" | "web_url" | "website" | "uri" => SafeHarbor::N,
            "ip_address" | "ip" | "ip_addr" => SafeHarbor::O,
            "biometric" | "biometric_identifier" | "fingerprint" | "voiceprint" => SafeHarbor::P,
            "photo" | "photograph" | "full_face_photograph" | "full_face_photo" | "image" | "face_image" => {
                SafeHarbor::Q
            }
            "other_unique_identifier"
            | "unique_identifier"
            | "other"
            | "identifier"
            | "id"
            | "other_identifier"
            | "unique_id"
            | "other_unique_identifying_number" => SafeHarbor::R,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::SafeHarbor;

    #[test]
    fn parses_letters_and_the_usual_spellings() {
        assert_eq!(SafeHarbor::parse("g"), Some(SafeHarbor::G));
        assert_eq!(SafeHarbor::parse("ssn"), Some(SafeHarbor::G));
        assert_eq!(SafeHarbor::parse("Health Plan Beneficiary Number"), Some(SafeHarbor::I));
        assert_eq!(SafeHarbor::parse("other_unique_identifier"), Some(SafeHarbor::R));
        assert_eq!(SafeHarbor::parse("phi.date"), Some(SafeHarbor::C));
        assert_eq!(SafeHarbor::parse("diagnosis"), None);
    }
}

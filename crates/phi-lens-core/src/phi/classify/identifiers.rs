//! The specific identifiers of Safe Harbor, each named by its own words: SSN (§G1), medical
//! record and beneficiary numbers (§H1, §I1), e-mail, fax, phone (§F1, §E1, §D1), IP
//! addresses, biometrics, photos, URLs, licences, vehicles, devices (§O1–§K1) and accounts (§J1).

use super::vocabulary::*;
use super::{Reading, Verdict};
use crate::findings::Confidence;
use crate::phi::category::SafeHarbor;
use crate::phi::context::{Grain, WordClass};

/// The specific identifiers, or `None` when the name names none of them.
pub(super) fn specific_identifier(r: &Reading<'_>) -> Option<Verdict> {
    let Reading { ws, ctx, person_owner, id_pos, names_a_product, .. } = *r;
    let before_id = r.before_id();
    let high = Confidence::High;
    let medium = Confidence::Medium;
    // G, H, I: the specific numbers.
    // Other countries' social security numbers: France's NIR and *numéro de sécurité sociale*,
    // Mexico's NSS, the UK's National Insurance number.
    if has(ws, "ssn")
        || has(ws, "nir")
        || has(ws, "nss")
        || ws.windows(2).any(|p| p == ["social", "security"] || p == ["national", "insurance"])
    {
        return Some(r.detect(SafeHarbor::G, "G1", high, "a social security number".into()));
    }
    if has(ws, "mrn")
        || (ws.windows(2).any(|p| p == ["medical", "record"]) && ws.iter().any(|w| is_id_word(w)))
        || ws.windows(2).any(|p| matches!(p, ["chart", "number" | "id"]))
        || (id_pos.is_some_and(|p| ws[p] == "number")
            && before_id.last().is_some_and(|w| matches!(*w, "inpatient" | "outpatient" | "hospital")))
    {
        return Some(r.detect(
            SafeHarbor::H,
            "H1",
            high,
            "a medical record number (a patient's number at a facility)".into(),
        ));
    }
    if has(ws, "hicn") || has(ws, "mbi") || has(ws, "rrb") {
        return Some(r.detect(
            SafeHarbor::I,
            "I1",
            high,
            "a Medicare or Railroad Retirement beneficiary number".into(),
        ));
    }
    if id_pos.is_some() && !names_a_product {
        if let Some((WordClass::Member, w)) = person_owner {
            if before_id.contains(&w) && !before_id.iter().any(|b| is_code_key_word(b) || is_ordinal_word(b)) {
                return Some(r.detect(SafeHarbor::I, "I1", high, format!("the `{w}` number a health plan assigns")));
            }
        }
        // `access_policy_id`, `retention_policy_id`: a policy of the system, not an insurance policy.
        let system_policy = before_id.windows(2).any(|p| {
            p[1] == "policy"
                && matches!(
                    p[0],
                    "access"
                        | "security"
                        | "privacy"
                        | "retention"
                        | "masking"
                        | "data"
                        | "sharing"
                        | "consent"
                        | "row"
                        | "password"
                        | "cancellation"
                        | "refund"
                )
        });
        if !system_policy
            && before_id.iter().any(|b| matches!(*b, "medicaid" | "medicare" | "policy" | "insurance" | "nhs"))
        {
            return Some(r.detect(
                SafeHarbor::I,
                "I1",
                high,
                "a health plan, policy or national health service number".into(),
            ));
        }
    }
    if has(ws, "email") {
        return Some(r.detect(SafeHarbor::F, "F1", high, "an e-mail address".into()));
    }
    if has(ws, "fax") {
        return Some(r.detect(SafeHarbor::E, "E1", high, "a fax number".into()));
    }
    // `contact_info`, `contact_details` of a person: their telephone, e-mail or address.
    if has(ws, "contact")
        && ws.iter().any(|w| matches!(*w, "info" | "information" | "details"))
        && (person_owner.is_some() || matches!(ctx.grain, Grain::Patient | Grain::Member))
    {
        return Some(r.detect(SafeHarbor::D, "D1", medium, "the contact details of an individual".into()));
    }
    // "Contact number", "cell number": as much of the world writes a telephone number.
    if has(ws, "phone") || ws.windows(2).any(|p| matches!(p, ["contact" | "cell", "number"])) {
        return Some(r.detect(SafeHarbor::D, "D1", high, "a telephone number".into()));
    }
    if has(ws, "ip") && ws.len() <= 3 && !clinical_abbreviation_context(ws) {
        return Some(r.detect(SafeHarbor::O, "O1", medium, "an IP address".into()));
    }
    if has(ws, "biometric") || has(ws, "fingerprint") {
        return Some(r.detect(SafeHarbor::P, "P1", high, "a biometric identifier".into()));
    }
    if has(ws, "photo") {
        return Some(r.detect(SafeHarbor::Q, "Q1", medium, "a photograph".into()));
    }
    // `patient_img`: an image of the individual (an imaging study's `image_id` names no person).
    if has(ws, "image") && person_owner.is_some_and(|(c, _)| matches!(c, WordClass::Patient | WordClass::Member)) {
        return Some(r.detect(SafeHarbor::Q, "Q1", medium, "an image of the individual".into()));
    }
    if has(ws, "url") && (person_owner.is_some() || ctx.grain == Grain::Patient) {
        return Some(r.detect(SafeHarbor::N, "N1", medium, "the web address of an individual".into()));
    }
    if (has(ws, "license") || has(ws, "certificate") || has(ws, "passport")) && id_pos.is_some() {
        return Some(r.detect(SafeHarbor::K, "K1", medium, "a certificate or license number".into()));
    }
    if has(ws, "vin") || ws.windows(2).any(|p| p == ["license", "plate"]) || (has(ws, "vehicle") && id_pos.is_some()) {
        return Some(r.detect(SafeHarbor::L, "L1", medium, "a vehicle identifier".into()));
    }
    if has(ws, "udi")
        || has(ws, "imei")
        // (`device_exposure_id` is the key of an exposure record, `device_concept_id` a code.)
        || (has(ws, "device") && (id_pos.is_some_and(|p| p > 0 && ws[p - 1] == "device") || has(ws, "serial")))
        || ws.windows(2).any(|p| p == ["serial", "number"])
    {
        return Some(r.detect(SafeHarbor::M, "M1", medium, "a device identifier or serial number".into()));
    }
    if has(ws, "account") && ws.iter().any(|w| is_id_word(w)) {
        return Some(r.detect(SafeHarbor::J, "J1", medium, "an account number".into()));
    }

    None
}

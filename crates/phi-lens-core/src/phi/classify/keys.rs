//! Other unique identifying numbers (§R): keys of individuals (§R1), keys of their records
//! and events (§R2, a policy choice), and the keys and ordinals that identify nothing (§R3).

use super::vocabulary::*;
use super::{not_phi, Reading, TypeKind, Verdict};
use crate::findings::Confidence;
use crate::phi::category::SafeHarbor;
use crate::phi::context::{Grain, WordClass};

/// A key of an individual or of one of their records, or `None` when the column is no key.
pub(super) fn key(r: &Reading<'_>) -> Option<Verdict> {
    let Reading { name, ws, ty, ctx, person_owner, names_a_product, .. } = *r;
    let high = Confidence::High;
    let medium = Confidence::Medium;
    // `patient_code`, `member_code`: the code that names one individual (a `diagnosis_code` is
    // a code of a condition).
    if let [person, "code"] = ws {
        if matches!(crate::phi::context::word_class(person), Some(WordClass::Patient | WordClass::Member)) {
            return Some(r.detect(
                SafeHarbor::R,
                "R1",
                medium,
                format!("a code that names one individual (`{person}`)"),
            ));
        }
    }
    // A surrogate or hash key built from several keys, one of them the individual's
    // (`patient_payor_bridge_sk`, Data Vault's `hk_patient_encounter`, a key "composed of
    // condition_id and patient_id"), embeds a person id: §R1 under either record-key setting.
    if let Some(person) = embedded_person_key(ws, r.description) {
        return Some(r.detect(
            SafeHarbor::R,
            "R1",
            medium,
            format!("a key built from the individual's key (`{person}`) and others: it embeds a person id (§X2)"),
        ));
    }
    // R: other unique identifying numbers: person keys (§R1) and record keys (§R2).
    if let Some(p) = ws.iter().rposition(|w| is_id_word(w)) {
        let before = &ws[..p];
        // A policy that is not an insurance policy (above) is the system's (`access_policy_id`).
        if before.iter().any(|w| is_code_key_word(w)) || names_a_product || before.contains(&"policy") {
            return Some(Verdict::default());
        }
        // `line_number`, `s_no` (a serial number), `queue_no`, `line_id`: a place in a sequence.
        let serial =
            before == ["s"] || before.last().is_some_and(|w| matches!(*w, "serial" | "queue" | "token" | "sl" | "sr"));
        let ordinal = match ws[p] {
            "number" => before.last().is_some_and(|w| is_ordinal_word(w)),
            // `order_id`, `claim_line_id` are keys of records; a row or a sequence is a place in one.
            "id" => before.last().is_some_and(|w| matches!(*w, "row" | "sequence")),
            _ => false,
        };
        if ordinal || (serial && matches!(ws[p], "number" | "id")) {
            return Some(not_phi("R3", "an ordinal inside a parent record"));
        }
        // `children_number`, `female_number`: how many, not an identifying number.
        if ws[p] == "number" && before.last().is_some_and(|w| is_counted_word(w)) {
            return Some(Verdict::default());
        }
        if before.contains(&"lot") {
            return Some(Verdict::default());
        }
        // `id_pais_mae`, `country_id`: the code of a country or a state, larger than any
        // subdivision Safe Harbor removes (§B3), whoever it is about.
        if let Some(w) = ws.iter().find(|w| matches!(**w, "country" | "state" | "nationality")) {
            return Some(not_phi("B3", format!("the code of a `{w}`, no subdivision smaller than a state")));
        }
        // `gender_id`, `vaccine_id`, `cause_of_death_id`: the key of a row of a code set or a
        // catalogue (§R3); `patient_illness_id`, `md_patient_vaccine_id`: the key of one
        // individual's illness or vaccine record (§R2), whoever it is about.
        if let Some(listed) = before.iter().rev().find(|w| is_listed_content(w)) {
            let names_it = before.last().is_some_and(|w| is_listed_content(w)) || before.contains(&"of");
            if names_it {
                return Some(match person_owner {
                    Some((_, w)) => r.detect(
                        SafeHarbor::R,
                        "R2",
                        high,
                        format!("the key of one `{listed}` record of the `{w}` (a record, not the person)"),
                    ),
                    None => not_phi("R3", format!("the key of a row of a list of `{listed}` values, not of a person")),
                });
            }
        }
        if let Some((class, w)) = person_owner {
            return Some(match class {
                WordClass::Patient | WordClass::WeakPatient if is_relative_word(w) => {
                    r.detect(SafeHarbor::R, "R1", high, format!("a key of a relative or household member (`{w}`)"))
                }
                WordClass::Patient | WordClass::WeakPatient => {
                    r.detect(SafeHarbor::R, "R1", high, format!("a key that resolves to one individual (`{w}`)"))
                }
                WordClass::Member => {
                    r.detect(SafeHarbor::R, "R1", high, format!("a derived key of a health-plan member (`{w}`)"))
                }
                _ => r.detect(
                    SafeHarbor::R,
                    "R2",
                    high,
                    format!("the key of one `{w}` record (a record, not the person)"),
                ),
            });
        }
        if ctx.grain.is_individual() {
            // `bed_id`, `room_id` in a row about a patient: the facility's resource, not a person.
            if !before.is_empty() && before.iter().all(|w| is_facility_resource(w)) {
                return Some(not_phi("R3", "the key of a facility's resource (a bed, a room), not of a person"));
            }
            if let Some(f) = ctx.fhir {
                if f.id_letter.is_none() {
                    return Some(Verdict::default());
                }
            }
            // The node's own key, or another key of a row about one individual.
            let own_key = before.is_empty()
                || before.iter().all(|w| {
                    matches!(
                        *w,
                        "current"
                            | "previous"
                            | "original"
                            | "old"
                            | "new"
                            | "internal"
                            | "external"
                            | "source"
                            | "unique"
                            | "global"
                            | "enterprise"
                            | "uu"
                            | "#"
                    )
                });
            let own_key = own_key || ctx.own_word.as_deref().is_some_and(|own| before == [own]);
            let strength = if own_key { medium } else { Confidence::Low };
            // Rows about a person: their key is a person key. Rows about a record: their key
            // (and any other key not named after a person) identifies a record.
            let (category, paragraph) = match ctx.grain {
                Grain::Member if ws[p] == "number" => (SafeHarbor::I, "I1"),
                Grain::Patient | Grain::Member => (SafeHarbor::R, "R1"),
                _ => (SafeHarbor::R, "R2"),
            };
            return Some(r.detect(
                category,
                paragraph,
                strength,
                format!("a key of a row about {}", ctx.grain.phrase()),
            ));
        }
        return Some(Verdict::default());
    }
    // OMOP's `person_source_value` is the person's id in the source system; a location's
    // `location_source_value` in a table of individuals' locations is their address.
    if ws.ends_with(&["source", "value"]) {
        if let Some((WordClass::Patient | WordClass::Member, w)) = person_owner {
            return Some(r.detect(SafeHarbor::R, "R1", medium, format!("the source system's id of the `{w}`")));
        }
        if ws.len() == 3 && matches!(ws[0], "location" | "address") && ctx.grain == Grain::Patient {
            return Some(r.detect(
                SafeHarbor::B,
                "B1",
                medium,
                "the address an individual's location was read from".into(),
            ));
        }
    }
    // A column that is only a subject word (`patient`, `member`) holds that subject's key.
    let plural = name.ends_with(['s', 'S']);
    if ws.len() == 1 && !plural && ty != TypeKind::Number {
        if let Some((class @ (WordClass::Patient | WordClass::Member), w)) = person_owner {
            let category = if class == WordClass::Member { SafeHarbor::I } else { SafeHarbor::R };
            let paragraph = if class == WordClass::Member { "I1" } else { "R1" };
            return Some(r.detect(
                category,
                paragraph,
                medium,
                format!("a column named `{w}` holds that individual's key"),
            ));
        }
    }

    None
}

/// The person word of a surrogate or hash key (`key`, `sk`, `hk`) that names or is described as
/// built from an individual's key beside other parts; `None` for a person's own key
/// (`patient_sk`, §R1 below) and for every other key.
pub(super) fn embedded_person_key(ws: &[&str], description: &str) -> Option<String> {
    if !ws.contains(&"key") || ws.iter().any(|w| is_code_key_word(w) || (is_id_word(w) && *w != "key")) {
        return None;
    }
    let parts: Vec<&&str> = ws.iter().filter(|w| **w != "key").collect();
    let person = |w: &str| matches!(crate::phi::context::word_class(w), Some(WordClass::Patient | WordClass::Member));
    if parts.len() >= 2 {
        if let Some(w) = parts.iter().find(|w| person(w)) {
            return Some(w.to_string());
        }
    }
    // The description names the individual's key as code (`patient_id`, `hk_patient_...`).
    let mut buf = String::new();
    description.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).filter(|t| t.contains('_')).find_map(|t| {
        let tw = crate::phi::tokens::words(t, &mut buf);
        let p = tw.iter().position(|w| person(w))?;
        tw.iter().any(|w| is_id_word(w)).then(|| tw[p].to_string())
    })
}

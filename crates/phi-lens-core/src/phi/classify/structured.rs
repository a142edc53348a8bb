//! Columns whose type or standard says what they hold, whatever their words: FHIR's nested
//! elements stored as structs (a `period` of start and end dates, a `subject` reference to the
//! Patient), FHIR's date elements by their standard names, and a loader's catch-all column of
//! fields that did not fit the schema (Databricks Auto Loader's `_rescued_data`).

use super::{Reading, Verdict};
use crate::findings::Confidence;
use crate::phi::category::SafeHarbor;

/// The top-level field names of a `struct<…>` type (`struct<start:string,end:string>` →
/// `start`, `end`), or `None` when the type is no struct.
fn struct_fields(data_type: &str) -> Option<Vec<&str>> {
    let mut t = data_type.trim();
    // `array<struct<reference:string>>`: the fields of each element.
    if let Some(inner) = t.get(..6).filter(|p| p.eq_ignore_ascii_case("array<")).and_then(|_| t[6..].strip_suffix('>'))
    {
        t = inner;
    }
    let inner = t.get(..7).filter(|p| p.eq_ignore_ascii_case("struct<")).map(|_| &t[7..])?;
    let inner = inner.strip_suffix('>')?;
    let mut fields = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, b) in inner.bytes().enumerate() {
        match b {
            b'<' | b'(' => depth += 1,
            b'>' | b')' => depth = depth.saturating_sub(1),
            b',' if depth == 0 => {
                fields.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    fields.push(&inner[start..]);
    Some(fields.into_iter().filter_map(|f| f.split(':').next()).map(str::trim).filter(|f| !f.is_empty()).collect())
}

/// FHIR R4 elements that date an event of the resource (`Condition.recordedDate`,
/// `Observation.effectiveDateTime`, `DiagnosticReport.issued`), written as warehouses spell
/// them: lower case, no separators.
pub(super) fn is_fhir_date_element(name: &str) -> bool {
    if name.len() > 20 {
        return false;
    }
    let flat: String = name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
    matches!(
        flat.as_str(),
        "recordeddate"
            | "effectivedatetime"
            | "effectiveinstant"
            | "issued"
            | "authoredon"
            | "occurrencedatetime"
            | "abatementdatetime"
            | "onsetdatetime"
            | "performeddatetime"
            | "asserteddate"
            | "whenhandedover"
            | "whenprepared"
            | "started"
            | "created"
            | "date"
            | "sent"
            | "received"
            | "recorded"
            | "lastoccurrence"
            | "deceaseddatetime"
            | "birthdate"
    )
}

/// What the column's type or a standard says it holds, or `None`.
pub(super) fn structured(r: &Reading<'_>) -> Option<Verdict> {
    // (Most columns are none of these: the name is flattened only when a rule may apply.)
    let flat =
        || -> String { r.name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect() };
    let individual = r.ctx.grain.is_individual() || r.person_owner.is_some();
    // A whole record kept as JSON (`data`, `payload`, `raw` typed variant/JSON/object) in rows
    // about individuals holds every field of the record, identifiers included (§R1's catch-all).
    let whole_record = matches!(r.ws, ["data"] | ["payload"] | ["raw"] | ["raw", "data"] | ["raw", "json"] | ["body"])
        && r.ty == super::TypeKind::Json;
    if individual && whole_record {
        return Some(r.detect(
            SafeHarbor::R,
            "R1",
            Confidence::Medium,
            "a whole record kept as JSON in a row about an individual: it holds the record's identifiers".into(),
        ));
    }
    if individual && r.name.strip_prefix('_').is_some_and(|n| n.eq_ignore_ascii_case("rescued_data")) {
        return Some(r.detect(
            SafeHarbor::R,
            "R1",
            Confidence::Medium,
            "Auto Loader's catch-all of the source fields that did not fit the schema: it may hold any of the record's identifiers".into(),
        ));
    }
    if let Some(fields) = r.data_type.and_then(struct_fields) {
        let has = |f: &str| fields.iter().any(|x| x.eq_ignore_ascii_case(f));
        if has("start") && has("end") && fields.len() <= 3 {
            return Some(r.detect(
                SafeHarbor::C,
                "C1",
                Confidence::High,
                "a struct of a period's start and end dates (FHIR `Period`): the dates of the event".into(),
            ));
        }
        // A reference to the individual's own resource (`subject`, `patient`), or, when every
        // field is a reference's (`CarePlan.addresses`, `Encounter.reasonReference`), to other
        // resources.
        let referent = matches!(flat().as_str(), "subject" | "patient" | "beneficiary" | "individual" | "person");
        let only_references =
            fields.iter().all(|f| ["reference", "display", "type"].iter().any(|k| f.eq_ignore_ascii_case(k)));
        if only_references && !referent {
            return Some(super::not_phi(
                "R2",
                "FHIR references to other resources (`Condition/<id>`), not a value of the individual",
            ));
        }
        if has("reference") && referent {
            return Some(if has("display") {
                r.detect(
                    SafeHarbor::A,
                    "A1",
                    Confidence::Medium,
                    "a FHIR reference to the individual whose `display` is the individual's name".into(),
                )
            } else {
                r.detect(
                    SafeHarbor::R,
                    "R1",
                    Confidence::Medium,
                    "a FHIR reference to the individual's resource".into(),
                )
            });
        }
    }
    // `extension_url`, `ext2_url`: the URL that defines a FHIR extension, not the individual's.
    if r.ws.last() == Some(&"url") && r.ws.iter().any(|w| matches!(*w, "extension" | "ext")) {
        return Some(super::not_phi("N1", "the URL that defines a FHIR extension, not an individual's web address"));
    }
    // `patient_reference`, `subject_ref`: a FHIR reference (`Patient/123`) to the individual.
    if let [w, "reference" | "ref"] = r.ws {
        if r.person_owner.is_some_and(|(_, o)| o == *w) {
            return Some(r.detect(
                SafeHarbor::R,
                "R1",
                Confidence::High,
                "a reference to the individual's resource (`Patient/<id>`)".into(),
            ));
        }
    }
    let fhir = r.ctx.fhir.filter(|f| f.id_letter.is_some());
    // FHIR Device's UDI elements (`udiCarrier`, `distinctIdentifier`, `serialNumber`).
    if fhir.is_some_and(|f| f.name == "Device")
        && matches!(flat().as_str(), "udicarrier" | "distinctidentifier" | "serialnumber")
    {
        return Some(r.detect(SafeHarbor::M, "M1", Confidence::High, "a FHIR Device's UDI or serial number".into()));
    }
    // A nested element that holds a period or a date (`Encounter.participant[].period`,
    // `ImagingStudy.series[].started`): the struct takes the letter of its dates.
    if fhir.is_some() {
        if let Some(t) = r.data_type.map(str::to_ascii_lowercase) {
            let dated = t.starts_with("array<struct<") || t.starts_with("struct<");
            if dated && (t.contains("period:struct<start") || t.contains("started:") || t.contains("datetime:")) {
                return Some(r.detect(
                    SafeHarbor::C,
                    "C1",
                    Confidence::Medium,
                    "a FHIR element whose nested fields hold the dates of the individual's care".into(),
                ));
            }
        }
    }
    // A resource's `subject` or `patient` element (a reference to the Patient) and its `period`,
    // whatever type the warehouse gave them (JSON, text, none declared).
    if fhir.is_some() && r.data_type.is_none_or(|t| !t.trim_start().to_ascii_lowercase().starts_with("struct")) {
        match r.ws {
            ["subject"] | ["patient"] => {
                return Some(r.detect(
                    SafeHarbor::R,
                    "R1",
                    Confidence::Medium,
                    "a FHIR resource's reference to its Patient (`Patient/<id>`)".into(),
                ))
            }
            ["period"] => {
                return Some(r.detect(
                    SafeHarbor::C,
                    "C1",
                    Confidence::Medium,
                    "a FHIR resource's `Period`: the start and end dates of the event".into(),
                ))
            }
            _ => {}
        }
    }
    if fhir.is_some() && is_fhir_date_element(r.name) {
        return Some(r.detect(
            SafeHarbor::C,
            "C1",
            Confidence::Medium,
            "a FHIR element that dates an event of a resource of the Patient compartment".into(),
        ));
    }
    None
}

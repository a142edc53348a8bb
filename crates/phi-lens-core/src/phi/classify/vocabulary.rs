//! The detector's vocabulary: which words make a column a flag or count, pipeline metadata,
//! a calendar window, an age band, an ordinal, a code key, a time, an event, a name part, a
//! place, a transformed value, a relative, a payer's product. Plain predicates over the
//! canonical words `tokens::words` gives.

/// Words that make a column a flag, count, interval or description *about* an identifier,
/// not the identifier itself.
pub(super) fn is_not_a_value(w: &str) -> bool {
    matches!(
        w,
        "flag"
            | "is"
            | "has"
            | "count"
            | "counts"
            | "missing"
            | "null"
            | "nulls"
            | "used"
            | "column"
            | "field"
            | "after"
            | "before"
            | "not"
            | "valid"
            | "invalid"
            | "rank"
            | "pct"
            | "percent"
            | "ratio"
            | "days"
            | "duration"
            | "los"
            | "length"
            | "since"
            | "interval"
            | "diff"
            | "delta"
            | "lag"
            | "gap"
            | "months"
            | "years"
            | "weeks"
            | "hours"
            | "minutes"
            | "format"
            // PCORnet's `ADMIT_DATE_MGMT`, `death_date_impute`: how a date was managed or
            // imputed, a code about the date, not the date.
            | "mgmt"
            | "management"
            | "impute"
            | "imputation"
            | "description"
            | "reason"
            | "status"
            | "type"
            | "sum"
            | "avg"
            | "mean"
            | "total"
            | "amount"
            | "quantity"
            | "supply"
            | "qty"
            | "score"
            | "weight"
            | "coefficient"
            | "rule"
            | "test"
            | "tests"
            | "check"
            | "error"
            | "errors"
            | "distinct"
            | "population"
            | "exists"
            | "correct"
            | "match"
    )
}

/// Words of load, audit and pipeline metadata.
pub(super) fn is_system_word(w: &str) -> bool {
    matches!(
        w,
        "loaded"
            | "load"
            | "refresh"
            | "refreshed"
            // OMOP's `cdm_source` and `metadata` tables, NLP runs, data releases.
            | "cdm"
            | "metadata"
            | "nlp"
            | "release"
            | "upload"
            | "uploaded"
            | "ingest"
            | "ingested"
            | "ingestion"
            | "inserted"
            | "insert"
            | "updated"
            | "update"
            | "modified"
            | "deleted"
            | "synced"
            | "sync"
            | "extracted"
            | "extract"
            | "processed"
            | "run"
            | "runs"
            | "dbt"
            | "etl"
            | "elt"
            | "batch"
            | "file"
            | "snapshot"
            | "airbyte"
            | "fivetran"
            | "stitch"
            | "emitted"
            | "ts"
            | "txid"
            | "version"
            | "invocation"
            | "execute"
            | "execution"
            | "compiled"
            | "git"
            | "job"
            | "pipeline"
            | "partition"
            | "watermark"
            | "cdc"
            | "lsn"
    )
}

/// Calendar windows the same for everyone (measurement periods).
pub(super) fn is_window_word(w: &str) -> bool {
    matches!(w, "performance" | "measurement" | "reporting" | "measure" | "fiscal" | "calendar" | "window")
}

/// Bands that top-code ages (Safe Harbor allows ages in bands with 90+ grouped).
pub(super) fn is_band_word(w: &str) -> bool {
    matches!(w, "group" | "band" | "bucket" | "range" | "category" | "bracket" | "cohort" | "class" | "tier" | "bin")
}

/// Position or sequence words: `claim_line_number` is an ordinal, not an identifier.
pub(super) fn is_ordinal_word(w: &str) -> bool {
    matches!(
        w,
        "line"
            | "row"
            | "sequence"
            | "fill"
            | "rank"
            | "priority"
            | "version"
            | "index"
            | "position"
            | "revision"
            | "order"
            | "ordinal"
            | "page"
            | "step"
            | "attempt"
            | "lot"
            | "batch"
            | "dose"
    )
}

/// Words that make an identifier a code-set or category key (`encounter_type_sk`).
pub(super) fn is_code_key_word(w: &str) -> bool {
    matches!(
        w,
        "type"
            | "category"
            | "class"
            | "group"
            | "status"
            | "code"
            | "set"
            | "value"
            | "measure"
            | "rate"
            | "model"
            | "bucket"
            | "segment"
            | "tier"
            | "level"
            | "cohort"
            | "concept"
            | "component"
            | "correlation"
            | "taxonomy"
            | "specialty"
            | "summary"
            | "drill"
            | "test"
            | "rule"
            | "metric"
            | "channel"
            | "message"
            | "request"
            | "session"
            | "transaction"
            | "block"
            | "hash"
            | "contract"
            | "token"
            | "chain"
    )
}

pub(super) fn is_time_word(w: &str) -> bool {
    matches!(w, "date" | "datetime" | "timestamp" | "time" | "instant" | "ts")
}

/// Words that name an event in a person's life or care; a date when the type is a date.
pub(super) fn is_event_word(w: &str) -> bool {
    matches!(
        w,
        "birth"
            | "death"
            | "deceased"
            | "died"
            | "onset"
            | "abatement"
            | "recorded"
            | "resolved"
            | "issued"
            | "effective"
            | "created"
            | "performed"
            | "admitted"
            | "discharged"
            | "start"
            | "end"
            | "stop"
            | "begin"
            | "through"
            | "from"
            | "period"
            | "occurrence"
            | "billed"
            | "paid"
            | "dispensed"
            | "collected"
            | "handed"
            | "authored"
            | "signed"
            | "administered"
            | "scheduled"
            | "started"
            | "ended"
            | "expired"
            | "obsolete"
            | "first"
            | "last"
            | "latest"
            | "earliest"
            | "minimum"
            | "maximum"
    )
}

pub(super) fn is_name_part(w: &str) -> bool {
    matches!(
        w,
        "first"
            | "last"
            | "middle"
            | "given"
            | "family"
            | "full"
            | "maiden"
            | "suffix"
            | "prefix"
            | "nick"
            | "nickname"
            | "preferred"
            | "legal"
            | "surname"
            | "initial"
            | "initials"
    )
}

pub(super) fn is_geo_word(w: &str) -> bool {
    matches!(
        w,
        "address"
            | "street"
            | "city"
            | "town"
            | "county"
            | "zip"
            | "latitude"
            | "longitude"
            | "geolocation"
            | "coordinates"
            | "tract"
            | "precinct"
            | "neighborhood"
            | "neighbourhood"
            | "geocode"
            | "geohash"
            | "village"
            | "ward"
            | "district"
            | "subdistrict"
            | "constituency"
            | "taluka"
            | "tehsil"
            | "subcounty"
            | "sublocation"
            | "parish"
            | "borough"
            | "municipality"
            | "suburb"
            | "locality"
            | "landmark"
            | "residence"
            | "postcode"
    )
}

pub(super) fn has(ws: &[&str], w: &str) -> bool {
    ws.contains(&w)
}

pub(super) fn has_any(ws: &[&str], f: fn(&str) -> bool) -> Option<usize> {
    ws.iter().position(|w| f(w))
}

pub(super) fn is_id_word(w: &str) -> bool {
    matches!(w, "id" | "key" | "number" | "hash")
}

/// Words of a transformed value (`ssn_hash`, `phone_masked`, `mrn_token`): §X2 keeps the
/// identifier's letter.
pub(super) fn is_transform_word(w: &str) -> bool {
    matches!(
        w,
        "hash"
            | "hashed"
            | "masked"
            | "mask"
            | "encrypted"
            | "token"
            | "tokenized"
            | "tokenised"
            | "pseudonym"
            | "pseudonymised"
            | "pseudonymized"
            | "redacted"
            | "partial"
            | "truncated"
    )
}

/// Nouns that are counted: `X_number` after one is how many (`children_number`).
pub(super) fn is_counted_word(w: &str) -> bool {
    matches!(
        w,
        "female"
            | "females"
            | "male"
            | "males"
            | "children"
            | "people"
            | "men"
            | "women"
            | "adults"
            | "persons"
            | "patients"
            | "members"
            | "households"
            | "cases"
            | "deaths"
            | "births"
            | "visits"
            | "doses"
            | "beds"
    )
}

/// Verbs of record keeping: a timestamp named after one says when a system wrote, copied or
/// matched the row (§C4), not when something happened to the individual.
pub(super) fn is_record_keeping_verb(w: &str) -> bool {
    matches!(
        w,
        "created"
            | "updated"
            | "deleted"
            | "modified"
            | "saved"
            | "synced"
            | "matched"
            | "loaded"
            | "inserted"
            | "processed"
            | "refreshed"
            | "exported"
            | "imported"
            | "uploaded"
            | "archived"
            | "edited"
            | "changed"
            | "indexed"
            | "calculated"
            | "computed"
            | "generated"
            | "entered"
    )
}

/// Words of a payer's products: an id named after one is shared by every member of the
/// product, not a beneficiary number (§I1).
pub(super) fn is_product_word(w: &str) -> bool {
    matches!(w, "package" | "product" | "plan" | "program" | "programme" | "carrier" | "payer" | "benefit" | "tier")
}

/// Words naming a relative, a household member or another person around the individual
/// (§A2, §X1).
pub(super) fn is_relative_word(w: &str) -> bool {
    matches!(
        w,
        "mother"
            | "father"
            | "parent"
            | "spouse"
            | "partner"
            | "relative"
            | "kin"
            | "guardian"
            | "guarantor"
            | "caregiver"
            | "household"
            | "head"
            | "emergency"
            | "contact"
            | "respondent"
            | "informant"
            | "child"
            | "sibling"
            | "family"
            | "employer"
            | "subscriber"
            | "policyholder"
            | "insured"
    )
}

/// `ip` that is not an IP address: `ip` of inpatient (`ccsr_category_ip`, `ip_admits`).
pub(super) fn clinical_abbreviation_context(ws: &[&str]) -> bool {
    ws.iter().any(|w| {
        matches!(
            *w,
            "ccsr"
                | "category"
                | "admit"
                | "admits"
                | "admission"
                | "admissions"
                | "op"
                | "er"
                | "ed"
                | "snf"
                | "los"
                | "visit"
                | "visits"
                | "stay"
                | "days"
                | "cost"
                | "paid"
                | "default"
        )
    })
}

/// Words of a description that place a column in an individual's care.
pub(super) const INDIVIDUAL_WORDS: [&str; 20] = [
    "patient",
    "case",
    "participant",
    "client",
    "resident",
    "household",
    "respondent",
    "appointment",
    "visit",
    "member",
    "beneficiary",
    "person",
    "individual",
    "subscriber",
    "encounter",
    "condition",
    "diagnosis",
    "admission",
    "claim",
    "medication",
];

/// Whether `haystack` contains `needle` (lower-case ASCII), ignoring ASCII case.
pub(super) fn contains_ci(haystack: &str, needle: &str) -> bool {
    let n = needle.as_bytes();
    !n.is_empty() && haystack.as_bytes().windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

pub(super) fn looks_like_identifier(ws: &[&str]) -> bool {
    ws.iter().any(|w| {
        is_geo_word(w)
            || matches!(*w, "name" | "phone" | "email" | "fax" | "id" | "number" | "date" | "datetime" | "ssn" | "age")
    })
}

/// The resources of a facility a patient is given (`bed_id`, `room_number`): their keys
/// identify the resource, not the person (§R3).
pub(super) fn is_facility_resource(w: &str) -> bool {
    matches!(w, "bed" | "beds" | "room" | "rooms" | "ward" | "bay" | "floor" | "building" | "locker" | "cot")
}

/// What a code set or a catalogue lists (§X4 content): demographic categories, diseases,
/// drugs and vaccines, the questions and answers of a form, brands. A key named after one
/// (`gender_id`, `disease_id`, `vaccine_id`, `answer_id`) points at a row of that list, not at
/// a person (§R3), even in a row about a person.
pub(super) fn is_listed_content(w: &str) -> bool {
    matches!(
        w,
        "gender"
            | "sex"
            | "race"
            | "ethnicity"
            | "ethnic"
            | "language"
            | "religion"
            | "marital"
            | "nationality"
            | "education"
            | "disease"
            | "illness"
            | "symptom"
            | "medicine"
            | "drug"
            | "vaccine"
            | "allergen"
            | "question"
            | "answer"
            | "option"
            | "brand"
            | "cause"
    )
}

/// How to reach or find someone: the words of contact details and addresses.
pub(super) fn is_contact_or_place(w: &str) -> bool {
    matches!(
        w,
        "address"
            | "street"
            | "city"
            | "county"
            | "zip"
            | "state"
            | "phone"
            | "fax"
            | "email"
            | "url"
            | "latitude"
            | "longitude"
    )
}

//! The Safe Harbor detector: reads a column's name (as words), its data type, its description
//! and its node's grain, and says which of the 18 identifiers it holds, how sure it is, and why.
//!
//! Rules, not a trained model. In order: what the column is not (flags, counts, intervals,
//! load metadata, year-only values), whose value it is (the right-most subject word of the
//! name, else the node's grain: a provider's or facility's identifiers are not patient PHI),
//! then which identifier it names.

use serde::Serialize;

use crate::findings::Confidence;
use crate::model::Column;
use crate::phi::category::SafeHarbor;
use crate::phi::context::{word_class, Grain, NodeContext, WordClass};
use crate::phi::tokens::words;

/// A detected identifier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detection {
    /// The Safe Harbor identifier.
    pub category: SafeHarbor,
    /// The paragraph of `docs/safe-harbor.md` the decision applies (`C1`, `R2`…).
    pub paragraph: Paragraph,
    /// How sure.
    pub confidence: Confidence,
    /// What fired, in words.
    pub evidence: Vec<String>,
}

/// The detector's answer for one column: a detection, or a reason it is not PHI when a
/// PHI-looking word was seen and set aside (`npi`: a provider's identifier).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Verdict {
    /// The detection, if any.
    pub detection: Option<Detection>,
    /// Why a PHI-looking name is not PHI here.
    pub not_phi: Option<String>,
    /// The paragraph of `docs/safe-harbor.md` that says it is not PHI, with `not_phi`.
    pub not_phi_paragraph: Option<Paragraph>,
}

/// A paragraph of `docs/safe-harbor.md` (the standard phi-lens applies): its id, such as `C1`.
pub type Paragraph = &'static str;

/// Every paragraph id of `docs/safe-harbor.md`, in the document's order (a test ties the two).
pub const PARAGRAPHS: [Paragraph; 31] = [
    "X1", "X2", "X3", "X4", "X5", "A1", "A2", "B1", "B2", "B3", "C1", "C2", "C3", "C4", "D1", "E1", "F1", "G1", "H1",
    "I1", "J1", "K1", "L1", "M1", "N1", "O1", "P1", "Q1", "R1", "R2", "R3",
];

/// A verdict of "not PHI", citing the paragraph that says so.
fn not_phi(paragraph: Paragraph, why: impl Into<String>) -> Verdict {
    Verdict { detection: None, not_phi: Some(why.into()), not_phi_paragraph: Some(paragraph) }
}

/// What kind of value a data type holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TypeKind {
    Date,
    Boolean,
    Number,
    Text,
    Json,
    Unknown,
}

fn type_kind(t: Option<&str>) -> TypeKind {
    let Some(t) = t else { return TypeKind::Unknown };
    let t = t.trim();
    let starts = |p: &str| t.len() >= p.len() && t.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    if t.is_empty() {
        TypeKind::Unknown
    } else if starts("bool") {
        TypeKind::Boolean
    } else if starts("date") || starts("time") {
        TypeKind::Date
    } else if starts("json") || starts("variant") || starts("struct") || starts("object") {
        TypeKind::Json
    } else if ["int", "bigint", "smallint", "tinyint", "number", "numeric", "decimal", "float", "double", "real"]
        .iter()
        .any(|p| starts(p))
    {
        TypeKind::Number
    } else {
        TypeKind::Text
    }
}

/// Words that make a column a flag, count, interval or description *about* an identifier,
/// not the identifier itself.
fn is_not_a_value(w: &str) -> bool {
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
fn is_system_word(w: &str) -> bool {
    matches!(
        w,
        "loaded"
            | "load"
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
fn is_window_word(w: &str) -> bool {
    matches!(w, "performance" | "measurement" | "reporting" | "measure" | "fiscal" | "calendar" | "window")
}

/// Bands that top-code ages (Safe Harbor allows ages in bands with 90+ grouped).
fn is_band_word(w: &str) -> bool {
    matches!(w, "group" | "band" | "bucket" | "range" | "category" | "bracket" | "cohort" | "class" | "tier" | "bin")
}

/// Position or sequence words: `claim_line_number` is an ordinal, not an identifier.
fn is_ordinal_word(w: &str) -> bool {
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
fn is_code_key_word(w: &str) -> bool {
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

fn is_time_word(w: &str) -> bool {
    matches!(w, "date" | "datetime" | "timestamp" | "time" | "instant")
}

/// Words that name an event in a person's life or care; a date when the type is a date.
fn is_event_word(w: &str) -> bool {
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

fn is_name_part(w: &str) -> bool {
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

fn is_geo_word(w: &str) -> bool {
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

fn has(ws: &[&str], w: &str) -> bool {
    ws.contains(&w)
}

fn has_any(ws: &[&str], f: fn(&str) -> bool) -> Option<usize> {
    ws.iter().position(|w| f(w))
}

fn is_id_word(w: &str) -> bool {
    matches!(w, "id" | "key" | "number" | "hash")
}

/// Classifies one column of a node.
pub fn classify_column(ctx: &NodeContext, column: &Column, clinical: bool) -> Verdict {
    classify_parts(ctx, &column.name, column.effective_type(), &column.description, clinical)
}

/// Whose value a column is, from the right-most subject word of its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    Person(WordClass),
    NotPerson(WordClass),
}

fn owner_of(ws: &[&str], ctx: &NodeContext, clinical: bool) -> Option<(Owner, usize)> {
    for (i, w) in ws.iter().enumerate().rev() {
        let Some(class) = word_class(w) else { continue };
        // `family_member_id`: a relative, not a health-plan member.
        if *w == "member" && i > 0 && ws[i - 1] == "family" {
            return Some((Owner::Person(WordClass::Patient), i - 1));
        }
        let owner = match class {
            WordClass::Patient | WordClass::Member | WordClass::Record => Owner::Person(class),
            // `contact_id` in a providers table is the provider's contact record.
            WordClass::WeakPatient if clinical && (ctx.grain.is_individual() || ctx.grain == Grain::Unknown) => {
                Owner::Person(class)
            }
            WordClass::WeakPatient => continue,
            // `order`, `claim`, `result` name an individual's record only in a clinical project.
            WordClass::WeakRecord if clinical => Owner::Person(class),
            WordClass::WeakRecord => continue,
            WordClass::ProviderRole => {
                // `billing_id` in a `billing` table is the table's own key.
                if ctx.own_word.as_deref() == Some(*w) {
                    continue;
                }
                // A role is a provider only when it qualifies an identifier or a name.
                let rest = &ws[i + 1..];
                if rest.iter().any(|r| {
                    matches!(
                        *r,
                        "id" | "key"
                            | "number"
                            | "name"
                            | "npi"
                            | "tin"
                            | "address"
                            | "phone"
                            | "zip"
                            | "city"
                            | "state"
                            | "email"
                            | "fax"
                    ) || matches!(word_class(r), Some(WordClass::Provider))
                }) {
                    Owner::NotPerson(WordClass::Provider)
                } else {
                    continue;
                }
            }
            // `location_latitude`, `place` in a row about a person: where the person lives or was
            // (a `location_id` stays the key of a location).
            WordClass::Organization
                if ctx.grain == Grain::Patient
                    && matches!(*w, "location" | "site")
                    && !ws.iter().any(|x| is_id_word(x)) =>
            {
                continue
            }
            // `hospital_account_id`: the individual's account at the hospital.
            WordClass::Organization if ws.get(i + 1) == Some(&"account") => continue,
            WordClass::Provider | WordClass::Organization | WordClass::System => Owner::NotPerson(class),
        };
        return Some((owner, i));
    }
    None
}

/// The detector on a column's parts.
pub(crate) fn classify_parts(
    ctx: &NodeContext,
    name: &str,
    data_type: Option<&str>,
    description: &str,
    clinical: bool,
) -> Verdict {
    let mut buf = String::new();
    let ws = words(name, &mut buf);
    if ws.is_empty() {
        return Verdict::default();
    }
    let ty = type_kind(data_type);
    let reads = || format!("name `{name}` reads as \"{}\"", ws.join(" "));

    // FHIR resource tables: the logical id and the resource JSON.
    if let Some(f) = ctx.fhir {
        if ws == ["id"] || ws == ["resource"] {
            let letter = if ws == ["id"] { f.id_letter } else { f.resource_letter };
            return match letter {
                Some(category) => {
                    let paragraph = match (ws == ["id"], f.name) {
                        (true, "Patient" | "Person" | "RelatedPerson") => "R1",
                        (true, _) if category == SafeHarbor::R => "R2",
                        _ => category.paragraph(),
                    };
                    Verdict {
                        detection: Some(Detection {
                            category,
                            paragraph,
                            confidence: Confidence::Medium,
                            evidence: vec![
                                reads(),
                                format!(
                                    "`{}` is a FHIR resource of the Patient compartment: its {} holds {}",
                                    f.name,
                                    if ws == ["id"] {
                                        "logical id identifies one individual's record and"
                                    } else {
                                        "JSON"
                                    },
                                    category.name()
                                ),
                            ],
                        }),
                        not_phi: None,
                        not_phi_paragraph: None,
                    }
                }
                None => not_phi("X1", format!("`{}` is a FHIR resource outside the Patient compartment", f.name)),
            };
        }
    }

    if ty == TypeKind::Boolean {
        return Verdict::default();
    }
    // `number_of_people`, `count_of_visits`: a count, not an identifying number.
    if ws.windows(2).any(|p| matches!(p[0], "number" | "count" | "total") && p[1] == "of") {
        return Verdict::default();
    }
    // `check_in_datetime`, `checked_out_at`: an encounter's arrival and departure, not a check.
    let checked_in = ws.windows(2).any(|p| matches!(p[0], "check" | "checked") && matches!(p[1], "in" | "out"));
    if let Some(i) = has_any(&ws, is_not_a_value) {
        // `patient_id_missing`, `claim_count`, `days_supply`: about an identifier, not one.
        // An age stays an age: `age_in_days` would not be matched here because it has no
        // date word.
        let age_unit = (has(&ws, "age") && matches!(ws[i], "years" | "months" | "days")) || ws[0] == "age";
        let checked = checked_in && ws[i] == "check";
        if !(age_unit || checked) {
            return Verdict::default();
        }
    }
    if let Some(i) = has_any(&ws, is_system_word) {
        let dated = has_any(&ws, is_time_word).is_some() || ws.last() == Some(&"at");
        let paragraph = if dated { "C4" } else { "X1" };
        return not_phi(paragraph, format!("`{}`: load or pipeline metadata", ws[i]));
    }
    // `created_at`, `saved_timestamp`, `date_created`: when a system wrote or matched the row.
    let timed = ws.last() == Some(&"at") || ws.iter().any(|w| is_time_word(w));
    if timed && ws.len() <= 3 {
        if let Some(verb) = ws.iter().find(|w| is_record_keeping_verb(w)) {
            return not_phi("C4", format!("`{verb}`: when a system wrote the row, not an event of an individual"));
        }
    }
    // `effective_date`, `valid_from`, `dbt_valid_to` alone: when a version of the row was in
    // force (a slowly changing dimension), not an event of the individual; a coverage's or
    // an enrolment's effective date names its subject.
    let versioned = ws.iter().any(|w| matches!(*w, "effective" | "expiration" | "valid" | "validity"));
    if versioned
        && ws.iter().all(|w| {
            matches!(
                *w,
                "effective"
                    | "expiration"
                    | "valid"
                    | "validity"
                    | "date"
                    | "from"
                    | "to"
                    | "start"
                    | "end"
                    | "datetime"
                    | "timestamp"
                    | "#"
            ) || (word_class(w).is_none() && !is_event_word(w) && w.len() <= 4 && ws[0] == *w)
        })
    {
        return not_phi("C4", "when a version of the row was in force, not an event of an individual");
    }

    let owner = owner_of(&ws, ctx, clinical);
    if let Some((Owner::NotPerson(class), i)) = owner {
        let whose = match class {
            WordClass::Provider | WordClass::ProviderRole => "a provider",
            WordClass::Organization => "an organisation, facility, payer or place",
            _ => "the pipeline or its operators",
        };
        let paragraph = if has_any(&ws, is_geo_word).is_some() { "B3" } else { "X1" };
        return not_phi(paragraph, format!("`{}`: the value belongs to {whose}, not to a patient", ws[i]));
    }
    let person_owner = match owner {
        Some((Owner::Person(c), i)) => Some((c, ws[i])),
        _ => None,
    };
    // Non-individual grains stop here (ages excepted); for the others, how sure we are that
    // the value is an individual's is worked out only when an identifier is found.
    if person_owner.is_none() && !ctx.grain.is_individual() && ctx.grain != Grain::Unknown {
        let aggregated_age = ctx.grain == Grain::Aggregate && has(&ws, "age") && has_any(&ws, is_band_word).is_none();
        if !aggregated_age {
            if !looks_like_identifier(&ws) {
                return Verdict::default();
            }
            let paragraph = if ctx.grain == Grain::Aggregate { "X5" } else { "X1" };
            return not_phi(paragraph, format!("the node holds {}, not individuals", ctx.grain.phrase()));
        }
    }
    let subject = || -> Option<(Confidence, String)> {
        match (person_owner, ctx.grain) {
            (Some((_, w)), _) => Some((Confidence::High, format!("the word `{w}` says the value is an individual's"))),
            (None, g) if g.is_individual() => Some((
                Confidence::Medium,
                format!(
                    "the node holds {}{}",
                    g.phrase(),
                    ctx.because.map(|b| format!(" (its name has `{b}`)")).unwrap_or_default()
                ),
            )),
            (None, Grain::Unknown) => {
                if let Some(w) = INDIVIDUAL_WORDS.iter().find(|w| contains_ci(description, w)) {
                    Some((Confidence::Low, format!("the description speaks of an individual or their care (`{w}`)")))
                } else if clinical {
                    Some((Confidence::Low, "the project holds patient data and the node's subject is unknown".into()))
                } else if has(&ws, "age") {
                    Some((Confidence::Low, "ages are ages of individuals".into()))
                } else {
                    None
                }
            }
            (None, _) => Some((Confidence::Medium, "ages of individuals, even when aggregated".to_string())),
        }
    };
    let detect = |category: SafeHarbor, paragraph: Paragraph, strength: Confidence, why: String| -> Verdict {
        let Some((subject_conf, subject_why)) = subject() else { return Verdict::default() };
        let confidence = subject_conf.min(strength);
        let mut evidence = vec![reads(), why, subject_why];
        if let Some(w) = ws.iter().find(|w| is_transform_word(w)) {
            evidence.push(format!(
                "`{w}`: a hashed, masked or partial value of an identifier is still that identifier (docs/safe-harbor.md §X2)"
            ));
        }
        if let Some(t) = data_type.filter(|t| !t.is_empty()) {
            evidence.push(format!("type `{t}`"));
        }
        Verdict {
            detection: Some(Detection { category, paragraph, confidence, evidence }),
            not_phi: None,
            not_phi_paragraph: None,
        }
    };
    let high = Confidence::High;
    let medium = Confidence::Medium;
    let id_pos = ws.iter().rposition(|w| matches!(*w, "id" | "number"));
    // The words before an identifier word name what it identifies.
    let before_id = id_pos.map_or(&ws[..0], |p| &ws[..p]);
    // `insurance_package_id`, `plan_id`: a product of a payer, shared by every member of it.
    let names_a_product = before_id.iter().any(|w| is_product_word(w));

    // G, H, I: the specific numbers.
    if has(&ws, "ssn") || ws.windows(2).any(|p| p == ["social", "security"]) {
        return detect(SafeHarbor::G, "G1", high, "a social security number".into());
    }
    if has(&ws, "mrn")
        || (ws.windows(2).any(|p| p == ["medical", "record"]) && ws.iter().any(|w| is_id_word(w)))
        || ws.windows(2).any(|p| p == ["chart", "number"])
        || (id_pos.is_some_and(|p| ws[p] == "number")
            && before_id.last().is_some_and(|w| matches!(*w, "inpatient" | "outpatient" | "hospital")))
    {
        return detect(SafeHarbor::H, "H1", high, "a medical record number (a patient's number at a facility)".into());
    }
    if has(&ws, "hicn") || has(&ws, "mbi") || has(&ws, "rrb") {
        return detect(SafeHarbor::I, "I1", high, "a Medicare or Railroad Retirement beneficiary number".into());
    }
    if id_pos.is_some() && !names_a_product {
        if let Some((WordClass::Member, w)) = person_owner {
            if before_id.contains(&w) && !before_id.iter().any(|b| is_code_key_word(b) || is_ordinal_word(b)) {
                return detect(SafeHarbor::I, "I1", high, format!("the `{w}` number a health plan assigns"));
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
            return detect(SafeHarbor::I, "I1", high, "a health plan, policy or national health service number".into());
        }
    }
    if has(&ws, "email") {
        return detect(SafeHarbor::F, "F1", high, "an e-mail address".into());
    }
    if has(&ws, "fax") {
        return detect(SafeHarbor::E, "E1", high, "a fax number".into());
    }
    if has(&ws, "phone") {
        return detect(SafeHarbor::D, "D1", high, "a telephone number".into());
    }
    if has(&ws, "ip") && ws.len() <= 3 && !clinical_abbreviation_context(&ws) {
        return detect(SafeHarbor::O, "O1", medium, "an IP address".into());
    }
    if has(&ws, "biometric") || has(&ws, "fingerprint") {
        return detect(SafeHarbor::P, "P1", high, "a biometric identifier".into());
    }
    if has(&ws, "photo") {
        return detect(SafeHarbor::Q, "Q1", medium, "a photograph".into());
    }
    if has(&ws, "url") && (person_owner.is_some() || ctx.grain == Grain::Patient) {
        return detect(SafeHarbor::N, "N1", medium, "the web address of an individual".into());
    }
    if (has(&ws, "license") || has(&ws, "certificate") || has(&ws, "passport")) && id_pos.is_some() {
        return detect(SafeHarbor::K, "K1", medium, "a certificate or license number".into());
    }
    if has(&ws, "vin") || ws.windows(2).any(|p| p == ["license", "plate"]) || (has(&ws, "vehicle") && id_pos.is_some())
    {
        return detect(SafeHarbor::L, "L1", medium, "a vehicle identifier".into());
    }
    if has(&ws, "udi")
        || has(&ws, "imei")
        || (has(&ws, "device") && (id_pos.is_some() || has(&ws, "serial")))
        || ws.windows(2).any(|p| p == ["serial", "number"])
    {
        return detect(SafeHarbor::M, "M1", medium, "a device identifier or serial number".into());
    }
    if has(&ws, "account") && ws.iter().any(|w| is_id_word(w)) {
        return detect(SafeHarbor::J, "J1", medium, "an account number".into());
    }

    // A: names.
    if let Some(p) = ws.iter().rposition(|w| *w == "name") {
        let others: Vec<&str> = ws.iter().enumerate().filter(|(i, _)| *i != p).map(|(_, w)| *w).collect();
        if ws.windows(2).any(|x| x == ["place", "name"]) {
            return detect(SafeHarbor::B, "B1", medium, "a place name (city or town)".into());
        }
        let relative = others.iter().any(|w| is_relative_word(w));
        let paragraph = if relative { "A2" } else { "A1" };
        if others.iter().any(|w| is_name_part(w)) {
            return detect(SafeHarbor::A, paragraph, high, "a part of a person's name".into());
        }
        let qualifiers: Vec<&str> = others
            .iter()
            .copied()
            .filter(|w| {
                !matches!(word_class(w), Some(WordClass::Patient | WordClass::Member))
                    && !is_relative_word(w)
                    && *w != "#"
            })
            .collect();
        if qualifiers.is_empty() && (person_owner.is_some() || matches!(ctx.grain, Grain::Patient | Grain::Member)) {
            let whose = if relative {
                "the name of a relative, contact or household member"
            } else {
                "the name of an individual"
            };
            return detect(SafeHarbor::A, paragraph, high, whose.into());
        }
        return Verdict::default();
    }
    if ws.len() <= 2 && ws.iter().any(|w| matches!(*w, "surname" | "forename" | "initials")) {
        return detect(SafeHarbor::A, "A1", high, "a part of a person's name".into());
    }

    // B: geography below state level.
    if let Some(i) = has_any(&ws, is_geo_word) {
        if ws[i] == "zip" && ws.get(i + 1) == Some(&"#") && ws.len() > i + 1 {
            // zip3 is allowed for areas of more than 20,000 people; zip5/zip4 are not.
            let digits = name.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit);
            if digits.collect::<String>() == "3" {
                return detect(
                    SafeHarbor::B,
                    "B2",
                    Confidence::Low,
                    "a 3-digit ZIP prefix: allowed only for areas of more than 20,000 people with restricted prefixes zeroed"
                        .into(),
                );
            }
        }
        let strength = if matches!(ws[i], "address" | "street" | "zip" | "latitude" | "longitude" | "geolocation") {
            high
        } else {
            medium
        };
        return detect(
            SafeHarbor::B,
            "B1",
            strength,
            format!("`{}`: a geographic subdivision smaller than a state", ws[i]),
        );
    }

    // C: ages.
    if has(&ws, "age") {
        if let Some(b) = has_any(&ws, is_band_word) {
            return not_phi("C3", format!("an age `{}`: bands are allowed when ages over 89 are grouped", ws[b]));
        }
        return detect(SafeHarbor::C, "C3", high, "an age: ages over 89 are identifiers unless top-coded".into());
    }

    // C: dates (a name ending in `_key`/`_id` is an identifier, even `member_month_key`).
    let ends_as_id = ws.last().is_some_and(|w| matches!(*w, "id" | "key"));
    if let Some(v) = date_verdict(&ws, ty, ctx, person_owner.is_some(), checked_in).filter(|_| !ends_as_id) {
        return match v {
            Ok((paragraph, strength, why)) => detect(SafeHarbor::C, paragraph, strength, why),
            Err(why) => not_phi("C4", why),
        };
    }

    // R: other unique identifying numbers: person keys (§R1) and record keys (§R2).
    if let Some(p) = ws.iter().rposition(|w| is_id_word(w)) {
        let before = &ws[..p];
        // A policy that is not an insurance policy (above) is the system's (`access_policy_id`).
        if before.iter().any(|w| is_code_key_word(w)) || names_a_product || before.contains(&"policy") {
            return Verdict::default();
        }
        if ws[p] == "number" && before.last().is_some_and(|w| is_ordinal_word(w)) {
            return not_phi("R3", "an ordinal inside a parent record");
        }
        // `children_number`, `female_number`: how many, not an identifying number.
        if ws[p] == "number" && before.last().is_some_and(|w| is_counted_word(w)) {
            return Verdict::default();
        }
        if before.contains(&"lot") {
            return Verdict::default();
        }
        if let Some((class, w)) = person_owner {
            return match class {
                WordClass::Patient | WordClass::WeakPatient if is_relative_word(w) => {
                    detect(SafeHarbor::R, "R1", high, format!("a key of a relative or household member (`{w}`)"))
                }
                WordClass::Patient | WordClass::WeakPatient => {
                    detect(SafeHarbor::R, "R1", high, format!("a key that resolves to one individual (`{w}`)"))
                }
                WordClass::Member => {
                    detect(SafeHarbor::R, "R1", high, format!("a derived key of a health-plan member (`{w}`)"))
                }
                _ => {
                    detect(SafeHarbor::R, "R2", high, format!("the key of one `{w}` record (a record, not the person)"))
                }
            };
        }
        if ctx.grain.is_individual() {
            if let Some(f) = ctx.fhir {
                if f.id_letter.is_none() {
                    return Verdict::default();
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
            return detect(category, paragraph, strength, format!("a key of a row about {}", ctx.grain.phrase()));
        }
        return Verdict::default();
    }
    // OMOP's `person_source_value` is the person's id in the source system; a location's
    // `location_source_value` in a table of individuals' locations is their address.
    if ws.ends_with(&["source", "value"]) {
        if let Some((WordClass::Patient | WordClass::Member, w)) = person_owner {
            return detect(SafeHarbor::R, "R1", medium, format!("the source system's id of the `{w}`"));
        }
        if ws.len() == 3 && matches!(ws[0], "location" | "address") && ctx.grain == Grain::Patient {
            return detect(SafeHarbor::B, "B1", medium, "the address an individual's location was read from".into());
        }
    }
    // A column that is only a subject word (`patient`, `member`) holds that subject's key.
    let plural = name.ends_with(['s', 'S']);
    if ws.len() == 1 && !plural && ty != TypeKind::Number {
        if let Some((class @ (WordClass::Patient | WordClass::Member), w)) = person_owner {
            let category = if class == WordClass::Member { SafeHarbor::I } else { SafeHarbor::R };
            let paragraph = if class == WordClass::Member { "I1" } else { "R1" };
            return detect(category, paragraph, medium, format!("a column named `{w}` holds that individual's key"));
        }
    }
    Verdict::default()
}

/// Words of a transformed value (`ssn_hash`, `phone_masked`, `mrn_token`): §X2 keeps the
/// identifier's letter.
fn is_transform_word(w: &str) -> bool {
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
fn is_counted_word(w: &str) -> bool {
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
fn is_record_keeping_verb(w: &str) -> bool {
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
    )
}

/// Words of a payer's products: an id named after one is shared by every member of the
/// product, not a beneficiary number (§I1).
fn is_product_word(w: &str) -> bool {
    matches!(w, "package" | "product" | "plan" | "program" | "programme" | "carrier" | "payer" | "benefit" | "tier")
}

/// Words naming a relative, a household member or another person around the individual
/// (§A2, §X1).
fn is_relative_word(w: &str) -> bool {
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
fn clinical_abbreviation_context(ws: &[&str]) -> bool {
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
const INDIVIDUAL_WORDS: [&str; 20] = [
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
fn contains_ci(haystack: &str, needle: &str) -> bool {
    let n = needle.as_bytes();
    !n.is_empty() && haystack.as_bytes().windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

fn looks_like_identifier(ws: &[&str]) -> bool {
    ws.iter().any(|w| {
        is_geo_word(w)
            || matches!(*w, "name" | "phone" | "email" | "fax" | "id" | "number" | "date" | "datetime" | "ssn" | "age")
    })
}

/// Whether a column is a date of an individual: `Ok((paragraph, strength, why))`,
/// `Err(why not)` (§C4), or `None` when it is no date at all.
fn date_verdict(
    ws: &[&str],
    ty: TypeKind,
    ctx: &NodeContext,
    person_owner: bool,
    checked_in: bool,
) -> Option<Result<(Paragraph, Confidence, String), String>> {
    let time = ws.iter().position(|w| is_time_word(w));
    // A month, a week or a day kept apart from its year is still an element of a date (§C2).
    let month = ws.iter().position(|w| matches!(*w, "month" | "week" | "day" | "quarter"));
    let year = ws.iter().position(|w| *w == "year");
    let event = ws.iter().position(|w| is_event_word(w));
    let dated = time.is_some() || month.is_some() || year.is_some() || (event.is_some() && ty == TypeKind::Date);
    // `collection_start_date`: the collection period of a payment model, the same for everyone
    // (a specimen's `collection_date` has no period bound).
    let collection_period =
        has(ws, "collection") && ws.iter().any(|w| matches!(*w, "start" | "end" | "begin" | "period"));
    let window = ws.iter().find(|w| is_window_word(w)).or(collection_period.then_some(&"collection"));
    if !dated {
        if ty == TypeKind::Number || (!ctx.grain.is_individual() && !person_owner) {
            return None;
        }
        if let Some(w) = window {
            return Some(Err(format!("`{w}`: a calendar window shared by everyone, not an individual's date")));
        }
        // `start`/`end` of a period (FHIR `period.start`, `coverage_period_end`) are dates.
        let bound = ws.last().is_some_and(|w| matches!(*w, "start" | "end" | "begin"));
        if bound && (ws.len() == 1 || has(ws, "period")) {
            return Some(Ok((
                "C1",
                Confidence::Medium,
                "the start or end of a period of an individual's care or coverage".into(),
            )));
        }
        // `resulted_at`, `signed_on`, `checked_in_at`: a past participle with `at`/`on` is a
        // timestamp.
        if let [.., verb, "at" | "on"] = ws {
            if (verb.len() > 3 && verb.ends_with("ed")) || checked_in {
                return Some(Ok((
                    "C1",
                    Confidence::Medium,
                    format!("`{verb}`: when an event of an individual's care happened"),
                )));
            }
        }
        if ws.len() <= 5 {
            if let Some(w) =
                ws.iter().enumerate().filter(|(i, _)| ws.get(i + 1) != Some(&"of")).map(|(_, w)| w).find(|w| {
                    matches!(
                        **w,
                        "recorded" | "billed" | "created" | "issued" | "onset" | "abatement" | "performed" | "handed"
                    )
                })
            {
                return Some(Ok((
                    "C1",
                    Confidence::Low,
                    format!("`{w}`: when an event of an individual's care happened"),
                )));
            }
        }
        return None;
    }
    if let Some(w) = window {
        return Some(Err(format!("`{w}`: a calendar window shared by everyone, not an individual's date")));
    }
    if year.is_some() && month.is_none() {
        if has(ws, "birth") {
            return Some(Ok((
                "C3",
                Confidence::Medium,
                "a birth year: it discloses ages over 89, which Safe Harbor bars with all date elements".into(),
            )));
        }
        return Some(Err("a year alone is allowed by Safe Harbor".into()));
    }
    if ty == TypeKind::Number && time.is_none() && month.is_none() {
        return Some(Err("a number named after an event: a count, not a date".into()));
    }
    if ws.len() == 1 && time.is_some() && !person_owner && !ctx.grain.is_individual() {
        return None;
    }
    let (paragraph, what) = if has(ws, "birth") {
        ("C1", "a date of birth".to_string())
    } else if has(ws, "death") || has(ws, "deceased") {
        ("C1", "a date of death".to_string())
    } else if month.is_some() && time.is_none() {
        ("C2", format!("a {} of an individual's care or coverage (finer than a year)", ws[month.unwrap_or(0)]))
    } else {
        ("C1", "a date (finer than a year) of an event in an individual's care, coverage or life".to_string())
    };
    let strength = if has(ws, "birth") || has(ws, "death") { Confidence::High } else { Confidence::Medium };
    Some(Ok((paragraph, strength, what)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phi::context::grain_of_words;

    fn check(node: &str, column: &str, ty: Option<&str>) -> Option<(SafeHarbor, Confidence)> {
        let mut buf = String::new();
        let ws = words(node, &mut buf);
        let ctx = grain_of_words(&ws, true);
        classify_parts(&ctx, column, ty, "", true).detection.map(|d| (d.category, d.confidence))
    }

    #[test]
    fn patient_identifiers_are_found() {
        assert_eq!(check("stg_ehr__patients", "ssn", None).map(|d| d.0), Some(SafeHarbor::G));
        assert_eq!(check("dim_patients", "mrn", None).map(|d| d.0), Some(SafeHarbor::H));
        assert_eq!(check("stg_beneficiary", "BENE_DOB", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("members", "mbr_id", None).map(|d| d.0), Some(SafeHarbor::I));
        assert_eq!(check("patients", "ptPhoneNbr", None).map(|d| d.0), Some(SafeHarbor::D));
        assert_eq!(check("patients", "zip5", None).map(|d| d.0), Some(SafeHarbor::B));
        assert_eq!(check("patients", "first_name", None).map(|d| d.0), Some(SafeHarbor::A));
        assert_eq!(check("encounters", "admit_dt", None).map(|d| d.0), Some(SafeHarbor::C));
    }

    fn paragraph(node: &str, column: &str) -> Option<Paragraph> {
        let mut buf = String::new();
        let ws = words(node, &mut buf);
        let ctx = grain_of_words(&ws, true);
        let v = classify_parts(&ctx, column, None, "", true);
        v.detection.map(|d| d.paragraph).or(v.not_phi_paragraph)
    }

    #[test]
    fn every_decision_cites_its_paragraph() {
        assert_eq!(paragraph("patients", "first_name"), Some("A1"));
        assert_eq!(paragraph("patients", "emergency_contact_name"), Some("A2"));
        assert_eq!(paragraph("patients", "zip3"), Some("B2"));
        assert_eq!(paragraph("dim_facility", "facility_address"), Some("B3"));
        assert_eq!(paragraph("encounters", "admit_date"), Some("C1"));
        assert_eq!(paragraph("appointments", "appointment_week"), Some("C2"));
        assert_eq!(paragraph("patients", "age"), Some("C3"));
        assert_eq!(paragraph("patients", "age_band"), Some("C3"));
        assert_eq!(paragraph("patients", "_loaded_at"), Some("C4"));
        assert_eq!(paragraph("patients", "created_at"), Some("C4"));
        assert_eq!(paragraph("patients", "mrn"), Some("H1"));
        assert_eq!(paragraph("patients", "patient_id"), Some("R1"));
        assert_eq!(paragraph("claims", "claim_id"), Some("R2"));
        assert_eq!(paragraph("claims", "claim_line_number"), Some("R3"));
        assert_eq!(paragraph("agg_visits_by_month", "visit_count_id"), None);
        for p in [
            paragraph("patients", "ssn"),
            paragraph("patients", "phone"),
            paragraph("patients", "email"),
            paragraph("members", "member_id"),
        ] {
            assert!(p.is_some_and(|p| PARAGRAPHS.contains(&p)), "{p:?}");
        }
    }

    #[test]
    fn safe_harbor_hard_cases_read_as_the_standard_says() {
        // §R2: a record key is found, and cited, but is the person's identifier only by policy.
        assert_eq!(check("stg_claims", "claim_id", None).map(|d| d.0), Some(SafeHarbor::R));
        // §R1: keys of cases, clients and contacts in a clinical project are person keys.
        assert_eq!(paragraph("fct_case_linelist_measles", "case_id"), Some("R1"));
        assert_eq!(check("fct_case_linelist_measles", "given_name", None).map(|d| d.0), Some(SafeHarbor::A));
        assert_eq!(check("fct_case_linelist_measles", "date_of_onset", None).map(|d| d.0), Some(SafeHarbor::C));
        // §O1 vs the `ip` of inpatient.
        assert_eq!(check("ccsr__long_condition_category", "default_ccsr_category_ip", None), None);
        assert_eq!(check("web_sessions", "client_ip", None).map(|d| d.0), Some(SafeHarbor::O));
        // §H1: a patient's number at a facility; §I1: a national health service number.
        assert_eq!(check("admissions", "inpatient_number", None).map(|d| d.0), Some(SafeHarbor::H));
        assert_eq!(check("stg_patients", "nhs_number", None).map(|d| d.0), Some(SafeHarbor::I));
        // §I1 not: a payer's product is shared by every member.
        assert_eq!(check("patients", "insurance_package_id", None), None);
        // Counts named like numbers.
        assert_eq!(check("households", "number_of_people", None), None);
        assert_eq!(check("households", "children_number", None), None);
        // §C1: arriving and leaving are events; §C2: a week of an individual's visit.
        assert_eq!(check("appointments", "check_in_datetime", None).map(|d| d.0), Some(SafeHarbor::C));
        // §C4: calendars, geography dimensions, collection periods, record keeping.
        assert_eq!(check("dim_date", "full_date", None), None);
        assert_eq!(check("dim_sub_county", "county", None), None);
        assert_eq!(check("cms_hcc__patient_risk_factors", "collection_start_date", None), None);
        assert_eq!(check("person", "saved_timestamp", None), None);
        // §A1: initials and nicknames are parts of a name.
        assert_eq!(check("patients", "patient_initials", None).map(|d| d.0), Some(SafeHarbor::A));
        // HL7 and lab-system spellings.
        assert_eq!(check("adt_feed", "PID_DOB", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("lab_results", "COLL_DTTM", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("adt_feed", "NK1_LST_NM", None).map(|d| d.0), Some(SafeHarbor::A));
        assert_eq!(check("payer_members", "subscriberFirstName", None).map(|d| d.0), Some(SafeHarbor::A));
        // Epic instants, SDTM dates, OMOP source values, accounts at a hospital.
        assert_eq!(check("encounter_fact", "admission_instant", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("ae", "AESTDTC", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("person", "person_source_value", None).map(|d| d.0), Some(SafeHarbor::R));
        assert_eq!(check("encounter_fact", "hospital_account_key", None).map(|d| d.0), Some(SafeHarbor::J));
        assert_eq!(check("access_familymember", "family_member_id", None).map(|d| d.0), Some(SafeHarbor::R));
        // Not PHI: a system's policy, a study, the validity of a row version, a date dimension.
        assert_eq!(check("access_subject", "access_policy_id", None), None);
        assert_eq!(check("stg_subjects", "study_id", None), None);
        assert_eq!(check("patient_dim", "effective_date", None), None);
        assert_eq!(check("coverage", "coverage_effective_date", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("date_dim_base", "week_begin_dt", None), None);
        // §X2: a masked or hashed identifier is still one.
        assert_eq!(check("patients", "ssn_hash", None).map(|d| d.0), Some(SafeHarbor::G));
        assert_eq!(check("patients", "phone_masked", None).map(|d| d.0), Some(SafeHarbor::D));
    }

    #[test]
    fn provider_reference_and_load_columns_are_not_patient_phi() {
        assert_eq!(check("claims", "rendering_npi", None), None);
        assert_eq!(check("claims", "provider_name", None), None);
        assert_eq!(check("dim_providers", "practice_address", None), None);
        assert_eq!(check("dim_providers", "name", None), None);
        assert_eq!(check("terminology__icd10", "effective_date", None), None);
        assert_eq!(check("patients", "_loaded_at", None), None);
        assert_eq!(check("patients", "birth_year", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("claims", "service_year", None), None);
        assert_eq!(check("claims", "claim_line_number", None), None);
        assert_eq!(check("patients", "is_deceased", Some("boolean")), None);
    }
}

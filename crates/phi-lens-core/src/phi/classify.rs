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
            | "pull"
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
    matches!(w, "date" | "datetime" | "timestamp" | "time")
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
        let owner = match class {
            WordClass::Patient | WordClass::Member | WordClass::Record => Owner::Person(class),
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
                Some(category) => Verdict {
                    detection: Some(Detection {
                        category,
                        confidence: Confidence::Medium,
                        evidence: vec![
                            reads(),
                            format!(
                                "`{}` is a FHIR resource of the Patient compartment: its {} holds {}",
                                f.name,
                                if ws == ["id"] { "logical id identifies one individual's record and" } else { "JSON" },
                                category.name()
                            ),
                        ],
                    }),
                    not_phi: None,
                },
                None => Verdict {
                    detection: None,
                    not_phi: Some(format!("`{}` is a FHIR resource outside the Patient compartment", f.name)),
                },
            };
        }
    }

    if ty == TypeKind::Boolean {
        return Verdict::default();
    }
    if let Some(i) = has_any(&ws, is_not_a_value) {
        // `patient_id_missing`, `claim_count`, `days_supply`: about an identifier, not one.
        // An age stays an age: `age_in_days` would not be matched here because it has no
        // date word.
        if !(has(&ws, "age") && matches!(ws[i], "years" | "months" | "days")) {
            return Verdict::default();
        }
    }
    if let Some(i) = has_any(&ws, is_system_word) {
        return Verdict { detection: None, not_phi: Some(format!("`{}`: load or pipeline metadata", ws[i])) };
    }
    if ws.len() >= 2 && ws[ws.len() - 1] == "at" && matches!(ws[ws.len() - 2], "created" | "updated" | "deleted") {
        return Verdict { detection: None, not_phi: Some("a row audit timestamp".to_string()) };
    }

    let owner = owner_of(&ws, ctx, clinical);
    if let Some((Owner::NotPerson(class), i)) = owner {
        let whose = match class {
            WordClass::Provider | WordClass::ProviderRole => "a provider",
            WordClass::Organization => "an organisation, facility, payer or place",
            _ => "the pipeline or its operators",
        };
        return Verdict {
            detection: None,
            not_phi: Some(format!("`{}`: the value belongs to {whose}, not to a patient", ws[i])),
        };
    }
    let person_owner = match owner {
        Some((Owner::Person(c), i)) => Some((c, ws[i])),
        _ => None,
    };
    // How sure we are that the value is an individual's.
    // Non-individual grains stop here (ages excepted); for the others, how sure we are that
    // the value is an individual's is worked out only when an identifier is found.
    if person_owner.is_none() && !ctx.grain.is_individual() && ctx.grain != Grain::Unknown {
        let aggregated_age = ctx.grain == Grain::Aggregate && has(&ws, "age") && has_any(&ws, is_band_word).is_none();
        if !aggregated_age {
            return Verdict {
                detection: None,
                not_phi: looks_like_identifier(&ws)
                    .then(|| format!("the node holds {}, not individuals", ctx.grain.phrase())),
            };
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
    let detect = |category: SafeHarbor, strength: Confidence, why: String| -> Verdict {
        let Some((subject_conf, subject_why)) = subject() else { return Verdict::default() };
        let confidence = subject_conf.min(strength);
        let mut evidence = vec![reads(), why, subject_why];
        if let Some(t) = data_type.filter(|t| !t.is_empty()) {
            evidence.push(format!("type `{t}`"));
        }
        Verdict { detection: Some(Detection { category, confidence, evidence }), not_phi: None }
    };
    let high = Confidence::High;
    let medium = Confidence::Medium;

    // G, H, I: the specific numbers.
    if has(&ws, "ssn") || ws.windows(2).any(|p| p == ["social", "security"]) {
        return detect(SafeHarbor::G, high, "a social security number".into());
    }
    if has(&ws, "mrn")
        || (ws.windows(2).any(|p| p == ["medical", "record"]) && ws.iter().any(|w| is_id_word(w)))
        || ws.windows(2).any(|p| p == ["chart", "number"])
    {
        return detect(SafeHarbor::H, high, "a medical record number".into());
    }
    let id_pos = ws.iter().rposition(|w| matches!(*w, "id" | "number"));
    if has(&ws, "hicn") || has(&ws, "mbi") || has(&ws, "rrb") {
        return detect(SafeHarbor::I, high, "a Medicare or Railroad Retirement beneficiary number".into());
    }
    if let Some(p) = id_pos {
        let before = &ws[..p];
        if let Some((WordClass::Member, w)) = person_owner {
            if before.contains(&w) && !before.iter().any(|b| is_code_key_word(b) || is_ordinal_word(b)) {
                return detect(SafeHarbor::I, high, format!("the `{w}` number a health plan assigns"));
            }
        }
        if before.iter().any(|b| matches!(*b, "medicaid" | "medicare" | "policy" | "insurance")) {
            return detect(SafeHarbor::I, high, "a health plan or policy number".into());
        }
    }
    if has(&ws, "email") {
        return detect(SafeHarbor::F, high, "an e-mail address".into());
    }
    if has(&ws, "fax") {
        return detect(SafeHarbor::E, high, "a fax number".into());
    }
    if has(&ws, "phone") {
        return detect(SafeHarbor::D, high, "a telephone number".into());
    }
    if has(&ws, "ip") {
        return detect(SafeHarbor::O, medium, "an IP address".into());
    }
    if has(&ws, "biometric") {
        return detect(SafeHarbor::P, high, "a biometric identifier".into());
    }
    if has(&ws, "photo") {
        return detect(SafeHarbor::Q, medium, "a photograph".into());
    }
    if has(&ws, "url") && (person_owner.is_some() || ctx.grain == Grain::Patient) {
        return detect(SafeHarbor::N, medium, "the web address of an individual".into());
    }
    if (has(&ws, "license") || has(&ws, "certificate")) && id_pos.is_some() {
        return detect(SafeHarbor::K, medium, "a certificate or license number".into());
    }
    if has(&ws, "vin") || ws.windows(2).any(|p| p == ["license", "plate"]) || (has(&ws, "vehicle") && id_pos.is_some())
    {
        return detect(SafeHarbor::L, medium, "a vehicle identifier".into());
    }
    if has(&ws, "udi")
        || has(&ws, "imei")
        || (has(&ws, "device") && (id_pos.is_some() || has(&ws, "serial")))
        || ws.windows(2).any(|p| p == ["serial", "number"])
    {
        return detect(SafeHarbor::M, medium, "a device identifier or serial number".into());
    }
    if has(&ws, "account") && id_pos.is_some() {
        return detect(SafeHarbor::J, medium, "an account number".into());
    }

    // A: names.
    if let Some(p) = ws.iter().rposition(|w| *w == "name") {
        let others: Vec<&str> = ws.iter().enumerate().filter(|(i, _)| *i != p).map(|(_, w)| *w).collect();
        if ws.windows(2).any(|x| x == ["place", "name"]) {
            return detect(SafeHarbor::B, medium, "a place name (city or town)".into());
        }
        if others.iter().any(|w| is_name_part(w)) {
            return detect(SafeHarbor::A, high, "a part of a person's name".into());
        }
        let qualifiers: Vec<&str> = others
            .iter()
            .copied()
            .filter(|w| !matches!(word_class(w), Some(WordClass::Patient | WordClass::Member)) && *w != "#")
            .collect();
        if qualifiers.is_empty() && (person_owner.is_some() || matches!(ctx.grain, Grain::Patient | Grain::Member)) {
            return detect(SafeHarbor::A, high, "the name of an individual".into());
        }
        return Verdict::default();
    }
    if ws.len() <= 2 && ws.iter().any(|w| matches!(*w, "surname" | "forename")) {
        return detect(SafeHarbor::A, high, "a part of a person's name".into());
    }

    // B: geography below state level.
    if let Some(i) = has_any(&ws, is_geo_word) {
        if ws[i] == "zip" && ws.get(i + 1) == Some(&"#") && ws.len() > i + 1 {
            // zip3 is allowed for areas of more than 20,000 people; zip5/zip4 are not.
            let digits = name.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit);
            if digits.collect::<String>() == "3" {
                return detect(
                    SafeHarbor::B,
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
        return detect(SafeHarbor::B, strength, format!("`{}`: a geographic subdivision smaller than a state", ws[i]));
    }

    // C: ages.
    if has(&ws, "age") {
        if let Some(b) = has_any(&ws, is_band_word) {
            return Verdict {
                detection: None,
                not_phi: Some(format!("an age `{}`: bands are allowed when ages over 89 are grouped", ws[b])),
            };
        }
        return detect(SafeHarbor::C, high, "an age: ages over 89 are identifiers unless top-coded".into());
    }

    // C: dates (a name ending in `_key`/`_id` is an identifier, even `member_month_key`).
    let ends_as_id = ws.last().is_some_and(|w| matches!(*w, "id" | "key"));
    if let Some(v) = date_verdict(&ws, ty, ctx, person_owner.is_some()).filter(|_| !ends_as_id) {
        return match v {
            Ok((strength, why)) => detect(SafeHarbor::C, strength, why),
            Err(why) => Verdict { detection: None, not_phi: Some(why) },
        };
    }

    // R: other unique identifying numbers (person keys and record ids).
    if let Some(p) = ws.iter().rposition(|w| is_id_word(w)) {
        let before = &ws[..p];
        if before.iter().any(|w| is_code_key_word(w)) {
            return Verdict::default();
        }
        if ws[p] == "number" && before.last().is_some_and(|w| is_ordinal_word(w)) {
            return Verdict { detection: None, not_phi: Some("an ordinal inside a parent record".into()) };
        }
        if before.contains(&"lot") {
            return Verdict::default();
        }
        if let Some((class, w)) = person_owner {
            let what = match class {
                WordClass::Patient => format!("a key that resolves to one individual (`{w}`)"),
                WordClass::Member => format!("a derived key of a health-plan member (`{w}`)"),
                _ => format!("the id of one individual's `{w}` record"),
            };
            return detect(SafeHarbor::R, high, what);
        }
        if ctx.grain.is_individual() {
            if let Some(f) = ctx.fhir {
                if f.id_letter.is_none() {
                    return Verdict::default();
                }
            }
            // The node's own key, or another key of a row about one individual.
            let strength = if before.is_empty()
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
                            | "#"
                    )
                }) {
                medium
            } else {
                Confidence::Low
            };
            let category = if ctx.grain == Grain::Member && ws[p] == "number" { SafeHarbor::I } else { SafeHarbor::R };
            return detect(category, strength, format!("a key of a row about {}", ctx.grain.phrase()));
        }
        return Verdict::default();
    }
    // A column that is only a subject word (`patient`, `member`) holds that subject's key.
    let plural = name.ends_with(['s', 'S']);
    if ws.len() == 1 && !plural && ty != TypeKind::Number {
        if let Some((class @ (WordClass::Patient | WordClass::Member), w)) = person_owner {
            let category = if class == WordClass::Member { SafeHarbor::I } else { SafeHarbor::R };
            return detect(category, medium, format!("a column named `{w}` holds that individual's key"));
        }
    }
    Verdict::default()
}

/// Words of a description that place a column in an individual's care.
const INDIVIDUAL_WORDS: [&str; 12] = [
    "patient",
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

/// Whether a column is a date of an individual: `Ok((strength, why))`, `Err(why not)`, or
/// `None` when it is no date at all.
fn date_verdict(
    ws: &[&str],
    ty: TypeKind,
    ctx: &NodeContext,
    person_owner: bool,
) -> Option<Result<(Confidence, String), String>> {
    let time = ws.iter().position(|w| is_time_word(w));
    let month = ws.iter().position(|w| *w == "month");
    let year = ws.iter().position(|w| *w == "year");
    let event = ws.iter().position(|w| is_event_word(w));
    let dated = time.is_some() || month.is_some() || year.is_some() || (event.is_some() && ty == TypeKind::Date);
    let window = ws.iter().find(|w| is_window_word(w));
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
                Confidence::Medium,
                "the start or end of a period of an individual's care or coverage".into(),
            )));
        }
        // `resulted_at`, `signed_on`: a past participle with `at`/`on` is a timestamp.
        if let [.., verb, "at" | "on"] = ws {
            if verb.len() > 3 && verb.ends_with("ed") {
                return Some(Ok((
                    Confidence::Medium,
                    format!("`{verb}`: when an event of an individual's care happened"),
                )));
            }
        }
        if ws.len() <= 5 {
            if let Some(w) = ws.iter().find(|w| {
                matches!(
                    **w,
                    "recorded" | "billed" | "created" | "issued" | "onset" | "abatement" | "performed" | "handed"
                )
            }) {
                return Some(Ok((Confidence::Low, format!("`{w}`: when an event of an individual's care happened"))));
            }
        }
        return None;
    }
    if let Some(w) = window {
        return Some(Err(format!("`{w}`: a calendar window shared by everyone, not an individual's date")));
    }
    if year.is_some() && month.is_none() && !has(ws, "day") {
        if has(ws, "birth") {
            return Some(Ok((
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
    let what = if has(ws, "birth") {
        "a date of birth".to_string()
    } else if has(ws, "death") || has(ws, "deceased") {
        "a date of death".to_string()
    } else if month.is_some() {
        "a month of an individual's care or coverage (finer than a year)".to_string()
    } else {
        "a date (finer than a year) of an event in an individual's care, coverage or life".to_string()
    };
    let strength = if has(ws, "birth") || has(ws, "death") { Confidence::High } else { Confidence::Medium };
    Some(Ok((strength, what)))
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

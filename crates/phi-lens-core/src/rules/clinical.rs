//! What a column holds clinically (age, diagnosis code, start/end dates, lab or vital values)
//! and what a test actually tests (range, pattern, code set, ordering…), read from the test's
//! name *and* its arguments so dbt_utils, dbt_expectations, custom and singular tests count.

use super::phrases::names_identifier;
use crate::artifacts::MetaValue;
use crate::model::{Column, Node, Test, TestKind};

/// The words of a column or node name as the clinical rules read them: the shared
/// splitter's words, with a number kept whole before a `d` word (`30day`) and `icd` + `10`
/// joined again (`icd10`).
pub(crate) fn clinical_words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in crate::names::identifier_words(name) {
        match out.last_mut() {
            Some(last) if last.bytes().all(|b| b.is_ascii_digit()) && matches!(w.as_str(), "d" | "day" | "days") => {
                last.push_str(&w)
            }
            _ => out.push(w),
        }
    }
    let mut joined: Vec<String> = Vec::new();
    for w in out {
        match joined.last_mut() {
            Some(last) if (last == "icd" || last == "icd10cm") && w.chars().all(|c| c.is_ascii_digit()) => {
                last.push_str(&w)
            }
            _ => joined.push(w),
        }
    }
    joined
}

fn has(ws: &[String], any: &[&str]) -> bool {
    ws.iter().any(|w| any.contains(&w.as_str()))
}

fn numeric_or_unknown(c: &Column) -> bool {
    match c.effective_type() {
        None => true,
        Some(t) => {
            let t = t.to_ascii_lowercase();
            ["int", "num", "dec", "float", "double", "real", "number"].iter().any(|k| t.contains(k))
        }
    }
}

fn date_like(c: &Column) -> bool {
    let ws = clinical_words(&c.name);
    let typed = c.effective_type().map(|t| t.to_ascii_lowercase());
    match typed {
        Some(t) if t.contains("date") || t.contains("time") => true,
        Some(t) if t.contains("char") || t.contains("text") || t.contains("string") => {
            has(&ws, &["date", "dt", "dts", "datetime", "timestamp", "ts"])
        }
        Some(_) => false,
        None => has(&ws, &["date", "dt", "dts", "datetime", "timestamp", "ts", "at", "time"]),
    }
}

fn is_age_named(ws: &[String], c: &Column) -> bool {
    has(ws, &["age", "ages"])
        && !has(ws, &["group", "band", "bucket", "bin", "range", "category", "cat", "grp", "flag", "ind", "desc"])
        && numeric_or_unknown(c)
}

fn is_diagnosis_code_named(ws: &[String]) -> bool {
    let icd = ws.iter().any(|w| w.starts_with("icd"));
    let dx = has(ws, &["dx", "diagnosis", "diag", "diagnoses"]);
    let code = has(ws, &["code", "cd", "codes"]) || icd;
    let not_code = has(
        ws,
        &[
            "desc",
            "description",
            "name",
            "type",
            "system",
            "version",
            "count",
            "rank",
            "sequence",
            "seq",
            "poa",
            "date",
            "dt",
            "flag",
            "ind",
            "id",
            "key",
            "category",
            "chapter",
            "title",
            "text",
        ],
    );
    (icd || (dx && code)) && !not_code
}

fn is_clinical_value_named(node_words: &[String], ws: &[String], c: &Column) -> bool {
    let vitals = [
        "systolic",
        "diastolic",
        "bp",
        "bmi",
        "pulse",
        "heart",
        "hr",
        "temperature",
        "temp",
        "spo2",
        "o2",
        "weight",
        "height",
        "glucose",
        "hba1c",
        "a1c",
        "ldl",
        "hdl",
        "cholesterol",
        "creatinine",
        "egfr",
        "hemoglobin",
        "hgb",
        "potassium",
        "sodium",
        "respiratory",
        "resp",
    ];
    let not_a_measurement = [
        "id", "key", "code", "unit", "units", "flag", "ind", "date", "dt", "count", "cnt", "year", "yr", "month",
        "day", "week", "quarter", "num", "number", "pct", "percent", "ratio", "total", "avg", "mean", "median", "min",
        "max", "sum", "abnormal", "status", "rank", "seq", "sequence", "type", "name", "desc",
    ];
    if !numeric_or_unknown(c) || has(ws, &not_a_measurement) {
        return false;
    }
    let clinical_node = has(
        node_words,
        &[
            "lab",
            "labs",
            "vital",
            "vitals",
            "observation",
            "observations",
            "result",
            "results",
            "measurement",
            "measurements",
        ],
    );
    let value_word = has(ws, &["value", "result", "val", "measurement", "reading", "numeric"]);
    has(ws, &vitals) && !has(ws, &["rate"]) && !ws.iter().any(|w| w == "hr" && ws.len() > 2)
        || (value_word && (clinical_node || has(ws, &["lab", "result", "vital", "observation", "obs"])))
}

/// Whether a column holds a yes/no fact rather than a measurement: its name asks a question
/// (`is_high_bmi`, `has_low_hemoglobin`), or its description opens by calling it a flag or an
/// indicator ("Flag indicating…", "Whether…", "1 if…"). Boolean types are not numeric and
/// never count as values.
fn is_flag(ws: &[String], c: &Column) -> bool {
    if ws.first().is_some_and(|w| matches!(w.as_str(), "is" | "has" | "was" | "had" | "ever")) {
        return true;
    }
    let first_clause = c.description.split(['.', ';', ':', ',', '(', '\n']).next().unwrap_or("");
    let words = clinical_words(first_clause);
    let mut words = words.iter().map(String::as_str).skip_while(|w| matches!(*w, "a" | "an" | "the"));
    matches!(
        (words.next(), words.next()),
        (Some("flag" | "flags" | "indicator" | "indicates" | "boolean" | "bool" | "whether" | "binary"), _)
            | (Some("1" | "true" | "yes" | "y"), Some("if" | "when" | "n"))
    )
}

/// Whether a node holds data-quality or test results (`data_quality__logical`,
/// `dq_lab_checks`, `elementary_test_results`): its values are the outcomes of checks, not
/// clinical measurements.
fn is_data_quality_node(node_words: &[String]) -> bool {
    has(node_words, &["dq", "dqi"])
        || node_words.windows(2).any(|w| {
            matches!(
                (w[0].as_str(), w[1].as_str()),
                ("data", "quality") | ("test", "result") | ("test", "results") | ("quality", "checks")
            )
        })
}

/// The clinical columns of one node, classified once.
#[derive(Debug, Default)]
pub(crate) struct NodeClinical<'n> {
    /// Columns holding a person's age.
    pub ages: Vec<&'n Column>,
    /// Columns holding diagnosis codes.
    pub diagnosis_codes: Vec<&'n Column>,
    /// Columns holding lab results or vital signs.
    pub values: Vec<&'n Column>,
    /// Start/end date pairs.
    pub pairs: Vec<DatePair<'n>>,
}

impl NodeClinical<'_> {
    /// How many clinical items (columns and pairs) the node has.
    pub fn len(&self) -> usize {
        self.ages.len() + self.diagnosis_codes.len() + self.values.len() + self.pairs.len()
    }
}

/// Classifies a node's columns (each name split into words once).
pub(crate) fn node_clinical(node: &Node) -> NodeClinical<'_> {
    let node_words = clinical_words(&node.name);
    let data_quality = is_data_quality_node(&node_words);
    let mut out = NodeClinical::default();
    for c in &node.columns {
        let ws = clinical_words(&c.name);
        if is_age_named(&ws, c) {
            out.ages.push(c);
        }
        if is_diagnosis_code_named(&ws) {
            out.diagnosis_codes.push(c);
        }
        if !data_quality && is_clinical_value_named(&node_words, &ws, c) && !is_flag(&ws, c) {
            out.values.push(c);
        }
    }
    out.pairs = date_pairs(node);
    out
}

/// Start/end stems that must be ordered (`admit` before `discharge`…).
const PAIRS: [(&[&str], &[&str]); 5] = [
    (&["admit", "admission", "admitted"], &["discharge", "discharged", "disch"]),
    (&["start", "begin", "beginning"], &["end", "stop", "finish"]),
    (&["from"], &["thru", "through", "to"]),
    (&["effective", "eff"], &["termination", "term", "expiration", "expiry", "exp"]),
    (&["onset"], &["resolution", "resolved", "abatement"]),
];

/// A pair of date columns of one node that must be ordered: (start, end).
#[derive(Debug, Clone)]
pub(crate) struct DatePair<'n> {
    pub start: &'n Column,
    pub end: &'n Column,
}

/// The start/end date pairs of a node: same words apart from the start/end stem.
pub(crate) fn date_pairs(node: &Node) -> Vec<DatePair<'_>> {
    let dates: Vec<(&Column, Vec<String>)> =
        node.columns.iter().filter(|c| date_like(c)).map(|c| (c, clinical_words(&c.name))).collect();
    let mut out = Vec::new();
    for (start, sw) in &dates {
        for (starts, ends) in PAIRS.iter() {
            let Some(si) = sw.iter().position(|w| starts.contains(&w.as_str())) else { continue };
            for (end, ew) in &dates {
                if std::ptr::eq(*start, *end) || ew.len() != sw.len() {
                    continue;
                }
                let Some(ei) = ew.iter().position(|w| ends.contains(&w.as_str())) else { continue };
                let rest_equal = si == ei
                    && sw
                        .iter()
                        .zip(ew.iter())
                        .enumerate()
                        .all(|(i, (a, b))| i == si || a == b || is_date_word(a) && is_date_word(b));
                if rest_equal
                    && !out.iter().any(|p: &DatePair<'_>| std::ptr::eq(p.start, *start) && std::ptr::eq(p.end, *end))
                {
                    out.push(DatePair { start, end });
                }
            }
        }
    }
    out
}

fn is_date_word(w: &str) -> bool {
    matches!(w, "date" | "dt" | "datetime" | "timestamp" | "ts" | "at" | "time")
}

/// What a test checks, judged from its name and its arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    NotNull,
    Unique,
    UniqueCombination,
    Range,
    Ordering,
    Expression,
    Other,
}

fn kw<'t>(t: &'t Test, key: &str) -> Option<&'t MetaValue> {
    match &t.kind {
        TestKind::Generic { kwargs, .. } => kwargs.get(key),
        TestKind::Singular => None,
    }
}

/// Whether a test is a not-null, a unique or a unique-combination test: the purposes a
/// primary-key check asks about, without reading the others.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KeyPurposes {
    pub not_null: bool,
    pub unique: bool,
    pub unique_combination: bool,
}

/// [`KeyPurposes`] of a test: the same answers as [`purposes`] for these three.
pub(crate) fn key_purposes(t: &Test) -> KeyPurposes {
    key_purposes_named(t, &t.test_name().unwrap_or(&t.name).to_ascii_lowercase())
}

fn key_purposes_named(t: &Test, name: &str) -> KeyPurposes {
    KeyPurposes {
        not_null: name == "not_null" || name.contains("not_be_null") || name.contains("not_null"),
        unique: name == "unique" || name.ends_with("to_be_unique") && !name.contains("compound"),
        unique_combination: name.contains("unique_combination")
            || name.contains("compound_columns_to_be_unique")
            || kw(t, "combination_of_columns").is_some(),
    }
}

/// The purposes of a test (a test can have several, e.g. a range checked by an expression).
pub(crate) fn purposes(t: &Test) -> Vec<Purpose> {
    let name = t.test_name().unwrap_or(&t.name).to_ascii_lowercase();
    let full = t.name.to_ascii_lowercase();
    let mut out = Vec::new();
    let any_name = |xs: &[&str]| xs.iter().any(|x| name.contains(x) || full.contains(x));
    let key = key_purposes_named(t, &name);
    if key.not_null {
        out.push(Purpose::NotNull);
    }
    if key.unique {
        out.push(Purpose::Unique);
    }
    if key.unique_combination {
        out.push(Purpose::UniqueCombination);
    }
    if kw(t, "min_value").is_some()
        || kw(t, "max_value").is_some()
        || any_name(&["range", "between", "plausib", "physiolog"])
    {
        out.push(Purpose::Range);
    }
    if (kw(t, "column_a").is_some() || kw(t, "column_A").is_some())
        && (kw(t, "column_b").is_some() || kw(t, "column_B").is_some())
        || any_name(&["before", "after", "greater_than", "less_than", "_order", "precede"])
    {
        out.push(Purpose::Ordering);
    }
    if let Some(MetaValue::Str(expr)) = kw(t, "expression") {
        out.push(Purpose::Expression);
        if ["<", ">"].iter().any(|op| expr.contains(op)) {
            out.push(Purpose::Ordering);
            out.push(Purpose::Range);
        }
    }
    if out.is_empty() {
        out.push(Purpose::Other);
    }
    out
}

/// What counts as validating diagnosis codes (TST004), read once per run from the policy.
pub(crate) struct CodeValidation {
    /// `rules.code_set_phrases`: words of a code-set relation's name or description.
    code_sets: Vec<super::phrases::Phrase>,
    /// `rules.code_validation_tests`, lower-cased.
    known_tests: Vec<String>,
}

impl CodeValidation {
    /// Reads the policy's conventions.
    pub fn new(rules: &crate::policy::RulesConfig) -> Self {
        CodeValidation {
            code_sets: super::phrases::phrases(&rules.code_set_phrases),
            known_tests: rules.code_validation_tests.iter().map(|t| t.trim().to_ascii_lowercase()).collect(),
        }
    }

    /// Whether a test validates diagnosis codes against ICD-10: a known validation test, a
    /// pattern that looks like ICD-10, accepted values that are ICD-10 codes, or a
    /// relationship to a code set. A relationship to any other relation (the patient table)
    /// proves the code exists there, not that it is a valid code.
    pub fn validates(&self, ctx: &super::Context<'_>, t: &Test) -> bool {
        let name = t.test_name().unwrap_or(&t.name).to_ascii_lowercase();
        if crate::policy::first_match(&self.known_tests, &name).is_some() {
            return true;
        }
        let strings = |key: &str| -> Vec<&str> {
            match kw(t, key) {
                Some(MetaValue::Str(s)) => vec![s.as_str()],
                Some(MetaValue::List(l)) => l.iter().filter_map(MetaValue::as_str).collect(),
                _ => Vec::new(),
            }
        };
        if ["regex", "regex_list", "pattern", "patterns"].iter().flat_map(|k| strings(k)).any(looks_like_icd10_regex) {
            return true;
        }
        let values: Vec<&str> = ["values", "value_set"].iter().flat_map(|k| strings(k)).collect();
        if !values.is_empty() && values.iter().all(|v| looks_like_icd10_code(v)) {
            return true;
        }
        relationship_target(ctx, t).is_some_and(|target| self.is_code_set(ctx, target))
    }

    /// Whether a relation is a code set: its name or description says so
    /// (`rules.code_set_phrases`), and it holds no PHI (a patient table is not a code set,
    /// whatever its description says about diagnosis codes).
    pub fn is_code_set(&self, ctx: &super::Context<'_>, node: &Node) -> bool {
        if ctx.phi_of(node).is_some_and(|p| p.status.is_phi()) {
            return false;
        }
        let name = format!("{} {}", node.source_name.as_deref().unwrap_or(""), node.name);
        super::phrases::Words::of(&name).contains_any(&self.code_sets)
            || super::phrases::Words::of(&node.description).contains_any(&self.code_sets)
    }
}

/// The relation a `relationships` test points to: the node it reads besides the one it is
/// attached to (the one its `to` argument names, when it reads several).
fn relationship_target<'p>(ctx: &super::Context<'p>, t: &Test) -> Option<&'p Node> {
    let to = kw(t, "to").and_then(MetaValue::as_str)?;
    let others: Vec<&str> =
        t.depends_on.iter().map(|d| d.as_ref()).filter(|d| Some(*d) != t.attached_node.as_deref()).collect();
    let named = others.iter().find(|d| d.rsplit('.').next().is_some_and(|n| names_identifier(to, n)));
    ctx.project.node(named.or(others.first())?)
}

/// Whether a regular expression looks like an ICD-10 pattern: it starts with a letter class
/// (`^[A-TV-Z][0-9]…`, `[A-Z]`, `[[:upper:]]`), as ICD-10 codes start with a letter.
fn looks_like_icd10_regex(re: &str) -> bool {
    let mut re = re.trim();
    for prefix in ["^", "(?i)", "(?:", "(", "\\b"] {
        re = re.strip_prefix(prefix).unwrap_or(re);
    }
    match re.strip_prefix('[') {
        Some(class) => {
            class.starts_with(|c: char| c.is_ascii_alphabetic())
                || class.starts_with("[:upper:]")
                || class.starts_with("[:alpha:]")
        }
        None => re.starts_with("\\p{L"),
    }
}

/// Whether a value is written as an ICD-10 code: a letter, a digit, a letter or digit, then
/// optionally a dot and up to four letters or digits (`E11`, `E11.9`, `J45909`).
fn looks_like_icd10_code(v: &str) -> bool {
    let v = v.trim();
    let bytes = v.as_bytes();
    let head_ok = bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.get(1).is_some_and(u8::is_ascii_digit)
        && bytes.get(2).is_some_and(u8::is_ascii_alphanumeric);
    let tail = v.get(3..).unwrap_or("");
    let tail = tail.strip_prefix('.').unwrap_or(tail);
    head_ok && tail.len() <= 4 && tail.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The bounds a range test sets, as far as they are written as numbers: its `min_value` and
/// `max_value` arguments (numbers, or strings holding one), else the smallest and largest
/// number its `expression` compares with. A bound written another way (`{{ var('max_age') }}`)
/// is not known.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct RangeBounds {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl RangeBounds {
    /// Whether every known bound lies within `lo..=hi`.
    pub fn within(&self, lo: f64, hi: f64) -> bool {
        [self.min, self.max].into_iter().flatten().all(|b| (lo..=hi).contains(&b))
    }
}

impl std::fmt::Display for RangeBounds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.min, self.max) {
            (Some(lo), Some(hi)) => write!(f, "{lo} to {hi}"),
            (Some(lo), None) => write!(f, "{lo} and above"),
            (None, Some(hi)) => write!(f, "up to {hi}"),
            (None, None) => f.write_str("an unknown range"),
        }
    }
}

/// [`RangeBounds`] of a test.
pub(crate) fn range_bounds(t: &Test) -> RangeBounds {
    let number = |v: &MetaValue| match v {
        MetaValue::Int(i) => Some(*i as f64),
        MetaValue::Float(f) => Some(*f),
        MetaValue::Str(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    let min = kw(t, "min_value").and_then(number);
    let max = kw(t, "max_value").and_then(number);
    if min.is_some() || max.is_some() {
        return RangeBounds { min, max };
    }
    let Some(MetaValue::Str(expr)) = kw(t, "expression") else { return RangeBounds::default() };
    let numbers = numbers_in(expr);
    RangeBounds { min: numbers.iter().copied().reduce(f64::min), max: numbers.iter().copied().reduce(f64::max) }
}

/// The numbers written in an expression (`-3`, `120`, `1.5`), not digits inside identifiers
/// (`age_90plus`, `icd10`).
fn numbers_in(expr: &str) -> Vec<f64> {
    let bytes = expr.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts_number = bytes.get(i).is_some_and(u8::is_ascii_digit)
            && (i == 0 || bytes.get(i - 1).is_some_and(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'.')));
        if !starts_number {
            i += 1;
            continue;
        }
        let start = if i > 0 && bytes.get(i - 1) == Some(&b'-') { i - 1 } else { i };
        let mut end = i;
        while bytes.get(end).is_some_and(|&b| b.is_ascii_digit() || b == b'.') {
            end += 1;
        }
        if !bytes.get(end).is_some_and(|&b| b.is_ascii_alphabetic() || b == b'_') {
            if let Some(n) = expr.get(start..end).and_then(|s| s.parse::<f64>().ok()) {
                out.push(n);
            }
        }
        i = end;
    }
    out
}

/// Whether a test reads `column` (lowercase): its `column_name`, a column argument, an
/// identifier in its expression (whole: a test of `primary_icd10_code` does not read
/// `icd10_code`), or (singular tests) a word of its name.
pub(crate) fn test_reads(t: &Test, column: &str) -> bool {
    if t.column_name.as_deref().is_some_and(|c| c.trim_matches('"').eq_ignore_ascii_case(column)) {
        return true;
    }
    let mentions = |s: &str| names_identifier(s, column);
    match &t.kind {
        TestKind::Generic { kwargs, .. } => kwargs.iter().any(|(k, v)| match (k, v) {
            ("model", _) => false,
            (_, MetaValue::Str(s)) => mentions(s),
            (_, MetaValue::List(l)) => l.iter().filter_map(MetaValue::as_str).any(mentions),
            _ => false,
        }),
        TestKind::Singular => contains_word(&t.name.to_ascii_lowercase(), column),
    }
}

/// Whether `needle` appears in `hay` delimited by non-identifier characters.
fn contains_word(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let bytes = hay.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric();
    let mut from = 0;
    while let Some(i) = hay.get(from..).and_then(|h| h.find(needle)) {
        let start = from + i;
        let end = start + needle.len();
        let before_ok = start == 0 || bytes.get(start - 1).is_none_or(|&b| !is_ident(b));
        let after_ok = bytes.get(end).is_none_or(|&b| !is_ident(b));
        if before_ok && after_ok {
            return true;
        }
        from = start + 1;
    }
    false
}

/// Whether `column` of `node` is covered by a test with `purpose`: on the node itself, or —
/// when the node does not test the column at all — on a column of the same name along its
/// lineage, through nodes that carry the column (an upstream staging model usually carries the business-rule tests of a value
/// that downstream models pass through). A column the node tests itself is judged by the
/// node's own tests: testing it here, only for presence, is the gap.
pub(crate) fn covered_along_lineage(
    ctx: &super::Context<'_>,
    node: &Node,
    columns: &[&str],
    matches: &dyn Fn(&Test, &Node) -> bool,
) -> bool {
    let lower: Vec<String> = columns.iter().map(|c| c.to_ascii_lowercase()).collect();
    let reads_all = |t: &Test, _: &Node| lower.iter().all(|c| test_reads(t, c));
    let own = ctx.tests_of(node);
    if own.iter().any(|t| matches(t, node) && reads_all(t, node)) {
        return true;
    }
    // "Tested here" means a test of this node reads every column in question: for a date
    // pair, a test of the pair; a not_null on one of its dates says nothing about order.
    let tested_here = own.iter().any(|t| reads_all(t, node));
    if tested_here {
        return false;
    }
    // Walk the lineage both ways through nodes that carry every column in question (the
    // value passes through them), looking for one that tests it.
    for upward in [true, false] {
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::from([node.unique_id.as_ref()]);
        let mut stack: Vec<&str> = vec![node.unique_id.as_ref()];
        while let Some(at) = stack.pop() {
            let next = if upward { ctx.lineage.parents(at) } else { ctx.lineage.children(at) };
            for id in next {
                if !seen.insert(id) {
                    continue;
                }
                let Some(other) = ctx.project.node(id) else { continue };
                if !lower.iter().all(|c| other.column(c).is_some()) {
                    continue;
                }
                if ctx.tests_of(other).iter().any(|t| matches(t, other) && reads_all(t, other)) {
                    return true;
                }
                stack.push(id);
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_identifiers_as_warehouses_spell_them() {
        assert_eq!(clinical_words("patientDOB_dt"), ["patient", "dob", "dt"]);
        assert_eq!(clinical_words("PRIMARY_ICD10_CODE"), ["primary", "icd10", "code"]);
        assert_eq!(clinical_words("zip5"), ["zip", "5"]);
        assert_eq!(clinical_words("AgeYears"), ["age", "years"]);
    }

    #[test]
    fn recognises_icd10_patterns_and_codes() {
        assert!(looks_like_icd10_regex("^[A-TV-Z][0-9][0-9AB](\\.?[0-9A-TV-Z]{1,4})?$"));
        assert!(looks_like_icd10_regex("[A-Z][0-9]{2}"));
        assert!(!looks_like_icd10_regex("^[0-9]+$"));
        assert!(!looks_like_icd10_regex(".*"));
        assert!(looks_like_icd10_code("E11.9") && looks_like_icd10_code("J45909") && looks_like_icd10_code("I10"));
        assert!(!looks_like_icd10_code("Y") && !looks_like_icd10_code("250.00") && !looks_like_icd10_code("E11.12345"));
    }

    #[test]
    fn reads_numbers_not_identifier_digits() {
        assert_eq!(numbers_in("age_years >= 0 and age_years <= 120"), [0.0, 120.0]);
        assert_eq!(numbers_in("between -5 and 1.5"), [-5.0, 1.5]);
        assert!(numbers_in("age_90plus = icd10").is_empty());
    }

    #[test]
    fn finds_words_not_substrings() {
        assert!(contains_word("admit_date < discharge_date", "admit_date"));
        assert!(!contains_word("readmit_date < x", "admit_date"));
    }
}

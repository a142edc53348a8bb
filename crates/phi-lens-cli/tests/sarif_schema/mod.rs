//! The SARIF 2.1.0 JSON schema, and a check that a SARIF log is valid against it: the one
//! validation `check --format sarif` (tests/check_cli.rs) and `diff --format sarif`
//! (tests/diff_cli.rs) both go through.
//!
//! `sarif-schema-2.1.0.json` is the final 2.1.0 schema (2.1.0-rtm.5, draft-04) as SchemaStore
//! serves it at the `$schema` URL phi-lens writes (`https://json.schemastore.org/sarif-2.1.0.json`),
//! copied unchanged from the npm package `@microsoft/jest-sarif` 1.0.0-beta.0
//! (`lib/schemas/sarif-2.1.0-rtm.5.json`; MIT), which validates SARIF with it in the same way.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // Each test file uses part of it.

use serde_json::Value;

/// The URL phi-lens's SARIF names as its `$schema`.
const SCHEMA_URL: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Where `sarif` breaks the SARIF 2.1.0 schema (formats such as `uri` and `date-time`
/// asserted), or `Ok` when it is a valid log.
pub fn validate(sarif: &str) -> Result<(), String> {
    let schema: Value = serde_json::from_str(include_str!("sarif-schema-2.1.0.json")).expect("the schema is JSON");
    let log: Value = serde_json::from_str(sarif).map_err(|e| format!("not JSON: {e}"))?;
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler.add_resource(SCHEMA_URL, schema).expect("the schema is added");
    let mut schemas = boon::Schemas::new();
    let index = compiler.compile(SCHEMA_URL, &mut schemas).unwrap_or_else(|e| panic!("the schema compiles: {e:#}"));
    schemas.validate(&log, index).map_err(|e| e.to_string())
}

/// Fails the test, saying where, unless `sarif` is a valid SARIF 2.1.0 log that names the
/// schema as its `$schema`; and checks that the validation refuses a broken copy of it (a
/// result without a message, at a level SARIF does not have), so it cannot pass by accident.
pub fn assert_valid_sarif(sarif: &str) {
    let log: Value = serde_json::from_str(sarif).expect("the SARIF log is JSON");
    assert_eq!(log["$schema"], SCHEMA_URL, "the log names the schema it is checked against");
    if let Err(e) = validate(sarif) {
        panic!("the SARIF log is not valid against the SARIF 2.1.0 schema:\n{e}");
    }
    let mut broken = log;
    broken["runs"][0]["results"] = serde_json::json!([{"level": "loud"}]);
    let refused = validate(&broken.to_string());
    assert!(refused.is_err(), "a broken log passed the schema: the validation checks nothing");
}

//! The demo project (`examples/clinic`) is what a first-time user sees: check it is the rich,
//! realistic project the README promises, through the same `summary` a user runs.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly on broken fixtures.

use std::path::PathBuf;
use std::process::Command;

use phi_lens_core::{load_project, ArtifactKind, ArtifactSet, Input};
use serde_json::Value;

fn demo_target() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/clinic/target")
}

#[test]
fn demo_summary_shows_a_realistic_healthcare_project() {
    let out = Command::new(env!("CARGO_BIN_EXE_phi-lens"))
        .args(["summary", "--json"])
        .arg(demo_target())
        .output()
        .expect("run phi-lens");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    let count = |k: &str| s["counts"][k].as_u64().unwrap();
    assert_eq!(s["project_name"], "clinic");
    assert!(count("model") >= 25, "models: {}", count("model"));
    assert!(count("exposure") >= 3, "exposures: {}", count("exposure"));
    assert!(count("source") >= 5, "sources: {}", count("source"));
    assert!(count("test") >= 40, "tests: {}", count("test"));
    assert!(s["columns"]["warehouse_only"].as_u64().unwrap() > 0, "the catalog has warehouse-only columns");
    assert!(s["test_status"]["fail"].as_u64().unwrap_or(0) >= 1, "at least one failing test: {}", s["test_status"]);
    assert_eq!(s["warnings"], Value::Array(vec![]), "the demo loads without warnings");
}

#[test]
fn demo_has_clinical_business_rule_tests() {
    let mut set = ArtifactSet::default();
    for kind in ArtifactKind::ALL {
        let path = demo_target().join(kind.file_name());
        set.insert(kind, Input::new(path.display().to_string(), std::fs::read(&path).unwrap()));
    }
    let project = load_project(&set).unwrap().project;
    let named = |name: &str| project.tests.iter().filter(|t| t.test_name() == Some(name)).count();
    assert!(named("accepted_range") > 0, "plausible-range tests (ages, lab values)");
    assert!(named("relationships") > 0, "ICD-10 codes checked against a code seed");
    assert!(project.tests.iter().any(|t| t.test_name().is_none()), "at least one singular test");
    let failing: Vec<&str> = project
        .tests
        .iter()
        .filter(|t| t.run.as_ref().is_some_and(|r| r.status == "fail"))
        .map(|t| t.name.as_str())
        .collect();
    assert!(!failing.is_empty(), "a failing test is attached from run_results.json");
}

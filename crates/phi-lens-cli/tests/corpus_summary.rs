//! `phi-lens summary --json` on every real artifact set of ../shared/corpus, compared with the
//! reference numbers that `tools/index.py` computed independently (index.json / INDEX.md).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly on broken fixtures.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    if dir.join("index.json").is_file() {
        Some(dir)
    } else {
        eprintln!("\n!!!!! SKIPPED: the corpus is absent at {} — corpus tests did not run !!!!!\n", dir.display());
        None
    }
}

fn summary(set_dir: &std::path::Path) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_phi-lens"))
        .arg("summary")
        .arg(set_dir)
        .arg("--json")
        .output()
        .expect("run phi-lens");
    assert!(out.status.success(), "{}: {}", set_dir.display(), String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("summary --json is JSON")
}

/// Counts phi-lens reports are compared with; `macro`, `group` and the generic/singular split
/// are index-only facts.
const INDEX_ONLY: [&str; 4] = ["macro", "group", "test_generic", "test_singular"];

#[test]
fn every_corpus_set_matches_the_reference_index() {
    let Some(dir) = corpus() else { return };
    let index: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    let sets = index.as_array().expect("index.json is a list");
    assert!(sets.len() >= 28, "expected the whole corpus, found {} sets", sets.len());
    let mut checked = Vec::new();
    for reference in sets {
        let name = reference["set"].as_str().unwrap();
        let got = summary(&dir.join(name));
        let keys: Vec<&str> = got.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["columns", "counts", "dbt_version", "manifest_schema_version", "project_name", "test_status", "warnings"],
            "{name}: summary --json has exactly the documented keys"
        );
        for key in ["project_name", "dbt_version", "manifest_schema_version"] {
            assert_eq!(got[key], reference[key], "{name}: {key}");
        }
        for (kind, n) in reference["counts"].as_object().unwrap() {
            if INDEX_ONLY.contains(&kind.as_str()) {
                continue;
            }
            let mine = got["counts"].get(kind).cloned().unwrap_or(Value::from(0));
            assert_eq!(&mine, n, "{name}: count of {kind}");
        }
        for (kind, n) in got["counts"].as_object().unwrap() {
            assert_eq!(Some(n), reference["counts"].get(kind), "{name}: count of {kind} is in the index too");
        }
        assert_eq!(got["columns"]["documented"], reference["columns"]["documented"], "{name}: documented columns");
        assert_eq!(
            got["columns"]["warehouse_only"], reference["columns"]["warehouse_only"],
            "{name}: warehouse-only columns"
        );
        assert_eq!(got["test_status"], reference["test_status"], "{name}: test statuses");
        checked.push(name.to_string());
    }
    assert!(checked.iter().any(|s| s.starts_with("spellbook")), "the largest set, spellbook, is among them");
    eprintln!("checked {} corpus sets against index.json", checked.len());
}

//! `phi-lens columns` on every artifact set of ../shared/corpus and ../shared/sql-corpus: no
//! crash, the JSON has exactly the documented shape, every model is listed (an unresolved one
//! with its reason), and the share resolved at column level is printed; Tuva's compiled set
//! (737 models, all with compiled SQL) resolves at least 95 %.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly on broken fixtures.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn shared() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if dir.join("corpus/index.json").is_file() {
        Some(dir)
    } else {
        eprintln!("\n!!!!! SKIPPED: the corpus is absent at {} — column tests did not run !!!!!\n", dir.display());
        None
    }
}

fn columns(set: &Path, extra: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_phi-lens"))
        .arg("columns")
        .arg(set)
        .arg("--json")
        .args(extra)
        .output()
        .expect("run phi-lens");
    assert!(out.status.success(), "{}: {}", set.display(), String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("columns --json is JSON")
}

#[test]
fn every_set_with_compiled_sql_is_resolved_or_explained() {
    let Some(shared) = shared() else { return };
    let mut sets: Vec<PathBuf> = std::fs::read_dir(shared.join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .chain(std::fs::read_dir(shared.join("sql-corpus")).unwrap().map(|e| e.unwrap().path()))
        .filter(|p| p.join("manifest.json.gz").is_file() || p.join("manifest.json").is_file())
        .collect();
    sets.sort();
    let mut table = String::new();
    for set in &sets {
        let got = columns(set, &[]);
        let keys: Vec<&str> = got.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["edges", "models"], "{}", set.display());
        for e in got["edges"].as_array().unwrap() {
            let keys: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(keys, ["source", "source_column", "target", "target_column", "transform"]);
            let t = e["transform"].as_str().unwrap();
            assert!(["copy", "derived", "generalized", "hashed", "aggregated", "filter"].contains(&t), "{t}");
        }
        let models = got["models"].as_array().unwrap();
        let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
        let (mut resolved, mut with_sql) = (0, 0);
        for m in models {
            match (m["parsed"].as_bool().unwrap(), m["error"].as_str()) {
                (true, None) => {
                    resolved += 1;
                    with_sql += 1;
                }
                (false, Some(reason)) => {
                    if reason != phi_lens_core::columns::NO_SQL {
                        with_sql += 1;
                    }
                    // The guards against hostile SQL never refuse a real model.
                    assert!(
                        ![
                            "SQL nested too deep",
                            "SQL too complex",
                            "SQL too long",
                            "SQL has too many",
                            "SQL too large"
                        ]
                        .iter()
                        .any(|g| reason.starts_with(g)),
                        "{}: {} refused: {reason}",
                        set.display(),
                        m["unique_id"]
                    );
                    let kind: String = reason.split([':', ' ']).take(2).collect::<Vec<_>>().join(" ");
                    *reasons.entry(kind).or_default() += 1;
                }
                other => panic!("{}: a model is parsed with an error or unparsed without: {other:?}", set.display()),
            }
        }
        let name = set.file_name().unwrap().to_string_lossy().to_string();
        table.push_str(&format!(
            "{name}: {resolved}/{with_sql} models with compiled SQL resolved ({} models) {reasons:?}\n",
            models.len()
        ));
        if name == "tuva-health_tuva-1.12.0-compiled" {
            assert_eq!(models.len(), 737);
            assert!(resolved * 100 >= 95 * 737, "Tuva: {resolved} of 737 resolved");
        }
    }
    eprintln!("{table}");
}

#[test]
fn select_narrows_to_a_model_and_a_column() {
    let Some(shared) = shared() else { return };
    let set = shared.join("corpus/dbt-labs_jaffle-shop-1.12.0");
    let got = columns(&set, &["--select", "customers.customer_id"]);
    let edges = got["edges"].as_array().unwrap();
    assert!(!edges.is_empty());
    assert!(edges
        .iter()
        .all(|e| (e["target"] == "model.jaffle_shop.customers" && e["target_column"] == "customer_id")
            || (e["source"] == "model.jaffle_shop.customers" && e["source_column"] == "customer_id")));
    assert_eq!(got["models"].as_array().unwrap().len(), 1);
}

/// A project with a hostile model: the CLI lists it unresolved with its reason, in text and
/// JSON, and resolves the other.
#[test]
fn a_hostile_model_is_listed_with_its_reason() {
    let dir = std::env::temp_dir().join(format!("phi-lens-columns-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let model = |name: &str, sql: String| {
        serde_json::json!({"resource_type": "model", "name": name, "database": "db", "schema": "mart",
            "depends_on": {"nodes": ["seed.p.patients"]}, "compiled_code": sql})
    };
    let manifest = serde_json::json!({"metadata": {"adapter_type": "snowflake"}, "nodes": {
        "seed.p.patients": {"resource_type": "seed", "name": "patients", "database": "db", "schema": "raw",
            "columns": {"mrn": {"name": "mrn"}}},
        "model.p.fine": model("fine", "select md5(mrn) as pid from db.raw.patients".into()),
        "model.p.parens": model("parens", format!("select {}mrn{} as x from db.raw.patients", "(".repeat(10_000), ")".repeat(10_000))),
    }});
    std::fs::write(dir.join("manifest.json"), serde_json::to_vec(&manifest).unwrap()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_phi-lens")).arg("columns").arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("1 of 2 models resolved at column level"), "{text}");
    assert!(
        text.contains(
            "Not resolved at column level (node-level inheritance applies):\n  model.p.parens: SQL nested too deep\n"
        ),
        "{text}"
    );
    let got = columns(&dir, &[]);
    let models = got["models"].as_array().unwrap();
    assert_eq!(
        models[1],
        serde_json::json!({"unique_id": "model.p.parens", "parsed": false, "error": "SQL nested too deep"})
    );
    assert_eq!(models[0]["parsed"], true);
    std::fs::remove_dir_all(&dir).unwrap();
}

//! The Safe Harbor detector against the hand-labelled evaluation set
//! (`tests/data/phi_labels/columns.csv`, 762 real column names).
//!
//! Each row becomes a tiny project of its own: one node named after the row's unique_id, with
//! the row's column (name, data type, description), loaded from a synthetic manifest and run
//! through the whole `phi_report`, so the detector sees exactly what it sees in a real
//! project of one node. The `label` is compared; `subject` and `reason` are never read.
//!
//! Prints precision and recall of PHI vs none and the per-letter accuracy; asserts
//! recall ≥ 0.95 and precision ≥ 0.90. `PHI_EVAL_VERBOSE=1` lists every error.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A test fails loudly.

use std::collections::BTreeMap;

use phi_lens_core::phi::{phi_report, Status};
use phi_lens_core::Policy;
use phi_lens_core::{load_project, ArtifactKind, ArtifactSet, Input};
use serde_json::json;

struct Row {
    unique_id: String,
    column: String,
    data_type: String,
    description: String,
    label: String,
}

fn rows() -> Vec<Row> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/phi_labels/columns.csv");
    let mut reader = csv::Reader::from_path(path).expect("columns.csv");
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (u, c, t, d, l) = (at("unique_id"), at("column"), at("data_type"), at("description"), at("label"));
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            Row {
                unique_id: r[u].to_string(),
                column: r[c].to_string(),
                data_type: r[t].to_string(),
                description: r[d].to_string(),
                label: r[l].to_string(),
            }
        })
        .collect()
}

/// A manifest with one node holding one column, named as the row says.
fn manifest(row: &Row) -> Vec<u8> {
    let parts: Vec<&str> = row.unique_id.split('.').collect();
    let resource_type = parts[0];
    let package = parts.get(1).copied().unwrap_or("p");
    let mut column = json!({"name": row.column, "description": row.description});
    if !row.data_type.is_empty() {
        column["data_type"] = json!(row.data_type);
    }
    let columns = json!({ row.column.clone(): column });
    let meta = json!({"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json"});
    let doc = if resource_type == "source" {
        let name = parts.last().copied().unwrap_or("t");
        let source_name = parts.get(parts.len().saturating_sub(2)).copied().unwrap_or("s");
        json!({"metadata": meta, "nodes": {}, "sources": {row.unique_id.clone(): {
            "resource_type": "source", "name": name, "source_name": source_name, "package_name": package,
            "unique_id": row.unique_id, "columns": columns}}})
    } else {
        let name = parts.last().copied().unwrap_or("n");
        json!({"metadata": meta, "nodes": {row.unique_id.clone(): {
            "resource_type": resource_type, "name": name, "package_name": package,
            "unique_id": row.unique_id, "columns": columns}}})
    };
    serde_json::to_vec(&doc).unwrap()
}

/// The letter the whole pipeline gives the row's column (`none` when not PHI).
fn predict(row: &Row, policy: &Policy) -> String {
    let mut set = ArtifactSet::default();
    set.insert(ArtifactKind::Manifest, Input::new("manifest.json", manifest(row)));
    let loaded = load_project(&set).expect("synthetic manifest loads");
    let report = phi_report(&loaded.project, policy);
    let node = report.nodes.first().expect("one node");
    let column = node.columns.first().expect("one column");
    match (column.status, column.category) {
        (Status::Detected | Status::Declared | Status::Inherited, Some(c)) => c.letter().to_string(),
        _ => "none".to_string(),
    }
}

#[test]
fn detector_meets_the_precision_and_recall_targets() {
    let rows = rows();
    assert_eq!(rows.len(), 762, "the evaluation set has 762 rows");
    // This set labels keys of an individual's records (claim_id, encounter_id) R, as the
    // policy option `record_keys_identify_person` does (docs/safe-harbor.md §R2); the
    // first-sight sets (tests/phi_first_sight.rs) are scored under the default policy.
    let mut policy = Policy::default();
    policy.detection.record_keys_identify_person = true;
    let verbose = std::env::var_os("PHI_EVAL_VERBOSE").is_some();
    let (mut tp, mut fp, mut fneg, mut tn) = (0u32, 0u32, 0u32, 0u32);
    // letter → (rows, rows given that letter)
    let mut letters: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut errors = Vec::new();
    for row in &rows {
        let got = predict(row, &policy);
        let truth_phi = row.label != "none";
        let got_phi = got != "none";
        match (truth_phi, got_phi) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fneg += 1,
            (false, false) => tn += 1,
        }
        let e = letters.entry(row.label.clone()).or_default();
        e.0 += 1;
        if got == row.label {
            e.1 += 1;
        } else {
            errors
                .push(format!("{:>4} → {:<4} {} :: {} [{}]", row.label, got, row.unique_id, row.column, row.data_type));
        }
    }
    let precision = f64::from(tp) / f64::from(tp + fp);
    let recall = f64::from(tp) / f64::from(tp + fneg);
    let exact: u32 = letters.values().map(|v| v.1).sum();
    println!("PHI vs none: tp {tp}, fp {fp}, fn {fneg}, tn {tn}");
    println!("precision {precision:.3}, recall {recall:.3}");
    println!("exact letter (incl. none): {exact}/{} = {:.3}", rows.len(), f64::from(exact) / rows.len() as f64);
    for (letter, (n, ok)) in &letters {
        println!("  {letter:<4} {ok:>3}/{n:<3} {:.2}", f64::from(*ok) / f64::from(*n));
    }
    if verbose {
        errors.sort();
        for e in &errors {
            println!("{e}");
        }
    }
    assert!(recall >= 0.95, "recall {recall:.3} < 0.95");
    assert!(precision >= 0.90, "precision {precision:.3} < 0.90");
}

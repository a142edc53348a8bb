//! `phi-lens phi`: the three output formats on the clinic demo, the policy file (beside the
//! artifacts or `--policy`), and exit code 2 with a clear message on bad input.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

use std::path::PathBuf;
use std::process::{Command, Output};

fn demo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/clinic/target")
}

fn phi(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_phi-lens")).arg("phi").args(args).output().expect("run phi-lens")
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("phi-lens-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn json_has_the_policy_hash_and_one_row_per_node_and_column() {
    let out = phi(&[demo().as_os_str(), "--json".as_ref()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["policy_hash"].as_str().unwrap().starts_with("sha256:"));
    let rows = v["rows"].as_array().unwrap();
    let ssn = rows
        .iter()
        .find(|r| r["unique_id"] == "model.clinic.stg_claims__members" && r["column"] == "subscriber_ssn")
        .unwrap();
    assert_eq!(ssn["status"], "detected");
    assert_eq!(ssn["category"], "G");
    assert!(rows.iter().any(|r| r["column"].is_null() && r["unique_id"] == "model.clinic.dim_patients"));
    assert!(v["findings"].as_array().unwrap().iter().any(|f| f["kind"] == "phi_in_dev_schema"));
}

#[test]
fn csv_and_text_list_the_same_rows() {
    let csv = phi(&[demo().as_os_str(), "--csv".as_ref()]);
    assert!(csv.status.success());
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("unique_id,column,status,category,category_name,confidence,evidence\n"));
    assert!(csv.contains("model.clinic.fct_encounters,patient_phone,detected,D,telephone numbers,high,"));
    let text = phi(&[demo().as_os_str()]);
    assert!(text.status.success());
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("policy  sha256:"));
    assert!(text.contains("patient_phone"));
    assert!(text.contains("findings"));
}

#[test]
fn a_policy_beside_the_artifacts_is_used_and_changes_the_hash() {
    let dir = tmp("beside");
    for f in ["manifest.json", "catalog.json"] {
        std::fs::copy(demo().join(f), dir.join(f)).unwrap();
    }
    let default: serde_json::Value =
        serde_json::from_slice(&phi(&[dir.as_os_str(), "--json".as_ref()]).stdout).unwrap();
    std::fs::write(dir.join("phi-lens.toml"), "[schemas]\nphi = [\"phi\", \"intermediate\"]\n").unwrap();
    let out = phi(&[dir.as_os_str(), "--json".as_ref()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let custom: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_ne!(default["policy_hash"], custom["policy_hash"]);
    assert_eq!(custom["policy"]["schemas"]["phi"], serde_json::json!(["intermediate", "phi"]));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_policy_or_input_exits_2_with_a_clear_message() {
    let dir = tmp("bad");
    let policy = dir.join("p.toml");
    std::fs::write(&policy, "[schemas]\nphi_schemas = [\"phi\"]\n").unwrap();
    let out = phi(&[demo().as_os_str(), "--policy".as_ref(), policy.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("p.toml") && err.contains("phi_schemas"), "{err}");

    let out = phi(&[dir.join("missing").as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error:"));
    std::fs::remove_dir_all(&dir).unwrap();
}

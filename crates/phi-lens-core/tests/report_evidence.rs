//! `report::evidence_files`: the four files `phi-lens export` writes and the app downloads are
//! deterministic (the same inputs twice give the same bytes) and consistent with the single
//! renderers.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

mod gaps_support;
mod report_fixture;

use phi_lens_core::report::{self, csv, evidence_files, html, is_evidence_file, to_json, EVIDENCE_FILES};

#[test]
fn the_same_inputs_give_byte_identical_json_and_html() {
    let a = report_fixture::tiny();
    let b = report_fixture::tiny();
    assert_eq!(to_json(&a.report), to_json(&b.report));
    assert_eq!(html::render(&a.report, &a.analysis.phi), html::render(&b.report, &b.analysis.phi));
    let files_a = evidence_files(&a.loaded.project, &a.analysis, report::fingerprints(&a.set, &a.loaded.project), &[]);
    let files_b = evidence_files(&b.loaded.project, &b.analysis, report::fingerprints(&b.set, &b.loaded.project), &[]);
    assert_eq!(files_a, files_b);
}

#[test]
fn evidence_files_are_the_four_renderings() {
    let f = report_fixture::tiny();
    let files = evidence_files(
        &f.loaded.project,
        &f.analysis,
        report::fingerprints(&f.set, &f.loaded.project),
        &f.report.warnings,
    );
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, EVIDENCE_FILES);
    let get = |name: &str| String::from_utf8(files.iter().find(|(n, _)| *n == name).unwrap().1.clone()).unwrap();
    assert_eq!(get("report.json"), to_json(&f.report));
    assert_eq!(get("phi_inventory.csv"), csv::phi_inventory(&f.analysis.phi.rows()));
    assert_eq!(get("findings.csv"), csv::findings(&f.report));
    assert_eq!(get("report.html"), html::render(&f.report, &f.analysis.phi));
    for (name, bytes) in &files {
        assert!(is_evidence_file(name, bytes), "{name} is recognised as phi-lens's own");
        assert!(!is_evidence_file(name, b"my notes\n"), "{name}: other files are not");
    }
}

#[test]
fn json_never_holds_an_absolute_path_or_a_timestamp_of_its_own() {
    let f = report_fixture::tiny();
    let json = to_json(&f.report);
    assert!(!json.contains("target/"), "inputs are named by their base name");
    // The only timestamps are the artifacts' own generated_at: in the inputs, and quoted by the
    // warning that run_results.json was written after the manifest by another invocation.
    assert_eq!(json.matches("T03:0").count(), 4);
    assert_eq!(json.matches("\"generated_at\": \"2026-01-02T03:0").count(), 2);
}

/// The demo analysed as `phi-lens check` and `export` do: with column lineage from its compiled
/// SQL.
fn demo_with_columns() -> (phi_lens_core::model::Project, phi_lens_core::Analysis, Vec<report::InputFingerprint>) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/clinic/target");
    let (set, project, analysis) = gaps_support::analysis_of_set(&dir);
    let inputs = report::fingerprints(&set, &project);
    (project, analysis, inputs)
}

#[test]
fn the_evidence_carries_column_paths_byte_identically() {
    let (project, analysis, inputs) = demo_with_columns();
    let files = evidence_files(&project, &analysis, inputs.clone(), &[]);
    let (_, again, _) = demo_with_columns();
    assert_eq!(files, evidence_files(&project, &again, inputs.clone(), &[]), "deterministic");
    let get = |name: &str| String::from_utf8(files.iter().find(|(n, _)| *n == name).unwrap().1.clone()).unwrap();
    // report.json: written straight from the analysis, the same bytes as the built report.
    let json = get("report.json");
    let mut streamed = Vec::new();
    report::write_json_with(&project, &analysis, &inputs, &[], &mut streamed, &phi_lens_core::Sequential).unwrap();
    assert_eq!(String::from_utf8(streamed).unwrap(), json);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["column_lineage"]["resolved"], 44);
    let columns = &value["exposures"]["exposure.clinic.population_health_risk_model"]["phi"]["columns"];
    assert_eq!(columns[0]["column"], "birth_date");
    assert_eq!(columns[0]["path"][0]["unique_id"], "source.clinic.ehr.patients");
    assert_eq!(columns[0]["path"][3]["transform"], "copy");
    // The HTML report: each exposure's PHI columns with their path, and the column-level count.
    let page = get("report.html");
    assert!(page.contains("<a href=\"#column-lineage\">Column lineage</a>"));
    assert!(page.contains("44 of 44 models resolved at column level"));
    assert!(page.contains(
        "<code>model.clinic.mart_population_health.birth_date</code>: C (dates related to an individual, ages over 89)"
    ));
    assert!(page.contains(
        "source.clinic.ehr.patients.birth_date → model.clinic.stg_ehr__patients.birth_date (copy) → \
         model.clinic.int_patient_demographics.birth_date (copy) → model.clinic.mart_population_health.birth_date (copy)"
    ));
    // The PHI inventory: what column lineage says of each column, in its evidence.
    let inventory = get("phi_inventory.csv");
    assert!(inventory.contains("column lineage: carries C (dates related to an individual, ages over 89) through"));
    assert!(inventory.contains("(docs/safe-harbor.md §X5)"), "an aggregate's clearing cites its paragraph");
}

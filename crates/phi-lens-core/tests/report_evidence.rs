//! `report::evidence_files`: the four files `phi-lens export` writes and the app downloads are
//! deterministic (the same inputs twice give the same bytes) and consistent with the single
//! renderers.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

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

//! A second, hand-written project in another naming style
//! (`tests/fixtures/inpatient_upper`: an inpatient hospital on Snowflake whose raw HL7 feeds
//! keep their UPPER_CASE segment fields, `PID_DOB`, `PV1_ADMIT_DTTM`, `OBX_RSLT_VAL`…, and
//! whose marts follow the usual snake_case conventions). Its `GAPS.md` lists the planted gaps,
//! each to be found by its rule, and the compliant parts; no model outside the gaps may carry
//! a medium-or-worse finding.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

mod gaps_support;

use std::path::PathBuf;

use gaps_support::{analysed, compliant_parts, gaps, missed, unexplained};
use phi_lens_core::findings::Severity;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/inpatient_upper")
}

fn doc() -> String {
    std::fs::read_to_string(fixture().join("GAPS.md")).unwrap()
}

#[test]
fn every_planted_gap_is_found_by_its_rule() {
    let (project, findings) = analysed(&fixture());
    let gaps = gaps(&doc(), &project);
    assert!(gaps.len() >= 5, "GAPS.md lists the planted gaps ({})", gaps.len());
    let missed = missed(&gaps, &findings);
    for m in &missed {
        eprintln!("missed gap: {m}");
    }
    assert!(missed.is_empty(), "gaps not found by their rule: {missed:#?}");
}

#[test]
fn no_compliant_model_has_a_medium_or_worse_finding() {
    let (project, findings) = analysed(&fixture());
    let doc = doc();
    let gaps = gaps(&doc, &project);
    let checked = compliant_parts(&doc, &project);
    assert!(
        checked.iter().filter(|uid| uid.starts_with("model.")).count() >= 10,
        "the compliant table names at least 10 models ({checked:?})"
    );

    // Low findings outside the gaps are shown, not failed: the bar is "no noise an auditor
    // would act on".
    for f in unexplained(&gaps, &findings, Severity::Low) {
        eprintln!("outside the gaps: {f}");
    }
    let false_positives = unexplained(&gaps, &findings, Severity::Medium);
    assert!(
        false_positives.is_empty(),
        "medium-or-worse findings no planted gap explains (false positives): {false_positives:#?}"
    );
}

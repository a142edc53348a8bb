//! The demo project's planted gaps (`examples/clinic/GAPS.md`) are each found by the rule meant
//! for it, and nothing else in the demo is flagged: its compliant parts raise no finding.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

mod gaps_support;

use std::path::PathBuf;

use gaps_support::{analysed, compliant_parts, gaps, missed, unexplained};
use phi_lens_core::findings::Severity;

fn demo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/clinic")
}

fn doc() -> String {
    std::fs::read_to_string(demo().join("GAPS.md")).unwrap()
}

#[test]
fn every_planted_gap_is_found_by_its_rule() {
    let (project, findings) = analysed(&demo().join("target"));
    let gaps = gaps(&doc(), &project);
    assert!(gaps.len() >= 15, "GAPS.md lists the planted gaps ({})", gaps.len());
    let missed = missed(&gaps, &findings);
    assert!(missed.is_empty(), "gaps not found by their rule: {missed:#?}");
}

#[test]
fn nothing_outside_the_planted_gaps_is_flagged() {
    let (project, findings) = analysed(&demo().join("target"));
    let doc = doc();
    let gaps = gaps(&doc, &project);
    let unexplained = unexplained(&gaps, &findings, Severity::Low);
    assert!(unexplained.is_empty(), "findings no planted gap explains (false positives?): {unexplained:#?}");

    // And the compliant parts GAPS.md names explicitly carry no finding beyond a gap's.
    let checked = compliant_parts(&doc, &project);
    assert!(checked.len() >= 10, "the compliant table names its parts ({})", checked.len());
}

//! Waivers' `expires` and `approved_by`: an expired waiver (its date before the manifest's
//! `metadata.generated_at`, never the wall clock) is not applied and is a waiver problem saying
//! so; `approved_by` is kept and shown wherever a waiver is shown.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

mod report_fixture;

use phi_lens_core::report::{self, csv, html, markdown, sarif, text};
use phi_lens_core::Policy;

/// The fixture (generated 2026-01-02) with dated and approved waivers on `agg_visits_by_month`:
/// TST002 approved and expiring on the day the artifacts were generated (still valid), TST001
/// expired on 2025-12-31, and DOC003 with a date that is not one.
fn fixture() -> report_fixture::Fixture {
    let manifest = report_fixture::MANIFEST.replace(
        r#""phi_lens": {"waive": [{"rule": "TST002", "reason": "Tested upstream in the EHR feed."}]}"#,
        r#""phi_lens": {"waive": [
            {"rule": "TST002", "reason": "Tested upstream in the EHR feed.", "approved_by": "Dr. Quinn (privacy officer)", "expires": "2026-01-02"},
            {"rule": "TST001", "reason": "An aggregate has no key.", "approved_by": "A. Lee", "expires": "2025-12-31"},
            {"rule": "DOC003", "reason": "None known.", "expires": "next spring"}]}"#,
    );
    assert_ne!(manifest, report_fixture::MANIFEST, "the fixture has the waiver");
    report_fixture::load(&manifest, &Policy::default())
}

const AGG: &str = "model.tiny.agg_visits_by_month";

#[test]
fn an_expired_waiver_is_not_applied_and_says_it_expired() {
    let f = fixture();
    let waived = |rule: &str| {
        f.analysis
            .findings
            .iter()
            .find(|x| &*x.unique_id == AGG && x.rule == rule)
            .unwrap_or_else(|| panic!("{rule} fires on {AGG}"))
            .is_waived()
    };
    assert!(waived("TST002"), "a waiver is valid through its expiry date");
    assert!(!waived("TST001"), "expired on 2025-12-31, before the artifacts were generated on 2026-01-02");
    let problems = &f.report.waiver_problems;
    assert!(
        problems.contains(&format!(
            "{AGG}: waiver of TST001 expired on 2025-12-31 (the artifacts were generated on 2026-01-02); it is not applied"
        )),
        "{problems:#?}"
    );
    assert!(
        problems.iter().any(|p| p.starts_with(&format!("{AGG}: waiver of DOC003 has expires `next spring`"))),
        "{problems:#?}"
    );
}

#[test]
fn without_a_generation_date_a_dated_waiver_is_not_applied() {
    let manifest = fixture_manifest_without_generated_at();
    let f = report_fixture::load(&manifest, &Policy::default());
    assert!(f.analysis.findings.iter().filter(|x| &*x.unique_id == AGG).all(|x| !x.is_waived()));
    assert!(
        f.report.waiver_problems.iter().any(|p| p.contains("the manifest has no metadata.generated_at")),
        "{:#?}",
        f.report.waiver_problems
    );
}

fn fixture_manifest_without_generated_at() -> String {
    let m = report_fixture::MANIFEST.replace(r#""generated_at": "2026-01-02T03:04:05.000000Z", "#, "").replace(
        r#""Tested upstream in the EHR feed.""#,
        r#""Tested upstream in the EHR feed.", "expires": "2030-01-01""#,
    );
    assert!(!m.contains("generated_at") && m.contains("2030-01-01"));
    m
}

#[test]
fn approved_by_and_expires_are_shown_wherever_a_waiver_is() {
    let f = fixture();
    let json: serde_json::Value = serde_json::from_str(&report::to_json(&f.report)).unwrap();
    let w = json["waivers"].as_array().unwrap().iter().find(|w| w["rule"] == "TST002").unwrap();
    assert_eq!(w["approved_by"], "Dr. Quinn (privacy officer)");
    assert_eq!(w["expires"], "2026-01-02");
    let finding = json["findings"].as_array().unwrap().iter().find(|x| x["unique_id"] == AGG && x["rule"] == "TST002");
    assert_eq!(finding.unwrap()["waiver_approved_by"], "Dr. Quinn (privacy officer)");

    let approval = "approved by Dr. Quinn (privacy officer), expires 2026-01-02";
    let terminal = text::render(&f.report, false);
    assert!(terminal.contains(&format!("waived: Tested upstream in the EHR feed. ({approval})")), "{terminal}");
    let page = html::render(&f.report, &f.analysis.phi);
    assert!(page.contains("Dr. Quinn (privacy officer)") && page.contains("<th>approved by</th>"), "html");
    let comment = markdown::render(&f.report);
    assert!(
        comment.contains("| approved by |") && comment.contains("| Dr. Quinn (privacy officer) | 2026-01-02 |"),
        "{comment}"
    );
    let sheet = csv::findings(&f.report);
    assert!(sheet.lines().next().unwrap().ends_with(",waived_reason,waiver_approved_by,waiver_expires"));
    assert!(sheet.contains("Tested upstream in the EHR feed.,Dr. Quinn (privacy officer),2026-01-02"), "{sheet}");
    let log: serde_json::Value = serde_json::from_str(&sarif::render(&f.report, &f.loaded.project)).unwrap();
    let suppressed = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "TST002" && r["suppressions"].is_array())
        .unwrap();
    assert_eq!(suppressed["suppressions"][0]["properties"]["approvedBy"], "Dr. Quinn (privacy officer)");
}

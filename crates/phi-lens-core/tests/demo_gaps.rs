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

#[test]
fn the_planted_deidentification_gap_is_found_through_its_column_path() {
    // G06: the de-identified mart's `birth_date` is the raw EHR birth date, copied at every
    // step; the finding says so, step by step, from the compiled SQL.
    let (_, findings) = analysed(&demo().join("target"));
    let g06 = findings
        .iter()
        .find(|f| f.rule == "PHI009" && &*f.unique_id == "model.clinic.mart_population_health")
        .expect("G06 is found");
    assert_eq!(g06.severity, Severity::Critical);
    assert!(
        g06.message.ends_with(
            "not cleared on its column path source.clinic.ehr.patients.birth_date → \
             model.clinic.stg_ehr__patients.birth_date (copy) → model.clinic.int_patient_demographics.birth_date (copy) → \
             model.clinic.mart_population_health.birth_date (copy)"
        ),
        "{}",
        g06.message
    );
}

#[test]
fn the_demo_exposures_list_their_phi_columns() {
    let (_, analysis) = gaps_support::analysis(&demo().join("target"));
    let columns = |id: &str| -> Vec<String> {
        let e = analysis.phi.exposures.iter().find(|e| e.unique_id == id).unwrap();
        e.columns
            .iter()
            .map(|c| {
                let node = c.unique_id.rsplit('.').next().unwrap_or_default();
                format!("{node}.{} {}", c.column, c.category.map_or("?", |x| x.letter()))
            })
            .collect()
    };
    // G17: the population health model receives exactly the birth date, through G06's mart.
    assert_eq!(columns("exposure.clinic.population_health_risk_model"), ["mart_population_health.birth_date C"]);
    // The dashboards fed by de-identified marts receive no identifier at all.
    assert!(columns("exposure.clinic.cmo_quality_dashboard").is_empty());
    assert!(columns("exposure.clinic.lab_utilization_dashboard").is_empty());
    // The worklist receives names, MRNs, phone numbers, patient ids and dates.
    let worklist = columns("exposure.clinic.readmissions_30d_report");
    for expected in [
        "rpt_readmissions_worklist.full_name A",
        "rpt_readmissions_worklist.mrn H",
        "rpt_readmissions_worklist.phone_number D",
        "rpt_readmissions_worklist.patient_id R",
        "fct_readmissions_30d.index_discharged_at C",
    ] {
        assert!(worklist.iter().any(|c| c == expected), "{expected} not in {worklist:?}");
    }
    // Every one with its path from the raw column, each step with its transform.
    let e = analysis.phi.exposures.iter().find(|e| e.unique_id == "exposure.clinic.readmissions_30d_report").unwrap();
    let mrn = e.columns.iter().find(|c| c.column == "mrn").unwrap();
    assert_eq!(mrn.path.first().map(|s| s.unique_id.as_str()), Some("source.clinic.ehr.patients"));
    assert!(mrn.path.iter().skip(1).all(|s| s.transform.is_some()));
    // G17's finding names it.
    let g17 = analysis
        .findings
        .iter()
        .find(|f| f.rule == "PHI010" && &*f.unique_id == "exposure.clinic.population_health_risk_model")
        .expect("G17 is found");
    assert!(
        g17.message.contains("; columns carrying identifiers: `mart_population_health.birth_date` (C)"),
        "{}",
        g17.message
    );
    // And the report says how much was resolved at column level.
    let level = analysis.phi.column_lineage.as_ref().unwrap();
    assert_eq!((level.resolved, level.models), (44, 44));
}

//! `report::sarif`: SARIF 2.1.0 over the synthetic fixture — every registry rule in the driver,
//! levels from severities, logical and physical locations, waivers as suppressions.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

mod report_fixture;

use phi_lens_core::report::sarif;
use phi_lens_core::rules::RULES;
use serde_json::Value;

#[test]
fn sarif_snapshot() {
    let f = report_fixture::tiny();
    insta::assert_snapshot!(sarif::render(&f.report, &f.loaded.project));
}

#[test]
fn sarif_has_every_rule_levels_locations_and_suppressions() {
    let f = report_fixture::tiny();
    let v: Value = serde_json::from_str(&sarif::render(&f.report, &f.loaded.project)).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let runs = v["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let rules = runs[0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), RULES.len());
    for (r, def) in rules.iter().zip(RULES) {
        assert_eq!(r["id"], def.id.as_str());
        assert_eq!(r["name"], def.name);
        assert_eq!(r["shortDescription"]["text"], def.summary);
        assert!(r["help"]["markdown"].as_str().unwrap().contains("What it checks"));
        assert_eq!(r["defaultConfiguration"]["level"], sarif::level(def.severity));
    }
    let results = runs[0]["results"].as_array().unwrap();
    assert_eq!(results.len(), f.report.findings.len());
    for (res, finding) in results.iter().zip(&f.report.findings) {
        assert_eq!(res["ruleId"], finding.rule);
        let expected = match finding.severity {
            "critical" | "high" => "error",
            "medium" => "warning",
            _ => "note",
        };
        assert_eq!(res["level"], expected);
        let logical = &res["locations"][0]["logicalLocations"];
        assert_eq!(logical[0]["fullyQualifiedName"], finding.unique_id.as_str());
        if let Some(c) = &finding.column {
            assert_eq!(logical[1]["name"], c.as_str());
        }
        assert_eq!(res["suppressions"].is_array(), finding.waived.is_some());
    }
    let dim = results
        .iter()
        .find(|r| r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "model.tiny.dim_members")
        .unwrap();
    assert_eq!(dim["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "models/marts/dim_members.sql");
    let waived = results.iter().find(|r| r["suppressions"].is_array()).unwrap();
    assert_eq!(waived["suppressions"][0]["justification"], "Tested upstream in the EHR feed.");
}

//! `report::sarif`: SARIF 2.1.0 over the synthetic fixture — every registry rule in the driver,
//! levels from severities, logical and physical locations, waivers as suppressions.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

mod report_fixture;

use phi_lens_core::report::sarif;
use phi_lens_core::rules::RULES;
use phi_lens_core::Policy;
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

/// The fixture with its models documented in yml files (`patch_path`) and a model of a
/// dependency package.
fn documented() -> report_fixture::Fixture {
    let manifest = report_fixture::MANIFEST
        .replace(
            r#""original_file_path": "models/marts/dim_members.sql","#,
            r#""original_file_path": "models/marts/dim_members.sql", "patch_path": "tiny://models/marts/_marts.yml","#,
        )
        .replace(
            r#""original_file_path": "models/staging/stg_patients.sql","#,
            r#""original_file_path": "models/staging/stg_patients.sql", "patch_path": "tiny://models/staging/_stg.yml","#,
        )
        .replace(
            r#""test.tiny.unique_stg_patients_patient_id": {"#,
            r#""model.tiny_utils.util_calendar": {"resource_type": "model", "name": "util_calendar",
                "package_name": "tiny_utils", "original_file_path": "models/util_calendar.sql",
                "patch_path": "tiny_utils://models/_utils.yml", "description": ""},
              "test.tiny.unique_stg_patients_patient_id": {"#,
        );
    report_fixture::load(&manifest, &Policy::default())
}

/// `models/marts/_marts.yml` as the project would have it.
const MARTS_YML: &str = "version: 2\n\nmodels:\n  - name: dim_members\n    description: \"\"\n    columns:\n      - name: member_id\n        description: Member key.\n        data_tests: [unique]\n      - name: \"subscriber_ssn\"\n        description: \"\"\n";

fn results(log: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(log).unwrap();
    v["runs"][0]["results"].as_array().unwrap().clone()
}

fn location(r: &Value) -> (String, u64) {
    let physical = &r["locations"][0]["physicalLocation"];
    (
        physical["artifactLocation"]["uri"].as_str().unwrap().to_string(),
        physical["region"]["startLine"].as_u64().unwrap(),
    )
}

fn find<'a>(results: &'a [Value], rule: &str, uid: &str, column: Option<&str>) -> &'a Value {
    results
        .iter()
        .find(|r| {
            let logical = &r["locations"][0]["logicalLocations"];
            r["ruleId"] == rule
                && logical[0]["fullyQualifiedName"] == uid
                && column.is_none_or(|c| logical[1]["name"] == c)
        })
        .unwrap_or_else(|| panic!("a {rule} result on {uid} {column:?}"))
}

#[test]
fn every_result_has_a_file_and_a_line() {
    let f = documented();
    let all = results(&sarif::render(&f.report, &f.loaded.project));
    assert_eq!(all.len(), f.report.findings.len());
    for r in &all {
        let (uri, line) = location(r);
        assert!(!uri.is_empty() && !uri.starts_with('/') && !uri.contains("://"), "{r}");
        assert!(line >= 1, "{r}");
        assert_eq!(r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    }
    // Documented in a yml (a column, a description, meta, tests): the node's patch_path.
    assert_eq!(
        location(find(&all, "PHI003", "model.tiny.dim_members", Some("subscriber_ssn"))).0,
        "models/marts/_marts.yml"
    );
    assert_eq!(location(find(&all, "DOC001", "model.tiny.dim_members", None)).0, "models/marts/_marts.yml");
    // Configured where the model is defined (schema, grants, row access): the SQL file.
    assert_eq!(location(find(&all, "PHI006", "model.tiny.dim_members", None)).0, "models/marts/dim_members.sql");
    // A source is defined in its yml; an exposure too.
    assert_eq!(location(find(&all, "PHI010", "exposure.tiny.member_outreach", None)).0, "models/marts/_exposures.yml");
    // A dependency package's resource: under the package's install directory.
    assert_eq!(
        location(find(&all, "DOC001", "model.tiny_utils.util_calendar", None)).0,
        "dbt_packages/tiny_utils/models/_utils.yml"
    );
}

#[test]
fn the_line_is_read_from_the_projects_files_when_they_are_at_hand() {
    let f = documented();
    let mut asked = Vec::new();
    let log = sarif::render_with_files(&f.report, &f.loaded.project, &mut |path: &str| {
        asked.push(path.to_string());
        (path == "models/marts/_marts.yml").then(|| MARTS_YML.to_string())
    });
    let all = results(&log);
    let line_of = |needle: &str| MARTS_YML.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1;
    assert_eq!(
        location(find(&all, "PHI003", "model.tiny.dim_members", Some("subscriber_ssn"))).1,
        line_of("subscriber_ssn")
    );
    assert_eq!(
        location(find(&all, "PHI003", "model.tiny.dim_members", Some("member_id"))).1,
        line_of("- name: member_id")
    );
    assert_eq!(location(find(&all, "DOC001", "model.tiny.dim_members", None)).1, line_of("- name: dim_members"));
    // A file not at hand: line 1.
    assert_eq!(location(find(&all, "PHI006", "model.tiny.dim_members", None)).1, 1);
    let mut once = asked.clone();
    once.sort();
    once.dedup();
    assert_eq!(once.len(), asked.len(), "each file is asked for once: {asked:?}");
}

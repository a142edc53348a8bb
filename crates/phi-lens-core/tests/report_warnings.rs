//! Load warnings in every report: `report.json`'s `warnings` (files by base name), the text
//! report's first lines, the markdown comment, the HTML page and SARIF's tool notifications.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

mod report_fixture;

use phi_lens_core::report::{self, html, markdown, sarif, text};
use phi_lens_core::{analyse, load_project, load_warnings, ArtifactKind, Input, Policy};

const FOREIGN_SOURCES: &str = r#"{"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/sources/v3.json",
    "generated_at": "2020-01-01T00:00:00Z"},
    "results": [{"unique_id": "source.billing.raw.invoices", "status": "pass"}]}"#;

#[test]
fn load_warnings_reach_json_text_markdown_html_and_sarif() {
    let mut set = report_fixture::set_of(report_fixture::MANIFEST);
    set.insert(ArtifactKind::Sources, Input::new("/home/ci/target/sources.json", FOREIGN_SOURCES.as_bytes().to_vec()));
    let loaded = load_project(&set).unwrap();
    let warnings = load_warnings(&set, &loaded);
    assert!(warnings.iter().any(|w| w.message.starts_with("none of its 1 results is a source of this manifest")));
    let analysis = analyse(&loaded.project, &Policy::default());
    let inputs = report::fingerprints(&set, &loaded.project);
    let r = report::build(&loaded.project, &analysis, inputs.clone(), &warnings);
    let expected = "sources.json: none of its 1 results is a source of this manifest";

    let json: serde_json::Value = serde_json::from_str(&report::to_json(&r)).unwrap();
    let first = &json["warnings"].as_array().unwrap().iter().find(|w| w["file"] == "sources.json").unwrap();
    assert!(first["message"].as_str().unwrap().starts_with("none of its 1 results"), "{first}");
    assert!(!report::to_json(&r).contains("/home/ci"), "inputs are named by their base name");
    let mut streamed = Vec::new();
    report::write_json_with(&loaded.project, &analysis, &inputs, &warnings, &mut streamed, &phi_lens_core::Sequential)
        .unwrap();
    assert_eq!(String::from_utf8(streamed).unwrap(), report::to_json(&r), "the streamed report.json too");

    let terminal = text::render(&r, false);
    assert!(terminal.lines().take(5).any(|l| l.starts_with(&format!("warning: {expected}"))), "{terminal}");
    assert!(markdown::render(&r).contains(expected));
    assert!(html::render(&r, &analysis.phi).contains(expected));
    let log: serde_json::Value = serde_json::from_str(&sarif::render(&r, &loaded.project)).unwrap();
    let notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"].as_array().unwrap();
    assert!(
        notes.iter().any(|n| n["level"] == "warning" && n["message"]["text"].as_str().unwrap().starts_with(expected)),
        "{notes:?}"
    );
}

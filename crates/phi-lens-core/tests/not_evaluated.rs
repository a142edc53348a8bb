//! A rule with nothing to read is *not evaluated*, never a silent pass: the demo project
//! without its `run_results.json` (TST007) or `sources.json` (TST008), and with a
//! run_results of model runs only, says so in the analysis, in every report format and in a
//! score's arithmetic.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A test fails loudly.

use std::path::Path;

use phi_lens_core::findings::RuleId;
use phi_lens_core::report::{self, html, markdown, sarif, text};
use phi_lens_core::{analyse, load_project, ArtifactKind, ArtifactSet, Input, Policy};

fn demo(kinds: &[ArtifactKind]) -> ArtifactSet {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/clinic/target");
    let mut set = ArtifactSet::default();
    for &kind in kinds {
        let path = dir.join(kind.file_name());
        set.insert(kind, Input::new(kind.file_name(), std::fs::read(path).unwrap()));
    }
    set
}

#[test]
fn every_input_given_every_rule_is_evaluated() {
    let set = demo(&[ArtifactKind::Manifest, ArtifactKind::Catalog, ArtifactKind::RunResults, ArtifactKind::Sources]);
    let loaded = load_project(&set).unwrap();
    let analysis = analyse(&loaded.project, &Policy::default());
    assert!(analysis.not_evaluated.is_empty(), "{:?}", analysis.not_evaluated);
}

#[test]
fn missing_inputs_are_named_in_every_report() {
    let set = demo(&[ArtifactKind::Manifest, ArtifactKind::Catalog]);
    let loaded = load_project(&set).unwrap();
    let analysis = analyse(&loaded.project, &Policy::default());
    let rules: Vec<RuleId> = analysis.not_evaluated.iter().map(|n| n.rule).collect();
    assert_eq!(rules, [RuleId::Tst007, RuleId::Tst008]);
    assert!(analysis.not_evaluated[0].reason.contains("no run_results.json"));
    assert!(analysis.not_evaluated[1].reason.contains("no sources.json"));
    assert!(!analysis.findings.iter().any(|f| matches!(f.rule, RuleId::Tst007 | RuleId::Tst008)));

    let r = report::build(&loaded.project, &analysis, report::fingerprints(&set, &loaded.project), &loaded.warnings);
    let json = report::to_json(&r);
    assert!(json.contains("\"not_evaluated\"") && json.contains("no run_results.json"), "json");
    let mut streamed = Vec::new();
    report::write_json_with(
        &loaded.project,
        &analysis,
        &r.inputs,
        &loaded.warnings,
        &mut streamed,
        &phi_lens_core::Sequential,
    )
    .unwrap();
    assert!(String::from_utf8(streamed).unwrap().contains("no sources.json"), "streamed json");
    for (format, out) in [
        ("text", text::render(&r, false)),
        ("markdown", markdown::render(&r)),
        ("html", html::render(&r, &analysis.phi)),
        ("sarif", sarif::render(&r, &loaded.project)),
    ] {
        assert!(out.contains("TST007") && out.contains("not evaluated"), "{format} names TST007 not evaluated");
        assert!(out.contains("no sources.json"), "{format} names the missing sources.json");
    }
    let uid = "model.clinic.dim_members";
    let arithmetic = text::explain_score(&r, uid).unwrap();
    assert!(arithmetic.contains("not evaluated") && arithmetic.contains("TST007"), "{arithmetic}");
}

#[test]
fn run_results_of_model_runs_only_is_not_a_test_run() {
    let set = demo(&[ArtifactKind::Manifest, ArtifactKind::Sources]);
    let mut run: serde_json::Value = serde_json::from_slice(
        &std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/clinic/target/run_results.json"))
            .unwrap(),
    )
    .unwrap();
    let results = run["results"].as_array_mut().unwrap();
    results.retain(|r| r["unique_id"].as_str().is_some_and(|u| u.starts_with("model.")));
    assert!(!results.is_empty(), "the demo's run_results has model runs");
    let mut set = set;
    set.insert(ArtifactKind::RunResults, Input::new("run_results.json", serde_json::to_vec(&run).unwrap()));
    let loaded = load_project(&set).unwrap();
    let analysis = analyse(&loaded.project, &Policy::default());
    let tst007 = analysis.not_evaluated.iter().find(|n| n.rule == RuleId::Tst007).expect("TST007 not evaluated");
    assert!(tst007.reason.contains("holds no test results"), "{}", tst007.reason);
}

//! `diff` on real pairs: the demo against edited copies of itself (each edit a pull request:
//! a PHI column added to a mart feeding an exposure, a clinical test dropped, a description
//! removed, a PHI model moved out of the `phi` schema, an unrelated model renamed), each change
//! reported once in its section and nothing else; and corpus pairs (jaffle-shop 1.6 → 1.7 →
//! 1.12, synthea_dw 1.3 → 1.4), which skip loudly when the corpus is absent.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

use std::path::{Path, PathBuf};

use phi_lens_core::diff::{self, Diff, PhiChangeKind, Side};
use phi_lens_core::phi::{SafeHarbor, Status};
use phi_lens_core::{analyse, load_project, Analysis, ArtifactKind, ArtifactSet, Input, Loaded, Policy};
use serde_json::{json, Value};

const KINDS: [ArtifactKind; 4] =
    [ArtifactKind::Manifest, ArtifactKind::Catalog, ArtifactKind::RunResults, ArtifactKind::Sources];

fn demo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/clinic/target")
}

fn corpus(set: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus").join(set);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("\n!!!!! SKIPPED: the corpus set {} is absent — its diff test did not run !!!!!\n", dir.display());
        None
    }
}

/// The artifacts of `dir` (plain or gzipped), as they are.
fn set_of(dir: &Path) -> ArtifactSet {
    edited_set(dir, &|_, _| {})
}

/// The artifacts of `dir` (plain JSON), each passed through `edit` with its kind.
fn edited_set(dir: &Path, edit: &dyn Fn(ArtifactKind, &mut Value)) -> ArtifactSet {
    let mut set = ArtifactSet::default();
    for kind in KINDS {
        let plain = dir.join(kind.file_name());
        let gz = dir.join(format!("{}.gz", kind.file_name()));
        let Some(file) = [plain, gz].into_iter().find(|p| p.is_file()) else { continue };
        let mut bytes = std::fs::read(&file).unwrap();
        if file.extension().is_some_and(|e| e == "json") {
            let mut v: Value = serde_json::from_slice(&bytes).unwrap();
            edit(kind, &mut v);
            bytes = serde_json::to_vec(&v).unwrap();
        }
        set.insert(kind, Input::new(kind.file_name(), bytes));
    }
    set
}

/// The demo's artifacts, the manifest passed through `edit`.
fn demo_edited(edit: impl Fn(&mut Value)) -> ArtifactSet {
    edited_set(&demo_dir(), &|kind, v| {
        if kind == ArtifactKind::Manifest {
            edit(v);
        }
    })
}

struct Analysed {
    loaded: Loaded,
    analysis: Analysis,
}

fn analysed(set: &ArtifactSet) -> Analysed {
    let loaded = load_project(set).expect("artifacts load");
    let analysis = analyse(&loaded.project, &Policy::default());
    Analysed { loaded, analysis }
}

fn diff_of(base: &Analysed, head: &Analysed) -> Diff {
    diff::diff(
        Side { project: &base.loaded.project, analysis: &base.analysis },
        Side { project: &head.loaded.project, analysis: &head.analysis },
    )
}

fn demo_with(edit: impl Fn(&mut Value)) -> Diff {
    let base = analysed(&set_of(&demo_dir()));
    let head = analysed(&demo_edited(edit));
    diff_of(&base, &head)
}

fn node<'v>(m: &'v mut Value, uid: &str) -> &'v mut Value {
    m.get_mut("nodes").and_then(|n| n.get_mut(uid)).unwrap_or_else(|| panic!("{uid} is in the demo manifest"))
}

/// The fingerprints of new findings.
fn new_findings(d: &Diff) -> Vec<&str> {
    d.findings.new.iter().map(|f| f.fingerprint.as_str()).collect()
}

#[test]
fn the_demo_against_itself_is_empty() {
    let a = analysed(&set_of(&demo_dir()));
    let d = diff_of(&a, &a);
    assert!(d.is_empty(), "{}", diff::text::render(&d));
    assert!(d.renamed.is_empty());
    assert_eq!(d.findings.unchanged, a.analysis.findings.len());
    assert_eq!(diff::verdict(&d).line(), "no PHI or compliance change");
}

#[test]
fn a_declared_phi_column_added_to_a_mart_reaches_its_exposure_though_other_phi_already_did() {
    // rpt_readmissions_worklist already carries names, MRNs and phones to the readmissions
    // report; the PR adds the patient's e-mail, declared and described as the project does.
    let d = demo_with(|m| {
        let columns = node(m, "model.clinic.rpt_readmissions_worklist")["columns"].as_object_mut().unwrap();
        columns.insert(
            "patient_email".into(),
            json!({"name": "patient_email", "description": "The patient's e-mail address, for outreach.",
                   "meta": {"phi": true, "phi_category": "email"}, "tags": [], "data_type": "varchar"}),
        );
    });
    // PHI: the one column, under its node.
    assert_eq!(d.phi.len(), 1, "{}", diff::text::render(&d));
    let n = &d.phi[0];
    assert_eq!(n.unique_id, "model.clinic.rpt_readmissions_worklist");
    assert_eq!(n.change, None, "the node was PHI already");
    assert_eq!(n.columns.len(), 1);
    assert_eq!(n.columns[0].column, "patient_email");
    assert_eq!(n.columns[0].change, PhiChangeKind::BecamePhi);
    assert_eq!(n.columns[0].after.as_ref().unwrap().status, Status::Declared);
    // Exposures: the report it feeds gains the column and the category, though PHI reached it.
    assert_eq!(d.exposures.len(), 1, "{}", diff::text::render(&d));
    let e = &d.exposures[0];
    assert_eq!(e.unique_id, "exposure.clinic.readmissions_30d_report");
    assert!(e.reached.before && e.reached.after);
    assert_eq!(e.new_phi.len(), 1);
    assert_eq!(e.new_phi[0].column.as_deref(), Some("patient_email"));
    assert_eq!(e.new_categories, vec![SafeHarbor::F]);
    assert!(e.removed_phi.is_empty());
    // Declared, described, categorised: no new finding, no test change.
    assert!(d.findings.new.is_empty() && d.findings.resolved.is_empty(), "{}", diff::text::render(&d));
    assert!(d.tests.removed.is_empty() && d.tests.newly_failing.is_empty());
    assert!(d.waivers.added.is_empty() && d.waivers.removed.is_empty());
    assert!(diff::verdict(&d).line().starts_with("PHI newly reaches 1 exposure"), "{}", diff::verdict(&d).line());
}

#[test]
fn an_undeclared_phi_column_added_to_a_deidentified_mart_is_new_phi_at_the_dashboard_and_new_findings() {
    let d = demo_with(|m| {
        let columns = node(m, "model.clinic.mart_quality_measures")["columns"].as_object_mut().unwrap();
        columns.insert(
            "patient_phone".into(),
            json!({"name": "patient_phone", "description": "Phone number of the patient.", "meta": {}, "tags": []}),
        );
    });
    let text = diff::text::render(&d);
    assert_eq!(d.phi.len(), 1, "{text}");
    assert_eq!(d.phi[0].unique_id, "model.clinic.mart_quality_measures");
    assert_eq!(d.phi[0].columns.len(), 1, "{text}");
    assert_eq!(d.phi[0].columns[0].change, PhiChangeKind::BecamePhi);
    let gaining: Vec<&str> = d.exposures_gaining_phi().map(|e| e.unique_id.as_str()).collect();
    assert_eq!(gaining, ["exposure.clinic.cmo_quality_dashboard"], "{text}");
    assert!(d.exposures_gaining_phi().all(|e| e.new_categories == [SafeHarbor::D]), "{text}");
    // Every new finding is about the new column or its mart and exposure; nothing resolved.
    assert!(!d.findings.new.is_empty(), "{text}");
    for f in &d.findings.new {
        assert!(
            f.finding.unique_id == "model.clinic.mart_quality_measures"
                || f.finding.unique_id == "exposure.clinic.cmo_quality_dashboard",
            "{text}"
        );
    }
    assert!(new_findings(&d).contains(&"PHI009|model.clinic.mart_quality_measures|patient_phone"), "{text}");
    assert!(d.findings.resolved.is_empty(), "{text}");
}

#[test]
fn a_dropped_clinical_test_is_reported_once_as_removed() {
    let id = "test.clinic.accepted_range_fct_readmissions_30d_age_at_admission__120__0.6ddb347a7b";
    let d = demo_with(|m| {
        m["nodes"].as_object_mut().unwrap().remove(id).unwrap();
    });
    let text = diff::text::render(&d);
    assert_eq!(d.tests.removed.len(), 1, "{text}");
    let t = &d.tests.removed[0];
    assert_eq!(t.unique_id, id);
    assert_eq!(t.column.as_deref(), Some("age_at_admission"));
    assert!(t.clinical);
    assert!(d.tests.newly_failing.is_empty());
    assert!(d.phi.is_empty() && d.exposures_gaining_phi().next().is_none(), "{text}");
    // The age stays covered by the range test upstream (int_readmission_pairs): no finding
    // changes, and the removal is said once, in the tests.
    assert!(d.findings.new.is_empty() && d.findings.resolved.is_empty(), "{text}");
    assert!(d.scores.nodes.is_empty(), "{text}");
}

#[test]
fn a_removed_description_is_a_new_finding_on_the_model_and_on_the_exposure_it_feeds() {
    let uid = "model.clinic.mart_readmission_rates";
    let d = demo_with(|m| {
        node(m, uid)["description"] = json!("");
    });
    let text = diff::text::render(&d);
    assert_eq!(
        new_findings(&d),
        ["EXP004|exposure.clinic.cmo_quality_dashboard|", "DOC001|model.clinic.mart_readmission_rates|"],
        "{text}"
    );
    assert!(d.findings.resolved.is_empty(), "{text}");
    assert!(d.phi.is_empty() && d.exposures_gaining_phi().next().is_none(), "{text}");
    assert!(d.tests.removed.is_empty() && d.tests.newly_failing.is_empty(), "{text}");
    assert!(d.scores.nodes.iter().any(|s| s.unique_id == uid), "{text}");
}

#[test]
fn a_phi_model_moved_out_of_the_phi_schema_is_a_placement_change_and_a_new_finding() {
    let uid = "model.clinic.fct_readmissions_30d";
    let d = demo_with(|m| {
        node(m, uid)["schema"] = json!("analytics");
    });
    let text = diff::text::render(&d);
    assert_eq!(d.phi.len(), 1, "{text}");
    let n = &d.phi[0];
    assert_eq!(n.unique_id, uid);
    let moved = n.schema.as_ref().expect("the move is reported");
    assert_eq!((moved.before.as_deref(), moved.after.as_deref()), (Some("phi"), Some("analytics")));
    assert_eq!(new_findings(&d), ["PHI006|model.clinic.fct_readmissions_30d|"], "{text}");
    assert!(d.findings.resolved.is_empty(), "{text}");
    assert!(d.tests.removed.is_empty(), "{text}");
}

#[test]
fn an_unrelated_model_renamed_churns_nothing() {
    // A real rename: the model's file, name, alias and id change, and so do its tests' ids and
    // every reference to it (a global replace over the manifest, as dbt would write it).
    let base = analysed(&set_of(&demo_dir()));
    let renamed_set = edited_set(&demo_dir(), &|_, v| {
        let text = serde_json::to_string(v).unwrap().replace("dim_providers", "dim_clinicians");
        *v = serde_json::from_str(&text).unwrap();
    });
    let head = analysed(&renamed_set);
    assert!(head.loaded.project.node("model.clinic.dim_clinicians").is_some());
    let d = diff_of(&base, &head);
    let text = diff::text::render(&d);
    assert_eq!(d.renamed.len(), 1, "{text}");
    assert_eq!(d.renamed[0].from, "model.clinic.dim_providers");
    assert_eq!(d.renamed[0].to, "model.clinic.dim_clinicians");
    assert!(d.is_empty(), "a rename churns no finding, PHI, score or test:\n{text}");
}

#[test]
fn the_same_diff_twice_renders_byte_identical() {
    let edit = |m: &mut Value| {
        node(m, "model.clinic.fct_readmissions_30d")["schema"] = json!("analytics");
        node(m, "model.clinic.mart_readmission_rates")["description"] = json!("");
    };
    let (a, b) = (demo_with(edit), demo_with(edit));
    assert_eq!(diff::to_json(&a), diff::to_json(&b));
    assert_eq!(diff::markdown::render(&a), diff::markdown::render(&b));
    assert_eq!(diff::text::render(&a), diff::text::render(&b));
}

fn corpus_diff(from: &str, to: &str) -> Option<Diff> {
    let (from, to) = (corpus(from)?, corpus(to)?);
    let base = analysed(&set_of(&from));
    let head = analysed(&set_of(&to));
    Some(diff_of(&base, &head))
}

#[test]
fn jaffle_shop_across_dbt_versions() {
    let Some(d) = corpus_diff("dbt-labs_jaffle-shop-1.6.19", "dbt-labs_jaffle-shop-1.7.20") else { return };
    // 1.7's order_items gained its primary-key tests: two findings resolved, nothing new.
    assert!(d.findings.new.is_empty(), "{}", diff::text::render(&d));
    assert_eq!(
        d.findings.resolved.iter().map(|f| f.fingerprint.as_str()).collect::<Vec<_>>(),
        ["TST001|model.jaffle_shop.order_items|", "TST002|model.jaffle_shop.order_items|"]
    );
    assert!(d.phi.is_empty() && d.exposures.is_empty() && d.tests.removed.is_empty());
    assert_eq!(d.scores.nodes.len(), 1);
    let Some(d) = corpus_diff("dbt-labs_jaffle-shop-1.7.20", "dbt-labs_jaffle-shop-1.12.0") else { return };
    assert!(d.is_empty(), "the same project under a newer dbt: {}", diff::text::render(&d));
    insta::assert_snapshot!("jaffle_1_6_to_1_7_markdown", {
        let d = corpus_diff("dbt-labs_jaffle-shop-1.6.19", "dbt-labs_jaffle-shop-1.7.20").unwrap();
        diff::markdown::render(&d)
    });
}

#[test]
fn synthea_dw_between_two_versions() {
    let Some(d) = corpus_diff("saywurdson_synthea_dw-1.3.1", "saywurdson_synthea_dw-1.4.5") else { return };
    let text = diff::text::render(&d);
    // Every finding is in exactly one of new, resolved, unchanged.
    let base = analysed(&set_of(&corpus("saywurdson_synthea_dw-1.3.1").unwrap()));
    let head = analysed(&set_of(&corpus("saywurdson_synthea_dw-1.4.5").unwrap()));
    assert_eq!(d.findings.new.len() + d.findings.unchanged, head.analysis.findings.len());
    assert_eq!(d.findings.resolved.len() + d.findings.unchanged, base.analysis.findings.len());
    // Each node is listed once in the PHI section, each exposure once, each fingerprint once
    // among the new.
    let mut ids: Vec<&str> = d.phi.iter().map(|n| n.unique_id.as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), d.phi.len());
    assert!(!d.phi.is_empty() && !d.findings.new.is_empty(), "{text}");
    // The reverse diff swaps new and resolved.
    let back = diff_of(&head, &base);
    assert_eq!(back.findings.new.len(), d.findings.resolved.len());
    assert_eq!(back.findings.resolved.len(), d.findings.new.len());
    // The PR comment stays under a code host's comment limit, its sections shortened.
    let md = diff::markdown::render(&d);
    assert!(md.chars().count() <= diff::markdown::MAX_CHARS, "{} characters", md.chars().count());
    assert!(md.contains("more (`phi-lens diff --format json` lists them all)"));
    insta::assert_snapshot!("synthea_1_3_to_1_4_text", text);
}

#[test]
fn a_lost_column_declaration_is_a_regression() {
    let d = demo_with(|m| {
        let mrn = &mut node(m, "model.clinic.dim_patients")["columns"]["mrn"];
        mrn["meta"] = json!({});
        mrn["config"]["meta"] = json!({});
    });
    let text = diff::text::render(&d);
    assert_eq!(d.phi.len(), 1, "{text}");
    assert_eq!(d.phi[0].columns.len(), 1, "{text}");
    let c = &d.phi[0].columns[0];
    assert_eq!((c.column.as_str(), c.change), ("mrn", PhiChangeKind::DeclarationLost), "{text}");
    assert!(c.change.is_regression());
    // Its consequences: the column is undeclared (PHI003) and undocumented (PHI002, the node's).
    assert_eq!(
        new_findings(&d),
        ["PHI002|model.clinic.dim_patients|", "PHI003|model.clinic.dim_patients|mrn"],
        "{text}"
    );
    assert!(diff::verdict(&d).line().contains("1 PHI declaration lost"), "{text}");
}

#[test]
fn a_waiver_added_is_listed_and_its_finding_stays_the_same_finding() {
    let uid = "model.clinic.int_claims_line_rollup";
    let d = demo_with(|m| {
        node(m, uid)["meta"]["phi_lens"] = json!({"waive": [{"rule": "DOC001", "reason": "Legacy model, rewritten in Q3.", "approved_by": "Dr. Quinn"}]});
    });
    let text = diff::text::render(&d);
    assert_eq!(d.waivers.added.len(), 1, "{text}");
    assert_eq!(d.waivers.added[0].unique_id, uid);
    assert_eq!(d.waivers.added[0].waiver.rule, "DOC001");
    assert!(d.waivers.removed.is_empty());
    assert!(d.findings.new.is_empty() && d.findings.resolved.is_empty(), "{text}");
    assert!(d.phi.is_empty() && d.tests.removed.is_empty(), "{text}");
}

#[test]
fn a_test_that_starts_failing_is_newly_failing() {
    let id = "test.clinic.unique_stg_reference__lab_reference_ranges_loinc_code.2406d93ebf";
    let base = analysed(&set_of(&demo_dir()));
    let head = analysed(&edited_set(&demo_dir(), &|kind, v| {
        if kind == ArtifactKind::RunResults {
            for r in v["results"].as_array_mut().unwrap() {
                if r["unique_id"] == id {
                    r["status"] = json!("fail");
                    r["failures"] = json!(3);
                }
            }
        }
    }));
    let d = diff_of(&base, &head);
    let text = diff::text::render(&d);
    assert_eq!(d.tests.newly_failing.len(), 1, "{text}");
    let t = &d.tests.newly_failing[0];
    assert_eq!(t.unique_id, id);
    assert_eq!((t.status_before.as_deref(), t.status_after.as_deref()), (Some("pass"), Some("fail")));
    assert!(d.tests.removed.is_empty());
    // Its consequences: TST007 on the tested model, EXP004 on the exposures it feeds.
    let new = new_findings(&d);
    assert!(new.iter().any(|f| f.starts_with("TST007|model.clinic.stg_reference__lab_reference_ranges|")), "{text}");
    assert!(
        new.iter().all(|f| f.starts_with("TST007|model.clinic.stg_reference__lab_reference_ranges|")
            || f.starts_with("EXP004|exposure.clinic.")),
        "{text}"
    );
}

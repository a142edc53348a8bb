//! The analysis and the streamed report give the same results, byte for byte, whichever
//! [`Join`] runs them: one thread (`Sequential`, the app's), two (the CLI's), or a `Join` that
//! runs the second piece first (any interleaving of the pieces gives the same output).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

mod report_fixture;

use std::path::{Path, PathBuf};

use phi_lens_core::report;
use phi_lens_core::Policy;
use phi_lens_core::{analyse, load_project, ArtifactKind, ArtifactSet, Input};
use phi_lens_core::{analyse_with, Join, Sequential, Threads};

/// The second piece first, then the first: the other order a scheduler may give.
struct Reversed;

impl Join for Reversed {
    fn join<A, B, RA, RB>(&self, a: A, b: B) -> (RA, RB)
    where
        A: FnOnce() -> RA,
        B: FnOnce() -> RB + Send,
        RB: Send,
    {
        let rb = b();
        (a(), rb)
    }
}

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
}

/// The artifacts of a target directory (plain or gzipped).
fn set_of_dir(dir: &Path) -> ArtifactSet {
    let mut set = ArtifactSet::default();
    for kind in ArtifactKind::ALL {
        for ext in ["", ".gz"] {
            let p = dir.join(format!("{}{ext}", kind.file_name()));
            if p.is_file() {
                set.insert(kind, Input::new(p.display().to_string(), std::fs::read(&p).unwrap()));
            }
        }
    }
    set
}

/// `report.json` as `write_json_with` streams it.
fn streamed<J: Join>(
    project: &phi_lens_core::model::Project,
    analysis: &phi_lens_core::Analysis,
    inputs: &[report::InputFingerprint],
    warnings: &[phi_lens_core::Warning],
    join: &J,
) -> String {
    let mut out = Vec::new();
    report::write_json_with(project, analysis, inputs, warnings, &mut out, join).unwrap();
    String::from_utf8(out).unwrap()
}

/// The analysis and `report.json` of a set, under every `Join`: all equal to the sequential ones.
fn check_set(name: &str, set: &ArtifactSet) {
    let loaded = load_project(set).expect("the set loads");
    let project = &loaded.project;
    let policy = Policy::default();
    let sequential = analyse(project, &policy);
    let inputs = report::fingerprints(set, project);
    let expected = report::to_json(&report::build(project, &sequential, inputs.clone(), &loaded.warnings));
    for (how, analysis) in [
        ("sequential", analyse_with(project, &policy, &Sequential)),
        ("threads", analyse_with(project, &policy, &Threads::default())),
        ("reversed", analyse_with(project, &policy, &Reversed)),
    ] {
        assert!(analysis == sequential, "{name}: analyse_with({how}) differs from analyse");
        let json = [
            streamed(project, &analysis, &inputs, &loaded.warnings, &Sequential),
            streamed(project, &analysis, &inputs, &loaded.warnings, &Threads::default()),
            streamed(project, &analysis, &inputs, &loaded.warnings, &Reversed),
        ];
        for (i, j) in json.iter().enumerate() {
            assert!(
                *j == expected,
                "{name}: write_json_with (join {i}) after analyse_with({how}) is not to_json(build)"
            );
        }
    }
}

#[test]
fn the_fixture_and_its_hostile_twin_give_the_same_results_on_any_join() {
    check_set("fixture", &report_fixture::set_of(report_fixture::MANIFEST));
    check_set("hostile", &report_fixture::set_of(&report_fixture::hostile_manifest()));
}

#[test]
fn the_demo_gives_the_same_results_on_any_join() {
    check_set("demo", &set_of_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/clinic/target")));
}

#[test]
fn corpus_projects_give_the_same_results_on_any_join() {
    // Clinical projects with thousands of findings (more than one chunk of the streamed
    // findings, enough for the sort to be split), one with run results, and one that is not
    // clinical (the node contexts of the first pass are reused).
    let mut checked = 0;
    for set in [
        "tuva-health_tuva-1.12.0",
        "tuva-health_medicare_cclf_connector-1.12.0",
        "saywurdson_synthea_dw-1.7.8",
        "flipsidecrypto_flow-models-1.1.0",
    ] {
        let dir = corpus().join(set);
        if dir.is_dir() {
            check_set(set, &set_of_dir(&dir));
            checked += 1;
        }
    }
    if checked == 0 {
        eprintln!("!!!!! SKIPPED: the corpus ({}) is absent !!!!!", corpus().display());
    }
}

/// The analysis in the app's steps (column lineage resolved a few models at a time, then each
/// step of [`phi_lens_core::analysis::Steps`], the rules one at a time) is the analysis of
/// `analyse_with_columns`, on a project with compiled SQL.
#[test]
fn the_analysis_in_steps_is_the_analysis_in_one_go() {
    use phi_lens_core::analysis::Steps;
    use phi_lens_core::columns::{compiled_sql, lineage_of, ColumnResolver};
    use phi_lens_core::rules::CheckSteps;
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled");
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/clinic/target");
    let mut checked = 0;
    for dir in [demo, dir] {
        if !dir.is_dir() {
            eprintln!("!!!!! SKIPPED: {} is absent !!!!!", dir.display());
            continue;
        }
        let set = set_of_dir(&dir);
        let loaded = load_project(&set).expect("the set loads");
        let project = &loaded.project;
        let policy = Policy::default();
        let whole = lineage_of(&set, project).unwrap().expect("compiled SQL");
        let sql = compiled_sql(&set).unwrap();
        let mut resolver = ColumnResolver::new(project, &sql);
        let mut steps = 0;
        while resolver.step(7) {
            steps += 1;
        }
        let lineage = resolver.finish();
        assert!(steps > 0 || project.nodes.len() < 8, "{}: resolved in one step", dir.display());
        assert!(lineage == whole, "{}: the lineage resolved in steps differs", dir.display());

        let expected = phi_lens_core::analyse_with_columns(project, &policy, Some(&whole), &Threads::default());
        let mut classifying = Steps::classify(project, &policy);
        while classifying.step(50) {}
        let classified = classifying.finish();
        let mut flowing = Steps::flow(project, &policy, classified, Some(&lineage));
        while flowing.step(9) {}
        let flowed = flowing.finish();
        let ctx = flowed.context();
        let mut rules = CheckSteps::new(&ctx);
        rules.step();
        let result = rules.finish();
        let tail = flowed.tail(&ctx, &result);
        drop(ctx);
        let analysis = flowed.analysis(result, tail);
        assert!(analysis == expected, "{}: the analysis in steps differs", dir.display());
        checked += 1;
    }
    assert!(checked > 0, "neither the demo nor Tuva's compiled set was found");
}

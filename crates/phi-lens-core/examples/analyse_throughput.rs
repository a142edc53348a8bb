//! Time of each analysis stage on a real manifest (default: the corpus's largest).
//!
//! `cargo run --release -p phi-lens-core --example analyse_throughput [-- PATH [RUNS]]`
//!
//! `steps`: the same analysis in the steps the app runs in slices (`analysis::Steps`, 20 nodes
//! a step, `rules::CheckSteps` a rule a step), against `analyse` (one go, sequential).
#![allow(clippy::unwrap_used, clippy::expect_used)] // A benchmark fails loudly.

use std::path::PathBuf;
use std::time::Instant;

use phi_lens_core::rules::{check, Context};
use phi_lens_core::{load_project, ArtifactKind, ArtifactSet, Input, Lineage, Policy};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpus/spellbook_hourly_spellbook-1.12.0/manifest.json.gz")
    });
    let runs: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(5);
    let raw = std::fs::read(&path).unwrap();
    let json = Input::new("manifest.json", raw).json_bytes().unwrap().into_owned();
    let mut set = ArtifactSet::default();
    set.insert(ArtifactKind::Manifest, Input::new("manifest.json", json));
    let policy = Policy::default();
    let mut rows: Vec<[f64; 9]> = Vec::new();
    for _ in 0..runs {
        let t0 = Instant::now();
        let loaded = load_project(&set).unwrap();
        let t1 = Instant::now();
        let lineage = Lineage::build(&loaded.project);
        let t2 = Instant::now();
        let phi = phi_lens_core::phi::phi_report(&loaded.project, &policy);
        let t3 = Instant::now();
        let ctx = Context::new(&loaded.project, &lineage, &phi, &policy);
        let result = check(&ctx);
        let t4 = Instant::now();
        let scores =
            phi_lens_core::score::score(&loaded.project, &lineage, &result.findings, &policy.rules, &policy.score);
        let t5 = Instant::now();
        std::hint::black_box((&scores, &result));
        let analysis = phi_lens_core::analyse(&loaded.project, &policy);
        let t6 = Instant::now();
        let causes = phi_lens_core::root_causes::root_causes(&loaded.project, &analysis);
        let t7 = Instant::now();
        std::hint::black_box(&causes);
        let mut classifying = phi_lens_core::analysis::Steps::classify(&loaded.project, &policy);
        while classifying.step(20) {}
        let mut flowing = phi_lens_core::analysis::Steps::flow(&loaded.project, &policy, classifying.finish(), None);
        while flowing.step(20) {}
        let steps = flowing.finish();
        let ctx = steps.context();
        let mut rules = phi_lens_core::rules::CheckSteps::new(&ctx);
        while rules.step() {}
        let result = rules.finish();
        let tail = steps.tail(&ctx, &result);
        drop(ctx);
        std::hint::black_box(steps.analysis(result, tail));
        let t8 = Instant::now();
        let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1e3;
        rows.push([
            ms(t0, t1),
            ms(t1, t2),
            ms(t2, t3),
            ms(t3, t4),
            ms(t4, t5),
            ms(t0, t5),
            ms(t5, t6),
            ms(t6, t7),
            ms(t7, t8),
        ]);
    }
    let names = ["load", "lineage", "phi", "rules", "score", "total", "analyse", "root_causes", "steps"];
    for (i, name) in names.iter().enumerate() {
        let mut v: Vec<f64> = rows.iter().map(|r| r[i]).collect();
        v.sort_by(f64::total_cmp);
        println!("{name:8} min {:7.1} ms  median {:7.1} ms", v[0], v[v.len() / 2]);
    }
}

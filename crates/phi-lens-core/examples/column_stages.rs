//! Time of each stage the app runs after the first paint when a manifest holds compiled SQL
//! (issue 19), on one thread as in the browser: reading the compiled SQL, resolving it model by
//! model (the longest single model is the longest slice the app cannot split), and the analysis
//! redone with the column edges.
//!
//! `cargo run --release -p phi-lens-core --example column_stages -- DIR [RUNS]`
//! (DIR holds manifest.json(.gz) and catalog.json(.gz); e.g. the synthetic 5,000-model project
//! of `benches/columns/synthetic_manifest.py`).
#![allow(clippy::unwrap_used, clippy::expect_used)] // A benchmark fails loudly.

use std::path::Path;
use std::time::Instant;

use phi_lens_core::columns::{compiled_sql, ColumnResolver};
use phi_lens_core::root_causes::root_causes;
use phi_lens_core::{analyse_with_columns, load_project, ArtifactKind, ArtifactSet, Input, Policy, Sequential};

fn read(dir: &Path, kind: ArtifactKind) -> Option<Input> {
    let name = kind.file_name();
    for file in [format!("{name}.gz"), name.to_string()] {
        if let Ok(raw) = std::fs::read(dir.join(&file)) {
            return Some(Input::new(name, raw));
        }
    }
    None
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = Path::new(args.first().expect("usage: column_stages DIR [RUNS]"));
    let runs: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(3);
    let mut set = ArtifactSet::default();
    for kind in [ArtifactKind::Manifest, ArtifactKind::Catalog] {
        if let Some(input) = read(dir, kind) {
            let json = input.json_bytes().unwrap().into_owned();
            set.insert(kind, Input::new(kind.file_name(), json));
        }
    }
    let policy = Policy::default();
    let loaded = load_project(&set).unwrap();
    let project = &loaded.project;
    let mut rows: Vec<[f64; 6]> = Vec::new();
    for _ in 0..runs {
        let t0 = Instant::now();
        let sql = compiled_sql(&set).unwrap();
        let t1 = Instant::now();
        let mut resolver = ColumnResolver::new(project, &sql);
        let mut longest = 0f64;
        loop {
            let s = Instant::now();
            let more = resolver.step(1);
            longest = longest.max(s.elapsed().as_secs_f64() * 1e3);
            if !more {
                break;
            }
        }
        let lineage = resolver.finish();
        let t2 = Instant::now();
        let analysis = analyse_with_columns(project, &policy, Some(&lineage), &Sequential);
        let t3 = Instant::now();
        let causes = root_causes(project, &analysis);
        let t4 = Instant::now();
        // The analysis's own stages, as the app may run them one task each.
        let lin = phi_lens_core::Lineage::build(project);
        let ta = Instant::now();
        let phi = phi_lens_core::phi::phi_report_with_columns(project, &policy, &lineage);
        let tb = Instant::now();
        let ctx = phi_lens_core::rules::Context::new(project, &lin, &phi, &policy);
        let result = phi_lens_core::rules::check(&ctx);
        let tc = Instant::now();
        eprintln!(
            "  lineage {:.1} ms, phi {:.1} ms, rules {:.1} ms ({} findings)",
            (ta - t4).as_secs_f64() * 1e3,
            (tb - ta).as_secs_f64() * 1e3,
            (tc - tb).as_secs_f64() * 1e3,
            result.findings.len()
        );
        let t4 = Instant::now();
        let plain = analyse_with_columns(project, &policy, None, &Sequential);
        let t5 = Instant::now();
        std::hint::black_box((&causes, &analysis, &plain));
        let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1e3;
        rows.push([ms(t0, t1), ms(t1, t2), longest, ms(t2, t3), ms(t3, t4), ms(t4, t5)]);
    }
    let names = ["read SQL", "resolve", "  longest model", "analyse", "root causes", "(analyse without columns)"];
    println!("{}: {} nodes", dir.display(), project.nodes.len());
    for (i, name) in names.iter().enumerate() {
        let mut v: Vec<f64> = rows.iter().map(|r| r[i]).collect();
        v.sort_by(f64::total_cmp);
        println!("{name:16} min {:8.1} ms  median {:8.1} ms", v[0], v[v.len() / 2]);
    }
}

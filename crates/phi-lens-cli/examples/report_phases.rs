//! Time of each stage of `phi-lens check --format json` and of the evidence files on a real
//! manifest (default: the corpus's largest, spellbook): load, analyse (on one thread, then on
//! two as the CLI runs it), the streamed JSON report (two threads, as `check --format json`
//! writes it), then build the report and render JSON, text, markdown, SARIF, CSV and HTML.
//!
//! `cargo run --release -p phi-lens-cli --example report_phases [-- PATH [RUNS]]`
#![allow(clippy::unwrap_used, clippy::expect_used)] // A benchmark fails loudly.

use std::path::PathBuf;
use std::time::Instant;

use phi_lens_core::report::{self, csv, html, markdown, sarif, text};
use phi_lens_core::{analyse, load_project, ArtifactKind, ArtifactSet, Input, Policy};
use phi_lens_core::{analyse_with, Threads};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpus/spellbook_hourly_spellbook-1.12.0/manifest.json.gz")
    });
    let runs: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(5);
    let mut set = ArtifactSet::default();
    set.insert(ArtifactKind::Manifest, Input::new("manifest.json", std::fs::read(&path).unwrap()));
    let policy = Policy::default();
    let names = [
        "load", "hash", "analyse", "analyse2", "stream2", "build", "json", "text", "markdown", "sarif", "csv", "html",
        "total",
    ];
    let mut rows: Vec<Vec<f64>> = Vec::new();
    let mut sizes = Vec::new();
    for _ in 0..runs {
        let mut t = vec![Instant::now()];
        let loaded = load_project(&set).unwrap();
        t.push(Instant::now());
        let inputs = report::fingerprints(&set, &loaded.project);
        t.push(Instant::now());
        std::hint::black_box(analyse(&loaded.project, &policy));
        t.push(Instant::now());
        let analysis = analyse_with(&loaded.project, &policy, &Threads::default());
        t.push(Instant::now());
        let mut streamed = Vec::new();
        report::write_json_with(
            &loaded.project,
            &analysis,
            &inputs,
            &loaded.warnings,
            &mut streamed,
            &Threads::default(),
        )
        .unwrap();
        t.push(Instant::now());
        let r = report::build(&loaded.project, &analysis, inputs.clone(), &loaded.warnings);
        t.push(Instant::now());
        let outs = [
            report::to_json(&r),
            {
                t.push(Instant::now());
                text::render(&r, false)
            },
            {
                t.push(Instant::now());
                markdown::render(&r)
            },
            {
                t.push(Instant::now());
                sarif::render(&r, &loaded.project)
            },
            {
                t.push(Instant::now());
                csv::findings(&r) + &csv::phi_inventory(&analysis.phi.rows())
            },
            {
                t.push(Instant::now());
                html::render(&r, &analysis.phi)
            },
        ];
        t.push(Instant::now());
        assert!(streamed == outs[0].as_bytes(), "the streamed report is the built one");
        sizes = outs.iter().map(String::len).collect();
        let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1e3;
        let mut row: Vec<f64> = t.windows(2).map(|w| ms(w[0], w[1])).collect();
        row.push(ms(t[0], t[t.len() - 1]));
        rows.push(row);
    }
    for (i, name) in names.iter().enumerate() {
        let mut v: Vec<f64> = rows.iter().map(|r| r[i]).collect();
        v.sort_by(f64::total_cmp);
        let size = if (6..12).contains(&i) { format!("  {:>10} bytes", sizes[i - 6]) } else { String::new() };
        println!("{name:9} min {:7.1} ms  median {:7.1} ms{size}", v[0], v[v.len() / 2]);
    }
}

//! Lineage layout speed on a real project: the resource with the largest upstream.
//!
//! `cargo run --release -p phi-lens-core --example lineage_layout [-- PATH [RUNS]]`
//!
//! Loads and analyses the manifest (default: the corpus's spellbook), finds the resource with
//! the most upstream resources, and prints min and median of RUNS layouts of its lineage, with
//! nothing folded and with the default depth limits and collapsing. Load and analysis are not
//! timed: the app computes them once per project, the layout on every visit.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A benchmark fails loudly.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use phi_lens_core::views::lineage::{lineage_graph, LineageOptions};
use phi_lens_core::{analyse, load_project, ArtifactKind, ArtifactSet, Input, Lineage, Policy};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpus/spellbook_hourly_spellbook-1.12.0/manifest.json.gz")
    });
    let runs: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(21);
    let raw = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut set = ArtifactSet::default();
    set.insert(ArtifactKind::Manifest, Input::new("manifest.json", raw));
    let project = load_project(&set).unwrap().project;
    let analysis = analyse(&project, &Policy::default());
    let lineage = Lineage::build(&project);

    let candidates = project
        .nodes
        .iter()
        .map(|n| n.unique_id.as_ref())
        .chain(project.exposures.iter().map(|e| e.unique_id.as_str()));
    let (focus, upstream) = candidates
        .map(|id| (id, lineage.upstream(id).len()))
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .expect("a project with nodes");
    println!("{}: {focus} has {upstream} upstream resources", path.display());

    for (name, options) in [("everything", LineageOptions::UNLIMITED), ("default limits", LineageOptions::default())] {
        let mut times: Vec<Duration> = Vec::with_capacity(runs);
        let mut view = None;
        for _ in 0..runs {
            let t = Instant::now();
            view = lineage_graph(&project, &lineage, &analysis, focus, options);
            times.push(t.elapsed());
        }
        times.sort();
        let view = view.expect("the focus exists");
        let bends: usize = view.edges.iter().map(|e| e.points.len().saturating_sub(2) / 2).sum();
        println!(
            "{name:>15}: {} boxes ({} folded), {} edges ({} bends, {} carry PHI), {:.0}×{:.0} px — min {:.2} ms, median {:.2} ms over {runs} runs",
            view.nodes.len(),
            view.hidden,
            view.edges.len(),
            bends,
            view.edges.iter().filter(|e| e.carries_phi).count(),
            view.width,
            view.height,
            times[0].as_secs_f64() * 1e3,
            times[runs / 2].as_secs_f64() * 1e3,
        );
    }
}

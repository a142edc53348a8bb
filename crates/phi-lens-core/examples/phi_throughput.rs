//! What PHI classification adds to loading: load time against load + classify + inherit
//! (`phi_report`), on a real manifest (default: the corpus's largest, 72 MB).
//!
//! `cargo run --release -p phi-lens-core --example phi_throughput [-- PATH [RUNS]]`
//!
//! Prints min and median of RUNS runs of each, and the overhead of `phi_report` over
//! `load_project` (target: at most +50 %). Decompression is done once and not counted.
//!
//! When the manifest holds compiled SQL, it also times column lineage apart (reading the SQL,
//! resolving it, `phi_report_with_columns`), which the first render never waits for.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A benchmark fails loudly.

use std::path::PathBuf;
use std::time::Instant;

use phi_lens_core::columns;
use phi_lens_core::phi::{phi_report, phi_report_with_columns, Status};
use phi_lens_core::Policy;
use phi_lens_core::{load_project, ArtifactKind, ArtifactSet, Input};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpus/spellbook_hourly_spellbook-1.12.0/manifest.json.gz")
    });
    let runs: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(7);
    let raw = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json = Input::new("manifest.json", raw).json_bytes().unwrap().into_owned();
    let mb = json.len() as f64 / 1e6;
    let mut set = ArtifactSet::default();
    set.insert(ArtifactKind::Manifest, Input::new("manifest.json", json));
    let policy = Policy::default();

    let mut load = Vec::new();
    let mut phi = Vec::new();
    let mut total = Vec::new();
    let mut summary = String::new();
    for _ in 0..runs {
        let t = Instant::now();
        let loaded = load_project(&set).unwrap();
        let l = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let report = phi_report(&loaded.project, &policy);
        let p = t.elapsed().as_secs_f64();
        load.push(l);
        phi.push(p);
        total.push(l + p);
        let columns: usize = report.nodes.iter().map(|n| n.columns.len()).sum();
        let phi_nodes = report.nodes.iter().filter(|n| n.status.is_phi()).count();
        let detected = report.nodes.iter().flat_map(|n| &n.columns).filter(|c| c.status == Status::Detected).count();
        summary = format!(
            "{} nodes, {columns} columns classified; {phi_nodes} nodes hold PHI, {detected} columns detected; clinical: {}",
            report.nodes.len(),
            report.clinical
        );
        std::hint::black_box(&report);
    }
    let stats = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (v[0], v[v.len() / 2])
    };
    let (lmin, lmed) = stats(&mut load);
    let (pmin, pmed) = stats(&mut phi);
    let (tmin, tmed) = stats(&mut total);
    println!("file: {} ({mb:.1} MB of JSON)", path.display());
    println!("{summary}");
    println!("load_project:            min {:>6.1} ms, median {:>6.1} ms", lmin * 1e3, lmed * 1e3);
    println!("phi_report:              min {:>6.1} ms, median {:>6.1} ms", pmin * 1e3, pmed * 1e3);
    println!("load + phi_report:       min {:>6.1} ms, median {:>6.1} ms", tmin * 1e3, tmed * 1e3);
    println!(
        "overhead of classification: +{:.1} % (min/min), +{:.1} % (median/median), {runs} runs",
        pmin / lmin * 100.0,
        pmed / lmed * 100.0
    );

    // Column lineage, where there is compiled SQL: read apart from the load, then PHI along
    // column edges. The catalog beside the manifest (if any) gives the relations' columns.
    let catalog = ["catalog.json", "catalog.json.gz"].iter().map(|n| path.with_file_name(n)).find(|p| p.is_file());
    if let Some(catalog) = &catalog {
        let raw = std::fs::read(catalog).unwrap();
        set.insert(ArtifactKind::Catalog, Input::new("catalog.json", raw));
    }
    let loaded = load_project(&set).unwrap();
    if !loaded.project.nodes.iter().any(|n| n.has_compiled_sql) {
        println!("column lineage: no compiled SQL in this manifest");
        return;
    }
    let (mut lineage_t, mut flow_t, mut node_t) = (Vec::new(), Vec::new(), Vec::new());
    let mut resolved = String::new();
    for _ in 0..runs {
        let t = Instant::now();
        let lineage = columns::lineage_of(&set, &loaded.project).unwrap().unwrap();
        lineage_t.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        std::hint::black_box(phi_report(&loaded.project, &policy));
        node_t.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let report = phi_report_with_columns(&loaded.project, &policy, &lineage);
        flow_t.push(t.elapsed().as_secs_f64());
        let phi_nodes = report.nodes.iter().filter(|n| n.status.is_phi()).count();
        resolved = format!(
            "{} of {} models resolved at column level; {phi_nodes} nodes hold PHI",
            lineage.resolved(),
            lineage.models.len()
        );
        std::hint::black_box(&report);
    }
    let (cmin, cmed) = stats(&mut lineage_t);
    let (fmin, fmed) = stats(&mut flow_t);
    let (nmin, nmed) = stats(&mut node_t);
    println!("{resolved} (catalog: {})", catalog.map_or("none".to_string(), |c| c.display().to_string()));
    println!("compiled SQL + lineage:  min {:>6.1} ms, median {:>6.1} ms", cmin * 1e3, cmed * 1e3);
    println!("phi_report (same project): min {:>6.1} ms, median {:>6.1} ms", nmin * 1e3, nmed * 1e3);
    println!("phi_report_with_columns: min {:>6.1} ms, median {:>6.1} ms", fmin * 1e3, fmed * 1e3);
    println!(
        "column PHI flow over phi_report: +{:.1} ms (min/min), +{:.1} ms (median/median)",
        (fmin - nmin) * 1e3,
        (fmed - nmed) * 1e3
    );
}

//! Load throughput and peak memory on a real manifest (default: the corpus's largest).
//!
//! `cargo run --release -p phi-lens-core --example load_throughput [-- PATH [RUNS]] [--steps]`
//!
//! Prints MB/s of `load_project` over the manifest's JSON bytes (decompression excluded and
//! reported apart), min and median of RUNS runs, and the process's peak resident memory
//! against the JSON size. Memory is measured in a fresh process (`--memory`), because peak
//! RSS only ever grows. `--steps`: the load in steps of 50 entries (`load_steps`, as the app
//! runs it), timed alike.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A benchmark fails loudly.

use std::path::PathBuf;
use std::time::Instant;

use phi_lens_core::{load_project, load_steps, ArtifactKind, ArtifactSet, Input};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let memory_only = args.iter().any(|a| a == "--memory");
    let in_steps = args.iter().any(|a| a == "--steps");
    let positional: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let path = positional.first().map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpus/spellbook_hourly_spellbook-1.12.0/manifest.json.gz")
    });
    let runs: usize = positional.get(1).and_then(|s| s.parse().ok()).unwrap_or(7);
    let raw = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let t = Instant::now();
    let json = Input::new("manifest.json", raw).json_bytes().unwrap().into_owned();
    let gunzip = t.elapsed();
    let mb = json.len() as f64 / 1e6;

    if memory_only {
        // One load from the JSON bytes, as the app and CLI do; report the peak.
        let mut set = ArtifactSet::default();
        set.insert(ArtifactKind::Manifest, Input::new("manifest.json", json));
        eprintln!("before load: rss {:.1} MB", rss("VmRSS:") as f64 / 1e6);
        let loaded = load_project(&set).unwrap();
        eprintln!("after load: rss {:.1} MB", rss("VmRSS:") as f64 / 1e6);
        drop(set);
        eprintln!("after dropping bytes: rss {:.1} MB", rss("VmRSS:") as f64 / 1e6);
        let peak = peak_rss_bytes();
        println!(
            "peak RSS {:.1} MB for {:.1} MB of JSON = {:.2}x ({} nodes)",
            peak as f64 / 1e6,
            mb,
            peak as f64 / 1e6 / mb,
            loaded.project.nodes.len()
        );
        return;
    }

    let mut set = ArtifactSet::default();
    set.insert(ArtifactKind::Manifest, Input::new("manifest.json", json));
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let loaded = if in_steps {
            let mut steps = load_steps(&set).unwrap();
            while steps.step(50) {}
            steps.finish().unwrap()
        } else {
            load_project(&set).unwrap()
        };
        times.push(t.elapsed().as_secs_f64());
        std::hint::black_box(&loaded);
    }
    times.sort_by(f64::total_cmp);
    let min = times[0];
    let median = times[times.len() / 2];
    println!("file: {}", path.display());
    println!("JSON {mb:.1} MB (gunzip {:.0} ms, not counted)", gunzip.as_secs_f64() * 1e3);
    println!(
        "{}: min {:.0} ms ({:.0} MB/s), median {:.0} ms ({:.0} MB/s), {runs} runs",
        if in_steps { "load_steps" } else { "load_project" },
        min * 1e3,
        mb / min,
        median * 1e3,
        mb / median
    );
}

fn rss(key: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// Peak resident set size (VmHWM) of this process, in bytes; 0 where /proc is absent.
fn peak_rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

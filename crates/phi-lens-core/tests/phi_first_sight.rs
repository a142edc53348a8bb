//! The Safe Harbor detector on projects it was not written for: the first-sight sets of
//! `tests/data/phi_labels/first_sight/` (public healthcare dbt projects outside the corpus,
//! labelled by `GUIDE.md` and `docs/safe-harbor.md` before the detector saw them).
//!
//! Each project becomes one synthetic manifest: every labelled node with its description and
//! every labelled column with its data type and description, so the detector sees a node's
//! other columns (its grain) as it would in the real project. The whole `phi_report` runs
//! under the default policy, in which record and event keys (label `R`, subject `record`)
//! are not identifiers of the person (§R2): their truth is `none`.
//!
//! Prints, per project and pooled per batch: precision and recall of PHI vs none, and
//! category accuracy (of the PHI columns found, the share given the right letter). Batch 1
//! (`first_sight/`) had six projects held out in round 1 (`HELD_OUT`, chosen by the hash of
//! their names before any error was read); since round 1 all of it is development data.
//! Batch 2 (`first_sight_2/`) was first sight until round 3, which was developed on it;
//! batch 3 (`first_sight_3/`, labelled before round 3) until round 4, developed on it; batch 4
//! (`first_sight_4/`, labelled before round 4) until round 5, developed on it; batch 5
//! (`first_sight_5/`, labelled before round 5) until round 6, developed on it; batch 6
//! (`first_sight_6/`, labelled after round 5) until round 7, developed on it; batch 7
//! (`first_sight_7/`, labelled before round 7) until round 8, developed on it; batch 8
//! (`first_sight_8/`, labelled before round 8) until round 9, developed on it; batch 9
//! (`first_sight_9/`) and batch 10 (`first_sight_10/`), both labelled after round 8, until
//! round 10, developed on them; batch 11 (`first_sight_11/`, labelled after round 9 and scored
//! before round 10) until round 11, developed on it; batch 12 (`first_sight_12/`, labelled
//! after round 10 and scored before round 11) until round 12, developed on it; batch 13
//! (`first_sight_13/`, labelled after round 11 and scored before round 12) is read by nobody
//! changing the detector: its figure is the current detector's first sight.
//! `PHI_EVAL_VERBOSE=dev` lists the errors of the development batches (1–12) only, `batch1`
//! of batch 1 only.
//!
//! `cargo test -p phi-lens-core --test phi_first_sight -- --nocapture`
#![allow(clippy::unwrap_used, clippy::expect_used)] // A test fails loudly.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use phi_lens_core::phi::{phi_report, Status};
use phi_lens_core::{load_project, ArtifactKind, ArtifactSet, Input, Policy};
use serde_json::{json, Map, Value};

/// Projects never read while changing the detector: the six first by the SHA-256 of their
/// file names, fixed when the labels were committed.
const HELD_OUT: &[&str] = &[
    "Hakkoda1__AAH_MDP_dbt_project",
    "dansarmiento__clarity_to_omop",
    "altalanta__clinical-data-platform",
    "stalcup-dev__revenue-cycle-healthcare-claims",
    "include-dcc__include-dbt-sandbox",
    "mkryed__dbt_demo_healthcare",
];

struct Row {
    unique_id: String,
    column: String,
    data_type: String,
    description: String,
    /// The letter under the default policy (`none` for record keys).
    truth: String,
}

/// The batches, oldest first: `first_sight` (batch 1, development data since round 1),
/// `first_sight_2` (batch 2, labelled after round 1, development data since round 3),
/// `first_sight_3` (batch 3, labelled before round 3, development data since round 4),
/// `first_sight_4` (batch 4, labelled before round 4, development data since round 5),
/// `first_sight_5` (batch 5, labelled before round 5, development data since round 6),
/// `first_sight_6` (batch 6, labelled after round 5, development data since round 7),
/// `first_sight_7` (batch 7, labelled before round 7, development data since round 8),
/// `first_sight_8` (batch 8, labelled before round 8, development data since round 9),
/// `first_sight_9` and `first_sight_10` (batches 9 and 10, labelled after round 8, development
/// data since round 10), `first_sight_11` (batch 11, labelled after round 9, development data
/// since round 11), `first_sight_12` (batch 12, labelled after round 10, development data
/// since round 12), `first_sight_13` (batch 13, labelled after round 11), read by nobody
/// changing the detector.
const BATCHES: [&str; 13] = [
    "first_sight",
    "first_sight_2",
    "first_sight_3",
    "first_sight_4",
    "first_sight_5",
    "first_sight_6",
    "first_sight_7",
    "first_sight_8",
    "first_sight_9",
    "first_sight_10",
    "first_sight_11",
    "first_sight_12",
    "first_sight_13",
];

/// The batches whose errors may be read while changing the detector.
const DEVELOPMENT: usize = 12;

fn batch_dir(batch: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/phi_labels").join(batch)
}

fn projects(batch: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(batch_dir(batch)) else { return Vec::new() };
    let mut out: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".csv") && !n.ends_with(".nodes.csv"))
        .map(|n| n.trim_end_matches(".csv").to_string())
        .collect();
    out.sort();
    out
}

fn read_rows(batch: &str, project: &str) -> Vec<Row> {
    let mut reader = csv::Reader::from_path(batch_dir(batch).join(format!("{project}.csv"))).unwrap();
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (u, c, t, d, l, s) =
        (at("unique_id"), at("column"), at("data_type"), at("description"), at("label"), at("subject"));
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let record_key = &r[l] == "R" && &r[s] == "record";
            Row {
                unique_id: r[u].to_string(),
                column: r[c].to_string(),
                data_type: r[t].to_string(),
                description: r[d].to_string(),
                truth: if record_key { "none".to_string() } else { r[l].to_string() },
            }
        })
        .collect()
}

fn node_descriptions(batch: &str, project: &str) -> BTreeMap<String, String> {
    let path = batch_dir(batch).join(format!("{project}.nodes.csv"));
    let Ok(mut reader) = csv::Reader::from_path(path) else { return BTreeMap::new() };
    reader.records().map(|r| r.unwrap()).map(|r| (r[0].to_string(), r[1].to_string())).collect()
}

/// One manifest holding every labelled node of the project.
fn manifest(rows: &[Row], descriptions: &BTreeMap<String, String>) -> Vec<u8> {
    let mut nodes = Map::new();
    let mut sources = Map::new();
    let mut by_node: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for r in rows {
        by_node.entry(&r.unique_id).or_default().push(r);
    }
    for (uid, cols) in by_node {
        let parts: Vec<&str> = uid.split('.').collect();
        let mut columns = Map::new();
        for r in cols {
            let mut column = json!({"name": r.column, "description": r.description});
            if !r.data_type.is_empty() {
                column["data_type"] = json!(r.data_type);
            }
            columns.insert(r.column.clone(), column);
        }
        let package = parts.get(1).copied().unwrap_or("p");
        let description = descriptions.get(uid).cloned().unwrap_or_default();
        if parts[0] == "source" {
            sources.insert(
                uid.to_string(),
                json!({"resource_type": "source", "name": parts.last().copied().unwrap_or("t"),
                       "source_name": parts.get(2).copied().unwrap_or("s"), "package_name": package,
                       "unique_id": uid, "description": description, "columns": columns}),
            );
        } else {
            nodes.insert(
                uid.to_string(),
                json!({"resource_type": parts[0], "name": parts.last().copied().unwrap_or("n"),
                       "package_name": package, "unique_id": uid, "description": description,
                       "columns": columns}),
            );
        }
    }
    let meta = json!({"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json"});
    serde_json::to_vec(&json!({"metadata": meta, "nodes": Value::Object(nodes), "sources": Value::Object(sources)}))
        .unwrap()
}

/// The letter the detector gives each (unique_id, column), `none` when not PHI.
fn predict(
    rows: &[Row],
    descriptions: &BTreeMap<String, String>,
    policy: &Policy,
) -> BTreeMap<(String, String), String> {
    let mut set = ArtifactSet::default();
    set.insert(ArtifactKind::Manifest, Input::new("manifest.json", manifest(rows, descriptions)));
    let loaded = load_project(&set).expect("synthetic manifest loads");
    let report = phi_report(&loaded.project, policy);
    let mut out = BTreeMap::new();
    // `PHI_EVAL_EXPLAIN=node.column` (substrings) prints the detector's reading of those columns.
    let explain = std::env::var("PHI_EVAL_EXPLAIN").ok();
    for node in &report.nodes {
        for c in &node.columns {
            if let Some((n, col)) = explain.as_deref().and_then(|e| e.split_once('.')) {
                if node.unique_id.contains(n) && c.name.contains(col) {
                    println!(
                        "{} :: {} -> {:?} {:?} {:?} {:?} (clinical project: {})",
                        node.unique_id, c.name, c.status, c.category, c.safe_harbor_rule, c.evidence, report.clinical
                    );
                }
            }
            let letter = match (c.status, c.category) {
                (Status::Detected | Status::Declared | Status::Inherited, Some(cat)) => cat.letter().to_string(),
                _ => "none".to_string(),
            };
            out.insert((node.unique_id.to_string(), c.name.to_string()), letter);
        }
    }
    out
}

#[derive(Default, Clone, Copy)]
struct Tally {
    rows: u32,
    tp: u32,
    fp: u32,
    fneg: u32,
    letter_ok: u32,
}

impl Tally {
    fn add(&mut self, o: Tally) {
        self.rows += o.rows;
        self.tp += o.tp;
        self.fp += o.fp;
        self.fneg += o.fneg;
        self.letter_ok += o.letter_ok;
    }
    fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fneg)
    }
    fn category(self) -> f64 {
        ratio(self.letter_ok, self.tp)
    }
    fn line(self, name: &str) -> String {
        format!(
            "| {name} | {} | {} | {:.3} | {:.3} | {:.3} |",
            self.rows,
            self.tp + self.fneg,
            self.precision(),
            self.recall(),
            self.category()
        )
    }
}

fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 {
        1.0
    } else {
        f64::from(a) / f64::from(b)
    }
}

#[test]
fn first_sight_sets_are_scored_per_project_and_pooled() {
    let first = projects(BATCHES[0]);
    assert!(first.len() >= 8, "at least 8 first-sight projects, found {}", first.len());
    for h in HELD_OUT {
        assert!(first.iter().any(|p| p == h), "held-out project {h} is missing");
    }
    let policy = Policy::default();
    let verbose = std::env::var("PHI_EVAL_VERBOSE").unwrap_or_default();
    let mut pooled: BTreeMap<String, Tally> = BTreeMap::new();
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    for batch in BATCHES {
        let number = BATCHES.iter().position(|b| *b == batch).unwrap_or(0) + 1;
        for p in projects(batch) {
            let rows = read_rows(batch, &p);
            let descriptions = node_descriptions(batch, &p);
            let got = predict(&rows, &descriptions, &policy);
            let mut t = Tally::default();
            let held_out = HELD_OUT.contains(&p.as_str());
            for r in &rows {
                t.rows += 1;
                let g = got.get(&(r.unique_id.clone(), r.column.clone())).map_or("none", String::as_str);
                match (r.truth != "none", g != "none") {
                    (true, true) => {
                        t.tp += 1;
                        if g == r.truth {
                            t.letter_ok += 1;
                        }
                    }
                    (false, true) => t.fp += 1,
                    (true, false) => t.fneg += 1,
                    (false, false) => {}
                }
                // First-sight batches' errors are listed only when asked by name.
                let listed = match verbose.as_str() {
                    "all" => true,
                    "dev" => number <= DEVELOPMENT,
                    "batch1" | "tuning" => number == 1,
                    _ => false,
                };
                if g != r.truth && listed {
                    errors.push(format!(
                        "{p}: {:>4} → {:<4} {} :: {} [{}]",
                        r.truth, g, r.unique_id, r.column, r.data_type
                    ));
                }
            }
            let tag = if held_out { ", round-1 held out" } else { "" };
            lines.push(t.line(&format!("{p} (batch {number}{tag})")));
            pooled.entry(format!("batch {number}")).or_default().add(t);
            if number == 1 {
                pooled
                    .entry(if held_out { "batch 1, round-1 held out" } else { "batch 1, round-1 tuning" }.to_string())
                    .or_default()
                    .add(t);
            }
            pooled.entry("all".to_string()).or_default().add(t);
        }
    }
    println!("| project | columns | PHI | precision | recall | category |\n|---|---:|---:|---:|---:|---:|");
    for l in &lines {
        println!("{l}");
    }
    for (name, t) in &pooled {
        println!("{}", t.line(&format!("**pooled, {name}**")));
    }
    for e in &errors {
        println!("{e}");
    }
    // A floor under the development figures (batch 1), so that a change that loses ground
    // fails; the first-sight figures are reported, not asserted.
    let dev = pooled["batch 1"];
    assert!(dev.precision() >= 0.75, "batch 1 precision {:.3} < 0.75", dev.precision());
    assert!(dev.recall() >= 0.80, "batch 1 recall {:.3} < 0.80", dev.recall());
    assert!(dev.category() >= 0.95, "batch 1 category accuracy {:.3} < 0.95", dev.category());
}

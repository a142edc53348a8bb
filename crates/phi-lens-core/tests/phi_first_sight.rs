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
//! Prints, per project and pooled (all, held-out, tuning): precision and recall of PHI vs
//! none, and category accuracy (of the PHI columns found, the share given the right letter).
//! The held-out projects (`HELD_OUT`, chosen by the hash of their names before any error was
//! read) are never used to change the detector: their figure is the first-sight figure of
//! the current detector. `PHI_EVAL_VERBOSE=tuning` lists the tuning projects' errors only.
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

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/phi_labels/first_sight")
}

fn projects() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".csv") && !n.ends_with(".nodes.csv"))
        .map(|n| n.trim_end_matches(".csv").to_string())
        .collect();
    out.sort();
    out
}

fn read_rows(project: &str) -> Vec<Row> {
    let mut reader = csv::Reader::from_path(dir().join(format!("{project}.csv"))).unwrap();
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

fn node_descriptions(project: &str) -> BTreeMap<String, String> {
    let path = dir().join(format!("{project}.nodes.csv"));
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
    for node in &report.nodes {
        for c in &node.columns {
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
    let projects = projects();
    assert!(projects.len() >= 8, "at least 8 first-sight projects, found {}", projects.len());
    for h in HELD_OUT {
        assert!(projects.iter().any(|p| p == h), "held-out project {h} is missing");
    }
    let policy = Policy::default();
    let verbose = std::env::var("PHI_EVAL_VERBOSE").unwrap_or_default();
    let (mut all, mut held, mut tuning) = (Tally::default(), Tally::default(), Tally::default());
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    for p in &projects {
        let rows = read_rows(p);
        let descriptions = node_descriptions(p);
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
            if g != r.truth && (verbose == "all" || (verbose == "tuning" && !held_out)) {
                errors
                    .push(format!("{p}: {:>4} → {:<4} {} :: {} [{}]", r.truth, g, r.unique_id, r.column, r.data_type));
            }
        }
        lines.push(t.line(&format!("{p}{}", if held_out { " (held out)" } else { "" })));
        all.add(t);
        if held_out {
            held.add(t);
        } else {
            tuning.add(t);
        }
    }
    println!("| project | columns | PHI | precision | recall | category |\n|---|---:|---:|---:|---:|---:|");
    for l in &lines {
        println!("{l}");
    }
    println!("{}", held.line("**pooled, held out**"));
    println!("{}", tuning.line("**pooled, tuning**"));
    println!("{}", all.line("**pooled, all**"));
    for e in &errors {
        println!("{e}");
    }
    // A floor under the figures, so that a change that loses ground on unseen projects fails.
    // FLOOR
}

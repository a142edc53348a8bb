//! Scores the SQL column resolver on hand-labelled cases (`tests/data/column_lineage/`, one
//! file per dialect, README there): edge precision and recall over (output column, upstream
//! relation, upstream column), the transform's accuracy over the edges found, and every case
//! labelled `unresolved` reported unresolved.
//!
//! The labels were written before the resolver was first run on them (first run, 41 cases,
//! 169 output columns, 195 edges: precision 1.000, recall 1.000, transform accuracy 1.000; the
//! labels and the resolver follow the same written rules, by the same author).
#![allow(clippy::unwrap_used, clippy::expect_used)] // A test fails loudly.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use phi_lens_core::sql::{resolve, Dialect, Relations};

/// One labelled case.
struct Case {
    file: String,
    name: String,
    dialect: Dialect,
    /// Relation name parts (lower case) and its columns (`None`: unknown).
    relations: Vec<(Vec<String>, Option<Vec<String>>)>,
    /// (output column, relation, column) → transform, all lower case.
    edges: BTreeMap<(String, String, String), String>,
    /// Output columns labelled (with or without edges).
    outputs: BTreeSet<String>,
    unresolved: Option<String>,
    sql: String,
}

fn dialect_of(file: &str) -> Dialect {
    match file {
        "databricks" => Dialect::Databricks,
        "trino" => Dialect::Trino,
        other => Dialect::from_adapter(other),
    }
}

fn unquote(s: &str) -> String {
    s.trim().trim_matches('"').trim_matches('`').to_string()
}

fn read_cases(dir: &Path) -> Vec<Case> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let file = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut current: Option<Case> = None;
        for line in text.lines() {
            if let Some(name) = line.strip_prefix("-- case:") {
                cases.extend(current.take());
                current = Some(Case {
                    file: file.clone(),
                    name: name.trim().to_string(),
                    dialect: dialect_of(&file),
                    relations: Vec::new(),
                    edges: BTreeMap::new(),
                    outputs: BTreeSet::new(),
                    unresolved: None,
                    sql: String::new(),
                });
                continue;
            }
            let case = current.as_mut().expect("a line before the first `-- case:`");
            if let Some(rel) = line.strip_prefix("-- relation:") {
                let (name, cols) = rel.rsplit_once(':').unwrap();
                let parts = name.trim().split('.').map(|p| unquote(p).to_lowercase()).collect();
                let cols = match cols.trim() {
                    "?" => None,
                    list => Some(list.split(',').map(unquote).collect()),
                };
                case.relations.push((parts, cols));
            } else if let Some(edge) = line.strip_prefix("-- edge:") {
                let (out, rest) = edge.split_once("<-").unwrap();
                let out = out.trim().to_lowercase();
                case.outputs.insert(out.clone());
                let rest = rest.trim();
                if rest == "(none)" {
                    continue;
                }
                let (source, transform) = rest.rsplit_once(' ').unwrap();
                let (rel, col) = source.rsplit_once('.').unwrap();
                let key = (out, rel.to_lowercase(), col.to_lowercase());
                assert!(case.edges.insert(key, transform.to_string()).is_none(), "{}: edge twice: {line}", case.name);
            } else if let Some(reason) = line.strip_prefix("-- unresolved:") {
                case.unresolved = Some(reason.trim().to_string());
            } else if line.starts_with("-- origin:") || line.starts_with("-- note:") {
            } else {
                case.sql.push_str(line);
                case.sql.push('\n');
            }
        }
        cases.extend(current.take());
    }
    cases
}

struct CaseRelations<'c>(&'c [(Vec<String>, Option<Vec<String>>)]);

impl Relations for CaseRelations<'_> {
    fn find(&self, parts: &[String]) -> Option<usize> {
        let hits: Vec<usize> =
            (0..self.0.len()).filter(|&i| self.0[i].0.ends_with(parts) || parts.ends_with(&self.0[i].0)).collect();
        match hits.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }
    fn columns(&self, relation: usize) -> Option<(&[String], bool)> {
        self.0.get(relation)?.1.as_deref().map(|c| (c, true))
    }
    fn display(&self, relation: usize) -> String {
        self.0.get(relation).map(|r| r.0.join(".")).unwrap_or_default()
    }
}

/// The scores of the resolver on one directory of labelled cases.
struct Scores {
    cases: usize,
    outputs: usize,
    edges: usize,
    dialects: usize,
    precision: f64,
    recall: f64,
    accuracy: f64,
    /// Every disagreement, one line each.
    report: String,
    /// Cases that must be reported unresolved and were resolved.
    unresolved_missed: Vec<String>,
}

fn score(dir: &Path) -> Scores {
    let cases = read_cases(dir);
    let (mut tp, mut predicted, mut expected, mut same_transform) = (0usize, 0usize, 0usize, 0usize);
    let mut outputs = 0;
    let mut dialects = BTreeSet::new();
    let mut report = String::new();
    let mut unresolved_missed = Vec::new();
    for case in &cases {
        dialects.insert(case.file.clone());
        outputs += case.outputs.len();
        let rels = CaseRelations(&case.relations);
        let got = resolve(&case.sql, case.dialect, &rels);
        if case.unresolved.is_some() {
            if let Ok(cols) = &got {
                unresolved_missed.push(format!("{}/{}: resolved ({} columns)", case.file, case.name, cols.len()));
            }
            continue;
        }
        let mut found: BTreeMap<(String, String, String), String> = BTreeMap::new();
        match got {
            Ok(cols) => {
                for c in cols {
                    let out = c.name.to_lowercase();
                    for ((rel, col), t) in &c.deps.values {
                        found.insert((out.clone(), rels.display(*rel), col.to_lowercase()), t.as_str().to_string());
                    }
                    for (rel, col) in &c.deps.filters {
                        found
                            .entry((out.clone(), rels.display(*rel), col.to_lowercase()))
                            .or_insert_with(|| "filter".to_string());
                    }
                }
            }
            Err(e) => report.push_str(&format!("{}/{}: UNRESOLVED {e}\n", case.file, case.name)),
        }
        expected += case.edges.len();
        predicted += found.len();
        for (k, t) in &found {
            match case.edges.get(k) {
                Some(want) => {
                    tp += 1;
                    if want == t {
                        same_transform += 1;
                    } else {
                        report.push_str(&format!("{}/{}: {k:?} is {t}, labelled {want}\n", case.file, case.name));
                    }
                }
                None => report.push_str(&format!("{}/{}: extra {k:?} {t}\n", case.file, case.name)),
            }
        }
        for k in case.edges.keys().filter(|k| !found.contains_key(*k)) {
            report.push_str(&format!("{}/{}: missing {k:?}\n", case.file, case.name));
        }
    }
    Scores {
        cases: cases.len(),
        outputs,
        edges: expected,
        dialects: dialects.len(),
        precision: tp as f64 / predicted.max(1) as f64,
        recall: tp as f64 / expected.max(1) as f64,
        accuracy: same_transform as f64 / tp.max(1) as f64,
        report,
        unresolved_missed,
    }
}

impl Scores {
    fn line(&self) -> String {
        format!(
            "{} cases, {} labelled output columns, {} edges: precision {:.3}, recall {:.3}, transform accuracy {:.3}, {} of the cases to report unresolved resolved",
            self.cases,
            self.outputs,
            self.edges,
            self.precision,
            self.recall,
            self.accuracy,
            self.unresolved_missed.len()
        )
    }
}

#[test]
fn resolver_scores_on_labelled_cases() {
    let s = score(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/column_lineage"));
    eprintln!("{}", s.report);
    eprintln!("{}", s.line());
    assert!(s.unresolved_missed.is_empty(), "cases that must be reported unresolved: {:?}", s.unresolved_missed);
    assert_eq!(s.dialects, 7, "one file per dialect");
    assert!(s.outputs >= 150, "{} labelled output columns", s.outputs);
    assert!(s.precision >= 0.98, "precision {:.3}", s.precision);
    assert!(s.recall >= 0.97, "recall {:.3}", s.recall);
    assert!(s.accuracy >= 0.90, "transform accuracy {:.3}", s.accuracy);
}

/// The held-out cases, written by people who never read the resolver: their figure is the
/// resolver's first sight, reported, not a floor (the development cases above carry the floor).
/// Their disagreements are listed only when asked by the set's name
/// (`COLUMN_EVAL_VERBOSE=heldout` or `heldout_2`), so that nobody tunes the resolver on them
/// unawares. The first set (`tests/data/column_lineage_heldout/`) was scored at first sight
/// and then read (round 1), the second (`column_lineage_heldout_2/`) too (round 2), the third
/// (`column_lineage_heldout_3/`) too (round 3); the fourth (`column_lineage_heldout_4/`,
/// written after round 2 by a fourth analyst, no Airbyte output) is unread.
fn held_out(set: &str) {
    let s = score(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(format!("column_lineage_{set}")));
    if std::env::var("COLUMN_EVAL_VERBOSE").as_deref() == Ok(set) {
        eprintln!("{}", s.report);
        eprintln!("{:?}", s.unresolved_missed);
    }
    println!("{set}: {}", s.line());
    assert_eq!(s.dialects, 7, "one file per dialect");
    assert!(s.outputs >= 150, "{} labelled output columns", s.outputs);
}

#[test]
fn resolver_scores_on_held_out_cases() {
    held_out("heldout");
}

#[test]
fn resolver_scores_on_the_second_held_out_cases() {
    held_out("heldout_2");
}

#[test]
fn resolver_scores_on_the_third_held_out_cases() {
    held_out("heldout_3");
}

#[test]
fn resolver_scores_on_the_fourth_held_out_cases() {
    held_out("heldout_4");
}

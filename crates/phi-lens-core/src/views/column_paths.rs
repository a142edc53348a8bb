//! A column's paths through column lineage, for the app's node and exposure pages: upstream to
//! the raw columns it is made from, downstream to the columns and exposures it reaches, each
//! edge with its transform (or `filter`). Computed from [`ColumnLineage`] on demand, apart from
//! the overview.
//!
//! ```
//! use phi_lens_core::columns::{ColumnEdge, ColumnLineage, EdgeKind};
//! use phi_lens_core::sql::Transform;
//! use phi_lens_core::views::column_paths::ColumnPaths;
//!
//! let edge = |s: &str, sc: &str, t: &str, tc: &str, k| ColumnEdge {
//!     source: s.into(), source_column: sc.into(), target: t.into(), target_column: tc.into(), transform: k,
//! };
//! let lineage = ColumnLineage {
//!     edges: vec![
//!         edge("source.p.raw.patients", "dob", "model.p.stg", "birth_date", EdgeKind::Value(Transform::Copy)),
//!         edge("model.p.stg", "birth_date", "model.p.mart", "birth_year", EdgeKind::Value(Transform::Generalized)),
//!     ],
//!     models: Vec::new(),
//! };
//! let paths = ColumnPaths::new(&lineage);
//! let up = paths.upstream("model.p.mart", "BIRTH_YEAR");
//! assert_eq!(up.iter().map(|s| (s.depth, s.edge.source.as_str())).collect::<Vec<_>>(),
//!            [(1, "model.p.stg"), (2, "source.p.raw.patients")]);
//! assert_eq!(paths.downstream("source.p.raw.patients", "dob").len(), 2);
//! ```

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::columns::{ColumnEdge, ColumnLineage};
use crate::model::Project;

/// One edge of a path, `depth` edges away from the column asked about (1: adjacent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep<'l> {
    /// How many edges away.
    pub depth: usize,
    /// The edge (its `transform` says how: a transform word or `filter`).
    pub edge: &'l ColumnEdge,
}

/// Column lineage indexed both ways, columns compared case-insensitively.
#[derive(Debug, Clone)]
pub struct ColumnPaths<'l> {
    lineage: &'l ColumnLineage,
    /// (target, lower-cased target column) → edge indices.
    into: BTreeMap<(&'l str, String), Vec<usize>>,
    /// (source, lower-cased source column) → edge indices.
    from: BTreeMap<(&'l str, String), Vec<usize>>,
}

impl<'l> ColumnPaths<'l> {
    /// Indexes the lineage's edges.
    pub fn new(lineage: &'l ColumnLineage) -> Self {
        let mut into: BTreeMap<(&str, String), Vec<usize>> = BTreeMap::new();
        let mut from: BTreeMap<(&str, String), Vec<usize>> = BTreeMap::new();
        for (i, e) in lineage.edges.iter().enumerate() {
            into.entry((e.target.as_str(), e.target_column.to_ascii_lowercase())).or_default().push(i);
            from.entry((e.source.as_str(), e.source_column.to_ascii_lowercase())).or_default().push(i);
        }
        ColumnPaths { lineage, into, from }
    }

    /// Every edge upstream of `node.column`, nearest first (then in the lineage's order), each
    /// edge once: the way back to the raw columns.
    pub fn upstream(&self, node: &str, column: &str) -> Vec<PathStep<'l>> {
        self.walk(node, column, true)
    }

    /// Every edge downstream of `node.column`, nearest first, each edge once.
    pub fn downstream(&self, node: &str, column: &str) -> Vec<PathStep<'l>> {
        self.walk(node, column, false)
    }

    /// The exposures that read `node` or a node its column reaches, sorted by unique_id.
    pub fn exposures_reached(&self, project: &Project, node: &str, column: &str) -> Vec<String> {
        let mut nodes: BTreeSet<&str> = self.downstream(node, column).iter().map(|s| s.edge.target.as_str()).collect();
        nodes.insert(node);
        let mut out: Vec<String> = project
            .exposures
            .iter()
            .filter(|e| e.depends_on.iter().any(|d| nodes.contains(&**d)))
            .map(|e| e.unique_id.clone())
            .collect();
        out.sort();
        out
    }

    fn walk(&self, node: &str, column: &str, up: bool) -> Vec<PathStep<'l>> {
        let index = if up { &self.into } else { &self.from };
        let mut seen_columns: BTreeSet<(String, String)> = BTreeSet::new();
        let mut seen_edges = vec![false; self.lineage.edges.len()];
        let mut queue: VecDeque<(String, String, usize)> = VecDeque::new();
        let start = (node.to_string(), column.to_ascii_lowercase());
        seen_columns.insert(start.clone());
        queue.push_back((start.0, start.1, 0));
        let mut out = Vec::new();
        while let Some((n, c, depth)) = queue.pop_front() {
            let Some(edges) = index.get(&(n.as_str(), c)) else { continue };
            for &i in edges {
                let Some(e) = self.lineage.edges.get(i) else { continue };
                if std::mem::replace(&mut seen_edges[i], true) {
                    continue;
                }
                out.push(PathStep { depth: depth + 1, edge: e });
                let next = if up {
                    (e.source.clone(), e.source_column.to_ascii_lowercase())
                } else {
                    (e.target.clone(), e.target_column.to_ascii_lowercase())
                };
                if seen_columns.insert(next.clone()) {
                    queue.push_back((next.0, next.1, depth + 1));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{columns, load_project, ArtifactKind, ArtifactSet, Input};

    #[test]
    fn the_demo_birth_date_goes_back_to_the_ehr_and_on_to_the_risk_model() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/clinic/target");
        let mut set = ArtifactSet::default();
        for kind in [ArtifactKind::Manifest, ArtifactKind::Catalog] {
            set.insert(kind, Input::new(kind.file_name(), std::fs::read(dir.join(kind.file_name())).unwrap()));
        }
        let project = load_project(&set).unwrap().project;
        let lineage = columns::lineage_of(&set, &project).unwrap().unwrap();
        let paths = ColumnPaths::new(&lineage);
        let up: Vec<String> = paths
            .upstream("model.clinic.mart_population_health", "birth_date")
            .iter()
            .map(|s| format!("{} {}.{} ({})", s.depth, s.edge.source, s.edge.source_column, s.edge.transform.as_str()))
            .collect();
        assert_eq!(
            up,
            [
                "1 model.clinic.int_patient_demographics.birth_date (copy)",
                "2 model.clinic.stg_ehr__patients.birth_date (copy)",
                "3 source.clinic.ehr.patients.birth_date (copy)",
            ]
        );
        // The EHR birth date reaches the risk model (G17) and, as an age at admission, the
        // readmissions report; the payer extract's birth date is the claims feed's, not this one.
        assert_eq!(
            paths.exposures_reached(&project, "source.clinic.ehr.patients", "birth_date"),
            ["exposure.clinic.population_health_risk_model", "exposure.clinic.readmissions_30d_report"]
        );
    }
}

//! The project summary: the facts `phi-lens summary` prints and the app's first screen shows.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::input::ArtifactKind;
use crate::load::Warning;
use crate::model::{ColumnOrigin, Project};

/// Resource types that always appear in the counts, even at zero.
pub const COUNTED_TYPES: [&str; 10] =
    ["model", "seed", "snapshot", "source", "test", "exposure", "metric", "semantic_model", "analysis", "operation"];

/// Column counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnCounts {
    /// Columns documented in YAML on models, seeds, snapshots and sources.
    pub documented: u64,
    /// Columns the warehouse has (catalog.json) that nobody documented.
    pub warehouse_only: u64,
}

/// The summary of a loaded project. Serialises to exactly the keys of `summary --json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The project name.
    pub project_name: Option<String>,
    /// The dbt version that wrote the manifest.
    pub dbt_version: Option<String>,
    /// The manifest's schema version, e.g. `v12`.
    pub manifest_schema_version: Option<String>,
    /// Counts by resource type (the ten main types always, others when present).
    pub counts: BTreeMap<String, u64>,
    /// Column counts.
    pub columns: ColumnCounts,
    /// Test results by status, as dbt wrote them.
    pub test_status: BTreeMap<String, u64>,
    /// Warnings, as `file: message`.
    pub warnings: Vec<String>,
}

impl Summary {
    /// Summarises a project and its load warnings.
    pub fn new(project: &Project, warnings: &[Warning]) -> Summary {
        let mut counts: BTreeMap<String, u64> = COUNTED_TYPES.iter().map(|t| (t.to_string(), 0)).collect();
        let mut documented = 0u64;
        let mut warehouse_only = 0u64;
        for n in &project.nodes {
            *counts.entry(n.resource_type.as_str().to_string()).or_default() += 1;
            if n.resource_type.holds_data() {
                for c in &n.columns {
                    match c.origin {
                        ColumnOrigin::Documented => documented += 1,
                        ColumnOrigin::WarehouseOnly => warehouse_only += 1,
                    }
                }
            }
        }
        warehouse_only += project.tests.iter().map(|t| t.stored_columns.len() as u64).sum::<u64>();
        *counts.entry("test".into()).or_default() += project.tests.len() as u64;
        *counts.entry("exposure".into()).or_default() += project.exposures.len() as u64;
        for o in &project.others {
            *counts.entry(o.resource_type.clone()).or_default() += 1;
        }
        Summary {
            project_name: project.info.project_name.clone(),
            dbt_version: project.info.dbt_version.clone(),
            manifest_schema_version: project.input(ArtifactKind::Manifest).and_then(|i| i.schema_version.clone()),
            counts,
            columns: ColumnCounts { documented, warehouse_only },
            test_status: project.test_status.clone(),
            warnings: warnings.iter().map(ToString::to_string).collect(),
        }
    }
}

/// Schema versions of each artifact given (`manifest` → `v12`…), for display.
pub fn schema_versions(project: &Project) -> BTreeMap<String, Option<String>> {
    project.inputs.iter().map(|i| (i.kind.as_str().to_string(), i.schema_version.clone())).collect()
}

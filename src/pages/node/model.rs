//! One node's page as data: its facts, why it is (or is not) PHI, its columns with their PHI
//! classification and tests, its findings, its score's arithmetic, its neighbours, and the
//! link to the same node in the hosted dbt docs.

use phi_lens_core::findings::Finding;
use phi_lens_core::model::{Node, Test};
use phi_lens_core::phi::{ColumnPhi, NodePhi, Status};
use phi_lens_core::score::NodeScore;
use phi_lens_core::views::column_paths::{ColumnPaths, PathStep};

use crate::loading::plan::check_relative;
use crate::project_view::index::{node_score, phi_node};
use crate::project_view::{ColumnState, ProjectView};

/// Where the hosted dbt docs are, relative to phi-lens, when `?docs=` does not say: phi-lens
/// deployed in a folder inside dbt's `target/`, beside the docs' `index.html`.
pub const DEFAULT_DOCS: &str = "../index.html";

/// The docs base from `?docs=`: a same-site path, or an `http(s)` URL (a link the auditor
/// follows, never a request phi-lens makes); anything else falls back to [`DEFAULT_DOCS`].
pub fn docs_base(param: Option<&str>) -> String {
    match param.map(str::trim) {
        Some(p) if p.starts_with("https://") || p.starts_with("http://") => p.to_string(),
        Some(p) if check_relative(p).is_ok() => p.to_string(),
        _ => DEFAULT_DOCS.to_string(),
    }
}

/// dbt docs' address of a resource: `<base>#!/<resource_type>/<unique_id>`.
pub fn docs_href(base: &str, resource_type: &str, unique_id: &str) -> String {
    format!("{base}#!/{resource_type}/{unique_id}")
}

/// A test on a column or on the node, with its last result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestRow {
    /// The test's name (`not_null`, `accepted_range`…, or the singular test's name).
    pub name: String,
    /// The unique_id.
    pub unique_id: String,
    /// The last status (`pass`, `fail`, `warn`, `error`, `skipped`), or `not run`.
    pub status: String,
}

/// One column of the columns table.
#[derive(Debug, Clone)]
pub struct ColumnRow<'a> {
    /// The name.
    pub name: &'a str,
    /// The declared or warehouse type.
    pub data_type: Option<&'a str>,
    /// The description (plain text in the table).
    pub description: &'a str,
    /// Whether only the warehouse knows it.
    pub warehouse_only: bool,
    /// Its PHI classification.
    pub phi: Option<&'a ColumnPhi>,
    /// Its tests.
    pub tests: Vec<TestRow>,
}

/// Everything the node page shows.
#[derive(Debug)]
pub struct NodeDetail<'a> {
    /// The node.
    pub node: &'a Node,
    /// Its PHI classification (data nodes only).
    pub phi: Option<&'a NodePhi>,
    /// Its score (scored nodes only) and the arithmetic in words.
    pub score: Option<(&'a NodeScore, String)>,
    /// Its columns.
    pub columns: Vec<ColumnRow<'a>>,
    /// Tests on the node as a whole (no column).
    pub node_tests: Vec<TestRow>,
    /// Its findings, waived included.
    pub findings: Vec<&'a Finding>,
    /// What it reads (direct).
    pub upstream: Vec<String>,
    /// What reads it (direct).
    pub downstream: Vec<String>,
    /// `meta` as indented JSON text, when not empty.
    pub meta: Option<String>,
}

fn test_row(t: &Test) -> TestRow {
    TestRow {
        name: t.test_name().map_or_else(|| t.name.clone(), str::to_string),
        unique_id: t.unique_id.to_string(),
        status: t.run.as_ref().map_or_else(|| "not run".to_string(), |r| r.status.clone()),
    }
}

/// The page of `unique_id`, or `None` when the project has no such node.
pub fn node_detail<'a>(view: &'a ProjectView, unique_id: &str) -> Option<NodeDetail<'a>> {
    let node = view.project.node(unique_id)?;
    let analysis = &*view.analysis;
    let phi = phi_node(analysis, unique_id);
    let mut tests: Vec<&Test> =
        view.project.tests.iter().filter(|t| t.enabled && t.attached_node.as_deref() == Some(unique_id)).collect();
    tests.sort_by(|a, b| a.unique_id.cmp(&b.unique_id));
    let column_of = |t: &Test| t.column_name.as_deref().map(|c| c.trim_matches(['"', '`', '[', ']']).to_string());
    let columns = node
        .columns
        .iter()
        .map(|c| ColumnRow {
            name: &c.name,
            data_type: c.effective_type(),
            description: &c.description,
            warehouse_only: c.origin == phi_lens_core::model::ColumnOrigin::WarehouseOnly,
            phi: phi.and_then(|p| p.columns.iter().find(|pc| pc.name == *c.name)),
            tests: tests
                .iter()
                .filter(|t| column_of(t).is_some_and(|n| n.eq_ignore_ascii_case(&c.name)))
                .map(|t| test_row(t))
                .collect(),
        })
        .collect();
    let node_tests =
        tests.iter().filter(|t| column_of(t).is_none_or(|n| node.column(&n).is_none())).map(|t| test_row(t)).collect();
    let cap = analysis.phi.policy.score.critical_cap;
    let meta = (!node.meta.is_empty()).then(|| serde_json::to_string_pretty(&node.meta).unwrap_or_default());
    Some(NodeDetail {
        node,
        phi,
        score: node_score(analysis, unique_id).map(|s| (s, s.arithmetic(cap))),
        columns,
        node_tests,
        findings: view.index.findings(analysis, unique_id).collect(),
        upstream: node.depends_on.iter().map(|d| d.to_string()).collect(),
        downstream: view.index.children(unique_id).to_vec(),
        meta,
    })
}

/// One edge of a column's path, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathRow {
    /// How many edges away from the column (1: adjacent).
    pub depth: usize,
    /// The upstream node and column.
    pub source: String,
    /// The upstream column.
    pub source_column: String,
    /// The downstream node.
    pub target: String,
    /// The downstream column.
    pub target_column: String,
    /// `copy`, `derived`, `generalized`, `hashed`, `aggregated` or `filter`.
    pub transform: &'static str,
}

impl From<&PathStep<'_>> for PathRow {
    fn from(s: &PathStep<'_>) -> PathRow {
        PathRow {
            depth: s.depth,
            source: s.edge.source.clone(),
            source_column: s.edge.source_column.clone(),
            target: s.edge.target.clone(),
            target_column: s.edge.target_column.clone(),
            transform: s.edge.transform.as_str(),
        }
    }
}

/// A column's paths through column lineage (the core's [`ColumnPaths`]): upstream to the raw
/// columns, downstream to the columns and exposures it reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnPathView {
    /// Every edge upstream, nearest first.
    pub upstream: Vec<PathRow>,
    /// Every edge downstream, nearest first.
    pub downstream: Vec<PathRow>,
    /// The exposures the column reaches (through its node or a node downstream).
    pub exposures: Vec<String>,
}

/// The paths of `unique_id`.`column`, or `None` while the column lineage is not resolved.
pub fn column_path(view: &ProjectView, unique_id: &str, column: &str) -> Option<ColumnPathView> {
    let lineage = view.columns.lineage()?;
    let paths = ColumnPaths::new(lineage);
    Some(ColumnPathView {
        upstream: paths.upstream(unique_id, column).iter().map(PathRow::from).collect(),
        downstream: paths.downstream(unique_id, column).iter().map(PathRow::from).collect(),
        exposures: paths.exposures_reached(&view.project, unique_id, column),
    })
}

/// Why the columns of `unique_id` have no path (or only a downstream one), as a sentence; `None`
/// when their paths are complete.
pub fn column_path_note(view: &ProjectView, unique_id: &str) -> Option<String> {
    match &view.columns {
        ColumnState::NoCompiledSql => Some(
            "No column paths: no model carries compiled SQL (run dbt compile), so PHI is inherited node by node."
                .to_string(),
        ),
        ColumnState::Pending => Some("Column paths appear once the compiled SQL is resolved…".to_string()),
        ColumnState::Failed(e) => Some(format!(
            "No column paths: the compiled SQL could not be read ({e}), so PHI is inherited node by node."
        )),
        ColumnState::Ready(lineage) => {
            let m = lineage.models.iter().find(|m| m.unique_id == unique_id && !m.parsed)?;
            Some(format!(
                "This model was not resolved at column level ({}): its columns have no upstream path, and node-level inheritance applies to it.",
                m.error.as_deref().unwrap_or("no reason given")
            ))
        }
    }
}

/// Why a node or column has its status, as a heading sentence.
pub fn status_explanation(status: Status) -> &'static str {
    match status {
        Status::Declared => "Declared PHI by the project (tags, meta or a PHI schema).",
        Status::Detected => "Detected as PHI by phi-lens, but not declared by the project.",
        Status::Inherited => "Inherited: PHI reaches it through lineage, along this path.",
        Status::PossiblyInherited => {
            "Possibly PHI: node-level lineage reaches it along this path, but none of its known columns holds an identifier."
        }
        Status::Deidentified => "Declared de-identified, with a method.",
        Status::None => "Not PHI.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data::demo_view;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn every_column_of_a_phi_node_has_its_classification() {
        let view = demo_view();
        let phi = view.analysis.phi.nodes.iter().find(|n| n.status == Status::Declared);
        let Some(phi) = phi else { panic!("the demo declares PHI") };
        let d = node_detail(&view, &phi.unique_id).unwrap_or_else(|| panic!("{} exists", phi.unique_id));
        assert_eq!(d.columns.len(), d.node.columns.len());
        assert!(d.columns.iter().all(|c| c.phi.is_some()), "every column classified");
        assert!(d.phi.is_some());
        assert!(node_detail(&view, "model.nope.nope").is_none());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn tests_land_on_their_column_with_their_last_status() {
        let view = demo_view();
        let t = view.project.tests.iter().find(|t| t.column_name.is_some() && t.attached_node.is_some() && t.enabled);
        let Some(t) = t else { panic!("the demo has column tests") };
        let d = node_detail(&view, t.attached_node.as_deref().unwrap_or_default()).unwrap_or_else(|| panic!("node"));
        let on_columns: Vec<&TestRow> = d.columns.iter().flat_map(|c| &c.tests).collect();
        assert!(on_columns.iter().any(|r| r.unique_id == *t.unique_id), "{} on its column", t.unique_id);
        assert!(on_columns.iter().all(|r| !r.status.is_empty()));
        // Upstream and downstream are each other's mirror.
        for up in &d.upstream {
            assert!(view.index.children(up).iter().any(|c| c == &*d.node.unique_id));
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_demo_column_walks_back_to_the_ehr_and_on_to_the_risk_model() {
        let view = demo_view();
        let p = column_path(&view, "model.clinic.mart_population_health", "BIRTH_DATE");
        let Some(p) = p else { panic!("the demo's column lineage is resolved") };
        let up: Vec<String> = p
            .upstream
            .iter()
            .map(|r| {
                format!(
                    "{} {}.{} -> {}.{} ({})",
                    r.depth, r.source, r.source_column, r.target, r.target_column, r.transform
                )
            })
            .collect();
        assert_eq!(
            up,
            [
                "1 model.clinic.int_patient_demographics.birth_date -> model.clinic.mart_population_health.birth_date (copy)",
                "2 model.clinic.stg_ehr__patients.birth_date -> model.clinic.int_patient_demographics.birth_date (copy)",
                "3 source.clinic.ehr.patients.birth_date -> model.clinic.stg_ehr__patients.birth_date (copy)",
            ]
        );
        assert_eq!(p.exposures, ["exposure.clinic.population_health_risk_model"]);
        // Resolved, so nothing to explain; a source has no note either.
        assert_eq!(column_path_note(&view, "model.clinic.mart_population_health"), None);
        assert_eq!(column_path_note(&view, "source.clinic.ehr.patients"), None);
        let pending = ProjectView { columns: ColumnState::Pending, ..view.clone() };
        assert!(column_path(&pending, "model.clinic.mart_population_health", "birth_date").is_none());
        assert!(column_path_note(&pending, "model.clinic.mart_population_health").is_some());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_model_with_hostile_sql_says_why_it_has_no_column_path() {
        use phi_lens_core::{ArtifactKind, ArtifactSet, Input};
        let nested = format!("select {}1{} as x", "(".repeat(10_000), ")".repeat(10_000));
        let manifest = serde_json::json!({
            "metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json", "adapter_type": "duckdb", "project_name": "p"},
            "nodes": {"model.p.deep": {
                "unique_id": "model.p.deep", "resource_type": "model", "name": "deep", "package_name": "p",
                "original_file_path": "models/deep.sql", "path": "deep.sql", "fqn": ["p", "deep"],
                "database": "db", "schema": "s", "alias": "deep", "relation_name": "db.s.deep",
                "config": {"enabled": true, "materialized": "view"}, "depends_on": {"nodes": []},
                "columns": {"x": {"name": "x"}}, "compiled_code": nested
            }},
            "sources": {}, "exposures": {}
        });
        let mut set = ArtifactSet::default();
        let bytes = serde_json::to_vec(&manifest).unwrap_or_default();
        set.insert(ArtifactKind::Manifest, Input::new("manifest.json", bytes));
        let view = crate::test_data::ok(crate::project_view::build_project_view(
            &set,
            crate::project_view::Source::Files,
            vec![],
        ));
        let Some(lineage) = view.columns.lineage() else { panic!("resolved: {:?}", view.columns) };
        let status = lineage.models.iter().find(|m| m.unique_id == "model.p.deep");
        let reason = status.and_then(|m| m.error.clone()).unwrap_or_else(|| panic!("unresolved: {status:?}"));
        let note = column_path_note(&view, "model.p.deep").unwrap_or_default();
        assert!(note.contains("not resolved at column level") && note.contains(&reason), "{note}");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn docs_links_take_only_safe_bases() {
        assert_eq!(docs_base(None), "../index.html");
        assert_eq!(docs_base(Some("docs/index.html")), "docs/index.html");
        assert_eq!(docs_base(Some("https://docs.example.org/")), "https://docs.example.org/");
        assert_eq!(docs_base(Some("javascript:alert(1)")), DEFAULT_DOCS);
        assert_eq!(docs_base(Some("//evil.example")), DEFAULT_DOCS);
        assert_eq!(docs_href("../index.html", "model", "model.a.b"), "../index.html#!/model/model.a.b");
    }
}

//! The normalised project: one shape for every dbt version, owned, sorted by unique_id.
//!
//! Everything downstream (PHI classification, lineage, rules, scores, reports, the UI) reads
//! this model and never the raw artifacts.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::artifacts::Meta;

/// A shared, immutable string. Ids, package names, paths, schemas, types and tags repeat
/// thousands of times in a large project; each distinct value is stored once.
pub type Text = std::sync::Arc<str>;
use crate::input::ArtifactKind;

/// The kind of a dbt resource.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "String")]
pub enum ResourceType {
    /// A model.
    Model,
    /// A seed (CSV loaded by dbt).
    Seed,
    /// A snapshot.
    Snapshot,
    /// A source table.
    Source,
    /// An analysis.
    Analysis,
    /// A hook (`on-run-start`/`on-run-end`).
    Operation,
    /// Any other node type dbt writes (`sql_operation`, `rpc`…), by name.
    Other(String),
}

impl ResourceType {
    /// Reads dbt's `resource_type` string.
    pub fn parse(s: &str) -> ResourceType {
        match s {
            "model" => ResourceType::Model,
            "seed" => ResourceType::Seed,
            "snapshot" => ResourceType::Snapshot,
            "source" => ResourceType::Source,
            "analysis" => ResourceType::Analysis,
            "operation" => ResourceType::Operation,
            other => ResourceType::Other(other.to_string()),
        }
    }

    /// dbt's name for it.
    pub fn as_str(&self) -> &str {
        match self {
            ResourceType::Model => "model",
            ResourceType::Seed => "seed",
            ResourceType::Snapshot => "snapshot",
            ResourceType::Source => "source",
            ResourceType::Analysis => "analysis",
            ResourceType::Operation => "operation",
            ResourceType::Other(s) => s,
        }
    }

    /// Whether the resource holds data with columns (model, seed, snapshot, source).
    pub fn holds_data(&self) -> bool {
        matches!(self, ResourceType::Model | ResourceType::Seed | ResourceType::Snapshot | ResourceType::Source)
    }
}

impl From<ResourceType> for String {
    fn from(r: ResourceType) -> String {
        r.as_str().to_string()
    }
}

/// Where a column is known from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnOrigin {
    /// Documented in the project's YAML (it is in the manifest).
    Documented,
    /// Only in the warehouse (catalog.json): nobody documented it.
    WarehouseOnly,
}

/// A column of a model, seed, snapshot or source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    /// The column name as documented (or as the warehouse spells it, for warehouse-only columns).
    pub name: Text,
    /// Its description ("" when none).
    pub description: Text,
    /// The type declared in YAML, if any.
    pub data_type: Option<Text>,
    /// The type the warehouse reports (catalog.json), if known.
    pub warehouse_type: Option<Text>,
    /// `tags` and `config.tags`, sorted and deduplicated.
    pub tags: Vec<Text>,
    /// `meta` merged with `config.meta` (config wins on a clash).
    pub meta: Meta,
    /// Access controls the adapter applies to the column, by key: BigQuery `policy_tags`,
    /// Databricks `column_mask`. Empty when none.
    pub access_config: Meta,
    /// Documented, or only in the warehouse.
    pub origin: ColumnOrigin,
}

impl Column {
    /// The declared type, or else the warehouse's.
    pub fn effective_type(&self) -> Option<&str> {
        self.data_type.as_deref().or(self.warehouse_type.as_deref())
    }
}

/// The latest result of a node in run_results.json (or of a source in sources.json).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunStatus {
    /// The status as dbt wrote it: `pass`, `fail`, `error`, `warn`, `skipped`, `success`…
    pub status: String,
    /// dbt's message, if any.
    pub message: Option<String>,
    /// Failing rows, for tests.
    pub failures: Option<i64>,
}

/// A data resource or other non-test node: model, seed, snapshot, source, analysis, operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    /// dbt's unique_id, e.g. `model.clinic.dim_patients`.
    pub unique_id: Text,
    /// The resource type.
    pub resource_type: ResourceType,
    /// The name (for sources, the table name).
    pub name: String,
    /// For sources, the source's name (`source_name`).
    pub source_name: Option<Text>,
    /// The dbt package it belongs to.
    pub package_name: Text,
    /// The file it is defined in.
    pub original_file_path: Text,
    /// The YAML file that documents it, if any.
    pub patch_path: Option<Text>,
    /// Its description ("" when none). Untrusted markdown.
    pub description: String,
    /// For sources, the description of the whole source.
    pub source_description: Option<String>,
    /// The database it is materialised in.
    pub database: Option<Text>,
    /// The schema it is materialised in.
    pub schema: Option<Text>,
    /// The alias (or source identifier).
    pub alias: Option<String>,
    /// `config.materialized` (sources: none).
    pub materialized: Option<Text>,
    /// `config.access` (`private`, `protected`, `public`), if set.
    pub access: Option<Text>,
    /// Whether `config.enabled` is not false.
    pub enabled: bool,
    /// `tags` and `config.tags`, sorted and deduplicated.
    pub tags: Vec<Text>,
    /// `meta`, `config.meta` (and for sources the source's `source_meta`), merged.
    pub meta: Meta,
    /// `config.grants`: privilege → roles, sorted.
    pub grants: BTreeMap<String, Vec<String>>,
    /// Access controls the adapter applies from `config`, by key: Snowflake
    /// `row_access_policy`, Databricks `row_filter`. Empty when none.
    pub access_config: Meta,
    /// `config.post-hook` SQL, in order.
    pub post_hooks: Vec<String>,
    /// `config.pre-hook` SQL, in order.
    pub pre_hooks: Vec<String>,
    /// `depends_on.nodes`, in the manifest's order.
    pub depends_on: Vec<Text>,
    /// dbt's `primary_key` (v12), if computed.
    pub primary_key: Vec<String>,
    /// Whether the manifest carries compiled SQL for it.
    pub has_compiled_sql: bool,
    /// For sources: the loader and the freshness timestamp column.
    pub loader: Option<Text>,
    /// For sources: `loaded_at_field`.
    pub loaded_at_field: Option<Text>,
    /// Documented columns first (YAML order), then warehouse-only ones (warehouse order).
    pub columns: Vec<Column>,
    /// The warehouse's relation type (`BASE TABLE`, `VIEW`…), if in the catalog.
    pub warehouse_kind: Option<Text>,
    /// Whether the catalog has this relation.
    pub in_catalog: bool,
    /// The last run's status (models, seeds, snapshots) or freshness status (sources).
    pub run: Option<RunStatus>,
}

impl Node {
    /// The column with this name, compared case-insensitively as warehouses do.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name.eq_ignore_ascii_case(name))
    }
}

/// What kind of test a test node is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TestKind {
    /// A generic test such as `not_null` or `dbt_utils.accepted_range`.
    Generic {
        /// The test's name (`unique`, `accepted_range`…).
        test_name: Text,
        /// Its package namespace (`dbt_utils`…), if any.
        namespace: Option<Text>,
        /// Its arguments (`kwargs`), e.g. `min_value`.
        kwargs: Meta,
    },
    /// A singular test: a SQL file in `tests/`.
    Singular,
}

/// A data test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Test {
    /// The unique_id.
    pub unique_id: Text,
    /// The name.
    pub name: String,
    /// The package.
    pub package_name: Text,
    /// The file it comes from.
    pub original_file_path: Text,
    /// Generic (with its test name and arguments) or singular.
    pub kind: TestKind,
    /// The column it tests, if any (`column_name`).
    pub column_name: Option<Text>,
    /// The node it is attached to (`attached_node`, or for old manifests the first model it depends on).
    pub attached_node: Option<Text>,
    /// Every node it reads.
    pub depends_on: Vec<Text>,
    /// `config.severity`.
    pub severity: Option<Text>,
    /// `config.where`.
    pub where_clause: Option<String>,
    /// Tags.
    pub tags: Vec<Text>,
    /// Meta.
    pub meta: Meta,
    /// Whether it is enabled.
    pub enabled: bool,
    /// The latest result from run_results.json.
    pub run: Option<RunStatus>,
    /// Columns of the relation the test stored its failing rows in (`store_failures`), when
    /// the catalog has one: failing rows of a PHI model are PHI too.
    pub stored_columns: Vec<Column>,
}

impl Test {
    /// The generic test name (`unique`, `not_null`…), or `None` for singular tests.
    pub fn test_name(&self) -> Option<&str> {
        match &self.kind {
            TestKind::Generic { test_name, .. } => Some(test_name),
            TestKind::Singular => None,
        }
    }
}

/// The owner of an exposure.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Owner {
    /// Name, if given.
    pub name: Option<String>,
    /// E-mail addresses.
    pub email: Vec<String>,
}

impl Owner {
    /// Whether a name or an e-mail is given.
    pub fn is_present(&self) -> bool {
        self.name.as_deref().is_some_and(|n| !n.trim().is_empty()) || self.email.iter().any(|e| !e.trim().is_empty())
    }
}

/// An exposure: a dashboard, report, application… that reads the project.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exposure {
    /// The unique_id.
    pub unique_id: String,
    /// The name.
    pub name: String,
    /// The label, if any.
    pub label: Option<String>,
    /// The package.
    pub package_name: Text,
    /// The file it is defined in.
    pub original_file_path: Text,
    /// Description ("" when none).
    pub description: String,
    /// `type`: dashboard, notebook, analysis, ml, application.
    pub kind: Option<String>,
    /// `maturity`: low, medium, high.
    pub maturity: Option<String>,
    /// URL, if any. Untrusted.
    pub url: Option<String>,
    /// Owner.
    pub owner: Owner,
    /// What it reads.
    pub depends_on: Vec<Text>,
    /// Tags.
    pub tags: Vec<Text>,
    /// Meta.
    pub meta: Meta,
}

/// Metrics, semantic models, saved queries and unit tests: kept for counts and lineage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OtherResource {
    /// `metric`, `semantic_model`, `saved_query` or `unit_test`.
    pub resource_type: String,
    /// The unique_id.
    pub unique_id: String,
    /// The name.
    pub name: String,
    /// The package.
    pub package_name: Text,
    /// Description.
    pub description: String,
    /// What it reads.
    pub depends_on: Vec<Text>,
}

/// What was learned about one input file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputInfo {
    /// Which artifact.
    pub kind: ArtifactKind,
    /// The name it was given as.
    pub name: String,
    /// Its size as given (compressed size for gzip).
    pub size: u64,
    /// Its JSON size (after decompression).
    pub json_size: u64,
    /// Schema version, e.g. `v12`.
    pub schema_version: Option<String>,
    /// `metadata.dbt_version`.
    pub dbt_version: Option<String>,
    /// `metadata.generated_at`.
    pub generated_at: Option<String>,
    /// `metadata.invocation_id`.
    pub invocation_id: Option<String>,
}

/// Facts about the project as a whole.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ProjectInfo {
    /// `metadata.project_name`, else the most frequent package among models.
    pub project_name: Option<String>,
    /// dbt version that wrote the manifest.
    pub dbt_version: Option<String>,
    /// The adapter (`duckdb`, `snowflake`…).
    pub adapter_type: Option<String>,
    /// When the manifest was written.
    pub generated_at: Option<String>,
    /// Whether dbt docs will send usage statistics (`metadata.send_anonymous_usage_stats`).
    pub send_anonymous_usage_stats: Option<bool>,
}

/// One dbt project, normalised. Vectors are sorted by unique_id.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Project {
    /// Project-level facts.
    pub info: ProjectInfo,
    /// The inputs, in artifact order.
    pub inputs: Vec<InputInfo>,
    /// Models, seeds, snapshots, sources, analyses, operations.
    pub nodes: Vec<Node>,
    /// Data tests.
    pub tests: Vec<Test>,
    /// Exposures.
    pub exposures: Vec<Exposure>,
    /// Metrics, semantic models, saved queries, unit tests.
    pub others: Vec<OtherResource>,
    /// Entries in sections that are only counted: `macros`, `groups`, `docs`.
    pub section_counts: BTreeMap<String, u64>,
    /// Test statuses from run_results.json, as written, for every `test.` result.
    pub test_status: BTreeMap<String, u64>,
    /// Whether a catalog was given.
    pub has_catalog: bool,
    /// Whether run_results.json was given.
    pub has_run_results: bool,
}

impl Project {
    /// The node with this unique_id.
    pub fn node(&self, unique_id: &str) -> Option<&Node> {
        self.nodes.binary_search_by(|n| (*n.unique_id).cmp(unique_id)).ok().map(|i| &self.nodes[i])
    }

    /// The test with this unique_id.
    pub fn test(&self, unique_id: &str) -> Option<&Test> {
        self.tests.binary_search_by(|n| (*n.unique_id).cmp(unique_id)).ok().map(|i| &self.tests[i])
    }

    /// The exposure with this unique_id.
    pub fn exposure(&self, unique_id: &str) -> Option<&Exposure> {
        self.exposures.binary_search_by(|n| n.unique_id.as_str().cmp(unique_id)).ok().map(|i| &self.exposures[i])
    }

    /// Every resource (nodes, tests, exposures, others) with the ids it depends on.
    pub fn dependencies(&self) -> impl Iterator<Item = (&str, &[Text])> {
        self.nodes
            .iter()
            .map(|n| (n.unique_id.as_ref(), n.depends_on.as_slice()))
            .chain(self.tests.iter().map(|t| (t.unique_id.as_ref(), t.depends_on.as_slice())))
            .chain(self.exposures.iter().map(|e| (e.unique_id.as_ref(), e.depends_on.as_slice())))
            .chain(self.others.iter().map(|o| (o.unique_id.as_ref(), o.depends_on.as_slice())))
    }

    /// The tests attached to a node (by `attached_node`), sorted by unique_id.
    pub fn tests_on<'p>(&'p self, unique_id: &'p str) -> impl Iterator<Item = &'p Test> + 'p {
        self.tests.iter().filter(move |t| t.attached_node.as_deref() == Some(unique_id))
    }

    /// The input of a kind, if given.
    pub fn input(&self, kind: ArtifactKind) -> Option<&InputInfo> {
        self.inputs.iter().find(|i| i.kind == kind)
    }
}

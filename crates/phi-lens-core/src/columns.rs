//! Column-level lineage of a dbt project: each model's compiled SQL resolved to the upstream
//! (node, column) pairs each of its columns is made from, with the transform on the way.
//!
//! The SQL text is read on demand ([`compiled_sql`]), never by the ordinary load, so the
//! overview does not pay for it. Relations are dbt nodes found by `database.schema.alias`
//! (or `schema.alias`, or a unique alias); their columns are the catalog's (the warehouse's
//! truth), else those resolved from their own SQL (models are resolved upstream first), else
//! the documented ones (then a `*` over them is not resolved). A model whose SQL does not
//! resolve is listed with its reason and keeps node-level inheritance.
//!
//! ```
//! use phi_lens_core::{columns, load_project, ArtifactKind, ArtifactSet, Input};
//!
//! let manifest = br#"{"metadata": {"adapter_type": "postgres"},
//!   "nodes": {
//!     "seed.p.patients": {"resource_type": "seed", "name": "patients", "database": "db", "schema": "raw",
//!                         "columns": {"mrn": {"name": "mrn"}, "dob": {"name": "dob"}}},
//!     "model.p.ages": {"resource_type": "model", "name": "ages", "database": "db", "schema": "mart",
//!                      "depends_on": {"nodes": ["seed.p.patients"]},
//!                      "compiled_code": "select md5(mrn) as pid, extract(year from dob) as birth_year from \"db\".\"raw\".\"patients\""}}}"#;
//! let mut set = ArtifactSet::default();
//! set.insert(ArtifactKind::Manifest, Input::new("manifest.json", manifest.to_vec()));
//! let project = load_project(&set).unwrap().project;
//! let sql = columns::compiled_sql(&set).unwrap();
//! let lineage = columns::column_lineage(&project, &sql);
//! assert_eq!(lineage.resolved(), 1);
//! let edges: Vec<_> = lineage.edges.iter().map(|e| (e.source_column.as_str(), e.target_column.as_str(), e.transform.as_str())).collect();
//! assert_eq!(edges, [("dob", "birth_year", "generalized"), ("mrn", "pid", "hashed")]);
//! ```

use std::collections::BTreeMap;

use serde::Serialize;

use crate::artifacts::compiled::RawCompiled;
use crate::error::{from_json, Error, ErrorKind};
use crate::input::{ArtifactKind, ArtifactSet};
use crate::model::{ColumnOrigin, Node, Project, ResourceType};
use crate::sql::{Dialect, Relations, Transform, Unresolved};

/// The compiled SQL of a manifest's models, read apart from the ordinary load.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompiledSql {
    /// `metadata.adapter_type`.
    pub adapter_type: Option<String>,
    /// (unique_id, compiled SQL) of every model that has it, sorted by unique_id.
    pub models: Vec<(String, String)>,
}

impl CompiledSql {
    /// The SQL of a model.
    pub fn get(&self, unique_id: &str) -> Option<&str> {
        self.models.binary_search_by(|(k, _)| k.as_str().cmp(unique_id)).ok().map(|i| self.models[i].1.as_str())
    }

    /// The dialect of the manifest's adapter.
    pub fn dialect(&self) -> Dialect {
        Dialect::from_adapter(self.adapter_type.as_deref().unwrap_or(""))
    }
}

/// Reads every model's compiled SQL (and the adapter) from the set's manifest: a second pass
/// over its bytes that names only those fields.
pub fn compiled_sql(set: &ArtifactSet) -> Result<CompiledSql, Error> {
    let manifest = set.get(ArtifactKind::Manifest).ok_or_else(|| {
        Error::new(
            ArtifactKind::Manifest.file_name(),
            ErrorKind::WrongArtifact("no manifest.json was given; it is the one artifact phi-lens needs".into()),
        )
    })?;
    let text = manifest.json_bytes()?;
    let raw: RawCompiled = serde_json::from_slice(&text).map_err(|e| from_json(&manifest.name, &e, None))?;
    let mut models: Vec<(String, String)> =
        raw.models.into_iter().map(|(k, s)| (k.into_owned(), s.into_owned())).collect();
    models.sort_by(|a, b| a.0.cmp(&b.0));
    models.dedup_by(|a, b| a.0 == b.0);
    Ok(CompiledSql { adapter_type: raw.adapter_type.map(|s| s.into_owned()), models })
}

/// The column lineage of a loaded project, when its manifest holds compiled SQL (`None`
/// without reading the manifest again when no model has any: `dbt parse` output, or a
/// manifest written without it).
pub fn lineage_of(set: &ArtifactSet, project: &Project) -> Result<Option<ColumnLineage>, Error> {
    if !project.nodes.iter().any(|n| n.has_compiled_sql) {
        return Ok(None);
    }
    let sql = compiled_sql(set)?;
    Ok(Some(column_lineage(project, &sql)))
}

/// What an edge says: a value flows with a transform, or the source only picks rows/branches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// The source column's value reaches the target through this transform.
    Value(Transform),
    /// The source column only picks rows or branches of the target.
    Filter,
}

impl EdgeKind {
    /// `copy`, `derived`, `generalized`, `hashed`, `aggregated` or `filter`.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Value(t) => t.as_str(),
            EdgeKind::Filter => "filter",
        }
    }
}

impl Serialize for EdgeKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One column edge: `source.source_column` → `target.target_column`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ColumnEdge {
    /// The upstream node's unique_id.
    pub source: String,
    /// The upstream column, as the upstream relation spells it.
    pub source_column: String,
    /// The model's unique_id.
    pub target: String,
    /// The model's column.
    pub target_column: String,
    /// How.
    pub transform: EdgeKind,
}

/// Whether a model was resolved at column level, and if not why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ModelStatus {
    /// The model's unique_id.
    pub unique_id: String,
    /// Resolved at column level.
    pub parsed: bool,
    /// Why not (`None` when resolved).
    pub error: Option<String>,
    /// Output columns the SQL fills with a literal in every row (`null as ssn`,
    /// `'n/a' as phone`), as the model spells them, sorted: they hold no one's value
    /// (docs/safe-harbor.md §X3).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub literal_columns: Vec<String>,
}

/// The column lineage of a project: edges and every model's status, both sorted.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ColumnLineage {
    /// Edges sorted by source, source column, target, target column, transform.
    pub edges: Vec<ColumnEdge>,
    /// Every model, sorted by unique_id.
    pub models: Vec<ModelStatus>,
}

impl ColumnLineage {
    /// How many models were resolved at column level.
    pub fn resolved(&self) -> usize {
        self.models.iter().filter(|m| m.parsed).count()
    }

    /// `{"edges": [...], "models": [...]}`, the CLI's `--json`.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// The reason given to a model that has no compiled SQL.
pub const NO_SQL: &str = "no compiled SQL in the manifest (dbt parse, or disabled)";

/// Resolves every model's compiled SQL against the project's relations.
pub fn column_lineage(project: &Project, sql: &CompiledSql) -> ColumnLineage {
    let mut resolver = ColumnResolver::new(project, sql);
    while resolver.step(usize::MAX) {}
    resolver.finish()
}

/// [`column_lineage`] a few models at a time, upstream first: the app resolves a large project
/// in slices between which the page handles input, instead of in one long task. The result
/// does not depend on how the work was sliced.
pub struct ColumnResolver<'a> {
    project: &'a Project,
    sql: &'a CompiledSql,
    dialect: Dialect,
    rels: ProjectRelations<'a>,
    order: Vec<usize>,
    next: usize,
    edges: Vec<ColumnEdge>,
    models: Vec<ModelStatus>,
    /// (node index, lower-cased column) of the literal columns of the models resolved so far.
    literals: std::collections::BTreeSet<(usize, String)>,
}

impl<'a> ColumnResolver<'a> {
    /// Ready to resolve `project`'s models from their compiled SQL.
    pub fn new(project: &'a Project, sql: &'a CompiledSql) -> Self {
        ColumnResolver {
            project,
            sql,
            dialect: sql.dialect(),
            rels: ProjectRelations::new(project),
            order: upstream_first(project),
            next: 0,
            edges: Vec::new(),
            models: Vec::new(),
            literals: Default::default(),
        }
    }

    /// How many models are resolved (or given up) so far, and how many there are.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.order.len())
    }

    /// Resolves up to `models` more models; false once every model is done.
    pub fn step(&mut self, models: usize) -> bool {
        let end = self.order.len().min(self.next.saturating_add(models));
        while self.next < end {
            let i = self.order[self.next];
            self.next += 1;
            self.resolve(i);
        }
        self.next < self.order.len()
    }

    /// The lineage, sorted (models not yet stepped through are left out).
    pub fn finish(mut self) -> ColumnLineage {
        self.edges.sort();
        self.edges.dedup();
        self.models.sort();
        ColumnLineage { edges: self.edges, models: self.models }
    }

    fn resolve(&mut self, i: usize) {
        let project = self.project;
        let Some(node) = project.nodes.get(i) else { return };
        let Some(text) = self.sql.get(&node.unique_id) else {
            self.models.push(ModelStatus {
                unique_id: node.unique_id.to_string(),
                parsed: false,
                error: Some(NO_SQL.into()),
                literal_columns: Vec::new(),
            });
            return;
        };
        self.rels.current = node
            .depends_on
            .iter()
            .filter_map(|d| project.nodes.binary_search_by(|n| (*n.unique_id).cmp(d)).ok())
            .collect();
        self.rels.current.sort_unstable();
        match resolve_model(text, self.dialect, &self.rels) {
            Ok(outputs) => {
                let mut names = Vec::new();
                let mut literal_columns = Vec::new();
                for out in outputs {
                    let target_column = own_spelling(node, &out.name);
                    // A literal, or a plain copy of upstream models' literal columns.
                    let literal = out.deps.literal
                        || (!out.deps.values.is_empty()
                            && out.deps.values.iter().all(|((rel, col), t)| {
                                *t == Transform::Copy && self.literals.contains(&(*rel, col.to_ascii_lowercase()))
                            }));
                    if literal {
                        self.literals.insert((i, target_column.to_ascii_lowercase()));
                        literal_columns.push(target_column.clone());
                    }
                    let values = out.deps.values.iter().map(|(k, t)| (k, EdgeKind::Value(*t)));
                    let filters = out.deps.filters.iter().filter(|k| !out.deps.values.contains_key(*k));
                    for (key, transform) in values.chain(filters.map(|k| (k, EdgeKind::Filter))) {
                        if let Some(src) = project.nodes.get(key.0) {
                            self.edges.push(ColumnEdge {
                                source: src.unique_id.to_string(),
                                source_column: key.1.clone(),
                                target: node.unique_id.to_string(),
                                target_column: target_column.clone(),
                                transform,
                            });
                        }
                    }
                    names.push(target_column);
                }
                self.rels.resolved(i, names);
                literal_columns.sort();
                literal_columns.dedup();
                self.models.push(ModelStatus {
                    unique_id: node.unique_id.to_string(),
                    parsed: true,
                    error: None,
                    literal_columns,
                });
            }
            Err(reason) => {
                self.models.push(ModelStatus {
                    unique_id: node.unique_id.to_string(),
                    parsed: false,
                    error: Some(reason.to_string()),
                    literal_columns: Vec::new(),
                });
            }
        }
    }
}

fn resolve_model(
    text: &str,
    dialect: Dialect,
    rels: &dyn Relations,
) -> Result<Vec<crate::sql::OutputColumn>, Unresolved> {
    crate::sql::resolve(text, dialect, rels)
}

/// The model's own spelling of an output column (its catalog or YAML), else the SQL's.
fn own_spelling(node: &Node, name: &str) -> String {
    node.column(name).map_or_else(|| name.to_string(), |c| c.name.to_string())
}

/// Model indices, every model after the models it depends on (then by unique_id).
fn upstream_first(project: &Project) -> Vec<usize> {
    let models: Vec<usize> = (0..project.nodes.len())
        .filter(|&i| project.nodes.get(i).is_some_and(|n| n.resource_type == ResourceType::Model && n.enabled))
        .collect();
    let index: BTreeMap<&str, usize> = models.iter().map(|&i| (&*project.nodes[i].unique_id, i)).collect();
    let mut indegree: BTreeMap<usize, usize> = models.iter().map(|&i| (i, 0)).collect();
    let mut children: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &models {
        for dep in &project.nodes[i].depends_on {
            if let Some(&j) = index.get(&**dep) {
                if j != i {
                    *indegree.entry(i).or_default() += 1;
                    children.entry(j).or_default().push(i);
                }
            }
        }
    }
    let mut ready: std::collections::BTreeSet<usize> =
        indegree.iter().filter(|(_, &d)| d == 0).map(|(&i, _)| i).collect();
    let mut out = Vec::with_capacity(models.len());
    while let Some(i) = ready.pop_first() {
        out.push(i);
        for &c in children.get(&i).map_or(&[][..], |v| v.as_slice()) {
            if let Some(d) = indegree.get_mut(&c) {
                *d = d.saturating_sub(1);
                if *d == 0 {
                    ready.insert(c);
                }
            }
        }
    }
    // A cycle (the loader refuses them; defensive): the rest in id order.
    if out.len() < models.len() {
        let done: std::collections::BTreeSet<usize> = out.iter().copied().collect();
        out.extend(models.iter().copied().filter(|i| !done.contains(i)));
    }
    out
}

/// The project's data nodes as relations: found by name, columns from the catalog, the
/// node's own resolved SQL, or its YAML.
struct ProjectRelations<'p> {
    project: &'p Project,
    /// Lower-cased `db.schema.alias`, `schema.alias` and `alias` → the nodes of that name (a
    /// seed and a source may name one relation).
    by_name: BTreeMap<String, Vec<usize>>,
    /// The nodes the model being resolved depends on, sorted: they settle a shared name.
    current: Vec<usize>,
    /// Per node: its columns and whether the list is complete.
    columns: Vec<Option<(Vec<String>, bool)>>,
}

impl<'p> ProjectRelations<'p> {
    fn new(project: &'p Project) -> Self {
        let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut columns = Vec::with_capacity(project.nodes.len());
        for (i, n) in project.nodes.iter().enumerate() {
            columns.push(known_columns(n));
            if !n.resource_type.holds_data() {
                continue;
            }
            let alias = n.alias.as_deref().unwrap_or(&n.name).to_ascii_lowercase();
            let schema = n.schema.as_deref().map(str::to_ascii_lowercase);
            let database = n.database.as_deref().map(str::to_ascii_lowercase);
            let mut keys = vec![alias.clone()];
            if let Some(s) = &schema {
                keys.push(format!("{s}.{alias}"));
                if let Some(d) = &database {
                    keys.push(format!("{d}.{s}.{alias}"));
                }
            }
            for k in keys {
                by_name.entry(k).or_default().push(i);
            }
        }
        ProjectRelations { project, by_name, columns, current: Vec::new() }
    }

    fn resolved(&mut self, node: usize, names: Vec<String>) {
        if let Some(slot) = self.columns.get_mut(node) {
            if !matches!(slot, Some((_, true))) {
                *slot = Some((names, true));
            }
        }
    }
}

/// A node's columns as the catalog knows them (complete), else as documented (partial).
fn known_columns(n: &Node) -> Option<(Vec<String>, bool)> {
    if n.in_catalog {
        let cols: Vec<String> = n
            .columns
            .iter()
            .filter(|c| c.warehouse_type.is_some() || c.origin == ColumnOrigin::WarehouseOnly)
            .map(|c| c.name.to_string())
            .collect();
        if !cols.is_empty() {
            return Some((cols, true));
        }
    }
    let documented: Vec<String> = n.columns.iter().map(|c| c.name.to_string()).collect();
    (!documented.is_empty()).then_some((documented, false))
}

impl Relations for ProjectRelations<'_> {
    fn find(&self, parts: &[String]) -> Option<usize> {
        let mut keys = vec![parts.join(".")];
        // A four-part or otherwise longer name: its last three and two parts.
        for n in [3, 2] {
            if parts.len() > n {
                keys.push(parts[parts.len() - n..].join("."));
            }
        }
        for key in keys {
            let Some(hits) = self.by_name.get(&key) else { continue };
            match hits.as_slice() {
                [one] => return Some(*one),
                many => {
                    let mut deps = many.iter().filter(|i| self.current.binary_search(i).is_ok());
                    if let (Some(one), None) = (deps.next(), deps.next()) {
                        return Some(*one);
                    }
                }
            }
        }
        None
    }

    fn columns(&self, relation: usize) -> Option<(&[String], bool)> {
        self.columns.get(relation)?.as_ref().map(|(v, c)| (v.as_slice(), *c))
    }

    fn display(&self, relation: usize) -> String {
        self.project.nodes.get(relation).map_or_else(String::new, |n| n.unique_id.to_string())
    }
}

/// Keeps only what `--select MODEL[.COLUMN]` asks for: the model's status and the edges into
/// and out of it (or of that column). `MODEL` is a unique_id or a node name.
pub fn select(project: &Project, lineage: &mut ColumnLineage, selector: &str) -> Result<(), String> {
    let find = |s: &str| -> Option<String> {
        if let Some(n) = project.node(s) {
            return Some(n.unique_id.to_string());
        }
        let mut named = project.nodes.iter().filter(|n| n.resource_type.holds_data() && n.name == s);
        match (named.next(), named.next()) {
            (Some(n), None) => Some(n.unique_id.to_string()),
            _ => None,
        }
    };
    let (model, column) = match find(selector) {
        Some(m) => (m, None),
        None => match selector.rsplit_once('.') {
            Some((m, c)) => match find(m) {
                Some(m) => (m, Some(c.to_string())),
                None => return Err(format!("no model or node named `{m}` (from --select {selector})")),
            },
            None => return Err(format!("no model or node named `{selector}`")),
        },
    };
    let touches = |id: &str, col: &str| id == model && column.as_deref().is_none_or(|c| c.eq_ignore_ascii_case(col));
    lineage.edges.retain(|e| touches(&e.target, &e.target_column) || touches(&e.source, &e.source_column));
    lineage.models.retain(|m| m.unique_id == model);
    Ok(())
}

/// The text form of `phi-lens columns`: how many models were resolved, each model's columns
/// with their upstream columns, then the models not resolved with the reason.
pub fn to_text(lineage: &ColumnLineage, dialect: Dialect, with_sql: usize) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let total = lineage.models.len();
    let _ = writeln!(
        out,
        "Column lineage ({}): {} of {} models resolved at column level ({} with compiled SQL).",
        dialect.as_str(),
        lineage.resolved(),
        total,
        with_sql
    );
    let mut by_target: BTreeMap<(&str, &str), Vec<&ColumnEdge>> = BTreeMap::new();
    for e in &lineage.edges {
        by_target.entry((&e.target, &e.target_column)).or_default().push(e);
    }
    let mut current = "";
    for ((target, column), edges) in &by_target {
        if *target != current {
            let _ = writeln!(out, "\n{target}");
            current = target;
        }
        let _ = writeln!(out, "  {column}");
        for e in edges {
            let _ = writeln!(out, "    <- {}.{} ({})", e.source, e.source_column, e.transform.as_str());
        }
    }
    let unresolved: Vec<&ModelStatus> = lineage.models.iter().filter(|m| !m.parsed).collect();
    if !unresolved.is_empty() {
        let _ = writeln!(out, "\nNot resolved at column level (node-level inheritance applies):");
        for m in unresolved {
            let _ = writeln!(out, "  {}: {}", m.unique_id, m.error.as_deref().unwrap_or(""));
        }
    }
    out
}

//! PHI along column edges: which identifier each column of a model resolved at column level
//! carries, from which raw column, through which transforms (docs/safe-harbor.md §X6).
//!
//! Models are walked upstream first. A value edge `copy`, `derived` or `hashed` keeps the
//! identifier (§X2: a hash of an identifier is still one); `generalized` clears it only where
//! the column it makes is one of the generalisations Safe Harbor allows — a year alone or a
//! duration (§C4), a boolean flag (§X4), an age top-coded at 90 or a band that does not split above 89 (§C3), a ZIP3
//! under the population rule (§B2) — as the detector reads that column; any other
//! generalisation keeps it, and says why. `aggregated` clears it (§X5) unless the model's rows
//! are still about individuals (it carries a person's key or name), and marks the column for
//! small-cell review. Filter edges carry no value. A model that reads a column of a model not
//! resolved at column level, with no identifier of its own, falls back to node-level
//! inheritance; sources and seeds are judged by their own columns.

use std::collections::BTreeMap;

use serde::Serialize;

use super::category::SafeHarbor;
use super::classify::{classify_column, Paragraph};
use super::context::{Grain, NodeContext};
use super::inherit::{topological_order, NodeGraph};
use super::{ColumnPhi, Status};
use crate::columns::{ColumnEdge, ColumnLineage, EdgeKind, ModelStatus};
use crate::model::{Column, ColumnOrigin, Project, ResourceType};
use crate::policy::Policy;
use crate::sql::Transform;

/// One step of a column path: a column of a node, and the transform that made it from the step
/// before.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ColumnStep {
    /// The node.
    pub unique_id: String,
    /// The column, as the node spells it.
    pub column: String,
    /// `copy`, `derived`, `generalized`, `hashed` or `aggregated`; absent on the first step
    /// (where the identifier is declared or detected).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transform: Option<&'static str>,
}

impl ColumnStep {
    fn origin(unique_id: &str, column: &str) -> ColumnStep {
        ColumnStep { unique_id: unique_id.to_string(), column: column.to_string(), transform: None }
    }
}

/// A column path as one line: `source.p.raw.patients.birth_date → model.p.stg.birth_date (copy)`.
pub fn path_text(path: &[ColumnStep]) -> String {
    let steps: Vec<String> = path
        .iter()
        .map(|s| match s.transform {
            Some(t) => format!("{}.{} ({t})", s.unique_id, s.column),
            None => format!("{}.{}", s.unique_id, s.column),
        })
        .collect();
    steps.join(" → ")
}

/// An identifier a column carries, with the path from the column where it is declared or
/// detected.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct CarriedIdentifier {
    /// The identifier (`None`: PHI of an unknown category, declared without one).
    pub category: Option<SafeHarbor>,
    /// From the raw column to this one.
    pub path: Vec<ColumnStep>,
}

/// An identifier a transform cleared on the way to a column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ClearedIdentifier {
    /// The identifier.
    pub category: Option<SafeHarbor>,
    /// From the raw column to this one; the last step is the transform that cleared it.
    pub path: Vec<ColumnStep>,
    /// The paragraph of `docs/safe-harbor.md` that allows it (`C4`, `C3`, `B2`, `X5`).
    pub rule: Paragraph,
    /// Cleared by an aggregate: small cells have to be reviewed before release.
    pub small_cell_review: bool,
}

/// One output column of a model resolved at column level.
#[derive(Debug, Clone, Default)]
pub(crate) struct OutColumn {
    /// Its spelling.
    pub name: String,
    /// Identifiers that reach it through its SQL, one path per category.
    pub carried: Vec<CarriedIdentifier>,
    /// Identifiers cleared on the way.
    pub cleared: Vec<ClearedIdentifier>,
    /// Why a generalisation or an aggregate kept an identifier, in words.
    pub kept: Vec<String>,
    /// The column is declared not PHI (`phi: false`) outside a de-identified model: the
    /// declaration wins and nothing flows on from it.
    pub declared_not_phi: bool,
    /// Its own identifier (declared or detected at this node), if any.
    pub own: Option<CarriedIdentifier>,
}

impl OutColumn {
    /// What flows on to the columns made from it: its carried identifiers, else its own one
    /// (a path from the raw column is preferred to one that starts here).
    pub fn onward(&self) -> Vec<CarriedIdentifier> {
        if self.declared_not_phi {
            return Vec::new();
        }
        let mut out = self.carried.clone();
        if let Some(own) = &self.own {
            if !out.iter().any(|c| c.category == own.category) {
                out.push(own.clone());
            }
        }
        out.sort();
        out
    }
}

/// The column-level answer for one model.
#[derive(Debug, Clone, Default)]
pub(crate) struct ModelFlow {
    /// Output columns by lower-cased name.
    pub columns: BTreeMap<String, OutColumn>,
    /// A node it reads that was not resolved at column level and holds PHI (node level): the
    /// model falls back to node-level inheritance.
    pub node_level: Option<usize>,
}

impl ModelFlow {
    /// Whether a column carries an identifier through its SQL (not cleared, not overridden by a
    /// declaration).
    pub fn carries(&self) -> bool {
        self.columns.values().any(|c| !c.declared_not_phi && !c.carried.is_empty())
    }
}

/// What one node brings to the flow.
pub(crate) struct NodeInput<'a> {
    /// Its columns as classified on their own (declared, detected).
    pub columns: &'a [ColumnPhi],
    /// Its grain, for the detector's reading of a generalised column.
    pub ctx: &'a NodeContext,
    /// Declared de-identified with a method.
    pub deidentified: bool,
    /// Holds PHI by itself.
    pub origin: bool,
    /// Stops node-level inheritance.
    pub blocks: bool,
}

/// The column-level PHI of a project.
#[derive(Debug, Clone, Default)]
pub(crate) struct ColumnFlow {
    /// Per node: its flow, for models resolved at column level.
    pub models: Vec<Option<ModelFlow>>,
    /// Per node: whether it holds PHI, column level where resolved, node level elsewhere.
    pub holds_phi: Vec<bool>,
}

/// Flows PHI along the project's column edges, a few nodes at a time, upstream first (all at
/// once for the CLI, a few per browser task in the app). The inputs are given to each step
/// (the caller owns what they borrow from); the result does not depend on how the work was
/// split.
pub(crate) struct FlowSteps<'a> {
    project: &'a Project,
    resolved: Vec<bool>,
    into: Vec<Vec<(usize, &'a ColumnEdge, Transform)>>,
    order: Vec<u32>,
    next: usize,
    pub out: ColumnFlow,
}

impl<'a> FlowSteps<'a> {
    pub(crate) fn new(project: &'a Project, lineage: &'a ColumnLineage, graph: &NodeGraph) -> Self {
        let n = project.nodes.len();
        let index = |id: &str| project.nodes.binary_search_by(|x| (*x.unique_id).cmp(id)).ok();
        let mut resolved = vec![false; n];
        for m in lineage.models.iter().filter(|m| m.parsed) {
            if let Some(i) = index(&m.unique_id) {
                resolved[i] = true;
            }
        }
        let mut into: Vec<Vec<(usize, &ColumnEdge, Transform)>> = vec![Vec::new(); n];
        for e in &lineage.edges {
            let EdgeKind::Value(t) = e.transform else { continue };
            if let (Some(target), Some(source)) = (index(&e.target), index(&e.source)) {
                if resolved[target] {
                    into[target].push((source, e, t));
                }
            }
        }
        let out = ColumnFlow { models: vec![None; n], holds_phi: vec![false; n] };
        FlowSteps { project, resolved, into, order: topological_order(graph), next: 0, out }
    }

    /// Flows PHI through up to `nodes` more nodes; false once every node is done.
    pub(crate) fn step(
        &mut self,
        inputs: &[NodeInput<'_>],
        graph: &NodeGraph,
        policy: &Policy,
        clinical: bool,
        nodes: usize,
    ) -> bool {
        let end = self.order.len().min(self.next.saturating_add(nodes));
        while self.next < end {
            let u = self.order[self.next] as usize;
            self.next += 1;
            let Some(input) = inputs.get(u) else { continue };
            let out = &mut self.out;
            if !self.resolved[u] {
                let reached = !input.blocks && graph.parents[u].iter().any(|&p| out.holds_phi[p as usize]);
                out.holds_phi[u] = input.origin || reached;
                continue;
            }
            let model = model_flow(self.project, u, &self.into[u], inputs, &self.resolved, out, policy, clinical);
            out.holds_phi[u] = input.origin || model.carries() || model.node_level.is_some();
            out.models[u] = Some(model);
        }
        self.next < self.order.len()
    }
}

/// What a source column brings: its identifiers, or `Err` when it is not known at column level
/// (a model not resolved that holds PHI at node level).
fn carried_at(
    project: &Project,
    s: usize,
    column: &str,
    inputs: &[NodeInput<'_>],
    resolved: &[bool],
    done: &ColumnFlow,
) -> Result<Vec<CarriedIdentifier>, ()> {
    if let Some(Some(model)) = done.models.get(s) {
        return Ok(model.columns.get(&column.to_ascii_lowercase()).map(OutColumn::onward).unwrap_or_default());
    }
    let Some(node) = project.nodes.get(s) else { return Ok(Vec::new()) };
    let own = inputs.get(s).and_then(|i| i.columns.iter().find(|c| c.name.eq_ignore_ascii_case(column)));
    if let Some(c) = own.filter(|c| c.status.is_phi()) {
        return Ok(vec![CarriedIdentifier {
            category: c.category,
            path: vec![ColumnStep::origin(&node.unique_id, &c.name)],
        }]);
    }
    let phi_here = done.holds_phi.get(s).copied().unwrap_or(false);
    // A model whose own SQL was not read may carry anything under any name; a source or seed
    // holds what its columns say, when the column is known.
    let unknown =
        (node.resource_type == ResourceType::Model && !resolved.get(s).copied().unwrap_or(false)) || own.is_none();
    if phi_here && unknown {
        Err(())
    } else {
        Ok(Vec::new())
    }
}

/// Adds `id` to `list`, one entry per category: the shorter path (then the smaller) wins.
fn add(list: &mut Vec<CarriedIdentifier>, id: CarriedIdentifier) {
    match list.iter_mut().find(|c| c.category == id.category) {
        Some(old) => {
            if (id.path.len(), &id.path) < (old.path.len(), &old.path) {
                *old = id;
            }
        }
        None => list.push(id),
    }
}

#[allow(clippy::too_many_arguments)]
fn model_flow(
    project: &Project,
    u: usize,
    edges: &[(usize, &ColumnEdge, Transform)],
    inputs: &[NodeInput<'_>],
    resolved: &[bool],
    done: &ColumnFlow,
    policy: &Policy,
    clinical: bool,
) -> ModelFlow {
    let node = &project.nodes[u];
    let input = &inputs[u];
    let mut model = ModelFlow::default();
    // Generalised and aggregated identifiers, judged once the model's grain is known.
    let mut coarser = Vec::new();
    for &(s, e, t) in edges {
        let slot = model.columns.entry(e.target_column.to_ascii_lowercase()).or_default();
        slot.name.clone_from(&e.target_column);
        let ids = match carried_at(project, s, &e.source_column, inputs, resolved, done) {
            Ok(ids) => ids,
            Err(()) => {
                model.node_level = Some(model.node_level.map_or(s, |m| m.min(s)));
                continue;
            }
        };
        for id in ids {
            let mut path = id.path;
            path.push(ColumnStep {
                unique_id: node.unique_id.to_string(),
                column: e.target_column.clone(),
                transform: Some(t.as_str()),
            });
            let id = CarriedIdentifier { category: id.category, path };
            match t {
                Transform::Copy | Transform::Derived | Transform::Hashed => add(&mut slot.carried, id),
                Transform::Generalized | Transform::Aggregated => {
                    coarser.push((e.target_column.to_ascii_lowercase(), e, t, id));
                }
            }
        }
    }
    // The model's own identifiers, and its columns declared not PHI.
    for c in input.columns {
        let key = c.name.to_ascii_lowercase();
        if c.status.is_phi() {
            let slot = model.columns.entry(key.clone()).or_default();
            if slot.name.is_empty() {
                slot.name = c.name.clone();
            }
            slot.own = Some(CarriedIdentifier {
                category: c.category,
                path: vec![ColumnStep::origin(&node.unique_id, &c.name)],
            });
        }
        if !input.deidentified {
            if let (Some(slot), Some(column)) = (model.columns.get_mut(&key), node.column(&c.name)) {
                slot.declared_not_phi = super::column_declaration(column, policy).phi == Some(false);
            }
        }
    }
    // An aggregate over rows that are still an individual's (grouped by a person's key or name)
    // is that individual's value (§X5): the earliest admission of one patient is a date of them.
    let keyed_by = model.columns.values().find_map(|c| {
        c.onward()
            .iter()
            .find(|id| !matches!(id.category, Some(SafeHarbor::B | SafeHarbor::C) | None))
            .map(|_| c.name.clone())
    });
    // Rows that summarise groups (the SQL aggregates, or the node's grain is an aggregate's or
    // an organisation's, and no individual's key is among the columns): a generalised date or
    // place is the bucket of a group (§X5).
    let aggregates = edges.iter().any(|(_, _, t)| *t == Transform::Aggregated)
        || matches!(input.ctx.grain, Grain::Aggregate | Grain::Organization);
    let group_rows = keyed_by.is_none() && aggregates;
    for (key, e, t, id) in coarser {
        let Some(slot) = model.columns.get_mut(&key) else { continue };
        let cleared = |rule, small_cell_review| ClearedIdentifier {
            category: id.category,
            path: id.path.clone(),
            rule,
            small_cell_review,
        };
        if t == Transform::Aggregated {
            match &keyed_by {
                Some(k) => {
                    slot.kept.push(format!(
                        "aggregated, but the rows are still an individual's (keyed by `{k}`): it stays {} (docs/safe-harbor.md §X5)",
                        letter(id.category)
                    ));
                    add(&mut slot.carried, id);
                }
                None => slot.cleared.push(cleared("X5", true)),
            }
            continue;
        }
        if let Some(rule) = allowed_generalisation(node, input.ctx, &e.target_column, id.category, clinical) {
            slot.cleared.push(cleared(rule, false));
        } else if group_rows && matches!(id.category, Some(SafeHarbor::B | SafeHarbor::C)) {
            slot.cleared.push(cleared("X5", true));
        } else {
            slot.kept.push(format!(
                "generalized from `{}.{}`, but not into a generalisation Safe Harbor allows (a year alone, a duration, an age top-coded at 90, a ZIP3 under the population rule, the period of an aggregate row): it stays {} (docs/safe-harbor.md §X6)",
                e.source, e.source_column, letter(id.category)
            ));
            add(&mut slot.carried, id);
        }
    }
    for slot in model.columns.values_mut() {
        slot.carried.sort();
        slot.cleared.sort();
        slot.cleared.dedup();
        slot.kept.sort();
        slot.kept.dedup();
    }
    model
}

/// The paragraph that allows this generalisation of an identifier of `category` into
/// `column`, as the detector reads the column in its node; `None` when none does.
fn allowed_generalisation(
    node: &crate::model::Node,
    ctx: &NodeContext,
    column: &str,
    category: Option<SafeHarbor>,
    clinical: bool,
) -> Option<Paragraph> {
    let owned;
    let col = match node.column(column) {
        Some(c) => c,
        None => {
            owned = Column {
                name: column.into(),
                description: "".into(),
                data_type: None,
                warehouse_type: None,
                tags: Vec::new(),
                meta: Default::default(),
                access_config: Default::default(),
                origin: ColumnOrigin::WarehouseOnly,
            };
            &owned
        }
    };
    let verdict = classify_column(ctx, col, clinical);
    if verdict.detection.is_some() {
        return None;
    }
    // A boolean is a predicate about the value, never one of its elements (§X4).
    if col.effective_type().is_some_and(|t| t.to_ascii_lowercase().starts_with("bool")) {
        return Some("X4");
    }
    match (category, verdict.not_phi_paragraph) {
        // A year alone, a duration (§C4); an age top-coded at 90, a band not split above 89 (§C3).
        (Some(SafeHarbor::C), Some(p @ ("C4" | "C3"))) => Some(p),
        // The first three digits of a ZIP code, restricted prefixes set to 000 (§B2).
        (Some(SafeHarbor::B), Some("B2")) => Some("B2"),
        _ => None,
    }
}

fn letter(category: Option<SafeHarbor>) -> String {
    category.map_or_else(|| "PHI".to_string(), |c| format!("{} ({})", c.letter(), c.name()))
}

/// How many models were resolved at column level, those that were not (with the reason), and
/// the columns an aggregate cleared (small cells to review): what every report says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnLevel {
    /// Models (enabled).
    pub models: usize,
    /// Of which resolved at column level.
    pub resolved: usize,
    /// The others, with the reason: node-level inheritance applies to them.
    pub unresolved: Vec<ModelStatus>,
    /// Columns whose identifiers an aggregate cleared: review small cells before release.
    pub small_cell_review: Vec<SmallCell>,
}

/// A column an aggregate cleared.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct SmallCell {
    /// The model.
    pub unique_id: String,
    /// The column.
    pub column: String,
    /// The identifiers the aggregate cleared, in letter order.
    pub categories: Vec<SafeHarbor>,
}

impl ColumnLevel {
    /// The summary of a lineage and its flow.
    pub(crate) fn new(project: &Project, lineage: &ColumnLineage, flow: &ColumnFlow) -> ColumnLevel {
        let mut small_cell_review = Vec::new();
        for (i, model) in flow.models.iter().enumerate() {
            let Some(model) = model else { continue };
            for c in model.columns.values() {
                let mut categories: Vec<SafeHarbor> =
                    c.cleared.iter().filter(|x| x.small_cell_review).filter_map(|x| x.category).collect();
                categories.sort();
                categories.dedup();
                if c.cleared.iter().any(|x| x.small_cell_review) {
                    small_cell_review.push(SmallCell {
                        unique_id: project.nodes[i].unique_id.to_string(),
                        column: c.name.clone(),
                        categories,
                    });
                }
            }
        }
        small_cell_review.sort();
        ColumnLevel {
            models: lineage.models.len(),
            resolved: lineage.resolved(),
            unresolved: lineage.models.iter().filter(|m| !m.parsed).cloned().collect(),
            small_cell_review,
        }
    }
}

/// The evidence lines of a column from its flow.
pub(crate) fn evidence(c: &OutColumn, status: Status) -> Vec<String> {
    let mut out = Vec::new();
    for id in &c.carried {
        let verb = if c.declared_not_phi { "would carry" } else { "carries" };
        out.push(format!(
            "column lineage: {verb} {} through {} (docs/safe-harbor.md §X6)",
            letter(id.category),
            path_text(&id.path)
        ));
    }
    if c.declared_not_phi && !c.carried.is_empty() && status == Status::None {
        out.push("the declaration `phi: false` wins over column lineage".to_string());
    }
    out.extend(c.kept.iter().map(|k| format!("column lineage: {k}")));
    for x in &c.cleared {
        let why = match x.rule {
            "C4" => "a year alone or a duration",
            "C3" => "an age top-coded at 90 or a band not split above 89",
            "X4" => "a flag (a boolean) about the value, not the value",
            "B2" => "a ZIP3 under the population rule",
            _ => "an aggregate over individuals; review small cells before release",
        };
        out.push(format!(
            "column lineage: {} cleared through {}: {why} (docs/safe-harbor.md §{})",
            letter(x.category),
            path_text(&x.path),
            x.rule
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::findings::RuleId;
    use crate::phi::{PhiFact, SafeHarbor, Status};
    use crate::{columns, load_project, ArtifactKind, ArtifactSet, Input, Policy};

    /// A raw patients seed (declared PHI, its identifiers declared) and models over it.
    fn project(models: &str) -> String {
        format!(
            r#"{{"metadata": {{"adapter_type": "postgres"}}, "nodes": {{
              "seed.p.patients": {{"resource_type": "seed", "name": "patients", "database": "db", "schema": "raw",
                 "meta": {{"phi": true}},
                 "columns": {{"patient_id": {{"name": "patient_id", "meta": {{"phi_category": "other_unique_identifier"}}}},
                              "mrn": {{"name": "mrn", "meta": {{"phi_category": "mrn"}}}},
                              "birth_date": {{"name": "birth_date", "meta": {{"phi_category": "date"}}}},
                              "admitted_at": {{"name": "admitted_at", "meta": {{"phi_category": "date"}}}},
                              "zip_code": {{"name": "zip_code", "meta": {{"phi_category": "geographic"}}}},
                              "paid_amount": {{"name": "paid_amount", "meta": {{"phi": false}}}}}}}},
              {models}}}}}"#
        )
    }

    fn model(name: &str, sql: &str, meta: &str, columns: &str) -> String {
        format!(
            r#""model.p.{name}": {{"resource_type": "model", "name": "{name}", "database": "db", "schema": "mart",
                 "depends_on": {{"nodes": ["seed.p.patients"]}}, "meta": {{{meta}}}, "columns": {{{columns}}},
                 "compiled_code": "{sql}"}}"#
        )
    }

    fn analysed(manifest: &str) -> crate::Analysis {
        let mut set = ArtifactSet::default();
        set.insert(ArtifactKind::Manifest, Input::new("manifest.json", manifest.as_bytes().to_vec()));
        let project = load_project(&set).unwrap().project;
        let lineage = columns::lineage_of(&set, &project).unwrap().unwrap();
        crate::analyse_with_columns(&project, &Policy::default(), Some(&lineage), &crate::Sequential)
    }

    const DEID: &str = r#""deidentified": true, "deidentification_method": "safe_harbor""#;

    #[test]
    fn a_deidentified_mart_copying_a_birth_date_under_another_name_is_found_through_its_path() {
        // `feature_d1` says nothing to the detector; only the SQL shows it is the birth date.
        let m = project(&model(
            "mart",
            "select extract(year from admitted_at) as admit_year, birth_date as feature_d1 from db.raw.patients",
            DEID,
            r#""admit_year": {"name": "admit_year"}, "feature_d1": {"name": "feature_d1"}"#,
        ));
        let a = analysed(&m);
        let phi009: Vec<&str> =
            a.findings.iter().filter(|f| f.rule == RuleId::Phi009).map(|f| f.message.as_str()).collect();
        assert_eq!(
            phi009,
            ["`mart` is declared de-identified but column `feature_d1` holds dates related to an individual, ages over 89 (C), \
              not cleared on its column path seed.p.patients.birth_date → model.p.mart.feature_d1 (copy)"]
        );
        // The year of an admission is cleared, citing the paragraph that allows it.
        let node = a.phi.nodes.iter().find(|n| n.unique_id == "model.p.mart").unwrap();
        let year = node.columns.iter().find(|c| c.name == "admit_year").unwrap();
        assert_eq!(year.status, Status::Deidentified);
        assert_eq!(year.cleared.iter().map(|c| c.rule).collect::<Vec<_>>(), ["C4"]);
        assert!(year.evidence.iter().any(|e| e.contains("(docs/safe-harbor.md §C4)")), "{:?}", year.evidence);
    }

    #[test]
    fn columns_the_sql_fills_with_a_literal_are_not_identifiers_downstream_either() {
        // `null as ssn`, `'n/a' as phone` (§X3), and a `select *` of them one model down.
        let int_patient = model(
            "int_patient",
            "select patient_id, cast(null as varchar) as ssn, 'n/a' as phone, birth_date from db.raw.patients",
            "",
            r#""ssn": {"name": "ssn"}, "phone": {"name": "phone"}, "birth_date": {"name": "birth_date"}"#,
        );
        let patient = r#""model.p.patient": {"resource_type": "model", "name": "patient", "database": "db", "schema": "mart",
                 "depends_on": {"nodes": ["model.p.int_patient"]},
                 "columns": {"ssn": {"name": "ssn"}, "phone": {"name": "phone"}, "birth_date": {"name": "birth_date"}},
                 "compiled_code": "select * from db.mart.int_patient"}"#;
        let a = analysed(&project(&format!("{int_patient}, {patient}")));
        for node in ["model.p.int_patient", "model.p.patient"] {
            let n = a.phi.nodes.iter().find(|n| n.unique_id == node).unwrap();
            let column = |name: &str| n.columns.iter().find(|c| c.name == name).unwrap();
            for constant in ["ssn", "phone"] {
                let c = column(constant);
                assert_eq!((c.status, c.safe_harbor_rule), (Status::None, Some("X3")), "{node}.{constant}: {c:?}");
                assert!(c.evidence.iter().any(|e| e.contains("literal") && e.contains("§X3")), "{:?}", c.evidence);
            }
            assert!(column("birth_date").status.is_phi(), "{node}.birth_date");
        }
    }

    #[test]
    fn hashes_keep_generalisations_not_allowed_keep_and_say_why() {
        let m = project(&model(
            "mart",
            "select md5(mrn) as k1, date_trunc('month', admitted_at) as admit_month, left(zip_code, 3) as area \
             from db.raw.patients",
            DEID,
            r#""k1": {"name": "k1"}, "admit_month": {"name": "admit_month"}, "area": {"name": "area"}"#,
        ));
        let a = analysed(&m);
        let facts: Vec<(String, Option<SafeHarbor>, usize)> = a
            .phi
            .facts
            .iter()
            .filter_map(|f| match f {
                PhiFact::DeidentifiedCarriesIdentifier { column, category, path, .. } => {
                    Some((column.clone(), *category, path.len()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(
            facts,
            [
                ("admit_month".to_string(), Some(SafeHarbor::C), 2),
                ("area".to_string(), Some(SafeHarbor::B), 2),
                ("k1".to_string(), Some(SafeHarbor::H), 2),
            ]
        );
        let node = a.phi.nodes.iter().find(|n| n.unique_id == "model.p.mart").unwrap();
        let area = node.columns.iter().find(|c| c.name == "area").unwrap();
        assert!(
            area.evidence
                .iter()
                .any(|e| e.contains("not into a generalisation Safe Harbor allows") && e.contains("§X6")),
            "{:?}",
            area.evidence
        );
    }

    #[test]
    fn a_monthly_count_mart_is_no_longer_inherited_phi_and_its_cells_are_for_review() {
        let m = project(&model(
            "monthly_admissions",
            "select date_trunc('month', admitted_at) as admit_month, count(distinct patient_id) as patient_count, \
             sum(paid_amount) as total_paid from db.raw.patients group by 1",
            "",
            r#""admit_month": {"name": "admit_month"}, "patient_count": {"name": "patient_count"},
               "total_paid": {"name": "total_paid"}"#,
        ));
        let a = analysed(&m);
        let node = a.phi.nodes.iter().find(|n| n.unique_id == "model.p.monthly_admissions").unwrap();
        assert_eq!(node.status, Status::None, "{node:#?}");
        assert!(a.findings.iter().all(|f| &*f.unique_id != "model.p.monthly_admissions" || f.rule != RuleId::Phi004));
        let level = a.phi.column_lineage.as_ref().unwrap();
        assert_eq!((level.models, level.resolved), (1, 1));
        let review: Vec<(&str, &[SafeHarbor])> =
            level.small_cell_review.iter().map(|s| (s.column.as_str(), s.categories.as_slice())).collect();
        assert_eq!(review, [("admit_month", &[SafeHarbor::C][..]), ("patient_count", &[SafeHarbor::R][..])]);
    }

    #[test]
    fn an_aggregate_per_patient_keeps_the_identifier() {
        let m = project(&model(
            "first_admission",
            "select patient_id, min(admitted_at) as first_admitted from db.raw.patients group by 1",
            "",
            r#""patient_id": {"name": "patient_id"}, "first_admitted": {"name": "first_admitted"}"#,
        ));
        let a = analysed(&m);
        let node = a.phi.nodes.iter().find(|n| n.unique_id == "model.p.first_admission").unwrap();
        let first = node.columns.iter().find(|c| c.name == "first_admitted").unwrap();
        assert_eq!((first.status.is_phi(), first.category), (true, Some(SafeHarbor::C)));
        assert!(first.cleared.is_empty());
    }

    #[test]
    fn an_unresolved_model_falls_back_to_node_level_inheritance() {
        let unresolved = model("opaque", "select {{ broken }}", "", r#""x": {"name": "x"}"#);
        let reader = r#""model.p.reader": {"resource_type": "model", "name": "reader", "database": "db", "schema": "mart",
                 "depends_on": {"nodes": ["model.p.opaque"]}, "columns": {"x": {"name": "x"}},
                 "compiled_code": "select x from db.mart.opaque"}"#;
        let a = analysed(&project(&format!("{unresolved}, {reader}")));
        let status = |id: &str| a.phi.nodes.iter().find(|n| n.unique_id == id).map(|n| n.status);
        assert_eq!(status("model.p.opaque"), Some(Status::PossiblyInherited));
        assert_eq!(status("model.p.reader"), Some(Status::PossiblyInherited));
        let level = a.phi.column_lineage.as_ref().unwrap();
        assert_eq!(level.resolved, 1);
        assert_eq!(level.unresolved.len(), 1);
    }

    #[test]
    fn exposures_list_the_columns_that_carry_identifiers_with_their_path() {
        let mart = model(
            "mart",
            "select md5(mrn) as k1, extract(year from admitted_at) as admit_year from db.raw.patients",
            "",
            r#""k1": {"name": "k1"}, "admit_year": {"name": "admit_year"}"#,
        );
        let m = project(&mart).replace(
            r#"}}}"#,
            r#"}}, "exposures": {"exposure.p.dash": {"name": "dash", "depends_on": {"nodes": ["model.p.mart"]}}}}"#,
        );
        let a = analysed(&m);
        let e = &a.phi.exposures[0];
        assert!(e.reached);
        let cols: Vec<(&str, Option<SafeHarbor>, String)> =
            e.columns.iter().map(|c| (c.column.as_str(), c.category, super::path_text(&c.path))).collect();
        assert_eq!(cols, [("k1", Some(SafeHarbor::H), "seed.p.patients.mrn → model.p.mart.k1 (hashed)".to_string())]);
    }
}

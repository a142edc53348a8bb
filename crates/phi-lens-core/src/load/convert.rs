//! Raw manifest entries → model values: one node, source, test, exposure or other resource at
//! a time, its strings interned, its config and meta merged.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::artifacts::manifest::{OtherSection, RawColumn, RawConfig, RawExposure, RawNode, RawOther, RawSource};
use crate::artifacts::{Meta, OrderedMap, RawMeta, Str, StrList};
use crate::model::{Column, ColumnOrigin, Exposure, Node, OtherResource, Owner, ResourceType, Test, TestKind, Text};

use super::interning::Interner;

pub(crate) fn own(s: Option<Str<'_>>) -> Option<String> {
    s.map(Cow::into_owned)
}

pub(crate) fn string(s: Option<Str<'_>>) -> String {
    s.map(Cow::into_owned).unwrap_or_default()
}

fn owned_list(list: StrList<'_>) -> Vec<String> {
    list.0.into_iter().map(Cow::into_owned).collect()
}

/// `tags` and `config.tags`, sorted and deduplicated.
fn merge_tags(a: StrList<'_>, b: Option<StrList<'_>>, it: &mut Interner) -> Vec<Text> {
    let b = b.map(|b| b.0).unwrap_or_default();
    let mut out: Vec<Text> = a.0.iter().chain(b.iter()).map(|t| it.text(t)).collect();
    out.sort();
    out.dedup();
    out
}

/// `meta` merged with `config.meta` (the later ones win on a clash).
fn merge_meta(parts: impl IntoIterator<Item = RawMeta>) -> Meta {
    let mut out = Meta::new();
    for RawMeta(m) in parts {
        out.extend(m);
    }
    out
}

fn convert_columns(columns: OrderedMap<'_, RawColumn<'_>>, it: &mut Interner) -> Vec<Column> {
    // A column key given twice is one column, with its last value (as JSON parsers read it).
    let columns = columns.last_of_each_key().0;
    // Collected into a fresh vector: an in-place collect would keep the larger raw allocation.
    let mut out = Vec::with_capacity(columns.len());
    out.extend(columns.into_iter().map(|(key, mut c)| {
        let access_config = c.take_access();
        let (config_tags, config_meta) = match c.config {
            Some(cfg) => (Some(cfg.tags), cfg.meta),
            None => (None, RawMeta::default()),
        };
        let name = c.name.filter(|n| !n.is_empty()).unwrap_or(key);
        Column {
            name: it.text(&name),
            description: it.req(c.description),
            data_type: it.opt(c.data_type),
            warehouse_type: None,
            tags: merge_tags(c.tags, config_tags, it),
            meta: merge_meta([c.meta, config_meta]),
            access_config,
            origin: ColumnOrigin::Documented,
        }
    }));
    out
}

/// The parts of `config` a node keeps, with defaults when there is no config.
struct ConfigParts {
    enabled: bool,
    materialized: Option<Text>,
    access: Option<Text>,
    tags: Option<StrList<'static>>,
    meta: RawMeta,
    grants: BTreeMap<String, Vec<String>>,
    access_config: Meta,
    post_hooks: Vec<String>,
    pre_hooks: Vec<String>,
    severity: Option<Text>,
    where_clause: Option<String>,
}

fn config_parts(config: Option<RawConfig<'_>>, it: &mut Interner) -> ConfigParts {
    let Some(mut c) = config else {
        return ConfigParts {
            enabled: true,
            materialized: None,
            access: None,
            tags: None,
            meta: RawMeta::default(),
            grants: BTreeMap::new(),
            access_config: Meta::new(),
            post_hooks: Vec::new(),
            pre_hooks: Vec::new(),
            severity: None,
            where_clause: None,
        };
    };
    let access_config = c.take_access();
    let mut grants: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (privilege, roles) in c.grants.0 {
        let entry = grants.entry(privilege.into_owned()).or_default();
        entry.extend(roles.0.into_iter().map(Cow::into_owned));
        entry.sort();
        entry.dedup();
    }
    ConfigParts {
        enabled: c.enabled.0.unwrap_or(true),
        materialized: it.opt(c.materialized),
        access: it.opt(c.access),
        tags: Some(StrList(c.tags.0.into_iter().map(|t| Cow::Owned(t.into_owned())).collect())),
        access_config,
        meta: c.meta,
        grants,
        post_hooks: c.post_hook.0,
        pre_hooks: c.pre_hook.0,
        severity: it.opt(c.severity),
        where_clause: own(c.where_),
    }
}

pub(crate) fn convert_node(key: Str<'_>, raw: RawNode<'_>, it: &mut Interner) -> Node {
    let cfg = config_parts(raw.config, it);
    Node {
        unique_id: it.text(raw.unique_id.as_deref().unwrap_or(&key)),
        resource_type: ResourceType::parse(raw.resource_type.as_deref().unwrap_or("")),
        name: string(raw.name),
        source_name: None,
        package_name: it.req(raw.package_name),
        original_file_path: it.req(raw.original_file_path),
        patch_path: it.opt(raw.patch_path),
        description: string(raw.description),
        source_description: None,
        database: it.opt(raw.database),
        schema: it.opt(raw.schema),
        alias: own(raw.alias),
        materialized: cfg.materialized,
        access: cfg.access,
        enabled: cfg.enabled,
        tags: merge_tags(raw.tags, cfg.tags, it),
        meta: merge_meta([raw.meta, cfg.meta]),
        grants: cfg.grants,
        access_config: cfg.access_config,
        post_hooks: cfg.post_hooks,
        pre_hooks: cfg.pre_hooks,
        depends_on: it.list(raw.depends_on.nodes),
        primary_key: owned_list(raw.primary_key),
        has_compiled_sql: raw.compiled_code.0 || raw.compiled_sql.0,
        loader: None,
        loaded_at_field: None,
        columns: convert_columns(raw.columns, it),
        warehouse_kind: None,
        in_catalog: false,
        run: None,
    }
}

pub(crate) fn convert_source(key: Str<'_>, raw: RawSource<'_>, it: &mut Interner) -> Node {
    let cfg = config_parts(raw.config, it);
    Node {
        unique_id: it.text(raw.unique_id.as_deref().unwrap_or(&key)),
        resource_type: ResourceType::Source,
        name: string(raw.name),
        source_name: it.opt(raw.source_name),
        package_name: it.req(raw.package_name),
        original_file_path: it.req(raw.original_file_path),
        patch_path: None,
        description: string(raw.description),
        source_description: own(raw.source_description).filter(|d| !d.trim().is_empty()),
        database: it.opt(raw.database),
        schema: it.opt(raw.schema),
        alias: own(raw.identifier),
        materialized: None,
        access: None,
        enabled: cfg.enabled,
        tags: merge_tags(raw.tags, cfg.tags, it),
        meta: merge_meta([raw.source_meta, raw.meta, cfg.meta]),
        grants: cfg.grants,
        access_config: cfg.access_config,
        post_hooks: Vec::new(),
        pre_hooks: Vec::new(),
        depends_on: Vec::new(),
        primary_key: Vec::new(),
        has_compiled_sql: false,
        loader: it.opt(raw.loader),
        loaded_at_field: it.opt(raw.loaded_at_field),
        columns: convert_columns(raw.columns, it),
        warehouse_kind: None,
        in_catalog: false,
        run: None,
    }
}

pub(crate) fn convert_test(key: Str<'_>, raw: RawNode<'_>, it: &mut Interner) -> Test {
    let cfg = config_parts(raw.config, it);
    let depends_on = it.list(raw.depends_on.nodes);
    let kind = match raw.test_metadata {
        Some(tm) if tm.name.as_deref().is_some_and(|n| !n.is_empty()) => {
            TestKind::Generic { test_name: it.req(tm.name), namespace: it.opt(tm.namespace), kwargs: tm.kwargs.0 }
        }
        _ => TestKind::Singular,
    };
    let attached_node = it.opt(raw.attached_node).or_else(|| infer_attached_node(&kind, &depends_on));
    let column_name = it.opt(raw.column_name).or_else(|| match &kind {
        TestKind::Generic { kwargs, .. } => kwargs.get("column_name").and_then(|v| v.as_str()).map(Text::from),
        TestKind::Singular => None,
    });
    Test {
        unique_id: it.text(raw.unique_id.as_deref().unwrap_or(&key)),
        name: string(raw.name),
        package_name: it.req(raw.package_name),
        original_file_path: it.req(raw.original_file_path),
        kind,
        column_name,
        attached_node,
        depends_on,
        severity: cfg.severity,
        where_clause: cfg.where_clause,
        tags: merge_tags(raw.tags, cfg.tags, it),
        meta: merge_meta([raw.meta, cfg.meta]),
        enabled: cfg.enabled,
        run: None,
        stored_columns: Vec::new(),
    }
}

/// For manifests before `attached_node` (dbt < 1.5): the node named by the test's `model`
/// argument (`{{ ref('x') }}` / `{{ source('s', 't') }}`), or its only dependency.
fn infer_attached_node(kind: &TestKind, depends_on: &[Text]) -> Option<Text> {
    if let [only] = depends_on {
        return Some(only.clone());
    }
    let TestKind::Generic { kwargs, .. } = kind else { return None };
    let target = kwargs.get("model").and_then(|m| m.as_str()).and_then(ref_target)?;
    depends_on.iter().find(|d| d.ends_with(&format!(".{target}"))).cloned()
}

/// `x` from `{{ ref('x') }}` and `s.t` from `{{ source('s', 't') }}`, inside any wrapper.
fn ref_target(expr: &str) -> Option<String> {
    let args_of = |call: &str| -> Option<Vec<String>> {
        let start = expr.find(call)? + call.len();
        let rest = expr.get(start..)?;
        let end = rest.find(')')?;
        let args = rest.get(..end)?;
        Some(
            args.split(',')
                .map(|a| a.trim().trim_matches(|c| c == '\'' || c == '"').to_string())
                .filter(|a| !a.is_empty() && !a.contains('='))
                .collect(),
        )
    };
    if let Some(args) = args_of("ref(") {
        return args.last().cloned();
    }
    args_of("source(").filter(|a| a.len() == 2).map(|a| a.join("."))
}

pub(crate) fn convert_exposure(key: Str<'_>, raw: RawExposure<'_>, it: &mut Interner) -> Exposure {
    let cfg = config_parts(raw.config, it);
    let owner = raw.owner.map_or_else(Owner::default, |o| Owner {
        name: own(o.name).filter(|n| !n.trim().is_empty()),
        email: owned_list(o.email).into_iter().filter(|e| !e.trim().is_empty()).collect(),
    });
    Exposure {
        unique_id: raw.unique_id.map_or_else(|| key.into_owned(), Cow::into_owned),
        name: string(raw.name),
        label: own(raw.label).filter(|l| !l.is_empty()),
        package_name: it.req(raw.package_name),
        original_file_path: it.req(raw.original_file_path),
        description: string(raw.description),
        kind: own(raw.kind),
        maturity: own(raw.maturity),
        url: own(raw.url).filter(|u| !u.is_empty()),
        owner,
        depends_on: it.list(raw.depends_on.nodes),
        tags: merge_tags(raw.tags, cfg.tags, it),
        meta: merge_meta([raw.meta, cfg.meta]),
    }
}

/// A metric, semantic model, saved query or unit test.
pub(crate) fn convert_other(
    section: OtherSection,
    key: Str<'_>,
    raw: RawOther<'_>,
    it: &mut Interner,
) -> OtherResource {
    let resource_type = match section {
        OtherSection::Metrics => "metric",
        OtherSection::SemanticModels => "semantic_model",
        OtherSection::SavedQueries => "saved_query",
        OtherSection::UnitTests => "unit_test",
    };
    let depends_on = it.list(raw.depends_on.nodes);
    OtherResource {
        resource_type: resource_type.to_string(),
        unique_id: raw.unique_id.map_or_else(|| key.into_owned(), Cow::into_owned),
        name: string(raw.name),
        package_name: it.req(raw.package_name),
        description: string(raw.description),
        depends_on,
    }
}

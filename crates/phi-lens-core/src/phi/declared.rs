//! Declared PHI: what a project says about its own nodes and columns in tags, meta and schema
//! placement, read through the policy's lists of tags, keys and values.

use crate::artifacts::{Meta, MetaValue};
use crate::model::{Column, Node, Text};
use crate::phi::category::SafeHarbor;
use crate::policy::{first_match, Policy};

/// What tags and meta declare about a node or column.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Declaration {
    /// `Some(true)`: declared PHI; `Some(false)`: declared not PHI.
    pub phi: Option<bool>,
    /// The declared Safe Harbor category.
    pub category: Option<SafeHarbor>,
    /// A category value the policy does not recognise, as written.
    pub unknown_category: Option<String>,
    /// How the column is masked, as written.
    pub masking: Option<String>,
    /// What was read, in words (`meta.phi = true`, `tag pii`).
    pub evidence: Vec<String>,
}

/// A node's declarations beyond those of [`Declaration`].
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct NodeDeclaration {
    /// Tags and meta.
    pub own: Declaration,
    /// `Some(method)` when declared de-identified (`None` inside: no method given).
    pub deidentified: Option<Option<String>>,
    /// The PHI schema pattern the node's schema matches.
    pub phi_schema: Option<String>,
    /// `database.schema`-part and the dev pattern it matches.
    pub dev_location: Option<(String, String)>,
}

/// Reads a value at a dotted key (`databricks_tags.pii`), keys compared case-insensitively.
fn lookup<'m>(meta: &'m Meta, key: &str) -> Option<&'m MetaValue> {
    let mut parts = key.split('.');
    let first = parts.next()?;
    let mut value = get_ci(meta, first)?;
    for part in parts {
        match value {
            MetaValue::Map(inner) => value = get_ci(inner, part)?,
            _ => return None,
        }
    }
    Some(value)
}

fn get_ci<'m>(meta: &'m Meta, key: &str) -> Option<&'m MetaValue> {
    meta.get(key).or_else(|| meta.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v))
}

/// `true`/`false` as a project may spell them.
fn truthy(v: &MetaValue) -> Option<bool> {
    match v {
        MetaValue::Bool(b) => Some(*b),
        MetaValue::Int(i) => Some(*i != 0),
        MetaValue::Str(s) => match s.trim().to_ascii_lowercase().as_str() {
            "false" | "no" | "n" | "0" | "none" | "off" | "" => Some(false),
            _ => Some(true),
        },
        MetaValue::List(l) => Some(!l.is_empty()),
        MetaValue::Map(m) => Some(!m.is_empty()),
        MetaValue::Null | MetaValue::Float(_) => None,
    }
}

fn shown(v: &MetaValue) -> String {
    match v {
        MetaValue::Str(s) => s.clone(),
        MetaValue::Bool(b) => b.to_string(),
        MetaValue::Int(i) => i.to_string(),
        MetaValue::Float(f) => f.to_string(),
        MetaValue::Null => "null".into(),
        MetaValue::List(_) => "[…]".into(),
        MetaValue::Map(_) => "{…}".into(),
    }
}

fn strings(v: &MetaValue) -> Vec<&str> {
    match v {
        MetaValue::Str(s) => vec![s.as_str()],
        MetaValue::List(l) => l.iter().filter_map(MetaValue::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Reads the declarations in `tags` and `meta` (its `tags` list included).
pub(crate) fn declaration(tags: &[Text], meta: &Meta, policy: &Policy, at: &str) -> Declaration {
    let p = &policy.declared;
    let mut d = Declaration::default();
    if tags.is_empty() && meta.is_empty() {
        return d;
    }
    let meta_tags = meta.get("tags").map(strings).unwrap_or_default();
    for tag in tags.iter().map(|t| t.as_ref()).chain(meta_tags) {
        let tag = tag.trim();
        if p.phi_tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            d.phi.get_or_insert(true);
            d.evidence.push(format!("{at} tag `{tag}`"));
        } else if p.non_phi_tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            d.phi.get_or_insert(false);
            d.evidence.push(format!("{at} tag `{tag}` declares it not PHI"));
        }
    }
    if meta.is_empty() {
        return d;
    }
    for key in &p.flag_keys {
        if let Some(v) = lookup(meta, key) {
            if let Some(b) = truthy(v) {
                // An explicit `false` wins over tags: it is the more specific statement.
                if !b || d.phi.is_none() {
                    d.phi = Some(b);
                }
                d.evidence.push(format!("{at} meta `{key}` = {}", shown(v)));
            }
        }
    }
    for key in &p.level_keys {
        if let Some(v) = lookup(meta, key) {
            for s in strings(v) {
                let lower = s.trim().to_ascii_lowercase();
                if p.phi_levels.contains(&lower) {
                    d.phi.get_or_insert(true);
                    d.evidence.push(format!("{at} meta `{key}` = {s}"));
                } else if p.non_phi_levels.contains(&lower) {
                    d.phi.get_or_insert(false);
                    d.evidence.push(format!("{at} meta `{key}` = {s} declares it not PHI"));
                }
            }
        }
    }
    for key in &p.category_keys {
        if let Some(v) = lookup(meta, key) {
            for s in strings(v) {
                if s.trim().is_empty() {
                    continue;
                }
                match SafeHarbor::parse(s).or_else(|| crate::phi::classify::category_of_phrase(s)) {
                    Some(c) if d.category.is_none() => d.category = Some(c),
                    Some(_) => {}
                    None => d.unknown_category = Some(s.to_string()),
                }
                if d.phi != Some(false) {
                    d.phi = Some(true);
                }
                d.evidence.push(format!("{at} meta `{key}` = {s}"));
            }
        }
    }
    for key in &p.masking_keys {
        if let Some(v) = lookup(meta, key) {
            if truthy(v) == Some(true) {
                d.masking = Some(shown(v));
                d.evidence.push(format!("{at} meta `{key}` = {}", shown(v)));
                break;
            }
        }
    }
    d
}

/// Reads a node's declarations.
pub(crate) fn node_declaration(node: &Node, policy: &Policy) -> NodeDeclaration {
    let own = declaration(&node.tags, &node.meta, policy, "node");
    let mut out = NodeDeclaration { own, ..NodeDeclaration::default() };
    let p = &policy.declared;
    if !node.meta.is_empty() {
        for key in &p.deidentified_keys {
            if let Some(v) = lookup(&node.meta, key) {
                if truthy(v) == Some(true) {
                    let method = p
                        .deidentification_method_keys
                        .iter()
                        .find_map(|k| lookup(&node.meta, k).and_then(MetaValue::as_str))
                        .filter(|m| !m.trim().is_empty())
                        .map(str::to_string);
                    out.own.evidence.push(format!("node meta `{key}` = {}", shown(v)));
                    if let Some(m) = &method {
                        out.own.evidence.push(format!("node de-identification method `{m}`"));
                    }
                    out.deidentified = Some(method);
                    break;
                }
            }
        }
    }
    if let Some(schema) = node.schema.as_deref() {
        if let Some(pattern) = first_match(&policy.schemas.phi, schema) {
            out.phi_schema = Some(pattern.to_string());
            out.own.evidence.push(format!("schema `{schema}` is a PHI schema (`{pattern}`)"));
        }
    }
    for place in [node.database.as_deref(), node.schema.as_deref()].into_iter().flatten() {
        if let Some(pattern) = first_match(&policy.schemas.dev, place) {
            out.dev_location = Some((place.to_string(), pattern.to_string()));
            break;
        }
    }
    out
}

/// Reads a column's declarations. A column mask or policy tags its adapter applies
/// ([`Column::access_config`]) declare its masking as `meta.masking` does.
pub(crate) fn column_declaration(column: &Column, policy: &Policy) -> Declaration {
    let mut d = declaration(&column.tags, &column.meta, policy, "column");
    if d.masking.is_none() {
        if let Some((key, v)) = column.access_config.iter().next() {
            d.masking = Some(key.to_string());
            d.evidence.push(format!("column `{key}` = {v}"));
        }
    }
    d
}

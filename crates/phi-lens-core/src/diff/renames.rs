//! Nodes renamed between two builds: a node gone from the base and a node new in the head that
//! are the same resource under another name, so that their PHI, findings, scores and tests are
//! compared instead of reported as all resolved and all new.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Node, Project};

/// A node renamed between the base and the head.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Renamed {
    /// Its unique_id in the base.
    pub from: String,
    /// Its unique_id in the head.
    pub to: String,
}

/// What must be equal for two nodes to be one resource renamed: type, package, source name,
/// description, materialisation, schema, the columns (names, descriptions, types) and the
/// nodes it reads. The name, alias, file path and unique_id may differ.
/// The node's own name in its descriptions does not count (a rename rewrites it).
fn signature(node: &Node) -> String {
    let own = |text: &str| if node.name.is_empty() { text.to_string() } else { text.replace(&node.name, "\u{4}") };
    let mut columns: Vec<String> = node
        .columns
        .iter()
        .map(|c| {
            let data_type = c.data_type.as_deref().unwrap_or("");
            format!("{}\u{1}{}\u{1}{data_type}", c.name.to_lowercase(), own(&c.description))
        })
        .collect();
    columns.sort();
    let mut parents: Vec<&str> = node.depends_on.iter().map(|d| &**d).collect();
    parents.sort_unstable();
    format!(
        "{}\u{2}{}\u{2}{}\u{2}{}\u{2}{}\u{2}{}\u{2}{}\u{2}{}",
        node.resource_type.as_str(),
        node.package_name,
        node.source_name.as_deref().unwrap_or(""),
        own(&node.description),
        node.materialized.as_deref().unwrap_or(""),
        node.schema.as_deref().unwrap_or("").to_lowercase(),
        columns.join("\u{3}"),
        parents.join("\u{3}")
    )
}

/// The nodes renamed from `base` to `head`: each node only in the base whose signature is that
/// of exactly one node only in the head, and of no other node only in the base. A node with
/// neither columns nor a description is never paired (too little to tell it from another).
pub(crate) fn renamed_nodes(base: &Project, head: &Project) -> Vec<Renamed> {
    let gone = base.nodes.iter().filter(|n| head.node(&n.unique_id).is_none());
    let new = head.nodes.iter().filter(|n| base.node(&n.unique_id).is_none());
    let distinctive = |n: &&Node| !n.columns.is_empty() || !n.description.trim().is_empty();
    let mut by_signature: BTreeMap<String, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    for n in gone.filter(distinctive) {
        by_signature.entry(signature(n)).or_default().0.push(&n.unique_id);
    }
    for n in new.filter(distinctive) {
        by_signature.entry(signature(n)).or_default().1.push(&n.unique_id);
    }
    let mut out: Vec<Renamed> = by_signature
        .into_values()
        .filter_map(|(from, to)| match (from.as_slice(), to.as_slice()) {
            ([from], [to]) => Some(Renamed { from: from.to_string(), to: to.to_string() }),
            _ => None,
        })
        .collect();
    out.sort();
    out
}

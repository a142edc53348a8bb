//! The lineage graph of one resource (usually an exposure) as a view-model: which resources
//! to draw, where, coloured by what, and which edges carry PHI. What feeds the focus is laid
//! out at its left (sources furthest left), what reads it at its right.
//!
//! ```
//! use phi_lens_core::views::lineage::{lineage_graph, LineageOptions};
//! use phi_lens_core::{analyse, load_project, ArtifactKind, ArtifactSet, Input, Lineage, Policy};
//!
//! let manifest = br#"{"nodes": {
//!     "model.p.a": {"resource_type": "model", "name": "a", "depends_on": {"nodes": ["source.p.s.t"]}}},
//!   "sources": {"source.p.s.t": {"resource_type": "source", "name": "t", "source_name": "s"}},
//!   "exposures": {"exposure.p.e": {"name": "e", "depends_on": {"nodes": ["model.p.a"]}}}}"#;
//! let mut set = ArtifactSet::default();
//! set.insert(ArtifactKind::Manifest, Input::new("manifest.json", manifest.to_vec()));
//! let project = load_project(&set).expect("a valid manifest").project;
//! let lineage = Lineage::build(&project);
//! let analysis = analyse(&project, &Policy::default());
//! let view = lineage_graph(&project, &lineage, &analysis, "exposure.p.e", LineageOptions::default())
//!     .expect("the exposure exists");
//! let x = |id: &str| view.node(id).map(|n| n.x).unwrap_or_default();
//! assert!(x("source.p.s.t") < x("model.p.a") && x("model.p.a") < x("exposure.p.e"));
//! ```
//!
//! # Layout
//!
//! A compact Sugiyama layout, written here rather than taken from a crate: the layers must be
//! ours (a resource's column is its longest distance from the focus, which the depth limit
//! and the per-column collapsing also count), long edges need their bend points, and the core
//! must not panic. `rust-sugiyama` 0.4 (petgraph 0.8, builds for wasm32) was evaluated: it
//! ranks by itself and returns vertex positions only.
//!
//! 1. **Layering.** Upstream resources get column `−d`, where `d` is their longest path to the
//!    focus; downstream ones `+d`, their longest path from it. Every edge points right.
//! 2. **Depth limits.** Resources further than the limit fold into one "+N more upstream" (or
//!    downstream) node just beyond it. The shown set is closed toward the focus: every path
//!    from a shown resource to the focus is shown.
//! 3. **Collapsing.** A column holding more resources than the threshold keeps the most telling
//!    ones (on the focus's PHI path, holding PHI, lowest score, then by id) and folds the rest
//!    into a "+N more" node; edges to and from folded resources go to it.
//! 4. **Dummy nodes** split every edge longer than one column, so edges get bend points and
//!    take part in crossing reduction.
//! 5. **Crossing reduction.** Barycentre ordering in alternating sweeps; the ordering with the
//!    fewest crossings (counted per pair of columns with a Fenwick tree, after Barth, Jünger
//!    and Mutzel) is kept.
//! 6. **Coordinates.** x by column. y by a few alternating sweeps that move each column's
//!    nodes, in their order and at least a gap apart, as close as possible (least squares)
//!    to the mean of their neighbours: an isotonic regression solved by pool-adjacent-violators.
//!
//! Everything is deterministic: maps that reach the output are ordered and ties break by id.

mod compliance;
mod layout;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::analysis::Analysis;
use crate::lineage::Lineage;
use crate::model::Project;
use crate::phi::Status;

use compliance::{describe, Compliance};
use layout::{distances, place};
pub use layout::{NODE_HEIGHT, NODE_WIDTH};

/// How much of the lineage to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineageOptions {
    /// Columns shown left of the focus (longest path to it); further ones are folded.
    pub upstream_depth: usize,
    /// Columns shown right of the focus.
    pub downstream_depth: usize,
    /// Resources shown in one column at most (the last slot holds "+N more"); at least 2.
    pub collapse_threshold: usize,
}

impl Default for LineageOptions {
    /// Twelve columns upstream (dbt projects are rarely deeper, so it folds only the deepest),
    /// three downstream, twenty resources a column: a few hundred boxes at most, whatever the
    /// project.
    fn default() -> Self {
        LineageOptions { upstream_depth: 12, downstream_depth: 3, collapse_threshold: 20 }
    }
}

impl LineageOptions {
    /// Everything, nothing folded.
    pub const UNLIMITED: LineageOptions =
        LineageOptions { upstream_depth: usize::MAX, downstream_depth: usize::MAX, collapse_threshold: usize::MAX };
}

/// Why a drawn node stands for several resources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Collapsed {
    /// Resources upstream beyond the depth limit.
    Upstream,
    /// Resources downstream beyond the depth limit.
    Downstream,
    /// Resources of one crowded column.
    Column,
}

/// One box of the graph: a resource, or several folded into one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineageNode {
    /// The resource's unique_id; for folded resources `collapsed:upstream`,
    /// `collapsed:downstream` or `collapsed:column:<column>`.
    pub unique_id: String,
    /// The name to show (sources: `source_name.table`; exposures: their label).
    pub label: String,
    /// The label cut to fit the box (ends with `…` when cut).
    pub short_label: String,
    /// `model`, `source`, `seed`, `snapshot`, `exposure`, `metric`…, or `collapsed`.
    pub resource_type: String,
    /// The column relative to the focus: negative upstream, 0 for the focus.
    pub column: i32,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// The score (0–100), for scored resources.
    pub score: Option<u32>,
    /// The score's letter grade.
    pub grade: Option<char>,
    /// The PHI status of models, seeds, snapshots and sources; for exposures `inherited` when
    /// PHI reaches them, else `none`; `None` for resources PHI classification does not cover.
    pub phi_status: Option<Status>,
    /// Whether this is the resource the graph is about.
    pub focus: bool,
    /// Why it stands for several resources, if it does.
    pub collapsed: Option<Collapsed>,
    /// How many resources it stands for, if folded.
    pub collapsed_count: Option<usize>,
    /// The options that show the folded resources, if folded.
    pub expand: Option<LineageOptions>,
}

/// One edge: `from` is read by `to`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineageEdge {
    /// The reading resource's source: a node's `unique_id`.
    pub from: String,
    /// The node that reads it.
    pub to: String,
    /// The polyline from the right side of `from` to the left side of `to`, bending in the
    /// columns it crosses.
    pub points: Vec<(f64, f64)>,
    /// Whether PHI flows along it: both ends hold PHI (declared, detected or inherited). This is
    /// the inheritance rule's own flow: a reader of PHI holds PHI unless it is de-identified or
    /// declared not PHI, and then the edge into it is not marked. For a folded end: whether any
    /// edge it stands for does.
    pub carries_phi: bool,
}

/// The laid-out lineage of one resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineageView {
    /// The resource the graph is about.
    pub focus: String,
    /// The options it was computed with.
    pub options: LineageOptions,
    /// Boxes, column by column from the left, top to bottom.
    pub nodes: Vec<LineageNode>,
    /// Edges, by `from` then `to`.
    pub edges: Vec<LineageEdge>,
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
    /// Whether some resources are folded.
    pub truncated: bool,
    /// Resources upstream of the focus (tests and unit tests aside).
    pub upstream_total: usize,
    /// Resources downstream of the focus (tests and unit tests aside).
    pub downstream_total: usize,
    /// Resources folded into "+N more" nodes.
    pub hidden: usize,
}

impl LineageView {
    /// The box of a resource (or of a folded group, by its id).
    pub fn node(&self, unique_id: &str) -> Option<&LineageNode> {
        self.nodes.iter().find(|n| n.unique_id == unique_id)
    }
}

/// Lays out the lineage of `focus` (a node, exposure or other resource), or `None` when the
/// project has no such resource. Tests and unit tests are left out: they read data but feed
/// nothing.
pub fn lineage_graph<'a>(
    project: &'a Project,
    lineage: &Lineage<'a>,
    analysis: &'a Analysis,
    focus: &'a str,
    options: LineageOptions,
) -> Option<LineageView> {
    let (focus_label, focus_type) = describe(project, focus)?;
    let compliance = Compliance::new(project, analysis, focus);
    let up = distances(lineage, project, focus, Side::Upstream);
    let down = distances(lineage, project, focus, Side::Downstream);
    let threshold = options.collapse_threshold.max(2);

    // Which box stands for each resource.
    let mut columns: BTreeMap<i32, Vec<&'a str>> = BTreeMap::new();
    let mut rep: HashMap<&'a str, Key<'a>> = HashMap::new();
    let mut items: BTreeMap<Key<'a>, Item> = BTreeMap::new();
    rep.insert(focus, Key::Resource(focus));
    items.insert(Key::Resource(focus), Item { column: 0, count: 1 });
    for (side, dist, depth) in
        [(Side::Upstream, &up, options.upstream_depth), (Side::Downstream, &down, options.downstream_depth)]
    {
        for (&id, &d) in dist {
            if d <= depth {
                columns.entry(side.column(d)).or_default().push(id);
            } else {
                rep.insert(id, Key::Beyond(side));
                let item = items.entry(Key::Beyond(side)).or_insert(Item { column: side.column(depth + 1), count: 0 });
                item.count += 1;
            }
        }
    }
    for (&column, ids) in &mut columns {
        if ids.len() > threshold {
            ids.sort_by_cached_key(|id| compliance.priority(id));
        }
        for (i, &id) in ids.iter().enumerate() {
            if ids.len() > threshold && i >= threshold - 1 {
                rep.insert(id, Key::Column(column));
                items.entry(Key::Column(column)).or_insert(Item { column, count: 0 }).count += 1;
            } else {
                rep.insert(id, Key::Resource(id));
                items.insert(Key::Resource(id), Item { column, count: 1 });
            }
        }
    }

    // Edges between boxes, each carrying PHI when any edge it stands for does.
    let mut edges: BTreeMap<(Key<'a>, Key<'a>), bool> = BTreeMap::new();
    let mut members: Vec<&'a str> = rep.keys().copied().collect();
    members.sort_unstable();
    for &to in &members {
        for from in lineage.parents(to) {
            let (Some(&a), Some(&b)) = (rep.get(from), rep.get(to)) else { continue };
            if a == b {
                continue;
            }
            let carries = compliance.carries_phi(from, to);
            let slot = edges.entry((a, b)).or_insert(false);
            *slot |= carries;
        }
    }

    // Where the boxes and the edges between them go.
    let item_list: Vec<(Key<'a>, Item)> = items.iter().map(|(k, v)| (*k, *v)).collect();
    let index: BTreeMap<Key<'a>, usize> = items.keys().enumerate().map(|(i, k)| (*k, i)).collect();
    let mut linked: Vec<(Key<'a>, Key<'a>, bool)> = Vec::with_capacity(edges.len());
    let mut ends: Vec<(usize, usize)> = Vec::with_capacity(edges.len());
    for (&(a, b), &carries) in &edges {
        let (Some(&ia), Some(&ib)) = (index.get(&a), index.get(&b)) else { continue };
        linked.push((a, b, carries));
        ends.push((ia, ib));
    }
    let columns: Vec<i32> = item_list.iter().map(|(_, item)| item.column).collect();
    let placed = place(&columns, &ends);

    let mut nodes = Vec::with_capacity(item_list.len());
    for &(v, x, y) in &placed.boxes {
        let Some((key, item)) = item_list.get(v) else { continue };
        nodes.push(compliance.node(*key, *item, focus, &focus_label, &focus_type, options, threshold, x, y));
    }
    let mut out_edges: Vec<LineageEdge> = placed
        .edges
        .into_iter()
        .filter_map(|(e, points)| {
            let &(a, b, carries_phi) = linked.get(e)?;
            Some(LineageEdge { from: a.id(), to: b.id(), points, carries_phi })
        })
        .collect();
    out_edges.sort_by(|a, b| (&a.from, &a.to).cmp(&(&b.from, &b.to)));

    let hidden: usize = item_list.iter().filter(|(k, _)| !matches!(k, Key::Resource(_))).map(|(_, it)| it.count).sum();
    Some(LineageView {
        focus: focus.to_string(),
        options,
        nodes,
        edges: out_edges,
        width: placed.width,
        height: placed.height,
        truncated: hidden > 0,
        upstream_total: up.len(),
        downstream_total: down.len(),
        hidden,
    })
}

/// Which side of the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Side {
    Upstream,
    Downstream,
}

impl Side {
    fn column(self, distance: usize) -> i32 {
        let d = i32::try_from(distance).unwrap_or(i32::MAX);
        match self {
            Side::Upstream => -d,
            Side::Downstream => d,
        }
    }
}

/// What a box stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Key<'a> {
    Resource(&'a str),
    Beyond(Side),
    Column(i32),
}

impl Key<'_> {
    fn id(&self) -> String {
        match self {
            Key::Resource(id) => id.to_string(),
            Key::Beyond(Side::Upstream) => "collapsed:upstream".to_string(),
            Key::Beyond(Side::Downstream) => "collapsed:downstream".to_string(),
            Key::Column(c) => format!("collapsed:column:{c}"),
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Item {
    column: i32,
    count: usize,
}

#[cfg(test)]
mod tests {
    use super::compliance::EXPAND_DEPTH;
    use super::layout::{MARGIN, NODE_GAP};
    use super::*;
    use crate::{analyse, load_project, ArtifactKind, ArtifactSet, Input, Policy};

    fn project(manifest: &str) -> Project {
        let mut set = ArtifactSet::default();
        set.insert(ArtifactKind::Manifest, Input::new("manifest.json", manifest.as_bytes().to_vec()));
        load_project(&set).map(|l| l.project).unwrap_or_default()
    }

    fn view(project: &Project, focus: &str, options: LineageOptions) -> LineageView {
        let lineage = Lineage::build(project);
        let analysis = analyse(project, &Policy::default());
        lineage_graph(project, &lineage, &analysis, focus, options).unwrap_or_else(|| panic!("{focus} is missing"))
    }

    /// A manifest of models: `(name, parents)`; an exposure `e` reads the names in `exposed`.
    fn manifest(models: &[(&str, &[&str])], exposed: &[&str]) -> String {
        let id = |n: &str| if n.starts_with("src_") { format!("source.p.raw.{n}") } else { format!("model.p.{n}") };
        let list = |xs: &[&str]| xs.iter().map(|x| format!("\"{}\"", id(x))).collect::<Vec<_>>().join(",");
        let mut nodes = Vec::new();
        let mut sources = Vec::new();
        for (name, parents) in models {
            if name.starts_with("src_") {
                sources.push(format!(
                    r#""{}": {{"resource_type": "source", "name": "{name}", "source_name": "raw"}}"#,
                    id(name)
                ));
            } else {
                nodes.push(format!(
                    r#""{}": {{"resource_type": "model", "name": "{name}", "depends_on": {{"nodes": [{}]}}}}"#,
                    id(name),
                    list(parents)
                ));
            }
        }
        format!(
            r#"{{"nodes": {{{}}}, "sources": {{{}}}, "exposures": {{"exposure.p.e": {{"name": "e", "depends_on": {{"nodes": [{}]}}}}}}}}"#,
            nodes.join(","),
            sources.join(","),
            list(exposed)
        )
    }

    fn x(view: &LineageView, id: &str) -> f64 {
        view.node(id).map(|n| n.x).unwrap_or_else(|| panic!("{id} is not drawn"))
    }

    /// A diamond with a long edge: src_a → stg → int → mart → e, src_a → mart, src_b → int.
    fn diamond() -> Project {
        project(&manifest(
            &[
                ("src_a", &[]),
                ("src_b", &[]),
                ("stg", &["src_a"]),
                ("int", &["stg", "src_b"]),
                ("mart", &["int", "src_a"]),
            ],
            &["mart"],
        ))
    }

    #[test]
    fn layers_increase_left_to_right_with_the_exposure_rightmost() {
        let p = diamond();
        let v = view(&p, "exposure.p.e", LineageOptions::default());
        assert_eq!(v.nodes.len(), 6);
        assert!(!v.truncated);
        assert_eq!(v.upstream_total, 5);
        let e = x(&v, "exposure.p.e");
        assert!(v.nodes.iter().all(|n| n.x <= e), "the exposure is rightmost");
        assert!(v.node("exposure.p.e").is_some_and(|n| n.focus && n.column == 0));
        // The longest path decides: src_a feeds stg, so it sits left of it, not beside mart.
        assert!(x(&v, "source.p.raw.src_a") < x(&v, "model.p.stg"));
        assert_eq!(v.node("source.p.raw.src_a").map(|n| n.column), Some(-4));
        for edge in &v.edges {
            assert!(x(&v, &edge.from) < x(&v, &edge.to), "{} → {} points right", edge.from, edge.to);
            let first = edge.points.first().copied().unwrap_or_default();
            let last = edge.points.last().copied().unwrap_or_default();
            assert_eq!(first.0, x(&v, &edge.from) + NODE_WIDTH);
            assert_eq!(last.0, x(&v, &edge.to));
            assert!(edge.points.windows(2).all(|w| w[0].0 <= w[1].0), "edges never turn back");
        }
        // src_a → mart spans three columns: it bends in the two between.
        let long = v.edges.iter().find(|e| e.from == "source.p.raw.src_a" && e.to == "model.p.mart");
        assert_eq!(long.map(|e| e.points.len()), Some(6));
    }

    #[test]
    fn boxes_in_a_column_never_overlap() {
        let mut models: Vec<(String, Vec<String>)> = Vec::new();
        for i in 0..12 {
            models.push((format!("src_{i}"), vec![]));
            models.push((format!("stg_{i}"), vec![format!("src_{i}"), format!("src_{}", (i + 5) % 12)]));
        }
        for i in 0..4 {
            models.push((format!("int_{i}"), (0..12).filter(|j| j % 4 == i).map(|j| format!("stg_{j}")).collect()));
        }
        let owned: Vec<(&str, Vec<&str>)> =
            models.iter().map(|(n, ps)| (n.as_str(), ps.iter().map(String::as_str).collect())).collect();
        let borrowed: Vec<(&str, &[&str])> = owned.iter().map(|(n, ps)| (*n, ps.as_slice())).collect();
        let p = project(&manifest(&borrowed, &["int_0", "int_1", "int_2", "int_3"]));
        let v = view(&p, "exposure.p.e", LineageOptions::UNLIMITED);
        assert_eq!(v.nodes.len(), 12 + 12 + 4 + 1);
        for a in &v.nodes {
            for b in &v.nodes {
                if a.unique_id < b.unique_id && a.x == b.x {
                    let apart = a.y + a.height + NODE_GAP <= b.y + 1e-6 || b.y + b.height + NODE_GAP <= a.y + 1e-6;
                    assert!(apart, "{} and {} overlap", a.unique_id, b.unique_id);
                }
            }
        }
        assert!(v.nodes.iter().all(|n| n.y >= MARGIN - 1e-6 && n.y + n.height <= v.height + 1e-6));
        assert!(v.nodes.iter().all(|n| n.x + n.width <= v.width));
    }

    #[test]
    fn the_same_input_gives_the_same_layout() {
        let p = diamond();
        let a = view(&p, "exposure.p.e", LineageOptions::default());
        let b = view(&p, "exposure.p.e", LineageOptions::default());
        assert_eq!(a, b);
        let ids: Vec<&str> = a.nodes.iter().map(|n| n.unique_id.as_str()).collect();
        assert_eq!(
            ids,
            ["source.p.raw.src_a", "model.p.stg", "source.p.raw.src_b", "model.p.int", "model.p.mart", "exposure.p.e"]
        );
    }

    #[test]
    fn folds_resources_beyond_the_depth_limit() {
        // A chain of eight models behind the exposure.
        let names: Vec<String> = (0..8).map(|i| format!("m{i}")).collect();
        let parents: Vec<Vec<&str>> =
            (0..8).map(|i| if i == 0 { vec![] } else { vec![names[i - 1].as_str()] }).collect();
        let models: Vec<(&str, &[&str])> =
            names.iter().zip(&parents).map(|(n, p)| (n.as_str(), p.as_slice())).collect();
        let p = project(&manifest(&models, &["m7"]));
        let options = LineageOptions { upstream_depth: 3, ..LineageOptions::default() };
        let v = view(&p, "exposure.p.e", options);
        assert!(v.truncated);
        assert_eq!(v.hidden, 5);
        let more = v.node("collapsed:upstream").unwrap_or_else(|| panic!("no folded node"));
        assert_eq!(more.collapsed_count, Some(5));
        assert_eq!(more.label, "+5 more upstream");
        assert_eq!(more.column, -4);
        assert_eq!(more.expand.map(|o| o.upstream_depth), Some(3 + EXPAND_DEPTH));
        assert!(v.edges.iter().any(|e| e.from == "collapsed:upstream" && e.to == "model.p.m5"));
        assert_eq!(v.nodes.len(), 5, "m5, m6, m7, the exposure and the folded node");
        // Expanding shows four more columns; expanding again, everything.
        let more_options = more.expand.unwrap_or_default();
        let deeper = view(&p, "exposure.p.e", more_options);
        assert_eq!(deeper.node("collapsed:upstream").and_then(|n| n.collapsed_count), Some(1));
        let all =
            view(&p, "exposure.p.e", deeper.node("collapsed:upstream").and_then(|n| n.expand).unwrap_or_default());
        assert!(!all.truncated);
        assert_eq!(all.nodes.len(), 9);
    }

    #[test]
    fn folds_a_crowded_column() {
        let names: Vec<String> = (0..30).map(|i| format!("m{i:02}")).collect();
        let models: Vec<(&str, &[&str])> = names.iter().map(|n| (n.as_str(), &[][..])).collect();
        let exposed: Vec<&str> = names.iter().map(String::as_str).collect();
        let p = project(&manifest(&models, &exposed));
        let options = LineageOptions { collapse_threshold: 10, ..LineageOptions::default() };
        let v = view(&p, "exposure.p.e", options);
        assert!(v.truncated);
        let column: Vec<&LineageNode> = v.nodes.iter().filter(|n| n.column == -1).collect();
        assert_eq!(column.len(), 10, "nine resources and one folded node");
        let more = v.node("collapsed:column:-1").unwrap_or_else(|| panic!("no folded node"));
        assert_eq!(more.collapsed_count, Some(21));
        assert_eq!(more.collapsed, Some(Collapsed::Column));
        assert_eq!(more.expand.map(|o| o.collapse_threshold), Some(30));
        assert!(v.edges.iter().any(|e| e.from == "collapsed:column:-1" && e.to == "exposure.p.e"));
        // Equal scores and no PHI: the first ids are kept.
        assert!(v.node("model.p.m00").is_some() && v.node("model.p.m08").is_some() && v.node("model.p.m09").is_none());
        let wide = view(&p, "exposure.p.e", more.expand.unwrap_or_default());
        assert!(!wide.truncated);
        assert_eq!(wide.nodes.len(), 31);
    }

    #[test]
    fn a_node_shows_what_it_reads_left_and_what_reads_it_right() {
        let p = diamond();
        let v = view(&p, "model.p.int", LineageOptions::default());
        assert_eq!(v.node("model.p.int").map(|n| n.column), Some(0));
        assert!(v.node("model.p.stg").is_some_and(|n| n.column == -1));
        assert!(v.node("model.p.mart").is_some_and(|n| n.column == 1));
        assert!(v.node("exposure.p.e").is_some_and(|n| n.column == 2));
        // src_a → mart joins the two sides.
        assert!(v.edges.iter().any(|e| e.from == "source.p.raw.src_a" && e.to == "model.p.mart"));
        assert_eq!(v.downstream_total, 2);
        let lineage = Lineage::build(&p);
        let analysis = analyse(&p, &Policy::default());
        let none = lineage_graph(&p, &lineage, &analysis, "model.p.nope", LineageOptions::default());
        assert!(none.is_none());
    }

    #[test]
    fn edges_carrying_phi_are_marked() {
        let p = project(
            r#"{"nodes": {
              "model.p.patients": {"resource_type": "model", "name": "patients",
                 "depends_on": {"nodes": ["source.p.raw.patients"]},
                 "columns": {"ssn": {"name": "ssn"}, "birth_date": {"name": "birth_date"}}},
              "model.p.counts": {"resource_type": "model", "name": "counts", "meta": {"phi": false},
                 "depends_on": {"nodes": ["model.p.patients"]}}},
            "sources": {"source.p.raw.patients": {"resource_type": "source", "name": "patients", "source_name": "raw",
                 "columns": {"ssn": {"name": "ssn"}, "mrn": {"name": "mrn"}}}},
            "exposures": {
              "exposure.p.e": {"name": "e", "depends_on": {"nodes": ["model.p.patients", "model.p.counts"]}}}}"#,
        );
        let v = view(&p, "exposure.p.e", LineageOptions::default());
        let carries =
            |from: &str, to: &str| v.edges.iter().find(|e| e.from == from && e.to == to).map(|e| e.carries_phi);
        assert_eq!(v.node("model.p.counts").and_then(|n| n.phi_status), Some(Status::None));
        assert_eq!(v.node("exposure.p.e").and_then(|n| n.phi_status), Some(Status::Inherited));
        assert_eq!(carries("source.p.raw.patients", "model.p.patients"), Some(true));
        assert_eq!(carries("model.p.patients", "exposure.p.e"), Some(true));
        assert_eq!(carries("model.p.patients", "model.p.counts"), Some(false), "counts is declared not PHI");
        assert_eq!(carries("model.p.counts", "exposure.p.e"), Some(false));
        assert!(v.node("model.p.patients").is_some_and(|n| n.score.is_some() && n.grade.is_some()));
    }

    #[test]
    fn the_demo_dashboard_is_laid_out_with_phi_edges() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/clinic/target");
        let mut set = ArtifactSet::default();
        for (kind, name) in [(ArtifactKind::Manifest, "manifest.json"), (ArtifactKind::Catalog, "catalog.json")] {
            let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            set.insert(kind, Input::new(name, bytes));
        }
        let p = load_project(&set).map(|l| l.project).unwrap_or_default();
        let v = view(&p, "exposure.clinic.cmo_quality_dashboard", LineageOptions::default());
        assert!(v.nodes.len() > 3, "{}", v.nodes.len());
        assert!(v.nodes.iter().any(|n| n.resource_type == "source"));
        assert!(v.edges.iter().any(|e| e.carries_phi));
    }
}

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

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

use serde::Serialize;

use crate::analysis::Analysis;
use crate::lineage::Lineage;
use crate::model::Project;
use crate::phi::Status;

/// Width of a resource's box.
pub const NODE_WIDTH: f64 = 200.0;
/// Height of a resource's box.
pub const NODE_HEIGHT: f64 = 44.0;
/// Horizontal space between two columns (where edges bend).
const COLUMN_GAP: f64 = 72.0;
/// Vertical space between two boxes in a column.
const NODE_GAP: f64 = 16.0;
/// The height an edge passing through a column takes, and the space beside it.
const DUMMY_HEIGHT: f64 = 2.0;
const DUMMY_GAP: f64 = 6.0;
/// Space around the drawing.
const MARGIN: f64 = 16.0;
/// Characters of a label that fit in a box.
const LABEL_CHARS: usize = 26;
/// Pairs of ordering sweeps (right to left, then left to right).
const ORDER_SWEEPS: usize = 4;
/// Pairs of coordinate sweeps.
const COORDINATE_SWEEPS: usize = 4;
/// How many more columns expanding a "+N more upstream/downstream" node shows.
const EXPAND_DEPTH: usize = 4;

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
    let facts = Facts::new(project, analysis, focus);
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
            ids.sort_by_cached_key(|id| facts.priority(id));
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
            let carries = facts.carries_phi(from, to);
            let slot = edges.entry((a, b)).or_insert(false);
            *slot |= carries;
        }
    }

    let index: BTreeMap<Key<'a>, usize> = items.keys().enumerate().map(|(i, k)| (*k, i)).collect();
    let item_list: Vec<(Key<'a>, Item)> = items.iter().map(|(k, v)| (*k, *v)).collect();
    let min_column = item_list.iter().map(|(_, it)| it.column).min().unwrap_or(0);
    let layer_of = |column: i32| usize::try_from(column.saturating_sub(min_column)).unwrap_or(0);
    let layer_count = item_list.iter().map(|(_, it)| layer_of(it.column) + 1).max().unwrap_or(1);

    let mut graph = Layered::new(layer_count);
    for (_, item) in &item_list {
        graph.add(layer_of(item.column), NODE_HEIGHT);
    }
    let mut chains: Vec<(Key<'a>, Key<'a>, bool, Vec<usize>)> = Vec::with_capacity(edges.len());
    for (&(a, b), &carries) in &edges {
        let (Some(&ia), Some(&ib)) = (index.get(&a), index.get(&b)) else { continue };
        let (la, lb) = (graph.layer[ia], graph.layer[ib]);
        if la >= lb {
            continue; // Cannot happen: every edge points right. Drop rather than loop.
        }
        let mut chain = vec![ia];
        for l in la + 1..lb {
            chain.push(graph.add(l, DUMMY_HEIGHT));
        }
        chain.push(ib);
        for w in chain.windows(2) {
            graph.link(w[0], w[1]);
        }
        chains.push((a, b, carries, chain));
    }
    graph.reduce_crossings();
    let top = graph.assign_y();

    let x_of = |layer: usize| MARGIN + layer as f64 * (NODE_WIDTH + COLUMN_GAP);
    let centre = |v: usize| top[v] + graph.height[v] / 2.0;
    let mut nodes = Vec::with_capacity(item_list.len());
    for order in &graph.order {
        for &v in order {
            let Some((key, item)) = item_list.get(v) else { continue };
            nodes.push(facts.node(
                *key,
                *item,
                focus,
                &focus_label,
                &focus_type,
                options,
                threshold,
                x_of(graph.layer[v]),
                top[v],
            ));
        }
    }
    let mut out_edges: Vec<LineageEdge> = chains
        .into_iter()
        .map(|(a, b, carries_phi, chain)| {
            let mut points = Vec::with_capacity(chain.len() * 2);
            let last = chain.len().saturating_sub(1);
            for (i, &v) in chain.iter().enumerate() {
                let x = x_of(graph.layer[v]);
                if i > 0 {
                    points.push((x, centre(v)));
                }
                if i < last {
                    points.push((x + NODE_WIDTH, centre(v)));
                }
            }
            LineageEdge { from: a.id(), to: b.id(), points, carries_phi }
        })
        .collect();
    out_edges.sort_by(|a, b| (&a.from, &a.to).cmp(&(&b.from, &b.to)));

    let width = 2.0 * MARGIN + layer_count as f64 * NODE_WIDTH + layer_count.saturating_sub(1) as f64 * COLUMN_GAP;
    let height = (0..graph.layer.len()).map(|v| top[v] + graph.height[v]).fold(0.0, f64::max) + MARGIN;
    let hidden: usize = item_list.iter().filter(|(k, _)| !matches!(k, Key::Resource(_))).map(|(_, it)| it.count).sum();
    Some(LineageView {
        focus: focus.to_string(),
        options,
        nodes,
        edges: out_edges,
        width,
        height,
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

/// Tests and unit tests are not drawn.
fn drawn(project: &Project, id: &str) -> bool {
    project.test(id).is_none() && !id.starts_with("unit_test.") && !id.starts_with("test.")
}

/// The label and resource type of a resource, if the project has it.
fn describe(project: &Project, id: &str) -> Option<(String, String)> {
    if let Some(n) = project.node(id) {
        let label = match &n.source_name {
            Some(s) => format!("{s}.{}", n.name),
            None => n.name.clone(),
        };
        return Some((label, n.resource_type.as_str().to_string()));
    }
    if let Some(e) = project.exposure(id) {
        let label = e.label.clone().filter(|l| !l.trim().is_empty()).unwrap_or_else(|| e.name.clone());
        return Some((label, "exposure".to_string()));
    }
    if let Some(t) = project.test(id) {
        return Some((t.name.clone(), "test".to_string()));
    }
    project.others.iter().find(|o| o.unique_id == id).map(|o| (o.name.clone(), o.resource_type.clone()))
}

/// Longest distance of every resource on one side of the focus, by breadth-first topological
/// order from the focus (Kahn): a resource is settled once all its neighbours toward the focus
/// are. Resources on a cycle (which loading reports as an error) are never settled and left out.
fn distances<'a>(lineage: &Lineage<'a>, project: &Project, focus: &'a str, side: Side) -> BTreeMap<&'a str, usize> {
    let members: Vec<&'a str> = match side {
        Side::Upstream => lineage.upstream(focus),
        Side::Downstream => lineage.downstream(focus),
    };
    let members: Vec<&'a str> = members.into_iter().filter(|id| *id != focus && drawn(project, id)).collect();
    let inside = |id: &str| id == focus || members.binary_search(&id).is_ok();
    let toward = |id: &str| match side {
        Side::Upstream => lineage.children(id),
        Side::Downstream => lineage.parents(id),
    };
    let away = |id: &str| match side {
        Side::Upstream => lineage.parents(id),
        Side::Downstream => lineage.children(id),
    };
    let mut pending: HashMap<&'a str, usize> =
        members.iter().map(|&id| (id, toward(id).into_iter().filter(|t| inside(t)).count())).collect();
    let mut dist: BTreeMap<&'a str, usize> = BTreeMap::new();
    let mut queue: VecDeque<(&'a str, usize)> = VecDeque::from([(focus, 0)]);
    while let Some((at, d)) = queue.pop_front() {
        for next in away(at) {
            let Some(p) = pending.get_mut(next) else { continue };
            let slot = dist.entry(next).or_insert(0);
            *slot = (*slot).max(d + 1);
            *p = p.saturating_sub(1);
            if *p == 0 {
                queue.push_back((next, *slot));
            }
        }
    }
    dist.retain(|id, _| pending.get(id) == Some(&0));
    dist
}

/// PHI and scores, looked up for the graph.
struct Facts<'a> {
    project: &'a Project,
    analysis: &'a Analysis,
    /// The ids on the focus's own PHI path.
    focus_path: HashSet<&'a str>,
}

impl<'a> Facts<'a> {
    fn new(project: &'a Project, analysis: &'a Analysis, focus: &str) -> Facts<'a> {
        let phi = &analysis.phi;
        let path = phi
            .nodes
            .iter()
            .find(|n| n.unique_id == focus)
            .map(|n| &n.path)
            .or_else(|| phi.exposures.iter().find(|e| e.unique_id == focus).map(|e| &e.path));
        let focus_path = path.into_iter().flatten().map(String::as_str).collect();
        Facts { project, analysis, focus_path }
    }

    fn status(&self, id: &str) -> Option<Status> {
        let phi = &self.analysis.phi;
        if let Ok(i) = phi.nodes.binary_search_by(|n| n.unique_id.as_str().cmp(id)) {
            return phi.nodes.get(i).map(|n| n.status);
        }
        if let Ok(i) = phi.exposures.binary_search_by(|e| e.unique_id.as_str().cmp(id)) {
            return phi.exposures.get(i).map(|e| if e.reached { Status::Inherited } else { Status::None });
        }
        None
    }

    fn score(&self, id: &str) -> Option<(u32, char)> {
        let scores = &self.analysis.scores;
        scores
            .nodes
            .get(id)
            .map(|s| (s.score, s.grade))
            .or_else(|| scores.exposures.get(id).map(|s| (s.score, s.grade)))
    }

    fn carries_phi(&self, from: &str, to: &str) -> bool {
        self.status(from).is_some_and(Status::is_phi) && self.status(to).is_some_and(Status::is_phi)
    }

    /// The order in which a crowded column keeps resources: on the focus's PHI path, holding
    /// PHI, lowest score, then by id.
    fn priority<'i>(&self, id: &'i str) -> (bool, bool, u32, &'i str) {
        (
            !self.focus_path.contains(id),
            !self.status(id).is_some_and(Status::is_phi),
            self.score(id).map_or(u32::MAX, |(s, _)| s),
            id,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn node(
        &self,
        key: Key<'_>,
        item: Item,
        focus: &str,
        focus_label: &str,
        focus_type: &str,
        options: LineageOptions,
        threshold: usize,
        x: f64,
        y: f64,
    ) -> LineageNode {
        let (label, resource_type) = match key {
            Key::Resource(id) if id == focus => (focus_label.to_string(), focus_type.to_string()),
            Key::Resource(id) => describe(self.project, id).unwrap_or_else(|| (id.to_string(), String::new())),
            Key::Beyond(Side::Upstream) => (format!("+{} more upstream", item.count), "collapsed".to_string()),
            Key::Beyond(Side::Downstream) => (format!("+{} more downstream", item.count), "collapsed".to_string()),
            Key::Column(_) => (format!("+{} more", item.count), "collapsed".to_string()),
        };
        let (collapsed, expand) = match key {
            Key::Resource(_) => (None, None),
            Key::Beyond(Side::Upstream) => (
                Some(Collapsed::Upstream),
                Some(LineageOptions { upstream_depth: options.upstream_depth.saturating_add(EXPAND_DEPTH), ..options }),
            ),
            Key::Beyond(Side::Downstream) => (
                Some(Collapsed::Downstream),
                Some(LineageOptions {
                    downstream_depth: options.downstream_depth.saturating_add(EXPAND_DEPTH),
                    ..options
                }),
            ),
            Key::Column(_) => (
                Some(Collapsed::Column),
                // Room for the whole column: what was shown plus what was folded.
                Some(LineageOptions { collapse_threshold: (threshold - 1).saturating_add(item.count), ..options }),
            ),
        };
        let (score, grade, phi_status) = match key {
            Key::Resource(id) => {
                let s = self.score(id);
                (s.map(|s| s.0), s.map(|s| s.1), self.status(id))
            }
            _ => (None, None, None),
        };
        LineageNode {
            unique_id: key.id(),
            short_label: shorten(&label, LABEL_CHARS),
            label,
            resource_type,
            column: item.column,
            x,
            y,
            width: NODE_WIDTH,
            height: NODE_HEIGHT,
            score,
            grade,
            phi_status,
            focus: key == Key::Resource(focus),
            collapsed,
            collapsed_count: collapsed.map(|_| item.count),
            expand,
        }
    }
}

/// `text` cut to `max` characters, ending with `…` when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A layered graph: real boxes and dummy points, each in one layer (column), edges only
/// between adjacent layers.
struct Layered {
    /// Layer of each vertex.
    layer: Vec<usize>,
    /// Height of each vertex (a box, or the thin slot of an edge passing through).
    height: Vec<f64>,
    /// Neighbours in the layer to the left / right.
    left: Vec<Vec<usize>>,
    right: Vec<Vec<usize>>,
    /// Vertices of each layer, top to bottom.
    order: Vec<Vec<usize>>,
}

impl Layered {
    fn new(layers: usize) -> Layered {
        Layered {
            layer: Vec::new(),
            height: Vec::new(),
            left: Vec::new(),
            right: Vec::new(),
            order: vec![Vec::new(); layers],
        }
    }

    fn add(&mut self, layer: usize, height: f64) -> usize {
        let v = self.layer.len();
        self.layer.push(layer);
        self.height.push(height);
        self.left.push(Vec::new());
        self.right.push(Vec::new());
        if let Some(o) = self.order.get_mut(layer) {
            o.push(v);
        }
        v
    }

    /// `a` in one layer, `b` in the next.
    fn link(&mut self, a: usize, b: usize) {
        self.right[a].push(b);
        self.left[b].push(a);
    }

    fn is_dummy(&self, v: usize) -> bool {
        self.height[v] < NODE_HEIGHT
    }

    fn positions(&self) -> Vec<usize> {
        let mut pos = vec![0; self.layer.len()];
        for o in &self.order {
            for (i, &v) in o.iter().enumerate() {
                pos[v] = i;
            }
        }
        pos
    }

    /// Barycentre sweeps; keeps the ordering with the fewest crossings.
    fn reduce_crossings(&mut self) {
        let mut pos = self.positions();
        let mut best = self.order.clone();
        let mut best_crossings = self.crossings(&pos);
        let layers = self.order.len();
        for _ in 0..ORDER_SWEEPS {
            if best_crossings == 0 {
                break;
            }
            for l in (0..layers.saturating_sub(1)).rev() {
                sort_by_barycentre(&mut self.order[l], &self.right, &mut pos);
            }
            self.keep_if_better(&pos, &mut best, &mut best_crossings);
            for l in 1..layers {
                sort_by_barycentre(&mut self.order[l], &self.left, &mut pos);
            }
            self.keep_if_better(&pos, &mut best, &mut best_crossings);
        }
        self.order = best;
    }

    fn keep_if_better(&self, pos: &[usize], best: &mut Vec<Vec<usize>>, best_crossings: &mut usize) {
        let c = self.crossings(pos);
        if c < *best_crossings {
            *best_crossings = c;
            best.clone_from(&self.order);
        }
    }

    /// Edge crossings between every pair of adjacent layers: the inversions among the right
    /// ends when edges are sorted by their left ends (Barth, Jünger, Mutzel), with a Fenwick tree.
    fn crossings(&self, pos: &[usize]) -> usize {
        let mut total = 0;
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for l in 0..self.order.len().saturating_sub(1) {
            pairs.clear();
            for &v in &self.order[l] {
                pairs.extend(self.right[v].iter().map(|&u| (pos[v], pos[u])));
            }
            pairs.sort_unstable();
            let size = self.order[l + 1].len();
            let mut tree = vec![0usize; size + 1];
            for (seen, &(_, south)) in pairs.iter().enumerate() {
                // Edges seen so far ending at or before `south`.
                let mut at_or_before = 0;
                let mut i = south + 1;
                while i > 0 {
                    at_or_before += tree[i];
                    i &= i - 1;
                }
                total += seen - at_or_before;
                let mut i = south + 1;
                while i <= size {
                    tree[i] += 1;
                    i += i & i.wrapping_neg();
                }
            }
        }
        total
    }

    /// Tops of every vertex: packed, then alternating sweeps toward the neighbours' centres,
    /// then one pass toward both sides.
    fn assign_y(&self) -> Vec<f64> {
        let n = self.layer.len();
        let mut top = vec![0.0; n];
        for o in &self.order {
            let mut y = 0.0;
            for (i, &v) in o.iter().enumerate() {
                if i > 0 {
                    y += self.gap(o[i - 1], v);
                }
                top[v] = y;
                y += self.height[v];
            }
        }
        let layers = self.order.len();
        for _ in 0..COORDINATE_SWEEPS {
            for l in 1..layers {
                self.place(l, &mut top, true, false);
            }
            for l in (0..layers.saturating_sub(1)).rev() {
                self.place(l, &mut top, false, true);
            }
        }
        for l in 0..layers {
            self.place(l, &mut top, true, true);
        }
        let min = top.iter().copied().fold(f64::INFINITY, f64::min);
        let shift = if min.is_finite() { MARGIN - min } else { 0.0 };
        for t in &mut top {
            *t += shift;
        }
        top
    }

    fn gap(&self, a: usize, b: usize) -> f64 {
        if self.is_dummy(a) && self.is_dummy(b) {
            DUMMY_GAP
        } else {
            NODE_GAP
        }
    }

    /// Moves layer `l`'s vertices, in order and a gap apart, to the least-squares fit of the
    /// mean centres of their neighbours on the chosen sides (vertices without such neighbours
    /// want to stay where they are).
    fn place(&self, l: usize, top: &mut [f64], use_left: bool, use_right: bool) {
        let order = &self.order[l];
        let mut offsets = Vec::with_capacity(order.len());
        let mut wanted = Vec::with_capacity(order.len());
        let mut offset = 0.0;
        for (i, &v) in order.iter().enumerate() {
            if i > 0 {
                let prev = order[i - 1];
                offset += self.height[prev] + self.gap(prev, v);
            }
            let (mut sum, mut count) = (0.0, 0usize);
            let sides = [(use_left, &self.left[v]), (use_right, &self.right[v])];
            for (_, ns) in sides.iter().filter(|(on, _)| *on) {
                for &u in ns.iter() {
                    sum += top[u] + self.height[u] / 2.0;
                    count += 1;
                }
            }
            let centre = if count > 0 { sum / count as f64 } else { top[v] + self.height[v] / 2.0 };
            offsets.push(offset);
            wanted.push(centre - self.height[v] / 2.0 - offset);
        }
        for ((&v, z), off) in order.iter().zip(isotonic(&wanted)).zip(offsets) {
            top[v] = z + off;
        }
    }
}

/// Orders a layer by the mean position of each vertex's neighbours in the reference layer;
/// a vertex without any keeps its index. Ties keep the current order.
fn sort_by_barycentre(layer: &mut [usize], neighbours: &[Vec<usize>], pos: &mut [usize]) {
    let mut keyed: Vec<(f64, usize, usize)> = layer
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let ns = &neighbours[v];
            let b =
                if ns.is_empty() { i as f64 } else { ns.iter().map(|&u| pos[u] as f64).sum::<f64>() / ns.len() as f64 };
            (b, i, v)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    for (i, (_, _, v)) in keyed.into_iter().enumerate() {
        layer[i] = v;
        pos[v] = i;
    }
}

/// The non-decreasing sequence closest (least squares) to `values`: pool adjacent violators.
fn isotonic(values: &[f64]) -> Vec<f64> {
    // Blocks of (sum, count), each a run of equal fitted values.
    let mut blocks: Vec<(f64, usize)> = Vec::with_capacity(values.len());
    for &v in values {
        blocks.push((v, 1));
        while blocks.len() > 1 {
            let (s1, c1) = blocks[blocks.len() - 1];
            let (s0, c0) = blocks[blocks.len() - 2];
            if s0 / c0 as f64 <= s1 / c1 as f64 {
                break;
            }
            blocks.pop();
            if let Some(last) = blocks.last_mut() {
                *last = (s0 + s1, c0 + c1);
            }
        }
    }
    blocks.into_iter().flat_map(|(s, c)| std::iter::repeat_n(s / c as f64, c)).collect()
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn isotonic_regression_pools_violators() {
        assert_eq!(isotonic(&[1.0, 3.0, 2.0, 4.0]), vec![1.0, 2.5, 2.5, 4.0]);
        assert_eq!(isotonic(&[3.0, 2.0, 1.0]), vec![2.0, 2.0, 2.0]);
        assert!(isotonic(&[]).is_empty());
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abc", 4), "abc");
    }
}

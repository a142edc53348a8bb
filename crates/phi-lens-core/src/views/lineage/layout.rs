//! The layered layout of a lineage view: each resource's column (its longest distance from the
//! focus), then dummy nodes, crossing reduction and coordinates for the boxes and the edges
//! between them (steps 1 and 4–6 of the layout described in the module above).

use std::collections::{BTreeMap, HashMap, VecDeque};

use crate::lineage::Lineage;
use crate::model::Project;

use super::Side;

/// Width of a resource's box.
pub const NODE_WIDTH: f64 = 200.0;
/// Height of a resource's box.
pub const NODE_HEIGHT: f64 = 44.0;
/// Horizontal space between two columns (where edges bend).
const COLUMN_GAP: f64 = 72.0;
/// Vertical space between two boxes in a column.
pub(crate) const NODE_GAP: f64 = 16.0;
/// The height an edge passing through a column takes, and the space beside it.
const DUMMY_HEIGHT: f64 = 2.0;
const DUMMY_GAP: f64 = 6.0;
/// Space around the drawing.
pub(crate) const MARGIN: f64 = 16.0;
/// Pairs of ordering sweeps (right to left, then left to right).
const ORDER_SWEEPS: usize = 4;
/// Pairs of coordinate sweeps.
const COORDINATE_SWEEPS: usize = 4;

/// Tests and unit tests are not drawn.
fn drawn(project: &Project, id: &str) -> bool {
    project.test(id).is_none() && !id.starts_with("unit_test.") && !id.starts_with("test.")
}

/// Longest distance of every resource on one side of the focus, by breadth-first topological
/// order from the focus (Kahn): a resource is settled once all its neighbours toward the focus
/// are. Resources on a cycle (which loading reports as an error) are never settled and left out.
pub(crate) fn distances<'a>(
    lineage: &Lineage<'a>,
    project: &Project,
    focus: &'a str,
    side: Side,
) -> BTreeMap<&'a str, usize> {
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

/// Where [`place`] put the boxes and the edges.
pub(crate) struct Placed {
    /// The boxes (indices into those given), column by column from the left, top to bottom,
    /// each with its left and top edges.
    pub boxes: Vec<(usize, f64, f64)>,
    /// The edges laid out (indices into those given), each with its polyline from the right
    /// side of one box to the left side of the other, bending in the columns it crosses.
    pub edges: Vec<(usize, Vec<(f64, f64)>)>,
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
}

/// Lays out boxes, given by their columns, and the edges between them, given by the indices of
/// their ends (from the left one to the right one; an edge that does not point right is left
/// out): dummy nodes, crossing reduction and coordinates.
pub(crate) fn place(columns: &[i32], edges: &[(usize, usize)]) -> Placed {
    let min_column = columns.iter().copied().min().unwrap_or(0);
    let layer_of = |column: i32| usize::try_from(column.saturating_sub(min_column)).unwrap_or(0);
    let layer_count = columns.iter().map(|&column| layer_of(column) + 1).max().unwrap_or(1);

    let mut graph = Layered::new(layer_count);
    for &column in columns {
        graph.add(layer_of(column), NODE_HEIGHT);
    }
    let mut chains: Vec<(usize, Vec<usize>)> = Vec::with_capacity(edges.len());
    for (e, &(ia, ib)) in edges.iter().enumerate() {
        let (Some(&ca), Some(&cb)) = (columns.get(ia), columns.get(ib)) else { continue };
        let (la, lb) = (layer_of(ca), layer_of(cb));
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
        chains.push((e, chain));
    }
    graph.reduce_crossings();
    let top = graph.assign_y();

    let x_of = |layer: usize| MARGIN + layer as f64 * (NODE_WIDTH + COLUMN_GAP);
    let centre = |v: usize| top[v] + graph.height[v] / 2.0;
    let boxes = graph
        .order
        .iter()
        .flatten()
        .filter(|&&v| v < columns.len())
        .map(|&v| (v, x_of(graph.layer[v]), top[v]))
        .collect();
    let edges = chains
        .into_iter()
        .map(|(e, chain)| {
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
            (e, points)
        })
        .collect();

    let width = 2.0 * MARGIN + layer_count as f64 * NODE_WIDTH + layer_count.saturating_sub(1) as f64 * COLUMN_GAP;
    let height = (0..graph.layer.len()).map(|v| top[v] + graph.height[v]).fold(0.0, f64::max) + MARGIN;
    Placed { boxes, edges, width, height }
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

    #[test]
    fn isotonic_regression_pools_violators() {
        assert_eq!(isotonic(&[1.0, 3.0, 2.0, 4.0]), vec![1.0, 2.5, 2.5, 4.0]);
        assert_eq!(isotonic(&[3.0, 2.0, 1.0]), vec![2.0, 2.0, 2.0]);
        assert!(isotonic(&[]).is_empty());
    }
}

//! Inherited PHI: a node that reads a PHI node holds PHI too, unless it is declared
//! de-identified (with a method) or declared not PHI. The path it inherited through is kept,
//! from the PHI origin to the node, and exposures are reached the same way.
//!
//! The graph is [`crate::Lineage`]'s, restricted to data nodes (models, seeds, snapshots,
//! sources, analyses) and exposures, and held as indices into `project.nodes`: the
//! classifier walks it once per report, so it avoids hashing ids.

use std::collections::VecDeque;

use crate::hashing::IdMap;
use crate::model::Project;

/// Parents and children of every node, as indices into `project.nodes`, sorted.
#[derive(Debug, Clone, Default)]
pub(crate) struct NodeGraph {
    /// `parents[i]`: the nodes node `i` reads.
    pub parents: Vec<Vec<u32>>,
    /// `children[i]`: the nodes that read node `i`.
    pub children: Vec<Vec<u32>>,
    /// `exposures_of[i]`: the exposures (indices into `project.exposures`) that read node `i`.
    pub exposures_of: Vec<Vec<u32>>,
}

impl NodeGraph {
    /// Builds the graph from `depends_on`.
    pub fn build(project: &Project) -> NodeGraph {
        let n = project.nodes.len();
        // Ids are unique and sorted: the first index of an id is its only one.
        let mut ids: IdMap<'_, u32> = IdMap::with_capacity_and_hasher(n, Default::default());
        for (i, node) in project.nodes.iter().enumerate() {
            if let Ok(i) = u32::try_from(i) {
                ids.entry(&node.unique_id).or_insert(i);
            }
        }
        let index_of = |_: &Project, id: &str| ids.get(id).copied();
        let mut parents: Vec<Vec<u32>> = Vec::with_capacity(n);
        let mut children: Vec<Vec<u32>> = vec![Vec::new(); n];
        for (i, node) in project.nodes.iter().enumerate() {
            let mut ps: Vec<u32> = node.depends_on.iter().filter_map(|d| index_of(project, d)).collect();
            ps.sort_unstable();
            ps.dedup();
            ps.retain(|&p| p as usize != i);
            for &p in &ps {
                if let (Some(c), Ok(i)) = (children.get_mut(p as usize), u32::try_from(i)) {
                    c.push(i);
                }
            }
            parents.push(ps);
        }
        let mut exposures_of: Vec<Vec<u32>> = vec![Vec::new(); n];
        for (e, exposure) in project.exposures.iter().enumerate() {
            for d in &exposure.depends_on {
                if let (Some(i), Ok(e)) = (index_of(project, d), u32::try_from(e)) {
                    if let Some(list) = exposures_of.get_mut(i as usize) {
                        if !list.contains(&e) {
                            list.push(e);
                        }
                    }
                }
            }
        }
        // Children were pushed in increasing index order, hence sorted.
        NodeGraph { parents, children, exposures_of }
    }
}

/// How PHI flowed: for each node, the node it was reached from (`None` for origins and for
/// nodes PHI does not reach).
#[derive(Debug, Clone, Default)]
pub(crate) struct Flow {
    /// `reached[i]`: whether PHI reaches node `i` from another node.
    pub reached: Vec<bool>,
    /// `from[i]`: the previous node on the shortest path from an origin.
    pub from: Vec<Option<u32>>,
    /// For each exposure reached: the last node on the shortest path to it.
    pub exposure_from: Vec<Option<u32>>,
}

impl Flow {
    /// The ids from the origin to node `i`, origin first.
    pub fn path(&self, project: &Project, i: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut at = Some(i);
        let mut guard = 0usize;
        while let Some(j) = at {
            if let Some(node) = project.nodes.get(j) {
                out.push(node.unique_id.to_string());
            }
            at = self.from.get(j).copied().flatten().map(|p| p as usize);
            guard += 1;
            if guard > project.nodes.len() {
                break;
            }
        }
        out.reverse();
        out
    }
}

/// Multi-source breadth-first search from the PHI origins (in index order, hence by
/// unique_id), never passing through a blocking node (de-identified, or declared not PHI).
/// Each node reached keeps its shortest path; ties go to the smaller id.
pub(crate) fn flow(graph: &NodeGraph, origins: &[bool], blocks: &[bool], exposures: usize) -> Flow {
    let n = graph.parents.len();
    let mut reached = vec![false; n];
    let mut from: Vec<Option<u32>> = vec![None; n];
    let mut exposure_from: Vec<Option<u32>> = vec![None; exposures];
    let mut seen = vec![false; n];
    let mut queue: VecDeque<u32> = VecDeque::new();
    for (i, &o) in origins.iter().enumerate() {
        if o {
            if let Ok(i) = u32::try_from(i) {
                seen[i as usize] = true;
                queue.push_back(i);
            }
        }
    }
    while let Some(u) = queue.pop_front() {
        let u_i = u as usize;
        for &e in graph.exposures_of.get(u_i).map(Vec::as_slice).unwrap_or_default() {
            if let Some(slot) = exposure_from.get_mut(e as usize) {
                if slot.is_none() {
                    *slot = Some(u);
                }
            }
        }
        for &c in graph.children.get(u_i).map(Vec::as_slice).unwrap_or_default() {
            let c_i = c as usize;
            if seen[c_i] {
                continue;
            }
            seen[c_i] = true;
            if blocks.get(c_i).copied().unwrap_or(false) {
                continue;
            }
            reached[c_i] = true;
            from[c_i] = Some(u);
            queue.push_back(c);
        }
    }
    Flow { reached, from, exposure_from }
}

/// Nodes in an order where parents come first (Kahn's algorithm, smallest index first);
/// nodes on a cycle follow in index order.
pub(crate) fn topological_order(graph: &NodeGraph) -> Vec<u32> {
    let n = graph.parents.len();
    let mut indegree: Vec<usize> = graph.parents.iter().map(Vec::len).collect();
    let mut ready: std::collections::BTreeSet<u32> =
        (0..n).filter(|&i| indegree[i] == 0).filter_map(|i| u32::try_from(i).ok()).collect();
    let mut out = Vec::with_capacity(n);
    let mut placed = vec![false; n];
    while let Some(u) = ready.pop_first() {
        out.push(u);
        placed[u as usize] = true;
        for &c in &graph.children[u as usize] {
            let d = &mut indegree[c as usize];
            *d = d.saturating_sub(1);
            if *d == 0 {
                ready.insert(c);
            }
        }
    }
    for (i, p) in placed.iter().enumerate() {
        if !p {
            if let Ok(i) = u32::try_from(i) {
                out.push(i);
            }
        }
    }
    out
}

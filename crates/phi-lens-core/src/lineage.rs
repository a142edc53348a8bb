//! The lineage graph (petgraph): sources → models → tests, exposures, metrics.
//!
//! Edges point downstream, from a resource to what reads it. Ids that name nothing in the
//! project are left out (the loader warns about them).

use std::collections::HashMap;

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::Direction;

use crate::hashing::{FastHash, IdMap};
use crate::model::Project;

/// The project's dependency graph.
#[derive(Debug, Clone)]
pub struct Lineage<'p> {
    graph: DiGraph<&'p str, ()>,
    index: IdMap<'p, NodeIndex>,
}

impl<'p> Lineage<'p> {
    /// Builds the graph of every node, test, exposure and other resource.
    pub fn build(project: &'p Project) -> Lineage<'p> {
        let count = project.nodes.len() + project.tests.len() + project.exposures.len() + project.others.len();
        let mut graph = DiGraph::with_capacity(count, count * 2);
        let mut index = IdMap::with_capacity_and_hasher(count, FastHash::default());
        let resources: Vec<_> = project.dependencies().collect();
        for (uid, _) in &resources {
            index.entry(*uid).or_insert_with(|| graph.add_node(*uid));
        }
        for (uid, deps) in &resources {
            let Some(&to) = index.get(uid) else { continue };
            for d in deps.iter() {
                if let Some(&from) = index.get(d.as_ref()) {
                    graph.update_edge(from, to, ());
                }
            }
        }
        Lineage { graph, index }
    }

    /// The direct parents (what `unique_id` reads), sorted.
    pub fn parents(&self, unique_id: &str) -> Vec<&'p str> {
        self.neighbours(unique_id, Direction::Incoming)
    }

    /// The direct children (what reads `unique_id`), sorted.
    pub fn children(&self, unique_id: &str) -> Vec<&'p str> {
        self.neighbours(unique_id, Direction::Outgoing)
    }

    fn neighbours(&self, unique_id: &str, dir: Direction) -> Vec<&'p str> {
        let Some(&i) = self.index.get(unique_id) else { return Vec::new() };
        let mut out: Vec<&'p str> =
            self.graph.neighbors_directed(i, dir).filter_map(|n| self.graph.node_weight(n)).copied().collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Everything `unique_id` reads, directly or not, sorted.
    pub fn upstream(&self, unique_id: &str) -> Vec<&'p str> {
        self.reachable(unique_id, Direction::Incoming)
    }

    /// Everything that reads `unique_id`, directly or not, sorted.
    pub fn downstream(&self, unique_id: &str) -> Vec<&'p str> {
        self.reachable(unique_id, Direction::Outgoing)
    }

    fn reachable(&self, unique_id: &str, dir: Direction) -> Vec<&'p str> {
        let Some(&start) = self.index.get(unique_id) else { return Vec::new() };
        let mut seen = std::collections::HashSet::from([start]);
        let mut stack = vec![start];
        let mut out = Vec::new();
        while let Some(at) = stack.pop() {
            for n in self.graph.neighbors_directed(at, dir) {
                if seen.insert(n) {
                    stack.push(n);
                    out.extend(self.graph.node_weight(n).copied());
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// A dependency cycle, if there is one: its ids in order, the first repeated at the end.
    /// Deterministic: the cycle through the smallest id of the first strongly connected component.
    pub fn find_cycle(&self) -> Option<Vec<String>> {
        let mut components: Vec<Vec<NodeIndex>> = tarjan_scc(&self.graph)
            .into_iter()
            .filter(|c| c.len() > 1 || c.first().is_some_and(|&n| self.graph.contains_edge(n, n)))
            .collect();
        for c in &mut components {
            c.sort_by(|a, b| self.graph[*a].cmp(self.graph[*b]));
        }
        components.sort_by(|a, b| self.graph[a[0]].cmp(self.graph[b[0]]));
        let component = components.first()?;
        let start = *component.first()?;
        // Breadth-first search inside the component from `start` back to `start`.
        let inside: std::collections::HashSet<NodeIndex> = component.iter().copied().collect();
        let mut previous: HashMap<NodeIndex, NodeIndex> = HashMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        while let Some(at) = queue.pop_front() {
            let mut next: Vec<NodeIndex> = self.graph.neighbors(at).filter(|n| inside.contains(n)).collect();
            next.sort_by(|a, b| self.graph[*a].cmp(self.graph[*b]));
            for n in next {
                if n == start {
                    let mut path = vec![self.graph[start].to_string()];
                    let mut cur = at;
                    let mut back = Vec::new();
                    while cur != start {
                        back.push(self.graph[cur].to_string());
                        cur = *previous.get(&cur)?;
                    }
                    path.extend(back.into_iter().rev());
                    path.push(self.graph[start].to_string());
                    return Some(path);
                }
                if let std::collections::hash_map::Entry::Vacant(e) = previous.entry(n) {
                    e.insert(at);
                    queue.push_back(n);
                }
            }
        }
        None
    }
}

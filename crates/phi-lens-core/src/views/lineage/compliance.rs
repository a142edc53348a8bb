//! The compliance facts a lineage view shows: which resources hold PHI, which edges carry it,
//! their scores, which resources a crowded column keeps, and what each box says.

use std::collections::HashSet;

use crate::analysis::Analysis;
use crate::model::Project;
use crate::phi::Status;

use super::{Collapsed, Item, Key, LineageNode, LineageOptions, Side, NODE_HEIGHT, NODE_WIDTH};

/// Characters of a label that fit in a box.
const LABEL_CHARS: usize = 26;
/// How many more columns expanding a "+N more upstream/downstream" node shows.
pub(crate) const EXPAND_DEPTH: usize = 4;

/// The label and resource type of a resource, if the project has it.
pub(crate) fn describe(project: &Project, id: &str) -> Option<(String, String)> {
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

/// PHI and scores, looked up for the graph.
pub(crate) struct Compliance<'a> {
    project: &'a Project,
    analysis: &'a Analysis,
    /// The ids on the focus's own PHI path.
    focus_path: HashSet<&'a str>,
}

impl<'a> Compliance<'a> {
    pub(crate) fn new(project: &'a Project, analysis: &'a Analysis, focus: &str) -> Compliance<'a> {
        let phi = &analysis.phi;
        let path = phi
            .nodes
            .iter()
            .find(|n| n.unique_id == focus)
            .map(|n| &n.path)
            .or_else(|| phi.exposures.iter().find(|e| e.unique_id == focus).map(|e| &e.path));
        let focus_path = path.into_iter().flatten().map(String::as_str).collect();
        Compliance { project, analysis, focus_path }
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

    pub(crate) fn carries_phi(&self, from: &str, to: &str) -> bool {
        self.status(from).is_some_and(Status::is_phi) && self.status(to).is_some_and(Status::is_phi)
    }

    /// The order in which a crowded column keeps resources: on the focus's PHI path, holding
    /// PHI, lowest score, then by id.
    pub(crate) fn priority<'i>(&self, id: &'i str) -> (bool, bool, u32, &'i str) {
        (
            !self.focus_path.contains(id),
            !self.status(id).is_some_and(Status::is_phi),
            self.score(id).map_or(u32::MAX, |(s, _)| s),
            id,
        )
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn node(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abc", 4), "abc");
    }
}

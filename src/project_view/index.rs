//! Lookups built once per analysis: one row per resource for the models list (with its
//! lowercase search text), each resource's children, its findings, and the filter values
//! (facets) the lists offer.

use std::collections::{BTreeMap, BTreeSet};

use phi_lens_core::findings::Finding;
use phi_lens_core::model::Project;
use phi_lens_core::phi::{NodePhi, SafeHarbor, Status};
use phi_lens_core::score::NodeScore;
use phi_lens_core::Analysis;

/// One resource (node or exposure) as the models list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceRow {
    /// dbt's unique_id.
    pub unique_id: String,
    /// Its name (`source_name.name` for sources, the label for exposures).
    pub name: String,
    /// `model`, `source`, `seed`, `snapshot`, `analysis`, `operation`, `exposure`…
    pub resource_type: String,
    /// The dbt package.
    pub package: String,
    /// PHI status: `None` for resources that are not classified (analyses, operations). For
    /// exposures, `Inherited` when PHI reaches them.
    pub phi: Option<Status>,
    /// The Safe Harbor identifiers it holds.
    pub categories: Vec<SafeHarbor>,
    /// Score and grade, for scored resources.
    pub score: Option<(u32, char)>,
    /// Tags.
    pub tags: Vec<String>,
    /// The rules of its findings (waived included), sorted.
    pub rules: Vec<&'static str>,
    /// Open (not waived) findings.
    pub open_findings: usize,
    /// Lowercase name, id, tags and column names, for the search box.
    pub search: String,
}

/// The values each filter of the lists can take, sorted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facets {
    /// Resource types present.
    pub resource_types: Vec<String>,
    /// Packages present.
    pub packages: Vec<String>,
    /// Tags present.
    pub tags: Vec<String>,
    /// Rules with at least one finding.
    pub rules: Vec<&'static str>,
}

/// Lookups over one analysed project.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Index {
    /// Every node and exposure, by unique_id.
    pub rows: Vec<ResourceRow>,
    /// Filter values.
    pub facets: Facets,
    /// Direct readers of each resource (nodes and exposures), sorted.
    children: BTreeMap<String, Vec<String>>,
    /// Indexes into `analysis.findings`, by unique_id.
    findings: BTreeMap<String, Vec<usize>>,
}

impl Index {
    /// Builds the lookups.
    pub fn build(project: &Project, analysis: &Analysis) -> Index {
        let mut findings: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, f) in analysis.findings.iter().enumerate() {
            findings.entry(f.unique_id.to_string()).or_default().push(i);
        }
        let mut children: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for n in &project.nodes {
            for parent in &n.depends_on {
                children.entry(parent.to_string()).or_default().push(n.unique_id.to_string());
            }
        }
        for e in &project.exposures {
            for parent in &e.depends_on {
                children.entry(parent.to_string()).or_default().push(e.unique_id.clone());
            }
        }
        for list in children.values_mut() {
            list.sort();
            list.dedup();
        }
        let rules_of = |uid: &str| -> (Vec<&'static str>, usize) {
            let list = findings.get(uid).map_or(&[][..], Vec::as_slice);
            let mut rules: Vec<&'static str> = list.iter().map(|&i| analysis.findings[i].rule.as_str()).collect();
            rules.sort_unstable();
            rules.dedup();
            (rules, list.iter().filter(|&&i| !analysis.findings[i].is_waived()).count())
        };
        let mut rows = Vec::with_capacity(project.nodes.len() + project.exposures.len());
        for n in &project.nodes {
            let uid: &str = &n.unique_id;
            let phi = phi_node(analysis, uid);
            let (rules, open_findings) = rules_of(uid);
            let name = match &n.source_name {
                Some(source) => format!("{source}.{}", n.name),
                None => n.name.clone(),
            };
            let tags: Vec<String> = n.tags.iter().map(|t| t.to_string()).collect();
            let mut search = format!("{} {} {}", name, uid, tags.join(" "));
            for c in &n.columns {
                search.push(' ');
                search.push_str(&c.name);
            }
            rows.push(ResourceRow {
                unique_id: uid.to_string(),
                name,
                resource_type: n.resource_type.as_str().to_string(),
                package: n.package_name.to_string(),
                phi: phi.map(|p| p.status),
                categories: phi.map(|p| p.categories.clone()).unwrap_or_default(),
                score: analysis.scores.nodes.get(uid).map(|s| (s.score, s.grade)),
                tags,
                rules,
                open_findings,
                search: search.to_lowercase(),
            });
        }
        for e in &project.exposures {
            let uid = e.unique_id.as_str();
            let (rules, open_findings) = rules_of(uid);
            let reached = analysis.phi.exposures.iter().find(|p| p.unique_id == uid).is_some_and(|p| p.reached);
            let name = e.label.clone().unwrap_or_else(|| e.name.clone());
            let tags: Vec<String> = e.tags.iter().map(|t| t.to_string()).collect();
            let search = format!("{} {} {} {}", name, e.name, uid, tags.join(" ")).to_lowercase();
            rows.push(ResourceRow {
                unique_id: uid.to_string(),
                name,
                resource_type: "exposure".to_string(),
                package: e.package_name.to_string(),
                phi: Some(if reached { Status::Inherited } else { Status::None }),
                categories: Vec::new(),
                score: analysis.scores.exposures.get(uid).map(|s| (s.score, s.grade)),
                tags,
                rules,
                open_findings,
                search,
            });
        }
        rows.sort_by(|a, b| a.unique_id.cmp(&b.unique_id));
        let sorted = |it: &mut dyn Iterator<Item = String>| -> Vec<String> {
            it.collect::<BTreeSet<String>>().into_iter().collect()
        };
        let facets = Facets {
            resource_types: sorted(&mut rows.iter().map(|r| r.resource_type.clone())),
            packages: sorted(&mut rows.iter().map(|r| r.package.clone())),
            tags: sorted(&mut rows.iter().flat_map(|r| r.tags.iter().cloned())),
            rules: analysis.findings.iter().map(|f| f.rule.as_str()).collect::<BTreeSet<_>>().into_iter().collect(),
        };
        Index { rows, facets, children, findings }
    }

    /// The row of a resource.
    pub fn row(&self, unique_id: &str) -> Option<&ResourceRow> {
        self.rows.binary_search_by(|r| r.unique_id.as_str().cmp(unique_id)).ok().map(|i| &self.rows[i])
    }

    /// The resources that read `unique_id` directly.
    pub fn children(&self, unique_id: &str) -> &[String] {
        self.children.get(unique_id).map_or(&[], Vec::as_slice)
    }

    /// The findings about `unique_id` (waived included), in the analysis' order.
    pub fn findings<'a>(&'a self, analysis: &'a Analysis, unique_id: &str) -> impl Iterator<Item = &'a Finding> + 'a {
        let list = self.findings.get(unique_id).map_or(&[][..], Vec::as_slice);
        list.iter().filter_map(move |&i| analysis.findings.get(i))
    }
}

/// The PHI classification of a node.
pub fn phi_node<'a>(analysis: &'a Analysis, unique_id: &str) -> Option<&'a NodePhi> {
    let nodes = &analysis.phi.nodes;
    nodes.binary_search_by(|n| n.unique_id.as_str().cmp(unique_id)).ok().and_then(|i| nodes.get(i))
}

/// The score of a node.
pub fn node_score<'a>(analysis: &'a Analysis, unique_id: &str) -> Option<&'a NodeScore> {
    analysis.scores.nodes.get(unique_id)
}

/// The letters of a list of categories, comma-separated (`A,C,H`).
pub fn letters(categories: &[SafeHarbor]) -> String {
    categories.iter().map(|c| c.letter()).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data::demo_view;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn indexes_every_node_and_exposure_of_the_demo() {
        let view = demo_view();
        let index = &view.index;
        assert_eq!(index.rows.len(), view.project.nodes.len() + view.project.exposures.len());
        assert!(index.rows.windows(2).all(|w| w[0].unique_id < w[1].unique_id));
        assert!(index.facets.resource_types.contains(&"exposure".to_string()));
        assert!(index.facets.resource_types.contains(&"model".to_string()));
        // Every finding is indexed under its resource.
        let total: usize = index.rows.iter().map(|r| index.findings(&view.analysis, &r.unique_id).count()).sum();
        assert_eq!(total, view.analysis.findings.len());
        // Children are the reverse of depends_on.
        for n in view.project.nodes.iter() {
            for p in &n.depends_on {
                assert!(index.children(p).iter().any(|c| c.as_str() == &*n.unique_id), "{p} → {}", n.unique_id);
            }
        }
        let phi_rows = index.rows.iter().filter(|r| r.phi.is_some_and(Status::is_phi)).count();
        assert!(phi_rows > 0);
    }
}

//! The manifest's sink: collects its entries as they are parsed, converted one by one, and
//! finishes them into a project (sorted, deduplicated, named).

use std::collections::{BTreeMap, BTreeSet};

use crate::artifacts::manifest::{ManifestSink, OtherSection, RawExposure, RawNode, RawOther, RawSource};
use crate::artifacts::{RawMetadata, Str};
use crate::model::{Exposure, Node, OtherResource, Project, ProjectInfo, ResourceType, Test};

use super::convert::{convert_exposure, convert_node, convert_other, convert_source, convert_test};
use super::interning::Interner;
use super::Warning;

/// Collects the manifest's entries as they are parsed, already owned and normalised.
#[derive(Default)]
pub(crate) struct Builder {
    pub metadata: OwnedMetadata,
    pub nodes: Vec<Node>,
    pub tests: Vec<Test>,
    exposures: Vec<Exposure>,
    others: Vec<OtherResource>,
    section_counts: BTreeMap<String, u64>,
    pub sections: BTreeSet<String>,
    pub interner: Interner,
    /// The length of `nodes` where each skipped `nodes` section was
    /// ([`Part::Rest`](crate::artifacts::manifest::Part::Rest)).
    pub nodes_skipped_at: Vec<usize>,
}

/// The manifest's metadata, owned.
#[derive(Default)]
pub(crate) struct OwnedMetadata {
    pub dbt_schema_version: Option<String>,
    pub dbt_version: Option<String>,
    pub generated_at: Option<String>,
    pub invocation_id: Option<String>,
    project_name: Option<String>,
    adapter_type: Option<String>,
    send_anonymous_usage_stats: Option<bool>,
}

impl From<&RawMetadata<'_>> for OwnedMetadata {
    fn from(md: &RawMetadata<'_>) -> Self {
        let own = |s: &Option<Str<'_>>| s.as_deref().map(str::to_string);
        OwnedMetadata {
            dbt_schema_version: own(&md.dbt_schema_version),
            dbt_version: own(&md.dbt_version),
            generated_at: own(&md.generated_at),
            invocation_id: own(&md.invocation_id),
            project_name: own(&md.project_name),
            adapter_type: own(&md.adapter_type),
            send_anonymous_usage_stats: md.send_anonymous_usage_stats.0,
        }
    }
}

impl<'a> ManifestSink<'a> for Builder {
    fn metadata(&mut self, md: RawMetadata<'a>) {
        self.metadata = OwnedMetadata::from(&md);
    }

    fn node(&mut self, key: Str<'a>, raw: RawNode<'a>) {
        if raw.resource_type.as_deref() == Some("test") {
            self.tests.push(convert_test(key, raw, &mut self.interner));
        } else {
            self.nodes.push(convert_node(key, raw, &mut self.interner));
        }
    }

    fn source(&mut self, key: Str<'a>, raw: RawSource<'a>) {
        self.nodes.push(convert_source(key, raw, &mut self.interner));
    }

    fn exposure(&mut self, key: Str<'a>, raw: RawExposure<'a>) {
        self.exposures.push(convert_exposure(key, raw, &mut self.interner));
    }

    fn other(&mut self, section: OtherSection, key: Str<'a>, raw: RawOther<'a>) {
        self.others.push(convert_other(section, key, raw, &mut self.interner));
    }

    fn nodes_skipped(&mut self) {
        self.nodes_skipped_at.push(self.nodes.len());
    }

    fn section_seen(&mut self, name: &str, entries: usize) {
        self.sections.insert(name.to_string());
        if matches!(name, "macros" | "groups" | "docs") {
            self.section_counts.insert(name.to_string(), entries as u64);
        }
    }
}

impl Builder {
    /// The project, sorted and deduplicated; warnings name the manifest as `file`.
    pub(crate) fn finish(mut self, file: &str, warnings: &mut Vec<Warning>) -> Project {
        if !self.sections.contains("nodes") {
            warnings.push(Warning {
                file: file.to_string(),
                message: "no `nodes` section: the manifest describes no models, seeds, snapshots or tests".into(),
            });
        }
        // Unstable sorts sort in place: a stable sort's buffer would be a memory peak.
        self.nodes.sort_unstable_by(|a, b| a.unique_id.cmp(&b.unique_id));
        self.tests.sort_unstable_by(|a, b| a.unique_id.cmp(&b.unique_id));
        self.exposures.sort_unstable_by(|a, b| a.unique_id.cmp(&b.unique_id));
        self.others.sort_unstable_by(|a, b| a.unique_id.cmp(&b.unique_id));
        for (what, ids) in [
            ("node", self.nodes.iter().map(|n| n.unique_id.as_ref()).collect::<Vec<_>>()),
            ("test", self.tests.iter().map(|n| n.unique_id.as_ref()).collect()),
        ] {
            for pair in ids.windows(2) {
                if let [a, b] = pair {
                    if a == b {
                        warnings.push(Warning {
                            file: file.to_string(),
                            message: format!("{what} `{a}` appears more than once; only one is kept"),
                        });
                    }
                }
            }
        }
        self.nodes.dedup_by(|later, earlier| later.unique_id == earlier.unique_id);
        self.tests.dedup_by(|later, earlier| later.unique_id == earlier.unique_id);
        self.nodes.shrink_to_fit();
        self.tests.shrink_to_fit();
        self.exposures.shrink_to_fit();
        self.others.shrink_to_fit();
        let project_name = self
            .metadata
            .project_name
            .clone()
            .filter(|s| !s.trim().is_empty())
            .or_else(|| most_frequent_package(&self.nodes, &self.tests));
        Project {
            info: ProjectInfo {
                project_name,
                dbt_version: self.metadata.dbt_version.clone(),
                adapter_type: self.metadata.adapter_type.clone(),
                generated_at: self.metadata.generated_at.clone(),
                send_anonymous_usage_stats: self.metadata.send_anonymous_usage_stats,
            },
            inputs: Vec::new(),
            nodes: self.nodes,
            tests: self.tests,
            exposures: self.exposures,
            others: self.others,
            section_counts: self.section_counts,
            test_status: BTreeMap::new(),
            has_catalog: false,
            has_run_results: false,
        }
    }
}

/// The root package of manifests without `metadata.project_name`: the most frequent package
/// among models (ties: alphabetically first); with no models, among all nodes.
fn most_frequent_package(nodes: &[Node], tests: &[Test]) -> Option<String> {
    let pick = |names: &mut dyn Iterator<Item = &str>| -> Option<String> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for n in names.filter(|n| !n.is_empty()) {
            *counts.entry(n).or_default() += 1;
        }
        let best = counts.values().copied().max()?;
        counts.into_iter().find(|(_, c)| *c == best).map(|(n, _)| n.to_string())
    };
    let mut models = nodes.iter().filter(|n| n.resource_type == ResourceType::Model).map(|n| n.package_name.as_ref());
    pick(&mut models).or_else(|| {
        let mut all = nodes
            .iter()
            .filter(|n| n.resource_type != ResourceType::Source)
            .map(|n| n.package_name.as_ref())
            .chain(tests.iter().map(|t| t.package_name.as_ref()));
        pick(&mut all)
    })
}

//! What a rule reads: the [`Context`] of one analysis (the project, its lineage, the PHI
//! classification and the policy), with the indexes every rule shares, computed once.

use std::collections::{BTreeMap, BTreeSet};

use super::{clinical, Target};
use crate::lineage::Lineage;
use crate::model::{Node, Project};
use crate::policy::{Policy, RulesConfig};

/// Everything a rule can read.
pub struct Context<'p> {
    /// The project.
    pub project: &'p Project,
    /// Its lineage.
    pub lineage: &'p Lineage<'p>,
    /// The policy in force.
    pub policy: &'p Policy,
    /// Its `[rules]` section.
    pub rules: &'p RulesConfig,
    /// The PHI classification.
    pub phi: &'p crate::phi::PhiReport,
    /// Tests indexed by the node they are attached to.
    tests_by_id: BTreeMap<&'p str, Vec<&'p crate::model::Test>>,
    /// Nodes that feed an exposure (directly or not), and the exposures they feed.
    exposures_fed: BTreeMap<&'p str, BTreeSet<&'p str>>,
    /// Clinical columns of models and snapshots, classified once; empty when the project
    /// holds no patient data (clinical business rules do not apply to it).
    clinical: std::collections::HashMap<&'p str, clinical::NodeClinical<'p>>,
    /// By index into `project.nodes`: the index of its PHI classification in `phi.nodes`.
    phi_at: Vec<Option<u32>>,
    /// By index into `project.nodes`: the enabled tests attached to it.
    tests_at: Vec<Vec<&'p crate::model::Test>>,
    /// By index into `project.nodes`: whether it feeds an exposure.
    feeds_at: Vec<bool>,
    /// By index into `project.nodes`: its declarations, when the PHI classification kept them.
    declarations: Vec<Option<crate::phi::NodeDeclaration>>,
}

impl<'p> Context<'p> {
    /// Builds the context (indexes computed once for every rule).
    pub fn new(
        project: &'p Project,
        lineage: &'p Lineage<'p>,
        phi: &'p crate::phi::PhiReport,
        policy: &'p Policy,
    ) -> Self {
        let mut tests_by_node: BTreeMap<&str, Vec<&crate::model::Test>> = BTreeMap::new();
        for t in project.tests.iter().filter(|t| t.enabled) {
            let mut attached: BTreeSet<&str> = BTreeSet::new();
            if let Some(a) = t.attached_node.as_deref() {
                attached.insert(a);
            }
            if t.test_name().is_none() {
                // A singular test reads its models directly: count it for each of them.
                attached.extend(t.depends_on.iter().map(|d| d.as_ref()));
            }
            for a in attached {
                tests_by_node.entry(a).or_default().push(t);
            }
        }
        let mut feeds_exposure: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for e in &project.exposures {
            for upstream in lineage.upstream(&e.unique_id) {
                feeds_exposure.entry(upstream).or_default().insert(e.unique_id.as_str());
            }
        }
        let mut clinical_columns = std::collections::HashMap::new();
        if phi.clinical {
            for n in project.nodes.iter().filter(|n| {
                n.enabled
                    && policy.rules.in_scope(n)
                    && matches!(
                        n.resource_type,
                        crate::model::ResourceType::Model | crate::model::ResourceType::Snapshot
                    )
            }) {
                let c = clinical::node_clinical(n);
                if c.len() > 0 {
                    clinical_columns.insert(n.unique_id.as_ref(), c);
                }
            }
        }
        // The same facts by node index: the rules ask for every node, and comparing long
        // unique_ids in binary searches was a large part of their time.
        let mut phi_at = Vec::with_capacity(project.nodes.len());
        let mut at = 0;
        for n in &project.nodes {
            while phi.nodes.get(at).is_some_and(|p| p.unique_id.as_str() < &*n.unique_id) {
                at += 1;
            }
            let found = phi.nodes.get(at).is_some_and(|p| p.unique_id.as_str() == &*n.unique_id);
            phi_at.push(if found { u32::try_from(at).ok() } else { None });
        }
        let tests_at = project
            .nodes
            .iter()
            .map(|n| tests_by_node.get(n.unique_id.as_ref()).cloned().unwrap_or_default())
            .collect();
        let feeds_at = project.nodes.iter().map(|n| feeds_exposure.contains_key(n.unique_id.as_ref())).collect();
        Context {
            project,
            lineage,
            policy,
            rules: &policy.rules,
            phi,
            tests_by_id: tests_by_node,
            exposures_fed: feeds_exposure,
            clinical: clinical_columns,
            phi_at,
            tests_at,
            feeds_at,
            declarations: Vec::new(),
        }
    }

    /// The context, with the node declarations the PHI classification read (by node index).
    pub(crate) fn with_declarations(mut self, declarations: Vec<Option<crate::phi::NodeDeclaration>>) -> Self {
        if declarations.len() == self.project.nodes.len() {
            self.declarations = declarations;
        }
        self
    }

    /// The index of `node` in `project.nodes`, when it is one of them: found from its address,
    /// as the rules hand back the nodes [`Context::nodes`] gave them.
    fn index_of(&self, node: &Node) -> Option<usize> {
        let base = self.project.nodes.as_ptr() as usize;
        let offset = (node as *const Node as usize).checked_sub(base)?;
        let i = offset / std::mem::size_of::<Node>().max(1);
        self.project.nodes.get(i).filter(|n| std::ptr::eq(*n, node)).map(|_| i)
    }

    /// The PHI classification of a node of the project.
    pub fn phi_of(&self, node: &Node) -> Option<&'p crate::phi::NodePhi> {
        match self.index_of(node) {
            Some(i) => {
                let at = self.phi_at.get(i).copied().flatten()?;
                self.phi.nodes.get(at as usize)
            }
            None => {
                let nodes = &self.phi.nodes;
                let unique_id: &str = &node.unique_id;
                nodes.binary_search_by(|n| n.unique_id.as_str().cmp(unique_id)).ok().and_then(|i| nodes.get(i))
            }
        }
    }

    /// The enabled tests attached to a node of the project (a singular test counts for each
    /// node it reads).
    pub fn tests_of(&self, node: &Node) -> &[&'p crate::model::Test] {
        match self.index_of(node).and_then(|i| self.tests_at.get(i)) {
            Some(tests) => tests,
            None => self.tests_by_id.get(node.unique_id.as_ref()).map_or(&[], Vec::as_slice),
        }
    }

    /// Whether a node of the project feeds at least one exposure.
    pub fn feeds_exposure(&self, node: &Node) -> bool {
        match self.index_of(node).and_then(|i| self.feeds_at.get(i)) {
            Some(feeds) => *feeds,
            None => self.exposures_fed.contains_key(node.unique_id.as_ref()),
        }
    }

    /// A node's declarations (read once by the PHI classification, else now).
    pub(crate) fn node_declaration(&self, node: &Node) -> std::borrow::Cow<'_, crate::phi::NodeDeclaration> {
        match self.index_of(node).and_then(|i| self.declarations.get(i)).and_then(Option::as_ref) {
            Some(d) => std::borrow::Cow::Borrowed(d),
            None => std::borrow::Cow::Owned(crate::phi::node_declaration(node, self.policy)),
        }
    }

    /// The enabled data nodes a rule with these targets should look at, in unique_id order.
    pub fn nodes<'a>(&'a self, targets: &'a [Target]) -> impl Iterator<Item = &'p Node> + 'a {
        let project = self.project;
        project.nodes.iter().filter(move |n| {
            n.enabled
                && self.rules.in_scope(n)
                && targets.iter().any(|t| match t {
                    Target::Model => n.resource_type == crate::model::ResourceType::Model,
                    Target::Source => n.resource_type == crate::model::ResourceType::Source,
                    Target::Seed => n.resource_type == crate::model::ResourceType::Seed,
                    Target::Snapshot => n.resource_type == crate::model::ResourceType::Snapshot,
                    _ => false,
                })
        })
    }

    /// The node with this id, when it is enabled and in scope.
    pub fn scoped_node(&self, unique_id: &str) -> Option<&'p Node> {
        self.project.node(unique_id).filter(|n| n.enabled && self.rules.in_scope(n))
    }

    /// The clinical columns of a model or snapshot (none in projects without patient data).
    pub(crate) fn clinical(&self, node: &Node) -> &clinical::NodeClinical<'p> {
        static NONE: clinical::NodeClinical<'static> = clinical::NodeClinical {
            ages: Vec::new(),
            diagnosis_codes: Vec::new(),
            values: Vec::new(),
            pairs: Vec::new(),
        };
        self.clinical.get(node.unique_id.as_ref()).unwrap_or(&NONE)
    }
}

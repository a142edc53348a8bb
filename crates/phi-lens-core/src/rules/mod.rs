//! Compliance rules: one file per rule, an ordered registry, and the findings they produce.
//!
//! A rule is a [`RuleDef`]: a stable id (`PHI003`), a kebab-case name, a family, a default
//! severity, the resource kinds it applies to, its documentation (the sections *What it
//! checks*, *Why it matters*, *Example*, *How to fix*) and a pure check function over the
//! [`Context`]. `docs/rules.md` and `phi-lens explain RULE` are generated from the same text.
//!
//! **Invariant:** rules are pure functions of the project model, its lineage and the policy.
//! A rule that cannot evaluate says so (a `not_evaluated` note), never passes silently.

pub(crate) mod clinical;
mod registry;
#[cfg(test)]
pub(crate) mod testing;

mod acc001_phi_without_row_access_policy;
mod acc002_phi_granted_to_broad_role;
mod doc001_description_missing;
mod doc002_no_source_system;
mod doc003_no_known_limitations;
mod doc004_phi_column_undescribed;
mod exp001_exposure_without_owner;
mod exp002_exposure_incomplete;
mod exp003_exposure_lineage_broken;
mod exp004_exposure_feeder_below_bar;
mod phi001_sensitivity_undocumented;
mod phi002_column_sensitivity_undocumented;
mod phi003_undeclared_detected_phi;
mod phi004_undeclared_inherited_phi;
mod phi005_phi_without_category;
mod phi006_phi_outside_phi_schema;
mod phi007_phi_without_tag;
mod phi008_phi_in_dev_unmasked;
mod phi009_deidentified_carries_identifier;
mod phi010_phi_reaches_exposure_undeclared;
mod phi011_deidentified_without_method;
mod tst001_primary_key_untested;
mod tst002_no_generic_tests;
mod tst003_age_without_range_test;
mod tst004_diagnosis_code_unvalidated;
mod tst005_date_pair_unordered;
mod tst006_clinical_value_without_range_test;
mod tst007_test_failed;
mod tst008_source_not_fresh;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;

use crate::findings::{Family, Finding, RuleId, Severity, Target, Waiver};
use crate::lineage::Lineage;
use crate::model::{Node, Project, Text};

use crate::policy::{Policy, RulesConfig};
pub use registry::{rule, RULES};

/// A rule: identity, documentation and check.
pub struct RuleDef {
    /// Stable id, never reused (e.g. `PHI003`).
    pub id: RuleId,
    /// Kebab-case name of the pattern it flags (e.g. `undeclared-detected-phi`).
    pub name: &'static str,
    /// Family.
    pub family: Family,
    /// Default severity (the policy may override it).
    pub severity: Severity,
    /// What it applies to.
    pub targets: &'static [Target],
    /// One line: what it checks.
    pub summary: &'static str,
    /// Markdown with the sections `### What it checks`, `### Why it matters`, `### Example`, `### How to fix`.
    pub doc: &'static str,
    /// The check.
    pub check: fn(&Context<'_>, &mut Emitter<'_>),
}

impl fmt::Debug for RuleDef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuleDef").field("id", &self.id).field("name", &self.name).finish()
    }
}

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
    pub tests_by_node: BTreeMap<&'p str, Vec<&'p crate::model::Test>>,
    /// Nodes that feed an exposure (directly or not), and the exposures they feed.
    pub feeds_exposure: BTreeMap<&'p str, BTreeSet<&'p str>>,
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
            tests_by_node,
            feeds_exposure,
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
            None => self.phi_node(&node.unique_id),
        }
    }

    /// The enabled tests attached to a node of the project.
    pub fn tests_of(&self, node: &Node) -> &[&'p crate::model::Test] {
        match self.index_of(node).and_then(|i| self.tests_at.get(i)) {
            Some(tests) => tests,
            None => self.tests_on(&node.unique_id),
        }
    }

    /// Whether a node of the project feeds at least one exposure.
    pub fn feeds_exposure_of(&self, node: &Node) -> bool {
        match self.index_of(node).and_then(|i| self.feeds_at.get(i)) {
            Some(feeds) => *feeds,
            None => self.feeds_an_exposure(&node.unique_id),
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

    /// The PHI classification of a node.
    pub fn phi_node(&self, unique_id: &str) -> Option<&'p crate::phi::NodePhi> {
        let nodes = &self.phi.nodes;
        nodes.binary_search_by(|n| n.unique_id.as_str().cmp(unique_id)).ok().and_then(|i| nodes.get(i))
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

    /// The enabled tests attached to a node.
    pub fn tests_on(&self, unique_id: &str) -> &[&'p crate::model::Test] {
        self.tests_by_node.get(unique_id).map_or(&[], Vec::as_slice)
    }

    /// Whether the node feeds at least one exposure.
    pub fn feeds_an_exposure(&self, unique_id: &str) -> bool {
        self.feeds_exposure.contains_key(unique_id)
    }
}

/// Collects one rule's findings, stamping them with the rule and its policy severity.
pub struct Emitter<'r> {
    rule: &'r RuleDef,
    severity: Severity,
    out: Vec<Finding>,
}

impl Emitter<'_> {
    /// Reports a finding at the rule's severity.
    pub fn emit(&mut self, unique_id: &Text, column: Option<&Text>, message: String, fix: String) {
        let severity = self.severity;
        self.emit_at(severity, unique_id, column, message, fix);
    }

    /// Reports a finding at another severity (a rule escalates, e.g. a failed test on PHI).
    pub fn emit_at(
        &mut self,
        severity: Severity,
        unique_id: &Text,
        column: Option<&Text>,
        message: String,
        fix: String,
    ) {
        self.out.push(Finding {
            rule: self.rule.id,
            rule_name: self.rule.name,
            family: self.rule.family,
            severity,
            unique_id: unique_id.clone(),
            column: column.cloned(),
            message,
            fix,
            waiver: None,
        });
    }

    /// The rule's default severity after policy.
    pub fn severity(&self) -> Severity {
        self.severity
    }
}

/// The result of running every enabled rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckResult {
    /// Every finding, waived ones included, sorted by (unique_id, column, rule).
    pub findings: Vec<Finding>,
    /// Waivers that could not be applied (no reason, unknown rule), as messages.
    pub waiver_problems: Vec<String>,
}

/// Runs every rule the policy enables and applies waivers.
pub fn check(ctx: &Context<'_>) -> CheckResult {
    check_with(ctx, &crate::join::Sequential)
}

/// [`check`], with the rules shared between both sides of `join`; the same result.
pub fn check_with<J: crate::join::Join>(ctx: &Context<'_>, join: &J) -> CheckResult {
    let run = |i: usize| {
        let rule = &RULES[i];
        if !ctx.rules.rule_enabled(rule.id.as_str(), rule.name) {
            return Vec::new();
        }
        let severity = ctx.rules.severity_for(rule.id.as_str(), rule.name).unwrap_or(rule.severity);
        let mut emitter = Emitter { rule, severity, out: Vec::new() };
        #[cfg(feature = "rule-timing")]
        let started = std::time::Instant::now();
        (rule.check)(ctx, &mut emitter);
        #[cfg(feature = "rule-timing")]
        eprintln!("{} {:?} {}", rule.id, started.elapsed(), emitter.out.len());
        emitter.out
    };
    // The rules that read every node or column are taken first, so that neither side is
    // left with a long one at the end; the findings are put back in registry order.
    let mut order: Vec<usize> = (0..RULES.len()).collect();
    order.sort_by_key(|&i| {
        !matches!(
            RULES[i].id,
            RuleId::Tst001 | RuleId::Phi001 | RuleId::Doc002 | RuleId::Doc004 | RuleId::Phi002 | RuleId::Doc001
        )
    });
    let (per_rule, (waivers, waiver_problems)) = crate::join::map_indices_beside(
        join,
        order.len(),
        1,
        |k| (order[k], run(order[k])),
        || collect_waivers(ctx.project),
    );
    let mut per_rule: Vec<(usize, Vec<Finding>)> = per_rule;
    per_rule.sort_unstable_by_key(|(i, _)| *i);
    let mut findings = Vec::with_capacity(per_rule.iter().map(|(_, f)| f.len()).sum());
    for (_, out) in per_rule {
        findings.extend(out);
    }
    for f in &mut findings {
        if let Some(ws) = waivers.get(f.unique_id.as_ref()) {
            f.waiver = ws
                .iter()
                .find(|w| {
                    (w.rule.eq_ignore_ascii_case(f.rule.as_str()) || w.rule == f.rule_name)
                        && w.column
                            .as_deref()
                            .is_none_or(|c| f.column.as_deref().is_some_and(|fc| fc.eq_ignore_ascii_case(c)))
                })
                .cloned();
        }
    }
    findings.sort_by(finding_order);
    CheckResult { findings, waiver_problems }
}

/// The report's order of findings: by unique_id, column, rule and message.
fn finding_order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    (a.unique_id.as_ref(), a.column.as_deref(), a.rule, &a.message).cmp(&(
        b.unique_id.as_ref(),
        b.column.as_deref(),
        b.rule,
        &b.message,
    ))
}

/// Reads `meta.phi_lens.waive` of every node and exposure (and `meta.phi_lens.waive` of columns,
/// which waive for that column only).
fn collect_waivers(project: &Project) -> (BTreeMap<String, Vec<Waiver>>, Vec<String>) {
    use crate::artifacts::MetaValue;
    let mut out: BTreeMap<String, Vec<Waiver>> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut read = |uid: &str, column: Option<&str>, meta: &crate::artifacts::Meta| {
        let Some(MetaValue::Map(pl)) = meta.get("phi_lens") else { return };
        let Some(list) = pl.get("waive") else { return };
        let items: Vec<&MetaValue> = match list {
            MetaValue::List(l) => l.iter().collect(),
            other => vec![other],
        };
        for item in items {
            let MetaValue::Map(m) = item else {
                problems.push(format!("{uid}: a waiver must be an object with `rule` and `reason`"));
                continue;
            };
            let rule_ref = m.get("rule").and_then(MetaValue::as_str).unwrap_or("").trim().to_string();
            let reason = m.get("reason").and_then(MetaValue::as_str).unwrap_or("").trim().to_string();
            let known = RULES.iter().any(|r| r.id.as_str().eq_ignore_ascii_case(&rule_ref) || r.name == rule_ref);
            if !known {
                problems.push(format!("{uid}: waiver names unknown rule `{rule_ref}`; it is not applied"));
            } else if reason.is_empty() {
                problems.push(format!("{uid}: waiver of {rule_ref} has no reason; it is not applied"));
            } else {
                out.entry(uid.to_string()).or_default().push(Waiver {
                    rule: rule_ref,
                    reason,
                    column: column.map(str::to_string),
                });
            }
        }
    };
    for n in &project.nodes {
        read(&n.unique_id, None, &n.meta);
        for c in &n.columns {
            read(&n.unique_id, Some(&c.name), &c.meta);
        }
    }
    for e in &project.exposures {
        read(&e.unique_id, None, &e.meta);
    }
    problems.sort();
    (out, problems)
}

/// The rule documentation as one markdown page (what `docs/rules.md` holds).
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# phi-lens rules\n\n<!-- Generated from the rule registry by `phi-lens rules --markdown`; do not edit. -->\n\n",
    );
    out.push_str("| id | name | family | default severity | applies to |\n|---|---|---|---|---|\n");
    for r in RULES {
        let targets: Vec<&str> = r.targets.iter().map(|t| t.as_str()).collect();
        out.push_str(&format!(
            "| [{}](#{}) | `{}` | {} | {} | {} |\n",
            r.id,
            r.id.as_str().to_lowercase(),
            r.name,
            r.family.title(),
            r.severity,
            targets.join(", ")
        ));
    }
    let mut family = None;
    for r in RULES {
        if family != Some(r.family) {
            family = Some(r.family);
            out.push_str(&format!("\n## {}\n", r.family.title()));
        }
        out.push_str(&explain(r));
    }
    out
}

/// One rule's documentation (what `phi-lens explain RULE` prints).
pub fn explain(r: &RuleDef) -> String {
    let targets: Vec<&str> = r.targets.iter().map(|t| t.as_str()).collect();
    format!(
        "\n### {}\n\n`{}` · {} · default severity **{}** · applies to {}\n\n{}\n\n{}\n",
        r.id,
        r.name,
        r.family.title(),
        r.severity,
        targets.join(", "),
        r.summary,
        r.doc.trim().replace("\n### ", "\n#### ").replacen("### ", "#### ", 1)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_documented_with_all_sections() {
        for r in RULES {
            for section in ["### What it checks", "### Why it matters", "### Example", "### How to fix"] {
                assert!(r.doc.contains(section), "{} lacks `{section}`", r.id);
            }
            assert!(!r.summary.is_empty() && !r.targets.is_empty(), "{}", r.id);
        }
    }

    #[test]
    fn rule_ids_and_names_are_unique_and_ordered() {
        let ids: Vec<RuleId> = RULES.iter().map(|r| r.id).collect();
        assert_eq!(ids, RuleId::ALL, "the registry has every rule id once, in order");
        let codes: Vec<&str> = ids.iter().map(|r| r.as_str()).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted, "ids unique and in order in the registry");
        let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), RULES.len(), "names unique");
    }
}

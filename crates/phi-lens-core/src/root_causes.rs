//! Root causes: the findings of one rule that one change clears, grouped at the widest scope
//! (the project, a package, a folder, a source) where the rule's convention is missing, each
//! with the change written out, and ranked by risk.
//!
//! A scope lacks a rule's convention when more of the nodes the rule judges there
//! (`Remedy`'s `Judges`) are flagged than pass: there, the findings share one cause and one
//! fix. A finding climbs from its node's own folder (or source) outwards through scopes that
//! all lack the convention; where its own folder keeps it, the finding is an exception and
//! stays its own item, so a planted gap in a project that follows its conventions is never
//! folded into a group. Findings that need an edit per node (no config clears them) on the
//! nodes of an installed package (not the root project's own) share one cause whatever
//! folder they sit in: the package's files are not in this project, so the edits are its
//! maintainers' (or a waiver here). Every finding belongs to exactly one root cause.
//!
//! **Invariant:** deterministic: groups are keyed and ordered by sorted values only.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::analysis::Analysis;
use crate::findings::{Family, Finding, RuleId, Severity, Target};
use crate::model::{Node, Project, ResourceType};
use crate::phi::Status;
use crate::policy::Policy;
use crate::rules::{ConfigFix, Judges, Remedy, RuleDef};

/// How wide a root cause is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Every package the rules cover.
    Project,
    /// One dbt package.
    Package,
    /// A folder of a package (and its subfolders).
    Folder,
    /// One dbt source (all its tables).
    Source,
    /// One node, exposure or test.
    Node,
}

impl Scope {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Project => "project",
            Scope::Package => "package",
            Scope::Folder => "folder",
            Scope::Source => "source",
            Scope::Node => "node",
        }
    }
}

/// What kind of change clears a root cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FixKind {
    /// A block of `dbt_project.yml` (`text`), which sets a config on exactly the nodes of the
    /// root cause (a folder when every node of it needs the same value, else node by node).
    DbtProjectYml,
    /// No config at the scope clears them: each node or column needs its own edit (`summary`
    /// says why; `text` lists the edits the findings ask for).
    EachNode,
    /// One finding's own fix.
    Own,
}

/// The change that clears a root cause.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RootCauseFix {
    /// What kind of change.
    pub kind: FixKind,
    /// The change in one sentence.
    pub summary: String,
    /// The change written out: the `dbt_project.yml` block to paste, or the findings' fixes.
    pub text: String,
}

/// Findings of one rule that one change clears.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RootCause {
    /// The rule.
    pub rule: RuleId,
    /// Its name.
    pub rule_name: &'static str,
    /// Its family.
    pub family: Family,
    /// How wide it is.
    pub scope: Scope,
    /// Which project, package (`name`), folder (`package/path`), source (`package.source`)
    /// or node (unique_id).
    pub scope_id: String,
    /// How many findings it covers (waived ones included).
    pub findings: usize,
    /// How many of them are open.
    pub open: usize,
    /// The worst severity of its open findings (of all, when every one is waived).
    pub severity: Severity,
    /// Whether one of its nodes is on the path by which PHI reaches an exposure.
    pub phi_reaches_exposure: bool,
    /// The nodes its findings are about, sorted.
    pub nodes: Vec<String>,
    /// The change that clears them.
    pub fix: RootCauseFix,
    /// Its findings, as indices into the analysis' findings (not in the report: the rule and
    /// the nodes name them there).
    #[serde(skip)]
    pub finding_indices: Vec<usize>,
}

impl RootCause {
    /// Whether every finding of it is waived.
    pub fn is_waived(&self) -> bool {
        self.open == 0
    }
}

/// The root causes of an analysis, the riskiest first: open before waived, then the worst
/// severity, then whether PHI reaches an exposure through them, then the most findings.
pub fn root_causes(project: &Project, analysis: &Analysis) -> Vec<RootCause> {
    let mut steps = RootCauseSteps::new(project, analysis);
    while steps.step() {}
    steps.finish()
}

/// [`root_causes`] in steps a caller runs one at a time, each short enough for a browser task
/// (the app groups a large project's findings after the first paint): what the rules share is
/// read first ([`RootCauseSteps::new`]), then one rule's findings are grouped per step. The
/// same root causes, in the same order:
///
/// ```text
/// let mut steps = RootCauseSteps::new(project, analysis);
/// while steps.step() {}
/// let causes = steps.finish();
/// ```
pub struct RootCauseSteps<'a> {
    project: &'a Project,
    analysis: &'a Analysis,
    /// The findings of each rule not grouped yet, with their node's index in the project.
    by_rule: std::collections::btree_map::IntoIter<RuleId, Vec<Indexed<'a>>>,
    flagged_doc001: Vec<bool>,
    on_exposure_paths: BTreeSet<&'a str>,
    facts: Facts,
    out: Vec<RootCause>,
}

impl<'a> RootCauseSteps<'a> {
    /// What every rule's grouping reads: the findings by rule, the nodes' scopes.
    pub fn new(project: &'a Project, analysis: &'a Analysis) -> RootCauseSteps<'a> {
        let project_id = project.info.project_name.clone().unwrap_or_else(|| "project".to_string());
        // Each finding with the index of its node in the project, looked up once.
        let mut by_rule: BTreeMap<RuleId, Vec<Indexed<'a>>> = BTreeMap::new();
        for (i, f) in analysis.findings.iter().enumerate() {
            by_rule.entry(f.rule).or_default().push((i, f, node_index(project, &f.unique_id)));
        }
        let flagged_doc001 = flagged_nodes(project, by_rule.get(&RuleId::Doc001).into_iter().flatten());
        let facts =
            Facts { places: Places::new(project, &project_id), declared: Declared::default(), yml: YmlTree::default() };
        RootCauseSteps {
            project,
            analysis,
            by_rule: by_rule.into_iter(),
            flagged_doc001,
            on_exposure_paths: exposure_paths(analysis),
            facts,
            out: Vec::new(),
        }
    }

    /// Groups the next rule's findings; false once every rule's are grouped.
    pub fn step(&mut self) -> bool {
        let Some((rule_id, findings)) = self.by_rule.next() else { return false };
        self.group(rule_id, &findings);
        true
    }

    /// The root causes, the riskiest first (the rules not stepped through grouped first).
    pub fn finish(mut self) -> Vec<RootCause> {
        while self.step() {}
        let mut out = self.out;
        out.sort_by(|a, b| {
            (a.is_waived(), std::cmp::Reverse(a.severity), !a.phi_reaches_exposure, std::cmp::Reverse(a.findings))
                .cmp(&(
                    b.is_waived(),
                    std::cmp::Reverse(b.severity),
                    !b.phi_reaches_exposure,
                    std::cmp::Reverse(b.findings),
                ))
                .then_with(|| (a.rule, a.scope, &a.scope_id).cmp(&(b.rule, b.scope, &b.scope_id)))
        });
        out
    }

    /// The root causes of one rule's findings, added to `out`.
    fn group(&mut self, rule_id: RuleId, findings: &[Indexed<'a>]) {
        let (project, analysis, facts) = (self.project, self.analysis, &self.facts);
        let policy = &analysis.phi.policy;
        let places = &facts.places;
        let Some(rule) = crate::rules::RULES.iter().copied().find(|r| r.id == rule_id) else { return };
        let flagged = flagged_nodes(project, findings.iter());
        let missing = match rule.remedy {
            Remedy::Config(_, judges) | Remedy::EachNode(_, judges) => {
                let judge = Judge {
                    project,
                    rule,
                    judges,
                    analysis,
                    policy,
                    flagged_doc001: &self.flagged_doc001,
                    declared: &facts.declared,
                };
                missing_scopes(project, places, &flagged, &judge)
            }
            Remedy::Alone => Vec::new(),
        };
        // Keyed by scope, and for a rule whose findings stand alone by the finding's place too.
        let mut groups: BTreeMap<GroupKey, Vec<(usize, &Finding)>> = BTreeMap::new();
        for &(i, f, node) in findings {
            let key = match rule.remedy {
                Remedy::Alone => GroupKey::Alone(i),
                Remedy::EachNode(..) => match (widest_scope(places, node, &missing), node) {
                    // An installed package's nodes: one cause per package (its second scope).
                    (widest, Some(node)) if installed_package(project, &project.nodes[node]).is_some() => {
                        match widest {
                            Some(scope) if places.scopes[scope].0 <= Scope::Package => GroupKey::Scope(scope),
                            _ => GroupKey::Scope(places.chains[node][1]),
                        }
                    }
                    (Some(scope), _) => GroupKey::Scope(scope),
                    (None, _) => GroupKey::Node(&f.unique_id),
                },
                Remedy::Config(..) => match widest_scope(places, node, &missing) {
                    Some(scope) => GroupKey::Scope(scope),
                    None => GroupKey::Node(&f.unique_id),
                },
            };
            groups.entry(key).or_default().push((i, f));
        }
        for (key, indexed) in groups {
            let (scope, scope_id) = match key {
                GroupKey::Scope(scope) => places.scopes[scope].clone(),
                GroupKey::Node(unique_id) => (Scope::Node, unique_id.to_string()),
                GroupKey::Alone(i) => (Scope::Node, analysis.findings[i].unique_id.to_string()),
            };
            let finding_indices: Vec<usize> = indexed.iter().map(|(i, _)| *i).collect();
            let members: Vec<&Finding> = indexed.into_iter().map(|(_, f)| f).collect();
            let nodes: Vec<String> = sorted_unique(members.iter().map(|f| &*f.unique_id)).map(str::to_string).collect();
            let (scope, scope_id) = if nodes.len() == 1 { (Scope::Node, nodes[0].clone()) } else { (scope, scope_id) };
            let open: Vec<&&Finding> = members.iter().filter(|f| !f.is_waived()).collect();
            let severity = open
                .iter()
                .map(|f| f.severity)
                .max()
                .or_else(|| members.iter().map(|f| f.severity).max())
                .unwrap_or(Severity::Low);
            let fix = fix_of(project, analysis, facts, rule, scope, &members, &nodes);
            self.out.push(RootCause {
                rule: rule.id,
                rule_name: rule.name,
                family: rule.family,
                scope,
                scope_id,
                findings: members.len(),
                open: open.len(),
                severity,
                phi_reaches_exposure: nodes.iter().any(|n| self.on_exposure_paths.contains(n.as_str())),
                nodes,
                fix,
                finding_indices,
            });
        }
    }
}

/// A finding with its index in the analysis and its node's index in the project.
type Indexed<'a> = (usize, &'a Finding, Option<usize>);

/// The strings, sorted, each once. (A sort of a vector costs little on input already in order,
/// as a group's nodes mostly are: a `BTreeSet` compares every one again.)
fn sorted_unique<'s>(strings: impl Iterator<Item = &'s str>) -> impl Iterator<Item = &'s str> {
    let mut strings: Vec<&str> = strings.collect();
    strings.sort_unstable();
    strings.dedup();
    strings.into_iter()
}

/// A group's key: its scope (by [`Places`] number), the node it is about when no wider scope
/// lacks the convention, or for a rule whose findings stand alone the finding's index. Groups
/// are put in order by [`root_causes`]' sort, which every key but `Alone`'s settles; those
/// stay in the findings' order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum GroupKey<'a> {
    Scope(usize),
    Node(&'a str),
    Alone(usize),
}

/// Every node on a path by which PHI reaches an exposure, and the exposures it reaches.
fn exposure_paths(analysis: &Analysis) -> BTreeSet<&str> {
    analysis
        .phi
        .exposures
        .iter()
        .filter(|e| e.reached)
        .flat_map(|e| e.path.iter().map(String::as_str).chain(std::iter::once(e.unique_id.as_str())))
        .collect()
}

/// Which nodes a rule judges, read from the analysis.
struct Judge<'a> {
    project: &'a Project,
    rule: &'a RuleDef,
    judges: Judges,
    analysis: &'a Analysis,
    policy: &'a Policy,
    /// By the project's node order, whether DOC001 flags the node.
    flagged_doc001: &'a [bool],
    declared: &'a Declared,
}

impl Judge<'_> {
    /// Whether the rule judges this node, the project's `index`th (and, with no finding on it,
    /// found the convention kept).
    fn judges(&self, index: usize, node: &Node) -> bool {
        let targeted = node.enabled
            && self.policy.rules.in_scope(node)
            && self.rule.targets.iter().any(|t| targets(*t, &node.resource_type))
            && !is_ephemeral(node);
        targeted
            && match self.judges {
                Judges::Targets => true,
                Judges::DescribedTargets => !self.flagged_doc001.get(index).copied().unwrap_or(false),
                Judges::PhiNodes => self.status(node).is_some_and(Status::is_phi),
                Judges::DeclaringNodes => self.declared.of(self.project, self.policy, index).declares,
                Judges::DeclaringColumns => node.columns.iter().any(|c| {
                    let d = crate::phi::column_declaration(c, self.policy);
                    d.phi.is_some() || d.category.is_some()
                }),
                Judges::FlaggedOnly => false,
            }
    }

    fn status(&self, node: &Node) -> Option<Status> {
        status_of(self.analysis, &node.unique_id)
    }
}

/// What [`root_causes`] reads of the project once, for every rule.
struct Facts {
    places: Places,
    declared: Declared,
    yml: YmlTree,
}

/// What each node declares of itself, read once per call (the rules judging declaring nodes
/// and the PHI declaration's block read it for every node).
#[derive(Default)]
struct Declared(std::cell::OnceCell<Vec<Declaration>>);

#[derive(Clone, Copy)]
struct Declaration {
    /// It declares PHI, de-identification or a PHI schema.
    declares: bool,
    /// It declares itself PHI.
    phi: bool,
}

impl Declared {
    /// The declaration of the project's `index`th node.
    fn of(&self, project: &Project, policy: &Policy, index: usize) -> Declaration {
        let all = self.0.get_or_init(|| {
            project
                .nodes
                .iter()
                .map(|node| {
                    let d = crate::phi::node_declaration(node, policy);
                    Declaration {
                        declares: d.own.phi.is_some() || d.deidentified.is_some() || d.phi_schema.is_some(),
                        phi: d.own.phi == Some(true),
                    }
                })
                .collect()
        });
        all.get(index).copied().unwrap_or(Declaration { declares: false, phi: false })
    }
}

fn status_of(analysis: &Analysis, unique_id: &str) -> Option<Status> {
    let nodes = &analysis.phi.nodes;
    nodes.binary_search_by(|p| p.unique_id.as_str().cmp(unique_id)).ok().and_then(|i| nodes.get(i)).map(|p| p.status)
}

fn targets(target: Target, resource_type: &ResourceType) -> bool {
    match target {
        Target::Model => *resource_type == ResourceType::Model,
        Target::Source => *resource_type == ResourceType::Source,
        Target::Seed => *resource_type == ResourceType::Seed,
        Target::Snapshot => *resource_type == ResourceType::Snapshot,
        Target::Column => resource_type.holds_data(),
        Target::Test | Target::Exposure => false,
    }
}

fn is_ephemeral(node: &Node) -> bool {
    node.materialized.as_deref().is_some_and(|m| m.eq_ignore_ascii_case("ephemeral"))
}

/// The scopes of a node, the widest first: the project, its package, its folders (shallowest
/// first) or its source.
fn chain(project_id: &str, node: &Node) -> Vec<(Scope, String)> {
    let package = &*node.package_name;
    let mut out = vec![(Scope::Project, project_id.to_string()), (Scope::Package, package.to_string())];
    if let Some(source) = &node.source_name {
        out.push((Scope::Source, format!("{package}.{source}")));
        return out;
    }
    let dirs = folders(node);
    for depth in 1..=dirs.len() {
        out.push((Scope::Folder, format!("{package}/{}", dirs[..depth].join("/"))));
    }
    out
}

/// The folders of the file a node is defined in (`models/core/x.sql` → `models`, `core`).
fn folders(node: &Node) -> Vec<&str> {
    let mut parts: Vec<&str> = node.original_file_path.split(['/', '\\']).filter(|p| !p.is_empty()).collect();
    parts.pop();
    parts
}

/// By the project's node order, whether one of `findings` is about the node.
fn flagged_nodes<'f, 'p: 'f>(project: &Project, findings: impl Iterator<Item = &'f Indexed<'p>>) -> Vec<bool> {
    let mut flagged = vec![false; project.nodes.len()];
    for &(_, _, node) in findings {
        if let Some(i) = node {
            flagged[i] = true;
        }
    }
    flagged
}

/// The position of a node in the project's nodes (sorted by unique_id).
fn node_index(project: &Project, unique_id: &str) -> Option<usize> {
    project.nodes.binary_search_by(|n| (*n.unique_id).cmp(unique_id)).ok()
}

/// Every node's [`chain`] of scopes, computed once for all rules: each scope is written once
/// and numbered, and a node's chain is its scopes' numbers (a rule's tally then counts by
/// number instead of building and comparing the scopes' strings node by node; on a 12,000-node
/// project that was most of the root causes' time).
struct Places {
    /// The scopes, by number.
    scopes: Vec<(Scope, String)>,
    /// Each node's scopes (by the project's node order), the widest first.
    chains: Vec<Vec<usize>>,
}

impl Places {
    fn new(project: &Project, project_id: &str) -> Places {
        let mut numbers: BTreeMap<(Scope, String), usize> = BTreeMap::new();
        let mut scopes = Vec::new();
        let chains = project
            .nodes
            .iter()
            .map(|node| {
                chain(project_id, node)
                    .into_iter()
                    .map(|scope| {
                        *numbers.entry(scope).or_insert_with_key(|scope| {
                            scopes.push(scope.clone());
                            scopes.len() - 1
                        })
                    })
                    .collect()
            })
            .collect();
        Places { scopes, chains }
    }
}

/// For every scope, how many nodes the rule judges pass it (keep the convention) and how many
/// it flags.
#[derive(Default, Clone, Copy)]
struct Tally {
    kept: usize,
    flagged: usize,
}

/// The scopes where the convention is missing (by [`Places`] number): more of the nodes the
/// rule judges there are flagged than pass.
fn missing_scopes(project: &Project, places: &Places, flagged: &[bool], judge: &Judge<'_>) -> Vec<bool> {
    let mut tally = vec![Tally::default(); places.scopes.len()];
    for (index, (node, chain)) in project.nodes.iter().zip(&places.chains).enumerate() {
        let is_flagged = flagged.get(index).copied().unwrap_or(false);
        if !is_flagged && !judge.judges(index, node) {
            continue;
        }
        for &scope in chain {
            let t = &mut tally[scope];
            if is_flagged {
                t.flagged += 1;
            } else {
                t.kept += 1;
            }
        }
    }
    tally.into_iter().map(|t| t.flagged > t.kept).collect()
}

/// The scope of a finding's root cause (by [`Places`] number): from the node's own folder (or
/// source) outwards, the widest scope reached through scopes that all lack the convention;
/// `None` (the node itself) when its own folder keeps it, or the finding is not about a data
/// node.
fn widest_scope(places: &Places, node: Option<usize>, missing: &[bool]) -> Option<usize> {
    let mut widest = None;
    for &scope in node.map_or(&[][..], |i| &places.chains[i]).iter().rev() {
        if !missing.get(scope).copied().unwrap_or(false) {
            break;
        }
        widest = Some(scope);
    }
    widest
}

/// The installed package a node belongs to, when it is not the root project's own: its files
/// are not in this project, so an edit per node is the package maintainers' (or a waiver
/// here), and its findings of such a rule share that one cause whatever folder they sit in.
fn installed_package<'p>(project: &Project, node: &'p Node) -> Option<&'p str> {
    let own = project.info.project_name.as_deref()?;
    let package = &*node.package_name;
    (package != own).then_some(package)
}

/// The change that clears a group's findings.
fn fix_of(
    project: &Project,
    analysis: &Analysis,
    facts: &Facts,
    rule: &RuleDef,
    scope: Scope,
    members: &[&Finding],
    nodes: &[String],
) -> RootCauseFix {
    let fixes: Vec<&str> = sorted_unique(members.iter().map(|f| f.fix.as_str())).collect();
    match rule.remedy {
        Remedy::Config(config, _) if nodes.iter().all(|n| project.node(n).is_some()) => {
            let block = ConfigBlock { project, analysis, config, tree: &facts.yml, declared: &facts.declared };
            let text = block.yaml(nodes);
            let what = config_summary(config, &analysis.phi.policy);
            let summary = match scope {
                Scope::Node => format!("In dbt_project.yml (or the node's yml): {what}."),
                _ => format!(
                    "One block of dbt_project.yml clears all {}: {what}, on exactly the {} they are about.",
                    members.len(),
                    plural(nodes.len(), "node")
                ),
            };
            RootCauseFix { kind: FixKind::DbtProjectYml, summary, text }
        }
        Remedy::EachNode(why, _) if scope != Scope::Node => {
            let mut summary = format!(
                "No single config clears these ({why}): each of the {} needs its own edit.",
                plural(nodes.len(), "node")
            );
            // Said only when every node is of the same installed package.
            let packages: Option<BTreeSet<&str>> =
                nodes.iter().map(|n| project.node(n).and_then(|node| installed_package(project, node))).collect();
            if let Some([package]) = packages.map(|p| p.into_iter().collect::<Vec<_>>()).as_deref() {
                summary.push_str(&format!(
                    " They are nodes of the installed package `{package}`, whose files this project does \
                     not hold: the edits are its maintainers' to make (or, with a reason, a waiver of the \
                     rule on the package in dbt_project.yml: `+meta: {{phi_lens: {{waive: …}}}}`)."
                ));
            }
            RootCauseFix { kind: FixKind::EachNode, summary, text: fixes.join("\n") }
        }
        _ => RootCauseFix {
            kind: FixKind::Own,
            summary: fixes.first().map_or_else(String::new, |f| (*f).to_string()),
            text: fixes.join("\n"),
        },
    }
}

/// What a config fix sets, in words.
fn config_summary(config: ConfigFix, policy: &Policy) -> String {
    let names = Names::of(policy);
    match config {
        ConfigFix::Sensitivity => format!("`+meta: {{{}: true}}` where PHI is, `false` elsewhere", names.flag),
        ConfigFix::DeclarePhi => format!("declare PHI with `+meta: {{{}: true}}`", names.flag),
        ConfigFix::PhiTag => format!("tag them `{}`", names.tag),
        ConfigFix::PhiSchema => format!("materialise them in the PHI schema (`+schema: {}`)", names.schema),
        ConfigFix::RowAccess => format!(
            "apply a row access policy in a `+post-hook` and document it in `+meta: {{{}: …}}`",
            names.row_access
        ),
        ConfigFix::SourceSystem => format!("name the source system in `+meta: {{{}: …}}`", names.source_system),
    }
}

/// The names a fix writes, the policy's first of each.
struct Names<'p> {
    flag: &'p str,
    tag: &'p str,
    schema: &'p str,
    row_access: &'p str,
    source_system: &'p str,
}

impl<'p> Names<'p> {
    fn of(policy: &'p Policy) -> Names<'p> {
        // The conventional name when the policy lists it (its lists are kept sorted), else its first.
        let first = |list: &'p [String], default: &'p str| {
            list.iter().find(|k| k.as_str() == default).or_else(|| list.first()).map_or(default, String::as_str)
        };
        Names {
            flag: first(&policy.declared.flag_keys, "phi"),
            tag: first(&policy.declared.phi_tags, "phi"),
            schema: policy.schemas.phi.iter().find(|s| !s.contains('*')).map_or("phi", String::as_str),
            row_access: first(&policy.rules.row_access_keys, "row_access_policy"),
            source_system: first(&policy.rules.source_system_keys, "source_system"),
        }
    }
}

/// The placeholder a fix writes where only the project knows the value.
pub const POLICY_PLACEHOLDER: &str = "care_team_panel";
/// The placeholder of a source system's name.
pub const SYSTEM_PLACEHOLDER: &str = "<the system the data comes from>";

/// Where every enabled node of a configurable resource type sits in `dbt_project.yml`: a tree
/// of keys (section, package, folders, source, name: [`dbt_path`]), built once, the first time
/// a config block is written, and shared by every block. With it a block is written from its
/// own nodes' places and counts kept per config, instead of a tree of every node of the
/// package built again for each block (on a 12,000-node project, most of the root causes' time).
#[derive(Default)]
struct YmlTree {
    built: std::cell::OnceCell<YmlEntries>,
    /// Per config: how many nodes below each entry the config would change (not indifferent).
    counted: std::cell::RefCell<Vec<(ConfigFix, std::rc::Rc<Vec<usize>>)>>,
}

/// The tree's entries, numbered; entry 0 is the root, its children the sections.
struct YmlEntries {
    /// Each entry's key (a section's name, a package, a folder, a source, a node's name).
    keys: Vec<String>,
    /// Each entry's parent (the root's is itself).
    parents: Vec<usize>,
    /// For each node (the project's order), its entries from its section to its own, when it is
    /// enabled and of a configurable type.
    paths: Vec<Option<Vec<usize>>>,
    /// For each entry, the nodes whose own entry it is, in the project's order.
    own: Vec<Vec<usize>>,
}

impl YmlTree {
    fn places(&self, project: &Project) -> &YmlEntries {
        self.built.get_or_init(|| {
            let mut keys = vec![String::new()];
            let mut parents = vec![0];
            let mut children: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new()];
            let mut own = vec![Vec::new()];
            let mut paths = Vec::with_capacity(project.nodes.len());
            for (i, node) in project.nodes.iter().enumerate() {
                let Some(section) = section(&node.resource_type).filter(|_| node.enabled) else {
                    paths.push(None);
                    continue;
                };
                let mut at = 0;
                let mut path = Vec::new();
                for key in std::iter::once(section).chain(dbt_path(node)) {
                    at = match children[at].get(key) {
                        Some(&next) => next,
                        None => {
                            let next = keys.len();
                            children[at].insert(key.to_string(), next);
                            keys.push(key.to_string());
                            parents.push(at);
                            children.push(BTreeMap::new());
                            own.push(Vec::new());
                            next
                        }
                    };
                    path.push(at);
                }
                own[at].push(i);
                paths.push(Some(path));
            }
            YmlEntries { keys, parents, paths, own }
        })
    }

    /// For each entry, how many nodes below it (itself included) `block`'s config changes.
    fn counted(&self, block: &ConfigBlock<'_>) -> std::rc::Rc<Vec<usize>> {
        if let Some((_, counts)) = self.counted.borrow().iter().find(|(c, _)| *c == block.config) {
            return counts.clone();
        }
        let places = self.places(block.project);
        let mut counts = vec![0; places.keys.len()];
        for (index, path) in places.paths.iter().enumerate() {
            let Some(path) = path else { continue };
            if !block.indifferent(index) {
                for &at in path {
                    counts[at] += 1;
                }
            }
        }
        let counts = std::rc::Rc::new(counts);
        self.counted.borrow_mut().push((block.config, counts.clone()));
        counts
    }
}

/// Writes a `dbt_project.yml` block that sets a config on exactly the given nodes.
struct ConfigBlock<'a> {
    project: &'a Project,
    analysis: &'a Analysis,
    config: ConfigFix,
    tree: &'a YmlTree,
    declared: &'a Declared,
}

/// An entry of the block (one on the way to a node it sets the config on).
#[derive(Default)]
struct Entry {
    /// Nodes below needing a value, by value.
    need: BTreeMap<&'static str, usize>,
    /// Of those, the nodes the config would change anyway (not indifferent).
    counted: usize,
    /// Its entries that are in the block (sorted by key before they are written).
    children: Vec<usize>,
}

impl ConfigBlock<'_> {
    /// The value a node needs (`true`/`false` for the sensitivity, else one value).
    fn value(&self, node: &Node) -> &'static str {
        match self.config {
            ConfigFix::Sensitivity => {
                let phi = status_of(self.analysis, &node.unique_id)
                    .is_some_and(|s| s.is_phi() || s == Status::PossiblyInherited);
                if phi {
                    "true"
                } else {
                    "false"
                }
            }
            _ => "set",
        }
    }

    /// Whether the config changes nothing that matters on a node that does not need it.
    fn indifferent(&self, index: usize) -> bool {
        let node = &self.project.nodes[index];
        let policy = &self.analysis.phi.policy;
        match self.config {
            ConfigFix::RowAccess | ConfigFix::PhiSchema => is_ephemeral(node),
            ConfigFix::PhiTag => {
                let tag = Names::of(policy).tag;
                node.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
            }
            ConfigFix::DeclarePhi => self.declared.of(self.project, policy, index).phi,
            ConfigFix::Sensitivity | ConfigFix::SourceSystem => false,
        }
    }

    /// The block's YAML: a section per resource type, folders set where every node below
    /// needs the same value (and no node below that does not need it would be changed), nodes
    /// one by one elsewhere.
    fn yaml(&self, nodes: &[String]) -> String {
        let places = self.tree.places(self.project);
        let wanted: BTreeSet<usize> = nodes.iter().filter_map(|n| node_index(self.project, n)).collect();
        let mut entries: BTreeMap<usize, Entry> = BTreeMap::new();
        for &i in &wanted {
            let Some(path) = &places.paths[i] else { continue };
            let node = &self.project.nodes[i];
            let value = self.value(node);
            let counted = !self.indifferent(i);
            for (depth, &at) in path.iter().enumerate() {
                let entry = entries.entry(at).or_default();
                *entry.need.entry(value).or_default() += 1;
                entry.counted += usize::from(counted);
                if let Some(&child) = path.get(depth + 1) {
                    entry.children.push(child);
                }
            }
        }
        for entry in entries.values_mut() {
            entry.children.sort_unstable_by(|a, b| places.keys[*a].cmp(&places.keys[*b]));
            entry.children.dedup();
        }
        let counts = self.tree.counted(self);
        let mut sections: Vec<usize> = entries.keys().copied().filter(|&at| places.parents[at] == 0).collect();
        sections.sort_by(|a, b| places.keys[*a].cmp(&places.keys[*b]));
        let mut out = String::new();
        for section in sections {
            out.push_str(&places.keys[section]);
            out.push_str(":\n");
            for &package in &entries[&section].children {
                self.write(&mut out, package, &entries, &counts, &wanted, 1);
            }
        }
        out
    }

    fn write(
        &self,
        out: &mut String,
        at: usize,
        entries: &BTreeMap<usize, Entry>,
        counts: &[usize],
        wanted: &BTreeSet<usize>,
        depth: usize,
    ) {
        let places = self.tree.places(self.project);
        let Some(entry) = entries.get(&at) else { return };
        for _ in 0..depth {
            out.push_str("  ");
        }
        push_yaml_key(out, &places.keys[at]);
        out.push_str(":\n");
        // Nodes below that do not need the config but would be changed by it.
        let against = counts[at] - entry.counted;
        if against == 0 && entry.need.len() == 1 {
            if let Some(value) = entry.need.keys().next() {
                self.settings(out, value, depth + 1);
            }
            return;
        }
        // The entry's own node: the last one here (two versions of a model share a name)
        // among those the config concerns.
        let leaf = places.own[at]
            .iter()
            .rev()
            .find(|&&i| wanted.contains(&i) || !self.indifferent(i))
            .filter(|&&i| wanted.contains(&i))
            .map(|&i| self.value(&self.project.nodes[i]));
        if let Some(value) = &leaf {
            self.settings(out, value, depth + 1);
        }
        for &child in &entry.children {
            self.write(out, child, entries, counts, wanted, depth + 1);
        }
    }

    /// The config lines for one value, `depth` levels in.
    fn settings(&self, out: &mut String, value: &str, depth: usize) {
        let names = Names::of(&self.analysis.phi.policy);
        let i = "  ".repeat(depth);
        match self.config {
            ConfigFix::Sensitivity => out.push_str(&format!("{i}+meta:\n{i}  {}: {value}\n", names.flag)),
            ConfigFix::DeclarePhi => out.push_str(&format!("{i}+meta:\n{i}  {}: true\n", names.flag)),
            ConfigFix::PhiTag => out.push_str(&format!("{i}+tags: [\"{}\"]\n", names.tag)),
            ConfigFix::PhiSchema => out.push_str(&format!("{i}+schema: {}\n", names.schema)),
            ConfigFix::RowAccess => out.push_str(&format!(
                "{i}+meta:\n{i}  {}: {POLICY_PLACEHOLDER}  # the warehouse policy that filters the rows\n{i}+post-hook:\n{i}  - \"{{{{ apply_row_access_policy('{POLICY_PLACEHOLDER}') }}}}\"\n",
                names.row_access
            )),
            ConfigFix::SourceSystem => {
                out.push_str(&format!("{i}+meta:\n{i}  {}: \"{SYSTEM_PLACEHOLDER}\"\n", names.source_system))
            }
        }
    }
}

/// The `dbt_project.yml` section that configures a resource type.
fn section(resource_type: &ResourceType) -> Option<&'static str> {
    match resource_type {
        ResourceType::Model => Some("models"),
        ResourceType::Seed => Some("seeds"),
        ResourceType::Snapshot => Some("snapshots"),
        ResourceType::Source => Some("sources"),
        _ => None,
    }
}

/// How `dbt_project.yml` addresses a node (its fqn): the package, the folders below the
/// resource path, then the source's name and the table, or the node's name.
fn dbt_path(node: &Node) -> Vec<&str> {
    let mut path = vec![&*node.package_name];
    path.extend(folders(node).into_iter().skip(1));
    if let Some(source) = &node.source_name {
        path.push(source);
    }
    path.push(&node.name);
    path
}

/// Writes a key as YAML reads it back: bare when it is a plain name, else double-quoted.
fn push_yaml_key(out: &mut String, key: &str) {
    const WORDS: [&str; 9] = ["true", "false", "null", "yes", "no", "on", "off", "y", "n"];
    let plain = !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !WORDS.iter().any(|w| w.eq_ignore_ascii_case(key))
        && !key.starts_with('-');
    if plain {
        out.push_str(key);
    } else {
        out.push('"');
        out.push_str(&key.replace('\\', "\\\\").replace('"', "\\\""));
        out.push('"');
    }
}

/// One line per rule, as ruff's `--statistics`: open findings, code, name, and how many root
/// causes they come from.
pub fn statistics(findings: &[Finding], causes: &[RootCause]) -> Vec<String> {
    let mut by_rule: BTreeMap<RuleId, (usize, usize, &'static str)> = BTreeMap::new();
    for f in findings.iter().filter(|f| !f.is_waived()) {
        let e = by_rule.entry(f.rule).or_insert((0, 0, f.rule_name));
        e.0 += 1;
    }
    for c in causes.iter().filter(|c| !c.is_waived()) {
        if let Some(e) = by_rule.get_mut(&c.rule) {
            e.1 += 1;
        }
    }
    let mut rows: Vec<(RuleId, usize, usize, &str)> =
        by_rule.into_iter().map(|(r, (n, c, name))| (r, n, c, name)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let width = rows.iter().map(|r| r.1.to_string().len()).max().unwrap_or(1);
    rows.iter()
        .map(|(rule, n, causes, name)| format!("{n:>width$}\t{rule}\t{name}\t({})", plural(*causes, "root cause")))
        .collect()
}

/// `1 node`, `2 nodes`.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

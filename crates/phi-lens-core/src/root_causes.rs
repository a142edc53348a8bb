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
    let policy = &analysis.phi.policy;
    let project_id = project.info.project_name.clone().unwrap_or_else(|| "project".to_string());
    let mut by_rule: BTreeMap<RuleId, Vec<(usize, &Finding)>> = BTreeMap::new();
    for (i, f) in analysis.findings.iter().enumerate() {
        by_rule.entry(f.rule).or_default().push((i, f));
    }
    let flagged_doc001: BTreeSet<&str> =
        by_rule.get(&RuleId::Doc001).into_iter().flatten().map(|(_, f)| &*f.unique_id).collect();
    let on_exposure_paths = exposure_paths(analysis);
    let mut out = Vec::new();
    for (rule_id, findings) in &by_rule {
        let Some(rule) = crate::rules::RULES.iter().copied().find(|r| r.id == *rule_id) else { continue };
        let flagged: BTreeSet<&str> = findings.iter().map(|(_, f)| &*f.unique_id).collect();
        let missing = match rule.remedy {
            Remedy::Config(_, judges) | Remedy::EachNode(_, judges) => {
                let judge = Judge { rule, judges, analysis, policy, flagged_doc001: &flagged_doc001 };
                missing_scopes(project, &project_id, &flagged, &judge)
            }
            Remedy::Alone => BTreeSet::new(),
        };
        // Keyed by scope, and for a rule whose findings stand alone by the finding's place too.
        let mut groups: BTreeMap<GroupKey, Vec<(usize, &Finding)>> = BTreeMap::new();
        for &(i, f) in findings {
            let key = match rule.remedy {
                Remedy::Alone => (Scope::Node, f.unique_id.to_string(), i),
                Remedy::EachNode(..) => {
                    let (scope, id) = widest_scope(project, &project_id, &f.unique_id, &missing);
                    match installed_package(project, &f.unique_id) {
                        Some(package) if scope > Scope::Package => (Scope::Package, package.to_string(), 0),
                        _ => (scope, id, 0),
                    }
                }
                Remedy::Config(..) => {
                    let (scope, id) = widest_scope(project, &project_id, &f.unique_id, &missing);
                    (scope, id, 0)
                }
            };
            groups.entry(key).or_default().push((i, f));
        }
        for ((scope, scope_id, _), indexed) in groups {
            let finding_indices: Vec<usize> = indexed.iter().map(|(i, _)| *i).collect();
            let members: Vec<&Finding> = indexed.into_iter().map(|(_, f)| f).collect();
            let nodes: Vec<String> =
                members.iter().map(|f| f.unique_id.to_string()).collect::<BTreeSet<_>>().into_iter().collect();
            let (scope, scope_id) = if nodes.len() == 1 { (Scope::Node, nodes[0].clone()) } else { (scope, scope_id) };
            let open: Vec<&&Finding> = members.iter().filter(|f| !f.is_waived()).collect();
            let severity = open
                .iter()
                .map(|f| f.severity)
                .max()
                .or_else(|| members.iter().map(|f| f.severity).max())
                .unwrap_or(Severity::Low);
            let fix = fix_of(project, analysis, rule, scope, &members, &nodes);
            out.push(RootCause {
                rule: rule.id,
                rule_name: rule.name,
                family: rule.family,
                scope,
                scope_id,
                findings: members.len(),
                open: open.len(),
                severity,
                phi_reaches_exposure: nodes.iter().any(|n| on_exposure_paths.contains(n.as_str())),
                nodes,
                fix,
                finding_indices,
            });
        }
    }
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

/// A group's key: its scope, and for a rule whose findings stand alone the finding's index.
type GroupKey = (Scope, String, usize);

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
    rule: &'a RuleDef,
    judges: Judges,
    analysis: &'a Analysis,
    policy: &'a Policy,
    flagged_doc001: &'a BTreeSet<&'a str>,
}

impl Judge<'_> {
    /// Whether the rule judges this node (and, with no finding on it, found the convention kept).
    fn judges(&self, node: &Node) -> bool {
        let targeted = node.enabled
            && self.policy.rules.in_scope(node)
            && self.rule.targets.iter().any(|t| targets(*t, &node.resource_type))
            && !is_ephemeral(node);
        targeted
            && match self.judges {
                Judges::Targets => true,
                Judges::DescribedTargets => !self.flagged_doc001.contains(&*node.unique_id),
                Judges::PhiNodes => self.status(node).is_some_and(Status::is_phi),
                Judges::DeclaringNodes => {
                    let d = crate::phi::node_declaration(node, self.policy);
                    d.own.phi.is_some() || d.deidentified.is_some() || d.phi_schema.is_some()
                }
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

/// For every scope, how many nodes the rule judges pass it (keep the convention) and how many
/// it flags.
#[derive(Default)]
struct Tally {
    kept: usize,
    flagged: usize,
}

/// The scopes where the convention is missing: more of the nodes the rule judges there are
/// flagged than pass.
fn missing_scopes(
    project: &Project,
    project_id: &str,
    flagged: &BTreeSet<&str>,
    judge: &Judge<'_>,
) -> BTreeSet<(Scope, String)> {
    let mut tally: BTreeMap<(Scope, String), Tally> = BTreeMap::new();
    for node in &project.nodes {
        let is_flagged = flagged.contains(&*node.unique_id);
        if !is_flagged && !judge.judges(node) {
            continue;
        }
        for scope in chain(project_id, node) {
            let t = tally.entry(scope).or_default();
            if is_flagged {
                t.flagged += 1;
            } else {
                t.kept += 1;
            }
        }
    }
    tally.into_iter().filter(|(_, t)| t.flagged > t.kept).map(|(scope, _)| scope).collect()
}

/// The scope of a finding's root cause: from the node's own folder (or source) outwards, the
/// widest scope reached through scopes that all lack the convention; the node itself when its
/// own folder keeps it, or the finding is not about a data node.
fn widest_scope(
    project: &Project,
    project_id: &str,
    unique_id: &str,
    missing: &BTreeSet<(Scope, String)>,
) -> (Scope, String) {
    let mut widest = None;
    if let Some(node) = project.node(unique_id) {
        for scope in chain(project_id, node).into_iter().rev() {
            if !missing.contains(&scope) {
                break;
            }
            widest = Some(scope);
        }
    }
    widest.unwrap_or_else(|| (Scope::Node, unique_id.to_string()))
}

/// The installed package a node belongs to, when it is not the root project's own: its files
/// are not in this project, so an edit per node is the package maintainers' (or a waiver
/// here), and its findings of such a rule share that one cause whatever folder they sit in.
fn installed_package<'p>(project: &'p Project, unique_id: &str) -> Option<&'p str> {
    let own = project.info.project_name.as_deref()?;
    let package = &*project.node(unique_id)?.package_name;
    (package != own).then_some(package)
}

/// The change that clears a group's findings.
fn fix_of(
    project: &Project,
    analysis: &Analysis,
    rule: &RuleDef,
    scope: Scope,
    members: &[&Finding],
    nodes: &[String],
) -> RootCauseFix {
    let fixes: Vec<&str> = members.iter().map(|f| f.fix.as_str()).collect::<BTreeSet<_>>().into_iter().collect();
    match rule.remedy {
        Remedy::Config(config, _) if nodes.iter().all(|n| project.node(n).is_some()) => {
            let block = ConfigBlock { project, analysis, config };
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
            let packages: Option<BTreeSet<&str>> = nodes.iter().map(|n| installed_package(project, n)).collect();
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

/// Writes a `dbt_project.yml` block that sets a config on exactly the given nodes.
struct ConfigBlock<'a> {
    project: &'a Project,
    analysis: &'a Analysis,
    config: ConfigFix,
}

/// A folder of the block: the value set on it (when every node below needs the same one), or
/// its children.
#[derive(Default)]
struct Tree {
    /// Nodes below needing a value, by value.
    need: BTreeMap<String, usize>,
    /// Nodes below that need nothing and would be changed by the config.
    against: usize,
    /// The node at this leaf, with the value it needs.
    leaf: Option<String>,
    children: BTreeMap<String, Tree>,
}

impl ConfigBlock<'_> {
    /// The value a node needs (`true`/`false` for the sensitivity, else one value).
    fn value(&self, node: &Node) -> String {
        match self.config {
            ConfigFix::Sensitivity => {
                let phi = status_of(self.analysis, &node.unique_id)
                    .is_some_and(|s| s.is_phi() || s == Status::PossiblyInherited);
                phi.to_string()
            }
            _ => "set".to_string(),
        }
    }

    /// Whether the config changes nothing that matters on a node that does not need it.
    fn indifferent(&self, node: &Node) -> bool {
        let policy = &self.analysis.phi.policy;
        match self.config {
            ConfigFix::RowAccess | ConfigFix::PhiSchema => is_ephemeral(node),
            ConfigFix::PhiTag => {
                let tag = Names::of(policy).tag;
                node.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
            }
            ConfigFix::DeclarePhi => crate::phi::node_declaration(node, policy).own.phi == Some(true),
            ConfigFix::Sensitivity | ConfigFix::SourceSystem => false,
        }
    }

    /// The block's YAML: a section per resource type, folders set where every node below
    /// needs the same value, nodes one by one elsewhere.
    fn yaml(&self, nodes: &[String]) -> String {
        let wanted: BTreeSet<&str> = nodes.iter().map(String::as_str).collect();
        let mut sections: BTreeMap<&'static str, Tree> = BTreeMap::new();
        let packages: BTreeSet<&str> =
            nodes.iter().filter_map(|n| self.project.node(n)).map(|n| &*n.package_name).collect();
        for node in self.project.nodes.iter().filter(|n| n.enabled && packages.contains(&*n.package_name)) {
            let Some(section) = section(&node.resource_type) else { continue };
            let needs = wanted.contains(&*node.unique_id);
            if !needs && self.indifferent(node) {
                continue;
            }
            let value = needs.then(|| self.value(node));
            let mut at = sections.entry(section).or_default();
            for key in dbt_path(node) {
                count(at, value.as_deref());
                at = at.children.entry(key).or_default();
            }
            count(at, value.as_deref());
            at.leaf = value;
        }
        let mut out = String::new();
        for (section, tree) in &sections {
            if tree.need.is_empty() {
                continue;
            }
            out.push_str(section);
            out.push_str(":\n");
            for (package, sub) in &tree.children {
                self.write(&mut out, package, sub, 1);
            }
        }
        out
    }

    fn write(&self, out: &mut String, key: &str, tree: &Tree, depth: usize) {
        if tree.need.is_empty() {
            return;
        }
        let indent = "  ".repeat(depth);
        out.push_str(&format!("{indent}{}:\n", yaml_key(key)));
        if tree.against == 0 && tree.need.len() == 1 {
            if let Some(value) = tree.need.keys().next() {
                self.settings(out, value, depth + 1);
            }
            return;
        }
        if let Some(value) = &tree.leaf {
            self.settings(out, value, depth + 1);
        }
        for (child, sub) in &tree.children {
            self.write(out, child, sub, depth + 1);
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

fn count(tree: &mut Tree, value: Option<&str>) {
    match value {
        Some(v) => *tree.need.entry(v.to_string()).or_default() += 1,
        None => tree.against += 1,
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
fn dbt_path(node: &Node) -> Vec<String> {
    let mut path = vec![node.package_name.to_string()];
    path.extend(folders(node).into_iter().skip(1).map(str::to_string));
    if let Some(source) = &node.source_name {
        path.push(source.to_string());
    }
    path.push(node.name.clone());
    path
}

/// A key as YAML reads it back: bare when it is a plain name, else double-quoted.
fn yaml_key(key: &str) -> String {
    let plain = !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !matches!(
            key.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        )
        && !key.starts_with('-');
    if plain {
        key.to_string()
    } else {
        format!("\"{}\"", key.replace('\\', "\\\\").replace('"', "\\\""))
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

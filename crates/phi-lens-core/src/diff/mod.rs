//! What changed between two analyses of a dbt project (a pull request's base and head): PHI
//! classification, PHI reaching exposures, findings matched by a stable fingerprint, waivers,
//! scores and clinical tests. `phi-lens diff` renders it; `phi-lens check --baseline` reuses
//! its fingerprint ([`baseline`]).
//!
//! **Invariant:** deterministic. Every list is sorted; the same two analyses give the same
//! [`Diff`], byte for byte in every format, and a project compared with itself gives an empty
//! one.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::analysis::Analysis;
use crate::findings::{Finding, Severity};
use crate::model::{Project, Test};
use crate::phi::{ColumnPhi, NodePhi, SafeHarbor, Status};
use crate::report::{open_findings, ReportFinding, ReportWaiver};
use crate::rules::clinical::{node_clinical, purposes, Purpose};

pub mod baseline;
pub mod markdown;
mod matching;
mod renames;
pub mod text;
mod verdict;

pub use matching::fingerprint;
pub use renames::Renamed;
pub use verdict::{verdict, Level, Verdict};

/// One side of a diff: a loaded project and its analysis.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    /// The project.
    pub project: &'a Project,
    /// Its analysis.
    pub analysis: &'a Analysis,
}

/// A value before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change<T> {
    /// In the base.
    pub before: T,
    /// In the head.
    pub after: T,
}

/// What is known of one side, for the verdict and the header.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideSummary {
    /// Project name.
    pub project: Option<String>,
    /// dbt version of the manifest.
    pub dbt_version: Option<String>,
    /// When the manifest was written.
    pub generated_at: Option<String>,
    /// Project score.
    pub project_score: f64,
    /// Project grade.
    pub project_grade: char,
    /// Open findings by severity.
    pub open_findings: BTreeMap<&'static str, usize>,
    /// Scored nodes.
    pub nodes: usize,
    /// Exposures.
    pub exposures: usize,
    /// The policy's hash.
    pub policy_hash: String,
}

/// How the PHI of a node or column changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PhiChangeKind {
    /// It holds PHI now and did not (or did not exist).
    BecamePhi,
    /// Declared PHI before, PHI still, but no longer declared (detected or inherited): a
    /// declaration was lost. A regression.
    DeclarationLost,
    /// It held PHI and no longer does (or is gone).
    StoppedPhi,
    /// Its status changed otherwise (detected → declared, none → possibly inherited…).
    StatusChanged,
    /// Still PHI with the same status, under another Safe Harbor category.
    CategoryChanged,
}

impl PhiChangeKind {
    /// `became PHI`, `declaration lost`…
    pub fn words(self) -> &'static str {
        match self {
            PhiChangeKind::BecamePhi => "became PHI",
            PhiChangeKind::DeclarationLost => "declaration lost",
            PhiChangeKind::StoppedPhi => "no longer PHI",
            PhiChangeKind::StatusChanged => "status changed",
            PhiChangeKind::CategoryChanged => "category changed",
        }
    }

    /// Whether the change makes the project worse.
    pub fn is_regression(self) -> bool {
        matches!(self, PhiChangeKind::BecamePhi | PhiChangeKind::DeclarationLost)
    }
}

/// A status and category on one side (`None` on a side where the node or column is absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhiState {
    /// The status.
    pub status: Status,
    /// The Safe Harbor categories (one at most for a column).
    pub categories: Vec<SafeHarbor>,
}

/// A column whose PHI changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnPhiChange {
    /// The column (as the head names it, else the base).
    pub column: String,
    /// How.
    pub change: PhiChangeKind,
    /// Before (`None`: the column did not exist).
    pub before: Option<PhiState>,
    /// After (`None`: the column is gone).
    pub after: Option<PhiState>,
}

/// A node whose PHI, or whose columns' PHI, changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodePhiChange {
    /// The node (its head unique_id, else its base one).
    pub unique_id: String,
    /// How the node's own status changed, if it did.
    pub change: Option<PhiChangeKind>,
    /// Before (`None`: the node did not exist).
    pub before: Option<PhiState>,
    /// After (`None`: the node is gone).
    pub after: Option<PhiState>,
    /// Its schema before and after, when it moved (reported for nodes holding PHI on
    /// either side).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<Change<Option<String>>>,
    /// Its columns whose PHI changed.
    pub columns: Vec<ColumnPhiChange>,
}

/// A PHI column (or a PHI node with no PHI column known) an exposure reads.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ReachingPhi {
    /// The node the exposure reads.
    pub node: String,
    /// The PHI column, when one is known.
    pub column: Option<String>,
    /// Its Safe Harbor category, when known.
    pub category: Option<SafeHarbor>,
    /// The column's lineage from its PHI origin (column lineage), else the node's.
    pub path: Vec<String>,
}

/// An exposure whose PHI or score changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExposureChange {
    /// The exposure.
    pub unique_id: String,
    /// Its label or name.
    pub name: String,
    /// Whether PHI reached it before and after.
    pub reached: Change<bool>,
    /// PHI columns that reach it now and did not, even where other PHI already did.
    pub new_phi: Vec<ReachingPhi>,
    /// Safe Harbor categories that reach it now and did not.
    pub new_categories: Vec<SafeHarbor>,
    /// PHI columns that no longer reach it.
    pub removed_phi: Vec<ReachingPhi>,
    /// Safe Harbor categories that no longer reach it.
    pub removed_categories: Vec<SafeHarbor>,
    /// Its score before and after (`None` on a side where it does not exist).
    pub score: Change<Option<u32>>,
    /// Its grade before and after.
    pub grade: Change<Option<char>>,
}

impl ExposureChange {
    /// Whether PHI reaches it that did not: a column or a category new to it.
    pub fn gains_phi(&self) -> bool {
        !self.new_phi.is_empty() || !self.new_categories.is_empty() || (self.reached.after && !self.reached.before)
    }
}

/// A finding in a diff, with its fingerprint.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffFinding {
    /// `RULE|unique_id|column` ([`fingerprint`]).
    pub fingerprint: String,
    /// The finding (the head's, or for a resolved one the base's).
    #[serde(flatten)]
    pub finding: ReportFinding,
}

/// A finding present on both sides whose severity changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeverityChange {
    /// The fingerprint.
    pub fingerprint: String,
    /// Severity before and after.
    pub severity: Change<&'static str>,
    /// The head's finding.
    pub finding: ReportFinding,
}

/// Findings new, resolved and unchanged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingChanges {
    /// In the head, not in the base.
    pub new: Vec<DiffFinding>,
    /// In the base, not in the head.
    pub resolved: Vec<DiffFinding>,
    /// On both sides, severity changed.
    pub severity_changed: Vec<SeverityChange>,
    /// On both sides (severity changes included).
    pub unchanged: usize,
}

/// Waivers added and removed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaiverChanges {
    /// In the head, not in the base.
    pub added: Vec<ReportWaiver>,
    /// In the base, not in the head.
    pub removed: Vec<ReportWaiver>,
}

/// A node's or exposure's score before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreChange {
    /// The node or exposure.
    pub unique_id: String,
    /// Score (`None` where it does not exist).
    pub score: Change<Option<u32>>,
    /// Grade.
    pub grade: Change<Option<char>>,
}

/// Scores before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreChanges {
    /// The project score.
    pub project: Change<f64>,
    /// The project grade.
    pub grade: Change<char>,
    /// Nodes whose score or grade changed (added and removed nodes included).
    pub nodes: Vec<ScoreChange>,
    /// Exposures whose score or grade changed.
    pub exposures: Vec<ScoreChange>,
}

impl ScoreChanges {
    /// The project score's change, after − before, one decimal.
    pub fn delta(&self) -> f64 {
        ((self.project.after - self.project.before) * 10.0).round() / 10.0
    }
}

/// A test as the diff names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct TestRef {
    /// The test's unique_id (on the side it is from).
    pub unique_id: String,
    /// The node it tests.
    pub node: Option<String>,
    /// The column it tests.
    pub column: Option<String>,
    /// The generic test's name (`accepted_range`), or the singular test's.
    pub test: String,
    /// Whether it is a clinical business-rule test (a range, an ordering, an expression, a
    /// singular test, or a test of a clinical column beyond presence and uniqueness).
    pub clinical: bool,
    /// The last run's status on the base side.
    pub status_before: Option<String>,
    /// The last run's status on the head side.
    pub status_after: Option<String>,
}

/// Tests removed and newly failing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TestChanges {
    /// Clinical business-rule tests in the base with no counterpart in the head.
    pub removed: Vec<TestRef>,
    /// Tests failing (fail, error, warn) in the head that did not fail in the base.
    pub newly_failing: Vec<TestRef>,
}

/// What changed between two analyses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    /// The tool that wrote it.
    pub generator: String,
    /// The base.
    pub base: SideSummary,
    /// The head.
    pub head: SideSummary,
    /// Nodes renamed (compared under their new id).
    pub renamed: Vec<Renamed>,
    /// PHI classification changes, by node.
    pub phi: Vec<NodePhiChange>,
    /// Exposures whose PHI or score changed.
    pub exposures: Vec<ExposureChange>,
    /// Findings.
    pub findings: FindingChanges,
    /// Waivers.
    pub waivers: WaiverChanges,
    /// Scores.
    pub scores: ScoreChanges,
    /// Tests.
    pub tests: TestChanges,
    /// When `--select`/`--exclude` narrowed it: what was selected ([`Diff::restrict`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selection: Option<String>,
}

impl Diff {
    /// Whether nothing changed that the diff reports (renames aside).
    pub fn is_empty(&self) -> bool {
        self.phi.is_empty()
            && self.exposures.is_empty()
            && self.findings.new.is_empty()
            && self.findings.resolved.is_empty()
            && self.findings.severity_changed.is_empty()
            && self.waivers.added.is_empty()
            && self.waivers.removed.is_empty()
            && self.scores.nodes.is_empty()
            && self.scores.exposures.is_empty()
            && self.scores.project.before.to_bits() == self.scores.project.after.to_bits()
            && self.scores.grade.before == self.scores.grade.after
            && self.tests.removed.is_empty()
            && self.tests.newly_failing.is_empty()
    }

    /// The diff narrowed to the resources `keep` accepts (by unique_id; a test by the node
    /// it tests), with `note` saying what was selected.
    pub fn restrict(&mut self, keep: &dyn Fn(&str) -> bool, note: String) {
        self.phi.retain(|n| keep(&n.unique_id));
        self.exposures.retain(|e| keep(&e.unique_id));
        self.findings.new.retain(|f| keep(&f.finding.unique_id));
        self.findings.resolved.retain(|f| keep(&f.finding.unique_id));
        self.findings.severity_changed.retain(|f| keep(&f.finding.unique_id));
        self.waivers.added.retain(|w| keep(&w.unique_id));
        self.waivers.removed.retain(|w| keep(&w.unique_id));
        self.scores.nodes.retain(|s| keep(&s.unique_id));
        self.scores.exposures.retain(|s| keep(&s.unique_id));
        let tested = |t: &TestRef| t.node.as_deref().is_some_and(keep);
        self.tests.removed.retain(tested);
        self.tests.newly_failing.retain(tested);
        self.selection = Some(note);
    }

    /// New open (not waived) findings by severity.
    pub fn new_open(&self) -> BTreeMap<Severity, usize> {
        let mut out = BTreeMap::new();
        for f in self.findings.new.iter().filter(|f| f.finding.waived.is_none()) {
            if let Some(s) = Severity::parse(f.finding.severity) {
                *out.entry(s).or_default() += 1;
            }
        }
        out
    }

    /// Exposures PHI newly reaches (a column or a category new to them).
    pub fn exposures_gaining_phi(&self) -> impl Iterator<Item = &ExposureChange> {
        self.exposures.iter().filter(|e| e.gains_phi())
    }
}

/// Compares two analyses: `base` (before the change) and `head` (after).
pub fn diff(base: Side<'_>, head: Side<'_>) -> Diff {
    let renamed = renames::renamed_nodes(base.project, head.project);
    let names = Names::new(&renamed);
    Diff {
        generator: format!("phi-lens {}", env!("CARGO_PKG_VERSION")),
        base: side_summary(base),
        head: side_summary(head),
        phi: phi_changes(base, head, &names),
        exposures: exposure_changes(base, head, &names),
        findings: finding_changes(base, head, &names),
        waivers: waiver_changes(base, head, &names),
        scores: score_changes(base, head, &names),
        tests: test_changes(base, head, &names),
        renamed,
        selection: None,
    }
}

/// Base unique_ids under their head names.
struct Names<'r> {
    to_head: BTreeMap<&'r str, &'r str>,
}

impl<'r> Names<'r> {
    fn new(renamed: &'r [Renamed]) -> Self {
        Names { to_head: renamed.iter().map(|r| (r.from.as_str(), r.to.as_str())).collect() }
    }

    /// The head's unique_id of a base node.
    fn head<'a>(&self, base_id: &'a str) -> &'a str
    where
        'r: 'a,
    {
        self.to_head.get(base_id).copied().unwrap_or(base_id)
    }
}

fn side_summary(side: Side<'_>) -> SideSummary {
    let info = &side.project.info;
    SideSummary {
        project: info.project_name.clone(),
        dbt_version: info.dbt_version.clone(),
        generated_at: info.generated_at.clone(),
        project_score: side.analysis.scores.project_score,
        project_grade: side.analysis.scores.project_grade,
        open_findings: open_findings(&side.analysis.findings),
        nodes: side.analysis.scores.nodes.len(),
        exposures: side.analysis.scores.exposures.len(),
        policy_hash: side.analysis.phi.policy_hash.clone(),
    }
}

/// How a status and category changed; `None` when they did not. An absent side is not PHI.
fn phi_change(before: Option<&PhiState>, after: Option<&PhiState>) -> Option<PhiChangeKind> {
    let status = |s: Option<&PhiState>| s.map_or(Status::None, |s| s.status);
    let (b, a) = (status(before), status(after));
    match (b.is_phi(), a.is_phi()) {
        (false, true) => Some(PhiChangeKind::BecamePhi),
        (true, false) => Some(PhiChangeKind::StoppedPhi),
        (true, true) if b == Status::Declared && a != Status::Declared => Some(PhiChangeKind::DeclarationLost),
        _ if a != b => Some(PhiChangeKind::StatusChanged),
        (true, true) if before.map(|s| &s.categories) != after.map(|s| &s.categories) => {
            Some(PhiChangeKind::CategoryChanged)
        }
        _ => None,
    }
}

fn node_state(n: &NodePhi) -> PhiState {
    PhiState { status: n.status, categories: n.categories.clone() }
}

fn column_state(c: &ColumnPhi) -> PhiState {
    PhiState { status: c.status, categories: c.category.into_iter().collect() }
}

fn phi_changes(base: Side<'_>, head: Side<'_>, names: &Names<'_>) -> Vec<NodePhiChange> {
    let mut pairs: BTreeMap<&str, (Option<&NodePhi>, Option<&NodePhi>)> = BTreeMap::new();
    for n in &base.analysis.phi.nodes {
        pairs.entry(names.head(&n.unique_id)).or_default().0 = Some(n);
    }
    for n in &head.analysis.phi.nodes {
        pairs.entry(&n.unique_id).or_default().1 = Some(n);
    }
    let mut out = Vec::new();
    for (uid, (b, a)) in pairs {
        if let (Some(b), Some(a)) = (b, a) {
            if same_phi(b, a) {
                continue;
            }
        }
        let (before, after) = (b.map(node_state), a.map(node_state));
        let columns = column_changes(b, a);
        let mut change = phi_change(before.as_ref(), after.as_ref());
        if change == Some(PhiChangeKind::CategoryChanged) && !columns.is_empty() {
            // The columns say which category came or went.
            change = None;
        }
        let schema = match (b, a) {
            (Some(b), Some(a)) if !same_schema(b.schema.as_deref(), a.schema.as_deref()) => {
                Some(Change { before: b.schema.clone(), after: a.schema.clone() })
            }
            _ => None,
        };
        let phi_moved =
            schema.is_some() && (b.is_some_and(|n| n.status.is_phi()) || a.is_some_and(|n| n.status.is_phi()));
        if change.is_none() && columns.is_empty() && !phi_moved {
            continue;
        }
        out.push(NodePhiChange { unique_id: uid.to_string(), change, before, after, schema, columns });
    }
    out
}

/// Whether two classifications of a node agree in all the diff compares (the quick path:
/// most nodes of a pull request are untouched).
fn same_phi(b: &NodePhi, a: &NodePhi) -> bool {
    b.status == a.status
        && b.categories == a.categories
        && same_schema(b.schema.as_deref(), a.schema.as_deref())
        && b.columns.len() == a.columns.len()
        && b.columns
            .iter()
            .zip(&a.columns)
            .all(|(x, y)| x.status == y.status && x.category == y.category && x.name.eq_ignore_ascii_case(&y.name))
}

fn same_schema(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        (a, b) => a == b,
    }
}

fn column_changes(base: Option<&NodePhi>, head: Option<&NodePhi>) -> Vec<ColumnPhiChange> {
    let mut pairs: BTreeMap<String, (Option<&ColumnPhi>, Option<&ColumnPhi>)> = BTreeMap::new();
    for c in base.iter().flat_map(|n| &n.columns) {
        pairs.entry(c.name.to_lowercase()).or_default().0 = Some(c);
    }
    for c in head.iter().flat_map(|n| &n.columns) {
        pairs.entry(c.name.to_lowercase()).or_default().1 = Some(c);
    }
    pairs
        .into_values()
        .filter_map(|(b, a)| {
            let (before, after) = (b.map(column_state), a.map(column_state));
            let change = phi_change(before.as_ref(), after.as_ref())?;
            let column = a.or(b).map(|c| c.name.clone()).unwrap_or_default();
            Some(ColumnPhiChange { column, change, before, after })
        })
        .collect()
}

/// The PHI an exposure reads: the PHI columns of the nodes it depends on, whatever the node's
/// own label (a "de-identified" mart's identifier still reaches it), and a PHI node with no
/// PHI column known once, without a column; keyed by node, column and category.
fn reaching(side: Side<'_>, exposure: &str, names: Option<&Names<'_>>) -> BTreeMap<ReachKey, ReachingPhi> {
    let mut out = BTreeMap::new();
    let Some(e) = side.project.exposure(exposure) else { return out };
    let phi = &side.analysis.phi.nodes;
    for dep in &e.depends_on {
        let Ok(i) = phi.binary_search_by(|n| n.unique_id.as_str().cmp(dep)) else { continue };
        let node = &phi[i];
        let shown = names.map_or(node.unique_id.as_str(), |n| n.head(&node.unique_id)).to_string();
        let mut any = false;
        for c in node.columns.iter().filter(|c| c.status.is_phi()) {
            any = true;
            let path = if c.path.is_empty() { vec![node.unique_id.clone()] } else { c.path.clone() };
            out.insert(
                (shown.clone(), Some(c.name.to_lowercase()), c.category),
                ReachingPhi { node: shown.clone(), column: Some(c.name.clone()), category: c.category, path },
            );
        }
        if !any && node.status.is_phi() {
            let path = if node.path.is_empty() { vec![node.unique_id.clone()] } else { node.path.clone() };
            out.insert(
                (shown.clone(), None, None),
                ReachingPhi { node: shown.clone(), column: None, category: None, path },
            );
        }
    }
    out
}

type ReachKey = (String, Option<String>, Option<SafeHarbor>);

fn categories(reaching: &BTreeMap<ReachKey, ReachingPhi>) -> BTreeSet<SafeHarbor> {
    reaching.values().filter_map(|r| r.category).collect()
}

fn exposure_changes(base: Side<'_>, head: Side<'_>, names: &Names<'_>) -> Vec<ExposureChange> {
    let ids: BTreeSet<&str> =
        base.project.exposures.iter().chain(&head.project.exposures).map(|e| e.unique_id.as_str()).collect();
    let reached = |side: Side<'_>, uid: &str| {
        side.analysis.phi.exposures.iter().find(|e| e.unique_id == uid).is_some_and(|e| e.reached)
    };
    let mut out = Vec::new();
    for uid in ids {
        let (b, a) = (reaching(base, uid, Some(names)), reaching(head, uid, None));
        let (bc, ac) = (categories(&b), categories(&a));
        let new_phi: Vec<ReachingPhi> = a.iter().filter(|(k, _)| !b.contains_key(*k)).map(|(_, v)| v.clone()).collect();
        let removed_phi: Vec<ReachingPhi> =
            b.iter().filter(|(k, _)| !a.contains_key(*k)).map(|(_, v)| v.clone()).collect();
        let score = |side: Side<'_>| side.analysis.scores.exposures.get(uid).map(|s| (s.score, s.grade));
        let (sb, sa) = (score(base), score(head));
        let change = ExposureChange {
            unique_id: uid.to_string(),
            name: head
                .project
                .exposure(uid)
                .or_else(|| base.project.exposure(uid))
                .map(|e| e.label.clone().unwrap_or_else(|| e.name.clone()))
                .unwrap_or_default(),
            reached: Change { before: reached(base, uid), after: reached(head, uid) },
            new_phi,
            new_categories: ac.difference(&bc).copied().collect(),
            removed_phi,
            removed_categories: bc.difference(&ac).copied().collect(),
            score: Change { before: sb.map(|s| s.0), after: sa.map(|s| s.0) },
            grade: Change { before: sb.map(|s| s.1), after: sa.map(|s| s.1) },
        };
        let changed = change.reached.before != change.reached.after
            || !change.new_phi.is_empty()
            || !change.removed_phi.is_empty()
            || sb != sa;
        if changed {
            out.push(change);
        }
    }
    out
}

fn keyed<'a>(findings: &'a [Finding], names: Option<&Names<'a>>) -> Vec<matching::Keyed<'a>> {
    findings
        .iter()
        .map(|f| {
            let uid = names.map_or(&*f.unique_id, |n| n.head(&f.unique_id));
            matching::Keyed::new(f.rule.as_str(), uid, f.column.as_deref(), &f.message)
        })
        .collect()
}

fn finding_changes(base: Side<'_>, head: Side<'_>, names: &Names<'_>) -> FindingChanges {
    let (bf, hf) = (&base.analysis.findings, &head.analysis.findings);
    let (bk, hk) = (keyed(bf, Some(names)), keyed(hf, None));
    let paired = matching::pair(&bk, &hk);
    let mut used = vec![false; bf.len()];
    let mut new = Vec::new();
    let mut severity_changed = Vec::new();
    let mut unchanged = 0;
    for ((f, k), p) in hf.iter().zip(&hk).zip(&paired) {
        match p {
            Some(b) => {
                used[*b] = true;
                unchanged += 1;
                if let Some(before) = bf.get(*b).filter(|before| before.severity != f.severity) {
                    severity_changed.push(SeverityChange {
                        fingerprint: k.fingerprint(),
                        severity: Change { before: before.severity.as_str(), after: f.severity.as_str() },
                        finding: ReportFinding::from(f),
                    });
                }
            }
            None => new.push(DiffFinding { fingerprint: k.fingerprint(), finding: ReportFinding::from(f) }),
        }
    }
    let resolved = bf
        .iter()
        .zip(&bk)
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|((f, k), _)| DiffFinding { fingerprint: k.fingerprint(), finding: ReportFinding::from(f) })
        .collect();
    FindingChanges { new, resolved, severity_changed, unchanged }
}

fn waiver_changes(base: Side<'_>, head: Side<'_>, names: &Names<'_>) -> WaiverChanges {
    let mut b = crate::report::waivers(base.analysis);
    for w in &mut b {
        w.unique_id = names.head(&w.unique_id).to_string();
    }
    let a = crate::report::waivers(head.analysis);
    let key = |w: &ReportWaiver| (w.unique_id.clone(), w.waiver.clone());
    let bkeys: BTreeSet<_> = b.iter().map(key).collect();
    let akeys: BTreeSet<_> = a.iter().map(key).collect();
    WaiverChanges {
        added: a.iter().filter(|w| !bkeys.contains(&key(w))).cloned().collect(),
        removed: b.iter().filter(|w| !akeys.contains(&key(w))).cloned().collect(),
    }
}

/// A score and grade before and after (`None` where absent).
type ScorePair = (Option<(u32, char)>, Option<(u32, char)>);

fn score_changes(base: Side<'_>, head: Side<'_>, names: &Names<'_>) -> ScoreChanges {
    let mut nodes: BTreeMap<&str, ScorePair> = BTreeMap::new();
    for (uid, s) in &base.analysis.scores.nodes {
        nodes.entry(names.head(uid)).or_default().0 = Some((s.score, s.grade));
    }
    for (uid, s) in &head.analysis.scores.nodes {
        nodes.entry(uid).or_default().1 = Some((s.score, s.grade));
    }
    let mut exposures: BTreeMap<&str, ScorePair> = BTreeMap::new();
    for (uid, s) in &base.analysis.scores.exposures {
        exposures.entry(uid).or_default().0 = Some((s.score, s.grade));
    }
    for (uid, s) in &head.analysis.scores.exposures {
        exposures.entry(uid).or_default().1 = Some((s.score, s.grade));
    }
    let changed = |m: BTreeMap<&str, ScorePair>| -> Vec<ScoreChange> {
        m.into_iter()
            .filter(|(_, (b, a))| b != a)
            .map(|(uid, (b, a))| ScoreChange {
                unique_id: uid.to_string(),
                score: Change { before: b.map(|s| s.0), after: a.map(|s| s.0) },
                grade: Change { before: b.map(|s| s.1), after: a.map(|s| s.1) },
            })
            .collect()
    };
    ScoreChanges {
        project: Change { before: base.analysis.scores.project_score, after: head.analysis.scores.project_score },
        grade: Change { before: base.analysis.scores.project_grade, after: head.analysis.scores.project_grade },
        nodes: changed(nodes),
        exposures: changed(exposures),
    }
}

/// What identifies a test across builds whose unique_ids may differ (a renamed model renames
/// its tests): the node it tests (under its head name), the column, and the test.
fn test_key(t: &Test, names: Option<&Names<'_>>) -> (String, String, String) {
    let node = t.attached_node.as_deref().unwrap_or("");
    let node = names.map_or(node, |n| n.head(node)).to_string();
    let column = t.column_name.as_deref().unwrap_or("").trim_matches('"').to_lowercase();
    let test = match &t.kind {
        crate::model::TestKind::Generic { test_name, namespace, .. } => match namespace {
            Some(ns) => format!("{ns}.{test_name}"),
            None => test_name.to_string(),
        },
        crate::model::TestKind::Singular => t.name.clone(),
    };
    (node, column, test)
}

/// Whether a test checks a clinical business rule: a range, an ordering or an expression, a
/// singular test, or any test of a clinical column (age, diagnosis code, lab or vital value,
/// date pair) beyond presence and uniqueness.
fn is_clinical_rule_test(project: &Project, t: &Test) -> bool {
    if matches!(t.kind, crate::model::TestKind::Singular) {
        return true;
    }
    let p = purposes(t);
    if p.iter().any(|p| matches!(p, Purpose::Range | Purpose::Ordering | Purpose::Expression)) {
        return true;
    }
    let beyond_presence = p.iter().any(|p| matches!(p, Purpose::Other));
    let (Some(node), Some(column)) =
        (t.attached_node.as_deref().and_then(|n| project.node(n)), t.column_name.as_deref())
    else {
        return false;
    };
    let column = column.trim_matches('"');
    let clinical = node_clinical(node);
    let is = |c: &&crate::model::Column| c.name.eq_ignore_ascii_case(column);
    beyond_presence
        && (clinical.ages.iter().any(is)
            || clinical.diagnosis_codes.iter().any(is)
            || clinical.values.iter().any(is)
            || clinical.pairs.iter().any(|p| is(&p.start) || is(&p.end)))
}

fn is_failing(t: &Test) -> bool {
    t.run.as_ref().is_some_and(|r| matches!(r.status.as_str(), "fail" | "error" | "warn"))
}

fn test_ref(project: &Project, t: &Test, before: Option<&Test>, after: Option<&Test>) -> TestRef {
    TestRef {
        unique_id: t.unique_id.to_string(),
        node: t.attached_node.as_deref().map(str::to_string),
        column: t.column_name.as_deref().map(|c| c.trim_matches('"').to_string()),
        test: t.test_name().unwrap_or(&t.name).to_string(),
        clinical: is_clinical_rule_test(project, t),
        status_before: before.and_then(|t| t.run.as_ref()).map(|r| r.status.clone()),
        status_after: after.and_then(|t| t.run.as_ref()).map(|r| r.status.clone()),
    }
}

fn test_changes(base: Side<'_>, head: Side<'_>, names: &Names<'_>) -> TestChanges {
    // Pair by unique_id first, then what is left by (node, column, test), in id order.
    let mut by_key: BTreeMap<(String, String, String), Vec<&Test>> = BTreeMap::new();
    let mut base_of: BTreeMap<&str, &Test> = BTreeMap::new();
    for t in base.project.tests.iter().filter(|t| t.enabled) {
        if head.project.test(&t.unique_id).is_some_and(|h| h.enabled) {
            base_of.insert(&t.unique_id, t);
        } else {
            by_key.entry(test_key(t, Some(names))).or_default().push(t);
        }
    }
    let mut newly_failing = Vec::new();
    for t in head.project.tests.iter().filter(|t| t.enabled) {
        let before = match base_of.get(&*t.unique_id) {
            Some(b) => Some(*b),
            None => by_key.get_mut(&test_key(t, None)).and_then(|v| (!v.is_empty()).then(|| v.remove(0))),
        };
        if is_failing(t) && !before.is_some_and(is_failing) {
            newly_failing.push(test_ref(head.project, t, before, Some(t)));
        }
    }
    let mut removed: Vec<TestRef> = by_key
        .into_values()
        .flatten()
        .filter(|t| is_clinical_rule_test(base.project, t))
        .map(|t| test_ref(base.project, t, Some(t), None))
        .collect();
    removed.sort();
    newly_failing.sort();
    TestChanges { removed, newly_failing }
}

/// The diff as pretty JSON, with a final newline.
pub fn to_json(diff: &Diff) -> String {
    match serde_json::to_string_pretty(diff) {
        Ok(s) => s + "\n",
        Err(e) => format!("{{\"error\": \"cannot serialise the diff: {e}\"}}\n"),
    }
}

/// The files a diff adds to the evidence (`diff.json`, `diff.md`), in this order.
pub const EVIDENCE_FILES: [&str; 2] = ["diff.json", "diff.md"];

/// The diff as evidence files: [`to_json`] and the markdown comment ([`markdown::render`]),
/// byte for byte `phi-lens diff --format json` and `--format markdown` of the same two builds
/// under the same policy. The app's evidence export adds them when a base is loaded.
pub fn evidence_files(diff: &Diff) -> Vec<(&'static str, Vec<u8>)> {
    let [json, md] = EVIDENCE_FILES;
    vec![(json, to_json(diff).into_bytes()), (md, markdown::render(diff).into_bytes())]
}

/// The head's report with only the diff's new findings: what `diff --format sarif` renders,
/// so code scanning shows the change's own findings.
pub fn new_findings_report(head_report: &crate::report::Report, diff: &Diff) -> crate::report::Report {
    let mut report = head_report.clone();
    report.findings = diff.findings.new.iter().map(|f| f.finding.clone()).collect();
    report
}

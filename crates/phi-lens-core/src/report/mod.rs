//! Reports: one deterministic [`Report`] value, rendered as JSON, CSV, text, markdown, SARIF
//! and a self-contained HTML page. The same inputs and policy give byte-identical output.
//!
//! **Invariant:** no timestamps, no absolute paths, no hash-map order: everything that reaches
//! a report is sorted, and input files are named by their base name.

use std::collections::BTreeMap;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::analysis::{Analysis, Coverage};
use crate::findings::{Finding, NotEvaluated, Waiver};
use crate::input::{ArtifactKind, ArtifactSet};
use crate::load::Warning;
use crate::model::Project;
use crate::phi::{ColumnLevel, ExposurePhi};
use crate::policy::Policy;
use crate::provenance::reported_warnings;
use crate::root_causes::{root_causes, RootCause};
use crate::score::{ExposureScore, GradeCap, NodeScore};

/// One input file as evidence: what it was and its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputFingerprint {
    /// Which artifact.
    pub artifact: ArtifactKind,
    /// Its base file name (`manifest.json`, `catalog.json.gz`).
    pub file: String,
    /// Its size in bytes, as given.
    pub bytes: u64,
    /// `sha256:` and the hex SHA-256 of the bytes as given.
    pub sha256: String,
    /// Schema version (`v12`).
    pub schema_version: Option<String>,
    /// `metadata.dbt_version`.
    pub dbt_version: Option<String>,
    /// `metadata.generated_at`.
    pub generated_at: Option<String>,
    /// `metadata.invocation_id`.
    pub invocation_id: Option<String>,
}

/// `sha256:` and the lowercase hex digest of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(71);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

pub use crate::input::base_name;

/// Fingerprints every input of the set, with what the loaded project learned about it.
pub fn fingerprints(set: &ArtifactSet, project: &Project) -> Vec<InputFingerprint> {
    fingerprints_hashed(set, project, &input_hashes(set))
}

/// The SHA-256 of every input, in set order: the slow half of [`fingerprints`], which a caller
/// with threads can run while the project loads.
pub fn input_hashes(set: &ArtifactSet) -> Vec<(ArtifactKind, String)> {
    set.iter().map(|(kind, input)| (kind, sha256_hex(&input.bytes))).collect()
}

/// [`fingerprints`] with the hashes already computed by [`input_hashes`].
pub fn fingerprints_hashed(
    set: &ArtifactSet,
    project: &Project,
    hashes: &[(ArtifactKind, String)],
) -> Vec<InputFingerprint> {
    set.iter()
        .map(|(kind, input)| {
            let info = project.input(kind);
            InputFingerprint {
                artifact: kind,
                file: base_name(&input.name),
                bytes: input.bytes.len() as u64,
                sha256: hashes
                    .iter()
                    .find(|(k, _)| *k == kind)
                    .map_or_else(|| sha256_hex(&input.bytes), |(_, h)| h.clone()),
                schema_version: info.and_then(|i| i.schema_version.clone()),
                dbt_version: info.and_then(|i| i.dbt_version.clone()),
                generated_at: info.and_then(|i| i.generated_at.clone()),
                invocation_id: info.and_then(|i| i.invocation_id.clone()),
            }
        })
        .collect()
}

/// One finding as reported.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportFinding {
    /// Rule id.
    pub rule: &'static str,
    /// Rule name.
    pub rule_name: &'static str,
    /// Rule family.
    pub family: &'static str,
    /// Severity.
    pub severity: &'static str,
    /// The node or exposure.
    pub unique_id: String,
    /// The column, if any.
    pub column: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub fix: String,
    /// The waiver's reason, when waived (waived findings are not scored).
    pub waived: Option<String>,
    /// Who approved the waiver, when it says.
    pub waiver_approved_by: Option<String>,
    /// The waiver's last day, when it has one.
    pub waiver_expires: Option<String>,
}

impl ReportFinding {
    /// `approved by …, expires …` of its waiver, when it is waived and the waiver says.
    pub fn waiver_attribution(&self) -> Option<String> {
        crate::findings::waiver_attribution(self.waiver_approved_by.as_deref(), self.waiver_expires.as_deref())
    }
}

/// A [`ReportFinding`] as serialised, borrowed from a [`ReportFinding`] or straight from a
/// [`Finding`]: the one definition of a finding's JSON.
#[derive(Serialize)]
struct FindingEntry<'a> {
    rule: &'a str,
    rule_name: &'a str,
    family: &'a str,
    severity: &'a str,
    unique_id: &'a str,
    column: Option<&'a str>,
    message: &'a str,
    fix: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    waived: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    waiver_approved_by: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    waiver_expires: Option<&'a str>,
}

impl<'a> From<&'a Finding> for FindingEntry<'a> {
    fn from(f: &'a Finding) -> Self {
        FindingEntry {
            rule: f.rule.as_str(),
            rule_name: f.rule_name,
            family: f.family.as_str(),
            severity: f.severity.as_str(),
            unique_id: &f.unique_id,
            column: f.column.as_deref(),
            message: &f.message,
            fix: &f.fix,
            waived: f.waiver.as_ref().map(|w| w.reason.as_str()),
            waiver_approved_by: f.waiver.as_ref().and_then(|w| w.approved_by.as_deref()),
            waiver_expires: f.waiver.as_ref().and_then(|w| w.expires.as_deref()),
        }
    }
}

impl Serialize for ReportFinding {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        FindingEntry {
            rule: self.rule,
            rule_name: self.rule_name,
            family: self.family,
            severity: self.severity,
            unique_id: &self.unique_id,
            column: self.column.as_deref(),
            message: &self.message,
            fix: &self.fix,
            waived: self.waived.as_deref(),
            waiver_approved_by: self.waiver_approved_by.as_deref(),
            waiver_expires: self.waiver_expires.as_deref(),
        }
        .serialize(serializer)
    }
}

impl From<&Finding> for ReportFinding {
    fn from(f: &Finding) -> Self {
        ReportFinding {
            rule: f.rule.as_str(),
            rule_name: f.rule_name,
            family: f.family.as_str(),
            severity: f.severity.as_str(),
            unique_id: f.unique_id.to_string(),
            column: f.column.as_deref().map(str::to_string),
            message: f.message.clone(),
            fix: f.fix.clone(),
            waived: f.waiver.as_ref().map(|w| w.reason.clone()),
            waiver_approved_by: f.waiver.as_ref().and_then(|w| w.approved_by.clone()),
            waiver_expires: f.waiver.as_ref().and_then(|w| w.expires.clone()),
        }
    }
}

/// A node's entry in the report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportNode {
    /// Resource type.
    pub resource_type: String,
    /// Package.
    pub package: String,
    /// PHI status (`declared`, `detected`, `inherited`, `deidentified`, `none`).
    pub phi_status: &'static str,
    /// Safe Harbor letters its columns hold.
    pub phi_categories: Vec<&'static str>,
    /// Score and its arithmetic.
    pub score: NodeScore,
    /// The arithmetic in words.
    pub arithmetic: String,
    /// Its findings (waived included), as `RULE` or `RULE:column`; the details are in the
    /// report's top-level `findings`.
    pub findings: Vec<String>,
}

/// A [`ReportNode`] as serialised, borrowed from a [`ReportNode`] or from the analysis: the
/// one definition of a node's JSON.
#[derive(Serialize)]
struct NodeEntry<'a> {
    resource_type: &'a str,
    package: &'a str,
    phi_status: &'static str,
    phi_categories: Vec<&'static str>,
    #[serde(flatten)]
    score: &'a NodeScore,
    arithmetic: std::borrow::Cow<'a, str>,
    findings: ShortFindings<'a>,
}

/// A node's findings as `RULE` or `RULE:column`.
enum ShortFindings<'a> {
    Written(&'a [String]),
    Of(&'a [Finding]),
}

impl Serialize for ShortFindings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ShortFindings::Written(list) => serializer.collect_seq(list.iter()),
            ShortFindings::Of(list) => serializer.collect_seq(list.iter().map(ShortFinding)),
        }
    }
}

struct ShortFinding<'a>(&'a Finding);

impl ShortFinding<'_> {
    fn text(&self) -> String {
        match &self.0.column {
            Some(c) => format!("{}:{c}", self.0.rule),
            None => self.0.rule.to_string(),
        }
    }
}

impl Serialize for ShortFinding<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0.column {
            Some(c) => serializer.collect_str(&format_args!("{}:{c}", self.0.rule)),
            None => serializer.serialize_str(self.0.rule.as_str()),
        }
    }
}

impl Serialize for ReportNode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        NodeEntry {
            resource_type: &self.resource_type,
            package: &self.package,
            phi_status: self.phi_status,
            phi_categories: self.phi_categories.clone(),
            score: &self.score,
            arithmetic: std::borrow::Cow::Borrowed(&self.arithmetic),
            findings: ShortFindings::Written(&self.findings),
        }
        .serialize(serializer)
    }
}

/// An exposure's entry in the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportExposure {
    /// Name.
    pub name: String,
    /// Type.
    pub kind: Option<String>,
    /// Owner name.
    pub owner: Option<String>,
    /// Score (weakest link).
    #[serde(flatten)]
    pub score: ExposureScore,
    /// Whether PHI reaches it, and through which path.
    pub phi: ExposurePhi,
}

/// A waiver as reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportWaiver {
    /// Where it is declared.
    pub unique_id: String,
    /// The waiver.
    #[serde(flatten)]
    pub waiver: Waiver,
    /// How many findings it covers.
    pub findings_covered: usize,
}

/// The policy in force, as evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportPolicy {
    /// `sha256:` of its canonical JSON.
    pub hash: String,
    /// Its values (defaults filled in).
    pub values: Policy,
}

/// Facts about the project.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportProject {
    /// Project name.
    pub name: Option<String>,
    /// dbt version.
    pub dbt_version: Option<String>,
    /// Adapter.
    pub adapter_type: Option<String>,
    /// Packages covered by rules and scores.
    pub packages_covered: Vec<String>,
}

/// The report: what `phi-lens check --format json` prints and `report.json` holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The tool that wrote it.
    pub generator: String,
    /// The project.
    pub project: ReportProject,
    /// The project score (0–100, one decimal).
    pub project_score: f64,
    /// Its grade: the score's letter, capped by the worst open finding and, when the project
    /// holds PHI, by the share of data resources that declare their sensitivity.
    pub project_grade: char,
    /// What lowered the grade below the score's own letter (empty when nothing did).
    pub project_grade_capped_by: Vec<GradeCap>,
    /// The project score's arithmetic in words, caps included.
    pub project_arithmetic: String,
    /// Open findings by severity.
    pub open_findings: BTreeMap<&'static str, usize>,
    /// Scored nodes by unique_id.
    pub nodes: BTreeMap<String, ReportNode>,
    /// Exposures by unique_id.
    pub exposures: BTreeMap<String, ReportExposure>,
    /// Coverage figures.
    pub coverage: Coverage,
    /// The findings grouped by root cause (one rule, one scope, one fix), the riskiest first;
    /// every finding is in exactly one.
    pub root_causes: Vec<RootCause>,
    /// Every finding (waived ones too, marked), sorted by unique_id, column, rule.
    pub findings: Vec<ReportFinding>,
    /// Waivers applied, and waivers that could not be.
    pub waivers: Vec<ReportWaiver>,
    /// Waivers that could not be applied (no reason, unknown rule).
    pub waiver_problems: Vec<String>,
    /// Enabled rules not evaluated (an input they read is missing): never a pass.
    pub not_evaluated: Vec<NotEvaluated>,
    /// What was noticed about the inputs while reading them (a stale catalog, results from
    /// another project, dangling ids…), files named by their base name.
    pub warnings: Vec<Warning>,
    /// The inputs, with their hashes.
    pub inputs: Vec<InputFingerprint>,
    /// The policy in force.
    pub policy: ReportPolicy,
    /// Column lineage, when the manifest had compiled SQL: how many models were resolved at
    /// column level, those that were not (node-level inheritance applies) with the reason, and
    /// the columns an aggregate cleared (small cells to review). The PHI columns reaching each
    /// exposure, with their paths, are under `exposures`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column_lineage: Option<ColumnLevel>,
    /// What a baseline set aside (`check --baseline`): its findings are counted, not listed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<ReportBaseline>,
}

/// What a baseline (`phi-lens check --baseline FILE`) set aside.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportBaseline {
    /// The baseline file's base name.
    pub file: String,
    /// Findings of this run the baseline holds: counted here, not listed.
    pub findings_baselined: usize,
}

impl Report {
    /// The report with only the findings `new` marks (one flag per finding, in order): the
    /// others are in the baseline `file`, counted in [`Report::baseline`]. Open findings are
    /// counted over the new ones; scores stay those of the whole project.
    pub fn with_baseline(mut self, file: &str, new: &[bool]) -> Report {
        let before = self.findings.len();
        let mut flags = new.iter();
        self.findings.retain(|_| flags.next().copied().unwrap_or(true));
        self.count_open_findings();
        self.baseline =
            Some(ReportBaseline { file: base_name(file), findings_baselined: before - self.findings.len() });
        self
    }

    /// The report narrowed to a selection (`--select`/`--exclude`): findings, nodes,
    /// exposures and waivers of the selected resources only, and the selection's note among
    /// the warnings, so that no format can be taken for a whole run. Scores stay the
    /// project's.
    pub fn with_selection(mut self, selection: &crate::select::Selection) -> Report {
        self.findings.retain(|f| selection.contains(&f.unique_id));
        self.nodes.retain(|uid, _| selection.contains(uid));
        self.exposures.retain(|uid, _| selection.contains(uid));
        self.waivers.retain(|w| selection.contains(&w.unique_id));
        if let Some(level) = &mut self.column_lineage {
            level.unresolved.retain(|m| selection.contains(&m.unique_id));
            level.small_cell_review.retain(|c| selection.contains(&c.unique_id));
        }
        self.count_open_findings();
        self.warnings.insert(0, selection.warning());
        self
    }

    /// Recounts `open_findings` from `findings`.
    fn count_open_findings(&mut self) {
        let mut open: BTreeMap<&'static str, usize> = BTreeMap::new();
        for f in self.findings.iter().filter(|f| f.waived.is_none()) {
            *open.entry(f.severity).or_default() += 1;
        }
        self.open_findings = open;
    }
}

/// A finding's stable fingerprint: `RULE|unique_id|column` (the column lower-cased, as
/// warehouses compare names; empty for a finding about the whole node). Neither the message
/// nor a line number: a rename elsewhere that rewrites a message does not make the finding
/// another. SARIF's `partialFingerprints`, `diff` and `check --baseline` all use it.
pub fn finding_fingerprint(rule: &str, unique_id: &str, column: Option<&str>) -> String {
    format!("{rule}|{unique_id}|{}", column.unwrap_or("").to_lowercase())
}

/// Open (not waived) findings by severity: the report's `open_findings`.
pub fn open_findings(findings: &[Finding]) -> BTreeMap<&'static str, usize> {
    let mut open: BTreeMap<&'static str, usize> = BTreeMap::new();
    for f in findings.iter().filter(|f| !f.is_waived()) {
        *open.entry(f.severity.as_str()).or_default() += 1;
    }
    open
}

/// The first of the items from `*at` on whose key is `key`, moving `*at` past smaller keys:
/// a lookup in a vector sorted by key, for keys asked in increasing order.
fn advance<'v, T>(items: &'v [T], at: &mut usize, key: &str, key_of: impl Fn(&T) -> &str) -> Option<&'v T> {
    while items.get(*at).is_some_and(|item| key_of(item) < key) {
        *at += 1;
    }
    items.get(*at).filter(|item| key_of(item) == key)
}

/// Every scored node's entry, in unique_id order. The scores, the project's nodes, their PHI
/// classification and the findings are all sorted by unique_id: one merge walks them together.
fn node_entries<'a>(project: &'a Project, analysis: &'a Analysis) -> impl Iterator<Item = (&'a str, NodeEntry<'a>)> {
    let cap = analysis.phi.policy.score.critical_cap;
    let (mut at_node, mut at_phi, mut at_finding) = (0, 0, 0);
    let findings = analysis.findings.as_slice();
    analysis.scores.nodes.iter().filter_map(move |(uid, s)| {
        let node = advance(&project.nodes, &mut at_node, uid, |n| &n.unique_id).or_else(|| project.node(uid))?;
        let phi = advance(&analysis.phi.nodes, &mut at_phi, uid, |n| &n.unique_id);
        while findings.get(at_finding).is_some_and(|f| &*f.unique_id < uid.as_str()) {
            at_finding += 1;
        }
        let first = at_finding;
        while findings.get(at_finding).is_some_and(|f| &*f.unique_id == uid.as_str()) {
            at_finding += 1;
        }
        let own = findings.get(first..at_finding).unwrap_or_default();
        Some((
            uid.as_str(),
            NodeEntry {
                resource_type: node.resource_type.as_str(),
                package: &node.package_name,
                phi_status: phi.map_or("none", |p| p.status.as_str()),
                phi_categories: phi.map(|p| p.categories.iter().map(|c| c.letter()).collect()).unwrap_or_default(),
                score: s,
                arithmetic: std::borrow::Cow::Owned(s.arithmetic(cap)),
                findings: ShortFindings::Of(own),
            },
        ))
    })
}

/// Every exposure's entry, in unique_id order.
fn exposure_entries<'a>(
    project: &'a Project,
    analysis: &'a Analysis,
) -> impl Iterator<Item = (&'a String, ReportExposure)> {
    analysis.scores.exposures.iter().filter_map(move |(uid, s)| {
        let e = project.exposure(uid)?;
        let phi = analysis.phi.exposures.iter().find(|p| &p.unique_id == uid).cloned().unwrap_or(ExposurePhi {
            unique_id: uid.clone(),
            reached: false,
            path: Vec::new(),
            columns: Vec::new(),
        });
        Some((
            uid,
            ReportExposure {
                name: e.label.clone().unwrap_or_else(|| e.name.clone()),
                kind: e.kind.clone(),
                owner: e.owner.name.clone().or_else(|| e.owner.email.first().cloned()),
                score: s.clone(),
                phi,
            },
        ))
    })
}

/// The waivers applied, with how many findings each covers, sorted.
pub(crate) fn waivers(analysis: &Analysis) -> Vec<ReportWaiver> {
    let mut waivers: BTreeMap<(String, Waiver), usize> = BTreeMap::new();
    for f in &analysis.findings {
        if let Some(w) = &f.waiver {
            *waivers.entry((f.unique_id.to_string(), w.clone())).or_default() += 1;
        }
    }
    waivers
        .into_iter()
        .map(|((unique_id, waiver), findings_covered)| ReportWaiver { unique_id, waiver, findings_covered })
        .collect()
}

fn generator() -> String {
    format!("phi-lens {}", env!("CARGO_PKG_VERSION"))
}

fn report_project(project: &Project, analysis: &Analysis) -> ReportProject {
    let info = &project.info;
    ReportProject {
        name: info.project_name.clone(),
        dbt_version: info.dbt_version.clone(),
        adapter_type: info.adapter_type.clone(),
        packages_covered: analysis.packages.clone(),
    }
}

fn report_policy(analysis: &Analysis) -> ReportPolicy {
    ReportPolicy { hash: analysis.phi.policy_hash.clone(), values: analysis.phi.policy.clone() }
}

/// Builds the report of an analysed project; `warnings` are the load's
/// ([`crate::load_warnings`], and any the caller noticed reading the files).
pub fn build(project: &Project, analysis: &Analysis, inputs: Vec<InputFingerprint>, warnings: &[Warning]) -> Report {
    let nodes = node_entries(project, analysis)
        .map(|(uid, e)| {
            let findings = match e.findings {
                ShortFindings::Of(list) => list.iter().map(|f| ShortFinding(f).text()).collect(),
                ShortFindings::Written(list) => list.to_vec(),
            };
            (
                uid.to_string(),
                ReportNode {
                    resource_type: e.resource_type.to_string(),
                    package: e.package.to_string(),
                    phi_status: e.phi_status,
                    phi_categories: e.phi_categories,
                    score: e.score.clone(),
                    arithmetic: e.arithmetic.into_owned(),
                    findings,
                },
            )
        })
        .collect();
    let exposures = exposure_entries(project, analysis).map(|(uid, e)| (uid.clone(), e)).collect();
    Report {
        generator: generator(),
        project: report_project(project, analysis),
        project_score: analysis.scores.project_score,
        project_grade: analysis.scores.project_grade,
        project_grade_capped_by: analysis.scores.project_grade_capped_by.clone(),
        project_arithmetic: analysis.scores.project_arithmetic.clone(),
        open_findings: open_findings(&analysis.findings),
        nodes,
        exposures,
        coverage: analysis.coverage.clone(),
        root_causes: root_causes(project, analysis),
        findings: analysis.findings.iter().map(ReportFinding::from).collect(),
        waivers: waivers(analysis),
        waiver_problems: analysis.waiver_problems.clone(),
        not_evaluated: analysis.not_evaluated.clone(),
        warnings: reported_warnings(warnings),
        inputs,
        policy: report_policy(analysis),
        column_lineage: analysis.phi.column_lineage.clone(),
        baseline: None,
    }
}

/// The report as pretty JSON, with a final newline.
pub fn to_json(report: &Report) -> String {
    match serde_json::to_string_pretty(report) {
        Ok(s) => s + "\n",
        Err(e) => format!("{{\"error\": \"cannot serialise the report: {e}\"}}\n"),
    }
}

pub mod csv;
mod evidence;
pub mod html;
mod json;
pub mod markdown;
mod phi_text;
pub mod sarif;
mod summary_text;
pub mod text;
mod yml_lines;

pub use evidence::{evidence_files, evidence_files_selected, is_evidence_file, EVIDENCE_FILES};
pub use json::write_json_with;
pub use phi_text::phi_text;
pub use summary_text::summary_text;

/// Writes exactly what [`to_json`] returns into `out`, without holding the whole text: the CLI
/// streams a large project's report instead of keeping a second copy of it in memory.
pub fn write_json<W: std::io::Write>(report: &Report, mut out: W) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut out, report)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// One line per warning: `run_results.json: <message>`.
pub fn warning_lines(warnings: &[Warning]) -> Vec<String> {
    warnings.iter().map(ToString::to_string).collect()
}

/// One line per rule not evaluated: `TST007 test-failed: not evaluated — <reason>`.
pub fn not_evaluated_lines(not_evaluated: &[NotEvaluated]) -> Vec<String> {
    not_evaluated.iter().map(|n| format!("{} {}: not evaluated — {}", n.rule, n.rule_name, n.reason)).collect()
}

//! The SARIF 2.1.0 rendering of a [`Report`], for code-scanning dashboards: one run whose
//! driver lists every rule of the registry, and one result per finding (waived findings carry
//! an in-source suppression with the waiver's reason).
//!
//! Every result has a file and a line: a finding about what a yml documents (descriptions,
//! columns, meta, tests) points at the node's yml (`patch_path`), one about how the node is
//! built (schema, grants, row access) at its SQL file (`original_file_path`); a dependency
//! package's files are under `dbt_packages/<package>/`. The line is the `- name:` entry of the
//! node or column when the caller hands the file's text (the core reads no file), else 1.

use std::collections::BTreeMap;

use serde::Serialize;

use super::yml_lines::yml_line;
use super::{Report, ReportFinding};
use crate::findings::{RuleId, Severity};
use crate::model::{Project, ResourceType};
use crate::rules::{explain, RULES};

/// The SARIF schema this output follows.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Renders the report as SARIF 2.1.0 (pretty JSON, final newline). The project gives each
/// node's file; every line is 1 (the files are not at hand: see [`render_with_files`]).
pub fn render(report: &Report, project: &Project) -> String {
    render_with_files(report, project, &mut |_| None)
}

/// [`render`], each result's line read from the project's files: `read` is asked once for each
/// file a result points at (its path relative to the project root, `/`-separated) and returns
/// its text, or `None` when it is not at hand (line 1).
pub fn render_with_files(report: &Report, project: &Project, read: &mut dyn FnMut(&str) -> Option<String>) -> String {
    let mut files: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut line_of = |place: &Place| -> u32 {
        let text = files.entry(place.uri.clone()).or_insert_with(|| read(&place.uri));
        match text {
            Some(text) if place.yml => {
                let names: Vec<&str> = place.names.iter().map(String::as_str).collect();
                yml_line(text, place.section, &names).unwrap_or(1)
            }
            _ => 1,
        }
    };
    let results = report
        .findings
        .iter()
        .map(|f| {
            let place = place(f, project);
            let line = line_of(&place);
            result(f, place.uri, line)
        })
        .collect();
    let docs: Vec<String> = RULES.iter().map(|r| explain(r).trim().to_string()).collect();
    let rules = RULES
        .iter()
        .zip(&docs)
        .map(|(r, doc)| Rule {
            id: r.id.as_str(),
            name: r.name,
            short_description: Text { text: r.summary, markdown: None },
            full_description: Text { text: r.summary, markdown: Some(doc) },
            help: Text { text: r.summary, markdown: Some(doc) },
            default_configuration: Configuration { level: level(r.severity) },
            properties: RuleProperties { tags: [r.family.as_str()], problem_severity: r.severity.as_str() },
        })
        .collect();
    let version = env!("CARGO_PKG_VERSION");
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool { driver: Driver { name: "phi-lens", version, semantic_version: version, rules } },
            invocations: invocations(report),
            original_uri_base_ids: BaseIds {
                src_root: BaseId { description: Message { text: "The dbt project's root directory.".into() } },
            },
            column_kind: "unicodeCodePoints",
            results,
            properties: RunProperties {
                project_score: report.project_score,
                project_grade: report.project_grade,
                project_arithmetic: &report.project_arithmetic,
                policy_hash: &report.policy.hash,
            },
        }],
    };
    match serde_json::to_string_pretty(&log) {
        Ok(s) => s + "\n",
        Err(e) => format!("{{\"error\": \"cannot serialise SARIF: {e}\"}}\n"),
    }
}

/// A finding's SARIF level: critical and high are errors, medium warnings, low notes.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

fn result(f: &ReportFinding, uri: String, line: u32) -> SarifResult<'_> {
    let mut logical = vec![LogicalLocation {
        fully_qualified_name: f.unique_id.clone(),
        name: f.unique_id.rsplit('.').next().unwrap_or(&f.unique_id),
        kind: if f.unique_id.starts_with("exposure.") { "exposure" } else { "table" },
        parent_index: None,
    }];
    if let Some(c) = &f.column {
        logical.push(LogicalLocation {
            fully_qualified_name: format!("{}.{c}", f.unique_id),
            name: c,
            kind: "column",
            parent_index: Some(0),
        });
    }
    SarifResult {
        rule_id: f.rule,
        rule_index: RULES.iter().position(|r| r.id == f.rule),
        level: level(Severity::parse(f.severity).unwrap_or(Severity::Low)),
        message: Message { text: format!("{} — fix: {}", f.message, f.fix) },
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation { uri, uri_base_id: "%SRCROOT%" },
                region: Region { start_line: line },
            },
            logical_locations: logical,
        }],
        partial_fingerprints: Fingerprints {
            phi_lens: super::finding_fingerprint(f.rule, &f.unique_id, f.column.as_deref()),
        },
        suppressions: f.waived.as_deref().map(|reason| {
            [Suppression {
                kind: "inSource",
                status: "accepted",
                justification: reason,
                properties: (f.waiver_approved_by.is_some() || f.waiver_expires.is_some()).then_some(
                    SuppressionProperties {
                        approved_by: f.waiver_approved_by.as_deref(),
                        expires: f.waiver_expires.as_deref(),
                    },
                ),
            }]
        }),
        properties: ResultProperties { severity: f.severity, family: f.family },
    }
}

/// Where a finding is written in the project.
struct Place {
    /// The file, relative to the project root.
    uri: String,
    /// Whether it is a yml file to search for `names`.
    yml: bool,
    /// The yml's top-level key the resource is listed under (`models`, `sources`…).
    section: &'static str,
    /// The names to look for, outermost first: a source's name, the resource's, the column's.
    names: Vec<String>,
}

/// Whether what a rule finds is fixed in the yml that documents the node (descriptions,
/// columns, meta, tags, tests) or where the node is built (its SQL file's config: schema,
/// grants, hooks). Every rule is listed: a new one must say where it points.
fn documented_in_yml(rule: RuleId) -> bool {
    match rule {
        RuleId::Acc001 | RuleId::Acc002 | RuleId::Phi006 | RuleId::Phi008 => false,
        RuleId::Doc001
        | RuleId::Doc002
        | RuleId::Doc003
        | RuleId::Doc004
        | RuleId::Exp001
        | RuleId::Exp002
        | RuleId::Exp003
        | RuleId::Exp004
        | RuleId::Phi001
        | RuleId::Phi002
        | RuleId::Phi003
        | RuleId::Phi004
        | RuleId::Phi005
        | RuleId::Phi007
        | RuleId::Phi009
        | RuleId::Phi010
        | RuleId::Phi011
        | RuleId::Tst001
        | RuleId::Tst002
        | RuleId::Tst003
        | RuleId::Tst004
        | RuleId::Tst005
        | RuleId::Tst006
        | RuleId::Tst007
        | RuleId::Tst008 => true,
    }
}

/// The file and entry a finding points at: the node's yml (`patch_path`) for what a yml
/// documents (and for any finding about a column), else its `original_file_path`; for a
/// dependency package, under `dbt_packages/<package>/`. A resource the manifest gives no file
/// for points at the project's `dbt_project.yml`.
fn place(f: &ReportFinding, project: &Project) -> Place {
    let yml_level = f.column.is_some() || RuleId::parse(f.rule).is_none_or(documented_in_yml);
    let (package, path, section, mut names) = if let Some(n) = project.node(&f.unique_id) {
        let documented = n.patch_path.as_deref().map(strip_package_prefix).filter(|p| !p.trim().is_empty());
        let path = match documented {
            Some(yml) if yml_level => yml.to_string(),
            _ => n.original_file_path.to_string(),
        };
        let section = match n.resource_type {
            ResourceType::Source => "sources",
            ResourceType::Seed => "seeds",
            ResourceType::Snapshot => "snapshots",
            ResourceType::Analysis => "analyses",
            _ => "models",
        };
        let mut names: Vec<String> = n.source_name.iter().map(|s| s.to_string()).collect();
        names.push(n.name.clone());
        (n.package_name.to_string(), path, section, names)
    } else if let Some(e) = project.exposure(&f.unique_id) {
        (e.package_name.to_string(), e.original_file_path.to_string(), "exposures", vec![e.name.clone()])
    } else {
        (String::new(), String::new(), "models", Vec::new())
    };
    names.extend(f.column.clone());
    let path = path.trim().replace('\\', "/");
    let path = if path.is_empty() { "dbt_project.yml".to_string() } else { path };
    let root = project.info.project_name.as_deref();
    let uri = if package.is_empty() || root.is_none_or(|r| r == package) {
        path
    } else {
        format!("dbt_packages/{package}/{path}")
    };
    let yml = uri.ends_with(".yml") || uri.ends_with(".yaml");
    Place { uri, yml, section, names }
}

/// `models/x.yml` of dbt's `clinic://models/x.yml`.
fn strip_package_prefix(patch_path: &str) -> &str {
    patch_path.split_once("://").map_or(patch_path, |(_, path)| path)
}

// The SARIF 2.1.0 objects phi-lens writes, in the specification's names.

#[derive(Serialize)]
struct Log<'r> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'r>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'r> {
    tool: Tool<'r>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    invocations: Vec<Invocation>,
    original_uri_base_ids: BaseIds,
    column_kind: &'static str,
    results: Vec<SarifResult<'r>>,
    properties: RunProperties<'r>,
}

#[derive(Serialize)]
struct Tool<'r> {
    driver: Driver<'r>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'r> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Rule<'r>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'r> {
    id: &'static str,
    name: &'static str,
    short_description: Text<'r>,
    full_description: Text<'r>,
    help: Text<'r>,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text<'r> {
    text: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    markdown: Option<&'r str>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: [&'static str; 1],
    #[serde(rename = "problem.severity")]
    problem_severity: &'static str,
}

#[derive(Serialize)]
struct BaseIds {
    #[serde(rename = "%SRCROOT%")]
    src_root: BaseId,
}

#[derive(Serialize)]
struct BaseId {
    description: Message,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunProperties<'r> {
    project_score: f64,
    project_grade: char,
    project_arithmetic: &'r str,
    policy_hash: &'r str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'r> {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    locations: [Location<'r>; 1],
    partial_fingerprints: Fingerprints,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressions: Option<[Suppression<'r>; 1]>,
    properties: ResultProperties<'r>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'r> {
    physical_location: PhysicalLocation,
    logical_locations: Vec<LogicalLocation<'r>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation<'r> {
    fully_qualified_name: String,
    name: &'r str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_index: Option<usize>,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "phiLens/v1")]
    phi_lens: String,
}

#[derive(Serialize)]
struct Suppression<'r> {
    kind: &'static str,
    status: &'static str,
    justification: &'r str,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<SuppressionProperties<'r>>,
}

/// A waiver's approver and last day, when it gives them.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SuppressionProperties<'r> {
    #[serde(skip_serializing_if = "Option::is_none")]
    approved_by: Option<&'r str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires: Option<&'r str>,
}

#[derive(Serialize)]
struct ResultProperties<'r> {
    severity: &'r str,
    family: &'r str,
}

/// The descriptor of a tool notification that carries a load warning.
pub const INPUT_WARNING: &str = "phi-lens/input-warning";

/// The run's invocation, when the load warned or rules were not evaluated: each is a tool
/// notification, so a code-scanning dashboard shows the warnings, and that the rules' silence
/// is not a pass.
fn invocations(report: &Report) -> Vec<Invocation> {
    if report.not_evaluated.is_empty() && report.warnings.is_empty() && report.baseline.is_none() {
        return Vec::new();
    }
    // A baseline's findings are not results: how many it set aside is said here.
    let baseline = super::text::baseline_line(report).map(|text| Notification {
        descriptor: Descriptor { id: "phi-lens-baseline" },
        level: "note",
        message: Message { text },
    });
    let warnings = report.warnings.iter().map(|w| Notification {
        descriptor: Descriptor { id: INPUT_WARNING },
        level: "warning",
        message: Message { text: w.to_string() },
    });
    let notes = baseline
        .into_iter()
        .chain(warnings)
        .chain(report.not_evaluated.iter().map(|n| Notification {
            descriptor: Descriptor { id: n.rule.as_str() },
            level: "warning",
            message: Message { text: format!("{} {}: not evaluated — {}", n.rule, n.rule_name, n.reason) },
        }))
        .collect();
    vec![Invocation { execution_successful: true, tool_execution_notifications: notes }]
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    descriptor: Descriptor,
    level: &'static str,
    message: Message,
}

#[derive(Serialize)]
struct Descriptor {
    id: &'static str,
}

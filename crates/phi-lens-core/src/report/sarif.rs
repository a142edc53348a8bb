//! The SARIF 2.1.0 rendering of a [`Report`], for code-scanning dashboards: one run whose
//! driver lists every rule of the registry, and one result per finding (waived findings carry
//! an in-source suppression with the waiver's reason).

use serde_json::{json, Value};

use super::{Report, ReportFinding};
use crate::model::Project;
use crate::rules::{explain, Severity, RULES};

/// The SARIF schema this output follows.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Renders the report as SARIF 2.1.0 (pretty JSON, final newline). The project gives each
/// node's file.
pub fn render(report: &Report, project: &Project) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let doc = explain(r);
            json!({
                "id": r.id,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.summary, "markdown": doc.trim()},
                "help": {"text": r.summary, "markdown": doc.trim()},
                "defaultConfiguration": {"level": level(r.severity)},
                "properties": {"tags": [r.family.as_str()], "problem.severity": r.severity.as_str()},
            })
        })
        .collect();
    let results: Vec<Value> = report.findings.iter().map(|f| result(f, project)).collect();
    let sarif = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "phi-lens",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The dbt project's root directory."}}},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {
                "projectScore": report.project_score,
                "projectGrade": report.project_grade.to_string(),
                "policyHash": report.policy.hash,
            },
        }],
    });
    match serde_json::to_string_pretty(&sarif) {
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

fn result(f: &ReportFinding, project: &Project) -> Value {
    let rule_index = RULES.iter().position(|r| r.id == f.rule);
    let severity = Severity::parse(f.severity).unwrap_or(Severity::Low);
    let mut logical = vec![json!({
        "fullyQualifiedName": f.unique_id,
        "name": f.unique_id.rsplit('.').next().unwrap_or(&f.unique_id),
        "kind": if f.unique_id.starts_with("exposure.") { "exposure" } else { "table" },
    })];
    if let Some(c) = &f.column {
        logical.push(json!({
            "fullyQualifiedName": format!("{}.{c}", f.unique_id),
            "name": c,
            "kind": "column",
            "parentIndex": 0,
        }));
    }
    let mut location = json!({"logicalLocations": logical});
    if let Some(file) = source_file(project, &f.unique_id) {
        location["physicalLocation"] = json!({"artifactLocation": {"uri": file, "uriBaseId": "%SRCROOT%"}});
    }
    let mut result = json!({
        "ruleId": f.rule,
        "level": level(severity),
        "message": {"text": format!("{} Fix: {}", f.message, f.fix)},
        "locations": [location],
        "partialFingerprints": {
            "phiLens/v1": format!("{}|{}|{}", f.rule, f.unique_id, f.column.as_deref().unwrap_or("")),
        },
        "properties": {"severity": f.severity, "family": f.family},
    });
    if let Some(i) = rule_index {
        result["ruleIndex"] = json!(i);
    }
    if let Some(reason) = &f.waived {
        result["suppressions"] = json!([{"kind": "inSource", "status": "accepted", "justification": reason}]);
    }
    result
}

/// The file that defines a node or exposure, relative to the project root: only for the root
/// package (other packages' paths are relative to where the package is installed).
fn source_file(project: &Project, unique_id: &str) -> Option<String> {
    let root = project.info.project_name.as_deref();
    let (package, path) = if let Some(n) = project.node(unique_id) {
        (n.package_name.as_ref(), n.original_file_path.as_ref())
    } else {
        let e = project.exposure(unique_id)?;
        (e.package_name.as_ref(), e.original_file_path.as_ref())
    };
    let path = path.trim();
    (!path.is_empty() && root.is_none_or(|r| r == package)).then(|| path.replace('\\', "/"))
}

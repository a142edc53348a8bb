//! The evidence folder: the four files `phi-lens export` writes and the app downloads, rendered
//! by one function so that both give byte-identical files.

use super::{build, csv, html, to_json, InputFingerprint, Report};
use crate::analysis::Analysis;
use crate::load::Warning;
use crate::model::Project;
use crate::phi::PhiReport;
use crate::select::Selection;

/// The evidence files, in the order [`evidence_files`] returns them.
pub const EVIDENCE_FILES: [&str; 4] = ["report.json", "phi_inventory.csv", "findings.csv", "report.html"];

/// Renders the evidence files of an analysed project: `report.json` (what `phi-lens check
/// --format json` prints), `phi_inventory.csv` (what `phi-lens phi --csv` prints),
/// `findings.csv` and the self-contained `report.html`, as (file name, bytes). `warnings` are
/// the load's, carried into `report.json` and `report.html`.
pub fn evidence_files(
    project: &Project,
    analysis: &Analysis,
    inputs: Vec<InputFingerprint>,
    warnings: &[Warning],
) -> Vec<(&'static str, Vec<u8>)> {
    let report = build(project, analysis, inputs, warnings);
    files(&report, &analysis.phi)
}

/// [`evidence_files`] of a selection (`export --select`): every file narrowed to the selected
/// resources, `report.json` and `report.html` saying so among their warnings.
pub fn evidence_files_selected(
    project: &Project,
    analysis: &Analysis,
    inputs: Vec<InputFingerprint>,
    warnings: &[Warning],
    selection: &Selection,
) -> Vec<(&'static str, Vec<u8>)> {
    let report = build(project, analysis, inputs, warnings).with_selection(selection);
    let mut phi = analysis.phi.clone();
    phi.retain(|uid| selection.contains(uid));
    files(&report, &phi)
}

fn files(report: &Report, phi: &PhiReport) -> Vec<(&'static str, Vec<u8>)> {
    let [json, inventory, findings, page] = EVIDENCE_FILES;
    vec![
        (json, to_json(report).into_bytes()),
        (inventory, csv::phi_inventory(&phi.rows()).into_bytes()),
        (findings, csv::findings(report).into_bytes()),
        (page, html::render(report, phi).into_bytes()),
    ]
}

/// Whether `bytes` look like the evidence file `name` as phi-lens writes it (so that `export`
/// may overwrite it): the JSON's generator, the CSV header, the HTML's generator meta.
pub fn is_evidence_file(name: &str, bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(2048)).unwrap_or(bytes);
    let head = String::from_utf8_lossy(head);
    match name {
        "report.json" => head.starts_with("{\n  \"generator\": \"phi-lens "),
        "phi_inventory.csv" => head.starts_with(&format!("{}\n", csv::INVENTORY_HEADER.join(","))),
        "findings.csv" => [&csv::FINDINGS_HEADER[..], &csv::FINDINGS_HEADER_BEFORE_APPROVALS[..]]
            .iter()
            .any(|header| head.starts_with(&format!("{}\n", header.join(",")))),
        "report.html" => {
            head.starts_with("<!DOCTYPE html>") && head.contains("<meta name=\"generator\" content=\"phi-lens ")
        }
        _ => false,
    }
}

//! `phi-lens phi`'s text: the inventory as aligned columns, for a terminal.

use crate::phi::{InventoryRow, PhiReport, Status};

/// The PHI inventory as aligned text (`phi-lens phi`): the policy hash, node counts, one row
/// per node and column, the exposures PHI reaches, the PHI facts and the load's warnings.
pub fn phi_text(report: &PhiReport, warnings: &[crate::load::Warning]) -> String {
    let mut out = String::new();
    // A partial run says so first (`--select`), and again among the warnings.
    for w in warnings.iter().filter(|w| w.file == "selection") {
        out.push_str(&format!("{}\n", super::text::clean(&w.message)));
    }
    out.push_str(&format!("policy  {}\n", report.policy_hash));
    let phi_nodes = report.nodes.iter().filter(|n| n.status.is_phi()).count();
    out.push_str(&format!(
        "nodes   {} ({} hold PHI, {} de-identified)\n\n",
        report.nodes.len(),
        phi_nodes,
        report.nodes.iter().filter(|n| n.status == Status::Deidentified).count()
    ));
    let rows: Vec<InventoryRow> = report.rows();
    let width = |f: &dyn Fn(&InventoryRow) -> usize, min: usize| rows.iter().map(f).max().unwrap_or(0).max(min);
    let w_id = width(&|r| r.unique_id.chars().count(), 9).min(60);
    let w_col = width(&|r| r.column.as_deref().map_or(1, |c| c.chars().count()), 6).min(32);
    out.push_str(&format!(
        "{:<w_id$}  {:<w_col$}  {:<12}  {:<3}  {:<6}  {}\n",
        "unique_id", "column", "status", "cat", "conf", "evidence"
    ));
    for r in &rows {
        out.push_str(&format!(
            "{:<w_id$}  {:<w_col$}  {:<12}  {:<3}  {:<6}  {}\n",
            r.unique_id,
            r.column.as_deref().unwrap_or("-"),
            r.status.as_str(),
            if r.category.is_empty() { "-" } else { r.category.as_str() },
            if r.confidence.is_empty() { "-" } else { r.confidence.as_str() },
            r.evidence
        ));
    }
    if !report.exposures.is_empty() {
        out.push_str("\nexposures\n");
        for e in &report.exposures {
            let how = if e.reached { format!("PHI via {}", e.path.join(" → ")) } else { "no PHI".to_string() };
            out.push_str(&format!("  {}  {how}\n", e.unique_id));
        }
    }
    out.push_str(&format!("\nfindings  {}\n", report.facts.len()));
    for f in &report.facts {
        out.push_str(&format!("  {:<32} {}\n", f.kind(), f.unique_id()));
    }
    if !warnings.is_empty() {
        out.push_str(&format!("\nwarnings  {}\n", warnings.len()));
        for line in super::warning_lines(&crate::provenance::reported_warnings(warnings)) {
            out.push_str(&format!("  {}\n", super::text::clean(&line)));
        }
    }
    out
}

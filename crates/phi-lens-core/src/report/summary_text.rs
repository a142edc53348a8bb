//! `phi-lens summary`'s text: what was loaded, for a terminal.

use crate::model::Project;
use crate::summary::{schema_versions, Summary};

/// The summary as text (`phi-lens summary`): versions, counts, columns, test results and
/// every load warning.
pub fn summary_text(project: &Project, s: &Summary) -> String {
    let dash = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".to_string());
    let mut out = String::new();
    out.push_str(&format!("project       {}\n", dash(&s.project_name)));
    out.push_str(&format!("dbt version   {}\n", dash(&s.dbt_version)));
    let schemas: Vec<String> = schema_versions(project).into_iter().map(|(k, v)| format!("{k} {}", dash(&v))).collect();
    out.push_str(&format!("artifacts     {}\n", schemas.join(", ")));
    out.push_str("counts\n");
    for (kind, n) in &s.counts {
        out.push_str(&format!("  {kind:<16}{n:>8}\n"));
    }
    out.push_str(&format!(
        "columns       {} documented, {} warehouse-only\n",
        s.columns.documented, s.columns.warehouse_only
    ));
    if s.test_status.is_empty() {
        out.push_str("test results  none (no run_results.json)\n");
    } else {
        let statuses: Vec<String> = s.test_status.iter().map(|(k, v)| format!("{k} {v}")).collect();
        out.push_str(&format!("test results  {}\n", statuses.join(", ")));
    }
    if s.warnings.is_empty() {
        out.push_str("warnings      none\n");
    } else {
        out.push_str(&format!("warnings      {}\n", s.warnings.len()));
        for w in &s.warnings {
            out.push_str(&format!("  - {w}\n"));
        }
    }
    out
}

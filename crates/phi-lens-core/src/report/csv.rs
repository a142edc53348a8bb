//! The CSV renderings: `findings.csv` (one row per finding) and `phi_inventory.csv` (one row
//! per node and column, what `phi-lens phi --csv` prints). Every field comes from untrusted
//! artifacts, so a field that a spreadsheet would read as a formula is prefixed with `'`.

use super::Report;
use crate::phi::InventoryRow;

/// The header of `findings.csv`.
pub const FINDINGS_HEADER: [&str; 11] = [
    "rule",
    "rule_name",
    "family",
    "severity",
    "unique_id",
    "column",
    "message",
    "fix",
    "waived_reason",
    "waiver_approved_by",
    "waiver_expires",
];

/// The header `findings.csv` had before waivers carried their approver and expiry: a file
/// with it is still one phi-lens wrote (and `export` may overwrite).
pub const FINDINGS_HEADER_BEFORE_APPROVALS: [&str; 9] =
    ["rule", "rule_name", "family", "severity", "unique_id", "column", "message", "fix", "waived_reason"];

/// The header of `phi_inventory.csv` (and of `phi-lens phi --csv`).
pub const INVENTORY_HEADER: [&str; 7] =
    ["unique_id", "column", "status", "category", "category_name", "confidence", "evidence"];

/// `findings.csv`: every finding, waived ones with their reason, approver and expiry, in the
/// report's order.
pub fn findings(report: &Report) -> String {
    let rows = report.findings.iter().map(|f| {
        [
            f.rule,
            f.rule_name,
            f.family,
            f.severity,
            f.unique_id.as_str(),
            f.column.as_deref().unwrap_or(""),
            f.message.as_str(),
            f.fix.as_str(),
            f.waived.as_deref().unwrap_or(""),
            f.waiver_approved_by.as_deref().unwrap_or(""),
            f.waiver_expires.as_deref().unwrap_or(""),
        ]
    });
    write(&FINDINGS_HEADER, rows)
}

/// `phi_inventory.csv`: the PHI inventory rows (see [`crate::phi::PhiReport::rows`]).
pub fn phi_inventory(rows: &[InventoryRow]) -> String {
    let rows = rows.iter().map(|r| {
        [
            r.unique_id.as_str(),
            r.column.as_deref().unwrap_or(""),
            r.status.as_str(),
            r.category.as_str(),
            r.category_name.as_str(),
            r.confidence.as_str(),
            r.evidence.as_str(),
        ]
    });
    write(&INVENTORY_HEADER, rows)
}

/// RFC 4180 CSV (quoted only where needed, `\n` line ends) with formula escaping.
fn write<'a, const N: usize>(header: &[&str; N], rows: impl Iterator<Item = [&'a str; N]>) -> String {
    let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let mut failed = w.write_record(header).is_err();
    for row in rows {
        failed |= w.write_record(row.iter().map(|f| defuse_formula(f).into_owned())).is_err();
    }
    let bytes = match w.into_inner() {
        Ok(b) => b,
        Err(_) => {
            failed = true;
            Vec::new()
        }
    };
    let mut out = String::from_utf8_lossy(&bytes).into_owned();
    if failed {
        // Writing to a Vec cannot fail; say so rather than return a silently short file.
        out.push_str("# error: a row could not be written\n");
    }
    out
}

/// A field starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'`
/// so that spreadsheets do not evaluate untrusted names as formulas.
pub fn defuse_formula(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

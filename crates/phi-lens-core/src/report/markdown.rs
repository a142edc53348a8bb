//! The markdown rendering of a [`Report`]: a pull-request comment — score, coverage, the worst
//! open findings, and the rest in collapsible details — kept well under a comment's size limit.

use super::text::{open_counts, plural, rank};
use super::{Report, ReportFinding};
use crate::analysis::Ratio;

/// Open findings listed in the main table; the rest are counted.
const TOP_FINDINGS: usize = 25;
/// Root causes in the "What to fix first" table.
const TOP_ROOT_CAUSES: usize = 10;
/// Rows in each collapsible table.
const DETAIL_ROWS: usize = 100;

/// Renders the report as a markdown PR comment.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let name = report.project.name.as_deref().map_or_else(|| "dbt project".to_string(), md);
    out.push_str(&format!("## phi-lens: {name} — score {:.1} ({})\n\n", report.project_score, report.project_grade));
    if let Some(line) = super::text::grade_cap_line(report) {
        out.push_str(&format!("**{}**\n\n", md(&capitalise(&line))));
    }
    if let Some(line) = super::text::baseline_line(report) {
        out.push_str(&format!("**{}**\n\n", md(&capitalise(&line))));
    }
    let waived = report.findings.iter().filter(|f| f.waived.is_some()).count();
    let open = open_counts(report);
    out.push_str(&format!(
        "**Open findings:** {}{} · {}, {} scored · policy `{}`\n\n",
        if open.is_empty() { "none".to_string() } else { open },
        if waived > 0 { format!(" ({waived} waived)") } else { String::new() },
        plural(report.nodes.len(), "node"),
        plural(report.exposures.len(), "exposure"),
        short_hash(&report.policy.hash)
    ));

    for line in super::warning_lines(&report.warnings) {
        out.push_str(&format!("- ⚠️ warning: {}\n", md(&line)));
    }
    for line in super::not_evaluated_lines(&report.not_evaluated) {
        out.push_str(&format!("- ⚠️ {}\n", md(&line)));
    }
    if !report.not_evaluated.is_empty() || !report.warnings.is_empty() {
        out.push('\n');
    }
    out.push_str("| coverage | covered | total | % |\n|---|---:|---:|---:|\n");
    for (label, r) in coverage_rows(report) {
        let pct = r.percent.map_or_else(|| "–".to_string(), |p| format!("{p:.1}"));
        out.push_str(&format!("| {label} | {} | {} | {pct} |\n", r.covered, r.total));
    }
    out.push('\n');
    root_causes(&mut out, report);

    let mut open: Vec<&ReportFinding> = report.findings.iter().filter(|f| f.waived.is_none()).collect();
    open.sort_by_key(|f| std::cmp::Reverse(rank(f.severity)));
    if open.is_empty() {
        out.push_str("No open findings.\n\n");
    } else {
        out.push_str("### Findings\n\n| severity | rule | node | column | message |\n|---|---|---|---|---|\n");
        for f in open.iter().take(TOP_FINDINGS) {
            out.push_str(&finding_row(f));
        }
        if open.len() > TOP_FINDINGS {
            out.push_str(&format!(
                "\n…and {} more open findings (see `phi-lens check` or the exported report).\n",
                open.len() - TOP_FINDINGS
            ));
        }
        out.push('\n');
    }

    let mut nodes: Vec<(&String, &super::ReportNode)> =
        report.nodes.iter().filter(|(_, n)| n.score.score < 100).collect();
    nodes.sort_by_key(|(uid, n)| (n.score.score, *uid));
    if !nodes.is_empty() {
        details_open(&mut out, &format!("Lowest-scoring nodes ({} below 100)", nodes.len()));
        out.push_str("| node | type | score | PHI | open findings |\n|---|---|---:|---|---:|\n");
        for (uid, n) in nodes.iter().take(DETAIL_ROWS) {
            let open: u32 = n.score.open.values().sum();
            out.push_str(&format!(
                "| {} | {} | {} ({}) | {} | {open} |\n",
                md(uid),
                md(&n.resource_type),
                n.score.score,
                n.score.grade,
                n.phi_status
            ));
        }
        more(&mut out, nodes.len());
        details_close(&mut out);
    }

    if !report.exposures.is_empty() {
        details_open(&mut out, &format!("Exposures ({})", report.exposures.len()));
        out.push_str("| exposure | score | weakest upstream | PHI |\n|---|---:|---|---|\n");
        for (uid, e) in report.exposures.iter().take(DETAIL_ROWS) {
            let weakest =
                e.score.weakest_upstream.as_ref().map_or_else(|| "–".to_string(), |(u, s)| format!("{} ({s})", md(u)));
            let phi = if e.phi.reached {
                e.phi.path.iter().map(|p| md(p)).collect::<Vec<_>>().join(" → ")
            } else {
                "no".to_string()
            };
            out.push_str(&format!("| {} | {} ({}) | {weakest} | {phi} |\n", md(uid), e.score.score, e.score.grade));
        }
        more(&mut out, report.exposures.len());
        details_close(&mut out);
    }

    let waived: Vec<&ReportFinding> = report.findings.iter().filter(|f| f.waived.is_some()).collect();
    if !waived.is_empty() || !report.waiver_problems.is_empty() {
        details_open(&mut out, &format!("Waivers ({} waived)", plural(waived.len(), "finding")));
        if !waived.is_empty() {
            out.push_str("| rule | node | column | reason | approved by | expires |\n|---|---|---|---|---|---|\n");
            for f in waived.iter().take(DETAIL_ROWS) {
                out.push_str(&format!(
                    "| {} | {} | {} | {} | {} | {} |\n",
                    f.rule,
                    md(&f.unique_id),
                    f.column.as_deref().map_or_else(String::new, md),
                    f.waived.as_deref().map_or_else(String::new, md),
                    f.waiver_approved_by.as_deref().map_or_else(|| "–".to_string(), md),
                    f.waiver_expires.as_deref().map_or_else(|| "–".to_string(), md)
                ));
            }
            more(&mut out, waived.len());
            out.push('\n');
        }
        for p in &report.waiver_problems {
            out.push_str(&format!("- ⚠️ {}\n", md(p)));
        }
        details_close(&mut out);
    }

    details_open(&mut out, "Inputs and policy");
    out.push_str("| file | bytes | sha256 | dbt | generated_at |\n|---|---:|---|---|---|\n");
    for i in &report.inputs {
        out.push_str(&format!(
            "| {} | {} | `{}` | {} | {} |\n",
            md(&i.file),
            i.bytes,
            i.sha256.trim_start_matches("sha256:"),
            i.dbt_version.as_deref().map_or_else(String::new, md),
            i.generated_at.as_deref().map_or_else(String::new, md)
        ));
    }
    out.push_str(&format!("\nPolicy `{}` · {}\n", report.policy.hash, md(&report.generator)));
    details_close(&mut out);
    out
}

/// The coverage figures with their labels, in report order.
pub(crate) fn coverage_rows(report: &Report) -> [(&'static str, Ratio); 7] {
    let c = &report.coverage;
    [
        ("Resources with sensitivity documented", c.resources_with_sensitivity),
        ("Columns with sensitivity documented", c.columns_with_sensitivity),
        ("PHI columns declared", c.phi_columns_declared),
        ("PHI columns described", c.phi_columns_described),
        ("Model columns with generic tests", c.model_columns_with_generic_tests),
        ("Clinical columns with rule tests", c.clinical_columns_with_rule_tests),
        ("Tests passing (last run)", c.test_pass_rate),
    ]
}

fn finding_row(f: &ReportFinding) -> String {
    format!(
        "| {} | {} `{}` | {} | {} | {} |\n",
        f.severity,
        f.rule,
        f.rule_name,
        md(&f.unique_id),
        f.column.as_deref().map_or_else(String::new, md),
        md(&f.message)
    )
}

fn details_open(out: &mut String, summary: &str) {
    out.push_str(&format!("<details><summary>{summary}</summary>\n\n"));
}

fn details_close(out: &mut String) {
    out.push_str("\n</details>\n\n");
}

fn more(out: &mut String, total: usize) {
    if total > DETAIL_ROWS {
        out.push_str(&format!("\n…and {} more.\n", total - DETAIL_ROWS));
    }
}

/// The text with its first letter in upper case.
pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn short_hash(hash: &str) -> &str {
    let hex = hash.trim_start_matches("sha256:");
    hex.get(..12).unwrap_or(hex)
}

/// Untrusted text made inert in markdown: HTML is escaped, markdown punctuation is
/// backslash-escaped, and line breaks become spaces (a table cell is one line).
/// The riskiest open root causes, one row each with the fix in one sentence.
fn root_causes(out: &mut String, report: &Report) {
    let open: Vec<&crate::root_causes::RootCause> = report.root_causes.iter().filter(|c| !c.is_waived()).collect();
    if open.is_empty() {
        return;
    }
    out.push_str(&format!(
        "### What to fix first\n\n{} open findings come from {}, the riskiest first.\n\n\
         | # | severity | rule | scope | findings | fix |\n|---:|---|---|---|---:|---|\n",
        open.iter().map(|c| c.open).sum::<usize>(),
        plural(open.len(), "root cause")
    ));
    for (i, c) in open.iter().take(TOP_ROOT_CAUSES).enumerate() {
        out.push_str(&format!(
            "| {} | {} | {} {} | {} {} | {} | {} |\n",
            i + 1,
            c.severity.as_str(),
            c.rule.as_str(),
            md(c.rule_name),
            c.scope.as_str(),
            md(&c.scope_id),
            c.open,
            md(&c.fix.summary)
        ));
    }
    if open.len() > TOP_ROOT_CAUSES {
        out.push_str(&format!(
            "\n…and {} more; every fix is written out in the exported report.\n",
            open.len() - TOP_ROOT_CAUSES
        ));
    }
    out.push('\n');
}

pub(crate) fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

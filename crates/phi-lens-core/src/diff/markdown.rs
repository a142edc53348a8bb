//! The markdown rendering of a [`Diff`]: a pull-request comment. A hidden marker (so a CI step
//! finds and updates one sticky comment), a one-line verdict, a short table of what matters
//! most, and every section folded in `<details>`. GitHub-flavoured markdown with no raw HTML
//! but `<details>`, `<summary>` and the marker; untrusted text is escaped.

use super::text::{finding_counts, project_name, project_score, reaching, schema, score, score_change, state, test};
use super::verdict::verdict;
use super::{Diff, DiffFinding, PhiChangeKind};
use crate::findings::Severity;
use crate::report::markdown::md;
use crate::report::text::plural;

/// The marker a CI step looks for to update its comment instead of adding one.
pub const MARKER: &str = "<!-- phi-lens-diff -->";

/// Rows in the table of what matters most.
const TOP_ROWS: usize = 15;
/// PHI columns named in one row of that table (the rest are counted; the exposures section
/// lists them).
const TOP_COLUMNS: usize = 5;
/// Rows in each folded section, most first: fewer when the comment would pass [`MAX_CHARS`].
const DETAIL_ROWS: [usize; 5] = [100, 50, 25, 10, 3];
/// The most a comment holds: GitHub refuses one over 65,536 characters.
pub const MAX_CHARS: usize = 60_000;

/// Renders the diff as a markdown PR comment, under [`MAX_CHARS`] characters: each folded
/// section lists up to 100 rows, fewer when the whole would be longer, and says how many more
/// there are.
pub fn render(diff: &Diff) -> String {
    let mut out = String::new();
    for rows in DETAIL_ROWS {
        out = render_rows(diff, rows);
        if out.chars().count() <= MAX_CHARS {
            break;
        }
    }
    out
}

fn render_rows(diff: &Diff, rows: usize) -> String {
    let mut out = String::new();
    out.push_str(MARKER);
    out.push('\n');
    let v = verdict(diff);
    let name = md(&project_name(diff));
    out.push_str(&format!("### {} phi-lens: {name} — {}\n\n", v.level.mark(), md(&v.line())));
    out.push_str(&format!("**Score** {} · **findings** {}\n\n", project_score(diff), finding_counts(diff)));
    if diff.base.policy_hash != diff.head.policy_hash {
        out.push_str("⚠️ The two sides were analysed under different policies.\n\n");
    }
    if let Some(note) = &diff.selection {
        out.push_str(&format!("⚠️ {}\n\n", md(&crate::report::markdown::capitalise(note))));
    }
    let top = top_rows(diff);
    if !top.is_empty() {
        out.push_str("| | change | where | detail |\n|---|---|---|---|\n");
        for row in top.iter().take(TOP_ROWS) {
            out.push_str(row);
        }
        if top.len() > TOP_ROWS {
            out.push_str(&format!("\n…and {} more below.\n", top.len() - TOP_ROWS));
        }
        out.push('\n');
    }
    phi_section(&mut out, diff, rows);
    exposure_section(&mut out, diff, rows);
    findings_section(&mut out, "New findings", &diff.findings.new, rows);
    findings_section(&mut out, "Resolved findings", &diff.findings.resolved, rows);
    if !diff.findings.severity_changed.is_empty() {
        details_open(&mut out, &format!("Severity changed ({})", diff.findings.severity_changed.len()));
        out.push_str("| finding | before | after |\n|---|---|---|\n");
        for s in diff.findings.severity_changed.iter().take(rows) {
            out.push_str(&format!("| {} | {} | {} |\n", md(&s.fingerprint), s.severity.before, s.severity.after));
        }
        more(&mut out, rows, diff.findings.severity_changed.len());
        details_close(&mut out);
    }
    let w = &diff.waivers;
    if !w.added.is_empty() || !w.removed.is_empty() {
        details_open(&mut out, &format!("Waivers ({} added, {} removed)", w.added.len(), w.removed.len()));
        out.push_str("| | rule | node | column | reason | findings |\n|---|---|---|---|---|---:|\n");
        for (sign, list) in [("added", &w.added), ("removed", &w.removed)] {
            for x in list.iter().take(rows) {
                out.push_str(&format!(
                    "| {sign} | {} | {} | {} | {} | {} |\n",
                    md(&x.waiver.rule),
                    md(&x.unique_id),
                    x.waiver.column.as_deref().map_or_else(String::new, md),
                    md(&x.waiver.reason),
                    x.findings_covered
                ));
            }
        }
        details_close(&mut out);
    }
    let s = &diff.scores;
    if !s.nodes.is_empty() || !s.exposures.is_empty() {
        let changed =
            format!("{} and {} changed", plural(s.nodes.len(), "node"), plural(s.exposures.len(), "exposure"));
        details_open(&mut out, &format!("Scores ({changed})"));
        out.push_str("| node or exposure | score |\n|---|---|\n");
        let all: Vec<_> = s.nodes.iter().chain(&s.exposures).collect();
        for c in all.iter().take(rows) {
            out.push_str(&format!("| {} | {} |\n", md(&c.unique_id), md(&score_change(c))));
        }
        more(&mut out, rows, all.len());
        details_close(&mut out);
    }
    let t = &diff.tests;
    if !t.removed.is_empty() || !t.newly_failing.is_empty() {
        details_open(
            &mut out,
            &format!("Tests ({} removed, {} newly failing)", t.removed.len(), t.newly_failing.len()),
        );
        out.push_str("| | test | status |\n|---|---|---|\n");
        for r in t.removed.iter().take(rows) {
            out.push_str(&format!("| removed | {} | – |\n", md(&test(r))));
        }
        for r in t.newly_failing.iter().take(rows) {
            out.push_str(&format!(
                "| newly failing | {} | {} → {} |\n",
                md(&test(r)),
                md(r.status_before.as_deref().unwrap_or("absent")),
                md(r.status_after.as_deref().unwrap_or("–"))
            ));
        }
        details_close(&mut out);
    }
    if !diff.renamed.is_empty() {
        details_open(&mut out, &format!("Renamed ({}, compared under the new name)", diff.renamed.len()));
        out.push_str("| from | to |\n|---|---|\n");
        for r in diff.renamed.iter().take(rows) {
            out.push_str(&format!("| {} | {} |\n", md(&r.from), md(&r.to)));
        }
        more(&mut out, rows, diff.renamed.len());
        details_close(&mut out);
    }
    out.push_str(&format!(
        "{} · base dbt {} · head dbt {}\n",
        md(&diff.generator),
        md(diff.base.dbt_version.as_deref().unwrap_or("?")),
        md(diff.head.dbt_version.as_deref().unwrap_or("?"))
    ));
    out
}

/// The rows of the table of what matters most, worst first.
fn top_rows(diff: &Diff) -> Vec<String> {
    let mut rows = Vec::new();
    for e in diff.exposures_gaining_phi() {
        let what = if e.new_phi.is_empty() {
            e.new_categories.iter().map(|c| format!("{} {}", c.letter(), c.name())).collect::<Vec<_>>().join(", ")
        } else {
            let mut listed: Vec<String> = e.new_phi.iter().take(TOP_COLUMNS).map(reaching).collect();
            if e.new_phi.len() > TOP_COLUMNS {
                listed.push(format!("and {} more", e.new_phi.len() - TOP_COLUMNS));
            }
            listed.join("; ")
        };
        rows.push(row("🔴", "PHI newly reaches exposure", &e.unique_id, &what));
    }
    // New open findings between two severities, the worst first (a stable sort keeps the
    // report's order within a severity).
    let new_at = |min: Severity, max: Severity| {
        let mut found: Vec<(Severity, &DiffFinding)> = diff
            .findings
            .new
            .iter()
            .filter(|f| f.finding.waived.is_none())
            .filter_map(|f| Severity::parse(f.finding.severity).map(|s| (s, f)))
            .filter(|(s, _)| *s >= min && *s <= max)
            .collect();
        found.sort_by_key(|(s, _)| std::cmp::Reverse(*s));
        found.into_iter().map(|(_, f)| f)
    };
    for f in new_at(Severity::High, Severity::Critical) {
        rows.push(finding_row("🔴", f));
    }
    for n in &diff.phi {
        if n.change == Some(PhiChangeKind::DeclarationLost) {
            rows.push(row(
                "🔴",
                "PHI declaration lost",
                &n.unique_id,
                &declaration(n.before.as_ref(), n.after.as_ref()),
            ));
        }
        for c in n.columns.iter().filter(|c| c.change == PhiChangeKind::DeclarationLost) {
            let at = format!("{}.{}", n.unique_id, c.column);
            rows.push(row("🔴", "PHI declaration lost", &at, &declaration(c.before.as_ref(), c.after.as_ref())));
        }
    }
    for r in &diff.tests.removed {
        rows.push(row("🔴", "clinical test removed", r.node.as_deref().unwrap_or("–"), &test(r)));
    }
    for r in &diff.tests.newly_failing {
        let status = format!("{} ({})", test(r), r.status_after.as_deref().unwrap_or("–"));
        rows.push(row("🔴", "test newly failing", r.node.as_deref().unwrap_or("–"), &status));
    }
    for f in new_at(Severity::Low, Severity::Medium) {
        rows.push(finding_row("🟡", f));
    }
    for n in &diff.phi {
        if let Some(s) = &n.schema {
            rows.push(row(
                "🟡",
                "moved schema",
                &n.unique_id,
                &format!("{} → {}", schema(&s.before), schema(&s.after)),
            ));
        }
    }
    if diff.scores.delta() < 0.0 {
        let detail = format!(
            "{:.1} ({}) → {:.1} ({})",
            diff.scores.project.before, diff.scores.grade.before, diff.scores.project.after, diff.scores.grade.after
        );
        rows.push(row("🟡", "project score fell", "project", &detail));
    }
    rows
}

fn declaration(before: Option<&super::PhiState>, after: Option<&super::PhiState>) -> String {
    format!("{} → {}", state(before), state(after))
}

fn row(mark: &str, change: &str, at: &str, detail: &str) -> String {
    format!("| {mark} | {change} | {} | {} |\n", md(at), md(detail))
}

fn finding_row(mark: &str, d: &DiffFinding) -> String {
    let f = &d.finding;
    let at = match &f.column {
        Some(c) => format!("{}.{c}", f.unique_id),
        None => f.unique_id.clone(),
    };
    row(mark, &format!("new {} {}", f.severity, f.rule), &at, &f.message)
}

fn phi_section(out: &mut String, diff: &Diff, rows: usize) {
    if diff.phi.is_empty() {
        return;
    }
    details_open(out, &format!("PHI classification ({} changed)", plural(diff.phi.len(), "node")));
    out.push_str("| node | column | change | before | after |\n|---|---|---|---|---|\n");
    let mut listed = 0;
    for n in &diff.phi {
        if let Some(k) = n.change {
            listed += 1;
            if listed <= rows {
                out.push_str(&format!(
                    "| {} | | {} | {} | {} |\n",
                    md(&n.unique_id),
                    k.words(),
                    md(&state(n.before.as_ref())),
                    md(&state(n.after.as_ref()))
                ));
            }
        }
        for c in &n.columns {
            listed += 1;
            if listed <= rows {
                out.push_str(&format!(
                    "| {} | {} | {} | {} | {} |\n",
                    md(&n.unique_id),
                    md(&c.column),
                    c.change.words(),
                    md(&state(c.before.as_ref())),
                    md(&state(c.after.as_ref()))
                ));
            }
        }
    }
    more(out, rows, listed);
    details_close(out);
}

fn exposure_section(out: &mut String, diff: &Diff, rows: usize) {
    if diff.exposures.is_empty() {
        return;
    }
    details_open(out, &format!("Exposures ({} changed)", diff.exposures.len()));
    out.push_str("| exposure | PHI | new PHI | no longer | score |\n|---|---|---|---|---|\n");
    for e in diff.exposures.iter().take(rows) {
        let reached = match (e.reached.before, e.reached.after) {
            (false, true) => "now reaches it",
            (true, false) => "no longer reaches it",
            (true, true) => "reaches it",
            (false, false) => "–",
        };
        let list = |l: &[super::ReachingPhi]| {
            if l.is_empty() {
                "–".to_string()
            } else {
                l.iter().map(|r| md(&reaching(r))).collect::<Vec<_>>().join("; ")
            }
        };
        out.push_str(&format!(
            "| {} ({}) | {reached} | {} | {} | {} |\n",
            md(&e.unique_id),
            md(&e.name),
            list(&e.new_phi),
            list(&e.removed_phi),
            md(&score(&e.score, &e.grade))
        ));
    }
    more(out, rows, diff.exposures.len());
    details_close(out);
}

fn findings_section(out: &mut String, title: &str, list: &[DiffFinding], rows: usize) {
    if list.is_empty() {
        return;
    }
    details_open(out, &format!("{title} ({})", list.len()));
    out.push_str("| severity | rule | node | column | message |\n|---|---|---|---|---|\n");
    for d in list.iter().take(rows) {
        let f = &d.finding;
        out.push_str(&format!(
            "| {}{} | {} `{}` | {} | {} | {} |\n",
            f.severity,
            if f.waived.is_some() { " (waived)" } else { "" },
            f.rule,
            f.rule_name,
            md(&f.unique_id),
            f.column.as_deref().map_or_else(String::new, md),
            md(&f.message)
        ));
    }
    more(out, rows, list.len());
    details_close(out);
}

fn details_open(out: &mut String, summary: &str) {
    out.push_str(&format!("<details><summary>{}</summary>\n\n", md(summary)));
}

fn details_close(out: &mut String) {
    out.push_str("\n</details>\n\n");
}

fn more(out: &mut String, rows: usize, total: usize) {
    if total > rows {
        out.push_str(&format!("\n…and {} more (`phi-lens diff --format json` lists them all).\n", total - rows));
    }
}

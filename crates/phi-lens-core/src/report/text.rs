//! The terminal rendering of a [`Report`]: a summary first (the grade and why, open findings
//! by severity, the riskiest root causes with their fixes), then the findings grouped by node,
//! each with its severity, rule, message and a `fix:` hint, then one summary line. Colour is
//! the caller's choice (the core never looks at a terminal).

use std::collections::BTreeMap;

use super::{Report, ReportFinding};
use crate::findings::Severity;

/// ANSI styles, or nothing when colour is off.
struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn severity(&self, severity: &str) -> String {
        let code = match severity {
            "critical" => "1;31",
            "high" => "31",
            "medium" => "33",
            _ => "36",
        };
        self.paint(code, &format!("{severity:<8}"))
    }
}

/// Renders the report for a terminal: `color` turns ANSI colour on.
pub fn render(report: &Report, color: bool) -> String {
    let style = Style { on: color };
    let mut out = String::new();
    // The verdict first: the grade, and what capped it.
    out.push_str(&summary_line(report, &style));
    out.push('\n');
    if let Some(line) = grade_cap_line(report) {
        out.push_str(&style.paint("1", &line));
        out.push('\n');
    }
    if let Some(line) = baseline_line(report) {
        out.push_str(&style.paint("1", &line));
        out.push('\n');
    }
    // What was doubtful about the inputs, before anything concluded from them.
    for line in super::warning_lines(&report.warnings) {
        out.push_str(&format!("{} {}\n", style.paint("33", "warning:"), clean(&line)));
    }
    if let Some(line) = column_lineage_line(report) {
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(&root_cause_lines(report, TOP_ROOT_CAUSES, &style));
    out.push('\n');
    let mut by_uid: BTreeMap<&str, Vec<&ReportFinding>> = BTreeMap::new();
    for f in &report.findings {
        by_uid.entry(f.unique_id.as_str()).or_default().push(f);
    }
    for (uid, findings) in &by_uid {
        out.push_str(&style.paint("1", &clean(uid)));
        out.push_str(&style.paint("2", &format!("  {}", node_line(report, uid))));
        out.push('\n');
        let mut sorted = findings.clone();
        // Open findings first, the worst first; the report's order otherwise.
        sorted.sort_by_key(|f| (f.waived.is_some(), std::cmp::Reverse(rank(f.severity))));
        for f in sorted {
            let column = f.column.as_deref().map(|c| format!("[{}] ", clean(c))).unwrap_or_default();
            let rule = style.paint("1", f.rule);
            if let Some(reason) = &f.waived {
                let attribution = f.waiver_attribution().map(|a| format!(" ({})", clean(&a))).unwrap_or_default();
                out.push_str(&style.paint(
                    "2",
                    &format!(
                        "  {:<8} {} {}  {column}{}\n           waived: {}{attribution}\n",
                        f.severity,
                        f.rule,
                        f.rule_name,
                        clean(&f.message),
                        clean(reason)
                    ),
                ));
                continue;
            }
            out.push_str(&format!(
                "  {} {rule} {}  {column}{}\n",
                style.severity(f.severity),
                style.paint("2", f.rule_name),
                clean(&f.message)
            ));
            out.push_str(&format!("           {} {}\n", style.paint("32", "fix:"), clean(&f.fix)));
        }
        out.push('\n');
    }
    for p in &report.waiver_problems {
        out.push_str(&format!("{} {}\n", style.paint("33", "waiver problem:"), clean(p)));
    }
    if !report.waiver_problems.is_empty() {
        out.push('\n');
    }
    for line in super::not_evaluated_lines(&report.not_evaluated) {
        out.push_str(&format!("{} {}\n", style.paint("33", "not evaluated:"), clean(&line)));
    }
    if !report.not_evaluated.is_empty() {
        out.push('\n');
    }
    out.push_str(&summary_line(report, &style));
    out.push('\n');
    out
}

/// `column lineage: 44 of 44 models resolved at column level; 2 columns cleared by an aggregate
/// (review small cells)`, when the manifest had compiled SQL.
pub fn column_lineage_line(report: &Report) -> Option<String> {
    let level = report.column_lineage.as_ref()?;
    let mut line = format!(
        "column lineage: {} of {} models resolved at column level (node-level inheritance for the others)",
        level.resolved, level.models
    );
    if !level.small_cell_review.is_empty() {
        line.push_str(&format!(
            "; {} cleared by an aggregate (review small cells)",
            plural(level.small_cell_review.len(), "column")
        ));
    }
    Some(line)
}

/// `baseline old.json: 212 findings not shown (accepted earlier); only new findings are listed
/// and gated`, when a baseline set findings aside.
pub fn baseline_line(report: &Report) -> Option<String> {
    let b = report.baseline.as_ref()?;
    Some(format!(
        "baseline {}: {} not shown (accepted earlier); only new findings are listed and gated",
        clean(&b.file),
        plural(b.findings_baselined, "finding")
    ))
}

/// Root causes in the text report's summary.
pub const TOP_ROOT_CAUSES: usize = 10;

/// The summary's root causes: the `top` riskiest, two lines each (what, and the fix in one
/// sentence), and how many more there are.
fn root_cause_lines(report: &Report, top: usize, style: &Style) -> String {
    let open: Vec<&crate::root_causes::RootCause> = report.root_causes.iter().filter(|c| !c.is_waived()).collect();
    if open.is_empty() {
        return String::new();
    }
    let total: usize = open.iter().map(|c| c.open).sum();
    let mut out = format!(
        "\n{} ({} open findings in {}, the riskiest first):\n",
        style.paint("1", "What to fix first"),
        total,
        plural(open.len(), "root cause")
    );
    let width = open.len().min(top).to_string().len();
    for (i, c) in open.iter().take(top).enumerate() {
        let exposure = if c.phi_reaches_exposure { " · PHI reaches an exposure through it" } else { "" };
        out.push_str(&format!(
            "{:>width$}. {} {} {}  {} {}: {} on {}{exposure}\n",
            i + 1,
            style.severity(c.severity.as_str()),
            style.paint("1", c.rule.as_str()),
            style.paint("2", c.rule_name),
            c.scope.as_str(),
            clean(&c.scope_id),
            plural(c.open, "finding"),
            plural(c.nodes.len(), "node"),
        ));
        out.push_str(&format!("{:>width$}  {} {}\n", "", style.paint("32", "fix:"), clean(&c.fix.summary)));
    }
    if open.len() > top {
        out.push_str(&format!(
            "…and {} more (every fix is written out in `--format json`'s `root_causes` and the HTML report)\n",
            open.len() - top
        ));
    }
    out
}

/// `grade capped at C: 3 open critical findings (the score alone gives A)`, when a cap lowered
/// the project's grade.
pub fn grade_cap_line(report: &Report) -> Option<String> {
    let first = report.project_grade_capped_by.first()?;
    let mut out = format!("grade capped at {}: {}", first.grade, first.reason);
    for c in &report.project_grade_capped_by[1..] {
        out.push_str(&format!("; at {}: {}", c.grade, c.reason));
    }
    let own = crate::score::grade(report.project_score, &report.policy.values.score);
    out.push_str(&format!(" (the score alone gives {own})"));
    Some(clean(&out))
}

/// One line: project, score, grade and open findings by severity.
pub fn summary(report: &Report) -> String {
    summary_line(report, &Style { on: false })
}

/// [`summary`] of the report [`super::build`] would give, without building it.
pub fn summary_of(project: &crate::model::Project, analysis: &crate::analysis::Analysis) -> String {
    let scores = &analysis.scores;
    headline(
        &Headline {
            name: project.info.project_name.as_deref(),
            score: scores.project_score,
            grade: scores.project_grade,
            nodes: scores.nodes.keys().filter(|uid| project.node(uid).is_some()).count(),
            exposures: scores.exposures.keys().filter(|uid| project.exposure(uid).is_some()).count(),
            open: &super::open_findings(&analysis.findings),
            waived: analysis.findings.iter().filter(|f| f.is_waived()).count(),
        },
        &Style { on: false },
    )
}

/// What the summary line says.
struct Headline<'a> {
    name: Option<&'a str>,
    score: f64,
    grade: char,
    nodes: usize,
    exposures: usize,
    open: &'a std::collections::BTreeMap<&'static str, usize>,
    waived: usize,
}

fn summary_line(report: &Report, style: &Style) -> String {
    headline(
        &Headline {
            name: report.project.name.as_deref(),
            score: report.project_score,
            grade: report.project_grade,
            nodes: report.nodes.len(),
            exposures: report.exposures.len(),
            open: &report.open_findings,
            waived: report.findings.iter().filter(|f| f.waived.is_some()).count(),
        },
        style,
    )
}

fn headline(h: &Headline<'_>, style: &Style) -> String {
    let name = h.name.map_or_else(|| "project".to_string(), clean);
    let score = style.paint("1", &format!("score {:.1} ({})", h.score, h.grade));
    let open = open_counts_of(h.open);
    let open = if open.is_empty() {
        "no open findings".to_string()
    } else {
        let total: usize = h.open.values().sum();
        format!("{total} open ({open})")
    };
    let waived = if h.waived > 0 { format!(", {} waived", h.waived) } else { String::new() };
    let (nodes, exposures) = (plural(h.nodes, "node"), plural(h.exposures, "exposure"));
    format!("{name}: {score} · {nodes}, {exposures} · {open}{waived}")
}

/// `1 node`, `2 nodes`.
pub(crate) fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `2 critical, 1 high`: open findings by severity, the worst first, zeros left out.
pub(crate) fn open_counts(report: &Report) -> String {
    open_counts_of(&report.open_findings)
}

fn open_counts_of(open: &std::collections::BTreeMap<&'static str, usize>) -> String {
    Severity::ALL
        .iter()
        .rev()
        .filter_map(|s| open.get(s.as_str()).filter(|n| **n > 0).map(|n| format!("{n} {s}")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the node header says: type, score, PHI status.
fn node_line(report: &Report, uid: &str) -> String {
    if let Some(n) = report.nodes.get(uid) {
        let phi = match n.phi_status {
            "none" => String::new(),
            s if n.phi_categories.is_empty() => format!(" · PHI {s}"),
            s => format!(" · PHI {s} ({})", n.phi_categories.join(",")),
        };
        format!("{} · score {} ({}){phi}", n.resource_type, n.score.score, n.score.grade)
    } else if let Some(e) = report.exposures.get(uid) {
        let phi = if e.phi.reached { " · PHI reaches it" } else { "" };
        format!("exposure · score {} ({}){phi}", e.score.score, e.score.grade)
    } else {
        "not scored".to_string()
    }
}

/// Severity rank for sorting (unknown lowest).
pub(crate) fn rank(severity: &str) -> usize {
    Severity::parse(severity).map_or(0, |s| s as usize + 1)
}

/// Untrusted text made safe for a terminal: control characters (escape sequences, carriage
/// returns, newlines) become spaces.
pub(crate) fn clean(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// What `--explain-score` takes for the project's own score.
pub const PROJECT: &str = "project";

/// How a node's or exposure's score (or, for [`PROJECT`], the project's) was computed, in
/// words; `None` when the report has no score for `unique_id`.
pub fn explain_score(report: &Report, unique_id: &str) -> Option<String> {
    let cap = report.policy.values.score.critical_cap;
    if unique_id == PROJECT {
        let name = report.project.name.as_deref().map_or_else(|| "project".to_string(), clean);
        let mut out = format!("{name}  project · score {:.1} ({})\n", report.project_score, report.project_grade);
        out.push_str(&format!("  {}\n", clean(&report.project_arithmetic)));
        out.push_str(&weights_line(report));
        out.push_str(&not_evaluated_line(report));
        return Some(out);
    }
    if let Some(n) = report.nodes.get(unique_id) {
        let mut out =
            format!("{}  {} · score {} ({})\n", clean(unique_id), n.resource_type, n.score.score, n.score.grade);
        out.push_str(&format!("  {}\n", n.arithmetic));
        if n.score.waived > 0 {
            out.push_str(&format!("  {} waived finding(s) not scored\n", n.score.waived));
        }
        out.push_str(&weights_line(report));
        out.push_str(&not_evaluated_line(report));
        return Some(out);
    }
    let e = report.exposures.get(unique_id)?;
    let mut out = format!("{}  exposure · score {} ({})\n", clean(unique_id), e.score.score, e.score.grade);
    out.push_str(&format!("  own findings: {}\n", e.score.own.arithmetic(cap)));
    match &e.score.weakest_upstream {
        Some((uid, s)) => {
            out.push_str(&format!("  weakest of {} upstream node(s): {} = {s}\n", e.score.upstream_nodes, clean(uid)));
            out.push_str(&format!("  score = min({}, {s}) = {}\n", e.score.own.score, e.score.score));
        }
        None => out.push_str("  no scored node upstream: the score is its own\n"),
    }
    if !e.score.grade_capped_by.is_empty() {
        let caps: Vec<String> =
            e.score.grade_capped_by.iter().map(|c| format!("at {}: {}", c.grade, clean(&c.reason))).collect();
        out.push_str(&format!("  grade capped {}\n", caps.join("; ")));
    }
    out.push_str(&weights_line(report));
    out.push_str(&not_evaluated_line(report));
    Some(out)
}

/// In a score's arithmetic: the rules whose findings could not count, because they did not run.
fn not_evaluated_line(report: &Report) -> String {
    if report.not_evaluated.is_empty() {
        return String::new();
    }
    let rules: Vec<String> = report.not_evaluated.iter().map(|n| n.rule.to_string()).collect();
    format!("  not evaluated (an input is missing; no finding of theirs is in this score): {}\n", rules.join(", "))
}

fn weights_line(report: &Report) -> String {
    let s = &report.policy.values.score;
    let weights: Vec<String> =
        Severity::ALL.iter().rev().map(|sev| format!("{sev} {}", s.weights.get(sev).copied().unwrap_or(0))).collect();
    format!(
        "  weights: {}; an open critical caps the score at {}; an open critical finding caps the grade at C, an open high one at B\n",
        weights.join(", "),
        s.critical_cap
    )
}

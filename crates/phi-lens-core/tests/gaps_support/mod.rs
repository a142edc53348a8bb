//! What `demo_gaps.rs` and `upper_fixture_gaps.rs` share (and `report_evidence.rs`, the demo as
//! `check` analyses it): a project's artifacts analysed under
//! the default policy, and its `GAPS.md` read as test expectations (the "## Gaps" table: id |
//! gap | unique_id | column | expected finding | rule; the "## Compliant parts" table: what |
//! unique_id | column | why it is fine).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.
#![allow(dead_code)] // Each test binary uses its own part of it.

use std::collections::BTreeSet;
use std::path::Path;

use phi_lens_core::findings::{Finding, Severity};
use phi_lens_core::model::Project;
use phi_lens_core::{load_project, ArtifactKind, ArtifactSet, Input, Policy};

/// The artifacts of `dir` that exist (manifest, catalog, run results, sources), loaded and
/// analysed under the default policy.
pub fn analysed(dir: &Path) -> (Project, Vec<Finding>) {
    let (project, analysis) = analysis(dir);
    (project, analysis.findings)
}

/// [`analysed`] with the whole analysis.
pub fn analysis(dir: &Path) -> (Project, phi_lens_core::Analysis) {
    let (_, project, analysis) = analysis_of_set(dir);
    (project, analysis)
}

/// [`analysis`] with the artifact set it read.
pub fn analysis_of_set(dir: &Path) -> (ArtifactSet, Project, phi_lens_core::Analysis) {
    let mut set = ArtifactSet::default();
    for kind in ArtifactKind::ALL {
        let path = dir.join(kind.file_name());
        if path.exists() {
            set.insert(kind, Input::new(kind.file_name(), std::fs::read(&path).unwrap()));
        }
    }
    let project = load_project(&set).unwrap().project;
    // As `phi-lens check` does: column lineage from the compiled SQL, where the manifest has it.
    let lineage = phi_lens_core::columns::lineage_of(&set, &project).unwrap();
    let analysis =
        phi_lens_core::analyse_with_columns(&project, &Policy::default(), lineage.as_ref(), &phi_lens_core::Sequential);
    (set, project, analysis)
}

/// The rows of the markdown table that follows `heading`, as trimmed cells.
pub fn table(doc: &str, heading: &str) -> Vec<Vec<String>> {
    let start = doc.find(heading).unwrap_or_else(|| panic!("GAPS.md has `{heading}`"));
    doc[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| l.trim().trim_matches('|').split('|').map(|c| c.trim().replace('`', "")).collect())
        .collect()
}

/// One row of the "## Gaps" table.
pub struct Gap {
    pub id: String,
    /// The node the finding is reported on (a failing test's tested node).
    pub target: String,
    pub column: Option<String>,
    /// The rule meant to find it.
    pub rule: String,
    /// The severity the row names, if any.
    pub severity: Option<String>,
    /// The rules in parentheses: findings the same gap also produces.
    pub secondary: Vec<String>,
    /// A failing test's name, which its finding's message quotes.
    pub test_name: Option<String>,
}

/// The "## Gaps" table of `doc`.
pub fn gaps(doc: &str, project: &Project) -> Vec<Gap> {
    table(doc, "## Gaps")
        .into_iter()
        .map(|cells| {
            let [id, _, uid, column, _, rule] = cells.as_slice() else { panic!("a gap row has 6 cells: {cells:?}") };
            let mut words =
                rule.split(|c: char| c == '(' || c == ')' || c == ',' || c.is_whitespace()).filter(|w| !w.is_empty());
            let primary = words.next().unwrap().to_string();
            let rest: Vec<String> = words.map(str::to_string).collect();
            let severity = rest.iter().find(|w| ["low", "medium", "high", "critical"].contains(&w.as_str())).cloned();
            let secondary = rest
                .iter()
                .filter_map(|w| w.strip_prefix('+').or(Some(w.as_str())))
                .filter(|w| w.len() == 6)
                .map(str::to_string)
                .collect();
            // A failing test is reported on the node it tests.
            let (target, test_name) = match project.test(uid) {
                Some(t) => (
                    t.attached_node.as_deref().or(t.depends_on.first().map(|d| d.as_ref())).unwrap().to_string(),
                    Some(t.name.clone()),
                ),
                None => (uid.clone(), None),
            };
            Gap {
                id: id.clone(),
                target,
                column: (column != "-").then(|| column.clone()),
                rule: primary,
                severity,
                secondary,
                test_name,
            }
        })
        .collect()
}

/// Whether `f` is the finding gap `g` expects.
pub fn matches(g: &Gap, f: &Finding) -> bool {
    f.rule == g.rule.as_str()
        && *f.unique_id == *g.target
        && f.column.as_deref().is_none_or(|c| g.column.as_deref().is_none_or(|gc| gc.eq_ignore_ascii_case(c)))
        && g.severity.as_deref().is_none_or(|s| f.severity.as_str() == s)
        && g.test_name.as_deref().is_none_or(|t| f.message.contains(&format!("`{t}`")))
}

/// The gaps no finding matches, one line each.
pub fn missed(gaps: &[Gap], findings: &[Finding]) -> Vec<String> {
    gaps.iter()
        .filter(|g| !findings.iter().any(|f| matches(g, f)))
        .map(|g| {
            format!(
                "{} ({} on {}{})",
                g.id,
                g.rule,
                g.target,
                g.column.as_deref().map(|c| format!(".{c}")).unwrap_or_default()
            )
        })
        .collect()
}

/// Whether a gap explains `f`: its rule's findings on its node (other columns of a node that
/// declares nothing are flagged for the same reason) and the secondary rules it lists.
pub fn explained(gaps: &[Gap], f: &Finding) -> bool {
    gaps.iter().any(|g| {
        *f.unique_id == *g.target && (f.rule == g.rule.as_str() || g.secondary.iter().any(|r| f.rule == r.as_str()))
    })
}

/// The findings no gap explains whose severity is at least `at_least`, one line each.
pub fn unexplained(gaps: &[Gap], findings: &[Finding], at_least: Severity) -> Vec<String> {
    findings.iter().filter(|f| f.severity >= at_least && !explained(gaps, f)).map(describe).collect()
}

/// `RULE severity unique_id.column: message`.
pub fn describe(f: &Finding) -> String {
    format!(
        "{} {} {}{}: {}",
        f.rule,
        f.severity,
        f.unique_id,
        f.column.as_deref().map(|c| format!(".{c}")).unwrap_or_default(),
        f.message
    )
}

/// The unique_ids the "## Compliant parts" table names; each must be a node or exposure of
/// the project.
pub fn compliant_parts(doc: &str, project: &Project) -> BTreeSet<String> {
    let mut checked = BTreeSet::new();
    for cells in table(doc, "## Compliant parts") {
        for uid in cells[1].split(',').map(str::trim) {
            assert!(
                project.node(uid).is_some() || project.exposure(uid).is_some(),
                "GAPS.md names `{uid}`, which is not in the project"
            );
            checked.insert(uid.to_string());
        }
    }
    checked
}

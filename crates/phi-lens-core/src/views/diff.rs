//! What a UI shows of a [`Diff`] (a base build compared with the one shown): the verdict and
//! the counts beside "compared with", the PHI and exposure changes as rows of words, and for
//! one node or exposure everything the diff says about it. The diff itself is
//! [`crate::diff::diff`]'s; nothing here decides what changed, it only gathers and words it.

use crate::diff::text::{finding_counts, project_score, reaching, schema, state};
use crate::diff::{
    verdict, Diff, DiffFinding, ExposureChange, Level, NodePhiChange, PhiChangeKind, ScoreChange, SeverityChange,
    TestRef,
};
use crate::report::ReportWaiver;

/// A diff in one paragraph: its level, its verdict, the project score and findings before and
/// after, and how many of each kind of change it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct DiffSummary {
    /// How the change looks for PHI compliance.
    pub level: Level,
    /// The one-line verdict, the worst first (`PHI newly reaches 1 exposure · …`).
    pub verdict: String,
    /// `93.4 (C) → 92.4 (C)`.
    pub score: String,
    /// `3 new, 0 resolved, 45 unchanged`.
    pub findings: String,
    /// The kinds of change the diff holds, with their counts, in the diff page's order; a kind
    /// with none is left out.
    pub counts: Vec<(&'static str, usize)>,
    /// Whether nothing changed that the diff reports.
    pub empty: bool,
}

/// The summary of `diff`.
pub fn summary(diff: &Diff) -> DiffSummary {
    let v = verdict(diff);
    let columns = diff.phi.iter().map(|n| n.columns.len()).sum();
    let nodes = diff.phi.iter().filter(|n| n.change.is_some() || n.schema.is_some()).count();
    let f = &diff.findings;
    let counts = [
        ("exposures PHI newly reaches", diff.exposures_gaining_phi().count()),
        ("nodes whose PHI or schema changed", nodes),
        ("columns whose PHI changed", columns),
        ("exposures changed", diff.exposures.len()),
        ("new findings", f.new.len()),
        ("resolved findings", f.resolved.len()),
        ("findings whose severity changed", f.severity_changed.len()),
        ("waivers added", diff.waivers.added.len()),
        ("waivers removed", diff.waivers.removed.len()),
        ("node scores changed", diff.scores.nodes.len()),
        ("exposure scores changed", diff.scores.exposures.len()),
        ("clinical tests removed", diff.tests.removed.len()),
        ("tests newly failing", diff.tests.newly_failing.len()),
        ("nodes renamed", diff.renamed.len()),
    ];
    DiffSummary {
        level: v.level,
        verdict: v.line(),
        score: project_score(diff),
        findings: finding_counts(diff),
        counts: counts.into_iter().filter(|(_, n)| *n > 0).collect(),
        empty: diff.is_empty(),
    }
}

/// One row of the PHI classification changes: a node's own change, one of its columns', or
/// its move to another schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhiRow<'d> {
    /// The node (its head unique_id, else its base one).
    pub node: &'d str,
    /// The column, on a column's row.
    pub column: Option<&'d str>,
    /// `became PHI`, `declaration lost`, …, `moved schema`.
    pub change: &'static str,
    /// Whether the change makes the project worse (PHI gained, a declaration lost).
    pub regression: bool,
    /// Before: `declared (A, G)`, `absent`, or the schema.
    pub before: String,
    /// After.
    pub after: String,
}

/// The rows of `changes`, node by node: the node's own change, its schema move, then its
/// columns'.
pub fn phi_rows(changes: &[NodePhiChange]) -> Vec<PhiRow<'_>> {
    let mut rows = Vec::new();
    for n in changes {
        let row = |column, change: PhiChangeKind, before, after| PhiRow {
            node: &n.unique_id,
            column,
            change: change.words(),
            regression: change.is_regression(),
            before,
            after,
        };
        if let Some(k) = n.change {
            rows.push(row(None, k, state(n.before.as_ref()), state(n.after.as_ref())));
        }
        if let Some(s) = &n.schema {
            rows.push(PhiRow {
                node: &n.unique_id,
                column: None,
                change: "moved schema",
                regression: false,
                before: schema(&s.before),
                after: schema(&s.after),
            });
        }
        for c in &n.columns {
            rows.push(row(Some(c.column.as_str()), c.change, state(c.before.as_ref()), state(c.after.as_ref())));
        }
    }
    rows
}

/// An exposure's change in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExposureRow<'d> {
    /// The exposure.
    pub unique_id: &'d str,
    /// Its label or name.
    pub name: &'d str,
    /// Whether PHI reaches it that did not (a column or a Safe Harbor category new to it).
    pub gains_phi: bool,
    /// `PHI now reaches it`, `PHI no longer reaches it`, `PHI reached it and still does`,
    /// `no PHI reaches it`.
    pub reached: &'static str,
    /// The PHI columns that reach it now and did not, with their category and path.
    pub new_phi: Vec<String>,
    /// The Safe Harbor categories new to it, `F E-mail addresses`.
    pub new_categories: Vec<String>,
    /// The PHI columns that no longer reach it.
    pub removed_phi: Vec<String>,
    /// The Safe Harbor categories that no longer reach it.
    pub removed_categories: Vec<String>,
    /// `88 (B) → 61 (D)`, or `None` when its score did not change.
    pub score: Option<String>,
}

/// `e` in words.
pub fn exposure_row(e: &ExposureChange) -> ExposureRow<'_> {
    let categories = |l: &[crate::phi::SafeHarbor]| l.iter().map(|c| format!("{} {}", c.letter(), c.name())).collect();
    let changed = e.score.before != e.score.after || e.grade.before != e.grade.after;
    ExposureRow {
        unique_id: &e.unique_id,
        name: &e.name,
        gains_phi: e.gains_phi(),
        reached: match (e.reached.before, e.reached.after) {
            (false, true) => "PHI now reaches it",
            (true, false) => "PHI no longer reaches it",
            (true, true) => "PHI reached it and still does",
            (false, false) => "no PHI reaches it",
        },
        new_phi: e.new_phi.iter().map(reaching).collect(),
        new_categories: categories(&e.new_categories),
        removed_phi: e.removed_phi.iter().map(reaching).collect(),
        removed_categories: categories(&e.removed_categories),
        score: changed.then(|| crate::diff::text::score(&e.score, &e.grade)),
    }
}

/// Everything a diff says about one node or exposure (by its head unique_id).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResourceChanges<'d> {
    /// Its unique_id in the base, when it was renamed.
    pub renamed_from: Option<&'d str>,
    /// Its PHI classification's change, and its columns'.
    pub phi: Vec<PhiRow<'d>>,
    /// The exposure's change, on an exposure.
    pub exposure: Option<ExposureRow<'d>>,
    /// Findings on it that are new.
    pub new_findings: Vec<&'d DiffFinding>,
    /// Findings on it that are resolved.
    pub resolved_findings: Vec<&'d DiffFinding>,
    /// Findings on it whose severity changed.
    pub severity_changed: Vec<&'d SeverityChange>,
    /// Waivers declared on it that are new.
    pub waivers_added: Vec<&'d ReportWaiver>,
    /// Waivers declared on it that are gone.
    pub waivers_removed: Vec<&'d ReportWaiver>,
    /// Its score's change.
    pub score: Option<&'d ScoreChange>,
    /// Clinical tests of it that were removed.
    pub tests_removed: Vec<&'d TestRef>,
    /// Tests of it that fail now and did not.
    pub tests_newly_failing: Vec<&'d TestRef>,
}

impl ResourceChanges<'_> {
    /// Whether the diff says nothing about it.
    pub fn is_empty(&self) -> bool {
        self.renamed_from.is_none()
            && self.phi.is_empty()
            && self.exposure.is_none()
            && self.new_findings.is_empty()
            && self.resolved_findings.is_empty()
            && self.severity_changed.is_empty()
            && self.waivers_added.is_empty()
            && self.waivers_removed.is_empty()
            && self.score.is_none()
            && self.tests_removed.is_empty()
            && self.tests_newly_failing.is_empty()
    }
}

/// What `diff` says about the node or exposure `unique_id` (its head unique_id; a resource
/// the change removed is found under its base one).
pub fn resource_changes<'d>(diff: &'d Diff, unique_id: &str) -> ResourceChanges<'d> {
    let on = |f: &&DiffFinding| f.finding.unique_id == unique_id;
    let tested = |t: &&TestRef| t.node.as_deref() == Some(unique_id);
    let scores = diff.scores.nodes.iter().chain(&diff.scores.exposures);
    ResourceChanges {
        renamed_from: diff.renamed.iter().find(|r| r.to == unique_id).map(|r| r.from.as_str()),
        phi: phi_rows(diff.phi.iter().position(|n| n.unique_id == unique_id).map_or(&[], |i| &diff.phi[i..=i])),
        exposure: diff.exposures.iter().find(|e| e.unique_id == unique_id).map(exposure_row),
        new_findings: diff.findings.new.iter().filter(on).collect(),
        resolved_findings: diff.findings.resolved.iter().filter(on).collect(),
        severity_changed: diff.findings.severity_changed.iter().filter(|s| s.finding.unique_id == unique_id).collect(),
        waivers_added: diff.waivers.added.iter().filter(|w| w.unique_id == unique_id).collect(),
        waivers_removed: diff.waivers.removed.iter().filter(|w| w.unique_id == unique_id).collect(),
        score: scores.into_iter().find(|s| s.unique_id == unique_id),
        tests_removed: diff.tests.removed.iter().filter(tested).collect(),
        tests_newly_failing: diff.tests.newly_failing.iter().filter(tested).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Side;

    const BASE: &str = r#"{"metadata": {"project_name": "p"}, "nodes": {
        "model.p.patients": {"resource_type": "model", "name": "patients", "package_name": "p",
            "original_file_path": "models/patients.sql", "description": "Patients.", "meta": {"phi": true},
            "columns": {"mrn": {"name": "mrn", "description": "MRN.", "meta": {"phi": true, "phi_category": "mrn"}}}},
        "model.p.visits": {"resource_type": "model", "name": "visits", "package_name": "p",
            "original_file_path": "models/visits.sql", "description": "Visits.",
            "depends_on": {"nodes": ["model.p.patients"]},
            "columns": {"visit_id": {"name": "visit_id", "description": "Visit."}}}
    }, "exposures": {"exposure.p.board": {"name": "board", "label": "Board pack", "type": "dashboard",
        "owner": {"name": "x"}, "depends_on": {"nodes": ["model.p.visits"]}}}}"#;

    fn diff_of(base: &str, head: &str) -> Diff {
        let (b, h) = (crate::rules::testing::project(base), crate::rules::testing::project(head));
        let policy = crate::Policy::default();
        let (ba, ha) = (crate::analyse(&b, &policy), crate::analyse(&h, &policy));
        crate::diff::diff(Side { project: &b, analysis: &ba }, Side { project: &h, analysis: &ha })
    }

    #[test]
    fn a_build_against_itself_has_an_empty_summary_and_nothing_on_any_resource() {
        let d = diff_of(BASE, BASE);
        let s = summary(&d);
        assert!(s.empty && s.counts.is_empty());
        assert_eq!((s.level, s.verdict.as_str()), (Level::Clean, "no PHI or compliance change"));
        assert!(resource_changes(&d, "model.p.visits").is_empty());
        assert!(resource_changes(&d, "exposure.p.board").is_empty());
    }

    #[test]
    fn a_phone_number_added_to_a_mart_is_gathered_on_its_node_and_on_the_exposure_it_reaches() {
        let head = BASE.replace(
            r#""visit_id": {"name": "visit_id", "description": "Visit."}"#,
            r#""visit_id": {"name": "visit_id", "description": "Visit."},
               "patient_phone": {"name": "patient_phone", "description": "Phone number of the patient."}"#,
        );
        let d = diff_of(BASE, &head);
        let s = summary(&d);
        assert_eq!(s.level, Level::Regression, "{}", s.verdict);
        assert!(s.verdict.starts_with("PHI newly reaches 1 exposure"), "{}", s.verdict);
        assert_eq!(s.counts[0], ("exposures PHI newly reaches", 1));
        assert!(s.counts.contains(&("columns whose PHI changed", 1)), "{:?}", s.counts);

        let node = resource_changes(&d, "model.p.visits");
        let column: Vec<_> = node.phi.iter().filter(|r| r.column == Some("patient_phone")).collect();
        assert_eq!(column.len(), 1, "{:?}", node.phi);
        assert_eq!((column[0].change, column[0].regression, column[0].before.as_str()), ("became PHI", true, "absent"));
        assert!(column[0].after.contains("(D)"), "{:?}", column[0]);
        assert!(node.new_findings.iter().all(|f| f.finding.unique_id == "model.p.visits"));
        assert_eq!(
            node.new_findings.len(),
            d.findings.new.iter().filter(|f| f.finding.unique_id == "model.p.visits").count()
        );

        let exposure = resource_changes(&d, "exposure.p.board");
        let e = exposure.exposure.unwrap_or_else(|| panic!("the exposure changed: {:?}", d.exposures));
        assert!(e.gains_phi);
        assert_eq!(e.name, "Board pack");
        assert_eq!(e.new_categories, ["D telephone numbers"]);
        assert!(e.new_phi.iter().any(|r| r.starts_with("model.p.visits.patient_phone [D ")), "{:?}", e.new_phi);
        assert!(resource_changes(&d, "model.p.patients").phi.is_empty());
    }

    #[test]
    fn a_lost_declaration_and_a_moved_schema_are_rows_of_their_own() {
        let base = BASE.replace(r#""meta": {"phi": true},"#, r#""meta": {"phi": true}, "schema": "phi","#);
        let head = base
            .replace(r#""schema": "phi","#, r#""schema": "analytics","#)
            .replace(r#""meta": {"phi": true, "phi_category": "mrn"}"#, r#""meta": {}"#);
        let d = diff_of(&base, &head);
        let rows = phi_rows(&d.phi);
        let moved: Vec<_> = rows.iter().filter(|r| r.change == "moved schema").collect();
        assert_eq!(moved.len(), 1, "{rows:?}");
        assert_eq!(
            (moved[0].node, moved[0].before.as_str(), moved[0].after.as_str()),
            ("model.p.patients", "phi", "analytics")
        );
        let lost: Vec<_> = rows.iter().filter(|r| r.column == Some("mrn")).collect();
        assert_eq!(lost.len(), 1, "{rows:?}");
        assert!(lost[0].regression && lost[0].change == "declaration lost", "{:?}", lost[0]);
    }
}

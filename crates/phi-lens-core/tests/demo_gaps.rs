//! The demo project's planted gaps (`examples/clinic/GAPS.md`) are each found by the rule meant
//! for it, and nothing else in the demo is flagged: its compliant parts raise no finding.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

use std::collections::BTreeSet;
use std::path::PathBuf;

use phi_lens_core::findings::Finding;
use phi_lens_core::{analyse, load_project, ArtifactKind, ArtifactSet, Input, Policy};

fn demo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/clinic")
}

/// The rows of the markdown table that follows `heading`, as trimmed cells.
fn table(doc: &str, heading: &str) -> Vec<Vec<String>> {
    let start = doc.find(heading).unwrap_or_else(|| panic!("GAPS.md has `{heading}`"));
    doc[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| l.trim().trim_matches('|').split('|').map(|c| c.trim().replace('`', "")).collect())
        .collect()
}

struct Gap {
    id: String,
    target: String,
    column: Option<String>,
    rule: String,
    severity: Option<String>,
    secondary: Vec<String>,
    test_name: Option<String>,
}

fn analysed() -> (phi_lens_core::model::Project, Vec<Finding>) {
    let mut set = ArtifactSet::default();
    for kind in ArtifactKind::ALL {
        let path = demo().join("target").join(kind.file_name());
        set.insert(kind, Input::new(kind.file_name(), std::fs::read(&path).unwrap()));
    }
    let project = load_project(&set).unwrap().project;
    let findings = analyse(&project, &Policy::default()).findings;
    (project, findings)
}

fn gaps(project: &phi_lens_core::model::Project) -> Vec<Gap> {
    let doc = std::fs::read_to_string(demo().join("GAPS.md")).unwrap();
    table(&doc, "## Gaps")
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

fn matches(g: &Gap, f: &Finding) -> bool {
    f.rule == g.rule.as_str()
        && *f.unique_id == *g.target
        && f.column.as_deref().is_none_or(|c| g.column.as_deref().is_none_or(|gc| gc.eq_ignore_ascii_case(c)))
        && g.severity.as_deref().is_none_or(|s| f.severity.as_str() == s)
        && g.test_name.as_deref().is_none_or(|t| f.message.contains(&format!("`{t}`")))
}

#[test]
fn every_planted_gap_is_found_by_its_rule() {
    let (project, findings) = analysed();
    let gaps = gaps(&project);
    assert!(gaps.len() >= 15, "GAPS.md lists the planted gaps ({})", gaps.len());
    let missed: Vec<String> = gaps
        .iter()
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
        .collect();
    assert!(missed.is_empty(), "gaps not found by their rule: {missed:#?}");
}

#[test]
fn nothing_outside_the_planted_gaps_is_flagged() {
    let (project, findings) = analysed();
    let gaps = gaps(&project);
    let unexplained: Vec<String> = findings
        .iter()
        .filter(|f| {
            // A gap explains its rule's findings on its node (other columns of a node that
            // declares nothing are flagged for the same reason) and the secondary rules it lists.
            !gaps.iter().any(|g| {
                *f.unique_id == *g.target
                    && (f.rule == g.rule.as_str() || g.secondary.iter().any(|r| f.rule == r.as_str()))
            })
        })
        .map(|f| {
            format!(
                "{} {} {}{}: {}",
                f.rule,
                f.severity,
                f.unique_id,
                f.column.as_deref().map(|c| format!(".{c}")).unwrap_or_default(),
                f.message
            )
        })
        .collect();
    assert!(unexplained.is_empty(), "findings no planted gap explains (false positives?): {unexplained:#?}");

    // And the compliant parts GAPS.md names explicitly carry no finding beyond a gap's.
    let doc = std::fs::read_to_string(demo().join("GAPS.md")).unwrap();
    let mut checked = BTreeSet::new();
    for cells in table(&doc, "## Compliant parts") {
        for uid in cells[1].split(',').map(str::trim) {
            assert!(
                project.node(uid).is_some() || project.exposure(uid).is_some(),
                "GAPS.md names `{uid}`, which is not in the demo"
            );
            checked.insert(uid.to_string());
        }
    }
    assert!(checked.len() >= 10, "the compliant table names its parts ({})", checked.len());
}

//! The text rendering of a [`Diff`], for a terminal or a CI log: the verdict, then one section
//! per kind of change, each change on its own line.

use super::verdict::verdict;
use super::{Change, Diff, DiffFinding, PhiState, ReachingPhi, ScoreChange, TestRef};
use crate::report::text::{clean, plural};

/// Renders the diff as plain text.
pub fn render(diff: &Diff) -> String {
    let mut out = String::new();
    let v = verdict(diff);
    out.push_str(&format!("phi-lens diff: {} — {}\n", clean(&project_name(diff)), v.line()));
    out.push_str(&format!("score {} · findings: {}\n", project_score(diff), finding_counts(diff)));
    if diff.base.policy_hash != diff.head.policy_hash {
        out.push_str("note: the two sides were analysed under different policies\n");
    }
    if let Some(note) = &diff.selection {
        out.push_str(&format!("{}\n", clean(note)));
    }
    if !diff.renamed.is_empty() {
        out.push_str("\nRenamed (compared under the new name)\n");
        for r in &diff.renamed {
            out.push_str(&format!("  {} → {}\n", clean(&r.from), clean(&r.to)));
        }
    }
    if !diff.phi.is_empty() {
        out.push_str("\nPHI classification\n");
        for n in &diff.phi {
            out.push_str(&format!("  {}", clean(&n.unique_id)));
            if let Some(k) = n.change {
                out.push_str(&format!("  {}: {} → {}", k.words(), state(n.before.as_ref()), state(n.after.as_ref())));
            }
            if let Some(s) = &n.schema {
                out.push_str(&format!("  schema {} → {}", schema(&s.before), schema(&s.after)));
            }
            out.push('\n');
            for c in &n.columns {
                out.push_str(&format!(
                    "    {}  {}: {} → {}\n",
                    clean(&c.column),
                    c.change.words(),
                    state(c.before.as_ref()),
                    state(c.after.as_ref())
                ));
            }
        }
    }
    if !diff.exposures.is_empty() {
        out.push_str("\nExposures\n");
        for e in &diff.exposures {
            out.push_str(&format!("  {} ({})", clean(&e.unique_id), clean(&e.name)));
            if e.reached.before != e.reached.after {
                out.push_str(if e.reached.after { "  PHI now reaches it" } else { "  PHI no longer reaches it" });
            }
            if e.score.before != e.score.after || e.grade.before != e.grade.after {
                out.push_str(&format!("  score {}", score(&e.score, &e.grade)));
            }
            out.push('\n');
            if !e.new_categories.is_empty() {
                let cats: Vec<String> =
                    e.new_categories.iter().map(|c| format!("{} {}", c.letter(), c.name())).collect();
                out.push_str(&format!("    new Safe Harbor categories: {}\n", cats.join(", ")));
            }
            for r in &e.new_phi {
                out.push_str(&format!("    + {}\n", reaching(r)));
            }
            for r in &e.removed_phi {
                out.push_str(&format!("    - {}\n", reaching(r)));
            }
        }
    }
    let f = &diff.findings;
    if !f.new.is_empty() || !f.resolved.is_empty() || !f.severity_changed.is_empty() {
        out.push_str("\nFindings\n");
        for d in &f.new {
            out.push_str(&format!("  new       {}\n", finding(d)));
        }
        for d in &f.resolved {
            out.push_str(&format!("  resolved  {}\n", finding(d)));
        }
        for s in &f.severity_changed {
            out.push_str(&format!(
                "  severity  {} → {}  {}\n",
                s.severity.before,
                s.severity.after,
                clean(&s.fingerprint)
            ));
        }
    }
    let w = &diff.waivers;
    if !w.added.is_empty() || !w.removed.is_empty() {
        out.push_str("\nWaivers\n");
        for (sign, list) in [("added  ", &w.added), ("removed", &w.removed)] {
            for x in list.iter() {
                let column = x.waiver.column.as_deref().map(|c| format!(" [{}]", clean(c))).unwrap_or_default();
                out.push_str(&format!(
                    "  {sign}  {} {}{column}: {} ({})\n",
                    clean(&x.waiver.rule),
                    clean(&x.unique_id),
                    clean(&x.waiver.reason),
                    plural(x.findings_covered, "finding")
                ));
            }
        }
    }
    let s = &diff.scores;
    if !s.nodes.is_empty() || !s.exposures.is_empty() {
        out.push_str("\nScores\n");
        for c in s.nodes.iter().chain(&s.exposures) {
            out.push_str(&format!("  {}  {}\n", clean(&c.unique_id), score_change(c)));
        }
    }
    let t = &diff.tests;
    if !t.removed.is_empty() || !t.newly_failing.is_empty() {
        out.push_str("\nTests\n");
        for r in &t.removed {
            out.push_str(&format!("  removed        {}\n", test(r)));
        }
        for r in &t.newly_failing {
            out.push_str(&format!(
                "  newly failing  {} ({} → {})\n",
                test(r),
                r.status_before.as_deref().unwrap_or("absent"),
                r.status_after.as_deref().unwrap_or("–")
            ));
        }
    }
    out
}

/// The project's name (the head's, else the base's).
pub fn project_name(diff: &Diff) -> String {
    diff.head.project.clone().or_else(|| diff.base.project.clone()).unwrap_or_else(|| "dbt project".to_string())
}

/// `93.4 (C) → 92.4 (C)`.
pub fn project_score(diff: &Diff) -> String {
    let s = &diff.scores;
    format!("{:.1} ({}) → {:.1} ({})", s.project.before, s.grade.before, s.project.after, s.grade.after)
}

/// `3 new, 0 resolved, 45 unchanged`.
pub fn finding_counts(diff: &Diff) -> String {
    let f = &diff.findings;
    format!("{} new, {} resolved, {} unchanged", f.new.len(), f.resolved.len(), f.unchanged)
}

/// `declared (A, G)`, `none`, `absent`.
pub fn state(s: Option<&PhiState>) -> String {
    match s {
        None => "absent".to_string(),
        Some(s) if s.categories.is_empty() => s.status.as_str().to_string(),
        Some(s) => {
            let cats: Vec<&str> = s.categories.iter().map(|c| c.letter()).collect();
            format!("{} ({})", s.status.as_str(), cats.join(", "))
        }
    }
}

/// A schema, or `–` when none.
pub fn schema(s: &Option<String>) -> String {
    s.as_deref().map_or_else(|| "–".to_string(), clean)
}

/// `88 (B) → 61 (D)`, `absent → 90 (A)`.
pub fn score(score: &Change<Option<u32>>, grade: &Change<Option<char>>) -> String {
    let one = |s: Option<u32>, g: Option<char>| match (s, g) {
        (Some(s), Some(g)) => format!("{s} ({g})"),
        (Some(s), None) => s.to_string(),
        _ => "absent".to_string(),
    };
    format!("{} → {}", one(score.before, grade.before), one(score.after, grade.after))
}

/// A node's or exposure's score before and after, `88 (B) → 61 (D)`.
pub fn score_change(c: &ScoreChange) -> String {
    score(&c.score, &c.grade)
}

/// `model.p.mart.patient_phone [D Telephone numbers] via a → b`.
pub fn reaching(r: &ReachingPhi) -> String {
    let what = match &r.column {
        Some(c) => format!("{}.{}", clean(&r.node), clean(c)),
        None => format!("{} (node)", clean(&r.node)),
    };
    let cat = r.category.map(|c| format!(" [{} {}]", c.letter(), c.name())).unwrap_or_default();
    let path = if r.path.len() > 1 {
        format!(" via {}", r.path.iter().map(|p| clean(p)).collect::<Vec<_>>().join(" → "))
    } else {
        String::new()
    };
    format!("{what}{cat}{path}")
}

fn finding(d: &DiffFinding) -> String {
    let f = &d.finding;
    let column = f.column.as_deref().map(|c| format!(" [{}]", clean(c))).unwrap_or_default();
    let waived = if f.waived.is_some() { " (waived)" } else { "" };
    format!("{:<8} {} {}{column}{waived}  {}", f.severity, f.rule, clean(&f.unique_id), clean(&f.message))
}

/// `test.p.x (model.p.m.column, accepted_range, clinical)`.
pub fn test(r: &TestRef) -> String {
    let on = match (&r.node, &r.column) {
        (Some(n), Some(c)) => format!("{}.{}", clean(n), clean(c)),
        (Some(n), None) => clean(n),
        _ => "–".to_string(),
    };
    format!("{} ({on}, {}{})", clean(&r.unique_id), clean(&r.test), if r.clinical { ", clinical" } else { "" })
}

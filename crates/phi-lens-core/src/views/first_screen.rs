//! The first screen's view-models: is it safe (the grade and why), what first (the riskiest
//! root causes), and the charts — findings by family and severity, node scores as a
//! distribution — each with the sentence that stands in for it where it cannot be seen, and the
//! words of a PHI badge.

use crate::analysis::Analysis;
use crate::findings::{Family, Severity};
use crate::phi::{SafeHarbor, Status};

/// Why the project has its grade: what capped it, or that the score alone gives it.
pub fn grade_reason(analysis: &Analysis) -> String {
    let s = &analysis.scores;
    match s.project_grade_capped_by.as_slice() {
        [] => format!("{} is the letter of the score {:.1}: nothing capped it.", s.project_grade, s.project_score),
        _ => {
            let own = crate::score::grade(s.project_score, &analysis.phi.policy.score);
            format!(
                "The score alone gives {own}: the grade is {} until what capped it is fixed (the root causes below, the riskiest first).",
                s.project_grade
            )
        }
    }
}

/// Every rule family, in the order the charts list them.
pub const FAMILIES: [Family; 5] =
    [Family::PhiGovernance, Family::AccessControl, Family::Documentation, Family::Testing, Family::Exposures];

/// Severities the charts stack, the worst first.
pub const SEVERITIES: [Severity; 4] = [Severity::Critical, Severity::High, Severity::Medium, Severity::Low];

/// One bar of the family chart: open findings of a family by severity (in [`SEVERITIES`]' order).
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyBar {
    /// The family.
    pub family: Family,
    /// Open findings by severity, the worst first.
    pub counts: [usize; 4],
}

impl FamilyBar {
    /// All its open findings.
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }
}

/// Open findings by family and severity, every family listed.
pub fn findings_by_family_and_severity(analysis: &Analysis) -> Vec<FamilyBar> {
    let mut bars: Vec<FamilyBar> = FAMILIES.iter().map(|&family| FamilyBar { family, counts: [0; 4] }).collect();
    for f in analysis.findings.iter().filter(|f| !f.is_waived()) {
        let Some(bar) = bars.iter_mut().find(|b| b.family == f.family) else { continue };
        if let Some(i) = SEVERITIES.iter().position(|s| *s == f.severity) {
            bar.counts[i] += 1;
        }
    }
    bars
}

/// The family chart in one sentence per family.
pub fn family_chart_text(bars: &[FamilyBar]) -> String {
    bars.iter()
        .map(|b| {
            let parts: Vec<String> = SEVERITIES
                .iter()
                .zip(b.counts)
                .filter(|(_, n)| *n > 0)
                .map(|(s, n)| format!("{n} {}", s.as_str()))
                .collect();
            let parts = if parts.is_empty() { "none".to_string() } else { parts.join(", ") };
            format!("{}: {} open ({parts}).", b.family.title(), b.total())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One bin of the score distribution: node scores from `from` to `to` (both included).
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreBin {
    /// Lowest score in the bin.
    pub from: u32,
    /// Highest score in the bin.
    pub to: u32,
    /// How many nodes score in it.
    pub nodes: usize,
}

/// Node scores in ten bins: 0–9, 10–19, …, 90–100.
pub fn score_distribution(analysis: &Analysis) -> Vec<ScoreBin> {
    let mut bins: Vec<ScoreBin> =
        (0..10).map(|i| ScoreBin { from: i * 10, to: if i == 9 { 100 } else { i * 10 + 9 }, nodes: 0 }).collect();
    for s in analysis.scores.nodes.values() {
        let i = (s.score.min(100) / 10).min(9) as usize;
        if let Some(bin) = bins.get_mut(i) {
            bin.nodes += 1;
        }
    }
    bins
}

/// The distribution in one sentence.
pub fn score_chart_text(bins: &[ScoreBin]) -> String {
    let total: usize = bins.iter().map(|b| b.nodes).sum();
    let parts: Vec<String> =
        bins.iter().filter(|b| b.nodes > 0).map(|b| format!("{}–{}: {}", b.from, b.to, b.nodes)).collect();
    if parts.is_empty() {
        "No node is scored.".to_string()
    } else {
        format!("Scores of {total} nodes: {}.", parts.join("; "))
    }
}

/// A PHI badge in words: the status, and the categories by name (`declared · medical record
/// numbers`), with the letters as detail (`H`).
pub fn phi_badge_words(status: Status, categories: &[SafeHarbor]) -> (String, String) {
    let word = match status {
        Status::Declared => "declared",
        Status::Detected => "detected",
        Status::Inherited => "inherited",
        Status::PossiblyInherited => "possibly PHI",
        Status::Deidentified => "de-identified",
        Status::None => "not PHI",
    };
    let letters: Vec<&str> = categories.iter().map(|c| c.letter()).collect();
    let words = match categories {
        [] => word.to_string(),
        [one] => format!("{word} · {}", one.name()),
        [first, rest @ ..] => format!("{word} · {} and {} more", first.name(), rest.len()),
    };
    (words, letters.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Analysis {
        let manifest = r#"{"metadata": {"project_name": "p"}, "nodes": {
            "model.p.patients": {"resource_type": "model", "name": "patients", "package_name": "p",
                "original_file_path": "models/patients.sql", "meta": {"phi": true},
                "columns": {"mrn": {"name": "mrn", "meta": {"phi_category": "mrn"}}}},
            "model.p.visits": {"resource_type": "model", "name": "visits", "package_name": "p",
                "original_file_path": "models/visits.sql", "columns": {"patient_ssn": {"name": "patient_ssn"}}}
        }}"#;
        let project = crate::rules::testing::project(manifest);
        crate::analyse(&project, &crate::Policy::default())
    }

    #[test]
    fn charts_count_every_open_finding_and_every_node_and_say_so_in_words() {
        let analysis = demo();
        let bars = findings_by_family_and_severity(&analysis);
        let open = analysis.findings.iter().filter(|f| !f.is_waived()).count();
        assert_eq!(bars.iter().map(FamilyBar::total).sum::<usize>(), open);
        assert_eq!(bars.len(), FAMILIES.len());
        let text = family_chart_text(&bars);
        assert!(text.starts_with("PHI governance: "), "{text}");
        let bins = score_distribution(&analysis);
        assert_eq!(bins.iter().map(|b| b.nodes).sum::<usize>(), analysis.scores.nodes.len());
        assert_eq!((bins[9].from, bins[9].to), (90, 100));
        assert!(score_chart_text(&bins).starts_with("Scores of 2 nodes: "));
        assert!(grade_reason(&analysis).contains(analysis.scores.project_grade));
    }

    #[test]
    fn badges_name_the_category_and_keep_the_letter_as_detail() {
        assert_eq!(
            phi_badge_words(Status::Declared, &[SafeHarbor::H]),
            ("declared · medical record numbers".to_string(), "H".to_string())
        );
        assert_eq!(
            phi_badge_words(Status::Detected, &[SafeHarbor::A, SafeHarbor::C]),
            ("detected · names and 1 more".to_string(), "A,C".to_string())
        );
        assert_eq!(phi_badge_words(Status::None, &[]), ("not PHI".to_string(), String::new()));
    }
}

//! The overview as data: PHI inventory by Safe Harbor category, findings by severity and by
//! family, exposures ranked by score, coverage figures.

use std::collections::BTreeMap;

use phi_lens_core::analysis::Ratio;
use phi_lens_core::findings::{Family, Finding, Severity};
use phi_lens_core::model::Project;
use phi_lens_core::phi::SafeHarbor;
use phi_lens_core::Analysis;

/// One bar of the PHI inventory chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryCount {
    /// The identifier, or `None` for PHI columns without a category.
    pub category: Option<SafeHarbor>,
    /// PHI columns (declared, detected or inherited) holding it.
    pub columns: usize,
    /// Resources with at least one such column.
    pub nodes: usize,
}

impl CategoryCount {
    /// `A`…`R`, or `?` when uncategorised.
    pub fn letter(&self) -> &'static str {
        self.category.map_or("?", SafeHarbor::letter)
    }

    /// The identifier's name.
    pub fn name(&self) -> &'static str {
        self.category.map_or("PHI without a category", SafeHarbor::name)
    }
}

/// PHI columns by Safe Harbor category: all 18 identifiers in the regulation's order (zeros
/// included, so an auditor sees what is absent), then uncategorised PHI when there is some.
pub fn phi_by_category(analysis: &Analysis) -> Vec<CategoryCount> {
    let mut counts: BTreeMap<Option<SafeHarbor>, (usize, usize)> = BTreeMap::new();
    for n in &analysis.phi.nodes {
        let mut seen: Vec<Option<SafeHarbor>> = Vec::new();
        for c in n.columns.iter().filter(|c| c.status.is_phi()) {
            counts.entry(c.category).or_default().0 += 1;
            if !seen.contains(&c.category) {
                seen.push(c.category);
                counts.entry(c.category).or_default().1 += 1;
            }
        }
    }
    let mut out: Vec<CategoryCount> = SafeHarbor::ALL
        .into_iter()
        .map(|c| {
            let (columns, nodes) = counts.get(&Some(c)).copied().unwrap_or_default();
            CategoryCount { category: Some(c), columns, nodes }
        })
        .collect();
    if let Some(&(columns, nodes)) = counts.get(&None) {
        out.push(CategoryCount { category: None, columns, nodes });
    }
    out
}

/// The width of a bar, in units of `full` (the widest bar), never zero for a non-zero count.
pub fn bar_width(count: usize, max: usize, full: u32) -> u32 {
    if count == 0 || max == 0 {
        return 0;
    }
    ((count as f64 / max as f64 * full as f64).round() as u32).clamp(1, full)
}

/// Open and waived findings of one severity or family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingCount<K> {
    /// The severity or family.
    pub key: K,
    /// Open findings.
    pub open: usize,
    /// Waived findings.
    pub waived: usize,
}

/// Findings by severity, critical first (every severity listed).
pub fn findings_by_severity(findings: &[Finding]) -> Vec<FindingCount<Severity>> {
    Severity::ALL.into_iter().rev().map(|key| count(findings.iter().filter(|f| f.severity == key), key)).collect()
}

/// Findings by rule family, in the registry's family order (families without findings listed).
pub fn findings_by_family(findings: &[Finding]) -> Vec<FindingCount<Family>> {
    FAMILIES.into_iter().map(|key| count(findings.iter().filter(|f| f.family == key), key)).collect()
}

/// Every rule family, in the order the docs use.
pub const FAMILIES: [Family; 5] =
    [Family::PhiGovernance, Family::AccessControl, Family::Documentation, Family::Testing, Family::Exposures];

fn count<'a, K>(findings: impl Iterator<Item = &'a Finding>, key: K) -> FindingCount<K> {
    let (mut open, mut waived) = (0, 0);
    for f in findings {
        if f.is_waived() {
            waived += 1;
        } else {
            open += 1;
        }
    }
    FindingCount { key, open, waived }
}

/// An exposure in the ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankedExposure {
    /// Its unique_id.
    pub unique_id: String,
    /// Its label or name.
    pub name: String,
    /// `dashboard`, `application`…
    pub kind: Option<String>,
    /// Its score (the weakest link) and grade.
    pub score: u32,
    /// Grade.
    pub grade: char,
    /// Whether PHI reaches it.
    pub phi_reached: bool,
    /// The weakest upstream node and its score.
    pub weakest: Option<(String, u32)>,
}

/// Exposures, lowest score first (then by id).
pub fn exposures_ranked(project: &Project, analysis: &Analysis) -> Vec<RankedExposure> {
    let mut out: Vec<RankedExposure> = analysis
        .scores
        .exposures
        .iter()
        .map(|(uid, s)| {
            let e = project.exposure(uid);
            RankedExposure {
                unique_id: uid.clone(),
                name: e.map_or_else(|| uid.clone(), |e| e.label.clone().unwrap_or_else(|| e.name.clone())),
                kind: e.and_then(|e| e.kind.clone()),
                score: s.score,
                grade: s.grade,
                phi_reached: analysis.phi.exposures.iter().any(|p| &p.unique_id == uid && p.reached),
                weakest: s.weakest_upstream.clone(),
            }
        })
        .collect();
    out.sort_by(|a, b| (a.score, &a.unique_id).cmp(&(b.score, &b.unique_id)));
    out
}

/// The coverage figures with their labels, in the report's order.
pub fn coverage_rows(analysis: &Analysis) -> Vec<(&'static str, Ratio)> {
    let c = &analysis.coverage;
    vec![
        ("Resources whose sensitivity is documented", c.resources_with_sensitivity),
        ("Documented columns whose sensitivity is documented", c.columns_with_sensitivity),
        ("PHI columns that are declared", c.phi_columns_declared),
        ("Documented PHI columns that are described", c.phi_columns_described),
        ("Model columns with a generic test", c.model_columns_with_generic_tests),
        ("Clinical columns with a business-rule test", c.clinical_columns_with_rule_tests),
        ("Tests that passed in the last run", c.test_pass_rate),
    ]
}

/// A ratio in words: `12 of 40 (30.0 %)`, or `none to count`.
pub fn ratio_text(r: &Ratio) -> String {
    match r.percent {
        Some(p) => format!("{} of {} ({p:.1} %)", r.covered, r.total),
        None => "none to count".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data::demo_view;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn counts_phi_columns_by_category() {
        let view = demo_view();
        let bars = phi_by_category(&view.analysis);
        assert!(bars.len() >= 18);
        assert_eq!(bars[0].letter(), "A");
        let total: usize = bars.iter().map(|b| b.columns).sum();
        let phi_columns: usize =
            view.analysis.phi.nodes.iter().flat_map(|n| &n.columns).filter(|c| c.status.is_phi()).count();
        assert_eq!(total, phi_columns);
        assert!(bars.iter().all(|b| b.nodes <= b.columns));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn bars_are_proportional_and_visible() {
        assert_eq!(bar_width(0, 10, 200), 0);
        assert_eq!(bar_width(10, 10, 200), 200);
        assert_eq!(bar_width(5, 10, 200), 100);
        assert_eq!(bar_width(1, 100_000, 200), 1);
        assert_eq!(bar_width(3, 0, 200), 0);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn counts_findings_and_ranks_exposures() {
        let view = demo_view();
        let sev = findings_by_severity(&view.analysis.findings);
        assert_eq!(sev[0].key, Severity::Critical);
        let by_sev: usize = sev.iter().map(|c| c.open + c.waived).sum();
        let by_family: usize = findings_by_family(&view.analysis.findings).iter().map(|c| c.open + c.waived).sum();
        assert_eq!(by_sev, view.analysis.findings.len());
        assert_eq!(by_family, view.analysis.findings.len());
        let ranked = exposures_ranked(&view.project, &view.analysis);
        assert_eq!(ranked.len(), view.project.exposures.len());
        assert!(ranked.windows(2).all(|w| w[0].score <= w[1].score));
        assert_eq!(coverage_rows(&view.analysis).len(), 7);
        assert_eq!(ratio_text(&Ratio { covered: 1, total: 4, percent: Some(25.0) }), "1 of 4 (25.0 %)");
    }
}

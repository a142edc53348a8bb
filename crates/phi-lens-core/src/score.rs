//! Scores: 0–100 for every node, every exposure (the weakest link upstream of it) and the
//! project, from the open findings and the policy's weights. Every score can show its
//! arithmetic. The formula is documented in `docs/scoring.md`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::findings::{Finding, RuleId, Severity};
use crate::lineage::Lineage;
use crate::model::{Project, ResourceType};
use crate::policy::{RulesConfig, ScoreConfig};

/// One deduction in a score's arithmetic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deduction {
    /// Rule id.
    pub rule: RuleId,
    /// Severity of the finding.
    pub severity: Severity,
    /// The column, if the finding is about one.
    pub column: Option<String>,
    /// Points taken off.
    pub points: u32,
}

/// A node's score and how it was computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeScore {
    /// 0–100.
    pub score: u32,
    /// Letter grade.
    pub grade: char,
    /// Open (not waived) findings by severity.
    pub open: BTreeMap<Severity, u32>,
    /// Waived findings (shown, not scored).
    pub waived: u32,
    /// The deductions from 100, in finding order.
    pub deductions: Vec<Deduction>,
    /// Whether an open critical finding capped the score.
    pub capped_by_critical: bool,
}

impl NodeScore {
    /// The arithmetic in words: `100 − 15 (TST001 high) − 5 (DOC001 medium) = 80`.
    pub fn arithmetic(&self, cap: u32) -> String {
        use std::fmt::Write;
        let mut s = String::with_capacity(16 + 32 * self.deductions.len());
        s.push_str("100");
        let mut total: u32 = 0;
        // Writing to a String cannot fail.
        for d in &self.deductions {
            total += d.points;
            let _ = write!(s, " − {} ({} {}", d.points, d.rule, d.severity.as_str());
            if let Some(c) = d.column.as_deref() {
                s.push_str(" on ");
                s.push_str(c);
            }
            s.push(')');
        }
        let raw = 100u32.saturating_sub(total);
        let _ = write!(s, " = {raw}");
        if self.capped_by_critical && raw > cap {
            let _ = write!(s, "; capped at {cap} by an open critical finding");
        }
        s
    }
}

/// An exposure's score: its own findings, and the weakest node upstream of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExposureScore {
    /// 0–100: the lower of its own score and its weakest upstream node's.
    pub score: u32,
    /// Letter grade.
    pub grade: char,
    /// Its own findings' score.
    pub own: NodeScore,
    /// The weakest upstream node and its score, if any.
    pub weakest_upstream: Option<(String, u32)>,
    /// How many scored nodes are upstream of it.
    pub upstream_nodes: usize,
}

/// Every score of a project.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    /// The mean of the node scores, one decimal.
    pub project_score: f64,
    /// Its grade.
    pub project_grade: char,
    /// Scores of models, sources, seeds and snapshots in scope.
    pub nodes: BTreeMap<String, NodeScore>,
    /// Scores of exposures.
    pub exposures: BTreeMap<String, ExposureScore>,
}

/// Scores a project from its findings.
pub fn score(
    project: &Project,
    lineage: &Lineage<'_>,
    findings: &[Finding],
    rules: &RulesConfig,
    config: &ScoreConfig,
) -> Scores {
    let mut by_uid: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    // Findings come sorted by unique_id (as `check` returns them): each node's are then one
    // run, found by walking both lists together. Otherwise they are grouped in a map first.
    let sorted = findings.windows(2).all(|w| w[0].unique_id <= w[1].unique_id);
    if !sorted {
        for f in findings {
            by_uid.entry(f.unique_id.as_ref()).or_default().push(f);
        }
    }
    let mut at = 0;
    let mut own: Vec<&Finding> = Vec::new();
    let mut scored = Vec::new();
    for n in project.nodes.iter().filter(|n| n.enabled && rules.in_scope(n)) {
        if !matches!(
            n.resource_type,
            ResourceType::Model | ResourceType::Source | ResourceType::Seed | ResourceType::Snapshot
        ) {
            continue;
        }
        let fs: &[&Finding] = if sorted {
            while findings.get(at).is_some_and(|f| f.unique_id < n.unique_id) {
                at += 1;
            }
            own.clear();
            while let Some(f) = findings.get(at).filter(|f| f.unique_id == n.unique_id) {
                own.push(f);
                at += 1;
            }
            &own
        } else {
            by_uid.get(n.unique_id.as_ref()).map_or(&[], Vec::as_slice)
        };
        scored.push((n.unique_id.to_string(), node_score(fs, config)));
    }
    // In unique_id order already: the map is built in one pass.
    let nodes: BTreeMap<String, NodeScore> = scored.into_iter().collect();
    let findings_of = |uid: &str| -> Vec<&Finding> {
        if sorted {
            let start = findings.partition_point(|f| &*f.unique_id < uid);
            findings[start..].iter().take_while(|f| &*f.unique_id == uid).collect()
        } else {
            by_uid.get(uid).cloned().unwrap_or_default()
        }
    };
    let mut exposures = BTreeMap::new();
    for e in &project.exposures {
        let own = node_score(&findings_of(e.unique_id.as_str()), config);
        let upstream: Vec<(&str, u32)> = lineage
            .upstream(&e.unique_id)
            .into_iter()
            .filter_map(|id| nodes.get(id).map(|s: &NodeScore| (id, s.score)))
            .collect();
        let weakest = upstream.iter().min_by_key(|(id, s)| (*s, *id)).map(|(id, s)| (id.to_string(), *s));
        let score = weakest.as_ref().map_or(own.score, |(_, s)| own.score.min(*s));
        exposures.insert(
            e.unique_id.clone(),
            ExposureScore {
                score,
                grade: grade(score as f64, config),
                own,
                weakest_upstream: weakest,
                upstream_nodes: upstream.len(),
            },
        );
    }
    let project_score = if nodes.is_empty() {
        100.0
    } else {
        let sum: u64 = nodes.values().map(|s| u64::from(s.score)).sum();
        (sum as f64 * 10.0 / nodes.len() as f64).round() / 10.0
    };
    Scores { project_score, project_grade: grade(project_score, config), nodes, exposures }
}

fn node_score(findings: &[&Finding], config: &ScoreConfig) -> NodeScore {
    let mut open = BTreeMap::new();
    let mut waived = 0;
    let mut deductions = Vec::new();
    let mut critical = false;
    for f in findings {
        if f.is_waived() {
            waived += 1;
            continue;
        }
        *open.entry(f.severity).or_insert(0) += 1;
        critical |= f.severity == Severity::Critical;
        deductions.push(Deduction {
            rule: f.rule,
            severity: f.severity,
            column: f.column.as_deref().map(str::to_string),
            points: config.weights.get(&f.severity).copied().unwrap_or(0),
        });
    }
    let total: u32 = deductions.iter().map(|d| d.points).sum();
    let mut score = 100u32.saturating_sub(total);
    if critical {
        score = score.min(config.critical_cap);
    }
    NodeScore { score, grade: grade(score as f64, config), open, waived, deductions, capped_by_critical: critical }
}

/// The letter grade of a score.
pub fn grade(score: f64, config: &ScoreConfig) -> char {
    let [a, b, c, d] = config.grades;
    if score >= a as f64 {
        'A'
    } else if score >= b as f64 {
        'B'
    } else if score >= c as f64 {
        'C'
    } else if score >= d as f64 {
        'D'
    } else {
        'F'
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::all_findings;

    #[test]
    fn deducts_weights_caps_criticals_and_takes_the_weakest_link() {
        let manifest = r#"{"nodes": {
            "model.p.a": {"resource_type": "model", "name": "a",
                          "description": "One row per encounter. Source system: Epic. Known limitations: none.",
                          "meta": {"phi": false},
                          "depends_on": {"nodes": ["source.p.s.t"]}},
            "test.p.t": {"resource_type": "test", "name": "t", "attached_node": "model.p.a",
                         "test_metadata": {"name": "not_null", "kwargs": {}}}
        }, "sources": {"source.p.s.t": {"name": "t", "source_name": "s", "description": "Raw encounters. Source system: Epic.",
                                         "meta": {"phi": false}}},
        "exposures": {"exposure.p.e": {"name": "e", "type": "dashboard", "maturity": "high", "description": "KPIs.",
                      "owner": {"name": "Q"}, "depends_on": {"nodes": ["model.p.a"]}}}}"#;
        let rr = r#"{"results": [{"unique_id": "test.p.t", "status": "fail", "failures": 2}]}"#;
        let findings = all_findings(manifest, Some(rr));
        let mut set = crate::ArtifactSet::default();
        set.insert(crate::ArtifactKind::Manifest, crate::Input::new("m.json", manifest.as_bytes().to_vec()));
        let project = crate::load_project(&set).map(|l| l.project).unwrap_or_default();
        let lineage = Lineage::build(&project);
        let config = ScoreConfig::default();
        let s = score(&project, &lineage, &findings, &RulesConfig::default(), &config);
        let a = &s.nodes["model.p.a"];
        // TST001 high (15: no key test, feeds an exposure) + TST007 critical (40: fails, feeds an exposure) → 45, capped at 40.
        assert_eq!(a.score, 40, "{}", a.arithmetic(config.critical_cap));
        assert!(a.capped_by_critical);
        assert_eq!(
            a.arithmetic(config.critical_cap),
            "100 − 15 (TST001 high) − 40 (TST007 critical) = 45; capped at 40 by an open critical finding"
        );
        assert_eq!(s.nodes["source.p.s.t"].score, 100);
        assert_eq!(s.exposures["exposure.p.e"].score, 40, "the exposure is as weak as its weakest upstream node");
        assert_eq!(s.exposures["exposure.p.e"].weakest_upstream, Some(("model.p.a".to_string(), 40)));
        assert_eq!(s.project_score, 70.0);
        assert_eq!(s.project_grade, 'C');
    }
}

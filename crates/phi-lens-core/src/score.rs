//! Scores: 0–100 for every node, every exposure (the weakest link upstream of it) and the
//! project, from the open findings and the policy's weights. Every score can show its
//! arithmetic. The formula is documented in `docs/scoring.md`.
//!
//! A grade is the letter of its score, capped: while a critical finding is open it is at most C,
//! while a high one is, at most B (for a node, its own findings; for an exposure, its own and
//! those of the nodes upstream of it; for the project, every open finding), and a project that
//! holds PHI is graded at most as its share of data resources that declare their sensitivity.
//! The cap and its reason are part of the arithmetic.

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
    /// What lowered the grade below the score's own letter (empty when nothing did).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub grade_capped_by: Vec<GradeCap>,
}

/// A limit on a grade, and why: `C`, `3 open critical findings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GradeCap {
    /// The best grade allowed.
    pub grade: char,
    /// Why, in words.
    pub reason: String,
}

/// The best grade a score can carry while a finding of this severity is open: C under a
/// critical finding, B under a high one, no limit otherwise.
pub fn severity_grade_cap(severity: Severity) -> Option<char> {
    match severity {
        Severity::Critical => Some('C'),
        Severity::High => Some('B'),
        Severity::Medium | Severity::Low => None,
    }
}

/// The cap of the worst open severity that has one, from open findings by severity; `where_`
/// ends the reason (`" upstream (model.a)"`).
fn severity_cap(open: &BTreeMap<Severity, u32>, where_: &str) -> Option<GradeCap> {
    Severity::ALL.iter().rev().find_map(|&severity| {
        let n = open.get(&severity).copied().filter(|n| *n > 0)?;
        let grade = severity_grade_cap(severity)?;
        let s = if n == 1 { "" } else { "s" };
        Some(GradeCap { grade, reason: format!("{n} open {severity} finding{s}{where_}") })
    })
}

/// The grade of `score` under `caps`, and the caps that lowered it, the strictest first. Grades
/// order as letters: a later letter is a worse grade.
fn capped_grade(score: f64, caps: Vec<GradeCap>, config: &ScoreConfig) -> (char, Vec<GradeCap>) {
    let own = grade(score, config);
    let mut binding: Vec<GradeCap> = caps.into_iter().filter(|c| c.grade > own).collect();
    binding.sort_by(|a, b| b.grade.cmp(&a.grade).then_with(|| a.reason.cmp(&b.reason)));
    (binding.first().map_or(own, |c| c.grade), binding)
}

/// `; grade capped at C: 3 open critical findings; at B: …`, or nothing.
fn caps_text(caps: &[GradeCap]) -> String {
    let mut out = String::new();
    for (i, c) in caps.iter().enumerate() {
        out.push_str(if i == 0 { "; grade capped at " } else { "; at " });
        out.push(c.grade);
        out.push_str(": ");
        out.push_str(&c.reason);
    }
    out
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
        s.push_str(&caps_text(&self.grade_capped_by));
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
    /// What lowered the grade below the score's own letter (empty when nothing did).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub grade_capped_by: Vec<GradeCap>,
    /// The arithmetic in words: `min(own 95, weakest upstream model.a 40) = 40`.
    pub arithmetic: String,
}

/// Every score of a project.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    /// The mean of the node scores, one decimal.
    pub project_score: f64,
    /// Its grade.
    pub project_grade: char,
    /// What lowered the project's grade below the score's own letter (empty when nothing did).
    pub project_grade_capped_by: Vec<GradeCap>,
    /// The arithmetic in words: `mean of 64 node scores = 92.5 (A by the score); grade capped at
    /// C: 3 open critical findings`.
    pub project_arithmetic: String,
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
        // The grade is capped by the worst open finding of the exposure and of every scored
        // node upstream of it, whose scores its own is the minimum of.
        let mut caps: Vec<GradeCap> = own.grade_capped_by.clone();
        caps.extend(severity_cap(&own.open, ""));
        let mut upstream_open: BTreeMap<Severity, u32> = BTreeMap::new();
        let mut upstream_with: BTreeMap<Severity, Vec<&str>> = BTreeMap::new();
        for (id, _) in &upstream {
            for (severity, n) in nodes.get(*id).map(|s| &s.open).into_iter().flatten() {
                *upstream_open.entry(*severity).or_default() += n;
                upstream_with.entry(*severity).or_default().push(id);
            }
        }
        if let Some(mut cap) = severity_cap(&upstream_open, " upstream") {
            let worst = Severity::ALL.iter().rev().find(|s| upstream_with.contains_key(s));
            let mut ids = worst.and_then(|s| upstream_with.get(s)).cloned().unwrap_or_default();
            ids.sort_unstable();
            if let Some(first) = ids.first() {
                let more = match ids.len() - 1 {
                    0 => String::new(),
                    1 => " and 1 more node".to_string(),
                    n => format!(" and {n} more nodes"),
                };
                cap.reason.push_str(&format!(" ({first}{more})"));
            }
            caps.push(cap);
        }
        let (grade, grade_capped_by) = capped_grade(score as f64, caps, config);
        let arithmetic = match &weakest {
            Some((uid, s)) => format!("min(own {}, weakest upstream {uid} {s}) = {score}", own.score),
            None => format!("own {score} (no scored node upstream)"),
        } + &caps_text(&grade_capped_by);
        exposures.insert(
            e.unique_id.clone(),
            ExposureScore {
                score,
                grade,
                own,
                weakest_upstream: weakest,
                upstream_nodes: upstream.len(),
                grade_capped_by,
                arithmetic,
            },
        );
    }
    let project_score = if nodes.is_empty() {
        100.0
    } else {
        let sum: u64 = nodes.values().map(|s| u64::from(s.score)).sum();
        (sum as f64 * 10.0 / nodes.len() as f64).round() / 10.0
    };
    let mut open: BTreeMap<Severity, u32> = BTreeMap::new();
    for f in findings.iter().filter(|f| !f.is_waived()) {
        *open.entry(f.severity).or_default() += 1;
    }
    let mut scores = Scores {
        project_score,
        project_grade: grade(project_score, config),
        project_grade_capped_by: Vec::new(),
        project_arithmetic: String::new(),
        nodes,
        exposures,
    };
    scores.cap_project_grade(severity_cap(&open, "").into_iter().collect(), config);
    scores
}

impl Scores {
    /// Caps the project's grade (besides the caps already applied) and writes its arithmetic.
    pub fn cap_project_grade(&mut self, caps: Vec<GradeCap>, config: &ScoreConfig) {
        let mut all = self.project_grade_capped_by.clone();
        all.extend(caps);
        let (grade, binding) = capped_grade(self.project_score, all, config);
        self.project_grade = grade;
        self.project_grade_capped_by = binding;
        let own = self::grade(self.project_score, config);
        self.project_arithmetic = match (self.nodes.len(), self.project_grade_capped_by.is_empty()) {
            (0, _) => "no scored node: 100".to_string(),
            (n, true) => format!("mean of {n} node scores = {:.1} ({own})", self.project_score),
            (n, false) => format!("mean of {n} node scores = {:.1} ({own} by the score)", self.project_score),
        } + &caps_text(&self.project_grade_capped_by);
    }
}

/// The cap of a project that holds PHI on the share of its data resources that declare their
/// sensitivity (`covered` of `total`, `percent`): that share, read as a score, gives the best
/// grade (0 % → F). `None` when the project holds no PHI or has no data resource.
pub fn coverage_grade_cap(
    covered: u64,
    total: u64,
    percent: Option<f64>,
    holds_phi: bool,
    config: &ScoreConfig,
) -> Option<GradeCap> {
    let percent = percent.filter(|_| holds_phi && total > 0)?;
    Some(GradeCap {
        grade: grade(percent, config),
        reason: format!(
            "the project holds PHI and {percent:.1} % of its data resources ({covered} of {total}) declare their sensitivity"
        ),
    })
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
    let (grade, grade_capped_by) = capped_grade(score as f64, severity_cap(&open, "").into_iter().collect(), config);
    NodeScore { score, grade, open, waived, deductions, capped_by_critical: critical, grade_capped_by }
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

    /// A finding of `rule` at `severity` on `unique_id`, as the rules would emit it.
    fn finding(unique_id: &str, rule: RuleId, severity: Severity) -> Finding {
        let def = crate::rules::rule(rule.as_str()).unwrap_or_else(|| panic!("{rule} is registered"));
        Finding {
            rule,
            rule_name: def.name,
            family: def.family,
            severity,
            unique_id: unique_id.into(),
            column: None,
            message: String::new(),
            fix: String::new(),
            waiver: None,
        }
    }

    /// Ten clean models, `model.p.m0` feeding the exposure `exposure.p.e`.
    fn ten_models() -> Project {
        let nodes: Vec<String> = (0..10)
            .map(|i| format!(r#""model.p.m{i}": {{"resource_type": "model", "name": "m{i}", "package_name": "p"}}"#))
            .collect();
        let manifest = format!(
            r#"{{"nodes": {{{}}}, "exposures": {{"exposure.p.e": {{"name": "e", "type": "dashboard",
               "owner": {{"name": "Q"}}, "depends_on": {{"nodes": ["model.p.m0"]}}}}}}}}"#,
            nodes.join(", ")
        );
        let mut set = crate::ArtifactSet::default();
        set.insert(crate::ArtifactKind::Manifest, crate::Input::new("m.json", manifest.into_bytes()));
        crate::load_project(&set).map(|l| l.project).unwrap_or_default()
    }

    #[test]
    fn an_open_critical_finding_caps_the_project_grade_at_c_and_says_so() {
        let project = ten_models();
        let lineage = Lineage::build(&project);
        let config = ScoreConfig::default();
        let findings = vec![finding("model.p.m3", RuleId::Phi008, Severity::Critical)];
        let s = score(&project, &lineage, &findings, &RulesConfig::default(), &config);
        // (9 × 100 + 40) / 10 = 94: an A by the score alone.
        assert_eq!(s.project_score, 94.0);
        assert_eq!(s.project_grade, 'C', "an open critical finding: never A or B");
        assert_eq!(
            s.project_arithmetic,
            "mean of 10 node scores = 94.0 (A by the score); grade capped at C: 1 open critical finding"
        );
    }

    #[test]
    fn an_open_high_finding_caps_node_exposure_and_project_grades_at_b() {
        let project = ten_models();
        let lineage = Lineage::build(&project);
        // A policy under which a high finding costs nothing: only the cap can lower the grade.
        let mut config = ScoreConfig::default();
        config.weights.insert(Severity::High, 0);
        let findings = vec![finding("model.p.m0", RuleId::Tst001, Severity::High)];
        let s = score(&project, &lineage, &findings, &RulesConfig::default(), &config);
        let m0 = &s.nodes["model.p.m0"];
        assert_eq!((m0.score, m0.grade), (100, 'B'));
        assert_eq!(
            m0.arithmetic(config.critical_cap),
            "100 − 0 (TST001 high) = 100; grade capped at B: 1 open high finding"
        );
        let e = &s.exposures["exposure.p.e"];
        assert_eq!((e.score, e.grade), (100, 'B'), "the exposure reads from a node with an open high finding");
        assert!(
            e.arithmetic.ends_with("; grade capped at B: 1 open high finding upstream (model.p.m0)"),
            "{}",
            e.arithmetic
        );
        assert_eq!((s.project_score, s.project_grade), (100.0, 'B'));
        assert_eq!(s.nodes["model.p.m1"].grade, 'A', "a clean node keeps its A");
    }

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

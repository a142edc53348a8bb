//! The whole analysis of a loaded project under a policy: PHI classification, rule findings,
//! scores and coverage figures. What the CLI reports and the app renders.

use serde::Serialize;

use crate::columns::ColumnLineage;
use crate::findings::{Finding, NotEvaluated, RuleId};
use crate::join::{Join, Sequential};
use crate::lineage::Lineage;
use crate::model::{ColumnOrigin, Project, ResourceType};
use crate::phi::{classify_with, report_from, PhiReport, Status};
use crate::policy::Policy;
use crate::rules::{check_with, CheckResult, Context};
use crate::score::{coverage_grade_cap, score, Scores};

/// A coverage figure: how many of how many, and the percentage (one decimal; `None` when
/// there is nothing to count).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Ratio {
    /// How many meet the bar.
    pub covered: u64,
    /// How many there are.
    pub total: u64,
    /// `covered / total` in percent, one decimal.
    pub percent: Option<f64>,
}

impl Ratio {
    fn of(covered: u64, total: u64) -> Ratio {
        let percent = (total > 0).then(|| (covered as f64 * 1000.0 / total as f64).round() / 10.0);
        Ratio { covered, total, percent }
    }
}

/// The coverage figures of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    /// Models, sources, seeds and snapshots whose sensitivity is documented (PHI or not).
    pub resources_with_sensitivity: Ratio,
    /// Documented columns whose sensitivity is documented.
    pub columns_with_sensitivity: Ratio,
    /// Columns holding PHI (declared, detected or inherited) that are declared.
    pub phi_columns_declared: Ratio,
    /// Documented columns holding PHI that are described.
    pub phi_columns_described: Ratio,
    /// Documented columns of models with at least one generic test.
    pub model_columns_with_generic_tests: Ratio,
    /// Clinical columns (ages, diagnosis codes, lab and vital values) and start/end date pairs
    /// of models with a business-rule test (range, code validity, ordering).
    pub clinical_columns_with_rule_tests: Ratio,
    /// Tests that passed in the last run, of those with a result.
    pub test_pass_rate: Ratio,
}

/// Everything phi-lens concludes about a project.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// The PHI classification (with the policy and its hash).
    pub phi: PhiReport,
    /// Every finding, waived ones included, sorted.
    pub findings: Vec<Finding>,
    /// Waivers that could not be applied, as messages.
    pub waiver_problems: Vec<String>,
    /// Enabled rules that could not run (an input they read is missing): never a pass.
    pub not_evaluated: Vec<NotEvaluated>,
    /// Node, exposure and project scores.
    pub scores: Scores,
    /// Coverage figures.
    pub coverage: Coverage,
    /// The packages the rules and scores covered.
    pub packages: Vec<String>,
}

/// Classifies, checks and scores a project under a policy.
pub fn analyse(project: &Project, policy: &Policy) -> Analysis {
    analyse_with(project, policy, &Sequential)
}

/// [`analyse`], with the work shared between both sides of `join`. Gives the same analysis.
pub fn analyse_with<J: Join>(project: &Project, policy: &Policy, join: &J) -> Analysis {
    analyse_with_columns(project, policy, None, join)
}

/// [`analyse_with`] with column lineage ([`crate::columns::column_lineage`] of the project's
/// compiled SQL): PHI flows along column edges wherever a model's SQL resolved, node-level
/// inheritance applies to the others, and the reports say how many models were resolved.
pub fn analyse_with_columns<J: Join>(
    project: &Project,
    policy: &Policy,
    columns: Option<&ColumnLineage>,
    join: &J,
) -> Analysis {
    let (classified, lineage) = classify_with(project, policy, join, || Lineage::build(project));
    let (phi, declarations) = report_from(project, policy, classified, columns, join);
    let ctx = Context::new(project, &lineage, &phi, policy).with_declarations(declarations);
    let result = check_with(&ctx, join);
    let tail = Tail::of(&ctx, &result, join);
    drop(ctx);
    tail.analysis(project, policy, phi, result)
}

/// [`analyse_with_columns`] in steps a caller runs one at a time, each short enough for a
/// browser task: the app redoes a large project's analysis with its column lineage after the
/// first paint, one step per task, so that the page answers input meanwhile. The same
/// analysis, byte for byte:
///
/// ```text
/// let mut classifying = Steps::classify(project, policy);         // each column on its own,
/// while classifying.step(100) {}                                  // 100 nodes per step
/// let classified = classifying.finish();
/// let mut flowing = Steps::flow(project, policy, classified, columns);
/// while flowing.step(100) {}                                      // PHI along the edges
/// let steps = flowing.finish();                                   // every node's status
/// let ctx = steps.context();
/// let mut rules = CheckSteps::new(&ctx);                          // one rule per step
/// while rules.step() {}
/// let result = rules.finish();
/// let tail = steps.tail(&ctx, &result);                           // scores, coverage
/// drop(ctx);
/// let analysis = steps.analysis(result, tail);
/// ```
pub struct Steps<'p> {
    project: &'p Project,
    policy: &'p Policy,
    lineage: Lineage<'p>,
    phi: PhiReport,
    declarations: std::cell::Cell<Option<Vec<Option<crate::phi::NodeDeclaration>>>>,
}

/// Every data node's columns classified on their own: the part of the analysis column lineage
/// does not change (the first of [`Steps`]).
pub struct Classified(crate::phi::Classified);

/// The classification of [`Steps::classify`], a few nodes per step.
pub struct Classifying<'p>(crate::phi::ClassifySteps<'p>);

impl Classifying<'_> {
    /// Classifies up to `nodes` more nodes; false once every node is done.
    pub fn step(&mut self, nodes: usize) -> bool {
        self.0.step(nodes)
    }

    /// Every node classified (those not yet stepped through first).
    pub fn finish(self) -> Classified {
        Classified(self.0.finish())
    }
}

impl<'p> Steps<'p> {
    /// The first steps: every column classified on its own, a few nodes at a time.
    pub fn classify(project: &'p Project, policy: &'p Policy) -> Classifying<'p> {
        Classifying(crate::phi::ClassifySteps::new(project, policy))
    }

    /// The next steps: PHI along the column edges (a few nodes per step; node-level
    /// inheritance where `columns` did not resolve a model), then every node's status and the
    /// project's lineage graph ([`Flowing::finish`]).
    pub fn flow(
        project: &'p Project,
        policy: &'p Policy,
        classified: Classified,
        columns: Option<&'p ColumnLineage>,
    ) -> Flowing<'p> {
        Flowing { project, policy, inner: crate::phi::Flowing::new(project, policy, classified.0, columns) }
    }

    /// What the rules read (run them with [`crate::rules::CheckSteps`]). Call it once: the
    /// declarations the classification read move into it.
    pub fn context(&self) -> Context<'_> {
        let ctx = Context::new(self.project, &self.lineage, &self.phi, self.policy);
        match self.declarations.take() {
            Some(declarations) => ctx.with_declarations(declarations),
            None => ctx,
        }
    }

    /// The step after the rules: scores and coverage.
    pub fn tail(&self, ctx: &Context<'_>, result: &CheckResult) -> Tail {
        Tail::of(ctx, result, &Sequential)
    }

    /// The analysis.
    pub fn analysis(self, result: CheckResult, tail: Tail) -> Analysis {
        tail.analysis(self.project, self.policy, self.phi, result)
    }
}

/// PHI flowing along the column edges (the steps after [`Classifying`]).
pub struct Flowing<'p> {
    project: &'p Project,
    policy: &'p Policy,
    inner: crate::phi::Flowing<'p>,
}

impl<'p> Flowing<'p> {
    /// Flows PHI through up to `nodes` more nodes; false once every node is done.
    pub fn step(&mut self, nodes: usize) -> bool {
        self.inner.step(nodes)
    }

    /// Every node's and exposure's status (the remaining nodes flowed first), and the lineage
    /// graph the rules read.
    pub fn finish(self) -> Steps<'p> {
        let (phi, declarations) = self.inner.finish(&Sequential);
        let lineage = Lineage::build(self.project);
        Steps {
            project: self.project,
            policy: self.policy,
            lineage,
            phi,
            declarations: std::cell::Cell::new(Some(declarations)),
        }
    }
}

/// Scores and coverage, computed once the rules have run (the last step of [`Steps`]).
pub struct Tail {
    scores: Scores,
    coverage: Coverage,
}

impl Tail {
    fn of<J: Join>(ctx: &Context<'_>, result: &CheckResult, join: &J) -> Tail {
        let project = ctx.project;
        let policy = ctx.policy;
        let (mut scores, (coverage, holds_phi)) = join.join(
            || score(project, ctx.lineage, &result.findings, &policy.rules, &policy.score),
            || coverage(ctx, &result.findings),
        );
        let declared = coverage.resources_with_sensitivity;
        let cap = coverage_grade_cap(declared.covered, declared.total, declared.percent, holds_phi, &policy.score);
        scores.cap_project_grade(cap.into_iter().collect(), &policy.score);
        Tail { scores, coverage }
    }

    fn analysis(self, project: &Project, policy: &Policy, phi: PhiReport, result: CheckResult) -> Analysis {
        let mut packages: Vec<String> = project
            .nodes
            .iter()
            .filter(|n| n.resource_type.holds_data() && policy.rules.in_scope(n))
            .map(|n| n.package_name.to_string())
            .collect();
        packages.sort();
        packages.dedup();
        Analysis {
            phi,
            findings: result.findings,
            waiver_problems: result.waiver_problems,
            not_evaluated: result.not_evaluated,
            scores: self.scores,
            coverage: self.coverage,
            packages,
        }
    }
}

/// The coverage figures, and whether a data resource in scope holds PHI (declared, detected or
/// inherited).
fn coverage(ctx: &Context<'_>, findings: &[Finding]) -> (Coverage, bool) {
    let project = ctx.project;
    let data = || {
        project.nodes.iter().filter(|n| {
            n.enabled
                && ctx.rules.in_scope(n)
                && matches!(
                    n.resource_type,
                    ResourceType::Model | ResourceType::Source | ResourceType::Seed | ResourceType::Snapshot
                )
        })
    };
    let (mut res_total, mut res_ok) = (0, 0);
    let (mut col_total, mut col_ok) = (0, 0);
    let (mut phi_total, mut phi_declared) = (0, 0);
    let (mut phi_doc_total, mut phi_described) = (0, 0);
    let (mut model_cols, mut model_cols_tested) = (0, 0);
    let mut clinical_total = 0u64;
    let mut holds_phi = false;
    for node in data() {
        res_total += 1;
        let decl = ctx.node_declaration(node);
        if decl.own.phi.is_some() || decl.deidentified.is_some() || decl.phi_schema.is_some() {
            res_ok += 1;
        }
        let phi_node = ctx.phi_of(node);
        holds_phi |= phi_node.is_some_and(|p| p.status.is_phi());
        let tests = ctx.tests_of(node);
        for c in node.columns.iter() {
            let documented = c.origin == ColumnOrigin::Documented;
            if documented {
                col_total += 1;
                let d = crate::phi::column_declaration(c, ctx.policy);
                if d.phi.is_some() || d.category.is_some() || d.unknown_category.is_some() {
                    col_ok += 1;
                }
            }
            let status =
                phi_node.and_then(|p| p.columns.iter().find(|pc| pc.name.as_str() == &*c.name)).map(|pc| pc.status);
            if status.is_some_and(Status::is_phi) {
                phi_total += 1;
                if status == Some(Status::Declared) {
                    phi_declared += 1;
                }
                if documented {
                    phi_doc_total += 1;
                    if !c.description.trim().is_empty() {
                        phi_described += 1;
                    }
                }
            }
            if documented && node.resource_type == ResourceType::Model {
                model_cols += 1;
                if tests.iter().any(|t| {
                    t.test_name().is_some()
                        && t.column_name.as_deref().is_some_and(|n| n.trim_matches('"').eq_ignore_ascii_case(&c.name))
                }) {
                    model_cols_tested += 1;
                }
            }
        }
        clinical_total += ctx.clinical(node).len() as u64;
    }
    let clinical_missing = findings
        .iter()
        .filter(|f| matches!(f.rule, RuleId::Tst003 | RuleId::Tst004 | RuleId::Tst005 | RuleId::Tst006))
        .count() as u64;
    let (mut ran, mut passed) = (0, 0);
    for t in project.tests.iter().filter(|t| t.enabled) {
        if let Some(run) = &t.run {
            if run.status == "skipped" {
                continue;
            }
            ran += 1;
            if matches!(run.status.as_str(), "pass" | "success") {
                passed += 1;
            }
        }
    }
    let coverage = Coverage {
        resources_with_sensitivity: Ratio::of(res_ok, res_total),
        columns_with_sensitivity: Ratio::of(col_ok, col_total),
        phi_columns_declared: Ratio::of(phi_declared, phi_total),
        phi_columns_described: Ratio::of(phi_described, phi_doc_total),
        model_columns_with_generic_tests: Ratio::of(model_cols_tested, model_cols),
        clinical_columns_with_rule_tests: Ratio::of(clinical_total.saturating_sub(clinical_missing), clinical_total),
        test_pass_rate: Ratio::of(passed, ran),
    };
    (coverage, holds_phi)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{load_project, ArtifactKind, ArtifactSet, Input};

    fn analysed(manifest: &str) -> Analysis {
        let mut set = ArtifactSet::default();
        set.insert(ArtifactKind::Manifest, Input::new("manifest.json", manifest.as_bytes().to_vec()));
        let project = load_project(&set).map(|l| l.project).unwrap_or_default();
        analyse(&project, &Policy::default())
    }

    #[test]
    fn a_project_holding_phi_that_declares_no_sensitivity_is_graded_f() {
        // Ten tidy sources, one with a detected SSN, none declaring its sensitivity: the
        // findings alone leave an A or a B (82.0 here); 0 % declared caps the grade at F.
        let sources: Vec<String> = (0..10)
            .map(|i| {
                let column = if i == 0 { "patient_ssn" } else { "visit_count" };
                format!(
                    r#""source.p.raw.patients{i}": {{"resource_type": "source", "name": "patients{i}", "source_name": "raw",
                       "package_name": "p", "description": "Raw feed {i}. Source system: Epic.",
                       "columns": {{"{column}": {{"name": "{column}", "description": "A value."}}}}}}"#
                )
            })
            .collect();
        let a = analysed(&format!(r#"{{"nodes": {{}}, "sources": {{{}}}}}"#, sources.join(", ")));
        assert_eq!(a.coverage.resources_with_sensitivity.percent, Some(0.0));
        assert!(a.scores.project_score >= 80.0, "{}", a.scores.project_arithmetic);
        assert_eq!(a.scores.project_grade, 'F', "{}", a.scores.project_arithmetic);
        assert!(
            a.scores.project_arithmetic.contains(
                "grade capped at F: the project holds PHI and 0.0 % of its data resources (0 of 10) declare their sensitivity"
            ),
            "{}",
            a.scores.project_arithmetic
        );
    }

    #[test]
    fn a_project_without_phi_is_not_capped_by_its_declarations() {
        let a = analysed(
            r#"{"nodes": {}, "sources": {"source.p.raw.t": {"resource_type": "source", "name": "t",
                "source_name": "raw", "package_name": "p", "description": "Raw visits. Source system: Epic.",
                "columns": {"visit_count": {"name": "visit_count", "description": "Visits."}}}}}"#,
        );
        assert_eq!(a.coverage.resources_with_sensitivity.percent, Some(0.0));
        assert!(a.scores.project_grade_capped_by.is_empty(), "{}", a.scores.project_arithmetic);
    }
}

//! Running the rules: every rule the policy enables, on both sides of a [`Join`], the
//! findings put back in one deterministic order and the waivers applied.

use serde::Serialize;

use super::waivers::collect_waivers;
use super::{Context, Emitter, RuleDef, RULES};
use crate::findings::{Finding, NotEvaluated, RuleId};
use crate::input::ArtifactKind;
use crate::model::Project;

/// The result of running every enabled rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckResult {
    /// Every finding, waived ones included, sorted by (unique_id, column, rule).
    pub findings: Vec<Finding>,
    /// Waivers that could not be applied (no reason, unknown rule), as messages.
    pub waiver_problems: Vec<String>,
    /// Enabled rules that could not run: an input they read is missing.
    pub not_evaluated: Vec<NotEvaluated>,
}

/// Why `rule` cannot be evaluated on `project`, when an input it reads is missing or holds
/// nothing it could read.
pub fn missing_input(rule: &RuleDef, project: &Project) -> Option<String> {
    let given = |kind: ArtifactKind| project.inputs.iter().any(|i| i.kind == kind);
    rule.reads.iter().find_map(|&kind| match kind {
        ArtifactKind::RunResults if !given(kind) => {
            Some("no run_results.json (run `dbt test` or `dbt build` and give phi-lens its run_results.json)".to_string())
        }
        ArtifactKind::RunResults if project.test_status.is_empty() => Some(
            "run_results.json holds no test results (it is from `dbt run` or `dbt compile`; run `dbt test` or `dbt build`)"
                .to_string(),
        ),
        ArtifactKind::Sources if !given(kind) => {
            Some("no sources.json (run `dbt source freshness` and give phi-lens its sources.json)".to_string())
        }
        ArtifactKind::Catalog if !given(kind) => Some("no catalog.json (run `dbt docs generate`)".to_string()),
        _ => None,
    })
}

/// Runs every rule the policy enables and applies waivers.
pub fn check(ctx: &Context<'_>) -> CheckResult {
    check_with(ctx, &crate::join::Sequential)
}

/// [`check`], with the rules shared between both sides of `join`; the same result.
pub fn check_with<J: crate::join::Join>(ctx: &Context<'_>, join: &J) -> CheckResult {
    let order = run_order();
    let (per_rule, waivers) = crate::join::map_indices_beside(
        join,
        order.len(),
        1,
        |k| (order[k], run_rule(ctx, order[k])),
        || collect_waivers(ctx.project),
    );
    assemble(ctx, per_rule, waivers)
}

/// [`check`] one rule at a time: the app runs a large project's rules in several browser
/// tasks, so that the page answers input between them. The same result as [`check`].
pub struct CheckSteps<'c, 'p> {
    ctx: &'c Context<'p>,
    order: Vec<usize>,
    done: Vec<(usize, Vec<Finding>)>,
}

impl<'c, 'p> CheckSteps<'c, 'p> {
    /// Ready to run the rules on `ctx`.
    pub fn new(ctx: &'c Context<'p>) -> Self {
        let mut order = run_order();
        order.reverse();
        CheckSteps { ctx, done: Vec::with_capacity(order.len()), order }
    }

    /// Runs the next rule; false once every rule has run.
    pub fn step(&mut self) -> bool {
        if let Some(i) = self.order.pop() {
            self.done.push((i, run_rule(self.ctx, i)));
        }
        !self.order.is_empty()
    }

    /// The result: the rules not yet run are run first.
    pub fn finish(mut self) -> CheckResult {
        while self.step() {}
        let waivers = collect_waivers(self.ctx.project);
        assemble(self.ctx, self.done, waivers)
    }
}

/// The rules that read every node or column first, so that neither side of a join is left
/// with a long one at the end; the findings are put back in registry order.
fn run_order() -> Vec<usize> {
    let mut order: Vec<usize> = (0..RULES.len()).collect();
    order.sort_by_key(|&i| {
        !matches!(
            RULES[i].id,
            RuleId::Tst001 | RuleId::Phi001 | RuleId::Doc002 | RuleId::Doc004 | RuleId::Phi002 | RuleId::Doc001
        )
    });
    order
}

/// The findings of rule `i` (none when the policy disables it or an input it reads is missing).
fn run_rule(ctx: &Context<'_>, i: usize) -> Vec<Finding> {
    let rule = &RULES[i];
    if !ctx.rules.rule_enabled(rule.id.as_str(), rule.name) || missing_input(rule, ctx.project).is_some() {
        return Vec::new();
    }
    let severity = ctx.rules.severity_for(rule.id.as_str(), rule.name).unwrap_or(rule.severity);
    let mut emitter = Emitter { rule, severity, out: Vec::new() };
    #[cfg(feature = "rule-timing")]
    let started = std::time::Instant::now();
    (rule.check)(ctx, &mut emitter);
    #[cfg(feature = "rule-timing")]
    eprintln!("{} {:?} {}", rule.id, started.elapsed(), emitter.out.len());
    emitter.out
}

/// Every rule's findings in registry order, with the waivers applied and the rules that could
/// not run listed.
fn assemble(
    ctx: &Context<'_>,
    mut per_rule: Vec<(usize, Vec<Finding>)>,
    (waivers, waiver_problems): (std::collections::BTreeMap<String, Vec<crate::findings::Waiver>>, Vec<String>),
) -> CheckResult {
    per_rule.sort_unstable_by_key(|(i, _)| *i);
    let mut findings = Vec::with_capacity(per_rule.iter().map(|(_, f)| f.len()).sum());
    for (_, out) in per_rule {
        findings.extend(out);
    }
    for f in &mut findings {
        if let Some(ws) = waivers.get(f.unique_id.as_ref()) {
            f.waiver = ws
                .iter()
                .find(|w| {
                    (w.rule.eq_ignore_ascii_case(f.rule.as_str()) || w.rule == f.rule_name)
                        && w.column
                            .as_deref()
                            .is_none_or(|c| f.column.as_deref().is_some_and(|fc| fc.eq_ignore_ascii_case(c)))
                })
                .cloned();
        }
    }
    findings.sort_by(finding_order);
    let not_evaluated = RULES
        .iter()
        .filter(|r| ctx.rules.rule_enabled(r.id.as_str(), r.name))
        .filter_map(|r| {
            missing_input(r, ctx.project).map(|reason| NotEvaluated { rule: r.id, rule_name: r.name, reason })
        })
        .collect();
    CheckResult { findings, waiver_problems, not_evaluated }
}

/// The report's order of findings: by unique_id, column, rule and message.
fn finding_order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    (a.unique_id.as_ref(), a.column.as_deref(), a.rule, &a.message).cmp(&(
        b.unique_id.as_ref(),
        b.column.as_deref(),
        b.rule,
        &b.message,
    ))
}

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
    let run = |i: usize| {
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
    };
    // The rules that read every node or column are taken first, so that neither side is
    // left with a long one at the end; the findings are put back in registry order.
    let mut order: Vec<usize> = (0..RULES.len()).collect();
    order.sort_by_key(|&i| {
        !matches!(
            RULES[i].id,
            RuleId::Tst001 | RuleId::Phi001 | RuleId::Doc002 | RuleId::Doc004 | RuleId::Phi002 | RuleId::Doc001
        )
    });
    let (per_rule, (waivers, waiver_problems)) = crate::join::map_indices_beside(
        join,
        order.len(),
        1,
        |k| (order[k], run(order[k])),
        || collect_waivers(ctx.project),
    );
    let mut per_rule: Vec<(usize, Vec<Finding>)> = per_rule;
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

//! TST007 `test-failed`: a test that failed, warned or errored in the last run.

use super::{Context, Emitter, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};
use crate::input::ArtifactKind;

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Tst007,
    name: "test-failed",
    family: Family::Testing,
    severity: Severity::High,
    targets: &[Target::Test],
    reads: &[ArtifactKind::RunResults],
    summary: "No test failed or errored in the last run (run_results.json); failures on models that feed an exposure are critical.",
    doc: r#"
### What it checks
A test's latest status in `run_results.json` is `fail` or `error` (high; **critical** when the
tested model feeds an exposure), or `warn` (medium). The finding is reported on the tested
node, with the failing row count when dbt recorded it. Without a `run_results.json`, or with one
that holds no test result (from `dbt run`), the rule is reported as *not evaluated*, never as
a pass.

### Why it matters
A failing clinical business rule — a discharge before its admission, an age of 212 — is a
known data defect. If it feeds the CMO's dashboard or a payer extract, wrong numbers are being
reported today. An audit asks whether known failures are tracked and fixed.

### Example
```
test.clinic.admission_before_discharge  fail  2 failing rows
```

### How to fix
Fix the data or the model so the test passes; if the failure is accepted, lower the test's
severity with a documented reason, or waive this rule on the node with
`meta.phi_lens.waive: [{rule: TST007, reason: "..."}]`.
"#,
    remedy: Remedy::Alone,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for t in ctx.project.tests.iter().filter(|t| t.enabled) {
        let Some(run) = &t.run else { continue };
        let status = run.status.to_ascii_lowercase();
        let base = match status.as_str() {
            "fail" | "error" | "runtime error" => out.severity(),
            "warn" => Severity::Medium,
            _ => continue,
        };
        let node_id =
            t.attached_node.clone().or_else(|| t.depends_on.first().cloned()).unwrap_or_else(|| t.unique_id.clone());
        let node = ctx.project.node(&node_id);
        if node.is_some_and(|n| !ctx.rules.in_scope(n)) {
            continue;
        }
        let feeds = node.is_some_and(|n| ctx.feeds_exposure(n));
        let severity = if feeds && base >= Severity::High { Severity::Critical } else { base };
        let rows = run.failures.filter(|f| *f > 0).map(|f| format!(" ({f} failing rows)")).unwrap_or_default();
        let why = if feeds { "; the node feeds an exposure" } else { "" };
        out.emit_at(
            severity,
            &node_id,
            t.column_name.as_ref(),
            format!("test `{}` ended `{}` in the last run{rows}{why}", t.name, run.status),
            "Fix the data or the model until the test passes; if the failure is accepted, document why in a waiver."
                .into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn reports_failures_on_the_tested_node() {
        let manifest = r#"{"nodes": {
            "model.p.m": {"resource_type": "model", "name": "m"},
            "model.p.n": {"resource_type": "model", "name": "n"},
            "test.p.a": {"resource_type": "test", "name": "a", "attached_node": "model.p.m", "column_name": "age",
                         "test_metadata": {"name": "accepted_range", "kwargs": {}}},
            "test.p.b": {"resource_type": "test", "name": "b", "attached_node": "model.p.n",
                         "test_metadata": {"name": "unique", "kwargs": {}}},
            "test.p.c": {"resource_type": "test", "name": "c", "attached_node": "model.p.n",
                         "test_metadata": {"name": "not_null", "kwargs": {}}}
        }, "exposures": {"exposure.p.e": {"name": "e", "depends_on": {"nodes": ["model.p.m"]}}}}"#;
        let rr = r#"{"results": [
            {"unique_id": "test.p.a", "status": "fail", "failures": 1},
            {"unique_id": "test.p.b", "status": "warn", "failures": 3},
            {"unique_id": "test.p.c", "status": "pass", "failures": 0}]}"#;
        insta::assert_debug_snapshot!(findings_of("TST007", manifest, Some(rr)), @r#"
        [
            "model.p.m.age: test `a` ended `fail` in the last run (1 failing rows); the node feeds an exposure",
            "model.p.n: test `b` ended `warn` in the last run (3 failing rows)",
        ]
        "#);
    }
}

//! EXP004 `exposure-feeder-below-bar`: models feeding an exposure that miss the higher bar.

use super::{Context, Emitter, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};
use crate::model::ResourceType;

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Exp004,
    name: "exposure-feeder-below-bar",
    family: Family::Exposures,
    severity: Severity::Medium,
    targets: &[Target::Exposure],
    reads: &[],
    summary: "Models that feed an exposure meet a higher bar: described, sensitivity documented, and no failing test.",
    doc: r#"
### What it checks
For each exposure, the models upstream of it that lack a meaningful description (see
DOC001), lack a sensitivity declaration (see PHI001), or have a test that failed or errored
in the last run. One finding per exposure lists them.

### Why it matters
The models behind the CMO's dashboard or a payer extract are the ones whose errors reach
decisions and other organisations. An auditor tracing a KPI back to the EHR expects every
step on that path to be documented, classified and passing its tests.

### Example
```
exposure cmo_quality_dashboard ← mart_quality_measures ← int_encounters_enriched (no description)
```

### How to fix
Fix the listed models (describe them, declare their sensitivity, fix the failing tests).
"#,
    remedy: Remedy::Alone,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for e in &ctx.project.exposures {
        let mut below: Vec<String> = Vec::new();
        for id in ctx.lineage.upstream(&e.unique_id) {
            let Some(node) = ctx.scoped_node(id) else { continue };
            if node.resource_type != ResourceType::Model {
                continue;
            }
            let mut why = Vec::new();
            if super::doc001_description_missing::description_problem(ctx, &node.description).is_some() {
                why.push("no description");
            }
            let decl = ctx.node_declaration(node);
            if decl.own.phi.is_none() && decl.deidentified.is_none() && decl.phi_schema.is_none() {
                why.push("no sensitivity declared");
            }
            let failing = ctx.tests_of(node).iter().any(|t| {
                t.run.as_ref().is_some_and(|r| matches!(r.status.as_str(), "fail" | "error" | "runtime error"))
            });
            if failing {
                why.push("a failing test");
            }
            if !why.is_empty() {
                below.push(format!("`{}` ({})", node.name, why.join(", ")));
            }
        }
        if !below.is_empty() {
            out.emit(
                &e.unique_id.as_str().into(),
                None,
                format!("{} model(s) feeding exposure `{}` miss the bar: {}", below.len(), e.name, below.join("; ")),
                "Describe them, declare their sensitivity and fix their failing tests.".into(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn lists_the_feeders_below_the_bar() {
        let manifest = r#"{"nodes": {
            "model.p.good": {"resource_type": "model", "name": "good", "meta": {"phi": false},
                             "description": "Quality measures per month, de-identified."},
            "model.p.bad": {"resource_type": "model", "name": "bad", "depends_on": {"nodes": ["model.p.good"]}}
        }, "exposures": {"exposure.p.e": {"name": "e", "depends_on": {"nodes": ["model.p.bad"]}}}}"#;
        insta::assert_debug_snapshot!(findings_of("EXP004", manifest, None), @r#"
        [
            "exposure.p.e: 1 model(s) feeding exposure `e` miss the bar: `bad` (no description, no sensitivity declared)",
        ]
        "#);
    }
}

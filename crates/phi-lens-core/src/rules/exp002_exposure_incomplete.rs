//! EXP002 `exposure-incomplete`: an exposure without a description, type or maturity.

use super::{Context, Emitter, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Exp002,
    name: "exposure-incomplete",
    family: Family::Exposures,
    severity: Severity::Medium,
    targets: &[Target::Exposure],
    reads: &[],
    summary: "Every exposure has a description, a type and a maturity.",
    doc: r#"
### What it checks
The exposure's `description` is blank, or its `type` or `maturity` is missing.

### Why it matters
Exposures are the end of the lineage an auditor follows "from raw EHR data to the KPI on the
CMO's dashboard". Without a description nobody can tell which decision the KPI feeds; without
type and maturity nobody can tell a production extract to a payer from an experiment.

### Example
```yaml
exposures:
  - name: readmissions_report
    type: dashboard
    owner: {name: Quality team}
```

### How to fix
```yaml
    description: Monthly 30-day readmission rates for the CMO quality committee.
    maturity: high
```
"#,
    remedy: Remedy::Alone,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for e in &ctx.project.exposures {
        let mut missing = Vec::new();
        if e.description.trim().is_empty() {
            missing.push("description");
        }
        if e.kind.as_deref().is_none_or(|k| k.trim().is_empty()) {
            missing.push("type");
        }
        if e.maturity.as_deref().is_none_or(|m| m.trim().is_empty()) {
            missing.push("maturity");
        }
        if !missing.is_empty() {
            out.emit(
                &e.unique_id.as_str().into(),
                None,
                format!("exposure `{}` has no {}", e.name, missing.join(", no ")),
                format!("Add {} to the exposure.", missing.join(", ")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn lists_what_is_missing() {
        let manifest = r#"{"nodes": {}, "exposures": {
            "exposure.p.a": {"name": "a", "type": "dashboard"},
            "exposure.p.b": {"name": "b", "type": "dashboard", "maturity": "high", "description": "KPIs for the CMO."}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("EXP002", manifest, None), @r#"
        [
            "exposure.p.a: exposure `a` has no description, no maturity",
        ]
        "#);
    }
}

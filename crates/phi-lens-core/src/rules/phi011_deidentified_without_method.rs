//! PHI011 `deidentified-without-method`: a model declared de-identified that does not say how.

use super::{Context, Emitter, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};
use crate::phi::PhiFact;

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Phi011,
    name: "deidentified-without-method",
    family: Family::PhiGovernance,
    severity: Severity::High,
    targets: &[Target::Model],
    reads: &[],
    summary: "A de-identification claim names its HIPAA method: `safe_harbor` or `expert_determination`.",
    doc: r#"
### What it checks
The model declares `deidentified: true` but no `deidentification_method` (the policy's
method keys). phi-lens does not accept the claim: the model is treated as holding the PHI it
inherits.

### Why it matters
HIPAA recognises exactly two de-identification methods (45 CFR 164.514(b)): Safe Harbor
(remove the 18 identifiers, no actual knowledge of re-identification) and Expert
Determination (a documented statistical opinion). A claim without a method cannot be audited,
and small-cell counts published from it may re-identify patients.

### Example
```yaml
models:
  - name: mart_readmission_benchmarks
    config: {meta: {deidentified: true}}
```

### How to fix
```yaml
    config:
      meta:
        deidentified: true
        deidentification_method: safe_harbor   # or expert_determination, with its reference
```
"#,
    remedy: Remedy::Alone,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for f in &ctx.phi.facts {
        let PhiFact::DeidentifiedWithoutMethod { unique_id } = f else { continue };
        let Some(node) = ctx.scoped_node(unique_id) else { continue };
        out.emit(
            &node.unique_id,
            None,
            format!("`{}` is declared de-identified without a method; the claim is not accepted", node.name),
            "Name the method: `meta.deidentification_method: safe_harbor` or `expert_determination`.".into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn wants_a_method() {
        let manifest = r#"{"nodes": {
            "model.p.a": {"resource_type": "model", "name": "a", "meta": {"deidentified": true}},
            "model.p.b": {"resource_type": "model", "name": "b", "meta": {"deidentified": true, "deidentification_method": "expert_determination"}}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("PHI011", manifest, None), @r#"
        [
            "model.p.a: `a` is declared de-identified without a method; the claim is not accepted",
        ]
        "#);
    }
}

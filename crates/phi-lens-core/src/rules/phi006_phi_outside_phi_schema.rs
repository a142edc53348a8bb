//! PHI006 `phi-outside-phi-schema`: a PHI-bearing node materialised outside the dedicated PHI schema.

use super::{ConfigFix, Context, Emitter, Judges, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};
use crate::phi::PhiFact;

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Phi006,
    name: "phi-outside-phi-schema",
    family: Family::PhiGovernance,
    severity: Severity::Medium,
    targets: &[Target::Model, Target::Snapshot, Target::Seed],
    reads: &[],
    summary: "Models that hold PHI live in the dedicated PHI schema (the policy's `[schemas].phi`).",
    doc: r#"
### What it checks
A model (or the resource types in `[schemas].phi_schema_applies_to`) that holds PHI —
declared, detected or inherited — is materialised in a schema that matches none of the
policy's PHI schema patterns (`[schemas].phi`, e.g. `phi`, `*_phi`). Ephemeral models are
materialised nowhere (they are inlined into the models that read them, which are checked).
When the policy names no PHI schema, the rule has nothing to check.

### Why it matters
A dedicated PHI schema is the simplest strong control a warehouse has: one grant boundary,
one masking policy scope, one place an auditor can enumerate. PHI materialised in
`intermediate` or `analytics` inherits those schemas' broader grants.

### Example
```yaml
models:
  - name: int_encounter_diagnoses   # patient MRN and diagnoses
    config: {schema: intermediate}
```

### How to fix
```yaml
    config: {schema: phi, tags: [phi]}
```
or remove the identifiers from the model so it no longer holds PHI.
"#,
    remedy: Remedy::Config(ConfigFix::PhiSchema, Judges::PhiNodes),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for f in &ctx.phi.facts {
        let PhiFact::PhiOutsidePhiSchema { unique_id, schema } = f else { continue };
        let Some(node) = ctx.scoped_node(unique_id) else { continue };
        // An ephemeral model is inlined into the models that select from it: it is
        // materialised in no schema (they are, and are checked themselves).
        if node.materialized.as_deref().is_some_and(|m| m.eq_ignore_ascii_case("ephemeral")) {
            continue;
        }
        let expected = ctx.policy.schemas.phi.join("`, `");
        out.emit(
            &node.unique_id,
            None,
            format!(
                "`{}` holds PHI but is materialised in schema `{}`, not a PHI schema (`{expected}`)",
                node.name,
                schema.as_deref().unwrap_or("(none)")
            ),
            "Move it to the PHI schema (`config: {schema: phi}`) or remove the identifiers it carries.".into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn flags_phi_outside_the_phi_schema() {
        let manifest = r#"{"nodes": {
            "model.p.a": {"resource_type": "model", "name": "a", "schema": "intermediate", "meta": {"phi": true}},
            "model.p.b": {"resource_type": "model", "name": "b", "schema": "phi", "meta": {"phi": true}},
            "model.p.c": {"resource_type": "model", "name": "c", "schema": "analytics", "meta": {"phi": false}}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("PHI006", manifest, None), @r#"
        [
            "model.p.a: `a` holds PHI but is materialised in schema `intermediate`, not a PHI schema (`phi`, `phi_*`, `*_phi`)",
        ]
        "#);
    }
}

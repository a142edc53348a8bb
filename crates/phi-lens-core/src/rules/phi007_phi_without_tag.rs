//! PHI007 `phi-without-tag`: a PHI-bearing model without the PHI tag.

use super::{ConfigFix, Context, Emitter, Judges, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Phi007,
    name: "phi-without-tag",
    family: Family::PhiGovernance,
    severity: Severity::Low,
    targets: &[Target::Model, Target::Snapshot, Target::Seed],
    reads: &[],
    summary: "Models that hold PHI carry the PHI tag (the first of the policy's `[declared].phi_tags`).",
    doc: r#"
### What it checks
A model, seed or snapshot holds PHI — declared, detected or inherited — and none of its tags
is one of the policy's PHI tags (`phi`, `pii`, `hipaa`…).

### Why it matters
Tags are how dbt selects: `dbt build --select tag:phi`, `--exclude tag:phi` in development
targets, CI jobs that must not touch PHI, and documentation filters an auditor uses. A PHI
model without the tag is missed by every one of them.

### Example
```yaml
models:
  - name: scratch_patient_lookup
    config: {meta: {phi: true}}
```

### How to fix
```yaml
    config: {tags: [phi], meta: {phi: true}}
```
"#,
    remedy: Remedy::Config(ConfigFix::PhiTag, Judges::PhiNodes),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let tags = &ctx.policy.declared.phi_tags;
    let Some(first) = tags.first() else { return };
    for node in ctx.nodes(RULE.targets) {
        let Some(phi) = ctx.phi_of(node) else { continue };
        if !phi.status.is_phi() {
            continue;
        }
        let tagged = node.tags.iter().any(|t| tags.iter().any(|p| p.eq_ignore_ascii_case(t)));
        if !tagged {
            out.emit(
                &node.unique_id,
                None,
                format!("`{}` holds PHI ({}) but has no PHI tag", node.name, phi.status.as_str()),
                format!("Add the `{first}` tag so `--select tag:{first}` and the docs filters find it."),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn wants_the_tag_on_phi_models() {
        let manifest = r#"{"nodes": {
            "model.p.a": {"resource_type": "model", "name": "a", "meta": {"phi": true}},
            "model.p.b": {"resource_type": "model", "name": "b", "tags": ["phi"], "meta": {"phi": true}},
            "model.p.c": {"resource_type": "model", "name": "c", "meta": {"phi": false}}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("PHI007", manifest, None), @r#"
        [
            "model.p.a: `a` holds PHI (declared) but has no PHI tag",
        ]
        "#);
    }
}

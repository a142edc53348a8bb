//! PHI001 `sensitivity-undocumented`: a model, source, seed or snapshot whose meta says nothing about sensitivity.

use super::{ConfigFix, Context, Emitter, Judges, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Phi001,
    name: "sensitivity-undocumented",
    family: Family::PhiGovernance,
    severity: Severity::Medium,
    targets: &[Target::Model, Target::Source, Target::Seed, Target::Snapshot],
    reads: &[],
    summary: "Every model, source, seed and snapshot documents its sensitivity in meta or tags — PHI or not.",
    doc: r#"
### What it checks
The resource carries none of the policy's sensitivity declarations: no PHI flag key
(`meta.phi`, `contains_phi`, `pii`… — `true` *or* `false`), no sensitivity level
(`sensitivity`, `data_classification`…), no de-identification flag, no PHI or non-PHI tag,
and it does not live in a PHI schema. The keys and tags are the policy's `[declared]` lists.

### Why it matters
Sensitivity in `meta` is what drives the data catalogue, masking policies and access reviews.
A resource with no declaration is invisible to all three: nobody can tell an auditor whether
it holds PHI without reading its SQL. Declaring `phi: false` is as valuable as `phi: true`.

### Example
```yaml
models:
  - name: int_medication_adherence
    description: Adherence per patient and drug.
```

### How to fix
```yaml
    config:
      meta:
        phi: true            # or false, with a reason
        phi_category: dates  # on the columns that hold identifiers
```
"#,
    remedy: Remedy::Config(ConfigFix::Sensitivity, Judges::Targets),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for node in ctx.nodes(RULE.targets) {
        let decl = ctx.node_declaration(node);
        let documented = decl.own.phi.is_some() || decl.deidentified.is_some() || decl.phi_schema.is_some();
        if !documented {
            let kind = node.resource_type.as_str();
            out.emit(
                &node.unique_id,
                None,
                format!("{kind} `{}` does not document its sensitivity (no PHI flag, level or tag in meta)", node.name),
                "Add `meta.phi: true|false` (or the policy's sensitivity key) to the resource.".into(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn true_false_levels_and_tags_all_document_sensitivity() {
        let manifest = r#"{"nodes": {
            "model.p.a": {"resource_type": "model", "name": "a"},
            "model.p.b": {"resource_type": "model", "name": "b", "meta": {"phi": false}},
            "model.p.c": {"resource_type": "model", "name": "c", "config": {"meta": {"data_classification": "restricted"}}},
            "model.p.d": {"resource_type": "model", "name": "d", "tags": ["pii"]}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("PHI001", manifest, None), @r#"
        [
            "model.p.a: model `a` does not document its sensitivity (no PHI flag, level or tag in meta)",
        ]
        "#);
    }
}

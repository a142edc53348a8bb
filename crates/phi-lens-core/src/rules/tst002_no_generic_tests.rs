//! TST002 `no-generic-tests`: a model below the generic-test floor.

use super::{Context, Emitter, Judges, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Tst002,
    name: "no-generic-tests",
    family: Family::Testing,
    severity: Severity::Low,
    targets: &[Target::Model, Target::Snapshot],
    reads: &[],
    summary: "Every model has at least `rules.min_generic_tests_per_model` generic tests (default 1).",
    doc: r#"
### What it checks
The model has fewer enabled generic (schema) tests than `rules.min_generic_tests_per_model`.
Singular tests that read the model do not count toward the floor: they are welcome, but the
floor is about the cheap, declarative checks every model should carry.

### Why it matters
An untested model fails silently. In clinical reporting silent failures become wrong quality
measures; the generic tests (`not_null`, `unique`, `accepted_values`, `relationships`) are the
floor before any business rule.

### Example
```yaml
models:
  - name: int_medication_adherence
    columns:
      - name: patient_id
```

### How to fix
```yaml
      - name: patient_id
        tests: [not_null, relationships: {to: ref('dim_patients'), field: patient_id}]
```
"#,
    remedy: Remedy::EachNode("generic tests name each model's own columns", Judges::Targets),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let floor = ctx.rules.min_generic_tests_per_model;
    if floor == 0 {
        return;
    }
    for node in ctx.nodes(RULE.targets) {
        let generic = ctx.tests_of(node).iter().filter(|t| t.test_name().is_some()).count();
        if generic < floor {
            out.emit(
                &node.unique_id,
                None,
                format!("model `{}` has {generic} generic tests (the floor is {floor})", node.name),
                "Add generic tests (not_null, unique, accepted_values, relationships) to its key columns.".into(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn counts_generic_tests_only() {
        let manifest = r#"{"nodes": {
            "model.p.a": {"resource_type": "model", "name": "a"},
            "model.p.b": {"resource_type": "model", "name": "b"},
            "test.p.s": {"resource_type": "test", "name": "s", "depends_on": {"nodes": ["model.p.a"]}},
            "test.p.g": {"resource_type": "test", "name": "g", "attached_node": "model.p.b",
                         "test_metadata": {"name": "not_null", "kwargs": {"column_name": "id"}}}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("TST002", manifest, None), @r#"
        [
            "model.p.a: model `a` has 0 generic tests (the floor is 1)",
        ]
        "#);
    }
}

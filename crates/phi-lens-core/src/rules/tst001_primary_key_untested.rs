//! TST001 `primary-key-untested`: a model with no test proving its grain.

use super::clinical::key_purposes;
use super::{Context, Emitter, Judges, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Tst001,
    name: "primary-key-untested",
    family: Family::Testing,
    severity: Severity::Medium,
    targets: &[Target::Model, Target::Snapshot],
    reads: &[],
    summary:
        "Every model has a tested primary key: `unique` and `not_null` on one column, or a unique-combination test.",
    doc: r#"
### What it checks
No column of the model has both a uniqueness test and a not-null test, and no
`unique_combination_of_columns` / `expect_compound_columns_to_be_unique` test covers it. Tests are recognised by what they test (their
arguments), so dbt_utils, dbt_expectations and custom tests count. Models that feed an
exposure are held to a higher bar: there the finding is **high**.

### Why it matters
Duplicate rows double-count patients, encounters and claims: a readmission rate or a payer
extract with fan-out is wrong in a way nobody sees on a dashboard. The grain test is the
cheapest guard a clinical model has.

### Example
```yaml
models:
  - name: mart_payer_extract
    columns:
      - name: loinc_code
        tests: [accepted_values: {values: [...]}]
```

### How to fix
```yaml
      - name: extract_row_id
        tests: [unique, not_null]
```
or `dbt_utils.unique_combination_of_columns` on the natural key.
"#,
    remedy: Remedy::EachNode("a primary-key test names each model's own key", Judges::Targets),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for node in ctx.nodes(RULE.targets) {
        let tests = ctx.tests_of(node);
        let mut unique = std::collections::BTreeSet::new();
        let mut not_null = std::collections::BTreeSet::new();
        let mut combination = false;
        for t in tests {
            let ps = key_purposes(t);
            if ps.unique_combination {
                combination = true;
            }
            if !(ps.unique || ps.not_null) {
                continue;
            }
            if let Some(c) = t.column_name.as_deref().map(|c| c.trim_matches('"').to_ascii_lowercase()) {
                if ps.unique {
                    unique.insert(c.clone());
                }
                if ps.not_null {
                    not_null.insert(c);
                }
            }
        }
        let tested = combination || unique.intersection(&not_null).next().is_some();
        if tested {
            continue;
        }
        let feeds = ctx.feeds_exposure(node);
        let severity = if feeds { Severity::High.max(out.severity()) } else { out.severity() };
        let why = if feeds { " and it feeds an exposure" } else { "" };
        out.emit_at(
            severity,
            &node.unique_id,
            None,
            format!("model `{}` has no tested primary key (unique + not_null, or a unique combination){why}", node.name),
            "Add `unique` and `not_null` tests to the key column, or `dbt_utils.unique_combination_of_columns` on the natural key.".into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn needs_both_tests_on_one_column_or_a_combination() {
        let manifest = r#"{"nodes": {
            "model.p.a": {"resource_type": "model", "name": "a"},
            "model.p.b": {"resource_type": "model", "name": "b"},
            "model.p.c": {"resource_type": "model", "name": "c"},
            "test.p.u": {"resource_type": "test", "name": "u", "attached_node": "model.p.b", "column_name": "id",
                         "test_metadata": {"name": "unique", "kwargs": {"column_name": "id"}}},
            "test.p.n": {"resource_type": "test", "name": "n", "attached_node": "model.p.b", "column_name": "id",
                         "test_metadata": {"name": "expect_column_values_to_not_be_null", "namespace": "dbt_expectations", "kwargs": {"column_name": "id"}}},
            "test.p.c": {"resource_type": "test", "name": "c", "attached_node": "model.p.c",
                         "test_metadata": {"name": "unique_combination_of_columns", "namespace": "dbt_utils", "kwargs": {"combination_of_columns": ["x", "y"]}}},
            "test.p.half": {"resource_type": "test", "name": "half", "attached_node": "model.p.a", "column_name": "id",
                         "test_metadata": {"name": "unique", "kwargs": {"column_name": "id"}}}
        }, "exposures": {"exposure.p.e": {"name": "e", "depends_on": {"nodes": ["model.p.a"]}}}}"#;
        insta::assert_debug_snapshot!(findings_of("TST001", manifest, None), @r#"
        [
            "model.p.a: model `a` has no tested primary key (unique + not_null, or a unique combination) and it feeds an exposure",
        ]
        "#);
    }
}

//! TST003 `age-without-range-test`: an age column with no plausible-range test.

use super::clinical::{covered_along_lineage, purposes, Purpose};
use super::{Context, Emitter, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Tst003,
    name: "age-without-range-test",
    family: Family::Testing,
    severity: Severity::Medium,
    targets: &[Target::Model, Target::Snapshot, Target::Column],
    reads: &[],
    summary: "A column holding a person's age has a physiologically plausible range test.",
    doc: r#"
### What it checks
A numeric column whose name says it holds an age (`age`, `age_years`, `patientAge`,
`age_at_admission`; not age bands, `stage`, `usage`) has no test that bounds it: a test with
`min_value`/`max_value` arguments (dbt_utils `accepted_range`, dbt_expectations
`expect_column_values_to_be_between`, custom tests), or an expression test comparing it.

A test on a column of the same name elsewhere in the lineage (typically the staging model
the value passes through) counts, unless this model tests the column itself: a column tested
here, only for presence, is judged by this model's own tests.

### Why it matters
An age of 212 or −3 is a data-entry or date-parsing error that flows straight into risk
adjustment, quality measures and eligibility logic. `not_null` does not catch it; a range
test does. Ages over 89 are also a HIPAA Safe Harbor identifier, so they deserve attention.

### Example
```yaml
      - name: age_years
        tests: [not_null]
```

### How to fix
```yaml
      - name: age_years
        tests:
          - dbt_utils.accepted_range: {min_value: 0, max_value: 120}
```
"#,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for node in ctx.nodes(&[Target::Model, Target::Snapshot]) {
        for &c in &ctx.clinical(node).ages {
            let range = |t: &crate::model::Test, _: &crate::model::Node| purposes(t).contains(&Purpose::Range);
            if !covered_along_lineage(ctx, node, &[&c.name], &range) {
                out.emit(
                    &node.unique_id,
                    Some(&c.name),
                    format!("age column `{}` of `{}` has no plausible-range test", c.name, node.name),
                    "Add `dbt_utils.accepted_range` (min_value: 0, max_value: 120) or an equivalent range test.".into(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn wants_a_range_test_on_ages() {
        let manifest = r#"{"nodes": {
            "model.p.a": {"resource_type": "model", "name": "patients", "columns": {
                "age_years": {"name": "age_years", "data_type": "integer"},
                "patient_age": {"name": "patient_age"},
                "age_group": {"name": "age_group"},
                "stage": {"name": "stage"}}},
            "test.p.r": {"resource_type": "test", "name": "r", "attached_node": "model.p.a", "column_name": "patient_age",
                         "test_metadata": {"name": "expect_column_values_to_be_between", "kwargs": {"column_name": "patient_age", "min_value": 0, "max_value": 120}}},
            "test.p.n": {"resource_type": "test", "name": "n", "attached_node": "model.p.a", "column_name": "age_years",
                         "test_metadata": {"name": "not_null", "kwargs": {"column_name": "age_years"}}}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("TST003", manifest, None), @r#"
        [
            "model.p.a.age_years: age column `age_years` of `patients` has no plausible-range test",
        ]
        "#);
    }
}

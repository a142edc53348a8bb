//! TST005 `date-pair-unordered`: start/end dates (admission/discharge…) with no ordering test.

use super::clinical::{covered_along_lineage, purposes, Purpose};
use super::{Context, Emitter, Judges, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Tst005,
    name: "date-pair-unordered",
    family: Family::Testing,
    severity: Severity::Medium,
    targets: &[Target::Model, Target::Snapshot, Target::Column],
    reads: &[],
    summary: "Start/end date pairs (admission/discharge, service from/thru, effective/termination) have a test that they are ordered.",
    doc: r#"
### What it checks
A model has two date columns that form a start/end pair — same name apart from the stem:
`admit_date`/`discharge_date`, `start_date`/`end_date`, `claim_from_date`/`claim_thru_date`,
`effective_date`/`termination_date`, `onset`/`resolution`, `birth_date`/`death_date` — and no
test reads both with a comparison: `column_A`/`column_B` tests
(`expect_column_pair_values_A_to_be_greater_than_B`), an `expression_is_true` with `<`/`>`, or
a singular test whose name names both columns.

A test on a column of the same name elsewhere in the lineage (typically the staging model
the value passes through) counts, unless this model tests the column itself: a column tested
here, only for presence, is judged by this model's own tests.

### Why it matters
A discharge before its admission gives a negative length of stay, breaks readmission windows
and inflates or hides quality events. It is one of the most common EHR data defects and one of
the cheapest to test.

### Example
```yaml
models:
  - name: fct_encounters
    columns: [{name: admit_date}, {name: discharge_date}]
```

### How to fix
```yaml
    tests:
      - dbt_utils.expression_is_true: {expression: "discharge_date >= admit_date"}
```
"#,
    remedy: Remedy::EachNode("an ordering test names its pair of columns", Judges::FlaggedOnly),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for node in ctx.nodes(&[Target::Model, Target::Snapshot]) {
        for pair in &ctx.clinical(node).pairs {
            let orders = |t: &crate::model::Test, _: &crate::model::Node| {
                let ps = purposes(t);
                ps.contains(&Purpose::Ordering) || ps.contains(&Purpose::Expression) || t.test_name().is_none()
            };
            if !covered_along_lineage(ctx, node, &[&pair.start.name, &pair.end.name], &orders) {
                out.emit(
                    &node.unique_id,
                    Some(&pair.end.name),
                    format!(
                        "`{}` and `{}` of `{}` have no test that the start comes first",
                        pair.start.name, pair.end.name, node.name
                    ),
                    format!(
                        "Add `dbt_utils.expression_is_true: {{expression: \"{} >= {}\"}}` or a column-pair test.",
                        pair.end.name, pair.start.name
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn pairs_dates_and_accepts_expression_or_pair_tests() {
        let manifest = r#"{"nodes": {
            "model.p.e": {"resource_type": "model", "name": "encounters", "columns": {
                "admit_date": {"name": "admit_date", "data_type": "date"},
                "discharge_date": {"name": "discharge_date", "data_type": "date"},
                "claim_start_date": {"name": "claim_start_date"}, "claim_end_date": {"name": "claim_end_date"},
                "effective_date": {"name": "effective_date"}, "_loaded_at": {"name": "_loaded_at"}}},
            "test.p.x": {"resource_type": "test", "name": "x", "attached_node": "model.p.e",
                         "test_metadata": {"name": "expression_is_true", "namespace": "dbt_utils", "kwargs": {"expression": "discharge_date >= admit_date"}}}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("TST005", manifest, None), @r#"
        [
            "model.p.e.claim_end_date: `claim_start_date` and `claim_end_date` of `encounters` have no test that the start comes first",
        ]
        "#);
    }
}

//! TST006 `clinical-value-without-range-test`: a lab or vital-sign value with no range test.

use super::clinical::{covered_along_lineage, purposes, Purpose};
use super::{Context, Emitter, Judges, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Tst006,
    name: "clinical-value-without-range-test",
    family: Family::Testing,
    severity: Severity::Medium,
    targets: &[Target::Model, Target::Snapshot, Target::Column],
    reads: &[],
    summary: "Lab results and vital signs have plausible-range tests, not only not_null.",
    doc: r#"
### What it checks
A numeric column holding a lab result or vital sign — `result_value`, `lab_value`,
`systolic_bp`, `bmi`, `heart_rate`, `hba1c`…, or a value column of a lab/vital/observation
model — has no test with range arguments (`min_value`/`max_value`, a `between` test, a custom
plausibility test such as `lab_value_within_plausible_range`) or a comparing expression.

Yes/no facts are not values: a column whose name asks a question (`is_high_bmi`,
`has_low_hemoglobin`) or whose description opens by calling it a flag or an indicator
("Flag indicating if the condition is present", "Whether…", "1 if…"), and boolean columns.
Neither are the results of data-quality checks: the columns of a model named for data
quality or test results (`data_quality__*`, `dq_*`, `*_test_results`).

A test on a column of the same name elsewhere in the lineage (typically the staging model
the value passes through) counts, unless this model tests the column itself: a column tested
here, only for presence, is judged by this model's own tests.

### Why it matters
Unit mix-ups (mg/dL vs mmol/L), decimal shifts and sentinel values (`9999`) are routine in lab
feeds. They move cohort thresholds (HbA1c ≥ 9 for diabetes control) and quality measures
without failing any not-null test.

### Example
```yaml
      - name: result_value
        tests: [not_null]
```

### How to fix
```yaml
      - name: result_value
        tests:
          - dbt_expectations.expect_column_values_to_be_between:
              {min_value: 0, max_value: 1000, row_condition: "loinc_code = '4548-4'"}
```
"#,
    remedy: Remedy::EachNode("a range test names its column", Judges::FlaggedOnly),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for node in ctx.nodes(&[Target::Model, Target::Snapshot]) {
        for &c in &ctx.clinical(node).values {
            let range = |t: &crate::model::Test, _: &crate::model::Node| purposes(t).contains(&Purpose::Range);
            if !covered_along_lineage(ctx, node, &[&c.name], &range) {
                out.emit(
                    &node.unique_id,
                    Some(&c.name),
                    format!("clinical value `{}` of `{}` has no plausible-range test", c.name, node.name),
                    "Add a range test (dbt_expectations.expect_column_values_to_be_between, per unit or code if needed).".into(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn wants_range_tests_on_lab_values() {
        let manifest = r#"{"nodes": {
            "model.p.fct_lab_results": {"resource_type": "model", "name": "fct_lab_results", "columns": {
                "result_value": {"name": "result_value", "data_type": "double"},
                "result_unit": {"name": "result_unit"},
                "lab_result_id": {"name": "lab_result_id"}}},
            "model.p.vitals": {"resource_type": "model", "name": "vitals", "columns": {
                "systolic_bp": {"name": "systolic_bp"}}},
            "test.p.r": {"resource_type": "test", "name": "r", "attached_node": "model.p.vitals", "column_name": "systolic_bp",
                         "test_metadata": {"name": "accepted_range", "kwargs": {"column_name": "systolic_bp", "min_value": 40, "max_value": 300}}}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("TST006", manifest, None), @r#"
        [
            "model.p.fct_lab_results.result_value: clinical value `result_value` of `fct_lab_results` has no plausible-range test",
        ]
        "#);
    }

    #[test]
    fn flags_booleans_and_data_quality_results_are_not_clinical_values() {
        let manifest = r#"{"nodes": {
            "model.p.chronic_conditions_wide": {"resource_type": "model", "name": "chronic_conditions_wide", "columns": {
                "heart_failure": {"name": "heart_failure", "description": "flag indicating if the condition is present"},
                "is_high_bmi": {"name": "is_high_bmi"},
                "has_low_hemoglobin": {"name": "has_low_hemoglobin"}}},
            "model.p.data_quality__logical": {"resource_type": "model", "name": "data_quality__logical", "columns": {
                "test_result": {"name": "test_result", "description": "The integer sum of the flag column for the test."}}},
            "model.p.data_quality__analytical_key_metrics": {"resource_type": "model", "name": "data_quality__analytical_key_metrics",
                "columns": {"result": {"name": "result", "description": "Formatted metric output."}}},
            "model.p.dq_lab_checks": {"resource_type": "model", "name": "dq_lab_checks", "columns": {
                "result_value": {"name": "result_value"}}},
            "model.p.fct_lab_results": {"resource_type": "model", "name": "fct_lab_results", "columns": {
                "result_value": {"name": "result_value", "data_type": "double", "description": "Numeric result; see abnormal_flag."},
                "glucose": {"name": "glucose", "description": "Whether glucose was tested."}}}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("TST006", manifest, None), @r#"
        [
            "model.p.fct_lab_results.result_value: clinical value `result_value` of `fct_lab_results` has no plausible-range test",
        ]
        "#);
    }
}

//! TST003 `age-without-range-test`: an age column with no plausible-range test.

use super::clinical::{covered_along_lineage, purposes, range_bounds, test_reads, Purpose};
use super::{Context, Emitter, Judges, Remedy, RuleDef};
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
`age_at_admission`; not age bands, `stage`, `usage`) has no test that bounds it to a plausible
human age: a test with `min_value`/`max_value` arguments (dbt_utils `accepted_range`,
dbt_expectations `expect_column_values_to_be_between`, custom tests), or an expression test
comparing it. A range counts only when every bound it writes as a number lies within
`rules.plausible_age_range` (default 0 to 130 years): `accepted_range` from −50 to 5000 lets
an age of 212 through and does not count; `min_value: 0` alone does. Bounds written some
other way (`{{ var('max_age') }}`) cannot be read and are taken as written.

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
    remedy: Remedy::EachNode("a range test names its column", Judges::FlaggedOnly),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let [lo, hi] = ctx.rules.plausible_age_range.map(f64::from);
    let plausible_range =
        |t: &crate::model::Test| purposes(t).contains(&Purpose::Range) && range_bounds(t).within(lo, hi);
    for node in ctx.nodes(&[Target::Model, Target::Snapshot]) {
        for &c in &ctx.clinical(node).ages {
            let range = |t: &crate::model::Test, _: &crate::model::Node| plausible_range(t);
            if !covered_along_lineage(ctx, node, &[&c.name], &range) {
                // Name a range test of its own that does not count, and why.
                let column = c.name.to_ascii_lowercase();
                let why = ctx
                    .tests_of(node)
                    .iter()
                    .find(|t| purposes(t).contains(&Purpose::Range) && test_reads(t, &column))
                    .map(|t| {
                        format!(" (`{}` allows {}; a plausible age lies within {lo} to {hi})", t.name, range_bounds(t))
                    })
                    .unwrap_or_default();
                out.emit(
                    &node.unique_id,
                    Some(&c.name),
                    format!("age column `{}` of `{}` has no plausible-range test{why}", c.name, node.name),
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

    #[test]
    fn a_range_counts_only_inside_a_plausible_human_age() {
        let test = |id: &str, column: &str, kwargs: &str| {
            format!(
                r#""test.p.{id}": {{"resource_type": "test", "name": "{id}", "attached_node": "model.p.a", "column_name": "{column}",
                   "test_metadata": {{"name": "accepted_range", "kwargs": {{"column_name": "{column}", {kwargs}}}}}}}"#
            )
        };
        let tests = [
            test("wide", "age_years", r#""min_value": -50, "max_value": 5000"#),
            test("over", "age_at_admission", r#""min_value": 0, "max_value": 200"#),
            test("plausible", "patient_age", r#""min_value": 0, "max_value": 120"#),
            test("floor", "age_at_discharge", r#""min_value": 0"#),
            test("text", "member_age", r#""min_value": "0", "max_value": "130""#),
            test("var", "age_at_death", r#""max_value": "{{ var('max_age') }}""#),
        ]
        .join(",\n");
        let manifest = format!(
            r#"{{"nodes": {{
            "model.p.a": {{"resource_type": "model", "name": "patients", "columns": {{
                "age_years": {{"name": "age_years"}}, "age_at_admission": {{"name": "age_at_admission"}},
                "patient_age": {{"name": "patient_age"}}, "age_at_discharge": {{"name": "age_at_discharge"}},
                "member_age": {{"name": "member_age"}}, "age_at_death": {{"name": "age_at_death"}}}}}},
            {tests}
        }}}}"#
        );
        insta::assert_debug_snapshot!(findings_of("TST003", &manifest, None), @r#"
        [
            "model.p.a.age_at_admission: age column `age_at_admission` of `patients` has no plausible-range test (`over` allows 0 to 200; a plausible age lies within 0 to 130)",
            "model.p.a.age_years: age column `age_years` of `patients` has no plausible-range test (`wide` allows -50 to 5000; a plausible age lies within 0 to 130)",
        ]
        "#);
    }
}

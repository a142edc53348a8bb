//! TST004 `diagnosis-code-unvalidated`: a diagnosis code column with no ICD-10 validity test.

use super::clinical::{covered_along_lineage, purposes, Purpose};
use super::{Context, Emitter, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Tst004,
    name: "diagnosis-code-unvalidated",
    family: Family::Testing,
    severity: Severity::Medium,
    targets: &[Target::Model, Target::Snapshot, Target::Column],
    reads: &[],
    summary: "A diagnosis code column has a validity test: a code-set relationship, accepted values or a pattern.",
    doc: r#"
### What it checks
A column whose name says it holds diagnosis codes (`icd10_code`, `primary_icd10_code`,
`diagnosis_code`, `dx_cd`; not descriptions or sequence numbers) has no test that validates
the codes: `relationships` to a code seed or terminology table, `accepted_values`,
`expect_column_values_to_be_in_set`, or a pattern test (`regex`, `pattern`, `like`).

A test on a column of the same name elsewhere in the lineage (typically the staging model
the value passes through) counts, unless this model tests the column itself: a column tested
here, only for presence, is judged by this model's own tests.

### Why it matters
Invalid or truncated ICD-10 codes (`E11` instead of `E11.9`, `250.00` ICD-9 leftovers) silently
drop patients out of chronic-condition cohorts, HCC risk scores and quality measure
denominators.

### Example
```yaml
      - name: icd10_code
        tests: [not_null]
```

### How to fix
```yaml
      - name: icd10_code
        tests:
          - relationships: {to: ref('icd10_codes'), field: code}
          # or a pattern: dbt_expectations.expect_column_values_to_match_regex: {regex: '^[A-TV-Z][0-9][0-9AB](\.?[0-9A-TV-Z]{1,4})?$'}
```
"#,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for node in ctx.nodes(&[Target::Model, Target::Snapshot]) {
        for &c in &ctx.clinical(node).diagnosis_codes {
            let validates = |t: &crate::model::Test, _: &crate::model::Node| {
                let ps = purposes(t);
                ps.contains(&Purpose::CodeSet) || ps.contains(&Purpose::Pattern)
            };
            if !covered_along_lineage(ctx, node, &[&c.name], &validates) {
                out.emit(
                    &node.unique_id,
                    Some(&c.name),
                    format!("diagnosis code column `{}` of `{}` has no ICD-10 validity test", c.name, node.name),
                    "Test it with `relationships` to an ICD-10 code seed, `accepted_values`, or a regex pattern test."
                        .into(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn accepts_relationships_or_pattern() {
        let manifest = r#"{"nodes": {
            "model.p.d": {"resource_type": "model", "name": "diagnoses", "columns": {
                "icd10_code": {"name": "icd10_code"}, "dx_cd": {"name": "dx_cd"},
                "diagnosis_code": {"name": "diagnosis_code"}, "diagnosis_description": {"name": "diagnosis_description"}}},
            "test.p.r": {"resource_type": "test", "name": "r", "attached_node": "model.p.d", "column_name": "icd10_code",
                         "test_metadata": {"name": "relationships", "kwargs": {"column_name": "icd10_code", "to": "ref('icd10')", "field": "code"}}},
            "test.p.x": {"resource_type": "test", "name": "x", "attached_node": "model.p.d", "column_name": "dx_cd",
                         "test_metadata": {"name": "expect_column_values_to_match_regex", "namespace": "dbt_expectations", "kwargs": {"column_name": "dx_cd", "regex": "^[A-Z]"}}}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("TST004", manifest, None), @r#"
        [
            "model.p.d.diagnosis_code: diagnosis code column `diagnosis_code` of `diagnoses` has no ICD-10 validity test",
        ]
        "#);
    }
}

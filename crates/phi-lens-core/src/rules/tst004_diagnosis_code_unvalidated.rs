//! TST004 `diagnosis-code-unvalidated`: a diagnosis code column with no ICD-10 validity test.

use super::clinical::{covered_along_lineage, CodeValidation};
use super::{Context, Emitter, Judges, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Tst004,
    name: "diagnosis-code-unvalidated",
    family: Family::Testing,
    severity: Severity::Medium,
    targets: &[Target::Model, Target::Snapshot, Target::Column],
    reads: &[],
    summary: "A diagnosis code column has an ICD-10 validity test: a relationship to a code set, ICD-10 values or pattern, or a validation test.",
    doc: r#"
### What it checks
A column whose name says it holds diagnosis codes (`icd10_code`, `primary_icd10_code`,
`diagnosis_code`, `dx_cd`; not descriptions or sequence numbers) has no test that validates
the codes against ICD-10. These count:

- `relationships` to a code set: a relation whose name or description has a phrase of
  `rules.code_set_phrases` (`icd10_codes`, `terminology__icd_10_cm`, `dim_diagnosis_codes`,
  "value set") and that holds no PHI. A relationship to the patient or encounter table
  proves the code was recorded, not that it is valid, and does not count;
- `accepted_values` or `expect_column_values_to_be_in_set` whose values are ICD-10 codes
  (`E11.9`, `I10`);
- a pattern test whose `regex` (or `regex_list`, `pattern`) looks like ICD-10: it starts with
  a letter class (`^[A-TV-Z][0-9]…`), as ICD-10 codes do;
- a generic test whose name matches `rules.code_validation_tests` (`*valid*icd*`:
  `is_valid_icd10_code`…).

A `not_null` or `unique` test whose name happens to contain `icd` validates nothing. The
code sets themselves (`dim_diagnosis_codes`) are the reference and are not checked.

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
    remedy: Remedy::EachNode("a code-validity test names its column", Judges::FlaggedOnly),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let validation = CodeValidation::new(ctx.rules);
    for node in ctx.nodes(&[Target::Model, Target::Snapshot]) {
        // A code set's codes are the reference the others are validated against.
        if ctx.clinical(node).diagnosis_codes.is_empty() || validation.is_code_set(ctx, node) {
            continue;
        }
        for &c in &ctx.clinical(node).diagnosis_codes {
            let validates = |t: &crate::model::Test, _: &crate::model::Node| validation.validates(ctx, t);
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
            "seed.p.icd10": {"resource_type": "seed", "name": "icd10"},
            "test.p.r": {"resource_type": "test", "name": "r", "attached_node": "model.p.d", "column_name": "icd10_code",
                         "depends_on": {"nodes": ["model.p.d", "seed.p.icd10"]},
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

    #[test]
    fn validity_needs_a_code_set_an_icd_pattern_or_a_validation_test() {
        let test = |id: &str, column: &str, name: &str, kwargs: &str, depends: &str| {
            format!(
                r#""test.p.{id}": {{"resource_type": "test", "name": "{id}_{column}", "attached_node": "model.p.dx", "column_name": "{column}",
                   "depends_on": {{"nodes": ["model.p.dx"{depends}]}},
                   "test_metadata": {{"name": "{name}", "kwargs": {{"column_name": "{column}"{kwargs}}}}}}}"#
            )
        };
        let tests = [
            test(
                "to_patients",
                "icd10_code",
                "relationships",
                r#", "to": "ref('patients')", "field": "patient_id""#,
                r#", "model.p.patients""#,
            ),
            test(
                "to_code_seed",
                "dx_code",
                "relationships",
                r#", "to": "ref('icd10_codes')", "field": "code""#,
                r#", "seed.p.icd10_codes""#,
            ),
            test(
                "to_terminology",
                "admit_dx_code",
                "relationships",
                r#", "to": "ref('terminology__icd_10_cm')", "field": "code""#,
                r#", "model.p.terminology__icd_10_cm""#,
            ),
            test(
                "icd_regex",
                "primary_icd10_code",
                "expect_column_values_to_match_regex",
                r#", "regex": "^[A-TV-Z][0-9][0-9AB](\\.?[0-9A-TV-Z]{1,4})?$""#,
                "",
            ),
            test(
                "digits_regex",
                "secondary_dx_code",
                "expect_column_values_to_match_regex",
                r#", "regex": "^[0-9]+$""#,
                "",
            ),
            test(
                "regex_list",
                "diagnosis_code_1",
                "expect_column_values_to_match_regex_list",
                r#", "regex_list": ["^[0-9]{3}$", "^[A-Z][0-9A-Z]{2,7}$"]"#,
                "",
            ),
            test(
                "icd_values",
                "discharge_dx_code",
                "accepted_values",
                r#", "values": ["E11.9", "I10", "J45.909"]"#,
                "",
            ),
            test("yes_no", "other_dx_code", "accepted_values", r#", "values": ["Y", "N"]"#, ""),
            test("not_null_icd", "icd_10_cm_code", "not_null", "", ""),
            test("macro", "billing_dx_code", "is_valid_icd10_code", "", ""),
        ]
        .join(",\n");
        let columns = [
            "icd10_code",
            "dx_code",
            "admit_dx_code",
            "primary_icd10_code",
            "secondary_dx_code",
            "diagnosis_code_1",
            "discharge_dx_code",
            "other_dx_code",
            "icd_10_cm_code",
            "billing_dx_code",
        ]
        .map(|c| format!(r#""{c}": {{"name": "{c}"}}"#))
        .join(", ");
        let manifest = format!(
            r#"{{"nodes": {{
            "model.p.dx": {{"resource_type": "model", "name": "diagnoses", "columns": {{{columns}}}}},
            "model.p.patients": {{"resource_type": "model", "name": "patients", "description": "Patients with their ICD-10 problem list.",
                "meta": {{"phi": true}}, "columns": {{"patient_id": {{"name": "patient_id"}}}}}},
            "model.p.terminology__icd_10_cm": {{"resource_type": "model", "name": "terminology__icd_10_cm",
                "columns": {{"code": {{"name": "code"}}, "icd_10_cm_code": {{"name": "icd_10_cm_code"}}}}}},
            "seed.p.icd10_codes": {{"resource_type": "seed", "name": "icd10_codes", "columns": {{"code": {{"name": "code"}}}}}},
            {tests}
        }}}}"#
        );
        insta::assert_debug_snapshot!(findings_of("TST004", &manifest, None), @r#"
        [
            "model.p.dx.icd10_code: diagnosis code column `icd10_code` of `diagnoses` has no ICD-10 validity test",
            "model.p.dx.icd_10_cm_code: diagnosis code column `icd_10_cm_code` of `diagnoses` has no ICD-10 validity test",
            "model.p.dx.other_dx_code: diagnosis code column `other_dx_code` of `diagnoses` has no ICD-10 validity test",
            "model.p.dx.secondary_dx_code: diagnosis code column `secondary_dx_code` of `diagnoses` has no ICD-10 validity test",
        ]
        "#);
    }
}

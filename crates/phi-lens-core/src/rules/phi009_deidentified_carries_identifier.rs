//! PHI009 `deidentified-carries-identifier`: a model declared de-identified that still carries an identifier.

use super::{Context, Emitter, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};
use crate::phi::PhiFact;

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Phi009,
    name: "deidentified-carries-identifier",
    family: Family::PhiGovernance,
    severity: Severity::Critical,
    targets: &[Target::Model, Target::Column],
    reads: &[],
    summary: "A model declared de-identified carries none of the 18 Safe Harbor identifiers.",
    doc: r#"
### What it checks
The model declares `deidentified: true` (with a method), yet one of its columns is declared
or detected as a Safe Harbor identifier: a full date (birth, admission, service), a ZIP code
or address, a name, an MRN or member id, a phone number…

With column lineage (compiled SQL in the manifest), the column need not be named after the
identifier: a column whose path from a raw identifier is not cleared by a transform Safe
Harbor allows (docs/safe-harbor.md §X6) is flagged too, and the finding gives that path, each
step with its transform (`source.….birth_date → stg.birth_date (copy) → mart.feature_d1 (copy)`).

### Why it matters
A de-identified data set is, by definition, not PHI: it is shared widely, with no BAA and no
access review. If it still holds a date of birth, it is PHI distributed as if it were not —
the de-identification claim is false and every copy is a potential breach.

### Example
```yaml
models:
  - name: mart_population_health
    config: {meta: {deidentified: true, deidentification_method: safe_harbor}}
    columns:
      - name: birth_date
```

### How to fix
Generalise or drop the identifier (`extract(year from birth_date) as birth_year`, with ages
over 89 top-coded; ZIP3 with restricted prefixes zeroed), or withdraw the de-identified claim
and govern the model as PHI.
"#,
    remedy: Remedy::Alone,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for f in &ctx.phi.facts {
        let PhiFact::DeidentifiedCarriesIdentifier { unique_id, column, category, path } = f else { continue };
        let Some(node) = ctx.scoped_node(unique_id) else { continue };
        let col = node.column(column);
        let what = category.map_or_else(|| "an identifier".to_string(), |c| format!("{} ({})", c.name(), c.letter()));
        // Column lineage: the path from the raw column, each step with its transform.
        let through = if path.is_empty() {
            String::new()
        } else {
            format!(", not cleared on its column path {}", crate::phi::path_text(path))
        };
        let column_name: crate::model::Text = column.as_str().into();
        out.emit(
            &node.unique_id,
            Some(col.map_or(&column_name, |c| &c.name)),
            format!("`{}` is declared de-identified but column `{column}` holds {what}{through}", node.name),
            "Generalise or drop the identifier (year instead of date, ZIP3, no names or ids), or withdraw the de-identified claim.".into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn flags_identifiers_in_deidentified_models() {
        let manifest = r#"{"nodes": {
            "model.p.patients": {"resource_type": "model", "name": "patients", "meta": {"phi": true},
                             "columns": {"patient_id": {"name": "patient_id"}, "birth_date": {"name": "birth_date"}}},
            "model.p.mart": {"resource_type": "model", "name": "mart_population_health",
                             "depends_on": {"nodes": ["model.p.patients"]},
                             "meta": {"deidentified": true, "deidentification_method": "safe_harbor"},
                             "columns": {"patient_key": {"name": "patient_key"}, "birth_date": {"name": "birth_date"},
                                         "birth_year": {"name": "birth_year"}}}
        }}"#;
        // A full date of birth, a birth year that is not top-coded (it reveals ages over 89) and a
        // patient key are all identifiers; a de-identified mart may keep none of them.
        insta::assert_debug_snapshot!(findings_of("PHI009", manifest, None), @r#"
        [
            "model.p.mart.birth_date: `mart_population_health` is declared de-identified but column `birth_date` holds dates related to an individual, ages over 89 (C)",
            "model.p.mart.birth_year: `mart_population_health` is declared de-identified but column `birth_year` holds dates related to an individual, ages over 89 (C)",
            "model.p.mart.patient_key: `mart_population_health` is declared de-identified but column `patient_key` holds other unique identifying numbers (R)",
        ]
        "#);
    }
}

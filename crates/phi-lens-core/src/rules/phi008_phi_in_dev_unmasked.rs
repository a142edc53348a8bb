//! PHI008 `phi-in-dev-unmasked`: PHI materialised in a development database or schema without masking.

use super::{Context, Emitter, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};
use crate::phi::PhiFact;

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Phi008,
    name: "phi-in-dev-unmasked",
    family: Family::PhiGovernance,
    severity: Severity::Critical,
    targets: &[Target::Model, Target::Snapshot, Target::Seed],
    reads: &[],
    summary: "PHI is never materialised in a development database or schema with a PHI column unmasked.",
    doc: r#"
### What it checks
A node that holds PHI is materialised in a database or schema that matches the policy's
development patterns (`[schemas].dev`: `dev`, `dev_*`, `*_dev`, `sandbox`, `scratch`,
`dbt_<user>`…) and one of its PHI columns is not masked. Masking one column does not protect
the others: the finding names every PHI column left unmasked. A column is masked when

- its meta declares masking (`[declared].masking_keys`: `masking`, `masking_policy` as
  dbt_snow_mask writes it, `mask`…);
- its adapter masks it: BigQuery `policy_tags`, Databricks `column_mask`;
- a post-hook whose words contain a phrase of `rules.masking_hook_patterns` (`mask`,
  `masking`: `{{ apply_masking_policy(…) }}`, `alter … set masking policy`, Databricks'
  `set mask`) names it. A masking hook that names none of the node's columns masks them all,
  unless some of its columns declare their own masking: then the hook applies those
  declarations (as `dbt_snow_mask.apply_masking_policy` applies `meta.masking_policy`) and
  the undeclared columns stay unmasked.

A node that holds PHI without any PHI column (declared PHI as a whole) is flagged when it
masks nothing at all.

### Why it matters
Development schemas have the widest grants, the weakest monitoring and the longest-lived
copies; engineers' personal schemas are rarely in scope of access reviews. Unmasked PHI there
is a reportable exposure waiting to happen, and the HIPAA minimum-necessary standard does not
have a development exemption.

### Example
```sql
{{ config(schema='dev_scratch', materialized='table') }}
select patient_id, ssn, first_name, birth_date from {{ ref('stg_ehr__patients') }}
```

### How to fix
Mask identifiers in development (`meta.masking` with a masking macro that hashes or redacts
when `target.name != 'prod'`), use synthetic data, or keep the model out of development
targets (`+enabled: "{{ target.name == 'prod' }}"`).
"#,
    remedy: Remedy::Alone,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let hook_phrases = super::phrases::phrases(&ctx.rules.masking_hook_patterns);
    for f in &ctx.phi.facts {
        let PhiFact::PhiInDevSchema { unique_id, location, pattern, unmasked } = f else { continue };
        let Some(node) = ctx.scoped_node(unique_id) else { continue };
        let mut unmasked: Vec<&str> = unmasked.iter().map(String::as_str).collect();
        if let Some(named) = super::access::masking_hook_columns(node, &hook_phrases) {
            let declares_masking = ctx.phi_of(node).is_some_and(|phi| phi.columns.iter().any(|c| c.masking.is_some()));
            if named.is_empty() && !declares_masking {
                continue;
            }
            unmasked.retain(|c| !named.iter().any(|n| n.eq_ignore_ascii_case(c)));
            if unmasked.is_empty() {
                continue;
            }
        }
        let what = if unmasked.is_empty() {
            "no masked column".to_string()
        } else {
            let list = unmasked.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
            format!("PHI columns unmasked: {list}")
        };
        out.emit(
            &node.unique_id,
            None,
            format!(
                "`{}` holds PHI and is materialised in `{location}` (matches the development pattern `{pattern}`) with {what}",
                node.name
            ),
            "Mask every PHI column in development (meta.masking + a masking macro, or the adapter's masking), use synthetic data, or disable it outside production.".into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn flags_unmasked_phi_in_dev() {
        let manifest = r#"{"nodes": {
            "model.p.scratch": {"resource_type": "model", "name": "scratch", "schema": "dev_scratch", "meta": {"phi": true},
                                "columns": {"ssn": {"name": "ssn"}}},
            "model.p.masked": {"resource_type": "model", "name": "masked", "schema": "dev_scratch", "meta": {"phi": true},
                                "columns": {"ssn": {"name": "ssn", "meta": {"phi_category": "ssn", "masking": "sha256"}}}}
        }}"#;
        let found = findings_of("PHI008", manifest, None);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].starts_with("model.p.scratch: `scratch` holds PHI and is materialised in"), "{found:#?}");
    }

    #[test]
    fn every_phi_column_is_masked_by_meta_adapter_config_or_hook() {
        let phi = |name: &str, category: &str| {
            format!(r#""{name}": {{"name": "{name}", "meta": {{"phi_category": "{category}"}}}}"#)
        };
        let patient =
            [phi("ssn", "ssn"), phi("mrn", "mrn"), phi("first_name", "name"), phi("phone", "phone")].join(", ");
        let manifest = format!(
            r#"{{"nodes": {{
            "model.p.one_masked": {{"resource_type": "model", "name": "one_masked", "schema": "dev_scratch", "meta": {{"phi": true}},
                "columns": {{"birth_date": {{"name": "birth_date", "meta": {{"phi_category": "date", "masking": "year_only"}}}}, {patient},
                            "visit_count": {{"name": "visit_count", "meta": {{"phi": false}}}}}}}},
            "model.p.adapter": {{"resource_type": "model", "name": "adapter", "schema": "dev_scratch", "meta": {{"phi": true}},
                "columns": {{"ssn": {{"name": "ssn", "meta": {{"phi_category": "ssn"}}, "policy_tags": ["projects/p/locations/us/taxonomies/1/policyTags/2"]}},
                            "mrn": {{"name": "mrn", "meta": {{"phi_category": "mrn"}}, "column_mask": {{"function": "mask_mrn"}}}}}}}},
            "model.p.hook_names_columns": {{"resource_type": "model", "name": "hook_names_columns", "schema": "dev_scratch", "meta": {{"phi": true}},
                "config": {{"post-hook": ["{{{{ apply_masking_policy(columns=['ssn', 'mrn', 'first_name', 'phone']) }}}}"]}},
                "columns": {{{patient}}}}},
            "model.p.hook_masks_one": {{"resource_type": "model", "name": "hook_masks_one", "schema": "dev_scratch", "meta": {{"phi": true}},
                "config": {{"post-hook": ["alter table {{{{ this }}}} modify column ssn set masking policy ssn_mask"]}},
                "columns": {{{patient}}}}},
            "model.p.snow_mask": {{"resource_type": "model", "name": "snow_mask", "schema": "dev_scratch", "meta": {{"phi": true}},
                "config": {{"post-hook": ["{{{{ dbt_snow_mask.apply_masking_policy('models') }}}}"]}},
                "columns": {{"ssn": {{"name": "ssn", "meta": {{"phi_category": "ssn", "masking_policy": "mp_ssn"}}}},
                            "first_name": {{"name": "first_name", "meta": {{"phi_category": "name"}}}}}}}},
            "model.p.whole_node": {{"resource_type": "model", "name": "whole_node", "schema": "dev_scratch", "meta": {{"phi": true}},
                "config": {{"post-hook": ["{{{{ mask_phi_in_development() }}}}"]}},
                "columns": {{{patient}}}}}
        }}}}"#
        );
        insta::assert_debug_snapshot!(findings_of("PHI008", &manifest, None), @r#"
        [
            "model.p.hook_masks_one: `hook_masks_one` holds PHI and is materialised in `dev_scratch` (matches the development pattern `dev_*`) with PHI columns unmasked: `mrn`, `first_name`, `phone`",
            "model.p.one_masked: `one_masked` holds PHI and is materialised in `dev_scratch` (matches the development pattern `dev_*`) with PHI columns unmasked: `ssn`, `mrn`, `first_name`, `phone`",
            "model.p.snow_mask: `snow_mask` holds PHI and is materialised in `dev_scratch` (matches the development pattern `dev_*`) with PHI columns unmasked: `first_name`",
        ]
        "#);
    }
}

//! PHI008 `phi-in-dev-unmasked`: PHI materialised in a development database or schema without masking.

use super::{Context, Emitter, RuleDef};
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
    summary: "PHI is never materialised in a development database or schema without masking.",
    doc: r#"
### What it checks
A node that holds PHI is materialised in a database or schema that matches the policy's
development patterns (`[schemas].dev`: `dev`, `dev_*`, `*_dev`, `sandbox`, `scratch`,
`dbt_<user>`…) and none of its columns declares masking (`meta.masking`,
`masking_policy`).

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
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for f in &ctx.phi.facts {
        let PhiFact::PhiInDevSchema { unique_id, location, pattern } = f else { continue };
        let Some(node) = ctx.scoped_node(unique_id) else { continue };
        out.emit(
            &node.unique_id,
            None,
            format!(
                "`{}` holds PHI and is materialised in `{location}` (matches the development pattern `{pattern}`) with no masked column",
                node.name
            ),
            "Mask its identifiers in development (meta.masking + a masking macro), use synthetic data, or disable it outside production.".into(),
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
}

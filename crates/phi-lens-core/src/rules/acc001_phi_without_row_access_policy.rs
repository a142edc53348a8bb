//! ACC001 `phi-without-row-access-policy`: a PHI model with no documented row-level-security policy.

use super::{ConfigFix, Context, Emitter, Judges, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Acc001,
    name: "phi-without-row-access-policy",
    family: Family::AccessControl,
    severity: Severity::High,
    targets: &[Target::Model, Target::Snapshot],
    reads: &[],
    summary: "Models that hold PHI apply a row-level-security policy: in meta, an adapter config or a post-hook.",
    doc: r#"
### What it checks
A model or snapshot that holds PHI (declared, detected or inherited) and is materialised
(not ephemeral) applies row-level security in none of these ways:

- a meta key from `rules.row_access_keys` (`row_access_policy`, `row_level_security`,
  `rls_policy`…);
- its adapter's own config: dbt-snowflake's `row_access_policy`, dbt-databricks'
  `row_filter`;
- a post-hook whose words contain a phrase of `rules.row_access_hook_patterns`
  (`{{ apply_row_access_policy(…) }}`, `alter table … add row access policy`, Databricks'
  `set row filter`, Postgres' `create policy`, a word `rls`). A hook is read for what it does:
  `alter table … cluster by` applies no policy, and `refresh_urls` does not say `rls`;
- `grants` to named roles only, none of them broad (`rules.broad_roles`, the roles ACC002
  reports): a table-level control the manifest documents, `select: [care_team]`. A grant
  to a broad role is no control (ACC002 reports it, and this rule still does).

The finding is **high** when others read the model (it grants to a broad role, or feeds an
exposure) and **medium** otherwise (no grants: who reads it is whatever the warehouse's
schema-level or future grants give, which the manifest does not show).

### Why it matters
HIPAA's minimum-necessary standard means a care manager sees their panel, not every patient.
Row-level security is how a warehouse enforces that; documenting it on the model is how an
auditor verifies it without reading warehouse DDL.

### Example
```yaml
models:
  - name: rpt_readmissions_worklist
    config: {meta: {phi: true}}
```

### How to fix
```yaml
    config:
      meta: {row_access_policy: care_team_panel}
      post_hook: "{{ apply_row_access_policy('care_team_panel') }}"
      # or the adapter's own: row_access_policy: "care_team_panel on (patient_id)" (Snowflake),
      # row_filter: {function: care_team_panel, columns: [patient_id]} (Databricks)
```
"#,
    remedy: Remedy::Config(ConfigFix::RowAccess, Judges::PhiNodes),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let hook_phrases = super::phrases::phrases(&ctx.rules.row_access_hook_patterns);
    for node in ctx.nodes(RULE.targets) {
        if node.materialized.as_deref().is_some_and(|m| m.eq_ignore_ascii_case("ephemeral")) {
            continue;
        }
        let Some(phi) = ctx.phi_of(node) else { continue };
        if !phi.status.is_phi() {
            continue;
        }
        let controlled = super::access::applies_row_access(node, ctx.rules, &hook_phrases)
            || super::access::narrow_grantees(node, ctx.rules).is_some();
        if !controlled {
            // Readers beyond the owner: explicit grants, or a dashboard or extract downstream.
            let read_by_others = !node.grants.is_empty() || ctx.feeds_exposure(node);
            let severity = if read_by_others { out.severity() } else { Severity::Medium.min(out.severity()) };
            let why = if read_by_others {
                ""
            } else {
                " (no grants or exposures: read by its owner role only, as far as the manifest shows)"
            };
            out.emit_at(
                severity,
                &node.unique_id,
                None,
                format!(
                    "`{}` holds PHI but documents no access control: no row-level-security policy (meta, adapter config or post-hook) and no grants limited to named roles{why}",
                    node.name
                ),
                "Apply a row access policy (post-hook) and document it in `meta.row_access_policy`, or grant `select` to the roles that need it only.".into(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn accepts_meta_or_post_hook() {
        let manifest = r#"{"nodes": {
            "model.p.a": {"resource_type": "model", "name": "a", "meta": {"phi": true}},
            "model.p.b": {"resource_type": "model", "name": "b", "meta": {"phi": true, "row_access_policy": "panel"}},
            "model.p.c": {"resource_type": "model", "name": "c", "meta": {"phi": true},
                          "config": {"post-hook": [{"sql": "alter table x add row access policy p on (patient_id)"}]}},
            "model.p.d": {"resource_type": "model", "name": "d", "meta": {"phi": true}, "config": {"materialized": "ephemeral"}}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("ACC001", manifest, None), @r#"
        [
            "model.p.a: `a` holds PHI but documents no access control: no row-level-security policy (meta, adapter config or post-hook) and no grants limited to named roles (no grants or exposures: read by its owner role only, as far as the manifest shows)",
        ]
        "#);
    }

    #[test]
    fn grants_to_named_roles_only_are_an_access_control() {
        // Grants to clinical roles document who reads the table; a grant that includes a
        // broad role does not, whatever else it names.
        let manifest = r#"{"nodes": {
            "model.p.narrow": {"resource_type": "model", "name": "narrow", "meta": {"phi": true},
                          "config": {"grants": {"select": ["care_managers", "payer_sftp_service"]}}},
            "model.p.broad": {"resource_type": "model", "name": "broad", "meta": {"phi": true},
                          "config": {"grants": {"select": ["care_managers", "all_analysts"]}}},
            "model.p.empty": {"resource_type": "model", "name": "empty", "meta": {"phi": true},
                          "config": {"grants": {"select": []}}}
        }}"#;
        let found = findings_of("ACC001", manifest, None);
        assert!(found.iter().all(|f| !f.starts_with("model.p.narrow:")), "{found:#?}");
        assert!(found.iter().any(|f| f.starts_with("model.p.broad:")), "{found:#?}");
        assert!(found.iter().any(|f| f.starts_with("model.p.empty:")), "{found:#?}");
    }

    #[test]
    fn reads_adapter_configs_and_hooks_by_what_they_do() {
        // Snowflake's `row_access_policy` and Databricks' `row_filter` configs, and a Databricks
        // `set row filter` hook, apply row-level security; an `alter table` that clusters the
        // table, or a hook whose name merely contains the letters `rls`, does not.
        let manifest = r#"{"nodes": {
            "model.p.snowflake": {"resource_type": "model", "name": "snowflake", "meta": {"phi": true},
                          "config": {"row_access_policy": "governance.policies.care_team on (patient_id)"}},
            "model.p.databricks": {"resource_type": "model", "name": "databricks", "meta": {"phi": true},
                          "config": {"row_filter": {"function": "care_team_filter", "columns": ["patient_id"]}}},
            "model.p.filter_hook": {"resource_type": "model", "name": "filter_hook", "meta": {"phi": true},
                          "config": {"post-hook": ["ALTER TABLE {{ this }} SET ROW FILTER care_team_filter ON (patient_id)"]}},
            "model.p.gitlab": {"resource_type": "model", "name": "gitlab", "meta": {"phi": true, "rls_policy": "care_team"}},
            "model.p.clustered": {"resource_type": "model", "name": "clustered", "meta": {"phi": true},
                          "config": {"post-hook": ["alter table {{ this }} cluster by (patient_id)"]}},
            "model.p.urls": {"resource_type": "model", "name": "urls", "meta": {"phi": true},
                          "config": {"post-hook": ["{{ refresh_portal_urls() }}"]}}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("ACC001", manifest, None), @r#"
        [
            "model.p.clustered: `clustered` holds PHI but documents no access control: no row-level-security policy (meta, adapter config or post-hook) and no grants limited to named roles (no grants or exposures: read by its owner role only, as far as the manifest shows)",
            "model.p.urls: `urls` holds PHI but documents no access control: no row-level-security policy (meta, adapter config or post-hook) and no grants limited to named roles (no grants or exposures: read by its owner role only, as far as the manifest shows)",
        ]
        "#);
    }
}

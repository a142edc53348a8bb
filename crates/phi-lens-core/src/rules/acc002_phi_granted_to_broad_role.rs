//! ACC002 `phi-granted-to-broad-role`: a PHI model granted to a broad role such as `public`.

use super::{Context, Emitter, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Acc002,
    name: "phi-granted-to-broad-role",
    family: Family::AccessControl,
    severity: Severity::Critical,
    targets: &[Target::Model, Target::Snapshot, Target::Seed, Target::Source],
    reads: &[],
    summary: "Models that hold PHI are never granted to broad roles (`public`, all analysts…).",
    doc: r#"
### What it checks
A resource that holds PHI has a `grants` entry (any privilege) to a broad role. Roles are
compared by their words, case-insensitively, a plural `s` dropped and the words of
`rules.role_noise_words` (`all`, `role`, `group`, `team`, `users`…) left out: a role is broad
when what remains is a role of `rules.broad_roles` (default `public`, `everyone`,
`all_users`, `all_authenticated_users`, `account_users`, `analyst`, `reporter`,
`reporting`). So `ANALYSTS`, `all_analysts`, `analyst_role`, `PUBLIC`, `allUsers` and
`group:analysts@example.com` are broad; `clinical_analyst`, `care_management` and
`payer_sftp_service` name who they are for and are not.

### Why it matters
A grant to `public` makes PHI readable by every account in the warehouse, including service
accounts and contractors. It defeats the PHI schema, row-level security and masking at once,
and is the first thing an access review looks for.

### Example
```yaml
models:
  - name: rpt_readmissions_worklist
    config:
      grants: {select: [care_managers, public]}
```

### How to fix
Grant to the specific clinical roles that need it, and let everyone else read a
de-identified mart:
```yaml
      grants: {select: [care_managers]}
```
"#,
    remedy: Remedy::Alone,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for node in ctx.nodes(RULE.targets) {
        let Some(phi) = ctx.phi_of(node) else { continue };
        if !phi.status.is_phi() {
            continue;
        }
        for (privilege, roles) in &node.grants {
            let broad: Vec<&String> = roles.iter().filter(|r| ctx.rules.is_broad_role(r)).collect();
            if !broad.is_empty() {
                let list = broad.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(", ");
                out.emit(
                    &node.unique_id,
                    None,
                    format!("`{}` holds PHI and grants `{privilege}` to broad role {list}", node.name),
                    "Grant only to the clinical roles that need it; give everyone else a de-identified mart.".into(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn flags_public_grants_on_phi() {
        let manifest = r#"{"nodes": {
            "model.p.a": {"resource_type": "model", "name": "a", "meta": {"phi": true},
                          "config": {"grants": {"select": ["care_managers", "public"]}}},
            "model.p.b": {"resource_type": "model", "name": "b", "meta": {"phi": false},
                          "config": {"grants": {"select": "public"}}}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("ACC002", manifest, None), @r#"
        [
            "model.p.a: `a` holds PHI and grants `select` to broad role `public`",
        ]
        "#);
    }

    #[test]
    fn matches_broad_roles_by_their_words() {
        let manifest = r#"{"nodes": {
            "model.p.a": {"resource_type": "model", "name": "a", "meta": {"phi": true},
                          "config": {"grants": {"select": ["ANALYSTS", "all_analysts", "analyst_role", "Public", "EVERYONE",
                                                           "clinical_analyst", "care_management", "payer_sftp_service",
                                                           "allUsers", "group:analysts@example.com"]}}}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("ACC002", manifest, None), @r#"
        [
            "model.p.a: `a` holds PHI and grants `select` to broad role `ANALYSTS`, `EVERYONE`, `Public`, `allUsers`, `all_analysts`, `analyst_role`, `group:analysts@example.com`",
        ]
        "#);
    }
}

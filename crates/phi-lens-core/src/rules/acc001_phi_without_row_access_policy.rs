//! ACC001 `phi-without-row-access-policy`: a PHI model with no documented row-level-security policy.

use super::{Context, Emitter, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Acc001,
    name: "phi-without-row-access-policy",
    family: Family::AccessControl,
    severity: Severity::High,
    targets: &[Target::Model, Target::Snapshot],
    reads: &[],
    summary: "Models that hold PHI document a row-level-security policy, in meta or as a post-hook.",
    doc: r#"
### What it checks
A model or snapshot that holds PHI (declared, detected or inherited) and is materialised
(not ephemeral) has neither a meta key from `rules.row_access_keys` (`row_access_policy`,
`row_level_security`, `rls`…) nor a post-hook matching `rules.row_access_hook_patterns`
(`row access policy`, `create policy`…). The finding is **high** when others read the model
(it has `grants`, or feeds an exposure) and **medium** otherwise.

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
```
"#,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let p = ctx.rules;
    for node in ctx.nodes(RULE.targets) {
        if node.materialized.as_deref().is_some_and(|m| m.eq_ignore_ascii_case("ephemeral")) {
            continue;
        }
        let Some(phi) = ctx.phi_of(node) else { continue };
        if !phi.status.is_phi() {
            continue;
        }
        let in_meta = p.row_access_keys.iter().any(|k| node.meta.get(k).is_some_and(|v| !v.is_empty()));
        let in_hooks = node.post_hooks.iter().any(|h| {
            let h = h.to_lowercase();
            p.row_access_hook_patterns.iter().any(|pat| h.contains(&pat.to_lowercase()))
        });
        if !in_meta && !in_hooks {
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
                    "`{}` holds PHI but documents no row-level-security policy (meta or post-hook){why}",
                    node.name
                ),
                "Apply a row access policy (post-hook) and document it in `meta.row_access_policy`.".into(),
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
            "model.p.a: `a` holds PHI but documents no row-level-security policy (meta or post-hook) (no grants or exposures: read by its owner role only, as far as the manifest shows)",
        ]
        "#);
    }
}

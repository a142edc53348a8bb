//! Access controls as a node applies them: row-level security and masking, read from meta
//! keys, the adapters' own configs and post-hooks (through the `[rules]` conventions), and
//! which of the node's columns a masking hook names.

use super::phrases::{names_identifier, Phrase, Words};
use crate::model::Node;
use crate::policy::RulesConfig;

/// The adapter configs that attach a row-level-security policy: dbt-snowflake's
/// `row_access_policy`, dbt-databricks' `row_filter` (what the loader keeps in
/// [`Node::access_config`]).
const ROW_ACCESS_CONFIGS: [&str; 2] = ["row_access_policy", "row_filter"];

/// Whether a node applies row-level security: a meta key of `rules.row_access_keys`, an
/// adapter config, or a post-hook with a phrase of `hook_phrases`
/// (`rules.row_access_hook_patterns`, read once by the caller).
pub(crate) fn applies_row_access(node: &Node, rules: &RulesConfig, hook_phrases: &[Phrase]) -> bool {
    rules.row_access_keys.iter().any(|k| node.meta.get(k).is_some_and(|v| !v.is_empty()))
        || ROW_ACCESS_CONFIGS.iter().any(|k| node.access_config.get(k).is_some())
        || node.post_hooks.iter().any(|h| Words::of(h).contains_any(hook_phrases))
}

/// The roles a node grants any privilege to, when it grants some and every one of them is
/// narrow (no role of `rules.broad_roles`): `None` when it grants nothing or grants to a
/// broad role. Grants to named roles only are a documented table-level access control.
pub(crate) fn narrow_grantees<'n>(node: &'n Node, rules: &RulesConfig) -> Option<Vec<&'n str>> {
    let mut roles: Vec<&str> = node.grants.values().flatten().map(String::as_str).collect();
    roles.sort_unstable();
    roles.dedup();
    let narrow = !roles.is_empty() && roles.iter().all(|r| !r.trim().is_empty() && !rules.is_broad_role(r));
    narrow.then_some(roles)
}

/// What a node's masking post-hooks (`rules.masking_hook_patterns`, read once by the
/// caller as `phrases`) mask: `None` when it has none, else the names of the node's columns
/// the hooks name (empty when they name none of them).
pub(crate) fn masking_hook_columns<'n>(node: &'n Node, phrases: &[Phrase]) -> Option<Vec<&'n str>> {
    let hooks: Vec<&String> = node.post_hooks.iter().filter(|h| Words::of(h).contains_any(phrases)).collect();
    if hooks.is_empty() {
        return None;
    }
    Some(
        node.columns
            .iter()
            .map(|c| c.name.as_ref())
            .filter(|name| hooks.iter().any(|h| names_identifier(h, name)))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::phrases::phrases;

    #[test]
    fn row_access_hooks_are_read_by_their_words() {
        let rules = RulesConfig::default();
        let hooks = phrases(&rules.row_access_hook_patterns);
        let mut node =
            crate::rules::testing::project(r#"{"nodes": {"model.p.a": {"resource_type": "model", "name": "a"}}}"#)
                .nodes
                .remove(0);
        let mut applies = |hook: &str| {
            node.post_hooks = vec![hook.to_string()];
            applies_row_access(&node, &rules, &hooks)
        };
        assert!(applies("{{ apply_row_access_policy('care_team', 'patient_id') }}"));
        assert!(applies("alter table {{ this }} add row access policy p on (patient_id)"));
        assert!(applies("ALTER TABLE {{ this }} SET ROW FILTER f ON (patient_id)"));
        assert!(applies("create policy care_team on {{ this }} using (team = current_user)"));
        assert!(!applies("alter table {{ this }} cluster by (patient_id)"));
        assert!(!applies("{{ refresh_portal_urls() }}"));
    }
}

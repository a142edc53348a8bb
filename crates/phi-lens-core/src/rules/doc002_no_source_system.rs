//! DOC002 `no-source-system`: a described model or source that does not say which system its data comes from.

use super::{Context, Emitter, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Doc002,
    name: "no-source-system",
    family: Family::Documentation,
    severity: Severity::Low,
    targets: &[Target::Model, Target::Source],
    reads: &[],
    summary: "A model or source names its source system, in meta (`source_system`) or in its description.",
    doc: r#"
### What it checks
Neither a meta key from `rules.source_system_keys` (default `source_system`, `source`,
`system_of_record`…) nor a phrase from `rules.source_system_phrases` ("Source system:",
"system of record", "extracted from"…) appears on the model or source. Resources without any
description are left to DOC001.

### Why it matters
HIPAA's accounting of disclosures and any breach investigation start from "which system did
this PHI come from?". Lineage inside dbt stops at the source; the system of record (Epic,
Cerner, a clearinghouse feed) must be written down where auditors read.

### Example
```yaml
models:
  - name: stg_ehr__encounters
    description: Encounters, one row per visit.
```

### How to fix
```yaml
    description: "Encounters, one row per visit. Source system: Epic Clarity PAT_ENC."
    meta:
      source_system: epic_clarity
```
"#,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let p = ctx.rules;
    let phrases = super::doc001_description_missing::lowercase(&p.source_system_phrases);
    for node in ctx.nodes(RULE.targets) {
        if super::doc001_description_missing::description_problem(ctx, &node.description).is_some() {
            continue;
        }
        let text = format!("{} {}", node.description, node.source_description.as_deref().unwrap_or(""));
        if !super::doc001_description_missing::documented_by(node, &p.source_system_keys, &phrases, &text) {
            out.emit(
                &node.unique_id,
                None,
                format!("{} `{}` does not name its source system", node.resource_type.as_str(), node.name),
                "Add `meta.source_system` or a \"Source system: …\" sentence to the description.".into(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn accepts_meta_or_phrase_and_skips_undescribed() {
        let manifest = r#"{"nodes": {
            "model.p.a": {"resource_type": "model", "name": "a", "description": "One row per encounter, all settings."},
            "model.p.b": {"resource_type": "model", "name": "b", "description": "One row per encounter. Source system: Epic Clarity."},
            "model.p.c": {"resource_type": "model", "name": "c", "description": "One row per encounter, all settings.", "meta": {"source_system": "cerner"}},
            "model.p.d": {"resource_type": "model", "name": "d", "description": ""}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("DOC002", manifest, None), @r#"
        [
            "model.p.a: model `a` does not name its source system",
        ]
        "#);
    }
}

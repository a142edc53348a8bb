//! DOC001 `description-missing`: a model, source, seed or snapshot without a meaningful description.

use super::{Context, Emitter, Judges, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Doc001,
    name: "description-missing",
    family: Family::Documentation,
    severity: Severity::Medium,
    targets: &[Target::Model, Target::Source, Target::Seed, Target::Snapshot],
    reads: &[],
    summary: "Every model, source, seed and snapshot says what it is: a description that is present, not a placeholder, and long enough to mean something.",
    doc: r#"
### What it checks
The resource's `description` is empty, is a placeholder (`TODO`, `TBD`, `n/a`…, configurable as
`rules.placeholder_descriptions`), or is shorter than `rules.min_description_length` characters
(default 20).

### Why it matters
In a healthcare project the dbt docs site is audit evidence: a reviewer deciding who may read a
table, or whether a dashboard may show it, starts from what the table *is*. An undocumented
relation cannot be reviewed, and PHI hides best in tables nobody described.

### Example
```yaml
models:
  - name: int_claims_line_rollup
    description: TODO
```

### How to fix
Write what one row is, where the data comes from and what it must not be used for:
```yaml
    description: >
      One row per adjudicated claim line, rolled up from the payer 837 feed.
      Source system: Availity clearinghouse. Known limitations: excludes pharmacy claims.
```
"#,
    remedy: Remedy::EachNode("a description says what each model is: no config writes it for a folder", Judges::Targets),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for node in ctx.nodes(RULE.targets) {
        if let Some(problem) = description_problem(ctx, &node.description) {
            let kind = node.resource_type.as_str();
            out.emit(
                &node.unique_id,
                None,
                format!("{kind} `{}` {problem}", node.name),
                format!("Describe the {kind}: what one row is, its source system and its known limitations."),
            );
        }
    }
}

/// Why a description is not meaningful, or `None` when it is.
pub(crate) fn description_problem(ctx: &Context<'_>, description: &str) -> Option<String> {
    let d = description.trim();
    let policy = ctx.rules;
    if d.is_empty() {
        Some("has no description".into())
    } else if policy.placeholder_descriptions.iter().any(|p| p.eq_ignore_ascii_case(d)) {
        Some(format!("has a placeholder description (`{d}`)"))
    } else if d.chars().count() < policy.min_description_length {
        Some(format!(
            "has a description too short to mean anything ({} characters, fewer than {})",
            d.chars().count(),
            policy.min_description_length
        ))
    } else {
        None
    }
}

/// Whether a node documents something (its source system, its limitations) either under one
/// of `keys` in meta, or with one of `phrases` (read once, see [`super::phrases::phrases`]) in
/// `text`, read into `words` (kept by the caller from one node to the next).
pub(crate) fn documented_by(
    node: &crate::model::Node,
    keys: &[String],
    phrases: &[super::phrases::Phrase],
    text: &str,
    words: &mut super::phrases::Words,
) -> bool {
    keys.iter().any(|k| node.meta.get(k).is_some_and(|v| !v.is_empty()))
        || !text.trim().is_empty() && words.read(text).contains_any(phrases)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn flags_empty_placeholder_and_short_descriptions_only() {
        let manifest = r#"{"nodes": {
            "model.p.a": {"resource_type": "model", "name": "a", "description": ""},
            "model.p.b": {"resource_type": "model", "name": "b", "description": " TODO "},
            "model.p.c": {"resource_type": "model", "name": "c", "description": "Patients."},
            "model.p.d": {"resource_type": "model", "name": "d", "description": "One row per patient, from Epic Clarity."},
            "test.p.t": {"resource_type": "test", "name": "t", "description": ""}
        }, "sources": {"source.p.s.t": {"name": "t", "source_name": "s", "description": ""}}}"#;
        insta::assert_debug_snapshot!(findings_of("DOC001", manifest, None), @r#"
        [
            "model.p.a: model `a` has no description",
            "model.p.b: model `b` has a placeholder description (`TODO`)",
            "model.p.c: model `c` has a description too short to mean anything (9 characters, fewer than 20)",
            "source.p.s.t: source `t` has no description",
        ]
        "#);
    }
}

//! DOC003 `no-known-limitations`: a described model that does not document its known limitations.

use super::{Context, Emitter, Judges, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Doc003,
    name: "no-known-limitations",
    family: Family::Documentation,
    severity: Severity::Low,
    targets: &[Target::Model],
    reads: &[],
    summary: "A model documents its known limitations, in meta (`limitations`) or in its description.",
    doc: r#"
### What it checks
Neither a meta key from `rules.limitations_keys` (default `limitations`, `known_limitations`,
`caveats`, `known_issues`) nor a phrase from `rules.limitations_phrases` appears on the
model. Phrases are matched on words, so they read a limitation however it is worded: "Known
limitations", "caveat", "known issue", "does not include" / "doesn't include", "excludes" /
"excluding", "only … are included", "not handled yet", "not yet supported", "assumes…",
"incomplete". Models without any description are left to DOC001.

### Why it matters
Clinical metrics mislead quietly: a readmission rate that excludes transfers, a lab table that
lags a day. Documented limitations are what keeps a quality dashboard honest and what a
reviewer checks before approving a new use of the data.

### Example
```yaml
models:
  - name: fct_readmissions_30d
    description: Thirty-day readmissions per index discharge.
```

### How to fix
```yaml
    description: >
      Thirty-day readmissions per index discharge. Known limitations: readmissions to
      other hospitals are not captured; planned readmissions are not excluded yet.
```
"#,
    remedy: Remedy::EachNode(
        "each model has its own limitations: a folder-wide sentence would say nothing",
        Judges::DescribedTargets,
    ),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let p = ctx.rules;
    let phrases = super::phrases::phrases(&p.limitations_phrases);
    let mut words = super::phrases::Words::default();
    for node in ctx.nodes(RULE.targets) {
        if super::doc001_description_missing::description_problem(ctx, &node.description).is_some() {
            continue;
        }
        if !super::doc001_description_missing::documented_by(
            node,
            &p.limitations_keys,
            &phrases,
            &node.description,
            &mut words,
        ) {
            out.emit(
                &node.unique_id,
                None,
                format!("model `{}` does not document its known limitations", node.name),
                "Add `meta.known_limitations` or a \"Known limitations: …\" section to the description.".into(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn accepts_meta_or_heading() {
        let manifest = r#"{"nodes": {
            "model.p.a": {"resource_type": "model", "name": "a", "description": "One row per encounter, all settings."},
            "model.p.b": {"resource_type": "model", "name": "b", "description": "One row per encounter.\n\n**Known limitations:** lags a day."},
            "model.p.c": {"resource_type": "model", "name": "c", "description": "One row per encounter, all settings.", "config": {"meta": {"known_limitations": "lags a day"}}}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("DOC003", manifest, None), @r#"
        [
            "model.p.a: model `a` does not document its known limitations",
        ]
        "#);
    }

    #[test]
    fn reads_limitations_by_meaning() {
        let model = |id: &str, description: &str| {
            format!(r#""model.p.{id}": {{"resource_type": "model", "name": "{id}", "description": "{description}"}}"#)
        };
        let models = [
            model("payments", "Payments per claim. Refunds are not handled yet."),
            model("claim_lines", "Claim lines, excluding denied claims and reversals."),
            model("encounters", "One row per encounter. Only finalized encounters are included."),
            model("risk", "Risk scores per member. Assumes continuous enrollment through the year."),
            model("labs", "Lab results per component. Point-of-care tests are not yet supported."),
            model("medications", "Medication orders per encounter; doesn't include OTC medications."),
            model("patients", "Patients, one row per patient, from every registration system."),
            model("readmissions", "Readmissions within thirty days, by index stay and payer."),
        ]
        .join(",\n");
        let manifest = format!(r#"{{"nodes": {{{models}}}}}"#);
        insta::assert_debug_snapshot!(findings_of("DOC003", &manifest, None), @r#"
        [
            "model.p.patients: model `patients` does not document its known limitations",
            "model.p.readmissions: model `readmissions` does not document its known limitations",
        ]
        "#);
    }
}

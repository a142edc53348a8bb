//! PHI010 `phi-reaches-undeclared-exposure`: PHI reaches an exposure that does not declare it.

use super::{Context, Emitter, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};
use crate::phi::PhiFact;

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Phi010,
    name: "phi-reaches-undeclared-exposure",
    family: Family::PhiGovernance,
    severity: Severity::High,
    targets: &[Target::Exposure],
    reads: &[],
    summary: "An exposure that PHI reaches declares it (`meta.contains_phi: true` or the PHI tag).",
    doc: r#"
### What it checks
PHI flows through the lineage into the exposure — no de-identified model stops it on the way
— and the exposure does not declare PHI with the policy's flag keys or tags
(`meta.contains_phi: true`, tag `phi`). An exposure that declares `contains_phi: false` while
PHI reaches it is reported with that contradiction.

### Why it matters
Exposures are disclosures: dashboards, extracts to payers, applications. Knowing which ones
carry PHI is the basis of the accounting of disclosures, of BAAs with recipients and of
dashboard access reviews. An exposure that receives PHI without saying so is an uncontrolled
disclosure channel.

### Example
```
source.clinic.ehr.patients → dim_patients → rpt_readmissions_worklist → exposure readmissions_report (no contains_phi)
```

With column lineage (compiled SQL in the manifest), the finding names the columns that carry
identifiers into the exposure, and `report.json` gives each one's path from the raw column.

### How to fix
Declare it (`meta: {contains_phi: true}` and who may see it), or put a de-identified model
between the PHI and the exposure.
"#,
    remedy: Remedy::Alone,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for f in &ctx.phi.facts {
        let PhiFact::PhiReachesExposure { unique_id, path } = f else { continue };
        let Some(e) = ctx.project.exposure(unique_id) else { continue };
        let decl = crate::phi::declaration(&e.tags, &e.meta, ctx.policy, "exposure");
        let uid: crate::model::Text = e.unique_id.as_str().into();
        // With column lineage: exactly which of its columns carry which identifiers.
        let columns = ctx
            .phi
            .exposures
            .binary_search_by(|x| x.unique_id.as_str().cmp(unique_id))
            .ok()
            .and_then(|i| ctx.phi.exposures.get(i))
            .map(|x| phi_columns(&x.columns))
            .unwrap_or_default();
        let path = format!("{}{columns}", path.join(" → "));
        match decl.phi {
            Some(true) => {}
            Some(false) => out.emit(
                &uid,
                None,
                format!("exposure `{}` declares it holds no PHI, yet PHI reaches it via {path}", e.name),
                "Correct the declaration (contains_phi: true) or de-identify the data before it reaches the exposure."
                    .into(),
            ),
            None => out.emit(
                &uid,
                None,
                format!("PHI reaches exposure `{}` (via {path}) but it does not declare PHI", e.name),
                "Declare `meta.contains_phi: true` on the exposure, or feed it from a de-identified model.".into(),
            ),
        }
    }
}

/// `; columns carrying identifiers: `mart.birth_date` (C), `mart.pid` (H)`, or nothing.
fn phi_columns(columns: &[crate::phi::ExposureColumn]) -> String {
    if columns.is_empty() {
        return String::new();
    }
    let list: Vec<String> = columns
        .iter()
        .map(|c| {
            let node = c.unique_id.rsplit('.').next().unwrap_or(&c.unique_id);
            format!("`{node}.{}` ({})", c.column, c.category.map_or("PHI", |x| x.letter()))
        })
        .collect();
    format!("; columns carrying identifiers: {}", list.join(", "))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn wants_exposures_that_receive_phi_to_say_so() {
        let manifest = r#"{"nodes": {
            "model.p.patients": {"resource_type": "model", "name": "patients", "meta": {"phi": true}}
        }, "exposures": {
            "exposure.p.a": {"name": "a", "depends_on": {"nodes": ["model.p.patients"]}},
            "exposure.p.b": {"name": "b", "meta": {"contains_phi": true}, "depends_on": {"nodes": ["model.p.patients"]}},
            "exposure.p.c": {"name": "c", "meta": {"contains_phi": false}, "depends_on": {"nodes": ["model.p.patients"]}}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("PHI010", manifest, None), @r#"
        [
            "exposure.p.a: PHI reaches exposure `a` (via model.p.patients → exposure.p.a) but it does not declare PHI",
            "exposure.p.c: exposure `c` declares it holds no PHI, yet PHI reaches it via model.p.patients → exposure.p.c",
        ]
        "#);
    }
}

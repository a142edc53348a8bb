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
        match decl.phi {
            Some(true) => {}
            Some(false) => out.emit(
                &uid,
                None,
                format!("exposure `{}` declares it holds no PHI, yet PHI reaches it via {}", e.name, path.join(" → ")),
                "Correct the declaration (contains_phi: true) or de-identify the data before it reaches the exposure."
                    .into(),
            ),
            None => out.emit(
                &uid,
                None,
                format!("PHI reaches exposure `{}` (via {}) but it does not declare PHI", e.name, path.join(" → ")),
                "Declare `meta.contains_phi: true` on the exposure, or feed it from a de-identified model.".into(),
            ),
        }
    }
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

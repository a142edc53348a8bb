//! PHI004 `undeclared-inherited-phi`: a node that selects from PHI, is not declared PHI and is not de-identified.

use super::{ConfigFix, Context, Emitter, Judges, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};
use crate::phi::{FoundBy, PhiFact};

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Phi004,
    name: "undeclared-inherited-phi",
    family: Family::PhiGovernance,
    severity: Severity::High,
    targets: &[Target::Model, Target::Snapshot, Target::Seed],
    reads: &[],
    summary: "A model that selects from PHI is declared PHI, or declared de-identified with a method.",
    doc: r#"
### What it checks
The node reads, directly or through other models, from a node that holds PHI, is not itself
declared PHI, and is not declared de-identified (`meta.deidentified: true` with a
`deidentification_method`). The finding shows the lineage path the PHI came through. When
the node's known columns (documented, or in `catalog.json`; perhaps none) hold no identifier, only
node-level lineage says PHI may flow there: the node is *possibly PHI* and the finding is
**low**, until a declaration (or column-level lineage) settles it; the controls that need PHI
(PHI schema, tag, row access, grants) do not fire on it.

### Why it matters
PHI does not stop being PHI because a model renamed its columns. Unless a model is
deliberately de-identified — aggregated, suppressed, dates generalised, identifiers dropped,
by a documented method — everything downstream of a PHI table is presumed PHI under HIPAA's
minimum-necessary rule, and must carry the same controls.

### Example
```
source.clinic.ehr.patients (PHI) → stg_ehr__patients → int_medication_adherence (undeclared)
```

### How to fix
Declare it PHI (`meta.phi: true`, the `phi` tag, the PHI schema), or — if it really is
de-identified — say how: `meta: {deidentified: true, deidentification_method: safe_harbor}`.
"#,
    remedy: Remedy::Config(ConfigFix::DeclarePhi, Judges::DeclaringNodes),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for f in &ctx.phi.facts {
        let PhiFact::UndeclaredPhi { unique_id, column: None, found_by, path, .. } = f else {
            continue;
        };
        let possibly = match found_by {
            FoundBy::Inherited => false,
            FoundBy::PossiblyInherited => true,
            FoundBy::Detected => continue,
        };
        let Some(node) = ctx.scoped_node(unique_id) else { continue };
        let (severity, what) = if possibly {
            (Severity::Low, "possibly holds PHI (node-level lineage; none of its known columns holds an identifier)")
        } else {
            (out.severity(), "selects from PHI")
        };
        out.emit_at(
            severity,
            &node.unique_id,
            None,
            format!(
                "`{}` {what} but is neither declared PHI nor de-identified (via {})",
                node.name,
                path.join(" → ")
            ),
            "Declare it PHI (meta.phi: true, the PHI tag and schema), or declare how it is de-identified (meta.deidentified + deidentification_method).".into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn shows_the_path_phi_came_through() {
        let manifest = r#"{"nodes": {
            "model.p.patients": {"resource_type": "model", "name": "patients", "meta": {"phi": true},
                                 "columns": {"token_x": {"name": "token_x", "meta": {"phi_category": "R"}}}},
            "model.p.adherence": {"resource_type": "model", "name": "adherence", "depends_on": {"nodes": ["model.p.patients"]},
                                  "columns": {"token_x": {"name": "token_x"}}},
            "model.p.rates": {"resource_type": "model", "name": "rates", "depends_on": {"nodes": ["model.p.patients"]},
                              "meta": {"deidentified": true, "deidentification_method": "safe_harbor"}}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("PHI004", manifest, None), @r#"
        [
            "model.p.adherence: `adherence` selects from PHI but is neither declared PHI nor de-identified (via model.p.patients → model.p.adherence)",
        ]
        "#);
    }

    #[test]
    fn lineage_alone_without_an_identifier_is_only_possibly_phi() {
        // `cost_by_type` reads the PHI table, but its known columns are a type and an amount:
        // node-level lineage alone says PHI may be there (low), and no PHI control fires.
        let manifest = r#"{"nodes": {
            "model.p.patients": {"resource_type": "model", "name": "patients", "meta": {"phi": true},
                                 "columns": {"patient_id": {"name": "patient_id"}}},
            "model.p.cost_by_type": {"resource_type": "model", "name": "cost_by_type",
                                     "depends_on": {"nodes": ["model.p.patients"]},
                                     "columns": {"encounter_type": {"name": "encounter_type"}, "total_paid": {"name": "total_paid"}}}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("PHI004", manifest, None), @r#"
        [
            "model.p.cost_by_type: `cost_by_type` possibly holds PHI (node-level lineage; none of its known columns holds an identifier) but is neither declared PHI nor de-identified (via model.p.patients → model.p.cost_by_type)",
        ]
        "#);
        for cascade in ["ACC001", "PHI006", "PHI007", "PHI002"] {
            assert!(findings_of(cascade, manifest, None).iter().all(|f| !f.contains("cost_by_type")), "{cascade}");
        }
    }
}

//! DOC004 `phi-column-undescribed`: a PHI column without a description.

use super::{Context, Emitter, Judges, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Doc004,
    name: "phi-column-undescribed",
    family: Family::Documentation,
    severity: Severity::Medium,
    targets: &[Target::Column],
    reads: &[],
    summary: "Every column that holds PHI is described.",
    doc: r#"
### What it checks
A documented column that holds PHI — declared, detected or inherited by name from an
upstream PHI column — has an empty or placeholder description. (Warehouse-only PHI columns,
never documented at all, are reported by PHI003.)

### Why it matters
For every PHI column an auditor needs to know what it contains and why it is needed (HIPAA's
minimum-necessary standard): "birth_date — used to compute age at admission" justifies keeping
an identifier; an undescribed one invites the question of why it is there at all.

### Example
```yaml
      - name: patient_phone
```

### How to fix
```yaml
      - name: patient_phone
        description: Patient's primary phone from Epic; used by care managers for outreach calls.
        meta: {phi_category: phone}
```
"#,
    remedy: Remedy::EachNode(
        "column descriptions are written per column in the yml: dbt_project.yml cannot set them",
        Judges::PhiNodes,
    ),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for node in ctx.nodes(&[Target::Model, Target::Source, Target::Seed, Target::Snapshot]) {
        let Some(phi) = ctx.phi_of(node) else { continue };
        for cp in phi.columns.iter().filter(|c| c.status.is_phi()) {
            let Some(col) = node.column(&cp.name) else { continue };
            if col.origin == crate::model::ColumnOrigin::WarehouseOnly {
                continue; // Reported by PHI003 as undocumented PHI.
            }
            let d = col.description.trim();
            let placeholder = ctx.rules.placeholder_descriptions.iter().any(|p| p.eq_ignore_ascii_case(d));
            if d.is_empty() || placeholder {
                let what = cp.category.map(|c| format!(" ({})", c.name())).unwrap_or_default();
                out.emit(
                    &node.unique_id,
                    Some(&col.name),
                    format!("PHI column `{}`{what} of `{}` has no description", col.name, node.name),
                    "Describe what the column holds and why it is needed (minimum necessary).".into(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn wants_phi_columns_described() {
        let manifest = r#"{"nodes": {
            "model.p.m": {"resource_type": "model", "name": "m", "meta": {"phi": true}, "columns": {
                "mrn": {"name": "mrn", "meta": {"phi_category": "mrn"}},
                "ssn": {"name": "ssn", "description": "Social security number, hashed.", "meta": {"phi_category": "ssn"}},
                "visit_type": {"name": "visit_type", "meta": {"phi": false}}}}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("DOC004", manifest, None), @r#"
        [
            "model.p.m.mrn: PHI column `mrn` (medical record numbers) of `m` has no description",
        ]
        "#);
    }
}

//! PHI002 `column-sensitivity-undocumented`: columns whose meta says nothing about sensitivity.

use super::{Context, Emitter, Judges, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Phi002,
    name: "column-sensitivity-undocumented",
    family: Family::PhiGovernance,
    severity: Severity::Low,
    targets: &[Target::Model, Target::Source, Target::Seed, Target::Snapshot, Target::Column],
    reads: &[],
    summary: "Every documented column of a PHI-bearing resource documents its sensitivity in meta; one finding per resource lists the columns that do not.",
    doc: r#"
### What it checks
On a model, source, seed or snapshot that holds PHI (declared, detected or inherited),
documented columns that carry no sensitivity declaration in meta or tags (`phi`,
`phi_category`, a sensitivity level, a PHI or non-PHI tag). One finding per resource names
them, so a wide table does not drown the report.

### Why it matters
Column-level sensitivity is what masking policies, column grants and catalogue
classifications are generated from. In a PHI table, an unlabelled column is one a masking
policy will miss.

### Example
```yaml
      - name: discharge_disposition
        description: Where the patient went after discharge.
```

### How to fix
```yaml
        meta: {phi: false}              # not an identifier
      - name: discharge_date
        meta: {phi_category: dates}     # a Safe Harbor identifier
```
"#,
    remedy: Remedy::EachNode("column meta is written per column in the yml: dbt_project.yml cannot set it", Judges::DeclaringColumns),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for node in ctx.nodes(RULE.targets) {
        let Some(phi) = ctx.phi_of(node) else { continue };
        if !phi.status.is_phi() {
            continue;
        }
        let missing: Vec<&str> = node
            .columns
            .iter()
            .filter(|c| c.origin == crate::model::ColumnOrigin::Documented)
            .filter(|c| {
                let d = crate::phi::column_declaration(c, ctx.policy);
                d.phi.is_none() && d.category.is_none() && d.unknown_category.is_none()
            })
            .map(|c| c.name.as_ref())
            .collect();
        if missing.is_empty() {
            continue;
        }
        const SHOWN: usize = 8;
        let more = missing.len().saturating_sub(SHOWN);
        let tail = if more > 0 { format!(" and {more} more") } else { String::new() };
        out.emit(
            &node.unique_id,
            None,
            format!(
                "{} of {} documented columns of PHI-bearing `{}` do not document their sensitivity: {}{tail}",
                missing.len(),
                node.columns.iter().filter(|c| c.origin == crate::model::ColumnOrigin::Documented).count(),
                node.name,
                missing.iter().take(SHOWN).map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")
            ),
            "Give each column `meta.phi_category` (identifiers) or `meta.phi: false`.".into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn lists_undocumented_columns_of_phi_nodes_only() {
        let manifest = r#"{"nodes": {
            "model.p.patients": {"resource_type": "model", "name": "patients", "meta": {"phi": true}, "columns": {
                "mrn": {"name": "mrn", "meta": {"phi_category": "mrn"}},
                "discharge_disposition": {"name": "discharge_disposition"},
                "zip3": {"name": "zip3", "meta": {"phi": false}}}},
            "model.p.codes": {"resource_type": "model", "name": "codes", "meta": {"phi": false}, "columns": {
                "code": {"name": "code"}}}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("PHI002", manifest, None), @r#"
        [
            "model.p.patients: 1 of 3 documented columns of PHI-bearing `patients` do not document their sensitivity: `discharge_disposition`",
        ]
        "#);
    }
}

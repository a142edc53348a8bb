//! PHI003 `undeclared-detected-phi`: a column that holds a Safe Harbor identifier nobody declared.

use super::{Context, Emitter, Judges, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};
use crate::phi::{FoundBy, PhiFact};

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Phi003,
    name: "undeclared-detected-phi",
    family: Family::PhiGovernance,
    severity: Severity::High,
    targets: &[Target::Column],
    reads: &[],
    summary: "Columns the Safe Harbor detector recognises as identifiers (SSN, MRN, names, dates of birth…) are declared PHI.",
    doc: r#"
### What it checks
The PHI detector recognised one of the 18 HIPAA Safe Harbor identifiers (45 CFR
164.514(b)(2)) in a column — from its name as warehouses spell it, its type, its description
and what the table's rows are about — and the project does not declare it: no PHI tag, no PHI
meta key, no `phi_category`. Warehouse-only columns (in `catalog.json`, not in YAML) are
checked too: they are where undocumented PHI hides. The finding carries the category, the
confidence and the evidence. It is **high** on a node nobody declared PHI, and **medium** on a
node declared PHI (its table-level controls cover the column; its category and masking
decision are what is missing). No finding is surer than its detection: a medium-confidence
detection gives at most medium, a low-confidence one low.

### Why it matters
Undeclared PHI escapes every control that reads declarations: masking policies, column
grants, the data catalogue, de-identification reviews and breach scoping. An SSN that staging
re-selects without its `phi_category` is PHI nobody knows is there.

### Example
```yaml
models:
  - name: stg_claims__members
    columns:
      - name: subscriber_ssn
```

### How to fix
Declare it, and mask or drop it if it is not needed downstream:
```yaml
      - name: subscriber_ssn
        meta: {phi_category: ssn, masking: sha256}
```
If the detector is wrong, declare `meta.phi: false` on the column (the evidence is kept), or
add the name to `[detection].ignore_columns` in `phi-lens.toml`.
"#,
    remedy: Remedy::EachNode("column meta is written per column in the yml: dbt_project.yml cannot set it", Judges::DeclaringColumns),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for f in &ctx.phi.facts {
        let PhiFact::UndeclaredPhi { unique_id, column: Some(column), category, found_by: FoundBy::Detected, .. } = f
        else {
            continue;
        };
        let Some(node) = ctx.scoped_node(unique_id) else { continue };
        let col = node.column(column);
        let column_phi = ctx.phi_of(node).and_then(|p| p.columns.iter().find(|c| c.name.eq_ignore_ascii_case(column)));
        let confidence = column_phi.and_then(|c| c.confidence);
        let evidence = column_phi
            .map(|c| {
                let conf = c.confidence.map(|x| format!("{} confidence", x.as_str())).unwrap_or_default();
                format!(" ({conf}{}{})", if conf.is_empty() { "" } else { ": " }, c.evidence.join("; "))
            })
            .unwrap_or_default();
        let what = category.map_or_else(|| "an identifier".to_string(), |c| format!("{} ({})", c.name(), c.letter()));
        let where_ = if col.is_some_and(|c| c.origin == crate::model::ColumnOrigin::WarehouseOnly) {
            "warehouse-only column"
        } else {
            "column"
        };
        // Inside a node declared PHI the table-level controls (PHI schema, grants, row access)
        // already cover the column; what is missing is its category and masking decision.
        let node_declared = ctx.phi_of(node).is_some_and(|p| p.status == crate::phi::Status::Declared);
        // And no finding is surer than the detection it rests on.
        let severity = if node_declared { Severity::Medium.min(out.severity()) } else { out.severity() };
        let severity = severity.capped_by(confidence);
        let context = if node_declared { " (the node is declared PHI; the column is not)" } else { "" };
        out.emit_at(
            severity,
            &node.unique_id,
            col.map(|c| &c.name),
            format!("{where_} `{column}` of `{}` holds {what} but is not declared PHI{context}{evidence}", node.name),
            format!(
                "Declare it (`meta.phi_category: {}`), and mask or drop it if it is not needed; if it is not PHI, declare `meta.phi: false`.",
                category.map_or("…", |c| c.letter())
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn flags_undeclared_identifiers_not_declared_ones() {
        let manifest = r#"{"nodes": {
            "model.p.stg_members": {"resource_type": "model", "name": "stg_members", "columns": {
                "member_id": {"name": "member_id", "meta": {"phi_category": "health_plan_beneficiary_number"}},
                "subscriber_ssn": {"name": "subscriber_ssn"},
                "plan_name": {"name": "plan_name"}}}
        }}"#;
        let found = findings_of("PHI003", manifest, None);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].starts_with("model.p.stg_members.subscriber_ssn: column `subscriber_ssn` of `stg_members` holds"),
            "{found:#?}"
        );
        assert!(found[0].contains("(G)"), "{found:#?}");
    }

    #[test]
    fn no_finding_is_surer_than_its_detection() {
        // `patient_phone` says whose it is (high confidence): the rule's severity. `phone` in a
        // node of unknown subject, in a project with patient data, is a low-confidence
        // detection: a low finding, not a medium or high one.
        let manifest = r#"{"nodes": {
            "model.p.patients": {"resource_type": "model", "name": "patients", "columns": {
                "patient_phone": {"name": "patient_phone"}}},
            "model.p.widgets": {"resource_type": "model", "name": "widgets", "columns": {
                "phone": {"name": "phone"}}}
        }}"#;
        let found: Vec<(String, crate::findings::Severity)> = crate::rules::testing::all_findings(manifest, None)
            .into_iter()
            .filter(|f| f.rule == "PHI003")
            .map(|f| (f.unique_id.to_string(), f.severity))
            .collect();
        assert!(found.contains(&("model.p.patients".to_string(), crate::findings::Severity::High)), "{found:?}");
        assert!(found.contains(&("model.p.widgets".to_string(), crate::findings::Severity::Low)), "{found:?}");
    }
}

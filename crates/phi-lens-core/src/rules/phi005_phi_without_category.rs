//! PHI005 `phi-without-category`: a column declared PHI without its Safe Harbor category.

use super::{Context, Emitter, Judges, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};
use crate::phi::PhiFact;

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Phi005,
    name: "phi-without-category",
    family: Family::PhiGovernance,
    severity: Severity::Medium,
    targets: &[Target::Column],
    reads: &[],
    summary: "A column declared PHI names its HIPAA Safe Harbor category (A–R), in a form the policy recognises.",
    doc: r#"
### What it checks
A column is declared PHI (tag or meta flag) but has no `phi_category` (or the policy's
category keys), or has one the policy does not recognise (`meta.phi_category: personal`).
Categories are the letters A–R of 45 CFR 164.514(b)(2)(i) or their names (`names`, `dates`,
`ssn`, `mrn`, `email`, `health_plan_beneficiary_number`…).

### Why it matters
"PHI" alone does not say what to do with a column. The category decides the control: dates
are generalised to the year, ZIP codes truncated to three digits, SSNs hashed or dropped, free
text reviewed. De-identification reviews and masking policy generation work per category.

### Example
```yaml
      - name: member_email
        meta: {phi: true}
```

### How to fix
```yaml
        meta: {phi: true, phi_category: email}
```
"#,
    remedy: Remedy::EachNode("the category is each column's own identifier", Judges::DeclaringColumns),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for f in &ctx.phi.facts {
        let PhiFact::DeclaredWithoutCategory { unique_id, column, unrecognised } = f else { continue };
        let Some(node) = ctx.scoped_node(unique_id) else { continue };
        let col = node.column(column);
        // A category was declared, in words no vocabulary maps: the declaration is there, its
        // letter is not (low); no category at all is the rule's own severity.
        let (detail, severity) = match unrecognised {
            Some(v) => (
                format!("a category `{v}` that names no Safe Harbor identifier phi-lens can map"),
                Severity::Low.min(out.severity()),
            ),
            None => ("no Safe Harbor category".to_string(), out.severity()),
        };
        out.emit_at(
            severity,
            &node.unique_id,
            col.map(|c| &c.name),
            format!("PHI column `{column}` of `{}` has {detail}", node.name),
            "Set `meta.phi_category` to its Safe Harbor identifier (a letter A–R or a name such as `dates`, `email`, `mrn`).".into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn wants_a_recognised_category() {
        let manifest = r#"{"nodes": {
            "model.p.m": {"resource_type": "model", "name": "m", "meta": {"phi": true}, "columns": {
                "member_email": {"name": "member_email", "meta": {"phi": true}},
                "mrn": {"name": "mrn", "meta": {"phi": true, "phi_category": "mrn"}},
                "admitted": {"name": "admitted", "meta": {"phi": true, "phi_category": "Date of admission"}},
                "pt_nm": {"name": "pt_nm", "meta": {"phi": true, "phi_category": "patient name"}},
                "ssn4": {"name": "ssn4", "meta": {"phi": true, "phi_category": "last four of SSN"}},
                "note": {"name": "note", "meta": {"phi": true, "phi_category": "personal"}}}}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("PHI005", manifest, None), @r#"
        [
            "model.p.m.member_email: PHI column `member_email` of `m` has no Safe Harbor category",
            "model.p.m.note: PHI column `note` of `m` has a category `personal` that names no Safe Harbor identifier phi-lens can map",
        ]
        "#);
    }
}

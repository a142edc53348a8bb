//! EXP001 `exposure-without-owner`: an exposure with no owner name or e-mail.

use super::{Context, Emitter, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Exp001,
    name: "exposure-without-owner",
    family: Family::Exposures,
    severity: Severity::High,
    targets: &[Target::Exposure],
    reads: &[],
    summary: "Every exposure names an accountable owner: a name or an e-mail address.",
    doc: r#"
### What it checks
The exposure's `owner` has neither a non-blank `name` nor a non-blank `email`.

### Why it matters
A dashboard or extract that shows PHI is a disclosure channel. HIPAA's minimum-necessary
standard and access reviews need a person who answers for it; "owner: ''" means nobody
approves who sees it, and nobody is told when an upstream model changes.

### Example
```yaml
exposures:
  - name: lab_utilization_dashboard
    owner: {name: ""}
```

### How to fix
```yaml
    owner:
      name: Dr. Jane Doe (Laboratory Medicine)
      email: lab-informatics@example.org
```
"#,
    remedy: Remedy::Alone,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for e in &ctx.project.exposures {
        if !e.owner.is_present() {
            out.emit(
                &e.unique_id.as_str().into(),
                None,
                format!("exposure `{}` has no owner (no name, no e-mail)", e.name),
                "Set `owner.name` and `owner.email` to the person or team accountable for it.".into(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn flags_blank_owners_only() {
        let manifest = r#"{"nodes": {}, "exposures": {
            "exposure.p.a": {"name": "a", "owner": {"name": "", "email": null}},
            "exposure.p.b": {"name": "b", "owner": {"email": "x@example.org"}},
            "exposure.p.c": {"name": "c", "owner": {"name": "Jane"}},
            "exposure.p.d": {"name": "d"}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("EXP001", manifest, None), @r#"
        [
            "exposure.p.a: exposure `a` has no owner (no name, no e-mail)",
            "exposure.p.d: exposure `d` has no owner (no name, no e-mail)",
        ]
        "#);
    }
}

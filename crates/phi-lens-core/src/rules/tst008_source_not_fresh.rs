//! TST008 `source-not-fresh`: a source whose last freshness check warned or errored.

use super::{Context, Emitter, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};
use crate::input::ArtifactKind;
use crate::model::ResourceType;

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Tst008,
    name: "source-not-fresh",
    family: Family::Testing,
    severity: Severity::Medium,
    targets: &[Target::Source],
    reads: &[ArtifactKind::Sources],
    summary: "Sources passed their last freshness check (sources.json): stale clinical feeds are reported.",
    doc: r#"
### What it checks
A source's status in `sources.json` (from `dbt source freshness`) is `warn` (medium) or
`error` / `runtime error` (high). Without a `sources.json` (or with one that
holds no freshness result) the rule is reported as *not evaluated*, never as a pass.

### Why it matters
A claims or eligibility feed that stopped loading makes every downstream measure silently
stale: readmission rates stop counting recent discharges, care-gap lists miss new members.
Freshness is a clinical data-quality control, and its failures belong in the audit trail.

### Example
```
source.clinic.claims.claims  warn  max_loaded_at 11 days ago (warn_after 7 days)
```

### How to fix
Restore the feed (or fix its `loaded_at_field`); if the delay is expected, adjust
`freshness.warn_after` with a documented reason.
"#,
    remedy: Remedy::Alone,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for node in ctx.nodes(RULE.targets) {
        if node.resource_type != ResourceType::Source {
            continue;
        }
        let Some(run) = &node.run else { continue };
        let severity = match run.status.to_ascii_lowercase().as_str() {
            "warn" => out.severity(),
            "error" | "runtime error" => Severity::High.max(out.severity()),
            _ => continue,
        };
        let when = run.message.as_deref().map(|m| format!(" ({m})")).unwrap_or_default();
        out.emit_at(
            severity,
            &node.unique_id,
            None,
            format!("source `{}` ended `{}` in its last freshness check{when}", node.name, run.status),
            "Restore the feed, or adjust `freshness` with a documented reason if the delay is expected.".into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::input::{ArtifactKind, ArtifactSet, Input};

    #[test]
    fn reports_stale_sources() {
        let manifest = r#"{"nodes": {}, "sources": {
            "source.p.s.a": {"name": "a", "source_name": "s"}, "source.p.s.b": {"name": "b", "source_name": "s"}}}"#;
        let sources = r#"{"results": [
            {"unique_id": "source.p.s.a", "status": "warn", "max_loaded_at": "2026-11-13T00:00:00Z"},
            {"unique_id": "source.p.s.b", "status": "pass"}]}"#;
        let mut set = ArtifactSet::default();
        set.insert(ArtifactKind::Manifest, Input::new("manifest.json", manifest.as_bytes().to_vec()));
        set.insert(ArtifactKind::Sources, Input::new("sources.json", sources.as_bytes().to_vec()));
        let found: Vec<String> = crate::rules::testing::findings_for_set(&set)
            .into_iter()
            .filter(|f| f.rule == "TST008")
            .map(|f| format!("{}: {}", f.unique_id, f.message))
            .collect();
        insta::assert_debug_snapshot!(found, @r#"
        [
            "source.p.s.a: source `a` ended `warn` in its last freshness check (max_loaded_at 2026-11-13T00:00:00Z)",
        ]
        "#);
    }
}

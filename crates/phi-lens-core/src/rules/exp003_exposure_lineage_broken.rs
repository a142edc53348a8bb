//! EXP003 `exposure-lineage-broken`: an exposure whose lineage does not reach declared sources.

use super::{Context, Emitter, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};
use crate::model::ResourceType;

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Exp003,
    name: "exposure-lineage-broken",
    family: Family::Exposures,
    severity: Severity::High,
    targets: &[Target::Exposure],
    reads: &[],
    summary: "An exposure's lineage is whole: it depends on something, names no missing resource, and reaches declared sources or seeds.",
    doc: r#"
### What it checks
The exposure depends on nothing; or one of its `depends_on` ids (or an id further upstream)
names a resource that is not in the manifest; or nothing upstream of it is a declared source
or seed (the lineage stops at models that read raw tables directly).

### Why it matters
The docs site's promise to an auditor is end-to-end lineage from the EHR extract to the KPI. A
dangling id or a model that hard-codes a raw table breaks that chain exactly where PHI enters,
so nobody can show what reaches the dashboard.

### Example
```sql
-- models/marts/fct_encounters.sql
select * from raw.epic.pat_enc   -- not {{ source('ehr', 'encounters') }}
```

### How to fix
Declare the raw tables as dbt sources and select from them with `source()`; make sure every
`ref()` in the exposure's `depends_on` exists.
"#,
    remedy: Remedy::Alone,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let project = ctx.project;
    let known = |id: &str| {
        project.node(id).is_some()
            || project.exposure(id).is_some()
            || project.others.iter().any(|o| o.unique_id == id)
            || project.test(id).is_some()
    };
    for e in &project.exposures {
        let uid = e.unique_id.as_str().into();
        if e.depends_on.is_empty() {
            out.emit(
                &uid,
                None,
                format!("exposure `{}` depends on nothing: its lineage is empty", e.name),
                "List what it reads in `depends_on` (ref() / source() / metric()).".into(),
            );
            continue;
        }
        let upstream = ctx.lineage.upstream(&e.unique_id);
        let mut missing: Vec<String> = e.depends_on.iter().filter(|d| !known(d)).map(|d| format!("`{d}`")).collect();
        for id in &upstream {
            let deps = project.node(id).map(|n| n.depends_on.as_slice()).unwrap_or_default();
            missing.extend(deps.iter().filter(|d| !known(d)).map(|d| format!("`{d}` (via `{id}`)")));
        }
        missing.sort();
        missing.dedup();
        if !missing.is_empty() {
            out.emit(
                &uid,
                None,
                format!("exposure `{}` depends on resources missing from the manifest: {}", e.name, missing.join(", ")),
                "Fix or remove the dangling references so the lineage is whole.".into(),
            );
            continue;
        }
        let reaches_source = upstream.iter().any(|id| {
            project.node(id).is_some_and(|n| matches!(n.resource_type, ResourceType::Source | ResourceType::Seed))
        });
        if !reaches_source {
            out.emit(
                &uid,
                None,
                format!("exposure `{}`'s lineage reaches no declared source or seed", e.name),
                "Declare the raw tables as sources and select from them with `source()`.".into(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn finds_empty_dangling_and_sourceless_lineage() {
        let manifest = r#"{"nodes": {
            "model.p.m": {"resource_type": "model", "name": "m", "depends_on": {"nodes": ["source.p.s.t"]}},
            "model.p.raw": {"resource_type": "model", "name": "raw"}
        }, "sources": {"source.p.s.t": {"name": "t", "source_name": "s"}},
        "exposures": {
            "exposure.p.ok": {"name": "ok", "depends_on": {"nodes": ["model.p.m"]}},
            "exposure.p.empty": {"name": "empty"},
            "exposure.p.dangling": {"name": "dangling", "depends_on": {"nodes": ["model.p.gone"]}},
            "exposure.p.raw": {"name": "raw", "depends_on": {"nodes": ["model.p.raw"]}}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("EXP003", manifest, None), @r#"
        [
            "exposure.p.dangling: exposure `dangling` depends on resources missing from the manifest: `model.p.gone`",
            "exposure.p.empty: exposure `empty` depends on nothing: its lineage is empty",
            "exposure.p.raw: exposure `raw`'s lineage reaches no declared source or seed",
        ]
        "#);
    }
}

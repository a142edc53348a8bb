//! DOC002 `no-source-system`: a described model or source that does not say which system its data comes from.

use std::collections::HashMap;

use super::phrases::names_identifier;
use super::{ConfigFix, Context, Emitter, Judges, Remedy, RuleDef};
use crate::findings::{Family, RuleId, Severity, Target};
use crate::model::{Node, ResourceType};

/// The rule.
pub(crate) static RULE: RuleDef = RuleDef {
    id: RuleId::Doc002,
    name: "no-source-system",
    family: Family::Documentation,
    severity: Severity::Low,
    targets: &[Target::Model, Target::Source],
    reads: &[],
    summary: "A model or source names its source system (in meta or its description), or inherits it from upstream.",
    doc: r#"
### What it checks
A described model or source does not say which system its data comes from, and does not
inherit it. It names its source system with

- a meta key from `rules.source_system_keys` (`source_system`, `system_of_record`…);
- a phrase of `rules.source_system_phrases` in its description, matched on words:
  "Source system:", "system of record", "extracted from", "from … table/feed/extract/file/
  system/API" ("Order facts from Epic Clarity ORDER_PROC table", "as received from the payer
  837 feed");
- a known EHR, claims or interface system of `rules.source_system_names` (Epic, Cerner,
  Meditech, athenahealth, CCLF, X12 837…);
- the relation of a dbt source it reads (`raw_clarity.order_proc`, `PAT_ENC_HSP`).

A model inherits the source system of what it reads: it passes when a source, seed or model
upstream of it names one, so the system is written down once, where the data enters, and
lineage carries it. Resources without any description are left to DOC001.

### Why it matters
HIPAA's accounting of disclosures and any breach investigation start from "which system did
this PHI come from?". Lineage inside dbt stops at the source; the system of record (Epic,
Cerner, a clearinghouse feed) must be written down where auditors read.

### Example
```yaml
models:
  - name: stg_ehr__encounters
    description: Encounters, one row per visit.
```

### How to fix
```yaml
    description: "Encounters, one row per visit. Source system: Epic Clarity PAT_ENC."
    meta:
      source_system: epic_clarity
```
"#,
    remedy: Remedy::Config(ConfigFix::SourceSystem, Judges::DescribedTargets),
    check,
};

fn check(ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let mut systems = SourceSystems::new(ctx);
    for node in ctx.nodes(RULE.targets) {
        if super::doc001_description_missing::description_problem(ctx, &node.description).is_some() {
            continue;
        }
        if !systems.documented(&node.unique_id) {
            out.emit(
                &node.unique_id,
                None,
                format!("{} `{}` does not name its source system", node.resource_type.as_str(), node.name),
                "Add `meta.source_system` or a \"Source system: …\" sentence to the description (here or upstream, where the data enters).".into(),
            );
        }
    }
}

/// Which nodes name a source system, themselves or upstream (memoised over the lineage).
struct SourceSystems<'c, 'p> {
    ctx: &'c Context<'p>,
    phrases: Vec<super::phrases::Phrase>,
    documented: HashMap<&'p str, bool>,
    words: super::phrases::Words,
}

impl<'c, 'p> SourceSystems<'c, 'p> {
    fn new(ctx: &'c Context<'p>) -> Self {
        let mut phrases = super::phrases::phrases(&ctx.rules.source_system_phrases);
        phrases.extend(super::phrases::phrases(&ctx.rules.source_system_names));
        SourceSystems { ctx, phrases, documented: HashMap::new(), words: super::phrases::Words::default() }
    }

    /// Whether the node names its own source system: meta, description, or the relation of a
    /// dbt source it reads.
    fn names_own(&mut self, id: &str) -> bool {
        let Some(node) = self.ctx.project.node(id).filter(|n| n.enabled) else { return false };
        let keys = &self.ctx.rules.source_system_keys;
        let source_description = node.source_description.as_deref().unwrap_or("");
        super::doc001_description_missing::documented_by(node, keys, &self.phrases, &node.description, &mut self.words)
            || super::doc001_description_missing::documented_by(
                node,
                &[],
                &self.phrases,
                source_description,
                &mut self.words,
            )
            || node
                .depends_on
                .iter()
                .filter_map(|d| self.ctx.project.node(d))
                .any(|parent| parent.resource_type == ResourceType::Source && names_relation(&node.description, parent))
    }

    /// Whether the node or anything upstream of it names a source system.
    fn documented(&mut self, id: &'p str) -> bool {
        // Depth-first over the parents, each node decided once (the lineage has no cycles).
        let mut stack: Vec<(&'p str, bool)> = vec![(id, false)];
        while let Some((at, parents_done)) = stack.pop() {
            if self.documented.contains_key(at) {
                continue;
            }
            let parents = self.ctx.lineage.parents(at);
            if parents_done {
                let inherited = parents.iter().any(|p| self.documented.get(p) == Some(&true));
                self.documented.insert(at, inherited);
            } else if self.names_own(at) {
                self.documented.insert(at, true);
            } else {
                stack.push((at, true));
                stack.extend(parents.into_iter().filter(|p| !self.documented.contains_key(p)).map(|p| (p, false)));
            }
        }
        self.documented.get(id) == Some(&true)
    }
}

/// Whether a description names a dbt source's relation: `source_name.table`, or its table
/// name or identifier when written as one (`ORDER_PROC`, not a plain word such as `patients`).
fn names_relation(description: &str, source: &Node) -> bool {
    let qualified = source.source_name.as_deref().map(|s| format!("{s}.{}", source.name));
    let spelled_as_identifier = |name: &&str| name.contains('_') || name.contains('.');
    qualified
        .iter()
        .map(String::as_str)
        .chain(
            [source.name.as_str(), source.alias.as_deref().unwrap_or("")].iter().copied().filter(spelled_as_identifier),
        )
        .any(|name| names_identifier(description, name))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    #[test]
    fn accepts_meta_or_phrase_and_skips_undescribed() {
        let manifest = r#"{"nodes": {
            "model.p.a": {"resource_type": "model", "name": "a", "description": "One row per encounter, all settings."},
            "model.p.b": {"resource_type": "model", "name": "b", "description": "One row per encounter. Source system: Epic Clarity."},
            "model.p.c": {"resource_type": "model", "name": "c", "description": "One row per encounter, all settings.", "meta": {"source_system": "cerner"}},
            "model.p.d": {"resource_type": "model", "name": "d", "description": ""}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("DOC002", manifest, None), @r#"
        [
            "model.p.a: model `a` does not name its source system",
        ]
        "#);
    }

    #[test]
    fn names_systems_by_meaning_and_inherits_from_upstream() {
        let manifest = r#"{"nodes": {
            "model.p.orders": {"resource_type": "model", "name": "orders", "description": "Order facts from Epic Clarity ORDER_PROC table, one row per order."},
            "model.p.claim_lines": {"resource_type": "model", "name": "claim_lines", "description": "Claim lines as received from the payer 837 feed each night."},
            "model.p.cerner": {"resource_type": "model", "name": "cerner", "description": "Vitals charted in Cerner PowerChart, one row per reading."},
            "model.p.labs": {"resource_type": "model", "name": "labs", "description": "Lab results, one row per resulted component.",
                             "depends_on": {"nodes": ["source.p.lis.results"]}},
            "model.p.encounters": {"resource_type": "model", "name": "encounters", "description": "Encounters, one row per visit, all care settings.",
                                   "depends_on": {"nodes": ["source.p.ehr.pat_enc"]}},
            "model.p.encounter_costs": {"resource_type": "model", "name": "encounter_costs", "description": "Costs per encounter, allocated by department.",
                                        "depends_on": {"nodes": ["model.p.encounters"]}},
            "model.p.procedures": {"resource_type": "model", "name": "procedures", "description": "Procedure orders as in ORDER_PROC, one row per order.",
                                   "depends_on": {"nodes": ["source.p.clarity.order_proc"]}},
            "model.p.enrollment": {"resource_type": "model", "name": "enrollment", "description": "One row per member per month of enrollment."},
            "model.p.sentences": {"resource_type": "model", "name": "sentences", "description": "Aggregated from core. Creates an empty table when disabled."}
        }, "sources": {
            "source.p.ehr.pat_enc": {"name": "pat_enc", "source_name": "ehr", "description": "Encounters. Source system: Epic Clarity PAT_ENC."},
            "source.p.chain.stake_events": {"name": "stake_events", "source_name": "chain", "description": "Stake events from the chain",
                                            "source_description": "Chain raw tables"},
            "source.p.clarity.order_proc": {"name": "order_proc", "source_name": "clarity", "description": "Orders, one row per ordered procedure."},
            "source.p.lis.results": {"name": "results", "source_name": "lis", "identifier": "LAB_RESULTS_V",
                                     "description": "Resulted lab components, one row per component.",
                                     "meta": {"source_system": "Sunquest"}}
        }}"#;
        insta::assert_debug_snapshot!(findings_of("DOC002", manifest, None), @r#"
        [
            "model.p.enrollment: model `enrollment` does not name its source system",
            "model.p.sentences: model `sentences` does not name its source system",
            "source.p.chain.stake_events: source `stake_events` does not name its source system",
            "source.p.clarity.order_proc: source `order_proc` does not name its source system",
        ]
        "#);
    }
}

//! Waivers: `meta.phi_lens.waive` read from nodes, columns and exposures. A waiver names a
//! rule and a reason; one without a reason, or naming an unknown rule, is reported and not
//! applied.

use std::collections::BTreeMap;

use super::RULES;
use crate::artifacts::{Meta, MetaValue};
use crate::findings::Waiver;
use crate::model::Project;

/// Reads `meta.phi_lens.waive` of every node and exposure (and `meta.phi_lens.waive` of columns,
/// which waive for that column only).
pub(super) fn collect_waivers(project: &Project) -> (BTreeMap<String, Vec<Waiver>>, Vec<String>) {
    let mut out: BTreeMap<String, Vec<Waiver>> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut read = |uid: &str, column: Option<&str>, meta: &Meta| {
        let Some(MetaValue::Map(pl)) = meta.get("phi_lens") else { return };
        let Some(list) = pl.get("waive") else { return };
        let items: Vec<&MetaValue> = match list {
            MetaValue::List(l) => l.iter().collect(),
            other => vec![other],
        };
        for item in items {
            let MetaValue::Map(m) = item else {
                problems.push(format!("{uid}: a waiver must be an object with `rule` and `reason`"));
                continue;
            };
            let rule_ref = m.get("rule").and_then(MetaValue::as_str).unwrap_or("").trim().to_string();
            let reason = m.get("reason").and_then(MetaValue::as_str).unwrap_or("").trim().to_string();
            let known = RULES.iter().any(|r| r.id.as_str().eq_ignore_ascii_case(&rule_ref) || r.name == rule_ref);
            if !known {
                problems.push(format!("{uid}: waiver names unknown rule `{rule_ref}`; it is not applied"));
            } else if reason.is_empty() {
                problems.push(format!("{uid}: waiver of {rule_ref} has no reason; it is not applied"));
            } else {
                out.entry(uid.to_string()).or_default().push(Waiver {
                    rule: rule_ref,
                    reason,
                    column: column.map(str::to_string),
                });
            }
        }
    };
    for n in &project.nodes {
        read(&n.unique_id, None, &n.meta);
        for c in &n.columns {
            read(&n.unique_id, Some(&c.name), &c.meta);
        }
    }
    for e in &project.exposures {
        read(&e.unique_id, None, &e.meta);
    }
    problems.sort();
    (out, problems)
}

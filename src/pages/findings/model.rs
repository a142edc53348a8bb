//! The findings page as data: the findings the hash's filters keep, grouped by rule in the
//! registry's order.
//!
//! Parameters (`#/findings?…`): `severity`, `family`, `rule`, `waived` (`yes` or `no`), `q`
//! (words in the unique_id, column or message).

use phi_lens_core::findings::Finding;

use phi_lens_core::rules::{RuleDef, RULES};

use crate::route::Query;

/// The findings of one rule.
#[derive(Debug)]
pub struct RuleGroup<'a> {
    /// The rule.
    pub rule: &'static RuleDef,
    /// Its findings the filters keep, in the analysis' order.
    pub findings: Vec<&'a Finding>,
    /// How many of them are waived.
    pub waived: usize,
}

/// Whether the query keeps `f`.
pub fn keeps(f: &Finding, query: &Query, words: &[String]) -> bool {
    query.get("severity").is_none_or(|s| f.severity.as_str() == s)
        && query.get("family").is_none_or(|s| f.family.as_str() == s)
        && query.get("rule").is_none_or(|s| f.rule.as_str().eq_ignore_ascii_case(s) || f.rule_name == s)
        && query.get("waived").is_none_or(|w| match w {
            "yes" => f.is_waived(),
            "no" => !f.is_waived(),
            _ => true,
        })
        && (words.is_empty() || {
            let text = format!("{} {} {}", f.unique_id, f.column.as_deref().unwrap_or(""), f.message).to_lowercase();
            words.iter().all(|w| text.contains(w.as_str()))
        })
}

/// The findings the query keeps, grouped by rule (rules without a kept finding left out).
pub fn grouped<'a>(findings: &'a [Finding], query: &Query) -> Vec<RuleGroup<'a>> {
    let words: Vec<String> =
        query.get("q").unwrap_or("").to_lowercase().split_whitespace().map(str::to_string).collect();
    let mut groups: Vec<RuleGroup<'a>> =
        RULES.iter().map(|&rule| RuleGroup { rule, findings: Vec::new(), waived: 0 }).collect();
    for f in findings.iter().filter(|f| keeps(f, query, &words)) {
        if let Some(g) = groups.iter_mut().find(|g| g.rule.id == f.rule) {
            g.waived += usize::from(f.is_waived());
            g.findings.push(f);
        }
    }
    groups.retain(|g| !g.findings.is_empty());
    groups
}

/// How many findings of a group a page shows before "Show all" (long lists stay fast).
pub const SHOWN_PER_RULE: usize = 100;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data::demo_view;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn groups_every_finding_under_its_rule_in_registry_order() {
        let view = demo_view();
        let groups = grouped(&view.analysis.findings, &Query::default());
        let total: usize = groups.iter().map(|g| g.findings.len()).sum();
        assert_eq!(total, view.analysis.findings.len());
        assert!(groups.windows(2).all(|w| w[0].rule.id < w[1].rule.id));
        assert!(groups.iter().all(|g| g.findings.iter().all(|f| f.rule == g.rule.id)));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn filters_by_severity_family_rule_and_waiver() {
        let view = demo_view();
        let f = &view.analysis.findings[0];
        let q = Query::from_pairs([
            ("severity", f.severity.as_str()),
            ("family", f.family.as_str()),
            ("rule", f.rule.as_str()),
        ]);
        let groups = grouped(&view.analysis.findings, &q);
        assert_eq!(groups.len(), 1);
        assert!(groups[0].findings.iter().all(|x| x.severity == f.severity && x.rule == f.rule));
        let open = grouped(&view.analysis.findings, &Query::from_pairs([("waived", "no")]));
        assert!(open.iter().all(|g| g.waived == 0));
        let waived = grouped(&view.analysis.findings, &Query::from_pairs([("waived", "yes")]));
        assert!(waived.iter().all(|g| g.waived == g.findings.len()));
        let by_id = grouped(&view.analysis.findings, &Query::from_pairs([("q", f.unique_id.to_uppercase().as_str())]));
        assert!(by_id.iter().flat_map(|g| &g.findings).any(|x| x.unique_id == f.unique_id));
    }
}

//! The findings page as data: the findings the hash's filters keep, grouped by root cause (the
//! riskiest first), by rule in the registry's order, or by node.
//!
//! Parameters (`#/findings?…`): `by` (`cause`, the default, `rule` or `node`), `cause` (the
//! N-th root cause only), `severity`, `family`, `rule`, `waived` (`yes` or `no`), `q` (words in
//! the unique_id, column or message).

use phi_lens_core::findings::Finding;

use phi_lens_core::root_causes::RootCause;
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
    let words = words(query);
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

/// The findings of one root cause.
#[derive(Debug)]
pub struct CauseGroup<'a> {
    /// Its rank, 1 for the riskiest.
    pub rank: usize,
    /// The root cause.
    pub cause: &'a RootCause,
    /// Its findings the filters keep.
    pub findings: Vec<&'a Finding>,
    /// How many of them are waived.
    pub waived: usize,
}

/// The findings the query keeps, grouped by root cause, the riskiest first (root causes
/// without a kept finding left out); `cause=N` keeps the N-th root cause only.
pub fn by_cause<'a>(findings: &'a [Finding], causes: &'a [RootCause], query: &Query) -> Vec<CauseGroup<'a>> {
    let words = words(query);
    let only: Option<usize> = query.get("cause").and_then(|c| c.parse().ok());
    causes
        .iter()
        .enumerate()
        .filter(|(i, _)| only.is_none_or(|n| n == i + 1))
        .filter_map(|(i, cause)| {
            let kept: Vec<&Finding> = cause
                .finding_indices
                .iter()
                .filter_map(|&at| findings.get(at))
                .filter(|f| keeps(f, query, &words))
                .collect();
            let waived = kept.iter().filter(|f| f.is_waived()).count();
            (!kept.is_empty()).then_some(CauseGroup { rank: i + 1, cause, findings: kept, waived })
        })
        .collect()
}

/// The findings of one node, exposure or test.
#[derive(Debug)]
pub struct NodeGroup<'a> {
    /// Its unique_id.
    pub unique_id: &'a str,
    /// Its findings the filters keep, the worst first.
    pub findings: Vec<&'a Finding>,
    /// How many of them are waived.
    pub waived: usize,
}

/// The findings the query keeps, grouped by node: the nodes with the most open findings first.
pub fn by_node<'a>(findings: &'a [Finding], query: &Query) -> Vec<NodeGroup<'a>> {
    let words = words(query);
    let mut groups: Vec<NodeGroup<'a>> = Vec::new();
    for f in findings.iter().filter(|f| keeps(f, query, &words)) {
        match groups.last_mut() {
            Some(g) if g.unique_id == &*f.unique_id => g.findings.push(f),
            _ => groups.push(NodeGroup { unique_id: &f.unique_id, findings: vec![f], waived: 0 }),
        }
    }
    for g in &mut groups {
        g.findings.sort_by_key(|f| (f.is_waived(), std::cmp::Reverse(f.severity)));
        g.waived = g.findings.iter().filter(|f| f.is_waived()).count();
    }
    groups.sort_by_key(|g| std::cmp::Reverse(g.findings.len() - g.waived));
    groups
}

fn words(query: &Query) -> Vec<String> {
    query.get("q").unwrap_or("").to_lowercase().split_whitespace().map(str::to_string).collect()
}

/// How the page groups the findings (`by=`): by root cause unless it says `rule` or `node`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// By root cause, the riskiest first.
    Cause,
    /// By rule, in the registry's order.
    Rule,
    /// By node.
    Node,
}

impl GroupBy {
    /// Reads `by=` of the query.
    pub fn of(query: &Query) -> GroupBy {
        match query.get("by") {
            Some("rule") => GroupBy::Rule,
            Some("node") => GroupBy::Node,
            _ => GroupBy::Cause,
        }
    }
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
    fn groups_every_finding_under_one_root_cause_the_riskiest_first_and_by_node() {
        let view = demo_view();
        let findings = &view.analysis.findings;
        let causes = view.root_causes_now();
        let groups = by_cause(findings, &causes, &Query::default());
        assert_eq!(groups.iter().map(|g| g.findings.len()).sum::<usize>(), findings.len());
        assert!(groups.windows(2).all(|w| w[0].rank < w[1].rank));
        assert!(groups.iter().all(|g| g.findings.iter().all(|f| f.rule == g.cause.rule)));
        let second = by_cause(findings, &causes, &Query::from_pairs([("cause", "2")]));
        assert_eq!(second.len(), 1);
        assert_eq!(second[0].rank, 2);
        let nodes = by_node(findings, &Query::default());
        assert_eq!(nodes.iter().map(|g| g.findings.len()).sum::<usize>(), findings.len());
        assert_eq!(GroupBy::of(&Query::default()), GroupBy::Cause);
        assert_eq!(GroupBy::of(&Query::from_pairs([("by", "node")])), GroupBy::Node);
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

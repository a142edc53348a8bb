//! Every finding (`#/findings`), filterable by severity, family, rule and waiver, grouped by
//! root cause (the riskiest first, each with its fix), by rule (with the rule's documentation,
//! sanitised markdown) or by node, one click apart. Each finding is `data-testid="finding"`
//! with `data-rule` and `data-severity`.

pub(crate) mod model;

use std::collections::BTreeSet;

use phi_lens_core::findings::Severity;
use phi_lens_core::rules::explain;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::{FilterSelect, FindingItem, FindingSubject, Markdown, SeverityBadge};
use crate::pages::overview::model::FAMILIES;
use crate::pages::{use_ctx, use_printing};
use crate::route::{Query, Route};
use model::{by_cause, by_node, grouped, CauseGroup, GroupBy, NodeGroup, RuleGroup, SHOWN_PER_RULE};

/// Props of [`FindingsPage`].
#[derive(Properties, PartialEq)]
pub(crate) struct FindingsPageProps {
    /// The filters, from the hash.
    pub query: Query,
}

/// The findings page.
#[function_component(FindingsPage)]
pub(crate) fn findings_page(props: &FindingsPageProps) -> Html {
    // Groups whose whole list the user asked to see.
    let expanded = use_state(BTreeSet::<String>::new);
    // On paper every finding is listed: there is no "Show all" button to press.
    let printing = use_printing();
    let Some(ctx) = use_ctx() else { return html! {} };
    let analysis = &*ctx.view.analysis;
    let query = props.query.clone();
    let by = GroupBy::of(&query);
    let groups = if by == GroupBy::Rule { grouped(&analysis.findings, &query) } else { Vec::new() };
    let all_causes = (by == GroupBy::Cause).then(|| ctx.view.root_causes_now());
    let causes = all_causes.as_deref().map(|all| by_cause(&analysis.findings, all, &query)).unwrap_or_default();
    let nodes = if by == GroupBy::Node { by_node(&analysis.findings, &query) } else { Vec::new() };
    let counted: Vec<(usize, usize)> = match by {
        GroupBy::Rule => groups.iter().map(|g| (g.findings.len(), g.waived)).collect(),
        GroupBy::Cause => causes.iter().map(|g| (g.findings.len(), g.waived)).collect(),
        GroupBy::Node => nodes.iter().map(|g| (g.findings.len(), g.waived)).collect(),
    };
    let shown: usize = counted.iter().map(|c| c.0).sum();
    let waived: usize = counted.iter().map(|c| c.1).sum();
    let unit = match by {
        GroupBy::Rule => "rules",
        GroupBy::Cause => "root causes",
        GroupBy::Node => "nodes",
    };
    // The list of a group, its first findings and a "Show all" button.
    let list = |key: String, findings: &[&phi_lens_core::findings::Finding], what: String| {
        let all = printing || expanded.contains(&key);
        let limit = if all { findings.len() } else { SHOWN_PER_RULE.min(findings.len()) };
        let show_all = {
            let expanded = expanded.clone();
            Callback::from(move |_| {
                let mut next = (*expanded).clone();
                next.insert(key.clone());
                expanded.set(next);
            })
        };
        html! {
            <>
                <ul class="finding-list">
                    { for findings[..limit].iter().map(|f| html! {
                        <FindingItem finding={(*f).clone()} subject={FindingSubject::Resource} />
                    }) }
                </ul>
                if limit < findings.len() {
                    <button type="button" class="more" onclick={show_all}>{ format!("Show all {} findings of {what}", findings.len()) }</button>
                }
            </>
        }
    };
    let cause_group = |g: &CauseGroup<'_>| {
        let c = g.cause;
        let title_id = format!("cause-{}", g.rank);
        let rule = phi_lens_core::rules::rule(c.rule.as_str());
        html! {
            <section class="rule-group cause-group" aria-labelledby={title_id.clone()} data-testid="cause-group" data-rule={c.rule.as_str()} data-scope={c.scope.as_str()}>
                <h2 id={title_id}>
                    { format!("{}. ", g.rank) }<SeverityBadge severity={c.severity} />{ " " }{ c.rule.as_str() }{ " " }<span class="rule-name">{ c.rule_name }</span>
                    <span class="muted small">{ format!(" · {} {} · {} finding(s) on {} node(s){}", c.scope.as_str(), c.scope_id, g.findings.len(), c.nodes.len(),
                        if g.waived > 0 { format!(", {} waived", g.waived) } else { String::new() }) }</span>
                </h2>
                if c.phi_reaches_exposure {
                    <p><strong>{ "PHI reaches an exposure through it." }</strong></p>
                }
                <p>{ &c.fix.summary }</p>
                if c.fix.text != c.fix.summary && !c.fix.text.is_empty() {
                    <details class="fix">
                        <summary>{ "The fix, written out" }</summary>
                        <pre tabindex="0">{ &c.fix.text }</pre>
                    </details>
                }
                if let Some(rule) = rule {
                    <details class="rule-doc">
                        <summary>{ "Rule documentation" }</summary>
                        <Markdown text={explain(rule)} />
                    </details>
                }
                { list(format!("cause-{}", g.rank), &g.findings, format!("root cause {}", g.rank)) }
            </section>
        }
    };
    let node_group = |g: &NodeGroup<'_>| {
        html! {
            <section class="rule-group node-group" aria-label={g.unique_id.to_string()} data-testid="node-group">
                <h2><a href={Route::resource(g.unique_id).href()}><code>{ g.unique_id }</code></a>
                    <span class="muted small">{ format!(" · {} finding(s)", g.findings.len()) }</span></h2>
                { list(format!("node-{}", g.unique_id), &g.findings, g.unique_id.to_string()) }
            </section>
        }
    };
    let tab = |value: &'static str, label: &'static str, current: bool| {
        let href = Route::Findings(query.with("by", value).with("cause", "")).href();
        html! { <li><a {href} aria-current={current.then_some("page")} data-testid={format!("group-by-{value}")}>{ label }</a></li> }
    };

    let refine = ctx.navigate.reform(Route::Findings);
    let select = |param: &'static str, label: &'static str, options: Vec<(String, String)>| {
        html! { <FilterSelect id={format!("finding-filter-{param}")} {label} {param} {options} query={query.clone()} onchange={refine.clone()} /> }
    };
    let oninput = {
        let (refine, query) = (refine.clone(), query.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                refine.emit(query.with("q", &input.value()));
            }
        })
    };
    let severities = Severity::ALL.iter().rev().map(|s| (s.as_str().to_string(), s.as_str().to_string())).collect();
    let families = FAMILIES.iter().map(|f| (f.as_str().to_string(), f.title().to_string())).collect();
    let rules =
        phi_lens_core::rules::RULES.iter().map(|r| (r.id.to_string(), format!("{} {}", r.id, r.name))).collect();
    let waiver = vec![("no".to_string(), "open only".to_string()), ("yes".to_string(), "waived only".to_string())];

    let group = |g: &RuleGroup<'_>| {
        let rule = g.rule;
        let title_id = format!("rule-{}", rule.id.as_str().to_lowercase());
        html! {
            <section class="rule-group" aria-labelledby={title_id.clone()} data-testid="rule-group" data-rule={rule.id.as_str()}>
                <h2 id={title_id}>
                    { rule.id }{ " " }<span class="rule-name">{ rule.name }</span>
                    <span class="muted small">{ format!(" · {} · {} finding(s){}", rule.family.title(), g.findings.len(),
                        if g.waived > 0 { format!(", {} waived", g.waived) } else { String::new() }) }</span>
                </h2>
                <p>{ rule.summary }</p>
                <details class="rule-doc">
                    <summary>{ "Rule documentation" }</summary>
                    <Markdown text={explain(rule)} />
                </details>
                { list(rule.id.as_str().to_string(), &g.findings, rule.id.to_string()) }
            </section>
        }
    };

    html! {
        <div class="findings">
            <h1 tabindex="-1">{ "Findings" }</h1>
            <form class="filters" role="search" aria-label="Filter the findings" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <div class="field search">
                    <label for="finding-search">{ "Search" }</label>
                    <input id="finding-search" type="search" placeholder="unique_id, column or message" autocomplete="off"
                        value={query.get("q").unwrap_or("").to_string()} {oninput} />
                </div>
                { select("severity", "Severity", severities) }
                { select("family", "Family", families) }
                { select("rule", "Rule", rules) }
                { select("waived", "Waived", waiver) }
                if !query.is_empty() {
                    <p class="clear"><a href={Route::Findings(Query::default()).href()}>{ "Clear filters" }</a></p>
                }
            </form>
            <nav class="group-by" aria-label="Group the findings">
                <span>{ "Group by: " }</span>
                <ul>
                    { tab("cause", "root cause", by == GroupBy::Cause) }
                    { tab("rule", "rule", by == GroupBy::Rule) }
                    { tab("node", "node", by == GroupBy::Node) }
                </ul>
            </nav>
            <p class="count" role="status" aria-live="polite" data-testid="finding-count">
                { format!("{shown} of {} findings ({} open, {waived} waived) in {} {unit}", analysis.findings.len(), shown - waived, counted.len()) }
            </p>
            if counted.is_empty() {
                <p class="empty">{ "No finding matches these filters." }</p>
            }
            { for groups.iter().map(group) }
            { for causes.iter().map(cause_group) }
            { for nodes.iter().map(node_group) }
        </div>
    }
}

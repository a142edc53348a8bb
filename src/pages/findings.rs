//! Every finding (`#/findings`), filterable by severity, family, rule and waiver, grouped by
//! rule with the rule's documentation (sanitised markdown). Each finding is
//! `data-testid="finding"` with `data-rule` and `data-severity`.

pub(crate) mod model;

use std::collections::BTreeSet;

use phi_lens_core::findings::Severity;
use phi_lens_core::rules::explain;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::{FilterSelect, FindingItem, FindingSubject, Markdown};
use crate::pages::overview::model::FAMILIES;
use crate::pages::{use_ctx, use_printing};
use crate::route::{Query, Route};
use model::{grouped, RuleGroup, SHOWN_PER_RULE};

/// Props of [`FindingsPage`].
#[derive(Properties, PartialEq)]
pub(crate) struct FindingsPageProps {
    /// The filters, from the hash.
    pub query: Query,
}

/// The findings page.
#[function_component(FindingsPage)]
pub(crate) fn findings_page(props: &FindingsPageProps) -> Html {
    // Rules whose whole list the user asked to see.
    let expanded = use_state(BTreeSet::<&'static str>::new);
    // On paper every finding is listed: there is no "Show all" button to press.
    let printing = use_printing();
    let Some(ctx) = use_ctx() else { return html! {} };
    let analysis = &*ctx.view.analysis;
    let query = props.query.clone();
    let groups = grouped(&analysis.findings, &query);
    let shown: usize = groups.iter().map(|g| g.findings.len()).sum();
    let waived: usize = groups.iter().map(|g| g.waived).sum();

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
        let all = printing || expanded.contains(rule.id.as_str());
        let limit = if all { g.findings.len() } else { SHOWN_PER_RULE.min(g.findings.len()) };
        let show_all = {
            let expanded = expanded.clone();
            Callback::from(move |_| {
                let mut next = (*expanded).clone();
                next.insert(rule.id.as_str());
                expanded.set(next);
            })
        };
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
                <ul class="finding-list">
                    { for g.findings[..limit].iter().map(|f| html! {
                        <FindingItem finding={(*f).clone()} subject={FindingSubject::Resource} />
                    }) }
                </ul>
                if limit < g.findings.len() {
                    <button type="button" class="more" onclick={show_all}>{ format!("Show all {} findings of {}", g.findings.len(), rule.id) }</button>
                }
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
            <p class="count" role="status" aria-live="polite" data-testid="finding-count">
                { format!("{shown} of {} findings ({} open, {waived} waived) in {} rules", analysis.findings.len(), shown - waived, groups.len()) }
            </p>
            if groups.is_empty() {
                <p class="empty">{ "No finding matches these filters." }</p>
            }
            { for groups.iter().map(group) }
        </div>
    }
}

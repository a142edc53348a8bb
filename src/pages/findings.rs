//! Every finding (`#/findings`), filterable by severity, family, rule and waiver, grouped by
//! rule with the rule's documentation (sanitised markdown). Each finding is
//! `data-testid="finding"` with `data-rule` and `data-severity`.

pub(crate) mod model;

use std::collections::BTreeSet;
use std::rc::Rc;

use phi_lens_core::findings::Severity;

use phi_lens_core::rules::explain;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::{Markdown, Message, ResourceLink, SeverityBadge};
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

    let set = {
        let navigate = ctx.navigate.clone();
        let query = query.clone();
        Rc::new(move |key: &str, value: &str| navigate.emit(Route::Findings(query.with(key, value))))
    };
    let select = |key: &'static str, label: &'static str, options: Vec<(String, String)>| {
        let set = set.clone();
        let onchange = Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
                set(key, &s.value());
            }
        });
        let current = query.get(key).unwrap_or("").to_string();
        let id = format!("finding-filter-{key}");
        html! {
            <div class="field">
                <label for={id.clone()}>{ label }</label>
                <select {id} {onchange}>
                    <option value="" selected={current.is_empty()}>{ "all" }</option>
                    { for options.into_iter().map(|(value, text)| html! {
                        <option selected={value == current} value={value.clone()}>{ text }</option>
                    }) }
                </select>
            </div>
        }
    };
    let oninput = {
        let set = set.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                set("q", &input.value());
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
                        <li class={classes!("finding", f.waiver.is_some().then_some("waived"))} data-testid="finding" data-rule={f.rule.as_str()} data-severity={f.severity.as_str()}>
                            <p class="finding-head">
                                <SeverityBadge severity={f.severity} />{ " " }
                                <ResourceLink unique_id={f.unique_id.to_string()} />
                                if let Some(c) = &f.column { { " · column " }<code>{ &**c }</code> }
                                if f.waiver.is_some() { { " " }<span class="badge waived-badge">{ "waived" }</span> }
                            </p>
                            <p><Message text={f.message.clone()} /></p>
                            <p class="fix"><strong>{ "Fix: " }</strong><Message text={f.fix.clone()} /></p>
                            if let Some(w) = &f.waiver { <p class="waiver"><strong>{ "Waived: " }</strong><Message text={w.reason.clone()} />{ w.attribution().map(|a| format!(" ({a})")).unwrap_or_default() }</p> }
                        </li>
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

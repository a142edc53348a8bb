//! The models list (`#/nodes`): every node and exposure with its PHI badge and score,
//! searchable and filterable by the hash's query, sortable, and virtualised: only the rows in
//! view (and a few around them) are in the page, so twelve thousand nodes scroll smoothly.

pub(crate) mod model;

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

use crate::components::{FilterSelect, PhiBadge, ScoreBadge};
use crate::pages::{use_ctx, use_printing};
use crate::route::{Query, Route};
use model::{filter_rows, window, Sort, SortKey, BANDS, PHI_FILTERS};

/// Rows rendered above and below the visible ones.
const OVERSCAN: usize = 12;
/// Row height (CSS px) until the first row is measured; `www/app.css` sets `2rem`.
const DEFAULT_ROW_PX: f64 = 32.0;
/// Viewport height until the list is measured.
const DEFAULT_VIEWPORT_PX: f64 = 640.0;

/// Props of [`NodesPage`].
#[derive(Properties, PartialEq)]
pub(crate) struct NodesPageProps {
    /// The filters and sort, from the hash.
    pub query: Query,
}

/// The list page.
#[function_component(NodesPage)]
pub(crate) fn nodes_page(props: &NodesPageProps) -> Html {
    let ctx = use_ctx();
    let scroll = use_state(|| (0.0_f64, DEFAULT_VIEWPORT_PX));
    let row_px = use_state(|| DEFAULT_ROW_PX);
    let list_ref = use_node_ref();
    // While the page prints, every row is in it (a virtualised list would print a window of
    // rows and blank space for the rest).
    let printing = use_printing();
    let index = ctx.as_ref().map(|c| c.view.index.clone());
    let rows = use_memo((index, props.query.clone()), |(index, query)| {
        index.as_ref().map(|i| filter_rows(i, query)).unwrap_or_default()
    });

    // Measure a rendered row once (its height follows the user's font size).
    {
        let list_ref = list_ref.clone();
        let row_px = row_px.clone();
        use_effect(move || {
            let row = list_ref
                .cast::<HtmlElement>()
                .and_then(|l| l.query_selector("tr[data-testid=node-row]").ok().flatten())
                .and_then(|r| r.dyn_into::<HtmlElement>().ok());
            if let Some(row) = row {
                let h = f64::from(row.offset_height());
                if h > 0.0 && (h - *row_px).abs() > 0.5 {
                    row_px.set(h);
                }
            }
        });
    }
    // A new filter starts at the top of the list.
    {
        let list_ref = list_ref.clone();
        let scroll = scroll.clone();
        use_effect_with(props.query.clone(), move |_| {
            if let Some(list) = list_ref.cast::<HtmlElement>() {
                list.set_scroll_top(0);
                scroll.set((0.0, f64::from(list.client_height()).max(1.0)));
            }
        });
    }

    let Some(ctx) = ctx else { return html! {} };
    let index = &ctx.view.index;
    let query = props.query.clone();
    let refine = ctx.navigate.reform(Route::Nodes);
    let onscroll = {
        let scroll = scroll.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<HtmlElement>() {
                scroll.set((f64::from(el.scroll_top()), f64::from(el.client_height())));
            }
        })
    };
    let oninput = {
        let (refine, query) = (refine.clone(), query.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                refine.emit(query.with("q", &input.value()));
            }
        })
    };
    let select = |param: &'static str, label: &'static str, options: Vec<(String, String)>| {
        html! { <FilterSelect id={format!("filter-{param}")} {label} {param} {options} query={query.clone()} onchange={refine.clone()} /> }
    };
    let same = |list: &[String]| list.iter().map(|v| (v.clone(), v.clone())).collect::<Vec<_>>();
    let sort = Sort::parse(query.get("sort"));
    let header = |key: SortKey, label: &'static str, class: &'static str| {
        let next = query.with("sort", &sort.toggle(key).write());
        let onclick = refine.reform(move |_: MouseEvent| next.clone());
        html! {
            <th scope="col" class={class} aria-sort={sort.aria(key)}>
                <button type="button" class="sort" {onclick}>
                    { label }
                    <span class="sort-mark" aria-hidden="true">{ match sort.aria(key) { "ascending" => " ▲", "descending" => " ▼", _ => "" } }</span>
                </button>
            </th>
        }
    };

    let total = rows.len();
    let (start, end) = if printing { (0, total) } else { window(total, scroll.0, scroll.1, *row_px, OVERSCAN) };
    let spacer = |rows_hidden: usize| {
        let height = format!("{:.0}", rows_hidden as f64 * *row_px);
        // Outside the table, so it adds no column when a narrow window hides one.
        html! { <svg class="vspacer" width="1" height={height} aria-hidden="true" focusable="false"></svg> }
    };
    let has_filters = !query.with("sort", "").is_empty();

    html! {
        <div class="nodes">
            <h1 tabindex="-1">{ "Models" }<span class="kind">{ " · every node and exposure" }</span></h1>
            <form class="filters" role="search" aria-label="Filter the resources" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <div class="field search">
                    <label for="node-search">{ "Search" }</label>
                    <input id="node-search" type="search" placeholder="name, unique_id, tag or column" autocomplete="off"
                        value={query.get("q").unwrap_or("").to_string()} {oninput} data-testid="node-search" />
                </div>
                { select("type", "Resource type", same(&index.facets.resource_types)) }
                { select("package", "Package", same(&index.facets.packages)) }
                { select("phi", "PHI status", PHI_FILTERS.iter().map(|(v, t)| (v.to_string(), t.to_string())).collect()) }
                { select("band", "Score band", BANDS.iter().map(|b| (b.to_string(), b.to_string())).collect()) }
                { select("rule", "Rule", index.facets.rules.iter().map(|r| (r.to_string(), r.to_string())).collect()) }
                { select("tag", "Tag", same(&index.facets.tags)) }
                if has_filters {
                    <p class="clear"><a href={Route::Nodes(Query::default()).href()}>{ "Clear filters" }</a></p>
                }
            </form>
            <p class="count" role="status" aria-live="polite" data-testid="node-count">
                { format!("{total} of {} resources", index.rows.len()) }
            </p>
            <div class="vlist" ref={list_ref} {onscroll} tabindex="0" role="region" aria-label="Resources (scrolls)">
                { spacer(start) }
                <table class="list" aria-rowcount={(total + 1).to_string()}>
                    <caption class="visually-hidden">{ format!("{total} resources with their PHI status, score and open findings; sort with the column buttons") }</caption>
                    <thead>
                        <tr aria-rowindex="1">
                            { header(SortKey::Name, "Name", "name") }
                            { header(SortKey::Type, "Type", "type") }
                            <th scope="col" class="package">{ "Package" }</th>
                            { header(SortKey::Phi, "PHI", "phi") }
                            { header(SortKey::Score, "Score", "score") }
                            { header(SortKey::Findings, "Findings", "num findings") }
                        </tr>
                    </thead>
                    <tbody>
                        { for rows[start..end].iter().enumerate().map(|(i, &r)| {
                            let row = &index.rows[r];
                            html! {
                                <tr data-testid="node-row" data-unique-id={row.unique_id.clone()} aria-rowindex={(start + i + 2).to_string()}>
                                    <td class="name"><a href={Route::resource(&row.unique_id).href()} title={row.unique_id.clone()}>{ &row.name }</a></td>
                                    <td class="type">{ &row.resource_type }</td>
                                    <td class="package">{ &row.package }</td>
                                    <td class="phi">
                                        if let Some(status) = row.phi {
                                            <PhiBadge {status} categories={row.categories.clone()} />
                                        } else {
                                            <span class="muted">{ "not classified" }</span>
                                        }
                                    </td>
                                    <td class="score">
                                        if let Some((score, grade)) = row.score {
                                            <ScoreBadge {score} {grade} />
                                        } else {
                                            <span class="muted">{ "—" }</span>
                                        }
                                    </td>
                                    <td class="num findings">{ row.open_findings }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                { spacer(total - end) }
                if total == 0 {
                    <p class="empty">{ "No resource matches these filters." }</p>
                }
            </div>
        </div>
    }
}

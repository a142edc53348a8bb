//! The exposure page (`#/exposure/<unique_id>`) and the lineage page (`#/lineage/<unique_id>`).
//!
//! Structure: the facts (an exposure's owner, type, maturity, URL as text, score, weakest
//! upstream node, whether PHI reaches it and along which path), then the lineage section
//! (direct upstream and downstream resources, as links), then the exposure's findings.
//! The lineage section is where the lineage graph goes.

pub(crate) mod model;

use std::rc::Rc;

use phi_lens_core::views::lineage::{lineage_graph, LineageOptions};
use phi_lens_core::Lineage;
use yew::prelude::*;

use crate::components::compare::ResourceChanges;
use crate::components::lineage_graph::LineageGraph;
use crate::components::{FindingItem, FindingSubject, Markdown, ResourceLink, ResourceList, ScoreBadge};
use crate::pages::{use_ctx, NotFound};
use crate::route::Route;
use model::{exposure_facts, neighbours, resource_note, ExposureFacts};

/// Props of [`LineagePage`].
#[derive(Properties, PartialEq)]
pub(crate) struct LineagePageProps {
    /// The exposure or node.
    pub unique_id: String,
    /// The exposure page (facts first) rather than the lineage page.
    pub exposure: bool,
}

/// An exposure's facts, or the lineage of any resource.
#[function_component(LineagePage)]
pub(crate) fn lineage_page(props: &LineagePageProps) -> Html {
    let Some(ctx) = use_ctx() else { return html! {} };
    // The lineage graph: laid out by the core for the options the reader chose ("+N more"
    // boxes raise them), again only when the project, the resource or the options change.
    let options = use_state_eq(LineageOptions::default);
    {
        let options = options.clone();
        use_effect_with(props.unique_id.clone(), move |_| options.set(LineageOptions::default()));
    }
    let graph = use_memo((ctx.view.clone(), props.unique_id.clone(), *options), |(view, id, options)| {
        let lineage = Lineage::build(&view.project);
        lineage_graph(&view.project, &lineage, &view.analysis, id, *options).map(Rc::new)
    });
    let on_select = Callback::from(|id: String| {
        if let Some(window) = web_sys::window() {
            // A history entry, so Back returns to the graph.
            let _ = window.location().set_hash(&Route::resource(&id).href());
        }
    });
    let on_expand = {
        let options = options.clone();
        Callback::from(move |o: LineageOptions| options.set(o))
    };
    let view = &ctx.view;
    let id = props.unique_id.as_str();
    let Some((upstream, downstream)) = neighbours(view, id) else {
        return html! { <NotFound what={id.to_string()} /> };
    };
    let facts = if props.exposure { exposure_facts(view, id) } else { None };
    if props.exposure && facts.is_none() {
        return html! { <NotFound what={format!("exposure {id}")} /> };
    }
    let name = view.index.row(id).map_or(id.to_string(), |r| r.name.clone());
    let kind = if facts.is_some() { "exposure".to_string() } else { format!("lineage · {}", resource_note(view, id)) };
    let findings: Vec<_> = view.index.findings(&view.analysis, id).collect();

    html! {
        <article class="lineage-page" data-testid={if props.exposure { "exposure-page" } else { "lineage-page" }}>
            <h1 tabindex="-1">{ name }<span class="kind">{ format!(" · {kind}") }</span></h1>
            <p class="uid"><code>{ id }</code></p>
            <p class="actions">
                if props.exposure {
                    <a href={Route::Lineage(id.to_string()).href()}>{ "Lineage" }</a>
                } else {
                    <a href={Route::resource(id).href()}>{ "Details" }</a>
                }
            </p>
            if let Some(f) = &facts { { exposure_facts_html(f) } }
            if let (true, Some(c)) = (props.exposure, ctx.compare.comparison()) {
                <ResourceChanges diff={c.diff.clone()} unique_id={id.to_string()} />
            }

            <section aria-labelledby="lineage-title" data-testid="lineage">
                <h2 id="lineage-title">{ "Lineage" }</h2>
                if let Some(graph) = (*graph).clone() {
                    <LineageGraph view={graph} {on_select} on_expand={Some(on_expand)} />
                }
                <div class="cards">
                    <div class="card">
                        <h3>{ format!("Reads ({})", upstream.len()) }</h3>
                        <ResourceList ids={upstream} empty="Reads nothing in this project." />
                    </div>
                    <div class="card">
                        <h3>{ format!("Read by ({})", downstream.len()) }</h3>
                        <ResourceList ids={downstream} empty="Nothing reads it." />
                    </div>
                </div>
            </section>

            if props.exposure {
                <section aria-labelledby="exposure-findings-title">
                    <h2 id="exposure-findings-title">{ format!("Findings ({})", findings.len()) }</h2>
                    if findings.is_empty() {
                        <p class="muted">{ "No findings on the exposure itself." }</p>
                    } else {
                        <ul class="finding-list">
                            { for findings.iter().map(|f| html! {
                                <FindingItem finding={(*f).clone()} subject={FindingSubject::Rule} />
                            }) }
                        </ul>
                    }
                </section>
            }
        </article>
    }
}

/// The columns that carry an identifier into the exposure, each with its Safe Harbor category
/// and its path from the raw column.
fn exposure_columns_html(f: &ExposureFacts) -> Html {
    html! {
        <section aria-labelledby="exposure-columns-title" data-testid="exposure-phi-columns">
            <h2 id="exposure-columns-title">{ format!("PHI columns reaching this exposure ({})", f.phi_columns.len()) }</h2>
            if let Some(note) = &f.columns_note {
                <p class="muted">{ note }</p>
            } else if f.phi_columns.is_empty() {
                <p class="muted">{ "No column of what it reads carries an identifier." }</p>
            }
            if !f.phi_columns.is_empty() {
                <div class="table-wrap">
                <table class="dense">
                    <caption class="visually-hidden">{ "Columns carrying an identifier into this exposure, with their path from the raw column" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Column" }</th><th scope="col">{ "Identifier (Safe Harbor)" }</th><th scope="col">{ "Path from the raw column" }</th>
                    </tr></thead>
                    <tbody>
                        { for f.phi_columns.iter().map(|c| html! {
                            <tr data-testid="exposure-phi-column">
                                <th scope="row"><ResourceLink unique_id={c.unique_id.clone()} />{ "." }<code>{ &c.column }</code></th>
                                <td data-testid="safe-harbor">
                                    if let Some(k) = c.category {
                                        { k.name() }<span class="muted">{ format!(" (Safe Harbor {})", k.letter()) }</span>
                                    } else {
                                        <span class="muted">{ "PHI declared without a category" }</span>
                                    }
                                </td>
                                <td>
                                    <ol class="column-steps">
                                        { for c.path.iter().map(|s| html! {
                                            <li><ResourceLink unique_id={s.unique_id.clone()} />{ "." }<code>{ &s.column }</code>
                                                if let Some(t) = s.transform {
                                                    { " " }<span class={classes!("transform", format!("transform-{t}"))}>{ t }</span>
                                                } else {
                                                    <span class="muted small">{ " origin" }</span>
                                                }
                                            </li>
                                        }) }
                                    </ol>
                                    if !c.column_level {
                                        <p class="muted small">{ "Its model was not resolved at column level: this is its own declaration or detection, and node-level inheritance applies beside it." }</p>
                                    }
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                </div>
            }
        </section>
    }
}

/// The exposure's facts: a definition list, its description and the PHI path.
fn exposure_facts_html(f: &ExposureFacts) -> Html {
    let text = |v: &Option<String>| v.clone().unwrap_or_else(|| "not given".to_string());
    html! {
        <>
            <div class="cards">
                <section class="card" aria-labelledby="exposure-facts-title">
                    <h2 id="exposure-facts-title">{ "Facts" }</h2>
                    <dl class="facts" data-testid="exposure-facts">
                        <dt>{ "Owner" }</dt><dd>{ text(&f.owner) }</dd>
                        <dt>{ "Type" }</dt><dd>{ text(&f.kind) }</dd>
                        <dt>{ "Maturity" }</dt><dd>{ text(&f.maturity) }</dd>
                        // The URL is untrusted: shown as text, never followed by phi-lens.
                        <dt>{ "URL" }</dt><dd><code class="url">{ text(&f.url) }</code></dd>
                    </dl>
                </section>
                <section class="card" aria-labelledby="exposure-score-title">
                    <h2 id="exposure-score-title">{ "Score" }</h2>
                    if let Some((score, grade)) = f.score {
                        <p class="big-score" data-testid="exposure-score"><ScoreBadge {score} {grade} /></p>
                    }
                    <p>{ format!("The lower of its own score and its weakest upstream node's ({} scored nodes upstream).", f.upstream_scored) }</p>
                    if let Some((id, score)) = &f.weakest {
                        <p>{ "Weakest upstream node: " }<ResourceLink unique_id={id.clone()} />{ format!(" ({score})") }</p>
                    }
                    if let Some(a) = &f.own_arithmetic { <p class="arithmetic">{ "Own findings: " }<code>{ a }</code></p> }
                </section>
                <section class="card" aria-labelledby="exposure-phi-title">
                    <h2 id="exposure-phi-title">{ "PHI" }</h2>
                    if f.phi_reached {
                        <p data-testid="phi-reaches"><strong>{ "PHI reaches this exposure" }</strong>{ ", along this path:" }</p>
                        <ResourceList ids={f.phi_path.clone()} ordered=true empty="" />
                    } else {
                        <p data-testid="phi-reaches">{ "No PHI reaches this exposure." }</p>
                    }
                </section>
            </div>
            { exposure_columns_html(f) }
            if !f.description.trim().is_empty() {
                <section aria-labelledby="exposure-description-title">
                    <h2 id="exposure-description-title">{ "Description" }</h2>
                    <Markdown text={f.description.clone()} />
                </section>
            }
        </>
    }
}

//! One node (`#/node/<unique_id>`): description (sanitised markdown), facts and meta, the PHI
//! badge with the why, columns with their PHI badge and tests, findings with fix hints and
//! waivers, the score's arithmetic, upstream and downstream links, and the same node in the
//! hosted dbt docs.

pub(crate) mod model;

use std::collections::BTreeSet;

use yew::prelude::*;

use crate::components::compare::ResourceChanges;
use crate::components::{FindingItem, FindingSubject, Markdown, PhiBadge, ResourceLink, ResourceList, ScoreBadge};
use crate::pages::use_ctx;
use crate::route::{Query, Route};
pub(crate) use model::docs_base;
use model::{column_path, column_path_note, docs_href, node_detail, status_explanation, PathRow, TestRow};

/// Props of [`NodePage`].
#[derive(Properties, PartialEq)]
pub(crate) struct NodePageProps {
    /// The node.
    pub unique_id: AttrValue,
}

fn test_list(tests: &[TestRow]) -> Html {
    html! {
        <ul class="tests">
            { for tests.iter().map(|t| html! {
                <li title={t.unique_id.clone()}>
                    <span class={classes!("badge", "test", format!("test-{}", t.status.replace(' ', "-")))}>{ &t.status }</span>
                    { " " }{ &t.name }
                </li>
            }) }
        </ul>
    }
}

/// Edges of a column path, nearest first, each with its transform word as text.
fn path_steps(rows: &[PathRow], empty: &'static str) -> Html {
    if rows.is_empty() {
        return html! { <p class="muted">{ empty }</p> };
    }
    html! {
        <ol class="column-steps">
            { for rows.iter().map(|r| html! {
                <li data-testid="path-step" data-depth={r.depth.to_string()}>
                    <ResourceLink unique_id={r.source.clone()} />{ "." }<code>{ &r.source_column }</code>
                    { " → " }
                    <ResourceLink unique_id={r.target.clone()} />{ "." }<code>{ &r.target_column }</code>
                    { " " }<span class={classes!("transform", format!("transform-{}", r.transform))}>{ r.transform }</span>
                    if r.depth > 1 { <span class="muted small">{ format!(" ({} edges away)", r.depth) }</span> }
                </li>
            }) }
        </ol>
    }
}

/// A column's path: upstream to the raw columns, downstream to the columns and exposures.
fn column_path_html(view: &crate::project_view::ProjectView, unique_id: &str, column: &str, id: &str) -> Html {
    let Some(p) = column_path(view, unique_id, column) else { return html! {} };
    html! {
        <div class="column-path" id={id.to_string()} data-testid="column-path">
            <p class="path-title"><strong>{ format!("Upstream of {column}, to the raw columns") }</strong></p>
            { path_steps(&p.upstream, "No column edge leads into it (a raw column, or one not resolved).") }
            <p class="path-title"><strong>{ format!("Downstream of {column}") }</strong></p>
            { path_steps(&p.downstream, "No column reads it.") }
            <p class="path-title"><strong>{ "Exposures it reaches" }</strong></p>
            <ResourceList ids={p.exposures} empty="No exposure." />
        </div>
    }
}

/// The node page.
#[function_component(NodePage)]
pub(crate) fn node_page(props: &NodePageProps) -> Html {
    // The columns whose path is open, as (node, column).
    let open = use_state(BTreeSet::<(String, String)>::new);
    let Some(ctx) = use_ctx() else { return html! {} };
    let view = &ctx.view;
    let Some(d) = node_detail(view, &props.unique_id) else {
        return html! { <crate::pages::NotFound what={format!("node {}", props.unique_id)} /> };
    };
    let n = d.node;
    let rtype = n.resource_type.as_str();
    let docs = docs_href(&ctx.docs_base, rtype, &n.unique_id);
    let relation: Vec<&str> =
        [n.database.as_deref(), n.schema.as_deref(), n.alias.as_deref()].into_iter().flatten().collect();
    let fact = |label: &'static str, value: Option<String>| match value.filter(|v| !v.is_empty()) {
        Some(v) => html! { <><dt>{ label }</dt><dd>{ v }</dd></> },
        None => html! {},
    };
    let grants: Vec<String> = n.grants.iter().map(|(p, roles)| format!("{p}: {}", roles.join(", "))).collect();
    let cap = view.analysis.phi.policy.score.critical_cap;
    let paths_ready = view.columns.lineage().is_some();
    let path_note = column_path_note(view, &n.unique_id);
    let toggle = |column: &str| {
        let open = open.clone();
        let key = (n.unique_id.to_string(), column.to_string());
        Callback::from(move |_: MouseEvent| {
            let mut set = (*open).clone();
            if !set.remove(&key) {
                set.insert(key.clone());
            }
            open.set(set);
        })
    };

    html! {
        <article class="node-page" data-testid="node-page">
            <p class="breadcrumb"><a href={Route::Nodes(Query::default()).href()}>{ "Models" }</a>{ " / " }{ rtype }</p>
            <h1 tabindex="-1">{ &n.name }<span class="kind">{ format!(" · {rtype}") }</span></h1>
            <p class="uid"><code>{ &*n.unique_id }</code></p>
            <p class="actions">
                <a href={docs} rel="noopener noreferrer" data-testid="docs-link">{ "Open in dbt docs" }</a>
                { " · " }
                <a href={Route::Lineage(n.unique_id.to_string()).href()}>{ "Lineage" }</a>
            </p>
            if let Some(c) = ctx.compare.comparison() {
                <ResourceChanges diff={c.diff.clone()} unique_id={n.unique_id.to_string()} />
            }

            <div class="cards">
                <section class="card" aria-labelledby="phi-title">
                    <h2 id="phi-title">{ "PHI" }</h2>
                    if let Some(p) = d.phi {
                        <p><PhiBadge status={p.status} categories={p.categories.clone()} />
                            if let Some(c) = p.confidence { <span class="muted">{ format!(" confidence {}", c.as_str()) }</span> }
                        </p>
                        <p>{ status_explanation(p.status) }</p>
                        if let Some(m) = &p.deidentification_method { <p>{ "Method: " }<strong>{ m }</strong></p> }
                        if !p.path.is_empty() { <ResourceList ids={p.path.clone()} ordered=true empty="" /> }
                        if !p.evidence.is_empty() {
                            <ul class="evidence">{ for p.evidence.iter().map(|e| html! { <li>{ e }</li> }) }</ul>
                        }
                        <p class="muted">{ format!("Rows are about {}.", p.grain.phrase()) }</p>
                    } else {
                        <p class="muted">{ format!("A {rtype} is not classified: it holds no data.") }</p>
                    }
                </section>
                <section class="card" aria-labelledby="node-score-title">
                    <h2 id="node-score-title">{ "Score" }</h2>
                    if let Some((s, arithmetic)) = &d.score {
                        <p class="big-score"><ScoreBadge score={s.score} grade={s.grade} /></p>
                        <p class="arithmetic" data-testid="arithmetic"><code>{ arithmetic }</code></p>
                        if s.waived > 0 { <p class="muted">{ format!("{} waived finding(s) are shown, not scored.", s.waived) }</p> }
                        if s.capped_by_critical { <p>{ format!("An open critical finding caps the score at {cap}.") }</p> }
                    } else {
                        <p class="muted">{ "Not scored (scores cover enabled models, sources, seeds and snapshots in scope)." }</p>
                    }
                </section>
            </div>

            <section aria-labelledby="description-title">
                <h2 id="description-title">{ "Description" }</h2>
                if n.description.trim().is_empty() {
                    <p class="muted">{ "No description." }</p>
                } else {
                    <Markdown text={n.description.clone()} />
                }
                if let Some(sd) = n.source_description.as_ref().filter(|s| !s.trim().is_empty()) {
                    <h3>{ "Source" }</h3>
                    <Markdown text={sd.clone()} />
                }
            </section>

            <section aria-labelledby="columns-title">
                <h2 id="columns-title">{ format!("Columns ({})", d.columns.len()) }</h2>
                if let Some(note) = &path_note {
                    if !d.columns.is_empty() { <p class="muted" data-testid="column-path-note">{ note }</p> }
                }
                if d.columns.is_empty() {
                    <p class="muted">{ "No columns are documented or in the catalog." }</p>
                } else {
                    <div class="table-wrap">
                    <table class="dense columns" data-testid="columns">
                        <caption class="visually-hidden">{ "Columns with their PHI classification and tests" }</caption>
                        <thead><tr>
                            <th scope="col">{ "Column" }</th><th scope="col">{ "Type" }</th><th scope="col">{ "PHI" }</th>
                            <th scope="col">{ "Confidence" }</th><th scope="col">{ "Tests (last status)" }</th><th scope="col">{ "Description" }</th>
                        </tr></thead>
                        <tbody>
                            { for d.columns.iter().enumerate().map(|(i, c)| {
                                let is_open = open.contains(&(n.unique_id.to_string(), c.name.to_string()));
                                let path_id = format!("column-path-{i}");
                                html! { <>
                                <tr data-testid="column-row">
                                    <th scope="row"><code>{ c.name }</code>
                                        if c.warehouse_only { <span class="muted small">{ " warehouse only" }</span> }
                                        if paths_ready {
                                            { " " }
                                            <button type="button" class="path-toggle" data-testid="column-path-toggle"
                                                aria-expanded={is_open.to_string()}
                                                aria-controls={is_open.then(|| path_id.clone())}
                                                aria-label={format!("Path of {}", c.name)}
                                                onclick={toggle(c.name)}>{ "Path" }</button>
                                        }
                                    </th>
                                    <td><code>{ c.data_type.unwrap_or("") }</code></td>
                                    <td>
                                        if let Some(p) = c.phi {
                                            <PhiBadge status={p.status} categories={p.category.into_iter().collect::<Vec<_>>()} />
                                            if !p.evidence.is_empty() || !p.path.is_empty() {
                                                <details class="why">
                                                    <summary>{ "why" }</summary>
                                                    <ul class="evidence">{ for p.evidence.iter().map(|e| html! { <li>{ e }</li> }) }</ul>
                                                    if !p.path.is_empty() { <ResourceList ids={p.path.clone()} ordered=true empty="" /> }
                                                    if let Some(m) = &p.masking { <p>{ format!("Masking: {m}") }</p> }
                                                </details>
                                            }
                                        }
                                    </td>
                                    <td>{ c.phi.and_then(|p| p.confidence).map(|x| x.as_str()).unwrap_or("") }</td>
                                    <td>
                                        if c.tests.is_empty() { <span class="muted">{ "none" }</span> } else { { test_list(&c.tests) } }
                                    </td>
                                    <td class="description">{ c.description }</td>
                                </tr>
                                if is_open {
                                    <tr class="path-row" data-testid="column-path-row">
                                        <td colspan="6">{ column_path_html(view, &n.unique_id, c.name, &path_id) }</td>
                                    </tr>
                                }
                                </> }
                            }) }
                        </tbody>
                    </table>
                    </div>
                }
                if !d.node_tests.is_empty() {
                    <h3>{ "Tests on the whole node" }</h3>
                    { test_list(&d.node_tests) }
                }
            </section>

            <section aria-labelledby="node-findings-title">
                <h2 id="node-findings-title">{ format!("Findings ({})", d.findings.len()) }</h2>
                if d.findings.is_empty() {
                    <p class="muted">{ "No findings." }</p>
                } else {
                    <ul class="finding-list">
                        { for d.findings.iter().map(|f| html! {
                            <FindingItem finding={(*f).clone()} subject={FindingSubject::Rule} />
                        }) }
                    </ul>
                }
            </section>

            <div class="cards">
                <section class="card" aria-labelledby="upstream-title">
                    <h2 id="upstream-title">{ format!("Upstream ({})", d.upstream.len()) }</h2>
                    <ResourceList ids={d.upstream.clone()} empty="Reads nothing in this project." />
                </section>
                <section class="card" aria-labelledby="downstream-title">
                    <h2 id="downstream-title">{ format!("Downstream ({})", d.downstream.len()) }</h2>
                    <ResourceList ids={d.downstream.clone()} empty="Nothing reads it." />
                </section>
            </div>
            <section aria-labelledby="details-title">
                <h2 id="details-title">{ "Details" }</h2>
                <dl class="facts">
                    { fact("Package", Some(n.package_name.to_string())) }
                    { fact("Relation", Some(relation.join("."))) }
                    { fact("Materialized", n.materialized.as_deref().map(str::to_string)) }
                    { fact("Access", n.access.as_deref().map(str::to_string)) }
                    { fact("Defined in", Some(n.original_file_path.to_string())) }
                    { fact("Documented in", n.patch_path.as_deref().map(str::to_string)) }
                    { fact("Tags", Some(n.tags.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(", "))) }
                    { fact("Grants", Some(grants.join("; "))) }
                    { fact("Last run", n.run.as_ref().map(|r| r.status.clone())) }
                    { fact("Enabled", (!n.enabled).then(|| "no".to_string())) }
                </dl>
                if let Some(meta) = &d.meta {
                    <h3 id="meta-title">{ "meta" }</h3>
                    <pre class="meta" aria-labelledby="meta-title">{ meta }</pre>
                }
            </section>

        </article>
    }
}

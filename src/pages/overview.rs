//! The overview (`#/`): the project score and grade, coverage, the PHI inventory by Safe
//! Harbor category (a bar chart with text labels), findings by severity and by family,
//! exposures ranked by score, the inputs with their SHA-256, the policy in force, and the
//! project summary.

pub(crate) mod model;

use yew::prelude::*;

use crate::components::{ProjectSummary, ScoreBadge, SeverityBadge};
use crate::format::format_bytes;
use crate::pages::use_ctx;
use crate::route::{Query, Route};
use model::{
    bar_width, coverage_rows, exposures_ranked, findings_by_family, findings_by_severity, phi_by_category, ratio_text,
};

/// Width of the longest bar of the chart, in SVG units (pixels).
const BAR: u32 = 240;

/// The overview.
#[function_component(OverviewPage)]
pub(crate) fn overview_page() -> Html {
    let Some(ctx) = use_ctx() else { return html! {} };
    let view = &ctx.view;
    let analysis = &*view.analysis;
    let scores = &analysis.scores;
    let bars = phi_by_category(analysis);
    let max = bars.iter().map(|b| b.columns).max().unwrap_or(0);
    let phi_columns: usize = bars.iter().map(|b| b.columns).sum();
    let findings_link = |key: &str, value: &str| Route::Findings(Query::from_pairs([(key, value)])).href();
    let exposures = exposures_ranked(&view.project, analysis);
    let policy = view.policy();

    html! {
        <div class="overview">
            <h1 tabindex="-1">{ view.project_name() }<span class="kind">{ " · overview" }</span></h1>

            <section class="score-card" aria-labelledby="score-title">
                <h2 id="score-title">{ "Project score" }</h2>
                <p class="big-score">
                    <span data-testid="project-score">{ format!("{:.1}", scores.project_score) }</span>
                    <span class="of">{ " / 100 " }</span>
                    <span class={classes!("badge", "grade", format!("grade-{}", scores.project_grade))} data-testid="project-grade">
                        <span class="visually-hidden">{ "grade " }</span>{ scores.project_grade }
                    </span>
                </p>
                <p class="muted">
                    { format!("The mean of {} node scores (models, sources, seeds, snapshots). ", scores.nodes.len()) }
                    <a href={Route::Nodes(Query::from_pairs([("sort", "score")])).href()}>{ "Lowest scores first" }</a>
                </p>
                { for scores.project_grade_capped_by.iter().map(|c| html! {
                    <p data-testid="grade-cap"><strong>{ format!("Grade capped at {}: {}.", c.grade, c.reason) }</strong></p>
                }) }
            </section>

            <div class="grid">
                <section aria-labelledby="coverage-title">
                    <h2 id="coverage-title">{ "Coverage" }</h2>
                    <table class="dense">
                        <caption class="visually-hidden">{ "Coverage figures" }</caption>
                        <thead><tr><th scope="col">{ "What" }</th><th scope="col" class="num">{ "Covered" }</th></tr></thead>
                        <tbody>
                            { for coverage_rows(analysis).into_iter().map(|(label, r)| html! {
                                <tr><th scope="row">{ label }</th><td class="num">{ ratio_text(&r) }</td></tr>
                            }) }
                        </tbody>
                    </table>
                </section>

                <section aria-labelledby="severity-title">
                    <h2 id="severity-title">{ "Findings by severity" }</h2>
                    <table class="dense">
                        <caption class="visually-hidden">{ "Open and waived findings by severity" }</caption>
                        <thead><tr><th scope="col">{ "Severity" }</th><th scope="col" class="num">{ "Open" }</th><th scope="col" class="num">{ "Waived" }</th></tr></thead>
                        <tbody>
                            { for findings_by_severity(&analysis.findings).into_iter().map(|c| html! {
                                <tr data-testid={format!("severity-{}", c.key.as_str())}>
                                    <th scope="row"><a href={findings_link("severity", c.key.as_str())}><SeverityBadge severity={c.key} /></a></th>
                                    <td class="num">{ c.open }</td><td class="num">{ c.waived }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                    <h2 id="family-title">{ "Findings by rule family" }</h2>
                    <table class="dense">
                        <caption class="visually-hidden">{ "Open and waived findings by rule family" }</caption>
                        <thead><tr><th scope="col">{ "Family" }</th><th scope="col" class="num">{ "Open" }</th><th scope="col" class="num">{ "Waived" }</th></tr></thead>
                        <tbody>
                            { for findings_by_family(&analysis.findings).into_iter().map(|c| html! {
                                <tr>
                                    <th scope="row"><a href={findings_link("family", c.key.as_str())}>{ c.key.title() }</a></th>
                                    <td class="num">{ c.open }</td><td class="num">{ c.waived }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </section>
            </div>

            <section aria-labelledby="inventory-title" data-testid="phi-inventory">
                <h2 id="inventory-title">{ "PHI inventory by Safe Harbor category" }</h2>
                <p class="muted">{ format!("{phi_columns} PHI columns (declared, detected or inherited) by the HIPAA Safe Harbor identifier they hold, 45 CFR 164.514(b)(2)(i).") }</p>
                <table class="chart">
                    <caption class="visually-hidden">{ "PHI columns and resources by Safe Harbor identifier" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Identifier" }</th>
                        <th scope="col" class="num">{ "Columns" }</th>
                        <th scope="col" class="bar-cell"><span class="visually-hidden">{ "Bar" }</span></th>
                        <th scope="col" class="num">{ "Resources" }</th>
                    </tr></thead>
                    <tbody>
                        { for bars.iter().map(|b| {
                            let w = bar_width(b.columns, max, BAR);
                            html! {
                                <tr class={classes!((b.columns == 0).then_some("zero"))} data-testid={format!("category-{}", b.letter())}>
                                    <th scope="row"><span class="letter">{ b.letter() }</span>{ " " }{ b.name() }</th>
                                    <td class="num">{ b.columns }</td>
                                    <td class="bar-cell">
                                        <svg class="bar" width={BAR.to_string()} height="14" viewBox={format!("0 0 {BAR} 14")} aria-hidden="true" focusable="false">
                                            <rect class="track" x="0" y="2" width={BAR.to_string()} height="10" />
                                            <rect class="fill" x="0" y="2" width={w.to_string()} height="10" />
                                        </svg>
                                    </td>
                                    <td class="num">{ b.nodes }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                <p><a href={Route::Nodes(Query::from_pairs([("phi", "phi")])).href()}>{ "List the resources holding PHI" }</a></p>
            </section>

            <section aria-labelledby="exposures-title">
                <h2 id="exposures-title">{ "Exposures, weakest first" }</h2>
                if exposures.is_empty() {
                    <p class="muted">{ "The project declares no exposures." }</p>
                } else {
                    <table class="dense">
                        <caption class="visually-hidden">{ "Exposures ranked by score, lowest first" }</caption>
                        <thead><tr>
                            <th scope="col">{ "Exposure" }</th><th scope="col">{ "Type" }</th>
                            <th scope="col" aria-sort="ascending">{ "Score" }</th><th scope="col">{ "PHI reaches it" }</th>
                            <th scope="col">{ "Weakest upstream node" }</th>
                        </tr></thead>
                        <tbody>
                            { for exposures.iter().map(|e| html! {
                                <tr data-testid="exposure-row">
                                    <th scope="row"><a href={Route::Exposure(e.unique_id.clone()).href()}>{ &e.name }</a></th>
                                    <td>{ e.kind.clone().unwrap_or_default() }</td>
                                    <td><ScoreBadge score={e.score} grade={e.grade} /></td>
                                    <td>{ if e.phi_reached { "yes" } else { "no" } }</td>
                                    <td>
                                        if let Some((id, score)) = &e.weakest {
                                            <a href={Route::resource(id).href()}><code>{ id }</code></a>{ format!(" ({score})") }
                                        }
                                    </td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                }
            </section>

            <section aria-labelledby="inputs-title" data-testid="inputs">
                <h2 id="inputs-title">{ "Inputs" }</h2>
                <table class="dense inputs">
                    <caption class="visually-hidden">{ "The artifact files analysed, with their SHA-256" }</caption>
                    <thead><tr>
                        <th scope="col">{ "File" }</th><th scope="col" class="num">{ "Size" }</th><th scope="col">{ "SHA-256" }</th>
                        <th scope="col">{ "Schema" }</th><th scope="col">{ "dbt version" }</th><th scope="col">{ "Generated at" }</th>
                    </tr></thead>
                    <tbody>
                        { for view.inputs.iter().map(|i| html! {
                            <tr>
                                <th scope="row"><code>{ &i.file }</code></th>
                                <td class="num" title={format!("{} bytes", i.bytes)}>{ format_bytes(i.bytes) }</td>
                                <td><code class="hash">{ i.sha256.trim_start_matches("sha256:") }</code></td>
                                <td>{ i.schema_version.clone().unwrap_or_default() }</td>
                                <td>{ i.dbt_version.clone().unwrap_or_default() }</td>
                                <td>{ i.generated_at.clone().unwrap_or_default() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </section>

            <section aria-labelledby="policy-title" data-testid="policy">
                <h2 id="policy-title">{ "Policy in force" }</h2>
                <p data-testid="policy-source">{ ctx.policy.describe() }</p>
                <p>{ "Hash: " }<code class="hash" data-testid="policy-hash">{ &analysis.phi.policy_hash }</code></p>
                <p><a href={Route::Policy.href()}>{ "View, edit or download the policy" }</a></p>
                <details>
                    <summary>{ "Show the policy's values" }</summary>
                    <pre class="policy">{ serde_json::to_string_pretty(policy).unwrap_or_default() }</pre>
                </details>
            </section>

            <ProjectSummary project={view.clone()} />
        </div>
    }
}

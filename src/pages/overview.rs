//! The overview (`#/`): is it safe, and what first — the project score, the grade and why, the
//! riskiest root causes as cards with the fix to copy, charts of the open findings by family
//! and severity and of the node scores (inline SVG with their text), coverage, the PHI
//! inventory by Safe Harbor category (a bar chart with text labels), findings by severity and by family,
//! exposures ranked by score, the inputs with their SHA-256 and how many models were resolved
//! at column level (the others listed with the reason), the policy in force, and the
//! project summary. When a base is loaded ("compare with"), what changed since it, in
//! numbers, under the score; otherwise, at the end, the way to load one.

pub(crate) mod model;

use yew::prelude::*;

use crate::compare::Compare;
use crate::components::compare::{ComparePicker, LevelBadge};
use crate::components::{ProjectSummary, ResourceLink, ScoreBadge, SeverityBadge};
use crate::format::format_bytes;
use crate::pages::use_ctx;
use crate::project_view::ColumnState;
use crate::route::{Query, Route};
use model::{
    bar_width, coverage_rows, exposures_ranked, findings_by_family, findings_by_severity, phi_by_category, ratio_text,
};
use phi_lens_core::columns::ModelStatus;
use phi_lens_core::views::diff::summary;
use phi_lens_core::views::first_screen::{
    family_chart_text, findings_by_family_and_severity, grade_reason, score_chart_text, score_distribution, SEVERITIES,
};

/// Width of the longest bar of the chart, in SVG units (pixels).
const BAR: u32 = 240;
/// Models not resolved at column level listed on the overview; the rest are counted.
const UNRESOLVED_SHOWN: usize = 200;
/// Root-cause cards on the overview.
const CARDS: usize = 6;
/// Width of the family and score charts, their label column and row, and the histogram's height.
const CHART_W: u32 = 420;
const LABEL_W: u32 = 110;
const ROW: u32 = 22;
const HIST_H: u32 = 110;

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
    // `None` until the load has grouped them, just after this page's first paint.
    let open_causes: Option<Vec<&phi_lens_core::root_causes::RootCause>> =
        view.root_causes.ready().map(|causes| causes.iter().filter(|c| !c.is_waived()).collect());
    let family_bars = findings_by_family_and_severity(analysis);
    let family_max = family_bars.iter().map(|b| b.total()).max().unwrap_or(0);
    let bins = score_distribution(analysis);
    let bins_max = bins.iter().map(|b| b.nodes).max().unwrap_or(0);

    // How PHI was followed: along column edges of the compiled SQL, or node by node.
    let (column_state, column_lineage) = match &view.columns {
        ColumnState::NoCompiledSql => (
            "none",
            "Column lineage: no model carries compiled SQL (run dbt compile): PHI is inherited node by node.".to_string(),
        ),
        ColumnState::Pending => ("pending", "Column lineage: resolving the compiled SQL…".to_string()),
        ColumnState::Ready(l) => (
            "ready",
            format!(
                "Column lineage: {} of {} models resolved from their compiled SQL; PHI follows column edges there, node by node elsewhere.",
                l.resolved(),
                l.models.len()
            ),
        ),
        ColumnState::Failed(e) => ("failed", format!("Column lineage: the compiled SQL could not be read ({e}): PHI is inherited node by node.")),
    };
    // The models not resolved at column level, with the reason `phi-lens columns` gives.
    let unresolved: Vec<&ModelStatus> =
        view.columns.lineage().map(|l| l.models.iter().filter(|m| !m.parsed).collect()).unwrap_or_default();
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
                <p class="muted" data-testid="grade-reason">{ grade_reason(analysis) }</p>
            </section>

            if let Compare::Ready(c) = &ctx.compare {
                { diff_summary(c) }
            }

            <section aria-labelledby="first-title" data-testid="root-causes" aria-busy={open_causes.is_none().then_some("true")}>
                <h2 id="first-title">{ "What to fix first" }</h2>
                if let Some(open_causes) = &open_causes {
                if open_causes.is_empty() {
                    <p class="muted">{ "No open finding." }</p>
                } else {
                    <p class="muted">{ format!("{} open findings come from {} root causes: one rule, one scope, one fix. The riskiest first (worst severity, then PHI reaching an exposure, then how many).",
                        open_causes.iter().map(|c| c.open).sum::<usize>(), open_causes.len()) }</p>
                    <ol class="cause-cards">
                        { for open_causes.iter().take(CARDS).enumerate().map(|(i, c)| html! {
                            <li class="cause-card" data-testid="root-cause-card" data-rule={c.rule.as_str()} data-scope={c.scope.as_str()}>
                                <h3><SeverityBadge severity={c.severity} />{ " " }{ c.rule.as_str() }{ " " }<span class="rule-name">{ c.rule_name }</span></h3>
                                <p class="scope">{ format!("{} ", c.scope.as_str()) }<code>{ &c.scope_id }</code></p>
                                <p class="count"><strong>{ format!("{} finding(s)", c.open) }</strong>{ format!(" on {} node(s)", c.nodes.len()) }
                                    if c.phi_reaches_exposure { <span>{ " · PHI reaches an exposure through it" }</span> }
                                </p>
                                <p>{ &c.fix.summary }</p>
                                if c.fix.text != c.fix.summary && !c.fix.text.is_empty() {
                                    <details class="fix">
                                        <summary>{ "The fix to copy" }</summary>
                                        <pre tabindex="0" aria-label={format!("The fix of root cause {}", i + 1)}>{ &c.fix.text }</pre>
                                    </details>
                                }
                                <p><a href={Route::Findings(Query::from_pairs([("cause", (i + 1).to_string().as_str())])).href()}>{ "Its findings" }</a></p>
                            </li>
                        }) }
                    </ol>
                    <p><a href={Route::Findings(Query::default()).href()}>{ format!("All {} root causes", open_causes.len()) }</a></p>
                }
                } else {
                    <p class="muted" data-testid="root-causes-pending">{ format!("Grouping the {} findings by root cause…", analysis.findings.len()) }</p>
                }
            </section>

            <div class="grid charts">
                <figure class="chart-figure" data-testid="chart-family-severity" tabindex="0" aria-labelledby="family-chart-title" aria-describedby="family-chart-text">
                    <figcaption id="family-chart-title">{ "Open findings by family and severity" }</figcaption>
                    <svg class="stack" role="img" aria-labelledby="family-chart-title family-chart-text" focusable="false"
                        width={CHART_W.to_string()} height={(family_bars.len() as u32 * ROW + 24).to_string()}
                        viewBox={format!("0 0 {CHART_W} {}", family_bars.len() as u32 * ROW + 24)}>
                        { for family_bars.iter().enumerate().map(|(i, b)| {
                            let y = i as u32 * ROW;
                            let mut x = LABEL_W;
                            let segments: Vec<Html> = SEVERITIES.iter().zip(b.counts).filter(|(_, n)| *n > 0).map(|(sev, n)| {
                                let w = bar_width(n, family_max, CHART_W - LABEL_W - 40).max(1);
                                let seg = html! { <rect class={classes!("seg", format!("seg-{}", sev.as_str()))} x={x.to_string()} y={(y + 4).to_string()} width={w.to_string()} height="14" /> };
                                x += w;
                                seg
                            }).collect();
                            html! {
                                <g>
                                    <text x="0" y={(y + 15).to_string()}>{ b.family.title().split(' ').next().unwrap_or("") }</text>
                                    { for segments }
                                    <text x={(x + 4).to_string()} y={(y + 15).to_string()}>{ b.total() }</text>
                                </g>
                            }
                        }) }
                        <g class="legend">
                            { for SEVERITIES.iter().enumerate().map(|(i, sev)| html! {
                                <>
                                    <rect class={classes!("seg", format!("seg-{}", sev.as_str()))} x={(LABEL_W + i as u32 * 70).to_string()} y={(family_bars.len() as u32 * ROW + 8).to_string()} width="10" height="10" />
                                    <text x={(LABEL_W + i as u32 * 70 + 14).to_string()} y={(family_bars.len() as u32 * ROW + 17).to_string()}>{ sev.as_str() }</text>
                                </>
                            }) }
                        </g>
                    </svg>
                    <p id="family-chart-text" class="chart-text">{ family_chart_text(&family_bars) }</p>
                </figure>

                <figure class="chart-figure" data-testid="chart-score-distribution" tabindex="0" aria-labelledby="score-chart-title" aria-describedby="score-chart-text">
                    <figcaption id="score-chart-title">{ "Node scores, as a distribution" }</figcaption>
                    <svg class="histogram" role="img" aria-labelledby="score-chart-title score-chart-text" focusable="false"
                        width={CHART_W.to_string()} height={(HIST_H + 36).to_string()} viewBox={format!("0 0 {CHART_W} {}", HIST_H + 36)}>
                        { for bins.iter().enumerate().map(|(i, b)| {
                            let w = (CHART_W - 20) / bins.len() as u32;
                            let h = bar_width(b.nodes, bins_max, HIST_H);
                            let x = 10 + i as u32 * w;
                            html! {
                                <g>
                                    <rect class="fill" x={(x + 2).to_string()} y={(HIST_H - h + 14).to_string()} width={(w - 4).to_string()} height={h.to_string()} />
                                    if b.nodes > 0 {
                                        <text class="value" x={(x + w / 2).to_string()} y={(HIST_H - h + 11).to_string()} text-anchor="middle">{ b.nodes }</text>
                                    }
                                    <text x={(x + w / 2).to_string()} y={(HIST_H + 30).to_string()} text-anchor="middle">{ b.from }</text>
                                </g>
                            }
                        }) }
                    </svg>
                    <p id="score-chart-text" class="chart-text">{ score_chart_text(&bins) }</p>
                </figure>
            </div>

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

            <section aria-labelledby="inventory-title" data-testid="phi-inventory" class="chart-phi-categories">
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
                <p data-testid="column-lineage" data-state={column_state}>{ column_lineage }</p>
                if !unresolved.is_empty() {
                    <details data-testid="column-unresolved">
                        <summary>{ format!("{} models not resolved at column level, with the reason (node-level inheritance applies to them)", unresolved.len()) }</summary>
                        <ul class="unresolved">
                            { for unresolved.iter().take(UNRESOLVED_SHOWN).map(|m| html! {
                                <li><ResourceLink unique_id={m.unique_id.clone()} />{ ": " }{ m.error.as_deref().unwrap_or("no reason given") }</li>
                            }) }
                        </ul>
                        if unresolved.len() > UNRESOLVED_SHOWN {
                            <p class="muted">{ format!("and {} more: phi-lens columns lists them all.", unresolved.len() - UNRESOLVED_SHOWN) }</p>
                        }
                    </details>
                }
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

            if matches!(ctx.compare, Compare::None) {
                <ComparePicker on_files={ctx.compare_files.clone()} title="Compare with another build" />
            }

            <ProjectSummary project={view.clone()} />
        </div>
    }
}

/// What changed since the base, in numbers, with the way to the changes.
fn diff_summary(c: &crate::compare::Comparison) -> Html {
    let s = summary(&c.diff);
    html! {
        <section aria-labelledby="diff-summary-title" data-testid="diff-summary" class="diff-summary">
            <h2 id="diff-summary-title">{ "Since the base" }</h2>
            <p>{ "Compared with " }{ c.base.describe() }{ "." }</p>
            <p class="verdict" data-testid="diff-summary-verdict"><LevelBadge level={s.level} />{ " " }{ &s.verdict }</p>
            <p>{ format!("Project score {} · findings {}", s.score, s.findings) }</p>
            if s.empty {
                <p data-testid="diff-summary-empty"><strong>{ "No changes" }</strong>{ " since the base." }</p>
            } else {
                <table class="dense">
                    <caption class="visually-hidden">{ "What changed since the base, by kind" }</caption>
                    <thead><tr><th scope="col">{ "Change" }</th><th scope="col" class="num">{ "Count" }</th></tr></thead>
                    <tbody>
                        { for s.counts.iter().map(|(what, n)| html! {
                            <tr data-testid="diff-summary-row" data-kind={*what}><th scope="row">{ *what }</th><td class="num">{ *n }</td></tr>
                        }) }
                    </tbody>
                </table>
            }
            <p><a href={crate::route::Route::Diff.href()}>{ "Every change, in full" }</a></p>
        </section>
    }
}

//! What changed since the base (`#/diff`): the base, the verdict, the project score and
//! findings before → after, then every section of the core's diff — PHI classification,
//! exposures (PHI newly reaching them, by column and Safe Harbor category), findings new,
//! resolved and whose severity changed, waivers, scores, tests removed or newly failing,
//! renames — each listed in full, or "None." Without a base, how to load one.

use phi_lens_core::diff::text::score_change;
use phi_lens_core::views::diff::{exposure_row, phi_rows, summary};
use yew::prelude::*;

use crate::compare::Compare;
use crate::components::compare::{
    exposure_table, finding_list, phi_table, test_table, waiver_table, ComparePicker, LevelBadge,
};
use crate::components::ResourceLink;
use crate::pages::use_ctx;

/// A section of the diff page: its heading with the count, its content or "None."
fn section(id: &'static str, title: &str, count: usize, content: Html) -> Html {
    html! {
        <section aria-labelledby={format!("{id}-title")} data-testid={id} data-count={count.to_string()}>
            <h2 id={format!("{id}-title")}>{ format!("{title} ({count})") }</h2>
            if count == 0 { <p class="muted">{ "None." }</p> } else { { content } }
        </section>
    }
}

/// The diff page.
#[function_component(DiffPage)]
pub(crate) fn diff_page() -> Html {
    let Some(ctx) = use_ctx() else { return html! {} };
    let picker = |title: &'static str| html! { <ComparePicker on_files={ctx.compare_files.clone()} {title} /> };
    let heading = html! {
        <h1 tabindex="-1">{ "Changes since the base" }<span class="kind">{ format!(" · {}", ctx.view.project_name()) }</span></h1>
    };
    let c = match &ctx.compare {
        Compare::Ready(c) => c.clone(),
        other => {
            let status = match other {
                Compare::Loading(what) => {
                    html! { <p role="status" data-testid="compare-loading">{ format!("Loading the base: {what}") }</p> }
                }
                Compare::Failed(message) => html! { <p role="alert" data-testid="compare-error">{ message }</p> },
                _ => html! {},
            };
            return html! {
                <article class="diff-page" data-testid="diff-page">
                    { heading }
                    { status }
                    <p data-testid="diff-no-base">{ "No base is loaded. Load another build of this project — the main branch's, the last release's — to see what changed: PHI newly reaching an exposure, lost declarations, new and resolved findings, scores before and after, clinical tests removed." }</p>
                    { picker("Compare with a base build") }
                </article>
            };
        }
    };
    let d = &*c.diff;
    let s = summary(d);
    let phi = phi_rows(&d.phi);
    let exposures: Vec<_> = d.exposures.iter().map(exposure_row).collect();
    let f = &d.findings;
    let new: Vec<_> = f.new.iter().collect();
    let resolved: Vec<_> = f.resolved.iter().collect();
    let waivers_added: Vec<_> = d.waivers.added.iter().collect();
    let waivers_removed: Vec<_> = d.waivers.removed.iter().collect();
    let removed: Vec<_> = d.tests.removed.iter().collect();
    let failing: Vec<_> = d.tests.newly_failing.iter().collect();
    let scores: Vec<_> = d.scores.nodes.iter().chain(&d.scores.exposures).collect();
    let clear = {
        let clear = ctx.clear_compare.clone();
        Callback::from(move |_: MouseEvent| clear.emit(()))
    };

    html! {
        <article class="diff-page" data-testid="diff-page">
            { heading }
            <p data-testid="diff-base">{ "Compared with " }{ c.base.describe() }{ ". Both builds are analysed under the policy in force (" }
                <code class="hash">{ &c.base.analysis.phi.policy_hash }</code>{ "), as " }<code>{ "phi-lens diff --policy" }</code>{ " does." }</p>
            <p class="verdict" data-testid="diff-verdict"><LevelBadge level={s.level} />{ " " }{ &s.verdict }</p>
            <p data-testid="diff-scoreline">{ format!("Project score {} · findings {}", s.score, s.findings) }</p>
            if !c.base.notes.is_empty() {
                <ul class="notes">{ for c.base.notes.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
            }
            if let Some(note) = &d.selection { <p>{ note }</p> }
            if s.empty {
                <p class="no-changes" data-testid="diff-no-changes"><strong>{ "No changes" }</strong>{ ": nothing the comparison reports changed between the base and this build." }</p>
            }
            <p><button type="button" onclick={clear}>{ "Stop comparing" }</button></p>

            { section("diff-phi", "PHI classification", phi.len(), phi_table(&phi, "Nodes and columns whose PHI classification or schema changed")) }
            { section("diff-exposures", "Exposures", exposures.len(), exposure_table(&exposures)) }
            { section("diff-new-findings", "New findings", new.len(), finding_list(&new, "diff-new-finding", "")) }
            { section("diff-resolved-findings", "Resolved findings", resolved.len(), finding_list(&resolved, "diff-resolved-finding", "")) }
            { section("diff-severity", "Findings whose severity changed", f.severity_changed.len(), html! {
                <ul class="plain">
                    { for f.severity_changed.iter().map(|x| html! {
                        <li data-testid="diff-severity-row">
                            <strong>{ x.finding.rule }</strong>{ " on " }<ResourceLink unique_id={x.finding.unique_id.clone()} />
                            if let Some(col) = &x.finding.column { { " column " }<code>{ col }</code> }
                            { format!(": {} → {}", x.severity.before, x.severity.after) }
                        </li>
                    }) }
                </ul>
            }) }
            <p class="muted" data-testid="diff-unchanged">{ format!("{} findings are on both sides.", f.unchanged) }</p>
            { section("diff-waivers", "Waivers added or removed", waivers_added.len() + waivers_removed.len(), waiver_table(&waivers_added, &waivers_removed)) }
            <section aria-labelledby="diff-scores-title" data-testid="diff-scores" data-count={scores.len().to_string()}>
                <h2 id="diff-scores-title">{ format!("Scores ({} changed)", scores.len()) }</h2>
                <p data-testid="diff-project-score">{ format!("Project: {}", s.score) }</p>
                if !scores.is_empty() {
                    <table class="dense diff-table">
                        <caption class="visually-hidden">{ "Nodes and exposures whose score changed" }</caption>
                        <thead><tr><th scope="col">{ "Node or exposure" }</th><th scope="col">{ "Score before → after" }</th></tr></thead>
                        <tbody>
                            { for scores.iter().map(|x| html! {
                                <tr data-testid="diff-score-row"><th scope="row"><ResourceLink unique_id={x.unique_id.clone()} /></th><td>{ score_change(x) }</td></tr>
                            }) }
                        </tbody>
                    </table>
                }
            </section>
            { section("diff-tests", "Clinical tests removed, tests newly failing", removed.len() + failing.len(), test_table(&removed, &failing)) }
            { section("diff-renamed", "Renamed (compared under the new name)", d.renamed.len(), html! {
                <ul class="plain">
                    { for d.renamed.iter().map(|r| html! {
                        <li data-testid="diff-renamed-row"><code>{ &r.from }</code>{ " → " }<ResourceLink unique_id={r.to.clone()} /></li>
                    }) }
                </ul>
            }) }
            { picker("Compare with another base") }
        </article>
    }
}

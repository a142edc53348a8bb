//! "Compare with": the indicator under the top bar (which base, its verdict, the way to the
//! changes, "Stop comparing"), the picker that loads files as the base (a labelled file input
//! and a drop zone), and the pieces the diff page and the node and exposure pages share to
//! show what changed — all rendering the core's diff view-models
//! (`phi_lens_core::views::diff`) as text.

use phi_lens_core::diff::text::score_change;
use phi_lens_core::diff::{Diff, DiffFinding, TestRef};
use phi_lens_core::findings::Severity;
use phi_lens_core::report::ReportWaiver;
use phi_lens_core::views::diff::{resource_changes, summary, ExposureRow, PhiRow};
use yew::prelude::*;

use crate::compare::Compare;
use crate::components::{ResourceLink, SeverityBadge};
use crate::project_view::Shared;
use crate::route::Route;

/// Props of [`CompareBanner`].
#[derive(Properties, PartialEq)]
pub(crate) struct CompareBannerProps {
    /// The base and where its load got to.
    pub compare: Compare,
    /// Stops comparing.
    pub on_clear: Callback<()>,
}

/// The "compared with" indicator on every view: the base, the verdict (its level in words),
/// a link to the changes; while a base loads, what it is doing; when it failed, why.
#[function_component(CompareBanner)]
pub(crate) fn compare_banner(props: &CompareBannerProps) -> Html {
    let stop = {
        let on_clear = props.on_clear.clone();
        Callback::from(move |_: MouseEvent| on_clear.emit(()))
    };
    let button = |label: &'static str| html! { <button type="button" class="link-button" onclick={stop.clone()}>{ label }</button> };
    match &props.compare {
        Compare::None => html! {},
        Compare::Loading(what) => html! {
            <p class="compare-banner" role="status" aria-live="polite" data-testid="compare-loading">
                { format!("Loading the base to compare with: {what}") }
            </p>
        },
        Compare::Failed(message) => html! {
            <div class="compare-banner failed" role="alert" data-testid="compare-error">
                <p><strong>{ "The base could not be loaded: " }</strong>{ message }</p>
                <p>{ button("Dismiss") }</p>
            </div>
        },
        Compare::Ready(c) => {
            let s = summary(&c.diff);
            html! {
                <p class="compare-banner" role="note" data-testid="compare-banner">
                    <strong>{ "Compared with " }</strong><span data-testid="compare-base">{ c.base.describe() }</span>
                    { " — " }
                    <LevelBadge level={s.level} />
                    { " " }<span data-testid="compare-verdict">{ s.verdict }</span>
                    { " · " }<a href={Route::Diff.href()}>{ "What changed" }</a>
                    { " · " }{ button("Stop comparing") }
                </p>
            }
        }
    }
}

/// Props of [`LevelBadge`].
#[derive(Properties, PartialEq)]
pub(crate) struct LevelBadgeProps {
    /// The verdict's level.
    pub level: phi_lens_core::diff::Level,
}

/// The verdict's level as a badge: its words, then its colour.
#[function_component(LevelBadge)]
pub(crate) fn level_badge(props: &LevelBadgeProps) -> Html {
    html! {
        <span class={classes!("badge", "level", format!("level-{}", props.level.as_str()))} data-testid="diff-level">
            { props.level.words() }
        </span>
    }
}

/// Props of [`ComparePicker`].
#[derive(Properties, PartialEq)]
pub(crate) struct ComparePickerProps {
    /// Called with the files chosen or dropped as the base.
    pub on_files: Callback<Vec<web_sys::File>>,
    /// The section's heading.
    pub title: AttrValue,
}

/// A labelled file input and a drop zone for the base build's artifacts. A drop here loads the
/// files as the base, not as the project to show (which a drop anywhere else does).
#[function_component(ComparePicker)]
pub(crate) fn compare_picker(props: &ComparePickerProps) -> Html {
    let over = use_state(|| false);
    let onchange = {
        let on_files = props.on_files.clone();
        Callback::from(move |event: Event| {
            let files = crate::loading::fetch::take_chosen_files(&event);
            if !files.is_empty() {
                on_files.emit(files);
            }
        })
    };
    let ondragover = {
        let over = over.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            event.stop_propagation();
            if !*over {
                over.set(true);
            }
        })
    };
    let ondragleave = {
        let over = over.clone();
        Callback::from(move |_: DragEvent| over.set(false))
    };
    let ondrop = {
        let (over, on_files) = (over.clone(), props.on_files.clone());
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            event.stop_propagation();
            over.set(false);
            let files = crate::loading::fetch::files_of(event.data_transfer().and_then(|d| d.files()));
            if !files.is_empty() {
                on_files.emit(files);
            }
        })
    };
    html! {
        <section class={classes!("compare-picker", over.then_some("over"))} aria-labelledby="compare-title"
            data-testid="compare-picker" {ondragover} {ondragleave} {ondrop}>
            <h2 id="compare-title">{ props.title.clone() }</h2>
            <p>
                <label for="compare-files">
                    { "Choose the base build's manifest.json (and, if you have them, catalog.json, run_results.json, sources.json; plain or .gz), e.g. from the main branch:" }
                </label>
            </p>
            <input id="compare-files" type="file" multiple=true accept=".json,.gz,.toml,application/json,application/gzip" {onchange} />
            <p class="hint">
                { "…or drop them on this box, or open the page with " }<code>{ "?base=FOLDER" }</code>
                { " (a folder on this site) beside " }<code>{ "?artifacts=" }</code>
                { ". Both builds are analysed under the policy in force, as " }<code>{ "phi-lens diff --policy" }</code>
                { " does. Nothing is uploaded." }
            </p>
        </section>
    }
}

/// The PHI classification changes as a table (node, column, change, before, after).
pub(crate) fn phi_table(rows: &[PhiRow<'_>], caption: &str) -> Html {
    html! {
        <div class="table-wrap">
            <table class="dense diff-table">
                <caption class="visually-hidden">{ caption }</caption>
                <thead><tr>
                    <th scope="col">{ "Node" }</th><th scope="col">{ "Column" }</th><th scope="col">{ "Change" }</th>
                    <th scope="col">{ "Before" }</th><th scope="col">{ "After" }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|r| html! {
                        <tr data-testid="diff-phi-row" data-node={r.node.to_string()} data-column={r.column.map(str::to_string)}
                            data-change={r.change}>
                            <th scope="row"><ResourceLink unique_id={r.node.to_string()} /></th>
                            <td>if let Some(c) = r.column { <code>{ c }</code> }</td>
                            <td>
                                { r.change }
                                if r.regression { { " " }<span class="badge level level-regression">{ "regression" }</span> }
                            </td>
                            <td>{ &r.before }</td>
                            <td>{ &r.after }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// A list of text items, or `–`.
fn items(list: &[String]) -> Html {
    if list.is_empty() {
        return html! { { "–" } };
    }
    html! { <ul class="plain">{ for list.iter().map(|i| html! { <li>{ i }</li> }) }</ul> }
}

/// The exposures' changes as a table (exposure, PHI, what newly reaches it, what no longer
/// does, score).
pub(crate) fn exposure_table(rows: &[ExposureRow<'_>]) -> Html {
    html! {
        <div class="table-wrap">
            <table class="dense diff-table">
                <caption class="visually-hidden">{ "Exposures whose PHI or score changed" }</caption>
                <thead><tr>
                    <th scope="col">{ "Exposure" }</th><th scope="col">{ "PHI" }</th>
                    <th scope="col">{ "PHI newly reaching it (column, category, path)" }</th>
                    <th scope="col">{ "Safe Harbor categories new to it" }</th>
                    <th scope="col">{ "No longer reaching it" }</th><th scope="col">{ "Score" }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|e| {
                        let removed: Vec<String> = e.removed_phi.iter().chain(&e.removed_categories).cloned().collect();
                        html! {
                            <tr data-testid="diff-exposure-row" data-exposure={e.unique_id.to_string()}>
                                <th scope="row"><a href={Route::Exposure(e.unique_id.to_string()).href()}>{ e.name }</a>
                                    <div class="muted small"><code>{ e.unique_id }</code></div></th>
                                <td>
                                    { e.reached }
                                    if e.gains_phi { { " " }<span class="badge level level-regression">{ "new PHI" }</span> }
                                </td>
                                <td>{ items(&e.new_phi) }</td>
                                <td>{ items(&e.new_categories) }</td>
                                <td>{ items(&removed) }</td>
                                <td>{ e.score.clone().unwrap_or_else(|| "unchanged".to_string()) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// Findings of a diff as a list: severity, rule, where, message; `testid` on each item.
pub(crate) fn finding_list(list: &[&DiffFinding], testid: &'static str, empty: &'static str) -> Html {
    if list.is_empty() {
        return html! { <p class="muted">{ empty }</p> };
    }
    html! {
        <ul class="diff-findings">
            { for list.iter().map(|d| {
                let f = &d.finding;
                html! {
                    <li data-testid={testid} data-fingerprint={d.fingerprint.clone()}>
                        if let Some(s) = Severity::parse(f.severity) { <SeverityBadge severity={s} /> }
                        { " " }<strong>{ f.rule }</strong>{ " " }<span class="rule-name">{ f.rule_name }</span>
                        { " on " }<ResourceLink unique_id={f.unique_id.clone()} />
                        if let Some(c) = &f.column { { " column " }<code>{ c }</code> }
                        if f.waived.is_some() { <span class="muted">{ " (waived)" }</span> }
                        <div class="message">{ &f.message }</div>
                    </li>
                }
            }) }
        </ul>
    }
}

/// Waivers added and removed as a table.
pub(crate) fn waiver_table(added: &[&ReportWaiver], removed: &[&ReportWaiver]) -> Html {
    let row = |sign: &'static str, w: &ReportWaiver| {
        html! {
            <tr data-testid="diff-waiver-row" data-change={sign}>
                <td>{ sign }</td><td><code>{ &w.waiver.rule }</code></td>
                <th scope="row"><ResourceLink unique_id={w.unique_id.clone()} /></th>
                <td>if let Some(c) = &w.waiver.column { <code>{ c }</code> }</td>
                <td>{ &w.waiver.reason }</td><td class="num">{ w.findings_covered }</td>
            </tr>
        }
    };
    html! {
        <table class="dense diff-table">
            <caption class="visually-hidden">{ "Waivers added and removed" }</caption>
            <thead><tr>
                <th scope="col">{ "Change" }</th><th scope="col">{ "Rule" }</th><th scope="col">{ "Declared on" }</th>
                <th scope="col">{ "Column" }</th><th scope="col">{ "Reason" }</th><th scope="col" class="num">{ "Findings" }</th>
            </tr></thead>
            <tbody>
                { for added.iter().map(|w| row("added", w)) }
                { for removed.iter().map(|w| row("removed", w)) }
            </tbody>
        </table>
    }
}

/// Tests removed and newly failing as a table.
pub(crate) fn test_table(removed: &[&TestRef], failing: &[&TestRef]) -> Html {
    let row = |change: &'static str, t: &TestRef| {
        let status = match change {
            "removed" => t.status_before.clone().map_or_else(|| "–".to_string(), |s| format!("last run: {s}")),
            _ => format!(
                "{} → {}",
                t.status_before.as_deref().unwrap_or("absent"),
                t.status_after.as_deref().unwrap_or("–")
            ),
        };
        html! {
            <tr data-testid="diff-test-row" data-change={change} data-test={t.unique_id.clone()}>
                <td>{ change }</td>
                <th scope="row"><code>{ &t.test }</code>{ if t.clinical { " (clinical business rule)" } else { "" } }
                    <div class="muted small"><code>{ &t.unique_id }</code></div></th>
                <td>if let Some(n) = &t.node { <ResourceLink unique_id={n.clone()} /> }</td>
                <td>if let Some(c) = &t.column { <code>{ c }</code> }</td>
                <td>{ status }</td>
            </tr>
        }
    };
    html! {
        <table class="dense diff-table">
            <caption class="visually-hidden">{ "Tests removed and newly failing" }</caption>
            <thead><tr>
                <th scope="col">{ "Change" }</th><th scope="col">{ "Test" }</th><th scope="col">{ "Node" }</th>
                <th scope="col">{ "Column" }</th><th scope="col">{ "Status" }</th>
            </tr></thead>
            <tbody>
                { for removed.iter().map(|t| row("removed", t)) }
                { for failing.iter().map(|t| row("newly failing", t)) }
            </tbody>
        </table>
    }
}

/// Props of [`ResourceChanges`].
#[derive(Properties, PartialEq)]
pub(crate) struct ResourceChangesProps {
    /// What changed since the base.
    pub diff: Shared<Diff>,
    /// The node or exposure.
    pub unique_id: AttrValue,
}

/// "Since the base", on a node's or an exposure's page: everything the diff says about it.
#[function_component(ResourceChanges)]
pub(crate) fn resource_changes_section(props: &ResourceChangesProps) -> Html {
    let c = resource_changes(&props.diff, &props.unique_id);
    html! {
        <section class="resource-changes" aria-labelledby="changes-title" data-testid="resource-changes">
            <h2 id="changes-title">{ "Since the base" }</h2>
            if c.is_empty() {
                <p class="muted" data-testid="resource-unchanged">{ "Nothing the comparison reports changed here." }</p>
            } else {
                <ul class="plain changes-list">
                    if let Some(from) = c.renamed_from { <li>{ "Renamed from " }<code>{ from }</code></li> }
                    if let Some(s) = c.score { <li data-testid="resource-score-change">{ format!("Score {}", score_change(s)) }</li> }
                    if let Some(e) = &c.exposure {
                        <li data-testid="resource-exposure-change">{ e.reached }
                            if e.gains_phi { { " " }<span class="badge level level-regression">{ "new PHI" }</span> }
                        </li>
                    }
                </ul>
                if let Some(e) = &c.exposure {
                    if !e.new_phi.is_empty() || !e.new_categories.is_empty() || !e.removed_phi.is_empty() {
                        { exposure_table(std::slice::from_ref(e)) }
                    }
                }
                if !c.phi.is_empty() {
                    <h3>{ "PHI classification" }</h3>
                    { phi_table(&c.phi, "How the PHI of this node and its columns changed") }
                }
                if !c.new_findings.is_empty() {
                    <h3>{ format!("New findings ({})", c.new_findings.len()) }</h3>
                    { finding_list(&c.new_findings, "resource-new-finding", "") }
                }
                if !c.resolved_findings.is_empty() {
                    <h3>{ format!("Resolved findings ({})", c.resolved_findings.len()) }</h3>
                    { finding_list(&c.resolved_findings, "resource-resolved-finding", "") }
                }
                if !c.severity_changed.is_empty() {
                    <h3>{ "Severity changed" }</h3>
                    <ul class="plain">
                        { for c.severity_changed.iter().map(|s| html! {
                            <li>{ format!("{}: {} → {}", s.finding.rule, s.severity.before, s.severity.after) }</li>
                        }) }
                    </ul>
                }
                if !c.waivers_added.is_empty() || !c.waivers_removed.is_empty() {
                    <h3>{ "Waivers" }</h3>
                    { waiver_table(&c.waivers_added, &c.waivers_removed) }
                }
                if !c.tests_removed.is_empty() || !c.tests_newly_failing.is_empty() {
                    <h3>{ "Tests" }</h3>
                    { test_table(&c.tests_removed, &c.tests_newly_failing) }
                }
            }
            <p><a href={Route::Diff.href()}>{ "Every change since the base" }</a></p>
        </section>
    }
}

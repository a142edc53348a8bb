//! The project summary (`data-testid="project-summary"`): name, dbt version, schema versions,
//! counts by resource type, column counts, test statuses and warnings.

use std::rc::Rc;

use yew::prelude::*;

use crate::project_view::ProjectView;

/// Props of [`ProjectSummary`].
#[derive(Properties, PartialEq)]
pub(crate) struct ProjectSummaryProps {
    /// The loaded project.
    pub project: Rc<ProjectView>,
}

/// The first screen after a load.
#[function_component(ProjectSummary)]
pub(crate) fn project_summary(props: &ProjectSummaryProps) -> Html {
    let p = &props.project;
    let s = &p.summary;
    let text = |v: &Option<String>| v.clone().unwrap_or_else(|| "unknown".to_string());
    html! {
        <section class="summary" aria-labelledby="project-name" data-testid="project-summary">
            <h2 id="project-name" data-testid="project-name">{ p.project_name() }</h2>
            <p class="source">{ p.source.describe() }{ ": " }{ p.files.join(", ") }</p>
            <dl class="facts">
                <dt>{ "dbt version" }</dt>
                <dd data-testid="dbt-version">{ text(&s.dbt_version) }</dd>
                <dt>{ "Documented columns" }</dt>
                <dd data-testid="columns-documented">{ s.columns.documented }</dd>
                <dt>{ "Warehouse-only columns (in catalog.json, not documented)" }</dt>
                <dd data-testid="columns-warehouse-only">{ s.columns.warehouse_only }</dd>
            </dl>

            <h3 id="schema-versions-title">{ "Artifacts and schema versions" }</h3>
            <table aria-labelledby="schema-versions-title">
                <thead><tr><th scope="col">{ "Artifact" }</th><th scope="col">{ "Schema version" }</th></tr></thead>
                <tbody>
                    { for p.schema_versions.iter().map(|(kind, version)| html! {
                        <tr data-testid={format!("schema-{kind}")}>
                            <th scope="row">{ kind }</th><td>{ text(version) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>

            <h3 id="counts-title">{ "Resources by type" }</h3>
            <table aria-labelledby="counts-title">
                <thead><tr><th scope="col">{ "Resource type" }</th><th scope="col" class="num">{ "Count" }</th></tr></thead>
                <tbody>
                    { for s.counts.iter().map(|(kind, n)| html! {
                        <tr data-testid={format!("count-{kind}")}>
                            <th scope="row">{ kind }</th><td class="num">{ n }</td>
                        </tr>
                    }) }
                </tbody>
            </table>

            <h3 id="tests-title">{ "Test results (run_results.json)" }</h3>
            if s.test_status.is_empty() {
                <p data-testid="test-status-none">{ "No test results: load run_results.json from dbt build or dbt test to see them." }</p>
            } else {
                <table aria-labelledby="tests-title">
                    <thead><tr><th scope="col">{ "Status" }</th><th scope="col" class="num">{ "Tests" }</th></tr></thead>
                    <tbody>
                        { for s.test_status.iter().map(|(status, n)| html! {
                            <tr data-testid={format!("test-status-{status}")}>
                                <th scope="row">{ status }</th><td class="num">{ n }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }

            if !p.notes.is_empty() {
                <h3 id="notes-title">{ "Loading notes" }</h3>
                <ul aria-labelledby="notes-title" data-testid="load-notes">
                    { for p.notes.iter().map(|n| html! { <li>{ n }</li> }) }
                </ul>
            }

            <h3 id="warnings-title">{ format!("Warnings ({})", s.warnings.len()) }</h3>
            if s.warnings.is_empty() {
                <p data-testid="warnings-none">{ "None." }</p>
            } else {
                <details data-testid="warnings">
                    <summary>{ format!("Show the {} warnings", s.warnings.len()) }</summary>
                    <ul>
                        { for p.warnings_shown().iter().map(|w| html! { <li>{ w }</li> }) }
                    </ul>
                    if p.warnings_hidden() > 0 {
                        <p>{ format!("…and {} more (the command line lists them all: phi-lens summary).", p.warnings_hidden()) }</p>
                    }
                </details>
            }
        </section>
    }
}

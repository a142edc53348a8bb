//! The landing page: shown when the page found no artifacts and the app has no demo.

use yew::prelude::*;

/// How to give phi-lens a project.
#[function_component(Landing)]
pub(crate) fn landing() -> Html {
    html! {
        <section class="landing" aria-labelledby="landing-title" data-testid="landing">
            <h2 id="landing-title">{ "No project loaded yet" }</h2>
            <p>{ "phi-lens shows where protected health information (PHI) lives in a dbt project, and how well the project governs it. It reads the artifacts dbt writes to target/:" }</p>
            <ul>
                <li><code>{ "manifest.json" }</code>{ " (required; from dbt parse, build, run or docs generate)" }</li>
                <li><code>{ "catalog.json" }</code>{ " (optional; from dbt docs generate)" }</li>
                <li><code>{ "run_results.json" }</code>{ " (optional; from dbt build or test)" }</li>
                <li><code>{ "sources.json" }</code>{ " (optional; from dbt source freshness)" }</li>
            </ul>
            <p>{ "Choose or drop them above, or open this page with ?artifacts=FOLDER, a folder on this site that holds them." }</p>
        </section>
    }
}

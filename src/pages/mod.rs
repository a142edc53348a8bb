//! One module per view; each reads the loaded project from the [`Ctx`] context and renders
//! the view-model of its `model` submodule (plain Rust, no yew, tested natively).

pub(crate) mod diff;
pub(crate) mod findings;
pub(crate) mod lineage;
pub(crate) mod node;
pub(crate) mod nodes;
pub(crate) mod overview;
pub(crate) mod policy;

use std::rc::Rc;

use yew::prelude::*;

use crate::compare::Compare;
use crate::policy::PolicyState;
use crate::project_view::ProjectView;
use crate::route::Route;

/// What every page reads: the loaded project, where the hosted dbt docs are, and how to show
/// another route without a history entry (a list's filters).
#[derive(Clone, PartialEq)]
pub(crate) struct Ctx {
    /// The loaded project and its analysis.
    pub view: Rc<ProjectView>,
    /// The hosted dbt docs' page (`../index.html` unless `?docs=` says).
    pub docs_base: Rc<String>,
    /// Replaces the current route (and the hash) with another.
    pub navigate: Callback<Route>,
    /// The policy in force and where it came from.
    pub policy: Rc<PolicyState>,
    /// Puts another policy in force: the shown project is analysed again under it.
    pub set_policy: Callback<Rc<PolicyState>>,
    /// The base build the project is compared with, if any (or its load's progress).
    pub compare: Compare,
    /// Loads files the user chose as the base.
    pub compare_files: Callback<Vec<web_sys::File>>,
    /// Stops comparing.
    pub clear_compare: Callback<()>,
}

/// The context, or an empty page outside the provider (never in the app).
#[hook]
pub(crate) fn use_ctx() -> Option<Ctx> {
    use_context::<Ctx>()
}

/// Whether the page is being printed (between the window's `beforeprint` and `afterprint`):
/// lists that show a part on screen (virtualised rows, the first findings of a rule) show all
/// of it on paper, where nothing can be scrolled or expanded.
#[hook]
pub(crate) fn use_printing() -> bool {
    let printing = use_state(|| false);
    {
        let printing = printing.clone();
        use_effect_with((), move |_| {
            let listeners = web_sys::window().map(|window| {
                let (before, after) = (printing.clone(), printing);
                (
                    gloo::events::EventListener::new(&window, "beforeprint", move |_| before.set(true)),
                    gloo::events::EventListener::new(&window, "afterprint", move |_| after.set(false)),
                )
            });
            move || drop(listeners)
        });
    }
    *printing
}

/// The page's name, for the tab title.
pub(crate) fn title(route: &Route) -> String {
    match route {
        Route::Overview => "Overview".to_string(),
        Route::Nodes(_) => "Models".to_string(),
        Route::Node(id) => id.clone(),
        Route::Findings(_) => "Findings".to_string(),
        Route::Exposure(id) => id.clone(),
        Route::Lineage(id) => format!("Lineage of {id}"),
        Route::Policy => "Policy".to_string(),
        Route::Diff => "Changes since the base".to_string(),
        Route::NotFound(_) => "Not found".to_string(),
    }
}

/// The view of a route.
pub(crate) fn switch(route: &Route) -> Html {
    match route {
        Route::Overview => html! { <overview::OverviewPage /> },
        Route::Nodes(query) => html! { <nodes::NodesPage query={query.clone()} /> },
        Route::Node(id) => html! { <node::NodePage unique_id={id.clone()} /> },
        Route::Findings(query) => html! { <findings::FindingsPage query={query.clone()} /> },
        Route::Exposure(id) => html! { <lineage::LineagePage unique_id={id.clone()} exposure=true /> },
        Route::Lineage(id) => html! { <lineage::LineagePage unique_id={id.clone()} exposure=false /> },
        Route::Policy => html! { <policy::PolicyPage /> },
        Route::Diff => html! { <diff::DiffPage /> },
        Route::NotFound(hash) => html! { <NotFound what={format!("#{hash}")} /> },
    }
}

/// Props of [`NotFound`].
#[derive(Properties, PartialEq)]
pub(crate) struct NotFoundProps {
    /// What was asked for.
    pub what: AttrValue,
}

/// "Nothing here", with the way back.
#[function_component(NotFound)]
pub(crate) fn not_found(props: &NotFoundProps) -> Html {
    html! {
        <section class="not-found" data-testid="not-found">
            <h1 tabindex="-1">{ "Not found" }</h1>
            <p>{ "This project has nothing at " }<code>{ props.what.clone() }</code>{ "." }</p>
            <p><a href="#/">{ "Back to the overview" }</a>{ " · " }<a href="#/nodes">{ "Search the models" }</a></p>
        </section>
    }
}

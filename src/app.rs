//! The root component: owns the state (one reducer) and the route (the URL's hash), starts the
//! load the page's URL asks for, starts a new load whenever files are dropped or picked (or a
//! base to compare with, when they are dropped or picked as one), and lays out the page:
//! navigation bar, demo banner, the "compared with" indicator, the view of the route.

use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::compare::Compare;
use crate::components::compare::CompareBanner;
use crate::components::{
    AnalysingStatus, ExportEvidence, FilePicker, Landing, LoadError, ParsingStatus, Progress, ReadingStatus,
};
use crate::loading;
use crate::pages::{self, Ctx};
use crate::project_view::{ProjectView, Source};
use crate::route::{Route, Section};
use crate::state::{Action, AppState, LoadId, Phase};

/// The page's hash (`#/nodes?…`), or "" outside a browser.
fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The page's `?docs=` value: where the hosted dbt docs are.
fn docs_param() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get("docs")
}

/// Shows `route` without adding a history entry (a list's filters being refined).
fn replace_hash(route: &Route) {
    let Some(window) = web_sys::window() else { return };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&route.href()));
    }
}

/// Expands every `<details>` before printing, so the printout holds what the screen folds.
fn open_all_details() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Ok(list) = document.query_selector_all("details:not([open])") {
        for i in 0..list.length() {
            if let Some(el) = list.get(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                let _ = el.set_attribute("open", "");
            }
        }
    }
}

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::default);
    let next_load = use_mut_ref(|| 0 as LoadId);
    let dragging = use_state(|| false);
    let route = use_state(|| Route::parse(&current_hash()));
    let docs_base = use_memo((), |_| pages::node::docs_base(docs_param().as_deref()));

    // Each load gets the next id, so the reducer drops what an earlier load still reports.
    let start_load = {
        let dispatcher = state.dispatcher();
        Rc::new(move || -> (LoadId, Callback<Action>) {
            let id = {
                let mut last = next_load.borrow_mut();
                *last += 1;
                *last
            };
            let dispatcher = dispatcher.clone();
            let report = Callback::from(move |action| dispatcher.dispatch(action));
            report.emit(Action::Start { load: id });
            (id, report)
        })
    };

    {
        let start_load = start_load.clone();
        use_effect_with((), move |_| {
            let (load, report) = start_load();
            wasm_bindgen_futures::spawn_local(loading::load_from_page(load, report));
        });
    }

    // The hash is the route: links change it, the browser's back and forward buttons too.
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listeners = web_sys::window().map(|window| {
                let on_hash =
                    EventListener::new(&window, "hashchange", move |_| route.set(Route::parse(&current_hash())));
                let on_print = EventListener::new(&window, "beforeprint", |_| open_all_details());
                (on_hash, on_print)
            });
            move || drop(listeners)
        });
    }

    // A new page scrolls to the top and takes the focus (its heading), and names the tab.
    {
        let previous = use_mut_ref(|| (*route).clone());
        let title = match &state.phase {
            Phase::Ready(view) => Some(view.project_name().to_string()),
            _ => None,
        };
        use_effect_with(((*route).clone(), title), move |(route, title)| {
            let new_page = previous.borrow().is_new_page(route);
            *previous.borrow_mut() = route.clone();
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                let page = pages::title(route);
                document.set_title(&match title {
                    Some(project) => format!("{page} · {project} · phi-lens"),
                    None => "phi-lens".to_string(),
                });
                if new_page {
                    if let Some(w) = web_sys::window() {
                        w.scroll_to_with_x_and_y(0.0, 0.0);
                    }
                    let heading = document.query_selector("main h1").ok().flatten();
                    if let Some(h) = heading.and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
                        let _ = h.focus();
                    }
                }
            }
        });
    }

    let navigate = {
        let route = route.clone();
        Callback::from(move |next: Route| {
            replace_hash(&next);
            route.set(next);
        })
    };

    let on_files = {
        let start_load = start_load.clone();
        // Policy files alone, while a project is shown, change only the policy.
        let policy_only = matches!(state.phase, Phase::Ready(_)).then(|| (state.policy.clone(), state.dispatcher()));
        Callback::from(move |files: Vec<web_sys::File>| {
            if let Some((policy, dispatcher)) = &policy_only {
                if files.iter().all(|f| crate::policy::is_policy_file(&f.name())) {
                    let dispatcher = dispatcher.clone();
                    let report = Callback::from(move |action| dispatcher.dispatch(action));
                    wasm_bindgen_futures::spawn_local(loading::apply_policy_files(files, policy.clone(), report));
                    return;
                }
            }
            let (load, report) = start_load();
            wasm_bindgen_futures::spawn_local(loading::load_files(load, files, report));
        })
    };

    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            // Leaving for a child element is not leaving the page.
            if event.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let dragging = dragging.clone();
        let on_files = on_files.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(false);
            let files = loading::fetch::files_of(event.data_transfer().and_then(|d| d.files()));
            if !files.is_empty() {
                on_files.emit(files);
            }
        })
    };
    let drop_banner = html! {
        if *dragging {
            <p class="drop-banner" role="status">{ "Drop the files to load them" }</p>
        }
    };

    if let Phase::Ready(view) = &state.phase {
        let set_policy = {
            let dispatcher = state.dispatcher();
            Callback::from(move |policy| dispatcher.dispatch(Action::SetPolicy(policy)))
        };
        // Files chosen or dropped as the base: compared with the shown project, under the
        // policy in force.
        let compare_files = {
            let dispatcher = state.dispatcher();
            let (load, policy) = (state.load, state.policy.current.policy.clone());
            Callback::from(move |files: Vec<web_sys::File>| {
                let dispatcher = dispatcher.clone();
                let report = Callback::from(move |action| dispatcher.dispatch(action));
                let id = loading::next_compare_id();
                wasm_bindgen_futures::spawn_local(loading::compare_files(load, id, files, policy.clone(), report));
            })
        };
        let clear_compare = {
            let dispatcher = state.dispatcher();
            Callback::from(move |()| dispatcher.dispatch(Action::CompareClear { id: loading::next_compare_id() }))
        };
        let ctx = Ctx {
            view: view.clone(),
            docs_base,
            navigate,
            policy: state.policy.clone(),
            set_policy,
            compare: state.compare.clone(),
            compare_files,
            clear_compare: clear_compare.clone(),
        };
        return html! {
            <div class={classes!("page", "app", dragging.then_some("dragging"))} {ondragover} {ondragleave} {ondrop}>
                <a class="skip-link" href="#main" onclick={Callback::from(|e: MouseEvent| {
                    e.prevent_default();
                    let main = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("main"));
                    if let Some(main) = main.and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok()) {
                        let _ = main.focus();
                    }
                })}>{ "Skip to content" }</a>
                <TopBar view={view.clone()} section={route.section()} on_files={on_files} compare={state.compare.clone()} />
                if view.source == Source::Demo {
                    <p class="demo-banner" role="note" data-testid="demo-banner">
                        <strong>{ "Demo project" }</strong>
                        { " — a fictional clinic with synthetic data and planted compliance gaps. Load your own artifacts to audit your project: nothing leaves this browser tab." }
                    </p>
                }
                <CompareBanner compare={state.compare.clone()} on_clear={clear_compare} />
                <pages::policy::PolicyProblem policy={state.policy.clone()} />
                { drop_banner }
                <main id="main" tabindex="-1">
                    <ContextProvider<Ctx> context={ctx}>
                        { pages::switch(&route) }
                    </ContextProvider<Ctx>>
                </main>
            </div>
        };
    }

    let body = match &state.phase {
        Phase::Starting => html! {
            <section class="progress" role="status" aria-live="polite"><p>{ "Looking for dbt artifacts…" }</p></section>
        },
        Phase::Landing => html! { <Landing /> },
        Phase::Downloading { file, received, total } => html! {
            <Progress file={file.clone()} received={*received} total={*total} />
        },
        Phase::Reading { file, size } => html! { <ReadingStatus file={file.clone()} size={*size} /> },
        Phase::Parsing { files } => html! { <ParsingStatus files={files.clone()} /> },
        Phase::Analysing { nodes } => html! { <AnalysingStatus nodes={*nodes} /> },
        Phase::Failed(message) => html! { <LoadError message={message.clone()} /> },
        Phase::Ready(_) => html! {},
    };

    html! {
        <div class={classes!("page", dragging.then_some("dragging"))} {ondragover} {ondragleave} {ondrop}>
            <header>
                <h1>{ "phi-lens" }</h1>
                <p class="tagline">{ "PHI compliance lens for dbt projects. Everything stays in this browser tab: no upload, no request to any other site." }</p>
            </header>
            { drop_banner }
            <main>
                <FilePicker {on_files} />
                { body }
            </main>
        </div>
    }
}

/// Props of [`TopBar`].
#[derive(Properties, PartialEq)]
struct TopBarProps {
    view: Rc<ProjectView>,
    section: Section,
    on_files: Callback<Vec<web_sys::File>>,
    compare: Compare,
}

/// The brand, the project, the views, the file picker and the evidence export, on every view.
#[function_component(TopBar)]
fn top_bar(props: &TopBarProps) -> Html {
    let link = |section: Section, href: String, label: &'static str| {
        let current = (props.section == section).then_some("page");
        html! { <li><a {href} aria-current={current}>{ label }</a></li> }
    };
    let exposures = Route::Nodes(crate::route::Query::from_pairs([("type", "exposure"), ("sort", "score")]));
    html! {
        <header class="topbar">
            <p class="brand"><a href="#/">{ "phi-lens" }</a><span class="project" title={props.view.project_name().to_string()}>{ props.view.project_name() }</span></p>
            <nav aria-label="Views">
                <ul>
                    { link(Section::Overview, Route::Overview.href(), "Overview") }
                    { link(Section::Nodes, Route::Nodes(Default::default()).href(), "Models") }
                    { link(Section::Findings, Route::Findings(Default::default()).href(), "Findings") }
                    { link(Section::Exposures, exposures.href(), "Exposures") }
                    { link(Section::Policy, Route::Policy.href(), "Policy") }
                </ul>
            </nav>
            <FilePicker on_files={props.on_files.clone()} compact=true />
            <ExportEvidence view={props.view.clone()} comparison={props.compare.comparison().cloned()} />
        </header>
    }
}

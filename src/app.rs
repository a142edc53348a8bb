//! The root component: owns the state (one reducer), starts the load the page's URL asks
//! for, and starts a new load whenever files are dropped or picked.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{FilePicker, Landing, LoadError, ParsingStatus, Progress, ProjectSummary, ReadingStatus};
use crate::loading;
use crate::state::{Action, AppState, LoadId, Phase};

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::default);
    let next_load = use_mut_ref(|| 0 as LoadId);
    let dragging = use_state(|| false);

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

    let on_files = {
        let start_load = start_load.clone();
        Callback::from(move |files: Vec<web_sys::File>| {
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
        Phase::Ready(project) => html! { <ProjectSummary project={project.clone()} /> },
        Phase::Failed(message) => html! { <LoadError message={message.clone()} /> },
    };

    html! {
        <div class={classes!("page", dragging.then_some("dragging"))} {ondragover} {ondragleave} {ondrop}>
            <header>
                <h1>{ "phi-lens" }</h1>
                <p class="tagline">{ "PHI compliance lens for dbt projects. Everything stays in this browser tab: no upload, no request to any other site." }</p>
            </header>
            if *dragging {
                <p class="drop-banner" role="status">{ "Drop the files to load them" }</p>
            }
            <main>
                <FilePicker {on_files} />
                { body }
            </main>
        </div>
    }
}

//! The labelled file input (several files at once); dropping files anywhere on the page
//! does the same (see `app`).

use yew::prelude::*;

/// Props of [`FilePicker`].
#[derive(Properties, PartialEq)]
pub(crate) struct FilePickerProps {
    /// Called with the chosen files.
    pub on_files: Callback<Vec<web_sys::File>>,
    /// One line in the top bar (a project is shown) rather than a section of its own.
    #[prop_or_default]
    pub compact: bool,
}

/// "Choose files": a real `<input type=file multiple>` with its label, usable by keyboard.
#[function_component(FilePicker)]
pub(crate) fn file_picker(props: &FilePickerProps) -> Html {
    let on_files = props.on_files.clone();
    let onchange = Callback::from(move |event: Event| {
        let files = crate::loading::fetch::take_chosen_files(&event);
        if !files.is_empty() {
            on_files.emit(files);
        }
    });
    let accept = ".json,.gz,.toml,application/json,application/gzip";
    if props.compact {
        return html! {
            <div class="picker compact">
                <label for="artifact-files" title="manifest.json, and optionally catalog.json, run_results.json and sources.json (plain or .gz) and a phi-lens.toml policy (alone, it changes only the policy). Nothing is uploaded.">
                    { "Load artifacts" }
                </label>
                <input id="artifact-files" type="file" multiple=true {accept} {onchange} />
            </div>
        };
    }
    html! {
        <section class="picker" aria-labelledby="picker-title">
            <h2 id="picker-title">{ "Open a dbt project" }</h2>
            <p>
                <label for="artifact-files">
                    { "Choose manifest.json, and optionally catalog.json, run_results.json and sources.json (plain or .gz), from your dbt target/ folder, and a phi-lens.toml policy if you have one:" }
                </label>
            </p>
            <input
                id="artifact-files"
                type="file"
                multiple=true
                {accept}
                {onchange}
            />
            <p class="hint">{ "…or drop them anywhere on this page. The files are read by this browser tab only: nothing is uploaded." }</p>
        </section>
    }
}

//! Progress of a load: a real progress bar while downloading (indeterminate when the size
//! is unknown), a status while reading a chosen file, then a status while parsing.

use yew::prelude::*;

use crate::format::{format_bytes, format_count, percent};

/// Props of [`Progress`].
#[derive(Properties, PartialEq)]
pub(crate) struct ProgressProps {
    /// The file's URL or name.
    pub file: AttrValue,
    /// Bytes received so far.
    pub received: u64,
    /// The file's size, when known.
    pub total: Option<u64>,
}

/// "Downloading manifest.json.gz: 1.2 MB of 3.4 MB (35 %)" with a `<progress>` bar.
#[function_component(Progress)]
pub(crate) fn progress(props: &ProgressProps) -> Html {
    let received = format_bytes(props.received);
    let (bar, text) = match (props.total, percent(props.received, props.total)) {
        (Some(total), Some(pct)) => (
            html! { <progress id="load-progress" max={total.to_string()} value={props.received.min(total).to_string()}>{ format!("{pct} %") }</progress> },
            format!("{received} of {} ({pct} %)", format_bytes(total)),
        ),
        _ => (html! { <progress id="load-progress"></progress> }, format!("{received} so far (size unknown)")),
    };
    html! {
        <section class="progress" role="status" aria-live="polite" data-testid="load-progress">
            <label for="load-progress">{ format!("Downloading {}", props.file) }</label>
            { bar }
            <p>{ text }</p>
        </section>
    }
}

/// Props of [`ReadingStatus`].
#[derive(Properties, PartialEq)]
pub(crate) struct ReadingStatusProps {
    /// The file's name.
    pub file: AttrValue,
    /// Its size in bytes.
    pub size: u64,
}

/// "Reading manifest.json (3.4 MB)…"
#[function_component(ReadingStatus)]
pub(crate) fn reading_status(props: &ReadingStatusProps) -> Html {
    html! {
        <section class="progress" role="status" aria-live="polite" data-testid="reading">
            <p>{ format!("Reading {} ({})…", props.file, format_bytes(props.size)) }</p>
        </section>
    }
}

/// Props of [`ParsingStatus`].
#[derive(Properties, PartialEq)]
pub(crate) struct ParsingStatusProps {
    /// The files being parsed.
    pub files: Vec<String>,
}

/// "Parsing manifest.json, catalog.json…"
#[function_component(ParsingStatus)]
pub(crate) fn parsing_status(props: &ParsingStatusProps) -> Html {
    html! {
        <section class="progress" role="status" aria-live="polite" data-testid="parsing">
            <p>{ format!("Parsing {}…", props.files.join(", ")) }</p>
        </section>
    }
}

/// Props of [`AnalysingStatus`].
#[derive(Properties, PartialEq)]
pub(crate) struct AnalysingStatusProps {
    /// How many nodes the project has.
    pub nodes: usize,
}

/// "Analysing 12,345 nodes: PHI, rules and scores…"
#[function_component(AnalysingStatus)]
pub(crate) fn analysing_status(props: &AnalysingStatusProps) -> Html {
    html! {
        <section class="progress" role="status" aria-live="polite" data-testid="analysing">
            <p>{ format!("Analysing {} nodes: PHI, rules and scores…", format_count(props.nodes as u64)) }</p>
        </section>
    }
}

//! "Export evidence" (`data-testid="export-evidence"`), in the top bar on every view: one click
//! downloads the evidence files `phi-lens export` writes (report.json, phi_inventory.csv,
//! findings.csv, report.html), and, when a base is loaded, the diff (diff.json, diff.md:
//! `phi-lens diff --format json|markdown BASE HEAD` under the same policy). The core renders
//! them (`report::evidence_files`, `diff::evidence_files`) from the loaded project, its
//! analysis under the policy in force and the inputs' fingerprints, so they are byte for byte
//! the CLI's for the same files and policy; this component only packs them into
//! one zip (see [`zip`]) and hands it to the browser through a Blob, an object URL (revoked
//! afterwards) and a temporary `<a download>`.

mod zip;

use std::rc::Rc;

use phi_lens_core::diff::EVIDENCE_FILES as DIFF_FILES;
use phi_lens_core::report::{evidence_files, EVIDENCE_FILES};
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::compare::Comparison;
use crate::format::format_bytes;
use crate::project_view::ProjectView;

/// How long the object URL outlives the click: the browser reads the Blob after the click
/// returns, and some browsers only start the download a moment later.
const REVOKE_AFTER_MS: u32 = 60_000;

/// Props of [`ExportEvidence`].
#[derive(Properties, PartialEq)]
pub(crate) struct ExportEvidenceProps {
    /// The loaded project, its analysis (under the policy in force) and its inputs.
    pub view: Rc<ProjectView>,
    /// The base it is compared with, if any: the diff goes into the evidence too.
    #[prop_or_default]
    pub comparison: Option<Rc<Comparison>>,
}

/// Where the last export got to.
#[derive(Debug, Clone, PartialEq)]
enum Status {
    Idle,
    Preparing,
    Saved { file: String, size: u64 },
    Failed(String),
}

/// The button, and what the last click did: announced, or on screen when it failed.
#[function_component(ExportEvidence)]
pub(crate) fn export_evidence(props: &ExportEvidenceProps) -> Html {
    let status = use_state(|| Status::Idle);
    // A new project or policy makes the last message stale.
    {
        let status = status.clone();
        use_effect_with((props.view.clone(), props.comparison.clone()), move |_| status.set(Status::Idle));
    }
    let onclick = {
        let status = status.clone();
        let view = props.view.clone();
        let comparison = props.comparison.clone();
        Callback::from(move |_: MouseEvent| {
            if *status == Status::Preparing {
                return;
            }
            status.set(Status::Preparing);
            let (status, view, comparison) = (status.clone(), view.clone(), comparison.clone());
            wasm_bindgen_futures::spawn_local(async move {
                // A large project takes a moment to render: let "Preparing evidence…" show first.
                crate::loading::fetch::next_paint().await;
                status.set(match export(&view, comparison.as_deref()) {
                    Ok((file, size)) => Status::Saved { file, size },
                    Err(message) => Status::Failed(message),
                });
            });
        })
    };
    // The evidence is the CLI's: while the compiled SQL is still being resolved (just after the
    // first paint), the analysis is not yet the one `phi-lens export` writes.
    let resolving = matches!(props.view.columns, crate::project_view::ColumnState::Pending);
    let busy = *status == Status::Preparing || resolving;
    // The browser shows the download itself: success is only announced, so the top bar does
    // not reflow; an error stays on screen.
    let announced = match &*status {
        Status::Saved { file, size } => format!("Downloaded {file} ({})", format_bytes(*size)),
        _ => String::new(),
    };
    let error = match &*status {
        Status::Failed(message) => html! {
            <span class="export-error" role="alert">{ format!("Could not export the evidence: {message}") }</span>
        },
        _ => html! {},
    };
    let title = match &props.comparison {
        None => format!(
            "Downloads {} in one zip: the files `phi-lens export` writes, under the policy in force",
            EVIDENCE_FILES.join(", ")
        ),
        Some(_) => format!(
            "Downloads {} and {} in one zip: the files `phi-lens export` writes and the diff from the base (`phi-lens diff`), under the policy in force",
            EVIDENCE_FILES.join(", "),
            DIFF_FILES.join(", ")
        ),
    };
    html! {
        <div class="export">
            <button type="button" data-testid="export-evidence" {onclick} {title} aria-busy={busy.then_some("true")} disabled={resolving}>
                { if resolving { "Resolving column lineage…" } else if busy { "Preparing evidence…" } else { "Export evidence" } }
            </button>
            <span class="visually-hidden" role="status">{ announced }</span>
            { error }
        </div>
    }
}

/// Renders the evidence files (and the diff, when a base is loaded), zips them and starts the
/// download: the zip's name and size.
fn export(view: &ProjectView, comparison: Option<&Comparison>) -> Result<(String, u64), String> {
    let mut files = evidence_files(&view.project, &view.analysis, view.inputs.clone(), &view.warnings);
    if let Some(c) = comparison {
        files.extend(phi_lens_core::diff::evidence_files(&c.diff));
    }
    let stem = archive_stem(view.summary.project_name.as_deref());
    let archive = zip::deflated(&stem, &files)?;
    // Freed before the Blob copies the archive: WebAssembly memory never shrinks.
    drop(files);
    let file = format!("{stem}.zip");
    download(&file, &archive).map_err(|e| js_message(&e))?;
    Ok((file, archive.len() as u64))
}

/// `phi-lens-evidence-<project>`, the project's name reduced to characters every file system
/// takes; the zip's name and the folder inside it.
fn archive_stem(project: Option<&str>) -> String {
    let slug: String = project
        .unwrap_or_default()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '-' })
        .take(64)
        .collect();
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        "phi-lens-evidence".to_string()
    } else {
        format!("phi-lens-evidence-{slug}")
    }
}

/// Saves `bytes` as `file`: a Blob, its object URL on a temporary `<a download>`, clicked; the
/// URL is revoked once the browser has had time to read it.
pub(crate) fn download(file: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("the page has no document")?;
    let body = document.body().ok_or("the page has no body")?;
    let sequence = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&sequence)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let clicked = (|| {
        let link = document.create_element("a")?.dyn_into::<web_sys::HtmlElement>()?;
        link.set_attribute("href", &url)?;
        link.set_attribute("download", file)?;
        link.set_hidden(true);
        body.append_child(&link)?;
        link.click();
        link.remove();
        Ok::<_, JsValue>(())
    })();
    gloo::timers::callback::Timeout::new(REVOKE_AFTER_MS, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    clicked
}

/// The message of a JavaScript error value.
fn js_message(value: &JsValue) -> String {
    let error = value.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message()));
    error.or_else(|| value.as_string()).unwrap_or_else(|| format!("{value:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn the_archive_is_named_after_the_project() {
        assert_eq!(archive_stem(Some("clinic")), "phi-lens-evidence-clinic");
        assert_eq!(archive_stem(Some("jaffle_shop")), "phi-lens-evidence-jaffle_shop");
        assert_eq!(archive_stem(Some("../a b/<c>")), "phi-lens-evidence-a-b--c");
        assert_eq!(archive_stem(Some("é")), "phi-lens-evidence");
        assert_eq!(archive_stem(None), "phi-lens-evidence");
        assert_eq!(archive_stem(Some(&"x".repeat(300))).len(), "phi-lens-evidence-".len() + 64);
    }
}

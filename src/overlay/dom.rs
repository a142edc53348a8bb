//! The overlay in the page: waits for dbt docs to draw, reads the artifacts, analyses them with
//! the core, and draws badges, chips and panels into dbt docs' DOM on every route change and
//! every re-render (a `MutationObserver` on the body and `hashchange`), idempotently.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Promise, Uint8Array};
use phi_lens_core::{analyse, load_project, ArtifactKind, ArtifactSet, Input, Policy};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Document, Element, HtmlScriptElement, MutationObserver, MutationObserverInit, Response};

use super::inline::{docs_data, DocsData};
use super::model::{OverlayModel, PANEL_FINDINGS};
use super::route::DocsRoute;

/// Marks every element the overlay adds (and removes).
const ADDED: &str = "phi-lens-added";
/// The attribute naming the route an added element was drawn for.
const ROUTE_ATTR: &str = "data-phi-lens-route";
/// How long dbt docs gets to draw its first page before the overlay starts anyway (ms).
const WAIT_FOR_DOCS_MS: i32 = 60_000;

#[derive(Default)]
struct State {
    /// The analysis, once ready.
    model: Option<Rc<OverlayModel>>,
    /// The analysis has been started.
    started: bool,
    /// A redraw is scheduled.
    scheduled: bool,
}

type Shared = Rc<RefCell<State>>;

/// The manifest's bytes and the catalog's, as inlined in a static page.
type InlineData = (Vec<u8>, Option<Vec<u8>>);

pub(super) fn start() {
    std::panic::set_hook(Box::new(|info| show_status(&format!("phi-lens failed: {info}"), true)));
    if let Err(e) = run() {
        show_status(&format!("phi-lens failed: {e}"), true);
    }
}

fn run() -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let state: Shared = Rc::default();

    let on_change = {
        let state = state.clone();
        Closure::<dyn FnMut()>::new(move || schedule(&state))
    };
    window
        .add_event_listener_with_callback("hashchange", on_change.as_ref().unchecked_ref())
        .map_err(|e| js_message(&e))?;
    on_change.forget();

    let observer = {
        let state = state.clone();
        Closure::<dyn FnMut()>::new(move || schedule(&state))
    };
    let mutation_observer = MutationObserver::new(observer.as_ref().unchecked_ref()).map_err(|e| js_message(&e))?;
    observer.forget();
    let init = MutationObserverInit::new();
    init.set_child_list(true);
    init.set_subtree(true);
    let root: web_sys::Node = match document.body() {
        Some(body) => body.into(),
        None => document.clone().into(),
    };
    mutation_observer.observe_with_options(&root, &init).map_err(|e| js_message(&e))?;

    // If dbt docs never draws a page (its own load failed), analyse anyway after a while.
    let fallback = {
        let state = state.clone();
        Closure::once_into_js(move || begin_analysis(&state))
    };
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(fallback.unchecked_ref(), WAIT_FOR_DOCS_MS);
    schedule(&state);
    Ok(())
}

/// Schedules one redraw (many DOM changes in a row cost one).
fn schedule(state: &Shared) {
    {
        let mut s = state.borrow_mut();
        if s.scheduled {
            return;
        }
        s.scheduled = true;
    }
    let state = state.clone();
    let redraw = Closure::once_into_js(move || {
        state.borrow_mut().scheduled = false;
        redraw(&state);
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(redraw.unchecked_ref(), 30);
    }
}

fn redraw(state: &Shared) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let model = state.borrow().model.clone();
    match model {
        Some(model) => {
            let route = DocsRoute::parse(&web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default());
            if let Err(e) = draw(&document, &route, &model) {
                show_status(&format!("phi-lens could not draw on this page: {e}"), true);
            }
        }
        None => {
            // dbt docs has drawn a page: the analysis may start without delaying its first paint.
            let drawn = document.query_selector(".app-title h1, .app-details").ok().flatten().is_some();
            if drawn {
                begin_analysis(state);
            }
        }
    }
}

fn begin_analysis(state: &Shared) {
    {
        let mut s = state.borrow_mut();
        if s.started {
            return;
        }
        s.started = true;
    }
    show_status("phi-lens: analysing the project…", false);
    let state = state.clone();
    spawn_local(async move {
        // Let the browser paint dbt docs' page (and the status chip) first.
        sleep(50).await;
        match load_model().await {
            Ok(model) => {
                clear_status();
                state.borrow_mut().model = Some(Rc::new(model));
                redraw(&state);
            }
            Err(e) => show_status(&format!("phi-lens: {e}"), true),
        }
    });
}

/// Reads the artifacts dbt docs reads and analyses them.
async fn load_model() -> Result<OverlayModel, String> {
    let mut set = ArtifactSet::default();
    match inline_artifacts()? {
        Some((manifest, catalog)) => {
            set.insert(ArtifactKind::Manifest, Input::new("manifest.json (inlined in the page)", manifest));
            if let Some(catalog) = catalog {
                set.insert(ArtifactKind::Catalog, Input::new("catalog.json (inlined in the page)", catalog));
            }
        }
        None => {
            let manifest = fetch("manifest.json").await?.ok_or("manifest.json is not beside the page")?;
            set.insert(ArtifactKind::Manifest, Input::new("manifest.json", manifest));
            if let Some(bytes) = fetch("catalog.json").await? {
                set.insert(ArtifactKind::Catalog, Input::new("catalog.json", bytes));
            }
        }
    }
    for (kind, name) in [(ArtifactKind::RunResults, "run_results.json"), (ArtifactKind::Sources, "sources.json")] {
        if let Ok(Some(bytes)) = fetch(name).await {
            set.insert(kind, Input::new(name, bytes));
        }
    }
    let policy = match fetch("phi-lens/phi-lens.toml").await {
        Ok(Some(bytes)) => Policy::from_toml(&String::from_utf8_lossy(&bytes))
            .map_err(|e| format!("phi-lens/phi-lens.toml: invalid policy: {e}"))?,
        _ => Policy::default(),
    };
    let loaded = load_project(&set).map_err(|e| e.to_string())?;
    drop(set);
    // A policy naming rules or packages the project lacks stops the overlay as one that does
    // not parse does (its error chip says why), never a silent score.
    let problems = phi_lens_core::rules::validate_policy(&policy, &loaded.project);
    if !problems.is_empty() {
        let lines: Vec<String> =
            problems.iter().map(|p| format!("phi-lens/phi-lens.toml: invalid policy: {p}")).collect();
        return Err(lines.join("\n"));
    }
    let analysis = analyse(&loaded.project, &policy);
    Ok(OverlayModel::new(analysis))
}

/// The manifest and catalog `dbt docs generate --static` inlined in the page's script, if any.
fn inline_artifacts() -> Result<Option<InlineData>, String> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let scripts = document.scripts();
    for i in 0..scripts.length() {
        let Some(script) = scripts.item(i).and_then(|s| s.dyn_into::<HtmlScriptElement>().ok()) else { continue };
        if !script.src().is_empty() {
            continue;
        }
        let text = script.text().map_err(|e| js_message(&e))?;
        match docs_data(&text) {
            DocsData::Fetched => return Ok(None),
            DocsData::NotFound => continue,
            DocsData::Inline { manifest, catalog } => {
                let catalog = catalog.map(|c| text.as_bytes()[c].to_vec());
                let mut bytes = text.into_bytes();
                bytes.truncate(manifest.end);
                bytes.drain(..manifest.start);
                return Ok(Some((bytes, catalog)));
            }
        }
    }
    Ok(None)
}

/// A same-origin file beside the page: its bytes, `None` when absent (404), or an error.
async fn fetch(url: &str) -> Result<Option<Vec<u8>>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let init = web_sys::RequestInit::new();
    init.set_mode(web_sys::RequestMode::SameOrigin);
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|e| format!("{url}: the download failed ({})", js_message(&e)))?;
    let response: Response = response.dyn_into().map_err(|_| format!("{url}: no response"))?;
    if !response.ok() {
        return Ok(None);
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|e| js_message(&e))?)
        .await
        .map_err(|e| format!("{url}: the download broke off ({})", js_message(&e)))?;
    Ok(Some(Uint8Array::new(&buffer).to_vec()))
}

async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Draws the overlay for `route`: removes what was drawn for another route, adds what is missing.
fn draw(document: &Document, route: &DocsRoute, model: &OverlayModel) -> Result<(), String> {
    let key = route.key();
    let stale = document.query_selector_all(&format!(".{ADDED}")).map_err(|e| js_message(&e))?;
    for i in 0..stale.length() {
        if let Some(el) = stale.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            if el.get_attribute(ROUTE_ATTR).as_deref() != Some(key.as_str()) {
                el.remove();
            }
        }
    }
    match route {
        DocsRoute::Node(id) => draw_node(document, route, id, model),
        DocsRoute::Exposure(id) => draw_exposure(document, route, id, model),
        DocsRoute::Overview => draw_overview(document, route, model),
        DocsRoute::Other => Ok(()),
    }
}

fn draw_node(document: &Document, route: &DocsRoute, id: &str, model: &OverlayModel) -> Result<(), String> {
    let Some(view) = model.node(id) else { return Ok(()) };
    let key = route.key();
    if let Some(title) = title_of(document)? {
        if !has_child(&title, "phi-lens-title")? {
            let chip = el(document, "span", &["phi-lens-title"], &key)?;
            let status =
                link(document, &route.app_href(), &format!("phi-lens-chip phi-lens-{}", view.status_class), &key)?;
            status.set_attribute("data-testid", "phi-lens-status").map_err(|e| js_message(&e))?;
            status.set_text_content(Some(&view.status_label));
            status.set_attribute("title", "PHI status by phi-lens: open the full view").map_err(|e| js_message(&e))?;
            chip.append_child(&status).map_err(|e| js_message(&e))?;
            if let Some(score) = &view.score_label {
                let s = link(document, &route.app_href(), "phi-lens-chip phi-lens-score", &key)?;
                s.set_attribute("data-testid", "phi-lens-score").map_err(|e| js_message(&e))?;
                s.set_text_content(Some(score));
                chip.append_child(&s).map_err(|e| js_message(&e))?;
            }
            insert_after_name(&title, &chip)?;
        }
    }
    // A badge beside every column name of dbt docs' columns table.
    let rows = document.query_selector_all(".app-details table tr.column-row").map_err(|e| js_message(&e))?;
    for i in 0..rows.length() {
        let Some(row) = rows.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        let Some(name_el) = row.query_selector("td span.text-dark").map_err(|e| js_message(&e))? else { continue };
        let name = name_el.text_content().unwrap_or_default();
        let cell = name_el.parent_element().ok_or("a column name without a parent")?;
        let existing = cell.query_selector(".phi-lens-badge").map_err(|e| js_message(&e))?;
        if let Some(b) = &existing {
            if b.get_attribute("data-column").as_deref() == Some(name.as_str())
                && b.get_attribute(ROUTE_ATTR).as_deref() == Some(key.as_str())
            {
                continue;
            }
            b.remove();
        }
        let badge_view = model.column(id, &name);
        let badge = el(document, "span", &["phi-lens-badge", &format!("phi-lens-{}", badge_view.status_class)], &key)?;
        badge.set_attribute("data-testid", "phi-badge").map_err(|e| js_message(&e))?;
        badge.set_attribute("data-column", &name).map_err(|e| js_message(&e))?;
        badge.set_attribute("data-phi-status", badge_view.status_class).map_err(|e| js_message(&e))?;
        badge.set_attribute("title", &badge_view.title).map_err(|e| js_message(&e))?;
        badge.set_text_content(Some(&badge_view.label));
        name_el.after_with_node_1(&badge).map_err(|e| js_message(&e))?;
    }
    // The compact findings panel, at the top of the page body.
    if let Some(frame) = frame_of(document)? {
        if !has_child(&frame, "phi-lens-panel")? {
            let panel = el(document, "section", &["phi-lens-panel"], &key)?;
            panel.set_attribute("data-testid", "phi-lens-findings").map_err(|e| js_message(&e))?;
            let head = el(document, "div", &["phi-lens-panel-head"], &key)?;
            let heading = el(document, "strong", &[], &key)?;
            let count = view.findings.len();
            let mut text = match count {
                0 => "phi-lens: no open findings".to_string(),
                1 => "phi-lens: 1 open finding".to_string(),
                n => format!("phi-lens: {n} open findings"),
            };
            if view.waived > 0 {
                text.push_str(&format!(" ({} waived)", view.waived));
            }
            heading.set_text_content(Some(&text));
            head.append_child(&heading).map_err(|e| js_message(&e))?;
            let more = link(document, &route.app_href(), "phi-lens-more", &key)?;
            more.set_text_content(Some("full view in phi-lens →"));
            head.append_child(&more).map_err(|e| js_message(&e))?;
            panel.append_child(&head).map_err(|e| js_message(&e))?;
            if count > 0 {
                let list = el(document, "ul", &["phi-lens-findings"], &key)?;
                for f in view.findings.iter().take(PANEL_FINDINGS) {
                    let item = el(document, "li", &[], &key)?;
                    let sev =
                        el(document, "span", &["phi-lens-severity", &format!("phi-lens-sev-{}", f.severity)], &key)?;
                    sev.set_text_content(Some(&format!("{} {}", f.severity, f.rule)));
                    item.append_child(&sev).map_err(|e| js_message(&e))?;
                    let msg = el(document, "span", &["phi-lens-message"], &key)?;
                    msg.set_text_content(Some(&f.message));
                    item.append_child(&msg).map_err(|e| js_message(&e))?;
                    list.append_child(&item).map_err(|e| js_message(&e))?;
                }
                if count > PANEL_FINDINGS {
                    let item = el(document, "li", &["phi-lens-rest"], &key)?;
                    item.set_text_content(Some(&format!("and {} more", count - PANEL_FINDINGS)));
                    list.append_child(&item).map_err(|e| js_message(&e))?;
                }
                panel.append_child(&list).map_err(|e| js_message(&e))?;
            }
            frame.prepend_with_node_1(&panel).map_err(|e| js_message(&e))?;
        }
    }
    Ok(())
}

fn draw_exposure(document: &Document, route: &DocsRoute, id: &str, model: &OverlayModel) -> Result<(), String> {
    let Some(view) = model.exposure(id) else { return Ok(()) };
    let key = route.key();
    let Some(title) = title_of(document)? else { return Ok(()) };
    if has_child(&title, "phi-lens-title")? {
        return Ok(());
    }
    let chip = el(document, "span", &["phi-lens-title"], &key)?;
    let phi = link(document, &route.app_href(), &format!("phi-lens-chip phi-lens-{}", view.status_class), &key)?;
    phi.set_attribute("data-testid", "phi-lens-status").map_err(|e| js_message(&e))?;
    phi.set_text_content(Some(&view.phi_label));
    if !view.title.is_empty() {
        phi.set_attribute("title", &view.title).map_err(|e| js_message(&e))?;
    }
    chip.append_child(&phi).map_err(|e| js_message(&e))?;
    if let Some(score) = &view.score_label {
        let s = link(document, &route.app_href(), "phi-lens-chip phi-lens-score", &key)?;
        s.set_attribute("data-testid", "phi-lens-score").map_err(|e| js_message(&e))?;
        s.set_text_content(Some(score));
        chip.append_child(&s).map_err(|e| js_message(&e))?;
    }
    insert_after_name(&title, &chip)
}

fn draw_overview(document: &Document, route: &DocsRoute, model: &OverlayModel) -> Result<(), String> {
    let Some(frame) = frame_of(document)? else { return Ok(()) };
    if has_child(&frame, "phi-lens-panel")? {
        return Ok(());
    }
    let key = route.key();
    let project = model.project();
    let panel = el(document, "section", &["phi-lens-panel"], &key)?;
    panel.set_attribute("data-testid", "phi-lens-project").map_err(|e| js_message(&e))?;
    let head = el(document, "div", &["phi-lens-panel-head"], &key)?;
    let heading = el(document, "strong", &[], &key)?;
    heading.set_text_content(Some("phi-lens project score "));
    let score = link(document, &route.app_href(), "phi-lens-chip phi-lens-score", &key)?;
    score.set_attribute("data-testid", "phi-lens-score").map_err(|e| js_message(&e))?;
    score.set_text_content(Some(&project.score_label));
    heading.append_child(&score).map_err(|e| js_message(&e))?;
    head.append_child(&heading).map_err(|e| js_message(&e))?;
    let more = link(document, &route.app_href(), "phi-lens-more", &key)?;
    more.set_text_content(Some("full view in phi-lens →"));
    head.append_child(&more).map_err(|e| js_message(&e))?;
    panel.append_child(&head).map_err(|e| js_message(&e))?;
    let detail = el(document, "p", &["phi-lens-detail"], &key)?;
    detail.set_text_content(Some(&project.detail));
    panel.append_child(&detail).map_err(|e| js_message(&e))?;
    frame.prepend_with_node_1(&panel).map_err(|e| js_message(&e))
}

/// The page title dbt docs draws (`.app-title h1` holding the name in `span.break`).
fn title_of(document: &Document) -> Result<Option<Element>, String> {
    let name = document.query_selector(".app-title h1 > span.break").map_err(|e| js_message(&e))?;
    Ok(name.and_then(|n| n.parent_element()))
}

/// The page body's frame (`.app-details .app-frame`), where the panel goes.
fn frame_of(document: &Document) -> Result<Option<Element>, String> {
    document.query_selector(".app-details .app-frame").map_err(|e| js_message(&e))
}

fn insert_after_name(title: &Element, chip: &Element) -> Result<(), String> {
    match title.query_selector(":scope > span.break").map_err(|e| js_message(&e))? {
        Some(name) => name.after_with_node_1(chip).map_err(|e| js_message(&e)),
        None => title.append_child(chip).map(|_| ()).map_err(|e| js_message(&e)),
    }
}

fn has_child(parent: &Element, class: &str) -> Result<bool, String> {
    Ok(parent.query_selector(&format!(":scope > .{class}")).map_err(|e| js_message(&e))?.is_some())
}

/// A new element marked as the overlay's, for `route_key`.
fn el(document: &Document, tag: &str, classes: &[&str], route_key: &str) -> Result<Element, String> {
    let e = document.create_element(tag).map_err(|e| js_message(&e))?;
    let mut class = String::from(ADDED);
    for c in classes {
        class.push(' ');
        class.push_str(c);
    }
    e.set_class_name(&class);
    e.set_attribute(ROUTE_ATTR, route_key).map_err(|e| js_message(&e))?;
    Ok(e)
}

fn link(document: &Document, href: &str, class: &str, route_key: &str) -> Result<Element, String> {
    let a = el(document, "a", &[class], route_key)?;
    a.set_attribute("href", href).map_err(|e| js_message(&e))?;
    Ok(a)
}

/// The status chip (bottom right): progress, or an error that stays.
fn show_status(text: &str, error: bool) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let chip = match document.get_element_by_id("phi-lens-status") {
        Some(chip) => chip,
        None => {
            let Ok(chip) = document.create_element("div") else { return };
            chip.set_id("phi-lens-status");
            let parent: Option<Element> = document.body().map(Into::into).or_else(|| document.document_element());
            let Some(parent) = parent else { return };
            if parent.append_child(&chip).is_err() {
                return;
            }
            chip
        }
    };
    chip.set_class_name(if error { "phi-lens-status phi-lens-error" } else { "phi-lens-status" });
    let _ = chip.set_attribute("data-testid", if error { "phi-lens-error" } else { "phi-lens-progress" });
    let _ = chip.set_attribute("role", if error { "alert" } else { "status" });
    chip.set_text_content(Some(text));
}

fn clear_status() {
    if let Some(chip) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("phi-lens-status"))
    {
        chip.remove();
    }
}

fn js_message(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

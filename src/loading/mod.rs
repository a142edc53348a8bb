//! Where the artifacts come from, and the steps of one load, reported as [`Action`]s.
//!
//! Sources, in order: `?artifacts=DIR`; else `./` then `../`; else the embedded demo; else
//! the landing page. At any time the user can drop or pick files instead. Each load gets a
//! fresh [`LoadId`]; the reducer ignores the actions of a load that was superseded. A load's
//! policy is the `phi-lens.toml` beside the artifacts or among the files ([`policy`]).
//!
//! A base to compare the shown project with comes from `?base=DIR` (once the project is
//! shown) or from files chosen as the base ([`compare_files`]); it is read by the same rules,
//! reports as `Compare*` actions (the page stays on the shown project meanwhile), and is
//! analysed under the policy in force.

use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

pub mod columns;
pub mod demo;
pub mod fetch;
pub mod plan;
pub mod policy;
pub mod slices;

use phi_lens_core::{ArtifactKind, ArtifactSet};
use yew::Callback;

use crate::format::format_bytes;
use crate::policy::PolicyState;
use crate::project_view::{Parsed, Shared, Source};
use crate::state::{Action, CompareId, LoadId};

/// A fresh [`CompareId`], for a base's load or for dropping the base.
pub fn next_compare_id() -> CompareId {
    static LAST: AtomicU64 = AtomicU64::new(0);
    LAST.fetch_add(1, Ordering::Relaxed) + 1
}

/// How a download reports its progress: the file, bytes received, the size when known.
type Downloading<'a> = &'a dyn Fn(&str, u64, Option<u64>);

/// Loads what the page's URL asks for (see [`plan`]), falling back to the demo.
/// Then, once the project is shown, the base that `?base=DIR` names, to compare it with.
pub async fn load_from_page(load: LoadId, report: Callback<Action>) {
    let param = fetch::artifacts_param();
    // The base's manifest is asked for first, so that the requests www/boot.js sent for it
    // are taken over before the project's load aborts those it does not use.
    let base = fetch::page_param("base");
    let base_manifest = base
        .as_deref()
        .filter(|dir| plan::check_param("base", dir).is_ok())
        .map(|dir| send_artifact(dir, ArtifactKind::Manifest));
    let plan = match plan::plan(param.as_deref()) {
        Ok(plan) => plan,
        Err(message) => {
            fetch::abort_early_requests();
            return report.emit(Action::Failed { load, message });
        }
    };
    // While the artifacts download (or the user picks files), V8 optimises the parser and
    // the analysis on the demo. It starts once the first requests below are sent.
    demo::start_warm_up();
    let downloading = |file: &str, received, total| {
        report.emit(Action::Downloading { load, file: file.to_string(), received, total });
    };
    let mut shown = None;
    for dir in &plan.dirs {
        match load_directory(dir, plan.explicit, "artifacts", None, &downloading).await {
            Ok(Some(found)) => {
                let source = Source::Directory(dir.clone());
                shown = Some(parse(load, found.set, source, found.notes, found.policy, &report).await);
                break;
            }
            Ok(None) => {}
            Err(message) => return report.emit(Action::Failed { load, message }),
        }
    }
    let shown = match shown {
        Some(shown) => shown,
        None => match demo::artifact_set() {
            Some(set) => parse(load, set, Source::Demo, Vec::new(), PolicyState::default(), &report).await,
            None => return report.emit(Action::NothingFound { load }),
        },
    };
    if let (Some(dir), Some(policy)) = (base, shown) {
        compare_directory(load, next_compare_id(), &dir, base_manifest, &policy, &report).await;
    }
}

/// What a directory holds: its artifacts, notes on optional ones that failed, its policy.
struct Found {
    set: ArtifactSet,
    notes: Vec<String>,
    policy: PolicyState,
}

/// The requests for a directory's optional artifacts and its policy, sent together.
struct Rest {
    artifacts: Vec<(ArtifactKind, [fetch::Pending; 2])>,
    policy: policy::Beside,
}

impl Rest {
    fn send(dir: &str) -> Rest {
        let kinds = [ArtifactKind::Catalog, ArtifactKind::RunResults, ArtifactKind::Sources];
        Rest { artifacts: kinds.map(|kind| (kind, send_artifact(dir, kind))).into(), policy: policy::Beside::send(dir) }
    }
}

/// The artifacts in `dir`, `None` when it has no manifest and was not named by the user (in
/// the page parameter `param`, which the messages name).
///
/// Every request goes out before any answer is read (those of a directory tried by default
/// once its manifest is there), and the answers are taken in the contract's order: the
/// manifest (`manifest` when its requests were sent already), then the catalog, run results
/// and sources, each `.json` before `.json.gz`, then the policy. The browser downloads them
/// all meanwhile.
async fn load_directory(
    dir: &str,
    explicit: bool,
    param: &str,
    manifest: Option<[fetch::Pending; 2]>,
    downloading: Downloading<'_>,
) -> Result<Option<Found>, String> {
    if explicit {
        fetch::same_origin_url(dir).inspect_err(|_| fetch::abort_early_requests())?;
    }
    let manifest = manifest.unwrap_or_else(|| send_artifact(dir, ArtifactKind::Manifest));
    // Those www/boot.js sent for this folder are taken over above; any other is not needed.
    fetch::abort_early_requests();
    let mut rest = explicit.then(|| Rest::send(dir));
    let (pending, response) = match find(manifest).await {
        Answer::Found(pending, response) => (pending, response),
        _ if !explicit => return Ok(None),
        Answer::Absent { html: false } => {
            return Err(format!("No manifest.json or manifest.json.gz in {dir} (both answered 404). Check the ?{param}= folder, or drop the files on this page."));
        }
        Answer::Absent { html: true } => {
            return Err(format!("No manifest.json or manifest.json.gz in {dir}: the server answered with an HTML page instead. Check the ?{param}= folder, or drop the files on this page."));
        }
        Answer::Failed(message) => return Err(message),
    };
    let rest = rest.take().unwrap_or_else(|| Rest::send(dir));
    let mut found = Vec::new();
    match read(pending, response, downloading).await {
        Ok((url, body)) => found.push((ArtifactKind::Manifest, url, body)),
        Err(_) if !explicit => return Ok(None),
        Err(message) => return Err(message),
    }
    let mut notes = Vec::new();
    for (kind, requests) in rest.artifacts {
        let downloaded = match find(requests).await {
            Answer::Found(pending, response) => read(pending, response, downloading).await,
            Answer::Absent { .. } => continue,
            Answer::Failed(message) => Err(message),
        };
        match downloaded {
            Ok((url, body)) => found.push((kind, url, body)),
            Err(message) => notes.push(format!("{message}; loaded without {}", kind.file_name())),
        }
    }
    let policy = rest.policy.read().await;
    // The browser decompresses a gzip manifest while the other files download.
    let mut set = ArtifactSet::default();
    for (kind, url, body) in found {
        set.insert(kind, body.into_input(url).await);
    }
    fetch::mark("decompressed");
    Ok(Some(Found { set, notes, policy }))
}

/// Sends the requests for `dir/<kind>.json` and `dir/<kind>.json.gz` at once.
fn send_artifact(dir: &str, kind: ArtifactKind) -> [fetch::Pending; 2] {
    plan::artifact_urls(dir, kind).map(|url| fetch::Pending::send(&url))
}

/// The answer for one artifact.
enum Answer {
    /// This request's file is there; its body is to be read.
    Found(fetch::Pending, web_sys::Response),
    /// Neither file is there (`html`: a server answered with an HTML page).
    Absent {
        html: bool,
    },
    Failed(String),
}

/// The `.json` when it is there, else the `.json.gz`; the request not needed is aborted.
async fn find([mut json, mut gzip]: [fetch::Pending; 2]) -> Answer {
    let html = match json.head().await {
        fetch::Fetched::Found(response) => return Answer::Found(json, response),
        fetch::Fetched::NotFound => false,
        fetch::Fetched::Html => true,
        fetch::Fetched::Failed(message) => return Answer::Failed(message),
    };
    match gzip.head().await {
        fetch::Fetched::Found(response) => Answer::Found(gzip, response),
        fetch::Fetched::NotFound => Answer::Absent { html },
        fetch::Fetched::Html => Answer::Absent { html: true },
        fetch::Fetched::Failed(message) => Answer::Failed(message),
    }
}

/// Downloads the body of a found artifact, reporting its progress.
async fn read(
    pending: fetch::Pending,
    response: web_sys::Response,
    downloading: Downloading<'_>,
) -> Result<(String, fetch::Body), String> {
    let url = pending.url().to_string();
    let mut progress = |received, total| downloading(&url, received, total);
    let body = pending.body(response, &mut progress, true).await?;
    Ok((url, body))
}

/// Loads the files the user dropped or picked; a `.toml` among them is the policy; other
/// names that are not dbt artifacts are skipped with a note.
pub async fn load_files(load: LoadId, files: Vec<web_sys::File>, report: Callback<Action>) {
    let names: Vec<String> = files.iter().map(|f| f.name()).collect();
    let (policies, files) = policy::split(files);
    let reading = |file: &str, size| report.emit(Action::Reading { load, file: file.to_string(), size });
    let (set, mut notes) = match read_files(files, &names, !policies.is_empty(), &reading).await {
        Ok(read) => read,
        Err(message) => return report.emit(Action::Failed { load, message }),
    };
    let policy = policy::read(&policies, &PolicyState::default(), &mut notes).await;
    parse(load, set, Source::Files, notes, policy, &report).await;
}

/// The artifacts among `files` (`names`: all the files chosen, policies included), and notes
/// on the files skipped or replaced; the error when there is no manifest among them.
async fn read_files(
    files: Vec<web_sys::File>,
    names: &[String],
    with_policy: bool,
    reading: &dyn Fn(&str, u64),
) -> Result<(ArtifactSet, Vec<String>), String> {
    let mut set = ArtifactSet::default();
    let mut notes = Vec::new();
    for file in files {
        let name = file.name();
        let Some(kind) = ArtifactKind::from_file_name(&name) else {
            notes.push(format!(
                "{name} was skipped: phi-lens reads manifest.json, catalog.json, run_results.json and sources.json (plain or .gz)"
            ));
            continue;
        };
        if let Some(previous) = set.get(kind) {
            notes.push(format!("{} was replaced by {name}: both are a {}", previous.name, kind.file_name()));
        }
        reading(&name, file.size().max(0.0) as u64);
        let body = fetch::read_artifact(&file).await?;
        set.insert(kind, body.into_input(name).await);
    }
    if set.get(ArtifactKind::Manifest).is_none() {
        let policy_alone = if with_policy {
            " A .toml policy file is applied with them, or alone once a project is shown."
        } else {
            ""
        };
        return Err(format!(
            "No manifest.json among the files you chose ({}). phi-lens needs manifest.json (or manifest.json.gz) from dbt's target/ folder; catalog.json, run_results.json and sources.json are optional.{policy_alone}",
            names.join(", ")
        ));
    }
    Ok((set, notes))
}

/// Loads the base that `dir` (`?base=`) holds and compares the shown project with it: the
/// requests for its manifest were sent already when `manifest` is given.
async fn compare_directory(
    load: LoadId,
    id: CompareId,
    dir: &str,
    manifest: Option<[fetch::Pending; 2]>,
    policy: &phi_lens_core::Policy,
    report: &Callback<Action>,
) {
    report.emit(Action::CompareStart { load, id });
    let failed = |message| report.emit(Action::CompareFailed { load, id, message });
    if let Err(message) = plan::check_param("base", dir) {
        return failed(message);
    }
    let downloading = |file: &str, received, total: Option<u64>| {
        let of = total.map(|t| format!(" of {}", format_bytes(t))).unwrap_or_default();
        let what = format!("Downloading {file}: {}{of}", format_bytes(received));
        report.emit(Action::CompareProgress { load, id, what });
    };
    match load_directory(dir, true, "base", manifest, &downloading).await {
        Ok(Some(found)) => {
            let mut notes = found.notes;
            notes.extend(policy_not_applied(&found.policy));
            parse_base(load, id, found.set, Source::Directory(dir.to_string()), notes, policy, report).await;
        }
        Ok(None) => failed(format!("No manifest.json or manifest.json.gz in {dir}.")),
        Err(message) => failed(message),
    }
}

/// A note when the base came with a policy of its own: both builds are analysed under the
/// policy in force, so that the diff shows what the change did, not what the policies do.
fn policy_not_applied(found: &PolicyState) -> Option<String> {
    let file = match (&found.problem, &found.current.origin) {
        (Some(problem), _) => problem.file.clone(),
        (None, crate::policy::Origin::File(file)) => file.clone(),
        _ => return None,
    };
    Some(format!("{file} is not applied to the base: both builds are analysed under the policy in force"))
}

/// Loads the files the user chose as the base and compares the shown project with it, under
/// `policy` (the one in force; a `.toml` among the files is not applied, and a note says so).
pub async fn compare_files(
    load: LoadId,
    id: CompareId,
    files: Vec<web_sys::File>,
    policy: Rc<phi_lens_core::Policy>,
    report: Callback<Action>,
) {
    report.emit(Action::CompareStart { load, id });
    let names: Vec<String> = files.iter().map(|f| f.name()).collect();
    let (policies, files) = policy::split(files);
    let reading = |file: &str, size| {
        let what = format!("Reading {file} ({})", format_bytes(size));
        report.emit(Action::CompareProgress { load, id, what });
    };
    let (set, mut notes) = match read_files(files, &names, false, &reading).await {
        Ok(read) => read,
        Err(message) => return report.emit(Action::CompareFailed { load, id, message }),
    };
    for file in &policies {
        notes.push(format!(
            "{} is not applied to the base: both builds are analysed under the policy in force",
            file.name()
        ));
    }
    parse_base(load, id, set, Source::Files, notes, &policy, &report).await;
}

/// Parses and analyses a base under `policy`, and reports it (or the error). The page paints
/// between the steps, each with its status.
async fn parse_base(
    load: LoadId,
    id: CompareId,
    set: ArtifactSet,
    source: Source,
    notes: Vec<String>,
    policy: &phi_lens_core::Policy,
    report: &Callback<Action>,
) {
    let files: Vec<String> = set.iter().map(|(_, input)| input.name.clone()).collect();
    let what = format!("Reading the base: {}", files.join(", "));
    report.emit(Action::CompareProgress { load, id, what });
    fetch::next_paint().await;
    // In slices, as the shown project's load: the page answers input while a large base loads.
    let mut slices = slices::Slices::start();
    let loaded = slices::load(&set, &mut slices).await;
    let mut parsed = match loaded.map(|loaded| Parsed::from_loaded(&set, loaded)) {
        Ok(parsed) => parsed,
        Err(error) => return report.emit(Action::CompareFailed { load, id, message: error.to_string() }),
    };
    // Diffed as the CLI diffs: with the base's column lineage where it has compiled SQL.
    parsed.columns = columns::lineage(&set, parsed.project(), &mut slices).await;
    drop(set);
    let what = format!("Analysing the base ({} nodes) and comparing", parsed.project().nodes.len());
    report.emit(Action::CompareProgress { load, id, what });
    fetch::next_paint().await;
    let mut slices = slices::Slices::start();
    let analysis = slices::analyse(parsed.project(), policy, parsed.columns.lineage(), &mut slices).await;
    let base = Rc::new(parsed.into_base(source, notes, analysis));
    report.emit(Action::CompareLoaded { load, id, base });
}

/// Applies policy files dropped or picked on their own while a project is shown: only the
/// policy changes (the project is analysed again), or the problem with the file is shown.
pub async fn apply_policy_files(
    files: Vec<web_sys::File>,
    current: std::rc::Rc<PolicyState>,
    report: Callback<Action>,
) {
    let policy = policy::read(&files, &current, &mut Vec::new()).await;
    report.emit(Action::SetPolicy(std::rc::Rc::new(policy)));
}

/// Parses, reports the load's policy (checked against the project), analyses under it and
/// reports the project, or the error. The page paints between the steps, each with its status.
/// The policy the project was analysed under, `None` when it could not be loaded.
async fn parse(
    load: LoadId,
    set: ArtifactSet,
    source: Source,
    notes: Vec<String>,
    policy: PolicyState,
    report: &Callback<Action>,
) -> Option<Rc<phi_lens_core::Policy>> {
    let files = set.iter().map(|(_, input)| input.name.clone()).collect();
    report.emit(Action::Parsing { load, files });
    let digests = fetch::Digests::start(&set);
    fetch::next_paint().await;
    if source != Source::Demo {
        demo::warmed_up().await;
    }
    fetch::mark("parse");
    // The parse and the analysis run in slices (a few dozen milliseconds each): the page
    // paints and answers input meanwhile.
    let mut slices = slices::Slices::start();
    let loaded = slices::load(&set, &mut slices).await;
    fetch::mark("load-finished");
    let mut parsed = match loaded.map(|loaded| Parsed::from_loaded(&set, loaded)) {
        Ok(parsed) => parsed,
        Err(error) => {
            let message = error.to_string();
            report.emit(Action::PolicyLoaded { load, policy: std::rc::Rc::new(policy) });
            report.emit(Action::Failed { load, message });
            return None;
        }
    };
    fetch::mark("parsed");
    // A policy naming rules or packages the project lacks is a problem, shown as one that does
    // not parse: the default applies meanwhile.
    let policy = std::rc::Rc::new(policy.for_project(parsed.project()));
    report.emit(Action::PolicyLoaded { load, policy: policy.clone() });
    report.emit(Action::Analysing { load, nodes: parsed.project().nodes.len() });
    parsed.fingerprint(&set, &digests.finish().await);
    // The JSON text is not needed any more (the project owns what it keeps), unless the
    // compiled SQL is still to be resolved after the first paint.
    let pending = matches!(parsed.columns, crate::project_view::ColumnState::Pending);
    let set = if pending { Some(set) } else { None };
    fetch::next_paint().await;
    fetch::mark("analyse");
    let mut slices = slices::Slices::start();
    let analysis =
        slices::analyse(parsed.project(), &policy.current.policy, parsed.columns.lineage(), &mut slices).await;
    fetch::mark("analysed");
    let view = std::rc::Rc::new(parsed.into_view(source, notes, analysis));
    report.emit(Action::Loaded { load, project: view.clone() });
    // The overview is shown before the findings are grouped by root cause; they are grouped
    // once it is painted, and its "What to fix first" shown then.
    fetch::next_paint().await;
    fetch::mark("group");
    let mut slices = slices::Slices::start();
    let root_causes = Shared::new(slices::root_causes(&view.project, &view.analysis, &mut slices).await);
    fetch::mark("grouped");
    report.emit(Action::RootCausesGrouped { load, analysis: view.analysis.clone(), root_causes });
    // Nor does it wait for the lists' index; it is built once the browser has handled what
    // was queued meanwhile (input, other tasks).
    fetch::next_paint().await;
    fetch::next_idle(200).await;
    fetch::mark("index");
    view.index.build();
    fetch::mark("indexed");
    // Column lineage from the compiled SQL, once the overview is up: the analysis is redone
    // with it, as `phi-lens check` does it.
    if let Some(set) = set {
        fetch::next_idle(200).await;
        fetch::mark("columns");
        let policy = policy.current.policy.clone();
        let resolved = columns::resolve(&set, &view, &policy).await;
        drop(set);
        fetch::mark("columns-resolved");
        report.emit(Action::ColumnsResolved { load, view: std::rc::Rc::new(resolved), policy });
    }
    Some(policy.current.policy.clone())
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::io::Write;
    use std::rc::Rc;

    use crate::state::{reduce, AppState, Phase};
    use crate::test_data::SMALL_MANIFEST;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// A callback that applies each action to a state, as the app's reducer does.
    fn recorder() -> (Rc<RefCell<AppState>>, Callback<Action>) {
        let state = Rc::new(RefCell::new(AppState { load: 1, ..AppState::default() }));
        let sink = state.clone();
        let callback = Callback::from(move |action| {
            let next = reduce(&sink.borrow(), action);
            if let Some(next) = next {
                *sink.borrow_mut() = next;
            }
        });
        (state, callback)
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let _ = gz.write_all(bytes);
        gz.finish().unwrap_or_default()
    }

    fn file(name: &str, bytes: &[u8]) -> web_sys::File {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
        web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap_or_else(|e| panic!("File: {e:?}"))
    }

    #[wasm_bindgen_test]
    async fn a_gzipped_manifest_file_loads_in_the_browser() {
        let (state, report) = recorder();
        let files = vec![file("manifest.json.gz", &gzip(SMALL_MANIFEST)), file("notes.txt", b"hi")];
        load_files(1, files, report).await;
        let phase = state.borrow().phase.clone();
        let Phase::Ready(view) = phase else { panic!("not loaded: {phase:?}") };
        assert_eq!(view.project_name(), "clinic");
        assert_eq!(view.summary.counts.get("model"), Some(&1));
        assert_eq!(view.source, Source::Files);
        assert!(view.notes.iter().any(|n| n.starts_with("notes.txt was skipped")), "{:?}", view.notes);
    }

    #[wasm_bindgen_test]
    async fn a_policy_file_among_the_files_is_the_policy_of_the_load() {
        let (state, report) = recorder();
        let policy = b"[rules]\ndisable = [\"PHI001\"]\n[score]\ncritical_cap = 12\n";
        load_files(1, vec![file("phi-lens.toml", policy), file("manifest.json", SMALL_MANIFEST)], report.clone()).await;
        let (phase, loaded) = (state.borrow().phase.clone(), state.borrow().policy.clone());
        let Phase::Ready(view) = phase else { panic!("not loaded: {phase:?}") };
        assert_eq!(view.policy().score.critical_cap, 12, "analysed under the file's policy");
        assert_eq!(loaded.current.origin, crate::policy::Origin::File("phi-lens.toml".into()));

        // Dropped alone later: only the policy changes; a broken one is reported, not applied.
        apply_policy_files(vec![file("team.toml", b"[score]\ncritical_cap = 30\n")], loaded, report.clone()).await;
        let Phase::Ready(view) = state.borrow().phase.clone() else { panic!("still ready") };
        assert_eq!(view.policy().score.critical_cap, 30);
        let current = state.borrow().policy.clone();
        apply_policy_files(vec![file("bad.toml", b"[score]\ncap = 1\n")], current, report).await;
        let Phase::Ready(view) = state.borrow().phase.clone() else { panic!("still ready") };
        assert_eq!(view.policy().score.critical_cap, 30, "the last good policy stays in force");
        let problem = state.borrow().policy.problem.clone().map(|p| p.message).unwrap_or_default();
        assert!(problem.starts_with("bad.toml: invalid policy: ") && problem.contains("line 2"), "{problem}");
    }

    #[wasm_bindgen_test]
    async fn a_broken_policy_file_loads_the_project_under_the_default_and_says_so() {
        let (state, report) = recorder();
        load_files(1, vec![file("manifest.json", SMALL_MANIFEST), file("phi-lens.toml", b"colour = 1\n")], report)
            .await;
        let (phase, policy) = (state.borrow().phase.clone(), state.borrow().policy.clone());
        let Phase::Ready(view) = phase else { panic!("not loaded: {phase:?}") };
        assert_eq!(view.policy(), &phi_lens_core::Policy::default().normalised());
        let message = policy.problem.clone().map(|p| p.message).unwrap_or_default();
        assert!(message.contains("line 1, column 1") && message.contains("colour"), "{message}");
    }

    #[wasm_bindgen_test]
    async fn files_chosen_as_the_base_are_compared_under_the_policy_in_force() {
        let (state, report) = recorder();
        let head = crate::project_view::build_project_view(
            &{
                let mut set = ArtifactSet::default();
                set.insert(ArtifactKind::Manifest, phi_lens_core::Input::new("manifest.json", SMALL_MANIFEST.to_vec()));
                set
            },
            Source::Files,
            vec![],
        );
        state.borrow_mut().phase = Phase::Ready(Rc::new(crate::test_data::ok(head)));
        // The base had no MRN column yet; its own policy file is not applied.
        let base = String::from_utf8_lossy(SMALL_MANIFEST).replace(
            r#""mrn": {"name": "mrn", "description": "Medical record number"}"#,
            r#""note": {"name": "note", "description": "A note"}"#,
        );
        let files = vec![
            file("manifest.json.gz", &gzip(base.as_bytes())),
            file("phi-lens.toml", b"[score]\ncritical_cap = 1\n"),
        ];
        let policy = Rc::new(phi_lens_core::Policy::default());
        compare_files(1, next_compare_id(), files, policy, report).await;
        let compare = state.borrow().compare.clone();
        let Some(c) = compare.comparison() else { panic!("not compared: {compare:?}") };
        assert!(c.diff.phi.iter().flat_map(|n| &n.columns).any(|col| col.column == "mrn"), "{:?}", c.diff.phi);
        assert_eq!(c.base.source, Source::Files);
        assert!(
            c.base.notes.iter().any(|n| n.starts_with("phi-lens.toml is not applied to the base")),
            "{:?}",
            c.base.notes
        );
        let head_policy = match &state.borrow().phase {
            Phase::Ready(view) => view.policy().clone(),
            other => panic!("the project stays: {other:?}"),
        };
        assert_eq!(c.base.policy(), &head_policy, "the base is analysed under the shown project's policy");
    }

    #[wasm_bindgen_test]
    async fn a_base_without_a_manifest_fails_and_the_project_stays() {
        let (state, report) = recorder();
        compare_files(1, next_compare_id(), vec![file("catalog.json", b"{}")], Rc::default(), report).await;
        let compare = state.borrow().compare.clone();
        let crate::compare::Compare::Failed(message) = compare else { panic!("no error: {compare:?}") };
        assert!(message.contains("No manifest.json among the files you chose (catalog.json)"), "{message}");
        assert_eq!(state.borrow().phase, Phase::Starting);
    }

    #[wasm_bindgen_test]
    async fn files_without_a_manifest_say_what_is_needed() {
        let (state, report) = recorder();
        load_files(1, vec![file("catalog.json", b"{}")], report).await;
        let phase = state.borrow().phase.clone();
        let Phase::Failed(message) = phase else { panic!("no error: {phase:?}") };
        assert!(message.contains("No manifest.json among the files you chose (catalog.json)"), "{message}");
    }

    #[wasm_bindgen_test]
    async fn a_broken_gzip_gives_the_cores_message() {
        let (state, report) = recorder();
        load_files(1, vec![file("manifest.json", &[0x1f, 0x8b, 8, 0, 1, 2, 3])], report).await;
        let phase = state.borrow().phase.clone();
        let Phase::Failed(message) = phase else { panic!("no error: {phase:?}") };
        assert!(message.starts_with("manifest.json: "), "{message}");
        assert!(message.contains("gzip"), "{message}");
    }

    #[wasm_bindgen_test]
    async fn a_folder_without_a_manifest_is_an_error_only_when_named() {
        let (state, report) = recorder();
        let none = |_: &str, _, _| {};
        let found = load_directory("no-such-dir-phi-lens", true, "artifacts", None, &none).await;
        let err = found.err().unwrap_or_default();
        assert!(err.starts_with("No manifest.json or manifest.json.gz in no-such-dir-phi-lens"), "{err}");
        let probed = load_directory("no-such-dir-phi-lens", false, "artifacts", None, &none).await;
        assert!(matches!(probed, Ok(None)));
        drop((state, report));
    }
}

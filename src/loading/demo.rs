//! The demo project built into the app (examples/clinic, a fictional clinic with no real
//! patient data), shown when the page finds no artifacts of its own.

use phi_lens_core::{ArtifactKind, ArtifactSet, Input};

include!(concat!(env!("OUT_DIR"), "/demo.rs"));

/// The demo's artifacts, or `None` when the app was built without them.
///
/// Each is given as the file it was built from (`examples/clinic/target/manifest.json`), not
/// as the gzip embedded to keep the app small, so its size and SHA-256, shown on the overview
/// and written in the exported evidence, are those the CLI reports for that folder.
pub fn artifact_set() -> Option<ArtifactSet> {
    let mut set = ArtifactSet::default();
    for (name, bytes) in DEMO_FILES {
        let input = Input::new(format!("demo/{name}"), bytes.to_vec());
        let json = input.json_bytes().map(|json| json.into_owned());
        set.insert_by_name(match json {
            Ok(json) => Input::new(input.name, json),
            // Not gzip after all: loading says what is wrong with it.
            Err(_) => input,
        });
    }
    set.get(ArtifactKind::Manifest).is_some().then_some(set)
}

thread_local! {
    /// The warm-up started by [`start_warm_up`], settled once it is done.
    static WARM_UP: std::cell::RefCell<Option<js_sys::Promise>> = const { std::cell::RefCell::new(None) };
}

/// Starts [`warm_up`] on its own: [`warmed_up`] then waits for it.
pub fn start_warm_up() {
    let promise = wasm_bindgen_futures::future_to_promise(async {
        warm_up().await;
        Ok(wasm_bindgen::JsValue::UNDEFINED)
    });
    WARM_UP.with(|w| *w.borrow_mut() = Some(promise));
}

/// Waits until the warm-up (if one was started) is done. The page's own parse starts after
/// it: the manifest, requested by `www/boot.js` before the app started, can be there while
/// the warm-up still runs, and a parse begun then runs mostly unoptimised (spellbook 0.97-1.0 s
/// against 0.40-0.52 s after it, on a loaded machine: benches/app/README.md).
pub async fn warmed_up() {
    let Some(promise) = WARM_UP.with(|w| w.borrow().clone()) else { return };
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Parses and analyses the demo and throws the result away, once per page, while the page's
/// own artifacts download or the user picks files.
///
/// V8 first runs WebAssembly in its baseline tier (Liftoff) and recompiles each function with
/// its optimising tier (TurboFan) in the background once it has run enough; without on-stack
/// replacement, a 70 MB manifest parsed cold runs mostly in the baseline tier, 2–3× slower
/// (its analysis too). The demo (1.6 MB) runs the same parser and analysis in ≈ 100 ms, in
/// steps, so that downloads and paints go on between them.
pub async fn warm_up() {
    super::fetch::mark("warm-up");
    // The browser gunzips the demo (natively, as it does the page's artifacts), rather than
    // the core's gunzip, which a page load does not run.
    let bodies: Vec<_> = DEMO_FILES.iter().map(|(name, gzip)| (name, super::fetch::gunzip(gzip.to_vec()))).collect();
    let mut set = ArtifactSet::default();
    for (name, body) in bodies {
        set.insert_by_name(body.into_input(format!("demo/{name}")).await);
    }
    if set.get(ArtifactKind::Manifest).is_none() {
        return;
    }
    let Ok(parsed) = crate::project_view::Parsed::new(&set) else { return };
    // A second parse: the functions that one parse of the demo left in the baseline tier
    // reach their budget, and are optimised before the page's own parse (spellbook: that
    // parse 180-230 -> 160-170 ms, the longest task of the load).
    super::fetch::next_task().await;
    std::hint::black_box(crate::project_view::Parsed::new(&set).ok());
    drop(set);
    super::fetch::next_task().await;
    // The analysis as the page's load runs it, in slices (the same functions).
    let policy = phi_lens_core::Policy::default();
    let mut slices = super::slices::Slices::start();
    let analysis = super::slices::analyse(parsed.project(), &policy, parsed.columns.lineage(), &mut slices).await;
    super::fetch::next_task().await;
    let view = parsed.into_view(crate::project_view::Source::Demo, Vec::new(), analysis);
    super::fetch::next_task().await;
    // And the grouping by root cause, which the page's load runs after its first paint.
    std::hint::black_box(super::slices::root_causes(&view.project, &view.analysis, &mut slices).await);
    super::fetch::mark("warmed-up");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project_view::{build_project_view, Source};
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn the_embedded_demo_loads_when_present() {
        let Some(set) = artifact_set() else {
            assert!(DEMO_FILES.iter().all(|(name, _)| *name != "manifest.json"));
            return;
        };
        let view = build_project_view(&set, Source::Demo, vec![]);
        let view = crate::test_data::ok(view);
        assert!(view.summary.counts.get("model").copied().unwrap_or(0) > 0);
    }

    /// The evidence names the demo's inputs by size and SHA-256: those of the files themselves.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_demo_is_given_as_the_files_it_was_built_from() {
        let Some(set) = artifact_set() else { return };
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/clinic/target");
        for (_, input) in set.iter() {
            let file = dir.join(input.name.trim_start_matches("demo/"));
            assert_eq!(std::fs::read(&file).ok().as_deref(), Some(input.bytes.as_slice()), "{}", file.display());
        }
    }
}

//! Wasm exports for the load benchmark (driven by `run.mjs` in headless Chromium).
//!
//! The JSON bytes arrive already gunzipped; copying them into linear memory happens before
//! the clock starts, so only `load_project` is timed, as in the native
//! `crates/phi-lens-core/examples/load_throughput.rs`.

use phi_lens_core::{load_project, ArtifactKind, ArtifactSet, Input, Loaded, Summary};
use wasm_bindgen::prelude::*;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys_date_now, |p| p.now())
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    fn js_sys_date_now() -> f64;
}

fn manifest_set(json: Vec<u8>) -> ArtifactSet {
    let mut set = ArtifactSet::default();
    set.insert(ArtifactKind::Manifest, Input::new("manifest.json", json));
    set
}

fn err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// Runs `load_project` `runs` times on the manifest's JSON bytes; returns each run's
/// milliseconds (the load and nothing else; the result is dropped after the clock stops).
#[wasm_bindgen]
pub fn bench_load(json: Vec<u8>, runs: u32) -> Result<Vec<f64>, JsError> {
    let set = manifest_set(json);
    let mut times = Vec::with_capacity(runs as usize);
    for _ in 0..runs {
        let t = now_ms();
        let loaded = load_project(&set).map_err(err)?;
        times.push(now_ms() - t);
        std::hint::black_box(&loaded);
        drop(loaded);
    }
    Ok(times)
}

thread_local! {
    static HELD: std::cell::RefCell<Option<Loaded>> = const { std::cell::RefCell::new(None) };
}

/// Loads once and returns the counts as JSON (`{"ms":…,"nodes":…,"tests":…,"counts":{…}}`),
/// so the run is checked. The project is kept alive (as the app keeps it) until
/// [`release`]; the input bytes are dropped once loaded, as the app does.
#[wasm_bindgen]
pub fn load_counts(json: Vec<u8>) -> Result<String, JsError> {
    let set = manifest_set(json);
    let t = now_ms();
    let loaded = load_project(&set).map_err(err)?;
    let ms = now_ms() - t;
    drop(set);
    let summary = Summary::new(&loaded.project, &loaded.warnings);
    let counts: Vec<String> = summary
        .counts
        .iter()
        .map(|(k, v)| format!("\"{k}\":{v}"))
        .collect();
    let out = format!(
        "{{\"ms\":{ms},\"nodes\":{},\"tests\":{},\"warnings\":{},\"counts\":{{{}}}}}",
        loaded.project.nodes.len(),
        loaded.project.tests.len(),
        loaded.warnings.len(),
        counts.join(",")
    );
    HELD.with(|h| *h.borrow_mut() = Some(loaded));
    Ok(out)
}

/// Drops the project kept by [`load_counts`].
#[wasm_bindgen]
pub fn release() {
    HELD.with(|h| *h.borrow_mut() = None);
}

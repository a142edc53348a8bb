//! The demo project built into the app (examples/clinic, a fictional clinic with no real
//! patient data), shown when the page finds no artifacts of its own.

use phi_lens_core::{ArtifactKind, ArtifactSet, Input};

include!(concat!(env!("OUT_DIR"), "/demo.rs"));

/// The demo's artifacts, or `None` when the app was built without them.
pub fn artifact_set() -> Option<ArtifactSet> {
    let mut set = ArtifactSet::default();
    for (name, bytes) in DEMO_FILES {
        set.insert_by_name(Input::new(format!("demo/{name}"), bytes.to_vec()));
    }
    set.get(ArtifactKind::Manifest).is_some().then_some(set)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::{build_project_view, Source};
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
}

//! Test support: run one rule over a small inline manifest.

use crate::input::{ArtifactKind, ArtifactSet, Input};
use crate::lineage::Lineage;
use crate::load::load_project;

use super::{check, Context};
use crate::findings::Finding;

/// Loads `manifest` (JSON text; `metadata` may be omitted) plus an optional run_results and
/// returns the findings of rule `id`, as `unique_id[.column]: message` lines.
pub(crate) fn findings_of(id: &str, manifest: &str, run_results: Option<&str>) -> Vec<String> {
    all_findings(manifest, run_results)
        .into_iter()
        .filter(|f| f.rule == id)
        .map(|f| match &f.column {
            Some(c) => format!("{}.{}: {}", f.unique_id, c, f.message),
            None => format!("{}: {}", f.unique_id, f.message),
        })
        .collect()
}

/// Every finding over the manifest.
pub(crate) fn all_findings(manifest: &str, run_results: Option<&str>) -> Vec<Finding> {
    let mut set = ArtifactSet::default();
    set.insert(ArtifactKind::Manifest, Input::new("manifest.json", manifest.as_bytes().to_vec()));
    if let Some(rr) = run_results {
        set.insert(ArtifactKind::RunResults, Input::new("run_results.json", rr.as_bytes().to_vec()));
    }
    findings_for_set(&set)
}

/// The project of a small inline manifest.
pub(crate) fn project(manifest: &str) -> crate::model::Project {
    let mut set = ArtifactSet::default();
    set.insert(ArtifactKind::Manifest, Input::new("manifest.json", manifest.as_bytes().to_vec()));
    match load_project(&set) {
        Ok(l) => l.project,
        Err(e) => panic!("fixture does not load: {e}"),
    }
}

/// Every finding over an artifact set.
pub(crate) fn findings_for_set(set: &ArtifactSet) -> Vec<Finding> {
    let loaded = match load_project(set) {
        Ok(l) => l,
        Err(e) => panic!("fixture does not load: {e}"),
    };
    let lineage = Lineage::build(&loaded.project);
    let policy = crate::policy::Policy::default();
    let phi = crate::phi::phi_report(&loaded.project, &policy);
    let ctx = Context::new(&loaded.project, &lineage, &phi, &policy);
    check(&ctx).findings
}

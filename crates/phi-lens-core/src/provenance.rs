//! Whether `run_results.json` and `sources.json` belong with the manifest: warnings for results
//! written for another project (another `metadata.project_name`, or no result about a node of
//! this manifest) or by another dbt invocation after the manifest was written.
//!
//! Read beside the loader (which this file does not change) from the same artifact set, after
//! it succeeded; [`load_warnings`] is the loader's warnings and these, in that order. The one
//! line that would move it into the loader, at the end of `load`, before `Ok(Loaded { .. })`:
//! `warnings.extend(crate::provenance::provenance_warnings(set, &project));`

use std::collections::HashSet;

use crate::artifacts::run_results::RawRunResults;
use crate::artifacts::sources::RawSourcesFile;
use crate::artifacts::RawMetadata;
use crate::input::{base_name, ArtifactKind, ArtifactSet};
use crate::load::{Loaded, Warning};
use crate::model::{Project, ResourceType};

/// The loaded project's warnings, then those of [`provenance_warnings`]: every warning about
/// the inputs that the reports carry.
pub fn load_warnings(set: &ArtifactSet, loaded: &Loaded) -> Vec<Warning> {
    let mut out = loaded.warnings.clone();
    out.extend(provenance_warnings(set, &loaded.project));
    out
}

/// The warnings as reports carry them: each file named by its base name, as inputs are.
pub fn reported_warnings(warnings: &[Warning]) -> Vec<Warning> {
    warnings.iter().map(|w| Warning { file: base_name(&w.file), message: w.message.clone() }).collect()
}

/// Warnings about `run_results.json` and `sources.json` that do not belong with the manifest
/// `project` was loaded from. A file that does not parse gives none (the loader has said why).
pub fn provenance_warnings(set: &ArtifactSet, project: &Project) -> Vec<Warning> {
    let mut out = Vec::new();
    let manifest = project.input(ArtifactKind::Manifest);
    for kind in [ArtifactKind::RunResults, ArtifactKind::Sources] {
        let Some(input) = set.get(kind) else { continue };
        let Ok(text) = input.json_bytes() else { continue };
        let mut warn = |message: String| out.push(Warning { file: input.name.clone(), message });
        let metadata: RawMetadata<'_> = match kind {
            ArtifactKind::Sources => {
                let Ok(raw) = serde_json::from_slice::<RawSourcesFile<'_>>(&text) else { continue };
                // The loader warns about run results that name no node; freshness results are
                // checked here.
                let sources: HashSet<&str> = project
                    .nodes
                    .iter()
                    .filter(|n| n.resource_type == ResourceType::Source)
                    .map(|n| n.unique_id.as_ref())
                    .collect();
                let ids: Vec<&str> = raw.results.iter().filter_map(|r| r.unique_id.as_deref()).collect();
                let unknown = ids.iter().filter(|id| !sources.contains(*id)).count();
                if !ids.is_empty() && unknown == ids.len() {
                    warn(format!(
                        "none of its {unknown} results is a source of this manifest (first: `{}`); was it written for another project?",
                        ids.iter().filter(|id| !sources.contains(*id)).min().copied().unwrap_or_default()
                    ));
                } else if unknown > 0 {
                    warn(format!(
                        "{unknown} of its {} results are for sources not in the manifest (stale freshness results?)",
                        ids.len()
                    ));
                }
                raw.metadata
            }
            _ => {
                let Ok(raw) = serde_json::from_slice::<RawRunResults<'_>>(&text) else { continue };
                raw.metadata
            }
        };
        let theirs = metadata.project_name.as_deref().map(str::trim).filter(|n| !n.is_empty());
        if let (Some(theirs), Some(ours)) = (theirs, project.info.project_name.as_deref()) {
            if theirs != ours {
                warn(format!(
                    "its metadata.project_name is `{theirs}`, the manifest's is `{ours}`; was it written for another project?"
                ));
            }
        }
        // dbt writes manifest.json at every invocation: results from an earlier invocation are
        // usual (`dbt build`, then `dbt docs generate`); from a later one than the manifest's,
        // the manifest is not the one the results were produced with.
        let (Some(theirs), Some(ours)) = (metadata.invocation_id.as_deref(), manifest) else { continue };
        let (Some(ours_id), Some(ours_at), Some(theirs_at)) =
            (ours.invocation_id.as_deref(), ours.generated_at.as_deref(), metadata.generated_at.as_deref())
        else {
            continue;
        };
        if theirs != ours_id && theirs_at > ours_at {
            warn(format!(
                "it was written by another dbt invocation ({theirs}, at {theirs_at}) after the manifest ({ours_id}, at \
                 {ours_at}); its results may be about a project other than the one this manifest describes"
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::{load_project, Input};

    const MANIFEST: &str = r#"{"metadata": {"project_name": "clinic", "invocation_id": "m-1",
        "generated_at": "2026-01-02T03:00:00Z"},
        "nodes": {"model.clinic.a": {"resource_type": "model", "name": "a", "package_name": "clinic"}},
        "sources": {"source.clinic.raw.t": {"resource_type": "source", "name": "t", "source_name": "raw",
                    "package_name": "clinic"}}}"#;

    fn warnings(run_results: Option<&str>, sources: Option<&str>) -> Vec<String> {
        let mut set = ArtifactSet::default();
        set.insert(ArtifactKind::Manifest, Input::new("target/manifest.json", MANIFEST.as_bytes().to_vec()));
        if let Some(rr) = run_results {
            set.insert(ArtifactKind::RunResults, Input::new("target/run_results.json", rr.as_bytes().to_vec()));
        }
        if let Some(s) = sources {
            set.insert(ArtifactKind::Sources, Input::new("target/sources.json", s.as_bytes().to_vec()));
        }
        let loaded = load_project(&set).unwrap();
        provenance_warnings(&set, &loaded.project).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn results_of_the_same_project_written_before_the_manifest_are_fine() {
        let rr = r#"{"metadata": {"invocation_id": "b-0", "generated_at": "2026-01-02T02:00:00Z"},
                     "results": [{"unique_id": "model.clinic.a", "status": "success"}]}"#;
        let s = r#"{"metadata": {"invocation_id": "m-1", "generated_at": "2026-01-02T03:00:00Z"},
                    "results": [{"unique_id": "source.clinic.raw.t", "status": "pass"}]}"#;
        assert_eq!(warnings(Some(rr), Some(s)), Vec::<String>::new());
    }

    #[test]
    fn results_of_another_project_or_a_later_invocation_are_warnings() {
        let rr = r#"{"metadata": {"project_name": "billing", "invocation_id": "b-0", "generated_at": "2026-01-02T02:00:00Z"},
                     "results": [{"unique_id": "model.clinic.a", "status": "success"}]}"#;
        let s = r#"{"metadata": {"invocation_id": "f-2", "generated_at": "2026-01-03T00:00:00Z"},
                    "results": [{"unique_id": "source.billing.raw.x", "status": "pass"}]}"#;
        assert_eq!(
            warnings(Some(rr), Some(s)),
            [
                "target/run_results.json: its metadata.project_name is `billing`, the manifest's is `clinic`; was it \
                 written for another project?",
                "target/sources.json: none of its 1 results is a source of this manifest (first: \
                 `source.billing.raw.x`); was it written for another project?",
                "target/sources.json: it was written by another dbt invocation (f-2, at 2026-01-03T00:00:00Z) after \
                 the manifest (m-1, at 2026-01-02T03:00:00Z); its results may be about a project other than the one \
                 this manifest describes",
            ]
        );
    }
}

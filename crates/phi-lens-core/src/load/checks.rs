//! Checks on what was loaded: that each file is the artifact it was given as, with a schema
//! phi-lens knows, and that the project's `depends_on` ids name resources and form no cycle.

use std::collections::HashSet;

use crate::artifacts::schema_version;
use crate::error::{Error, ErrorKind};
use crate::hashing::FastHash;
use crate::input::{ArtifactKind, Input};
use crate::lineage::Lineage;
use crate::model::{InputInfo, Project};

use super::builder::OwnedMetadata;
use super::Warning;

/// The newest schema version of each artifact that phi-lens knows; newer ones load best-effort.
const KNOWN_SCHEMAS: [(ArtifactKind, u32); 4] = [
    (ArtifactKind::Manifest, 12),
    (ArtifactKind::Catalog, 1),
    (ArtifactKind::RunResults, 6),
    (ArtifactKind::Sources, 3),
];

/// dbt Fusion writes manifest schema v20; its shape is read like v12's.
const FUSION_MANIFEST_SCHEMA: u32 = 20;

/// Checks that the file is the artifact it was given as and that its schema is known.
pub(crate) fn check_metadata(
    input: &Input,
    text: &[u8],
    md: &OwnedMetadata,
    kind: ArtifactKind,
    warnings: &mut Vec<Warning>,
) -> Result<InputInfo, Error> {
    let url = md.dbt_schema_version.as_deref().unwrap_or("");
    let parsed = schema_version(url);
    let mut warn = |message: String| warnings.push(Warning { file: input.name.clone(), message });
    match parsed {
        Some((segment, _)) if segment != kind.schema_segment() => {
            let other = ArtifactKind::ALL.into_iter().find(|k| k.schema_segment() == segment);
            let what = other.map_or_else(|| format!("`{segment}`"), |k| k.file_name().to_string());
            return Err(Error::new(
                input.name.clone(),
                ErrorKind::WrongArtifact(format!(
                    "given as {}, but its metadata.dbt_schema_version ({url}) says it is {what}",
                    kind.file_name()
                )),
            ));
        }
        Some((_, version)) => {
            let known = KNOWN_SCHEMAS.iter().find(|(k, _)| *k == kind).map_or(0, |(_, v)| *v);
            let fusion = kind == ArtifactKind::Manifest && version == FUSION_MANIFEST_SCHEMA;
            if version > known && !fusion {
                warn(format!(
                    "schema v{version} is newer than phi-lens knows (up to v{known}); read best-effort — \
                     fields dbt renamed or moved may be missing from the results"
                ));
            }
        }
        None if url.is_empty() => warn(format!(
            "no metadata.dbt_schema_version: not a recognisable dbt {}; read best-effort",
            kind.file_name()
        )),
        None => warn(format!("unrecognised metadata.dbt_schema_version `{url}`; read best-effort")),
    }
    Ok(InputInfo {
        kind,
        name: input.name.clone(),
        size: input.bytes.len() as u64,
        json_size: text.len() as u64,
        schema_version: parsed.map(|(_, v)| format!("v{v}")),
        dbt_version: md.dbt_version.clone(),
        generated_at: md.generated_at.clone(),
        invocation_id: md.invocation_id.clone(),
    })
}

/// Fails on a dependency cycle, naming the first one (see [`Lineage::find_cycle`]).
pub(crate) fn check_cycles(project: &Project, file: &str) -> Result<(), Error> {
    match Lineage::build(project).find_cycle() {
        Some(cycle) => Err(Error::new(file, ErrorKind::Cycle(cycle.join(" → ")))),
        None => Ok(()),
    }
}

/// Warns about `depends_on` ids that name nothing in the manifest.
pub(crate) fn check_references(project: &Project, file: &str, warnings: &mut Vec<Warning>) {
    let known: HashSet<&str, FastHash> = project.dependencies().map(|(uid, _)| uid).collect();
    let dependents = project.dependencies();
    let mut dangling: Vec<(String, String)> = Vec::new();
    for (uid, deps) in dependents {
        for d in deps.iter().filter(|d| !known.contains(d.as_ref())) {
            dangling.push((uid.to_string(), d.to_string()));
        }
    }
    if dangling.is_empty() {
        return;
    }
    dangling.sort();
    const SHOWN: usize = 5;
    let listed: Vec<String> = dangling.iter().take(SHOWN).map(|(u, d)| format!("`{u}` → `{d}`")).collect();
    let more = dangling.len().saturating_sub(SHOWN);
    let tail = if more > 0 { format!(" and {more} more") } else { String::new() };
    warnings.push(Warning {
        file: file.to_string(),
        message: format!(
            "{} dependencies name resources that are not in the manifest (dangling depends_on ids; lineage through them is lost): {}{tail}",
            dangling.len(),
            listed.join(", ")
        ),
    });
}

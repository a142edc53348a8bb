//! Bytes → project model: parses each artifact, normalises it, merges the catalog, run results
//! and source freshness, and checks the whole (dangling ids, cycles, foreign artifacts).
//!
//! **Invariant:** loading never panics. It returns the project and its warnings, or one
//! [`Error`] that names the file and the place.
//!
//! The steps, a file each: `parse` (bytes → raw artifacts, the manifest perhaps in two halves),
//! `builder` and `convert` (raw manifest entries → the model, strings stored once by
//! `interning`), `merge` (catalog, run results and source freshness into the model) and
//! `checks` (each file's metadata, then the whole project's references and cycles).

mod builder;
mod checks;
mod convert;
mod interning;
mod merge;
mod parse;

use std::fmt;

use crate::artifacts::catalog::RawCatalog;
use crate::artifacts::manifest::ManifestSeed;
use crate::artifacts::run_results::RawRunResults;
use crate::artifacts::sources::RawSourcesFile;
use crate::error::{Error, ErrorKind};
use crate::input::{ArtifactKind, ArtifactSet};
use crate::join::{Join, Sequential};
use crate::model::Project;

use builder::{Builder, OwnedMetadata};
use checks::{check_cycles, check_metadata, check_references};
use merge::{merge_catalog, merge_freshness, merge_run_results};
use parse::{parse, parse_manifest_split, parse_seed, SPLIT_FROM};

/// Something the user should know that did not stop loading.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Warning {
    /// The file it is about.
    pub file: String,
    /// What to know.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

/// A loaded project and what was noticed on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The normalised project.
    pub project: Project,
    /// Warnings, in a stable order.
    pub warnings: Vec<Warning>,
}

/// Loads an artifact set: the manifest is required, the other three are merged when present.
pub fn load_project(set: &ArtifactSet) -> Result<Loaded, Error> {
    load(set, None::<&Sequential>)
}

/// [`load_project`], a large manifest parsed on both sides of `join`: its `nodes` on one, the
/// other sections on the other (see [`parse_manifest_split`]). Worth it only with a `join` that
/// runs on two threads, such as [`crate::join::Threads`]; the result is the same.
pub fn load_project_with<J: Join>(set: &ArtifactSet, join: &J) -> Result<Loaded, Error> {
    load(set, Some(join))
}

fn load<J: Join>(set: &ArtifactSet, join: Option<&J>) -> Result<Loaded, Error> {
    let manifest = set.get(ArtifactKind::Manifest).ok_or_else(|| {
        Error::new(
            ArtifactKind::Manifest.file_name(),
            ErrorKind::WrongArtifact("no manifest.json was given; it is the one artifact phi-lens needs".into()),
        )
    })?;
    let mut warnings = Vec::new();
    let mut inputs = Vec::new();

    let text = manifest.json_bytes()?;
    let split = join.filter(|_| text.len() >= SPLIT_FROM).and_then(|join| parse_manifest_split(&text, join));
    let builder = match split {
        Some(builder) => builder,
        None => parse_seed(&manifest.name, &text, || ManifestSeed(Builder::default()))?,
    };
    let info = check_metadata(manifest, &text, &builder.metadata, ArtifactKind::Manifest, &mut warnings)?;
    inputs.push(info);
    let mut project = builder.finish(&manifest.name, &mut warnings);
    drop(text);

    if let Some(input) = set.get(ArtifactKind::Catalog) {
        let text = input.json_bytes()?;
        let raw: RawCatalog = parse(&input.name, &text)?;
        inputs.push(check_metadata(
            input,
            &text,
            &OwnedMetadata::from(&raw.metadata),
            ArtifactKind::Catalog,
            &mut warnings,
        )?);
        merge_catalog(&mut project, raw, &input.name, &mut warnings)?;
    }
    if let Some(input) = set.get(ArtifactKind::RunResults) {
        let text = input.json_bytes()?;
        let raw: RawRunResults = parse(&input.name, &text)?;
        inputs.push(check_metadata(
            input,
            &text,
            &OwnedMetadata::from(&raw.metadata),
            ArtifactKind::RunResults,
            &mut warnings,
        )?);
        merge_run_results(&mut project, raw, &input.name, &mut warnings);
    }
    if let Some(input) = set.get(ArtifactKind::Sources) {
        let text = input.json_bytes()?;
        let raw: RawSourcesFile = parse(&input.name, &text)?;
        inputs.push(check_metadata(
            input,
            &text,
            &OwnedMetadata::from(&raw.metadata),
            ArtifactKind::Sources,
            &mut warnings,
        )?);
        merge_freshness(&mut project, raw);
    }
    project.inputs = inputs;

    check_references(&project, &manifest.name, &mut warnings);
    check_cycles(&project, &manifest.name)?;
    Ok(Loaded { project, warnings })
}

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
mod slices;

/// Runs `check` on every manifest of the shared corpus, decoded, one at a time (said loudly
/// and skipped when the corpus is absent): the split and the sliced parse are checked on all.
#[cfg(test)]
fn for_each_corpus_manifest(mut check: impl FnMut(&std::path::Path, &[u8])) {
    let corpus = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let Ok(dirs) = std::fs::read_dir(&corpus) else {
        eprintln!("\n!!!!! SKIPPED: the corpus is absent at {} !!!!!\n", corpus.display());
        return;
    };
    let mut read = 0;
    for dir in dirs.flatten() {
        for name in ["manifest.json", "manifest.json.gz"] {
            let Ok(bytes) = std::fs::read(dir.path().join(name)) else { continue };
            let text = crate::input::decode(name, &bytes).expect("a corpus manifest decodes");
            check(&dir.path(), &text);
            read += 1;
        }
    }
    assert!(read > 10, "{read} manifests");
}

use std::borrow::Cow;
use std::fmt;

use crate::artifacts::catalog::RawCatalog;
use crate::artifacts::manifest::ManifestSeed;
use crate::artifacts::run_results::RawRunResults;
use crate::artifacts::sources::RawSourcesFile;
use crate::error::{Error, ErrorKind};
use crate::input::{ArtifactKind, ArtifactSet, Input};
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

/// [`load_project`] in steps a caller runs one at a time, each short enough for a browser task:
/// the manifest's entries a few at a time ([`LoadSteps::step`]), then the rest of the load
/// ([`LoadSteps::finish`]: the project built and checked, the other artifacts merged). The same
/// result, or the same error, as [`load_project`]:
///
/// ```text
/// let mut steps = load_steps(&set)?;
/// while steps.step(50) {}          // 50 entries of the manifest per step
/// let loaded = steps.finish()?;
/// ```
pub fn load_steps(set: &ArtifactSet) -> Result<LoadSteps<'_>, Error> {
    let manifest = manifest_of(set)?;
    let text = manifest.json_bytes()?;
    Ok(LoadSteps { set, manifest, text, slices: slices::Slices::new(Builder::default()) })
}

/// A load in steps ([`load_steps`]).
pub struct LoadSteps<'s> {
    set: &'s ArtifactSet,
    manifest: &'s Input,
    text: Cow<'s, [u8]>,
    slices: slices::Slices<Builder>,
}

impl LoadSteps<'_> {
    /// Parses up to `entries` more entries of the manifest; false once it is read (or cannot
    /// be read in slices: [`LoadSteps::finish`] then parses it in one pass).
    pub fn step(&mut self, entries: usize) -> bool {
        self.slices.step(&self.text, entries)
    }

    /// The loaded project: the manifest's remaining entries parsed, then what
    /// [`load_project`] does after the parse.
    pub fn finish(mut self) -> Result<Loaded, Error> {
        while self.step(usize::MAX) {}
        let builder = match self.slices.finish() {
            Some(builder) => builder,
            // Not readable in slices: one pass gives its result, or the error with its place.
            None => parse_seed(&self.manifest.name, &self.text, || ManifestSeed(Builder::default()))?,
        };
        after_parse(self.set, self.manifest, self.text, builder)
    }
}

fn manifest_of(set: &ArtifactSet) -> Result<&Input, Error> {
    set.get(ArtifactKind::Manifest).ok_or_else(|| {
        Error::new(
            ArtifactKind::Manifest.file_name(),
            ErrorKind::WrongArtifact("no manifest.json was given; it is the one artifact phi-lens needs".into()),
        )
    })
}

fn load<J: Join>(set: &ArtifactSet, join: Option<&J>) -> Result<Loaded, Error> {
    let manifest = manifest_of(set)?;
    let text = manifest.json_bytes()?;
    let split = join.filter(|_| text.len() >= SPLIT_FROM).and_then(|join| parse_manifest_split(&text, join));
    let builder = match split {
        Some(builder) => builder,
        None => parse_seed(&manifest.name, &text, || ManifestSeed(Builder::default()))?,
    };
    after_parse(set, manifest, text, builder)
}

/// The load once the manifest is parsed into `builder`: the project built and checked, the
/// other artifacts merged.
fn after_parse(set: &ArtifactSet, manifest: &Input, text: Cow<'_, [u8]>, builder: Builder) -> Result<Loaded, Error> {
    let mut warnings = Vec::new();
    let mut inputs = Vec::new();
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

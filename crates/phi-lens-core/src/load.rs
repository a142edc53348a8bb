//! Bytes → project model: parses each artifact, normalises it, merges the catalog, run results
//! and source freshness, and checks the whole (dangling ids, cycles, foreign artifacts).
//!
//! **Invariant:** loading never panics. It returns the project and its warnings, or one
//! [`Error`] that names the file and the place.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;

use serde::de::DeserializeSeed;
use serde::Deserialize;

use crate::artifacts::catalog::RawCatalog;
use crate::artifacts::manifest::{
    ManifestSeed, ManifestSink, OtherSection, Part, PartSeed, RawColumn, RawConfig, RawExposure, RawNode, RawOther,
    RawSource,
};
use crate::artifacts::run_results::RawRunResults;
use crate::artifacts::sources::RawSourcesFile;
use crate::artifacts::{schema_version, Meta, OrderedMap, RawMeta, RawMetadata, Str, StrList};
use crate::error::{from_json, json_path, Error, ErrorKind};
use crate::input::{ArtifactKind, ArtifactSet, Input};
use crate::join::{Join, Sequential};
use crate::lineage::Lineage;
use crate::model::{
    Column, ColumnOrigin, Exposure, InputInfo, Node, OtherResource, Owner, Project, ProjectInfo, ResourceType,
    RunStatus, Test, TestKind, Text,
};

/// The newest schema version of each artifact that phi-lens knows; newer ones load best-effort.
const KNOWN_SCHEMAS: [(ArtifactKind, u32); 4] = [
    (ArtifactKind::Manifest, 12),
    (ArtifactKind::Catalog, 1),
    (ArtifactKind::RunResults, 6),
    (ArtifactKind::Sources, 3),
];

/// dbt Fusion writes manifest schema v20; its shape is read like v12's.
const FUSION_MANIFEST_SCHEMA: u32 = 20;

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
    if let Some(cycle) = Lineage::build(&project).find_cycle() {
        return Err(Error::new(manifest.name.clone(), ErrorKind::Cycle(cycle.join(" → "))));
    }
    Ok(Loaded { project, warnings })
}

/// Parses a whole document with a fast pass; on failure, parses again tracking the JSON path.
fn parse_seed<'de, S, F>(file: &str, text: &'de [u8], mut make: F) -> Result<S::Value, Error>
where
    S: DeserializeSeed<'de>,
    F: FnMut() -> S,
{
    let mut de = serde_json::Deserializer::from_slice(text);
    let first = make().deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    match first {
        Ok(v) => Ok(v),
        Err(err) => {
            let mut de = serde_json::Deserializer::from_slice(text);
            let mut track = serde_path_to_error::Track::new();
            let _ = make().deserialize(serde_path_to_error::Deserializer::new(&mut de, &mut track));
            Err(from_json(file, &err, Some(json_path(&track.path()))))
        }
    }
}

/// Manifests smaller than this are parsed in one pass: a second thread would gain little.
const SPLIT_FROM: usize = 4 << 20;

/// Parses a manifest's `nodes` on one side of `join` and its other entries on the other,
/// each side with a sink of its own ([`PartSeed`]), then merges the two sinks into what one
/// pass would have built: sources and nodes share one list, in file order.
///
/// Each side reads the whole document's syntax up to where it stops (skipping the other's
/// part with `IgnoredAny`, which is fast), so the two succeed exactly when a one-pass parse
/// does. `None` when either fails, or the manifest has more than one `nodes`: the caller then
/// parses it in one pass, which gives the usual error with file, line and column.
fn parse_manifest_split<J: Join>(text: &[u8], join: &J) -> Option<Builder> {
    let part = |part: Part| {
        let mut builder = Builder::default();
        let mut nodes_read = false;
        let mut de = serde_json::Deserializer::from_slice(text);
        let parsed = PartSeed { sink: &mut builder, part, nodes_read: &mut nodes_read }
            .deserialize(&mut de)
            .and_then(|()| de.end());
        // Needed only while parsing: freed here, on each side, before the two lists are merged.
        builder.interner = Interner::default();
        (parsed.is_ok() || nodes_read).then_some(builder)
    };
    let (nodes, rest) = join.join(|| part(Part::Nodes), || part(Part::Rest));
    let (nodes, mut rest) = (nodes?, rest?);
    let at = match rest.nodes_skipped_at[..] {
        // No `nodes` at all: the other side read nothing either.
        [] => rest.nodes.len(),
        [at] => at,
        _ => return None,
    };
    // The nodes go where the sources stopped when `nodes` was skipped, into whichever list has
    // room for both: no third list, and usually no reallocation.
    let (mut sources, read) = (rest.nodes, nodes.nodes);
    rest.nodes = if sources.capacity() >= read.capacity() {
        sources.splice(at..at, read);
        sources
    } else {
        let mut list = read;
        list.splice(0..0, sources.drain(..at));
        list.append(&mut sources);
        list
    };
    rest.tests = nodes.tests;
    rest.sections.extend(nodes.sections);
    Some(rest)
}

/// [`parse_seed`] for a plain `Deserialize` type.
fn parse<'de, T: Deserialize<'de>>(file: &str, text: &'de [u8]) -> Result<T, Error> {
    parse_seed(file, text, || std::marker::PhantomData::<T>)
}

/// Checks that the file is the artifact it was given as and that its schema is known.
fn check_metadata(
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

/// Collects the manifest's entries as they are parsed, already owned and normalised.
#[derive(Default)]
struct Builder {
    metadata: OwnedMetadata,
    nodes: Vec<Node>,
    tests: Vec<Test>,
    exposures: Vec<Exposure>,
    others: Vec<OtherResource>,
    section_counts: BTreeMap<String, u64>,
    sections: BTreeSet<String>,
    interner: Interner,
    /// The length of `nodes` where each skipped `nodes` section was ([`Part::Rest`]).
    nodes_skipped_at: Vec<usize>,
}

/// The manifest's metadata, owned.
#[derive(Default)]
struct OwnedMetadata {
    dbt_schema_version: Option<String>,
    dbt_version: Option<String>,
    generated_at: Option<String>,
    invocation_id: Option<String>,
    project_name: Option<String>,
    adapter_type: Option<String>,
    send_anonymous_usage_stats: Option<bool>,
}

impl From<&RawMetadata<'_>> for OwnedMetadata {
    fn from(md: &RawMetadata<'_>) -> Self {
        let own = |s: &Option<Str<'_>>| s.as_deref().map(str::to_string);
        OwnedMetadata {
            dbt_schema_version: own(&md.dbt_schema_version),
            dbt_version: own(&md.dbt_version),
            generated_at: own(&md.generated_at),
            invocation_id: own(&md.invocation_id),
            project_name: own(&md.project_name),
            adapter_type: own(&md.adapter_type),
            send_anonymous_usage_stats: md.send_anonymous_usage_stats.0,
        }
    }
}

impl<'a> ManifestSink<'a> for Builder {
    fn metadata(&mut self, md: RawMetadata<'a>) {
        self.metadata = OwnedMetadata::from(&md);
    }

    fn node(&mut self, key: Str<'a>, raw: RawNode<'a>) {
        if raw.resource_type.as_deref() == Some("test") {
            self.tests.push(convert_test(key, raw, &mut self.interner));
        } else {
            self.nodes.push(convert_node(key, raw, &mut self.interner));
        }
    }

    fn source(&mut self, key: Str<'a>, raw: RawSource<'a>) {
        self.nodes.push(convert_source(key, raw, &mut self.interner));
    }

    fn exposure(&mut self, key: Str<'a>, raw: RawExposure<'a>) {
        self.exposures.push(convert_exposure(key, raw, &mut self.interner));
    }

    fn other(&mut self, section: OtherSection, key: Str<'a>, raw: RawOther<'a>) {
        let resource_type = match section {
            OtherSection::Metrics => "metric",
            OtherSection::SemanticModels => "semantic_model",
            OtherSection::SavedQueries => "saved_query",
            OtherSection::UnitTests => "unit_test",
        };
        let depends_on = self.interner.list(raw.depends_on.nodes);
        self.others.push(OtherResource {
            resource_type: resource_type.to_string(),
            unique_id: raw.unique_id.map_or_else(|| key.into_owned(), Cow::into_owned),
            name: string(raw.name),
            package_name: self.interner.req(raw.package_name),
            description: string(raw.description),
            depends_on,
        });
    }

    fn nodes_skipped(&mut self) {
        self.nodes_skipped_at.push(self.nodes.len());
    }

    fn section_seen(&mut self, name: &str, entries: usize) {
        self.sections.insert(name.to_string());
        if matches!(name, "macros" | "groups" | "docs") {
            self.section_counts.insert(name.to_string(), entries as u64);
        }
    }
}

impl Builder {
    /// The project, sorted and deduplicated; warnings name the manifest as `file`.
    fn finish(mut self, file: &str, warnings: &mut Vec<Warning>) -> Project {
        if !self.sections.contains("nodes") {
            warnings.push(Warning {
                file: file.to_string(),
                message: "no `nodes` section: the manifest describes no models, seeds, snapshots or tests".into(),
            });
        }
        // Unstable sorts sort in place: a stable sort's buffer would be a memory peak.
        self.nodes.sort_unstable_by(|a, b| a.unique_id.cmp(&b.unique_id));
        self.tests.sort_unstable_by(|a, b| a.unique_id.cmp(&b.unique_id));
        self.exposures.sort_unstable_by(|a, b| a.unique_id.cmp(&b.unique_id));
        self.others.sort_unstable_by(|a, b| a.unique_id.cmp(&b.unique_id));
        for (what, ids) in [
            ("node", self.nodes.iter().map(|n| n.unique_id.as_ref()).collect::<Vec<_>>()),
            ("test", self.tests.iter().map(|n| n.unique_id.as_ref()).collect()),
        ] {
            for pair in ids.windows(2) {
                if let [a, b] = pair {
                    if a == b {
                        warnings.push(Warning {
                            file: file.to_string(),
                            message: format!("{what} `{a}` appears more than once; only one is kept"),
                        });
                    }
                }
            }
        }
        self.nodes.dedup_by(|later, earlier| later.unique_id == earlier.unique_id);
        self.tests.dedup_by(|later, earlier| later.unique_id == earlier.unique_id);
        self.nodes.shrink_to_fit();
        self.tests.shrink_to_fit();
        self.exposures.shrink_to_fit();
        self.others.shrink_to_fit();
        let project_name = self
            .metadata
            .project_name
            .clone()
            .filter(|s| !s.trim().is_empty())
            .or_else(|| most_frequent_package(&self.nodes, &self.tests));
        Project {
            info: ProjectInfo {
                project_name,
                dbt_version: self.metadata.dbt_version.clone(),
                adapter_type: self.metadata.adapter_type.clone(),
                generated_at: self.metadata.generated_at.clone(),
                send_anonymous_usage_stats: self.metadata.send_anonymous_usage_stats,
            },
            inputs: Vec::new(),
            nodes: self.nodes,
            tests: self.tests,
            exposures: self.exposures,
            others: self.others,
            section_counts: self.section_counts,
            test_status: BTreeMap::new(),
            has_catalog: false,
            has_run_results: false,
        }
    }
}

/// The root package of manifests without `metadata.project_name`: the most frequent package
/// among models (ties: alphabetically first); with no models, among all nodes.
fn most_frequent_package(nodes: &[Node], tests: &[Test]) -> Option<String> {
    let pick = |names: &mut dyn Iterator<Item = &str>| -> Option<String> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for n in names.filter(|n| !n.is_empty()) {
            *counts.entry(n).or_default() += 1;
        }
        let best = counts.values().copied().max()?;
        counts.into_iter().find(|(_, c)| *c == best).map(|(n, _)| n.to_string())
    };
    let mut models = nodes.iter().filter(|n| n.resource_type == ResourceType::Model).map(|n| n.package_name.as_ref());
    pick(&mut models).or_else(|| {
        let mut all = nodes
            .iter()
            .filter(|n| n.resource_type != ResourceType::Source)
            .map(|n| n.package_name.as_ref())
            .chain(tests.iter().map(|t| t.package_name.as_ref()));
        pick(&mut all)
    })
}

/// Stores each distinct string once (see [`Text`]).
#[derive(Default)]
struct Interner(HashSet<Text, std::hash::BuildHasherDefault<FxHasher>>);

/// The Fx hash (rustc's): a multiply-rotate over 8-byte words. Interning hashes hundreds of
/// thousands of short strings per manifest, where SipHash's DoS resistance buys nothing (the
/// set lives for one load) and costs a tenth of the load time.
#[derive(Default)]
struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl Interner {
    fn text(&mut self, s: &str) -> Text {
        if let Some(t) = self.0.get(s) {
            return t.clone();
        }
        let t: Text = Text::from(s);
        self.0.insert(t.clone());
        t
    }

    /// The string, or "" when absent.
    fn req(&mut self, s: Option<Str<'_>>) -> Text {
        self.text(s.as_deref().unwrap_or(""))
    }

    /// The string when present and not blank.
    fn opt(&mut self, s: Option<Str<'_>>) -> Option<Text> {
        s.filter(|v| !v.trim().is_empty()).map(|v| self.text(&v))
    }

    fn list(&mut self, list: StrList<'_>) -> Vec<Text> {
        list.0.iter().map(|v| self.text(v)).collect()
    }
}

fn own(s: Option<Str<'_>>) -> Option<String> {
    s.map(Cow::into_owned)
}

fn string(s: Option<Str<'_>>) -> String {
    s.map(Cow::into_owned).unwrap_or_default()
}

fn owned_list(list: StrList<'_>) -> Vec<String> {
    list.0.into_iter().map(Cow::into_owned).collect()
}

/// `tags` and `config.tags`, sorted and deduplicated.
fn merge_tags(a: StrList<'_>, b: Option<StrList<'_>>, it: &mut Interner) -> Vec<Text> {
    let b = b.map(|b| b.0).unwrap_or_default();
    let mut out: Vec<Text> = a.0.iter().chain(b.iter()).map(|t| it.text(t)).collect();
    out.sort();
    out.dedup();
    out
}

/// `meta` merged with `config.meta` (the later ones win on a clash).
fn merge_meta(parts: impl IntoIterator<Item = RawMeta>) -> Meta {
    let mut out = Meta::new();
    for RawMeta(m) in parts {
        out.extend(m);
    }
    out
}

fn convert_columns(columns: OrderedMap<'_, RawColumn<'_>>, it: &mut Interner) -> Vec<Column> {
    // A column key given twice is one column, with its last value (as JSON parsers read it).
    let columns = columns.last_of_each_key().0;
    // Collected into a fresh vector: an in-place collect would keep the larger raw allocation.
    let mut out = Vec::with_capacity(columns.len());
    out.extend(columns.into_iter().map(|(key, mut c)| {
        let access_config = c.take_access();
        let (config_tags, config_meta) = match c.config {
            Some(cfg) => (Some(cfg.tags), cfg.meta),
            None => (None, RawMeta::default()),
        };
        let name = c.name.filter(|n| !n.is_empty()).unwrap_or(key);
        Column {
            name: it.text(&name),
            description: it.req(c.description),
            data_type: it.opt(c.data_type),
            warehouse_type: None,
            tags: merge_tags(c.tags, config_tags, it),
            meta: merge_meta([c.meta, config_meta]),
            access_config,
            origin: ColumnOrigin::Documented,
        }
    }));
    out
}

/// The parts of `config` a node keeps, with defaults when there is no config.
struct ConfigParts {
    enabled: bool,
    materialized: Option<Text>,
    access: Option<Text>,
    tags: Option<StrList<'static>>,
    meta: RawMeta,
    grants: BTreeMap<String, Vec<String>>,
    access_config: Meta,
    post_hooks: Vec<String>,
    pre_hooks: Vec<String>,
    severity: Option<Text>,
    where_clause: Option<String>,
}

fn config_parts(config: Option<RawConfig<'_>>, it: &mut Interner) -> ConfigParts {
    let Some(mut c) = config else {
        return ConfigParts {
            enabled: true,
            materialized: None,
            access: None,
            tags: None,
            meta: RawMeta::default(),
            grants: BTreeMap::new(),
            access_config: Meta::new(),
            post_hooks: Vec::new(),
            pre_hooks: Vec::new(),
            severity: None,
            where_clause: None,
        };
    };
    let access_config = c.take_access();
    let mut grants: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (privilege, roles) in c.grants.0 {
        let entry = grants.entry(privilege.into_owned()).or_default();
        entry.extend(roles.0.into_iter().map(Cow::into_owned));
        entry.sort();
        entry.dedup();
    }
    ConfigParts {
        enabled: c.enabled.0.unwrap_or(true),
        materialized: it.opt(c.materialized),
        access: it.opt(c.access),
        tags: Some(StrList(c.tags.0.into_iter().map(|t| Cow::Owned(t.into_owned())).collect())),
        access_config,
        meta: c.meta,
        grants,
        post_hooks: c.post_hook.0,
        pre_hooks: c.pre_hook.0,
        severity: it.opt(c.severity),
        where_clause: own(c.where_),
    }
}

fn convert_node(key: Str<'_>, raw: RawNode<'_>, it: &mut Interner) -> Node {
    let cfg = config_parts(raw.config, it);
    Node {
        unique_id: it.text(raw.unique_id.as_deref().unwrap_or(&key)),
        resource_type: ResourceType::parse(raw.resource_type.as_deref().unwrap_or("")),
        name: string(raw.name),
        source_name: None,
        package_name: it.req(raw.package_name),
        original_file_path: it.req(raw.original_file_path),
        patch_path: it.opt(raw.patch_path),
        description: string(raw.description),
        source_description: None,
        database: it.opt(raw.database),
        schema: it.opt(raw.schema),
        alias: own(raw.alias),
        materialized: cfg.materialized,
        access: cfg.access,
        enabled: cfg.enabled,
        tags: merge_tags(raw.tags, cfg.tags, it),
        meta: merge_meta([raw.meta, cfg.meta]),
        grants: cfg.grants,
        access_config: cfg.access_config,
        post_hooks: cfg.post_hooks,
        pre_hooks: cfg.pre_hooks,
        depends_on: it.list(raw.depends_on.nodes),
        primary_key: owned_list(raw.primary_key),
        has_compiled_sql: raw.compiled_code.0 || raw.compiled_sql.0,
        loader: None,
        loaded_at_field: None,
        columns: convert_columns(raw.columns, it),
        warehouse_kind: None,
        in_catalog: false,
        run: None,
    }
}

fn convert_source(key: Str<'_>, raw: RawSource<'_>, it: &mut Interner) -> Node {
    let cfg = config_parts(raw.config, it);
    Node {
        unique_id: it.text(raw.unique_id.as_deref().unwrap_or(&key)),
        resource_type: ResourceType::Source,
        name: string(raw.name),
        source_name: it.opt(raw.source_name),
        package_name: it.req(raw.package_name),
        original_file_path: it.req(raw.original_file_path),
        patch_path: None,
        description: string(raw.description),
        source_description: own(raw.source_description).filter(|d| !d.trim().is_empty()),
        database: it.opt(raw.database),
        schema: it.opt(raw.schema),
        alias: own(raw.identifier),
        materialized: None,
        access: None,
        enabled: cfg.enabled,
        tags: merge_tags(raw.tags, cfg.tags, it),
        meta: merge_meta([raw.source_meta, raw.meta, cfg.meta]),
        grants: cfg.grants,
        access_config: cfg.access_config,
        post_hooks: Vec::new(),
        pre_hooks: Vec::new(),
        depends_on: Vec::new(),
        primary_key: Vec::new(),
        has_compiled_sql: false,
        loader: it.opt(raw.loader),
        loaded_at_field: it.opt(raw.loaded_at_field),
        columns: convert_columns(raw.columns, it),
        warehouse_kind: None,
        in_catalog: false,
        run: None,
    }
}

fn convert_test(key: Str<'_>, raw: RawNode<'_>, it: &mut Interner) -> Test {
    let cfg = config_parts(raw.config, it);
    let depends_on = it.list(raw.depends_on.nodes);
    let kind = match raw.test_metadata {
        Some(tm) if tm.name.as_deref().is_some_and(|n| !n.is_empty()) => {
            TestKind::Generic { test_name: it.req(tm.name), namespace: it.opt(tm.namespace), kwargs: tm.kwargs.0 }
        }
        _ => TestKind::Singular,
    };
    let attached_node = it.opt(raw.attached_node).or_else(|| infer_attached_node(&kind, &depends_on));
    let column_name = it.opt(raw.column_name).or_else(|| match &kind {
        TestKind::Generic { kwargs, .. } => kwargs.get("column_name").and_then(|v| v.as_str()).map(Text::from),
        TestKind::Singular => None,
    });
    Test {
        unique_id: it.text(raw.unique_id.as_deref().unwrap_or(&key)),
        name: string(raw.name),
        package_name: it.req(raw.package_name),
        original_file_path: it.req(raw.original_file_path),
        kind,
        column_name,
        attached_node,
        depends_on,
        severity: cfg.severity,
        where_clause: cfg.where_clause,
        tags: merge_tags(raw.tags, cfg.tags, it),
        meta: merge_meta([raw.meta, cfg.meta]),
        enabled: cfg.enabled,
        run: None,
        stored_columns: Vec::new(),
    }
}

/// For manifests before `attached_node` (dbt < 1.5): the node named by the test's `model`
/// argument (`{{ ref('x') }}` / `{{ source('s', 't') }}`), or its only dependency.
fn infer_attached_node(kind: &TestKind, depends_on: &[Text]) -> Option<Text> {
    if let [only] = depends_on {
        return Some(only.clone());
    }
    let TestKind::Generic { kwargs, .. } = kind else { return None };
    let target = kwargs.get("model").and_then(|m| m.as_str()).and_then(ref_target)?;
    depends_on.iter().find(|d| d.ends_with(&format!(".{target}"))).cloned()
}

/// `x` from `{{ ref('x') }}` and `s.t` from `{{ source('s', 't') }}`, inside any wrapper.
fn ref_target(expr: &str) -> Option<String> {
    let args_of = |call: &str| -> Option<Vec<String>> {
        let start = expr.find(call)? + call.len();
        let rest = expr.get(start..)?;
        let end = rest.find(')')?;
        let args = rest.get(..end)?;
        Some(
            args.split(',')
                .map(|a| a.trim().trim_matches(|c| c == '\'' || c == '"').to_string())
                .filter(|a| !a.is_empty() && !a.contains('='))
                .collect(),
        )
    };
    if let Some(args) = args_of("ref(") {
        return args.last().cloned();
    }
    args_of("source(").filter(|a| a.len() == 2).map(|a| a.join("."))
}

fn convert_exposure(key: Str<'_>, raw: RawExposure<'_>, it: &mut Interner) -> Exposure {
    let cfg = config_parts(raw.config, it);
    let owner = raw.owner.map_or_else(Owner::default, |o| Owner {
        name: own(o.name).filter(|n| !n.trim().is_empty()),
        email: owned_list(o.email).into_iter().filter(|e| !e.trim().is_empty()).collect(),
    });
    Exposure {
        unique_id: raw.unique_id.map_or_else(|| key.into_owned(), Cow::into_owned),
        name: string(raw.name),
        label: own(raw.label).filter(|l| !l.is_empty()),
        package_name: it.req(raw.package_name),
        original_file_path: it.req(raw.original_file_path),
        description: string(raw.description),
        kind: own(raw.kind),
        maturity: own(raw.maturity),
        url: own(raw.url).filter(|u| !u.is_empty()),
        owner,
        depends_on: it.list(raw.depends_on.nodes),
        tags: merge_tags(raw.tags, cfg.tags, it),
        meta: merge_meta([raw.meta, cfg.meta]),
    }
}

/// Merges warehouse types and warehouse-only columns from catalog.json.
fn merge_catalog(
    project: &mut Project,
    raw: RawCatalog<'_>,
    file: &str,
    warnings: &mut Vec<Warning>,
) -> Result<(), Error> {
    project.has_catalog = true;
    let mut it = Interner::default();
    let index: HashMap<Text, usize> = project.nodes.iter().enumerate().map(|(i, n)| (n.unique_id.clone(), i)).collect();
    let tests: HashMap<Text, usize> = project.tests.iter().enumerate().map(|(i, t)| (t.unique_id.clone(), i)).collect();
    let total = raw.nodes.0.len() + raw.sources.0.len();
    let mut unmatched = Vec::new();
    for (uid, table) in raw.nodes.0.into_iter().chain(raw.sources.0) {
        if let Some(test) = tests.get(uid.as_ref()).and_then(|&i| project.tests.get_mut(i)) {
            test.stored_columns =
                table.columns.0.into_iter().map(|(key, col)| warehouse_column(key, col, &mut it)).collect();
            continue;
        }
        let Some(node) = index.get(uid.as_ref()).and_then(|&i| project.nodes.get_mut(i)) else {
            unmatched.push(uid.into_owned());
            continue;
        };
        node.in_catalog = true;
        node.warehouse_kind = it.opt(table.metadata.kind);
        let documented: HashMap<String, usize> =
            node.columns.iter().enumerate().map(|(i, c)| (c.name.to_lowercase(), i)).collect();
        for (key, col) in table.columns.0 {
            let name = col.name.as_deref().filter(|n| !n.is_empty()).unwrap_or(&key).to_lowercase();
            match documented.get(&name).and_then(|&i| node.columns.get_mut(i)) {
                Some(c) => {
                    c.warehouse_type = it.opt(col.data_type);
                }
                None => node.columns.push(warehouse_column(key, col, &mut it)),
            }
        }
    }
    if total > 0 && unmatched.len() == total {
        let project_name = project.info.project_name.as_deref().unwrap_or("(unnamed)");
        return Err(Error::new(
            file,
            ErrorKind::ForeignArtifact(format!(
                "none of its {total} relations is a model, seed, snapshot or source of project `{project_name}` \
                 (first: `{}`); was it generated for another project?",
                unmatched.first().map_or("", String::as_str)
            )),
        ));
    }
    if !unmatched.is_empty() {
        unmatched.sort();
        warnings.push(Warning {
            file: file.to_string(),
            message: format!(
                "{} of its {total} relations are not in the manifest (a stale catalog?), e.g. `{}`",
                unmatched.len(),
                unmatched.first().map_or("", String::as_str)
            ),
        });
    }
    Ok(())
}

/// A column known only from the warehouse.
fn warehouse_column(key: Str<'_>, col: crate::artifacts::catalog::RawCatalogColumn<'_>, it: &mut Interner) -> Column {
    Column {
        name: it.text(col.name.as_deref().filter(|n| !n.is_empty()).unwrap_or(&key)),
        description: it.text(""),
        data_type: None,
        warehouse_type: it.opt(col.data_type),
        tags: Vec::new(),
        meta: Meta::new(),
        access_config: Meta::new(),
        origin: ColumnOrigin::WarehouseOnly,
    }
}

/// Attaches the latest status of every test and node, and counts test statuses.
fn merge_run_results(project: &mut Project, raw: RawRunResults<'_>, file: &str, warnings: &mut Vec<Warning>) {
    project.has_run_results = true;
    let mut latest: HashMap<String, RunStatus> = HashMap::new();
    for r in raw.results {
        let uid = string(r.unique_id);
        let status = r.status.map_or_else(|| "None".to_string(), Cow::into_owned);
        if uid.starts_with("test.") {
            *project.test_status.entry(status.clone()).or_default() += 1;
        }
        latest.insert(uid, RunStatus { status, message: own(r.message), failures: r.failures });
    }
    let mut attached = 0usize;
    for t in &mut project.tests {
        if let Some(s) = latest.remove(&*t.unique_id) {
            t.run = Some(s);
            attached += 1;
        }
    }
    for n in &mut project.nodes {
        if let Some(s) = latest.remove(&*n.unique_id) {
            n.run = Some(s);
            attached += 1;
        }
    }
    // dbt `build` also writes results for exposures (`no-op`), metrics and unit tests.
    let others: HashSet<&str> = project
        .others
        .iter()
        .map(|o| o.unique_id.as_str())
        .chain(project.exposures.iter().map(|e| e.unique_id.as_str()))
        .collect();
    let unknown =
        latest.keys().filter(|k| !k.is_empty() && !k.starts_with("operation.") && !others.contains(k.as_str())).count();
    if attached == 0 && unknown > 0 {
        warnings.push(Warning {
            file: file.to_string(),
            message: format!(
                "none of its {unknown} results is a node of this manifest; was it written for another project?"
            ),
        });
    } else if unknown > 0 {
        warnings.push(Warning {
            file: file.to_string(),
            message: format!("{unknown} results are for nodes not in the manifest (stale run results?)"),
        });
    }
}

/// Attaches source freshness statuses.
fn merge_freshness(project: &mut Project, raw: RawSourcesFile<'_>) {
    let mut latest: HashMap<String, RunStatus> = HashMap::new();
    for r in raw.results {
        latest.insert(
            string(r.unique_id),
            RunStatus {
                status: string(r.status),
                message: own(r.max_loaded_at).map(|t| format!("max_loaded_at {t}")),
                failures: None,
            },
        );
    }
    for n in project.nodes.iter_mut().filter(|n| n.resource_type == ResourceType::Source) {
        if let Some(s) = latest.remove(&*n.unique_id) {
            n.run = Some(s);
        }
    }
}

/// Warns about `depends_on` ids that name nothing in the manifest.
fn check_references(project: &Project, file: &str, warnings: &mut Vec<Warning>) {
    let known: HashSet<&str, std::hash::BuildHasherDefault<FxHasher>> = project
        .nodes
        .iter()
        .map(|n| n.unique_id.as_ref())
        .chain(project.tests.iter().map(|t| t.unique_id.as_ref()))
        .chain(project.exposures.iter().map(|e| e.unique_id.as_ref()))
        .chain(project.others.iter().map(|o| o.unique_id.as_ref()))
        .collect();
    let dependents = project
        .nodes
        .iter()
        .map(|n| (n.unique_id.as_ref(), &n.depends_on))
        .chain(project.tests.iter().map(|t| (t.unique_id.as_ref(), &t.depends_on)))
        .chain(project.exposures.iter().map(|e| (e.unique_id.as_ref(), &e.depends_on)))
        .chain(project.others.iter().map(|o| (o.unique_id.as_ref(), &o.depends_on)));
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

    use super::*;
    use crate::join::Threads;

    fn finished(builder: Builder) -> (Project, Vec<Warning>) {
        let mut warnings = Vec::new();
        let project = builder.finish("manifest.json", &mut warnings);
        (project, warnings)
    }

    fn one_pass(text: &[u8]) -> Option<(Project, Vec<Warning>)> {
        parse_seed("manifest.json", text, || ManifestSeed(Builder::default())).ok().map(finished)
    }

    /// The split parse on one thread and on two, checked equal to one pass; `None` when it
    /// gave up. (Each side has a sink of its own: the order they run in cannot matter.)
    fn split(text: &[u8]) -> Option<(Project, Vec<Warning>)> {
        let sequential = parse_manifest_split(text, &Sequential).map(finished);
        assert_eq!(parse_manifest_split(text, &Threads::default()).map(finished), sequential);
        if let Some(split) = &sequential {
            assert_eq!(Some(split), one_pass(text).as_ref());
        }
        sequential
    }

    fn node(id: &str, kind: &str) -> String {
        format!(
            r#""{id}": {{"unique_id": "{id}", "resource_type": "{kind}", "name": "{id}", "columns": {{"a": {{"name": "a", "meta": {{"x": [1, {{"y": null}}]}}}}}}, "raw_code": "select \"}}\" "}}"#
        )
    }

    fn section(entries: &[(&str, &str)]) -> String {
        let body: Vec<String> = entries.iter().map(|(id, kind)| node(id, kind)).collect();
        format!("{{{}}}", body.join(", "))
    }

    #[test]
    fn splits_every_layout_as_one_pass_reads_it() {
        let nodes = section(&[("model.p.b", "model"), ("test.p.t", "test"), ("model.p.a", "model")]);
        let sources = section(&[("source.p.s.z", "source"), ("source.p.s.a", "source")]);
        let more = section(&[("source.p.s.m", "source")]);
        let md = r#"{"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json", "project_name": "p"}"#;
        let layouts = [
            format!(r#"{{"metadata": {md}, "nodes": {nodes}, "sources": {sources}, "macros": {{"m": {{}}}}}}"#),
            format!(r#"{{"sources": {sources}, "nodes": {nodes}, "metadata": {md}}}"#),
            format!(r#"{{"sources": {sources}, "nodes": {nodes}, "sources": {more}, "docs": {{}}}}"#),
            format!("{{\n  \"nodes\": {nodes}\n}}\n"),
            format!(r#"{{"nodes": null, "sources": {sources}}}"#),
            format!(r#"{{"metadata": {md}, "sources": {sources}}}"#),
            r#"{"nodes": {}, "parent_map": {"a": ["b"]}}"#.to_string(),
            // The same id twice: which one is kept depends on the order of the list.
            format!(r#"{{"sources": {sources}, "nodes": {nodes}, "sources": {sources}}}"#),
            "{}".to_string(),
        ];
        for text in &layouts {
            assert!(split(text.as_bytes()).is_some(), "{text}");
        }
    }

    #[test]
    fn gives_up_where_one_pass_fails_or_nodes_repeat() {
        let nodes = section(&[("model.p.a", "model")]);
        for text in [
            format!(r#"{{"nodes": {nodes}, "nodes": {nodes}}}"#),
            format!(r#"{{"nodes": {nodes}, "sources": {{"s": [}}}}"#),
            r#"{"nodes": {"x": [}, "sources": {}}"#.to_string(),
            format!(r#"{{"nodes": {nodes}, "sources": {{}}}} x"#),
            format!(r#"{{"nodes": {nodes}, "sources": {{}},}}"#),
            format!(r#"{{"nodes": {nodes}, "sources": {{}}"#),
            format!(r#"{{"metadata": [], "nodes": {nodes}}}"#),
            r#"{"nodes": {"model.p.a": []}}"#.to_string(),
            format!(r#"{{"nodes": {{"model.p.a": {{"meta": {}1{}}}}}}}"#, "[".repeat(200), "]".repeat(200)),
            "[]".to_string(),
        ] {
            assert_eq!(split(text.as_bytes()), None, "{text}");
        }
    }

    #[test]
    fn splits_every_corpus_manifest_as_one_pass_reads_it() {
        let corpus = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
        let Ok(dirs) = std::fs::read_dir(&corpus) else {
            eprintln!("\n!!!!! SKIPPED: the corpus is absent at {} !!!!!\n", corpus.display());
            return;
        };
        let mut read = 0;
        for dir in dirs.flatten() {
            for name in ["manifest.json", "manifest.json.gz"] {
                let Ok(bytes) = std::fs::read(dir.path().join(name)) else { continue };
                let text = crate::input::decode(name, &bytes).unwrap();
                assert!(split(&text).is_some(), "{}", dir.path().display());
                read += 1;
            }
        }
        assert!(read > 10, "{read} manifests");
    }
}

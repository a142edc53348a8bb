//! `manifest.json`, schema v1–v12 and dbt Fusion's v20: the fields phi-lens reads.
//!
//! The top level is read by a hand-written visitor that hands each node to a [`ManifestSink`]
//! as soon as it is parsed, so only one raw node lives at a time.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

use super::{
    objects_only, BorrowedStr, Meta, MetaValue, OrderedMap, Present, RawGrants, RawHooks, RawMeta, RawMetadata, Str,
    StrList,
};

/// `depends_on` of any resource.
#[derive(Debug, Default, Deserialize)]
#[serde(default, remote = "Self", expecting = "an object with `nodes`")]
pub(crate) struct RawDependsOn<'a> {
    #[serde(borrow)]
    pub nodes: StrList<'a>,
}

/// A node's `config` block (models, seeds, snapshots, tests, sources).
#[derive(Debug, Default, Deserialize)]
#[serde(default, remote = "Self", expecting = "an object (a `config` block)")]
pub(crate) struct RawConfig<'a> {
    pub enabled: super::LooseBool,
    #[serde(borrow)]
    pub materialized: Option<Str<'a>>,
    #[serde(borrow)]
    pub tags: StrList<'a>,
    pub meta: RawMeta,
    #[serde(borrow)]
    pub grants: RawGrants<'a>,
    #[serde(alias = "post-hook")]
    pub post_hook: RawHooks,
    #[serde(alias = "pre-hook")]
    pub pre_hook: RawHooks,
    #[serde(borrow)]
    pub severity: Option<Str<'a>>,
    #[serde(borrow, rename = "where")]
    pub where_: Option<Str<'a>>,
    #[serde(borrow)]
    pub access: Option<Str<'a>>,
    /// dbt-snowflake's `row_access_policy` (`policy on (column)`): a row access policy the
    /// adapter attaches.
    pub row_access_policy: Option<MetaValue>,
    /// dbt-databricks' `row_filter` (`{function, columns}`): a Unity Catalog row filter.
    pub row_filter: Option<MetaValue>,
}

impl RawConfig<'_> {
    /// The access controls the adapter applies from this config, by config key (unset and
    /// empty values left out).
    pub fn take_access(&mut self) -> Meta {
        access_meta([("row_access_policy", self.row_access_policy.take()), ("row_filter", self.row_filter.take())])
    }
}

/// A column of a node or source as documented in YAML.
#[derive(Debug, Default, Deserialize)]
#[serde(default, remote = "Self", expecting = "an object (a column, with `name`, `description`…)")]
pub(crate) struct RawColumn<'a> {
    #[serde(borrow)]
    pub name: Option<Str<'a>>,
    #[serde(borrow)]
    pub description: Option<Str<'a>>,
    #[serde(borrow)]
    pub data_type: Option<Str<'a>>,
    #[serde(borrow)]
    pub tags: StrList<'a>,
    pub meta: RawMeta,
    #[serde(borrow)]
    pub config: Option<RawColumnConfig<'a>>,
    /// BigQuery's `policy_tags`: column-level access control (and data masking) by taxonomy.
    pub policy_tags: Option<MetaValue>,
    /// dbt-databricks' `column_mask` (`{function, using_columns}`): a Unity Catalog column mask.
    pub column_mask: Option<MetaValue>,
}

impl RawColumn<'_> {
    /// The access controls the adapter applies to this column, by key (unset and empty values
    /// left out).
    pub fn take_access(&mut self) -> Meta {
        access_meta([("policy_tags", self.policy_tags.take()), ("column_mask", self.column_mask.take())])
    }
}

/// The set entries of an adapter's access-control configs, as a [`Meta`].
fn access_meta<const N: usize>(entries: [(&str, Option<MetaValue>); N]) -> Meta {
    let mut out = Meta::new();
    for (key, value) in entries {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            out.insert(key.to_string(), v);
        }
    }
    out
}

/// A column's `config` (dbt ≥ 1.10 moved `meta` and `tags` here).
#[derive(Debug, Default, Deserialize)]
#[serde(default, remote = "Self", expecting = "an object (a column's `config`, with `meta` and `tags`)")]
pub(crate) struct RawColumnConfig<'a> {
    #[serde(borrow)]
    pub tags: StrList<'a>,
    pub meta: RawMeta,
}

/// `test_metadata` of a generic test.
#[derive(Debug, Default, Deserialize)]
#[serde(default, remote = "Self", expecting = "an object with `name`, `namespace` and `kwargs`")]
pub(crate) struct RawTestMetadata<'a> {
    #[serde(borrow)]
    pub name: Option<Str<'a>>,
    #[serde(borrow)]
    pub namespace: Option<Str<'a>>,
    pub kwargs: RawMeta,
}

/// A manifest `nodes` entry: model, seed, snapshot, test, analysis, operation…
#[derive(Debug, Default, Deserialize)]
#[serde(default, remote = "Self", expecting = "an object (a dbt node)")]
pub(crate) struct RawNode<'a> {
    #[serde(borrow)]
    pub unique_id: Option<Str<'a>>,
    #[serde(borrow)]
    pub resource_type: Option<Str<'a>>,
    #[serde(borrow)]
    pub name: Option<Str<'a>>,
    #[serde(borrow)]
    pub package_name: Option<Str<'a>>,
    #[serde(borrow)]
    pub original_file_path: Option<Str<'a>>,
    #[serde(borrow)]
    pub patch_path: Option<Str<'a>>,
    #[serde(borrow)]
    pub description: Option<Str<'a>>,
    #[serde(borrow)]
    pub database: Option<Str<'a>>,
    #[serde(borrow)]
    pub schema: Option<Str<'a>>,
    #[serde(borrow)]
    pub alias: Option<Str<'a>>,
    #[serde(borrow)]
    pub relation_name: Option<Str<'a>>,
    #[serde(borrow)]
    pub tags: StrList<'a>,
    pub meta: RawMeta,
    #[serde(borrow)]
    pub config: Option<RawConfig<'a>>,
    #[serde(borrow)]
    pub columns: OrderedMap<'a, RawColumn<'a>>,
    #[serde(borrow)]
    pub depends_on: RawDependsOn<'a>,
    pub compiled: super::LooseBool,
    pub compiled_code: Present,
    pub compiled_sql: Present,
    #[serde(borrow)]
    pub test_metadata: Option<RawTestMetadata<'a>>,
    #[serde(borrow)]
    pub column_name: Option<Str<'a>>,
    #[serde(borrow)]
    pub attached_node: Option<Str<'a>>,
    #[serde(borrow)]
    pub primary_key: StrList<'a>,
}

/// A manifest `sources` entry.
#[derive(Debug, Default, Deserialize)]
#[serde(default, remote = "Self", expecting = "an object (a dbt source)")]
pub(crate) struct RawSource<'a> {
    #[serde(borrow)]
    pub unique_id: Option<Str<'a>>,
    #[serde(borrow)]
    pub name: Option<Str<'a>>,
    #[serde(borrow)]
    pub source_name: Option<Str<'a>>,
    #[serde(borrow)]
    pub package_name: Option<Str<'a>>,
    #[serde(borrow)]
    pub original_file_path: Option<Str<'a>>,
    #[serde(borrow)]
    pub description: Option<Str<'a>>,
    #[serde(borrow)]
    pub source_description: Option<Str<'a>>,
    #[serde(borrow)]
    pub database: Option<Str<'a>>,
    #[serde(borrow)]
    pub schema: Option<Str<'a>>,
    #[serde(borrow)]
    pub identifier: Option<Str<'a>>,
    #[serde(borrow)]
    pub relation_name: Option<Str<'a>>,
    #[serde(borrow)]
    pub loader: Option<Str<'a>>,
    #[serde(borrow)]
    pub loaded_at_field: Option<Str<'a>>,
    #[serde(borrow)]
    pub tags: StrList<'a>,
    pub meta: RawMeta,
    pub source_meta: RawMeta,
    #[serde(borrow)]
    pub config: Option<RawConfig<'a>>,
    #[serde(borrow)]
    pub columns: OrderedMap<'a, RawColumn<'a>>,
}

/// An exposure's `owner`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, remote = "Self", expecting = "an object with `name` and `email`")]
pub(crate) struct RawOwner<'a> {
    #[serde(borrow)]
    pub name: Option<Str<'a>>,
    #[serde(borrow)]
    pub email: StrList<'a>,
}

/// A manifest `exposures` entry.
#[derive(Debug, Default, Deserialize)]
#[serde(default, remote = "Self", expecting = "an object (a dbt exposure)")]
pub(crate) struct RawExposure<'a> {
    #[serde(borrow)]
    pub unique_id: Option<Str<'a>>,
    #[serde(borrow)]
    pub name: Option<Str<'a>>,
    #[serde(borrow)]
    pub label: Option<Str<'a>>,
    #[serde(borrow)]
    pub package_name: Option<Str<'a>>,
    #[serde(borrow)]
    pub original_file_path: Option<Str<'a>>,
    #[serde(borrow)]
    pub description: Option<Str<'a>>,
    #[serde(borrow, rename = "type")]
    pub kind: Option<Str<'a>>,
    #[serde(borrow)]
    pub maturity: Option<Str<'a>>,
    #[serde(borrow)]
    pub url: Option<Str<'a>>,
    #[serde(borrow)]
    pub owner: Option<RawOwner<'a>>,
    #[serde(borrow)]
    pub depends_on: RawDependsOn<'a>,
    #[serde(borrow)]
    pub tags: StrList<'a>,
    pub meta: RawMeta,
    #[serde(borrow)]
    pub config: Option<RawConfig<'a>>,
}

/// Metrics, semantic models, saved queries, unit tests, groups: the fields common to all.
#[derive(Debug, Default, Deserialize)]
#[serde(default, remote = "Self", expecting = "an object (a dbt resource)")]
pub(crate) struct RawOther<'a> {
    #[serde(borrow)]
    pub unique_id: Option<Str<'a>>,
    #[serde(borrow)]
    pub name: Option<Str<'a>>,
    #[serde(borrow)]
    pub label: Option<Str<'a>>,
    #[serde(borrow)]
    pub package_name: Option<Str<'a>>,
    #[serde(borrow)]
    pub original_file_path: Option<Str<'a>>,
    #[serde(borrow)]
    pub description: Option<Str<'a>>,
    #[serde(borrow)]
    pub depends_on: RawDependsOn<'a>,
    #[serde(borrow)]
    pub model: Option<Str<'a>>,
    #[serde(borrow)]
    pub tags: StrList<'a>,
    pub meta: RawMeta,
}

objects_only!(
    RawDependsOn,
    RawConfig,
    RawColumn,
    RawColumnConfig,
    RawTestMetadata,
    RawNode,
    RawSource,
    RawOwner,
    RawExposure,
    RawOther
);

/// The top-level sections phi-lens reads besides `nodes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OtherSection {
    Metrics,
    SemanticModels,
    SavedQueries,
    UnitTests,
}

/// Receives the manifest's entries one at a time, as they are parsed.
pub(crate) trait ManifestSink<'a> {
    fn metadata(&mut self, metadata: RawMetadata<'a>);
    fn node(&mut self, key: Str<'a>, node: RawNode<'a>);
    fn source(&mut self, key: Str<'a>, source: RawSource<'a>);
    fn exposure(&mut self, key: Str<'a>, exposure: RawExposure<'a>);
    fn other(&mut self, section: OtherSection, key: Str<'a>, other: RawOther<'a>);
    /// Counts of sections only counted (macros, groups), and which sections were seen.
    fn section_seen(&mut self, name: &str, entries: usize);
    /// A `nodes` section was skipped here ([`Part::Rest`]): another sink reads it.
    fn nodes_skipped(&mut self) {}
}

/// Reads a whole manifest into a sink, and gives the sink back.
pub(crate) struct ManifestSeed<S>(pub S);

impl<'de, S: ManifestSink<'de>> DeserializeSeed<'de> for ManifestSeed<S> {
    type Value = S;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, S: ManifestSink<'de>> Visitor<'de> for ManifestSeed<S> {
    type Value = S;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a dbt manifest object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<S, A::Error> {
        let mut sink = self.0;
        while let Some(BorrowedStr(key)) = map.next_key()? {
            map.next_value_seed(TopLevelValue { sink: &mut sink, key: &key })?;
        }
        Ok(sink)
    }
}

/// A part of a manifest, for two sinks that read it at once ([`PartSeed`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// The first `nodes` section; the entries before it are skipped, and the parse stops
    /// after it.
    Nodes,
    /// Everything but the `nodes` sections, which are skipped (and validated).
    Rest,
}

/// Reads one [`Part`] of a manifest into a sink it borrows.
///
/// Stopping after `nodes` leaves the rest of the document unread, which serde_json reports as
/// an error once the visitor returns: `nodes_read` tells that apart from a real one. Which
/// entries were read, and how deep each is, are those of a one-pass parse, so the two parts
/// succeed exactly when [`ManifestSeed`] does.
pub(crate) struct PartSeed<'s, S> {
    pub sink: &'s mut S,
    pub part: Part,
    /// Set once the `nodes` section has been read ([`Part::Nodes`]).
    pub nodes_read: &'s mut bool,
}

impl<'de, S: ManifestSink<'de>> DeserializeSeed<'de> for PartSeed<'_, S> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, S: ManifestSink<'de>> Visitor<'de> for PartSeed<'_, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a dbt manifest object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(BorrowedStr(key)) = map.next_key()? {
            match (self.part, key.as_ref()) {
                (Part::Nodes, "nodes") => {
                    map.next_value_seed(TopLevelValue { sink: &mut *self.sink, key: "nodes" })?;
                    *self.nodes_read = true;
                    return Ok(());
                }
                (Part::Nodes, _) => {
                    map.next_value::<IgnoredAny>()?;
                }
                (Part::Rest, "nodes") => {
                    map.next_value::<IgnoredAny>()?;
                    self.sink.nodes_skipped();
                }
                (Part::Rest, key) => {
                    map.next_value_seed(TopLevelValue { sink: &mut *self.sink, key })?;
                }
            }
        }
        Ok(())
    }
}

/// The value of the manifest's top-level entry `key`, handed to the sink; what
/// [`ManifestSeed`] reads for each entry, and what a parse of one entry alone reads.
pub(crate) struct TopLevelValue<'s, 'k, S> {
    pub sink: &'s mut S,
    pub key: &'k str,
}

/// What the manifest's top-level entry `key` holds, as phi-lens reads it: the one place that
/// says it, for [`TopLevelValue`] and the parse in slices (`load::slices`).
pub(crate) fn top_level(key: &str) -> TopLevel {
    match key {
        "metadata" => TopLevel::Metadata,
        "nodes" => TopLevel::Entries(Entries::Nodes, "nodes"),
        "sources" => TopLevel::Entries(Entries::Sources, "sources"),
        "exposures" => TopLevel::Entries(Entries::Exposures, "exposures"),
        "metrics" => TopLevel::Entries(Entries::Other(OtherSection::Metrics), "metrics"),
        "semantic_models" => TopLevel::Entries(Entries::Other(OtherSection::SemanticModels), "semantic_models"),
        "saved_queries" => TopLevel::Entries(Entries::Other(OtherSection::SavedQueries), "saved_queries"),
        "unit_tests" => TopLevel::Entries(Entries::Other(OtherSection::UnitTests), "unit_tests"),
        "macros" => TopLevel::Counted("macros"),
        "groups" => TopLevel::Counted("groups"),
        "docs" => TopLevel::Counted("docs"),
        _ => TopLevel::Ignored,
    }
}

/// A top-level entry of the manifest ([`top_level`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TopLevel {
    /// `metadata`, handed to the sink.
    Metadata,
    /// A section whose entries are handed to the sink one by one (`null`: none), and its name.
    Entries(Entries, &'static str),
    /// A section only counted (`macros`, `groups`, `docs`).
    Counted(&'static str),
    /// Anything else: read (checked as JSON) and ignored.
    Ignored,
}

/// Which of the sink's methods a section's entries go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entries {
    Nodes,
    Sources,
    Exposures,
    Other(OtherSection),
}

impl<'de, S: ManifestSink<'de>> DeserializeSeed<'de> for TopLevelValue<'_, '_, S> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let sink = self.sink;
        match top_level(self.key) {
            TopLevel::Metadata => {
                let md: Option<RawMetadata<'de>> = Deserialize::deserialize(d)?;
                sink.metadata(md.unwrap_or_default());
            }
            TopLevel::Entries(entries, name) => {
                let n = match entries {
                    Entries::Nodes => {
                        Section { sink: &mut *sink, each: |s: &mut S, k, v| s.node(k, v), entry: PhantomData }
                            .deserialize(d)?
                    }
                    Entries::Sources => {
                        Section { sink: &mut *sink, each: |s: &mut S, k, v| s.source(k, v), entry: PhantomData }
                            .deserialize(d)?
                    }
                    Entries::Exposures => {
                        Section { sink: &mut *sink, each: |s: &mut S, k, v| s.exposure(k, v), entry: PhantomData }
                            .deserialize(d)?
                    }
                    Entries::Other(which) => Section {
                        sink: &mut *sink,
                        each: move |s: &mut S, k, v| s.other(which, k, v),
                        entry: PhantomData,
                    }
                    .deserialize(d)?,
                };
                sink.section_seen(name, n);
            }
            TopLevel::Counted(name) => {
                let counted: Option<OrderedMap<'de, IgnoredAny>> = Deserialize::deserialize(d)?;
                sink.section_seen(name, counted.map_or(0, |m| m.0.len()));
            }
            TopLevel::Ignored => {
                IgnoredAny::deserialize(d)?;
            }
        }
        Ok(())
    }
}

/// One top-level section (`nodes`, `sources`…): each entry is parsed and handed over at once.
struct Section<'s, S, T, F> {
    sink: &'s mut S,
    each: F,
    entry: std::marker::PhantomData<fn() -> T>,
}

impl<'de, 's, S, T, F> DeserializeSeed<'de> for Section<'s, S, T, F>
where
    T: Deserialize<'de>,
    F: FnMut(&mut S, Str<'de>, T),
{
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de, 's, S, T, F> Visitor<'de> for Section<'s, S, T, F>
where
    T: Deserialize<'de>,
    F: FnMut(&mut S, Str<'de>, T),
{
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object keyed by unique_id")
    }

    fn visit_none<E>(self) -> Result<usize, E> {
        Ok(0)
    }

    fn visit_unit<E>(self) -> Result<usize, E> {
        Ok(0)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_map(self)
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<usize, A::Error> {
        let mut n = 0;
        while let Some(BorrowedStr(key)) = map.next_key()? {
            let value: T = next_entry(&mut map)?;
            hand_over(&mut self.each, self.sink, key, value);
            n += 1;
        }
        Ok(n)
    }
}

// Parsing an entry and handing it to the sink are functions of their own, called once per
// entry, rather than inlined into the loop over a section (itself inlined into the manifest's
// `visit_map`): in the browser, V8 first runs WebAssembly in its baseline tier and optimises a
// function in the background only for its *next* calls (no on-stack replacement), so a single
// 50 KB function holding the whole parse ran a 70 MB manifest in the baseline tier from start to
// end, and took V8 ≈ 0.4 s of CPU to optimise. Per-entry functions are optimised after the first
// few hundred entries, each in a few milliseconds. Natively, one call per entry costs nothing
// measurable.

/// The next value of `map`, parsed as `T` (not inlined: see above).
#[inline(never)]
fn next_entry<'de, A: MapAccess<'de>, T: Deserialize<'de>>(map: &mut A) -> Result<T, A::Error> {
    map.next_value()
}

/// `each(sink, key, value)` (not inlined: see above).
#[inline(never)]
fn hand_over<'de, S, T, F: FnMut(&mut S, Str<'de>, T)>(each: &mut F, sink: &mut S, key: Str<'de>, value: T) {
    each(sink, key, value)
}

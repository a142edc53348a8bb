//! Parsing an artifact's bytes: a fast pass that, only when it fails, parses again to name the
//! JSON path; and a large manifest's `nodes` and other sections parsed on both sides of a `Join`.

use serde::de::DeserializeSeed;
use serde::Deserialize;

use crate::artifacts::manifest::{Part, PartSeed};
use crate::error::{from_json, json_path, Error};
use crate::join::Join;

use super::builder::Builder;
use super::interning::Interner;

/// Parses a whole document with a fast pass; on failure, parses again tracking the JSON path.
pub(crate) fn parse_seed<'de, S, F>(file: &str, text: &'de [u8], mut make: F) -> Result<S::Value, Error>
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
pub(crate) const SPLIT_FROM: usize = 4 << 20;

/// Parses a manifest's `nodes` on one side of `join` and its other entries on the other,
/// each side with a sink of its own ([`PartSeed`]), then merges the two sinks into what one
/// pass would have built: sources and nodes share one list, in file order.
///
/// Each side reads the whole document's syntax up to where it stops (skipping the other's
/// part with `IgnoredAny`, which is fast), so the two succeed exactly when a one-pass parse
/// does. `None` when either fails, or the manifest has more than one `nodes`: the caller then
/// parses it in one pass, which gives the usual error with file, line and column.
pub(crate) fn parse_manifest_split<J: Join>(text: &[u8], join: &J) -> Option<Builder> {
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
pub(crate) fn parse<'de, T: Deserialize<'de>>(file: &str, text: &'de [u8]) -> Result<T, Error> {
    parse_seed(file, text, || std::marker::PhantomData::<T>)
}

#[cfg(test)]
pub(super) mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

    use super::*;
    use crate::artifacts::manifest::ManifestSeed;
    use crate::join::{Sequential, Threads};
    use crate::load::Warning;
    use crate::model::Project;

    pub(crate) fn finished(builder: Builder) -> (Project, Vec<Warning>) {
        let mut warnings = Vec::new();
        let project = builder.finish("manifest.json", &mut warnings);
        (project, warnings)
    }

    pub(crate) fn one_pass(text: &[u8]) -> Option<(Project, Vec<Warning>)> {
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

    pub(crate) fn node(id: &str, kind: &str) -> String {
        format!(
            r#""{id}": {{"unique_id": "{id}", "resource_type": "{kind}", "name": "{id}", "columns": {{"a": {{"name": "a", "meta": {{"x": [1, {{"y": null}}]}}}}}}, "raw_code": "select \"}}\" "}}"#
        )
    }

    pub(crate) fn section(entries: &[(&str, &str)]) -> String {
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
        super::super::for_each_corpus_manifest(|path, text| {
            assert!(split(text).is_some(), "{}", path.display());
        });
    }
}

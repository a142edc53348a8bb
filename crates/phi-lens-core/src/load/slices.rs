//! A manifest parsed in slices: a few entries per step, so that a browser can paint and answer
//! input between the steps of a 70 MB parse (the app's load, issue 22).
//!
//! The document's structure (the top-level object, and the object of each section whose
//! entries the sink receives: `nodes`, `sources`…) is read here, byte by byte and strictly as
//! JSON; every key and every value is parsed by serde_json into the types one pass reads
//! ([`top_level`]), each from where it starts in the text, and handed to the same sink in the
//! same order. So the sink receives what [`ManifestSeed`](crate::artifacts::manifest::ManifestSeed)
//! gives it. Where anything is not as expected, the slices stop and the caller parses the
//! whole text in one pass, which gives the usual result or error (file, line, column, path).
//!
//! One difference: each entry is parsed as a document of its own, two levels up from where it
//! is nested in the manifest, so a value nested 127 or 128 levels deep inside an entry passes
//! serde_json's limit of 128 here and not in one pass. No dbt artifact nests that deep.

use serde::de::IgnoredAny;
use serde::Deserialize;

use crate::artifacts::manifest::{
    top_level, Entries, ManifestSink, RawExposure, RawNode, RawOther, RawSource, TopLevel,
};
use crate::artifacts::{BorrowedStr, OrderedMap, RawMetadata};

/// Where the parse stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    /// Before the document.
    Start,
    /// In the top-level object, before its next key (`first`: before its first).
    Top { first: bool },
    /// In a section's object (`name`), before its next entry; `read` entries so far.
    Section { entries: Entries, name: &'static str, read: usize, first: bool },
    /// The whole document was read.
    Done,
    /// Something was not as expected: the caller parses in one pass.
    Failed,
}

/// A manifest's parse in slices, into a sink `S`; the text is given to each step.
pub(crate) struct Slices<S> {
    sink: S,
    pos: usize,
    at: At,
}

impl<S> Slices<S> {
    pub(crate) fn new(sink: S) -> Slices<S> {
        Slices { sink, pos: 0, at: At::Start }
    }

    /// The sink, once the whole document was read; `None` when the slices stopped, and the
    /// text is to be parsed in one pass.
    pub(crate) fn finish(self) -> Option<S> {
        (self.at == At::Done).then_some(self.sink)
    }

    /// Reads up to `budget` more entries (a top-level value counts as one) of `text`, the
    /// same text at every step; false once the document is read or the slices stopped.
    pub(crate) fn step<'de>(&mut self, text: &'de [u8], budget: usize) -> bool
    where
        S: ManifestSink<'de>,
    {
        for _ in 0..budget.max(1) {
            if matches!(self.at, At::Done | At::Failed) {
                return false;
            }
            self.at = self.next(text).unwrap_or(At::Failed);
        }
        !matches!(self.at, At::Done | At::Failed)
    }

    /// Reads one entry, or the document's start or end; where the parse stands next.
    fn next<'de>(&mut self, text: &'de [u8]) -> Option<At>
    where
        S: ManifestSink<'de>,
    {
        match self.at {
            At::Start => {
                self.punct(text, b'{')?;
                Some(At::Top { first: true })
            }
            At::Top { first } => {
                if self.close(text, first)? {
                    // Only whitespace may follow the document.
                    return (self.skip_ws(text) == text.len()).then_some(At::Done);
                }
                let BorrowedStr(key) = self.key(text)?;
                match top_level(&key) {
                    TopLevel::Entries(entries, name) if self.peek(text) == Some(b'{') => {
                        self.pos += 1;
                        Some(At::Section { entries, name, read: 0, first: true })
                    }
                    TopLevel::Entries(_, name) => {
                        // Only `null` is not an object and not an error (as one pass reads it).
                        let () = self.value(text)?;
                        self.sink.section_seen(name, 0);
                        Some(At::Top { first: false })
                    }
                    TopLevel::Metadata => {
                        let md: Option<RawMetadata<'de>> = self.value(text)?;
                        self.sink.metadata(md.unwrap_or_default());
                        Some(At::Top { first: false })
                    }
                    TopLevel::Counted(name) => {
                        let counted: Option<OrderedMap<'de, IgnoredAny>> = self.value(text)?;
                        self.sink.section_seen(name, counted.map_or(0, |m| m.0.len()));
                        Some(At::Top { first: false })
                    }
                    TopLevel::Ignored => {
                        let IgnoredAny = self.value(text)?;
                        Some(At::Top { first: false })
                    }
                }
            }
            At::Section { entries, name, read, first } => {
                if self.close(text, first)? {
                    self.sink.section_seen(name, read);
                    return Some(At::Top { first: false });
                }
                let BorrowedStr(key) = self.key(text)?;
                match entries {
                    Entries::Nodes => {
                        let node: RawNode<'de> = self.value(text)?;
                        self.sink.node(key, node);
                    }
                    Entries::Sources => {
                        let source: RawSource<'de> = self.value(text)?;
                        self.sink.source(key, source);
                    }
                    Entries::Exposures => {
                        let exposure: RawExposure<'de> = self.value(text)?;
                        self.sink.exposure(key, exposure);
                    }
                    Entries::Other(section) => {
                        let other: RawOther<'de> = self.value(text)?;
                        self.sink.other(section, key, other);
                    }
                }
                Some(At::Section { entries, name, read: read + 1, first: false })
            }
            At::Done | At::Failed => None,
        }
    }

    /// Past JSON whitespace; the position.
    fn skip_ws(&mut self, text: &[u8]) -> usize {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = text.get(self.pos) {
            self.pos += 1;
        }
        self.pos
    }

    /// The next byte after whitespace, not consumed.
    fn peek(&mut self, text: &[u8]) -> Option<u8> {
        let at = self.skip_ws(text);
        text.get(at).copied()
    }

    /// Consumes `byte` after whitespace; `None` when something else is there.
    fn punct(&mut self, text: &[u8], byte: u8) -> Option<()> {
        (self.peek(text)? == byte).then(|| self.pos += 1)
    }

    /// In an object: true (consumed) at its closing brace, false before its next key (the
    /// comma before it consumed, unless it is the `first`).
    fn close(&mut self, text: &[u8], first: bool) -> Option<bool> {
        match self.peek(text)? {
            b'}' => {
                self.pos += 1;
                Some(true)
            }
            b',' if !first => {
                self.pos += 1;
                Some(false)
            }
            b'"' if first => Some(false),
            _ => None,
        }
    }

    /// An object's key and the colon after it.
    fn key<'de>(&mut self, text: &'de [u8]) -> Option<BorrowedStr<'de>> {
        if self.peek(text)? != b'"' {
            return None;
        }
        let key = self.value(text)?;
        self.punct(text, b':')?;
        Some(key)
    }

    /// The JSON value at the position, parsed as `T`; the position moves past it.
    ///
    /// Not inlined: one function per type, each optimised by V8 after its first few hundred
    /// calls, rather than one large step function that stays in V8's baseline tier for the
    /// whole parse (see the note at the end of `artifacts/manifest.rs`).
    #[inline(never)]
    fn value<'de, T: Deserialize<'de>>(&mut self, text: &'de [u8]) -> Option<T> {
        let rest = text.get(self.pos..)?;
        let mut values = serde_json::Deserializer::from_slice(rest).into_iter::<T>();
        let value = values.next()?.ok()?;
        self.pos += values.byte_offset();
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

    use super::*;
    use crate::load::builder::Builder;
    use crate::load::parse::tests::{finished, one_pass, section};
    use crate::load::Warning;
    use crate::model::Project;

    /// The parse in slices of `budget` entries; `None` when the slices stopped.
    fn sliced(text: &[u8], budget: usize) -> Option<(Project, Vec<Warning>)> {
        let mut slices = Slices::new(Builder::default());
        let mut steps = 0;
        while slices.step(text, budget) {
            steps += 1;
            assert!(steps <= text.len(), "a step reads something");
        }
        // Once done (or stopped), a step reads nothing more.
        assert!(!slices.step(text, budget));
        slices.finish().map(finished)
    }

    #[test]
    fn reads_every_layout_as_one_pass_does() {
        let nodes = section(&[("model.p.b", "model"), ("test.p.t", "test"), ("model.p.a", "model")]);
        let sources = section(&[("source.p.s.z", "source"), ("source.p.s.a", "source")]);
        let more = section(&[("source.p.s.m", "source")]);
        let md = r#"{"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json", "project_name": "p"}"#;
        let layouts = [
            format!(r#"{{"metadata": {md}, "nodes": {nodes}, "sources": {sources}, "macros": {{"m": {{}}}}}}"#),
            format!(r#"{{"sources": {sources}, "nodes": {nodes}, "metadata": {md}}}"#),
            format!(r#"{{"sources": {sources}, "nodes": {nodes}, "sources": {more}, "docs": {{}}}}"#),
            format!("\n\t{{\n  \"nodes\" :\r\n {nodes} \n}}\n "),
            format!(r#"{{"nodes": null, "sources": {sources}, "exposures": null, "macros": null}}"#),
            format!(r#"{{"metadata": null, "sources": {sources}}}"#),
            r#"{"nodes": {}, "parent_map": {"a": ["b"]}, "selectors": 1, "x": "y"}"#.to_string(),
            // The same id twice, the same section twice: as one pass keeps them.
            format!(r#"{{"sources": {sources}, "nodes": {nodes}, "sources": {sources}, "nodes": {nodes}}}"#),
            // Keys with escapes.
            r#"{"n\u006fdes": {"model.p.\u0061": {"resource_type": "model", "name": "a"}}}"#.to_string(),
            r#"{"exposures": {"exposure.p.e": {"name": "e", "depends_on": {"nodes": ["model.p.a"]}}}, "metrics": {"metric.p.m": {"name": "m"}}, "unit_tests": {}}"#.to_string(),
            "{}".to_string(),
            " { } ".to_string(),
        ];
        for text in &layouts {
            let one = one_pass(text.as_bytes());
            assert!(one.is_some(), "{text}");
            for budget in [1, 2, 1000] {
                assert_eq!(sliced(text.as_bytes(), budget), one, "{text}");
            }
        }
    }

    #[test]
    fn stops_where_one_pass_fails() {
        let nodes = section(&[("model.p.a", "model"), ("model.p.b", "model")]);
        for text in [
            format!(r#"{{"nodes": {nodes}, "sources": {{"s": [}}}}"#),
            r#"{"nodes": {"x": [}, "sources": {}}"#.to_string(),
            format!(r#"{{"nodes": {nodes}, "sources": {{}}}} x"#),
            format!(r#"{{"nodes": {nodes}, "sources": {{}},}}"#),
            format!(r#"{{"nodes": {nodes}, "sources": {{}}"#),
            format!(r#"{{"nodes": {nodes} "sources": {{}}}}"#),
            r#"{"nodes": {"model.p.a": {"name": "a"},}}"#.to_string(),
            r#"{"nodes": {"model.p.a": {"name": "a"} "model.p.b": {}}}"#.to_string(),
            r#"{"nodes": {, "model.p.a": {"name": "a"}}}"#.to_string(),
            r#"{"nodes" {"model.p.a": {}}}"#.to_string(),
            r#"{"nodes": {"model.p.a" {}}}"#.to_string(),
            r#"{"nodes": {1: {}}}"#.to_string(),
            r#"{"nodes": [], "sources": {}}"#.to_string(),
            r#"{"nodes": 1}"#.to_string(),
            format!(r#"{{"metadata": [], "nodes": {nodes}}}"#),
            r#"{"nodes": {"model.p.a": []}}"#.to_string(),
            r#"{"macros": [], "nodes": {}}"#.to_string(),
            r#"{"x": tru, "nodes": {}}"#.to_string(),
            format!(r#"{{"nodes": {{"model.p.a": {{"meta": {}1{}}}}}}}"#, "[".repeat(200), "]".repeat(200)),
            "[]".to_string(),
            "".to_string(),
            "{".to_string(),
            "{}}".to_string(),
        ] {
            assert_eq!(one_pass(text.as_bytes()), None, "{text}");
            for budget in [1, 1000] {
                assert_eq!(sliced(text.as_bytes(), budget), None, "{text}");
            }
        }
    }

    /// Through the load's steps: the project, warnings and error of `load_project`.
    #[test]
    fn the_load_in_steps_is_the_load_in_one_go() {
        use crate::input::{ArtifactKind, ArtifactSet, Input};
        let good =
            format!(r#"{{"metadata": {{"project_name": "p"}}, "nodes": {}}}"#, section(&[("model.p.a", "model")]));
        for text in [good.as_str(), r#"{"nodes": {"model.p.a": {"name": 1}}}"#, "{\n\"nodes\": {,}}", "[]"] {
            let mut set = ArtifactSet::default();
            set.insert(ArtifactKind::Manifest, Input::new("manifest.json", text.as_bytes().to_vec()));
            let whole = crate::load::load_project(&set).map(|l| (l.project, l.warnings)).map_err(|e| e.to_string());
            let stepped = crate::load::load_steps(&set).and_then(|mut steps| {
                while steps.step(1) {}
                steps.finish()
            });
            assert_eq!(stepped.map(|l| (l.project, l.warnings)).map_err(|e| e.to_string()), whole, "{text}");
        }
    }

    #[test]
    fn reads_every_corpus_manifest_as_one_pass_does() {
        super::super::for_each_corpus_manifest(|path, text| {
            let one = one_pass(text);
            assert!(one.is_some(), "{}", path.display());
            assert_eq!(sliced(text, 50), one, "{}", path.display());
        });
    }
}

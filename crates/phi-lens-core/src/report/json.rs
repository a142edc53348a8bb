//! `report.json` written straight from the analysis, two halves at once: the bytes of
//! [`super::to_json`]`(&`[`super::build`]`(..))` without building the [`super::Report`].
//!
//! Each field is serialised by serde_json with [`Pretty`], serde_json's own pretty layout
//! started at the field's depth, and the values are the report's own types or their borrowed
//! twins ([`super::NodeEntry`], [`super::FindingEntry`]), which the owned types serialise
//! through: one definition of every field, whichever way the report is written.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};

use super::{
    exposure_entries, generator, node_entries, open_findings, report_policy, report_project, waivers, FindingEntry,
    InputFingerprint,
};
use crate::analysis::Analysis;
use crate::join::Join;
use crate::load::Warning;
use crate::model::Project;

/// serde_json's `PrettyFormatter` (two-space indent), starting `depth` levels deep.
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    fn at(depth: usize) -> Pretty {
        Pretty { depth, has_value: false }
    }

    fn indent<W: ?Sized + Write>(&self, writer: &mut W) -> io::Result<()> {
        const SPACES: &[u8; 32] = b"                                ";
        let mut left = self.depth * 2;
        while left > 0 {
            let n = left.min(SPACES.len());
            writer.write_all(&SPACES[..n])?;
            left -= n;
        }
        Ok(())
    }
}

impl Pretty {
    /// `[` or `{`: one level deeper, nothing in it yet.
    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    /// `]` or `}`, on a line of its own after values.
    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            writer.write_all(b"\n")?;
            self.indent(writer)?;
        }
        writer.write_all(bracket)
    }

    /// Before an element or key: a comma after the first, a new line, the indent.
    fn next<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        writer.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(writer)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.next(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.next(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes one top-level field of the report: `,\n  "key": value`.
fn field<W: Write, T: Serialize + ?Sized>(out: &mut W, first: bool, key: &str, value: &T) -> io::Result<()> {
    out.write_all(if first { b"\n  \"" } else { b",\n  \"" })?;
    out.write_all(key.as_bytes())?;
    out.write_all(b"\": ")?;
    value.serialize(&mut Serializer::with_formatter(&mut *out, Pretty::at(1))).map_err(io::Error::other)
}

/// A map written from an iterator of sorted (key, value) pairs.
struct Entries<I>(std::cell::Cell<Option<I>>);

impl<K: Serialize, V: Serialize, I: Iterator<Item = (K, V)>> Serialize for Entries<I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        for (k, v) in self.0.take().into_iter().flatten() {
            map.serialize_entry(&k, &v)?;
        }
        map.end()
    }
}

fn entries<I>(iter: I) -> Entries<I> {
    Entries(std::cell::Cell::new(Some(iter)))
}

/// The findings array's elements `from..to`, as serde_json writes them inside the report:
/// each on its own line, four spaces in, a comma before all but the array's first.
fn findings_chunk(findings: &[crate::findings::Finding], from: usize, to: usize) -> io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity((to - from) * 480);
    for (i, f) in findings.iter().enumerate().take(to).skip(from) {
        buf.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
        FindingEntry::from(f)
            .serialize(&mut Serializer::with_formatter(&mut buf, Pretty::at(2)))
            .map_err(io::Error::other)?;
    }
    Ok(buf)
}

/// Writes exactly what [`super::to_json`] returns for [`super::build`]`(project, analysis,
/// inputs, warnings)`, without building the report. The findings (about half of the bytes) are
/// serialised in chunks by both sides of `join`, this side once it has written the fields
/// before them; the chunks are then written in order.
pub fn write_json_with<J: Join, W: Write>(
    project: &Project,
    analysis: &Analysis,
    inputs: &[InputFingerprint],
    warnings: &[Warning],
    mut out: W,
    join: &J,
) -> io::Result<()> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    const CHUNK: usize = 1024;
    let findings = analysis.findings.as_slice();
    let next = AtomicUsize::new(0);
    let chunks = || -> io::Result<Vec<(usize, Vec<u8>)>> {
        let mut done = Vec::new();
        loop {
            let from = next.fetch_add(CHUNK, Ordering::Relaxed);
            if from >= findings.len() {
                return Ok(done);
            }
            done.push((from, findings_chunk(findings, from, (from + CHUNK).min(findings.len()))?));
        }
    };
    let (head, theirs) = join.join(
        || -> io::Result<Vec<(usize, Vec<u8>)>> {
            out.write_all(b"{")?;
            field(&mut out, true, "generator", &generator())?;
            field(&mut out, false, "project", &report_project(project, analysis))?;
            field(&mut out, false, "project_score", &analysis.scores.project_score)?;
            field(&mut out, false, "project_grade", &analysis.scores.project_grade)?;
            field(&mut out, false, "project_grade_capped_by", &analysis.scores.project_grade_capped_by)?;
            field(&mut out, false, "project_arithmetic", &analysis.scores.project_arithmetic)?;
            field(&mut out, false, "open_findings", &open_findings(&analysis.findings))?;
            field(&mut out, false, "nodes", &entries(node_entries(project, analysis)))?;
            field(&mut out, false, "exposures", &entries(exposure_entries(project, analysis)))?;
            field(&mut out, false, "coverage", &analysis.coverage)?;
            field(&mut out, false, "root_causes", &crate::root_causes::root_causes(project, analysis))?;
            out.write_all(b",\n  \"findings\": [")?;
            chunks()
        },
        chunks,
    );
    let mut all = head?;
    all.extend(theirs?);
    all.sort_unstable_by_key(|(from, _)| *from);
    for (_, chunk) in &all {
        out.write_all(chunk)?;
    }
    out.write_all(if findings.is_empty() { b"]" } else { b"\n  ]" })?;
    field(&mut out, false, "waivers", &waivers(analysis))?;
    field(&mut out, false, "waiver_problems", &analysis.waiver_problems)?;
    field(&mut out, false, "not_evaluated", &analysis.not_evaluated)?;
    field(&mut out, false, "warnings", &crate::provenance::reported_warnings(warnings))?;
    field(&mut out, false, "inputs", inputs)?;
    field(&mut out, false, "policy", &report_policy(analysis))?;
    if let Some(level) = &analysis.phi.column_lineage {
        field(&mut out, false, "column_lineage", level)?;
    }
    out.write_all(b"\n}\n")?;
    out.flush()
}

//! The bytes phi-lens is given: which dbt artifact each file is, and gzip sniffing.
//!
//! The core never touches the file system or the network: the CLI reads files, the app
//! fetches URLs or reads dropped files, and both hand the bytes over as an [`ArtifactSet`].

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Read;

use crate::error::{Error, ErrorKind};

/// The four dbt artifacts phi-lens reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ArtifactKind {
    /// `manifest.json`: the project itself (required).
    Manifest,
    /// `catalog.json`: what the warehouse holds (from `dbt docs generate`).
    Catalog,
    /// `run_results.json`: the last run's statuses (tests, models).
    RunResults,
    /// `sources.json`: source freshness results.
    Sources,
}

impl ArtifactKind {
    /// Every kind, in the order they are loaded and reported.
    pub const ALL: [ArtifactKind; 4] =
        [ArtifactKind::Manifest, ArtifactKind::Catalog, ArtifactKind::RunResults, ArtifactKind::Sources];

    /// The base file name dbt writes, e.g. `run_results.json`.
    pub fn file_name(self) -> &'static str {
        match self {
            ArtifactKind::Manifest => "manifest.json",
            ArtifactKind::Catalog => "catalog.json",
            ArtifactKind::RunResults => "run_results.json",
            ArtifactKind::Sources => "sources.json",
        }
    }

    /// The short name used in reports and summaries (`manifest`, `catalog`, `run_results`, `sources`).
    pub fn as_str(self) -> &'static str {
        match self {
            ArtifactKind::Manifest => "manifest",
            ArtifactKind::Catalog => "catalog",
            ArtifactKind::RunResults => "run_results",
            ArtifactKind::Sources => "sources",
        }
    }

    /// Recognises a file by its name: `manifest.json`, `catalog.json.gz`, `path/to/run_results.json`…
    pub fn from_file_name(name: &str) -> Option<ArtifactKind> {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let stem = base.strip_suffix(".gz").unwrap_or(base);
        let stem = stem.strip_suffix(".json")?;
        ArtifactKind::ALL.into_iter().find(|k| k.as_str() == stem)
    }

    /// The `metadata.dbt_schema_version` URL segment that identifies this artifact.
    pub(crate) fn schema_segment(self) -> &'static str {
        match self {
            ArtifactKind::Manifest => "manifest",
            ArtifactKind::Catalog => "catalog",
            ArtifactKind::RunResults => "run-results",
            ArtifactKind::Sources => "sources",
        }
    }
}

/// The base name of a path or URL: how reports name an input, never by where it was read.
pub fn base_name(name: &str) -> String {
    let no_query = name.split(['?', '#']).next().unwrap_or(name);
    no_query.rsplit(['/', '\\']).next().unwrap_or(no_query).to_string()
}

/// One file's name and raw bytes (plain JSON or gzip-compressed JSON).
#[derive(Debug, Clone)]
pub struct Input {
    /// The name shown in messages: a file name, path or URL.
    pub name: String,
    /// The bytes as read.
    pub bytes: Vec<u8>,
    /// Their gzip decompression, when the caller already has it ([`Input::decompressed`]).
    json: Option<Vec<u8>>,
}

impl Input {
    /// Wraps bytes read from `name`.
    pub fn new(name: impl Into<String>, bytes: Vec<u8>) -> Self {
        Input { name: name.into(), bytes, json: None }
    }

    /// Gzip `bytes` read from `name`, with the JSON text the caller already decompressed them
    /// to (the browser's native `DecompressionStream`, while downloading). [`Input::json_bytes`]
    /// checks and returns `json` instead of decompressing again; sizes and fingerprints stay
    /// those of `bytes`, as given. The caller vouches that `json` is `bytes` decompressed.
    pub fn decompressed(name: impl Into<String>, bytes: Vec<u8>, json: Vec<u8>) -> Self {
        Input { name: name.into(), bytes, json: Some(json) }
    }

    /// The JSON text: the bytes themselves, or their gzip decompression.
    pub fn json_bytes(&self) -> Result<Cow<'_, [u8]>, Error> {
        match &self.json {
            Some(json) => check_json(&self.name, Cow::Borrowed(json)),
            None => decode(&self.name, &self.bytes),
        }
    }
}

/// The artifacts of one dbt project, keyed by kind. Only the manifest is required.
#[derive(Debug, Clone, Default)]
pub struct ArtifactSet {
    inputs: BTreeMap<ArtifactKind, Input>,
}

impl ArtifactSet {
    /// Adds or replaces the artifact of `kind`.
    pub fn insert(&mut self, kind: ArtifactKind, input: Input) {
        self.inputs.insert(kind, input);
    }

    /// Adds a file recognised by its name; returns the kind, or `None` when the name is not a dbt artifact.
    pub fn insert_by_name(&mut self, input: Input) -> Option<ArtifactKind> {
        let kind = ArtifactKind::from_file_name(&input.name)?;
        self.inputs.insert(kind, input);
        Some(kind)
    }

    /// The artifact of `kind`, if given.
    pub fn get(&self, kind: ArtifactKind) -> Option<&Input> {
        self.inputs.get(&kind)
    }

    /// The artifacts given, in [`ArtifactKind::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (ArtifactKind, &Input)> {
        self.inputs.iter().map(|(k, v)| (*k, v))
    }
}

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Decompresses gzip (recognised by its magic bytes, not the file name) and checks the text
/// starts like a JSON object, so that an HTML error page or an empty file gets a clear message.
pub(crate) fn decode<'b>(file: &str, bytes: &'b [u8]) -> Result<Cow<'b, [u8]>, Error> {
    let text: Cow<'b, [u8]> = if bytes.starts_with(&GZIP_MAGIC) {
        Cow::Owned(gunzip(bytes).map_err(|e| Error::new(file, ErrorKind::Gzip(gzip_error_in_words(&e))))?)
    } else {
        Cow::Borrowed(bytes)
    };
    check_json(file, text)
}

/// Checks that decompressed text starts like a JSON object (see [`decode`]).
fn check_json<'b>(file: &str, text: Cow<'b, [u8]>) -> Result<Cow<'b, [u8]>, Error> {
    let body = text.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(&text);
    let start = body.iter().position(|b| !b.is_ascii_whitespace());
    match start.and_then(|i| body.get(i..)) {
        None => Err(Error::new(file, ErrorKind::Empty)),
        // `{` then NUL: UTF-16 little-endian without a byte-order mark.
        Some([b'{', 0, ..]) => Err(Error::new(file, ErrorKind::NotJson(UTF16.to_string()))),
        Some([b'{', ..]) => Ok(text),
        Some(head) => Err(Error::new(file, ErrorKind::NotJson(not_json_in_words(head)))),
    }
}

const UTF16: &str = "the file is UTF-16 text; expected UTF-8 (re-save it as UTF-8, or use the file dbt wrote)";

/// What the start of a file that is not a JSON object is, in one printable line: a quote of
/// its text (control characters escaped), or what kind of binary data it holds.
fn not_json_in_words(head: &[u8]) -> String {
    let head = head.get(..head.len().min(160)).unwrap_or(head);
    let found = |what: &str| format!("expected a JSON object, found {what}");
    let magic: &[(&[u8], &str)] = &[
        (b"\xFF\xFE", UTF16),
        (b"\xFE\xFF", UTF16),
        (b"\x00{", UTF16),
        (b"PK\x03\x04", "expected a JSON object, found a zip archive: extract it and give the JSON file inside"),
        (
            b"\x28\xB5\x2F\xFD",
            "expected a JSON object, found zstd-compressed data: decompress it first (only gzip is read as is)",
        ),
        (
            b"\xFD7zXZ\x00",
            "expected a JSON object, found xz-compressed data: decompress it first (only gzip is read as is)",
        ),
        (b"BZh", "expected a JSON object, found bzip2-compressed data: decompress it first (only gzip is read as is)"),
    ];
    if let Some((_, said)) = magic.iter().find(|(m, _)| head.starts_with(m)) {
        return (*said).to_string();
    }
    // Text is valid UTF-8 (a character cut by the 160-byte window is fine) without control
    // characters other than white space.
    let first_bytes = || {
        let shown: Vec<String> = head.iter().take(8).map(|b| format!("{b:02x}")).collect();
        format!("{}{}", shown.join(" "), if head.len() > shown.len() { " …" } else { "" })
    };
    if head.first() == Some(&0) {
        return found("binary data, not text (it starts with NUL bytes)");
    }
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""),
        Err(_) => return found(&format!("bytes that are not UTF-8 text (the first are {})", first_bytes())),
    };
    if text.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return found(&format!("binary data, not text (its first bytes are {})", first_bytes()));
    }
    let mut quote = String::new();
    let mut blank = false;
    for c in text.chars().take(40) {
        if c.is_whitespace() {
            if !blank {
                quote.push(' ');
            }
            blank = true;
            continue;
        }
        blank = false;
        // Invisible characters that reorder or hide text are shown as escapes.
        if matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}') {
            quote.extend(c.escape_unicode());
        } else {
            quote.push(c);
        }
    }
    let quote = quote.trim_end();
    let hint = if quote.starts_with('<') { " (it looks like an HTML page: was the URL or path right?)" } else { "" };
    found(&format!("`{quote}`{hint}"))
}

/// Decompresses every gzip member, as `gzip -d` does; bytes after the last member that do not
/// start another one (zero padding, garbage) are ignored, as `gzip -d` does too: the members
/// before them passed their checksums, so their data is whole.
fn gunzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    // The hint is only a hint: when memory is short, grow as needed instead of aborting.
    if out.try_reserve_exact(gzip_size_hint(bytes)).is_err() {
        out = Vec::new();
    }
    let mut rest = bytes;
    while rest.starts_with(&GZIP_MAGIC) {
        let mut member = flate2::bufread::GzDecoder::new(rest);
        member.read_to_end(&mut out)?;
        rest = member.into_inner();
    }
    Ok(out)
}

/// flate2's errors, said for someone who has a file, not a decoder.
fn gzip_error_in_words(e: &std::io::Error) -> String {
    let detail = e.to_string();
    if e.kind() == std::io::ErrorKind::UnexpectedEof
        || detail.contains("incomplete deflate stream")
        || detail.contains("unexpected end of file")
    {
        return "the gzip stream ends early: the file looks truncated (an interrupted download or copy?)".into();
    }
    if detail.contains("checksum") {
        return "the decompressed data does not match its checksum: the file is corrupt".into();
    }
    if detail.contains("invalid gzip header") {
        return "its gzip header is invalid: the file is corrupt".into();
    }
    format!("the compressed data is corrupt ({detail})")
}

/// The uncompressed size recorded in a gzip trailer (exact for single-member files under
/// 4 GiB), bounded by deflate's maximum ratio so that a forged trailer cannot reserve memory.
fn gzip_size_hint(bytes: &[u8]) -> usize {
    let n = bytes.len();
    let recorded = match bytes.get(n.saturating_sub(4)..) {
        Some([a, b, c, d]) => u32::from_le_bytes([*a, *b, *c, *d]) as usize,
        _ => 0,
    };
    recorded.min(n.saturating_mul(1032))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_artifact_names() {
        assert_eq!(ArtifactKind::from_file_name("target/manifest.json"), Some(ArtifactKind::Manifest));
        assert_eq!(ArtifactKind::from_file_name("catalog.json.gz"), Some(ArtifactKind::Catalog));
        assert_eq!(ArtifactKind::from_file_name("C:\\x\\run_results.json"), Some(ArtifactKind::RunResults));
        assert_eq!(ArtifactKind::from_file_name("sources.json"), Some(ArtifactKind::Sources));
        assert_eq!(ArtifactKind::from_file_name("graph.gpickle"), None);
        assert_eq!(ArtifactKind::from_file_name("manifest.yml"), None);
    }

    #[test]
    fn sniffs_gzip_by_magic_not_name() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b" {\"a\": 1}").unwrap_or_default();
        let gz = enc.finish().unwrap_or_default();
        let out = decode("manifest.json", &gz).map(|c| c.into_owned());
        assert_eq!(out, Ok(b" {\"a\": 1}".to_vec()));
    }

    #[test]
    fn text_decompressed_by_the_caller_is_checked_not_decompressed_again() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"{\"a\": 1}").unwrap_or_default();
        let gz = enc.finish().unwrap_or_default();
        let input = Input::decompressed("manifest.json.gz", gz.clone(), b"{\"a\": 1}".to_vec());
        assert_eq!(input.bytes, gz, "the bytes as given are kept, for their size and fingerprint");
        assert!(matches!(input.json_bytes(), Ok(Cow::Borrowed(b"{\"a\": 1}"))));
        let html = Input::decompressed("manifest.json.gz", gz, b"<html>".to_vec());
        let msg = html.json_bytes().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.starts_with("manifest.json.gz: ") && msg.contains("HTML page"), "{msg}");
    }

    #[test]
    fn rejects_empty_html_and_broken_gzip() {
        let empty = decode("manifest.json", b"  \n");
        assert!(matches!(empty, Err(Error { kind: ErrorKind::Empty, .. })));
        let html = decode("manifest.json", b"<!DOCTYPE html><html>");
        let msg = html.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("HTML page"), "{msg}");
        let gz = decode("manifest.json.gz", &[0x1f, 0x8b, 8, 0, 1, 2]);
        assert!(matches!(gz, Err(Error { kind: ErrorKind::Gzip(_), .. })));
    }
}

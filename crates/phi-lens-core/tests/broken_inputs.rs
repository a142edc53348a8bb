#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The corpus of broken inputs (`tests/broken/`): each file gives one clear error or warning
//! that names the file, the place in it and what was expected, and nothing panics.
//!
//! Inputs too large or too deep to commit (10,000-level nesting, a 1 MB description, the
//! truncation and byte-flip sweeps) are generated here at run time.

use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use phi_lens_core::{
    load_project, ArtifactKind, ArtifactSet, Error, ErrorKind, Input, Loaded, MetaValue, Summary, Warning,
};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn broken_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("broken")
}

fn fixture(name: &str) -> Vec<u8> {
    let path = broken_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()))
}

/// Loads `bytes` as the manifest named `name`.
fn load_manifest_bytes(name: &str, bytes: Vec<u8>) -> Result<Loaded, Error> {
    let mut set = ArtifactSet::default();
    set.insert(ArtifactKind::Manifest, Input::new(name, bytes));
    load_project(&set)
}

/// Loads the fixture `name` as the manifest.
fn load_manifest(name: &str) -> Result<Loaded, Error> {
    load_manifest_bytes(name, fixture(name))
}

/// Loads `valid_manifest.json` plus the fixture `name` as an artifact of `kind`.
fn load_with(kind: ArtifactKind, name: &str) -> Result<Loaded, Error> {
    let mut set = ArtifactSet::default();
    set.insert(ArtifactKind::Manifest, Input::new("valid_manifest.json", fixture("valid_manifest.json")));
    set.insert(kind, Input::new(name, fixture(name)));
    load_project(&set)
}

/// The error of a load that must fail.
fn expect_err(what: &str, result: Result<Loaded, Error>) -> Error {
    match result {
        Ok(loaded) => panic!("{what}: expected an error, but it loaded with warnings {:?}", loaded.warnings),
        Err(e) => e,
    }
}

/// The result of a load that must succeed.
fn expect_ok(what: &str, result: Result<Loaded, Error>) -> Loaded {
    result.unwrap_or_else(|e| panic!("{what}: expected it to load, got: {e}"))
}

/// The message starts with the file name as given, then `: `.
fn assert_names_file(e: &Error, file: &str) {
    assert_eq!(e.file, file, "{e}");
    assert!(e.to_string().starts_with(&format!("{file}: ")), "message does not start with the file name: {e}");
}

/// The error points at `line`, `column` (when given), and the Display says so.
fn assert_line_column(e: &Error, line: usize, column: Option<usize>) {
    assert_eq!(e.location.line, Some(line), "{e}");
    if let Some(column) = column {
        assert_eq!(e.location.column, Some(column), "{e}");
    }
    let col = e.location.column.expect("a column with the line");
    assert!(e.to_string().contains(&format!("line {line}, column {col}")), "{e}");
}

/// The JSON path starts at `section`, goes through the entry `id` and ends at `tail`
/// (e.g. `description` or `depends_on.nodes`), and the Display shows it.
///
/// An id with dots is one quoted segment (`nodes."model.clinic.visits".description`), so that
/// it cannot be read as `model` → `clinic` → `visits`.
fn assert_path_into(e: &Error, section: &str, id: &str, tail: &str) {
    let path = e.location.path.as_deref().unwrap_or_else(|| panic!("no JSON path in: {e}"));
    assert!(path.starts_with(section), "path `{path}` does not start at `{section}`: {e}");
    let segment = if id.contains('.') { format!("\"{id}\"") } else { id.to_string() };
    let at = path.find(&segment).unwrap_or_else(|| panic!("path `{path}` does not name `{segment}`: {e}"));
    let rest = &path[at + segment.len()..];
    if tail.is_empty() {
        assert!(rest.is_empty(), "path `{path}` goes past `{segment}`: {e}");
    } else {
        assert!(rest.ends_with(tail), "path `{path}` does not end at `{tail}`: {e}");
    }
    assert!(e.to_string().contains(&format!("at `{path}`")), "the message does not show the path: {e}");
}

fn assert_contains(text: &str, needles: &[&str]) {
    for n in needles {
        assert!(text.contains(n), "expected `{n}` in: {text}");
    }
}

/// The only warning about `file`.
fn warning_about<'w>(warnings: &'w [Warning], file: &str, needle: &str) -> &'w Warning {
    let found: Vec<&Warning> = warnings.iter().filter(|w| w.message.contains(needle)).collect();
    assert_eq!(found.len(), 1, "expected one warning containing `{needle}`, got {warnings:?}");
    let w = found[0];
    assert_eq!(w.file, file, "the warning should name {file}: {w}");
    assert!(w.to_string().starts_with(&format!("{file}: ")), "{w}");
    w
}

fn models(loaded: &Loaded) -> u64 {
    Summary::new(&loaded.project, &loaded.warnings).counts.get("model").copied().unwrap_or(0)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// A manifest whose one model has `meta.deep` nested `depth` levels below it, built with `open`
/// and `close` (e.g. `[` / `]` or `{"k":` / `}`).
fn deep_manifest(depth: usize, open: &str, close: &str) -> Vec<u8> {
    let mut s = String::from(
        "{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/manifest/v12.json\", \
         \"project_name\": \"clinic\"},\n\"nodes\": {\"model.clinic.deep\": {\"resource_type\": \"model\", \
         \"name\": \"deep\", \"package_name\": \"clinic\", \"meta\": {\"deep\": ",
    );
    s.reserve(depth * (open.len() + close.len()) + 16);
    for _ in 0..depth {
        s.push_str(open);
    }
    s.push_str("\"bottom\"");
    for _ in 0..depth {
        s.push_str(close);
    }
    s.push_str("}}}}\n");
    s.into_bytes()
}

// ---------------------------------------------------------------------------------------------
// The corpus is complete
// ---------------------------------------------------------------------------------------------

/// Every fixture in `tests/broken/`, each used by a test below.
const CORPUS: &[&str] = &[
    "catalog_as_manifest.json",
    "dangling_depends_on.json",
    "dependency_cycle.json",
    "duplicate_keys.json",
    "duplicate_node_ids.json",
    "empty.json",
    "foreign_catalog.json",
    "foreign_run_results.json",
    "future_schema_v99.json",
    "garbage.bin",
    "html_404.json",
    "invalid_utf8.json",
    "nodes_null.json",
    "self_dependency.json",
    "truncated_manifest.json",
    "truncated_manifest.json.gz",
    "valid_manifest.json",
    "whitespace_only.json",
    "wrong_type_columns_list.json",
    "wrong_type_depends_on_number.json",
    "wrong_type_description.json",
];

#[test]
fn corpus_has_a_test_for_every_file() {
    let mut on_disk: Vec<String> = std::fs::read_dir(broken_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "README.md" && n != "make_binary_fixtures.sh")
        .collect();
    on_disk.sort();
    assert_eq!(on_disk, CORPUS, "tests/broken/ and CORPUS differ: add a test for a new fixture");
    for name in CORPUS {
        assert!(fixture(name).len() < 8 * 1024, "{name} should stay tiny; generate large inputs at run time");
    }
}

#[test]
fn the_base_manifest_loads_cleanly() {
    let loaded = expect_ok("valid_manifest.json", load_manifest("valid_manifest.json"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(models(&loaded), 2);
}

#[test]
fn every_error_names_its_file_first() {
    // Under a path and a URL the name is shown verbatim.
    for name in ["target/manifest.json", "https://example.com/ci/42/manifest.json", "C:\\dbt\\manifest.json"] {
        for file in CORPUS.iter().filter(|f| !f.starts_with("valid") && !f.starts_with("foreign")) {
            if let Err(e) = load_manifest_bytes(name, fixture(file)) {
                assert_names_file(&e, name);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Truncation
// ---------------------------------------------------------------------------------------------

#[test]
fn truncated_manifest_says_truncated_and_where() {
    let e = expect_err("truncated", load_manifest("truncated_manifest.json"));
    assert_eq!(e.kind, ErrorKind::Truncated, "{e}");
    assert_names_file(&e, "truncated_manifest.json");
    // The cut is inside the second node's description, at the end of line 24.
    assert_line_column(&e, 24, Some(28));
    assert_path_into(&e, "nodes", "model.clinic.visits", "description");
    assert_eq!(e.location.path.as_deref(), Some(r#"nodes."model.clinic.visits".description"#), "{e}");
    assert_contains(&e.to_string(), &["ends too early", "truncated"]);
}

#[test]
fn truncated_gzip_says_it_does_not_decompress() {
    let e = expect_err("truncated gz", load_manifest("truncated_manifest.json.gz"));
    assert!(matches!(e.kind, ErrorKind::Gzip(_)), "{e}");
    assert_names_file(&e, "truncated_manifest.json.gz");
    assert_eq!(
        e.to_string(),
        "truncated_manifest.json.gz: does not decompress as gzip: the gzip stream ends early: \
         the file looks truncated (an interrupted download or copy?)"
    );
}

#[test]
fn gzip_cut_anywhere_is_a_gzip_error() {
    let gz = gzip(&fixture("valid_manifest.json"));
    assert!(load_manifest_bytes("manifest.json.gz", gz.clone()).is_ok());
    // In the header, in the deflate stream, just before the trailer, inside the trailer.
    for cut in [2, 9, 10, 11, gz.len() / 2, gz.len() - 8, gz.len() - 4, gz.len() - 1] {
        let e = expect_err(&format!("gz cut at {cut}"), load_manifest_bytes("manifest.json.gz", gz[..cut].to_vec()));
        assert!(matches!(e.kind, ErrorKind::Gzip(_)), "cut at {cut}: {e}");
        assert_names_file(&e, "manifest.json.gz");
        assert_contains(&e.to_string(), &["does not decompress", "ends early", "truncated"]);
    }
}

#[test]
fn gzip_corruption_says_corrupt() {
    let gz = gzip(&fixture("valid_manifest.json"));
    let n = gz.len();
    // The stored CRC-32, a deflate byte, the header's compression method.
    for (at, what) in [(n - 6, "checksum"), (n / 2, "corrupt"), (2, "header")] {
        let mut bytes = gz.clone();
        bytes[at] ^= 0x55;
        let e = expect_err(&format!("gz flip at {at}"), load_manifest_bytes("manifest.json.gz", bytes));
        assert!(matches!(e.kind, ErrorKind::Gzip(_)), "flip at {at}: {e}");
        assert_contains(&e.to_string(), &["does not decompress as gzip", what]);
    }
}

#[test]
fn bytes_after_the_gzip_stream_are_ignored_like_gzip_does() {
    let json = fixture("valid_manifest.json");
    let gz = gzip(&json);
    // Zero padding (tape or block devices) and garbage after a whole member: `gzip -d` decompresses
    // the member and ignores them; its CRC-32 already proved the data whole.
    for tail in [vec![0u8; 512], b"garbage\n".to_vec(), vec![0xff; 3]] {
        let mut bytes = gz.clone();
        bytes.extend(&tail);
        let loaded = expect_ok("gzip + trailing bytes", load_manifest_bytes("manifest.json.gz", bytes));
        assert_eq!(models(&loaded), 2);
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    }
    // Members one after the other decompress to their concatenation, as `gzip -d` writes it.
    let half = json.len() / 2;
    let mut two = gzip(&json[..half]);
    two.extend(gzip(&json[half..]));
    let loaded = expect_ok("two gzip members", load_manifest_bytes("manifest.json.gz", two));
    assert_eq!(models(&loaded), 2);
    // A second member cut short is an error, as for `gzip -d`.
    let mut cut = gz.clone();
    cut.extend(&gz[..gz.len() / 2]);
    let e = expect_err("second member cut", load_manifest_bytes("manifest.json.gz", cut));
    assert_contains(&e.to_string(), &["does not decompress as gzip", "ends early"]);
}

// ---------------------------------------------------------------------------------------------
// Wrong types: the path points into the node
// ---------------------------------------------------------------------------------------------

#[test]
fn description_as_a_number() {
    let e = expect_err("description: 5", load_manifest("wrong_type_description.json"));
    assert!(matches!(&e.kind, ErrorKind::Shape(m) if m.contains("expected a string")), "{e}");
    assert_names_file(&e, "wrong_type_description.json");
    assert_line_column(&e, 24, Some(22));
    assert_path_into(&e, "nodes", "model.clinic.visits", "description");
    assert_contains(&e.to_string(), &["unexpected content", "integer `5`", "expected a string"]);
}

#[test]
fn columns_as_a_list() {
    let e = expect_err("columns: [..]", load_manifest("wrong_type_columns_list.json"));
    assert!(matches!(&e.kind, ErrorKind::Shape(m) if m.contains("expected an object")), "{e}");
    assert_names_file(&e, "wrong_type_columns_list.json");
    assert_line_column(&e, 25, None);
    assert_path_into(&e, "nodes", "model.clinic.visits", "columns");
    assert_contains(&e.to_string(), &["invalid type: a list, expected an object"]);
}

#[test]
fn depends_on_nodes_as_a_number() {
    let e = expect_err("depends_on.nodes: 42", load_manifest("wrong_type_depends_on_number.json"));
    assert!(matches!(&e.kind, ErrorKind::Shape(_)), "{e}");
    assert_names_file(&e, "wrong_type_depends_on_number.json");
    assert_line_column(&e, 26, None);
    assert_path_into(&e, "nodes", "model.clinic.visits", "depends_on.nodes");
    assert_contains(&e.to_string(), &["integer `42`", "expected a string or a list of strings"]);
}

#[test]
fn other_wrong_shapes_point_into_their_entry() {
    // (input, path section, entry id, path tail, phrase)
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        (r#"{"nodes": {"model.c.a": {"meta": [1]}}}"#, "nodes", "model.c.a", "meta", "expected an object"),
        (r#"{"nodes": {"model.c.a": {"tags": 3}}}"#, "nodes", "model.c.a", "tags", "a string or a list of strings"),
        (
            r#"{"nodes": {"model.c.a": {"columns": {"x": {"description": []}}}}}"#,
            "nodes",
            "model.c.a",
            "description",
            "expected a string",
        ),
        (r#"{"sources": {"source.c.s.t": {"loader": 1}}}"#, "sources", "source.c.s.t", "loader", "expected a string"),
        (
            r#"{"exposures": {"exposure.c.e": {"depends_on": {"nodes": {}}}}}"#,
            "exposures",
            "exposure.c.e",
            "depends_on.nodes",
            "a string or a list of strings",
        ),
        (r#"{"nodes": []}"#, "nodes", "nodes", "", "an object keyed by unique_id"),
        (r#"{"metadata": {"project_name": 5}}"#, "metadata", "project_name", "", "expected a string"),
    ];
    for (json, section, id, tail, phrase) in cases {
        let e = expect_err(json, load_manifest_bytes("manifest.json", json.as_bytes().to_vec()));
        assert!(matches!(e.kind, ErrorKind::Shape(_)), "{json}: {e}");
        assert_names_file(&e, "manifest.json");
        assert_eq!(e.location.line, Some(1), "{e}");
        assert_path_into(&e, section, id, tail);
        assert!(e.to_string().contains(phrase), "{json}: expected `{phrase}` in: {e}");
    }
}

// ---------------------------------------------------------------------------------------------
// Not JSON at all
// ---------------------------------------------------------------------------------------------

#[test]
fn empty_file() {
    let e = expect_err("empty", load_manifest("empty.json"));
    assert_eq!(e.kind, ErrorKind::Empty, "{e}");
    assert_names_file(&e, "empty.json");
    assert_eq!(e.to_string(), "empty.json: the file is empty; expected a JSON object");
}

#[test]
fn whitespace_only_file() {
    let e = expect_err("whitespace", load_manifest("whitespace_only.json"));
    assert_eq!(e.kind, ErrorKind::Empty, "{e}");
    assert_eq!(e.to_string(), "whitespace_only.json: the file is empty; expected a JSON object");
    // A byte-order mark and blanks, and a gzip of nothing, are empty too.
    for (what, bytes) in [("bom", b"\xEF\xBB\xBF \n".to_vec()), ("gzip of nothing", gzip(b""))] {
        let e = expect_err(what, load_manifest_bytes("manifest.json", bytes));
        assert_eq!(e.kind, ErrorKind::Empty, "{what}: {e}");
    }
}

#[test]
fn html_404_page_given_as_manifest() {
    let name = "https://example.com/target/manifest.json";
    let e = expect_err("html", load_manifest_bytes(name, fixture("html_404.json")));
    assert!(matches!(e.kind, ErrorKind::NotJson(_)), "{e}");
    assert_names_file(&e, name);
    assert_contains(&e.to_string(), &["not JSON", "expected a JSON object", "<!DOCTYPE html>", "HTML page"]);
}

#[test]
fn binary_garbage() {
    let e = expect_err("garbage", load_manifest("garbage.bin"));
    assert!(matches!(e.kind, ErrorKind::NotJson(_)), "{e}");
    assert_names_file(&e, "garbage.bin");
    assert_contains(&e.to_string(), &["not JSON", "expected a JSON object"]);
    assert!(!e.to_string().contains("HTML"), "{e}");
}

#[test]
fn binary_garbage_message_is_printable() {
    for name in ["garbage.bin", "html_404.json"] {
        let e = expect_err(name, load_manifest(name));
        let msg = e.to_string();
        assert!(!msg.chars().any(char::is_control), "control characters in the message: {msg:?}");
    }
    assert_eq!(
        expect_err("garbage", load_manifest("garbage.bin")).to_string(),
        "garbage.bin: not JSON: expected a JSON object, found binary data, not text (it starts with NUL bytes)"
    );
    let html = expect_err("html", load_manifest("html_404.json")).to_string();
    assert_contains(&html, &["found `<!DOCTYPE html> <html", "HTML page"]);
    // Control characters in text are summarised; invisible reordering characters are escaped.
    let cases: &[(&[u8], &str)] = &[
        (b"hello\n\x1b[31mworld\x07", "binary data, not text (its first bytes are 68 65 6c 6c 6f 0a 1b 5b \u{2026})"),
        (b"\x7fELF", "binary data, not text (its first bytes are 7f 45 4c 46)"),
        ("Pr\u{e9}nom".as_bytes(), "`Pr\u{e9}nom`"),
        (b"Pr\xe9nom;Nom", "bytes that are not UTF-8 text (the first are 50 72 e9 6e 6f 6d 3b 4e \u{2026})"),
        ("ok \u{202e}gnp.exe".as_bytes(), "`ok \\u{202e}gnp.exe`"),
        (b"  line one\r\n\tline two", "`line one line two`"),
    ];
    for (bytes, phrase) in cases {
        let e = expect_err(phrase, load_manifest_bytes("manifest.json", bytes.to_vec()));
        let msg = e.to_string();
        assert!(matches!(e.kind, ErrorKind::NotJson(_)), "{msg}");
        assert!(msg.contains(phrase), "expected `{phrase}` in: {msg:?}");
        assert!(!msg.chars().any(char::is_control), "control characters in the message: {msg:?}");
    }
}

#[test]
fn utf16_and_other_containers_are_named() {
    let utf16le: Vec<u8> = "{\"nodes\": {}}".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let utf16be: Vec<u8> = "{\"nodes\": {}}".encode_utf16().flat_map(u16::to_be_bytes).collect();
    let with_bom = |bom: &[u8], body: &[u8]| [bom, body].concat();
    for (what, bytes) in [
        ("UTF-16LE with BOM", with_bom(&[0xFF, 0xFE], &utf16le)),
        ("UTF-16BE with BOM", with_bom(&[0xFE, 0xFF], &utf16be)),
        ("UTF-16LE", utf16le.clone()),
        ("UTF-16BE", utf16be.clone()),
    ] {
        let e = expect_err(what, load_manifest_bytes("manifest.json", bytes));
        assert!(matches!(e.kind, ErrorKind::NotJson(_)), "{what}: {e}");
        assert_contains(&e.to_string(), &["UTF-16 text; expected UTF-8"]);
    }
    for (bytes, phrase) in [
        (b"PK\x03\x04\x14\x00".to_vec(), "a zip archive: extract it"),
        (b"\x28\xB5\x2F\xFD\x00".to_vec(), "zstd-compressed data"),
        (b"\xFD7zXZ\x00\x00".to_vec(), "xz-compressed data"),
        (b"BZh91AY&SY".to_vec(), "bzip2-compressed data"),
    ] {
        let e = expect_err(phrase, load_manifest_bytes("artifacts.zip", bytes));
        assert_contains(&e.to_string(), &["artifacts.zip: not JSON", phrase]);
    }
}

#[test]
fn invalid_utf8_inside_a_string() {
    let e = expect_err("invalid utf-8", load_manifest("invalid_utf8.json"));
    assert!(matches!(e.kind, ErrorKind::Syntax(_)), "{e}");
    assert_names_file(&e, "invalid_utf8.json");
    // Column 38 is the byte C3 that starts the bad sequence.
    assert_line_column(&e, 24, Some(38));
    assert_path_into(&e, "nodes", "model.clinic.visits", "description");
    assert_contains(&e.to_string(), &["invalid JSON", "invalid UTF-8 in a string"]);
}

#[test]
fn invalid_utf8_in_a_field_phi_lens_does_not_read_still_loads() {
    let text = String::from_utf8(fixture("valid_manifest.json")).unwrap();
    let mut bytes = text
        .replacen(
            "\"package_name\": \"clinic\",",
            "\"package_name\": \"clinic\", \"raw_code\": \"select @@ from x\",",
            1,
        )
        .into_bytes();
    let at = bytes.windows(2).position(|w| w == b"@@").unwrap();
    bytes[at] = 0xFF;
    bytes[at + 1] = 0xC3;
    let loaded = expect_ok("bad utf-8 in raw_code", load_manifest_bytes("manifest.json", bytes));
    assert_eq!(models(&loaded), 2);
}

#[test]
fn other_syntax_errors_say_where() {
    let base = String::from_utf8(fixture("valid_manifest.json")).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("a list", b"[1, 2]".to_vec(), "expected a JSON object, found `[1, 2]`"),
        ("trailing text", format!("{base}\nxyz").into_bytes(), "trailing characters"),
        ("NaN", br#"{"nodes": {"model.c.a": {"meta": {"x": NaN}}}}"#.to_vec(), "line 1"),
        ("1e400", br#"{"nodes": {"model.c.a": {"meta": {"x": 1e400}}}}"#.to_vec(), "number out of range"),
        ("raw NUL", b"{\"nodes\": {\"model.c.a\": {\"description\": \"a\0b\"}}}".to_vec(), "control character"),
    ];
    for (what, bytes, phrase) in cases {
        let e = expect_err(what, load_manifest_bytes("manifest.json", bytes));
        assert!(matches!(e.kind, ErrorKind::Syntax(_) | ErrorKind::NotJson(_)), "{what}: {e}");
        assert_names_file(&e, "manifest.json");
        assert!(e.to_string().contains(phrase), "{what}: expected `{phrase}` in: {e}");
    }
}

// ---------------------------------------------------------------------------------------------
// The wrong artifact, or another project's
// ---------------------------------------------------------------------------------------------

#[test]
fn catalog_given_as_manifest() {
    let e = expect_err("catalog as manifest", load_manifest("catalog_as_manifest.json"));
    assert!(matches!(e.kind, ErrorKind::WrongArtifact(_)), "{e}");
    assert_names_file(&e, "catalog_as_manifest.json");
    assert_eq!(
        e.to_string(),
        "catalog_as_manifest.json: wrong kind of file: given as manifest.json, but its \
         metadata.dbt_schema_version (https://schemas.getdbt.com/dbt/catalog/v1.json) says it is catalog.json"
    );
}

#[test]
fn manifest_given_as_catalog() {
    let e = expect_err("manifest as catalog", load_with(ArtifactKind::Catalog, "valid_manifest.json"));
    assert!(matches!(e.kind, ErrorKind::WrongArtifact(_)), "{e}");
    assert_contains(&e.to_string(), &["given as catalog.json", "says it is manifest.json"]);
}

#[test]
fn catalog_from_another_project() {
    let e = expect_err("foreign catalog", load_with(ArtifactKind::Catalog, "foreign_catalog.json"));
    assert!(matches!(e.kind, ErrorKind::ForeignArtifact(_)), "{e}");
    assert_names_file(&e, "foreign_catalog.json");
    assert_contains(
        &e.to_string(),
        &[
            "does not belong to this project",
            "none of its 3 relations",
            "`clinic`",
            "model.jaffle_shop.customers",
            "another project",
        ],
    );
}

#[test]
fn run_results_from_another_project_warns() {
    let loaded = expect_ok("foreign run results", load_with(ArtifactKind::RunResults, "foreign_run_results.json"));
    let w = warning_about(&loaded.warnings, "foreign_run_results.json", "another project");
    assert_contains(&w.message, &["none of its 2 results"]);
    assert!(loaded.project.nodes.iter().all(|n| n.run.is_none()));
}

// ---------------------------------------------------------------------------------------------
// The dependency graph
// ---------------------------------------------------------------------------------------------

#[test]
fn dependency_cycle_lists_the_cycle() {
    let e = expect_err("cycle", load_manifest("dependency_cycle.json"));
    assert_eq!(
        e.kind,
        ErrorKind::Cycle("model.clinic.patients → model.clinic.visits → model.clinic.patients".into()),
        "{e}"
    );
    assert_eq!(
        e.to_string(),
        "dependency_cycle.json: dependency cycle: model.clinic.patients → model.clinic.visits → model.clinic.patients"
    );
}

#[test]
fn self_dependency_is_a_cycle() {
    let e = expect_err("self dependency", load_manifest("self_dependency.json"));
    assert_eq!(e.kind, ErrorKind::Cycle("model.clinic.visits → model.clinic.visits".into()), "{e}");
    assert_names_file(&e, "self_dependency.json");
}

#[test]
fn dangling_depends_on_loads_with_a_warning() {
    let loaded = expect_ok("dangling", load_manifest("dangling_depends_on.json"));
    let w = warning_about(&loaded.warnings, "dangling_depends_on.json", "dangling");
    assert_contains(&w.message, &["1 dependencies", "`model.clinic.visits` → `model.clinic.appointments`"]);
    assert_eq!(models(&loaded), 2);
}

// ---------------------------------------------------------------------------------------------
// Versions, nesting, odd but valid content
// ---------------------------------------------------------------------------------------------

#[test]
fn future_schema_loads_best_effort_with_a_warning() {
    let loaded = expect_ok("v99", load_manifest("future_schema_v99.json"));
    let w = warning_about(&loaded.warnings, "future_schema_v99.json", "v99");
    assert_contains(&w.message, &["newer than phi-lens knows", "up to v12", "best-effort"]);
    assert_eq!(models(&loaded), 2);
    let summary = Summary::new(&loaded.project, &loaded.warnings);
    assert!(summary.warnings.iter().any(|s| s.contains("v99")), "the summary shows it: {:?}", summary.warnings);
}

#[test]
fn nesting_ten_thousand_levels_is_too_deep_not_a_stack_overflow() {
    for (open, close) in [("[", "]"), ("{\"k\": ", "}")] {
        let e = expect_err("10,000 levels", load_manifest_bytes("manifest.json", deep_manifest(10_000, open, close)));
        assert_eq!(e.kind, ErrorKind::TooDeep, "{e}");
        assert_names_file(&e, "manifest.json");
        assert_eq!(e.location.line, Some(2), "{e}");
        assert_path_into(&e, "nodes", "model.clinic.deep", if open == "[" { "[0]" } else { ".k" });
        let path = e.location.path.as_deref().unwrap();
        assert!(path.starts_with(r#"nodes."model.clinic.deep".meta.deep"#), "{e}");
        // 128 levels are shown as their start and end around `…`, not 128 segments.
        assert!(path.contains('…') && path.len() < 80, "{e}");
        assert_contains(&e.to_string(), &["nests too deeply", "refusing to read it"]);
    }
}

#[test]
fn nesting_ten_thousand_levels_in_a_field_phi_lens_skips_loads() {
    let bytes = String::from_utf8(deep_manifest(10_000, "[", "]")).unwrap().replacen("\"meta\"", "\"raw_code\"", 1);
    let loaded = expect_ok("deep raw_code", load_manifest_bytes("manifest.json", bytes.into_bytes()));
    assert_eq!(models(&loaded), 1);
}

#[test]
fn nesting_a_hundred_levels_loads() {
    let loaded = expect_ok("100 levels", load_manifest_bytes("manifest.json", deep_manifest(100, "[", "]")));
    let node = &loaded.project.nodes[0];
    let mut value = node.meta.get("deep").expect("meta.deep");
    let mut depth = 0;
    while let MetaValue::List(items) = value {
        value = &items[0];
        depth += 1;
    }
    assert_eq!(depth, 100);
    assert_eq!(value.as_str(), Some("bottom"));
}

#[test]
fn manifest_with_null_nodes_loads_with_no_models() {
    let loaded = expect_ok("nodes: null", load_manifest("nodes_null.json"));
    assert!(loaded.project.nodes.is_empty());
    assert_eq!(models(&loaded), 0);
}

#[test]
fn duplicate_keys_in_a_node_are_refused_with_the_place() {
    let e = expect_err("duplicate description", load_manifest("duplicate_keys.json"));
    assert!(matches!(&e.kind, ErrorKind::Shape(m) if m.contains("duplicate field `description`")), "{e}");
    assert_names_file(&e, "duplicate_keys.json");
    assert_line_column(&e, 25, None);
    assert_path_into(&e, "nodes", "model.clinic.visits", "");
}

#[test]
fn duplicate_node_ids_load_with_a_warning() {
    let loaded = expect_ok("duplicate ids", load_manifest("duplicate_node_ids.json"));
    let w = loaded
        .warnings
        .iter()
        .find(|w| w.message.contains("appears more than once"))
        .unwrap_or_else(|| panic!("no duplicate warning in {:?}", loaded.warnings));
    assert_contains(&w.message, &["`model.clinic.patients`", "only one is kept"]);
    assert_eq!(models(&loaded), 1);
}

#[test]
fn manifest_warnings_name_the_file_as_given() {
    let loaded = expect_ok("duplicate ids", load_manifest("duplicate_node_ids.json"));
    warning_about(&loaded.warnings, "duplicate_node_ids.json", "appears more than once");
    let loaded = expect_ok("no nodes", load_manifest_bytes("target/manifest.json.gz", b"{\"metadata\": {}}".to_vec()));
    warning_about(&loaded.warnings, "target/manifest.json.gz", "no `nodes` section");
}

#[test]
fn shape_errors_do_not_name_internal_types() {
    let cases: &[(&str, &str)] = &[
        (r#"{"nodes": {"model.c.a": "oops"}}"#, r#"string "oops", expected an object (a dbt node)"#),
        (r#"{"nodes": {"model.c.a": {"depends_on": 42}}}"#, "integer `42`, expected an object with `nodes`"),
        (r#"{"metadata": "v12"}"#, "expected an object with `dbt_schema_version`"),
        (
            r#"{"nodes": {"model.c.a": {"config": {"post-hook": 3}}}}"#,
            "expected a SQL string, an object with `sql`, or a list of them",
        ),
        (r#"{"nodes": {"model.c.a": {"config": {"pre-hook": [3]}}}}"#, "expected a SQL string or an object with `sql`"),
        (r#"{"nodes": {"model.c.a": {"columns": {"x": 1}}}}"#, "expected an object (a column"),
        (r#"{"nodes": {"model.c.a": {"config": 1}}}"#, "expected an object (a `config` block)"),
        (r#"{"nodes": {"model.c.a": {"test_metadata": 1}}}"#, "expected an object with `name`, `namespace`"),
        (r#"{"sources": {"source.c.s.t": 1}}"#, "expected an object (a dbt source)"),
        (r#"{"exposures": {"exposure.c.e": {"owner": "bob"}}}"#, "expected an object with `name` and `email`"),
        (r#"{"metrics": {"metric.c.m": 1}}"#, "expected an object (a dbt resource)"),
        (r#"{"nodes": {"model.c.a": {"description": 1.5}}}"#, "invalid type: number `1.5`, expected a string"),
        (r#"{"nodes": {"model.c.a": {"description": {}}}}"#, "invalid type: an object, expected a string"),
    ];
    for (json, phrase) in cases {
        let e = expect_err(json, load_manifest_bytes("manifest.json", json.as_bytes().to_vec()));
        let msg = e.to_string();
        assert!(!msg.contains("struct") && !msg.contains("enum") && !msg.contains("Raw"), "{msg}");
        assert!(msg.contains(phrase), "{json}: expected `{phrase}` in: {msg}");
    }
    // The other artifacts, loaded beside a valid manifest.
    let others: &[(ArtifactKind, &str, &str)] = &[
        (ArtifactKind::RunResults, r#"{"results": [{"failures": "3"}]}"#, r#"string "3", expected a whole number"#),
        (ArtifactKind::RunResults, r#"{"results": [{"failures": 1.5}]}"#, "number `1.5`, expected a whole number"),
        (ArtifactKind::RunResults, r#"{"results": {}}"#, "invalid type: an object, expected a list"),
        (ArtifactKind::RunResults, r#"{"results": [1]}"#, "expected an object (one result"),
        (ArtifactKind::Catalog, r#"{"nodes": {"model.clinic.patients": 1}}"#, "expected an object (a relation"),
        (ArtifactKind::Catalog, r#"{"sources": {"s": {"columns": {"a": 1}}}}"#, "expected an object (a column"),
        (ArtifactKind::Sources, r#"{"results": [1]}"#, "expected an object (one freshness result"),
    ];
    for (kind, json, phrase) in others {
        let mut set = ArtifactSet::default();
        set.insert(ArtifactKind::Manifest, Input::new("manifest.json", fixture("valid_manifest.json")));
        set.insert(*kind, Input::new(kind.file_name(), json.as_bytes().to_vec()));
        let e = expect_err(json, load_project(&set));
        let msg = e.to_string();
        assert_names_file(&e, kind.file_name());
        assert!(!msg.contains("struct") && !msg.contains("i64") && !msg.contains("Raw"), "{msg}");
        assert!(msg.contains(phrase), "{json}: expected `{phrase}` in: {msg}");
    }
    // A whole-number float is a whole number.
    let mut set = ArtifactSet::default();
    set.insert(ArtifactKind::Manifest, Input::new("manifest.json", fixture("valid_manifest.json")));
    let rr = r#"{"results": [{"unique_id": "model.clinic.visits", "status": "success", "failures": 2.0}]}"#;
    set.insert(ArtifactKind::RunResults, Input::new("run_results.json", rr.as_bytes().to_vec()));
    let loaded = expect_ok("failures: 2.0", load_project(&set));
    let visits = loaded.project.nodes.iter().find(|n| &*n.unique_id == "model.clinic.visits").unwrap();
    assert_eq!(visits.run.as_ref().and_then(|r| r.failures), Some(2));
}

#[test]
fn lists_where_objects_belong_are_refused() {
    // serde's derive reads a struct from a list, field by position: these must not load.
    let cases: &[(&str, &str, &str)] = &[
        (r#"{"nodes": {"model.c.a": {"config": []}}}"#, r#"nodes."model.c.a".config"#, "a `config` block"),
        (r#"{"nodes": {"model.c.a": ["x", "model", "a"]}}"#, r#"nodes."model.c.a""#, "a dbt node"),
        (r#"{"nodes": {"model.c.a": {"depends_on": [["model.c.b"]]}}}"#, r#"nodes."model.c.a".depends_on"#, "`nodes`"),
        (r#"{"metadata": ["v12"]}"#, "metadata", "`dbt_schema_version`"),
        (r#"{"exposures": {"exposure.c.e": {"owner": ["bob"]}}}"#, r#"exposures."exposure.c.e".owner"#, "`email`"),
        (r#"{"nodes": {"model.c.a": {"columns": {"x": ["x", "d"]}}}}"#, r#"nodes."model.c.a".columns.x"#, "a column"),
    ];
    for (json, path, phrase) in cases {
        let e = expect_err(json, load_manifest_bytes("manifest.json", json.as_bytes().to_vec()));
        assert!(matches!(e.kind, ErrorKind::Shape(_)), "{json}: {e}");
        assert_eq!(e.location.path.as_deref(), Some(*path), "{json}: {e}");
        assert_contains(&e.to_string(), &["invalid type: a list, expected an object", phrase]);
    }
}

#[test]
fn a_one_megabyte_description_loads() {
    let big = "é".repeat(1 << 19); // 1 MiB of UTF-8
    let text = String::from_utf8(fixture("valid_manifest.json")).unwrap().replacen("One row per visit", &big, 1);
    let loaded = expect_ok("1 MB description", load_manifest_bytes("manifest.json", text.into_bytes()));
    let visits = loaded.project.nodes.iter().find(|n| &*n.unique_id == "model.clinic.visits").unwrap();
    assert_eq!(visits.description.len(), 1 << 20);
}

// ---------------------------------------------------------------------------------------------
// Property: truncations and byte flips never panic, and every failure names the file
// ---------------------------------------------------------------------------------------------

/// Loads, turning a panic into a test failure that says which input caused it.
fn load_no_panic(what: &str, name: &str, bytes: Vec<u8>) -> Result<Loaded, Error> {
    catch_unwind(AssertUnwindSafe(|| load_manifest_bytes(name, bytes)))
        .unwrap_or_else(|_| panic!("load_project panicked on {what}"))
}

/// 200 evenly spaced offsets in `0..len`.
fn offsets(len: usize) -> impl Iterator<Item = usize> {
    (0..200).map(move |i| i * len / 200)
}

/// Truncates and flips `json` (and its gzip) at 200 offsets each; returns how many flips loaded.
fn sweep(label: &str, json: &[u8]) -> usize {
    let name = "manifest.json";
    for cut in offsets(json.len()) {
        let what = format!("{label} cut at byte {cut}");
        let e = expect_err(&what, load_no_panic(&what, name, json[..cut].to_vec()));
        assert!(matches!(e.kind, ErrorKind::Truncated | ErrorKind::Empty), "{what}: {e}");
        assert_names_file(&e, name);
        if e.kind == ErrorKind::Truncated {
            assert!(e.location.line.is_some(), "{what}: no line in {e}");
        }
    }
    let mut loaded = 0;
    // A deterministic mask per offset (never 0), so that flips change different bits.
    let mut state: u32 = 0x9E37_79B9;
    for at in offsets(json.len()) {
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let mask = ((state >> 24) as u8) | 1;
        let mut bytes = json.to_vec();
        bytes[at] ^= mask;
        let what = format!("{label} byte {at} xor {mask:#04x}");
        match load_no_panic(&what, name, bytes) {
            Ok(_) => loaded += 1,
            Err(e) => assert_names_file(&e, name),
        }
    }
    let gz = gzip(json);
    let gz_name = "manifest.json.gz";
    for at in offsets(gz.len()) {
        let what = format!("{label} gzip cut at byte {at}");
        let e = expect_err(&what, load_no_panic(&what, gz_name, gz[..at].to_vec()));
        assert_names_file(&e, gz_name);
        let mut bytes = gz.clone();
        bytes[at] ^= 0x5A;
        let what = format!("{label} gzip byte {at} flipped");
        if let Err(e) = load_no_panic(&what, gz_name, bytes) {
            assert_names_file(&e, gz_name);
        }
    }
    loaded
}

#[test]
fn truncations_and_byte_flips_of_a_small_manifest_never_panic() {
    let loaded = sweep("valid_manifest.json", &fixture("valid_manifest.json"));
    eprintln!("valid_manifest.json: {loaded} of 200 byte flips still loaded");
}

#[test]
fn truncations_and_byte_flips_of_jaffle_shop_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let path = root.join("../shared/corpus/dbt-labs_jaffle-shop-1.12.0/manifest.json.gz");
    let Ok(gz) = std::fs::read(&path) else {
        eprintln!(
            "SKIPPED truncations_and_byte_flips_of_jaffle_shop_never_panic: {} is absent \
             (the shared corpus sits beside the repository)",
            path.display()
        );
        return;
    };
    let json = Input::new("manifest.json.gz", gz).json_bytes().unwrap().into_owned();
    assert!(load_manifest_bytes("manifest.json", json.clone()).is_ok(), "the corpus manifest itself loads");
    let loaded = sweep("jaffle-shop", &json);
    eprintln!("jaffle-shop manifest: {loaded} of 200 byte flips still loaded");
}

#[test]
fn duplicate_column_keys_are_not_kept_twice() {
    let text = String::from_utf8(fixture("valid_manifest.json")).unwrap().replacen(
        r#""mrn": {"name": "mrn", "description": "Medical record number"}"#,
        r#""mrn": {"name": "mrn", "description": "Medical record number"}, "mrn": {"name": "mrn", "description": "again"}"#,
        1,
    );
    let loaded = expect_ok("duplicate column", load_manifest_bytes("manifest.json", text.into_bytes()));
    let patients = loaded.project.nodes.iter().find(|n| &*n.unique_id == "model.clinic.patients").unwrap();
    assert_eq!(patients.columns.len(), 1, "{:?}", patients.columns);
    // The last value wins, as JSON parsers read a repeated key.
    assert_eq!(&*patients.columns[0].description, "again");
}

#[test]
fn repeated_column_keys_keep_their_first_place_in_wide_nodes() {
    // More columns than the pairwise check covers, with `c3` given again at the end.
    let columns: Vec<String> = (0..40).map(|i| format!(r#""c{i}": {{"description": "d{i}"}}"#)).collect();
    let json = format!(
        r#"{{"nodes": {{"model.c.a": {{"resource_type": "model", "columns": {{{}, "c3": {{"description": "last"}}}}}}}}}}"#,
        columns.join(", ")
    );
    let loaded = expect_ok("wide node", load_manifest_bytes("manifest.json", json.into_bytes()));
    let cols = &loaded.project.nodes[0].columns;
    assert_eq!(cols.len(), 40);
    assert_eq!((&*cols[3].name, &*cols[3].description), ("c3", "last"));
    assert_eq!(&*cols[39].name, "c39");
}

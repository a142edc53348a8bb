//! The one error type of phi-lens: it names the file, the place in it, and what was expected.

use std::fmt;

/// Where in a file an error was found.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Location {
    /// 1-based line, when the input was JSON text.
    pub line: Option<usize>,
    /// 1-based column, when the input was JSON text.
    pub column: Option<usize>,
    /// The JSON path, e.g. `nodes."model.clinic.patients".columns.dob.description`.
    pub path: Option<String>,
}

impl Location {
    fn is_empty(&self) -> bool {
        self.line.is_none() && self.path.is_none()
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(path) = &self.path {
            if !path.is_empty() && path != "." {
                parts.push(format!("at `{path}`"));
            }
        }
        if let (Some(line), Some(column)) = (self.line, self.column) {
            parts.push(format!("line {line}, column {column}"));
        }
        f.write_str(&parts.join(", "))
    }
}

/// What went wrong, without the file name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum ErrorKind {
    /// The file could not be read at all (missing, unreadable).
    Io(String),
    /// The file has no bytes (or only white space).
    Empty,
    /// The file starts with gzip's magic bytes but does not decompress.
    Gzip(String),
    /// The bytes are not JSON at all (for example an HTML error page).
    NotJson(String),
    /// The JSON ends before the document is complete.
    Truncated,
    /// The JSON is malformed.
    Syntax(String),
    /// The JSON nests deeper than the parser allows.
    TooDeep,
    /// Valid JSON whose values have the wrong type or shape.
    Shape(String),
    /// Valid JSON that is not the dbt artifact it was given as.
    WrongArtifact(String),
    /// An artifact that belongs to another project than the manifest.
    ForeignArtifact(String),
    /// The dependency graph has a cycle; the message lists it.
    Cycle(String),
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Io(m) => write!(f, "cannot read the file: {m}"),
            ErrorKind::Empty => f.write_str("the file is empty; expected a JSON object"),
            ErrorKind::Gzip(m) => write!(f, "does not decompress as gzip: {m}"),
            ErrorKind::NotJson(m) => write!(f, "not JSON: {m}"),
            ErrorKind::Truncated => {
                f.write_str("the JSON ends too early: the file looks truncated (an interrupted download or copy?)")
            }
            ErrorKind::Syntax(m) => write!(f, "invalid JSON: {m}"),
            ErrorKind::TooDeep => f.write_str("the JSON nests too deeply (more than 128 levels); refusing to read it"),
            ErrorKind::Shape(m) => write!(f, "unexpected content: {m}"),
            ErrorKind::WrongArtifact(m) => write!(f, "wrong kind of file: {m}"),
            ErrorKind::ForeignArtifact(m) => write!(f, "does not belong to this project: {m}"),
            ErrorKind::Cycle(m) => write!(f, "dependency cycle: {m}"),
        }
    }
}

/// An error that names the file, the place and what was expected.
///
/// Its `Display` is the complete message a user sees, e.g.
/// `manifest.json: at `nodes."model.a.b".description`, line 12, column 40: unexpected content: invalid type: integer `5`, expected a string`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Error {
    /// The file name (or URL) as the user gave it.
    pub file: String,
    /// Where in the file, when known.
    pub location: Location,
    /// What went wrong.
    pub kind: ErrorKind,
}

impl Error {
    /// An error without a position inside the file.
    pub fn new(file: impl Into<String>, kind: ErrorKind) -> Self {
        Error { file: file.into(), location: Location::default(), kind }
    }

    /// An error at a place inside the file.
    pub fn at(file: impl Into<String>, location: Location, kind: ErrorKind) -> Self {
        Error { file: file.into(), location, kind }
    }

    /// An I/O failure while reading `file`.
    pub fn io(file: impl Into<String>, err: &std::io::Error) -> Self {
        Error::new(file, ErrorKind::Io(err.to_string()))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            write!(f, "{}: {}", self.file, self.kind)
        } else {
            write!(f, "{}: {}: {}", self.file, self.location, self.kind)
        }
    }
}

impl std::error::Error for Error {}

/// Turns a serde_json error into our error, classifying it.
pub(crate) fn from_json(file: &str, err: &serde_json::Error, path: Option<String>) -> Error {
    use serde_json::error::Category;
    let location = Location {
        line: (err.line() > 0).then_some(err.line()),
        column: (err.line() > 0).then_some(err.column()),
        path,
    };
    let message = strip_position(&err.to_string());
    let kind = match err.classify() {
        Category::Eof => ErrorKind::Truncated,
        Category::Io => ErrorKind::Io(message),
        Category::Syntax if message.contains("recursion limit exceeded") => ErrorKind::TooDeep,
        Category::Syntax => ErrorKind::Syntax(syntax_in_words(message)),
        Category::Data => ErrorKind::Shape(shape_in_words(&message)),
    };
    Error::at(file, location, kind)
}

/// serde_json appends " at line L column C"; we print the position ourselves.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// serde_json's syntax messages, said for someone who did not write a JSON parser.
fn syntax_in_words(message: String) -> String {
    let said = match message.as_str() {
        // serde_json checks UTF-8 only inside strings, and reports it as a code point.
        "invalid unicode code point" => {
            "invalid UTF-8 in a string: the file is not UTF-8 text here (saved in another encoding, \
             such as Latin-1 or Windows-1252?)"
        }
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "a raw control character (\\u0000-\\u001F: a NUL byte, tab or line break) inside a string; \
             JSON requires it to be escaped"
        }
        "expected value" => "expected a JSON value (an object, list, string, number, true, false or null)",
        "trailing characters" => "trailing characters after the end of the JSON document",
        _ => return message,
    };
    said.to_string()
}

/// serde's shape messages (`invalid type: sequence, expected struct RawNode`) in the words of
/// JSON and dbt: a list, an object, a whole number; never a Rust type.
fn shape_in_words(message: &str) -> String {
    // `invalid type: {found}, expected {wanted}`; `found` may quote the file's text, `wanted`
    // is always ours, so the last ", expected " is the boundary.
    let (head, wanted) = match message.rfind(", expected ") {
        Some(i) => (&message[..i], message.get(i + ", expected ".len()..)),
        None => (message, None),
    };
    let head = ["invalid type: ", "invalid value: ", "invalid length "]
        .into_iter()
        .find_map(|prefix| head.strip_prefix(prefix).map(|found| format!("{prefix}{}", found_in_words(found))))
        .unwrap_or_else(|| head.replace("data did not match any variant of untagged enum", "unexpected shape for"));
    match wanted {
        Some(wanted) => format!("{head}, expected {}", wanted_in_words(wanted)),
        None => head,
    }
}

/// serde's `Unexpected` nouns in JSON's words; a long quoted string is cut short.
fn found_in_words(found: &str) -> String {
    let said = match found {
        "sequence" => "a list",
        "map" => "an object",
        "unit value" | "null" => "null",
        _ => {
            if let Some(number) = found.strip_prefix("floating point ") {
                return format!("number {number}");
            }
            if found.starts_with("string ") {
                return shorten(found, 80);
            }
            return found.to_string();
        }
    };
    said.to_string()
}

/// Expectations named after Rust types, in words.
fn wanted_in_words(wanted: &str) -> String {
    let said = match wanted {
        "a sequence" => "a list",
        "a map" => "an object",
        "a borrowed string" => "a string",
        "i8" | "i16" | "i32" | "i64" | "i128" | "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "isize" => {
            "a whole number"
        }
        "f32" | "f64" => "a number",
        "unit" => "null",
        "a boolean" => "true or false",
        _ if wanted.starts_with("struct ") || wanted.starts_with("tuple struct ") => "an object",
        _ if wanted.starts_with("enum ") || wanted.starts_with("variant identifier") => "one of dbt's values",
        _ => return wanted.to_string(),
    };
    said.to_string()
}

/// `text` cut to at most `max` characters, with `…` when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// The most segments a JSON path shows; deeper ones keep their start and end around `…`.
const PATH_SEGMENTS_SHOWN: usize = 12;

/// A JSON path as a user reads it: `nodes."model.clinic.patients".columns.dob.description`.
///
/// Keys that contain a dot, a bracket, a quote, white space or a control character (or are
/// empty) are quoted as JSON strings, so that dbt's dotted unique ids stay one segment. Very
/// deep paths (the 128 levels of a too-deep error) keep their first and last segments.
pub(crate) fn json_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let segments: Vec<&Segment> = path.iter().collect();
    if segments.is_empty() {
        return ".".to_string();
    }
    const TAIL: usize = 2;
    let elide = segments.len() > PATH_SEGMENTS_SHOWN;
    let head = if elide { PATH_SEGMENTS_SHOWN - TAIL - 1 } else { segments.len() };
    let mut out = String::new();
    for (i, segment) in segments.iter().enumerate() {
        if elide && i == head {
            out.push('…');
        }
        if elide && i >= head && i < segments.len() - TAIL {
            continue;
        }
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&path_key(key));
            }
            Segment::Unknown => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push('?');
            }
        }
    }
    out
}

/// One object key of a path, quoted when it could be misread, and cut short when very long.
fn path_key(key: &str) -> String {
    let key = shorten(key, 100);
    let plain = !key.is_empty()
        && !key.chars().any(|c| matches!(c, '.' | '[' | ']' | '"' | '`' | '\\') || c.is_whitespace() || c.is_control());
    if plain {
        key
    } else {
        serde_json::to_string(&key).unwrap_or(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_messages_name_json_not_rust() {
        assert_eq!(
            shape_in_words("invalid type: sequence, expected struct RawNode"),
            "invalid type: a list, expected an object"
        );
        assert_eq!(
            shape_in_words("invalid type: string \"x\", expected i64"),
            "invalid type: string \"x\", expected a whole number"
        );
        assert_eq!(
            shape_in_words("invalid type: map, expected a sequence"),
            "invalid type: an object, expected a list"
        );
        assert_eq!(
            shape_in_words("invalid type: floating point `1.5`, expected a string"),
            "invalid type: number `1.5`, expected a string"
        );
        assert_eq!(shape_in_words("duplicate field `description`"), "duplicate field `description`");
        let long = format!("invalid type: string \"{}\", expected an object", "x".repeat(5000));
        assert!(shape_in_words(&long).len() < 200);
    }

    #[test]
    fn paths_quote_dotted_keys_and_shorten_deep_ones() {
        type Level<T> = std::collections::BTreeMap<String, T>;
        type Doc = Level<Level<Level<Level<Level<Vec<u8>>>>>>;
        let json = r#"{"nodes": {"model.c.a": {"columns": {"a b": {"": [0, "x"]}}}}}"#;
        let mut de = serde_json::Deserializer::from_str(json);
        let mut track = serde_path_to_error::Track::new();
        let r: Result<Doc, _> =
            serde::Deserialize::deserialize(serde_path_to_error::Deserializer::new(&mut de, &mut track));
        assert!(r.is_err());
        assert_eq!(json_path(&track.path()), r#"nodes."model.c.a".columns."a b".""[1]"#);

        let deep = format!("{}tru{}", "[".repeat(40), "]".repeat(40));
        let mut de = serde_json::Deserializer::from_str(&deep);
        let mut track = serde_path_to_error::Track::new();
        let r: Result<crate::MetaValue, _> =
            serde::Deserialize::deserialize(serde_path_to_error::Deserializer::new(&mut de, &mut track));
        assert!(r.is_err());
        let shown = json_path(&track.path());
        assert!(shown.starts_with("[0][0][0]") && shown.contains('…') && shown.ends_with("[0][0]"), "{shown}");
        assert!(shown.matches("[0]").count() == PATH_SEGMENTS_SHOWN - 1, "{shown}");
    }
}

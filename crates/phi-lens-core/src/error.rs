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
            ErrorKind::Gzip(m) => write!(f, "the file looks gzip-compressed but does not decompress: {m}"),
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
/// `manifest.json: line 12, column 40, at `nodes."model.a.b".description`: unexpected content: invalid type: integer `5`, expected a string`.
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
        Category::Syntax => ErrorKind::Syntax(message),
        Category::Data => ErrorKind::Shape(message),
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

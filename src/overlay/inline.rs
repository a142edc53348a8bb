//! Finds the manifest and catalog that `dbt docs generate --static` inlines into
//! `static_index.html`. dbt replaces the string literals `"MANIFEST.JSON INLINE DATA"` and
//! `"CATALOG.JSON INLINE DATA"` in `var n={manifest:"…",catalog:"…"}` of its page script with
//! the files' JSON text, verbatim; the page served by `dbt docs serve` keeps the literals and
//! fetches the files instead. Plain Rust, tested natively.

use std::ops::Range;

/// Where dbt docs' data comes from, read from its page script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocsData {
    /// The page fetches `manifest.json` and `catalog.json` (the placeholders are still there).
    Fetched,
    /// The JSON is in the script, at these byte ranges.
    Inline { manifest: Range<usize>, catalog: Option<Range<usize>> },
    /// Not dbt docs' data script.
    NotFound,
}

/// The placeholder dbt docs' page keeps when the data is fetched.
const MANIFEST_PLACEHOLDER: &str = "\"MANIFEST.JSON INLINE DATA\"";

/// Reads one script's text.
pub fn docs_data(script: &str) -> DocsData {
    if script.contains(MANIFEST_PLACEHOLDER) {
        return DocsData::Fetched;
    }
    let bytes = script.as_bytes();
    let mut from = 0;
    while let Some(at) = script[from..].find("{manifest:") {
        let start = skip_ws(bytes, from + at + "{manifest:".len());
        from += at + 1;
        let Some(end) = object_end(bytes, start) else { continue };
        // The same script also holds `files:{manifest:{},catalog:{}}`: an empty object is not data.
        if end - start <= 2 {
            continue;
        }
        let after = skip_ws(bytes, end);
        let catalog = bytes[after..].starts_with(b",catalog:").then(|| skip_ws(bytes, after + ",catalog:".len()));
        let catalog = catalog.and_then(|s| object_end(bytes, s).map(|e| s..e));
        return DocsData::Inline { manifest: start..end, catalog };
    }
    DocsData::NotFound
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// The end (exclusive) of the JSON object starting at `start`, skipping strings; `None` when
/// `start` is not `{` or the object never closes.
fn object_end(bytes: &[u8], start: usize) -> Option<usize> {
    if bytes.get(start) != Some(&b'{') {
        return None;
    }
    let mut depth = 0usize;
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const TEMPLATE: &str = r#"c.module("dbt").factory("project",["$q","$http",function(e,t){var n={manifest:"MANIFEST.JSON INLINE DATA",catalog:"CATALOG.JSON INLINE DATA"},r={project:{},tree:{project:[],database:[],sources:[]},files:{manifest:{},catalog:{}},loaded:e.defer()};"#;

    /// What dbt's generate.py does for `--static`.
    fn inlined(manifest: &str, catalog: &str) -> String {
        TEMPLATE.replace("\"MANIFEST.JSON INLINE DATA\"", manifest).replace("\"CATALOG.JSON INLINE DATA\"", catalog)
    }

    #[test]
    fn the_served_page_fetches_its_data() {
        assert_eq!(docs_data(TEMPLATE), DocsData::Fetched);
        assert_eq!(docs_data("console.log(1)"), DocsData::NotFound);
    }

    #[test]
    fn finds_the_inlined_json_strings_and_braces_included() {
        let manifest = r#"{"metadata": {"project_name": "p"}, "nodes": {"model.p.a": {"description": "a } and a \" and {manifest:{x}", "tags": ["[", "]"]}}}"#;
        let catalog = r#"{"metadata": {}, "nodes": {}, "sources": {}}"#;
        let page = inlined(manifest, catalog);
        let DocsData::Inline { manifest: m, catalog: Some(c) } = docs_data(&page) else { panic!("not found") };
        assert_eq!(&page[m], manifest);
        assert_eq!(&page[c], catalog);
    }

    #[test]
    fn a_truncated_page_is_not_data() {
        let page = inlined(r#"{"metadata": {"a": "}"#, "{}");
        assert_eq!(docs_data(&page[..page.find("\"a\"").unwrap_or(0) + 6]), DocsData::NotFound);
    }
}

//! The loading contract, as pure functions: which directories to look in, which URLs to try.
//!
//! - `?artifacts=DIR` (a URL relative to the page, on its origin): load `DIR/manifest.json`
//!   (or `DIR/manifest.json.gz` when that is 404), and likewise the optional catalog,
//!   run results and sources. Absolute and cross-origin URLs are refused.
//! - `?base=DIR` beside it: a second build to compare the shown one with, read from `DIR` by
//!   the same rules (same origin only, `.json` then `.json.gz`).
//! - No parameter: try `./manifest.json`, then `../manifest.json` (phi-lens deployed in a
//!   folder inside dbt's `target/`), then the embedded demo, else the landing page.

use phi_lens_core::ArtifactKind;

/// Where to look for artifacts, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Directories (URLs relative to the page) to try in turn; the first with a manifest wins.
    pub dirs: Vec<String>,
    /// Whether the user named the directory: then a missing manifest is an error, not a
    /// reason to try the next place.
    pub explicit: bool,
}

/// The directories tried when the page has no `?artifacts=`.
pub const DEFAULT_DIRS: [&str; 2] = ["./", "../"];

/// The plan for the page's `?artifacts=` value (`None` when absent).
pub fn plan(artifacts: Option<&str>) -> Result<Plan, String> {
    match artifacts {
        None => Ok(Plan { dirs: DEFAULT_DIRS.iter().map(|d| d.to_string()).collect(), explicit: false }),
        Some(dir) => {
            check_relative(dir)?;
            Ok(Plan { dirs: vec![dir.to_string()], explicit: true })
        }
    }
}

/// Refuses anything but a same-origin URL reference: no scheme (`https:`, `data:`,
/// `javascript:`), no network path (`//host`), no backslashes or control characters
/// (which URL parsers turn into slashes or drop). The browser check in
/// `loading::fetch::same_origin_url` confirms the resolved origin as well.
pub fn check_relative(dir: &str) -> Result<(), String> {
    check_param("artifacts", dir)
}

/// [`check_relative`] for the page parameter `param` (`artifacts`, `base`), whose name the
/// message gives.
pub fn check_param(param: &str, dir: &str) -> Result<(), String> {
    let refuse =
        |why: &str| Err(format!("?{param}={dir} is refused: {why}. Give a folder on this site, e.g. ?{param}=target"));
    if dir.trim().is_empty() {
        return Err(format!("?{param}= is empty: give the folder holding manifest.json, e.g. ?{param}=target"));
    }
    if dir.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return refuse("it contains spaces or control characters");
    }
    if dir.contains('\\') {
        return refuse("it contains a backslash");
    }
    if dir.starts_with("//") {
        return refuse("it names another host; phi-lens only reads files from this site");
    }
    let before_path = dir.split(['/', '?', '#']).next().unwrap_or("");
    if before_path.contains(':') {
        return refuse("it is an absolute URL; phi-lens only reads files from this site");
    }
    if dir.contains(['?', '#']) {
        return refuse("it has a query or fragment; give a folder");
    }
    Ok(())
}

/// The URLs to try for one artifact in `dir`: plain JSON first, then gzip.
pub fn artifact_urls(dir: &str, kind: ArtifactKind) -> [String; 2] {
    let base = dir.trim_end_matches('/');
    let name = kind.file_name();
    [format!("{base}/{name}"), format!("{base}/{name}.gz")]
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn without_a_parameter_it_tries_here_then_the_parent() {
        assert_eq!(plan(None), Ok(Plan { dirs: vec!["./".into(), "../".into()], explicit: false }));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_relative_folder_is_the_only_place_tried() {
        assert_eq!(plan(Some("target")), Ok(Plan { dirs: vec!["target".into()], explicit: true }));
        for ok in ["target", "./target/", "../target", "/shared/corpus/a-1.0", "corpus/x:y", "."] {
            assert_eq!(check_relative(ok), Ok(()), "{ok}");
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn absolute_and_cross_origin_urls_are_refused() {
        for bad in [
            "https://example.com/target",
            "http:target",
            "//example.com/target",
            "/\\example.com",
            "\\\\example.com",
            "javascript:alert(1)",
            "data:application/json,{}",
            "/\t/example.com",
            " //example.com",
            "target?x=1",
            "",
            "  ",
        ] {
            let err = check_relative(bad).err();
            assert!(err.is_some(), "{bad:?} must be refused");
            assert!(plan(Some(bad)).is_err());
        }
        let msg = check_relative("https://example.com/t").err().unwrap_or_default();
        assert!(msg.contains("absolute URL"), "{msg}");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_base_folder_is_checked_alike_and_named_in_the_message() {
        assert_eq!(check_param("base", "../main/target"), Ok(()));
        let msg = check_param("base", "//example.com/target").err().unwrap_or_default();
        assert!(msg.starts_with("?base=//example.com/target is refused: it names another host"), "{msg}");
        assert!(msg.ends_with("e.g. ?base=target"), "{msg}");
        assert!(check_param("base", " ").err().unwrap_or_default().starts_with("?base= is empty"));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn artifact_urls_join_the_folder_and_the_file_name() {
        assert_eq!(
            artifact_urls("target/", ArtifactKind::Manifest),
            ["target/manifest.json".to_string(), "target/manifest.json.gz".to_string()]
        );
        assert_eq!(artifact_urls("../", ArtifactKind::RunResults)[0], "../run_results.json");
        assert_eq!(artifact_urls("./", ArtifactKind::Catalog)[1], "./catalog.json.gz");
        assert_eq!(artifact_urls("/", ArtifactKind::Sources)[0], "/sources.json");
        assert_eq!(artifact_urls("a/b", ArtifactKind::Sources)[0], "a/b/sources.json");
    }
}

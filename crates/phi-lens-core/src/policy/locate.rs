//! Where the policy of a set of artifacts is looked for, written once for the CLI, the
//! overlay installer and the app: `DIR/phi-lens.toml` beside the artifacts, then the parent
//! directory's (a dbt project's root, for its `target/`). The callers only fetch the bytes.

/// The policy file's name.
pub const POLICY_FILE_NAME: &str = "phi-lens.toml";

/// The places, in order, where the policy of the artifacts in `dir` is looked for: `dir` is a
/// directory path or a URL relative to a page (`/` separated; `\` is read as `/`), and the
/// result uses the same form. The first that exists is the policy.
///
/// ```
/// use phi_lens_core::policy::policy_locations;
/// assert_eq!(policy_locations("examples/clinic/target"),
///            ["examples/clinic/target/phi-lens.toml", "examples/clinic/phi-lens.toml"]);
/// assert_eq!(policy_locations("/"), ["/phi-lens.toml"]);
/// ```
pub fn policy_locations(dir: &str) -> Vec<String> {
    let dir = dir.replace('\\', "/");
    let here = if dir.is_empty() {
        POLICY_FILE_NAME.to_string()
    } else {
        format!("{}/{POLICY_FILE_NAME}", dir.trim_end_matches('/'))
    };
    match parent_dir(&dir) {
        Some(parent) => vec![here, format!("{parent}{POLICY_FILE_NAME}")],
        None => vec![here],
    }
}

/// The parent of a relative or root-relative directory, ending in `/`; `None` for the root,
/// which has none.
fn parent_dir(dir: &str) -> Option<String> {
    let trimmed = dir.trim_end_matches('/');
    if trimmed.is_empty() {
        return (!dir.starts_with('/')).then(|| "../".to_string());
    }
    let (head, last) = match trimmed.rsplit_once('/') {
        Some((head, last)) => (Some(head), last),
        None => (None, trimmed),
    };
    match (head, last) {
        (_, "..") => Some(format!("{trimmed}/../")),
        (Some(head), ".") => parent_dir(if head.is_empty() { "/" } else { head }),
        (None, ".") => Some("../".to_string()),
        (Some(head), _) => Some(format!("{head}/")),
        (None, _) => Some("./".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beside_the_artifacts_then_in_the_parent() {
        assert_eq!(
            policy_locations("examples/clinic/target/"),
            ["examples/clinic/target/phi-lens.toml", "examples/clinic/phi-lens.toml"]
        );
        assert_eq!(policy_locations("target/"), ["target/phi-lens.toml", "./phi-lens.toml"]);
        assert_eq!(policy_locations("target"), ["target/phi-lens.toml", "./phi-lens.toml"]);
        assert_eq!(policy_locations("./"), ["./phi-lens.toml", "../phi-lens.toml"]);
        assert_eq!(policy_locations("."), ["./phi-lens.toml", "../phi-lens.toml"]);
        assert_eq!(policy_locations(""), ["phi-lens.toml", "../phi-lens.toml"]);
        assert_eq!(policy_locations("../"), ["../phi-lens.toml", "../../phi-lens.toml"]);
        assert_eq!(policy_locations("/srv/dbt/target"), ["/srv/dbt/target/phi-lens.toml", "/srv/dbt/phi-lens.toml"]);
        assert_eq!(policy_locations("/target"), ["/target/phi-lens.toml", "/phi-lens.toml"]);
        assert_eq!(policy_locations("/"), ["/phi-lens.toml"]);
        assert_eq!(policy_locations("a\\b"), ["a/b/phi-lens.toml", "a/phi-lens.toml"]);
        assert_eq!(parent_dir("a/./"), Some("./".to_string()));
        assert_eq!(parent_dir("."), Some("../".to_string()));
        assert_eq!(parent_dir("../.."), Some("../../../".to_string()));
    }
}

//! "Compare with": a second build of the project (the base: the main branch, last release)
//! loaded beside the one shown (the head), and what changed between them, as the core's
//! [`diff`](phi_lens_core::diff::diff) computes it. Both sides are analysed under the policy
//! in force, as `phi-lens diff --policy FILE BASE HEAD` does; a new policy analyses both again.
//!
//! Plain Rust, no yew: tested natively.

use std::rc::Rc;

use phi_lens_core::diff::{diff, Diff, Side};
use phi_lens_core::model::Project;
use phi_lens_core::{analyse, Analysis, Policy};

use crate::project_view::{ProjectView, Shared, Source};

/// The base build: where it came from, and its project and analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Base {
    /// Where its artifacts came from.
    pub source: Source,
    /// The files that were read.
    pub files: Vec<String>,
    /// Notes about the loading (a file skipped, a policy file not applied).
    pub notes: Vec<String>,
    /// The project.
    pub project: Shared<Project>,
    /// Its analysis (under [`Base::policy`]).
    pub analysis: Shared<Analysis>,
}

impl Base {
    /// The policy its analysis is under.
    pub fn policy(&self) -> &Policy {
        &self.analysis.phi.policy
    }

    /// The same base analysed under `policy` (unless it already is).
    pub fn under(&self, policy: &Policy) -> Base {
        if self.policy() == policy {
            return self.clone();
        }
        Base { analysis: Shared::new(analyse(&self.project, policy)), ..self.clone() }
    }

    /// What the "compared with" indicator names: where the files came from, the project and
    /// when dbt wrote its manifest.
    pub fn describe(&self) -> String {
        let place = match &self.source {
            Source::Directory(dir) => format!("the artifacts in {dir}"),
            Source::Files => format!("the files you chose ({})", self.files.join(", ")),
            Source::Demo => "the built-in demo project".to_string(),
        };
        let info = &self.project.info;
        let mut about = Vec::new();
        if let Some(name) = &info.project_name {
            about.push(name.clone());
        }
        if let Some(v) = &info.dbt_version {
            about.push(format!("dbt {v}"));
        }
        if let Some(at) = &info.generated_at {
            about.push(format!("written {at}"));
        }
        if about.is_empty() {
            place
        } else {
            format!("{place}: {}", about.join(", "))
        }
    }
}

/// A base and what changed from it to the shown project.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The base, analysed under the head's policy.
    pub base: Rc<Base>,
    /// What changed from the base to the head.
    pub diff: Shared<Diff>,
}

impl Comparison {
    /// Compares `head` with `base`, the base analysed under the head's policy first.
    pub fn new(base: &Base, head: &ProjectView) -> Comparison {
        let base = Rc::new(base.under(head.policy()));
        let diff = diff(
            Side { project: &base.project, analysis: &base.analysis },
            Side { project: &head.project, analysis: &head.analysis },
        );
        Comparison { base, diff: Shared::new(diff) }
    }
}

/// Where loading a base got to.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Compare {
    /// No base.
    #[default]
    None,
    /// A base is loading: what it is doing (`Downloading base/manifest.json: 12 MB`).
    Loading(String),
    /// The base is loaded and compared.
    Ready(Rc<Comparison>),
    /// It could not be loaded: the message names the file and the place.
    Failed(String),
}

impl Compare {
    /// The comparison, when one is loaded.
    pub fn comparison(&self) -> Option<&Rc<Comparison>> {
        match self {
            Compare::Ready(c) => Some(c),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project_view::{build_project_view, build_project_view_under};
    use crate::test_data::{ok, SMALL_MANIFEST};
    use phi_lens_core::{ArtifactKind, ArtifactSet, Input};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn set(bytes: &[u8]) -> ArtifactSet {
        let mut set = ArtifactSet::default();
        set.insert(ArtifactKind::Manifest, Input::new("manifest.json", bytes.to_vec()));
        set
    }

    fn base_of(view: &ProjectView) -> Base {
        Base {
            source: Source::Directory("base".into()),
            files: view.files.clone(),
            notes: vec![],
            project: view.project.clone(),
            analysis: view.analysis.clone(),
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_project_compared_with_itself_changes_nothing() {
        let head = ok(build_project_view(&set(SMALL_MANIFEST), Source::Files, vec![]));
        let c = Comparison::new(&base_of(&head), &head);
        assert!(c.diff.is_empty());
        assert_eq!(c.base.describe(), "the artifacts in base: clinic, dbt 1.9.0");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_base_is_analysed_under_the_heads_policy() {
        let base = ok(build_project_view(&set(SMALL_MANIFEST), Source::Files, vec![]));
        let policy = ok(Policy::from_toml("[rules]\ndisable = [\"DOC002\"]\n")).normalised();
        let head = ok(build_project_view_under(&set(SMALL_MANIFEST), Source::Files, vec![], &policy));
        assert_ne!(base.analysis.phi.policy_hash, head.analysis.phi.policy_hash);
        let c = Comparison::new(&base_of(&base), &head);
        assert_eq!(c.base.analysis.phi.policy_hash, head.analysis.phi.policy_hash);
        assert!(c.diff.is_empty(), "the same project under the same policy: {:?}", c.diff.findings);
    }
}

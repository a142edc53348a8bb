//! The app state and its one reducer: every change to what the page shows is an [`Action`].
//!
//! Plain Rust (yew only for the [`Reducible`] glue), so the transitions are tested natively.

use std::rc::Rc;

use yew::Reducible;

use crate::policy::PolicyState;
use crate::project_view::ProjectView;

/// Identifies one load (from URLs, from files, or the demo). Actions of an older load are
/// ignored, so a slow download cannot overwrite the files the user dropped since.
pub type LoadId = u64;

/// What the page is doing.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// Looking for artifacts (before the first answer).
    Starting,
    /// No artifacts were found and there is no demo: the page explains how to give some.
    Landing,
    /// Downloading one file.
    Downloading {
        /// The file's URL or name.
        file: String,
        /// Bytes received so far.
        received: u64,
        /// The file's size, when the server said (`Content-Length`).
        total: Option<u64>,
    },
    /// Reading one file the user dropped or picked.
    Reading {
        /// The file's name.
        file: String,
        /// Its size in bytes.
        size: u64,
    },
    /// Parsing the files.
    Parsing {
        /// The files being parsed.
        files: Vec<String>,
    },
    /// Classifying PHI, checking the rules and scoring the parsed project.
    Analysing {
        /// How many nodes the project has.
        nodes: usize,
    },
    /// A project is loaded.
    Ready(Rc<ProjectView>),
    /// Loading failed; the message names the file and the place.
    Failed(String),
}

/// The app state.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// The load whose actions are applied.
    pub load: LoadId,
    /// What the page shows.
    pub phase: Phase,
    /// The policy the shown project is analysed under, and where it came from.
    pub policy: Rc<PolicyState>,
}

impl Default for AppState {
    fn default() -> Self {
        AppState { load: 0, phase: Phase::Starting, policy: Rc::default() }
    }
}

/// A change of state, reported by a load in progress.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A new load begins; from now on only its actions count.
    Start {
        /// The new load.
        load: LoadId,
    },
    /// Nothing to load: show the landing page.
    NothingFound {
        /// The load reporting.
        load: LoadId,
    },
    /// Bytes of a file arrived.
    Downloading {
        /// The load reporting.
        load: LoadId,
        /// The file's URL or name.
        file: String,
        /// Bytes received so far.
        received: u64,
        /// The file's size, when known.
        total: Option<u64>,
    },
    /// A dropped or picked file is being read.
    Reading {
        /// The load reporting.
        load: LoadId,
        /// The file's name.
        file: String,
        /// Its size in bytes.
        size: u64,
    },
    /// All files are in; parsing starts.
    Parsing {
        /// The load reporting.
        load: LoadId,
        /// The files being parsed.
        files: Vec<String>,
    },
    /// The files are parsed; the analysis starts.
    Analysing {
        /// The load reporting.
        load: LoadId,
        /// How many nodes the project has.
        nodes: usize,
    },
    /// The project is loaded.
    Loaded {
        /// The load reporting.
        load: LoadId,
        /// What to show.
        project: Rc<ProjectView>,
    },
    /// Loading failed.
    Failed {
        /// The load reporting.
        load: LoadId,
        /// The complete message.
        message: String,
    },
    /// The load's policy (a `phi-lens.toml` beside the artifacts or among the files), reported
    /// before the project it is analysed under; a load without one keeps the default.
    PolicyLoaded {
        /// The load reporting.
        load: LoadId,
        /// The policy and where it came from.
        policy: Rc<PolicyState>,
    },
    /// Another policy is in force (a `phi-lens.toml` dropped alone, the policy editor): the
    /// shown project is analysed again under it. Applies to whatever load is shown.
    SetPolicy(Rc<PolicyState>),
}

impl Action {
    fn load(&self) -> LoadId {
        match self {
            Action::Start { load }
            | Action::NothingFound { load }
            | Action::Downloading { load, .. }
            | Action::Reading { load, .. }
            | Action::Parsing { load, .. }
            | Action::Analysing { load, .. }
            | Action::Loaded { load, .. }
            | Action::PolicyLoaded { load, .. }
            | Action::Failed { load, .. } => *load,
            Action::SetPolicy(_) => 0,
        }
    }
}

/// The state after `action`, or `None` when the action changes nothing (it belongs to an
/// older load).
pub fn reduce(state: &AppState, action: Action) -> Option<AppState> {
    if let Action::Start { load } = action {
        return (load > state.load).then(|| AppState { load, ..AppState::default() });
    }
    if let Action::SetPolicy(policy) = action {
        let Phase::Ready(view) = &state.phase else { return None };
        // A policy naming rules or packages the project lacks is reported, not applied.
        if let Some(problem) = policy.problem_with(&view.project) {
            return Some(AppState { policy: Rc::new(state.policy.with_problem(problem)), ..state.clone() });
        }
        // The same policy value (a problem reported, a reset to what is in force): nothing to
        // recompute. Any other is analysed as given, so the findings word it as the CLI does.
        let phase = if Rc::ptr_eq(&state.policy.current.policy, &policy.current.policy) {
            state.phase.clone()
        } else {
            Phase::Ready(Rc::new(view.with_policy(&policy.current.policy)))
        };
        return Some(AppState { load: state.load, phase, policy });
    }
    if action.load() != state.load {
        return None;
    }
    if let Action::PolicyLoaded { policy, .. } = action {
        return Some(AppState { policy, ..state.clone() });
    }
    let phase = match action {
        Action::Start { .. } => Phase::Starting,
        Action::NothingFound { .. } => Phase::Landing,
        Action::Downloading { file, received, total, .. } => Phase::Downloading { file, received, total },
        Action::Reading { file, size, .. } => Phase::Reading { file, size },
        Action::Parsing { files, .. } => Phase::Parsing { files },
        Action::Analysing { nodes, .. } => Phase::Analysing { nodes },
        Action::Loaded { project, .. } => Phase::Ready(project),
        Action::Failed { message, .. } => Phase::Failed(message),
        Action::SetPolicy(_) | Action::PolicyLoaded { .. } => return None,
    };
    Some(AppState { load: state.load, phase, policy: state.policy.clone() })
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match reduce(&self, action) {
            Some(next) => Rc::new(next),
            None => self,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project_view::{build_project_view, Source};
    use crate::test_data::{ok, SMALL_MANIFEST};
    use phi_lens_core::{ArtifactKind, ArtifactSet, Input};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn apply(state: AppState, actions: Vec<Action>) -> AppState {
        actions.into_iter().fold(state, |s, a| reduce(&s, a).unwrap_or(s))
    }

    fn project() -> Rc<ProjectView> {
        let mut set = ArtifactSet::default();
        set.insert(ArtifactKind::Manifest, Input::new("manifest.json", SMALL_MANIFEST.to_vec()));
        Rc::new(ok(build_project_view(&set, Source::Files, vec![])))
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_load_goes_from_download_to_parsing_to_ready() {
        let file = "target/manifest.json".to_string();
        let state = apply(
            AppState::default(),
            vec![
                Action::Start { load: 1 },
                Action::Downloading { load: 1, file: file.clone(), received: 10, total: Some(100) },
            ],
        );
        assert_eq!(state.phase, Phase::Downloading { file: file.clone(), received: 10, total: Some(100) });
        let state = apply(state, vec![Action::Reading { load: 1, file: "catalog.json".into(), size: 5 }]);
        assert_eq!(state.phase, Phase::Reading { file: "catalog.json".into(), size: 5 });
        let state = apply(state, vec![Action::Parsing { load: 1, files: vec![file.clone()] }]);
        assert_eq!(state.phase, Phase::Parsing { files: vec![file] });
        let state = apply(state, vec![Action::Analysing { load: 1, nodes: 12 }]);
        assert_eq!(state.phase, Phase::Analysing { nodes: 12 });
        let p = project();
        let state = apply(state, vec![Action::Loaded { load: 1, project: p.clone() }]);
        assert_eq!(state.phase, Phase::Ready(p));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn actions_of_an_older_load_are_ignored() {
        let state = apply(AppState::default(), vec![Action::Start { load: 1 }, Action::Start { load: 2 }]);
        let stale = Action::Failed { load: 1, message: "late".into() };
        assert_eq!(reduce(&state, stale), None);
        assert_eq!(reduce(&state, Action::Start { load: 1 }), None);
        let state = apply(state, vec![Action::Failed { load: 2, message: "manifest.json: bad".into() }]);
        assert_eq!(
            state,
            AppState { load: 2, phase: Phase::Failed("manifest.json: bad".into()), ..AppState::default() }
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn nothing_found_shows_the_landing_page_and_a_new_load_restarts() {
        let state = apply(AppState::default(), vec![Action::NothingFound { load: 0 }]);
        assert_eq!(state.phase, Phase::Landing);
        let state = apply(state, vec![Action::Start { load: 7 }]);
        assert_eq!(state, AppState { load: 7, ..AppState::default() });
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_load_brings_its_policy_and_a_new_load_starts_from_the_default() {
        let file = Rc::new(PolicyState::from_file("target/phi-lens.toml", "[score]\ncritical_cap = 10\n".into()));
        let state = apply(
            AppState::default(),
            vec![Action::Start { load: 1 }, Action::PolicyLoaded { load: 1, policy: file.clone() }],
        );
        assert_eq!(state.policy, file);
        assert_eq!(state.phase, Phase::Starting);
        let stale = Action::PolicyLoaded { load: 0, policy: Rc::default() };
        assert_eq!(reduce(&state, stale), None);
        let state = apply(state, vec![Action::Start { load: 2 }]);
        assert_eq!(*state.policy, PolicyState::default());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_new_policy_recomputes_the_analysis_of_the_shown_project() {
        let view = Rc::new(crate::test_data::demo_view());
        let state = AppState { load: 4, phase: Phase::Ready(view.clone()), ..AppState::default() };
        let edited = state.policy.edit("[rules]\ndisable = [\"DOC001\"]\n[score]\ncritical_cap = 0\n");
        let edited = Rc::new(ok(edited));
        let next = reduce(&state, Action::SetPolicy(edited.clone())).unwrap_or_else(|| panic!("applied"));
        let Phase::Ready(again) = &next.phase else { panic!("still ready: {:?}", next.phase) };
        assert_eq!(next.load, 4);
        assert_eq!(next.policy, edited);
        assert_eq!(again.policy(), &*edited.current.policy);
        assert_eq!(again.policy().score.critical_cap, 0);
        assert_ne!(again.analysis.phi.policy_hash, view.analysis.phi.policy_hash);
        assert!(again.analysis.findings.iter().all(|f| f.rule != "DOC001"));
        assert!(view.analysis.findings.iter().any(|f| f.rule == "DOC001"), "the demo has DOC001 findings");
        assert!(again.project == view.project, "the project is not loaded again");
        assert_eq!(again.index.rows.len(), view.index.rows.len());
        // Nothing is shown: nothing to recompute.
        assert_eq!(reduce(&AppState::default(), Action::SetPolicy(edited.clone())), None);
        // A broken file dropped later: the problem is shown, the analysis is kept as it is.
        let broken = Rc::new(edited.with_file("phi-lens.toml", "colour = 1\n".into()));
        let kept = reduce(&next, Action::SetPolicy(broken.clone())).unwrap_or_else(|| panic!("reported"));
        assert_eq!(kept.phase, next.phase);
        assert!(matches!(&kept.phase, Phase::Ready(v) if Rc::ptr_eq(v, again)), "not analysed again");
        assert_eq!(kept.policy, broken);
        // A file naming a package the project lacks: reported, the policy in force kept.
        let typo = Rc::new(edited.with_file("team.toml", "[rules]\npackages = [\"clinc\"]\n".into()));
        let kept = reduce(&next, Action::SetPolicy(typo)).unwrap_or_else(|| panic!("reported"));
        assert!(matches!(&kept.phase, Phase::Ready(v) if Rc::ptr_eq(v, again)), "not analysed again");
        assert_eq!(kept.policy.current, edited.current);
        let message = kept.policy.problem.clone().map(|p| p.message).unwrap_or_default();
        assert!(message.starts_with("team.toml: invalid policy: [rules] packages: `clinc`"), "{message}");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_yew_reducer_keeps_the_same_state_for_stale_actions() {
        let state = Rc::new(AppState { load: 3, phase: Phase::Landing, ..AppState::default() });
        let same = Reducible::reduce(state.clone(), Action::NothingFound { load: 2 });
        assert!(Rc::ptr_eq(&state, &same));
    }
}

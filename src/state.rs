//! The app state and its one reducer: every change to what the page shows is an [`Action`].
//!
//! Plain Rust (yew only for the [`Reducible`] glue), so the transitions are tested natively.

use std::rc::Rc;

use yew::Reducible;

use crate::compare::{Base, Compare, Comparison};
use crate::policy::PolicyState;
use crate::project_view::ProjectView;

/// Identifies one load (from URLs, from files, or the demo). Actions of an older load are
/// ignored, so a slow download cannot overwrite the files the user dropped since.
pub type LoadId = u64;

/// Identifies one load of a base to compare with; a later one supersedes it.
pub type CompareId = u64;

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
    /// The base build the shown project is compared with, if any.
    pub compare: Compare,
    /// The load of a base whose actions are applied.
    pub compare_id: CompareId,
}

impl Default for AppState {
    fn default() -> Self {
        AppState { load: 0, phase: Phase::Starting, policy: Rc::default(), compare: Compare::None, compare_id: 0 }
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
    /// The column lineage of the shown project is resolved (or failed): it is analysed again
    /// with it under the policy in force.
    ColumnsResolved {
        /// The load it belongs to.
        load: LoadId,
        /// The shown view with its lineage, analysed again under `policy` (in slices, by
        /// [`crate::loading::columns`]).
        view: Rc<crate::project_view::ProjectView>,
        /// The policy it was analysed under: when another is in force by now, the lineage is
        /// analysed again under that one.
        policy: Rc<phi_lens_core::Policy>,
    },
    /// The shown project's findings are grouped by root cause (after the overview's first
    /// paint); ignored when the view was analysed again meanwhile (its root causes are then
    /// grouped already).
    RootCausesGrouped {
        /// The load it belongs to.
        load: LoadId,
        /// The analysis they were grouped from.
        analysis: crate::project_view::Shared<phi_lens_core::Analysis>,
        /// The root causes.
        root_causes: crate::project_view::Shared<Vec<phi_lens_core::root_causes::RootCause>>,
    },
    PolicyLoaded {
        /// The load reporting.
        load: LoadId,
        /// The policy and where it came from.
        policy: Rc<PolicyState>,
    },
    /// Another policy is in force (a `phi-lens.toml` dropped alone, the policy editor): the
    /// shown project is analysed again under it, and the base it is compared with too.
    /// Applies to whatever load is shown.
    SetPolicy(Rc<PolicyState>),
    /// A base to compare the shown project with starts loading (`?base=DIR`, or files chosen
    /// as the base); it supersedes any earlier one.
    CompareStart {
        /// The load of the project it is compared with.
        load: LoadId,
        /// This base's load.
        id: CompareId,
    },
    /// What the base's load is doing.
    CompareProgress {
        /// The load of the project it is compared with.
        load: LoadId,
        /// This base's load.
        id: CompareId,
        /// In words, e.g. `Downloading base/manifest.json: 2.1 MB`.
        what: String,
    },
    /// The base is loaded and analysed: it is compared with the shown project.
    CompareLoaded {
        /// The load of the project it is compared with.
        load: LoadId,
        /// This base's load.
        id: CompareId,
        /// The base.
        base: Rc<Base>,
    },
    /// The base could not be loaded.
    CompareFailed {
        /// The load of the project it is compared with.
        load: LoadId,
        /// This base's load.
        id: CompareId,
        /// The complete message.
        message: String,
    },
    /// Stop comparing (the base is dropped; what its load still reports is ignored).
    CompareClear {
        /// A fresh id: actions of earlier bases are ignored from now on.
        id: CompareId,
    },
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
            | Action::ColumnsResolved { load, .. }
            | Action::RootCausesGrouped { load, .. }
            | Action::Failed { load, .. }
            | Action::CompareStart { load, .. }
            | Action::CompareProgress { load, .. }
            | Action::CompareLoaded { load, .. }
            | Action::CompareFailed { load, .. } => *load,
            Action::SetPolicy(_) | Action::CompareClear { .. } => 0,
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
        if Rc::ptr_eq(&state.policy.current.policy, &policy.current.policy) {
            return Some(AppState { policy, ..state.clone() });
        }
        let head = Rc::new(view.with_policy(&policy.current.policy));
        let compare = match &state.compare {
            Compare::Ready(c) => Compare::Ready(Rc::new(Comparison::new(&c.base, &head))),
            other => other.clone(),
        };
        return Some(AppState { phase: Phase::Ready(head), policy, compare, ..state.clone() });
    }
    if let Action::CompareClear { id } = action {
        return (id > state.compare_id).then(|| AppState { compare: Compare::None, compare_id: id, ..state.clone() });
    }
    if action.load() != state.load {
        return None;
    }
    if let Some(next) = reduce_compare(state, &action) {
        return next;
    }
    if let Action::ColumnsResolved { view: resolved, policy, .. } = action {
        let Phase::Ready(view) = &state.phase else { return None };
        let head = if Rc::ptr_eq(&policy, &state.policy.current.policy) {
            resolved
        } else {
            Rc::new(view.with_columns(resolved.columns.clone(), &state.policy.current.policy))
        };
        let compare = match &state.compare {
            Compare::Ready(c) => Compare::Ready(Rc::new(Comparison::new(&c.base, &head))),
            other => other.clone(),
        };
        return Some(AppState { phase: Phase::Ready(head), compare, ..state.clone() });
    }
    if let Action::RootCausesGrouped { analysis, root_causes, .. } = action {
        let Phase::Ready(view) = &state.phase else { return None };
        if view.analysis != analysis || view.root_causes.ready().is_some() {
            return None;
        }
        let head = Rc::new(view.with_root_causes(root_causes));
        return Some(AppState { phase: Phase::Ready(head), ..state.clone() });
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
        Action::SetPolicy(_)
        | Action::PolicyLoaded { .. }
        | Action::ColumnsResolved { .. }
        | Action::RootCausesGrouped { .. }
        | Action::CompareStart { .. }
        | Action::CompareProgress { .. }
        | Action::CompareLoaded { .. }
        | Action::CompareFailed { .. }
        | Action::CompareClear { .. } => return None,
    };
    Some(AppState { phase, ..state.clone() })
}

/// The state after an action of a base's load (`Some`; its inner `None` when the action
/// changes nothing), or `None` when `action` is not one.
fn reduce_compare(state: &AppState, action: &Action) -> Option<Option<AppState>> {
    let (id, compare) = match action {
        Action::CompareStart { id, .. } => {
            let next = (*id > state.compare_id).then(|| AppState {
                compare: Compare::Loading("Looking for the base…".to_string()),
                compare_id: *id,
                ..state.clone()
            });
            return Some(next);
        }
        Action::CompareProgress { id, what, .. } => (id, Compare::Loading(what.clone())),
        Action::CompareLoaded { id, base, .. } => match &state.phase {
            Phase::Ready(head) => (id, Compare::Ready(Rc::new(Comparison::new(base, head)))),
            _ => (id, Compare::Failed("The base was loaded before the project to compare it with.".to_string())),
        },
        Action::CompareFailed { id, message, .. } => (id, Compare::Failed(message.clone())),
        _ => return None,
    };
    Some((*id == state.compare_id).then(|| AppState { compare, ..state.clone() }))
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

    /// A load shows its overview before the root causes are grouped; they join the view it
    /// shows, unless it was analysed again meanwhile (then grouped already).
    #[wasm_bindgen_test(unsupported = test)]
    fn root_causes_grouped_after_the_first_paint_join_the_view_of_their_analysis_only() {
        let grouped = project();
        let shown =
            Rc::new(ProjectView { root_causes: crate::project_view::RootCauses::Pending, ..(*grouped).clone() });
        let state = apply(
            AppState::default(),
            vec![Action::Start { load: 1 }, Action::Loaded { load: 1, project: shown.clone() }],
        );
        let causes = shown.group_root_causes();
        assert!(!causes.is_empty(), "the small manifest has findings");
        let late = Action::RootCausesGrouped { load: 1, analysis: shown.analysis.clone(), root_causes: causes.clone() };
        let Some(next) = reduce(&state, late.clone()) else { panic!("the root causes are not shown") };
        let Phase::Ready(view) = &next.phase else { panic!("not ready: {:?}", next.phase) };
        assert_eq!(view.root_causes.ready(), Some(&causes[..]));
        assert_eq!(view.root_causes.ready(), grouped.root_causes.ready(), "the same as grouped at once");
        assert_eq!(reduce(&next, late.clone()), None, "grouped once");

        // Analysed again (another policy) before they arrived: they are of another analysis.
        let policy = Rc::new(PolicyState::from_file("p.toml", "[score]\ncritical_cap = 10\n".into()));
        let reanalysed = apply(state, vec![Action::SetPolicy(policy)]);
        assert!(matches!(&reanalysed.phase, Phase::Ready(v) if v.root_causes.ready().is_some()));
        assert_eq!(reduce(&reanalysed, late), None);
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

    fn base_of(view: &ProjectView) -> Rc<Base> {
        Rc::new(Base {
            source: crate::project_view::Source::Directory("base".into()),
            files: view.files.clone(),
            notes: vec![],
            project: view.project.clone(),
            analysis: view.analysis.clone(),
        })
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_base_is_compared_with_the_shown_project_and_again_under_a_new_policy() {
        let head = Rc::new(crate::test_data::demo_view());
        let state = AppState { load: 4, phase: Phase::Ready(head.clone()), ..AppState::default() };
        let state = apply(
            state,
            vec![
                Action::CompareStart { load: 4, id: 1 },
                Action::CompareProgress { load: 4, id: 1, what: "Downloading base/manifest.json".into() },
            ],
        );
        assert_eq!(state.compare, Compare::Loading("Downloading base/manifest.json".into()));
        // The small project as the base: the demo's every model is new.
        let small = project();
        let state = apply(state, vec![Action::CompareLoaded { load: 4, id: 1, base: base_of(&small) }]);
        let c = state.compare.comparison().cloned().unwrap_or_else(|| panic!("compared: {:?}", state.compare));
        assert!(!c.diff.is_empty());
        assert_eq!(c.diff.base.project.as_deref(), Some("clinic"));
        assert_eq!(c.diff.head.nodes, head.analysis.scores.nodes.len());

        // A new policy analyses both sides again, under it.
        let edited = Rc::new(ok(state.policy.edit("[rules]\ndisable = [\"DOC001\"]\n")));
        let next = reduce(&state, Action::SetPolicy(edited.clone())).unwrap_or_else(|| panic!("applied"));
        let again = next.compare.comparison().cloned().unwrap_or_else(|| panic!("still compared"));
        let Phase::Ready(view) = &next.phase else { panic!("ready") };
        assert_eq!(again.base.analysis.phi.policy_hash, view.analysis.phi.policy_hash);
        assert_ne!(again.base.analysis.phi.policy_hash, c.base.analysis.phi.policy_hash);
        assert!(again.diff.findings.new.iter().all(|f| f.finding.rule != "DOC001"));

        // Stale actions of the base's load, or of an older one, change nothing; a clear drops it.
        assert_eq!(reduce(&next, Action::CompareFailed { load: 3, id: 1, message: "late".into() }), None);
        assert_eq!(reduce(&next, Action::CompareStart { load: 4, id: 1 }), None);
        let cleared = apply(next, vec![Action::CompareClear { id: 2 }]);
        assert_eq!(cleared.compare, Compare::None);
        assert_eq!(reduce(&cleared, Action::CompareLoaded { load: 4, id: 1, base: base_of(&small) }), None);
        let failed = apply(
            cleared,
            vec![
                Action::CompareStart { load: 4, id: 3 },
                Action::CompareFailed { load: 4, id: 3, message: "m".into() },
            ],
        );
        assert_eq!(failed.compare, Compare::Failed("m".into()));
        // A new load drops the base.
        assert_eq!(apply(failed, vec![Action::Start { load: 5 }]).compare, Compare::None);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_demo_compared_with_itself_changes_nothing() {
        let head = Rc::new(crate::test_data::demo_view());
        let state = AppState { load: 1, phase: Phase::Ready(head.clone()), ..AppState::default() };
        let state = apply(
            state,
            vec![
                Action::CompareStart { load: 1, id: 9 },
                Action::CompareLoaded { load: 1, id: 9, base: base_of(&head) },
            ],
        );
        let c = state.compare.comparison().cloned().unwrap_or_else(|| panic!("compared"));
        assert!(c.diff.is_empty(), "{}", phi_lens_core::diff::text::render(&c.diff));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_yew_reducer_keeps_the_same_state_for_stale_actions() {
        let state = Rc::new(AppState { load: 3, phase: Phase::Landing, ..AppState::default() });
        let same = Reducible::reduce(state.clone(), Action::NothingFound { load: 2 });
        assert!(Rc::ptr_eq(&state, &same));
    }
}

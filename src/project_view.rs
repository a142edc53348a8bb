//! The loaded project as the app's pages read it ([`ProjectView`]): the core's summary and
//! analysis, computed once per load (and again when the policy changes), with the indexes the
//! pages look things up in. (The core's `views` module is something else: layouts, such as the
//! lineage graph's, that every UI draws.)
//!
//! Components render these values as they are; no counting or classifying happens in `html!`.
//! Nothing here imports yew, so all of it is tested natively.

pub mod index;

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Deref;
use std::rc::Rc;

use phi_lens_core::columns::{lineage_of, ColumnLineage};
use phi_lens_core::model::Project;
use phi_lens_core::report::{fingerprints_hashed, InputFingerprint};
use phi_lens_core::root_causes::{root_causes, RootCause};
use phi_lens_core::Sequential;
use phi_lens_core::{
    analyse_with_columns, load_steps, load_warnings, schema_versions, Analysis, ArtifactKind, ArtifactSet, Loaded,
    Policy, Summary, Warning,
};

pub use index::Index;

/// A value shared by the state and the pages, compared by identity: comparing two analyses of
/// a 12,000-node project field by field on every render would cost more than rendering.
pub struct Shared<T>(pub Rc<T>);

impl<T> Shared<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Shared<{}>@{:p}", std::any::type_name::<T>(), Rc::as_ptr(&self.0))
    }
}

/// The [`Index`] of a project and its analysis, built the first time it is read (it derefs
/// to it). The overview does not read it: a load shows the overview, then builds it
/// ([`LazyIndex::build`]) before the user can open a list.
pub struct LazyIndex {
    project: Shared<Project>,
    analysis: Shared<Analysis>,
    index: std::cell::OnceCell<Index>,
}

impl LazyIndex {
    /// The index of `project` analysed as `analysis`, not built yet.
    pub fn new(project: &Shared<Project>, analysis: &Shared<Analysis>) -> Shared<LazyIndex> {
        Shared::new(LazyIndex { project: project.clone(), analysis: analysis.clone(), index: Default::default() })
    }

    /// Builds the index now, unless it is built.
    pub fn build(&self) -> &Index {
        self.index.get_or_init(|| Index::build(&self.project, &self.analysis))
    }
}

impl Deref for LazyIndex {
    type Target = Index;
    fn deref(&self) -> &Index {
        self.build()
    }
}

impl PartialEq for LazyIndex {
    fn eq(&self, other: &Self) -> bool {
        self.build() == other.build()
    }
}

impl fmt::Debug for LazyIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LazyIndex(built: {})", self.index.get().is_some())
    }
}

/// How many warnings the page lists; the rest are counted.
pub const WARNINGS_SHOWN: usize = 200;

/// Where the artifacts of the loaded project came from, shown above the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Downloaded from this directory (a URL relative to the page).
    Directory(String),
    /// Files the user dropped or picked.
    Files,
    /// The demo project built into the app.
    Demo,
}

impl Source {
    /// A sentence naming the source, e.g. `Artifacts from ../`.
    pub fn describe(&self) -> String {
        match self {
            Source::Directory(dir) => format!("Artifacts downloaded from {dir}"),
            Source::Files => "Artifacts read from the files you chose".to_string(),
            Source::Demo => "The built-in demo project (a fictional clinic; no real patient data)".to_string(),
        }
    }
}

/// A loaded project, as the summary page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectView {
    /// The core's summary.
    pub summary: Summary,
    /// The schema version of each artifact given (`manifest` → `v12`…).
    pub schema_versions: BTreeMap<String, Option<String>>,
    /// The files that were read, in load order.
    pub files: Vec<String>,
    /// Where they came from.
    pub source: Source,
    /// Notes about the loading itself (a file skipped, an optional artifact that failed to download).
    pub notes: Vec<String>,
    /// The loaded project.
    pub project: Shared<Project>,
    /// The input files as evidence: names, sizes, SHA-256, dbt version, generated_at.
    pub inputs: Vec<InputFingerprint>,
    /// What was noticed about the inputs ([`phi_lens_core::load_warnings`]): in the summary and
    /// in the exported evidence, as the CLI's.
    pub warnings: Vec<Warning>,
    /// The analysis under the policy in force (`analysis.phi.policy`).
    pub analysis: Shared<Analysis>,
    /// Lookups and list rows derived from the project and its analysis, built on first use.
    pub index: Shared<LazyIndex>,
    /// The findings grouped by root cause, the riskiest first (the core's `root_causes`), once
    /// grouped.
    pub root_causes: RootCauses,
    /// Column-level lineage from the models' compiled SQL, once resolved; the analysis above
    /// uses it then (as `phi-lens check` does).
    pub columns: ColumnState,
}

/// The findings of a view grouped by root cause. A load shows the overview first and groups
/// them after its first paint (`Action::RootCausesGrouped`): the first screen does not wait
/// for them (on spellbook's 28,000 findings, 0.2-0.4 s in the browser). Every other view (a
/// policy changed, column lineage resolved) groups them at once.
#[derive(Debug, Clone, PartialEq)]
pub enum RootCauses {
    /// Not grouped yet (the overview says so).
    Pending,
    /// Grouped, the riskiest first.
    Ready(Shared<Vec<RootCause>>),
}

impl RootCauses {
    /// The root causes, when grouped.
    pub fn ready(&self) -> Option<&[RootCause]> {
        match self {
            RootCauses::Ready(causes) => Some(causes),
            RootCauses::Pending => None,
        }
    }
}

/// Where the column-level lineage of a project stands.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnState {
    /// No model carries compiled SQL: PHI is inherited node by node, as in the CLI.
    NoCompiledSql,
    /// The project is shown with node-level inheritance while the compiled SQL is resolved
    /// (after the first paint); the evidence export waits for it.
    Pending,
    /// Resolved: the analysis follows PHI along column edges.
    Ready(Shared<ColumnLineage>),
    /// The compiled SQL could not be read (the core's message): node-level inheritance stays.
    Failed(String),
}

impl ColumnState {
    /// The lineage, when resolved.
    pub fn lineage(&self) -> Option<&ColumnLineage> {
        match self {
            ColumnState::Ready(l) => Some(l),
            _ => None,
        }
    }
}

impl ProjectView {
    /// The warnings listed on the page (at most [`WARNINGS_SHOWN`]).
    pub fn warnings_shown(&self) -> &[String] {
        let n = self.summary.warnings.len().min(WARNINGS_SHOWN);
        &self.summary.warnings[..n]
    }

    /// How many warnings are not listed.
    pub fn warnings_hidden(&self) -> usize {
        self.summary.warnings.len().saturating_sub(WARNINGS_SHOWN)
    }

    /// The project name, or a placeholder when the manifest has none.
    pub fn project_name(&self) -> &str {
        self.summary.project_name.as_deref().unwrap_or("(unnamed project)")
    }

    /// The policy in force.
    pub fn policy(&self) -> &Policy {
        &self.analysis.phi.policy
    }

    /// The same project analysed under another policy (the load itself is not repeated).
    pub fn with_policy(&self, policy: &Policy) -> ProjectView {
        let analysis = Shared::new(analyse_with_columns(&self.project, policy, self.columns.lineage(), &Sequential));
        let index = LazyIndex::new(&self.project, &analysis);
        let root_causes = RootCauses::Ready(Shared::new(root_causes(&self.project, &analysis)));
        ProjectView { analysis, index, root_causes, ..self.clone() }
    }

    /// The root causes of this view's analysis, grouped (the core's `root_causes`).
    pub fn group_root_causes(&self) -> Shared<Vec<RootCause>> {
        Shared::new(root_causes(&self.project, &self.analysis))
    }

    /// The view with its root causes, as [`ProjectView::group_root_causes`] gave them.
    pub fn with_root_causes(&self, causes: Shared<Vec<RootCause>>) -> ProjectView {
        ProjectView { root_causes: RootCauses::Ready(causes), ..self.clone() }
    }

    /// The root causes: as grouped, or grouped now when they are not yet (a page that lists
    /// them all, opened before the load grouped them).
    pub fn root_causes_now(&self) -> std::borrow::Cow<'_, [RootCause]> {
        match self.root_causes.ready() {
            Some(causes) => std::borrow::Cow::Borrowed(causes),
            None => std::borrow::Cow::Owned(root_causes(&self.project, &self.analysis)),
        }
    }

    /// The view once its column lineage is resolved (or failed), analysed again under `policy`.
    pub fn with_columns(&self, columns: ColumnState, policy: &Policy) -> ProjectView {
        ProjectView { columns, ..self.clone() }.with_policy(policy)
    }

    /// The view with its column lineage and the analysis already redone with it (by
    /// [`crate::loading::columns`], in steps): what [`ProjectView::with_columns`] computes.
    pub fn with_analysed(&self, columns: ColumnState, analysis: Analysis, root_causes: Vec<RootCause>) -> ProjectView {
        let analysis = Shared::new(analysis);
        let index = LazyIndex::new(&self.project, &analysis);
        ProjectView {
            columns,
            analysis,
            index,
            root_causes: RootCauses::Ready(Shared::new(root_causes)),
            ..self.clone()
        }
    }
}

/// Resolves the column lineage of `project` from the compiled SQL in `set`, as the CLI does.
pub fn resolve_columns(set: &ArtifactSet, project: &Project) -> ColumnState {
    match lineage_of(set, project) {
        Ok(Some(lineage)) => ColumnState::Ready(Shared::new(lineage)),
        Ok(None) => ColumnState::NoCompiledSql,
        Err(e) => ColumnState::Failed(e.to_string()),
    }
}

/// Loads the project from the artifacts, analyses it under the default policy and computes
/// its view-model.
///
/// The error is the core's complete message, naming the file and the place in it.
pub fn build_project_view(set: &ArtifactSet, source: Source, notes: Vec<String>) -> Result<ProjectView, String> {
    build_project_view_under(set, source, notes, &Policy::default())
}

/// [`build_project_view`] under `policy` (the `phi-lens.toml` that came with the artifacts).
pub fn build_project_view_under(
    set: &ArtifactSet,
    source: Source,
    notes: Vec<String>,
    policy: &Policy,
) -> Result<ProjectView, String> {
    let mut parsed = Parsed::new(set)?;
    parsed.fingerprint(set, &[]);
    parsed.columns = resolve_columns(set, parsed.project());
    let analysis = parsed.analyse(policy);
    let view = parsed.into_view(source, notes, analysis);
    Ok(view.with_root_causes(view.group_root_causes()))
}

/// A project loaded but not yet analysed: the steps of [`build_project_view_under`] one by
/// one, for a loader that lets the page paint (and say what it is doing) between them.
pub struct Parsed {
    project: Project,
    /// The column lineage: `Pending` when the project has compiled SQL not yet resolved.
    pub columns: ColumnState,
    summary: Summary,
    files: Vec<String>,
    inputs: Vec<InputFingerprint>,
    warnings: Vec<Warning>,
}

impl Parsed {
    /// Loads the project (the core's complete message on error). Nothing borrows from `set`
    /// afterwards: once [`Parsed::fingerprint`] has read its inputs, the caller may drop it.
    ///
    /// The manifest is parsed as the page's load parses it, by the core's [`load_steps`] (the
    /// same project as [`phi_lens_core::load_project`]): the demo's warm-up runs it so that V8
    /// has optimised those very functions before the page's own parse.
    pub fn new(set: &ArtifactSet) -> Result<Parsed, String> {
        let loaded = load_steps(set).and_then(|steps| steps.finish()).map_err(|e| e.to_string())?;
        Ok(Parsed::from_loaded(set, loaded))
    }

    /// The project `loaded` from `set`, as [`Parsed::new`] gives it.
    pub fn from_loaded(set: &ArtifactSet, loaded: Loaded) -> Parsed {
        let warnings = load_warnings(set, &loaded);
        let project = loaded.project;
        let columns = if project.nodes.iter().any(|n| n.has_compiled_sql) {
            ColumnState::Pending
        } else {
            ColumnState::NoCompiledSql
        };
        Parsed {
            columns,
            summary: Summary::new(&project, &warnings),
            files: set.iter().map(|(_, input)| input.name.clone()).collect(),
            inputs: Vec::new(),
            warnings,
            project,
        }
    }

    /// Fingerprints the inputs of `set` (the one given to [`Parsed::new`]): the core's
    /// [`fingerprints_hashed`], with the SHA-256 of those in `hashes` (`sha256:<hex>`, e.g.
    /// computed by the browser) and computed here for the others.
    pub fn fingerprint(&mut self, set: &ArtifactSet, hashes: &[(ArtifactKind, String)]) {
        self.inputs = fingerprints_hashed(set, &self.project, hashes);
    }

    /// The loaded project.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The core's analysis under `policy`.
    pub fn analyse(&self, policy: &Policy) -> Analysis {
        analyse_with_columns(&self.project, policy, self.columns.lineage(), &Sequential)
    }

    /// The project as a base to compare the shown one with ([`crate::compare::Base`]).
    pub fn into_base(self, source: Source, notes: Vec<String>, analysis: Analysis) -> crate::compare::Base {
        crate::compare::Base {
            source,
            files: self.files,
            notes,
            project: Shared::new(self.project),
            analysis: Shared::new(analysis),
        }
    }

    /// The view-model, with the lookups the pages need built from `analysis`; its root causes
    /// are not grouped yet ([`ProjectView::group_root_causes`]).
    pub fn into_view(self, source: Source, notes: Vec<String>, analysis: Analysis) -> ProjectView {
        let project = Shared::new(self.project);
        let analysis = Shared::new(analysis);
        ProjectView {
            summary: self.summary,
            schema_versions: schema_versions(&project),
            files: self.files,
            source,
            notes,
            inputs: self.inputs,
            warnings: self.warnings,
            index: LazyIndex::new(&project, &analysis),
            root_causes: RootCauses::Pending,
            columns: self.columns,
            project,
            analysis,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use phi_lens_core::Input;
    use wasm_bindgen_test::wasm_bindgen_test;

    use crate::test_data::{ok, SMALL_MANIFEST};

    fn manifest_set(bytes: &[u8]) -> ArtifactSet {
        let mut set = ArtifactSet::default();
        set.insert(ArtifactKind::Manifest, Input::new("manifest.json", bytes.to_vec()));
        set
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn builds_the_view_of_a_small_manifest() {
        let view = ok(build_project_view(&manifest_set(SMALL_MANIFEST), Source::Files, vec![]));
        assert_eq!(view.project_name(), "clinic");
        assert_eq!(view.summary.dbt_version.as_deref(), Some("1.9.0"));
        assert_eq!(view.summary.counts.get("model"), Some(&1));
        assert_eq!(view.schema_versions.get("manifest"), Some(&Some("v12".to_string())));
        assert_eq!(view.files, vec!["manifest.json".to_string()]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_steps_give_the_view_of_one_call_with_the_cores_fingerprints() {
        let set = manifest_set(SMALL_MANIFEST);
        let whole = ok(build_project_view(&set, Source::Files, vec![]));
        assert_eq!(whole.inputs, phi_lens_core::report::fingerprints(&set, &whole.project));
        let mut parsed = ok(Parsed::new(&set));
        let given = vec![(ArtifactKind::Manifest, whole.inputs[0].sha256.clone())];
        parsed.fingerprint(&set, &given);
        let analysis = parsed.analyse(&Policy::default());
        let stepped = parsed.into_view(Source::Files, vec![], analysis);
        assert_eq!(stepped.inputs, whole.inputs);
        assert_eq!(stepped.summary, whole.summary);
        assert_eq!(*stepped.analysis, *whole.analysis);
        assert_eq!(*stepped.index, *whole.index);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_broken_manifest_gives_the_cores_message() {
        let err = build_project_view(&manifest_set(b"{\"metadata\": "), Source::Files, vec![]).err();
        let err = err.unwrap_or_default();
        assert!(err.starts_with("manifest.json: "), "{err}");
        assert!(err.contains("truncated"), "{err}");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn lists_at_most_the_shown_warnings() {
        let mut view = ok(build_project_view(&manifest_set(SMALL_MANIFEST), Source::Demo, vec![]));
        view.summary.warnings = (0..WARNINGS_SHOWN + 3).map(|i| format!("w{i}")).collect();
        assert_eq!(view.warnings_shown().len(), WARNINGS_SHOWN);
        assert_eq!(view.warnings_hidden(), 3);
    }
}

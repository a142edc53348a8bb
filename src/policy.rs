//! The policy in force (`phi-lens.toml`), where it came from, and how it changes: a file
//! beside the artifacts or among the dropped files, the built-in default, or text edited in
//! the page (`#/policy`). Plain Rust, tested natively; the reducer keeps one [`PolicyState`]
//! and re-analyses the shown project when its policy changes.
//!
//! A file that cannot be parsed does not stop the load, unlike the CLI (which exits with
//! code 2): the project is shown under the default policy, and the page says so on every view
//! until the file is fixed (in the file, or in the policy view).

use std::rc::Rc;

use phi_lens_core::model::Project;
use phi_lens_core::rules::validate_policy;
use phi_lens_core::Policy;

/// The policy file's name, looked up beside the artifacts as the CLI does.
pub use phi_lens_core::policy::POLICY_FILE_NAME as FILE_NAME;

/// Where a policy came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// No policy file: the built-in default.
    Default,
    /// A policy file: its URL (downloaded beside the artifacts) or its name (dropped or picked).
    File(String),
    /// Text edited and applied in the policy view.
    Edited,
}

/// A policy, its TOML text and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyText {
    /// Where it came from.
    pub origin: Origin,
    /// The TOML: the file's text, the text applied in the editor, or the default written out.
    pub text: String,
    /// The parsed policy, which the analysis runs under: normalised when read from TOML; the
    /// default as the core builds it, so that findings word its lists as the CLI's do.
    pub policy: Rc<Policy>,
}

impl PolicyText {
    /// The built-in default, written out as TOML by the core.
    pub fn default_policy() -> PolicyText {
        let policy = Policy::default();
        PolicyText { origin: Origin::Default, text: policy.to_toml(), policy: Rc::new(policy) }
    }

    /// Parses `text`; the error is the core's message, which names the line, the column and
    /// the unknown key.
    pub fn parse(origin: Origin, text: String) -> Result<PolicyText, String> {
        let policy = Policy::from_toml(&text).map_err(|e| e.to_string())?;
        Ok(PolicyText { origin, text, policy: Rc::new(policy) })
    }
}

/// A policy file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    /// The file's URL or name.
    pub file: String,
    /// Its text (empty when it could not be read at all), for fixing it in the editor.
    pub text: String,
    /// What is wrong, naming the file, the line and the column.
    pub message: String,
}

/// The policy in force, what the load gave, and the problem with a policy file, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyState {
    /// The policy the shown project is analysed under.
    pub current: PolicyText,
    /// The policy the artifacts came with (their file, or the default): "Reset" returns to it.
    pub loaded: PolicyText,
    /// A policy file that could not be parsed or read; the default is in force instead.
    pub problem: Option<FileProblem>,
}

impl Default for PolicyState {
    fn default() -> Self {
        let policy = PolicyText::default_policy();
        PolicyState { current: policy.clone(), loaded: policy, problem: None }
    }
}

impl PolicyState {
    /// The state after reading the policy file `file`: its policy, or the default and the
    /// problem when it does not parse.
    pub fn from_file(file: &str, text: String) -> PolicyState {
        PolicyState::default().with_file(file, text)
    }

    /// The state after reading the policy file `file` while this one is in force: the file's
    /// policy (and the one "Reset" returns to), or, when it does not parse, this policy still
    /// in force and the problem.
    pub fn with_file(&self, file: &str, text: String) -> PolicyState {
        match PolicyText::parse(Origin::File(file.to_string()), text.clone()) {
            Ok(policy) => PolicyState { current: policy.clone(), loaded: policy, problem: None },
            Err(e) => self.with_problem(FileProblem { file: file.to_string(), message: invalid(file, &e), text }),
        }
    }

    /// The same policy in force, and `problem` reported.
    pub fn with_problem(&self, problem: FileProblem) -> PolicyState {
        PolicyState { problem: Some(problem), ..self.clone() }
    }

    /// Applies text edited in the page; the error (line, column, key) leaves this state in
    /// force. A problem with the loaded file is settled once a policy is applied.
    pub fn edit(&self, text: &str) -> Result<PolicyState, String> {
        let current = PolicyText::parse(Origin::Edited, text.to_string())?;
        Ok(PolicyState { current, loaded: self.loaded.clone(), problem: None })
    }

    /// What is wrong with the policy in force as applied to `project` (a rule or package it
    /// names that does not exist, a grade bound or weight out of range: the core's
    /// [`validate_policy`]), one line per problem as the CLI words them; `None` when it applies.
    pub fn problem_with(&self, project: &Project) -> Option<FileProblem> {
        let problems = validate_policy(&self.current.policy, project);
        if problems.is_empty() {
            return None;
        }
        let file = match &self.current.origin {
            Origin::File(file) => file.clone(),
            Origin::Edited => "the edited policy".to_string(),
            Origin::Default => "the default policy".to_string(),
        };
        let lines: Vec<String> = problems.iter().map(|p| invalid(&file, &p.to_string())).collect();
        Some(FileProblem { file, text: self.current.text.clone(), message: lines.join("\n") })
    }

    /// This state, the load's policy checked against the project it came with: when it does
    /// not apply, the default is in force instead and the problem is shown, as for a file that
    /// does not parse.
    pub fn for_project(self, project: &Project) -> PolicyState {
        match self.problem_with(project) {
            Some(problem) => PolicyState::default().with_problem(problem),
            None => self,
        }
    }

    /// The policy the artifacts came with, in force again.
    pub fn reset(&self) -> PolicyState {
        PolicyState { current: self.loaded.clone(), ..self.clone() }
    }

    /// The text the editor starts from: the broken file's when it could not be parsed (to
    /// fix it in place), else the policy in force.
    pub fn editor_text(&self) -> &str {
        match &self.problem {
            Some(problem) if self.current == self.loaded && !problem.text.is_empty() => &problem.text,
            _ => &self.current.text,
        }
    }

    /// One sentence saying where the policy in force came from.
    pub fn describe(&self) -> String {
        let loaded = match (&self.loaded.origin, &self.problem) {
            (_, Some(problem)) if self.loaded.origin == Origin::Default => {
                format!("the default policy, because {} could not be used", problem.file)
            }
            (Origin::File(file), _) => format!("the policy file {file}"),
            _ => format!("the default policy (no {FILE_NAME} was found beside the artifacts)"),
        };
        match self.current.origin {
            Origin::Edited => format!("Edited in this page (the artifacts came with {loaded})."),
            _ => format!("{}.", capitalise(&loaded)),
        }
    }
}

/// The message for a policy file that does not parse, as the CLI words it.
pub fn invalid(file: &str, error: &str) -> String {
    format!("{file}: invalid policy: {error}")
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Whether a dropped or picked file is a policy rather than an artifact: any `.toml` (a
/// file chosen by hand, like the CLI's `--policy`, need not be called `phi-lens.toml`).
pub fn is_policy_file(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".toml")
}

/// "71.2 → 74.0 (+2.8)": the project score before and after a change of policy.
pub fn score_change(before: f64, after: f64) -> String {
    let (before, after) = ((before * 10.0).round() / 10.0, (after * 10.0).round() / 10.0);
    let delta = after - before;
    if delta == 0.0 {
        format!("{before:.1} (unchanged)")
    } else {
        format!("{before:.1} → {after:.1} ({delta:+.1})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn a_file_that_parses_is_in_force_and_is_what_reset_returns_to() {
        let state = PolicyState::from_file("target/phi-lens.toml", "[score]\ncritical_cap = 10\n".into());
        assert_eq!(state.current.policy.score.critical_cap, 10);
        assert_eq!(state.current.origin, Origin::File("target/phi-lens.toml".into()));
        assert_eq!(state.loaded, state.current);
        assert_eq!(state.problem, None);
        assert_eq!(state.describe(), "The policy file target/phi-lens.toml.");
        assert_eq!(state.editor_text(), "[score]\ncritical_cap = 10\n");

        let edited = state.edit("[rules]\ndisable = [\"DOC001\"]\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(edited.current.origin, Origin::Edited);
        assert_eq!(edited.current.policy.score.critical_cap, 40, "an edit replaces the whole file");
        assert_eq!(
            edited.describe(),
            "Edited in this page (the artifacts came with the policy file target/phi-lens.toml)."
        );
        assert_eq!(edited.reset(), state);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_broken_file_leaves_the_default_in_force_and_says_where_it_is_wrong() {
        let text = "[score]\ncritical_cap = 10\ncolour = 1\n".to_string();
        let state = PolicyState::from_file("phi-lens.toml", text.clone());
        assert_eq!(state.current, PolicyText::default_policy());
        let problem = state.problem.clone().unwrap_or_else(|| panic!("a problem"));
        assert!(problem.message.starts_with("phi-lens.toml: invalid policy: "), "{}", problem.message);
        assert!(
            problem.message.contains("line 3, column 1") && problem.message.contains("colour"),
            "{}",
            problem.message
        );
        assert_eq!(state.editor_text(), text, "the editor starts from the broken file, to fix it");
        assert_eq!(state.describe(), "The default policy, because phi-lens.toml could not be used.");
        // Fixed in the page: the problem is settled.
        let fixed = state.edit("[score]\ncritical_cap = 10\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(fixed.problem, None);
        assert_eq!(fixed.editor_text(), "[score]\ncritical_cap = 10\n");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_broken_file_dropped_later_keeps_the_policy_in_force() {
        let state = PolicyState::from_file("a.toml", "[score]\ncritical_cap = 10\n".into());
        let after = state.with_file("b.toml", "[score]\ncritical_cap = \"x\"\n".into());
        assert_eq!(after.current, state.current);
        assert_eq!(after.loaded, state.loaded);
        assert!(after
            .problem
            .is_some_and(|p| p.message.starts_with("b.toml: invalid policy: ") && p.message.contains("line 2")));
        let err = state.edit("[rules]\nnope = 1\n").err().unwrap_or_default();
        assert!(err.contains("line 2, column 1") && err.contains("nope"), "{err}");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_policy_naming_what_the_project_lacks_is_a_problem_and_the_default_applies() {
        let mut set = phi_lens_core::ArtifactSet::default();
        set.insert(
            phi_lens_core::ArtifactKind::Manifest,
            phi_lens_core::Input::new("manifest.json", crate::test_data::SMALL_MANIFEST.to_vec()),
        );
        let project = phi_lens_core::load_project(&set).map(|l| l.project).unwrap_or_default();
        let text = "[rules]\ndisable = [\"PHI999\"]\npackages = [\"clinc\"]\n".to_string();
        let state = PolicyState::from_file("target/phi-lens.toml", text.clone());
        assert_eq!(state.problem, None, "it parses");
        let checked = state.for_project(&project);
        assert_eq!(checked.current, PolicyText::default_policy(), "the default applies instead");
        let problem = checked.problem.clone().unwrap_or_else(|| panic!("a problem"));
        assert_eq!(problem.file, "target/phi-lens.toml");
        assert_eq!(problem.text, text, "the editor starts from the file, to fix it");
        let lines: Vec<&str> = problem.message.lines().collect();
        assert_eq!(lines.len(), 2, "{}", problem.message);
        assert!(
            lines[0].starts_with("target/phi-lens.toml: invalid policy: [rules] disable: `PHI999` is not a rule"),
            "{}",
            lines[0]
        );
        assert!(lines[1].contains("[rules] packages: `clinc` is not a package of this project"), "{}", lines[1]);
        assert_eq!(PolicyState::default().for_project(&project), PolicyState::default());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_default_is_the_cores_default_written_out() {
        let state = PolicyState::default();
        assert_eq!(*state.current.policy, Policy::default(), "as the CLI uses it without a file");
        assert_eq!(Policy::from_toml(&state.current.text).ok(), Some(Policy::default().normalised()));
        assert_eq!(state.describe(), "The default policy (no phi-lens.toml was found beside the artifacts).");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn recognises_policy_files_and_words_score_changes() {
        assert!(is_policy_file("phi-lens.toml") && is_policy_file("Team-Policy.TOML"));
        assert!(!is_policy_file("manifest.json") && !is_policy_file("toml"));
        assert_eq!(score_change(71.24, 74.0), "71.2 → 74.0 (+2.8)");
        assert_eq!(score_change(80.0, 79.96), "80.0 (unchanged)");
        assert_eq!(score_change(80.0, 60.0), "80.0 → 60.0 (-20.0)");
    }
}

//! The policy view (`#/policy`): the policy in force as `phi-lens.toml` text in a labelled
//! textarea, where it came from, its hash and the project score. "Apply" (or Ctrl+Enter)
//! parses the text: an error (line, column, key) is shown and the policy in force stays; a
//! policy that parses is put in force and every view is rescored. "Download phi-lens.toml"
//! saves the text as typed; "Reset" returns to the policy the artifacts came with.
//!
//! [`PolicyProblem`] is the note, shown on every view, that a policy file could not be used.

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::download;
use crate::pages::use_ctx;
use crate::policy::{score_change, Origin, PolicyState, FILE_NAME};
use crate::route::Route;

/// What the last click did, shown under the buttons.
#[derive(Clone, PartialEq)]
enum Outcome {
    /// A policy was put in force; the project score before it.
    Applied { before: f64, what: &'static str },
    /// The text did not parse: the core's message (line, column, key).
    Invalid(String),
    /// The text was saved as a file.
    Downloaded,
    /// The browser refused to save the file.
    DownloadFailed,
}

/// The policy view.
#[function_component(PolicyPage)]
pub(crate) fn policy_page() -> Html {
    let ctx = use_ctx();
    let policy = ctx.as_ref().map(|c| c.policy.clone()).unwrap_or_default();
    let draft = use_state(|| policy.editor_text().to_string());
    let outcome = use_state(|| None::<Outcome>);
    // A policy put in force elsewhere (a file dropped on the page) replaces the text.
    {
        let draft = draft.clone();
        use_effect_with(policy.clone(), move |policy| draft.set(policy.editor_text().to_string()));
    }
    let Some(ctx) = ctx else { return html! {} };
    let scores = &ctx.view.analysis.scores;
    let score = scores.project_score;

    let apply = {
        let (draft, outcome, set_policy, policy) =
            (draft.clone(), outcome.clone(), ctx.set_policy.clone(), policy.clone());
        let project = ctx.view.project.clone();
        let checked = move |text: &str| {
            let next = policy.edit(text)?;
            match next.problem_with(&project) {
                Some(problem) => Err(problem.message),
                None => Ok(next),
            }
        };
        Rc::new(move || match checked(&draft) {
            Ok(next) => {
                set_policy.emit(Rc::new(next));
                outcome.set(Some(Outcome::Applied { before: score, what: "Applied" }));
            }
            Err(message) => outcome.set(Some(Outcome::Invalid(message))),
        })
    };
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
                draft.set(area.value());
            }
        })
    };
    let onkeydown = {
        let apply = apply.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                apply();
            }
        })
    };
    let on_apply = Callback::from(move |_: MouseEvent| apply());
    let on_download = {
        let (draft, outcome) = (draft.clone(), outcome.clone());
        Callback::from(move |_: MouseEvent| {
            let saved = download(FILE_NAME, draft.as_bytes());
            outcome.set(Some(if saved.is_ok() { Outcome::Downloaded } else { Outcome::DownloadFailed }));
        })
    };
    let on_reset = {
        let (draft, outcome, set_policy, policy) =
            (draft.clone(), outcome.clone(), ctx.set_policy.clone(), policy.clone());
        Callback::from(move |_: MouseEvent| {
            let reset = policy.reset();
            draft.set(reset.editor_text().to_string());
            set_policy.emit(Rc::new(reset));
            outcome.set(Some(Outcome::Applied { before: score, what: "Reset to the loaded policy" }));
        })
    };

    let invalid = matches!(&*outcome, Some(Outcome::Invalid(_)));
    let unapplied = *draft != policy.current.text;
    let status = match &*outcome {
        Some(Outcome::Applied { before, what }) => {
            format!("{what}. Project score {}; every view is rescored.", score_change(*before, score))
        }
        Some(Outcome::Downloaded) => format!("Saved as {FILE_NAME} (the text as it is in the box)."),
        Some(Outcome::DownloadFailed) => "The browser did not save the file.".to_string(),
        _ => String::new(),
    };

    html! {
        <div class="policy-view">
            <h1 tabindex="-1">{ "Policy" }<span class="kind">{ format!(" · {FILE_NAME}") }</span></h1>
            <p data-testid="policy-origin">{ policy.describe() }</p>
            <dl class="facts">
                <dt>{ "Policy hash" }</dt>
                <dd><code class="hash" data-testid="policy-page-hash">{ &ctx.view.analysis.phi.policy_hash }</code></dd>
                <dt>{ "Project score" }</dt>
                <dd data-testid="policy-page-score">{ format!("{score:.1} / 100, grade {}", scores.project_grade) }</dd>
            </dl>

            <section aria-labelledby="policy-edit-title">
                <h2 id="policy-edit-title">{ "Edit the policy" }</h2>
                <p id="policy-help" class="muted">
                    { "Every key is optional and takes its default when left out; an unknown key is an error. " }
                    { "Apply (or Ctrl+Enter in the box) puts the text in force and rescores every view; text that does not parse is not applied. " }
                    { "Nothing leaves this browser tab. " }
                    { "To use the policy with the phi-lens command line, download it and save it beside dbt's target/ folder." }
                </p>
                <label for="policy-text" class="policy-label">{ format!("The policy ({FILE_NAME}, TOML)") }</label>
                <textarea
                    id="policy-text"
                    class="policy-text"
                    data-testid="policy-editor"
                    rows="24"
                    spellcheck="false"
                    autocomplete="off"
                    aria-describedby="policy-help policy-error"
                    aria-invalid={invalid.then_some("true")}
                    value={(*draft).clone()}
                    {oninput}
                    {onkeydown}
                />
                <pre class="policy-print" aria-hidden="true">{ (*draft).clone() }</pre>
                if unapplied && !invalid {
                    <p class="muted small" data-testid="policy-unapplied">{ "The text differs from the policy in force: Apply to use it." }</p>
                }
                <div class="policy-actions">
                    <button type="button" data-testid="policy-apply" onclick={on_apply}>{ "Apply" }</button>
                    <button type="button" data-testid="policy-download" onclick={on_download}>{ format!("Download {FILE_NAME}") }</button>
                    <button type="button" data-testid="policy-reset" onclick={on_reset}>{ "Reset to the loaded policy" }</button>
                </div>
                <div id="policy-error" class="policy-error" role="alert" data-testid="policy-error">
                    if let Some(Outcome::Invalid(message)) = &*outcome {
                        <p><strong>{ "Not applied:" }</strong>{ " the text does not parse, so the policy in force is unchanged." }</p>
                        <pre>{ message }</pre>
                    }
                </div>
                <p class="policy-status" role="status" data-testid="policy-status">{ status }</p>
            </section>
        </div>
    }
}

/// Props of [`PolicyProblem`].
#[derive(Properties, PartialEq)]
pub(crate) struct PolicyProblemProps {
    /// The policy state.
    pub policy: Rc<PolicyState>,
}

/// The note that a policy file could not be used, with the error (file, line, column) and
/// what is in force instead; nothing when there is no problem.
#[function_component(PolicyProblem)]
pub(crate) fn policy_problem(props: &PolicyProblemProps) -> Html {
    let Some(problem) = &props.policy.problem else { return html! {} };
    let instead = if props.policy.current.origin == Origin::Default {
        "the project is analysed under the default policy"
    } else {
        "the policy in force is unchanged"
    };
    html! {
        <div class="policy-problem" role="alert" data-testid="policy-problem">
            <p>
                <strong>{ format!("{} could not be used", problem.file) }</strong>
                { format!(": {instead}. The phi-lens command line stops on this file (exit code 2). ") }
                <a href={Route::Policy.href()}>{ "Fix it in the policy view" }</a>
                { " or drop a corrected file." }
            </p>
            <pre>{ &problem.message }</pre>
        </div>
    }
}

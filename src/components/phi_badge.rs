//! The PHI badge (`data-testid="phi-badge"`): the status word and the Safe Harbor categories by
//! name (the letters as detail), with `data-phi-status` and `data-phi-category` for tests; colour only repeats them.

use phi_lens_core::phi::{SafeHarbor, Status};
use yew::prelude::*;

use phi_lens_core::views::first_screen::phi_badge_words;

/// Props of [`PhiBadge`].
#[derive(Properties, PartialEq)]
pub(crate) struct PhiBadgeProps {
    /// The status.
    pub status: Status,
    /// The identifiers (one for a column, every letter for a node).
    #[prop_or_default]
    pub categories: Vec<SafeHarbor>,
}

/// `declared · medical record numbers`, the letters (`H`) as detail.
#[function_component(PhiBadge)]
pub(crate) fn phi_badge(props: &PhiBadgeProps) -> Html {
    let (words, letters) = phi_badge_words(props.status, &props.categories);
    let title = match props.categories.as_slice() {
        [] => String::new(),
        cats => cats.iter().map(|c| format!("{}: {}", c.letter(), c.name())).collect::<Vec<_>>().join("; "),
    };
    html! {
        <span
            class={classes!("badge", "phi", format!("phi-{}", props.status.as_str()))}
            data-testid="phi-badge"
            data-phi-status={props.status.as_str()}
            data-phi-category={letters.clone()}
            title={(!title.is_empty()).then_some(title)}
        >
            <span class="visually-hidden">{ "PHI status: " }</span>
            { words }
            if !letters.is_empty() {
                <span class="letters">{ format!(" ({letters})") }</span>
            }
        </span>
    }
}

/// Props of [`ScoreBadge`].
#[derive(Properties, PartialEq)]
pub(crate) struct ScoreBadgeProps {
    /// 0–100.
    pub score: u32,
    /// Letter grade.
    pub grade: char,
}

/// `85 B`, the grade in text and in the class.
#[function_component(ScoreBadge)]
pub(crate) fn score_badge(props: &ScoreBadgeProps) -> Html {
    html! {
        <span class={classes!("badge", "grade", format!("grade-{}", props.grade))}>
            <span class="visually-hidden">{ "score " }</span>
            { format!("{} {}", props.score, props.grade) }
        </span>
    }
}

/// Props of [`SeverityBadge`].
#[derive(Properties, PartialEq)]
pub(crate) struct SeverityBadgeProps {
    /// The severity.
    pub severity: phi_lens_core::findings::Severity,
}

/// `high`, in words.
#[function_component(SeverityBadge)]
pub(crate) fn severity_badge(props: &SeverityBadgeProps) -> Html {
    let s = props.severity.as_str();
    html! { <span class={classes!("badge", "sev", format!("sev-{s}"))}>{ s }</span> }
}

//! One finding as every page lists it (`#/findings`, a node's page, an exposure's page): its
//! severity, what it is about, the message, the fix and the waiver. The item is
//! `data-testid="finding"` with `data-rule` and `data-severity`, as the e2e tests read it.

use phi_lens_core::findings::Finding;
use yew::prelude::*;

use crate::components::{Message, ResourceLink, SeverityBadge};
use crate::route::{Query, Route};

/// What the first line names beside the severity: whatever the page does not already say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FindingSubject {
    /// The resource, linked (on `#/findings`, where findings are grouped by rule).
    Resource,
    /// The rule, linked to its findings, and its name (on the resource's own page).
    Rule,
}

/// Props of [`FindingItem`].
#[derive(Properties, PartialEq)]
pub(crate) struct FindingItemProps {
    /// The finding.
    pub finding: Finding,
    /// What its first line names.
    pub subject: FindingSubject,
}

/// `<li class="finding">`: head (severity, subject, column, "waived"), message, fix, waiver.
#[function_component(FindingItem)]
pub(crate) fn finding_item(props: &FindingItemProps) -> Html {
    let f = &props.finding;
    let subject = match props.subject {
        FindingSubject::Resource => html! { <ResourceLink unique_id={f.unique_id.to_string()} /> },
        FindingSubject::Rule => html! {
            <>
                <a href={Route::Findings(Query::from_pairs([("rule", f.rule.as_str())])).href()}>{ f.rule.as_str() }</a>
                { format!(" {}", f.rule_name) }
            </>
        },
    };
    html! {
        <li class={classes!("finding", f.waiver.is_some().then_some("waived"))} data-testid="finding" data-rule={f.rule.as_str()} data-severity={f.severity.as_str()}>
            <p class="finding-head">
                <SeverityBadge severity={f.severity} />{ " " }{ subject }
                if let Some(c) = &f.column { { " · column " }<code>{ &**c }</code> }
                if f.waiver.is_some() { { " " }<span class="badge waived-badge">{ "waived" }</span> }
            </p>
            <p><Message text={f.message.clone()} /></p>
            <p class="fix"><strong>{ "Fix: " }</strong><Message text={f.fix.clone()} /></p>
            if let Some(w) = &f.waiver { <p class="waiver"><strong>{ "Waived: " }</strong><Message text={w.reason.clone()} />{ w.attribution().map(|a| format!(" ({a})")).unwrap_or_default() }</p> }
        </li>
    }
}

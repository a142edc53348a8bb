//! One filter of a list page (`#/nodes`, `#/findings`): a labelled `<select>` over one
//! parameter of the route's query, whose first option, "all", removes it.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::route::Query;

/// Props of [`FilterSelect`].
#[derive(Properties, PartialEq)]
pub(crate) struct FilterSelectProps {
    /// The select's id, which its label points at (the e2e tests select `#filter-phi`,
    /// `#finding-filter-severity`…).
    pub id: AttrValue,
    /// The visible label, which is also the select's accessible name.
    pub label: AttrValue,
    /// The query parameter it sets (`phi`, `severity`…).
    pub param: AttrValue,
    /// The values and their texts, after "all".
    pub options: Vec<(String, String)>,
    /// The list's query: the value in force is its `param`.
    pub query: Query,
    /// Called with the query once another value is chosen.
    pub onchange: Callback<Query>,
}

/// `<label>` and `<select>` in a `div.field`.
#[function_component(FilterSelect)]
pub(crate) fn filter_select(props: &FilterSelectProps) -> Html {
    let onchange = {
        let (param, query, onchange) = (props.param.clone(), props.query.clone(), props.onchange.clone());
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                onchange.emit(query.with(&param, &select.value()));
            }
        })
    };
    let current = props.query.get(&props.param).unwrap_or("");
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <select id={props.id.clone()} {onchange}>
                <option value="" selected={current.is_empty()}>{ "all" }</option>
                { for props.options.iter().map(|(value, text)| html! {
                    <option selected={value == current} value={value.clone()}>{ text }</option>
                }) }
            </select>
        </div>
    }
}

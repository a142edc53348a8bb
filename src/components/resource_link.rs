//! A link to a resource's page (node or exposure), named by its unique_id.

use yew::prelude::*;

use crate::route::Route;

/// Props of [`ResourceLink`].
#[derive(Properties, PartialEq)]
pub(crate) struct ResourceLinkProps {
    /// The resource.
    pub unique_id: AttrValue,
}

/// `<a href="#/node/…"><code>model.p.x</code></a>`.
#[function_component(ResourceLink)]
pub(crate) fn resource_link(props: &ResourceLinkProps) -> Html {
    html! {
        <a href={Route::resource(&props.unique_id).href()}><code>{ props.unique_id.clone() }</code></a>
    }
}

/// Props of [`ResourceList`].
#[derive(Properties, PartialEq)]
pub(crate) struct ResourceListProps {
    /// The resources.
    pub ids: Vec<String>,
    /// What to say when there are none.
    pub empty: AttrValue,
    /// `ol` for a path, `ul` otherwise.
    #[prop_or_default]
    pub ordered: bool,
}

/// A list of resource links (a path when ordered).
#[function_component(ResourceList)]
pub(crate) fn resource_list(props: &ResourceListProps) -> Html {
    if props.ids.is_empty() {
        return html! { <p class="muted">{ props.empty.clone() }</p> };
    }
    let items = props.ids.iter().map(|id| html! { <li><ResourceLink unique_id={id.clone()} /></li> });
    if props.ordered {
        html! { <ol class="links path">{ for items }</ol> }
    } else {
        html! { <ul class="links">{ for items }</ul> }
    }
}

//! The visible load error (`data-testid="load-error"`), announced to screen readers.

use yew::prelude::*;

/// Props of [`LoadError`].
#[derive(Properties, PartialEq)]
pub(crate) struct LoadErrorProps {
    /// The complete message (it names the file and the place).
    pub message: AttrValue,
}

/// "Could not load the project", with the message.
#[function_component(LoadError)]
pub(crate) fn load_error(props: &LoadErrorProps) -> Html {
    html! {
        <section class="load-error" role="alert" aria-labelledby="load-error-title" data-testid="load-error">
            <h2 id="load-error-title">{ "Error: could not load the project" }</h2>
            <p class="message">{ props.message.clone() }</p>
            <p>{ "Choose or drop the files again, or fix the ?artifacts= folder in the address." }</p>
        </section>
    }
}

//! Untrusted markdown, rendered through the sanitiser ([`sanitise`], plain Rust, tested
//! natively).

mod sanitise;

use yew::prelude::*;

use sanitise::{code_spans, markdown_to_safe_html};

/// Props of [`Markdown`].
#[derive(Properties, PartialEq)]
pub(crate) struct MarkdownProps {
    /// The markdown text.
    pub text: AttrValue,
}

/// The sanitised HTML of the text, in a `div.markdown`.
#[function_component(Markdown)]
pub(crate) fn markdown(props: &MarkdownProps) -> Html {
    let html = use_memo(props.text.clone(), |text| markdown_to_safe_html(text));
    html! {
        <div class="markdown">
            // Sanitised by ammonia: no script, style, handler, image or unsafe URL survives.
            { Html::from_html_unchecked(AttrValue::from((*html).clone())) }
        </div>
    }
}

/// Props of [`Message`].
#[derive(Properties, PartialEq)]
pub(crate) struct MessageProps {
    /// Plain text whose backtick spans are code.
    pub text: AttrValue,
}

/// A finding's message or fix: text, with `code` for the names it quotes.
#[function_component(Message)]
pub(crate) fn message(props: &MessageProps) -> Html {
    html! {
        <>{ for code_spans(&props.text).into_iter().map(|(code, s)| if code {
            html! { <code>{ s }</code> }
        } else {
            html! { { s } }
        }) }</>
    }
}

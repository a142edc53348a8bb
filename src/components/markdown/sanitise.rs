//! Untrusted markdown (node descriptions, rule docs) to safe HTML: pulldown-cmark renders it,
//! ammonia sanitises the result. Links keep only `http`, `https` and `mailto` URLs and get
//! `rel="noopener noreferrer"`; images are dropped (none may load from another origin, and the
//! artifacts' own relative images are not served here); no `style`, no script, no event handler.

use std::collections::HashSet;

use pulldown_cmark::{html, Options, Parser};

/// The sanitised HTML of a markdown text.
pub fn markdown_to_safe_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::with_capacity(markdown.len() + markdown.len() / 4);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    sanitise(&raw)
}

/// A plain-text message split into text and `code` spans (between backticks), so messages
/// that quote names render them as code without going through HTML at all.
pub fn code_spans(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else { break };
        if open > 0 {
            out.push((false, &rest[..open]));
        }
        out.push((true, &rest[open + 1..open + 1 + len]));
        rest = &rest[open + 2 + len..];
    }
    if !rest.is_empty() {
        out.push((false, rest));
    }
    out
}

/// Sanitises HTML with the rules above.
pub fn sanitise(html: &str) -> String {
    let mut builder = ammonia::Builder::default();
    builder
        .rm_tags(["img"])
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some("noopener noreferrer"));
    builder.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn splits_code_spans() {
        assert_eq!(code_spans("`a` holds `b`."), vec![(true, "a"), (false, " holds "), (true, "b"), (false, ".")]);
        assert_eq!(code_spans("no code"), vec![(false, "no code")]);
        assert_eq!(code_spans("odd ` tick"), vec![(false, "odd ` tick")]);
        assert_eq!(code_spans(""), Vec::<(bool, &str)>::new());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn renders_markdown() {
        let html = markdown_to_safe_html("One row per **patient**.\n\n- a\n- `b`");
        assert_eq!(
            html,
            "<p>One row per <strong>patient</strong>.</p>\n<ul>\n<li>a</li>\n<li><code>b</code></li>\n</ul>\n"
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn keeps_only_safe_links() {
        let html = markdown_to_safe_html(
            "[ok](https://example.org/x) [mail](mailto:a@b.c) [js](javascript:alert(1)) [rel](../x) [data](data:text/html,x)",
        );
        assert!(html.contains(r#"<a href="https://example.org/x" rel="noopener noreferrer">ok</a>"#), "{html}");
        assert!(html.contains(r#"<a href="mailto:a@b.c" rel="noopener noreferrer">mail</a>"#), "{html}");
        assert!(!html.contains("javascript") && !html.contains("data:") && !html.contains("../x"), "{html}");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn drops_images_scripts_styles_and_handlers() {
        let html = markdown_to_safe_html(
            "![x](https://tracker.example/p.gif) <img src=\"/a.png\"> <script>alert(1)</script> \
             <b style=\"color:red\" onclick=\"x()\">b</b> <iframe src=\"https://e.x\"></iframe>",
        );
        for bad in ["<img", "script", "style", "onclick", "iframe", "tracker"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("<b>b</b>"), "{html}");
    }
}

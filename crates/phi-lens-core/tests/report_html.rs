//! `report::html`: the self-contained report page — an insta snapshot over the synthetic
//! fixture, XSS payloads from every untrusted field rendered as text, and no script or
//! external resource whatever the input.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

mod report_fixture;

use phi_lens_core::report::html;
use report_fixture::{IMG, JS_URL, QUOTE_BREAK, SCRIPT};

#[test]
fn html_snapshot() {
    let f = report_fixture::tiny();
    insta::assert_snapshot!(html::render(&f.report, &f.analysis.phi));
}

#[test]
fn html_has_every_section_and_the_evidence() {
    let f = report_fixture::tiny();
    let out = html::render(&f.report, &f.analysis.phi);
    for id in ["inputs", "coverage", "findings", "nodes", "phi-inventory", "exposures", "waivers"] {
        assert!(out.contains(&format!("<section id=\"{id}\">")), "section {id}");
    }
    for input in &f.report.inputs {
        assert!(out.contains(&input.sha256), "{}", input.file);
    }
    assert!(out.contains(&f.report.policy.hash));
    assert!(out.contains("00000000-1111-2222-3333-444444444444"), "invocation_id");
    assert!(out.contains("@media print"));
    assert!(out.contains("model.tiny.dim_members → exposure.tiny.member_outreach"), "PHI lineage path");
    assert!(out.contains("Tested upstream in the EHR feed."), "waiver reason");
    assert!(out.contains("subscriber_ssn") && out.contains("social security numbers"), "PHI inventory");
}

#[test]
fn the_page_opens_with_scope_method_inputs_warnings_and_generation_time() {
    let f = report_fixture::tiny();
    let out = html::render(&f.report, &f.analysis.phi);
    // Everything an auditor needs before the findings: in the header, before the navigation.
    let opening = &out[out.find("<header>").unwrap()..out.find("</header>").unwrap()];
    for (what, expected) in [
        ("scope: packages covered", "<th>Scope</th>"),
        ("scope: packages covered", "packages covered: tiny"),
        ("scope: resources counted", "4 data resources scored"),
        ("scope: exposures", "1 exposure"),
        ("method: the version", "phi-lens 0.1.0"),
        ("method: the policy hash", f.report.policy.hash.as_str()),
        ("method: the detector", "Safe Harbor detector on column names: on"),
        ("method: the rules", "29 of 29 rules enabled"),
        ("method: not evaluated", "not evaluated: TST008 source-not-fresh"),
        ("inputs present", "read: manifest.json (manifest, v12), run_results.json (run_results, v6)"),
        ("inputs missing", "missing: catalog.json"),
        ("inputs missing", "sources.json"),
        ("the manifest's generation time", "2026-01-02T03:04:05.000000Z"),
        ("load warnings", "run_results.json: it was written by another dbt invocation"),
    ] {
        assert!(opening.contains(expected), "{what}: `{expected}` is not in the opening:\n{opening}");
    }
    let disabled = report_fixture::load(
        report_fixture::MANIFEST,
        &phi_lens_core::Policy::from_toml("[rules]\ndisable = [\"DOC003\"]\n[detection]\nenabled = false\n").unwrap(),
    );
    let out = html::render(&disabled.report, &disabled.analysis.phi);
    assert!(out.contains("28 of 29 rules enabled (disabled: DOC003)"), "{out}");
    assert!(out.contains("Safe Harbor detector on column names: off"), "{out}");
}

#[test]
fn xss_payloads_render_as_text() {
    let f = report_fixture::hostile();
    let out = html::render(&f.report, &f.analysis.phi);
    assert_inert(&out);
    // The payloads are there, as text.
    assert!(out.contains("tiny&lt;script&gt;alert(1)&lt;/script&gt;"), "project name");
    assert!(out.contains("&lt;img src=x onerror=alert(1)&gt;"), "dbt version, column names, meta");
    assert!(out.contains("&quot; onmouseover=&quot;alert(1)"), "adapter, descriptions");
    assert!(out.contains("model.tiny.dim_members&lt;script&gt;"), "unique ids");
    assert!(out.contains("Tested upstream &lt;script&gt;"), "waiver reasons");
    assert!(out.contains("Outreach &lt;img"), "exposure labels");
    assert!(out.contains(&JS_URL.to_string()), "owners as text");
    for raw in [SCRIPT, IMG, QUOTE_BREAK] {
        assert!(!out.contains(raw), "raw payload {raw}");
    }
}

/// No script, no event handler, no `javascript:` URL, no external resource, no unknown tag:
/// every tag in the page is one the renderer writes, with attributes it writes.
fn assert_inert(out: &str) {
    let lower = out.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "a script tag");
    assert!(!lower.contains("<iframe") && !lower.contains("<object") && !lower.contains("<embed"));
    let allowed = [
        "!doctype", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "div", "span",
        "table", "thead", "tbody", "tr", "th", "td", "nav", "ol", "ul", "li", "a", "section", "p", "pre", "code", "br",
        "em", "footer", "details", "summary",
    ];
    let mut rest = out;
    let mut tags = 0;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let end = after.find('>').expect("every tag is closed");
        let tag = &after[..end];
        rest = &after[end + 1..];
        tags += 1;
        let name = tag.trim_start_matches('/').split([' ', '\n']).next().unwrap().to_ascii_lowercase();
        assert!(allowed.contains(&name.as_str()), "unexpected tag <{tag}>");
        let attrs = parse_attributes(tag);
        for (key, value) in attrs {
            let key = key.to_ascii_lowercase();
            assert!(!key.starts_with("on"), "event handler attribute in <{tag}>");
            assert!(!value.to_ascii_lowercase().contains("javascript:"), "javascript: URL in <{tag}>");
            if key == "href" {
                assert!(value.starts_with('#'), "only in-page links: <{tag}>");
            }
            assert!(!matches!(key.as_str(), "src" | "srcset" | "action" | "formaction" | "style"), "<{tag}>");
        }
        if name == "style" && !tag.starts_with('/') {
            // The stylesheet is ours: no imports, no URLs.
            let css_end = rest.find("</style>").unwrap();
            let css = &rest[..css_end];
            assert!(!css.contains("@import") && !css.contains("url("), "external resources in CSS");
        }
    }
    assert!(tags > 50);
}

/// `key="value"` pairs of a tag (the renderer always quotes values with `"`).
fn parse_attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut s = tag.split_once([' ', '\n']).map_or("", |(_, r)| r).trim();
    while !s.is_empty() {
        let Some(eq) = s.find('=') else {
            // A bare attribute: no `=`; nothing but names follow.
            for name in s.split_whitespace() {
                out.push((name.to_string(), String::new()));
            }
            break;
        };
        let key = s[..eq].trim().to_string();
        let after = &s[eq + 1..];
        assert!(after.starts_with('"'), "unquoted attribute value in <{tag}>");
        let close = after[1..].find('"').expect("closed value") + 1;
        out.push((key, after[1..close].to_string()));
        s = after[close + 1..].trim();
    }
    out
}

#[test]
fn the_attribute_parser_sees_handlers() {
    assert_eq!(
        parse_attributes("a href=\"#x\" onclick=\"y\""),
        vec![("href".to_string(), "#x".to_string()), ("onclick".to_string(), "y".to_string())]
    );
    let caught = std::panic::catch_unwind(|| assert_inert("<p onclick=\"x\">a</p>"));
    assert!(caught.is_err());
}

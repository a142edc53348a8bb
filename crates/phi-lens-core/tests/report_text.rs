//! `report::text`: the terminal rendering (plain and coloured) and `--explain-score`, as insta
//! snapshots over the synthetic fixture.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

mod report_fixture;

use phi_lens_core::report::text;

#[test]
fn text_groups_findings_by_node_with_fix_hints_and_a_summary_line() {
    let f = report_fixture::tiny();
    let out = text::render(&f.report, false);
    assert!(!out.contains('\x1b'), "no colour when off");
    assert!(out.lines().last().unwrap().starts_with("tiny: score "));
    insta::assert_snapshot!(out);
}

#[test]
fn colour_is_ansi_only_when_asked() {
    let f = report_fixture::tiny();
    let coloured = text::render(&f.report, true);
    assert!(coloured.contains("\x1b[31m") || coloured.contains("\x1b[1;31m"), "severities are coloured");
    let stripped = strip_ansi(&coloured);
    assert_eq!(stripped, text::render(&f.report, false), "colour changes nothing but escapes");
}

#[test]
fn explain_score_shows_the_arithmetic_of_nodes_and_exposures() {
    let f = report_fixture::tiny();
    let node = text::explain_score(&f.report, "model.tiny.dim_members").unwrap();
    let exposure = text::explain_score(&f.report, "exposure.tiny.member_outreach").unwrap();
    assert!(text::explain_score(&f.report, "model.tiny.nope").is_none());
    insta::assert_snapshot!(format!("{node}\n{exposure}"));
}

#[test]
fn control_characters_from_the_artifacts_never_reach_the_terminal() {
    let manifest = report_fixture::MANIFEST.replace(
        "\"description\": \"\", \"config\"",
        "\"description\": \"\\u001b]0;owned\\u0007\\u001b[2J\", \"config\"",
    );
    let f = report_fixture::load(&manifest, &Default::default());
    let out = text::render(&f.report, false);
    assert!(!out.contains('\x1b') && !out.contains('\x07'), "{out}");
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

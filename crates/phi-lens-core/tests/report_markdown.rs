//! `report::markdown`: the pull-request comment, as an insta snapshot over the synthetic
//! fixture, and untrusted names rendered inert.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

mod report_fixture;

use phi_lens_core::report::markdown;

#[test]
fn markdown_is_a_pr_comment_with_score_coverage_findings_and_details() {
    let f = report_fixture::tiny();
    let out = markdown::render(&f.report);
    assert!(out.starts_with("## phi-lens: tiny — score "));
    assert!(out.contains("<details><summary>"));
    insta::assert_snapshot!(out);
}

#[test]
fn hostile_names_are_escaped_and_stay_in_their_table_cell() {
    let f = report_fixture::hostile();
    let out = markdown::render(&f.report);
    assert!(!out.to_ascii_lowercase().contains("<script"), "{out}");
    assert!(!out.contains("<img"), "{out}");
    assert!(out.contains("&lt;script&gt;"));
    // Every row of a table has as many cell separators as its header: no name breaks out of its cell.
    let mut header_pipes = None;
    for line in out.lines() {
        if !line.starts_with('|') {
            header_pipes = None;
            continue;
        }
        let pipes =
            line.char_indices().filter(|(i, c)| *c == '|' && (*i == 0 || line.as_bytes()[i - 1] != b'\\')).count();
        match header_pipes {
            None => header_pipes = Some(pipes),
            Some(h) => assert_eq!(pipes, h, "{line}"),
        }
    }
}

#[test]
fn a_large_project_stays_comment_sized() {
    // Many findings: the main table is capped, the rest counted.
    let mut nodes = String::new();
    for i in 0..400 {
        nodes.push_str(&format!(
            "\"model.big.m{i}\": {{\"resource_type\": \"model\", \"name\": \"m{i}\", \"package_name\": \"big\", \"columns\": {{\"patient_ssn\": {{\"name\": \"patient_ssn\"}}}}}},"
        ));
    }
    let manifest =
        format!("{{\"metadata\": {{\"project_name\": \"big\"}}, \"nodes\": {{{}}}}}", nodes.trim_end_matches(','));
    let f = report_fixture::load(&manifest, &Default::default());
    let out = markdown::render(&f.report);
    assert!(out.len() < 60_000, "GitHub comments hold 65,536 characters; got {}", out.len());
    assert!(out.contains("more open findings"));
}

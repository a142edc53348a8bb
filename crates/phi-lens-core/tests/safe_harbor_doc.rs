//! `docs/safe-harbor.md` is the standard the detector applies, and the two cannot drift:
//! the document's paragraphs are the detector's [`PARAGRAPHS`], in order; every paragraph is
//! applied somewhere in the detector's code (or says why metadata cannot decide it); and every
//! decision the detector makes on the demo project cites a paragraph that exists, in
//! `phi --json` (`safe_harbor_rule`) and in its evidence.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A test fails loudly.

use std::path::Path;

use phi_lens_core::phi::{phi_report, Status, PARAGRAPHS};
use phi_lens_core::{load_project, ArtifactKind, ArtifactSet, Input, Policy};

const DOC: &str = include_str!("../../../docs/safe-harbor.md");
const DETECTOR: [&str; 9] = [
    include_str!("../src/phi/classify/mod.rs"),
    include_str!("../src/phi/classify/identifiers.rs"),
    include_str!("../src/phi/classify/names_places.rs"),
    include_str!("../src/phi/classify/dates.rs"),
    include_str!("../src/phi/classify/keys.rs"),
    include_str!("../src/phi/classify/vocabulary.rs"),
    include_str!("../src/phi/mod.rs"),
    include_str!("../src/phi/category.rs"),
    include_str!("../src/phi/column_flow.rs"),
];

/// Paragraphs no decision can apply from metadata alone, and why.
const NOT_DECIDED_FROM_NAMES: [(&str, &str); 1] =
    [("X4", "health content is never flagged: the detector looks for identifiers only")];

fn doc_paragraphs() -> Vec<String> {
    DOC.lines()
        .filter_map(|l| l.strip_prefix("### §"))
        .map(|rest| rest.split_whitespace().next().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn the_document_has_exactly_the_detectors_paragraphs_in_order() {
    assert_eq!(doc_paragraphs(), PARAGRAPHS, "docs/safe-harbor.md's `### §` headings vs phi::PARAGRAPHS");
}

#[test]
fn every_paragraph_is_applied_by_the_detector_or_says_why_not() {
    let mut code = DETECTOR.concat();
    // The list of paragraphs itself applies none of them.
    let start = code.find("pub const PARAGRAPHS").unwrap();
    let end = start + code[start..].find("];").unwrap();
    code.replace_range(start..end, "");
    for p in PARAGRAPHS {
        let quoted = format!("\"{p}\"");
        let cited = format!("§{p})");
        // `A1`…`R1` are also reached through `SafeHarbor::paragraph`.
        let by_letter = p.ends_with('1') && p.len() == 2 && code.contains("pub fn paragraph(self)");
        let excused = NOT_DECIDED_FROM_NAMES.iter().any(|(id, _)| *id == p);
        assert!(
            code.contains(&quoted) || code.contains(&cited) || by_letter || excused,
            "§{p} is applied nowhere in the detector"
        );
        if excused {
            assert!(DOC.contains(&format!("### §{p} ")), "§{p} is excused but not in the document");
        }
    }
}

#[test]
fn every_decision_on_the_demo_cites_a_paragraph() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/clinic/target");
    let mut set = ArtifactSet::default();
    for kind in [ArtifactKind::Manifest, ArtifactKind::Catalog] {
        set.insert(kind, Input::new(kind.file_name(), std::fs::read(dir.join(kind.file_name())).unwrap()));
    }
    let loaded = load_project(&set).unwrap();
    let report = phi_report(&loaded.project, &Policy::default());
    let json = serde_json::to_value(&report).unwrap();
    let (mut decisions, mut cited) = (0, 0);
    for node in &report.nodes {
        for c in &node.columns {
            let decided = c.status == Status::Detected || c.evidence.iter().any(|e| e.starts_with("not PHI: "));
            if !decided || c.status == Status::Declared {
                continue;
            }
            decisions += 1;
            let rule = c.safe_harbor_rule.unwrap_or_else(|| panic!("{}.{} cites nothing", node.unique_id, c.name));
            assert!(PARAGRAPHS.contains(&rule), "{}.{}: §{rule} is not a paragraph", node.unique_id, c.name);
            assert!(
                c.evidence.iter().any(|e| e.contains(&format!("docs/safe-harbor.md §{rule}"))),
                "{}.{}: the evidence does not cite §{rule}: {:?}",
                node.unique_id,
                c.name,
                c.evidence
            );
            cited += 1;
        }
    }
    assert!(decisions > 50, "the demo has detector decisions ({decisions})");
    assert_eq!(cited, decisions);
    assert!(json.to_string().contains("\"safe_harbor_rule\":\"C1\""), "phi --json carries the citation");
}

//! What the overlay shows on each dbt docs page, computed from the core's [`Analysis`]: a
//! node's PHI status, score and findings, a badge per column, an exposure's score and whether
//! PHI reaches it, the project score. Plain Rust (no DOM), tested natively; no compliance
//! logic: every figure comes from the core.

use phi_lens_core::findings::Severity;
use phi_lens_core::phi::{ColumnPhi, Status};
use phi_lens_core::Analysis;

/// How many findings the compact panel lists (the rest are counted and linked).
pub const PANEL_FINDINGS: usize = 5;

/// The analysis of the project dbt docs shows, with lookups by id.
pub struct OverlayModel {
    analysis: Analysis,
}

/// A node's status and score, as the title chip shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeView {
    /// `PHI declared (A,C)`, `no PHI`, `de-identified`…
    pub status_label: String,
    /// `declared`, `detected`, `inherited`, `deidentified`, `none`, or `unknown`.
    pub status_class: &'static str,
    /// `score 85 (B)`, when the node is scored.
    pub score_label: Option<String>,
    /// Every open finding's line, most severe first.
    pub findings: Vec<FindingLine>,
    /// Waived findings (shown as a count).
    pub waived: usize,
}

/// One finding in the panel.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingLine {
    /// `high`.
    pub severity: &'static str,
    /// `PHI003`.
    pub rule: &'static str,
    /// The message.
    pub message: String,
}

/// A column's badge.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnBadge {
    /// `PHI C`, `no PHI`, `de-id`, `?`.
    pub label: String,
    /// As [`NodeView::status_class`].
    pub status_class: &'static str,
    /// The tooltip: status, identifier and evidence.
    pub title: String,
}

/// An exposure's chip.
#[derive(Debug, Clone, PartialEq)]
pub struct ExposureView {
    /// `PHI reaches it` or `no PHI reaches it`.
    pub phi_label: String,
    /// `inherited` when PHI reaches it, else `none`.
    pub status_class: &'static str,
    /// `score 40 (F)`.
    pub score_label: Option<String>,
    /// The path PHI takes, and the weakest node upstream, in words.
    pub title: String,
}

/// The panel the overlay puts on dbt docs' overview page: the project's score and a line of
/// what it rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectScorePanel {
    /// `78.3 (C)`.
    pub score_label: String,
    /// `12 of 55 models, sources, seeds and snapshots hold PHI; 3 of 5 exposures are reached; 41 open findings`.
    pub detail: String,
}

impl OverlayModel {
    /// Wraps an analysis.
    pub fn new(analysis: Analysis) -> OverlayModel {
        OverlayModel { analysis }
    }

    /// A node (model, source, seed, snapshot), or `None` when the analysis does not know it.
    pub fn node(&self, unique_id: &str) -> Option<NodeView> {
        let phi = self.phi_node(unique_id);
        let score = self.analysis.scores.nodes.get(unique_id);
        if phi.is_none() && score.is_none() {
            return None;
        }
        let (status_label, status_class) = match phi {
            Some(n) => {
                let letters: Vec<&str> = n.categories.iter().map(|c| c.letter()).collect();
                let letters = if letters.is_empty() { String::new() } else { format!(" ({})", letters.join(",")) };
                let label = match n.status {
                    Status::Declared => format!("PHI declared{letters}"),
                    Status::Detected => format!("PHI detected, not declared{letters}"),
                    Status::Inherited => format!("PHI inherited{letters}"),
                    Status::PossiblyInherited => "possibly PHI (lineage only)".to_string(),
                    Status::Deidentified => "de-identified".to_string(),
                    Status::None => "no PHI".to_string(),
                };
                (label, n.status.as_str())
            }
            None => ("PHI not classified".to_string(), "unknown"),
        };
        let mut findings: Vec<FindingLine> = Vec::new();
        let mut waived = 0;
        let mut open: Vec<_> = self.analysis.findings.iter().filter(|f| &*f.unique_id == unique_id).collect();
        open.sort_by_key(|f| std::cmp::Reverse(f.severity));
        for f in open {
            if f.is_waived() {
                waived += 1;
                continue;
            }
            findings.push(FindingLine {
                severity: f.severity.as_str(),
                rule: f.rule.as_str(),
                message: f.message.clone(),
            });
        }
        Some(NodeView {
            status_label,
            status_class,
            score_label: score.map(|s| format!("score {} ({})", s.score, s.grade)),
            findings,
            waived,
        })
    }

    /// The badge of a column of a node, by the name dbt docs shows (case and quotes ignored).
    pub fn column(&self, unique_id: &str, shown_name: &str) -> ColumnBadge {
        let name = shown_name.trim().trim_matches(['"', '`', '[', ']']);
        let column = self
            .phi_node(unique_id)
            .and_then(|n| n.columns.iter().find(|c| c.name.trim_matches(['"', '`']).eq_ignore_ascii_case(name)));
        match column {
            Some(c) => column_badge(c),
            None => ColumnBadge {
                label: "?".to_string(),
                status_class: "unknown",
                title: format!("phi-lens: `{name}` is not in the analysed artifacts"),
            },
        }
    }

    /// An exposure, or `None` when the analysis does not know it.
    pub fn exposure(&self, unique_id: &str) -> Option<ExposureView> {
        let phi = self.analysis.phi.exposures.iter().find(|e| e.unique_id == unique_id);
        let score = self.analysis.scores.exposures.get(unique_id);
        if phi.is_none() && score.is_none() {
            return None;
        }
        let reached = phi.is_some_and(|e| e.reached);
        let mut title = Vec::new();
        if let Some(e) = phi.filter(|e| e.reached) {
            title.push(format!("PHI reaches it through {}", e.path.join(" → ")));
        }
        if let Some((id, s)) = score.and_then(|s| s.weakest_upstream.as_ref()) {
            title.push(format!("weakest upstream: {id} ({s})"));
        }
        Some(ExposureView {
            phi_label: if reached { "PHI reaches it" } else { "no PHI reaches it" }.to_string(),
            status_class: if reached { "inherited" } else { "none" },
            score_label: score.map(|s| format!("score {} ({})", s.score, s.grade)),
            title: title.join("; "),
        })
    }

    /// The project's score panel.
    pub fn project(&self) -> ProjectScorePanel {
        let a = &self.analysis;
        let phi_nodes = a.phi.nodes.iter().filter(|n| n.status.is_phi()).count();
        let reached = a.phi.exposures.iter().filter(|e| e.reached).count();
        let open = a.findings.iter().filter(|f| !f.is_waived()).count();
        let critical = a.findings.iter().filter(|f| !f.is_waived() && f.severity == Severity::Critical).count();
        let mut detail = format!(
            "{phi_nodes} of {} models, sources, seeds and snapshots hold PHI; {reached} of {} exposures are reached by PHI; {open} open findings",
            a.phi.nodes.len(),
            a.phi.exposures.len()
        );
        if critical > 0 {
            detail.push_str(&format!(" ({critical} critical)"));
        }
        ProjectScorePanel { score_label: format!("{} ({})", a.scores.project_score, a.scores.project_grade), detail }
    }

    fn phi_node(&self, unique_id: &str) -> Option<&phi_lens_core::phi::NodePhi> {
        let nodes = &self.analysis.phi.nodes;
        match nodes.binary_search_by(|n| n.unique_id.as_str().cmp(unique_id)) {
            Ok(i) => nodes.get(i),
            Err(_) => nodes.iter().find(|n| n.unique_id == unique_id),
        }
    }
}

fn column_badge(c: &ColumnPhi) -> ColumnBadge {
    let category = c.category.map(|x| format!(": {} ({})", x.letter(), x.name())).unwrap_or_default();
    let label = match c.status {
        Status::Declared | Status::Detected | Status::Inherited => match c.category {
            Some(x) => format!("PHI {}", x.letter()),
            None => "PHI".to_string(),
        },
        Status::Deidentified => "de-id".to_string(),
        Status::PossiblyInherited | Status::None => "no PHI".to_string(),
    };
    let mut title = match c.status {
        Status::Declared => format!("PHI, declared{category}"),
        Status::Detected => format!("PHI, detected but not declared{category}"),
        Status::Inherited => format!("PHI, inherited{category}"),
        Status::PossiblyInherited => "possibly PHI: node-level lineage only".to_string(),
        Status::Deidentified => "de-identified".to_string(),
        Status::None => "not PHI".to_string(),
    };
    if !c.evidence.is_empty() {
        title.push_str(" — ");
        title.push_str(&c.evidence.join("; "));
    }
    if !c.path.is_empty() {
        title.push_str(&format!(" — through {}", c.path.join(" → ")));
    }
    ColumnBadge { label, status_class: c.status.as_str(), title }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use phi_lens_core::{analyse, load_project, ArtifactKind, ArtifactSet, Input, Policy};

    fn demo() -> OverlayModel {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/clinic/target/");
        let mut set = ArtifactSet::default();
        for (kind, name) in [
            (ArtifactKind::Manifest, "manifest.json"),
            (ArtifactKind::Catalog, "catalog.json"),
            (ArtifactKind::RunResults, "run_results.json"),
            (ArtifactKind::Sources, "sources.json"),
        ] {
            let bytes = std::fs::read(format!("{dir}{name}")).unwrap_or_default();
            set.insert(kind, Input::new(name, bytes));
        }
        let loaded = load_project(&set).unwrap_or_else(|e| panic!("{e}"));
        OverlayModel::new(analyse(&loaded.project, &Policy::default()))
    }

    #[test]
    fn shows_what_the_core_concludes_on_the_demo() {
        let m = demo();
        let patients = m.node("model.clinic.dim_patients").unwrap_or_else(|| panic!("dim_patients"));
        assert!(patients.status_label.starts_with("PHI declared ("), "{}", patients.status_label);
        assert_eq!(patients.status_class, "declared");
        assert_eq!(patients.score_label.as_deref(), Some("score 85 (B)"));
        assert_eq!(patients.findings[0].rule, "TST007");
        let mrn = m.column("model.clinic.dim_patients", " MRN ");
        assert_eq!((mrn.label.as_str(), mrn.status_class), ("PHI H", "declared"));
        assert_eq!(m.column("model.clinic.dim_patients", "no_such_column").label, "?");
        let detected =
            m.node("model.clinic.int_encounter_diagnoses").unwrap_or_else(|| panic!("int_encounter_diagnoses"));
        assert_eq!(detected.status_class, "detected");
        // Its score moves with the detector; an undeclared MRN and diagnoses keep it an F.
        assert!(detected.score_label.as_deref().is_some_and(|s| s.starts_with("score ") && s.ends_with(" (F)")));

        let dashboard = m.exposure("exposure.clinic.cmo_quality_dashboard").unwrap_or_else(|| panic!("exposure"));
        assert!(dashboard.score_label.is_some());
        assert!(m.node("exposure.clinic.cmo_quality_dashboard").is_none());
        assert!(m.node("model.clinic.nope").is_none());
        assert!(m.project().detail.contains("hold PHI"));
    }
}

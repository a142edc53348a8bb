//! The facts the exposure and lineage pages show, as data: owner, type, maturity, URL (as
//! text), score, the weakest upstream node, whether PHI reaches it and along which path, and
//! the resources it reads and that read it; the columns that carry an identifier into it.

use phi_lens_core::phi::ExposureColumn;

use crate::pages::node::model::column_path_note;
use crate::project_view::index::{node_score, phi_node};
use crate::project_view::ProjectView;

/// An exposure's facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExposureFacts {
    /// Its label or name.
    pub name: String,
    /// Its description.
    pub description: String,
    /// The owner: name and e-mail addresses, or `None` when not given.
    pub owner: Option<String>,
    /// `dashboard`, `application`…
    pub kind: Option<String>,
    /// `low`, `medium`, `high`.
    pub maturity: Option<String>,
    /// The URL, shown as text (never a link: it is untrusted and may point anywhere).
    pub url: Option<String>,
    /// Score and grade (the weakest link).
    pub score: Option<(u32, char)>,
    /// Its own findings' arithmetic.
    pub own_arithmetic: Option<String>,
    /// The weakest upstream node and its score.
    pub weakest: Option<(String, u32)>,
    /// How many scored nodes are upstream.
    pub upstream_scored: usize,
    /// Whether PHI reaches it.
    pub phi_reached: bool,
    /// The path from the PHI origin to it.
    pub phi_path: Vec<String>,
    /// What it reads directly.
    pub depends_on: Vec<String>,
    /// The columns of what it reads that carry an identifier, each with its path from the raw
    /// column (the core's analysis; empty without column lineage).
    pub phi_columns: Vec<ExposureColumn>,
    /// Why there are no column paths (no compiled SQL, not resolved yet, unreadable SQL).
    pub columns_note: Option<String>,
}

/// The facts of an exposure, or `None` when the project has none with this id.
pub fn exposure_facts(view: &ProjectView, unique_id: &str) -> Option<ExposureFacts> {
    let e = view.project.exposure(unique_id)?;
    let score = view.analysis.scores.exposures.get(unique_id);
    let phi = view.analysis.phi.exposures.iter().find(|p| p.unique_id == unique_id);
    let owner = e.owner.is_present().then(|| {
        let mut parts: Vec<String> = e.owner.name.iter().cloned().collect();
        parts.extend(e.owner.email.iter().map(|m| format!("<{m}>")));
        parts.join(" ")
    });
    let cap = view.analysis.phi.policy.score.critical_cap;
    Some(ExposureFacts {
        name: e.label.clone().unwrap_or_else(|| e.name.clone()),
        description: e.description.clone(),
        owner,
        kind: e.kind.clone(),
        maturity: e.maturity.clone(),
        url: e.url.clone().filter(|u| !u.trim().is_empty()),
        score: score.map(|s| (s.score, s.grade)),
        own_arithmetic: score.map(|s| s.own.arithmetic(cap)),
        weakest: score.and_then(|s| s.weakest_upstream.clone()),
        upstream_scored: score.map_or(0, |s| s.upstream_nodes),
        phi_reached: phi.is_some_and(|p| p.reached),
        phi_path: phi.map(|p| p.path.clone()).unwrap_or_default(),
        depends_on: e.depends_on.iter().map(|d| d.to_string()).collect(),
        phi_columns: phi.map(|p| p.columns.clone()).unwrap_or_default(),
        columns_note: column_path_note(view, unique_id),
    })
}

/// A resource's direct neighbours for the lineage page: (upstream, downstream).
pub fn neighbours(view: &ProjectView, unique_id: &str) -> Option<(Vec<String>, Vec<String>)> {
    let upstream: Vec<String> = if let Some(n) = view.project.node(unique_id) {
        n.depends_on.iter().map(|d| d.to_string()).collect()
    } else {
        view.project.exposure(unique_id)?.depends_on.iter().map(|d| d.to_string()).collect()
    };
    Some((upstream, view.index.children(unique_id).to_vec()))
}

/// A short status of a resource for lists: `model · PHI declared · 85 B`.
pub fn resource_note(view: &ProjectView, unique_id: &str) -> String {
    let mut parts = Vec::new();
    if let Some(row) = view.index.row(unique_id) {
        parts.push(row.resource_type.clone());
    }
    if let Some(p) = phi_node(&view.analysis, unique_id) {
        parts.push(format!("PHI {}", p.status.as_str()));
    }
    if let Some(s) = node_score(&view.analysis, unique_id) {
        parts.push(format!("{} {}", s.score, s.grade));
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data::demo_view;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn every_demo_exposure_has_its_facts() {
        let view = demo_view();
        assert!(!view.project.exposures.is_empty());
        for e in view.project.exposures.iter() {
            let facts = exposure_facts(&view, &e.unique_id).unwrap_or_else(|| panic!("{}", e.unique_id));
            assert!(facts.score.is_some());
            assert_eq!(facts.phi_reached, !facts.phi_path.is_empty(), "{}", e.unique_id);
            let (up, _) = neighbours(&view, &e.unique_id).unwrap_or_default();
            assert_eq!(up, facts.depends_on);
        }
        assert!(exposure_facts(&view, "exposure.nope.nope").is_none());
        // The risk model reads the planted gap: the EHR birth date, copied all the way.
        let risk = exposure_facts(&view, "exposure.clinic.population_health_risk_model");
        let risk = risk.unwrap_or_else(|| panic!("the demo has the risk model"));
        let cols: Vec<String> = risk
            .phi_columns
            .iter()
            .map(|c| {
                format!(
                    "{}.{} {:?} {}",
                    c.unique_id,
                    c.column,
                    c.category.map(|k| k.letter()),
                    phi_lens_core::phi::path_text(&c.path)
                )
            })
            .collect();
        assert_eq!(cols, ["model.clinic.mart_population_health.birth_date Some(\"C\") source.clinic.ehr.patients.birth_date → model.clinic.stg_ehr__patients.birth_date (copy) → model.clinic.int_patient_demographics.birth_date (copy) → model.clinic.mart_population_health.birth_date (copy)"]);
        assert_eq!(risk.columns_note, None);
        assert!(neighbours(&view, "model.nope.nope").is_none());
    }
}

//! Column lineage after the first paint, in slices: the compiled SQL is resolved a few models
//! at a time and the analysis is redone with it one step at a time (the core's
//! [`ColumnResolver`], and the analysis of [`slices::analyse`]), each slice a short browser task, so that the page answers
//! input while a project of thousands of models is resolved. The result is the one
//! [`ProjectView::with_columns`] computes in one go (and `phi-lens check` prints).

use phi_lens_core::columns::{compiled_sql, ColumnResolver};
use phi_lens_core::model::Project;
use phi_lens_core::{ArtifactSet, Policy};

use super::fetch;
use super::slices::{self, Slices};
use crate::project_view::{ColumnState, ProjectView, Shared};

/// `view` with its column lineage resolved from the compiled SQL in `set` and analysed again
/// under `policy`, computed in slices.
pub async fn resolve(set: &ArtifactSet, view: &ProjectView, policy: &Policy) -> ProjectView {
    let project = &*view.project;
    let mut slices = Slices::start();
    let lineage = match lineage(set, project, &mut slices).await {
        ColumnState::Ready(lineage) => lineage,
        other => return view.with_columns(other, policy),
    };
    fetch::mark("columns-lineage");
    slices.next().await;
    let analysis = slices::analyse(project, policy, Some(&lineage), &mut slices).await;
    slices.next().await;
    let causes = slices::root_causes(project, &analysis, &mut slices).await;
    view.with_analysed(ColumnState::Ready(lineage), analysis, causes)
}

/// The column lineage of `project` from the compiled SQL in `set`, a model per step: what
/// [`crate::project_view::resolve_columns`] computes in one go.
pub async fn lineage(set: &ArtifactSet, project: &Project, slices: &mut Slices) -> ColumnState {
    if !project.nodes.iter().any(|n| n.has_compiled_sql) {
        return ColumnState::NoCompiledSql;
    }
    let sql = match compiled_sql(set) {
        Ok(sql) => sql,
        Err(e) => return ColumnState::Failed(e.to_string()),
    };
    slices.next().await;
    let mut resolver = ColumnResolver::new(project, &sql);
    while resolver.step(1) {
        slices.check().await;
    }
    ColumnState::Ready(Shared::new(resolver.finish()))
}

//! Column lineage after the first paint, in slices: the compiled SQL is resolved a few models
//! at a time and the analysis is redone with it one step at a time (the core's
//! [`ColumnResolver`] and [`Steps`]), each slice a short browser task, so that the page answers
//! input while a project of thousands of models is resolved. The result is the one
//! [`ProjectView::with_columns`] computes in one go (and `phi-lens check` prints).

use phi_lens_core::analysis::Steps;
use phi_lens_core::columns::{compiled_sql, ColumnResolver};
use phi_lens_core::root_causes::root_causes;
use phi_lens_core::rules::CheckSteps;
use phi_lens_core::{ArtifactSet, Policy};

use super::fetch::{self, now};
use crate::project_view::{ColumnState, ProjectView, Shared};

/// How long one slice may run before the page gets the thread back, in milliseconds.
const SLICE_MS: f64 = 30.0;

/// Hands the thread back to the browser once a slice has run its time.
struct Slices {
    started: f64,
}

impl Slices {
    fn new() -> Slices {
        Slices { started: now() }
    }

    /// Yields when this slice has run [`SLICE_MS`].
    async fn check(&mut self) {
        if now() - self.started >= SLICE_MS {
            self.next().await;
        }
    }

    /// Yields now: the next step is long enough to be a slice of its own.
    async fn next(&mut self) {
        fetch::next_task().await;
        self.started = now();
    }
}

/// `view` with its column lineage resolved from the compiled SQL in `set` and analysed again
/// under `policy`, computed in slices.
pub async fn resolve(set: &ArtifactSet, view: &ProjectView, policy: &Policy) -> ProjectView {
    let project = &*view.project;
    let sql = match compiled_sql(set) {
        Ok(sql) => sql,
        Err(e) => return view.with_columns(ColumnState::Failed(e.to_string()), policy),
    };
    let mut slices = Slices::new();
    slices.next().await;
    let mut resolver = ColumnResolver::new(project, &sql);
    while resolver.step(1) {
        slices.check().await;
    }
    let lineage = resolver.finish();
    drop(sql);
    fetch::mark("columns-lineage");
    slices.next().await;
    let mut classifying = Steps::classify(project, policy);
    while classifying.step(20) {
        slices.check().await;
    }
    let classified = classifying.finish();
    slices.next().await;
    let mut flowing = Steps::flow(project, policy, classified, Some(&lineage));
    while flowing.step(20) {
        slices.check().await;
    }
    slices.next().await;
    let steps = flowing.finish();
    slices.next().await;
    let ctx = steps.context();
    let mut rules = CheckSteps::new(&ctx);
    while rules.step() {
        slices.check().await;
    }
    let result = rules.finish();
    slices.next().await;
    let tail = steps.tail(&ctx, &result);
    drop(ctx);
    let analysis = steps.analysis(result, tail);
    slices.next().await;
    let causes = root_causes(project, &analysis);
    view.with_analysed(ColumnState::Ready(Shared::new(lineage)), analysis, causes)
}

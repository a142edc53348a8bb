//! Long work cut into slices, each a short browser task, so that the page paints and answers
//! input meanwhile (issue 22: no task over 250 ms while spellbook's 72 MB manifest loads). The
//! core gives the steps ([`load_steps`], [`Steps`], [`CheckSteps`], [`RootCauseSteps`]) and computes what one call
//! computes; this module only decides when to hand the thread back.

use phi_lens_core::analysis::Steps;
use phi_lens_core::columns::ColumnLineage;
use phi_lens_core::model::Project;
use phi_lens_core::root_causes::{RootCause, RootCauseSteps};
use phi_lens_core::rules::CheckSteps;
use phi_lens_core::{load_steps, Analysis, ArtifactSet, Loaded, Policy};

use super::fetch::{self, now};

/// How long one slice may run before the page gets the thread back, in milliseconds.
const SLICE_MS: f64 = 30.0;

/// The manifest's entries parsed per step, between two looks at the clock (spellbook: ≈ 1 ms).
const ENTRIES_PER_STEP: usize = 50;

/// Hands the thread back to the browser once a slice has run its time.
pub struct Slices {
    started: f64,
}

impl Slices {
    /// The first slice starts now.
    pub fn start() -> Slices {
        Slices { started: now() }
    }

    /// Yields when this slice has run [`SLICE_MS`].
    pub async fn check(&mut self) {
        if now() - self.started >= SLICE_MS {
            self.next().await;
        }
    }

    /// Yields now: the next step is long enough to be a slice of its own.
    pub async fn next(&mut self) {
        fetch::next_slice().await;
        self.started = now();
    }
}

/// [`phi_lens_core::load_project`], the manifest parsed a few entries at a time.
pub async fn load(set: &ArtifactSet, slices: &mut Slices) -> Result<Loaded, phi_lens_core::Error> {
    let mut steps = load_steps(set)?;
    while steps.step(ENTRIES_PER_STEP) {
        slices.check().await;
    }
    slices.next().await;
    steps.finish()
}

/// [`phi_lens_core::analyse_with_columns`], in slices.
pub async fn analyse(
    project: &Project,
    policy: &Policy,
    columns: Option<&ColumnLineage>,
    slices: &mut Slices,
) -> Analysis {
    let mut classifying = Steps::classify(project, policy);
    while classifying.step(20) {
        slices.check().await;
    }
    let classified = classifying.finish();
    slices.check().await;
    let mut flowing = Steps::flow(project, policy, classified, columns);
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
    steps.analysis(result, tail)
}

/// [`phi_lens_core::root_causes::root_causes`], a rule's findings per step.
pub async fn root_causes(project: &Project, analysis: &Analysis, slices: &mut Slices) -> Vec<RootCause> {
    let mut steps = RootCauseSteps::new(project, analysis);
    slices.check().await;
    while steps.step() {
        slices.check().await;
    }
    steps.finish()
}

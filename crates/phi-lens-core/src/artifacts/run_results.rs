//! `run_results.json` (v1–v6): the status of each node in the last invocation.

use serde::Deserialize;

use super::{RawMetadata, Str};

/// The whole file.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RawRunResults<'a> {
    #[serde(borrow)]
    pub metadata: RawMetadata<'a>,
    #[serde(borrow)]
    pub results: Vec<RawRunResult<'a>>,
}

/// One node's result.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RawRunResult<'a> {
    #[serde(borrow)]
    pub unique_id: Option<Str<'a>>,
    #[serde(borrow)]
    pub status: Option<Str<'a>>,
    #[serde(borrow)]
    pub message: Option<Str<'a>>,
    pub failures: Option<i64>,
    pub execution_time: Option<f64>,
}

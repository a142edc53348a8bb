//! `run_results.json` (v1–v6): the status of each node in the last invocation.

use serde::Deserialize;

use super::{objects_only, RawMetadata, Str};

/// The whole file.
#[derive(Debug, Default, Deserialize)]
#[serde(default, remote = "Self", expecting = "a run_results.json object")]
pub(crate) struct RawRunResults<'a> {
    #[serde(borrow)]
    pub metadata: RawMetadata<'a>,
    #[serde(borrow)]
    pub results: Vec<RawRunResult<'a>>,
}

/// One node's result.
#[derive(Debug, Default, Deserialize)]
#[serde(default, remote = "Self", expecting = "an object (one result, with `unique_id` and `status`)")]
pub(crate) struct RawRunResult<'a> {
    #[serde(borrow)]
    pub unique_id: Option<Str<'a>>,
    #[serde(borrow)]
    pub status: Option<Str<'a>>,
    #[serde(borrow)]
    pub message: Option<Str<'a>>,
    #[serde(deserialize_with = "super::whole_number")]
    pub failures: Option<i64>,
}

objects_only!(RawRunResults, RawRunResult);

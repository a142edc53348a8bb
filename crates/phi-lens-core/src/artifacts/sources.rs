//! `sources.json` (v1–v3): source freshness results from `dbt source freshness`.

use serde::Deserialize;

use super::{objects_only, RawMetadata, Str};

/// The whole file.
#[derive(Debug, Default, Deserialize)]
#[serde(default, remote = "Self", expecting = "a sources.json object")]
pub(crate) struct RawSourcesFile<'a> {
    #[serde(borrow)]
    pub metadata: RawMetadata<'a>,
    #[serde(borrow)]
    pub results: Vec<RawFreshness<'a>>,
}

/// One source's freshness.
#[derive(Debug, Default, Deserialize)]
#[serde(default, remote = "Self", expecting = "an object (one freshness result, with `unique_id` and `status`)")]
pub(crate) struct RawFreshness<'a> {
    #[serde(borrow)]
    pub unique_id: Option<Str<'a>>,
    #[serde(borrow)]
    pub status: Option<Str<'a>>,
    #[serde(borrow)]
    pub max_loaded_at: Option<Str<'a>>,
    #[serde(borrow)]
    pub snapshotted_at: Option<Str<'a>>,
}

objects_only!(RawSourcesFile, RawFreshness);

//! `catalog.json` (v1): what the warehouse holds, from `dbt docs generate`.

use serde::Deserialize;

use super::{objects_only, OrderedMap, RawMetadata, Str};

/// The whole catalog.
#[derive(Debug, Default, Deserialize)]
#[serde(default, remote = "Self", expecting = "a catalog.json object")]
pub(crate) struct RawCatalog<'a> {
    #[serde(borrow)]
    pub metadata: RawMetadata<'a>,
    #[serde(borrow)]
    pub nodes: OrderedMap<'a, RawCatalogTable<'a>>,
    #[serde(borrow)]
    pub sources: OrderedMap<'a, RawCatalogTable<'a>>,
}

/// One relation in the warehouse.
#[derive(Debug, Default, Deserialize)]
#[serde(default, remote = "Self", expecting = "an object (a relation, with `metadata` and `columns`)")]
pub(crate) struct RawCatalogTable<'a> {
    #[serde(borrow)]
    pub metadata: RawTableMetadata<'a>,
    #[serde(borrow)]
    pub columns: OrderedMap<'a, RawCatalogColumn<'a>>,
}

/// A relation's metadata.
#[derive(Debug, Default, Deserialize)]
#[serde(default, remote = "Self", expecting = "an object (a relation's metadata, with `type`)")]
pub(crate) struct RawTableMetadata<'a> {
    #[serde(borrow, rename = "type")]
    pub kind: Option<Str<'a>>,
    #[serde(borrow)]
    pub owner: Option<Str<'a>>,
    #[serde(borrow)]
    pub comment: Option<Str<'a>>,
}

/// A column as the warehouse reports it.
#[derive(Debug, Default, Deserialize)]
#[serde(default, remote = "Self", expecting = "an object (a column, with `name` and `type`)")]
pub(crate) struct RawCatalogColumn<'a> {
    #[serde(borrow)]
    pub name: Option<Str<'a>>,
    #[serde(borrow, rename = "type")]
    pub data_type: Option<Str<'a>>,
    #[serde(borrow)]
    pub comment: Option<Str<'a>>,
}

objects_only!(RawCatalog, RawCatalogTable, RawTableMetadata, RawCatalogColumn);

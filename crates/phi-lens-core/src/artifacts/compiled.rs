//! A second, on-demand view of `manifest.json`: each model's compiled SQL and nothing else.
//!
//! The ordinary load ([`super::manifest`]) only notes *whether* a node has compiled SQL, so
//! that the overview never pays for the text. Column lineage reads the same bytes again with
//! this view, which names only `metadata.adapter_type` and, per node, `resource_type` and
//! `compiled_code` / `compiled_sql`; serde skips everything else without building values.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

use super::{BorrowedStr, Str};

/// The metadata field the SQL view needs.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawAdapter<'a> {
    #[serde(borrow)]
    adapter_type: Option<Str<'a>>,
}

/// A node, as far as its compiled SQL goes.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawCompiledNode<'a> {
    #[serde(borrow)]
    resource_type: Option<Str<'a>>,
    #[serde(borrow)]
    compiled_code: Option<Str<'a>>,
    #[serde(borrow)]
    compiled_sql: Option<Str<'a>>,
}

/// The compiled SQL of a manifest's models, borrowed from its bytes where it has no escapes.
#[derive(Debug, Default)]
pub(crate) struct RawCompiled<'a> {
    /// `metadata.adapter_type`.
    pub adapter_type: Option<Str<'a>>,
    /// (unique_id, SQL) of every model with non-empty compiled SQL, in file order.
    pub models: Vec<(Str<'a>, Str<'a>)>,
}

impl<'de> Deserialize<'de> for RawCompiled<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(TopLevel)
    }
}

struct TopLevel;

impl<'de> Visitor<'de> for TopLevel {
    type Value = RawCompiled<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a dbt manifest object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = RawCompiled::default();
        while let Some(BorrowedStr(key)) = map.next_key()? {
            match key.as_ref() {
                "metadata" => {
                    let md: Option<RawAdapter<'de>> = map.next_value()?;
                    out.adapter_type = md.and_then(|m| m.adapter_type);
                }
                "nodes" => map.next_value_seed(Nodes(&mut out.models))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(out)
    }
}

/// The `nodes` section: models with SQL are kept, the rest read and dropped.
struct Nodes<'o, 'de>(&'o mut Vec<(Str<'de>, Str<'de>)>);

impl<'de> DeserializeSeed<'de> for Nodes<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for Nodes<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object keyed by unique_id")
    }

    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(BorrowedStr(key)) = map.next_key()? {
            let node: Option<RawCompiledNode<'de>> = map.next_value()?;
            let Some(node) = node else { continue };
            if node.resource_type.as_deref() != Some("model") {
                continue;
            }
            if let Some(sql) = node.compiled_code.or(node.compiled_sql).filter(|s| !s.trim().is_empty()) {
                self.0.push((key, sql));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_models_sql_and_adapter_only() {
        let text = br#"{"metadata": {"adapter_type": "snowflake", "x": 1},
            "nodes": {"model.p.a": {"resource_type": "model", "compiled_code": "select 1 as a", "columns": {}},
                      "model.p.b": {"resource_type": "model", "compiled_sql": "select 2"},
                      "model.p.c": {"resource_type": "model", "compiled_code": "  "},
                      "test.p.t": {"resource_type": "test", "compiled_code": "select 3"}},
            "sources": {}}"#;
        let raw: RawCompiled = serde_json::from_slice(text).unwrap_or_default();
        assert_eq!(raw.adapter_type.as_deref(), Some("snowflake"));
        let ids: Vec<_> = raw.models.iter().map(|(k, s)| (k.as_ref(), s.as_ref())).collect();
        assert_eq!(ids, [("model.p.a", "select 1 as a"), ("model.p.b", "select 2")]);
    }
}

//! Typed, borrowing serde views of dbt's artifacts, and the small value types they share.
//!
//! Only the fields phi-lens uses are named; everything else is skipped by serde without being
//! materialised (`IgnoredAny`), so a 70 MB manifest never becomes a `serde_json::Value` tree.
//! Strings borrow from the input when they have no escapes (`Cow<'a, str>`). Every field is
//! optional and `null`-tolerant because dbt's schemas changed across v1–v12 and dbt Fusion.

pub(crate) mod catalog;
pub(crate) mod manifest;
pub(crate) mod run_results;
pub(crate) mod sources;

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// A string that borrows from the input when it can.
pub(crate) type Str<'a> = Cow<'a, str>;

/// A `meta` value: arbitrary JSON, kept in a deterministic order.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum MetaValue {
    /// JSON `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// A string.
    Str(String),
    /// A list.
    List(Vec<MetaValue>),
    /// An object, keys sorted.
    Map(Meta),
}

/// A `meta` object (or any JSON object inside one): entries sorted by key, keys unique.
///
/// A sorted vector rather than a `BTreeMap`: most meta objects have a handful of keys, and a
/// large project has tens of thousands of them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta(Vec<(String, MetaValue)>);

impl Meta {
    /// An empty object.
    pub fn new() -> Self {
        Meta(Vec::new())
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&MetaValue> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok().and_then(|i| self.0.get(i)).map(|(_, v)| v)
    }

    /// Sets `key`, replacing an earlier value.
    pub fn insert(&mut self, key: String, value: MetaValue) {
        match self.0.binary_search_by(|(k, _)| k.as_str().cmp(&key)) {
            Ok(i) => {
                if let Some(slot) = self.0.get_mut(i) {
                    slot.1 = value;
                }
            }
            Err(i) => self.0.insert(i, (key, value)),
        }
    }

    /// Adds every entry of `other`, its values winning on a clash.
    pub fn extend(&mut self, other: Meta) {
        if self.0.is_empty() {
            *self = other;
            return;
        }
        for (k, v) in other.0 {
            self.insert(k, v);
        }
    }

    /// Entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &MetaValue)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no keys.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl serde::Serialize for Meta {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<'de> Deserialize<'de> for Meta {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Meta;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Meta, A::Error> {
                let mut entries: Vec<(String, MetaValue)> = Vec::new();
                while let Some(entry) = map.next_entry::<String, MetaValue>()? {
                    entries.push(entry);
                }
                // Sort stably and keep the last of equal keys, as JSON parsers do.
                entries.sort_by(|a, b| a.0.cmp(&b.0));
                let mut out: Vec<(String, MetaValue)> = Vec::with_capacity(entries.len());
                for (k, v) in entries {
                    match out.last_mut() {
                        Some(last) if last.0 == k => last.1 = v,
                        _ => out.push((k, v)),
                    }
                }
                Ok(Meta(out))
            }
        }
        d.deserialize_map(V)
    }
}

impl MetaValue {
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            MetaValue::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Whether the value reads as "yes": `true`, `"true"`, `"yes"`, `1`.
    pub fn is_truthy(&self) -> bool {
        match self {
            MetaValue::Bool(b) => *b,
            MetaValue::Int(i) => *i != 0,
            MetaValue::Str(s) => matches!(s.trim().to_ascii_lowercase().as_str(), "true" | "yes" | "y" | "1"),
            _ => false,
        }
    }

    /// Whether the value is empty: null, an empty string, list or object.
    pub fn is_empty(&self) -> bool {
        match self {
            MetaValue::Null => true,
            MetaValue::Str(s) => s.trim().is_empty(),
            MetaValue::List(l) => l.is_empty(),
            MetaValue::Map(m) => m.is_empty(),
            _ => false,
        }
    }
}

impl fmt::Display for MetaValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MetaValue::Str(s) => f.write_str(s),
            other => match serde_json::to_string(other) {
                Ok(s) => f.write_str(&s),
                Err(_) => Err(fmt::Error),
            },
        }
    }
}

impl<'de> Deserialize<'de> for MetaValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = MetaValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E>(self) -> Result<MetaValue, E> {
                Ok(MetaValue::Null)
            }
            fn visit_none<E>(self) -> Result<MetaValue, E> {
                Ok(MetaValue::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<MetaValue, D::Error> {
                MetaValue::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<MetaValue, E> {
                Ok(MetaValue::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<MetaValue, E> {
                Ok(MetaValue::Int(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<MetaValue, E> {
                Ok(i64::try_from(v).map_or(MetaValue::Float(v as f64), MetaValue::Int))
            }
            fn visit_f64<E>(self, v: f64) -> Result<MetaValue, E> {
                Ok(MetaValue::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<MetaValue, E> {
                Ok(MetaValue::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<MetaValue, E> {
                Ok(MetaValue::Str(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<MetaValue, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = seq.next_element()? {
                    out.push(v);
                }
                Ok(MetaValue::List(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<MetaValue, A::Error> {
                Meta::deserialize(de::value::MapAccessDeserializer::new(map)).map(MetaValue::Map)
            }
        }
        d.deserialize_any(V)
    }
}

/// `meta` as dbt writes it: an object, or `null`; anything else is a shape error.
#[derive(Debug, Default)]
pub(crate) struct RawMeta(pub Meta);

impl<'de> Deserialize<'de> for RawMeta {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Option::<Meta>::deserialize(d)? {
            Some(m) => Ok(RawMeta(m)),
            None => Ok(RawMeta::default()),
        }
    }
}

/// A list of strings that dbt sometimes writes as a single string (`tags: "phi"`), or `null`.
#[derive(Debug, Default)]
pub(crate) struct StrList<'a>(pub Vec<Str<'a>>);

impl<'de: 'a, 'a> Deserialize<'de> for StrList<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = StrList<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(StrList::default())
            }
            fn visit_none<E>(self) -> Result<Self::Value, E> {
                Ok(StrList::default())
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                StrList::deserialize(d)
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(StrList(vec![Cow::Borrowed(v)]))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(StrList(vec![Cow::Owned(v.to_owned())]))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(StrList(vec![Cow::Owned(v)]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(BorrowedStr(s)) = seq.next_element()? {
                    out.push(s);
                }
                Ok(StrList(out))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A string that borrows when it can (serde's `Cow<str>` never borrows without `#[serde(borrow)]`).
pub(crate) struct BorrowedStr<'a>(pub Str<'a>);

impl<'de: 'a, 'a> Deserialize<'de> for BorrowedStr<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = BorrowedStr<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(BorrowedStr(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(BorrowedStr(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(BorrowedStr(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V(std::marker::PhantomData))
    }
}

/// A JSON object read into a vector, keeping the file's order (dbt's column order matters).
#[derive(Debug)]
pub(crate) struct OrderedMap<'a, V>(pub Vec<(Str<'a>, V)>);

impl<V> Default for OrderedMap<'_, V> {
    fn default() -> Self {
        OrderedMap(Vec::new())
    }
}

impl<'de: 'a, 'a, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<'a, V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Vis<'a, V>(std::marker::PhantomData<(&'a (), V)>);
        impl<'de: 'a, 'a, V: Deserialize<'de>> Visitor<'de> for Vis<'a, V> {
            type Value = OrderedMap<'a, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(OrderedMap::default())
            }
            fn visit_none<E>(self) -> Result<Self::Value, E> {
                Ok(OrderedMap::default())
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                OrderedMap::deserialize(d)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(BorrowedStr(k)) = map.next_key()? {
                    out.push((k, map.next_value()?));
                }
                Ok(OrderedMap(out))
            }
        }
        d.deserialize_any(Vis(std::marker::PhantomData))
    }
}

/// Grants: `{privilege: role}` or `{privilege: [roles]}`.
pub(crate) type RawGrants<'a> = OrderedMap<'a, StrList<'a>>;

/// dbt hooks: a string, an object with `sql`, or a list of either; `null` is none.
#[derive(Debug, Default)]
pub(crate) struct RawHooks(pub Vec<String>);

impl<'de> Deserialize<'de> for RawHooks {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum One {
            Sql(String),
            Obj {
                #[serde(default)]
                sql: Option<String>,
            },
        }
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Many {
            Null,
            One(One),
            List(Vec<One>),
        }
        let many = Many::deserialize(d)?;
        let list = match many {
            Many::Null => Vec::new(),
            Many::One(o) => vec![o],
            Many::List(l) => l,
        };
        Ok(RawHooks(
            list.into_iter()
                .filter_map(|o| match o {
                    One::Sql(s) => Some(s),
                    One::Obj { sql } => sql,
                })
                .collect(),
        ))
    }
}

/// Whether a field holds something other than `null`, without reading it.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Present(pub bool);

impl<'de> Deserialize<'de> for Present {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Present(Option::<IgnoredAny>::deserialize(d)?.is_some()))
    }
}

/// A boolean that old artifacts sometimes wrote as a string, or `null`.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct LooseBool(pub Option<bool>);

impl<'de> Deserialize<'de> for LooseBool {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(LooseBool(match MetaValue::deserialize(d)? {
            MetaValue::Null => None,
            v => Some(v.is_truthy()),
        }))
    }
}

/// The `metadata` block every artifact starts with.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(crate) struct RawMetadata<'a> {
    #[serde(borrow)]
    pub dbt_schema_version: Option<Str<'a>>,
    #[serde(borrow)]
    pub dbt_version: Option<Str<'a>>,
    #[serde(borrow)]
    pub generated_at: Option<Str<'a>>,
    #[serde(borrow)]
    pub invocation_id: Option<Str<'a>>,
    #[serde(borrow)]
    pub project_name: Option<Str<'a>>,
    #[serde(borrow)]
    pub project_id: Option<Str<'a>>,
    #[serde(borrow)]
    pub adapter_type: Option<Str<'a>>,
    pub send_anonymous_usage_stats: LooseBool,
}

/// Parses `vN` out of a schema URL such as `https://schemas.getdbt.com/dbt/manifest/v12.json`,
/// with the artifact segment (`manifest`, `catalog`, `run-results`, `sources`).
pub(crate) fn schema_version(url: &str) -> Option<(&str, u32)> {
    let file = url.rsplit('/').next()?;
    let number = file.strip_suffix(".json")?.strip_prefix('v')?;
    let version: u32 = number.parse().ok()?;
    let mut parts = url.rsplit('/');
    parts.next();
    let segment = parts.next()?;
    Some((segment, version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_schema_versions() {
        assert_eq!(schema_version("https://schemas.getdbt.com/dbt/manifest/v12.json"), Some(("manifest", 12)));
        assert_eq!(schema_version("https://schemas.getdbt.com/dbt/run-results/v6.json"), Some(("run-results", 6)));
        assert_eq!(schema_version("nonsense"), None);
        assert_eq!(schema_version("https://x/manifest/vX.json"), None);
    }

    #[test]
    fn str_list_accepts_string_list_and_null() {
        let parse = |s: &str| serde_json::from_str::<StrList>(s).map(|l| l.0.len()).map_err(|e| e.to_string());
        assert_eq!(parse("\"phi\""), Ok(1));
        assert_eq!(parse("[\"a\",\"b\"]"), Ok(2));
        assert_eq!(parse("null"), Ok(0));
        assert!(parse("5").is_err());
    }

    #[test]
    fn hooks_accept_every_shape() {
        let parse = |s: &str| serde_json::from_str::<RawHooks>(s).map(|h| h.0).unwrap_or_default();
        assert_eq!(parse("\"grant x\""), vec!["grant x"]);
        assert_eq!(parse("[{\"sql\":\"a\",\"transaction\":true}, \"b\"]"), vec!["a", "b"]);
        assert!(parse("null").is_empty());
    }
}

//! Typed, borrowing serde views of dbt's artifacts, and the small value types they share.
//!
//! Only the fields phi-lens uses are named; everything else is skipped by serde without being
//! materialised (`IgnoredAny`), so a 70 MB manifest never becomes a `serde_json::Value` tree.
//! Strings borrow from the input when they have no escapes (`Cow<'a, str>`). Every field is
//! optional and `null`-tolerant because dbt's schemas changed across v1–v12 and dbt Fusion.
//! Structs are read from JSON objects only ([`ObjectOnly`]), and say what they are in their
//! `expecting` text, so that a shape error reads "expected an object (a dbt node)".

pub(crate) mod catalog;
pub(crate) mod compiled;
pub(crate) mod manifest;
pub(crate) mod run_results;
pub(crate) mod sources;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
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

impl<'a, V> OrderedMap<'a, V> {
    /// Each repeated key once: at its first place, with its last value, as JSON parsers read
    /// `{"a": 1, "a": 2}`. A map without repeats is returned as is, without allocating.
    pub(crate) fn last_of_each_key(self) -> Self {
        // Most nodes have a few columns: comparing every pair is cheaper than hashing them.
        const PAIRWISE: usize = 24;
        let entries = self.0;
        let repeats = if entries.len() <= PAIRWISE {
            entries.iter().enumerate().any(|(i, (k, _))| entries.iter().skip(i + 1).any(|(other, _)| other == k))
        } else {
            let mut seen: HashSet<&str> = HashSet::with_capacity(entries.len());
            !entries.iter().all(|(k, _)| seen.insert(k.as_ref()))
        };
        if !repeats {
            return OrderedMap(entries);
        }
        let mut at: HashMap<Str<'a>, usize> = HashMap::with_capacity(entries.len());
        let mut out: Vec<(Str<'a>, V)> = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            match at.get(&key).and_then(|&i| out.get_mut(i)) {
                Some(slot) => slot.1 = value,
                None => {
                    at.insert(key.clone(), out.len());
                    out.push((key, value));
                }
            }
        }
        OrderedMap(out)
    }
}

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
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawHooks;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a SQL string, an object with `sql`, or a list of them")
            }
            fn visit_unit<E>(self) -> Result<RawHooks, E> {
                Ok(RawHooks::default())
            }
            fn visit_none<E>(self) -> Result<RawHooks, E> {
                Ok(RawHooks::default())
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawHooks, D::Error> {
                RawHooks::deserialize(d)
            }
            fn visit_str<E>(self, v: &str) -> Result<RawHooks, E> {
                Ok(RawHooks(vec![v.to_owned()]))
            }
            fn visit_string<E>(self, v: String) -> Result<RawHooks, E> {
                Ok(RawHooks(vec![v]))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawHooks, A::Error> {
                Ok(RawHooks(hook_sql(map)?.into_iter().collect()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawHooks, A::Error> {
                let mut out = Vec::new();
                while let Some(Hook(sql)) = seq.next_element()? {
                    out.extend(sql);
                }
                Ok(RawHooks(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// One hook in a list: a SQL string or an object with `sql` (`null` is none).
struct Hook(Option<String>);

impl<'de> Deserialize<'de> for Hook {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Hook;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a SQL string or an object with `sql`")
            }
            fn visit_unit<E>(self) -> Result<Hook, E> {
                Ok(Hook(None))
            }
            fn visit_str<E>(self, v: &str) -> Result<Hook, E> {
                Ok(Hook(Some(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Hook, E> {
                Ok(Hook(Some(v)))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Hook, A::Error> {
                hook_sql(map).map(Hook)
            }
        }
        d.deserialize_any(V)
    }
}

/// The `sql` of a hook object (`{"sql": "…", "transaction": true}`); other keys are skipped.
fn hook_sql<'de, A: MapAccess<'de>>(mut map: A) -> Result<Option<String>, A::Error> {
    let mut sql = None;
    while let Some(BorrowedStr(key)) = map.next_key()? {
        if key == "sql" {
            sql = map.next_value::<Option<String>>()?;
        } else {
            map.next_value::<IgnoredAny>()?;
        }
    }
    Ok(sql)
}

/// A whole number (`failures`), or `null`; a float with no fraction (`2.0`) is read as one.
pub(crate) fn whole_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<i64>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a whole number")
        }
        fn visit_unit<E>(self) -> Result<Option<i64>, E> {
            Ok(None)
        }
        fn visit_none<E>(self) -> Result<Option<i64>, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<i64>, D::Error> {
            whole_number(d)
        }
        fn visit_i64<E>(self, v: i64) -> Result<Option<i64>, E> {
            Ok(Some(v))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<i64>, E> {
            i64::try_from(v).map(Some).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<i64>, E> {
            // Exact for every whole number a count can hold; ±2^63 is rejected.
            if v.fract() == 0.0 && v.abs() < 9.223_372_036_854_775e18 {
                Ok(Some(v as i64))
            } else {
                Err(E::invalid_value(de::Unexpected::Float(v), &self))
            }
        }
    }
    d.deserialize_any(V)
}

/// Forwards to `D`, except that a struct is read only from a JSON object.
///
/// serde's derive also reads a struct from a list, field by position, so `"config": []` or a
/// node written as `["x", "model"]` would load as nonsense instead of being refused.
pub(crate) struct ObjectOnly<D>(pub D);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ObjectOnly<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// `Deserialize` for raw structs derived with `#[serde(remote = "Self")]`: the derived code
/// behind [`ObjectOnly`], so that a list is refused with the struct's `expecting` text.
macro_rules! objects_only {
    ($($ty:ident),* $(,)?) => {$(
        impl<'de: 'a, 'a> serde::Deserialize<'de> for $ty<'a> {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $ty::deserialize($crate::artifacts::ObjectOnly(d))
            }
        }
    )*};
}
pub(crate) use objects_only;

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
#[serde(default, remote = "Self", expecting = "an object with `dbt_schema_version`, `dbt_version`…")]
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

objects_only!(RawMetadata);

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
        assert_eq!(parse("{\"sql\":\"x\"}"), vec!["x"]);
        assert_eq!(parse("[null, {\"sql\": null, \"transaction\": false}, \"c\"]"), vec!["c"]);
        let err = serde_json::from_str::<RawHooks>("[3]").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("expected a SQL string or an object with `sql`"), "{err}");
    }

    #[test]
    fn raw_structs_refuse_lists() {
        let err = serde_json::from_str::<RawMetadata>("[\"x\"]").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.starts_with("invalid type: sequence, expected an object with `dbt_schema_version`"), "{err}");
        let md = serde_json::from_str::<RawMetadata>("{\"dbt_version\": \"1.9.0\"}").unwrap_or_default();
        assert_eq!(md.dbt_version.as_deref(), Some("1.9.0"));
    }

    #[test]
    fn repeated_keys_keep_the_first_place_and_the_last_value() {
        let keys = |json: &str| {
            serde_json::from_str::<OrderedMap<'_, u8>>(json)
                .map(|m| m.last_of_each_key().0.into_iter().map(|(k, v)| (k.into_owned(), v)).collect::<Vec<_>>())
                .unwrap_or_default()
        };
        assert_eq!(keys(r#"{"a": 1, "b": 2, "a": 3}"#), vec![("a".to_string(), 3), ("b".to_string(), 2)]);
        assert_eq!(keys(r#"{"a": 1, "b": 2}"#), vec![("a".to_string(), 1), ("b".to_string(), 2)]);
    }
}

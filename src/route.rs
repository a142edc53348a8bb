//! Hash routes: every view has an address an auditor can paste into evidence, with its filters
//! in the query (`#/nodes?phi=declared&q=patient`). Plain Rust: parsed and written here, tested
//! natively; the app only listens to `hashchange`.
//!
//! Routes (dbt docs users will recognise the vocabulary):
//! - `#/` overview; `#/nodes` the models list; `#/node/<unique_id>` one node;
//! - `#/findings`; `#/exposure/<unique_id>`; `#/lineage/<unique_id>`;
//! - `#/policy`: the policy in force, editable;
//! - `#/diff`: what changed since the base the project is compared with (`?base=DIR`, or
//!   files chosen as the base).

use std::collections::BTreeMap;

use crate::uri_component::{decode, encode, query_pairs};

/// A view and its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `#/`: the project overview.
    Overview,
    /// `#/nodes?…`: every node, filtered.
    Nodes(Query),
    /// `#/node/<unique_id>`.
    Node(String),
    /// `#/findings?…`: every finding, filtered.
    Findings(Query),
    /// `#/exposure/<unique_id>`.
    Exposure(String),
    /// `#/lineage/<unique_id>`.
    Lineage(String),
    /// `#/policy`: the policy in force, as TOML, editable.
    Policy,
    /// `#/diff`: what changed since the base build.
    Diff,
    /// Anything else, as written.
    NotFound(String),
}

/// The parameters of a list view, by name (sorted, so the written hash is deterministic).
/// Empty values are not kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query(BTreeMap<String, String>);

impl Query {
    /// The value of `key`, if set.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    /// A copy with `key` set to `value` (removed when `value` is empty).
    pub fn with(&self, key: &str, value: &str) -> Query {
        let mut q = self.clone();
        if value.is_empty() {
            q.0.remove(key);
        } else {
            q.0.insert(key.to_string(), value.to_string());
        }
        q
    }

    /// Builds a query from pairs (empty values dropped).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Query {
        pairs.into_iter().fold(Query::default(), |q, (k, v)| q.with(k, v))
    }

    /// Whether no parameter is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn parse(text: &str) -> Query {
        query_pairs(text).fold(Query::default(), |q, (k, v)| q.with(&k, &v))
    }

    fn write(&self) -> String {
        let parts: Vec<String> = self.0.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
        parts.join("&")
    }
}

impl Route {
    /// Reads `location.hash` (with or without the leading `#`).
    pub fn parse(hash: &str) -> Route {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
        let path = path.strip_prefix('/').unwrap_or(path);
        let query = Query::parse(query);
        let (head, rest) = path.split_once('/').map_or((path, None), |(h, r)| (h, Some(decode(r))));
        match (head, rest) {
            ("", None) => Route::Overview,
            ("nodes" | "models", None) => Route::Nodes(query),
            ("findings", None) => Route::Findings(query),
            ("policy", None) => Route::Policy,
            ("diff", None) => Route::Diff,
            ("node" | "model" | "source" | "seed" | "snapshot", Some(id)) if !id.is_empty() => Route::Node(id),
            ("exposure", Some(id)) if !id.is_empty() => Route::Exposure(id),
            ("lineage", Some(id)) if !id.is_empty() => Route::Lineage(id),
            ("nodes" | "findings" | "policy" | "diff", Some(rest)) if rest.is_empty() => {
                Route::parse(&format!("/{head}"))
            }
            _ => Route::NotFound(hash.to_string()),
        }
    }

    /// The hash that opens this route, `#/…`.
    pub fn href(&self) -> String {
        let with_query = |path: &str, q: &Query| {
            if q.is_empty() {
                format!("#/{path}")
            } else {
                format!("#/{path}?{}", q.write())
            }
        };
        match self {
            Route::Overview => "#/".to_string(),
            Route::Nodes(q) => with_query("nodes", q),
            Route::Node(id) => format!("#/node/{}", encode(id)),
            Route::Findings(q) => with_query("findings", q),
            Route::Exposure(id) => format!("#/exposure/{}", encode(id)),
            Route::Lineage(id) => format!("#/lineage/{}", encode(id)),
            Route::Policy => "#/policy".to_string(),
            Route::Diff => "#/diff".to_string(),
            Route::NotFound(text) => format!("#{text}"),
        }
    }

    /// The route showing a resource: exposures have their own page, every other id is a node.
    pub fn resource(unique_id: &str) -> Route {
        if unique_id.starts_with("exposure.") {
            Route::Exposure(unique_id.to_string())
        } else {
            Route::Node(unique_id.to_string())
        }
    }

    /// The navigation section the route belongs to (for `aria-current`).
    pub fn section(&self) -> Section {
        match self {
            Route::Overview | Route::Diff | Route::NotFound(_) => Section::Overview,
            Route::Nodes(_) | Route::Node(_) => Section::Nodes,
            Route::Findings(_) => Section::Findings,
            Route::Exposure(_) | Route::Lineage(_) => Section::Exposures,
            Route::Policy => Section::Policy,
        }
    }

    /// Whether going from `self` to `next` opens another page (rather than refining a list's
    /// filters): the page then scrolls to the top and takes the focus.
    pub fn is_new_page(&self, next: &Route) -> bool {
        !matches!((self, next), (Route::Nodes(_), Route::Nodes(_)) | (Route::Findings(_), Route::Findings(_)))
            && self != next
    }
}

/// The sections of the navigation bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The overview.
    Overview,
    /// The models list and node pages.
    Nodes,
    /// The findings.
    Findings,
    /// Exposures and lineage.
    Exposures,
    /// The policy.
    Policy,
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn parses_every_view() {
        assert_eq!(Route::parse(""), Route::Overview);
        assert_eq!(Route::parse("#/"), Route::Overview);
        assert_eq!(Route::parse("#/nodes"), Route::Nodes(Query::default()));
        assert_eq!(Route::parse("#/findings/"), Route::Findings(Query::default()));
        assert_eq!(Route::parse("#/node/model.clinic.dim_patients"), Route::Node("model.clinic.dim_patients".into()));
        assert_eq!(Route::parse("#/exposure/exposure.clinic.kpis"), Route::Exposure("exposure.clinic.kpis".into()));
        assert_eq!(Route::parse("#/lineage/model.a.b"), Route::Lineage("model.a.b".into()));
        assert_eq!(Route::parse("#/node/"), Route::NotFound("/node/".into()));
        assert_eq!(Route::parse("#/nope"), Route::NotFound("/nope".into()));
        // dbt docs' own paths open the node page too.
        assert_eq!(Route::parse("#/model/model.a.b"), Route::Node("model.a.b".into()));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_policy_view_round_trips() {
        assert_eq!(Route::Policy.href(), "#/policy");
        assert_eq!(Route::parse(&Route::Policy.href()), Route::Policy);
        assert_eq!(Route::parse("#/policy/"), Route::Policy);
        assert_eq!(Route::parse("policy"), Route::Policy);
        assert_eq!(Route::parse("#/policy?x=1"), Route::Policy);
        assert_eq!(Route::parse("#/policy/x"), Route::NotFound("/policy/x".into()));
        assert_eq!(Route::Policy.section(), Section::Policy);
        assert!(Route::Overview.is_new_page(&Route::Policy));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_diff_view_round_trips() {
        assert_eq!(Route::Diff.href(), "#/diff");
        assert_eq!(Route::parse("#/diff"), Route::Diff);
        assert_eq!(Route::parse("#/diff/"), Route::Diff);
        assert_eq!(Route::parse("#/diff/x"), Route::NotFound("/diff/x".into()));
        assert_eq!(Route::Diff.section(), Section::Overview);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn filters_round_trip_through_the_hash() {
        let q = Query::from_pairs([("q", "patient dob"), ("phi", "declared"), ("tag", "a&b=c"), ("empty", "")]);
        let route = Route::Nodes(q.clone());
        let href = route.href();
        assert_eq!(href, "#/nodes?phi=declared&q=patient%20dob&tag=a%26b%3Dc");
        assert_eq!(Route::parse(&href), route);
        assert_eq!(Route::parse("#/nodes?q=a+b&x").href(), "#/nodes?q=a%20b");
        assert_eq!(q.with("phi", "").get("phi"), None);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn odd_ids_survive_a_round_trip() {
        for id in
            ["model.p.a/b c?d#e", "source.p.s.Tbl%20x", "model.p.ünïcode", "model.p.%", "model.p.%4", "seed.p.a+b"]
        {
            let route = Route::Node(id.to_string());
            assert_eq!(Route::parse(&route.href()), route, "{id}");
        }
        // A `+` in an id is itself (a space only in the query's values).
        assert_eq!(Route::parse("#/node/seed.p.a+b"), Route::Node("seed.p.a+b".into()));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn refining_a_list_is_not_a_new_page() {
        let a = Route::parse("#/nodes?q=a");
        assert!(!a.is_new_page(&Route::parse("#/nodes?q=ab")));
        assert!(a.is_new_page(&Route::Overview));
        assert!(!Route::Overview.is_new_page(&Route::Overview));
        assert_eq!(Route::resource("exposure.p.e"), Route::Exposure("exposure.p.e".into()));
        assert_eq!(Route::resource("source.p.s.t"), Route::Node("source.p.s.t".into()));
    }
}

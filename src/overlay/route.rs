//! dbt docs' routes, as the overlay reads them from `location.hash` (`#!/model/<id>?g_v=1`),
//! and the phi-lens app's address for the same thing. Plain Rust, tested natively. Ids are
//! decoded, and the app's routes written, by the app's own code (`phi_lens::uri_component`,
//! `phi_lens::route`), so the two never read an id differently.

use phi_lens::route::Route;
use phi_lens::uri_component::decode;

/// What dbt docs shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocsRoute {
    /// `#!/overview` or `#!/overview/<project>` (and the empty hash: dbt docs redirects there).
    Overview,
    /// `#!/model/<id>`, `#!/source/<id>`, `#!/seed/<id>`, `#!/snapshot/<id>`.
    Node(String),
    /// `#!/exposure/<id>`.
    Exposure(String),
    /// Anything else (graph, macros, tests, metrics…): the overlay adds nothing there.
    Other,
}

impl DocsRoute {
    /// Parses dbt docs' hash (`#!/model/model.clinic.dim_patients?section=columns`).
    pub fn parse(hash: &str) -> DocsRoute {
        let path = hash.trim_start_matches('#').trim_start_matches('!');
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let mut parts = path.trim_start_matches('/').splitn(2, '/');
        let kind = parts.next().unwrap_or_default();
        let id = decode(parts.next().unwrap_or_default().trim_end_matches('/'));
        match kind {
            "" | "overview" => DocsRoute::Overview,
            "model" | "source" | "seed" | "snapshot" if !id.is_empty() => DocsRoute::Node(id),
            "exposure" if !id.is_empty() => DocsRoute::Exposure(id),
            _ => DocsRoute::Other,
        }
    }

    /// The phi-lens app's view of the same thing, relative to the docs page.
    pub fn app_href(&self) -> String {
        let route = match self {
            DocsRoute::Node(id) => Route::Node(id.clone()),
            DocsRoute::Exposure(id) => Route::Exposure(id.clone()),
            DocsRoute::Overview | DocsRoute::Other => Route::Overview,
        };
        format!("phi-lens/index.html{}", route.href())
    }

    /// A key naming what the overlay drew for this route (marks its elements, so a redraw
    /// for the same route is a no-op and a stale one is replaced).
    pub fn key(&self) -> String {
        match self {
            DocsRoute::Overview => "overview".to_string(),
            DocsRoute::Node(id) => format!("node:{id}"),
            DocsRoute::Exposure(id) => format!("exposure:{id}"),
            DocsRoute::Other => "other".to_string(),
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn reads_dbt_docs_routes() {
        let node = |id: &str| DocsRoute::Node(id.to_string());
        assert_eq!(DocsRoute::parse("#!/model/model.clinic.dim_patients"), node("model.clinic.dim_patients"));
        assert_eq!(
            DocsRoute::parse("#!/model/model.clinic.dim_patients?g_v=1&section=columns"),
            node("model.clinic.dim_patients")
        );
        assert_eq!(DocsRoute::parse("#!/source/source.clinic.ehr.patients"), node("source.clinic.ehr.patients"));
        assert_eq!(DocsRoute::parse("#!/seed/seed.clinic.icd10_codes"), node("seed.clinic.icd10_codes"));
        assert_eq!(DocsRoute::parse("#!/snapshot/snapshot.clinic.s"), node("snapshot.clinic.s"));
        assert_eq!(
            DocsRoute::parse("#!/exposure/exposure.clinic.cmo_quality_dashboard"),
            DocsRoute::Exposure("exposure.clinic.cmo_quality_dashboard".into())
        );
        assert_eq!(DocsRoute::parse("#!/overview"), DocsRoute::Overview);
        assert_eq!(DocsRoute::parse("#!/overview/clinic"), DocsRoute::Overview);
        assert_eq!(DocsRoute::parse(""), DocsRoute::Overview);
        assert_eq!(DocsRoute::parse("#!/graph"), DocsRoute::Other);
        assert_eq!(DocsRoute::parse("#!/macro/macro.clinic.x"), DocsRoute::Other);
        assert_eq!(DocsRoute::parse("#!/model/"), DocsRoute::Other);
        assert_eq!(DocsRoute::parse("#!/model/model.p.a%20b"), node("model.p.a b"));
        assert_eq!(DocsRoute::parse("#!/model/model.p.bad%zz%"), node("model.p.bad%zz%"));
        assert_eq!(DocsRoute::parse("#!/seed/seed.p.a+b"), node("seed.p.a+b"));
    }

    #[test]
    fn links_to_the_same_thing_in_the_app() {
        assert_eq!(
            DocsRoute::parse("#!/model/model.clinic.dim_patients").app_href(),
            "phi-lens/index.html#/node/model.clinic.dim_patients"
        );
        assert_eq!(
            DocsRoute::Exposure("exposure.p.e x".into()).app_href(),
            "phi-lens/index.html#/exposure/exposure.p.e%20x"
        );
        assert_eq!(DocsRoute::Overview.app_href(), "phi-lens/index.html#/");
        // What the overlay links to, the app opens.
        for id in ["model.p.a+b c", "model.p.100%", "model.p.a/b#c", "model.p.ünï"] {
            let href = DocsRoute::Node(id.to_string()).app_href();
            let hash = href.strip_prefix("phi-lens/index.html").unwrap_or_default();
            assert_eq!(Route::parse(hash), Route::Node(id.to_string()), "{href}");
        }
    }
}

//! dbt docs' routes, as the overlay reads them from `location.hash` (`#!/model/<id>?g_v=1`),
//! and the phi-lens app's address for the same thing. Plain Rust, tested natively.

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
        match self {
            DocsRoute::Node(id) => format!("phi-lens/index.html#/node/{}", encode(id)),
            DocsRoute::Exposure(id) => format!("phi-lens/index.html#/exposure/{}", encode(id)),
            DocsRoute::Overview | DocsRoute::Other => "phi-lens/index.html#/".to_string(),
        }
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

/// Percent-encodes everything but unreserved characters (as the app's router writes ids).
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes; invalid ones are kept as written, invalid UTF-8 is replaced.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
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
    }
}

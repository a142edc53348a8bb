//! The models list as data: which rows the filters in the hash keep, in which order, and the
//! window of rows a virtualised list renders.
//!
//! Parameters (`#/nodes?…`): `q` (search: name, unique_id, tags, column names), `type`,
//! `package`, `phi` (a status, `phi` for any PHI, `unclassified`), `band` (a grade letter or
//! `unscored`), `rule`, `tag`, `sort` (`name`, `type`, `phi`, `score`, `findings`; `-` first
//! for descending).

use phi_lens_core::phi::Status;

use crate::project_view::index::{Index, ResourceRow};
use crate::route::Query;

/// The PHI filter's values, with their labels.
pub const PHI_FILTERS: [(&str, &str); 8] = [
    ("phi", "any PHI (declared, detected, inherited)"),
    ("declared", "declared"),
    ("detected", "detected"),
    ("inherited", "inherited"),
    ("possibly_inherited", "possibly PHI (lineage only)"),
    ("deidentified", "de-identified"),
    ("none", "not PHI"),
    ("unclassified", "not classified"),
];

/// The score band filter's values.
pub const BANDS: [&str; 6] = ["A", "B", "C", "D", "F", "unscored"];

/// The sortable columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// By name (then unique_id).
    Name,
    /// By resource type.
    Type,
    /// By PHI status (PHI first).
    Phi,
    /// By score (lowest first; unscored last).
    Score,
    /// By open findings.
    Findings,
}

impl SortKey {
    /// Every key, in column order.
    pub const ALL: [SortKey; 5] = [SortKey::Name, SortKey::Type, SortKey::Phi, SortKey::Score, SortKey::Findings];

    /// The name in the hash.
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Type => "type",
            SortKey::Phi => "phi",
            SortKey::Score => "score",
            SortKey::Findings => "findings",
        }
    }
}

/// The sort of the list: key and direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    /// The column.
    pub key: SortKey,
    /// Descending.
    pub descending: bool,
}

impl Sort {
    /// Reads `sort=` (default: by name, ascending).
    pub fn parse(value: Option<&str>) -> Sort {
        let value = value.unwrap_or("name");
        let (descending, name) = value.strip_prefix('-').map_or((false, value), |n| (true, n));
        let key = SortKey::ALL.into_iter().find(|k| k.as_str() == name).unwrap_or(SortKey::Name);
        Sort { key, descending }
    }

    /// The value in the hash.
    pub fn write(self) -> String {
        format!("{}{}", if self.descending { "-" } else { "" }, self.key.as_str())
    }

    /// The sort after clicking the header of `key`: the same key flips, another starts ascending.
    pub fn toggle(self, key: SortKey) -> Sort {
        Sort { key, descending: self.key == key && !self.descending }
    }

    /// `aria-sort` of the column `key`.
    pub fn aria(self, key: SortKey) -> &'static str {
        match (self.key == key, self.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }
}

fn phi_rank(s: Option<Status>) -> u8 {
    match s {
        Some(Status::Declared) => 0,
        Some(Status::Detected) => 1,
        Some(Status::Inherited) => 2,
        Some(Status::PossiblyInherited) => 3,
        Some(Status::Deidentified) => 4,
        Some(Status::None) => 5,
        None => 6,
    }
}

fn keep(row: &ResourceRow, query: &Query, words: &[String]) -> bool {
    let eq = |key: &str, value: &str| query.get(key).is_none_or(|want| want == value);
    eq("type", &row.resource_type)
        && eq("package", &row.package)
        && query.get("tag").is_none_or(|t| row.tags.iter().any(|x| x == t))
        && query.get("rule").is_none_or(|r| row.rules.iter().any(|x| x.eq_ignore_ascii_case(r)))
        && query.get("phi").is_none_or(|p| match (p, row.phi) {
            ("phi", s) => s.is_some_and(Status::is_phi),
            ("unclassified", s) => s.is_none(),
            (p, Some(s)) => s.as_str() == p,
            (_, None) => false,
        })
        && query.get("band").is_none_or(|b| match row.score {
            Some((_, grade)) => b.len() == 1 && b.starts_with(grade),
            None => b == "unscored",
        })
        && words.iter().all(|w| row.search.contains(w.as_str()))
}

/// The positions in `index.rows` of the rows the query keeps, sorted as it asks.
pub fn filter_rows(index: &Index, query: &Query) -> Vec<usize> {
    let words: Vec<String> =
        query.get("q").unwrap_or("").to_lowercase().split_whitespace().map(str::to_string).collect();
    let mut rows: Vec<usize> = (0..index.rows.len()).filter(|&i| keep(&index.rows[i], query, &words)).collect();
    let sort = Sort::parse(query.get("sort"));
    rows.sort_by(|&a, &b| {
        let (a, b) = (&index.rows[a], &index.rows[b]);
        let by = match sort.key {
            SortKey::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            SortKey::Type => a.resource_type.cmp(&b.resource_type),
            SortKey::Phi => phi_rank(a.phi).cmp(&phi_rank(b.phi)),
            // Unscored rows sort after every score.
            SortKey::Score => a.score.map_or(u32::MAX, |s| s.0).cmp(&b.score.map_or(u32::MAX, |s| s.0)),
            SortKey::Findings => a.open_findings.cmp(&b.open_findings),
        };
        let by = if sort.descending { by.reverse() } else { by };
        by.then_with(|| a.unique_id.cmp(&b.unique_id))
    });
    rows
}

/// The rows a virtualised list renders: `[start, end)` for a viewport of `viewport_px` scrolled
/// to `scroll_px`, rows of `row_px`, with `overscan` rows above and below.
pub fn window(total: usize, scroll_px: f64, viewport_px: f64, row_px: f64, overscan: usize) -> (usize, usize) {
    if total == 0 || row_px <= 0.0 {
        return (0, total.min(overscan));
    }
    let first = (scroll_px.max(0.0) / row_px).floor() as usize;
    let visible = (viewport_px.max(row_px) / row_px).ceil() as usize + 1;
    let start = first.saturating_sub(overscan).min(total);
    let end = (first + visible + overscan).min(total);
    (start, end.max(start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data::demo_view;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn q(pairs: &[(&str, &str)]) -> Query {
        Query::from_pairs(pairs.iter().copied())
    }

    fn filter_rows<'a>(index: &'a Index, query: &Query) -> Vec<&'a ResourceRow> {
        super::filter_rows(index, query).into_iter().map(|i| &index.rows[i]).collect()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn filters_by_every_facet() {
        let view = demo_view();
        let all = filter_rows(&view.index, &Query::default());
        assert_eq!(all.len(), view.index.rows.len());
        let models = filter_rows(&view.index, &q(&[("type", "model")]));
        assert!(!models.is_empty() && models.iter().all(|r| r.resource_type == "model"));
        let phi = filter_rows(&view.index, &q(&[("phi", "phi")]));
        assert!(!phi.is_empty() && phi.iter().all(|r| r.phi.is_some_and(Status::is_phi)));
        let declared = filter_rows(&view.index, &q(&[("phi", "declared")]));
        assert!(declared.iter().all(|r| r.phi == Some(Status::Declared)));
        let rule = view.index.facets.rules[0];
        let ruled = filter_rows(&view.index, &q(&[("rule", rule)]));
        assert!(!ruled.is_empty() && ruled.iter().all(|r| r.rules.contains(&rule)));
        let band = filter_rows(&view.index, &q(&[("band", "unscored")]));
        assert!(band.iter().all(|r| r.score.is_none()));
        let a = filter_rows(&view.index, &q(&[("band", "A")]));
        assert!(a.iter().all(|r| r.score.is_some_and(|s| s.1 == 'A')));
        assert!(filter_rows(&view.index, &q(&[("q", "zzzz-no-such-thing")])).is_empty());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn search_matches_every_word_in_names_ids_and_columns() {
        let view = demo_view();
        let first = &view.index.rows[0];
        let found = filter_rows(&view.index, &q(&[("q", &first.unique_id.to_uppercase())]));
        assert!(found.iter().any(|r| r.unique_id == first.unique_id));
        let two = filter_rows(&view.index, &q(&[("q", "patient model.")]));
        assert!(two.iter().all(|r| r.search.contains("patient") && r.search.contains("model.")));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn sorts_and_toggles() {
        let view = demo_view();
        let by_score = filter_rows(&view.index, &q(&[("sort", "score")]));
        let scores: Vec<u32> = by_score.iter().map(|r| r.score.map_or(u32::MAX, |s| s.0)).collect();
        assert!(scores.windows(2).all(|w| w[0] <= w[1]));
        let desc = filter_rows(&view.index, &q(&[("sort", "-findings")]));
        assert!(desc.windows(2).all(|w| w[0].open_findings >= w[1].open_findings));
        let s = Sort::parse(Some("-score"));
        assert_eq!((s.key, s.descending, s.write()), (SortKey::Score, true, "-score".to_string()));
        assert_eq!(s.toggle(SortKey::Score).write(), "score");
        assert_eq!(s.toggle(SortKey::Name).write(), "name");
        assert_eq!(Sort::parse(Some("bogus")).key, SortKey::Name);
        assert_eq!(s.aria(SortKey::Score), "descending");
        assert_eq!(s.aria(SortKey::Name), "none");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_window_covers_the_viewport_and_stays_in_bounds() {
        assert_eq!(window(0, 0.0, 600.0, 32.0, 10), (0, 0));
        assert_eq!(window(12_384, 0.0, 640.0, 32.0, 10), (0, 31));
        assert_eq!(window(12_384, 3200.0, 640.0, 32.0, 10), (90, 131));
        assert_eq!(window(100, 1.0e9, 640.0, 32.0, 10), (100, 100));
        assert_eq!(window(5, 0.0, 640.0, 32.0, 10), (0, 5));
    }
}

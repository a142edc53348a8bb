//! One component of a hash route (a unique_id, a filter's name or value), percent-encoded and
//! decoded: the one implementation the app's routes (`route.rs`) and the overlay's reading of
//! dbt docs' routes (`overlay/route.rs`) share, so an id links and reads back the same
//! everywhere. Plain Rust over the `percent-encoding` and `form_urlencoded` crates (already in
//! the app through `url`), tested natively.
//!
//! A `+` is a space only in a query (`#/nodes?q=a+b`, as forms and `URLSearchParams` write
//! it); in a path it is itself (`#/node/seed.p.a+b` is the seed `a+b`, as `decodeURIComponent`
//! and dbt docs read it).

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Every byte but the unreserved characters of RFC 3986 (`A–Z a–z 0–9 - . _ ~`) is escaped,
/// so an id with `/`, `?`, `#`, `%`, `+` or spaces survives a round trip through a hash.
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes `text` (UTF-8, upper-case hex): `a b/c` → `a%20b%2Fc`.
pub fn encode(text: &str) -> String {
    utf8_percent_encode(text, ESCAPED).to_string()
}

/// Decodes the `%XX` escapes of a path component (`+` stays `+`). Invalid escapes are kept as
/// written and invalid UTF-8 is replaced, so decoding never fails.
pub fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// The `name=value` pairs of a query (`a=1&b=x+y`), decoded as a form is: `+` is a space,
/// then as [`decode`]. A name without `=` has an empty value; empty pairs are skipped.
pub fn query_pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    form_urlencoded::parse(query.as_bytes()).map(|(name, value)| (name.into_owned(), value.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// Ids as dbt writes them, and worse: dots, spaces, `+`, `%`, `#`, `/`, `?`, `&`, `=`, unicode.
    const IDS: [&str; 12] = [
        "model.clinic.dim_patients",
        "source.p.ehr.Patient Visits",
        "seed.p.a+b",
        "model.p.100%",
        "model.p.%",
        "model.p.%4",
        "source.p.s.Tbl%20x",
        "model.p.a/b c?d#e",
        "model.p.x&y=z",
        "model.p.ünïcode_✓",
        "model.p.日本語 テーブル",
        "",
    ];

    #[wasm_bindgen_test(unsupported = test)]
    fn ids_round_trip() {
        for id in IDS {
            let written = encode(id);
            assert!(written.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)), "{written}");
            assert_eq!(decode(&written), id, "{written}");
            let pairs: Vec<_> = query_pairs(&format!("id={written}")).collect();
            assert_eq!(pairs, vec![("id".to_string(), id.to_string())], "{written}");
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn writes_what_encode_uri_component_writes_for_ids() {
        assert_eq!(encode("model.clinic.dim_patients"), "model.clinic.dim_patients");
        assert_eq!(encode("a b/c?d#e"), "a%20b%2Fc%3Fd%23e");
        assert_eq!(encode("a+b%"), "a%2Bb%25");
        assert_eq!(encode("✓"), "%E2%9C%93");
        assert_eq!(encode("-._~"), "-._~");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_plus_is_a_space_only_in_a_query() {
        assert_eq!(decode("seed.p.a+b"), "seed.p.a+b");
        assert_eq!(decode("a%2Bb"), "a+b");
        let pairs: Vec<_> = query_pairs("q=a+b&x&&tag=a%2Bb").collect();
        let expected = [("q", "a b"), ("x", ""), ("tag", "a+b")];
        assert_eq!(pairs, expected.map(|(k, v)| (k.to_string(), v.to_string())));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn broken_escapes_are_kept_and_never_fail() {
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%E2%9C%93"), "✓");
        assert_eq!(decode("%FF"), "\u{FFFD}");
    }
}

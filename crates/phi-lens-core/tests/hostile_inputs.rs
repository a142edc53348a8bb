#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly on broken fixtures.
//! Hostile artifacts never take column lineage down: each hostile model's SQL gives that model
//! an unresolved status with its reason (the others still resolve), and JSON nested 10,000
//! deep is a load error naming the file and the place — on a thread with wasm's 1 MB stack
//! (4 MB unoptimised), plain and gzipped.

use std::io::Write;

use phi_lens_core::columns::{column_lineage, compiled_sql, ColumnLineage};
use phi_lens_core::{load_project, ArtifactKind, ArtifactSet, Error, Input};

/// Runs `f` on a thread with a 1 MB stack, as wasm32 has, in an optimised build; unoptimised,
/// frames are several times larger: 4 MB there.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let stack = if cfg!(debug_assertions) { 4 << 20 } else { 1 << 20 };
    std::thread::Builder::new().stack_size(stack).spawn(f).unwrap().join().expect("the thread died")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// A manifest (Postgres) with a seed `raw.patients (mrn, dob, zip)` and one model per
/// `(name, compiled SQL)`, each reading the seed.
fn manifest(models: &[(&str, String)]) -> Vec<u8> {
    let mut nodes = serde_json::Map::new();
    nodes.insert(
        "seed.p.patients".into(),
        serde_json::json!({"resource_type": "seed", "name": "patients", "database": "db", "schema": "raw",
            "columns": {"mrn": {"name": "mrn"}, "dob": {"name": "dob"}, "zip": {"name": "zip"}}}),
    );
    for (name, sql) in models {
        nodes.insert(
            format!("model.p.{name}"),
            serde_json::json!({"resource_type": "model", "name": name, "database": "db", "schema": "mart",
                "depends_on": {"nodes": ["seed.p.patients"]}, "compiled_code": sql}),
        );
    }
    serde_json::to_vec(&serde_json::json!({"metadata": {"adapter_type": "postgres"}, "nodes": nodes})).unwrap()
}

fn set_of(name: &str, bytes: Vec<u8>) -> ArtifactSet {
    let mut set = ArtifactSet::default();
    set.insert(ArtifactKind::Manifest, Input::new(name, bytes));
    set
}

fn lineage(set: ArtifactSet) -> ColumnLineage {
    on_small_stack(move || {
        let project = load_project(&set).unwrap().project;
        let sql = compiled_sql(&set).unwrap();
        column_lineage(&project, &sql)
    })
}

/// The status of `model.p.NAME`: `None` when resolved, else its reason.
fn status<'l>(l: &'l ColumnLineage, name: &str) -> Option<&'l str> {
    let m = l.models.iter().find(|m| m.unique_id == format!("model.p.{name}")).expect("listed");
    assert_eq!(m.parsed, m.error.is_none(), "{m:?}");
    m.error.as_deref()
}

#[test]
fn hostile_models_are_unresolved_with_their_reason_and_the_rest_resolve() {
    let from = " from db.raw.patients";
    let five_mb = format!("select {}{from}", vec!["mrn"; 1_300_000].join(", "));
    assert!(five_mb.len() > 5_000_000);
    let arms: String = (0..5_000).map(|i| format!(" when zip = '{i:05}' then dob")).collect();
    let models = [
        ("plain", format!("select md5(mrn) as pid, extract(year from dob) as birth_year{from}")),
        ("parens", format!("select {}mrn{} as x{from}", "(".repeat(10_000), ")".repeat(10_000))),
        ("case_arms", format!("select case{arms} else mrn end as x{from}")),
        (
            "case_nested",
            format!(
                "select {}mrn{} as x{from}",
                "case when zip = '1' then dob else ".repeat(5_000),
                " end".repeat(5_000)
            ),
        ),
        ("five_mb", five_mb),
        ("is_null_chain", format!("select mrn{} as x{from}", " is null".repeat(20_000))),
        ("cast_chain", format!("select mrn{} as x{from}", "::text".repeat(20_000))),
        ("window_loop", format!("select count(*) over w as x{from} window w as (w)")),
        ("stars", {
            let ctes: String = (1..40).map(|i| format!(", s{i} as (select *, * from s{})", i - 1)).collect();
            format!("with s0 as (select mrn from db.raw.patients){ctes} select * from s39")
        }),
        ("tokens", format!("select {}{from}", vec!["upper(mrn)"; 40_000].join(", "))),
        ("queries", format!("select {}{from}", vec!["(select 1)"; 6_000].join(", "))),
    ];
    let l = lineage(set_of("manifest.json", manifest(&models)));
    assert_eq!(status(&l, "plain"), None);
    assert!(l
        .edges
        .iter()
        .any(|e| e.target == "model.p.plain" && e.source_column == "mrn" && e.transform.as_str() == "hashed"));
    // Thousands of arms side by side are a list: resolved, every arm's value and condition.
    assert_eq!(status(&l, "case_arms"), None);
    let arms: Vec<_> = l
        .edges
        .iter()
        .filter(|e| e.target == "model.p.case_arms")
        .map(|e| (e.source_column.as_str(), e.transform.as_str()))
        .collect();
    assert_eq!(arms, [("dob", "derived"), ("mrn", "derived"), ("zip", "filter")]);
    for deep in ["parens", "case_nested", "is_null_chain", "cast_chain"] {
        assert_eq!(status(&l, deep), Some("SQL nested too deep"), "{deep}");
    }
    assert!(status(&l, "five_mb").unwrap().starts_with("SQL too large ("), "{:?}", status(&l, "five_mb"));
    assert!(status(&l, "five_mb").unwrap().ends_with("bytes, limit 1048576)"));
    assert_eq!(status(&l, "window_loop"), Some("unsupported SQL: window w defined in terms of itself"));
    assert_eq!(status(&l, "stars"), Some("SQL too complex to resolve"));
    assert_eq!(status(&l, "tokens"), Some("SQL too long (200006 tokens, limit 100000)"));
    assert_eq!(status(&l, "queries"), Some("SQL has too many queries (6001 SELECTs, limit 5000)"));
    assert_eq!(l.resolved(), 2);
    assert_eq!(l.models.len(), models.len());
    // The text form (`phi-lens columns`) lists each one with its reason.
    let text = phi_lens_core::columns::to_text(&l, phi_lens_core::sql::Dialect::Postgres, models.len());
    assert!(text.contains("2 of 11 models resolved at column level"), "{text}");
    assert!(text.contains("  model.p.parens: SQL nested too deep\n"), "{text}");
}

/// A manifest whose node `model.p.deep` has a list nested `depth` levels deep in `field`
/// (`meta` holds it under a key, as meta is an object).
fn deep_manifest(field: &str, depth: usize) -> Vec<u8> {
    let mut s = String::from("{\"metadata\": {\"adapter_type\": \"duckdb\"},\n\"nodes\": {\"model.p.deep\": {");
    s.push_str("\"resource_type\": \"model\", \"name\": \"deep\", ");
    if field != "compiled_code" {
        s.push_str("\"compiled_code\": \"select 1 as x\",");
    }
    s.push('\n');
    let deep = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
    let value = if field == "meta" { format!("{{\"k\": {deep}}}") } else { deep };
    s.push_str(&format!("\"{field}\": {value}}}}}}}\n"));
    s.into_bytes()
}

fn both<T: Send + 'static>(bytes: Vec<u8>, f: fn(ArtifactSet) -> T) -> [T; 2] {
    let gz = gzip(&bytes);
    [
        on_small_stack(move || f(set_of("manifest.json", bytes))),
        on_small_stack(move || f(set_of("manifest.json.gz", gz))),
    ]
}

fn load_error(set: ArtifactSet) -> Option<Error> {
    load_project(&set).err()
}

fn sql_read(set: ArtifactSet) -> Result<usize, Error> {
    compiled_sql(&set).map(|s| s.models.len())
}

#[test]
fn json_nested_ten_thousand_deep_is_a_load_error_naming_file_and_place() {
    // In a field the loader reads (meta): an error naming the file, the line and the path.
    for (e, file) in
        both(deep_manifest("meta", 10_000), load_error).into_iter().zip(["manifest.json", "manifest.json.gz"])
    {
        let e = e.expect("refused");
        let text = e.to_string();
        assert!(text.starts_with(file), "{text}");
        assert!(text.contains("nests too deeply"), "{text}");
        assert_eq!(e.location.line, Some(3), "{text}");
        assert!(e.location.path.as_deref().unwrap_or("").starts_with(r#"nodes."model.p.deep".meta"#), "{text}");
    }
    // The SQL reader names only the SQL: it skips the deep value without recursion.
    assert_eq!(both(deep_manifest("meta", 10_000), sql_read).map(|r| r.ok()), [Some(1), Some(1)]);
    // Where the SQL reader looks (compiled_code a deep list): an error naming the file and its
    // line, never a stack overflow.
    for (r, file) in
        both(deep_manifest("compiled_code", 10_000), sql_read).into_iter().zip(["manifest.json", "manifest.json.gz"])
    {
        let e = r.expect_err("refused");
        let text = e.to_string();
        assert!(text.starts_with(file), "{text}");
        assert!(text.contains("expected a string"), "{text}");
        assert_eq!(e.location.line, Some(3), "{text}");
    }
}

#[test]
fn a_deep_catalog_is_a_load_error_naming_it() {
    let manifest = manifest(&[("plain", "select mrn from db.raw.patients".to_string())]);
    let catalog = format!(
        "{{\"metadata\": {{}}, \"nodes\": {{\"model.p.plain\": {{\"metadata\": {}1{}}}}}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let e = on_small_stack(move || {
        let mut set = set_of("manifest.json", manifest);
        set.insert(ArtifactKind::Catalog, Input::new("catalog.json", catalog.into_bytes()));
        load_project(&set).err()
    });
    let text = e.expect("refused").to_string();
    assert!(text.starts_with("catalog.json"), "{text}");
    assert!(text.contains("line 1"), "{text}");
}

//! Tests of the SQL parse guards: hostile SQL gives a reason, never a crash, also on a thread
//! with wasm's 1 MB stack.

use super::*;

struct None_;

impl Relations for None_ {
    fn find(&self, parts: &[String]) -> Option<usize> {
        (parts.last().map(String::as_str) == Some("t")).then_some(0)
    }
    fn columns(&self, _: usize) -> Option<(&[String], bool)> {
        None
    }
    fn display(&self, _: usize) -> String {
        "t".into()
    }
}

/// Runs `f` on a thread with a 1 MB stack, as wasm32 has, in an optimised build. Unoptimised
/// (`cargo test`), the resolver's frames are several times larger: 4 MB there.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let stack = if cfg!(debug_assertions) { 4 << 20 } else { 1 << 20 };
    match std::thread::Builder::new().stack_size(stack).spawn(f).map(|h| h.join()) {
        Ok(Ok(v)) => v,
        _ => panic!("the thread died"),
    }
}

fn outcome(sql: String, dialect: Dialect) -> Result<usize, Unresolved> {
    on_small_stack(move || resolve(&sql, dialect, &None_).map(|c| c.len()))
}

#[test]
fn ten_thousand_parentheses_are_too_deep() {
    let sql = format!("select {}a{} from t", "(".repeat(10_000), ")".repeat(10_000));
    for d in [Dialect::Snowflake, Dialect::DuckDb, Dialect::Postgres, Dialect::BigQuery, Dialect::Trino] {
        assert_eq!(outcome(sql.clone(), d), Err(Unresolved::TooDeep), "{d:?}");
    }
}

#[test]
fn nested_subqueries_and_functions_are_too_deep() {
    let sql = format!("select {}a{} as x from t", "coalesce(".repeat(5_000), ")".repeat(5_000));
    assert_eq!(outcome(sql, Dialect::DuckDb), Err(Unresolved::TooDeep));
    let sql = format!("{}select a from t{}", "select * from (".repeat(3_000), ") s".repeat(3_000));
    assert_eq!(outcome(sql, Dialect::Postgres), Err(Unresolved::TooDeep));
    let sql = format!("select {} 1 as x from t", "not ".repeat(20_000));
    assert_eq!(outcome(sql, Dialect::Postgres), Err(Unresolved::TooDeep));
    let sql = format!("select a{} as x from t", " + a".repeat(20_000));
    assert_eq!(outcome(sql, Dialect::Snowflake), Err(Unresolved::TooDeep));
    let sql = format!("select a{} as x from t", " || a".repeat(60));
    assert_eq!(outcome(sql, Dialect::Snowflake), Ok(1));
    // Within the token bound, beyond the resolver's depth limit: refused by the resolver.
    let sql = format!("select a{} as x from t", " || a".repeat(MAX_TREE_DEPTH / 2 - 2));
    assert_eq!(outcome(sql, Dialect::Snowflake), Err(Unresolved::TooDeep));
}

#[test]
fn thousands_of_case_arms_resolve_and_nested_ones_are_too_deep() {
    // Side by side, arms are a list: the one column resolves.
    let arms: String = (0..5_000).map(|i| format!(" when a = {i} then b{i}")).collect();
    let sql = format!("select case{arms} else c end as x from t");
    assert_eq!(outcome(sql, Dialect::Snowflake), Ok(1));
    // Nested (a CASE in each ELSE), they are a tree 5,000 deep.
    let n = 5_000;
    let sql = format!("select {}c{} as x from t", "case when a = 1 then b else ".repeat(n), " end".repeat(n));
    assert_eq!(outcome(sql, Dialect::Snowflake), Err(Unresolved::TooDeep));
}

/// Chains the parser builds in a loop, not by recursion, so that its recursion limit does not
/// see them: each would be a tree 20,000 deep, which overflows a small stack when it is
/// walked, printed or freed.
#[test]
fn operator_chains_are_too_deep() {
    for link in
        [" is null", "::int", " at time zone 'utc'", " collate \"c\"", " like 'b'", " in (1)", ":b", "[1]", ".b"]
    {
        let sql = format!("select a{} as x from t", link.repeat(20_000));
        assert_eq!(outcome(sql, Dialect::Snowflake), Err(Unresolved::TooDeep), "{link}");
    }
    let sql = (0..4_000).map(|i| format!("select a, {i} as n from t")).collect::<Vec<_>>().join(" union all ");
    assert_eq!(outcome(sql, Dialect::DuckDb), Err(Unresolved::TooDeep));
}

#[test]
fn too_many_tokens_or_queries_are_refused_before_parsing() {
    let sql = format!("select {} from t", vec!["f(1)"; 30_000].join(","));
    assert_eq!(outcome(sql, Dialect::DuckDb), Err(Unresolved::TooManyTokens(150_002)));
    let sql = format!("select {} from t", vec!["(select 1)"; 6_000].join(","));
    assert_eq!(outcome(sql, Dialect::DuckDb), Err(Unresolved::TooManyQueries(6_001)));
    assert!(Unresolved::TooManyTokens(150_002).to_string().contains("150002 tokens, limit 100000"));
}

/// Work that grows faster than the SQL (a `*` that doubles the columns at each CTE, a union by
/// name of thousands of columns) stops at the step budget: "too complex", not a hang.
#[test]
fn runaway_work_is_too_complex() {
    let mut sql = String::from("with a0 as (select a from t)");
    for i in 1..40 {
        sql += &format!(", a{i} as (select *, * from a{})", i - 1);
    }
    sql += " select * from a39";
    assert_eq!(outcome(sql, Dialect::DuckDb), Err(Unresolved::TooComplex));
    // 2,500 joined tables: each select item looks through them all, within the budget.
    let joins: String = (1..2_500).map(|i| format!(" join t t{i} on t{i}.a = t0.a")).collect();
    assert_eq!(outcome(format!("select t0.a, t2499.a as b from t t0{joins}"), Dialect::DuckDb), Ok(2));
    // Matched by name through an index, not a search per column: resolved.
    let wide = |p: &str| (0..10_000).map(|i| format!("a as {p}{i}")).collect::<Vec<_>>().join(",");
    let sql = format!("select {} from t union all by name select {} from t", wide("c"), wide("d"));
    assert_eq!(outcome(sql, Dialect::DuckDb), Ok(20_000));
}

#[test]
fn a_window_defined_in_terms_of_itself_is_refused() {
    let sql = "select sum(a) over w as x from t window w as (w)".to_string();
    assert!(matches!(outcome(sql, Dialect::DuckDb), Err(Unresolved::Unsupported(m)) if m.contains("window w")));
    let sql = "select sum(a) over w1 as x from t window w1 as (w2), w2 as (w1 order by a)".to_string();
    assert!(matches!(outcome(sql, Dialect::DuckDb), Err(Unresolved::Unsupported(_))));
    // A window on another, once: its PARTITION BY and ORDER BY both filter.
    let sql = "select sum(a) over w2 as x from t window w1 as (partition by b), w2 as (w1 order by c)".to_string();
    assert_eq!(outcome(sql, Dialect::DuckDb), Ok(1));
}

#[test]
fn thousands_of_ctes_and_subqueries_resolve() {
    let mut sql = String::from("with a0 as (select a from t)");
    for i in 1..2_000 {
        sql += &format!(", a{i} as (select a from (select a from a{}) s)", i - 1);
    }
    sql += " select a from a1999";
    assert_eq!(outcome(sql, Dialect::DuckDb), Ok(1));
}

#[test]
fn a_five_megabyte_statement_is_too_large() {
    let sql = format!("select {} from t", vec!["a"; 2_500_000].join(","));
    assert!(sql.len() > 5_000_000);
    assert!(matches!(outcome(sql, Dialect::DuckDb), Err(Unresolved::TooLarge(_))));
}

#[test]
fn a_long_union_chain_resolves() {
    let sql = (0..400).map(|i| format!("select a, {i} as n from t")).collect::<Vec<_>>().join(" union all ");
    assert_eq!(outcome(sql, Dialect::DuckDb), Ok(2));
}

#[test]
fn broken_sql_has_a_reason() {
    assert_eq!(resolve("select a from {{ ref('x') }}", Dialect::DuckDb, &None_), Err(Unresolved::Jinja));
    assert!(matches!(resolve("select (a from t", Dialect::DuckDb, &None_), Err(Unresolved::Unbalanced(_))));
    assert!(matches!(resolve("select 'a from t", Dialect::DuckDb, &None_), Err(Unresolved::Unbalanced(_))));
    assert!(matches!(resolve("select from where", Dialect::DuckDb, &None_), Err(Unresolved::Syntax(_))));
    assert!(matches!(resolve("delete from t", Dialect::DuckDb, &None_), Err(Unresolved::NotAQuery(_))));
    assert!(matches!(resolve("select * from t", Dialect::DuckDb, &None_), Err(Unresolved::MissingCatalog(_))));
    assert!(matches!(resolve("select a from u", Dialect::DuckDb, &None_), Err(Unresolved::UnknownRelation(_))));
}

#[test]
fn the_parsers_limit_fits_a_small_stack() {
    // Just below the limits: parsed and resolved on a 1 MB stack.
    let n = MAX_PARSE_DEPTH - 8;
    let sql = format!("select {}a{} as x from t", "coalesce(".repeat(n), ")".repeat(n));
    assert_eq!(outcome(sql, Dialect::DuckDb), Ok(1));
    let sql = format!("select {} a as x from t", "not ".repeat(n));
    assert!(outcome(sql, Dialect::DuckDb).is_ok());
}

/// The figure behind [`MAX_TREE_DEPTH`]: the deepest tree bound among the compiled models of
/// ../shared/corpus and ../shared/sql-corpus
/// (`cargo test -p phi-lens-core --lib -- --ignored --nocapture corpus_tree_depths`).
#[test]
#[ignore = "reads ../shared; prints a figure for the documentation"]
fn corpus_tree_depths() {
    use std::io::Read;
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let mut depths: Vec<(usize, String)> = Vec::new();
    let (mut most_tokens, mut most_queries) = ((0, String::new()), (0, String::new()));
    for group in ["corpus", "sql-corpus"] {
        let Ok(dir) = std::fs::read_dir(shared.join(group)) else { continue };
        for set in dir.flatten() {
            let path = set.path();
            let mut text = String::new();
            if let Ok(f) = std::fs::File::open(path.join("manifest.json.gz")) {
                let _ = flate2::read::GzDecoder::new(f).read_to_string(&mut text);
            } else if let Ok(t) = std::fs::read_to_string(path.join("manifest.json")) {
                text = t;
            }
            let Ok(manifest) = serde_json::from_str::<serde_json::Value>(&text) else { continue };
            let dialect = Dialect::from_adapter(manifest["metadata"]["adapter_type"].as_str().unwrap_or(""));
            let models: Vec<(String, String)> = manifest["nodes"]
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(_, n)| n["resource_type"] == "model")
                .filter_map(|(id, n)| {
                    let sql = n["compiled_code"].as_str().or(n["compiled_sql"].as_str())?;
                    Some((id.clone(), sql.to_string()))
                })
                .collect();
            for (id, text) in &models {
                let d = dialect.parser_dialect();
                let Ok(tokens) = Tokenizer::new(&*d, text).tokenize_with_location() else { continue };
                let shape = Shape::of(&tokens);
                most_tokens = most_tokens.max((shape.tokens, id.clone()));
                most_queries = most_queries.max((shape.queries, id.clone()));
                depths.push((shape.depth, id.clone()));
            }
        }
    }
    depths.sort();
    println!("{} models; deepest tree bounds: {:?}", depths.len(), depths.iter().rev().take(3).collect::<Vec<_>>());
    println!("most tokens: {most_tokens:?}; most SELECTs: {most_queries:?}");
}

#[test]
fn quoted_names_fold_where_the_warehouse_folds_them() {
    // Redshift (enable_case_sensitive_identifier off, its default) and Trino store a quoted
    // alias in lower case; Postgres, Snowflake and the others keep it as written.
    let name = |d| resolve(r#"select 1 as "PatientKey" from t"#, d, &None_).map(|c| c[0].name.clone());
    assert_eq!(name(Dialect::Redshift), Ok("patientkey".to_string()));
    assert_eq!(name(Dialect::Trino), Ok("patientkey".to_string()));
    assert_eq!(name(Dialect::Postgres), Ok("PatientKey".to_string()));
    assert_eq!(name(Dialect::Snowflake), Ok("PatientKey".to_string()));
}

/// The warehouse-syntax rewrites read the tokens in one pass: long runs of blank lines (white
/// space is a token a character) or casts nested to the depth bound cost no more than reading
/// them (a look-ahead from every token once took seconds on Tuva's blank-line runs).
#[test]
fn warehouse_syntax_rewrites_are_linear() {
    let blank = " \n".repeat(30_000);
    let start = std::time::Instant::now();
    for d in [Dialect::DuckDb, Dialect::Postgres, Dialect::Trino] {
        let sql = format!("select a{blank} as x from t asof{blank} join t u on t.a = u.a");
        let got = outcome(sql, d);
        // DuckDB: an as-of join of two relations whose columns are unknown here.
        assert!(
            got.is_err() && (d != Dialect::DuckDb || matches!(got, Err(Unresolved::AmbiguousColumn(_)))),
            "{d:?} {got:?}"
        );
    }
    let casts =
        |n: usize| format!("select {}a{} as x from t", "cast(".repeat(n), " as array(row(b varchar)))".repeat(n));
    // Rewritten in one pass, then refused by the parser's recursion limit.
    assert_eq!(outcome(casts(240).replace(' ', &" ".repeat(1_000)), Dialect::Trino), Err(Unresolved::TooDeep));
    assert_eq!(outcome(casts(8), Dialect::Trino), Ok(1));
    // The look-ahead from every token took 24 s here (debug build); one pass takes 0.2 s.
    assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
}

/// A keyword that ends no construct must not end the query: the parser would stop at a bare
/// `END` and drop what follows.
#[test]
fn a_stray_end_is_an_error_except_as_a_postgres_label() {
    let sql = "select 1 as one, 2 end, a from t";
    assert!(matches!(outcome(sql.into(), Dialect::Redshift), Err(Unresolved::Syntax(_))));
    assert!(matches!(outcome(sql.into(), Dialect::DuckDb), Err(Unresolved::Syntax(_))));
    // Postgres reads `2 end` as a column labelled `end`; the table's columns are unknown here.
    assert_eq!(outcome(sql.into(), Dialect::Postgres), Ok(3));
}

#[test]
fn literal_output_columns_are_marked_and_nothing_else_is() {
    let sql = "select null as a, 'n/a' as b, cast(null as date) as c, upper('x') as d, now() as e, x as f, \
               (null) as g from t union all select null, null, null, null, null, null, y from t";
    let out = resolve(sql, Dialect::Postgres, &None_).unwrap();
    let literal: Vec<(&str, bool)> = out.iter().map(|o| (o.name.as_str(), o.deps.literal)).collect();
    // `d`, `e`: functions; `f`: a column; `g`: a column in the second branch.
    assert_eq!(
        literal,
        [("a", true), ("b", true), ("c", true), ("d", false), ("e", false), ("f", false), ("g", false)]
    );
}

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
    let sql = format!("select a{} as x from t", " + a".repeat(50_000));
    assert_eq!(outcome(sql, Dialect::Snowflake), Err(Unresolved::TooDeep));
    let sql = format!("select a{} as x from t", " || a".repeat(60));
    assert_eq!(outcome(sql, Dialect::Snowflake), Ok(1));
    // Within the scan's limit, beyond the resolver's: refused by the resolver, no crash.
    let sql = format!("select a{} as x from t", " || a".repeat(MAX_OPERATOR_CHAIN - 1));
    assert_eq!(outcome(sql, Dialect::Snowflake), Err(Unresolved::TooDeep));
}

#[test]
fn thousands_of_case_arms_resolve_or_fail_cleanly() {
    let arms: String = (0..5_000).map(|i| format!(" when a = {i} then b{i}")).collect();
    let sql = format!("select case{arms} else c end as x from t");
    assert_eq!(outcome(sql, Dialect::Snowflake), Ok(1));
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

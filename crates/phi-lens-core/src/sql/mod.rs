//! Compiled SQL read for column lineage: the dialect of a warehouse, a guarded parse (sizes and
//! depth capped, Jinja refused) and the resolver that says which upstream columns each output
//! column is made from, and how ([`Transform`]).
//!
//! The parser is `sqlparser` (datafusion-sqlparser-rs); ARCHITECTURE.md records why, with the
//! figures. This module knows nothing of dbt: relations are looked up through [`Relations`].

mod functions;
mod resolve;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use sqlparser::ast::Statement;
use sqlparser::parser::{Parser, ParserError};

pub(crate) use resolve::resolve_query;

/// SQL larger than this is not parsed ("too large"): compiled dbt models are at most a few
/// hundred KB (Tuva's largest is 254 KB).
pub(crate) const MAX_SQL_BYTES: usize = 1 << 20;

/// The parser's recursion limit (nested expressions and queries). Real models stay far below
/// it; it keeps a hostile statement from exhausting a 1 MB stack (wasm's), see the tests.
pub(crate) const MAX_PARSE_DEPTH: usize = 40;

/// Parentheses nested deeper than this are refused before parsing (real models: at most 11).
pub(crate) const MAX_PAREN_DEPTH: i64 = 32;

/// Operators in a row (no comma or parenthesis between) beyond which SQL is refused.
pub(crate) const MAX_OPERATOR_CHAIN: usize = 300;

/// The resolver's own depth limit (nested queries and expressions it walks).
pub(crate) const MAX_RESOLVE_DEPTH: usize = 96;

/// How many expression nodes and column dependencies one model may cost before it is given up
/// as "too large" (bounds time and memory on adversarial `SELECT *` chains).
pub(crate) const MAX_STEPS: usize = 4_000_000;

/// The SQL dialect of a warehouse, from dbt's `metadata.adapter_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dialect {
    /// Snowflake: unquoted identifiers fold to upper case.
    Snowflake,
    /// BigQuery.
    BigQuery,
    /// PostgreSQL.
    Postgres,
    /// Amazon Redshift.
    Redshift,
    /// Databricks and Spark.
    Databricks,
    /// DuckDB.
    DuckDb,
    /// Trino, Presto and Athena (sqlparser's generic dialect).
    Trino,
    /// Anything else: sqlparser's generic dialect.
    Generic,
}

impl Dialect {
    /// The dialect of a dbt adapter (`snowflake`, `bigquery`, `postgres`, `redshift`,
    /// `databricks`, `spark`, `duckdb`, `trino`, `athena`…).
    pub fn from_adapter(adapter: &str) -> Dialect {
        match adapter.to_ascii_lowercase().as_str() {
            "snowflake" => Dialect::Snowflake,
            "bigquery" => Dialect::BigQuery,
            "postgres" | "postgresql" | "materialize" => Dialect::Postgres,
            "redshift" => Dialect::Redshift,
            "databricks" | "spark" => Dialect::Databricks,
            "duckdb" | "motherduck" => Dialect::DuckDb,
            "trino" | "presto" | "athena" | "starburst" => Dialect::Trino,
            _ => Dialect::Generic,
        }
    }

    /// Its name, as written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::Snowflake => "snowflake",
            Dialect::BigQuery => "bigquery",
            Dialect::Postgres => "postgres",
            Dialect::Redshift => "redshift",
            Dialect::Databricks => "databricks",
            Dialect::DuckDb => "duckdb",
            Dialect::Trino => "trino",
            Dialect::Generic => "generic",
        }
    }

    fn parser_dialect(self) -> Box<dyn sqlparser::dialect::Dialect> {
        use sqlparser::dialect as d;
        match self {
            Dialect::Snowflake => Box::new(d::SnowflakeDialect {}),
            Dialect::BigQuery => Box::new(d::BigQueryDialect {}),
            Dialect::Postgres => Box::new(d::PostgreSqlDialect {}),
            Dialect::Redshift => Box::new(d::RedshiftSqlDialect {}),
            Dialect::Databricks => Box::new(d::DatabricksDialect {}),
            Dialect::DuckDb => Box::new(d::DuckDbDialect {}),
            Dialect::Trino | Dialect::Generic => Box::new(d::GenericDialect {}),
        }
    }

    /// An unquoted identifier as the warehouse stores it.
    pub(crate) fn fold(self, unquoted: &str) -> String {
        match self {
            Dialect::Snowflake => unquoted.to_ascii_uppercase(),
            _ => unquoted.to_ascii_lowercase(),
        }
    }
}

/// How an output column is made from an upstream column, weakest first; along a path the
/// strongest step wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Transform {
    /// The value itself: a reference, rename, cast, union branch, lead/lag.
    Copy,
    /// Computed from the value: string functions, concatenation, coalesce, CASE results,
    /// date arithmetic, JSON/struct fields.
    Derived,
    /// A coarser value: year/extract/date_trunc, left/substr, date differences, predicates
    /// and flags, lengths and counts of elements, rounding.
    Generalized,
    /// A hash of the value (md5, sha…), salted or not.
    Hashed,
    /// An aggregate over rows (also in a window or a scalar subquery).
    Aggregated,
}

impl Transform {
    /// The word used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Transform::Copy => "copy",
            Transform::Derived => "derived",
            Transform::Generalized => "generalized",
            Transform::Hashed => "hashed",
            Transform::Aggregated => "aggregated",
        }
    }
}

/// Why a model's SQL was not resolved at column level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unresolved {
    /// Jinja (`{{`, `{%`, `{#`) is left in the SQL: it was not compiled.
    Jinja,
    /// The SQL is larger than [`MAX_SQL_BYTES`].
    TooLarge(usize),
    /// Nested deeper than the parser's or the resolver's limit.
    TooDeep,
    /// Resolving it would cost more than [`MAX_STEPS`].
    TooComplex,
    /// Unbalanced parentheses or quotes.
    Unbalanced(String),
    /// Any other syntax error.
    Syntax(String),
    /// Not one query (several statements, DDL, DML).
    NotAQuery(String),
    /// A relation that is neither a CTE nor a known dbt node.
    UnknownRelation(String),
    /// `*` over a relation whose columns are not known (no catalog).
    MissingCatalog(String),
    /// A column found in no relation in scope.
    UnknownColumn(String),
    /// A column that more than one relation in scope may hold.
    AmbiguousColumn(String),
    /// A function the resolver cannot classify (a user-defined function in a schema).
    UnknownFunction(String),
    /// A construct the resolver does not handle.
    Unsupported(String),
}

impl fmt::Display for Unresolved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unresolved::Jinja => f.write_str("Jinja left in the SQL (not compiled)"),
            Unresolved::TooLarge(n) => write!(f, "SQL too large ({n} bytes, limit {MAX_SQL_BYTES})"),
            Unresolved::TooDeep => f.write_str("SQL nested too deep"),
            Unresolved::TooComplex => f.write_str("SQL too complex to resolve"),
            Unresolved::Unbalanced(m) => write!(f, "unbalanced SQL: {m}"),
            Unresolved::Syntax(m) => write!(f, "SQL does not parse: {m}"),
            Unresolved::NotAQuery(m) => write!(f, "not a single query: {m}"),
            Unresolved::UnknownRelation(r) => write!(f, "unknown relation {r}"),
            Unresolved::MissingCatalog(r) => write!(f, "missing catalog: columns of {r} unknown for *"),
            Unresolved::UnknownColumn(c) => write!(f, "unknown column {c}"),
            Unresolved::AmbiguousColumn(c) => write!(f, "ambiguous column {c}"),
            Unresolved::UnknownFunction(n) => write!(f, "unknown function {n}"),
            Unresolved::Unsupported(w) => write!(f, "unsupported SQL: {w}"),
        }
    }
}

/// A column of a relation: the relation's index (its [`Relations`] number) and the column's
/// name as the relation spells it.
pub type ColumnKey = (usize, String);

/// What an output column is made from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deps {
    /// Upstream columns whose values it carries, with the strongest transform on the way.
    pub values: BTreeMap<ColumnKey, Transform>,
    /// Upstream columns that only pick its rows or branches (CASE conditions, FILTER, PIVOT
    /// FOR, PARTITION BY).
    pub filters: BTreeSet<ColumnKey>,
}

/// One output column of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputColumn {
    /// Its name as the warehouse would store it (unquoted names folded).
    pub name: String,
    /// Where it comes from.
    pub deps: Deps,
}

/// The relations a query may read, as the caller knows them.
pub trait Relations {
    /// The relation named by these parts (lower-cased; `db.schema.name`, `schema.name` or
    /// `name`), if known.
    fn find(&self, parts: &[String]) -> Option<usize>;
    /// Its columns, in order, and whether the list is complete (catalog, or resolved from the
    /// relation's own SQL) rather than only what the YAML documents.
    fn columns(&self, relation: usize) -> Option<(&[String], bool)>;
    /// Its name for messages.
    fn display(&self, relation: usize) -> String;
}

/// Parses and resolves one query: its output columns with their upstream columns, or why not.
///
/// ```
/// use phi_lens_core::sql::{resolve, Dialect, Relations, Transform};
///
/// struct One;
/// impl Relations for One {
///     fn find(&self, parts: &[String]) -> Option<usize> { (parts.last()? == "patients").then_some(0) }
///     fn columns(&self, _: usize) -> Option<(&[String], bool)> { None }
///     fn display(&self, _: usize) -> String { "patients".into() }
/// }
/// let out = resolve("select md5(mrn) as pid from raw.patients", Dialect::Postgres, &One).unwrap();
/// assert_eq!(out[0].name, "pid");
/// assert_eq!(out[0].deps.values.get(&(0, "mrn".to_string())), Some(&Transform::Hashed));
/// ```
pub fn resolve(sql: &str, dialect: Dialect, relations: &dyn Relations) -> Result<Vec<OutputColumn>, Unresolved> {
    let query = parse_query(sql, dialect)?;
    resolve_query(&query, dialect, relations)
}

/// Parses one model's compiled SQL: Jinja refused, size and depth capped, exactly one query.
pub(crate) fn parse_query(sql: &str, dialect: Dialect) -> Result<sqlparser::ast::Query, Unresolved> {
    if sql.len() > MAX_SQL_BYTES {
        return Err(Unresolved::TooLarge(sql.len()));
    }
    if sql.contains("{{") || sql.contains("{%") || sql.contains("{#") {
        return Err(Unresolved::Jinja);
    }
    let (_, deepest, longest_chain) = paren_scan(sql).unwrap_or((0, 0, 0));
    if deepest > MAX_PAREN_DEPTH || longest_chain > MAX_OPERATOR_CHAIN {
        return Err(Unresolved::TooDeep);
    }
    let dialect_impl = dialect.parser_dialect();
    let statements = Parser::new(&*dialect_impl)
        .with_recursion_limit(MAX_PARSE_DEPTH)
        .try_with_sql(sql)
        .and_then(|mut p| p.parse_statements())
        .map_err(|e| parse_error(sql, e))?;
    let mut queries = statements.into_iter();
    match (queries.next(), queries.next()) {
        (Some(Statement::Query(q)), None) => Ok(*q),
        (Some(other), None) => Err(Unresolved::NotAQuery(statement_kind(&other))),
        (None, _) => Err(Unresolved::NotAQuery("no statement".into())),
        (Some(_), Some(_)) => Err(Unresolved::NotAQuery("several statements".into())),
    }
}

/// The first word of a statement, for messages.
fn statement_kind(s: &Statement) -> String {
    let text = s.to_string();
    text.split_whitespace().next().unwrap_or("statement").to_ascii_uppercase()
}

fn parse_error(sql: &str, e: ParserError) -> Unresolved {
    match e {
        ParserError::RecursionLimitExceeded => Unresolved::TooDeep,
        ParserError::TokenizerError(m) => {
            if m.contains("Unterminated") {
                Unresolved::Unbalanced(short(&m))
            } else {
                Unresolved::Syntax(short(&m))
            }
        }
        ParserError::ParserError(m) => match paren_balance(sql) {
            Some(d) if d != 0 => Unresolved::Unbalanced(format!(
                "{} more {} than {}",
                d.unsigned_abs(),
                if d > 0 { "'('" } else { "')'" },
                if d > 0 { "')'" } else { "'('" }
            )),
            _ => Unresolved::Syntax(short(&m)),
        },
    }
}

/// Opening minus closing parentheses outside quotes and comments (`None` if a quote never
/// closes).
fn paren_balance(sql: &str) -> Option<i64> {
    paren_scan(sql).map(|(balance, _, _)| balance)
}

/// (opening minus closing, deepest nesting, longest run of operators with no comma or
/// parenthesis between them) outside quotes and line comments. The parser builds a chain of
/// operators (`a + a + …`, `not not …`) into a tree as deep as the chain, which takes stack
/// to walk and to free.
fn paren_scan(sql: &str) -> Option<(i64, i64, usize)> {
    let b = sql.as_bytes();
    let (mut i, mut depth, mut deepest) = (0usize, 0i64, 0i64);
    let (mut chain, mut longest) = (0usize, 0usize);
    while let Some(&c) = b.get(i) {
        match c {
            b'\'' | b'"' | b'`' => {
                let close = b.get(i + 1..)?.iter().position(|&x| x == c)?;
                i += close + 2;
                continue;
            }
            b'-' if b.get(i + 1) == Some(&b'-') => {
                i += b.get(i..).map_or(0, |r| r.iter().position(|&x| x == b'\n').unwrap_or(r.len()));
                continue;
            }
            b'(' => {
                depth += 1;
                deepest = deepest.max(depth);
                chain = 0;
            }
            b')' => {
                depth -= 1;
                chain = 0;
            }
            b',' | b';' => chain = 0,
            b'+' | b'-' | b'*' | b'/' | b'|' | b'<' | b'>' | b'=' | b'%' | b'&' | b'^' => {
                // `||`, `<=`, `->>`: one operator.
                let prev = i.checked_sub(1).and_then(|p| b.get(p)).copied().unwrap_or(b' ');
                if !b"+-*/|<>=%&^".contains(&prev) {
                    chain += 1;
                    longest = longest.max(chain);
                }
            }
            c if c.is_ascii_alphabetic()
                && (i == 0 || !b.get(i - 1).is_some_and(|p| p.is_ascii_alphanumeric() || *p == b'_')) =>
            {
                let end = b
                    .get(i..)
                    .map_or(0, |r| r.iter().position(|x| !x.is_ascii_alphanumeric() && *x != b'_').unwrap_or(r.len()));
                let word = b.get(i..i + end).unwrap_or_default();
                if [&b"and"[..], b"or", b"not"].iter().any(|w| word.eq_ignore_ascii_case(w)) {
                    chain += 1;
                    longest = longest.max(chain);
                } else if [&b"when"[..], b"then", b"else", b"end", b"case", b"select", b"from", b"where", b"on"]
                    .iter()
                    .any(|w| word.eq_ignore_ascii_case(w))
                {
                    chain = 0;
                }
                i += end.max(1);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    Some((depth, deepest, longest))
}

fn short(m: &str) -> String {
    let mut s: String = m.chars().take(160).collect();
    if s.len() < m.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests;

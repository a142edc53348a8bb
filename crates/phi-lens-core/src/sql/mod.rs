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
use sqlparser::tokenizer::Tokenizer;

pub(crate) use resolve::resolve_query;

/// SQL larger than this is not parsed ("too large"): compiled dbt models are at most a few
/// hundred KB (Tuva's largest is 254 KB).
pub(crate) const MAX_SQL_BYTES: usize = 1 << 20;

/// The parser's recursion limit (nested expressions and queries). Real models stay far below
/// it; it keeps a hostile statement from exhausting a 1 MB stack (wasm's), see the tests.
pub(crate) const MAX_PARSE_DEPTH: usize = 40;

/// A bound on the depth of the tree the parser would build (see [`Shape`]) beyond which SQL is
/// refused before parsing: a chain of operators (`a is null is null …`, `a::int::int …`,
/// `x union y union …`) is built in a loop into a tree as deep as the chain, which the parser's
/// recursion limit does not see but which takes stack to walk, print, copy and free. Real
/// models: at most 225 (the 1,781 compiled models of the corpus and sql-corpus; `tests.rs`,
/// `corpus_tree_depths`). Measured 2026-12-07 on an `is null` chain, natively and optimised,
/// on a 1 MB stack (wasm's): sqlparser's `Clone` of the tree overflows between 800 and 1,000
/// levels, its `Display` between 2,000 and 3,000, its `Drop` not at 20,000; the resolver never
/// copies the tree.
pub(crate) const MAX_TREE_DEPTH: usize = 500;

/// Tokens (words, literals, symbols) beyond which SQL is not parsed: a parse tree takes up to
/// ≈ 2 KB a token (90,000 `(select 1)` in 1 MB took 1 GB), so the byte cap alone does not bound
/// memory. Real models: at most 19,933 (Tuva's largest, 254 KB).
pub(crate) const MAX_TOKENS: usize = 100_000;

/// SELECTs beyond which SQL is not parsed (a query is the parse tree's largest node, ≈ 5 KB).
/// Real models: at most 1,061.
pub(crate) const MAX_QUERIES: usize = 5_000;

/// The resolver's own depth limit (nested queries and expressions it walks).
pub(crate) const MAX_RESOLVE_DEPTH: usize = 96;

/// How many expression nodes and column dependencies one model may cost before it is given up
/// as "too large" (bounds time and memory on adversarial `SELECT *` chains).
pub(crate) const MAX_STEPS: usize = 1_000_000;

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

    /// Whether a quoted identifier names only the column spelt exactly so (Postgres, Snowflake);
    /// elsewhere quoted names compare case-insensitively too (Redshift folds them by default,
    /// BigQuery, Databricks, DuckDB and Trino compare column names case-insensitively).
    pub(crate) fn quoted_case_sensitive(self) -> bool {
        matches!(self, Dialect::Postgres | Dialect::Snowflake)
    }

    /// Whether quoted identifiers are folded like unquoted ones: Redshift (by default,
    /// `enable_case_sensitive_identifier` off) and Trino store `"PatientKey"` as `patientkey`.
    pub(crate) fn folds_quoted(self) -> bool {
        matches!(self, Dialect::Redshift | Dialect::Trino)
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
    /// The SQL has more tokens than [`MAX_TOKENS`].
    TooManyTokens(usize),
    /// The SQL has more SELECTs than [`MAX_QUERIES`].
    TooManyQueries(usize),
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
            Unresolved::TooManyTokens(n) => write!(f, "SQL too long ({n} tokens, limit {MAX_TOKENS})"),
            Unresolved::TooManyQueries(n) => write!(f, "SQL has too many queries ({n} SELECTs, limit {MAX_QUERIES})"),
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
    /// Its value is a literal written in the SQL, in every row: `null as ssn`,
    /// `'n/a' as phone`, `cast(null as date) as birth_date`, a union whose every branch is one,
    /// or a reference to such a column. Functions are not read as one, even of literals
    /// (`now()`, `concat('a', 'b')`).
    pub literal: bool,
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
    let dialect_impl = dialect.parser_dialect();
    let mut tokens = Tokenizer::new(&*dialect_impl, sql).tokenize_with_location().map_err(|e| {
        let m = e.to_string();
        if m.contains("Unterminated") {
            Unresolved::Unbalanced(short(&m))
        } else {
            Unresolved::Syntax(short(&m))
        }
    })?;
    let shape = Shape::of(&tokens);
    if shape.tokens > MAX_TOKENS {
        return Err(Unresolved::TooManyTokens(shape.tokens));
    }
    if shape.queries > MAX_QUERIES {
        return Err(Unresolved::TooManyQueries(shape.queries));
    }
    if shape.depth > MAX_TREE_DEPTH {
        return Err(Unresolved::TooDeep);
    }
    if let Some(why) = rejected_syntax(dialect, &tokens) {
        return Err(Unresolved::Syntax(why.into()));
    }
    warehouse_syntax(dialect, &mut tokens);
    let mut parser =
        Parser::new(&*dialect_impl).with_recursion_limit(MAX_PARSE_DEPTH).with_tokens_with_locations(tokens);
    let statements = parser.parse_statements().map_err(|e| parse_error(e, shape.balance))?;
    // The parser ends a statement list at an `END` that closes nothing and drops what follows
    // (`select a, b end, c from t` would be `select a, b`): never a silently shorter query.
    let rest = parser.peek_token_ref();
    if rest.token != sqlparser::tokenizer::Token::EOF {
        return Err(Unresolved::Syntax(short(&format!("unexpected {} at {}", rest.token, rest.span.start))));
    }
    let mut queries = statements.into_iter();
    match (queries.next(), queries.next()) {
        (Some(Statement::Query(q)), None) => Ok(*q),
        (Some(_), None) => Err(Unresolved::NotAQuery(shape.first_word)),
        (None, _) => Err(Unresolved::NotAQuery("no statement".into())),
        (Some(_), Some(_)) => Err(Unresolved::NotAQuery("several statements".into())),
    }
}

/// What a warehouse writes that the parser reads otherwise, rewritten token by token (no text is
/// rebuilt, so nothing is re-tokenised): Postgres' bare column label `END` (`expr end`, valid
/// since Postgres 14: an `END` that closes no `CASE` is a name); DuckDB's `ASOF [LEFT] JOIN … ON`
/// (the parser knows only Snowflake's `ASOF JOIN … MATCH_CONDITION`; for lineage an as-of join
/// is the join it qualifies); Trino's `ARRAY(T)` and `ROW(name T, …)` types in a `CAST` (the
/// parser reads `ARRAY<T>` and `STRUCT<name T, …>`).
/// Syntax the model's warehouse rejects though the parser's dialect reads it: a model that
/// would not run is reported unparsed, never resolved as if it ran.
fn rejected_syntax(dialect: Dialect, tokens: &[sqlparser::tokenizer::TokenWithSpan]) -> Option<&'static str> {
    use sqlparser::keywords::Keyword as K;
    use sqlparser::tokenizer::Token as T;
    tokens.iter().find_map(|t| match (&t.token, dialect) {
        (T::DoubleColon, Dialect::BigQuery) => Some("BigQuery has no `::` cast"),
        (T::Word(w), Dialect::Postgres) if w.keyword == K::QUALIFY && w.quote_style.is_none() => {
            Some("PostgreSQL has no QUALIFY")
        }
        (T::Word(w), Dialect::Trino | Dialect::BigQuery) if w.keyword == K::NATURAL && w.quote_style.is_none() => {
            Some("this warehouse rejects NATURAL JOIN")
        }
        _ => None,
    })
}

fn warehouse_syntax(dialect: Dialect, tokens: &mut [sqlparser::tokenizer::TokenWithSpan]) {
    use sqlparser::keywords::Keyword as K;
    use sqlparser::tokenizer::Token as T;
    let significant = |t: &T| !matches!(t, T::Whitespace(_));
    match dialect {
        Dialect::Postgres => {
            let mut open_cases = 0usize;
            let mut after_dot = false;
            for t in tokens.iter_mut() {
                if !significant(&t.token) {
                    continue;
                }
                if let T::Word(w) = &mut t.token {
                    if w.keyword == K::CASE && !after_dot {
                        open_cases += 1;
                    } else if w.keyword == K::END && !after_dot {
                        if open_cases == 0 {
                            w.keyword = K::NoKeyword;
                            w.value = w.value.to_ascii_lowercase();
                        } else {
                            open_cases -= 1;
                        }
                    }
                }
                after_dot = t.token == T::Period;
            }
        }
        Dialect::DuckDb => {
            for i in 0..tokens.len() {
                // The next word is looked for only after an ASOF (white space comes a character
                // a token: looking ahead from every token would be quadratic in long blank runs).
                if !matches!(&tokens[i].token, T::Word(w) if w.keyword == K::ASOF) {
                    continue;
                }
                let next = tokens[i + 1..].iter().find(|t| significant(&t.token));
                if next.is_some_and(
                    |t| matches!(&t.token, T::Word(w) if matches!(w.keyword, K::JOIN | K::LEFT | K::INNER)),
                ) {
                    tokens[i].token = T::Whitespace(sqlparser::tokenizer::Whitespace::Space);
                }
            }
        }
        Dialect::Trino => {
            // Each `(`'s `)`, found once (a search per CAST would be quadratic in nested casts).
            let mut closer = vec![usize::MAX; tokens.len()];
            let mut stack = Vec::new();
            for (j, t) in tokens.iter().enumerate() {
                match t.token {
                    T::LParen => stack.push(j),
                    T::RParen => {
                        if let Some(o) = stack.pop() {
                            closer[o] = j;
                        }
                    }
                    _ => {}
                }
            }
            for i in 0..tokens.len() {
                if !matches!(&tokens[i].token, T::Word(w) if matches!(w.keyword, K::CAST | K::TRY_CAST)) {
                    continue;
                }
                let Some(open) = next_paren(tokens, i) else { continue };
                let close = closer[open];
                if close == usize::MAX {
                    continue;
                }
                // The type: after the `AS` at the cast's own level (nested groups skipped).
                let mut j = open + 1;
                let mut as_at = None;
                while j < close {
                    match &tokens[j].token {
                        T::LParen => j = closer[j].min(close),
                        T::Word(w) if w.keyword == K::AS => {
                            as_at = Some(j);
                            break;
                        }
                        _ => {}
                    }
                    j += 1;
                }
                let Some(as_at) = as_at else { continue };
                for j in as_at + 1..close {
                    let keyword = match &tokens[j].token {
                        T::Word(w) if matches!(w.keyword, K::ARRAY | K::ROW) => w.keyword,
                        _ => continue,
                    };
                    let Some(args) = next_paren(tokens, j) else { continue };
                    let end = closer[args];
                    if end >= close {
                        continue;
                    }
                    if keyword == K::ROW {
                        tokens[j].token = T::Word(sqlparser::tokenizer::Word {
                            value: "STRUCT".into(),
                            quote_style: None,
                            keyword: K::STRUCT,
                        });
                    }
                    tokens[args].token = T::Lt;
                    tokens[end].token = T::Gt;
                }
            }
        }
        _ => {}
    }
}

/// The index of the next token that is not white space, if it is `(`.
fn next_paren(tokens: &[sqlparser::tokenizer::TokenWithSpan], i: usize) -> Option<usize> {
    let j = (i + 1..tokens.len()).find(|&j| !matches!(tokens[j].token, sqlparser::tokenizer::Token::Whitespace(_)))?;
    (tokens[j].token == sqlparser::tokenizer::Token::LParen).then_some(j)
}

fn parse_error(e: ParserError, balance: i64) -> Unresolved {
    match e {
        ParserError::RecursionLimitExceeded => Unresolved::TooDeep,
        ParserError::TokenizerError(m) => Unresolved::Syntax(short(&m)),
        ParserError::ParserError(_) if balance != 0 => {
            let (more, than) = if balance > 0 { ("'('", "')'") } else { ("')'", "'('") };
            Unresolved::Unbalanced(format!("{} more {more} than {than}", balance.unsigned_abs()))
        }
        ParserError::ParserError(m) => Unresolved::Syntax(short(&m)),
    }
}

/// What the tokens say before parsing: the balance of parentheses, the first word (to name a
/// statement that is not a query without printing it) and a bound on the parse tree's depth.
#[derive(Debug, Default, PartialEq, Eq)]
struct Shape {
    /// Opening minus closing parentheses.
    balance: i64,
    /// The first word, upper-cased (`SELECT`, `INSERT`…).
    first_word: String,
    /// No node of the parse tree is deeper than this.
    depth: usize,
    /// Tokens other than white space and comments.
    tokens: usize,
    /// SELECT keywords.
    queries: usize,
}

/// One level of nesting while [`Shape::of`] reads tokens: `(`…`)`, `[`…`]`, `{`…`}` or
/// `CASE`…`END`.
#[derive(Debug, Clone, Copy)]
struct Level {
    /// The token that closes it.
    closer: Closer,
    /// Tokens at this level in the current expression (since the last `,` or clause keyword).
    tokens: usize,
    /// The deepest nested group in the current expression, plus one.
    group: usize,
    /// The deepest expression at this level so far.
    deepest: usize,
    /// Set operators at this level (`UNION`…: a left-deep chain of their own).
    set_ops: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Closer {
    Paren,
    Bracket,
    Brace,
    End,
    Eof,
}

impl Level {
    fn new(closer: Closer) -> Level {
        Level { closer, tokens: 0, group: 0, deepest: 0, set_ops: 0 }
    }

    /// The deepest tree this level can have built: every ancestor of a node of the current
    /// expression is one of its tokens at this level (an operator applies to everything
    /// before it, as in `a is null is null`, or after it).
    fn depth(&self) -> usize {
        self.deepest.max(self.tokens + self.group) + self.set_ops
    }

    /// A `,` or a clause keyword: the expression so far is finished.
    fn end_expression(&mut self) {
        self.deepest = self.deepest.max(self.tokens + self.group);
        self.tokens = 0;
        self.group = 0;
    }
}

impl Shape {
    /// Reads the tokens once, in a loop. The depth is an upper bound: each node of the tree
    /// takes at least one token, and its ancestors are tokens of the expressions around it.
    fn of(tokens: &[sqlparser::tokenizer::TokenWithSpan]) -> Shape {
        use sqlparser::keywords::Keyword as K;
        use sqlparser::tokenizer::Token as T;
        let mut shape = Shape::default();
        let mut levels = vec![Level::new(Closer::Eof)];
        for t in tokens {
            let opens = match &t.token {
                T::Whitespace(_) | T::EOF => continue,
                T::Word(w) if w.keyword == K::SELECT => {
                    shape.queries += 1;
                    None
                }
                T::LParen => Some(Closer::Paren),
                T::LBracket => Some(Closer::Bracket),
                T::LBrace => Some(Closer::Brace),
                T::Word(w) if w.keyword == K::CASE => Some(Closer::End),
                _ => None,
            };
            shape.tokens += 1;
            if let T::Word(w) = &t.token {
                if shape.first_word.is_empty() {
                    shape.first_word = w.value.chars().take(40).collect::<String>().to_ascii_uppercase();
                }
            }
            match &t.token {
                T::LParen => shape.balance += 1,
                T::RParen => shape.balance -= 1,
                _ => {}
            }
            if let Some(closer) = opens {
                levels.push(Level::new(closer));
                continue;
            }
            let closes = match &t.token {
                T::RParen => Closer::Paren,
                T::RBracket => Closer::Bracket,
                T::RBrace => Closer::Brace,
                T::Word(w) if w.keyword == K::END => Closer::End,
                _ => Closer::Eof,
            };
            let nested = levels.len() > 1;
            let Some(top) = levels.last_mut() else { break };
            if closes != Closer::Eof && top.closer == closes && nested {
                let inner = levels.pop().map_or(0, |l| l.depth());
                shape.depth = shape.depth.max(inner);
                if let Some(outer) = levels.last_mut() {
                    // The group is one token of the expression around it.
                    outer.group = outer.group.max(inner + 1);
                    outer.tokens += 1;
                }
                continue;
            }
            match &t.token {
                T::Comma | T::SemiColon => top.end_expression(),
                T::Word(w) => match w.keyword {
                    K::UNION | K::INTERSECT | K::EXCEPT | K::MINUS => {
                        top.end_expression();
                        top.set_ops += 1;
                    }
                    K::SELECT
                    | K::FROM
                    | K::WHERE
                    | K::GROUP
                    | K::BY
                    | K::HAVING
                    | K::QUALIFY
                    | K::ORDER
                    | K::WINDOW
                    | K::LIMIT
                    | K::OFFSET
                    | K::FETCH
                    | K::WHEN
                    | K::THEN
                    | K::ELSE
                    | K::ON
                    | K::USING
                    | K::JOIN
                    | K::AS
                    | K::WITH
                    | K::PARTITION => top.end_expression(),
                    _ => top.tokens += 1,
                },
                _ => top.tokens += 1,
            }
            shape.depth = shape.depth.max(top.depth());
        }
        // Groups never closed (the parser will refuse the SQL): counted as they stand.
        let mut below = 0;
        while let Some(l) = levels.pop() {
            below = l.depth().max(l.tokens + l.group.max(below + 1));
            shape.depth = shape.depth.max(below);
        }
        shape
    }
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

//! The column resolver: walks a parsed query scope by scope (CTEs, subqueries, joins, set
//! operations) and says, for each output column, which upstream relation columns it carries
//! ([`Deps::values`], with the strongest [`Transform`] on the way) and which only pick its rows
//! or branches ([`Deps::filters`]). Columns used only in WHERE, JOIN ON, GROUP BY, HAVING,
//! QUALIFY or ORDER BY are upstream of nothing. Anything it cannot resolve for sure is an
//! [`Unresolved`] reason, never a guess.

use std::rc::Rc;

use sqlparser::ast::{
    BinaryOperator, Expr, FunctionArg, FunctionArgExpr, FunctionArgumentClause, FunctionArguments, Ident,
    JoinConstraint, JoinOperator, NamedWindowExpr, ObjectName, Query, Select, SelectItem,
    SelectItemQualifiedWildcardKind, SetExpr, SetOperator, SetQuantifier, TableAlias, TableFactor, TableWithJoins,
    UnaryOperator, WildcardAdditionalOptions, WindowSpec, WindowType,
};

use super::functions::{classify, is_table_generator, orders_its_input, FunctionClass};
use super::{Deps, Dialect, OutputColumn, Relations, Transform, Unresolved, MAX_RESOLVE_DEPTH, MAX_STEPS};

type R<T> = Result<T, Unresolved>;

/// Resolves a query's output columns against `relations`.
pub(crate) fn resolve_query(query: &Query, dialect: Dialect, relations: &dyn Relations) -> R<Vec<OutputColumn>> {
    let mut r = Resolver { dialect, relations, steps: 0, depth: 0 };
    let outs = r.query(query, &Env::default(), None)?;
    Ok(outs.iter().map(|o| OutputColumn { name: o.name.clone(), deps: o.deps.clone() }).collect())
}

/// A column of a source in scope.
#[derive(Debug, Clone)]
struct Out {
    name: String,
    deps: Deps,
}

/// The CTEs visible at a point, innermost last.
#[derive(Default, Clone)]
struct Env {
    ctes: Vec<(String, Rc<Vec<Out>>)>,
}

impl Env {
    /// The innermost CTE of that name, and how many CTEs were looked at.
    fn cte(&self, name: &str) -> (Option<Rc<Vec<Out>>>, usize) {
        let mut looked = 0;
        for (n, c) in self.ctes.iter().rev() {
            looked += 1;
            if n.eq_ignore_ascii_case(name) {
                return (Some(Rc::clone(c)), looked);
            }
        }
        (None, looked)
    }
}

/// What keeping these columns costs the step budget: one per column and per dependency.
fn cost(outs: &[Out]) -> usize {
    outs.iter().map(|o| 1 + o.deps.size()).sum()
}

/// The columns a source in a FROM clause offers.
#[derive(Debug, Clone)]
enum Cols {
    /// Resolved columns (a CTE, subquery, UNNEST…).
    Known(Rc<Vec<Out>>),
    /// A warehouse relation: its index, its column list if known, and whether that list is
    /// complete.
    Base { rel: usize, cols: Option<(Vec<String>, bool)> },
    /// A table function that is no known row generator (`read_parquet('…')`, Snowflake's
    /// `TABLE(generator(…))`): its columns are in no catalog. Its name, for messages.
    Opaque(String),
}

#[derive(Debug, Clone)]
struct Source {
    /// The alias, or the relation's last name part (lower case).
    alias: String,
    /// For an unaliased warehouse relation, its name parts (lower case).
    full: Vec<String>,
    cols: Cols,
    /// For an array taken apart in FROM (`UNNEST(a) AS e`, `t.a AS e` in PartiQL, BigQuery's
    /// `t, t.a`), the element's upstream: `e.field` names a field of the element.
    element: Option<Deps>,
}

/// The sources of one SELECT, the columns it named so far (lateral aliases), its named windows
/// and its enclosing scope (correlated subqueries).
struct Scope<'p> {
    sources: Vec<Source>,
    using: Vec<String>,
    aliases: Vec<Out>,
    /// Named windows, borrowed from the query (a deep tree is never copied).
    windows: Vec<(String, &'p WindowSpec)>,
    parent: Option<&'p Scope<'p>>,
}

impl<'p> Scope<'p> {
    fn new(parent: Option<&'p Scope<'p>>) -> Self {
        Scope { sources: Vec::new(), using: Vec::new(), aliases: Vec::new(), windows: Vec::new(), parent }
    }
}

struct Resolver<'r> {
    dialect: Dialect,
    relations: &'r dyn Relations,
    steps: usize,
    depth: usize,
}

impl Deps {
    fn bump(mut self, t: Transform) -> Deps {
        for v in self.values.values_mut() {
            *v = (*v).max(t);
        }
        self
    }

    /// How many upstream columns it names (what cloning it costs).
    fn size(&self) -> usize {
        self.values.len() + self.filters.len()
    }

    fn into_filter(mut self) -> Deps {
        let values = std::mem::take(&mut self.values);
        self.filters.extend(values.into_keys());
        self
    }

    /// Both together: literal only when both are (the branches of a union).
    fn merge(&mut self, other: Deps) {
        self.literal &= other.literal;
        for (k, t) in other.values {
            let slot = self.values.entry(k).or_insert(t);
            *slot = (*slot).max(t);
        }
        self.filters.extend(other.filters);
    }
}

fn lower(s: &str) -> String {
    s.to_ascii_lowercase()
}

/// The name parts of an object name, BigQuery's backquoted `project.dataset.table` split.
fn name_parts(name: &ObjectName) -> Vec<String> {
    let mut out = Vec::new();
    for part in &name.0 {
        if let Some(id) = part.as_ident() {
            if id.quote_style == Some('`') {
                out.extend(id.value.split('.').map(lower));
            } else {
                out.push(lower(&id.value));
            }
        }
    }
    out
}

impl<'r> Resolver<'r> {
    fn step(&mut self, n: usize) -> R<()> {
        self.steps += n;
        if self.steps > MAX_STEPS {
            Err(Unresolved::TooComplex)
        } else {
            Ok(())
        }
    }

    fn enter(&mut self) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_RESOLVE_DEPTH {
            Err(Unresolved::TooDeep)
        } else {
            Ok(())
        }
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// An identifier as the warehouse stores it.
    fn ident_name(&self, id: &Ident) -> String {
        if id.quote_style.is_some() && !self.dialect.folds_quoted() {
            id.value.clone()
        } else {
            self.dialect.fold(&id.value)
        }
    }

    // ---- queries -------------------------------------------------------------------------

    fn query(&mut self, q: &Query, env: &Env, outer: Option<&Scope<'_>>) -> R<Rc<Vec<Out>>> {
        self.enter()?;
        let out = self.query_inner(q, env, outer);
        self.leave();
        out
    }

    fn query_inner(&mut self, q: &Query, env: &Env, outer: Option<&Scope<'_>>) -> R<Rc<Vec<Out>>> {
        if !q.pipe_operators.is_empty() {
            return Err(Unresolved::Unsupported("pipe syntax".into()));
        }
        let Some(with) = &q.with else { return self.set_expr(&q.body, env, outer) };
        // Only a query with a WITH copies the CTEs in scope (a subquery does not: thousands of
        // them would copy thousands of CTEs each).
        self.step(env.ctes.len() + 1)?;
        let mut env = env.clone();
        for cte in &with.cte_tables {
            let name = lower(&cte.alias.name.value);
            let columns: Vec<&Ident> = cte.alias.columns.iter().map(|c| &c.name).collect();
            let outs = if with.recursive {
                self.recursive_cte(&name, &columns, &cte.query, &env, outer)?
            } else {
                self.query(&cte.query, &env, outer)?
            };
            let outs = self.rename_columns(outs, &columns)?;
            env.ctes.push((name, outs));
        }
        self.set_expr(&q.body, &env, outer)
    }

    /// A recursive CTE: its anchor branch first (named by the CTE's column list, when it has
    /// one), then the whole with itself known as that.
    fn recursive_cte(
        &mut self,
        name: &str,
        columns: &[&Ident],
        q: &Query,
        env: &Env,
        outer: Option<&Scope<'_>>,
    ) -> R<Rc<Vec<Out>>> {
        let anchor = match &*q.body {
            SetExpr::SetOperation { left, .. } => self.set_expr(left, env, outer)?,
            _ => return self.query(q, env, outer),
        };
        let anchor = self.rename_columns(anchor, columns)?;
        self.step(env.ctes.len() + 1)?;
        let mut inner = env.clone();
        inner.ctes.push((name.to_string(), anchor));
        self.query(q, &inner, outer)
    }

    fn set_expr(&mut self, body: &SetExpr, env: &Env, outer: Option<&Scope<'_>>) -> R<Rc<Vec<Out>>> {
        self.enter()?;
        let out = self.set_expr_inner(body, env, outer);
        self.leave();
        out
    }

    fn set_expr_inner(&mut self, body: &SetExpr, env: &Env, outer: Option<&Scope<'_>>) -> R<Rc<Vec<Out>>> {
        match body {
            SetExpr::Select(s) => self.select(s, env, outer),
            SetExpr::Query(q) => self.query(q, env, outer),
            SetExpr::SetOperation { .. } => {
                // A long UNION chain is a left-deep tree: walked in a loop, not by recursion.
                let mut chain = Vec::new();
                let mut cur = body;
                while let SetExpr::SetOperation { left, op, set_quantifier, right } = cur {
                    chain.push((op, set_quantifier, right));
                    cur = left;
                }
                let mut acc = self.set_expr(cur, env, outer)?;
                for (op, set_quantifier, right) in chain.into_iter().rev() {
                    let r = self.set_expr(right, env, outer)?;
                    acc = self.combine(acc, op, set_quantifier, r)?;
                }
                Ok(acc)
            }
            SetExpr::Values(v) => {
                let width = v.rows.first().map_or(0, |r| r.content.len());
                let mut outs: Vec<Out> =
                    (1..=width).map(|i| Out { name: format!("column{i}"), deps: Deps::default() }).collect();
                let scope = Scope::new(outer);
                for row in &v.rows {
                    for (o, e) in outs.iter_mut().zip(row.content.iter()) {
                        let d = self.expr(e, &scope, env)?;
                        o.deps.merge(d);
                    }
                }
                Ok(Rc::new(outs))
            }
            SetExpr::Table(t) => {
                let name = t.table_name.as_ref().map(|n| lower(&n.value)).unwrap_or_default();
                let mut parts: Vec<String> = t.schema_name.iter().map(|s| lower(&s.value)).collect();
                parts.push(name);
                let src = self.relation_source(&parts, None, env)?;
                self.source_all(&src)
            }
            other => Err(Unresolved::NotAQuery(first_word(&other.to_string()))),
        }
    }

    /// One set operation: positional or by name; EXCEPT/INTERSECT keep the left side's lineage.
    fn combine(&mut self, l: Rc<Vec<Out>>, op: &SetOperator, q: &SetQuantifier, r: Rc<Vec<Out>>) -> R<Rc<Vec<Out>>> {
        if matches!(op, SetOperator::Except | SetOperator::Intersect | SetOperator::Minus) {
            // The right side only removes or keeps rows of the left.
            return Ok(l);
        }
        self.step(cost(&l) + cost(&r))?;
        let mut outs = (*l).clone();
        if matches!(q, SetQuantifier::ByName | SetQuantifier::AllByName | SetQuantifier::DistinctByName) {
            // By name: an index of the left side's names (the first of each), not a search per
            // column (quadratic on thousands of columns).
            let mut index: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
            for (i, o) in outs.iter().enumerate() {
                index.entry(lower(&o.name)).or_insert(i);
            }
            for rc in r.iter() {
                match index.get(&lower(&rc.name)).and_then(|&i| outs.get_mut(i)) {
                    Some(o) => o.deps.merge(rc.deps.clone()),
                    None => {
                        index.insert(lower(&rc.name), outs.len());
                        outs.push(rc.clone());
                    }
                }
            }
        } else {
            if outs.len() != r.len() {
                return Err(Unresolved::Unsupported(format!(
                    "set operation with {} and {} columns",
                    outs.len(),
                    r.len()
                )));
            }
            for (o, rc) in outs.iter_mut().zip(r.iter()) {
                o.deps.merge(rc.deps.clone());
            }
        }
        Ok(Rc::new(outs))
    }

    fn select(&mut self, s: &Select, env: &Env, outer: Option<&Scope<'_>>) -> R<Rc<Vec<Out>>> {
        let mut scope = Scope::new(outer);
        for w in &s.named_window {
            if let NamedWindowExpr::WindowSpec(spec) = &w.1 {
                scope.windows.push((lower(&w.0.value), spec));
            }
        }
        for twj in &s.from {
            self.table_with_joins(twj, env, &mut scope)?;
        }
        for lv in &s.lateral_views {
            let d = self.expr(&lv.lateral_view, &scope, env)?.bump(Transform::Derived);
            let alias = lv.lateral_view_name.0.last().and_then(|p| p.as_ident()).map(|i| lower(&i.value));
            let names: Vec<String> = lv.lateral_col_alias.iter().map(|i| self.ident_name(i)).collect();
            let (fname, nargs) = match &lv.lateral_view {
                Expr::Function(f) => (
                    name_parts(&f.name).pop().unwrap_or_default(),
                    match &f.args {
                        FunctionArguments::List(l) => l.args.len(),
                        _ => 1,
                    },
                ),
                _ => (String::new(), 1),
            };
            let outs = self.generated(&fname, nargs, &d, &names, "col", false)?;
            scope.sources.push(Source {
                alias: alias.unwrap_or_default(),
                full: Vec::new(),
                element: None,
                cols: Cols::Known(Rc::new(outs)),
            });
        }
        let mut outs: Vec<Out> = Vec::new();
        for item in &s.projection {
            self.step(1)?;
            match item {
                SelectItem::UnnamedExpr(e) => {
                    let deps = self.expr(e, &scope, env)?;
                    let name = self.expr_name(e);
                    scope.aliases.push(Out { name: name.clone(), deps: deps.clone() });
                    outs.push(Out { name, deps });
                }
                SelectItem::ExprWithAlias { expr, alias } => {
                    let deps = self.expr(expr, &scope, env)?;
                    let name = self.ident_name(alias);
                    scope.aliases.push(Out { name: name.clone(), deps: deps.clone() });
                    outs.push(Out { name, deps });
                }
                SelectItem::ExprWithAliases { expr, aliases } => {
                    let deps = self.expr(expr, &scope, env)?.bump(Transform::Derived);
                    self.step(aliases.len() * (1 + deps.size()))?;
                    for a in aliases {
                        outs.push(Out { name: self.ident_name(a), deps: deps.clone() });
                    }
                }
                SelectItem::Wildcard(opts) => {
                    let mut cols: Vec<Out> = Vec::new();
                    for src in &scope.sources {
                        for o in self.source_all(src)?.iter() {
                            self.step(scope.using.len())?;
                            // A USING column appears once, from every side.
                            if scope.using.iter().any(|u| u.eq_ignore_ascii_case(&o.name)) {
                                self.step(cols.len())?;
                                if let Some(existing) = cols.iter_mut().find(|c| c.name.eq_ignore_ascii_case(&o.name)) {
                                    existing.deps.merge(o.deps.clone());
                                    continue;
                                }
                            }
                            cols.push(o.clone());
                        }
                    }
                    let cols = self.wildcard_options(cols, opts, &scope, env)?;
                    outs.extend(cols);
                }
                SelectItem::QualifiedWildcard(kind, opts) => {
                    let cols = match kind {
                        SelectItemQualifiedWildcardKind::ObjectName(name) => {
                            let parts = name_parts(name);
                            let src = find_source(&scope, &parts)
                                .ok_or_else(|| Unresolved::UnknownRelation(parts.join(".")))?
                                .clone();
                            (*self.source_all(&src)?).clone()
                        }
                        SelectItemQualifiedWildcardKind::Expr(e) => {
                            // `struct_col.*`: every field, from the one column.
                            let d = self.expr(e, &scope, env)?.bump(Transform::Derived);
                            return Err(Unresolved::Unsupported(format!(
                                "{e}.* (fields of a struct: {} upstream columns)",
                                d.values.len()
                            )));
                        }
                    };
                    let cols = self.wildcard_options(cols, opts, &scope, env)?;
                    outs.extend(cols);
                }
            }
        }
        if let Some(ex) = &s.exclude {
            let names = exclude_names(ex);
            self.step(names.len() * outs.len())?;
            outs.retain(|o| !names.iter().any(|n| n.eq_ignore_ascii_case(&o.name)));
        }
        Ok(Rc::new(outs))
    }

    /// EXCLUDE / EXCEPT / REPLACE / RENAME / ILIKE after a `*`.
    fn wildcard_options(
        &mut self,
        mut cols: Vec<Out>,
        opts: &WildcardAdditionalOptions,
        scope: &Scope<'_>,
        env: &Env,
    ) -> R<Vec<Out>> {
        // Each option below compares every column with each name it lists.
        let listed = opts.opt_exclude.as_ref().map_or(0, |ex| exclude_names(ex).len())
            + opts.opt_except.as_ref().map_or(0, |ex| 1 + ex.additional_elements.len())
            + opts.opt_replace.as_ref().map_or(0, |r| r.items.len())
            + opts.opt_rename.as_ref().map_or(0, |r| match r {
                sqlparser::ast::RenameSelectItem::Single(_) => 1,
                sqlparser::ast::RenameSelectItem::Multiple(v) => v.len(),
            })
            + opts.opt_ilike.as_ref().map_or(0, |i| i.pattern.len());
        self.step(listed.saturating_mul(cols.len()))?;
        // The parser takes `* EXCLUDE/EXCEPT/REPLACE/RENAME/ILIKE` in its generic dialect, which
        // reads Trino's SQL; Trino has none of them.
        if self.dialect == Dialect::Trino {
            let word = [
                (opts.opt_ilike.is_some(), "ILIKE"),
                (opts.opt_exclude.is_some(), "EXCLUDE"),
                (opts.opt_except.is_some(), "EXCEPT"),
                (opts.opt_replace.is_some(), "REPLACE"),
                (opts.opt_rename.is_some(), "RENAME"),
            ]
            .into_iter()
            .find_map(|(present, word)| present.then_some(word));
            if let Some(word) = word {
                return Err(Unresolved::Syntax(format!("`* {word}` is not trino SQL")));
            }
        }
        if let Some(ilike) = &opts.opt_ilike {
            let pattern = lower(&ilike.pattern);
            cols.retain(|c| like(&lower(&c.name), &pattern));
        }
        if let Some(ex) = &opts.opt_exclude {
            let names = exclude_names(ex);
            cols.retain(|o| !names.iter().any(|n| n.eq_ignore_ascii_case(&o.name)));
        }
        if let Some(ex) = &opts.opt_except {
            let mut names = vec![&ex.first_element];
            names.extend(ex.additional_elements.iter());
            cols.retain(|o| !names.iter().any(|n| n.value.eq_ignore_ascii_case(&o.name)));
        }
        if let Some(rep) = &opts.opt_replace {
            for item in &rep.items {
                let deps = self.expr(&item.expr, scope, env)?;
                if let Some(c) = cols.iter_mut().find(|c| c.name.eq_ignore_ascii_case(&item.column_name.value)) {
                    c.deps = deps;
                }
            }
        }
        if let Some(ren) = &opts.opt_rename {
            let pairs: Vec<_> = match ren {
                sqlparser::ast::RenameSelectItem::Single(p) => vec![p],
                sqlparser::ast::RenameSelectItem::Multiple(v) => v.iter().collect(),
            };
            for p in pairs {
                if let Some(c) = cols.iter_mut().find(|c| c.name.eq_ignore_ascii_case(&p.ident.value)) {
                    c.name = self.ident_name(&p.alias);
                }
            }
        }
        Ok(cols)
    }

    /// Every column of a source, for `*`.
    fn source_all(&mut self, src: &Source) -> R<Rc<Vec<Out>>> {
        match &src.cols {
            Cols::Known(outs) => {
                // Every caller copies or walks them.
                self.step(cost(outs))?;
                Ok(Rc::clone(outs))
            }
            Cols::Base { rel, cols: Some((list, true)) } => {
                self.step(list.len())?;
                Ok(Rc::new(list.iter().map(|c| Out { name: c.clone(), deps: base_dep(*rel, c) }).collect()))
            }
            Cols::Base { rel, .. } => Err(Unresolved::MissingCatalog(self.relations.display(*rel))),
            Cols::Opaque(name) => Err(Unresolved::MissingCatalog(name.clone())),
        }
    }

    // ---- FROM ----------------------------------------------------------------------------

    fn table_with_joins(&mut self, twj: &TableWithJoins, env: &Env, scope: &mut Scope<'_>) -> R<()> {
        self.table_factor(&twj.relation, env, scope)?;
        for join in &twj.joins {
            self.table_factor(&join.relation, env, scope)?;
            match join_constraint(&join.join_operator) {
                Some(JoinConstraint::Using(names)) | Some(JoinConstraint::UsingAlias(names, _)) => {
                    for n in names {
                        if let Some(last) = name_parts(n).pop() {
                            scope.using.push(last);
                        }
                    }
                }
                // NATURAL JOIN: `USING` the columns both sides name (compared case-insensitively,
                // as every column name is).
                Some(JoinConstraint::Natural) => {
                    let Some((right, left)) = scope.sources.split_last() else { continue };
                    let right = self.source_all(right)?;
                    let mut left_names = std::collections::HashSet::new();
                    for src in left {
                        for o in self.source_all(src)?.iter() {
                            left_names.insert(o.name.clone());
                        }
                    }
                    for o in right.iter().filter(|o| left_names.contains(&o.name)) {
                        if !scope.using.contains(&o.name) {
                            scope.using.push(o.name.clone());
                        }
                    }
                }
                _ => {}
            }
            // Semi and anti joins only pick rows of the left side: their columns are not
            // visible in the projection.
            if matches!(
                join.join_operator,
                JoinOperator::Semi(_) | JoinOperator::LeftSemi(_) | JoinOperator::Anti(_) | JoinOperator::LeftAnti(_)
            ) {
                scope.sources.pop();
            }
        }
        Ok(())
    }

    fn relation_source(&mut self, parts: &[String], alias: Option<&TableAlias>, env: &Env) -> R<Source> {
        let last = parts.last().cloned().unwrap_or_default();
        if parts.len() == 1 {
            let (found, looked) = env.cte(&last);
            self.step(looked)?;
            if let Some(outs) = found {
                let outs = match alias {
                    Some(a) if !a.columns.is_empty() => {
                        self.rename_columns(outs, &a.columns.iter().map(|c| &c.name).collect::<Vec<_>>())?
                    }
                    _ => outs,
                };
                return Ok(Source {
                    alias: alias.map_or(last, |a| lower(&a.name.value)),
                    full: Vec::new(),
                    element: None,
                    cols: Cols::Known(outs),
                });
            }
        }
        let rel = self.relations.find(parts).ok_or_else(|| Unresolved::UnknownRelation(parts.join(".")))?;
        let cols = self.relations.columns(rel).map(|(l, complete)| (l.to_vec(), complete));
        self.step(cols.as_ref().map_or(0, |(l, _)| l.len()))?;
        let mut src = Source {
            alias: alias.map_or(last, |a| lower(&a.name.value)),
            full: if alias.is_some() { Vec::new() } else { parts.to_vec() },
            element: None,
            cols: Cols::Base { rel, cols },
        };
        if let Some(a) = alias.filter(|a| !a.columns.is_empty()) {
            let all = self.source_all(&src)?;
            let outs = self.rename_columns(all, &a.columns.iter().map(|c| &c.name).collect::<Vec<_>>())?;
            src.cols = Cols::Known(outs);
        }
        Ok(src)
    }

    fn table_factor(&mut self, tf: &TableFactor, env: &Env, scope: &mut Scope<'_>) -> R<()> {
        self.enter()?;
        let out = self.table_factor_inner(tf, env, scope);
        self.leave();
        out
    }

    fn table_factor_inner(&mut self, tf: &TableFactor, env: &Env, scope: &mut Scope<'_>) -> R<()> {
        match tf {
            TableFactor::Table { name, alias, args, with_ordinality, json_path, .. } => {
                let parts = name_parts(name);
                if let Some(args) = args {
                    let fname = table_function_name(parts.clone())?;
                    let mut deps = Deps::default();
                    for a in &args.args {
                        deps.merge(self.function_arg(a, scope, env)?);
                    }
                    let src = self.generator_source(&fname, args.args.len(), deps, alias.as_ref(), *with_ordinality)?;
                    scope.sources.push(src);
                    return Ok(());
                }
                if json_path.is_some() {
                    return Err(Unresolved::Unsupported(format!("FROM {}[…]", parts.join("."))));
                }
                if let Some(src) = self.element_path(name, alias.as_ref(), scope)? {
                    scope.sources.push(src);
                    return Ok(());
                }
                let src = self.relation_source(&parts, alias.as_ref(), env)?;
                scope.sources.push(src);
            }
            TableFactor::Derived { lateral, subquery, alias, .. } => {
                let outs = if *lateral {
                    self.query(subquery, env, Some(&*scope))?
                } else {
                    self.query(subquery, env, scope.parent)?
                };
                let outs = match alias {
                    Some(a) if !a.columns.is_empty() => {
                        self.rename_columns(outs, &a.columns.iter().map(|c| &c.name).collect::<Vec<_>>())?
                    }
                    _ => outs,
                };
                scope.sources.push(Source {
                    alias: alias.as_ref().map(|a| lower(&a.name.value)).unwrap_or_default(),
                    full: Vec::new(),
                    element: None,
                    cols: Cols::Known(outs),
                });
            }
            TableFactor::TableFunction { expr, alias } => {
                let (fname, nargs, deps) = match expr {
                    Expr::Function(f) => {
                        let fname = table_function_name(name_parts(&f.name))?;
                        let mut deps = Deps::default();
                        let mut nargs = 0;
                        if let FunctionArguments::List(list) = &f.args {
                            nargs = list.args.len();
                            for a in &list.args {
                                deps.merge(self.function_arg(a, scope, env)?);
                            }
                        }
                        (fname, nargs, deps)
                    }
                    other => ("table".to_string(), 1, self.expr(other, scope, env)?),
                };
                let src = self.generator_source(&fname, nargs, deps, alias.as_ref(), false)?;
                scope.sources.push(src);
            }
            TableFactor::Function { name, args, alias, with_ordinality, .. } => {
                let fname = table_function_name(name_parts(name))?;
                let mut deps = Deps::default();
                for a in args {
                    deps.merge(self.function_arg(a, scope, env)?);
                }
                let src = self.generator_source(&fname, args.len(), deps, alias.as_ref(), *with_ordinality)?;
                scope.sources.push(src);
            }
            TableFactor::UNNEST { alias, array_exprs, with_offset, with_offset_alias, with_ordinality } => {
                let mut deps = Deps::default();
                for e in array_exprs {
                    deps.merge(self.expr(e, scope, env)?);
                }
                let mut src =
                    self.generator_source("unnest", array_exprs.len(), deps, alias.as_ref(), *with_ordinality)?;
                if alias.is_none() {
                    src.alias = String::new();
                }
                if *with_offset {
                    let name = with_offset_alias.as_ref().map_or_else(|| "offset".to_string(), |i| self.ident_name(i));
                    if let Cols::Known(outs) = &mut src.cols {
                        Rc::make_mut(outs).push(Out { name, deps: Deps::default() });
                    }
                }
                scope.sources.push(src);
            }
            TableFactor::NestedJoin { table_with_joins, alias } => {
                if let Some(a) = alias {
                    let mut inner = Scope::new(scope.parent);
                    self.table_with_joins(table_with_joins, env, &mut inner)?;
                    let mut outs = Vec::new();
                    for s in &inner.sources {
                        outs.extend(self.source_all(s)?.iter().cloned());
                    }
                    scope.sources.push(Source {
                        alias: lower(&a.name.value),
                        full: Vec::new(),
                        element: None,
                        cols: Cols::Known(Rc::new(outs)),
                    });
                } else {
                    self.table_with_joins(table_with_joins, env, scope)?;
                }
            }
            TableFactor::Pivot { table, aggregate_functions, value_column, value_source, alias, .. } => {
                let mut inner = Scope::new(scope.parent);
                self.table_factor(table, env, &mut inner)?;
                let base = inner.sources.last().cloned().ok_or_else(|| Unresolved::Unsupported("PIVOT".into()))?;
                let all = self.source_all(&base)?;
                let mut used: Vec<String> = Vec::new();
                for e in value_column {
                    collect_names(e, &mut used);
                }
                let mut filter = Deps::default();
                for e in value_column {
                    filter.merge(self.expr(e, &inner, env)?.into_filter());
                }
                let mut aggs = Vec::new();
                for a in aggregate_functions {
                    collect_names(&a.expr, &mut used);
                    let mut d = self.expr(&a.expr, &inner, env)?;
                    self.step(filter.size())?;
                    d.merge(filter.clone());
                    aggs.push((a.alias.as_ref().map(|i| self.ident_name(i)), d));
                }
                self.step(used.len().saturating_mul(all.len()))?;
                let mut outs: Vec<Out> =
                    all.iter().filter(|o| !used.iter().any(|u| u.eq_ignore_ascii_case(&o.name))).cloned().collect();
                let values = match value_source {
                    sqlparser::ast::PivotValueSource::List(v) => v,
                    _ => return Err(Unresolved::Unsupported("PIVOT over ANY or a subquery".into())),
                };
                for v in values {
                    let vname = match &v.alias {
                        Some(a) => self.ident_name(a),
                        None => pivot_value_name(&v.expr),
                    };
                    for (agg_alias, d) in &aggs {
                        self.step(1 + d.size())?;
                        let name = self.pivot_column_name(&vname, agg_alias.as_deref(), aggs.len());
                        outs.push(Out { name, deps: d.clone() });
                    }
                }
                scope.sources.push(Source {
                    alias: alias.as_ref().map(|a| lower(&a.name.value)).unwrap_or_else(|| base.alias.clone()),
                    full: Vec::new(),
                    element: None,
                    cols: Cols::Known(Rc::new(outs)),
                });
            }
            TableFactor::Unpivot { table, value, name, columns, alias, .. } => {
                let mut inner = Scope::new(scope.parent);
                self.table_factor(table, env, &mut inner)?;
                let base = inner.sources.last().cloned().ok_or_else(|| Unresolved::Unsupported("UNPIVOT".into()))?;
                let all = self.source_all(&base)?;
                let mut used = Vec::new();
                let mut d = Deps::default();
                for c in columns {
                    collect_names(&c.expr, &mut used);
                    d.merge(self.expr(&c.expr, &inner, env)?);
                }
                self.step(used.len().saturating_mul(all.len()))?;
                let mut outs: Vec<Out> =
                    all.iter().filter(|o| !used.iter().any(|u| u.eq_ignore_ascii_case(&o.name))).cloned().collect();
                outs.push(Out { name: self.ident_name(name), deps: Deps::default() });
                let value_name = match value {
                    Expr::Identifier(i) => self.ident_name(i),
                    other => other.to_string(),
                };
                outs.push(Out { name: value_name, deps: d });
                scope.sources.push(Source {
                    alias: alias.as_ref().map(|a| lower(&a.name.value)).unwrap_or_else(|| base.alias.clone()),
                    full: Vec::new(),
                    element: None,
                    cols: Cols::Known(Rc::new(outs)),
                });
            }
            other => {
                return Err(Unresolved::Unsupported(format!("FROM {}", first_word(&other.to_string()))));
            }
        }
        Ok(())
    }

    /// A table function in FROM (`flatten`, `unnest`, `generate_series`…): one row per
    /// element of its arguments.
    fn generator_source(
        &mut self,
        fname: &str,
        nargs: usize,
        deps: Deps,
        alias: Option<&TableAlias>,
        with_ordinality: bool,
    ) -> R<Source> {
        let deps = deps.bump(Transform::Derived);
        let alias_name = alias.map(|a| lower(&a.name.value)).unwrap_or_else(|| fname.to_string());
        if !is_table_generator(fname) && alias.is_none_or(|a| a.columns.is_empty()) {
            return Ok(Source {
                alias: alias_name,
                full: Vec::new(),
                cols: Cols::Opaque(format!("{fname}()")),
                element: None,
            });
        }
        let single = alias.map_or_else(|| fname.to_string(), |a| self.ident_name(&a.name));
        let names: Vec<String> =
            alias.map_or_else(Vec::new, |a| a.columns.iter().map(|c| self.ident_name(&c.name)).collect());
        let mut outs = self.generated(fname, nargs, &deps, &names, &single, with_ordinality)?;
        if let Some(at) = alias.and_then(|a| a.at.as_ref()) {
            // PartiQL's `AS e AT i`: i is the element's index.
            outs.push(Out { name: self.ident_name(at), deps: Deps::default() });
        }
        // One value per row, the element itself: `e.field` is a field of it.
        let element =
            (names.is_empty() && is_table_generator(fname) && natural_columns(fname, nargs).len() == 1).then_some(deps);
        Ok(Source { alias: alias_name, full: Vec::new(), cols: Cols::Known(Rc::new(outs)), element })
    }

    /// The name PIVOT gives the column of one value and one aggregate: BigQuery puts the
    /// aggregate's alias first (`avg_v_a1c`), the others after the value (`a1c_avg_v`); Spark
    /// and Databricks ignore the alias of a lone aggregate. The value alone without an alias.
    fn pivot_column_name(&self, value: &str, agg_alias: Option<&str>, aggregates: usize) -> String {
        match agg_alias {
            Some(a) if self.dialect == Dialect::BigQuery => format!("{a}_{value}"),
            Some(_) if self.dialect == Dialect::Databricks && aggregates == 1 => value.to_string(),
            Some(a) => format!("{value}_{a}"),
            None => value.to_string(),
        }
    }

    /// A FROM item that is a path into a relation already in FROM (`raw_claims c, c.payload.lines
    /// AS l`): Redshift's PartiQL navigation and BigQuery's implicit UNNEST, one row per element
    /// of that column. Elsewhere `c.payload.lines` is a schema-qualified table name.
    fn element_path(&mut self, name: &ObjectName, alias: Option<&TableAlias>, scope: &Scope<'_>) -> R<Option<Source>> {
        if !matches!(self.dialect, Dialect::Redshift | Dialect::BigQuery) || name.0.len() < 2 {
            return Ok(None);
        }
        let ids: Vec<Ident> = name.0.iter().filter_map(|p| p.as_ident().cloned()).collect();
        let Some(first) = ids.first() else { return Ok(None) };
        if ids.len() != name.0.len() || ids.iter().any(|i| i.quote_style == Some('`') && i.value.contains('.')) {
            return Ok(None);
        }
        let qual = [lower(&first.value)];
        if qual[0].is_empty() || find_source(scope, &qual).is_none() {
            return Ok(None);
        }
        let deps = self.column(scope, &ids)?;
        let last = ids.last().map(|i| lower(&i.value)).unwrap_or_default();
        let generic = TableAlias { explicit: false, name: Ident::new(last), columns: Vec::new(), at: None };
        self.generator_source("unnest", 1, deps, Some(alias.unwrap_or(&generic)), false).map(Some)
    }

    /// The columns a table function gives: those named (`AS t(a, b)`), else its own (`flatten`'s
    /// six, `posexplode`'s two, one named `single` otherwise). Counters (positions, ordinals,
    /// `WITH ORDINALITY`) carry no upstream value; the others carry the elements' `deps`.
    fn generated(
        &mut self,
        fname: &str,
        nargs: usize,
        deps: &Deps,
        names: &[String],
        single: &str,
        with_ordinality: bool,
    ) -> R<Vec<Out>> {
        let natural = natural_columns(fname, nargs);
        self.step((names.len().max(natural.len()) + 1) * (1 + deps.size()))?;
        let value = |counter: bool| if counter { Deps::default() } else { deps.clone() };
        let mut outs: Vec<Out> = if names.is_empty() {
            match natural.as_slice() {
                [(_, counter)] => vec![Out { name: single.to_string(), deps: value(*counter) }],
                _ => natural
                    .iter()
                    .map(|(n, counter)| Out { name: self.dialect.fold(n), deps: value(*counter) })
                    .collect(),
            }
        } else {
            // `WITH ORDINALITY AS t(a, …, n)`: the name after the function's own columns is the
            // ordinal.
            let ordinal = (with_ordinality && names.len() > natural.len()).then(|| names.len() - 1);
            names
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    let counter = Some(i) == ordinal || natural.get(i).is_some_and(|(_, c)| *c);
                    Out { name: n.clone(), deps: value(counter) }
                })
                .collect()
        };
        if with_ordinality && names.len() <= natural.len() {
            outs.push(Out { name: "ordinality".into(), deps: Deps::default() });
        }
        Ok(outs)
    }

    // ---- columns -------------------------------------------------------------------------

    /// A column reference (`c`, `t.c`, `s.t.c`, `c.field`, `t.c.field`).
    fn column(&mut self, scope: &Scope<'_>, ids: &[Ident]) -> R<Deps> {
        let parts: Vec<String> = ids.iter().map(|i| lower(&i.value)).collect();
        let display = parts.join(".");
        let mut cur = Some(scope);
        while let Some(s) = cur {
            if let Some(d) = self.column_in(s, &parts, ids)? {
                return Ok(d);
            }
            cur = s.parent;
        }
        // Snowflake/BigQuery: `:`/`.` paths on a column named like a relation alias are caught
        // above; a name found nowhere is an error, never a guess.
        Err(Unresolved::UnknownColumn(display))
    }

    fn column_in(&mut self, s: &Scope<'_>, parts: &[String], ids: &[Ident]) -> R<Option<Deps>> {
        // Each qualifier is looked for among the sources.
        self.step(parts.len().saturating_mul(s.sources.len() + 1))?;
        // Qualified: the longest qualifier that names a source.
        for k in (1..parts.len()).rev() {
            let (qual, rest) = parts.split_at(k);
            if let Some(src) = find_source(s, qual) {
                let Some(first) = rest.first() else { continue };
                let Some(id) = ids.get(k) else { continue };
                if let Some(d) = self.source_column(src, first, id, true)? {
                    return Ok(Some(if rest.len() > 1 { d.bump(Transform::Derived) } else { d }));
                }
                // A field of an array's element (`e.code` of `UNNEST(a) AS e`).
                if let Some(d) = &src.element {
                    self.step(d.size())?;
                    return Ok(Some(d.clone().bump(Transform::Derived)));
                }
                return Err(Unresolved::UnknownColumn(parts.join(".")));
            }
        }
        // Unqualified, or a struct path on an unqualified column.
        let (Some(first), Some(id)) = (parts.first(), ids.first()) else { return Ok(None) };
        let d = self.unqualified(s, first, id)?;
        Ok(d.map(|d| if parts.len() > 1 { d.bump(Transform::Derived) } else { d }))
    }

    fn unqualified(&mut self, s: &Scope<'_>, name: &str, id: &Ident) -> R<Option<Deps>> {
        // BigQuery: a range variable (a FROM item's alias) takes precedence over columns of the
        // same name: `UNNEST(a) AS a` names the element, a table's alias the row as a struct.
        if self.dialect == Dialect::BigQuery {
            self.step(s.sources.len())?;
            if let Some(src) = s.sources.iter().find(|src| !src.alias.is_empty() && src.alias == name) {
                if let Some(d) = &src.element {
                    self.step(d.size())?;
                    return Ok(Some(d.clone()));
                }
                let mut row = Deps::default();
                for o in self.source_all(src)?.iter() {
                    row.merge(o.deps.clone());
                }
                return Ok(Some(row.bump(Transform::Derived)));
            }
        }
        let mut found: Vec<Deps> = Vec::new();
        for src in &s.sources {
            if let Some(d) = self.source_column(src, name, id, false)? {
                found.push(d);
            }
        }
        if found.len() > 1 && s.using.iter().any(|u| u == name) {
            let mut all = Deps::default();
            for d in found {
                all.merge(d);
            }
            return Ok(Some(all));
        }
        if found.len() > 1 {
            return Err(Unresolved::AmbiguousColumn(name.to_string()));
        }
        if let Some(d) = found.pop() {
            return Ok(Some(d));
        }
        // A column of a relation whose list is unknown or partial: only if it is the one such
        // source.
        let open: Vec<&Source> = s
            .sources
            .iter()
            .filter(|src| {
                matches!(
                    &src.cols,
                    Cols::Base { cols: None, .. } | Cols::Base { cols: Some((_, false)), .. } | Cols::Opaque(_)
                )
            })
            .collect();
        // A lateral alias (a name given earlier in the same SELECT).
        if open.is_empty() {
            self.step(s.aliases.len())?;
            if let Some(a) = s.aliases.iter().rev().find(|a| a.name.eq_ignore_ascii_case(name)) {
                return Ok(Some(a.deps.clone()));
            }
        }
        match open.as_slice() {
            [one] => match &one.cols {
                Cols::Base { rel, .. } => Ok(Some(base_dep(*rel, &self.ident_name(id)))),
                Cols::Opaque(function) => {
                    Err(Unresolved::UnknownColumn(format!("{name} (columns of {function} unknown)")))
                }
                Cols::Known(_) => Ok(None),
            },
            [] => Ok(None),
            _ => Err(Unresolved::AmbiguousColumn(format!("{name} (columns of the joined relations unknown)"))),
        }
    }

    /// Whether the reference `id` (`name` lower-cased) names the column `have`: names compare
    /// case-insensitively, but a quoted name is the exact name where the warehouse keeps quoted
    /// identifiers case-sensitive (Postgres: `"Dob"` is not `dob`; Snowflake: `"mrn"` is not
    /// `MRN`).
    fn same_name(&self, have: &str, name: &str, id: &Ident) -> bool {
        if id.quote_style.is_some() && self.dialect.quoted_case_sensitive() {
            have == id.value
        } else {
            have.eq_ignore_ascii_case(name)
        }
    }

    /// Column `name` of a source. With `open`, a relation whose column list is unknown or
    /// partial is taken to have it.
    fn source_column(&mut self, src: &Source, name: &str, id: &Ident, open: bool) -> R<Option<Deps>> {
        // A search through the source's columns.
        self.step(match &src.cols {
            Cols::Known(outs) => outs.len() + 1,
            Cols::Base { cols: Some((list, _)), .. } => list.len() + 1,
            Cols::Base { cols: None, .. } | Cols::Opaque(_) => 1,
        })?;
        Ok(match &src.cols {
            Cols::Known(outs) => outs.iter().rev().find(|o| self.same_name(&o.name, name, id)).map(|o| o.deps.clone()),
            Cols::Base { rel, cols: Some((list, complete)) } => match list.iter().find(|c| self.same_name(c, name, id))
            {
                Some(c) => Some(base_dep(*rel, c)),
                None if open && !complete => Some(base_dep(*rel, &self.ident_name(id))),
                None => None,
            },
            Cols::Base { rel, cols: None } => open.then(|| base_dep(*rel, &self.ident_name(id))),
            Cols::Opaque(function) if open => {
                return Err(Unresolved::UnknownColumn(format!("{name} (columns of {function} unknown)")))
            }
            Cols::Opaque(_) => None,
        })
    }

    // ---- expressions ---------------------------------------------------------------------

    fn expr(&mut self, e: &Expr, scope: &Scope<'_>, env: &Env) -> R<Deps> {
        self.enter()?;
        self.step(1)?;
        let out = self.expr_inner(e, scope, env);
        self.leave();
        // What it names was copied and merged on the way up: paid for here.
        let out = out?;
        self.step(out.size())?;
        Ok(out)
    }

    fn exprs<'e>(&mut self, es: impl IntoIterator<Item = &'e Expr>, scope: &Scope<'_>, env: &Env) -> R<Deps> {
        let mut d = Deps::default();
        for e in es {
            d.merge(self.expr(e, scope, env)?);
        }
        Ok(d)
    }

    fn expr_inner(&mut self, e: &Expr, scope: &Scope<'_>, env: &Env) -> R<Deps> {
        use Transform::*;
        Ok(match e {
            Expr::Identifier(id) => self.column(scope, std::slice::from_ref(id))?,
            Expr::CompoundIdentifier(ids) => self.column(scope, ids)?,
            Expr::CompoundFieldAccess { root, access_chain } => {
                // `o.attrs['k']`, `t.arr[1].code`: the dotted names before the first subscript
                // are one column reference (`o.attrs`), like a compound identifier.
                let mut ids: Vec<Ident> = match &**root {
                    Expr::Identifier(i) => vec![i.clone()],
                    Expr::CompoundIdentifier(v) => v.clone(),
                    _ => Vec::new(),
                };
                let dotted = if ids.is_empty() {
                    0
                } else {
                    access_chain
                        .iter()
                        .map_while(|a| match a {
                            sqlparser::ast::AccessExpr::Dot(Expr::Identifier(i)) => Some(i),
                            _ => None,
                        })
                        .map(|i| ids.push(i.clone()))
                        .count()
                };
                let mut d = if ids.is_empty() { self.expr(root, scope, env)? } else { self.column(scope, &ids)? };
                for a in access_chain.iter().skip(dotted) {
                    if let sqlparser::ast::AccessExpr::Subscript(sqlparser::ast::Subscript::Index { index }) = a {
                        d.merge(self.expr(index, scope, env)?.into_filter());
                    }
                }
                d.bump(Derived)
            }
            Expr::JsonAccess { value, path } => {
                // `v:field` is Snowflake's and Databricks' path syntax; the parser takes it in
                // every dialect, but elsewhere it is not SQL the warehouse runs.
                let colon = matches!(
                    path.path.first(),
                    Some(sqlparser::ast::JsonPathElem::Dot { .. } | sqlparser::ast::JsonPathElem::ColonBracket { .. })
                );
                if colon && !matches!(self.dialect, Dialect::Snowflake | Dialect::Databricks | Dialect::Generic) {
                    return Err(Unresolved::Syntax(format!("`:` paths are not {} SQL", self.dialect.as_str())));
                }
                let mut d = self.expr(value, scope, env)?;
                for elem in &path.path {
                    if let sqlparser::ast::JsonPathElem::Bracket { key }
                    | sqlparser::ast::JsonPathElem::ColonBracket { key } = elem
                    {
                        d.merge(self.expr(key, scope, env)?.into_filter());
                    }
                }
                d.bump(Derived)
            }
            Expr::IsFalse(x)
            | Expr::IsNotFalse(x)
            | Expr::IsTrue(x)
            | Expr::IsNotTrue(x)
            | Expr::IsNull(x)
            | Expr::IsNotNull(x)
            | Expr::IsUnknown(x)
            | Expr::IsNotUnknown(x) => self.expr(x, scope, env)?.bump(Generalized),
            Expr::IsDistinctFrom(a, b) | Expr::IsNotDistinctFrom(a, b) => {
                self.exprs([&**a, &**b], scope, env)?.bump(Generalized)
            }
            Expr::IsJson { expr, .. } | Expr::IsNormalized { expr, .. } => {
                self.expr(expr, scope, env)?.bump(Generalized)
            }
            Expr::In { expr, target, .. } => {
                let mut d = self.expr(expr, scope, env)?;
                match target {
                    sqlparser::ast::InTarget::List(l) => d.merge(self.exprs(l, scope, env)?),
                    sqlparser::ast::InTarget::Unnest(u) => d.merge(self.expr(u, scope, env)?),
                    _ => {}
                }
                d.bump(Generalized)
            }
            Expr::Between { expr, low, high, .. } => {
                self.exprs([&**expr, &**low, &**high], scope, env)?.bump(Generalized)
            }
            // Trino has no `->` operator but its lambdas (`x -> upper(x)`, `(k, v) -> v`),
            // which the generic parser reads as one.
            Expr::BinaryOp { left, op: BinaryOperator::Arrow, right } if self.dialect == Dialect::Trino => {
                let params: Option<Vec<&Ident>> = match &**left {
                    Expr::Identifier(id) => Some(vec![id]),
                    Expr::Nested(e) => match &**e {
                        Expr::Identifier(id) => Some(vec![id]),
                        _ => None,
                    },
                    Expr::Tuple(items) => {
                        items.iter().map(|e| if let Expr::Identifier(id) = e { Some(id) } else { None }).collect()
                    }
                    _ => None,
                };
                match params {
                    Some(params) => self.lambda(&params, right, scope, env)?,
                    None => self.exprs([&**left, &**right], scope, env)?.bump(binary_class(&BinaryOperator::Arrow)),
                }
            }
            Expr::BinaryOp { left, op, right } => {
                let d = self.exprs([&**left, &**right], scope, env)?;
                d.bump(binary_class(op))
            }
            Expr::Like { expr, pattern, .. }
            | Expr::ILike { expr, pattern, .. }
            | Expr::SimilarTo { expr, pattern, .. }
            | Expr::RLike { expr, pattern, .. } => self.exprs([&**expr, &**pattern], scope, env)?.bump(Generalized),
            Expr::AnyOp { left, right, .. } | Expr::AllOp { left, right, .. } => {
                self.exprs([&**left, &**right], scope, env)?.bump(Generalized)
            }
            Expr::UnaryOp { op, expr } => {
                let d = self.expr(expr, scope, env)?;
                match op {
                    UnaryOperator::Not => d.bump(Generalized),
                    UnaryOperator::Plus => d,
                    _ => d.bump(Derived),
                }
            }
            Expr::Convert { expr, .. } | Expr::Cast { expr, .. } | Expr::Collate { expr, .. } => {
                self.expr(expr, scope, env)?
            }
            Expr::AtTimeZone { timestamp, time_zone } => {
                self.exprs([&**timestamp, &**time_zone], scope, env)?.bump(Derived)
            }
            Expr::Extract { expr, .. } | Expr::Ceil { expr, .. } | Expr::Floor { expr, .. } => {
                self.expr(expr, scope, env)?.bump(Generalized)
            }
            Expr::Position { expr, r#in } => self.exprs([&**expr, &**r#in], scope, env)?.bump(Generalized),
            Expr::Substring { expr, substring_from, substring_for, .. } => {
                let mut d = self.expr(expr, scope, env)?;
                for x in [substring_from, substring_for].into_iter().flatten() {
                    d.merge(self.expr(x, scope, env)?);
                }
                d.bump(Generalized)
            }
            Expr::Trim { expr, trim_what, trim_characters, .. } => {
                let mut d = self.expr(expr, scope, env)?;
                if let Some(w) = trim_what {
                    d.merge(self.expr(w, scope, env)?);
                }
                if let Some(cs) = trim_characters {
                    d.merge(self.exprs(cs, scope, env)?);
                }
                d.bump(Derived)
            }
            Expr::Overlay { expr, overlay_what, overlay_from, overlay_for } => {
                let mut d = self.exprs([&**expr, &**overlay_what, &**overlay_from], scope, env)?;
                if let Some(f) = overlay_for {
                    d.merge(self.expr(f, scope, env)?);
                }
                d.bump(Derived)
            }
            Expr::Nested(x) => self.expr(x, scope, env)?,
            Expr::Value(_) | Expr::TypedString(_) => Deps { literal: true, ..Deps::default() },
            Expr::Prefixed { value, .. } => self.expr(value, scope, env)?,
            Expr::Function(f) => self.function(f, scope, env)?,
            Expr::Case { operand, conditions, else_result, .. } => {
                let mut d = Deps::default();
                if let Some(op) = operand {
                    d.merge(self.expr(op, scope, env)?.into_filter());
                }
                for w in conditions {
                    self.step(1)?;
                    d.merge(self.expr(&w.condition, scope, env)?.into_filter());
                    d.merge(self.expr(&w.result, scope, env)?.bump(Derived));
                }
                if let Some(x) = else_result {
                    d.merge(self.expr(x, scope, env)?.bump(Derived));
                }
                d
            }
            // A predicate over a correlated subquery: its columns only pick rows.
            // `exists (select … where k.patient_id = p.patient_id)`: a predicate on the columns
            // its subquery reads (a filter where it picks a CASE branch).
            Expr::Exists { subquery, .. } => self.exists_reads(subquery, scope, env),
            Expr::Subquery(q) => {
                let outs = self.query(q, env, Some(scope))?;
                match outs.as_slice() {
                    [one] => one.deps.clone(),
                    _ => return Err(Unresolved::Unsupported("a scalar subquery with several columns".into())),
                }
            }
            Expr::GroupingSets(_) | Expr::Cube(_) | Expr::Rollup(_) => Deps::default(),
            Expr::Tuple(v) => self.exprs(v, scope, env)?.bump(Derived),
            Expr::Struct { values, .. } => self.exprs(values, scope, env)?.bump(Derived),
            Expr::Named { expr, .. } => self.expr(expr, scope, env)?,
            Expr::Dictionary(fields) => {
                let mut d = Deps::default();
                for f in fields {
                    d.merge(self.expr(&f.value, scope, env)?);
                }
                d.bump(Derived)
            }
            Expr::Map(m) => {
                let mut d = Deps::default();
                for entry in &m.entries {
                    d.merge(self.exprs([&*entry.key, &*entry.value], scope, env)?);
                }
                d.bump(Derived)
            }
            Expr::Array(a) => self.exprs(&a.elem, scope, env)?.bump(Derived),
            Expr::Interval(i) => self.expr(&i.value, scope, env)?.bump(Derived),
            Expr::Wildcard(_) | Expr::QualifiedWildcard(..) => Deps::default(),
            Expr::OuterJoin(x) | Expr::Prior(x) => self.expr(x, scope, env)?,
            Expr::Lambda(l) => {
                let params: Vec<&Ident> = l.params.iter().map(|p| &p.name).collect();
                self.lambda(&params, &l.body, scope, env)?
            }
            Expr::MemberOf(m) => self.exprs([&*m.value, &*m.array], scope, env)?.bump(Generalized),
            Expr::MatchAgainst { .. } => return Err(Unresolved::Unsupported("MATCH AGAINST".into())),
        })
    }

    /// The columns an EXISTS subquery reads to decide (its WHERE and join conditions), as a
    /// predicate on them. Only a plain SELECT is read; anything else, or a subquery that does
    /// not resolve, keeps no upstream, as an EXISTS in a WHERE has.
    fn exists_reads(&mut self, q: &Query, scope: &Scope<'_>, env: &Env) -> Deps {
        let SetExpr::Select(s) = &*q.body else { return Deps::default() };
        if q.with.is_some() {
            return Deps::default();
        }
        let mut read = || -> R<Deps> {
            let mut inner = Scope::new(Some(scope));
            let mut d = Deps::default();
            for twj in &s.from {
                self.table_with_joins(twj, env, &mut inner)?;
            }
            for twj in &s.from {
                for join in &twj.joins {
                    if let Some(JoinConstraint::On(e)) = join_constraint(&join.join_operator) {
                        d.merge(self.expr(e, &inner, env)?);
                    }
                }
            }
            if let Some(w) = &s.selection {
                d.merge(self.expr(w, &inner, env)?);
            }
            Ok(d.bump(Transform::Generalized))
        };
        read().unwrap_or_default()
    }

    /// A lambda's body, its parameters in scope as columns of their own (no upstream: the
    /// function that calls it ties them to its array argument).
    fn lambda(&mut self, params: &[&Ident], body: &Expr, scope: &Scope<'_>, env: &Env) -> R<Deps> {
        let params: Vec<Out> = params.iter().map(|p| Out { name: self.ident_name(p), deps: Deps::default() }).collect();
        let mut inner = Scope::new(Some(scope));
        inner.sources.push(Source {
            alias: String::new(),
            full: Vec::new(),
            element: None,
            cols: Cols::Known(Rc::new(params)),
        });
        Ok(self.expr(body, &inner, env)?.bump(Transform::Derived))
    }

    fn function_arg(&mut self, a: &FunctionArg, scope: &Scope<'_>, env: &Env) -> R<Deps> {
        let arg = match a {
            FunctionArg::Named { arg, .. } | FunctionArg::ExprNamed { arg, .. } | FunctionArg::Unnamed(arg) => arg,
        };
        match arg {
            FunctionArgExpr::Expr(e) => self.expr(e, scope, env),
            // `count(*)`, `count(t.*)`: rows, not values.
            _ => Ok(Deps::default()),
        }
    }

    fn function(&mut self, f: &sqlparser::ast::Function, scope: &Scope<'_>, env: &Env) -> R<Deps> {
        let parts = name_parts(&f.name);
        let name = parts.last().cloned().unwrap_or_default();
        let class = match classify(&name) {
            Some(c) => c,
            None if parts.len() > 1 => return Err(Unresolved::UnknownFunction(parts.join("."))),
            None => FunctionClass::Value(Transform::Derived),
        };
        let mut args: Vec<Deps> = Vec::new();
        match &f.args {
            FunctionArguments::List(list) => {
                for a in &list.args {
                    // `datediff(day, a, b)`, `date_trunc(month, d)`: a date part, not a column.
                    if let FunctionArg::Unnamed(FunctionArgExpr::Expr(Expr::Identifier(id))) = a {
                        if id.quote_style.is_none() && is_date_part(&id.value) && takes_date_part(&name) {
                            continue;
                        }
                    }
                    args.push(self.function_arg(a, scope, env)?);
                }
            }
            FunctionArguments::Subquery(q) => {
                let outs = self.query(q, env, Some(scope))?;
                let mut d = Deps::default();
                for o in outs.iter() {
                    d.merge(o.deps.clone());
                }
                args.push(d);
            }
            FunctionArguments::None => {}
        }
        if let FunctionArguments::List(list) = &f.parameters {
            for a in &list.args {
                args.push(self.function_arg(a, scope, env)?);
            }
        }
        let mut filters = Deps::default();
        if let FunctionArguments::List(list) = &f.args {
            for c in &list.clauses {
                match c {
                    FunctionArgumentClause::Where(w) => filters.merge(self.expr(w, scope, env)?.into_filter()),
                    // `array_agg(x ORDER BY y)`: y orders the values (with LIMIT 1, picks one),
                    // like a window's ORDER BY.
                    FunctionArgumentClause::OrderBy(order) => {
                        for o in order {
                            filters.merge(self.expr(&o.expr, scope, env)?.into_filter());
                        }
                    }
                    _ => {}
                }
            }
        }
        if let Some(flt) = &f.filter {
            filters.merge(self.expr(flt, scope, env)?.into_filter());
        }
        // `percentile_cont(0.5) WITHIN GROUP (ORDER BY x)`: x is the value aggregated; in
        // `listagg(x) WITHIN GROUP (ORDER BY y)` y only orders.
        for o in &f.within_group {
            let d = self.expr(&o.expr, scope, env)?;
            if orders_its_input(&name) {
                args.push(d);
            } else {
                filters.merge(d.into_filter());
            }
        }
        let spec = match &f.over {
            Some(WindowType::WindowSpec(spec)) => Some(spec),
            Some(WindowType::NamedWindow(n)) => {
                let key = lower(&n.value);
                let mut cur = Some(scope);
                let mut found = None;
                while let Some(s) = cur {
                    if let Some((_, spec)) = s.windows.iter().find(|(k, _)| *k == key) {
                        found = Some(*spec);
                        break;
                    }
                    cur = s.parent;
                }
                Some(found.ok_or_else(|| Unresolved::Unsupported(format!("unknown window {key}")))?)
            }
            None => None,
        };
        if let Some(spec) = spec {
            filters.merge(self.window_filters(spec, scope, env)?);
        }
        let mut d = match class {
            FunctionClass::Value(t) => {
                let mut d = Deps::default();
                for a in args {
                    d.merge(a);
                }
                d.bump(t)
            }
            FunctionClass::Rank => {
                let mut d = Deps::default();
                for a in args {
                    d.merge(a.into_filter());
                }
                d
            }
            FunctionClass::AggregateBy => {
                let mut d = Deps::default();
                for (i, a) in args.into_iter().enumerate() {
                    if i == 0 {
                        d.merge(a.bump(Transform::Aggregated));
                    } else {
                        d.merge(a.into_filter());
                    }
                }
                d
            }
            FunctionClass::Branch => {
                let mut d = Deps::default();
                for (i, a) in args.into_iter().enumerate() {
                    if i == 0 {
                        d.merge(a.into_filter());
                    } else {
                        d.merge(a.bump(Transform::Derived));
                    }
                }
                d
            }
        };
        d.merge(filters);
        Ok(d)
    }

    /// PARTITION BY and ORDER BY of a window pick which rows a value comes from. A window built on a named one (`w2 AS (w1 ORDER BY x)`) adds the named one's; the
    /// names are followed in a loop, and a window that names itself, even through others, is
    /// refused.
    fn window_filters(&mut self, spec: &WindowSpec, scope: &Scope<'_>, env: &Env) -> R<Deps> {
        let mut d = Deps::default();
        let mut seen: Vec<String> = Vec::new();
        let mut cur = Some(spec);
        while let Some(spec) = cur.take() {
            for e in &spec.partition_by {
                d.merge(self.expr(e, scope, env)?.into_filter());
            }
            for o in &spec.order_by {
                d.merge(self.expr(&o.expr, scope, env)?.into_filter());
            }
            let Some(base) = &spec.window_name else { break };
            let key = lower(&base.value);
            if seen.contains(&key) {
                return Err(Unresolved::Unsupported(format!("window {key} defined in terms of itself")));
            }
            self.step(seen.len() + scope.windows.len())?;
            cur = scope.windows.iter().find(|(k, _)| *k == key).map(|(_, s)| *s);
            seen.push(key);
        }
        Ok(d)
    }

    /// Renames a source's columns positionally (`t(a, b)`, `cte(a, b) AS`).
    fn rename_columns(&mut self, outs: Rc<Vec<Out>>, names: &[&Ident]) -> R<Rc<Vec<Out>>> {
        if names.is_empty() {
            return Ok(outs);
        }
        if names.len() > outs.len() {
            return Err(Unresolved::Unsupported(format!("{} column names for {} columns", names.len(), outs.len())));
        }
        self.step(cost(&outs))?;
        let mut v = (*outs).clone();
        for (o, n) in v.iter_mut().zip(names) {
            o.name = self.ident_name(n);
        }
        Ok(Rc::new(v))
    }

    /// The name a warehouse gives an unaliased select item.
    fn expr_name(&self, e: &Expr) -> String {
        match e {
            Expr::Identifier(i) => self.ident_name(i),
            Expr::CompoundIdentifier(ids) => ids.last().map(|i| self.ident_name(i)).unwrap_or_default(),
            Expr::Nested(x) => self.expr_name(x),
            Expr::Cast { expr, kind: sqlparser::ast::CastKind::DoubleColon, .. } => self.expr_name(expr),
            Expr::JsonAccess { path, .. } => match path.path.last() {
                Some(sqlparser::ast::JsonPathElem::Dot { key, quoted }) => {
                    if *quoted {
                        key.clone()
                    } else {
                        self.dialect.fold(key)
                    }
                }
                _ => e.to_string(),
            },
            Expr::CompoundFieldAccess { access_chain, .. } => match access_chain.last() {
                Some(sqlparser::ast::AccessExpr::Dot(Expr::Identifier(i))) => self.ident_name(i),
                _ => e.to_string(),
            },
            _ => match self.dialect {
                Dialect::Snowflake => e.to_string().to_ascii_uppercase(),
                _ => e.to_string(),
            },
        }
    }
}

/// The columns a table function gives of itself, in order, with whether each is a counter (a
/// position or sequence number, no upstream value): Snowflake's `flatten` (SEQ, KEY, PATH,
/// INDEX, VALUE, THIS), `json_each` (key, value), Spark's `posexplode` (pos, col), `unnest` of
/// several arrays (one column each); one value column otherwise.
fn natural_columns(fname: &str, nargs: usize) -> Vec<(&'static str, bool)> {
    match fname {
        "flatten" => {
            vec![("SEQ", true), ("KEY", false), ("PATH", false), ("INDEX", true), ("VALUE", false), ("THIS", false)]
        }
        "json_each" | "jsonb_each" | "json_each_text" | "jsonb_each_text" => vec![("key", false), ("value", false)],
        "posexplode" | "posexplode_outer" => vec![("pos", true), ("col", false)],
        "unnest" if nargs > 1 => vec![("unnest", false); nargs],
        _ => vec![("col", false)],
    }
}

/// The name of a table function in FROM: a schema-qualified one that is no known row generator
/// is a user-defined function whose rows nothing describes.
fn table_function_name(mut parts: Vec<String>) -> R<String> {
    let name = parts.last().cloned().unwrap_or_default();
    if parts.len() > 1 && !is_table_generator(&name) {
        return Err(Unresolved::UnknownFunction(parts.join(".")));
    }
    Ok(parts.pop().unwrap_or_default())
}

/// Functions that take a bare date part (`day`, `month`…) as an argument.
fn takes_date_part(name: &str) -> bool {
    matches!(
        name,
        "datediff"
            | "dateadd"
            | "date_trunc"
            | "date_part"
            | "datepart"
            | "timestampdiff"
            | "timestampadd"
            | "timestamp_diff"
            | "date_diff"
            | "datetime_diff"
            | "time_diff"
            | "timestamp_trunc"
            | "datetime_trunc"
            | "time_slice"
            | "last_day"
            | "date_add"
            | "date_sub"
            | "timestamp_add"
            | "timestamp_sub"
            | "datetrunc"
            | "trunc"
            | "extract"
    )
}

fn is_date_part(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "year"
            | "years"
            | "yyyy"
            | "yy"
            | "quarter"
            | "quarters"
            | "qq"
            | "month"
            | "months"
            | "mm"
            | "mon"
            | "week"
            | "weeks"
            | "wk"
            | "isoweek"
            | "day"
            | "days"
            | "dd"
            | "d"
            | "dayofweek"
            | "dayofyear"
            | "dow"
            | "doy"
            | "hour"
            | "hours"
            | "hh"
            | "minute"
            | "minutes"
            | "mi"
            | "second"
            | "seconds"
            | "ss"
            | "millisecond"
            | "milliseconds"
            | "ms"
            | "microsecond"
            | "microseconds"
            | "nanosecond"
            | "epoch"
            | "date"
            | "time"
            | "isoyear"
            | "weekday"
    )
}

fn base_dep(rel: usize, col: &str) -> Deps {
    let mut d = Deps::default();
    d.values.insert((rel, col.to_string()), Transform::Copy);
    d
}

/// The source a qualifier names: its alias, or a suffix of an unaliased relation's name.
fn find_source<'s>(scope: &'s Scope<'_>, qual: &[String]) -> Option<&'s Source> {
    let mut cur = Some(scope);
    while let Some(s) = cur {
        let hit = s.sources.iter().rev().find(|src| match qual {
            [one] => src.alias == *one,
            _ => src.full.len() >= qual.len() && src.full.ends_with(qual),
        });
        if hit.is_some() {
            return hit;
        }
        cur = s.parent;
    }
    None
}

fn exclude_names(ex: &sqlparser::ast::ExcludeSelectItem) -> Vec<String> {
    let names: Vec<&ObjectName> = match ex {
        sqlparser::ast::ExcludeSelectItem::Single(n) => vec![n],
        sqlparser::ast::ExcludeSelectItem::Multiple(v) => v.iter().collect(),
    };
    names.into_iter().filter_map(|n| name_parts(n).pop()).collect()
}

/// Column names an expression mentions (for PIVOT/UNPIVOT's consumed columns).
fn collect_names(e: &Expr, out: &mut Vec<String>) {
    match e {
        Expr::Identifier(i) => out.push(lower(&i.value)),
        Expr::CompoundIdentifier(ids) => {
            if let Some(i) = ids.last() {
                out.push(lower(&i.value));
            }
        }
        Expr::Function(f) => {
            if let FunctionArguments::List(l) = &f.args {
                for a in &l.args {
                    if let FunctionArg::Unnamed(FunctionArgExpr::Expr(x)) = a {
                        collect_names(x, out);
                    }
                }
            }
        }
        Expr::Nested(x) | Expr::Cast { expr: x, .. } => collect_names(x, out),
        Expr::Tuple(v) => v.iter().for_each(|x| collect_names(x, out)),
        _ => {}
    }
}

/// The column name PIVOT gives a value without an alias.
fn pivot_value_name(e: &Expr) -> String {
    match e {
        Expr::Value(v) => match &v.value {
            sqlparser::ast::Value::SingleQuotedString(s) | sqlparser::ast::Value::DoubleQuotedString(s) => s.clone(),
            other => other.to_string(),
        },
        other => other.to_string(),
    }
}

/// The ON, USING or NATURAL of a join, if it has one.
fn join_constraint(op: &JoinOperator) -> Option<&JoinConstraint> {
    match op {
        JoinOperator::Join(c)
        | JoinOperator::Inner(c)
        | JoinOperator::Left(c)
        | JoinOperator::LeftOuter(c)
        | JoinOperator::Right(c)
        | JoinOperator::RightOuter(c)
        | JoinOperator::FullOuter(c)
        | JoinOperator::CrossJoin(c)
        | JoinOperator::Semi(c)
        | JoinOperator::LeftSemi(c)
        | JoinOperator::RightSemi(c)
        | JoinOperator::Anti(c)
        | JoinOperator::LeftAnti(c)
        | JoinOperator::RightAnti(c)
        | JoinOperator::StraightJoin(c) => Some(c),
        JoinOperator::AsOf { constraint, .. } => Some(constraint),
        _ => None,
    }
}

fn binary_class(op: &BinaryOperator) -> Transform {
    use BinaryOperator::*;
    match op {
        Gt | Lt | GtEq | LtEq | Eq | NotEq | Spaceship | And | Or | Xor | PGRegexMatch | PGRegexIMatch
        | PGRegexNotMatch | PGRegexNotIMatch | PGLikeMatch | PGILikeMatch | PGNotLikeMatch | PGNotILikeMatch
        | Overlaps | AtArrow | ArrowAt | Question | QuestionAnd | QuestionPipe => Transform::Generalized,
        _ => Transform::Derived,
    }
}

/// SQL LIKE with `%` and `_`, for `* ILIKE`.
fn like(s: &str, p: &str) -> bool {
    let (s, p) = (s.as_bytes(), p.as_bytes());
    let (mut si, mut pi) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while si < s.len() {
        match p.get(pi) {
            Some(b'%') => {
                star = Some(pi);
                mark = si;
                pi += 1;
            }
            Some(&c) if c == b'_' || Some(&c) == s.get(si) => {
                si += 1;
                pi += 1;
            }
            _ => match star {
                Some(st) => {
                    pi = st + 1;
                    mark += 1;
                    si = mark;
                }
                None => return false,
            },
        }
    }
    p.get(pi..).is_some_and(|rest| rest.iter().all(|&c| c == b'%'))
}

fn first_word(s: &str) -> String {
    s.split_whitespace().next().unwrap_or("").chars().take(40).collect()
}

//! dbt's node selection basics for `--select` and `--exclude`: names (with `*` wildcards),
//! `tag:`, `path:`, `package:`, `source:`, `exposure:` and the `+` graph operators (`+name`,
//! `name+`, `2+name`, `name+1`). Space-separated terms are a union, comma-joined ones an
//! intersection, as in dbt. The analysis always runs on the whole project (lineage and
//! inheritance need it); a selection narrows what is reported, and says so.

use std::collections::BTreeSet;

use crate::lineage::Lineage;
use crate::load::Warning;
use crate::model::Project;

/// The resources a `--select`/`--exclude` pair chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// The unique_ids chosen: nodes and exposures.
    pub ids: BTreeSet<String>,
    /// The `--select` arguments, as given.
    pub select: Vec<String>,
    /// The `--exclude` arguments, as given.
    pub exclude: Vec<String>,
    /// Nodes and exposures of the project.
    pub total: usize,
}

impl Selection {
    /// Whether `unique_id` is chosen.
    pub fn contains(&self, unique_id: &str) -> bool {
        self.ids.contains(unique_id)
    }

    /// What every output carries so that a partial run is never taken for a whole one:
    /// `partial run: 12 of 340 nodes and exposures (--select tag:phi); findings, …`.
    pub fn note(&self) -> String {
        let mut args = Vec::new();
        if !self.select.is_empty() {
            args.push(format!("--select {}", self.select.join(" ")));
        }
        if !self.exclude.is_empty() {
            args.push(format!("--exclude {}", self.exclude.join(" ")));
        }
        format!(
            "partial run: {} of {} nodes and exposures selected ({}); findings, PHI and scores are listed for \
             those only, the project score is the whole project's",
            self.ids.len(),
            self.total,
            args.join(" ")
        )
    }

    /// [`Selection::note`] as a warning, which every report format carries.
    pub fn warning(&self) -> Warning {
        Warning { file: "selection".to_string(), message: self.note() }
    }
}

/// Selects from `project`: everything `select` names (everything when it is empty), less what
/// `exclude` names. An error names the selector that does not parse.
pub fn select(project: &Project, select: &[String], exclude: &[String]) -> Result<Selection, String> {
    let lineage = Lineage::build(project);
    let universe: BTreeSet<&str> = project
        .nodes
        .iter()
        .map(|n| &*n.unique_id)
        .chain(project.exposures.iter().map(|e| e.unique_id.as_str()))
        .collect();
    let mut ids: BTreeSet<&str> =
        if select.is_empty() { universe.clone() } else { union(project, &lineage, &universe, select)? };
    if !exclude.is_empty() {
        let out = union(project, &lineage, &universe, exclude)?;
        ids.retain(|id| !out.contains(id));
    }
    Ok(Selection {
        ids: ids.into_iter().map(str::to_string).collect(),
        select: select.to_vec(),
        exclude: exclude.to_vec(),
        total: universe.len(),
    })
}

/// The union of every space-separated term of every argument.
fn union<'p>(
    project: &'p Project,
    lineage: &Lineage<'p>,
    universe: &BTreeSet<&'p str>,
    args: &[String],
) -> Result<BTreeSet<&'p str>, String> {
    let mut out = BTreeSet::new();
    for arg in args {
        for term in arg.split_whitespace() {
            let mut chosen: Option<BTreeSet<&str>> = None;
            for part in term.split(',').filter(|p| !p.is_empty()) {
                let found = one(project, lineage, universe, part)?;
                chosen = Some(match chosen {
                    None => found,
                    Some(c) => c.intersection(&found).copied().collect(),
                });
            }
            out.extend(chosen.unwrap_or_default());
        }
    }
    Ok(out)
}

/// How far a `+` reaches: `None` when there is no `+`, `Some(None)` for all the way.
type Depth = Option<Option<usize>>;

/// One selector: `2+tag:phi+`.
fn one<'p>(
    project: &'p Project,
    lineage: &Lineage<'p>,
    universe: &BTreeSet<&'p str>,
    selector: &str,
) -> Result<BTreeSet<&'p str>, String> {
    let (up, rest) = leading_plus(selector)?;
    let (rest, down) = trailing_plus(rest)?;
    if rest.is_empty() {
        return Err(format!("`{selector}`: nothing to select (a name, tag:, path:, package:, source: or exposure:)"));
    }
    let (method, value) = match rest.split_once(':') {
        Some((m, v)) => (m, v),
        None => ("name", rest),
    };
    let mut found: BTreeSet<&str> = BTreeSet::new();
    for n in &project.nodes {
        let hit = match method {
            "name" => {
                glob(value, &n.name) || n.package_name.as_ref() == value || fqn_matches(value, &n.original_file_path)
            }
            "tag" => n.tags.iter().any(|t| glob(value, t)),
            "path" => path_matches(value, &n.original_file_path),
            "package" => glob(value, &n.package_name),
            "source" => n.source_name.as_deref().is_some_and(|s| match value.split_once('.') {
                Some((src, table)) => glob(src, s) && glob(table, &n.name),
                None => glob(value, s),
            }),
            "exposure" => false,
            other => return Err(unknown_method(selector, other)),
        };
        if hit {
            found.insert(&n.unique_id);
        }
    }
    for e in &project.exposures {
        let hit = match method {
            "name" | "exposure" => glob(value, &e.name),
            "tag" => e.tags.iter().any(|t| glob(value, t)),
            "path" => path_matches(value, &e.original_file_path),
            "package" => glob(value, &e.package_name),
            _ => false,
        };
        if hit {
            found.insert(&e.unique_id);
        }
    }
    let mut out = found.clone();
    if let Some(depth) = up {
        out.extend(walk(lineage, &found, depth, true));
    }
    if let Some(depth) = down {
        out.extend(walk(lineage, &found, depth, false));
    }
    out.retain(|id| universe.contains(id));
    Ok(out)
}

fn unknown_method(selector: &str, method: &str) -> String {
    format!("`{selector}`: unknown selector method `{method}:` (phi-lens knows names, tag:, path:, package:, source: and exposure:)")
}

fn leading_plus(s: &str) -> Result<(Depth, &str), String> {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    match s[digits..].strip_prefix('+') {
        Some(rest) if digits == 0 => Ok((Some(None), rest)),
        Some(rest) => Ok((Some(Some(parse_depth(s, &s[..digits])?)), rest)),
        None => Ok((None, s)),
    }
}

fn trailing_plus(s: &str) -> Result<(&str, Depth), String> {
    let digits = s.chars().rev().take_while(char::is_ascii_digit).count();
    let body = &s[..s.len() - digits];
    match body.strip_suffix('+') {
        Some(rest) if digits == 0 => Ok((rest, Some(None))),
        Some(rest) => Ok((rest, Some(Some(parse_depth(s, &s[s.len() - digits..])?)))),
        None => Ok((s, None)),
    }
}

fn parse_depth(selector: &str, digits: &str) -> Result<usize, String> {
    digits.parse().map_err(|_| format!("`{selector}`: `{digits}` is not a depth"))
}

/// The ancestors (`up`) or descendants of `from`, up to `depth` steps (all without one).
fn walk<'p>(lineage: &Lineage<'p>, from: &BTreeSet<&str>, depth: Option<usize>, up: bool) -> BTreeSet<&'p str> {
    let mut seen: BTreeSet<&'p str> = BTreeSet::new();
    let mut frontier: Vec<&str> = from.iter().copied().collect();
    let mut step = 0;
    while !frontier.is_empty() && depth.is_none_or(|d| step < d) {
        let mut next = Vec::new();
        for id in frontier {
            let near = if up { lineage.parents(id) } else { lineage.children(id) };
            for n in near {
                if seen.insert(n) {
                    next.push(n);
                }
            }
        }
        frontier = next;
        step += 1;
    }
    seen
}

/// `*` matches any run of characters, `?` one; case-sensitive, as dbt's names are.
fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// `path:models/marts` chooses what is under that directory, `path:models/x.sql` that file.
fn path_matches(value: &str, file: &str) -> bool {
    let value = value.trim_end_matches('/');
    glob(value, file) || file.strip_prefix(value).is_some_and(|rest| rest.starts_with('/'))
}

/// A dotted name (`marts.finance`) chooses what is in those directories under the model
/// paths, as dbt's fully qualified names do.
fn fqn_matches(value: &str, file: &str) -> bool {
    if !value.contains('.') {
        return false;
    }
    let dirs = value.replace('.', "/");
    file.split_once('/').is_some_and(|(_, rest)| rest.starts_with(&format!("{dirs}/")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{load_project, ArtifactKind, ArtifactSet, Input};

    fn project() -> Project {
        let manifest = r#"{"metadata": {"project_name": "p"}, "nodes": {
            "model.p.stg_a": {"resource_type": "model", "name": "stg_a", "package_name": "p",
                "original_file_path": "models/staging/stg_a.sql", "tags": ["phi"]},
            "model.p.int_b": {"resource_type": "model", "name": "int_b", "package_name": "p",
                "original_file_path": "models/intermediate/int_b.sql", "depends_on": {"nodes": ["model.p.stg_a"]}},
            "model.p.mart_c": {"resource_type": "model", "name": "mart_c", "package_name": "p",
                "original_file_path": "models/marts/finance/mart_c.sql", "depends_on": {"nodes": ["model.p.int_b"]}},
            "model.u.util": {"resource_type": "model", "name": "util", "package_name": "u",
                "original_file_path": "models/util.sql"}},
          "exposures": {"exposure.p.dash": {"name": "dash", "package_name": "p", "resource_type": "exposure",
                "original_file_path": "models/exposures.yml", "depends_on": {"nodes": ["model.p.mart_c"]}}}}"#;
        let mut set = ArtifactSet::default();
        set.insert(ArtifactKind::Manifest, Input::new("manifest.json", manifest.as_bytes().to_vec()));
        load_project(&set).map(|l| l.project).unwrap_or_default()
    }

    fn ids(select: &[&str], exclude: &[&str]) -> Vec<String> {
        let s: Vec<String> = select.iter().map(|s| s.to_string()).collect();
        let e: Vec<String> = exclude.iter().map(|s| s.to_string()).collect();
        super::select(&project(), &s, &e).unwrap().ids.into_iter().collect()
    }

    #[test]
    fn names_methods_and_graph_operators_select_as_dbt_does() {
        assert_eq!(ids(&["stg_a"], &[]), ["model.p.stg_a"]);
        assert_eq!(ids(&["stg_*"], &[]), ["model.p.stg_a"]);
        assert_eq!(ids(&["tag:phi+"], &[]), ["exposure.p.dash", "model.p.int_b", "model.p.mart_c", "model.p.stg_a"]);
        assert_eq!(ids(&["tag:phi+1"], &[]), ["model.p.int_b", "model.p.stg_a"]);
        assert_eq!(ids(&["+mart_c"], &[]), ["model.p.int_b", "model.p.mart_c", "model.p.stg_a"]);
        assert_eq!(ids(&["1+mart_c"], &[]), ["model.p.int_b", "model.p.mart_c"]);
        assert_eq!(ids(&["path:models/marts"], &[]), ["model.p.mart_c"]);
        assert_eq!(ids(&["marts.finance"], &[]), ["model.p.mart_c"]);
        assert_eq!(ids(&["package:u"], &[]), ["model.u.util"]);
        assert_eq!(ids(&["exposure:dash"], &[]), ["exposure.p.dash"]);
        assert_eq!(ids(&["stg_a int_b"], &[]), ["model.p.int_b", "model.p.stg_a"]);
        assert_eq!(ids(&["tag:phi+,path:models/intermediate"], &[]), ["model.p.int_b"]);
        assert_eq!(ids(&[], &["package:p"]), ["model.u.util"]);
        let err = super::select(&project(), &["config:x".to_string()], &[]).unwrap_err();
        assert!(err.contains("unknown selector method `config:`"), "{err}");
        let s = super::select(&project(), &["tag:phi".to_string()], &[]).unwrap();
        assert_eq!(
            s.note(),
            "partial run: 1 of 5 nodes and exposures selected (--select tag:phi); findings, PHI and scores are \
             listed for those only, the project score is the whole project's"
        );
    }
}

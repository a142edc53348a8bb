//! Data flows one way through the core: ARCHITECTURE.md's `layers` block lists the core's
//! modules lowest first, and no module imports one on its own line or below it. This test
//! reads the block and every module's `crate::…` paths (outside `#[cfg(test)]` code, which may
//! build projects through the loader) and fails on an import that goes up or sideways, or on a
//! module the block does not place.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A test fails loudly.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const ARCHITECTURE: &str = include_str!("../../../ARCHITECTURE.md");

/// Module → its layer's index (0 lowest), from the ```layers block.
fn layers() -> BTreeMap<String, usize> {
    let start = ARCHITECTURE.find("```layers\n").expect("ARCHITECTURE.md has a ```layers block") + 10;
    let end = start + ARCHITECTURE[start..].find("```").unwrap();
    let mut out = BTreeMap::new();
    for (i, line) in ARCHITECTURE[start..end].lines().filter(|l| !l.trim().is_empty()).enumerate() {
        for module in line.split_whitespace() {
            assert!(out.insert(module.to_string(), i).is_none(), "{module} is placed twice");
        }
    }
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file of a top-level module (a file, or a folder's files).
fn files_of(module: &str) -> Vec<PathBuf> {
    let file = src().join(format!("{module}.rs"));
    if file.is_file() {
        return vec![file];
    }
    let mut out = Vec::new();
    let mut stack = vec![src().join(module)];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The source without test-only code: a file that is only compiled for tests (declared with
/// `#[cfg(test)]` by its parent) and everything from a `#[cfg(test)]` item on.
fn non_test(path: &Path, text: &str) -> String {
    if path.file_name().is_some_and(|n| n == "testing.rs") {
        return String::new();
    }
    let cut = text.find("#[cfg(test)]\nmod tests").unwrap_or(text.len());
    text[..cut].lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// The top-level modules named by `crate::x` paths, including `use crate::{x, y}` groups.
fn imported(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + 7..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    out.push(name);
                }
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            out.push(name);
        }
    }
    out
}

#[test]
fn no_module_imports_from_its_layer_or_above() {
    let layers = layers();
    let mut modules: Vec<String> = std::fs::read_dir(src())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let name = p.file_stem()?.to_str()?.to_string();
            (p.is_dir() || p.extension().is_some_and(|x| x == "rs")).then_some(name)
        })
        .filter(|m| m != "lib")
        .collect();
    modules.sort();
    modules.dedup();
    let mut violations = Vec::new();
    for m in &modules {
        let Some(&own) = layers.get(m) else {
            violations.push(format!("{m} is not placed in ARCHITECTURE.md's layers block"));
            continue;
        };
        for f in files_of(m) {
            let text = non_test(&f, &std::fs::read_to_string(&f).unwrap());
            for dep in imported(&text) {
                if dep == *m {
                    continue;
                }
                match layers.get(&dep) {
                    Some(&layer) if layer < own => {}
                    Some(_) => violations.push(format!("{} imports `{dep}`, which is not below `{m}`", f.display())),
                    None => violations
                        .push(format!("{} imports `crate::{dep}`: name the module, not a re-export", f.display())),
                }
            }
        }
    }
    assert!(violations.is_empty(), "layering violations:\n{}", violations.join("\n"));
}

#[test]
fn the_check_sees_an_upward_import() {
    // The parser the test relies on: a grouped root import and a path in an expression.
    let found = imported("use crate::{model::Node, phi};\nlet x = crate::rules::check(ctx);");
    assert_eq!(found, ["model", "phi", "rules"]);
    assert_eq!(layers().get("model").copied().map(|m| m < layers()["rules"]), Some(true));
}

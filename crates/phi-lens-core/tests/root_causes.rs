//! Root causes on the corpus's Tuva set: the 20 riskiest cover at least 90 % of the findings,
//! and the fix of each of them (and of the 20 largest) clears its findings when applied to a
//! copy of the manifest: a `dbt_project.yml` block as dbt would compile it (config on every
//! node whose fqn the block's path prefixes), an edit per node as its findings' fixes name it
//! (a description, a `meta` key, a column's `meta`, the generic test the fix spells out).
//! On the demo, every planted gap stays its own item.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

mod gaps_support;

use std::collections::BTreeSet;
use std::io::Read;
use std::path::PathBuf;

use phi_lens_core::root_causes::{root_causes, FixKind, RootCause, Scope};
use phi_lens_core::{analyse, load_project, Analysis, ArtifactKind, ArtifactSet, Input, Policy};
use serde_json::Value;

fn tuva_manifest() -> Option<Vec<u8>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/tuva-health_tuva-1.12.0/manifest.json.gz");
    let Ok(gz) = std::fs::read(&path) else {
        eprintln!("!!!!! SKIPPED: the corpus's Tuva set ({}) is absent !!!!!", path.display());
        return None;
    };
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(gz.as_slice()).read_to_end(&mut out).unwrap();
    Some(out)
}

fn analysed(manifest: Vec<u8>) -> (phi_lens_core::model::Project, Analysis) {
    let mut set = ArtifactSet::default();
    set.insert(ArtifactKind::Manifest, Input::new("manifest.json", manifest));
    let project = load_project(&set).unwrap().project;
    let analysis = analyse(&project, &Policy::default());
    (project, analysis)
}

/// Applies a `dbt_project.yml` block to a manifest as dbt would compile it: under each section
/// (`models`, `seeds`, `snapshots`, `sources`), a `+config` key applies to every node of that
/// type whose fqn starts with the keys above it.
fn apply_block(manifest: &mut Value, block: &str) {
    let yaml: serde_yaml::Value = serde_yaml::from_str(block).unwrap_or_else(|e| panic!("{e}: not YAML:\n{block}"));
    let sections = yaml.as_mapping().expect("a mapping of sections");
    for (section, tree) in sections {
        let resource_type = match section.as_str().unwrap() {
            "models" => "model",
            "seeds" => "seed",
            "snapshots" => "snapshot",
            "sources" => "source",
            other => panic!("unknown section {other}"),
        };
        let mut configs = Vec::new();
        walk(tree, &mut Vec::new(), &mut configs);
        for table in ["nodes", "sources"] {
            let Some(entries) = manifest.get_mut(table).and_then(Value::as_object_mut) else { continue };
            for node in entries.values_mut() {
                if node["resource_type"] != resource_type {
                    continue;
                }
                let fqn: Vec<String> =
                    node["fqn"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().into()).collect();
                for (path, key, value) in &configs {
                    if fqn.len() >= path.len() && fqn[..path.len()] == path[..] {
                        set_config(node, key, value);
                    }
                }
            }
        }
    }
}

type Config = (Vec<String>, String, serde_yaml::Value);

fn walk(tree: &serde_yaml::Value, path: &mut Vec<String>, out: &mut Vec<Config>) {
    for (key, value) in tree.as_mapping().expect("a mapping") {
        let key = key.as_str().unwrap().to_string();
        if let Some(config) = key.strip_prefix('+') {
            out.push((path.clone(), config.to_string(), value.clone()));
        } else {
            path.push(key);
            walk(value, path, out);
            path.pop();
        }
    }
}

/// One config on one node, where dbt puts it in the manifest.
fn set_config(node: &mut Value, key: &str, value: &serde_yaml::Value) {
    let json: Value = serde_json::to_value(value).unwrap();
    match key {
        "meta" => {
            for (k, v) in json.as_object().unwrap() {
                node["config"]["meta"][k] = v.clone();
                node["meta"][k] = v.clone();
            }
        }
        "tags" => {
            for t in json.as_array().unwrap() {
                node["tags"].as_array_mut().unwrap().push(t.clone());
            }
        }
        // dbt's default generate_schema_name: the target schema, `_`, the custom schema.
        "schema" => {
            let schema = format!("{}_{}", node["schema"].as_str().unwrap_or("main"), json.as_str().unwrap());
            node["schema"] = Value::String(schema);
        }
        "post-hook" => {
            let hooks = node["config"]["post-hook"].as_array().cloned().unwrap_or_default();
            let mut hooks = hooks;
            for h in json.as_array().unwrap() {
                hooks.push(serde_json::json!({"sql": h, "transaction": true}));
            }
            node["config"]["post-hook"] = Value::Array(hooks);
        }
        other => panic!("a fix sets a config the test does not apply: {other}"),
    }
}

/// Where a node is in the raw manifest.
fn entry<'m>(manifest: &'m mut Value, unique_id: &str) -> &'m mut Value {
    let table = if unique_id.starts_with("source.") { "sources" } else { "nodes" };
    manifest[table].get_mut(unique_id).unwrap_or_else(|| panic!("{unique_id} is not in the manifest"))
}

/// A column's entry in a node (dbt keeps column names as written; findings compare without case).
fn column_entry<'m>(node: &'m mut Value, column: &str) -> &'m mut Value {
    let columns = node["columns"].as_object_mut().expect("columns");
    let key = columns.keys().find(|k| k.eq_ignore_ascii_case(column)).cloned().unwrap_or_else(|| column.to_string());
    columns.entry(key.clone()).or_insert_with(|| serde_json::json!({"name": key, "description": "", "meta": {}}))
}

fn set_column_meta(node: &mut Value, column: &str, key: &str, value: Value) {
    let c = column_entry(node, column);
    c["meta"][key] = value.clone();
    if c.get("config").is_some_and(Value::is_object) {
        c["config"]["meta"][key] = value;
    }
}

/// Adds a generic test on a node to the manifest, as dbt compiles one from a yml `tests:` entry
/// (a copy of the manifest's first test node, re-pointed).
fn add_test(manifest: &mut Value, on: &str, name: &str, namespace: Option<&str>, column: Option<&str>, kwargs: Value) {
    let template = manifest["nodes"]
        .as_object()
        .unwrap()
        .values()
        .find(|n| n["resource_type"] == "test" && n.get("test_metadata").is_some())
        .expect("a test node to copy")
        .clone();
    let mut test = template;
    let n = manifest["nodes"].as_object().unwrap().len();
    let short = on.rsplit('.').next().unwrap();
    let unique_id = format!("test.root_cause_fix.{name}_{short}_{}.{n}", column.unwrap_or("model"));
    let mut kwargs = kwargs;
    if let Some(column) = column {
        kwargs["column_name"] = Value::String(column.to_string());
    }
    test["unique_id"] = Value::String(unique_id.clone());
    test["name"] = Value::String(format!("{name}_{short}"));
    test["test_metadata"] = serde_json::json!({"name": name, "namespace": namespace, "kwargs": kwargs});
    test["column_name"] = column.map_or(Value::Null, |c| Value::String(c.to_string()));
    test["attached_node"] = if on.starts_with("source.") { Value::Null } else { Value::String(on.to_string()) };
    test["depends_on"]["nodes"] = serde_json::json!([on]);
    test["config"]["enabled"] = Value::Bool(true);
    manifest["nodes"][unique_id] = test;
}

/// Applies, for every finding of a root cause whose fix is an edit per node, the edit its fix
/// names, to a copy of the manifest: a description, a `meta` key, a column's `meta`, or the
/// generic test the fix spells out.
fn apply_each_node(manifest: &mut Value, analysis: &Analysis, cause: &RootCause) {
    for &i in &cause.finding_indices {
        let f = &analysis.findings[i];
        let id = &*f.unique_id;
        let column = f.column.as_deref();
        let phi = analysis.phi.nodes.iter().find(|n| n.unique_id == id);
        match f.rule.as_str() {
            "DOC001" => {
                entry(manifest, id)["description"] = "One row per record; what it is, written by its owner.".into()
            }
            "DOC003" => {
                let node = entry(manifest, id);
                node["meta"]["known_limitations"] = "None known beyond the source's own.".into();
                node["config"]["meta"]["known_limitations"] = "None known beyond the source's own.".into();
            }
            "DOC004" => {
                column_entry(entry(manifest, id), column.unwrap())["description"] =
                    "What the column holds, and why it is needed.".into();
            }
            "PHI002" => {
                let phi = phi.expect("a PHI node");
                let node = entry(manifest, id);
                let names: Vec<String> = node["columns"].as_object().unwrap().keys().cloned().collect();
                for name in names {
                    let detected =
                        phi.columns.iter().find(|c| c.name.eq_ignore_ascii_case(&name)).and_then(|c| c.category);
                    match detected {
                        Some(category) => set_column_meta(node, &name, "phi_category", category.letter().into()),
                        None => set_column_meta(node, &name, "phi", false.into()),
                    }
                }
            }
            "PHI003" => {
                let column = column.unwrap();
                let category = phi
                    .and_then(|p| p.columns.iter().find(|c| c.name.eq_ignore_ascii_case(column)))
                    .and_then(|c| c.category)
                    .expect("a detected category");
                set_column_meta(entry(manifest, id), column, "phi_category", category.letter().into());
            }
            "TST001" | "TST002" => {
                let node = entry(manifest, id);
                let names: Vec<String> =
                    node["columns"].as_object().map(|c| c.keys().cloned().collect()).unwrap_or_default();
                if let Some(key) = names.iter().find(|n| n.ends_with("_id") || *n == "id").or(names.first()).cloned() {
                    add_test(manifest, id, "unique", None, Some(&key), serde_json::json!({}));
                    add_test(manifest, id, "not_null", None, Some(&key), serde_json::json!({}));
                } else {
                    // No column is documented: the fix's other half, a unique combination.
                    add_test(
                        manifest,
                        id,
                        "unique_combination_of_columns",
                        Some("dbt_utils"),
                        None,
                        serde_json::json!({"combination_of_columns": ["id"]}),
                    );
                }
            }
            "TST003" => add_test(
                manifest,
                id,
                "accepted_range",
                Some("dbt_utils"),
                column,
                serde_json::json!({"min_value": 0, "max_value": 120}),
            ),
            "TST004" => add_test(
                manifest,
                id,
                "expect_column_values_to_match_regex",
                Some("dbt_expectations"),
                column,
                serde_json::json!({"regex": "^[A-TV-Z][0-9][0-9AB](\\.?[0-9A-TV-Z]{1,4})?$"}),
            ),
            "TST005" => {
                // The fix spells the test out: expression_is_true: {expression: "end >= start"}.
                let expression =
                    f.fix.split("expression: \"").nth(1).and_then(|r| r.split('"').next()).expect("an expression");
                add_test(
                    manifest,
                    id,
                    "expression_is_true",
                    Some("dbt_utils"),
                    None,
                    serde_json::json!({"expression": expression}),
                );
            }
            "TST006" => add_test(
                manifest,
                id,
                "expect_column_values_to_be_between",
                Some("dbt_expectations"),
                column,
                serde_json::json!({"min_value": 0, "max_value": 1000}),
            ),
            other => panic!("{other}: the test does not know the edit its fix names: {}", f.fix),
        }
    }
}

/// Re-analyses an edited manifest.
fn reanalysed(raw: &Value) -> Analysis {
    analysed(serde_json::to_vec(raw).unwrap()).1
}

fn keys(analysis: &Analysis, cause: &RootCause) -> BTreeSet<String> {
    analysis
        .findings
        .iter()
        .filter(|f| f.rule == cause.rule && cause.nodes.iter().any(|n| *n == *f.unique_id))
        .map(|f| format!("{}:{}", f.unique_id, f.column.as_deref().unwrap_or("")))
        .collect()
}

#[test]
fn tuva_root_causes_cover_the_findings_and_their_fixes_clear_them() {
    let Some(manifest) = tuva_manifest() else { return };
    let (project, analysis) = analysed(manifest.clone());
    let causes = root_causes(&project, &analysis);
    let total = analysis.findings.len();

    // Every finding is in exactly one root cause.
    assert_eq!(causes.iter().map(|c| c.findings).sum::<usize>(), total);
    let mut seen = BTreeSet::new();
    for c in &causes {
        for n in &c.nodes {
            assert!(seen.insert((c.rule, n.clone())), "{} on {n} is in two root causes", c.rule);
        }
    }

    // How much the first 20 cover, in risk order and by size.
    let top_by_risk: usize = causes.iter().take(20).map(|c| c.findings).sum();
    let mut sizes: Vec<usize> = causes.iter().map(|c| c.findings).collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    let top_by_size: usize = sizes.iter().take(20).sum();
    eprintln!(
        "Tuva: {total} findings in {} root causes; the 20 riskiest cover {top_by_risk} ({:.1} %), the 20 largest {top_by_size} ({:.1} %)",
        causes.len(),
        top_by_risk as f64 * 100.0 / total as f64,
        top_by_size as f64 * 100.0 / total as f64
    );
    assert!(
        top_by_risk * 10 >= total * 9,
        "the 20 riskiest root causes (the order every report shows) cover at least 90 % of the findings"
    );
    assert!(top_by_size >= top_by_risk);

    // Every fix of the 20 riskiest and the 20 largest: a dbt_project.yml block clears its
    // findings, and adds none of its rule anywhere; an edit per node says so.
    let mut largest: Vec<&RootCause> = causes.iter().collect();
    largest.sort_by_key(|c| std::cmp::Reverse(c.findings));
    let mut checked = BTreeSet::new();
    for cause in causes.iter().take(20).chain(largest.into_iter().take(20)) {
        if !checked.insert((cause.rule, cause.scope_id.clone(), cause.findings)) {
            continue;
        }
        match cause.fix.kind {
            FixKind::DbtProjectYml => {
                let mut raw: Value = serde_json::from_slice(&manifest).unwrap();
                apply_block(&mut raw, &cause.fix.text);
                let dir = std::env::temp_dir().join(format!("phi-lens-root-cause-{}", std::process::id()));
                std::fs::create_dir_all(&dir).unwrap();
                let path = dir.join("manifest.json");
                std::fs::write(&path, serde_json::to_vec(&raw).unwrap()).unwrap();
                let (_, after) = analysed(std::fs::read(&path).unwrap());
                let _ = std::fs::remove_dir_all(&dir);
                let left = keys(&after, cause);
                assert!(
                    left.is_empty(),
                    "{} {}: {} findings left after its fix:\n{}",
                    cause.rule,
                    cause.scope_id,
                    left.len(),
                    cause.fix.text
                );
                let before = analysis.findings.iter().filter(|f| f.rule == cause.rule).count();
                let now = after.findings.iter().filter(|f| f.rule == cause.rule).count();
                assert_eq!(now, before - cause.findings, "{}: the fix adds findings of its rule elsewhere", cause.rule);
                eprintln!(
                    "  {} {} {}: {} findings cleared by its dbt_project.yml block",
                    cause.rule,
                    cause.scope.as_str(),
                    cause.scope_id,
                    cause.findings
                );
            }
            FixKind::EachNode | FixKind::Own => {
                // A fix that says its nodes are an installed package's says it of all of them.
                if let Some(rest) = cause.fix.summary.split("installed package `").nth(1) {
                    let package = rest.split('`').next().unwrap();
                    for n in &cause.nodes {
                        assert_eq!(&*project.node(n).unwrap().package_name, package, "{} {n}", cause.rule);
                    }
                }
                if cause.fix.kind == FixKind::EachNode {
                    assert_ne!(cause.scope, Scope::Node);
                    assert!(cause.fix.summary.starts_with("No single config clears these"), "{}", cause.fix.summary);
                } else {
                    assert_eq!(cause.nodes.len(), 1);
                }
                let mut raw: Value = serde_json::from_slice(&manifest).unwrap();
                apply_each_node(&mut raw, &analysis, cause);
                let after = reanalysed(&raw);
                let left = keys(&after, cause);
                assert!(
                    left.is_empty(),
                    "{} {}: {} findings left after each node's edit: {:?}",
                    cause.rule,
                    cause.scope_id,
                    left.len(),
                    left.iter().take(5).collect::<Vec<_>>()
                );
                let before = analysis.findings.iter().filter(|f| f.rule == cause.rule).count();
                let now = after.findings.iter().filter(|f| f.rule == cause.rule).count();
                assert_eq!(
                    now,
                    before - cause.findings,
                    "{}: the edits add findings of its rule elsewhere",
                    cause.rule
                );
                eprintln!(
                    "  {} {} {}: {} findings cleared by an edit per node",
                    cause.rule,
                    cause.scope.as_str(),
                    cause.scope_id,
                    cause.findings
                );
            }
        }
    }
}

#[test]
fn every_planted_gap_of_the_demo_is_its_own_item() {
    let (project, analysis) =
        gaps_support::analysis(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/clinic/target"));
    let causes = root_causes(&project, &analysis);
    assert_eq!(causes.iter().map(|c| c.findings).sum::<usize>(), analysis.findings.len());
    // Every finding of the demo is a planted gap (demo_gaps.rs): none shares a root cause with
    // another node.
    let grouped: Vec<String> = causes
        .iter()
        .filter(|c| c.nodes.len() > 1)
        .map(|c| format!("{} {} {}: {:?}", c.rule, c.scope.as_str(), c.scope_id, c.nodes))
        .collect();
    assert!(grouped.is_empty(), "root causes folding planted gaps together: {grouped:#?}");
    // Two failing tests on one model are two items.
    let failed_tests = causes.iter().filter(|c| c.rule == "TST007").count();
    assert_eq!(failed_tests, analysis.findings.iter().filter(|f| f.rule == "TST007").count());
}

#[test]
fn tuva_text_report_opens_with_the_summary_and_top_root_causes() {
    let Some(manifest) = tuva_manifest() else { return };
    let (project, analysis) = analysed(manifest);
    let report = phi_lens_core::report::build(&project, &analysis, Vec::new(), &[]);
    let text = phi_lens_core::report::text::render(&report, false);
    let head: Vec<&str> = text.lines().take(30).collect();
    assert!(head[0].contains("score") && head[0].contains("open ("), "the headline: {}", head[0]);
    assert!(head.iter().any(|l| l.starts_with("grade capped at")), "the grade's reason:\n{}", head.join("\n"));
    assert!(head.iter().any(|l| l.starts_with("What to fix first")), "{}", head.join("\n"));
    let top = phi_lens_core::report::text::TOP_ROOT_CAUSES;
    for (i, c) in report.root_causes.iter().take(top).enumerate() {
        let line = format!("{:>2}. ", i + 1);
        assert!(
            head.iter().any(|l| l.starts_with(&line) && l.contains(c.rule.as_str()) && l.contains(&c.scope_id)),
            "root cause {} in the first 30 lines:\n{}",
            i + 1,
            head.join("\n")
        );
    }
}

/// The app groups the findings in steps (a rule per step, stopped anywhere and finished): the
/// root causes of one call, in the same order.
#[test]
fn the_root_causes_in_steps_are_those_of_one_call() {
    use phi_lens_core::root_causes::RootCauseSteps;
    let Some(manifest) = tuva_manifest() else { return };
    let (project, analysis) = analysed(manifest);
    let whole = root_causes(&project, &analysis);
    assert!(whole.len() > 20, "{} root causes", whole.len());
    for stop in [0, 1, 3, usize::MAX] {
        let mut steps = RootCauseSteps::new(&project, &analysis);
        let mut taken = 0;
        while taken < stop && steps.step() {
            taken += 1;
        }
        assert_eq!(steps.finish(), whole, "stopped after {taken} steps");
    }
}

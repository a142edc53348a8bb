//! `phi-lens diff` and `check --baseline`: exit codes and gates, every format snapshotted on an
//! edited copy of the demo (JSON edits in a temp dir), the SARIF valid against the SARIF 2.1.0
//! schema (the same validation as `check`'s, tests/sarif_schema/) with the new findings only, the
//! markdown's HTML (only `<details>`, `<summary>` and the marker), byte-identical runs, a dbt
//! project root as PATH, and the baseline round trip.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

mod sarif_schema;

fn demo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/clinic/target")
}

fn run<S: AsRef<OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_phi-lens")).args(args).env("NO_COLOR", "1").output().expect("run phi-lens")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// A fresh directory of its own (tests run at once: each call gets another).
fn tmp(name: &str) -> PathBuf {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("phi-lens-diff-{}-{name}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A copy of the demo's target/ in a temp dir, its manifest passed through `edit`.
fn edited_demo(name: &str, edit: impl FnOnce(&mut Value)) -> PathBuf {
    let dir = tmp(name);
    for file in ["catalog.json", "run_results.json", "sources.json"] {
        std::fs::copy(demo().join(file), dir.join(file)).unwrap();
    }
    let mut m: Value = serde_json::from_slice(&std::fs::read(demo().join("manifest.json")).unwrap()).unwrap();
    edit(&mut m);
    std::fs::write(dir.join("manifest.json"), serde_json::to_vec(&m).unwrap()).unwrap();
    dir
}

/// The demo with a patient phone number added, undeclared, to the de-identified mart that
/// feeds the CMO dashboard, and a clinical range test dropped.
fn pull_request() -> PathBuf {
    edited_demo("pr", |m| {
        let nodes = m["nodes"].as_object_mut().unwrap();
        nodes.remove("test.clinic.accepted_range_fct_readmissions_30d_age_at_admission__120__0.6ddb347a7b").unwrap();
        nodes["model.clinic.mart_quality_measures"]["columns"].as_object_mut().unwrap().insert(
            "patient_phone".into(),
            json!({"name": "patient_phone", "description": "Phone number of the patient.", "meta": {}, "tags": []}),
        );
    })
}

fn diff(base: &Path, head: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<&OsStr> = vec![OsStr::new("diff"), base.as_os_str(), head.as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    run(&args)
}

#[test]
fn a_build_against_itself_is_empty_and_passes_every_gate() {
    for format in ["text", "json", "markdown", "sarif"] {
        let out = diff(&demo(), &demo(), &["--format", format, "--fail-on", "new-phi-exposure,new-high,score-drop=0"]);
        assert_eq!(out.status.code(), Some(0), "{format}: {}", String::from_utf8_lossy(&out.stderr));
        let text = stdout(&out);
        match format {
            "text" | "markdown" => assert!(text.contains("no PHI or compliance change"), "{text}"),
            "json" => {
                let v: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(v["findings"]["new"], json!([]));
                assert_eq!(v["findings"]["resolved"], json!([]));
                assert_eq!(v["phi"], json!([]));
            }
            _ => {
                let v: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(v["runs"][0]["results"], json!([]));
            }
        }
    }
}

#[test]
fn a_dbt_project_root_is_read_through_its_target() {
    let root = demo().join("..");
    let out = diff(&root, &demo(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).contains("no PHI or compliance change"));
    let out = run(&[OsStr::new("check"), root.as_os_str(), OsStr::new("--format"), OsStr::new("json")]);
    assert_eq!(out.status.code(), Some(0));
    // A project not built yet says what to run.
    let unbuilt = tmp("unbuilt");
    std::fs::write(unbuilt.join("dbt_project.yml"), "name: p\n").unwrap();
    let out = run(&[OsStr::new("check"), unbuilt.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("run `dbt parse`"));
}

#[test]
fn the_gates_fail_on_what_the_pull_request_does() {
    let head = pull_request();
    for (gate, code) in
        [("new-phi-exposure", 1), ("new-critical", 1), ("new-high", 1), ("score-drop=50", 0), ("score-drop=0", 1)]
    {
        let out = diff(&demo(), &head, &["--fail-on", gate]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{gate}: {stderr}");
        if code == 1 {
            assert!(stderr.contains("gate failed:"), "{stderr}");
        }
    }
    let out = diff(&demo(), &head, &["--fail-on", "new-medium"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("new-phi-exposure"));
    let out = diff(&demo(), &head.join("missing"), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing"));
}

#[test]
fn every_format_of_the_pull_request_snapshotted_and_byte_identical_across_runs() {
    let head = pull_request();
    for format in ["text", "json", "markdown", "sarif"] {
        let first = stdout(&diff(&demo(), &head, &["--format", format]));
        let second = stdout(&diff(&demo(), &head, &["--format", format]));
        assert_eq!(first, second, "{format} differs between two runs");
        insta::assert_snapshot!(format!("pull_request_{format}"), first);
    }
}

#[test]
fn the_sarif_holds_the_new_findings_only_and_is_valid_against_the_2_1_0_schema() {
    let head = pull_request();
    let sarif = stdout(&diff(&demo(), &head, &["--format", "sarif"]));
    sarif_schema::assert_valid_sarif(&sarif);
    // A build against itself: a valid log with no result.
    let empty = stdout(&diff(&demo(), &demo(), &["--format", "sarif"]));
    sarif_schema::assert_valid_sarif(&empty);
    assert_eq!(serde_json::from_str::<Value>(&empty).unwrap()["runs"][0]["results"], json!([]));
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let json: Value = serde_json::from_str(&stdout(&diff(&demo(), &head, &["--format", "json"]))).unwrap();
    // SARIF 2.1.0's required properties: version, runs; each run's tool.driver.name; each
    // result's message.text; ruleIndex within the driver's rules.
    assert_eq!(sarif["version"], "2.1.0");
    assert!(sarif["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "phi-lens");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    let new = json["findings"]["new"].as_array().unwrap();
    assert_eq!(results.len(), new.len());
    assert!(!results.is_empty());
    for (r, f) in results.iter().zip(new) {
        assert!(r["message"]["text"].is_string());
        assert_eq!(r["ruleId"], f["rule"]);
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        assert_eq!(r["partialFingerprints"]["phiLens/v1"], f["fingerprint"]);
        assert!(["error", "warning", "note", "none"].contains(&r["level"].as_str().unwrap()));
        assert!(r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64().unwrap() >= 1);
    }
}

/// The raw HTML of a markdown text: every `<` that opens a tag or a comment.
fn html_tags(markdown: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = markdown;
    while let Some(i) = rest.find('<') {
        let tail = &rest[i..];
        let end = tail.find('>').map_or(tail.len(), |e| e + 1);
        out.push(&tail[..end]);
        rest = &tail[end..];
    }
    out
}

#[test]
fn the_markdown_comment_is_plain_gfm_with_details_summary_and_the_marker_only() {
    let head = pull_request();
    let md = stdout(&diff(&demo(), &head, &["--format", "markdown"]));
    assert!(md.starts_with("<!-- phi-lens-diff -->\n"), "{md}");
    for tag in html_tags(&md) {
        assert!(
            ["<details>", "</details>", "<summary>", "</summary>", "<!-- phi-lens-diff -->"].contains(&tag),
            "raw HTML beyond details/summary/the marker: {tag}"
        );
    }
    assert_eq!(md.matches("<details>").count(), md.matches("</details>").count());
    // Every table row has the header's number of cells (escaped pipes are not separators).
    let mut header_cells = None;
    for line in md.lines() {
        if !line.starts_with('|') {
            header_cells = None;
            continue;
        }
        let cells = line.replace("\\|", "").matches('|').count();
        match header_cells {
            None => header_cells = Some(cells),
            Some(n) => assert_eq!(cells, n, "a table row with the wrong number of cells: {line}"),
        }
    }
    // The verdict line says what matters most, first.
    let verdict = md.lines().nth(1).unwrap();
    assert!(verdict.starts_with("### 🔴 phi-lens: clinic — PHI newly reaches 1 exposure"), "{verdict}");
    assert!(md.contains("clinical test removed"), "{md}");
}

/// `phi-lens check TARGET ARGS…`.
fn check(target: &Path, args: &[&OsStr]) -> Output {
    let mut all = vec![OsStr::new("check"), target.as_os_str()];
    all.extend_from_slice(args);
    run(&all)
}

#[test]
fn the_baseline_round_trips_and_sets_aside_exactly_the_old_findings() {
    let dir = tmp("baseline");
    let baseline = dir.join("phi-lens-baseline.json");
    let file = baseline.as_os_str();
    let [with, write, format] = ["--baseline", "--write-baseline", "--format"].map(OsStr::new);
    let [json_format, sarif_format, fail_on] = ["json", "sarif", "--fail-on"].map(OsStr::new);
    let out = check(&demo(), &[write, file, format, json_format]);
    assert_eq!(out.status.code(), Some(0));
    let written: Value = serde_json::from_slice(&std::fs::read(&baseline).unwrap()).unwrap();
    let total = written["findings"].as_array().unwrap().len();
    assert!(total > 0);
    let out = check(&demo(), &[with, file, format, json_format, fail_on, OsStr::new("low")]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["findings"], json!([]), "the same input has no new finding");
    assert_eq!(report["baseline"]["findings_baselined"], total);
    assert_eq!(report["baseline"]["file"], "phi-lens-baseline.json");
    // Text and SARIF always say how many were set aside.
    let out = check(&demo(), &[with, file]);
    assert!(stdout(&out).contains(&format!("baseline phi-lens-baseline.json: {total} findings not shown")));
    let sarif: Value = serde_json::from_str(&stdout(&check(&demo(), &[with, file, format, sarif_format]))).unwrap();
    assert_eq!(sarif["runs"][0]["results"], json!([]));
    let notes = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert!(notes[0]["message"]["text"].as_str().unwrap().contains(&format!("{total} findings not shown")));

    // On the pull request, the baseline keeps what `diff` calls new, fingerprint for fingerprint.
    let head = pull_request();
    let out = check(&head, &[with, file, format, json_format, fail_on, OsStr::new("high")]);
    assert_eq!(out.status.code(), Some(1), "the PR's new high finding fails the gate");
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let d: Value = serde_json::from_str(&stdout(&diff(&demo(), &head, &["--format", "json"]))).unwrap();
    let key = |f: &Value| format!("{}|{}|{}", f["rule"], f["unique_id"], f["column"]);
    let from_check: Vec<String> = report["findings"].as_array().unwrap().iter().map(key).collect();
    let from_diff: Vec<String> = d["findings"]["new"].as_array().unwrap().iter().map(key).collect();
    assert_eq!(from_check, from_diff);
}

#[test]
fn a_broken_baseline_is_named_with_its_place() {
    let dir = tmp("broken-baseline");
    let file = dir.join("old.json");
    std::fs::write(&file, r#"{"generator": "phi-lens 0.1.0", "findings": [{"rule": 7}]}"#).unwrap();
    let out = check(&demo(), &[OsStr::new("--baseline"), file.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("old.json") && stderr.contains("findings[0].rule"), "{stderr}");
    std::fs::write(&file, r#"{"metadata": {}}"#).unwrap();
    let out = check(&demo(), &[OsStr::new("--baseline"), file.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a phi-lens JSON report"));
}

#[test]
fn a_selection_narrows_every_command_and_says_it_is_partial() {
    let target = demo();
    let check = |args: &[&str]| check(&target, &args.iter().map(OsStr::new).collect::<Vec<_>>());
    let out = check(&["--format", "json", "--select", "tag:phi+", "--exclude", "mart_payer_extract"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let note = report["warnings"][0]["message"].as_str().unwrap();
    assert!(note.starts_with("partial run: ") && note.contains("--select tag:phi+ --exclude mart_payer_extract"));
    assert!(report["nodes"].get("model.clinic.dim_patients").is_some());
    assert!(report["nodes"].get("model.clinic.mart_payer_extract").is_none());
    assert!(report["findings"].as_array().unwrap().iter().all(|f| f["unique_id"] != "model.clinic.mart_payer_extract"));
    for format in ["text", "markdown", "sarif"] {
        assert!(stdout(&check(&["--format", format, "-s", "dim_patients"])).contains("partial run: 1 of"), "{format}");
    }
    let out = run(&[OsStr::new("phi"), demo().as_os_str(), OsStr::new("--select"), OsStr::new("dim_patients")]);
    assert!(stdout(&out).starts_with("partial run: 1 of"));
    let dir = tmp("export-select");
    let out = run(&[
        OsStr::new("export"),
        demo().as_os_str(),
        OsStr::new("--out"),
        dir.as_os_str(),
        OsStr::new("--select"),
        OsStr::new("+mart_payer_extract"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&std::fs::read(dir.join("report.json")).unwrap()).unwrap();
    assert!(report["warnings"][0]["message"].as_str().unwrap().starts_with("partial run: "));
    let head = pull_request();
    let out = diff(&demo(), &head, &["--select", "fct_readmissions_30d"]);
    let text = stdout(&out);
    assert!(text.contains("partial run: 1 of") && text.contains("clinical test removed"), "{text}");
    assert!(!text.contains("mart_quality_measures"), "{text}");
    let out = check(&["--select", "config:x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown selector method `config:`"));
}

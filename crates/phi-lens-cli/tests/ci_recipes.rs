//! The CI recipes as far as a test can take them: every YAML block of docs/ci.md and the
//! repository's `.pre-commit-hooks.yaml` parse; the pre-commit hook runs as pre-commit would
//! run it; and every `phi-lens` command and flag named in a code block of docs/ci.md or the
//! README exists in `phi-lens --help`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn phi_lens() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_phi-lens"));
    c.env("NO_COLOR", "1");
    c
}

/// The fenced code blocks of a markdown text, with their info string.
fn code_blocks(markdown: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in markdown.lines() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(info)) => current = Some((info.trim().to_string(), String::new())),
            (Some(_), Some(_)) => out.extend(current.take()),
            (Some((_, body)), None) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

#[test]
fn every_yaml_block_of_the_ci_guide_parses_and_has_its_jobs() {
    let doc = std::fs::read_to_string(repo().join("docs/ci.md")).unwrap();
    let blocks: Vec<serde_yaml::Value> = code_blocks(&doc)
        .into_iter()
        .filter(|(info, _)| info == "yaml")
        .map(|(_, body)| serde_yaml::from_str(&body).unwrap_or_else(|e| panic!("{e}:\n{body}")))
        .collect();
    assert_eq!(blocks.len(), 3, "GitHub Actions, GitLab CI, pre-commit config");
    let github = &blocks[0];
    let steps = github["jobs"]["phi-lens"]["steps"].as_sequence().unwrap();
    let runs: String = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(runs.contains("phi-lens diff") && runs.contains("--format sarif") && runs.contains("--fail-on"));
    assert!(steps
        .iter()
        .any(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif"))));
    let script = steps.iter().find_map(|s| s["with"]["script"].as_str()).unwrap();
    assert!(script.contains("<!-- phi-lens-diff -->"), "the sticky comment is found by the marker");
    let gitlab = &blocks[1]["phi-lens"];
    assert!(gitlab["script"]
        .as_sequence()
        .unwrap()
        .iter()
        .any(|s| s.as_str().is_some_and(|s| s.contains("phi-lens diff"))));
    let precommit = &blocks[2]["repos"][0]["hooks"][0];
    assert_eq!(precommit["id"], "phi-lens-check");
}

#[test]
fn the_pre_commit_hook_runs_as_pre_commit_runs_it() {
    let text = std::fs::read_to_string(repo().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks: Vec<serde_yaml::Value> = serde_yaml::from_str(&text).unwrap();
    assert_eq!(hooks.len(), 1);
    let hook = &hooks[0];
    for key in ["id", "name", "entry", "language"] {
        assert!(hook[key].is_string(), "a hook needs `{key}`");
    }
    let files = hook["files"].as_str().unwrap();
    assert!(files.contains(r"manifest\.json"));
    // pre-commit runs `entry` + `args` (no file names) from the repository's root.
    let entry: Vec<&str> = hook["entry"].as_str().unwrap().split_whitespace().collect();
    assert_eq!(entry[0], "phi-lens");
    let args: Vec<&str> = hook["args"].as_sequence().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    assert_eq!(hook["pass_filenames"], false);
    let root = std::env::temp_dir().join(format!("phi-lens-precommit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("target")).unwrap();
    let demo = repo().join("examples/clinic/target");
    for file in ["manifest.json", "catalog.json", "run_results.json", "sources.json"] {
        std::fs::copy(demo.join(file), root.join("target").join(file)).unwrap();
    }
    let out = phi_lens().args(&entry[1..]).args(&args).current_dir(&root).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("clinic: score"));
}

/// Every `phi-lens SUBCOMMAND --flag …` in the code blocks of `markdown`, as (subcommand,
/// flags).
fn invocations(markdown: &str) -> Vec<(String, BTreeSet<String>)> {
    let mut out = Vec::new();
    for (_, body) in code_blocks(markdown) {
        for line in body.lines() {
            let mut rest = line;
            while let Some(i) = rest.find("phi-lens ") {
                rest = &rest[i + "phi-lens ".len()..];
                let mut tokens = rest.split_whitespace().peekable();
                let Some(sub) = tokens.next() else { break };
                if !sub.chars().all(|c| c.is_ascii_lowercase()) {
                    continue;
                }
                // `overlay install`: a word after the command may be its subcommand (or a plain
                // PATH such as `target`, which `--help` ignores).
                let mut sub = sub.to_string();
                if let Some(next) = tokens.next_if(|t| t.chars().all(|c| c.is_ascii_lowercase())) {
                    sub = format!("{sub} {next}");
                }
                let flags = tokens
                    .take_while(|t| !["|", ">", ";", "&&", "#", ")"].iter().any(|s| t.starts_with(s)))
                    // `[--csv|--json]`: each alternative.
                    .flat_map(|t| t.split('|'))
                    .map(|t| t.trim_start_matches('['))
                    .filter(|t| t.starts_with("--"))
                    .map(|t| t.split(['=', ']']).next().unwrap_or(t).to_string())
                    .collect();
                out.push((sub, flags));
            }
        }
    }
    out
}

#[test]
fn every_command_the_guides_show_exists_with_its_flags() {
    let mut seen = BTreeSet::new();
    for doc in ["docs/ci.md", "README.md"] {
        let text = std::fs::read_to_string(repo().join(doc)).unwrap();
        for (sub, flags) in invocations(&text) {
            let out = phi_lens().args(sub.split(' ')).arg("--help").output().unwrap();
            assert_eq!(out.status.code(), Some(0), "{doc}: `phi-lens {sub}` is not a command");
            let help = String::from_utf8_lossy(&out.stdout);
            for flag in &flags {
                assert!(help.contains(flag.as_str()), "{doc}: `phi-lens {sub}` has no {flag}");
            }
            seen.insert(sub.split(' ').next().unwrap_or_default().to_string());
        }
    }
    for sub in ["check", "diff", "phi", "export"] {
        assert!(seen.contains(sub), "the guides show `phi-lens {sub}`");
    }
}

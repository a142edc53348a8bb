//! `phi-lens diff BASE HEAD`: both builds loaded and analysed as `check` does, compared by the
//! core's `diff`, rendered, and gated.

use std::path::Path;
use std::process::ExitCode;

use phi_lens_core::diff::{self, Diff, Side};
use phi_lens_core::findings::Severity;
use phi_lens_core::report;

use crate::{exit_without_freeing, load_and_analyse_hashing, print, print_warnings, project_file, SelectArgs};

/// `diff`'s output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum DiffFormat {
    /// The verdict, then each kind of change, for a terminal or a CI log.
    Text,
    /// Everything, for a machine.
    Json,
    /// A pull-request comment: verdict, a table of what matters most, details folded, and a
    /// hidden marker for one sticky comment.
    Markdown,
    /// SARIF 2.1.0 holding the new findings only, for code scanning.
    Sarif,
}

/// A condition of `diff --fail-on`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum DiffGate {
    /// PHI newly reaches an exposure (a column or category new to it).
    NewPhiExposure,
    /// A new open finding at or above this severity.
    New(Severity),
    /// The project score falls by more than this many points.
    ScoreDrop(f64),
}

/// Parses `new-phi-exposure`, `new-critical`, `new-high`, `score-drop=N`.
pub(crate) fn parse_gate(s: &str) -> Result<DiffGate, String> {
    let s = s.trim();
    match s {
        "new-phi-exposure" => Ok(DiffGate::NewPhiExposure),
        "new-critical" => Ok(DiffGate::New(Severity::Critical)),
        "new-high" => Ok(DiffGate::New(Severity::High)),
        _ => match s.strip_prefix("score-drop=").map(|n| n.trim().parse::<f64>()) {
            Some(Ok(n)) if (0.0..=100.0).contains(&n) => Ok(DiffGate::ScoreDrop(n)),
            Some(_) => Err(format!("`{s}`: score-drop takes a number of points between 0 and 100 (score-drop=5)")),
            None => Err(format!("`{s}` is not a gate: use new-phi-exposure, new-critical, new-high or score-drop=N")),
        },
    }
}

impl DiffGate {
    /// Why the diff fails this gate, if it does.
    fn failure(self, d: &Diff) -> Option<String> {
        match self {
            DiffGate::NewPhiExposure => {
                let ids: Vec<&str> = d.exposures_gaining_phi().map(|e| e.unique_id.as_str()).collect();
                (!ids.is_empty()).then(|| format!("PHI newly reaches {}", ids.join(", ")))
            }
            DiffGate::New(min) => {
                let over: Vec<String> = d
                    .new_open()
                    .into_iter()
                    .rev()
                    .filter(|(s, n)| *s >= min && *n > 0)
                    .map(|(s, n)| format!("{n} {s}"))
                    .collect();
                (!over.is_empty()).then(|| format!("new open findings at or above {min}: {}", over.join(", ")))
            }
            DiffGate::ScoreDrop(n) => {
                let drop = -d.scores.delta();
                (drop > n).then(|| {
                    format!(
                        "project score fell by {drop:.1} points ({:.1} → {:.1}), more than {n}",
                        d.scores.project.before, d.scores.project.after
                    )
                })
            }
        }
    }
}

/// Runs `phi-lens diff`.
pub(crate) fn run(
    base: &Path,
    head: &Path,
    policy: Option<&Path>,
    format: DiffFormat,
    gates: &[DiffGate],
    project_dir: &Path,
    select: &SelectArgs,
) -> ExitCode {
    // Input hashes are evidence for SARIF's head report only; elsewhere they would cost a
    // SHA-256 of each side's files for nothing.
    let b = match load_and_analyse_hashing(base, policy, false) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let h = match load_and_analyse_hashing(head, policy, format == DiffFormat::Sarif) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let mut d = diff::diff(
        Side { project: &b.loaded.project, analysis: &b.analysis },
        Side { project: &h.loaded.project, analysis: &h.analysis },
    );
    // Selected on either side: a node the change removed is still the base's.
    let selected = select.of(&h.loaded.project).and_then(|head| Ok(head.zip(select.of(&b.loaded.project)?)));
    match selected {
        Ok(Some((in_head, in_base))) => {
            let keep = |uid: &str| in_head.contains(uid) || in_base.contains(uid);
            d.restrict(&keep, in_head.note());
        }
        Ok(None) => {}
        Err(code) => return code,
    }
    let text = match format {
        DiffFormat::Text => {
            print_labelled_warnings("base", &b.warnings);
            print_labelled_warnings("head", &h.warnings);
            diff::text::render(&d)
        }
        DiffFormat::Markdown => {
            print_labelled_warnings("base", &b.warnings);
            print_labelled_warnings("head", &h.warnings);
            diff::markdown::render(&d)
        }
        DiffFormat::Json => {
            print_warnings(&h.warnings);
            diff::to_json(&d)
        }
        DiffFormat::Sarif => {
            print_warnings(&h.warnings);
            let head_report = report::build(&h.loaded.project, &h.analysis, h.inputs.clone(), &h.warnings);
            let only_new = diff::new_findings_report(&head_report, &d);
            report::sarif::render_with_files(&only_new, &h.loaded.project, &mut |uri| project_file(project_dir, uri))
        }
    };
    if let Err(code) = print(&text) {
        return code;
    }
    let failures: Vec<String> = gates.iter().filter_map(|g| g.failure(&d)).collect();
    let code = if failures.is_empty() {
        if !gates.is_empty() {
            eprintln!("gate passed: {}", diff::verdict(&d).line());
        }
        ExitCode::SUCCESS
    } else {
        for f in &failures {
            eprintln!("gate failed: {f}");
        }
        ExitCode::from(1)
    };
    exit_without_freeing((b, h, d, text));
    code
}

fn print_labelled_warnings(side: &str, warnings: &[phi_lens_core::Warning]) {
    for w in warnings {
        eprintln!("warning ({side}): {w}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gates_parse_and_bad_ones_say_what_is_allowed() {
        assert_eq!(parse_gate("new-high"), Ok(DiffGate::New(Severity::High)));
        assert_eq!(parse_gate("score-drop=2.5"), Ok(DiffGate::ScoreDrop(2.5)));
        assert!(parse_gate("score-drop=x").unwrap_err().contains("between 0 and 100"));
        assert!(parse_gate("new-medium").unwrap_err().contains("new-phi-exposure"));
    }
}

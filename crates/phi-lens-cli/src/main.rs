//! The `phi-lens` command: thin glue between files on disk and the phi-lens core.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod diff;
mod overlay;

use clap::{Args, Parser, Subcommand, ValueEnum};
use phi_lens_core::columns;
use phi_lens_core::findings::Severity;
use phi_lens_core::phi::{self, phi_report};
use phi_lens_core::policy::policy_locations;
use phi_lens_core::report;
use phi_lens_core::rules::{self, RULES};
use phi_lens_core::select::Selection;
use phi_lens_core::Policy;
use phi_lens_core::{analyse_with_columns, Threads};
use phi_lens_core::{load_project_with, ArtifactKind, ArtifactSet, Error, Input, Loaded, Summary, Warning};

/// PHI compliance lens for dbt projects: reads dbt's artifacts and reports where PHI lives and
/// how well the project governs it.
#[derive(Debug, Parser)]
#[command(name = "phi-lens", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Summarise a dbt project: versions, counts by resource type, columns, test results, warnings.
    Summary {
        /// A dbt `target/` directory, a `manifest.json` (or `.json.gz`), or a dbt project
        /// directory (its `target/` is read); sibling catalog.json,
        /// run_results.json and sources.json are picked up when present.
        path: PathBuf,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// The PHI inventory: one row per node and per column with its status (declared, detected,
    /// inherited, deidentified, none), Safe Harbor category, confidence and evidence.
    Phi {
        /// A dbt `target/` directory, a `manifest.json` (or `.json.gz`), or a dbt project
        /// directory (its `target/` is read).
        path: PathBuf,
        /// The policy file. Default: `phi-lens.toml` beside the artifacts (in the target
        /// directory, then its parent, the project directory), else the built-in policy.
        #[arg(long, value_name = "FILE")]
        policy: Option<PathBuf>,
        /// Print one JSON object (rows, exposures, findings, policy and its hash).
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV rows for access-control reviews.
        #[arg(long)]
        csv: bool,
        #[command(flatten)]
        selection: SelectArgs,
    },
    /// Check a project: PHI classification, rule findings and scores, with a CI gate. Exits 0
    /// when the gate passes, 1 when it fails, 2 when the input or the policy cannot be read.
    Check {
        /// A dbt `target/` directory, a `manifest.json` (or `.json.gz`), or a dbt project
        /// directory (its `target/` is read).
        path: PathBuf,
        /// The policy file (default: `phi-lens.toml` beside the artifacts, else built in).
        #[arg(long, value_name = "FILE")]
        policy: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Fail (exit 1) when the project score is below N (0–100).
        #[arg(long, value_name = "N")]
        fail_under: Option<f64>,
        /// Fail (exit 1) when any open (not waived) finding is at or above this severity.
        #[arg(long, value_name = "SEVERITY", value_parser = parse_severity)]
        fail_on: Option<Severity>,
        /// Print how the score of this node or exposure (or, with `project`, the project's score
        /// and grade) was computed, instead of the report.
        #[arg(long, value_name = "UNIQUE_ID")]
        explain_score: Option<String>,
        /// Colour the text output: `auto` when stdout is a terminal and NO_COLOR is unset.
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
        /// The dbt project directory, whose yml files give SARIF results their line (the
        /// `- name:` entry of the node or column). Default: the target directory's parent.
        /// Without the files, results point at line 1.
        #[arg(long, value_name = "DIR")]
        project_dir: Option<PathBuf>,
        /// A JSON report of an earlier run (`--write-baseline`, `--format json`,
        /// `report.json`): its findings are accepted for now; only new ones are listed and
        /// gated, and how many were set aside is always shown.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Also write this run's JSON report to FILE, to keep as the baseline.
        #[arg(long, value_name = "FILE")]
        write_baseline: Option<PathBuf>,
        /// Print one line per rule instead of the report, as ruff's `--statistics` does: open
        /// findings, code, name, and how many root causes they come from, the most first.
        #[arg(long, conflicts_with_all = ["explain_score", "format"])]
        statistics: bool,
        #[command(flatten)]
        selection: SelectArgs,
    },
    /// What a change does to PHI compliance: compares two builds of a project (a pull
    /// request's base and head) — PHI, PHI reaching exposures, findings new and resolved,
    /// waivers, scores, clinical tests. Exits 0 when the gate passes, 1 when it fails, 2 when
    /// an input or a policy cannot be read.
    Diff {
        /// The base: a dbt `target/` directory, a `manifest.json` (or `.json.gz`), or a dbt
        /// project directory (its `target/` is read).
        base: PathBuf,
        /// The head, likewise.
        head: PathBuf,
        /// The policy file for both sides (default: each side's `phi-lens.toml` beside its
        /// artifacts, else built in).
        #[arg(long, value_name = "FILE")]
        policy: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = diff::DiffFormat::Text)]
        format: diff::DiffFormat,
        /// Fail (exit 1) on: `new-phi-exposure` (PHI newly reaches an exposure),
        /// `new-critical`, `new-high` (a new open finding at or above it), `score-drop=N` (the
        /// project score falls by more than N points). Repeat or separate with commas.
        #[arg(long, value_name = "GATE", value_delimiter = ',', value_parser = diff::parse_gate)]
        fail_on: Vec<diff::DiffGate>,
        /// The head's dbt project directory, for SARIF line numbers (default: the head target
        /// directory's parent).
        #[arg(long, value_name = "DIR")]
        project_dir: Option<PathBuf>,
        #[command(flatten)]
        selection: SelectArgs,
    },
    /// Write the evidence folder: report.json, phi_inventory.csv, findings.csv, report.html.
    Export {
        /// A dbt `target/` directory, a `manifest.json` (or `.json.gz`), or a dbt project
        /// directory (its `target/` is read).
        path: PathBuf,
        /// The folder to write (created if needed). Files phi-lens did not write are never
        /// overwritten; nothing is deleted.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The policy file (default: `phi-lens.toml` beside the artifacts, else built in).
        #[arg(long, value_name = "FILE")]
        policy: Option<PathBuf>,
        #[command(flatten)]
        selection: SelectArgs,
    },
    /// Column-level lineage from the models' compiled SQL: which upstream columns each model
    /// column is made from (copy, derived, generalized, hashed, aggregated) or filtered by, and
    /// the models that could not be resolved, with the reason.
    Columns {
        /// A dbt `target/` directory, or a `manifest.json` (or `.json.gz`) with compiled SQL
        /// (`dbt compile`, `dbt run`, `dbt build`, `dbt docs generate`); a sibling catalog.json
        /// gives the warehouse's columns for `*`.
        path: PathBuf,
        /// Print `{"edges": [...], "models": [...]}` instead of text.
        #[arg(long)]
        json: bool,
        /// Only this model (unique_id or name), or one of its columns (`MODEL.COLUMN`): the
        /// edges into and out of it.
        #[arg(long, value_name = "MODEL[.COLUMN]")]
        select: Option<String>,
    },
    /// List the rules.
    Rules {
        /// Print the full rule documentation as markdown (what docs/rules.md holds).
        #[arg(long)]
        markdown: bool,
    },
    /// Print one rule's documentation.
    Explain {
        /// A rule id (`PHI003`) or name (`undeclared-detected-phi`).
        rule: String,
    },
    /// Add PHI badges and scores to a hosted dbt docs site (install), or remove them (uninstall).
    Overlay {
        #[command(subcommand)]
        command: overlay::OverlayCommand,
    },
}

/// dbt's node selection (`--select`, `--exclude`): the analysis runs on the whole project;
/// the output lists the selected resources only and says it is partial.
#[derive(Debug, Clone, Default, Args)]
struct SelectArgs {
    /// Report on these resources only, as dbt selects them: names (`stg_*`), `tag:`, `path:`,
    /// `package:`, `source:`, `exposure:`, with `+` for ancestors/descendants (`+mart`,
    /// `tag:phi+`); spaces make a union, commas an intersection. Put PATH first.
    #[arg(long, short = 's', num_args = 1.., value_name = "SELECTOR")]
    select: Vec<String>,
    /// Leave these resources out (same syntax).
    #[arg(long, num_args = 1.., value_name = "SELECTOR")]
    exclude: Vec<String>,
}

impl SelectArgs {
    /// The selection in `project`, or `None` when neither flag is given; a selector that does
    /// not parse is an error (exit 2).
    fn of(&self, project: &phi_lens_core::model::Project) -> Result<Option<Selection>, ExitCode> {
        if self.select.is_empty() && self.exclude.is_empty() {
            return Ok(None);
        }
        phi_lens_core::select::select(project, &self.select, &self.exclude).map(Some).map_err(fail)
    }
}

/// `check`'s output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Findings grouped by node, for a terminal.
    Text,
    /// The report (what `report.json` holds).
    Json,
    /// A pull-request comment.
    Markdown,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

/// When to colour the text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    /// When stdout is a terminal and NO_COLOR is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    Severity::parse(s).ok_or_else(|| format!("`{s}` is not a severity: use low, medium, high or critical"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Phi { path, policy, json, csv, selection } => {
            run_phi(&target_dir(&path), policy.as_deref(), json, csv, &selection)
        }
        Command::Check {
            path,
            policy,
            format,
            fail_under,
            fail_on,
            explain_score,
            color,
            project_dir,
            baseline,
            write_baseline,
            selection,
            statistics,
        } => {
            let path = target_dir(&path);
            let gate = Gate { fail_under, fail_on };
            let project_dir = project_dir.unwrap_or_else(|| default_project_dir(&path));
            let baseline = Baselines { read: baseline.as_deref(), write: write_baseline.as_deref() };
            let explain_score = explain_score.as_deref();
            let options = CheckOptions {
                format,
                gate,
                explain_score,
                color,
                project_dir: &project_dir,
                baselines: baseline,
                selection: &selection,
                statistics,
            };
            run_check(&path, policy.as_deref(), options)
        }
        Command::Diff { base, head, policy, format, fail_on, project_dir, selection } => {
            let (base, head) = (target_dir(&base), target_dir(&head));
            let project_dir = project_dir.unwrap_or_else(|| default_project_dir(&head));
            diff::run(&base, &head, policy.as_deref(), format, &fail_on, &project_dir, &selection)
        }
        Command::Export { path, out, policy, selection } => {
            run_export(&target_dir(&path), &out, policy.as_deref(), &selection)
        }
        Command::Columns { path, json, select } => run_columns(&path, json, select.as_deref()),
        Command::Rules { markdown } => run_rules(markdown),
        Command::Explain { rule } => run_explain(&rule),
        Command::Overlay { command } => overlay::run(command),
        Command::Summary { path, json } => match read_artifacts(&target_dir(&path)).and_then(|(set, read)| {
            let loaded = load(&set)?;
            let warnings = all_warnings(read, &set, &loaded);
            Ok((loaded, warnings))
        }) {
            Ok((loaded, warnings)) => print_summary(&loaded, &warnings, json),
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::from(2)
            }
        },
    }
}

/// `phi-lens phi`: loads the artifacts and the policy, prints the inventory.
fn run_phi(path: &Path, policy_file: Option<&Path>, json: bool, csv: bool, select: &SelectArgs) -> ExitCode {
    let (loaded, mut warnings, lineage) = match read_artifacts(path).and_then(|(set, read)| {
        let loaded = load(&set)?;
        let warnings = all_warnings(read, &set, &loaded);
        let lineage = columns::lineage_of(&set, &loaded.project)?;
        Ok((loaded, warnings, lineage))
    }) {
        Ok(l) => l,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    };
    let policy = match read_policy(path, policy_file) {
        Ok(p) => p,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    if let Err(code) = policy.applies_to(&loaded.project) {
        return code;
    }
    let policy = policy.policy;
    let mut report = match &lineage {
        Some(lineage) => phi::phi_report_with_columns(&loaded.project, &policy, lineage),
        None => phi_report(&loaded.project, &policy),
    };
    match select.of(&loaded.project) {
        Ok(Some(selection)) => {
            report.retain(|uid| selection.contains(uid));
            warnings.insert(0, selection.warning());
        }
        Ok(None) => {}
        Err(code) => return code,
    }
    if csv {
        // The CSV has no place for them: they go to stderr.
        print_warnings(&warnings);
    }
    let text = if json {
        match serde_json::to_string_pretty(&report.inventory_warned(&warnings)) {
            Ok(s) => s + "\n",
            Err(e) => {
                eprintln!("error: cannot write JSON: {e}");
                return ExitCode::from(2);
            }
        }
    } else if csv {
        report::csv::phi_inventory(&report.rows())
    } else {
        report::phi_text(&report, &warnings)
    };
    let mut out = std::io::stdout().lock();
    if out.write_all(text.as_bytes()).and_then(|()| out.flush()).is_err() {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

/// `phi-lens columns`: loads the project, reads the compiled SQL apart, resolves the columns.
fn run_columns(path: &Path, json: bool, select: Option<&str>) -> ExitCode {
    let (set, _read) = match read_artifacts(path) {
        Ok(s) => s,
        Err(err) => return fail(err),
    };
    let (loaded, sql) = match load(&set).and_then(|l| Ok((l, columns::compiled_sql(&set)?))) {
        Ok(x) => x,
        Err(err) => return fail(err),
    };
    drop(set);
    let mut lineage = columns::column_lineage(&loaded.project, &sql);
    if let Some(select) = select {
        match columns::select(&loaded.project, &mut lineage, select) {
            Ok(()) => {}
            Err(message) => return fail(message),
        }
    }
    let text =
        if json { lineage.to_json() + "\n" } else { columns::to_text(&lineage, sql.dialect(), sql.models.len()) };
    match print(&text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// Loads the artifacts and the policy and analyses the project; on failure prints the error
/// and returns exit code 2.
fn load_and_analyse(path: &Path, policy_file: Option<&Path>) -> Result<Analysed, ExitCode> {
    load_and_analyse_hashing(path, policy_file, true)
}

/// [`load_and_analyse`]; without `hash_inputs` the inputs are not hashed and
/// [`Analysed::inputs`] is empty (`diff` reports no input fingerprints but in SARIF).
fn load_and_analyse_hashing(path: &Path, policy_file: Option<&Path>, hash_inputs: bool) -> Result<Analysed, ExitCode> {
    let policy = read_policy(path, policy_file).map_err(fail)?;
    let (set, read) = read_artifacts(path).map_err(fail)?;
    // The inputs are hashed (evidence) on whichever core the parse frees first (its two halves
    // seldom end together), then beside the rest of the load (sorting, checking references
    // and cycles), which runs on one core. A third thread from the start would take a core
    // from the parse.
    let (loaded, hashes) = std::thread::scope(|scope| {
        let (parsed, wait) = std::sync::mpsc::channel::<()>();
        let set = &set;
        let hashing = scope.spawn(move || {
            // A message, or the sender dropped: the parse is over either way.
            let _ = wait.recv();
            if hash_inputs {
                report::input_hashes(set)
            } else {
                Vec::new()
            }
        });
        let loaded = load_project_with(set, &Threads::notifying(parsed));
        (loaded, hashing.join().ok())
    });
    let loaded = loaded.map_err(fail)?;
    policy.applies_to(&loaded.project)?;
    let policy = policy.policy;
    let inputs = match hashes {
        _ if !hash_inputs => Vec::new(),
        Some(hashes) => report::fingerprints_hashed(&set, &loaded.project, &hashes),
        None => report::fingerprints(&set, &loaded.project),
    };
    let warnings = all_warnings(read, &set, &loaded);
    // Column lineage from the compiled SQL, when the manifest has it: PHI flows along column
    // edges in the models whose SQL resolved.
    let lineage = columns::lineage_of(&set, &loaded.project).map_err(fail)?;
    // The input bytes are no longer needed: the project owns what it kept. The analysis's
    // second thread frees them early, while the first reads node names and classifies.
    let threads = Threads::dropping(set, 1);
    let analysis = analyse_with_columns(&loaded.project, &policy, lineage.as_ref(), &threads);
    Ok(Analysed { loaded, analysis, inputs, warnings })
}

/// Loads an artifact set, a large manifest parsed on two threads.
fn load(set: &ArtifactSet) -> Result<Loaded, Error> {
    load_project_with(set, &Threads::default())
}

/// What `check` and `export` work from.
struct Analysed {
    loaded: Loaded,
    analysis: phi_lens_core::Analysis,
    inputs: Vec<report::InputFingerprint>,
    /// Every warning about the inputs: reading them, loading them, whether they belong together.
    warnings: Vec<Warning>,
}

/// The warnings of reading the files, then the load's ([`phi_lens_core::load_warnings`]).
fn all_warnings(read: Vec<Warning>, set: &ArtifactSet, loaded: &Loaded) -> Vec<Warning> {
    let mut out = read;
    out.extend(phi_lens_core::load_warnings(set, loaded));
    out
}

/// Prints the warnings on stderr, for outputs that have no place for them (CSV, the evidence
/// folder's listing) or that a machine reads (JSON, SARIF).
fn print_warnings(warnings: &[Warning]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

fn print(text: &str) -> Result<(), ExitCode> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).and_then(|()| out.flush()).map_err(|_| ExitCode::from(2))
}

/// The CI gate of `check`: a minimum project score and a severity no open finding may reach.
#[derive(Debug, Clone, Copy, Default)]
struct Gate {
    fail_under: Option<f64>,
    fail_on: Option<Severity>,
}

impl Gate {
    /// Why a report with this project score and these open findings by severity fails the
    /// gate (empty when it passes).
    fn failures(&self, project_score: f64, open_findings: &BTreeMap<&str, usize>) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(n) = self.fail_under {
            if project_score < n {
                out.push(format!("project score {project_score:.1} is below {n}"));
            }
        }
        if let Some(min) = self.fail_on {
            let over: Vec<String> = Severity::ALL
                .iter()
                .rev()
                .filter(|s| **s >= min)
                .filter_map(|s| open_findings.get(s.as_str()).filter(|n| **n > 0).map(|n| format!("{n} {s}")))
                .collect();
            if !over.is_empty() {
                out.push(format!("open findings at or above {min}: {}", over.join(", ")));
            }
        }
        out
    }

    /// Prints the gate's verdict on stderr and returns the exit code.
    fn verdict(&self, failures: &[String], summary: impl FnOnce() -> String) -> ExitCode {
        if failures.is_empty() {
            if self.is_set() {
                eprintln!("gate passed: {}", summary());
            }
            ExitCode::SUCCESS
        } else {
            for f in failures {
                eprintln!("gate failed: {f}");
            }
            ExitCode::from(1)
        }
    }

    fn is_set(&self) -> bool {
        self.fail_under.is_some() || self.fail_on.is_some()
    }
}

/// `phi-lens check`: analyses, prints the report in the chosen format, applies the gate.
fn run_check(path: &Path, policy_file: Option<&Path>, options: CheckOptions<'_>) -> ExitCode {
    let CheckOptions { format, gate, explain_score, color, project_dir, baselines, selection, statistics } = options;
    if let Some(n) = gate.fail_under {
        if !(0.0..=100.0).contains(&n) {
            return fail(format!("--fail-under {n}: the score is between 0 and 100"));
        }
    }
    let a = match load_and_analyse(path, policy_file) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let baseline = match baselines.read.map(read_baseline).transpose() {
        Ok(b) => b,
        Err(code) => return code,
    };
    let selection = match selection.of(&a.loaded.project) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if statistics {
        let (project, analysis) = (&a.loaded.project, &a.analysis);
        let causes = phi_lens_core::root_causes::root_causes(project, analysis);
        let mut text = String::new();
        for line in phi_lens_core::root_causes::statistics(&analysis.findings, &causes) {
            text.push_str(&line);
            text.push('\n');
        }
        if let Err(code) = print(&text) {
            return code;
        }
        let failures = gate.failures(analysis.scores.project_score, &report::open_findings(&analysis.findings));
        return gate.verdict(&failures, || report::text::summary_of(project, analysis));
    }
    if explain_score.is_none() && format == Format::Json && baselines.is_none() && selection.is_none() {
        // Streamed straight from the analysis, the findings serialised on a second thread: the
        // same bytes as `report::to_json(&report::build(..))`, without building the report.
        let (project, analysis) = (&a.loaded.project, &a.analysis);
        print_warnings(&a.warnings);
        let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        match report::write_json_with(project, analysis, &a.inputs, &a.warnings, out, &Threads::default()) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return ExitCode::from(2),
            Err(e) => return fail(format!("cannot write the report: {e}")),
        }
        let failures = gate.failures(analysis.scores.project_score, &report::open_findings(&analysis.findings));
        let code = gate.verdict(&failures, || report::text::summary_of(project, analysis));
        exit_without_freeing(a);
        return code;
    }
    let mut report = report::build(&a.loaded.project, &a.analysis, a.inputs, &a.warnings);
    if let Some(file) = baselines.write {
        if let Err(e) = std::fs::write(file, report::to_json(&report)) {
            return fail(format!("{}: {e}", file.display()));
        }
        eprintln!("wrote the baseline {} ({})", file.display(), plural(report.findings.len(), "finding"));
    }
    if let Some((file, baseline)) = &baseline {
        // The flags follow the analysis's findings, which the report's are until a selection
        // narrows them: the baseline first.
        let held = baseline.holds(&a.analysis.findings);
        let new: Vec<bool> = held.iter().map(|h| !h).collect();
        report = report.with_baseline(&file.display().to_string(), &new);
    }
    if let Some(selection) = &selection {
        report = report.with_selection(selection);
    }
    if format == Format::Sarif || format == Format::Json {
        print_warnings(&a.warnings);
    }
    let text = if let Some(uid) = explain_score {
        match report::text::explain_score(&report, uid) {
            Some(t) => t,
            None => return fail(format!("`{uid}` is not a scored node or exposure of this project")),
        }
    } else {
        match format {
            Format::Json => report::to_json(&report),
            Format::Markdown => report::markdown::render(&report),
            Format::Sarif => {
                report::sarif::render_with_files(&report, &a.loaded.project, &mut |uri| project_file(project_dir, uri))
            }
            Format::Text => {
                let color = match color {
                    Color::Always => true,
                    Color::Never => false,
                    Color::Auto => {
                        use std::io::IsTerminal;
                        std::io::stdout().is_terminal()
                            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                            && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
                    }
                };
                report::text::render(&report, color)
            }
        }
    };
    if let Err(code) = print(&text) {
        return code;
    }
    let failures = gate.failures(report.project_score, &report.open_findings);
    if let Some(b) = &report.baseline {
        eprintln!(
            "baseline {}: {} set aside, {} new",
            b.file,
            plural(b.findings_baselined, "finding"),
            report.findings.len()
        );
    }
    let code = gate.verdict(&failures, || report::text::summary(&report));
    exit_without_freeing((a.loaded, a.analysis, report, text));
    code
}

/// How `check` reports and gates.
struct CheckOptions<'a> {
    format: Format,
    gate: Gate,
    explain_score: Option<&'a str>,
    color: Color,
    project_dir: &'a Path,
    baselines: Baselines<'a>,
    selection: &'a SelectArgs,
    /// One line per rule instead of the report (`--statistics`).
    statistics: bool,
}

/// The baseline files of `check`: the one to read, the one to write.
#[derive(Clone, Copy)]
struct Baselines<'a> {
    read: Option<&'a Path>,
    write: Option<&'a Path>,
}

impl Baselines<'_> {
    fn is_none(&self) -> bool {
        self.read.is_none() && self.write.is_none()
    }
}

/// Reads a baseline report; on failure prints the error (naming the file and the place) and
/// returns exit code 2.
fn read_baseline(file: &Path) -> Result<(PathBuf, phi_lens_core::diff::baseline::Baseline), ExitCode> {
    let shown = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| fail(Error::io(&shown, &e)))?;
    let baseline = phi_lens_core::diff::baseline::Baseline::from_json(&shown, &bytes).map_err(fail)?;
    Ok((file.to_path_buf(), baseline))
}

/// `1 finding`, `2 findings`.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Where the artifacts of `path` are: a dbt project directory (one with `dbt_project.yml` and
/// no manifest of its own) stands for its `target/`; anything else is taken as given.
fn target_dir(path: &Path) -> PathBuf {
    let is_project = path.is_dir()
        && path.join("dbt_project.yml").is_file()
        && find_artifact(path, ArtifactKind::Manifest).is_none()
        && path.join("target").is_dir();
    if is_project {
        path.join("target")
    } else {
        path.to_path_buf()
    }
}

/// The dbt project directory of the artifacts at `path`: the target directory's parent (the
/// directory given, or the manifest's directory).
fn default_project_dir(path: &Path) -> PathBuf {
    let target = if path.is_dir() { path } else { path.parent().unwrap_or(Path::new("")) };
    let target = if target.as_os_str().is_empty() { Path::new(".") } else { target };
    target.join("..")
}

/// The text of the project file `uri` (relative, `/`-separated, as the manifest names it), if it
/// is a file under `dir`. A path that is absolute or climbs out (`..`) is not read: the
/// manifest is not trusted.
fn project_file(dir: &Path, uri: &str) -> Option<String> {
    let relative = Path::new(uri);
    let inside = relative.components().all(|c| matches!(c, std::path::Component::Normal(_)));
    if !inside {
        return None;
    }
    std::fs::read_to_string(dir.join(relative)).ok()
}

/// Leaves `values` to the operating system, which reclaims the whole process at exit at once,
/// instead of freeing them allocation by allocation: a large project is millions of small
/// allocations, and freeing them one by one just before exiting costs a tenth of a check.
fn exit_without_freeing<T>(values: T) {
    std::mem::forget(values);
}

/// `phi-lens export`: writes the evidence files into `out`, refusing to overwrite a file that
/// phi-lens did not write.
fn run_export(path: &Path, out: &Path, policy_file: Option<&Path>, select: &SelectArgs) -> ExitCode {
    let a = match load_and_analyse(path, policy_file) {
        Ok(a) => a,
        Err(code) => return code,
    };
    print_warnings(&a.warnings);
    let files = match select.of(&a.loaded.project) {
        Ok(None) => report::evidence_files(&a.loaded.project, &a.analysis, a.inputs, &a.warnings),
        Ok(Some(selection)) => {
            eprintln!("warning: {}", selection.warning());
            report::evidence_files_selected(&a.loaded.project, &a.analysis, a.inputs, &a.warnings, &selection)
        }
        Err(code) => return code,
    };
    if let Err(e) = std::fs::create_dir_all(out) {
        return fail(format!("{}: {e}", out.display()));
    }
    for (name, _) in &files {
        let target = out.join(name);
        if target.symlink_metadata().is_err() {
            continue;
        }
        let ours = target.is_file() && std::fs::read(&target).is_ok_and(|b| report::is_evidence_file(name, &b));
        if !ours {
            return fail(format!(
                "{}: exists and was not written by phi-lens; refusing to overwrite it (nothing was written)",
                target.display()
            ));
        }
    }
    let mut listing = String::new();
    for (name, bytes) in &files {
        let target = out.join(name);
        if let Err(e) = std::fs::write(&target, bytes) {
            return fail(format!("{}: {e}", target.display()));
        }
        listing.push_str(&format!("wrote {} ({} bytes)\n", target.display(), bytes.len()));
    }
    exit_without_freeing((a.loaded, a.analysis, files));
    match print(&listing) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// `phi-lens rules`: one line per rule, or the whole documentation as markdown.
fn run_rules(markdown: bool) -> ExitCode {
    let text = if markdown {
        rules::rules_markdown()
    } else {
        let w = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
        let mut out = String::new();
        for r in RULES {
            out.push_str(&format!(
                "{}  {:<8}  {:<w$}  {:<14}  {}\n",
                r.id,
                r.severity.as_str(),
                r.name,
                r.family.as_str(),
                r.summary
            ));
        }
        out
    };
    match print(&text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// `phi-lens explain RULE`: the rule's documentation, as in docs/rules.md.
fn run_explain(id: &str) -> ExitCode {
    let Some(r) = rules::rule(id.trim()) else {
        return fail(format!("unknown rule `{id}`; `phi-lens rules` lists them"));
    };
    match print(rules::explain(r).trim_start()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// A policy and the file it was read from (none for the default).
struct PolicyFile {
    policy: Policy,
    file: Option<PathBuf>,
}

impl PolicyFile {
    /// Checks the policy against the project ([`rules::validate_policy`]): every problem is
    /// printed, naming the file, the key and the value, and the exit code is 2.
    fn applies_to(&self, project: &phi_lens_core::model::Project) -> Result<(), ExitCode> {
        let problems = rules::validate_policy(&self.policy, project);
        if problems.is_empty() {
            return Ok(());
        }
        let file = self.file.as_deref().map_or_else(|| "the default policy".to_string(), |f| f.display().to_string());
        for p in &problems {
            eprintln!("error: {file}: invalid policy: {p}");
        }
        Err(ExitCode::from(2))
    }
}

/// The policy: `--policy FILE`, else `phi-lens.toml` where [`policy_locations`] looks, else
/// the default.
fn read_policy(path: &Path, explicit: Option<&Path>) -> Result<PolicyFile, String> {
    let file = match explicit {
        Some(f) => Some(f.to_path_buf()),
        None => find_policy(if path.is_dir() { path } else { path.parent().unwrap_or(Path::new("")) }),
    };
    let Some(file) = file else { return Ok(PolicyFile { policy: Policy::default(), file: None }) };
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let policy = Policy::from_toml(&text).map_err(|e| format!("{}: invalid policy: {e}", file.display()))?;
    Ok(PolicyFile { policy, file: Some(file) })
}

/// The first of [`policy_locations`] of `dir` that is a file.
pub(crate) fn find_policy(dir: &Path) -> Option<PathBuf> {
    policy_locations(&dir.to_string_lossy()).into_iter().map(PathBuf::from).find(|p| p.is_file())
}

fn print_summary(loaded: &Loaded, warnings: &[Warning], json: bool) -> ExitCode {
    let summary = Summary::new(&loaded.project, warnings);
    let text = if json {
        match serde_json::to_string_pretty(&summary) {
            Ok(s) => s + "\n",
            Err(e) => {
                eprintln!("error: cannot write JSON: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        report::summary_text(&loaded.project, &summary)
    };
    let mut out = std::io::stdout().lock();
    if out.write_all(text.as_bytes()).and_then(|()| out.flush()).is_err() {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

/// Reads the artifacts at `path`: a directory holding them, or the manifest file itself; with a
/// warning for each artifact present both plain and gzipped, saying which was read.
fn read_artifacts(path: &Path) -> Result<(ArtifactSet, Vec<Warning>), Error> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Error::io(&shown, &e))?;
    let (dir, manifest) = if meta.is_dir() {
        let manifest = find_artifact(path, ArtifactKind::Manifest).ok_or_else(|| {
            let why = if path.join("dbt_project.yml").is_file() {
                "a dbt project with no target/manifest.json: run `dbt parse` (or `dbt compile`) first"
            } else {
                "no manifest.json or manifest.json.gz in this directory (is it dbt's target/?)"
            };
            Error::io(&shown, &std::io::Error::new(std::io::ErrorKind::NotFound, why))
        })?;
        (path.to_path_buf(), manifest)
    } else {
        (path.parent().map(Path::to_path_buf).unwrap_or_default(), path.to_path_buf())
    };
    let mut set = ArtifactSet::default();
    let mut warnings = Vec::new();
    if meta.is_dir() {
        warnings.extend(unread_twin(&dir, ArtifactKind::Manifest));
    }
    set.insert(ArtifactKind::Manifest, read_input(&manifest)?);
    for kind in [ArtifactKind::Catalog, ArtifactKind::RunResults, ArtifactKind::Sources] {
        if let Some(file) = find_artifact(&dir, kind) {
            warnings.extend(unread_twin(&dir, kind));
            set.insert(kind, read_input(&file)?);
        }
    }
    Ok((set, warnings))
}

/// `dir/<kind>.json`, else `dir/<kind>.json.gz`.
fn find_artifact(dir: &Path, kind: ArtifactKind) -> Option<PathBuf> {
    let (plain, gz) = artifact_files(dir, kind);
    [plain, gz].into_iter().find(|p| p.is_file())
}

/// `dir/<kind>.json` and `dir/<kind>.json.gz`.
fn artifact_files(dir: &Path, kind: ArtifactKind) -> (PathBuf, PathBuf) {
    (dir.join(kind.file_name()), dir.join(format!("{}.gz", kind.file_name())))
}

/// When both `<kind>.json` and `<kind>.json.gz` are in `dir`: a warning saying the plain one
/// was read and the other was not (they may come from different runs).
fn unread_twin(dir: &Path, kind: ArtifactKind) -> Option<Warning> {
    let (plain, gz) = artifact_files(dir, kind);
    (plain.is_file() && gz.is_file()).then(|| Warning {
        file: plain.display().to_string(),
        message: format!(
            "{0}.gz is here too and was not read: phi-lens reads {0} when both are present; remove the one that is stale",
            kind.file_name()
        ),
    })
}

fn read_input(path: &Path) -> Result<Input, Error> {
    let shown = path.display().to_string();
    let bytes = read_file(path).map_err(|e| Error::io(&shown, &e))?;
    Ok(Input::new(shown, bytes))
}

/// Reads a whole file. A large one is read in two halves at once: copying tens of megabytes
/// out of the page cache into fresh memory is work both cores can share.
fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    #[cfg(unix)]
    {
        use std::io::Read;
        use std::os::unix::fs::FileExt;
        const SPLIT_FROM: u64 = 4 << 20;
        let mut file = std::fs::File::open(path)?;
        let meta = file.metadata()?;
        let len = meta.len();
        let Ok(size) = usize::try_from(len) else { return std::fs::read(path) };
        if len < SPLIT_FROM || !meta.is_file() {
            return std::fs::read(path);
        }
        let mut bytes = vec![0u8; size];
        let half = size / 2;
        let (first, second) = bytes.split_at_mut(half);
        let file_ref = &file;
        std::thread::scope(|scope| {
            let reading = scope.spawn(move || file_ref.read_exact_at(second, half as u64));
            let first = file_ref.read_exact_at(first, 0);
            let second = reading.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            first.and(second)
        })?;
        // The file may have grown since its size was read: take the rest as `fs::read` would.
        std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(len))?;
        file.read_to_end(&mut bytes)?;
        Ok(bytes)
    }
    #[cfg(not(unix))]
    std::fs::read(path)
}

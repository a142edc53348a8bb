//! The `phi-lens` command: thin glue between files on disk and the phi-lens core.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use phi_lens_core::phi::{phi_report, InventoryRow, PhiReport, Policy, Status};
use phi_lens_core::{load_project, schema_versions, ArtifactKind, ArtifactSet, Error, Input, Loaded, Summary};

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
        /// A dbt `target/` directory, or a `manifest.json` (or `.json.gz`); sibling catalog.json,
        /// run_results.json and sources.json are picked up when present.
        path: PathBuf,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// The PHI inventory: one row per node and per column with its status (declared, detected,
    /// inherited, deidentified, none), Safe Harbor category, confidence and evidence.
    Phi {
        /// A dbt `target/` directory, or a `manifest.json` (or `.json.gz`).
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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Phi { path, policy, json, csv } => run_phi(&path, policy.as_deref(), json, csv),
        Command::Summary { path, json } => match read_artifacts(&path).and_then(|set| load_project(&set)) {
            Ok(loaded) => print_summary(&loaded, json),
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::from(2)
            }
        },
    }
}

/// `phi-lens phi`: loads the artifacts and the policy, prints the inventory.
fn run_phi(path: &Path, policy_file: Option<&Path>, json: bool, csv: bool) -> ExitCode {
    let loaded = match read_artifacts(path).and_then(|set| load_project(&set)) {
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
    let report = phi_report(&loaded.project, &policy);
    let text = if json {
        match serde_json::to_string_pretty(&report.inventory()) {
            Ok(s) => s + "\n",
            Err(e) => {
                eprintln!("error: cannot write JSON: {e}");
                return ExitCode::from(2);
            }
        }
    } else if csv {
        render_phi_csv(&report.rows())
    } else {
        render_phi_text(&report)
    };
    let mut out = std::io::stdout().lock();
    if out.write_all(text.as_bytes()).and_then(|()| out.flush()).is_err() {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

/// The policy: `--policy FILE`, else `phi-lens.toml` beside the artifacts, else the default.
fn read_policy(path: &Path, explicit: Option<&Path>) -> Result<Policy, String> {
    let file = match explicit {
        Some(f) => Some(f.to_path_buf()),
        None => {
            let dir = if path.is_dir() {
                path.to_path_buf()
            } else {
                path.parent().map(Path::to_path_buf).unwrap_or_default()
            };
            let parent = dir.parent().map(Path::to_path_buf);
            [Some(dir), parent].into_iter().flatten().map(|d| d.join("phi-lens.toml")).find(|p| p.is_file())
        }
    };
    let Some(file) = file else { return Ok(Policy::default()) };
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    Policy::from_toml(&text).map_err(|e| format!("{}: invalid policy: {e}", file.display()))
}

const PHI_HEADER: [&str; 7] = ["unique_id", "column", "status", "category", "category_name", "confidence", "evidence"];

fn render_phi_csv(rows: &[InventoryRow]) -> String {
    let mut out = String::new();
    out.push_str(&PHI_HEADER.join(","));
    out.push('\n');
    for r in rows {
        let fields = [
            r.unique_id.as_str(),
            r.column.as_deref().unwrap_or(""),
            r.status.as_str(),
            r.category.as_str(),
            r.category_name.as_str(),
            r.confidence.as_str(),
            r.evidence.as_str(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

/// RFC 4180 quoting; a leading `=`, `+`, `-` or `@` is prefixed with `'` so that spreadsheets
/// do not evaluate untrusted names as formulas.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn render_phi_text(report: &PhiReport) -> String {
    let mut out = String::new();
    out.push_str(&format!("policy  {}\n", report.policy_hash));
    let phi_nodes = report.nodes.iter().filter(|n| n.status.is_phi()).count();
    out.push_str(&format!(
        "nodes   {} ({} hold PHI, {} de-identified)\n\n",
        report.nodes.len(),
        phi_nodes,
        report.nodes.iter().filter(|n| n.status == Status::Deidentified).count()
    ));
    let rows: Vec<InventoryRow> = report.rows();
    let width = |f: &dyn Fn(&InventoryRow) -> usize, min: usize| rows.iter().map(f).max().unwrap_or(0).max(min);
    let w_id = width(&|r| r.unique_id.chars().count(), 9).min(60);
    let w_col = width(&|r| r.column.as_deref().map_or(1, |c| c.chars().count()), 6).min(32);
    out.push_str(&format!(
        "{:<w_id$}  {:<w_col$}  {:<12}  {:<3}  {:<6}  {}\n",
        "unique_id", "column", "status", "cat", "conf", "evidence"
    ));
    for r in &rows {
        out.push_str(&format!(
            "{:<w_id$}  {:<w_col$}  {:<12}  {:<3}  {:<6}  {}\n",
            r.unique_id,
            r.column.as_deref().unwrap_or("-"),
            r.status.as_str(),
            if r.category.is_empty() { "-" } else { r.category.as_str() },
            if r.confidence.is_empty() { "-" } else { r.confidence.as_str() },
            r.evidence
        ));
    }
    if !report.exposures.is_empty() {
        out.push_str("\nexposures\n");
        for e in &report.exposures {
            let how = if e.reached { format!("PHI via {}", e.path.join(" → ")) } else { "no PHI".to_string() };
            out.push_str(&format!("  {}  {how}\n", e.unique_id));
        }
    }
    out.push_str(&format!("\nfindings  {}\n", report.findings.len()));
    for f in &report.findings {
        out.push_str(&format!("  {:<32} {}\n", f.kind(), f.unique_id()));
    }
    out
}

fn print_summary(loaded: &Loaded, json: bool) -> ExitCode {
    let summary = Summary::new(&loaded.project, &loaded.warnings);
    let text = if json {
        match serde_json::to_string_pretty(&summary) {
            Ok(s) => s + "\n",
            Err(e) => {
                eprintln!("error: cannot write JSON: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        render_summary(loaded, &summary)
    };
    let mut out = std::io::stdout().lock();
    if out.write_all(text.as_bytes()).and_then(|()| out.flush()).is_err() {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

fn render_summary(loaded: &Loaded, s: &Summary) -> String {
    let dash = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".to_string());
    let mut out = String::new();
    out.push_str(&format!("project       {}\n", dash(&s.project_name)));
    out.push_str(&format!("dbt version   {}\n", dash(&s.dbt_version)));
    let schemas: Vec<String> =
        schema_versions(&loaded.project).into_iter().map(|(k, v)| format!("{k} {}", dash(&v))).collect();
    out.push_str(&format!("artifacts     {}\n", schemas.join(", ")));
    out.push_str("counts\n");
    for (kind, n) in &s.counts {
        out.push_str(&format!("  {kind:<16}{n:>8}\n"));
    }
    out.push_str(&format!(
        "columns       {} documented, {} warehouse-only\n",
        s.columns.documented, s.columns.warehouse_only
    ));
    if s.test_status.is_empty() {
        out.push_str("test results  none (no run_results.json)\n");
    } else {
        let statuses: Vec<String> = s.test_status.iter().map(|(k, v)| format!("{k} {v}")).collect();
        out.push_str(&format!("test results  {}\n", statuses.join(", ")));
    }
    if s.warnings.is_empty() {
        out.push_str("warnings      none\n");
    } else {
        out.push_str(&format!("warnings      {}\n", s.warnings.len()));
        for w in &s.warnings {
            out.push_str(&format!("  - {w}\n"));
        }
    }
    out
}

/// Reads the artifacts at `path`: a directory holding them, or the manifest file itself.
fn read_artifacts(path: &Path) -> Result<ArtifactSet, Error> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Error::io(&shown, &e))?;
    let (dir, manifest) = if meta.is_dir() {
        let manifest = find_artifact(path, ArtifactKind::Manifest).ok_or_else(|| {
            Error::io(
                &shown,
                &std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no manifest.json or manifest.json.gz in this directory (is it dbt's target/?)",
                ),
            )
        })?;
        (path.to_path_buf(), manifest)
    } else {
        (path.parent().map(Path::to_path_buf).unwrap_or_default(), path.to_path_buf())
    };
    let mut set = ArtifactSet::default();
    set.insert(ArtifactKind::Manifest, read_input(&manifest)?);
    for kind in [ArtifactKind::Catalog, ArtifactKind::RunResults, ArtifactKind::Sources] {
        if let Some(file) = find_artifact(&dir, kind) {
            set.insert(kind, read_input(&file)?);
        }
    }
    Ok(set)
}

/// `dir/<kind>.json`, else `dir/<kind>.json.gz`.
fn find_artifact(dir: &Path, kind: ArtifactKind) -> Option<PathBuf> {
    let plain = dir.join(kind.file_name());
    let gz = dir.join(format!("{}.gz", kind.file_name()));
    [plain, gz].into_iter().find(|p| p.is_file())
}

fn read_input(path: &Path) -> Result<Input, Error> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::io(&shown, &e))?;
    Ok(Input::new(shown, bytes))
}

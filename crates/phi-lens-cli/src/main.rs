//! The `phi-lens` command: thin glue between files on disk and the phi-lens core.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Summary { path, json } => match read_artifacts(&path).and_then(|set| load_project(&set)) {
            Ok(loaded) => print_summary(&loaded, json),
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::from(2)
            }
        },
    }
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

//! `phi-lens overlay install|uninstall`: switches the phi-lens overlay on (and off) in a dbt docs
//! site. Install copies the overlay's assets into `TARGET_DIR/phi-lens/` and adds one block to
//! dbt docs' page (`index.html`, `static_index.html`): a `<script type="module">` loading the
//! overlay and, with `--block-tracking`, a Content-Security-Policy that lets the page reach its
//! own origin only. Uninstall puts back the exact original bytes and removes what install wrote.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;

/// `phi-lens overlay …`.
#[derive(Debug, Subcommand)]
pub enum OverlayCommand {
    /// Add PHI badges and scores to a dbt docs site: copies the overlay into TARGET_DIR/phi-lens/
    /// and adds one <script> to dbt docs' page (a copy, `index.phi-lens.html`, unless --in-place).
    Install {
        /// The folder dbt docs is served from (dbt's `target/`), holding index.html or
        /// static_index.html and manifest.json.
        target_dir: PathBuf,
        /// Edit dbt docs' page itself (the original is kept as `<page>.phi-lens-backup` until
        /// uninstall) instead of writing `<page>.phi-lens.html` beside it.
        #[arg(long)]
        in_place: bool,
        /// Stop dbt docs' anonymous usage tracking: the page gets a Content-Security-Policy that
        /// allows requests to its own origin only.
        #[arg(long)]
        block_tracking: bool,
        /// The built overlay (scripts/build-overlay). Default: `dist/overlay` in the current
        /// directory, then `overlay` beside this executable.
        #[arg(long, value_name = "DIR")]
        assets: Option<PathBuf>,
        /// The policy the overlay applies (copied to phi-lens/phi-lens.toml). Default:
        /// `phi-lens.toml` in TARGET_DIR or its parent, else the built-in policy.
        #[arg(long, value_name = "FILE")]
        policy: Option<PathBuf>,
        /// Only this page of TARGET_DIR (repeatable). Default: index.html and static_index.html,
        /// whichever are there.
        #[arg(long, value_name = "FILE")]
        page: Vec<String>,
    },
    /// Remove the overlay: restores dbt docs' page byte for byte and deletes what install wrote.
    Uninstall {
        /// The folder the overlay was installed into.
        target_dir: PathBuf,
        /// Only this page (repeatable). Default: index.html and static_index.html.
        #[arg(long, value_name = "FILE")]
        page: Vec<String>,
    },
}

/// The pages dbt docs writes.
const DOCS_PAGES: [&str; 2] = ["index.html", "static_index.html"];
/// The files the overlay cannot run without.
const REQUIRED_ASSETS: [&str; 4] = ["overlay.js", "phi-lens-overlay.js", "phi-lens-overlay_bg.wasm", "overlay.css"];
/// The folder the overlay is installed into, inside the target directory.
const FOLDER: &str = "phi-lens";
/// The record of what install copied into [`FOLDER`] (one file name a line).
const RECORD: &str = ".phi-lens-overlay";
/// Suffix of the original page kept by `--in-place`.
const BACKUP_SUFFIX: &str = ".phi-lens-backup";
const BEGIN: &str = "<!-- phi-lens overlay: `phi-lens overlay uninstall` removes this block -->";
const END: &str = "<!-- /phi-lens overlay -->";
/// dbt docs is one big inline script with inline styles; the overlay needs wasm. Everything
/// else stays on the page's own origin.
const STRICT_CSP: &str = "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; \
style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; \
object-src 'none'; base-uri 'self'; form-action 'none'";

/// Runs `phi-lens overlay …`: exit 0 on success, 2 when something cannot be read or written.
pub fn run(command: OverlayCommand) -> ExitCode {
    let result = match command {
        OverlayCommand::Install { target_dir, in_place, block_tracking, assets, policy, page } => {
            let options = InstallOptions { in_place, block_tracking, assets, policy, pages: page };
            install(&target_dir, &options)
        }
        OverlayCommand::Uninstall { target_dir, page } => uninstall(&target_dir, &page),
    };
    match result {
        Ok(lines) => {
            for line in lines {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// What `overlay install` was asked to do.
#[derive(Debug, Default, Clone)]
pub struct InstallOptions {
    /// Edit the page itself.
    pub in_place: bool,
    /// Add the origin-only CSP.
    pub block_tracking: bool,
    /// Where the built overlay is.
    pub assets: Option<PathBuf>,
    /// The policy file.
    pub policy: Option<PathBuf>,
    /// The pages (empty: every dbt docs page present).
    pub pages: Vec<String>,
}

/// Installs the overlay; returns the report lines.
pub fn install(target: &Path, options: &InstallOptions) -> Result<Vec<String>, String> {
    if !target.is_dir() {
        return Err(format!("{} is not a directory (give the folder dbt docs is served from)", target.display()));
    }
    let assets = find_assets(options.assets.as_deref())?;
    let pages = pages_of(target, &options.pages)?;
    let mut report = Vec::new();

    // 1. The assets, into TARGET_DIR/phi-lens/ (refusing a folder phi-lens did not create).
    let folder = target.join(FOLDER);
    let record = folder.join(RECORD);
    if folder.exists() && !record.is_file() {
        return Err(format!(
            "{} exists and was not created by `phi-lens overlay install`: move it away first",
            folder.display()
        ));
    }
    if record.is_file() {
        remove_recorded(&folder)?;
    }
    fs::create_dir_all(&folder).map_err(|e| format!("{}: cannot create the folder ({e})", folder.display()))?;
    let mut copied = Vec::new();
    let mut entries: Vec<PathBuf> = fs::read_dir(&assets)
        .map_err(|e| format!("{}: cannot read the overlay assets ({e})", assets.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    entries.sort();
    for from in entries {
        let Some(name) = from.file_name().and_then(|n| n.to_str()).map(str::to_string) else { continue };
        if name == RECORD || name == "phi-lens.toml" {
            continue;
        }
        let to = folder.join(&name);
        fs::copy(&from, &to).map_err(|e| format!("{}: cannot copy to {} ({e})", from.display(), to.display()))?;
        copied.push(name);
    }
    if let Some(policy) = policy_file(target, options.policy.as_deref())? {
        let to = folder.join("phi-lens.toml");
        fs::copy(&policy, &to).map_err(|e| format!("{}: cannot copy the policy ({e})", policy.display()))?;
        copied.push("phi-lens.toml".to_string());
        report.push(format!("policy: {} (copied to {FOLDER}/phi-lens.toml)", policy.display()));
    } else {
        report.push("policy: built-in (no phi-lens.toml beside the artifacts)".to_string());
    }
    copied.push(String::new());
    fs::write(&record, copied.join("\n")).map_err(|e| format!("{}: cannot write ({e})", record.display()))?;
    report.push(format!("copied the overlay from {} into {}", assets.display(), folder.display()));
    if !folder.join("index.html").is_file() {
        report.push(format!(
            "note: {} has no app (index.html): the overlay's links to the full phi-lens view will not open",
            assets.display()
        ));
    }

    // 2. The pages.
    let snippet = snippet(options.block_tracking);
    for name in &pages {
        let page = target.join(name);
        let current = fs::read(&page).map_err(|e| format!("{}: cannot read ({e})", page.display()))?;
        let backup = backup_path(&page);
        // The original: the page itself, or what it was before an earlier install.
        let original = if find_block(&current).is_some() {
            match fs::read(&backup) {
                Ok(bytes) => bytes,
                Err(_) => strip_block(&current),
            }
        } else {
            current
        };
        if has_foreign_csp(&original) {
            report.push(format!(
                "warning: {name} has its own Content-Security-Policy: it must allow scripts from 'self' and 'wasm-unsafe-eval' for the overlay to start"
            ));
        }
        let installed = insert_block(&original, &snippet);
        let written = if options.in_place {
            if !backup.exists() {
                fs::write(&backup, &original).map_err(|e| format!("{}: cannot write ({e})", backup.display()))?;
            }
            fs::write(&page, &installed).map_err(|e| format!("{}: cannot write ({e})", page.display()))?;
            page.clone()
        } else {
            let copy = copy_path(&page);
            fs::write(&copy, &installed).map_err(|e| format!("{}: cannot write ({e})", copy.display()))?;
            copy
        };
        report.push(format!("installed: {} (open it through your docs server)", written.display()));

        // 3. dbt docs' own tracking.
        let tracking = if name.starts_with("static") {
            tracking_flag(&original)
        } else {
            fs::read(target.join("manifest.json")).ok().and_then(|m| tracking_flag(&m))
        };
        report.push(match (tracking, options.block_tracking) {
            (_, true) => format!("tracking: blocked in {} (a CSP allows requests to the page's own origin only)", written.display()),
            (Some(true), false) => "tracking: ON: the manifest's metadata.send_anonymous_usage_stats is true, so dbt docs \
                loads a tracker from a CDN and sends page views to an outside collector; rerun with --block-tracking to \
                stop it (or generate the docs with DO_NOT_TRACK=1)"
                .to_string(),
            (Some(false), false) => "tracking: off (metadata.send_anonymous_usage_stats is false)".to_string(),
            (None, false) => "tracking: unknown (no manifest metadata found); --block-tracking enforces it off".to_string(),
        });
    }
    Ok(report)
}

/// Removes the overlay; returns the report lines.
pub fn uninstall(target: &Path, pages: &[String]) -> Result<Vec<String>, String> {
    if !target.is_dir() {
        return Err(format!("{} is not a directory", target.display()));
    }
    let mut report = Vec::new();
    let names: Vec<String> =
        if pages.is_empty() { DOCS_PAGES.iter().map(|p| p.to_string()).collect() } else { pages.to_vec() };
    for name in &names {
        let page = target.join(name);
        let copy = copy_path(&page);
        if let Ok(bytes) = fs::read(&copy) {
            if find_block(&bytes).is_some() {
                fs::remove_file(&copy).map_err(|e| format!("{}: cannot remove ({e})", copy.display()))?;
                report.push(format!("removed {}", copy.display()));
            }
        }
        let backup = backup_path(&page);
        let Ok(current) = fs::read(&page) else { continue };
        if find_block(&current).is_some() {
            let original = fs::read(&backup).unwrap_or_else(|_| strip_block(&current));
            fs::write(&page, &original).map_err(|e| format!("{}: cannot write ({e})", page.display()))?;
            if backup.exists() {
                fs::remove_file(&backup).map_err(|e| format!("{}: cannot remove ({e})", backup.display()))?;
            }
            report.push(format!("restored {}", page.display()));
        } else if backup.exists() {
            report.push(format!(
                "note: {} no longer carries the overlay (regenerated by dbt?): left as it is; the older original is kept in {}",
                page.display(),
                backup.display()
            ));
        }
    }
    let folder = target.join(FOLDER);
    if folder.join(RECORD).is_file() {
        remove_recorded(&folder)?;
        report.push(format!("removed {}", folder.display()));
    }
    if report.is_empty() {
        report.push(format!("nothing to uninstall in {}", target.display()));
    }
    Ok(report)
}

/// Deletes the files the record lists, the record, and the folder when it is then empty.
fn remove_recorded(folder: &Path) -> Result<(), String> {
    let record = folder.join(RECORD);
    let listed = fs::read_to_string(&record).map_err(|e| format!("{}: cannot read ({e})", record.display()))?;
    for name in listed.lines().filter(|n| !n.is_empty() && !n.contains(['/', '\\']) && *n != "..") {
        let file = folder.join(name);
        if file.is_file() {
            fs::remove_file(&file).map_err(|e| format!("{}: cannot remove ({e})", file.display()))?;
        }
    }
    fs::remove_file(&record).map_err(|e| format!("{}: cannot remove ({e})", record.display()))?;
    if fs::read_dir(folder).map(|mut d| d.next().is_none()).unwrap_or(false) {
        fs::remove_dir(folder).map_err(|e| format!("{}: cannot remove ({e})", folder.display()))?;
    }
    Ok(())
}

/// The built overlay: `--assets`, else `dist/overlay` here, else `overlay` beside the executable.
fn find_assets(explicit: Option<&Path>) -> Result<PathBuf, String> {
    let candidates: Vec<PathBuf> = match explicit {
        Some(dir) => vec![dir.to_path_buf()],
        None => {
            let mut c = vec![PathBuf::from("dist/overlay")];
            if let Some(dir) = std::env::current_exe().ok().as_deref().and_then(Path::parent) {
                c.push(dir.join("overlay"));
            }
            c
        }
    };
    for dir in &candidates {
        if REQUIRED_ASSETS.iter().all(|f| dir.join(f).is_file()) {
            return Ok(dir.clone());
        }
    }
    let looked: Vec<String> = candidates.iter().map(|d| d.display().to_string()).collect();
    Err(format!(
        "the overlay's assets ({}) are not in {}: build them with `bash scripts/build-overlay`, or pass --assets DIR",
        REQUIRED_ASSETS.join(", "),
        looked.join(" nor in ")
    ))
}

fn pages_of(target: &Path, explicit: &[String]) -> Result<Vec<String>, String> {
    if !explicit.is_empty() {
        for p in explicit {
            if p.contains(['/', '\\']) || !target.join(p).is_file() {
                return Err(format!("{} is not a page in {}", p, target.display()));
            }
        }
        return Ok(explicit.to_vec());
    }
    let found: Vec<String> = DOCS_PAGES.iter().filter(|p| target.join(p).is_file()).map(|p| p.to_string()).collect();
    if found.is_empty() {
        return Err(format!(
            "{} has no dbt docs page (index.html or static_index.html): run `dbt docs generate` first",
            target.display()
        ));
    }
    Ok(found)
}

/// `--policy`, else `phi-lens.toml` where the core looks: in the target directory, then its
/// parent.
fn policy_file(target: &Path, explicit: Option<&Path>) -> Result<Option<PathBuf>, String> {
    if let Some(p) = explicit {
        return if p.is_file() {
            Ok(Some(p.to_path_buf()))
        } else {
            Err(format!("{}: no such policy file", p.display()))
        };
    }
    Ok(crate::find_policy(target))
}

fn backup_path(page: &Path) -> PathBuf {
    let mut name = page.file_name().unwrap_or_default().to_os_string();
    name.push(BACKUP_SUFFIX);
    page.with_file_name(name)
}

/// `index.html` → `index.phi-lens.html`.
fn copy_path(page: &Path) -> PathBuf {
    let stem = page.file_stem().and_then(|s| s.to_str()).unwrap_or("index");
    page.with_file_name(format!("{stem}.phi-lens.html"))
}

/// The block install adds to a page.
fn snippet(block_tracking: bool) -> String {
    let mut s = String::from(BEGIN);
    if block_tracking {
        s.push_str(&format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{STRICT_CSP}\">"));
        s.push_str("<meta name=\"referrer\" content=\"no-referrer\">");
    }
    s.push_str("<script type=\"module\" src=\"phi-lens/overlay.js\"></script>");
    s.push_str(END);
    s
}

/// The page with `block` after its `<meta charset>` (which must stay in the first bytes), else
/// after `<head>`, else at the start.
fn insert_block(page: &[u8], block: &str) -> Vec<u8> {
    let at = insertion_point(page);
    let mut out = Vec::with_capacity(page.len() + block.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(block.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

fn insertion_point(page: &[u8]) -> usize {
    let head = &page[..page.len().min(4096)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let tag_end = |start: usize| lower[start..].iter().position(|&b| b == b'>').map(|p| start + p + 1);
    if let Some(at) = find(&lower, b"<meta charset").and_then(tag_end) {
        return at;
    }
    if let Some(at) = find(&lower, b"<head").and_then(tag_end) {
        return at;
    }
    0
}

/// The byte range of the overlay's block in a page.
fn find_block(page: &[u8]) -> Option<std::ops::Range<usize>> {
    let start = find(page, BEGIN.as_bytes())?;
    let end = find(&page[start..], END.as_bytes())? + start + END.len();
    Some(start..end)
}

/// The page without the overlay's block (exactly what it was before install).
fn strip_block(page: &[u8]) -> Vec<u8> {
    match find_block(page) {
        Some(r) => [&page[..r.start], &page[r.end..]].concat(),
        None => page.to_vec(),
    }
}

/// Whether the page declares a CSP of its own (not the overlay's).
fn has_foreign_csp(page: &[u8]) -> bool {
    let head = &page[..page.len().min(1 << 16)];
    find(&head.to_ascii_lowercase(), b"http-equiv=\"content-security-policy\"").is_some()
}

/// `metadata.send_anonymous_usage_stats` of a manifest (or of the manifest inlined in a static
/// page): the first occurrence, which is the metadata's, since dbt writes `metadata` first.
fn tracking_flag(bytes: &[u8]) -> Option<bool> {
    let key = b"\"send_anonymous_usage_stats\"";
    let at = find(bytes, key)? + key.len();
    let rest = &bytes[at..];
    let rest = &rest[rest.iter().position(|b| !b.is_ascii_whitespace())?..];
    let rest = rest.strip_prefix(b":")?;
    let rest = &rest[rest.iter().position(|b| !b.is_ascii_whitespace())?..];
    if rest.starts_with(b"true") {
        Some(true)
    } else if rest.starts_with(b"false") {
        Some(false)
    } else {
        None
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>dbt Docs</title><script>var n={manifest:\"MANIFEST.JSON INLINE DATA\"}</script></head><body></body></html>";

    /// A fresh folder under the system temp dir (removed by the test).
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("phi-lens-overlay-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        dir
    }

    fn assets(root: &Path) -> PathBuf {
        let dir = root.join("assets");
        fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        for f in REQUIRED_ASSETS.iter().chain(["index.html"].iter()) {
            fs::write(dir.join(f), format!("/* {f} */")).unwrap_or_else(|e| panic!("{e}"));
        }
        dir
    }

    fn target(root: &Path, tracking: bool) -> PathBuf {
        let dir = root.join("target");
        fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        fs::write(dir.join("index.html"), PAGE).unwrap_or_else(|e| panic!("{e}"));
        let manifest = format!("{{\"metadata\": {{\"send_anonymous_usage_stats\": {tracking}}}, \"nodes\": {{}}}}");
        fs::write(dir.join("manifest.json"), manifest).unwrap_or_else(|e| panic!("{e}"));
        dir
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.file_name().to_string_lossy().into()).collect();
        names.sort();
        names
    }

    #[test]
    fn the_block_goes_after_the_charset_and_comes_out_exactly() {
        let block = snippet(true);
        let installed = insert_block(PAGE.as_bytes(), &block);
        let text = String::from_utf8_lossy(&installed);
        assert!(
            text.starts_with(&format!("<!doctype html><html><head><meta charset=\"utf-8\">{BEGIN}<meta http-equiv"))
        );
        assert!(text.contains("connect-src 'self'") && text.contains("'wasm-unsafe-eval'"));
        assert_eq!(strip_block(&installed), PAGE.as_bytes());
        assert!(!snippet(false).contains("Content-Security-Policy"));
        assert_eq!(insertion_point(b"<html><HEAD lang=x><title>"), 19);
        assert_eq!(insertion_point(b"no head"), 0);
    }

    #[test]
    fn reads_dbt_docs_tracking_flag() {
        assert_eq!(tracking_flag(br#"{"metadata": {"send_anonymous_usage_stats" : true}}"#), Some(true));
        assert_eq!(tracking_flag(br#"{manifest:{"metadata":{"send_anonymous_usage_stats":false}}}"#), Some(false));
        assert_eq!(tracking_flag(br#"{"metadata": {}}"#), None);
    }

    #[test]
    fn install_copy_then_uninstall_leaves_the_folder_as_it_was() {
        let root = scratch("copy");
        let (assets, target) = (assets(&root), target(&root, true));
        let before = listing(&target);
        let options = InstallOptions { assets: Some(assets), ..InstallOptions::default() };
        let report = install(&target, &options).unwrap_or_else(|e| panic!("{e}"));
        assert!(report.iter().any(|l| l.starts_with("tracking: ON")), "{report:?}");
        assert_eq!(fs::read(target.join("index.html")).ok().as_deref(), Some(PAGE.as_bytes()), "original untouched");
        let copy = fs::read(target.join("index.phi-lens.html")).unwrap_or_default();
        assert!(find_block(&copy).is_some());
        assert!(target.join("phi-lens/phi-lens-overlay_bg.wasm").is_file());
        // Twice is the same as once.
        install(&target, &options).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(fs::read(target.join("index.phi-lens.html")).unwrap_or_default(), copy);
        uninstall(&target, &[]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(listing(&target), before);
        let _ = fs::remove_dir_all(&root);
    }

    #[test]
    fn install_in_place_is_idempotent_and_uninstall_restores_the_bytes() {
        let root = scratch("inplace");
        let (assets, target) = (assets(&root), target(&root, false));
        let before = listing(&target);
        let options =
            InstallOptions { assets: Some(assets), in_place: true, block_tracking: true, ..Default::default() };
        let report = install(&target, &options).unwrap_or_else(|e| panic!("{e}"));
        assert!(report.iter().any(|l| l.starts_with("tracking: blocked")), "{report:?}");
        let once = fs::read(target.join("index.html")).unwrap_or_default();
        install(&target, &options).unwrap_or_else(|e| panic!("{e}"));
        let twice = fs::read(target.join("index.html")).unwrap_or_default();
        assert_eq!(once, twice, "installing twice inserts once");
        assert_eq!(String::from_utf8_lossy(&twice).matches(BEGIN).count(), 1);
        assert_eq!(fs::read(target.join("index.html.phi-lens-backup")).ok().as_deref(), Some(PAGE.as_bytes()));
        uninstall(&target, &[]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(fs::read(target.join("index.html")).ok().as_deref(), Some(PAGE.as_bytes()));
        assert_eq!(listing(&target), before);
        let _ = fs::remove_dir_all(&root);
    }

    #[test]
    fn refuses_missing_assets_and_foreign_folders() {
        let root = scratch("refuse");
        let target = target(&root, false);
        let missing = root.join("nowhere");
        let options = InstallOptions { assets: Some(missing.clone()), ..Default::default() };
        let err = install(&target, &options).err().unwrap_or_default();
        assert!(err.contains(&missing.display().to_string()) && err.contains("scripts/build-overlay"), "{err}");
        fs::create_dir_all(target.join(FOLDER)).unwrap_or_else(|e| panic!("{e}"));
        let options = InstallOptions { assets: Some(assets(&root)), ..Default::default() };
        let err = install(&target, &options).err().unwrap_or_default();
        assert!(err.contains("was not created by"), "{err}");
        let _ = fs::remove_dir_all(&root);
    }
}

//! Embeds the demo project's artifacts (`examples/clinic/target/*.json`), gzip-compressed,
//! when they exist; without them the app shows its landing page instead of the demo.
//!
//! Writes `$OUT_DIR/demo.rs` with `DEMO_FILES: &[(&str, &[u8])]`, read by `src/loading/demo.rs`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::{env, fs};

const DEMO_DIR: &str = "examples/clinic/target";
const ARTIFACTS: [&str; 4] = ["manifest.json", "catalog.json", "run_results.json", "sources.json"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?);
    let out = PathBuf::from(env::var("OUT_DIR")?);
    let demo = root.join(DEMO_DIR);
    // Watch the folder (files appearing) or, until it exists, the nearest existing parent.
    let watched = [demo.as_path(), &root.join("examples/clinic"), &root.join("examples")]
        .into_iter()
        .find(|p| p.is_dir())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.join("Cargo.toml"));
    println!("cargo:rerun-if-changed={}", watched.display());
    let mut entries = String::new();
    for name in ARTIFACTS {
        let path = demo.join(name);
        if !path.is_file() {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&fs::read(&path)?)?;
        let target = out.join(format!("demo-{name}.gz"));
        fs::write(&target, gz.finish()?)?;
        entries.push_str(&format!("    ({name:?}, include_bytes!({:?})),\n", target.display().to_string()));
    }
    let code = format!(
        "/// The demo's artifacts (file name, gzip bytes), embedded by build.rs.\n\
         pub(crate) const DEMO_FILES: &[(&str, &[u8])] = &[\n{entries}];\n"
    );
    fs::write(out.join("demo.rs"), code)?;
    Ok(())
}

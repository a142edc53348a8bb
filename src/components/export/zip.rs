//! The evidence files as one zip archive: one download instead of four (browsers ask before
//! letting a page start several), and the files inside are the exact bytes `phi-lens export`
//! writes. Written by the `zip` crate, deflated through flate2's pure-Rust backend (which the
//! core already builds into the app), with every entry dated 1980-01-01 00:00 (the earliest a
//! zip can say), so the same evidence always gives the same archive, byte for byte. Plain
//! Rust, tested natively.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The zip archive of `files`, each as `folder/name`, deflated.
pub(crate) fn deflated(folder: &str, files: &[(&str, Vec<u8>)]) -> Result<Vec<u8>, String> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let failed = |e: &dyn std::fmt::Display| format!("the zip could not be written: {e}");
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in files {
        zip.start_file(format!("{folder}/{name}"), options).map_err(|e| failed(&e))?;
        zip.write_all(bytes).map_err(|e| failed(&e))?;
    }
    Ok(zip.finish().map_err(|e| failed(&e))?.into_inner())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// Reads the archive back: (name, bytes) of each entry, checking each entry's metadata.
    fn unzip(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
        let mut archive = zip::ZipArchive::new(Cursor::new(zip)).unwrap_or_else(|e| panic!("{e}"));
        (0..archive.len())
            .map(|i| {
                let mut entry = archive.by_index(i).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(entry.compression(), CompressionMethod::Deflated);
                assert_eq!(entry.last_modified(), Some(DateTime::default()));
                let mut bytes = Vec::new();
                entry.read_to_end(&mut bytes).unwrap_or_else(|e| panic!("{e}"));
                (entry.name().unwrap_or_else(|e| panic!("{e}")).into_owned(), bytes)
            })
            .collect()
    }

    fn files() -> Vec<(&'static str, Vec<u8>)> {
        let report = "{\n  \"findings\": []\n}\n".repeat(1000).into_bytes();
        vec![("report.json", report), ("findings.csv", Vec::new()), ("report.html", vec![0, 255, 10])]
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_archive_holds_the_files_byte_for_byte() {
        let files = files();
        let zip = deflated("evidence", &files).unwrap_or_default();
        let expected: Vec<(String, Vec<u8>)> =
            files.iter().map(|(n, b)| (format!("evidence/{n}"), b.clone())).collect();
        assert_eq!(unzip(&zip), expected);
        // Deflated: the repetitive report takes a fraction of its size.
        assert!(zip.len() < files[0].1.len() / 10, "{} bytes", zip.len());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_same_files_give_the_same_bytes() {
        let files = files();
        assert_eq!(deflated("evidence", &files), deflated("evidence", &files));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn an_empty_archive_is_just_the_end_record() {
        let zip = deflated("x", &[]).unwrap_or_default();
        assert_eq!(zip.len(), 22);
        assert!(unzip(&zip).is_empty());
    }
}

//! `docs/rules.md` is generated from the rule registry; this test fails when it is stale.
//! Regenerate with `PHI_LENS_BLESS=1 cargo test -p phi-lens-core --test docs_rules`
//! (or `cargo run -p phi-lens-cli -- rules --markdown > docs/rules.md`).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

use std::path::PathBuf;

#[test]
fn docs_rules_md_is_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let generated = phi_lens_core::rules::rules_markdown();
    if std::env::var_os("PHI_LENS_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/rules.md is stale: regenerate it with `PHI_LENS_BLESS=1 cargo test -p phi-lens-core --test docs_rules`"
    );
}

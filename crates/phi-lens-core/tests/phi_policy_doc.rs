//! `docs/policy.md` lists every policy key with its default: its TOML block must parse to
//! exactly the default policy.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A test fails loudly.

use phi_lens_core::Policy;

#[test]
fn the_documented_defaults_are_the_defaults() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/policy.md")).unwrap();
    let start = doc.find("```toml\n").expect("a TOML block") + "```toml\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let documented = &doc[start..end];
    let parsed = Policy::from_toml(documented).unwrap();
    assert_eq!(parsed, Policy::default().normalised());
    // Every key is written out, not left to its default.
    let json = serde_json::to_value(Policy::default()).unwrap();
    for (section, keys) in json.as_object().unwrap() {
        assert!(documented.contains(&format!("[{section}]")), "section {section}");
        for key in keys.as_object().unwrap().keys() {
            assert!(documented.contains(&format!("\n{key} = ")), "{section}.{key} is not documented");
        }
    }
}

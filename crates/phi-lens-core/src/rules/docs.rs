//! The rules' documentation as markdown: `docs/rules.md` and `phi-lens explain RULE` are
//! both generated here from the registry, so they cannot drift apart.

use super::{RuleDef, RULES};

/// The rule documentation as one markdown page (what `docs/rules.md` holds).
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# phi-lens rules\n\n<!-- Generated from the rule registry by `phi-lens rules --markdown`; do not edit. -->\n\n",
    );
    out.push_str(
        "Any finding can be waived where it arises: `meta.phi_lens.waive: [{rule: ID, reason: \"...\", \
         approved_by: \"...\", expires: YYYY-MM-DD}]` on the node or exposure (or on a column, for that column \
         only). A waived finding is shown with its reason, approver and expiry and is not scored; a waiver \
         without a reason, naming an unknown rule, or expired (its date before the manifest's \
         `metadata.generated_at`) is not applied and is reported. See [policy.md](policy.md#waivers).\n\n",
    );
    out.push_str("| id | name | family | default severity | applies to |\n|---|---|---|---|---|\n");
    for r in RULES {
        let targets: Vec<&str> = r.targets.iter().map(|t| t.as_str()).collect();
        out.push_str(&format!(
            "| [{}](#{}) | `{}` | {} | {} | {} |\n",
            r.id,
            r.id.as_str().to_lowercase(),
            r.name,
            r.family.title(),
            r.severity,
            targets.join(", ")
        ));
    }
    let mut family = None;
    for r in RULES {
        if family != Some(r.family) {
            family = Some(r.family);
            out.push_str(&format!("\n## {}\n", r.family.title()));
        }
        out.push_str(&explain(r));
    }
    out
}

/// One rule's documentation (what `phi-lens explain RULE` prints).
pub fn explain(r: &RuleDef) -> String {
    let targets: Vec<&str> = r.targets.iter().map(|t| t.as_str()).collect();
    let reads: Vec<&str> = r.reads.iter().map(|k| k.file_name()).collect();
    let reads = if reads.is_empty() {
        String::new()
    } else {
        format!(" · reads {} (without it: *not evaluated*)", reads.join(", "))
    };
    format!(
        "\n### {}\n\n`{}` · {} · default severity **{}** · applies to {}{reads}\n\n{}\n\n{}\n",
        r.id,
        r.name,
        r.family.title(),
        r.severity,
        targets.join(", "),
        r.summary,
        r.doc.trim().replace("\n### ", "\n#### ").replacen("### ", "#### ", 1)
    )
}

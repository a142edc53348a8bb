//! Compliance rules: one file per rule, an ordered registry, and the findings they produce.
//!
//! A rule is a [`RuleDef`]: a stable id (`PHI003`), a kebab-case name, a family, a default
//! severity, the resource kinds it applies to, its documentation (the sections *What it
//! checks*, *Why it matters*, *Example*, *How to fix*) and a pure check function over the
//! [`Context`]. `docs/rules.md` and `phi-lens explain RULE` are generated from the same text.
//!
//! **Invariant:** rules are pure functions of the project model, its lineage and the policy.
//! A rule that cannot evaluate says so (a `not_evaluated` note), never passes silently.

mod access;
pub(crate) mod clinical;
mod context;
mod docs;
mod phrases;
mod registry;
mod rule;
mod run;
#[cfg(test)]
pub(crate) mod testing;
mod validate;
mod waivers;

mod acc001_phi_without_row_access_policy;
mod acc002_phi_granted_to_broad_role;
mod doc001_description_missing;
mod doc002_no_source_system;
mod doc003_no_known_limitations;
mod doc004_phi_column_undescribed;
mod exp001_exposure_without_owner;
mod exp002_exposure_incomplete;
mod exp003_exposure_lineage_broken;
mod exp004_exposure_feeder_below_bar;
mod phi001_sensitivity_undocumented;
mod phi002_column_sensitivity_undocumented;
mod phi003_undeclared_detected_phi;
mod phi004_undeclared_inherited_phi;
mod phi005_phi_without_category;
mod phi006_phi_outside_phi_schema;
mod phi007_phi_without_tag;
mod phi008_phi_in_dev_unmasked;
mod phi009_deidentified_carries_identifier;
mod phi010_phi_reaches_exposure_undeclared;
mod phi011_deidentified_without_method;
mod tst001_primary_key_untested;
mod tst002_no_generic_tests;
mod tst003_age_without_range_test;
mod tst004_diagnosis_code_unvalidated;
mod tst005_date_pair_unordered;
mod tst006_clinical_value_without_range_test;
mod tst007_test_failed;
mod tst008_source_not_fresh;

pub use context::Context;
pub use docs::{explain, rules_markdown};
pub use registry::{rule, RULES};
pub use rule::{ConfigFix, Emitter, Judges, Remedy, RuleDef};
pub use run::{check, check_with, missing_input, CheckResult, CheckSteps};
pub use validate::{validate_policy, PolicyProblem};

use crate::findings::Target;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::RuleId;

    #[test]
    fn every_rule_is_documented_with_all_sections() {
        for r in RULES {
            for section in ["### What it checks", "### Why it matters", "### Example", "### How to fix"] {
                assert!(r.doc.contains(section), "{} lacks `{section}`", r.id);
            }
            assert!(!r.summary.is_empty() && !r.targets.is_empty(), "{}", r.id);
        }
    }

    #[test]
    fn rule_ids_and_names_are_unique_and_ordered() {
        let ids: Vec<RuleId> = RULES.iter().map(|r| r.id).collect();
        assert_eq!(ids, RuleId::ALL, "the registry has every rule id once, in order");
        let codes: Vec<&str> = ids.iter().map(|r| r.as_str()).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted, "ids unique and in order in the registry");
        let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), RULES.len(), "names unique");
    }
}

//! The ordered table of every rule. A rule id is never reused; a new rule is added here and
//! in its own file, and nowhere else.

use super::RuleDef;
use super::{
    doc001_description_missing, doc002_no_source_system, doc003_no_known_limitations, exp001_exposure_without_owner,
    exp002_exposure_incomplete, exp003_exposure_lineage_broken, tst001_primary_key_untested, tst002_no_generic_tests,
    tst003_age_without_range_test, tst004_diagnosis_code_unvalidated, tst005_date_pair_unordered,
    tst006_clinical_value_without_range_test, tst007_test_failed,
};

/// Every rule, ordered by id.
pub static RULES: &[&RuleDef] = &[
    &doc001_description_missing::RULE,
    &doc002_no_source_system::RULE,
    &doc003_no_known_limitations::RULE,
    &exp001_exposure_without_owner::RULE,
    &exp002_exposure_incomplete::RULE,
    &exp003_exposure_lineage_broken::RULE,
    &tst001_primary_key_untested::RULE,
    &tst002_no_generic_tests::RULE,
    &tst003_age_without_range_test::RULE,
    &tst004_diagnosis_code_unvalidated::RULE,
    &tst005_date_pair_unordered::RULE,
    &tst006_clinical_value_without_range_test::RULE,
    &tst007_test_failed::RULE,
];

/// The rule with this id (`PHI003`, any case) or name (`undeclared-detected-phi`).
pub fn rule(id_or_name: &str) -> Option<&'static RuleDef> {
    RULES.iter().copied().find(|r| r.id.eq_ignore_ascii_case(id_or_name) || r.name == id_or_name)
}

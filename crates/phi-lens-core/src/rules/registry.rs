//! The ordered table of every rule. A rule id is never reused; a new rule is added here and
//! in its own file, and nowhere else.

use super::RuleDef;
use super::{
    acc001_phi_without_row_access_policy, acc002_phi_granted_to_broad_role, doc001_description_missing,
    doc002_no_source_system, doc003_no_known_limitations, doc004_phi_column_undescribed, exp001_exposure_without_owner,
    exp002_exposure_incomplete, exp003_exposure_lineage_broken, exp004_exposure_feeder_below_bar,
    phi001_sensitivity_undocumented, phi002_column_sensitivity_undocumented, phi003_undeclared_detected_phi,
    phi004_undeclared_inherited_phi, phi005_phi_without_category, phi006_phi_outside_phi_schema,
    phi007_phi_without_tag, phi008_phi_in_dev_unmasked, phi009_deidentified_carries_identifier,
    phi010_phi_reaches_exposure_undeclared, phi011_deidentified_without_method, tst001_primary_key_untested,
    tst002_no_generic_tests, tst003_age_without_range_test, tst004_diagnosis_code_unvalidated,
    tst005_date_pair_unordered, tst006_clinical_value_without_range_test, tst007_test_failed, tst008_source_not_fresh,
};

/// Every rule, ordered by id.
pub static RULES: &[&RuleDef] = &[
    &acc001_phi_without_row_access_policy::RULE,
    &acc002_phi_granted_to_broad_role::RULE,
    &doc001_description_missing::RULE,
    &doc002_no_source_system::RULE,
    &doc003_no_known_limitations::RULE,
    &doc004_phi_column_undescribed::RULE,
    &exp001_exposure_without_owner::RULE,
    &exp002_exposure_incomplete::RULE,
    &exp003_exposure_lineage_broken::RULE,
    &exp004_exposure_feeder_below_bar::RULE,
    &phi001_sensitivity_undocumented::RULE,
    &phi002_column_sensitivity_undocumented::RULE,
    &phi003_undeclared_detected_phi::RULE,
    &phi004_undeclared_inherited_phi::RULE,
    &phi005_phi_without_category::RULE,
    &phi006_phi_outside_phi_schema::RULE,
    &phi007_phi_without_tag::RULE,
    &phi008_phi_in_dev_unmasked::RULE,
    &phi009_deidentified_carries_identifier::RULE,
    &phi010_phi_reaches_exposure_undeclared::RULE,
    &phi011_deidentified_without_method::RULE,
    &tst001_primary_key_untested::RULE,
    &tst002_no_generic_tests::RULE,
    &tst003_age_without_range_test::RULE,
    &tst004_diagnosis_code_unvalidated::RULE,
    &tst005_date_pair_unordered::RULE,
    &tst006_clinical_value_without_range_test::RULE,
    &tst007_test_failed::RULE,
    &tst008_source_not_fresh::RULE,
];

/// The rule with this id (`PHI003`, any case) or name (`undeclared-detected-phi`).
pub fn rule(id_or_name: &str) -> Option<&'static RuleDef> {
    RULES.iter().copied().find(|r| r.id.as_str().eq_ignore_ascii_case(id_or_name) || r.name == id_or_name)
}

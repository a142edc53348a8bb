//! A small synthetic project for the report renderers' snapshot tests: a PHI source, a declared
//! PHI staging model with a waiver, an undeclared mart holding an SSN, an aggregate, a failing
//! test, an exposure reached by PHI and a waiver without a reason. `hostile()` is the same
//! shape with XSS payloads in every name, description and meta value.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)] // Test support.

use phi_lens_core::report::{self, Report};
use phi_lens_core::Policy;
use phi_lens_core::{analyse, load_project, Analysis, ArtifactKind, ArtifactSet, Input, Loaded};

pub const MANIFEST: &str = r#"{
  "metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json", "dbt_version": "1.9.4",
               "generated_at": "2026-01-02T03:04:05.000000Z", "invocation_id": "00000000-1111-2222-3333-444444444444",
               "project_name": "tiny", "adapter_type": "snowflake"},
  "nodes": {
    "model.tiny.stg_patients": {"resource_type": "model", "name": "stg_patients", "package_name": "tiny",
      "original_file_path": "models/staging/stg_patients.sql", "schema": "phi", "database": "analytics",
      "description": "One row per patient. Source system: Epic. Known limitations: merged MRNs keep the survivor only.",
      "tags": ["phi"], "meta": {"phi": true, "row_access_policy": "care_team",
        "phi_lens": {"waive": [{"rule": "DOC001"}]}},
      "config": {"materialized": "view"},
      "depends_on": {"nodes": ["source.tiny.ehr.patients"]},
      "columns": {
        "patient_id": {"name": "patient_id", "description": "Epic PAT_ID; primary key.", "meta": {"phi_category": "other_unique_identifier"}},
        "mrn": {"name": "mrn", "description": "Medical record number.", "meta": {"phi_category": "mrn"}},
        "birth_date": {"name": "birth_date", "description": "Date of birth.", "meta": {"phi_category": "dates"}}
      }},
    "model.tiny.dim_members": {"resource_type": "model", "name": "dim_members", "package_name": "tiny",
      "original_file_path": "models/marts/dim_members.sql", "schema": "marts", "database": "analytics",
      "description": "", "config": {"materialized": "table"},
      "depends_on": {"nodes": ["model.tiny.stg_patients"]},
      "columns": {
        "member_id": {"name": "member_id", "description": "Member key."},
        "subscriber_ssn": {"name": "subscriber_ssn", "description": "", "data_type": "varchar"},
        "=HYPERLINK(\"http://evil.example\")": {"name": "=HYPERLINK(\"http://evil.example\")", "description": "A column a spreadsheet would evaluate."}
      }},
    "model.tiny.agg_visits_by_month": {"resource_type": "model", "name": "agg_visits_by_month", "package_name": "tiny",
      "original_file_path": "models/marts/agg_visits_by_month.sql", "schema": "marts",
      "description": "Visits per month across all clinics. Source system: Epic. Known limitations: none.",
      "meta": {"phi": false, "phi_lens": {"waive": [{"rule": "TST002", "reason": "Tested upstream in the EHR feed."}]}},
      "config": {"materialized": "table"},
      "depends_on": {"nodes": ["model.tiny.stg_patients"]},
      "columns": {"visit_month": {"name": "visit_month", "description": "Month.", "meta": {"phi": false}},
                  "visit_count": {"name": "visit_count", "description": "Visits.", "meta": {"phi": false}}}},
    "test.tiny.unique_stg_patients_patient_id": {"resource_type": "test", "name": "unique_stg_patients_patient_id",
      "package_name": "tiny", "attached_node": "model.tiny.stg_patients", "column_name": "patient_id",
      "test_metadata": {"name": "unique", "kwargs": {"column_name": "patient_id"}},
      "depends_on": {"nodes": ["model.tiny.stg_patients"]}},
    "test.tiny.not_null_stg_patients_patient_id": {"resource_type": "test", "name": "not_null_stg_patients_patient_id",
      "package_name": "tiny", "attached_node": "model.tiny.stg_patients", "column_name": "patient_id",
      "test_metadata": {"name": "not_null", "kwargs": {"column_name": "patient_id"}},
      "depends_on": {"nodes": ["model.tiny.stg_patients"]}},
    "test.tiny.unique_dim_members_member_id": {"resource_type": "test", "name": "unique_dim_members_member_id",
      "package_name": "tiny", "attached_node": "model.tiny.dim_members", "column_name": "member_id",
      "test_metadata": {"name": "unique", "kwargs": {"column_name": "member_id"}},
      "depends_on": {"nodes": ["model.tiny.dim_members"]}}
  },
  "sources": {
    "source.tiny.ehr.patients": {"resource_type": "source", "name": "patients", "source_name": "ehr", "package_name": "tiny",
      "original_file_path": "models/staging/_sources.yml", "schema": "raw_ehr", "database": "raw",
      "description": "Raw patient registry. Source system: Epic Clarity.", "tags": ["phi"], "meta": {"phi": true},
      "columns": {"mrn": {"name": "mrn", "description": "MRN.", "meta": {"phi_category": "mrn"}},
                  "full_name": {"name": "full_name", "description": "Name.", "meta": {"phi_category": "names"}}}}
  },
  "exposures": {
    "exposure.tiny.member_outreach": {"resource_type": "exposure", "name": "member_outreach", "label": "Member outreach list",
      "package_name": "tiny", "original_file_path": "models/marts/_exposures.yml", "type": "application",
      "maturity": "medium", "description": "Call list for care managers.", "owner": {"name": "Care management"},
      "url": "https://bi.example.org/outreach", "depends_on": {"nodes": ["model.tiny.dim_members"]}}
  }
}"#;

pub const RUN_RESULTS: &str = r#"{
  "metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/run-results/v6.json", "dbt_version": "1.9.4",
               "generated_at": "2026-01-02T03:05:00.000000Z", "invocation_id": "00000000-1111-2222-3333-555555555555"},
  "results": [
    {"unique_id": "test.tiny.unique_stg_patients_patient_id", "status": "pass", "failures": 0},
    {"unique_id": "test.tiny.not_null_stg_patients_patient_id", "status": "pass", "failures": 0},
    {"unique_id": "test.tiny.unique_dim_members_member_id", "status": "fail", "failures": 3}
  ]
}"#;

/// The fixture's artifact set.
pub fn set_of(manifest: &str) -> ArtifactSet {
    let mut set = ArtifactSet::default();
    set.insert(ArtifactKind::Manifest, Input::new("target/manifest.json", manifest.as_bytes().to_vec()));
    set.insert(ArtifactKind::RunResults, Input::new("target/run_results.json", RUN_RESULTS.as_bytes().to_vec()));
    set
}

/// Everything a renderer needs.
pub struct Fixture {
    pub set: ArtifactSet,
    pub loaded: Loaded,
    pub analysis: Analysis,
    pub report: Report,
}

pub fn load(manifest: &str, policy: &Policy) -> Fixture {
    let set = set_of(manifest);
    let loaded = load_project(&set).expect("the fixture loads");
    let analysis = analyse(&loaded.project, policy);
    let warnings = phi_lens_core::load_warnings(&set, &loaded);
    let report = report::build(&loaded.project, &analysis, report::fingerprints(&set, &loaded.project), &warnings);
    Fixture { set, loaded, analysis, report }
}

/// The synthetic project under the default policy.
pub fn tiny() -> Fixture {
    load(MANIFEST, &Policy::default())
}

/// XSS payloads.
pub const SCRIPT: &str = "<script>alert(1)</script>";
pub const IMG: &str = "<img src=x onerror=alert(1)>";
pub const JS_URL: &str = "javascript:alert(1)";
pub const QUOTE_BREAK: &str = "\" onmouseover=\"alert(1)";

/// The fixture with XSS payloads in the project name, versions, node and column names,
/// descriptions, meta, waiver reasons, exposure names, owners and URLs.
pub fn hostile_manifest() -> String {
    let payload = |s: &str| serde_json::to_string(s).unwrap();
    let mut m = MANIFEST.to_string();
    let swaps = [
        ("\"project_name\": \"tiny\"", format!("\"project_name\": {}", payload(&format!("tiny{SCRIPT}")))),
        ("\"dbt_version\": \"1.9.4\"", format!("\"dbt_version\": {}", payload(IMG))),
        ("\"adapter_type\": \"snowflake\"", format!("\"adapter_type\": {}", payload(QUOTE_BREAK))),
        (
            "\"invocation_id\": \"00000000-1111-2222-3333-444444444444\"",
            format!("\"invocation_id\": {}", payload(&format!("<a href='{JS_URL}'>x</a>"))),
        ),
        ("model.tiny.dim_members", format!("model.tiny.dim_members{SCRIPT}").replace('"', "'")),
        ("\"name\": \"subscriber_ssn\"", format!("\"name\": {}", payload(&format!("subscriber_ssn{IMG}")))),
        ("\"subscriber_ssn\": {", format!("{}: {{", payload(&format!("subscriber_ssn{IMG}")))),
        ("\"Tested upstream in the EHR feed.\"", payload(&format!("Tested upstream {SCRIPT}{IMG}"))),
        ("\"label\": \"Member outreach list\"", format!("\"label\": {}", payload(&format!("Outreach {IMG}")))),
        ("\"owner\": {\"name\": \"Care management\"}", format!("\"owner\": {{\"name\": {}}}", payload(JS_URL))),
        ("\"https://bi.example.org/outreach\"", payload(JS_URL)),
        ("\"Member key.\"", payload(&format!("Member key {SCRIPT} {QUOTE_BREAK}"))),
        ("\"phi_category\": \"names\"", format!("\"phi_category\": {}", payload(&format!("names{IMG}")))),
        ("\"description\": \"\"", format!("\"description\": {}", payload(&format!("<style>body{{}}</style>{SCRIPT}")))),
    ];
    for (from, to) in swaps {
        assert!(m.contains(from), "the fixture has `{from}`");
        m = m.replace(from, &to);
    }
    m
}

/// The hostile fixture, under a policy that also carries a payload (a PHI tag).
pub fn hostile() -> Fixture {
    let policy = Policy::from_toml(&format!("[declared]\nphi_tags = [\"phi\", {:?}]\n", SCRIPT)).unwrap();
    load(&hostile_manifest(), &policy)
}

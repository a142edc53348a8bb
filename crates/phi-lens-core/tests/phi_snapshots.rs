//! PHI inventory of the clinic demo (its planted gaps found, its compliant parts left alone)
//! and of one real corpus project, as insta JSON snapshots.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly on broken fixtures.

use std::path::{Path, PathBuf};

use phi_lens_core::phi::{phi_report, FoundBy, PhiFact, PhiReport, SafeHarbor, Status};
use phi_lens_core::Policy;
use phi_lens_core::{load_project, ArtifactKind, ArtifactSet, Input};

fn load_dir(dir: &Path) -> Option<phi_lens_core::Loaded> {
    let mut set = ArtifactSet::default();
    for kind in [ArtifactKind::Manifest, ArtifactKind::Catalog, ArtifactKind::RunResults, ArtifactKind::Sources] {
        let plain = dir.join(kind.file_name());
        let gz = dir.join(format!("{}.gz", kind.file_name()));
        if let Some(file) = [plain, gz].into_iter().find(|p| p.is_file()) {
            set.insert(kind, Input::new(file.display().to_string(), std::fs::read(&file).unwrap()));
        }
    }
    set.get(ArtifactKind::Manifest)?;
    Some(load_project(&set).expect("artifacts load"))
}

fn demo() -> PhiReport {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/clinic/target");
    let loaded = load_dir(&dir).expect("the clinic demo's target/ artifacts are committed");
    phi_report(&loaded.project, &Policy::default())
}

fn column<'r>(r: &'r PhiReport, uid: &str, col: &str) -> &'r phi_lens_core::phi::ColumnPhi {
    let node = r.nodes.iter().find(|n| n.unique_id == uid).unwrap_or_else(|| panic!("{uid}"));
    node.columns.iter().find(|c| c.name == col).unwrap_or_else(|| panic!("{uid}.{col}"))
}

fn has(r: &PhiReport, f: impl Fn(&PhiFact) -> bool) -> bool {
    r.facts.iter().any(f)
}

#[test]
fn demo_planted_phi_gaps_are_found() {
    let r = demo();
    // G01: SSN column whose declaration staging dropped.
    assert!(has(
        &r,
        |f| matches!(f, PhiFact::UndeclaredPhi { unique_id, column: Some(c), category: Some(SafeHarbor::G), found_by: FoundBy::Detected, .. }
        if unique_id == "model.clinic.stg_claims__members" && c == "subscriber_ssn")
    ));
    // G02: MRN in a model declared not PHI, outside the PHI schema.
    assert!(has(
        &r,
        |f| matches!(f, PhiFact::UndeclaredPhi { unique_id, column: Some(c), category: Some(SafeHarbor::H), .. }
        if unique_id == "model.clinic.int_encounter_diagnoses" && c == "patient_mrn")
    ));
    assert!(has(
        &r,
        |f| matches!(f, PhiFact::PhiOutsidePhiSchema { unique_id, .. } if unique_id == "model.clinic.int_encounter_diagnoses")
    ));
    // G04: PHI in a dev schema with no masking.
    assert!(has(
        &r,
        |f| matches!(f, PhiFact::PhiInDevSchema { unique_id, .. } if unique_id == "model.clinic.scratch_patient_lookup")
    ));
    // G06: de-identified mart that still selects the date of birth.
    assert!(has(
        &r,
        |f| matches!(f, PhiFact::DeidentifiedCarriesIdentifier { unique_id, column, category: Some(SafeHarbor::C), .. }
        if unique_id == "model.clinic.mart_population_health" && column == "birth_date")
    ));
    // G09: PHI model with no sensitivity meta.
    assert!(has(
        &r,
        |f| matches!(f, PhiFact::UndeclaredPhi { unique_id, column: None, .. } if unique_id == "model.clinic.int_medication_adherence")
    ));
    assert!(has(
        &r,
        |f| matches!(f, PhiFact::PhiOutsidePhiSchema { unique_id, .. } if unique_id == "model.clinic.int_medication_adherence")
    ));
    // G12: warehouse-only phone column.
    let phone = column(&r, "model.clinic.fct_encounters", "patient_phone");
    assert_eq!((phone.status, phone.category), (Status::Detected, Some(SafeHarbor::D)));
    // G13: declared PHI without a category.
    assert!(has(&r, |f| matches!(f, PhiFact::DeclaredWithoutCategory { unique_id, column, .. }
        if unique_id == "model.clinic.dim_members" && column == "member_email")));
    // G15: de-identified without a method.
    assert!(has(
        &r,
        |f| matches!(f, PhiFact::DeidentifiedWithoutMethod { unique_id } if unique_id == "model.clinic.mart_readmission_benchmarks")
    ));
}

#[test]
fn demo_compliant_parts_are_not_flagged() {
    let r = demo();
    let flagged = |uid: &str| {
        r.facts.iter().any(|f| f.unique_id() == uid && !matches!(f, PhiFact::UndeclaredPhi { column: Some(_), .. }))
    };
    for uid in [
        "model.clinic.dim_patients",
        "model.clinic.dim_providers",
        "model.clinic.mart_quality_measures",
        "model.clinic.mart_lab_utilization",
        "model.clinic.mart_payer_extract",
        "model.clinic.stg_claims__claims",
        "exposure.clinic.cmo_quality_dashboard",
    ] {
        assert!(
            !flagged(uid),
            "{uid} must not be flagged: {:?}",
            r.facts.iter().filter(|f| f.unique_id() == uid).collect::<Vec<_>>()
        );
    }
    assert_eq!(column(&r, "model.clinic.dim_patients", "zip3").status, Status::None);
    for c in ["provider_name", "npi", "practice_address"] {
        assert_eq!(column(&r, "model.clinic.dim_providers", c).status, Status::None, "{c}");
    }
    assert_eq!(column(&r, "model.clinic.fct_procedures", "procedure_name").status, Status::None);
    let claims = r.nodes.iter().find(|n| n.unique_id == "model.clinic.stg_claims__claims").unwrap();
    assert_eq!(claims.status, Status::Declared);
    assert_eq!(
        r.nodes.iter().find(|n| n.unique_id == "model.clinic.mart_quality_measures").unwrap().status,
        Status::Deidentified
    );
    let cmo = r.exposures.iter().find(|e| e.unique_id == "exposure.clinic.cmo_quality_dashboard").unwrap();
    assert!(!cmo.reached, "{:?}", cmo.path);
}

#[test]
fn demo_inventory_snapshot() {
    let r = demo();
    insta::assert_json_snapshot!("clinic_phi_inventory", r.inventory());
}

#[test]
fn corpus_inventory_snapshot() {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/bennettpotluri_medical_analytics-1.9.0");
    let Some(loaded) = load_dir(&dir) else {
        eprintln!("\n!!!!! SKIPPED: corpus set absent at {} — corpus PHI snapshot did not run !!!!!\n", dir.display());
        return;
    };
    let r = phi_report(&loaded.project, &Policy::default());
    insta::assert_json_snapshot!("bennettpotluri_phi_inventory", r.inventory());
}

/// Whether a corpus project reads as one about patients: the healthcare sets do, the crypto,
/// retail and analytics sets do not — a single short abbreviation (spellbook's `pid`, a pool
/// id) must not turn 41,074 columns of blockchain data into a patient project.
#[test]
fn corpus_projects_are_clinical_only_when_they_hold_patient_data() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    if !corpus.is_dir() {
        eprintln!(
            "\n!!!!! SKIPPED: corpus absent at {} — clinical-project check did not run !!!!!\n",
            corpus.display()
        );
        return;
    }
    let sets = [
        ("spellbook_hourly_spellbook-1.12.0", false),
        ("flipsidecrypto_algorand-models-1.2.0", false),
        ("metricsdao_harmony_dbt-1.0.0", false),
        ("dbt-labs_jaffle-shop-1.12.0", false),
        ("tuva-health_tuva-1.12.0", true),
        ("saywurdson_synthea_dw-1.7.8", true),
        ("bennettpotluri_medical_analytics-1.9.0", true),
    ];
    for (set, clinical) in sets {
        let loaded = load_dir(&corpus.join(set)).unwrap_or_else(|| panic!("{set}: no manifest"));
        assert_eq!(phi_lens_core::phi::is_clinical(&loaded.project), clinical, "{set}");
    }
}

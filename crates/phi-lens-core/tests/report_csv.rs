//! `report::csv`: findings.csv and phi_inventory.csv over the synthetic fixture, as insta
//! snapshots; formula-looking fields are defused and quoting round-trips.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

mod report_fixture;

use phi_lens_core::report::csv;

#[test]
fn findings_csv_snapshot() {
    let f = report_fixture::tiny();
    let out = csv::findings(&f.report);
    assert!(out.starts_with(
        "rule,rule_name,family,severity,unique_id,column,message,fix,waived_reason,waiver_approved_by,waiver_expires\n"
    ));
    insta::assert_snapshot!(out);
}

#[test]
fn phi_inventory_csv_snapshot() {
    let f = report_fixture::tiny();
    let out = csv::phi_inventory(&f.analysis.phi.rows());
    assert!(out.starts_with("unique_id,column,status,category,category_name,confidence,evidence\n"));
    insta::assert_snapshot!(out);
}

#[test]
fn formulas_are_defused_and_every_row_parses_back() {
    let f = report_fixture::tiny();
    for (text, width) in [(csv::findings(&f.report), 11), (csv::phi_inventory(&f.analysis.phi.rows()), 7)] {
        assert!(!text.contains(",=HYPERLINK") && !text.contains("\"=HYPERLINK"), "{text}");
        let mut reader = ::csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let mut rows = 0;
        for record in reader.records() {
            let record = record.unwrap();
            assert_eq!(record.len(), width);
            for field in record.iter() {
                assert!(!field.starts_with(['=', '+', '-', '@']), "{field}");
            }
            rows += 1;
        }
        assert!(rows > 0);
    }
    let inventory = csv::phi_inventory(&f.analysis.phi.rows());
    assert!(inventory.contains(r#"model.tiny.dim_members,"'=HYPERLINK(""http://evil.example"")",none"#), "{inventory}");
    assert_eq!(csv::defuse_formula("-1+2"), "'-1+2");
    assert_eq!(csv::defuse_formula("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(csv::defuse_formula("\tx"), "'\tx");
    assert_eq!(csv::defuse_formula("model.a"), "model.a");
}

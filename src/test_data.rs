//! Small artifacts and helpers shared by the app's tests.

/// A one-model manifest of a project named `clinic`.
pub(crate) const SMALL_MANIFEST: &[u8] = br#"{"metadata": {
    "dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json",
    "dbt_version": "1.9.0", "project_name": "clinic"},
  "nodes": {"model.clinic.patients": {"resource_type": "model", "name": "patients",
    "package_name": "clinic", "columns": {"mrn": {"name": "mrn", "description": "Medical record number"}}}}}"#;

/// The value, or a test failure showing the error.
pub(crate) fn ok<T, E: std::fmt::Display>(result: Result<T, E>) -> T {
    match result {
        Ok(value) => value,
        Err(e) => panic!("unexpected error: {e}"),
    }
}

/// The embedded demo project's view-model (examples/clinic).
pub(crate) fn demo_view() -> crate::project_view::ProjectView {
    let set = crate::loading::demo::artifact_set().unwrap_or_else(|| panic!("the app was built without the demo"));
    ok(crate::project_view::build_project_view(&set, crate::project_view::Source::Demo, vec![]))
}

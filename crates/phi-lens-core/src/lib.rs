//! phi-lens core: reads a dbt project's artifacts and answers, for an auditor, where PHI lives
//! and how well the project governs it.
//!
//! Pure library: no I/O, no web dependencies; it compiles for native targets and wasm32.
//! Data flows one way: bytes ([`input`]) → typed artifacts (`artifacts`) → one normalised
//! [`model::Project`] ([`load_project`]) → lineage → summary.
//!
//! ```
//! use phi_lens_core::{load_project, ArtifactKind, ArtifactSet, Input, Summary};
//!
//! let manifest = br#"{"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json",
//!                     "project_name": "clinic"},
//!                     "nodes": {"model.clinic.patients": {"resource_type": "model", "name": "patients",
//!                               "package_name": "clinic", "columns": {"mrn": {"name": "mrn"}}}}}"#;
//! let mut set = ArtifactSet::default();
//! set.insert(ArtifactKind::Manifest, Input::new("manifest.json", manifest.to_vec()));
//! let loaded = load_project(&set).expect("a valid manifest");
//! let summary = Summary::new(&loaded.project, &loaded.warnings);
//! assert_eq!(summary.counts["model"], 1);
//! assert_eq!(summary.columns.documented, 1);
//! ```

pub mod analysis;
mod artifacts;
pub mod columns;
pub mod diff;
mod error;
pub mod findings;
mod hashing;
mod input;
mod join;
mod lineage;
mod load;
pub mod model;
mod names;
pub mod phi;
pub mod policy;
mod provenance;
pub mod report;
pub mod root_causes;
pub mod rules;
pub mod score;
pub mod select;
pub mod sql;
mod summary;
pub mod views;

pub use analysis::{analyse, analyse_with, analyse_with_columns, Analysis, Coverage, Ratio};
pub use artifacts::{Meta, MetaValue};
pub use error::{Error, ErrorKind, Location};
pub use input::{ArtifactKind, ArtifactSet, Input};
#[cfg(not(target_arch = "wasm32"))]
pub use join::Threads;
pub use join::{Join, Sequential};
pub use lineage::Lineage;
pub use load::{load_project, load_project_with, load_steps, LoadSteps, Loaded, Warning};
pub use policy::{Policy, PolicyError};
pub use provenance::{load_warnings, provenance_warnings, reported_warnings};
pub use summary::{schema_versions, ColumnCounts, Summary, COUNTED_TYPES};

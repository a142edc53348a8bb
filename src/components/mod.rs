//! The pieces of the page. Each renders what it is given; none loads or computes anything.

mod file_picker;
mod landing;
pub mod lineage_graph;
mod load_error;
mod progress;
mod project_summary;

pub(crate) use file_picker::FilePicker;
pub(crate) use landing::Landing;
pub(crate) use load_error::LoadError;
pub(crate) use progress::{ParsingStatus, Progress, ReadingStatus};
pub(crate) use project_summary::ProjectSummary;

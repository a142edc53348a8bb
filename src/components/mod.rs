//! The pieces of the page shared by the views. Each renders what it is given; none loads or
//! computes anything.

pub(crate) mod compare;
mod export;
mod file_picker;
mod filter_select;
mod finding_item;
mod landing;
pub mod lineage_graph;
mod load_error;
mod markdown;
mod phi_badge;
mod progress;
mod project_summary;
mod resource_link;

pub(crate) use export::{download, ExportEvidence};
pub(crate) use file_picker::FilePicker;
pub(crate) use filter_select::FilterSelect;
pub(crate) use finding_item::{FindingItem, FindingSubject};
pub(crate) use landing::Landing;
pub(crate) use load_error::LoadError;
pub(crate) use markdown::{Markdown, Message};
pub(crate) use phi_badge::{PhiBadge, ScoreBadge, SeverityBadge};
pub(crate) use progress::{AnalysingStatus, ParsingStatus, Progress, ReadingStatus};
pub(crate) use project_summary::ProjectSummary;
pub(crate) use resource_link::{ResourceLink, ResourceList};

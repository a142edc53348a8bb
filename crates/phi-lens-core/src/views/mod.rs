//! View-models: what the app draws, computed natively and tested without a browser.

pub mod column_paths;
pub mod diff;
pub mod first_screen;
pub mod lineage;

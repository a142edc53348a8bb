//! The phi-lens web app: reads a dbt project's artifacts in the browser and shows what
//! `phi-lens-core` makes of them. No backend: the artifacts, and the PHI metadata in them,
//! never leave the page, and every request stays on the page's own origin.
//!
//! Code map:
//! - [`app`]: the root component; it owns the state and starts every load.
//! - [`state`]: the app state and its reducer ([`state::Action`]); plain Rust, tested natively.
//! - [`compare`]: "compare with": a base build loaded beside the shown one (`?base=`, or
//!   files chosen as the base) and the core's diff of the two; plain Rust, tested natively.
//! - [`loading`]: where artifacts come from: the `?artifacts=` URL contract ([`loading::plan`]),
//!   same-origin downloads with progress, dropped or picked files, and the embedded demo.
//! - [`policy`]: the policy in force (`phi-lens.toml` beside the artifacts, dropped, or edited
//!   in the page at `#/policy`) and where it came from; plain Rust, tested natively.
//! - [`route`]: the hash routes (`#/`, `#/nodes?…`, `#/node/<id>`, `#/findings?…`,
//!   `#/exposure/<id>`, `#/lineage/<id>`, `#/policy`, `#/diff`), parsed and written as plain Rust.
//! - [`uri_component`]: an id or a filter value percent-encoded and decoded, the one way the
//!   app's routes and the overlay (which reads dbt docs' routes) both do it.
//! - [`project_view`]: the loaded project as the pages read it ([`project_view::ProjectView`]:
//!   summary, analysis under the policy in force, lookups); computed by the core, no yew.
//! - `format`: byte sizes, counts and percentages as people read them.
//! - `pages`: one module per view; each has a `model` submodule (plain Rust, tested natively)
//!   with what it lists, counts or groups, so no compliance logic sits in `html!`.
//! - `components`: the pieces shared by the views (badges, markdown and its sanitiser, links,
//!   a finding, a list's filter, file picker, progress, error, summary, landing, the evidence
//!   export).

pub mod app;
pub mod compare;
mod components;
mod format;
pub mod loading;
mod pages;
pub mod policy;
pub mod project_view;
pub mod route;
pub mod state;
pub mod uri_component;

/// Mounts the app on the document body (called by `main` in the browser).
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}

#[cfg(test)]
mod test_data;

#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

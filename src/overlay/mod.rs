//! The phi-lens overlay for a hosted dbt docs site: PHI badges and compliance scores drawn onto
//! dbt docs' own pages, computed in the browser by the same core as the app, from the artifacts
//! dbt docs loaded (fetched from the docs folder, or read from `static_index.html`'s script).
//!
//! Code map:
//! - [`route`]: dbt docs' hash routes and the app's address for the same thing;
//! - [`inline`]: where `dbt docs generate --static` puts the manifest and catalog;
//! - [`model`]: what each page shows, from the core's analysis (plain Rust, tested natively);
//! - `dom`: draws it into dbt docs' DOM, idempotently, whenever dbt docs re-renders;
//! - `boot.js` (copied beside the wasm by `scripts/build-overlay`): loads the wasm, and shows an
//!   error chip if even that fails.
//!
//! **Invariant:** the overlay never breaks dbt docs. It starts its heavy work only once dbt docs
//! has drawn a page, touches only elements it added (class `phi-lens-added`) plus one badge
//! beside each column name, and any failure (a load error, a panic) ends in a small error chip.
//! Every request is same-origin.

// Natively only the pure parts are built (and tested); the DOM side that uses them is wasm-only.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

#[cfg(target_arch = "wasm32")]
mod dom;
pub mod inline;
pub mod model;
pub mod route;

/// Starts the overlay (called by the binary's `main`, which wasm-bindgen runs on load).
#[cfg(target_arch = "wasm32")]
pub fn start() {
    dom::start();
}

/// The overlay runs in a browser only.
#[cfg(not(target_arch = "wasm32"))]
pub fn start() {
    eprintln!("phi-lens-overlay runs in a browser: build it with scripts/build-overlay and install it with `phi-lens overlay install`");
}

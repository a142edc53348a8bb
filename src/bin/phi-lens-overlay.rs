//! Entry point of the phi-lens overlay for dbt docs (built by `scripts/build-overlay`).

#[path = "../overlay/mod.rs"]
mod overlay;

fn main() {
    overlay::start();
}

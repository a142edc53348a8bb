#!/usr/bin/env bash
# Builds the overlay (scripts/build-overlay) and the CLI (release), then times dbt docs' model
# page with and without the overlay on the spellbook manifest.
#   bash benches/overlay/run.sh [RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
bash scripts/build-overlay
cargo build --release -q -p phi-lens-cli
exec node benches/overlay/run.mjs "$@"

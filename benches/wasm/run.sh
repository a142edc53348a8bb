#!/usr/bin/env bash
# Builds the wasm bench crate (release, wasm32) and runs it in headless Chromium.
#   bash benches/wasm/run.sh [MANIFEST] [RUNS]
# Needs: the wasm32 target, wasm-bindgen-cli 0.2.130, /usr/bin/chromium, playwright-core in
# the repo's node_modules (all from `bash scripts/setup`).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="$here/target"
want=0.2.130
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" || true
[ "$have" = "$want" ] || { echo "[bench] wasm-bindgen $want needed (found '${have:-none}'): run 'bash scripts/setup'" >&2; exit 1; }
cargo build --release --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir target/pkg target/wasm32-unknown-unknown/release/phi_lens_wasm_bench.wasm
exec node run.mjs "$@"

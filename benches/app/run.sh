#!/usr/bin/env bash
# Browser benchmark: phi-lens's app vs dbt docs on the spellbook and tuva manifests, side by
# side in headless Chromium (see README.md).
#   bash benches/app/run.sh [--runs N] [--only spellbook|tuva] [--verbose]
# Builds the app (trunk build --release) into benches/app/target/dist, unless PHI_LENS_DIST
# names a built app; fetches dbt docs' index.html from the dbt-core 1.12.6 wheel into
# ~/.cache/phi-lens/dbt-core-wheel (never into the repository).
# Needs what `bash scripts/setup` installs: trunk, wasm-bindgen, wasm-opt (node_modules),
# /usr/bin/chromium, playwright-core.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export PATH="$repo/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

wheel_dir="$HOME/.cache/phi-lens/dbt-core-wheel"
docs="$wheel_dir/dbt/task/docs/index.html"
if [ ! -f "$docs" ]; then
    mkdir -p "$wheel_dir"
    ls "$wheel_dir"/dbt_core-1.12.6-*.whl >/dev/null 2>&1 ||
        python3 -m pip download --no-deps "dbt-core==1.12.6" -d "$wheel_dir" >&2
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("dbt/task/docs/index.html", sys.argv[2])' \
        "$(ls "$wheel_dir"/dbt_core-1.12.6-*.whl | head -1)" "$wheel_dir"
fi
[ -f "$docs" ] || { echo "[bench] could not extract dbt/task/docs/index.html from the dbt-core 1.12.6 wheel" >&2; exit 2; }

if [ -z "${PHI_LENS_DIST:-}" ]; then
    echo "[bench] trunk build --release --dist benches/app/target/dist" >&2
    (cd "$repo" && trunk build --release --dist "$here/target/dist" >&2)
    export PHI_LENS_DIST="$here/target/dist"
fi
export DBT_DOCS_INDEX="$docs"
exec node "$here/run.mjs" "$@"

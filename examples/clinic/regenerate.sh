#!/usr/bin/env bash
# Regenerate the committed dbt artifacts of the clinic demo project:
#   target/manifest.json, target/catalog.json, target/run_results.json, target/sources.json
#
# Usage (from anywhere):  bash examples/clinic/regenerate.sh
#
# Needs python3 (3.9+) and PyPI. Creates a venv with dbt-core + dbt-duckdb outside
# the repo (override with CLINIC_DBT_VENV), rebuilds the synthetic seeds, then runs
# dbt seed, dbt build (some tests fail on purpose, see GAPS.md), dbt source
# freshness and dbt docs generate against a local DuckDB file (git-ignored).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="${CLINIC_DBT_VENV:-$HOME/.cache/phi-lens/dbt-venv}"
DBT_CORE_VERSION="1.12.0"
DBT_DUCKDB_VERSION="1.11.1"

export DBT_SEND_ANONYMOUS_USAGE_STATS=false
export DO_NOT_TRACK=1
export DBT_PROFILES_DIR="$HERE"
export DBT_PROJECT_DIR="$HERE"
export CLINIC_DUCKDB_PATH="$HERE/clinic.duckdb"

# --- 1. dbt in a venv (skipped when the pinned versions are already there) ----------
if ! "$VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(0 if m.version('dbt-core') == '$DBT_CORE_VERSION' and m.version('dbt-duckdb') == '$DBT_DUCKDB_VERSION' else 1)" 2>/dev/null; then
    echo "== creating dbt venv in $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --upgrade pip
    # the experimental parser has no sdist that builds here: take its wheel only
    "$VENV/bin/pip" install --quiet --only-binary dbt-core-experimental-parser \
        "dbt-core==$DBT_CORE_VERSION" "dbt-duckdb==$DBT_DUCKDB_VERSION"
fi
DBT="$VENV/bin/dbt"
PY="$VENV/bin/python"

cd "$HERE"

# --- 2. synthetic seeds (deterministic: rewriting them changes nothing) -------------
"$PY" scripts/make_seeds.py

# --- 3. fresh warehouse and target --------------------------------------------------
rm -rf target logs "$CLINIC_DUCKDB_PATH" "$CLINIC_DUCKDB_PATH.wal"
mkdir -p target
KEEP="$(mktemp -d)"
trap 'rm -rf "$KEEP"' EXIT

"$DBT" seed

# --- 4. build: exits 1 because tests fail on purpose; anything else is an error ------
set +e
"$DBT" build
rc=$?
set -e
if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
    echo "dbt build failed with exit code $rc" >&2
    exit "$rc"
fi
"$PY" scripts/check_artifacts.py --build-only target/run_results.json
cp target/run_results.json "$KEEP/run_results.json"

# --- 5. source freshness (claims warns on purpose; warnings exit 0) -----------------
"$DBT" source freshness
cp target/sources.json "$KEEP/sources.json"

# --- 6. docs: manifest + catalog (this overwrites run_results.json, hence KEEP) -----
"$DBT" docs generate
cp target/manifest.json target/catalog.json "$KEEP/"

# --- 7. keep only the four artifacts, with repo-relative paths ----------------------
rm -rf target
mkdir -p target
for f in manifest.json catalog.json run_results.json sources.json; do
    "$PY" scripts/normalize_artifact.py "$KEEP/$f" "target/$f" "$HERE"
done
rm -rf logs

# --- 8. check the artifacts against GAPS.md's expectations and print the counts -----
"$PY" scripts/check_artifacts.py target

#!/usr/bin/env bash
# phi-lens columns side by side with sqlglot's lineage (benches/columns/README.md).
# Usage: benches/columns/run.sh [SET_DIR]   (default: Tuva's compiled sql-corpus set)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
set_dir="${1:-$root/../shared/sql-corpus/tuva-health_tuva-1.12.0-compiled}"
venv="${SQLGLOT_VENV:-/tmp/phi-lens-sqlglot-venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q sqlglot
fi
(cd "$root" && cargo build -q --release -p phi-lens-cli)
bin="$root/target/release/phi-lens"

echo "== labelled cases: phi-lens (development set first, then the held-out sets)"
(cd "$root" && cargo test -q -p phi-lens-core --test column_lineage_eval -- --nocapture 2>&1 | grep 'labelled output columns')
for cases in column_lineage column_lineage_heldout column_lineage_heldout_2 column_lineage_heldout_3 column_lineage_heldout_4; do
  echo "== sqlglot on $cases"
  "$venv/bin/python" "$here/sqlglot_lineage.py" cases "$root/crates/phi-lens-core/tests/data/$cases" 2>/dev/null | tail -1
done

echo "== $(basename "$set_dir")"
start=$(date +%s.%N)
"$bin" columns "$set_dir" > /tmp/phi-lens-columns.txt
end=$(date +%s.%N)
head -1 /tmp/phi-lens-columns.txt
echo "phi-lens columns: $(echo "$end - $start" | bc) s"
"$venv/bin/python" "$here/sqlglot_lineage.py" manifest "$set_dir"

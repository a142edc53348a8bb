#!/usr/bin/env bash
# Times `phi-lens check --format json` (release build) against dbt-score 0.19.0
# (`dbt-score lint -m manifest.json`) on the spellbook manifest (72 MB), side by side in one
# run: the two tools alternate, RUNS times each, and the script prints the minimum and median
# wall time and peak RSS (GNU time's %M) of each. The machines are noisy: compare the two
# figures of the same run, not figures of different runs.
#
#   benches/check_vs_dbt_score.sh            # 7 runs each
#   RUNS=11 benches/check_vs_dbt_score.sh
#
# dbt-score is installed in a virtualenv under ~/.cache/phi-lens/dbt-score-venv (override with
# DBT_SCORE_VENV) from PyPI on first use. The corpus is read from ../shared/corpus (CORPUS).
set -euo pipefail

RUNS=${RUNS:-7}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=${CORPUS:-$ROOT/../shared/corpus}
GZ=$CORPUS/spellbook_hourly_spellbook-1.12.0/manifest.json.gz
VENV=${DBT_SCORE_VENV:-$HOME/.cache/phi-lens/dbt-score-venv}

if [ ! -f "$GZ" ]; then
  echo "!!!!! SKIPPED: $GZ is absent; no benchmark ran !!!!!" >&2
  exit 0
fi
if [ ! -x /usr/bin/time ]; then
  echo "error: /usr/bin/time (GNU time) is needed: apt-get install time" >&2
  exit 2
fi

(cd "$ROOT" && cargo build --release -q -p phi-lens-cli)
PHI_LENS=$ROOT/target/release/phi-lens

if ! "$VENV/bin/dbt-score" --version 2>/dev/null | grep -qx '0.19.0'; then
  echo "installing dbt-score 0.19.0 into $VENV" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q 'dbt-score==0.19.0'
fi
DBT_SCORE=$VENV/bin/dbt-score

WORK=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
mkdir "$WORK/target"
gunzip -c "$GZ" > "$WORK/target/manifest.json"
bytes=$(stat -c %s "$WORK/target/manifest.json")

# One timed run: appends "seconds kilobytes" to $1.times; the command's output goes to $1.out.
timed() {
  local name=$1
  shift
  /usr/bin/time -f '%e %M' -o "$WORK/$name.one" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" || {
    local rc=$?
    # dbt-score exits 1 when the project score is under its threshold; that is a result, not a failure.
    if [ "$name" != dbt-score ] || [ "$rc" -ne 1 ]; then
      echo "error: $name exited $rc" >&2
      cat "$WORK/$name.err" >&2
      exit 2
    fi
  }
  tail -n 1 "$WORK/$name.one" >> "$WORK/$name.times"
}

echo "input: spellbook manifest.json, $bytes bytes; $RUNS runs each, alternating" >&2
for _ in $(seq "$RUNS"); do
  timed phi-lens "$PHI_LENS" check "$WORK/target" --format json
  timed phi-lens-gz "$PHI_LENS" check "$GZ" --format json
  (cd "$WORK/target" && timed dbt-score "$DBT_SCORE" lint -m manifest.json)
done

python3 - "$WORK" "$bytes" "$RUNS" <<'PY'
import os, re, statistics, sys
work, size, runs = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rows = {}
for name in ["phi-lens", "phi-lens-gz", "dbt-score"]:
    pairs = [tuple(map(float, l.split())) for l in open(os.path.join(work, name + ".times")) if l.strip()]
    secs = [p[0] for p in pairs]
    rss = [p[1] / 1024 for p in pairs]
    rows[name] = (min(secs), statistics.median(secs), min(rss), statistics.median(rss))
labels = {
    "phi-lens": "phi-lens check --format json (manifest.json)",
    "phi-lens-gz": "phi-lens check --format json (manifest.json.gz)",
    "dbt-score": "dbt-score 0.19.0 lint -m manifest.json",
}
print(f"| tool | runs | min wall | median wall | peak RSS (median) | RSS / input |")
print(f"|---|---:|---:|---:|---:|---:|")
for name, (mn, med, rmin, rmed) in rows.items():
    print(f"| {labels[name]} | {runs} | {mn:.2f} s | {med:.2f} s | {rmed:.0f} MB | {rmed * 1024 * 1024 / size:.2f}x |")
p, d = rows["phi-lens"], rows["dbt-score"]
print(f"\nphi-lens is {d[0] / p[0]:.1f}x faster than dbt-score by minimum wall time, {d[1] / p[1]:.1f}x by median; "
      f"peak RSS {p[3]:.0f} MB vs {d[3]:.0f} MB.")
out = open(os.path.join(work, "phi-lens.out")).read()
dbt_score_last = re.sub(r"\x1b\[[0-9;]*m", "", open(os.path.join(work, "dbt-score.out")).read().strip().splitlines()[-1])
print(f"phi-lens report: {len(out)} bytes of JSON; dbt-score: {dbt_score_last}")
PY

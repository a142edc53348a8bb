#!/usr/bin/env bash
# Times `phi-lens diff BASE HEAD` against one `phi-lens check` on spellbook-sized manifests
# (release build), side by side in one run: the base is the gunzipped spellbook manifest
# (72 MB), the head an edited copy (one model's description emptied, one model renamed — a
# pull request), and the commands alternate, RUNS times each. Prints minimum and median wall
# time, median CPU time (user + system: steadier than wall time on a busy machine) and peak
# RSS (GNU time's %M) of each, and diff's time as a multiple of check's (the budget is 2×:
# diff loads and analyses both builds). The machines are noisy: compare the figures of one
# run, not figures of different runs.
#
#   benches/diff_vs_check.sh            # 7 runs each
#   RUNS=11 benches/diff_vs_check.sh
#
# The corpus is read from ../shared/corpus (CORPUS); when it is absent the script says so and
# exits 0.
set -euo pipefail

RUNS=${RUNS:-7}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=${CORPUS:-$ROOT/../shared/corpus}
GZ=$CORPUS/spellbook_hourly_spellbook-1.12.0/manifest.json.gz

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

WORK=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
mkdir "$WORK/base" "$WORK/head"
gunzip -c "$GZ" > "$WORK/base/manifest.json"
python3 - "$WORK/base/manifest.json" "$WORK/head/manifest.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
models = sorted(k for k, v in m["nodes"].items() if v.get("resource_type") == "model")
m["nodes"][models[0]]["description"] = ""
old = models[1]
new = old + "_renamed"
text = json.dumps(m).replace('"' + old + '"', '"' + new + '"')
open(sys.argv[2], "w").write(text)
PY
bytes=$(stat -c %s "$WORK/base/manifest.json")

# One timed run: appends "wall-seconds kilobytes user-seconds system-seconds" to $1.times; the command's output goes to $1.out.
timed() {
  local name=$1
  shift
  /usr/bin/time -f '%e %M %U %S' -o "$WORK/$name.one" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" || {
    echo "error: $name exited $?" >&2
    cat "$WORK/$name.err" >&2
    exit 2
  }
  tail -n 1 "$WORK/$name.one" >> "$WORK/$name.times"
}

echo "input: spellbook manifest.json, $bytes bytes, and an edited copy; $RUNS runs each, alternating" >&2
for _ in $(seq "$RUNS"); do
  timed check-json "$PHI_LENS" check "$WORK/base" --format json
  timed check-text "$PHI_LENS" check "$WORK/base"
  timed diff-json "$PHI_LENS" diff "$WORK/base" "$WORK/head" --format json
  timed diff-md "$PHI_LENS" diff "$WORK/base" "$WORK/head" --format markdown
done

python3 - "$WORK" "$RUNS" <<'PY'
import os, statistics, sys
work, runs = sys.argv[1], sys.argv[2]
labels = {
    "check-json": "phi-lens check --format json (one build)",
    "check-text": "phi-lens check (text, one build)",
    "diff-json": "phi-lens diff --format json (two builds)",
    "diff-md": "phi-lens diff --format markdown (two builds)",
}
rows = {}
for name in labels:
    runs_ = [tuple(map(float, l.split())) for l in open(os.path.join(work, name + ".times")) if l.strip()]
    secs = [r[0] for r in runs_]
    rss = [r[1] / 1024 for r in runs_]
    cpu = [r[2] + r[3] for r in runs_]
    rows[name] = (min(secs), statistics.median(secs), statistics.median(cpu), statistics.median(rss))
print("| command | runs | min wall | median wall | median CPU | peak RSS (median) |")
print("|---|---:|---:|---:|---:|---:|")
for name, (mn, med, cpu, rss) in rows.items():
    print(f"| {labels[name]} | {runs} | {mn:.2f} s | {med:.2f} s | {cpu:.2f} s | {rss:.0f} MB |")
for d in ["diff-json", "diff-md"]:
    for c in ["check-json", "check-text"]:
        print(f"{d} / {c}: {rows[d][0] / rows[c][0]:.2f}x by minimum wall, {rows[d][1] / rows[c][1]:.2f}x by median wall, "
              f"{rows[d][2] / rows[c][2]:.2f}x by median CPU")
print("diff's verdict:", open(os.path.join(work, "diff-md.out")).read().splitlines()[1])
PY

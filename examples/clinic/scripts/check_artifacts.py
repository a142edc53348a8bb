#!/usr/bin/env python3
"""Check the clinic artifacts and print the counts phi-lens' summary should show.

    check_artifacts.py target                          # all four artifacts + GAPS.md
    check_artifacts.py --build-only target/run_results.json

Fails (exit 1) when a count is out of the range issue 3 asks for, when `dbt build`
failed in an unplanned way (an error, a skipped node, a test failing or warning that
GAPS.md does not list), or when a unique_id / column listed in GAPS.md is missing
from the artifacts. Standard library only.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

# Planted test results (GAPS.md, G08a-G08d). Keep in sync with GAPS.md.
EXPECTED_FAIL = {
    "admission_before_discharge",
    "patient_age_is_physiologically_plausible",
    "assert_no_encounters_after_death",
}
EXPECTED_WARN = {"icd10_code_is_valid_billable_code"}


def test_name(unique_id: str) -> str:
    # test.clinic.<name>.<hash> or test.clinic.<name> (singular tests)
    parts = unique_id.split(".")
    return parts[2]


def check_build(run_results: dict) -> list[str]:
    problems = []
    statuses = Counter(r["status"] for r in run_results["results"])
    for r in run_results["results"]:
        if r["status"] in ("error", "skipped", "runtime error"):
            problems.append(f"{r['unique_id']}: {r['status']}: {r.get('message')}")
    failed = {test_name(r["unique_id"]) for r in run_results["results"] if r["status"] == "fail"}
    warned = {test_name(r["unique_id"]) for r in run_results["results"] if r["status"] == "warn"}
    if failed != EXPECTED_FAIL:
        problems.append(f"failing tests {sorted(failed)} != planted {sorted(EXPECTED_FAIL)}")
    if warned != EXPECTED_WARN:
        problems.append(f"warning tests {sorted(warned)} != planted {sorted(EXPECTED_WARN)}")
    print("run_results statuses:", dict(sorted(statuses.items())))
    return problems


def gaps_rows() -> list[dict]:
    rows = []
    text = (HERE / "GAPS.md").read_text(encoding="utf-8")
    for line in text.splitlines():
        m = re.match(r"^\|\s*(G\d\d[a-z]?)\s*\|(.*)\|\s*$", line)
        if m:
            cells = [c.strip() for c in m.group(2).split("|")]
            rows.append({"id": m.group(1), "unique_id": cells[1].strip("`"), "column": cells[2].strip("`")})
    return rows


def main(argv: list[str]) -> int:
    if argv[:1] == ["--build-only"]:
        problems = check_build(json.loads(Path(argv[1]).read_text()))
        for p in problems:
            print("PROBLEM:", p)
        return 1 if problems else 0

    target = Path(argv[0] if argv else HERE / "target")
    manifest = json.loads((target / "manifest.json").read_text())
    catalog = json.loads((target / "catalog.json").read_text())
    run_results = json.loads((target / "run_results.json").read_text())
    sources_json = json.loads((target / "sources.json").read_text())
    problems = check_build(run_results)

    nodes = manifest["nodes"]
    models = [n for n in nodes.values() if n["resource_type"] == "model"]
    tests = [n for n in nodes.values() if n["resource_type"] == "test"]
    generic = [t for t in tests if t.get("test_metadata")]
    singular = [t for t in tests if not t.get("test_metadata")]
    clinical_names = {"accepted_range", "expect_column_values_to_be_between",
                      "expect_column_pair_values_A_to_be_greater_than_B",
                      "expect_column_values_to_match_regex", "lab_value_within_plausible_range",
                      "expression_is_true"}
    clinical = [t for t in generic if t["test_metadata"]["name"] in clinical_names]
    icd_rel = [t for t in generic if t["test_metadata"]["name"] == "relationships"
               and "icd10_codes" in str(t["test_metadata"]["kwargs"].get("to"))]

    warehouse_only = []
    for uid, node in catalog["nodes"].items():
        if not uid.startswith("model."):
            continue
        documented = set(nodes[uid]["columns"])
        warehouse_only += [(uid, c) for c in node["columns"] if c not in documented]

    fails = [r for r in run_results["results"] if r["status"] == "fail"]
    counts = {
        "models": len(models),
        "seeds": sum(n["resource_type"] == "seed" for n in nodes.values()),
        "sources": len(manifest["sources"]),
        "exposures": len(manifest["exposures"]),
        "tests": len(tests),
        "generic_tests": len(generic),
        "singular_tests": len(singular),
        "clinical_rule_tests": len(clinical),
        "icd10_relationship_tests": len(icd_rel),
        "catalog_nodes": len(catalog["nodes"]),
        "warehouse_only_columns": len(warehouse_only),
        "failing_tests": len(fails),
        "freshness": dict(Counter(r["status"] for r in sources_json["results"])),
    }
    for k, v in counts.items():
        print(f"{k:>26}: {v}")

    checks = [
        (25 <= counts["models"] <= 60, "25-60 models"),
        (counts["exposures"] >= 3, ">= 3 exposures"),
        (counts["sources"] >= 5, ">= 5 sources"),
        (counts["tests"] >= 40, ">= 40 tests"),
        (counts["singular_tests"] >= 1, ">= 1 singular test"),
        (counts["icd10_relationship_tests"] >= 1, "ICD-10 relationships test"),
        (counts["warehouse_only_columns"] >= 1, "warehouse-only columns"),
        (counts["failing_tests"] >= 1, ">= 1 failing test"),
        (manifest["metadata"].get("send_anonymous_usage_stats") is False, "anonymous usage stats off"),
    ]
    problems += [f"expected {what}" for ok, what in checks if not ok]

    # every planted gap points at something that exists
    all_ids = {**nodes, **manifest["sources"], **manifest["exposures"]}
    for row in gaps_rows():
        uid, col = row["unique_id"], row["column"]
        if uid not in all_ids:
            problems.append(f"{row['id']}: {uid} not in manifest")
            continue
        if col and col != "-" and uid.startswith("test."):
            if all_ids[uid].get("column_name") != col:
                problems.append(f"{row['id']}: {uid} does not test column {col}")
        elif col and col != "-":
            in_yml = col in all_ids[uid].get("columns", {})
            in_wh = col in catalog["nodes"].get(uid, {}).get("columns", {})
            if not (in_yml or in_wh):
                problems.append(f"{row['id']}: column {col} not in {uid}")

    for p in problems:
        print("PROBLEM:", p)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

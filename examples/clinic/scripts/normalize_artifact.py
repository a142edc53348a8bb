#!/usr/bin/env python3
"""Copy a dbt artifact, replacing the absolute project path with `examples/clinic`.

dbt writes the machine's absolute project path into a few fields (seed
`root_path`, run_results `args.project_dir` / `profiles_dir` / `log_path`).
Replacing it keeps the committed artifacts identical across machines; the JSON
layout dbt wrote (compact, key order) is otherwise left untouched.

Usage: normalize_artifact.py SRC DEST PROJECT_DIR
"""
import json
import sys

src, dest, project_dir = sys.argv[1:4]
text = open(src, encoding="utf-8").read()
# the path as it appears inside JSON strings
needle = json.dumps(project_dir.rstrip("/"))[1:-1]
text = text.replace(needle, "examples/clinic")
json.loads(text)  # still valid JSON
with open(dest, "w", encoding="utf-8") as f:
    f.write(text)

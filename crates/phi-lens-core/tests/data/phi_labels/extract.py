#!/usr/bin/env python3
"""Provenance script for the phi_labels evaluation set.

Reads the healthcare dbt artifact sets under ../shared/corpus (relative to the
repository root; run from the repository root or pass --corpus) and prints every
candidate column as CSV with the columns

    set,unique_id,column,data_type,description,source

where `source` says where the column was found:

  manifest-node      declared in manifest `nodes[*].columns` (models, seeds, snapshots)
  manifest-source    declared in manifest `sources[*].columns`
  catalog-node       warehouse column in catalog.json `nodes[*].columns` (adds `type`)
  catalog-source     warehouse column in catalog.json `sources[*].columns`
  manifest-disabled  declared on a node in the manifest's `disabled` section
                     (package models switched off by vars, e.g. Tuva FHIR preprocessing)
  sql-select         only with --sql: an identifier on its own line of a select list in
                     the raw_code of a model that declares no columns (used for the
                     Medicare CCLF connector, whose staging/intermediate models declare
                     none; these are the CMS CCLF field names such as bene_mbi_id)

Declared manifest columns win; the catalog only adds the warehouse `type` (when
the manifest declares none) and columns that the manifest does not declare.

This script assigns NO labels.  Rows of columns.csv were chosen from its output
and every label/subject/reason in columns.csv was assigned by hand.

Python 3.11, standard library only.
"""
import argparse
import csv
import gzip
import json
import os
import re
import sys

SETS = [
    "tuva-health_tuva-1.12.0",
    "tuva-health_medicare_cclf_connector-1.12.0",
    "tuva-health_tuva_demo-1.12.0",
    "saywurdson_synthea_dw-1.3.1",
    "saywurdson_synthea_dw-1.4.5",
    "saywurdson_synthea_dw-1.7.8",
    "aidbox_dbt-sample-project-1.5.1",
    "bennettpotluri_medical_analytics-1.9.0",
    "cfuglestad_healthcare-dbt-project-1.10.3",
    "isac9_pharma-pipeline-dbt-1.11.11",
    "firmai-research_clinical_trials-1.8.7",
    "habtamu91_telegram-medical-data-pipeline-1.10.3",
]

NODE_TYPES = {"model", "seed", "snapshot"}


def load(path):
    if not os.path.exists(path):
        return None
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def clean_desc(text):
    text = " ".join((text or "").split())  # strip newlines / collapse whitespace
    return text[:200]


SQL_WORDS = {"select", "from", "with", "where", "and", "or", "end", "as", "union", "all",
             "distinct", "on", "group", "by", "order", "left", "join", "inner", "case",
             "else", "then", "when", "null", "not", "is", "in", "over", "partition"}
SELECT_LINE = re.compile(
    r"^\s*,?\s*(?:[a-z_][a-z0-9_]*\.)?([a-z_][a-z0-9_]*)\s*(?:as\s+([a-z_][a-z0-9_]*))?\s*,?\s*$",
    re.I)


def sql_select_columns(raw_code):
    """Identifiers that stand alone on a select-list line (optionally `x as y`)."""
    code = re.sub(r"/\*.*?\*/", "", raw_code or "", flags=re.S)
    code = re.sub(r"--[^\n]*", "", code)
    code = re.sub(r"\{[{%#].*?[}%#]\}", "", code, flags=re.S)
    out = []
    for line in code.splitlines():
        m = SELECT_LINE.match(line)
        if not m:
            continue
        name = (m.group(2) or m.group(1))
        if name.lower() in SQL_WORDS:
            continue
        out.append(name)
    return out


def extract(corpus, set_name, with_sql=False):
    base = os.path.join(corpus, set_name)
    manifest = load(os.path.join(base, "manifest.json.gz")) or {}
    catalog = load(os.path.join(base, "catalog.json.gz")) or {}
    rows = {}  # (unique_id, lower(column)) -> row

    def add(uid, name, dtype, desc, source):
        key = (uid, name.lower())
        if key in rows:
            row = rows[key]
            if not row["data_type"] and dtype:
                row["data_type"] = dtype
            return
        rows[key] = {
            "set": set_name,
            "unique_id": uid,
            "column": name,
            "data_type": dtype or "",
            "description": clean_desc(desc),
            "source": source,
        }

    for uid, node in (manifest.get("nodes") or {}).items():
        if node.get("resource_type") not in NODE_TYPES:
            continue
        for cname, col in (node.get("columns") or {}).items():
            add(uid, col.get("name") or cname, col.get("data_type"),
                col.get("description"), "manifest-node")
    for uid, src in (manifest.get("sources") or {}).items():
        for cname, col in (src.get("columns") or {}).items():
            add(uid, col.get("name") or cname, col.get("data_type"),
                col.get("description"), "manifest-source")
    for uid, versions in (manifest.get("disabled") or {}).items():
        for node in versions:
            for cname, col in (node.get("columns") or {}).items():
                add(uid, col.get("name") or cname, col.get("data_type"),
                    col.get("description"), "manifest-disabled")
    for section, source in (("nodes", "catalog-node"), ("sources", "catalog-source")):
        for uid, node in (catalog.get(section) or {}).items():
            if section == "nodes" and uid.split(".")[0] not in NODE_TYPES:
                continue
            for cname, col in (node.get("columns") or {}).items():
                add(uid, col.get("name") or cname, col.get("type"), "", source)
    if with_sql:
        for uid, node in sorted((manifest.get("nodes") or {}).items()):
            if node.get("resource_type") != "model" or node.get("columns"):
                continue
            for name in sql_select_columns(node.get("raw_code")):
                add(uid, name, None, "", "sql-select")
    return list(rows.values())


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo_root = os.path.abspath(os.path.join(here, "..", "..", "..", "..", ".."))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=os.path.join(repo_root, "..", "shared", "corpus"))
    ap.add_argument("--set", action="append", help="limit to these sets")
    ap.add_argument("--grep", help="only columns whose name contains this (case-insensitive)")
    ap.add_argument("--sql", action="store_true",
                    help="also list select-list identifiers of models that declare no columns")
    args = ap.parse_args()
    out = csv.DictWriter(sys.stdout, ["set", "unique_id", "column", "data_type",
                                      "description", "source"], lineterminator="\n")
    out.writeheader()
    for set_name in args.set or SETS:
        for row in extract(os.path.normpath(args.corpus), set_name, args.sql):
            if args.grep and args.grep.lower() not in row["column"].lower():
                continue
            out.writerow(row)


if __name__ == "__main__":
    main()

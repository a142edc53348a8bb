#!/usr/bin/env python3
"""A synthetic compiled project of N copies of a real one, for `phi-lens columns` at scale.

Usage: synthetic_manifest.py SET_DIR OUT_DIR [COPIES]   (default 7: Tuva's 737 models -> 5,159)

Every node of SET_DIR's manifest.json(.gz) and catalog.json(.gz) is copied COPIES times with
`__<k>` after its unique_id and `_<k>` after its schema; each copy's depends_on points at the
same copy, and its compiled SQL is the original's with every `database.schema.` it names
(quoted or not) moved to that copy's schema: the copies are independent projects side by side,
of the same SQL. Writes OUT_DIR/manifest.json and OUT_DIR/catalog.json.
"""
import gzip, json, os, sys


def read(set_dir, name):
    for f in (name + ".gz", name):
        p = os.path.join(set_dir, f)
        if os.path.exists(p):
            with (gzip.open(p, "rt") if f.endswith(".gz") else open(p)) as fh:
                return json.load(fh)
    return None


def copy_nodes(nodes, copies, is_manifest, places=()):
    out = {}
    for k in range(copies):
        for uid, node in nodes.items():
            n = dict(node)
            n["unique_id"] = f"{uid}__{k}"
            if is_manifest:
                deps = dict(n.get("depends_on") or {})
                deps["nodes"] = [f"{d}__{k}" for d in deps.get("nodes") or []]
                n["depends_on"] = deps
                if n.get("schema"):
                    n["schema"] = f"{n['schema']}_{k}"
                for field in ("compiled_code", "compiled_sql"):
                    sql = n.get(field)
                    if sql:
                        for db, sc in places:
                            sql = sql.replace(f'"{db}"."{sc}".', f'"{db}"."{sc}_{k}".').replace(f"{db}.{sc}.", f"{db}.{sc}_{k}.")
                        n[field] = sql
                for field in ("relation_name",):
                    if n.get(field):
                        n[field] = None
            else:
                md = dict(n.get("metadata") or {})
                if md.get("schema"):
                    md["schema"] = f"{md['schema']}_{k}"
                n["metadata"] = md
            out[f"{uid}__{k}"] = n
    return out


def main():
    set_dir, out_dir = sys.argv[1], sys.argv[2]
    copies = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    os.makedirs(out_dir, exist_ok=True)
    manifest = read(set_dir, "manifest.json")
    places = sorted({(n.get("database"), n.get("schema")) for sec in ("nodes", "sources")
                     for n in (manifest.get(sec) or {}).values() if n.get("database") and n.get("schema")},
                    key=lambda p: -len(p[1]))
    for section in ("nodes", "sources"):
        manifest[section] = copy_nodes(manifest.get(section) or {}, copies, True, places)
    for section in ("exposures", "metrics", "semantic_models", "saved_queries", "unit_tests"):
        manifest[section] = {}
    manifest["parent_map"], manifest["child_map"] = {}, {}
    with open(os.path.join(out_dir, "manifest.json"), "w") as fh:
        json.dump(manifest, fh)
    catalog = read(set_dir, "catalog.json")
    if catalog:
        for section in ("nodes", "sources"):
            catalog[section] = copy_nodes(catalog.get(section) or {}, copies, False)
        with open(os.path.join(out_dir, "catalog.json"), "w") as fh:
            json.dump(catalog, fh)
    models = sum(1 for n in manifest["nodes"].values() if n.get("resource_type") == "model")
    print(f"{out_dir}: {models} models, {len(manifest['nodes'])} nodes, {len(manifest['sources'])} sources")


main()

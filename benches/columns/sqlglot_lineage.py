"""sqlglot's column lineage, for comparison with `phi-lens columns` (benches/columns/README.md).

  python sqlglot_lineage.py cases DIR        score sqlglot on the labelled cases (edges only:
                                             sqlglot gives no transform class)
  python sqlglot_lineage.py manifest SET     lineage of every column of every model of a dbt
                                             target/ (manifest + catalog), timed
"""
import gzip, json, os, sys, time

import sqlglot
from sqlglot.lineage import lineage

DIALECT = {"databricks": "databricks", "trino": "trino", "athena": "athena", "postgres": "postgres",
           "redshift": "redshift", "snowflake": "snowflake", "bigquery": "bigquery", "duckdb": "duckdb"}


def read_cases(d):
    cases = []
    for f in sorted(os.listdir(d)):
        if not f.endswith(".sql"):
            continue
        dialect = f[:-4]
        cur = None
        for line in open(os.path.join(d, f)):
            line = line.rstrip("\n")
            if line.startswith("-- case:"):
                cur = {"name": line[8:].strip(), "dialect": dialect, "rels": [], "edges": set(), "unresolved": False, "sql": ""}
                cases.append(cur)
            elif line.startswith("-- relation:"):
                name, cols = line[12:].rsplit(":", 1)
                cols = None if cols.strip() == "?" else [c.strip().strip('"') for c in cols.split(",")]
                cur["rels"].append((name.strip().lower(), cols))
            elif line.startswith("-- edge:"):
                out, rest = line[8:].split("<-")
                rest = rest.strip()
                if rest != "(none)":
                    src, _t = rest.rsplit(" ", 1)
                    rel, col = src.rsplit(".", 1)
                    cur["edges"].add((out.strip().lower(), rel.lower(), col.lower()))
            elif line.startswith("-- unresolved:"):
                cur["unresolved"] = True
            elif line.startswith("-- origin:") or line.startswith("-- note:"):
                pass
            else:
                cur["sql"] += line + "\n"
    return cases


def schema_of(rels):
    schema = {}
    for name, cols in rels:
        parts = name.split(".")
        node = schema
        for p in parts[:-1]:
            node = node.setdefault(p, {})
        node[parts[-1]] = {c: "text" for c in (cols or [])}
    return schema


def edges_of(sql, dialect, schema):
    """(output, relation, column) for every output column; filters are not separated by sqlglot."""
    out = set()
    expr = sqlglot.parse_one(sql, read=dialect)
    for sel in expr.selects if hasattr(expr, "selects") else []:
        name = sel.alias_or_name
        if not name or name == "*":
            continue
        try:
            node = lineage(name, sql, schema=schema, dialect=dialect)
        except Exception:
            continue
        for n in node.walk():
            if not n.downstream and isinstance(n.expression, sqlglot.exp.Table):
                pass
            if not n.downstream:
                table = n.source.sql(dialect=dialect) if n.source is not None else ""
                t = n.expression if isinstance(n.expression, sqlglot.exp.Table) else n.source
                if isinstance(t, sqlglot.exp.Table):
                    rel = ".".join(p for p in [t.catalog, t.db, t.name] if p).lower()
                    col = n.name.split(".")[-1].lower()
                    out.add((name.lower(), rel, col))
    return out


def cases(d):
    tp = pred = exp = 0
    unresolved_reported = unresolved_total = 0
    t0 = time.time()
    for c in read_cases(d):
        if c["unresolved"]:
            unresolved_total += 1
            try:
                sqlglot.parse_one(c["sql"], read=DIALECT[c["dialect"]])
            except Exception:
                unresolved_reported += 1
            continue
        try:
            got = edges_of(c["sql"], DIALECT[c["dialect"]], schema_of(c["rels"]))
        except Exception:
            got = set()
        # Relation names compare on their last two parts (sqlglot may drop a catalog).
        norm = lambda s: {(o, ".".join(r.split(".")[-2:]), col) for o, r, col in s}
        got, want = norm(got), norm(c["edges"])
        tp += len(got & want)
        pred += len(got)
        exp += len(want)
    dt = time.time() - t0
    print(json.dumps({"tool": "sqlglot " + sqlglot.__version__, "precision": round(tp / max(pred, 1), 3),
                      "recall": round(tp / max(exp, 1), 3), "unresolved_reported": f"{unresolved_reported}/{unresolved_total}",
                      "seconds": round(dt, 2)}))


def load(path):
    p = path + ".gz"
    return json.load(gzip.open(p)) if os.path.exists(p) else json.load(open(path))


def manifest(d):
    t0 = time.time()
    m = load(os.path.join(d, "manifest.json"))
    cat = load(os.path.join(d, "catalog.json")) if os.path.exists(os.path.join(d, "catalog.json.gz")) or os.path.exists(os.path.join(d, "catalog.json")) else {"nodes": {}, "sources": {}}
    dialect = DIALECT.get(m["metadata"].get("adapter_type"), None)
    schema = {}
    for sec in ("nodes", "sources"):
        for k, v in cat.get(sec, {}).items():
            md = v["metadata"]
            schema.setdefault(md.get("database") or "", {}).setdefault(md["schema"], {})[md["name"]] = {c: (cv.get("type") or "text") for c, cv in v["columns"].items()}
    ok = fail = edges = 0
    for k, n in sorted(m["nodes"].items()):
        if n.get("resource_type") != "model":
            continue
        sql = n.get("compiled_code") or n.get("compiled_sql")
        if not sql:
            continue
        try:
            expr = sqlglot.parse_one(sql, read=dialect)
            names = [s.alias_or_name for s in expr.selects]
            for name in names:
                if name and name != "*":
                    node = lineage(name, sql, schema=schema, dialect=dialect)
                    edges += sum(1 for x in node.walk() if not x.downstream)
            ok += 1
        except Exception:
            fail += 1
    print(json.dumps({"tool": "sqlglot " + sqlglot.__version__, "models_ok": ok, "models_failed": fail,
                      "leaf_nodes": edges, "seconds": round(time.time() - t0, 2)}))


if __name__ == "__main__":
    {"cases": cases, "manifest": manifest}[sys.argv[1]](sys.argv[2])

#!/usr/bin/env python3
"""Checks the shipped Grafana dashboard and Prometheus alert rules against docs/metrics.md.

- deploy/grafana/dashboards/vangnet.json parses, has a uid and title, unique panel ids, and every non-row panel has a
  title, a description, a grid position and at least one query with a PromQL expression;
- the provisioning files are YAML and point at the dashboard directory and a Prometheus datasource;
- every metric name in a dashboard query, in the instance variable and in an alert expression of
  deploy/prometheus/alerts.yml is documented in docs/metrics.md (a row `| `name` | type | ...`, or a family such as
  `jvm_*` in the text); histogram and timer rows also cover their _bucket, _count, _sum and _max series.

Exits 1 with one line per problem. Run by scripts/promtool-check.sh (./test.sh).
  python3 scripts/check_monitoring.py [repo-root]
"""
import json
import re
import sys
from pathlib import Path

import yaml

# Series Prometheus makes itself for every target.
PROMETHEUS_SERIES = {"up", "scrape_duration_seconds", "scrape_samples_scraped"}

PROMQL_WORDS = {"and", "or", "unless", "bool", "offset", "inf", "nan"}
HISTOGRAM_SUFFIXES = ("_bucket", "_count", "_sum", "_max")


def documented(metrics_md):
    """Returns ({name: type}, [family prefixes]) from docs/metrics.md."""
    names = {}
    for line in metrics_md.splitlines():
        m = re.match(r"^\|\s*`([a-z_:][a-z0-9_:]*)`[^|]*\|\s*([a-z]+)", line)
        if m:
            names[m.group(1)] = m.group(2)  # the type column's first word: counter, gauge, histogram, ...
    families = sorted(set(re.findall(r"`([a-z_]+_)\*`", metrics_md)))
    return names, families


def metric_names(expr):
    """Metric names in a PromQL expression: identifiers that are not functions, keywords, labels or durations."""
    e = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)  # string literals (label values, label_replace arguments)
    e = re.sub(r"\{[^}]*\}", "", e)  # label matchers
    e = re.sub(r"\[[^\]]*\]", "", e)  # range and subquery selectors
    e = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", e)  # label lists
    e = re.sub(r"\$\{?\w+\}?", "", e)  # dashboard variables
    names = set()
    for m in re.finditer(r"(?<![\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*)", e):
        word = m.group(1)
        rest = e[m.end():].lstrip()
        if rest.startswith("(") or word.lower() in PROMQL_WORDS:
            continue
        names.add(word)
    return names


def covered(name, names, families):
    if name in PROMETHEUS_SERIES or name in names or any(name.startswith(f) for f in families):
        return True
    for suffix in HISTOGRAM_SUFFIXES:
        base = name[: -len(suffix)] if name.endswith(suffix) else None
        if base and names.get(base, "") in ("histogram", "timer", "summary"):
            return True
    return False


def main(root):
    problems = []
    names, families = documented((root / "docs/metrics.md").read_text(encoding="utf-8"))

    def check_expr(where, expr):
        if not isinstance(expr, str) or not expr.strip():
            problems.append(f"{where}: no PromQL expression")
            return
        for name in sorted(metric_names(expr)):
            if not covered(name, names, families):
                problems.append(f"{where}: metric {name} is not documented in docs/metrics.md")

    dashboard_file = root / "deploy/grafana/dashboards/vangnet.json"
    try:
        dashboard = json.loads(dashboard_file.read_text(encoding="utf-8"))
    except ValueError as e:
        problems.append(f"{dashboard_file}: not valid JSON: {e}")
        dashboard = {}
    for key in ("uid", "title", "panels"):
        if not dashboard.get(key):
            problems.append(f"{dashboard_file}: no {key}")
    seen_ids = set()
    panels = list(dashboard.get("panels", []))
    for row in dashboard.get("panels", []):
        panels.extend(row.get("panels", []))
    for panel in panels:
        title = panel.get("title") or f"panel id {panel.get('id')}"
        where = f"{dashboard_file.name}: panel '{title}'"
        if panel.get("id") in seen_ids or panel.get("id") is None:
            problems.append(f"{where}: missing or duplicate id {panel.get('id')}")
        seen_ids.add(panel.get("id"))
        if not {"h", "w", "x", "y"} <= set(panel.get("gridPos", {})):
            problems.append(f"{where}: incomplete gridPos")
        if panel.get("type") == "row":
            continue
        if not panel.get("title") or not panel.get("description"):
            problems.append(f"{where}: needs a title and a description")
        targets = panel.get("targets") or []
        if not targets:
            problems.append(f"{where}: no queries")
        for target in targets:
            check_expr(f"{where} query {target.get('refId')}", target.get("expr"))
    for var in dashboard.get("templating", {}).get("list", []):
        query = var.get("query")
        if var.get("type") == "query":
            expr = query.get("query") if isinstance(query, dict) else query
            inner = re.match(r"^\s*label_values\((.*),\s*\w+\)\s*$", expr or "")
            check_expr(f"{dashboard_file.name}: variable {var.get('name')}", inner.group(1) if inner else expr)

    provisioning = root / "deploy/grafana/provisioning"
    datasources = yaml.safe_load((provisioning / "datasources/prometheus.yml").read_text(encoding="utf-8"))
    if not any(d.get("type") == "prometheus" for d in datasources.get("datasources", [])):
        problems.append("deploy/grafana/provisioning/datasources/prometheus.yml: no prometheus datasource")
    providers = yaml.safe_load((provisioning / "dashboards/vangnet.yml").read_text(encoding="utf-8"))
    if not any(p.get("type") == "file" and p.get("options", {}).get("path") for p in providers.get("providers", [])):
        problems.append("deploy/grafana/provisioning/dashboards/vangnet.yml: no file provider with a path")

    alerts_file = root / "deploy/prometheus/alerts.yml"
    rules = yaml.safe_load(alerts_file.read_text(encoding="utf-8"))
    for group in rules.get("groups", []):
        for rule in group.get("rules", []):
            name = rule.get("alert") or rule.get("record")
            check_expr(f"{alerts_file.name}: {name}", rule.get("expr"))
            if rule.get("alert"):
                if rule.get("labels", {}).get("severity") not in ("critical", "warning"):
                    problems.append(f"{alerts_file.name}: {name}: severity must be critical or warning")
                annotations = rule.get("annotations", {})
                if not annotations.get("summary") or not annotations.get("description"):
                    problems.append(f"{alerts_file.name}: {name}: needs summary and description annotations")

    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    print(f"check_monitoring: dashboard ({len(panels)} panels), provisioning and alert rules OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)))

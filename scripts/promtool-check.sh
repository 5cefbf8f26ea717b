#!/usr/bin/env bash
# Checks the shipped Prometheus files with promtool (Debian package prometheus; installed when missing and we are
# root): the scrape config (deploy/prometheus/prometheus.yml), the alert rules (alerts.yml) and their unit tests
# (alerts_test.yml: every alert firing and not firing); then scripts/check_monitoring.py checks the Grafana
# dashboard and provisioning, and that dashboard and alerts only use metrics documented in docs/metrics.md.
# Run by ./test.sh; needs no network and no running Vangnet.
#   scripts/promtool-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-prometheus.sh
dir=deploy/prometheus
promtool check config "$dir/prometheus.yml"
promtool check rules "$dir/alerts.yml"
promtool test rules "$dir/alerts_test.yml"
# every alert of alerts.yml must have a unit test (at least one alert_rule_test naming it)
missing=$(comm -23 \
  <(grep -E '^\s*- alert: ' "$dir/alerts.yml" | sed -E 's/.*alert: *//' | sort -u) \
  <(grep -E '^\s*alertname: ' "$dir/alerts_test.yml" | sed -E 's/.*alertname: *//' | sort -u))
if [ -n "$missing" ]; then
  echo "promtool-check: alerts without a unit test in $dir/alerts_test.yml: $missing" >&2
  exit 1
fi
if ! python3 -c 'import yaml' 2>/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "promtool-check: python3-yaml missing (apt-get install python3-yaml)" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-yaml >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-yaml >/dev/null; }
fi
python3 scripts/check_monitoring.py
echo "promtool-check: config, rules and rule unit tests OK"

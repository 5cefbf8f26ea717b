#!/usr/bin/env bash
# Runs every test: the whole Maven build (unit, store suite on embedded H2, proxy and API tests) and the store
# suite again on a real PostgreSQL 15, which this script installs (Debian package) if needed and runs as a
# throw-away cluster on a loopback port under a temp dir, stopped again on exit; then the transparent-mode
# end-to-end suite in network namespaces (scripts/transparent-e2e.sh: nftables, curl, no proxy settings; root), and
# the README's admin-API walkthrough against a fresh demo instance (scripts/readme-walkthrough.sh: curl, jq); the
# deployment files (scripts/compose-check.sh: docker-compose config, Dockerfile; scripts/systemd-check.sh: the unit);
# and the Prometheus checks: promtool (config, alert rules and their unit tests) and a real Prometheus scraping a
# demo node.
#   ./test.sh                 # everything
#   VANGNET_TEST_PG=skip ./test.sh   # without PostgreSQL (says so loudly; CI never does this)
#   VANGNET_TEST_E2E=skip ./test.sh  # without the namespace suite (says so loudly; CI never does this)
#   VANGNET_TEST_BROWSER=skip ./test.sh  # without the Chromium test of the admin pages (*BrowserTest; says so)
set -euo pipefail
cd "$(dirname "$0")"
if [ "${VANGNET_TEST_BROWSER:-}" = "skip" ]; then
  echo "test.sh: VANGNET_TEST_BROWSER=skip: the Chromium test of the admin pages will NOT run" >&2
elif [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  # The admin pages' *BrowserTest drives Debian's chromium through chromium-driver (Selenium, no downloads).
  echo "test.sh: installing Debian packages chromium and chromium-driver for the admin pages' browser test" >&2
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi
# deployment files first (seconds, no engine needed): docker-compose.yml, the Dockerfile, the systemd unit
scripts/compose-check.sh
scripts/systemd-check.sh
pg_args=()
if [ "${VANGNET_TEST_PG:-}" = "skip" ]; then
  echo "test.sh: VANGNET_TEST_PG=skip: the PostgreSQL store suite will NOT run" >&2
else
  trap 'scripts/pg-test-cluster.sh stop >/dev/null 2>&1 || true' EXIT
  scripts/pg-test-cluster.sh start
  pg_args=(-Dvangnet.test.pg.url="$(scripts/pg-test-cluster.sh url)" -Dvangnet.test.pg.required=true)
fi
mvn -B ${MAVEN_ARGS:-} "${pg_args[@]}" verify
if [ "${VANGNET_TEST_E2E:-}" = "skip" ]; then
  echo "test.sh: VANGNET_TEST_E2E=skip: the namespace end-to-end suite will NOT run" >&2
else
  scripts/transparent-e2e.sh
fi
# the README's admin-API walkthrough, step by step, against a fresh demo instance on loopback
scripts/readme-walkthrough.sh
# Prometheus (Debian package, installed when missing): promtool checks of the shipped config, alert rules and their
# unit tests, dashboard metric names (scripts/promtool-check.sh); then a real Prometheus scraping a demo node on
# loopback with the shipped config (scripts/prometheus-e2e.sh)
scripts/promtool-check.sh
scripts/prometheus-e2e.sh

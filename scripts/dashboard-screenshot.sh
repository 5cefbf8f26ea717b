#!/usr/bin/env bash
# Regenerates the README's screenshot docs/images/prometheus-vangnet.png from real data: runs the real-Prometheus
# test (scripts/prometheus-e2e.sh: Vangnet --demo and Debian's prometheus on loopback), keeps both running for about
# 2 minutes with proxy traffic that stays on loopback, and renders Prometheus' graph page (decisions of restricted
# clients by reason, blocks by kind) with headless chromium (no proxy except a dead one, loopback bypassed). Needs
# app/target/vangnet.jar (mvn package) and chromium.
#   scripts/dashboard-screenshot.sh [out.png]
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/prometheus-e2e.sh --screenshot "${1:-docs/images/prometheus-vangnet.png}"

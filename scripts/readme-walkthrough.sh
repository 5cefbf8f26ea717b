#!/usr/bin/env bash
# Runs the README's admin-API walkthrough against a fresh Vangnet and checks that every step prints what the README
# shows (run by ./test.sh after the Maven build). Vangnet runs from app/target/vangnet.jar with --demo on a temp H2
# store and loopback ports; the walkthrough uses the IT_ADMIN token the demo prints once. Needs curl and jq
# (installed from Debian's packages when missing and we are root).
#   scripts/readme-walkthrough.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=app/target/vangnet.jar
ADMIN=127.0.0.1:18093
[ -f "$JAR" ] || { echo "readme-walkthrough: $JAR is missing: run mvn package (or ./test.sh) first" >&2; exit 1; }
for tool in curl jq python3; do
  if ! command -v "$tool" >/dev/null; then
    if [ "$(id -u)" -eq 0 ] && [ "$tool" != python3 ]; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null 2>&1 \
        || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
    else
      echo "readme-walkthrough: $tool is missing (apt-get install $tool)" >&2; exit 1
    fi
  fi
done
work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
env -u VANGNET_ADMIN_TOKEN VANGNET_STORE_H2_PATH="$work/vangnet" VANGNET_ADMIN_BIND="$ADMIN" \
  VANGNET_PROXY_BIND=127.0.0.1:13193 \
  java -jar "$JAR" run --demo >"$work/out.log" 2>"$work/err.log" &
pid=$!
for _ in $(seq 1 120); do
  if curl -fsS "http://$ADMIN/health" >/dev/null 2>&1 && grep -q 'VANGNET_TOKEN=' "$work/out.log"; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "readme-walkthrough: Vangnet did not start:" >&2; cat "$work/out.log" "$work/err.log" >&2; exit 1
  fi
  sleep 0.5
done
TOKEN=$(grep -o 'VANGNET_TOKEN=vgn_[A-Za-z0-9_-]*' "$work/out.log" | head -1 | cut -d= -f2)
[ -n "$TOKEN" ] || { echo "readme-walkthrough: no demo token printed:" >&2; cat "$work/out.log" >&2; exit 1; }
API="http://$ADMIN/api/v1" TOKEN="$TOKEN" python3 scripts/readme_walkthrough.py README.md

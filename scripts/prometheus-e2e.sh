#!/usr/bin/env bash
# Real-Prometheus integration test (run by ./test.sh after the Maven build): starts Vangnet (app/target/vangnet.jar,
# --demo, temp H2 store, loopback ports) and Debian's prometheus (temp storage, loopback listen address) with a test
# copy of the shipped deploy/prometheus/prometheus.yml (job vangnet, alerts.yml) whose only change is: the targets
# are the loopback admin port, and scrape and rule evaluation run every second. Drives a little proxy traffic that
# never leaves loopback (blocked demo names, loopback destinations, PAC and "Mijn afspraken"), then asserts through
# Prometheus' HTTP API that the target is up, the key series exist (EXPECTED_SERIES below), the gauges are numbers,
# and every alert rule evaluates without error; runs `promtool check metrics` on a scrape. Stops both by PID.
#   scripts/prometheus-e2e.sh
#   scripts/prometheus-e2e.sh --screenshot docs/images/prometheus-vangnet.png   # also render the README screenshot
# (scripts/dashboard-screenshot.sh does the latter: the pair then runs for about 2 minutes with traffic first.)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=app/target/vangnet.jar
ADMIN=127.0.0.1:18390
PROXY=127.0.0.1:13390
PROM=127.0.0.1:19390
screenshot=
if [ "${1:-}" = "--screenshot" ]; then screenshot=${2:?--screenshot needs a PNG file}; fi

# Series that must exist in Prometheus after a few scrapes of the demo node. Extend when meters are added.
EXPECTED_SERIES=(
  'up{job="vangnet"}'
  vangnet_snapshot_version vangnet_snapshot_data_version vangnet_snapshot_compiled_seconds
  vangnet_snapshot_load_consecutive_failures vangnet_snapshot_restricted_clients
  'vangnet_list_entries{list="gambling"}' vangnet_list_loaded_seconds 'vangnet_list_loads_total{result="ok"}'
  vangnet_lists_names
  'vangnet_decisions_restricted_total{outcome="block"}' 'vangnet_decisions_restricted_total{list="gambling"}'
  vangnet_decisions_unrestricted_total
  'vangnet_proxy_blocked_total{kind="http"}' 'vangnet_proxy_blocked_total{kind="connect"}'
  'vangnet_proxy_destination_refused_total{refusal="loopback"}' vangnet_proxy_pac_served_total
  vangnet_proxy_agreements_served_total vangnet_proxy_open_connections vangnet_proxy_open_tunnels
  vangnet_decision_cache_total
  jvm_memory_used_bytes jvm_threads_live_threads process_uptime_seconds
  vangnet_store_up vangnet_snapshot_last_success_seconds
  'vangnet_registrations{state="ACTIVE",basis="WZD"}' 'vangnet_registrations_in_effect{location="De Linde"}'
  'vangnet_evaluations_due_soon{location="De Linde"}' 'vangnet_evaluations_overdue{location="De Linde"}'
  vangnet_audit_events vangnet_audit_verify_ok vangnet_audit_verify_seconds
  'vangnet_admin_request_duration_seconds_count{route="/health"}'
  'vangnet_proxy_request_duration_seconds_count{listener="explicit",decision="block"}'
  'vangnet_relayed_bytes_total{listener="explicit"}' 'vangnet_upstream_connect_failures_total{listener="explicit"}'
  'vangnet_upstream_connect_duration_seconds_count{listener="explicit"}'
  'vangnet_list_last_success_seconds{list="gambling"}' netty_allocator_memory_used
)
# Gauges that must be a number (not NaN) on every instance.
NUMERIC_GAUGES=(vangnet_snapshot_version vangnet_proxy_open_connections vangnet_proxy_open_tunnels vangnet_lists_names
  vangnet_store_up vangnet_audit_verify_ok vangnet_audit_events)
# Micrometer's own meter names that `promtool check metrics` lints (abbreviated unit, _count suffix on a gauge);
# any other lint finding fails the test.
PROMTOOL_LINT_ALLOWED='^(process_cpu_time_ns_total|system_cpu_count) '

[ -f "$JAR" ] || { echo "prometheus-e2e: $JAR is missing: run mvn package (or ./test.sh) first" >&2; exit 1; }
scripts/ensure-prometheus.sh
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "prometheus-e2e: $tool is missing (apt-get install $tool)" >&2; exit 1; }
done
python3 -c 'import yaml' || { echo "prometheus-e2e: python3-yaml is missing (apt-get install python3-yaml)" >&2; exit 1; }

work=$(mktemp -d)
vangnet_pid=
prom_pid=
stop() {  # stop <pid>: TERM, wait up to 10 s, then KILL
  local pid=$1
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop "$prom_pid"
  stop "$vangnet_pid"
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "prometheus-e2e: FAILED: $*" >&2
  echo "--- Vangnet log (tail)" >&2; tail -n 30 "$work/vangnet.err" >&2 || true
  echo "--- Prometheus log (tail)" >&2; tail -n 30 "$work/prometheus.log" >&2 || true
  exit 1
}

env -u VANGNET_ADMIN_TOKEN VANGNET_STORE_H2_PATH="$work/vangnet" VANGNET_ADMIN_BIND="$ADMIN" \
  VANGNET_PROXY_BIND="$PROXY" java -jar "$JAR" run --demo >"$work/vangnet.out" 2>"$work/vangnet.err" &
vangnet_pid=$!

# The test copy of the shipped config: same job, path and rule file; loopback target; 1 s intervals.
python3 - "$work/prometheus.yml" "$ADMIN" <<'PY'
import sys, yaml
from pathlib import Path
out, admin = sys.argv[1], sys.argv[2]
shipped = Path("deploy/prometheus/prometheus.yml")
config = yaml.safe_load(shipped.read_text())
config["global"].update(scrape_interval="1s", scrape_timeout="1s", evaluation_interval="1s")
config["rule_files"] = [str((shipped.parent / f).resolve()) for f in config["rule_files"]]
jobs = [j for j in config["scrape_configs"] if j["job_name"] == "vangnet"]
assert len(jobs) == 1 and len(config["scrape_configs"]) == 1, "expected exactly the job vangnet"
jobs[0]["static_configs"] = [{"targets": [admin]}]
Path(out).write_text(yaml.safe_dump(config, sort_keys=False))
PY
promtool check config "$work/prometheus.yml" >/dev/null || fail "promtool check config of the test copy"

for _ in $(seq 1 120); do
  curl -fsS "http://$ADMIN/health" >/dev/null 2>&1 && break
  kill -0 "$vangnet_pid" 2>/dev/null || fail "Vangnet did not start"
  sleep 0.5
done
curl -fsS "http://$ADMIN/health" >/dev/null || fail "Vangnet /health did not answer within 60 s"

prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="$PROM" --storage.tsdb.retention.time=1h >"$work/prometheus.log" 2>&1 &
prom_pid=$!

render_graph() {  # render_graph <png>: Prometheus' graph page with the dashboard's key panels, headless, loopback only
  local out=$1 profile q url
  command -v chromium >/dev/null || { echo "prometheus-e2e: chromium is missing (apt-get install chromium)" >&2; return 1; }
  url="http://$PROM/graph?"
  local i=0
  for q in \
    'sum by (outcome, reason) (rate(vangnet_decisions_restricted_total{job="vangnet"}[15s]))' \
    'sum by (kind) (rate(vangnet_proxy_blocked_total{job="vangnet"}[15s]))'; do
    url+="g$i.expr=$(jq -rn --arg q "$q" '$q|@uri')&g$i.tab=0&g$i.range_input=2m&g$i.stacked=1&"
    i=$((i + 1))
  done
  profile=$(mktemp -d)
  chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars \
    --disable-background-networking --disable-component-update --disable-sync --no-first-run \
    --proxy-server=127.0.0.1:9 --proxy-bypass-list='<loopback>' \
    --user-data-dir="$profile" --window-size=1280,1420 --virtual-time-budget=15000 \
    --screenshot="$work/graph.png" "$url" >"$work/chromium.log" 2>&1 || { rm -rf "$profile"; cat "$work/chromium.log" >&2; return 1; }
  rm -rf "$profile"
  mkdir -p "$(dirname "$out")"
  cp "$work/graph.png" "$out"
  echo "prometheus-e2e: wrote $out ($(stat -c %s "$out") bytes)"
}

traffic() {  # one round of requests that stay on loopback: blocks (no DNS), refused loopback targets, PAC, agreements
  curl -s -o /dev/null -x "$PROXY" --interface 127.0.0.2 http://casino.example/ || true
  curl -s -o /dev/null -x "$PROXY" --interface 127.0.0.2 https://casino.example/ || true
  curl -s -o /dev/null -x "$PROXY" --interface 127.0.0.4 http://poker.example/ || true
  curl -s -o /dev/null -x "$PROXY" --interface 127.0.0.6 http://127.0.0.1:9/ || true
  curl -s -o /dev/null "http://$PROXY/proxy.pac" || true
  curl -s -o /dev/null --interface 127.0.0.2 "http://$PROXY/afspraken" || true
}
traffic

api() {  # api <path> [curl args]: GET Prometheus' HTTP API, fails unless status is success
  local body
  body=$(curl -fsS -G "http://$PROM$1" "${@:2}") || return 1
  [ "$(jq -r .status <<<"$body")" = success ] || return 1
  printf '%s' "$body"
}
for _ in $(seq 1 60); do
  health=$(api /api/v1/targets 2>/dev/null | jq -r '[.data.activeTargets[] | select(.labels.job=="vangnet") | .health] | join(",")' || true)
  [ "$health" = up ] && break
  kill -0 "$prom_pid" 2>/dev/null || fail "Prometheus exited"
  sleep 0.5
done
[ "$health" = up ] || fail "target of job vangnet not up (health: '${health:-none}')"
target=$(api /api/v1/targets | jq -c '.data.activeTargets[] | {scrapeUrl, health, lastError}')
echo "prometheus-e2e: target $target"
[ "$(jq -r .scrapeUrl <<<"$target")" = "http://$ADMIN/metrics" ] || fail "unexpected scrape URL: $target"

traffic
sleep 3   # a few more scrapes and rule evaluations
missing=()
for series in "${EXPECTED_SERIES[@]}"; do
  n=$(api /api/v1/query --data-urlencode "query=count($series)" | jq -r '.data.result[0].value[1] // "0"')
  [ "$n" != 0 ] || missing+=("$series")
done
[ ${#missing[@]} -eq 0 ] || fail "series missing in Prometheus: ${missing[*]}"
for gauge in "${NUMERIC_GAUGES[@]}"; do
  n=$(api /api/v1/query --data-urlencode "query=count($gauge != $gauge)" | jq -r '.data.result | length')
  [ "$n" = 0 ] || fail "$gauge is NaN"
done
blocked=$(api /api/v1/query --data-urlencode 'query=sum(vangnet_proxy_blocked_total{job="vangnet"})' \
  | jq -r '.data.result[0].value[1]')
[ "${blocked%.*}" -ge 4 ] || fail "expected at least 4 blocks counted after two rounds of traffic, got $blocked"
echo "prometheus-e2e: ${#EXPECTED_SERIES[@]} expected series present, $blocked blocks counted"

# every rule of alerts.yml was loaded and evaluates without error against the real series
rules=$(api /api/v1/rules)
n_rules=$(jq '[.data.groups[].rules[]] | length' <<<"$rules")
n_shipped=$(grep -cE '^\s*- (alert|record): ' deploy/prometheus/alerts.yml)
[ "$n_rules" = "$n_shipped" ] || fail "Prometheus loaded $n_rules rules, alerts.yml has $n_shipped"
bad=$(jq -r '[.data.groups[].rules[] | select(.health != "ok") | "\(.name): \(.health) \(.lastError)"] | join("; ")' <<<"$rules")
[ -z "$bad" ] || fail "alert rules with errors: $bad"
down=$(api /api/v1/alerts | jq -r '[.data.alerts[] | select(.labels.alertname == "VangnetNodeDown")] | length')
[ "$down" = 0 ] || fail "VangnetNodeDown is active for a node that is up"
echo "prometheus-e2e: $n_rules alert rules loaded, all healthy"

# promtool lints one scrape; only the allowed Micrometer names may be reported
curl -fsS "http://$ADMIN/metrics" >"$work/scrape.txt"
set +e
promtool check metrics <"$work/scrape.txt" >"$work/lint.txt" 2>&1
lint_rc=$?
set -e
case $lint_rc in
  0) ;;
  3) if grep -vE "$PROMTOOL_LINT_ALLOWED" "$work/lint.txt" | grep -q .; then
       fail "promtool check metrics: $(grep -vE "$PROMTOOL_LINT_ALLOWED" "$work/lint.txt")"
     fi ;;
  *) fail "promtool check metrics could not parse the scrape (exit $lint_rc): $(cat "$work/lint.txt")" ;;
esac
echo "prometheus-e2e: promtool check metrics OK ($(grep -c '^# TYPE' "$work/scrape.txt") metric families)"

if [ -n "$screenshot" ]; then
  # about 2 minutes of real data with a changing mix of traffic, then the graph page headless
  for round in $(seq 1 40); do
    traffic
    # a wave: 0 to 10 extra blocked requests per round
    for _ in $(seq 1 $(( (round % 20 < 10 ? round % 10 : 10 - round % 10) ))); do
      curl -s -o /dev/null -x "$PROXY" --interface 127.0.0.4 https://bet.example/ || true
      curl -s -o /dev/null -x "$PROXY" --interface 127.0.0.2 http://poker.example/ || true
    done
    sleep 3
  done
  render_graph "$screenshot"
fi
echo "prometheus-e2e: OK"

#!/usr/bin/env bash
# Side-by-side load comparison (issue 8): Vangnet against Squid and tinyproxy, with "direct" (no proxy) as ceiling.
#
#   bench/compare.sh            # prints the Markdown section to stdout
#   bench/compare.sh --write    # ... and replaces the section "## Side by side with Squid and tinyproxy
#                               #     (bench/compare.sh)" in docs/performance.md (the rest of the file is left alone)
#   RUNS=1 bench/compare.sh     # quick check: one run per cell instead of the median of 3
#   DURATION=5s bench/compare.sh
#   PROXIES=vangnet bench/compare.sh   # only some of squid, tinyproxy, vangnet
#
# What it does, from a fresh clone, as root:
#   - installs Debian's squid, tinyproxy, wrk and nginx-light when missing, with a policy-rc.d that keeps the
#     packages' services from starting (and stops any of their daemons that run anyway, by their pid files);
#   - builds app/target/vangnet.jar when missing (mvn -o package);
#   - writes every config to a temp dir: nginx as origin on 127.0.0.1 (/small: 13 bytes, /big: 1 MiB,
#     /bulk: 100 MiB; keep-alive on), squid (no cache, no disk cache, localhost only, runs as 'proxy'),
#     tinyproxy (localhost only, runs as 'proxy'), Vangnet from the jar with --demo on a temp H2 store (demo lists
#     loaded, so filtering is on), all on loopback ports; nothing but loopback is contacted during the runs;
#   - gives each proxy one unmeasured warm-up run (WARMUP, default 15s) after its start;
#   - pins each proxy to CPU 0 (taskset -c 0) and wrk, curl and nginx to CPU 1;
#   - workloads (wrk -t 1, at most DURATION each, default 10s):
#       small-ka   HTTP/1.1 GET /small, keep-alive, 64 connections (absolute-URI Lua script)
#       small-new  the same with 'Connection: close' (a new client connection per request)
#       big-1mib   GET /big (1 MiB), 16 connections, keep-alive
#       connect    100 MiB over one CONNECT tunnel (curl -p), plain HTTP inside the tunnel
#     each through squid, tinyproxy and Vangnet, and direct; the median run (by requests/s, for the tunnel by MiB/s)
#     of RUNS runs per cell is reported, with its p99 latency and MiB/s, and the RSS of each proxy after its runs;
#   - stops everything it started by PID on exit (trap) and deletes the temp dir.
#
# What it does not do yet:
#   - the load comes from 127.0.0.1 only, which the demo does not restrict: the restricted devices (127.0.0.2-7)
#     are not in the mix, so the restricted path (decisions, cache) is not under load;
#   - the ~1M domains from ../shared/data are not loaded (only the demo lists);
#   - CONNECT setup rate (plain and TLS), transparent TLS (SNI peek + splice), RSS at 2,000 connections, and the
#     squidGuard / e2guardian / privoxy peers are not measured;
#   - no profiling (async-profiler/JFR): that is a separate step.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

RUNS=${RUNS:-3}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-64}
BIG_CONNS=${BIG_CONNS:-16}
VANGNET_HEAP=${VANGNET_HEAP:-256m}
PROXIES=${PROXIES:-squid tinyproxy vangnet}
WARMUP=${WARMUP:-15s}   # one unmeasured small-ka run per proxy first (the JVM's JIT needs it; done for every proxy)
WRITE=
for arg in "$@"; do
  case "$arg" in
    --write) WRITE=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown argument '$arg' (known: --write, --help)" >&2; exit 2 ;;
  esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: RUNS must be a positive integer, got '$RUNS'" >&2; exit 2; }
[[ "$DURATION" =~ ^([1-9]|1[0-5])s$ ]] || { echo "compare.sh: DURATION must be 1s..15s, got '$DURATION'" >&2; exit 2; }
[[ "$WARMUP" =~ ^([1-9]|1[0-5])s$ ]] || { echo "compare.sh: WARMUP must be 1s..15s, got '$WARMUP'" >&2; exit 2; }

ORIGIN_PORT=18181
SQUID_PORT=18128
TINY_PORT=18129
VANGNET_PORT=18130
VANGNET_ADMIN_PORT=18180
ORIGIN=127.0.0.1:$ORIGIN_PORT
JAR=app/target/vangnet.jar

log() { echo "compare.sh: $*" >&2; }

# ---- packages
need=()
command -v squid >/dev/null || [ -x /usr/sbin/squid ] || need+=(squid)
command -v tinyproxy >/dev/null || [ -x /usr/bin/tinyproxy ] || need+=(tinyproxy)
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v taskset >/dev/null || need+=(util-linux)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "missing ${need[*]}; run as root or install them: sudo apt-get install ${need[*]}"
    exit 1
  fi
  log "installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  policy=/usr/sbin/policy-rc.d
  created_policy=
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && created_policy=1; fi
  apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; } \
    || { [ -z "$created_policy" ] || rm -f "$policy"; exit 1; }
  [ -z "$created_policy" ] || rm -f "$policy"
  # a service that started anyway (systemd ignores policy-rc.d) is stopped by the PID in its pid file
  for pidfile in /run/squid.pid /run/tinyproxy/tinyproxy.pid /run/nginx.pid; do
    if [ -s "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; fi
  done
fi
export PATH=$PATH:/usr/sbin:/sbin
if [ "$(id -u)" -ne 0 ]; then log "run as root (squid and tinyproxy drop to the 'proxy' user)"; exit 1; fi
if [ ! -f "$JAR" ]; then log "building $JAR"; mvn -q -o -B -DskipTests package >&2; fi

CPUS=$(nproc)
if [ "$CPUS" -ge 2 ]; then PROXY_CPU=(taskset -c 0); LOAD_CPU=(taskset -c 1)
else log "only one CPU: no pinning"; PROXY_CPU=(); LOAD_CPU=(); fi

# ---- temp dir and cleanup
TMP=$(mktemp -d /tmp/vn-bench.XXXXXX)
chmod 755 "$TMP"
PIDS=()
teardown() {
  local status=$?
  set +e
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
  [ -n "${KEEP_TMP:-}" ] && { log "kept $TMP"; exit $status; }
  rm -rf "$TMP"
  exit $status
}
trap teardown EXIT
trap 'exit 130' INT TERM
stop_pid() { # PID: stops one process we started, waits for it
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}
wait_for() { # WHAT PID COMMAND...: retries for at most 60 s while PID lives
  local what=$1 pid=$2; shift 2
  for _ in $(seq 120); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { log "$what exited"; return 1; }
    sleep 0.5
  done
  log "timed out waiting for $what"
  return 1
}
rss_mib() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }

# ---- origin: nginx
mkdir -p "$TMP/www" "$TMP/nginx"
printf 'hello vangnet' >"$TMP/www/small"
head -c $((1024 * 1024)) /dev/zero >"$TMP/www/big"
head -c $((100 * 1024 * 1024)) /dev/zero >"$TMP/www/bulk"
cat >"$TMP/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 1;
user nobody nogroup;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65s;
  keepalive_requests 1000000;
  client_body_temp_path $TMP/nginx/body;
  proxy_temp_path $TMP/nginx/proxy;
  fastcgi_temp_path $TMP/nginx/fastcgi;
  uwsgi_temp_path $TMP/nginx/uwsgi;
  scgi_temp_path $TMP/nginx/scgi;
  server {
    listen 127.0.0.1:$ORIGIN_PORT;
    root $TMP/www;
  }
}
EOF
"${LOAD_CPU[@]}" nginx -c "$TMP/nginx/nginx.conf" -p "$TMP/nginx" 2>"$TMP/nginx/stderr.log" &
PIDS+=($!)
wait_for "nginx" "${PIDS[-1]}" curl -sf -m 2 -o /dev/null "http://$ORIGIN/small"

# ---- squid
mkdir -p "$TMP/squid"
cat >"$TMP/squid/squid.conf" <<EOF
http_port 127.0.0.1:$SQUID_PORT
visible_hostname vangnet-bench
pid_filename $TMP/squid/squid.pid
cache_log $TMP/squid/cache.log
access_log none
cache_store_log none
coredump_dir $TMP/squid
cache deny all
cache_mem 0 MB
acl localnet src 127.0.0.1/32
http_access allow localnet
http_access deny all
cache_effective_user proxy
cache_effective_group proxy
dns_nameservers 127.0.0.1
pinger_enable off
shutdown_lifetime 1 seconds
max_filedescriptors 8192
EOF
chown -R proxy:proxy "$TMP/squid"

# ---- tinyproxy
mkdir -p "$TMP/tinyproxy"
cat >"$TMP/tinyproxy/tinyproxy.conf" <<EOF
User proxy
Group proxy
Port $TINY_PORT
Listen 127.0.0.1
Timeout 60
PidFile "$TMP/tinyproxy/tinyproxy.pid"
LogFile "$TMP/tinyproxy/tinyproxy.log"
LogLevel Critical
MaxClients 1024
Allow 127.0.0.1
DisableViaHeader Yes
EOF
chown -R proxy:proxy "$TMP/tinyproxy"

# ---- Vangnet: --demo on a temp store, demo lists loaded (filtering on), loopback origin allowed
mkdir -p "$TMP/vangnet"
start_vangnet() {
  VANGNET_STORE_H2_PATH="$TMP/vangnet/store" \
  VANGNET_PROXY_BIND="127.0.0.1:$VANGNET_PORT" \
  VANGNET_PROXY_ALLOWED_DESTINATIONS="127.0.0.1/32" \
  VANGNET_PROXY_MAX_CONNECTIONS_PER_CLIENT=4096 \
  VANGNET_ADMIN_BIND="127.0.0.1:$VANGNET_ADMIN_PORT" \
  VANGNET_ADMIN_TLS_DIR="$TMP/vangnet/admin-tls" \
  VANGNET_TRANSPARENT_CA_DIR="$TMP/vangnet/ca" \
  VANGNET_ADMIN_TOKEN="vgn_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')" \
    "${PROXY_CPU[@]}" java -Xmx"$VANGNET_HEAP" -Xms"$VANGNET_HEAP" -XX:+UseSerialGC -jar "$JAR" run --demo \
    >"$TMP/vangnet/vangnet.log" 2>&1 &
  echo $!
}

start_proxy() { # NAME: starts it pinned, prints its PID
  case "$1" in
    squid) "${PROXY_CPU[@]}" squid -N -f "$TMP/squid/squid.conf" >"$TMP/squid/stderr.log" 2>&1 & echo $! ;;
    tinyproxy) "${PROXY_CPU[@]}" tinyproxy -d -c "$TMP/tinyproxy/tinyproxy.conf" >"$TMP/tinyproxy/stderr.log" 2>&1 &
      echo $! ;;
    vangnet) start_vangnet ;;
  esac
}
proxy_port() { case "$1" in squid) echo $SQUID_PORT ;; tinyproxy) echo $TINY_PORT ;; vangnet) echo $VANGNET_PORT ;; esac; }

# ---- wrk scripts: absolute URI to the proxy, Host of the origin; done() prints one parsable line
wrk_script() { # FILE PATH ABSOLUTE(0/1)
  local target="/$2"
  [ "$3" = 1 ] && target="http://$ORIGIN/$2"
  cat >"$1" <<EOF
wrk.path = "$target"
wrk.headers["Host"] = "$ORIGIN"
done = function(summary, latency, requests)
  local s = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", summary.requests / s, latency:percentile(99) / 1000,
    summary.bytes / s / 1048576, e.connect + e.read + e.write + e.timeout, e.status))
end
EOF
}
for p in small big; do
  wrk_script "$TMP/$p-proxy.lua" "$p" 1
  wrk_script "$TMP/$p-direct.lua" "$p" 0
done

RESULTS=$TMP/results.txt   # workload proxy rps p99ms mibs sockerrs statuserrs
: >"$RESULTS"
run_wrk() { # WORKLOAD TARGET(direct|name) URLPORT SCRIPT CONNS [extra wrk args]
  local workload=$1 target=$2 port=$3 script=$4 conns=$5; shift 5
  local i line
  for i in $(seq "$RUNS"); do
    line=$("${LOAD_CPU[@]}" wrk -t 1 -c "$conns" -d "$DURATION" --timeout 5s -s "$script" "$@" \
      "http://127.0.0.1:$port/" 2>&1 | awk '/^RESULT/ {print $2, $3, $4, $5, $6}')
    [ -n "$line" ] || line="0 0 0 -1 -1"
    log "$workload $target run $i: rps p99ms MiB/s sockerr statuserr = $line"
    echo "$workload $target $line" >>"$RESULTS"
  done
}
run_connect() { # TARGET PORT(empty for direct)
  local target=$1 port=$2 i out speed code
  for i in $(seq "$RUNS"); do
    if [ -n "$port" ]; then
      out=$("${LOAD_CPU[@]}" curl -s -m 15 -p -x "http://127.0.0.1:$port" -o /dev/null \
        -w '%{http_code} %{speed_download}' "http://$ORIGIN/bulk" || true)
    else
      out=$("${LOAD_CPU[@]}" curl -s -m 15 -o /dev/null -w '%{http_code} %{speed_download}' "http://$ORIGIN/bulk" || true)
    fi
    code=${out%% *}; speed=${out##* }
    if [ "$code" = 200 ]; then
      line="- - $(awk -v b="$speed" 'BEGIN {printf "%.2f", b / 1048576}') 0 0"
    else
      line="0 0 0 -1 -1"
    fi
    log "connect $target run $i: $out"
    echo "connect-100mib $target $line" >>"$RESULTS"
  done
}
run_all() { # TARGET PORT(empty = direct)
  local target=$1 port=$2 suffix=proxy
  if [ -z "$port" ]; then suffix=direct; port=$ORIGIN_PORT; fi
  run_wrk small-ka "$target" "$port" "$TMP/small-$suffix.lua" "$CONNS"
  run_wrk small-new "$target" "$port" "$TMP/small-$suffix.lua" "$CONNS" -H "Connection: close"
  run_wrk big-1mib "$target" "$port" "$TMP/big-$suffix.lua" "$BIG_CONNS"
  if [ "$suffix" = direct ]; then run_connect "$target" ""; else run_connect "$target" "$port"; fi
}

declare -A RSS_IDLE RSS_AFTER
log "direct"
run_all direct ""
for proxy in $PROXIES; do
  pid=$(start_proxy "$proxy")
  PIDS+=("$pid")
  port=$(proxy_port "$proxy")
  if ! wait_for "$proxy" "$pid" curl -sf -m 2 -o /dev/null -x "http://127.0.0.1:$port" "http://$ORIGIN/small"; then
    log "$proxy did not answer; its logs:"; cat "$TMP/$proxy"/*.log >&2 || true; exit 1
  fi
  sleep 1
  RSS_IDLE[$proxy]=$(rss_mib "$pid")
  log "$proxy (pid $pid, RSS ${RSS_IDLE[$proxy]} MiB), warm-up $WARMUP"
  "${LOAD_CPU[@]}" wrk -t 1 -c "$CONNS" -d "$WARMUP" -s "$TMP/small-proxy.lua" "http://127.0.0.1:$port/" >/dev/null 2>&1 || true
  run_all "$proxy" "$port"
  RSS_AFTER[$proxy]=$(rss_mib "$pid")
  stop_pid "$pid"
done

# ---- report
median() { # WORKLOAD TARGET: the median run's line (by requests/s; the tunnel by MiB/s)
  local key=3
  [ "$1" = connect-100mib ] && key=5
  awk -v w="$1" -v t="$2" '$1 == w && $2 == t' "$RESULTS" | sort -g -k"$key","$key" \
    | awk '{a[NR] = $0} END {if (NR) print a[int((NR + 1) / 2)]}'
}
cpu_model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
# (awk reads all input: no SIGPIPE for the version commands under pipefail)
v_squid=$(squid -v 2>/dev/null | awk 'NR==1 {print $NF}' || true)
v_tiny=$(tinyproxy -v 2>&1 | awk 'NR==1 {print $NF}' || true)
v_wrk=$(wrk -v 2>&1 | awk 'NR==1 {print $2}' || true)
v_nginx=$(nginx -v 2>&1 | awk -F/ 'NR==1 {print $2}' || true)
v_java=$(java -version 2>&1 | awk -F'"' 'NR==1 {print $2}' || true)
v_vangnet=$(java -jar "$JAR" --version 2>/dev/null | awk 'NR==1' || true)
v_commit=$(git rev-parse --short HEAD 2>/dev/null || echo "?")

section() {
  echo "## Side by side with Squid and tinyproxy (bench/compare.sh)"
  echo
  echo "Run of \`RUNS=$RUNS bench/compare.sh --write\` on $(date -u '+%Y-%m-%d %H:%M UTC'): $CPUS CPUs ($cpu_model),"
  echo "$(uname -r). Each proxy pinned to CPU 0, wrk/curl and the nginx origin to CPU 1; everything on loopback."
  echo "Versions: Squid $v_squid, tinyproxy $v_tiny, wrk $v_wrk, nginx $v_nginx (origin), Java $v_java,"
  echo "Vangnet $v_vangnet (commit $v_commit; \`run --demo\`, demo lists loaded, \`-Xmx$VANGNET_HEAP -XX:+UseSerialGC\`)."
  echo "Squid: no cache (\`cache deny all\`, no cache_dir, \`cache_mem 0\`), one process (\`-N\`). tinyproxy: defaults,"
  echo "no Via header. Load from 127.0.0.1, which the demo does not restrict."
  echo
  echo "Each proxy gets one unmeasured \`wrk -d $WARMUP\` small keep-alive warm-up run after its start (JIT for the JVM)."
  echo "tinyproxy closes the client connection after each answer, which wrk counts as read errors."
  echo "Median of $RUNS run(s) per cell, \`wrk -t 1 -d $DURATION\`; small = 13-byte body. Errors = socket errors"
  echo "(connect/read/write/timeout) / non-2xx answers; the tunnel row is one \`curl -p\` fetching 100 MiB through CONNECT."
  echo
  echo "| workload | proxy | requests/s | p99 latency (ms) | MiB/s | errors | vs. Squid (req/s) | vs. direct (MiB/s) |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  local w t line sq dr rps p99 mib se st vs_sq vs_dr
  for w in small-ka small-new big-1mib connect-100mib; do
    sq=$(median "$w" squid | awk '{print $3}')
    dr=$(median "$w" direct | awk '{print $5}')
    for t in direct squid tinyproxy vangnet; do
      line=$(median "$w" "$t")
      [ -n "$line" ] || continue
      read -r _ _ rps p99 mib se st <<<"$line"
      vs_sq=-; vs_dr=-
      if [ "$rps" != - ] && [ "$t" != direct ] && [ "$t" != squid ] && [ -n "$sq" ] && [ "$sq" != - ]; then
        vs_sq=$(awk -v a="$rps" -v b="$sq" 'BEGIN {if (b > 0) printf "%.2f×", a / b; else print "-"}')
      fi
      if [ "$t" != direct ] && [ -n "$dr" ]; then
        vs_dr=$(awk -v a="$mib" -v b="$dr" 'BEGIN {if (b > 0) printf "%.0f %%", 100 * a / b; else print "-"}')
      fi
      local label=$w
      case "$w" in
        small-ka) label="small GET, keep-alive, $CONNS conns" ;;
        small-new) label="small GET, new connection per request, $CONNS conns" ;;
        big-1mib) label="1 MiB GET, keep-alive, $BIG_CONNS conns" ;;
        connect-100mib) label="CONNECT tunnel, 100 MiB, 1 tunnel" ;;
      esac
      echo "| $label | $t | $rps | $p99 | $mib | $se / $st | $vs_sq | $vs_dr |"
    done
  done
  echo
  echo "RSS of each proxy (MiB), idle after start and after all its runs:"
  echo
  echo "| proxy | idle | after the runs |"
  echo "|---|---:|---:|"
  for t in squid tinyproxy vangnet; do echo "| $t | ${RSS_IDLE[$t]:-?} | ${RSS_AFTER[$t]:-?} |"; done
}

log "raw results (workload target rps p99ms MiB/s sockerr statuserr):"; cat "$RESULTS" >&2
OUT=$TMP/section.md
section >"$OUT"
cat "$OUT"
if [ -n "$WRITE" ]; then
  DOC=docs/performance.md
  # replace the section (up to the next "## " heading or the end), or append it
  awk -v f="$OUT" '
    BEGIN { while ((getline l < f) > 0) sec = sec l "\n" }
    /^## Side by side with Squid and tinyproxy \(bench\/compare.sh\)/ { printf "%s", sec; skip = 1; done = 1; next }
    skip && /^## / { skip = 0; print "" }
    !skip { print }
    END { if (!done) printf "\n%s", sec }
  ' "$DOC" >"$TMP/performance.md"
  cp "$TMP/performance.md" "$DOC"
  log "wrote the section into $DOC"
fi

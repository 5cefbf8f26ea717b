#!/usr/bin/env bash
# Transparent-mode end-to-end suite in network namespaces (run by ./test.sh after the Maven build; needs root).
#
# Three namespaces, torn down on exit (and at start, after a crashed run):
#   vn-e2e-client  vn-cl: 192.168.77.10 (restricted: WZD registration blocking blocked.test) and 192.168.77.20
#                  (no registration); default route via 192.168.77.1. No proxy settings anywhere: names through
#                  curl --resolve, the source address through curl --interface.
#   vn-e2e-gw      vn-wifi 192.168.77.1/24, vn-wan 203.0.113.1/24, forwarding on; the nftables table printed by
#                  'vangnet firewall' (redirect TCP 80/443 to the transparent listeners :3129/:3130, drop QUIC,
#                  drop DoT/DoH for restricted devices); Vangnet itself (firewall.sync fills the restricted sets).
#   vn-e2e-inet    vn-inet 203.0.113.2/24; origins allowed.test (198.51.100.10) and blocked.test (198.51.100.11),
#                  HTTP and HTTPS with their own certificate (E2eOrigin), a DoT stand-in on 198.51.100.53:853, UDP
#                  receivers on :443 (QUIC) and :4443 (control), a status page on 127.0.0.1:8099.
# Every check prints 'ok - ...' or 'not ok - ...'; the exit status is non-zero when any failed.
#   scripts/transparent-e2e.sh           # needs app/target/vangnet.jar and app/target/test-classes (mvn verify)
#   E2E_KEEP_LOGS=1 scripts/...           # print Vangnet's and the origins' logs at the end
# Not root: says so loudly and exits 1 when CI is set, else 0 (the suite did not run).
set -euo pipefail
cd "$(dirname "$0")/.."

PREFIX=vn-e2e
NS_CLIENT=$PREFIX-client
NS_GW=$PREFIX-gw
NS_INET=$PREFIX-inet
RESTRICTED=192.168.77.10
FREE=192.168.77.20
ALLOWED_IP=198.51.100.10
BLOCKED_IP=198.51.100.11
DOT_IP=198.51.100.53
ADMIN=127.0.0.1:18080
STATUS=127.0.0.1:8099
JAR=app/target/vangnet.jar
TEST_CLASSES=app/target/test-classes
BLOCK_PAGE_TEXT="Deze website is nu niet beschikbaar"

if [ "$(id -u)" -ne 0 ]; then
  echo "################################################################################" >&2
  echo "# transparent-e2e: NOT RUN: the namespace suite needs root (ip netns, nft)." >&2
  echo "################################################################################" >&2
  if [ -n "${CI:-}" ]; then exit 1; fi
  exit 0
fi

missing=()
command -v ip >/dev/null || missing+=(iproute2)
command -v nft >/dev/null || missing+=(nftables)
command -v curl >/dev/null || missing+=(curl)
command -v openssl >/dev/null || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  echo "transparent-e2e: installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >/dev/null
fi
for f in "$JAR" "$TEST_CLASSES/nl/vangnet/app/e2e/E2eOrigin.class"; do
  [ -e "$f" ] || { echo "transparent-e2e: $f is missing; run the Maven build first (mvn verify)" >&2; exit 1; }
done

TMP=""
PIDS=()
cleanup_namespaces() {
  local ns
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^$PREFIX-" || true); do
    # processes still inside (from a crashed run) go first, by PID
    local pid
    for pid in $(ip netns pids "$ns" 2>/dev/null || true); do kill -9 "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
}
teardown() {
  local status=$?
  set +e
  if [ -n "${E2E_KEEP_LOGS:-}" ] && [ -n "$TMP" ]; then
    for log in "$TMP"/*.log; do echo "----- $log"; cat "$log"; done
  fi
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
  cleanup_namespaces
  [ -n "$TMP" ] && rm -rf "$TMP"
  exit $status
}
trap teardown EXIT
trap 'exit 130' INT TERM

cleanup_namespaces
TMP=$(mktemp -d /tmp/vn-e2e.XXXXXX)
in_client() { ip netns exec "$NS_CLIENT" "$@"; }
in_gw() { ip netns exec "$NS_GW" "$@"; }
in_inet() { ip netns exec "$NS_INET" "$@"; }

# ---- topology
ip netns add "$NS_CLIENT"
ip netns add "$NS_GW"
ip netns add "$NS_INET"
for ns in "$NS_CLIENT" "$NS_GW" "$NS_INET"; do ip -n "$ns" link set lo up; done
ip link add vn-cl netns "$NS_CLIENT" type veth peer name vn-wifi netns "$NS_GW"
ip link add vn-inet netns "$NS_INET" type veth peer name vn-wan netns "$NS_GW"
ip -n "$NS_CLIENT" addr add "$RESTRICTED/24" dev vn-cl
ip -n "$NS_CLIENT" addr add "$FREE/24" dev vn-cl
ip -n "$NS_CLIENT" link set vn-cl up
ip -n "$NS_CLIENT" route add default via 192.168.77.1
# tools without a source option (openssl s_client, bash /dev/udp) use the route's source: blocked.test's address is
# reached from the unrestricted address, everything else from the restricted one
ip -n "$NS_CLIENT" route add "$BLOCKED_IP/32" via 192.168.77.1 src "$FREE"
ip -n "$NS_GW" addr add 192.168.77.1/24 dev vn-wifi
ip -n "$NS_GW" addr add 203.0.113.1/24 dev vn-wan
ip -n "$NS_GW" link set vn-wifi up
ip -n "$NS_GW" link set vn-wan up
in_gw sysctl -q -w net.ipv4.ip_forward=1
ip -n "$NS_GW" route add 198.51.100.0/24 via 203.0.113.2
ip -n "$NS_INET" addr add 203.0.113.2/24 dev vn-inet
ip -n "$NS_INET" link set vn-inet up
for a in "$ALLOWED_IP" "$BLOCKED_IP" "$DOT_IP"; do ip -n "$NS_INET" addr add "$a/32" dev lo; done
ip -n "$NS_INET" route add 192.168.77.0/24 via 203.0.113.1

# ---- origins
keytool -genkeypair -alias origin -keyalg EC -groupname secp256r1 -dname CN=allowed.test \
  -ext SAN=dns:allowed.test,dns:blocked.test -validity 2 -keystore "$TMP/origin.p12" -storetype PKCS12 \
  -storepass e2e-pass -keypass e2e-pass >/dev/null 2>&1
keytool -exportcert -rfc -alias origin -keystore "$TMP/origin.p12" -storepass e2e-pass -file "$TMP/origin.pem" \
  >/dev/null 2>&1
ORIGIN_FP=$(openssl x509 -in "$TMP/origin.pem" -noout -fingerprint -sha256 | cut -d= -f2)
in_inet java -cp "$JAR:$TEST_CLASSES" nl.vangnet.app.e2e.E2eOrigin "$TMP/origin.p12" e2e-pass "$STATUS" \
  "$DOT_IP:853" "$ALLOWED_IP:443,$BLOCKED_IP:443,$ALLOWED_IP:4443,$BLOCKED_IP:4443" \
  "allowed.test=$ALLOWED_IP" "blocked.test=$BLOCKED_IP" >"$TMP/origin.log" 2>&1 &
PIDS+=($!)

# ---- Vangnet's settings, store and firewall
printf '%s allowed.test\n%s blocked.test\n' "$ALLOWED_IP" "$BLOCKED_IP" >"$TMP/hosts"
printf '# e2e resolver\n%s\n' "$DOT_IP" >"$TMP/doh.txt"
cat >"$TMP/e2e.properties" <<EOF
store.h2-path=$TMP/store
proxy.enabled=false
proxy.hosts-file=$TMP/hosts
proxy.dns=false
admin.enabled=true
admin.bind=$ADMIN
transparent.http-bind=0.0.0.0:3129
transparent.tls-bind=0.0.0.0:3130
firewall.interface=vn-wifi
firewall.sync=true
firewall.doh-endpoints=$TMP/doh.txt
snapshot.poll-interval=PT1S
EOF
java -cp "$JAR:$TEST_CLASSES" nl.vangnet.app.e2e.E2eSeed "$TMP/store" >"$TMP/seed.log" 2>&1 \
  || { cat "$TMP/seed.log" >&2; exit 1; }
java -jar "$JAR" firewall --config "$TMP/e2e.properties" >"$TMP/vangnet.nft"
in_gw nft -c -f "$TMP/vangnet.nft"
in_gw nft -f "$TMP/vangnet.nft"
in_gw java -jar "$JAR" run --config "$TMP/e2e.properties" >"$TMP/vangnet.log" 2>&1 &
PIDS+=($!)

wait_for() { # DESCRIPTION COMMAND...: retries for at most 30 s
  local what=$1; shift
  for _ in $(seq 60); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "transparent-e2e: timed out waiting for $what" >&2
  return 1
}
wait_for "the origins" in_inet curl -sf -m 2 "http://$STATUS/"
wait_for "Vangnet's admin API" in_gw curl -sf -m 2 "http://$ADMIN/health"

# ---- checks
FAILED=0
PASSED=0
ok() { echo "ok - $1"; PASSED=$((PASSED + 1)); }
not_ok() { echo "not ok - $1${2:+ ($2)}"; FAILED=$((FAILED + 1)); }
check() { # DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then ok "$what"; else not_ok "$what"; fi
}
status() { in_inet curl -sf -m 5 "http://$STATUS/" | awk -v k="$1 $2" '$1" "$2 == k {print $3}'; }
counter() { in_gw nft list counter inet vangnet "$1" | awk '/packets/ {print $2}'; }
fetch() { # SOURCE NAME PORT ADDRESS SCHEME [curl options]: prints the body; curl's exit status
  local src=$1 name=$2 port=$3 addr=$4 scheme=$5; shift 5
  in_client curl -sS -m 5 --interface "$src" --resolve "$name:$port:$addr" "$@" "$scheme://$name/" 2>>"$TMP/curl.log"
}
fingerprint() { # ADDRESS SERVERNAME: the SHA-256 fingerprint of the certificate the client sees
  in_client timeout 5 openssl s_client -connect "$1:443" -servername "$2" </dev/null 2>/dev/null \
    | openssl x509 -noout -fingerprint -sha256 2>/dev/null | cut -d= -f2
}
set_holds() { in_gw nft list set inet vangnet restricted_v4 | grep -q "$RESTRICTED"; }

# firewall sync: the restricted device's address, and only that one
if wait_for "the restricted set" set_holds; then ok "sync: restricted_v4 holds $RESTRICTED"
else not_ok "sync: restricted_v4 holds $RESTRICTED"; fi
check "sync: restricted_v4 does not hold $FREE" bash -c "! ip netns exec $NS_GW nft list set inet vangnet restricted_v4 | grep -q '$FREE'"
check "sync: restricted_mac holds the device's MAC, lower-cased" \
  bash -c "ip netns exec $NS_GW nft list set inet vangnet restricted_mac | grep -q '02:00:5e:77:00:10'"

# restricted client, allowed site
body=$(fetch "$RESTRICTED" allowed.test 443 "$ALLOWED_IP" https --cacert "$TMP/origin.pem" || true)
check "restricted: allowed HTTPS reaches the origin with its own certificate" test "$body" = "origin allowed.test"
fp=$(fingerprint "$ALLOWED_IP" allowed.test || true)
check "restricted: allowed HTTPS certificate fingerprint is the origin's (no interception)" test "$fp" = "$ORIGIN_FP"
body=$(fetch "$RESTRICTED" allowed.test 80 "$ALLOWED_IP" http || true)
check "restricted: allowed HTTP reaches the origin" test "$body" = "origin allowed.test"

# restricted client, blocked site
before=$(status https blocked.test)
if fetch "$RESTRICTED" blocked.test 443 "$BLOCKED_IP" https --cacert "$TMP/origin.pem" >/dev/null; then
  not_ok "restricted: blocked HTTPS is refused" "curl succeeded"
else
  ok "restricted: blocked HTTPS is refused"
fi
check "restricted: the blocked origin saw no HTTPS request" test "$(status https blocked.test)" = "$before"
code=$(fetch "$RESTRICTED" blocked.test 80 "$BLOCKED_IP" http -o "$TMP/block.html" -w '%{http_code}' || true)
check "restricted: blocked HTTP gets 403" test "$code" = "403"
check "restricted: blocked HTTP gets the block page" grep -qs "$BLOCK_PAGE_TEXT" "$TMP/block.html"
body=$(fetch "$RESTRICTED" allowed.test 443 "$BLOCKED_IP" https --cacert "$TMP/origin.pem" || true)
check "restricted: SNI allowed.test sent to blocked.test's address reaches the allowed origin" \
  test "$body" = "origin allowed.test"
if in_client curl -sS -m 5 -k --interface "$RESTRICTED" "https://$ALLOWED_IP/" >/dev/null 2>>"$TMP/curl.log"; then
  not_ok "restricted: TLS without SNI is refused" "curl succeeded"
else
  ok "restricted: TLS without SNI is refused"
fi

# unrestricted client
body=$(in_client curl -sS -m 5 -k --interface "$FREE" "https://$ALLOWED_IP/" 2>>"$TMP/curl.log" || true)
check "unrestricted: TLS without SNI works" test "$body" = "origin allowed.test"
body=$(fetch "$FREE" blocked.test 80 "$BLOCKED_IP" http || true)
check "unrestricted: blocked.test over HTTP reaches the origin" test "$body" = "origin blocked.test"
body=$(fetch "$FREE" blocked.test 443 "$BLOCKED_IP" https --cacert "$TMP/origin.pem" || true)
check "unrestricted: blocked.test over HTTPS reaches the origin" test "$body" = "origin blocked.test"
fp=$(fingerprint "$BLOCKED_IP" blocked.test || true)
check "unrestricted: blocked.test certificate fingerprint is the origin's" test "$fp" = "$ORIGIN_FP"

# QUIC: UDP 443 from both addresses (sources by route: $ALLOWED_IP from $RESTRICTED, $BLOCKED_IP from $FREE)
quic_before=$(counter quic_dropped)
for _ in 1 2 3; do
  in_client bash -c "printf 'quic' >/dev/udp/$ALLOWED_IP/443; printf 'quic' >/dev/udp/$BLOCKED_IP/443;
    printf 'udp' >/dev/udp/$ALLOWED_IP/4443; printf 'udp' >/dev/udp/$BLOCKED_IP/4443"
done
sleep 1
check "QUIC: no UDP 443 datagram from the restricted address arrived" test "$(status udp "$ALLOWED_IP:443")" = 0
check "QUIC: no UDP 443 datagram from the unrestricted address arrived" test "$(status udp "$BLOCKED_IP:443")" = 0
check "QUIC: the quic_dropped counter rose by at least 6" test "$(counter quic_dropped)" -ge $((quic_before + 6))
check "QUIC control: UDP 4443 datagrams from both addresses arrived" \
  test "$(status udp "$ALLOWED_IP:4443")" -ge 1 -a "$(status udp "$BLOCKED_IP:4443")" -ge 1

# DNS over TLS
dot_before=$(counter dot_dropped)
out=$(in_client curl -sS -m 4 --interface "$RESTRICTED" "telnet://$DOT_IP:853" </dev/null 2>>"$TMP/curl.log" || true)
check "DoT: restricted connection to $DOT_IP:853 is dropped" test -z "$out"
check "DoT: the dot_dropped counter rose" test "$(counter dot_dropped)" -gt "$dot_before"
out=$(in_client curl -sS -m 4 --interface "$FREE" "telnet://$DOT_IP:853" </dev/null 2>>"$TMP/curl.log" || true)
check "DoT: unrestricted connection to $DOT_IP:853 connects" test "$out" = "dot"

# Vangnet's own view (admin API inside the gateway namespace): the routes it took and the hellos it saw
metric() { # NAME{LABELS} -> value (0 when absent)
  ip netns exec "$NS_GW" curl -sS -m 5 "http://$ADMIN/metrics" 2>/dev/null \
    | awk -v k="$1" 'index($0, k" ") == 1 { v = $2 } END { print (v == "" ? 0 : int(v)) }'
}
check "metrics: unrestricted TLS went to the original destination (SO_ORIGINAL_DST)" \
  test "$(metric 'vangnet_transparent_forwarded_total{kind="tls",route="original"}')" -ge 1
check "metrics: the allowed SNI to a blocked address was re-routed to the name's address" \
  test "$(metric 'vangnet_transparent_forwarded_total{kind="tls",route="mismatch_resolved"}')" -ge 1
check "metrics: the TLS listener counted hellos without SNI" \
  test "$(metric 'vangnet_transparent_hello_total{outcome="no_sni"}')" -ge 2
check "metrics: blocked TLS and HTTP were counted" \
  test "$(metric 'vangnet_transparent_blocked_total{block_page="false",kind="tls"}')" -ge 1 \
  -a "$(metric 'vangnet_transparent_blocked_total{block_page="true",kind="http"}')" -ge 1
if ip netns exec "$NS_GW" curl -sS -m 5 "http://$ADMIN/metrics" 2>/dev/null | grep -qE '192\.168\.77\.|allowed\.test|blocked\.test'; then
  not_ok "metrics: no client address or host name in /metrics"
else
  ok "metrics: no client address or host name in /metrics"
fi

echo "# transparent-e2e: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]

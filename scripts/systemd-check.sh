#!/usr/bin/env bash
# Checks deploy/systemd/ (test.sh runs it): the unit, and the unit with its firewall-sync drop-in, pass
# `systemd-analyze verify` with no warning at all (it exits 0 on unknown keys, so any output fails here), and the
# unit keeps its hardening: a system user, no capability (CAP_NET_ADMIN only in the drop-in), read-only system,
# writable state directory only, no new privileges, the environment file. Without systemd-analyze the verify step
# is skipped with a note (the hardening checks still run).
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "systemd-check: FAIL: $*" >&2; exit 1; }
unit=deploy/systemd/vangnet.service
dropin=deploy/systemd/vangnet.service.d/firewall-sync.conf

require() { grep -qxF "$1" "$2" || fail "$2 lacks the line: $1"; }
for line in User=vangnet Group=vangnet NoNewPrivileges=yes ProtectSystem=strict ReadWritePaths=/var/lib/vangnet \
    CapabilityBoundingSet= AmbientCapabilities= EnvironmentFile=-/etc/vangnet/vangnet.env PrivateTmp=yes \
    ProtectHome=yes Restart=on-failure RestartPreventExitStatus=2; do
  require "$line" "$unit"
done
require CapabilityBoundingSet=CAP_NET_ADMIN "$dropin"
require AmbientCapabilities=CAP_NET_ADMIN "$dropin"
[ "$(grep -c '^[A-Za-z]' "$dropin")" = 2 ] || fail "$dropin must grant CAP_NET_ADMIN and nothing else"
echo "systemd-check: ok: hardening lines present; CAP_NET_ADMIN only in the firewall-sync drop-in"

if ! command -v systemd-analyze >/dev/null 2>&1; then
  echo "systemd-check: note: systemd-analyze is not installed; 'systemd-analyze verify' SKIPPED" >&2
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
verify() {
  local file=$1 out
  out=$(systemd-analyze verify "$file" 2>&1) || fail "systemd-analyze verify $file: $out"
  [ -z "$out" ] || fail "systemd-analyze verify $file warns: $out"
}
cp "$unit" "$work/vangnet.service"
verify "$work/vangnet.service"
# the unit as systemd sees it with the drop-in: the drop-in's [Service] lines appended to the unit's [Service]
mkdir -p "$work/with-dropin"
awk -v dropin="$dropin" '
  /^\[Install\]/ { while ((getline l < dropin) > 0) if (l ~ /^[A-Za-z]/) print l; print "" }
  { print }' "$unit" >"$work/with-dropin/vangnet.service"
grep -qx AmbientCapabilities=CAP_NET_ADMIN "$work/with-dropin/vangnet.service" || fail "drop-in merge failed"
verify "$work/with-dropin/vangnet.service"
echo "systemd-check: ok: systemd-analyze verify (unit, and unit with the firewall-sync drop-in)"

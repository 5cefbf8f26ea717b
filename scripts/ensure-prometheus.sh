#!/usr/bin/env bash
# Makes sure Debian's prometheus package (prometheus and promtool, 2.42) is installed; installs it when missing and
# we are root. The package's own service is not started (there is no systemd in CI; on a machine with systemd the
# scripts here never use it and leave it as the package set it up).
#   scripts/ensure-prometheus.sh
set -euo pipefail
if command -v promtool >/dev/null && command -v prometheus >/dev/null; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-prometheus: promtool/prometheus missing; install Debian's package: sudo apt-get install prometheus" >&2
  exit 1
fi
echo "ensure-prometheus: installing Debian package prometheus" >&2
export DEBIAN_FRONTEND=noninteractive
# policy-rc.d refuses service starts during the install, so the package's daemon is not started (exit 101 = deny)
policy=/usr/sbin/policy-rc.d
created_policy=
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && created_policy=1
fi
trap '[ -z "$created_policy" ] || rm -f "$policy"' EXIT
apt-get install -y -qq prometheus >/dev/null 2>&1 \
  || { apt-get update -qq && apt-get install -y -qq prometheus >/dev/null; }
command -v promtool >/dev/null && command -v prometheus >/dev/null

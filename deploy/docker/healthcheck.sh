#!/bin/sh
# Container health check of a Vangnet node (Dockerfile HEALTHCHECK). Exit 0 when the node answers, 1 otherwise.
# Which URL, by the node's role (from the same VANGNET_* variables the node reads):
#   VANGNET_HEALTH_URL set                  -> that URL
#   admin API on (VANGNET_ADMIN_ENABLED)     -> /health on the port of VANGNET_ADMIN_BIND; https unless
#                                              VANGNET_ADMIN_TLS=off (admin.tls=auto is TLS on a non-loopback bind)
#   proxy node with VANGNET_METRICS_BIND     -> http /health on that port (the listener with /health and /metrics)
#   proxy node without it                   -> http /proxy.pac on the port of VANGNET_PROXY_BIND
# The certificate is not verified: this only checks that the node in this container answers on loopback.
set -eu
port_of() { printf '%s' "${1##*:}"; }
url="${VANGNET_HEALTH_URL:-}"
if [ -z "$url" ]; then
  if [ "${VANGNET_ADMIN_ENABLED:-true}" != "false" ]; then
    scheme=https
    [ "${VANGNET_ADMIN_TLS:-auto}" = "off" ] && scheme=http
    url="$scheme://127.0.0.1:$(port_of "${VANGNET_ADMIN_BIND:-127.0.0.1:8080}")/health"
  elif [ -n "${VANGNET_METRICS_BIND:-}" ]; then
    url="http://127.0.0.1:$(port_of "$VANGNET_METRICS_BIND")/health"
  else
    url="http://127.0.0.1:$(port_of "${VANGNET_PROXY_BIND:-127.0.0.1:3128}")/proxy.pac"
  fi
fi
exec curl --silent --show-error --fail --insecure --max-time 4 --output /dev/null --noproxy '*' "$url"

#!/usr/bin/env bash
# Checks the container deployment files without a Docker engine (test.sh runs it; CI must not skip it):
#   1. docker-compose.yml validates (`docker-compose config -q`) with deploy/compose.env.example as its .env, and
#      refuses to validate without it (the secrets are required `${VAR:?...}` values, never literals in the file);
#      every PASSWORD/TOKEN/SECRET value in the compose file is such a required variable;
#      the files it mounts from deploy/ are the ones the Prometheus/Grafana helpers ship (reported when missing).
#   2. The Dockerfile: multi-stage, runtime on a JRE 17, a final USER that is not root, a HEALTHCHECK, no secret
#      in ENV/ARG, and every COPY source present in the build context (and not excluded by .dockerignore).
#   3. deploy/docker/healthcheck.sh picks the right URL for each node role (run with a stand-in curl).
# Installs Debian's docker-compose package when it is missing (as root; needs no engine for `config`).
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "compose-check: FAIL: $*" >&2; exit 1; }
ok() { echo "compose-check: ok: $*"; }

if ! command -v docker-compose >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] || fail "docker-compose is missing; install it: sudo apt-get install docker-compose"
  echo "compose-check: installing Debian's docker-compose package" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null; }
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- 1. docker-compose.yml ---
# Run from a copy so that an operator's own .env next to the file never takes part.
cp docker-compose.yml "$work/docker-compose.yml"
mkdir -p "$work/deploy"
cp -r deploy/. "$work/deploy/"
cp deploy/compose.env.example "$work/.env"
(cd "$work" && docker-compose -f docker-compose.yml config -q) || fail "docker-compose config rejects the file"
ok "docker-compose config -q with deploy/compose.env.example"
rm "$work/.env"
if (cd "$work" && docker-compose -f docker-compose.yml config -q) >"$work/noenv.log" 2>&1; then
  fail "docker-compose.yml validates without .env: a secret has a default or is missing its \${VAR:?...}"
fi
grep -q 'Missing mandatory value' "$work/noenv.log" || fail "unexpected error without .env: $(cat "$work/noenv.log")"
ok "without .env the required secrets stop docker-compose"
# every secret-looking value is a required variable, never a literal or a default
bad=$(grep -nE '^\s*[A-Z0-9_]*(PASSWORD|TOKEN|SECRET)[A-Z0-9_]*\s*:' docker-compose.yml \
  | grep -vE ':\s*\$\{[A-Z0-9_]+:\?[^}]+\}\s*$' || true)
[ -z "$bad" ] || fail "secret values must be \${VAR:?message}:"$'\n'"$bad"
grep -qE '^\s*[A-Z0-9_]*(PASSWORD|TOKEN)[A-Z0-9_]*=CHANGE-ME' deploy/compose.env.example \
  || fail "deploy/compose.env.example should mark its secrets CHANGE-ME"
ok "secrets only as required variables"
for service in postgres admin-api proxy-1 proxy-2 prometheus grafana; do
  grep -qE "^  $service:" docker-compose.yml || fail "service $service missing"
done
services_without_healthcheck=$(cd "$work" && cp "$OLDPWD/deploy/compose.env.example" .env \
  && docker-compose -f docker-compose.yml config | python3 -c '
import sys, yaml
doc = yaml.safe_load(sys.stdin)
image_health = {"admin-api", "proxy-1", "proxy-2"}  # HEALTHCHECK of the Dockerfile
print(" ".join(n for n, s in doc["services"].items() if "healthcheck" not in s and n not in image_health))')
[ -z "$services_without_healthcheck" ] || fail "services without a health check: $services_without_healthcheck"
ok "every service has a health check"
for mounted in deploy/prometheus/prometheus.yml deploy/prometheus/alerts.yml deploy/grafana/provisioning \
    deploy/grafana/dashboards; do
  [ -e "$mounted" ] || echo "compose-check: note: $mounted (mounted by docker-compose.yml) is not in this tree yet" >&2
done

# --- 2. Dockerfile ---
df=Dockerfile
[ "$(grep -cE '^FROM ' "$df")" -ge 2 ] || fail "$df must be multi-stage (a build stage and a runtime stage)"
grep -qE '^ARG RUNTIME_IMAGE=.*17-jre' "$df" || fail "$df: the runtime stage must be a JRE 17 image"
last_user=$(grep -E '^USER ' "$df" | tail -n 1 | awk '{print $2}')
[ -n "$last_user" ] || fail "$df has no USER: the node would run as root"
case "${last_user%%:*}" in root|0) fail "$df: the final USER is root" ;; esac
grep -qE '^HEALTHCHECK ' "$df" || fail "$df has no HEALTHCHECK"
if grep -nE '^(ENV|ARG)\b.*(PASSWORD|TOKEN|SECRET)' "$df"; then fail "$df bakes a secret into the image"; fi
while read -r src; do
  [ -e "$src" ] || fail "$df copies $src, which does not exist"
  while read -r pattern; do
    case "$pattern" in ''|'#'*) continue ;; esac
    pattern=${pattern%/}
    # shellcheck disable=SC2053
    if [[ "$src" == $pattern || "$src" == $pattern/* ]]; then fail "$df copies $src, but .dockerignore excludes it"; fi
  done < .dockerignore
done < <(grep -E '^COPY ' "$df" | grep -v -- '--from=' | awk '{for (i = 2; i < NF; i++) print $i}')
ok "$df: multi-stage, JRE 17, USER $last_user, HEALTHCHECK, no baked secrets, COPY sources present"

# --- 3. the health check's URL per role ---
mkdir -p "$work/bin"
printf '#!/bin/sh\nfor a; do last=$a; done\necho "$last"\n' >"$work/bin/curl"
chmod +x "$work/bin/curl"
hc() { env -i PATH="$work/bin:/usr/bin:/bin" "$@" sh deploy/docker/healthcheck.sh; }
expect() {
  local want=$1; shift
  local got; got=$(hc "$@")
  [ "$got" = "$want" ] || fail "healthcheck.sh with $*: wanted $want, got $got"
}
expect https://127.0.0.1:8080/health
expect https://127.0.0.1:8443/health VANGNET_ADMIN_BIND=0.0.0.0:8443
expect http://127.0.0.1:8080/health VANGNET_ADMIN_TLS=off
expect http://127.0.0.1:9100/health VANGNET_ADMIN_ENABLED=false VANGNET_METRICS_BIND=0.0.0.0:9100
expect http://127.0.0.1:3128/proxy.pac VANGNET_ADMIN_ENABLED=false VANGNET_PROXY_BIND=0.0.0.0:3128
expect http://127.0.0.1:1/x VANGNET_HEALTH_URL=http://127.0.0.1:1/x
ok "healthcheck.sh chooses the URL by role"
echo "compose-check: all checks passed"

#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for the store test suite: loopback only, trust authentication, user
# "postgres", under a temp dir, fsync off. Installs Debian's postgresql package when PostgreSQL 15 is missing.
#
#   scripts/pg-test-cluster.sh start    # install if needed, initdb, start (idempotent: no-op when running)
#   scripts/pg-test-cluster.sh url      # print the JDBC URL for -Dvangnet.test.pg.url=...
#   scripts/pg-test-cluster.sh status   # exit 0 when running
#   scripts/pg-test-cluster.sh stop     # stop and delete the cluster (idempotent)
#
# Environment: VANGNET_PG_PORT (default 55432), VANGNET_PG_DIR (default ${TMPDIR:-/tmp}/vangnet-pg-test).
set -euo pipefail

PORT="${VANGNET_PG_PORT:-55432}"
DIR="${VANGNET_PG_DIR:-${TMPDIR:-/tmp}/vangnet-pg-test}"
PGBIN=/usr/lib/postgresql/15/bin
DATA="$DIR/data"

die() { echo "pg-test-cluster: $*" >&2; exit 1; }

# PostgreSQL refuses to run as root: run its tools as user postgres then.
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

install_postgres() {
  [ -x "$PGBIN/initdb" ] && return 0
  echo "pg-test-cluster: PostgreSQL 15 not found, installing Debian package postgresql" >&2
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  [ -x "$PGBIN/initdb" ] || die "installed postgresql, but $PGBIN/initdb is still missing (not version 15?)"
}

running() {
  [ -f "$DATA/PG_VERSION" ] && as_pg "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

start() {
  install_postgres
  if running; then
    echo "pg-test-cluster: already running on 127.0.0.1:$PORT ($DATA)" >&2
    return 0
  fi
  if [ "$(id -u)" = 0 ]; then
    install -d -o postgres -g postgres "$DIR"
  else
    install -d "$DIR"
  fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    as_pg "$PGBIN/initdb" -D "$DATA" -A trust -U postgres -E UTF8 --no-sync >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
  fi
  as_pg "$PGBIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c full_page_writes=off" start >/dev/null \
    || { tail -n 20 "$DIR/server.log" >&2 || true; die "could not start PostgreSQL on 127.0.0.1:$PORT"; }
  echo "pg-test-cluster: running on 127.0.0.1:$PORT ($DATA)" >&2
}

stop() {
  if running; then
    as_pg "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
  fi
  rm -rf "$DIR"
  echo "pg-test-cluster: stopped" >&2
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) echo "jdbc:postgresql://127.0.0.1:$PORT/postgres?user=postgres" ;;
  status) running ;;
  *) echo "usage: $0 start|stop|url|status" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Runs Vangnet all-in-one (store + proxy + admin API in one JVM). Builds the launcher jar first when it is
# missing or older than the sources. Arguments go to the launcher; without arguments it runs `run`.
#   ./vangnet.sh run --demo          # demo data, embedded H2 store under ./data
#   ./vangnet.sh --help
set -euo pipefail
cd "$(dirname "$0")"
jar=app/target/vangnet.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml */pom.xml */src/main -newer "$jar" -print -quit)" ]; then
  echo "vangnet.sh: building the launcher (mvn package, tests skipped; run ./test.sh for the tests)..." >&2
  mvn -q -B -DskipTests package >&2
fi
if [ $# -eq 0 ]; then set -- run; fi
exec java ${VANGNET_JAVA_OPTS:-} -jar "$jar" "$@"

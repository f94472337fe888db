#!/usr/bin/env bash
# The demo cutover on PostgreSQL against the same run on H2, measured in one run of this script: the end-to-end test
# (io.mailferry.e2e.CutoverDemoEndToEndTest: every task submitted from its form's defaults, every message checked)
# first on the in-memory H2, then on a PostgreSQL started by src/test/postgresql/start-postgresql.sh (fsync on),
# RUNS times each, alternating. Prints each run's cutover time as the test measured it (from the start request to
# the end event), the medians, their ratio, and how often PostgreSQL logged "deadlock detected".
# Usage: bench/demo-cutover-db.sh [RUNS]   (default 3; PostgreSQL is installed from Debian packages when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
pg_dir=$(mktemp -d)
trap 'src/test/postgresql/stop-postgresql.sh "$pg_dir" >/dev/null' EXIT
POSTGRES_PORT=${POSTGRES_PORT:-15442} src/test/postgresql/start-postgresql.sh "$pg_dir" >/dev/null
set -a; . "$pg_dir/env"; set +a
mvn -q -B -ntp test-compile -Dspotless.check.skip=true

cutover_ms() { # $1 = log; the test prints "Demo cutover end to end: N ms"
  sed -n 's/.*Demo cutover end to end: \([0-9]*\) ms.*/\1/p' "$1" | tail -1
}
reset_pg() {
  PGPASSWORD=$POSTGRES_PASSWORD "$POSTGRES_BIN/psql" -q -h 127.0.0.1 -p "$POSTGRES_PORT" -U "$POSTGRES_USER" \
    -d mailferry -c 'DROP SCHEMA public CASCADE' -c 'CREATE SCHEMA public' >/dev/null 2>&1
  rm -f target/bench-demo-cutover.key
}
h2=() pg=()
for i in $(seq 1 "$runs"); do
  log=target/bench-demo-cutover-h2-$i.log
  mvn -q -B -ntp -o surefire:test -Dtest=CutoverDemoEndToEndTest -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1 \
    || { echo "H2 run $i failed, see $log"; exit 1; }
  h2+=("$(cutover_ms "$log")")
  reset_pg
  log=target/bench-demo-cutover-pg-$i.log
  mvn -q -B -ntp -o surefire:test -Dtest=CutoverDemoEndToEndTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dspring.datasource.url="$POSTGRES_URL" -Dspring.datasource.username="$POSTGRES_USER" \
    -Dspring.datasource.password="$POSTGRES_PASSWORD" \
    -Dmailferry.secrets.master-key-file="$PWD/target/bench-demo-cutover.key" >"$log" 2>&1 \
    || { echo "PostgreSQL run $i failed, see $log"; exit 1; }
  pg+=("$(cutover_ms "$log")")
  echo "run $i: H2 ${h2[-1]} ms, PostgreSQL ${pg[-1]} ms"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mh2=$(median "${h2[@]}") mpg=$(median "${pg[@]}")
deadlocks=$(grep -c "deadlock detected" "$pg_dir/postgresql.log" || true)
echo "demo cutover, median of $runs: H2 $mh2 ms, PostgreSQL $mpg ms; PostgreSQL / H2 = $(awk "BEGIN {printf \"%.2f\", $mpg / $mh2}")"
echo "\"deadlock detected\" in the PostgreSQL log: $deadlocks"

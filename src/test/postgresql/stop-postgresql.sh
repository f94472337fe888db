#!/usr/bin/env bash
# Stops the PostgreSQL server start-postgresql.sh started in DIR (only that one, by its data directory).
set -uo pipefail
dir=${1:?usage: stop-postgresql.sh DIR}
[ -f "$dir/env" ] || exit 0
bin=$(sed -n 's/^POSTGRES_BIN=//p' "$dir/env")
run=()
[ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
if [ -f "$dir/data/postmaster.pid" ]; then
  "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null && echo "Stopped PostgreSQL ($dir)"
fi

#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on 127.0.0.1 for the server tests (mvn -Pserver-tests), the cluster
# tests and bench/: its own data directory, socket directory and log under DIR; no system service is involved.
#   PostgreSQL 127.0.0.1:$POSTGRES_PORT (default 15432), databases mailferry and mailferry_process (for the
#   process tests' own engine) owned by the role mailferry
# The server runs with fsync on, as in production. Port and password can be overridden with POSTGRES_PORT and
# POSTGRES_PASSWORD.
# Usage: start-postgresql.sh DIR   (DIR is created; stop with: stop-postgresql.sh DIR)
# Writes DIR/env (POSTGRES_* shell variables for the tests, mode 600) and prints where everything is.
# Installs PostgreSQL from Debian packages when initdb is missing (CI starts on a fresh machine, as root).
set -euo pipefail

dir=${1:?usage: start-postgresql.sh DIR}
port=${POSTGRES_PORT:-15432}
password=${POSTGRES_PASSWORD:-Mailferry-Test-1}

sudo=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then sudo="sudo"; fi
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "Installing postgresql"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data="$dir/data"
# initdb refuses to run as root: the Debian package's postgres user owns the cluster then.
run=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  run=(runuser -u postgres --)
fi
pwfile="$dir/pwfile"
printf '%s\n' "$password" >"$pwfile"
chmod 600 "$pwfile"
[ "$(id -u)" = 0 ] && chown postgres "$pwfile"
"${run[@]}" "$bin/initdb" -D "$data" -U postgres --auth=scram-sha-256 --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
  >"$dir/initdb.log"
cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
shared_buffers = 256MB
log_min_messages = warning
log_lock_waits = on
deadlock_timeout = 1s
CONF
"${run[@]}" "$bin/pg_ctl" -D "$data" -l "$dir/postgresql.log" -w -t 60 start >/dev/null
export PGPASSWORD=$password
psql_() { "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql_ -d postgres -c "CREATE ROLE mailferry LOGIN PASSWORD '$password'"
psql_ -d postgres -c "CREATE DATABASE mailferry OWNER mailferry"
psql_ -d postgres -c "CREATE DATABASE mailferry_process OWNER mailferry"
rm -f "$pwfile"

umask 077
cat >"$dir/env" <<ENV
POSTGRES_BIN=$bin
POSTGRES_DIR=$dir
POSTGRES_PORT=$port
POSTGRES_URL=jdbc:postgresql://127.0.0.1:$port/mailferry
POSTGRES_PROCESS_URL=jdbc:postgresql://127.0.0.1:$port/mailferry_process
POSTGRES_USER=mailferry
POSTGRES_PASSWORD=$password
POSTGRES_ADMIN_USER=postgres
ENV
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, database mailferry (log $dir/postgresql.log)"

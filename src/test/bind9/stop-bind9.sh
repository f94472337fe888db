#!/usr/bin/env bash
# Stops the servers start-bind9.sh started in DIR (only those: by the process ids it recorded).
set -uo pipefail
dir=${1:?usage: stop-bind9.sh DIR}
for pid_file in "$dir"/*/named.shell-pid; do
  [ -f "$pid_file" ] || continue
  pid=$(cat "$pid_file")
  kill "$pid" 2>/dev/null && echo "Stopped BIND9 (pid $pid)"
  rm -f "$pid_file"
done

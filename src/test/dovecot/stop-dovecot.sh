#!/usr/bin/env bash
# Stops the Dovecot servers start-dovecot.sh started in DIR (only those: by the master pids in their base_dirs,
# DIR/<instance>/run: source, target and any further instance).
set -uo pipefail
dir=${1:?usage: stop-dovecot.sh DIR}
for pid_file in "$dir"/*/run/master.pid; do
  [ -f "$pid_file" ] || continue
  pid=$(cat "$pid_file")
  if kill "$pid" 2>/dev/null; then
    # wait, so a following start-dovecot.sh finds the ports free
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    echo "Stopped Dovecot (pid $pid, $(basename "$(dirname "$(dirname "$pid_file")")"))"
  fi
  rm -f "$pid_file"
done

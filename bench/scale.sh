#!/usr/bin/env bash
# A cutover of $MAILBOXES demo mailboxes (default 2000) on PostgreSQL, with 1 node and then with 2 nodes (the second
# started with --mailferry.demo.join=true on port 8081), measured in one run of this script:
#   - batch: from the start of "Create the migration batch" to the start of the last MailboxMigration instance;
#   - initial sync wall time: from the first initial slice to the last mailbox waiting for its next sync;
#   - step 4's migration report: every mailbox's folders counted a group per job, then the report written (from the
#     first count to the report), waited for before the delta cycle so that the two do not mix;
#   - one unchanged delta cycle: every mailbox's delta timer is made due at once (the interval is 24 h, as in
#     production), until every mailbox has finished one delta pass; the jobs it took and each node's CPU time;
#   - peak RSS of each node (VmHWM), the database's size and rows (all tables) before the cutover, after the initial
#     sync and its report and after the delta cycle, per mailbox;
#   - each node's share of the sync slices (from its log), incidents, jobs left failing, optimistic-locking clashes;
#   - the rest of the runbook to the cutover's end (every task submitted from its form's defaults): its wall time,
#     the mailboxes migrated, and how long the group-at-a-time steps took from first start to last end (migration
#     notices, users, the final sync from its request, licences, welcome messages);
# then prints the ratios: 2 nodes / 1 node, and per mailbox against the whole.
# The mailboxes after the 100th hold the demo's light mix (4 messages), so the figures are mostly the engine's.
# Node 1 also runs the stand-ins (GreenMail, LDAP, DNS, the tenant): its CPU and RSS include theirs, and on a 2-core
# machine the nodes, the stand-ins and PostgreSQL share the same two cores, so 2 nodes here show the engine's
# overhead and the slices' spread, not what 2 machines would reach.
# PostgreSQL is src/test/postgresql/start-postgresql.sh on port $POSTGRES_PORT (default 25432) in a fresh temp dir,
# stopped at the end. The demo's fixed ports (8080, 8081, 3143, 3025, 4143, 4025, 3389, 10053) are held under
# flock $PORTS_LOCK (default /tmp/mailferry-ports.lock) only while a run's nodes are up.
# Usage: bench/scale.sh            (MAILBOXES=200 bench/scale.sh for a quick run; NODES="1" or "2" for one mode)
# Needs: java 17, curl, jq, PostgreSQL (installed by the start script when missing), mvn only if the jar is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

mailboxes=${MAILBOXES:-2000}
modes=${NODES:-"1 2"}
jar=${MAILFERRY_JAR:-target/mailferry.jar}
lock=${PORTS_LOCK:-/tmp/mailferry-ports.lock}
timeout_s=${TIMEOUT_SECONDS:-3600}
export POSTGRES_PORT=${POSTGRES_PORT:-25432}
command -v jq >/dev/null || { echo "bench/scale.sh needs jq" >&2; exit 2; }
if [ ! -f "$jar" ]; then
  echo "Building $jar"
  mvn -B -ntp -q package -DskipTests
fi

work=$(mktemp -d /tmp/mfscale.XXXXXX)
chmod 755 "$work" # PostgreSQL runs as its own user below it
pids=()
stop_nodes() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
cleanup() {
  stop_nodes
  src/test/postgresql/stop-postgresql.sh "$work/pg" >/dev/null || true
  rm -rf "$work" # the logs are in target/ by now; the master key and the database go
}
trap cleanup EXIT
src/test/postgresql/start-postgresql.sh "$work/pg" >/dev/null
# shellcheck disable=SC1091
. "$work/pg/env"
sql() { PGPASSWORD=$POSTGRES_PASSWORD "$POSTGRES_BIN/psql" -qtAX -h 127.0.0.1 -p "$POSTGRES_PORT" -U "$POSTGRES_USER" -d mailferry -c "$1"; }
# shellcheck source=bench/demo-node.sh
. bench/demo-node.sh
now_ms() { date +%s%3N; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # utime + stime of the JVM, in clock ticks
hz=$(getconf CLK_TCK)

rows_sql="SELECT COALESCE(sum((xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I',
  schemaname, tablename), false, true, '')))[1]::text::bigint), 0) FROM pg_tables WHERE schemaname = 'public'"
db_snapshot() { echo "$(sql "SELECT pg_database_size('mailferry')") $(sql "$rows_sql")"; }
table_rows() { # "table rows" per line, for the tables' share of the growth
  sql "SELECT tablename, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', schemaname,
    tablename), false, true, '')))[1]::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1" | tr '|' ' '
}
growth() { # $1, $2 = table_rows files; the tables that grew most, rows per mailbox
  LC_ALL=C join "$1" "$2" | awk -v n="$mailboxes" '$3 > $2 { printf "%s %.1f\n", $1, ($3 - $2) / n }' | sort -k2 -nr | head -6 |
    awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2 } END { print "" }'
}
# seconds between two engine timestamps (both written by the nodes' clocks)
seconds_between() { sql "SELECT round(extract(epoch FROM ($2) - ($1))::numeric, 1)"; }
# seconds from the first start to the last end of the activities $1 (a quoted SQL list of activity ids)
span() {
  sql "SELECT round(extract(epoch FROM max(end_time_) - min(start_time_))::numeric, 1) FROM act_hi_actinst
    WHERE act_id_ IN ($1)"
}

start_node() { # $1 = log, $2 = HTTP port, rest = extra arguments
  local log=$1 port=$2
  shift 2
  java -Xmx1g -jar "$jar" --server.port="$port" \
    --spring.datasource.url="$POSTGRES_URL" --spring.datasource.username="$POSTGRES_USER" \
    --spring.datasource.password="$POSTGRES_PASSWORD" \
    --mailferry.secrets.master-key-file="$work/master.key" \
    --mailferry.demo.mailboxes="$mailboxes" \
    --mailferry.timers.delta-sync-interval=PT24H \
    --camunda.bpm.job-execution.max-jobs-per-acquisition=6 \
    --camunda.bpm.job-execution.backoff-time-in-millis=50 --camunda.bpm.job-execution.max-backoff=1000 \
    --camunda.bpm.job-execution.wait-time-in-millis=1000 --camunda.bpm.job-execution.max-wait=2000 \
    "$@" >"$log" 2>&1 &
  pids+=($!)
  if ! demo_await_ready "$port" "${pids[-1]}" 600; then
    echo "The node on port $port did not start; see $log" >&2
    tail -20 "$log" >&2
    exit 1
  fi
}

wait_for() { # $1 = description, $2 = SQL returning a count, $3 = the count to reach
  local deadline=$(( $(date +%s) + timeout_s )) n
  while :; do
    n=$(sql "$2")
    [ "$n" -ge "$3" ] && return 0
    if [ "$(date +%s)" -gt "$deadline" ]; then
      echo "Timed out waiting for $1 ($n of $3)" >&2
      exit 1
    fi
    [ "$(sql "SELECT count(*) FROM act_ru_incident")" -eq 0 ] || {
      echo "Incident while waiting for $1:" >&2
      sql "SELECT activity_id_, incident_msg_ FROM act_ru_incident LIMIT 5" >&2
      exit 1
    }
    sleep 2
  done
}

declare -A result
run() { # $1 = number of nodes
  local nodes=$1 logs=() i
  echo "== $mailboxes mailboxes, $nodes node(s)"
  sql "SET client_min_messages TO warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public" >/dev/null
  rm -f "$work/master.key"
  exec 9>"$lock"
  flock 9
  start_node "$work/node-1-of-$nodes.log" 8080
  logs+=("$work/node-1-of-$nodes.log")
  if [ "$nodes" -ge 2 ]; then
    start_node "$work/node-2-of-$nodes.log" 8081 --mailferry.demo.join=true
    logs+=("$work/node-2-of-$nodes.log")
  fi
  read -r size0 rows0 <<<"$(db_snapshot)"
  table_rows >"$work/rows-$nodes-empty"

  demo_start_cutover http://127.0.0.1:8080
  local created="SELECT count(*) FROM act_hi_actinst WHERE act_id_ = 'Task_CreateMigrationBatch' AND end_time_ IS NOT NULL"
  local deadline=$(( $(date +%s) + timeout_s ))
  until [ "$(sql "$created")" -ge 1 ]; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "The batch was not created in time" >&2; exit 1; }
    demo_submit_open_tasks http://127.0.0.1:8080
    sleep 1
  done
  wait_for "every mailbox started" \
    "SELECT count(*) FROM act_hi_procinst WHERE proc_def_key_ = 'MailboxMigration'" "$mailboxes"
  local batch_start="(SELECT min(start_time_) FROM act_hi_actinst WHERE act_id_ = 'Task_CreateMigrationBatch')"
  local last_start="(SELECT max(start_time_) FROM act_hi_procinst WHERE proc_def_key_ = 'MailboxMigration')"
  result[$nodes,batch]=$(seconds_between "$batch_start" "$last_start")
  result[$nodes,batch_job]=$(seconds_between "$batch_start" \
    "(SELECT min(end_time_) FROM act_hi_actinst WHERE act_id_ = 'Task_CreateMigrationBatch')")

  local synced="SELECT count(DISTINCT proc_inst_id_) FROM act_hi_actinst WHERE act_id_ = 'Gateway_WaitForNextSync'"
  wait_for "every initial sync" "$synced" "$mailboxes"
  result[$nodes,initial]=$(seconds_between \
    "(SELECT min(start_time_) FROM act_hi_actinst WHERE act_id_ = 'Task_InitialSync')" \
    "(SELECT max(t) FROM (SELECT min(start_time_) AS t FROM act_hi_actinst WHERE act_id_ = 'Gateway_WaitForNextSync'
      GROUP BY proc_inst_id_) AS first_wait)")
  # step 4's review counts every mailbox's folders (a group of mailboxes per job) and writes the report; it runs by
  # itself once the initial sync is done, so it is waited for here, to keep it out of the delta cycle's figures
  wait_for "the migration report" "SELECT count(*) FROM act_hi_actinst WHERE act_id_ = 'Task_PrepareMigrationReport'
    AND end_time_ IS NOT NULL" 1
  result[$nodes,report]=$(span "'Task_CountMailboxFolders', 'Task_PrepareMigrationReport'")
  result[$nodes,report_jobs]=$(sql "SELECT count(*) FROM act_hi_actinst WHERE act_id_ = 'Task_CountMailboxFolders'")
  result[$nodes,report_failed]=$(sql "SELECT count(*) FROM act_hi_job_log l JOIN act_ru_jobdef d
    ON l.job_def_id_ = d.id_ WHERE d.act_id_ = 'Task_CountMailboxFolders' AND l.job_state_ = 1")
  sleep 3 # the last mailboxes' timers are committed
  read -r size1 rows1 <<<"$(db_snapshot)"
  table_rows >"$work/rows-$nodes-initial"
  local cpu0=() cpu1=()
  for i in "${!pids[@]}"; do cpu0+=("$(cpu_ticks "${pids[$i]}")"); done

  local delta_start
  delta_start=$(sql "SELECT localtimestamp")
  sql "UPDATE act_ru_job j SET duedate_ = localtimestamp FROM act_ru_jobdef d
       WHERE j.job_def_id_ = d.id_ AND d.act_id_ = 'TimerEvent_DeltaSyncDue'" >/dev/null
  wait_for "one delta cycle" "SELECT count(DISTINCT proc_inst_id_) FROM act_hi_actinst
    WHERE act_id_ = 'Task_DeltaSync' AND end_time_ IS NOT NULL" "$mailboxes"
  sleep 3 # the last mailboxes wait for their next timer again
  local delta_end
  delta_end=$(sql "SELECT max(end_time_) FROM act_hi_actinst WHERE act_id_ = 'Task_DeltaSync'")
  for i in "${!pids[@]}"; do cpu1+=("$(cpu_ticks "${pids[$i]}")"); done
  result[$nodes,delta]=$(seconds_between "'$delta_start'::timestamp" "'$delta_end'::timestamp")
  result[$nodes,delta_jobs]=$(sql "SELECT count(*) FROM act_hi_job_log WHERE job_state_ = 2
    AND timestamp_ >= '$delta_start' AND timestamp_ <= '$delta_end'")
  read -r size2 rows2 <<<"$(db_snapshot)"
  table_rows >"$work/rows-$nodes-delta"
  result[$nodes,initial_tables]=$(growth "$work/rows-$nodes-empty" "$work/rows-$nodes-initial")
  result[$nodes,delta_tables]=$(growth "$work/rows-$nodes-initial" "$work/rows-$nodes-delta")

  # the rest of the runbook (steps 5-8: MX and Autodiscover, the 72-hour wait, which the demo's timer shortens, the
  # final sync of every mailbox, licences, decommissioning, welcome messages), every task submitted from its form's
  # defaults, until the cutover has ended
  local ended="SELECT count(*) FROM act_hi_procinst WHERE proc_def_key_ = 'CutoverMigration' AND end_time_ IS NOT NULL"
  deadline=$(( $(date +%s) + timeout_s ))
  until [ "$(sql "$ended")" -ge 1 ]; do
    [ "$(date +%s)" -lt "$deadline" ] || {
      echo "The cutover did not end in time. Jobs still locked (revision: how often taken; one taken again while" \
        "it runs has outlived its lock):" >&2
      sql "SELECT d.act_id_, j.rev_, j.retries_, j.lock_exp_time_ FROM act_ru_job j JOIN act_ru_jobdef d
        ON j.job_def_id_ = d.id_ WHERE j.lock_owner_ IS NOT NULL ORDER BY j.rev_ DESC LIMIT 5" >&2
      exit 1
    }
    [ "$(sql "SELECT count(*) FROM act_ru_incident")" -eq 0 ] || {
      echo "Incident while running the cutover to its end:" >&2
      sql "SELECT activity_id_, incident_msg_ FROM act_ru_incident LIMIT 5" >&2
      exit 1
    }
    demo_submit_open_tasks http://127.0.0.1:8080
    sleep 2
  done
  result[$nodes,end]=$(seconds_between "'$delta_end'::timestamp" \
    "(SELECT end_time_ FROM act_hi_procinst WHERE proc_def_key_ = 'CutoverMigration')")
  result[$nodes,migrated]=$(sql "SELECT count(*) FROM act_hi_actinst WHERE act_id_ = 'EndEvent_MailboxMigrated'")
  result[$nodes,notices]=$(span "'Task_SendMigrationNotices'")
  result[$nodes,users]=$(span "'Task_CreateGroupUsers'")
  result[$nodes,final]=$(span "'Task_RequestFinalSync', 'Task_FinalSync'")
  result[$nodes,licences]=$(span "'Task_AssignLicences', 'Task_CheckLicences'")
  result[$nodes,welcome]=$(span "'Task_SendWelcomeMessages'")
  result[$nodes,groups]=$(sql "SELECT count(*) FROM act_hi_actinst WHERE act_id_ = 'Task_SendWelcomeMessages'")

  result[$nodes,size0]=$size0 result[$nodes,size1]=$size1 result[$nodes,size2]=$size2
  result[$nodes,rows0]=$rows0 result[$nodes,rows1]=$rows1 result[$nodes,rows2]=$rows2
  result[$nodes,incidents]=$(sql "SELECT count(*) FROM act_ru_incident")
  result[$nodes,failing]=$(sql "SELECT count(*) FROM act_ru_job WHERE exception_msg_ IS NOT NULL")
  local cpu_total=0 slices_total=0 slices
  for i in "${!pids[@]}"; do
    result[$nodes,rss$i]=$(awk '/VmHWM/ { print $2 }' "/proc/${pids[$i]}/status")
    result[$nodes,cpu$i]=$(( cpu1[i] - cpu0[i] ))
    cpu_total=$(( cpu_total + cpu1[i] - cpu0[i] ))
    slices=$(grep -c "INITIAL slice of\|DELTA slice of" "${logs[$i]}" || true)
    result[$nodes,slices$i]=$slices
    slices_total=$(( slices_total + slices ))
    result[$nodes,olock$i]=$(grep -c "OptimisticLockingException" "${logs[$i]}" || true)
  done
  result[$nodes,cpu]=$cpu_total result[$nodes,slices]=$slices_total
  stop_nodes
  flock -u 9
  exec 9>&-
  cp "${logs[@]}" "$work/pg/postgresql.log" target/ 2>/dev/null || true
}

for nodes in $modes; do run "$nodes"; done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
per() { awk -v a="$1" -v n="$mailboxes" 'BEGIN { printf "%.1f", a / n }'; }
echo
echo "== Results: $mailboxes mailboxes on PostgreSQL ($(nproc) cores, one machine)"
for nodes in $modes; do
  echo "-- $nodes node(s)"
  echo "create the batch (job)              ${result[$nodes,batch_job]} s"
  echo "create the batch and start all      ${result[$nodes,batch]} s ($(per "$(awk -v s="${result[$nodes,batch]}" 'BEGIN { print s * 1000 }')") ms per mailbox)"
  echo "initial sync, wall                  ${result[$nodes,initial]} s ($(awk -v s="${result[$nodes,initial]}" -v n="$mailboxes" 'BEGIN { printf "%.1f", n / s }') mailboxes/s)"
  echo "migration report (step 4), counted  ${result[$nodes,report]} s in ${result[$nodes,report_jobs]} count jobs ($(per "$(awk -v s="${result[$nodes,report]}" 'BEGIN { print s * 1000 }')") ms per mailbox), ${result[$nodes,report_failed]} failed"
  echo "one unchanged delta cycle, wall     ${result[$nodes,delta]} s; ${result[$nodes,delta_jobs]} jobs = $(per "${result[$nodes,delta_jobs]}") per mailbox"
  echo "CPU of the delta cycle, all nodes   $(awk -v t="${result[$nodes,cpu]}" -v hz="$hz" -v n="$mailboxes" 'BEGIN { printf "%.1f s = %.1f ms per mailbox", t / hz, t / hz * 1000 / n }')"
  echo "database before / after initial / after delta: $(( result[$nodes,size0] / 1048576 )) / $(( result[$nodes,size1] / 1048576 )) / $(( result[$nodes,size2] / 1048576 )) MiB; rows ${result[$nodes,rows0]} / ${result[$nodes,rows1]} / ${result[$nodes,rows2]}"
  echo "per mailbox after the initial sync  $(per "$(( result[$nodes,rows1] - result[$nodes,rows0] ))") rows, $(per "$(( (result[$nodes,size1] - result[$nodes,size0]) / 1024 ))") KiB"
  echo "per mailbox per delta cycle         $(per "$(( result[$nodes,rows2] - result[$nodes,rows1] ))") rows, $(per "$(( (result[$nodes,size2] - result[$nodes,size1]) / 1024 ))") KiB"
  echo "  rows per mailbox, initial sync:   ${result[$nodes,initial_tables]}"
  echo "  rows per mailbox, delta cycle:    ${result[$nodes,delta_tables]}"
  for ((i = 0; i < nodes; i++)); do
    echo "node $((i + 1)): peak RSS $(( result[$nodes,rss$i] / 1024 )) MiB, sync slices ${result[$nodes,slices$i]} ($(awk -v a="${result[$nodes,slices$i]}" -v t="${result[$nodes,slices]}" 'BEGIN { printf "%.0f", 100 * a / t }') %), delta CPU $(awk -v t="${result[$nodes,cpu$i]}" -v hz="$hz" 'BEGIN { printf "%.1f", t / hz }') s, OptimisticLockingException in log: ${result[$nodes,olock$i]}"
  done
  echo "the rest of the runbook, steps 5-8  ${result[$nodes,end]} s after the delta cycle (the MX wait and every task"
  echo "                                    included); mailboxes migrated ${result[$nodes,migrated]} of $mailboxes"
  echo "  migration notices (step 1)        ${result[$nodes,notices]} s, first start to last end"
  echo "  users created (step 4)            ${result[$nodes,users]} s"
  echo "  final sync, request to last slice ${result[$nodes,final]} s"
  echo "  licences, assigned and checked    ${result[$nodes,licences]} s"
  echo "  welcome messages (step 8)         ${result[$nodes,welcome]} s in ${result[$nodes,groups]} jobs"
  echo "incidents ${result[$nodes,incidents]}, jobs left failing ${result[$nodes,failing]}"
done
if [[ " $modes " == *" 1 "* && " $modes " == *" 2 "* ]]; then
  echo "-- 2 nodes / 1 node (below 1 is faster with 2)"
  echo "batch and start      $(ratio "${result[2,batch]}" "${result[1,batch]}")"
  echo "initial sync wall    $(ratio "${result[2,initial]}" "${result[1,initial]}")"
  echo "delta cycle wall     $(ratio "${result[2,delta]}" "${result[1,delta]}")"
  echo "delta cycle CPU      $(ratio "${result[2,cpu]}" "${result[1,cpu]}")"
fi
echo "logs: target/node-*-of-*.log, target/postgresql.log"

#!/usr/bin/env bash
# Mailbox sync should beat imapsync: on the same awkward corpus imapsync copied 3,000 messages / 364 MiB at
# 310 msgs/s and needed 1.46 s for an unchanged re-run (reference measured on another run, not here).
# One run of this script:
#   1. builds target/mailferry.jar if missing, starts the Dovecot pair (src/test/dovecot) in a temp dir;
#   2. writes the corpus (bench/AwkwardCorpus.java, $MESSAGES messages, default 3000, seed $SEED, default 42)
#      and APPENDs it to bench@contoso.com on the source (checked with ImapAppend --verify);
#   3. in each of $ROUNDS rounds (default 3, at most 3) measures, in alternating order so drift hits both alike:
#      the ceiling: the same APPENDs, from memory over one connection, into a fresh target account: no tool that
#      copies one message at a time into this server can be faster; and Mailferry's initial pass into another fresh
#      target account, timed here (JVM start included) with its peak RSS, and by its own clock (sign-in to in sync,
#      comparable to the ceiling's clock), and checked: the target holds exactly the corpus (messages, bytes,
#      flags, internal dates per folder);
#   4. runs an unchanged delta pass on the last round's target with the same --state;
#   5. prints every round, the medians and the ratios of the medians;
#   6. (part nocondstore) seeds a folder of $BIG_MESSAGES (default 100,000) small messages on the Dovecot without
#      CONDSTORE/QRESYNC (Exchange-like), syncs it once, then measures unchanged delta passes in-process
#      (bench/SyncDelta.java: time and extra heap) against a plain client's sign-in + EXAMINE + UID FETCH 1:* (UID
#      FLAGS) of the same folder (the least any client can do there), and against issue 12's limits (2 s, 64 MiB);
#   7. (part startup) times the command line's start-up, `csv validate` of a one-line file and `sync` of an unchanged
#      20-message mailbox, as `java -jar` against the unpacked jar with its class-data sharing archive
#      (bin/mailferry-cds.sh), and against $BASELINE_JAR when set (e.g. a build from before a change).
#   8. (part many) seeds $MANY_MAILBOXES (default 20) source accounts with a smaller corpus each ($MANY_MESSAGES,
#      default 150, seed $SEED), then in each of $ROUNDS rounds, in rotating order, into fresh target accounts:
#      the APPEND ceiling (ImapAppend --users: one connection per account, all at once, one JVM); one Mailferry
#      process syncing every pair of a list (`sync --mailboxes FILE.csv --parallel-mailboxes $PARALLEL_MAILBOXES`,
#      default all of them); and, when $IMAPSYNC names an imapsync, that many imapsync processes in parallel, one
#      per pair, the way administrators run it at scale; and one Mailferry node (the web application, demo profile,
#      its IMAP endpoints the Dovecot pair, $NODE_THREADS job threads and mailboxes per endpoint, default all of
#      them) whose cutover of the demo's users user01.. is driven through the forms until every mailbox is in sync.
#      Every target is verified afterwards (ImapAppend --verify). Aggregate rates are the total over the wall time of
#      the whole group (JVM or Perl start included), the node's over its history from the first initial slice to the
#      last mailbox in sync (a node is started once for days of syncs). The node takes the demo's fixed ports under
#      flock $PORTS_LOCK (default /tmp/mailferry-ports.lock).
# With $IMAPSYNC set, the awkward part also runs imapsync in each round (into its own fresh target account) and an
# unchanged imapsync re-run beside Mailferry's delta pass, so the ratios against it come from the same run.
# Mailferry runs as $MAILFERRY_CLI: "cds" (default; the unpacked jar with its class-data sharing archive, as
# bin/mailferry-cds.sh prepares it) or "jar" (java -jar), with $MAILFERRY_JAVA_OPTS (default
# "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"; set it empty for the JVM's defaults).
# The disk's fsync latency on a shared VM varies a lot from minute to minute; single figures mislead, medians of
# rounds measured side by side much less.
# Settings: MESSAGES, SEED, ROUNDS, MAILFERRY_JAR (default target/mailferry.jar), DOVECOT_MAIL_FSYNC and the
# DOVECOT_*_PORT variables (see start-dovecot.sh), PARTS (default "awkward many nocondstore startup": steps 2-5, 8,
# 6, 7),
# BIG_MESSAGES, STARTUP_ROUNDS (default 5), BASELINE_JAR, IMAPSYNC (path of an imapsync; never fetched here),
# MANY_MAILBOXES, MANY_MESSAGES, PARALLEL_MAILBOXES, NODE_THREADS, PORTS_LOCK, MAILFERRY_CLI.
# Needs: java 17, mvn (only if the jar is missing), openssl, dovecot (installed by start-dovecot.sh as root); curl and
# jq for the many part's node.
set -euo pipefail
cd "$(dirname "$0")/.."

messages=${MESSAGES:-3000}
seed=${SEED:-42}
imapsync_msgs_per_s=310
imapsync_delta_seconds=1.46
jar=${MAILFERRY_JAR:-target/mailferry.jar} # another build can be measured the same way
rounds=${ROUNDS:-3}
parts=${PARTS:-awkward many nocondstore startup}
big_messages=${BIG_MESSAGES:-100000}
startup_rounds=${STARTUP_ROUNDS:-5}
baseline_jar=${BASELINE_JAR:-}
imapsync=${IMAPSYNC:-}
many_mailboxes=${MANY_MAILBOXES:-20}
many_messages=${MANY_MESSAGES:-150}
parallel_mailboxes=${PARALLEL_MAILBOXES:-$many_mailboxes}
mailferry_cli=${MAILFERRY_CLI:-cds}
ports_lock=${PORTS_LOCK:-/tmp/mailferry-ports.lock} # held while the many part's node runs on the demo's ports
# A command runs for seconds to minutes: the client compiler alone and the serial collector start it in about 0.8x
# the wall and 0.7x the CPU time (an unchanged delta: 0.89 s against 1.11 s), and copy no slower.
read -r -a mailferry_java_opts <<< "${MAILFERRY_JAVA_OPTS-"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"}"
user=bench@contoso.com # on the source
ceiling_users=(ceiling@contoso.com user01@contoso.com user03@contoso.com) # fresh target accounts per round
mailferry_users=(bench@contoso.com user02@contoso.com user04@contoso.com)
imapsync_users=(user05@contoso.com user06@contoso.com user07@contoso.com)
if [ -n "$imapsync" ] && ! "$imapsync" --version >/dev/null 2>&1; then
  echo "IMAPSYNC=$imapsync does not run (imapsync --version failed; its Perl modules missing?)" >&2
  exit 2
fi
if (( many_mailboxes < 1 || many_mailboxes > 20 )); then
  echo "MANY_MAILBOXES must be 1 to 20 (source and target accounts user01..user20)" >&2
  exit 2
fi
if [ "$rounds" -lt 1 ] || [ "$rounds" -gt 3 ]; then
  echo "ROUNDS must be 1, 2 or 3 (there are three pairs of fresh target accounts)" >&2
  exit 2
fi

if [ ! -f "$jar" ] && [ -z "${MAILFERRY_JAR:-}" ]; then
  echo "Building $jar"
  mvn -B -ntp -q package -DskipTests
fi

# short path: Dovecot's socket paths must stay short
work=$(mktemp -d /tmp/mfbench.XXXXXX)
chmod 755 "$work" # Dovecot's own users must reach their files below it
cleanup() {
  src/test/dovecot/stop-dovecot.sh "$work/dovecot" >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
src/test/dovecot/start-dovecot.sh "$work/dovecot"
# shellcheck disable=SC1091
. "$work/dovecot/env"
part() { [[ " $parts " == *" $1 "* ]]; }

if part awkward; then
java bench/AwkwardCorpus.java --out "$work/corpus" --messages "$messages" --seed "$seed"
corpus_bytes=$(awk -F'\t' '!/^#/ { sum += $5 } END { printf "%d", sum }' "$work/corpus/manifest.tsv")
corpus_mib=$(awk -v b="$corpus_bytes" 'BEGIN { printf "%.3f", b / 1048576 }')
# ImapAppend holds the whole corpus in memory (so the clock measures the server, not the disk)
append_heap_mb=$(( corpus_bytes / 1048576 * 2 + 256 ))
fi

# Runs a command, records its peak RSS (KiB) in $1 and its wall time (seconds) in $2; returns its exit code.
measured() {
  local rss_file=$1 seconds_file=$2 start end rc pid hwm peak=0
  shift 2
  start=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    rc=0
    /usr/bin/time -f %M -o "$rss_file" "$@" || rc=$?
    tail -n 1 "$rss_file" > "$rss_file.last" && mv "$rss_file.last" "$rss_file"
  else
    # no GNU time: sample the process's high-water mark until it ends
    "$@" &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
      hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
      if [ -n "$hwm" ] && [ "$hwm" -gt "$peak" ]; then peak=$hwm; fi
      sleep 0.05
    done
    rc=0
    wait "$pid" || rc=$?
    echo "$peak" > "$rss_file"
  fi
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f\n", e - s }' > "$seconds_file"
  return "$rc"
}

# add: --port PORT --user USER [--verify]
imap_append=(java "-Xmx${append_heap_mb:-256}m" bench/ImapAppend.java --corpus "$work/corpus" --host 127.0.0.1
  --password-file "$DOVECOT_PASSWORD_FILE")

if part awkward; then
echo "Seeding $user on the source"
"${imap_append[@]}" --port "$DOVECOT_SOURCE_PORT" --user "$user"
"${imap_append[@]}" --port "$DOVECOT_SOURCE_PORT" --user "$user" --verify
fi

ceiling_round() { # round
  local target=${ceiling_users[$1]}
  echo "Round $(( $1 + 1 )) ceiling: APPEND into $target on the target"
  # every measured phase starts with no dirty pages of the previous one left to write back
  sync
  measured "$work/ceiling$1.rss" "$work/ceiling$1.wall" \
    "${imap_append[@]}" --port "$DOVECOT_TARGET_PORT" --user "$target" | tee "$work/ceiling$1.out"
  grep '^Result: ' "$work/ceiling$1.out" | sed -E 's/.*seconds ([0-9.]+),.*/\1/' > "$work/ceiling$1.seconds"
}

row() { # label, msgs/s, MiB/s, seconds, peak RSS KiB
  printf '%-30s %10s %9s %9s %10s\n' "$1" "$2" "$3" "$4" "$(awk -v k="$5" 'BEGIN { printf "%.0f MiB", k / 1024 }')"
}
rate() { # count, seconds
  awk -v n="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0 ? n / s : 0) }'
}
table_head() {
  echo
  echo "Mailbox sync benchmark: $messages messages, $(printf '%.1f' "$corpus_mib") MiB (AwkwardCorpus seed $seed)," \
    "Dovecot $(dovecot --version | cut -d' ' -f1) source -> target on 127.0.0.1, $(nproc) CPUs," \
    "mail_fsync=$DOVECOT_MAIL_FSYNC"
  printf '%-30s %10s %9s %9s %10s\n' run msgs/s MiB/s seconds "peak RSS"
}

# The jar must have the sync command: without it, "java -jar mailferry.jar sync ..." would start the web application.
has_sync_command() {
  local classes="$work/classes" jar_path
  jar_path=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
  mkdir -p "$classes"
  (cd "$classes" && jar xf "$jar_path" BOOT-INF/classes/io/mailferry)
  # a picocli @Command class holding the string constant "sync" (length-prefixed in the constant pool)
  grep -r -l -a -P '\x00\x04sync' "$classes" | xargs -r grep -l -a -F 'Lpicocli/CommandLine$Command;' | grep -q .
}
if ! has_sync_command; then
  if part awkward; then table_head; fi
  echo
  echo "FAILED: $jar has no 'sync' command (built from a branch without the sync engine?)." \
    "Rebuild it with: mvn -B -ntp -q package -DskipTests" >&2
  exit 1
fi

# The unpacked jar with its class-data sharing archive (bin/mailferry-cds.sh), for the parts that need it.
cli_dir="$work/cli"
if part nocondstore || part startup || { [ "$mailferry_cli" = cds ] && { part awkward || part many; }; }; then
  echo "Preparing the class-data sharing archive (bin/mailferry-cds.sh)"
  cds_start=$(date +%s.%N)
  bin/mailferry-cds.sh "$jar" "$cli_dir" >/dev/null
  cds_seconds=$(awk -v s="$cds_start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
fi
# How the awkward and many parts run Mailferry's command line.
case $mailferry_cli in
  cds) mailferry=(java -Xmx1g "${mailferry_java_opts[@]}" -XX:SharedArchiveFile="$cli_dir/mailferry.jsa"
    -jar "$cli_dir/mailferry.jar") ;;
  jar) mailferry=(java -Xmx1g "${mailferry_java_opts[@]}" -jar "$jar") ;;
  *) echo "MAILFERRY_CLI must be cds or jar, not $mailferry_cli" >&2; exit 2 ;;
esac

# imapsync's arguments from one account to another, in $imapsync_args (the password file serves every account of
# the test Dovecot); plain IMAP on loopback like Mailferry's runs, no log file, no release check over the internet
imapsync_args() { # source port, source user, target port, target user, pid file
  imapsync_args=(--host1 127.0.0.1 --port1 "$1" --user1 "$2" --passfile1 "$DOVECOT_PASSWORD_FILE"
    --host2 127.0.0.1 --port2 "$3" --user2 "$4" --passfile2 "$DOVECOT_PASSWORD_FILE"
    --nossl1 --nossl2 --notls1 --notls2 --nolog --noreleasecheck --pidfile "$5")
}

imapsync_run() { # $1 = initial|delta, $2 = round
  local target=${imapsync_users[$2]} rc=0
  echo "Round $(( $2 + 1 )) imapsync $1 pass into $target"
  sync
  imapsync_args "$DOVECOT_SOURCE_PORT" "$user" "$DOVECOT_TARGET_PORT" "$target" "$work/imapsync$2.pid"
  measured "$work/imapsync-$1$2.rss" "$work/imapsync-$1$2.wall" "$imapsync" "${imapsync_args[@]}" \
    > "$work/imapsync-$1$2.out" 2>&1 || rc=$?
  grep -E '^(Messages transferred|Messages skipped|Total bytes transferred|Transfer rate|Detected [0-9]+ errors)' \
    "$work/imapsync-$1$2.out" || true
  if [ "$rc" != 0 ]; then
    tail -n 20 "$work/imapsync-$1$2.out"
    echo "FAILED: imapsync's $1 pass ended with exit code $rc" >&2
    exit 1
  fi
  if [ "$1" = initial ]; then
    "${imap_append[@]}" --port "$DOVECOT_TARGET_PORT" --user "$target" --verify \
      || echo "NOTE: imapsync's copy in $target differs from the corpus (see above)"
  fi
}

sync_run() { # $1 = initial|delta, $2 = round
  local target=${mailferry_users[$2]} rc=0 summary
  echo "Round $(( $2 + 1 )) Mailferry $1 pass into $target"
  sync
  measured "$work/$1$2.rss" "$work/$1$2.wall" "${mailferry[@]}" sync --allow-plaintext \
    --source "imap://${user/@/%40}@127.0.0.1:$DOVECOT_SOURCE_PORT" \
    --target "imap://${target/@/%40}@127.0.0.1:$DOVECOT_TARGET_PORT" \
    --source-password-file "$DOVECOT_PASSWORD_FILE" --target-password-file "$DOVECOT_PASSWORD_FILE" \
    --state "$work/state$2" > "$work/$1$2.out" 2>&1 || rc=$?
  cat "$work/$1$2.out"
  summary=$(tail -n 1 "$work/$1$2.out")
  if [ "$rc" != 0 ] || ! grep -q '^Summary: .*, in sync$' <<< "$summary"; then
    echo "FAILED: Mailferry's $1 pass ended with exit code $rc and did not report 'in sync'" >&2
    exit 1
  fi
  if [ "$1" = delta ] && ! grep -q '^Summary: copied 0,' <<< "$summary"; then
    echo "FAILED: the delta pass over an unchanged source copied messages: $summary" >&2
    exit 1
  fi
  sed -E 's/.*seconds ([0-9.]+),.*/\1/' <<< "$summary" > "$work/$1$2.seconds"
  "${imap_append[@]}" --port "$DOVECOT_TARGET_PORT" --user "$target" --verify
}

if part awkward; then
awkward_variants=(ceiling mailferry)
if [ -n "$imapsync" ]; then awkward_variants+=(imapsync); fi
for (( r = 0; r < rounds; r++ )); do
  n=${#awkward_variants[@]}
  for (( k = 0; k < n; k++ )); do # rotating order, so drift hits every tool alike
    case ${awkward_variants[$(( (r + k) % n ))]} in
      ceiling) ceiling_round "$r" ;;
      mailferry) sync_run initial "$r" ;;
      imapsync) imapsync_run initial "$r" ;;
    esac
  done
done
last=$(( rounds - 1 ))
# unchanged re-runs, each three times (median), alternating
for i in 0 1 2; do
  sync_run delta "$last"; cp "$work/delta$last.wall" "$work/deltawall$i"; cp "$work/delta$last.seconds" "$work/deltasec$i"
  if [ -n "$imapsync" ]; then
    imapsync_run delta "$last"; cp "$work/imapsync-delta$last.wall" "$work/imapsyncdeltawall$i"
  fi
done

median() { # files holding one number each
  cat "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
files() { # prefix suffix
  local r
  for (( r = 0; r < rounds; r++ )); do echo "$work/$1$r.$2"; done
}
table_head
for (( r = 0; r < rounds; r++ )); do
  c=$(cat "$work/ceiling$r.seconds"); w=$(cat "$work/initial$r.wall"); o=$(cat "$work/initial$r.seconds")
  row "round $(( r + 1 )) ceiling (1 conn.)" "$(rate "$messages" "$c")" "$(rate "$corpus_mib" "$c")" "$c" \
    "$(cat "$work/ceiling$r.rss")"
  row "round $(( r + 1 )) Mailferry initial" "$(rate "$messages" "$o")" "$(rate "$corpus_mib" "$o")" "$o" \
    "$(cat "$work/initial$r.rss")"
  row "  same, whole process (JVM)" "$(rate "$messages" "$w")" "$(rate "$corpus_mib" "$w")" "$w" \
    "$(cat "$work/initial$r.rss")"
done
ceiling_seconds=$(median $(files ceiling seconds))
initial_seconds=$(median $(files initial seconds))
initial_wall=$(median $(files initial wall))
delta_seconds=$(median "$work"/deltasec[012])
delta_wall=$(median "$work"/deltawall[012])
row "median ceiling" "$(rate "$messages" "$ceiling_seconds")" "$(rate "$corpus_mib" "$ceiling_seconds")" \
  "$ceiling_seconds" "$(median $(files ceiling rss))"
row "median Mailferry initial" "$(rate "$messages" "$initial_seconds")" "$(rate "$corpus_mib" "$initial_seconds")" \
  "$initial_seconds" "$(median $(files initial rss))"
row "  same, whole process (JVM)" "$(rate "$messages" "$initial_wall")" "$(rate "$corpus_mib" "$initial_wall")" \
  "$initial_wall" "$(median $(files initial rss))"
if [ -n "$imapsync" ]; then
  for (( r = 0; r < rounds; r++ )); do
    w=$(cat "$work/imapsync-initial$r.wall")
    row "round $(( r + 1 )) imapsync initial" "$(rate "$messages" "$w")" "$(rate "$corpus_mib" "$w")" "$w" \
      "$(cat "$work/imapsync-initial$r.rss")"
  done
  imapsync_wall=$(median $(files imapsync-initial wall))
  imapsync_delta_wall=$(median "$work"/imapsyncdeltawall[012])
  row "median imapsync initial" "$(rate "$messages" "$imapsync_wall")" "$(rate "$corpus_mib" "$imapsync_wall")" \
    "$imapsync_wall" "$(median $(files imapsync-initial rss))"
fi
row "Mailferry delta (unchanged)" "-" "-" "$delta_seconds" "$(cat "$work/delta$last.rss")"
row "  same, whole process (JVM)" "-" "-" "$delta_wall" "$(cat "$work/delta$last.rss")"
if [ -n "$imapsync" ]; then
  row "imapsync delta (unchanged)" "-" "-" "$imapsync_delta_wall" "$(cat "$work/imapsync-delta$last.rss")"
fi
echo "  deltas: medians of 3 re-runs (whole process: Mailferry $(cat "$work"/deltawall[012] | tr '\n' ' ')s;" \
  "own clock $(cat "$work"/deltasec[012] | tr '\n' ' ')s${imapsync:+; imapsync $(cat "$work"/imapsyncdeltawall[012] | tr '\n' ' ')s})"
echo "  Mailferry runs as: ${mailferry[*]}"
echo "  Mailferry's own clock runs from sign-in to in sync, like the ceiling's from first CREATE to last APPEND;"
echo "  'whole process' adds the JVM start and, for a new --state folder, creating the state database."
echo
awk -v i="$initial_seconds" -v w="$initial_wall" -v c="$ceiling_seconds" -v n="$messages" \
  -v r="$imapsync_msgs_per_s" -v d="$delta_seconds" -v dw="$delta_wall" -v rd="$imapsync_delta_seconds" 'BEGIN {
  printf "initial vs ceiling (medians, same run):        %6.2fx the msgs/s (whole process: %.2fx)\n", c / i, c / w
  printf "initial vs imapsync %d msgs/s (another run):   %6.2fx the msgs/s (whole process: %.2fx)\n", r, n / i / r, n / w / r
  printf "delta vs imapsync %.2f s (another run):        %6.3fx the time (whole process: %.2fx; below 1 is faster)\n", rd, d / rd, dw / rd
}'
if [ -n "$imapsync" ]; then
  awk -v w="$initial_wall" -v iw="$imapsync_wall" -v dw="$delta_wall" -v idw="$imapsync_delta_wall" -v c="$ceiling_seconds" 'BEGIN {
    printf "SAME RUN: initial, whole process, vs imapsync: %6.2fx the msgs/s (target >= 1.5)\n", iw / w
    printf "SAME RUN: unchanged re-run vs imapsync:        %6.2fx the wall time (target <= 0.5)\n", dw / idw
    printf "SAME RUN: imapsync vs ceiling:                 %6.2fx the msgs/s\n", c / iw
  }'
fi
fi

# A plain client for the big folder (seeding, the reference UID FETCH); add: --port PORT --user USER ...
imap_plain=(java bench/ImapAppend.java --host 127.0.0.1 --password-file "$DOVECOT_PASSWORD_FILE")
median_of() { # numbers as arguments
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
# sync of one account pair with the given jar invocation; prints the Summary line, fails unless in sync
cli_sync() { # source port, user, state, java options and jar... (rest)
  local port=$1 account=$2 state=$3
  shift 3
  "$@" sync --source "imap://${account/@/%40}@127.0.0.1:$port" \
    --target "imap://${account/@/%40}@127.0.0.1:$DOVECOT_TARGET_PORT" --allow-plaintext \
    --source-password-file "$DOVECOT_PASSWORD_FILE" --target-password-file "$DOVECOT_PASSWORD_FILE" \
    --state "$state" 2>/dev/null | tail -n 1 | tee "$work/last-summary"
  grep -q '^Summary: .*, in sync$' "$work/last-summary" || { echo "FAILED: not in sync" >&2; exit 1; }
}

# --- many mailboxes at once: one Mailferry process and one node against as many parallel imapsync processes ---
if part many; then
  many_users=()
  # user01..: the demo's addresses, which the node variant's cutover migrates
  for (( i = 1; i <= many_mailboxes; i++ )); do many_users+=("$(printf 'user%02d@contoso.com' "$i")"); done
  many_list=$(IFS=,; echo "${many_users[*]}")
  java bench/AwkwardCorpus.java --out "$work/many-corpus" --messages "$many_messages" --seed "$seed" >/dev/null
  many_bytes=$(awk -F'\t' '!/^#/ { sum += $5 } END { printf "%d", sum }' "$work/many-corpus/manifest.tsv")
  many_total=$(( many_messages * many_mailboxes ))
  many_mib=$(awk -v b="$many_bytes" -v n="$many_mailboxes" 'BEGIN { printf "%.3f", b * n / 1048576 }')
  # every account's corpus in memory at once
  many_append=(java "-Xmx$(( many_bytes / 1048576 * 2 * many_mailboxes + 256 ))m" bench/ImapAppend.java
    --corpus "$work/many-corpus" --host 127.0.0.1 --password-file "$DOVECOT_PASSWORD_FILE" --users "$many_list")
  echo "Seeding $many_mailboxes source accounts (${many_users[0]} ...) with $many_messages messages each"
  "${many_append[@]}" --port "$DOVECOT_SOURCE_PORT" | tail -n 1
  "${many_append[@]}" --port "$DOVECOT_SOURCE_PORT" --verify | tail -n 1
  printf 'Source,SourcePasswordFile,Target,TargetPasswordFile\n' > "$work/many.csv"
  for u in "${many_users[@]}"; do
    printf 'imap://%s@127.0.0.1:%s,%s,imap://%s@127.0.0.1:%s,%s\n' "${u/@/%40}" "$DOVECOT_SOURCE_PORT" \
      "$DOVECOT_PASSWORD_FILE" "${u/@/%40}" "$DOVECOT_TARGET_PORT" "$DOVECOT_PASSWORD_FILE" >> "$work/many.csv"
  done
  fresh_targets() { # the target accounts emptied (no client is signed in to them between runs)
    local u
    for u in "${many_users[@]}"; do rm -rf "$work/dovecot/target/home/$u"; done
    sync
  }
  verify_targets() { # label; fails the run unless every target holds exactly the corpus
    if ! "${many_append[@]}" --port "$DOVECOT_TARGET_PORT" --verify > "$work/many-verify.out" 2>&1; then
      grep -v '^Verified' "$work/many-verify.out" | tail -n 20
      echo "FAILED: after $1 a target account differs from the corpus" >&2
      return 1
    fi
    echo "  every target verified after $1"
  }
  many_ceiling() { # round
    echo "Many round $(( $1 + 1 )) ceiling: APPEND into $many_mailboxes target accounts at once"
    fresh_targets
    measured "$work/many-ceiling$1.rss" "$work/many-ceiling$1.wall" \
      "${many_append[@]}" --port "$DOVECOT_TARGET_PORT" > "$work/many-ceiling$1.out"
    tail -n 1 "$work/many-ceiling$1.out"
    verify_targets "the ceiling" || exit 1
  }
  many_mailferry() { # round
    local rc=0
    echo "Many round $(( $1 + 1 )) Mailferry: sync --mailboxes, $parallel_mailboxes at once"
    fresh_targets
    rm -rf "$work/many-state"
    measured "$work/many-mailferry$1.rss" "$work/many-mailferry$1.wall" "${mailferry[@]}" sync --allow-plaintext \
      --mailboxes "$work/many.csv" --parallel-mailboxes "$parallel_mailboxes" --state "$work/many-state" \
      > "$work/many-mailferry$1.out" 2>&1 || rc=$?
    grep -v '^Summary' "$work/many-mailferry$1.out" | sed 's/^/  /'
    tail -n 1 "$work/many-mailferry$1.out"
    if [ "$rc" != 0 ] || ! tail -n 1 "$work/many-mailferry$1.out" \
        | grep -q "^Summary: mailboxes $many_mailboxes, in sync $many_mailboxes, failed 0, copied $many_total, .*, in sync$"; then
      tail -n 20 "$work/many-mailferry$1.out"
      echo "FAILED: Mailferry's run over the list ended with exit code $rc, not every mailbox in sync" >&2
      exit 1
    fi
    tail -n 1 "$work/many-mailferry$1.out" | sed -E 's/.*seconds ([0-9.]+),.*/\1/' > "$work/many-mailferry$1.seconds"
    verify_targets "Mailferry" || exit 1
  }
  many_imapsync() { # round
    local u k=0 pids=() rc=0 start end
    echo "Many round $(( $1 + 1 )) imapsync: $many_mailboxes processes at once"
    fresh_targets
    start=$(date +%s.%N)
    for u in "${many_users[@]}"; do
      imapsync_args "$DOVECOT_SOURCE_PORT" "$u" "$DOVECOT_TARGET_PORT" "$u" "$work/many-imapsync-$k.pid"
      "$imapsync" "${imapsync_args[@]}" > "$work/many-imapsync$1-$k.out" 2>&1 &
      pids+=($!)
      k=$(( k + 1 ))
    done
    # peak RSS: the sum over the processes, sampled while they run
    peak=0
    while :; do
      alive=0 sum=0
      for p in "${pids[@]}"; do
        if kill -0 "$p" 2>/dev/null; then
          alive=1
          kib=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null || true)
          sum=$(( sum + ${kib:-0} ))
        fi
      done
      (( sum > peak )) && peak=$sum
      (( alive )) || break
      sleep 0.1
    done
    for p in "${pids[@]}"; do wait "$p" || rc=$?; done
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f\n", e - s }' > "$work/many-imapsync$1.wall"
    echo "$peak" > "$work/many-imapsync$1.rss"
    echo "  $many_mailboxes imapsync processes took $(cat "$work/many-imapsync$1.wall") s (exit code of the last failing: $rc)"
    if [ "$rc" != 0 ]; then
      grep -h -E 'Detected [0-9]+ errors|Exiting with return value' "$work/many-imapsync$1-"*.out | sort | uniq -c
      echo "FAILED: an imapsync process failed" >&2
      exit 1
    fi
    verify_targets "imapsync" || echo "NOTE: imapsync's copies differ from the corpus (see above)"
  }
  # A Mailferry node (the web application, demo profile, H2) whose on-premises and cloud IMAP endpoints are the
  # Dovecot pair: its cutover of the demo's users user01.. is driven through the forms (every task submitted with its
  # form's defaults, as bench/scale.sh does) until the batch exists; then the node's engine syncs every mailbox, up to
  # $NODE_THREADS (default all of them) slices at once. Timed by the node's history: from the first "Initial sync"
  # to the last mailbox's first wait for its next sync (the node runs for days; its start-up is not a mailbox's
  # cost). Peak RSS is the node's high-water mark (the demo's idle stand-ins and start-up included).
  node_threads=${NODE_THREADS:-$many_mailboxes}
  # shellcheck source=bench/demo-node.sh
  . bench/demo-node.sh
  node_url=http://127.0.0.1:8080/engine-rest
  iso_seconds() { date -d "$1" +%s.%N; } # Camunda's 2026-12-07T12:30:01.123+0000
  many_node() { # round
    local log="$work/many-node$1.log" pid deadline synced first last slices peak
    echo "Many round $(( $1 + 1 )) node: one Mailferry node, $node_threads sync slices at once"
    fresh_targets
    command -v jq >/dev/null || { echo "FAILED: the node variant needs jq" >&2; exit 1; }
    exec 8>"$ports_lock"
    flock 8 # the demo's fixed ports (8080, 3143, 3025, 4143, 4025, 3389, 10053)
    java -Xmx1g -jar "$jar" --mailferry.demo.mailboxes="$many_mailboxes" \
      --mailferry.demo.password="$DOVECOT_PASSWORD" \
      --mailferry.source.port="$DOVECOT_SOURCE_PORT" --mailferry.target.port="$DOVECOT_TARGET_PORT" \
      --mailferry.source.admin-user="${many_users[0]}" --mailferry.target.admin-user="${many_users[0]}" \
      --mailferry.timers.delta-sync-interval=PT24H \
      --mailferry.sync.max-mailboxes-per-endpoint="$node_threads" \
      --camunda.bpm.job-execution.core-pool-size="$node_threads" \
      --camunda.bpm.job-execution.max-pool-size="$node_threads" \
      --camunda.bpm.job-execution.queue-capacity="$node_threads" \
      --camunda.bpm.job-execution.max-jobs-per-acquisition="$node_threads" \
      --camunda.bpm.job-execution.wait-time-in-millis=200 --camunda.bpm.job-execution.max-wait=1000 \
      --spring.datasource.hikari.maximum-pool-size=$(( node_threads * 4 + 4 )) > "$log" 2>&1 &
    pid=$!
    node_stop() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; flock -u 8; exec 8>&-; }
    if ! demo_await_ready 8080 "$pid" 300; then
      tail -n 20 "$log"
      node_stop
      echo "FAILED: the node did not start; see above" >&2
      exit 1
    fi
    demo_start_cutover http://127.0.0.1:8080
    deadline=$(( $(date +%s) + 600 ))
    while :; do
      synced=$(demo_rest "$node_url/history/activity-instance?activityId=Gateway_WaitForNextSync" \
        | jq '[.[].processInstanceId] | unique | length')
      [ "$synced" -ge "$many_mailboxes" ] && break
      if [ "$(demo_rest "$node_url/incident/count" | jq .count)" != 0 ] || [ "$(date +%s)" -gt "$deadline" ]; then
        demo_rest "$node_url/incident" | jq -r '.[] | "\(.activityId): \(.incidentMessage)"' | head -n 5
        node_stop
        echo "FAILED: the node's cutover has an incident or did not sync every mailbox in time; see $log" >&2
        exit 1
      fi
      demo_submit_open_tasks http://127.0.0.1:8080 # until the batch exists
      sleep 1
    done
    # from the first initial slice to the moment the last mailbox first waited for its next sync
    first=$(demo_rest "$node_url/history/activity-instance?activityId=Task_InitialSync&sortBy=startTime&sortOrder=asc&maxResults=1" \
      | jq -r '.[0].startTime')
    last=$(demo_rest "$node_url/history/activity-instance?activityId=Gateway_WaitForNextSync" \
      | jq -r 'group_by(.processInstanceId) | map(min_by(.startTime).startTime) | max')
    awk -v s="$(iso_seconds "$first")" -v e="$(iso_seconds "$last")" 'BEGIN { printf "%.2f\n", e - s }' \
      > "$work/many-node$1.wall"
    awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" > "$work/many-node$1.rss"
    # the initial slices (one activity instance each) and how many ran at once at the most
    read -r slices peak < <(demo_rest "$node_url/history/activity-instance?activityId=Task_InitialSync" | jq -r '
      [.[] | {t: .startTime, d: 1}, {t: .endTime, d: -1}] | sort_by(.t, .d)
      | "\(length / 2) \(reduce .[].d as $d ({c: 0, m: 0}; .c += $d | .m = ([.m, .c] | max)) | .m)"')
    echo "  initial slices: $slices, at most $peak at once"
    if (( peak < (node_threads < many_mailboxes ? node_threads : many_mailboxes) )); then
      echo "NOTE: fewer slices ran at once than the node has threads for; the figure is not one of $node_threads at once"
    fi
    node_stop
    echo "  the node synced $many_mailboxes mailboxes in $(cat "$work/many-node$1.wall") s"
    verify_targets "the node" || exit 1
  }
  many_variants=(ceiling mailferry)
  if [ -n "$imapsync" ]; then many_variants+=(imapsync); fi
  many_variants+=(node)
  for (( r = 0; r < rounds; r++ )); do
    n=${#many_variants[@]}
    for (( k = 0; k < n; k++ )); do "many_${many_variants[$(( (r + k) % n ))]}" "$r"; done
  done
  fresh_targets
  echo
  echo "$many_mailboxes mailboxes at once: $many_messages messages each, $many_total in all," \
    "$(printf '%.1f' "$many_mib") MiB (AwkwardCorpus seed $seed), Dovecot source -> target on 127.0.0.1," \
    "$(nproc) CPUs, mail_fsync=$DOVECOT_MAIL_FSYNC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%-34s %10s %9s %9s %10s\n' run msgs/s MiB/s seconds "peak RSS"
  many_row() { # label, seconds, rss KiB
    printf '%-34s %10s %9s %9s %10s\n' "$1" "$(rate "$many_total" "$2")" "$(rate "$many_mib" "$2")" "$2" \
      "$(awk -v k="$3" 'BEGIN { printf "%.0f MiB", k / 1024 }')"
  }
  for v in "${many_variants[@]}"; do
    walls=() rsss=()
    for (( r = 0; r < rounds; r++ )); do
      walls+=("$(cat "$work/many-$v$r.wall")") rsss+=("$(cat "$work/many-$v$r.rss")")
      many_row "round $(( r + 1 )) $v" "$(cat "$work/many-$v$r.wall")" "$(cat "$work/many-$v$r.rss")"
    done
    median_of "${walls[@]}" > "$work/many-$v.median"
    many_row "median $v" "$(cat "$work/many-$v.median")" "$(median_of "${rsss[@]}")"
  done
  own=()
  for (( r = 0; r < rounds; r++ )); do own+=("$(cat "$work/many-mailferry$r.seconds")"); done
  many_row "  Mailferry by its own clock" "$(median_of "${own[@]}")" 0
  echo "  rates: all messages over the group's wall time (the ceiling's JVM, Mailferry's JVM and state database,"
  echo "  every imapsync's Perl start included); peak RSS: imapsync's is the sum of its processes, sampled"
  echo "  Mailferry: ${mailferry[*]} sync --mailboxes LIST --parallel-mailboxes $parallel_mailboxes"
  awk -v c="$(cat "$work/many-ceiling.median")" -v m="$(cat "$work/many-mailferry.median")" 'BEGIN {
    printf "SAME RUN: %s mailboxes, one Mailferry process vs the APPEND ceiling: %.2fx the msgs/s\n", "'"$many_mailboxes"'", c / m }'
  echo "  node: java -jar $jar (demo profile, H2) with $node_threads job threads and mailboxes per endpoint;"
  echo "  its wall is the node's history from the first initial slice to the last mailbox in sync"
  awk -v c="$(cat "$work/many-ceiling.median")" -v n="$(cat "$work/many-node.median")" -v m="$(cat "$work/many-mailferry.median")" 'BEGIN {
    printf "SAME RUN: %s mailboxes, one Mailferry node vs the APPEND ceiling: %.2fx the msgs/s\n", "'"$many_mailboxes"'", c / n
    printf "SAME RUN: one Mailferry node vs one Mailferry process (sync --mailboxes): %.2fx the msgs/s\n", m / n }'
  if [ -n "$imapsync" ]; then
    awk -v i="$(cat "$work/many-imapsync.median")" -v m="$(cat "$work/many-mailferry.median")" -v n="$(cat "$work/many-node.median")" -v c="$(cat "$work/many-ceiling.median")" 'BEGIN {
      printf "SAME RUN: one Mailferry node vs %s parallel imapsync: %.2fx the aggregate msgs/s (target >= 1.5)\n", "'"$many_mailboxes"'", i / n
      printf "SAME RUN: one Mailferry process vs %s parallel imapsync: %.2fx the aggregate msgs/s (target >= 1.5)\n", "'"$many_mailboxes"'", i / m
      printf "SAME RUN: %s parallel imapsync vs the APPEND ceiling: %.2fx the msgs/s\n", "'"$many_mailboxes"'", c / i }'
  fi
fi

# --- the unchanged delta of a 100,000-message folder on a server without CONDSTORE (Exchange-like) ---
# Mailferry's delta pass in-process (bench/SyncDelta.java on the unpacked jar: a cold pass as the command runs it,
# then two warm ones), against the least any client can do there, measured over the same loopback in the same run:
# sign in, EXAMINE, UID FETCH 1:* (UID FLAGS) read to the end (ImapAppend --fetch-flags, median of 3).
if part nocondstore; then
  big_user=user45@contoso.com
  echo "Seeding $big_messages messages into $big_user on the source without CONDSTORE (port $DOVECOT_NOCONDSTORE_PORT)"
  "${imap_plain[@]}" --port "$DOVECOT_NOCONDSTORE_PORT" --user "$big_user" --seed-messages "$big_messages"
  echo "Mailferry's initial pass of the big folder (not measured here)"
  cli_sync "$DOVECOT_NOCONDSTORE_PORT" "$big_user" "$work/big-state" java -Xmx512m -jar "$jar"
  grep -q "^Summary: copied $big_messages," "$work/last-summary" || { echo "FAILED: copied not $big_messages" >&2; exit 1; }
  big_ref=()
  for i in 1 2 3; do
    big_ref+=("$("${imap_plain[@]}" --port "$DOVECOT_NOCONDSTORE_PORT" --user "$big_user" --fetch-flags \
      | tee "$work/fetch$i.out" | sed -E 's/.*seconds ([0-9.]+).*/\1/')")
  done
  fetch_bytes=$(sed -E 's/.*bytes ([0-9]+),.*/\1/' "$work/fetch1.out")
  echo "Mailferry's unchanged delta passes, in-process"
  java -XX:+UseSerialGC -Xmn8m -Xmx512m -cp "$cli_dir/mailferry.jar" bench/SyncDelta.java \
    --source-port "$DOVECOT_NOCONDSTORE_PORT" --target-port "$DOVECOT_TARGET_PORT" --user "$big_user" \
    --password-file "$DOVECOT_PASSWORD_FILE" --state "$work/big-state" --passes 3 | tee "$work/big-delta.out"
  if grep -v '^Result: pass [0-9], copied 0, flags 0, ' "$work/big-delta.out" | grep -q '^Result'; then
    echo "FAILED: an unchanged delta copied or changed something" >&2
    exit 1
  fi
  field() { sed -E "s/.*$1 ([0-9.]+).*/\\1/" "$work/big-delta.out"; }
  mapfile -t delta_seconds < <(field seconds)
  mapfile -t delta_heap < <(field 'extra heap MiB')
  ref=$(median_of "${big_ref[@]}")
  warm=$(median_of "${delta_seconds[@]:1}")
  heap=$(printf '%s\n' "${delta_heap[@]}" | sort -g | tail -n 1)
  echo
  echo "Unchanged delta, $big_messages messages in one folder, source without CONDSTORE/QRESYNC (Dovecot" \
    "$(dovecot --version | cut -d' ' -f1), mail_fsync=$DOVECOT_MAIL_FSYNC, $(nproc) CPUs)"
  printf '  reference: plain client sign-in + EXAMINE + UID FETCH 1:* (UID FLAGS): %s s (median of %s), %s bytes\n' \
    "$ref" "${big_ref[*]}" "$fetch_bytes"
  printf '  Mailferry in-process: cold %s s, warm %s s (passes: %s); extra heap at most %s MiB (per pass: %s)\n' \
    "${delta_seconds[0]}" "$warm" "${delta_seconds[*]}" "$heap" "${delta_heap[*]}"
  awk -v c="${delta_seconds[0]}" -v w="$warm" -v r="$ref" -v h="$heap" -v b="$fetch_bytes" 'BEGIN {
    printf "  delta vs reference: %.2fx the time cold, %.2fx warm\n", c / r, w / r
    printf "  limits (issue 12): %.2fx of 2 s cold, %.2fx warm; %.2fx of 64 MiB extra heap", c / 2, w / 2, h / 64
    printf " (%.2fx the bytes of the FETCH answer)\n", h * 1048576 / b
  }'
fi

# --- start-up of the command line: java -jar (today) against the unpacked jar with its CDS archive ---
# csv validate of a one-line file, and sync of an unchanged 20-message mailbox (CONDSTORE source: the pass itself is a
# STATUS per folder, so start-up is most of it). Rounds in rotating order; medians of wall and CPU (user+sys) time.
if part startup; then
  small_user=user46@contoso.com
  printf 'EmailAddress,Password,ForceChangePassword\nuser01@contoso.com,Bench-Only-Pass1!,False\n' > "$work/one.csv"
  "${imap_plain[@]}" --port "$DOVECOT_SOURCE_PORT" --user "$small_user" --seed-messages 20 >/dev/null
  cli_sync "$DOVECOT_SOURCE_PORT" "$small_user" "$work/small-state" java -jar "$jar" >/dev/null
  variants=(jar cds)
  if [ -n "$baseline_jar" ]; then variants+=(baseline); fi
  invocation() { # variant
    case $1 in
      jar) echo "java -jar $jar" ;;
      cds) echo "java -XX:SharedArchiveFile=$cli_dir/mailferry.jsa -jar $cli_dir/mailferry.jar" ;;
      baseline) echo "java -jar $baseline_jar" ;;
    esac
  }
  timed() { # file, command...: wall and CPU seconds
    local file=$1
    shift
    /usr/bin/time -f '%e %U %S' -o "$file" "$@" >/dev/null 2>&1 || { echo "FAILED: $*" >&2; exit 1; }
    awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$file" > "$file.n"
  }
  for (( r = 0; r < startup_rounds; r++ )); do
    echo "Start-up round $(( r + 1 ))"
    n=${#variants[@]}
    for (( k = 0; k < n; k++ )); do
      v=${variants[$(( (r + k) % n ))]}
      # shellcheck disable=SC2046
      timed "$work/csv-$v-$r" $(invocation "$v") csv validate "$work/one.csv"
      # shellcheck disable=SC2046
      timed "$work/sync-$v-$r" $(invocation "$v") sync \
        --source "imap://${small_user/@/%40}@127.0.0.1:$DOVECOT_SOURCE_PORT" \
        --target "imap://${small_user/@/%40}@127.0.0.1:$DOVECOT_TARGET_PORT" --allow-plaintext \
        --source-password-file "$DOVECOT_PASSWORD_FILE" --target-password-file "$DOVECOT_PASSWORD_FILE" \
        --state "$work/small-state"
    done
  done
  echo
  echo "Command line start-up, medians of $startup_rounds rounds (wall / CPU user+sys, seconds; $(nproc) CPUs," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)); the archive took $cds_seconds s to prepare"
  for cmd in csv sync; do
    for v in "${variants[@]}"; do
      walls=() cpus=()
      for (( r = 0; r < startup_rounds; r++ )); do
        read -r w c < "$work/$cmd-$v-$r.n"
        walls+=("$w") cpus+=("$c")
      done
      echo "$(median_of "${walls[@]}") $(median_of "${cpus[@]}")" > "$work/$cmd-$v.median"
      printf '  %-5s %-9s %6s s wall %6s s CPU   %s\n' "$cmd" "$v" $(cat "$work/$cmd-$v.median") "$(invocation "$v")"
    done
    read -r jw jc < "$work/$cmd-jar.median"
    read -r cw cc < "$work/$cmd-cds.median"
    awk -v jw="$jw" -v jc="$jc" -v cw="$cw" -v cc="$cc" -v c="$cmd" 'BEGIN {
      printf "  %s with CDS vs java -jar: %.2fx the wall time, %.2fx the CPU time\n", c, cw / jw, cc / jc }'
    if [ -n "$baseline_jar" ]; then
      read -r bw bc < "$work/$cmd-baseline.median"
      awk -v bw="$bw" -v bc="$bc" -v cw="$cw" -v cc="$cc" -v c="$cmd" 'BEGIN {
        printf "  %s with CDS vs the baseline jar: %.2fx the wall time, %.2fx the CPU time\n", c, cw / bw, cc / bc }'
    fi
  done
fi

#!/usr/bin/env bash
# Mailbox sync should beat imapsync: on the same awkward corpus imapsync copied 3,000 messages / 364 MiB at
# 310 msgs/s and needed 1.46 s for an unchanged re-run (reference measured on another run, not here).
# One run of this script:
#   1. builds target/mailferry.jar if missing, starts the Dovecot pair (src/test/dovecot) in a temp dir;
#   2. writes the corpus (bench/AwkwardCorpus.java, $MESSAGES messages, default 3000, seed $SEED, default 42)
#      and APPENDs it to bench@contoso.com on the source (checked with ImapAppend --verify);
#   3. measures the ceiling: the same APPENDs, from memory over one connection, into ceiling@contoso.com on the
#      target: no tool that copies one message at a time into this server can be faster;
#   4. runs Mailferry's initial pass into bench@contoso.com on the target, then an unchanged delta pass with the
#      same --state, each timed here (JVM start included) with its peak RSS, and checks after each that the target
#      holds exactly the corpus (messages, bytes, flags, internal dates per folder);
#   5. prints the table and the ratios.
# Settings: MESSAGES, SEED, MAILFERRY_JAR (default target/mailferry.jar), DOVECOT_MAIL_FSYNC (see start-dovecot.sh).
# Needs: java 17, mvn (only if the jar is missing), openssl, dovecot (installed by start-dovecot.sh as root).
set -euo pipefail
cd "$(dirname "$0")/.."

messages=${MESSAGES:-3000}
seed=${SEED:-42}
imapsync_msgs_per_s=310
imapsync_delta_seconds=1.46
jar=${MAILFERRY_JAR:-target/mailferry.jar} # another build can be measured the same way
user=bench@contoso.com
ceiling_user=ceiling@contoso.com

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

java bench/AwkwardCorpus.java --out "$work/corpus" --messages "$messages" --seed "$seed"
corpus_bytes=$(awk -F'\t' '!/^#/ { sum += $5 } END { printf "%d", sum }' "$work/corpus/manifest.tsv")
corpus_mib=$(awk -v b="$corpus_bytes" 'BEGIN { printf "%.3f", b / 1048576 }')
# ImapAppend holds the whole corpus in memory (so the clock measures the server, not the disk)
append_heap_mb=$(( corpus_bytes / 1048576 * 2 + 256 ))

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
imap_append=(java "-Xmx${append_heap_mb}m" bench/ImapAppend.java --corpus "$work/corpus" --host 127.0.0.1
  --password-file "$DOVECOT_PASSWORD_FILE")

echo "Seeding $user on the source"
"${imap_append[@]}" --port "$DOVECOT_SOURCE_PORT" --user "$user"
"${imap_append[@]}" --port "$DOVECOT_SOURCE_PORT" --user "$user" --verify

echo "Ceiling: APPEND into $ceiling_user on the target"
# every measured phase starts with no dirty pages of the previous one left to write back
sync
measured "$work/ceiling.rss" "$work/ceiling.wall" \
  "${imap_append[@]}" --port "$DOVECOT_TARGET_PORT" --user "$ceiling_user" | tee "$work/ceiling.out"
result=$(grep '^Result: ' "$work/ceiling.out")
ceiling_seconds=$(sed -E 's/.*seconds ([0-9.]+),.*/\1/' <<< "$result")

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
  row "ceiling (ImapAppend, 1 conn.)" "$(rate "$messages" "$ceiling_seconds")" \
    "$(rate "$corpus_mib" "$ceiling_seconds")" "$ceiling_seconds" "$(cat "$work/ceiling.rss")"
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
  table_head
  echo
  echo "FAILED: $jar has no 'sync' command (built from a branch without the sync engine?)." \
    "Rebuild it with: mvn -B -ntp -q package -DskipTests" >&2
  exit 1
fi

sync_run() { # $1 = initial|delta
  echo "Mailferry $1 pass"
  local rc=0
  sync
  measured "$work/$1.rss" "$work/$1.wall" java -Xmx512m -jar "$jar" sync \
    --source "imap://${user/@/%40}@127.0.0.1:$DOVECOT_SOURCE_PORT" \
    --target "imap://${user/@/%40}@127.0.0.1:$DOVECOT_TARGET_PORT" \
    --source-password-file "$DOVECOT_PASSWORD_FILE" --target-password-file "$DOVECOT_PASSWORD_FILE" \
    --state "$work/state" > "$work/$1.out" 2>&1 || rc=$?
  cat "$work/$1.out"
  local summary
  summary=$(tail -n 1 "$work/$1.out")
  if [ "$rc" != 0 ] || ! grep -q '^Summary: .*, in sync$' <<< "$summary"; then
    echo "FAILED: Mailferry's $1 pass ended with exit code $rc and did not report 'in sync'" >&2
    exit 1
  fi
  if [ "$1" = delta ] && ! grep -q '^Summary: copied 0,' <<< "$summary"; then
    echo "FAILED: the delta pass over an unchanged source copied messages: $summary" >&2
    exit 1
  fi
  "${imap_append[@]}" --port "$DOVECOT_TARGET_PORT" --user "$user" --verify
}
sync_run initial
sync_run delta

initial_seconds=$(cat "$work/initial.wall")
delta_seconds=$(cat "$work/delta.wall")
initial_rate=$(rate "$messages" "$initial_seconds")
table_head
row "Mailferry initial" "$initial_rate" "$(rate "$corpus_mib" "$initial_seconds")" \
  "$initial_seconds" "$(cat "$work/initial.rss")"
row "Mailferry delta (unchanged)" "$(rate "$messages" "$delta_seconds")*" "-" "$delta_seconds" \
  "$(cat "$work/delta.rss")"
echo "  * messages checked per second; nothing to copy. Mailferry seconds: wall time of the whole java process."
echo "  Mailferry's own summaries: initial: $(tail -n 1 "$work/initial.out" | cut -c10-)"
echo "                             delta:   $(tail -n 1 "$work/delta.out" | cut -c10-)"
echo
ceiling_rate=$(rate "$messages" "$ceiling_seconds")
awk -v i="$initial_rate" -v c="$ceiling_rate" -v r="$imapsync_msgs_per_s" -v d="$delta_seconds" \
  -v rd="$imapsync_delta_seconds" 'BEGIN {
  printf "initial vs ceiling (same run):                %6.2fx the msgs/s\n", i / c
  printf "initial vs imapsync %d msgs/s (another run):  %6.2fx the msgs/s\n", r, i / r
  printf "delta vs imapsync %.2f s (another run):       %6.2fx the time (below 1 is faster)\n", rd, d / rd
}'

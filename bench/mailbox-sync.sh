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
# The disk's fsync latency on a shared VM varies a lot from minute to minute; single figures mislead, medians of
# rounds measured side by side much less.
# Settings: MESSAGES, SEED, ROUNDS, MAILFERRY_JAR (default target/mailferry.jar), DOVECOT_MAIL_FSYNC and the
# DOVECOT_*_PORT variables (see start-dovecot.sh), PARTS (default "awkward nocondstore startup": steps 2-5, 6, 7),
# BIG_MESSAGES, STARTUP_ROUNDS (default 5), BASELINE_JAR.
# Needs: java 17, mvn (only if the jar is missing), openssl, dovecot (installed by start-dovecot.sh as root).
set -euo pipefail
cd "$(dirname "$0")/.."

messages=${MESSAGES:-3000}
seed=${SEED:-42}
imapsync_msgs_per_s=310
imapsync_delta_seconds=1.46
jar=${MAILFERRY_JAR:-target/mailferry.jar} # another build can be measured the same way
rounds=${ROUNDS:-3}
parts=${PARTS:-awkward nocondstore startup}
big_messages=${BIG_MESSAGES:-100000}
startup_rounds=${STARTUP_ROUNDS:-5}
baseline_jar=${BASELINE_JAR:-}
user=bench@contoso.com # on the source
ceiling_users=(ceiling@contoso.com user01@contoso.com user03@contoso.com) # fresh target accounts per round
mailferry_users=(bench@contoso.com user02@contoso.com user04@contoso.com)
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

sync_run() { # $1 = initial|delta, $2 = round
  local target=${mailferry_users[$2]} rc=0 summary
  echo "Round $(( $2 + 1 )) Mailferry $1 pass into $target"
  sync
  measured "$work/$1$2.rss" "$work/$1$2.wall" java -Xmx512m -jar "$jar" sync \
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
for (( r = 0; r < rounds; r++ )); do
  if (( r % 2 == 0 )); then ceiling_round "$r"; sync_run initial "$r"; else sync_run initial "$r"; ceiling_round "$r"; fi
done
last=$(( rounds - 1 ))
sync_run delta "$last"

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
delta_seconds=$(cat "$work/delta$last.seconds")
delta_wall=$(cat "$work/delta$last.wall")
row "median ceiling" "$(rate "$messages" "$ceiling_seconds")" "$(rate "$corpus_mib" "$ceiling_seconds")" \
  "$ceiling_seconds" "$(median $(files ceiling rss))"
row "median Mailferry initial" "$(rate "$messages" "$initial_seconds")" "$(rate "$corpus_mib" "$initial_seconds")" \
  "$initial_seconds" "$(median $(files initial rss))"
row "  same, whole process (JVM)" "$(rate "$messages" "$initial_wall")" "$(rate "$corpus_mib" "$initial_wall")" \
  "$initial_wall" "$(median $(files initial rss))"
row "Mailferry delta (unchanged)" "-" "-" "$delta_seconds" "$(cat "$work/delta$last.rss")"
row "  same, whole process (JVM)" "-" "-" "$delta_wall" "$(cat "$work/delta$last.rss")"
echo "  Mailferry's own clock runs from sign-in to in sync, like the ceiling's from first CREATE to last APPEND;"
echo "  'whole process' adds the JVM start and, for a new --state folder, creating the state database."
echo
awk -v i="$initial_seconds" -v w="$initial_wall" -v c="$ceiling_seconds" -v n="$messages" \
  -v r="$imapsync_msgs_per_s" -v d="$delta_seconds" -v dw="$delta_wall" -v rd="$imapsync_delta_seconds" 'BEGIN {
  printf "initial vs ceiling (medians, same run):        %6.2fx the msgs/s (whole process: %.2fx)\n", c / i, c / w
  printf "initial vs imapsync %d msgs/s (another run):   %6.2fx the msgs/s (whole process: %.2fx)\n", r, n / i / r, n / w / r
  printf "delta vs imapsync %.2f s (another run):        %6.3fx the time (whole process: %.2fx; below 1 is faster)\n", rd, d / rd, dw / rd
}'
fi

# A plain client for the big folder (seeding, the reference UID FETCH); add: --port PORT --user USER ...
imap_plain=(java bench/ImapAppend.java --host 127.0.0.1 --password-file "$DOVECOT_PASSWORD_FILE")
median_of() { # numbers as arguments
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
# The unpacked jar with its class-data sharing archive (bin/mailferry-cds.sh), for both parts below.
cli_dir="$work/cli"
if part nocondstore || part startup; then
  echo "Preparing the class-data sharing archive (bin/mailferry-cds.sh)"
  cds_start=$(date +%s.%N)
  bin/mailferry-cds.sh "$jar" "$cli_dir" >/dev/null
  cds_seconds=$(awk -v s="$cds_start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
fi
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

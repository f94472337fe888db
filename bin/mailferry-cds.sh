#!/usr/bin/env bash
# Prepares the quick-starting command line: unpacks the Spring Boot jar into DIR (the layout the JDK's class-data
# sharing can use, since it cannot read classes nested in a jar) and builds a class-data-sharing archive of the
# classes the commands load (a static AppCDS archive: JDK 17's dynamic one leaves out picocli, compiled for Java 5).
# Usage: bin/mailferry-cds.sh [JAR] [DIR]   (defaults: target/mailferry.jar, target/mailferry-cli)
# Then run every command as:
#   java -XX:SharedArchiveFile=DIR/mailferry.jsa -jar DIR/mailferry.jar COMMAND ...
# (with -XX:TieredStopAtLevel=1 -XX:+UseSerialGC a command starts faster still; the archive serves it too)
# Run it again after each build: an archive made from another jar is ignored by the JVM (the command still runs,
# only without the head start). Training runs nothing over the network: a "csv validate" of a one-line file and a
# "sync" against a closed port on 127.0.0.1, which fails at once after the state database and IMAP classes loaded.
set -euo pipefail
jar=${1:-target/mailferry.jar}
dir=${2:-target/mailferry-cli}
java=${JAVA:-java}
if [ ! -f "$jar" ]; then
  echo "No $jar: build it first (mvn package)" >&2
  exit 2
fi
rm -rf "$dir"
"$java" -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null
app="$dir/$(basename "$jar")"
if [ "$app" != "$dir/mailferry.jar" ]; then mv "$app" "$dir/mailferry.jar"; fi
app="$dir/mailferry.jar"

train=$(mktemp -d)
trap 'rm -rf "$train"' EXIT
printf 'EmailAddress,Password,ForceChangePassword\nuser01@contoso.com,Training-Only-1!,False\n' > "$train/one.csv"
printf 'not-a-password\n' > "$train/pw"
chmod 600 "$train/pw"
port=1 # tcpmux: nothing listens there on any ordinary machine
"$java" -XX:DumpLoadedClassList="$train/csv.lst" -jar "$app" csv validate "$train/one.csv" >/dev/null
"$java" -XX:DumpLoadedClassList="$train/sync.lst" -jar "$app" sync \
  --source "imap://training@127.0.0.1:$port" --target "imap://training@127.0.0.1:$port" --allow-plaintext \
  --source-password-file "$train/pw" --target-password-file "$train/pw" --state "$train/state" --retries 0 \
  >/dev/null 2>&1 || true # fails by design: nobody listens there
# one list, first occurrence of each line kept (the order matters to the lambda entries)
cat "$train/csv.lst" "$train/sync.lst" | awk '!seen[$0]++' > "$dir/classes.lst"
"$java" -Xshare:dump -XX:SharedClassListFile="$dir/classes.lst" -XX:SharedArchiveFile="$dir/mailferry.jsa" \
  -cp "$app" > "$train/dump.log" 2>&1 || { cat "$train/dump.log" >&2; exit 1; }
echo "Class-data sharing archive ready: java -XX:SharedArchiveFile=$dir/mailferry.jsa -jar $app COMMAND ..."

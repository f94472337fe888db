#!/usr/bin/env bash
# Starts two BIND9 servers on 127.0.0.1 for the server tests (mvn -Pserver-tests):
#   primary  (port $BIND9_PRIMARY_PORT, default 15353): primary for contoso.test, accepts updates signed with
#            the generated TSIG key "mailferry" (update-policy zonesub ANY), journal in its own directory;
#            The primary also serves contoso.com (same key and policy), the on-premises domain of the
#            production-shaped cutover against the Microsoft 365 rig (ProductionCutoverServerTest): NS ns1.contoso.com
#            at 127.0.0.1, MX to mail.contoso.com, Autodiscover to the on-premises server, an SPF record.
#   lagging  (port $BIND9_LAGGING_PORT, default 15354): its own static copy of contoso.test with an OLDER MX,
#            like a secondary that has not caught up.
# Usage: start-bind9.sh DIR   (DIR is created; stop with: stop-bind9.sh DIR)
# Writes DIR/env with BIND9_PRIMARY, BIND9_LAGGING, BIND9_KEY_FILE, BIND9_ZONE, BIND9_CUTOVER_ZONE for the tests,
# and prints it.
# Installs bind9 from Debian packages when named is missing (CI starts on a fresh machine, as root).
set -euo pipefail

dir=${1:?usage: start-bind9.sh DIR}
primary_port=${BIND9_PRIMARY_PORT:-15353}
lagging_port=${BIND9_LAGGING_PORT:-15354}
zone=contoso.test
cutover_zone=contoso.com
key_name=mailferry

if ! command -v named >/dev/null || ! command -v tsig-keygen >/dev/null || ! command -v dig >/dev/null; then
  echo "Installing bind9 (named, tsig-keygen, dig, nsupdate)"
  sudo=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then sudo="sudo"; fi
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bind9 bind9-utils bind9-dnsutils >/dev/null
fi
named_bin=$(command -v named)

mkdir -p "$dir/primary" "$dir/lagging"
dir=$(cd "$dir" && pwd)
tsig-keygen -a hmac-sha256 "$key_name" > "$dir/$key_name.key"
chmod 600 "$dir/$key_name.key"

zone_file() { # $1 = serial, $2 = MX host
  cat <<ZONE
\$TTL 300
@     IN SOA ns1.$zone. hostmaster.$zone. $1 3600 600 604800 300
@     IN NS  ns1.$zone.
@     IN NS  ns2.$zone.
ns1   IN A   127.0.0.1
ns2   IN A   127.0.0.1
@     IN MX  10 $2.$zone.
mail  IN A   127.0.0.1
old   IN A   127.0.0.1
ZONE
}
zone_file 2 mail > "$dir/primary/$zone.zone"
zone_file 1 old > "$dir/lagging/$zone.zone"
cat > "$dir/primary/$cutover_zone.zone" <<ZONE
\$TTL 300
@            IN SOA   ns1.$cutover_zone. hostmaster.$cutover_zone. 1 3600 600 604800 300
@            IN NS    ns1.$cutover_zone.
ns1          IN A     127.0.0.1
@            IN MX    10 mail.$cutover_zone.
@            IN TXT   "v=spf1 mx -all"
mail         IN A     127.0.0.1
autodiscover IN CNAME mail.$cutover_zone.
ZONE

named_conf() { # $1 = name, $2 = port, $3 = zone statement extras
  cat <<CONF
include "$dir/$key_name.key";
options {
    directory "$dir/$1";
    pid-file "$dir/$1/named.pid";
    session-keyfile "$dir/$1/session.key";
    managed-keys-directory "$dir/$1";
    listen-on port $2 { 127.0.0.1; };
    listen-on-v6 { none; };
    recursion no;
    dnssec-validation no;
    allow-query { any; };
    notify no;
};
controls { };
zone "$zone" {
    type primary;
    file "$dir/$1/$zone.zone";
    $3
};
${4:-}
CONF
}
named_conf primary "$primary_port" "update-policy { grant $key_name zonesub ANY; }; journal \"$dir/primary/$zone.zone.jnl\";" \
  "zone \"$cutover_zone\" { type primary; file \"$dir/primary/$cutover_zone.zone\";
    update-policy { grant $key_name zonesub ANY; }; journal \"$dir/primary/$cutover_zone.zone.jnl\"; };" \
  > "$dir/primary/named.conf"
named_conf lagging "$lagging_port" "allow-update { none; };" > "$dir/lagging/named.conf"

for server in primary lagging; do
  named-checkconf "$dir/$server/named.conf"
  # -g: foreground with logging to stderr (so the log ends up in the file), put in the background by '&'.
  "$named_bin" -g -c "$dir/$server/named.conf" > "$dir/$server/named.log" 2>&1 &
  echo $! > "$dir/$server/named.shell-pid"
done

wait_for() { # $1 = name, $2 = port
  for _ in $(seq 1 50); do
    if dig +short +time=1 +tries=1 -p "$2" @127.0.0.1 "$zone" SOA | grep -q "ns1.$zone"; then
      return 0
    fi
    sleep 0.2
  done
  echo "BIND9 $1 on port $2 does not answer; its log:" >&2
  cat "$dir/$1/named.log" >&2
  return 1
}
wait_for primary "$primary_port"
wait_for lagging "$lagging_port"

cat > "$dir/env" <<ENV
BIND9_PRIMARY=127.0.0.1:$primary_port
BIND9_LAGGING=127.0.0.1:$lagging_port
BIND9_KEY_FILE=$dir/$key_name.key
BIND9_ZONE=$zone
BIND9_CUTOVER_ZONE=$cutover_zone
ENV
echo "BIND9 is up: primary 127.0.0.1:$primary_port, lagging 127.0.0.1:$lagging_port, zone $zone, key file $dir/$key_name.key"

#!/usr/bin/env bash
# Starts four independent Dovecot IMAP servers on 127.0.0.1 for the server tests (mvn -Pserver-tests) and the
# mailbox-sync benchmark (bench/mailbox-sync.sh): a "source" (think Exchange on-prem) and a "target" (think
# Microsoft 365). Each has its own config, base_dir, state_dir, log, passwd-file and Maildir homes under DIR;
# nothing under /etc/dovecot or /var is used, and no system service is involved.
#   source  IMAP  127.0.0.1:$DOVECOT_SOURCE_PORT (default 14143, STARTTLS offered, plaintext login allowed)
#           IMAPS 127.0.0.1:$DOVECOT_SOURCE_TLS_PORT (default 14993, implicit TLS, self-signed certificate)
#   target  IMAP  127.0.0.1:$DOVECOT_TARGET_PORT (default 14144, STARTTLS offered, plaintext login allowed)
#   xoauth2 IMAPS 127.0.0.1:$DOVECOT_XOAUTH2_PORT (default 14145): "Exchange Online" for the XOAUTH2 tests. Only SASL
#           XOAUTH2/OAUTHBEARER, with app-only access tokens that its oauth2 passdb validates locally (RS256, signed
#           with DIR/xoauth2/signing-key.pem, which the tests' in-process token server signs with; issuer
#           https://sts.windows.net/$DOVECOT_XOAUTH2_TENANT/). A token must carry the role IMAP.AccessAsApp: Dovecot
#           2.3 reads no array claims, so the rig's token server also writes the roles into a "scope" string, which
#           "scope = IMAP.AccessAsApp" checks (a missing claim fails too). The app may open the users below (as if
#           it had FullAccess on them); any other mailbox is refused, like one without Add-MailboxPermission.
#   nocondstore IMAP 127.0.0.1:$DOVECOT_NOCONDSTORE_PORT (default 14146): a source without CONDSTORE/QRESYNC
# Users on source, target and nocondstore: user01..user50@contoso.com, bench@contoso.com, ceiling@contoso.com, all
# with the same password, and the master user mfadmin, who signs in to any of them with SASL PLAIN and the user as
# authorization identity (or LOGIN "user*mfadmin").
# Ports and passwords can be overridden with the DOVECOT_* variables below, mail_fsync with DOVECOT_MAIL_FSYNC.
# Usage: start-dovecot.sh DIR   (DIR is created; stop with: stop-dovecot.sh DIR)
# Writes DIR/env (DOVECOT_* shell variables for the tests, mode 600) and prints where everything is.
# Installs dovecot-imapd from Debian packages when dovecot is missing (CI starts on a fresh machine, as root).
set -euo pipefail

dir=${1:?usage: start-dovecot.sh DIR}
source_port=${DOVECOT_SOURCE_PORT:-14143}
target_port=${DOVECOT_TARGET_PORT:-14144}
source_tls_port=${DOVECOT_SOURCE_TLS_PORT:-14993}
xoauth2_port=${DOVECOT_XOAUTH2_PORT:-14145}
# the Entra tenant the rig's tokens come from: their issuer, and the key id the token server signs with
tenant=${DOVECOT_XOAUTH2_TENANT:-c0ffee00-0365-4000-8000-00000000d0ec}
password=${DOVECOT_PASSWORD:-Migr4tion-Temp!}
master_user=${DOVECOT_MASTER_USER:-mfadmin}
master_password=${DOVECOT_MASTER_PASSWORD:-Adm1n-Proxy!}
# Dovecot's default: fsync each delivered message. On a VM disk that bounds one connection to a few hundred
# APPENDs per second; "never" shows the CPU and protocol cost alone.
mail_fsync=${DOVECOT_MAIL_FSYNC:-optimized}
# user01..user50: the cluster test migrates 50 mailboxes (the demo's addresses); the others use the first five
users="$(for i in $(seq -w 1 50); do printf 'user%s@contoso.com ' "$i"; done)bench@contoso.com ceiling@contoso.com"
mail_user=mfvmail # owns the Maildirs; an unprivileged system user created below when missing

sudo=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then sudo="sudo"; fi
if ! command -v dovecot >/dev/null || [ ! -x /usr/lib/dovecot/imap ] || ! command -v openssl >/dev/null; then
  echo "Installing dovecot-imapd and openssl"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd openssl >/dev/null
fi
dovecot_bin=$(command -v dovecot)

if [ "$(id -u)" = 0 ]; then
  if ! id "$mail_user" >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$mail_user"
  fi
  internal_user=dovecot login_user=dovenull
else
  # Without root Dovecot cannot switch users: everything runs as the caller (fine for a loopback test server).
  mail_user=$(id -un) internal_user=$(id -un) login_user=$(id -un)
fi
mail_uid=$(id -u "$mail_user")
mail_gid=$(id -g "$mail_user")

for port in "$source_port" "$target_port" "$source_tls_port" "$xoauth2_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port on 127.0.0.1 is already in use (an earlier start-dovecot.sh not stopped?)" >&2
    exit 1
  fi
done

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
# Dovecot's unix sockets live in base_dir; their paths must stay below the 108-byte sun_path limit.
if [ ${#dir} -gt 60 ]; then
  echo "DIR $dir is too long for Dovecot's socket paths; use a shorter one (at most 60 characters)" >&2
  exit 1
fi
# mktemp -d makes DIR 0700; the mail user must be able to walk down to its Maildir.
chmod 755 "$dir"
if [ "$(id -u)" = 0 ] && command -v runuser >/dev/null; then
  for who in "$mail_user" "$internal_user"; do
    if ! runuser -u "$who" -- test -x "$dir"; then
      echo "User $who cannot reach $dir: a parent directory is not searchable (chmod o+x it, or use another DIR)" >&2
      exit 1
    fi
  done
fi

# Self-signed certificate for 127.0.0.1 and localhost, for TLS trust tests (clients must be told to trust it).
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=localhost/O=Mailferry test Dovecot" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$dir/tls-key.pem" -out "$dir/tls-cert.pem" 2>/dev/null
chmod 600 "$dir/tls-key.pem"

printf '%s\n' "$password" > "$dir/password"
printf '%s\n' "$master_password" > "$dir/master-password"
chmod 600 "$dir/password" "$dir/master-password"
password_hash=$(doveadm -O pw -s SHA512-CRYPT -p "$password")
master_hash=$(doveadm -O pw -s SHA512-CRYPT -p "$master_password")

write_config() { # $1 = name, $2 = IMAP port, $3 = IMAPS port (0 = none)
  local d="$dir/$1"
  cat <<CONF
# Dovecot $1 for Mailferry's tests and benchmark (written by start-dovecot.sh; not a system service).
instance_name = mailferry-$1
base_dir = $d/run
state_dir = $d/state
protocols = imap
listen = 127.0.0.1
log_path = $d/dovecot.log
info_log_path = $d/dovecot.log
auth_verbose = yes
default_internal_user = $internal_user
default_login_user = $login_user
first_valid_uid = $mail_uid
first_valid_gid = $mail_gid

ssl = yes
ssl_cert = <$dir/tls-cert.pem
ssl_key = <$dir/tls-key.pem
# Loopback test server: plaintext LOGIN/PLAIN without TLS is allowed, like many on-prem migration setups.
disable_plaintext_auth = no
auth_mechanisms = plain login
# "user02@contoso.com*$master_user" with LOGIN; PLAIN with an authorization identity works without it.
auth_master_user_separator = *
# Refuse wrong passwords at once (Dovecot's minimum is still about half a second) rather than after 2 s.
auth_failure_delay = 0

passdb {
  driver = passwd-file
  master = yes
  args = $d/master-users
  # the user signed in to must exist: look it up in the passdb below too
  pass = yes
}
passdb {
  driver = passwd-file
  args = $d/users
}
userdb {
  driver = passwd-file
  args = $d/users
}

mail_location = maildir:~/Maildir
mail_fsync = $mail_fsync
namespace inbox {
  inbox = yes
  # Exchange and Microsoft 365 both use '/'; on disk Maildir++ keeps its '.'.
  separator = /
}

# Big messages (150 MB) and many parallel connections of one user from one address.
default_vsz_limit = 1G
default_process_limit = 500
default_client_limit = 2000
mail_max_userip_connections = 200
imap_max_line_length = 1M

service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $2
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $3
    ssl = yes
  }
}
service imap {
  process_limit = 500
}
# No growing penalty (up to 15 s) after failed logins from 127.0.0.1: tests sign in wrongly on purpose.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
CONF
}

write_xoauth2_config() {
  local d="$dir/xoauth2"
  cat <<CONF
# Dovecot "Exchange Online" for Mailferry's XOAUTH2 tests (written by start-dovecot.sh; not a system service).
instance_name = mailferry-xoauth2
base_dir = $d/run
state_dir = $d/state
protocols = imap
listen = 127.0.0.1
log_path = $d/dovecot.log
info_log_path = $d/dovecot.log
auth_verbose = yes
default_internal_user = $internal_user
default_login_user = $login_user
first_valid_uid = $mail_uid
first_valid_gid = $mail_gid

ssl = required
ssl_cert = <$dir/tls-cert.pem
ssl_key = <$dir/tls-key.pem
# Exchange Online takes no passwords for IMAP: OAuth 2.0 bearer tokens only
auth_mechanisms = xoauth2 oauthbearer
auth_failure_delay = 0

passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = $d/dovecot-oauth2.conf.ext
  result_success = continue-ok
}
# then the mailboxes the app has "FullAccess" on (any token the passdb above accepted): another is refused with
# AUTHENTICATIONFAILED, as Exchange Online refuses a mailbox without Add-MailboxPermission
passdb {
  driver = passwd-file
  mechanisms = xoauth2 oauthbearer
  args = $d/full-access
  skip = unauthenticated
  result_failure = return-fail
}
userdb {
  driver = passwd-file
  args = $d/mailboxes
}

mail_location = maildir:~/Maildir
mail_fsync = $mail_fsync
namespace inbox {
  inbox = yes
  separator = /
}

default_vsz_limit = 1G
default_process_limit = 500
default_client_limit = 2000
mail_max_userip_connections = 200
imap_max_line_length = 1M

service imap-login {
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $xoauth2_port
    ssl = yes
  }
}
service imap {
  process_limit = 500
}
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
CONF
}

password_file() { # $1 = name
  local user
  for user in $users; do
    printf '%s:%s:%s:%s::%s::\n' "$user" "$password_hash" "$mail_uid" "$mail_gid" "$dir/$1/home/$user"
  done
}

for instance in source target; do
  d="$dir/$instance"
  mkdir -p "$d/run" "$d/state" "$d/home"
  if [ "$instance" = source ]; then
    write_config source "$source_port" "$source_tls_port" > "$d/dovecot.conf"
  else
    write_config target "$target_port" 0 > "$d/dovecot.conf"
  fi
  password_file "$instance" > "$d/users"
  printf '%s:%s\n' "$master_user" "$master_hash" > "$d/master-users"
  # the auth process runs as the internal user and reads the passwd-files itself
  chmod 640 "$d/users" "$d/master-users"
  if [ "$(id -u)" = 0 ]; then
    chgrp "$(id -g "$internal_user")" "$d/users" "$d/master-users"
    chown "$mail_uid:$mail_gid" "$d/home"
  fi
  : > "$d/dovecot.log"
  "$dovecot_bin" -c "$d/dovecot.conf"
done

# "Exchange Online": the token server's key pair (made here, so a by-hand run needs no Java), the oauth2 passdb and
# the mailboxes the app may open. mock-oauth2-server signs with the key id of its issuer path "<tenant>/oauth2/v2.0"
# (msal4j posts to <authority>/<tenant>/oauth2/v2.0/token); Dovecot finds the key under <azp>/<alg>/<escaped kid>.
d="$dir/xoauth2"
key_id="$tenant/oauth2/v2.0"
mkdir -p "$d/run" "$d/state" "$d/home" "$d/keys/default/RS256"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$d/signing-key.pem" 2>/dev/null
chmod 600 "$d/signing-key.pem"
openssl pkey -in "$d/signing-key.pem" -pubout -out "$d/keys/default/RS256/${key_id//\//%2f}" 2>/dev/null
write_xoauth2_config > "$d/dovecot.conf"
cat > "$d/dovecot-oauth2.conf.ext" <<CONF
# Exchange Online stand-in: app-only tokens validated here, without asking the token server
introspection_mode = local
local_validation_key_dict = fs:posix:prefix=$d/keys/
issuers = https://sts.windows.net/$tenant/
# app-only tokens carry no mailbox: require the app id, and let it open every mailbox the userdb knows
username_attribute = appid
username_format = app
# the role, as the rig's token server copies it from "roles" (an array Dovecot 2.3 cannot read) into "scope"
scope = IMAP.AccessAsApp
CONF
password_file xoauth2 > "$d/mailboxes"
for user in $users; do printf '%s:::::::nopassword=y\n' "$user"; done > "$d/full-access"
chmod 644 "$d/mailboxes" "$d/full-access" "$d/dovecot-oauth2.conf.ext"
if [ "$(id -u)" = 0 ]; then
  chown "$mail_uid:$mail_gid" "$d/home"
fi
: > "$d/dovecot.log"
"$dovecot_bin" -c "$d/dovecot.conf"

wait_for() { # $1 = name, $2 = port, $3 = tls|plain
  local greeting
  for _ in $(seq 1 50); do
    if [ "$3" = tls ]; then
      greeting=$(printf 'a LOGOUT\r\n' | timeout 2 openssl s_client -connect "127.0.0.1:$2" -quiet 2>/dev/null \
        | head -c 4 || true)
    else
      greeting=$(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$2 && head -c 4 <&3" 2>/dev/null || true)
    fi
    if [ "$greeting" = "* OK" ]; then
      return 0
    fi
    sleep 0.2
  done
  echo "Dovecot $1 on port $2 ($3) does not answer; its log:" >&2
  cat "$dir/$1/dovecot.log" >&2
  return 1
}
wait_for source "$source_port" plain
wait_for source "$source_tls_port" tls
wait_for target "$target_port" plain
wait_for xoauth2 "$xoauth2_port" tls

{
  echo "# written by start-dovecot.sh; load with: set -a; . $dir/env; set +a"
  printf 'DOVECOT_DIR=%q\n' "$dir"
  echo "DOVECOT_HOST=127.0.0.1"
  echo "DOVECOT_SOURCE_PORT=$source_port"
  echo "DOVECOT_TARGET_PORT=$target_port"
  echo "DOVECOT_SOURCE_TLS_PORT=$source_tls_port"
  printf 'DOVECOT_TLS_CERT=%q\n' "$dir/tls-cert.pem"
  printf 'DOVECOT_USERS=%q\n' "$(echo $users)"
  printf 'DOVECOT_PASSWORD=%q\n' "$password"
  printf 'DOVECOT_PASSWORD_FILE=%q\n' "$dir/password"
  printf 'DOVECOT_MASTER_USER=%q\n' "$master_user"
  printf 'DOVECOT_MASTER_PASSWORD=%q\n' "$master_password"
  printf 'DOVECOT_MASTER_PASSWORD_FILE=%q\n' "$dir/master-password"
  printf 'DOVECOT_SOURCE_CONFIG=%q\n' "$dir/source/dovecot.conf"
  printf 'DOVECOT_TARGET_CONFIG=%q\n' "$dir/target/dovecot.conf"
  echo "DOVECOT_XOAUTH2_PORT=$xoauth2_port"
  printf 'DOVECOT_XOAUTH2_CONFIG=%q\n' "$dir/xoauth2/dovecot.conf"
  echo "DOVECOT_XOAUTH2_TENANT=$tenant"
  printf 'DOVECOT_XOAUTH2_SIGNING_KEY=%q\n' "$dir/xoauth2/signing-key.pem"
  printf 'DOVECOT_XOAUTH2_KEY_ID=%q\n' "$key_id"
  echo "DOVECOT_MAIL_FSYNC=$mail_fsync"
} > "$dir/env"
chmod 600 "$dir/env"
# --- no-CONDSTORE source ----------------------------------------------------------------------------------------
# A third instance like "source" (same users, passwords, master user; mailboxes of its own) whose CAPABILITY lacks
# CONDSTORE and QRESYNC, as Exchange 2010-2019 and Exchange Online do: a delta pass must compare UID and FLAGS of
# every message there. IMAP on 127.0.0.1:$DOVECOT_NOCONDSTORE_PORT (default 14146); written to DIR/env as
# DOVECOT_NOCONDSTORE_PORT and DOVECOT_NOCONDSTORE_CONFIG.
nocondstore_port=${DOVECOT_NOCONDSTORE_PORT:-14146}
if (exec 3<>"/dev/tcp/127.0.0.1/$nocondstore_port") 2>/dev/null; then
  echo "Port $nocondstore_port on 127.0.0.1 is already in use (an earlier start-dovecot.sh not stopped?)" >&2
  exit 1
fi
d="$dir/nocondstore"
mkdir -p "$d/run" "$d/state" "$d/home"
{
  write_config nocondstore "$nocondstore_port" 0
  # Dovecot 2.3's own list without CONDSTORE and QRESYNC (it still understands them; clients go by this list).
  echo "imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES" \
    "THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS" \
    "LIST-EXTENDED I18NLEVEL=1 ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY" \
    "PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY"
} > "$d/dovecot.conf"
password_file nocondstore > "$d/users"
printf '%s:%s\n' "$master_user" "$master_hash" > "$d/master-users"
chmod 640 "$d/users" "$d/master-users"
if [ "$(id -u)" = 0 ]; then
  chgrp "$(id -g "$internal_user")" "$d/users" "$d/master-users"
  chown "$mail_uid:$mail_gid" "$d/home"
fi
: > "$d/dovecot.log"
"$dovecot_bin" -c "$d/dovecot.conf"
wait_for nocondstore "$nocondstore_port" plain
{
  echo "DOVECOT_NOCONDSTORE_PORT=$nocondstore_port"
  printf 'DOVECOT_NOCONDSTORE_CONFIG=%q\n' "$d/dovecot.conf"
} >> "$dir/env"
echo "Dovecot without CONDSTORE/QRESYNC (source-like) is up on 127.0.0.1:$nocondstore_port"
# --- end of the no-CONDSTORE source ----------------------------------------------------------------------------

echo "Dovecot is up: source 127.0.0.1:$source_port (IMAPS $source_tls_port), target 127.0.0.1:$target_port," \
  "XOAUTH2 \"Exchange Online\" 127.0.0.1:$xoauth2_port (IMAPS), no-CONDSTORE 127.0.0.1:$nocondstore_port;" \
  "users $(echo $users) and master user $master_user; settings in $dir/env"

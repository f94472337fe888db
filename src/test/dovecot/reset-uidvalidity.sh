#!/usr/bin/env bash
# Makes Dovecot give one folder a new UIDVALIDITY while keeping its messages (and their flags), as happens when
# an Exchange folder is rebuilt: a sync must then treat every remembered UID of that folder as void.
# It removes the folder's dovecot-uidlist and index files and the account's mailbox list index; Dovecot rebuilds
# them from the Maildir on the next access, numbering the messages anew under the account's next UIDVALIDITY.
# Stops nothing. Call it while no IMAP session has the folder selected (an open session would keep the old state
# in memory and write it back).
# Usage: reset-uidvalidity.sh DIR USER FOLDER [source|target]   (DIR as given to start-dovecot.sh; default source)
# Prints "UIDVALIDITY of FOLDER for USER on INSTANCE: OLD -> NEW (N messages)"; fails when it did not change.
set -euo pipefail

dir=${1:?usage: reset-uidvalidity.sh DIR USER FOLDER [source|target]}
user=${2:?usage: reset-uidvalidity.sh DIR USER FOLDER [source|target]}
folder=${3:?usage: reset-uidvalidity.sh DIR USER FOLDER [source|target]}
instance=${4:-source}
config="$dir/$instance/dovecot.conf"
if [ ! -f "$config" ]; then
  echo "No Dovecot $instance configuration in $dir (was it started with start-dovecot.sh $dir?)" >&2
  exit 1
fi

status() { # prints "UIDVALIDITY MESSAGES" of the folder
  doveadm -c "$config" -f flow mailbox status -u "$user" 'uidvalidity messages' "$folder" \
    | sed -E 's/.*uidvalidity=([0-9]+).*messages=([0-9]+).*/\1 \2/; s/.*messages=([0-9]+).*uidvalidity=([0-9]+).*/\2 \1/'
}
if ! before=$(status) || [ -z "$before" ]; then
  echo "Folder '$folder' of $user on the $instance Dovecot cannot be read (does it exist?)" >&2
  exit 1
fi

control=$(doveadm -c "$config" mailbox path -u "$user" -t control "$folder")
index=$(doveadm -c "$config" mailbox path -u "$user" -t index "$folder")
root_index=$(doveadm -c "$config" mailbox path -u "$user" -t index INBOX)
rm -f "$control/dovecot-uidlist" "$index"/dovecot.index "$index"/dovecot.index.log* "$index"/dovecot.index.cache \
  "$root_index"/dovecot.list.index "$root_index"/dovecot.list.index.log*

after=$(status)
read -r old_validity old_count <<< "$before"
read -r new_validity new_count <<< "$after"
echo "UIDVALIDITY of $folder for $user on $instance: $old_validity -> $new_validity ($new_count messages)"
if [ "$old_validity" = "$new_validity" ] || [ "$old_count" != "$new_count" ]; then
  echo "Resetting did not work: before $old_validity with $old_count messages, after $new_validity with $new_count" >&2
  exit 1
fi

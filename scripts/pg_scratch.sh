#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on loopback, for tests that need a server of their own
# (tests/core/test_streaming_replica.py makes one the primary of a replica).
#
#   scripts/pg_scratch.sh start DIR PORT   initdb (trust on loopback, superuser postgres) and start
#   scripts/pg_scratch.sh stop DIR          stop it at once (nothing in it is worth keeping)
#   scripts/pg_scratch.sh pg_ctl DIR ARGS   pg_ctl of that cluster, as its owner
set -euo pipefail

die() { printf 'pg_scratch: %s\n' "$*" >&2; exit 1; }
action="${1:?start, stop or pg_ctl}"
DIR="${2:?a data directory}"
major="$(pg_config --version | sed -E 's/[^0-9]*([0-9]+).*/\1/')"
BIN="/usr/lib/postgresql/$major/bin"
[ -x "$BIN/initdb" ] || BIN="$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")"
[ -x "$BIN/initdb" ] || die "no initdb for PostgreSQL $major (install postgresql-$major)."
# PostgreSQL refuses to run as root: as root the cluster belongs to the postgres user.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "$action" = start ]; then
  PORT="${3:?a port}"
  mkdir -p "$DIR"
  chmod 700 "$DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR"; fi
  as_owner "$BIN/initdb" -D "$DIR" -U postgres -A trust >/dev/null
  # Scratch data: nothing to keep across a crash, so no waiting on the disk.
  printf '%s\n' "port = $PORT" "listen_addresses = '127.0.0.1'" "unix_socket_directories = '$DIR'" \
    'fsync = off' 'full_page_writes = off' 'synchronous_commit = off' \
    | as_owner tee -a "$DIR/postgresql.conf" >/dev/null
  as_owner "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 start >/dev/null
elif [ "$action" = stop ]; then
  as_owner "$BIN/pg_ctl" -D "$DIR" -m immediate -w stop >/dev/null
elif [ "$action" = pg_ctl ]; then
  as_owner "$BIN/pg_ctl" -D "$DIR" "${@:3}"
else
  die "unknown action '$action'."
fi

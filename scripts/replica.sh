#!/usr/bin/env bash
# `make replica`: a PostgreSQL streaming replica of the project's database server on this
# machine, for the map reads that docs/scaling.md sends to a replica.
#
#   scripts/replica.sh [start]   make it (pg_basebackup -R) or start it, then point
#                                DATABASE_REPLICA_URL in .env at it
#   scripts/replica.sh stop      stop it          scripts/replica.sh remove   delete it
#
# The primary is DATABASE_URL (else .env's). REPLICA_PORT (5433) is the replica's port;
# REPLICA_DIR its data directory (/var/lib/postgresql/buurtwijzer-replica-PORT as root, else
# .replica/PORT); REPLICA_ENV_FILE the file that gets DATABASE_REPLICA_URL (.env; "-": none).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'replica: %s\n' "$*" >&2; exit 1; }

action="${1:-start}"
if [ -z "${DATABASE_URL:-}" ] && grep -qs '^DATABASE_URL=' .env; then
  DATABASE_URL="$(grep '^DATABASE_URL=' .env | tail -1 | cut -d= -f2-)"
fi
[ -n "${DATABASE_URL:-}" ] || die "no DATABASE_URL (run make setup first)."
PG_URL="$(echo "$DATABASE_URL" | sed -E 's#^(postgis|postgres)://#postgresql://#')"
PORT="${REPLICA_PORT:-5433}"
ENV_FILE="${REPLICA_ENV_FILE:-.env}"

# The primary's address as libpq sees it (a URL may leave the host or port out).
where_sql="select coalesce(inet_server_addr()::text, '127.0.0.1'), inet_server_port(), current_user, current_database()"
where_sql="$where_sql, current_setting('server_version_num')::int / 10000"
read -r HOST PRIMARY_PORT USER_NAME DB_NAME MAJOR < <(psql -w "$PG_URL" -AtqF ' ' -c "$where_sql") || die "the primary ($DATABASE_URL) does not answer."
HOST="${HOST%/32}"
BIN="/usr/lib/postgresql/$MAJOR/bin"
[ -x "$BIN/pg_ctl" ] || BIN="$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")"
[ -x "$BIN/pg_ctl" ] || die "no pg_ctl for PostgreSQL $MAJOR (install postgresql-$MAJOR)."

# PostgreSQL refuses to run as root: as root the replica belongs to the postgres user.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then
  DIR="${REPLICA_DIR:-/var/lib/postgresql/buurtwijzer-replica-$PORT}"
else
  DIR="${REPLICA_DIR:-$PWD/.replica/$PORT}"
fi
pg() { as_owner "$BIN/$1" "${@:2}"; }  # pg PROGRAM ARGS: one of this PostgreSQL's programs
running() { [ -f "$DIR/PG_VERSION" ] && pg pg_ctl -D "$DIR" status >/dev/null 2>&1; }

if [ "$action" = stop ]; then
  if running; then pg pg_ctl -D "$DIR" -m fast -w stop >/dev/null; fi
  say "Replica stopped"
  exit 0
elif [ "$action" = remove ]; then
  if running; then pg pg_ctl -D "$DIR" -m fast -w stop >/dev/null; fi
  rm -rf "$DIR"
  if [ "$ENV_FILE" != - ]; then sed -i '/^DATABASE_REPLICA_URL=/d' "$ENV_FILE" 2>/dev/null || true; fi
  say "Replica removed"
  exit 0
elif [ "$action" != start ]; then
  die "unknown action '$action' (start, stop or remove)."
fi

if [ ! -f "$DIR/PG_VERSION" ]; then
  replication="host=$HOST port=$PRIMARY_PORT user=$USER_NAME replication=true"
  if ! psql -w "$replication" -Atqc "IDENTIFY_SYSTEM" >/dev/null 2>&1; then
    # A local Debian cluster whose pg_hba.conf has no replication line: give this user one,
    # with the method the same address already has for ordinary connections.
    hba="$(psql -w "$PG_URL" -Atqc 'show hba_file')"
    [ -w "$hba" ] || die "the primary refuses replication connections from $USER_NAME; allow them in pg_hba.conf."
    method="$(awk '$1 == "host" && $2 == "all" && $4 ~ /^127\./ {print $NF; exit}' "$hba")"
    echo "host replication $USER_NAME 127.0.0.1/32 ${method:-scram-sha-256}" >> "$hba"
    psql -w "$PG_URL" -Atqc 'select pg_reload_conf()' >/dev/null
    sleep 1
    psql -w "$replication" -Atqc "IDENTIFY_SYSTEM" >/dev/null 2>&1 \
      || die "the primary still refuses replication connections; see $hba."
  fi
  say "Copying the primary ($HOST:$PRIMARY_PORT) into a streaming replica on port $PORT"
  mkdir -p "$(dirname "$DIR")"
  [ "$(id -u)" = 0 ] && install -d -o postgres -g postgres -m 700 "$DIR" || install -d -m 700 "$DIR"
  pg pg_basebackup -h "$HOST" -p "$PRIMARY_PORT" -U "$USER_NAME" -D "$DIR" -R -X stream -c fast -w
  # Debian keeps a cluster's configuration outside its data directory, so the copy may have
  # none: the replica gets its own, reachable on loopback only.
  [ -f "$DIR/postgresql.conf" ] || as_owner touch "$DIR/postgresql.conf"
  if [ ! -f "$DIR/pg_hba.conf" ]; then
    primary_hba="$(psql -w "$PG_URL" -Atqc 'show hba_file')"
    if [ -r "$primary_hba" ]; then as_owner cp "$primary_hba" "$DIR/pg_hba.conf"
    else printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' | as_owner tee "$DIR/pg_hba.conf" >/dev/null; fi
  fi
  [ -f "$DIR/pg_ident.conf" ] || as_owner touch "$DIR/pg_ident.conf"
  printf '%s\n' "port = $PORT" "listen_addresses = '127.0.0.1'" "unix_socket_directories = '$DIR'" \
    'hot_standby = on' "hba_file = '$DIR/pg_hba.conf'" "ident_file = '$DIR/pg_ident.conf'" \
    | as_owner tee -a "$DIR/postgresql.auto.conf" >/dev/null
fi
if ! running; then
  say "Starting the replica on port $PORT"
  pg pg_ctl -D "$DIR" -l "$DIR/replica.log" -w -t 60 start >/dev/null || die "the replica did not start; see $DIR/replica.log."
fi

REPLICA_URL="postgis://$USER_NAME@127.0.0.1:$PORT/$DB_NAME"
if [ "$ENV_FILE" != - ]; then
  sed -i '/^DATABASE_REPLICA_URL=/d' "$ENV_FILE" 2>/dev/null || true
  echo "DATABASE_REPLICA_URL=$REPLICA_URL" >> "$ENV_FILE"
fi
for _ in $(seq 1 30); do
  state="$(psql -w "$PG_URL" -Atqc "select state from pg_stat_replication where client_addr = '127.0.0.1' and state = 'streaming' limit 1")"
  [ "$state" = streaming ] && break
  sleep 1
done
[ "${state:-}" = streaming ] || die "the replica runs but does not stream from the primary; see $DIR/replica.log."
say "Replica streaming: DATABASE_REPLICA_URL=$REPLICA_URL"

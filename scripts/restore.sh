#!/usr/bin/env bash
# Restores a dump made by scripts/backup.sh into a new database (docs/operations.md):
#
#   scripts/restore.sh DUMP_FILE TARGET_DATABASE_URL
#
# The target database is created, with the postgis extension, when it does not exist; one
# that exists must be empty: this never restores over a database in use. pg_restore runs in
# one transaction, so a restore that fails leaves the target empty. Objects belong to the
# role in TARGET_DATABASE_URL (--no-owner) and no grants are copied (--no-privileges), so the
# dump restores on a server whose roles differ from the old one's. That role needs CREATEDB
# and the right to create the postgis extension (a superuser), unless the empty database
# and the extension were made beforehand.
set -euo pipefail

die() { printf 'restore: %s\n' "$*" >&2; exit 1; }

[ "$#" = 2 ] || die "usage: scripts/restore.sh DUMP_FILE TARGET_DATABASE_URL"
DUMP="$1"
[ -f "$DUMP" ] || die "no dump at $DUMP"
PG_URL="$(echo "$2" | sed -E 's#^(postgis|postgres)://#postgresql://#')"
DB_NAME="$(echo "$PG_URL" | sed -E 's#.*/([^/?]+)(\?.*)?$#\1#')"
ADMIN_URL="$(echo "$PG_URL" | sed -E "s#/$DB_NAME(\?|\$)#/postgres\1#")"

if psql -w "$PG_URL" -Atqc 'select 1' >/dev/null 2>&1; then
  tables="$(psql -w "$PG_URL" -Atqc "select count(*) from pg_tables where schemaname = 'public' and tablename <> 'spatial_ref_sys'")"
  [ "$tables" = 0 ] || die "database $DB_NAME already has $tables tables: restore into a new database."
else
  psql -w "$ADMIN_URL" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE \"$DB_NAME\"" >/dev/null
fi
psql -w "$PG_URL" -v ON_ERROR_STOP=1 -qc "SET client_min_messages TO warning; CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
# Everything in the dump but what belongs to the postgis extension made above: the
# extension, its comment and its spatial_ref_sys rows (PostGIS's own; Buurtwijzer adds none).
# Restoring those again would need a superuser even where the extension already exists.
list="$(mktemp)"
trap 'rm -f "$list"' EXIT
pg_restore --list "$DUMP" \
  | grep -vE ' (EXTENSION - postgis|COMMENT - EXTENSION postgis|TABLE DATA public spatial_ref_sys)( |$)' \
  > "$list"
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --use-list="$list" --dbname="$PG_URL" "$DUMP"
echo "restored $DUMP into $DB_NAME"

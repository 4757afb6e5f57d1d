#!/usr/bin/env bash
# The nightly backup (docs/operations.md): one pg_dump in custom format (-Fc: compressed,
# and pg_restore can restore it whole or table by table), then the retention: the newest
# KEEP_DAILY dumps (14) in daily/ and, at most one a week, the newest KEEP_WEEKLY (8) in
# weekly/. Names carry the UTC time, so that sorting them sorts them by age.
#
#   scripts/backup.sh [BACKUP_DIR]       (default /var/backups/buurtwijzer)
#
# The database is DATABASE_URL from the environment, else the one in .env beside manage.py.
# Prints the path of the new dump.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { printf 'backup: %s\n' "$*" >&2; exit 1; }

BACKUP_DIR="${1:-/var/backups/buurtwijzer}"
KEEP_DAILY="${KEEP_DAILY:-14}"
KEEP_WEEKLY="${KEEP_WEEKLY:-8}"

if [ -z "${DATABASE_URL:-}" ] && grep -qs '^DATABASE_URL=' .env; then
  DATABASE_URL="$(grep '^DATABASE_URL=' .env | tail -1 | cut -d= -f2-)"
fi
[ -n "${DATABASE_URL:-}" ] || die "set DATABASE_URL (or write it to .env)."
# postgis:// only chooses Django's database backend; libpq knows the same URL as postgresql://.
PG_URL="$(echo "$DATABASE_URL" | sed -E 's#^postgis://#postgresql://#')"

mkdir -p "$BACKUP_DIR/daily" "$BACKUP_DIR/weekly"
name="buurtwijzer-$(date -u +%Y%m%dT%H%M%SZ).dump"
dump="$BACKUP_DIR/daily/$name"
# Written under another name first: a dump that stops half-way is never taken for a backup.
pg_dump --format=custom --dbname="$PG_URL" --file="$dump.partial"
mv "$dump.partial" "$dump"

# The weekly copy (a hard link: no extra space) when no weekly dump is younger than a week,
# less an hour so that a run a few minutes earlier than last week's still counts.
if [ -z "$(find "$BACKUP_DIR/weekly" -name 'buurtwijzer-*.dump' -mmin -$((7 * 24 * 60 - 60)))" ]; then
  ln "$dump" "$BACKUP_DIR/weekly/$name" 2>/dev/null || cp "$dump" "$BACKUP_DIR/weekly/$name"
fi

prune() {  # prune DIR KEEP: remove all but the KEEP newest dumps in DIR
  find "$1" -maxdepth 1 -name 'buurtwijzer-*.dump' | sort -r | tail -n +"$(($2 + 1))" | xargs -r rm -f --
}
prune "$BACKUP_DIR/daily" "$KEEP_DAILY"
prune "$BACKUP_DIR/weekly" "$KEEP_WEEKLY"
echo "$dump"

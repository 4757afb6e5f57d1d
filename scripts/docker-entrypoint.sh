#!/bin/sh
# First start and every start: migrate, then load the real territory named by TERRITORY (NIS
# codes or "flanders") or else the demo when LOAD_DEMO is set (both idempotent).
# The Celery worker and beat containers set MIGRATE=0: the web container migrates.
set -e
if [ "${MIGRATE:-1}" = "1" ]; then
  python manage.py migrate --noinput
fi
if [ -n "${TERRITORY:-}" ]; then
  python manage.py load_demo --remove
  python manage.py load_territory "$TERRITORY"
elif [ "${LOAD_DEMO:-0}" = "1" ]; then
  python manage.py load_demo
fi
exec "$@"

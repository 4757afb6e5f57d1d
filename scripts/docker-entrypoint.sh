#!/bin/sh
# First start and every start: migrate, then load the demo when LOAD_DEMO is set (idempotent).
# The Celery worker and beat containers set MIGRATE=0: the web container migrates.
set -e
if [ "${MIGRATE:-1}" = "1" ]; then
  python manage.py migrate --noinput
fi
if [ "${LOAD_DEMO:-0}" = "1" ]; then
  python manage.py load_demo
fi
exec "$@"

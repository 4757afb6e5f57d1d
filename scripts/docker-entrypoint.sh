#!/bin/sh
# First start and every start: migrate, then load the demo when LOAD_DEMO is set (idempotent).
set -e
python manage.py migrate --noinput
if [ "${LOAD_DEMO:-0}" = "1" ]; then
  python manage.py load_demo
fi
exec "$@"

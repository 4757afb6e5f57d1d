#!/usr/bin/env bash
# The whole suite: lint, then pytest against real PostGIS (and Chromium for browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check .
.venv/bin/ruff format --check .
# One worker per core (PYTEST_WORKERS=0 runs in this process); a whole file stays on one worker,
# so a module's expensive fixture (a restored dump, a scratch database) is built once.
exec .venv/bin/pytest -n "${PYTEST_WORKERS:-auto}" --dist loadfile "$@"

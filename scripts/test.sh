#!/usr/bin/env bash
# The whole suite: lint, then pytest against real PostGIS (and Chromium for browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/pytest "$@"

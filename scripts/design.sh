#!/usr/bin/env bash
# The design system's stylesheet, frontend/static/vendor/design/design.css, which
# {% inline_static %} writes into every page: Dart Sass compiles govuk-frontend's components
# and ours (frontend/scss/design.scss), then PurgeCSS drops the govuk-frontend rules that no
# template, form or script of frontend/ names (frontend/scss/purge.config.cjs), because every
# page carries the whole sheet. setup.sh runs this again when that markup changes.
set -euo pipefail
cd "$(dirname "$0")/.."
out=frontend/static/vendor/design
mkdir -p "$out"
whole="$(mktemp --suffix=.css)"
trap 'rm -f "$whole"' EXIT
# Deprecation warnings of govuk-frontend's own @import lines are silenced (--quiet-deps).
sass_options=(--style=compressed --no-source-map --no-charset --load-path=node_modules --quiet-deps --silence-deprecation=import)
node node_modules/sass/sass.js "${sass_options[@]}" frontend/scss/design.scss "$whole"
purge_options=(--config frontend/scss/purge.config.cjs --css "$whole" --output "$out/design.css")
node node_modules/purgecss/bin/purgecss.js "${purge_options[@]}"

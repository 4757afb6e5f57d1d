#!/usr/bin/env bash
# Front-end libraries from npm, at the versions pinned in package-lock.json, copied into
# frontend/static/vendor/ (not committed; `make setup` runs this when the lock file changes).
# axe-core stays in node_modules: the browser tests inject it, residents never load it.
# The design system's stylesheet is made by scripts/design.sh (also run alone by setup.sh
# when a page's markup changes).
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
out=frontend/static/vendor
rm -rf "$out"
copy() {  # copy <package> <file in the package>...
  local package="$1"; shift
  mkdir -p "$out/$package"
  for file in "$@"; do cp "node_modules/$package/$file" "$out/$package/"; done
  cp "node_modules/$package/LICENSE"* "$out/$package/" 2>/dev/null || true
}
# The source map too: whitenoise's manifest storage (collectstatic) fails on a missing map.
copy leaflet.markercluster dist/leaflet.markercluster.js dist/leaflet.markercluster.js.map \
  dist/MarkerCluster.css dist/MarkerCluster.Default.css
copy chart.js dist/chart.umd.min.js dist/chart.umd.min.js.map
bash scripts/design.sh

#!/usr/bin/env bash
# Everything `make run` and `make test` need, installed or started when missing.
# Safe to run again: each step checks first and does nothing when all is in place.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

PYTHON="${PYTHON:-}"
# How to act as root: nothing when we are root, sudo when it works without a password.
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo"; else SUDO="none"; fi
VENV=.venv
STAMPS=.setup-stamps
mkdir -p "$STAMPS"

# --- 1. System packages ---------------------------------------------------------------------
pg_major() {
  if command -v pg_config >/dev/null 2>&1; then pg_config --version | sed -E 's/[^0-9]*([0-9]+).*/\1/'; return; fi
  ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1
}

# The Debian 12 / Ubuntu 24.04 package of each program the project runs, installed when the
# program is missing (tests/scripts/ checks that every program started anywhere is here).
# "a|b": the first of these package names that the distribution knows.
need() {  # need PROGRAM PACKAGE
  command -v "$1" >/dev/null 2>&1 || missing+=("$2")
}

missing_packages() {
  local missing=() major
  major="$(pg_major)"
  if [ -z "${DATABASE_URL:-}" ]; then
    if [ -z "$major" ]; then
      missing+=(postgresql postgresql-postgis)
    elif [ ! -f "/usr/share/postgresql/$major/extension/postgis.control" ]; then
      missing+=("postgresql-$major-postgis-3")
    fi
  fi
  need psql postgresql-client
  need pg_dump postgresql-client
  need pg_restore postgresql-client
  need createuser postgresql-client
  need pg_basebackup postgresql-client
  need projinfo proj-bin
  # The server's own programs (initdb, pg_ctl): `make replica` and the replica tests run
  # clusters of their own beside the one DATABASE_URL names.
  if [ -n "$major" ] && [ ! -x "/usr/lib/postgresql/$major/bin/initdb" ]; then
    missing+=("postgresql-$major")
  fi
  # GDAL's command-line tools (ogr2ogr: tests and the import benchmark); gdal-bin brings
  # the GDAL, GEOS and PROJ libraries that GeoDjango loads.
  need ogr2ogr gdal-bin
  ldconfig -p | grep 'libgdal\.so' >/dev/null || missing+=(gdal-bin)
  ldconfig -p | grep 'libgeos_c\.so' >/dev/null || missing+=("libgeos-c1t64|libgeos-c1v5")
  ldconfig -p | grep 'libproj\.so' >/dev/null || missing+=(proj-bin)
  need msgfmt gettext
  # pdftotext: the tests read the text of posters and reports back from their PDFs.
  need pdftotext poppler-utils
  [ -x /usr/bin/chromium ] || missing+=("chromium|chromium-browser")
  # WeasyPrint (posters and reports as PDF) draws with Pango and needs at least one font.
  ldconfig -p | grep 'libpangoft2-1\.0\.so' >/dev/null || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
  [ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
  # The screenshot tests (tests/browser/test_screenshots.py) compare Chromium's pictures of
  # the pages with committed ones: italic and oblique DejaVu come from -extra, not -core.
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf ] || missing+=(fonts-dejavu-extra)
  need node nodejs
  need npm npm
  need docker-compose docker-compose
  # The fault tests (tests/faults/) stop and start a Redis of their own.
  need redis-server redis-server
  if [ -z "$PYTHON" ]; then
    command -v python3.11 >/dev/null 2>&1 || missing+=(python3.11)
    # venv needs ensurepip, which Debian ships apart (python3.11-venv).
    if command -v python3.11 >/dev/null 2>&1 && ! python3.11 -c 'import ensurepip' 2>/dev/null; then
      missing+=(python3.11-venv)
    fi
  fi
  printf '%s\n' "${missing[@]}" | awk '!seen[$0]++'
}

# "a|b" becomes the first name apt knows (package names differ between Debian and Ubuntu).
package_known() { apt-cache show --no-all-versions "$1" >/dev/null 2>&1; }
resolve_packages() {
  local entry choice name
  for entry in "$@"; do
    choice="${entry%%|*}"
    if [[ "$entry" == *"|"* ]]; then
      IFS='|' read -ra names <<<"$entry"
      for name in "${names[@]}"; do
        if package_known "$name"; then choice="$name"; break; fi
      done
    fi
    printf '%s\n' "$choice"
  done
}

mapfile -t MISSING < <(missing_packages | sed '/^$/d')
if [ "${#MISSING[@]}" -gt 0 ]; then
  if [ "$SUDO" = none ]; then
    mapfile -t MISSING < <(resolve_packages "${MISSING[@]}" | awk '!seen[$0]++')
    die "please install these Debian/Ubuntu packages, then run make again: sudo apt-get install ${MISSING[*]}"
  fi
  $SUDO apt-get update -qq
  mapfile -t MISSING < <(resolve_packages "${MISSING[@]}" | awk '!seen[$0]++')
  say "Installing ${MISSING[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${MISSING[@]}" >/dev/null
fi

# --- 2. Python environment ------------------------------------------------------------------
if [ -z "$PYTHON" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      PYTHON="$candidate"; break
    fi
  done
  [ -n "$PYTHON" ] || die "Python 3.11 is needed (apt-get install python3.11 python3.11-venv, or pyenv install 3.11)."
fi
if [ ! -x "$VENV/bin/pip" ]; then
  say "Creating the virtualenv in $VENV"
  rm -rf "$VENV"  # a half-made one (venv without ensurepip) would otherwise stay broken
  "$PYTHON" -m venv "$VENV"
fi
DEPS_HASH="$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$STAMPS/deps-$DEPS_HASH" ]; then
  say "Installing the project and its pinned dependencies"
  "$VENV/bin/pip" install -q --disable-pip-version-check --upgrade pip
  "$VENV/bin/pip" install -q --disable-pip-version-check -e '.[dev]'
  rm -f "$STAMPS"/deps-*; touch "$STAMPS/deps-$DEPS_HASH"
fi

# Front-end libraries from npm (pinned in package-lock.json), copied into the static files.
VENDOR_HASH="$(cat package-lock.json scripts/vendor.sh | sha256sum | cut -c1-16)"
if [ ! -f "$STAMPS/vendor-$VENDOR_HASH" ] || [ ! -d frontend/static/vendor ] || [ ! -d node_modules ]; then
  say "Installing the front-end libraries from npm"
  bash scripts/vendor.sh
  rm -f "$STAMPS"/vendor-*; touch "$STAMPS/vendor-$VENDOR_HASH"
  rm -f "$STAMPS"/design-*  # vendor.sh made the design stylesheet too
fi
# The design system's stylesheet keeps only the rules the markup of frontend/ names
# (scripts/design.sh), so a change of a template, form or script makes it again (~2 s).
design_files() {  # what scripts/design.sh reads: the Sass and the markup of frontend/
  find frontend -path frontend/static/vendor -prune -o -type f -regex '.*\.\(scss\|cjs\|html\|py\|js\)' -print | sort
}
DESIGN_HASH="$(design_files | xargs cat scripts/design.sh | sha256sum | cut -c1-16)"
if [ ! -f "$STAMPS/design-$DESIGN_HASH" ] || [ ! -f frontend/static/vendor/design/design.css ]; then
  say "Making the design system's stylesheet"
  bash scripts/design.sh
  rm -f "$STAMPS"/design-*; touch "$STAMPS/design-$DESIGN_HASH"
fi

# --- 3. Database ----------------------------------------------------------------------------
# -w: never stop to ask for a password; a server that wants one is not "found".
can_connect() { psql -w "$1" -Atqc 'select 1' >/dev/null 2>&1; }

if [ -z "${DATABASE_URL:-}" ] && grep -qs '^DATABASE_URL=' .env; then
  DATABASE_URL="$(grep '^DATABASE_URL=' .env | tail -1 | cut -d= -f2-)"
  can_connect "$(echo "$DATABASE_URL" | sed -E 's#^postgis://#postgresql://#; s#/[^/]*$#/postgres#')" || DATABASE_URL=""
fi
if [ -z "${DATABASE_URL:-}" ]; then
  server_url=""
  as_postgres() {
    if [ "$SUDO" = "" ]; then runuser -u postgres -- "$@"
    elif [ "$SUDO" = sudo ]; then sudo -n -u postgres "$@"
    else return 1; fi
  }
  find_server() {
    if can_connect "postgresql://postgres@127.0.0.1:5432/postgres"; then
      server_url="postgresql://postgres@127.0.0.1:5432"
    elif can_connect "postgresql:///postgres"; then
      server_url="postgresql://"   # the local socket, as the current user
    elif as_postgres psql -Atqc 'select 1' >/dev/null 2>&1; then
      # Peer authentication only: give the current user a role of its own.
      as_postgres createuser --superuser "$(id -un)" 2>/dev/null || true
      can_connect "postgresql:///postgres" && server_url="postgresql://"
    fi
  }
  find_server
  if [ -z "$server_url" ] && command -v pg_lsclusters >/dev/null \
    && command -v pg_ctlcluster >/dev/null && command -v pg_createcluster >/dev/null; then
    say "Starting the local PostgreSQL cluster"
    cluster="$(pg_lsclusters --no-header | awk 'NR==1 {print $1, $2}')"
    if [ -z "$cluster" ] && [ "$SUDO" != none ]; then
      $SUDO pg_createcluster "$(pg_major)" main >/dev/null && cluster="$(pg_major) main"
    fi
    [ -n "$cluster" ] || die "PostgreSQL is installed but has no cluster; create one (pg_createcluster) or set DATABASE_URL."
    # shellcheck disable=SC2086
    if [ "$SUDO" != none ]; then
      $SUDO pg_ctlcluster --skip-systemctl-redirect $cluster start 2>/dev/null || $SUDO pg_ctlcluster $cluster start 2>/dev/null || true
    else
      pg_ctlcluster $cluster start 2>/dev/null || true
    fi
    for _ in 1 2 3 4 5 6 7 8 9 10; do find_server; [ -n "$server_url" ] && break; sleep 1; done
  fi
  [ -n "$server_url" ] || die "no PostgreSQL server answers on 127.0.0.1:5432 or the local socket; set DATABASE_URL."
  DATABASE_URL="${server_url/postgresql:/postgis:}/buurtwijzer"
  [ "$server_url" = "postgresql://" ] && DATABASE_URL="postgis:///buurtwijzer"
  if ! grep -qs "^DATABASE_URL=$DATABASE_URL\$" .env; then
    sed -i '/^DATABASE_URL=/d' .env 2>/dev/null || true
    echo "DATABASE_URL=$DATABASE_URL" >> .env
  fi
fi
export DATABASE_URL

PG_URL="$(echo "$DATABASE_URL" | sed -E 's#^(postgis|postgres)://#postgresql://#')"
DB_NAME="$(echo "$PG_URL" | sed -E 's#.*/([^/?]+)(\?.*)?$#\1#')"
ADMIN_URL="$(echo "$PG_URL" | sed -E "s#/$DB_NAME(\?|\$)#/postgres\1#")"
if ! can_connect "$PG_URL"; then
  say "Creating database $DB_NAME"
  psql "$ADMIN_URL" -qc "CREATE DATABASE \"$DB_NAME\"" >/dev/null
fi
if [ "$(psql "$PG_URL" -Atqc "select count(*) from pg_extension where extname='postgis'")" != 1 ]; then
  psql "$PG_URL" -qc "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null \
    || die "cannot create the postgis extension in $DB_NAME: connect as a superuser, or create it once."
fi

# --- 4. Django ------------------------------------------------------------------------------
say "Migrating and compiling translations"
"$VENV/bin/python" manage.py migrate --noinput -v 0
"$VENV/bin/python" manage.py compilemessages -v 0 --ignore '.venv' >/dev/null
say "Set-up done (database: $DATABASE_URL)"

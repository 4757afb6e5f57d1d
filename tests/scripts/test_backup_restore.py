"""The backup and restore of docs/operations.md, run as documented: a database with the demo
is dumped by scripts/backup.sh, restored by scripts/restore.sh into a new database, and the
restored site serves the same areas, places and activities, and the same neighbourhood page.

Everything runs in subprocesses against two scratch databases of their own, named after this
checkout's database so that checkouts on one server do not collide, and dropped afterwards.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs" / "operations.md"
DEMO_NEIGHBOURHOOD = "99001W01"  # Stationsbuurt, in data/neighbourhoods/neighbourhoods.geojson

# What a visitor gets from the site, as JSON on the last line of stdout.
SNAPSHOT = f"""
import json
from django.test import Client
from buurt.models import Area
from events.models import Activity, Occurrence
from places.models import Organisation, Place
page = Client(HTTP_HOST="localhost").get("/buurt/{DEMO_NEIGHBOURHOOD}/")
print(json.dumps({{
    "areas": Area.objects.count(),
    "places": Place.objects.count(),
    "organisations": Organisation.objects.count(),
    "activities": Activity.objects.count(),
    "occurrences": Occurrence.objects.count(),
    "status": page.status_code,
    "page": page.content.decode(),
}}))
"""


def database_url(name: str) -> str:
    """This checkout's DATABASE_URL (from the environment or .env) with another database."""
    url = os.environ.get("DATABASE_URL", "postgis://postgres@127.0.0.1:5432/buurtwijzer")
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def libpq(url: str) -> str:
    return re.sub(r"^postgis://", "postgresql://", url)


def checked(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, f"{result.args} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def environment(url: str, **extra: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": url, **extra}


OPTIONS = {"cwd": REPO, "capture_output": True, "text": True, "timeout": 300}


def psql(url: str, sql: str) -> str:
    command = ["psql", "-w", libpq(url), "-v", "ON_ERROR_STOP=1", "-qc", sql]
    return checked(subprocess.run(command, env=environment(url), **OPTIONS))


def manage(url: str, *arguments: str) -> str:
    command = [sys.executable, "manage.py", *arguments]
    return checked(subprocess.run(command, env=environment(url), **OPTIONS))


def script(url: str, name: str, *arguments: str, **extra: str) -> str:
    """One of the documented scripts, as cron or an operator runs it."""
    command = ["bash", f"scripts/{name}", *arguments]
    return checked(subprocess.run(command, env=environment(url, **extra), **OPTIONS))


def drop(url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    psql(database_url("postgres"), f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def snapshot(url: str) -> dict:
    stdout = manage(url, "shell", "-v", "0", "-c", SNAPSHOT)
    site = json.loads(stdout.strip().splitlines()[-1])
    # Each response gets a fresh CSRF token (the language switcher is a form).
    site["page"] = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", site["page"])
    return site


@pytest.fixture(scope="module")
def backup_and_restore(tmp_path_factory):
    prefix = settings.DATABASES["default"]["NAME"].removeprefix("test_")
    source, target = database_url(f"{prefix}_backup_src"), database_url(f"{prefix}_backup_dst")
    backups = tmp_path_factory.mktemp("backups")
    # Older dumps from earlier nights, for the retention (their names sort before today's).
    for folder in ("daily", "weekly"):
        (backups / folder).mkdir()
        for day in range(1, 6):
            old = backups / folder / f"buurtwijzer-2000010{day}T021500Z.dump"
            old.write_bytes(b"an old dump")
            os.utime(old, (946_684_800 + day * 86_400,) * 2)  # January 2000
    for url in (source, target):
        drop(url)
    try:
        psql(database_url("postgres"), f'CREATE DATABASE "{prefix}_backup_src"')
        psql(source, "CREATE EXTENSION postgis")
        manage(source, "migrate", "--noinput", "-v", "0")
        manage(source, "load_demo")

        # The commands of docs/operations.md.
        printed = script(source, "backup.sh", str(backups), KEEP_DAILY="3", KEEP_WEEKLY="2")
        dump = Path(printed.strip().splitlines()[-1])
        script(target, "restore.sh", str(dump), target)

        yield {
            "dump": dump,
            "backups": backups,
            "source": snapshot(source),
            "restored": snapshot(target),
        }
    finally:
        for url in (source, target):
            drop(url)


def test_the_restored_site_has_the_same_territory_places_and_activities(backup_and_restore):
    source, restored = backup_and_restore["source"], backup_and_restore["restored"]
    for what in ("areas", "places", "organisations", "activities", "occurrences"):
        assert source[what] > 0, what
        assert restored[what] == source[what], what


def test_the_restored_site_serves_the_same_neighbourhood_page(backup_and_restore):
    source, restored = backup_and_restore["source"], backup_and_restore["restored"]
    assert source["status"] == restored["status"] == 200
    assert "Stationsbuurt" in restored["page"]
    assert restored["page"] == source["page"]


def test_the_backup_is_a_custom_format_dump_and_old_ones_are_pruned(backup_and_restore):
    dump, backups = backup_and_restore["dump"], backup_and_restore["backups"]
    assert dump.parent == backups / "daily"
    assert dump.read_bytes().startswith(b"PGDMP")  # pg_dump -Fc
    daily = sorted(path.name for path in (backups / "daily").iterdir())
    weekly = sorted(path.name for path in (backups / "weekly").iterdir())
    # KEEP_DAILY=3 and KEEP_WEEKLY=2: the new dump and the newest old ones.
    assert daily == [
        "buurtwijzer-20000104T021500Z.dump",
        "buurtwijzer-20000105T021500Z.dump",
        dump.name,
    ]
    # No weekly dump was younger than a week, so the new one became this week's.
    assert weekly == ["buurtwijzer-20000105T021500Z.dump", dump.name]
    assert not list(backups.rglob("*.partial"))


def test_the_operations_guide_shows_the_commands_this_test_runs():
    guide = DOCS.read_text()
    assert "scripts/backup.sh /var/backups/buurtwijzer" in guide
    assert "scripts/restore.sh /var/backups/buurtwijzer/daily/" in guide

"""A database made by Buurtwijzer before the restructure of issue 13 migrates cleanly with
today's code, and serves the same rows and pages afterwards.

`old_layout/demo-1c2fa76.dump` is a pg_dump (custom format) of a database migrated and
loaded with the demo by commit 1c2fa76, the last commit before the move; `snapshot.json`
holds what that code counted in it. The dump is restored into a scratch database of its own,
today's `manage.py migrate` runs on it, and the site is asked over its test client.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.scripts.test_backup_restore import OPTIONS, checked, database_url, drop, libpq, psql

HERE = Path(__file__).resolve().parent / "old_layout"
DUMP = HERE / "demo-1c2fa76.dump"
BEFORE = json.loads((HERE / "snapshot.json").read_text())

# What the migrated site counts and serves, as JSON on the last line of stdout.
AFTER = """
import json
from django.db import connection
from django.test import Client
client = Client(HTTP_HOST="localhost")
counts = {}
with connection.cursor() as cursor:
    for table in TABLES:
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
pages = {}
for activity_id, title in ACTIVITIES.items():
    page = client.get(f"/activiteit/{activity_id}/")
    pages[f"/activiteit/{activity_id}/"] = [page.status_code, title in page.content.decode()]
for code in NEIGHBOURHOODS:
    pages[f"/buurt/{code}/"] = [client.get(f"/buurt/{code}/").status_code, True]
api = client.get("/api/v1/activities/?page_size=100")
print(json.dumps({"counts": counts, "pages": pages, "api": api.status_code,
                  "api_ids": sorted(str(item["id"]) for item in api.json()["results"])}))
"""


def manage(url: str, *arguments: str) -> str:
    command = [sys.executable, "manage.py", *arguments]
    env = {**os.environ, "DATABASE_URL": url}
    return checked(subprocess.run(command, env=env, **OPTIONS))


@pytest.fixture(scope="module")
def migrated():
    prefix = settings.DATABASES["default"]["NAME"].removeprefix("test_")
    url = database_url(f"{prefix}_old_layout")
    drop(url)
    try:
        psql(database_url("postgres"), f'CREATE DATABASE "{prefix}_old_layout"')
        restore = ["pg_restore", "--no-owner", "--no-privileges", "-d", libpq(url), str(DUMP)]
        checked(subprocess.run(restore, **OPTIONS))
        migrate_output = manage(url, "migrate", "--noinput")
        script = (
            f"TABLES = {list(BEFORE['counts'])!r}\n"
            f"ACTIVITIES = {BEFORE['activities']!r}\n"
            f"NEIGHBOURHOODS = {BEFORE['neighbourhoods']!r}\n" + AFTER
        )
        stdout = manage(url, "shell", "-v", "0", "-c", script)
        yield {"migrate": migrate_output, **json.loads(stdout.strip().splitlines()[-1])}
    finally:
        drop(url)


def test_every_row_of_the_old_database_is_still_there(migrated):
    for table, count in BEFORE["counts"].items():
        if table in ("auth_permission", "django_content_type"):
            # Models added since add their permissions and content types; none go.
            assert migrated["counts"][table] >= count, table
        else:
            assert migrated["counts"][table] == count, table


def test_the_activity_and_neighbourhood_pages_of_the_old_database_are_served(migrated):
    assert migrated["pages"], "the snapshot names no pages"
    for path, (status, shows_title) in migrated["pages"].items():
        assert status == 200, path
        assert shows_title, f"{path} does not show the activity's title"


def test_the_api_lists_the_same_activities(migrated):
    assert migrated["api"] == 200
    published = set(migrated["api_ids"])
    assert published and published <= set(BEFORE["activities"])

"""A sync killed halfway (SIGKILL, no chance to clean up) leaves nothing half-written: the
rerun reaches the very state one clean run reaches."""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from events.models import Activity, ActivityChange, Occurrence, UitSource
from places.models import Place

from .conftest import run
from .uit_server import event, location, weeks_ahead

EVENTS = 40


def _state() -> dict:
    activities = Activity.objects.filter(import_key__startswith="uit:").order_by("import_key")
    return {
        "activities": [
            (a.import_key, a.title, a.status, a.place.import_key, a.schedule.dtstart)
            for a in activities.select_related("place", "schedule")
        ],
        "occurrences": Occurrence.objects.filter(activity__in=activities).count(),
        "history": sorted(
            ActivityChange.objects.filter(activity__in=activities).values_list(
                "activity__import_key", "action"
            )
        ),
        "places": sorted(
            Place.objects.filter(import_key__startswith="uit:place:").values_list(
                "import_key", flat=True
            )
        ),
    }


def _writing_backend(database: str) -> bool:
    """Whether another connection to the test database has written in an open transaction."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> "
            "pg_backend_pid() AND backend_xid IS NOT NULL",
            [database],
        )
        return cursor.fetchone()[0] > 0


@pytest.mark.django_db(transaction=True)
def test_a_sync_killed_halfway_then_rerun_is_one_clean_run(source_for, uit):
    source = source_for("Grote bron", "labels:groot")
    day = weeks_ahead(1)
    uit.results[source.query] = [
        event(
            f"k-{n:04d}",
            f"Activiteit {n}",
            day=day,
            extra={
                "location": location(
                    f"p-{n % 7:04d}", f"Zaal {n % 7}", geo=(51.005, 3.705 + (n % 7) / 1000)
                )
            },
        )
        for n in range(EVENTS)
    ]
    database = connection.settings_dict["NAME"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgis://{connection.settings_dict['USER']}@"
        f"{connection.settings_dict['HOST']}:{connection.settings_dict['PORT']}/{database}",
        "UIT_API_URL": uit.base,
        "UIT_API_KEY": "test-key-7f3a9c",
    }
    process = subprocess.Popen(
        [sys.executable, "manage.py", "sync_uit"],
        cwd=str(settings.BASE_DIR),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not _writing_backend(database):
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "the sync never started writing"
            time.sleep(0.02)
        time.sleep(0.3)  # well into the events
        assert process.poll() is None, "the sync ended before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL
    # Nothing of the killed run is left.
    assert not Activity.objects.filter(import_key__startswith="uit:").exists()
    assert not Place.objects.filter(import_key__startswith="uit:place:").exists()
    assert UitSource.objects.get(pk=source.pk).last_synced_at is None

    out, error = run()
    assert error is None and f"created {EVENTS}" in out, out
    after_kill = _state()

    # One clean run from scratch gives the same.
    Activity.objects.filter(import_key__startswith="uit:").delete()
    Place.objects.filter(import_key__startswith="uit:place:").delete()
    out, error = run()
    assert error is None and f"created {EVENTS}" in out, out
    assert _state() == after_kill
    assert len(after_kill["activities"]) == EVENTS and len(after_kill["places"]) == 7
    assert after_kill["history"] == sorted((f"uit:k-{n:04d}", "created") for n in range(EVENTS))

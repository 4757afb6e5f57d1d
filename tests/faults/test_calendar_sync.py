"""A calendar sync killed half-way (SIGKILL while it writes one calendar's events): running
it again reaches the same state as one clean run, activity by activity, date by date and
history row by history row.

Two calendars of one organisation serve the same events: `clean` is synced once per version
of the calendar, `killed` is killed in the middle of its second sync and synced again. The
moment is a row lock: the test locks one of `killed`'s activities that the second version
changes, so the sync (a subprocess, `manage.py sync_calendars`) has written the events
before it in its transaction when PostgreSQL shows it waiting."""

import signal
from datetime import timedelta

import pytest
from django.forms.models import model_to_dict
from django.utils import timezone

from events.calendars.sync import feeds_sync
from events.models import Activity, CalendarFeed, WorkModel
from tests.events.calendars.test_sync import ics, server, vevent  # noqa: F401 (fixture)
from tests.factories import OrganisationFactory, PlaceFactory
from tests.faults.conftest import manage, sql_connection, wait_until
from tests.faults.test_imports import gone, waiting_for_a_lock

pytestmark = pytest.mark.django_db(transaction=True)

# Fields that differ between two calendars by construction, or by the clock.
# Weekly, a few times: dated sessions to compare, not a year of them to write.
WEEKLY = "RRULE:FREQ=WEEKLY;COUNT=6"
NOT_COMPARED = {"id", "import_key", "created_at", "updated_at", "work_models", "service_areas"}


def stamp(days: int, hour: int = 19) -> str:
    day = timezone.localdate() + timedelta(days=days)
    return day.strftime("%Y%m%d") + f"T{hour:02d}0000"


def version_one() -> bytes:
    return ics(
        vevent("a@x", "Praatcafé", stamp(3), extra=WEEKLY),
        vevent("b@x", "Repaircafé", stamp(4), extra=WEEKLY),
        vevent("c@x", "Buurtsoep", stamp(5), extra=WEEKLY),
        vevent("d@x", "Wandeling", stamp(6)),
        vevent("e@x", "Naaiatelier", stamp(7), extra=WEEKLY),
    )


def version_two() -> bytes:
    """Every kind of change: renamed, moved, cancelled, gone, new, a cancelled session."""
    return ics(
        vevent("a@x", "Praatcafé op dinsdag", stamp(3), extra=WEEKLY),
        vevent("b@x", "Repaircafé", stamp(4, hour=14), extra=WEEKLY),
        vevent("c@x", "Buurtsoep", stamp(5), extra=WEEKLY + "\nSTATUS:CANCELLED"),
        vevent("e@x", "Naaiatelier (nieuw lokaal)", stamp(7), extra=WEEKLY),
        vevent("f@x", "Kookclub", stamp(8), extra=WEEKLY),
        vevent("g@x", "Zomerfeest", stamp(9)),
    )


def calendar_state(feed: CalendarFeed) -> dict:
    """Everything a sync decides about a calendar's activities, by UID."""
    found = {}
    for activity in Activity.objects.filter(import_key__startswith=feed.import_prefix):
        uid = activity.import_key.removeprefix(feed.import_prefix)
        fields = {
            name: value
            for name, value in model_to_dict(activity).items()
            if name not in NOT_COMPARED
        }
        schedule = activity.schedule
        found[uid] = {
            "fields": fields,
            "work models": sorted(activity.work_models.values_list("code", flat=True)),
            "schedule": (
                schedule.dtstart,
                schedule.duration,
                schedule.rrule,
                sorted(schedule.exdates),
                sorted(schedule.rdates),
            ),
            "occurrences": list(activity.occurrences.values_list("start", "end", "cancelled")),
            "history": list(activity.changes.order_by("at", "id").values_list("action", "changes")),
        }
    return found


def test_a_sync_killed_half_way_and_run_again_equals_one_clean_run(territory, server):  # noqa: F811
    base, served = server
    organisation = OrganisationFactory()
    place = PlaceFactory(organisation=organisation)
    feeds = {}
    for name in ("clean", "killed"):
        feeds[name] = CalendarFeed.objects.create(
            organisation=organisation, name=name, url=f"{base}/{name}.ics", place=place
        )
        feeds[name].work_models.set(WorkModel.objects.filter(code="community"))
    for name in feeds:
        served.files[f"/{name}.ics"] = version_one()
    assert not any(result.failed for result in feeds_sync())
    killed = feeds["killed"]
    before = calendar_state(killed)
    assert len(before) == 5

    for name in feeds:
        served.files[f"/{name}.ics"] = version_two()
    locked = Activity.objects.get(import_key=f"{killed.import_prefix}c@x")
    application = "bw-faults-sync"
    with sql_connection() as locker:
        with locker.transaction():
            locker.execute("SELECT 1 FROM events_activity WHERE id = %s FOR UPDATE", [locked.pk])
            process = manage(
                "sync_calendars", PGAPPNAME=application, CALENDAR_SYNC_ALLOW_PRIVATE_HOSTS="true"
            )
            wait_until(
                lambda: waiting_for_a_lock(application) or process.poll() is not None,
                seconds=60,
                what="the sync waits for the locked activity",
            )
            assert process.poll() is None, process.communicate()
            process.send_signal(signal.SIGKILL)
            assert process.wait(timeout=15) == -signal.SIGKILL
        wait_until(lambda: gone(application), seconds=15, what="the sync's backend ends")

    # Killed in the middle of a calendar: nothing of that calendar's second sync is kept.
    assert calendar_state(killed) == before

    results = {result.feed.name: result for result in feeds_sync()}
    assert not any(result.failed for result in results.values())
    clean, rerun = calendar_state(feeds["clean"]), calendar_state(killed)
    assert sorted(rerun) == ["a@x", "b@x", "c@x", "d@x", "e@x", "f@x", "g@x"]
    assert rerun == clean
    # And one more run changes nothing.
    assert feeds_sync() and calendar_state(killed) == clean

"""The Celery tasks, run as functions against the database: the same services as the
management commands, a report in return, never an exception for one bad calendar."""

import pytest

from events.models import Activity, Occurrence
from events.tasks import materialise_occurrences, sync_calendars
from tests.events.calendars import test_sync
from tests.events.calendars.test_sync import ics, next_tuesday_stamp, vevent
from tests.factories import OccurrenceFactory, ScheduleFactory

pytestmark = pytest.mark.django_db

# The calendar tests' local iCal server and its feeds, as fixtures here too.
server = test_sync.server
feed_for = test_sync.feed_for


def test_the_roll_forward_materialises_every_schedule_up_to_the_horizon(territory, settings):
    settings.OCCURRENCE_HORIZON_DAYS = 28
    schedule = ScheduleFactory()  # weekly, first a week from today
    Occurrence.objects.filter(activity=schedule.activity).delete()
    lone = OccurrenceFactory()  # a dated session without a schedule: left alone

    report = materialise_occurrences()

    assert report == "Occurrences: created 3, updated 0, deleted 0, unchanged 0, failed 0"
    starts = list(schedule.activity.occurrences.values_list("start", flat=True))
    assert starts[0] == schedule.dtstart and len(starts) == 3
    assert Occurrence.objects.filter(pk=lone.pk).exists()
    assert materialise_occurrences() == (
        "Occurrences: created 0, updated 0, deleted 0, unchanged 3, failed 0"
    )


def test_the_calendar_sync_reports_each_calendar_and_does_not_raise_for_a_failing_one(feed_for):
    make, served = feed_for
    make("Agenda", "/a.ics")
    make("Verdwenen agenda", "/gone.ics")  # the server answers 404
    served.files["/a.ics"] = ics(vevent("t@x", "Via de taak", next_tuesday_stamp()))

    lines = sync_calendars().splitlines()

    assert sorted(lines[:2])[0] == "Agenda: created 1, updated 0, cancelled 0, unchanged 0"
    assert sorted(lines[:2])[1].startswith("Verdwenen agenda: FAILED: ")
    assert lines[2] == "2 calendar(s) synced, 1 with errors."
    assert Activity.objects.filter(title="Via de taak").exists()


def test_without_calendars_the_sync_says_so(territory):
    assert sync_calendars() == "0 calendar(s) synced, 0 with errors."

"""events.queries.feeds: what the iCal export reads, in a constant number of queries."""

import pytest

from events.models import Activity
from events.queries import calendar_activities
from tests.factories import ActivityFactory, ScheduleFactory

from .conftest import at

pytestmark = pytest.mark.django_db


def read_all(activities) -> list[tuple]:
    return [
        (
            a.title,
            a.place.area.code if a.place else None,
            a.organisation.name,
            getattr(a, "schedule", None) and a.schedule.rrule,
            [m.code for m in a.work_models.all()],
            [area.code for area in a.service_areas.all()],
        )
        for a in activities
    ]


def test_calendar_activities_by_id_in_a_constant_number_of_queries(
    clock, territory, django_assert_num_queries
):
    made = [
        ScheduleFactory(activity=ActivityFactory(title="Wekelijks"), dtstart=at(1)).activity,
        ActivityFactory(title="Maatjes", without_venue=True, service_areas=[territory["east"]]),
    ]
    # One query for the activities and their joins, one for each of the two prefetches.
    with django_assert_num_queries(3):
        first = read_all(calendar_activities(Activity.objects.all()))
    for _ in range(3):
        made.append(ScheduleFactory(dtstart=at(2)).activity)
    with django_assert_num_queries(3):
        rows = read_all(calendar_activities(Activity.objects.all()))
    assert len(rows) == 5
    assert rows[:2] == first
    assert [row[0] for row in rows] == [a.title for a in sorted(made, key=lambda a: a.id)]
    assert first == [
        ("Wekelijks", "T0001W1", made[0].organisation.name, "FREQ=WEEKLY", ["community"], []),
        ("Maatjes", None, made[1].organisation.name, None, ["community"], ["T0001W2"]),
    ]

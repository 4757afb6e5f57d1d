from collections import Counter
from datetime import date, datetime, time, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from buurt.models import Area, IndicatorValue
from events.demo import demo_load
from events.models import Activity, ActivityKind, Occurrence, Status, WorkModel
from events.queries import area_offer
from events.recurrence.rules import BRUSSELS
from places.models import Organisation, Place, PlaceKind, Precision

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "areas": Area.objects.count(),
        "indicators": IndicatorValue.objects.count(),
        "organisations": Organisation.objects.count(),
        "places": Place.objects.count(),
        "activities": Activity.objects.count(),
        "occurrences": Occurrence.objects.count(),
    }


def test_load_demo_is_idempotent_and_covers_the_whole_domain():
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Demo loaded" in out.getvalue()
    first = counts()
    call_command("load_demo", stdout=StringIO())
    assert counts() == first

    assert Counter(Area.objects.values_list("kind", flat=True)) == {
        "municipality": 1,
        "district": 4,
        "neighbourhood": 20,
    }
    assert not Area.objects.exclude(kind="municipality").filter(parent=None).exists()
    assert set(IndicatorValue.objects.values_list("year", flat=True)) == {2018, 2023}
    assert Organisation.objects.filter(verified=True).exists()
    assert Organisation.objects.filter(verified=False).exists()
    assert set(Place.objects.values_list("kind", flat=True)) == set(PlaceKind.values)
    assert Place.objects.filter(precision=Precision.AREA).exists()
    used = set(WorkModel.objects.filter(activities__isnull=False).values_list("code", flat=True))
    assert used == set(WorkModel.objects.values_list("code", flat=True))
    assert set(Activity.objects.values_list("kind", flat=True)) == set(ActivityKind.values)
    programme = Activity.objects.get(kind=ActivityKind.PROGRAMME)
    assert programme.place is None and programme.service_areas.exists()
    assert Activity.objects.filter(place__precision=Precision.AREA, kind="peer_group").exists()
    assert Occurrence.objects.filter(cancelled=True).exists()


def board_days() -> list:
    """Days before, on and after today (the clock's, moved too when the whole session is:
    BUURTWIJZER_TEST_CLOCK_SHIFT_DAYS), and fixed days in both halves of the year."""
    today = timezone.localdate()
    return [
        pytest.param(today - timedelta(days=200), id="today-200d"),
        pytest.param(today, id="today"),
        pytest.param(today + timedelta(days=200), id="today+200d"),
        # Every weekday: rules every other week count their weeks from their start.
        *(pytest.param(today + timedelta(days=d), id=f"today+{d}d") for d in range(1, 7)),
        # The day the test was first written for, and the failure of issue 12 once past.
        pytest.param(date(2026, 11, 25), id="2026-11-25"),
        # Last Sunday of March: Brussels skips from 2:00 to 3:00.
        pytest.param(date(2027, 3, 28), id="2027-03-28-dst"),
        pytest.param(date(2027, 8, 15), id="2027-08-15"),
        # Last Sunday of October: 2:00-3:00 happens twice.
        pytest.param(date(2027, 10, 31), id="2027-10-31-dst"),
    ]


def sessions_this_week(today: date) -> int:
    week_start = datetime.combine(today, time(), tzinfo=BRUSSELS)
    return Occurrence.objects.filter(
        activity__status=Status.PUBLISHED,
        start__gte=week_start,
        start__lt=week_start + timedelta(days=7),
    ).count()


def on_the_clock(time_machine, day: date, hour: int = 9) -> None:
    """Python's clock at that day and hour in Brussels, standing still."""
    time_machine.move_to(datetime.combine(day, time(hour), tzinfo=BRUSSELS), tick=False)
    assert timezone.localdate() == day


@pytest.mark.parametrize("day", board_days())
def test_the_board_is_never_empty_whatever_the_day(settings, time_machine, day):
    on_the_clock(time_machine, day)
    summary = demo_load(directory=settings.DEMO_DATA_DIR)
    assert sessions_this_week(day) >= 10
    # The town's public page shows the week from the same clock.
    town = Area.objects.get(kind="municipality")
    week = area_offer(town).this_week
    assert len([o for o in week if not o.cancelled]) >= 10
    # And a cancelled date, shown as cancelled.
    assert any(o.cancelled for o in week)
    assert summary.occurrences >= 10


def test_a_demo_loaded_long_ago_is_brought_up_to_date(settings, time_machine):
    # `make run` loads the demo again on an old database: the board follows the clock.
    today = timezone.localdate()
    for day in (today - timedelta(days=200), today, today + timedelta(days=200)):
        on_the_clock(time_machine, day, hour=20)
        demo_load(directory=settings.DEMO_DATA_DIR)
        assert sessions_this_week(day) >= 10, day

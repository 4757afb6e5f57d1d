from collections import Counter
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from buurt.models import Area, IndicatorValue
from events.demo import demo_load
from events.models import Activity, ActivityKind, Occurrence, Status, WorkModel
from events.recurrence import BRUSSELS
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


def test_the_board_is_never_empty_whatever_the_day(settings):
    for today in (date(2026, 11, 25), date(2027, 3, 28), date(2027, 8, 15)):
        demo_load(directory=settings.DEMO_DATA_DIR, today=today)
        week_start = datetime.combine(today, datetime.min.time(), tzinfo=BRUSSELS)
        this_week = Occurrence.objects.filter(
            activity__status=Status.PUBLISHED,
            start__gte=week_start,
            start__lt=week_start + timedelta(days=7),
        )
        assert this_week.count() >= 10, today

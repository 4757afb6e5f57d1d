"""The events board's page is written by PostgreSQL (events/queries/occurrence_json.py) for
speed, next to the DRF serializer of the same occurrence: the two must say exactly the same,
field by field and value by value."""

import json
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.gis.geos import Point
from django.utils import timezone
from drf_spectacular.drainage import get_override
from rest_framework import serializers

from api.serializers import OccurrenceSerializer
from events.queries import ActivityFilters, occurrences_board, occurrences_page_json
from events.queries.occurrence_json import OCCURRENCE
from events.recurrence.rules import BRUSSELS
from events.services import ScheduleInput, activity_create, occurrence_cancel
from places.models import Precision
from places.services import place_create
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def field_names(serializer: serializers.Serializer) -> dict:
    """A serializer's fields as OccurrenceJSON.names() writes them: nested serializers (also
    those a method field declares for the schema) as dicts."""
    names = {}
    for name, field in serializer.fields.items():
        nested = field
        if isinstance(field, serializers.SerializerMethodField):
            nested = get_override(getattr(serializer, field.method_name), "field")
            if isinstance(nested, type):
                nested = nested()
        names[name] = field_names(nested) if isinstance(nested, serializers.Serializer) else None
    return names


def test_the_sql_writes_the_fields_of_the_serializer():
    # In the same order too (json.dumps keeps it): clients read the JSON as the schema says.
    assert json.dumps(OCCURRENCE.names()) == json.dumps(field_names(OccurrenceSerializer()))


@pytest.fixture
def board_day(territory):
    """Four activities three days from now: at an exact place, at a place shown by its area
    only, at an exact place outside every area, and a programme without a place; free and
    paid; one date cancelled."""
    day = timezone.localdate() + timedelta(days=3)
    organisation = OrganisationFactory(verified=True)
    exact = place_create(
        name="Buurthuis De Linde",
        location=Point(3.7312, 51.0105, srid=4326),
        kind="community_centre",
        address="Lindestraat 4, 9000 Testdorp",
        organisation=organisation,
    )
    hidden = place_create(
        name="Praatgroep schulden",
        location=Point(3.7051, 51.0123, srid=4326),
        kind="other",
        precision=Precision.AREA,
        address="Geheime straat 7",
        organisation=organisation,
    )
    outside = place_create(
        name="Ver weg",
        location=Point(3.9, 51.2, srid=4326),
        kind="other",
        organisation=organisation,
    )

    def post(title, place, hour, **fields):
        start = datetime.combine(day, time(hour, 30), tzinfo=BRUSSELS)
        return activity_create(
            organisation=organisation,
            kind="recurring",
            title=title,
            summary=f"{title}: samen.",
            work_models=["community", "peer"],
            place=place,
            schedule=ScheduleInput(dtstart=start, duration=timedelta(hours=2)),
            languages=["nl", "fr"],
            **fields,
        )

    post("Soepcafé", exact, 10, cost="free")
    cancelled = post("Lotgenoten", hidden, 14, cost="paid", cost_amount=Decimal("3.50"))
    post("Fietsherstel", outside, 16, cost="paid", cost_amount=Decimal("12"))
    post("Aan huis", None, 18, service_areas=[territory["east"]], social_tariff="UiTPAS")
    occurrence_cancel(occurrence=cancelled.occurrences.get(), reason="Ziek")
    return day


@pytest.mark.parametrize(
    "filters",
    [ActivityFilters(), ActivityFilters(near=Point(3.72, 51.01, srid=4326), radius_m=50_000)],
    ids=["by start", "near"],
)
def test_the_sql_page_is_the_serializers_json(board_day, filters, rf):
    request = rf.get("/api/v1/occurrences/")
    page = occurrences_board(
        user=AnonymousUser(), filters=filters, date_from=board_day, date_to=board_day
    )
    expected = json.loads(
        json.dumps(OccurrenceSerializer(page, many=True, context={"request": request}).data)
    )
    actual = json.loads(
        occurrences_page_json(page, activity_url_prefix=request.build_absolute_uri("/activiteit/"))
    )
    assert actual == expected
    by_title = {item["activity"]["title"]: item for item in actual}
    # The cases the fixture promises are really on the page.
    assert set(by_title) == {"Soepcafé", "Lotgenoten", "Fietsherstel", "Aan huis"}
    hidden = by_title["Lotgenoten"]
    assert hidden["cancelled"] and hidden["activity"]["place"]["precision"] == "area"
    assert hidden["activity"]["place"]["address"] == ""
    assert by_title["Fietsherstel"]["activity"]["place"]["area"] is None
    assert by_title["Aan huis"]["activity"]["place"] is None
    assert {item["activity"]["cost"]["kind"] for item in actual} >= {"free", "paid"}
    if filters.near is not None:
        assert by_title["Soepcafé"]["distance_m"] is not None

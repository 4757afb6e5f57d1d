"""events.queries.offer: the public offer of an area or an organisation."""

from datetime import timedelta

import pytest
from django.contrib.gis.geos import Point

from events.models import Status, WorkModel
from events.queries import area_offer, organisation_offer, organisations_active_in
from tests.factories import (
    ActivityFactory,
    OccurrenceFactory,
    OrganisationFactory,
    PlaceFactory,
    ScheduleFactory,
)

from .conftest import TODAY, at

pytestmark = pytest.mark.django_db

EAST_POINT = Point(3.730, 51.010, srid=4326)


def titles(activities) -> list[str]:
    return [activity.title for activity in activities]


def test_every_work_model_in_display_order_even_when_empty(clock, territory):
    ActivityFactory(title="Taalcafé", work_models=("competence", "peer"))
    ActivityFactory(title="Buurtfeest", work_models=("community",))
    offer = area_offer(territory["west"])
    codes = [model.code for model, _ in offer.by_work_model]
    assert codes == list(WorkModel.objects.order_by("position").values_list("code", flat=True))
    assert len(codes) == 7
    listed = {model.code: titles(activities) for model, activities in offer.by_work_model}
    assert listed["competence"] == listed["peer"] == ["Taalcafé"]
    assert listed["community"] == ["Buurtfeest"]
    assert listed["buddy"] == []


def test_one_work_model(clock, territory):
    ActivityFactory(title="Taalcafé", work_models=("competence", "peer"))
    ActivityFactory(title="Buurtfeest", work_models=("community",))
    offer = area_offer(territory["west"], work_model="peer")
    assert titles(offer.activities) == ["Taalcafé"]
    assert [(model.code, titles(found)) for model, found in offer.by_work_model] == [
        ("peer", ["Taalcafé"])
    ]


def test_the_area_by_public_point_or_by_areas_served(clock, territory):
    ActivityFactory(title="West")
    ActivityFactory(title="Oost", place=PlaceFactory(location=EAST_POINT))
    ActivityFactory(title="Maatjes", without_venue=True, service_areas=[territory["east"]])
    assert titles(area_offer(territory["east"]).activities) == ["Maatjes", "Oost"]
    assert titles(area_offer(territory["west"]).activities) == ["West"]


def test_still_running_a_next_date_or_no_dates_at_all(clock, territory):
    ScheduleFactory(
        activity=ActivityFactory(title="Twee keer"), dtstart=at(1), rrule="FREQ=WEEKLY;COUNT=2"
    )
    ScheduleFactory(activity=ActivityFactory(title="Wekelijks"), dtstart=at(1))
    ActivityFactory(title="Maatjes", without_venue=True, service_areas=[territory["west"]])

    offer = area_offer(territory["west"])
    assert titles(offer.activities) == ["Maatjes", "Twee keer", "Wekelijks"]
    assert titles(offer.recurring) == ["Twee keer", "Wekelijks"]

    clock.shift(timedelta(days=30))  # both dates of "Twee keer" are over
    assert titles(area_offer(territory["west"]).activities) == ["Maatjes", "Wekelijks"]


def test_this_week_from_today_for_days_cancelled_included(clock, territory):
    activity = ActivityFactory(title="Yoga")
    for days in (-1, 0, 4, 6, 7):
        OccurrenceFactory(activity=activity, start=at(days), cancelled=days == 4)
    offer = area_offer(territory["west"], today=TODAY)
    assert [(o.start, o.cancelled) for o in offer.this_week] == [
        (at(0), False),
        (at(4), True),
        (at(6), False),
    ]
    later = area_offer(territory["west"], today=TODAY + timedelta(days=4), days=3)
    assert [o.start for o in later.this_week] == [at(4), at(6)]


def test_the_offer_is_public_whoever_asks(clock, territory):
    draft = ActivityFactory(title="Concept", status=Status.DRAFT)
    OccurrenceFactory(activity=draft, start=at(1))
    offer = area_offer(territory["west"])
    assert offer.empty
    assert offer.activities == [] and offer.this_week == []


def test_organisation_offer_shows_one_organisation(clock, territory):
    ours = OrganisationFactory()
    OccurrenceFactory(activity=ActivityFactory(title="Van ons", organisation=ours), start=at(10))
    OccurrenceFactory(activity=ActivityFactory(title="Van anderen"), start=at(10))
    offer = organisation_offer(ours, today=TODAY)  # fourteen days
    assert titles(offer.activities) == ["Van ons"]
    assert [o.activity.title for o in offer.this_week] == ["Van ons"]
    assert organisation_offer(ours, today=TODAY, days=7).this_week == []


def test_organisations_active_in_by_place_or_by_activity(clock, territory):
    here = OrganisationFactory(name="Zorgpunt West")
    PlaceFactory(organisation=here)
    elsewhere = OrganisationFactory(name="Buurtwerk Oost")
    PlaceFactory(organisation=elsewhere, location=EAST_POINT)
    visiting = OrganisationFactory(name="Maatjes vzw")
    programme = ActivityFactory(
        organisation=visiting, without_venue=True, service_areas=[territory["west"]]
    )
    found = organisations_active_in(territory["west"], [programme])
    assert [o.name for o in found] == ["Maatjes vzw", "Zorgpunt West"]
    assert [o.name for o in organisations_active_in(territory["west"], [])] == ["Zorgpunt West"]
    everyone = organisations_active_in(territory["town"], [])
    assert [o.name for o in everyone] == ["Buurtwerk Oost", "Zorgpunt West"]

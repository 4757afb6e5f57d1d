from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rruleset, rrulestr
from django.contrib.gis.geos import Point
from icalendar import Calendar, vRecur

from events.calendars.feed import activities_calendar
from events.models import Activity, Occurrence
from events.services import (
    ScheduleInput,
    activity_cancel,
    occurrence_cancel,
    occurrences_materialise,
)
from places.services import place_create
from tests.factories import ActivityFactory, OrganisationFactory, PlaceFactory

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")


def url_for(activity: Activity) -> str:
    return f"https://buurtwijzer.example/activiteiten/{activity.id}/"


def loaded(*activities: Activity):
    """As the views will pass them: everything the calendar reads loaded up front."""
    return (
        Activity.objects.filter(id__in=[activity.id for activity in activities])
        .select_related("schedule", "place", "place__area", "organisation")
        .prefetch_related("work_models", "service_areas")
        .order_by("id")
    )


def calendar_of(*activities: Activity) -> bytes:
    return activities_calendar(loaded(*activities), name="Testdorp", url_for=url_for)


def unfolded(ical: bytes) -> str:
    return ical.decode().replace("\r\n ", "")


def create(*, schedule: ScheduleInput, **overrides) -> Activity:
    """The peer group the calendar tests describe, on the given schedule."""
    fields = dict(
        kind="peer_group",
        title="Praatgroep alleenstaande ouders",
        summary="Ouders die er alleen voor staan, ontmoeten elkaar.",
        work_models=["peer", "community"],
        schedule=schedule,
    )
    return ActivityFactory(**{**fields, **overrides})


def naive_local(moment: datetime) -> datetime:
    return moment.astimezone(BRUSSELS).replace(tzinfo=None)


def expand(event, start: datetime, end: datetime) -> set[datetime]:
    """The event's start instants in [start, end], expanded the way clients do it: on
    local wall-clock time, given the zone afterwards."""
    assert event["DTSTART"].params["TZID"] == "Europe/Brussels"
    first = naive_local(event.decoded("DTSTART"))
    dates = rruleset()
    dates.rdate(first)  # DTSTART is always the first instance
    for recur in event.rrules:
        recur = vRecur(recur)
        if "UNTIL" in recur:
            recur["UNTIL"] = [naive_local(until) for until in recur["UNTIL"]]
        dates.rrule(rrulestr(recur.to_ical().decode(), dtstart=first))
    for moment, _period_end in event.rdates:  # RDATE may be periods: (start, end)
        dates.rdate(naive_local(moment))
    for moment in event.exdates:
        dates.exdate(naive_local(moment))
    found = dates.between(naive_local(start), naive_local(end), inc=True)
    return {naive.replace(tzinfo=BRUSSELS) for naive in found}


def open_starts(activity: Activity, start: datetime, end: datetime) -> set[datetime]:
    return set(
        Occurrence.objects.filter(
            activity=activity, cancelled=False, start__gte=start, start__lte=end
        ).values_list("start", flat=True)
    )


def on_the_clock(time_machine, day: date) -> None:
    """The clock on the day the calendar is asked for, so that creating the activity
    materialises its sessions from that day too (and the feed's time zone covers it)."""
    time_machine.move_to(datetime.combine(day, datetime.min.time(), tzinfo=BRUSSELS), tick=False)


def only_event(ical: bytes):
    calendar = Calendar.from_ical(ical)
    (event,) = calendar.events
    return calendar, event


def test_a_weekly_activity_expands_to_its_open_occurrences_across_daylight_saving(
    territory, time_machine
):
    on_the_clock(time_machine, date(2027, 3, 1))
    activity = create(
        schedule=ScheduleInput(
            dtstart=datetime(2027, 3, 2, 19, 0, tzinfo=BRUSSELS),  # a Tuesday, in winter time
            duration=timedelta(hours=2),
            rrule="FREQ=WEEKLY",
            rdates=[datetime(2027, 4, 1, 10, 0, tzinfo=BRUSSELS)],
        ),
        host_name="Samira",
        contact_phone="09 123 45 67",
        contact_email="praat@example.org",
        what_to_expect="Koffie en een goed gesprek.",
    )
    occurrences_materialise(activity=activity, today=date(2027, 3, 1))
    # After the change to summer time: a wrong offset on EXDATE would miss it.
    occurrence_cancel(
        occurrence=activity.occurrences.get(start=datetime(2027, 4, 6, 19, 0, tzinfo=BRUSSELS))
    )
    start = datetime(2027, 3, 1, tzinfo=BRUSSELS)
    end = datetime(2027, 5, 1, tzinfo=BRUSSELS)

    calendar, event = only_event(calendar_of(activity))

    assert str(calendar["PRODID"]) == "-//Buurtwijzer//NL"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Testdorp"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Brussels"
    assert [timezone.tz_name for timezone in calendar.timezones] == ["Europe/Brussels"]
    assert calendar.get_missing_tzids() == set()
    expected = open_starts(activity, start, end)
    assert len(expected) == 9  # 9 Tuesdays, one cancelled, one extra Thursday
    assert expand(event, start, end) == expected
    # The rule really crosses the change: 19:00 local is 18:00 UTC, then 17:00 UTC.
    evenings = [moment for moment in expected if moment.astimezone(BRUSSELS).hour == 19]
    assert {moment.astimezone(UTC).hour for moment in evenings} == {17, 18}
    assert str(event["UID"]) == f"activity-{activity.id}@buurtwijzer"
    assert event.decoded("DURATION") == timedelta(hours=2)
    assert event.decoded("LAST-MODIFIED") == Activity.objects.get(
        id=activity.id
    ).updated_at.replace(microsecond=0)
    assert event.decoded("DTSTAMP").tzinfo is not None
    assert str(event["SUMMARY"]) == "Praatgroep alleenstaande ouders"
    assert str(event["URL"]) == url_for(activity)
    assert event.categories == ["peer", "community"]
    assert str(event["STATUS"]) == "CONFIRMED"
    description = str(event["DESCRIPTION"])
    for part in ("Ouders die er alleen", "Koffie", "Samira", "09 123 45 67"):
        assert part in description
    assert description.index("09 123 45 67") < description.index("praat@example.org")


def test_an_until_in_the_rule_ends_the_series_where_our_occurrences_end(territory, time_machine):
    on_the_clock(time_machine, date(2027, 3, 1))
    activity = create(
        schedule=ScheduleInput(
            dtstart=datetime(2027, 3, 2, 19, 0, tzinfo=BRUSSELS),
            duration=timedelta(hours=2),
            rrule="FREQ=WEEKLY;UNTIL=20270413T190000",
        )
    )
    occurrences_materialise(activity=activity, today=date(2027, 3, 1))
    start = datetime(2027, 3, 1, tzinfo=BRUSSELS)
    end = datetime(2027, 6, 1, tzinfo=BRUSSELS)

    _calendar, event = only_event(calendar_of(activity))

    assert event.rrules[0]["UNTIL"][0].utcoffset() == timedelta(0)
    assert expand(event, start, end) == open_starts(activity, start, end)
    assert max(open_starts(activity, start, end)) == datetime(2027, 4, 13, 19, tzinfo=BRUSSELS)


def test_a_one_off_event_is_its_single_occurrence(territory, time_machine):
    on_the_clock(time_machine, date(2027, 6, 1))
    activity = create(
        kind="event",
        title="Buurtfeest",
        schedule=ScheduleInput(
            dtstart=datetime(2027, 6, 12, 14, 0, tzinfo=BRUSSELS), duration=timedelta(hours=3)
        ),
        cost="paid",
        cost_amount=Decimal("3.50"),
        social_tariff="UiTPAS kansentarief €0,60",
    )
    occurrences_materialise(activity=activity, today=date(2027, 6, 1))
    start = datetime(2027, 6, 1, tzinfo=BRUSSELS)
    end = datetime(2027, 7, 1, tzinfo=BRUSSELS)

    _calendar, event = only_event(calendar_of(activity))

    assert "RRULE" not in event and "EXDATE" not in event and "RDATE" not in event
    assert expand(event, start, end) == open_starts(activity, start, end)
    assert len(open_starts(activity, start, end)) == 1
    assert "3,50" in str(event["DESCRIPTION"]) and "UiTPAS" in str(event["DESCRIPTION"])


def test_an_exact_place_shows_name_address_and_point(territory):
    place = PlaceFactory(name="Buurthuis De Kring", location=Point(3.705, 51.005, srid=4326))
    activity = create(
        place=place,
        schedule=ScheduleInput(
            dtstart=datetime(2027, 6, 12, 14, 0, tzinfo=BRUSSELS), duration=timedelta(hours=3)
        ),
    )

    _calendar, event = only_event(calendar_of(activity))

    assert str(event["LOCATION"]) == "Buurthuis De Kring, Dorpsstraat 1, 9000 Testdorp"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (51.005, 3.705)


def test_an_area_place_shows_only_its_area(territory):
    hidden = place_create(
        name="Schuldhulp De Vlonder",
        location=Point(3.71234, 51.01567, srid=4326),
        kind="social_service",
        address="Geheimstraat 17, 9000 Testdorp",
        precision="area",
        organisation=OrganisationFactory(),
    )
    activity = create(
        place=hidden,
        schedule=ScheduleInput(
            dtstart=datetime(2027, 6, 12, 14, 0, tzinfo=BRUSSELS), duration=timedelta(hours=2)
        ),
    )

    ical = calendar_of(activity)
    _calendar, event = only_event(ical)

    assert str(event["LOCATION"]) == "West"
    assert "GEO" not in event
    for text in (ical.decode(), unfolded(ical)):
        assert "Geheimstraat" not in text
        assert "Vlonder" not in text
        assert "3.71234" not in text and "71234" not in text
        assert "51.01567" not in text and "01567" not in text


def test_a_programme_without_a_venue_shows_the_areas_it_serves(territory):
    activity = create(
        kind="programme",
        place=None,
        service_areas=[territory["west"], territory["east"]],
        work_models=["buddy"],
        schedule=ScheduleInput(
            dtstart=datetime(2027, 6, 12, 14, 0, tzinfo=BRUSSELS), duration=timedelta(hours=2)
        ),
    )

    _calendar, event = only_event(calendar_of(activity))

    assert str(event["LOCATION"]) == "West, Oost"
    assert "GEO" not in event


def test_a_cancelled_activity_is_cancelled_in_the_calendar(territory):
    activity = create(
        schedule=ScheduleInput(
            dtstart=datetime(2027, 3, 2, 19, 0, tzinfo=BRUSSELS),
            duration=timedelta(hours=2),
            rrule="FREQ=WEEKLY",
        )
    )
    activity_cancel(activity=activity)

    _calendar, event = only_event(calendar_of(activity))

    assert str(event["STATUS"]) == "CANCELLED"
    assert "STATUS:CANCELLED" in unfolded(calendar_of(activity))


def test_activities_without_schedule_are_left_out_and_an_empty_feed_is_valid(territory):
    unscheduled = create(schedule=None)

    calendar = Calendar.from_ical(calendar_of(unscheduled))

    assert calendar.events == []
    assert [timezone.tz_name for timezone in calendar.timezones] == ["Europe/Brussels"]


def five_activities(territory) -> list[Activity]:
    organisation = OrganisationFactory()
    weekly = ScheduleInput(
        dtstart=datetime(2027, 3, 2, 19, 0, tzinfo=BRUSSELS),
        duration=timedelta(hours=2),
        rrule="FREQ=WEEKLY",
        exdates=[datetime(2027, 3, 9, 19, 0, tzinfo=BRUSSELS)],
        rdates=[datetime(2027, 3, 11, 19, 0, tzinfo=BRUSSELS)],
    )
    hidden = place_create(
        name="Verborgen",
        location=Point(3.73, 51.01, srid=4326),
        kind="other",
        precision="area",
        organisation=organisation,
    )
    return [
        create(organisation=organisation, schedule=weekly),
        create(organisation=organisation, schedule=weekly, place=hidden),
        create(
            organisation=organisation,
            schedule=weekly,
            kind="programme",
            place=None,
            service_areas=[territory["west"], territory["east"]],
        ),
        create(organisation=organisation, schedule=weekly, work_models=["buddy"]),
        create(organisation=organisation, schedule=None),
    ]


def test_the_calendar_takes_a_fixed_number_of_queries(territory, django_assert_max_num_queries):
    activities = five_activities(territory)
    activity_cancel(activity=activities[3])

    # One query for the activities with schedule, place, area and organisation; one
    # prefetch each for work models and service areas; none per activity.
    with django_assert_max_num_queries(3):
        ical = activities_calendar(loaded(*activities), name="Testdorp", url_for=url_for)
    with django_assert_max_num_queries(3):
        activities_calendar(loaded(activities[0]), name="Testdorp", url_for=url_for)

    calendar = Calendar.from_ical(ical)
    assert len(calendar.events) == 4
    assert sorted(str(event["STATUS"]) for event in calendar.events) == [
        "CANCELLED",
        "CONFIRMED",
        "CONFIRMED",
        "CONFIRMED",
    ]

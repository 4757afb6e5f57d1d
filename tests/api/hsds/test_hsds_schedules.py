"""Schedules, costs and contact as HSDS has fields for them (and in words where it has none)."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from api.hsds.documents import Publication, service
from events.models import CostKind
from events.recurrence.rules import BRUSSELS
from events.services.schedules import ScheduleInput
from tests.factories import ActivityFactory

from .schemas import errors

pytestmark = pytest.mark.django_db

# Tuesday 2 March 2027, 19:00 in Brussels (winter time; summer time begins on 28 March).
START = datetime(2027, 3, 2, 19, 0, tzinfo=BRUSSELS)


def _service(**fields) -> dict:
    activity = ActivityFactory(**fields)
    with translation.override("nl-be"):
        document = service(activity, Publication(absolute=lambda path: f"https://b.example{path}"))
    assert errors("service.json", document) == []
    return document


def _schedules(rrule: str = "", **schedule) -> list[dict]:
    given = ScheduleInput(dtstart=START, duration=timedelta(hours=2), rrule=rrule, **schedule)
    return _service(schedule=given)["schedules"]


def test_a_weekly_rule_keeps_its_parts_and_local_times_across_summer_time():
    (weekly,) = _schedules("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270601T215959Z")
    assert weekly["freq"] == "WEEKLY"
    assert weekly["byday"] == "TU"
    assert (weekly["dtstart"], weekly["opens_at"], weekly["closes_at"]) == (
        "2027-03-02",
        "19:00",
        "21:00",
    )
    assert (weekly["valid_from"], weekly["until"], weekly["valid_to"]) == (
        "2027-03-02",
        "2027-06-01",
        "2027-06-01",
    )
    assert weekly["description"] == "elke dinsdag, 19:00–21:00, tot 1 juni 2027"
    assert weekly["schedule_link"].endswith("/ical")


def test_a_monthly_rule_with_a_position_in_the_month():
    (monthly,) = _schedules("FREQ=MONTHLY;BYDAY=-1SA;COUNT=6")
    assert (monthly["freq"], monthly["byday"], monthly["count"]) == ("MONTHLY", "-1SA", 6)


def test_a_rule_hsds_has_no_fields_for_is_given_in_words_and_by_its_calendar():
    (daily,) = _schedules("FREQ=DAILY;COUNT=5")
    assert "freq" not in daily and "count" not in daily
    assert daily["description"]
    assert daily["schedule_link"].endswith("/ical")


def test_a_one_off_session_is_valid_on_its_day_only():
    (once,) = _schedules()
    assert "freq" not in once
    assert once["valid_from"] == once["valid_to"] == once["dtstart"] == "2027-03-02"


def test_extra_dates_are_schedules_of_their_own_and_cancelled_dates_a_note():
    extra = datetime(2027, 4, 10, 14, 0, tzinfo=BRUSSELS)
    cancelled = datetime(2027, 3, 16, 19, 0, tzinfo=BRUSSELS)
    rule, added = _schedules("FREQ=WEEKLY", rdates=[extra], exdates=[cancelled])
    assert (added["dtstart"], added["opens_at"], added["closes_at"]) == (
        "2027-04-10",
        "14:00",
        "16:00",
    )
    assert added["id"] != rule["id"]
    assert "2027-03-16" in rule["notes"]


@pytest.mark.parametrize(
    ("cost", "amount", "tariff", "options"),
    [
        (CostKind.FREE, None, "", [("Gratis", 0)]),
        (
            CostKind.PAID,
            Decimal("3.50"),
            "UiTPAS kansentarief €0,60",
            [("Prijs", 3.5), ("Sociaal tarief", None)],
        ),
        (CostKind.UNKNOWN, None, "", []),
    ],
)
def test_costs_and_the_social_tariff(cost, amount, tariff, options):
    document = _service(cost=cost, cost_amount=amount, social_tariff=tariff)
    given = [
        (option["option"], option.get("amount")) for option in document.get("cost_options", [])
    ]
    assert given == options
    assert all(option["currency"] == "EUR" for option in document.get("cost_options", []))
    if tariff:
        assert document["cost_options"][-1]["amount_description"] == tariff
        assert tariff in document["fees_description"]
    if cost == CostKind.UNKNOWN:
        assert "fees_description" not in document  # not said: absent, never "free"


def test_contact_languages_and_unknowns_left_out():
    document = _service(
        contact_phone="+32 9 000 00 00",
        host_name="Fatima",
        languages=["nl", "ar"],
        contact_email="",
    )
    assert [phone["number"] for phone in document["phones"]] == ["+32 9 000 00 00"]
    assert [contact["name"] for contact in document["contacts"]] == ["Fatima"]
    assert [language["code"] for language in document["languages"]] == ["nl", "ar"]
    assert "email" not in document
    assert all(value not in ("", None, []) for value in document.values())

"""Rules that never match (or give fewer dates than their COUNT) are refused within a
bounded search, and every rule is checked, expanded and put into words by walks whose
length is set by their span, whatever the rule: dateutil alone walks to year 9999 for a
rule that never matches. The work is counted (tests/events/recurrence/work.py), not timed:
timings belong to bench/."""

from datetime import datetime, timedelta
from itertools import islice

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.models import Occurrence, Schedule
from events.recurrence.rules import (
    BRUSSELS,
    local_naive,
    occurrences_between,
    parse_rrule,
    rrule_validate,
    search_end,
)
from events.recurrence.words import schedule_in_words

from .work import counted_walks, walk_budget

START = datetime(2026, 12, 1, 19, 0, tzinfo=BRUSSELS)
NEVER = [
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31",
    "FREQ=MONTHLY;BYMONTH=6;BYMONTHDAY=-31",
    "FREQ=DAILY;BYSETPOS=5;BYMONTHDAY=3",
    "FREQ=WEEKLY;BYDAY=MO;BYMONTHDAY=30;BYMONTH=2",
    "FREQ=YEARLY;BYSETPOS=-366;BYDAY=MO",
]


def search_budget(dtstart: datetime) -> int:
    """The days one walk of the validity search may visit: its span of SEARCH_YEARS."""
    return walk_budget(search_end(dtstart) - local_naive(dtstart))


def refused_message(rule: str, dtstart: datetime = START) -> str:
    with pytest.raises(ValidationError) as refused:
        rrule_validate(rule, dtstart=dtstart)
    return " ".join(refused.value.message_dict["rrule"])


@pytest.mark.parametrize("rule", NEVER)
def test_rules_that_never_match_are_refused_after_a_walk_bounded_by_the_search_span(rule):
    with counted_walks(search_budget(START)) as work:
        message = refused_message(rule)
    assert "geen enkele datum" in message, message
    assert work.walks, "the rule was refused without being searched"
    work.assert_bounded()


def test_fewer_dates_than_count_promises_are_refused_saying_how_many():
    # Leap days: 2028, 2032 and 2036 fall in the ten years searched, not five of them.
    message = refused_message("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=5")
    assert "3" in message and "5" in message, message


def test_the_refusal_is_translated():
    from django.utils import translation

    with translation.override("fr"):
        assert "aucune date" in refused_message(NEVER[0])
    with translation.override("en"):
        assert "no date" in refused_message(NEVER[0])


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY;BYDAY=TU",
        "FREQ=MONTHLY;BYDAY=-1FR",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",  # the next leap day is 2028
        "FREQ=WEEKLY;BYDAY=TU;COUNT=8",
        "FREQ=MONTHLY;BYDAY=1MO;UNTIL=20270630",
        "FREQ=DAILY;INTERVAL=3;COUNT=1000",
    ],
)
def test_ordinary_rules_still_pass(rule):
    rrule_validate(rule, dtstart=START)


@pytest.mark.django_db
def test_materialising_a_stored_rule_that_never_matches_walks_only_the_window(territory):
    """A schedule stored before the check (or written around it) must not stall the nightly
    roll-forward: the expansion is bounded by the window, not by year 9999."""
    from django.conf import settings

    from events.services import ScheduleInput, activity_create, occurrences_materialise
    from tests.factories import OrganisationFactory, PlaceFactory

    organisation = OrganisationFactory(verified=True)
    activity = activity_create(
        organisation=organisation,
        kind="recurring",
        title="Praatcafé",
        summary="Koffie en een babbel.",
        work_models=["community"],
        place=PlaceFactory(organisation=organisation, area=territory["west"]),
        schedule=ScheduleInput(dtstart=START, duration=timedelta(hours=2)),
    )
    Schedule.objects.filter(activity=activity).update(rrule=NEVER[0])
    window = timedelta(days=settings.OCCURRENCE_HORIZON_DAYS)
    with counted_walks(walk_budget(window)) as work:
        summary = occurrences_materialise(today=START.date())
    assert work.walks and summary.failed == 0, summary
    work.assert_bounded()
    # DTSTART is always a session (RFC 5545); the rule adds none.
    assert list(Occurrence.objects.filter(activity=activity).values_list("start", flat=True)) == [
        START
    ]


# --- Random rules ------------------------------------------------------------------------

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@st.composite
def rules(draw) -> str:
    parts = [f"FREQ={draw(st.sampled_from(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']))}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.integers(1, 99) | st.integers(1, 4))}")
    if draw(st.booleans()):
        days = draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=3, unique=True))
        positioned = [
            f"{draw(st.sampled_from(['', '1', '2', '-1', '4', '5', '-5', '20', '53']))}{day}"
            for day in days
        ]
        parts.append("BYDAY=" + ",".join(positioned))
    if draw(st.booleans()):
        numbers = st.integers(-31, 31).filter(bool)
        days = draw(st.lists(numbers, min_size=1, max_size=3, unique=True))
        parts.append("BYMONTHDAY=" + ",".join(map(str, days)))
    if draw(st.booleans()):
        months = draw(st.lists(st.integers(1, 12), min_size=1, max_size=3, unique=True))
        parts.append("BYMONTH=" + ",".join(map(str, months)))
    if draw(st.booleans()):
        numbers = st.integers(-10, 10).filter(bool) | st.integers(-366, 366).filter(bool)
        positions = draw(st.lists(numbers, min_size=1, max_size=3, unique=True))
        parts.append("BYSETPOS=" + ",".join(map(str, positions)))
    if draw(st.booleans()):
        parts.append(f"WKST={draw(st.sampled_from(WEEKDAYS))}")
    ending = draw(st.sampled_from(["", "count", "until"]))
    if ending == "count":
        parts.append(f"COUNT={draw(st.integers(1, 20) | st.integers(1, 1000))}")
    elif ending == "until":
        parts.append(f"UNTIL={draw(st.integers(2026, 2045))}0{draw(st.integers(1, 9))}15")
    return ";".join(parts)


starts = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2190, 12, 31)).map(
    lambda moment: moment.replace(second=0, microsecond=0, tzinfo=BRUSSELS)
)


@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(rule=rules(), dtstart=starts, window_offset=st.integers(-400, 3000))
def test_every_rule_is_checked_expanded_and_worded_in_walks_bounded_by_their_span(
    rule, dtstart, window_offset
):
    with counted_walks(search_budget(dtstart)) as checked:
        try:
            parsed = rrule_validate(rule, dtstart=dtstart)
        except ValidationError:
            parsed = None
    checked.assert_bounded()
    if parsed is None:
        return
    window_start = dtstart + timedelta(days=window_offset)
    window_end = window_start + timedelta(days=365)
    # The window, or from DTSTART on for a COUNT rule, which counts from there.
    span_start = dtstart if parsed._count else max(window_start, dtstart)
    with counted_walks(walk_budget(window_end - span_start)) as expanded:
        occurrences_between(
            dtstart=dtstart,
            duration=timedelta(hours=1),
            rrule_text=rule,
            exdates=[],
            rdates=[],
            window_start=window_start,
            window_end=window_end,
        )
    expanded.assert_bounded()
    # The words look for the first dates (and the sessions of a COUNT) in the search span.
    with counted_walks(search_budget(dtstart)) as worded:
        schedule_in_words(dtstart=dtstart, duration=timedelta(hours=1), rrule=rule, language="nl")
    worded.assert_bounded()


@settings(max_examples=200, deadline=None, database=None)
@given(rule=rules(), dtstart=starts)
def test_the_bounded_expansion_gives_dateutils_dates(rule, dtstart):
    from events.recurrence.search import rule_dates

    try:
        rrule_validate(rule, dtstart=dtstart)
    except ValidationError:
        return
    parsed = parse_rrule(rule, dtstart=dtstart)
    ours = rule_dates(parsed, end=local_naive(dtstart) + timedelta(days=3653), limit=25)
    assert ours, rule  # accepted rules have a date in the span searched
    assert list(islice(parsed, len(ours))) == ours, rule


@pytest.mark.parametrize(
    "rule", ["FREQ=MONTHLY;BYDAY=6MO", "FREQ=YEARLY;BYMONTH=3;BYDAY=-6SU", "FREQ=YEARLY;BYDAY=54FR"]
)
def test_positions_beyond_the_month_or_year_are_refused(rule):
    # dateutil fails on them with an IndexError while expanding.
    assert "BYDAY" in refused_message(rule)

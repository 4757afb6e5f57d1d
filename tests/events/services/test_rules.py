from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import Activity, Occurrence, Schedule, Status, WorkModel
from events.recurrence.rules import BRUSSELS
from events.services import (
    ScheduleInput,
    activity_cancel,
    occurrence_cancel,
    occurrences_materialise,
)
from tests.factories import ActivityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def weekly_peer_group(**overrides):
    """A weekly peer group at a place of a verified organisation, from tonight on."""
    fields = dict(
        kind="peer_group",
        title="Praatgroep alleenstaande ouders",
        summary="Ouders die er alleen voor staan, ontmoeten elkaar.",
        work_models=["peer"],
        languages=["nl", "ar"],
        schedule=ScheduleInput(
            dtstart=datetime.now(BRUSSELS).replace(hour=19, minute=0, second=0, microsecond=0),
            duration=timedelta(hours=2),
            rrule="FREQ=WEEKLY",
        ),
    )
    return ActivityFactory(**{**fields, **overrides})


def test_the_seven_work_models_exist_in_three_languages():
    assert list(WorkModel.objects.values_list("code", flat=True)) == [
        "competence",
        "buddy",
        "own_network",
        "peer",
        "context",
        "volunteering",
        "community",
    ]
    for model in WorkModel.objects.all():
        assert model.name_nl and model.name_fr and model.name_en
        assert model.description_nl and model.description_fr and model.description_en


def test_verified_organisations_publish_directly_unverified_wait(territory):
    verified = weekly_peer_group(organisation=OrganisationFactory(verified=True))
    unverified = weekly_peer_group(organisation=OrganisationFactory(verified=False))
    assert verified.status == Status.PUBLISHED
    assert unverified.status == Status.PENDING


def test_occurrences_are_materialised_a_year_ahead_and_rolled_forward(territory, settings):
    settings.OCCURRENCE_HORIZON_DAYS = 365
    activity = weekly_peer_group()
    assert 52 <= activity.occurrences.count() <= 53
    later = timezone.localdate() + timedelta(days=30)
    summary = occurrences_materialise(today=later)
    assert summary.created >= 4
    assert activity.occurrences.filter(
        start__gte=datetime.now(BRUSSELS) + timedelta(days=380)
    ).exists()
    again = occurrences_materialise(today=later)
    assert again.created == again.updated == again.deleted == 0


def test_a_cancelled_date_stays_visible_as_cancelled_after_rematerialising(territory):
    activity = weekly_peer_group()
    second = activity.occurrences.order_by("start")[1]
    occurrence_cancel(occurrence=second)
    occurrences_materialise(activity=activity)
    second.refresh_from_db()
    assert second.cancelled
    assert second.start in Schedule.objects.get(activity=activity).exdates
    assert activity.occurrences.filter(cancelled=True).count() == 1


def test_cancelling_an_activity_keeps_the_record_and_marks_future_dates(territory):
    activity = weekly_peer_group()
    activity_cancel(activity=activity)
    assert Activity.objects.get(id=activity.id).status == Status.CANCELLED
    assert not activity.occurrences.filter(
        cancelled=False, start__gte=datetime.now(BRUSSELS)
    ).exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"work_models": ["charity"]}, "work_models"),
        ({"work_models": []}, "work_models"),
        ({"languages": ["dutch"]}, "languages"),
        ({"languages": ["xx"]}, "languages"),
        ({"place": None}, "place"),
        ({"cost": "paid"}, "cost_amount"),
        ({"title": "x" * 201}, "title"),
    ],
)
def test_bad_activities_are_refused_naming_the_field(territory, overrides, field):
    with pytest.raises(ValidationError) as error:
        weekly_peer_group(**overrides)
    assert field in error.value.message_dict
    assert not Activity.objects.exists()


def test_a_schedule_that_ends_before_it_starts_is_refused(territory):
    bad = ScheduleInput(
        dtstart=datetime(2026, 12, 1, 19, tzinfo=BRUSSELS), duration=timedelta(minutes=-30)
    )
    with pytest.raises(ValidationError) as error:
        weekly_peer_group(schedule=bad)
    assert "duration" in error.value.message_dict


def test_database_constraints_hold_without_the_services(territory):
    activity = weekly_peer_group()
    start = datetime(2027, 1, 5, 19, tzinfo=BRUSSELS)
    with pytest.raises(IntegrityError), transaction.atomic():
        Occurrence.objects.create(activity=activity, start=start, end=start - timedelta(hours=1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.filter(id=activity.id).update(cost="free", cost_amount=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        Schedule.objects.filter(activity=activity).update(duration=timedelta(0))

"""Every write through the services leaves a change: who, when, what, and a snapshot."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model

from events.models import ActivityChange, ChangeAction, Status
from events.services import (
    ScheduleInput,
    activity_cancel,
    activity_publish,
    activity_update,
    occurrence_cancel,
    schedule_set,
)
from tests.events.services.test_rules import weekly_peer_group
from tests.factories import OrganisationFactory, PlaceFactory

pytestmark = pytest.mark.django_db


def test_each_service_write_records_who_what_and_the_state_afterwards(territory):
    worker = get_user_model().objects.create_user("ines")
    organisation = OrganisationFactory(verified=False)
    place = PlaceFactory()
    activity = weekly_peer_group(organisation=organisation, place=place, by=worker)

    created = ActivityChange.objects.get(activity=activity)
    assert (created.action, created.by) == (ChangeAction.CREATED, worker)
    assert created.snapshot["status"] == Status.PENDING
    assert created.snapshot["work_models"] == ["peer"]
    assert created.snapshot["schedule"]["rrule"] == "FREQ=WEEKLY"
    assert created.snapshot["point"] == [
        round(place.public_location.x, 7),
        round(place.public_location.y, 7),
    ]

    activity_update(activity=activity, by=worker, title="Praatgroep ouders", work_models=["peer"])
    updated = activity.changes.first()
    assert updated.action == ChangeAction.UPDATED
    assert updated.changes == {"title": ["Praatgroep alleenstaande ouders", "Praatgroep ouders"]}

    activity_publish(activity=activity, by=None)
    assert activity.changes.first().changes == {"status": [Status.PENDING, Status.PUBLISHED]}

    schedule = activity.schedule
    schedule_set(
        activity=activity,
        by=worker,
        schedule=ScheduleInput(
            dtstart=schedule.dtstart, duration=timedelta(hours=3), rrule="FREQ=WEEKLY"
        ),
    )
    rescheduled = activity.changes.first()
    assert rescheduled.action == ChangeAction.SCHEDULED
    assert list(rescheduled.changes) == ["schedule"]

    occurrence_cancel(occurrence=activity.occurrences.order_by("start")[1], by=worker)
    assert activity.changes.first().action == ChangeAction.DATE_CANCELLED
    assert len(activity.changes.first().snapshot["schedule"]["exdates"]) == 1

    activity_cancel(activity=activity, by=worker)
    assert activity.changes.first().changes == {"status": [Status.PUBLISHED, Status.CANCELLED]}
    assert [change.action for change in activity.changes.order_by("at", "id")] == [
        "created",
        "updated",
        "published",
        "scheduled",
        "date_cancelled",
        "cancelled",
    ]

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.models import ChangeAction, Status
from events.queries import activity_is_stale, workspace_activities
from events.services import (
    ScheduleInput,
    activity_reject,
    activity_submit,
    activity_verify,
    organisation_verify,
)
from tests.factories import ActivityFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_reject_needs_a_reason_and_a_pending_post(territory):
    newcomer = OrganisationFactory(verified=False)
    activity = ActivityFactory(organisation=newcomer)
    assert activity.status == Status.PENDING
    with pytest.raises(ValidationError) as caught:
        activity_reject(activity=activity, reason="  ")
    assert "reason" in caught.value.message_dict
    moderator = UserFactory()
    activity_reject(activity=activity, reason="Welk uur?", by=moderator)
    assert activity.status == Status.DRAFT
    change = activity.changes.first()
    assert (change.action, change.note, change.by) == (
        ChangeAction.REJECTED,
        "Welk uur?",
        moderator,
    )
    with pytest.raises(ValidationError):
        activity_reject(activity=activity, reason="Nogmaals")
    activity_submit(activity=activity)
    assert activity.status == Status.PENDING


def test_verifying_an_organisation_publishes_only_its_waiting_posts(territory):
    newcomer = OrganisationFactory(verified=False)
    waiting = ActivityFactory(organisation=newcomer, title="Wacht")
    draft = ActivityFactory(organisation=newcomer, title="Klad", status=Status.DRAFT)
    elsewhere = ActivityFactory(organisation=OrganisationFactory(verified=False), title="Elders")
    published = organisation_verify(organisation=newcomer)
    assert [a.title for a in published] == ["Wacht"]
    for activity in (waiting, draft, elsewhere):
        activity.refresh_from_db()
    assert (waiting.status, draft.status, elsewhere.status) == (
        Status.PUBLISHED,
        Status.DRAFT,
        Status.PENDING,
    )
    newcomer.refresh_from_db()
    assert newcomer.verified and newcomer.last_verified == timezone.localdate()


def test_still_correct_and_the_90_day_flag(territory):
    organisation = OrganisationFactory()
    old = ActivityFactory(
        organisation=organisation,
        title="Naaicafé",
        last_verified=timezone.localdate() - timedelta(days=91),
    )
    fresh = ActivityFactory(
        organisation=organisation,
        title="Soepcafé",
        schedule=ScheduleInput(
            dtstart=timezone.now() + timedelta(days=2), duration=timedelta(hours=2)
        ),
    )
    listed = list(workspace_activities(organisation_ids={organisation.id}))
    assert [a.title for a in listed] == ["Soepcafé", "Naaicafé"]  # next date first
    assert listed[0].next_start is not None and listed[1].next_start is None
    assert [activity_is_stale(a) for a in listed] == [False, True]
    activity_verify(activity=old)
    assert not activity_is_stale(old)
    assert old.changes.first().action == ChangeAction.VERIFIED
    assert fresh.last_verified == timezone.localdate()


def test_an_edit_after_approval_goes_back_to_the_moderators_also_from_a_calendar(territory):
    """Issue 20, finding 6, in the service both front doors (and the calendar sync) use."""
    from events.services import activity_publish, activity_sync, activity_update

    newcomer = OrganisationFactory(verified=False)
    activity = ActivityFactory(organisation=newcomer, title="Naaicafé")
    activity_publish(activity=activity, by=UserFactory())
    worker = UserFactory()
    activity_update(activity=activity, by=worker, title="Naaicafé", languages=["nl", "ar"])
    assert activity.status == Status.PUBLISHED  # nothing moderated changed
    activity_update(activity=activity, by=worker, contact_phone="0900 12 34 56")
    assert activity.status == Status.PENDING
    change = activity.changes.filter(action=ChangeAction.UPDATED).first()
    assert "phone" in change.note or "telefoon" in change.note
    assert change.changes["status"] == ["published", "pending"]

    activity_publish(activity=activity, by=UserFactory())
    schedule = ScheduleInput(
        dtstart=timezone.now().replace(microsecond=0) + timedelta(days=2),
        duration=timedelta(hours=2),
    )
    activity_sync(activity=activity, fields={"title": "Gratis crypto!"}, schedule=schedule)
    activity.refresh_from_db()
    assert activity.status == Status.PENDING

"""events.queries.visible: who sees which activities, and when their next date is."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser

from events.models import Activity, Status
from events.queries import (
    activities_visible_to,
    day_start,
    next_occurrence_start,
    published_activities,
)
from places.models import MemberRole
from places.services import membership_add
from tests.factories import ActivityFactory, OccurrenceFactory, OrganisationFactory, UserFactory

from .conftest import TODAY, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def statuses(clock):
    """One activity of each status from organisation `ours`, and a draft of `theirs`."""
    ours, theirs = OrganisationFactory(), OrganisationFactory()
    made = {
        status: ActivityFactory(organisation=ours, status=status, title=status)
        for status in Status.values
    }
    made["their draft"] = ActivityFactory(
        organisation=theirs, status=Status.DRAFT, title="their draft"
    )
    return {"ours": ours, "theirs": theirs, "activities": made}


def titles(activities) -> set[str]:
    return set(activities.values_list("title", flat=True))


def test_anonymous_readers_see_published_activities_only(statuses):
    assert titles(activities_visible_to(AnonymousUser())) == {Status.PUBLISHED}
    assert titles(published_activities()) == {Status.PUBLISHED}


def test_a_member_also_sees_the_drafts_and_pending_posts_of_their_organisation(statuses):
    worker = UserFactory()
    membership_add(organisation=statuses["ours"], user=worker)
    assert titles(activities_visible_to(worker)) == set(Status.values)
    # Another organisation's draft stays its own business.
    assert "their draft" not in titles(activities_visible_to(worker))


def test_a_logged_in_user_without_an_organisation_sees_what_anyone_sees(statuses):
    assert titles(activities_visible_to(UserFactory())) == {Status.PUBLISHED}


def test_a_policymaker_reads_but_does_not_see_drafts(statuses):
    reader = UserFactory()
    membership_add(organisation=statuses["ours"], user=reader, role=MemberRole.POLICYMAKER)
    assert titles(activities_visible_to(reader)) == {Status.PUBLISHED}


def test_moderators_and_superusers_see_everything(statuses):
    moderator = UserFactory()
    membership_add(organisation=statuses["theirs"], user=moderator, role=MemberRole.MODERATOR)
    everything = set(Status.values) | {"their draft"}
    assert titles(activities_visible_to(moderator)) == everything
    superuser = UserFactory(is_superuser=True)
    assert titles(activities_visible_to(superuser)) == everything


def test_next_occurrence_start_skips_past_and_cancelled_dates(clock):
    activity = ActivityFactory()
    OccurrenceFactory(activity=activity, start=at(-1))  # yesterday: over
    OccurrenceFactory(activity=activity, start=at(1), cancelled=True)
    OccurrenceFactory(activity=activity, start=at(5))
    OccurrenceFactory(activity=activity, start=at(3))
    without_dates = ActivityFactory()

    found = dict(
        Activity.objects.annotate(next_start=next_occurrence_start()).values_list(
            "id", "next_start"
        )
    )
    assert found == {activity.id: at(3), without_dates.id: None}


def test_next_occurrence_start_follows_the_clock(clock):
    activity = ActivityFactory()
    OccurrenceFactory(activity=activity, start=at(0, hour=19))
    OccurrenceFactory(activity=activity, start=at(7, hour=19))

    def next_start():
        return Activity.objects.annotate(next_start=next_occurrence_start()).get().next_start

    assert next_start() == at(0, hour=19)
    clock.shift(timedelta(hours=11))  # 20:00: tonight's session has started
    assert next_start() == at(7, hour=19)


def test_day_start_is_midnight_in_brussels():
    assert day_start(TODAY) == at(0, hour=0)
    assert day_start(TODAY).utcoffset() == timedelta(hours=1)  # winter time

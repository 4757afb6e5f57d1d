"""events.queries.workspace: a worker's own activities, stale offers, the moderation queue
and possible duplicates of a new post."""

from datetime import timedelta
from types import SimpleNamespace

import pytest

from events.models import Status
from events.queries import (
    STALE_AFTER_DAYS,
    activity_is_stale,
    moderation_queue,
    possible_duplicates,
    workspace_activities,
)
from events.services import activity_reject, activity_submit
from places.models import MemberRole
from places.services import membership_add
from tests.factories import (
    ActivityFactory,
    OccurrenceFactory,
    OrganisationFactory,
    PlaceFactory,
    UserFactory,
)

from .conftest import TODAY, at

pytestmark = pytest.mark.django_db


def test_workspace_activities_of_the_organisations_next_date_first(clock):
    ours, other = OrganisationFactory(), OrganisationFactory()
    OccurrenceFactory(activity=ActivityFactory(organisation=ours, title="Later"), start=at(5))
    OccurrenceFactory(activity=ActivityFactory(organisation=ours, title="Morgen"), start=at(1))
    ActivityFactory(organisation=ours, title="Concept", status=Status.DRAFT)
    ActivityFactory(organisation=ours, title="Bezig zonder data")
    ActivityFactory(organisation=other, title="Van anderen")

    found = workspace_activities(organisation_ids={ours.id})
    assert [(a.title, a.next_start) for a in found] == [
        ("Morgen", at(1)),
        ("Later", at(5)),
        ("Bezig zonder data", None),
        ("Concept", None),
    ]
    assert workspace_activities(organisation_ids=set()).count() == 0


def test_workspace_activities_carry_the_latest_rejection_note(clock):
    moderator = UserFactory()
    organisation = OrganisationFactory(verified=False)
    activity = ActivityFactory(organisation=organisation, title="Wacht")
    assert activity.status == Status.PENDING
    activity_reject(activity=activity, reason="Adres ontbreekt.", by=moderator)
    activity_submit(activity=activity, by=UserFactory())  # sent in again, sent back again
    clock.shift(timedelta(minutes=5))
    activity_reject(activity=activity, reason="Nog steeds geen adres.", by=moderator)
    ActivityFactory(organisation=organisation, title="Nooit afgewezen")

    notes = {
        a.title: a.rejection_note for a in workspace_activities(organisation_ids={organisation.id})
    }
    assert notes == {"Wacht": "Nog steeds geen adres.", "Nooit afgewezen": None}


@pytest.mark.parametrize(
    ("verified_days_ago", "stale"),
    [(0, False), (STALE_AFTER_DAYS, False), (STALE_AFTER_DAYS + 1, True), (None, True)],
)
def test_an_activity_is_stale_after_ninety_days_unconfirmed(clock, verified_days_ago, stale):
    last_verified = None if verified_days_ago is None else TODAY - timedelta(verified_days_ago)
    activity = ActivityFactory(last_verified=last_verified)
    assert activity_is_stale(activity, today=TODAY) is stale
    # Without `today`, the local date (the pinned clock here).
    assert activity_is_stale(activity) is stale


def test_stale_follows_the_day_it_is_asked_on(clock):
    activity = ActivityFactory()  # verified today
    assert not activity_is_stale(activity, today=TODAY + timedelta(days=STALE_AFTER_DAYS))
    assert activity_is_stale(activity, today=TODAY + timedelta(days=STALE_AFTER_DAYS + 1))


def test_moderation_queue_pending_posts_oldest_first(clock):
    unverified = OrganisationFactory(verified=False)
    for title in ("Eerste", "Tweede", "Derde"):
        ActivityFactory(organisation=unverified, title=title)
        clock.shift(timedelta(minutes=1))
    ActivityFactory(title="Gepubliceerd")
    ActivityFactory(organisation=unverified, title="Concept", status=Status.DRAFT)
    newest = ActivityFactory(organisation=unverified, title="Nieuwste")
    OccurrenceFactory(activity=newest, start=at(2))

    queue = moderation_queue()
    assert [a.title for a in queue] == ["Eerste", "Tweede", "Derde", "Nieuwste"]
    assert queue.last().next_start == at(2)


def session(days: int, hour: int = 19) -> SimpleNamespace:
    start = at(days, hour)
    return SimpleNamespace(start=start, end=start + timedelta(hours=2))


@pytest.fixture
def existing(clock):
    """A published activity at a place on Tuesday evening, 19:00 to 21:00."""
    place = PlaceFactory()
    published = ActivityFactory(title="Taalcafé Nederlands", place=place)
    OccurrenceFactory(activity=published, start=at(1))
    return {"place": place, "published": published}


def test_possible_duplicates_same_place_overlapping_date_similar_title(existing):
    worker = UserFactory()
    place, published = existing["place"], existing["published"]

    def duplicates(title="taalcafé  nederlands", dated=None, **kwargs):
        dated = [session(1, hour=20)] if dated is None else dated
        return possible_duplicates(user=worker, place=place, title=title, dated=dated, **kwargs)

    assert duplicates() == [published]
    assert duplicates(title="Breiclub") == []  # not alike
    assert duplicates(dated=[session(2)]) == []  # another day
    assert duplicates(dated=[session(1, hour=21)]) == []  # starts when the other ends
    assert duplicates(dated=[session(2), session(1)]) == [published]  # any of the dates
    assert duplicates(exclude_id=published.id) == []  # itself, when editing
    assert duplicates(dated=[]) == []
    assert possible_duplicates(user=worker, place=None, title="x", dated=[session(1)]) == []
    other_place = PlaceFactory()
    assert (
        possible_duplicates(
            user=worker, place=other_place, title=published.title, dated=[session(1)]
        )
        == []
    )


def test_possible_duplicates_among_visible_activities_only(clock):
    place = PlaceFactory()
    theirs = OrganisationFactory()
    draft = ActivityFactory(
        title="Praatgroep", organisation=theirs, place=place, status=Status.DRAFT
    )
    OccurrenceFactory(activity=draft, start=at(1))
    cancelled = ActivityFactory(title="Praatgroep", place=place, status=Status.CANCELLED)
    OccurrenceFactory(activity=cancelled, start=at(1))

    def duplicates(user):
        return possible_duplicates(user=user, place=place, title="Praatgroep", dated=[session(1)])

    assert duplicates(UserFactory()) == []  # another organisation's draft is its business
    member = UserFactory()
    membership_add(organisation=theirs, user=member)
    assert duplicates(member) == [draft]
    moderator = UserFactory()
    membership_add(organisation=OrganisationFactory(), user=moderator, role=MemberRole.MODERATOR)
    assert duplicates(moderator) == [draft]  # never a cancelled activity

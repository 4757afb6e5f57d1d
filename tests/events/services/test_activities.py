"""activity_post and activity_change: the use cases the API and the workspace both call."""

from datetime import datetime, timedelta

import pytest
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError

from events.models import Activity, ChangeAction, Status
from events.recurrence.rules import BRUSSELS
from events.services import (
    NewPlace,
    ScheduleInput,
    activity_change,
    activity_post,
    occurrence_cancel,
)
from places.models import MemberRole, Place, Precision
from places.services import membership_add
from tests.factories import OrganisationFactory, PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db


def next_week_evening() -> datetime:
    start = datetime.now(BRUSSELS) + timedelta(days=7)
    return start.replace(hour=19, minute=0, second=0, microsecond=0)


def weekly() -> ScheduleInput:
    return ScheduleInput(
        dtstart=next_week_evening(), duration=timedelta(hours=2), rrule="FREQ=WEEKLY"
    )


def worker_of(organisation, role=MemberRole.COMMUNITY_WORKER):
    user = UserFactory()
    membership_add(organisation=organisation, user=user, role=role)
    return user


def post(organisation, by, **overrides):
    fields = dict(
        organisation=organisation,
        by=by,
        kind="peer_group",
        title="Praatgroep alleenstaande ouders",
        summary="Ouders die er alleen voor staan, ontmoeten elkaar.",
        work_models=["peer"],
        schedule=weekly(),
    )
    if "new_place" not in overrides and "place" not in overrides:
        fields["place"] = PlaceFactory(organisation=organisation)
    fields.update(overrides)
    return activity_post(**fields)


def test_a_post_of_a_verified_organisation_is_published_with_its_dates_and_history(territory):
    organisation = OrganisationFactory(verified=True)
    worker = worker_of(organisation)
    activity = post(organisation, worker)
    assert activity.status == Status.PUBLISHED
    assert activity.occurrences.count() >= 4
    change = activity.changes.get()
    assert (change.action, change.by) == (ChangeAction.CREATED, worker)
    assert (activity.created_by, activity.updated_by) == (worker, worker)


def test_an_unverified_organisations_post_waits_unless_a_draft_or_a_moderators(territory):
    newcomer = OrganisationFactory(verified=False)
    assert post(newcomer, worker_of(newcomer)).status == Status.PENDING
    draft = post(newcomer, worker_of(newcomer), requested_status=Status.DRAFT)
    assert draft.status == Status.DRAFT
    moderator = worker_of(OrganisationFactory(), role=MemberRole.MODERATOR)
    assert post(newcomer, moderator).status == Status.PUBLISHED


def test_a_new_place_is_made_for_the_organisation_and_can_show_only_its_neighbourhood(territory):
    organisation = OrganisationFactory()
    new_place = NewPlace(
        name="Zaal Kerkstraat", address="Kerkstraat 3", location=Point(3.705, 51.005, srid=4326)
    )
    open_place = post(organisation, worker_of(organisation), new_place=new_place).place
    assert (open_place.name, open_place.organisation) == ("Zaal Kerkstraat", organisation)
    assert open_place.precision == Precision.EXACT
    hidden = post(
        organisation, worker_of(organisation), new_place=new_place, neighbourhood_only=True
    ).place
    assert (hidden.precision, hidden.organisation) == (Precision.AREA, organisation)
    assert hidden.address == ""


def test_another_organisations_hidden_place_is_refused_and_nothing_is_left_behind(territory):
    owner = OrganisationFactory()
    hidden = PlaceFactory(organisation=owner, precision=Precision.AREA)
    other = OrganisationFactory()
    places_before = Place.objects.count()
    with pytest.raises(ValidationError) as caught:
        post(other, worker_of(other), place=hidden)
    assert list(caught.value.message_dict) == ["place"]
    # One transaction: a failure after the new place was made takes the place with it.
    with pytest.raises(ValidationError) as caught:
        post(
            other,
            worker_of(other),
            new_place=NewPlace(name="Zaal", location=Point(3.705, 51.005, srid=4326)),
            work_models=["no_such_model"],
        )
    assert "work_models" in caught.value.message_dict
    assert Place.objects.count() == places_before
    assert not Activity.objects.filter(organisation=other).exists()
    moderator = worker_of(OrganisationFactory(), role=MemberRole.MODERATOR)
    assert post(other, moderator, place=hidden).place == hidden


def test_a_change_of_what_the_public_reads_goes_back_to_the_moderators(territory):
    newcomer = OrganisationFactory(verified=False)
    moderator = worker_of(OrganisationFactory(), role=MemberRole.MODERATOR)
    activity = post(newcomer, moderator)
    assert activity.status == Status.PUBLISHED
    worker = worker_of(newcomer)
    activity_change(activity=activity, by=worker, title="Praatgroep ouders")
    activity.refresh_from_db()
    assert (activity.status, activity.title, activity.updated_by) == (
        Status.PENDING,
        "Praatgroep ouders",
        worker,
    )
    assert activity.changes.first().note  # says which fields went back to the moderators


def test_a_requested_status_is_set_through_the_history(territory):
    newcomer = OrganisationFactory(verified=False)
    activity = post(newcomer, worker_of(newcomer), requested_status=Status.DRAFT)
    moderator = worker_of(OrganisationFactory(), role=MemberRole.MODERATOR)
    activity_change(activity=activity, by=moderator, requested_status=Status.PUBLISHED)
    activity.refresh_from_db()
    assert (activity.status, activity.updated_by) == (Status.PUBLISHED, moderator)
    change = activity.changes.first()
    assert (change.action, change.by) == (ChangeAction.PUBLISHED, moderator)
    # A worker of an unverified organisation asking to publish gets a post that waits.
    draft = post(newcomer, worker_of(newcomer), requested_status=Status.DRAFT)
    activity_change(activity=draft, by=worker_of(newcomer), requested_status=Status.PUBLISHED)
    assert draft.status == Status.PENDING


def test_submit_draft_sends_a_corrected_post_on_its_way(territory):
    newcomer = OrganisationFactory(verified=False)
    worker = worker_of(newcomer)
    draft = post(newcomer, worker, requested_status=Status.DRAFT)
    activity_change(activity=draft, by=worker, summary="Nieuwe zin.")
    assert draft.status == Status.DRAFT
    activity_change(activity=draft, by=worker, summary="Nog een zin.", submit_draft=True)
    assert draft.status == Status.PENDING


def test_a_schedule_is_replaced_whole_or_keeps_its_cancelled_dates(territory):
    organisation = OrganisationFactory()
    worker = worker_of(organisation)
    activity = post(organisation, worker)
    first = activity.occurrences.order_by("start").first()
    occurrence_cancel(occurrence=first, by=worker)
    later = weekly()
    later.duration = timedelta(hours=3)
    activity_change(activity=activity, by=worker, schedule=later, keep_dates=True)
    activity.schedule.refresh_from_db()
    assert activity.schedule.duration == timedelta(hours=3)
    assert activity.schedule.exdates == [first.start]
    scheduled = activity.changes.filter(action=ChangeAction.SCHEDULED).count()
    # The same schedule again with keep_dates: nothing written, no empty history row.
    same = weekly()
    same.duration = timedelta(hours=3)
    activity_change(activity=activity, by=worker, schedule=same, keep_dates=True)
    assert activity.changes.filter(action=ChangeAction.SCHEDULED).count() == scheduled
    activity_change(activity=activity, by=worker, schedule=weekly())
    activity.schedule.refresh_from_db()
    assert (activity.schedule.duration, activity.schedule.exdates) == (timedelta(hours=2), [])


def test_a_change_is_one_transaction_and_checks_a_hidden_place(territory):
    organisation = OrganisationFactory()
    worker = worker_of(organisation)
    activity = post(organisation, worker)
    broken = weekly()
    broken.duration = timedelta(0)
    with pytest.raises(ValidationError) as caught:
        activity_change(activity=activity, by=worker, title="Andere titel", schedule=broken)
    assert "duration" in caught.value.message_dict
    assert Activity.objects.get(pk=activity.pk).title == "Praatgroep alleenstaande ouders"
    hidden = PlaceFactory(organisation=OrganisationFactory(), precision=Precision.AREA)
    with pytest.raises(ValidationError) as caught:
        activity_change(activity=activity, by=worker, place=hidden)
    assert list(caught.value.message_dict) == ["place"]
    twin = activity_change(
        activity=activity, by=worker, place=activity.place, neighbourhood_only=True
    ).place
    assert (twin.precision, twin.organisation) == (Precision.AREA, organisation)

"""The audit trail, walked through every door that writes an activity: the API, the workspace,
the moderators' queue, the admin, calendar sync and the demo import. After each write exactly
one new history row that says what changed (before and after) and who did it; after a write
that changes nothing, none. Also the rule of un-cancelling (events.services.cancellation.
activity_restore) and the coverage dashboard's earlier-date figures, which read the history."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser

import pytest
import time_machine
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from rest_framework.test import APIClient

from buurt.models import AreaKind
from events.calendars.sync import feed_sync
from events.coverage.figures import coverage_dashboard
from events.models import Activity, ActivityChange, CalendarFeed, ChangeAction, Status, WorkModel
from events.services import occurrence_cancel
from places.services import membership_add
from tests.events.calendars import test_sync as calendar_tests
from tests.events.calendars.test_sync import ics, next_tuesday_stamp, vevent
from tests.events.coverage.test_matrix import resident_point
from tests.events.services.test_rules import weekly_peer_group
from tests.factories import OrganisationFactory, PlaceFactory, UserFactory
from tests.frontend.workspace_support import client_for, form_data

pytestmark = pytest.mark.django_db
# The local HTTP server of the calendar tests, as a fixture of this module too.
calendar_server = calendar_tests.server


@dataclass
class World:
    """A verified organisation with two places, one published weekly activity (last
    confirmed a month ago), its community worker, a moderator, a superuser and a calendar
    feed served by a local HTTP server."""

    organisation: object
    place: object
    other_place: object
    activity: Activity
    worker: AbstractBaseUser
    moderator: AbstractBaseUser
    admin: AbstractBaseUser
    feed: CalendarFeed
    served: object
    # The history rows that were there before the write under test.
    seen: set[int] = field(default_factory=set)

    def api(self, user=None) -> APIClient:
        client = APIClient()
        client.force_authenticate(user or self.worker)
        return client

    def url(self, activity=None) -> str:
        return f"/api/v1/activities/{(activity or self.activity).pk}/"

    def fresh(self) -> Activity:
        return Activity.objects.get(pk=self.activity.pk)


@pytest.fixture
def world(territory, calendar_server) -> World:
    base, served = calendar_server
    organisation = OrganisationFactory(verified=True)
    place = PlaceFactory(organisation=organisation)
    worker, moderator = UserFactory(), UserFactory()
    membership_add(organisation=organisation, user=worker)
    membership_add(organisation=organisation, user=moderator, role="moderator")
    activity = weekly_peer_group(organisation=organisation, place=place, by=worker)
    Activity.objects.filter(pk=activity.pk).update(
        last_verified=timezone.localdate() - timedelta(days=30)
    )
    feed = CalendarFeed.objects.create(
        organisation=organisation, name="Agenda", url=f"{base}/agenda.ics", place=place
    )
    feed.work_models.set(WorkModel.objects.filter(code="community"))
    return World(
        organisation=organisation,
        place=place,
        other_place=PlaceFactory(organisation=organisation),
        activity=Activity.objects.get(pk=activity.pk),
        worker=worker,
        moderator=moderator,
        admin=UserFactory(is_staff=True, is_superuser=True),
        feed=feed,
        served=served,
    )


@dataclass
class Expected:
    """What the one new row must say: its action, who (None: the calendar), fields that
    must be among its changes."""

    action: str
    by: str | None  # an attribute of World, or None
    fields: set[str] = field(default_factory=set)


# --- The writes -----------------------------------------------------------------------------


def schedule_body(hour: int = 18, minutes: int = 90, rrule: str = "FREQ=WEEKLY;BYDAY=WE"):
    day = timezone.localdate() + timedelta(days=7)
    return {
        "dtstart": f"{day.isoformat()}T{hour:02d}:00:00+01:00",
        "duration_minutes": minutes,
        "rrule": rrule,
    }


def patch(world: World, body: dict, *, status: int = 200) -> None:
    response = world.api().patch(world.url(), body, format="json")
    assert response.status_code == status, response.content


def api_post(world):
    body = {
        "title": "Taalcafé",
        "summary": "Nederlands oefenen bij een koffie.",
        "kind": "recurring",
        "work_models": ["competence"],
        "organisation": world.organisation.pk,
        "place": world.place.pk,
        "schedule": schedule_body(),
    }
    response = world.api().post("/api/v1/activities/", body, format="json")
    assert response.status_code == 201, response.content
    return Expected(ChangeAction.CREATED, "worker", {"title", "status", "schedule"})


def api_patch_text(world):
    patch(world, {"title": "Praatgroep ouders", "description": "Elke week."})
    return Expected(ChangeAction.UPDATED, "worker", {"title", "description"})


def api_patch_details(world):
    patch(world, {"languages": ["nl", "fr"], "cost": "free", "audiences": ["parents"]})
    return Expected(ChangeAction.UPDATED, "worker", {"languages", "cost", "audiences"})


def api_patch_work_models(world):
    patch(world, {"work_models": ["peer", "community"]})
    return Expected(ChangeAction.UPDATED, "worker", {"work_models"})


def api_patch_place(world):
    patch(world, {"place": world.other_place.pk})
    return Expected(ChangeAction.UPDATED, "worker", {"place"})


def api_patch_status_draft(world):
    patch(world, {"status": "draft"})
    return Expected(ChangeAction.UPDATED, "worker", {"status"})


def api_patch_status_published(world):
    Activity.objects.filter(pk=world.activity.pk).update(status=Status.DRAFT)
    patch(world, {"status": "published"})
    return Expected(ChangeAction.PUBLISHED, "worker", {"status"})


def api_patch_schedule_only(world):
    patch(world, {"schedule": schedule_body()})
    return Expected(ChangeAction.SCHEDULED, "worker", {"schedule"})


def api_patch_everything_at_once(world):
    Activity.objects.filter(pk=world.activity.pk).update(status=Status.DRAFT)
    patch(world, {"title": "Praatgroep ouders", "status": "published", "schedule": schedule_body()})
    return Expected(ChangeAction.PUBLISHED, "worker", {"title", "status", "schedule"})


def api_delete(world):
    assert world.api().delete(world.url()).status_code == 204
    return Expected(ChangeAction.CANCELLED, "worker", {"status"})


def api_uncancel(world):
    cancel_first(world)
    patch(world, {"status": "published"})
    return Expected(ChangeAction.RESTORED, "worker", {"status"})


def workspace_create(world):
    data = form_data(world.place, title="Taalcafé", confirm_duplicates="1")
    assert client_for(world.worker).post("/werkruimte/nieuw/", data).status_code == 302
    return Expected(ChangeAction.CREATED, "worker", {"title"})


def workspace_edit(world):
    data = form_data(world.place, title="Praatgroep ouders", confirm_duplicates="1")
    url = f"/werkruimte/activiteit/{world.activity.pk}/"
    assert client_for(world.worker).post(url, data).status_code == 302
    # The form has its own idea of the dates (weekly on Tuesday): they change too.
    return Expected(ChangeAction.UPDATED, "worker", {"title", "schedule", "last_verified"})


def workspace_cancel(world):
    url = f"/werkruimte/activiteit/{world.activity.pk}/annuleren/"
    response = client_for(world.worker).post(url, {"reason": "De zaal is dicht."})
    assert response.status_code == 302
    return Expected(ChangeAction.CANCELLED, "worker", {"status", "cancel_reason"})


def workspace_cancel_a_date(world):
    occurrence = future_occurrences(world)[0]
    url = f"/werkruimte/sessie/{occurrence.pk}/annuleren/"
    assert client_for(world.worker).post(url, {"reason": "Ziek"}).status_code == 302
    return Expected(ChangeAction.DATE_CANCELLED, "worker", {"schedule"})


def workspace_uncancel(world):
    cancel_first(world)
    url = f"/werkruimte/activiteit/{world.activity.pk}/herstellen/"
    assert client_for(world.worker).post(url).status_code == 302
    return Expected(ChangeAction.RESTORED, "worker", {"status"})


def workspace_still_correct(world):
    url = f"/werkruimte/activiteit/{world.activity.pk}/klopt-nog/"
    assert client_for(world.worker).post(url).status_code == 302
    return Expected(ChangeAction.VERIFIED, "worker", {"last_verified"})


def moderation_approve(world):
    Activity.objects.filter(pk=world.activity.pk).update(status=Status.PENDING)
    url = f"/werkruimte/moderatie/{world.activity.pk}/goedkeuren/"
    assert client_for(world.moderator).post(url).status_code == 302
    return Expected(ChangeAction.PUBLISHED, "moderator", {"status"})


def moderation_reject(world):
    Activity.objects.filter(pk=world.activity.pk).update(status=Status.PENDING)
    url = f"/werkruimte/moderatie/{world.activity.pk}/afwijzen/"
    response = client_for(world.moderator).post(url, {"reason": "Zeg waar het is."})
    assert response.status_code == 302
    return Expected(ChangeAction.REJECTED, "moderator", {"status"})


def admin_change_form(world):
    admin_save(world, title="Praatgroep ouders", host_name="Fatima")
    return Expected(ChangeAction.UPDATED, "admin", {"title", "host_name"})


def admin_change_form_cancels(world):
    admin_save(world, status=Status.CANCELLED)
    assert not any(occurrence.cancelled is False for occurrence in future_occurrences(world))
    return Expected(ChangeAction.CANCELLED, "admin", {"status"})


def admin_schedule_inline(world):
    admin_save(world, **{"schedule-0-rrule": "FREQ=WEEKLY;BYDAY=FR"})
    return Expected(ChangeAction.UPDATED, "admin", {"schedule"})


def admin_publish_action(world):
    Activity.objects.filter(pk=world.activity.pk).update(status=Status.PENDING)
    response = client_for(world.admin).post(
        "/admin/events/activity/",
        {"action": "publish", "_selected_action": [world.activity.pk]},
    )
    assert response.status_code == 302
    return Expected(ChangeAction.PUBLISHED, "admin", {"status"})


def calendar_event(title: str = "Buurtfeest", *, extra: str = "") -> str:
    return vevent("feest@x", title, next_tuesday_stamp(), extra=extra)


def sync(world, *events: str) -> None:
    world.served.files["/agenda.ics"] = ics(*events)
    result = feed_sync(CalendarFeed.objects.get(pk=world.feed.pk))
    assert not result.failed, str(result)


def calendar_create(world):
    sync(world, calendar_event())
    return Expected(ChangeAction.CREATED, None, {"title", "schedule"})


def calendar_create_cancelled(world):
    sync(world, calendar_event(extra="STATUS:CANCELLED"))
    return Expected(ChangeAction.CREATED, None, {"status"})


def calendar_update(world):
    prepare(world, lambda: sync(world, calendar_event()))
    sync(world, calendar_event("Groot buurtfeest"))
    return Expected(ChangeAction.SYNCED, None, {"title"})


def calendar_cancel(world):
    prepare(world, lambda: sync(world, calendar_event()))
    sync(world)  # gone from the feed
    return Expected(ChangeAction.SYNCED, None, {"status"})


def calendar_uncancel(world):
    prepare(world, lambda: sync(world, calendar_event(extra="STATUS:CANCELLED")))
    sync(world, calendar_event())
    return Expected(ChangeAction.SYNCED, None, {"status"})


WRITES: dict[str, Callable[[World], Expected]] = {
    write.__name__: write
    for write in [
        api_post,
        api_patch_text,
        api_patch_details,
        api_patch_work_models,
        api_patch_place,
        api_patch_status_draft,
        api_patch_status_published,
        api_patch_schedule_only,
        api_patch_everything_at_once,
        api_delete,
        api_uncancel,
        workspace_create,
        workspace_edit,
        workspace_cancel,
        workspace_cancel_a_date,
        workspace_uncancel,
        workspace_still_correct,
        moderation_approve,
        moderation_reject,
        admin_change_form,
        admin_change_form_cancels,
        admin_schedule_inline,
        admin_publish_action,
        calendar_create,
        calendar_create_cancelled,
        calendar_update,
        calendar_cancel,
        calendar_uncancel,
    ]
}


def prepare(world: World, step: Callable[[], None]) -> None:
    """A write that sets the scene: its rows are not the ones under test."""
    step()
    world.seen = set(ActivityChange.objects.values_list("id", flat=True))


def cancel_first(world: World) -> None:
    prepare(world, lambda: world.api().delete(world.url()))


def future_occurrences(world: World) -> list:
    return list(world.fresh().occurrences.filter(start__gte=timezone.now()).order_by("start"))


@pytest.mark.parametrize("name", WRITES)
def test_each_write_leaves_one_row_that_says_what_changed_and_who(world, name):
    world.seen = set(ActivityChange.objects.values_list("id", flat=True))
    expected = WRITES[name](world)
    new = list(ActivityChange.objects.exclude(id__in=world.seen))
    assert len(new) == 1, [(row.action, row.changes) for row in new]
    [row] = new
    assert row.action == expected.action
    assert row.by == (getattr(world, expected.by) if expected.by else None)
    assert row.changes, "a row that says nothing"
    assert expected.fields <= set(row.changes), row.changes
    for name_, values in row.changes.items():
        assert isinstance(values, list) and len(values) == 2, name_
        before, after = values
        assert before != after, name_
        if expected.action == ChangeAction.CREATED:
            assert before is None
    # The snapshot is the activity as it stands now.
    stored = Activity.objects.get(pk=row.activity_id)
    assert row.snapshot["status"] == stored.status
    assert row.snapshot["title"] == stored.title


# --- Writes that change nothing -------------------------------------------------------------


def api_patch_nothing(world):
    patch(world, {})


def api_patch_same_title(world):
    patch(world, {"title": world.activity.title})


def api_patch_publish_the_published(world):
    patch(world, {"status": "published"})


def api_patch_same_schedule(world):
    patch(world, {"schedule": schedule_body()})
    world.seen = set(ActivityChange.objects.values_list("id", flat=True))
    patch(world, {"schedule": schedule_body()})


def api_delete_twice(world):
    cancel_first(world)
    assert world.api().delete(world.url()).status_code == 204


def api_put_is_not_a_write(world):
    body = {"title": "Anders", "summary": "Anders.", "kind": "recurring"}
    response = world.api().put(world.url(), body, format="json")
    assert response.status_code == 405


def api_refused_patch(world):
    patch(world, {"title": "Anders", "cost": "paid"}, status=400)  # paid: say how much


def workspace_still_correct_twice(world):
    url = f"/werkruimte/activiteit/{world.activity.pk}/klopt-nog/"
    prepare(world, lambda: client_for(world.worker).post(url))
    client_for(world.worker).post(url)


def workspace_edit_unchanged(world):
    data = form_data(world.place, title="Praatgroep ouders", confirm_duplicates="1")
    url = f"/werkruimte/activiteit/{world.activity.pk}/"
    prepare(world, lambda: client_for(world.worker).post(url, data))
    assert client_for(world.worker).post(url, data).status_code == 302


def admin_save_unchanged(world):
    admin_save(world)


def calendar_sync_unchanged(world):
    prepare(world, lambda: sync(world, calendar_event()))
    sync(world, calendar_event())


NO_OPS: dict[str, Callable[[World], None]] = {
    write.__name__: write
    for write in [
        api_patch_nothing,
        api_patch_same_title,
        api_patch_publish_the_published,
        api_patch_same_schedule,
        api_delete_twice,
        api_put_is_not_a_write,
        api_refused_patch,
        workspace_still_correct_twice,
        workspace_edit_unchanged,
        admin_save_unchanged,
        calendar_sync_unchanged,
    ]
}


@pytest.mark.parametrize("name", NO_OPS)
def test_a_write_that_changes_nothing_leaves_no_row(world, name):
    world.seen = set(ActivityChange.objects.values_list("id", flat=True))
    NO_OPS[name](world)
    new = ActivityChange.objects.exclude(id__in=world.seen)
    assert [(row.action, row.changes) for row in new] == []


def test_publishing_the_published_keeps_an_unverified_organisations_activity_public(world):
    """Asking for the status it has changes nothing: no trip back to the moderators."""
    world.organisation.verified = False
    world.organisation.save(update_fields=["verified"])
    patch(world, {"status": "published"})
    assert world.fresh().status == Status.PUBLISHED


# --- Un-cancelling ----------------------------------------------------------------------------


def one_by_one_and_whole(world: World) -> tuple:
    """Cancel one future date on its own, then the whole activity."""
    first, second = future_occurrences(world)[:2]
    occurrence_cancel(occurrence=first, by=world.worker)
    assert world.api().delete(world.url()).status_code == 204
    assert all(occurrence.cancelled for occurrence in future_occurrences(world))
    return first, second


def test_uncancelling_through_the_api_reopens_the_dates_the_cancellation_closed(world):
    first, second = one_by_one_and_whole(world)
    patch(world, {"status": "published"})
    activity = world.fresh()
    assert activity.status == Status.PUBLISHED
    assert (activity.status_before_cancel, activity.cancel_reason) == ("", "")
    dates = {occurrence.pk: occurrence.cancelled for occurrence in future_occurrences(world)}
    assert dates[first.pk] is True  # cancelled one by one: stays cancelled
    assert dates[second.pk] is False
    assert sum(not cancelled for cancelled in dates.values()) == len(dates) - 1
    row = activity.changes.first()
    assert (row.action, row.changes["status"]) == (
        ChangeAction.RESTORED,
        [Status.CANCELLED, Status.PUBLISHED],
    )
    body = world.api().get(world.url()).json()
    assert [date["cancelled"] for date in body["next_occurrences"][:2]] == [True, False]


def uncancel_in_the_workspace(world):
    url = f"/werkruimte/activiteit/{world.activity.pk}/herstellen/"
    assert client_for(world.worker).post(url).status_code == 302


def uncancel_with_the_admins_publish(world):
    response = client_for(world.admin).post(
        "/admin/events/activity/",
        {"action": "publish", "_selected_action": [world.activity.pk]},
    )
    assert response.status_code == 302


def uncancel_in_the_admins_form(world):
    admin_save(world, status=Status.PUBLISHED)


def uncancel_by_api_draft(world):
    patch(world, {"status": "draft"})


UNCANCELS = {
    write.__name__: write
    for write in [
        uncancel_in_the_workspace,
        uncancel_with_the_admins_publish,
        uncancel_in_the_admins_form,
        uncancel_by_api_draft,
    ]
}


@pytest.mark.parametrize("name", UNCANCELS)
def test_every_door_out_of_a_cancellation_follows_the_same_rule(world, name):
    first, second = one_by_one_and_whole(world)
    world.seen = set(ActivityChange.objects.values_list("id", flat=True))
    UNCANCELS[name](world)
    dates = {occurrence.pk: occurrence.cancelled for occurrence in future_occurrences(world)}
    assert (dates[first.pk], dates[second.pk]) == (True, False)
    assert world.fresh().status != Status.CANCELLED
    [row] = ActivityChange.objects.exclude(id__in=world.seen)
    assert row.changes["status"][0] == Status.CANCELLED


def test_a_calendar_event_back_in_its_feed_opens_its_dates_again(world):
    weekly = calendar_event(extra="RRULE:FREQ=WEEKLY;BYDAY=TU\nSTATUS:CANCELLED")
    sync(world, weekly)
    activity = Activity.objects.get(import_key__startswith=world.feed.import_prefix)
    assert activity.status == Status.CANCELLED
    assert activity.occurrences.filter(cancelled=False).count() == 0
    sync(world, calendar_event(extra="RRULE:FREQ=WEEKLY;BYDAY=TU"))
    activity.refresh_from_db()
    assert activity.status == Status.PUBLISHED
    assert activity.occurrences.filter(cancelled=True).count() == 0
    assert [row.action for row in activity.changes.all()] == [
        ChangeAction.SYNCED,
        ChangeAction.CREATED,
    ]


def test_an_unverified_organisations_pending_post_waits_again_after_uncancelling(world):
    world.organisation.verified = False
    world.organisation.save(update_fields=["verified"])
    Activity.objects.filter(pk=world.activity.pk).update(status=Status.PENDING)
    assert world.api().delete(world.url()).status_code == 204
    patch(world, {"status": "published"})
    assert world.fresh().status == Status.PENDING
    assert not any(occurrence.cancelled for occurrence in future_occurrences(world))


def test_an_uncancelling_patch_with_new_text_is_one_row(world):
    cancel_first(world)
    patch(world, {"status": "published", "title": "Praatgroep ouders"})
    [row] = ActivityChange.objects.exclude(id__in=world.seen)
    assert row.action == ChangeAction.RESTORED
    assert row.changes["title"] == ["Praatgroep alleenstaande ouders", "Praatgroep ouders"]


# --- The coverage dashboard's earlier date --------------------------------------------------


def test_an_activity_published_through_the_api_counts_from_its_publication(world, territory):
    """Posted as a draft ten days ago, published through the API five days ago, cancelled
    three days ago and un-cancelled yesterday: the earlier-date figure follows each step."""
    town = territory["town"]
    oost = PlaceFactory(organisation=world.organisation, location=resident_point(territory["east"]))
    now = timezone.now()
    body = {
        "title": "Vaardig met de computer",
        "summary": "Leren mailen en betalen.",
        "kind": "recurring",
        "work_models": ["competence"],
        "organisation": world.organisation.pk,
        "place": oost.pk,
        "status": "draft",
        "schedule": schedule_body(),
    }
    with time_machine.travel(now - timedelta(days=10), tick=False):
        response = world.api().post("/api/v1/activities/", body, format="json")
        assert response.status_code == 201, response.content
        url = f"/api/v1/activities/{response.json()['id']}/"
    with time_machine.travel(now - timedelta(days=5), tick=False):
        assert world.api().patch(url, {"status": "published"}, format="json").status_code == 200
    with time_machine.travel(now - timedelta(days=3), tick=False):
        assert world.api().delete(url).status_code == 204
    with time_machine.travel(now - timedelta(days=1), tick=False):
        assert world.api().patch(url, {"status": "published"}, format="json").status_code == 200

    today = timezone.localdate()
    then = {days: competence_then(town, today - timedelta(days=days)) for days in (7, 4, 2)}
    assert then == {7: 0, 4: 1, 2: 0}
    dashboard = coverage_dashboard(municipality=town, level=AreaKind.NEIGHBOURHOOD)
    east_row = next(row for row in dashboard.rows if row["code"] == "T0001W2")
    assert east_row["work_models"]["competence"]["activities"] == 1


def competence_then(town, day) -> int:
    dashboard = coverage_dashboard(municipality=town, level=AreaKind.NEIGHBOURHOOD, then=day)
    east = next(row for row in dashboard.rows if row["code"] == "T0001W2")
    return east["work_models"]["competence"]["then"]["activities"]


# --- The demo import ------------------------------------------------------------------------


def test_the_demo_leaves_one_row_per_activity_and_a_reload_none(db):
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())
    demo = Activity.objects.filter(import_key__startswith="demo:")
    assert demo.exists()
    counts = {activity.pk: activity.changes.count() for activity in demo}
    assert set(counts.values()) == {1}
    rows = ActivityChange.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert ActivityChange.objects.count() == rows


# --- The admin, as a browser fills its form ---------------------------------------------------


class _FormFields(HTMLParser):
    """The fields of an HTML form as a browser would send them unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select].append(attrs.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data


def admin_save(world: World, **changes) -> None:
    url = f"/admin/events/activity/{world.activity.pk}/change/"
    client = client_for(world.admin)
    page = client.get(url)
    assert page.status_code == 200
    fields = _FormFields()
    fields.feed(page.content.decode())
    data = {**fields.data, **{name: [value] for name, value in changes.items()}}
    data.pop("csrfmiddlewaretoken", None)
    # A textarea's first newline is not part of its value (HTML), as a browser reads it.
    data = {name: [value.removeprefix("\n") for value in values] for name, values in data.items()}
    response = client.post(url, {**data, "_save": "Save"})
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if (response.context) else response.content[:500]
    )

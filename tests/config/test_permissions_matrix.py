"""Permissions as a property: every route of the URL resolver that reads or writes
non-public data, for every role and method, answers as the one table of who may do what
(places.roles.ROUTES) says; a route missing from the table fails here. Ids of another
organisation's objects are tried in URLs and in form and body fields."""

import json
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from buurt.models import AreaKind, SensitivityAssessment, SensitivityType
from events.models import Activity, CalendarFeed, Status, UitSource
from places.models import MemberRole, Organisation, Precision
from places.roles import NAMESPACES, ROUTES, Access, route_rule
from places.services import membership_add
from tests.factories import (
    AreaFactory,
    OrganisationFactory,
    PlaceFactory,
    ScheduleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "owner", "other", "moderator", "policymaker", "superuser")
# Who each access level lets through; "owner" works for the organisation that owns the
# objects in the URLs, "other" for another one, the policymaker reads for the owner's.
ALLOWED: dict[Access, set[str]] = {
    Access.PUBLIC: set(ROLES),
    Access.PUBLISHED: set(ROLES),
    Access.LOGGED_IN: set(ROLES) - {"anonymous"},
    Access.WORKER_DATA: {"owner", "other", "moderator", "policymaker", "superuser"},
    Access.DASHBOARD: {"moderator", "policymaker", "superuser"},
    Access.ACTING: {"owner", "other", "moderator", "superuser"},
    Access.OWN: {"owner", "moderator", "superuser"},
    Access.MODERATOR: {"moderator", "superuser"},
    Access.STAFF: {"superuser"},
}
# Who sees the owner's draft where a PUBLISHED route names or lists it.
SEES_DRAFTS = {"owner", "moderator", "superuser"}
ADMIN_LOGIN = "/admin/login/"


def _walk(resolver: URLResolver, namespace: str | None = None):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern, inner)
        elif isinstance(pattern, URLPattern):
            # An unnamed route (the admin's catch-all) goes by its pattern.
            name = pattern.name or f"<unnamed {pattern.pattern}>"
            yield (f"{namespace}:{name}" if namespace else name), pattern


ALL_ROUTES = sorted({name for name, _pattern in _walk(get_resolver())})


def test_every_route_has_a_row_in_the_table():
    missing = []
    for name in ALL_ROUTES:
        try:
            route_rule(name)
        except Exception:
            missing.append(name)
    assert not missing, f"routes without a row in places.roles.ROUTES: {missing}"
    stale = set(ROUTES) - set(ALL_ROUTES)
    assert set(NAMESPACES) == {"admin"}
    assert not stale, f"rows in places.roles.ROUTES for routes that do not exist: {stale}"


@dataclass
class World:
    users: dict
    mine: Activity  # published, of the owner's organisation
    draft: Activity  # a draft of the owner's organisation
    pending: Activity
    occurrence_id: int
    feed: CalendarFeed
    uit_source: UitSource
    organisation_id: int
    other_organisation_id: int
    hidden_place_of_other_id: int
    own_place_id: int


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The organisations, their members, objects of the owner's organisation, and a
    hidden place of the other organisation: made once, rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        town = AreaFactory(
            kind=AreaKind.MUNICIPALITY,
            code="T0001",
            name="Testdorp",
            origin=(3.70, 51.00),
            width=0.04,
            height=0.02,
            population=10000,
        )
        west = AreaFactory(
            code="T0001W1", name="West", origin=(3.70, 51.00), parent=town, size=0.02
        )
        SensitivityAssessment.objects.create(
            area=west,
            method_version="test",
            t0=2018,
            t1=2023,
            type=SensitivityType.INSUFFICIENT_DATA,
            reasons={"missing": []},
        )
        owning = OrganisationFactory(name="Eigen Buurtwerk", verified=True)
        other = OrganisationFactory(name="Ander Buurtwerk", verified=True)
        moderators = OrganisationFactory(name="Stad", verified=True)
        users = {"anonymous": None}
        for role, organisation, member_role in (
            ("owner", owning, MemberRole.COMMUNITY_WORKER),
            ("other", other, MemberRole.COMMUNITY_WORKER),
            ("moderator", moderators, MemberRole.MODERATOR),
            ("policymaker", owning, MemberRole.POLICYMAKER),
        ):
            users[role] = UserFactory(username=f"matrix-{role}")
            membership_add(organisation=organisation, user=users[role], role=member_role)
        users["superuser"] = UserFactory(username="matrix-root", is_superuser=True, is_staff=True)
        own_place = PlaceFactory(organisation=owning, name="Eigen buurthuis")
        hidden_of_other = PlaceFactory(
            organisation=other, name="Verborgen lokaal", precision=Precision.AREA
        )
        schedule = ScheduleFactory(
            activity__organisation=owning, activity__place=own_place, activity__title="Gepubliceerd"
        )
        mine = schedule.activity
        draft = ScheduleFactory(
            activity__organisation=owning,
            activity__place=own_place,
            activity__title="Geheim ontwerp zeventien",
            activity__status=Status.DRAFT,
        ).activity
        pending = ScheduleFactory(
            activity__organisation=owning,
            activity__place=own_place,
            activity__title="Wacht op moderatie",
            activity__status=Status.PENDING,
        ).activity
        feed = CalendarFeed.objects.create(
            organisation=owning,
            name="Agenda",
            url="https://example.org/agenda.ics",
            place=own_place,
        )
        uit_source = UitSource.objects.create(
            organisation=owning, name="UiT Noord", query="regions:nis-44021"
        )
        yield World(
            users=users,
            mine=mine,
            draft=draft,
            pending=pending,
            occurrence_id=mine.occurrences.filter(start__gte=timezone.now()).first().pk,
            feed=feed,
            uit_source=uit_source,
            organisation_id=owning.pk,
            other_organisation_id=other.pk,
            hidden_place_of_other_id=hidden_of_other.pk,
            own_place_id=own_place.pk,
        )
        transaction.set_rollback(True)


# URL arguments of the routes with non-public data; a route missing here fails the test.
def _arguments(world: World) -> dict[str, dict]:
    return {
        "api:activity-detail": {"pk": world.draft.pk},
        "api:activity-ical": {"pk": world.draft.pk},
        "api:occurrence-detail": {"pk": world.draft.occurrences.order_by("start").first().pk},
        "frontend:activity": {"pk": world.draft.pk},
        "frontend:worker-area": {"kind": "neighbourhood", "code": "T0001W1"},
        "frontend:coverage": {"code": "T0001"},
        "frontend:coverage-export": {"code": "T0001", "fmt": "csv"},
        "frontend:workspace-activity": {"pk": world.mine.pk},
        "frontend:workspace-still-correct": {"pk": world.mine.pk},
        "frontend:workspace-cancel": {"pk": world.mine.pk},
        "frontend:workspace-restore": {"pk": world.mine.pk},
        "frontend:workspace-restore-date": {"pk": world.occurrence_id},
        "frontend:workspace-history": {"pk": world.mine.pk},
        "frontend:workspace-cancel-date": {"pk": world.occurrence_id},
        "frontend:workspace-feed-toggle": {"pk": world.feed.pk},
        "frontend:workspace-uit-edit": {"pk": world.uit_source.pk},
        "frontend:workspace-approve": {"pk": world.pending.pk},
        "frontend:workspace-reject": {"pk": world.pending.pk},
        "frontend:workspace-verify-organisation": {"pk": world.organisation_id},
        "admin:events_activity_change": {"object_id": world.mine.pk},
        "admin:events_activity_delete": {"object_id": world.mine.pk},
        "admin:events_activity_history": {"object_id": world.mine.pk},
        "admin:places_organisation_change": {"object_id": world.other_organisation_id},
    }


def _query(world: World, name: str) -> str:
    """The board's routes show a window of days: the one of the draft's first date."""
    if name not in ("api:occurrence-list", "api:occurrence-detail"):
        return ""
    day = timezone.localdate(world.draft.occurrences.order_by("start").first().start)
    return f"?from={day}&to={day}"


# Writes where a route is written to by an object in its URL, in the API: the published
# activity (a draft of the owner's is not found for the others, which says less).
API_WRITE_ARGUMENTS = {"api:activity-detail": lambda world: {"pk": world.mine.pk}}


def _non_public(name: str) -> bool:
    rule = route_rule(name)
    return any(access not in (None, Access.PUBLIC) for access in (rule.read, rule.write))


def _argumentless(name: str) -> bool:
    # DRF's routers add a `.json` twin with a format group to each route: one plain form
    # is enough.
    return any(
        not (pattern.pattern.converters or pattern.pattern.regex.groups)
        for route, pattern in _walk(get_resolver())
        if route == name
    )


MATRIX_ROUTES = [
    name
    for name in ALL_ROUTES
    if _non_public(name)
    and (
        not name.startswith("admin:")
        or _argumentless(name)
        or name
        in {
            "admin:events_activity_change",
            "admin:events_activity_delete",
            "admin:events_activity_history",
            "admin:places_organisation_change",
        }
    )
]


def _methods(name: str) -> list[str]:
    if name.startswith("admin:"):
        return ["GET"]  # the admin's writes are its own forms, checked by Django's tests
    if name.startswith("api:"):
        return ["GET", "PATCH", "DELETE"] if name.endswith("-detail") else ["GET", "POST"]
    return ["GET", "POST"]


def _client(world: World, role: str) -> Client:
    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    return client


def _call(client: Client, method: str, url: str):
    if method == "GET":
        return client.get(url)
    if method == "POST":
        return client.post(url, {})
    return client.generic(method, url, "{}", content_type="application/json")


CASES = [
    pytest.param(name, method, role, id=f"{name}-{method}-{role}")
    for name in MATRIX_ROUTES
    for method in _methods(name)
    for role in ROLES
]


def test_every_non_public_route_is_walked(world):
    # The matrix leaves out no route with non-public data: each has its URL arguments.
    arguments = _arguments(world)
    without = [name for name in MATRIX_ROUTES if not _argumentless(name) and name not in arguments]
    assert not without, f"give these routes URL arguments in _arguments(): {without}"
    assert len(MATRIX_ROUTES) > 40


@pytest.mark.parametrize(("name", "method", "role"), CASES)
def test_route_answers_as_the_table_says(world, name, method, role):
    rule = route_rule(name)
    access = rule.access_for(method)
    kwargs = _arguments(world).get(name, {})
    if name in API_WRITE_ARGUMENTS and method not in ("GET", "HEAD"):
        kwargs = API_WRITE_ARGUMENTS[name](world)
    url = reverse(name, kwargs=kwargs) + _query(world, name)
    response = _call(_client(world, role), method, url)
    status = response.status_code
    location = response.get("Location", "")
    where = f"{method} {url} as {role}: {status} {location}"
    assert status < 500, where
    if access is None:
        # Django's login_required (the account pages) asks anonymous visitors to log in first.
        assert status == 405 or (role == "anonymous" and location.startswith("/accounts/login/"))
        return
    allowed = role in ALLOWED[access]
    admin = name.startswith("admin:")
    api = name.startswith("api:")
    if access == Access.PUBLISHED:
        # Everyone reads; the owner's draft only its organisation and the moderators.
        if role in SEES_DRAFTS:
            assert status == 200 and world.draft.title.encode() in response.content, where
        else:
            assert status == 404 or (
                status == 200 and world.draft.title.encode() not in response.content
            ), where
        return
    if admin and allowed:
        # In the admin, its model permissions decide further (no adding of what imports make).
        assert not location.startswith(ADMIN_LOGIN), where
    elif allowed:
        assert status not in (401, 403, 404, 405), where
        assert not location.startswith(("/accounts/login/", ADMIN_LOGIN)), where
    elif admin:
        assert status == 302 and location.startswith(ADMIN_LOGIN), where
    elif role == "anonymous":
        if api:
            assert status == 401, where
        else:
            assert status == 302 and location.startswith("/accounts/login/"), where
    else:
        assert status == 403, where


# --- Another organisation's ids in URLs and in form and body fields -----------------------


def _activity_form(world: World, **overrides) -> dict:
    from tests.frontend.workspace_support import form_data

    class Where:
        organisation_id = world.organisation_id
        pk = world.own_place_id

    return form_data(Where, **{"title": "Ingeslopen activiteit", **overrides})


def _feed_form(world: World, **overrides) -> dict:
    return {
        "organisation": world.organisation_id,
        "name": "Ingeslopen agenda",
        "url": "https://example.org/ingeslopen.ics",
        "place": world.own_place_id,
        "work_models": ["community"],
        **overrides,
    }


def _uit_form(world: World, **overrides) -> dict:
    return {
        "organisation": world.organisation_id,
        "name": "Ingeslopen UiT-bron",
        "query": "labels:ingeslopen",
        "work_models": ["community"],
        "place": world.own_place_id,
        **overrides,
    }


FORMS = {
    "frontend:workspace-new": _activity_form,
    "frontend:workspace-feed-add": _feed_form,
    "frontend:workspace-uit": _uit_form,
}


def _sneaked_in() -> bool:
    return (
        Activity.objects.filter(title="Ingeslopen activiteit").exists()
        or CalendarFeed.objects.filter(name="Ingeslopen agenda").exists()
        or UitSource.objects.filter(name="Ingeslopen UiT-bron").exists()
    )


def test_the_forms_are_sound_for_the_owner(world):
    # The baseline of the tests below: the same forms with the owner's own ids do save.
    client = _client(world, "owner")
    assert client.post(reverse("frontend:workspace-new"), _activity_form(world)).status_code == 302
    assert client.post(reverse("frontend:workspace-feed-add"), _feed_form(world)).status_code == 302
    assert client.post(reverse("frontend:workspace-uit"), _uit_form(world)).status_code == 302


@pytest.mark.parametrize(
    ("route", "field"),
    [
        ("frontend:workspace-new", "organisation"),
        ("frontend:workspace-new", "place"),
        ("frontend:workspace-feed-add", "organisation"),
        ("frontend:workspace-feed-add", "place"),
        ("frontend:workspace-uit", "organisation"),
        ("frontend:workspace-uit", "place"),
    ],
)
def test_a_worker_cannot_post_with_another_organisations_ids(world, route, field):
    foreign = {
        "organisation": world.other_organisation_id,
        "place": world.hidden_place_of_other_id,
    }[field]
    response = _client(world, "owner").post(reverse(route), FORMS[route](world, **{field: foreign}))
    assert response.status_code in (200, 400, 403)
    assert not _sneaked_in()


def test_a_worker_cannot_edit_an_activity_onto_another_organisations_hidden_place(world):
    url = reverse("frontend:workspace-activity", args=[world.mine.pk])
    data = _activity_form(world, title=world.mine.title, place=world.hidden_place_of_other_id)
    response = _client(world, "owner").post(url, {**data, "confirm_duplicates": "1"})
    assert response.status_code in (200, 400)
    world.mine.refresh_from_db()
    assert world.mine.place_id == world.own_place_id


def test_a_worker_cannot_copy_another_organisations_activity(world):
    url = reverse("frontend:workspace-new") + f"?van={world.draft.pk}"
    assert _client(world, "other").get(url).status_code == 403


def test_a_worker_of_two_organisations_cannot_lend_one_hidden_place_to_the_other(world):
    # Both organisations' places are on the form; a place shown by its neighbourhood only
    # stays with its own organisation's activities and calendars.
    from events.models import Activity as Activities

    user = UserFactory(username="matrix-both")
    membership_add(organisation=Organisation.objects.get(pk=world.organisation_id), user=user)
    membership_add(organisation=Organisation.objects.get(pk=world.other_organisation_id), user=user)
    client = Client()
    client.force_login(user)
    hidden = world.hidden_place_of_other_id
    client.post(reverse("frontend:workspace-new"), _activity_form(world, place=hidden))
    client.post(reverse("frontend:workspace-feed-add"), _feed_form(world, place=hidden))
    assert not Activities.objects.filter(title="Ingeslopen activiteit", place_id=hidden).exists()
    assert not CalendarFeed.objects.filter(name="Ingeslopen agenda", place_id=hidden).exists()


def _api_activity(world: World, **overrides) -> dict:
    return {
        "title": "Ingeslopen activiteit",
        "summary": "Iets om te doen in de buurt.",
        "kind": "peer_group",
        "work_models": ["peer"],
        "organisation": world.organisation_id,
        "place": world.own_place_id,
        **overrides,
    }


def _api(world: World, role: str, method: str, url: str, body: dict):
    client = _client(world, role)
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def test_the_api_refuses_another_organisations_ids(world):
    activities = reverse("api:activity-list")
    baseline = _api(world, "owner", "POST", activities, _api_activity(world, title="Eigen"))
    assert baseline.status_code == 201, baseline.content
    as_other_org = _api(
        world,
        "owner",
        "POST",
        activities,
        _api_activity(world, organisation=world.other_organisation_id),
    )
    assert as_other_org.status_code == 403
    at_hidden_place = _api(
        world,
        "owner",
        "POST",
        activities,
        _api_activity(world, place=world.hidden_place_of_other_id),
    )
    assert at_hidden_place.status_code == 400 and "place" in at_hidden_place.json()
    detail = reverse("api:activity-detail", args=[world.mine.pk])
    moved = _api(world, "owner", "PATCH", detail, {"organisation": world.other_organisation_id})
    assert moved.status_code == 400 and "organisation" in moved.json()
    hidden = _api(world, "owner", "PATCH", detail, {"place": world.hidden_place_of_other_id})
    assert hidden.status_code == 400 and "place" in hidden.json()
    place = {
        "name": "Ingeslopen plek",
        "kind": "other",
        "organisation": world.other_organisation_id,
        "location": {"type": "Point", "coordinates": [3.705, 51.005]},
    }
    assert _api(world, "owner", "POST", reverse("api:place-list"), place).status_code == 403
    assert not _sneaked_in()
    world.mine.refresh_from_db()
    assert world.mine.place_id == world.own_place_id


# --- The public routes show nothing that is not published ---------------------------------

PUBLIC_ARGUMENTS = {
    "frontend:neighbourhood": lambda world: {"code": "T0001W1"},
    "frontend:poster": lambda world: {"code": "T0001W1"},
    "frontend:embed-neighbourhood": lambda world: {"code": "T0001W1"},
    "frontend:embed-organisation": lambda world: {"pk": world.organisation_id},
    "hsds:organization": lambda world: {"id": str(world.organisation_id)},
}
PUBLIC_ROUTES = [
    name
    for name in ALL_ROUTES
    if route_rule(name).read == Access.PUBLIC
    and not name.startswith("admin:")
    and (_argumentless(name) or name in PUBLIC_ARGUMENTS)
]


@pytest.mark.parametrize("role", ["anonymous", "other", "policymaker"])
def test_no_public_route_shows_a_draft_or_a_pending_post(world, role):
    client = _client(world, role)
    secrets = [world.draft.title.encode(), world.pending.title.encode()]
    assert len(PUBLIC_ROUTES) > 20
    shown = set()  # where the published activity is: the check can see a title
    for name in PUBLIC_ROUTES:
        kwargs = PUBLIC_ARGUMENTS[name](world) if name in PUBLIC_ARGUMENTS else {}
        url = reverse(name, kwargs=kwargs)
        response = client.get(url)
        assert response.status_code < 500, url
        body = b"".join(response) if response.streaming else response.content
        assert not any(secret in body for secret in secrets), f"{url} as {role}"
        if world.mine.title.encode() in body:
            shown.add(name)
    assert {"frontend:home", "api:feed-atom", "frontend:embed-organisation"} <= shown, shown

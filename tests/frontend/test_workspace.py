"""The community workers' workspace: the list, posting and editing (frontend/views/workspace.py)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from events.models import Activity, Status
from events.recurrence.rules import BRUSSELS
from events.services import ScheduleInput, activity_create
from frontend.forms.activity import ActivityForm
from places.models import Precision
from places.services import membership_add
from tests.factories import OrganisationFactory, PlaceFactory, UserFactory
from tests.frontend.workspace_support import client_for, form_data, next_weekday

pytestmark = pytest.mark.django_db


def test_who_gets_in(setting):
    assert Client().get("/werkruimte/").status_code == 302
    assert client_for(UserFactory()).get("/werkruimte/").status_code == 403
    policymaker = UserFactory()
    membership_add(organisation=setting["organisation"], user=policymaker, role="policymaker")
    response = client_for(policymaker).get("/werkruimte/")
    assert response.status_code == 302 and response["Location"].endswith("/werkers/kaart/")
    assert client_for(policymaker).get("/werkruimte/nieuw/").status_code == 403
    assert client_for(setting["worker"]).get("/werkruimte/").status_code == 200


def test_logging_in_lands_in_the_workspace_and_password_reset_mails(setting):
    setting["worker"].set_password("lang-genoeg-wachtwoord")
    setting["worker"].save()
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "an", "password": "lang-genoeg-wachtwoord"}
    )
    assert response.status_code == 302 and response["Location"] == "/werkruimte/"
    assert "/accounts/password_reset/" in Client().get("/accounts/login/").content.decode()
    Client().post("/accounts/password_reset/", {"email": "an@example.org"})
    assert len(mail.outbox) == 1 and "/accounts/reset/" in mail.outbox[0].body


def test_a_weekly_peer_group_shown_by_its_neighbourhood_only(setting):
    client = client_for(setting["worker"])
    refused = client.post(
        "/werkruimte/nieuw/", form_data(setting["place"], neighbourhood_only="on")
    )
    assert refused.status_code == 200 and not Activity.objects.exists()
    assert "een telefoonnummer of een e-mailadres" in refused.content.decode()
    response = client.post(
        "/werkruimte/nieuw/",
        form_data(setting["place"], neighbourhood_only="on", contact_email="groep@example.org"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    activity = Activity.objects.get()
    assert activity.status == Status.PUBLISHED
    assert activity.created_by == setting["worker"]
    assert activity.languages == ["nl", "ar"]
    assert activity.schedule.rrule == "FREQ=WEEKLY;BYDAY=TU"
    assert activity.schedule.dtstart.astimezone(BRUSSELS).weekday() == 1
    assert activity.place.precision == Precision.AREA
    assert activity.place.organisation == setting["organisation"]
    assert setting["place"].precision == Precision.EXACT  # the shared place is unchanged
    assert activity.occurrences.count() > 40
    public = Client().get(f"/activiteit/{activity.pk}/").content.decode()
    assert "Praatgroep alleenstaande ouders" in public
    assert "Geheimstraat" not in public and "West" in public


def test_a_new_place_on_the_map(setting):
    client = client_for(setting["worker"])
    data = form_data(
        setting["place"],
        place="",
        new_place_name="Zaaltje",
        new_place_address="Kerkstraat 3",
        new_place_location='{"type": "Point", "coordinates": [3.73, 51.01]}',
    )
    assert client.post("/werkruimte/nieuw/", data).status_code == 302
    place = Activity.objects.get().place
    assert place.name == "Zaaltje" and place.area.code == "T0001W2"
    missing = client.post("/werkruimte/nieuw/", form_data(setting["place"], place=""))
    assert missing.status_code == 200
    assert "Naam van de nieuwe plek" in missing.content.decode()


def test_bad_input_names_the_field_and_never_500s(setting):
    client = client_for(setting["worker"])
    response = client.post("/werkruimte/nieuw/", form_data(setting["place"], title=""))
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    response = client.post(
        "/werkruimte/nieuw/", form_data(setting["place"], repeat="monthly", weekdays=["FR"])
    )
    assert "month_position" in response.context["form"].errors
    response = client.post(
        "/werkruimte/nieuw/", form_data(setting["place"], languages="nl, xx", date="2026-02-30")
    )
    assert response.status_code == 200 and "date" in response.context["form"].errors
    response = client.post("/werkruimte/nieuw/", form_data(setting["place"], languages="xx"))
    assert "languages" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_the_preview_of_next_dates_with_and_without_javascript(setting):
    client = client_for(setting["worker"])
    response = client.post(
        "/werkruimte/nieuw/", form_data(setting["place"], preview="1", repeat="fortnightly")
    )
    assert response.status_code == 200 and not Activity.objects.exists()
    preview = response.context["preview"]
    assert len(preview["dates"]) == 6 and "dinsdag" in preview["words"]
    data = form_data(setting["place"], repeat="monthly", weekdays=["FR"], month_position="-1")
    response = client.get("/werkruimte/voorbeeld/", data)
    assert response.status_code == 200
    body = response.json()
    assert len(body["dates"]) == 6 and body["dates"][0].startswith("vrijdag")
    bad = client.get("/werkruimte/voorbeeld/", {**data, "start_time": "25:00"})
    assert bad.status_code == 400 and "start_time" in bad.json()["errors"]


def test_possible_duplicates_are_shown_before_saving(setting):
    client = client_for(setting["worker"])
    assert client.post("/werkruimte/nieuw/", form_data(setting["place"])).status_code == 302
    again = form_data(setting["place"], title="Praatgroep voor alleenstaande ouders")
    response = client.post("/werkruimte/nieuw/", again)
    assert response.status_code == 200
    assert [a.title for a in response.context["duplicates"]] == ["Praatgroep alleenstaande ouders"]
    # Another title at the same time and place is not a duplicate.
    other = form_data(setting["place"], title="Huiswerkklas")
    assert client.post("/werkruimte/nieuw/", other).status_code == 302
    confirmed = {**again, "confirm_duplicates": "1"}
    assert client.post("/werkruimte/nieuw/", confirmed).status_code == 302
    assert Activity.objects.count() == 3


def test_possible_duplicates_show_only_what_the_worker_may_see(setting):
    """Issue 20, finding 7: another organisation's drafts and pending posts at a shared
    place stay hidden; its published activities and one's own drafts are shown."""
    shared = PlaceFactory(organisation=None, name="Gemeenschapszaal")
    other = OrganisationFactory(verified=False)
    other_worker = UserFactory(username="bert")
    membership_add(organisation=other, user=other_worker)
    PlaceFactory(organisation=other)  # near the shared place: it is in their list
    client = client_for(other_worker)
    for title, status in (
        ("Geheime praatgroep schulden", "draft"),
        ("Geheime praatgroep schulden.", None),  # pending: B is not verified
    ):
        data = form_data(shared, organisation=other.pk, title=title)
        response = client.post("/werkruimte/nieuw/", {**data, "confirm_duplicates": "1"})
        assert response.status_code == 302, response.content.decode()[:2000]
        if status:
            Activity.objects.filter(title=title).update(status=status)
    assert (
        client_for(setting["worker"])
        .post(
            "/werkruimte/nieuw/",
            {
                **form_data(
                    shared, organisation=setting["organisation"].pk, title="Praatgroep schulden"
                ),
                "confirm_duplicates": "1",
            },
        )
        .status_code
        == 302
    )

    attempt = form_data(
        shared, organisation=setting["organisation"].pk, title="Geheime praatgroep schulden!"
    )
    seen = client_for(setting["worker"]).post("/werkruimte/nieuw/", attempt)
    assert seen.status_code == 200
    assert [a.title for a in seen.context["duplicates"]] == ["Praatgroep schulden"]
    duplicates = seen.content.decode().split('id="duplicates-title"')[1].split("</ul>")[0]
    assert "Praatgroep schulden" in duplicates and "Geheime" not in duplicates
    own = client.post(
        "/werkruimte/nieuw/",
        form_data(shared, organisation=other.pk, title="Geheime praatgroep schulden!"),
    )
    assert sorted(a.title for a in own.context["duplicates"]) == [
        "Geheime praatgroep schulden",
        "Geheime praatgroep schulden.",
        "Praatgroep schulden",
    ]


def test_workers_of_another_organisation_are_refused(setting):
    activity = activity_create(
        organisation=setting["organisation"],
        kind="recurring",
        title="Naaicafé",
        summary="Samen naaien",
        work_models=["community"],
        place=setting["place"],
    )
    stranger = UserFactory()
    membership_add(organisation=OrganisationFactory(), user=stranger)
    client = client_for(stranger)
    assert client.get(f"/werkruimte/activiteit/{activity.pk}/").status_code == 403
    assert client.post(f"/werkruimte/activiteit/{activity.pk}/klopt-nog/").status_code == 403
    assert client.get(f"/werkruimte/activiteit/{activity.pk}/geschiedenis/").status_code == 403
    assert client.get(f"/werkruimte/nieuw/?van={activity.pk}").status_code == 403
    data = form_data(setting["place"], organisation=setting["organisation"].pk)
    assert client.post("/werkruimte/nieuw/", data).status_code == 200  # not a choice
    assert Activity.objects.count() == 1


def test_imported_activities_cannot_be_hidden_from_the_sync_by_accident(setting):
    activity = activity_create(
        organisation=setting["organisation"],
        kind="recurring",
        title="Uit de agenda",
        summary="Gesynchroniseerd",
        work_models=["community"],
        place=setting["place"],
        import_key="ical:1:x",
        schedule=ScheduleInput(
            dtstart=timezone.now() + timedelta(days=1), duration=timedelta(hours=1)
        ),
    )
    page = client_for(setting["worker"]).get(f"/werkruimte/activiteit/{activity.pk}/")
    assert "gekoppelde agenda" in page.content.decode()


@pytest.mark.parametrize(
    ("prefix", "words"),
    [("", "Toon alleen de wijk"), ("/fr", "Montrer seulement le quartier"), ("/en", "Show only")],
)
def test_the_form_speaks_dutch_french_and_english(setting, prefix, words):
    client = client_for(setting["worker"])
    page = client.get(f"{prefix}/werkruimte/nieuw/")
    assert page.status_code == 200 and words in page.content.decode()
    preview = client.get(
        f"{prefix}/werkruimte/voorbeeld/",
        {
            "date": next_weekday(0).isoformat(),
            "start_time": "10:00",
            "end_time": "11:00",
            "repeat": "weekly",
        },
    )
    first = {"": "maandag", "/fr": "lundi", "/en": "Monday"}[prefix]
    assert preview.json()["dates"][0].startswith(first)


def test_the_place_list_holds_own_used_and_nearby_shared_places(setting):
    from django.contrib.gis.geos import Point

    from places.queries import workspace_places

    near = PlaceFactory(organisation=None, name="Bibliotheek dichtbij")
    far = PlaceFactory(
        organisation=None, name="Bibliotheek ver weg", location=Point(4.40, 51.22, srid=4326)
    )
    hidden = PlaceFactory(name="Verborgen")  # another organisation's hidden place
    hidden.precision = Precision.AREA
    hidden.save()
    elsewhere = PlaceFactory(name="Van een ander")
    unused_far = PlaceFactory(
        organisation=None, name="Ook ver weg", location=Point(4.41, 51.22, srid=4326)
    )
    activity_create(
        organisation=setting["organisation"],
        kind="event",
        title="Uitstap",
        summary="Samen op stap",
        work_models=["community"],
        place=far,
    )
    names = set(workspace_places({setting["organisation"].id}).values_list("name", flat=True))
    assert {setting["place"].name, near.name, far.name} <= names
    assert hidden.name not in names and elsewhere.name not in names
    assert unused_far.name not in names


def test_the_workspace_links_posters_of_the_neighbourhoods_of_our_places(setting):
    page = client_for(setting["worker"]).get("/werkruimte/").content.decode()
    assert "/buurt/T0001W1/affiche/" in page  # the organisation's place lies in West
    assert "/insluiten/buurt/T0001W1/" in page
    assert "/buurt/T0001W2/affiche/" not in page


def test_the_form_removes_invisible_characters_and_keeps_right_to_left_letters(setting):
    """Issue 20, finding 11, through the workspace form (and a new place's name)."""
    rtl = "مقهى اللغة \u200fקפה שפה"
    data = form_data(
        setting["place"],
        place="",
        title="\u202eGratis\u200b koffie\ufeff",
        summary="\u2066Samen\u2069 praten.",
        host_name=rtl,
        what_to_expect=f"\u200d{rtl}",
        new_place_name="\u202dZaal\u202c\u2060 1",
        new_place_location='{"type": "Point", "coordinates": [3.73, 51.01]}',
    )
    response = client_for(setting["worker"]).post("/werkruimte/nieuw/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = Activity.objects.select_related("place").get()
    assert (activity.title, activity.summary) == ("Gratis koffie", "Samen praten.")
    assert activity.host_name == rtl and activity.what_to_expect == rtl
    assert activity.place.name == "Zaal 1"
    empty = client_for(setting["worker"]).post(
        "/werkruimte/nieuw/", form_data(setting["place"], title="\u200b\u202e")
    )
    assert empty.status_code == 200 and "title" in empty.context["form"].errors


def test_an_unverified_organisations_edit_goes_back_to_moderation_and_says_so(setting):
    """Issue 20, finding 6, through the workspace."""
    organisation = OrganisationFactory(verified=False)
    place = PlaceFactory(organisation=organisation)
    worker = UserFactory(username="nieuw")
    membership_add(organisation=organisation, user=worker)
    client = client_for(worker)
    assert client.post("/werkruimte/nieuw/", form_data(place)).status_code == 302
    activity = Activity.objects.get()
    assert activity.status == Status.PENDING
    moderator = UserFactory(username="moderator")
    membership_add(organisation=setting["organisation"], user=moderator, role="moderator")
    client_for(moderator).post(f"/werkruimte/moderatie/{activity.pk}/goedkeuren/")
    activity.refresh_from_db()
    assert activity.status == Status.PUBLISHED

    edited = form_data(place, title="Gratis crypto! klik hier")
    response = client.post(f"/werkruimte/activiteit/{activity.pk}/", edited, follow=True)
    assert response.status_code == 200
    activity.refresh_from_db()
    assert activity.status == Status.PENDING and activity.title == "Gratis crypto! klik hier"
    page = response.content.decode()
    assert "wacht op nazicht" in page  # the status line
    assert "Je wijzigingen gaan eerst naar een moderator" in page  # the message
    assert Client().get(f"/activiteit/{activity.pk}/").status_code == 404
    assert activity in client_for(moderator).get("/werkruimte/moderatie/").context["pending"]


@pytest.mark.parametrize(
    "wanted, lands_on",
    [
        ("https://evil.example/phish", "/werkruimte/"),
        ("//evil.example/phish", "/werkruimte/"),
        ("javascript:alert(1)", "/werkruimte/"),
        ("/werkruimte/activiteit/{pk}/", "/werkruimte/activiteit/{pk}/"),
    ],
)
def test_still_correct_returns_only_to_a_page_of_this_site(setting, wanted, lands_on):
    client = client_for(setting["worker"])
    client.post("/werkruimte/nieuw/", form_data(setting["place"]))
    pk = Activity.objects.get().pk
    response = client.post(
        f"/werkruimte/activiteit/{pk}/klopt-nog/", {"next": wanted.format(pk=pk)}
    )
    assert response.status_code == 302
    assert response["Location"] == lands_on.format(pk=pk)


@pytest.mark.django_db
def test_the_error_summary_follows_the_order_of_the_page(setting):
    """The summary lists errors in the form's field order: that order is the page's."""
    html = client_for(setting["worker"]).get("/werkruimte/nieuw/").content.decode()
    on_page = re.findall(r'<div class="bw-field" id="field-([a-z_]+)"', html)
    in_form = [name for name in ActivityForm.field_order if name in on_page]
    assert len(on_page) > 25 and on_page == in_form

"""Invisible and direction-override characters in text people write (issue 20, finding 11).

U+202E and its kin reorder what a reader sees ("Gratis\u202eetats" reads as another word);
zero-width characters and the BOM hide text from search and moderators. They are removed
from every text people write; right-to-left letters (Arabic, Hebrew) stay as they are.
"""

import pytest

from events.models import Activity
from places.models import Organisation, Place
from tests.api.test_write import smallest

pytestmark = pytest.mark.django_db

HOSTILE = "\u202aPraat\u202bgroep\u202c \u202dvoor\u202e ouders\u2066\u2067\u2068\u2069"
HIDDEN = "\u200bSamen\u200c\u200d\u2060 sterker.\ufeff"
# Arabic and Hebrew, with the right-to-left mark that mixed text legitimately uses.
RTL = "مقهى اللغة \u200fקפה שפה"


@pytest.fixture
def verified(api):
    return Organisation.objects.filter(verified=True, places__isnull=False).distinct().first()


def test_the_api_removes_invisible_characters_and_keeps_right_to_left_letters(verified, worker_of):
    client = worker_of(verified)
    body = {
        **smallest(verified),
        "title": HOSTILE,
        "summary": HIDDEN,
        "host_name": RTL,
        "description": f"{RTL}\n\u202eNieuw\u200b",
    }
    response = client.post("/api/v1/activities/", body, format="json")
    assert response.status_code == 201, response.content
    activity = Activity.objects.get(pk=response.json()["id"])
    assert activity.title == "Praatgroep voor ouders"
    assert activity.summary == "Samen sterker."
    assert activity.host_name == RTL
    assert activity.description == f"{RTL}\nNieuw"
    assert response.json()["title"] == "Praatgroep voor ouders"

    patched = client.patch(
        f"/api/v1/activities/{activity.pk}/", {"title": "\ufeffTaal\u202ecafé"}, format="json"
    )
    assert patched.status_code == 200 and patched.json()["title"] == "Taalcafé"

    place = client.post(
        "/api/v1/places/",
        {
            "name": "\u2067Zaal\u2069 \u200bDe Brug",
            "location": {"type": "Point", "coordinates": [3.98, 50.95]},
            "kind": "other",
            "organisation": verified.id,
            "address": "Kerk\u200bstraat 1",
        },
        format="json",
    )
    assert place.status_code == 201, place.content
    stored = Place.objects.get(pk=place.json()["id"])
    assert (stored.name, stored.address) == ("Zaal De Brug", "Kerkstraat 1")


def test_a_title_of_invisible_characters_only_is_a_400_naming_it(verified, worker_of):
    body = {**smallest(verified), "title": "\u200b\u202e\ufeff"}
    response = worker_of(verified).post("/api/v1/activities/", body, format="json")
    assert response.status_code == 400
    assert "title" in response.json()

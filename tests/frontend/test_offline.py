"""Reading offline, server side (frontend/offline.py, frontend/views/offline.py): which pages
carry the header that lets the service worker keep them, the worker's own response and
version, and the web app manifest. The worker's behaviour is tested in Chromium
(tests/browser/test_offline.py)."""

import json
from io import BytesIO
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from PIL import Image

from frontend.offline import OFFLINE_HEADER, _static_digest, static_version
from frontend.views.offline import PRECACHE
from tests.factories import ActivityFactory, UserFactory

pytestmark = pytest.mark.django_db
WORKER_BUDGET = 10 * 1024


@pytest.fixture
def public_urls(territory):
    activity = ActivityFactory()
    return {
        "home": reverse("frontend:home"),
        "home with filters": reverse("frontend:home") + "?model=community&area=T0001W1",
        "activity": reverse("frontend:activity", args=[activity.pk]),
        "neighbourhood": reverse("frontend:neighbourhood", kwargs={"code": "T0001W1"}),
        "poster": reverse("frontend:poster", kwargs={"code": "T0001W1"}),
        "French activity": "/fr" + reverse("frontend:activity", args=[activity.pk]),
    }


def test_the_public_pages_may_be_kept_for_reading_offline(client, public_urls):
    for name, url in public_urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert response[OFFLINE_HEADER] == "allow", name


def test_no_page_a_logged_in_worker_sees_may_be_kept(client, public_urls):
    client.force_login(UserFactory())
    for name, url in public_urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert OFFLINE_HEADER not in response, name
    for url in (reverse("frontend:workspace"), reverse("frontend:coverage-index")):
        assert OFFLINE_HEADER not in client.get(url), url


def test_a_visitor_with_a_session_cookie_gets_no_page_to_keep(client, settings, public_urls):
    # Anonymous, but with a session (a message waiting, a half-finished login): not kept.
    client.cookies[settings.SESSION_COOKIE_NAME] = "some-session"
    assert OFFLINE_HEADER not in client.get(public_urls["home"])


def test_errors_the_api_and_private_pages_are_never_marked(client, public_urls):
    assert OFFLINE_HEADER not in client.get(reverse("frontend:activity", args=[999_999]))
    assert OFFLINE_HEADER not in client.get(reverse("frontend:neighbourhood", args=["NOPE"]))
    assert OFFLINE_HEADER not in client.get(
        reverse("frontend:poster", args=["T0001W1"]) + "?model=x"
    )
    assert OFFLINE_HEADER not in client.get(reverse("api:activity-list"))
    assert OFFLINE_HEADER not in client.get(reverse("frontend:workspace"))  # the login redirect
    assert OFFLINE_HEADER not in client.get(reverse("login"))


def test_the_service_worker_is_served_from_the_root_never_stale_and_small(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    assert response["Service-Worker-Allowed"] == "/"
    body = response.content.decode()
    assert len(response.content) <= WORKER_BUDGET, len(response.content)
    assert f'"version": "{static_version()}"' in body
    assert '"logout": ["/accounts/logout/", "/admin/logout/"]' in body
    assert f'"{OFFLINE_HEADER}"' in body
    assert OFFLINE_HEADER not in response


def test_the_version_changes_with_any_static_file(tmp_path: Path):
    (tmp_path / "extra.js").write_text("one")
    with override_settings(STATICFILES_DIRS=[tmp_path]):
        finders.get_finder.cache_clear()
        try:
            before = _static_digest()
            (tmp_path / "extra.js").write_text("two")
            after = _static_digest()
            (tmp_path / "extra.js").write_text("one")
            again = _static_digest()
        finally:
            finders.get_finder.cache_clear()
    assert before != after
    assert before == again


def test_with_the_manifest_storage_the_version_follows_the_hashed_names(tmp_path: Path):
    storage = ManifestStaticFilesStorage(location=tmp_path)
    storage.hashed_files = {"frontend/js/a.js": "frontend/js/a.123456.js"}
    one = _static_digest(storage)
    storage.hashed_files = {"frontend/js/a.js": "frontend/js/a.abcdef.js"}
    assert _static_digest(storage) != one


def test_the_service_worker_is_served_with_the_manifest_storage_of_production(
    client, tmp_path: Path
):
    # Production serves hashed names from collectstatic's manifest, where every name must
    # have an entry: the worker answered 500 there once (static("") has none).
    paths = {path: path.replace(".", ".0123456789ab.", 1) for path in PRECACHE}
    (tmp_path / "staticfiles.json").write_text(json.dumps({"paths": paths, "version": "1.1"}))
    manifest = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    with override_settings(STATIC_ROOT=tmp_path, STORAGES={"staticfiles": manifest}):
        response = client.get("/sw.js")
    assert response.status_code == 200
    body = response.content.decode()
    assert '"static": "/static/"' in body
    assert '"/static/frontend/js/offline.0123456789ab.js"' in body
    assert '"/static/leaflet/leaflet.0123456789ab.css"' in body  # the map's, for offline


def test_the_manifest_names_the_app_its_icons_colours_and_start_page(client):
    for language, start in (("nl-be", "/"), ("fr", "/fr/"), ("en", "/en/")):
        with translation.override(language):
            url = reverse("frontend:manifest")
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/manifest+json"
        manifest = response.json()
        assert manifest["name"] == "Buurtwijzer"
        assert manifest["start_url"] == start
        assert manifest["scope"] == "/"
        assert manifest["display"] == "standalone"
        assert manifest["theme_color"] == "#174a7c"
        assert manifest["background_color"] == "#ffffff"
        assert manifest["lang"] == language
    assert (
        "Ce qui se passe près de chez vous"
        in client.get("/fr/manifest.webmanifest").json()["description"]
    )
    pngs = [icon for icon in manifest["icons"] if icon["type"] == "image/png"]
    assert {icon["sizes"] for icon in pngs} == {"192x192", "512x512"}
    assert any(icon.get("purpose") == "maskable" for icon in pngs)
    for icon in pngs:
        served = client.get(icon["src"])
        assert served.status_code == 200, icon
        image = Image.open(BytesIO(b"".join(served.streaming_content)))
        assert image.format == "PNG"
        assert "x".join(map(str, image.size)) == icon["sizes"]


def test_every_page_links_the_manifest_and_the_offline_script(client, public_urls):
    html = client.get(public_urls["home"]).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert 'src="/static/frontend/js/offline.js"' in html
    assert 'data-today="offline — laatst bijgewerkt om {time}"' in html
    french = client.get(public_urls["French activity"]).content.decode()
    assert '<link rel="manifest" href="/fr/manifest.webmanifest">' in french
    assert 'data-today="hors ligne — dernière mise à jour à {time}"' in french

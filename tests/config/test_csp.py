"""The Content-Security-Policy header of each kind of answer: the site's own scripts (and
inline ones by this answer's nonce only), its own styles and the inlined stylesheets by
hash, tiles from MAP_TILES_URL's server; embeds may be framed anywhere, nothing else."""

import re

import pytest
from django.test import Client

from config.settings.base import _tile_source
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.fixture
def pages(territory):
    activity = ActivityFactory()
    return {
        "home": "/",
        "activity": f"/activiteit/{activity.pk}/",
        "neighbourhood": "/buurt/T0001W1/",
        "poster": "/buurt/T0001W1/affiche/",
        "login": "/accounts/login/",
        "password reset": "/accounts/password_reset/",
        "admin login": "/admin/login/",
        "not found": "/bestaat-niet/",
        "api": "/api/v1/work-models/",
    }


def test_every_page_but_an_embed_refuses_to_be_framed(pages):
    for name, path in pages.items():
        response = Client().get(path)
        assert response.status_code in (200, 404), (name, response.status_code)
        csp = policy(response)
        assert csp["frame-ancestors"] == ["'none'"], name
        assert csp["default-src"] == ["'self'"], name
        assert csp["object-src"] == ["'none'"], name
        # Scripts: the site's own files, inline ones only with this answer's nonce.
        assert "'unsafe-inline'" not in csp["script-src"], name
        assert "'unsafe-eval'" not in csp["script-src"], name
        assert all(s == "'self'" or s.startswith("'nonce-") for s in csp["script-src"]), name
        # <style> elements: the site's own files and the stylesheets it inlines, by hash.
        assert "'unsafe-inline'" not in csp["style-src"], name
        assert any(s.startswith("'sha256-") for s in csp["style-src"]), name


def test_embeds_may_be_framed_by_any_site(territory):
    organisation = ActivityFactory().organisation
    for path in ["/insluiten/buurt/T0001W1/", f"/insluiten/organisatie/{organisation.pk}/"]:
        response = Client().get(path)
        assert response.status_code == 200, path
        assert "X-Frame-Options" not in response
        csp = policy(response)
        assert csp["frame-ancestors"] == ["*"], path
        assert csp["script-src"][0] == "'self'", path


def test_the_map_tiles_server_is_the_one_image_source_beyond_the_site(territory):
    csp = policy(Client().get("/"))
    assert csp["img-src"] == ["'self'", "data:", "https://tile.openstreetmap.org"]
    assert _tile_source("https://{s}.tiles.example.be/{z}/{x}/{y}{r}.png") == (
        "https://*.tiles.example.be"
    )
    assert _tile_source("/tiles/{z}/{x}/{y}.png") is None


def test_an_inline_script_carries_the_nonce_of_its_own_answer(territory):
    # The home page's map: django-leaflet's set-up script is inline.
    first, second = Client().get("/"), Client().get("/")
    nonces = []
    for response in (first, second):
        html = response.content.decode()
        nonce = next(s for s in policy(response)["script-src"] if s.startswith("'nonce-"))
        nonce = nonce.removeprefix("'nonce-").removesuffix("'")
        inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
        code = [attrs for attrs in inline if "application/" not in attrs]  # data blocks
        assert code, "the home page's map has an inline set-up script"
        assert all(f'nonce="{nonce}"' in attrs for attrs in code), code
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_the_inlined_stylesheet_matches_its_hash(territory):
    import base64
    import hashlib

    response = Client().get("/")
    html = response.content.decode()
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert styles
    allowed = policy(response)["style-src"]
    for style in styles:
        digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed


def test_the_api_docs_load_swagger_ui_from_its_cdn_without_inline_scripts(db):
    response = Client().get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html), "an inline script"
    csp = policy(response)
    assert csp["script-src"] == ["'self'", "https://cdn.jsdelivr.net"]
    assert "'unsafe-inline'" in csp["style-src"]
    assert csp["frame-ancestors"] == ["'none'"]
    # The set-up script it names is ours.
    script = re.findall(r'<script src="(/api/docs/[^"]+)"', html)
    assert script and Client().get(script[0].replace("&amp;", "&")).status_code == 200


def inline_scripts_without_the_nonce(response) -> list[str]:
    nonce = next(s for s in policy(response)["script-src"] if s.startswith("'nonce-"))
    nonce = nonce.removeprefix("'nonce-").removesuffix("'")
    tags = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.content.decode())
    return [t for t in tags if "application/" not in t and f'nonce="{nonce}"' not in t]


def test_the_admins_map_widget_and_the_workspace_form_carry_the_nonce(territory):
    from places.services import membership_add
    from tests.factories import OrganisationFactory, UserFactory

    admin = UserFactory(username="beheer", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    for path in ["/admin/places/place/add/", "/admin/buurt/area/add/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "leaflet" in response.content.decode()
        assert inline_scripts_without_the_nonce(response) == [], path

    sofie = UserFactory(username="sofie")
    membership_add(organisation=OrganisationFactory(verified=True), user=sofie)
    client.force_login(sofie)
    response = client.get("/werkruimte/nieuw/")
    assert response.status_code == 200
    assert "new_place_location" in response.content.decode()
    assert inline_scripts_without_the_nonce(response) == []

"""load_territory: real municipalities with their wijken and civic points, from the files
that ship under data/."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from buurt.models import Area, AreaKind, OpenDataSource
from places.models import Place, PlaceKind

pytestmark = pytest.mark.django_db


def load(*codes: str) -> str:
    out = StringIO()
    call_command("load_territory", *codes, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_gent_loads_with_its_wijken_libraries_and_civic_points_idempotently():
    out = load("44021")
    assert "Territory loaded: created 150, updated 0, unchanged 0, rejected 0" in out
    assert "1 municipalities: Gent" in out
    gent = Area.objects.get(kind=AreaKind.MUNICIPALITY)
    assert (gent.code, gent.name) == ("44021", "Gent")
    wijken = Area.objects.filter(kind=AreaKind.NEIGHBOURHOOD)
    assert wijken.count() == 25
    assert set(wijken.values_list("parent", flat=True)) == {gent.id}
    assert wijken.get(code="44021W01").name == "Binnenstad"

    places = Place.objects.all()
    assert places.count() == 124  # 109 OpenStreetMap points and 15 libraries
    assert not places.filter(organisation__isnull=False).exists()
    assert all(place.unverified for place in places)
    osm = places.filter(source__key="openstreetmap-civic-2015")
    assert osm.count() == 109
    assert osm.first().source.label == "OpenStreetMap (2015)"
    library = places.get(name="Hoofdbibliotheek")
    assert (library.kind, library.address) == (PlaceKind.LIBRARY, "Miriam Makebaplein 1, Gent")
    assert library.area.code == "44021W01"
    assert not places.filter(area__isnull=True).exists()
    assert set(OpenDataSource.objects.values_list("key", flat=True)) == {
        "statbel-municipalities-2025",
        "provincies-wijken-ggw7",
        "openstreetmap-civic-2015",
        "stad-gent-bibliotheken",
    }

    assert "created 0, updated 0, unchanged 150, rejected 0" in load("44021")
    assert Place.objects.count() == 124


def test_several_codes_with_or_without_commas():
    load("11002,12025", "44021")
    assert set(Area.objects.filter(kind=AreaKind.MUNICIPALITY).values_list("code", flat=True)) == {
        "11002",
        "12025",
        "44021",
    }
    assert Area.objects.filter(parent__code="11002").count() == 67  # Antwerpen


def test_the_libraries_of_gent_are_loaded_only_with_gent():
    load("11002")
    assert not Place.objects.filter(source__key="stad-gent-bibliotheken").exists()
    assert not OpenDataSource.objects.filter(key="stad-gent-bibliotheken").exists()
    assert Place.objects.filter(source__key="openstreetmap-civic-2015").count() == 229


def test_an_unknown_code_is_one_sentence_and_nothing_is_written():
    with pytest.raises(CommandError, match=r"Unknown municipality code 99999, 4402: "):
        load("44021", "99999", "4402")
    assert not Area.objects.exists()
    assert not Place.objects.exists()
    assert not OpenDataSource.objects.exists()


def test_dry_run_counts_and_writes_nothing():
    out = load("44021", "--dry-run")
    assert "Dry run, nothing written: created 150" in out
    assert not Area.objects.exists() and not OpenDataSource.objects.exists()


def test_it_says_how_to_make_the_first_administrator_until_there_is_one():
    assert "createsuperuser" in load("44021")
    get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    assert "createsuperuser" not in load("44021")


def test_the_footer_credits_what_was_loaded():
    before = Client().get("/").content.decode()
    assert "Wijken voor omgevingsanalyse" not in before
    load("44021")
    footer = Client().get("/").content.decode().split('<footer class="bw-footer site-footer">')[1]
    assert "Wijken voor omgevingsanalyse. © gemeentebesturen" in footer
    assert "Modellicentie Gratis Hergebruik v1.0" in footer
    assert "Statbel (Algemene Directie Statistiek)" in footer
    assert "Plekken: © OpenStreetMap-bijdragers, stand van 2 november 2015" in footer
    assert "Stad Gent (data.stad.gent)" in footer


def test_a_city_without_activities_says_so_and_how_organisations_start():
    load("44021")
    client = Client()
    for path in ("/", "/buurt/44021W01/", "/buurt/44021/", "/buurt/44021W01/affiche/"):
        page = client.get(path).content.decode()
        assert "Hier staat nog niets" in page, path
        assert "/accounts/login/" in page, path
    home = client.get("/").content.decode()
    assert "Probeer minder filters" not in home
    wijk = client.get("/buurt/44021W01/").content.decode()
    assert "Hoofdbibliotheek</strong>, Miriam Makebaplein 1, Gent" in wijk
    assert "uit OpenStreetMap (2015), nog door geen organisatie nagekeken" in wijk

"""Every spatial reference the web may name has its area of use, as PROJ's database says."""

import re
import shutil
import subprocess

import pytest
from django.conf import settings

from core.spatial import AREA_OF_USE, outside_area_of_use


def test_every_accepted_reference_has_its_area_of_use():
    assert set(settings.WEB_ACCEPTED_SRIDS) <= set(AREA_OF_USE)


@pytest.mark.skipif(shutil.which("projinfo") is None, reason="proj-bin (projinfo) is not installed")
@pytest.mark.parametrize("srid", sorted(AREA_OF_USE))
def test_the_areas_are_those_of_the_epsg_registry(srid):
    text = subprocess.run(
        ["projinfo", f"EPSG:{srid}"], capture_output=True, text=True, check=True
    ).stdout
    south, west, north, east = (
        float(n) for n in re.search(r"BBOX\[([^\]]+)\]", text)[1].split(",")
    )
    assert AREA_OF_USE[srid][1] == (west, south, east, north)


def test_inside_and_outside():
    assert outside_area_of_use(3.72, 51.05, 31370) is None  # Gent
    assert "EPSG:31370" in outside_area_of_use(-143.86, 2.78, 31370)
    assert outside_area_of_use(-143.86, 2.78, 4326) is None
    assert outside_area_of_use(0, 86, 3857)


@pytest.mark.parametrize(
    ("language", "words"),
    [("nl-be", "België, vasteland"), ("fr", "Belgique, partie terrestre"), ("en", "onshore")],
)
def test_the_error_names_the_area_in_the_readers_language(language, words):
    from django.utils import translation

    with translation.override(language):
        assert words in outside_area_of_use(-143.86, 2.78, 31370)

"""The pictograms of the seven work models: one per code, each a well-formed SVG with an
accessible name unless it is marked decorative."""

from xml.dom.minidom import parseString

import pytest
from django.template.loader import render_to_string

from events.work_models import WORK_MODELS

ICON = "frontend/includes/work_model_icon.html"
CODES = [row[0] for row in WORK_MODELS]


@pytest.mark.parametrize("code", CODES)
def test_each_work_model_has_its_own_named_pictogram(code):
    svg = parseString(render_to_string(ICON, {"code": code, "name": f"Naam {code}"}).strip())
    root = svg.documentElement
    assert root.tagName == "svg"
    assert root.getAttribute("role") == "img"
    assert root.getAttribute("aria-label") == f"Naam {code}"
    assert root.getElementsByTagName("title")[0].firstChild.data == f"Naam {code}"
    assert f"wm-icon-{code}" in root.getAttribute("class")


def test_the_seven_pictograms_differ_and_decorative_ones_are_hidden():
    drawings = set()
    for code in CODES:
        svg = render_to_string(ICON, {"code": code, "decorative": True}).strip()
        root = parseString(svg).documentElement
        assert root.getAttribute("aria-hidden") == "true"
        assert not root.getElementsByTagName("title")
        drawings.add(svg.split(">", 1)[1])
    assert len(drawings) == len(CODES)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl-be", "fr", "en"])
def test_the_kept_tag_is_the_include_in_every_language(language):
    """work_model_tags.work_model_tag keeps a tag's markup per wording: the same HTML as
    the include, as a label, as a link and as the chosen link, in the page's language."""
    from django.template import engines
    from django.utils import translation

    from events.models import WorkModel
    from frontend.templatetags.work_model_tags import TAG

    kept = engines["django"].from_string(
        "{% load work_model_tags %}{% work_model_tag model href=href current=current %}"
    )
    with translation.override(language):
        for model in WorkModel.objects.all():
            for href, current in (("", False), ("?work_model=x&a=<b>", False), ("?y", True)):
                context = {"model": model, "href": href, "current": current}
                assert kept.render(context) == render_to_string(TAG, context)

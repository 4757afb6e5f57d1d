"""The dashboard's share classes: readable text on every fill, 0 % and "no residents known"
never alike."""

import pytest

from frontend.coverage_scale import (
    NO_DATA_CSS,
    SHARE_CLASSES,
    contrast,
    legend,
    share_class,
    share_style,
)


def test_every_class_keeps_its_text_readable():
    # WCAG AA for small text: 4.5:1 (the cells' figures are small).
    for klass in SHARE_CLASSES:
        assert contrast(klass.fill, klass.text) >= 4.5, klass


@pytest.mark.parametrize(
    ("share", "index"),
    [(0.0, 0), (0.0001, 1), (0.2499, 1), (0.25, 2), (0.5, 3), (0.75, 4), (0.9999, 4), (1.0, 5)],
)
def test_the_classes_cover_every_share(share, index):
    assert share_class(share) is SHARE_CLASSES[index]


def test_zero_and_unknown_are_told_apart():
    assert share_class(None) is None
    assert share_style(None) == NO_DATA_CSS and "repeating-linear-gradient" in NO_DATA_CSS
    assert share_style(0.0) != share_style(None) != share_style(0.1)
    assert len({klass.fill for klass in SHARE_CLASSES}) == len(SHARE_CLASSES)
    entries = legend()
    assert entries[-1].get("no_data") and str(entries[-1]["label"]) == "geen inwoners bekend"
    assert str(entries[0]["label"]).startswith("0 %")

"""The reads of the sensitivity method: touching areas (adjacency)."""

import pytest

from buurt.models import Area, AreaKind, SensitivityType
from buurt.sensitivity.queries import touching_pairs
from tests.buurt.sensitivity.territory import (
    PLAIN,
    STABLE_VULNERABLE,
    Year,
    assess,
    give,
    make_town,
    neighbourhood,
    row_town,
)

pytestmark = pytest.mark.django_db


# --- Adjacency -------------------------------------------------------------------------------
def corner_town(high_at: tuple[int, int]) -> tuple[Area, Area]:
    """The area under test at (0, 0) and the only high-priced area at `high_at`."""
    _, district = make_town()
    subject = neighbourhood("T1X", district, 0, 0)
    high = neighbourhood("T1H", district, *high_at)
    others = [neighbourhood(f"T1O{i}", district, col) for i, col in enumerate((5, 6, 7))]
    give(subject, Year(price=100, **STABLE_VULNERABLE[0]), Year(price=110, **STABLE_VULNERABLE[1]))
    give(high, Year(price=400, **PLAIN[0]), Year(price=440, **PLAIN[1]))
    for other, (p0, p1) in zip(others, [(150, 165), (200, 220), (300, 330)], strict=True):
        give(other, Year(price=p0, **PLAIN[0]), Year(price=p1, **PLAIN[1]))
    return subject, high


def test_touching_at_a_single_corner_point_counts():
    subject, high = corner_town(high_at=(1, 1))
    assert (subject.id, high.id) in touching_pairs(AreaKind.NEIGHBOURHOOD)
    assessment = assess(subject)
    assert assessment.housing_market == "adjacent"
    assert assessment.type == SensitivityType.SUSCEPTIBLE
    assert assessment.reasons["housing_market"]["touching_high"] == [
        {"code": "T1H", "name": "T1H", "high_value": True, "high_appreciation": False}
    ]


def test_not_touching_is_not_adjacent():
    subject, high = corner_town(high_at=(2, 1))
    assert (subject.id, high.id) not in touching_pairs(AreaKind.NEIGHBOURHOOD)
    assessment = assess(subject)
    assert assessment.housing_market == ""
    assert assessment.type == SensitivityType.NONE


def test_a_neighbour_with_high_appreciation_makes_an_area_adjacent():
    prices = [(100, 110), (100, 200), (150, 165), (300, 330), (400, 440)]
    assessment = assess(row_town(STABLE_VULNERABLE, prices)[0])
    assert assessment.reasons["housing_market"]["touching_high"] == [
        {"code": "T1W1", "name": "T1W1", "high_value": False, "high_appreciation": True}
    ]
    assert assessment.type == SensitivityType.SUSCEPTIBLE

"""The rules of the sensitivity method: the eight outcomes, missing data, thresholds and
quintiles (territories in territory.py)."""

import pytest

from buurt.models import AreaKind, IndicatorValue, SensitivityAssessment, SensitivityType
from buurt.sensitivity.assess import sensitivity_assess
from buurt.sensitivity.method import METHOD_VERSION, quintiles
from buurt.sensitivity.words import reasons_in_words
from tests.buurt.sensitivity.territory import (
    CHANGING_VULNERABLE,
    CONTINUED,
    MARKETS,
    PLAIN,
    STABLE_VULNERABLE,
    T0,
    T1,
    Year,
    assess,
    give,
    make_town,
    neighbourhood,
    row_town,
    shares,
)

pytestmark = pytest.mark.django_db


# --- The eight outcomes ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("profile", "market", "expected", "vulnerable", "change"),
    [
        (STABLE_VULNERABLE, "adjacent", SensitivityType.SUSCEPTIBLE, True, False),
        (STABLE_VULNERABLE, "accelerating", SensitivityType.EARLY_TYPE_1, True, False),
        (CHANGING_VULNERABLE, "adjacent", SensitivityType.EARLY_TYPE_2, True, True),
        (CHANGING_VULNERABLE, "accelerating", SensitivityType.DYNAMIC, True, True),
        (CHANGING_VULNERABLE, "appreciated", SensitivityType.LATE, True, True),
        (CONTINUED, "appreciated", SensitivityType.CONTINUED_LOSS, False, True),
        # Bates leaves these combinations out of the typology:
        (STABLE_VULNERABLE, "appreciated", SensitivityType.NONE, True, False),
        (CHANGING_VULNERABLE, "none", SensitivityType.NONE, True, True),
        (PLAIN, "adjacent", SensitivityType.NONE, False, False),
        (CONTINUED, "accelerating", SensitivityType.NONE, False, True),
    ],
)
def test_each_type(profile, market, expected, vulnerable, change):
    subject = row_town(profile, market)[0]
    assessment = assess(subject)
    assert assessment.type == expected
    assert assessment.vulnerable is vulnerable
    assert assessment.demographic_change is change
    assert assessment.housing_market == ("" if market == "none" else market)
    assert assessment.method_version == METHOD_VERSION
    assert (assessment.t0, assessment.t1) == (T0, T1)
    # The foreign neighbourhood is neither a peer nor a neighbour.
    assert assessment.reasons["reference"] == {
        "kind": "municipality",
        "code": "T1",
        "name": "Gemeente T1",
        "areas": 5,
    }
    assert assessment.reasons["housing_market"]["areas"] == {"t0": 5, "t1": 5, "appreciation": 5}
    assert "T2W0" not in {n["code"] for n in assessment.reasons["housing_market"]["touching_high"]}


def test_insufficient_data_names_every_missing_item():
    subject = row_town(STABLE_VULNERABLE, "adjacent")[0]
    IndicatorValue.objects.filter(
        area=subject, indicator__in=["share_renters", "median_sale_price"], year=T0
    ).delete()
    IndicatorValue.objects.filter(area=subject, indicator="population", year=T1).delete()
    assessment = assess(subject)
    assert assessment.type == SensitivityType.INSUFFICIENT_DATA
    assert (assessment.vulnerable, assessment.demographic_change) == (None, None)
    assert assessment.housing_market is None
    assert assessment.reasons["missing"] == [
        {"reason": "missing_indicator", "indicator": "share_renters", "year": T0},
        {"reason": "missing_indicator", "indicator": "median_sale_price", "year": T0},
        {"reason": "missing_indicator", "indicator": "population", "year": T1},
    ]
    assert "vulnerable" not in assessment.reasons  # nothing is guessed


def test_an_area_without_the_population_indicator_is_left_out_of_the_reference():
    areas = row_town(STABLE_VULNERABLE, "adjacent")
    IndicatorValue.objects.filter(area=areas[1], indicator="population").delete()
    IndicatorValue.objects.filter(area=areas[2], indicator="share_renters", year=T1).update(
        value=0.9
    )
    IndicatorValue.objects.filter(area=areas[1], indicator="share_renters", year=T1).update(
        value=0.9
    )
    assessment = assess(areas[0])
    renters = assessment.reasons["vulnerable"]["t1"]["conditions"][0]
    # areas 0, 2, 3, 4 with 1,000 residents each: (0.6 + 0.9 + 0.2 + 0.2) / 4
    assert renters["reference"] == pytest.approx(0.475)
    assert SensitivityAssessment.objects.get(area=areas[1]).reasons["missing"] == [
        {"reason": "missing_indicator", "indicator": "population", "year": T0},
        {"reason": "missing_indicator", "indicator": "population", "year": T1},
    ]


def test_the_reference_is_weighted_by_population():
    areas = row_town(STABLE_VULNERABLE, "adjacent", subject_t1={"population": 4000})
    assessment = assess(areas[0])
    renters = assessment.reasons["vulnerable"]["t1"]["conditions"][0]
    # (4000 × 0.6 + 4 × 1000 × 0.2) / 8000 = 0.4; unweighted it would be 0.28
    assert renters["reference"] == pytest.approx(0.4)
    assert renters["area"] == 0.6


@pytest.mark.parametrize(
    ("households", "minimum", "assessed"),
    [(99, None, False), (100, None, True), (99, 50, True), (50, 51, False)],
)
def test_households_minimum_in_t1(settings, households, minimum, assessed):
    if minimum is not None:
        settings.SENSITIVITY_MIN_HOUSEHOLDS = minimum
    subject = row_town(STABLE_VULNERABLE, "adjacent", subject_t1={"households": households})[0]
    # the first year does not count
    IndicatorValue.objects.filter(area=subject, indicator="households", year=T0).update(value=1)
    assessment = assess(subject)
    if assessed:
        assert assessment.type == SensitivityType.SUSCEPTIBLE
    else:
        assert assessment.type == SensitivityType.INSUFFICIENT_DATA
        assert assessment.reasons["missing"] == [
            {
                "reason": "too_few_households",
                "year": T1,
                "households": households,
                "minimum": minimum or 100,
            }
        ]


def test_a_municipality_is_not_assessed_and_an_area_outside_one_has_no_reference():
    municipality, _ = make_town()
    orphan = neighbourhood("LOOSE", None, col=7)
    give(municipality, Year(price=200), Year(price=220))
    give(orphan, Year(price=200), Year(price=220))
    sensitivity_assess(kind=AreaKind.MUNICIPALITY, t0=T0, t1=T1)
    sensitivity_assess(kind=AreaKind.NEIGHBOURHOOD, t0=T0, t1=T1)
    town = SensitivityAssessment.objects.get(area=municipality)
    assert town.type == SensitivityType.INSUFFICIENT_DATA
    assert town.reasons["missing"] == [{"reason": "is_municipality"}]
    loose = SensitivityAssessment.objects.get(area=orphan)
    assert loose.type == SensitivityType.INSUFFICIENT_DATA
    assert loose.reasons["missing"] == [{"reason": "no_municipality"}]


# --- Thresholds: equal never counts ---------------------------------------------------------
def test_vulnerable_needs_strictly_above_on_three_of_four():
    # Every area has 0.3 renters and 0.3 on a low income, with unequal populations, so the
    # weighted reference is 0.3 up to floating-point noise: equal, not above.
    areas = row_town(PLAIN, "adjacent")
    IndicatorValue.objects.filter(
        indicator__in=["share_renters", "share_low_income"], area__code__startswith="T1"
    ).update(value=0.3)
    IndicatorValue.objects.filter(
        area=areas[0], indicator__in=["share_migration_background", "share_no_higher_education"]
    ).update(value=0.6)
    for i, population in enumerate([1234, 777, 3001, 999, 1500]):
        IndicatorValue.objects.filter(area=areas[i], indicator="population").update(
            value=population
        )
    assessment = assess(areas[0])
    t1 = assessment.reasons["vulnerable"]["t1"]
    assert [c["held"] for c in t1["conditions"]] == [False, True, True, False]
    assert t1["count"] == 2
    assert assessment.vulnerable is False
    assert "Het aandeel huurders (30%) ligt niet boven dat van de gemeente (30%)." in (
        reasons_in_words(assessment)
    )

    # One more share above the municipality: 3 of 4 is enough.
    IndicatorValue.objects.filter(area=areas[0], indicator="share_low_income").update(value=0.31)
    assessment = assess(areas[0])
    assert assessment.reasons["vulnerable"]["t1"]["count"] == 3
    assert assessment.vulnerable is True
    assert assessment.type == SensitivityType.SUSCEPTIBLE


def test_a_change_equal_to_the_municipality_does_not_count():
    # Every area loses 10 points on every share and gains 10 % income: the area changes
    # exactly as the municipality does, so no condition holds. The unequal populations make
    # the reference's change differ from the area's in the last bits of a float.
    prices = MARKETS["adjacent"]
    _, district = make_town()
    areas = [neighbourhood(f"T1W{i}", district, col=i) for i in range(5)]
    populations = [1234, 777, 3001, 999, 1500]
    for area, (p0, p1), population in zip(areas, prices, populations, strict=True):
        give(
            area,
            Year(price=p0, **shares(0.65), income=30000, population=population),
            Year(price=p1, **shares(0.55), income=33000, population=population),
        )
    assessment = assess(areas[0])
    change = assessment.reasons["demographic_change"]
    assert [c["held"] for c in change["conditions"]] == [False, False, False, False]
    for condition in change["conditions"]:
        assert condition["area"]["change"] == pytest.approx(condition["reference"]["change"])
    assert assessment.demographic_change is False


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        # renters, education, migration, income
        ({"education", "migration"}, True),  # 2 of 4, but both education and migration
        ({"renters", "education", "income"}, True),  # 3 of 4
        ({"renters", "migration", "income"}, True),  # 3 of 4
        ({"renters", "education"}, False),  # 2 of 4, not the pair
        ({"migration", "income"}, False),
        (set(), False),
    ],
)
def test_demographic_change_three_of_four_or_education_and_migration(changed, expected):
    t0 = shares(0.6) | {"income": 20000}
    t1 = shares(0.6) | {"income": 22000}
    for key in changed - {"income"}:
        t1[key] = 0.5
    if "income" in changed:
        t1["income"] = 26000
    assessment = assess(row_town((t0, t1), "adjacent")[0])
    held = {
        c["indicator"]: c["held"] for c in assessment.reasons["demographic_change"]["conditions"]
    }
    names = {
        "renters": "share_renters",
        "education": "share_no_higher_education",
        "migration": "share_migration_background",
        "income": "median_income",
    }
    assert {key for key, name in names.items() if held[name]} == changed
    assert assessment.demographic_change is expected
    assert assessment.reasons["demographic_change"]["count"] == len(changed)


def test_quintile_formula_with_ties():
    values = {"a": 1, "b": 1, "c": 2, "d": 3, "e": 3, "f": 3, "g": 4}
    # strictly lower: a,b 0; c 2; d,e,f 3; g 6 -> 1 + floor(5 × lower / 7)
    assert quintiles(values) == {"a": 1, "b": 1, "c": 2, "d": 3, "e": 3, "f": 3, "g": 5}
    assert quintiles({i: i for i in range(5)}) == {0: 1, 1: 2, 2: 3, 3: 4, 4: 5}
    # ten areas: 6 lower is quintile 4 (high), 5 lower is quintile 3 (low or moderate)
    ten = quintiles({i: i for i in range(10)})
    assert (ten[5], ten[6]) == (3, 4)
    assert quintiles({"x": 7.0}) == {"x": 1}
    assert quintiles({}) == {}
    # ties computed in floating point stay ties
    assert quintiles({"p": 0.1 + 0.2, "q": 0.3, "r": 0.5}) == {"p": 1, "q": 1, "r": 4}


def test_tied_prices_share_a_quintile_in_the_assessment():
    # Areas 1 and 2 tie for the second-highest price in t1: both have 2 areas strictly
    # lower, so both are in quintile 3 (low or moderate), not 3 and 4.
    prices = [(100, 110), (200, 330), (150, 330), (120, 132), (400, 440)]
    areas = row_town(STABLE_VULNERABLE, prices)
    sensitivity_assess(kind=AreaKind.NEIGHBOURHOOD, t0=T0, t1=T1)
    q1 = {
        a.area.code: a.reasons["housing_market"]["value_t1"]["quintile"]
        for a in SensitivityAssessment.objects.filter(area__in=areas).select_related("area")
    }
    assert q1 == {"T1W0": 1, "T1W1": 3, "T1W2": 3, "T1W3": 2, "T1W4": 5}

"""The gentrification-sensitivity method (docs/sensitivity.md) on hand-built territories.

Most tests build one municipality with five neighbourhoods in a row of squares (through a
district, so that the municipality is found by walking the parents). With five areas the
quintile formula 1 + floor(5 × lower / 5) is simply 1 + the number of areas strictly lower,
and with equal populations the municipality's reference is the plain mean, which keeps the
expected numbers readable. A second municipality touches the row on the west, with extreme
values, to show that nothing crosses municipal borders.
"""

from dataclasses import dataclass, field
from io import StringIO

import pytest
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.core.management import CommandError, call_command
from django.urls import reverse

from buurt.models import (
    Area,
    AreaKind,
    IndicatorValue,
    SensitivityAssessment,
    SensitivityType,
)
from buurt.sensitivity import (
    METHOD_VERSION,
    quintiles,
    reasons_in_words,
    sensitivity_assess,
    sensitivity_for,
    touching_pairs,
)

pytestmark = pytest.mark.django_db

T0, T1 = 2018, 2023
X0, Y0, STEP = 3.70, 51.00, 0.01


def cell(col: int, row: int) -> MultiPolygon:
    """A grid square; neighbouring squares share exactly the same corner coordinates."""

    def x(c: int) -> float:
        return round(X0 + c * STEP, 6)

    def y(r: int) -> float:
        return round(Y0 + r * STEP, 6)

    return MultiPolygon(Polygon.from_bbox((x(col), y(row), x(col + 1), y(row + 1))), srid=4326)


@dataclass
class Year:
    """One area's figures in one year; `skip` leaves indicators out (missing data)."""

    price: float
    renters: float = 0.2
    migration: float = 0.2
    education: float = 0.2
    low_income: float = 0.2
    income: float = 30000
    population: float = 1000
    households: float = 400
    skip: tuple[str, ...] = field(default=())

    def rows(self, area: Area, year: int) -> list[IndicatorValue]:
        values = {
            "population": self.population,
            "households": self.households,
            "share_renters": self.renters,
            "share_migration_background": self.migration,
            "share_no_higher_education": self.education,
            "share_low_income": self.low_income,
            "median_income": self.income,
            "median_sale_price": self.price * 1000,
        }
        return [
            IndicatorValue(area=area, indicator=indicator, year=year, value=value)
            for indicator, value in values.items()
            if indicator not in self.skip
        ]


def shares(value: float, **overrides) -> dict:
    return {"renters": value, "migration": value, "education": value, "low_income": value} | {
        key: overrides[key] for key in overrides
    }


# Demographic profiles (t0, t1) of the area under test. Every other area is PLAIN.
PLAIN = ({}, {"income": 33000})  # shares 0.2 both years, income +10 %
STABLE_VULNERABLE = (
    shares(0.6) | {"income": 20000},
    shares(0.6) | {"income": 22000},  # +10 %, the same as the municipality
)
CHANGING_VULNERABLE = (
    shares(0.7, low_income=0.6) | {"income": 20000},
    shares(0.6) | {"income": 26000},  # shares −10 points, income +30 %
)
CONTINUED = (shares(0.6) | {"income": 20000}, shares(0.2) | {"income": 22000})

# Prices in thousands (t0, t1) for the five areas in the row, the area under test first.
# Area 1 touches area 0; areas 2-4 do not.
MARKETS = {
    # area 1 has the highest price in t1 (quintile 5); every appreciation is +10 % (a tie)
    "adjacent": [(100, 110), (400, 440), (150, 165), (200, 220), (300, 330)],
    "accelerating": [(100, 200), (150, 165), (200, 220), (300, 330), (400, 440)],
    "appreciated": [(100, 500), (150, 165), (200, 220), (300, 330), (400, 440)],
    # the high areas (3 and 4) do not touch area 0
    "none": [(100, 110), (150, 165), (200, 220), (300, 330), (400, 440)],
}


def make_town(code: str = "T1") -> tuple[Area, Area]:
    municipality = Area.objects.create(
        kind=AreaKind.MUNICIPALITY, code=code, name=f"Gemeente {code}", geometry=cell(0, 0)
    )
    district = Area.objects.create(
        kind=AreaKind.DISTRICT,
        code=f"{code}D",
        name=f"District {code}",
        parent=municipality,
        geometry=cell(0, 0),
    )
    return municipality, district


def neighbourhood(code: str, parent: Area | None, col: int, row: int = 0) -> Area:
    return Area.objects.create(
        kind=AreaKind.NEIGHBOURHOOD, code=code, name=code, parent=parent, geometry=cell(col, row)
    )


def give(area: Area, t0: Year, t1: Year) -> None:
    IndicatorValue.objects.bulk_create(t0.rows(area, T0) + t1.rows(area, T1))


def row_town(
    profile: tuple[dict, dict],
    market: str | list[tuple[float, float]],
    *,
    subject_t0: dict | None = None,
    subject_t1: dict | None = None,
) -> list[Area]:
    """Five neighbourhoods in a row, the first one with `profile`, and a foreign neighbour."""
    _, district = make_town()
    prices = MARKETS[market] if isinstance(market, str) else market
    areas = [neighbourhood(f"T1W{i}", district, col=i) for i in range(5)]
    for i, (area, (p0, p1)) in enumerate(zip(areas, prices, strict=True)):
        t0, t1 = profile if i == 0 else PLAIN
        if i == 0:
            t0, t1 = t0 | (subject_t0 or {}), t1 | (subject_t1 or {})
        give(area, Year(price=p0, **t0), Year(price=p1, **t1))
    # Another municipality's neighbourhood touches area 0: the highest price and rise of its
    # own municipality, many renters. It must change nothing in the first municipality.
    _, other = make_town("T2")
    foreign = neighbourhood("T2W0", other, col=-1)
    give(foreign, Year(price=900, **shares(0.9)), Year(price=3000, **shares(0.1)))
    for col in (-3, -4):
        give(neighbourhood(f"T2W{-col}", other, col=col), Year(price=50), Year(price=55))
    return areas


def assess(area: Area) -> SensitivityAssessment:
    sensitivity_assess(kind=AreaKind.NEIGHBOURHOOD, t0=T0, t1=T1)
    return SensitivityAssessment.objects.get(area=area)


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


# --- Storing and reading ---------------------------------------------------------------------
def test_a_new_run_replaces_the_stored_one_and_is_what_is_read(django_assert_max_num_queries):
    areas = row_town(STABLE_VULNERABLE, "adjacent")
    with django_assert_max_num_queries(10):  # set-based: the same few queries for any size
        summary = sensitivity_assess(kind=AreaKind.NEIGHBOURHOOD, t0=T0, t1=T1)
    assert summary.total == 8
    assert summary.counts[SensitivityType.SUSCEPTIBLE] == 1
    first = set(SensitivityAssessment.objects.values_list("id", flat=True))
    sensitivity_assess(kind=AreaKind.NEIGHBOURHOOD, t0=T0, t1=T1)
    assert SensitivityAssessment.objects.count() == 8
    assert not first & set(SensitivityAssessment.objects.values_list("id", flat=True))

    # Other years are kept, but the latest run is what the map reads.
    give_years = [
        IndicatorValue(area=v.area, indicator=v.indicator, year=v.year - 1, value=v.value)
        for v in IndicatorValue.objects.filter(year=T0)
    ]
    IndicatorValue.objects.bulk_create(give_years)
    sensitivity_assess(kind=AreaKind.NEIGHBOURHOOD, t0=T0 - 1, t1=T1)
    assert SensitivityAssessment.objects.count() == 16
    latest = sensitivity_for(AreaKind.NEIGHBOURHOOD)
    assert {(a.t0, a.t1) for a in latest} == {(T0 - 1, T1)}
    assert {a.area_id for a in latest} >= {a.id for a in areas}
    assert not sensitivity_for(AreaKind.DISTRICT).exists()


def test_summary_lists_every_type():
    row_town(CHANGING_VULNERABLE, "accelerating")
    text = str(sensitivity_assess(kind=AreaKind.NEIGHBOURHOOD, t0=T0, t1=T1))
    for value in SensitivityType.values:
        assert value in text


# --- In words --------------------------------------------------------------------------------
def test_reasons_in_plain_words():
    assessment = assess(row_town(STABLE_VULNERABLE, "adjacent")[0])
    dutch = reasons_in_words(assessment)
    # reference: (0.6 + 4 × 0.2) / 5 = 28 %
    assert "Het aandeel huurders (60%) ligt boven dat van de gemeente (28%)." in dutch
    assert (
        "Woningmarkt: aangrenzend (grenst aan een gebied met hoge of snel stijgende prijzen)."
        in dutch
    )
    assert any("T1W1" in sentence for sentence in dutch)
    assert "The share of renters (60%) is above the municipality's (28%)." in (
        reasons_in_words(assessment, "en")
    )
    french = reasons_in_words(assessment, "fr-be")
    assert (
        "La part de locataires (60\u202f%) est supérieure à celle de la commune (28\u202f%)."
        in (french)
    )
    assert reasons_in_words(assessment, "de") == dutch
    assert all(sentence.endswith(".") for sentence in dutch + french)


def test_unequal_figures_never_read_as_equal():
    areas = row_town(STABLE_VULNERABLE, "adjacent")
    IndicatorValue.objects.filter(indicator="share_renters", area__in=areas[1:]).update(value=0.28)
    IndicatorValue.objects.filter(indicator="share_renters", area=areas[0]).update(value=0.2804)
    # reference (0.2804 + 4 × 0.28) / 5 = 0.28008: one decimal would say 28% and 28%
    dutch = reasons_in_words(assess(areas[0]))
    assert "Het aandeel huurders (28,04%) ligt boven dat van de gemeente (28,01%)." in dutch


def test_missing_data_in_words():
    subject = row_town(STABLE_VULNERABLE, "adjacent", subject_t1={"households": 40})[0]
    IndicatorValue.objects.filter(area=subject, indicator="share_renters", year=T0).delete()
    assessment = assess(subject)
    assert reasons_in_words(assessment) == [
        "Niet beoordeeld: de gegevens volstaan niet.",
        "Ontbreekt: het aandeel huurders in 2018.",
        "Te weinig huishoudens in 2023 (40; minstens 100 nodig).",
    ]
    assert reasons_in_words(assessment, "en")[1] == "Missing: the share of renters in 2018."


# --- The demo and the command ----------------------------------------------------------------
def test_the_demo_yields_at_least_three_types():
    call_command("load_demo", stdout=StringIO())
    out = StringIO()
    call_command(
        "assess_sensitivity", "--kind", "neighbourhood", "--t0", "2018", "--t1", "2023", stdout=out
    )
    types = set(
        SensitivityAssessment.objects.filter(area__kind="neighbourhood").values_list(
            "type", flat=True
        )
    )
    assert len(types - {SensitivityType.NONE, SensitivityType.INSUFFICIENT_DATA}) >= 2
    assert len(types) >= 3
    assert "susceptible" in out.getvalue()
    by_code = dict(SensitivityAssessment.objects.values_list("area__code", "type"))
    # the README's pattern: vulnerable and stable next to rising areas; gentrifying ones
    assert by_code["99001W01"] == SensitivityType.SUSCEPTIBLE
    assert by_code["99001W04"] in {SensitivityType.DYNAMIC, SensitivityType.LATE}
    assert by_code["99001W06"] == SensitivityType.NONE  # affluent Heidebos


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--kind", "street", "--t0", "2018", "--t1", "2023"], "Unknown kind 'street'"),
        (["--kind", "neighbourhood", "--t0", "2023", "--t1", "2023"], "must come before"),
        (["--kind", "neighbourhood", "--t0", "2023", "--t1", "2018"], "must come before"),
        (["--kind", "neighbourhood", "--t0", "2019", "--t1", "2023"], "no indicator values"),
        (["--kind", "district", "--t0", "2018", "--t1", "2023"], "no indicator values"),
    ],
)
def test_the_command_refuses_bad_input_in_one_sentence(arguments, message):
    row_town(STABLE_VULNERABLE, "adjacent")
    with pytest.raises(CommandError) as error:
        call_command("assess_sensitivity", *arguments, stdout=StringIO())
    text = str(error.value)
    assert message in text
    assert "\n" not in text and text.endswith(".") and text.count(". ") == 0
    assert not SensitivityAssessment.objects.exists()


def test_the_command_prints_counts_per_type():
    row_town(CHANGING_VULNERABLE, "accelerating")
    out = StringIO()
    call_command(
        "assess_sensitivity", "--kind", "neighbourhood", "--t0", "2018", "--t1", "2023", stdout=out
    )
    lines = out.getvalue().splitlines()
    assert "8 areas" in lines[0]
    assert any(line.split() == ["dynamic", "1"] for line in lines)
    assert any(line.split() == ["none", "7"] for line in lines)


def test_the_admin_shows_an_assessment_and_allows_no_edits(admin_client):
    subject = row_town(STABLE_VULNERABLE, "adjacent")[0]
    assessment = assess(subject)
    page = admin_client.get(
        reverse("admin:buurt_sensitivityassessment_change", args=[assessment.pk])
    )
    assert page.status_code == 200
    assert b"susceptible" in page.content.lower()
    changelist = reverse("admin:buurt_sensitivityassessment_changelist")
    assert admin_client.get(changelist, {"q": "T1W0"}).status_code == 200
    assert admin_client.get(reverse("admin:buurt_sensitivityassessment_add")).status_code == 403

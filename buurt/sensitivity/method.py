"""The sensitivity method itself, with no database: quintiles, the municipality groups,
the three conditions (vulnerable, demographic change, housing market) and Bates's typology.

It follows docs/sensitivity.md line by line. Every area is compared with its own municipality
(the population-weighted mean over the municipality's areas of the same kind), between two
years. Nothing is guessed: an area that lacks a figure gets `insufficient_data`, with the
figure named.
"""

import math
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from buurt.models import (
    AreaKind,
    HousingMarket,
    Indicator,
    SensitivityAssessment,
    SensitivityType,
)

METHOD_VERSION = "bates-2013-vl-1"

VULNERABILITY_SHARES = [
    Indicator.SHARE_RENTERS,
    Indicator.SHARE_MIGRATION_BACKGROUND,
    Indicator.SHARE_NO_HIGHER_EDUCATION,
    Indicator.SHARE_LOW_INCOME,
]
VULNERABLE_AT_LEAST = 3
CHANGE_AT_LEAST = 3
# (indicator, how its change is measured, which way the area must differ from the municipality)
CHANGE_CONDITIONS = [
    (Indicator.SHARE_RENTERS, "points", "less"),
    (Indicator.SHARE_NO_HIGHER_EDUCATION, "points", "less"),
    (Indicator.SHARE_MIGRATION_BACKGROUND, "points", "less"),
    (Indicator.MEDIAN_INCOME, "ratio", "more"),
]
# Bates's shortcut: losing both low-educated and migration-background residents faster than
# the city is a change on its own, whatever the other two conditions say.
CHANGE_PAIR = (Indicator.SHARE_NO_HIGHER_EDUCATION, Indicator.SHARE_MIGRATION_BACKGROUND)
PRICE = Indicator.MEDIAN_SALE_PRICE
HIGH_QUINTILE = 4  # quintiles 4-5 are "high", 1-3 "low or moderate"

REFERENCED = [*VULNERABILITY_SHARES, Indicator.MEDIAN_INCOME]
NEEDED_BOTH_YEARS = [Indicator.POPULATION, *REFERENCED, PRICE]


def min_households() -> int:
    return getattr(settings, "SENSITIVITY_MIN_HOUSEHOLDS", 100)


# --- Comparisons ---------------------------------------------------------------------------
# Strictly above / strictly less: a value equal to the reference never counts. The reference
# is a weighted mean computed in floating point, so "equal" means equal up to rounding noise
# (one part in a billion), not bit for bit.
def same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _above(a: float, b: float) -> bool:
    return a > b and not same(a, b)


def _below(a: float, b: float) -> bool:
    return a < b and not same(a, b)


def quintiles(values: dict[int, float]) -> dict[int, int]:
    """Quintile of each value among all of them: 1 + floor(5 × (number strictly lower) / n).

    Ties share the quintile of their lowest member, so equal values are never split."""
    ordered = sorted(values.values())
    n = len(ordered)
    result = {}
    for key, value in values.items():
        lower = bisect_left(ordered, value)
        while lower > 0 and same(ordered[lower - 1], value):
            lower -= 1
        result[key] = 1 + (5 * lower) // n
    return result


# --- Areas and their municipality ---------------------------------------------------------
@dataclass(frozen=True)
class AreaInfo:
    id: int
    code: str
    name: str
    parent_id: int | None
    kind: str


def municipality_of(area: AreaInfo, areas: dict[int, AreaInfo]) -> int | None:
    seen = {area.id}
    parent_id = area.parent_id
    while parent_id is not None and parent_id not in seen:
        parent = areas.get(parent_id)
        if parent is None:
            return None
        if parent.kind == AreaKind.MUNICIPALITY:
            return parent.id
        seen.add(parent_id)
        parent_id = parent.parent_id
    return None


# --- The method ----------------------------------------------------------------------------
@dataclass
class Group:
    """The areas of one kind in one municipality: the peers every comparison is made with."""

    municipality: AreaInfo
    members: list[int]
    reference: dict[tuple[str, int], float | None] = field(default_factory=dict)
    value_t0: dict[int, int] = field(default_factory=dict)
    value_t1: dict[int, int] = field(default_factory=dict)
    appreciation: dict[int, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def _weighted_mean(
    members: Iterable[int], values: dict[tuple[int, str, int], float], indicator: str, year: int
) -> float | None:
    total = weight = 0.0
    for area_id in members:
        value = values.get((area_id, indicator, year))
        population = values.get((area_id, Indicator.POPULATION, year))
        if value is None or population is None:
            continue
        total += population * value
        weight += population
    return total / weight if weight > 0 else None


def build_group(
    municipality: AreaInfo,
    members: list[int],
    values: dict[tuple[int, str, int], float],
    t0: int,
    t1: int,
) -> Group:
    group = Group(municipality, members)
    for year in (t0, t1):
        for indicator in REFERENCED:
            group.reference[(indicator, year)] = _weighted_mean(members, values, indicator, year)
    price_t0 = {a: values[(a, PRICE, t0)] for a in members if (a, PRICE, t0) in values}
    price_t1 = {a: values[(a, PRICE, t1)] for a in members if (a, PRICE, t1) in values}
    appreciation = {a: price_t1[a] / price_t0[a] - 1 for a in price_t1 if price_t0.get(a)}
    group.value_t0, group.value_t1 = quintiles(price_t0), quintiles(price_t1)
    group.appreciation = quintiles(appreciation)
    group.counts = {"t0": len(price_t0), "t1": len(price_t1), "appreciation": len(appreciation)}
    return group


def _high_market(group: Group, area_id: int) -> tuple[bool, bool]:
    return (
        group.value_t1.get(area_id, 0) >= HIGH_QUINTILE,
        group.appreciation.get(area_id, 0) >= HIGH_QUINTILE,
    )


def _missing(area_id: int, values: dict, t0: int, t1: int, group: Group | None) -> list[dict]:
    missing = [
        {"reason": "missing_indicator", "indicator": indicator, "year": year}
        for year in (t0, t1)
        for indicator in NEEDED_BOTH_YEARS
        if (area_id, indicator, year) not in values
    ]
    households = values.get((area_id, Indicator.HOUSEHOLDS, t1))
    if households is None:
        missing.append({"reason": "missing_indicator", "indicator": "households", "year": t1})
    elif households < min_households():
        missing.append(
            {
                "reason": "too_few_households",
                "year": t1,
                "households": households,
                "minimum": min_households(),
            }
        )
    for indicator in (Indicator.MEDIAN_INCOME, PRICE):
        if values.get((area_id, indicator, t0)) == 0:
            # A change from zero has no ratio; saying "infinitely more" would be a guess.
            missing.append({"reason": "zero_in_first_year", "indicator": indicator, "year": t0})
    if group is not None and not missing:
        for (indicator, year), reference in group.reference.items():
            if reference is None or (indicator == Indicator.MEDIAN_INCOME and reference == 0):
                missing.append({"reason": "no_reference", "indicator": indicator, "year": year})
    return missing


def _vulnerability(area_id: int, values: dict, group: Group, year: int) -> dict[str, Any]:
    conditions = []
    for indicator in VULNERABILITY_SHARES:
        area_value = values[(area_id, indicator, year)]
        reference = group.reference[(indicator, year)]
        conditions.append(
            {
                "indicator": indicator,
                "area": area_value,
                "reference": reference,
                "held": _above(area_value, reference),
            }
        )
    count = sum(c["held"] for c in conditions)
    return {
        "year": year,
        "conditions": conditions,
        "count": count,
        "required": VULNERABLE_AT_LEAST,
        "held": count >= VULNERABLE_AT_LEAST,
    }


def _change(area_id: int, values: dict, group: Group, t0: int, t1: int) -> dict[str, Any]:
    conditions = []
    for indicator, measure, rule in CHANGE_CONDITIONS:
        a0, a1 = values[(area_id, indicator, t0)], values[(area_id, indicator, t1)]
        r0, r1 = group.reference[(indicator, t0)], group.reference[(indicator, t1)]
        if measure == "points":
            area_change, reference_change = a1 - a0, r1 - r0
        else:
            area_change, reference_change = a1 / a0 - 1, r1 / r0 - 1
        compare = _below if rule == "less" else _above
        conditions.append(
            {
                "indicator": indicator,
                "measure": measure,
                "rule": rule,
                "area": {"t0": a0, "t1": a1, "change": area_change},
                "reference": {"t0": r0, "t1": r1, "change": reference_change},
                "held": compare(area_change, reference_change),
            }
        )
    held = {c["indicator"]: c["held"] for c in conditions}
    count = sum(held.values())
    pair = all(held[indicator] for indicator in CHANGE_PAIR)
    return {
        "conditions": conditions,
        "count": count,
        "required": CHANGE_AT_LEAST,
        "education_and_migration": pair,
        "held": count >= CHANGE_AT_LEAST or pair,
    }


def _market(
    area_id: int,
    values: dict,
    group: Group,
    t0: int,
    t1: int,
    neighbours: list[AreaInfo],
) -> dict[str, Any]:
    p0, p1 = values[(area_id, PRICE, t0)], values[(area_id, PRICE, t1)]
    q0, q1, qa = group.value_t0[area_id], group.value_t1[area_id], group.appreciation[area_id]
    high_t0, high_t1, high_appreciation = (q >= HIGH_QUINTILE for q in (q0, q1, qa))
    touching_high = []
    for neighbour in neighbours:
        value_high, appreciation_high = _high_market(group, neighbour.id)
        if value_high or appreciation_high:
            touching_high.append(
                {
                    "code": neighbour.code,
                    "name": neighbour.name,
                    "high_value": value_high,
                    "high_appreciation": appreciation_high,
                }
            )
    adjacent = not high_t1 and not high_appreciation and bool(touching_high)
    accelerating = not high_t1 and high_appreciation
    appreciated = not high_t0 and high_t1 and high_appreciation
    if adjacent:
        category = HousingMarket.ADJACENT
    elif accelerating:
        category = HousingMarket.ACCELERATING
    elif appreciated:
        category = HousingMarket.APPRECIATED
    else:
        category = HousingMarket.NEITHER
    return {
        "value_t0": {"year": t0, "area": p0, "quintile": q0, "high": high_t0},
        "value_t1": {"year": t1, "area": p1, "quintile": q1, "high": high_t1},
        "appreciation": {"area": p1 / p0 - 1, "quintile": qa, "high": high_appreciation},
        "areas": group.counts,
        "touching_high": touching_high,
        "adjacent": adjacent,
        "accelerating": accelerating,
        "appreciated": appreciated,
        "category": str(category),
    }


def sensitivity_type(
    *,
    vulnerable: bool,
    vulnerable_t0: bool,
    change: bool,
    education_and_migration: bool,
    market: str,
) -> SensitivityType:
    """Bates's typology: exactly one type per area from the three conditions."""
    if vulnerable:
        by_condition = {
            (False, HousingMarket.ADJACENT): SensitivityType.SUSCEPTIBLE,
            (False, HousingMarket.ACCELERATING): SensitivityType.EARLY_TYPE_1,
            (True, HousingMarket.ADJACENT): SensitivityType.EARLY_TYPE_2,
            (True, HousingMarket.ACCELERATING): SensitivityType.DYNAMIC,
            (True, HousingMarket.APPRECIATED): SensitivityType.LATE,
        }
        return by_condition.get((change, market), SensitivityType.NONE)
    if vulnerable_t0 and market == HousingMarket.APPRECIATED and education_and_migration:
        return SensitivityType.CONTINUED_LOSS
    return SensitivityType.NONE


def assess_area(
    area: AreaInfo,
    group: Group | None,
    values: dict,
    t0: int,
    t1: int,
    neighbours: list[AreaInfo],
) -> SensitivityAssessment:
    reasons: dict[str, Any] = {"kind": area.kind}
    if group is not None:
        reasons["reference"] = {
            "kind": AreaKind.MUNICIPALITY.value,
            "code": group.municipality.code,
            "name": group.municipality.name,
            "areas": len(group.members),
        }
    households = values.get((area.id, Indicator.HOUSEHOLDS, t1))
    if households is not None:
        reasons["households"] = {
            "year": t1,
            "area": households,
            "minimum": min_households(),
            "held": households >= min_households(),
        }
    if area.kind == AreaKind.MUNICIPALITY:
        # A municipality is the reference of its own areas; there is no level above it in
        # this method to compare it with (see docs/sensitivity.md).
        missing = [{"reason": "is_municipality"}]
    elif group is None:
        missing = [{"reason": "no_municipality"}]
    else:
        missing = _missing(area.id, values, t0, t1, group)
    assessment = SensitivityAssessment(area_id=area.id, method_version=METHOD_VERSION, t0=t0, t1=t1)
    if missing:
        reasons["missing"] = missing
        assessment.type, assessment.reasons = SensitivityType.INSUFFICIENT_DATA, reasons
        return assessment

    vulnerable_t1 = _vulnerability(area.id, values, group, t1)
    vulnerable_t0 = _vulnerability(area.id, values, group, t0)
    change = _change(area.id, values, group, t0, t1)
    market = _market(area.id, values, group, t0, t1, neighbours)
    reasons.update(
        vulnerable={"t1": vulnerable_t1, "t0": vulnerable_t0},
        demographic_change=change,
        housing_market=market,
    )
    assessment.type = sensitivity_type(
        vulnerable=vulnerable_t1["held"],
        vulnerable_t0=vulnerable_t0["held"],
        change=change["held"],
        education_and_migration=change["education_and_migration"],
        market=market["category"],
    )
    assessment.vulnerable = vulnerable_t1["held"]
    assessment.demographic_change = change["held"]
    assessment.housing_market = market["category"]
    assessment.reasons = reasons
    return assessment

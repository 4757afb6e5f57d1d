"""Gentrification sensitivity per area: Bates (2013), adapted to Flemish data.

The method, its adaptations and its limits are written down in docs/sensitivity.md; this
module follows it line by line. Every area is compared with its own municipality (the
population-weighted mean over the municipality's areas of the same kind), between two years.
Nothing is guessed: an area that lacks a figure gets `insufficient_data`, with the figure named.

Writes: `sensitivity_assess`. Reads: `sensitivity_for`. Words: `reasons_in_words`.
"""

import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet, Subquery

from core.language import content_language

from .models import (
    Area,
    AreaKind,
    HousingMarket,
    Indicator,
    IndicatorValue,
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


class SensitivityInputError(ValueError):
    """The assessment cannot run with these arguments; the message is one sentence."""


# --- Comparisons ---------------------------------------------------------------------------
# Strictly above / strictly less: a value equal to the reference never counts. The reference
# is a weighted mean computed in floating point, so "equal" means equal up to rounding noise
# (one part in a billion), not bit for bit.
def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _above(a: float, b: float) -> bool:
    return a > b and not _same(a, b)


def _below(a: float, b: float) -> bool:
    return a < b and not _same(a, b)


def quintiles(values: dict[int, float]) -> dict[int, int]:
    """Quintile of each value among all of them: 1 + floor(5 × (number strictly lower) / n).

    Ties share the quintile of their lowest member, so equal values are never split."""
    ordered = sorted(values.values())
    n = len(ordered)
    result = {}
    for key, value in values.items():
        lower = bisect_left(ordered, value)
        while lower > 0 and _same(ordered[lower - 1], value):
            lower -= 1
        result[key] = 1 + (5 * lower) // n
    return result


# --- Reading the data ----------------------------------------------------------------------
@dataclass(frozen=True)
class _AreaInfo:
    id: int
    code: str
    name: str
    parent_id: int | None
    kind: str


def _municipality_of(area: _AreaInfo, areas: dict[int, _AreaInfo]) -> int | None:
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


def touching_pairs(kind: str) -> set[tuple[int, int]]:
    """Pairs (a, b) of areas of `kind` that share at least a boundary point, both ways round."""
    # One self-join in PostGIS instead of a query per area; ST_Intersects uses the GiST index
    # on the geometry. Intersects, not Touches: a shared corner point must count (Bates's
    # "adjacent"), and real boundaries that do not line up exactly overlap by thin slivers,
    # which ST_Touches would miss.
    sql = """
        SELECT a.id, b.id
        FROM buurt_area a
        JOIN buurt_area b
          ON b.kind = a.kind AND a.id < b.id AND ST_Intersects(a.geometry, b.geometry)
        WHERE a.kind = %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [kind])
        rows = cursor.fetchall()
    return {(a, b) for a, b in rows} | {(b, a) for a, b in rows}


# --- The method ----------------------------------------------------------------------------
@dataclass
class _Group:
    """The areas of one kind in one municipality: the peers every comparison is made with."""

    municipality: _AreaInfo
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


def _group(
    municipality: _AreaInfo,
    members: list[int],
    values: dict[tuple[int, str, int], float],
    t0: int,
    t1: int,
) -> _Group:
    group = _Group(municipality, members)
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


def _high_market(group: _Group, area_id: int) -> tuple[bool, bool]:
    return (
        group.value_t1.get(area_id, 0) >= HIGH_QUINTILE,
        group.appreciation.get(area_id, 0) >= HIGH_QUINTILE,
    )


def _missing(area_id: int, values: dict, t0: int, t1: int, group: _Group | None) -> list[dict]:
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


def _vulnerability(area_id: int, values: dict, group: _Group, year: int) -> dict[str, Any]:
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


def _change(area_id: int, values: dict, group: _Group, t0: int, t1: int) -> dict[str, Any]:
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
    group: _Group,
    t0: int,
    t1: int,
    neighbours: list[_AreaInfo],
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


def _assess_area(
    area: _AreaInfo,
    group: _Group | None,
    values: dict,
    t0: int,
    t1: int,
    neighbours: list[_AreaInfo],
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


@dataclass
class SensitivitySummary:
    kind: str
    t0: int
    t1: int
    method_version: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def __str__(self) -> str:
        lines = [
            f"Assessed {self.total} areas of kind {self.kind}, {self.t0}–{self.t1} "
            f"(method {self.method_version}):"
        ]
        lines += [f"  {value:<17} {self.counts.get(value, 0)}" for value in SensitivityType.values]
        return "\n".join(lines)


@transaction.atomic
def sensitivity_assess(*, kind: str, t0: int, t1: int) -> SensitivitySummary:
    """Assess every area of `kind` between years t0 and t1 and store the result, replacing
    the stored assessments of that kind, those years and this method version."""
    if kind not in AreaKind.values:
        raise SensitivityInputError(
            f"Unknown kind {kind!r}: use one of {', '.join(AreaKind.values)}."
        )
    if t0 >= t1:
        raise SensitivityInputError(f"The first year ({t0}) must come before the second ({t1}).")
    years_with_values = set(
        IndicatorValue.objects.filter(area__kind=kind, year__in=[t0, t1])
        .values_list("year", flat=True)
        .distinct()
    )
    if absent := [year for year in (t0, t1) if year not in years_with_values]:
        raise SensitivityInputError(
            f"There are no indicator values for areas of kind {kind} in "
            f"{' and '.join(map(str, absent))}."
        )

    areas = {
        row[0]: _AreaInfo(*row)
        for row in Area.objects.values_list("id", "code", "name", "parent_id", "kind")
    }
    of_kind = sorted((a for a in areas.values() if a.kind == kind), key=lambda a: a.code)
    values = {
        (area_id, indicator, year): value
        for area_id, indicator, year, value in IndicatorValue.objects.filter(
            area__kind=kind, year__in=[t0, t1]
        ).values_list("area_id", "indicator", "year", "value")
    }
    municipality_of = {
        a.id: _municipality_of(a, areas) for a in of_kind if a.kind != AreaKind.MUNICIPALITY
    }
    members: dict[int, list[int]] = defaultdict(list)
    for area_id, municipality_id in municipality_of.items():
        if municipality_id is not None:
            members[municipality_id].append(area_id)
    groups = {
        municipality_id: _group(areas[municipality_id], ids, values, t0, t1)
        for municipality_id, ids in members.items()
    }
    neighbours: dict[int, list[_AreaInfo]] = defaultdict(list)
    for a, b in touching_pairs(kind):
        # Only areas of the same municipality: they are the ones the quintiles rank.
        if municipality_of.get(a) is not None and municipality_of.get(a) == municipality_of.get(b):
            neighbours[a].append(areas[b])

    assessments = [
        _assess_area(
            area,
            groups.get(municipality_of.get(area.id)),
            values,
            t0,
            t1,
            sorted(neighbours[area.id], key=lambda n: n.code),
        )
        for area in of_kind
    ]
    SensitivityAssessment.objects.filter(
        area__kind=kind, t0=t0, t1=t1, method_version=METHOD_VERSION
    ).delete()
    SensitivityAssessment.objects.bulk_create(assessments, batch_size=1000)
    counts = Counter(a.type for a in assessments)
    return SensitivitySummary(
        kind=kind,
        t0=t0,
        t1=t1,
        method_version=METHOD_VERSION,
        counts={value: counts.get(value, 0) for value in SensitivityType.values},
    )


def sensitivity_for(kind: str) -> QuerySet[SensitivityAssessment]:
    """The assessments of the latest run for areas of `kind`: the years and method version of
    the most recently stored assessment, so that a map never mixes two pairs of years."""
    latest = SensitivityAssessment.objects.filter(area__kind=kind).order_by("-assessed_at", "-id")
    return SensitivityAssessment.objects.filter(
        area__kind=kind,
        method_version=Subquery(latest.values("method_version")[:1]),
        t0=Subquery(latest.values("t0")[:1]),
        t1=Subquery(latest.values("t1")[:1]),
    )


# --- In words ------------------------------------------------------------------------------
_KINDS_PLURAL = {
    "nl": {
        "municipality": "gemeenten",
        "district": "districten",
        "neighbourhood": "wijken",
        "sector": "statistische sectoren",
    },
    "fr": {
        "municipality": "communes",
        "district": "districts",
        "neighbourhood": "quartiers",
        "sector": "secteurs statistiques",
    },
    "en": {
        "municipality": "municipalities",
        "district": "districts",
        "neighbourhood": "neighbourhoods",
        "sector": "statistical sectors",
    },
}
_SUBJECTS = {
    "nl": {
        "share_renters": "het aandeel huurders",
        "share_migration_background": "het aandeel inwoners met een migratieachtergrond",
        "share_no_higher_education": "het aandeel inwoners zonder diploma hoger onderwijs",
        "share_low_income": "het aandeel inwoners met een laag inkomen",
        "median_income": "het mediaan inkomen",
        "median_sale_price": "de mediane verkoopprijs van een woning",
        "population": "het aantal inwoners",
        "households": "het aantal huishoudens",
    },
    "fr": {
        "share_renters": "la part de locataires",
        "share_migration_background": "la part d'habitants issus de l'immigration",
        "share_no_higher_education": "la part d'habitants sans diplôme du supérieur",
        "share_low_income": "la part d'habitants à bas revenu",
        "median_income": "le revenu médian",
        "median_sale_price": "le prix de vente médian d'un logement",
        "population": "le nombre d'habitants",
        "households": "le nombre de ménages",
    },
    "en": {
        "share_renters": "the share of renters",
        "share_migration_background": "the share of residents with a migration background",
        "share_no_higher_education": "the share of residents without higher education",
        "share_low_income": "the share of residents on a low income",
        "median_income": "the median income",
        "median_sale_price": "the median sale price of a home",
        "population": "the population",
        "households": "the number of households",
    },
}
_MARKET = {
    "nl": {
        "adjacent": "aangrenzend (grenst aan een gebied met hoge of snel stijgende prijzen)",
        "accelerating": "versnellend (prijzen stijgen snel)",
        "appreciated": "gestegen (prijzen zijn van laag of gemiddeld naar hoog gegaan)",
        "": "geen van de drie",
    },
    "fr": {
        "adjacent": "adjacent (touche une zone aux prix élevés ou en forte hausse)",
        "accelerating": "en accélération (les prix montent vite)",
        "appreciated": "valorisé (les prix sont passés de bas ou moyens à élevés)",
        "": "aucun des trois",
    },
    "en": {
        "adjacent": "adjacent (touches an area with high or fast-rising prices)",
        "accelerating": "accelerating (prices are rising fast)",
        "appreciated": "appreciated (prices went from low or moderate to high)",
        "": "none of the three",
    },
}
_PHRASES = {
    "nl": {
        "above": "{subject} ({area}) ligt boven dat van de gemeente ({reference}).",
        "not_above": "{subject} ({area}) ligt niet boven dat van de gemeente ({reference}).",
        "vulnerable": "Kwetsbaar in {year}: {answer}, op {count} van de 4 kenmerken boven de "
        "gemeente (minstens 3 nodig).",
        "change_points": "{subject} veranderde met {area} (van {a0} naar {a1}), {compare} in "
        "de gemeente ({reference}).",
        "change_ratio": "{subject} veranderde met {area} (van {a0} naar {a1}), {compare} in "
        "de gemeente ({reference}).",
        "less": "minder dan",
        "not_less": "niet minder dan",
        "more": "meer dan",
        "not_more": "niet meer dan",
        "change": "Demografische verandering {t0}–{t1}: {answer}; {count} van de 4 voorwaarden "
        "golden (minstens 3 nodig, of zowel opleiding als migratieachtergrond).",
        "value": "{subject} in {year} ({area}) valt in kwintiel {quintile} van de {n} {peers} "
        "in de gemeente: {level}.",
        "appreciation": "De prijs veranderde tussen {t0} en {t1} met {area}: kwintiel "
        "{quintile} van de {n} {peers}, {level}.",
        "high": "hoog",
        "low": "laag tot gemiddeld",
        "touching": "Dit gebied raakt {peers} met een hoge prijs of een sterke prijsstijging: "
        "{names}.",
        "not_touching": "Dit gebied raakt geen {peers} met een hoge prijs of een sterke "
        "prijsstijging.",
        "market": "Woningmarkt: {category}.",
        "yes": "ja",
        "no": "nee",
        "insufficient": "Niet beoordeeld: de gegevens volstaan niet.",
        "missing_indicator": "Ontbreekt: {thing} in {year}.",
        "too_few_households": "Te weinig huishoudens in {year} ({households}; minstens "
        "{minimum} nodig).",
        "zero_in_first_year": "{subject} is 0 in {year}; de verandering is niet te berekenen.",
        "no_reference": "De gemeente heeft geen vergelijkingswaarde voor {thing} in {year}.",
        "is_municipality": "Een gemeente is zelf het vergelijkingspunt en wordt niet beoordeeld.",
        "no_municipality": "Dit gebied ligt in geen gemeente; er is niets om mee te vergelijken.",
        "points": "procentpunt",
    },
    "fr": {
        "above": "{subject} ({area}) est supérieure à celle de la commune ({reference}).",
        "not_above": "{subject} ({area}) n'est pas supérieure à celle de la commune ({reference}).",
        "vulnerable": "Vulnérable en {year} : {answer}, au-dessus de la commune pour {count} "
        "des 4 critères (au moins 3 requis).",
        "change_points": "{subject} a varié de {area} (de {a0} à {a1}), {compare} dans la "
        "commune ({reference}).",
        "change_ratio": "{subject} a varié de {area} (de {a0} à {a1}), {compare} dans la "
        "commune ({reference}).",
        "less": "moins que",
        "not_less": "pas moins que",
        "more": "plus que",
        "not_more": "pas plus que",
        "change": "Changement démographique {t0}–{t1} : {answer} ; {count} des 4 conditions "
        "remplies (au moins 3 requises, ou à la fois l'enseignement et l'immigration).",
        "value": "{subject} en {year} ({area}) est dans le quintile {quintile} des {n} {peers} "
        "de la commune : {level}.",
        "appreciation": "Le prix a varié de {area} entre {t0} et {t1} : quintile {quintile} "
        "des {n} {peers}, {level}.",
        "high": "élevé",
        "low": "bas à moyen",
        "touching": "Cette zone touche des {peers} aux prix élevés ou en forte hausse : {names}.",
        "not_touching": "Cette zone ne touche aucun des {peers} aux prix élevés ou en forte "
        "hausse.",
        "market": "Marché du logement : {category}.",
        "yes": "oui",
        "no": "non",
        "insufficient": "Non évalué : les données sont insuffisantes.",
        "missing_indicator": "Manque : {thing} en {year}.",
        "too_few_households": "Trop peu de ménages en {year} ({households} ; au moins "
        "{minimum} requis).",
        "zero_in_first_year": "{subject} vaut 0 en {year} ; la variation ne peut pas être "
        "calculée.",
        "no_reference": "La commune n'a pas de valeur de référence pour {thing} en {year}.",
        "is_municipality": "Une commune est elle-même la référence et n'est pas évaluée.",
        "no_municipality": "Cette zone n'est dans aucune commune ; rien à quoi la comparer.",
        "points": "points de pourcentage",
    },
    "en": {
        "above": "{subject} ({area}) is above the municipality's ({reference}).",
        "not_above": "{subject} ({area}) is not above the municipality's ({reference}).",
        "vulnerable": "Vulnerable in {year}: {answer}, above the municipality on {count} of the "
        "4 measures (at least 3 needed).",
        "change_points": "{subject} changed by {area} (from {a0} to {a1}), {compare} in the "
        "municipality ({reference}).",
        "change_ratio": "{subject} changed by {area} (from {a0} to {a1}), {compare} in the "
        "municipality ({reference}).",
        "less": "less than",
        "not_less": "not less than",
        "more": "more than",
        "not_more": "not more than",
        "change": "Demographic change {t0}–{t1}: {answer}; {count} of the 4 conditions held "
        "(at least 3 needed, or both education and migration background).",
        "value": "{subject} in {year} ({area}) is in quintile {quintile} of the {n} {peers} in "
        "the municipality: {level}.",
        "appreciation": "The price changed by {area} between {t0} and {t1}: quintile "
        "{quintile} of the {n} {peers}, {level}.",
        "high": "high",
        "low": "low or moderate",
        "touching": "This area touches {peers} with high or fast-rising prices: {names}.",
        "not_touching": "This area touches no {peers} with high or fast-rising prices.",
        "market": "Housing market: {category}.",
        "yes": "yes",
        "no": "no",
        "insufficient": "Not assessed: there is not enough data.",
        "missing_indicator": "Missing: {thing} in {year}.",
        "too_few_households": "Too few households in {year} ({households}; at least {minimum} "
        "needed).",
        "zero_in_first_year": "{subject} is 0 in {year}; its change cannot be computed.",
        "no_reference": "The municipality has no reference value for {thing} in {year}.",
        "is_municipality": "A municipality is itself the reference and is not assessed.",
        "no_municipality": "This area lies in no municipality; there is nothing to compare it "
        "with.",
        "points": "percentage points",
    },
}


def _number(value: float, decimals: int, language: str) -> str:
    text = f"{value:,.{decimals}f}"  # 1,234.5
    if language == "nl":
        return text.replace(",", "_").replace(".", ",").replace("_", ".")
    if language == "fr":
        return text.replace(",", "\u202f").replace(".", ",")
    return text


def _signed(text: str, value: float) -> str:
    if text.lstrip("-").strip("0,.\u202f") == "":
        return text.lstrip("-")
    return ("+" + text) if value > 0 else text.replace("-", "−")


def _percent(value: float, decimals: int, language: str, *, signed: bool = False) -> str:
    text = _number(value * 100, decimals, language)
    if decimals and text.endswith(("," + "0" * decimals, "." + "0" * decimals)):
        text = text[: -decimals - 1]
    if signed:
        text = _signed(text, value)
    return f"{text}\u202f%" if language == "fr" else f"{text}%"


def _points(value: float, decimals: int, language: str) -> str:
    text = _signed(_number(value * 100, decimals, language), value)
    return f"{text} {_PHRASES[language]['points']}"


def _euro(value: float, language: str) -> str:
    text = _number(value, 0, language)
    return {"nl": f"€ {text}", "fr": f"{text}\u202f€"}.get(language, f"€{text}")


def _pair(format_one, a: float, b: float) -> tuple[str, str]:
    """Format two numbers with as many decimals as it takes to tell unequal ones apart, so
    that a sentence never says "above (48%) ... (48%)"."""
    for decimals in (1, 2, 3, 4):
        left, right = format_one(a, decimals), format_one(b, decimals)
        if left != right or _same(a, b):
            return left, right
    return left, right


def reasons_in_words(assessment: SensitivityAssessment, language: str = "nl") -> list[str]:
    """The stored reasons of an assessment as plain sentences in Dutch, French or English
    (other languages fall back to Dutch), for the workers' page of the area."""
    language = content_language(language)
    say, subjects = _PHRASES[language], _SUBJECTS[language]
    reasons = assessment.reasons or {}
    peers = _KINDS_PLURAL[language].get(reasons.get("kind", ""), _KINDS_PLURAL[language]["sector"])

    def subject(indicator: str) -> str:
        text = subjects.get(indicator, indicator)
        return text[0].upper() + text[1:]

    sentences: list[str] = []
    if "missing" in reasons:
        sentences.append(say["insufficient"])
        for item in reasons["missing"]:
            template = say.get(item.get("reason", ""))
            if template is None:
                continue
            sentences.append(
                template.format(
                    subject=subject(item["indicator"]) if "indicator" in item else "",
                    thing=subjects.get(item.get("indicator", ""), item.get("indicator", "")),
                    year=item.get("year", ""),
                    households=_number(item.get("households", 0), 0, language),
                    minimum=item.get("minimum", ""),
                )
            )
        return sentences

    vulnerable = reasons["vulnerable"]["t1"]
    for condition in vulnerable["conditions"]:
        area, reference = _pair(
            lambda v, d: _percent(v, d, language), condition["area"], condition["reference"]
        )
        template = say["above"] if condition["held"] else say["not_above"]
        sentences.append(
            template.format(subject=subject(condition["indicator"]), area=area, reference=reference)
        )
    for key in ("t1", "t0"):
        part = reasons["vulnerable"][key]
        sentences.append(
            say["vulnerable"].format(
                year=part["year"],
                answer=say["yes"] if part["held"] else say["no"],
                count=part["count"],
            )
        )

    change = reasons["demographic_change"]
    for condition in change["conditions"]:
        a, r = condition["area"], condition["reference"]
        if condition["measure"] == "points":
            area, reference = _pair(lambda v, d: _points(v, d, language), a["change"], r["change"])
            a0, a1 = _percent(a["t0"], 1, language), _percent(a["t1"], 1, language)
        else:
            area, reference = _pair(
                lambda v, d: _percent(v, d, language, signed=True), a["change"], r["change"]
            )
            a0, a1 = _euro(a["t0"], language), _euro(a["t1"], language)
        rule = condition["rule"]
        compare = say[rule] if condition["held"] else say[f"not_{rule}"]
        sentences.append(
            say[f"change_{condition['measure']}"].format(
                subject=subject(condition["indicator"]),
                area=area,
                a0=a0,
                a1=a1,
                compare=compare,
                reference=reference,
            )
        )
    sentences.append(
        say["change"].format(
            t0=assessment.t0,
            t1=assessment.t1,
            answer=say["yes"] if change["held"] else say["no"],
            count=change["count"],
        )
    )

    market = reasons["housing_market"]
    areas = market.get("areas", {})
    for key in ("value_t0", "value_t1"):
        part = market[key]
        sentences.append(
            say["value"].format(
                subject=subject(PRICE),
                year=part["year"],
                area=_euro(part["area"], language),
                quintile=part["quintile"],
                n=areas.get(key.removeprefix("value_"), "?"),
                peers=peers,
                level=say["high"] if part["high"] else say["low"],
            )
        )
    appreciation = market["appreciation"]
    sentences.append(
        say["appreciation"].format(
            t0=assessment.t0,
            t1=assessment.t1,
            area=_percent(appreciation["area"], 1, language, signed=True),
            quintile=appreciation["quintile"],
            n=areas.get("appreciation", "?"),
            peers=peers,
            level=say["high"] if appreciation["high"] else say["low"],
        )
    )
    if market["touching_high"]:
        names = ", ".join(n["name"] for n in market["touching_high"])
        sentences.append(say["touching"].format(peers=peers, names=names))
    else:
        sentences.append(say["not_touching"].format(peers=peers))
    sentences.append(say["market"].format(category=_MARKET[language][market["category"]]))
    return sentences

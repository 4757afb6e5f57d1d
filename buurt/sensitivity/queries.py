"""The reads of the sensitivity method: areas, indicator values, touching areas, and the
assessments of the latest run."""

from django.db import connection
from django.db.models import QuerySet, Subquery

from buurt.models import Area, IndicatorValue, SensitivityAssessment

from .method import AreaInfo


def areas_by_id() -> dict[int, AreaInfo]:
    """Every area, of every kind: walking up to an area's municipality needs all of them."""
    return {
        row[0]: AreaInfo(*row)
        for row in Area.objects.values_list("id", "code", "name", "parent_id", "kind")
    }


def years_with_values(kind: str, years: list[int]) -> set[int]:
    """Which of `years` have at least one indicator value for an area of `kind`."""
    return set(
        IndicatorValue.objects.filter(area__kind=kind, year__in=years)
        .values_list("year", flat=True)
        .distinct()
    )


def indicator_values(kind: str, years: list[int]) -> dict[tuple[int, str, int], float]:
    """The indicator values of the areas of `kind` in `years`, by (area id, indicator, year)."""
    return {
        (area_id, indicator, year): value
        for area_id, indicator, year, value in IndicatorValue.objects.filter(
            area__kind=kind, year__in=years
        ).values_list("area_id", "indicator", "year", "value")
    }


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

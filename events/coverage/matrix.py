"""The area × work model matrix of coverage, in one query: per area, the published activities
of each work model in and near it and the share of its residents within a distance of one.
Read by the policymakers' `GET /api/v1/coverage/` endpoint and the dashboard (`figures`)."""

import json
import math
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import connections, transaction

from buurt.models import FINEST_FIRST, Area, AreaKind
from core.memory import gc_paused
from core.replica import read_database
from events.models import Status

from .distances import CYCLING_M, MAX_DISTANCE_M, WALKING_M
from .kept import BRUSSELS, READY
from .statement import COVERAGE_SQL, COVERAGE_THEN_SQL, DAY_FIGURES_SQL, FIGURES_SQL, KEPT_SQL

# How many nearest places each resident point lists in one index walk (see NEAR_NOW): on the
# bench data 16 answer 92% of the (point, model) pairs; 8 to 32 measured the same within
# the noise, more make each walk longer, fewer leave more pairs to a walk of their own.
NEAREST_PLACES = 16
# Work memory of the coverage query's transaction (see coverage_rows).
WORK_MEM = "64MB"
# The distances whose rows of the matrix are kept whole (kept.FIGURES_BUILD), in that order.
FIGURE_DISTANCES = (WALKING_M, CYCLING_M)
FOUR_PLACES = Decimal("0.0001")


def share_of(value: int, residents: int | None) -> float | None:
    """`value` as a share of `residents`, to 4 decimals and half away from zero, as
    PostgreSQL's round(numeric, 4) does for the kept rows; None without residents."""
    if not residents:
        return None
    return float((Decimal(value) / Decimal(residents)).quantize(FOUR_PLACES, ROUND_HALF_UP))


def coverage_by_area(
    *, kind: str, distance_m: float = WALKING_M, parent_code: str | None = None
) -> list[dict]:
    """Per area of `kind` (ordered by code) and per work model (by position): how many
    published activities the area has, and what share of its residents live within
    `distance_m` metres of one. Raises ValueError on an unknown kind or parent code, or a
    distance outside 0..MAX_DISTANCE_M.

    - `parent_code`: only the descendants (through `parent`, at any depth) of the area(s)
      with that code.
    - `activities`: published activities of the model whose place's real point the area
      covers, or that serve the area: a service area that is the area, that covers the
      area's point on surface (a town-wide programme counts in each of its neighbourhoods)
      or whose own point on surface lies in the area (a neighbourhood programme counts in
      its town). Points on surface rather than "interiors intersect", so that slivers where
      boundaries from different sources disagree do not count a programme next door.
    - `population_within_distance_share`: residents live at the points on surface of the
      finest populated areas (sector, then neighbourhood, then district) whose point on
      surface lies in the area, or at the area's own point when it holds none. A resident
      point is covered by a model when it lies within `distance_m` (geodesic) of the public
      point of a place with a published activity of the model, wherever that place is, or
      inside an area that a published programme of the model serves. The share is of those
      residents' population, rounded to 4 decimals; None when it is 0 or unknown. Public
      points, not real ones, so that the shares cannot give a hidden place away.

    `population` is the area's own figure; the share's denominator is the residents' total,
    which differs from it when finer figures are used. Where finer areas cover only part of
    a coarser one, the rest of the coarser one's residents are not counted.
    """
    rows = coverage_rows(kind=kind, distances_m=(distance_m,), parent_code=parent_code)
    return [
        {
            "code": row["code"],
            "name": row["name"],
            "population": row["population"],
            "work_models": {
                model: {
                    "activities": cell["activities"],
                    "population_within_distance_share": cell["shares"][0],
                }
                for model, cell in row["work_models"].items()
            },
        }
        for row in rows
    ]


def coverage_rows(
    *,
    kind: str,
    distances_m: tuple[float, ...] = (WALKING_M,),
    parent_code: str | None = None,
    at: datetime | None = None,
    kept: bool = True,
) -> list[dict]:
    """The figures behind `coverage_by_area` and the policymakers' dashboard, in one query:
    per area of `kind` and per work model, the activities and one share of residents per
    distance in `distances_m` (one or two); per area, its residents, how many of its
    activities start in the evening or at weekends, how many welcome basic Dutch, and the
    languages other than Dutch spoken there. `at`: as the change history had it just before
    that moment, instead of now.

    Now, the rows come from the kept figures (kept.py) when they hold every write; at the
    end of a day since the kept days began, at the dashboard's distances, from the figures
    kept for that day; else (and with `kept=False`) from the statement that computes them
    from scratch, at an earlier moment from the change history."""
    sql, params = coverage_query(kind=kind, distances_m=distances_m, parent_code=parent_code, at=at)
    alias = read_database()
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        # The planner's high cost estimates for the spatial functions switch JIT compilation
        # on, and compiling takes longer (a second or more) than running the query. The
        # default 4 MB of work memory spills the hash of served areas (their polygons) and
        # the final sort of a whole-Flanders matrix to disk. One statement, for both, and
        # for whether the kept figures hold every write (kept.READY).
        cursor.execute(
            f"SELECT set_config('jit', 'off', true), set_config('work_mem', %s, true), {READY}",
            [WORK_MEM],
        )
        ready = kept and cursor.fetchone()[2]
        figures_kept = set(distances_m) <= set(FIGURE_DISTANCES)
        if ready and at is None:
            if figures_kept:
                cursor.execute(FIGURES_SQL, params)
                return _kept_figures(cursor.fetchone()[0], distances_m)
            cursor.execute(KEPT_SQL, params)
            return _kept_areas(cursor.fetchone()[0], distances_m)
        day = day_ended_at(at) if at is not None else None
        if ready and figures_kept and day is not None:
            cursor.execute(DAY_FIGURES_SQL, {**params, "day": day})
            document = cursor.fetchone()[0]
            if document is not None:
                return _kept_figures(document, distances_m)
        cursor.execute(sql, params)
        rows = cursor.fetchall()

    areas: list[dict] = []
    for (
        code,
        name,
        population,
        model,
        activities,
        covered,
        residents,
        covered_2,
        total,
        evening,
        weekend,
        basic_dutch_ok,
        languages,
    ) in rows:
        if not areas or areas[-1]["code"] != code:
            # Django leaves jsonb undecoded on its connections (JSONField decodes it).
            languages = json.loads(languages) if isinstance(languages, str) else languages
            areas.append(
                _area(
                    code,
                    name,
                    population,
                    residents,
                    total,
                    evening,
                    weekend,
                    basic_dutch_ok,
                    languages,
                    work_models={},
                )
            )
        shares = [share_of(value, residents) for value in (covered, covered_2)[: len(distances_m)]]
        areas[-1]["work_models"][model] = {"activities": activities, "shares": shares}
    return areas


def _area(
    code,
    name,
    population,
    residents,
    total,
    evening,
    weekend,
    basic_dutch_ok,
    languages,
    *,
    work_models: dict,
) -> dict:
    """One area of `coverage_rows`: its languages by activities, then code."""
    return {
        "code": code,
        "name": name,
        "population": population,
        "residents": residents or 0,
        "activities": total,
        "evening": evening,
        "weekend": weekend,
        "basic_dutch_ok": basic_dutch_ok,
        "languages": dict(sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))),
        "work_models": work_models,
    }


def _kept_figures(document: str, distances_m: tuple[float, ...]) -> list[dict]:
    """`coverage_rows` from FIGURES_SQL: the kept rows, with the shares of `distances_m`
    picked out of those of FIGURE_DISTANCES."""
    with gc_paused():  # 2 MB of JSON for all of Flanders: see gc_paused
        areas = json.loads(document)
    if tuple(distances_m) != FIGURE_DISTANCES:
        picks = [FIGURE_DISTANCES.index(distance) for distance in distances_m]
        for area in areas:
            for cell in area["work_models"].values():
                cell["shares"] = [cell["shares"][i] for i in picks]
    return areas


def _kept_areas(document: str, distances_m: tuple[float, ...]) -> list[dict]:
    """`coverage_rows` from the JSON document of `statement.KEPT_SQL`: the same dictionaries,
    built the same way."""
    models, rows = json.loads(document)
    areas = []
    for (
        code,
        name,
        population,
        residents,
        total,
        evening,
        weekend,
        basic_dutch_ok,
        languages,
        counts,
        covered,
        covered_2,
    ) in rows:
        work_models = {}
        for (model_id, model), first, second in zip(models, covered, covered_2, strict=True):
            shares = [share_of(value, residents) for value in (first, second)[: len(distances_m)]]
            work_models[model] = {"activities": counts.get(str(model_id), 0), "shares": shares}
        areas.append(
            _area(
                code,
                name,
                population,
                residents,
                total,
                evening,
                weekend,
                basic_dutch_ok,
                languages,
                work_models=work_models,
            )
        )
    return areas


def day_ended_at(moment: datetime) -> date | None:
    """The Brussels day that ends at `moment` (its midnight), else None: the kept days answer
    for the end of a day only."""
    local = moment.astimezone(BRUSSELS)
    if local.time() != time(0):
        return None
    return local.date() - timedelta(days=1)


def coverage_query(
    *,
    kind: str,
    distance_m: float | None = None,
    distances_m: tuple[float, ...] = (WALKING_M,),
    parent_code: str | None = None,
    at: datetime | None = None,
) -> tuple[str, dict]:
    """The checked SQL and parameters of `coverage_rows`, also for EXPLAIN in tests."""
    if distance_m is not None:
        distances_m = (distance_m,)
    if kind not in AreaKind.values:
        raise ValueError(f"Unknown area kind {kind!r}.")
    if not 1 <= len(distances_m) <= 2:
        raise ValueError("Give one or two distances.")
    for distance in distances_m:
        if not math.isfinite(distance) or not 0 <= distance <= MAX_DISTANCE_M:
            raise ValueError(f"The distance must be between 0 and {MAX_DISTANCE_M} metres.")
    if parent_code is not None and not Area.objects.filter(code=parent_code).exists():
        raise ValueError(f"Unknown area code {parent_code!r}.")
    if at is not None and at.tzinfo is None:
        raise ValueError("The moment must carry a time zone.")
    kinds = list(AreaKind.values)  # coarse to fine
    return COVERAGE_SQL if at is None else COVERAGE_THEN_SQL, {
        "kind": kind,
        "parent_code": parent_code,
        "finer_kinds": kinds[kinds.index(kind) + 1 :],
        "finest_first": FINEST_FIRST,
        "finest_kind": FINEST_FIRST[0],
        "published": Status.PUBLISHED.value,
        "distance": float(distances_m[0]),
        "distance_2": float(distances_m[-1]),
        "reach": float(max(distances_m)),
        "nearest_places": NEAREST_PLACES,
        "at": at,
    }

"""The answer first: the one-screen summary at the top of the policymakers' dashboard, and
the level it opens at. Everything here is derived from a `figures.Dashboard`, so that the
summary never says something the tables below it do not."""

from dataclasses import dataclass, field

from django.db.models import Q

from buurt.models import Area, AreaKind
from buurt.sensitivity.queries import sensitivity_for

from .figures import LEVELS, NOT_SENSITIVE, Dashboard

# How many gaps and priority areas the summary names; the tables below hold all of them.
SUMMARY_SIZE = 5

# Why a priority list is empty, for the page to put in words.
NO_AREAS = "no_areas"
NOT_ASSESSED = "not_assessed"
NONE_SENSITIVE = "none_sensitive"


@dataclass
class ModelGap:
    """Across the municipality: the residents without an activity of one work model within
    walking distance."""

    code: str
    name: str
    residents_without: int
    share_without: float | None


@dataclass
class AreaGap:
    """One area and one work model: its residents without that model within walking
    distance (all of them when the share is 0)."""

    code: str
    name: str
    model_code: str
    model_name: str
    residents: int
    residents_without: int
    share_without: float


@dataclass
class Summary:
    level: str
    areas: int
    residents: int
    # Areas whose residents are unknown: left out of every figure below.
    areas_without_residents: list[str]
    models: list[ModelGap]
    gaps: list[AreaGap]
    priority: list[dict]
    priority_total: int
    # Why `priority` is empty (NO_AREAS, NOT_ASSESSED, NONE_SENSITIVE), else None.
    priority_empty_reason: str | None = None
    # The other levels where the priority list is not empty.
    levels_with_priority: list[str] = field(default_factory=list)


def _areas_under(municipality: Area) -> Q:
    # Districts sit in their municipality; neighbourhoods in a district or straight in the
    # municipality when it has no districts (buurt's import): two steps up at most.
    return Q(area__parent=municipality) | Q(area__parent__parent=municipality)


def priority_levels(municipality: Area) -> list[str]:
    """The levels (coarse to fine) where the priority list is not empty: the latest
    assessment finds at least one area of the level in the municipality sensitive. The
    priority list holds every sensitive area of the level, so the assessments answer
    without the coverage query."""
    # One query: the two levels' EXISTS as a UNION of one row each.
    found = [
        sensitivity_for(level)
        .filter(_areas_under(municipality))
        .exclude(type__in=NOT_SENSITIVE)
        .values_list("area__kind", flat=True)
        .order_by()[:1]
        for level in LEVELS
    ]
    kinds = set(found[0].union(*found[1:], all=True))
    return [level for level in LEVELS if level in kinds]


def opening_level(municipality: Area, *, levels_with_priority: list[str] | None = None) -> str:
    """The level the dashboard opens at: the coarsest one with a priority list, else
    districts where the municipality has them, else neighbourhoods (the page then says
    why the list is empty). `levels_with_priority`: `priority_levels`, when known."""
    levels = priority_levels(municipality) if levels_with_priority is None else levels_with_priority
    if levels:
        return levels[0]
    has_districts = Area.objects.filter(kind=AreaKind.DISTRICT, parent=municipality).exists()
    return AreaKind.DISTRICT if has_districts else AreaKind.NEIGHBOURHOOD


def _empty_reason(dashboard: Dashboard) -> str | None:
    if dashboard.priority:
        return None
    if not dashboard.rows:
        return NO_AREAS
    if dashboard.sensitivity_years is None:
        return NOT_ASSESSED
    return NONE_SENSITIVE


def coverage_summary(dashboard: Dashboard, *, levels_with_priority: list[str]) -> Summary:
    """The summary of `dashboard`: per work model the residents without it within walking
    distance (largest first), the largest gaps of an area and a model, and the first
    priority areas. Residents are those the figures count (see figures.coverage_dashboard);
    areas without known residents count in no share."""
    counted = [row for row in dashboard.rows if row["residents"]]
    residents = sum(row["residents"] for row in counted)
    models = []
    gaps = []
    for model in dashboard.models:
        without = 0
        for row in counted:
            share = row["work_models"][model.code]["walking"] or 0
            missing = round(row["residents"] * (1 - share))
            without += missing
            if missing:
                gaps.append(
                    AreaGap(
                        code=row["code"],
                        name=row["name"],
                        model_code=model.code,
                        model_name=model.name,
                        residents=row["residents"],
                        residents_without=missing,
                        share_without=round(1 - share, 4),
                    )
                )
        models.append(
            ModelGap(
                code=model.code,
                name=model.name,
                residents_without=without,
                share_without=round(without / residents, 4) if residents else None,
            )
        )
    models.sort(key=lambda gap: -gap.residents_without)
    missing = {gap["code"]: gap["model_names"] for gap in dashboard.gaps}
    gaps.sort(key=lambda gap: (-gap.residents_without, gap.code, gap.model_code))
    return Summary(
        level=dashboard.level,
        areas=len(dashboard.rows),
        residents=residents,
        areas_without_residents=[row["name"] for row in dashboard.rows if not row["residents"]],
        models=models,
        gaps=gaps[:SUMMARY_SIZE],
        # With the work models each priority area lacks within walking distance.
        priority=[
            {**p, "missing": missing.get(p["code"], [])} for p in dashboard.priority[:SUMMARY_SIZE]
        ],
        priority_total=len(dashboard.priority),
        priority_empty_reason=_empty_reason(dashboard),
        levels_with_priority=[level for level in levels_with_priority if level != dashboard.level],
    )


@dataclass
class PanelBar:
    code: str
    name: str
    walking: float | None
    activities: int


@dataclass
class ModelPanel:
    """One small multiple of the chart: a work model's walking shares per area, the weakest
    first; with many areas only the weakest and the strongest few."""

    code: str
    name: str
    weakest: list[PanelBar]
    strongest: list[PanelBar]
    left_out: int


def model_panels(dashboard: Dashboard, *, each: int = SUMMARY_SIZE) -> list[ModelPanel]:
    """A panel per work model. Up to 2 × `each` areas, all of them are shown; beyond that
    the `each` weakest and the `each` strongest, and how many were left out between them.
    Areas without known residents come last among the weakest (no share to rank)."""
    panels = []
    for model in dashboard.models:
        bars = [
            PanelBar(
                code=row["code"],
                name=row["name"],
                walking=row["work_models"][model.code]["walking"],
                activities=row["work_models"][model.code]["activities"],
            )
            for row in dashboard.rows
        ]
        known = sorted(
            (bar for bar in bars if bar.walking is not None),
            key=lambda bar: (bar.walking, -bar.activities, bar.name),
        )
        unknown = [bar for bar in bars if bar.walking is None]
        ranked = known + unknown
        if len(known) <= 2 * each:
            panels.append(ModelPanel(model.code, model.name, ranked, [], 0))
            continue
        panels.append(
            ModelPanel(
                model.code,
                model.name,
                weakest=known[:each],
                strongest=known[-each:],
                left_out=len(known) - 2 * each,
            )
        )
    return panels

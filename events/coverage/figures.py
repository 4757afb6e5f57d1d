"""The policymakers' coverage dashboard for one municipality: the matrix of areas × work
models, time and language coverage, the gaps and the priority list, today and at an earlier
date. Every figure comes from `events.coverage.matrix.coverage_rows` (one query per date);
this module only derives and orders. The method is written down in docs/coverage.md."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from buurt.models import Area, AreaKind, SensitivityType
from buurt.sensitivity.queries import sensitivity_for
from events.models import WorkModel

from .distances import CYCLING_M, WALKING_M
from .matrix import coverage_rows

LEVELS = [AreaKind.DISTRICT, AreaKind.NEIGHBOURHOOD]
BRUSSELS = ZoneInfo("Europe/Brussels")
# Not gentrification-sensitive: "none of the types", and "not assessed" (no figures is not
# a finding; listing those areas as sensitive would claim what the data does not say).
NOT_SENSITIVE = {SensitivityType.NONE, SensitivityType.INSUFFICIENT_DATA}


@dataclass
class Dashboard:
    municipality: Area
    level: str
    models: list[WorkModel]
    rows: list[dict]
    then: date | None = None
    gaps: list[dict] = field(default_factory=list)
    priority: list[dict] = field(default_factory=list)
    sensitivity_years: tuple[int, int] | None = None


def end_of_day(day: date) -> datetime:
    """The first moment after `day` in Brussels: "figures at a date" means at its end."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=BRUSSELS)


def per_thousand(activities: int, residents: int) -> float | None:
    return round(activities * 1000 / residents, 2) if residents else None


def coverage_dashboard(*, municipality: Area, level: str, then: date | None = None) -> Dashboard:
    """All figures of the dashboard for the areas of `level` inside `municipality`; with
    `then`, each cell and area also carries the same figures at the end of that day."""
    if municipality.kind != AreaKind.MUNICIPALITY:
        raise ValueError(f"{municipality.code} is not a municipality.")
    if level not in LEVELS:
        raise ValueError(f"Unknown level {level!r}.")
    models = work_models()
    rows = _rows(level=level, parent_code=municipality.code, at=None)
    if then is not None:
        earlier = {
            row["code"]: row
            for row in _rows(level=level, parent_code=municipality.code, at=end_of_day(then))
        }
        for row in rows:
            past = earlier[row["code"]]
            row["then"] = {
                key: past[key] for key in ("activities", "evening", "weekend", "languages")
            }
            for code, cell in row["work_models"].items():
                cell["then"] = {
                    key: past["work_models"][code][key]
                    for key in ("activities", "per_1000", "walking", "cycling")
                }
    dashboard = Dashboard(
        municipality=municipality, level=level, models=models, rows=rows, then=then
    )
    dashboard.gaps = _gaps(rows, models)
    dashboard.priority, dashboard.sensitivity_years = _priority(rows, level, models)
    return dashboard


def _rows(*, level: str, parent_code: str, at: datetime | None) -> list[dict]:
    rows = coverage_rows(
        kind=level, distances_m=(WALKING_M, CYCLING_M), parent_code=parent_code, at=at
    )
    for row in rows:
        for cell in row["work_models"].values():
            cell["walking"], cell["cycling"] = cell.pop("shares")
            cell["per_1000"] = per_thousand(cell["activities"], row["residents"])
        shares = [cell["walking"] or 0 for cell in row["work_models"].values()]
        # The mean share of residents within walking distance over the seven models: how
        # much of the variety an average resident can walk to.
        row["walking_mean"] = round(sum(shares) / len(shares), 4) if shares else None
    return rows


def _gaps(rows: list[dict], models: list[WorkModel]) -> list[dict]:
    """Areas where no resident lives within walking distance of some model, with those
    models; largest population (residents counted) first."""
    names = {model.code: model.name for model in models}
    gaps = []
    for row in rows:
        missing = [
            code
            for code, cell in row["work_models"].items()
            if row["residents"] and cell["walking"] == 0
        ]
        if missing:
            gaps.append(
                {
                    "code": row["code"],
                    "name": row["name"],
                    "residents": row["residents"],
                    "models": missing,
                    "model_names": [names[code] for code in missing],
                }
            )
    gaps.sort(key=lambda gap: (-gap["residents"], gap["code"]))
    return gaps


def _priority(
    rows: list[dict], level: str, models: list[WorkModel]
) -> tuple[list[dict], tuple[int, int] | None]:
    """The gentrification-sensitive areas (latest assessment, any type but none or
    insufficient data), weakest offer first: the lowest mean walking share, then the fewest
    models within walking distance, then the fewest activities per 1,000 residents."""
    codes = {row["code"] for row in rows}
    assessments = list(sensitivity_for(level).filter(area__code__in=codes).select_related("area"))
    years = (assessments[0].t0, assessments[0].t1) if assessments else None
    types = {a.area.code: a.type for a in assessments if a.type not in NOT_SENSITIVE}
    priority = []
    for row in rows:
        if row["code"] not in types:
            continue
        within = sum(1 for cell in row["work_models"].values() if cell["walking"])
        priority.append(
            {
                "code": row["code"],
                "name": row["name"],
                "residents": row["residents"],
                "type": types[row["code"]],
                "type_label": SensitivityType(types[row["code"]]).label,
                "walking_mean": row["walking_mean"],
                "models_within_walking": within,
                "per_1000": per_thousand(row["activities"], row["residents"]),
            }
        )
    priority.sort(
        key=lambda p: (
            p["walking_mean"] if p["walking_mean"] is not None else 0,
            p["models_within_walking"],
            p["per_1000"] if p["per_1000"] is not None else 0,
            p["code"],
        )
    )
    return priority, years


def work_models() -> list[WorkModel]:
    """The work models in the dashboard's order."""
    return list(WorkModel.objects.order_by("position", "id"))

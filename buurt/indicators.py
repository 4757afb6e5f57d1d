"""Indicator values per area per year, read from CSV (area_kind,area_code,indicator,year,value)."""

import csv
import math
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from core.imports import ImportRejected, ImportSummary

from .models import SHARE_INDICATORS, Area, Indicator, IndicatorValue

COLUMNS = ["area_kind", "area_code", "indicator", "year", "value"]


@dataclass(frozen=True)
class IndicatorRow:
    area_id: int
    indicator: str
    year: int
    value: float


def read_indicator_rows(path: Path) -> list[IndicatorRow]:
    """Read and check every line; raises ImportRejected naming each bad line."""
    if not path.exists():
        raise ImportRejected(f"File {path} does not exist.")
    areas = {(a.kind, a.code): a.id for a in Area.objects.only("id", "kind", "code")}
    rows, problems, seen = [], [], {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or [f.strip() for f in reader.fieldnames] != COLUMNS:
            raise ImportRejected(f"File {path} must have the columns {','.join(COLUMNS)}.")
        for line, record in enumerate(reader, start=2):
            if None in record or any(record[column] is None for column in COLUMNS):
                problems.append(f"line {line}: needs exactly {len(COLUMNS)} columns.")
                continue
            key = (record["area_kind"].strip(), record["area_code"].strip())
            area_id = areas.get(key)
            indicator = record["indicator"].strip()
            if area_id is None:
                problems.append(f"line {line}: unknown area {key[0]} {key[1]}.")
                continue
            if indicator not in Indicator.values:
                problems.append(f"line {line}: unknown indicator {indicator!r}.")
                continue
            try:
                year, value = int(record["year"]), float(record["value"])
            except (TypeError, ValueError):
                problems.append(f"line {line}: year and value must be numbers.")
                continue
            if (
                not math.isfinite(value)
                or value < 0
                or (indicator in SHARE_INDICATORS and value > 1)
            ):
                problems.append(f"line {line}: {value} is out of range for {indicator}.")
                continue
            identity = (area_id, indicator, year)
            if identity in seen:
                problems.append(f"line {line}: duplicates line {seen[identity]}.")
                continue
            seen[identity] = line
            rows.append(IndicatorRow(area_id, indicator, year, value))
    if problems:
        raise ImportRejected(
            f"{len(problems)} lines of {path.name} were rejected; nothing was written.",
            problems=problems,
        )
    return rows


@transaction.atomic
def indicator_values_upsert(*, rows: list[IndicatorRow]) -> ImportSummary:
    summary = ImportSummary()
    existing = {
        (v.area_id, v.indicator, v.year): v
        for v in IndicatorValue.objects.filter(area_id__in={row.area_id for row in rows})
    }
    to_create, to_update = [], []
    for row in rows:
        value = existing.get((row.area_id, row.indicator, row.year))
        if value is None:
            to_create.append(
                IndicatorValue(
                    area_id=row.area_id, indicator=row.indicator, year=row.year, value=row.value
                )
            )
        elif value.value != row.value:
            value.value = row.value
            to_update.append(value)
        else:
            summary.unchanged += 1
    IndicatorValue.objects.bulk_create(to_create, batch_size=1000)
    IndicatorValue.objects.bulk_update(to_update, ["value"], batch_size=1000)
    summary.created, summary.updated = len(to_create), len(to_update)
    return summary

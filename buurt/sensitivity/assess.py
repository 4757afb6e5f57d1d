"""The write of the sensitivity method: assess every area of one kind between two years and
store the assessments, replacing those of the same kind, years and method version."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import transaction

from buurt.models import AreaKind, SensitivityAssessment, SensitivityType

from .method import METHOD_VERSION, AreaInfo, assess_area, build_group, municipality_of
from .queries import areas_by_id, indicator_values, touching_pairs, years_with_values


class SensitivityInputError(ValueError):
    """The assessment cannot run with these arguments; the message is one sentence."""


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
    years_present = years_with_values(kind, [t0, t1])
    if absent := [year for year in (t0, t1) if year not in years_present]:
        raise SensitivityInputError(
            f"There are no indicator values for areas of kind {kind} in "
            f"{' and '.join(map(str, absent))}."
        )

    areas = areas_by_id()
    of_kind = sorted((a for a in areas.values() if a.kind == kind), key=lambda a: a.code)
    values = indicator_values(kind, [t0, t1])
    municipality = {
        a.id: municipality_of(a, areas) for a in of_kind if a.kind != AreaKind.MUNICIPALITY
    }
    members: dict[int, list[int]] = defaultdict(list)
    for area_id, municipality_id in municipality.items():
        if municipality_id is not None:
            members[municipality_id].append(area_id)
    groups = {
        municipality_id: build_group(areas[municipality_id], ids, values, t0, t1)
        for municipality_id, ids in members.items()
    }
    neighbours: dict[int, list[AreaInfo]] = defaultdict(list)
    for a, b in touching_pairs(kind):
        # Only areas of the same municipality: they are the ones the quintiles rank.
        if municipality.get(a) is not None and municipality.get(a) == municipality.get(b):
            neighbours[a].append(areas[b])

    assessments = [
        assess_area(
            area,
            groups.get(municipality.get(area.id)),
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

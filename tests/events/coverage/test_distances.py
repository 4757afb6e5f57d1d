"""The walking and cycling distances have one owner, events/coverage/distances.py: the code
reads them there, and the pages that state them in prose say the same."""

import re
from pathlib import Path

from api.params import CoverageParams
from events.coverage import distances
from events.coverage.distances import CYCLING_M, MAX_DISTANCE_M, WALKING_M

ROOT = Path(__file__).resolve().parents[3]
CODE = ("events", "api", "frontend", "bench")
SUFFIXES = {".py", ".html", ".js"}


def test_the_api_reads_its_default_and_bound_from_the_owner():
    field = CoverageParams().fields["distance"]
    assert field.default == WALKING_M
    assert field.max_value == MAX_DISTANCE_M
    assert f"default {WALKING_M:,}," in field.help_text
    assert f"{CYCLING_M:,} is the cycling one" in field.help_text


def test_no_other_module_writes_the_distances_down():
    owner = Path(distances.__file__).resolve()
    numbers = "|".join(f"{n}|{n:_}" for n in (WALKING_M, CYCLING_M))
    pattern = re.compile(rf"\b({numbers})\b")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for top in CODE
        for path in (ROOT / top).rglob("*")
        if path.is_file()
        and path.suffix in SUFFIXES
        and path.resolve() != owner
        and "vendor" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert found == []


def test_the_docs_state_the_distances_of_the_code():
    walking, cycling = f"{WALKING_M:,} m", f"{CYCLING_M:,} m"
    method = (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8")
    assert f"Walking distance: {walking}; cycling distance: {cycling}" in method
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"walking\n({walking}) and cycling ({cycling}) distance" in readme

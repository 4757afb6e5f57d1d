"""The public projection of a place has one owner: places/public.py and
Place.shows_area_only. Any other module that decides by itself whether a place is shown by
its area only is a projection that the next change to the rule would forget."""

import os
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# A comparison of a place's precision: in Python or a template (==, !=), or in SQL against
# a literal ('area', 'exact').
RESTATED = re.compile(
    r"""precision\s*(?:==|!=)|precision\s*(?:=|<>|!=)\s*'(?:area|exact)'""", re.IGNORECASE
)

OWNERS = {"places/models.py", "places/public.py"}
# Not the application: tests, migrations (history), the benchmark's reference SQL (it is
# written apart from the app on purpose, to measure it).
SKIPPED_PARTS = {"tests", "migrations", "bench", "node_modules", ".venv", "static"}


def restating_modules() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [d for d in subfolders if d not in SKIPPED_PARTS and d[0] != "."]
        for name in files:
            if name.endswith((".py", ".html")):
                _scan(Path(folder) / name, found)
    return found


def _scan(path: Path, found: dict[str, list[str]]) -> None:
    relative = path.relative_to(ROOT)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if RESTATED.search(line):
            found.setdefault(relative.as_posix(), []).append(f"{number}: {line.strip()}")


def test_only_places_public_and_the_model_decide_what_an_area_place_shows():
    found = restating_modules()
    others = {module: lines for module, lines in found.items() if module not in OWNERS}
    assert not others, (
        "These modules decide by themselves whether a place is shown by its area only; use "
        "Place.shows_area_only, places.public.public_address or PUBLIC_ADDRESS_SQL: "
        f"{others}"
    )


def test_the_guard_sees_a_restatement():
    assert RESTATED.search('{% if place.precision == "area" %}')
    assert RESTATED.search("CASE WHEN p.precision = 'area' THEN '' ELSE p.address END")
    assert not RESTATED.search("{% if place.shows_area_only %}")
    assert not RESTATED.search("Place.objects.filter(precision=Precision.AREA)")

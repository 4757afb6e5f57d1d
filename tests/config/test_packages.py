"""Every package of the project says in its `__init__.py` docstring what it holds, as the
README's Layout table does, so that the tree explains itself."""

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
APPS = ["config", "core", "buurt", "places", "events", "subscriptions", "api", "frontend"]
# Not packages of the code: migrations are Django's, tests mirror the code elsewhere.
SKIPPED = {"migrations", "tests", "__pycache__"}


def packages() -> list[str]:
    found = []
    for app in APPS:
        for init in sorted((REPO / app).rglob("__init__.py")):
            package = init.parent.relative_to(REPO)
            if not SKIPPED.intersection(package.parts):
                found.append(package.as_posix())
    return found


def test_the_walk_finds_every_app_and_their_sub_packages():
    found = packages()
    assert set(APPS) <= set(found)
    assert {"buurt/sensitivity", "events/recurrence", "events/management/commands"} <= set(found)
    assert not [package for package in found if "migrations" in package]


@pytest.mark.parametrize(
    "package",
    packages(),
)
def test_every_package_says_what_it_holds(package):
    source = (REPO / package / "__init__.py").read_text()
    docstring = ast.get_docstring(ast.parse(source))
    assert docstring and docstring.strip(), f"{package}/__init__.py has no docstring"

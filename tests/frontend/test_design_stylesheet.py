"""The design system's stylesheet (scripts/design.sh) keeps every govuk-frontend rule the
markup of frontend/ names and drops the others, because every page carries it inline."""

import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
SHIPPED = REPO / "frontend" / "static" / "vendor" / "design" / "design.css"
NODE = "node"
MARKUP = ["frontend/templates/**/*.html", "frontend/**/*.py", "frontend/static/frontend/js/*.js"]
CLASS = re.compile(r"\.(govuk-[A-Za-z0-9_-]+)")


@pytest.fixture(scope="module")
def whole_sheet(tmp_path_factory) -> str:
    """The stylesheet as Sass makes it, before PurgeCSS."""
    out = tmp_path_factory.mktemp("design") / "whole.css"
    options = ["--no-source-map", "--load-path=node_modules", "--quiet-deps"]
    options += ["--silence-deprecation=import", "frontend/scss/design.scss", str(out)]
    subprocess.run([NODE, "node_modules/sass/sass.js", *options], cwd=REPO, check=True)
    return out.read_text()


def named_in_markup() -> set[str]:
    words = set()
    for pattern in MARKUP:
        for path in REPO.glob(pattern):
            if "vendor" not in path.parts:
                words |= set(re.findall(r"govuk-[A-Za-z0-9_-]+", path.read_text()))
    return words


def test_every_component_class_the_pages_name_keeps_its_rules(whole_sheet):
    shipped = set(CLASS.findall(SHIPPED.read_text()))
    styled = set(CLASS.findall(whole_sheet))
    used = named_in_markup() & styled
    assert {"govuk-button", "govuk-date-input__input", "govuk-error-summary"} <= used
    assert used - shipped == set()


def test_rules_no_page_names_are_left_out(whole_sheet):
    # A class inside :not() or :has() only qualifies a rule that is kept for another class.
    shipped = set(CLASS.findall(re.sub(r":(not|has)\([^)]*\)", "", SHIPPED.read_text())))
    unused = set(CLASS.findall(whole_sheet)) - named_in_markup()
    assert unused and not unused & shipped
    assert len(SHIPPED.read_text()) < 0.8 * len(whole_sheet)

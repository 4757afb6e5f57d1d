"""Validators made from the official HSDS 3.0 schema files in ./schema (see its README)."""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

FOLDER = Path(__file__).parent / "schema"
# The object schemas refer to each other by file name ("phone.json").
OBJECTS = sorted(path.name for path in FOLDER.glob("*.json") if path.name != "openapi.json")


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _registry() -> Registry:
    return Registry().with_resources(
        (name, Resource.from_contents(_load(FOLDER / name), default_specification=DRAFT202012))
        for name in OBJECTS
    )


@cache
def validator(name: str) -> Draft202012Validator:
    """The validator of one object schema ("service.json") or list item schema
    ("compiled/service_list.json"), with formats (uuid, uri, email, date-time) checked."""
    schema = {"$ref": name} if name in OBJECTS else _load(FOLDER / name)
    return Draft202012Validator(schema, registry=_registry(), format_checker=FormatChecker())


@cache
def page_validator() -> Draft202012Validator:
    page = _load(FOLDER / "openapi.json")["components"]["schemas"]["Page"]
    schema = {**page, "required": [*page["properties"], "contents"]}
    return Draft202012Validator(schema, format_checker=FormatChecker())


def errors(name: str, document) -> list[str]:
    """Every way `document` breaks schema `name`, as readable lines (empty: valid)."""
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in validator(name).iter_errors(document)
    ]

"""How one value of the demo's YAML is read and checked: small check functions that return
the value in the loader's terms or raise `Wrong` with the end of a sentence for the person
who edits the file. `read_mapping` applies a table of them to one entry."""

import difflib
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import pycountry
import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email


class Wrong(Exception):
    """What is wrong with one value, or with several fields of a nested mapping: a list of
    (field path, the end of a sentence)."""

    def __init__(self, message: str = "", *, items: list[tuple[str, str]] | None = None):
        super().__init__(message)
        self.items = items if items is not None else [("", message)]


Check = Callable[[Any], Any]


@dataclass(frozen=True)
class Field:
    check: Check
    required: bool = True
    default: Any = None


class Mapping(dict):
    """A YAML mapping that remembers the fields given twice (PyYAML silently keeps the
    last one, and a second `title:` would hide the first without a word)."""

    twice: tuple = ()


class Loader(yaml.SafeLoader):
    """safe_load, with mappings that remember their repeated fields."""


def _construct_mapping(loader: Loader, node: yaml.MappingNode) -> Mapping:
    data, twice = Mapping(), []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                None, None, "a field name must be a word", key_node.start_mark
            )
        if key in data:
            twice.append(key)
        data[key] = loader.construct_object(value_node, deep=True)
    data.twice = tuple(twice)
    return data


Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def shown(value: Any) -> str:
    """A value as the file's author wrote it, more or less."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)


def read_mapping(raw: Any, spec: dict[str, Field]) -> tuple[dict, list[tuple[str, str]]]:
    """The checked values of one mapping, and every (field, problem) found in it."""
    if not isinstance(raw, dict):
        return {}, [("", f"must be a mapping of fields (name: value), not {shown(raw)}")]
    values: dict = {}
    problems: list[tuple[str, str]] = []
    for name in getattr(raw, "twice", ()):
        problems.append((str(name), "is given twice"))
    for name in raw:
        if name not in spec:
            close = difflib.get_close_matches(str(name), list(spec), n=1)
            hint = f"did you mean {close[0]}?" if close else f"the fields are {', '.join(spec)}"
            problems.append((str(name), f"is not a field here; {hint}"))
    for name, field in spec.items():
        if name not in raw:
            if field.required:
                problems.append((name, "is missing"))
            else:
                values[name] = field.default
            continue
        try:
            values[name] = field.check(raw[name])
        except Wrong as wrong:
            problems += [(_join(name, inner), message) for inner, message in wrong.items]
    return values, problems


def _join(outer: str, inner: str) -> str:
    return f"{outer}.{inner}" if inner else outer


def mapping(spec: dict[str, Field], then: Callable[[dict], Any] = dict) -> Check:
    """A nested mapping (weekly: {...}), checked field by field, then turned into a value."""

    def check(value: Any) -> Any:
        values, problems = read_mapping(value, spec)
        if problems:
            raise Wrong(items=problems)
        return then(values)

    return check


def text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise Wrong(f"must be text, not the number {value}; put it in quotes")
    raise Wrong(f"must be text, not {shown(value)}")


def filled(value: Any) -> str:
    if not text(value).strip():
        raise Wrong("must not be empty")
    return value


KEY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def key(value: Any) -> str:
    if not KEY.fullmatch(text(value)):
        raise Wrong(
            f"{shown(value)} is not a key: use lower-case letters, digits and hyphens, "
            "for example buurthuis-de-sluis"
        )
    return value


def flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Wrong(f"must be true or false, not {shown(value)}")
    return value


def one_of(choices: Iterable[str]) -> Check:
    options = list(choices)

    def check(value: Any) -> str:
        if isinstance(value, str) and value in options:
            return value
        hint = ""
        if isinstance(value, bool):
            # YAML 1.1 reads a bare yes/no/on/off as true or false.
            hint = '; write "yes" or "no" in quotes' if "yes" in options else ""
        raise Wrong(f"{shown(value)} is not one of {', '.join(options)}{hint}")

    return check


def codes(check: Check) -> Check:
    """A non-empty list of codes, each checked, none twice."""

    def checked(value: Any) -> list:
        if not isinstance(value, list) or not value:
            raise Wrong(f"must be a list of at least one value, such as [a, b], not {shown(value)}")
        items = [check(item) for item in value]
        twice = sorted({item for item in items if items.count(item) > 1})
        if twice:
            raise Wrong(f"lists {', '.join(twice)} twice")
        return items

    return checked


def language(value: Any) -> str:
    if not (isinstance(value, str) and len(value) == 2 and value.islower()):
        raise Wrong(f"{shown(value)} is not a two-letter language code (ISO 639-1), such as nl")
    if pycountry.languages.get(alpha_2=value) is None:
        raise Wrong(f"{shown(value)} is not a language code (ISO 639-1)")
    return value


def email(value: Any) -> str:
    try:
        validate_email(text(value))
    except ValidationError:
        raise Wrong(f"{shown(value)} is not an e-mail address") from None
    return value


def website(value: Any) -> str:
    try:
        URLValidator(schemes=["https", "http"])(text(value))
    except ValidationError:
        raise Wrong(f"{shown(value)} is not a web address (https://…)") from None
    return value


def number_between(low: float, high: float) -> Check:
    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise Wrong(f"must be a number, not {shown(value)}")
        if not low <= value <= high:
            raise Wrong(f"{value} is not between {low} and {high}")
        return value

    return check


def whole_number(low: int, high: int) -> Check:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise Wrong(f"must be a whole number, not {shown(value)}")
        if not low <= value <= high:
            raise Wrong(f"{value} is not between {low} and {high}")
        return value

    return check


TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


def clock_time(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML 1.1 reads 19:00 without quotes as a number of seconds (sexagesimal).
        raise Wrong('must be in quotes, for example time: "19:00"')
    if not (isinstance(value, str) and TIME.fullmatch(value)):
        raise Wrong(f'{shown(value)} is not a time of day; write "HH:MM", for example "09:30"')
    return value


def amount(value: Any) -> Decimal:
    """Euros, at most two decimals, written "2.00" (in quotes, so that YAML keeps them)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise Wrong(f'must be an amount in euros such as "2.00", not {shown(value)}')
    try:
        euros = Decimal(str(value))
    except InvalidOperation:
        raise Wrong(f'{shown(value)} is not an amount in euros such as "2.00"') from None
    if not euros.is_finite() or euros < 0 or euros.as_tuple().exponent < -2:
        raise Wrong(f'{shown(value)} is not an amount in euros such as "2.00"')
    return euros

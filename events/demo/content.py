"""The demo's organisations, places and activities, written by hand in
data/neighbourhoods/demo.yaml: read and checked as a whole before anything is written, so
that a mistake stops the load with a sentence naming the entry (its key) and the field."""

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml
from django.contrib.gis.geos import GEOSGeometry, Point

from core.imports import ImportRejected
from core.language import content_languages
from events.models import ActivityKind, Audience
from events.work_models import WORK_MODELS
from places.models import PlaceKind, Precision, Wheelchair

from . import fields as f
from .fields import Field
from .schedules import MONTHLY, ONCE, WEEKLY, ScheduleEntry

CONTENT_FILE = "demo.yaml"
NEIGHBOURHOODS_FILE = "neighbourhoods.geojson"


class DemoContentInvalid(ImportRejected):
    """demo.yaml cannot be loaded; nothing was written. One sentence per problem."""

    def __init__(self, problems: list[str]) -> None:
        if len(problems) == 1:
            message = problems[0]
        else:
            listed = "\n".join(f"- {problem}" for problem in problems)
            message = f"{CONTENT_FILE} has {len(problems)} problems:\n{listed}"
        super().__init__(message, problems=problems)


@dataclass(frozen=True)
class OrganisationEntry:
    key: str
    name: str
    description: str
    website: str
    phone: str
    email: str
    verified: bool


@dataclass(frozen=True)
class PlaceEntry:
    key: str
    name: str
    organisation: str
    kind: str
    address: str
    neighbourhood: str
    lon: float
    lat: float
    precision: str
    wheelchair: str
    accessible_toilet: bool
    hearing_loop: bool
    opening_hours: str


@dataclass(frozen=True)
class ActivityEntry:
    key: str
    organisation: str
    kind: str
    title: str
    summary: str
    text_language: str
    description: str
    what_to_expect: str
    work_models: list[str]
    audiences: list[str]
    languages: list[str]
    basic_dutch_ok: bool
    cost: str
    cost_amount: Decimal | None
    social_tariff: str
    registration_required: bool
    registration_how: str
    host_name: str
    contact_phone: str
    contact_email: str
    place: str | None
    service_areas: list[str]
    schedule: ScheduleEntry


@dataclass(frozen=True)
class DemoContent:
    organisations: list[OrganisationEntry]
    places: list[PlaceEntry]
    activities: list[ActivityEntry]


# --- The fields of each entry ---------------------------------------------------------------

PAID = f.mapping(
    {"paid": Field(f.amount), "social_tariff": Field(f.text, required=False, default="")}
)
REGISTRATION = f.mapping({"how": Field(f.filled)})


def _cost(value) -> dict:
    if value == "free":
        return {"cost": "free", "cost_amount": None, "social_tariff": ""}
    if not isinstance(value, dict):
        raise f.Wrong(f'must be free or {{paid: "2.00", social_tariff: …}}, not {f.shown(value)}')
    paid = PAID(value)
    return {"cost": "paid", "cost_amount": paid["paid"], "social_tariff": paid["social_tariff"]}


def _registration(value) -> dict:
    if value == "not needed":
        return {"registration_required": False, "registration_how": ""}
    if not isinstance(value, dict):
        raise f.Wrong(f"must be not needed or {{how: …}}, not {f.shown(value)}")
    return {"registration_required": True, "registration_how": REGISTRATION(value)["how"]}


ORGANISATION = {
    "key": Field(f.key),
    "name": Field(f.filled),
    "verified": Field(f.flag),
    "website": Field(f.website),
    "phone": Field(f.text),
    "email": Field(f.email),
    "description": Field(f.text),
}
PLACE = {
    "key": Field(f.key),
    "name": Field(f.filled),
    "organisation": Field(f.key),
    "kind": Field(f.one_of(PlaceKind.values)),
    "address": Field(f.filled),
    "neighbourhood": Field(f.text),
    "lon": Field(f.number_between(-180, 180)),
    "lat": Field(f.number_between(-90, 90)),
    "precision": Field(f.one_of(Precision.values)),
    "wheelchair": Field(f.one_of(Wheelchair.values)),
    "accessible_toilet": Field(f.flag),
    "hearing_loop": Field(f.flag),
    "opening_hours": Field(f.text),
}
SCHEDULES = ("weekly", "monthly", "once")
ACTIVITY = {
    "key": Field(f.key),
    "organisation": Field(f.key),
    "kind": Field(f.one_of(ActivityKind.values)),
    "title": Field(f.filled),
    "summary": Field(f.filled),
    # The language title and texts are written in; Dutch when the file does not say.
    "text_language": Field(f.one_of(content_languages()), required=False, default="nl"),
    "description": Field(f.text),
    "what_to_expect": Field(f.text),
    "work_models": Field(f.codes(f.one_of(code for code, *_names in WORK_MODELS))),
    "audiences": Field(f.codes(f.one_of(Audience.values))),
    "languages": Field(f.codes(f.language)),
    "basic_dutch_ok": Field(f.flag, required=False, default=True),
    "cost": Field(_cost),
    "registration": Field(_registration),
    "host_name": Field(f.text),
    "contact_phone": Field(f.text),
    "contact_email": Field(f.email),
    "place": Field(f.key, required=False),
    "service_areas": Field(f.codes(f.text), required=False, default=[]),
    "weekly": Field(WEEKLY, required=False),
    "monthly": Field(MONTHLY, required=False),
    "once": Field(ONCE, required=False),
}
SECTIONS = {
    "organisations": ("organisation", ORGANISATION),
    "places": ("place", PLACE),
    "activities": ("activity", ACTIVITY),
}


# --- Reading the file -------------------------------------------------------------------------


def demo_content_read(directory: Path) -> DemoContent:
    """demo.yaml in `directory`, checked against itself and against the neighbourhoods of
    neighbourhoods.geojson beside it; DemoContentInvalid lists every problem found."""
    path = directory / CONTENT_FILE
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=f.Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise DemoContentInvalid([f"{CONTENT_FILE} is not valid YAML{where}: {problem}"]) from None
    neighbourhoods = _neighbourhoods(directory / NEIGHBOURHOODS_FILE)
    problems: list[str] = []
    sections = _sections(raw, problems)
    entries: dict[str, list[tuple[str, dict]]] = {}
    keys: dict[str, list[tuple[str, str]]] = {}
    for section, items in sections.items():
        noun, spec = SECTIONS[section]
        entries[section], keys[section] = [], []
        for number, item in enumerate(items, start=1):
            values, found = f.read_mapping(item, spec)
            label = _label(noun, item, number)
            problems += [_sentence(label, field, message) for field, message in found]
            # An entry with a mistake is still known by its key: no second problem for
            # every entry that refers to it.
            if "key" in values:
                keys[section].append((label, values["key"]))
            if not found:
                entries[section].append((label, values))
    _check_together(entries, keys, neighbourhoods, problems)
    if problems:
        raise DemoContentInvalid(problems)
    return DemoContent(
        organisations=[OrganisationEntry(**values) for _label, values in entries["organisations"]],
        places=[PlaceEntry(**values) for _label, values in entries["places"]],
        activities=[_activity(values) for _label, values in entries["activities"]],
    )


def _sections(raw, problems: list[str]) -> dict[str, list]:
    if not isinstance(raw, dict):
        problems.append(f"{CONTENT_FILE} must hold organisations:, places: and activities:")
        return {section: [] for section in SECTIONS}
    for name in raw:
        if name not in SECTIONS:
            problems.append(
                f"{CONTENT_FILE}: {name} is not a section; the sections are "
                "organisations, places and activities"
            )
    sections = {}
    for section in SECTIONS:
        items = raw.get(section)
        if not isinstance(items, list):
            problems.append(f"{CONTENT_FILE}: {section}: must be a list of entries (- key: …)")
            items = []
        sections[section] = items
    return sections


def _label(noun: str, item, number: int) -> str:
    key = item.get("key") if isinstance(item, dict) else None
    return f'{noun} "{key}"' if isinstance(key, str) else f"{noun} number {number} (no key)"


def _sentence(label: str, field: str, message: str) -> str:
    said = f"{field} {message}" if field else message
    return f"{CONTENT_FILE}, {label}: {said}" + ("" if said.endswith(("?", ".")) else ".")


def _neighbourhoods(path: Path) -> dict[str, tuple[str, GEOSGeometry]]:
    collection = json.loads(path.read_text(encoding="utf-8"))
    return {
        feature["properties"]["code"]: (
            feature["properties"]["name"],
            GEOSGeometry(json.dumps(feature["geometry"]), srid=4326),
        )
        for feature in collection["features"]
    }


def _check_together(entries: dict, keys: dict, neighbourhoods: dict, problems: list[str]) -> None:
    """What no single field can say: keys given twice, references to other entries and to
    the neighbourhoods, a place inside its neighbourhood, exactly one schedule."""
    known: dict[str, set[str]] = {}
    for section, labelled in keys.items():
        known[section] = set()
        for label, key in labelled:
            if key in known[section]:
                problems.append(f"{CONTENT_FILE}, {label}: key is used by an earlier entry.")
            known[section].add(key)
    names = set()
    for label, values in entries["organisations"]:
        # The loader finds an organisation again by its name.
        if values["name"] in names:
            problems.append(f"{CONTENT_FILE}, {label}: name is that of an earlier organisation.")
        names.add(values["name"])

    def refer(label: str, field: str, value: str, section: str) -> None:
        if value not in known[section]:
            noun = SECTIONS[section][0]
            article = "an" if noun[0] in "aeiou" else "a"
            problems.append(
                f'{CONTENT_FILE}, {label}: {field} "{value}" is not the key of {article} {noun}.'
            )

    for label, values in entries["places"]:
        refer(label, "organisation", values["organisation"], "organisations")
        code = values["neighbourhood"]
        if code not in neighbourhoods:
            problems.append(
                f'{CONTENT_FILE}, {label}: neighbourhood "{code}" is not a neighbourhood '
                f"of {NEIGHBOURHOODS_FILE} (99001W01 to 99001W20)."
            )
            continue
        name, polygon = neighbourhoods[code]
        if not polygon.contains(Point(values["lon"], values["lat"], srid=4326)):
            problems.append(
                f"{CONTENT_FILE}, {label}: lon/lat ({values['lon']}, {values['lat']}) "
                f"lie outside its neighbourhood {code} ({name})."
            )
    for label, values in entries["activities"]:
        refer(label, "organisation", values["organisation"], "organisations")
        if values["place"] is not None:
            refer(label, "place", values["place"], "places")
        for code in values["service_areas"]:
            if code not in neighbourhoods:
                problems.append(
                    f'{CONTENT_FILE}, {label}: service_areas "{code}" is not a neighbourhood '
                    f"of {NEIGHBOURHOODS_FILE}."
                )
        if (values["place"] is None) == (not values["service_areas"]):
            problems.append(
                f"{CONTENT_FILE}, {label}: place needs a value, or service_areas for a "
                "programme without a venue (one of the two)."
            )
        given = [name for name in SCHEDULES if values[name] is not None]
        if len(given) != 1:
            problems.append(
                f"{CONTENT_FILE}, {label}: weekly, monthly or once: give exactly one "
                f"(here {len(given) or 'none'})."
            )


def _activity(values: dict) -> ActivityEntry:
    fields = {name: value for name, value in values.items() if name not in SCHEDULES}
    cost, registration = fields.pop("cost"), fields.pop("registration")
    schedule = next(values[name] for name in SCHEDULES if values[name] is not None)
    return ActivityEntry(**fields, **cost, **registration, schedule=schedule)

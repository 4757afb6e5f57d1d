"""The fictional demo territory Buurtegem (data/neighbourhoods/), loaded idempotently with
dates relative to today so that the board is never empty.

"Today" is the clock's (timezone.localdate()), not a parameter: the schedules' occurrences
are materialised from the clock too, and a demo dated from another day than the one the
materialisation starts from leaves the board empty. Tests move the clock (time-machine).
"""

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.contrib.gis.geos import Point
from django.db import transaction
from django.utils import timezone

from buurt.importers import AreaFileSpec, read_area_rows
from buurt.indicators import indicator_values_upsert, read_indicator_rows
from buurt.models import Area, AreaKind
from buurt.sensitivity.assess import sensitivity_assess
from buurt.services import areas_upsert
from places.models import Organisation, Place
from places.services import organisation_create, place_create, place_update

from ..history import one_change
from ..models import ACTIVITY_DETAILS, Activity, Occurrence, Status
from ..recurrence.rules import BRUSSELS, canonical_rrule, parse_rrule
from ..services import (
    ScheduleInput,
    activity_create,
    activity_update,
    occurrence_cancel,
    schedule_set,
)
from .content import ActivityEntry, ScheduleEntry, demo_content_read

AREA_FILES = [
    ("municipality.geojson", AreaKind.MUNICIPALITY, None, None),
    ("districts.geojson", AreaKind.DISTRICT, AreaKind.MUNICIPALITY, "municipality_code"),
    ("neighbourhoods.geojson", AreaKind.NEIGHBOURHOOD, AreaKind.DISTRICT, "district_code"),
]
DEMO_KEY = "demo:"


@dataclass
class DemoSummary:
    areas: int = 0
    organisations: int = 0
    places: int = 0
    activities: int = 0
    occurrences: int = 0

    def __str__(self) -> str:
        return (
            f"{self.areas} areas, {self.organisations} organisations, {self.places} places, "
            f"{self.activities} activities, {self.occurrences} upcoming occurrences"
        )


def first_start(schedule: ScheduleEntry, today: date) -> datetime:
    """The first session on or after today: the soonest first instance of the rule, or the
    one-off date, at the given Brussels wall-clock time."""
    at = time.fromisoformat(schedule.time)
    if not schedule.rrule:
        return datetime.combine(
            today + timedelta(days=schedule.days_from_today or 0), at, tzinfo=BRUSSELS
        )
    # Started this week: an every-other-week rule counts its weeks from its start, so a
    # Wednesday rule started on a Friday would skip to the Wednesday after next, and the
    # board would lose it on the days after its weekday.
    candidates = (
        datetime.combine(today + timedelta(days=k), at, tzinfo=BRUSSELS) for k in range(7)
    )
    first = min(parse_rrule(schedule.rrule, dtstart=candidate)[0] for candidate in candidates)
    return first.replace(tzinfo=BRUSSELS)


@transaction.atomic
def demo_load(*, directory: Path) -> DemoSummary:
    """Load or refresh the demo, its dates counted from today on the clock. demo.yaml is
    checked before anything is written (DemoContentInvalid)."""
    today = timezone.localdate()
    content = demo_content_read(directory)
    summary = DemoSummary()
    for filename, kind, parent_kind, parent_field in AREA_FILES:
        spec = AreaFileSpec(
            kind=kind,
            code_field="code",
            name_field="name",
            parent_kind=parent_kind,
            parent_code_field=parent_field,
            population_field="population",
        )
        rows = read_area_rows(directory / filename, spec, progress=None)
        areas_upsert(kind=kind, rows=rows)
        summary.areas += len(rows)
    indicator_values_upsert(rows=read_indicator_rows(directory / "indicators.csv"))

    organisations = {}
    for entry in content.organisations:
        organisation = Organisation.objects.filter(name=entry.name).first()
        if organisation is None:
            organisation = organisation_create(
                name=entry.name,
                verified=entry.verified,
                description=entry.description,
                website=entry.website,
                phone=entry.phone,
                email=entry.email,
            )
        organisations[entry.key] = organisation
    summary.organisations = len(organisations)

    places = {}
    for entry in content.places:
        fields = {
            "organisation": organisations[entry.organisation],
            "address": entry.address,
            "precision": entry.precision,
            "wheelchair": entry.wheelchair,
            "accessible_toilet": entry.accessible_toilet,
            "hearing_loop": entry.hearing_loop,
            "opening_hours": entry.opening_hours,
            "name": entry.name,
            "kind": entry.kind,
            "location": Point(entry.lon, entry.lat, srid=4326),
        }
        key = DEMO_KEY + entry.key
        existing = Place.objects.filter(import_key=key).first()
        if existing is None:
            places[entry.key] = place_create(import_key=key, **fields)
        else:
            places[entry.key] = place_update(place=existing, **fields)
    summary.places = len(places)

    for entry in content.activities:
        with one_change():  # created, dated, one date cancelled: one row each
            _activity_load(entry, organisations, places, today)
        summary.activities += 1
    # The workers' map shows the demo's gentrification sensitivity from the start.
    sensitivity_assess(kind=AreaKind.NEIGHBOURHOOD, t0=2018, t1=2023)
    summary.occurrences = Occurrence.objects.filter(
        activity__import_key__startswith=DEMO_KEY,
        start__gte=datetime.combine(today, time(), tzinfo=BRUSSELS),
    ).count()
    return summary


def _activity_load(
    entry: ActivityEntry, organisations: dict, places: dict, today: date
) -> Activity:
    key = DEMO_KEY + entry.key
    fields = {
        "kind": entry.kind,
        "title": entry.title,
        "summary": entry.summary,
        "work_models": entry.work_models,
        "place": places[entry.place] if entry.place else None,
        "service_areas": list(
            Area.objects.filter(kind=AreaKind.NEIGHBOURHOOD, code__in=entry.service_areas)
        ),
        **{name: getattr(entry, name) for name in ACTIVITY_DETAILS},
    }
    activity = Activity.objects.filter(import_key=key).first()
    organisation = organisations[entry.organisation]
    # Demo activities are all visible, also those of unverified organisations, so that
    # the board shows the whole variety; moderation is shown with real posts.
    if activity is None:
        activity = activity_create(
            organisation=organisation, status=Status.PUBLISHED, import_key=key, **fields
        )
    else:
        activity = activity_update(activity=activity, **fields)
    schedule = entry.schedule
    rrule = canonical_rrule(schedule.rrule or "")
    existing = getattr(activity, "schedule", None)
    # Keep a schedule that still reaches today: rewriting it daily would shift history.
    keep = (
        existing is not None and not _schedule_is_stale(existing, today) and existing.rrule == rrule
    )
    schedule_set(
        activity=activity,
        schedule=ScheduleInput(
            dtstart=existing.dtstart if keep else first_start(schedule, today),
            duration=timedelta(minutes=schedule.duration_minutes),
            rrule=rrule,
            exdates=list(existing.exdates) if keep else [],
            rdates=list(existing.rdates) if keep else [],
        ),
    )
    if schedule.cancel_next:
        upcoming = (
            activity.occurrences.filter(start__gte=datetime.combine(today, time(), tzinfo=BRUSSELS))
            .order_by("start")
            .first()
        )
        if upcoming is not None and not upcoming.cancelled and not activity.schedule.exdates:
            occurrence_cancel(occurrence=upcoming)
    return activity


def _schedule_is_stale(schedule, today: date) -> bool:
    """A one-off event in the past is moved to its relative date again."""
    return not schedule.rrule and schedule.dtstart.astimezone(BRUSSELS).date() < today


DEMO_ADMIN_USERNAME = "demo-admin"


@transaction.atomic
def demo_remove(*, directory: Path) -> DemoSummary:
    """Take the fictional territory out again, with its organisations' activities and places
    and the demo admin account, so that a real territory is never mixed with invented data
    (their polygons overlap the real towns around Aalst)."""
    from django.contrib.auth import get_user_model

    content = demo_content_read(directory)
    organisations = Organisation.objects.filter(
        name__in=[entry.name for entry in content.organisations]
    )
    activities = Activity.objects.filter(organisation__in=organisations) | Activity.objects.filter(
        import_key__startswith=DEMO_KEY
    )
    summary = DemoSummary(activities=activities.count())
    activities.delete()
    places = Place.objects.filter(organisation__in=organisations) | Place.objects.filter(
        import_key__startswith=DEMO_KEY
    )
    summary.places = places.count()
    places.delete()
    summary.organisations = organisations.count()
    organisations.delete()
    codes = []
    for filename, *_rest in AREA_FILES:
        collection = json.loads((directory / filename).read_text(encoding="utf-8"))
        codes += [feature["properties"]["code"] for feature in collection["features"]]
    # Finest first: an area's parent is protected while it has children.
    for kind in reversed([kind for _filename, kind, *_rest in AREA_FILES]):
        areas = Area.objects.filter(kind=kind, code__in=codes)
        summary.areas += areas.count()
        areas.delete()
    get_user_model().objects.filter(username=DEMO_ADMIN_USERNAME).delete()
    return summary

"""factory_boy factories for the domain objects that tests set up: areas, users,
organisations, places (inside the test territory), activities, schedules and occurrences."""

from datetime import datetime, time, timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import MultiPolygon, Point, Polygon
from django.utils import timezone

from buurt.models import Area, AreaKind
from events.models import Activity, ActivityKind, Occurrence, Schedule
from events.recurrence.rules import BRUSSELS
from events.services import activity_create, occurrences_materialise
from places.models import Organisation, Place, PlaceKind, Precision
from places.services import places_locate


def square(x0: float, y0: float, size: float) -> MultiPolygon:
    """A square of `size` degrees with its south-west corner at (x0, y0), in EPSG:4326."""
    return MultiPolygon(Polygon.from_bbox((x0, y0, x0 + size, y0 + size)), srid=4326)


class AreaFactory(factory.django.DjangoModelFactory):
    """A neighbourhood near Gent: a square of `size` degrees (about 700 m by 1100 m for the
    default 0.01) with its south-west corner at `origin` (longitude, latitude). Pass
    `width` and `height` for a rectangle, `parent=` for the area it lies in."""

    class Meta:
        model = Area

    class Params:
        origin = (3.70, 51.00)
        size = 0.01
        width = factory.SelfAttribute("size")
        height = factory.SelfAttribute("size")

    kind = AreaKind.NEIGHBOURHOOD
    code = factory.Sequence(lambda n: f"A{n:05d}")
    name = factory.Sequence(lambda n: f"Wijk {n}")
    parent = None
    geometry = factory.LazyAttribute(
        lambda area: MultiPolygon(
            Polygon.from_bbox(
                (
                    area.origin[0],
                    area.origin[1],
                    area.origin[0] + area.width,
                    area.origin[1] + area.height,
                )
            ),
            srid=4326,
        )
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"worker{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Buurtwerk {n}")
    verified = True


class PlaceFactory(factory.django.DjangoModelFactory):
    """A place inside the test territory (see the `territory` fixture)."""

    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Buurthuis {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    kind = PlaceKind.COMMUNITY_CENTRE
    address = "Dorpsstraat 1, 9000 Testdorp"
    location = factory.LazyFunction(lambda: Point(3.705, 51.005, srid=4326))
    precision = Precision.EXACT

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        place = model_class(*args, **kwargs)
        places_locate([place])  # as the services do: area and public point follow the point
        place.save()
        return place


def next_week_evening() -> datetime:
    """19:00 in Brussels a week from today: a start that is always ahead of the test."""
    return datetime.combine(timezone.localdate() + timedelta(days=7), time(19), tzinfo=BRUSSELS)


class ActivityFactory(factory.django.DjangoModelFactory):
    """A recurring activity with one work model at a place of its (verified) organisation,
    made by `activity_create` as the API and the workspace make one: validated, with its
    history row, and published because the organisation is verified (an unverified one's
    activity waits, pending). Pass `without_venue=True, service_areas=[...]` for a programme
    without a venue, `schedule=ScheduleInput(...)` for dated sessions, any other field by name."""

    class Meta:
        model = Activity

    organisation = factory.SubFactory(OrganisationFactory)
    place = factory.SubFactory(PlaceFactory, organisation=factory.SelfAttribute("..organisation"))
    kind = ActivityKind.RECURRING
    title = factory.Sequence(lambda n: f"Activiteit {n}")
    summary = "Iets om te doen in de buurt."
    work_models = ("community",)

    class Params:
        # A programme without a venue, such as a buddy scheme: pass its `service_areas`.
        without_venue = factory.Trait(kind=ActivityKind.PROGRAMME, place=None)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return activity_create(**kwargs)


class ScheduleFactory(factory.django.DjangoModelFactory):
    """A weekly two-hour schedule, first next week at 19:00, of a new activity; its dated
    occurrences are materialised, as the services do after storing a schedule."""

    class Meta:
        model = Schedule

    activity = factory.SubFactory(ActivityFactory)
    dtstart = factory.LazyFunction(next_week_evening)
    duration = timedelta(hours=2)
    rrule = "FREQ=WEEKLY"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        schedule = super()._create(model_class, *args, **kwargs)
        occurrences_materialise(activity=schedule.activity)
        return schedule


class OccurrenceFactory(factory.django.DjangoModelFactory):
    """One dated two-hour session of a new activity, next week at 19:00 (no schedule)."""

    class Meta:
        model = Occurrence

    activity = factory.SubFactory(ActivityFactory)
    start = factory.LazyFunction(next_week_evening)
    end = factory.LazyAttribute(lambda occurrence: occurrence.start + timedelta(hours=2))

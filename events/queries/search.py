"""The activity search: the filters of the list, the board and the API, and the listing orders."""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from django.contrib.gis.db.models import PointField
from django.contrib.gis.db.models.functions import Distance
from django.contrib.gis.geos import Point
from django.contrib.gis.measure import D
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from django.utils import timezone

from buurt.models import Area
from core.db import read_cursor
from places.models import Place

from ..models import (
    SEARCH_CONFIGS,
    SEARCH_FIELDS,
    Activity,
    ActivityTranslation,
    Audience,
    CostKind,
    Occurrence,
    Status,
    search_vector,
)
from .visible import activities_visible_to, day_start, next_occurrence_start, published_activities

# The same expression as the index place_public_geography_idx, so that ST_DWithin uses it.
PUBLIC_GEOGRAPHY = Cast("place__public_location", PointField(geography=True, srid=4326))


@dataclass(frozen=True)
class ActivityFilters:
    work_models: tuple[str, ...] = ()
    area: Area | None = None
    near: Point | None = None
    radius_m: float = 1500
    date_from: date | None = None
    date_to: date | None = None
    audience: str | None = None
    language: str | None = None
    free: bool | None = None
    wheelchair: bool | None = None
    q: str | None = None


def _filter_activities(activities: QuerySet[Activity], filters: ActivityFilters) -> QuerySet:
    if filters.work_models:
        activities = activities.filter(
            Exists(
                Activity.work_models.through.objects.filter(
                    activity_id=OuterRef("pk"), workmodel__code__in=filters.work_models
                )
            )
        )
    if filters.area is not None:
        activities = activities.filter(pk__in=_ids_in_area(filters.area))
    if filters.date_from or filters.date_to:
        window = Occurrence.objects.filter(activity=OuterRef("pk"), cancelled=False)
        if filters.date_from:
            window = window.filter(start__gte=day_start(filters.date_from))
        if filters.date_to:
            window = window.filter(start__lt=day_start(filters.date_to + timedelta(days=1)))
        activities = activities.filter(Exists(window))
    if filters.audience:
        # An activity open to everyone is for the chosen audience too.
        activities = activities.filter(
            Q(audiences__contains=[filters.audience])
            | Q(audiences__contains=[Audience.EVERYONE.value])
        )
    if filters.language:
        activities = activities.filter(languages__contains=[filters.language])
    if filters.free is not None:
        activities = activities.filter(cost=CostKind.FREE if filters.free else CostKind.PAID)
    if filters.wheelchair is not None:
        wheelchair = Q(place__wheelchair="yes")
        activities = activities.filter(wheelchair if filters.wheelchair else ~wheelchair)
    if filters.q:
        activities = activities.filter(pk__in=_ids_matching(filters.q))
    if filters.near is not None:
        near_ids = activity_ids_near(filters.near, radius_m=filters.radius_m)
        activities = _with_distance(activities.filter(pk__in=near_ids), filters.near)
    return activities


def _with_distance(activities: QuerySet[Activity], point: Point) -> QuerySet[Activity]:
    """Each activity's `distance` from `point` to its public point, on the spheroid (None for
    a programme without a venue)."""
    return activities.annotate(public_geography=PUBLIC_GEOGRAPHY).annotate(
        distance=Distance("public_geography", point)
    )


def activity_ids_near(point: Point, *, radius_m: float) -> QuerySet:
    """The ids of the activities within reach of `point`, as a subquery.

    A small set of ids first (places by the geography index on the public point,
    programmes by the areas they serve): an OR across the joins would make PostgreSQL test
    every published activity."""
    places_near = (
        Place.objects.annotate(
            geography=Cast("public_location", PointField(geography=True, srid=4326))
        )
        .filter(geography__dwithin=(point, D(m=radius_m)))
        .values("id")
    )
    # Programmes without a venue are near when one of the areas they serve covers you.
    return (
        Activity.objects.filter(place_id__in=places_near)
        .order_by()
        .values("pk")
        .union(
            Activity.service_areas.through.objects.filter(area__geometry__covers=point)
            .order_by()
            .values("activity_id")
        )
    )


def _ids_in_area(area: Area) -> QuerySet:
    """The ids of the activities in an area: at a place whose public point it covers (the
    public point decides, so that filtering by small areas cannot narrow down where a hidden
    place really is), or serving an area whose interior meets it.

    A small set of ids first, as for `near`: the places by the GiST index on the public
    point, the served areas by their bounding boxes (&&, which the index answers and which
    any area whose interior meets this one passes) before the exact ST_Relate. The OR of the
    two across the joins made PostgreSQL join every published activity to its place and test
    each (2.7 s for one neighbourhood of the 100,000-place bench)."""
    places_in = Place.objects.filter(public_location__coveredby=area.geometry).values("id")
    areas_meeting = Area.objects.filter(
        geometry__bboverlaps=area.geometry, geometry__relate=(area.geometry, "T********")
    ).values("id")
    return (
        Activity.objects.filter(place_id__in=places_in)
        .order_by()
        .values("pk")
        .union(
            Activity.service_areas.through.objects.filter(area_id__in=areas_meeting)
            .order_by()
            .values("activity_id")
        )
    )


def _ids_matching(q: str) -> QuerySet:
    """The ids of the activities whose words match `q` (by the GIN index on the search
    vector, events.models.Activity), or a part of whose title it is (Dutch compounds,
    "Budgetcursus", are one word to the stemmer), or one of whose translations matches.
    A union of three id sets rather than an OR in one WHERE, which would make every
    activity's vector again (14-21 s for one search at 100,000 activities)."""
    return (
        Activity.objects.annotate(search=_search_vector(TEXT_FIELDS, SEARCH_CONFIGS))
        .filter(search=_search_query(q, SEARCH_CONFIGS))
        .order_by()
        .values("pk")
        .union(
            Activity.objects.filter(title__icontains=q).order_by().values("pk"),
            _translations_matching(q).order_by().values("activity_id"),
        )
    )


TEXT_FIELDS = SEARCH_FIELDS
# Translations are in any language (Arabic, Tigrinya, Turkish…): words as they are
# ("simple"), and stemmed where the site's own languages are the translation's.
TRANSLATION_SEARCH_CONFIGS = ("simple", *SEARCH_CONFIGS)


def _search_vector(fields: tuple[str, ...], configs: tuple[str, ...]) -> SearchVector:
    return search_vector(fields, configs)


def _search_query(q: str, configs: tuple[str, ...]) -> SearchQuery:
    query = SearchQuery(q, search_type="websearch", config=configs[0])
    for config in configs[1:]:
        query |= SearchQuery(q, search_type="websearch", config=config)
    return query


def _translations_matching(q: str) -> QuerySet[ActivityTranslation]:
    """The translations that hold the words of `q`: search finds an activity by any of its
    versions."""
    fields = ("title", "summary", "what_to_expect")
    return ActivityTranslation.objects.annotate(
        search=_search_vector(fields, TRANSLATION_SEARCH_CONFIGS)
    ).filter(Q(search=_search_query(q, TRANSLATION_SEARCH_CONFIGS)) | Q(title__icontains=q))


def activities_search(*, user, filters: ActivityFilters) -> QuerySet[Activity]:
    """The activity list: visible activities matching the filters, nearest first when
    `near` is given (distance to the public point), else by title."""
    activities = _shown(_filter_activities(activities_visible_to(user), filters))
    if filters.near is not None:
        return activities.order_by(F("distance").asc(nulls_last=True), "title", "id")
    return activities.order_by("title", "id")


def _shown(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """With what a list shows of each activity: its next date, place, organisation,
    schedule, work models, translations and served areas."""
    return (
        activities.annotate(next_start=next_occurrence_start())
        .select_related("place", "place__area", "organisation", "schedule")
        .prefetch_related(
            "work_models",
            "translations",
            Prefetch("service_areas", queryset=Area.objects.defer("geometry")),
        )
        .defer("place__location", "place__area__geometry")
    )


def activities_published_where(filters: ActivityFilters) -> QuerySet[Activity]:
    """Published activities matching the filters (the calendar feed's selection)."""
    return _filter_activities(published_activities(), filters)


def _coming_sessions(filters: ActivityFilters, now: datetime) -> Q:
    """The sessions that give an activity its place in the listing: not cancelled, from now
    (or from date_from) up to date_to."""
    window = Q(
        cancelled=False,
        start__gte=max(now, day_start(filters.date_from)) if filters.date_from else now,
    )
    if filters.date_to:
        window &= Q(start__lt=day_start(filters.date_to + timedelta(days=1)))
    return window


def _first_start_window(filters: ActivityFilters, now: datetime) -> Subquery:
    window = Occurrence.objects.filter(_coming_sessions(filters, now), activity=OuterRef("pk"))
    return Subquery(window.order_by("start").values("start")[:1])


def _listing(
    activities: QuerySet[Activity], filters: ActivityFilters, now: datetime | None = None
) -> QuerySet[Activity]:
    now = now or timezone.now()
    activities = activities.annotate(first_start=_first_start_window(filters, now))
    if filters.date_from or filters.date_to:
        # A session earlier today that is over no longer counts for "today": only the
        # activities with a first date in the window. Asked as the set of their ids (the
        # window's sessions by the index on start) rather than first_start IS NOT NULL,
        # which made the count look up every activity's first date (85 ms for a week).
        coming = Occurrence.objects.filter(_coming_sessions(filters, now))
        activities = activities.filter(pk__in=coming.values("activity_id"))
    if filters.near is not None:
        return activities.order_by(
            F("distance").asc(nulls_last=True), F("first_start").asc(nulls_last=True), "id"
        )
    return activities.order_by(F("first_start").asc(nulls_last=True), "title", "id")


def activities_listing(*, user, filters: ActivityFilters) -> QuerySet[Activity]:
    """The home page's list: activities_search, each with `first_start`, its first date that
    is not cancelled from now (or from date_from) up to date_to; nearest first when `near`
    is given, else soonest first (activities without a coming date last)."""
    return _listing(activities_search(user=user, filters=_undated(filters)), filters)


def _undated(filters: ActivityFilters) -> ActivityFilters:
    """The filters without their days, for the listing: _listing keeps only activities with
    a first date in the window, which implies a session on those days (the filter's own
    test of every activity's sessions only cost time)."""
    return replace(filters, date_from=None, date_to=None)


class ListingIds:
    """The ids of activities_listing in its order, for a Paginator: count() and slices.

    Sorting every matching activity by its first coming date costs one index probe per
    activity (about a second for the 85,000 published activities of the bench). Where many
    activities match and no point is given, the first pages are read from the other end
    instead: the coming sessions by start (the index on start), each activity taken at its
    first session. The order is the same, (first date, title, id): an activity's first row
    in a stream sorted by (start, title, id) is its first date. Pages the stream does not
    reach (past STREAM_MAX, or into the activities without a coming date) use the query."""

    # At most this far into the listing from the stream (5 pages of 20)...
    STREAM_MAX = 100
    # ...only when at least this many activities match (fewer are quick to sort, and a
    # selective filter would make the stream walk far before it finds its activities)...
    STREAM_MIN_MATCHES = 5_000
    # ...reading at most this many sessions.
    STREAM_MAX_ROWS = 20_000

    def __init__(self, activities: QuerySet[Activity], filters: ActivityFilters):
        now = timezone.now()
        self.ids = _listing(activities, filters, now).values_list("id", flat=True)
        self.ordered = True
        self._count: int | None = None
        self._stream = None
        if filters.near is None:
            self._stream = (
                Occurrence.objects.filter(
                    _coming_sessions(filters, now), activity__in=activities.values("pk")
                )
                .order_by("start", "activity__title", "activity_id")
                .values_list("activity_id", flat=True)
            )

    def count(self) -> int:
        if self._count is None:
            self._count = self.ids.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __iter__(self):
        return iter(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self.ids[index]
        start, stop = index.start or 0, index.stop
        if (
            self._stream is not None
            and stop is not None
            and stop <= self.STREAM_MAX
            and self.count() >= self.STREAM_MIN_MATCHES
        ):
            found = self._from_stream(stop)
            if found is not None:
                return found[start:stop]
        return list(self.ids[index])

    def _from_stream(self, needed: int) -> list[int] | None:
        """The first `needed` ids from the coming sessions, or None where the sessions run
        out first (the activities without a coming date follow) or STREAM_MAX_ROWS is met."""
        rows = 8 * needed
        while True:
            sessions = list(self._stream[:rows])
            ids = list(dict.fromkeys(sessions))
            if len(ids) >= needed:
                return ids
            if len(sessions) < rows or rows >= self.STREAM_MAX_ROWS:
                return None
            rows = min(4 * rows, self.STREAM_MAX_ROWS)


def activity_ids_listing(*, user, filters: ActivityFilters) -> ListingIds:
    """The ids of activities_listing, in its order (ListingIds: count() and slices, for a
    Paginator). Paging over bare ids and reading the activities of one page afterwards
    (activities_in_listing_order) is about four times faster at 100,000 activities than
    sorting fully joined rows."""
    return ListingIds(_filter_activities(activities_visible_to(user), _undated(filters)), filters)


def activities_in_listing_order(
    *, user, filters: ActivityFilters, ids: list[int]
) -> list[Activity]:
    """The activities of `ids` (one page of activity_ids_listing), as activities_listing
    gives them, in the order of `ids`.

    The filters chose the ids already: the page is read by id, still visible, with only
    what depends on the filters (the distance from `near`, the first date in the window).
    Applying every filter again made a text search run twice (56 of 200 ms for "taal" at
    100,000 activities)."""
    page = activities_visible_to(user).filter(id__in=ids)
    if filters.near is not None:
        page = _with_distance(page, filters.near)
    found = {activity.id: activity for activity in _listing(_shown(page), filters)}
    return [found[pk] for pk in ids if pk in found]


def languages_spoken() -> list[str]:
    """ISO 639-1 codes of the languages spoken at published activities, for the filter."""
    with read_cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT unnest(languages) AS code FROM events_activity "
            "WHERE status = %s ORDER BY code",
            [Status.PUBLISHED],
        )
        return [row[0] for row in cursor.fetchall()]

"""Reads on activities and their dates."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.gis.db.models import PointField
from django.contrib.gis.db.models.functions import Distance
from django.contrib.gis.geos import Point
from django.contrib.gis.measure import D
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.exceptions import EmptyResultSet
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from django.utils import timezone

from buurt.models import Area
from core.db import read_cursor
from places.models import Place
from places.public import PUBLIC_ADDRESS_SQL, PUBLIC_PLACE_FIELDS
from places.roles import user_is_moderator, user_organisation_ids

from .models import Activity, CostKind, Occurrence, Status, WorkModel
from .recurrence.rules import BRUSSELS

# The same expression as the index place_public_geography_idx, so that ST_DWithin uses it.
PUBLIC_GEOGRAPHY = Cast("place__public_location", PointField(geography=True, srid=4326))
SEARCH_CONFIGS = ("dutch", "french", "english")


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


def day_start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=BRUSSELS)


def published_activities() -> QuerySet[Activity]:
    return Activity.objects.filter(status=Status.PUBLISHED)


def activities_visible_to(user) -> QuerySet[Activity]:
    """Anonymous users see published activities; members also their organisations' drafts
    and pending posts; moderators and superusers everything."""
    if user_is_moderator(user):
        return Activity.objects.all()
    visible = Q(status=Status.PUBLISHED)
    organisations = user_organisation_ids(user)
    if organisations:
        visible |= Q(organisation_id__in=organisations)
    return Activity.objects.filter(visible)


def next_occurrence_start() -> Subquery:
    return Subquery(
        Occurrence.objects.filter(
            activity=OuterRef("pk"), start__gte=timezone.now(), cancelled=False
        )
        .order_by("start")
        .values("start")[:1]
    )


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
        # The public point decides, so that filtering by small areas cannot narrow down
        # where a hidden place really is.
        in_area = Q(place__public_location__coveredby=filters.area.geometry)
        serves_area = Exists(
            Area.objects.filter(
                activities=OuterRef("pk"), geometry__relate=(filters.area.geometry, "T********")
            )
        )
        activities = activities.filter(in_area | serves_area)
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
            Q(audiences__contains=[filters.audience]) | Q(audiences__contains=["everyone"])
        )
    if filters.language:
        activities = activities.filter(languages__contains=[filters.language])
    if filters.free is not None:
        activities = activities.filter(cost=CostKind.FREE if filters.free else CostKind.PAID)
    if filters.wheelchair is not None:
        wheelchair = Q(place__wheelchair="yes")
        activities = activities.filter(wheelchair if filters.wheelchair else ~wheelchair)
    if filters.q:
        vector = sum(
            (
                SearchVector("title", "summary", "description", "what_to_expect", config=config)
                for config in SEARCH_CONFIGS[1:]
            ),
            SearchVector(
                "title", "summary", "description", "what_to_expect", config=SEARCH_CONFIGS[0]
            ),
        )
        query = SearchQuery(filters.q, search_type="websearch", config=SEARCH_CONFIGS[0])
        for config in SEARCH_CONFIGS[1:]:
            query |= SearchQuery(filters.q, search_type="websearch", config=config)
        # Or a part of the title: Dutch compounds ("Budgetcursus") are one word to the stemmer.
        activities = activities.annotate(search=vector).filter(
            Q(search=query) | Q(title__icontains=filters.q)
        )
    if filters.near is not None:
        # The activities within reach as a small set of ids first (places by the geography
        # index on the public point, programmes by the areas they serve): an OR across the
        # joins would make PostgreSQL test every published activity.
        places_near = (
            Place.objects.annotate(
                geography=Cast("public_location", PointField(geography=True, srid=4326))
            )
            .filter(geography__dwithin=(filters.near, D(m=filters.radius_m)))
            .values("id")
        )
        # Programmes without a venue are near when one of the areas they serve covers you.
        near_ids = (
            Activity.objects.filter(place_id__in=places_near)
            .order_by()
            .values("pk")
            .union(
                Activity.service_areas.through.objects.filter(area__geometry__covers=filters.near)
                .order_by()
                .values("activity_id")
            )
        )
        activities = activities.annotate(public_geography=PUBLIC_GEOGRAPHY).filter(pk__in=near_ids)
        activities = activities.annotate(distance=Distance("public_geography", filters.near))
    return activities


def activities_search(*, user, filters: ActivityFilters) -> QuerySet[Activity]:
    """The activity list: visible activities matching the filters, nearest first when
    `near` is given (distance to the public point), else by title."""
    activities = _filter_activities(activities_visible_to(user), filters)
    activities = (
        activities.annotate(next_start=next_occurrence_start())
        .select_related("place", "place__area", "organisation", "schedule")
        .prefetch_related(
            "work_models",
            Prefetch("service_areas", queryset=Area.objects.defer("geometry")),
        )
        .defer("place__location", "place__area__geometry")
    )
    if filters.near is not None:
        return activities.order_by(F("distance").asc(nulls_last=True), "title", "id")
    return activities.order_by("title", "id")


def occurrences_board(
    *, user, filters: ActivityFilters, date_from: date, date_to: date
) -> QuerySet[Occurrence]:
    """Dated sessions from date_from to date_to (inclusive days, Brussels time) of visible
    activities matching the filters; by start, or by distance when `near` is given.
    Cancelled dates are included: people must see that a date is off."""
    activities = _filter_activities(
        activities_visible_to(user),
        ActivityFilters(**{**filters.__dict__, "date_from": None, "date_to": None}),
    )
    occurrences = Occurrence.objects.filter(
        activity__in=activities.values("pk"),
        start__gte=day_start(date_from),
        start__lt=day_start(date_to + timedelta(days=1)),
    ).select_related(
        "activity", "activity__place", "activity__place__area", "activity__organisation"
    )
    occurrences = occurrences.defer(
        "activity__place__location",
        "activity__place__area__geometry",
        "activity__description",
        "activity__what_to_expect",
    ).prefetch_related(
        "activity__work_models",
    )
    if filters.near is not None:
        occurrences = occurrences.annotate(
            distance=Distance(
                Cast("activity__place__public_location", PointField(geography=True, srid=4326)),
                filters.near,
            )
        ).order_by(F("distance").asc(nulls_last=True), "start", "id")
    else:
        occurrences = occurrences.order_by("start", "id")
    return occurrences


def occurrences_upcoming(
    *, start: datetime | None = None, days: int = 7, limit: int = 200
) -> QuerySet[Occurrence]:
    """Dated sessions of published activities from `start` for `days`, cancelled ones
    included (they stay visible as cancelled)."""
    start = start or timezone.now()
    place_fields = [f"activity__place__{name}" for name in PUBLIC_PLACE_FIELDS if name != "id"]
    return (
        Occurrence.objects.filter(
            activity__status=Status.PUBLISHED,
            start__gte=start,
            start__lt=start + timedelta(days=days),
        )
        .select_related(
            "activity", "activity__place", "activity__organisation", "activity__place__area"
        )
        .only(
            "start",
            "end",
            "cancelled",
            "activity__id",
            "activity__title",
            "activity__summary",
            "activity__kind",
            "activity__cost",
            "activity__languages",
            "activity__place__id",
            "activity__organisation__id",
            "activity__organisation__name",
            *place_fields,
        )
        .prefetch_related("activity__work_models")
        .order_by("start", "activity__title")[:limit]
    )


def activities_published_where(filters: ActivityFilters) -> QuerySet[Activity]:
    """Published activities matching the filters (the calendar feed's selection)."""
    return _filter_activities(published_activities(), filters)


def calendar_activities(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """What the iCal export reads, in a constant number of queries."""
    return (
        activities.select_related("schedule", "place", "place__area", "organisation")
        .prefetch_related("work_models", "service_areas")
        .defer("place__location", "place__area__geometry")
        .order_by("id")
    )


def _iso_local(column: str) -> str:
    """SQL for a timestamptz as ISO 8601 in Brussels time with its offset, as the API's
    other timestamps are written (e.g. 2026-11-28T14:30:00+01:00)."""
    local = f"({column} AT TIME ZONE 'Europe/Brussels')"
    offset = f"({local} - ({column} AT TIME ZONE 'UTC'))"
    return (
        f"to_char({local}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || "
        f"CASE WHEN {offset} < interval '0' THEN '-' ELSE '+' END || "
        f"to_char(greatest({offset}, -{offset}), 'HH24:MI')"
    )


def occurrences_page_json(page: QuerySet[Occurrence], *, activity_url_prefix: str) -> str:
    """One page of the events board rendered as JSON in PostGIS.

    `page` is the filtered, ordered and sliced queryset of occurrences_board: the ORM says
    which rows, PostgreSQL writes them. Serialising nested objects row by row in Python
    cost several times the query itself. Same shape as api.serializers.OccurrenceSerializer.
    """
    has_distance = "distance" in page.query.annotations
    rows = page.values("id", *(["distance"] if has_distance else []))
    try:
        inner_sql, inner_params = rows.query.sql_with_params()
    except EmptyResultSet:  # an empty page, e.g. nothing planned in the window
        return "[]"
    distance = "round(page.distance::numeric, 1)::float8" if has_distance else "NULL::float8"
    sql = f"""
        WITH page AS (
            SELECT row_number() OVER () AS ord, page_rows.*
            FROM ({inner_sql}) AS page_rows
        )
        SELECT coalesce(json_agg(json_build_object(
            'id', o.id,
            'start', {_iso_local("o.start")},
            'end', {_iso_local("o.end")},
            'cancelled', o.cancelled,
            'activity', json_build_object(
                'id', a.id, 'title', a.title, 'summary', a.summary, 'kind', a.kind,
                'work_models', (
                    SELECT coalesce(json_agg(w.code ORDER BY w.position), '[]'::json)
                    FROM events_activity_work_models aw
                    JOIN events_workmodel w ON w.id = aw.workmodel_id
                    WHERE aw.activity_id = a.id
                ),
                'place', CASE WHEN pl.id IS NULL THEN NULL ELSE json_build_object(
                    'id', pl.id, 'name', pl.name, 'kind', pl.kind, 'precision', pl.precision,
                    'address', {PUBLIC_ADDRESS_SQL.format(place="pl")},
                    'location', json_build_object('type', 'Point', 'coordinates', json_build_array(
                        round(ST_X(pl.public_location)::numeric, 6)::float8,
                        round(ST_Y(pl.public_location)::numeric, 6)::float8)),
                    'area', CASE WHEN ar.id IS NULL THEN NULL ELSE json_build_object(
                        'code', ar.code, 'name', ar.name, 'kind', ar.kind) END,
                    'wheelchair', pl.wheelchair, 'accessible_toilet', pl.accessible_toilet,
                    'hearing_loop', pl.hearing_loop, 'organisation', pl.organisation_id
                ) END,
                'organisation', json_build_object(
                    'id', org.id, 'name', org.name, 'verified', org.verified),
                'languages', to_json(a.languages),
                'cost', json_build_object(
                    'kind', a.cost, 'amount', a.cost_amount::text,
                    'social_tariff', a.social_tariff),
                'url', %s || a.id || '/'
            ),
            'distance_m', {distance}
        ) ORDER BY page.ord), '[]'::json)::text
        FROM page
        JOIN events_occurrence o ON o.id = page.id
        JOIN events_activity a ON a.id = o.activity_id
        JOIN places_organisation org ON org.id = a.organisation_id
        LEFT JOIN places_place pl ON pl.id = a.place_id
        LEFT JOIN buurt_area ar ON ar.id = pl.area_id
    """
    with read_cursor() as cursor:
        cursor.execute(sql, [*inner_params, activity_url_prefix])
        return cursor.fetchone()[0]


def activities_tile(*, z: int, x: int, y: int, cap: int) -> bytes:
    """Published activities at their place's public point, as a vector tile layer
    `activities` (programmes without a venue have no point and are not drawn)."""
    from core.db import fetch_bytes
    from core.tiles import TILE_BOUNDS_CTE, TILE_BUFFER, TILE_EXTENT

    sql = f"""
        WITH {TILE_BOUNDS_CTE},
        features AS (
            SELECT a.id, a.title, a.kind, a.cost,
                   (SELECT string_agg(w.code, ',' ORDER BY w.position)
                    FROM events_activity_work_models aw
                    JOIN events_workmodel w ON w.id = aw.workmodel_id
                    WHERE aw.activity_id = a.id) AS work_models,
                   ST_AsMVTGeom(ST_Transform(p.public_location, 3857), bounds.mercator,
                                {TILE_EXTENT}, {TILE_BUFFER}, true) AS geom
            FROM places_place p
            JOIN events_activity a ON a.place_id = p.id AND a.status = 'published', bounds
            WHERE p.public_location && bounds.wgs84
            LIMIT %(cap)s
        )
        SELECT ST_AsMVT(features.*, 'activities', {TILE_EXTENT}, 'geom', 'id') FROM features
    """
    return fetch_bytes(sql, {"z": z, "x": x, "y": y, "cap": cap})


@dataclass
class Offer:
    """What is on for the public in one area or from one organisation: the dated sessions
    of a window (cancelled ones included, marked), the activities still running, and those
    activities under each of the seven work models in their fixed display order (every
    model present, empty or not: the product never ranks or hides a model)."""

    this_week: list[Occurrence]
    activities: list[Activity]
    by_work_model: list[tuple[WorkModel, list[Activity]]]

    @property
    def empty(self) -> bool:
        """Nothing listed at all (a city that has just started with Buurtwijzer)."""
        return not self.this_week and not self.activities

    @property
    def recurring(self) -> list[Activity]:
        return [
            activity
            for activity in self.activities
            if getattr(activity, "schedule", None) is not None and activity.schedule.rrule
        ]


def _offer(filters: ActivityFilters, *, today: date, days: int, organisation=None) -> Offer:
    from django.contrib.auth.models import AnonymousUser

    # Public pages, posters and embeds show what anyone may see, whoever is logged in.
    public = AnonymousUser()
    activities = activities_search(user=public, filters=filters)
    occurrences = occurrences_board(
        user=public, filters=filters, date_from=today, date_to=today + timedelta(days=days - 1)
    )
    if organisation is not None:
        activities = activities.filter(organisation=organisation)
        occurrences = occurrences.filter(activity__organisation=organisation)
    # Still running: a next date ahead, or no dates at all (a programme that comes to you).
    activities = list(activities.filter(Q(next_start__isnull=False) | Q(schedule__isnull=True)))
    by_model = [
        (model, [a for a in activities if model in a.work_models.all()])
        for model in WorkModel.objects.all()
        if not filters.work_models or model.code in filters.work_models
    ]
    return Offer(this_week=list(occurrences), activities=activities, by_work_model=by_model)


def area_offer(
    area: Area, *, work_model: str | None = None, today: date | None = None, days: int = 7
) -> Offer:
    """The public offer of an area (a place whose public point lies in it, or a programme
    serving it), optionally of one work model, with the dated sessions of `days` days."""
    filters = ActivityFilters(area=area, work_models=(work_model,) if work_model else ())
    return _offer(filters, today=today or timezone.localdate(), days=days)


def organisation_offer(organisation, *, today: date | None = None, days: int = 14) -> Offer:
    """The public offer of one organisation, with the dated sessions of `days` days."""
    return _offer(
        ActivityFilters(), today=today or timezone.localdate(), days=days, organisation=organisation
    )


def organisations_active_in(area: Area, activities: list[Activity]):
    """The organisations with a public place in `area` or one of `activities`, by name."""
    from places.models import Organisation

    return (
        Organisation.objects.filter(
            Q(places__public_location__coveredby=area.geometry)
            | Q(pk__in={activity.organisation_id for activity in activities})
        )
        .distinct()
        .order_by("name")
    )


# --- The community workers' workspace -------------------------------------------------------

# An activity nobody confirmed for this long is flagged: stale offers cost trust.
STALE_AFTER_DAYS = 90


def workspace_activities(*, organisation_ids: set[int]) -> QuerySet[Activity]:
    """The activities of a worker's organisations, with their next date and, for one a
    moderator sent back, the reason why."""
    from .models import ActivityChange, ChangeAction

    latest_rejection = ActivityChange.objects.filter(
        activity=OuterRef("pk"), action=ChangeAction.REJECTED
    ).order_by("-at", "-id")
    return (
        Activity.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation", "place", "place__area")
        .defer("place__location", "place__area__geometry")
        .annotate(
            next_start=next_occurrence_start(),
            rejection_note=Subquery(latest_rejection.values("note")[:1]),
        )
        .order_by(F("next_start").asc(nulls_last=True), "title")
    )


def activity_is_stale(activity: Activity, *, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        activity.last_verified is None or (today - activity.last_verified).days > STALE_AFTER_DAYS
    )


def moderation_queue() -> QuerySet[Activity]:
    """Posts of unverified organisations waiting for a moderator, oldest first."""
    return (
        Activity.objects.filter(status=Status.PENDING)
        .select_related("organisation", "place", "place__area", "created_by")
        .defer("place__location", "place__area__geometry")
        .annotate(next_start=next_occurrence_start())
        .order_by("created_at")
    )


# Titles at least this alike (difflib ratio, case and spacing ignored) count as similar.
SIMILAR_TITLE_RATIO = 0.6
DUPLICATE_LOOKAHEAD_DATES = 12


def possible_duplicates(
    *, user, place: Place | None, title: str, dated: list, exclude_id: int | None = None
) -> list[Activity]:
    """Activities that may be the same as a new post: at the same place, with a session
    overlapping one of its first dates, and a similar title. Only among what `user` may
    see (activities_visible_to): another organisation's drafts and pending posts are its
    own business, and their titles can say who meets there."""
    from difflib import SequenceMatcher

    if place is None or not dated:
        return []
    overlaps = Q()
    for session in dated[:DUPLICATE_LOOKAHEAD_DATES]:
        overlaps |= Q(start__lt=session.end, end__gt=session.start)
    candidates = (
        activities_visible_to(user)
        .filter(place=place)
        .exclude(status=Status.CANCELLED)
        .filter(Exists(Occurrence.objects.filter(overlaps, activity=OuterRef("pk"))))
    )
    if exclude_id is not None:
        candidates = candidates.exclude(pk=exclude_id)

    def simple(text: str) -> str:
        return " ".join(text.lower().split())

    return [
        activity
        for activity in candidates.select_related("organisation")
        if SequenceMatcher(None, simple(activity.title), simple(title)).ratio()
        >= SIMILAR_TITLE_RATIO
    ]


def _first_start_window(filters: ActivityFilters) -> Subquery:
    window = Occurrence.objects.filter(
        activity=OuterRef("pk"),
        cancelled=False,
        start__gte=max(
            timezone.now(), day_start(filters.date_from) if filters.date_from else timezone.now()
        ),
    )
    if filters.date_to:
        window = window.filter(start__lt=day_start(filters.date_to + timedelta(days=1)))
    return Subquery(window.order_by("start").values("start")[:1])


def _listing(activities: QuerySet[Activity], filters: ActivityFilters) -> QuerySet[Activity]:
    activities = activities.annotate(first_start=_first_start_window(filters))
    if filters.date_from or filters.date_to:
        # A session earlier today that is over no longer counts for "today".
        activities = activities.filter(first_start__isnull=False)
    if filters.near is not None:
        return activities.order_by(
            F("distance").asc(nulls_last=True), F("first_start").asc(nulls_last=True), "id"
        )
    return activities.order_by(F("first_start").asc(nulls_last=True), "title", "id")


def activities_listing(*, user, filters: ActivityFilters) -> QuerySet[Activity]:
    """The home page's list: activities_search, each with `first_start`, its first date that
    is not cancelled from now (or from date_from) up to date_to; nearest first when `near`
    is given, else soonest first (activities without a coming date last)."""
    return _listing(activities_search(user=user, filters=filters), filters)


def activity_ids_listing(*, user, filters: ActivityFilters) -> QuerySet:
    """The ids of activities_listing, in its order. Paging over bare ids and reading the
    activities of one page afterwards (activities_in_listing_order) is about four times
    faster at 100,000 activities than sorting fully joined rows."""
    return _listing(_filter_activities(activities_visible_to(user), filters), filters).values_list(
        "id", flat=True
    )


def activities_in_listing_order(
    *, user, filters: ActivityFilters, ids: list[int]
) -> list[Activity]:
    """The activities of `ids` (one page of activity_ids_listing), as activities_listing
    gives them, in the order of `ids`."""
    found = {
        activity.id: activity
        for activity in activities_listing(user=user, filters=filters).filter(id__in=ids)
    }
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

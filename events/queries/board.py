"""The events board: dated sessions in a window, and one page of them as the API's JSON."""

from datetime import date, datetime, timedelta

from django.contrib.gis.db.models import PointField
from django.contrib.gis.db.models.functions import Distance
from django.core.exceptions import EmptyResultSet
from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import Cast
from django.utils import timezone

from core.db import read_cursor
from places.public import PUBLIC_PLACE_FIELDS

from ..models import Occurrence, Status
from .occurrence_json import OCCURRENCE
from .search import ActivityFilters, _filter_activities, activity_ids_near
from .visible import activities_visible_to, day_start


def occurrences_board(
    *, user, filters: ActivityFilters, date_from: date, date_to: date
) -> QuerySet[Occurrence]:
    """Dated sessions from date_from to date_to (inclusive days, Brussels time) of visible
    activities matching the filters; by start, or by distance when `near` is given.
    Cancelled dates are included: people must see that a date is off."""
    # Near a point, the activities within reach filter the occurrences themselves: inside
    # the activity subquery they made PostgreSQL look up every activity within reach
    # twice, before and after the dates; this way only the dated ones are checked against
    # the other filters (the same rows, a fifth less time at 1,000,000 occurrences).
    activities = _filter_activities(
        activities_visible_to(user),
        ActivityFilters(**{**filters.__dict__, "date_from": None, "date_to": None, "near": None}),
    )
    occurrences = Occurrence.objects.filter(
        activity__in=activities.values("pk"),
        start__gte=day_start(date_from),
        start__lt=day_start(date_to + timedelta(days=1)),
    )
    if filters.near is not None:
        occurrences = occurrences.filter(
            activity_id__in=activity_ids_near(filters.near, radius_m=filters.radius_m)
        )
    occurrences = occurrences.select_related(
        "activity", "activity__place", "activity__place__area", "activity__organisation"
    )
    # what_to_expect stays: pages and mails show each session's activity in the reader's
    # language (events.texts.activity_version reads all three texts), and deferring it
    # cost one query per session (24 on a neighbourhood page).
    occurrences = occurrences.defer(
        "activity__place__location",
        "activity__place__area__geometry",
        "activity__description",
    ).prefetch_related(
        "activity__work_models",
        "activity__translations",
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
            "activity__text_language",
            "activity__kind",
            "activity__cost",
            "activity__languages",
            "activity__place__id",
            "activity__organisation__id",
            "activity__organisation__name",
            *place_fields,
        )
        .prefetch_related("activity__work_models", "activity__translations")
        .order_by("start", "activity__title")[:limit]
    )


# Built once: the same SQL for every page.
OCCURRENCE_SQL = OCCURRENCE.sql()


def occurrences_page_json(page: QuerySet[Occurrence], *, activity_url_prefix: str) -> str:
    """One page of the events board rendered as JSON in PostGIS.

    `page` is the filtered, ordered and sliced queryset of occurrences_board: the ORM says
    which rows, PostgreSQL writes them. Serialising nested objects row by row in Python
    cost several times the query itself. The fields are occurrence_json.OCCURRENCE, the
    same as api.serializers.OccurrenceSerializer.
    """
    return _page_json(page, activity_url_prefix=activity_url_prefix, counted=False)[0]


def occurrences_page_json_counted(
    board: QuerySet[Occurrence], *, offset: int, limit: int, activity_url_prefix: str
) -> tuple[str, int | None]:
    """One page (`offset`, `limit`) of occurrences_board as JSON, and the number of rows of
    the whole board, in one statement: count(*) OVER () is taken before the LIMIT.

    The count and the page as two statements planned and ran the near filter twice (the
    geography test of every place within reach), which was half of the board's time. The
    count is None when the page is empty: past the last page no row carries it.
    """
    return _page_json(
        board[offset : offset + limit], activity_url_prefix=activity_url_prefix, counted=True
    )


def _page_json(
    page: QuerySet[Occurrence], *, activity_url_prefix: str, counted: bool
) -> tuple[str, int | None]:
    has_distance = "distance" in page.query.annotations
    rows = page.values("id", *(["distance"] if has_distance else []))
    if counted:
        rows = rows.annotate(board_total=Window(Count("*")))
    try:
        inner_sql, inner_params = rows.query.sql_with_params()
    except EmptyResultSet:  # an empty page, e.g. nothing planned in the window
        return "[]", 0 if counted else None
    distance = "round(page_rows.distance::numeric, 1)::float8" if has_distance else "NULL::float8"
    total = ", max(page.board_total)" if counted else ""
    sql = f"""
        WITH page AS (
            SELECT row_number() OVER () AS ord, page_rows.*, {distance} AS distance_m
            FROM ({inner_sql}) AS page_rows
        )
        SELECT coalesce(json_agg({OCCURRENCE_SQL} ORDER BY page.ord), '[]'::json)::text{total}
        FROM page
        JOIN events_occurrence o ON o.id = page.id
        JOIN events_activity a ON a.id = o.activity_id
        JOIN places_organisation org ON org.id = a.organisation_id
        LEFT JOIN places_place pl ON pl.id = a.place_id
        LEFT JOIN buurt_area ar ON ar.id = pl.area_id
    """
    with read_cursor() as cursor:
        cursor.execute(sql, [*inner_params, activity_url_prefix])
        row = cursor.fetchone()
    return row[0], (row[1] if counted else None)

"""Reads on activities and their dates."""

from datetime import datetime, timedelta

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from places.queries import PUBLIC_PLACE_FIELDS

from .models import Activity, Occurrence, Status, WorkModel


def published_activities() -> QuerySet[Activity]:
    return Activity.objects.filter(status=Status.PUBLISHED)


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
        .prefetch_related(Prefetch("activity__work_models", queryset=WorkModel.objects.all()))
        .order_by("start", "activity__title")[:limit]
    )

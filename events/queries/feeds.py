"""What the iCal export reads."""

from django.db.models import QuerySet

from ..models import Activity


def calendar_activities(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """What the iCal export reads, in a constant number of queries."""
    return (
        activities.select_related("schedule", "place", "place__area", "organisation")
        .prefetch_related("work_models", "service_areas")
        .defer("place__location", "place__area__geometry")
        .order_by("id")
    )

"""The public offer of an area or an organisation (area pages, posters, embeds)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from buurt.models import Area

from ..models import Activity, Occurrence, WorkModel
from .board import occurrences_board
from .search import ActivityFilters, activities_search


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
    # Each activity's models read once: `.all()` per activity and model built a queryset
    # each time (700 for a neighbourhood's 100 activities, 18 ms).
    models_of = {activity.id: {m.id for m in activity.work_models.all()} for activity in activities}
    by_model = [
        (model, [a for a in activities if model.id in models_of[a.id]])
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
    from places.models import Organisation, Place

    # Two id sets rather than an OR across the join to the places, which made PostgreSQL
    # join every organisation to all its places and de-duplicate (50-70 ms on the bench).
    with_place_in = Place.objects.filter(public_location__coveredby=area.geometry).values(
        "organisation_id"
    )
    return Organisation.objects.filter(
        Q(pk__in=with_place_in) | Q(pk__in={activity.organisation_id for activity in activities})
    ).order_by("name")

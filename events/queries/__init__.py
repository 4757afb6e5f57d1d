"""Reads on activities and their dates, by concept: who sees what (visible), the search and
listings (search), the events board (board), the public offer of an area or organisation
(offer), the workspace and moderation (workspace), the iCal export (feeds) and tiles."""

from .board import (
    occurrences_board,
    occurrences_page_json,
    occurrences_page_json_counted,
    occurrences_upcoming,
)
from .feeds import calendar_activities
from .offer import Offer, area_offer, organisation_offer, organisations_active_in
from .search import (
    PUBLIC_GEOGRAPHY,
    SEARCH_CONFIGS,
    ActivityFilters,
    activities_in_listing_order,
    activities_listing,
    activities_published_where,
    activities_search,
    activity_ids_listing,
    languages_spoken,
)
from .tiles import activities_tile
from .visible import (
    activities_visible_to,
    day_start,
    next_occurrence_start,
    published_activities,
)
from .workspace import (
    DUPLICATE_LOOKAHEAD_DATES,
    SIMILAR_TITLE_RATIO,
    STALE_AFTER_DAYS,
    activity_is_stale,
    moderation_queue,
    possible_duplicates,
    workspace_activities,
)

__all__ = [
    "DUPLICATE_LOOKAHEAD_DATES",
    "PUBLIC_GEOGRAPHY",
    "SEARCH_CONFIGS",
    "SIMILAR_TITLE_RATIO",
    "STALE_AFTER_DAYS",
    "ActivityFilters",
    "Offer",
    "activities_in_listing_order",
    "activities_listing",
    "activities_published_where",
    "activities_search",
    "activities_tile",
    "activities_visible_to",
    "activity_ids_listing",
    "activity_is_stale",
    "area_offer",
    "calendar_activities",
    "day_start",
    "languages_spoken",
    "moderation_queue",
    "next_occurrence_start",
    "occurrences_board",
    "occurrences_page_json",
    "occurrences_page_json_counted",
    "occurrences_upcoming",
    "organisation_offer",
    "organisations_active_in",
    "possible_duplicates",
    "published_activities",
    "workspace_activities",
]

"""The API's response and request bodies by concept (territory, places, activities,
occurrences, coverage); places are only ever shown at their public point."""

from .activities import (
    DISTANCE_FIELD,
    ActivityDetailSerializer,
    ActivityListSerializer,
    ActivitySummarySerializer,
    ActivityWriteSerializer,
    CostSerializer,
    OccurrenceRefSerializer,
    ScheduleSerializer,
    WorkModelSerializer,
)
from .coverage import CoverageAreaSerializer, CoverageWorkModelSerializer
from .occurrences import OccurrenceSerializer
from .places import (
    GeoJSONPointField,
    OrganisationRefSerializer,
    OrganisationSerializer,
    PlaceWriteSerializer,
    PointSerializer,
    PublicPlaceSerializer,
)
from .territory import AreaRefSerializer, SensitivitySerializer

__all__ = [
    "DISTANCE_FIELD",
    "ActivityDetailSerializer",
    "ActivityListSerializer",
    "ActivitySummarySerializer",
    "ActivityWriteSerializer",
    "AreaRefSerializer",
    "CostSerializer",
    "CoverageAreaSerializer",
    "CoverageWorkModelSerializer",
    "GeoJSONPointField",
    "OccurrenceRefSerializer",
    "OccurrenceSerializer",
    "OrganisationRefSerializer",
    "OrganisationSerializer",
    "PlaceWriteSerializer",
    "PointSerializer",
    "PublicPlaceSerializer",
    "ScheduleSerializer",
    "SensitivitySerializer",
    "WorkModelSerializer",
]

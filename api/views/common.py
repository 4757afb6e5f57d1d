"""What the API views share: checking query parameters, a service's ValidationError as a
400, a GeoJSON body written by PostGIS as a response."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from rest_framework.exceptions import ValidationError as ApiValidationError

GEOJSON = "application/json"


def check(serializer_class, request, **context):
    """The query parameters checked by `serializer_class` (api.params); a 400 naming the
    parameter otherwise."""
    serializer = serializer_class(data=request.query_params, context=context)
    serializer.is_valid(raise_exception=True)
    return serializer


def as_api_error(error: DjangoValidationError) -> ApiValidationError:
    """A service's ValidationError as the API's 400, field by field; a dotted key of the
    service ("translations.ar.title") nested as DRF nests ({"translations": {"ar": …}})."""
    if hasattr(error, "message_dict"):
        return ApiValidationError(nested(error.message_dict))
    return ApiValidationError({"non_field_errors": error.messages})


def nested(errors: dict[str, list[str]]) -> dict:
    result: dict = {}
    for key, messages in errors.items():
        *parents, last = key.split(".")
        level = result
        for parent in parents:
            level = level.setdefault(parent, {})
        level[last] = messages
    return result


def geojson_response(body: bytes, *, count: int, truncated: bool) -> HttpResponse:
    # The whole collection, layer facts included, was written by PostGIS.
    response = HttpResponse(body, content_type=GEOJSON)
    response["X-Feature-Count"] = str(count)
    response["X-Truncated"] = str(truncated).lower()
    return response

"""The API's JSON parser: DRF's, with a bound on how deeply a body may nest."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# No body of ours nests deeper than a handful of levels (an activity with its schedule and a
# GeoJSON polygon's rings: 6). A bound well above that still refuses the bodies that would
# exhaust Python's recursion (json.loads gives up at about 1,000 levels) or walk a serializer
# through thousands of levels.
MAX_JSON_DEPTH = 32


def json_depth_over(data, limit: int) -> bool:
    """Whether `data` (decoded JSON) nests more than `limit` levels, walked without
    recursion."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        message = f"The JSON body is nested more than {MAX_JSON_DEPTH} levels deep."
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(message) from None
        if json_depth_over(data, MAX_JSON_DEPTH):
            raise ParseError(message)
        return data

"""The API's JSON parser: DRF's, with a bound on how deeply a body may nest."""

import io
import re

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# No body of ours nests deeper than a handful of levels (an activity with its schedule and a
# GeoJSON polygon's rings: 6). A bound well above that still refuses the bodies that would
# exhaust Python's recursion (json.loads gives up at about 1,000 levels) or walk a serializer
# through thousands of levels.
MAX_JSON_DEPTH = 32


_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


def json_text_depth_over(body: bytes, limit: int) -> bool:
    """Whether the JSON text `body` opens more than `limit` levels, read before decoding and
    without recursion: json.loads itself recurses once per level, and a thousand levels deep
    in C leaves no room for anything else (a finaliser's warning then fails to print)."""
    depth = 0
    for bracket in _BRACKET.finditer(_STRING.sub(b'""', body)):
        depth += 1 if bracket.group() in (b"[", b"{") else -1
        if depth > limit:
            return True
    return False


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        body = stream.read() if stream is not None else b""
        if json_text_depth_over(body, MAX_JSON_DEPTH):
            raise ParseError(f"The JSON body is nested more than {MAX_JSON_DEPTH} levels deep.")
        return super().parse(io.BytesIO(body), media_type, parser_context)

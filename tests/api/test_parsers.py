"""The bound on JSON nesting is read from the text, before json.loads recurses into it."""

import json

from api.parsers import MAX_JSON_DEPTH, json_text_depth_over


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def test_the_limit_itself_passes_one_level_more_does_not():
    assert not json_text_depth_over(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)
    assert json_text_depth_over(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)
    assert json_text_depth_over(b'{"a": ' * 40 + b"1" + b"}" * 40, MAX_JSON_DEPTH)


def test_brackets_inside_strings_do_not_count():
    title = "[[[[ {{{{ \\" + '"' + " ]]]] " * 20
    body = json.dumps({"title": title * 10, "summary": "\\[" * 100}).encode()
    assert not json_text_depth_over(body, 3)
    assert json.loads(body)["title"] == title * 10


def test_a_real_body_is_far_below_the_limit():
    polygon = {"type": "Polygon", "coordinates": [[[3.7, 51.0], [3.8, 51.0], [3.7, 51.1]]]}
    body = json.dumps({"schedule": {"rrule": "FREQ=WEEKLY"}, "area": polygon}).encode()
    assert not json_text_depth_over(body, 6)
    assert json_text_depth_over(body, 4)

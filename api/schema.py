"""OpenAPI post-processing: the error answers every operation can give, documented once."""

ERROR_SCHEMA = {
    "type": "object",
    "description": "Field or parameter names with the reasons, or `detail` with one reason. "
    "A 400 names every bad field at once, in the request's language; a nested field's reasons "
    'sit under its parent, as in {"schedule": {"rrule": ["..."]}}.',
    "additionalProperties": True,
    "example": {
        "place": ["Geef een plek op, of de werkgebieden voor een programma zonder vaste plek."],
        "schedule": {"rrule": ["FREQ moet DAILY, WEEKLY, MONTHLY of YEARLY zijn."]},
    },
}
ERRORS = {
    "400": "Bad input: the body names each parameter or field and why, all at once "
    "(nested fields under their parent, e.g. schedule.rrule).",
    "401": "Not logged in (writes need a session or `Authorization: Token …`).",
    "403": "Not allowed: you do not act for this organisation, or are no moderator.",
    "404": "Not found, or not visible to you.",
    "405": "Method not allowed.",
    "415": "Unsupported media type.",
    "429": "Too many requests: see Retry-After.",
}


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                        },
                    },
                )
    return result

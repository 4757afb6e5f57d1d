"""The API's occurrence as PostgreSQL writes it (the events board's fast path): one tree of
(API field, SQL expression) that the SQL builder renders and that a test holds against
api.serializers.OccurrenceSerializer, so that the two cannot drift apart."""

from dataclasses import dataclass

from places.public import PUBLIC_ADDRESS_SQL


@dataclass(frozen=True)
class JSONObject:
    """A JSON object written by json_build_object: its fields in API order, each an SQL
    expression or a nested object; null (not an object) when `null_when` holds."""

    fields: tuple[tuple[str, "str | JSONObject"], ...]
    null_when: str | None = None

    def sql(self) -> str:
        pairs = ", ".join(
            f"'{name}', {value.sql() if isinstance(value, JSONObject) else value}"
            for name, value in self.fields
        )
        built = f"json_build_object({pairs})"
        return f"CASE WHEN {self.null_when} THEN NULL ELSE {built} END" if self.null_when else built

    def names(self) -> dict:
        """The field names, nested objects as dicts (for tests)."""
        return {
            name: value.names() if isinstance(value, JSONObject) else None
            for name, value in self.fields
        }


def _iso_local(column: str) -> str:
    """SQL for a timestamptz as ISO 8601 in Brussels time with its offset, as the API's
    other timestamps are written (e.g. 2026-11-28T14:30:00+01:00)."""
    local = f"({column} AT TIME ZONE 'Europe/Brussels')"
    offset = f"({local} - ({column} AT TIME ZONE 'UTC'))"
    return (
        f"to_char({local}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || "
        f"CASE WHEN {offset} < interval '0' THEN '-' ELSE '+' END || "
        f"to_char(greatest({offset}, -{offset}), 'HH24:MI')"
    )


# Table aliases of the query that renders these objects (board.occurrences_page_json):
# page (the page's ids and distances), o occurrence, a activity, org organisation,
# pl place (may be null), ar the place's area (may be null). The one `%s` is the prefix of
# the activity page's URL.

AREA_REF = JSONObject(
    (("code", "ar.code"), ("name", "ar.name"), ("kind", "ar.kind")), null_when="ar.id IS NULL"
)

# api.serializers.PublicPlaceSerializer: the public point and address (places.public).
PUBLIC_PLACE = JSONObject(
    (
        ("id", "pl.id"),
        ("name", "pl.name"),
        ("kind", "pl.kind"),
        ("precision", "pl.precision"),
        ("address", PUBLIC_ADDRESS_SQL.format(place="pl")),
        (
            "location",
            JSONObject(
                (
                    ("type", "'Point'"),
                    (
                        "coordinates",
                        "json_build_array("
                        "round(ST_X(pl.public_location)::numeric, 6)::float8, "
                        "round(ST_Y(pl.public_location)::numeric, 6)::float8)",
                    ),
                )
            ),
        ),
        ("area", AREA_REF),
        ("wheelchair", "pl.wheelchair"),
        ("accessible_toilet", "pl.accessible_toilet"),
        ("hearing_loop", "pl.hearing_loop"),
        ("organisation", "pl.organisation_id"),
    ),
    null_when="pl.id IS NULL",
)

# api.serializers.ActivitySummarySerializer.
ACTIVITY_SUMMARY = JSONObject(
    (
        ("id", "a.id"),
        ("title", "a.title"),
        ("summary", "a.summary"),
        ("text_language", "a.text_language"),
        (
            "translations",
            "(SELECT coalesce(json_object_agg(t.language, json_build_object("
            "'title', t.title, 'summary', t.summary, 'what_to_expect', t.what_to_expect) "
            "ORDER BY t.language), '{}'::json) "
            "FROM events_activitytranslation t WHERE t.activity_id = a.id)",
        ),
        ("kind", "a.kind"),
        (
            "work_models",
            "(SELECT coalesce(json_agg(w.code ORDER BY w.position), '[]'::json) "
            "FROM events_activity_work_models aw "
            "JOIN events_workmodel w ON w.id = aw.workmodel_id "
            "WHERE aw.activity_id = a.id)",
        ),
        ("place", PUBLIC_PLACE),
        (
            "organisation",
            JSONObject((("id", "org.id"), ("name", "org.name"), ("verified", "org.verified"))),
        ),
        ("languages", "to_json(a.languages)"),
        (
            "cost",
            JSONObject(
                (
                    ("kind", "a.cost"),
                    ("amount", "a.cost_amount::text"),
                    ("social_tariff", "a.social_tariff"),
                )
            ),
        ),
        ("url", "%s || a.id || '/'"),
    )
)

# api.serializers.OccurrenceSerializer.
OCCURRENCE = JSONObject(
    (
        ("id", "o.id"),
        ("start", _iso_local("o.start")),
        ("end", _iso_local("o.end")),
        ("cancelled", "o.cancelled"),
        ("activity", ACTIVITY_SUMMARY),
        ("distance_m", "page.distance_m"),
    )
)

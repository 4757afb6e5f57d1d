"""The HSDS API's query parameters, checked so that a bad value, or a parameter this API does
not know (a typo would otherwise return everything, unfiltered), is a 400 naming it."""

import uuid

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from api.params import DEFAULT_RADIUS_M, MAX_RADIUS_M, LonLatField, work_model_codes
from core.language import content_languages

from . import queries
from .ids import WORK_MODEL_TAXONOMY_ID, key_of, work_model_term_id

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
# Far beyond any directory (200 × 1,000,000 objects), and within PostgreSQL's OFFSET.
MAX_PAGE = 1_000_000


def unknown(serializer_class, query_params) -> dict[str, list[str]]:
    """An error for every parameter that `serializer_class` does not take."""
    names = sorted(set(query_params) - set(serializer_class().fields))
    return {name: [_("This API has no parameter of this name.")] for name in names}


class PageParams(serializers.Serializer):
    page = serializers.IntegerField(
        required=False,
        default=1,
        min_value=1,
        max_value=MAX_PAGE,
        help_text="Page number, from 1.",
    )
    per_page = serializers.IntegerField(
        required=False,
        default=DEFAULT_PER_PAGE,
        min_value=1,
        max_value=MAX_PER_PAGE,
        help_text=f"Results per page (default {DEFAULT_PER_PAGE}, at most {MAX_PER_PAGE}).",
    )
    format = serializers.ChoiceField(
        choices=["json", "ndjson"],
        required=False,
        default="json",
        help_text="`json` (pages) or `ndjson` (every result, one JSON object a line, unpaged).",
    )
    lang = serializers.ChoiceField(
        choices=content_languages(),
        required=False,
        help_text="Language of the texts Buurtwijzer writes (taxonomy, schedules in words).",
    )


class SearchParams(PageParams):
    search = serializers.CharField(
        required=False, max_length=200, help_text="Full-text search (in any of the languages)."
    )


def _uuid(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise serializers.ValidationError(_("Give a UUID.")) from None


class ServiceParams(SearchParams):
    taxonomy_term_id = serializers.CharField(
        required=False,
        max_length=40,
        help_text="Only services with this work model: its term id or its code (`buddy`).",
    )
    taxonomy_id = serializers.CharField(
        required=False,
        max_length=40,
        help_text=f"Only services with a term of this taxonomy ({WORK_MODEL_TAXONOMY_ID}: the "
        "work models).",
    )
    organization_id = serializers.CharField(
        required=False, max_length=40, help_text="Only the services of this organization."
    )
    modified_after = serializers.DateTimeField(
        required=False, help_text="Only services changed at or after this moment (ISO 8601)."
    )
    minimal = serializers.BooleanField(
        required=False, default=False, help_text="Only `id` and `last_modified` of each service."
    )
    full = serializers.BooleanField(
        required=False, default=False, help_text="Each service fully nested (as /services/{id})."
    )
    postcode = serializers.RegexField(
        r"^[1-9][0-9]{3}$",
        required=False,
        error_messages={"invalid": gettext_lazy("Give a Belgian postcode: four digits.")},
        help_text="Only services at a place with this postcode in its address; with "
        "`proximity`, the services within that many metres of the postcode's places.",
    )
    proximity = serializers.FloatField(
        required=False,
        min_value=1,
        max_value=MAX_RADIUS_M,
        help_text="Metres from `postcode` (or from `near`).",
    )
    near = LonLatField(
        required=False,
        help_text="Buurtwijzer's addition: lon,lat of a point; the services within `proximity` "
        f"metres of it (default {DEFAULT_RADIUS_M}), programmes serving the point included.",
    )

    def validate_taxonomy_term_id(self, value: str) -> str | None:
        codes = work_model_codes()
        if value in codes:
            return value
        canonical = _uuid(value)
        # A term of another taxonomy matches nothing here.
        return next((code for code in codes if work_model_term_id(code) == canonical), None)

    def validate_taxonomy_id(self, value: str) -> bool:
        return _uuid(value) == WORK_MODEL_TAXONOMY_ID

    def validate_organization_id(self, value: str) -> int | None:
        return key_of("organization", _uuid(value))

    def validate(self, attrs):
        if "proximity" in attrs and "postcode" not in attrs and "near" not in attrs:
            raise serializers.ValidationError(
                {"proximity": [_("Give `postcode` or `near` to measure the distance from.")]}
            )
        if "postcode" in attrs and "near" in attrs:
            raise serializers.ValidationError({"near": [_("Give `postcode` or `near`, not both.")]})
        if "postcode" in attrs and "proximity" in attrs:
            centre = queries.postcode_centre(attrs["postcode"])
            if centre is None:
                raise serializers.ValidationError(
                    {"postcode": [_("No place with this postcode is known to measure from.")]}
                )
            attrs["near"] = centre
        return attrs

    def filters(self) -> queries.ServiceFilters:
        data = self.validated_data
        term_given = "taxonomy_term_id" in data
        organisation_given = "organization_id" in data
        return queries.ServiceFilters(
            search=data.get("search"),
            work_models=(data["taxonomy_term_id"],) if data.get("taxonomy_term_id") else (),
            in_work_model_taxonomy=data.get("taxonomy_id"),
            organisation_id=data.get("organization_id"),
            unknown_id=(term_given and data["taxonomy_term_id"] is None)
            or (organisation_given and data["organization_id"] is None),
            modified_after=data.get("modified_after"),
            # With a distance, the postcode is where it is measured from, not a filter.
            postcode=None if "proximity" in data else data.get("postcode"),
            near=data.get("near"),
            radius_m=data.get("proximity", DEFAULT_RADIUS_M) if "near" in data else None,
        )


class OrganizationParams(SearchParams):
    full = serializers.BooleanField(
        required=False, default=False, help_text="Each organization with its services."
    )
    full_service = serializers.BooleanField(
        required=False, default=False, help_text="Services fully nested in each organization."
    )


class DetailParams(serializers.Serializer):
    lang = serializers.ChoiceField(
        choices=content_languages(), required=False, help_text="Language of Buurtwijzer's texts."
    )


class OrganizationDetailParams(DetailParams):
    full_service = serializers.BooleanField(
        required=False, default=False, help_text="Services fully nested, not only their ids."
    )


class TaxonomyTermParams(SearchParams):
    taxonomy_id = serializers.CharField(
        required=False, max_length=40, help_text="Only the terms of this taxonomy."
    )
    top_only = serializers.BooleanField(
        required=False, default=False, help_text="Only terms without a parent (all seven are)."
    )
    parent_id = serializers.CharField(
        required=False, max_length=40, help_text="Only the children of this term (none have)."
    )

    def validate_taxonomy_id(self, value: str) -> bool:
        return _uuid(value) == WORK_MODEL_TAXONOMY_ID

    def validate_parent_id(self, value: str) -> str:
        return _uuid(value)

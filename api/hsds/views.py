"""The HSDS 3.0 API (Open Referral's API reference): lists as pages (`Page` with `contents`) or
as NDJSON, single objects by their UUID. Read-only and public: it publishes what the site's
public pages show."""

import json
from collections.abc import Callable, Iterable

from django.http import Http404, StreamingHttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from events.models import WorkModel

from . import documents, params, queries
from .documents import Publication
from .ids import WORK_MODEL_TAXONOMY_ID, hsds_id, key_of, work_model_term_id

ID_PARAMETER = OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH)
# A list is a JSON `Page`, or with `format=ndjson` one JSON object per line.
LIST_RESPONSES = {
    (200, "application/json"): OpenApiTypes.OBJECT,
    (200, "application/x-ndjson"): OpenApiTypes.STR,
}


def documented(operation_id: str, parameters, *, responses=OpenApiTypes.OBJECT, path_id=False):
    return extend_schema(
        operation_id=operation_id,
        tags=["hsds"],
        responses=responses,
        parameters=[ID_PARAMETER, parameters] if path_id else [parameters],
    )


def documented_list(operation_id: str, parameters):
    return documented(operation_id, parameters, responses=LIST_RESPONSES)


def documented_detail(operation_id: str, parameters):
    return documented(operation_id, parameters, path_id=True)


def publication_for(request, activities: Iterable = ()) -> Publication:
    """Absolute addresses for this request, and the outlines of the areas these activities
    serve."""
    area_ids = {area.pk for activity in activities for area in activity.service_areas.all()}
    return Publication(absolute=request.build_absolute_uri, extents=queries.area_extents(area_ids))


def _links_only(request) -> Callable[[list], Publication]:
    return lambda objects: publication_for(request)


def _with_services(request, *, full_service: bool) -> Callable[[list], Publication]:
    """For a page of organisations: all their published services in one read."""

    def prepare(organisations) -> Publication:
        services = list(
            queries.published_services(queries.ServiceFilters()).filter(
                organisation_id__in=[organisation.pk for organisation in organisations]
            )
        )
        publication = publication_for(request, services if full_service else ())
        for service in services:
            publication.services_of.setdefault(service.organisation_id, []).append(service)
        return publication

    return prepare


def _checked(serializer_class, request):
    """The checked parameters; one 400 with every bad and every unknown parameter."""
    serializer = serializer_class(data=request.query_params)
    valid = serializer.is_valid()
    errors = dict(serializer.errors) | params.unknown(serializer_class, request.query_params)
    if errors or not valid:
        raise ValidationError(errors)
    return serializer


def listing(
    request,
    checked,
    queryset,
    document: Callable[[object, Publication], dict],
    *,
    prepare: Callable[[list], Publication],
):
    """A `Page` of documents, or every document as NDJSON when `format=ndjson`; `prepare`
    reads what a page's (or a chunk's) documents need at once."""
    data = checked.validated_data
    publication = prepare

    if data["format"] == "ndjson":

        def lines():
            for chunk in queries.in_chunks(queryset):
                current = publication(chunk)
                for item in chunk:
                    yield json.dumps(document(item, current), ensure_ascii=False) + "\n"

        return StreamingHttpResponse(lines(), content_type="application/x-ndjson")
    page, per_page = data["page"], data["per_page"]
    total = queryset.count()
    objects = list(queryset[(page - 1) * per_page : page * per_page])
    current = publication(objects)
    total_pages = -(-total // per_page)
    return Response(
        {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": page,
            "size": len(objects),
            "first_page": page == 1,
            "last_page": page >= total_pages,
            "empty": not objects,
            "contents": [document(item, current) for item in objects],
        }
    )


class _JsonOnly(DefaultContentNegotiation):
    # HSDS's own `format` parameter chooses pages or NDJSON (in the views); DRF must not take
    # it as the name of a renderer.
    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class HsdsView(APIView):
    content_negotiation_class = _JsonOnly

    def get_view_name(self):  # the browsable name; the schema's tag groups them
        return "HSDS " + super().get_view_name()


class RootView(HsdsView):
    """The HSDS version of this API, and where its profile and OpenAPI description are."""

    @documented("hsds_root", params.DetailParams)
    def get(self, request):
        _checked(params.DetailParams, request)
        return Response(
            {
                "version": documents.HSDS_VERSION,
                # No profile of its own: HSDS 3.0 as published.
                "profile": documents.HSDS_PROFILE,
                "openapi_url": request.build_absolute_uri(reverse("schema")),
            }
        )


def _service_document(full: bool, minimal: bool):
    def document(activity, publication):
        if minimal:
            return documents.service_minimal(activity)
        return documents.service(activity, publication, full=full)

    return document


class ServiceListView(HsdsView):
    """Published activities as HSDS services."""

    @documented_list("hsds_services_list", params.ServiceParams)
    def get(self, request):
        checked = _checked(params.ServiceParams, request)
        data = checked.validated_data
        return listing(
            request,
            checked,
            queries.published_services(checked.filters()),
            _service_document(data["full"], data["minimal"]),
            prepare=(lambda objects: publication_for(request, objects))
            if data["full"]
            else _links_only(request),
        )


def _one(queryset, kind: str, text: str):
    try:
        key = key_of(kind, text)
    except ValueError:
        key = None
    found = queryset.filter(pk=key).first() if key is not None else None
    if found is None:
        raise Http404
    return found


class ServiceDetailView(HsdsView):
    """One service, fully nested."""

    @documented_detail("hsds_service", params.DetailParams)
    def get(self, request, id):
        _checked(params.DetailParams, request)
        activity = _one(queries.published_services(queries.ServiceFilters()), "service", id)
        return Response(documents.service(activity, publication_for(request, [activity])))


class OrganizationListView(HsdsView):
    """The organisations with a published activity."""

    @documented_list("hsds_organizations_list", params.OrganizationParams)
    def get(self, request):
        checked = _checked(params.OrganizationParams, request)
        data = checked.validated_data
        full = data["full"] or data["full_service"]
        return listing(
            request,
            checked,
            queries.publishing_organisations(search=data.get("search")),
            lambda organisation, publication: _organization(
                organisation, publication, full=full, full_service=data["full_service"]
            ),
            prepare=_with_services(request, full_service=data["full_service"])
            if full
            else _links_only(request),
        )


def _organization(organisation, publication, *, full: bool, full_service: bool) -> dict:
    document = documents.organization(organisation, full=full)
    if not full:
        return document
    services = publication.services_of.get(organisation.pk, [])
    if full_service:
        document["services"] = [documents.service(one, publication) for one in services]
    else:
        document["services"] = [{"id": hsds_id("service", one.pk)} for one in services]
    return document


class OrganizationDetailView(HsdsView):
    """One organisation, with its services (ids, or fully nested with `full_service`)."""

    @documented_detail("hsds_organization", params.OrganizationDetailParams)
    def get(self, request, id):
        checked = _checked(params.OrganizationDetailParams, request)
        full_service = checked.validated_data["full_service"]
        organisation = _one(queries.publishing_organisations(), "organization", id)
        return Response(
            _organization(
                organisation,
                _with_services(request, full_service=full_service)([organisation]),
                full=True,
                full_service=full_service,
            )
        )


class LocationListView(HsdsView):
    """The places of published activities, as the public may see them."""

    @documented_list("hsds_locations_list", params.SearchParams)
    def get(self, request):
        checked = _checked(params.SearchParams, request)
        return listing(
            request,
            checked,
            queries.published_locations(search=checked.validated_data.get("search")),
            lambda place, publication: documents.location(place),
            prepare=_links_only(request),
        )


class LocationDetailView(HsdsView):
    @documented_detail("hsds_location", params.DetailParams)
    def get(self, request, id):
        _checked(params.DetailParams, request)
        return Response(documents.location(_one(queries.published_locations(), "location", id)))


class ServiceAtLocationListView(HsdsView):
    """Where each published activity takes place (programmes without a venue have none)."""

    @documented_list("hsds_service_at_locations_list", params.ServiceParams)
    def get(self, request):
        checked = _checked(params.ServiceParams, request)
        activities = queries.published_services(checked.filters()).filter(place__isnull=False)
        return listing(
            request,
            checked,
            activities,
            lambda activity, publication: documents.service_at_location(
                activity, publication, with_service=True
            ),
            prepare=_links_only(request),
        )


class ServiceAtLocationDetailView(HsdsView):
    @documented_detail("hsds_service_at_location", params.DetailParams)
    def get(self, request, id):
        _checked(params.DetailParams, request)
        activities = queries.published_services(queries.ServiceFilters()).filter(
            place__isnull=False
        )
        activity = _one(activities, "service_at_location", id)
        publication = publication_for(request, [activity])
        return Response(documents.service_at_location(activity, publication, with_service=True))


class TaxonomyListView(HsdsView):
    """One taxonomy: the seven work models."""

    @documented_list("hsds_taxonomies_list", params.SearchParams)
    def get(self, request):
        checked = _checked(params.SearchParams, request)
        taxonomies = [documents.taxonomy()]
        search = (checked.validated_data.get("search") or "").lower()
        if search:
            taxonomies = [
                one
                for one in taxonomies
                if search in one["name"].lower() or search in one["description"].lower()
            ]
        return _static_page(checked, taxonomies)


def _static_page(checked, items: list[dict]):
    # The taxonomy lists are a handful of objects: paged in Python, same shape as the others.
    data = checked.validated_data
    if data["format"] == "ndjson":
        body = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
        return StreamingHttpResponse([body], content_type="application/x-ndjson")
    page, per_page = data["page"], data["per_page"]
    contents = items[(page - 1) * per_page : page * per_page]
    total_pages = -(-len(items) // per_page)
    return Response(
        {
            "total_items": len(items),
            "total_pages": total_pages,
            "page_number": page,
            "size": len(contents),
            "first_page": page == 1,
            "last_page": page >= total_pages,
            "empty": not contents,
            "contents": contents,
        }
    )


class TaxonomyDetailView(HsdsView):
    @documented_detail("hsds_taxonomy", params.DetailParams)
    def get(self, request, id):
        _checked(params.DetailParams, request)
        if id != WORK_MODEL_TAXONOMY_ID:
            raise Http404
        return Response(documents.taxonomy())


class TaxonomyTermListView(HsdsView):
    """The seven work models as taxonomy terms, in the request's language."""

    @documented_list("hsds_taxonomy_terms_list", params.TaxonomyTermParams)
    def get(self, request):
        checked = _checked(params.TaxonomyTermParams, request)
        data = checked.validated_data
        terms = [documents.taxonomy_term(model) for model in WorkModel.objects.order_by("position")]
        search = (data.get("search") or "").lower()
        if search:
            terms = [
                term
                for term in terms
                if search in term["name"].lower()
                or search in term["description"].lower()
                or search == term["code"]
            ]
        if data.get("taxonomy_id") is False or "parent_id" in data:
            terms = []
        return _static_page(checked, terms)


class TaxonomyTermDetailView(HsdsView):
    @documented_detail("hsds_taxonomy_term", params.DetailParams)
    def get(self, request, id):
        _checked(params.DetailParams, request)
        for model in WorkModel.objects.all():
            if work_model_term_id(model.code) == id:
                return Response(documents.taxonomy_term(model))
        raise Http404

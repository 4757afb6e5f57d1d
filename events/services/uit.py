"""UiT sources of organisations: registering and changing the Search API query whose
events become activities (events.uit.sync)."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from places.models import Place

from ..models import Audience, UitSource
from .activities import activity_place_check, work_models_by_code

QUERY_MAX = 1000


def _checked(
    *,
    organisation_id: int,
    query: str,
    audiences: Iterable[str],
    place: Place | None,
    source: UitSource | None = None,
) -> tuple[str, list[str]]:
    errors: dict[str, str] = {}
    query = " ".join(query.split())
    if not query:
        errors["query"] = _("Give the UiT search query.")
    elif len(query) > QUERY_MAX:
        errors["query"] = _("The query is longer than %(max)s characters.") % {"max": QUERY_MAX}
    else:
        same = UitSource.objects.filter(organisation_id=organisation_id, query=query)
        if source is not None:
            same = same.exclude(pk=source.pk)
        if same.exists():
            errors["query"] = _("This query is already registered.")
    audiences = list(dict.fromkeys(audiences))
    unknown = [value for value in audiences if value not in Audience.values]
    if unknown:
        errors["audiences"] = _("Unknown audience %(value)r.") % {"value": unknown[0]}
    try:
        activity_place_check(place=place, organisation_id=organisation_id, by_moderator=False)
    except ValidationError as error:
        errors.update({name: " ".join(msgs) for name, msgs in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    return query, audiences


@transaction.atomic
def uit_source_register(
    *,
    organisation_id: int,
    name: str,
    query: str,
    work_models: Iterable[str],
    audiences: Iterable[str] = (),
    needs_moderation: bool = False,
    place: Place | None = None,
) -> UitSource:
    """Register an organisation's UiT query; its events arrive with the next sync."""
    models = work_models_by_code(work_models)
    query, audiences = _checked(
        organisation_id=organisation_id, query=query, audiences=audiences, place=place
    )
    source = UitSource.objects.create(
        organisation_id=organisation_id,
        name=name,
        query=query,
        audiences=audiences,
        needs_moderation=needs_moderation,
        place=place,
    )
    source.work_models.set(models)
    return source


@transaction.atomic
def uit_source_update(
    *,
    source: UitSource,
    name: str,
    query: str,
    work_models: Iterable[str],
    audiences: Iterable[str] = (),
    needs_moderation: bool = False,
    place: Place | None = None,
    active: bool = True,
) -> UitSource:
    """Change a UiT source; the next sync applies it to its events (those no longer
    matching a changed query are cancelled then, never deleted)."""
    models = work_models_by_code(work_models)
    query, audiences = _checked(
        organisation_id=source.organisation_id,
        query=query,
        audiences=audiences,
        place=place,
        source=source,
    )
    source.name, source.query, source.audiences = name, query, audiences
    source.needs_moderation, source.place, source.active = needs_moderation, place, active
    source.save()
    source.work_models.set(models)
    return source

"""Activities as an Atom feed (RFC 4287), for feed readers: the same selection as the
calendar feed, newest change first, each entry saying what, when and where in the reader's
language."""

from collections.abc import Callable, Iterable

from django.template.defaultfilters import linebreaksbr
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.language import short_code
from places.public import public_address

from .models import Activity
from .recurrence.words import activity_schedule_in_words

# Feed readers poll: the newest changes are what they need, not the whole directory.
ATOM_ENTRIES = 200


def _where(activity: Activity) -> str:
    place = activity.place
    if place is not None:
        return ", ".join(part for part in (place.name, public_address(place)) if part)
    return ", ".join(area.name for area in activity.service_areas.all())


def _entry_text(activity: Activity, language: str) -> str:
    lines = [activity.summary]
    when = activity_schedule_in_words(activity, language)
    if when:
        lines.append(_("When: %(when)s") % {"when": when})
    where = _where(activity)
    if where:
        lines.append(_("Where: %(where)s") % {"where": where})
    lines.append(_("By: %(organisation)s") % {"organisation": activity.organisation.name})
    # Atom's summary is HTML (Django writes type="html"): the poster's text escaped, its
    # lines kept.
    return linebreaksbr("\n".join(lines), autoescape=True)


def activities_atom(
    activities: Iterable[Activity],
    *,
    title: str,
    feed_url: str,
    site_url: str,
    url_for: Callable[[Activity], str],
) -> bytes:
    """An Atom feed of `activities` (loaded as events.queries.calendar_activities loads them:
    a fixed number of queries)."""
    language = short_code(get_language())
    feed = Atom1Feed(
        title=title,
        link=site_url,
        feed_url=feed_url,
        description=_("Activities near you, from Buurtwijzer."),
        language=language,
        feed_guid=feed_url,
    )
    for activity in activities:
        url = url_for(activity)
        feed.add_item(
            title=activity.title,
            link=url,
            unique_id=url,
            description=_entry_text(activity, language),
            updateddate=activity.updated_at,
            pubdate=activity.created_at,
            author_name=activity.organisation.name,
            categories=[model.label for model in activity.work_models.all()],
        )
    return feed.writeString("utf-8").encode("utf-8")

"""The history page of an activity in the workspace: who changed what, and when."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, translation
from django.utils.translation import gettext as _

from events.languages import language_label
from events.models import Activity, ChangeAction
from events.recurrence.rules import BRUSSELS
from events.recurrence.words import schedule_in_words
from places.models import Place

from .guards import guarded, own_activity


@guarded
def activity_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every recorded change of one activity: who, when, what changed."""
    activity = own_activity(request, pk)
    labels = {
        field.name: field.verbose_name
        for field in Activity._meta.get_fields()
        if hasattr(field, "verbose_name")
    }
    labels.update(schedule=_("dates"), point=_("public point"), translations=_("translations"))
    history = list(activity.changes.select_related("by"))
    # Places by name rather than number; the public point is enough to say where.
    place_ids = {
        value
        for change in history
        for value in change.changes.get("place", [])
        if isinstance(value, int)
    }
    place_names = dict(Place.objects.filter(id__in=place_ids).values_list("id", "name"))
    changes = [
        {
            "change": change,
            "fields": [
                {
                    "name": labels.get(name, name),
                    "before": _short(place_names.get(values[0], values[0]))
                    if name == "place"
                    else _short(values[0]),
                    "after": _short(place_names.get(values[1], values[1]))
                    if name == "place"
                    else _short(values[1]),
                }
                for name, values in change.changes.items()
            ]
            if change.action != ChangeAction.CREATED
            else [],
        }
        for change in history
    ]
    return render(
        request,
        "frontend/workspace/history.html",
        {"activity": activity, "changes": changes},
    )


def _schedule_text(value: dict) -> str:
    """A schedule snapshot in words ("elke dinsdag, 19:00–21:00"), with its cancelled and
    extra dates, so that a change of the end time or of one date shows in the history."""
    start = datetime.fromisoformat(value["dtstart"])
    duration = timedelta(seconds=value.get("duration_s", 0))
    language = translation.get_language() or "nl"
    try:
        text = schedule_in_words(
            dtstart=start, duration=duration, rrule=value.get("rrule", ""), language=language
        )
    except ValidationError:
        text = formats.date_format(start.astimezone(BRUSSELS), "j F Y, H:i")
    if value.get("rrule"):
        first = formats.date_format(start.astimezone(BRUSSELS), "j F Y")
        text += " " + _("(from %(date)s)") % {"date": first}
    parts = [text]
    for key, label in (("exdates", _("cancelled:")), ("rdates", _("extra dates:"))):
        moments = [datetime.fromisoformat(moment) for moment in value.get(key, [])]
        if moments:
            days = ", ".join(
                formats.date_format(moment.astimezone(BRUSSELS), "j F Y, H:i") for moment in moments
            )
            parts.append(f"{label} {days}")
    return "; ".join(parts)


def _translations_text(value: dict) -> str:
    """Translations by language and title ("Arabisch (العربية): مجموعة حديث")."""
    return "; ".join(
        f"{language_label(code)}: {texts.get('title', '')}" for code, texts in value.items()
    )


def _short(value) -> str:
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, dict) and "dtstart" in value:
        return _schedule_text(value)
    if isinstance(value, dict) and all(isinstance(texts, dict) for texts in value.values()):
        value = _translations_text(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if len(text) <= 120 else text[:117] + "…"

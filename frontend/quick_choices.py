"""The quick choices above the home page's list (today, this week, near me, free): links
that switch one filter of the current query on or off, so that they work without
JavaScript and combine with the search words and the other filters."""

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext as _

from .forms.date_input import DATE_PARTS


@dataclass(frozen=True)
class QuickChoice:
    key: str
    label: str
    query: str  # the query string the link leads to (without "?")
    active: bool


def _clean(query: QueryDict) -> QueryDict:
    """A copy without the empty fields a submitted form leaves ("near=&area=")."""
    changed = query.copy()
    for key in list(changed):
        values = [value for value in changed.getlist(key) if value]
        if values:
            changed.setlist(key, values)
        else:
            del changed[key]
    return changed


def _toggled(query: QueryDict, name: str, value: str, *, drop: tuple[str, ...] = ()) -> tuple:
    """The query with `name=value` switched: removed when it was there, else set (replacing
    another value of `name`). Any page number is dropped: the list starts again."""
    changed = _clean(query)
    for key in ("page", *drop, *(f"{name}_{part}" for name in drop for part in DATE_PARTS)):
        changed.pop(key, None)
    active = query.get(name) == value
    if active:
        changed.pop(name, None)
    else:
        changed[name] = value
    return changed.urlencode(), active


def quick_choices(query: QueryDict) -> list[QuickChoice]:
    """Today, this week, near me and free, each switching its filter in `query`. "Near me"
    without a point leads to the neighbourhood choice; the page's script turns it into a
    location request where the browser can give one."""
    choices = []
    for key, value, label, drop in (
        ("today", "today", _("Today"), ("from_date", "to_date")),
        ("week", "week", _("This week"), ("from_date", "to_date")),
    ):
        link, active = _toggled(query, "when", value, drop=drop)
        choices.append(QuickChoice(key, label, link, active))
    near = bool(query.get("near") or query.get("area"))
    without_point = _clean(query)
    for key in ("page", "near", "area"):
        without_point.pop(key, None)
    choices.append(
        QuickChoice("near", _("Near me"), without_point.urlencode() if near else "", near)
    )
    link, active = _toggled(query, "free", "on")
    choices.append(QuickChoice("free", _("Free"), link, active))
    return choices


@dataclass(frozen=True)
class ModelChoice:
    model: object  # events.models.WorkModel
    query: str  # the query string the link leads to (without "?")
    active: bool


def model_choices(query: QueryDict, work_models: list) -> list[ModelChoice]:
    """ "What are you looking for": each of the seven work models as a link that adds it to
    the chosen ones (or takes it off again), keeping the other filters."""
    chosen = query.getlist("work_model")
    choices = []
    for model in work_models:
        changed = _clean(query)
        changed.pop("page", None)
        active = model.code in chosen
        others = [code for code in chosen if code != model.code]
        values = others if active else [*chosen, model.code]
        if values:
            changed.setlist("work_model", values)
        else:
            changed.pop("work_model", None)
        choices.append(ModelChoice(model, changed.urlencode(), active))
    return choices

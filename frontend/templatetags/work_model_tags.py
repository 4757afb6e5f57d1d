"""A work model's tag (pictogram and name) drawn once per wording, not once per card."""

import functools
from types import SimpleNamespace

from django import template
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

TAG = "frontend/includes/work_model_tag.html"


@register.simple_tag
def work_model_tag(model, href: str = "", current: bool = False) -> SafeString:
    """frontend/includes/work_model_tag.html for `model`. A list of 20 activities draws
    some 40 tags of the same seven models, and three nested includes per tag cost the home
    page 7 ms; the markup depends only on the code, the two names in the page's language
    and the link, so it is drawn once per such wording."""
    return _tag(model.code, model.label, model.name, href, bool(current))


@functools.lru_cache(maxsize=512)
def _tag(code: str, label: str, name: str, href: str, current: bool) -> SafeString:
    model = SimpleNamespace(code=code, label=label, name=name)
    context = {"model": model, "href": href, "current": current}
    return mark_safe(get_template(TAG).render(context))  # the template escapes

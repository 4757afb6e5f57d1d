"""The site's small stylesheet written into the page: on a slow 3G line every extra request
costs a two-second round trip before the list can be drawn."""

from functools import cache

from django import template
from django.contrib.staticfiles import finders
from django.utils.safestring import mark_safe

register = template.Library()


@cache
def _read(path: str) -> str:
    found = finders.find(path)
    if not found:
        raise template.TemplateSyntaxError(f"inline_static: no static file {path!r}")
    with open(found, encoding="utf-8") as file:
        # A stylesheet cannot close the <style> element it is written into.
        return file.read().replace("</", "<\\/")


@register.simple_tag
def inline_static(path: str) -> str:
    return mark_safe(_read(path))  # our own static file, not user input

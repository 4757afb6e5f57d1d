"""Small helpers for the home page's list."""

from django import template

from events.languages import language_label

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    return language_label(code)

"""The short printed address of an activity (`buurtwijzer.example/b/00K7`)."""

from django import template

from events.short_codes import short_code as code_of

register = template.Library()


@register.filter
def short_code(activity) -> str:
    return code_of(activity.pk)

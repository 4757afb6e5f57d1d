"""Figures on the coverage dashboard as readers of its language write them."""

from django import template
from django.utils import formats

from frontend.coverage_display import whole_percent

register = template.Library()


@register.filter
def thousands(value) -> str:
    """72126 → "72.126" in Dutch and French, "72,126" in English; empty stays empty."""
    if value is None or value == "":
        return ""
    return formats.number_format(value, force_grouping=True)


@register.filter
def pct(share) -> str:
    """A share of 1 as a whole percentage ("72 %"); None as an empty string."""
    return "" if share is None else whole_percent(share)

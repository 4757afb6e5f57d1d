"""The site's small stylesheet written into the page: on a slow 3G line every extra request
costs a two-second round trip before the list can be drawn."""

import base64
import hashlib
from functools import cache

import rcssmin
from django import template
from django.contrib.staticfiles import finders
from django.utils.safestring import mark_safe

register = template.Library()

# Every stylesheet a template writes into a page: the Content-Security-Policy allows exactly
# these by their hashes (config.csp), so that pages rendered without a request (error pages)
# or kept in a cache need no nonce.
# vendor/design/design.css is the design system (govuk-frontend), made by scripts/design.sh.
INLINED_STYLESHEETS = (
    "vendor/design/design.css",
    "frontend/site.css",
    "frontend/dashboard.css",
    "frontend/map.css",
)


@cache
def _read(path: str) -> str:
    if path not in INLINED_STYLESHEETS:
        raise template.TemplateSyntaxError(
            f"inline_static: {path!r} is not in INLINED_STYLESHEETS (the CSP allows those only)"
        )
    found = finders.find(path)
    if not found:
        raise template.TemplateSyntaxError(f"inline_static: no static file {path!r}")
    with open(found, encoding="utf-8") as file:
        # Without its comments and spaces (a page carries it on every visit); a stylesheet
        # cannot close the <style> element it is written into.
        return rcssmin.cssmin(file.read()).replace("</", "<\\/")


@cache
def inlined_style_hashes() -> tuple[str, ...]:
    """The CSP sources ('sha256-…') of the stylesheets as they are written into pages."""
    return tuple(
        f"'sha256-{base64.b64encode(hashlib.sha256(_read(path).encode()).digest()).decode()}'"
        for path in INLINED_STYLESHEETS
    )


@register.simple_tag
def inline_static(path: str) -> str:
    return mark_safe(_read(path))  # our own static file, not user input

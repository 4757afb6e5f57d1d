"""How the walking-distance share looks in the dashboard's matrix, map and legend: five
classes of blue, 0 % in its own colour (nobody within walking distance: a gap), and
"no residents known" hatched and in words, so that it cannot be read as 0 %.

Classes rather than a continuous scale: a continuous blue passes through mid tones on which
neither white nor black text reaches WCAG's 4.5:1 (white on hsl(210, 65%, 50%) is 4.2:1),
and a class is easier to read back from the legend."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

DARK_TEXT = "#1d1d1b"
LIGHT_TEXT = "#ffffff"
NO_DATA_FILL = "#f4f4f4"
# Hatching for "no residents known" (CSS; the SVG map and Leaflet use a dashed outline).
NO_DATA_CSS = (
    "background-color: #f4f4f4; background-image: repeating-linear-gradient(45deg, "
    f"#f4f4f4 0, #f4f4f4 6px, #d9d9d9 6px, #d9d9d9 8px); color: {DARK_TEXT}"
)


@dataclass(frozen=True)
class ShareClass:
    low: float  # inclusive
    high: float  # exclusive, except for the last class
    fill: str
    text: str
    label: Promise


SHARE_CLASSES = [
    ShareClass(0.0, 0.0, "#f6c9a8", DARK_TEXT, _("0 %: nobody within walking distance")),
    ShareClass(0.0, 0.25, "#e3eef9", DARK_TEXT, _("less than 25 %")),
    ShareClass(0.25, 0.5, "#b6d2ef", DARK_TEXT, _("25 to 50 %")),
    ShareClass(0.5, 0.75, "#7fb0e3", DARK_TEXT, _("50 to 75 %")),
    ShareClass(0.75, 1.0, "#2a69a8", LIGHT_TEXT, _("75 % to all but a few")),
    ShareClass(1.0, 1.0, "#123f6b", LIGHT_TEXT, _("100 %: everybody")),
]


def share_class(share: float | None) -> ShareClass | None:
    """The class of a share of residents (0..1); None when no residents are known."""
    if share is None:
        return None
    if share <= 0:
        return SHARE_CLASSES[0]
    if share >= 1:
        return SHARE_CLASSES[-1]
    for klass in SHARE_CLASSES[1:-1]:
        if klass.low <= share < klass.high:
            return klass
    return SHARE_CLASSES[-2]


def share_fill(share: float | None) -> str:
    klass = share_class(share)
    return NO_DATA_FILL if klass is None else klass.fill


def share_style(share: float | None) -> str:
    """The inline style of a matrix cell."""
    klass = share_class(share)
    if klass is None:
        return NO_DATA_CSS
    return f"background: {klass.fill}; color: {klass.text}"


def legend() -> list[dict]:
    """The legend's entries, from 0 % to 100 %, then "no residents known"."""
    return [
        {"style": f"background: {klass.fill}", "label": klass.label} for klass in SHARE_CLASSES
    ] + [{"style": NO_DATA_CSS, "label": _("no residents known"), "no_data": True}]


def luminance(colour: str) -> float:
    """WCAG's relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG's contrast ratio of two #rrggbb colours."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)

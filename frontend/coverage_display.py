"""What the dashboard's figures look like on the page and in the report: the matrix cells'
colours, texts and links, the map's configuration, and the map drawn on the server for the
PDF. The figures themselves come from events.coverage."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from buurt.queries import area_outlines_svg, parent_codes
from events.coverage.figures import Dashboard

from .coverage_scale import DARK_TEXT, NO_DATA_FILL, share_class, share_fill, share_style


def whole_percent(share: float) -> str:
    """A share of 1 as a whole percentage: 0.4999 → "50 %"."""
    return f"{round(share * 100)} %"


def percent(share: float | None) -> str:
    """A share as the page writes it; unknown is said in words, never as 0 %."""
    return _("no residents known") if share is None else whole_percent(share)


def activities_url(*, area_code: str, model_code: str, area_url: str | None = None) -> str:
    """The public list of exactly the activities a cell counts: the area's page, at its block
    for the work model (activities placed in the area or serving it, as the count). Not the
    home page's neighbourhood filter: that one searches around a resident's point, so its
    list would not match the count. `area_url`: the area's page, when already known."""
    area_url = area_url or reverse("frontend:neighbourhood", args=[area_code])
    return f"{area_url}#model-{model_code}"


def decorate_cells(dashboard: Dashboard) -> None:
    """Adds to each matrix cell its style, texts and the link to its activities."""
    names = {model.code: model.name for model in dashboard.models}
    for row in dashboard.rows:
        area_url = reverse("frontend:neighbourhood", args=[row["code"]])  # once per row
        for code, cell in row["work_models"].items():
            cell["style"] = share_style(cell["walking"])
            cell["no_data"] = cell["walking"] is None
            cell["walking_pct"] = percent(cell["walking"])
            cell["cycling_pct"] = percent(cell["cycling"])
            if "then" in cell:
                cell["then"]["walking_pct"] = percent(cell["then"]["walking"])
            cell["url"] = activities_url(area_code=row["code"], model_code=code, area_url=area_url)
            cell["link_label"] = ngettext(
                "%(count)s activity of %(model)s in %(area)s",
                "%(count)s activities of %(model)s in %(area)s",
                cell["activities"],
            ) % {"count": cell["activities"], "model": names[code], "area": row["name"]}


def map_config(dashboard: Dashboard, *, model_code: str, model_name: str) -> dict:
    """The choropleth's configuration: where the outlines come from, each area's share and
    fill, and the words for its labels."""
    codes = [row["code"] for row in dashboard.rows]
    return {
        # The areas API filters by direct parent: one request per parent of the areas shown
        # (the municipality itself, or its districts for wijken).
        "areasUrls": [
            reverse("api:area-list")
            + "?"
            + urlencode({"kind": dashboard.level, "parent": parent, "simplify": 10})
            for parent in parent_codes(kind=dashboard.level, codes=codes)
        ],
        "shares": {
            row["code"]: row["work_models"][model_code]["walking"] for row in dashboard.rows
        },
        "fills": {
            row["code"]: share_fill(row["work_models"][model_code]["walking"])
            for row in dashboard.rows
        },
        "noDataFill": NO_DATA_FILL,
        "model": model_name,
        "noData": _("no residents known"),
        # Names on every area while they fit; with many, from a closer zoom on.
        "labelsFromZoom": 0 if len(codes) <= 30 else 14,
    }


def report_map(dashboard: Dashboard, *, model_code: str) -> dict | None:
    """The map of the PDF report: each area's outline in its class's fill, its name on it
    and its share under the name; None without areas."""
    by_code = {row["code"]: row for row in dashboard.rows}
    outlines, box = area_outlines_svg(kind=dashboard.level, codes=list(by_code))
    if box is None:
        return None
    x, y, width, height = box
    # Type about 1/60 of the map's width: readable at A4 for up to some tens of areas.
    size = max(width, height) / (60 if len(outlines) <= 30 else 90)
    areas = []
    for outline in outlines:
        share = by_code[outline.code]["work_models"][model_code]["walking"]
        klass = share_class(share)
        areas.append(
            {
                "code": outline.code,
                "name": outline.name,
                "path": outline.path,
                "x": round(outline.label_x),
                "y": round(outline.label_y),
                "fill": share_fill(share),
                "no_data": klass is None,
                "text": DARK_TEXT if klass is None else klass.text,
                "share": percent(share),
            }
        )
    margin = size * 2
    return {
        "view_box": f"{x - margin:.0f} {y - margin:.0f} {width + 2 * margin:.0f} "
        f"{height + 2 * margin:.0f}",
        "areas": areas,
        "font_size": round(size),
        "line": round(size / 12, 1),
    }

"""Figures on the coverage dashboard as readers of its language write them."""

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext

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


@register.simple_tag(takes_context=True)
def matrix_cell(context, code: str, cell: dict) -> str:
    """One cell of the work-model matrix (`_tables.html`): its activities (a link to them,
    plain text in the printed report), activities per 1,000 residents, and the walking and
    cycling shares, with the earlier date's figures in brackets when compared.

    Written here with format_html rather than as template markup: a municipality's matrix
    is hundreds of cells (Antwerpen's wijken: 469), and as about twenty template nodes each
    they took 90 ms of the page's 140 ms render."""
    then = cell.get("then") if context["dashboard"].then else None
    localize = formats.localize
    if context.get("report"):
        activities = format_html(
            '<span class="cell-activities">{}</span>', localize(cell["activities"])
        )
    else:
        activities = format_html(
            '<a href="{}" class="cell-activities" aria-label="{}">{}</a>',
            cell["url"],
            cell["link_label"],
            localize(cell["activities"]),
        )
    if then is not None:
        activities += format_html(" ({})", localize(then["activities"]))
    per_1000 = "–" if cell["per_1000"] is None else localize(cell["per_1000"])
    if cell["no_data"]:
        shares = format_html('<small class="cell-walking">{}</small>', cell["walking_pct"])
    else:
        walking_then = format_html(" ({})", then["walking_pct"]) if then is not None else ""
        shares = format_html(
            '<small>{} <span class="cell-walking">{}</span>{}</small><br>'
            '<small>{} <span class="cell-cycling">{}</span></small>',
            gettext("walk"),
            cell["walking_pct"],
            walking_then,
            gettext("bike"),
            cell["cycling_pct"],
        )
    return format_html(
        '<td class="govuk-table__cell{}" style="{}" data-model="{}">{}<br>'
        '<small><span class="cell-per-1000">{}</span> / 1.000</small><br>{}</td>',
        " no-data" if cell["no_data"] else "",
        cell["style"],
        code,
        activities,
        per_1000,
        shares,
    )

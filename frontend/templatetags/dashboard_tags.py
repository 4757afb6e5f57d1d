"""Figures on the coverage dashboard as readers of its language write them."""

from django import template
from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from events.languages import language_label
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


@register.filter
def languages_counted(languages: dict) -> str:
    """{"ar": 2, "en": 8} → "Arabisch (العربية) 2; Engels (English) 8" (in the dict's order),
    "–" for none: the languages column, one call per row rather than a loop of nodes."""
    if not languages:
        return "–"
    return "; ".join(
        f"{language_label(code)} {formats.localize(n)}" for code, n in languages.items()
    )


@register.simple_tag(takes_context=True)
def matrix_cell(context, code: str, cell: dict) -> str:
    """One cell of the work-model matrix (`_tables.html`): its activities (a link to them,
    plain text in the printed report), activities per 1,000 residents, and the walking and
    cycling shares, with the earlier date's figures in brackets when compared.

    Written here as one string rather than as template markup: a municipality's matrix is
    hundreds of cells (Antwerpen's wijken: 469), and as about twenty template nodes each
    they took most of the page's render. Every value is escaped (`escape`)."""
    then = cell.get("then") if context["dashboard"].then else None
    number = formats.localize
    activities = escape(number(cell["activities"]))
    if context.get("report"):
        activities = f'<span class="cell-activities">{activities}</span>'
    else:
        url, label = escape(cell["url"]), escape(cell["link_label"])
        activities = (
            f'<a href="{url}" class="cell-activities" aria-label="{label}">{activities}</a>'
        )
    if then is not None:
        activities += f" ({escape(number(then['activities']))})"
    per_1000 = "–" if cell["per_1000"] is None else escape(number(cell["per_1000"]))
    walking = escape(cell["walking_pct"])
    if cell["no_data"]:
        shares = f'<small class="cell-walking">{walking}</small>'
    else:
        walking_then = f" ({escape(then['walking_pct'])})" if then is not None else ""
        shares = (
            f'<small>{escape(gettext("walk"))} <span class="cell-walking">{walking}</span>'
            f"{walking_then}</small><br>"
            f"<small>{escape(gettext('bike'))} "
            f'<span class="cell-cycling">{escape(cell["cycling_pct"])}</span></small>'
        )
    no_data = " no-data" if cell["no_data"] else ""
    return mark_safe(  # every value above is escaped
        f'<td class="govuk-table__cell{no_data}" style="{escape(cell["style"])}" '
        f'data-model="{escape(code)}">{activities}<br>'
        f'<small><span class="cell-per-1000">{per_1000}</span> / 1.000</small><br>{shares}</td>'
    )
